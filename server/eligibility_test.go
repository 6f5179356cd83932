package main

import (
	"fmt"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/hnvt/bairi/internal/workday"
)

// TestEntrepreneurshipEligibility (R4): on 2020-08-20 an owner whose business
// opened 6 years before is refused, in the reader's language, with nothing
// enrolled; one whose business opened exactly 5 years before is in; every
// trainee of an entrepreneurship class has a basis, and no other class takes
// one; a roster sheet carries the basis in Chinese.
func TestEntrepreneurshipEligibility(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		class := w.newClassWith(t, s, w.staffZZ, w.orgZZ, true, map[string]any{"category": "ENTREPRENEURSHIP", "occupation": "创业培训（SYB）"})
		s.clock.Set(time.Date(2020, 8, 20, 10, 0, 0, 0, workday.China))
		const enrollQ = `mutation($c:ID!, $p:[EnrollPersonInput!]!){ enrollPersons(classID:$c, persons:$p){ person { name } entrepreneurshipBasis businessOpenedOn } }`
		owner := func(seq int, opened string) map[string]any {
			return map[string]any{"name": fmt.Sprint("店主", seq), "idNumber": residentID(t, "410102", 300+seq),
				"entrepreneurshipBasis": "SMALL_BUSINESS_OWNER", "businessOpenedOn": opened}
		}
		enrolled := func() int {
			var d struct {
				Node struct {
					EnrolledCount int `json:"enrolledCount"`
				} `json:"node"`
			}
			s.must(t, w.admin, `query($id:ID!){ node(id:$id){ ... on TrainingClass { enrolledCount } } }`, map[string]any{"id": class}, &d)
			return d.Node.EnrolledCount
		}

		// Six years: refused with the dates and the rule, in Chinese for a zh-CN phone.
		list := []any{owner(1, "2015-08-20"), owner(2, "2014-08-20"),
			map[string]any{"name": "学生", "idNumber": residentID(t, "410102", 310)}}
		r := s.gqlIn(t, "zh-CN", w.staffZZ, enrollQ, map[string]any{"c": class, "p": list})
		if r.code() != "BAD_USER_INPUT" {
			t.Fatalf("six-year-old business enrolled: %s %s", js(r.Errors), r.Data)
		}
		rows := r.Errors[0].rows(t)
		var got []string
		for _, e := range rows {
			got = append(got, fmt.Sprintf("%d:%s", e.Row, e.Field))
		}
		if strings.Join(got, " ") != "2:businessOpenedOn 3:entrepreneurshipBasis" {
			t.Errorf("row errors %v", got)
		}
		if m := rows[0].Message; !strings.Contains(m, "2014-08-20") || !strings.Contains(m, "5年") || strings.Contains(m, "years") {
			t.Errorf("a zh-CN user reads %q", m)
		}
		r = s.gqlIn(t, "en", w.staffZZ, enrollQ, map[string]any{"c": class, "p": list[1:2]})
		if rows := r.Errors[0].rows(t); len(rows) != 1 || !strings.Contains(rows[0].Message, "more than 5 years before 2020-08-20") {
			t.Errorf("English: %s", js(r.Errors))
		}
		if n := enrolled(); n != 0 {
			t.Errorf("a refused list enrolled %d", n)
		}

		// Exactly five years, and the two other bases: enrolled, read back.
		var d struct {
			EnrollPersons []struct {
				Basis  *string `json:"entrepreneurshipBasis"`
				Opened *string `json:"businessOpenedOn"`
			} `json:"enrollPersons"`
		}
		s.must(t, w.staffZZ, enrollQ, map[string]any{"c": class, "p": []any{owner(1, "2015-08-20"),
			map[string]any{"name": "学生", "idNumber": residentID(t, "410102", 310), "entrepreneurshipBasis": "STUDENT_OR_GRADUATE"},
			map[string]any{"name": "创业者", "idNumber": residentID(t, "410102", 311), "entrepreneurshipBasis": "WANTS_TO_START"}}}, &d)
		if len(d.EnrollPersons) != 3 || deref(d.EnrollPersons[0].Basis) != "SMALL_BUSINESS_OWNER" || deref(d.EnrollPersons[0].Opened) != "2015-08-20" ||
			deref(d.EnrollPersons[1].Basis) != "STUDENT_OR_GRADUATE" || d.EnrollPersons[1].Opened != nil {
			t.Errorf("enrolled %s", js(d))
		}

		// Another category takes no basis.
		other := w.newClass(t, s, w.staffZZ, w.orgZZ, true)
		r = s.gql(t, w.staffZZ, enrollQ, map[string]any{"c": other, "p": []any{owner(5, "2019-01-01")}})
		if r.code() != "BAD_USER_INPUT" || r.Errors[0].rows(t)[0].Field != "entrepreneurshipBasis" {
			t.Errorf("a basis in a key-group class: %s", js(r.Errors))
		}

		// A roster sheet with the columns in Chinese.
		file := rosterXLSX(t, [][]any{
			{"姓名", "身份证号码", "创业培训对象", "营业执照日期"},
			{"甲", residentID(t, "410102", 320), "小微企业主", "2018-03-01"},
			{"乙", residentID(t, "410102", 321), "小微企业主", "2013-03-01"},
			{"丙", residentID(t, "410102", 322), "在校学生或毕业生", ""},
			{"丁", residentID(t, "410102", 323), "退休", ""},
		})
		var ros struct {
			ReadRoster struct {
				Rows []struct {
					Row    int     `json:"row"`
					Basis  *string `json:"entrepreneurshipBasis"`
					Opened *string `json:"businessOpenedOn"`
					Errors []struct {
						Column *string `json:"column"`
					} `json:"errors"`
				} `json:"rows"`
			} `json:"readRoster"`
		}
		s.uploadIn(t, "zh-CN", w.staffZZ, `mutation($c:ID!, $f:Upload!){ readRoster(classID:$c, file:$f){ rows { row entrepreneurshipBasis businessOpenedOn errors { column } } } }`,
			map[string]any{"c": class}, "f", "创业班名单.xlsx", file, &ros)
		var report []string
		for _, row := range ros.ReadRoster.Rows {
			for _, e := range row.Errors {
				report = append(report, fmt.Sprintf("%d:%s", row.Row, deref(e.Column)))
			}
		}
		if rs := ros.ReadRoster.Rows; len(rs) != 4 || deref(rs[0].Basis) != "SMALL_BUSINESS_OWNER" || deref(rs[0].Opened) != "2018-03-01" ||
			deref(rs[2].Basis) != "STUDENT_OR_GRADUATE" || strings.Join(report, " ") != "3:businessOpenedOn 5:entrepreneurshipBasis 5:entrepreneurshipBasis" {
			t.Errorf("roster %s, errors %v", js(ros), report)
		}
	})
}

