package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hnvt/bairi/internal/certno"
	"github.com/hnvt/bairi/internal/workday"
)

const fileUnitQ = `mutation($in: CertificationUnitInput!){ fileCertificationUnit(input:$in){ id status kind organizationName
	occupations { occupation levels } missingMaterials checklist { item materials { id } } filedAt } }`

// filedUnit is the selection of fileUnitQ.
type filedUnit struct {
	ID               string `json:"id"`
	Status           string `json:"status"`
	OrganizationName string `json:"organizationName"`
	Occupations      []struct {
		Occupation string `json:"occupation"`
		Levels     []int  `json:"levels"`
	} `json:"occupations"`
	MissingMaterials []string `json:"missingMaterials"`
	Checklist        []struct {
		Item      string `json:"item"`
		Materials []ref  `json:"materials"`
	} `json:"checklist"`
	FiledAt *string `json:"filedAt"`
}

// certify files and approves (as the admin) a certification unit for an
// organisation of the given filing kind, covering an occupation at levels.
func (w *world) certify(t testing.TB, s *testServer, org, kind, occupation string, levels ...int) {
	t.Helper()
	var d struct {
		FileCertificationUnit filedUnit `json:"fileCertificationUnit"`
	}
	s.must(t, w.admin, fileUnitQ, map[string]any{"in": map[string]any{"organizationID": org, "kind": kind,
		"occupations": []any{map[string]any{"occupation": occupation, "levels": levels}}}}, &d)
	s.must(t, w.admin, `mutation($id:ID!){ approveCertificationUnit(id:$id){ status } }`, map[string]any{"id": d.FileCertificationUnit.ID})
}

