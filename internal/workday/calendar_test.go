package workday

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// period is one holiday period of 2020 with the working days around it.
type period struct {
	name        string
	first, last string
}

var periods2020 = []period{
	{"New Year", "2020-01-01", "2020-01-01"},
	{"Spring Festival (extended)", "2020-01-24", "2020-02-02"},
	{"Qingming", "2020-04-04", "2020-04-06"},
	{"Labour Day", "2020-05-01", "2020-05-05"},
	{"Dragon Boat", "2020-06-25", "2020-06-27"},
	{"National Day and Mid-Autumn", "2020-10-01", "2020-10-08"},
}

func TestIsWorkingDay2020Holidays(t *testing.T) {
	c := Default()
	for _, p := range periods2020 {
		t.Run(p.name, func(t *testing.T) {
			first, last := d(p.first), d(p.last)
			for x := first; !x.After(last); x = x.AddDays(1) {
				if c.IsWorkingDay(x) {
					t.Errorf("%s (%s) is a working day, want a holiday", x, x.Weekday())
				}
			}
			// The working days just before and after each 2020 holiday.
			before, after := first.AddDays(-1), last.AddDays(1)
			if !c.IsWorkingDay(before) {
				t.Errorf("%s (%s), the day before, is not a working day", before, before.Weekday())
			}
			if !c.IsWorkingDay(after) {
				t.Errorf("%s (%s), the day after, is not a working day", after, after.Weekday())
			}
		})
	}
}

func TestIsWorkingDay2020Table(t *testing.T) {
	c := Default()
	tests := []struct {
		date    string
		working bool
		why     string
	}{
		{"2019-12-31", true, "Tuesday of a year with no data"},
		{"2020-01-01", false, "New Year"},
		{"2020-01-02", true, "Thursday"},
		{"2020-01-04", false, "Saturday"},
		{"2020-01-18", false, "Saturday"},
		{"2020-01-19", true, "Sunday made a working day for the Spring Festival"},
		{"2020-01-23", true, "Thursday before the Spring Festival"},
		{"2020-01-24", false, "Spring Festival eve"},
		{"2020-01-31", false, "Friday, off by the epidemic extension"},
		{"2020-02-01", false, "Saturday, planned as a working day, off by the extension"},
		{"2020-02-02", false, "Sunday, last day of the extension"},
		{"2020-02-03", true, "Monday, back to work"},
		{"2020-04-03", true, "Friday before Qingming"},
		{"2020-04-06", false, "Qingming Monday"},
		{"2020-04-07", true, "Tuesday after Qingming"},
		{"2020-04-25", false, "Saturday"},
		{"2020-04-26", true, "Sunday made a working day for Labour Day"},
		{"2020-05-05", false, "Labour Day Tuesday"},
		{"2020-05-06", true, "Wednesday after Labour Day"},
		{"2020-05-09", true, "Saturday made a working day for Labour Day"},
		{"2020-05-10", false, "Sunday"},
		{"2020-06-24", true, "Wednesday before Dragon Boat"},
		{"2020-06-25", false, "Dragon Boat"},
		{"2020-06-27", false, "Saturday in Dragon Boat"},
		{"2020-06-28", true, "Sunday made a working day for Dragon Boat"},
		{"2020-06-29", true, "Monday"},
		{"2020-09-26", false, "Saturday before the National Day working Sunday"},
		{"2020-09-27", true, "Sunday made a working day for National Day"},
		{"2020-09-28", true, "Monday"},
		{"2020-09-30", true, "Wednesday before National Day"},
		{"2020-10-01", false, "National Day"},
		{"2020-10-05", false, "Monday in National Day"},
		{"2020-10-08", false, "last day of National Day"},
		{"2020-10-09", true, "Friday after National Day"},
		{"2020-10-10", true, "Saturday made a working day for National Day"},
		{"2020-10-11", false, "Sunday"},
		{"2020-10-12", true, "Monday"},
		{"2020-11-22", false, "Sunday, end of the hundred-day campaign"},
		{"2020-12-31", true, "Thursday"},
		{"2021-01-01", false, "New Year 2021"},
		{"2021-02-07", true, "Sunday made a working day 2021"},
		{"2024-02-09", true, "Spring Festival eve 2024: only encouraged off"},
		{"2025-01-28", false, "Spring Festival eve 2025: a statutory holiday"},
		{"2026-02-28", true, "Saturday made a working day 2026"},
		{"2027-01-01", true, "Friday of a year with no data"},
		{"2027-01-02", false, "Saturday of a year with no data"},
	}
	for _, tt := range tests {
		if got := c.IsWorkingDay(d(tt.date)); got != tt.working {
			t.Errorf("IsWorkingDay(%s) = %v, want %v (%s)", tt.date, got, tt.working, tt.why)
		}
	}
}

