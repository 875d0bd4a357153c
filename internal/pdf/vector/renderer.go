package vector

import (
	"io"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"github.com/golang/freetype/truetype"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"

	"github.com/boardpack/boardpack/internal/fonts"
)

// Renderer is go-chart's Renderer drawing onto an fpdf page. A chart of
// W by H pixels is mapped onto a box of the page; pixel coordinates
// become millimetres. Paths are buffered and replayed on Stroke, Fill or
// FillStroke (PDF allows no colour operators inside a path), text is real
// PDF text in the fonts package's family, which the caller must have
// registered with the Fpdf.
//
// Use it between Begin and End, which isolate the chart's graphics state
// from the page and restore fpdf's colours, line width and font.
type Renderer struct {
	f      *fpdf.Fpdf
	x0, y0 float64 // box origin, mm
	w, h   float64 // box size, mm
	kx, ky float64 // mm per pixel
	dpi    float64

	stroke, fill, fontColour drawing.Color
	strokeWidth              float64
	dash                     []float64
	font                     *truetype.Font
	fontSize                 float64
	rotation                 *float64

	path    []pathOp
	cur     pt // current point, px
	start   pt // start of the current subpath, px
	hasCur  bool
	emitted emitted
	saved   saved
	began   bool
	styles  map[string]bool // fpdf styles of fonts.Family registered with f
}

type pt struct{ x, y float64 }

type opKind uint8

const (
	opMove opKind = iota
	opLine
	opCubic
	opClose
)

type pathOp struct {
	k opKind
	p [3]pt // opMove/opLine: p[0]; opCubic: control points p[0], p[1], end p[2]
}

// emitted caches the graphics state last written inside the chart, so that
// unchanged colours and widths are not written again, and records what the
// chart changed, for End to restore.
type emitted struct {
	draw, fill, text [3]int
	drawOK, fillOK   bool
	textOK           bool
	lineWidth        float64
	lineWidthOK      bool
	dash             string
	dashOK           bool
	alpha            float64
	fontStyle        string
	fontSize         float64
	fontOK           bool
	changedDraw      bool
	changedFill      bool
	changedText      bool
	changedLine      bool
	changedDash      bool // a dashed pattern was set
	changedAlpha     bool
	changedFont      bool
	changedJoin      bool
	changedCap       bool
}

// saved is fpdf's drawing state before the chart.
type saved struct {
	draw, fill, text [3]int
	alpha            float64
	blend            string
	lineWidth        float64
	family, style    string
	sizePt           float64
	join, cap        string
}

// NewRenderer returns a renderer mapping a widthPx by heightPx chart onto
// the box at (x, y), w by h millimetres, of f's current page.
func NewRenderer(f *fpdf.Fpdf, x, y, w, h float64, widthPx, heightPx int) *Renderer {
	styles := make(map[string]bool, len(fonts.Styles))
	for _, st := range fonts.Styles {
		styles[st.FpdfStyle()] = f.GetFontDesc(fonts.Family, st.FpdfStyle()).Ascent != 0
	}
	return &Renderer{
		styles: styles,
		f:      f,
		x0:     x,
		y0:     y,
		w:      w,
		h:      h,
		kx:     w / float64(max(widthPx, 1)),
		ky:     h / float64(max(heightPx, 1)),
		dpi:    gochart.DefaultDPI,
	}
}

// Begin records fpdf's drawing state and opens the chart's graphics state,
// clipped to the box. Every Begin needs its End.
func (r *Renderer) Begin() {
	if r.began {
		return
	}
	sv := &r.saved
	sv.draw[0], sv.draw[1], sv.draw[2] = r.f.GetDrawColor()
	sv.fill[0], sv.fill[1], sv.fill[2] = r.f.GetFillColor()
	sv.text[0], sv.text[1], sv.text[2] = r.f.GetTextColor()
	sv.alpha, sv.blend = r.f.GetAlpha()
	sv.lineWidth = r.f.GetLineWidth()
	sv.family, sv.style = r.f.GetFontFamily(), r.f.GetFontStyle()
	sv.sizePt, _ = r.f.GetFontSize()
	sv.join, sv.cap = r.f.GetLineJoinStyle(), r.f.GetLineCapStyle()
	r.emitted = emitted{alpha: sv.alpha}

	r.f.TransformBegin()
	r.f.ClipRect(r.x0, r.y0, r.w, r.h, false)
	r.began = true
	if sv.join != "round" {
		r.f.SetLineJoinStyle("round")
		r.emitted.changedJoin = true
	}
	if sv.cap != "butt" {
		r.f.SetLineCapStyle("butt")
		r.emitted.changedCap = true
	}
}