// TestCertificationUnits (R8, T6): an organisation files to run skill-level
// certification for occupations and levels, of the kind its own kind
// decides, with the materials of its kind's checklist kept in storage; the
// officials of its city or the province approve it or return it with a
// reason (a county's may not, nor another city's); only an approved filing
// that covers the occupation and level lets it issue a SKILL_LEVEL
// certificate (assessment results and the certificate import alike); T6
// counts the organisations approved within the campaign with the
// enterprises beside them; the technician colleges and senior technical
// schools that have not filed are listed.
func TestCertificationUnits(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		s.clock.Set(time.Date(2020, 9, 10, 10, 0, 0, 0, workday.China))
		org := func(name, kind, region, division string, seq int) (id, code string) {
			var d struct {
				CreateOrganization createdOrg `json:"createOrganization"`
			}
			s.must(t, w.admin, createOrg, map[string]any{"in": map[string]any{"name": name, "kind": kind,
				"creditCode": creditCode(t, division, seq), "regionID": region, "employeeCount": 2500}}, &d)
			return d.CreateOrganization.ID, d.CreateOrganization.CreditCode
		}
		user := func(name, role, region, org string) string {
			in := map[string]any{"username": name, "password": testPassword, "displayName": name, "role": role, "regionID": region}
			if org != "" {
				in["organizationID"] = org
			}
			s.must(t, w.admin, createUserQ, map[string]any{"in": in})
			tok, _ := s.login(t, name, testPassword)
			return tok
		}
		factory, factoryCode := org("郑州宇通客车", "ENTERPRISE", w.zz, "410100", 41)
		college, _ := org("洛阳技师学院", "TECHNICIAN_COLLEGE", w.ly, "410300", 42)
		org("郑州高级技工学校", "SENIOR_TECHNICAL_SCHOOL", w.zz, "410100", 43)
		org("郑州技工学校", "TECHNICAL_SCHOOL", w.zz, "410100", 44) // not asked to take part
		factoryStaff := user("yutong-hr", "INSTITUTION_STAFF", w.zz, factory)
		var county struct {
			CreateRegion ref `json:"createRegion"`
		}
		s.must(t, w.admin, `mutation($p:ID!){ createRegion(input:{code:"410102", name:"中原区", level: COUNTY, parentID:$p}){ id } }`,
			map[string]any{"p": w.zz}, &county)
		countyOfficial := user("zy-official", "REGION_OFFICIAL", county.CreateRegion.ID, "")

		unfiled := func(token, region string) string {
			var d struct {
				UnfiledSchools []struct {
					Name string `json:"name"`
				} `json:"unfiledSchools"`
			}
			s.must(t, token, `query($r:String!){ unfiledSchools(regionCode:$r){ name } }`, map[string]any{"r": region}, &d)
			var names []string
			for _, o := range d.UnfiledSchools {
				names = append(names, o.Name)
			}
			return strings.Join(names, " ")
		}
		if got := unfiled(w.admin, "410000"); got != "洛阳技师学院 郑州高级技工学校" {
			t.Errorf("unfiled schools: %q", got)
		}

		// The organisation's kind decides the filing's; the occupations are checked.
		in := func(extra map[string]any) map[string]any {
			m := map[string]any{"organizationID": factory, "kind": "ENTERPRISE",
				"occupations": []any{map[string]any{"occupation": " 电工 ", "levels": []int{4, 5, 4}}}}
			for k, v := range extra {
				m[k] = v
			}
			return map[string]any{"in": m}
		}
		if r := s.gqlIn(t, "zh-CN", factoryStaff, fileUnitQ, in(map[string]any{"kind": "SCHOOL"})); r.code() != "BAD_USER_INPUT" ||
			!strings.Contains(js(r.Errors), "应按“企业”类备案") {
			t.Errorf("an enterprise filing as a school: %s", js(r.Errors))
		}
		s.wantCode(t, "BAD_USER_INPUT", factoryStaff, fileUnitQ, in(map[string]any{"occupations": []any{}}))
		s.wantCode(t, "BAD_USER_INPUT", factoryStaff, fileUnitQ, in(map[string]any{"occupations": []any{map[string]any{"occupation": "电工", "levels": []int{6}}}}))
		s.wantCode(t, "FORBIDDEN", factoryStaff, fileUnitQ, in(map[string]any{"organizationID": w.orgZZ, "kind": "TRAINING_INSTITUTION"}))

		// A draft, its checklist, and a material kept in storage.
		var d struct {
			FileCertificationUnit filedUnit `json:"fileCertificationUnit"`
		}
		s.must(t, factoryStaff, fileUnitQ, in(map[string]any{"draft": true}), &d)
		unit := d.FileCertificationUnit
		if unit.Status != "DRAFT" || unit.FiledAt != nil || unit.OrganizationName != "郑州宇通客车" || len(unit.Checklist) != 7 ||
			len(unit.MissingMaterials) != 7 || js(unit.Occupations) != `[{"occupation":"电工","levels":[5,4]}]` ||
			!slices.Contains(unit.MissingMaterials, "STAFF_ROSTER") || slices.Contains(unit.MissingMaterials, "SCHOOL_LICENCE") {
			t.Fatalf("draft: %s", js(unit))
		}
		const handInQ = `mutation($u:ID!, $i:CertificationMaterialItem!, $f:Upload!){ handInCertificationMaterial(unitID:$u, item:$i, file:$f){
			id item fileName contentType size sha256 url } }`
		pdf := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("备案申请表 "), 2000)...)
		var m struct {
			HandInCertificationMaterial struct {
				ID          string `json:"id"`
				FileName    string `json:"fileName"`
				ContentType string `json:"contentType"`
				Size        int    `json:"size"`
				Sha256      string `json:"sha256"`
				URL         string `json:"url"`
			} `json:"handInCertificationMaterial"`
		}
		s.uploadIn(t, "zh-CN", factoryStaff, handInQ, map[string]any{"u": unit.ID, "i": "APPLICATION_FORM"}, "f", "备案申请表.pdf", pdf, &m)
		sum := sha256.Sum256(pdf)
		if mat := m.HandInCertificationMaterial; mat.ContentType != "application/pdf" || mat.Size != len(pdf) ||
			mat.Sha256 != hex.EncodeToString(sum[:]) || mat.FileName != "备案申请表.pdf" {
			t.Fatalf("material: %s", js(mat))
		}
		resp, err := http.Get(s.absolute(m.HandInCertificationMaterial.URL))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !bytes.Equal(got, pdf) {
			t.Errorf("reading the material back: %d, %d bytes", resp.StatusCode, len(got))
		}
		if r := s.uploadIn(t, "zh-CN", factoryStaff, handInQ, map[string]any{"u": unit.ID, "i": "SCHOOL_LICENCE"}, "f", "办学许可证.pdf", pdf); r.code() != "BAD_USER_INPUT" ||
			!strings.Contains(js(r.Errors), "不在“企业”类备案的材料清单中") {
			t.Errorf("an item off the enterprise's checklist: %s", js(r.Errors))
		}
		if r := s.uploadIn(t, "", factoryStaff, handInQ, map[string]any{"u": unit.ID, "i": "WORK_PLAN"}, "f", "plan.exe", pdf); r.code() != "BAD_USER_INPUT" {
			t.Errorf("a program as a material: %s", js(r.Errors))
		}
		if r := s.uploadIn(t, "", w.staffLY, handInQ, map[string]any{"u": unit.ID, "i": "WORK_PLAN"}, "f", "plan.pdf", pdf); r.code() != "NOT_FOUND" {
			t.Errorf("another organisation's staff hand in: %s", js(r.Errors))
		}

		// Filed: materials wait; the staff, a county and another city decide nothing.
		s.must(t, factoryStaff, fileUnitQ, in(map[string]any{"id": unit.ID}), &d)
		if u := d.FileCertificationUnit; u.Status != "FILED" || u.FiledAt == nil || len(u.MissingMaterials) != 6 {
			t.Fatalf("filed: %s", js(u))
		}
		s.wantCode(t, "CONFLICT", w.admin, `mutation($id:ID!){ removeCertificationMaterial(id:$id) }`, map[string]any{"id": m.HandInCertificationMaterial.ID})
		if r := s.uploadIn(t, "", factoryStaff, handInQ, map[string]any{"u": unit.ID, "i": "WORK_PLAN"}, "f", "plan.pdf", pdf); r.code() != "CONFLICT" {
			t.Errorf("a material for a filed filing: %s", js(r.Errors))
		}
		const approveQ = `mutation($id:ID!){ approveCertificationUnit(id:$id){ status allowedActions } }`
		const returnQ = `mutation($id:ID!, $r:String!){ returnCertificationUnit(id:$id, reason:$r){ status returnReason } }`
		s.wantCode(t, "FORBIDDEN", factoryStaff, approveQ, map[string]any{"id": unit.ID})
		s.wantCode(t, "FORBIDDEN", countyOfficial, approveQ, map[string]any{"id": unit.ID})
		s.wantCode(t, "NOT_FOUND", w.offLY, approveQ, map[string]any{"id": unit.ID})
		var acts struct {
			Node struct {
				AllowedActions []string `json:"allowedActions"`
			} `json:"node"`
		}
		actions := func(token string) string {
			s.must(t, token, `query($id:ID!){ node(id:$id){ ... on CertificationUnit { allowedActions } } }`, map[string]any{"id": unit.ID}, &acts)
			return strings.Join(acts.Node.AllowedActions, " ")
		}
		if a := actions(w.offZZ); a != "APPROVE RETURN" {
			t.Errorf("allowed actions of the city: %q", a)
		}
		if a := actions(factoryStaff); a != "" {
			t.Errorf("allowed actions of the staff on a filed filing: %q", a)
		}

		// Returned with a reason, mended, filed again, approved.
		s.wantCode(t, "BAD_USER_INPUT", w.offZZ, returnQ, map[string]any{"id": unit.ID, "r": "  "})
		s.must(t, w.offZZ, returnQ, map[string]any{"id": unit.ID, "r": "缺少考评人员名单"})
		s.uploadIn(t, "", factoryStaff, handInQ, map[string]any{"u": unit.ID, "i": "ASSESSORS"}, "f", "考评人员名单.jpg", []byte("\xff\xd8\xff\xe0 jpeg"), &m)
		s.must(t, factoryStaff, fileUnitQ, in(map[string]any{"id": unit.ID}), &d)
		if u := d.FileCertificationUnit; u.Status != "FILED" || len(u.MissingMaterials) != 5 {
			t.Fatalf("filed again: %s", js(u))
		}

		// Before approval the enterprise issues no skill-level certificate: the import refuses the row.
		const importQ = `mutation($f:Upload!){ importCertificates(file:$f){ ok imported errors { row column message } } }`
		n1, _ := certno.Make("410100", 2020, 9101)
		n2, _ := certno.Make("410100", 2020, 9102)
		sheet := func(level string) []byte {
			return certWorkbook(t, [][]any{{n1, residentID(t, "410102", 501), "赵一", "职业技能等级证书", "电工", level, "2020-09-09", factoryCode},
				{n2, residentID(t, "410102", 502), "钱二", "培训合格证书", "电工", "", "2020-09-09", factoryCode}})
		}
		var rep struct {
			ImportCertificates importReport `json:"importCertificates"`
		}
		s.uploadIn(t, "zh-CN", w.admin, importQ, map[string]any{}, "f", "certs.xlsx", sheet("4"), &rep)
		if rp := rep.ImportCertificates; rp.OK || rp.rows() != "2:level" || !strings.Contains(js(rp.Errors), "没有审核通过的") {
			t.Errorf("skill-level row before approval: %s", js(rp))
		}
		s.must(t, w.offZZ, approveQ, map[string]any{"id": unit.ID})
		s.wantCode(t, "CONFLICT", factoryStaff, fileUnitQ, in(map[string]any{"id": unit.ID}))
		s.uploadIn(t, "zh-CN", w.admin, importQ, map[string]any{}, "f", "certs.xlsx", sheet("3"), &rep) // level 3 is not covered
		if rp := rep.ImportCertificates; rp.OK || rp.rows() != "2:level" {
			t.Errorf("an uncovered level: %s", js(rp))
		}
		s.uploadIn(t, "zh-CN", w.admin, importQ, map[string]any{}, "f", "certs.xlsx", sheet("4"), &rep)
		if rp := rep.ImportCertificates; !rp.OK || rp.Imported != 2 {
			t.Errorf("after approval: %s", js(rp))
		}

		// Assessment results: the training institution's level-4 certificate waits on its own filing.
		class, ids := completedClass(t, s, w)
		results := map[string]any{"c": class, "r": []any{map[string]any{"personID": ids[0], "passed": true, "level": 4}}}
		if r := s.gqlIn(t, "zh-CN", w.staffZZ, recordQ, results); r.code() != "BAD_USER_INPUT" || !strings.Contains(js(r.Errors), "电子商务师4级") {
			t.Errorf("skill level without a filing: %s", js(r.Errors))
		}
		w.certify(t, s, w.orgZZ, "TRAINING_INSTITUTION", "电子商务师", 4)
		var rec recorded
		s.must(t, w.staffZZ, recordQ, results, &rec)
		if c := rec.RecordAssessmentResults; len(c) != 1 || c[0].Kind != "SKILL_LEVEL" || deref(c[0].Level) != 4 {
			t.Errorf("skill level under the filing: %s", js(c))
		}

		// The Luoyang college files and its city approves; the enterprise files a second time.
		var cd struct {
			FileCertificationUnit filedUnit `json:"fileCertificationUnit"`
		}
		s.must(t, w.offLY, fileUnitQ, map[string]any{"in": map[string]any{"organizationID": college, "kind": "SCHOOL",
			"occupations": []any{map[string]any{"occupation": "数控车工", "levels": []int{3, 2}}}}}, &cd)
		if got := unfiled(w.admin, "410000"); got != "郑州高级技工学校" {
			t.Errorf("unfiled once the college filed: %q", got)
		}
		s.must(t, w.offLY, approveQ, map[string]any{"id": cd.FileCertificationUnit.ID})
		w.certify(t, s, factory, "ENTERPRISE", "焊工", 5)

		// T6: three organisations (one enterprise) province-wide, each once.
		camp := s.campaignID(t, w.admin)
		type row struct {
			Category    string `json:"category"`
			Achieved    int    `json:"achieved"`
			Enterprises *int   `json:"enterprises"`
			Tracked     bool   `json:"tracked"`
		}
		for region, want := range map[string][2]int{"410000": {3, 1}, "410100": {2, 1}, "410300": {1, 0}} {
			var p struct {
				CampaignProgress []row `json:"campaignProgress"`
			}
			s.must(t, w.admin, `query($c:ID!, $r:String!){ campaignProgress(campaignID:$c, regionCode:$r){ category achieved enterprises tracked } }`,
				map[string]any{"c": camp, "r": region}, &p)
			for _, x := range p.CampaignProgress {
				if x.Category == "CERTIFICATION_UNIT" && (x.Achieved != want[0] || x.Enterprises == nil || *x.Enterprises != want[1] || !x.Tracked) {
					t.Errorf("T6 in %s: %s, want %d units, %d enterprises", region, js(x), want[0], want[1])
				}
				if x.Category != "CERTIFICATION_UNIT" && x.Enterprises != nil {
					t.Errorf("%s has an enterprise count", x.Category)
				}
			}
		}
		s.recountMatches(t, w.admin, camp, "410000", "410100", "410300")

		// Who reads the filings: the organisation and the officials above it.
		count := func(token string) int {
			var c struct {
				CertificationUnits counted `json:"certificationUnits"`
			}
			s.must(t, token, `{ certificationUnits { totalCount } }`, nil, &c)
			return c.CertificationUnits.TotalCount
		}
		for who, c := range map[string][2]any{"the enterprise": {factoryStaff, 2}, "Zhengzhou": {w.offZZ, 3}, "Luoyang": {w.offLY, 1},
			"the county": {countyOfficial, 0}, "the admin": {w.admin, 4}, "Luoyang's institution": {w.staffLY, 0}} {
			if n := count(c[0].(string)); n != c[1].(int) {
				t.Errorf("%s reads %d filings, want %d", who, n, c[1])
			}
		}
	})
}
