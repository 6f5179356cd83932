// Package deadline is the one home of the working-day clocks of R6 and R7:
// how long each runs, which clock runs in which state, when each is due, and
// whether it is due soon or overdue. The API's overdue and dueSoon fields,
// the schema hooks that start the clocks and the River scan that raises
// notices all read it.
package deadline

import (
	"context"
	"slices"
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
	// PublicityDays is the shortest public notice, in whole calendar days (R7: at least 3 days).
	PublicityDays = 3
	// AdjustmentClockDays is each step of an adjustment (调剂, R6): HR's opinion, then finance's allocation.
	AdjustmentClockDays = 5
	// DueSoonWithin is how far ahead a clock counts as due soon.
	DueSoonWithin = 24 * time.Hour
)

// Names of the clocks, as the notices and the API name them.
const (
	// Acceptance: an application is accepted on the working day it is submitted (即时受理).
	Acceptance = "ACCEPTANCE"
	// Review: the same working day as acceptance, or 3 working days for a complex case.
	Review = "REVIEW"
	// Publicity: the public notice starts the working day of the review (当日公示).
	Publicity = "PUBLICITY"
	// Handover: to finance on the working day after the notice ends.
	Handover = "HANDOVER"
	// HR: at most 10 working days from acceptance to hand-over.
	HR = "HR"
	// Finance: at most 10 working days from hand-over to payment.
	Finance = "FINANCE"
)

// Names lists every clock.
var Names = []string{Acceptance, Review, Publicity, Handover, HR, Finance}

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
var ApplicationStates = []string{"SUBMITTED", "ACCEPTED", "REVIEWED", "IN_PUBLICITY", "TRANSFERRED_TO_FINANCE"}

// running names the clocks that run in each state of an application.
var running = map[subsidyapplication.State][]string{
	subsidyapplication.StateSUBMITTED:              {Acceptance},
	subsidyapplication.StateACCEPTED:               {HR, Review},
	subsidyapplication.StateREVIEWED:               {HR, Publicity},
	subsidyapplication.StateIN_PUBLICITY:           {HR, Handover},
	subsidyapplication.StateTRANSFERRED_TO_FINANCE: {Finance},
}

// dueOf is when each clock of an application is due, once started.
func dueOf(a *ent.SubsidyApplication, name string) *time.Time {
	switch name {
	case Acceptance:
		return a.AcceptanceDueAt
	case Review:
		return a.ReviewDueAt
	case Publicity:
		return a.PublicityDueAt
	case Handover:
		return a.HandoverDueAt
	case HR:
		return a.HrDueAt
	case Finance:
		return a.FinanceDueAt
	}
	return nil
}

// stoppedAt is when a clock that no longer runs stopped: the step it timed
// was taken, or the application was returned or rejected.
func stoppedAt(a *ent.SubsidyApplication, name string) *time.Time {
	var at *time.Time
	switch name {
	case Acceptance:
		at = a.AcceptedAt
	case Review:
		at = a.ReviewedAt
	case Publicity:
		at = a.PublicityStartedAt
	case Handover, HR:
		at = a.TransferredAt
	case Finance:
		at = a.PaidAt
	}
	for _, t := range []*time.Time{at, a.ReturnedAt, a.RejectedAt} {
		if t != nil {
			return t
		}
	}
	return nil
}

// OfApplication lists the clocks that run in the application's state:
// acceptance while submitted, review then publicity then hand-over with the
// HR clock from acceptance to hand-over, the finance clock once handed over.
func OfApplication(a *ent.SubsidyApplication) []Running {
	var out []Running
	for _, name := range running[a.State] {
		if due := dueOf(a, name); due != nil {
			out = append(out, Running{name, *due})
		}
	}
	return out
}

// Clock is one clock of an application as the API shows it: running or
// stopped, due when, whether it is due soon or was (or is) overdue, and
// whether its due time is provisional (see Provisional).
type Clock struct {
	Name        string
	DueAt       time.Time
	Stopped     bool
	DueSoon     bool
	Overdue     bool
	Provisional bool
}

