package main

import (
	"bytes"
	"fmt"
	"maps"
	"strings"
	"testing"
	"unicode"

	"github.com/xuri/excelize/v2"
)

// Zhengzhou's venue; another point about 60 km away (Kaifeng).
const (
	venueLat, venueLon = 34.7466, 113.6253
	farLat, farLon     = 34.7972, 114.3076
)

const createClassQ = `mutation($in: CreateTrainingClassInput!){ createTrainingClass(input:$in){ id status effectiveHeadcount region { code } } }`

// enrolledPersons is the answer to an enrollPersons mutation.
type enrolledPersons struct {
	EnrollPersons []struct {
		ID     string     `json:"id"`
		Person personView `json:"person"`
	} `json:"enrollPersons"`
}

// personIDs lists the enrolled persons' ids in order.
func (e enrolledPersons) personIDs() []string {
	var ids []string
	for _, x := range e.EnrollPersons {
		ids = append(ids, x.Person.ID)
	}
	return ids
}

// newClass opens, submits and (when approve) approves a class of org by staff.
func (w *world) newClass(t testing.TB, s *testServer, staff, org string, approve bool) string {
	t.Helper()
	return w.newClassWith(t, s, staff, org, approve, nil)
}

// newClassWith is newClass with some fields of the plan set otherwise.
func (w *world) newClassWith(t testing.TB, s *testServer, staff, org string, approve bool, plan map[string]any) string {
	t.Helper()
	var d struct {
		CreateTrainingClass ref `json:"createTrainingClass"`
	}
	in := map[string]any{
		"organizationID": org, "category": "KEY_GROUP", "occupation": "电子商务师", "level": 4, "approvedHeadcount": 30,
		"plannedStart": "2020-09-01", "plannedEnd": "2020-09-30", "venueAddress": "郑州市中原区建设路1号",
		"venueLatitude": venueLat, "venueLongitude": venueLon,
	}
	maps.Copy(in, plan)
	s.must(t, staff, createClassQ, map[string]any{"in": in}, &d)
	id := d.CreateTrainingClass.ID
	if !approve {
		return id
	}
	s.must(t, staff, `mutation($id:ID!){ submitTrainingClass(id:$id){ status } }`, map[string]any{"id": id})
	off := w.offZZ
	if org == w.orgLY {
		off = w.offLY
	}
	s.must(t, off, `mutation($id:ID!){ approveTrainingClass(id:$id){ status } }`, map[string]any{"id": id})
	return id
}

