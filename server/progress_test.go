package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/internal/progress"
)

// campaignID returns the id of the first campaign.
func (s *testServer) campaignID(t testing.TB, token string) string {
	t.Helper()
	var d struct {
		Campaigns connection[ref] `json:"campaigns"`
	}
	s.must(t, token, `{ campaigns(first:1){ edges { node { id } } } }`, nil, &d)
	if len(d.Campaigns.Edges) == 0 {
		return ""
	}
	return d.Campaigns.Edges[0].Node.ID
}

// TestCampaignProgress: achievements per category from completed classes'
// effective headcounts, against the region's targets, with the time elapsed.
func TestCampaignProgress(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		camp := s.campaignID(t, w.admin)
		// Two completed KEY_GROUP classes in Zhengzhou: 30 approved each; one had 12 present (R10).
		for i, present := range []int{-1, 12} {
			id := w.newClass(t, s, w.staffZZ, w.orgZZ, true)
			if present >= 0 {
				var people []any
				for j := range present {
					people = append(people, map[string]any{"name": "学员", "idNumber": residentID(t, "410102", 200+i*50+j)})
				}
				var d enrolledPersons
				s.must(t, w.staffZZ, `mutation($c:ID!, $p:[EnrollPersonInput!]!){ enrollPersons(classID:$c, persons:$p){ person { id } } }`, map[string]any{"c": id, "p": people}, &d)
				s.must(t, w.staffZZ, `mutation($c:ID!, $p:[ID!]!){ recordOpeningAttendance(classID:$c, presentPersonIDs:$p){ id } }`, map[string]any{"c": id, "p": d.personIDs()})
			}
			s.must(t, w.staffZZ, `mutation($id:ID!){ startTrainingClass(id:$id){ id } }`, map[string]any{"id": id})
			s.must(t, w.staffZZ, `mutation($id:ID!){ completeTrainingClass(id:$id){ id } }`, map[string]any{"id": id})
		}
		// One approved but not completed class does not count; nor a Luoyang class for Zhengzhou.
		w.newClass(t, s, w.staffZZ, w.orgZZ, true)
		ly := w.newClass(t, s, w.staffLY, w.orgLY, true)
		s.must(t, w.staffLY, `mutation($id:ID!){ startTrainingClass(id:$id){ id } }`, map[string]any{"id": ly})
		s.must(t, w.staffLY, `mutation($id:ID!){ completeTrainingClass(id:$id){ id } }`, map[string]any{"id": ly})

		const q = `query($c:ID!, $r:String!){ campaignProgress(campaignID:$c, regionCode:$r){ category target unit achieved completionRate elapsedShare lagging tracked } }`
		type categoryProgress struct {
			Category       string  `json:"category"`
			Target         int     `json:"target"`
			Unit           string  `json:"unit"`
			Achieved       int     `json:"achieved"`
			CompletionRate float64 `json:"completionRate"`
			ElapsedShare   float64 `json:"elapsedShare"`
			Lagging        bool    `json:"lagging"`
			Tracked        bool    `json:"tracked"`
		}
		type progress struct {
			CampaignProgress []categoryProgress `json:"campaignProgress"`
		}
		row := func(d progress, cat string) categoryProgress {
			for _, x := range d.CampaignProgress {
				if x.Category == cat {
					return x
				}
			}
			t.Fatalf("no row for %s in %+v", cat, d)
			return categoryProgress{}
		}
		var prov, zz progress
		s.must(t, w.admin, q, map[string]any{"c": camp, "r": "410000"}, &prov)
		if n := len(prov.CampaignProgress); n != 7 {
			t.Fatalf("%d rows, want 7", n)
		}
		kg := row(prov, "KEY_GROUP")
		if kg.Target != 400000 || kg.Achieved != 30+12+30 || kg.ElapsedShare != 1.0 || !kg.Lagging {
			t.Errorf("province KEY_GROUP: %+v", kg)
		}
		for _, x := range prov.CampaignProgress { // T1..T7, certification units included
			if !x.Tracked {
				t.Errorf("%s not tracked", x.Category)
			}
		}
		s.must(t, w.offZZ, q, map[string]any{"c": camp, "r": "410100"}, &zz)
		if r := row(zz, "KEY_GROUP"); r.Achieved != 42 || r.Target != 0 || r.Unit != "PERSON_TIMES" {
			t.Errorf("Zhengzhou KEY_GROUP: %+v", r)
		}
		s.wantCode(t, "FORBIDDEN", w.offZZ, q, map[string]any{"c": camp, "r": "410300"})
		s.wantCode(t, "FORBIDDEN", w.offZZ, q, map[string]any{"c": camp, "r": "410000"})
		s.wantCode(t, "FORBIDDEN", w.staffZZ, q, map[string]any{"c": camp, "r": "410100"})
		s.wantCode(t, "BAD_USER_INPUT", w.admin, q, map[string]any{"c": camp, "r": "999999"})
		s.recountMatches(t, w.admin, camp, "410000", "410100", "410300")
	})
}

