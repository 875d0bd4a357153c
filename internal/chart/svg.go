package chart

import (
	"bytes"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/golang/freetype/truetype"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
	"golang.org/x/image/math/fixed"

	"github.com/boardpack/boardpack/internal/doc"
)

// SVGOptions says how SVG writes the svg element.
type SVGOptions struct {
	// Width and Height are the element's width and height attributes, in
	// CSS pixels; zero means the chart's own size in pixels. The drawing is
	// scaled to them through the viewBox.
	Width, Height float64

	// ID, Title and Description make the chart an image with a text
	// alternative: the element gets role="img", its first children are a
	// title (Title) and a desc (Description) with the ids ID+"-title" and
	// ID+"-desc", referenced by aria-labelledby and aria-describedby. ID
	// must be unique in the page that holds the SVG; without it, title and
	// desc are written without ids or ARIA attributes.
	ID          string
	Title       string
	Description string
}

// FontFamily is the font-family of the text in SVG charts: the chart's
// Liberation Sans, else Arial or Helvetica, which have the same widths.
const FontFamily = "'Liberation Sans',Arial,Helvetica,sans-serif"

// SVG renders spec c as an SVG document of widthPx by heightPx pixels:
// valid XML, text as real text (XML-escaped, sized and measured exactly as
// the PDF renderer sizes and measures it, so the layout is the PDF's),
// bold and italic marked, fills and strokes as compact path elements. The
// same spec and options give the same bytes.
func SVG(c doc.Chart, widthPx, heightPx int, o SVGOptions) ([]byte, error) {
	p, err := build(c, widthPx, heightPx)
	if err != nil {
		return nil, err
	}
	p.Opaque = true
	var sr *svgRenderer
	provider := func(w, h int) (gochart.Renderer, error) {
		sr = newSVGRenderer(w, h, p.fonts)
		return sr, nil
	}
	var body bytes.Buffer
	if err := p.Render(provider, &body); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.Grow(body.Len() + 512)
	out.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 `)
	out.WriteString(strconv.Itoa(p.w))
	out.WriteByte(' ')
	out.WriteString(strconv.Itoa(p.h))
	out.WriteString(`" width="`)
	out.WriteString(svgNum(orSize(o.Width, p.w)))
	out.WriteString(`" height="`)
	out.WriteString(svgNum(orSize(o.Height, p.h)))
	out.WriteByte('"')
	if o.ID != "" {
		id := escapeXML(o.ID)
		out.WriteString(` role="img" aria-labelledby="` + id + `-title"`)
		if o.Description != "" {
			out.WriteString(` aria-describedby="` + id + `-desc"`)
		}
	}
	out.WriteString(` font-family="` + FontFamily + `" fill-rule="evenodd">`)
	if o.Title != "" || o.ID != "" {
		out.WriteString("<title")
		if o.ID != "" {
			out.WriteString(` id="` + escapeXML(o.ID) + `-title"`)
		}
		out.WriteByte('>')
		out.WriteString(escapeXML(Clean(o.Title)))
		out.WriteString("</title>")
	}
	if o.Description != "" {
		out.WriteString("<desc")
		if o.ID != "" {
			out.WriteString(` id="` + escapeXML(o.ID) + `-desc"`)
		}
		out.WriteByte('>')
		out.WriteString(escapeXML(Clean(o.Description)))
		out.WriteString("</desc>")
	}
	out.Write(body.Bytes())
	out.WriteString("</svg>")
	return out.Bytes(), nil
}

func orSize(v float64, px int) float64 {
	if v > 0 && !math.IsInf(v, 0) {
		return v
	}
	return float64(px)
}

// svgRenderer is a go-chart Renderer that writes SVG elements. It measures
// text as the PDF renderer does (the sum of the glyphs' advances at
// size*DPI/64 pixels per em), so a chart is laid out the same in both.
type svgRenderer struct {
	w, h  int
	dpi   float64
	fonts styleFonts
	buf   bytes.Buffer

	stroke, fill, fontColour drawing.Color
	strokeWidth              float64
	dash                     []float64
	font                     *truetype.Font
	fontSize                 float64
	rotation                 *float64

	path   strings.Builder
	hasCur bool

	advances map[advKey]int // font units
}

type advKey struct {
	font *truetype.Font
	r    rune
}

func newSVGRenderer(w, h int, f styleFonts) *svgRenderer {
	return &svgRenderer{w: w, h: h, dpi: DPI, fonts: f, advances: make(map[advKey]int, 128)}
}

func (s *svgRenderer) ResetStyle() {
	s.stroke, s.fill, s.fontColour = drawing.Color{}, drawing.Color{}, drawing.Color{}
	s.strokeWidth, s.dash, s.rotation = 0, nil, nil
}
func (s *svgRenderer) GetDPI() float64                 { return s.dpi }
func (s *svgRenderer) SetDPI(dpi float64)              { s.dpi = dpi }
func (s *svgRenderer) SetClassName(string)             {}
func (s *svgRenderer) SetStrokeColor(c drawing.Color)  { s.stroke = c }
func (s *svgRenderer) SetFillColor(c drawing.Color)    { s.fill = c }
func (s *svgRenderer) SetStrokeWidth(w float64)        { s.strokeWidth = w }
func (s *svgRenderer) SetStrokeDashArray(d []float64)  { s.dash = d }
func (s *svgRenderer) SetFont(f *truetype.Font)        { s.font = f }
func (s *svgRenderer) SetFontColor(c drawing.Color)    { s.fontColour = c }
func (s *svgRenderer) SetFontSize(size float64)        { s.fontSize = size }
func (s *svgRenderer) SetTextRotation(radians float64) { s.rotation = &radians }
func (s *svgRenderer) ClearTextRotation()              { s.rotation = nil }
func (s *svgRenderer) Save(w io.Writer) error          { _, err := w.Write(s.buf.Bytes()); return err }
func (s *svgRenderer) MoveTo(x, y int)                 { s.moveTo(float64(x), float64(y)) }
func (s *svgRenderer) LineTo(x, y int)                 { s.lineTo(float64(x), float64(y)) }
func (s *svgRenderer) Circle(radius float64, x, y int) { s.circle(radius, float64(x), float64(y)) }
func (s *svgRenderer) QuadCurveTo(cx, cy, x, y int)    { s.quadTo(cx, cy, x, y) }

func (s *svgRenderer) moveTo(x, y float64) {
	s.pathCmd('M', x, y)
	s.hasCur = true
}

func (s *svgRenderer) lineTo(x, y float64) {
	if !s.hasCur {
		s.moveTo(x, y)
		return
	}
	s.pathCmd('L', x, y)
}

func (s *svgRenderer) quadTo(cx, cy, x, y int) {
	if !s.hasCur {
		s.moveTo(float64(cx), float64(cy))
	}
	s.pathCmd('Q', float64(cx), float64(cy), float64(x), float64(y))
}

// circle adds a closed circular subpath; like the other renderers, it does
// not paint it.
func (s *svgRenderer) circle(r, x, y float64) {
	s.moveTo(x+r, y)
	s.pathCmd('A', r, r, 0, 0, 1, x-r, y)
	s.pathCmd('A', r, r, 0, 0, 1, x+r, y)
	s.Close()
}

// ArcTo adds an elliptical arc around (cx, cy) from startAngle sweeping
// delta radians (angles from the positive x axis, clockwise on screen), with
// a line to its start when the path is not empty, as the PDF renderer does.
func (s *svgRenderer) ArcTo(cx, cy int, rx, ry, startAngle, delta float64) {
	x0, y0 := float64(cx), float64(cy)
	at := func(a float64) (float64, float64) { return x0 + math.Cos(a)*rx, y0 + math.Sin(a)*ry }
	sx, sy := at(startAngle)
	if s.hasCur {
		s.lineTo(sx, sy)
	} else {
		s.moveTo(sx, sy)
	}
	if delta == 0 || math.IsNaN(delta) || math.IsInf(delta, 0) {
		return
	}
	// An arc whose ends meet draws nothing in SVG: split it.
	n := max(int(math.Ceil(math.Abs(delta)/math.Pi)), 1)
	d := delta / float64(n)
	sweep := 1.0
	if d < 0 {
		sweep = 0
	}
	for i := 1; i <= n; i++ {
		ex, ey := at(startAngle + d*float64(i))
		s.pathCmd('A', rx, ry, 0, 0, sweep, ex, ey)
	}
}

func (s *svgRenderer) Close() {
	if s.hasCur {
		s.path.WriteByte('Z')
	}
}

func (s *svgRenderer) pathCmd(cmd byte, v ...float64) {
	s.path.WriteByte(cmd)
	for i, x := range v {
		if i > 0 {
			s.path.WriteByte(' ')
		}
		s.path.WriteString(svgNum(x))
	}
}

func (s *svgRenderer) strokeVisible() bool {
	return s.strokeWidth > 0 && s.stroke.A > 0 && !math.IsNaN(s.strokeWidth)
}

func (s *svgRenderer) Stroke() { s.paint(false, s.strokeVisible()) }
func (s *svgRenderer) Fill()   { s.paint(s.fill.A > 0, false) }
func (s *svgRenderer) FillStroke() {
	s.paint(s.fill.A > 0, s.strokeVisible())
}

// paint writes the current path as a path element and clears it.
func (s *svgRenderer) paint(fill, stroke bool) {
	d := s.path.String()
	s.path.Reset()
	s.hasCur = false
	if d == "" || (!fill && !stroke) {
		return
	}
	b := &s.buf
	b.WriteString(`<path d="`)
	b.WriteString(d)
	b.WriteByte('"')
	if fill {
		writeColour(b, "fill", s.fill)
	} else {
		b.WriteString(` fill="none"`)
	}
	if stroke {
		writeColour(b, "stroke", s.stroke)
		b.WriteString(` stroke-width="`)
		b.WriteString(svgNum(s.strokeWidth))
		b.WriteByte('"')
		var dash []string
		for _, v := range s.dash {
			if v > 0 {
				dash = append(dash, svgNum(v))
			}
		}
		if len(dash) > 0 {
			b.WriteString(` stroke-dasharray="`)
			b.WriteString(strings.Join(dash, " "))
			b.WriteByte('"')
		}
	}
	b.WriteString("/>")
}

