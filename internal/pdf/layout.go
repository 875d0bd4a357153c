package pdf

import (
	"github.com/boardpack/boardpack/internal/doc"
	"github.com/boardpack/boardpack/internal/fonts"
)

// The renderer works in two passes. Layout turns the document into pages of
// drawing operations (a display list) and so learns on which page every
// heading lands and how many pages there are. Paint then replays the display
// list into fpdf, filling in the contents page numbers, the "Page x of y"
// footers and the bookmarks. Layout never depends on a page number's value,
// so the numbers printed are exact and right-aligned.

type opKind uint8

const (
	opText     opKind = iota // s at (x, y baseline) in st/size, colour c
	opFill                   // rectangle filled with c
	opStroke                 // rectangle outlined in c, line width lw
	opLine                   // line (x,y)-(w,h) in c, width lw
	opChart                  // chart n in box (x,y,w,h)
	opImage                  // image n in box (x,y,w,h)
	opBookmark               // outline entry s at level n, y
	opLink                   // clickable area to heading n
	opTocNum                 // page number of heading n right-aligned at x, leaders from w
)

type op struct {
	k    opKind
	tag  int32 // structure element or artifact kind (see tag.go)
	st   fonts.Style
	x, y float64
	w, h float64
	size float64
	lw   float64
	n    int
	c    doc.Colour
	s    string
}

type page struct {
	landscape bool
	titlePage bool // the first page of a paper that opens with a title block
	ops       []op
	// cur is the tag given to the text drawn next; a box's draw function
	// sets it before drawing text (it is reset before every box).
	cur int32
	// artifact makes everything drawn an artifact: a table header and
	// caption repeated on a continuation page.
	artifact bool
}

// tag sets the structure element of the text drawn next.
func (p *page) tag(t int32) { p.cur = t }

// textTag is the tag of a text operation drawn now.
func (p *page) textTag() int32 {
	if p.artifact {
		return tagArtifact
	}
	return p.cur
}

// geometry of a page, in millimetres.
type geom struct {
	w, h        float64 // paper
	left, right float64 // margins
	textW       float64
	bodyTop     float64 // body text runs from bodyTop to bodyBottom
	bodyBottom  float64
	bodyH       float64
	headerBase  float64 // baselines and rules of the page furniture
	headerRuleY float64
	footerRuleY float64
	footerBase  float64
}

func pageGeom(landscape bool) geom {
	g := geom{w: 210, h: 297}
	if landscape {
		g.w, g.h = 297, 210
	}
	g.left, g.right = 20, 20
	g.textW = g.w - g.left - g.right
	g.headerBase = 12
	g.headerRuleY = 14.5
	g.bodyTop = 22
	g.bodyBottom = g.h - 22
	g.bodyH = g.bodyBottom - g.bodyTop
	g.footerRuleY = g.h - 16
	g.footerBase = g.h - 11.5
	return g
}

// box is an unbreakable piece of a page: a line of text, a table row, a
// chart. Boxes are stacked down the page by the page breaker.
type box struct {
	h      float64
	before float64 // space above; dropped at the top of a page
	// keep ties this box to the next one: they go on the same page.
	keep bool
	// minRemain asks for a break unless this much space is left (headings).
	minRemain float64
	// brk forces a new page before this box.
	brk  bool
	draw func(p *page, x, y float64)
	// table, when set on a body row, repeats the table's header after a
	// page break that falls before this row.
	table *tableRepeat
}

type tableRepeat struct {
	boxes []*box // continuation caption and header row
	h     float64
}

// layout holds the state of the layout pass.
type layout struct {
	m     *metrics
	d     *doc.Document
	pages []*page
	cur   *page
	g     geom
	y     float64 // next free y on the current page
	empty bool    // nothing placed on the current page yet

	headings []*headingRef
	nextHead int
	rag      map[string]doc.RAGLevel
	accent   doc.Colour // the document's house colour
	charts   []doc.Chart
	images   []doc.Image
	// tree is the structure tree being recorded; nil when the paper is
	// rendered untagged.
	tree *tree
	// draft is the P element of the first page's DRAFT mark, if any.
	draft int32
}

type headingRef struct {
	text  string
	level int
	page  int // 1-based, set when placed
	y     float64
	inTOC bool
}