// TestEntrepreneursCountOnce (T4, people): a person who completes two
// entrepreneurship classes counts once, in the city and the province; one
// marked absent on the opening day does not count.
func TestEntrepreneursCountOnce(t *testing.T) {
	forEachStack(t, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		camp := s.campaignID(t, w.admin)
		twice, once, absent := residentID(t, "410102", 601), residentID(t, "410102", 602), residentID(t, "410102", 603)
		for i, ids := range [][]string{{twice, once, absent}, {twice}} {
			id := w.newClassWith(t, s, w.staffZZ, w.orgZZ, true, map[string]any{"category": "ENTREPRENEURSHIP", "occupation": "创业培训"})
			var people []any
			for _, x := range ids {
				people = append(people, map[string]any{"name": fmt.Sprint("创业者", x[14:17]), "idNumber": x, "entrepreneurshipBasis": "WANTS_TO_START"})
			}
			var d enrolledPersons
			s.must(t, w.staffZZ, `mutation($c:ID!, $p:[EnrollPersonInput!]!){ enrollPersons(classID:$c, persons:$p){ person { id } } }`, map[string]any{"c": id, "p": people}, &d)
			present := d.personIDs()
			if i == 0 {
				present = present[:2] // the third is absent
			}
			s.must(t, w.staffZZ, `mutation($c:ID!, $p:[ID!]!){ recordOpeningAttendance(classID:$c, presentPersonIDs:$p){ id } }`, map[string]any{"c": id, "p": present})
			s.must(t, w.staffZZ, `mutation($id:ID!){ startTrainingClass(id:$id){ id } }`, map[string]any{"id": id})
			s.must(t, w.staffZZ, `mutation($id:ID!){ completeTrainingClass(id:$id){ id } }`, map[string]any{"id": id})
		}
		for _, region := range []string{"410000", "410100"} {
			if got := s.achieved(t, w.admin, camp, region, "ENTREPRENEURSHIP"); got != 2 {
				t.Errorf("T4 in %s: %d people, want 2", region, got)
			}
		}
		if got := s.achieved(t, w.admin, camp, "410300", "ENTREPRENEURSHIP"); got != 0 {
			t.Errorf("T4 in Luoyang: %d", got)
		}
		s.recountMatches(t, w.admin, camp, "410000", "410100")
	})
}

// achieved reads one category's achievement of a region.
func (s *testServer) achieved(t testing.TB, token, camp, region, category string) int {
	t.Helper()
	var d struct {
		CampaignProgress []struct {
			Category string `json:"category"`
			Achieved int    `json:"achieved"`
		} `json:"campaignProgress"`
	}
	s.must(t, token, `query($c:ID!, $r:String!){ campaignProgress(campaignID:$c, regionCode:$r){ category achieved } }`, map[string]any{"c": camp, "r": region}, &d)
	for _, x := range d.CampaignProgress {
		if x.Category == category {
			return x.Achieved
		}
	}
	t.Fatalf("no %s row", category)
	return 0
}

// recountMatches rebuilds the progress counters from the records (as an
// upgrade would) and checks that every figure of the regions stays as the
// hooks kept it.
func (s *testServer) recountMatches(t *testing.T, token, camp string, regions ...string) {
	t.Helper()
	const q = `query($c:ID!, $r:String!){ campaignProgress(campaignID:$c, regionCode:$r){ category achieved achievedFen allocatedFen } }`
	snapshot := func() string {
		var all []string
		for _, r := range regions {
			var d struct {
				CampaignProgress any `json:"campaignProgress"`
			}
			s.must(t, token, q, map[string]any{"c": camp, "r": r}, &d)
			all = append(all, r+":"+js(d.CampaignProgress))
		}
		return strings.Join(all, "\n")
	}
	before := snapshot()
	client, db, _, err := openDatabase(context.Background(), s.env["DATABASE_URL"], s.env["DATA_DIR"])
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	tx, err := client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := progress.Recount(ctx, tx.Client()); err != nil {
		_ = tx.Rollback()
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if after := snapshot(); after != before {
		t.Errorf("counted by the hooks:\n%s\nrecounted from the records:\n%s", before, after)
	}
}
