package schema_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/schema"
	"github.com/hnvt/bairi/ent/trainingclass"
	"github.com/hnvt/bairi/internal/ruletest"
)

// classStatuses are all the statuses of a class.
var classStatuses = []trainingclass.Status{
	trainingclass.StatusDRAFT, trainingclass.StatusSUBMITTED, trainingclass.StatusAPPROVED, trainingclass.StatusIN_PROGRESS,
	trainingclass.StatusCOMPLETED, trainingclass.StatusREJECTED, trainingclass.StatusCANCELLED,
}

// TestClassTransitions: every status change of a class, legal or not. A
// refused change is a CONFLICT and leaves the class as it was.
func TestClassTransitions(t *testing.T) {
	t.Parallel()
	w := ruletest.NewWorld(t)
	// The class workflow: a draft is submitted, then approved or rejected (and
	// resubmitted), started and completed; it may be cancelled until it starts.
	legal := map[trainingclass.Status][]trainingclass.Status{
		trainingclass.StatusDRAFT:       {trainingclass.StatusSUBMITTED, trainingclass.StatusCANCELLED},
		trainingclass.StatusSUBMITTED:   {trainingclass.StatusAPPROVED, trainingclass.StatusREJECTED, trainingclass.StatusCANCELLED},
		trainingclass.StatusREJECTED:    {trainingclass.StatusSUBMITTED, trainingclass.StatusCANCELLED},
		trainingclass.StatusAPPROVED:    {trainingclass.StatusIN_PROGRESS, trainingclass.StatusCANCELLED},
		trainingclass.StatusIN_PROGRESS: {trainingclass.StatusCOMPLETED},
	}
	ctx := w.Ctx(ruletest.OfficialZZ)
	for _, from := range classStatuses {
		for _, to := range classStatuses {
			if from == to {
				continue
			}
			want := ruletest.Conflict
			if slices.Contains(legal[from], to) {
				want = ruletest.OK
			}
			t.Run(fmt.Sprintf("official-zz %s to %s", from, to), func(t *testing.T) {
				t.Parallel()
				c := w.Class(t, w.OrgZZ, from)
				err := c.Update().SetStatus(to).SetRejectReason("材料不全").Exec(ctx)
				ruletest.Expect(t, err, want)
				got := ruletest.Get(t, w.Client.TrainingClass.Get, c.ID).Status
				if stay := want != ruletest.OK; (stay && got != from) || (!stay && got != to) {
					t.Errorf("class is %s after %s -> %s (%s)", got, from, to, want)
				}
			})
		}
	}
}

