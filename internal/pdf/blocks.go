package pdf

import (
	"bytes"
	"image"
	_ "image/jpeg" // logos
	_ "image/png"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/boardpack/boardpack/internal/doc"
	"github.com/boardpack/boardpack/internal/fonts"
)

// House style.
var (
	colText      = doc.Colour{R: 0x1A, G: 0x1A, B: 0x1A}
	colNavy      = doc.Colour{R: 0x1F, G: 0x38, B: 0x64}
	colGrey      = doc.Colour{R: 0x55, G: 0x55, B: 0x55}
	colMidGrey   = doc.Colour{R: 0x80, G: 0x80, B: 0x80}
	colGrid      = doc.Colour{R: 0xA6, G: 0xA6, B: 0xA6}
	colRule      = doc.Colour{R: 0xC8, G: 0xC8, B: 0xC8}
	colZebra     = doc.Colour{R: 0xF2, G: 0xF2, B: 0xF2}
	colGroup     = doc.Colour{R: 0xDC, G: 0xE3, B: 0xEF}
	colTile      = doc.Colour{R: 0xF6, G: 0xF7, B: 0xF9}
	colWhite     = doc.Colour{R: 0xFF, G: 0xFF, B: 0xFF}
	colUnknownRG = doc.Colour{R: 0xD9, G: 0xD9, B: 0xD9}
)

const (
	bodySize  = 10.5
	bodyLH    = 5.0
	leadSize  = 12
	leadLH    = 5.9
	noteSize  = 8.5
	noteLH    = 4.0
	tableSize = 8.5
	tableLH   = 3.85
	cellPadX  = 1.5
	cellPadY  = 1.25
	numIndent = 10.0 // hanging margin for paragraph numbers
	markerW   = 7.0  // width of a list marker column

	maxHeadLines = 6 // table header cells are cut to this many lines
)

// baseline returns the offset from the top of a line box of height lh to
// the baseline of text of size pt, centring capitals in the box.
func baseline(lh, size float64) float64 {
	return lh/2 + 0.355*size*ptToMM
}

// builder turns the blocks of one section into boxes.
type builder struct {
	l   *layout
	m   *metrics
	g   geom
	out []*box

	// afterHeading: the last block was a heading. lead is the line of a
	// one-line paragraph under a heading, tied to the next block unless
	// that is a heading.
	afterHeading bool
	lead         *box
}

func (b *builder) add(bx *box) { b.out = append(b.out, bx) }

func (b *builder) block(blk doc.Block) {
	if blk == nil {
		return
	}
	if b.lead != nil {
		if _, head := blk.(*doc.Heading); !head {
			b.lead.keep = true
		}
		b.lead = nil
	}
	defer func() {
		_, b.afterHeading = blk.(*doc.Heading)
	}()
	switch v := blk.(type) {
	case *doc.Title:
		if v != nil {
			b.title(v)
		}
	case *doc.Heading:
		if v != nil {
			b.heading(v)
		}
	case *doc.Paragraph:
		if v != nil {
			b.paragraph(v)
		}
	case *doc.List:
		if v != nil {
			b.list(v)
		}
	case *doc.Fields:
		if v != nil {
			b.fields(v.Items, 50, 2.5)
		}
	case *doc.Table:
		if v != nil {
			b.table(v)
		}
	case *doc.Chart:
		if v != nil {
			b.chart(v)
		}
	case *doc.Tiles:
		if v != nil {
			b.tiles(v)
		}
	case *doc.ChartGrid:
		if v != nil {
			b.chartGrid(v)
		}
	case *doc.RAGKeyBlock:
		b.ragKey()
	case *doc.PageBreak:
		b.add(&box{brk: true})
	}
}

// runs converts spans to clean styled text.
func (b *builder) runs(spans []doc.Span, base fonts.Style) []styledText {
	out := make([]styledText, 0, len(spans))
	for _, sp := range spans {
		st := spanStyle(sp.Bold, sp.Italic)
		if st == fonts.Regular {
			st = base
		}
		out = append(out, styledText{s: b.m.clean(sp.Text, true), st: st})
	}
	return out
}

func (b *builder) plain(s string, st fonts.Style) []styledText {
	return []styledText{{s: b.m.clean(strings.TrimSpace(s), true), st: st}}
}

// textLines emits one box per line, with widow and orphan control: a
// paragraph of two or three lines is kept whole; a longer one is split
// leaving at least two lines on each page. first is called with the
// first line's box to attach a number or marker; it is drawn before the
// line, so that it comes first in reading order. The lines are tagged tag.
func (b *builder) textLines(ls []line, x, size, lh float64, c doc.Colour, before float64, tag int32, r role, first func(p *page, x, y float64)) {
	n := len(ls)
	for i := range ls {
		ln := ls[i]
		bx := &box{h: lh, role: r}
		if r.kind == roleItem {
			bx.sub = int32(i)
		} else {
			bx.idx = int32(i)
		}
		if i == 0 {
			bx.before = before
		}
		bx.keep = (i == 0 && n > 1) || (i == n-2)
		isFirst := i == 0
		bx.draw = func(p *page, x0, y float64) {
			by := y + baseline(lh, size)
			if isFirst && first != nil {
				first(p, x0, by)
			}
			p.tag(tag)
			p.drawLine(&ln, x0+x, by, size, c, doc.Left, 0)
		}
		b.add(bx)
	}
}

