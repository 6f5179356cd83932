// Package workday is the State Council working-day calendar (R7): which dates
// are working days, given the public holidays and the weekend days made
// working days (调休) of each year's notice of the General Office of the
// State Council (国务院办公厅关于XXXX年部分节假日安排的通知), and deadline
// arithmetic in working days.
//
// A Calendar is immutable and safe for concurrent use. Default returns the
// calendar with the built-in years; the province admin can add or correct a
// year as a YearRule in JSON (see ParseYearRule and Calendar.With).
package workday

import (
	"slices"
	"sort"
	"time"
)

// Calendar holds the holidays and working weekend days of the years it knows.
// For a year it does not know, Monday to Friday are working days.
type Calendar struct {
	rules map[int]YearRule
	// special maps a day number (days since 1970-01-01) whose status differs
	// from the plain Monday-Friday rule to its status (true = working).
	special map[int]bool
	// specialDays are the keys of special, sorted.
	specialDays []int
}

// New returns a calendar built from the rules of the given years; the map's
// key is the year (a rule's own Year field is set from it). New does not
// validate the rules: call YearRule.Validate on anything a user entered.
// When a date is in both lists of a rule, it is a holiday.
func New(years map[int]YearRule) *Calendar {
	c := &Calendar{rules: make(map[int]YearRule, len(years)), special: map[int]bool{}}
	for year, r := range years {
		r = r.clone()
		r.Year = year
		c.rules[year] = r
	}
	// Apply working weekends first so that holidays win.
	for _, r := range c.rules {
		for _, d := range r.WorkingWeekends {
			if !plainWorking(d.days()) {
				c.special[d.days()] = true
			}
		}
	}
	for _, r := range c.rules {
		for _, d := range r.Holidays {
			n := d.days()
			if plainWorking(n) {
				c.special[n] = false
			} else {
				delete(c.special, n)
			}
		}
	}
	c.specialDays = make([]int, 0, len(c.special))
	for n := range c.special {
		c.specialDays = append(c.specialDays, n)
	}
	slices.Sort(c.specialDays)
	return c
}

// With returns a copy of c in which the given rules replace those of their
// years (rule.Year says which year). c itself is not changed.
func (c *Calendar) With(rules ...YearRule) *Calendar {
	years := make(map[int]YearRule, len(c.rules)+len(rules))
	for y, r := range c.rules {
		years[y] = r
	}
	for _, r := range rules {
		years[r.Year] = r
	}
	return New(years)
}

// Known reports whether the calendar has the holiday arrangement of year.
func (c *Calendar) Known(year int) bool {
	_, ok := c.rules[year]
	return ok
}

// Years returns the years the calendar knows, in increasing order.
func (c *Calendar) Years() []int {
	ys := make([]int, 0, len(c.rules))
	for y := range c.rules {
		ys = append(ys, y)
	}
	slices.Sort(ys)
	return ys
}

// Rule returns a copy of the rule of year, if the calendar knows it.
func (c *Calendar) Rule(year int) (YearRule, bool) {
	r, ok := c.rules[year]
	if !ok {
		return YearRule{}, false
	}
	return r.clone(), true
}

// IsWorkingDay reports whether d is a working day: not a holiday, and either
// Monday to Friday or a weekend day made a working day.
func (c *Calendar) IsWorkingDay(d Date) bool { return c.working(d.days()) }

func (c *Calendar) working(n int) bool {
	if w, ok := c.special[n]; ok {
		return w
	}
	return plainWorking(n)
}

// plainWorking reports whether day number n is Monday to Friday.
func plainWorking(n int) bool {
	wd := time.Weekday(mod(n+4, 7))
	return wd != time.Saturday && wd != time.Sunday
}

// plainCount returns the number of Mondays to Fridays among the days with
// numbers less than or equal to n, counted from an arbitrary origin, so that
// plainCount(b) - plainCount(a) is the number in (a, b].
func plainCount(n int) int {
	// Day 0 was a Thursday; m = n + 3 makes Monday the start of each week of 7.
	m := n + 3
	weeks := floorDiv(m, 7)
	r := m - weeks*7 // 0 = Monday ... 6 = Sunday
	return weeks*5 + min(r+1, 5)
}

// specialIn returns the index range [i, j) of specialDays within (a, b].
func (c *Calendar) specialIn(a, b int) (int, int) {
	i := sort.SearchInts(c.specialDays, a+1)
	j := sort.SearchInts(c.specialDays, b+1)
	return i, j
}

// WorkingDaysBetween returns the number of working days after from, up to and
// including to. When to is before from it is the negative of
// WorkingDaysBetween(to, from). So for n >= 1, AddWorkingDays(d, n) = x
// implies WorkingDaysBetween(d, x) = n, and WorkingDaysBetween(a, b) +
// WorkingDaysBetween(b, c) = WorkingDaysBetween(a, c).
func (c *Calendar) WorkingDaysBetween(from, to Date) int {
	a, b := from.days(), to.days()
	sign := 1
	if b < a {
		a, b, sign = b, a, -1
	}
	n := plainCount(b) - plainCount(a)
	i, j := c.specialIn(a, b)
	for _, s := range c.specialDays[i:j] {
		if c.special[s] {
			n++
		} else {
			n--
		}
	}
	return sign * n
}

// AddWorkingDays returns the n-th working day after d, not counting d itself,
// as deadlines in working days are counted in administrative law: a 3-working-
// day period starting on 2020-09-30 ends on 2020-10-12. With n = 0 it returns
// d if d is a working day, else the next working day. With n < 0 it counts
// backwards: the |n|-th working day before d.
func (c *Calendar) AddWorkingDays(d Date, n int) Date {
	x := d.days()
	switch {
	case n == 0:
		for !c.working(x) {
			x++
		}
	case n > 0:
		for n > 0 {
			// A stretch of 7 days with no special date has exactly 5 working
			// days; jump over it while more than 5 remain to be counted.
			if n > 5 {
				if i, j := c.specialIn(x, x+7); i == j {
					x += 7
					n -= 5
					continue
				}
			}
			x++
			if c.working(x) {
				n--
			}
		}
	default:
		for n < 0 {
			if n < -5 {
				if i, j := c.specialIn(x-8, x-1); i == j {
					x -= 7
					n += 5
					continue
				}
			}
			x--
			if c.working(x) {
				n++
			}
		}
	}
	return fromDays(x)
}
