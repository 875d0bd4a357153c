package pdf

import (
	"fmt"
	"slices"
	"strings"

	"github.com/boardpack/boardpack/internal/doc"
)

// The layout check reads a laid-out paper (the layout's trace of every
// box placed: its block, its place in the block, its page and position,
// and the operations it drew) and reports every break of the page-break
// rules. It knows the rules, not how the page breaker keeps them: it
// looks only at where things landed.

// Rules a layout can break.
const (
	ruleHeading  = "heading-kept"    // a heading without the start of its content on its page
	ruleEmpty    = "empty-section"   // a heading with nothing under it
	ruleFragment = "table-fragment"  // a page with fewer than three rows of a split table
	ruleGroup    = "group-row"       // a group row without two of its rows on its page
	ruleList     = "list-break"      // a list break leaving fewer than two items on a page
	ruleShort    = "short-split"     // a short table or list split when it need not be
	ruleWidow    = "paragraph-break" // a paragraph split leaving fewer than two lines on a page
	ruleLeadIn   = "lead-in"         // a paragraph ending with a colon not on the page of what it introduces
	ruleBlank    = "blank-page"      // a page more than two-thirds blank that need not be
	ruleEmptyPg  = "empty-page"      // a page with no content at all
	ruleOverflow = "overflow"        // text outside its cell or the page's text column or body
)

type layoutProblem struct {
	rule string
	page int // 1-based
	msg  string
}

func (p layoutProblem) String() string {
	return fmt.Sprintf("%s: page %d: %s", p.rule, p.page, p.msg)
}

// tblock is one block of the paper as laid out.
type tblock struct {
	blk     int32
	kind    string // heading, paragraph, list, table, chart, grid, tiles, fields, ragkey, title
	level   int    // of a heading
	section int
	es      []*placed // its boxes, in order; repeated headers left out
	text    string    // its first words, for messages
}

type layoutChecker struct {
	l        *layout
	blocks   []*tblock
	problems []layoutProblem
}

func (c *layoutChecker) add(rule string, page int, format string, args ...any) {
	c.problems = append(c.problems, layoutProblem{rule, page + 1, fmt.Sprintf(format, args...)})
}

func blockKind(k roleKind) string {
	switch k {
	case roleHeading:
		return "heading"
	case roleLine:
		return "paragraph"
	case roleItem:
		return "list"
	case roleCaption, roleHead, roleRow, roleGroup:
		return "table"
	case roleChart:
		return "chart"
	case roleGridRow, roleNote:
		return "grid"
	case roleTileRow:
		return "tiles"
	case roleField:
		return "fields"
	case roleKeyRow:
		return "ragkey"
	case roleTitle:
		return "title"
	}
	return ""
}

// checkLayout returns every break of the page-break rules in l.
func checkLayout(l *layout) []layoutProblem {
	c := &layoutChecker{l: l}
	byBlk := map[int32]*tblock{}
	for i := range l.trace {
		e := &l.trace[i]
		if e.repeated || e.kind == roleNone || e.kind == roleContents {
			continue
		}
		b := byBlk[e.blk]
		if b == nil {
			b = &tblock{blk: e.blk, kind: blockKind(e.kind), section: e.section}
			if e.kind == roleHeading {
				b.level = int(e.sub)
			}
			byBlk[e.blk] = b
			c.blocks = append(c.blocks, b)
		}
		b.es = append(b.es, e)
		if len(b.text) < 40 {
			b.text = strings.TrimSpace(b.text + " " + c.textOf(e))
		}
	}
	slices.SortStableFunc(c.blocks, func(a, b *tblock) int { return int(a.blk - b.blk) })
	for bi, b := range c.blocks {
		switch b.kind {
		case "heading":
			c.heading(bi)
		case "paragraph":
			c.paragraph(b)
			if c.leadsIn(bi) && strings.HasSuffix(c.textOf(b.es[len(b.es)-1]), ":") {
				if last, nb := b.es[len(b.es)-1], c.next(bi); last.page != nb.es[0].page {
					c.add(ruleLeadIn, last.page, "paragraph %q ends the page, apart from the %s it introduces", b.text, nb.kind)
				}
			}
		case "list":
			c.list(bi)
		case "table":
			c.table(bi)
		}
	}
	c.pages()
	c.overflow()
	return c.problems
}

