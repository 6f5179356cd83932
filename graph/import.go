package graph

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/xuri/excelize/v2"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/ent/target"
	"github.com/hnvt/bairi/graph/model"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/viewer"
)

// maxImportBytes bounds an uploaded import file.
const maxImportBytes = 4 << 20

// readTable reads the rows of a CSV or XLSX file (told apart by content).
func readTable(r io.Reader) ([][]string, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxImportBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxImportBytes {
		return nil, fault.Input("file", "the file is larger than %d MiB", maxImportBytes>>20)
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			return nil, fault.Input("file", "not a readable XLSX file: %v", err)
		}
		defer f.Close()
		sheets := f.GetSheetList()
		if len(sheets) == 0 {
			return nil, fault.Input("file", "the workbook has no sheet")
		}
		return f.GetRows(sheets[0])
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // Excel's UTF-8 BOM
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fault.Input("file", "not a readable CSV file: %v", err)
	}
	return rows, nil
}

// headerIndex maps the wanted columns (English or Chinese headers) to positions.
func headerIndex(header []string, names map[string][]string) (map[string]int, error) {
	idx := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		for col, aliases := range names {
			for _, a := range aliases {
				if h == a {
					idx[col] = i
				}
			}
		}
	}
	var missing []string
	for col := range names {
		if _, ok := idx[col]; !ok {
			missing = append(missing, col)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("missing column(s): %s", strings.Join(missing, ", "))
	}
	return idx, nil
}

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
func (r *Resolver) importTargets(ctx context.Context, campaignID int, file graphql.Upload) (*model.ImportReport, error) {
	client := ent.FromContext(ctx)
	if v := viewer.FromContext(ctx); v == nil || (!v.Admin() && v.Role != viewer.RegionOfficial) {
		return nil, fault.New(fault.Forbidden, "only the province admin and region officials import targets")
	}
	if _, err := client.Campaign.Get(ctx, campaignID); err != nil {
		return nil, err
	}
	rows, err := readTable(file.File)
	if err != nil {
		return nil, err
	}
	report := &model.ImportReport{Errors: []*model.RowError{}}
	fail := func(row int, col, format string, args ...any) {
		c := col
		report.Errors = append(report.Errors, &model.RowError{Row: row, Column: &c, Message: fmt.Sprintf(format, args...)})
	}
	if len(rows) < 2 {
		report.Errors = append(report.Errors, &model.RowError{Row: 1, Message: "the file has no data rows"})
		return report, nil
	}
	idx, err := headerIndex(rows[0], map[string][]string{
		"region_code": {"region_code", "region", "地区代码", "区划代码"},
		"category":    {"category", "类别", "指标"},
		"quantity":    {"quantity", "target", "数量", "目标"},
		"unit":        {"unit", "单位"},
	})
	if err != nil {
		report.Errors = append(report.Errors, &model.RowError{Row: 1, Message: err.Error()})
		return report, nil
	}
	v := viewer.FromContext(ctx)
	regions := map[string]*ent.Region{}
	seen := map[string]int{}
	var parsed []targetRow
	for i, rec := range rows[1:] {
		rowNo := i + 2
		cell := func(col string) string {
			if j := idx[col]; j < len(rec) {
				return strings.TrimSpace(rec[j])
			}
			return ""
		}
		if strings.Join(rec, "") == "" {
			continue
		}
		t := targetRow{row: rowNo}
		ok := true
		code := cell("region_code")
		reg, found := regions[code]
		if !found {
			reg, err = client.Region.Query().Where(region.Code(code)).Only(ctx)
			if err != nil && !ent.IsNotFound(err) {
				return nil, err
			}
			regions[code] = reg
		}
		switch {
		case reg == nil:
			fail(rowNo, "region_code", "unknown region code %q", code)
			ok = false
		case v != nil && !v.Admin() && (!v.InSubtree(reg.Path) || reg.Path == v.RegionPath):
			fail(rowNo, "region_code", "region %s (%s) is not below your region", code, reg.Name)
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
			fail(rowNo, "category", "unknown category %q (use WORK_IN_LIEU ... FUND_SPENDING or T1 ... T7)", cell("category"))
			ok = false
		}
		q, err := strconv.ParseInt(strings.ReplaceAll(cell("quantity"), ",", ""), 10, 64)
		if err != nil || q < 0 {
			fail(rowNo, "quantity", "quantity must be a whole number of at least 0, got %q", cell("quantity"))
			ok = false
		}
		t.quantity = q
		t.unit = target.Unit(strings.ToUpper(cell("unit")))
		if err := target.UnitValidator(t.unit); err != nil {
			fail(rowNo, "unit", "unknown unit %q (use PEOPLE, PERSON_TIMES, UNITS or YUAN)", cell("unit"))
			ok = false
		}
		if ok {
			key := fmt.Sprint(t.regionID, t.category)
			if first, dup := seen[key]; dup {
				fail(rowNo, "category", "duplicate of row %d (same region and category)", first)
				continue
			}
			seen[key] = rowNo
			parsed = append(parsed, t)
		}
	}
	if len(report.Errors) > 0 {
		return report, nil
	}
	if len(parsed) == 0 {
		report.Errors = append(report.Errors, &model.RowError{Row: 1, Message: "the file has no data rows"})
		return report, nil
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
	return report, nil
}
