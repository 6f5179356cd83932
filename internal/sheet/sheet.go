// Package sheet reads the offices' own tables (CSV or XLSX, English or
// Chinese headers) for all-or-nothing imports, and keeps the row-by-row
// report that the API returns as ImportReport.
package sheet

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/hnvt/bairi/internal/fault"
)

// Bounds of an uploaded table: its bytes, what an XLSX may unpack to (a
// small file can expand a hundredfold), its rows and columns, and the errors
// listed in a report.
const (
	MaxBytes       = 4 << 20
	MaxUnzipped    = 64 << 20
	MaxRows        = 20000
	MaxColumns     = 64
	MaxErrorsShown = 200
)

// RowError is one failed row (or, at row 1 without a column, the file).
type RowError struct {
	// Row is 1-based, counting the header row.
	Row     int     `json:"row"`
	Column  *string `json:"column,omitempty"`
	Message string  `json:"message"`

	// format and args made Message: it is said again in the reader's
	// language from them (Text).
	format string
	args   []any
}

// Text is the message in the request's language (see fault.Translate).
func (e *RowError) Text(ctx context.Context) string {
	return fault.Translate(ctx, e.Message, e.format, e.args)
}

// Report is the result of an all-or-nothing import: nothing is written when
// any row fails.
type Report struct {
	Ok       bool        `json:"ok"`
	Imported int         `json:"imported"`
	Errors   []*RowError `json:"errors"`
}

// NewReport returns an empty report.
func NewReport() *Report { return &Report{Errors: []*RowError{}} }

// Fail records a failed cell.
func (r *Report) Fail(row int, column, format string, args ...any) {
	c := column
	r.add(&RowError{Row: row, Column: &c, Message: fmt.Sprintf(format, args...), format: format, args: args})
}

// FailFile records a failure of the whole file (reported at row 1).
func (r *Report) FailFile(format string, args ...any) {
	r.add(&RowError{Row: 1, Message: fmt.Sprintf(format, args...), format: format, args: args})
}

// add lists an error, up to MaxErrorsShown; past them one line says so.
func (r *Report) add(e *RowError) {
	switch {
	case len(r.Errors) < MaxErrorsShown:
		r.Errors = append(r.Errors, e)
	case len(r.Errors) == MaxErrorsShown:
		const format = "more than %d errors: correct these and import again to see the rest"
		r.Errors = append(r.Errors, &RowError{Row: e.Row, Message: fmt.Sprintf(format, MaxErrorsShown), format: format, args: []any{MaxErrorsShown}})
	}
}

// Sort orders the errors by row (stable: a row's errors keep their order),
// the line that says more were left out staying last. Checks made in
// several passes over the rows report in row order this way.
func (r *Report) Sort() {
	errs := r.Errors
	if len(errs) > MaxErrorsShown {
		errs = errs[:MaxErrorsShown]
	}
	slices.SortStableFunc(errs, func(a, b *RowError) int { return a.Row - b.Row })
}

// Failed reports whether any row failed.
func (r *Report) Failed() bool { return len(r.Errors) > 0 }

// Sheet is a read table whose wanted columns were all found.
type Sheet struct {
	index map[string]int
	rows  [][]string
}

// Read reads a CSV or XLSX file (told apart by content) whose header row
// names every wanted column by one of its aliases (compared trimmed and
// lower-cased); the optional columns may be absent (their cells read empty).
// A file without data rows or without a wanted column is recorded in the
// report and gives a nil Sheet; an unreadable file is an error.
func Read(r io.Reader, columns map[string][]string, report *Report, optional ...string) (*Sheet, error) {
	rows, err := readRows(r)
	if err != nil {
		return nil, err
	}
	if len(rows) < 2 {
		report.FailFile("the file has no data rows")
		return nil, nil
	}
	index := map[string]int{}
	for i, h := range rows[0] {
		h = strings.ToLower(strings.TrimSpace(h))
		for col, aliases := range columns {
			for _, a := range aliases {
				if h == a {
					index[col] = i
				}
			}
		}
	}
	var missing []string
	for col, aliases := range columns {
		if _, ok := index[col]; !ok && !slices.Contains(optional, col) {
			missing = append(missing, header(col, aliases))
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		report.FailFile("missing column(s): %s", strings.Join(missing, ", "))
		return nil, nil
	}
	return &Sheet{index: index, rows: rows[1:]}, nil
}

// header is how a report names a column: its first Chinese alias (the
// offices' sheets have Chinese headers), else its name.
func header(col string, aliases []string) string {
	for _, a := range aliases {
		for _, r := range a {
			if r >= utf8.RuneSelf {
				return a
			}
		}
	}
	return col
}

// Each calls f for every non-empty data row with its 1-based row number
// (counting the header) and a reader of its trimmed cells by column name.
func (s *Sheet) Each(f func(row int, cell func(column string) string) error) error {
	for i, rec := range s.rows {
		if strings.Join(rec, "") == "" {
			continue
		}
		cell := func(col string) string {
			if j, ok := s.index[col]; ok && j < len(rec) {
				return strings.TrimSpace(rec[j])
			}
			return ""
		}
		if err := f(i+2, cell); err != nil {
			return err
		}
	}
	return nil
}

// readRows reads the rows of a CSV or XLSX file (told apart by content),
// within the bounds above: over them the file is bad input, read no further.
func readRows(r io.Reader) ([][]string, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxBytes {
		return nil, fault.Input("file", "the file is larger than %d MiB", MaxBytes>>20)
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return readXLSX(data)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // Excel's UTF-8 BOM
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	var rows [][]string
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, fault.Input("file", "not a readable CSV file")
		}
		if rows, err = appendRow(rows, rec); err != nil {
			return nil, err
		}
	}
}

// readXLSX reads the first sheet row by row: the worksheet is unpacked to a
// temporary file past a few MiB, and the whole unpacking stops at MaxUnzipped.
func readXLSX(data []byte) ([][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: MaxUnzipped, UnzipXMLSizeLimit: 4 << 20})
	if err != nil {
		return nil, unreadable(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fault.Input("file", "the workbook has no sheet")
	}
	it, err := f.Rows(sheets[0])
	if err != nil {
		return nil, unreadable(err)
	}
	defer it.Close()
	var rows [][]string
	for it.Next() {
		rec, err := it.Columns()
		if err != nil {
			return nil, fault.Input("file", "not a readable XLSX file")
		}
		if rows, err = appendRow(rows, rec); err != nil {
			return nil, err
		}
	}
	if err := it.Error(); err != nil {
		return nil, fault.Input("file", "not a readable XLSX file")
	}
	return rows, nil
}

// appendRow adds a row, refusing a table past MaxRows rows or MaxColumns columns.
func appendRow(rows [][]string, rec []string) ([][]string, error) {
	if len(rows) > MaxRows { // the header row does not count
		return nil, fault.Input("file", "the table has more than %d rows: split it into several files", MaxRows)
	}
	for len(rec) > 0 && strings.TrimSpace(rec[len(rec)-1]) == "" {
		rec = rec[:len(rec)-1]
	}
	if len(rec) > MaxColumns {
		return nil, fault.Input("file", "the table has more than %d columns", MaxColumns)
	}
	return append(rows, rec), nil
}

// unreadable says why excelize could not open a workbook: too big unpacked, or not a workbook.
func unreadable(err error) error {
	if strings.Contains(err.Error(), "size exceeds") {
		return fault.Input("file", "the workbook unpacks to more than %d MiB: save it again without unused rows, or as CSV", MaxUnzipped>>20)
	}
	return fault.Input("file", "not a readable XLSX file")
}
