package eligibility

import (
	"strings"
	"testing"

	"github.com/hnvt/bairi/internal/workday"
)

func date(s string) *workday.Date {
	d, err := workday.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return &d
}

// TestEntrepreneurship: R4's "小微企业主（5年内）" on the campaign's first day,
// 2020-08-15: a business opened exactly 5 years before is in, a day earlier
// (or 6 years before) is out; every entrepreneurship enrolment has a basis
// and no other class takes one.
func TestEntrepreneurship(t *testing.T) {
	today := *date("2020-08-15")
	for _, c := range []struct {
		category, basis string
		opened          *workday.Date
		field           string // "" when admitted
	}{
		{"ENTREPRENEURSHIP", WantsToStart, nil, ""},
		{"ENTREPRENEURSHIP", StudentOrGraduate, nil, ""},
		{"ENTREPRENEURSHIP", SmallBusinessOwner, date("2015-08-15"), ""},
		{"ENTREPRENEURSHIP", SmallBusinessOwner, date("2020-08-15"), ""},
		{"ENTREPRENEURSHIP", SmallBusinessOwner, date("2015-08-14"), "businessOpenedOn"},
		{"ENTREPRENEURSHIP", SmallBusinessOwner, date("2014-08-15"), "businessOpenedOn"},
		{"ENTREPRENEURSHIP", SmallBusinessOwner, date("2020-08-16"), "businessOpenedOn"},
		{"ENTREPRENEURSHIP", SmallBusinessOwner, nil, "businessOpenedOn"},
		{"ENTREPRENEURSHIP", WantsToStart, date("2019-01-01"), "businessOpenedOn"},
		{"ENTREPRENEURSHIP", "", nil, "entrepreneurshipBasis"},
		{"ENTREPRENEURSHIP", "RETIRED", nil, "entrepreneurshipBasis"},
		{"KEY_GROUP", "", nil, ""},
		{"KEY_GROUP", WantsToStart, nil, "entrepreneurshipBasis"},
		{"KEY_GROUP", "", date("2019-01-01"), "entrepreneurshipBasis"},
	} {
		var fields []string
		var msgs []string
		Entrepreneurship(c.category, c.basis, c.opened, today, func(field, format string, args ...any) {
			fields = append(fields, field)
			msgs = append(msgs, format)
		})
		got := strings.Join(fields, ",")
		if got != c.field {
			t.Errorf("%s %q opened %v: faults %q (%v), want %q", c.category, c.basis, c.opened, got, msgs, c.field)
		}
	}
	// A leap day: five years before 2020-02-29 is 2015-03-01.
	leap := *date("2020-02-29")
	admitted := func(opened string) bool {
		ok := true
		Entrepreneurship("ENTREPRENEURSHIP", SmallBusinessOwner, date(opened), leap, func(string, string, ...any) { ok = false })
		return ok
	}
	if !admitted("2015-03-01") || admitted("2015-02-28") {
		t.Error("five years before a leap day")
	}
}

func TestParseBasis(t *testing.T) {
	for in, want := range map[string]string{"小微企业主": SmallBusinessOwner, " wants_to_start ": WantsToStart,
		"毕业生": StudentOrGraduate, "退休": ""} {
		if got := ParseBasis(in); got != want {
			t.Errorf("ParseBasis(%q) = %q, want %q", in, got, want)
		}
	}
}
