// Package deadline is the one home of the working-day clocks of R6 and R7:
// how long each runs, which clock runs in which state, when each is due, and
// whether it is due soon or overdue. The API's overdue and dueSoon fields,
// the schema hooks that start the clocks and the River scan that raises
// notices all read it.
package deadline

import (
	"context"
	"time"

	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/fundadjustment"
	"github.com/hnvt/bairi/ent/subsidyapplication"
	"github.com/hnvt/bairi/internal/workday"
)

// Clock lengths of R6 and R7.
const (
	// ComplexReviewDays is the review of complex (or incomplete) materials, in working days (R7).
	ComplexReviewDays = 3
	// HRClockDays is the most an application spends in HR, in working days (R7).
	HRClockDays = 10
	// FinanceClockDays is the most an application spends in finance, in working days (R7).
	FinanceClockDays = 10
	// PublicityDuration is the shortest public notice (R7: at least 3 days).
	PublicityDuration = 72 * time.Hour
	// AdjustmentClockDays is each step of an adjustment (调剂, R6): HR's opinion, then finance's allocation.
	AdjustmentClockDays = 5
	// DueSoonWithin is how far ahead a clock counts as due soon.
	DueSoonWithin = 24 * time.Hour
)

// Names of the clocks, as the notices name them.
const (
	Review  = "REVIEW"
	HR      = "HR"
	Finance = "FINANCE"
)

// Names lists every clock.
var Names = []string{Review, HR, Finance}

// Running is a clock that runs, and when it is due.
type Running struct {
	Clock string
	Due   time.Time
}

// Status is how a running clock stands at a moment.
type Status int

// Statuses of a clock.
const (
	OnTime Status = iota
	DueSoon
	Overdue
)

// At says whether a clock due at due is overdue, due soon or on time at now.
func At(due, now time.Time) Status {
	switch {
	case now.After(due):
		return Overdue
	case due.Sub(now) < DueSoonWithin:
		return DueSoon
	}
	return OnTime
}

// ApplicationStates are the states of an application in which a clock runs.
var ApplicationStates = []string{"ACCEPTED", "REVIEWED", "IN_PUBLICITY", "TRANSFERRED_TO_FINANCE"}

// OfApplication lists the clocks that run in the application's state: the
// review and HR clocks once accepted, the HR clock through review and
// publicity, the finance clock once handed over.
func OfApplication(a *ent.SubsidyApplication) []Running {
	var out []Running
	add := func(name string, due *time.Time) {
		if due != nil {
			out = append(out, Running{name, *due})
		}
	}
	switch a.State {
	case subsidyapplication.StateACCEPTED:
		add(HR, a.HrDueAt)
		add(Review, a.ReviewDueAt)
	case subsidyapplication.StateREVIEWED, subsidyapplication.StateIN_PUBLICITY:
		add(HR, a.HrDueAt)
	case subsidyapplication.StateTRANSFERRED_TO_FINANCE:
		add(Finance, a.FinanceDueAt)
	}
	return out
}

// OfAdjustment lists the clock that runs in the adjustment's state: HR's
// opinion once requested, finance's allocation once agreed.
func OfAdjustment(a *ent.FundAdjustment) []Running {
	switch {
	case a.State == fundadjustment.StateREQUESTED && a.HrDueAt != nil:
		return []Running{{HR, *a.HrDueAt}}
	case a.State == fundadjustment.StateAGREED && a.FinanceDueAt != nil:
		return []Running{{Finance, *a.FinanceDueAt}}
	}
	return nil
}

// AnyOverdue reports whether a running clock has passed its due time.
func AnyOverdue(rs []Running, now time.Time) bool {
	for _, r := range rs {
		if At(r.Due, now) == Overdue {
			return true
		}
	}
	return false
}

// NextDueSoon reports whether the clock due first is due soon (and not overdue).
func NextDueSoon(rs []Running, now time.Time) bool {
	if len(rs) == 0 {
		return false
	}
	first := rs[0]
	for _, r := range rs[1:] {
		if r.Due.Before(first.Due) {
			first = r
		}
	}
	return At(first.Due, now) == DueSoon
}

// ReviewDays is how many working days the review may take: the same day
// (0) for complete, simple materials, else ComplexReviewDays.
func ReviewDays(complex, materialsComplete bool) int {
	if complex || !materialsComplete {
		return ComplexReviewDays
	}
	return 0
}

// HRDaysLeft is what remains of the HR clock after the days used before a
// return (the clock restarts where it stopped).
func HRDaysLeft(used int) int { return max(HRClockDays-used, 0) }

// Calendar returns the working-day calendar: the built-in State Council
// years overlaid with the years the province admin edited.
func Calendar(ctx context.Context, c *ent.Client) (*workday.Calendar, error) {
	years, err := c.HolidayYear.Query().All(ctx)
	if err != nil {
		return nil, err
	}
	rules := make([]workday.YearRule, 0, len(years))
	for _, y := range years {
		r := workday.YearRule{Year: y.Year}
		if r.Holidays, err = workday.ParseDates(y.Holidays); err != nil {
			return nil, err
		}
		if r.WorkingWeekends, err = workday.ParseDates(y.WorkingWeekends); err != nil {
			return nil, err
		}
		rules = append(rules, r)
	}
	return workday.Default().With(rules...), nil
}
