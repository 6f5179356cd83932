package graph

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/target"
	"github.com/hnvt/bairi/graph/model"
	"github.com/hnvt/bairi/internal/entctx"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/sheet"
	"github.com/hnvt/bairi/internal/targets"
	"github.com/hnvt/bairi/internal/viewer"
)

var categoryCodes = map[string]target.Category{
	"T1": target.CategoryWORK_IN_LIEU, "T2": target.CategoryENTERPRISE_EMPLOYEE, "T3": target.CategoryKEY_GROUP,
	"T4": target.CategoryENTREPRENEURSHIP, "T5": target.CategoryAPPRENTICESHIP, "T6": target.CategoryCERTIFICATION_UNIT,
	"T7": target.CategoryFUND_SPENDING,
}

type targetRow struct {
	row      int
	regionID int
	category target.Category
	quantity int64
	unit     target.Unit
}

// importTargets imports per-region targets all-or-nothing: every row is
// checked first, and nothing is written unless every row passes.
// The sheet is parsed before the transaction that checks and writes the rows.
// Each category is counted in its own unit (internal/targets); after the
// writes, the regions the file touches are checked against the shares of the
// regions directly below them (reported, not refused).
func (r *Resolver) importTargets(ctx context.Context, campaignID int, file graphql.Upload) (*model.TargetImportReport, error) {
	if v := viewer.FromContext(ctx); v == nil || (!v.Admin() && v.Role != viewer.RegionOfficial) {
		return nil, fault.New(fault.Forbidden, "only the province admin and region officials import targets")
	}
	if _, err := r.db(ctx).Campaign.Get(ctx, campaignID); err != nil {
		return nil, err
	}
	report := sheet.NewReport()
	table, err := sheet.Read(file.File, map[string][]string{
		"region_code": {"region_code", "region", "地区代码", "区划代码"},
		"category":    {"category", "类别", "指标"},
		"quantity":    {"quantity", "target", "数量", "目标"},
		"unit":        {"unit", "单位"},
	}, report)
	out := &model.TargetImportReport{Report: report, Breakdown: []*model.BreakdownDifference{}}
	if err != nil || table == nil {
		return out, err
	}
	err = entctx.InTx(ctx, r.Client, func(ctx context.Context, client *ent.Client) error {
		touched, err := writeTargets(ctx, client, campaignID, table, report)
		if err != nil || !report.Ok {
			return err
		}
		out.Breakdown, err = breakdown(ctx, client, campaignID, touched)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// breakdown checks the targets of the campaign's regions in touched (and of
// the regions above them) against the shares of the regions directly below.
func breakdown(ctx context.Context, client *ent.Client, campaignID int, touched []*ent.Region) ([]*model.BreakdownDifference, error) {
	rows, err := client.Target.Query().Where(target.CampaignID(campaignID)).WithRegion().All(ctx)
	if err != nil {
		return nil, err
	}
	var shares []targets.Share
	regions := map[int]*ent.Region{}
	for _, t := range rows {
		shares = append(shares, targets.Share{Region: t.RegionID, Parent: t.Edges.Region.ParentID, Category: string(t.Category), Quantity: t.Quantity})
		regions[t.RegionID] = t.Edges.Region
	}
	var check []int
	for _, reg := range touched {
		check = append(check, reg.ID)
		if reg.ParentID != 0 {
			check = append(check, reg.ParentID)
		}
	}
	out := []*model.BreakdownDifference{}
	for _, d := range targets.Breakdown(shares, check) {
		reg := regions[d.Region]
		cat := target.Category(d.Category)
		unit := target.Unit(targets.Unit(d.Category))
		format, args := "the regions below %s share out %d of its %s target of %d: %+d", []any{reg.Name, d.Shares, cat, d.Target, d.Shares - d.Target}
		out = append(out, &model.BreakdownDifference{Region: reg, Category: cat, Unit: unit, Target: d.Target, Shares: d.Shares,
			Difference: d.Shares - d.Target, Message: fault.Translate(ctx, fmt.Sprintf(format, args...), format, args)})
	}
	return out, nil
}

// writeTargets checks every row of table, then writes them all unless one
// fails (report says which and why).
func writeTargets(ctx context.Context, client *ent.Client, campaignID int, table *sheet.Sheet, report *sheet.Report) ([]*ent.Region, error) {
	v := viewer.FromContext(ctx)
	regions := map[string]*ent.Region{}
	seen := map[string]int{}
	var parsed []targetRow
	var touched []*ent.Region
	err := table.Each(func(rowNo int, cell func(string) string) error {
		t := targetRow{row: rowNo}
		ok := true
		code := cell("region_code")
		reg, found := regions[code]
		if !found {
			var err error
			reg, err = client.Region.Query().Where(region.Code(code)).Only(ctx)
			if err != nil && !ent.IsNotFound(err) {
				return err
			}
			regions[code] = reg
		}
		switch {
		case reg == nil:
			report.Fail(rowNo, "region_code", "unknown region code %q", code)
			ok = false
		case v != nil && !v.Admin() && (!v.InSubtree(reg.Path) || reg.Path == v.RegionPath):
			report.Fail(rowNo, "region_code", "region %s (%s) is not below your region", code, reg.Name)
			ok = false
		default:
			t.regionID = reg.ID
		}
		cat := strings.ToUpper(cell("category"))
		if c, isCode := categoryCodes[cat]; isCode {
			t.category = c
		} else {
			t.category = target.Category(cat)
		}
		if err := target.CategoryValidator(t.category); err != nil {
			report.Fail(rowNo, "category", "unknown category %q (use WORK_IN_LIEU ... FUND_SPENDING or T1 ... T7)", cell("category"))
			ok = false
		}
		unit, yi := parseUnit(cell("unit"))
		t.unit = unit
		if err := target.UnitValidator(t.unit); err != nil {
			report.Fail(rowNo, "unit", "unknown unit %q (use 人, 人次, 家, 元 or 亿元)", cell("unit"))
			ok = false
		} else if want := target.Unit(targets.Unit(string(t.category))); want != "" && want != t.unit {
			report.Fail(rowNo, "unit", "%s is counted in %s, not in %s", t.category, want, t.unit)
			ok = false
		}
		raw := strings.ReplaceAll(cell("quantity"), ",", "")
		var q int64
		var err error
		if yi {
			q, err = targets.YiToYuan(raw)
		} else {
			q, err = strconv.ParseInt(raw, 10, 64)
		}
		if err != nil || q < 0 {
			if yi {
				report.Fail(rowNo, "quantity", "an amount in 亿元 has at most 8 decimal places, got %q", cell("quantity"))
			} else {
				report.Fail(rowNo, "quantity", "quantity must be a whole number of at least 0, got %q", cell("quantity"))
			}
			ok = false
		}
		t.quantity = q
		if ok {
			key := fmt.Sprint(t.regionID, t.category)
			if first, dup := seen[key]; dup {
				report.Fail(rowNo, "category", "duplicate of row %d (same region and category)", first)
				return nil
			}
			seen[key] = rowNo
			parsed = append(parsed, t)
			touched = append(touched, reg)
		}
		return nil
	})
	if err != nil || report.Failed() {
		return nil, err
	}
	if len(parsed) == 0 {
		report.FailFile("the file has no data rows")
		return nil, nil
	}
	for _, t := range parsed {
		existing, err := client.Target.Query().Where(target.CampaignID(campaignID), target.RegionID(t.regionID), target.CategoryEQ(t.category)).Only(ctx)
		switch {
		case ent.IsNotFound(err):
			err = client.Target.Create().SetCampaignID(campaignID).SetRegionID(t.regionID).
				SetCategory(t.category).SetQuantity(t.quantity).SetUnit(t.unit).Exec(ctx)
		case err == nil:
			err = existing.Update().SetQuantity(t.quantity).SetUnit(t.unit).Exec(ctx)
		}
		if err != nil {
			// Returning an error rolls the whole import back.
			return nil, fmt.Errorf("row %d: %w", t.row, err)
		}
	}
	report.Ok = true
	report.Imported = len(parsed)
	return touched, nil
}

// parseUnit reads a unit from its API name or 附件1's Chinese; yi reports
// 亿元 (the quantity is then in hundreds of millions of yuan).
func parseUnit(s string) (unit target.Unit, yi bool) {
	switch strings.TrimSpace(s) {
	case "人":
		return target.UnitPEOPLE, false
	case "人次":
		return target.UnitPERSON_TIMES, false
	case "家", "个":
		return target.UnitUNITS, false
	case "元":
		return target.UnitYUAN, false
	case "亿元":
		return target.UnitYUAN, true
	}
	return target.Unit(strings.ToUpper(strings.TrimSpace(s))), false
}