// TestOnlineEntrepreneurshipClass (R4's 网上创业培训, R11): an online class is
// an entrepreneurship class without a venue; it takes the platform's
// learning record in place of the opening-day video, which is never
// flagged out of place; a class at a venue keeps its venue and takes no
// learning record.
func TestOnlineEntrepreneurshipClass(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		online := map[string]any{"organizationID": w.orgZZ, "category": "ENTREPRENEURSHIP", "occupation": "网上创业培训", "approvedHeadcount": 100,
			"plannedStart": "2020-09-01", "plannedEnd": "2020-09-30", "mode": "ONLINE"}
		with := func(extra map[string]any) map[string]any {
			in := maps.Clone(online)
			maps.Copy(in, extra)
			return map[string]any{"in": in}
		}
		field := func(r gqlResult) string {
			if r.code() != "BAD_USER_INPUT" || len(r.Errors) == 0 {
				return "code " + r.code()
			}
			f, _ := r.Errors[0].Extensions["field"].(string)
			return f
		}
		if f := field(s.gqlIn(t, "zh-CN", w.staffZZ, createClassQ, with(map[string]any{"category": "KEY_GROUP"}))); f != "mode" {
			t.Errorf("an online key-group class: %s", f)
		}
		if f := field(s.gql(t, w.staffZZ, createClassQ, with(map[string]any{"venueAddress": "郑州市中原区建设路1号"}))); f != "venueAddress" {
			t.Errorf("an online class with a venue: %s", f)
		}
		inPerson := with(map[string]any{"mode": "IN_PERSON", "venueAddress": "郑州市中原区建设路1号"})
		if f := field(s.gql(t, w.staffZZ, createClassQ, inPerson)); f != "venueLatitude" {
			t.Errorf("a class at a venue without its location: %s", f)
		}
		var d struct {
			CreateTrainingClass struct {
				ID           string   `json:"id"`
				Mode         string   `json:"mode"`
				VenueAddress *string  `json:"venueAddress"`
				VenueLat     *float64 `json:"venueLatitude"`
			} `json:"createTrainingClass"`
		}
		s.must(t, w.staffZZ, `mutation($in: CreateTrainingClassInput!){ createTrainingClass(input:$in){ id mode venueAddress venueLatitude } }`, with(nil), &d)
		if c := d.CreateTrainingClass; c.Mode != "ONLINE" || c.VenueAddress != nil || c.VenueLat != nil {
			t.Fatalf("online class: %s", js(c))
		}
		class := d.CreateTrainingClass.ID
		s.must(t, w.staffZZ, `mutation($id:ID!){ submitTrainingClass(id:$id){ status } }`, map[string]any{"id": class})
		s.must(t, w.offZZ, `mutation($id:ID!){ approveTrainingClass(id:$id){ status } }`, map[string]any{"id": class})
		due := func() string {
			var n struct {
				Node struct {
					EvidenceDue []string `json:"evidenceDue"`
				} `json:"node"`
			}
			s.must(t, w.staffZZ, `query($id:ID!){ node(id:$id){ ... on TrainingClass { evidenceDue } } }`, map[string]any{"id": class}, &n)
			return strings.Join(n.Node.EvidenceDue, " ")
		}
		if got := due(); got != "LEARNING_RECORD SUPERVISION_RECORDING" {
			t.Errorf("due before any evidence: %s", got)
		}

		// No opening video for an online class; its learning record, exported as a
		// sheet by the platform and sent from a phone far from Zhengzhou, is not out of place.
		video := map[string]any{"in": map[string]any{"classID": class, "kind": "ATTENDANCE_VIDEO", "fileName": "opening.mp4", "contentType": "video/mp4",
			"size": 1024, "sha256": strings.Repeat("a", 64), "capturedAt": openingDay.Format(time.RFC3339)}}
		if r := s.gqlIn(t, "zh-CN", w.staffZZ, beginQ, video); field(r) != "kind" || !hasHan(r.Errors[0].Message) {
			t.Errorf("an opening video for an online class: %s", js(r.Errors))
		}
		record := []byte("姓名,学习时长\n张三,32\n")
		rec := s.uploadWith(t, w.staffZZ, class, "LEARNING_RECORD", record, map[string]any{"fileName": "学习记录.csv", "contentType": "text/csv",
			"latitude": 39.9, "longitude": 116.4})
		var ev struct {
			Node struct {
				Flags      []string `json:"flags"`
				DistanceKM *float64 `json:"distanceKM"`
			} `json:"node"`
		}
		s.must(t, w.inspZZ, `query($id:ID!){ node(id:$id){ ... on Evidence { flags distanceKM } } }`, map[string]any{"id": rec}, &ev)
		if len(ev.Node.Flags) != 0 || ev.Node.DistanceKM != nil {
			t.Errorf("learning record flagged: %s", js(ev.Node))
		}
		s.must(t, w.inspZZ, `mutation($id:ID!){ reviewEvidence(input:{evidenceID:$id, decision: ACCEPTED}){ id } }`, map[string]any{"id": rec})
		if got := due(); got != "SUPERVISION_RECORDING" {
			t.Errorf("due after an accepted learning record: %s", got)
		}

		// A class at a venue takes no learning record; turned online while a
		// draft, it loses its venue.
		draft := w.newClassWith(t, s, w.staffZZ, w.orgZZ, false, map[string]any{"category": "ENTREPRENEURSHIP"})
		atVenue := w.newClass(t, s, w.staffZZ, w.orgZZ, true)
		rec2 := map[string]any{"in": map[string]any{"classID": atVenue, "kind": "LEARNING_RECORD", "fileName": "学习记录.csv", "contentType": "text/csv",
			"size": len(record), "sha256": sha(record), "capturedAt": openingDay.Format(time.RFC3339)}}
		if f := field(s.gql(t, w.staffZZ, beginQ, rec2)); f != "kind" {
			t.Errorf("a learning record for a class at a venue: %s", f)
		}
		var u struct {
			UpdateTrainingClass struct {
				Mode         string  `json:"mode"`
				VenueAddress *string `json:"venueAddress"`
			} `json:"updateTrainingClass"`
		}
		s.must(t, w.staffZZ, `mutation($id:ID!){ updateTrainingClass(id:$id, input:{mode: ONLINE}){ mode venueAddress } }`, map[string]any{"id": draft}, &u)
		if u.UpdateTrainingClass.Mode != "ONLINE" || u.UpdateTrainingClass.VenueAddress != nil {
			t.Errorf("turned online: %s", js(u))
		}
		if f := field(s.gql(t, w.staffZZ, `mutation($id:ID!){ updateTrainingClass(id:$id, input:{mode: IN_PERSON}){ id } }`, map[string]any{"id": draft})); f != "venueAddress" {
			t.Errorf("back to a venue without one: %s", f)
		}
	})
}
