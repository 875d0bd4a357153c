package vector

import (
	"bytes"
	"crypto/sha256"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"

	"github.com/boardpack/boardpack/internal/chart"
	"github.com/boardpack/boardpack/internal/doc"
	"github.com/boardpack/boardpack/internal/fonts"
)

// expected text, as pdftotext -layout extracts it, per fixture.
var expected = map[string][]string{
	"stacked-area":     {"Open cases by area and plan type", "cases", "300", "200", "North", "South", "East", "West", "Central", "225", "272", "120", "Child in need", "Child protection", "Looked after", "Source: case management system, data as at 31 March 2026"},
	"donut":            {"Referrals by source, March 2026", "148", "96", "367", "Total", "Police: 148 (40%)", "Local authority: 40 (11%)", "Anonymous: 0", "Source: front door referral log"},
	"rag-trend":        {"Improvement plan actions by RAG rating", "actions", "Oct 25", "Mar 26", "25", "14", "Red", "Amber", "Green"},
	"caseload-team":    {"Average caseload per social worker by team", "Assessment and", "Intervention North", "Leaving Care", "19.4", "22.1", "17.2", "21.0", "Target 18", "25"},
	"caseload-line":    {"Average caseload per social worker", "Apr 25", "Mar 26", "Target 18", "17.2", "25"},
	"rates-england":    {"Re-referrals within 12 months", "30%", "25%", "0%", "2020-21", "2025-26", "18.4%", "21.9%", "Our council", "England", "Statistical neighbours"},
	"starters-leavers": {"Social worker starters and leavers", "FTE", "Starters", "Leavers", "Sep 25", "5"},
	"caseload-distribution": {"Social workers by number of children allocated", "workers", "0-4 children", "15-19 children", "25+ children", "42", "18", "5",
		"Within target caseload", "Above target caseload (over 19 children)", "Source: case-level allocation export, 31 March 2026"},
	"agency-rate": {"Agency social workers, per cent of workforce", "Statistical neighbours 21.4%", "England 17.6%", "18.4%", "Apr 25", "Mar 26", "25%", "0%",
		"Source: workforce dashboard; England and statistical neighbours"},
	"kpi-visits":      {"Children in care visits on time", "100%", "90%", "80%", "Target 90%", "93%", "Apr 25", "Mar 26"},
	"kpi-assessments": {"Single assessments completed within 45", "working days", "Target 85%", "90%", "80%", "70%"},
	"kpi-supervision": {"Supervision up to date", "91%", "100%", "60%"},

	"refs-and-target":   {"Agency rate against target, England and neighbours", "Statistical neighbours 21.4%", "Region 19.9%", "England 17.6%", "Target 15%", "18.4%"},
	"refs-crowded":      {"Turnover: close comparators", "Target 16%", "England 16.3%", "Statistical neighbours 15.9%", "16.1%"},
	"refs-bar":          {"Re-referral rate by locality", "England 22.4%", "Statistical neighbours 20.8%", "23.2%", "21.0%", "19.5%", "17.1%", "North", "West"},
	"grouped-three":     {"Contacts, referrals and assessments by quarter", "children", "4,000", "3,120", "3,340", "812", "702", "n/a", "Referral ceiling 900", "Q1 2025-26", "Q4 2025-26", "Contacts", "Referrals", "Assessments"},
	"grouped-thin":      {"Starters and leavers by team, two years", "15%", "Jun 25", "Mar 27", "North", "South", "East", "Not available"},
	"highlight-colours": {"Caseload bands with one band coloured by hand", "Most workers 50", "60", "20", "15", "4", "Workers", "Above target", "0-9", "25+"},
	"bar-colours":       {"Actions by RAG rating", "Red", "Amber", "Green", "25", "14", "4"},

	"no-categories":    {"Complaints by team", chart.NoDataText},
	"no-series":        {"Agency staff", chart.NoDataText},
	"all-zero-bar":     {"Complaints upheld", "complaints", "Q1", "Q4", "0", "5"},
	"all-equal-bar":    {"Vacancies", "FTE", "North", "East", "5"},
	"single-bar":       {"Children in care", "March 2026", "412", "400"},
	"one-point-line":   {"Timeliness of EHCPs", "Mar 26", "57.5%", "Target 60%", "60%"},
	"all-missing-line": {"Care leavers in touch", chart.NoDataText},
	"gappy-line":       {"Missing episodes", "Jun 25", "12", "15"},
	"donut-all-zero":   {"Secure placements", chart.NoDataText, "(all values are zero)"},
	"donut-single":     {"Placement type", "37", "Foster care: 37 (100%)", "Residential: 0"},
	"stacked-missing":  {"Actions by status", "Workstream B", "n/a", "16", "Red", "Green"},
	"many-categories":  {"Contacts per month", "Mar 27", "1,355", "1,500"},
	"unicode":          {"Résumé of “quality” scores ? — R&D <costs>", "Team ? A", "Équipe B", "Ünit C", "45.5%", "61.3%", "70.0%", "Source: survey ? 2026"},
	"tiny-box":         {"Tiny"},

	"grouped-no-data":      {"Starters and leavers", chart.NoDataText},
	"grouped-one-category": {"Starters and leavers, March", "Mar 26", "3.5", "2.0", "Starters", "Leavers"},
	"grouped-all-equal":    {"Vacancies by team", "North", "South", "4", "Social workers", "Managers"},
	"grouped-all-zero":     {"Secure placements", "Q1", "Q2", "0", "Welfare", "Justice"},
	"grouped-missing":      {"Starters and leavers with gaps", "n/a", "May 25", "Aug 25", "5", "Starters", "Leavers"},
	"grouped-one-series":   {"Starters only", "n/a", "Jun 25", "4", "Starters"},
	"small-no-data":        {"Return interviews within 72 hours", chart.NoDataText},
	"small-one-point":      {"EHCPs issued within 20 weeks", "57.5%", "Target 60%", "Mar 26", "65%", "55%"},
	"small-all-equal":      {"Plans reviewed on time", "100%", "Target 95%", "90%"},
	"small-all-zero":       {"Children placed out of area", "children", "0", "2", "Sep 25"},
	"small-missing":        {"Care leavers in touch", "95%", "Target 90%", "80%", "Mar 26"},
	"small-negative":       {"Budget variance", "-£200k", "£200k", "£25k", "Target £0k"},
	"small-reference":      {"Agency social workers", "England 17.6%", "18.4%", "15%"},
	"small-tiny":           {"A KPI in a box too", "small for it"},
	"refs-one-point":       {"Agency rate, March", "18.4%", "England 17.6%", "Statistical neighbours 21.4%"},
	"refs-no-data":         {"Agency rate, no returns", chart.NoDataText},
	"refs-nan":             {"Reference with no value", "Comparator 2.5", "3"},
	"highlight-all":        {"Every band above target", "Above target caseload", "20-24", "7"},
	"highlight-none":       {"Highlight past the end", "0-4", "7", "3"},
	"highlight-single":     {"One band", "25+ children", "3", "Above target"},
}

