package chart

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golang/freetype/truetype"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"

	"github.com/boardpack/boardpack/internal/doc"
)

func TestNiceTicks(t *testing.T) {
	cases := []struct {
		lo, hi   float64
		maxInt   int
		integral bool
		want     string
	}{
		{0, 7.7, 5, false, "0 2 4 6 8"},
		{0, 15.4, 5, false, "0 5 10 15 20"},
		{0, 100, 5, false, "0 20 40 60 80 100"},
		{0, 93, 2, false, "0 50 100"},
		{0, 0.37, 4, false, "0.0 0.1 0.2 0.3 0.4"},
		{0, 0, 5, true, "0 1 2 3 4 5"},
		{0, 0, 5, false, "0.0 0.2 0.4 0.6 0.8 1.0"},
		{0, 3, 6, true, "0 1 2 3"},
		{0, 1, 5, true, "0 1"},
		{0, 412, 5, true, "0 100 200 300 400 500"},
		{0, 22.1, 5, false, "0 5 10 15 20 25"},
		{-12, 30, 4, true, "-20 0 20 40"},
		{-12, 30, 6, true, "-20 -10 0 10 20 30"},
		{0, 1355, 3, true, "0 500 1,000 1,500"},
		{5, 5, 5, true, "0 1 2 3 4 5"},
	}
	for _, c := range cases {
		ticks, dec := niceTicks(c.lo, c.hi, c.maxInt, c.integral)
		var got []string
		for _, v := range ticks {
			got = append(got, formatNumber(v, dec))
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("niceTicks(%v, %v, %d, %v) = %q, want %q", c.lo, c.hi, c.maxInt, c.integral, g, c.want)
		}
		// Every step is 1, 2 or 5 times a power of ten.
		step := ticks[1] - ticks[0]
		m := step / math.Pow(10, math.Floor(math.Log10(step)+1e-9))
		if math.Abs(m-1) > 1e-6 && math.Abs(m-2) > 1e-6 && math.Abs(m-5) > 1e-6 {
			t.Errorf("niceTicks(%v, %v): step %v is not 1, 2 or 5", c.lo, c.hi, step)
		}
		if len(ticks)-1 > max(c.maxInt, 5) {
			t.Errorf("niceTicks(%v, %v, %d): %d intervals", c.lo, c.hi, c.maxInt, len(ticks)-1)
		}
	}
}

func TestFormat(t *testing.T) {
	cases := []struct {
		v    float64
		dec  int
		u    string
		want string
	}{
		{1234.5, 1, "", "1,234.5"},
		{61.25, 1, "%", "61.3%"},
		{-0.0001, 1, "", "0.0"},
		{1e6, 0, "cases", "1,000,000"},
		{25, 0, "%", "25%"},
		{12.5, 1, "£k", "£12.5k"},
		{-1500, 0, "", "-1,500"},
		{-200, 0, "£k", "-£200k"},
		{-0.01, 0, "£", "£0"},
		{999.96, 1, "", "1,000.0"},
	}
	for _, c := range cases {
		if got := parseUnit(c.u).format(c.v, c.dec); got != c.want {
			t.Errorf("format(%v, %d, %q) = %q, want %q", c.v, c.dec, c.u, got, c.want)
		}
	}
	if u := parseUnit("FTE"); u.caption != "FTE" || u.suffix != "" {
		t.Errorf("FTE: %+v", u)
	}
	for _, c := range []struct {
		vs   []float64
		want int
	}{
		{[]float64{1, 2, 300}, 0},
		{[]float64{19.4, 22.1, 21}, 1},
		{[]float64{45.5, 61.25, 70}, 1},
		{[]float64{0.25, 0.5}, 2},
		{nil, 0},
	} {
		if got := valueDecimals(c.vs); got != c.want {
			t.Errorf("valueDecimals(%v) = %d, want %d", c.vs, got, c.want)
		}
	}
}

func TestClean(t *testing.T) {
	cases := map[string]string{
		"plain":                 "plain",
		"Team 😀 A":              "Team ? A",
		"a\tb\nc\x00d":          "a b c d",
		"  lead  and  trail  ":  "lead and trail",
		"bad \xff byte":         "bad ? byte",
		"\U0001F600":            "?",
		"Ünit — “quoted” & <x>": "Ünit — “quoted” & <x>",
	}
	for in, want := range cases {
		if got := Clean(in); got != want {
			t.Errorf("Clean(%q) = %q, want %q", in, got, want)
		}
	}
}