// TestClassLifecycle: the state machine, who may move it, all-or-nothing
// enrolment and the R10 effective headcount.
func TestClassLifecycle(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		id := w.newClass(t, s, w.staffZZ, w.orgZZ, false)
		vars := map[string]any{"id": id}
		status := func() string {
			var d struct {
				Node struct {
					Status string `json:"status"`
				} `json:"node"`
			}
			s.must(t, w.admin, `query($id:ID!){ node(id:$id){ ... on TrainingClass { status } } }`, vars, &d)
			return d.Node.Status
		}
		if status() != "DRAFT" {
			t.Fatalf("new class is %s", status())
		}
		// Staff of another organisation cannot see or touch it; nor an inspector elsewhere.
		s.wantCode(t, "NOT_FOUND", w.staffLY, `mutation($id:ID!){ submitTrainingClass(id:$id){ status } }`, vars)
		s.wantCode(t, "NOT_FOUND", w.offLY, `mutation($id:ID!){ approveTrainingClass(id:$id){ status } }`, vars)
		// Staff may not open a class for another organisation.
		s.wantCode(t, "FORBIDDEN", w.staffZZ, createClassQ, map[string]any{"in": map[string]any{
			"organizationID": w.orgLY, "category": "KEY_GROUP", "occupation": "x", "approvedHeadcount": 5,
			"plannedStart": "2020-09-01", "plannedEnd": "2020-09-02", "venueAddress": "x", "venueLatitude": 1, "venueLongitude": 1}})
		// Illegal transitions are refused by the schema.
		s.wantCode(t, "CONFLICT", w.staffZZ, `mutation($id:ID!){ startTrainingClass(id:$id){ status } }`, vars)
		s.wantCode(t, "CONFLICT", w.admin, `mutation($id:ID!){ approveTrainingClass(id:$id){ status } }`, vars)
		s.must(t, w.staffZZ, `mutation($id:ID!){ submitTrainingClass(id:$id){ status } }`, vars)
		s.wantCode(t, "FORBIDDEN", w.staffZZ, `mutation($id:ID!){ approveTrainingClass(id:$id){ status } }`, vars)
		s.wantCode(t, "CONFLICT", w.staffZZ, `mutation($id:ID!){ updateTrainingClass(id:$id, input:{approvedHeadcount: 99}){ id } }`, vars)
		s.wantCode(t, "BAD_USER_INPUT", w.offZZ, `mutation($id:ID!){ rejectTrainingClass(id:$id, reason:""){ status } }`, vars)
		var rejected struct {
			RejectTrainingClass struct {
				Status       string  `json:"status"`
				RejectReason *string `json:"rejectReason"`
			} `json:"rejectTrainingClass"`
		}
		s.must(t, w.offZZ, `mutation($id:ID!){ rejectTrainingClass(id:$id, reason:"场地证明缺失"){ status rejectReason } }`, vars, &rejected)
		if deref(rejected.RejectTrainingClass.RejectReason) != "场地证明缺失" {
			t.Errorf("reject: %s", js(rejected))
		}
		s.must(t, w.staffZZ, `mutation($id:ID!){ updateTrainingClass(id:$id, input:{venueAddress:"郑州市中原区建设路2号"}){ id } }`, vars)
		s.must(t, w.staffZZ, `mutation($id:ID!){ submitTrainingClass(id:$id){ status } }`, vars)
		s.must(t, w.offZZ, `mutation($id:ID!){ approveTrainingClass(id:$id){ status } }`, vars)
		if status() != "APPROVED" {
			t.Fatalf("class is %s, want APPROVED", status())
		}

		// Enrolment is all-or-nothing with a row-by-row report.
		const enrollQ = `mutation($c:ID!, $p:[EnrollPersonInput!]!){ enrollPersons(classID:$c, persons:$p){ id person { id name idMasked } } }`
		good1, good2, good3 := residentID(t, "410102", 101), residentID(t, "410102", 102), residentID(t, "410102", 103)
		bad := []any{
			map[string]any{"name": "甲", "idNumber": good1},
			map[string]any{"name": "乙", "idNumber": good2[:17] + "0"},
			map[string]any{"name": "", "idNumber": good3},
			map[string]any{"name": "丁", "idNumber": good1},
		}
		r := s.wantCode(t, "BAD_USER_INPUT", w.staffZZ, enrollQ, map[string]any{"c": id, "p": bad})
		var rows []string
		for _, x := range r.Errors[0].rows(t) {
			rows = append(rows, fmt.Sprintf("%d:%s", x.Row, x.Field))
		}
		if got := strings.Join(rows, " "); got != "2:idNumber 3:name 4:idNumber" {
			t.Errorf("rows %q", got)
		}
		var count struct {
			Node struct {
				EnrolledCount int `json:"enrolledCount"`
			} `json:"node"`
		}
		s.must(t, w.admin, `query($id:ID!){ node(id:$id){ ... on TrainingClass { enrolledCount } } }`, vars, &count)
		if n := count.Node.EnrolledCount; n != 0 {
			t.Errorf("a refused list enrolled %d persons", n)
		}
		// w.idZZ is already registered (张三): enrolment links the same person.
		var d enrolledPersons
		s.must(t, w.staffZZ, enrollQ, map[string]any{"c": id, "p": []any{
			map[string]any{"name": "甲", "idNumber": good1}, map[string]any{"name": "乙", "idNumber": good2},
			map[string]any{"name": "张三", "idNumber": w.idZZ, "phone": "13800000000"}}}, &d)
		enrolled := d.EnrollPersons
		if len(enrolled) != 3 || enrolled[2].Person.ID != w.personZZ {
			t.Fatalf("enrolled %+v (want the existing person %s third)", enrolled, w.personZZ)
		}
		if m := enrolled[0].Person.IDMasked; m != good1[:4]+"**********"+good1[14:] {
			t.Errorf("masked %q", m)
		}
		s.wantCode(t, "BAD_USER_INPUT", w.staffZZ, enrollQ, map[string]any{"c": id, "p": []any{map[string]any{"name": "甲", "idNumber": good1}}})
		// The list counts each class's enrolments for the whole page at once.
		var page struct {
			TrainingClasses struct {
				Edges []struct {
					Node struct {
						ID            string `json:"id"`
						EnrolledCount int    `json:"enrolledCount"`
					} `json:"node"`
				} `json:"edges"`
			} `json:"trainingClasses"`
		}
		s.must(t, w.staffZZ, `{ trainingClasses(first: 50) { edges { node { id enrolledCount } } } }`, nil, &page)
		listed := map[string]int{}
		for _, e := range page.TrainingClasses.Edges {
			listed[e.Node.ID] = e.Node.EnrolledCount
		}
		if n, ok := listed[id]; !ok || n != 3 {
			t.Errorf("the class list: %s; want the class with 3 enrolled", js(page))
		}

		// R10: fewer present than approved -> the present count.
		present := []any{enrolled[0].Person.ID, enrolled[1].Person.ID}
		s.wantCode(t, "BAD_USER_INPUT", w.staffZZ, `mutation($c:ID!, $p:[ID!]!){ recordOpeningAttendance(classID:$c, presentPersonIDs:$p){ id } }`,
			map[string]any{"c": id, "p": []any{w.personLY}})
		var att struct {
			RecordOpeningAttendance struct {
				PresentCount       *int `json:"presentCount"`
				EffectiveHeadcount int  `json:"effectiveHeadcount"`
				ApprovedHeadcount  int  `json:"approvedHeadcount"`
			} `json:"recordOpeningAttendance"`
		}
		s.must(t, w.staffZZ, `mutation($c:ID!, $p:[ID!]!){ recordOpeningAttendance(classID:$c, presentPersonIDs:$p){ presentCount effectiveHeadcount approvedHeadcount } }`,
			map[string]any{"c": id, "p": present}, &att)
		if a := att.RecordOpeningAttendance; a.EffectiveHeadcount != 2 || a.ApprovedHeadcount != 30 {
			t.Errorf("R10: %s", js(att))
		}
		// The trainee sees the class they are enrolled in, and nobody else's.
		var classes struct {
			TrainingClasses counted `json:"trainingClasses"`
		}
		s.must(t, w.trainee, `{ trainingClasses { totalCount } }`, nil, &classes)
		if classes.TrainingClasses.TotalCount != 1 {
			t.Errorf("trainee sees %+v", classes)
		}
		s.must(t, w.staffZZ, `mutation($id:ID!){ startTrainingClass(id:$id){ status } }`, vars)
		s.must(t, w.staffZZ, `mutation($id:ID!){ completeTrainingClass(id:$id){ status } }`, vars)
		s.wantCode(t, "CONFLICT", w.staffZZ, `mutation($id:ID!){ cancelTrainingClass(id:$id){ status } }`, vars)
		// A completed class takes no more trainees: its headcount fed R10 and pricing.
		s.wantCode(t, "CONFLICT", w.staffZZ, enrollQ, map[string]any{"c": id, "p": []any{map[string]any{"name": "丁", "idNumber": residentID(t, "410102", 104)}}})
		if status() != "COMPLETED" {
			t.Errorf("class is %s", status())
		}
	})
}

