package html

import (
	"math"
	"strconv"
	"strings"

	"github.com/boardpack/boardpack/internal/chart"
	"github.com/boardpack/boardpack/internal/doc"
)

// Charts are drawn narrower than on paper and shown at a fixed scale, so
// their type (sized in points, as in the PDF) reads at about 13 to 14 CSS
// pixels when the page shows the chart at full size. On a narrower screen
// the chart shrinks with the page; its figures are in the table beneath.
const (
	chartW     = 150.0 // millimetres, against the PDF's 170
	chartScale = 0.6   // CSS pixels per chart pixel: 720 px wide at most
	smallW     = 46.0  // a chart of a grid
	pdfSmallW  = 54.0  // its width in the PDF's grid of three
	smallScale = 0.7
	defaultH   = 75.0 // the PDF's default chart height, millimetres
	defaultSmH = 34.0
)

func (w *writer) chart(c *doc.Chart) error {
	h := chartHeight(c.Height, defaultH) * chartW / portraitTextW
	w.figure(*c, "chart", chartW, h, chartScale)
	return nil
}

func (w *writer) chartGrid(g *doc.ChartGrid) error {
	if len(g.Charts) == 0 {
		return nil
	}
	w.s("<div class=\"chart-grid\">\n")
	for _, c := range g.Charts {
		h := chartHeight(c.Height, defaultSmH) * smallW / pdfSmallW
		w.figure(c, "chart small", smallW, h, smallScale)
	}
	w.s("</div>\n")
	if src := clean(g.Source); src != "" {
		w.s("<p class=\"source\">", esc(src), "</p>\n")
	}
	return nil
}

func chartHeight(h, def float64) float64 {
	if !(h > 0) || math.IsInf(h, 0) {
		h = def
	}
	return min(max(h, 25), 250)
}

// figure writes a chart as a figure: its title, the chart as an SVG image
// whose desc is the chart's description from its own figures, its source,
// and its figures as a table.
func (w *writer) figure(c doc.Chart, class string, wmm, hmm, scale float64) {
	w.chartNo++
	id := w.uniqueID("chart-" + strconv.Itoa(w.chartNo))
	title := clean(c.Title)
	name := title
	if name == "" {
		name = "Chart " + strconv.Itoa(w.chartNo)
	}
	w.s("<figure class=\"", class, "\">\n")
	if title != "" {
		w.s("<figcaption class=\"chart-title\">", esc(title), "</figcaption>\n")
	}
	// The title and source are written as text around the drawing, as the
	// PDF prints them around it.
	spec := c
	spec.Title, spec.Source = "", ""
	wpx := int(math.Round(wmm * chart.PxPerMM))
	hpx := int(math.Round(hmm * chart.PxPerMM))
	svg, err := chart.SVG(spec, wpx, hpx, chart.SVGOptions{
		Width: float64(wpx) * scale, Height: float64(hpx) * scale,
		ID: id, Title: name, Description: c.Description(),
	})
	if err != nil {
		w.s("<p class=\"chart-unavailable\">Chart unavailable: ", esc(clean(err.Error())), "</p>\n")
	} else {
		w.b.Write(svg)
		w.s("\n")
	}
	if src := clean(c.Source); src != "" {
		w.s("<p class=\"source\">", esc(src), "</p>\n")
	}
	w.figures(c, name)
	w.s("</figure>\n")
}

// figures writes a chart's figures as a table in a details element, with
// its target and comparator lines beneath.
func (w *writer) figures(c doc.Chart, name string) {
	t, lines := figureTable(c)
	if len(t.Rows) == 0 {
		return
	}
	w.s("<details class=\"figures\">\n<summary>Figures behind this chart<span class=\"visually-hidden\">: ",
		esc(name), "</span></summary>\n")
	w.writeTable(t, tableOptions{caption: name, rowHeaders: true, hidden: true})
	if len(lines) > 0 {
		w.s("<p class=\"lines\">", esc(strings.Join(lines, " ")), "</p>\n")
	}
	w.s("</details>\n")
}

