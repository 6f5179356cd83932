package fault

import (
	"context"
	"fmt"
	"slices"
)

// RowError is one row of an all-or-nothing list that failed.
type RowError struct {
	Row     int    `json:"row"`
	Field   string `json:"field"`
	Message string `json:"message"`

	format string
	args   []any
}

// Rows is the row-by-row report of a refused list (extensions.rows), said
// in the reader's language.
type Rows []RowError

// Fail records a failed cell of a row.
func (rs *Rows) Fail(row int, field, format string, args ...any) {
	*rs = append(*rs, RowError{Row: row, Field: field, Message: fmt.Sprintf(format, args...), format: format, args: args})
}

// Refuse returns err (the refusal of the whole list) carrying these rows in
// row order, or nil when there are none.
func (rs Rows) Refuse(err error) error {
	if len(rs) == 0 {
		return nil
	}
	slices.SortStableFunc(rs, func(a, b RowError) int { return a.Row - b.Row })
	return WithDetails(err, map[string]any{"rows": rs})
}

// Localize says every row's message in the request's language.
func (rs Rows) Localize(ctx context.Context) any {
	out := make([]RowError, len(rs))
	for i, r := range rs {
		out[i] = r
		out[i].Message = Translate(ctx, r.Message, r.format, r.args)
	}
	return out
}
