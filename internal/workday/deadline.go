package workday

import "time"

// WorkingDayOf returns the working day to which the instant t counts: its
// date in China time, or the next working day when that date is a day off
// (an application accepted on a Saturday counts as accepted on Monday).
func (c *Calendar) WorkingDayOf(t time.Time) Date {
	return c.AddWorkingDays(DateOf(t, China), 0)
}

// DueAt returns the end of the n-th working day after the date (China time)
// on which accepted falls, the acceptance date not counted: the last
// nanosecond of that day, 23:59:59.999999999 China time, so that a deadline is
// met when !done.After(due). With n = 0 it is the end of the acceptance day,
// or of the next working day when accepted on a day off. Negative n counts
// backwards as in AddWorkingDays.
func (c *Calendar) DueAt(accepted time.Time, n int) time.Time {
	due := c.AddWorkingDays(DateOf(accepted, China), n)
	return endOf(due)
}

// endOf returns the last nanosecond of d in China time.
func endOf(d Date) time.Time {
	return d.AddDays(1).Time(China).Add(-time.Nanosecond)
}

// SameWorkingDay reports whether b falls no later than the end of the working
// day on which a falls, where an a on a day off counts as falling on the next
// working day: the R7 test "reviewed and published the same day as accepted"
// (accepted on Saturday, due by the end of Monday). It equals
// !b.After(c.DueAt(a, 0)). It is a deadline test, not an ordering test: a b
// before a also reports true; callers make sure b is not before a.
func (c *Calendar) SameWorkingDay(a, b time.Time) bool {
	return !b.After(c.DueAt(a, 0))
}
