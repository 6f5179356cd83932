package contractrule

import "testing"

func TestThresholdsIncludeTheNumber(t *testing.T) {
	for _, c := range []struct {
		tier      Tier
		employees int
		want      bool
	}{
		{City, 2000, true}, {City, 1999, false}, {City, 2001, true},
		{County, 500, true}, {County, 499, false},
		{Province, 100000, false},
	} {
		if got := Large(c.tier, c.employees); got != c.want {
			t.Errorf("Large(%s, %d) = %v, want %v", c.tier, c.employees, got, c.want)
		}
	}
}

func TestTierOf(t *testing.T) {
	for _, c := range []struct {
		level  string
		direct bool
		want   Tier
		ok     bool
	}{
		{"PROVINCE", false, Province, true},
		{"CITY", false, City, true},
		{"CITY", true, City, true}, // Jiyuan
		{"COUNTY", true, County, true},
		{"COUNTY", false, "", false},
	} {
		got, ok := TierOf(c.level, c.direct)
		if got != c.want || ok != c.ok {
			t.Errorf("TierOf(%s, %v) = %s %v", c.level, c.direct, got, ok)
		}
	}
	if LedgerUnit("PROVINCE", false) || !LedgerUnit("CITY", true) || LedgerUnit("COUNTY", false) {
		t.Error("LedgerUnit")
	}
}

func TestVisits(t *testing.T) {
	if s, n := Visits(Province, 1); s != VisitsDueState || n != 1 {
		t.Errorf("one visit: %s %d", s, n)
	}
	if s, n := Visits(Province, 2); s != VisitsDone || n != 0 {
		t.Errorf("two visits: %s %d", s, n)
	}
	if s, _ := Visits(City, 0); s != VisitsNotRequired {
		t.Errorf("city: %s", s)
	}
}
