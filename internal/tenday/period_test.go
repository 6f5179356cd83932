package tenday

import (
	"testing"
	"time"

	"github.com/hnvt/bairi/internal/workday"
)

func date(s string) workday.Date {
	d, err := workday.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// The periods of the notice's months: to the 10th, the 20th and the month's
// last day (30 September, 29 February of 2020, 31 December into January),
// each reported the day after.
func TestPeriods(t *testing.T) {
	for _, c := range []struct{ start, end, report string }{
		{"2020-09-01", "2020-09-10", "2020-09-11"},
		{"2020-09-11", "2020-09-20", "2020-09-21"},
		{"2020-09-21", "2020-09-30", "2020-10-01"}, // reported on National Day
		{"2020-10-21", "2020-10-31", "2020-11-01"},
		{"2020-02-21", "2020-02-29", "2020-03-01"},
		{"2020-12-21", "2020-12-31", "2021-01-01"},
	} {
		p, err := PeriodStarting(date(c.start))
		if err != nil || p.End != date(c.end) || p.ReportOn != date(c.report) {
			t.Errorf("%s: %v to %v reported %v (%v), want to %s reported %s", c.start, p.Start, p.End, p.ReportOn, err, c.end, c.report)
		}
		if r, ok := Reported(date(c.report)); !ok || r != p {
			t.Errorf("reported on %s: %+v", c.report, r)
		}
	}
	if _, err := PeriodStarting(date("2020-09-02")); err == nil {
		t.Error("a period starting on the 2nd")
	}
	if _, ok := Reported(date("2020-09-12")); ok {
		t.Error("a report on the 12th")
	}
	// The latest period at a moment, China time: on 1 October at 00:30 in
	// China (30 September in UTC), 21–30 September.
	if p := Latest(time.Date(2020, 10, 1, 0, 30, 0, 0, workday.China)); p.Start != date("2020-09-21") {
		t.Errorf("latest on 1 October: %+v", p)
	}
	if p := Latest(time.Date(2020, 10, 10, 23, 0, 0, 0, workday.China)); p.Start != date("2020-09-21") {
		t.Errorf("latest on 10 October: %+v", p)
	}
}

// The job runs five minutes after midnight, China time, on the 1st, 11th
// and 21st, and never twice for one day.
func TestSchedule(t *testing.T) {
	at := time.Date(2020, 9, 30, 12, 0, 0, 0, workday.China)
	var runs []string
	for range 4 {
		at = Schedule{}.Next(at)
		runs = append(runs, at.In(workday.China).Format("2006-01-02 15:04"))
	}
	want := []string{"2020-10-01 00:05", "2020-10-11 00:05", "2020-10-21 00:05", "2020-11-01 00:05"}
	for i := range want {
		if runs[i] != want[i] {
			t.Fatalf("runs %v, want %v", runs, want)
		}
	}
}