func (b *builder) title(t *doc.Title) {
	m := b.m
	W := b.g.textW
	var boxes []*box
	// The logo sits at the top right beside the organisation and title, at
	// most 36 by 16 mm; the title and subtitle wrap clear of it, so a logo
	// costs no height.
	var logoW, logoH float64
	logo := -1
	if t.Logo != nil {
		if cfg, _, err := image.DecodeConfig(bytes.NewReader(t.Logo.Data)); err == nil && cfg.Width > 0 && cfg.Height > 0 {
			logoW, logoH = 36.0, 36.0*float64(cfg.Height)/float64(cfg.Width)
			if logoH > 16 {
				logoW, logoH = 16*float64(cfg.Width)/float64(cfg.Height), 16
			}
			logo = len(b.l.images)
			b.l.images = append(b.l.images, *t.Logo)
		}
	}
	textW := W
	if logo >= 0 {
		textW = W - logoW - 5
	}
	// A navy bar, the organisation in capitals, the title, the subtitle.
	org := m.clean(strings.ToUpper(m.clean(strings.TrimSpace(t.Organisation), false)), false)
	orgTag := tagArtifact
	if org != "" {
		orgTag = b.l.el("P", elemDocument)
	}
	boxes = append(boxes, &box{h: 7, draw: func(p *page, x, y float64) {
		p.fill(x, y, W, 1.2, b.l.accent)
		if org != "" {
			p.tag(orgTag)
			p.text(x, y+6, m.fit(org, fonts.Bold, 9.5, textW), fonts.Bold, 9.5, b.l.accent)
		}
		if logo >= 0 {
			// The logo repeats the organisation's name printed beside
			// it: decorative, so an artifact.
			p.ops = append(p.ops, op{k: opImage, tag: tagArtifact, n: logo, x: x + W - logoW, y: y + 3, w: logoW, h: logoH})
		}
	}})
	const tSize, tLH = 22, 9.6
	tl := m.wrap(b.plain(t.Title, fonts.Bold), tSize, textW)
	if len(tl) == 1 && len(tl[0].frags) == 0 {
		tl = nil
	}
	titleTag := tagArtifact
	if len(tl) > 0 {
		// The paper's title is its H1; the document's headings follow
		// as H2 and below.
		titleTag = b.l.headingTag(1, elemDocument)
		if b.l.tree != nil {
			b.l.tree.shift = 1
		}
	}
	for i := range tl {
		ln := tl[i]
		bx := &box{h: tLH, draw: func(p *page, x, y float64) {
			p.tag(titleTag)
			p.lines([]line{ln}, x, y+baseline(tLH, tSize), tLH, tSize, b.l.accent, doc.Left, W)
		}}
		if i == 0 {
			bx.before = 5
		}
		boxes = append(boxes, bx)
	}
	const sSize, sLH = 13, 6.2
	sl := m.wrap(b.plain(t.Subtitle, fonts.Regular), sSize, textW)
	if len(sl) == 1 && len(sl[0].frags) == 0 {
		sl = nil
	}
	subTag := tagArtifact
	if len(sl) > 0 {
		subTag = b.l.el("P", elemDocument)
	}
	for i := range sl {
		ln := sl[i]
		bx := &box{h: sLH, draw: func(p *page, x, y float64) {
			p.tag(subTag)
			p.lines([]line{ln}, x, y+baseline(sLH, sSize), sLH, sSize, colGrey, doc.Left, W)
		}}
		if i == 0 {
			bx.before = 2
		}
		boxes = append(boxes, bx)
	}
	if logo >= 0 {
		// Keep the fields below the logo when the title is short.
		used := 0.0
		for _, bx := range boxes {
			used += bx.h + bx.before
		}
		if gap := 3 + logoH + 2 - used; gap > 0 {
			boxes = append(boxes, &box{h: gap})
		}
	}
	for _, bx := range boxes {
		bx.keep = true
		bx.kind = roleTitle
		b.add(bx)
	}
	if len(t.Fields) > 0 {
		b.fields(t.Fields, 48, 7)
	} else if n := len(b.out); n > 0 {
		b.out[n-1].keep = false
	}
	// a little air after the title block
	b.add(&box{h: 4, role: role{kind: roleTitle}})
}

// fields prints label/value pairs as a two-column table with light rules.
func (b *builder) fields(items []doc.Field, labelW, before float64) {
	m := b.m
	W := b.g.textW
	if labelW > W*0.4 {
		labelW = W * 0.4
	}
	const size, lh, pad = 10, 4.8, 1.7
	valW := W - labelW
	maxLines := max(int((b.g.bodyH-20-2*pad)/lh), 1)
	// A table of two columns: each label is the header of its row.
	tbl := tagArtifact
	if len(items) > 0 {
		tbl = b.l.el("Table", elemDocument)
	}
	for i, it := range items {
		ll := m.wrap(b.plain(it.Label, fonts.Bold), size, labelW-3)
		vl := m.wrap(b.plain(it.Value, fonts.Regular), size, valW-1)
		tr := b.l.el("TR", tbl)
		th := b.l.el("TH", tr)
		b.l.setAttr(th, "<</O /Table /Scope /Row>>")
		td := b.l.el("TD", tr)
		n := max(len(ll), len(vl))
		// Very long values are split over pages in chunks of lines.
		for start := 0; start < n; start += maxLines {
			end := min(start+maxLines, n)
			h := float64(end-start)*lh + 2*pad
			first := i == 0 && start == 0
			lab := ll[min(start, len(ll)):min(end, len(ll))]
			val := vl[min(start, len(vl)):min(end, len(vl))]
			// A short block of fields is kept whole (softly).
			bx := &box{h: h, soft: i < len(items)-1 && len(items) <= 12, role: role{kind: roleField, idx: int32(i), sub: int32(start / maxLines)}}
			if first {
				bx.before = before
			}
			bx.draw = func(p *page, x, y float64) {
				if first {
					p.line(x, y, x+W, y, 0.3, b.l.accent)
				}
				by := y + pad + baseline(lh, size)
				p.tag(th)
				p.lines(lab, x, by, lh, size, b.l.accent, doc.Left, labelW)
				p.tag(td)
				p.lines(val, x+labelW, by, lh, size, colText, doc.Left, valW)
				p.line(x, y+h, x+W, y+h, 0.2, colRule)
			}
			b.add(bx)
		}
	}
}

func (l *layout) headingStyle(level int) (size, lh, before, after float64, c doc.Colour) {
	switch level {
	case 1:
		return 15, 7, 7, 1.5, l.accent
	case 2:
		return 12.5, 6, 5, 1, l.accent
	}
	return 11, 5.3, 4, 0.6, colText
}

