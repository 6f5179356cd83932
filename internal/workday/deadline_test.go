package workday

import (
	"testing"
	"time"
)

// cst returns an instant given in China time.
func cst(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04:05", s, China)
	if err != nil {
		panic(err)
	}
	return t
}

func endOfDay(s string) time.Time {
	return cst(s + " 23:59:59").Add(999999999 * time.Nanosecond)
}

func TestDueAt(t *testing.T) {
	c := Default()
	tests := []struct {
		accepted time.Time
		n        int
		want     string // date whose end is due
	}{
		{cst("2020-09-30 10:00:00"), 3, "2020-10-12"},
		{cst("2020-09-30 23:59:59"), 0, "2020-09-30"},
		{cst("2020-09-30 00:00:00"), 1, "2020-10-09"},
		{cst("2020-10-01 09:00:00"), 0, "2020-10-09"},                     // accepted on a holiday
		{cst("2020-09-26 10:00:00"), 0, "2020-09-27"},                     // Saturday before a working Sunday
		{cst("2020-10-17 10:00:00"), 0, "2020-10-19"},                     // ordinary Saturday -> Monday
		{cst("2020-10-17 10:00:00"), 3, "2020-10-21"},                     // Saturday + 3: Mon, Tue, Wed
		{cst("2020-09-25 16:00:00"), 10, "2020-10-15"},                    // R7: at most 10 working days in HR
		{time.Date(2020, 9, 30, 16, 30, 0, 0, time.UTC), 0, "2020-10-09"}, // 00:30 on 10-01 in China
		{time.Date(2020, 9, 30, 15, 59, 0, 0, time.UTC), 0, "2020-09-30"}, // 23:59 on 09-30 in China
	}
	for _, tt := range tests {
		got := c.DueAt(tt.accepted, tt.n)
		if want := endOfDay(tt.want); !got.Equal(want) {
			t.Errorf("DueAt(%v, %d) = %v, want %v", tt.accepted, tt.n, got, want)
		}
		if got.Location() != China {
			t.Errorf("DueAt(%v, %d) is in %v, want China", tt.accepted, tt.n, got.Location())
		}
		if !got.Add(time.Nanosecond).Equal(d(tt.want).AddDays(1).Time(China)) {
			t.Errorf("DueAt(%v, %d) = %v is not the last instant of %s", tt.accepted, tt.n, got, tt.want)
		}
	}
}

func TestWorkingDayOf(t *testing.T) {
	c := Default()
	tests := map[time.Time]string{
		cst("2020-09-30 12:00:00"):                     "2020-09-30",
		cst("2020-10-01 00:00:00"):                     "2020-10-09",
		cst("2020-10-10 08:00:00"):                     "2020-10-10",
		cst("2020-10-11 08:00:00"):                     "2020-10-12",
		time.Date(2020, 10, 11, 16, 0, 0, 0, time.UTC): "2020-10-12", // 00:00 on 10-12 in China
	}
	for tm, want := range tests {
		if got := c.WorkingDayOf(tm); got != d(want) {
			t.Errorf("WorkingDayOf(%v) = %s, want %s", tm, got, want)
		}
	}
}

func TestSameWorkingDay(t *testing.T) {
	c := Default()
	tests := []struct {
		name string
		a, b time.Time
		want bool
	}{
		{"same working day, later", cst("2020-10-16 09:00:00"), cst("2020-10-16 23:59:59"), true},
		{"same working day, earlier instant", cst("2020-10-16 09:00:00"), cst("2020-10-16 08:00:00"), true},
		{"next calendar day", cst("2020-10-16 09:00:00"), cst("2020-10-17 00:00:00"), false},
		{"Friday, reviewed on Saturday", cst("2020-10-16 18:00:00"), cst("2020-10-17 10:00:00"), false},
		{"accepted Saturday, reviewed Monday night", cst("2020-10-17 10:00:00"), cst("2020-10-19 23:59:59"), true},
		{"accepted Saturday, reviewed Sunday", cst("2020-10-17 10:00:00"), cst("2020-10-18 11:00:00"), true},
		{"accepted Saturday, reviewed Tuesday", cst("2020-10-17 10:00:00"), cst("2020-10-20 00:00:00"), false},
		{"accepted on National Day, reviewed 10-09", cst("2020-10-03 10:00:00"), cst("2020-10-09 17:00:00"), true},
		{"accepted on National Day, reviewed working Saturday", cst("2020-10-03 10:00:00"), cst("2020-10-10 09:00:00"), false},
		{"accepted Saturday 09-26, due on working Sunday 09-27", cst("2020-09-26 10:00:00"), cst("2020-09-28 09:00:00"), false},
		{"midnight in China, instants in UTC", time.Date(2020, 9, 30, 15, 0, 0, 0, time.UTC), time.Date(2020, 9, 30, 16, 0, 1, 0, time.UTC), false},
		{"same China day across UTC dates", time.Date(2020, 9, 29, 17, 0, 0, 0, time.UTC), time.Date(2020, 9, 30, 15, 0, 0, 0, time.UTC), true},
	}
	for _, tt := range tests {
		if got := c.SameWorkingDay(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: SameWorkingDay(%v, %v) = %v, want %v", tt.name, tt.a, tt.b, got, tt.want)
		}
	}
}
