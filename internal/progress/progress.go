// Package progress keeps the campaign's progress figures (§一, T1..T7) as
// counters per region subtree, updated by hooks in the transaction of the
// record that changes them, so that campaignProgress reads a few rows
// whatever the number of classes, enrolments and claims. One counting rule
// per target:
//
//   - T1 WORK_IN_LIEU (人): distinct persons in paid 以工代训 claims, a worker
//     held as claimed elsewhere not counted, paid within the campaign.
//   - T2 ENTERPRISE_EMPLOYEE, T3 KEY_GROUP (人次): the effective headcounts
//     (R10) of completed classes that started within the campaign.
//   - T4 ENTREPRENEURSHIP (人): distinct persons who completed an
//     entrepreneurship class that started within the campaign (enrolled, and
//     not marked absent on the opening day).
//   - T5 APPRENTICESHIP (人): apprenticeship contracts signed within the
//     campaign (newly signed apprentices), in the enterprise's region.
//   - T6 CERTIFICATION_UNIT (家): distinct organisations whose filing to run
//     skill-level certification (R8) was approved within the campaign, in
//     the organisation's region; beside it CERTIFICATION_UNIT_ENTERPRISE,
//     those of them that are enterprises (the notice's 150+).
//   - T7 FUND_SPENDING (元): money out of the special accounts within the
//     campaign (payments and prepayments less recoveries), beside
//     FUND_ALLOCATED, the money that entered the subtree (deposits in it,
//     allocations from outside it), for the disbursement rate.
//
// Counters are kept for every region above the record's (a materialised path
// and each of its prefixes). Each update locks the campaign's top counter of
// its kind first, so that concurrent updates are serialised and distinct
// persons count once.
package progress

import (
	"context"
	"strings"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/campaign"
	"github.com/hnvt/bairi/ent/certificationunit"
	"github.com/hnvt/bairi/ent/claimworker"
	"github.com/hnvt/bairi/ent/countedperson"
	"github.com/hnvt/bairi/ent/enrollment"
	"github.com/hnvt/bairi/ent/fundentry"
	"github.com/hnvt/bairi/ent/progresscounter"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/subsidyapplication"
	"github.com/hnvt/bairi/ent/trainingclass"
	"github.com/hnvt/bairi/internal/viewer"
)

// The counters besides the target categories.
const (
	FundAllocated = "FUND_ALLOCATED"
	// UnitEnterprises counts the T6 units that are enterprises.
	UnitEnterprises = "CERTIFICATION_UNIT_ENTERPRISE"
)

// Tracked are the categories counted here.
var Tracked = []string{"WORK_IN_LIEU", "ENTERPRISE_EMPLOYEE", "KEY_GROUP", "ENTREPRENEURSHIP", "APPRENTICESHIP", "CERTIFICATION_UNIT", "FUND_SPENDING"}

// Ancestors returns the paths of a region's subtree and of every region
// above it: "410000/410100/" gives "410000/" and "410000/410100/".
func Ancestors(path string) []string {
	var out []string
	for i := 0; i < len(path); i++ {
		if path[i] == '/' {
			out = append(out, path[:i+1])
		}
	}
	return out
}

// Campaigns returns the campaigns whose window holds at.
func Campaigns(ctx context.Context, c *ent.Client, at time.Time) ([]int, error) {
	return c.Campaign.Query().Where(campaign.StartsOnLTE(at), campaign.EndsOnGTE(at)).
		IDs(viewer.WithPurpose(ctx, viewer.PurposeProgress))
}

// lock takes the campaign's top counter of the kind, by an upsert that adds
// nothing: the row stays locked until the transaction ends (PostgreSQL locks
// the row an ON CONFLICT DO UPDATE touches; SQLite serialises writers), so
// the updates of that counter are serialised across transactions.
func lock(ctx context.Context, c *ent.Client, campaignID int, counter string) error {
	return c.ProgressCounter.Create().SetCampaignID(campaignID).SetRegionPath("").SetCounter(counter).
		OnConflictColumns(progresscounter.FieldCampaignID, progresscounter.FieldRegionPath, progresscounter.FieldCounter).
		AddValue(0).Exec(ctx)
}

// Updater updates the counters within a transaction.
type Updater struct {
	C *ent.Client
}

// Add adds delta to a counter of each campaign for the regions of paths.
func (u Updater) Add(ctx context.Context, campaigns []int, counter string, paths []string, delta int64) error {
	ctx = viewer.WithPurpose(ctx, viewer.PurposeProgress)
	if delta == 0 {
		return nil
	}
	for _, camp := range campaigns {
		for _, p := range paths {
			if err := u.C.ProgressCounter.Create().SetCampaignID(camp).SetRegionPath(p).SetCounter(counter).SetValue(delta).
				OnConflictColumns(progresscounter.FieldCampaignID, progresscounter.FieldRegionPath, progresscounter.FieldCounter).
				AddValue(delta).Exec(ctx); err != nil {
				return err
			}
		}
	}
	return nil
}

