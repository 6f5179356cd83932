package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/fundentry"
	"github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/ent/subsidyapplication"
	"github.com/hnvt/bairi/ent/tendayreport"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/fen"
	"github.com/hnvt/bairi/internal/progress"
	"github.com/hnvt/bairi/internal/tenday"
	"github.com/hnvt/bairi/internal/tenday/reports"
	"github.com/hnvt/bairi/internal/viewer"
	"github.com/hnvt/bairi/internal/workday"
)

func fmtTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.In(workday.China).Format("2006-01-02 15:04")
}

// writeWorkbook sends rows as an .xlsx download; what rows hold is decided
// by the privacy policies (the viewer's scope).
func writeWorkbook(w http.ResponseWriter, name string, header []any, rows [][]any) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Sheet1"
	_ = f.SetSheetRow(sheet, "A1", &header)
	for i, r := range rows {
		_ = f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+2), &r)
	}
	_ = f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, name))
	w.Header().Set("Cache-Control", "private, no-store")
	_ = f.Write(w)
}

func (a *app) requireViewer(w http.ResponseWriter, r *http.Request) bool {
	if viewer.FromContext(r.Context()) == nil {
		unauthenticated(w, fault.Say(exportContext(r), "sign in to export"))
		return false
	}
	return true
}

// exportContext is the request's context with the language it asks for.
func exportContext(r *http.Request) context.Context {
	return fault.WithLanguage(r.Context(), r.Header.Get("Accept-Language"))
}

// exportFailed answers a failed export: 403 when the viewer's role may not
// read the ledger (a privacy denial), else 500, logged.
func (a *app) exportFailed(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, privacy.Deny) {
		http.Error(w, fault.Say(exportContext(r), "your role may not export this ledger"), http.StatusForbidden)
		return
	}
	a.log.ErrorContext(r.Context(), "export", "error", err.Error())
	http.Error(w, fault.Say(exportContext(r), "internal error"), http.StatusInternalServerError)
}

// exportApplications is the application ledger (台账) with its clocks.
func (a *app) exportApplications(w http.ResponseWriter, r *http.Request) {
	if !a.requireViewer(w, r) {
		return
	}
	apps, err := a.client.SubsidyApplication.Query().WithOrganization().WithRegion().
		Order(ent.Asc(subsidyapplication.FieldID)).All(r.Context())
	if err != nil {
		a.exportFailed(w, r, err)
		return
	}
	header := []any{"编号 ID", "单位 Organisation", "地区 Region", "类型 Kind", "状态 State", "人数 Headcount", "金额 Amount (yuan)",
		"预付 Prepaid (yuan)", "提交 Submitted", "受理 Accepted", "审核时限 Review due", "人社时限 HR due", "财政时限 Finance due", "支付 Paid"}
	rows := make([][]any, 0, len(apps))
	for _, x := range apps {
		rows = append(rows, []any{x.ID, x.Edges.Organization.Name, x.Edges.Region.Name, string(x.Kind), string(x.State), x.Headcount,
			fen.Yuan(x.AmountFen), fen.Yuan(x.PrepaidFen), fmtTime(&x.SubmittedAt), fmtTime(x.AcceptedAt), fmtTime(x.ReviewDueAt), fmtTime(x.HrDueAt),
			fmtTime(x.FinanceDueAt), fmtTime(x.PaidAt)})
	}
	writeWorkbook(w, "subsidy-applications.xlsx", header, rows)
}

// exportFundLedger is the special accounts' ledger.
func (a *app) exportFundLedger(w http.ResponseWriter, r *http.Request) {
	if !a.requireViewer(w, r) {
		return
	}
	entries, err := a.client.FundEntry.Query().WithRegion().Order(ent.Asc(fundentry.FieldID)).All(r.Context())
	if err != nil {
		a.exportFailed(w, r, err)
		return
	}
	header := []any{"时间 Time", "地区 Region", "类型 Kind", "金额 Amount (yuan)", "余额 Balance (yuan)", "申请 Application", "对方 Counterparty"}
	rows := make([][]any, 0, len(entries))
	for _, e := range entries {
		app := any("")
		if e.ApplicationID != 0 {
			app = e.ApplicationID
		}
		rows = append(rows, []any{fmtTime(&e.At), e.Edges.Region.Name, string(e.Kind), fen.Yuan(e.AmountFen), fen.Yuan(e.BalanceAfterFen), app, e.Counterparty})
	}
	writeWorkbook(w, "fund-ledger.xlsx", header, rows)
}

// exportTenDayReports is the ten-day reports of a period (?period=, its
// first day) in the layout of the notice's 附件2 as the offices fill it: one
// row per region of the viewer's scope (its latest version), each category's
// ten days and cumulative figure side by side, money in yuan.
func (a *app) exportTenDayReports(w http.ResponseWriter, r *http.Request) {
	if !a.requireViewer(w, r) {
		return
	}
	start, err := workday.ParseDate(r.URL.Query().Get("period"))
	if err == nil {
		_, err = tenday.PeriodStarting(start)
	}
	if err != nil {
		http.Error(w, fault.Say(exportContext(r), "give the period's first day (a 1st, 11th or 21st) as ?period=YYYY-MM-DD"), http.StatusBadRequest)
		return
	}
	all, err := a.client.TenDayReport.Query().Where(tendayreport.PeriodStart(start.Time(workday.China))).WithRegion().
		Order(ent.Desc(tendayreport.FieldVersion)).All(r.Context())
	if err != nil {
		a.exportFailed(w, r, err)
		return
	}
	latest := map[int]*ent.TenDayReport{}
	for _, x := range all {
		if latest[x.RegionID] == nil {
			latest[x.RegionID] = x
		}
	}
	list := make([]*ent.TenDayReport, 0, len(latest))
	for _, x := range latest {
		list = append(list, x)
	}
	slices.SortFunc(list, func(x, y *ent.TenDayReport) int { return strings.Compare(x.Edges.Region.Path, y.Edges.Region.Path) })
	header := []any{"地区代码", "地区", "版本", "状态"}
	for _, c := range reports.Counters {
		name := fault.ZhTerm(c)
		unit := ""
		if c == "FUND_SPENDING" || c == progress.FundAllocated {
			unit = "（元）"
		}
		header = append(header, fmt.Sprintf("%s本旬%s", name, unit), fmt.Sprintf("%s累计%s", name, unit))
	}
	header = append(header, "资金支出进度", "提交时间", "说明", "更正理由")
	rows := make([][]any, 0, len(list))
	for _, x := range list {
		status := "待提交"
		if x.Status == tendayreport.StatusSUBMITTED {
			status = "已提交"
		}
		row := []any{x.Edges.Region.Code, x.Edges.Region.Name, x.Version, status}
		for _, c := range reports.Counters {
			var f tenday.Figure
			for _, g := range x.Figures {
				if g.Category == c {
					f = g
				}
			}
			if c == "FUND_SPENDING" || c == progress.FundAllocated {
				row = append(row, fen.Yuan(f.Period), fen.Yuan(f.Cumulative))
			} else {
				row = append(row, f.Period, f.Cumulative)
			}
		}
		row = append(row, fmt.Sprintf("%.1f%%", 100*tenday.DisbursementRate(x.Figures)), fmtTime(x.SubmittedAt), x.Comment, x.CorrectionReason)
		rows = append(rows, row)
	}
	writeWorkbook(w, fmt.Sprintf("ten-day-reports-%s.xlsx", start), header, rows)
}
