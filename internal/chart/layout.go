package chart

import (
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"

	"github.com/boardpack/boardpack/internal/doc"
)

type box struct{ x0, y0, x1, y1 float64 }

func (b box) w() float64 { return b.x1 - b.x0 }
func (b box) h() float64 { return b.y1 - b.y0 }

func (b box) pad(d float64) box { return box{b.x0 - d, b.y0 - d, b.x1 + d, b.y1 + d} }

func (b box) overlaps(o box) bool {
	return b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1
}

// crossesSegment reports whether segment p-q enters b.
func (b box) crossesSegment(p, q pt) bool {
	// Liang-Barsky clipping.
	t0, t1 := 0.0, 1.0
	dx, dy := q.x-p.x, q.y-p.y
	for _, e := range [4][2]float64{{-dx, p.x - b.x0}, {dx, b.x1 - p.x}, {-dy, p.y - b.y0}, {dy, b.y1 - p.y}} {
		pp, qq := e[0], e[1]
		if pp == 0 {
			if qq < 0 {
				return false
			}
			continue
		}
		t := qq / pp
		if pp < 0 {
			if t > t1 {
				return false
			}
			t0 = max(t0, t)
		} else {
			if t < t0 {
				return false
			}
			t1 = min(t1, t)
		}
	}
	return t0 <= t1
}

// theme is the type scale: sizes are printed points.
type theme struct {
	title, axis, cat, value, total, legend, source, caption, noData, detail, na, centre, centreLabel tstyle

	// annot is the style of the target's and reference lines' labels.
	annot tstyle
}

func (p *Plot) theme() theme {
	reg, bold, ital := p.fonts.regular, p.fonts.bold, p.fonts.italic
	if p.kind == doc.SmallLine {
		// A small chart in a grid of a dozen: smaller type, the latest
		// value in bold. Nothing is below 6 points.
		return theme{
			title:       tstyle{bold, 8, textDark},
			axis:        tstyle{reg, 6.5, textMid},
			cat:         tstyle{reg, 6.5, textDark},
			value:       tstyle{bold, 7.5, textDark},
			total:       tstyle{bold, 7, textDark},
			legend:      tstyle{reg, 6.5, textDark},
			source:      tstyle{reg, 6, textGrey},
			caption:     tstyle{reg, 6.5, textMid},
			noData:      tstyle{reg, 7.5, textGrey},
			detail:      tstyle{ital, 6.5, textGrey},
			na:          tstyle{ital, 6, textGrey},
			centre:      tstyle{bold, 8, textDark},
			centreLabel: tstyle{reg, 6, textGrey},
			annot:       tstyle{reg, 6.5, textDark},
		}
	}
	return theme{
		title:       tstyle{bold, 9.5, textDark},
		axis:        tstyle{reg, 8, textMid},
		cat:         tstyle{reg, 8, textDark},
		value:       tstyle{reg, 7.5, textDark},
		total:       tstyle{bold, 7.5, textDark},
		legend:      tstyle{reg, 8, textDark},
		source:      tstyle{reg, 7, textGrey},
		caption:     tstyle{reg, 7.5, textMid},
		noData:      tstyle{reg, 9, textGrey},
		detail:      tstyle{ital, 7.5, textGrey},
		na:          tstyle{ital, 7, textGrey},
		centre:      tstyle{bold, 10, textDark},
		centreLabel: tstyle{reg, 7, textGrey},
		annot:       tstyle{reg, 7.5, textDark},
	}
}

// draw lays out and draws the whole chart.
func (p *Plot) draw(r gochart.Renderer) {
	c := newCtx(r, p)
	th := p.theme()
	W, H := float64(p.w), float64(p.h)
	if p.Opaque {
		c.rect(0, 0, W, H, white)
	}
	top := 0.0
	if p.title != "" {
		lines, _ := c.wrap(th.title, p.title, W, 2)
		for _, l := range lines {
			c.text(th.title, l, 0, top+th.title.em()*ascent, alignLeft)
			top += th.title.line()
		}
		if p.kind == doc.SmallLine {
			top += mm(0.6)
		} else {
			top += mm(1.2)
		}
	}
	bottom := H
	if p.source != "" {
		lines, _ := c.wrap(th.source, p.source, W, 2)
		bottom -= float64(len(lines)) * th.source.line()
		y := bottom
		for _, l := range lines {
			c.text(th.source, l, 0, y+th.source.em()*ascent, alignLeft)
			y += th.source.line()
		}
		bottom -= mm(1.5)
		if p.kind == doc.SmallLine {
			bottom += mm(0.5)
		}
	}
	reg := box{0, top, W, bottom}
	switch {
	case p.noData:
		p.drawNoData(c, th, reg)
	case reg.h() < mm(8) || reg.w() < mm(15):
		// No room for a plot: the title alone.
	case p.kind == doc.Donut:
		p.drawDonut(c, th, reg)
	default:
		p.drawCategory(c, th, reg)
	}
}