// absent is text a fixture must not show.
var absent = map[string][]string{
	"kpi-visits":      {"50%", "Jun 25"}, // the axis is not from zero; only the first and last months are named
	"kpi-assessments": {"50%", "Jun 25"},
	"highlight-none":  {"Above target", "Within target"},
	"highlight-all":   {"Within target", "Workers"},
	"refs-nan":        {"Bad", "NaN"},
	"grouped-thin":    {"Apr 25 May 25"},
}

// once is text a fixture shows exactly once: a line's label is in the plot
// or in the legend, never both.
var once = map[string][]string{
	"agency-rate":     {"England 17.6%", "Statistical neighbours 21.4%"},
	"refs-and-target": {"England 17.6%", "Statistical neighbours 21.4%", "Region 19.9%", "Target 15%"},
	"refs-crowded":    {"England 16.3%", "Statistical neighbours 15.9%", "Target 16%"},
	"refs-bar":        {"England 22.4%", "Statistical neighbours 20.8%"},
	"small-negative":  {"Target £0k"},
	"grouped-thin":    {"Not available"},
}

func needTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s not installed: run scripts/test.sh, which installs qpdf and poppler-utils", name)
	}
	return p
}

// onePage draws charts on one page each and returns the PDF.
func drawPDF(t testing.TB, charts []sized) []byte {
	t.Helper()
	f := newPDF()
	for i, s := range charts {
		if i > 0 {
			f.AddPage()
		}
		f.SetFont(fonts.Family, "", 10)
		f.SetTextColor(0, 0, 0)
		if err := DrawChart(f, s.c, 20, 20, s.w, s.h); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		// The caller's text after the chart is unaffected.
		f.Text(20, 30+s.h, "After the chart")
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func check(t *testing.T, pdf []byte) (text string) {
	t.Helper()
	qpdf := needTool(t, "qpdf")
	pdftotext := needTool(t, "pdftotext")
	path := filepath.Join(t.TempDir(), "chart.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(qpdf, "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	out, err := exec.Command(pdftotext, "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// TestChartsInPDF draws every kind of chart and every edge case into a
// PDF, a page each, checks it with qpdf, and finds on each chart's page the
// title, category labels, ticks with units and value labels in the text
// pdftotext extracts. One qpdf and one pdftotext read the whole file.
func TestChartsInPDF(t *testing.T) {
	charts := append(append(boardCharts(), moreCharts()...), edgeCharts()...)
	pages := strings.Split(check(t, drawPDF(t, charts)), "\f")
	if len(pages) != len(charts)+1 || pages[len(charts)] != "" {
		t.Fatalf("pdftotext gave %d pages, want %d", len(pages)-1, len(charts))
	}
	for i, s := range charts {
		t.Run(s.name, func(t *testing.T) {
			want, ok := expected[s.name]
			if !ok {
				t.Fatalf("no expectations for %s", s.name)
			}
			text := pages[i]
			for _, w := range append(want, "After the chart") {
				if !strings.Contains(text, w) {
					t.Errorf("%q not in extracted text:\n%s", w, text)
				}
			}
			for _, w := range absent[s.name] {
				if strings.Contains(text, w) {
					t.Errorf("%q should not be in extracted text:\n%s", w, text)
				}
			}
			for _, w := range once[s.name] {
				if n := strings.Count(text, w); n != 1 {
					t.Errorf("%q appears %d times, want once:\n%s", w, n, text)
				}
			}
			// Ticks are whole multiples of 1, 2 or 5: never 7.70 or 15.40.
			if m := regexp.MustCompile(`\b\d+\.\d0\b`).FindString(text); m != "" && s.name != "unicode" && s.name != "caseload-team" {
				t.Errorf("odd tick or label %q in:\n%s", m, text)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	a := drawPDF(t, allCharts())
	b := drawPDF(t, allCharts())
	if !bytes.Equal(a, b) {
		t.Fatalf("two renderings differ: %x vs %x", sha256.Sum256(a), sha256.Sum256(b))
	}
	a, b = kpiGridPDF(t, false), kpiGridPDF(t, false)
	if !bytes.Equal(a, b) {
		t.Fatalf("two renderings of the KPI grid differ: %x vs %x", sha256.Sum256(a), sha256.Sum256(b))
	}
}

// TestKPIGrid draws twelve small KPI charts in a three-column grid of
// 55 by 32 mm boxes and finds every title, latest value and target.
func TestKPIGrid(t *testing.T) {
	text := check(t, kpiGridPDF(t, false))
	for _, w := range []string{
		"Children in care visits on time", "93%", "Target 90%",
		"Single assessments completed within 45", "working days", "Target 85%",
		"Supervision up to date", "91%",
		"Child protection plans reviewed on time", "100%", "Target 95%",
		"Re-referrals within 12 months", "17.9%", "Target 20%",
		"Care leavers in education, employment", "or training", "63%", "Target 60%",
		"Average caseload per social worker", "17.2", "Target 18",
		"Days from entering care to adoption", "409", "Target 426",
		"Agency social workers", "18.4%", "Target 15%",
		"Initial child protection conferences", "within 15 days", "78%", "Target 85%",
		"Missing episodes with a return interview", chart.NoDataText,
		"Complaints responded to on time",
	} {
		if !strings.Contains(text, w) {
			t.Errorf("%q not in the KPI grid's text:\n%s", w, text)
		}
	}
	if n := strings.Count(text, "Apr 25"); n != 11 {
		t.Errorf("%d first-month labels, want 11 (one per chart with data):\n%s", n, text)
	}
}

// textSpy records where the chart draws text, measured as the PDF renderer
// measures it.
type textSpy struct {
	*Renderer
	size  float64
	texts []spyText
}

type spyText struct {
	s              string
	x0, y0, x1, y1 float64 // cap height to half the descent, as the layout reserves
}

func (s *textSpy) SetFontSize(v float64) { s.size = v; s.Renderer.SetFontSize(v) }

func (s *textSpy) Text(body string, x, y int) {
	w := float64(s.Renderer.MeasureText(body).Width())
	em := s.size * chart.DPI / 64
	s.texts = append(s.texts, spyText{body, float64(x), float64(y) - em*0.688, float64(x) + w, float64(y) + em*0.106})
	s.Renderer.Text(body, x, y)
}

// TestNoTextOverlaps: in every fixture no two pieces of text overlap and
// all text is inside the chart's box (where the renderer clips).
func TestNoTextOverlaps(t *testing.T) {
	for _, s := range allCharts() {
		f := newPDF()
		W, H := int(math.Round(s.w*chart.PxPerMM)), int(math.Round(s.h*chart.PxPerMM))
		p, err := chart.Build(s.c, W, H)
		if err != nil {
			t.Fatal(err)
		}
		spy := &textSpy{Renderer: NewRenderer(f, 20, 20, s.w, s.h, W, H)}
		spy.Begin()
		if err := p.Render(func(int, int) (gochart.Renderer, error) { return spy, nil }, io.Discard); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		spy.End()
		const tol = 0.5 // px: rounding to whole pixels
		for i, a := range spy.texts {
			if a.x0 < -tol || a.y0 < -tol || a.x1 > float64(W)+tol || a.y1 > float64(H)+tol {
				t.Errorf("%s: %q at (%.0f,%.0f)-(%.0f,%.0f) is outside the %dx%d box", s.name, a.s, a.x0, a.y0, a.x1, a.y1, W, H)
			}
			for _, b := range spy.texts[i+1:] {
				if a.x0 < b.x1-tol && b.x0 < a.x1-tol && a.y0 < b.y1-tol && b.y0 < a.y1-tol {
					t.Errorf("%s: %q and %q overlap", s.name, a.s, b.s)
				}
			}
		}
	}
}

// TestEmojiAndControlCharacters: text fpdf cannot hold is replaced, not
// allowed to panic, in the chart and in the renderer itself.
func TestEmojiAndControlCharacters(t *testing.T) {
	c := doc.Chart{
		Kind:       doc.Line,
		Title:      "Wellbeing 😀\x00\x1b[31m score\u2028",
		Source:     "Source: 🚀 survey\r\n",
		Categories: []string{"A 😀", "B\x07", "\xff\xfe"},
		Unit:       "% 😀",
		Series:     []doc.Series{{Name: "😀😀", Values: []float64{1, 2, 3}}, {Name: "\U0010FFFF", Values: []float64{3, 2, 1}}},
		Target:     &doc.Target{Label: "Aim 😀", Value: 2},
	}
	f := newPDF()
	if err := DrawChart(f, c, 20, 20, 170, 70); err != nil {
		t.Fatal(err)
	}
	r := NewRenderer(f, 20, 100, 170, 70, 1360, 560)
	r.Begin()
	font, _ := fonts.Truetype(fonts.Regular)
	r.SetFont(font)
	r.SetFontSize(9)
	r.SetFontColor(drawing.ColorBlack)
	r.Text("direct 😀 \x01 text", 10, 40)
	r.Text("漢字 \uFFFD \uE000 \u200B end", 10, 80)
	_ = r.MeasureText("direct 😀 \x01 text")
	r.End()
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	text := check(t, buf.Bytes())
	for _, w := range []string{"Wellbeing ?", "score", "B", "??", "direct ?", "Aim ?", "Source: ? survey", "end"} {
		if !strings.Contains(text, w) {
			t.Errorf("%q not in %s", w, text)
		}
	}
}

// TestRestoresState: the chart leaves fpdf's colours, widths and font as
// the caller set them.
func TestRestoresState(t *testing.T) {
	f := newPDF()
	f.SetFont(fonts.Family, "B", 13)
	f.SetDrawColor(1, 2, 3)
	f.SetFillColor(4, 5, 6)
	f.SetTextColor(7, 8, 9)
	f.SetLineWidth(0.77)
	f.SetLineCapStyle("round")
	f.SetLineJoinStyle("bevel")
	for _, s := range boardCharts()[:3] {
		if err := DrawChart(f, s.c, 20, 20, s.w, s.h); err != nil {
			t.Fatal(err)
		}
	}
	if r, g, b := f.GetDrawColor(); r != 1 || g != 2 || b != 3 {
		t.Errorf("draw colour %d %d %d", r, g, b)
	}
	if r, g, b := f.GetFillColor(); r != 4 || g != 5 || b != 6 {
		t.Errorf("fill colour %d %d %d", r, g, b)
	}
	if r, g, b := f.GetTextColor(); r != 7 || g != 8 || b != 9 {
		t.Errorf("text colour %d %d %d", r, g, b)
	}
	if w := f.GetLineWidth(); w != 0.77 {
		t.Errorf("line width %v", w)
	}
	if f.GetLineCapStyle() != "round" || f.GetLineJoinStyle() != "bevel" {
		t.Errorf("cap %s join %s", f.GetLineCapStyle(), f.GetLineJoinStyle())
	}
	if a, _ := f.GetAlpha(); a != 1 {
		t.Errorf("alpha %v", a)
	}
	if pt, _ := f.GetFontSize(); f.GetFontFamily() != strings.ToLower(fonts.Family) || f.GetFontStyle() != "B" || pt != 13 {
		t.Errorf("font %s %s %v", f.GetFontFamily(), f.GetFontStyle(), pt)
	}
	// The graphics state nesting is balanced: the document closes.
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
}

func TestUnregisteredFont(t *testing.T) {
	f := fpdf.New("P", "mm", "A4", "")
	f.AddPage()
	if err := DrawChart(f, boardCharts()[0].c, 20, 20, 170, 70); err == nil {
		t.Fatal("no error without the font registered")
	}
	if f.Err() {
		t.Fatalf("fpdf left in error: %v", f.Error())
	}
	if err := DrawChart(nil, doc.Chart{}, 0, 0, 1, 1); err == nil {
		t.Error("no error for a nil fpdf")
	}
	if err := DrawChart(newPDF(), boardCharts()[0].c, 20, 20, 0, 70); err != nil {
		t.Errorf("empty box: %v", err)
	}
}

// TestMeasureMatchesDrawn: MeasureText's width is the width fpdf gives the
// text it draws at the size Text uses.
func TestMeasureMatchesDrawn(t *testing.T) {
	f := newPDF()
	r := NewRenderer(f, 0, 0, 170, 70, 1360, 560)
	r.SetDPI(chart.DPI)
	for _, st := range fonts.Styles {
		font, _ := fonts.Truetype(st)
		r.SetFont(font)
		for _, size := range []float64{7, 8, 9.5, 14} {
			r.SetFontSize(size)
			for _, s := range []string{"Assessment and Intervention", "1,234.5%", "Résumé — “quoted”", "WAVE Ty"} {
				measured := float64(r.MeasureText(s).Width()) * r.kx
				f.SetFont(fonts.Family, st.FpdfStyle(), r.pdfPoints())
				drawn := f.GetStringWidth(s)
				// MeasureText rounds up to whole pixels (0.125 mm).
				if measured < drawn-0.01 || measured > drawn+r.kx+0.01 {
					t.Errorf("%q at %vpt style %q: measured %.3f mm, drawn %.3f mm", s, size, st.FpdfStyle(), measured, drawn)
				}
			}
		}
	}
	// With DPI set as the chart sets it, a go-chart point is a PDF point.
	r.SetFontSize(8)
	if p := r.pdfPoints(); math.Abs(p-8) > 1e-9 {
		t.Errorf("8pt chart text is %vpt in the PDF", p)
	}
}

// TestArcDirection: arcs run clockwise on screen for a positive sweep, as
// go-chart's raster renderer draws them, and are split into quarter turns.
func TestArcDirection(t *testing.T) {
	r := NewRenderer(newPDF(), 0, 0, 100, 100, 100, 100)
	r.ArcTo(50, 50, 10, 10, 0, math.Pi/2)
	if got := r.cur; math.Abs(got.x-50) > 1e-9 || math.Abs(got.y-60) > 1e-9 {
		t.Errorf("quarter turn from 3 o'clock ends at %v, want (50, 60)", got)
	}
	if n := len(r.path); n != 2 {
		t.Errorf("%d ops for a quarter turn, want move + 1 curve", n)
	}
	// The curve's midpoint is on the circle.
	c := r.path[1].p
	p0 := pt{60, 50}
	mid := pt{(p0.x + 3*c[0].x + 3*c[1].x + c[2].x) / 8, (p0.y + 3*c[0].y + 3*c[1].y + c[2].y) / 8}
	if d := math.Hypot(mid.x-50, mid.y-50); math.Abs(d-10) > 0.01 {
		t.Errorf("arc midpoint %.4f from centre, want 10", d)
	}
	r.clearPath()
	r.ArcTo(50, 50, 10, 10, 0, -math.Pi)
	if got := r.cur; math.Abs(got.x-40) > 1e-9 || math.Abs(got.y-50) > 1e-9 || len(r.path) != 3 {
		t.Errorf("half turn back ends at %v with %d ops", got, len(r.path))
	}
	if r.path[1].p[2].y >= 50 {
		t.Errorf("negative sweep went down (clockwise): %v", r.path[1].p[2])
	}
}

// TestPaintOperators checks the content stream: invisible strokes are
// skipped, fill alpha is written, paths are painted once.
func TestPaintOperators(t *testing.T) {
	f := newPDF()
	f.SetCompression(false)
	r := NewRenderer(f, 10, 10, 100, 50, 800, 400)
	r.Begin()
	r.SetStrokeWidth(0)
	r.SetStrokeColor(drawing.ColorBlack)
	r.MoveTo(0, 0)
	r.LineTo(100, 100)
	r.Stroke() // width 0: nothing
	r.SetStrokeWidth(2)
	r.SetStrokeColor(drawing.Color{})
	r.MoveTo(0, 0)
	r.LineTo(100, 100)
	r.Stroke() // transparent: nothing
	r.SetFillColor(drawing.Color{R: 255, A: 128})
	r.Circle(20, 100, 100)
	r.Fill()
	r.SetFillColor(drawing.Color{R: 0, G: 0, B: 255, A: 255})
	r.SetStrokeColor(drawing.Color{R: 0, G: 255, B: 0, A: 255})
	r.SetStrokeDashArray([]float64{8, 4})
	r.MoveTo(200, 200)
	r.QuadCurveTo(300, 100, 400, 200)
	r.Close()
	r.FillStroke()
	r.End()
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	if n := strings.Count(s, "\nS\n"); n != 0 {
		t.Errorf("%d invisible strokes painted", n)
	}
	if !strings.Contains(s, "/ca 0.502") {
		t.Error("no fill alpha 0.502 ExtGState")
	}
	if strings.Count(s, "f*\n") != 1 || strings.Count(s, "B*\n") != 1 {
		t.Errorf("want one f* and one B*:\n%s", s)
	}
	if !strings.Contains(s, "[2.83 1.42] 0.00 d") { // 8 and 4 px at 0.125 mm/px, in points
		t.Error("dash pattern not written in points")
	}
	if strings.Count(s, " c\n") != 5 { // 4 circle quarters + 1 elevated quadratic
		t.Errorf("%d cubic curves, want 5", strings.Count(s, " c\n"))
	}
}

// TestMatchesGoChartPNG rasterises the PDF chart with pdftoppm and compares
// it with go-chart's own PNG rendering of the same chart: the same bars in
// the same places with heights proportional to their values, the donut's
// segments in the same order and direction, and the same inked area.
func TestMatchesGoChartPNG(t *testing.T) {
	pdftoppm := needTool(t, "pdftoppm")
	bars := doc.Chart{Kind: doc.Bar, Title: "Caseload", Categories: []string{"A", "B", "C", "D"}, Unit: "cases",
		Series: []doc.Series{{Name: "S", Values: []float64{12, 30, 7, 21}}}}
	donut := doc.Chart{Kind: doc.Donut, Title: "Split", Categories: []string{"A", "B", "C", "D"},
		Series: []doc.Series{{Name: "S", Values: []float64{40, 25, 20, 15}}}}
	const w, h = 120.0, 60.0
	W, H := int(w*chart.PxPerMM), int(h*chart.PxPerMM)
	raster := func(c doc.Chart) (pdfImg, pngImg image.Image) {
		f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", Size: fpdf.SizeType{Wd: w, Ht: h}})
		for _, st := range fonts.Styles {
			f.AddUTF8FontFromBytes(fonts.Family, st.FpdfStyle(), fonts.TTF(st))
		}
		f.AddPage()
		if err := DrawChart(f, c, 0, 0, w, h); err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if err := f.OutputFileAndClose(filepath.Join(dir, "c.pdf")); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "c")
		if b, err := exec.Command(pdftoppm, "-png", "-singlefile", "-scale-to-x", strconv.Itoa(W), "-scale-to-y", strconv.Itoa(H), filepath.Join(dir, "c.pdf"), out).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, b)
		}
		pdfImg = decodePNG(t, out+".png")
		b, err := chart.PNG(c, W, H)
		if err != nil {
			t.Fatal(err)
		}
		pngImg, err = png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if os.Getenv("CHART_GALLERY") != "" {
			_ = os.WriteFile(filepath.Join(os.Getenv("CHART_GALLERY"), "cmp-"+c.Title+"-gochart.png"), b, 0o644)
			cp, _ := os.ReadFile(out + ".png")
			_ = os.WriteFile(filepath.Join(os.Getenv("CHART_GALLERY"), "cmp-"+c.Title+"-pdf.png"), cp, 0o644)
		}
		return pdfImg, pngImg
	}

	// Bars: runs of the bar colour along a row just above the baseline.
	barColour := color.RGBA{0x00, 0x44, 0x88, 0xff}
	a, b := raster(bars)
	ra, rb := barRuns(a, barColour), barRuns(b, barColour)
	if len(ra) != 4 || len(rb) != 4 {
		t.Fatalf("found %d bars in the PDF and %d in go-chart's PNG, want 4", len(ra), len(rb))
	}
	for i := range ra {
		for k := 0; k < 4; k++ {
			if d := ra[i][k] - rb[i][k]; d < -2 || d > 2 {
				t.Errorf("bar %d: PDF %v, go-chart %v", i, ra[i], rb[i])
				break
			}
		}
	}
	// Heights (bottom - top) proportional to the values.
	unit := float64(ra[1][3]-ra[1][2]) / 30
	for i, v := range []float64{12, 30, 7, 21} {
		if got := float64(ra[i][3]-ra[i][2]) / unit; math.Abs(got-v) > 0.35 {
			t.Errorf("bar %d is %.2f units tall, want %v", i, got, v)
		}
	}
	if ba, bb := inkBox(a), inkBox(b); !near(ba, bb, 4) {
		t.Errorf("inked area: PDF %v, go-chart %v", ba, bb)
	}

	// Donut: the colour at points round the ring matches.
	a, b = raster(donut)
	cx, cy, rr := ringCentre(b)
	if rr == 0 {
		t.Fatal("no ring found in go-chart's PNG")
	}
	onRing := 0
	for deg := 0; deg < 360; deg += 15 {
		th := float64(deg) * math.Pi / 180
		x, y := int(cx+math.Cos(th)*rr), int(cy+math.Sin(th)*rr)
		ca, cb := a.At(x, y), b.At(x, y)
		if !sameColour(cb, color.White, 40) {
			onRing++
		}
		if !sameColour(ca, cb, 40) {
			t.Errorf("ring at %d°: PDF %v, go-chart %v", deg, ca, cb)
		}
	}
	// Every segment is at least 54° wide: with the points on the ring,
	// each is compared; only a white gap between two may fall on one.
	if onRing < 360/15-2 {
		t.Errorf("only %d of %d points round the ring fall on go-chart's ring (centre %.0f,%.0f, radius %.0f): the segments are not all compared", onRing, 360/15, cx, cy, rr)
	}
}

func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	img, err := png.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func sameColour(a, b color.Color, tol int) bool {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	d := func(x, y uint32) bool { return math.Abs(float64(x>>8)-float64(y>>8)) <= float64(tol) }
	return d(ar, br) && d(ag, bg) && d(ab, bb)
}

// barRuns finds bars of colour c: for each run of c along the row with the
// most such pixels, its left and right x and its top and bottom y.
func barRuns(img image.Image, c color.Color) [][4]int {
	bd := img.Bounds()
	bestY, best := -1, 0
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		n := 0
		for x := bd.Min.X; x < bd.Max.X; x++ {
			if sameColour(img.At(x, y), c, 24) {
				n++
			}
		}
		if n > best {
			bestY, best = y, n
		}
	}
	var runs [][4]int
	for x := bd.Min.X; x < bd.Max.X; x++ {
		if !sameColour(img.At(x, bestY), c, 24) {
			continue
		}
		x0 := x
		for x < bd.Max.X && sameColour(img.At(x, bestY), c, 24) {
			x++
		}
		mid := (x0 + x) / 2
		top, bot := bestY, bestY
		for top > bd.Min.Y && sameColour(img.At(mid, top-1), c, 24) {
			top--
		}
		for bot < bd.Max.Y-1 && sameColour(img.At(mid, bot+1), c, 24) {
			bot++
		}
		if x-x0 > 3 {
			runs = append(runs, [4]int{x0, x - 1, top, bot})
		}
	}
	return runs
}

// inkBox is the bounding box of pixels that are not near-white.
func inkBox(img image.Image) [4]int {
	bd := img.Bounds()
	box := [4]int{bd.Max.X, bd.Max.Y, -1, -1}
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			if !sameColour(img.At(x, y), color.White, 60) {
				box[0], box[1] = min(box[0], x), min(box[1], y)
				box[2], box[3] = max(box[2], x), max(box[3], y)
			}
		}
	}
	return box
}

func near(a, b [4]int, tol int) bool {
	for i := range a {
		if d := a[i] - b[i]; d < -tol || d > tol {
			return false
		}
	}
	return true
}

// ringCentre finds the donut in img: the centre and mid-ring radius of the
// pixels in the segments' colours. Greys (the title's and the total's
// anti-aliased edges) are not the ring.
func ringCentre(img image.Image) (cx, cy, r float64) {
	bd := img.Bounds()
	x0, y0, x1, y1 := bd.Max.X, bd.Max.Y, -1, -1
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X/2; x++ { // the donut is left of the legend
			rr, g, b, _ := img.At(x, y).RGBA()
			if max(rr, g, b)>>8-min(rr, g, b)>>8 > 40 {
				x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
			}
		}
	}
	if x1 < 0 {
		return 0, 0, 0
	}
	cx, cy = float64(x0+x1)/2, float64(y0+y1)/2
	outer := float64(x1-x0) / 2
	return cx, cy, outer * (1 + 0.58) / 2
}

// TestGoChartNativeChart draws one of go-chart's own charts (a line chart
// with a rotated axis name, which uses SetTextRotation) through the
// renderer and compares the raster with go-chart's PNG: nearly every inked
// pixel of one has an inked pixel within 2 px in the other.
func TestGoChartNativeChart(t *testing.T) {
	pdftoppm := needTool(t, "pdftoppm")
	font, _ := fonts.Truetype(fonts.Regular)
	const w, h = 120.0, 60.0
	W, H := int(w*chart.PxPerMM), int(h*chart.PxPerMM)
	gc := gochart.Chart{
		Width: W, Height: H, DPI: chart.DPI, Font: font,
		YAxis: gochart.YAxis{Name: "Thousands"},
		Series: []gochart.Series{gochart.ContinuousSeries{
			XValues: []float64{1, 2, 3, 4, 5, 6, 7, 8},
			YValues: []float64{3, 5, 4, 8, 7, 9, 12, 10},
		}},
	}
	var pngBuf bytes.Buffer
	if err := gc.Render(gochart.PNG, &pngBuf); err != nil {
		t.Fatal(err)
	}
	pngBytes := bytes.Clone(pngBuf.Bytes())
	want, err := png.Decode(&pngBuf)
	if err != nil {
		t.Fatal(err)
	}
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", Size: fpdf.SizeType{Wd: w, Ht: h}})
	for _, st := range fonts.Styles {
		f.AddUTF8FontFromBytes(fonts.Family, st.FpdfStyle(), fonts.TTF(st))
	}
	f.AddPage()
	r := NewRenderer(f, 0, 0, w, h, W, H)
	r.Begin()
	if err := gc.Render(func(int, int) (gochart.Renderer, error) { return r, nil }, io.Discard); err != nil {
		t.Fatal(err)
	}
	r.End()
	dir := t.TempDir()
	if err := f.OutputFileAndClose(filepath.Join(dir, "g.pdf")); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command(pdftoppm, "-png", "-singlefile", "-scale-to-x", strconv.Itoa(W), "-scale-to-y", strconv.Itoa(H), filepath.Join(dir, "g.pdf"), filepath.Join(dir, "g")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, b)
	}
	got := decodePNG(t, filepath.Join(dir, "g.png"))
	if g := os.Getenv("CHART_GALLERY"); g != "" {
		_ = os.WriteFile(filepath.Join(g, "native-gochart.png"), pngBytes, 0o644)
		b, _ := os.ReadFile(filepath.Join(dir, "g.png"))
		_ = os.WriteFile(filepath.Join(g, "native-pdf.png"), b, 0o644)
	}
	if a, b := inkMatch(got, want, 2), inkMatch(want, got, 2); a < 0.97 || b < 0.97 {
		t.Errorf("ink matched %.3f (PDF in go-chart) and %.3f (go-chart in PDF), want >= 0.97", a, b)
	}
	if ba, bb := inkBox(got), inkBox(want); !near(ba, bb, 4) {
		t.Errorf("inked area: PDF %v, go-chart %v", ba, bb)
	}
}

// inkMatch is the fraction of a's inked pixels with an inked pixel of b
// within d pixels.
func inkMatch(a, b image.Image, d int) float64 {
	ink := func(img image.Image, x, y int) bool { return !sameColour(img.At(x, y), color.White, 90) }
	bd := a.Bounds()
	n, ok := 0, 0
	for y := bd.Min.Y; y < bd.Max.Y; y++ {
		for x := bd.Min.X; x < bd.Max.X; x++ {
			if !ink(a, x, y) {
				continue
			}
			n++
		search:
			for dy := -d; dy <= d; dy++ {
				for dx := -d; dx <= d; dx++ {
					if ink(b, x+dx, y+dy) {
						ok++
						break search
					}
				}
			}
		}
	}
	if n == 0 {
		return 0
	}
	return float64(ok) / float64(n)
}

// TestConcurrentDraw draws charts into separate documents at once (run
// with -race: the measuring faces are shared).
func TestConcurrentDraw(t *testing.T) {
	done := make(chan error)
	for i := 0; i < 4; i++ {
		go func() {
			f := newPDF()
			for _, s := range boardCharts() {
				if err := DrawChart(f, s.c, 20, 20, s.w, s.h); err != nil {
					done <- err
					return
				}
			}
			done <- f.Output(io.Discard)
		}()
	}
	for i := 0; i < 4; i++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
