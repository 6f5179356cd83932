package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/hnvt/bairi/internal/sheet"
)

// TestEveryMutationIsAudited: each kind of mutation leaves an audit event
// naming who, what and which entity; secrets never enter the details.
func TestEveryMutationIsAudited(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		type event struct {
			Action        string  `json:"action"`
			EntityType    string  `json:"entityType"`
			EntityID      *int    `json:"entityID"`
			ActorUsername *string `json:"actorUsername"`
			At            string  `json:"at"`
		}
		events := func(entity string) []event {
			var d struct {
				AuditEvents connection[event] `json:"auditEvents"`
			}
			s.must(t, w.admin, `query($e:String!){ auditEvents(first: 100, where:{entityType:$e}, orderBy:{field: AT, direction: ASC}){ edges { node { action entityType entityID actorUsername at } } } }`,
				map[string]any{"e": entity}, &d)
			var out []event
			for _, e := range d.AuditEvents.Edges {
				out = append(out, e.Node)
			}
			return out
		}
		cases := []struct {
			entity, token, query string
			vars                 map[string]any
			action, actor        string
		}{
			{"Organization", w.offZZ, createOrg, map[string]any{"in": map[string]any{"name": "审计机构", "kind": "ENTERPRISE", "creditCode": creditCode(t, "410100", 300), "regionID": w.zz}}, "CREATE", "off-zz"},
			{"Organization", w.admin, `mutation($id:ID!){ updateOrganization(id:$id, input:{employeeCount: 2500}){ id } }`, map[string]any{"id": w.orgZZ}, "UPDATE", "admin"},
			{"User", w.offZZ, createUserQ, map[string]any{"in": map[string]any{"username": "audited", "password": testPassword, "displayName": "a", "role": "INSPECTOR", "regionID": w.zz}}, "CREATE", "off-zz"},
			{"Person", w.staffZZ, createPersonQ, map[string]any{"in": map[string]any{"name": "赵六", "idNumber": residentID(t, "410102", 41)}}, "CREATE", "staff-zz"},
			{"Region", w.offZZ, `mutation($p:ID!){ createRegion(input:{code:"410103", name:"二七区", level: COUNTY, parentID:$p}){ id } }`, map[string]any{"p": w.zz}, "CREATE", "off-zz"},
			{"Campaign", w.admin, `mutation{ createCampaign(input:{name:"2021", startsOn:"2021-03-01T00:00:00+08:00", endsOn:"2021-06-01T00:00:00+08:00"}){ id } }`, nil, "CREATE", "admin"},
			{"RefreshToken", "", `mutation{ login(input:{username:"fin-zz", password:"` + testPassword + `"}){ accessToken } }`, nil, "CREATE", ""},
		}
		for _, c := range cases {
			before := len(events(c.entity))
			s.must(t, c.token, c.query, c.vars)
			after := events(c.entity)
			if len(after) != before+1 {
				t.Errorf("%s %s: %d audit events, want %d", c.action, c.entity, len(after), before+1)
				continue
			}
			last := after[len(after)-1]
			if last.Action != c.action || deref(last.ActorUsername) != c.actor || deref(last.EntityID) == 0 {
				t.Errorf("%s %s: audit event %s", c.action, c.entity, js(last))
			}
		}
		// A refused mutation leaves no event and no row.
		before := len(events("User"))
		s.wantCode(t, "FORBIDDEN", w.offLY, createUserQ, map[string]any{"in": map[string]any{"username": "nope", "password": testPassword, "displayName": "a", "role": "INSPECTOR", "regionID": w.zz}})
		if len(events("User")) != before {
			t.Error("a refused mutation left an audit event")
		}
		// Officials see only their own actions; the audit trail cannot be written through the API.
		var seen struct {
			AuditEvents connection[struct {
				ActorUsername *string `json:"actorUsername"`
			}] `json:"auditEvents"`
		}
		s.must(t, w.offZZ, `{ auditEvents(first: 100){ edges { node { actorUsername } } } }`, nil, &seen)
		for _, e := range seen.AuditEvents.Edges {
			if n := deref(e.Node.ActorUsername); n != "off-zz" {
				t.Errorf("official sees another user's audit event by %q", n)
			}
		}
		var all struct {
			AuditEvents connection[ref] `json:"auditEvents"`
		}
		s.must(t, w.admin, `{ auditEvents(first: 500){ edges { node { id } } } }`, nil, &all)
		if strings.Contains(js(all), "argon2") {
			t.Error("password hash in audit output")
		}
	})
}