// textOf is the text an entry drew.
func (c *layoutChecker) textOf(e *placed) string {
	var sb strings.Builder
	for _, o := range c.l.pages[e.page].ops[e.ops[0]:e.ops[1]] {
		if o.k == opText {
			sb.WriteString(o.s)
		}
	}
	return strings.Join(strings.Fields(sb.String()), " ")
}

// hasContent: the block drew text, a chart or a picture.
func (c *layoutChecker) hasContent(b *tblock) bool {
	for _, e := range b.es {
		for _, o := range c.l.pages[e.page].ops[e.ops[0]:e.ops[1]] {
			if o.k == opText && strings.TrimSpace(o.s) != "" || o.k == opChart || o.k == opImage {
				return true
			}
		}
	}
	return false
}

// leadsIn reports whether paragraph bi must go with the start of the
// block after it: it ends with a colon, or it is a single line under a
// heading and the next block is not a heading.
func (c *layoutChecker) leadsIn(bi int) bool {
	b, nb := c.blocks[bi], c.next(bi)
	if b.kind != "paragraph" || nb == nil {
		return false
	}
	if strings.HasSuffix(c.textOf(b.es[len(b.es)-1]), ":") {
		return true
	}
	return len(b.es) == 1 && bi > 0 && c.blocks[bi-1].kind == "heading" && c.blocks[bi-1].section == b.section && nb.kind != "heading"
}

// next is the block after bi in the same section, or nil.
func (c *layoutChecker) next(bi int) *tblock {
	if bi+1 < len(c.blocks) && c.blocks[bi+1].section == c.blocks[bi].section {
		return c.blocks[bi+1]
	}
	return nil
}

// dataRows returns the entries of each body row of a table (not group
// rows), in order.
func dataRows(b *tblock) [][]*placed {
	var rows [][]*placed
	last := int32(-1)
	for _, e := range b.es {
		if e.kind != roleRow {
			continue
		}
		if e.idx != last {
			rows = append(rows, nil)
			last = e.idx
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], e)
	}
	return rows
}

// items returns the number of items of a list.
func items(b *tblock) int {
	n := 0
	for _, e := range b.es {
		n = max(n, int(e.idx)+1)
	}
	return n
}

// prefix is what must go on one page with the start of block bi from its
// entry from: with full set, the smallest first fragment every rule
// allows; otherwise what a heading above it must keep (two lines of text,
// three table rows, the whole of anything else).
func (c *layoutChecker) prefix(bi, from int, full bool) []*placed {
	b := c.blocks[bi]
	es := b.es[from:]
	if len(es) == 0 {
		return nil
	}
	switch b.kind {
	case "heading":
		out := slices.Clone(es)
		if nb := c.next(bi); nb != nil && (nb.kind != "heading" || nb.level > b.level) {
			out = append(out, c.prefix(bi+1, 0, full)...)
		}
		return out
	case "paragraph":
		k := min(2, len(es))
		if full && len(es)-k < 2 {
			k = len(es)
		}
		out := es[:k]
		if k == len(es) && c.leadsIn(bi) {
			out = append(slices.Clone(out), c.prefix(bi+1, 0, full)...)
		}
		return out
	case "list":
		if !full {
			return es[:min(2, len(es))]
		}
		// two whole items, and all if fewer than two would be left
		n := items(b)
		last := min(int(es[0].idx)+1, n-1)
		if n-1-last < 2 {
			last = n - 1
		}
		k := 0
		for k < len(es) && int(es[k].idx) <= last {
			k++
		}
		return es[:k]
	case "table":
		rows := dataRows(b)
		pos := func(e *placed) int { return slices.Index(b.es, e) - from }
		// the first body row not wholly before es[0]
		first := len(rows)
		for i, r := range rows {
			if pos(r[len(r)-1]) >= 0 {
				first = i
				break
			}
		}
		left := len(rows) - first
		take := min(3, left)
		if full && left-take < 3 {
			take = left
		}
		if take == 0 {
			return es
		}
		lastRow := rows[first+take-1]
		end := pos(lastRow[0])
		if full {
			end = pos(lastRow[len(lastRow)-1])
			// a group row included brings two of its rows
			for k := 0; k <= end && k < len(es); k++ {
				if es[k].kind != roleGroup {
					continue
				}
				got := 0
				for j := k + 1; j < len(es) && es[j].kind != roleGroup && got < 2; j++ {
					if es[j].sub == 0 {
						got++
					}
					end = max(end, j)
				}
			}
		}
		return es[:end+1]
	}
	return es[:1]
}