// TestClassRules: the plan is frozen once submitted, a rejection needs a
// reason, dates are ordered, status changes go one class at a time, and a
// new class starts as a draft in its organisation's region.
func TestClassRules(t *testing.T) {
	t.Parallel()
	w := ruletest.NewWorld(t)
	ctx := w.Ctx(ruletest.OfficialZZ)
	type update = func(*ent.TrainingClassUpdateOne)
	occupation := func(u *ent.TrainingClassUpdateOne) { u.SetOccupation("焊工") }
	startAt := func(at time.Time) update { return func(u *ent.TrainingClassUpdateOne) { u.SetPlannedStart(at) } }
	endAt := func(at time.Time) update { return func(u *ent.TrainingClassUpdateOne) { u.SetPlannedEnd(at) } }
	cases := []struct {
		name   string
		status trainingclass.Status
		change update
		want   ruletest.Outcome
	}{
		{"plan of a draft changes", trainingclass.StatusDRAFT, occupation, ruletest.OK},
		{"plan of a rejected class changes", trainingclass.StatusREJECTED, occupation, ruletest.OK},
		{"plan of a submitted class is frozen", trainingclass.StatusSUBMITTED, occupation, ruletest.Conflict},
		{"plan of an approved class is frozen", trainingclass.StatusAPPROVED, occupation, ruletest.Conflict},
		{"headcount of an approved class is frozen", trainingclass.StatusAPPROVED,
			func(u *ent.TrainingClassUpdateOne) { u.SetApprovedHeadcount(50) }, ruletest.Conflict},
		{"venue of a started class is frozen", trainingclass.StatusIN_PROGRESS,
			func(u *ent.TrainingClassUpdateOne) { u.SetVenueLatitude(35) }, ruletest.Conflict},
		{"dates of a completed class are frozen", trainingclass.StatusCOMPLETED,
			endAt(ruletest.PlannedEnd.Add(24 * time.Hour)), ruletest.Conflict},
		{"rejection without a reason", trainingclass.StatusSUBMITTED,
			func(u *ent.TrainingClassUpdateOne) { u.SetStatus(trainingclass.StatusREJECTED) }, ruletest.BadInput},
		{"end moved before the start", trainingclass.StatusDRAFT, endAt(ruletest.PlannedStart.Add(-time.Hour)), ruletest.BadInput},
		{"start moved after the end", trainingclass.StatusDRAFT, startAt(ruletest.PlannedEnd.Add(time.Hour)), ruletest.BadInput},
		{"one-day class", trainingclass.StatusDRAFT, endAt(ruletest.PlannedStart), ruletest.OK},
		{"headcount above the maximum", trainingclass.StatusDRAFT,
			func(u *ent.TrainingClassUpdateOne) { u.SetApprovedHeadcount(10001) }, ruletest.Invalid},
	}
	for _, c := range cases {
		t.Run("official-zz "+c.name, func(t *testing.T) {
			t.Parallel()
			cl := w.Class(t, w.OrgZZ, c.status)
			u := cl.Update()
			c.change(u)
			ruletest.Expect(t, u.Exec(ctx), c.want)
			got := ruletest.Get(t, w.Client.TrainingClass.Get, cl.ID)
			if changed := got.UpdatedAt.After(cl.UpdatedAt); changed != (c.want == ruletest.OK) {
				t.Errorf("class changed: %v, want %v", changed, c.want == ruletest.OK)
			}
		})
	}
	t.Run("official-zz sets the status of classes in bulk", func(t *testing.T) {
		t.Parallel()
		cl := w.Class(t, w.OrgZZ, trainingclass.StatusSUBMITTED)
		err := w.Client.TrainingClass.Update().Where(trainingclass.ID(cl.ID)).SetStatus(trainingclass.StatusAPPROVED).Exec(ctx)
		ruletest.Expect(t, err, ruletest.BadInput)
	})
	t.Run("staff-zz opens a class ending before it starts", func(t *testing.T) {
		t.Parallel()
		err := w.NewClass(w.OrgZZ).SetPlannedEnd(ruletest.PlannedStart.Add(-time.Hour)).Exec(w.Ctx(ruletest.StaffZZ))
		ruletest.Expect(t, err, ruletest.BadInput)
	})
	t.Run("staff-zz opens a class without a venue location", func(t *testing.T) {
		t.Parallel()
		for name, drop := range map[string]func(*ent.TrainingClassMutation){
			"latitude": (*ent.TrainingClassMutation).ResetVenueLatitude, "longitude": (*ent.TrainingClassMutation).ResetVenueLongitude,
			"location (0,0)": func(m *ent.TrainingClassMutation) { m.SetVenueLatitude(0); m.SetVenueLongitude(0) },
		} {
			c := w.NewClass(w.OrgZZ)
			drop(c.Mutation())
			want := ruletest.BadInput // the venue of a class taught at a venue is required (classModeHook)
			if name == "location (0,0)" {
				want = ruletest.Invalid // out of China's extent (the field's range)
			}
			if err := c.Exec(w.Ctx(ruletest.StaffZZ)); ruletest.OutcomeOf(err) != want {
				t.Errorf("a class without its venue's %s: %v, want %s", name, err, want)
			}
		}
	})
	t.Run("staff-zz opens a class that claims to be approved", func(t *testing.T) {
		t.Parallel()
		cl, err := w.NewClass(w.OrgZZ).SetStatus(trainingclass.StatusAPPROVED).SetEffectiveHeadcount(99).
			Save(w.Ctx(ruletest.StaffZZ))
		ruletest.Expect(t, err, ruletest.OK)
		if cl.Status != trainingclass.StatusDRAFT || cl.EffectiveHeadcount != ruletest.ApprovedHeadcount || cl.RegionID != w.Zhengzhou.ID {
			t.Errorf("new class is %s, effective headcount %d, region %d; want DRAFT, %d, %d",
				cl.Status, cl.EffectiveHeadcount, cl.RegionID, ruletest.ApprovedHeadcount, w.Zhengzhou.ID)
		}
	})
	t.Run("official-zz opens a class in a district", func(t *testing.T) {
		t.Parallel()
		org := ruletest.Save(t, ruletest.System(), w.NewOrganization("中原区培训中心", w.Zhongyuan))
		cl := ruletest.Save(t, ctx, w.NewClass(org))
		if cl.RegionID != w.Zhongyuan.ID {
			t.Errorf("class of a Zhongyuan organisation is in region %d, want %d", cl.RegionID, w.Zhongyuan.ID)
		}
	})
}

