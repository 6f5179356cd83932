// Package idcheck validates the identifiers the product accepts from users:
// PRC resident ID numbers (GB 11643-1999), unified social credit codes of
// organisations (GB 32100-2015, with the GB 11714 organisation code inside)
// and administrative division codes (GB/T 2260). It has no dependencies
// beyond the standard library and holds no state.
//
// Every check returns an *Error that wraps one of the sentinel errors below,
// so that callers can test the kind with errors.Is and show Error() to the
// user. Error messages never repeat the checked value: ID numbers are
// personal data and must not end up in logs.
package idcheck

import "errors"

// Sentinel errors: every error returned by this package wraps exactly one of them.
var (
	// ErrLength: the value does not have the required number of characters.
	ErrLength = errors.New("wrong length")
	// ErrFormat: a character is not allowed at its position.
	ErrFormat = errors.New("invalid character")
	// ErrRegion: the administrative division part is not a plausible GB/T 2260 code.
	ErrRegion = errors.New("invalid region code")
	// ErrBirthDate: the birth date in a resident ID number is not a real date in range.
	ErrBirthDate = errors.New("invalid birth date")
	// ErrChecksum: a check character does not match the rest of the value.
	ErrChecksum = errors.New("wrong check character")
)

// Field names used in Error.Field.
const (
	FieldResidentID   = "resident ID number"
	FieldCreditCode   = "unified social credit code"
	FieldDivisionCode = "administrative division code"
)

// Error is a failed check: which identifier, why, and which sentinel kind.
type Error struct {
	Field  string // what was checked, e.g. FieldResidentID
	Reason string // a user-readable explanation, e.g. "check character is wrong: expected 7"
	Err    error  // one of ErrLength, ErrFormat, ErrRegion, ErrBirthDate, ErrChecksum
}

// Error returns a message a user can act on, e.g.
// "resident ID number check character is wrong: expected 7".
func (e *Error) Error() string { return e.Field + " " + e.Reason }

// Unwrap returns the sentinel kind, so that errors.Is(err, ErrChecksum) works.
func (e *Error) Unwrap() error { return e.Err }

func newError(field string, kind error, reason string) *Error {
	return &Error{Field: field, Reason: reason, Err: kind}
}
