package main

import (
	"math"
	"slices"
	"testing"
	"time"
)

// uploadWith runs the four upload steps with extra fields in the announcement
// (replacesID, onSiteCheckID, durationSeconds) and returns the evidence id.
func (s *testServer) uploadWith(t testing.TB, token, class, kind string, data []byte, extra map[string]any) string {
	t.Helper()
	name, ct := "opening.mp4", "video/mp4"
	if kind == "PHOTO" {
		name, ct = "site.jpg", "image/jpeg"
	}
	in := map[string]any{"classID": class, "kind": kind, "fileName": name, "contentType": ct, "size": len(data),
		"sha256": sha(data), "capturedAt": openingDay.Format(time.RFC3339), "latitude": venueLat + 0.01, "longitude": venueLon}
	for k, v := range extra {
		in[k] = v
	}
	var d struct {
		BeginEvidenceUpload struct {
			Evidence  ref `json:"evidence"`
			PartSize  int `json:"partSize"`
			PartCount int `json:"partCount"`
		} `json:"beginEvidenceUpload"`
	}
	s.must(t, token, beginQ, map[string]any{"in": in}, &d)
	u := upload{id: d.BeginEvidenceUpload.Evidence.ID, partSize: d.BeginEvidenceUpload.PartSize, partCount: d.BeginEvidenceUpload.PartCount}
	var all []int
	for n := 1; n <= u.partCount; n++ {
		all = append(all, n)
	}
	s.putParts(t, token, u, data, all...)
	var c completed
	if r := s.complete(t, token, u, &c); len(r.Errors) > 0 || c.CompleteEvidenceUpload.Status != "VERIFIED" {
		t.Fatalf("complete: %+v %s", r.Errors, js(c))
	}
	return u.id
}

// classEvidence is what the trainer's class page reads.
type classEvidence struct {
	Node struct {
		RejectedEvidenceCount int      `json:"rejectedEvidenceCount"`
		EvidenceDue           []string `json:"evidenceDue"`
		Evidence              connection[struct {
			ID             string   `json:"id"`
			Decision       *string  `json:"decision"`
			ReviewComment  *string  `json:"reviewComment"`
			AllowedActions []string `json:"allowedActions"`
			Replaces       *ref     `json:"replaces"`
		}] `json:"evidence"`
	} `json:"node"`
}

const classEvidenceQ = `query($id:ID!){ node(id:$id){ ... on TrainingClass { rejectedEvidenceCount evidenceDue
	evidence(first: 50, where:{hasPhotoOf:false}){ edges { node { id decision reviewComment allowedActions replaces { id } } } } } } }`