func (c *layoutChecker) heading(bi int) {
	h := c.blocks[bi]
	p := h.es[0].page
	for _, e := range h.es {
		if e.page != p {
			c.add(ruleHeading, p, "heading %q is split over two pages", h.text)
			return
		}
	}
	// Empty: nothing with content before the next heading of this level
	// or above, or the end of the section.
	content := false
	for j := bi + 1; j < len(c.blocks) && c.blocks[j].section == h.section; j++ {
		nb := c.blocks[j]
		if nb.kind == "heading" {
			if nb.level <= h.level {
				break
			}
			continue
		}
		if c.hasContent(nb) {
			content = true
			break
		}
	}
	if !content {
		c.add(ruleEmpty, p, "heading %q has nothing under it", h.text)
		return
	}
	nb := c.next(bi)
	if nb == nil || nb.kind == "heading" && nb.level <= h.level {
		return
	}
	req := c.prefix(bi+1, 0, false)
	on := 0
	for _, e := range req {
		if e.page == p {
			on++
		}
	}
	if on < len(req) {
		c.add(ruleHeading, p, "heading %q keeps %d of the %d boxes of %s %q it must keep on its page", h.text, on, len(req), nb.kind, nb.text)
	}
}

func (c *layoutChecker) paragraph(b *tblock) {
	n := len(b.es)
	for i := 0; i+1 < n; i++ {
		if b.es[i].page != b.es[i+1].page && (i+1 < 2 || n-i-1 < 2) {
			c.add(ruleWidow, b.es[i].page, "paragraph %q of %d lines is split %d/%d", b.text, n, i+1, n-i-1)
		}
	}
}

// splitAllowed: a short block may be split when keeping it whole would
// have left the page it starts on more than two-thirds blank, or when it
// is taller than a page.
func (c *layoutChecker) splitAllowed(bi int) bool {
	b := c.blocks[bi]
	total := 0.0
	for _, e := range b.es {
		total += e.before + e.h
	}
	first := b.es[0]
	g := pageGeom(c.l.pages[first.page].landscape)
	if total > g.bodyH {
		return true
	}
	// the headings kept with it start its chain
	for j := bi - 1; j >= 0; j-- {
		pb := c.blocks[j]
		if pb.kind != "heading" || pb.section != b.section || pb.es[len(pb.es)-1].page != first.page {
			break
		}
		first = pb.es[0]
	}
	top := first.y - first.before
	return top-g.bodyTop < (1-blankShare)*g.bodyH
}

func (c *layoutChecker) list(bi int) {
	b := c.blocks[bi]
	n := items(b)
	split := false
	for i := 0; i+1 < len(b.es); i++ {
		e, f := b.es[i], b.es[i+1]
		if e.page == f.page {
			continue
		}
		split = true
		k := int(f.idx)
		after := n - k
		if f.sub > 0 {
			after--
		}
		if k < 2 || after < 2 {
			c.add(ruleList, e.page, "list %q of %d items is split leaving %d whole items before the break and %d after", b.text, n, k, after)
		}
	}
	if split && n <= shortBlock && !c.splitAllowed(bi) {
		c.add(ruleShort, b.es[0].page, "list %q of %d items is split", b.text, n)
	}
}

