package fen

import "testing"

func TestYuanWritesFenAsYuan(t *testing.T) {
	for fen, want := range map[int64]string{
		0: "0.00", 5: "0.05", 100: "1.00", 1234567: "12345.67", 1800000: "18000.00", -600000: "-6000.00", -1: "-0.01",
	} {
		if got := Yuan(fen); got != want {
			t.Errorf("Yuan(%d) = %q, want %q", fen, got, want)
		}
	}
}
