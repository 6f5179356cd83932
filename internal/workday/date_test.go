package workday

import (
	"encoding/json"
	"testing"
	"time"
)

func d(s string) Date { return mustDate(s) }

func TestParseDate(t *testing.T) {
	valid := map[string]Date{
		"2020-09-30": {2020, time.September, 30},
		"2020-02-29": {2020, time.February, 29},
		"2000-02-29": {2000, time.February, 29},
		"0001-01-01": {1, time.January, 1},
		"9999-12-31": {9999, time.December, 31},
	}
	for s, want := range valid {
		got, err := ParseDate(s)
		if err != nil || got != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", s, got, err, want)
		}
		if got.String() != s {
			t.Errorf("%v.String() = %q, want %q", got, got.String(), s)
		}
	}
	for _, s := range []string{"", "2020-9-30", "2020/09/30", "20200930", "2020-09-31", "2019-02-29", "1900-02-29",
		"2020-13-01", "2020-00-10", "2020-01-00", "0000-01-01", "+020-01-01", "2020-01-1a", " 2020-01-01", "2020-01-01T00:00:00Z"} {
		if got, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) = %v, want an error", s, got)
		}
	}
}

func TestDateArithmeticMatchesTime(t *testing.T) {
	// Every day from 1890 to 2110: day numbers, weekday, AddDays and NewDate
	// agree with the time package.
	start := time.Date(1890, 1, 1, 0, 0, 0, 0, time.UTC)
	first := Date{1890, time.January, 1}
	for i := 0; i < 221*366; i++ {
		tm := start.AddDate(0, 0, i)
		want := Date{tm.Year(), tm.Month(), tm.Day()}
		got := first.AddDays(i)
		if got != want {
			t.Fatalf("%v.AddDays(%d) = %v, want %v", first, i, got, want)
		}
		if got.days() != int(tm.Unix()/86400) {
			t.Fatalf("%v.days() = %d, want %d", got, got.days(), tm.Unix()/86400)
		}
		if got.Weekday() != tm.Weekday() {
			t.Fatalf("%v.Weekday() = %v, want %v", got, got.Weekday(), tm.Weekday())
		}
		if !got.IsValid() {
			t.Fatalf("%v.IsValid() = false", got)
		}
		if got.Sub(first) != i {
			t.Fatalf("%v.Sub(%v) = %d, want %d", got, first, got.Sub(first), i)
		}
	}
}

func TestDateMisc(t *testing.T) {
	if got := NewDate(2020, time.February, 30); got != d("2020-03-01") {
		t.Errorf("NewDate(2020-02-30) = %v", got)
	}
	if got := NewDate(2020, 13, 1); got != d("2021-01-01") {
		t.Errorf("NewDate(2020-13-01) = %v", got)
	}
	if got := NewDate(2021, time.January, 0); got != d("2020-12-31") {
		t.Errorf("NewDate(2021-01-00) = %v", got)
	}
	if got := d("2020-12-31").AddDays(1); got != d("2021-01-01") {
		t.Errorf("AddDays across a year = %v", got)
	}
	if got := d("2021-03-01").AddDays(-1); got != d("2021-02-28") {
		t.Errorf("AddDays(-1) = %v", got)
	}
	a, b := d("2020-09-30"), d("2020-10-01")
	if !a.Before(b) || a.After(b) || !b.After(a) || a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Errorf("comparison of %v and %v is wrong", a, b)
	}
	if !(Date{}).IsZero() || a.IsZero() || (Date{}).IsValid() {
		t.Errorf("IsZero/IsValid of the zero Date is wrong")
	}
	if (Date{2021, time.February, 29}).IsValid() {
		t.Errorf("2021-02-29 is valid")
	}
}

func TestDateTimeConversions(t *testing.T) {
	// 2020-09-30T16:30:00Z is 2020-10-01 00:30 in China.
	tm := time.Date(2020, 9, 30, 16, 30, 0, 0, time.UTC)
	if got := DateOf(tm, China); got != d("2020-10-01") {
		t.Errorf("DateOf(%v, China) = %v", tm, got)
	}
	if got := DateOf(tm, nil); got != d("2020-10-01") {
		t.Errorf("DateOf(%v, nil) = %v", tm, got)
	}
	if got := DateOf(tm, time.UTC); got != d("2020-09-30") {
		t.Errorf("DateOf(%v, UTC) = %v", tm, got)
	}
	mid := d("2020-10-01").Time(China)
	if !mid.Equal(time.Date(2020, 9, 30, 16, 0, 0, 0, time.UTC)) || mid.Location() != China {
		t.Errorf("Time(China) = %v", mid)
	}
	if got := d("2020-10-01").Time(nil); !got.Equal(mid) {
		t.Errorf("Time(nil) = %v", got)
	}
	if _, off := mid.Zone(); off != 8*3600 {
		t.Errorf("China offset = %d", off)
	}
	for _, s := range []string{"2020-01-01", "2020-10-01", "1999-12-31"} {
		if got := DateOf(d(s).Time(China), China); got != d(s) {
			t.Errorf("round trip of %s = %v", s, got)
		}
	}
}

func TestDateJSON(t *testing.T) {
	b, err := json.Marshal(struct{ D Date }{d("2020-09-30")})
	if err != nil || string(b) != `{"D":"2020-09-30"}` {
		t.Errorf("Marshal = %s, %v", b, err)
	}
	var v struct{ D Date }
	if err := json.Unmarshal([]byte(`{"D":"2020-10-10"}`), &v); err != nil || v.D != d("2020-10-10") {
		t.Errorf("Unmarshal = %v, %v", v.D, err)
	}
	if err := json.Unmarshal([]byte(`{"D":"2020-10-32"}`), &v); err == nil {
		t.Errorf("Unmarshal of an invalid date succeeded")
	}
	if _, err := json.Marshal(struct{ D Date }{}); err == nil {
		t.Errorf("Marshal of the zero Date succeeded")
	}
}