// AddPersons counts persons once each for a distinct-person counter of each
// campaign, in the subtree of path and above it. (A distinct-organisation
// counter, T6, counts organisation IDs the same way, under its own name.)
func (u Updater) AddPersons(ctx context.Context, campaigns []int, counter, path string, persons []int) error {
	ctx = viewer.WithPurpose(ctx, viewer.PurposeProgress)
	if len(persons) == 0 {
		return nil
	}
	paths := Ancestors(path)
	for _, camp := range campaigns {
		if err := lock(ctx, u.C, camp, counter); err != nil {
			return err
		}
		have, err := u.C.CountedPerson.Query().Where(countedperson.CampaignID(camp), countedperson.Counter(counter),
			countedperson.PersonIDIn(persons...), countedperson.RegionPathIn(paths...)).All(ctx)
		if err != nil {
			return err
		}
		counted := map[string]map[int]bool{}
		for _, h := range have {
			if counted[h.RegionPath] == nil {
				counted[h.RegionPath] = map[int]bool{}
			}
			counted[h.RegionPath][h.PersonID] = true
		}
		for _, p := range paths {
			var creates []*ent.CountedPersonCreate
			seen := map[int]bool{}
			for _, id := range persons {
				if counted[p][id] || seen[id] {
					continue
				}
				seen[id] = true
				creates = append(creates, u.C.CountedPerson.Create().SetCampaignID(camp).SetCounter(counter).SetPersonID(id).SetRegionPath(p))
			}
			if len(creates) == 0 {
				continue
			}
			if err := u.C.CountedPerson.CreateBulk(creates...).Exec(ctx); err != nil {
				return err
			}
			if err := u.Add(ctx, []int{camp}, counter, []string{p}, int64(len(creates))); err != nil {
				return err
			}
		}
	}
	return nil
}

