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

// TestWorkInLieuClaims (R1): enterprises on a county's ledger claim every
// month for the workers they kept on. A worker in two enterprises' claims
// for one month is paid once (the second claim holds them and is flagged);
// a worker is in one claim of an enterprise per month, under their
// registered name, for at most the year's cap of months; both claims run
// through R7 and are paid, the ledger balancing to the fen.
func TestWorkInLieuClaims(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		s.must(t, w.offZZ, `mutation($p:ID!){ createRegion(input:{code:"410102", name:"中原区", level: COUNTY, parentID:$p}){ id } }`, map[string]any{"p": w.zz})
		s.clock.Set(time.Date(2020, 9, 10, 10, 0, 0, 0, workday.China))
		const stdQ = `mutation($s:OrganizationSector, $f:Int!, $m:Int!){ setWorkInLieuStandard(year:2020, sector:$s, fenPerWorkerMonth:$f, maxMonths:$m){ id } }`
		s.wantCode(t, "FORBIDDEN", w.offZZ, stdQ, map[string]any{"s": nil, "f": 50000, "m": 3})
		s.must(t, w.admin, stdQ, map[string]any{"s": nil, "f": 50000, "m": 3})
		s.must(t, w.admin, stdQ, map[string]any{"s": "CULTURE_TOURISM", "f": 60000, "m": 3})

		// Two enterprises on 中原区's ledger, each with its own staff.
		enterprise := func(seq int, sector string) (org, staff string) {
			var d struct {
				CreateWorkInLieuEnterprise struct {
					Organization ref `json:"organization"`
				} `json:"createWorkInLieuEnterprise"`
			}
			s.must(t, w.offZZ, `mutation($in: WorkInLieuEnterpriseInput!){ createWorkInLieuEnterprise(input:$in){ organization { id } } }`,
				map[string]any{"in": map[string]any{"regionCode": "410102", "name": fmt.Sprint("企业", seq), "creditCode": creditCode(t, "410102", seq),
					"sector": sector, "employeeCount": 50, "foundBy": "PHONE"}}, &d)
			org = d.CreateWorkInLieuEnterprise.Organization.ID
			user := fmt.Sprint("ent-staff-", seq)
			s.must(t, w.admin, createUserQ, map[string]any{"in": map[string]any{"username": user, "password": testPassword, "displayName": user,
				"role": "INSTITUTION_STAFF", "regionID": w.zz, "organizationID": org}})
			staff, _ = s.login(t, user, testPassword)
			return org, staff
		}
		orgA, staffA := enterprise(21, "CULTURE_TOURISM")
		orgB, staffB := enterprise(22, "TRANSPORT")
		w1, w2, w3 := residentID(t, "410102", 501), residentID(t, "410102", 502), residentID(t, "410102", 503)
		const claimQ = `mutation($in: WorkInLieuClaimInput!){ submitWorkInLieuClaim(input:$in){ id kind claimMonth state headcount amountFen flags
			claimWorkers { name idMasked month held } } }`
		type claim struct {
			ID           string   `json:"id"`
			Kind         string   `json:"kind"`
			ClaimMonth   string   `json:"claimMonth"`
			State        string   `json:"state"`
			Headcount    int      `json:"headcount"`
			AmountFen    int      `json:"amountFen"`
			Flags        []string `json:"flags"`
			ClaimWorkers []struct {
				Name     string `json:"name"`
				IDMasked string `json:"idMasked"`
				Held     bool   `json:"held"`
			} `json:"claimWorkers"`
		}
		submit := func(token, org, month string, workers ...[2]string) (claim, gqlResult) {
			var list []any
			for _, x := range workers {
				list = append(list, map[string]any{"name": x[0], "idNumber": x[1]})
			}
			var d struct {
				SubmitWorkInLieuClaim claim `json:"submitWorkInLieuClaim"`
			}
			r := s.gql(t, token, claimQ, map[string]any{"in": map[string]any{"organizationID": org, "month": month, "workers": list}}, &d)
			return d.SubmitWorkInLieuClaim, r
		}
		a, r := submit(staffA, orgA, "2020-08", [2]string{"王一", w1}, [2]string{"王二", w2})
		if len(r.Errors) > 0 || a.Kind != "WORK_IN_LIEU" || a.ClaimMonth != "2020-08" || a.State != "SUBMITTED" || a.Headcount != 2 ||
			a.AmountFen != 2*60000 || len(a.Flags) != 0 {
			t.Fatalf("claim A: %s %s", js(r.Errors), js(a))
		}
		// 王二 again, by the other enterprise, for the same month: held, flagged, not paid here.
		b, r := submit(staffB, orgB, "2020-08", [2]string{"王二", w2}, [2]string{"王三", w3})
		if len(r.Errors) > 0 || b.Headcount != 1 || b.AmountFen != 50000 || len(b.Flags) != 1 || b.Flags[0] != "WORKER_CLAIMED_ELSEWHERE" ||
			len(b.ClaimWorkers) != 2 || !b.ClaimWorkers[0].Held || b.ClaimWorkers[1].Held || strings.Contains(js(b), w2) {
			t.Fatalf("claim B: %s %s", js(r.Errors), js(b))
		}
		rowsOf := func(r gqlResult) string {
			if r.code() != "BAD_USER_INPUT" {
				return "code " + r.code()
			}
			var got []string
			for _, e := range r.Errors[0].rows(t) {
				got = append(got, fmt.Sprintf("%d:%s", e.Row, e.Field))
			}
			return strings.Join(got, " ")
		}
		// The roster from the enterprise's sheet, read on the phone before it
		// submits: the same checks, nothing written, held workers marked.
		const readQ = `mutation($o:ID!, $m:String!, $f:Upload!){ readClaimRoster(organizationID:$o, month:$m, file:$f){
			rows { row name idNumber heldElsewhere errors { column message } } errors { message } } }`
		var rr struct {
			ReadClaimRoster struct {
				Rows []struct {
					Row           int    `json:"row"`
					Name          string `json:"name"`
					IDNumber      string `json:"idNumber"`
					HeldElsewhere bool   `json:"heldElsewhere"`
					Errors        []struct {
						Column  string `json:"column"`
						Message string `json:"message"`
					} `json:"errors"`
				} `json:"rows"`
				Errors []struct{ Message string } `json:"errors"`
			} `json:"readClaimRoster"`
		}
		sheetRows := rosterXLSX(t, [][]any{{"职工姓名", "身份证号码"}, {" 王一 ", strings.ToLower(w1)}, {"王二", w2}, {"王三", w3},
			{"王七", wrongCheck(residentID(t, "410102", 507))}, {"王八", residentID(t, "410102", 508)}})
		s.uploadIn(t, "zh-CN", staffB, readQ, map[string]any{"o": orgB, "m": "2020-08"}, "f", "8月名单.xlsx", sheetRows, &rr)
		got := []string{}
		for _, x := range rr.ReadClaimRoster.Rows {
			line := fmt.Sprintf("%d:%s:%v", x.Row, x.Name, x.HeldElsewhere)
			for _, e := range x.Errors {
				line += ":" + e.Column
				if !hasHan(e.Message) {
					t.Errorf("row %d: %q is not in Chinese", x.Row, e.Message)
				}
			}
			got = append(got, line)
		}
		// 王一: A's worker, claimable by B (held); 王二 and 王三: already in B's claim; 王七's check character; 王八 new.
		if want := "2:王一:true 3:王二:false:idNumber 4:王三:false:idNumber 5:王七:false:idNumber 6:王八:false"; strings.Join(got, " ") != want ||
			rr.ReadClaimRoster.Rows[0].IDNumber != w1 || len(rr.ReadClaimRoster.Errors) != 0 {
			t.Errorf("claim roster: %s, want %s (%s)", strings.Join(got, " "), want, js(rr.ReadClaimRoster))
		}
		if r := s.upload(t, staffA, readQ, map[string]any{"o": orgB, "m": "2020-08"}, "f", "8月名单.xlsx", sheetRows); r.code() != "FORBIDDEN" {
			t.Errorf("A reads a roster for B: %s", js(r.Errors))
		}
		var claimsOfB struct {
			SubsidyApplications struct {
				TotalCount int `json:"totalCount"`
			} `json:"subsidyApplications"`
		}
		s.must(t, staffB, `query{ subsidyApplications(where:{kind: WORK_IN_LIEU}){ totalCount } }`, nil, &claimsOfB)
		if claimsOfB.SubsidyApplications.TotalCount != 1 {
			t.Errorf("reading a roster wrote a claim: %d", claimsOfB.SubsidyApplications.TotalCount)
		}

		// Once per enterprise and month; the registered name; the ID's check character.
		_, r = submit(staffA, orgA, "2020-08", [2]string{"王一", w1})
		if got := rowsOf(r); got != "1:idNumber" {
			t.Errorf("王一 twice for 2020-08 by A: %s", got)
		}
		_, r = submit(staffB, orgB, "2020-09", [2]string{"李四", w1}, [2]string{"王五", wrongCheck(residentID(t, "410102", 505))})
		if got := rowsOf(r); got != "1:name 2:idNumber" {
			t.Errorf("wrong name and ID: %s", got)
		}
		// The cap: 王一 claimed for June, July and August (3 months) is refused for September.
		for _, m := range []string{"2020-06", "2020-07"} {
			if _, r := submit(staffA, orgA, m, [2]string{"王一", w1}); len(r.Errors) > 0 {
				t.Fatalf("%s: %s", m, js(r.Errors))
			}
		}
		r = s.gqlIn(t, "zh-CN", staffA, claimQ, map[string]any{"in": map[string]any{"organizationID": orgA, "month": "2020-09",
			"workers": []any{map[string]any{"name": "王一", "idNumber": w1}}}})
		if got := rowsOf(r); got != "1:idNumber" || !strings.Contains(r.Errors[0].rows(t)[0].Message, "3") || !hasHan(r.Errors[0].rows(t)[0].Message) {
			t.Errorf("over the cap: %s %s", got, js(r.Errors))
		}
		// A month not begun, another enterprise's claim, an enterprise on no ledger.
		if _, r := submit(staffA, orgA, "2020-10", [2]string{"王一", w1}); r.code() != "BAD_USER_INPUT" {
			t.Errorf("October on 10 September: %s", js(r.Errors))
		}
		if _, r := submit(staffA, orgB, "2020-08", [2]string{"王六", residentID(t, "410102", 506)}); r.code() != "FORBIDDEN" {
			t.Errorf("A claims for B: %s", js(r.Errors))
		}
		if _, r := submit(w.staffZZ, w.orgZZ, "2020-08", [2]string{"王六", residentID(t, "410102", 506)}); r.code() != "BAD_USER_INPUT" {
			t.Errorf("an organisation on no ledger: %s", js(r.Errors))
		}

		// 王九, held in B's September claim while A's claim would pay them, is
		// claimed again by B once A's claim is rejected: paid by B's new claim,
		// and A claiming them again is held in turn.
		w9 := residentID(t, "410102", 509)
		a9, r := submit(staffA, orgA, "2020-09", [2]string{"王九", w9})
		if len(r.Errors) > 0 {
			t.Fatalf("A for September: %s", js(r.Errors))
		}
		if b9, r := submit(staffB, orgB, "2020-09", [2]string{"王九", w9}); len(r.Errors) > 0 || b9.Headcount != 0 || b9.AmountFen != 0 || !b9.ClaimWorkers[0].Held {
			t.Fatalf("B for September: %s %s", js(r.Errors), js(b9))
		}
		if _, r := submit(staffB, orgB, "2020-09", [2]string{"王九", w9}); rowsOf(r) != "1:idNumber" {
			t.Errorf("B again while A's claim stands: %s", rowsOf(r))
		}
		w.walk(t, s, a9.ID, "ACCEPTED")
		s.must(t, w.offZZ, `mutation($id:ID!){ reviewSubsidyApplication(id:$id, approve:false, comment:"该职工9月未在本企业工作"){ state } }`, map[string]any{"id": a9.ID})
		if again, r := submit(staffB, orgB, "2020-09", [2]string{"王九", w9}); len(r.Errors) > 0 || again.Headcount != 1 || again.AmountFen != 50000 ||
			again.ClaimWorkers[0].Held || len(again.Flags) != 0 {
			t.Errorf("B again after A's rejection: %s %s", js(r.Errors), js(again))
		}
		if _, r := submit(staffB, orgB, "2020-09", [2]string{"王九", w9}); rowsOf(r) != "1:idNumber" {
			t.Errorf("B a third time: %s", rowsOf(r))
		}
		if a, r := submit(staffA, orgA, "2020-09", [2]string{"王九", w9}); len(r.Errors) > 0 || a.AmountFen != 0 || !a.ClaimWorkers[0].Held {
			t.Errorf("A again after B's new claim: %s %s", js(r.Errors), js(a))
		}

		// Both August claims run through R7 and are paid: 王二 once.
		s.must(t, w.admin, `mutation{ depositFunds(regionCode:"410102", amountFen: 1000000, idempotencyKey:"deposit-410102-1"){ balanceFen } }`, nil)
		pay := `mutation($id:ID!, $k:String!){ paySubsidyApplication(id:$id, idempotencyKey:$k){ state amountFen } }`
		for i, id := range []string{a.ID, b.ID} {
			w.walk(t, s, id, "TRANSFERRED_TO_FINANCE")
			s.must(t, w.finZZ, pay, map[string]any{"id": id, "k": fmt.Sprint("pay-claim-", i)})
		}
		if bal := s.ledgerBalances(t, w.finZZ, "410102"); bal != 1000000-2*60000-50000 {
			t.Errorf("balance %d fen after paying 2 workers at 600 yuan and 1 at 500", bal)
		}
		// T1 counts people: 王一 paid for August, June and July counts once; 王二
		// (paid by A, held by B) once; 王三 once. T7 is the money paid.
		for i, m := range []string{"2020-06", "2020-07"} {
			var d struct {
				SubsidyApplications connection[ref] `json:"subsidyApplications"`
			}
			s.must(t, staffA, `query($m:String!){ subsidyApplications(where:{claimMonth:$m}){ edges { node { id } } } }`, map[string]any{"m": m}, &d)
			id := d.SubsidyApplications.Edges[0].Node.ID
			w.walk(t, s, id, "TRANSFERRED_TO_FINANCE")
			s.must(t, w.finZZ, pay, map[string]any{"id": id, "k": fmt.Sprint("pay-claim-month-", i)})
		}
		camp := s.campaignID(t, w.admin)
		for _, region := range []string{"410000", "410100", "410102"} {
			if got := s.achieved(t, w.admin, camp, region, "WORK_IN_LIEU"); got != 3 {
				t.Errorf("T1 in %s: %d people, want 3", region, got)
			}
		}
		var prog struct {
			CampaignProgress []struct {
				Category         string   `json:"category"`
				Achieved         int      `json:"achieved"`
				AchievedFen      *int     `json:"achievedFen"`
				AllocatedFen     *int     `json:"allocatedFen"`
				DisbursementRate *float64 `json:"disbursementRate"`
			} `json:"campaignProgress"`
		}
		s.must(t, w.offZZ, `query($c:ID!){ campaignProgress(campaignID:$c, regionCode:"410100"){ category achieved achievedFen allocatedFen disbursementRate } }`,
			map[string]any{"c": camp}, &prog)
		paidFen := 2*60000 + 50000 + 2*60000
		bal := s.ledgerBalances(t, w.finZZ, "410102")
		for _, x := range prog.CampaignProgress {
			if x.Category == "FUND_SPENDING" && (deref(x.AchievedFen) != paidFen || 1000000-bal != paidFen || x.Achieved != paidFen/100 ||
				deref(x.AllocatedFen) != 1000000 || deref(x.DisbursementRate) != float64(paidFen)/1000000) {
				t.Errorf("T7 in Zhengzhou: %s, the ledger paid %d fen", js(x), 1000000-bal)
			}
		}
		s.recountMatches(t, w.admin, camp, "410000", "410100", "410102")
	})
}