// TestEvidenceFollowUp: the trainer learns that a recording was rejected and
// why, sees the badge count (one query for a whole list), replaces it from the
// same class and the count falls; what R11 still lacks; the inspector reads the
// distance from the venue and the evidence a duplicate matches.
func TestEvidenceFollowUp(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		class := w.newClass(t, s, w.staffZZ, w.orgZZ, true)
		other := w.newClass(t, s, w.staffZZ, w.orgZZ, true)
		video := randomBytes(t, 4096)
		vid := s.uploadWith(t, w.staffZZ, class, "ATTENDANCE_VIDEO", video, map[string]any{"durationSeconds": 62.5})
		const reviewQ = `mutation($id:ID!, $d:EvidenceDecision!, $c:String){ reviewEvidence(input:{evidenceID:$id, decision:$d, comment:$c}){ id } }`
		s.must(t, w.inspZZ, reviewQ, map[string]any{"id": vid, "d": "REJECTED", "c": "画面看不清学员"})

		var ce classEvidence
		s.must(t, w.staffZZ, classEvidenceQ, map[string]any{"id": class}, &ce)
		n := ce.Node
		if n.RejectedEvidenceCount != 1 || len(n.Evidence.Edges) != 1 {
			t.Fatalf("after a rejection: %s", js(ce))
		}
		e := n.Evidence.Edges[0].Node
		if deref(e.Decision) != "REJECTED" || deref(e.ReviewComment) != "画面看不清学员" || !slices.Contains(e.AllowedActions, "REPLACE") {
			t.Errorf("the trainer reads %s", js(e))
		}
		if !slices.Equal(n.EvidenceDue, []string{"ATTENDANCE_VIDEO", "SUPERVISION_RECORDING"}) {
			t.Errorf("R11 due: %v", n.EvidenceDue)
		}
		// The classes list and the tab's count.
		var list struct {
			TrainingClasses connection[struct {
				ID    string `json:"id"`
				Count int    `json:"rejectedEvidenceCount"`
			}] `json:"trainingClasses"`
			RejectedEvidenceCount int `json:"rejectedEvidenceCount"`
		}
		s.must(t, w.staffZZ, `{ trainingClasses(first: 20){ edges { node { id rejectedEvidenceCount } } } rejectedEvidenceCount }`, nil, &list)
		counts := map[string]int{}
		for _, e := range list.TrainingClasses.Edges {
			counts[e.Node.ID] = e.Node.Count
		}
		if counts[class] != 1 || counts[other] != 0 || list.RejectedEvidenceCount != 1 {
			t.Errorf("list counts %v, tab %d", counts, list.RejectedEvidenceCount)
		}
		var lyCount struct {
			RejectedEvidenceCount int `json:"rejectedEvidenceCount"`
		}
		s.must(t, w.staffLY, `{ rejectedEvidenceCount }`, nil, &lyCount)
		if lyCount.RejectedEvidenceCount != 0 {
			t.Errorf("another institution counts %d of Zhengzhou's rejections", lyCount.RejectedEvidenceCount)
		}

		// A replacement: of the same class and kind, by the institution, once.
		data := randomBytes(t, 2048)
		in := func(kind, class string) map[string]any {
			return map[string]any{"classID": class, "kind": kind, "fileName": "again.mp4", "contentType": "video/mp4",
				"size": len(data), "sha256": sha(data), "capturedAt": openingDay.Format(time.RFC3339), "replacesID": vid}
		}
		s.wantCode(t, "BAD_USER_INPUT", w.staffZZ, beginQ, map[string]any{"in": in("SUPERVISION_RECORDING", class)})
		s.wantCode(t, "BAD_USER_INPUT", w.staffZZ, beginQ, map[string]any{"in": in("ATTENDANCE_VIDEO", other)})
		r := s.gqlIn(t, "zh-CN", w.staffZZ, beginQ, map[string]any{"in": in("SUPERVISION_RECORDING", class)})
		if r.code() != "BAD_USER_INPUT" || r.Errors[0].Message != "重新上传的材料须与被替换的材料属于同一班级、同一类型" {
			t.Errorf("in Chinese: %+v", r.Errors)
		}
		again := s.uploadWith(t, w.staffZZ, class, "ATTENDANCE_VIDEO", data, map[string]any{"replacesID": vid})
		s.must(t, w.staffZZ, classEvidenceQ, map[string]any{"id": class}, &ce)
		if ce.Node.RejectedEvidenceCount != 0 {
			t.Errorf("after the replacement %d rejections remain", ce.Node.RejectedEvidenceCount)
		}
		for _, e := range ce.Node.Evidence.Edges {
			if e.Node.ID == vid && slices.Contains(e.Node.AllowedActions, "REPLACE") {
				t.Error("a replaced item still offers REPLACE")
			}
			if e.Node.ID == again && (e.Node.Replaces == nil || e.Node.Replaces.ID != vid) {
				t.Errorf("the replacement does not name what it replaces: %s", js(e.Node))
			}
		}
		s.wantCode(t, "CONFLICT", w.staffZZ, beginQ, map[string]any{"in": in("ATTENDANCE_VIDEO", class)})
		// Accepted evidence cannot be "replaced".
		s.must(t, w.inspZZ, reviewQ, map[string]any{"id": again, "d": "ACCEPTED"})
		s.wantCode(t, "CONFLICT", w.staffZZ, beginQ, map[string]any{"in": map[string]any{"classID": class, "kind": "ATTENDANCE_VIDEO",
			"fileName": "x.mp4", "contentType": "video/mp4", "size": 10, "sha256": sha([]byte("y")), "capturedAt": openingDay.Format(time.RFC3339), "replacesID": again}})
		s.must(t, w.staffZZ, classEvidenceQ, map[string]any{"id": class}, &ce)
		if !slices.Equal(ce.Node.EvidenceDue, []string{"SUPERVISION_RECORDING"}) {
			t.Errorf("R11 due after an accepted opening-day video: %v", ce.Node.EvidenceDue)
		}

		// The inspector: size, duration, distance from the venue, and what a duplicate matches.
		dup := s.uploadWith(t, w.staffZZ, other, "ATTENDANCE_VIDEO", video, nil)
		var q struct {
			ReviewQueue connection[struct {
				ID              string   `json:"id"`
				Size            int      `json:"size"`
				DurationSeconds *float64 `json:"durationSeconds"`
				DistanceKM      *float64 `json:"distanceKM"`
				Duplicates      []struct {
					ID    string `json:"id"`
					Class ref    `json:"class"`
				} `json:"duplicates"`
			}] `json:"reviewQueue"`
		}
		s.must(t, w.inspZZ, `{ reviewQueue(first: 50, where:{decisionIsNil: true}){ totalCount edges { node { id size durationSeconds distanceKM duplicates { id class { id } } } } } }`, nil, &q)
		if q.ReviewQueue.TotalCount != 1 || len(q.ReviewQueue.Edges) != 1 {
			t.Fatalf("pending queue: %s", js(q))
		}
		p := q.ReviewQueue.Edges[0].Node
		if p.ID != dup || p.Size != 4096 || p.DistanceKM == nil || math.Abs(*p.DistanceKM-1.11) > 0.05 {
			t.Errorf("pending item: %s", js(p))
		}
		if len(p.Duplicates) != 1 || p.Duplicates[0].ID != vid || p.Duplicates[0].Class.ID != class {
			t.Errorf("the duplicate matches %s, want %s of class %s", js(p.Duplicates), vid, class)
		}
		s.must(t, w.inspZZ, `{ reviewQueue(first: 50, where:{decisionNotNil: true}){ totalCount edges { node { id size durationSeconds distanceKM duplicates { id class { id } } } } } }`, nil, &q)
		if q.ReviewQueue.TotalCount != 2 {
			t.Errorf("decided queue: %s", js(q))
		}
		for _, e := range q.ReviewQueue.Edges {
			if e.Node.ID == vid && (e.Node.DurationSeconds == nil || *e.Node.DurationSeconds != 62.5) {
				t.Errorf("duration as the phone read it: %s", js(e.Node))
			}
		}
	})
}