func (b *builder) heading(h *doc.Heading) {
	level := min(max(h.Level, 1), 3)
	size, lh, before, after, c := b.l.headingStyle(level)
	ref := b.l.takeHeading()
	ls := b.m.wrap(b.plain(h.Text, fonts.Bold), size, b.g.textW)
	// An empty heading is no heading to a screen reader.
	tag := tagArtifact
	if !blank(ls) {
		tag = b.l.headingTag(level, elemDocument)
	}
	for i := range ls {
		ln := ls[i]
		bx := &box{h: lh, keep: true, role: role{kind: roleHeading, idx: int32(i), sub: int32(level)}}
		if i == 0 {
			bx.before = before
			bx.minRemain = 25
		}
		if i == len(ls)-1 {
			bx.h += after
		}
		first := i == 0
		bx.draw = func(p *page, x, y float64) {
			if first && ref != nil {
				ref.page = len(b.l.pages)
				ref.y = y
				p.ops = append(p.ops, op{k: opBookmark, s: ref.text, n: level, y: y})
			}
			p.tag(tag)
			p.lines([]line{ln}, x, y+baseline(lh, size), lh, size, c, doc.Left, b.g.textW)
		}
		b.add(bx)
	}
}

func paraStyle(s doc.ParagraphStyle) (size, lh, before float64, c doc.Colour) {
	switch s {
	case doc.Note:
		return noteSize, noteLH, 2, colGrey
	case doc.Lead:
		return leadSize, leadLH, 3, colText
	}
	return bodySize, bodyLH, 2.6, colText
}

// numberLabel returns a paragraph number ("12. ", with the space that
// separates it from the text when extracted) and its printed width.
func (b *builder) numberLabel(n int, size float64) (string, float64) {
	if n == 0 {
		return "", 0
	}
	s := strconv.Itoa(n) + "."
	return s + " ", b.m.textWidth(s, fonts.Regular, size)
}

func (b *builder) paragraph(pg *doc.Paragraph) {
	size, lh, before, c := paraStyle(pg.Style)
	num, nw := b.numberLabel(pg.Number, size)
	indent := 0.0
	if num != "" {
		indent = max(numIndent, nw+2.5)
	}
	ls := b.m.wrap(b.runs(pg.Spans, fonts.Regular), size, b.g.textW-indent)
	tag := tagArtifact
	if num != "" || !blank(ls) {
		tag = b.l.el("P", elemDocument)
	}
	var first func(p *page, x, y float64)
	if num != "" {
		first = func(p *page, x, y float64) {
			p.tag(tag)
			p.text(x, y, num, fonts.Regular, size, c)
		}
	}
	start := len(b.out)
	b.textLines(ls, indent, size, lh, c, before, tag, role{kind: roleLine}, first)
	if len(b.out) == start {
		return
	}
	// A paragraph that ends with a colon leads into what follows, and so
	// does a single line under a heading: neither ends a page alone.
	last := b.out[len(b.out)-1]
	switch {
	case leadsIn(pg.Spans):
		last.keep = true
	case b.afterHeading && len(ls) == 1:
		b.lead = last
	}
}

// leadsIn reports whether text ends with a colon.
func leadsIn(spans []doc.Span) bool {
	for i := len(spans) - 1; i >= 0; i-- {
		if t := strings.TrimSpace(spans[i].Text); t != "" {
			return strings.HasSuffix(t, ":")
		}
	}
	return false
}

// blank reports whether wrapped lines hold no text.
func blank(ls []line) bool {
	for _, ln := range ls {
		for _, fr := range ln.frags {
			if strings.TrimSpace(fr.s) != "" {
				return false
			}
		}
	}
	return true
}

func letters(i int) string {
	s := ""
	for i >= 0 {
		s = string(rune('a'+i%26)) + s
		i = i/26 - 1
	}
	return s
}

func (b *builder) list(li *doc.List) {
	size, lh := bodySize, bodyLH
	num, nw := b.numberLabel(li.Number, size)
	indent := numIndent
	if nw+2.5 > indent {
		indent = nw + 2.5
	}
	mw := markerW
	if li.Lettered && len(li.Items) > 26 {
		mw += 2.5
	}
	textX := indent + mw
	lst := tagArtifact
	if len(li.Items) > 0 {
		lst = b.l.el("L", elemDocument)
		if li.Lettered {
			b.l.setAttr(lst, "<</O /List /ListNumbering /LowerAlpha>>")
		} else {
			b.l.setAttr(lst, "<</O /List /ListNumbering /Disc>>")
		}
	}
	starts := make([]int, 0, len(li.Items)+1)
	for i, item := range li.Items {
		starts = append(starts, len(b.out))
		marker := "• "
		if li.Lettered {
			marker = letters(i) + ") "
		}
		it := b.l.el("LI", lst)
		lbl := b.l.el("Lbl", it)
		body := b.l.el("LBody", it)
		ls := b.m.wrap(b.runs(item, fonts.Regular), size, b.g.textW-textX)
		before := 1.2
		if i == 0 {
			before = 2.2
		}
		withNum := i == 0 && num != ""
		b.textLines(ls, textX, size, lh, colText, before, body, role{kind: roleItem, idx: int32(i)}, func(p *page, x, y float64) {
			p.tag(lbl)
			if withNum {
				p.text(x, y, num, fonts.Regular, size, colText)
			}
			p.text(x+indent, y, marker, fonts.Regular, size, colText)
		})
	}
	starts = append(starts, len(b.out))
	b.tieItems(starts)
}

// tieItems ties the lines of a list whose items start at the given boxes
// (the last entry is the end): the first two items and the last two are
// kept together, so that a break leaves at least two on each page, and a
// short list is kept whole unless that would leave a page mostly blank.
func (b *builder) tieItems(starts []int) {
	n := len(starts) - 1
	if n < 1 {
		return
	}
	first, end := starts[0], starts[n]
	for k := first; k < starts[min(2, n)]-1; k++ {
		b.out[k].keep = true
	}
	for k := starts[max(n-2, 0)]; k < end-1; k++ {
		b.out[k].keep = true
	}
	if n <= shortBlock {
		for k := first; k < end-1; k++ {
			b.out[k].soft = true
		}
	}
}