var months = []string{"Apr", "May", "Jun", "Jul", "Aug", "Sep"}

func edgeSpecs() map[string]doc.Chart {
	return map[string]doc.Chart{
		"empty":         {},
		"no categories": {Kind: doc.Bar, Title: "T", Series: []doc.Series{{Name: "S", Values: []float64{1, 2}}}},
		"no series":     {Kind: doc.Line, Categories: months},
		"all zero bar":  {Kind: doc.Bar, Categories: []string{"A", "B"}, Series: []doc.Series{{Values: []float64{0, 0}}}},
		"all equal bar": {Kind: doc.Bar, Categories: []string{"A", "B", "C"}, Series: []doc.Series{{Values: []float64{5, 5, 5}}}},
		"single bar":    {Kind: doc.Bar, Categories: []string{"A"}, Series: []doc.Series{{Values: []float64{3}}}},
		"one point":     {Kind: doc.Line, Categories: []string{"A"}, Series: []doc.Series{{Values: []float64{3}}}},
		"all missing":   {Kind: doc.Line, Categories: months[:2], Series: []doc.Series{{Values: []float64{1, 2}, Missing: []bool{true, true}}}},
		"short values":  {Kind: doc.Line, Categories: months, Series: []doc.Series{{Values: []float64{1}}}},
		"nan and inf":   {Kind: doc.Bar, Categories: months[:3], Series: []doc.Series{{Values: []float64{math.NaN(), math.Inf(1), 2}}}},
		"negative":      {Kind: doc.Bar, Categories: months[:3], Series: []doc.Series{{Values: []float64{-3, 4, 2}}}, Target: &doc.Target{Value: 1}},
		"donut zero":    {Kind: doc.Donut, Categories: []string{"A", "B"}, Series: []doc.Series{{Values: []float64{0, 0}}}},
		"donut one":     {Kind: doc.Donut, Categories: []string{"A", "B"}, Series: []doc.Series{{Values: []float64{0, 4}}}},
		"donut neg":     {Kind: doc.Donut, Categories: []string{"A", "B", "C"}, Series: []doc.Series{{Values: []float64{-2, 4, 1}}}},
		"stacked zero":  {Kind: doc.StackedBar, Categories: []string{"A", "B"}, Series: []doc.Series{{Values: []float64{0, 0}}, {Values: []float64{0, 0}}}},
		"unknown kind":  {Kind: "radar", Categories: []string{"A"}, Series: []doc.Series{{Values: []float64{1}}}},
		"huge":          {Kind: doc.Bar, Categories: []string{"A", "B"}, Series: []doc.Series{{Values: []float64{1e15, 3e15}}}},
		"tiny values":   {Kind: doc.Line, Categories: []string{"A", "B"}, Series: []doc.Series{{Values: []float64{1e-9, 3e-9}}}},
		"long labels": {Kind: doc.Bar, Categories: []string{strings.Repeat("Supercalifragilistic", 4), "Short", strings.Repeat("word ", 40)},
			Series: []doc.Series{{Values: []float64{1, 2, 3}}}},
		"grouped empty":     {Kind: doc.GroupedBar, Categories: months, Series: []doc.Series{{}, {}}},
		"grouped one":       {Kind: doc.GroupedBar, Categories: []string{"A"}, Series: []doc.Series{{Values: []float64{1}}, {Values: []float64{2}}}},
		"grouped many":      {Kind: doc.GroupedBar, Categories: strings.Fields(strings.Repeat("A1 ", 60)), Series: []doc.Series{{Values: []float64{1}}, {Values: []float64{2}}, {Values: []float64{3}}, {Values: []float64{4}}, {Values: []float64{5}}, {Values: []float64{6}}, {Values: []float64{7}}, {Values: []float64{8}}, {Values: []float64{9}}}},
		"grouped negative":  {Kind: doc.GroupedBar, Categories: []string{"A", "B"}, Series: []doc.Series{{Values: []float64{-1, 2}}, {Values: []float64{3, -4}, Missing: []bool{true}}}, Target: &doc.Target{Value: -2}},
		"small empty":       {Kind: doc.SmallLine, Title: "KPI"},
		"small one":         {Kind: doc.SmallLine, Categories: []string{"A"}, Series: []doc.Series{{Values: []float64{93}}}, Unit: "%"},
		"small zero":        {Kind: doc.SmallLine, Categories: []string{"A", "B"}, Series: []doc.Series{{Values: []float64{0, 0}}}},
		"small huge":        {Kind: doc.SmallLine, Categories: []string{"A", "B"}, Series: []doc.Series{{Values: []float64{1e15, 1e15 + 1}}}, Target: &doc.Target{Value: -1e15}},
		"small many series": {Kind: doc.SmallLine, Categories: months, Series: []doc.Series{{Values: []float64{1, 2}}, {Values: []float64{2, 1}}, {Values: []float64{3, 3}}, {Values: []float64{4}}, {Values: []float64{5}}}},
		"refs only":         {Kind: doc.Line, Categories: months, Series: []doc.Series{{Values: []float64{1}}}, References: []doc.Target{{Value: 1}, {Value: 1}, {Value: 1}, {Value: 1}, {Value: math.Inf(1)}}},
		"refs on donut":     {Kind: doc.Donut, Categories: []string{"A"}, Series: []doc.Series{{Values: []float64{1}}}, References: []doc.Target{{Value: 1}}, Highlight: &doc.Highlight{From: 0}},
		"highlight far":     {Kind: doc.Bar, Categories: []string{"A", "B"}, Series: []doc.Series{{Values: []float64{1, 2}}}, Highlight: &doc.Highlight{From: 1 << 40}},
		"highlight neg":     {Kind: doc.Bar, Categories: []string{"A", "B"}, Series: []doc.Series{{Values: []float64{1, 2}}}, Highlight: &doc.Highlight{From: -1 << 40}},
		"highlight grouped": {Kind: doc.GroupedBar, Categories: []string{"A", "B"}, Series: []doc.Series{{Values: []float64{1, 2}}, {Values: []float64{1, 2}}}, Highlight: &doc.Highlight{From: 1}},
	}
}

