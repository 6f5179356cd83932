package main

import (
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"github.com/hnvt/bairi/internal/fault"
	"github.com/hnvt/bairi/internal/tenday/bulletin"
	"github.com/hnvt/bairi/internal/workday"
)

// The fonts of the bulletin's PDF: a CJK TrueType font for the Chinese and a
// Latin one for digits and letters (the CJK fallback font has no Latin
// glyphs). Debian's fonts-droid-fallback and fonts-dejavu-core
// (.ci/ensure-fonts.sh installs them; the Dockerfile copies them); PDF_FONT
// and PDF_LATIN_FONT name other files.
const (
	defaultCJKFont   = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
	defaultLatinFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
)

// pdfFonts holds the two fonts' bytes, read once.
type pdfFonts struct {
	once       sync.Once
	cjk, latin []byte
	err        error
}

func (f *pdfFonts) load(cjk, latin string) error {
	f.once.Do(func() {
		if f.cjk, f.err = os.ReadFile(cjk); f.err != nil {
			return
		}
		f.latin, f.err = os.ReadFile(latin)
	})
	return f.err
}

// exportBulletin is the monthly bulletin (?month=2020-10) as a PDF an office
// can send as is: the same content as the monthlyBulletin query, for the
// viewer's level below.
func (a *app) exportBulletin(w http.ResponseWriter, r *http.Request) {
	if !a.requireViewer(w, r) {
		return
	}
	ctx := exportContext(r)
	b, err := a.resolver.Bulletin.Make(r.Context(), r.URL.Query().Get("month"), a.clock.Now())
	if err != nil {
		if f, ok := fault.As(err); ok {
			status := map[fault.Code]int{fault.BadUserInput: http.StatusBadRequest, fault.Forbidden: http.StatusForbidden,
				fault.NotFound: http.StatusNotFound, fault.Unauthenticated: http.StatusUnauthorized}[f.Code]
			if status != 0 {
				http.Error(w, f.Text(ctx), status)
				return
			}
		}
		a.exportFailed(w, r, err)
		return
	}
	if err := a.fonts.load(a.cfg.PDFFont, a.cfg.PDFLatinFont); err != nil {
		a.log.ErrorContext(r.Context(), "bulletin font", "error", err.Error())
		http.Error(w, fault.Say(ctx, "the PDF font is missing on the server (PDF_FONT): print the bulletin page instead"), http.StatusServiceUnavailable)
		return
	}
	pdf := renderBulletin(b, a.fonts.cjk, a.fonts.latin)
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="bulletin-%s.pdf"`, b.Month))
	w.Header().Set("Cache-Control", "private, no-store")
	if err := pdf.Output(w); err != nil {
		a.log.ErrorContext(r.Context(), "bulletin pdf", "error", err.Error())
	}
}

// mixed writes text that mixes Chinese and Latin in runs of one font each.
type mixed struct {
	pdf  *fpdf.Fpdf
	size float64
}

// latinRune: below the CJK blocks (U+2E80), the Latin font's (digits,
// letters, ·, —); from there on the CJK font's (汉字, 、，（）).
func latinRune(r rune) bool { return r < 0x2E80 }

// runs splits s into runs of the Latin font's and of the CJK font's characters.
func runs(s string) (out []string, latin []bool) {
	for len(s) > 0 {
		r, _ := utf8.DecodeRuneInString(s)
		isLatin := latinRune(r)
		i := strings.IndexFunc(s, func(c rune) bool { return latinRune(c) != isLatin })
		if i < 0 {
			i = len(s)
		}
		out, latin = append(out, s[:i]), append(latin, isLatin)
		s = s[i:]
	}
	return out, latin
}

func (m mixed) font(latin bool) {
	if latin {
		m.pdf.SetFont("latin", "", m.size*0.9)
	} else {
		m.pdf.SetFont("cjk", "", m.size)
	}
}

func (m mixed) width(s string) float64 {
	var w float64
	parts, latin := runs(s)
	for i, p := range parts {
		m.font(latin[i])
		w += m.pdf.GetStringWidth(p)
	}
	return w
}

// cell writes s in a cell of width w (align L, C or R), with a border when border.
func (m mixed) cell(w, h float64, s string, align string, border bool) {
	x, y := m.pdf.GetXY()
	if border {
		m.pdf.Rect(x, y, w, h, "D")
	}
	tw := m.width(s)
	start := x + 1
	switch align {
	case "C":
		start = x + (w-tw)/2
	case "R":
		start = x + w - tw - 1
	}
	m.pdf.SetXY(start, y)
	parts, latin := runs(s)
	for i, p := range parts {
		m.font(latin[i])
		m.pdf.CellFormat(m.pdf.GetStringWidth(p), h, p, "", 0, "L", false, 0, "")
	}
	m.pdf.SetXY(x+w, y)
}

func pct(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }

// renderBulletin lays a bulletin out on A4: title, the time elapsed, the
// ranking table, the regions named, and the note of where the figures come
// from.
func renderBulletin(b *bulletin.Bulletin, cjk, latin []byte) *fpdf.Fpdf {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("cjk", "", cjk)
	pdf.AddUTF8FontFromBytes("latin", "", latin)
	pdf.SetTitle(fmt.Sprintf("%s职业技能提升百日攻坚行动通报（%s）", b.Region.Name, b.Month), true)
	pdf.SetMargins(12, 14, 12)
	pdf.SetAutoPageBreak(true, 14)
	pdf.AddPage()
	m := mixed{pdf: pdf, size: 16}
	month := strings.Replace(b.Month, "-", "年", 1) + "月"
	m.cell(186, 10, fmt.Sprintf("%s %s工作进展情况通报", b.Region.Name, month), "C", false)
	pdf.Ln(12)
	m.size = 10
	m.cell(186, 6, fmt.Sprintf("%s · 截至%s · 时间进度%s · 发布日期%s", b.Campaign.Name,
		b.AsOf.In(workday.China).Format("2006-01-02 15:04"), pct(b.ElapsedShare), b.IssuedOn), "C", false)
	pdf.Ln(9)

	cols := []struct {
		title string
		w     float64
	}{{"排名", 12}, {"地区", 34}, {"完成进度", 22}, {"与时间进度差", 26}, {"资金支出进度", 26}, {"逾期时限", 20}, {"未按时报送旬报", 28}, {"备注", 18}}
	m.size = 9
	pdf.SetFillColor(235, 235, 235)
	for _, c := range cols {
		m.cell(c.w, 7, c.title, "C", true)
	}
	pdf.Ln(7)
	for _, row := range b.Rows {
		if pdf.GetY() > 275 {
			pdf.AddPage()
		}
		rank, comp, gap := "—", "无任务", ""
		if row.Targeted {
			rank, comp, gap = fmt.Sprint(row.Rank), pct(row.Completion), fmt.Sprintf("%+.1f", 100*row.Gap)
		}
		money := "—"
		if row.AllocatedFen > 0 {
			money = pct(row.DisbursementRate)
		}
		var notes []string
		if row.Bottom {
			notes = append(notes, "后位")
		}
		if row.MoneyLagging {
			notes = append(notes, "资金滞后")
		}
		cells := []string{rank, row.Region.Name, comp, gap, money, fmt.Sprint(row.OverdueClocks), fmt.Sprint(len(row.Unsubmitted)), strings.Join(notes, "、")}
		for i, c := range cols {
			align := "R"
			if i == 1 || i == 7 {
				align = "L"
			}
			m.cell(c.w, 6, cells[i], align, true)
		}
		pdf.Ln(6)
	}
	pdf.Ln(4)
	m.size = 10
	names := func(rows []*bulletin.Row, pick func(*bulletin.Row) bool) string {
		var out []string
		for _, r := range rows {
			if pick(r) {
				out = append(out, r.Region.Name)
			}
		}
		if len(out) == 0 {
			return "无"
		}
		return strings.Join(out, "、")
	}
	m.cell(186, 6, "排名靠后、进度滞后于时间进度的地区："+names(b.Rows, func(r *bulletin.Row) bool { return r.Bottom }), "L", false)
	pdf.Ln(7)
	m.cell(186, 6, "资金支出进度滞后的地区："+names(b.Rows, func(r *bulletin.Row) bool { return r.MoneyLagging }), "L", false)
	pdf.Ln(7)
	m.cell(186, 6, fmt.Sprintf("本月逾期办理时限合计%d个。", b.OverdueClocks), "L", false)
	pdf.Ln(9)
	m.size = 8
	source := "数据来源：各地次月1日冻结的旬报。"
	if !b.Frozen {
		source = "数据来源：实时统计（本月尚未结束或旬报尚未冻结），以次月1日冻结的旬报为准。"
	}
	m.cell(186, 5, source+"完成进度为各项任务完成率（单项最高按100%计）的平均值。", "L", false)
	return pdf
}
