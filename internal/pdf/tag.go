package pdf

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/boardpack/boardpack/internal/doc"
	"github.com/boardpack/boardpack/internal/fonts"
)

// Tagging. The layout pass records the logical structure of the paper as a
// tree of structure elements (Document, H1-H3, P, L, Table, Figure, TOC...)
// in reading order, and marks every text operation of the display list with
// the element it belongs to; rules, fills, leaders, repeated table headers
// and the page furniture are marked as artifacts. The paint pass wraps each
// run of operations of one element in a marked-content sequence
// (/P <</MCID n>> BDC ... EMC) and records which element each MCID belongs
// to. After fpdf has written the file, writeStructure adds the structure
// tree (see structure.go).

// A tag says what a display-list operation belongs to: a structure element
// (> 0) or a kind of artifact (< 0).
const (
	tagNone      int32 = 0  // not set: a layout bug (tests catch it); painted as an artifact
	tagArtifact  int32 = -1 // rules, fills, leaders, logos, repeated table headers
	tagHeader    int32 = -2 // running header: a pagination artifact
	tagFooter    int32 = -3 // running footer and page number
	tagWatermark int32 = -4 // the DRAFT watermark
)

// elemDocument is the root structure element.
const elemDocument int32 = 1

// kidKind says what a structure element's child is.
type kidKind uint8

const (
	kidElem  kidKind = iota // a child element, a
	kidMCID                 // marked content a on page b
	kidAnnot                // annotation a (a contents link) on page b
)

type kid struct {
	k    kidKind
	a, b int32
}

// elem is one structure element.
type elem struct {
	typ    string // standard structure type: P, H1, Table, TD...
	parent int32
	alt    string // /Alt of a Figure
	attr   string // attribute dictionary, or ""
	id     string // /ID, for a TH that cells name in their /Headers, or ""
	kids   []kid
	// page is the page index of the first marked content (its /Pg), or -1.
	page int32
	// bbox of a Figure on its page, in points from the bottom left.
	bbox    [4]float64
	hasBBox bool
}

// tree is the structure tree of one paper. elems[0] is unused so that a
// zero tag means "not set".
type tree struct {
	elems []elem
	// headLevel is the level of the last heading tagged, so that levels
	// never skip (a level 3 after a level 1 is tagged H2).
	headLevel int
	// shift is added to the document's heading levels: 1 once the paper's
	// title has been tagged H1, so that its sections are H2 and below.
	shift int
}

func newTree(d *doc.Document) *tree {
	t := &tree{elems: make([]elem, 2, elemEstimate(d))}
	t.elems[elemDocument] = elem{typ: "Document", page: -1}
	return t
}

// elemEstimate is about the number of structure elements of d: a table
// has an element per cell and per row, anything else a few. Growing the
// slice from small would allocate and copy it several times over on a
// table-heavy paper.
func elemEstimate(d *doc.Document) int {
	n := 64
	for _, sec := range d.Sections {
		for _, blk := range sec.Blocks {
			n += 4
			if t, ok := blk.(*doc.Table); ok && t != nil {
				n += (len(t.Rows) + 2) * (len(t.Columns) + 1)
			}
		}
	}
	return n
}

// add appends an element of type typ under parent and returns its id.
func (t *tree) add(typ string, parent int32) int32 {
	id := int32(len(t.elems))
	t.elems = append(t.elems, elem{typ: typ, parent: parent, page: -1})
	if parent > 0 {
		t.elems[parent].kids = append(t.elems[parent].kids, kid{k: kidElem, a: id})
	}
	return id
}

// heading returns the structure type of a heading at document level
// (1-3), never skipping a level.
func (t *tree) heading(level int) string {
	lv := min(level+t.shift, t.headLevel+1)
	lv = min(max(lv, 1), 6)
	t.headLevel = lv
	return "H" + strconv.Itoa(lv)
}

// el adds a structure element when the paper is tagged; otherwise it
// returns tagArtifact, which the untagged painter ignores.
func (l *layout) el(typ string, parent int32) int32 {
	if l.tree == nil || parent < 0 {
		return tagArtifact
	}
	return l.tree.add(typ, parent)
}

