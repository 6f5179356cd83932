package workday

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestYearRuleJSON(t *testing.T) {
	r := YearRule{
		Year:            2020,
		Holidays:        []Date{d("2020-10-02"), d("2020-10-01")},
		WorkingWeekends: []Date{d("2020-10-10"), d("2020-09-27")},
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"year":2020,"holidays":["2020-10-01","2020-10-02"],"workingWeekends":["2020-09-27","2020-10-10"]}`
	if string(b) != want {
		t.Errorf("Marshal = %s, want %s", b, want)
	}
	if r.Holidays[0] != d("2020-10-02") {
		t.Errorf("Marshal sorted the caller's slice")
	}
	// Empty lists are [] rather than null.
	b, _ = json.Marshal(YearRule{Year: 2027})
	if string(b) != `{"year":2027,"holidays":[],"workingWeekends":[]}` {
		t.Errorf("Marshal of an empty rule = %s", b)
	}
	// Through a pointer and inside other values too.
	b, _ = json.Marshal(map[string]*YearRule{"r": &r})
	if !strings.Contains(string(b), `"2020-09-27"`) {
		t.Errorf("Marshal through a pointer = %s", b)
	}
}

func TestYearRuleJSONRoundTrip(t *testing.T) {
	c := Default()
	for _, y := range c.Years() {
		r, _ := c.Rule(y)
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatalf("%d: %v", y, err)
		}
		got, err := ParseYearRule(b)
		if err != nil {
			t.Fatalf("%d: ParseYearRule(%s): %v", y, b, err)
		}
		slices.SortFunc(r.Holidays, Date.Compare)
		slices.SortFunc(r.WorkingWeekends, Date.Compare)
		if got.Year != y || !slices.Equal(got.Holidays, r.Holidays) || !slices.Equal(got.WorkingWeekends, r.WorkingWeekends) {
			t.Errorf("%d: round trip changed the rule:\n%+v\n%+v", y, got, r)
		}
		// The calendar built from the decoded rules is the same.
		if New(map[int]YearRule{y: got}).WorkingDaysBetween(d("2019-12-31"), d("2026-12-31")) !=
			New(map[int]YearRule{y: r}).WorkingDaysBetween(d("2019-12-31"), d("2026-12-31")) {
			t.Errorf("%d: calendars differ after the round trip", y)
		}
	}
}

func TestYearRuleUnmarshalErrors(t *testing.T) {
	tests := []struct{ in, msg string }{
		{`{"year":2020,"holidays":["2020-1-1"]}`, `holidays[0]: "2020-1-1" is not a date`},
		{`{"year":2020,"workingWeekends":["2020-09-31"]}`, `workingWeekends[0]: "2020-09-31"`},
		{`{"year":2020,"holiday":["2020-01-01"]}`, `unknown field "holiday"`},
		{`{"year":"2020"}`, `year rule`},
		{`[]`, `year rule`},
		{`{"year":2020,"holidays":[20200101]}`, `year rule`},
	}
	for _, tt := range tests {
		var r YearRule
		err := json.Unmarshal([]byte(tt.in), &r)
		if err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("Unmarshal(%s) = %v, want an error containing %q", tt.in, err, tt.msg)
		}
		if _, err := ParseYearRule([]byte(tt.in)); err == nil {
			t.Errorf("ParseYearRule(%s) succeeded", tt.in)
		}
	}
	// Missing lists decode as empty; a valid rule parses.
	r, err := ParseYearRule([]byte(`{"year":2027}`))
	if err != nil || r.Year != 2027 || len(r.Holidays) != 0 {
		t.Errorf("ParseYearRule of a bare year = %+v, %v", r, err)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		rule YearRule
		msgs []string // each must be in the error; none means valid
	}{
		{"valid", YearRule{Year: 2020, Holidays: []Date{d("2020-10-01")}, WorkingWeekends: []Date{d("2020-09-27"), d("2020-10-10")}}, nil},
		{"empty", YearRule{Year: 2027}, nil},
		{"a holiday on a weekend is fine", YearRule{Year: 2020, Holidays: []Date{d("2020-10-03")}}, nil},
		{"year 0", YearRule{}, []string{"year 0 is out of range"}},
		{"working weekday", YearRule{Year: 2020, WorkingWeekends: []Date{d("2020-09-28")}}, []string{"2020-09-28 is a Monday, not a weekend day"}},
		{"holiday outside the year", YearRule{Year: 2023, Holidays: []Date{d("2022-12-31")}}, []string{"holidays: 2022-12-31 is not in 2023"}},
		{"working day outside the year", YearRule{Year: 2021, WorkingWeekends: []Date{d("2020-10-10")}}, []string{"workingWeekends: 2020-10-10 is not in 2021"}},
		{"in both lists", YearRule{Year: 2020, Holidays: []Date{d("2020-10-10")}, WorkingWeekends: []Date{d("2020-10-10")}}, []string{"2020-10-10 is both a holiday and a working weekend day"}},
		{"listed twice", YearRule{Year: 2020, Holidays: []Date{d("2020-10-01"), d("2020-10-01")}}, []string{"holidays: 2020-10-01 is listed twice"}},
		{"invalid date", YearRule{Year: 2020, Holidays: []Date{{2020, 2, 30}}}, []string{"2020-02-30 is not a real date"}},
		{"several problems", YearRule{Year: 2020, Holidays: []Date{d("2021-01-01")}, WorkingWeekends: []Date{d("2020-09-28"), d("2019-12-28")}},
			[]string{"2021-01-01 is not in 2020", "2020-09-28 is a Monday", "2019-12-28 is not in 2020"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.rule.Validate()
			if len(tt.msgs) == 0 {
				if err != nil {
					t.Fatalf("Validate() = %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate() = nil, want %q", tt.msgs)
			}
			for _, m := range tt.msgs {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("Validate() = %q, want it to contain %q", err, m)
				}
			}
		})
	}
	// ParseYearRule refuses what Validate refuses.
	_, err := ParseYearRule([]byte(`{"year":2020,"workingWeekends":["2020-09-28"]}`))
	if err == nil || !strings.Contains(err.Error(), "Monday") {
		t.Errorf("ParseYearRule of an invalid rule = %v", err)
	}
}
