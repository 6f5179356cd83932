package deadline

import (
	"slices"
	"testing"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/subsidyapplication"
	"github.com/hnvt/bairi/internal/lifecycle"
)

// A clock runs in exactly the states ApplicationStates names (the scan reads
// only those).
func TestClocksRunInApplicationStates(t *testing.T) {
	due := time.Date(2020, 10, 12, 23, 59, 59, 0, time.UTC)
	for _, st := range lifecycle.Application.States {
		a := &ent.SubsidyApplication{State: subsidyapplication.State(st), ReviewDueAt: &due, HrDueAt: &due, FinanceDueAt: &due}
		runs := len(OfApplication(a)) > 0
		if runs != slices.Contains(ApplicationStates, st) {
			t.Errorf("%s: clocks running %v, listed %v", st, runs, !runs)
		}
	}
}

func TestStatus(t *testing.T) {
	due := time.Date(2020, 10, 12, 23, 59, 59, 999999999, time.UTC)
	cases := []struct {
		now  time.Time
		want Status
	}{
		{due.Add(-25 * time.Hour), OnTime},
		{due.Add(-23 * time.Hour), DueSoon},
		{due, DueSoon},
		{due.Add(time.Nanosecond), Overdue},
	}
	for _, c := range cases {
		if got := At(due, c.now); got != c.want {
			t.Errorf("At(due, %v) = %v, want %v", c.now, got, c.want)
		}
	}
	accepted := &ent.SubsidyApplication{State: subsidyapplication.StateACCEPTED,
		ReviewDueAt: ptr(due), HrDueAt: ptr(due.AddDate(0, 0, 14))}
	rs := OfApplication(accepted)
	if !NextDueSoon(rs, due.Add(-time.Hour)) || AnyOverdue(rs, due.Add(-time.Hour)) {
		t.Error("the review clock, due first, is due soon and not overdue")
	}
	if !AnyOverdue(rs, due.Add(time.Hour)) || NextDueSoon(rs, due.Add(time.Hour)) {
		t.Error("past the review due time the application is overdue, not due soon")
	}
}

func ptr[T any](v T) *T { return &v }

func TestReviewAndHRDays(t *testing.T) {
	if ReviewDays(false, true) != 0 || ReviewDays(true, true) != 3 || ReviewDays(false, false) != 3 {
		t.Error("complete, simple materials are reviewed the same day; complex or incomplete ones in 3 working days")
	}
	if HRDaysLeft(4) != 6 || HRDaysLeft(12) != 0 {
		t.Error("the HR clock restarts where it stopped, never below zero")
	}
}