// setAttr sets an element's attribute dictionary.
func (l *layout) setAttr(id int32, attr string) {
	if l.tree != nil && id > 0 {
		l.tree.elems[id].attr = attr
	}
}

// setID gives an element the identifier that table cells' /Headers name;
// ids must be unique in the paper.
func (l *layout) setID(el int32, id string) {
	if l.tree != nil && el > 0 {
		l.tree.elems[el].id = id
	}
}

// headingTag returns the H1-H6 element for a document heading.
func (l *layout) headingTag(level int, parent int32) int32 {
	if l.tree == nil {
		return tagArtifact
	}
	return l.tree.add(l.tree.heading(level), parent)
}

// pdfText returns s as a PDF text string: a literal in PDFDocEncoding when
// s is printable ASCII, otherwise UTF-16BE with a byte order mark in hex.
// Invalid UTF-8 and control characters are dropped.
func pdfText(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7F {
			ascii = false
			break
		}
	}
	if ascii {
		var b strings.Builder
		b.Grow(len(s) + 2)
		b.WriteByte('(')
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c == '(' || c == ')' || c == '\\' {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		}
		b.WriteByte(')')
		return b.String()
	}
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(4*len(s) + 6)
	b.WriteString("<FEFF")
	put := func(u uint16) {
		b.WriteByte(hex[u>>12])
		b.WriteByte(hex[u>>8&0xF])
		b.WriteByte(hex[u>>4&0xF])
		b.WriteByte(hex[u&0xF])
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n <= 1:
			continue
		case r < 0x20 || (r >= 0x7F && r < 0xA0):
			if r == '\t' || r == '\n' || r == '\r' {
				put(' ')
			}
			continue
		case r >= 0x10000:
			r -= 0x10000
			put(uint16(0xD800 + (r >> 10)))
			put(uint16(0xDC00 + (r & 0x3FF)))
		case r >= 0xD800 && r <= 0xDFFF:
			continue
		default:
			put(uint16(r))
		}
	}
	b.WriteByte('>')
	return b.String()
}

// figure adds a Figure element for chart c, with the chart's own figures as
// its alternative text.
func (l *layout) figure(c *doc.Chart) int32 {
	if l.tree == nil {
		return tagArtifact
	}
	id := l.tree.add("Figure", elemDocument)
	l.tree.elems[id].alt = c.Description()
	return id
}

// withSpace returns s followed by a space, so that text extracted from
// consecutive text operations keeps its words apart; "" stays "".
func withSpace(s string) string {
	if s == "" || strings.HasSuffix(s, " ") {
		return s
	}
	return s + " "
}

// ptPerMM converts millimetres to PDF points (fpdf's scale factor).
const ptPerMM = 72 / 25.4

// Marked content written around what the painter draws.
const (
	bmcArtifact  = "/Artifact BMC"
	bdcHeader    = "/Artifact <</Type /Pagination /Subtype /Header>> BDC"
	bdcFooter    = "/Artifact <</Type /Pagination /Subtype /Footer>> BDC"
	bdcWatermark = "/Artifact <</Type /Pagination /Subtype /Watermark>> BDC"
)

// mark makes t the tag of what is drawn next: it ends the open
// marked-content sequence, unless it already has tag t, and begins one for
// t. A structure element gets the page's next MCID.
func (p *painter) mark(t int32) {
	if p.tree == nil {
		return
	}
	if t == tagNone {
		t = tagArtifact
	}
	if t == p.open {
		return
	}
	p.endMark()
	p.open = t
	switch t {
	case tagArtifact:
		p.f.RawWriteStr(bmcArtifact)
	case tagHeader:
		p.f.RawWriteStr(bdcHeader)
	case tagFooter:
		p.f.RawWriteStr(bdcFooter)
	case tagWatermark:
		p.f.RawWriteStr(bdcWatermark)
	default:
		e := &p.tree.elems[t]
		mc := int32(len(p.mcids[p.page]))
		p.mcids[p.page] = append(p.mcids[p.page], t)
		e.kids = append(e.kids, kid{k: kidMCID, a: mc, b: p.page})
		if e.page < 0 {
			e.page = p.page
		}
		p.f.RawWriteStr("/" + e.typ + " <</MCID " + strconv.Itoa(int(mc)) + ">> BDC")
	}
}

