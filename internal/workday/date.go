package workday

import (
	"fmt"
	"strings"
	"time"
)

// China is China Standard Time (UTC+8, no daylight saving time), the zone in
// which working days begin and end. It is a fixed zone so that the program
// does not depend on a time zone database.
var China = time.FixedZone("CST", 8*3600)

// Date is a civil date with no time of day and no time zone. The zero value
// is not a valid date. Dates are comparable with ==.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date of year, month and day, normalising values out of
// range as time.Date does (2020-02-30 becomes 2020-03-01).
func NewDate(year int, month time.Month, day int) Date {
	return fromDays(daysFromCivil(year, month, day))
}

// ParseDate parses a date written YYYY-MM-DD, such as "2020-09-30". It
// refuses any other layout and dates that do not exist.
func ParseDate(s string) (Date, error) {
	bad := func() (Date, error) {
		return Date{}, fmt.Errorf("workday: %q is not a date written YYYY-MM-DD", s)
	}
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return bad()
	}
	num := func(part string) (int, bool) {
		n := 0
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return 0, false
			}
			n = n*10 + int(part[i]-'0')
		}
		return n, true
	}
	y, ok1 := num(s[0:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return bad()
	}
	date := Date{Year: y, Month: time.Month(m), Day: d}
	if !date.IsValid() {
		return Date{}, fmt.Errorf("workday: %q is not a real date", s)
	}
	return date, nil
}

// ParseCellDate parses a date as a spreadsheet cell writes it: YYYY-MM-DD
// or YYYY/MM/DD.
func ParseCellDate(s string) (Date, error) {
	return ParseDate(strings.ReplaceAll(strings.TrimSpace(s), "/", "-"))
}

// ParseDates parses a list of YYYY-MM-DD dates.
func ParseDates(ss []string) ([]Date, error) {
	out := make([]Date, 0, len(ss))
	for _, s := range ss {
		d, err := ParseDate(s)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// DateOf returns the date on which the instant t falls in loc (China when loc is nil).
func DateOf(t time.Time, loc *time.Location) Date {
	if loc == nil {
		loc = China
	}
	y, m, d := t.In(loc).Date()
	return Date{Year: y, Month: m, Day: d}
}

// Time returns the instant at which d begins (midnight) in loc (China when loc is nil).
func (d Date) Time(loc *time.Location) time.Time {
	if loc == nil {
		loc = China
	}
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// String returns d as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// IsValid reports whether d is a real date of a year from 1 to 9999.
func (d Date) IsValid() bool {
	return d.Year >= 1 && d.Year <= 9999 && d.Month >= time.January && d.Month <= time.December &&
		d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// AddDays returns the date n days after d (before d when n is negative).
func (d Date) AddDays(n int) Date { return fromDays(d.days() + n) }

// Sub returns the number of days from e to d (d - e).
func (d Date) Sub(e Date) int { return d.days() - e.days() }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	// Day 0, 1970-01-01, was a Thursday.
	return time.Weekday(mod(d.days()+4, 7))
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch a, b := d.days(), e.days(); {
	case a < b:
		return -1
	case a > b:
		return 1
	default:
		return 0
	}
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// MarshalText encodes d as YYYY-MM-DD (used by encoding/json).
func (d Date) MarshalText() ([]byte, error) {
	if !d.IsValid() {
		return nil, fmt.Errorf("workday: cannot encode invalid date %s", d)
	}
	return []byte(d.String()), nil
}

// UnmarshalText decodes a date written YYYY-MM-DD.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// days returns the number of days from 1970-01-01 to d.
func (d Date) days() int { return daysFromCivil(d.Year, d.Month, d.Day) }

func fromDays(n int) Date {
	y, m, d := civilFromDays(n)
	return Date{Year: y, Month: m, Day: d}
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if isLeap(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	default:
		return 31
	}
}

// floorDiv and mod divide rounding towards minus infinity.
func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func mod(a, b int) int { return a - floorDiv(a, b)*b }

// daysFromCivil and civilFromDays convert between proleptic Gregorian dates
// and days since 1970-01-01 (H. Hinnant's algorithms). Out-of-range months
// and days are normalised.
func daysFromCivil(y int, m time.Month, d int) int {
	// Normalise the month into 1..12 first.
	mm := int(m) - 1
	y += floorDiv(mm, 12)
	mm = mod(mm, 12) + 1
	if mm <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400  // [0, 399]
	mp := (mm + 9) % 12 // March = 0
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func civilFromDays(z int) (int, time.Month, int) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097                                  // [0, 146096]
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // [0, 399]
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100) // [0, 365]
	mp := (5*doy + 2) / 153                  // [0, 11]
	d := doy - (153*mp+2)/5 + 1              // [1, 31]
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, time.Month(m), d
}
