package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hnvt/bairi/internal/workday"
)

const addLedgerQ = `mutation($in: WorkInLieuEnterpriseInput!){ createWorkInLieuEnterprise(input:$in){ id foundBy contactPhone joinedWorkGroupOn
	organization { name creditCode sector prioritySector employeeCount kind region { code } } region { code } } }`

const ledgerStatusQ = `query($r:String!){ countyLedgerStatus(regionCode:$r){ region { code } enterprises priorityEnterprises inWorkGroup
	completedAt workGroupCreatedOn dueOn onTime } }`

type ledgerStatus struct {
	Enterprises         int     `json:"enterprises"`
	PriorityEnterprises int     `json:"priorityEnterprises"`
	InWorkGroup         int     `json:"inWorkGroup"`
	CompletedAt         *string `json:"completedAt"`
	WorkGroupCreatedOn  *string `json:"workGroupCreatedOn"`
	DueOn               *string `json:"dueOn"`
	OnTime              *bool   `json:"onTime"`
}

// TestWorkInLieuLedger (R1): a county keeps its ledger of enterprises (typed
// or imported all-or-nothing from the office's sheet), an enterprise is on
// one ledger once, and the ledger's completion is measured against the
// campaign's 25 August deadline (the day itself on time), visible to the
// city and the province but not to another city.
func TestWorkInLieuLedger(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		for _, code := range []string{"410102", "410103", "410105"} {
			s.must(t, w.offZZ, `mutation($c:String!, $p:ID!){ createRegion(input:{code:$c, name:$c, level: COUNTY, parentID:$p}){ id } }`,
				map[string]any{"c": code, "p": w.zz})
		}
		s.clock.Set(time.Date(2020, 8, 20, 10, 0, 0, 0, workday.China))
		entry := func(county string, seq int, sector string) map[string]any {
			return map[string]any{"regionCode": county, "name": fmt.Sprint("企业", seq), "creditCode": creditCode(t, county, seq),
				"sector": sector, "employeeCount": 120, "foundBy": "VISIT"}
		}
		first := entry("410102", 1, "CULTURE_TOURISM")
		first["contactPhone"], first["joinedWorkGroupOn"], first["name"] = "138 0013 8000", "2020-08-19", "郑州国旅"
		var d struct {
			CreateWorkInLieuEnterprise struct {
				FoundBy           string  `json:"foundBy"`
				ContactPhone      string  `json:"contactPhone"`
				JoinedWorkGroupOn *string `json:"joinedWorkGroupOn"`
				Organization      struct {
					Sector         string `json:"sector"`
					PrioritySector bool   `json:"prioritySector"`
					Kind           string `json:"kind"`
					Region         struct{ Code string }
				} `json:"organization"`
			} `json:"createWorkInLieuEnterprise"`
		}
		s.must(t, w.offZZ, addLedgerQ, map[string]any{"in": first}, &d)
		got := d.CreateWorkInLieuEnterprise
		if got.ContactPhone != "13800138000" || deref(got.JoinedWorkGroupOn) != "2020-08-19" || !got.Organization.PrioritySector ||
			got.Organization.Kind != "ENTERPRISE" || got.Organization.Region.Code != "410102" {
			t.Errorf("ledger entry %s", js(d))
		}

		// Only counties keep ledgers; only officials above a county write its one.
		r := s.gqlIn(t, "zh-CN", w.offZZ, addLedgerQ, map[string]any{"in": entry("410100", 2, "TRANSPORT")})
		if r.code() != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, "县（市、区）") || strings.Contains(r.Errors[0].Message, "ledger") {
			t.Errorf("a city's ledger: %s", js(r.Errors))
		}
		s.wantCode(t, "FORBIDDEN", w.offLY, addLedgerQ, map[string]any{"in": entry("410102", 3, "TRANSPORT")})
		s.wantCode(t, "FORBIDDEN", w.staffZZ, addLedgerQ, map[string]any{"in": entry("410102", 3, "TRANSPORT")})
		// An enterprise registered in Luoyang is not put on a Zhengzhou county's ledger.
		var ly struct {
			CreateOrganization createdOrg `json:"createOrganization"`
		}
		s.must(t, w.admin, createOrg, map[string]any{"in": map[string]any{"name": "洛阳酒店", "kind": "ENTERPRISE",
			"creditCode": creditCode(t, "410300", 9), "regionID": w.ly, "sector": "ACCOMMODATION_CATERING"}}, &ly)
		elsewhere := entry("410102", 4, "ACCOMMODATION_CATERING")
		elsewhere["creditCode"] = ly.CreateOrganization.CreditCode
		s.wantCode(t, "CONFLICT", w.offZZ, addLedgerQ, map[string]any{"in": elsewhere})
		s.wantCode(t, "BAD_USER_INPUT", w.admin, addLedgerQ, map[string]any{"in": elsewhere})

		// The office's sheet: one bad row refuses the file, nothing written.
		const importQ = `mutation($r:String!, $f:Upload!){ importWorkInLieuLedger(regionCode:$r, file:$f){ ok imported errors { row column message } } }`
		header := []any{"企业名称", "统一社会信用代码", "所属行业", "职工人数", "摸排方式", "联系人", "联系电话", "入群日期"}
		bad := rosterXLSX(t, [][]any{header,
			{"郑州国旅", creditCode(t, "410102", 1), "文化旅游", 130, "走访", "王经理", "13800138001", "2020-08-19"},
			{"二七商场", wrongCheck(creditCode(t, "410102", 5)), "批发零售", 300, "电话", "", "", ""},
			{"某厂", creditCode(t, "410102", 6), "造船", 50, "托梦", "", "", ""},
		})
		var rep struct {
			ImportWorkInLieuLedger importReport `json:"importWorkInLieuLedger"`
		}
		s.uploadIn(t, "zh-CN", w.offZZ, importQ, map[string]any{"r": "410102"}, "f", "台账.xlsx", bad, &rep)
		if rp := rep.ImportWorkInLieuLedger; rp.OK || rp.rows() != "3:creditCode 4:sector 4:foundBy" {
			t.Errorf("bad sheet: %s", js(rp))
		}
		status := func(token, county string) ledgerStatus {
			var st struct {
				CountyLedgerStatus ledgerStatus `json:"countyLedgerStatus"`
			}
			s.must(t, token, ledgerStatusQ, map[string]any{"r": county}, &st)
			return st.CountyLedgerStatus
		}
		if st := status(w.offZZ, "410102"); st.Enterprises != 1 {
			t.Errorf("a refused sheet wrote: %s", js(st))
		}
		good := rosterXLSX(t, [][]any{header,
			{"郑州国旅", creditCode(t, "410102", 1), "文化旅游", 130, "走访", "王经理", "13800138001", "2020-08-19"},
			{"二七商场", creditCode(t, "410102", 5), "批发零售", 300, "电话", "", "", ""},
			{"郑州机械厂", creditCode(t, "410102", 7), "制造业", 800, "部门推送", "", "", ""},
		})
		rep.ImportWorkInLieuLedger = importReport{}
		s.uploadIn(t, "zh-CN", w.offZZ, importQ, map[string]any{"r": "410102"}, "f", "台账.xlsx", good, &rep)
		if rp := rep.ImportWorkInLieuLedger; !rp.OK || rp.Imported != 3 {
			t.Fatalf("good sheet: %s", js(rp))
		}
		st := status(w.offZZ, "410102")
		if st.Enterprises != 3 || st.PriorityEnterprises != 2 || st.InWorkGroup != 1 || st.CompletedAt != nil ||
			deref(st.DueOn) != "2020-08-25" || st.OnTime != nil {
			t.Errorf("ledger before the deadline: %s", js(st))
		}
		var list struct {
			WorkInLieuEnterprises counted `json:"workInLieuEnterprises"`
		}
		s.must(t, w.offZZ, `{ workInLieuEnterprises(where:{hasRegionWith:{code:"410102"}}){ totalCount } }`, nil, &list)
		if list.WorkInLieuEnterprises.TotalCount != 3 {
			t.Errorf("the city lists %d", list.WorkInLieuEnterprises.TotalCount)
		}
		s.must(t, w.offLY, `{ workInLieuEnterprises { totalCount } }`, nil, &list)
		if list.WorkInLieuEnterprises.TotalCount != 0 {
			t.Errorf("another city lists %d", list.WorkInLieuEnterprises.TotalCount)
		}
		s.wantCode(t, "FORBIDDEN", w.offLY, ledgerStatusQ, map[string]any{"r": "410102"})

		// Completion against 25 August: on the 20th, on the 25th at 23:30 (the
		// day counts), on the 26th (late); a county that never completes is
		// overdue from the 26th; an empty ledger cannot be complete.
		const completeQ = `mutation($r:String!, $d:Date!){ completeCountyLedger(regionCode:$r, workGroupCreatedOn:$d){ onTime completedAt } }`
		s.wantCode(t, "BAD_USER_INPUT", w.offZZ, completeQ, map[string]any{"r": "410105", "d": "2020-08-18"})
		s.must(t, w.offZZ, completeQ, map[string]any{"r": "410102", "d": "2020-08-18"})
		s.wantCode(t, "CONFLICT", w.offZZ, completeQ, map[string]any{"r": "410102", "d": "2020-08-18"})
		s.must(t, w.offZZ, addLedgerQ, map[string]any{"in": entry("410105", 11, "TRANSPORT")})
		s.must(t, w.offZZ, addLedgerQ, map[string]any{"in": entry("410103", 12, "TRANSPORT")})
		s.clock.Set(time.Date(2020, 8, 25, 23, 30, 0, 0, workday.China))
		s.wantCode(t, "BAD_USER_INPUT", w.offZZ, completeQ, map[string]any{"r": "410105", "d": "2020-08-26"})
		s.must(t, w.offZZ, completeQ, map[string]any{"r": "410105", "d": "2020-08-25"})
		if st := status(w.offZZ, "410103"); st.OnTime != nil {
			t.Errorf("not complete on the deadline day: %s", js(st))
		}
		s.clock.Set(time.Date(2020, 8, 26, 9, 0, 0, 0, workday.China))
		if st := status(w.admin, "410103"); st.OnTime == nil || *st.OnTime {
			t.Errorf("overdue: %s", js(st))
		}
		s.must(t, w.offZZ, completeQ, map[string]any{"r": "410103", "d": "2020-08-26"})
		for county, want := range map[string]bool{"410102": true, "410105": true, "410103": false} {
			if st := status(w.admin, county); st.OnTime == nil || *st.OnTime != want || st.CompletedAt == nil {
				t.Errorf("%s: %s, want onTime %v", county, js(st), want)
			}
		}
	})
}
