package main

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/hnvt/bairi/internal/workday"
)

const tenDayQ = `query($r:String!, $f:Date!, $t:Date!){ tenDayReports(regionCode:$r, from:$f, to:$t){ id version status comment
	correctionReason late dueAt submittedAt disbursementRate allowedActions period { start end } figures { category cumulative period } region { code } } }`

// tenDayReport is the selection of tenDayQ.
type tenDayReport struct {
	ID               string `json:"id"`
	Version          int    `json:"version"`
	Status           string `json:"status"`
	Comment          string `json:"comment"`
	CorrectionReason string `json:"correctionReason"`
	Late             bool   `json:"late"`
	DueAt            time.Time
	SubmittedAt      *time.Time `json:"submittedAt"`
	AllowedActions   []string   `json:"allowedActions"`
	Period           struct {
		Start string `json:"start"`
		End   string `json:"end"`
	} `json:"period"`
	Figures []struct {
		Category   string `json:"category"`
		Cumulative int    `json:"cumulative"`
		Period     int    `json:"period"`
	} `json:"figures"`
}

func (r tenDayReport) figure(category string) (cumulative, period int) {
	for _, f := range r.Figures {
		if f.Category == category {
			return f.Cumulative, f.Period
		}
	}
	return -1, -1
}

// TestTenDayReports (R9): the job freezes one report per region on each
// report day (the 21st, and 1 October, a holiday, for 21–30 September:
// due by the end of 9 October, the first working day), never a second; the
// figures are cumulative and for the ten days; the region's own officials
// submit it, after which it never changes and a correction is a new version
// with its reason; the regions that have not submitted are listed for the
// level above, a report not submitted by its due time is late.
func TestTenDayReports(t *testing.T) {
	forEachStackWith(t, map[string]string{"TENDAY_INTERVAL": "1s"}, func(t *testing.T, s *testServer) {
		w := newWorld(t, s)
		var all struct {
			Regions counted `json:"regions"`
		}
		s.must(t, w.admin, `{ regions { totalCount } }`, nil, &all)
		regions := all.Regions.TotalCount
		count := func(start string) int {
			var d struct {
				MissingTenDayReports []struct {
					Code string `json:"code"`
				} `json:"missingTenDayReports"`
			}
			s.must(t, w.admin, `query($p:Date!){ missingTenDayReports(periodStart:$p){ code } }`, map[string]any{"p": start}, &d)
			return len(d.MissingTenDayReports)
		}
		reports := func(token, region, from, to string) []tenDayReport {
			var d struct {
				TenDayReports []tenDayReport `json:"tenDayReports"`
			}
			s.must(t, token, tenDayQ, map[string]any{"r": region, "f": from, "t": to}, &d)
			return d.TenDayReports
		}

		// 21 September, just after midnight: 11–20 September is frozen for every region, once.
		s.clock.Set(time.Date(2020, 9, 21, 0, 10, 0, 0, workday.China))
		eventually(func() bool { return len(reports(w.admin, "410000", "2020-09-11", "2020-09-11")) == 1 })
		time.Sleep(2500 * time.Millisecond) // more runs of the job: nothing more
		var got int
		for _, code := range []string{"410000", "410100", "410300"} {
			got += len(reports(w.admin, code, "2020-09-01", "2020-09-30"))
		}
		if got != 3 || count("2020-09-11") != regions {
			t.Fatalf("after the 21st: %d reports of three regions, %d of %d regions not submitted", got, count("2020-09-11"), regions)
		}
		if n := s.gql(t, w.admin, `mutation{ generateTenDayReports(periodStart:"2020-09-11") }`, nil); string(n.Data) != `{"generateTenDayReports":0}` {
			t.Errorf("generating the period again: %s", n.Data)
		}

		// A class completes in Zhengzhou on 25 September: the next period counts it.
		s.clock.Set(time.Date(2020, 9, 25, 10, 0, 0, 0, workday.China))
		completedClass(t, s, w)
		s.clock.Set(time.Date(2020, 10, 1, 0, 10, 0, 0, workday.China))
		eventually(func() bool { return len(reports(w.admin, "410100", "2020-09-21", "2020-09-21")) == 1 })
		zz := reports(w.offZZ, "410100", "2020-09-21", "2020-09-21")[0]
		before := reports(w.offZZ, "410100", "2020-09-11", "2020-09-11")[0]
		c, p := zz.figure("KEY_GROUP")
		c0, _ := before.figure("KEY_GROUP")
		if c <= 0 || p != c || c0 != 0 || zz.Period.Start != "2020-09-21" || zz.Period.End != "2020-09-30" ||
			zz.DueAt.In(workday.China).Format(time.DateOnly) != "2020-10-09" || zz.Status != "DRAFT" || len(zz.Figures) != 8 {
			t.Fatalf("Zhengzhou's report of 21–30 September: %s", js(zz))
		}
		if pc, _ := reports(w.admin, "410000", "2020-09-21", "2020-09-21")[0].figure("KEY_GROUP"); pc != c {
			t.Errorf("the province counts %d, Zhengzhou %d", pc, c)
		}

		// Submitted by Zhengzhou's own officials only, then never changed.
		const submitQ = `mutation($id:ID!, $c:String){ submitTenDayReport(id:$id, comment:$c){ status comment submittedAt late } }`
		s.wantCode(t, "NOT_FOUND", w.offLY, submitQ, map[string]any{"id": zz.ID, "c": "x"})
		s.wantCode(t, "FORBIDDEN", w.staffZZ, tenDayQ, map[string]any{"r": "410100", "f": "2020-09-21", "t": "2020-09-21"})
		province := reports(w.admin, "410000", "2020-09-21", "2020-09-21")[0]
		s.wantCode(t, "NOT_FOUND", w.offZZ, submitQ, map[string]any{"id": province.ID, "c": "x"})
		if a := slices.Clone(zz.AllowedActions); len(a) != 1 || a[0] != "SUBMIT" {
			t.Errorf("Zhengzhou's actions: %v", a)
		}
		s.must(t, w.offZZ, submitQ, map[string]any{"id": zz.ID, "c": "本旬完成培训30人"})
		s.wantCode(t, "CONFLICT", w.offZZ, submitQ, map[string]any{"id": zz.ID, "c": "改一下"})
		if n := count("2020-09-21"); n != regions-1 {
			t.Errorf("%d regions not submitted, want %d", n, regions-1)
		}

		// On 10 October the province's report (not submitted) is late; Zhengzhou's is not.
		s.clock.Set(time.Date(2020, 10, 10, 9, 0, 0, 0, workday.China))
		if r := reports(w.admin, "410000", "2020-09-21", "2020-09-21")[0]; !r.Late {
			t.Errorf("the province's unsubmitted report is not late: %s", js(r))
		}
		if r := reports(w.offZZ, "410100", "2020-09-21", "2020-09-21")[0]; r.Late || r.Status != "SUBMITTED" || r.Comment != "本旬完成培训30人" {
			t.Errorf("Zhengzhou's submitted report: %s", js(r))
		}

		// A correction is a new version; the submitted one stands.
		const correctQ = `mutation($id:ID!, $r:String!){ correctTenDayReport(id:$id, reason:$r){ version status correctionReason } }`
		s.wantCode(t, "BAD_USER_INPUT", w.offZZ, correctQ, map[string]any{"id": zz.ID, "r": " "})
		s.wantCode(t, "NOT_FOUND", w.offLY, correctQ, map[string]any{"id": zz.ID, "r": "漏报"})
		s.must(t, w.offZZ, correctQ, map[string]any{"id": zz.ID, "r": "漏报一个班"})
		versions := reports(w.offZZ, "410100", "2020-09-21", "2020-09-21")
		if len(versions) != 2 || versions[0].Version != 2 || versions[0].Status != "DRAFT" || versions[0].CorrectionReason != "漏报一个班" ||
			versions[1].Version != 1 || versions[1].Status != "SUBMITTED" || versions[1].Comment != "本旬完成培训30人" {
			t.Errorf("versions: %s", js(versions))
		}
		s.wantCode(t, "CONFLICT", w.offZZ, correctQ, map[string]any{"id": zz.ID, "r": "再改"})

		// The offices' sheet (附件2): a row per region of the viewer's scope, its latest version.
		status, body := s.get(t, w.offZZ, "/exports/ten-day-reports.xlsx?period=2020-09-21")
		if status != http.StatusOK {
			t.Fatalf("export: %d %s", status, body)
		}
		book, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		sheet, _ := book.GetRows("Sheet1")
		col := slices.Index(sheet[0], "企业职工技能提升培训累计")
		kg := slices.Index(sheet[0], "就业重点群体培训累计")
		if len(sheet) != 2 || col < 0 || kg < 0 || sheet[1][0] != "410100" || sheet[1][2] != "2" || sheet[1][3] != "待提交" ||
			sheet[1][kg] != fmt.Sprint(c) || !slices.Contains(sheet[0], "专账资金支出累计（元）") {
			t.Errorf("the sheet: %q", sheet)
		}
		if status, _ := s.get(t, w.offZZ, "/exports/ten-day-reports.xlsx?period=2020-09-22"); status != http.StatusBadRequest {
			t.Errorf("a period starting on the 22nd: %d", status)
		}
		s.wantCode(t, "FORBIDDEN", w.offZZ, `mutation{ generateTenDayReports(periodStart:"2020-09-21") }`, nil)
		s.wantCode(t, "BAD_USER_INPUT", w.admin, `mutation{ generateTenDayReports(periodStart:"2020-09-22") }`, nil)
	})
}