// TestClassHeadcount: R10, when attendance is recorded the effective
// headcount is the number present, at most the approved number; attendance
// is recorded only for approved or started classes.
func TestClassHeadcount(t *testing.T) {
	t.Parallel()
	w := ruletest.NewWorld(t)
	ctx := w.Ctx(ruletest.StaffZZ)
	cases := []struct {
		status    trainingclass.Status
		present   int
		want      ruletest.Outcome
		effective int
	}{
		{trainingclass.StatusAPPROVED, 25, ruletest.OK, 25},
		{trainingclass.StatusAPPROVED, 30, ruletest.OK, 30},
		{trainingclass.StatusAPPROVED, 40, ruletest.OK, 30},
		{trainingclass.StatusAPPROVED, 0, ruletest.OK, 0},
		{trainingclass.StatusIN_PROGRESS, 12, ruletest.OK, 12},
		{trainingclass.StatusAPPROVED, -1, ruletest.Invalid, 30},
		{trainingclass.StatusDRAFT, 20, ruletest.Conflict, 30},
		{trainingclass.StatusSUBMITTED, 20, ruletest.Conflict, 30},
		{trainingclass.StatusCOMPLETED, 20, ruletest.Conflict, 30},
		{trainingclass.StatusCANCELLED, 20, ruletest.Conflict, 30},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("staff-zz records %d present of 30 in a class that is %s", c.present, c.status), func(t *testing.T) {
			t.Parallel()
			cl := w.Class(t, w.OrgZZ, c.status)
			ruletest.Expect(t, cl.Update().SetPresentCount(c.present).Exec(ctx), c.want)
			got := ruletest.Get(t, w.Client.TrainingClass.Get, cl.ID)
			if got.EffectiveHeadcount != c.effective {
				t.Errorf("effective headcount %d, want %d", got.EffectiveHeadcount, c.effective)
			}
		})
	}
}

// TestClassHeadcountFollowsPlanEdits: the R10 effective headcount is kept by
// one rule on creation, on edits of the approved headcount and on attendance;
// editing the approved headcount of a draft (or a rejected class) moves the
// effective headcount with it, so that pricing and progress read the new plan.
func TestClassHeadcountFollowsPlanEdits(t *testing.T) {
	t.Parallel()
	w := ruletest.NewWorld(t)
	ctx := w.Ctx(ruletest.StaffZZ)
	for _, status := range []trainingclass.Status{trainingclass.StatusDRAFT, trainingclass.StatusREJECTED} {
		t.Run(string(status), func(t *testing.T) {
			t.Parallel()
			cl := w.Class(t, w.OrgZZ, status)
			if cl.EffectiveHeadcount != ruletest.ApprovedHeadcount {
				t.Fatalf("a new class counts %d, want its approved %d", cl.EffectiveHeadcount, ruletest.ApprovedHeadcount)
			}
			for _, n := range []int{12, 45} {
				got, err := cl.Update().SetApprovedHeadcount(n).Save(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if got.EffectiveHeadcount != n || ruletest.Get(t, w.Client.TrainingClass.Get, cl.ID).EffectiveHeadcount != n {
					t.Fatalf("approved headcount edited to %d, effective headcount %d", n, got.EffectiveHeadcount)
				}
			}
		})
	}
	t.Run("approved, then fewer present", func(t *testing.T) {
		t.Parallel()
		cl := ruletest.Save(t, ctx, w.NewClass(w.OrgZZ).SetApprovedHeadcount(40))
		cl, err := cl.Update().SetApprovedHeadcount(20).Save(ctx)
		if err != nil || cl.EffectiveHeadcount != 20 {
			t.Fatalf("draft edited to 20: effective %d, %v", cl.EffectiveHeadcount, err)
		}
		for _, to := range []trainingclass.Status{trainingclass.StatusSUBMITTED, trainingclass.StatusAPPROVED} {
			who := ctx
			if to == trainingclass.StatusAPPROVED {
				who = w.Ctx(ruletest.OfficialZZ)
			}
			if cl, err = cl.Update().SetStatus(to).Save(who); err != nil {
				t.Fatal(err)
			}
		}
		if cl, err = cl.Update().SetPresentCount(15).Save(ctx); err != nil || cl.EffectiveHeadcount != 15 {
			t.Fatalf("15 of 20 present: effective %d, %v", cl.EffectiveHeadcount, err)
		}
	})
}

func TestEffectiveHeadcount(t *testing.T) {
	n := func(i int) *int { return &i }
	cases := []struct {
		approved int
		present  *int
		want     int
	}{{30, nil, 30}, {30, n(25), 25}, {30, n(30), 30}, {30, n(40), 30}, {30, n(0), 0}}
	for _, c := range cases {
		if got := schema.EffectiveHeadcount(c.approved, c.present); got != c.want {
			t.Errorf("EffectiveHeadcount(%d, %v) = %d, want %d", c.approved, c.present, got, c.want)
		}
	}
}