func TestKnown(t *testing.T) {
	c := Default()
	for y := 2015; y <= 2030; y++ {
		want := y >= 2020 && y <= 2026
		if got := c.Known(y); got != want {
			t.Errorf("Known(%d) = %v, want %v", y, got, want)
		}
	}
	years := c.Years()
	if len(years) != 7 || years[0] != 2020 || years[6] != 2026 {
		t.Errorf("Years() = %v", years)
	}
}

func TestBuiltinRules(t *testing.T) {
	// Total days off listed per year: the sum of the notice's "共N天"
	// (2020: Spring Festival 7 + 3 days of extension; 2023: New Year 3 with
	// 2022-12-31 outside the year).
	wantHolidays := map[int]int{2020: 30, 2021: 31, 2022: 31, 2023: 26, 2024: 28, 2025: 28, 2026: 33}
	wantWorking := map[int]int{2020: 6, 2021: 7, 2022: 7, 2023: 7, 2024: 8, 2025: 5, 2026: 6}
	c := Default()
	for _, y := range c.Years() {
		r, _ := c.Rule(y)
		if r.Year != y {
			t.Errorf("Rule(%d).Year = %d", y, r.Year)
		}
		if err := r.Validate(); err != nil {
			t.Errorf("built-in %d: %v", y, err)
		}
		if len(r.Holidays) != wantHolidays[y] || len(r.WorkingWeekends) != wantWorking[y] {
			t.Errorf("built-in %d: %d holidays, %d working weekend days; want %d, %d",
				y, len(r.Holidays), len(r.WorkingWeekends), wantHolidays[y], wantWorking[y])
		}
		// Since 2025 the notices keep at most 6 consecutive working days
		// around holidays; before, up to 7 occurred. Never more than 7.
		run := 0
		for x := (Date{y, time.January, 1}); x.Year == y; x = x.AddDays(1) {
			if c.IsWorkingDay(x) {
				run++
				if run > 7 {
					t.Errorf("built-in %d: more than 7 consecutive working days up to %s", y, x)
					break
				}
			} else {
				run = 0
			}
		}
	}
}

