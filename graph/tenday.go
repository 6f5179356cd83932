package graph

import (
	"context"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/tendayreport"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

// tenDayReports lists a region's reports of the periods starting from
// `from` to `to`, every version, newest period (and version) first.
func (r *Resolver) tenDayReports(ctx context.Context, regionCode string, from, to workday.Date) ([]*ent.TenDayReport, error) {
	v := viewer.FromContext(ctx)
	reg, err := r.db(ctx).Region.Query().Where(region.Code(regionCode)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, fault.Input("regionCode", "unknown region %q", regionCode)
	} else if err != nil {
		return nil, err
	}
	if !v.Oversees(reg.Path) {
		return nil, fault.New(fault.Forbidden, "ten-day reports are shown for your own region and the regions below it")
	}
	return r.db(ctx).TenDayReport.Query().Where(tendayreport.RegionID(reg.ID),
		tendayreport.PeriodStartGTE(from.Time(workday.China)), tendayreport.PeriodStartLTE(to.Time(workday.China))).
		Order(ent.Desc(tendayreport.FieldPeriodStart), ent.Desc(tendayreport.FieldVersion)).All(ctx)
}
