// Package tenday is the ten-day dispatch of R9 (旬报): every region reports
// on the 1st, 11th and 21st of each month (China time) the previous ten days'
// progress and the cumulative figures, frozen as a snapshot that its officials
// review and submit. This file is the calendar of periods; tenday.go freezes
// the snapshots.
package tenday

import (
	"time"

	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/workday"
)

// ReportDays are the days of the month a report is made on.
var ReportDays = []int{1, 11, 21}

// Period is a ten-day period: its first and last day, and the day it is
// reported on (the day after its last).
type Period struct {
	Start, End, ReportOn workday.Date
}

// PeriodStarting is the period that starts on a 1st, 11th or 21st: to the
// 10th, the 20th, or the month's last day.
func PeriodStarting(start workday.Date) (Period, error) {
	var end workday.Date
	switch start.Day {
	case 1:
		end = start.AddDays(9)
	case 11:
		end = start.AddDays(9)
	case 21:
		end = workday.NewDate(start.Year, start.Month+1, 1).AddDays(-1)
	default:
		return Period{}, fault.Input("periodStart", "a ten-day period starts on the 1st, the 11th or the 21st of a month, not on %s", start)
	}
	return Period{Start: start, End: end, ReportOn: end.AddDays(1)}, nil
}

// Reported is the period reported on a report day (1st, 11th, 21st): the
// ten days before it.
func Reported(day workday.Date) (Period, bool) {
	switch day.Day {
	case 1:
		prev := day.AddDays(-1)
		p, _ := PeriodStarting(workday.Date{Year: prev.Year, Month: prev.Month, Day: 21})
		return p, true
	case 11, 21:
		p, _ := PeriodStarting(day.AddDays(-10))
		return p, true
	}
	return Period{}, false
}

// Latest is the last period whose report day has come at now (China time).
func Latest(now time.Time) Period {
	d := workday.DateOf(now, workday.China)
	for {
		if p, ok := Reported(d); ok {
			return p
		}
		d = d.AddDays(-1)
	}
}

// Schedule runs the ten-day job just after midnight, China time, on each
// report day (a River periodic schedule).
type Schedule struct{}

// Next is the next run after t.
func (Schedule) Next(t time.Time) time.Time {
	d := workday.DateOf(t, workday.China)
	for {
		if _, ok := Reported(d); ok {
			at := d.Time(workday.China).Add(5 * time.Minute)
			if at.After(t) {
				return at
			}
		}
		d = d.AddDays(1)
	}
}

// Figure is one line of a report: a counter of the campaign's progress (a
// target category T1..T7, or FUND_ALLOCATED), cumulative on the report day
// and for the ten days (the cumulative less the previous report's). Money
// (FUND_SPENDING, FUND_ALLOCATED) is in fen.
type Figure struct {
	Category   string `json:"category"`
	Cumulative int64  `json:"cumulative"`
	Period     int64  `json:"period"`
}

// DisbursementRate is the money spent over the money allocated, cumulative
// (0 when nothing was allocated).
func DisbursementRate(figures []Figure) float64 {
	var spent, allocated int64
	for _, f := range figures {
		switch f.Category {
		case "FUND_SPENDING":
			spent = f.Cumulative
		case "FUND_ALLOCATED":
			allocated = f.Cumulative
		}
	}
	return Rate(spent, allocated)
}

// Rate is the disbursement rate: the money spent over the money allocated
// (0 when nothing was allocated). The one home of the formula: the reports,
// campaignProgress and the bulletin read it.
func Rate(spentFen, allocatedFen int64) float64 {
	if allocatedFen <= 0 {
		return 0
	}
	return float64(spentFen) / float64(allocatedFen)
}

// Month reads a calendar month (2020-10) as its first day: the month a
// bulletin (通报) or a summons list covers.
func Month(s string) (workday.Date, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil || len(s) != 7 {
		return workday.Date{}, fault.Input("month", "a month is written 2020-10, not %q", s)
	}
	return workday.NewDate(t.Year(), t.Month(), 1), nil
}

// MonthReports are the periods reported within a month: on its 1st, 11th
// and 21st.
func MonthReports(month workday.Date) []Period {
	var out []Period
	for _, d := range ReportDays {
		p, _ := Reported(workday.NewDate(month.Year, month.Month, d))
		out = append(out, p)
	}
	return out
}

// MonthEnd is the period reported on the 1st after a month: its figures
// stand at the month's end.
func MonthEnd(month workday.Date) Period {
	p, _ := PeriodStarting(workday.NewDate(month.Year, month.Month, 21))
	return p
}

// Difference is a category of two reports side by side: B less A.
type Difference struct {
	Category   string
	A, B       Figure
	Cumulative int64
	Period     int64
}

// Compare sets two reports' figures side by side, in A's order (then the
// categories only B has).
func Compare(a, b []Figure) []Difference {
	var out []Difference
	find := func(fs []Figure, c string) Figure {
		for _, f := range fs {
			if f.Category == c {
				return f
			}
		}
		return Figure{Category: c}
	}
	seen := map[string]bool{}
	for _, f := range append(append([]Figure{}, a...), b...) {
		if seen[f.Category] {
			continue
		}
		seen[f.Category] = true
		x, y := find(a, f.Category), find(b, f.Category)
		out = append(out, Difference{Category: f.Category, A: x, B: y, Cumulative: y.Cumulative - x.Cumulative, Period: y.Period - x.Period})
	}
	return out
}
