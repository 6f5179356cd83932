package schema

import (
	"context"
	"slices"
	"strings"

	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/privacy"
	gen "github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/applicationline"
	"github.com/hnvt/bairi/ent/certificate"
	"github.com/hnvt/bairi/ent/hook"
	"github.com/hnvt/bairi/ent/objection"
	"github.com/hnvt/bairi/ent/prepayment"
	genprivacy "github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/ent/subsidyapplication"
	"github.com/hnvt/bairi/ent/trainingclass"
	"github.com/hnvt/bairi/internal/deadline"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/lifecycle"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

// applicationHook computes the amount of a new application and keeps the
// R7 state machine and its clocks honest.
func applicationHook() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.SubsidyApplicationFunc(func(ctx context.Context, m *gen.SubsidyApplicationMutation) (ent.Value, error) {
			c := m.Client()
			now := m.Clock.Now()
			cal, err := deadline.Calendar(ctx, c)
			if err != nil {
				return nil, err
			}
			if m.Op().Is(ent.OpCreate) {
				oid, _ := m.OrganizationID()
				org, err := c.Organization.Get(ctx, oid)
				if err != nil {
					return nil, err
				}
				m.SetRegionID(org.RegionID)
				m.SetState(subsidyapplication.State(lifecycle.Application.Initial()))
				m.SetSubmittedAt(now)
				m.SetAcceptanceDueAt(cal.DueAt(now, 0))
				lines, err := priceApplication(ctx, c, m, oid)
				if err != nil {
					return nil, err
				}
				v, err := next.Mutate(ctx, m)
				if err != nil {
					return nil, err
				}
				app := v.(*gen.SubsidyApplication)
				creates := make([]*gen.ApplicationLineCreate, len(lines))
				for i, l := range lines {
					creates[i] = c.ApplicationLine.Create().SetApplicationID(app.ID).SetRegionID(app.RegionID).
						SetPersonID(l.HolderID).SetCertificateID(l.ID).SetVoucher(l.Status == certificate.StatusPENDING_ELECTRONIC)
				}
				if err := c.ApplicationLine.CreateBulk(creates...).Exec(viewer.WithPurpose(ctx, viewer.PurposeClaim)); err != nil {
					return nil, err
				}
				return app, nil
			}
			to, ok := m.State()
			if !ok {
				return next.Mutate(ctx, m)
			}
			id, _ := m.ID()
			app, err := c.SubsidyApplication.Get(ctx, id)
			if err != nil {
				return nil, err
			}
			if err := lifecycle.Application.Check(string(app.State), string(to)); err != nil {
				return nil, err
			}
			switch to {
			case subsidyapplication.StateACCEPTED:
				// The reviewer, not the applicant, decides whether the case is complex.
				complex, _ := m.Complex()
				if reason, _ := m.ComplexReason(); complex && strings.TrimSpace(reason) == "" {
					return nil, fault.Input("reason", "say why the case is complex: it gets 3 working days of review instead of the same day")
				}
				if !complex {
					m.ClearComplexReason()
				}
				m.SetAcceptedAt(now)
				m.SetReviewDueAt(cal.DueAt(now, deadline.Length(deadline.Review, complex, 0)))
				m.SetHrDueAt(cal.DueAt(now, deadline.Length(deadline.HR, complex, app.HrDaysUsed)))
			case subsidyapplication.StateREVIEWED:
				// R12: every trainee counted through a voucher carries the county HR's remark.
				missing, err := c.ApplicationLine.Query().Where(applicationline.ApplicationID(id), applicationline.Voucher(true),
					applicationline.Or(applicationline.RemarkIsNil(), applicationline.Remark(""))).Count(ctx)
				if err != nil {
					return nil, err
				}
				if missing > 0 {
					return nil, fault.New(fault.Conflict, "%d trainees are counted through an electronic-certificate voucher (R12) without the county HR's remark", missing)
				}
				m.SetReviewedAt(now)
				m.SetPublicityDueAt(cal.DueAt(now, 0))
			case subsidyapplication.StateIN_PUBLICITY:
				ends := deadline.PublicityEnds(now)
				m.SetPublicityStartedAt(now)
				m.SetPublicityEndsAt(ends)
				m.SetHandoverDueAt(cal.DueAt(ends, 0))
			case subsidyapplication.StateTRANSFERRED_TO_FINANCE:
				if app.PublicityEndsAt == nil || now.Before(*app.PublicityEndsAt) {
					return nil, fault.New(fault.Conflict, "the public notice lasts at least 3 whole days: it ends at %s", app.PublicityEndsAt.In(workday.China).Format("2006-01-02 15:04"))
				}
				open, err := c.Objection.Query().Where(objection.ApplicationID(id), objection.Resolved(false)).Exist(ctx)
				if err != nil {
					return nil, err
				}
				if open {
					return nil, fault.New(fault.Conflict, "objections to this application are not all resolved")
				}
				m.SetTransferredAt(now)
				m.SetFinanceDueAt(cal.DueAt(now, deadline.Length(deadline.Finance, false, 0)))
			case subsidyapplication.StatePAID:
				m.SetPaidAt(now)
			case subsidyapplication.StateRETURNED:
				m.SetReturnedAt(now)
				if app.AcceptedAt != nil {
					used := cal.WorkingDaysBetween(workday.DateOf(*app.AcceptedAt, workday.China), workday.DateOf(now, workday.China))
					m.SetHrDaysUsed(app.HrDaysUsed + max(used, 0))
				}
			case subsidyapplication.StateREJECTED:
				if cm, _ := m.Comment(); cm == "" {
					return nil, fault.Input("comment", "a rejection needs a reason")
				}
				m.SetRejectedAt(now)
			case subsidyapplication.StateSUBMITTED:
				m.SetSubmittedAt(now)
				m.SetAcceptanceDueAt(cal.DueAt(now, 0))
				m.ClearAcceptedAt()
				m.ClearReviewDueAt()
				m.ClearPublicityDueAt()
				m.ClearHandoverDueAt()
				m.ClearHrDueAt()
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdateOne)
}

// kindCategory is the class category an application kind claims for.
var kindCategory = map[subsidyapplication.Kind][]trainingclass.Category{
	subsidyapplication.KindCLASS_TRAINING:   {trainingclass.CategoryENTERPRISE_EMPLOYEE, trainingclass.CategoryKEY_GROUP},
	subsidyapplication.KindWORK_IN_LIEU:     {trainingclass.CategoryWORK_IN_LIEU},
	subsidyapplication.KindAPPRENTICESHIP:   {trainingclass.CategoryAPPRENTICESHIP},
	subsidyapplication.KindENTREPRENEURSHIP: {trainingclass.CategoryENTREPRENEURSHIP},
}

// priceApplication counts the trainees of the classes claimed for who hold
// a certificate or an R12 voucher, up to each class's effective headcount
// (R10), prices them with the subsidy standards and returns the certificate
// that counts each (an issued one before a voucher).
func priceApplication(ctx context.Context, c *gen.Client, m *gen.SubsidyApplicationMutation, orgID int) ([]*gen.Certificate, error) {
	kind, _ := m.Kind()
	ids := m.ClassesIDs()
	if len(ids) == 0 {
		return nil, fault.Input("classIDs", "an application claims for at least one class")
	}
	classes, err := c.TrainingClass.Query().Where(trainingclass.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, err
	}
	if len(classes) != len(ids) {
		return nil, fault.Input("classIDs", "a class claimed for does not exist or is not yours")
	}
	standards, err := c.SubsidyStandard.Query().All(ctx)
	if err != nil {
		return nil, err
	}
	price := func(cat trainingclass.Category, level int) (int64, bool) {
		var any int64
		found := false
		for _, s := range standards {
			if string(s.Category) != string(cat) {
				continue
			}
			if s.Level == level && level != 0 {
				return s.FenPerHead, true
			}
			if s.Level == 0 {
				any, found = s.FenPerHead, true
			}
		}
		return any, found
	}
	var headcount int
	var amount int64
	var lines []*gen.Certificate
	holders := map[int]bool{}
	for _, cl := range classes {
		switch {
		case cl.OrganizationID != orgID:
			return nil, fault.Input("classIDs", "class %d belongs to another organisation", cl.ID)
		case !lifecycle.Class.In("CLAIM_SUBSIDY", string(cl.Status)):
			return nil, fault.Input("classIDs", "class %d is %s: subsidies are claimed for completed classes", cl.ID, cl.Status)
		case !slices.Contains(kindCategory[kind], cl.Category):
			return nil, fault.Input("classIDs", "class %d is %s training, which a %s application does not cover", cl.ID, cl.Category, kind)
		}
		perHead, ok := price(cl.Category, cl.Level)
		if !ok {
			return nil, fault.New(fault.Conflict, "no subsidy standard is set for %s training: the province admin sets it", cl.Category)
		}
		// Trainees count with a certificate or an R12 voucher, up to the R10 effective headcount.
		certs, err := c.Certificate.Query().Where(certificate.ClassID(cl.ID),
			certificate.StatusIn(certificate.StatusISSUED, certificate.StatusPENDING_ELECTRONIC)).
			Order(gen.Asc(certificate.FieldStatus), gen.Asc(certificate.FieldID)).All(ctx)
		if err != nil {
			return nil, err
		}
		counted := 0
		for _, cert := range certs {
			if counted == cl.EffectiveHeadcount {
				break
			}
			if !holders[cert.HolderID] {
				holders[cert.HolderID] = true
				lines = append(lines, cert)
				counted++
			}
		}
		headcount += counted
		amount += perHead * int64(counted)
	}
	if headcount == 0 {
		return nil, fault.Input("classIDs", "no trainee of these classes holds a certificate or an electronic-certificate voucher (R12) yet")
	}
	already, err := c.SubsidyApplication.Query().Where(
		subsidyapplication.HasClassesWith(trainingclass.IDIn(ids...)),
		subsidyapplication.StateNEQ(subsidyapplication.StateREJECTED)).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if already {
		return nil, fault.New(fault.Conflict, "a class claimed for is already in another application")
	}
	pres, err := c.Prepayment.Query().Where(prepayment.ClassIDIn(ids...), prepayment.StatusEQ(prepayment.StatusPAID)).All(ctx)
	if err != nil {
		return nil, err
	}
	var prepaid int64
	for _, p := range pres {
		prepaid += p.AmountFen
	}
	m.SetHeadcount(headcount)
	m.SetAmountFen(amount)
	// All of it: what exceeds the amount becomes an amount to recover at payment.
	m.SetPrepaidFen(prepaid)
	return lines, nil
}

func applicationPolicy() ent.Policy {
	return privacy.Policy{
		Query: append(privacy.QueryPolicy{allowPurpose(viewer.PurposePublicity)}, scopedQuery(scope{region: inRegionSubtree,
			staff: func(v *viewer.Viewer) entql.P { return entql.FieldEQ("organization_id", v.OrgID) }})...),
		Mutation: privacy.MutationPolicy{
			denyIfNoViewer(), allowAdmin(),
			privacy.DenyMutationOperationRule(ent.OpDelete | ent.OpDeleteOne | ent.OpUpdate),
			genprivacy.SubsidyApplicationMutationRuleFunc(func(ctx context.Context, m *gen.SubsidyApplicationMutation) error {
				v := viewer.FromContext(ctx)
				to, changing := m.State()
				switch {
				case v.Role == viewer.InstitutionStaff && v.OrgID != 0:
					if m.Op().Is(ent.OpCreate) {
						if oid, _ := m.OrganizationID(); oid != v.OrgID {
							return privacy.Denyf("staff apply for their own organisation only")
						}
						return privacy.Allow
					}
					if changing && !lifecycle.Application.MayReach(v.Role, string(to)) {
						return privacy.Denyf("staff only resubmit returned applications")
					}
					m.Filter().Where(entql.FieldEQ("organization_id", v.OrgID))
					return privacy.Allow
				case v.Role == viewer.RegionOfficial && !m.Op().Is(ent.OpCreate):
					if changing && !lifecycle.Application.MayReach(v.Role, string(to)) {
						return privacy.Denyf("finance pays; the applicant resubmits")
					}
					m.Filter().Where(inRegionSubtree(v))
					return privacy.Allow
				case v.Role == viewer.FinanceOfficer && !m.Op().Is(ent.OpCreate):
					if !changing || !lifecycle.Application.MayReach(v.Role, string(to)) {
						return privacy.Denyf("finance officers pay applications handed over to finance")
					}
					m.Filter().Where(inRegionSubtree(v))
					return privacy.Allow
				}
				return privacy.Skip
			}),
			privacy.AlwaysDenyRule(),
		},
	}
}
