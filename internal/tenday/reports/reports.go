// Package reports freezes and corrects the ten-day reports (R9): on each
// report day, per region, the campaign's counters (internal/progress) as
// they stand, less the previous period's, as a snapshot its officials then
// submit (the rules are the schema's: ent/schema/tendayreport_rules.go).
package reports

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/campaign"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/tendayreport"
	"github.com/hnvt/bairi/internal/deadline"
	"github.com/hnvt/bairi/internal/entctx"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/progress"
	"github.com/hnvt/bairi/internal/targets"
	"github.com/hnvt/bairi/internal/tenday"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

// Counters are the figures of a report, in order: T1..T7, then the money
// that entered the accounts.
var Counters = append(slices.Clone(targets.Categories), progress.FundAllocated)

// Service freezes and corrects reports.
type Service struct {
	Client *ent.Client
}

func (s *Service) db(ctx context.Context) *ent.Client { return entctx.Client(ctx, s.Client) }

// Generate freezes the reports of a period for every region that has none
// (never a second), and answers how many it made. Nothing is made for a
// period outside every campaign.
func (s *Service) Generate(ctx context.Context, p tenday.Period, now time.Time) (int, error) {
	ctx = viewer.WithPurpose(ctx, viewer.PurposeReports)
	made := 0
	err := entctx.InTx(ctx, s.Client, func(ctx context.Context, c *ent.Client) error {
		camp, err := c.Campaign.Query().Where(campaign.StartsOnLTE(p.End.Time(workday.China)),
			campaign.EndsOnGTE(p.Start.Time(workday.China))).Order(ent.Desc(campaign.FieldStartsOn)).First(ctx)
		if ent.IsNotFound(err) {
			return nil
		} else if err != nil {
			return err
		}
		cal, err := deadline.Calendar(ctx, c)
		if err != nil {
			return err
		}
		regions, err := c.Region.Query().Order(ent.Asc(region.FieldPath)).All(ctx)
		if err != nil {
			return err
		}
		have, err := c.TenDayReport.Query().Where(tendayreport.PeriodStart(p.Start.Time(workday.China))).
			Select(tendayreport.FieldRegionID).Ints(ctx)
		if err != nil {
			return err
		}
		due := cal.DueAt(p.ReportOn.Time(workday.China), 0)
		var creates []*ent.TenDayReportCreate
		for _, r := range regions {
			if slices.Contains(have, r.ID) {
				continue
			}
			figures, err := freeze(ctx, c, camp.ID, r, p)
			if err != nil {
				return err
			}
			creates = append(creates, c.TenDayReport.Create().SetRegionID(r.ID).SetCampaignID(camp.ID).
				SetPeriodStart(p.Start.Time(workday.China)).SetPeriodEnd(p.End.Time(workday.China)).SetDueAt(due).SetFigures(figures))
		}
		if len(creates) == 0 {
			return nil
		}
		// Another instance's job may have frozen the same period meanwhile: its reports stand.
		if err := c.TenDayReport.CreateBulk(creates...).OnConflictColumns(tendayreport.FieldRegionID,
			tendayreport.FieldPeriodStart, tendayreport.FieldVersion).DoNothing().Exec(ctx); err != nil {
			return err
		}
		after, err := c.TenDayReport.Query().Where(tendayreport.PeriodStart(p.Start.Time(workday.China))).Count(ctx)
		made = after - len(have)
		return err
	})
	return made, err
}