// ragLevel finds the RAG key entry for a code.
func (b *builder) ragLevel(code string) (doc.RAGLevel, bool) {
	if code == "" {
		return doc.RAGLevel{}, false
	}
	if lv, ok := b.l.rag[code]; ok {
		return lv, true
	}
	for _, lv := range b.l.d.RAGKey {
		if strings.EqualFold(strings.TrimSpace(lv.Code), strings.TrimSpace(code)) {
			return lv, true
		}
	}
	return doc.RAGLevel{}, false
}

// ragWord is what is printed for a RAG value: the cell's own text, else the
// level's label, else the code.
func (b *builder) ragWord(text, code string) string {
	if strings.TrimSpace(text) != "" {
		return text
	}
	if lv, ok := b.ragLevel(code); ok && strings.TrimSpace(lv.Label) != "" {
		return lv.Label
	}
	return code
}

// longestWord is the width of the widest space-separated word of s.
func longestWord(m *metrics, s string, st fonts.Style, size float64) float64 {
	w := 0.0
	for f := range strings.FieldsSeq(s) {
		w = max(w, m.textWidth(f, st, size))
	}
	return w
}

// shortWord is the longest word, in runes, that a column is widened for;
// longer ones (URLs, references) are broken between characters instead.
const shortWord = 14

// widenForWords widens columns too narrow for their header words or their
// cells' ordinary words, taking the room from columns with space to spare,
// so that "Complete" or "Safeguarding" is not broken mid-word.
func (b *builder) widenForWords(ws []float64, cols []doc.Column, rows []doc.Row) {
	m := b.m
	n := len(ws)
	need := make([]float64, n)
	for i := range cols {
		need[i] = longestWord(m, m.clean(cols[i].Header, false), fonts.Bold, tableSize)
	}
	for ri := range rows {
		r := &rows[ri]
		if r.Group != "" {
			continue
		}
		for i := 0; i < n && i < len(r.Cells); i++ {
			c := &r.Cells[i]
			txt := c.Text
			st := fonts.Regular
			if c.Bold || c.RAG != "" {
				st = fonts.Bold
			}
			if c.RAG != "" {
				txt = b.ragWord(c.Text, c.RAG)
			}
			for f := range strings.FieldsSeq(txt) {
				if utf8.RuneCountInString(f) > shortWord {
					continue
				}
				if w := m.textWidth(m.clean(f, false), st, tableSize); w > need[i] {
					need[i] = w
				}
			}
		}
	}
	deficit, slack := 0.0, 0.0
	for i := range ws {
		need[i] += 2*cellPadX + 0.2
		if ws[i] < need[i] {
			deficit += need[i] - ws[i]
		} else {
			slack += ws[i] - need[i]
		}
	}
	if deficit <= 0 || slack <= 0 {
		return
	}
	take := min(deficit, slack)
	give := take / deficit // share of each column's shortfall we can meet
	for i := range ws {
		if ws[i] < need[i] {
			ws[i] += (need[i] - ws[i]) * give
		} else {
			ws[i] -= (ws[i] - need[i]) * take / slack
		}
	}
}

// columnWidths shares out the text width: fixed widths first, then the rest
// by weight. Widths are clamped so that every column gets some room.
func columnWidths(cols []doc.Column, W float64) []float64 {
	n := len(cols)
	ws := make([]float64, n)
	if n == 0 {
		return ws
	}
	minW := math.Min(8, W/float64(n))
	fixed, weights := 0.0, 0.0
	nWeighted := 0
	for _, c := range cols {
		if c.Width > 0 && !math.IsInf(c.Width, 0) && !math.IsNaN(c.Width) {
			fixed += math.Max(c.Width, minW)
		} else {
			nWeighted++
			wt := c.Weight
			if !(wt > 0) || math.IsInf(wt, 0) {
				wt = 1
			}
			weights += wt
		}
	}
	rest := W - fixed
	scale := 1.0
	if rest < float64(nWeighted)*minW {
		// Fixed columns ask for too much: shrink them.
		avail := W - float64(nWeighted)*minW
		scale = avail / fixed
		rest = float64(nWeighted) * minW
	}
	for i, c := range cols {
		if c.Width > 0 && !math.IsInf(c.Width, 0) && !math.IsNaN(c.Width) {
			ws[i] = math.Max(c.Width, minW) * scale
		} else {
			wt := c.Weight
			if !(wt > 0) || math.IsInf(wt, 0) {
				wt = 1
			}
			ws[i] = rest * wt / weights
		}
	}
	// Normalise away rounding so the table is exactly W wide.
	sum := 0.0
	for _, w := range ws {
		sum += w
	}
	if sum > 0 {
		for i := range ws {
			ws[i] *= W / sum
		}
	}
	return ws
}

type cellLayout struct {
	ls    []line
	st    fonts.Style
	fill  *doc.Colour
	color doc.Colour
	align doc.Align
}

