package main

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/hnvt/bairi/internal/workday"
)

const assignQ = `mutation($in: AssignContractingInput!){ assignContracting(input:$in){ officialName tier threshold
	regions { id region { code } } enterprises { id organization { name } visitState } } }`

// contractingView is the selection of assignQ.
type contractingView struct {
	OfficialName string `json:"officialName"`
	Tier         string `json:"tier"`
	Threshold    int    `json:"threshold"`
	Regions      []struct {
		Region struct {
			Code string `json:"code"`
		} `json:"region"`
	} `json:"regions"`
	Enterprises []struct {
		ID           string `json:"id"`
		Organization struct {
			Name string `json:"name"`
		} `json:"organization"`
		VisitState string `json:"visitState"`
	} `json:"enterprises"`
}

// ledgerView is one contracting ledger.
type ledgerView struct {
	Region struct {
		Code string `json:"code"`
	} `json:"region"`
	Threshold        int     `json:"threshold"`
	LargeEnterprises int     `json:"largeEnterprises"`
	Assigned         int     `json:"assigned"`
	CompletedAt      *string `json:"completedAt"`
	DueOn            *string `json:"dueOn"`
	State            string  `json:"state"`
}

// TestContracting (R2, 包干): a province-level official covers at most 3 cities
// or direct counties and serves at most 3 central or provincial state
// enterprises within them; a city's officials serve its enterprises of 2,000
// employees or more, a direct county's those of 500 or more (the number
// included); the enterprises at or above the threshold that nobody serves are
// listed; another region's official gets NOT_FOUND or FORBIDDEN; the five
// clears are confirmed once per item, by the official who serves the
// enterprise or one above them, with who and when; visits are due twice per
// province-level enterprise, with photos through the evidence upload, stored
// and readable; the ledgers are dated against 2020-08-25 and exported as XLSX.
func TestContracting(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		s.clock.Set(time.Date(2020, 8, 20, 10, 0, 0, 0, workday.China))
		gongyi := s.regionID(t, w.admin, "410181") // directly administered county
		jiyuan := s.regionID(t, w.admin, "419001")
		seq := 60
		org := func(name, kind, region, division string, employees int, owner string) string {
			seq++
			in := map[string]any{"name": name, "kind": kind, "creditCode": creditCode(t, division, seq),
				"regionID": region, "employeeCount": employees}
			if owner != "" {
				in["stateOwnership"] = owner
			}
			var d struct {
				CreateOrganization createdOrg `json:"createOrganization"`
			}
			s.must(t, w.admin, createOrg, map[string]any{"in": in}, &d)
			return d.CreateOrganization.ID
		}
		zz2000 := org("郑州二千人企业", "ENTERPRISE", w.zz, "410100", 2000, "")
		zz1999 := org("郑州一九九九人企业", "ENTERPRISE", w.zz, "410100", 1999, "")
		org("郑州大型培训学校", "TRAINING_INSTITUTION", w.zz, "410100", 3000, "") // not an enterprise
		gy500 := org("巩义五百人企业", "ENTERPRISE", gongyi, "410181", 500, "")
		gy499 := org("巩义四九九人企业", "ENTERPRISE", gongyi, "410181", 499, "")
		ly2500 := org("洛阳二千五百人企业", "ENTERPRISE", w.ly, "410300", 2500, "")
		soe := org("中铁工程装备集团", "ENTERPRISE", w.zz, "410100", 800, "CENTRAL")
		soeLY := org("洛阳省属企业", "ENTERPRISE", w.ly, "410300", 300, "PROVINCIAL")
		user := func(name, role, region string) (id, token string) {
			var d struct {
				CreateUser ref `json:"createUser"`
			}
			s.must(t, w.admin, createUserQ, map[string]any{"in": map[string]any{"username": name, "password": testPassword,
				"displayName": name, "role": role, "regionID": region}}, &d)
			tok, _ := s.login(t, name, testPassword)
			return d.CreateUser.ID, tok
		}
		provID, prov := user("prov-official", "REGION_OFFICIAL", w.province)
		gyID, gy := user("gy-official", "REGION_OFFICIAL", gongyi)
		_, zzPeer := user("zz-peer", "REGION_OFFICIAL", w.zz)
		var me struct {
			Me ref `json:"me"`
		}
		s.must(t, w.offZZ, `{ me { id } }`, nil, &me)
		zzID := me.Me.ID
		s.must(t, w.offLY, `{ me { id } }`, nil, &me)
		lyID := me.Me.ID

		unassigned := func(token, code string) string {
			var d struct {
				UnassignedLargeEnterprises []struct {
					Name string `json:"name"`
				} `json:"unassignedLargeEnterprises"`
			}
			s.must(t, token, `query($r:String!){ unassignedLargeEnterprises(regionCode:$r){ name } }`, map[string]any{"r": code}, &d)
			var names []string
			for _, o := range d.UnassignedLargeEnterprises {
				names = append(names, o.Name)
			}
			return strings.Join(names, " ")
		}
		// Thresholds: 2,000 and 500 count, 1,999 and 499 do not.
		if got := unassigned(w.offZZ, "410100"); got != "郑州二千人企业" {
			t.Errorf("unassigned in Zhengzhou: %q", got)
		}
		if got := unassigned(gy, "410181"); got != "巩义五百人企业" {
			t.Errorf("unassigned in Gongyi: %q", got)
		}
		if got := unassigned(w.admin, "410000"); got != "郑州二千人企业 巩义五百人企业 洛阳二千五百人企业" {
			t.Errorf("unassigned in the province: %q", got)
		}
		s.wantCode(t, "FORBIDDEN", w.offLY, `query{ unassignedLargeEnterprises(regionCode:"410100"){ name } }`, nil)

		in := func(userID string, regions, orgs []string) map[string]any {
			return map[string]any{"in": map[string]any{"userID": userID, "regionIDs": regions, "organizationIDs": orgs}}
		}
		var d struct {
			AssignContracting contractingView `json:"assignContracting"`
		}
		s.must(t, w.offZZ, assignQ, in(zzID, nil, []string{zz2000}), &d)
		if c := d.AssignContracting; c.Tier != "CITY" || c.Threshold != 2000 || len(c.Enterprises) != 1 || c.Enterprises[0].VisitState != "NOT_REQUIRED" {
			t.Errorf("city assignment: %s", js(c))
		}
		s.must(t, w.offZZ, assignQ, in(zzID, nil, []string{zz2000}), &d) // twice: nothing changes
		if n := len(d.AssignContracting.Enterprises); n != 1 {
			t.Errorf("assigned twice: %d lines", n)
		}
		if r := s.gqlIn(t, "zh-CN", w.offZZ, assignQ, in(zzID, nil, []string{zz1999})); r.code() != "BAD_USER_INPUT" ||
			!strings.Contains(js(r.Errors), "用人1999人") {
			t.Errorf("1,999 employees: %s", js(r.Errors))
		}
		s.wantCode(t, "BAD_USER_INPUT", w.offZZ, assignQ, in(zzID, []string{w.zz}, nil)) // cities cover no region
		s.wantCode(t, "FORBIDDEN", w.offZZ, assignQ, in(zzID, []string{w.ly}, nil))      // least of all another
		s.wantCode(t, "NOT_FOUND", w.offLY, assignQ, in(zzID, nil, []string{ly2500}))    // another city's official
		s.wantCode(t, "NOT_FOUND", w.offLY, assignQ, in(lyID, nil, []string{zz2000}))    // another city's enterprise
		s.wantCode(t, "FORBIDDEN", w.finZZ, assignQ, in(zzID, nil, []string{zz2000}))    // not an official
		s.wantCode(t, "NOT_FOUND", w.offZZ, assignQ, in(provID, []string{w.zz}, nil))    // an official above
		s.must(t, gy, assignQ, in(gyID, nil, []string{gy500}), &d)
		if d.AssignContracting.Tier != "COUNTY" || d.AssignContracting.Threshold != 500 {
			t.Errorf("county assignment: %s", js(d.AssignContracting))
		}
		s.wantCode(t, "BAD_USER_INPUT", gy, assignQ, in(gyID, nil, []string{gy499}))
		// The province: 3 regions and 3 state enterprises within them at most.
		s.wantCode(t, "BAD_USER_INPUT", w.admin, assignQ, in(provID, nil, []string{soe})) // its region first
		s.must(t, prov, assignQ, in(provID, []string{w.zz, w.ly, jiyuan}, []string{soe}), &d)
		if c := d.AssignContracting; c.Tier != "PROVINCE" || len(c.Regions) != 3 || len(c.Enterprises) != 1 || c.Enterprises[0].VisitState != "DUE" {
			t.Errorf("province assignment: %s", js(c))
		}
		s.wantCode(t, "BAD_USER_INPUT", w.admin, assignQ, in(provID, []string{gongyi}, nil)) // a 4th region
		s.wantCode(t, "BAD_USER_INPUT", w.admin, assignQ, in(provID, nil, []string{zz2000})) // not state-owned
		s.must(t, w.admin, assignQ, in(provID, nil, []string{soeLY}))
		if got := unassigned(w.admin, "410000"); got != "洛阳二千五百人企业" {
			t.Errorf("unassigned after the assignments: %q", got)
		}

		// Five clears: once per item, attributed; the official above may confirm, a peer or another city may not.
		const confirmQ = `mutation($o:ID!, $i:FiveClearItem!){ confirmFiveClear(organizationID:$o, item:$i){ id item confirmedByName confirmedAt } }`
		type confirmed struct {
			ConfirmFiveClear struct {
				ID              string `json:"id"`
				ConfirmedByName string `json:"confirmedByName"`
				ConfirmedAt     string `json:"confirmedAt"`
			} `json:"confirmFiveClear"`
		}
		var c1, c2 confirmed
		s.must(t, w.offZZ, confirmQ, map[string]any{"o": zz2000, "i": "ELIGIBLE_STAFF"}, &c1)
		s.clock.Advance(time.Hour)
		s.must(t, prov, confirmQ, map[string]any{"o": zz2000, "i": "ELIGIBLE_STAFF"}, &c2)
		if c1.ConfirmFiveClear != c2.ConfirmFiveClear || c1.ConfirmFiveClear.ConfirmedByName != "off-zz" {
			t.Errorf("confirmed twice: %s then %s", js(c1), js(c2))
		}
		s.must(t, prov, confirmQ, map[string]any{"o": zz2000, "i": "CLASS_PLAN"}, &c2)
		if c2.ConfirmFiveClear.ConfirmedByName != "prov-official" {
			t.Errorf("the official above: %s", js(c2))
		}
		s.wantCode(t, "NOT_FOUND", w.offLY, confirmQ, map[string]any{"o": zz2000, "i": "SUBSIDY"})
		s.wantCode(t, "FORBIDDEN", zzPeer, confirmQ, map[string]any{"o": zz2000, "i": "SUBSIDY"})
		s.wantCode(t, "FORBIDDEN", w.staffZZ, confirmQ, map[string]any{"o": zz2000, "i": "SUBSIDY"})
		s.wantCode(t, "FORBIDDEN", w.offZZ, confirmQ, map[string]any{"o": zz1999, "i": "SUBSIDY"}) // not contracted
		var fc struct {
			FiveClears []struct {
				Item         string `json:"item"`
				Confirmation *struct {
					ConfirmedByName string `json:"confirmedByName"`
				} `json:"confirmation"`
			} `json:"fiveClears"`
		}
		s.must(t, w.offZZ, `query($o:ID!){ fiveClears(organizationID:$o){ item confirmation { confirmedByName } } }`, map[string]any{"o": zz2000}, &fc)
		if len(fc.FiveClears) != 5 || fc.FiveClears[0].Item != "ELIGIBLE_STAFF" || fc.FiveClears[0].Confirmation == nil ||
			fc.FiveClears[1].Confirmation == nil || fc.FiveClears[4].Confirmation != nil {
			t.Errorf("the enterprise's checklist: %s", js(fc))
		}

		// Visits: two per province-level enterprise; photos through the evidence upload.
		const visitQ = `mutation($in: LogEnterpriseVisitInput!){ logEnterpriseVisit(input:$in){ id visitorName visitedOn notes } }`
		var v struct {
			LogEnterpriseVisit struct {
				ID          string `json:"id"`
				VisitorName string `json:"visitorName"`
				VisitedOn   string `json:"visitedOn"`
			} `json:"logEnterpriseVisit"`
		}
		visit := func(day string) map[string]any {
			return map[string]any{"in": map[string]any{"organizationID": soe, "visitedOn": day, "notes": "座谈职工培训计划", "participants": "职业能力建设处"}}
		}
		s.wantCode(t, "BAD_USER_INPUT", prov, visitQ, visit("2020-08-21")) // tomorrow
		s.wantCode(t, "FORBIDDEN", w.offZZ, visitQ, visit("2020-08-20"))   // not theirs, and below
		s.must(t, prov, visitQ, visit("2020-08-20"), &v)
		if v.LogEnterpriseVisit.VisitorName != "prov-official" || !strings.HasPrefix(v.LogEnterpriseVisit.VisitedOn, "2020-08-20") {
			t.Errorf("visit: %s", js(v))
		}
		photo := randomBytes(t, 3000)
		extra := map[string]any{"classID": nil, "enterpriseVisitID": v.LogEnterpriseVisit.ID}
		in2 := map[string]any{"kind": "PHOTO", "fileName": "visit.jpg", "contentType": "image/jpeg", "size": len(photo),
			"sha256": sha(photo), "capturedAt": "2020-08-20T10:00:00+08:00", "enterpriseVisitID": v.LogEnterpriseVisit.ID}
		s.wantCode(t, "FORBIDDEN", w.offZZ, beginQ, map[string]any{"in": in2}) // not the visitor
		s.wantCode(t, "BAD_USER_INPUT", prov, beginQ, map[string]any{"in": merged(in2, map[string]any{"kind": "ATTENDANCE_VIDEO"})})
		// Retention runs from the rules' clock: upload at today's date, then back to the campaign.
		s.clock.Set(time.Now())
		pid := s.uploadWith(t, prov, "", "PHOTO", photo, extra)
		s.clock.Set(time.Date(2020, 8, 20, 11, 0, 0, 0, workday.China))
		var pb struct {
			EvidencePlaybackURL string `json:"evidencePlaybackURL"`
		}
		s.must(t, w.offZZ, `query($id:ID!){ evidencePlaybackURL(evidenceID:$id) }`, map[string]any{"id": pid}, &pb)
		resp, err := http.Get(s.absolute(pb.EvidencePlaybackURL))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !bytes.Equal(got, photo) {
			t.Errorf("the visit photo read back from storage: %d bytes, status %d", len(got), resp.StatusCode)
		}
		var rq struct {
			ReviewQueue struct {
				TotalCount int `json:"totalCount"`
			} `json:"reviewQueue"`
		}
		s.must(t, w.admin, `{ reviewQueue(first: 10){ totalCount } }`, nil, &rq)
		if rq.ReviewQueue.TotalCount != 0 {
			t.Errorf("a visit photo is in the review queue")
		}
		const mineQ = `{ contracting { enterprises { organization { name } visitsDone visitsDue visitState visits { visitedOn photos { id status } } fiveClears { item } } } }`
		var mine struct {
			Contracting struct {
				Enterprises []struct {
					Organization struct {
						Name string `json:"name"`
					} `json:"organization"`
					VisitsDone int    `json:"visitsDone"`
					VisitsDue  int    `json:"visitsDue"`
					VisitState string `json:"visitState"`
					Visits     []struct {
						Photos []struct {
							ID     string `json:"id"`
							Status string `json:"status"`
						} `json:"photos"`
					} `json:"visits"`
				} `json:"enterprises"`
			} `json:"contracting"`
		}
		s.must(t, prov, mineQ, nil, &mine)
		if e := mine.Contracting.Enterprises[0]; e.Organization.Name != "中铁工程装备集团" || e.VisitsDone != 1 || e.VisitsDue != 1 ||
			e.VisitState != "DUE" || len(e.Visits) != 1 || len(e.Visits[0].Photos) != 1 || e.Visits[0].Photos[0].Status != "VERIFIED" {
			t.Errorf("one visit: %s", js(mine))
		}
		s.clock.Advance(24 * time.Hour)
		s.must(t, prov, visitQ, visit("2020-08-21"))
		s.must(t, prov, mineQ, nil, &mine)
		if e := mine.Contracting.Enterprises[0]; e.VisitsDone != 2 || e.VisitsDue != 0 || e.VisitState != "DONE" {
			t.Errorf("two visits: %s", js(mine))
		}

		// Ledgers against 2020-08-25: Zhengzhou and Gongyi complete on time, Luoyang late.
		ledgers := func(token string) map[string]ledgerView {
			var d struct {
				ContractingLedgers []ledgerView `json:"contractingLedgers"`
			}
			s.must(t, token, `{ contractingLedgers { region { code } threshold largeEnterprises assigned completedAt dueOn state } }`, nil, &d)
			out := map[string]ledgerView{}
			for _, l := range d.ContractingLedgers {
				out[l.Region.Code] = l
			}
			return out
		}
		ls := ledgers(w.admin)
		if len(ls) != 28 || ls["410100"].State != "COMPLETE" || ls["410100"].CompletedAt == nil || ls["410181"].State != "COMPLETE" ||
			ls["410181"].Threshold != 500 || ls["410300"].State != "OPEN" || ls["410300"].LargeEnterprises != 1 || ls["410300"].Assigned != 0 ||
			ls["419001"].State != "EMPTY" || deref(ls["410100"].DueOn) != "2020-08-25" {
			t.Errorf("ledgers on 2020-08-21: %s", js(ls))
		}
		if mineLY := ledgers(w.offLY); len(mineLY) != 1 || mineLY["410300"].State != "OPEN" {
			t.Errorf("Luoyang's own ledgers: %s", js(mineLY))
		}
		s.clock.Set(time.Date(2020, 8, 26, 9, 0, 0, 0, workday.China))
		if l := ledgers(w.admin)["410300"]; l.State != "OVERDUE" {
			t.Errorf("Luoyang on 2020-08-26: %s", js(l))
		}
		s.must(t, w.offLY, assignQ, in(lyID, nil, []string{ly2500}))
		if l := ledgers(w.admin)["410300"]; l.State != "LATE" || l.CompletedAt == nil {
			t.Errorf("Luoyang completed on 2020-08-26: %s", js(l))
		}

		// The admin contracts nothing: an empty contracting, no error.
		var none struct {
			Contracting struct {
				Tier        *string `json:"tier"`
				Enterprises []ref   `json:"enterprises"`
			} `json:"contracting"`
		}
		s.must(t, w.admin, `{ contracting { tier enterprises { id } } }`, nil, &none)
		if none.Contracting.Tier != nil || len(none.Contracting.Enterprises) != 0 {
			t.Errorf("the admin's contracting: %s", js(none))
		}
		s.must(t, w.admin, `{ me { id } }`, nil, &me)
		s.wantCode(t, "BAD_USER_INPUT", w.admin, `query($u:ID!){ contracting(userID:$u){ tier } }`, map[string]any{"u": me.Me.ID})
		// Unassigning keeps the records; the line goes.
		var un struct {
			UnassignContracting contractingView `json:"unassignContracting"`
		}
		s.wantCode(t, "NOT_FOUND", w.offLY, `mutation($in: AssignContractingInput!){ unassignContracting(input:$in){ officialName } }`, in(zzID, nil, []string{zz2000}))
		s.must(t, w.offZZ, `mutation($in: AssignContractingInput!){ unassignContracting(input:$in){ officialName enterprises { id } } }`, in(zzID, nil, []string{zz2000}), &un)
		if len(un.UnassignContracting.Enterprises) != 0 || unassigned(w.offZZ, "410100") != "郑州二千人企业" {
			t.Errorf("unassigned: %s", js(un))
		}
		s.must(t, w.offZZ, assignQ, in(zzID, nil, []string{zz2000}))

		// The XLSX ledger, as the offices read it; not for an institution's staff.
		code, body := s.get(t, w.admin, "/exports/contracting-ledger.xlsx")
		if code != http.StatusOK {
			t.Fatalf("export: %d %s", code, body)
		}
		book, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		sheetText := func(name string) string {
			rows, err := book.GetRows(name)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, r := range rows {
				b.WriteString(strings.Join(r, "|") + "\n")
			}
			return b.String()
		}
		summary, large, served := sheetText("台账"), sheetText("规模以上企业"), sheetText("一对一服务")
		for _, want := range []string{"410300|洛阳市|2000|1|1|0|2020-08-26 09:00|2020-08-25|逾期建立", "410181|巩义市|500|1|1|0|", "|按期建立", "419001|济源示范区|2000|0|0|0||2020-08-25|无需包干"} {
			if !strings.Contains(summary, want) {
				t.Errorf("ledger sheet lacks %q:\n%s", want, summary)
			}
		}
		if !strings.Contains(large, "郑州市|郑州二千人企业|") || !strings.Contains(large, "|2000|off-zz|") || strings.Contains(large, "郑州一九九九人企业") {
			t.Errorf("large enterprises sheet:\n%s", large)
		}
		if !strings.Contains(served, "prov-official|省级|中铁工程装备集团|郑州市|800|") || !strings.Contains(served, "|2|已完成") ||
			!strings.Contains(served, "off-zz") {
			t.Errorf("served sheet:\n%s", served)
		}
		if code, _ := s.get(t, w.staffZZ, "/exports/contracting-ledger.xlsx"); code != http.StatusForbidden {
			t.Errorf("staff export: %d", code)
		}
	})
}
