package graph

import (
	"context"
	"slices"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/campaign"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/target"
	"github.com/hnvt/bairi/graph/model"
	"github.com/hnvt/bairi/internal/deadline"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/progress"
	"github.com/hnvt/bairi/internal/targets"
	"github.com/hnvt/bairi/internal/tenday"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

// campaignProgress compares achievements with targets per category: the
// counters internal/progress keeps for the region's subtree.
func (r *Resolver) campaignProgress(ctx context.Context, campaignID int, regionCode string, now time.Time) ([]*model.CategoryProgress, error) {
	v := viewer.FromContext(ctx)
	if v == nil {
		return nil, fault.New(fault.Unauthenticated, "sign in to see progress")
	}
	camp, err := r.db(ctx).Campaign.Get(ctx, campaignID)
	if err != nil {
		return nil, err
	}
	reg, err := r.db(ctx).Region.Query().Where(region.Code(regionCode)).Only(ctx)
	if err != nil {
		if ent.IsNotFound(err) {
			return nil, fault.Input("regionCode", "unknown region %q", regionCode)
		}
		return nil, err
	}
	if !v.Oversees(reg.Path) {
		return nil, fault.New(fault.Forbidden, "progress is shown for your own region and the regions below it")
	}
	set, err := r.db(ctx).Target.Query().Where(target.CampaignID(campaignID), target.RegionID(reg.ID)).All(ctx)
	if err != nil {
		return nil, err
	}
	counts, err := progress.Values(viewer.WithPurpose(ctx, viewer.PurposeProgress), r.db(ctx), campaignID, reg.Path)
	if err != nil {
		return nil, err
	}
	elapsed := progress.ElapsedShare(camp.StartsOn, camp.EndsOn, now)
	out := make([]*model.CategoryProgress, 0, len(targets.Categories))
	for _, c := range targets.Categories {
		cat := target.Category(c)
		unit := target.Unit(targets.Unit(c))
		p := &model.CategoryProgress{Category: cat, ElapsedShare: elapsed, Tracked: slices.Contains(progress.Tracked, c), Unit: &unit}
		for _, t := range set {
			if t.Category == cat {
				p.Target = int(t.Quantity)
			}
		}
		p.Achieved = int(progress.Achieved(c, counts[c]))
		if cat == target.CategoryCERTIFICATION_UNIT {
			n := int(counts[progress.UnitEnterprises])
			p.Enterprises = &n
		}
		if cat == target.CategoryFUND_SPENDING {
			spent, allocated := int(counts[c]), int(counts[progress.FundAllocated])
			p.AchievedFen, p.AllocatedFen = &spent, &allocated
			rate := tenday.Rate(counts[c], counts[progress.FundAllocated])
			p.DisbursementRate = &rate
		}
		if p.Target > 0 {
			p.CompletionRate = progress.Completion(int64(p.Achieved), int64(p.Target))
			p.Lagging = progress.Trails(p.CompletionRate, elapsed, 0)
		}
		out = append(out, p)
	}
	return out, nil
}

// backwardSchedule sets a region's remaining targets against the days left
// of the current campaign (the latest begun), and says the last day an
// application may be submitted to be paid within it (deadline.LatestSubmission).
func (r *Resolver) backwardSchedule(ctx context.Context, regionCode string, now time.Time) (*model.BackwardSchedule, error) {
	if viewer.FromContext(ctx) == nil {
		return nil, fault.New(fault.Unauthenticated, "sign in to see progress")
	}
	camp, err := r.db(ctx).Campaign.Query().Where(campaign.StartsOnLTE(now)).Order(ent.Desc(campaign.FieldStartsOn)).First(ctx)
	if ent.IsNotFound(err) {
		return nil, fault.New(fault.NotFound, "no campaign has begun")
	} else if err != nil {
		return nil, err
	}
	rows, err := r.campaignProgress(ctx, camp.ID, regionCode, now)
	if err != nil {
		return nil, err
	}
	cal, err := r.calendar(ctx)
	if err != nil {
		return nil, err
	}
	start, end, today := workday.DateOf(camp.StartsOn, workday.China), workday.DateOf(camp.EndsOn, workday.China), workday.DateOf(now, workday.China)
	out := &model.BackwardSchedule{Campaign: camp, Rows: []*model.BackwardRow{},
		DaysElapsed: min(max(today.Sub(start), 0), end.Sub(start)+1), DaysLeft: max(end.Sub(today)+1, 0),
		LatestSubmission: deadline.LatestSubmission(cal, camp.EndsOn, false), LatestComplexSubmission: deadline.LatestSubmission(cal, camp.EndsOn, true)}
	for _, p := range rows {
		if p.Target <= 0 {
			continue
		}
		row := &model.BackwardRow{Category: p.Category, Target: p.Target, Achieved: p.Achieved, Remaining: max(p.Target-p.Achieved, 0)}
		row.RatePerDaySoFar = float64(p.Achieved) / float64(max(out.DaysElapsed, 1))
		if row.Remaining > 0 {
			row.RatePerDayNeeded = float64(row.Remaining) / float64(max(out.DaysLeft, 1))
		}
		row.OnTrack = row.Remaining == 0 || row.RatePerDaySoFar >= row.RatePerDayNeeded
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}