// upload posts a GraphQL multipart request with one file and decodes data
// into out.
func (s *testServer) upload(t *testing.T, token, query string, vars map[string]any, fileVar, name string, content []byte, out ...any) gqlResult {
	t.Helper()
	return s.uploadIn(t, "", token, query, vars, fileVar, name, content, out...)
}

// uploadIn is upload with an Accept-Language header (none when lang is empty).
func (s *testServer) uploadIn(t *testing.T, lang, token, query string, vars map[string]any, fileVar, name string, content []byte, out ...any) gqlResult {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	vars[fileVar] = nil
	ops, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	_ = mw.WriteField("operations", string(ops))
	_ = mw.WriteField("map", fmt.Sprintf(`{"0":["variables.%s"]}`, fileVar))
	fw, _ := mw.CreateFormFile("0", name)
	_, _ = fw.Write(content)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/graphql", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	if lang != "" {
		req.Header.Set("Accept-Language", lang)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	return s.result(t, resp, out)
}

// importReport is the selection { ok imported errors { row column message } }
// of an ImportReport.
type importReport struct {
	OK       bool `json:"ok"`
	Imported int  `json:"imported"`
	Errors   []struct {
		Row     int     `json:"row"`
		Column  *string `json:"column"`
		Message string  `json:"message"`
	} `json:"errors"`
}

// ok tells whether the report came and says the file was imported.
func (r *importReport) ok() bool { return r != nil && r.OK }

// failed tells whether the report came and says the file was refused.
func (r *importReport) failed() bool { return r != nil && !r.OK }

// rows lists the errors as "row:column", space-separated.
func (r *importReport) rows() string {
	var rows []string
	if r != nil {
		for _, e := range r.Errors {
			rows = append(rows, fmt.Sprintf("%d:%s", e.Row, deref(e.Column)))
		}
	}
	return strings.Join(rows, " ")
}

const importQ = `mutation($c:ID!, $f:Upload!){ importTargets(campaignID:$c, file:$f){ ok imported errors { row column message } } }`

// TestImportTargets: CSV and XLSX, all-or-nothing with a row-by-row report,
// officials only below their own region, re-import updates in place.
func TestImportTargets(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		s.must(t, w.offZZ, `mutation($p:ID!){ createRegion(input:{code:"410102", name:"中原区", level: COUNTY, parentID:$p}){ id } }`, map[string]any{"p": w.zz})
		camp := s.campaignID(t, w.admin)
		targets := func(token string) int {
			var d struct {
				Targets counted `json:"targets"`
			}
			s.must(t, token, `{ targets { totalCount } }`, nil, &d)
			return d.Targets.TotalCount
		}
		type imported struct {
			ImportTargets *importReport `json:"importTargets"`
		}
		base := targets(w.admin)

		bad := "region_code,category,quantity,unit\n410100,WORK_IN_LIEU,90000,PEOPLE\n999999,T2,10,PERSON_TIMES\n410300,BOGUS,-5,PEOPLE\n410100,T1,5,PEOPLE\n"
		var refused imported
		r := s.upload(t, w.admin, importQ, map[string]any{"c": camp}, "f", "targets.csv", []byte(bad), &refused)
		if len(r.Errors) > 0 {
			t.Fatalf("errors: %+v", r.Errors)
		}
		rep := refused.ImportTargets
		if !rep.failed() || rep.Imported != 0 {
			t.Errorf("bad file imported: %s", js(rep))
		}
		if got := rep.rows(); got != "3:region_code 4:category 4:quantity 5:category" {
			t.Errorf("row errors %q", got)
		}
		if targets(w.admin) != base {
			t.Error("a failed import wrote targets")
		}

		// XLSX with Chinese headers, by the province admin.
		f := excelize.NewFile()
		_ = f.SetSheetRow("Sheet1", "A1", &[]any{"地区代码", "类别", "数量", "单位"})
		_ = f.SetSheetRow("Sheet1", "A2", &[]any{"410100", "WORK_IN_LIEU", 90000, "PEOPLE"})
		_ = f.SetSheetRow("Sheet1", "A3", &[]any{"410300", "T2", 30000, "PERSON_TIMES"})
		var buf bytes.Buffer
		_ = f.Write(&buf)
		var xlsx imported
		r = s.upload(t, w.admin, importQ, map[string]any{"c": camp}, "f", "targets.xlsx", buf.Bytes(), &xlsx)
		if !xlsx.ImportTargets.ok() || xlsx.ImportTargets.Imported != 2 {
			t.Fatalf("xlsx import: %+v %s", r.Errors, r.Data)
		}
		if targets(w.admin) != base+2 {
			t.Errorf("targets after import: %d, want %d", targets(w.admin), base+2)
		}
		// Re-import with a new quantity updates in place.
		var again imported
		r = s.upload(t, w.admin, importQ, map[string]any{"c": camp}, "f", "t.csv", []byte("region_code,category,quantity,unit\n410100,T1,\"95,000\",PEOPLE\n"), &again)
		if !again.ImportTargets.ok() {
			t.Fatalf("re-import: %+v %s", r.Errors, r.Data)
		}
		if targets(w.admin) != base+2 {
			t.Error("re-import added rows instead of updating")
		}
		var zz struct {
			Targets connection[struct {
				Quantity int `json:"quantity"`
			}] `json:"targets"`
		}
		s.must(t, w.offZZ, `{ targets(where:{hasRegionWith:{code:"410100"}}){ edges { node { quantity } } } }`, nil, &zz)
		q := 0
		if len(zz.Targets.Edges) > 0 {
			q = zz.Targets.Edges[0].Node.Quantity
		}
		if q != 95000 {
			t.Errorf("quantity %d, want 95000", q)
		}
		// The ZZ official imports for the districts below Zhengzhou only.
		var outside imported
		r = s.upload(t, w.offZZ, importQ, map[string]any{"c": camp}, "f", "t.csv", []byte("region_code,category,quantity,unit\n410102,T3,500,PERSON_TIMES\n410300,T3,500,PERSON_TIMES\n410100,T3,500,PERSON_TIMES\n"), &outside)
		if rep := outside.ImportTargets; !rep.failed() || len(rep.Errors) != 2 {
			t.Errorf("official import outside scope: %+v %s", r.Errors, js(rep))
		}
		var inside imported
		r = s.upload(t, w.offZZ, importQ, map[string]any{"c": camp}, "f", "t.csv", []byte("region_code,category,quantity,unit\n410102,T3,500,PERSON_TIMES\n"), &inside)
		if !inside.ImportTargets.ok() {
			t.Errorf("official import in scope: %+v %s", r.Errors, r.Data)
		}
		// Staff may not import at all.
		r = s.upload(t, w.staffZZ, importQ, map[string]any{"c": camp}, "f", "t.csv", []byte("region_code,category,quantity,unit\n410102,T3,1,PERSON_TIMES\n"))
		if r.code() != "FORBIDDEN" {
			t.Errorf("staff import: %+v %s", r.Errors, r.Data)
		}
	})
}

