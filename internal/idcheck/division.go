package idcheck

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// provinces holds the two-digit province-level codes of GB/T 2260: the 31
// provinces, autonomous regions and municipalities, Taiwan (71), Hong Kong
// (81) and Macao (82).
var provinces = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true,
	"21": true, "22": true, "23": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true,
	"41": true, "42": true, "43": true, "44": true, "45": true, "46": true,
	"50": true, "51": true, "52": true, "53": true, "54": true,
	"61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true,
	"81": true, "82": true,
}

// DivisionCode checks that s is a plausible GB/T 2260 administrative division
// code: exactly 6 ASCII digits whose first two are a province-level code
// (11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81, 82). It does not look the
// code up in a list of current divisions: codes change over the years and old
// ones stay in use. Examples of valid codes: 410000, 410100, 419001.
func DivisionCode(s string) error {
	if n := utf8.RuneCountInString(s); n != 6 {
		return newError(FieldDivisionCode, ErrLength, fmt.Sprintf("must have 6 digits, has %d characters", n))
	}
	if i := firstNonDigit(s); i >= 0 {
		return newError(FieldDivisionCode, ErrFormat, fmt.Sprintf("must have only digits: character %d is not a digit", i+1))
	}
	if !provinces[s[:2]] {
		return newError(FieldDivisionCode, ErrRegion, "does not start with a valid province code")
	}
	return nil
}

// firstNonDigit returns the position (in characters, from 0) of the first
// character of s that is not an ASCII digit, or -1.
func firstNonDigit(s string) int {
	i := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return i
		}
		i++
	}
	return -1
}

// normalize trims surrounding white space (including the ideographic space
// U+3000), turns full-width digits and Latin letters (as typed with a Chinese
// input method) into ASCII, and upper-cases ASCII letters.
func normalize(s string) string {
	s = strings.TrimSpace(s)
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || ('a' <= s[i] && s[i] <= 'z') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= '０' && r <= '９':
			r = r - '０' + '0'
		case r >= 'Ａ' && r <= 'Ｚ':
			r = r - 'Ａ' + 'A'
		case r >= 'ａ' && r <= 'ｚ':
			r = r - 'ａ' + 'A'
		case r >= 'a' && r <= 'z':
			r = r - 'a' + 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}