// drawNoData draws the "No data for this period" panel in reg.
func (p *Plot) drawNoData(c *ctx, th theme, reg box) {
	if reg.h() < th.noData.line() {
		reg.y1 = reg.y0 + th.noData.line()
	}
	c.rectOutline(reg.x0+1, reg.y0+1, reg.x1-1, reg.y1-1, panelFill, panelStroke, 1)
	cx, cy := (reg.x0+reg.x1)/2, (reg.y0+reg.y1)/2
	msg := c.ellipsis(th.noData, NoDataText, reg.w()-mm(2))
	if p.noDataDetail != "" && reg.h() > th.noData.line()+th.detail.line()+mm(1) {
		c.text(th.noData, msg, cx, cy-mm(0.5), alignCenter)
		c.text(th.detail, c.ellipsis(th.detail, p.noDataDetail, reg.w()-mm(2)), cx, cy-mm(0.5)+th.detail.line(), alignCenter)
		return
	}
	c.text(th.noData, msg, cx, cy+th.noData.em()*capHeight/2, alignCenter)
}

type swatch int

const (
	swatchBox swatch = iota
	swatchLine
	swatchNA // the hollow dashed box marking a missing bar too thin for "n/a"
)

type legendItem struct {
	label  string
	colour drawing.Color
	kind   swatch
	dashed bool
	marker bool
	// dash, when set, is a swatchLine's own dash pattern (pixels), drawn
	// at width (pixels) with a white casing, as reference lines are.
	dash  []float64
	width float64
}

type legendRow struct {
	items []legendItem
	xs    []float64 // offsets of each item from the legend's left edge
}

func (c *ctx) swatchWidth(ts tstyle, k swatch) float64 {
	if k == swatchLine {
		return mm(6)
	}
	return ts.em() * 0.75
}

// legendLayout flows items into rows no wider than w.
func (c *ctx) legendLayout(ts tstyle, items []legendItem, w float64) []legendRow {
	var rows []legendRow
	var row legendRow
	x := 0.0
	for _, it := range items {
		sw := c.swatchWidth(ts, it.kind) + mm(1.2)
		it.label = c.ellipsis(ts, it.label, w-sw+0.5)
		iw := sw + c.width(ts, it.label)
		if x > 0 && x+iw > w {
			rows = append(rows, row)
			row, x = legendRow{}, 0
		}
		row.items = append(row.items, it)
		row.xs = append(row.xs, x)
		x += iw + mm(4)
	}
	if len(row.items) > 0 {
		rows = append(rows, row)
	}
	return rows
}

// drawLegend draws rows with the first row's top at y.
func (c *ctx) drawLegend(ts tstyle, rows []legendRow, x0, y float64) {
	for _, row := range rows {
		base := y + ts.em()*ascent
		mid := base - ts.em()*capHeight/2
		for i, it := range row.items {
			x := x0 + row.xs[i]
			sw := c.swatchWidth(ts, it.kind)
			switch it.kind {
			case swatchLine:
				var dash []float64
				w := mm(0.5)
				if it.dashed {
					dash, w = []float64{mm(1.4), mm(0.9)}, mm(0.4)
				}
				if it.dash != nil {
					dash, w = it.dash, it.width
				}
				c.polyline([]pt{{x, mid}, {x + sw, mid}}, it.colour, w, dash)
				if it.marker {
					c.disc(x+sw/2, mid, mm(0.7), it.colour)
				}
			case swatchNA:
				s := sw
				c.naBox(box{x, mid - s/2, x + s, mid + s/2})
			default:
				s := sw
				c.rect(x, mid-s/2, x+s, mid+s/2, it.colour)
			}
			c.text(ts, it.label, x+sw+mm(1.2), base, alignLeft)
		}
		y += ts.line()
	}
}

// naBox outlines b with a thin grey dashed line: the mark of a missing bar
// where "n/a" does not fit.
func (c *ctx) naBox(b box) {
	c.polyline([]pt{{b.x0, b.y1}, {b.x0, b.y0}, {b.x1, b.y0}, {b.x1, b.y1}}, naStroke, mm(0.2), []float64{mm(0.45), mm(0.35)})
}
