package certno

import (
	"errors"
	"testing"
)

func TestMakeAndCheck(t *testing.T) {
	n, err := Make("410100", 2020, 1234)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := Check(" " + n + " "); err != nil || got != n {
		t.Fatalf("Check(%q) = %q, %v", n, got, err)
	}
	// Every single-digit substitution and every adjacent transposition is caught.
	for i := 0; i < 17; i++ {
		for d := byte('0'); d <= '9'; d++ {
			if d == n[i] {
				continue
			}
			typo := n[:i] + string(d) + n[i+1:]
			if _, err := Check(typo); !errors.Is(err, ErrChecksum) {
				t.Errorf("substitution %q not caught: %v", typo, err)
			}
		}
		if i < 16 && n[i] != n[i+1] {
			typo := n[:i] + string(n[i+1]) + string(n[i]) + n[i+2:]
			if _, err := Check(typo); !errors.Is(err, ErrChecksum) {
				t.Errorf("transposition %q not caught: %v", typo, err)
			}
		}
	}
	for _, bad := range []string{"", "123", "41010020200001234Z", "4101002020000123A4"} {
		if _, err := Check(bad); !errors.Is(err, ErrFormat) {
			t.Errorf("Check(%q) = %v, want ErrFormat", bad, err)
		}
	}
}

func TestNext(t *testing.T) {
	first, err := Make("410100", 2020, 41)
	if err != nil {
		t.Fatal(err)
	}
	next, err := Next(first)
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := Make("410100", 2020, 42); next != want {
		t.Fatalf("Next(%s) = %s, want %s", first, next, want)
	}
	if next[:10] != Prefix("410100", 2020) {
		t.Fatalf("%s does not start with the region and year", next)
	}
	last, _ := Make("410100", 2020, 9_999_999)
	if _, err := Next(last); err == nil {
		t.Fatal("the serial after 9999999 does not exist")
	}
	if _, err := Next("41010020200000041"); err == nil {
		t.Fatal("a malformed number has no successor")
	}
}
