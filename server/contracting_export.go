package main

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/contractassignment"
	"github.com/hnvt/bairi/ent/enterprisevisit"
	"github.com/hnvt/bairi/ent/fiveclear"
	"github.com/hnvt/bairi/internal/contracting"
	"github.com/hnvt/bairi/internal/contractrule"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/workday"
)

// ledgerStates are the ledger states as the offices say them.
var ledgerStates = map[contracting.LedgerState]string{
	contracting.LedgerEmpty: "无需包干", contracting.LedgerOpen: "建立中", contracting.LedgerComplete: "按期建立",
	contracting.LedgerLate: "逾期建立", contracting.LedgerOverdue: "逾期未建立",
}

// fiveClearNames are the five clears as the notice says them.
var fiveClearNames = map[string]string{
	"ELIGIBLE_STAFF": "人员底数清", "CLASS_PLAN": "开班计划清", "TRAINEE_COUNT": "培训人数清",
	"ASSESSMENT": "考核评价取证清", "SUBSIDY": "补贴资金清",
}

// exportContractingLedger is R2's contracting ledger (包干企业台账) of the
// viewer's scope: one sheet with each ledger unit's state against the
// deadline, one with every enterprise at or above its unit's threshold (its
// officials, or 未分配), and one with every enterprise line (the visits in
// the campaign and the five clears with who confirmed them and when).
func (a *app) exportContractingLedger(w http.ResponseWriter, r *http.Request) {
	if !a.requireViewer(w, r) {
		return
	}
	ctx := r.Context()
	ledgers, err := a.resolver.Contracts.Ledgers(ctx, "", nil)
	if err != nil {
		if f, ok := fault.As(err); ok && f.Code == fault.Forbidden {
			http.Error(w, fault.Say(exportContext(r), "your role may not export this ledger"), http.StatusForbidden)
			return
		}
		a.exportFailed(w, r, err)
		return
	}
	lines, err := a.client.ContractAssignment.Query().Where(contractassignment.OrganizationIDNotNil()).
		WithOrganization().WithRegion().Order(ent.Asc(contractassignment.FieldID)).All(ctx)
	if err != nil {
		a.exportFailed(w, r, err)
		return
	}
	orgIDs := make([]int, 0, len(lines))
	for _, l := range lines {
		orgIDs = append(orgIDs, *l.OrganizationID)
	}
	clears, err := a.client.FiveClear.Query().Where(fiveclear.OrganizationIDIn(orgIDs...)).All(ctx)
	if err != nil {
		a.exportFailed(w, r, err)
		return
	}
	camp, err := contracting.Campaign(ctx, a.client, nil)
	if err != nil {
		a.exportFailed(w, r, err)
		return
	}
	vq := a.client.EnterpriseVisit.Query().Where(enterprisevisit.OrganizationIDIn(orgIDs...))
	if camp != nil {
		vq = vq.Where(enterprisevisit.VisitedOnGTE(workday.DateOf(camp.StartsOn, nil).Time(nil)), enterprisevisit.VisitedOnLTE(camp.EndsOn))
	}
	visits, err := vq.All(ctx)
	if err != nil {
		a.exportFailed(w, r, err)
		return
	}

	f := excelize.NewFile()
	defer f.Close()
	put := func(sheet string, header []any, rows [][]any) {
		_ = f.SetSheetRow(sheet, "A1", &header)
		for i, row := range rows {
			_ = f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+2), &row)
		}
		_ = f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	}
	_ = f.SetSheetName("Sheet1", "台账")
	rows := [][]any{}
	for _, l := range ledgers {
		due := ""
		if l.DueOn != nil {
			due = l.DueOn.String()
		}
		rows = append(rows, []any{l.Region.Code, l.Region.Name, l.Threshold, l.Large, l.Assigned, l.Large - l.Assigned,
			fmtTime(l.CompletedAt), due, ledgerStates[l.State]})
	}
	put("台账", []any{"地区代码", "地区", "用人规模门槛（人，含）", "规模以上企业", "已包干", "未包干", "建立完成时间", "建立时限", "状态"}, rows)

	_, _ = f.NewSheet("规模以上企业")
	rows = [][]any{}
	for _, l := range ledgers {
		for _, o := range l.Enterprises {
			names := []string{}
			first := ""
			for i, as := range o.Edges.ContractAssignments {
				names = append(names, as.OfficialName)
				if i == 0 {
					first = fmtTime(&as.AssignedAt)
				}
			}
			official := strings.Join(names, "、")
			if official == "" {
				official = "未分配"
			}
			rows = append(rows, []any{l.Region.Name, o.Name, o.CreditCode, o.EmployeeCount, official, first})
		}
	}
	put("规模以上企业", []any{"地区", "企业", "统一社会信用代码", "用人数", "包干干部", "分配时间"}, rows)

	_, _ = f.NewSheet("一对一服务")
	header := []any{"包干干部", "层级", "企业", "所在地区", "用人数", "分配时间", "本次行动走访次数", "走访要求"}
	for _, item := range contractrule.FiveClears {
		header = append(header, fiveClearNames[item])
	}
	tiers := map[contractassignment.Tier]string{contractassignment.TierPROVINCE: "省级", contractassignment.TierCITY: "市级", contractassignment.TierCOUNTY: "省直管县"}
	visitStates := map[contractrule.VisitState]string{contractrule.VisitsNotRequired: "不作要求", contractrule.VisitsDueState: "待走访", contractrule.VisitsDone: "已完成"}
	rows = [][]any{}
	for _, l := range lines {
		done := 0
		for _, v := range visits {
			if v.OrganizationID == *l.OrganizationID && v.VisitorID == l.UserID {
				done++
			}
		}
		st, due := contractrule.Visits(contractrule.Tier(l.Tier), done)
		need := visitStates[st]
		if due > 0 {
			need = fmt.Sprintf("%s（还需%d次）", need, due)
		}
		org := l.Edges.Organization
		name, employees := "", 0
		if org != nil {
			name, employees = org.Name, org.EmployeeCount
		}
		row := []any{l.OfficialName, tiers[l.Tier], name, l.Edges.Region.Name, employees, fmtTime(&l.AssignedAt), done, need}
		for _, item := range contractrule.FiveClears {
			cell := ""
			for _, c := range clears {
				if c.OrganizationID == *l.OrganizationID && string(c.Item) == item {
					cell = fmt.Sprintf("%s %s", fmtTime(&c.ConfirmedAt), c.ConfirmedByName)
				}
			}
			row = append(row, cell)
		}
		rows = append(rows, row)
	}
	put("一对一服务", header, rows)

	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="contracting-ledger.xlsx"`)
	w.Header().Set("Cache-Control", "private, no-store")
	_ = f.Write(w)
}
