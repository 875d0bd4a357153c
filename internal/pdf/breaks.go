package pdf

import (
	"slices"

	"github.com/boardpack/boardpack/internal/doc"
)

// Page-break rules. The layout pass (layout.place) stacks boxes down the
// page; what may be split where is said by two kinds of tie between a box
// and the next one:
//
//   - keep (hard): never broken. A heading keeps its lines and the start
//     of what follows it (the first two lines of text, the caption, header
//     and first three rows of a table, the first two items of a list, a
//     whole chart); a paragraph keeps its first and last two lines (one of
//     three lines or fewer is whole); a paragraph ending with a colon, or
//     a single line under a heading, keeps the start of the next block; a
//     table keeps its first three and last three body rows, so that no
//     fragment has fewer than three; a group row keeps its first two rows;
//     a list keeps its first two and last two items.
//   - soft: a short block (a table of up to six rows, a list of up to six
//     items, a fields block of up to twelve, a RAG key of up to ten) is
//     kept whole, unless moving it whole would leave the page more than
//     two-thirds blank: then it is split where the hard ties allow.
//
// A chart is one box and never split. A table row taller than a page is
// split between its lines where the page ends. Before layout, headings with
// nothing under them are left out (see pruneSections).
//
// The layout records where every box landed (layout.trace): the layout
// tests check the rules on it, and the rows with a link target are
// reported from it (Output.Links).

// shortBlock is the number of table rows (group rows included) or list
// items up to which a table or list is not split unless the page would be
// left mostly blank.
const shortBlock = 6

// blankShare is the largest share of a page's body that may be left blank
// below its content, except on a paper's last page and before a page that
// must start new.
const blankShare = 2.0 / 3

// roleKind says what a box holds, for the page breaker's trace, the links
// from table rows and the layout tests.
type roleKind uint8

const (
	roleNone     roleKind = iota
	roleHeading           // a line of a heading: idx line, sub level
	roleLine              // a line of a paragraph: idx line
	roleItem              // a line of a list: idx item, sub line within the item
	roleCaption           // a line of a table's caption
	roleHead              // a table's header row
	roleRow               // a table body row: idx row of Table.Rows, sub its part (a row split over pages)
	roleGroup             // a table group row: idx row of Table.Rows
	roleChart             // a whole chart with its title and source
	roleGridRow           // a row of a chart grid: idx row
	roleTileRow           // a row of tiles: idx row
	roleField             // a fields block row: idx field, sub chunk
	roleKeyRow            // a RAG key row: idx level
	roleTitle             // part of the title block
	roleNote              // a chart grid's source, a table's "continued" line
	roleContents          // the contents page
)

// role is what a box holds: its block (in document order, counted over
// every section after pruning) and its place in the block.
type role struct {
	kind roleKind
	blk  int32
	idx  int32
	sub  int32
	// link is the target of a table row's Row.Link.
	link string
	// cols are a table row's column edges from the left margin.
	cols []float64
}

// placed is one box as laid out: its page (0-based), the top and height of
// what it draws, and its operations on the page.
type placed struct {
	role
	page     int
	section  int
	y, h     float64
	before   float64 // the space it asks for above it (dropped at a page top)
	ops      [2]int  // ops[0]:ops[1] of the page's display list
	repeated bool    // a table's header or "continued" line repeated after a break
}

// Link is where a table row with doc.Row.Link landed: one entry per page
// fragment of the row. Page is the paper's own page, from 1 (in a pack,
// add RenderOptions.FirstPage - 1); X, Y, W, H are in millimetres from the
// top-left corner of that page, as fpdf measures them (a landscape page is
// 297 mm wide), and cover the row across the text column. Target is the
// row's Link.
type Link struct {
	Page       int
	X, Y, W, H float64
	Target     string
}

// links returns the rectangles of the rows with a link target, merging the
// chunks of one row on one page.
func (l *layout) links() []Link {
	var out []Link
	lastBlk, lastRow := int32(-1), int32(-1)
	for i := range l.trace {
		p := &l.trace[i]
		if p.link == "" || p.repeated || (p.kind != roleRow && p.kind != roleGroup) {
			continue
		}
		if n := len(out); n > 0 && lastBlk == p.blk && lastRow == p.idx && out[n-1].Page == p.page+1 {
			out[n-1].H = p.y + p.h - out[n-1].Y
			continue
		}
		g := pageGeom(l.pages[p.page].landscape)
		out = append(out, Link{Page: p.page + 1, X: g.left, Y: p.y, W: g.textW, H: p.h, Target: p.link})
		lastBlk, lastRow = p.blk, p.idx
	}
	return out
}

// pruneSections returns the sections of d as they are laid out: without
// its empty sections (doc.WithoutEmptySections), and with a page break
// that directly follows headings moved before them, so that they start the
// new page with their content. d's own slices are not changed.
func pruneSections(d doc.Document) []doc.Section {
	secs := doc.WithoutEmptySections(d).Sections
	for si, sec := range secs {
		var kept []doc.Block
		for _, blk := range sec.Blocks {
			if _, brk := blk.(*doc.PageBreak); brk {
				k := len(kept)
				for k > 0 {
					if h, ok := kept[k-1].(*doc.Heading); ok && h != nil {
						k--
						continue
					}
					break
				}
				kept = slices.Insert(kept, k, blk)
				continue
			}
			kept = append(kept, blk)
		}
		secs[si].Blocks = kept
	}
	return secs
}