// TestEdgeCasesRender renders every edge case through go-chart's PNG and
// SVG renderers, at a normal and a tiny size: none may fail.
func TestEdgeCasesRender(t *testing.T) {
	for name, c := range edgeSpecs() {
		for _, size := range [][2]int{{1360, 560}, {40, 30}, {1, 1}} {
			if _, err := PNG(c, size[0], size[1]); err != nil {
				t.Errorf("%s %v PNG: %v", name, size, err)
			}
			if _, err := SVG(c, size[0], size[1], SVGOptions{}); err != nil {
				t.Errorf("%s %v SVG: %v", name, size, err)
			}
		}
	}
}

func TestSVGEscapesText(t *testing.T) {
	c := doc.Chart{Kind: doc.Bar, Title: `R&D <costs> "q" 😀`, Categories: []string{"A&B", "<C>"},
		Series: []doc.Series{{Name: "S", Values: []float64{1, 2}}}}
	b, err := SVG(c, 800, 400, SVGOptions{})
	if err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	var texts []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		if cd, ok := tok.(xml.CharData); ok {
			texts = append(texts, string(cd))
		}
	}
	all := strings.Join(texts, "|")
	for _, want := range []string{`R&D <costs> "q" ?`, "A&B", "<C>"} {
		if !strings.Contains(all, want) {
			t.Errorf("SVG text %q missing from %q", want, all)
		}
	}
}

func TestPNGIsOpaque(t *testing.T) {
	b, err := PNG(doc.Chart{Kind: doc.Bar, Categories: []string{"A"}, Series: []doc.Series{{Values: []float64{1}}}}, 200, 100)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, a := img.At(0, 0).RGBA(); a != 0xffff {
		t.Errorf("corner alpha %d, want opaque", a)
	}
}

// recorder is a go-chart Renderer that records painted paths and text.
type recorder struct {
	fill, stroke, fontColour drawing.Color
	width                    float64
	path                     [][2]float64
	arcs                     int
	paths                    []painted
	texts                    []string
}