// End closes the chart's graphics state and restores in fpdf whatever the
// chart changed: draw, fill and text colours, line width, line join and cap,
// alpha and font. fpdf has no getter for the dash pattern: if the chart drew
// dashed lines, fpdf's dash pattern is reset to solid.
func (r *Renderer) End() {
	if !r.began {
		return
	}
	r.began = false
	r.clearPath()
	r.f.ClipEnd()
	r.f.TransformEnd()
	// The PDF graphics state is back as it was (Q); bring fpdf's own record
	// of it, which it writes again on new pages, back in line.
	e, sv := &r.emitted, &r.saved
	if e.changedDraw {
		r.f.SetDrawColor(sv.draw[0], sv.draw[1], sv.draw[2])
	}
	if e.changedFill {
		r.f.SetFillColor(sv.fill[0], sv.fill[1], sv.fill[2])
	}
	if e.changedText {
		r.f.SetTextColor(sv.text[0], sv.text[1], sv.text[2])
	}
	if e.changedLine {
		r.f.SetLineWidth(sv.lineWidth)
	}
	if e.changedDash {
		r.f.SetDashPattern([]float64{}, 0)
	}
	if e.changedJoin {
		r.f.SetLineJoinStyle(sv.join)
	}
	if e.changedCap {
		r.f.SetLineCapStyle(sv.cap)
	}
	if e.changedAlpha {
		r.f.SetAlpha(sv.alpha, sv.blend)
	}
	if e.changedFont && sv.family != "" {
		r.f.SetFont(sv.family, sv.style, sv.sizePt)
	}
	r.emitted = emitted{}
}

// ---- go-chart Renderer: state ----

// ResetStyle resets colours, widths, dashes and rotation; the font is kept.
func (r *Renderer) ResetStyle() {
	r.stroke, r.fill, r.fontColour = drawing.Color{}, drawing.Color{}, drawing.Color{}
	r.strokeWidth, r.dash, r.fontSize = 0, nil, 0
	r.rotation = nil
}

// GetDPI returns the DPI used to convert font sizes to pixels.
func (r *Renderer) GetDPI() float64 { return r.dpi }

// SetDPI sets the DPI used to convert font sizes to pixels.
func (r *Renderer) SetDPI(dpi float64) {
	if dpi > 0 {
		r.dpi = dpi
	}
}

// SetClassName does nothing: PDF has no classes.
func (r *Renderer) SetClassName(string) {}

// SetStrokeColor sets the stroke colour.
func (r *Renderer) SetStrokeColor(c drawing.Color) { r.stroke = c }

// SetFillColor sets the fill colour.
func (r *Renderer) SetFillColor(c drawing.Color) { r.fill = c }

// SetStrokeWidth sets the stroke width in pixels.
func (r *Renderer) SetStrokeWidth(w float64) { r.strokeWidth = w }

// SetStrokeDashArray sets the dash lengths in pixels.
func (r *Renderer) SetStrokeDashArray(d []float64) { r.dash = d }

// SetFont sets the font; it must be one of the fonts package's fonts.
func (r *Renderer) SetFont(f *truetype.Font) { r.font = f }

// SetFontColor sets the text colour.
func (r *Renderer) SetFontColor(c drawing.Color) { r.fontColour = c }

// SetFontSize sets the font size in go-chart points (size*DPI/64 px per em).
func (r *Renderer) SetFontSize(size float64) { r.fontSize = size }

// SetTextRotation rotates following text by radians, clockwise on screen.
func (r *Renderer) SetTextRotation(radians float64) { r.rotation = &radians }

// ClearTextRotation stops rotating text.
func (r *Renderer) ClearTextRotation() { r.rotation = nil }

// Save does nothing: the chart is already on the page.
func (r *Renderer) Save(io.Writer) error { return nil }

// ---- paths ----

// MoveTo starts a new subpath at (x, y).
func (r *Renderer) MoveTo(x, y int) { r.moveTo(pt{float64(x), float64(y)}) }

// LineTo adds a line to (x, y).
func (r *Renderer) LineTo(x, y int) { r.lineTo(pt{float64(x), float64(y)}) }

func (r *Renderer) moveTo(p pt) {
	r.path = append(r.path, pathOp{k: opMove, p: [3]pt{p}})
	r.cur, r.start, r.hasCur = p, p, true
}