// endMark ends the open marked-content sequence, if any.
func (p *painter) endMark() {
	if p.open != tagNone {
		p.f.RawWriteStr("EMC")
		p.open = tagNone
	}
}

// annot is a contents link: a link annotation of our own, since fpdf's
// cannot carry the /StructParent that ties them to their Link element.
type annot struct {
	page     int32      // page index
	rect     [4]float64 // points
	link     int32      // the Link element
	target   int32      // page index of the heading
	y        float64    // the heading's top, in points from the bottom
	contents string     // what the link does, for assistive technology
}

// link records the contents link o on the current page.
func (p *painter) link(o *op, g geom) {
	if o.n < 0 || o.n >= len(p.l.headings) || o.tag <= 0 {
		return
	}
	h := p.l.headings[o.n]
	if h.page <= 0 || h.page > len(p.l.pages) {
		return
	}
	tg := pageGeom(p.l.pages[h.page-1].landscape)
	idx := int32(len(p.annots))
	p.annots = append(p.annots, annot{
		page:     p.page,
		rect:     [4]float64{o.x * ptPerMM, (g.h - o.y - o.h) * ptPerMM, (o.x + o.w) * ptPerMM, (g.h - o.y) * ptPerMM},
		link:     o.tag,
		target:   int32(h.page - 1),
		y:        (tg.h - h.y) * ptPerMM,
		contents: "Go to " + h.text + ", page " + strconv.Itoa(p.pageNumber(o.n)),
	})
	e := &p.tree.elems[o.tag]
	e.kids = append(e.kids, kid{k: kidAnnot, a: idx, b: p.page})
}

// figureBox records the box of the Figure drawn by chart op o.
func (p *painter) figureBox(o *op, g geom) {
	if p.tree == nil || o.tag <= 0 {
		return
	}
	e := &p.tree.elems[o.tag]
	if e.hasBBox {
		return
	}
	e.bbox = [4]float64{o.x * ptPerMM, (g.h - o.y - o.h) * ptPerMM, (o.x + o.w) * ptPerMM, (g.h - o.y) * ptPerMM}
	e.hasBBox = true
}

// structure returns what the paint pass recorded, for writeStructure.
func (p *painter) structure() *structure {
	return &structure{tree: p.tree, mcids: p.mcids, annots: p.annots}
}

// The DRAFT marks of a paper whose officers' narrative is missing.
var (
	colDraft     = doc.Colour{R: 0xC0, G: 0x00, B: 0x00}
	colWatermark = doc.Colour{R: 0xF2, G: 0xDC, B: 0xDC}
)

const draftWord = "DRAFT"

// draftMark prints DRAFT in the top margin, above the running header. On
// the first page it is content (the first thing read); elsewhere it is
// part of the header.
func (p *painter) draftMark(g geom) {
	const size = 9
	w := p.m.textWidth(draftWord, fonts.Bold, size)
	if p.page == 0 && p.l.draft > 0 {
		p.mark(p.l.draft)
	} else {
		p.mark(tagHeader)
	}
	p.text(g.left+(g.textW-w)/2, 7.5, draftWord, fonts.Bold, size, colDraft)
}

// watermark draws a large, light DRAFT along the page's diagonal. It is
// drawn first, so everything on the page is printed over it.
func (p *painter) watermark(g geom) {
	const size = 130.0
	w := p.m.textWidth(draftWord, fonts.Bold, size)
	capH := 0.729 * size * ptToMM
	p.mark(tagWatermark)
	// The font is selected outside the rotation's q ... Q, which would
	// otherwise restore the previous font behind fpdf's back.
	p.font(fonts.Bold, size)
	p.textColour(colWatermark)
	p.ok = true
	cx, cy := g.w/2, g.h/2
	p.f.TransformBegin()
	p.f.TransformRotate(math.Atan2(g.h, g.w)*180/math.Pi, cx, cy)
	p.f.Text(cx-w/2, cy+capH/2, draftWord)
	p.f.TransformEnd()
}