type painted struct {
	op     string
	fill   drawing.Color
	stroke drawing.Color
	pts    [][2]float64
	arcs   int
}

func (r *recorder) ResetStyle()                                        {}
func (r *recorder) GetDPI() float64                                    { return DPI }
func (r *recorder) SetDPI(float64)                                     {}
func (r *recorder) SetClassName(string)                                {}
func (r *recorder) SetStrokeColor(c drawing.Color)                     { r.stroke = c }
func (r *recorder) SetFillColor(c drawing.Color)                       { r.fill = c }
func (r *recorder) SetStrokeWidth(w float64)                           { r.width = w }
func (r *recorder) SetStrokeDashArray([]float64)                       {}
func (r *recorder) MoveTo(x, y int)                                    { r.path = append(r.path, [2]float64{float64(x), float64(y)}) }
func (r *recorder) LineTo(x, y int)                                    { r.path = append(r.path, [2]float64{float64(x), float64(y)}) }
func (r *recorder) QuadCurveTo(_, _, x, y int)                         { r.LineTo(x, y) }
func (r *recorder) ArcTo(int, int, float64, float64, float64, float64) { r.arcs++ }
func (r *recorder) Close()                                             {}
func (r *recorder) paint(op string) {
	r.paths = append(r.paths, painted{op, r.fill, r.stroke, r.path, r.arcs})
	r.path, r.arcs = nil, 0
}
func (r *recorder) Stroke()                      { r.paint("S") }
func (r *recorder) Fill()                        { r.paint("F") }
func (r *recorder) FillStroke()                  { r.paint("B") }
func (r *recorder) Circle(float64, int, int)     {}
func (r *recorder) SetFont(*truetype.Font)       {}
func (r *recorder) SetFontColor(c drawing.Color) { r.fontColour = c }
func (r *recorder) SetFontSize(float64)          {}
func (r *recorder) Text(body string, x, y int)   { r.texts = append(r.texts, body) }
func (r *recorder) MeasureText(s string) gochart.Box {
	return gochart.Box{Right: 10 * len([]rune(s)), Bottom: 20}
}
func (r *recorder) SetTextRotation(float64) {}
func (r *recorder) ClearTextRotation()      {}
func (r *recorder) Save(io.Writer) error    { return nil }

func record(t *testing.T, c doc.Chart) *recorder {
	t.Helper()
	p, err := Build(c, 1360, 560)
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	if err := p.Render(func(int, int) (gochart.Renderer, error) { return rec, nil }, io.Discard); err != nil {
		t.Fatal(err)
	}
	return rec
}

// TestLineBreaksAtMissing: a missing value is not drawn as zero; the line
// breaks there and an isolated point is drawn as a dot.
func TestLineBreaksAtMissing(t *testing.T) {
	col := doc.Colour{R: 10, G: 20, B: 30}
	c := doc.Chart{Kind: doc.Line, Categories: months, Series: []doc.Series{{
		Name: "S", Colour: col,
		Values:  []float64{5, 6, 0, 7, 0, 8},
		Missing: []bool{2: true, 4: true},
	}}}
	rec := record(t, c)
	want := drawing.Color{R: 10, G: 20, B: 30, A: 255}
	var lines [][][2]float64
	dots := 0
	for _, p := range rec.paths {
		if p.op == "S" && p.stroke == want {
			lines = append(lines, p.pts)
		}
		if p.op == "F" && p.fill == want && p.arcs == 2 {
			dots++
		}
	}
	if len(lines) != 1 || len(lines[0]) != 2 {
		t.Fatalf("stroked series paths %v, want one two-point line (Apr-May)", lines)
	}
	// Dots: markers at Apr and May, and the isolated Jul and Sep points.
	if dots != 4 {
		t.Errorf("%d dots, want 4", dots)
	}
	// The zero line is where 0 is; no series point may be on it.
	for _, l := range lines {
		for _, q := range l {
			for _, p := range rec.paths {
				if p.op == "S" && p.stroke == axisColour && len(p.pts) == 2 && p.pts[0][1] == q[1] {
					t.Errorf("series point %v drawn at zero", q)
				}
			}
		}
	}
}