func (r *Renderer) lineTo(p pt) {
	if !r.hasCur {
		r.moveTo(p)
		return
	}
	r.path = append(r.path, pathOp{k: opLine, p: [3]pt{p}})
	r.cur = p
}

func (r *Renderer) cubicTo(c1, c2, p pt) {
	if !r.hasCur {
		r.moveTo(c1)
	}
	r.path = append(r.path, pathOp{k: opCubic, p: [3]pt{c1, c2, p}})
	r.cur = p
}

// QuadCurveTo adds a quadratic Bézier curve, degree-elevated to a cubic.
func (r *Renderer) QuadCurveTo(cx, cy, x, y int) {
	c := pt{float64(cx), float64(cy)}
	p := pt{float64(x), float64(y)}
	if !r.hasCur {
		r.moveTo(c)
	}
	p0 := r.cur
	c1 := pt{p0.x + 2.0/3.0*(c.x-p0.x), p0.y + 2.0/3.0*(c.y-p0.y)}
	c2 := pt{p.x + 2.0/3.0*(c.x-p.x), p.y + 2.0/3.0*(c.y-p.y)}
	r.cubicTo(c1, c2, p)
}

// ArcTo adds an elliptical arc centred on (cx, cy) from startAngle sweeping
// delta radians, as go-chart's raster renderer draws it: angles from the
// positive x axis, increasing clockwise on screen (y down), with a line to
// the arc's start when the path is not empty. The arc is drawn as cubic
// Bézier segments of at most 90 degrees.
func (r *Renderer) ArcTo(cx, cy int, rx, ry, startAngle, delta float64) {
	c := pt{float64(cx), float64(cy)}
	at := func(a float64) pt { return pt{c.x + math.Cos(a)*rx, c.y + math.Sin(a)*ry} }
	if len(r.path) > 0 && r.hasCur {
		r.lineTo(at(startAngle))
	} else {
		r.moveTo(at(startAngle))
	}
	if delta == 0 || math.IsNaN(delta) || math.IsInf(delta, 0) {
		return
	}
	n := int(math.Ceil(math.Abs(delta) / (math.Pi / 2)))
	n = min(max(n, 1), 64)
	d := delta / float64(n)
	k := 4.0 / 3.0 * math.Tan(d/4)
	a := startAngle
	for i := 0; i < n; i++ {
		b := a + d
		ca, sa, cb, sb := math.Cos(a), math.Sin(a), math.Cos(b), math.Sin(b)
		c1 := pt{c.x + rx*(ca-k*sa), c.y + ry*(sa+k*ca)}
		c2 := pt{c.x + rx*(cb+k*sb), c.y + ry*(sb-k*cb)}
		r.cubicTo(c1, c2, pt{c.x + rx*cb, c.y + ry*sb})
		a = b
	}
}

// Close closes the current subpath.
func (r *Renderer) Close() {
	if !r.hasCur {
		return
	}
	r.path = append(r.path, pathOp{k: opClose})
	r.cur = r.start
}

// Circle adds a circle of radius around (x, y) as a closed subpath; like
// the raster renderer, it does not paint it (call Fill, Stroke or
// FillStroke).
func (r *Renderer) Circle(radius float64, x, y int) {
	cx, cy := float64(x), float64(y)
	const k = 0.5522847498307936 // 4/3*(sqrt(2)-1)
	rr, kr := radius, radius*k
	r.moveTo(pt{cx + rr, cy})
	r.cubicTo(pt{cx + rr, cy + kr}, pt{cx + kr, cy + rr}, pt{cx, cy + rr})
	r.cubicTo(pt{cx - kr, cy + rr}, pt{cx - rr, cy + kr}, pt{cx - rr, cy})
	r.cubicTo(pt{cx - rr, cy - kr}, pt{cx - kr, cy - rr}, pt{cx, cy - rr})
	r.cubicTo(pt{cx + kr, cy - rr}, pt{cx + rr, cy - kr}, pt{cx + rr, cy})
	r.Close()
}

func (r *Renderer) strokeVisible() bool {
	return r.strokeWidth > 0 && r.stroke.A > 0 && !math.IsNaN(r.strokeWidth)
}

// Stroke strokes the path and clears it.
func (r *Renderer) Stroke() {
	if len(r.path) > 0 && r.strokeVisible() {
		r.applyStroke()
		r.replay("S")
	}
	r.clearPath()
}

// Fill fills the path (even-odd, as the raster renderer) and clears it.
func (r *Renderer) Fill() {
	if len(r.path) > 0 && r.fill.A > 0 {
		r.applyFill()
		r.replay("f*")
	}
	r.clearPath()
}

