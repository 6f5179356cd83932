// Package certno makes and checks certificate numbers: 18 characters, the
// issuing region's GB/T 2260 code, the year, a 7-digit serial and an ISO 7064
// MOD 11-2 check character, so that a mistyped number is told apart from an
// unknown one.
package certno

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hnvt/bairi/internal/idcheck"
)

// Errors of Check.
var (
	ErrFormat   = errors.New("a certificate number has 18 characters: 17 digits and a check character (0-9 or X)")
	ErrChecksum = errors.New("the check character does not match: the number was probably mistyped")
)

// Make builds a number from a region code, a year and a serial.
func Make(region string, year, serial int) (string, error) {
	if len(region) != 6 || year < 1900 || year > 9999 || serial < 0 || serial > 9_999_999 {
		return "", fmt.Errorf("certno: bad parts %q %d %d", region, year, serial)
	}
	first := fmt.Sprintf("%s%04d%07d", region, year, serial)
	c, err := idcheck.ResidentIDCheckChar(first)
	if err != nil {
		return "", err
	}
	return first + string(c), nil
}

// Check normalises a number (trims, upper-cases) and checks its form and
// check character.
func Check(s string) (string, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) != 18 {
		return "", ErrFormat
	}
	for i := 0; i < 17; i++ {
		if s[i] < '0' || s[i] > '9' {
			return "", ErrFormat
		}
	}
	want, err := idcheck.ResidentIDCheckChar(s[:17])
	if err != nil {
		return "", ErrFormat
	}
	if s[17] != want {
		if (s[17] < '0' || s[17] > '9') && s[17] != 'X' {
			return "", ErrFormat
		}
		return "", ErrChecksum
	}
	return s, nil
}

// Prefix is the part of a number shared by one region's certificates of one
// year: the region code and the year.
func Prefix(region string, year int) string { return fmt.Sprintf("%s%04d", region, year) }

// Next returns the number that follows last (a valid number) in its region
// and year: the next serial.
func Next(last string) (string, error) {
	n, err := Check(last)
	if err != nil {
		return "", err
	}
	var year, serial int
	if _, err := fmt.Sscanf(n[6:17], "%4d%7d", &year, &serial); err != nil {
		return "", ErrFormat
	}
	return Make(n[:6], year, serial+1)
}
