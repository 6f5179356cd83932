package sheet

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/hnvt/bairi/internal/fault"
)

// bomb is a small XLSX whose one worksheet unpacks to about unpacked bytes
// of rows (the attack seen: 0.3 MB expanding to 93 MB took 2 GB of memory).
func bomb(t *testing.T, unpacked int) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	add := func(name, body string) {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, body)
	}
	add("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>`+
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`+
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`)
	add("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	add("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`+
		`<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	add("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)
	w, err := z.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	cell := `<c t="inlineStr"><is><t>` + strings.Repeat("A", 200) + `</t></is></c>`
	for n, written := 1, 0; written < unpacked; n++ {
		row := fmt.Sprintf(`<row r="%d">%s%s</row>`, n, cell, cell)
		io.WriteString(w, row)
		written += len(row)
	}
	io.WriteString(w, `</sheetData></worksheet>`)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestReadBounds: a workbook that unpacks past MaxUnzipped, or a table past
// MaxRows, is bad input, refused without taking the memory it asks for.
func TestReadBounds(t *testing.T) {
	cols := map[string][]string{"name": {"name"}}
	data := bomb(t, 200<<20)
	t.Logf("a %.1f MB file that unpacks to 200 MB", float64(len(data))/1e6)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := Read(bytes.NewReader(data), cols, NewReport())
	runtime.ReadMemStats(&after)
	if f, ok := fault.As(err); !ok || f.Code != fault.BadUserInput || !strings.Contains(f.Message, "unpacks to more than") {
		t.Fatalf("the bomb: %v", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<30 {
		t.Errorf("refusing the bomb allocated %d MB", grew>>20)
	}

	// One row too many, as CSV and as a (small) XLSX.
	var csv strings.Builder
	csv.WriteString("name\n")
	for i := range MaxRows + 1 {
		fmt.Fprintf(&csv, "n%d\n", i)
	}
	if _, err := Read(strings.NewReader(csv.String()), cols, NewReport()); err == nil || !strings.Contains(err.Error(), "more than 20000 rows") {
		t.Errorf("%d data rows: %v", MaxRows+1, err)
	}
	ok := strings.Join(strings.Split(csv.String(), "\n")[:MaxRows+1], "\n") // the header and MaxRows rows
	s, err := Read(strings.NewReader(ok), cols, NewReport())
	if err != nil || s == nil || len(s.rows) != MaxRows {
		t.Errorf("%d data rows refused: %v", MaxRows, err)
	}

	// A report lists MaxErrorsShown errors and one line for the rest.
	r := NewReport()
	for i := range 500 {
		r.Fail(i+2, "name", "bad %d", i)
	}
	if len(r.Errors) != MaxErrorsShown+1 || !strings.Contains(r.Errors[MaxErrorsShown].Message, "more than 200 errors") || !r.Failed() {
		t.Errorf("a report of 500 errors keeps %d", len(r.Errors))
	}
}