// figureTable is the table of a chart's figures: a row per category, a
// column per series (a donut's shares beside its values), and the
// sentences naming its target and comparator lines.
func figureTable(c doc.Chart) (*doc.Table, []string) {
	u := strings.TrimSpace(chart.Clean(c.Unit))
	head := func(name string) string {
		if name = clean(name); name == "" {
			name = "Value"
		}
		if u != "" && u != "%" && !strings.Contains(strings.ToLower(name), strings.ToLower(u)) {
			name += " (" + u + ")"
		}
		return name
	}
	present := func(s doc.Series, i int) bool {
		return i < len(s.Values) && !(i < len(s.Missing) && s.Missing[i]) && !math.IsNaN(s.Values[i]) && !math.IsInf(s.Values[i], 0)
	}
	// One decimal place for every value when any needs it, so that a
	// column lines up: 25.0%, 25.2%.
	dec := 0
	for _, s := range c.Series {
		for i := range c.Categories {
			if present(s, i) && math.Round(s.Values[i]*10) != math.Round(s.Values[i])*10 {
				dec = 1
			}
		}
	}
	cell := func(s doc.Series, i int) doc.Cell {
		if !present(s, i) {
			return doc.Cell{Text: "no value"}
		}
		return doc.Cell{Text: number(s.Values[i], dec, u)}
	}
	// Target and comparator values are written with the unit, as the
	// chart's description writes them.
	withUnit := func(v float64) string {
		n := number(v, -1, u)
		if u != "" && u != "%" {
			n += " " + u
		}
		return n
	}
	first := "Category"
	if c.Kind == doc.Line || c.Kind == doc.SmallLine {
		first = "Period"
	}
	t := &doc.Table{Columns: []doc.Column{{Header: first}}}
	series := c.Series
	if c.Kind == doc.Donut && len(series) > 1 {
		series = series[:1]
	}
	for _, s := range series {
		t.Columns = append(t.Columns, doc.Column{Header: head(s.Name), Align: doc.Right})
	}
	var total float64
	if c.Kind == doc.Donut && len(series) == 1 {
		t.Columns = append(t.Columns, doc.Column{Header: "Share", Align: doc.Right})
		for i := range c.Categories {
			if present(series[0], i) {
				total += series[0].Values[i]
			}
		}
	}
	if len(series) > 0 {
		for i, cat := range c.Categories {
			r := doc.Row{Cells: []doc.Cell{{Text: cat}}}
			for _, s := range series {
				r.Cells = append(r.Cells, cell(s, i))
			}
			if c.Kind == doc.Donut && len(series) == 1 {
				share := "no value"
				if present(series[0], i) && total > 0 {
					share = strconv.Itoa(int(math.Floor(series[0].Values[i]*100/total+0.5))) + "%"
				}
				r.Cells = append(r.Cells, doc.Cell{Text: share})
			}
			t.Rows = append(t.Rows, r)
		}
	}
	var lines []string
	if c.Kind != doc.Donut {
		if c.Target != nil && !math.IsNaN(c.Target.Value) && !math.IsInf(c.Target.Value, 0) {
			l := clean(c.Target.Label)
			if l == "" {
				l = "Target"
			}
			lines = append(lines, l+": "+withUnit(c.Target.Value)+".")
		}
		for _, r := range c.References {
			l := clean(r.Label)
			switch {
			case math.IsNaN(r.Value) || math.IsInf(r.Value, 0):
			case strings.ContainsAny(l, "0123456789"):
				lines = append(lines, l+".")
			default:
				lines = append(lines, l+": "+withUnit(r.Value)+".")
			}
		}
	}
	return t, lines
}

// number writes v with dec decimal places (-1: as few as it needs, at most
// one) and thousands separators, and a percentage sign when the unit is "%".
func number(v float64, dec int, unit string) string {
	v = math.Round(v*10) / 10
	s := strconv.FormatFloat(math.Abs(v), 'f', dec, 64)
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	var b strings.Builder
	if v < 0 {
		b.WriteByte('-')
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	b.WriteString(frac)
	if unit == "%" {
		b.WriteByte('%')
	}
	return b.String()
}
