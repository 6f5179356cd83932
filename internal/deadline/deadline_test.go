package deadline

import (
	"slices"
	"testing"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/fundadjustment"
	"github.com/hnvt/bairi/ent/subsidyapplication"
	"github.com/hnvt/bairi/internal/lifecycle"
	"github.com/hnvt/bairi/internal/workday"
)

// A clock runs in exactly the states ApplicationStates names (the scan reads
// only those).
func TestClocksRunInApplicationStates(t *testing.T) {
	due := time.Date(2020, 10, 12, 23, 59, 59, 0, time.UTC)
	for _, st := range lifecycle.Application.States {
		a := &ent.SubsidyApplication{State: subsidyapplication.State(st), AcceptanceDueAt: &due, ReviewDueAt: &due,
			PublicityDueAt: &due, HandoverDueAt: &due, HrDueAt: &due, FinanceDueAt: &due}
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
	if ReviewDays(false) != 0 || ReviewDays(true) != 3 {
		t.Error("a simple case is reviewed the same day, a complex one in 3 working days")
	}
	if HRDaysLeft(4) != 6 || HRDaysLeft(12) != 0 {
		t.Error("the HR clock restarts where it stopped, never below zero")
	}
}

// The public notice lasts 3 whole calendar days: started on Wednesday 30
// September 2020, it may end at 00:00 on 4 October, in the National Day
// holiday; the hand-over is then due by the end of Friday 9 October, the
// first working day after the holiday (1-8 October).
func TestPublicityAcrossNationalDay(t *testing.T) {
	china := workday.China
	started := time.Date(2020, 9, 30, 16, 30, 0, 0, china)
	ends := PublicityEnds(started)
	if want := time.Date(2020, 10, 4, 0, 0, 0, 0, china); !ends.Equal(want) {
		t.Errorf("notice ends %v, want %v", ends, want)
	}
	if got, want := workday.Default().DueAt(ends, 0), time.Date(2020, 10, 9, 23, 59, 59, 999999999, china); !got.Equal(want) {
		t.Errorf("hand-over due %v, want %v", got, want)
	}
	// Started a minute before midnight, the day still counts as the start: 3 whole days follow.
	if got := PublicityEnds(time.Date(2020, 9, 30, 23, 59, 0, 0, china)); !got.Equal(ends) {
		t.Errorf("started at 23:59: ends %v, want %v", got, ends)
	}
}

// Clocks lists what an application has started: running ones against now,
// stopped ones by when they stopped.
func TestClocksOfAnApplication(t *testing.T) {
	at := func(d, h int) *time.Time { return ptr(time.Date(2020, 10, d, h, 0, 0, 0, workday.China)) }
	a := &ent.SubsidyApplication{State: subsidyapplication.StateREVIEWED,
		AcceptanceDueAt: at(12, 23), AcceptedAt: at(13, 9), // accepted a day late
		ReviewDueAt: at(13, 23), ReviewedAt: at(13, 15),
		PublicityDueAt: at(13, 23), HrDueAt: at(27, 23)}
	got := Clocks(a, workday.Default(), *at(13, 16))
	want := []Clock{
		{Name: Acceptance, DueAt: *at(12, 23), Stopped: true, Overdue: true},
		{Name: Review, DueAt: *at(13, 23), Stopped: true},
		{Name: Publicity, DueAt: *at(13, 23), DueSoon: true},
		{Name: HR, DueAt: *at(27, 23)},
	}
	if len(got) != len(want) {
		t.Fatalf("%d clocks, want %d", len(got), len(want))
	}
	for i := range want {
		if *got[i] != want[i] {
			t.Errorf("clock %d: got %+v, want %+v", i, *got[i], want[i])
		}
	}
}

// A due time is provisional when a year it was counted over has no holiday
// arrangement: with 2026 the last year known, a 10-working-day clock started
// in late December 2026 runs into 2027.
func TestProvisional(t *testing.T) {
	r2026, ok := workday.Default().Rule(2026)
	if !ok {
		t.Fatal("the built-in calendar lacks 2026")
	}
	cal := workday.New(map[int]workday.YearRule{2026: r2026}) // as built in today: 2027 not yet published
	hr := cal.DueAt(time.Date(2026, 12, 24, 10, 0, 0, 0, workday.China), HRClockDays)
	if !Provisional(cal, hr) {
		t.Errorf("HR due %v counted over 2027, which the calendar lacks: want provisional", hr)
	}
	// Counted over the first days of January 2027 only, it is provisional too.
	if !Provisional(cal, time.Date(2027, 1, 5, 23, 0, 0, 0, workday.China)) {
		t.Error("a due time in January 2027 is provisional")
	}
	if Provisional(cal, cal.DueAt(time.Date(2026, 12, 1, 10, 0, 0, 0, workday.China), 3)) {
		t.Error("a due time within 2026 is not provisional")
	}
	with2027 := cal.With(workday.YearRule{Year: 2027, Holidays: []workday.Date{workday.NewDate(2027, 1, 1)}})
	if Provisional(with2027, hr) {
		t.Error("once the admin enters 2027 the due time is no longer provisional")
	}
}

// An adjustment's clock runs in exactly the states AdjustmentStates names.
func TestAdjustmentClocksRunInAdjustmentStates(t *testing.T) {
	due := time.Date(2020, 10, 12, 23, 59, 59, 0, time.UTC)
	for _, st := range lifecycle.Adjustment.States {
		a := &ent.FundAdjustment{State: fundadjustment.State(st), HrDueAt: &due, FinanceDueAt: &due}
		runs := len(OfAdjustment(a)) > 0
		if runs != slices.Contains(AdjustmentStates, st) {
			t.Errorf("%s: clock running %v, listed %v", st, runs, !runs)
		}
	}
}

// The backward schedule of the money with the 2020 campaign's end (Sunday 22
// November, 23:59:59): submitted on Monday 2 November, an application is
// published that day, its notice ends at 00:00 on the 6th, it is handed over
// on Friday the 6th and paid by Friday the 20th; submitted on the 3rd, its
// notice ends on Saturday the 7th, the hand-over waits for Monday the 9th and
// payment may take until the 23rd. A complex case reviewed in 3 working days
// must arrive by Wednesday 28 October.
func TestLatestSubmission(t *testing.T) {
	cal := workday.Default()
	end := time.Date(2020, 11, 22, 23, 59, 59, 0, workday.China)
	if d := LatestSubmission(cal, end, false); d.String() != "2020-11-02" {
		t.Errorf("latest submission: %s, want 2020-11-02", d)
	}
	if d := LatestSubmission(cal, end, true); d.String() != "2020-10-28" {
		t.Errorf("latest complex submission: %s, want 2020-10-28", d)
	}
	paid := PaidBy(cal, time.Date(2020, 11, 3, 9, 0, 0, 0, workday.China), false)
	if got := workday.DateOf(paid, workday.China).String(); got != "2020-11-23" {
		t.Errorf("submitted on 3 November, paid by %s, want 2020-11-23", got)
	}
}
