package model

import (
	"io"
	"strconv"

	"github.com/99designs/gqlgen/graphql"

	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/workday"
)

// MarshalDate writes a date as YYYY-MM-DD.
func MarshalDate(d workday.Date) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(d.String())) })
}

// UnmarshalDate reads YYYY-MM-DD.
func UnmarshalDate(v any) (workday.Date, error) {
	s, ok := v.(string)
	if !ok {
		return workday.Date{}, fault.Input("date", "a date is a string YYYY-MM-DD")
	}
	d, err := workday.ParseDate(s)
	if err != nil {
		return workday.Date{}, fault.Input("date", "a date is a string YYYY-MM-DD, such as 2020-09-30")
	}
	return d, nil
}