func (b *builder) table(t *doc.Table) {
	m := b.m
	W := b.g.textW
	ncols := len(t.Columns)
	if ncols == 0 {
		for _, r := range t.Rows {
			ncols = max(ncols, len(r.Cells))
		}
	}
	cols := make([]doc.Column, ncols)
	copy(cols, t.Columns)
	ws := columnWidths(cols, W)
	b.widenForWords(ws, cols, t.Rows)
	xs := make([]float64, ncols+1)
	for i, w := range ws {
		xs[i+1] = xs[i] + w
	}
	inner := func(i int) float64 { return max(ws[i]-2*cellPadX, 0.5) }
	size, lh := tableSize, tableLH

	// Structure: Table > Caption, THead > TR > TH..., TBody > TR > TD...
	// A table without columns has nothing to tag but its caption, a P.
	tbl := tagArtifact
	if ncols > 0 {
		tbl = b.l.el("Table", elemDocument)
	}

	// Grouping rows head the rows below them. PDF has no row-group scope,
	// so each cell under a group names its headers, its column's and its
	// group's, by their /ID.
	grouped := false
	for i := range t.Rows {
		grouped = grouped || t.Rows[i].Group != ""
	}
	colID := func(i int) string { return "t" + strconv.Itoa(int(tbl)) + "c" + strconv.Itoa(i+1) }
	groupID := ""
	// The first column heads its rows when every row has something in
	// it (an area, a team, an indicator, a reference), as in the HTML.
	rowHeaders := len(t.Rows) > 0 && ncols >= 2
	for i := range t.Rows {
		if r := &t.Rows[i]; r.Group == "" && (len(r.Cells) == 0 || strings.TrimSpace(r.Cells[0].Text) == "" && r.Cells[0].RAG == "") {
			rowHeaders = false
		}
	}

	// Caption.
	caption := m.clean(strings.TrimSpace(t.Caption), false)
	var capBoxes []*box
	if caption != "" {
		capTag := b.l.el("Caption", tbl)
		if ncols == 0 {
			capTag = b.l.el("P", elemDocument)
		}
		const cSize, cLH = 10, 5
		cl := m.wrap(b.plain(caption, fonts.Bold), cSize, W)
		for i := range cl {
			ln := cl[i]
			bx := &box{h: cLH, keep: true, role: role{kind: roleCaption, idx: int32(i)}, draw: func(p *page, x, y float64) {
				p.tag(capTag)
				p.lines([]line{ln}, x, y+baseline(cLH, cSize), cLH, cSize, colText, doc.Left, W)
			}}
			if i == 0 {
				bx.before = 4.5
			}
			if i == len(cl)-1 {
				bx.h += 1
			}
			capBoxes = append(capBoxes, bx)
		}
	}

	// Header row.
	var head *box
	if ncols > 0 {
		tr := b.l.el("TR", b.l.el("THead", tbl))
		ths := make([]int32, ncols)
		for i := range ths {
			ths[i] = b.l.el("TH", tr)
			b.l.setAttr(ths[i], "<</O /Table /Scope /Column>>")
			if grouped {
				b.l.setID(ths[i], colID(i))
			}
		}
		hl := make([][]line, ncols)
		hs := make([]float64, ncols) // header type size per cell
		hh := 0.0
		for i := range cols {
			// A header word wider than its column is set smaller (down to
			// 6.5 pt) before it would be broken between characters.
			hs[i] = size
			hdr := m.clean(cols[i].Header, false)
			for hs[i] > 6.5 && longestWord(m, hdr, fonts.Bold, hs[i]) > inner(i) {
				hs[i] -= 0.5
			}
			hl[i] = m.wrap(b.plain(cols[i].Header, fonts.Bold), hs[i], inner(i))
			if len(hl[i]) > maxHeadLines {
				// A header taller than this would crowd out the rows on
				// every page it is repeated on.
				hl[i] = hl[i][:maxHeadLines]
				last := &hl[i][maxHeadLines-1]
				if n := len(last.frags); n > 0 {
					fr := &last.frags[n-1]
					fr.s = m.fit(fr.s+"…", fonts.Bold, hs[i], inner(i)-fr.x)
				}
			}
			hh = max(hh, float64(len(hl[i]))*lh*hs[i]/size)
		}
		hh = max(hh, lh) + 2*cellPadY
		head = &box{h: hh, keep: true, role: role{kind: roleHead, cols: xs}}
		// Fills and rules first, then the text: one artifact per row
		// rather than one between every two cells (text and rules never
		// overlap, so the page looks the same).
		head.draw = func(p *page, x, y float64) {
			p.fill(x, y, W, hh, b.l.accent)
			for i := 1; i < len(cols); i++ {
				p.line(x+xs[i], y, x+xs[i], y+hh, 0.2, colWhite)
			}
			for i := range cols {
				clh := lh * hs[i] / size
				p.tag(ths[i])
				p.lines(hl[i], x+xs[i]+cellPadX, y+cellPadY+baseline(clh, hs[i]), clh, hs[i], colWhite, cols[i].Align, inner(i))
			}
		}
		if caption == "" {
			head.before = 4.5
		}
	}
	rep := &tableRepeat{}
	{
		contText := "Continued from the previous page"
		if caption != "" {
			contText = caption + " (continued)"
		}
		contText = m.fit(contText, fonts.Italic, noteSize, W)
		cb := &box{h: 5, keep: true, role: role{kind: roleNote}, draw: func(p *page, x, y float64) {
			p.text(x, y+baseline(5, noteSize)-0.5, contText, fonts.Italic, noteSize, colGrey)
		}}
		rep.boxes = append(rep.boxes, cb)
		rep.h += cb.h
		if head != nil {
			hb := *head
			hb.before = 0
			rep.boxes = append(rep.boxes, &hb)
			rep.h += hb.h
		}
	}
	for _, bx := range capBoxes {
		b.add(bx)
	}
	if head != nil {
		b.add(head)
	}
	if ncols == 0 {
		if n := len(b.out); n > 0 {
			b.out[n-1].keep = false
		}
		return
	}
	// Rows taller than this are split between lines.
	maxRowH := b.g.bodyH - rep.h - 2
	zebra := 0
	var rows []*box
	tbody := tagArtifact
	if len(t.Rows) > 0 {
		tbody = b.l.el("TBody", tbl)
	}
	for ri := range t.Rows {
		r := &t.Rows[ri]
		tr := b.l.el("TR", tbody)
		if r.Group != "" {
			// A group row heads the rows below it, across every column.
			th := b.l.el("TH", tr)
			if ncols > 1 {
				b.l.setAttr(th, "<</O /Table /Scope /Row /ColSpan "+strconv.Itoa(ncols)+">>")
			} else {
				b.l.setAttr(th, "<</O /Table /Scope /Row>>")
			}
			groupID = "t" + strconv.Itoa(int(tbl)) + "g" + strconv.Itoa(ri+1)
			b.l.setID(th, groupID)
			zebra = 0
			const gSize, gLH = 9, 4.3
			gl := m.wrap(b.plain(r.Group, fonts.Bold), gSize, W-2*cellPadX)
			for len(gl) > 0 && float64(len(gl))*gLH+2*cellPadY > maxRowH {
				gl = gl[:len(gl)-1]
			}
			gh := float64(len(gl))*gLH + 2*cellPadY + 0.6
			bx := &box{h: gh, table: rep, role: role{kind: roleGroup, idx: int32(ri), link: r.Link, cols: xs}}
			mark := ""
			if t.GroupBookmarks > 0 {
				mark = m.clean(strings.TrimSpace(r.Group), false)
			}
			bx.draw = func(p *page, x, y float64) {
				if mark != "" {
					p.ops = append(p.ops, op{k: opBookmark, s: mark, n: t.GroupBookmarks, y: y})
				}
				p.fill(x, y, W, gh, colGroup)
				p.stroke(x, y, W, gh, 0.15, colGrid)
				p.tag(th)
				p.lines(gl, x+cellPadX, y+cellPadY+0.3+baseline(gLH, gSize), gLH, gSize, b.l.accent, doc.Left, W)
			}
			rows = append(rows, bx)
			continue
		}
		cells := make([]cellLayout, ncols)
		tds := make([]int32, ncols)
		nl := 1
		rowID := ""
		for i := range ncols {
			if i == 0 && rowHeaders {
				tds[i] = b.l.el("TH", tr)
				if groupID == "" {
					b.l.setAttr(tds[i], "<</O /Table /Scope /Row>>")
				} else {
					rowID = "t" + strconv.Itoa(int(tbl)) + "r" + strconv.Itoa(ri+1)
					b.l.setID(tds[i], rowID)
					b.l.setAttr(tds[i], "<</O /Table /Scope /Row /Headers ["+pdfText(colID(i))+" "+pdfText(groupID)+"]>>")
				}
			} else {
				tds[i] = b.l.el("TD", tr)
				switch {
				case groupID != "" && rowID != "":
					b.l.setAttr(tds[i], "<</O /Table /Headers ["+pdfText(colID(i))+" "+pdfText(rowID)+" "+pdfText(groupID)+"]>>")
				case groupID != "":
					b.l.setAttr(tds[i], "<</O /Table /Headers ["+pdfText(colID(i))+" "+pdfText(groupID)+"]>>")
				}
			}
			var c doc.Cell
			if i < len(r.Cells) {
				c = r.Cells[i]
			}
			cl := cellLayout{st: fonts.Regular, color: colText, align: cols[i].Align}
			if c.Bold {
				cl.st = fonts.Bold
			}
			txt := c.Text
			if c.RAG != "" {
				txt = b.ragWord(c.Text, c.RAG)
				if lv, ok := b.ragLevel(c.RAG); ok {
					col := lv.Colour
					cl.fill = &col
					cl.color = lv.Text
				} else {
					col := colUnknownRG
					cl.fill = &col
				}
				cl.st = fonts.Bold
			}
			cl.ls = m.wrap(b.plain(txt, cl.st), size, inner(i))
			nl = max(nl, len(cl.ls))
			cells[i] = cl
		}
		striped := t.Zebra && zebra%2 == 1
		zebra++
		// A row is one box; a row taller than a page can be split
		// between its lines where the page ends (see layout.place).
		perPage := max(int((maxRowH-2*cellPadY)/lh), 1)
		var piece func(a, e int, sub int32) *box
		piece = func(a, e int, sub int32) *box {
			rh := float64(e-a)*lh + 2*cellPadY
			bx := &box{h: rh, table: rep, role: role{kind: roleRow, idx: int32(ri), sub: sub, link: r.Link, cols: xs}}
			bx.draw = func(p *page, x, y float64) {
				if striped {
					p.fill(x, y, W, rh, colZebra)
				}
				for i := range cells {
					if cl := &cells[i]; cl.fill != nil {
						p.fill(x+xs[i], y, ws[i], rh, *cl.fill)
					}
				}
				for i := 1; i < ncols; i++ {
					p.line(x+xs[i], y, x+xs[i], y+rh, 0.15, colGrid)
				}
				p.stroke(x, y, W, rh, 0.15, colGrid)
				for i := range cells {
					cl := &cells[i]
					lo, hi := min(a, len(cl.ls)), min(e, len(cl.ls))
					p.tag(tds[i])
					p.lines(cl.ls[lo:hi], x+xs[i]+cellPadX, y+cellPadY+baseline(lh, size), lh, size, cl.color, cl.align, inner(i))
				}
			}
			if e-a > perPage {
				bx.split = func(avail float64) (*box, *box) {
					k := min(int((avail-2*cellPadY)/lh+1e-9), e-a-1)
					if k < minSplitLines {
						return nil, nil
					}
					return piece(a, a+k, sub), piece(a+k, e, sub+1)
				}
			}
			return bx
		}
		rows = append(rows, piece(0, nl, 0))
	}
	if len(rows) == 0 {
		head.keep = false
	}
	tieRows(rows)
	b.out = append(b.out, rows...)
}