// writeColour writes attr="#rrggbb", with attr-opacity when c is not opaque.
func writeColour(b *bytes.Buffer, attr string, c drawing.Color) {
	const hex = "0123456789abcdef"
	b.WriteByte(' ')
	b.WriteString(attr)
	b.WriteString(`="#`)
	for _, v := range []uint8{c.R, c.G, c.B} {
		b.WriteByte(hex[v>>4])
		b.WriteByte(hex[v&15])
	}
	b.WriteByte('"')
	if c.A < 255 {
		b.WriteString(" " + attr + `-opacity="` + svgNum(float64(c.A)/255) + `"`)
	}
}

// em is the em size of the current font in pixels: the raster convention,
// which the PNG and PDF renderers share.
func (s *svgRenderer) em() float64 { return s.fontSize * s.dpi / 64 }

// Text draws body with its baseline starting at (x, y).
func (s *svgRenderer) Text(body string, x, y int) {
	body = Clean(body)
	if body == "" || s.fontColour.A == 0 || s.fontSize <= 0 {
		return
	}
	b := &s.buf
	b.WriteString(`<text x="`)
	b.WriteString(strconv.Itoa(x))
	b.WriteString(`" y="`)
	b.WriteString(strconv.Itoa(y))
	b.WriteString(`" font-size="`)
	b.WriteString(svgNum(s.em()))
	b.WriteByte('"')
	switch {
	case s.font != nil && s.font == s.fonts.bold:
		b.WriteString(` font-weight="bold"`)
	case s.font != nil && s.font == s.fonts.italic:
		b.WriteString(` font-style="italic"`)
	}
	if s.fontColour != (drawing.Color{A: 255}) {
		writeColour(b, "fill", s.fontColour)
	}
	if s.rotation != nil && *s.rotation != 0 {
		b.WriteString(` transform="rotate(`)
		b.WriteString(svgNum(*s.rotation * 180 / math.Pi))
		b.WriteString(" " + strconv.Itoa(x) + " " + strconv.Itoa(y) + `)"`)
	}
	b.WriteByte('>')
	b.WriteString(escapeXML(body))
	b.WriteString("</text>")
}