// longestClock bounds how far back from its due time a clock may have
// started: 10 working days and the longest holiday fit in 31 days.
const longestClock = 31 * 24 * time.Hour

// Provisional reports whether a due time was counted over a year whose
// holiday arrangement the calendar does not have (the State Council
// publishes it each November or December): such a year was counted Monday
// to Friday, so the due time may move once the province admin enters it.
func Provisional(cal *workday.Calendar, due time.Time) bool {
	from := workday.DateOf(due.Add(-longestClock), workday.China).Year
	for y := from; y <= workday.DateOf(due, workday.China).Year; y++ {
		if !cal.Known(y) {
			return true
		}
	}
	return false
}

// Clocks lists every clock an application has started, in the order of the
// procedure: the running ones against now, the stopped ones by when they
// stopped; each says whether the calendar makes it provisional.
func Clocks(a *ent.SubsidyApplication, cal *workday.Calendar, now time.Time) []*Clock {
	out := []*Clock{}
	for _, name := range Names {
		due := dueOf(a, name)
		if due == nil {
			continue
		}
		c := &Clock{Name: name, DueAt: *due, Stopped: !slices.Contains(running[a.State], name), Provisional: Provisional(cal, *due)}
		if c.Stopped {
			if at := stoppedAt(a, name); at != nil {
				c.Overdue = at.After(*due)
			}
		} else {
			st := At(*due, now)
			c.DueSoon, c.Overdue = st == DueSoon, st == Overdue
		}
		out = append(out, c)
	}
	return out
}

// AdjustmentStates are the states of an adjustment in which a clock runs.
var AdjustmentStates = []string{"REQUESTED", "HR_AGREED", "AGREED"}

// OfAdjustment lists the clock that runs in the adjustment's state: HR's
// opinion once requested, finance's consultation and allocation once HR agreed.
func OfAdjustment(a *ent.FundAdjustment) []Running {
	switch {
	case a.State == fundadjustment.StateREQUESTED && a.HrDueAt != nil:
		return []Running{{HR, *a.HrDueAt}}
	case (a.State == fundadjustment.StateHR_AGREED || a.State == fundadjustment.StateAGREED) && a.FinanceDueAt != nil:
		return []Running{{Finance, *a.FinanceDueAt}}
	}
	return nil
}

// ApprenticeshipStates are the states of an enterprise's application to
// train apprentices in which a clock runs.
var ApprenticeshipStates = []string{"SUBMITTED"}