// tieRows ties the boxes of a table's body rows (one box a row): the
// header keeps the first three rows (group rows not counted) and the last
// three rows are kept together, so that no page holds fewer than three
// rows of the table; a group row keeps its first two rows; a short table
// (group rows counted) is kept whole unless that would leave a page mostly
// blank.
func tieRows(rows []*box) {
	n := len(rows)
	if n == 0 {
		return
	}
	var data []int // the boxes of the rows that are not group rows
	for k, bx := range rows {
		if bx.kind == roleRow {
			data = append(data, k)
		}
	}
	tie := func(from, to int) { // keep rows from..to on one page
		for k := from; k < to; k++ {
			rows[k].keep = true
		}
	}
	if d := len(data); d > 0 {
		tie(0, data[min(3, d)-1])
		tie(data[max(d-3, 0)], n-1)
	}
	if n <= shortBlock {
		for k := 0; k < n-1; k++ {
			rows[k].soft = true
		}
	}
	for k, bx := range rows {
		if bx.kind != roleGroup {
			continue
		}
		end, got := k, 0
		for end+1 < n && rows[end+1].kind == roleRow && got < 2 {
			end++
			got++
		}
		tie(k, end)
	}
	rows[n-1].keep, rows[n-1].soft = false, false
}

const defaultChartH = 75.0

