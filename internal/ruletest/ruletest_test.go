package ruletest_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/privacy"
	"github.com/hnvt/bairi/ent/region"
	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/idcheck"
	"github.com/hnvt/bairi/internal/ruletest"
	"github.com/hnvt/bairi/internal/viewer"
)

// TestOpenIsolates: each Open is a new database, so tests cannot see each other's rows.
func TestOpenIsolates(t *testing.T) {
	t.Parallel()
	a, b := ruletest.Open(t), ruletest.Open(t)
	ruletest.Save(t, ruletest.System(), a.Region.Create().SetCode("410000").SetName("河南省").SetLevel(region.LevelPROVINCE))
	for name, c := range map[string]*ent.Client{"a": a, "b": b} {
		want := map[string]int{"a": 1, "b": 0}[name]
		if n, err := c.Region.Query().Count(ruletest.System()); err != nil || n != want {
			t.Errorf("database %s holds %d regions (%v), want %d", name, n, err, want)
		}
	}
}

// TestWorldViewers: every viewer carries its role, region path, organisation
// and person, and the policies of the runtime are in force.
func TestWorldViewers(t *testing.T) {
	t.Parallel()
	w := ruletest.NewWorld(t)
	cases := []struct {
		who         ruletest.Who
		role        viewer.Role
		path        string
		org, person int
		orgsVisible int
	}{
		{ruletest.Admin, viewer.ProvinceAdmin, "410000/", 0, 0, 2},
		{ruletest.OfficialZZ, viewer.RegionOfficial, "410000/410100/", 0, 0, 1},
		{ruletest.FinanceZZ, viewer.FinanceOfficer, "410000/410100/", 0, 0, 1},
		{ruletest.InspectorZZ, viewer.Inspector, "410000/410100/", 0, 0, 1},
		{ruletest.StaffZZ, viewer.InstitutionStaff, "410000/410100/", w.OrgZZ.ID, 0, 1},
		{ruletest.TraineeZZ, viewer.Trainee, "410000/410100/", 0, w.PersonZZ.ID, 0}, // only the institutions of classes they are enrolled in: none here
		{ruletest.OfficialLY, viewer.RegionOfficial, "410000/410300/", 0, 0, 1},
		{ruletest.StaffLY, viewer.InstitutionStaff, "410000/410300/", w.OrgLY.ID, 0, 1},
	}
	if len(cases) != len(ruletest.Everyone)-1 {
		t.Fatalf("%d cases for %d viewers", len(cases), len(ruletest.Everyone)-1)
	}
	for _, c := range cases {
		t.Run(string(c.who), func(t *testing.T) {
			t.Parallel()
			ctx := w.Ctx(c.who)
			v := viewer.FromContext(ctx)
			if v == nil || v.Username != string(c.who) || v.Role != c.role || v.RegionPath != c.path || v.OrgID != c.org || v.PersonID != c.person {
				t.Fatalf("viewer %+v, want %s %s %s org %d person %d", v, c.who, c.role, c.path, c.org, c.person)
			}
			n, err := w.Client.Organization.Query().Count(ctx)
			if c.orgsVisible < 0 {
				ruletest.Expect(t, err, ruletest.Denied)
			} else if err != nil || n != c.orgsVisible {
				t.Errorf("sees %d organisations (%v), want %d", n, err, c.orgsVisible)
			}
		})
	}
	t.Run("anonymous", func(t *testing.T) {
		t.Parallel()
		ctx := w.Ctx(ruletest.Anonymous)
		if v := viewer.FromContext(ctx); v != nil {
			t.Fatalf("anonymous carries viewer %+v", v)
		}
		_, err := w.Client.Organization.Query().Count(ctx)
		ruletest.Expect(t, err, ruletest.Denied)
	})
}

// TestIdentifiers: the fixture identifiers pass the product's checks and differ.
func TestIdentifiers(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for seq := range 50 {
		for _, id := range []string{ruletest.CreditCode("410100", seq), ruletest.ResidentID("410102", seq)} {
			if seen[id] {
				t.Errorf("identifier %s made twice", id)
			}
			seen[id] = true
		}
		if _, err := idcheck.CreditCode(ruletest.CreditCode("410100", seq)); err != nil {
			t.Errorf("credit code %d: %v", seq, err)
		}
		if _, err := idcheck.ResidentID(ruletest.ResidentID("410102", seq)); err != nil {
			t.Errorf("resident ID %d: %v", seq, err)
		}
	}
}

// TestOutcomeOf: errors are told apart by kind, wrapped or not.
func TestOutcomeOf(t *testing.T) {
	t.Parallel()
	cases := []struct {
		err  error
		want ruletest.Outcome
	}{
		{nil, ruletest.OK},
		{privacy.Denyf("no"), ruletest.Denied},
		{fmt.Errorf("wrapped: %w", privacy.Deny), ruletest.Denied},
		{fault.Input("x", "bad"), ruletest.BadInput},
		{fmt.Errorf("wrapped: %w", fault.New(fault.Conflict, "late")), ruletest.Conflict},
		{&ent.NotFoundError{}, ruletest.NotFound},
		{&ent.ValidationError{Name: "x"}, ruletest.Invalid},
		{&ent.ConstraintError{}, ruletest.Constraint},
		{errors.New("boom"), ruletest.Other},
		{context.Canceled, ruletest.Other},
	}
	for _, c := range cases {
		if got := ruletest.OutcomeOf(c.err); got != c.want {
			t.Errorf("OutcomeOf(%v) = %s, want %s", c.err, got, c.want)
		}
	}
}
