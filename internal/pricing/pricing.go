// Package pricing computes what a subsidy application claims, the one home
// of the counting rules the amount rests on: trainees count with an issued
// certificate or an electronic-certificate voucher (R12), each person once,
// up to each class's effective headcount (R10), priced at the subsidy
// standard of the class's category and level. The application hook prices
// a new application with it, the quote query shows the same figures before
// submission, and the prepayment (R6) reads the standard from it.
package pricing

import (
	"context"
	"slices"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/certificate"
	"github.com/hnvt/bairi/ent/prepayment"
	"github.com/hnvt/bairi/ent/subsidyapplication"
	"github.com/hnvt/bairi/ent/subsidystandard"
	"github.com/hnvt/bairi/ent/trainingclass"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/lifecycle"
)

// KindCategories are the class categories an application kind claims for.
var KindCategories = map[subsidyapplication.Kind][]trainingclass.Category{
	subsidyapplication.KindCLASS_TRAINING:   {trainingclass.CategoryENTERPRISE_EMPLOYEE, trainingclass.CategoryKEY_GROUP},
	subsidyapplication.KindWORK_IN_LIEU:     {trainingclass.CategoryWORK_IN_LIEU},
	subsidyapplication.KindAPPRENTICESHIP:   {trainingclass.CategoryAPPRENTICESHIP},
	subsidyapplication.KindENTREPRENEURSHIP: {trainingclass.CategoryENTREPRENEURSHIP},
}

// PerHead is the subsidy standard of a category at a skill level, in fen:
// the standard set for that level, else the one for any level (0).
func PerHead(ctx context.Context, c *ent.Client, cat trainingclass.Category, level int) (int64, error) {
	std, err := c.SubsidyStandard.Query().Where(subsidystandard.CategoryEQ(subsidystandard.Category(cat)),
		subsidystandard.LevelIn(0, level)).Order(ent.Desc(subsidystandard.FieldLevel)).First(ctx)
	if ent.IsNotFound(err) {
		return 0, fault.New(fault.Conflict, "no subsidy standard is set for %s training: the province admin sets it", cat)
	}
	if err != nil {
		return 0, err
	}
	return std.FenPerHead, nil
}

// Class is one class of a quote: why it adds what it adds.
type Class struct {
	Class *ent.TrainingClass
	// FenPerHead is the standard applied.
	FenPerHead int64
	// Certified and Vouchers are the trainees counted with an issued
	// certificate and through a voucher (R12); Counted is their sum, capped
	// by the class's effective headcount (R10).
	Certified, Vouchers, Counted int
	// Uncounted are the holders left out: over the effective headcount, or
	// already counted in another class of the same application.
	Uncounted int
	AmountFen int64
}

// Quote is what an application for some classes claims.
type Quote struct {
	Classes    []Class
	Headcount  int
	AmountFen  int64
	PrepaidFen int64
	// Lines are the certificates that count, one per person, an issued one
	// before a voucher: the application's lines (R12).
	Lines []*ent.Certificate
}

// Price quotes an application of the organisation for the classes: each
// must be the organisation's, completed, of a category the kind covers,
// with a standard set, and in no other live application. With orgID 0 the
// organisation is that of the first class (a quote before submission).
func Price(ctx context.Context, c *ent.Client, kind subsidyapplication.Kind, orgID int, classIDs []int) (*Quote, error) {
	if len(classIDs) == 0 {
		return nil, fault.Input("classIDs", "an application claims for at least one class")
	}
	classes, err := c.TrainingClass.Query().Where(trainingclass.IDIn(classIDs...)).Order(ent.Asc(trainingclass.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	if len(classes) != len(classIDs) {
		return nil, fault.Input("classIDs", "a class claimed for does not exist or is not yours")
	}
	if orgID == 0 && len(classes) > 0 {
		orgID = classes[0].OrganizationID
	}
	q := &Quote{}
	holders := map[int]bool{}
	for _, cl := range classes {
		switch {
		case cl.OrganizationID != orgID:
			return nil, fault.Input("classIDs", "class %d belongs to another organisation", cl.ID)
		case !lifecycle.Class.In("CLAIM_SUBSIDY", string(cl.Status)):
			return nil, fault.Input("classIDs", "class %d is %s: subsidies are claimed for completed classes", cl.ID, cl.Status)
		case !slices.Contains(KindCategories[kind], cl.Category):
			return nil, fault.Input("classIDs", "class %d is %s training, which a %s application does not cover", cl.ID, cl.Category, kind)
		}
		perHead, err := PerHead(ctx, c, cl.Category, cl.Level)
		if err != nil {
			return nil, err
		}
		certs, err := c.Certificate.Query().Where(certificate.ClassID(cl.ID),
			certificate.StatusIn(certificate.StatusISSUED, certificate.StatusPENDING_ELECTRONIC)).
			Order(ent.Asc(certificate.FieldStatus), ent.Asc(certificate.FieldID)).All(ctx)
		if err != nil {
			return nil, err
		}
		line := Class{Class: cl, FenPerHead: perHead}
		for _, cert := range certs {
			if line.Counted == cl.EffectiveHeadcount || holders[cert.HolderID] {
				line.Uncounted++
				continue
			}
			holders[cert.HolderID] = true
			q.Lines = append(q.Lines, cert)
			line.Counted++
			if cert.Status == certificate.StatusPENDING_ELECTRONIC {
				line.Vouchers++
			} else {
				line.Certified++
			}
		}
		line.AmountFen = perHead * int64(line.Counted)
		q.Classes = append(q.Classes, line)
		q.Headcount += line.Counted
		q.AmountFen += line.AmountFen
	}
	if q.Headcount == 0 {
		return nil, fault.Input("classIDs", "no trainee of these classes holds a certificate or an electronic-certificate voucher (R12) yet")
	}
	already, err := c.SubsidyApplication.Query().Where(
		subsidyapplication.HasClassesWith(trainingclass.IDIn(classIDs...)),
		subsidyapplication.StateNEQ(subsidyapplication.StateREJECTED)).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if already {
		return nil, fault.New(fault.Conflict, "a class claimed for is already in another application")
	}
	pres, err := c.Prepayment.Query().Where(prepayment.ClassIDIn(classIDs...), prepayment.StatusEQ(prepayment.StatusPAID)).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range pres {
		q.PrepaidFen += p.AmountFen
	}
	return q, nil
}
