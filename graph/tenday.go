package graph

import (
	"context"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/tendayreport"
	"github.com/hnvt/bairi/graph/model"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/tenday"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

// compareTenDayReports sets the latest versions of a region's reports of
// two periods side by side (tenday.Compare).
func (r *Resolver) compareTenDayReports(ctx context.Context, regionCode string, a, b workday.Date) (*model.TenDayComparison, error) {
	pa, err := tenday.PeriodStarting(a)
	if err != nil {
		return nil, err
	}
	pb, err := tenday.PeriodStarting(b)
	if err != nil {
		return nil, err
	}
	reg, err := r.regionOverseen(ctx, regionCode)
	if err != nil {
		return nil, err
	}
	latest := func(p tenday.Period) (*ent.TenDayReport, error) {
		rep, err := r.db(ctx).TenDayReport.Query().Where(tendayreport.RegionID(reg.ID), tendayreport.PeriodStart(p.Start.Time(workday.China))).
			Order(ent.Desc(tendayreport.FieldVersion)).First(ctx)
		if ent.IsNotFound(err) {
			return nil, fault.New(fault.NotFound, "no ten-day report of %s for the period starting %s", regionCode, p.Start)
		}
		return rep, err
	}
	ra, err := latest(pa)
	if err != nil {
		return nil, err
	}
	rb, err := latest(pb)
	if err != nil {
		return nil, err
	}
	out := &model.TenDayComparison{Region: reg, A: ra, B: rb, Rows: []*tenday.Difference{}}
	for _, d := range tenday.Compare(ra.Figures, rb.Figures) {
		out.Rows = append(out.Rows, &d)
	}
	return out, nil
}

// regionOverseen is the region of the code, which the viewer follows.
func (r *Resolver) regionOverseen(ctx context.Context, regionCode string) (*ent.Region, error) {
	reg, err := r.db(ctx).Region.Query().Where(region.Code(regionCode)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, fault.Input("regionCode", "unknown region %q", regionCode)
	} else if err != nil {
		return nil, err
	}
	if !viewer.FromContext(ctx).Oversees(reg.Path) {
		return nil, fault.New(fault.Forbidden, "ten-day reports are shown for your own region and the regions below it")
	}
	return reg, nil
}

// tenDayReports lists a region's reports of the periods starting from
// `from` to `to`, every version, newest period (and version) first.
func (r *Resolver) tenDayReports(ctx context.Context, regionCode string, from, to workday.Date) ([]*ent.TenDayReport, error) {
	reg, err := r.regionOverseen(ctx, regionCode)
	if err != nil {
		return nil, err
	}
	return r.db(ctx).TenDayReport.Query().Where(tendayreport.RegionID(reg.ID),
		tendayreport.PeriodStartGTE(from.Time(workday.China)), tendayreport.PeriodStartLTE(to.Time(workday.China))).
		Order(ent.Desc(tendayreport.FieldPeriodStart), ent.Desc(tendayreport.FieldVersion)).All(ctx)
}
