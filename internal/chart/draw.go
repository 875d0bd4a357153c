package chart

import (
	"math"
	"strings"

	"github.com/golang/freetype/truetype"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"

	"github.com/boardpack/boardpack/internal/doc"
)

// Liberation Sans vertical metrics, in ems.
const (
	ascent    = 0.905
	descent   = 0.212
	capHeight = 0.688
	lineGap   = 1.22 // line height
)

func mm(v float64) float64 { return v * PxPerMM }

func rgb(r, g, b uint8) drawing.Color { return drawing.Color{R: r, G: g, B: b, A: 255} }

var (
	white       = rgb(255, 255, 255)
	none        = drawing.Color{}
	textDark    = rgb(0x1a, 0x1a, 0x1a)
	textMid     = rgb(0x40, 0x40, 0x40)
	textGrey    = rgb(0x66, 0x66, 0x66)
	axisColour  = rgb(0x70, 0x70, 0x70)
	gridColour  = rgb(0xdc, 0xdc, 0xdc)
	targetLine  = rgb(0x26, 0x26, 0x26)
	panelFill   = rgb(0xf4, 0xf4, 0xf4)
	panelStroke = rgb(0xc8, 0xc8, 0xc8)
	naStroke    = rgb(0x80, 0x80, 0x80)
	dividerLine = rgb(0x59, 0x59, 0x59)
)

// Paul Tol's "medium contrast" scheme: six colours chosen to be told apart
// with the common colour-vision deficiencies and to stay distinct in
// greyscale (alternately dark and light). Bars and segments use it in
// order; lines, thin marks on white, use the darker colours first.
var (
	areaPalette = []drawing.Color{
		rgb(0x00, 0x44, 0x88), // dark blue
		rgb(0xee, 0xcc, 0x66), // light yellow
		rgb(0x99, 0x44, 0x55), // dark red
		rgb(0x66, 0x99, 0xcc), // light blue
		rgb(0x99, 0x77, 0x00), // dark yellow
		rgb(0xee, 0x99, 0xaa), // light red
		rgb(0x55, 0x55, 0x55), // grey
		rgb(0xbb, 0xbb, 0xbb), // light grey
	}
	linePalette = []drawing.Color{
		rgb(0x00, 0x44, 0x88), // dark blue
		rgb(0xbb, 0x55, 0x66), // red
		rgb(0x99, 0x77, 0x00), // dark yellow
		rgb(0x66, 0x99, 0xcc), // light blue
		rgb(0x33, 0x33, 0x33), // near black
		rgb(0x99, 0x44, 0x55), // dark red
		rgb(0x88, 0x88, 0x88), // grey
	}
)

func paletteColour(kind doc.ChartKind, i int) drawing.Color {
	if kind == doc.Line || kind == doc.SmallLine {
		return linePalette[i%len(linePalette)]
	}
	return areaPalette[i%len(areaPalette)]
}

// Warning colours for highlighted bars (Paul Tol's vibrant red and orange).
var (
	warningRed    = rgb(0xcc, 0x33, 0x11)
	warningOrange = rgb(0xee, 0x77, 0x33)
)

// warningFor is the warning colour that stands further apart from c in
// lightness, so that highlighted bars differ from the others in greyscale
// as well as in hue.
func warningFor(c drawing.Color) drawing.Color {
	l := luminance(c)
	if math.Abs(luminance(warningRed)-l) >= math.Abs(luminance(warningOrange)-l) {
		return warningRed
	}
	return warningOrange
}

// Reference (comparator) lines: greys dark enough for their labels to read
// on white, each with its own dash pattern, told apart from the target's
// near-black dashes and from each other in greyscale print.
var refStyles = []struct {
	colour drawing.Color
	dash   []float64 // millimetres
}{
	{rgb(0x59, 0x59, 0x59), []float64{0.45, 0.7}},          // dotted
	{rgb(0x6b, 0x6b, 0x6b), []float64{2.6, 0.8, 0.5, 0.8}}, // dash-dot
	{rgb(0x4a, 0x4a, 0x4a), []float64{3.4, 1.4}},           // long dash
}

