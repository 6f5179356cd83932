// Package bulletin makes the monthly bulletin (通报, R9) and the summons list
// (约谈) from what is measured: the regions below the viewer's ranked by
// completion of their targets against the share of the campaign elapsed
// (internal/progress), the bottom ones and those whose money lags named,
// overdue clocks counted (the OVERDUE notices the deadline job raises,
// internal/deadline), and the ten-day reports not submitted in time
// (internal/tenday). The figures of a month that is over are those frozen
// in the ten-day reports of its last period (on the 1st after it), so that a
// bulletin made again later says the same; a month not over yet reads the
// live counters.
package bulletin

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/campaign"
	"github.com/hnvt/bairi/ent/notice"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/summons"
	"github.com/hnvt/bairi/ent/target"
	"github.com/hnvt/bairi/ent/tendayreport"
	"github.com/hnvt/bairi/internal/entctx"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/progress"
	"github.com/hnvt/bairi/internal/tenday"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

// Service makes bulletins and summons lists and confirms summonses.
type Service struct {
	Client *ent.Client
}

func (s *Service) db(ctx context.Context) *ent.Client { return entctx.Client(ctx, s.Client) }

// Row is a region of a bulletin.
type Row struct {
	// Rank is the region's place by completion, 1 first; 0 for a region without targets (listed last).
	Rank   int
	Region *ent.Region
	// Completion is the mean of the completion rates of its targets (each up to 100%); Gap is it less the share of
	// the campaign elapsed (negative: behind).
	Completion, Gap float64
	Targeted        bool
	Categories      []progress.Standing
	// The special accounts (fen), and spent over allocated.
	SpentFen, AllocatedFen int
	DisbursementRate       float64
	// MoneyLagging: money was allocated and the disbursement rate trails the time elapsed.
	MoneyLagging bool
	// OverdueClocks counts the clocks of applications and adjustments in its subtree due in the month and overdue.
	OverdueClocks int
	// Unsubmitted are the periods (first days) whose ten-day report, due in the month, was not submitted in time.
	Unsubmitted []string
	// Bottom: named at the bottom (among the last ranked, and behind the time elapsed).
	Bottom bool
	// Frozen: the figures are those of its ten-day report frozen on the 1st after the month.
	Frozen bool
}

// Bulletin is the monthly bulletin of a region's level below it.
type Bulletin struct {
	Month    string
	Region   *ent.Region
	Campaign *ent.Campaign
	// IssuedOn is the 1st after the month; AsOf is when its figures stand (the month's end, or now when it is not over).
	IssuedOn workday.Date
	AsOf     time.Time
	// Frozen: every row's figures were frozen in the ten-day reports.
	Frozen       bool
	ElapsedShare float64
	Rows         []*Row
	Bottom       []*ent.Region
	MoneyLagging []*ent.Region
	// OverdueClocks is the rows' total.
	OverdueClocks int
}

// issuer is the region whose level below the viewer's bulletin covers: the
// province for the admin, a region official's own; nobody else's (deny by
// default).
func (s *Service) issuer(ctx context.Context) (*ent.Region, error) {
	v := viewer.FromContext(ctx)
	switch {
	case v == nil:
		return nil, fault.New(fault.Unauthenticated, "sign in to see progress")
	case v.Admin():
		return s.db(ctx).Region.Query().Where(region.LevelEQ(region.LevelPROVINCE)).Order(ent.Asc(region.FieldPath)).First(ctx)
	case v.Role == viewer.RegionOfficial:
		return s.db(ctx).Region.Get(ctx, v.RegionID)
	}
	return nil, fault.New(fault.Forbidden, "the bulletin and the summons list are for the officials of the province and the cities")
}