func TestAddWorkingDays(t *testing.T) {
	c := Default()
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2020-09-30", 3, "2020-10-12"}, // 10-09 Fri = 1, 10-10 Sat working = 2, 10-11 Sun off, 10-12 = 3
		{"2020-09-30", 0, "2020-09-30"},
		{"2020-09-30", 1, "2020-10-09"},
		{"2020-09-30", 2, "2020-10-10"},
		{"2020-09-30", 4, "2020-10-13"},
		{"2020-10-01", 0, "2020-10-09"},
		{"2020-10-03", 1, "2020-10-09"},
		{"2020-09-25", 1, "2020-09-27"}, // Friday -> the working Sunday
		{"2020-09-26", 0, "2020-09-27"}, // Saturday off -> the working Sunday
		{"2020-09-26", 1, "2020-09-27"},
		{"2020-09-25", 10, "2020-10-15"},
		{"2020-01-17", 1, "2020-01-19"},
		{"2020-01-23", 1, "2020-02-03"},
		{"2020-01-23", 0, "2020-01-23"},
		{"2020-01-24", 0, "2020-02-03"},
		{"2020-04-03", 1, "2020-04-07"},
		{"2020-04-24", 1, "2020-04-26"},
		{"2020-04-30", 1, "2020-05-06"},
		{"2020-05-08", 1, "2020-05-09"},
		{"2020-06-24", 1, "2020-06-28"},
		{"2020-06-24", 5, "2020-07-02"}, // 06-28 Sun, 06-29, 06-30, 07-01, 07-02
		{"2020-12-31", 1, "2021-01-04"},
		{"2020-08-14", 5, "2020-08-21"}, // the campaign notice's date, an ordinary week
		{"2020-08-14", 10, "2020-08-28"},
		{"2020-08-14", 16, "2020-09-07"},
		{"2020-10-12", -3, "2020-09-30"},
		{"2020-10-09", -1, "2020-09-30"},
		{"2020-10-11", -1, "2020-10-10"},
		{"2020-02-03", -1, "2020-01-23"},
		{"2020-09-28", -1, "2020-09-27"},
		{"2020-10-15", -10, "2020-09-25"},
		{"2019-12-27", 1, "2019-12-30"}, // no data for 2019: plain weekdays
		{"2027-12-31", 1, "2028-01-03"},
		{"2027-01-01", 0, "2027-01-01"},
		{"2027-01-02", 0, "2027-01-04"},
	}
	for _, tt := range tests {
		if got := c.AddWorkingDays(d(tt.from), tt.n); got != d(tt.want) {
			t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
		}
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	c := Default()
	tests := []struct {
		from, to string
		want     int
	}{
		{"2020-09-30", "2020-10-12", 3},
		{"2020-10-12", "2020-09-30", -3},
		{"2020-09-30", "2020-09-30", 0},
		{"2020-09-30", "2020-10-08", 0},
		{"2020-09-30", "2020-10-09", 1},
		{"2020-10-01", "2020-10-09", 1},
		{"2020-09-26", "2020-09-27", 1},
		{"2020-01-23", "2020-02-03", 1},
		{"2020-08-15", "2020-11-22", 66}, // the hundred-day campaign: Aug 11 + Sep 22+1 + Oct 22-6+1 + Nov 15
	}
	for _, tt := range tests {
		if got := c.WorkingDaysBetween(d(tt.from), d(tt.to)); got != tt.want {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

// bruteCount counts the working days in (a, b] one day at a time.
func bruteCount(c *Calendar, a, b Date) int {
	if b.Before(a) {
		return -bruteCount(c, b, a)
	}
	n := 0
	for x := a.AddDays(1); !x.After(b); x = x.AddDays(1) {
		if c.IsWorkingDay(x) {
			n++
		}
	}
	return n
}

// bruteAdd steps one day at a time.
func bruteAdd(c *Calendar, x Date, n int) Date {
	switch {
	case n == 0:
		for !c.IsWorkingDay(x) {
			x = x.AddDays(1)
		}
	case n > 0:
		for n > 0 {
			x = x.AddDays(1)
			if c.IsWorkingDay(x) {
				n--
			}
		}
	default:
		for n < 0 {
			x = x.AddDays(-1)
			if c.IsWorkingDay(x) {
				n++
			}
		}
	}
	return x
}

func TestHundredDayCampaignCount(t *testing.T) {
	c := Default()
	a, b := d("2020-08-15"), d("2020-11-22")
	if got, want := c.WorkingDaysBetween(a, b), bruteCount(c, a, b); got != want {
		t.Fatalf("campaign working days = %d, brute force %d", got, want)
	}
}

func TestAddAndBetweenAgree(t *testing.T) {
	// Every start date in 2020 and 2021 (and the edges of 2019 and 2022),
	// every n in -25..25.
	c := Default()
	for x := d("2019-12-01"); x.Before(d("2022-02-01")); x = x.AddDays(1) {
		for n := -25; n <= 25; n++ {
			got := c.AddWorkingDays(x, n)
			if want := bruteAdd(c, x, n); got != want {
				t.Fatalf("AddWorkingDays(%s, %d) = %s, brute force %s", x, n, got, want)
			}
			if !c.IsWorkingDay(got) {
				t.Fatalf("AddWorkingDays(%s, %d) = %s is not a working day", x, n, got)
			}
			switch {
			case n >= 1:
				if b := c.WorkingDaysBetween(x, got); b != n {
					t.Fatalf("WorkingDaysBetween(%s, AddWorkingDays(%s, %d) = %s) = %d", x, x, n, got, b)
				}
				if b := c.WorkingDaysBetween(x, got.AddDays(-1)); b != n-1 {
					t.Fatalf("AddWorkingDays(%s, %d) = %s is not the first day with %d working days", x, n, got, n)
				}
			case n == 0:
				// The first working day on or after x.
				if got.Before(x) || bruteCount(c, x.AddDays(-1), got.AddDays(-1)) != 0 {
					t.Fatalf("AddWorkingDays(%s, 0) = %s", x, got)
				}
			default:
				// |n| working days in [got, x).
				if b := bruteCount(c, got.AddDays(-1), x.AddDays(-1)); b != -n {
					t.Fatalf("AddWorkingDays(%s, %d) = %s: %d working days in between", x, n, got, b)
				}
			}
		}
	}
}

func TestWorkingDaysBetweenProperties(t *testing.T) {
	c := Default()
	r := rand.New(rand.NewPCG(2020, 1014))
	base := d("2019-06-01")
	for range 5000 {
		a := base.AddDays(r.IntN(365 * 8))
		b := base.AddDays(r.IntN(365 * 8))
		e := base.AddDays(r.IntN(365 * 8))
		ab := c.WorkingDaysBetween(a, b)
		if want := bruteCount(c, a, b); ab != want {
			t.Fatalf("WorkingDaysBetween(%s, %s) = %d, brute force %d", a, b, ab, want)
		}
		if ba := c.WorkingDaysBetween(b, a); ba != -ab {
			t.Fatalf("WorkingDaysBetween not antisymmetric for %s, %s: %d, %d", a, b, ab, ba)
		}
		if ab+c.WorkingDaysBetween(b, e) != c.WorkingDaysBetween(a, e) {
			t.Fatalf("WorkingDaysBetween not additive for %s, %s, %s", a, b, e)
		}
	}
}

func TestLongSpans(t *testing.T) {
	// The week-jumping shortcut agrees with stepping over long spans, across
	// known and unknown years.
	c := Default()
	for _, start := range []string{"2015-03-04", "2019-12-31", "2020-01-23", "2023-06-30", "2026-12-30", "2030-01-01"} {
		for _, n := range []int{6, 7, 11, 50, 251, 1000, -6, -7, -11, -50, -251, -1000} {
			x := d(start)
			if got, want := c.AddWorkingDays(x, n), bruteAdd(c, x, n); got != want {
				t.Errorf("AddWorkingDays(%s, %d) = %s, brute force %s", x, n, got, want)
			}
		}
	}
}

func TestUnknownYearsArePlainWeekdays(t *testing.T) {
	c := New(nil)
	for x := d("2030-01-01"); x.Year == 2030; x = x.AddDays(1) {
		wd := x.Weekday()
		if want := wd != time.Saturday && wd != time.Sunday; c.IsWorkingDay(x) != want {
			t.Fatalf("IsWorkingDay(%s, %s) = %v", x, wd, !want)
		}
	}
	if got := c.WorkingDaysBetween(d("2029-12-31"), d("2030-12-31")); got != 261 {
		t.Errorf("weekdays in 2030 = %d, want 261", got)
	}
	if c.Known(2020) {
		t.Errorf("an empty calendar knows 2020")
	}
}

func TestNewAndWith(t *testing.T) {
	r := YearRule{
		Year:            2030,
		Holidays:        []Date{d("2030-01-01"), d("2030-01-05")},
		WorkingWeekends: []Date{d("2030-01-05"), d("2030-01-06"), d("2030-01-07")},
	}
	// Not valid (2030-01-05 in both lists, 2030-01-07 a Monday), but New takes it.
	c := New(map[int]YearRule{2030: r})
	if c.IsWorkingDay(d("2030-01-01")) || c.IsWorkingDay(d("2030-01-05")) || !c.IsWorkingDay(d("2030-01-06")) || !c.IsWorkingDay(d("2030-01-07")) {
		t.Errorf("New with overlapping lists: holidays must win")
	}
	// New copies its input.
	r.Holidays[0] = d("2030-01-02")
	if c.IsWorkingDay(d("2030-01-01")) {
		t.Errorf("New did not copy the rule")
	}
	got, _ := c.Rule(2030)
	got.Holidays[0] = d("2030-01-03")
	if again, _ := c.Rule(2030); again.Holidays[0] != d("2030-01-01") {
		t.Errorf("Rule returned shared slices")
	}

	def := Default()
	changed := def.With(YearRule{Year: 2020, Holidays: []Date{d("2020-01-01")}}, YearRule{Year: 2027, Holidays: []Date{d("2027-01-01")}})
	if !changed.IsWorkingDay(d("2020-10-01")) || changed.IsWorkingDay(d("2027-01-01")) || !changed.Known(2027) {
		t.Errorf("With did not replace 2020 or add 2027")
	}
	if changed.IsWorkingDay(d("2021-01-01")) {
		t.Errorf("With lost 2021")
	}
	if def.IsWorkingDay(d("2020-10-01")) || def.Known(2027) || Default().Known(2027) {
		t.Errorf("With changed the default calendar")
	}
}

func TestErrorsMentionDates(t *testing.T) {
	err := YearRule{Year: 2020, WorkingWeekends: []Date{d("2020-09-28")}}.Validate()
	if err == nil || !strings.Contains(err.Error(), "2020-09-28 is a Monday") {
		t.Errorf("Validate = %v", err)
	}
}

func BenchmarkAddWorkingDays(b *testing.B) {
	c := Default()
	start := d("2020-09-25")
	for b.Loop() {
		if c.AddWorkingDays(start, 10) != (Date{2020, time.October, 15}) {
			b.Fatal("wrong result")
		}
	}
}

func BenchmarkWorkingDaysBetween(b *testing.B) {
	c := Default()
	from, to := d("2020-08-15"), d("2020-11-22")
	for b.Loop() {
		c.WorkingDaysBetween(from, to)
	}
}