// luminance is the relative luminance of c (0 black, 1 white).
func luminance(c drawing.Color) float64 {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// labelOn is the text colour for a label printed on fill c: white or near
// black, whichever contrasts more (they tie at a luminance of about 0.18).
func labelOn(c drawing.Color) drawing.Color {
	if luminance(c) > 0.18 {
		return textDark
	}
	return white
}

// readable darkens c until it reads as text on white (contrast 4.5:1).
func readable(c drawing.Color) drawing.Color {
	for i := 0; i < 8 && luminance(c) > 0.18; i++ {
		c = drawing.Color{R: uint8(float64(c.R) * 0.8), G: uint8(float64(c.G) * 0.8), B: uint8(float64(c.B) * 0.8), A: 255}
	}
	return c
}

type tstyle struct {
	font   *truetype.Font
	size   float64 // points
	colour drawing.Color
}

// em is the em size of ts in pixels (go-chart's raster convention).
func (ts tstyle) em() float64   { return ts.size * DPI / 64 }
func (ts tstyle) line() float64 { return ts.em() * lineGap }

type align int

const (
	alignLeft align = iota
	alignCenter
	alignRight
)

type wkey struct {
	font *truetype.Font
	size float64
	s    string
}

// ctx draws through a go-chart Renderer, always setting every style field
// a primitive uses: go-chart's SVG renderer fills paths with the font colour
// and strokes text with the stroke colour if they are left set.
type ctx struct {
	r      gochart.Renderer
	p      *Plot
	widths map[wkey]float64
}

func newCtx(r gochart.Renderer, p *Plot) *ctx {
	return &ctx{r: r, p: p, widths: make(map[wkey]float64, 64)}
}

func ri(v float64) int { return int(math.Round(v)) }

// width is the measured width of s in pixels.
func (c *ctx) width(ts tstyle, s string) float64 {
	if s == "" {
		return 0
	}
	k := wkey{ts.font, ts.size, s}
	if w, ok := c.widths[k]; ok {
		return w
	}
	c.r.ClearTextRotation()
	c.r.SetFont(ts.font)
	c.r.SetFontSize(ts.size)
	w := float64(c.r.MeasureText(s).Width())
	c.widths[k] = w
	return w
}

// text draws s with its baseline at y, aligned on x.
func (c *ctx) text(ts tstyle, s string, x, y float64, a align) {
	if s == "" {
		return
	}
	switch a {
	case alignCenter:
		x -= c.width(ts, s) / 2
	case alignRight:
		x -= c.width(ts, s)
	}
	c.r.ClearTextRotation()
	c.r.SetStrokeColor(none)
	c.r.SetStrokeWidth(0)
	c.r.SetStrokeDashArray(nil)
	c.r.SetFillColor(none)
	c.r.SetFont(ts.font)
	c.r.SetFontSize(ts.size)
	c.r.SetFontColor(ts.colour)
	c.r.Text(s, ri(x), ri(y))
}

func (c *ctx) fillStyle(fill drawing.Color) {
	c.r.SetFontColor(none)
	c.r.SetStrokeColor(none)
	c.r.SetStrokeWidth(0)
	c.r.SetStrokeDashArray(nil)
	c.r.SetFillColor(fill)
}

func (c *ctx) strokeStyle(col drawing.Color, w float64, dash []float64) {
	c.r.SetFontColor(none)
	c.r.SetFillColor(none)
	c.r.SetStrokeColor(col)
	c.r.SetStrokeWidth(w)
	c.r.SetStrokeDashArray(dash)
}

// rect fills the rectangle (x0,y0)-(x1,y1).
func (c *ctx) rect(x0, y0, x1, y1 float64, fill drawing.Color) {
	l, t, r, b := ri(math.Min(x0, x1)), ri(math.Min(y0, y1)), ri(math.Max(x0, x1)), ri(math.Max(y0, y1))
	if r <= l || b <= t {
		return
	}
	c.fillStyle(fill)
	c.r.MoveTo(l, t)
	c.r.LineTo(r, t)
	c.r.LineTo(r, b)
	c.r.LineTo(l, b)
	c.r.Close()
	c.r.Fill()
}

// rectOutline fills and outlines a rectangle.
func (c *ctx) rectOutline(x0, y0, x1, y1 float64, fill, stroke drawing.Color, w float64) {
	c.rect(x0, y0, x1, y1, fill)
	c.polyline([]pt{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}, stroke, w, nil)
}

type pt struct{ x, y float64 }

// polyline strokes a line through pts.
func (c *ctx) polyline(pts []pt, col drawing.Color, w float64, dash []float64) {
	if len(pts) < 2 {
		return
	}
	c.strokeStyle(col, w, dash)
	c.r.MoveTo(ri(pts[0].x), ri(pts[0].y))
	for _, p := range pts[1:] {
		c.r.LineTo(ri(p.x), ri(p.y))
	}
	c.r.Stroke()
}

// disc fills a circle. It is drawn with two half arcs, which every go-chart
// renderer draws the same way (the raster Circle is a rounded square, and an
// SVG arc whose ends meet draws nothing).
func (c *ctx) disc(x, y, radius float64, fill drawing.Color) {
	c.fillStyle(fill)
	cx, cy := ri(x), ri(y)
	c.r.ArcTo(cx, cy, radius, radius, 0, math.Pi)
	c.r.ArcTo(cx, cy, radius, radius, math.Pi, math.Pi)
	c.r.Close()
	c.r.Fill()
}

// wedge fills the pie slice from angle a0 sweeping da (radians, clockwise
// from 3 o'clock on screen) and outlines it in stroke.
func (c *ctx) wedge(x, y, radius, a0, da float64, fill, stroke drawing.Color, sw float64) {
	c.r.SetFontColor(none)
	c.r.SetFillColor(fill)
	c.r.SetStrokeColor(stroke)
	c.r.SetStrokeWidth(sw)
	c.r.SetStrokeDashArray(nil)
	cx, cy := ri(x), ri(y)
	c.r.MoveTo(cx, cy)
	// Arcs of more than half a turn are split: SVG arcs are drawn by their
	// end points, which coincide for a full turn.
	n := int(math.Ceil(da / math.Pi))
	for i := 0; i < n; i++ {
		c.r.ArcTo(cx, cy, radius, radius, a0+da*float64(i)/float64(n), da/float64(n))
	}
	c.r.LineTo(cx, cy)
	c.r.Close()
	if stroke.A > 0 && sw > 0 {
		c.r.FillStroke()
	} else {
		c.r.Fill()
	}
}

// ellipsis shortens s with "…" until it fits in w pixels.
func (c *ctx) ellipsis(ts tstyle, s string, w float64) string {
	if c.width(ts, s) <= w {
		return s
	}
	rs := []rune(s)
	for n := len(rs) - 1; n > 0; n-- {
		t := strings.TrimRight(string(rs[:n]), " ") + "…"
		if c.width(ts, t) <= w {
			return t
		}
	}
	return ""
}

// wrap breaks s into at most maxLines lines of at most w pixels, breaking
// between words; what does not fit is cut with "…". fits reports whether
// nothing was cut.
func (c *ctx) wrap(ts tstyle, s string, w float64, maxLines int) (lines []string, fits bool) {
	if s == "" {
		return nil, true
	}
	if c.width(ts, s) <= w {
		return []string{s}, true
	}
	words := strings.Fields(s)
	fits = true
	cur := ""
	for i := 0; i < len(words); i++ {
		word := words[i]
		cand := word
		if cur != "" {
			cand = cur + " " + word
		}
		if c.width(ts, cand) <= w {
			cur = cand
			continue
		}
		if cur == "" { // a single word wider than the line
			if len(lines) == maxLines-1 {
				rest := strings.Join(words[i:], " ")
				return append(lines, c.ellipsis(ts, rest, w)), false
			}
			lines = append(lines, c.ellipsis(ts, word, w))
			fits = false
			continue
		}
		lines = append(lines, cur)
		cur = ""
		i--
		if len(lines) == maxLines {
			rest := strings.Join(words[i+1:], " ")
			lines[len(lines)-1] = c.ellipsis(ts, lines[len(lines)-1]+" "+rest, w)
			return lines, false
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines, fits
}
