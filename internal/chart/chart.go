// Package chart turns a doc.Chart specification into a chart drawn through
// go-chart's Renderer interface, so the same chart can be rendered as vector
// graphics into a PDF (internal/pdf/vector), as SVG, or as PNG.
//
// The layout is this package's own: go-chart's BarChart, StackedBarChart and
// DonutChart cannot label values, stack absolute values, draw a target line
// or keep a legend off the data, and they fail on ordinary data (all-equal
// bars, a one-point line, an all-zero pie). Here every spec, however sparse,
// draws something: a chart, or a "No data for this period" panel.
//
// Sizes are in pixels at PxPerMM pixels per millimetre, and the renderer's
// DPI is set so that a go-chart font size in points is the printed size in
// points when the chart is printed at that scale (the PDF renderer does).
package chart

import (
	"bytes"
	"fmt"
	"io"
	"math"

	"github.com/golang/freetype/truetype"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"

	"github.com/boardpack/boardpack/internal/doc"
	"github.com/boardpack/boardpack/internal/fonts"
)

// PxPerMM is the drawing scale: a chart widthPx pixels wide is laid out to
// be printed widthPx/PxPerMM millimetres wide.
const PxPerMM = 8.0

// DPI is the resolution set on the renderer. With go-chart's raster
// convention (an em is size*DPI/64 pixels), a font size of n points is
// n printed points at PxPerMM.
const DPI = PxPerMM * 25.4 * 64 / 72

// NoDataText is the message of the panel drawn when there is nothing to plot.
const NoDataText = "No data for this period"

// Renderable is a chart ready to render: go-chart's Render method.
type Renderable interface {
	Render(rp gochart.RendererProvider, w io.Writer) error
}

// Plot is the Renderable Build returns.
type Plot struct {
	// Opaque paints a white background first (for PNG and SVG; a PDF page
	// is already white).
	Opaque bool

	w, h   int
	kind   doc.ChartKind
	title  string
	source string
	unit   unit
	cats   []string
	series []series
	target *target
	refs   []target // comparator lines, in the spec's order
	// highlight is set on a one-series bar chart whose spec highlights
	// categories from highlight.from on.
	highlight *highlight
	// noData is non-empty when there is nothing to plot: the panel's
	// second line ("" for none) is noDataDetail.
	noData       bool
	noDataDetail string

	fonts styleFonts
}

type series struct {
	name   string
	vals   []float64
	ok     []bool // ok[i]: vals[i] is present
	colour drawing.Color
	// colours colour values one by one (donut segments); nil or a zero
	// entry means the palette's colour.
	colours []drawing.Color
	dashed  bool
}

type target struct {
	label string
	value float64
}

type highlight struct {
	from   int
	label  string
	colour drawing.Color
}

type styleFonts struct {
	regular, bold, italic *truetype.Font
}

// Build turns spec c into a chart of widthPx by heightPx pixels. It
// validates and normalises the data so that rendering cannot fail on it:
// series are padded or cut to the categories, non-finite values count as
// missing, and a spec with nothing to draw becomes a "No data for this
// period" panel. The only error is an embedded font that fails to parse.
func Build(c doc.Chart, widthPx, heightPx int) (Renderable, error) {
	return build(c, widthPx, heightPx)
}

