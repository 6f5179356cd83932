package main

import (
	"fmt"
	"strings"
	"testing"
)

// Zhengzhou's venue; another point about 60 km away (Kaifeng).
const (
	venueLat, venueLon = 34.7466, 113.6253
	farLat, farLon     = 34.7972, 114.3076
)

const createClassQ = `mutation($in: CreateTrainingClassInput!){ createTrainingClass(input:$in){ id status effectiveHeadcount region { code } } }`

// newClass opens, submits and (when approve) approves a class of org by staff.
func (w *world) newClass(t testing.TB, s *testServer, staff, org string, approve bool) string {
	t.Helper()
	d := s.must(t, staff, createClassQ, map[string]any{"in": map[string]any{
		"organizationID": org, "category": "KEY_GROUP", "occupation": "电子商务师", "level": 4, "approvedHeadcount": 30,
		"plannedStart": "2020-09-01", "plannedEnd": "2020-09-30", "venueAddress": "郑州市中原区建设路1号",
		"venueLatitude": venueLat, "venueLongitude": venueLon,
	}})
	id := str(d, "createTrainingClass.id")
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
			return str(s.must(t, w.admin, `query($id:ID!){ node(id:$id){ ... on TrainingClass { status } } }`, vars), "node.status")
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
		d := s.must(t, w.offZZ, `mutation($id:ID!){ rejectTrainingClass(id:$id, reason:"场地证明缺失"){ status rejectReason } }`, vars)
		if str(d, "rejectTrainingClass.rejectReason") != "场地证明缺失" {
			t.Errorf("reject: %v", d)
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
		for _, x := range r.Errors[0].Extensions["rows"].([]any) {
			rows = append(rows, fmt.Sprintf("%d:%s", num(x, "row"), str(x, "field")))
		}
		if got := strings.Join(rows, " "); got != "2:idNumber 3:name 4:idNumber" {
			t.Errorf("rows %q", got)
		}
		if n := num(s.must(t, w.admin, `query($id:ID!){ node(id:$id){ ... on TrainingClass { enrolledCount } } }`, vars), "node.enrolledCount"); n != 0 {
			t.Errorf("a refused list enrolled %d persons", n)
		}
		// w.idZZ is already registered (张三): enrolment links the same person.
		d = s.must(t, w.staffZZ, enrollQ, map[string]any{"c": id, "p": []any{
			map[string]any{"name": "甲", "idNumber": good1}, map[string]any{"name": "乙", "idNumber": good2},
			map[string]any{"name": "张三", "idNumber": w.idZZ, "phone": "13800000000"}}})
		enrolled := get(d, "enrollPersons").([]any)
		if len(enrolled) != 3 || str(enrolled[2], "person.id") != w.personZZ {
			t.Fatalf("enrolled %v (want the existing person %s third)", enrolled, w.personZZ)
		}
		if m := str(enrolled[0], "person.idMasked"); m != good1[:4]+"**********"+good1[14:] {
			t.Errorf("masked %q", m)
		}
		s.wantCode(t, "BAD_USER_INPUT", w.staffZZ, enrollQ, map[string]any{"c": id, "p": []any{map[string]any{"name": "甲", "idNumber": good1}}})

		// R10: fewer present than approved -> the present count.
		present := []any{str(enrolled[0], "person.id"), str(enrolled[1], "person.id")}
		s.wantCode(t, "BAD_USER_INPUT", w.staffZZ, `mutation($c:ID!, $p:[ID!]!){ recordOpeningAttendance(classID:$c, presentPersonIDs:$p){ id } }`,
			map[string]any{"c": id, "p": []any{w.personLY}})
		d = s.must(t, w.staffZZ, `mutation($c:ID!, $p:[ID!]!){ recordOpeningAttendance(classID:$c, presentPersonIDs:$p){ presentCount effectiveHeadcount approvedHeadcount } }`,
			map[string]any{"c": id, "p": present})
		if num(d, "recordOpeningAttendance.effectiveHeadcount") != 2 || num(d, "recordOpeningAttendance.approvedHeadcount") != 30 {
			t.Errorf("R10: %v", d)
		}
		// The trainee sees the class they are enrolled in, and nobody else's.
		d = s.must(t, w.trainee, `{ trainingClasses { totalCount } }`, nil)
		if num(d, "trainingClasses.totalCount") != 1 {
			t.Errorf("trainee sees %v", d)
		}
		s.must(t, w.staffZZ, `mutation($id:ID!){ startTrainingClass(id:$id){ status } }`, vars)
		s.must(t, w.staffZZ, `mutation($id:ID!){ completeTrainingClass(id:$id){ status } }`, vars)
		s.wantCode(t, "CONFLICT", w.staffZZ, `mutation($id:ID!){ cancelTrainingClass(id:$id){ status } }`, vars)
		if status() != "COMPLETED" {
			t.Errorf("class is %s", status())
		}
	})
}