func (b *builder) chart(c *doc.Chart) {
	m := b.m
	W := b.g.textW
	title := m.clean(strings.TrimSpace(c.Title), false)
	source := m.clean(strings.TrimSpace(c.Source), false)
	const tSize, tLH = 10, 5
	tl := m.wrap(b.plain(title, fonts.Bold), tSize, W)
	if title == "" {
		tl = nil
	}
	if len(tl) > 3 {
		tl = tl[:3]
	}
	sl := m.wrap(b.plain(source, fonts.Regular), noteSize, W)
	if source == "" {
		sl = nil
	}
	if len(sl) > 4 {
		sl = sl[:4]
	}
	th := 0.0
	if len(tl) > 0 {
		th = float64(len(tl))*tLH + 2
	}
	sh := 0.0
	if len(sl) > 0 {
		sh = float64(len(sl))*noteLH + 1.5
	}
	ch := c.Height
	if !(ch > 0) || math.IsInf(ch, 0) {
		ch = defaultChartH
	}
	ch = min(max(ch, 25), b.g.bodyH-th-sh-2)

	cc := b.sanitizeChart(*c)
	idx := len(b.l.charts)
	b.l.charts = append(b.l.charts, cc)
	// A Figure whose alternative text gives the chart's figures; its
	// title is its Caption; the source line follows as a P.
	fig := b.l.figure(c)
	capTag, srcTag := tagArtifact, tagArtifact
	if len(tl) > 0 {
		capTag = b.l.el("Caption", fig)
	}
	if len(sl) > 0 {
		srcTag = b.l.el("P", elemDocument)
	}
	total := th + ch + sh
	b.add(&box{h: total, before: 5, role: role{kind: roleChart}, draw: func(p *page, x, y float64) {
		p.tag(capTag)
		p.lines(tl, x, y+baseline(tLH, tSize), tLH, tSize, colText, doc.Left, W)
		p.ops = append(p.ops, op{k: opChart, tag: fig, n: idx, x: x, y: y + th, w: W, h: ch})
		p.tag(srcTag)
		p.lines(sl, x, y+th+ch+1.5+baseline(noteLH, noteSize), noteLH, noteSize, colGrey, doc.Left, W)
	}})
}

// sanitizeChart returns a copy of c whose strings are safe for fpdf. The
// title and source are printed by this package around the chart, so the
// chart renderer gets them empty.
func (b *builder) sanitizeChart(c doc.Chart) doc.Chart {
	m := b.m
	if c.Kind == doc.SmallLine {
		// A small chart in a grid carries its own title (the KPI's name).
		c.Title = m.clean(c.Title, false)
	} else {
		c.Title = ""
	}
	c.Source = ""
	c.Unit = m.clean(c.Unit, false)
	cats := make([]string, len(c.Categories))
	for i, s := range c.Categories {
		cats[i] = m.clean(s, false)
	}
	c.Categories = cats
	ser := make([]doc.Series, len(c.Series))
	for i, s := range c.Series {
		s.Name = m.clean(s.Name, false)
		s.Values = append([]float64(nil), s.Values...)
		s.Missing = append([]bool(nil), s.Missing...)
		ser[i] = s
	}
	c.Series = ser
	if c.Target != nil {
		t := *c.Target
		t.Label = m.clean(t.Label, false)
		c.Target = &t
	}
	refs := make([]doc.Target, len(c.References))
	for i, r := range c.References {
		r.Label = m.clean(r.Label, false)
		refs[i] = r
	}
	c.References = refs
	if c.Highlight != nil {
		h := *c.Highlight
		h.Label = m.clean(h.Label, false)
		c.Highlight = &h
	}
	return c
}

// chartGrid lays small charts out Columns to a row; each row is one
// unbreakable box, and the grid's source is printed once beneath it.
func (b *builder) chartGrid(g *doc.ChartGrid) {
	m := b.m
	W := b.g.textW
	cols := g.Columns
	if cols <= 0 {
		cols = 3
	}
	const gap = 4.0
	cw := (W - gap*float64(cols-1)) / float64(cols)
	for start := 0; start < len(g.Charts); start += cols {
		row := g.Charts[start:min(start+cols, len(g.Charts))]
		h := 0.0
		idx := make([]int, len(row))
		figs := make([]int32, len(row))
		for i, c := range row {
			figs[i] = b.l.figure(&c)
			ch := c.Height
			if !(ch > 0) || math.IsInf(ch, 0) {
				ch = 34
			}
			h = max(h, min(ch, b.g.bodyH/2))
			idx[i] = len(b.l.charts)
			b.l.charts = append(b.l.charts, b.sanitizeChart(c))
		}
		before := 2.0
		if start == 0 {
			before = 5
		}
		b.add(&box{h: h, before: before, role: role{kind: roleGridRow, idx: int32(start / cols)}, draw: func(p *page, x, y float64) {
			for i := range row {
				p.ops = append(p.ops, op{k: opChart, tag: figs[i], n: idx[i], x: x + float64(i)*(cw+gap), y: y, w: cw, h: h})
			}
		}})
	}
	if src := m.clean(strings.TrimSpace(g.Source), false); src != "" && len(g.Charts) > 0 {
		sl := m.wrap(b.plain(src, fonts.Regular), noteSize, W)
		if len(sl) > 4 {
			sl = sl[:4]
		}
		srcTag := b.l.el("P", elemDocument)
		b.add(&box{h: float64(len(sl)) * noteLH, before: 1.5, role: role{kind: roleNote}, draw: func(p *page, x, y float64) {
			p.tag(srcTag)
			p.lines(sl, x, y+baseline(noteLH, noteSize), noteLH, noteSize, colGrey, doc.Left, W)
		}})
	}
}

