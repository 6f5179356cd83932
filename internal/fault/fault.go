// Package fault is the error type that carries a client-facing category
// (the GraphQL extensions.code) from schema hooks, policies and resolvers.
package fault

import (
	"errors"
	"fmt"
)

// Code is the category a client sees in extensions.code.
type Code string

// Codes a client may see.
const (
	Unauthenticated Code = "UNAUTHENTICATED"
	Forbidden       Code = "FORBIDDEN"
	BadUserInput    Code = "BAD_USER_INPUT"
	NotFound        Code = "NOT_FOUND"
	Conflict        Code = "CONFLICT"
	TooManyRequests Code = "TOO_MANY_REQUESTS"
	// Unavailable: a service the server depends on (the database, storage)
	// cannot be reached right now; the same request may succeed in a moment.
	Unavailable Code = "UNAVAILABLE"
	Internal    Code = "INTERNAL"
)

// Error is an error whose message is safe to show to the client.
type Error struct {
	Code    Code
	Field   string // the input field at fault, when there is one
	Message string
	Err     error          // the cause, never shown
	Details map[string]any // extra extensions for the client, e.g. row-by-row reports

	// format and args made Message: the message is said again in the
	// reader's language from them (see Text).
	format string
	args   []any
}

func (e *Error) Error() string {
	if e.Field != "" {
		return e.Field + ": " + e.Message
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Input reports bad input in a field.
func Input(field, format string, args ...any) error {
	return &Error{Code: BadUserInput, Field: field, Message: fmt.Sprintf(format, args...), format: format, args: args}
}

// New makes an error of the given code.
func New(code Code, format string, args ...any) error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...), format: format, args: args}
}

// As returns the fault carried by err, if any.
func As(err error) (*Error, bool) {
	var f *Error
	ok := errors.As(err, &f)
	return f, ok
}

// WithDetails adds extensions for the client to a fault (a row-by-row
// report, a retry delay) and returns it.
func WithDetails(err error, details map[string]any) error {
	if f, ok := As(err); ok {
		f.Details = details
	}
	return err
}