// OfApprenticeship lists the clock that runs for an enterprise's application
// to train apprentices (R5): acceptance, by the end of the working day it
// arrived (即时受理), until it is accepted or rejected.
func OfApprenticeship(a *ent.ApprenticeshipApplication) []Running {
	if string(a.State) == ApprenticeshipStates[0] {
		return []Running{{Acceptance, a.AcceptanceDueAt}}
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

// Length is how many working days after its start a clock of an
// application runs (0: to the end of the working day it starts on).
func Length(name string, complex bool, hrDaysUsed int) int {
	switch name {
	case Review:
		return ReviewDays(complex)
	case HR:
		return HRDaysLeft(hrDaysUsed)
	case Finance:
		return FinanceClockDays
	}
	return 0
}

// startOf is when a clock of an application started.
func startOf(a *ent.SubsidyApplication, name string) *time.Time {
	switch name {
	case Acceptance:
		return &a.SubmittedAt
	case Review, HR:
		return a.AcceptedAt
	case Publicity:
		return a.ReviewedAt
	case Handover:
		return a.PublicityEndsAt
	case Finance:
		return a.TransferredAt
	}
	return nil
}

// Recount counts again, with the calendar, the due times of the clocks an
// application runs: the due times that changed, by clock. The province
// admin's entering a year the calendar lacked moves provisional due times.
func Recount(a *ent.SubsidyApplication, cal *workday.Calendar) map[string]time.Time {
	out := map[string]time.Time{}
	for _, r := range OfApplication(a) {
		if start := startOf(a, r.Clock); start != nil {
			if due := cal.DueAt(*start, Length(r.Clock, a.Complex, a.HrDaysUsed)); !due.Equal(r.Due) {
				out[r.Clock] = due
			}
		}
	}
	return out
}

// RecountAdjustment is Recount for an adjustment: HR's clock from the
// request, finance's from HR's agreement.
func RecountAdjustment(a *ent.FundAdjustment, cal *workday.Calendar) map[string]time.Time {
	out := map[string]time.Time{}
	for _, r := range OfAdjustment(a) {
		start := &a.RequestedAt
		if r.Clock == Finance {
			start = a.DecidedAt
		}
		if start == nil {
			continue
		}
		if due := cal.DueAt(*start, AdjustmentClockDays); !due.Equal(r.Due) {
			out[r.Clock] = due
		}
	}
	return out
}

// ReviewDays is how many working days the review may take: the same day
// (0) unless the reviewer found the case complex at acceptance.
func ReviewDays(complex bool) int {
	if complex {
		return ComplexReviewDays
	}
	return 0
}

// PublicityEnds is the first moment the public notice may end: after
// PublicityDays whole calendar days (China time) following the day it
// started. Started on 30 September 2020 at 10:00, it runs through 1, 2 and 3
// October and ends at 00:00 on 4 October.
func PublicityEnds(started time.Time) time.Time {
	return workday.DateOf(started, workday.China).AddDays(PublicityDays + 1).Time(workday.China)
}

// PublicityOver reports whether an application's public notice has run its
// whole days at now: only then is it handed over to finance.
func PublicityOver(a *ent.SubsidyApplication, now time.Time) bool {
	return a.PublicityEndsAt != nil && !now.Before(*a.PublicityEndsAt)
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

// CachedCalendar is Calendar as this instance remembers it, for reads
// outside a transaction (a page of applications asks it on every request):
// kept in the sessions' cache (c.Sessions), which every instance drops when
// the province admin edits a year (ent/schema/holidayyear_rules.go).
func CachedCalendar(ctx context.Context, c *ent.Client) (*workday.Calendar, error) {
	if v, ok := c.Sessions.Value("calendar"); ok {
		return v.(*workday.Calendar), nil
	}
	gen := c.Sessions.Begin()
	cal, err := Calendar(ctx, c)
	if err != nil {
		return nil, err
	}
	c.Sessions.PutValue(gen, "calendar", cal)
	return cal, nil
}

// PaidBy is the latest an application submitted at submitted is paid when
// every step takes all the clocks allow (R7): accepted the working day it
// arrives, reviewed that day (or within 3 working days when complex) and
// published the day it is reviewed, the notice's 3 whole days, handed over
// the working day the notice ends, paid within finance's 10 working days.
func PaidBy(cal *workday.Calendar, submitted time.Time, complex bool) time.Time {
	accepted := cal.DueAt(submitted, 0)
	published := cal.DueAt(accepted, ReviewDays(complex))
	handover := cal.DueAt(PublicityEnds(published), 0)
	return cal.DueAt(handover, FinanceClockDays)
}

// LatestSubmission is the last day an application may be submitted and
// still be paid by end, by the longest clocks (PaidBy): the backward
// schedule of the money (倒排工期). For the 2020 campaign, ending on Sunday
// 22 November, it is Monday 2 November (published that day, handed over on
// the 6th, paid by Friday the 20th), or 28 October for a complex case.
func LatestSubmission(cal *workday.Calendar, end time.Time, complex bool) workday.Date {
	d := workday.DateOf(end, workday.China)
	for range 120 {
		if cal.IsWorkingDay(d) && !PaidBy(cal, d.Time(workday.China).Add(9*time.Hour), complex).After(end) {
			return d
		}
		d = d.AddDays(-1)
	}
	return workday.Date{}
}
