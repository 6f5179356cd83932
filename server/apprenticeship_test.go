package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hnvt/bairi/internal/apprenticeship"
	"github.com/hnvt/bairi/internal/workday"
)

const signContractQ = `mutation($in: ApprenticeshipContractInput!){ signApprenticeshipContract(input:$in){ id occupation level startsOn months
	signedOn apprenticeName idMasked enterpriseTutor schoolTutor enterpriseName schoolName enterprise { name } school { name } } }`

// TestApprenticeshipContracts (R5, T5): an enterprise, a school and an
// apprentice sign a contract (typed, or a sheet all-or-nothing); a dispatched
// worker is refused with nothing written; the parties' kinds are checked;
// each party's staff and the officials of either party's region read it,
// others do not; T5 counts the contracts signed within the campaign, in the
// enterprise's region; each school has a quota row of its kind.
func TestApprenticeshipContracts(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		s.clock.Set(time.Date(2020, 9, 10, 10, 0, 0, 0, workday.China))
		org := func(name, kind, region, division string, seq int) (id, code string) {
			var d struct {
				CreateOrganization createdOrg `json:"createOrganization"`
			}
			s.must(t, w.admin, createOrg, map[string]any{"in": map[string]any{"name": name, "kind": kind,
				"creditCode": creditCode(t, division, seq), "regionID": region, "employeeCount": 800}}, &d)
			return d.CreateOrganization.ID, d.CreateOrganization.CreditCode
		}
		staff := func(name, region, org string) string {
			s.must(t, w.admin, createUserQ, map[string]any{"in": map[string]any{"username": name, "password": testPassword, "displayName": name,
				"role": "INSTITUTION_STAFF", "regionID": region, "organizationID": org}})
			tok, _ := s.login(t, name, testPassword)
			return tok
		}
		factory, factoryCode := org("郑州宇通客车", "ENTERPRISE", w.zz, "410100", 31)
		college, collegeCode := org("洛阳技师学院", "TECHNICIAN_COLLEGE", w.ly, "410300", 32)
		org("郑州高级技工学校", "SENIOR_TECHNICAL_SCHOOL", w.zz, "410100", 33)
		org("郑州技工学校", "TECHNICAL_SCHOOL", w.zz, "410100", 34)
		factoryStaff, collegeStaff := staff("yutong-hr", w.zz, factory), staff("ly-college", w.ly, college)
		in := func(seq int, extra map[string]any) map[string]any {
			m := map[string]any{"enterpriseID": factory, "schoolID": college, "occupation": "汽车维修工", "level": 4,
				"apprentice": map[string]any{"name": fmt.Sprint("学徒", seq), "idNumber": residentID(t, "410102", 700+seq)},
				"startsOn":   "2020-09-01", "months": 12, "enterpriseTutor": "王师傅", "schoolTutor": "李老师", "dispatched": false}
			for k, v := range extra {
				m[k] = v
			}
			return map[string]any{"in": m}
		}
		contracts := func(token string) int {
			var d struct {
				ApprenticeshipContracts struct {
					TotalCount int `json:"totalCount"`
				} `json:"apprenticeshipContracts"`
			}
			s.must(t, token, `query{ apprenticeshipContracts{ totalCount } }`, nil, &d)
			return d.ApprenticeshipContracts.TotalCount
		}

		// A dispatched worker (劳务派遣工) is refused, in Chinese, with nothing written.
		r := s.gqlIn(t, "zh-CN", factoryStaff, signContractQ, in(1, map[string]any{"dispatched": true}))
		if rows := r.Errors; r.code() != "BAD_USER_INPUT" || len(rows[0].rows(t)) != 1 || rows[0].rows(t)[0].Field != "dispatched" ||
			!strings.Contains(rows[0].rows(t)[0].Message, "劳务派遣工") {
			t.Fatalf("dispatched worker: %s", js(r.Errors))
		}
		if n := contracts(w.admin); n != 0 {
			t.Fatalf("a refused contract wrote %d", n)
		}
		// The parties' kinds: a training institution is no school, nor an enterprise.
		if r := s.gql(t, factoryStaff, signContractQ, in(1, map[string]any{"schoolID": w.orgZZ})); r.code() != "BAD_USER_INPUT" {
			t.Errorf("a training institution as the school: %s", js(r.Errors))
		}
		if r := s.gql(t, w.staffZZ, signContractQ, in(1, map[string]any{"enterpriseID": w.orgZZ, "schoolID": college})); r.code() != "FORBIDDEN" &&
			r.code() != "BAD_USER_INPUT" {
			t.Errorf("a training institution as the enterprise: %s", js(r.Errors))
		}
		// Someone who is no party signs nothing.
		if r := s.gql(t, w.staffLY, signContractQ, in(1, nil)); r.code() != "FORBIDDEN" {
			t.Errorf("a third organisation signs: %s", js(r.Errors))
		}

		var d struct {
			SignApprenticeshipContract struct {
				ID             string `json:"id"`
				Level          int    `json:"level"`
				StartsOn       string `json:"startsOn"`
				SignedOn       string `json:"signedOn"`
				ApprenticeName string `json:"apprenticeName"`
				IDMasked       string `json:"idMasked"`
				SchoolTutor    string `json:"schoolTutor"`
				SchoolName     string `json:"schoolName"`
				Enterprise     *struct {
					Name string `json:"name"`
				} `json:"enterprise"`
				School *struct {
					Name string `json:"name"`
				} `json:"school"`
			} `json:"signApprenticeshipContract"`
		}
		s.must(t, factoryStaff, signContractQ, in(1, nil), &d)
		if k := d.SignApprenticeshipContract; k.StartsOn != "2020-09-01" || k.SignedOn != "2020-09-10" || k.ApprenticeName != "学徒1" ||
			k.Level != 4 || k.SchoolTutor != "李老师" || k.SchoolName != "洛阳技师学院" || k.Enterprise == nil || k.Enterprise.Name != "郑州宇通客车" ||
			k.School != nil /* a school in Luoyang is not the enterprise staff's to read */ || strings.Contains(js(k), residentID(t, "410102", 701)) {
			t.Errorf("signed: %s", js(k))
		}
		// The school signs too, with only what the contract needs.
		s.must(t, collegeStaff, `mutation($in: ApprenticeshipContractInput!){ signApprenticeshipContract(input:$in){ id } }`,
			map[string]any{"in": map[string]any{"enterpriseID": factory, "schoolID": college, "occupation": "汽车维修工", "startsOn": "2020-09-01",
				"months": 24, "dispatched": false, "apprentice": map[string]any{"name": "学徒2", "idNumber": residentID(t, "410102", 702)}}})
		if r := s.gql(t, factoryStaff, signContractQ, in(1, nil)); r.code() != "CONFLICT" {
			t.Errorf("the same contract twice: %s", js(r.Errors))
		}
		for who, tok := range map[string]string{"the enterprise": factoryStaff, "the school": collegeStaff, "Zhengzhou": w.offZZ, "Luoyang": w.offLY} {
			if n := contracts(tok); n != 2 {
				t.Errorf("%s reads %d contracts, want 2", who, n)
			}
		}
		if n := contracts(w.staffZZ); n != 0 {
			t.Errorf("a third organisation reads %d contracts", n)
		}

		// The office's sheet: all-or-nothing, then imported.
		const importQ = `mutation($f:Upload!){ importApprenticeshipContracts(file:$f){ ok imported errors { row column message } } }`
		header := []any{"企业统一社会信用代码", "院校统一社会信用代码", "姓名", "身份证号", "职业（工种）", "等级", "开始日期", "期限（月）", "企业导师", "院校导师", "是否劳务派遣"}
		row := func(seq int, dispatched string) []any {
			return []any{factoryCode, collegeCode, fmt.Sprint("学徒", seq), residentID(t, "410102", 700+seq), "电工", "中级工", "2020-09-07", "12", "赵师傅", "钱老师", dispatched}
		}
		var rep struct {
			ImportApprenticeshipContracts importReport `json:"importApprenticeshipContracts"`
		}
		s.uploadIn(t, "zh-CN", factoryStaff, importQ, map[string]any{}, "f", "学徒合同.xlsx", rosterXLSX(t, [][]any{header, row(3, "否"), row(4, "是"), row(5, "不知道")}), &rep)
		if rp := rep.ImportApprenticeshipContracts; rp.OK || rp.rows() != "3:dispatched 4:dispatched" {
			t.Errorf("bad sheet: %s", js(rp))
		}
		if n := contracts(w.admin); n != 2 {
			t.Errorf("a refused sheet wrote: %d contracts", n)
		}
		s.uploadIn(t, "zh-CN", factoryStaff, importQ, map[string]any{}, "f", "学徒合同.xlsx", rosterXLSX(t, [][]any{header, row(3, "否"), row(4, "否")}), &rep)
		if rp := rep.ImportApprenticeshipContracts; !rp.OK || rp.Imported != 2 {
			t.Errorf("good sheet: %s", js(rp))
		}

		// T5: four contracts signed in the campaign, in Zhengzhou (the enterprise's city), none in Luoyang.
		camp := s.campaignID(t, w.admin)
		for region, want := range map[string]int{"410000": 4, "410100": 4, "410300": 0} {
			if got := s.achieved(t, w.admin, camp, region, "APPRENTICESHIP"); got != want {
				t.Errorf("T5 in %s: %d, want %d", region, got, want)
			}
		}
		s.recountMatches(t, w.admin, camp, "410000", "410100", "410300")

		// Quotas: a row per school, its kind's quota; on 10 September four of 500 trail the year.
		type quota struct {
			School struct {
				Name string `json:"name"`
			} `json:"school"`
			Kind    string `json:"kind"`
			Quota   int    `json:"quota"`
			Signed  int    `json:"signed"`
			Lagging bool   `json:"lagging"`
		}
		quotas := func(token, region string, year int) []quota {
			var q struct {
				ApprenticeshipQuotas []quota `json:"apprenticeshipQuotas"`
			}
			s.must(t, token, `query($r:String!, $y:Int!){ apprenticeshipQuotas(regionCode:$r, year:$y){ school { name } kind quota signed lagging } }`,
				map[string]any{"r": region, "y": year}, &q)
			return q.ApprenticeshipQuotas
		}
		got := []string{}
		for _, q := range quotas(w.admin, "410000", 2020) {
			got = append(got, fmt.Sprintf("%s:%s:%d:%d:%v", q.School.Name, q.Kind, q.Quota, q.Signed, q.Lagging))
		}
		if want := "洛阳技师学院:TECHNICIAN_COLLEGE:500:4:true 郑州技工学校:TECHNICAL_SCHOOL:100:0:true 郑州高级技工学校:SENIOR_TECHNICAL_SCHOOL:300:0:true"; strings.Join(got, " ") != want {
			t.Errorf("quotas: %s\nwant %s", strings.Join(got, " "), want)
		}
		if q := quotas(w.offZZ, "410100", 2021); len(q) != 2 || q[0].Lagging || q[0].Signed != 0 {
			t.Errorf("Zhengzhou's schools in 2021, not begun: %s", js(q))
		}

		// The enterprise's staff name the Luoyang college by its credit code, which they may not otherwise read.
		const partyQ = `query($c:String!){ contractParty(creditCode:$c){ id name kind regionName } }`
		var party struct {
			ContractParty *struct {
				ID         string `json:"id"`
				Name       string `json:"name"`
				Kind       string `json:"kind"`
				RegionName string `json:"regionName"`
			} `json:"contractParty"`
		}
		s.must(t, factoryStaff, partyQ, map[string]any{"c": strings.ToLower(collegeCode)}, &party)
		if p := party.ContractParty; p == nil || p.ID != college || p.Name != "洛阳技师学院" || p.Kind != "TECHNICIAN_COLLEGE" || p.RegionName == "" {
			t.Errorf("the college by its credit code: %s", js(party))
		}
		var orgZZ struct {
			Node struct {
				CreditCode string `json:"creditCode"`
			} `json:"node"`
		}
		s.must(t, w.admin, `query($id:ID!){ node(id:$id){ ... on Organization { creditCode } } }`, map[string]any{"id": w.orgZZ}, &orgZZ)
		s.must(t, factoryStaff, partyQ, map[string]any{"c": orgZZ.Node.CreditCode}, &party)
		if party.ContractParty != nil {
			t.Errorf("a training institution named as a party: %s", js(party))
		}
		s.wantCode(t, "BAD_USER_INPUT", factoryStaff, partyQ, map[string]any{"c": "91410100MA0000000X"})
		s.wantCode(t, "UNAUTHENTICATED", "", partyQ, map[string]any{"c": collegeCode})
	})
}

