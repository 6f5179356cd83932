package idcheck

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// residentWeights are the ISO 7064 MOD 11-2 weights 2^(17-i) mod 11 of the
// 17 body digits of a resident ID number (GB 11643-1999).
var residentWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// residentCheckChars maps the weighted sum mod 11 to the check character.
const residentCheckChars = "10X98765432"

// chinaZone is China Standard Time, used to decide what "today" is.
var chinaZone = time.FixedZone("CST", 8*3600)

// earliestBirth is the earliest birth date accepted in a resident ID number.
var earliestBirth = time.Date(1900, time.January, 1, 0, 0, 0, 0, time.UTC)

// ResidentIDCheckChar returns the check character ('0'-'9' or 'X') for the
// first 17 digits of a resident ID number.
func ResidentIDCheckChar(first17 string) (byte, error) {
	if n := utf8.RuneCountInString(first17); n != 17 {
		return 0, newError(FieldResidentID, ErrLength, fmt.Sprintf("body must have 17 digits, has %d characters", n))
	}
	if i := firstNonDigit(first17); i >= 0 {
		return 0, newError(FieldResidentID, ErrFormat, fmt.Sprintf("character %d must be a digit", i+1))
	}
	return residentCheckChar(first17), nil
}

// residentCheckChar computes the check character of 17 ASCII digits.
func residentCheckChar(first17 string) byte {
	sum := 0
	for i := range 17 {
		sum += int(first17[i]-'0') * residentWeights[i]
	}
	return residentCheckChars[sum%11]
}

// ResidentID validates a PRC resident ID number (GB 11643-1999) and returns
// it normalised: surrounding spaces trimmed, full-width characters turned into
// ASCII, a lowercase check character x upper-cased.
//
// It checks, in this order: 18 characters; the first 17 are digits and the
// last is a digit or X; the region code (digits 1-6) starts with a valid
// province code; the birth date (digits 7-14) is a real date from 1900-01-01
// to today in China; the ISO 7064 MOD 11-2 check character. The error wraps
// ErrLength, ErrFormat, ErrRegion, ErrBirthDate or ErrChecksum.
func ResidentID(s string) (string, error) {
	id := normalize(s)
	if n := utf8.RuneCountInString(id); n != 18 {
		if n == 15 && firstNonDigit(id) < 0 {
			return "", newError(FieldResidentID, ErrLength, "has 15 digits: that is the old first-generation number; enter the 18-character number")
		}
		return "", newError(FieldResidentID, ErrLength, fmt.Sprintf("must have 18 characters, has %d", n))
	}
	if i := firstNonDigit(id); i >= 0 && i < 17 {
		return "", newError(FieldResidentID, ErrFormat, fmt.Sprintf("character %d must be a digit", i+1))
	}
	// The first 17 characters are ASCII digits and there are 18 characters.
	if c := id[17:]; c != "X" && firstNonDigit(c) >= 0 {
		return "", newError(FieldResidentID, ErrFormat, "last character must be a digit or X")
	}
	if !provinces[id[:2]] {
		return "", newError(FieldResidentID, ErrRegion, "does not start with a valid province code")
	}
	if _, err := birthDate(id); err != nil {
		return "", err
	}
	if want := residentCheckChar(id[:17]); id[17] != want {
		return "", newError(FieldResidentID, ErrChecksum, fmt.Sprintf("check character is wrong: expected %c", want))
	}
	return id, nil
}

// birthDate reads and checks the birth date of an 18-character ASCII number
// whose first 17 characters are digits.
func birthDate(id string) (time.Time, error) {
	y := atoi(id[6:10])
	m := atoi(id[10:12])
	d := atoi(id[12:14])
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || t.Day() != d || int(t.Month()) != m {
		return time.Time{}, newError(FieldResidentID, ErrBirthDate, "birth date (digits 7-14) is not a real date")
	}
	if t.Before(earliestBirth) {
		return time.Time{}, newError(FieldResidentID, ErrBirthDate, "birth date (digits 7-14) is before 1900")
	}
	ny, nm, nd := time.Now().In(chinaZone).Date()
	if t.After(time.Date(ny, nm, nd, 0, 0, 0, 0, time.UTC)) {
		return time.Time{}, newError(FieldResidentID, ErrBirthDate, "birth date (digits 7-14) is in the future")
	}
	return t, nil
}

func atoi(digits string) int {
	n := 0
	for i := 0; i < len(digits); i++ {
		n = n*10 + int(digits[i]-'0')
	}
	return n
}

// MaskResidentID returns a form of an ID number that is safe to display: the
// first 4 and last 4 characters of an 18-character value with 10 asterisks in
// between (4101**********1234). Any other value, valid or not, is masked but
// for its last 2 characters, and one of 2 characters or fewer is masked whole;
// the number of characters is kept. Surrounding spaces are trimmed first. At
// most 8 characters of the input are ever shown.
func MaskResidentID(s string) string {
	r := []rune(strings.TrimSpace(s))
	n := len(r)
	switch {
	case n == 18:
		return string(r[:4]) + strings.Repeat("*", 10) + string(r[14:])
	case n <= 2:
		return strings.Repeat("*", n)
	default:
		return strings.Repeat("*", n-2) + string(r[n-2:])
	}
}

// BirthDate returns the birth date in a valid resident ID number, as midnight
// UTC of that civil date (read it with Date(), not in another time zone).
func BirthDate(id string) (time.Time, error) {
	v, err := ResidentID(id)
	if err != nil {
		return time.Time{}, err
	}
	return birthDate(v)
}

// Sex is the sex recorded in a resident ID number.
type Sex string

// The values of Sex.
const (
	Male   Sex = "MALE"
	Female Sex = "FEMALE"
)

// Gender returns the sex recorded in a valid resident ID number: the 17th
// digit (the sequence code's last digit) is odd for men, even for women.
func Gender(id string) (Sex, error) {
	v, err := ResidentID(id)
	if err != nil {
		return "", err
	}
	if (v[16]-'0')%2 == 1 {
		return Male, nil
	}
	return Female, nil
}