// Values reads the counters of a campaign for a region's subtree.
func Values(ctx context.Context, c *ent.Client, campaignID int, path string) (map[string]int64, error) {
	rows, err := c.ProgressCounter.Query().Where(progresscounter.CampaignID(campaignID), progresscounter.RegionPath(path)).All(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, r := range rows {
		out[r.Counter] = r.Value
	}
	return out, nil
}

// Outside returns the paths of ancestors that are not also above other: an
// allocation from other's account into path's enters these subtrees only.
func Outside(paths []string, other string) []string {
	var out []string
	for _, p := range paths {
		if !strings.HasPrefix(other, p) {
			out = append(out, p)
		}
	}
	return out
}

// ClassCompleted counts a class that completed: its effective headcount for
// T2 and T3, its trainees (not marked absent) once each for T4.
func ClassCompleted(ctx context.Context, c *ent.Client, classID int) error {
	ctx = viewer.WithPurpose(ctx, viewer.PurposeProgress)
	cl, err := c.TrainingClass.Query().Where(trainingclass.ID(classID)).WithRegion().Only(ctx)
	if err != nil {
		return err
	}
	camps, err := Campaigns(ctx, c, cl.PlannedStart)
	if err != nil || len(camps) == 0 {
		return err
	}
	u, path := Updater{C: c}, cl.Edges.Region.Path
	switch cl.Category {
	case trainingclass.CategoryENTERPRISE_EMPLOYEE, trainingclass.CategoryKEY_GROUP:
		return u.Add(ctx, camps, string(cl.Category), Ancestors(path), int64(cl.EffectiveHeadcount))
	case trainingclass.CategoryENTREPRENEURSHIP:
		persons, err := c.Enrollment.Query().Where(enrollment.ClassID(cl.ID),
			enrollment.Or(enrollment.PresentOnOpeningIsNil(), enrollment.PresentOnOpening(true))).
			Select(enrollment.FieldPersonID).Ints(ctx)
		if err != nil {
			return err
		}
		return u.AddPersons(ctx, camps, string(cl.Category), path, persons)
	}
	return nil
}

// ClaimPaid counts the workers of a paid 以工代训 claim once each (T1); a
// worker held as claimed elsewhere does not count.
func ClaimPaid(ctx context.Context, c *ent.Client, app *ent.SubsidyApplication) error {
	if app.ClaimMonth == "" || app.PaidAt == nil {
		return nil
	}
	ctx = viewer.WithPurpose(ctx, viewer.PurposeProgress)
	camps, err := Campaigns(ctx, c, *app.PaidAt)
	if err != nil || len(camps) == 0 {
		return err
	}
	reg, err := c.Region.Get(ctx, app.RegionID)
	if err != nil {
		return err
	}
	persons, err := c.ClaimWorker.Query().Where(claimworker.ApplicationID(app.ID), claimworker.Held(false)).
		Select(claimworker.FieldPersonID).Ints(viewer.WithPurpose(ctx, viewer.PurposeClaim))
	if err != nil {
		return err
	}
	return Updater{C: c}.AddPersons(ctx, camps, "WORK_IN_LIEU", reg.Path, persons)
}

// ContractSigned counts an apprenticeship contract signed within a
// campaign (T5), in the enterprise's region and above.
func ContractSigned(ctx context.Context, c *ent.Client, k *ent.ApprenticeshipContract) error {
	ctx = viewer.WithPurpose(ctx, viewer.PurposeProgress)
	camps, err := Campaigns(ctx, c, k.SignedOn)
	if err != nil || len(camps) == 0 {
		return err
	}
	reg, err := c.Region.Get(ctx, k.RegionID)
	if err != nil {
		return err
	}
	return Updater{C: c}.Add(ctx, camps, "APPRENTICESHIP", Ancestors(reg.Path), 1)
}

// UnitApproved counts the organisation of a certification filing approved
// within a campaign once (T6), and once more among the enterprises when it
// files as one, in its region and above.
func UnitApproved(ctx context.Context, c *ent.Client, u *ent.CertificationUnit) error {
	if u.DecidedAt == nil {
		return nil
	}
	ctx = viewer.WithPurpose(ctx, viewer.PurposeProgress)
	camps, err := Campaigns(ctx, c, *u.DecidedAt)
	if err != nil || len(camps) == 0 {
		return err
	}
	reg, err := c.Region.Get(ctx, u.RegionID)
	if err != nil {
		return err
	}
	up := Updater{C: c}
	if err := up.AddPersons(ctx, camps, "CERTIFICATION_UNIT", reg.Path, []int{u.OrganizationID}); err != nil {
		return err
	}
	if u.Kind != certificationunit.KindENTERPRISE {
		return nil
	}
	return up.AddPersons(ctx, camps, UnitEnterprises, reg.Path, []int{u.OrganizationID})
}

// FundMoved counts a line of a special account's ledger: money out (T7:
// payments and prepayments less recoveries) and money into a subtree
// (deposits in it, allocations from outside it).
func FundMoved(ctx context.Context, c *ent.Client, e *ent.FundEntry) error {
	ctx = viewer.WithPurpose(ctx, viewer.PurposeProgress)
	camps, err := Campaigns(ctx, c, e.At)
	if err != nil || len(camps) == 0 {
		return err
	}
	reg, err := c.Region.Get(ctx, e.RegionID)
	if err != nil {
		return err
	}
	paths, u := Ancestors(reg.Path), Updater{C: c}
	switch e.Kind {
	case fundentry.KindPAYMENT, fundentry.KindPREPAYMENT, fundentry.KindRECOVERY:
		return u.Add(ctx, camps, "FUND_SPENDING", paths, -e.AmountFen)
	case fundentry.KindDEPOSIT:
		return u.Add(ctx, camps, FundAllocated, paths, e.AmountFen)
	case fundentry.KindALLOCATION_IN:
		from, err := c.Region.Query().Where(region.Code(e.Counterparty)).Only(ctx)
		if err != nil {
			return err
		}
		return u.Add(ctx, camps, FundAllocated, Outside(paths, from.Path), e.AmountFen)
	}
	return nil
}

// Recount rebuilds every counter from the records (after an upgrade that
// brings the counters to a database holding records): completed classes,
// paid claims, apprenticeship contracts, approved certification filings and the ledgers' lines, each counted
// as its hook would.
func Recount(ctx context.Context, c *ent.Client) error {
	ctx = viewer.WithPurpose(ctx, viewer.PurposeProgress)
	if _, err := c.CountedPerson.Delete().Exec(ctx); err != nil {
		return err
	}
	if _, err := c.ProgressCounter.Delete().Exec(ctx); err != nil {
		return err
	}
	classes, err := c.TrainingClass.Query().Where(trainingclass.StatusEQ(trainingclass.StatusCOMPLETED)).IDs(ctx)
	if err != nil {
		return err
	}
	for _, id := range classes {
		if err := ClassCompleted(ctx, c, id); err != nil {
			return err
		}
	}
	claims, err := c.SubsidyApplication.Query().Where(subsidyapplication.StateEQ(subsidyapplication.StatePAID),
		subsidyapplication.ClaimMonthNEQ("")).All(ctx)
	if err != nil {
		return err
	}
	for _, app := range claims {
		if err := ClaimPaid(ctx, c, app); err != nil {
			return err
		}
	}
	contracts, err := c.ApprenticeshipContract.Query().All(viewer.WithPurpose(ctx, viewer.PurposeContract))
	if err != nil {
		return err
	}
	for _, k := range contracts {
		if err := ContractSigned(ctx, c, k); err != nil {
			return err
		}
	}
	units, err := c.CertificationUnit.Query().Where(certificationunit.StatusEQ(certificationunit.StatusAPPROVED)).
		All(viewer.WithPurpose(ctx, viewer.PurposeCertification))
	if err != nil {
		return err
	}
	for _, u := range units {
		if err := UnitApproved(ctx, c, u); err != nil {
			return err
		}
	}
	entries, err := c.FundEntry.Query().Order(ent.Asc(fundentry.FieldID)).All(ctx)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if err := FundMoved(ctx, c, e); err != nil {
			return err
		}
	}
	return nil
}
