package main

import (
	"testing"
)

// TestCampaignProgress: achievements per category from completed classes'
// effective headcounts, against the region's targets, with the time elapsed.
func TestCampaignProgress(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		camp := str(s.must(t, w.admin, `{ campaigns(first:1){ edges { node { id } } } }`, nil), "campaigns.edges.0.node.id")
		// Two completed KEY_GROUP classes in Zhengzhou: 30 approved each; one had 12 present (R10).
		for i, present := range []int{-1, 12} {
			id := w.newClass(t, s, w.staffZZ, w.orgZZ, true)
			if present >= 0 {
				var people []any
				for j := range present {
					people = append(people, map[string]any{"name": "学员", "idNumber": residentID(t, "410102", 200+i*50+j)})
				}
				d := s.must(t, w.staffZZ, `mutation($c:ID!, $p:[EnrollPersonInput!]!){ enrollPersons(classID:$c, persons:$p){ person { id } } }`, map[string]any{"c": id, "p": people})
				var ids []any
				for _, e := range get(d, "enrollPersons").([]any) {
					ids = append(ids, str(e, "person.id"))
				}
				s.must(t, w.staffZZ, `mutation($c:ID!, $p:[ID!]!){ recordOpeningAttendance(classID:$c, presentPersonIDs:$p){ id } }`, map[string]any{"c": id, "p": ids})
			}
			s.must(t, w.staffZZ, `mutation($id:ID!){ startTrainingClass(id:$id){ id } }`, map[string]any{"id": id})
			s.must(t, w.staffZZ, `mutation($id:ID!){ completeTrainingClass(id:$id){ id } }`, map[string]any{"id": id})
		}
		// One approved but not completed class does not count; nor a Luoyang class for Zhengzhou.
		w.newClass(t, s, w.staffZZ, w.orgZZ, true)
		ly := w.newClass(t, s, w.staffLY, w.orgLY, true)
		s.must(t, w.staffLY, `mutation($id:ID!){ startTrainingClass(id:$id){ id } }`, map[string]any{"id": ly})
		s.must(t, w.staffLY, `mutation($id:ID!){ completeTrainingClass(id:$id){ id } }`, map[string]any{"id": ly})

		const q = `query($c:ID!, $r:String!){ campaignProgress(campaignID:$c, regionCode:$r){ category target achieved completionRate elapsedShare lagging tracked } }`
		row := func(d map[string]any, cat string) map[string]any {
			for _, x := range get(d, "campaignProgress").([]any) {
				if str(x, "category") == cat {
					return x.(map[string]any)
				}
			}
			t.Fatalf("no row for %s in %v", cat, d)
			return nil
		}
		prov := s.must(t, w.admin, q, map[string]any{"c": camp, "r": "410000"})
		if n := len(get(prov, "campaignProgress").([]any)); n != 7 {
			t.Fatalf("%d rows, want 7", n)
		}
		kg := row(prov, "KEY_GROUP")
		if num(kg, "target") != 400000 || num(kg, "achieved") != 30+12+30 || get(kg, "elapsedShare") != 1.0 || get(kg, "lagging") != true {
			t.Errorf("province KEY_GROUP: %v", kg)
		}
		if get(row(prov, "FUND_SPENDING"), "tracked") != false {
			t.Error("fund spending is not counted yet")
		}
		zz := s.must(t, w.offZZ, q, map[string]any{"c": camp, "r": "410100"})
		if r := row(zz, "KEY_GROUP"); num(r, "achieved") != 42 || num(r, "target") != 0 {
			t.Errorf("Zhengzhou KEY_GROUP: %v", r)
		}
		s.wantCode(t, "FORBIDDEN", w.offZZ, q, map[string]any{"c": camp, "r": "410300"})
		s.wantCode(t, "FORBIDDEN", w.offZZ, q, map[string]any{"c": camp, "r": "410000"})
		s.wantCode(t, "FORBIDDEN", w.staffZZ, q, map[string]any{"c": camp, "r": "410100"})
		s.wantCode(t, "BAD_USER_INPUT", w.admin, q, map[string]any{"c": camp, "r": "999999"})
	})
}
