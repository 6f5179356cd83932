package graph

import (
	"context"
	"slices"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/target"
	"github.com/hnvt/bairi/ent/trainingclass"
	"github.com/hnvt/bairi/graph/model"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/viewer"
)

// classCategories are the target categories counted from training classes.
var classCategories = []target.Category{target.CategoryWORK_IN_LIEU, target.CategoryENTERPRISE_EMPLOYEE,
	target.CategoryKEY_GROUP, target.CategoryENTREPRENEURSHIP, target.CategoryAPPRENTICESHIP}

// allCategories are T1..T7 in order.
var allCategories = append(slices.Clone(classCategories), target.CategoryCERTIFICATION_UNIT, target.CategoryFUND_SPENDING)

// campaignProgress compares achievements with targets per category; the
// sums are computed by the database.
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
	if !v.Admin() && !(v.Role.RegionScoped() && v.InSubtree(reg.Path)) {
		return nil, fault.New(fault.Forbidden, "progress is shown for your own region and the regions below it")
	}
	targets, err := r.db(ctx).Target.Query().Where(target.CampaignID(campaignID), target.RegionID(reg.ID)).All(ctx)
	if err != nil {
		return nil, err
	}
	var sums []struct {
		Category trainingclass.Category `json:"category"`
		Sum      int                    `json:"sum"`
	}
	err = r.db(ctx).TrainingClass.Query().Where(
		trainingclass.StatusEQ(trainingclass.StatusCOMPLETED),
		trainingclass.PlannedStartGTE(camp.StartsOn), trainingclass.PlannedStartLTE(camp.EndsOn),
		trainingclass.HasRegionWith(region.PathHasPrefix(reg.Path)),
	).GroupBy(trainingclass.FieldCategory).Aggregate(ent.Sum(trainingclass.FieldEffectiveHeadcount)).Scan(ctx, &sums)
	if err != nil {
		return nil, err
	}
	achieved := map[string]int{}
	for _, s := range sums {
		achieved[string(s.Category)] = s.Sum
	}
	elapsed := 0.0
	if total := camp.EndsOn.Sub(camp.StartsOn); total > 0 {
		elapsed = min(max(float64(now.Sub(camp.StartsOn))/float64(total), 0), 1)
	}
	out := make([]*model.CategoryProgress, 0, len(allCategories))
	for _, cat := range allCategories {
		c := string(cat)
		p := &model.CategoryProgress{Category: cat, ElapsedShare: elapsed, Tracked: slices.Contains(classCategories, cat)}
		for _, t := range targets {
			if t.Category == cat {
				p.Target, p.Unit = int(t.Quantity), &t.Unit
			}
		}
		p.Achieved = achieved[c]
		if p.Target > 0 {
			p.CompletionRate = float64(p.Achieved) / float64(p.Target)
			p.Lagging = p.CompletionRate < elapsed
		}
		out = append(out, p)
	}
	return out, nil
}