// roster is the answer to readRoster.
type roster struct {
	ReadRoster struct {
		Rows []struct {
			Row      int     `json:"row"`
			Name     string  `json:"name"`
			IDNumber string  `json:"idNumber"`
			Phone    *string `json:"phone"`
			Errors   []struct {
				Column  *string `json:"column"`
				Message string  `json:"message"`
			} `json:"errors"`
		} `json:"rows"`
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	} `json:"readRoster"`
}

const readRosterQ = `mutation($c:ID!, $f:Upload!){ readRoster(classID:$c, file:$f){ rows { row name idNumber phone errors { column message } } errors { message } } }`

// rosterXLSX is a workbook whose first sheet holds rows (the first one the header).
func rosterXLSX(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestReadRoster: a roster spreadsheet picked on a phone is read and every
// row checked as enrolment would check it, nothing written; the good rows
// then enrol, the bad ones are reported row by row in the reader's language.
func TestReadRoster(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		id := w.newClass(t, s, w.staffZZ, w.orgZZ, true)
		good1, good2, good3 := residentID(t, "410102", 201), residentID(t, "410102", 202), residentID(t, "410102", 203)
		fullWidth := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r - '0' + '０'
			}
			return r
		}, good2)
		const enrollQ = `mutation($c:ID!, $p:[EnrollPersonInput!]!){ enrollPersons(classID:$c, persons:$p){ id } }`
		s.must(t, w.staffZZ, enrollQ, map[string]any{"c": id, "p": []any{map[string]any{"name": "张三", "idNumber": w.idZZ}}})
		file := rosterXLSX(t, [][]any{
			{"序号", "姓名", "身份证号码", "手机号码"},
			{1, " 甲 ", good1, "138 0013 8000"},
			{2, "乙", fullWidth, ""},
			{3, "丙", wrongCheck(good3), "13800138000"},
			{4, "", residentID(t, "410102", 204), "1380013800a"},
			{5, "丁", good1, nil},   // the same person as row 2
			{6, "张三", w.idZZ, nil}, // already enrolled
		})
		var d roster
		s.uploadIn(t, "zh-CN", w.staffZZ, readRosterQ, map[string]any{"c": id}, "f", "名单.xlsx", file, &d)
		rows := d.ReadRoster.Rows
		if len(rows) != 6 || len(d.ReadRoster.Errors) != 0 {
			t.Fatalf("roster: %s", js(d))
		}
		if r := rows[0]; r.Row != 2 || r.Name != "甲" || r.IDNumber != good1 || deref(r.Phone) != "13800138000" || len(r.Errors) != 0 {
			t.Errorf("row 2 not cleaned: %s", js(r))
		}
		if r := rows[1]; r.IDNumber != good2 || r.Phone != nil || len(r.Errors) != 0 {
			t.Errorf("row 3 (full-width digits, no phone): %s", js(r))
		}
		var got []string
		for _, r := range rows {
			for _, e := range r.Errors {
				got = append(got, fmt.Sprintf("%d:%s", r.Row, deref(e.Column)))
				if !hasHan(e.Message) || strings.ContainsAny(e.Message, "abcdefghijklmnopqrstuvwxyz") {
					t.Errorf("row %d: message not in Chinese: %q", r.Row, e.Message)
				}
			}
		}
		if strings.Join(got, " ") != "4:idNumber 5:name 5:phone 6:idNumber 7:idNumber" {
			t.Errorf("row errors %v", got)
		}
		var count struct {
			Node struct {
				EnrolledCount int `json:"enrolledCount"`
			} `json:"node"`
		}
		s.must(t, w.admin, `query($id:ID!){ node(id:$id){ ... on TrainingClass { enrolledCount } } }`, map[string]any{"id": id}, &count)
		if count.Node.EnrolledCount != 1 {
			t.Errorf("reading a roster wrote enrolments: %d enrolled", count.Node.EnrolledCount)
		}
		// The good rows enrol as they were read.
		s.must(t, w.staffZZ, enrollQ, map[string]any{"c": id, "p": []any{
			map[string]any{"name": rows[0].Name, "idNumber": rows[0].IDNumber, "phone": rows[0].Phone},
			map[string]any{"name": rows[1].Name, "idNumber": fullWidth}}})

		// A CSV without the ID column: the file is refused, its headers named in Chinese.
		var missing roster
		s.uploadIn(t, "zh-CN", w.staffZZ, readRosterQ, map[string]any{"c": id}, "f", "名单.csv", []byte("姓名,电话\n甲,13800138000\n"), &missing)
		if e := missing.ReadRoster.Errors; len(e) != 1 || e[0].Message != "缺少列：身份证号" {
			t.Errorf("missing column: %s", js(missing))
		}
		// Only who may enrol in this class reads a roster for it.
		s.wantCodeUpload(t, "NOT_FOUND", w.staffLY, id, file)
		s.wantCodeUpload(t, "FORBIDDEN", w.inspZZ, id, file)
	})
}