// MeasureText is the width of body (the sum of its glyphs' advances, as
// the PDF renderer measures it) and the em height.
func (s *svgRenderer) MeasureText(body string) gochart.Box {
	body = Clean(body)
	if body == "" || s.font == nil || s.fontSize <= 0 {
		return gochart.Box{}
	}
	upem := s.font.FUnitsPerEm()
	units := 0
	for _, r := range body {
		k := advKey{s.font, r}
		a, ok := s.advances[k]
		if !ok {
			a = int(s.font.HMetric(fixed.Int26_6(upem), s.font.Index(r)).AdvanceWidth)
			s.advances[k] = a
		}
		units += a
	}
	em := s.em()
	box := gochart.Box{Right: int(math.Ceil(float64(units) * em / float64(upem))), Bottom: int(math.Ceil(em))}
	if s.rotation == nil {
		return box
	}
	return box.Corners().Rotate(*s.rotation * 180 / math.Pi).Box()
}

// svgNum writes v with at most two decimals and no trailing zeros.
func svgNum(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "0"
	}
	v = math.Round(v*100) / 100
	if v == 0 {
		return "0" // not "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// escapeXML escapes text for XML character data and attribute values,
// dropping characters XML cannot hold.
func escapeXML(s string) string {
	if !strings.ContainsAny(s, `&<>"'`) && validXML(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&#34;")
		case r == '\'':
			b.WriteString("&#39;")
		case !xmlChar(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func validXML(s string) bool {
	for _, r := range s {
		if !xmlChar(r) {
			return false
		}
	}
	return true
}

// xmlChar reports whether r may appear in an XML 1.0 document.
func xmlChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD ||
		(r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}
