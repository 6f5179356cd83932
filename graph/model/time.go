package model

import (
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/workday"
)

// MarshalTime writes a time as RFC 3339 with nanoseconds.
func MarshalTime(t time.Time) graphql.Marshaler {
	if t.IsZero() {
		return graphql.Null
	}
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(t.Format(time.RFC3339Nano)))
	})
}

// UnmarshalTime reads RFC 3339, or a bare date (YYYY-MM-DD) as midnight China time.
func UnmarshalTime(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, fault.Input("time", "a time must be a string: RFC 3339 (2020-09-01T08:00:00+08:00) or a date (2020-09-01)")
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation(time.DateOnly, s, workday.China); err == nil {
		return t, nil
	}
	return time.Time{}, fault.Input("time", "%q is not a time: use RFC 3339 (2020-09-01T08:00:00+08:00) or a date (2020-09-01)", s)
}