// wantCodeUpload reads a roster for class id as token and wants the error code.
func (s *testServer) wantCodeUpload(t *testing.T, code, token, id string, file []byte) {
	t.Helper()
	r := s.upload(t, token, readRosterQ, map[string]any{"c": id}, "f", "名单.xlsx", file)
	if got := r.code(); got != code {
		t.Errorf("readRoster: %s, want %s", got, code)
	}
}

// wrongCheck is id with a wrong check character.
func wrongCheck(id string) string {
	if id[17] == '0' {
		return id[:17] + "1"
	}
	return id[:17] + "0"
}

// hasHan reports whether s has a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// TestEnrollByIDNumber: an ID number that belongs to a registered person
// enrols them only under their registered name (spaces aside); otherwise the
// row fails without saying the registered name, and nothing about the person
// comes back. readRoster checks the same.
func TestEnrollByIDNumber(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		class := w.newClass(t, s, w.staffZZ, w.orgZZ, true)
		idLY := residentID(t, "410302", 12) // 李四, registered in Luoyang
		const enrollQ = `mutation($c:ID!, $p:[EnrollPersonInput!]!){ enrollPersons(classID:$c, persons:$p){ id person { id name idMasked region { code name } } } }`
		enrolled := func() int {
			var d struct {
				Node struct {
					EnrolledCount int `json:"enrolledCount"`
				} `json:"node"`
			}
			s.must(t, w.admin, `query($id:ID!){ node(id:$id){ ... on TrainingClass { enrolledCount } } }`, map[string]any{"id": class}, &d)
			return d.Node.EnrolledCount
		}
		leaks := func(what string, r gqlResult) {
			t.Helper()
			for _, secret := range []string{"李四", "洛阳", "410300"} {
				if strings.Contains(string(r.Data), secret) || strings.Contains(js(r.Errors), secret) {
					t.Errorf("%s: the answer shows %q: %s %s", what, secret, r.Data, js(r.Errors))
				}
			}
		}
		for _, lang := range []string{"en", "zh-CN"} {
			// Another name with the ID number of a Luoyang person: the row fails, the list with it.
			vars := map[string]any{"c": class, "p": []any{
				map[string]any{"name": "甲", "idNumber": residentID(t, "410102", 301)},
				map[string]any{"name": "王五", "idNumber": idLY}}}
			r := s.gqlIn(t, lang, w.staffZZ, enrollQ, vars)
			leaks("a wrong name ("+lang+")", r)
			if r.code() != "BAD_USER_INPUT" {
				t.Fatalf("a wrong name for a registered ID number (%s): %s %+v", lang, r.Data, r.Errors)
			}
			rows := r.Errors[0].rows(t)
			if len(rows) != 1 || rows[0].Row != 2 || rows[0].Field != "name" {
				t.Errorf("rows (%s): %s", lang, js(rows))
			}
			switch msg := rows[0].Message; lang {
			case "en":
				if msg != "the name does not match the person registered with this ID number" {
					t.Errorf("message %q", msg)
				}
			default:
				if !hasHan(msg) || strings.ContainsAny(msg, "abcdefghijklmnopqrstuvwxyz") {
					t.Errorf("message not in Chinese: %q", msg)
				}
			}
		}
		// The same with the ID number of a person of the staff's own organisation.
		r := s.gql(t, w.staffZZ, enrollQ, map[string]any{"c": class, "p": []any{map[string]any{"name": "张四", "idNumber": w.idZZ}}})
		if r.code() != "BAD_USER_INPUT" || strings.Contains(string(r.Data)+js(r.Errors), "张三") {
			t.Errorf("a wrong name for a Zhengzhou ID number: %s %+v", r.Data, r.Errors)
		}
		if n := enrolled(); n != 0 {
			t.Fatalf("%d enrolled by refused lists", n)
		}
		// readRoster reports the row alike, with the name as typed.
		file := rosterXLSX(t, [][]any{{"姓名", "身份证号"}, {"王五", idLY}, {" 李 四 ", idLY}})
		var d roster
		s.uploadIn(t, "zh-CN", w.staffZZ, readRosterQ, map[string]any{"c": class}, "f", "名单.xlsx", file, &d)
		if rows := d.ReadRoster.Rows; len(rows) != 2 || rows[0].Name != "王五" || len(rows[0].Errors) != 1 ||
			deref(rows[0].Errors[0].Column) != "name" || !hasHan(rows[0].Errors[0].Message) || strings.Contains(js(rows[0]), "李四") {
			t.Errorf("roster: %s", js(d))
		}
		// Both rows name the ID number twice: the second one is a duplicate, not a name mismatch.
		if rows := d.ReadRoster.Rows; len(rows) == 2 && (len(rows[1].Errors) != 1 || deref(rows[1].Errors[0].Column) != "idNumber") {
			t.Errorf("roster row 3: %s", js(rows[1]))
		}
		// The registered name, spaces aside, enrols the person, who is then seen through the class.
		var ok enrolledPersons
		s.must(t, w.staffZZ, `mutation($c:ID!, $p:[EnrollPersonInput!]!){ enrollPersons(classID:$c, persons:$p){ id person { id name idMasked } } }`,
			map[string]any{"c": class, "p": []any{map[string]any{"name": " 李 四", "idNumber": idLY}, map[string]any{"name": "张三", "idNumber": w.idZZ}}}, &ok)
		if got := ok.personIDs(); len(got) != 2 || got[0] != w.personLY || got[1] != w.personZZ || ok.EnrollPersons[0].Person.Name != "李四" {
			t.Errorf("enrolled %s", js(ok))
		}
	})
}