// TestYearElapsed: the share of the year behind a school's lagging flag.
func TestYearElapsed(t *testing.T) {
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, workday.China) }
	for _, c := range []struct {
		now  time.Time
		want float64
	}{
		{at(2019, 12, 31), 0}, {at(2020, 1, 1), 0}, {at(2020, 7, 2), 183.0 / 366}, {at(2021, 1, 1), 1},
		// 1 January 00:30 in China is still 31 December in UTC: China time decides.
		{time.Date(2021, 1, 1, 0, 30, 0, 0, workday.China), 1},
	} {
		if got := apprenticeship.Elapsed(c.now, 2020); got != c.want {
			t.Errorf("%s: %v, want %v", c.now, got, c.want)
		}
	}
}

// TestApprenticeshipApplications (R5): an enterprise applies to train
// apprentices; arriving on 1 October 2020 (the National Day holiday), it is
// due for acceptance by the end of 9 October, the first working day; left
// unaccepted past it, the deadline job tells the city's officials once; it is
// accepted, then approved or rejected whole (a rejection says why), its
// number of apprentices as applied for.
func TestApprenticeshipApplications(t *testing.T) {
	forEachStackWith(t, scanEverySecond, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		s.clock.Set(time.Date(2020, 10, 1, 10, 0, 0, 0, workday.China))
		var o struct {
			CreateOrganization createdOrg `json:"createOrganization"`
		}
		s.must(t, w.admin, createOrg, map[string]any{"in": map[string]any{"name": "郑州宇通客车", "kind": "ENTERPRISE",
			"creditCode": creditCode(t, "410100", 51), "regionID": w.zz, "employeeCount": 2000}}, &o)
		factory := o.CreateOrganization.ID
		s.must(t, w.admin, createUserQ, map[string]any{"in": map[string]any{"username": "yutong", "password": testPassword, "displayName": "宇通",
			"role": "INSTITUTION_STAFF", "regionID": w.zz, "organizationID": factory}})
		staff, _ := s.login(t, "yutong", testPassword)

		const applyQ = `mutation($in: ApprenticeshipApplicationInput!){ applyForApprenticeship(input:$in){ id state apprentices
			acceptanceDueAt startsOn overdue organizationName } }`
		type application struct {
			ID              string    `json:"id"`
			State           string    `json:"state"`
			Apprentices     int       `json:"apprentices"`
			AcceptanceDueAt time.Time `json:"acceptanceDueAt"`
			StartsOn        string    `json:"startsOn"`
			Overdue         bool      `json:"overdue"`
		}
		apply := func(token string, extra map[string]any) (application, gqlResult) {
			in := map[string]any{"enterpriseID": factory, "occupation": "汽车维修工", "apprentices": 120, "months": 24, "startsOn": "2020-10-12"}
			for k, v := range extra {
				in[k] = v
			}
			var d struct {
				ApplyForApprenticeship application `json:"applyForApprenticeship"`
			}
			r := s.gql(t, token, applyQ, map[string]any{"in": in}, &d)
			return d.ApplyForApprenticeship, r
		}
		if _, r := apply(staff, map[string]any{"schoolID": w.orgZZ}); r.code() != "BAD_USER_INPUT" {
			t.Errorf("a training institution as the school: %s", js(r.Errors))
		}
		if _, r := apply(w.staffZZ, map[string]any{"enterpriseID": w.orgZZ}); r.code() != "BAD_USER_INPUT" {
			t.Errorf("a training institution applying: %s", js(r.Errors))
		}
		if _, r := apply(staff, map[string]any{"apprentices": 0}); r.code() != "BAD_USER_INPUT" {
			t.Errorf("no apprentices: %s", js(r.Errors))
		}
		if _, r := apply(w.staffLY, nil); r.code() != "FORBIDDEN" {
			t.Errorf("another organisation's staff: %s", js(r.Errors))
		}
		a, r := apply(staff, nil)
		if r.Errors != nil || a.State != "SUBMITTED" || a.Apprentices != 120 || a.StartsOn != "2020-10-12" || a.Overdue ||
			a.AcceptanceDueAt.In(workday.China).Format(time.DateOnly) != "2020-10-09" {
			t.Fatalf("applied: %s %s", js(a), js(r.Errors))
		}
		b, _ := apply(staff, map[string]any{"apprentices": 30})

		// Past the end of 9 October: overdue, and the city's officials are told once.
		s.clock.Set(time.Date(2020, 10, 10, 9, 0, 0, 0, workday.China))
		type notice struct {
			Kind                      string `json:"kind"`
			Clock                     string `json:"clock"`
			ApprenticeshipApplication *ref   `json:"apprenticeshipApplication"`
		}
		var n struct {
			Notices connection[notice] `json:"notices"`
		}
		eventually(func() bool {
			s.must(t, w.offZZ, `{ notices(first: 10, where: {kind: OVERDUE}) { totalCount edges { node { kind clock apprenticeshipApplication { id } } } } }`, nil, &n)
			return n.Notices.TotalCount >= 2
		})
		time.Sleep(1500 * time.Millisecond) // another scan raises nothing more
		s.must(t, w.offZZ, `{ notices(first: 10, where: {kind: OVERDUE}) { totalCount edges { node { kind clock apprenticeshipApplication { id } } } } }`, nil, &n)
		got := []string{}
		for _, e := range n.Notices.Edges {
			if e.Node.ApprenticeshipApplication != nil {
				got = append(got, e.Node.Clock+" "+e.Node.ApprenticeshipApplication.ID)
			}
		}
		slices.Sort(got)
		want := []string{"ACCEPTANCE " + a.ID, "ACCEPTANCE " + b.ID}
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("overdue notices %v, want %v", got, want)
		}
		if n := s.gql(t, w.offLY, `{ notices(where: {kind: OVERDUE}) { totalCount } }`, nil); !strings.Contains(string(n.Data), `"totalCount":0`) {
			t.Errorf("Luoyang told of Zhengzhou's application: %s", n.Data)
		}

		// Accepted, then approved whole; the enterprise's staff decide nothing.
		const moveQ = `mutation($id:ID!){ %s(id:$id){ state apprentices overdue allowedActions } }`
		s.wantCode(t, "FORBIDDEN", staff, fmt.Sprintf(moveQ, "acceptApprenticeshipApplication"), map[string]any{"id": a.ID})
		s.wantCode(t, "NOT_FOUND", w.offLY, fmt.Sprintf(moveQ, "acceptApprenticeshipApplication"), map[string]any{"id": a.ID})
		s.wantCode(t, "CONFLICT", w.offZZ, fmt.Sprintf(moveQ, "approveApprenticeshipApplication"), map[string]any{"id": a.ID})
		var mv struct {
			AcceptApprenticeshipApplication struct {
				State          string   `json:"state"`
				Overdue        bool     `json:"overdue"`
				AllowedActions []string `json:"allowedActions"`
			} `json:"acceptApprenticeshipApplication"`
			ApproveApprenticeshipApplication struct {
				State       string `json:"state"`
				Apprentices int    `json:"apprentices"`
			} `json:"approveApprenticeshipApplication"`
		}
		s.must(t, w.offZZ, fmt.Sprintf(moveQ, "acceptApprenticeshipApplication"), map[string]any{"id": a.ID}, &mv)
		if x := mv.AcceptApprenticeshipApplication; x.State != "ACCEPTED" || x.Overdue || strings.Join(x.AllowedActions, " ") != "APPROVE REJECT" {
			t.Errorf("accepted: %s", js(x))
		}
		s.must(t, w.offZZ, fmt.Sprintf(moveQ, "approveApprenticeshipApplication"), map[string]any{"id": a.ID}, &mv)
		if x := mv.ApproveApprenticeshipApplication; x.State != "APPROVED" || x.Apprentices != 120 {
			t.Errorf("approved: %s", js(x))
		}
		const rejectQ = `mutation($id:ID!, $r:String!){ rejectApprenticeshipApplication(id:$id, reason:$r){ state rejectReason } }`
		s.wantCode(t, "CONFLICT", w.offZZ, rejectQ, map[string]any{"id": a.ID, "r": "重复申请"})
		s.wantCode(t, "BAD_USER_INPUT", w.offZZ, rejectQ, map[string]any{"id": b.ID, "r": " "})
		s.must(t, w.offZZ, rejectQ, map[string]any{"id": b.ID, "r": "企业未在本市登记"})
		var list struct {
			ApprenticeshipApplications connection[application] `json:"apprenticeshipApplications"`
		}
		s.must(t, staff, `{ apprenticeshipApplications(orderBy: {field: SUBMITTED_AT}) { totalCount edges { node { id state apprentices } } } }`, nil, &list)
		if l := list.ApprenticeshipApplications; l.TotalCount != 2 || l.Edges[0].Node.State != "APPROVED" || l.Edges[1].Node.State != "REJECTED" ||
			l.Edges[1].Node.Apprentices != 30 {
			t.Errorf("the enterprise's applications: %s", js(l))
		}
	})
}