func (c *layoutChecker) table(bi int) {
	b := c.blocks[bi]
	rows := dataRows(b)
	var pages []int
	overTall := false
	for _, r := range rows {
		for _, e := range r {
			if !slices.Contains(pages, e.page) {
				pages = append(pages, e.page)
			}
			if e.page != r[0].page {
				overTall = true // a row taller than a page
			}
		}
	}
	head := 0.0
	for _, e := range b.es {
		if e.kind == roleHead {
			head = e.h
		}
	}
	g := pageGeom(c.l.pages[b.es[0].page].landscape)
	for i := 0; i+3 <= len(rows); i++ {
		h := head
		for _, r := range rows[i : i+3] {
			for _, e := range r {
				h += e.h
			}
		}
		if h > g.bodyH {
			overTall = true // three rows do not fit on a page
		}
	}
	if len(pages) > 1 && !overTall {
		for _, p := range pages {
			n := 0
			for _, r := range rows {
				if r[0].page == p {
					n++
				}
			}
			if n < 3 {
				c.add(ruleFragment, p, "table %q (%d rows) has %d of its rows on this page", b.text, len(rows), n)
			}
		}
		groups := 0
		for _, e := range b.es {
			if e.kind == roleGroup {
				groups++
			}
		}
		if len(rows)+groups <= shortBlock && !c.splitAllowed(bi) {
			c.add(ruleShort, b.es[0].page, "table %q of %d rows is split", b.text, len(rows)+groups)
		}
	}
	// Group rows keep two of their rows (all, if fewer).
	for k, e := range b.es {
		if e.kind != roleGroup {
			continue
		}
		want, on := 0, 0
		for _, f := range b.es[k+1:] {
			if f.kind == roleGroup {
				break
			}
			if f.kind != roleRow || f.sub > 0 {
				continue
			}
			if want == 2 {
				break
			}
			want++
			if f.page == e.page {
				on++
			}
		}
		if on < want {
			c.add(ruleGroup, e.page, "group row %q of table %q has %d of its first %d rows on its page", c.textOf(e), b.text, on, want)
		}
	}
	// The caption and header go with the first row.
	if len(rows) > 0 {
		for _, e := range b.es {
			if (e.kind == roleCaption || e.kind == roleHead) && e.page != rows[0][0].page {
				c.add(ruleFragment, e.page, "table %q: its caption or header is not on the page of its first row", b.text)
				break
			}
		}
	}
}

// pages checks that no page is more than two-thirds blank when something
// from the next page could have been brought up, and that no page is
// empty.
func (c *layoutChecker) pages() {
	l := c.l
	first := make([]*placed, len(l.pages))
	bottom := make([]float64, len(l.pages))
	content := make([]bool, len(l.pages))
	for i := range l.pages {
		bottom[i] = pageGeom(l.pages[i].landscape).bodyTop
	}
	for i := range l.trace {
		e := &l.trace[i]
		bottom[e.page] = max(bottom[e.page], e.y+e.h)
		if !e.repeated && first[e.page] == nil {
			first[e.page] = e
		}
		for _, o := range l.pages[e.page].ops[e.ops[0]:e.ops[1]] {
			if o.k == opText && strings.TrimSpace(o.s) != "" && !e.repeated || o.k == opChart || o.k == opImage {
				content[e.page] = true
			}
		}
	}
	any := slices.Contains(content, true)
	for pi := range l.pages {
		if any && !content[pi] {
			c.add(ruleEmptyPg, pi, "page has no content")
		}
		if pi+1 >= len(l.pages) || l.pages[pi+1].forced {
			continue
		}
		g := pageGeom(l.pages[pi].landscape)
		used := bottom[pi] - g.bodyTop
		if used >= (1-blankShare)*g.bodyH {
			continue
		}
		f := first[pi+1]
		if f == nil {
			continue
		}
		bi := slices.IndexFunc(c.blocks, func(b *tblock) bool { return b.blk == f.blk })
		if bi < 0 {
			continue
		}
		unit := c.prefix(bi, slices.Index(c.blocks[bi].es, f), true)
		if len(unit) == 0 {
			continue
		}
		last := unit[len(unit)-1]
		if last.page != f.page {
			continue
		}
		need := f.before + last.y + last.h - f.y
		if rem := g.bodyBottom - bottom[pi]; need <= rem+1e-6 {
			c.add(ruleBlank, pi, "page is %.0f%% blank, but the %.0f mm from %q at the top of the next page would fit in its %.0f mm",
				100*(1-used/g.bodyH), need, c.textOf(f), rem)
		}
	}
}