// TestImportParsesOutsideTheTransaction: a large sheet is parsed before the
// import's transaction opens, so other users' writes go on meanwhile. On
// SQLite a transaction holds the database's one write lock from its start,
// so writes made while the sheet parses used to wait for the whole import.
func TestImportParsesOutsideTheTransaction(t *testing.T) {
	s := startServer(t, "sqlite", nil)
	w := newWorld(t, s)
	camp := s.campaignID(t, w.admin)
	// The largest sheet allowed: every row after the first repeats it, so
	// the report is a capped list of duplicates and nothing is written.
	f := excelize.NewFile()
	sw, _ := f.NewStreamWriter("Sheet1")
	_ = sw.SetRow("A1", []any{"地区代码", "类别", "数量", "单位"})
	for i := 2; i <= sheet.MaxRows+1; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i)
		_ = sw.SetRow(cell, []any{"410100", "T1", 90000 + i, "PEOPLE"})
	}
	_ = sw.Flush()
	var buf bytes.Buffer
	_ = f.Write(&buf)

	done := make(chan gqlResult, 1)
	var rep struct {
		ImportTargets *importReport `json:"importTargets"`
	}
	start := time.Now()
	go func() {
		done <- s.upload(t, w.admin, importQ, map[string]any{"c": camp}, "f", "big.xlsx", buf.Bytes(), &rep)
	}()
	// Writes by an official while the import runs: none waits for it.
	writes, slowest := 0, time.Duration(0)
	var r gqlResult
loop:
	for {
		select {
		case r = <-done:
			break loop
		default:
		}
		t0 := time.Now()
		s.must(t, w.offZZ, `mutation { markNoticesRead(ids: []) }`, nil)
		slowest = max(slowest, time.Since(t0))
		writes++
	}
	took := time.Since(start)
	if len(r.Errors) > 0 || !rep.ImportTargets.failed() || rep.ImportTargets.Imported != 0 {
		t.Fatalf("import of repeated rows: %+v %s", r.Errors, js(rep.ImportTargets))
	}
	if n := len(rep.ImportTargets.Errors); n != sheet.MaxErrorsShown+1 {
		t.Errorf("report of %d lines, want %d (capped)", n, sheet.MaxErrorsShown+1)
	}
	t.Logf("import of %d rows took %v; %d writes meanwhile, the slowest %v", sheet.MaxRows, took, writes, slowest)
	// Held behind the import's transaction, one write waited for most of it.
	if slowest > took/4 {
		t.Errorf("a write waited %v during a %v import: the import held the write lock while parsing", slowest, took)
	}
}