// FillStroke fills then strokes the path and clears it. When fill and
// stroke have different alphas it paints them separately, since fpdf's
// SetAlpha sets both.
func (r *Renderer) FillStroke() {
	fill, stroke := r.fill.A > 0, r.strokeVisible()
	switch {
	case len(r.path) == 0:
	case fill && stroke && r.fill.A == r.stroke.A:
		r.applyFill()
		r.applyStroke()
		r.replay("B*")
	default:
		if fill {
			r.applyFill()
			r.replay("f*")
		}
		if stroke {
			r.applyStroke()
			r.replay("S")
		}
	}
	r.clearPath()
}

func (r *Renderer) clearPath() {
	r.path = r.path[:0]
	r.hasCur = false
}

// mmX and mmY map pixel coordinates into the box, in millimetres.
func (r *Renderer) mmX(px float64) float64 { return r.x0 + px*r.kx }
func (r *Renderer) mmY(px float64) float64 { return r.y0 + px*r.ky }

func (r *Renderer) replay(op string) {
	for _, o := range r.path {
		switch o.k {
		case opMove:
			r.f.MoveTo(r.mmX(o.p[0].x), r.mmY(o.p[0].y))
		case opLine:
			r.f.LineTo(r.mmX(o.p[0].x), r.mmY(o.p[0].y))
		case opCubic:
			r.f.CurveBezierCubicTo(r.mmX(o.p[0].x), r.mmY(o.p[0].y), r.mmX(o.p[1].x), r.mmY(o.p[1].y), r.mmX(o.p[2].x), r.mmY(o.p[2].y))
		case opClose:
			r.f.ClosePath()
		}
	}
	r.f.DrawPath(op)
}

func rgb(c drawing.Color) [3]int { return [3]int{int(c.R), int(c.G), int(c.B)} }

func (r *Renderer) setAlpha(a uint8) {
	alpha := float64(a) / 255
	if r.emitted.alpha == alpha {
		return
	}
	r.f.SetAlpha(alpha, "Normal")
	r.emitted.alpha = alpha
	r.emitted.changedAlpha = true
}

func (r *Renderer) applyFill() {
	e := &r.emitted
	if c := rgb(r.fill); !e.fillOK || e.fill != c {
		r.f.SetFillColor(c[0], c[1], c[2])
		e.fill, e.fillOK, e.changedFill = c, true, true
	}
	r.setAlpha(r.fill.A)
}

func (r *Renderer) applyStroke() {
	e := &r.emitted
	if c := rgb(r.stroke); !e.drawOK || e.draw != c {
		r.f.SetDrawColor(c[0], c[1], c[2])
		e.draw, e.drawOK, e.changedDraw = c, true, true
	}
	w := r.strokeWidth * r.kx
	if !e.lineWidthOK || e.lineWidth != w {
		r.f.SetLineWidth(w)
		e.lineWidth, e.lineWidthOK, e.changedLine = w, true, true
	}
	var key strings.Builder
	dash := make([]float64, 0, len(r.dash))
	for _, d := range r.dash {
		if d > 0 {
			dash = append(dash, d*r.kx)
		}
	}
	if len(dash)%2 == 1 { // PDF repeats an odd array; keep it explicit
		dash = append(dash, dash...)
	}
	for _, d := range dash {
		key.WriteString(fpdfNum(d))
		key.WriteByte(' ')
	}
	if k := key.String(); !e.dashOK || e.dash != k {
		r.f.SetDashPattern(dash, 0)
		e.dash, e.dashOK = k, true
		e.changedDash = e.changedDash || k != ""
	}
	r.setAlpha(r.stroke.A)
}

func fpdfNum(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }

// ---- text ----

// pdfPoints is the fpdf font size, in points, that draws an em of the
// same size as MeasureText measures: size*DPI/64 pixels.
func (r *Renderer) pdfPoints() float64 {
	return r.fontSize * r.dpi / 64 * r.kx * 72 / 25.4
}