func (b *builder) tiles(t *doc.Tiles) {
	m := b.m
	W := b.g.textW
	const perRow, gap, pad = 3, 4.0, 3.2
	const lSize, lLH = 8.5, 3.9
	const vSize, vLH = 18, 8
	const cSize, cLH = 8.5, 3.9
	const bSize = 7.5
	tw := (W - gap*(perRow-1)) / perRow
	type tileLayout struct {
		label, value, change []line
		bar                  *doc.Colour
		badge                string
		badgeFill, badgeText doc.Colour
		badgeW               float64
		h                    float64
	}
	clip := func(ls []line, n int) []line {
		if len(ls) > n {
			ls = ls[:n]
		}
		return ls
	}
	for r0 := 0; r0 < len(t.Items); r0 += perRow {
		row := t.Items[r0:min(r0+perRow, len(t.Items))]
		tls := make([]tileLayout, len(row))
		rowH := 0.0
		for i, it := range row {
			tl := &tls[i]
			innerW := tw - 2*pad
			if code := strings.TrimSpace(it.RAG); code != "" {
				word := m.clean(b.ragWord("", code), false)
				if lv, ok := b.ragLevel(code); ok {
					c := lv.Colour
					tl.bar = &c
					tl.badgeFill, tl.badgeText = lv.Colour, lv.Text
				} else {
					c := colMidGrey
					tl.bar = &c
					tl.badgeFill, tl.badgeText = colUnknownRG, colText
				}
				tl.badge = m.fit(word, fonts.Bold, bSize, innerW/2)
				tl.badgeW = m.textWidth(tl.badge, fonts.Bold, bSize) + 3
				innerW -= 1.5 // room for the edge bar
			}
			tl.label = clip(m.wrap(b.plain(it.Label, fonts.Regular), lSize, innerW-tl.badgeW-1.5), 3)
			tl.value = clip(m.wrap(b.plain(it.Value, fonts.Bold), vSize, innerW), 2)
			tl.change = clip(m.wrap(b.plain(it.Change, fonts.Regular), cSize, innerW), 3)
			tl.h = pad + float64(len(tl.label))*lLH + 1 + float64(len(tl.value))*vLH + float64(len(tl.change))*cLH + pad
			rowH = max(rowH, tl.h)
		}
		// Each tile reads as one paragraph: label, RAG, value, change.
		tags := make([]int32, len(row))
		for i := range tags {
			tags[i] = b.l.el("P", elemDocument)
		}
		bx := &box{h: rowH, before: 4, role: role{kind: roleTileRow, idx: int32(r0 / perRow)}}
		if r0+perRow >= len(t.Items) {
			bx.h += 2.5 // air between the dashboard and what follows
		}
		bx.draw = func(p *page, x, y float64) {
			for i := range tls {
				tl := &tls[i]
				tx := x + float64(i)*(tw+gap)
				p.fill(tx, y, tw, rowH, colTile)
				p.stroke(tx, y, tw, rowH, 0.2, colRule)
				ix := tx + pad
				if tl.bar != nil {
					p.fill(tx, y, 2.2, rowH, *tl.bar)
					ix += 1.5
				}
				cy := y + pad
				p.tag(tags[i])
				p.lines(tl.label, ix, cy+baseline(lLH, lSize), lLH, lSize, colGrey, doc.Left, tw)
				if tl.badge != "" {
					bw, bh := tl.badgeW, 4.4
					bxx := tx + tw - pad - bw
					p.fill(bxx, y+pad-0.4, bw, bh, tl.badgeFill)
					p.text(bxx+1.5, y+pad-0.4+baseline(bh, bSize), tl.badge+" ", fonts.Bold, bSize, tl.badgeText)
				}
				cy += float64(len(tl.label))*lLH + 1
				p.lines(tl.value, ix, cy+baseline(vLH, vSize), vLH, vSize, b.l.accent, doc.Left, tw)
				cy += float64(len(tl.value)) * vLH
				p.lines(tl.change, ix, cy+baseline(cLH, cSize), cLH, cSize, colText, doc.Left, tw)
			}
		}
		b.add(bx)
	}
}

func (b *builder) ragKey() {
	m := b.m
	key := b.l.d.RAGKey
	if len(key) == 0 {
		return
	}
	W := b.g.textW
	const size, lh = 9, 4.3
	const swW, labW = 22.0, 32.0
	mW := W - swW - labW
	// A table without a header row: each code heads its row.
	tbl := b.l.el("Table", elemDocument)
	for i, lv := range key {
		tr := b.l.el("TR", tbl)
		th := b.l.el("TH", tr)
		b.l.setAttr(th, "<</O /Table /Scope /Row>>")
		tdL, tdM := b.l.el("TD", tr), b.l.el("TD", tr)
		code := m.fit(m.clean(strings.TrimSpace(lv.Code), false), fonts.Bold, size, swW-3)
		ll := m.wrap(b.plain(lv.Label, fonts.Bold), size, labW-2*cellPadX)
		ml := m.wrap(b.plain(lv.Meaning, fonts.Regular), size, mW-2*cellPadX)
		n := max(len(ll), len(ml), 1)
		if float64(n)*lh > 60 {
			n = 13
			ml = ml[:min(len(ml), n)]
			ll = ll[:min(len(ll), n)]
		}
		h := float64(n)*lh + 2*cellPadY + 0.5
		first := i == 0
		bx := &box{h: h, soft: i < len(key)-1 && len(key) <= 10, role: role{kind: roleKeyRow, idx: int32(i)}}
		if first {
			bx.before = 3
		}
		fillC, textC := lv.Colour, lv.Text
		bx.draw = func(p *page, x, y float64) {
			p.fill(x, y, swW, h, fillC)
			p.line(x+swW, y, x+swW, y+h, 0.15, colGrid)
			p.line(x+swW+labW, y, x+swW+labW, y+h, 0.15, colGrid)
			p.stroke(x, y, W, h, 0.15, colGrid)
			cw := m.textWidth(code, fonts.Bold, size)
			p.tag(th)
			p.text(x+(swW-cw)/2, y+h/2+0.355*size*ptToMM, withSpace(code), fonts.Bold, size, textC)
			by := y + cellPadY + 0.25 + baseline(lh, size)
			p.tag(tdL)
			p.lines(ll, x+swW+cellPadX, by, lh, size, colText, doc.Left, labW)
			p.tag(tdM)
			p.lines(ml, x+swW+labW+cellPadX, by, lh, size, colText, doc.Left, mW)
		}
		b.add(bx)
	}
}
