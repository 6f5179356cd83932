package idcheck

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// residentSeeds and creditSeeds are also stored as files under testdata/fuzz.
var residentSeeds = []string{
	"11010519491231002X",
	"11010519491231002x",
	" 410102199001011234 ",
	"１１０１０５１９４９１２３１００２Ｘ",
	"110105194912310021",
	"110105491231002",
	"41010219000229001X",
	"00010519491231002X",
	"",
	"\xff\xfe",
}

var creditSeeds = []string{
	"91350100M000100Y43",
	"91110000600037341L",
	"12440600MB2C07549J",
	"91350100m000100y43",
	"91350100M000100Y44",
	"91350100I000100Y43",
	"01350100M000100Y43",
	"",
}

// checkMask verifies that the masked form of s shows at most 8 characters of
// it and keeps its length.
func checkMask(t *testing.T, s string) {
	m := MaskResidentID(s)
	in := []rune(strings.TrimSpace(s))
	out := []rune(m)
	if len(out) != len(in) {
		t.Fatalf("MaskResidentID(%q) = %q: %d characters, want %d", s, m, len(out), len(in))
	}
	shown := 0
	for i, r := range out {
		if r != '*' {
			shown++
			if r != in[i] {
				t.Fatalf("MaskResidentID(%q) = %q: character %d changed", s, m, i+1)
			}
		}
	}
	if shown > 8 {
		t.Fatalf("MaskResidentID(%q) = %q shows %d characters", s, m, shown)
	}
	if len(in) != 18 && len(in) > 2 && string(out[:len(in)-2]) != strings.Repeat("*", len(in)-2) {
		t.Fatalf("MaskResidentID(%q) = %q shows more than the last 2 characters", s, m)
	}
}

func FuzzResidentID(f *testing.F) {
	for _, s := range residentSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkMask(t, s)
		id, err := ResidentID(s)
		if err != nil {
			if id != "" {
				t.Fatalf("ResidentID(%q) = %q with error %v", s, id, err)
			}
			if _, ok := err.(*Error); !ok {
				t.Fatalf("ResidentID(%q) error %T is not *Error", s, err)
			}
			return
		}
		if len(id) != 18 || !utf8.ValidString(id) {
			t.Fatalf("ResidentID(%q) = %q: not 18 ASCII characters", s, id)
		}
		c, err := ResidentIDCheckChar(id[:17])
		if err != nil || c != id[17] {
			t.Fatalf("ResidentID(%q) = %q: check character recomputes to %q, %v", s, id, c, err)
		}
		again, err := ResidentID(id)
		if err != nil || again != id {
			t.Fatalf("ResidentID(%q) = %q, not idempotent: %q, %v", s, id, again, err)
		}
		if m := MaskResidentID(id); m != id[:4]+"**********"+id[14:] {
			t.Fatalf("MaskResidentID(%q) = %q", id, m)
		}
		if _, err := BirthDate(id); err != nil {
			t.Fatalf("BirthDate(%q): %v", id, err)
		}
		if _, err := Gender(id); err != nil {
			t.Fatalf("Gender(%q): %v", id, err)
		}
		if err := DivisionCode(id[:6]); err != nil && err.(*Error).Err == ErrRegion {
			t.Fatalf("ResidentID(%q) accepted region %q: %v", s, id[:6], err)
		}
	})
}

func FuzzCreditCode(f *testing.F) {
	for _, s := range creditSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		code, err := CreditCode(s)
		if err != nil {
			if code != "" {
				t.Fatalf("CreditCode(%q) = %q with error %v", s, code, err)
			}
			if _, ok := err.(*Error); !ok {
				t.Fatalf("CreditCode(%q) error %T is not *Error", s, err)
			}
			return
		}
		if len(code) != 18 {
			t.Fatalf("CreditCode(%q) = %q: not 18 ASCII characters", s, code)
		}
		for i := 0; i < len(code); i++ {
			if !strings.Contains(creditAlphabet, code[i:i+1]) {
				t.Fatalf("CreditCode(%q) = %q: character %d outside the alphabet", s, code, i+1)
			}
		}
		c, err := CreditCodeCheckChar(code[:17])
		if err != nil || c != code[17] {
			t.Fatalf("CreditCode(%q) = %q: check character recomputes to %q, %v", s, code, c, err)
		}
		o, err := OrganizationCodeCheckChar(code[8:16])
		if err != nil || o != code[16] {
			t.Fatalf("CreditCode(%q) = %q: organisation check recomputes to %q, %v", s, code, o, err)
		}
		again, err := CreditCode(code)
		if err != nil || again != code {
			t.Fatalf("CreditCode(%q) = %q, not idempotent: %q, %v", s, code, again, err)
		}
		if div := code[2:8]; div != "100000" {
			if err := DivisionCode(div); err != nil {
				t.Fatalf("CreditCode(%q) accepted division %q: %v", s, div, err)
			}
		}
	})
}