// Text draws body with its baseline starting at (x, y), rotated by the
// text rotation about that point.
func (r *Renderer) Text(body string, x, y int) {
	body = Sanitize(body)
	if body == "" || r.fontColour.A == 0 || r.fontSize <= 0 {
		return
	}
	e := &r.emitted
	style := fonts.StyleOf(r.font).FpdfStyle()
	if !r.styles[style] {
		style = ""
	}
	size := math.Round(r.pdfPoints()*100) / 100
	if !e.fontOK || e.fontStyle != style || e.fontSize != size {
		r.f.SetFont(fonts.Family, style, size)
		e.fontStyle, e.fontSize, e.fontOK, e.changedFont = style, size, true, true
	}
	if c := rgb(r.fontColour); !e.textOK || e.text != c {
		r.f.SetTextColor(c[0], c[1], c[2])
		e.text, e.textOK, e.changedText = c, true, true
	}
	r.setAlpha(r.fontColour.A)
	X, Y := r.mmX(float64(x)), r.mmY(float64(y))
	if r.rotation != nil && *r.rotation != 0 {
		r.f.TransformBegin()
		r.f.TransformRotate(-*r.rotation*180/math.Pi, X, Y)
		r.f.Text(X, Y, body)
		r.f.TransformEnd()
		return
	}
	r.f.Text(X, Y, body)
}

// MeasureText returns the size of body in pixels: its advance width
// (without kerning, as fpdf draws it) and its ink height, at size*DPI/64
// pixels per em, rotated by the text rotation like the raster renderer.
func (r *Renderer) MeasureText(body string) gochart.Box {
	body = Sanitize(body)
	if body == "" || r.font == nil || r.fontSize <= 0 {
		return gochart.Box{}
	}
	em := r.fontSize * r.dpi / 64
	w, top, bottom := measure(r.font, em, body)
	b := gochart.Box{Right: int(math.Ceil(w)), Bottom: int(math.Ceil(bottom - top))}
	if r.rotation == nil {
		return b
	}
	return b.Corners().Rotate(*r.rotation * 180 / math.Pi).Box()
}

// Sanitize makes s safe for fpdf: invalid UTF-8 and characters outside the
// Basic Multilingual Plane (which make fpdf panic) become "?", control
// characters become spaces.
func Sanitize(s string) string {
	ok := true
	for _, c := range s {
		if c == utf8.RuneError || c > 0xFFFF || unicode.IsControl(c) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		switch {
		case c == utf8.RuneError:
			if _, n := utf8.DecodeRuneInString(s[i:]); n <= 1 {
				c = '?'
			}
		case c > 0xFFFF:
			c = '?'
		case unicode.IsControl(c):
			c = ' '
		}
		b.WriteRune(c)
	}
	return b.String()
}

// ---- measuring: one cached face per (font, size) ----

type faceKey struct {
	font *truetype.Font
	em   float64 // pixels per em
}

// cachedFace is a font.Face with the glyph bounds it has computed. A
// truetype face is not safe for concurrent use, so each is locked.
type cachedFace struct {
	mu     sync.Mutex
	face   font.Face
	bounds map[rune][2]float64 // ink top and bottom, px (y down)
}

var faces sync.Map // faceKey -> *cachedFace

func faceFor(f *truetype.Font, em float64) *cachedFace {
	k := faceKey{f, em}
	if v, ok := faces.Load(k); ok {
		return v.(*cachedFace)
	}
	// truetype sizes faces as Size*DPI/72 pixels per em.
	cf := &cachedFace{
		face:   truetype.NewFace(f, &truetype.Options{Size: em, DPI: 72, Hinting: font.HintingNone}),
		bounds: make(map[rune][2]float64),
	}
	v, _ := faces.LoadOrStore(k, cf)
	return v.(*cachedFace)
}

// measure returns the advance width of s (no kerning; the sum of the
// glyphs' advances, as fpdf lays text out) and its ink top and bottom
// relative to the baseline, in pixels at em pixels per em.
func measure(f *truetype.Font, em float64, s string) (w, top, bottom float64) {
	upem := fixed.Int26_6(f.FUnitsPerEm())
	units := 0
	for _, c := range s {
		units += int(f.HMetric(upem, f.Index(c)).AdvanceWidth)
	}
	w = float64(units) * em / float64(upem)

	cf := faceFor(f, em)
	cf.mu.Lock()
	defer cf.mu.Unlock()
	top, bottom = math.Inf(1), math.Inf(-1)
	for _, c := range s {
		b, ok := cf.bounds[c]
		if !ok {
			gb, _, found := cf.face.GlyphBounds(c)
			if found && gb.Max.Y > gb.Min.Y {
				b = [2]float64{float64(gb.Min.Y) / 64, float64(gb.Max.Y) / 64}
			} else {
				b = [2]float64{math.Inf(1), math.Inf(-1)} // a space: no ink
			}
			cf.bounds[c] = b
		}
		top, bottom = math.Min(top, b[0]), math.Max(bottom, b[1])
	}
	if top > bottom {
		return w, 0, 0
	}
	return w, top, bottom
}
