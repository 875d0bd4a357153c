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
	// forced is true when the page had to start new: a section's first
	// page, the contents, a page after a PageBreak.
	forced bool
	ops    []op
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
	// soft ties this box to the next one unless that would leave the page
	// more than two-thirds blank (see breaks.go).
	soft bool
	role
	// minRemain asks for a break unless this much space is left (headings).
	minRemain float64
	// brk forces a new page before this box.
	brk  bool
	draw func(p *page, x, y float64)
	// table, when set on a body row, repeats the table's header after a
	// page break that falls before this row.
	table *tableRepeat
	// split, set on a box taller than a page (a table row), cuts it into
	// a first part at most avail high and the rest; nil, nil when too
	// little would go in the first part.
	split func(avail float64) (first, rest *box)
}

// minSplitLines is the fewest lines of a row taller than a page that go
// at the foot of a page.
const minSplitLines = 3

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

	// trace is every box placed, in order; section is the index of the
	// section being placed.
	trace   []placed
	section int
	// softEnd: boxes before this index of the current run are inside a
	// soft chain being split to fill a page, so only hard ties count.
	softEnd int

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
	// marking is the P element of the first page's protective marking
	// ("OFFICIAL", "NOT FOR PUBLICATION"), if any.
	marking int32
}

type headingRef struct {
	text  string
	level int
	page  int // 1-based, set when placed
	y     float64
	inTOC bool
}

// newPage starts a page; forced says it had to start new (a section, the
// contents, a page break), rather than because the last one was full.
func (l *layout) newPage(landscape, forced bool) {
	p := &page{landscape: landscape, forced: forced}
	l.pages = append(l.pages, p)
	l.cur = p
	l.g = pageGeom(landscape)
	l.y = l.g.bodyTop
	l.empty = true
}

func (l *layout) remaining() float64 { return l.g.bodyBottom - l.y }

// mostlyBlank reports whether ending the current page here would leave
// more than two-thirds of its body blank.
func (l *layout) mostlyBlank() bool {
	return !l.empty && l.y-l.g.bodyTop < (1-blankShare)*l.g.bodyH-1e-6
}

// place runs the page breaker over boxes. The current page must exist.
//
// Each box goes on the current page if it fits together with everything
// it is tied to. If not, the page ends, unless that would leave it more
// than two-thirds blank and the hard ties alone fit: then a soft chain
// (a short table or list) is split where the hard ties allow. A chain too
// tall for any page is split where its hard ties allow, or box by box.
func (l *layout) place(boxes []*box) {
	l.softEnd = 0
	for i := 0; i < len(boxes); i++ {
		b := boxes[i]
		if b.brk && !l.empty {
			l.newPage(l.cur.landscape, true)
		}
		if b.h <= 0 && b.draw == nil {
			continue
		}
		if b.split != nil {
			// Too tall for any page: fill this one and go on with the
			// rest on the next.
			before := b.before
			if l.empty {
				before = 0
			}
			if before+b.h > l.remaining()+1e-6 {
				first, rest := b.split(l.remaining() - before)
				if first == nil {
					l.breakPage(b)
					first, rest = b.split(l.remaining())
				}
				if first != nil {
					first.before, first.keep, first.soft = b.before, false, false
					first.blk, rest.blk = b.blk, b.blk
					rest.keep, rest.soft = b.keep, b.soft
					boxes = append(boxes[:i+1], boxes[i:]...)
					boxes[i], boxes[i+1] = first, rest
					b = first
				}
			}
			l.put(b)
			continue
		}
		if !l.empty {
			l.fit(boxes, i)
		}
		l.put(b)
	}
}

// fit ends the page before box i unless it belongs on this one.
func (l *layout) fit(boxes []*box, i int) {
	b := boxes[i]
	rem := l.remaining()
	fresh := l.g.bodyH
	if b.table != nil {
		fresh -= b.table.h
	}
	soft := i >= l.softEnd
	if soft && l.chainHeight(boxes, i, false, true) > fresh+1e-6 {
		// A short block taller than a page: split where the hard ties
		// allow.
		soft = false
		l.softEnd = l.chainEnd(boxes, i, true) + 1
	}
	hard := l.chainHeight(boxes, i, true, false)
	all := hard
	if soft {
		all = l.chainHeight(boxes, i, true, true)
	}
	switch {
	case all <= rem+1e-6:
		// it fits with everything it is tied to
	case soft && hard <= rem+1e-6 && l.mostlyBlank():
		// split a short block rather than leave the page mostly blank
		l.softEnd = l.chainEnd(boxes, i, true) + 1
	case l.chainHeight(boxes, i, false, soft) <= fresh+1e-6:
		l.breakPage(b)
		return
	case b.before+b.h > rem+1e-6:
		// the hard chain is taller than a page: box by box
		l.breakPage(b)
		return
	}
	if b.minRemain > 0 && rem < b.minRemain {
		l.breakPage(b)
	}
}

// breakPage starts a new page of the same orientation; inside a table the
// header (and a "continued" caption) are repeated first.
func (l *layout) breakPage(b *box) {
	l.newPage(l.cur.landscape, false)
	if b.table != nil {
		l.cur.artifact = true
		for _, hb := range b.table.boxes {
			l.put(hb)
		}
		l.cur.artifact = false
	}
}

func (l *layout) put(b *box) {
	before := 0.0
	if !l.empty {
		before = b.before
	}
	l.y += before
	start := len(l.cur.ops)
	if b.draw != nil {
		l.cur.cur = tagNone
		b.draw(l.cur, l.g.left, l.y)
	}
	l.trace = append(l.trace, placed{
		role: b.role, page: len(l.pages) - 1, section: l.section,
		y: l.y, h: b.h, before: b.before, ops: [2]int{start, len(l.cur.ops)},
		repeated: l.cur.artifact,
	})
	l.y += b.h
	l.empty = false
}

// chainHeight is the height needed for box i and every box it is tied to:
// by hard ties, and by soft ones too when soft is set.
func (l *layout) chainHeight(boxes []*box, i int, withBefore, soft bool) float64 {
	h := boxes[i].h
	if withBefore {
		h += boxes[i].before
	}
	for j := i; j < len(boxes)-1 && tied(boxes[j], soft); j++ {
		if boxes[j+1].brk {
			break
		}
		h += boxes[j+1].before + boxes[j+1].h
	}
	return h
}

// chainEnd is the index of the last box of box i's chain.
func (l *layout) chainEnd(boxes []*box, i int, soft bool) int {
	j := i
	for j < len(boxes)-1 && tied(boxes[j], soft) && !boxes[j+1].brk {
		j++
	}
	return j
}

func tied(b *box, soft bool) bool { return b.keep || soft && b.soft }

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
