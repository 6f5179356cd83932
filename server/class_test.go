package main

import (
	"fmt"
	"maps"
	"strings"
	"testing"
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