// overflow checks that all text is inside the page's text column and body,
// and table text inside its cell.
func (c *layoutChecker) overflow() {
	l := c.l
	const eps = 0.01
	for i := range l.trace {
		e := &l.trace[i]
		g := pageGeom(l.pages[e.page].landscape)
		if e.y < g.bodyTop-eps || e.y+e.h > g.bodyBottom+eps {
			c.add(ruleOverflow, e.page, "a box at y %.1f-%.1f mm is outside the body (%.1f-%.1f)", e.y, e.y+e.h, g.bodyTop, g.bodyBottom)
		}
		for _, o := range l.pages[e.page].ops[e.ops[0]:e.ops[1]] {
			if o.k != opText {
				continue
			}
			s := strings.TrimRight(o.s, " ")
			w := l.m.textWidth(s, o.st, o.size)
			if o.x < g.left-eps || o.x+w > g.left+g.textW+eps {
				c.add(ruleOverflow, e.page, "text %q at x %.1f-%.1f mm is outside the text column (%.1f-%.1f)", s, o.x, o.x+w, g.left, g.left+g.textW)
			}
			if o.y < e.y-eps || o.y > e.y+e.h+eps || o.y > g.bodyBottom+eps {
				c.add(ruleOverflow, e.page, "text %q with its baseline at %.1f mm is outside its box (%.1f-%.1f)", s, o.y, e.y, e.y+e.h)
			}
			if col, ok := c.column(o.tag); ok && len(e.cols) > 1 && col+1 < len(e.cols) {
				// a group row spans every column
				left, right := g.left, g.left+e.cols[len(e.cols)-1]
				if col >= 0 {
					left, right = g.left+e.cols[col], g.left+e.cols[col+1]
				}
				if o.x < left-eps || o.x+w > right+eps {
					c.add(ruleOverflow, e.page, "text %q at x %.1f-%.1f mm is outside its cell (%.1f-%.1f)", s, o.x, o.x+w, left, right)
				}
			}
		}
	}
}

// column is the table column of text tagged tag, from the structure tree:
// the place of its TD or TH among the cells of its row; -1 for a cell that
// is alone in its row (a group row, across every column).
func (c *layoutChecker) column(tag int32) (int, bool) {
	t := c.l.tree
	if t == nil || tag <= 0 || int(tag) >= len(t.elems) {
		return 0, false
	}
	el := t.elems[tag]
	if (el.typ != "TD" && el.typ != "TH") || el.parent <= 0 || t.elems[el.parent].typ != "TR" {
		return 0, false
	}
	cells := t.elems[el.parent].kids
	col := -1
	n := 0
	for _, k := range cells {
		if k.k != kidElem {
			continue
		}
		if k.a == tag {
			col = n
		}
		n++
	}
	if col < 0 {
		return 0, false
	}
	if n == 1 {
		return -1, true
	}
	return col, true
}

// layoutProblems lays d out and checks it.
func layoutProblems(d doc.Document) ([]layoutProblem, error) {
	m, err := loadMetrics()
	if err != nil {
		return nil, err
	}
	return checkLayout(doLayout(m, &d, true)), nil
}