func (l *layout) newPage(landscape bool) {
	p := &page{landscape: landscape}
	l.pages = append(l.pages, p)
	l.cur = p
	l.g = pageGeom(landscape)
	l.y = l.g.bodyTop
	l.empty = true
}

func (l *layout) remaining() float64 { return l.g.bodyBottom - l.y }

// place runs the page breaker over boxes. The current page must exist.
func (l *layout) place(boxes []*box) {
	for i := 0; i < len(boxes); i++ {
		b := boxes[i]
		if b.brk && !l.empty {
			l.newPage(l.cur.landscape)
		}
		if b.h <= 0 && b.draw == nil {
			continue
		}
		need := l.chainHeight(boxes, i, !l.empty)
		rem := l.remaining()
		if !l.empty {
			fresh := l.g.bodyH
			if b.table != nil {
				fresh -= b.table.h
			}
			alone := b.before + b.h
			switch {
			case need > rem+1e-6 && l.chainHeight(boxes, i, false) <= fresh+1e-6:
				l.breakPage(b)
			case alone > rem+1e-6:
				l.breakPage(b)
			case b.minRemain > 0 && rem < b.minRemain:
				l.breakPage(b)
			}
		}
		l.put(b)
	}
}

// breakPage starts a new page of the same orientation; inside a table the
// header (and a "continued" caption) are repeated first.
func (l *layout) breakPage(b *box) {
	l.newPage(l.cur.landscape)
	if b.table != nil {
		l.cur.artifact = true
		for _, hb := range b.table.boxes {
			l.put(hb)
		}
		l.cur.artifact = false
	}
}

func (l *layout) put(b *box) {
	if !l.empty {
		l.y += b.before
	}
	if b.draw != nil {
		l.cur.cur = tagNone
		b.draw(l.cur, l.g.left, l.y)
	}
	l.y += b.h
	l.empty = false
}

// chainHeight is the height needed for box i and every box it is kept with.
func (l *layout) chainHeight(boxes []*box, i int, withBefore bool) float64 {
	h := boxes[i].h
	if withBefore {
		h += boxes[i].before
	}
	for j := i; j < len(boxes)-1 && boxes[j].keep; j++ {
		if boxes[j+1].brk {
			break
		}
		h += boxes[j+1].before + boxes[j+1].h
	}
	return h
}

// emit helpers append operations to a page.

func (p *page) text(x, y float64, s string, st fonts.Style, size float64, c doc.Colour) {
	if s == "" {
		return
	}
	p.ops = append(p.ops, op{k: opText, tag: p.textTag(), x: x, y: y, s: s, st: st, size: size, c: c})
}

// Fills, outlines and rules are never content: RAG colours are always
// printed as words too, so they are artifacts.

func (p *page) fill(x, y, w, h float64, c doc.Colour) {
	p.ops = append(p.ops, op{k: opFill, tag: tagArtifact, x: x, y: y, w: w, h: h, c: c})
}

func (p *page) stroke(x, y, w, h, lw float64, c doc.Colour) {
	p.ops = append(p.ops, op{k: opStroke, tag: tagArtifact, x: x, y: y, w: w, h: h, lw: lw, c: c})
}

func (p *page) line(x1, y1, x2, y2, lw float64, c doc.Colour) {
	p.ops = append(p.ops, op{k: opLine, tag: tagArtifact, x: x1, y: y1, w: x2, h: y2, lw: lw, c: c})
}

// lines draws wrapped lines starting with the first baseline at y.
func (p *page) lines(ls []line, x, y, lh, size float64, c doc.Colour, align doc.Align, w float64) {
	for i := range ls {
		p.drawLine(&ls[i], x, y+float64(i)*lh, size, c, align, w)
	}
}

// drawLine draws one wrapped line with its baseline at y. A line that ends
// between words is drawn with its trailing space, so that text extracted
// line by line keeps the space between the last word of one line and the
// first of the next (the space is invisible).
func (p *page) drawLine(ln *line, x, y, size float64, c doc.Colour, align doc.Align, w float64) {
	dx := 0.0
	switch align {
	case doc.Right:
		dx = w - ln.w
	case doc.Center:
		dx = (w - ln.w) / 2
	}
	last := len(ln.frags) - 1
	for j, fr := range ln.frags {
		s := fr.s
		if j == last && !ln.midWord {
			s += " "
		}
		p.text(x+dx+fr.x, y, s, fr.st, size, c)
	}
}
