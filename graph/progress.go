package graph

import (
	"context"
	"slices"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/target"
	"github.com/hnvt/bairi/graph/model"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/progress"
	"github.com/hnvt/bairi/internal/targets"
	"github.com/hnvt/bairi/internal/viewer"
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
	elapsed := 0.0
	if total := camp.EndsOn.Sub(camp.StartsOn); total > 0 {
		elapsed = min(max(float64(now.Sub(camp.StartsOn))/float64(total), 0), 1)
	}
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
		p.Achieved = int(counts[c])
		if cat == target.CategoryCERTIFICATION_UNIT {
			n := int(counts[progress.UnitEnterprises])
			p.Enterprises = &n
		}
		if cat == target.CategoryFUND_SPENDING {
			spent, allocated := int(counts[c]), int(counts[progress.FundAllocated])
			p.Achieved = spent / 100
			p.AchievedFen, p.AllocatedFen = &spent, &allocated
			rate := 0.0
			if allocated > 0 {
				rate = float64(spent) / float64(allocated)
			}
			p.DisbursementRate = &rate
		}
		if p.Target > 0 {
			p.CompletionRate = float64(p.Achieved) / float64(p.Target)
			p.Lagging = p.CompletionRate < elapsed
		}
		out = append(out, p)
	}
	return out, nil
}
