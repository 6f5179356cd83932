package targets

import (
	"reflect"
	"testing"
)

// TestBreakdown: the province's 950,000 (T1) shared out among cities; a city
// with districts below it; a category not shared out yet is not reported.
func TestBreakdown(t *testing.T) {
	const prov, zz, ly, zy, jx = 1, 2, 3, 4, 5 // 中原区 and 金水区 below 郑州
	all := []Share{
		{prov, 0, "WORK_IN_LIEU", 950_000},
		{zz, prov, "WORK_IN_LIEU", 90_000},
		{ly, prov, "WORK_IN_LIEU", 850_000},
		{zy, zz, "WORK_IN_LIEU", 40_000},
		{jx, zz, "WORK_IN_LIEU", 50_000},
		{prov, 0, "FUND_SPENDING", 2_000_000_000},
		{prov, 0, "KEY_GROUP", 400_000},
		{zz, prov, "KEY_GROUP", 400_000},
	}
	got := Breakdown(all, []int{zy, zz, prov, zz})
	want := []Difference{{Region: prov, Category: "WORK_IN_LIEU", Target: 950_000, Shares: 940_000}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Breakdown = %+v, want %+v", got, want)
	}
	// Exactly shared out: nothing to report.
	all[2].Quantity = 860_000
	if got := Breakdown(all, []int{prov}); len(got) != 0 {
		t.Errorf("exact share-out reported: %+v", got)
	}
}

// TestYiToYuan: 附件1 gives spending in 亿元; 20亿元 is the campaign's T7.
func TestYiToYuan(t *testing.T) {
	for in, want := range map[string]int64{"20": 2_000_000_000, "1.25": 125_000_000, "0.00000001": 1, ".5": 50_000_000, "3.": 300_000_000} {
		if got, err := YiToYuan(in); err != nil || got != want {
			t.Errorf("YiToYuan(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", ".", "1.123456789", "-1", "1e3", "92233720368"} {
		if got, err := YiToYuan(in); err == nil {
			t.Errorf("YiToYuan(%q) = %d, want an error", in, got)
		}
	}
}

func TestUnit(t *testing.T) {
	if Unit("KEY_GROUP") != "PERSON_TIMES" || Unit("CERTIFICATION_UNIT") != "UNITS" || Unit("FUND_SPENDING") != "YUAN" || Unit("X") != "" {
		t.Error("units of the categories")
	}
}
