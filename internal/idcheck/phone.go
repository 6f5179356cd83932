package idcheck

import (
	"regexp"
	"strings"
)

var phonePattern = regexp.MustCompile(`^\+?[0-9]{5,20}$`)

// phoneSeparators are what people type between a phone number's groups.
var phoneSeparators = strings.NewReplacer(" ", "", "-", "", "(", "", ")", "", "（", "", "）", "", "\u3000", "", "\u00a0", "")

// NormalizePhone cleans a phone number as typed on a phone or found in a
// spreadsheet: full-width digits become ASCII, spaces, dashes and brackets
// go; what is left must be 5 to 20 digits with an optional leading +. It
// reports false when s is not a phone number. (src/composables/input.ts in
// the PWA cleans the same way before sending.)
func NormalizePhone(s string) (string, bool) {
	p := phoneSeparators.Replace(normalize(s))
	return p, phonePattern.MatchString(p)
}

// Phone reports whether s is a phone number once cleaned (NormalizePhone).
func Phone(s string) bool {
	_, ok := NormalizePhone(s)
	return ok
}