// freeze reads a region's figures now: the campaign's counters for its
// subtree, and for the ten days what they grew since the previous period's
// report (its latest version).
func freeze(ctx context.Context, c *ent.Client, campaignID int, r *ent.Region, p tenday.Period) ([]tenday.Figure, error) {
	values, err := progress.Values(viewer.WithPurpose(ctx, viewer.PurposeProgress), c, campaignID, r.Path)
	if err != nil {
		return nil, err
	}
	before := map[string]int64{}
	if prev, ok := tenday.Reported(p.Start); ok {
		last, err := c.TenDayReport.Query().Where(tendayreport.RegionID(r.ID), tendayreport.PeriodStart(prev.Start.Time(workday.China))).
			Order(ent.Desc(tendayreport.FieldVersion)).First(ctx)
		if err != nil && !ent.IsNotFound(err) {
			return nil, err
		}
		if last != nil {
			for _, f := range last.Figures {
				before[f.Category] = f.Cumulative
			}
		}
	}
	out := make([]tenday.Figure, len(Counters))
	for i, k := range Counters {
		out[i] = tenday.Figure{Category: k, Cumulative: values[k], Period: values[k] - before[k]}
	}
	return out, nil
}

// Correct makes a new version of a submitted report, frozen again now, with
// the reason: the submitted one stays as it was.
func (s *Service) Correct(ctx context.Context, id int, reason string) (*ent.TenDayReport, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, fault.Input("reason", "say why the report is corrected")
	}
	var out *ent.TenDayReport
	err := entctx.InTx(ctx, s.Client, func(ctx context.Context, c *ent.Client) error {
		old, err := c.TenDayReport.Query().Where(tendayreport.ID(id)).WithRegion().Only(ctx)
		if err != nil {
			return err
		}
		if v := viewer.FromContext(ctx); !v.Admin() && !v.OfficialOf(old.RegionID) {
			return fault.New(fault.Forbidden, "a region's own officials correct its ten-day reports")
		}
		latest, err := c.TenDayReport.Query().Where(tendayreport.RegionID(old.RegionID), tendayreport.PeriodStart(old.PeriodStart)).
			Order(ent.Desc(tendayreport.FieldVersion)).First(ctx)
		if err != nil {
			return err
		}
		if latest.ID != old.ID || old.Status != tendayreport.StatusSUBMITTED {
			return fault.New(fault.Conflict, "only the latest version of a report, once submitted, is corrected")
		}
		p, err := tenday.PeriodStarting(workday.DateOf(old.PeriodStart, workday.China))
		if err != nil {
			return err
		}
		figures, err := freeze(ctx, c, old.CampaignID, old.Edges.Region, p)
		if err != nil {
			return err
		}
		out, err = c.TenDayReport.Create().SetRegionID(old.RegionID).SetCampaignID(old.CampaignID).SetPeriodStart(old.PeriodStart).
			SetPeriodEnd(old.PeriodEnd).SetDueAt(old.DueAt).SetVersion(old.Version + 1).SetCorrectionReason(reason).
			SetFigures(figures).Save(viewer.WithPurpose(ctx, viewer.PurposeReports))
		return err
	})
	return out, err
}

// Missing lists the regions below the viewer's (every region, for the
// admin) whose report of the period is not submitted, by path: the level
// above sees who has not reported.
func (s *Service) Missing(ctx context.Context, p tenday.Period) ([]*ent.Region, error) {
	v := viewer.FromContext(ctx)
	if v == nil || (!v.Admin() && !v.Role.RegionScoped()) {
		return nil, fault.New(fault.Forbidden, "officials follow the ten-day reports")
	}
	c := s.db(ctx)
	q := c.Region.Query().Order(ent.Asc(region.FieldPath))
	if !v.Admin() {
		q.Where(region.PathHasPrefix(v.RegionPath), region.PathNEQ(v.RegionPath))
	}
	regions, err := q.All(ctx)
	if err != nil {
		return nil, err
	}
	submitted, err := c.TenDayReport.Query().Where(tendayreport.PeriodStart(p.Start.Time(workday.China)),
		tendayreport.StatusEQ(tendayreport.StatusSUBMITTED)).Select(tendayreport.FieldRegionID).Ints(ctx)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(regions, func(r *ent.Region) bool { return slices.Contains(submitted, r.ID) }), nil
}
