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
	"github.com/hnvt/bairi/internal/entctx"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/sheet"
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
func (r *Resolver) importTargets(ctx context.Context, campaignID int, file graphql.Upload) (*sheet.Report, error) {
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
	if err != nil || table == nil {
		return report, err
	}
	err = entctx.InTx(ctx, r.Client, func(ctx context.Context, client *ent.Client) error {
		return writeTargets(ctx, client, campaignID, table, report)
	})
	if err != nil {
		return nil, err
	}
	return report, nil
}

// writeTargets checks every row of table, then writes them all unless one
// fails (report says which and why).
func writeTargets(ctx context.Context, client *ent.Client, campaignID int, table *sheet.Sheet, report *sheet.Report) error {
	v := viewer.FromContext(ctx)
	regions := map[string]*ent.Region{}
	seen := map[string]int{}
	var parsed []targetRow
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
		q, err := strconv.ParseInt(strings.ReplaceAll(cell("quantity"), ",", ""), 10, 64)
		if err != nil || q < 0 {
			report.Fail(rowNo, "quantity", "quantity must be a whole number of at least 0, got %q", cell("quantity"))
			ok = false
		}
		t.quantity = q
		t.unit = target.Unit(strings.ToUpper(cell("unit")))
		if err := target.UnitValidator(t.unit); err != nil {
			report.Fail(rowNo, "unit", "unknown unit %q (use PEOPLE, PERSON_TIMES, UNITS or YUAN)", cell("unit"))
			ok = false
		}
		if ok {
			key := fmt.Sprint(t.regionID, t.category)
			if first, dup := seen[key]; dup {
				report.Fail(rowNo, "category", "duplicate of row %d (same region and category)", first)
				return nil
			}
			seen[key] = rowNo
			parsed = append(parsed, t)
		}
		return nil
	})
	if err != nil || report.Failed() {
		return err
	}
	if len(parsed) == 0 {
		report.FailFile("the file has no data rows")
		return nil
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
			return fmt.Errorf("row %d: %w", t.row, err)
		}
	}
	report.Ok = true
	report.Imported = len(parsed)
	return nil
}