// TestDonutSkipsZero: no wedge for a zero value; every value labelled.
func TestDonutSkipsZero(t *testing.T) {
	c := doc.Chart{Kind: doc.Donut, Categories: []string{"A", "B", "C"}, Unit: "children",
		Series: []doc.Series{{Values: []float64{5, 0, 15}}}}
	rec := record(t, c)
	wedges := 0
	for _, p := range rec.paths {
		if p.op == "B" && p.arcs > 0 {
			wedges++
		}
	}
	if wedges != 2 {
		t.Errorf("%d wedges, want 2", wedges)
	}
	all := strings.Join(rec.texts, "|")
	for _, want := range []string{"|5|", "|15|", "A: 5 (25%)", "B: 0", "C: 15 (75%)", "20"} {
		if !strings.Contains("|"+all+"|", want) {
			t.Errorf("text %q missing from %q", want, all)
		}
	}
}

// TestStackedTotals: one stack per category, totals labelled.
func TestStackedTotals(t *testing.T) {
	c := doc.Chart{Kind: doc.StackedBar, Categories: []string{"North", "South"},
		Series: []doc.Series{{Name: "A", Values: []float64{3, 4}}, {Name: "B", Values: []float64{5, 0}}}}
	rec := record(t, c)
	all := "|" + strings.Join(rec.texts, "|") + "|"
	for _, want := range []string{"|8|", "|4|", "|North|", "|South|", "|A|", "|B|"} {
		if !strings.Contains(all, want) {
			t.Errorf("text %q missing from %q", want, all)
		}
	}
	rects := 0
	for _, p := range rec.paths {
		if p.op == "F" && len(p.pts) == 4 && (p.fill == areaPalette[0] || p.fill == areaPalette[1]) {
			rects++
		}
	}
	// Segments 3+5 and 4 (the zero segment is not drawn), and the two
	// legend swatches.
	if rects != 5 {
		t.Errorf("%d segments and swatches, want 5", rects)
	}
}

func TestNoDataPanel(t *testing.T) {
	for name, c := range map[string]doc.Chart{
		"no categories": {Title: "T"},
		"all missing":   {Kind: doc.Line, Categories: []string{"A"}, Series: []doc.Series{{Values: []float64{1}, Missing: []bool{true}}}},
		"donut zero":    {Kind: doc.Donut, Categories: []string{"A"}, Series: []doc.Series{{Values: []float64{0}}}},
	} {
		rec := record(t, c)
		if !strings.Contains(strings.Join(rec.texts, "|"), NoDataText) {
			t.Errorf("%s: no %q panel in %q", name, NoDataText, rec.texts)
		}
	}
}