// TestTargetBreakdown (附件1): the regions directly below a region share out
// its target: where they do not add up, the import says by how much (and
// imports all the same); each category is counted in its own unit, spending
// in 亿元 becomes yuan exactly.
func TestTargetBreakdown(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		for _, code := range []string{"410102", "410105"} {
			s.must(t, w.offZZ, `mutation($c:String!, $p:ID!){ createRegion(input:{code:$c, name:$c, level: COUNTY, parentID:$p}){ id } }`,
				map[string]any{"c": code, "p": w.zz})
		}
		camp := s.campaignID(t, w.admin)
		const q = `mutation($c:ID!, $f:Upload!){ importTargets(campaignID:$c, file:$f){ ok imported errors { row column message }
			breakdown { region { code } category unit target shares difference message } } }`
		type diff struct {
			Region     struct{ Code string } `json:"region"`
			Category   string                `json:"category"`
			Unit       string                `json:"unit"`
			Target     int64                 `json:"target"`
			Shares     int64                 `json:"shares"`
			Difference int64                 `json:"difference"`
			Message    string                `json:"message"`
		}
		type result struct {
			ImportTargets struct {
				importReport
				Breakdown []diff `json:"breakdown"`
			} `json:"importTargets"`
		}
		imp := func(token, csv string) result {
			t.Helper()
			var d result
			r := s.uploadIn(t, "zh-CN", token, q, map[string]any{"c": camp}, "f", "分解.csv", []byte(csv), &d)
			if len(r.Errors) > 0 {
				t.Fatalf("import: %s", js(r.Errors))
			}
			return d
		}

		// A unit that is not the category's: refused row by row, in Chinese.
		bad := imp(w.admin, "地区代码,类别,数量,单位\n410100,T2,100,人\n410100,T7,1.123456789,亿元\n")
		if rep := bad.ImportTargets; rep.OK || rep.rows() != "2:unit 3:quantity" || rep.Errors[0].Message != "企业职工技能提升培训的目标以人次计，不是人" {
			t.Errorf("wrong units: %s", js(rep))
		}

		// Two cities' shares of the province's 950,000 (T1) and 20亿元 (T7):
		// imported, and the difference reported.
		d := imp(w.admin, "地区代码,类别,数量,单位\n410100,T1,\"90,000\",人\n410300,T1,60000,人\n410100,T7,1.5,亿元\n")
		rep := d.ImportTargets
		if !rep.OK || rep.Imported != 3 || len(rep.Breakdown) != 2 {
			t.Fatalf("shares: %s", js(rep))
		}
		t1, t7 := rep.Breakdown[0], rep.Breakdown[1]
		if t1.Region.Code != "410000" || t1.Category != "WORK_IN_LIEU" || t1.Unit != "PEOPLE" || t1.Target != 950_000 || t1.Shares != 150_000 || t1.Difference != -800_000 {
			t.Errorf("T1 breakdown %s", js(t1))
		}
		if t1.Message != "河南省下辖地区分解的以工代训目标合计150000，本级目标为950000，相差-800000" {
			t.Errorf("T1 message %q", t1.Message)
		}
		if t7.Category != "FUND_SPENDING" || t7.Unit != "YUAN" || t7.Target != 2_000_000_000 || t7.Shares != 150_000_000 {
			t.Errorf("T7 breakdown (1.5亿元 = 150,000,000 yuan) %s", js(t7))
		}

		// Zhengzhou's 90,000 shared out exactly by its districts: nothing to report.
		if rep := imp(w.offZZ, "region_code,category,quantity,unit\n410102,T1,40000,PEOPLE\n410105,T1,50000,人\n").ImportTargets; !rep.OK || len(rep.Breakdown) != 0 {
			t.Errorf("exact share-out: %s", js(rep))
		}
		// One district lowered: Zhengzhou is 10,000 short.
		rep = imp(w.offZZ, "region_code,category,quantity,unit\n410102,T1,30000,人\n").ImportTargets
		if !rep.OK || len(rep.Breakdown) != 1 || rep.Breakdown[0].Region.Code != "410100" || rep.Breakdown[0].Difference != -10_000 {
			t.Errorf("short share-out: %s", js(rep))
		}
	})
}