// TestOnSiteVisit: an ON_SITE_REQUIRED decision opens a check that the
// region's inspector records once, with photos through the upload path;
// others may not; a failed visit marks the class's prepayment for recovery.
func TestOnSiteVisit(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		w.setStandard(t, s)
		s.must(t, w.admin, `mutation{ depositFunds(regionCode:"410100", amountFen: 10000000, idempotencyKey:"deposit-onsite-1"){ balanceFen } }`, nil)
		class := w.newClassWith(t, s, w.staffZZ, w.orgZZ, true, map[string]any{"projectBased": true})
		var pre struct {
			DrawPrepayment ref `json:"drawPrepayment"`
		}
		s.must(t, w.finZZ, `mutation($c:ID!){ drawPrepayment(classID:$c, idempotencyKey:"prepay-onsite-1"){ id } }`, map[string]any{"c": class}, &pre)
		vid := s.uploadWith(t, w.staffZZ, class, "SUPERVISION_RECORDING", randomBytes(t, 3000), nil)
		s.must(t, w.inspZZ, `mutation($id:ID!){ reviewEvidence(input:{evidenceID:$id, decision: ON_SITE_REQUIRED, comment:"录像中人数与报名不符"}){ id } }`, map[string]any{"id": vid})
		var checks struct {
			OnSiteChecks connection[struct {
				ID             string   `json:"id"`
				AllowedActions []string `json:"allowedActions"`
				Evidence       ref      `json:"evidence"`
			}] `json:"onSiteChecks"`
		}
		s.must(t, w.inspZZ, `{ onSiteChecks(first: 5, where:{status: OPEN}){ totalCount edges { node { id allowedActions evidence { id } } } } }`, nil, &checks)
		if c := checks.OnSiteChecks; c.TotalCount != 1 || c.Edges[0].Node.Evidence.ID != vid || !slices.Equal(c.Edges[0].Node.AllowedActions, []string{"RECORD_VISIT"}) {
			t.Fatalf("open checks: %s", js(checks))
		}
		check := checks.OnSiteChecks.Edges[0].Node.ID
		s.must(t, w.staffZZ, `{ onSiteChecks(first: 5){ edges { node { id allowedActions } } } }`, nil, &checks)
		if len(checks.OnSiteChecks.Edges) != 1 || len(checks.OnSiteChecks.Edges[0].Node.AllowedActions) != 0 {
			t.Errorf("the institution reads its check with no action: %s", js(checks))
		}

		// Photos: the inspector's, of that class, through the same four steps; not the institution's.
		photo := randomBytes(t, 1500)
		photoIn := map[string]any{"classID": class, "kind": "PHOTO", "fileName": "site.jpg", "contentType": "image/jpeg",
			"size": len(photo), "sha256": sha(photo), "capturedAt": openingDay.Format(time.RFC3339), "onSiteCheckID": check}
		s.wantCode(t, "FORBIDDEN", w.staffZZ, beginQ, map[string]any{"in": photoIn})
		video := merged(photoIn, map[string]any{"kind": "ATTENDANCE_VIDEO"})
		s.wantCode(t, "BAD_USER_INPUT", w.inspZZ, beginQ, map[string]any{"in": video})
		lyInsp := func() string {
			s.must(t, w.offLY, createUserQ, map[string]any{"in": map[string]any{"username": "insp-ly", "password": testPassword, "displayName": "x", "role": "INSPECTOR", "regionID": w.ly}})
			tok, _ := s.login(t, "insp-ly", testPassword)
			return tok
		}()
		s.wantCode(t, "NOT_FOUND", lyInsp, beginQ, map[string]any{"in": photoIn})
		pid := s.uploadWith(t, w.inspZZ, class, "PHOTO", photo, map[string]any{"onSiteCheckID": check})
		var q struct {
			ReviewQueue connection[ref] `json:"reviewQueue"`
		}
		s.must(t, w.inspZZ, `{ reviewQueue(first: 50){ totalCount edges { node { id } } } }`, nil, &q)
		for _, e := range q.ReviewQueue.Edges {
			if e.Node.ID == pid {
				t.Error("the inspector's own on-site photo is in the review queue")
			}
		}

		// Who records the visit: the region's inspector, not another region's, not the institution.
		const recordQ = `mutation($id:ID!, $at:Time!, $o:OnSiteCheckOutcome!){ recordOnSiteVisit(input:{checkID:$id, visitedAt:$at, outcome:$o, notes:"现场仅到12人"}){ status outcome photos { id } } }`
		at := openingDay.Add(48 * time.Hour).Format(time.RFC3339)
		s.wantCode(t, "NOT_FOUND", lyInsp, recordQ, map[string]any{"id": check, "at": at, "o": "FAILED"})
		if r := s.gql(t, w.staffZZ, recordQ, map[string]any{"id": check, "at": at, "o": "PASSED"}); r.code() != "FORBIDDEN" && r.code() != "NOT_FOUND" {
			t.Errorf("the institution records its own check: %+v", r.Errors)
		}
		s.wantCode(t, "BAD_USER_INPUT", w.inspZZ, recordQ, map[string]any{"id": check, "at": time.Now().Add(48 * time.Hour).Format(time.RFC3339), "o": "FAILED"})
		var visit struct {
			RecordOnSiteVisit struct {
				Status  string `json:"status"`
				Outcome string `json:"outcome"`
				Photos  []ref  `json:"photos"`
			} `json:"recordOnSiteVisit"`
		}
		s.must(t, w.inspZZ, recordQ, map[string]any{"id": check, "at": at, "o": "FAILED"}, &visit)
		if v := visit.RecordOnSiteVisit; v.Status != "DONE" || v.Outcome != "FAILED" || len(v.Photos) != 1 || v.Photos[0].ID != pid {
			t.Errorf("visit: %s", js(visit))
		}
		// Recorded once: the outcome cannot be flipped afterwards, nor photos added.
		s.wantCode(t, "CONFLICT", w.inspZZ, recordQ, map[string]any{"id": check, "at": at, "o": "PASSED"})
		late := randomBytes(t, 700)
		s.wantCode(t, "CONFLICT", w.inspZZ, beginQ, map[string]any{"in": merged(photoIn, map[string]any{"size": len(late), "sha256": sha(late)})})
		// The failed visit marks the prepayment for recovery (the on-site hook); the trainer reads the outcome.
		var p struct {
			Node struct {
				Status string `json:"status"`
			} `json:"node"`
		}
		s.must(t, w.finZZ, `query($id:ID!){ node(id:$id){ ... on Prepayment { status } } }`, map[string]any{"id": pre.DrawPrepayment.ID}, &p)
		if p.Node.Status != "TO_RECOVER" {
			t.Errorf("prepayment after a failed on-site check: %s", p.Node.Status)
		}
		var ev struct {
			Node struct {
				Checks []struct {
					Outcome string `json:"outcome"`
				} `json:"checks"`
			} `json:"node"`
		}
		s.must(t, w.staffZZ, `query($id:ID!){ node(id:$id){ ... on Evidence { checks { outcome } } } }`, map[string]any{"id": vid}, &ev)
		if len(ev.Node.Checks) != 1 || ev.Node.Checks[0].Outcome != "FAILED" {
			t.Errorf("the trainer reads the check: %s", js(ev))
		}
	})
}

// merged is a copy of a with b's entries over it.
func merged(a, b map[string]any) map[string]any {
	out := make(map[string]any, len(a)+len(b))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}