// Make makes the bulletin of a month (2020-10) for the viewer's level below.
func (s *Service) Make(ctx context.Context, month string, now time.Time) (*Bulletin, error) {
	first, err := tenday.Month(month)
	if err != nil {
		return nil, err
	}
	issuer, err := s.issuer(ctx)
	if err != nil {
		return nil, err
	}
	c := s.db(ctx)
	next := workday.NewDate(first.Year, first.Month+1, 1)
	start, end := first.Time(workday.China), next.Time(workday.China)
	if !now.After(start) {
		return nil, fault.Input("month", "the month %s has not begun", month)
	}
	camp, err := c.Campaign.Query().Where(campaign.StartsOnLT(end), campaign.EndsOnGTE(start)).
		Order(ent.Desc(campaign.FieldStartsOn)).First(ctx)
	if ent.IsNotFound(err) {
		return nil, fault.New(fault.NotFound, "no campaign runs in %s", month)
	} else if err != nil {
		return nil, err
	}
	asOf := now
	if end.Before(now) {
		asOf = end
	}
	b := &Bulletin{Month: month, Region: issuer, Campaign: camp, IssuedOn: next, AsOf: asOf, Frozen: true,
		Rows: []*Row{}, Bottom: []*ent.Region{}, MoneyLagging: []*ent.Region{},
		ElapsedShare: progress.ElapsedShare(camp.StartsOn, camp.EndsOn, asOf)}
	children, err := c.Region.Query().Where(region.ParentID(issuer.ID)).Order(ent.Asc(region.FieldCode)).All(ctx)
	if err != nil {
		return nil, err
	}
	ids := make([]int, len(children))
	rows := make(map[int]*Row, len(children))
	for i, r := range children {
		ids[i] = r.ID
		rows[r.ID] = &Row{Region: r, Unsubmitted: []string{}}
	}

	// Targets of the regions, by category.
	ts, err := c.Target.Query().Where(target.CampaignID(camp.ID), target.RegionIDIn(ids...)).All(ctx)
	if err != nil {
		return nil, err
	}
	targetsOf := map[int]map[string]int64{}
	for _, t := range ts {
		if targetsOf[t.RegionID] == nil {
			targetsOf[t.RegionID] = map[string]int64{}
		}
		targetsOf[t.RegionID][string(t.Category)] = t.Quantity
	}

	// Figures: frozen on the 1st after the month (the latest version), else the live counters.
	values := map[int]map[string]int64{}
	if !now.Before(end) {
		last := tenday.MonthEnd(first)
		reps, err := c.TenDayReport.Query().Where(tendayreport.RegionIDIn(ids...), tendayreport.CampaignID(camp.ID),
			tendayreport.PeriodStart(last.Start.Time(workday.China))).Order(ent.Asc(tendayreport.FieldVersion)).All(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range reps {
			m := map[string]int64{}
			for _, f := range r.Figures {
				m[f.Category] = f.Cumulative
			}
			values[r.RegionID] = m
		}
	}
	for _, r := range children {
		if _, ok := values[r.ID]; ok {
			rows[r.ID].Frozen = true
			continue
		}
		b.Frozen = false
		if values[r.ID], err = progress.Values(viewer.WithPurpose(ctx, viewer.PurposeProgress), c, camp.ID, r.Path); err != nil {
			return nil, err
		}
	}

	// Overdue clocks due in the month, by region of the subtree.
	if err := s.countOverdue(ctx, c, issuer, children, rows, start, asOf); err != nil {
		return nil, err
	}
	// Ten-day reports due in the month not submitted by their due time.
	if err := s.findUnsubmitted(ctx, c, ids, rows, first, asOf); err != nil {
		return nil, err
	}

	for _, r := range children {
		row := rows[r.ID]
		v := values[r.ID]
		row.Categories = append([]progress.Standing{}, progress.Stand(v, targetsOf[r.ID], b.ElapsedShare, 0)...)
		row.Completion, row.Targeted = progress.Overall(row.Categories)
		row.Gap = row.Completion - b.ElapsedShare
		row.SpentFen, row.AllocatedFen = int(v["FUND_SPENDING"]), int(v[progress.FundAllocated])
		row.DisbursementRate = tenday.Rate(v["FUND_SPENDING"], v[progress.FundAllocated])
		row.MoneyLagging = row.AllocatedFen > 0 && progress.Trails(row.DisbursementRate, b.ElapsedShare, 0)
		b.OverdueClocks += row.OverdueClocks
		b.Rows = append(b.Rows, row)
	}
	rank(b.Rows, b.ElapsedShare, c.Settings.OrDefault().BulletinBottom)
	for _, row := range b.Rows {
		if row.Bottom {
			b.Bottom = append(b.Bottom, row.Region)
		}
		if row.MoneyLagging {
			b.MoneyLagging = append(b.MoneyLagging, row.Region)
		}
	}
	return b, nil
}

// rank orders the rows: the regions with targets by completion, best first
// (ties by code), ranked 1, 2, …; then those without. The last `bottom`
// ranked whose completion trails the time elapsed are named at the bottom
// (a region ahead of time is not named, even when last).
func rank(rows []*Row, elapsed float64, bottom int) {
	slices.SortStableFunc(rows, func(a, b *Row) int {
		if a.Targeted != b.Targeted {
			if a.Targeted {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(b.Completion, a.Completion); c != 0 && a.Targeted {
			return c
		}
		return cmp.Compare(a.Region.Code, b.Region.Code)
	})
	ranked := 0
	for _, r := range rows {
		if r.Targeted {
			ranked++
			r.Rank = ranked
		}
	}
	for i := ranked - 1; i >= 0 && i >= ranked-bottom; i-- {
		rows[i].Bottom = progress.Trails(rows[i].Completion, elapsed, 0)
	}
}

// countOverdue counts the OVERDUE notices (one per clock and due time, raised
// by the deadline job) whose due time falls in the month, up to asOf, by the
// child region whose subtree holds the notice's region.
func (s *Service) countOverdue(ctx context.Context, c *ent.Client, issuer *ent.Region, children []*ent.Region, rows map[int]*Row, from, to time.Time) error {
	var counts []struct {
		RegionID int `json:"region_id"`
		Count    int `json:"count"`
	}
	if err := c.Notice.Query().Where(notice.KindEQ(notice.KindOVERDUE), notice.DueAtGTE(from), notice.DueAtLT(to),
		notice.HasRegionWith(region.PathHasPrefix(issuer.Path))).
		GroupBy(notice.FieldRegionID).Aggregate(ent.Count()).Scan(ctx, &counts); err != nil {
		return err
	}
	if len(counts) == 0 {
		return nil
	}
	subtree, err := c.Region.Query().Where(region.PathHasPrefix(issuer.Path)).Select(region.FieldID, region.FieldPath).All(ctx)
	if err != nil {
		return err
	}
	paths := make(map[int]string, len(subtree))
	for _, r := range subtree {
		paths[r.ID] = r.Path
	}
	for _, n := range counts {
		for _, ch := range children {
			if p := paths[n.RegionID]; p != "" && len(p) >= len(ch.Path) && p[:len(ch.Path)] == ch.Path {
				rows[ch.ID].OverdueClocks += n.Count
			}
		}
	}
	return nil
}

// findUnsubmitted lists, per region, the periods reported in the month
// (on its 1st, 11th and 21st) whose report, frozen and due before asOf, no
// version of which was submitted by its due time.
func (s *Service) findUnsubmitted(ctx context.Context, c *ent.Client, ids []int, rows map[int]*Row, month workday.Date, asOf time.Time) error {
	periods := tenday.MonthReports(month)
	starts := make([]time.Time, len(periods))
	for i, p := range periods {
		starts[i] = p.Start.Time(workday.China)
	}
	reps, err := c.TenDayReport.Query().Where(tendayreport.RegionIDIn(ids...), tendayreport.PeriodStartIn(starts...)).All(ctx)
	if err != nil {
		return err
	}
	type key struct {
		region int
		start  time.Time
	}
	due, onTime := map[key]bool{}, map[key]bool{}
	for _, r := range reps {
		k := key{r.RegionID, r.PeriodStart.UTC()}
		if r.DueAt.Before(asOf) {
			due[k] = true
		}
		if r.SubmittedAt != nil && !r.SubmittedAt.After(r.DueAt) {
			onTime[k] = true
		}
	}
	for _, id := range ids {
		for _, p := range periods {
			if k := (key{id, p.Start.Time(workday.China).UTC()}); due[k] && !onTime[k] {
				rows[id].Unsubmitted = append(rows[id].Unsubmitted, p.Start.String())
			}
		}
	}
	return nil
}

// Candidate is a region proposed for summons (约谈) in a month, with the
// facts that put it there, and its summons once confirmed.
type Candidate struct {
	Region  *ent.Region
	Facts   []tenday.Fact
	Summons *ent.Summons
}

// Candidates lists the regions below the viewer's proposed for summons in a
// month: a target's completion trails the time elapsed by more than the
// margin (settings.SummonsMargin), clocks went overdue, ten-day reports were
// not submitted in time; and those already confirmed. Most facts first.
func (s *Service) Candidates(ctx context.Context, month string, now time.Time) ([]*Candidate, *Bulletin, error) {
	b, err := s.Make(ctx, month, now)
	if err != nil {
		return nil, nil, err
	}
	c := s.db(ctx)
	margin := c.Settings.OrDefault().SummonsMargin
	ids := make([]int, len(b.Rows))
	for i, r := range b.Rows {
		ids[i] = r.Region.ID
	}
	confirmed, err := c.Summons.Query().Where(summons.Month(month), summons.RegionIDIn(ids...)).All(ctx)
	if err != nil {
		return nil, nil, err
	}
	var out []*Candidate
	for _, r := range b.Rows {
		k := &Candidate{Region: r.Region}
		for _, st := range r.Categories {
			if progress.Trails(st.Completion, b.ElapsedShare, margin) {
				k.Facts = append(k.Facts, tenday.Fact{Kind: tenday.FactTrailing, Category: st.Category, Completion: st.Completion, Elapsed: b.ElapsedShare})
			}
		}
		if r.OverdueClocks > 0 {
			k.Facts = append(k.Facts, tenday.Fact{Kind: tenday.FactOverdue, Count: r.OverdueClocks})
		}
		if len(r.Unsubmitted) > 0 {
			k.Facts = append(k.Facts, tenday.Fact{Kind: tenday.FactUnsubmitted, Count: len(r.Unsubmitted), Periods: r.Unsubmitted})
		}
		for _, x := range confirmed {
			if x.RegionID == r.Region.ID {
				k.Summons = x
			}
		}
		if len(k.Facts) > 0 || k.Summons != nil {
			out = append(out, k)
		}
	}
	slices.SortStableFunc(out, func(a, b *Candidate) int {
		if c := cmp.Compare(len(b.Facts), len(a.Facts)); c != 0 {
			return c
		}
		return cmp.Compare(a.Region.Code, b.Region.Code)
	})
	return out, b, nil
}

// Confirm records the summons of a region proposed in a month, with the
// official's reason and the facts as measured now; a region not proposed,
// or already summoned for the month, is refused.
func (s *Service) Confirm(ctx context.Context, month, regionCode, reason string, now time.Time) (*ent.Summons, error) {
	cands, b, err := s.Candidates(ctx, month, now)
	if err != nil {
		return nil, err
	}
	var k *Candidate
	for _, x := range cands {
		if x.Region.Code == regionCode {
			k = x
		}
	}
	switch {
	case k == nil:
		return nil, fault.New(fault.Conflict, "region %s is not proposed for summons in %s", regionCode, month)
	case k.Summons != nil:
		return nil, fault.New(fault.Conflict, "region %s is already summoned for %s", regionCode, month)
	case len(k.Facts) == 0:
		return nil, fault.New(fault.Conflict, "region %s is not proposed for summons in %s", regionCode, month)
	}
	return s.db(ctx).Summons.Create().SetRegionID(k.Region.ID).SetCampaignID(b.Campaign.ID).SetMonth(month).
		SetReason(reason).SetFacts(k.Facts).Save(ctx)
}