func TestWriteSVGGallery(t *testing.T) {
	dir := os.Getenv("CHART_GALLERY")
	if dir == "" {
		t.Skip("CHART_GALLERY not set")
	}
	c := doc.Chart{Kind: doc.Line, Title: "Re-referrals & repeat <plans>", Unit: "%", Categories: months,
		Series: []doc.Series{{Name: "Us", Values: []float64{20, 22, 19, 18, 21, 17}}, {Name: "England", Dashed: true, Values: []float64{21, 21, 20, 20, 20, 19}}},
		Target: &doc.Target{Label: "Target", Value: 18}}
	b, err := SVG(c, 1000, 420, SVGOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "line.svg"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDonutUsesValueColours: a RAG donut must show each rating in its own
// colour, not the palette's.
func TestDonutUsesValueColours(t *testing.T) {
	red := doc.Colour{R: 0xC6, G: 0x28, B: 0x28}
	c := doc.Chart{Kind: doc.Donut, Categories: []string{"Red", "Green"},
		Series: []doc.Series{{Name: "Actions", Values: []float64{3, 5}, Colours: []doc.Colour{red, {}}}}}
	p, err := build(c, 400, 300)
	if err != nil {
		t.Fatal(err)
	}
	got := p.series[0].colours
	if len(got) != 2 || got[0] != (drawing.Color{R: 0xC6, G: 0x28, B: 0x28, A: 255}) || got[1].A != 0 {
		t.Errorf("series colours = %v, want the red given and the palette's for the zero entry", got)
	}
}

func TestCompactTicks(t *testing.T) {
	cases := []struct {
		lo, hi   float64
		integral bool
		pct      bool
		want     string
	}{
		{81, 93, true, true, "80 90 100"},   // KPI near target 90
		{72, 90, true, true, "70 80 90"},    // target 85 inside
		{65, 91, true, true, "60 80 100"},   // wider spread
		{100, 100, true, true, "90 95 100"}, // flat at 100%: never above 100
		{57.5, 60, false, true, "55 60 65"}, // one point and its target
		{0, 0, true, false, "0 1 2"},        // all zero: never below zero
		{-120, 60, true, false, "-200 0 200"},
		{79, 101, true, true, "60 80 100 120"}, // a coarser step would squash the line
		{17.2, 21.5, false, false, "15 20 25"},
		{0.42, 0.47, false, false, "0.40 0.45 0.50"},
	}
	for _, c := range cases {
		ticks, dec := compactTicks(c.lo, c.hi, c.integral, c.pct)
		var got []string
		for _, v := range ticks {
			got = append(got, formatNumber(v, dec))
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("compactTicks(%v, %v) = %q, want %q", c.lo, c.hi, g, c.want)
		}
		if ticks[0] > c.lo || ticks[len(ticks)-1] < c.hi {
			t.Errorf("compactTicks(%v, %v) = %v does not enclose the data", c.lo, c.hi, ticks)
		}
	}
}

func rectsOf(rec *recorder, col drawing.Color) [][4]float64 {
	var out [][4]float64
	for _, p := range rec.paths {
		if p.op == "F" && p.fill == col && len(p.pts) == 4 {
			x0, y0, x1, y1 := p.pts[0][0], p.pts[0][1], p.pts[2][0], p.pts[2][1]
			out = append(out, [4]float64{x0, y0, x1, y1})
		}
	}
	return out
}

// TestGroupedBars: series side by side within each category, from zero,
// a missing value drawn as "n/a" (no bar), a legend naming the series.
func TestGroupedBars(t *testing.T) {
	a, b := doc.Colour{R: 10, G: 20, B: 30}, doc.Colour{R: 200, G: 210, B: 220}
	c := doc.Chart{Kind: doc.GroupedBar, Categories: []string{"Apr", "May", "Jun"}, Series: []doc.Series{
		{Name: "Starters", Colour: a, Values: []float64{3, 2, 4}},
		{Name: "Leavers", Colour: b, Values: []float64{2, 0, 1}, Missing: []bool{1: true}},
	}}
	rec := record(t, c)
	ra := rectsOf(rec, drawing.Color{R: 10, G: 20, B: 30, A: 255})
	rb := rectsOf(rec, drawing.Color{R: 200, G: 210, B: 220, A: 255})
	// Three bars and a legend swatch for A; two bars and a swatch for B.
	if len(ra) != 4 || len(rb) != 3 {
		t.Fatalf("%d and %d rectangles, want 4 and 3", len(ra), len(rb))
	}
	// Apr: A's bar left of B's, the same bottom (zero), heights 3:2.
	if !(ra[0][2] <= rb[0][0]) {
		t.Errorf("bars overlap or are out of order: %v %v", ra[0], rb[0])
	}
	if ra[0][3] != rb[0][3] {
		t.Errorf("bars do not share a baseline: %v %v", ra[0], rb[0])
	}
	ha, hb := ra[0][3]-ra[0][1], rb[0][3]-rb[0][1]
	if math.Abs(ha/hb-1.5) > 0.05 {
		t.Errorf("heights %v and %v are not 3:2", ha, hb)
	}
	// B's second bar is June's: May's is missing.
	if rb[1][0] < ra[2][0] {
		t.Errorf("Leavers' second bar %v is left of June's Starters bar %v", rb[1], ra[2])
	}
	all := "|" + strings.Join(rec.texts, "|") + "|"
	for _, want := range []string{"|n/a|", "|Starters|", "|Leavers|", "|3|", "|4|", "|Apr|", "|Jun|"} {
		if !strings.Contains(all, want) {
			t.Errorf("text %q missing from %q", want, all)
		}
	}
}

// TestGroupedBarsThin: when value labels do not fit over thin bars none is
// printed, and a missing bar too thin for "n/a" gets a mark keyed in the
// legend.
func TestGroupedBarsThin(t *testing.T) {
	var cats []string
	vals := make([][]float64, 3)
	for i := 0; i < 40; i++ {
		cats = append(cats, fmt.Sprintf("M%d", i))
		for s := range vals {
			vals[s] = append(vals[s], 1234+float64(i*s))
		}
	}
	c := doc.Chart{Kind: doc.GroupedBar, Categories: cats, Series: []doc.Series{
		{Name: "A", Values: vals[0]}, {Name: "B", Values: vals[1], Missing: []bool{5: true}}, {Name: "C", Values: vals[2]},
	}}
	rec := record(t, c)
	for _, s := range rec.texts {
		if strings.HasPrefix(s, "1,2") || strings.HasPrefix(s, "1,3") { // ticks are 0, 500, 1,000, 1,500
			t.Fatalf("value label %q printed over bars too thin for it", s)
		}
	}
	all := strings.Join(rec.texts, "|")
	if !strings.Contains(all, "Not available") || strings.Contains(all, "n/a") {
		t.Errorf("want the missing bar keyed as Not available, not labelled: %q", all)
	}
}

// TestHighlight: bars from From on are in the warning colour, with a
// divider and a legend entry; an explicit value colour wins.
func TestHighlight(t *testing.T) {
	teal := doc.Colour{R: 0x00, G: 0x7A, B: 0x87}
	red := doc.Colour{R: 0xc0, G: 0x1f, B: 0x2f}
	c := doc.Chart{Kind: doc.Bar, Categories: []string{"0-4", "5-9", "10-14", "15-19", "20-24", "25+"}, Unit: "workers",
		Series:    []doc.Series{{Name: "Workers", Colour: teal, Values: []float64{6, 14, 31, 42, 18, 5}, Colours: []doc.Colour{5: red}}},
		Highlight: &doc.Highlight{From: 4, Label: "Above target caseload"}}
	rec := record(t, c)
	base := drawing.Color{R: 0x00, G: 0x7A, B: 0x87, A: 255}
	warn := warningFor(base)
	if warn == base || math.Abs(luminance(warn)-luminance(base)) < 0.1 {
		t.Errorf("warning colour %v does not stand apart from %v", warn, base)
	}
	if n := len(rectsOf(rec, base)); n != 4+1 {
		t.Errorf("%d teal rectangles, want 4 bars and a swatch", n)
	}
	if n := len(rectsOf(rec, warn)); n != 1+1 {
		t.Errorf("%d warning rectangles, want 1 bar and a swatch", n)
	}
	if n := len(rectsOf(rec, drawing.Color{R: 0xc0, G: 0x1f, B: 0x2f, A: 255})); n != 1 {
		t.Errorf("%d red rectangles, want the one coloured by hand", n)
	}
	divider := 0
	for _, p := range rec.paths {
		if p.op == "S" && p.stroke == dividerLine && len(p.pts) == 2 && p.pts[0][0] == p.pts[1][0] {
			divider++
		}
	}
	if divider != 1 {
		t.Errorf("%d vertical dividers, want 1", divider)
	}
	all := "|" + strings.Join(rec.texts, "|") + "|"
	for _, want := range []string{"|Workers|", "|Above target caseload|", "|42|", "|25+|"} {
		if !strings.Contains(all, want) {
			t.Errorf("text %q missing from %q", want, all)
		}
	}
	// Ignored on other kinds.
	c.Kind = doc.Line
	if strings.Contains(strings.Join(record(t, c).texts, "|"), "Above target") {
		t.Error("highlight drawn on a line chart")
	}
}

// TestSmallLine: the axis fits the data (not from zero), two or three
// ticks, only the first and last months named, the latest value and the
// target labelled, no legend.
func TestSmallLine(t *testing.T) {
	c := doc.Chart{Kind: doc.SmallLine, Title: "Visits on time", Unit: "%",
		Categories: []string{"Apr 25", "May 25", "Jun 25", "Jul 25", "Aug 25", "Sep 25", "Oct 25", "Nov 25", "Dec 25", "Jan 26", "Feb 26", "Mar 26"},
		Series:     []doc.Series{{Name: "Visits", Values: []float64{81, 84, 83, 86, 88, 0, 87, 90, 91, 89, 92, 93}, Missing: []bool{5: true}}},
		Target:     &doc.Target{Value: 90}}
	p, err := Build(c, int(55*PxPerMM), int(32*PxPerMM))
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	if err := p.Render(func(int, int) (gochart.Renderer, error) { return rec, nil }, io.Discard); err != nil {
		t.Fatal(err)
	}
	all := "|" + strings.Join(rec.texts, "|") + "|"
	for _, want := range []string{"|Visits on time|", "|80%|", "|90%|", "|100%|", "|93%|", "|Target 90%|", "|Apr 25|", "|Mar 26|"} {
		if !strings.Contains(all, want) {
			t.Errorf("text %q missing from %q", want, all)
		}
	}
	for _, no := range []string{"|0%|", "|50%|", "|Jun 25|", "|Visits|"} {
		if strings.Contains(all, no) {
			t.Errorf("text %q should not be in %q", no, all)
		}
	}
	// The line breaks at the missing month: two runs.
	runs := 0
	for _, q := range rec.paths {
		if q.op == "S" && q.stroke == linePalette[0] && len(q.pts) > 2 {
			runs++
		}
	}
	if runs != 2 {
		t.Errorf("%d line runs, want 2 (a gap for September)", runs)
	}
}

// TestReferences: each reference line is labelled once, in the plot or in
// the legend; references widen the axis; none are drawn on donuts.
func TestReferences(t *testing.T) {
	c := doc.Chart{Kind: doc.Line, Unit: "%", Categories: months,
		Series:     []doc.Series{{Name: "Agency rate", Values: []float64{10, 11, 12, 11, 10, 9}}},
		References: []doc.Target{{Label: "England", Value: 17.6}, {Label: "Statistical neighbours", Value: 21.4}, {Value: 5}}}
	rec := record(t, c)
	all := "|" + strings.Join(rec.texts, "|") + "|"
	for _, want := range []string{"England 17.6%", "Statistical neighbours 21.4%", "Comparator 5%", "|25%|"} {
		if n := strings.Count(all, want); n != 1 {
			t.Errorf("%q appears %d times in %q, want once", want, n, all)
		}
	}
	// Three dashed greys, each with its own pattern, each with a casing.
	styles := map[drawing.Color]bool{}
	for _, p := range rec.paths {
		for _, st := range refStyles {
			if p.op == "S" && p.stroke == st.colour && len(p.pts) == 2 {
				styles[st.colour] = true
			}
		}
	}
	if len(styles) != 3 {
		t.Errorf("%d reference styles drawn, want 3", len(styles))
	}
}

// TestBarLabelsShrinkBeforeTheyAreCut: a bar chart of ten teams at the
// papers' full width names every team whole ("Safeguarding North", not
// "Safeguar… North"): the labels are set smaller before any is cut, and
// are cut only when even the smallest size cannot hold a word.
func TestBarLabelsShrinkBeforeTheyAreCut(t *testing.T) {
	teams := []string{"Front Door / MASH", "Assessment East", "Assessment West", "Safeguarding North", "Safeguarding South",
		"Children in Care", "Care Leavers", "Disabled Children", "Front Door / MASH 2", "Assessment East 2"}
	vals := make([]float64, len(teams))
	for i := range vals {
		vals[i] = 18 + float64(i%3)/2
	}
	texts := func(cats []string, w int) string {
		c := doc.Chart{Kind: doc.Bar, Title: "Average caseload by team", Unit: "cases", Categories: cats,
			Series: []doc.Series{{Name: "Average caseload", Values: vals[:len(cats)]}}}
		b, err := SVG(c, w, 560, SVGOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		d := xml.NewDecoder(bytes.NewReader(b))
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if cd, ok := tok.(xml.CharData); ok {
				out = append(out, string(cd))
			}
		}
		return strings.Join(out, "|")
	}
	got := texts(teams, 1360)
	if strings.Contains(got, "…") || !strings.Contains(got, "Safeguarding") {
		t.Errorf("ten teams at full width: a label is cut: %s", got)
	}
	// A word that cannot fit even at the smallest size is still cut, not
	// drawn over its neighbours.
	if got := texts([]string{"Supercalifragilisticexpialidocious team", "B", "C", "D", "E", "F", "G", "H", "I", "J"}, 1360); !strings.Contains(got, "…") {
		t.Errorf("an overlong word is not cut: %s", got)
	}
}