func build(c doc.Chart, widthPx, heightPx int) (*Plot, error) {
	p := &Plot{
		w:      max(widthPx, 16),
		h:      max(heightPx, 16),
		kind:   c.Kind,
		title:  Clean(c.Title),
		source: Clean(c.Source),
		unit:   parseUnit(Clean(c.Unit)),
	}
	for _, st := range []struct {
		s   fonts.Style
		dst **truetype.Font
	}{{fonts.Regular, &p.fonts.regular}, {fonts.Bold, &p.fonts.bold}, {fonts.Italic, &p.fonts.italic}} {
		f, err := fonts.Truetype(st.s)
		if err != nil {
			return nil, fmt.Errorf("chart: %w", err)
		}
		*st.dst = f
	}
	switch p.kind {
	case doc.Bar, doc.StackedBar, doc.Line, doc.Donut, doc.GroupedBar, doc.SmallLine:
	default:
		p.kind = doc.Bar
	}

	n := len(c.Categories)
	for _, cat := range c.Categories {
		p.cats = append(p.cats, Clean(cat))
	}
	for i, s := range c.Series {
		ns := series{
			name:   Clean(s.Name),
			vals:   make([]float64, n),
			ok:     make([]bool, n),
			dashed: s.Dashed,
		}
		if s.Colour != (doc.Colour{}) {
			ns.colour = drawing.Color{R: s.Colour.R, G: s.Colour.G, B: s.Colour.B, A: 255}
		} else {
			ns.colour = paletteColour(p.kind, i)
		}
		for _, col := range s.Colours {
			var dc drawing.Color
			if col != (doc.Colour{}) {
				dc = drawing.Color{R: col.R, G: col.G, B: col.B, A: 255}
			}
			ns.colours = append(ns.colours, dc)
		}
		for j := 0; j < n && j < len(s.Values); j++ {
			v := s.Values[j]
			if math.IsNaN(v) || math.IsInf(v, 0) || (j < len(s.Missing) && s.Missing[j]) {
				continue
			}
			ns.vals[j], ns.ok[j] = v, true
		}
		p.series = append(p.series, ns)
	}
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	if c.Target != nil && finite(c.Target.Value) && p.kind != doc.Donut {
		p.target = &target{label: Clean(c.Target.Label), value: c.Target.Value}
	}
	for _, r := range c.References {
		if finite(r.Value) && p.kind != doc.Donut {
			p.refs = append(p.refs, target{label: Clean(r.Label), value: r.Value})
		}
	}
	if h := c.Highlight; h != nil && p.kind == doc.Bar && len(p.series) == 1 && h.From < n {
		hl := &highlight{from: max(h.From, 0), label: Clean(h.Label)}
		if hl.label == "" {
			hl.label = "Above target"
		}
		if h.Colour != (doc.Colour{}) {
			hl.colour = drawing.Color{R: h.Colour.R, G: h.Colour.G, B: h.Colour.B, A: 255}
		} else {
			hl.colour = warningFor(p.series[0].colour)
		}
		p.highlight = hl
	}
	if p.kind == doc.Donut && len(p.series) > 1 {
		p.series = p.series[:1]
	}

	// Is there anything to draw?
	present := false
	for _, s := range p.series {
		for _, ok := range s.ok {
			present = present || ok
		}
	}
	switch {
	case n == 0 || len(p.series) == 0 || !present:
		p.noData = true
	case p.kind == doc.Donut:
		total := 0.0
		for j, v := range p.series[0].vals {
			if p.series[0].ok[j] && v > 0 {
				total += v
			}
		}
		if total <= 0 {
			p.noData, p.noDataDetail = true, "(all values are zero)"
		}
	}
	return p, nil
}

// Render draws the chart with a renderer from rp and saves it to w. A panic
// in drawing is returned as an error rather than crashing the caller.
func (p *Plot) Render(rp gochart.RendererProvider, w io.Writer) (err error) {
	r, err := rp(p.w, p.h)
	if err != nil {
		return err
	}
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("chart: drawing %q: %v", p.title, v)
		}
	}()
	r.SetDPI(DPI)
	p.draw(r)
	return r.Save(w)
}

// PNG renders spec c as a PNG image with go-chart's raster renderer.
func PNG(c doc.Chart, widthPx, heightPx int) ([]byte, error) {
	p, err := build(c, widthPx, heightPx)
	if err != nil {
		return nil, err
	}
	p.Opaque = true
	var buf bytes.Buffer
	if err := p.Render(gochart.PNG, &buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
