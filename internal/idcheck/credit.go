package idcheck

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// creditAlphabet is the character set of GB 32100-2015: digits and the upper
// case Latin letters without I, O, S, V and Z. A character's value in the
// check-character computation is its index here.
const creditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditWeights are 3^(i-1) mod 31 for positions 1-17 (ISO 7064 MOD 31-3 style).
var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// creditAuthorities are the registration authority codes (position 1):
// 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会,
// 9 市场监管(工商), A 中央军委改革和编制办公室, N 农业, Y 其他.
const creditAuthorities = "123456789ANY"

// orgWeights are the GB 11714-1997 weights of the 8 body characters of an
// organisation code.
var orgWeights = [8]int{3, 7, 9, 10, 5, 8, 4, 2}

// creditValue returns the GB 32100 value of c, or -1 if c is not in the alphabet.
func creditValue(c byte) int {
	return strings.IndexByte(creditAlphabet, c)
}

// CreditCodeCheckChar returns the check character (position 18) for the first
// 17 characters of a unified social credit code: 31 - (sum of value × weight
// mod 31), where 31 becomes 0. The characters must be upper case and in the
// GB 32100 alphabet; nothing else about them is checked.
func CreditCodeCheckChar(first17 string) (byte, error) {
	if n := utf8.RuneCountInString(first17); n != 17 {
		return 0, newError(FieldCreditCode, ErrLength, fmt.Sprintf("body must have 17 characters, has %d", n))
	}
	if i := firstNotInAlphabet(first17); i >= 0 {
		return 0, newError(FieldCreditCode, ErrFormat, fmt.Sprintf("character %d is not allowed", i+1))
	}
	return creditCheckChar(first17), nil
}

func creditCheckChar(first17 string) byte {
	sum := 0
	for i := range 17 {
		sum += creditValue(first17[i]) * creditWeights[i]
	}
	return creditAlphabet[(31-sum%31)%31]
}

// OrganizationCodeCheckChar returns the GB 11714-1997 check character of the
// 8 body characters of an organisation code: 11 - (sum of value × weight mod
// 11), where 10 becomes X and 11 becomes 0. Character values follow GB 11714:
// digits 0-9, letters A-Z 10-35 (the whole Latin alphabet, not the GB 32100
// index). The characters must be ASCII digits or upper case letters.
func OrganizationCodeCheckChar(first8 string) (byte, error) {
	if n := utf8.RuneCountInString(first8); n != 8 {
		return 0, newError(FieldCreditCode, ErrLength, fmt.Sprintf("organisation code body must have 8 characters, has %d", n))
	}
	for i := range 8 {
		c := first8[i]
		if !('0' <= c && c <= '9' || 'A' <= c && c <= 'Z') {
			return 0, newError(FieldCreditCode, ErrFormat, fmt.Sprintf("organisation code character %d is not allowed", i+1))
		}
	}
	return orgCheckChar(first8), nil
}

func orgCheckChar(first8 string) byte {
	sum := 0
	for i := range 8 {
		c := first8[i]
		v := int(c - '0')
		if c >= 'A' {
			v = int(c-'A') + 10
		}
		sum += v * orgWeights[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		return 'X'
	case 11:
		return '0'
	default:
		return byte('0' + c)
	}
}

// firstNotInAlphabet returns the position (in characters, from 0) of the
// first character of s outside the GB 32100 alphabet, or -1.
func firstNotInAlphabet(s string) int {
	i := 0
	for _, r := range s {
		if r >= utf8.RuneSelf || creditValue(byte(r)) < 0 {
			return i
		}
		i++
	}
	return -1
}

// CreditCode validates a unified social credit code (统一社会信用代码,
// GB 32100-2015) and returns it normalised: surrounding spaces trimmed,
// full-width characters turned into ASCII, letters upper-cased.
//
// It checks: 18 characters from the GB 32100 alphabet (digits and upper case
// letters without I, O, S, V, Z); position 1, the registration authority, one
// of 1-9, A, N, Y; position 2, the organisation type, a digit 1-9 (every type
// code the registration authorities use is a digit; 0 is unused); positions
// 3-8, the registering authority's division code, 6 digits that start with a
// valid province code, or 100000 for authorities at national level; positions
// 9-17, the organisation code (主体标识码), whose last character is its
// GB 11714 check character; position 18, the GB 32100 check character.
//
// The GB 11714 check of positions 9-17 uses GB 11714's own character values
// (A=10 ... Z=35), not the GB 32100 index: published codes such as
// 12440600MB2C07549J only verify that way. The error wraps ErrLength,
// ErrFormat, ErrRegion or ErrChecksum.
func CreditCode(s string) (string, error) {
	code := normalize(s)
	if n := utf8.RuneCountInString(code); n != 18 {
		return "", newError(FieldCreditCode, ErrLength, fmt.Sprintf("must have 18 characters, has %d", n))
	}
	if i := firstNotInAlphabet(code); i >= 0 {
		return "", newError(FieldCreditCode, ErrFormat, fmt.Sprintf("character %d is not allowed (only digits and the letters other than I, O, S, V, Z)", i+1))
	}
	// code is now 18 ASCII characters.
	if strings.IndexByte(creditAuthorities, code[0]) < 0 {
		return "", newError(FieldCreditCode, ErrFormat, "first character (registration authority) must be one of 1-9, A, N, Y")
	}
	if code[1] < '1' || code[1] > '9' {
		return "", newError(FieldCreditCode, ErrFormat, "second character (organisation type) must be a digit from 1 to 9")
	}
	if i := firstNonDigit(code[2:8]); i >= 0 {
		return "", newError(FieldCreditCode, ErrFormat, fmt.Sprintf("character %d must be a digit (characters 3-8 are a division code)", i+3))
	}
	if div := code[2:8]; div != "100000" && !provinces[div[:2]] {
		return "", newError(FieldCreditCode, ErrRegion, "characters 3-8 are not a valid division code")
	}
	if c := code[16]; c != 'X' && (c < '0' || c > '9') {
		return "", newError(FieldCreditCode, ErrFormat, "character 17 (the organisation code's check character) must be a digit or X")
	}
	if want := orgCheckChar(code[8:16]); code[16] != want {
		return "", newError(FieldCreditCode, ErrChecksum, "organisation code (characters 9-17) fails its check: a character is mistyped")
	}
	if want := creditCheckChar(code[:17]); code[17] != want {
		return "", newError(FieldCreditCode, ErrChecksum, fmt.Sprintf("check character is wrong: expected %c", want))
	}
	return code, nil
}
