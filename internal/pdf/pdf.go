// Package pdf renders a doc.Document as an A4 board paper with fpdf: title
// block, running header and footer ("Page x of y"), numbered paragraphs,
// tables whose header repeats on every page, vector charts, headline tiles,
// a contents page with exact page numbers, bookmarks and metadata.
//
// Rendering is two-pass: a layout pass builds a display list per page (and
// so learns every heading's page and the page count), then a paint pass
// replays it into fpdf. The same Document always gives the same bytes.
// The layout pass keeps the page-break rules of breaks.go: no heading at
// the foot of a page, no table fragment of fewer than three rows, no empty
// section, no page more than two-thirds blank when something could have
// been brought up.
//
// Every paper is a tagged PDF (PDF/UA-1 structure): the layout pass records
// the structure tree, the paint pass wraps what it draws in marked content,
// and the tree is added to fpdf's file afterwards (tag.go, structure.go).
package pdf

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/boardpack/boardpack/internal/doc"
	"github.com/boardpack/boardpack/internal/fonts"
	"github.com/boardpack/boardpack/internal/pdf/vector"
)

// Output is a rendered paper.
type Output struct {
	PDF   []byte
	Pages int
	// Links are the rectangles of the table rows that have a
	// doc.Row.Link, one per page fragment of each row, in document order.
	Links []Link
}

// fallbackDate is used when the document has no date, so that output never
// depends on the clock.
var fallbackDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// RenderOptions are choices about where a paper goes, as opposed to what
// it says (the document).
type RenderOptions struct {
	// InPack prepares the paper for a meeting pack that stamps its own
	// continuous page numbers: the footer leaves out "Page x of y" and
	// sits higher, so that the bottom PackBand millimetres of every page
	// hold nothing at all.
	InPack bool
	// FirstPage is the number the pack gives the paper's first page, so
	// that the contents page lists the numbers the pack prints; 0 or 1
	// keeps the paper's own numbering.
	FirstPage int
}

// PackBand is the height in millimetres of the strip at the bottom of every
// page that a paper rendered with InPack leaves empty for the pack's page
// numbers.
const PackBand = 12.5

// settings are the renderer's internal switches, for tests and benchmarks.
type settings struct {
	untagged bool                     // plain fpdf output: no marked content, no structure tree
	tamper   func(*structure)         // damages the tree before it is written (checker tests)
	capture  func([]byte, *structure) // sees fpdf's output and the tree (benchmarks)
	// unpruned lays out headings with nothing under them (layout check
	// tests); ties changes each section's boxes before they are placed.
	unpruned bool
	ties     func([]*box)
}

// Render lays out and renders d as a tagged PDF with its own page numbers.
// It never panics: strings are sanitised first, and any remaining panic is
// returned as an error.
func Render(d doc.Document) (Output, error) {
	return RenderWith(d, RenderOptions{})
}

// RenderWith is Render with options, such as those for a meeting pack.
func RenderWith(d doc.Document, o RenderOptions) (Output, error) {
	return render(d, o, settings{untagged: tagging == "off"})
}

// tagging is "on"; a build for measuring what tagging costs a whole run
// sets it to "off" (plain fpdf output, as before papers were tagged):
//
//	A_LDFLAGS='-X github.com/boardpack/boardpack/internal/pdf.tagging=off' scripts/ab.sh HEAD HEAD
//
// No release is built so, and no test may depend on it.
var tagging = "on"

func render(d doc.Document, o RenderOptions, s settings) (out Output, err error) {
	defer func() {
		if r := recover(); r != nil {
			out = Output{}
			err = fmt.Errorf("pdf: render failed: %v", r)
		}
	}()
	m, err := loadMetrics()
	if err != nil {
		return Output{}, fmt.Errorf("pdf: load fonts: %w", err)
	}
	l := layoutWith(m, &d, s)
	return paint(m, &d, l, o, s)
}

// doLayout lays d out; tagged records the structure tree as it goes.
func doLayout(m *metrics, d *doc.Document, tagged bool) *layout {
	return layoutWith(m, d, settings{untagged: !tagged})
}

func layoutWith(m *metrics, d *doc.Document, s settings) *layout {
	l := &layout{m: m, d: d, rag: make(map[string]doc.RAGLevel, len(d.RAGKey)), accent: colNavy}
	if !s.untagged {
		l.tree = newTree(d)
		if len(d.Draft) > 0 {
			// The first page's DRAFT mark is read first; the others, and
			// the watermarks, are artifacts.
			l.draft = l.el("P", elemDocument)
		}
		// The protective marking at the top of the first page is read
		// next, as the HTML companion's masthead reads it; its repeats
		// in the headers and footers are artifacts.
		if classification(m, d.Header, d.Footer) != "" {
			l.marking = l.el("P", elemDocument)
		}
	}
	if d.Accent != (doc.Colour{}) {
		l.accent = d.Accent
	}
	for _, lv := range d.RAGKey {
		if _, dup := l.rag[lv.Code]; !dup {
			l.rag[lv.Code] = lv
		}
	}
	// Headings with nothing under them are left out, and so are the
	// sections left empty; d is the caller's, so it gets a copy.
	pruned := *d
	if !s.unpruned {
		pruned.Sections = pruneSections(*d)
	}
	d = &pruned
	l.d = d
	// Every heading, in document order, for the contents and bookmarks.
	for _, sec := range d.Sections {
		for _, blk := range sec.Blocks {
			if h, ok := blk.(*doc.Heading); ok && h != nil {
				level := min(max(h.Level, 1), 3)
				text := m.clean(strings.TrimSpace(h.Text), false)
				l.headings = append(l.headings, &headingRef{
					text:  text,
					level: level,
					inTOC: level <= 2 && strings.TrimSpace(text) != "",
				})
			}
		}
	}
	blk := int32(0)
	for si, sec := range d.Sections {
		l.section = si
		l.newPage(sec.Landscape, true)
		if si == 0 && len(sec.Blocks) > 0 {
			if t, ok := sec.Blocks[0].(*doc.Title); ok && t != nil {
				l.cur.titlePage = true
			}
		}
		b := &builder{l: l, m: m, g: l.g}
		for _, x := range sec.Blocks {
			start := len(b.out)
			b.block(x)
			for _, bx := range b.out[start:] {
				bx.blk = blk
			}
			blk++
		}
		if s.ties != nil {
			s.ties(b.out)
		}
		l.place(b.out)
		if si == 0 && d.Contents && l.tocCount() > 0 {
			l.newPage(false, true)
			l.place(l.contentsBoxes())
		}
	}
	if len(l.pages) == 0 {
		l.newPage(false, true)
	}
	return l
}

func (l *layout) takeHeading() *headingRef {
	if l.nextHead >= len(l.headings) {
		return nil
	}
	h := l.headings[l.nextHead]
	l.nextHead++
	return h
}

func (l *layout) tocCount() int {
	n := 0
	for _, h := range l.headings {
		if h.inTOC {
			n++
		}
	}
	return n
}

// contentsBoxes lays out the contents page: level 1 and 2 headings with dot
// leaders and right-aligned page numbers, each a link to its heading.
func (l *layout) contentsBoxes() []*box {
	m := l.m
	W := l.g.textW
	var out []*box
	size, lh, _, after, c := l.headingStyle(1)
	title := "Contents"
	head := l.headingTag(1, elemDocument)
	out = append(out, &box{h: lh + after + 2, keep: true, role: role{kind: roleContents}, draw: func(p *page, x, y float64) {
		p.ops = append(p.ops, op{k: opBookmark, s: title, n: 1, y: y})
		p.tag(head)
		p.text(x, y+baseline(lh, size), title, fonts.Bold, size, c)
	}})
	const numW = 14.0
	first := true
	// TOC > TOCI > Reference > Link, level 2 entries in a TOC inside the
	// level 1 entry before them.
	toc := l.el("TOC", elemDocument)
	toci1, sub := tagNone, tagNone
	for hi, h := range l.headings {
		if !h.inTOC {
			continue
		}
		parent := toc
		if h.level == 2 && toci1 > 0 {
			if sub <= 0 {
				sub = l.el("TOC", toci1)
			}
			parent = sub
		}
		toci := l.el("TOCI", parent)
		if h.level == 1 {
			toci1, sub = toci, tagNone
		}
		link := l.el("Link", l.el("Reference", toci))
		st, sz, indent, bf := fonts.Bold, 10.5, 0.0, 3.0
		const elh = 5.2
		if h.level == 2 {
			st, sz, indent, bf = fonts.Regular, 10.0, 7.0, 0.6
		}
		if first {
			bf = 0
			first = false
		}
		ls := m.wrap([]styledText{{s: h.text, st: st}}, sz, W-indent-numW-4)
		ht := float64(len(ls)) * elh
		hi := hi
		out = append(out, &box{h: ht, before: bf, role: role{kind: roleContents, idx: int32(hi)}, draw: func(p *page, x, y float64) {
			p.tag(link)
			p.lines(ls, x+indent, y+baseline(elh, sz), elh, sz, colText, doc.Left, W)
			last := ls[len(ls)-1]
			p.ops = append(p.ops,
				op{k: opTocNum, tag: link, x: x + W, y: y + float64(len(ls)-1)*elh + baseline(elh, sz), w: x + indent + last.w, n: hi, st: st, size: sz, c: colText},
				op{k: opLink, tag: link, x: x, y: y - 0.5, w: W, h: ht + 1, n: hi},
			)
		}})
	}
	return out
}

// painter replays display lists into fpdf, setting state only on change.
type painter struct {
	f  *fpdf.Fpdf
	m  *metrics
	d  *doc.Document
	l  *layout
	st fonts.Style
	sz float64
	tc doc.Colour
	ok bool // st/sz/tc are known to be current

	links    []int // per heading: fpdf link id, or 0 (untagged papers)
	outlineL int   // level of the previous outline entry, -1 before the first
	lastH    float64
	opts     RenderOptions

	// Tagging (nil tree: untagged).
	tree   *tree
	open   int32     // tag of the open marked-content sequence; tagNone if none
	page   int32     // index of the page being painted
	mcids  [][]int32 // per page, the element of each MCID
	annots []annot   // the contents links
}

func paint(m *metrics, d *doc.Document, l *layout, opts RenderOptions, set settings) (Output, error) {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCompression(true)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(20, 22, 20)
	f.SetCellMargin(0)
	for _, st := range fonts.Styles {
		f.AddUTF8FontFromBytes(fonts.Family, st.FpdfStyle(), fonts.TTF(st))
	}
	if err := f.Error(); err != nil {
		return Output{}, fmt.Errorf("pdf: register fonts: %w", err)
	}
	meta := d.Meta
	one := func(s string) string { return m.clean(strings.TrimSpace(s), false) }
	title := one(meta.Title)
	if title == "" {
		// fall back to the title block, so the viewer shows a real name
	find:
		for _, sec := range d.Sections {
			for _, blk := range sec.Blocks {
				if t, ok := blk.(*doc.Title); ok && t != nil {
					title = one(t.Title)
					break find
				}
			}
		}
	}
	f.SetTitle(title, true)
	f.SetSubject(one(meta.Subject), true)
	f.SetAuthor(one(meta.Author), true)
	f.SetKeywords(one(meta.Keywords), true)
	creator := one(meta.Creator)
	if creator == "" {
		creator = "boardpack"
	}
	f.SetCreator(creator, true)
	f.SetLang(langTag(meta.Language))
	date := meta.Date
	if date.IsZero() || date.Year() < 1 || date.Year() > 9999 {
		date = fallbackDate
	}
	date = date.UTC()
	f.SetCreationDate(date)
	f.SetModificationDate(date)
	f.SetCatalogSort(true)
	f.SetDisplayMode("default", "OneColumn")

	p := &painter{f: f, m: m, d: d, l: l, outlineL: -1, opts: opts, tree: l.tree}
	last := l.pages[len(l.pages)-1]
	p.lastH = pageGeom(last.landscape).h
	if p.tree != nil {
		f.SetXmpMetadata(xmpMetadata(title, one(meta.Author), one(meta.Subject), one(meta.Keywords), creator, date))
		p.mcids = make([][]int32, len(l.pages))
	} else {
		// Internal links for the contents entries; targets are known
		// already. A tagged paper writes its own link annotations.
		p.links = make([]int, len(l.headings))
		for i, h := range l.headings {
			if h.inTOC && h.page > 0 {
				id := f.AddLink()
				f.SetLink(id, h.y, h.page)
				p.links[i] = id
			}
		}
	}
	total := len(l.pages)
	for i, pg := range l.pages {
		g := pageGeom(pg.landscape)
		orient := "P"
		if pg.landscape {
			orient = "L"
		}
		f.AddPageFormat(orient, fpdf.SizeType{Wd: 210, Ht: 297})
		p.ok = false
		p.page = int32(i)
		if len(p.d.Draft) > 0 {
			p.watermark(g)
		}
		p.header(pg, g)
		for k := range pg.ops {
			p.do(&pg.ops[k], g)
		}
		p.footer(g, i+1, total)
		p.endMark()
		if err := f.Error(); err != nil {
			return Output{}, fmt.Errorf("pdf: page %d: %w", i+1, err)
		}
	}
	var buf bytes.Buffer
	buf.Grow(256 << 10)
	if err := f.Output(&buf); err != nil {
		return Output{}, fmt.Errorf("pdf: write: %w", err)
	}
	out := Output{PDF: buf.Bytes(), Pages: f.PageCount(), Links: l.links()}
	if p.tree == nil {
		return out, nil
	}
	st := p.structure()
	if set.tamper != nil {
		set.tamper(st)
	}
	if set.capture != nil {
		set.capture(out.PDF, st)
	}
	tagged, err := writeStructure(out.PDF, st)
	if err != nil {
		return Output{}, fmt.Errorf("pdf: write the structure tree: %w", err)
	}
	out.PDF = tagged
	return out, nil
}

// langTag returns a safe BCP 47 tag (fpdf writes /Lang unescaped).
func langTag(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 35 {
		return "en-GB"
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return "en-GB"
		}
	}
	return s
}

func (p *painter) font(st fonts.Style, size float64) {
	if p.ok && p.st == st && p.sz == size {
		return
	}
	p.f.SetFont(fonts.Family, st.FpdfStyle(), size)
	p.st, p.sz = st, size
}

func (p *painter) textColour(c doc.Colour) {
	if p.ok && p.tc == c {
		return
	}
	p.f.SetTextColor(int(c.R), int(c.G), int(c.B))
	p.tc = c
}

func (p *painter) text(x, y float64, s string, st fonts.Style, size float64, c doc.Colour) {
	if s == "" {
		return
	}
	p.font(st, size)
	p.textColour(c)
	p.ok = true
	p.f.Text(x, y, s)
}

func (p *painter) do(o *op, g geom) {
	f := p.f
	switch o.k {
	case opText:
		p.mark(o.tag)
		p.text(o.x, o.y, o.s, o.st, o.size, o.c)
	case opFill:
		p.mark(o.tag)
		f.SetFillColor(int(o.c.R), int(o.c.G), int(o.c.B))
		f.Rect(o.x, o.y, o.w, o.h, "F")
	case opStroke:
		p.mark(o.tag)
		f.SetDrawColor(int(o.c.R), int(o.c.G), int(o.c.B))
		f.SetLineWidth(o.lw)
		f.Rect(o.x, o.y, o.w, o.h, "D")
	case opLine:
		p.mark(o.tag)
		f.SetDrawColor(int(o.c.R), int(o.c.G), int(o.c.B))
		f.SetLineWidth(o.lw)
		f.Line(o.x, o.y, o.w, o.h)
	case opBookmark:
		// Bookmarks are UTF-16 only while a UTF-8 font is current.
		p.font(fonts.Regular, bodySize)
		lvl := o.n - 1
		if lvl > p.outlineL+1 {
			lvl = p.outlineL + 1
		}
		lvl = max(lvl, 0)
		p.outlineL = lvl
		// fpdf computes outline destinations with the last page's height;
		// shift y so that the destination is right on this page.
		y := o.y + (p.lastH - g.h)
		txt := o.s
		if txt == "" {
			txt = "(untitled)"
		}
		f.Bookmark(txt, lvl, y)
	case opLink:
		if p.tree != nil {
			p.link(o, g)
		} else if o.n >= 0 && o.n < len(p.links) && p.links[o.n] != 0 {
			f.Link(o.x, o.y, o.w, o.h, p.links[o.n])
		}
	case opTocNum:
		num := strconv.Itoa(p.pageNumber(o.n))
		nw := p.m.textWidth(num, o.st, o.size)
		p.mark(o.tag)
		p.text(o.x-nw, o.y, num, o.st, o.size, o.c)
		p.mark(tagArtifact)
		p.leaders(o.w+1.5, o.x-nw-1.5, o.y, o.size, g)
	case opChart:
		p.mark(o.tag)
		p.figureBox(o, g)
		p.chart(o)
	case opImage:
		p.mark(o.tag)
		p.image(o)
	}
}

// pageNumber is the number printed for heading i on the contents page: its
// page, counted from RenderOptions.FirstPage in a pack.
func (p *painter) pageNumber(i int) int {
	n := 0
	if i >= 0 && i < len(p.l.headings) {
		n = p.l.headings[i].page
	}
	if p.opts.FirstPage > 1 && n > 0 {
		n += p.opts.FirstPage - 1
	}
	return n
}

// image draws image n. fpdf detects the format from the bytes; a picture it
// cannot read is left out rather than failing the paper (the config loader
// has already checked it).
func (p *painter) image(o *op) {
	if o.n < 0 || o.n >= len(p.l.images) {
		return
	}
	img := p.l.images[o.n]
	name := fmt.Sprintf("image-%d", o.n)
	typ := "PNG"
	if bytes.HasPrefix(img.Data, []byte{0xFF, 0xD8}) {
		typ = "JPG"
	}
	opt := fpdf.ImageOptions{ImageType: typ}
	if p.f.GetImageInfo(name) == nil {
		p.f.RegisterImageOptionsReader(name, opt, bytes.NewReader(img.Data))
	}
	if p.f.Ok() {
		p.f.ImageOptions(name, o.x, o.y, o.w, o.h, false, opt, 0, "")
	}
}

// leaders draws dot leaders between x0 and x1 on baseline y, on a fixed
// grid so that the dots of successive entries line up.
func (p *painter) leaders(x0, x1, y, size float64, g geom) {
	dw := p.m.runeWidth('.', fonts.Regular, size)
	pitch := dw + p.m.runeWidth(' ', fonts.Regular, size)
	if pitch <= 0 {
		return
	}
	start := g.left + math.Ceil((x0-g.left)/pitch)*pitch
	n := int((x1 - start + pitch - dw) / pitch)
	if n < 2 {
		return
	}
	s := strings.Repeat(". ", n)
	p.text(start, y, s[:len(s)-1], fonts.Regular, size, colMidGrey)
}

func (p *painter) chart(o *op) {
	f := p.f
	var c doc.Chart
	if o.n >= 0 && o.n < len(p.l.charts) {
		c = p.l.charts[o.n]
	}
	// The chart is drawn inside its own graphics state (q ... Q), so that
	// clipping, colours, dashes and transparency cannot leak out of it.
	f.TransformBegin()
	err := func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("chart renderer failed: %v", r)
			}
		}()
		return vector.DrawChart(f, c, o.x, o.y, o.w, o.h)
	}()
	if ferr := f.Error(); ferr != nil {
		f.ClearError()
		if err == nil {
			err = ferr
		}
	}
	// Close whatever the chart left open (clips, transforms), then our own
	// q: each call emits one Q until fpdf reports that nothing is open.
	for range 64 {
		f.ClipEnd()
		if f.Err() {
			f.ClearError()
			break
		}
	}
	for range 64 {
		f.TransformEnd()
		if f.Err() {
			f.ClearError()
			break
		}
	}
	// Put fpdf's remembered state back to ours: the PDF graphics state was
	// restored by Q, but fpdf would re-emit a dash pattern or cap style on
	// later pages.
	f.SetDashPattern([]float64{}, 0)
	f.SetLineCapStyle("butt")
	f.SetLineJoinStyle("miter")
	f.SetLineWidth(0.2)
	f.SetDrawColor(0, 0, 0)
	f.SetFillColor(255, 255, 255)
	p.ok = false
	if err != nil {
		p.chartUnavailable(o, err)
	}
}

func (p *painter) chartUnavailable(o *op, cause error) {
	f := p.f
	f.SetFillColor(0xF4, 0xF5, 0xF7)
	f.Rect(o.x, o.y, o.w, o.h, "F")
	f.SetDrawColor(int(colGrid.R), int(colGrid.G), int(colGrid.B))
	f.SetLineWidth(0.25)
	f.Rect(o.x, o.y, o.w, o.h, "D")
	reason := "unknown error"
	if cause != nil {
		reason = cause.Error()
	}
	msg := p.m.clean("Chart unavailable: "+reason, false)
	const size, lh = 9, 4.4
	ls := p.m.wrap([]styledText{{s: msg, st: fonts.Italic}}, size, o.w-16)
	maxL := max(int((o.h-6)/lh), 1)
	if len(ls) > maxL {
		ls = ls[:maxL]
	}
	y0 := o.y + (o.h-float64(len(ls))*lh)/2 + baseline(lh, size)
	for i, ln := range ls {
		x := o.x + (o.w-ln.w)/2
		for _, fr := range ln.frags {
			p.text(x+fr.x, y0+float64(i)*lh, fr.s, fr.st, size, colGrey)
		}
	}
}

func (p *painter) furniture(fu doc.Furniture, other doc.Furniture) (left, right, cls string) {
	m := p.m
	left = m.clean(strings.TrimSpace(fu.Left), false)
	right = m.clean(strings.TrimSpace(fu.Right), false)
	cls = classification(m, fu, other)
	return
}

// classification is the protective marking fu shows, or other's when fu
// has none.
func classification(m *metrics, fu, other doc.Furniture) string {
	if cls := m.clean(strings.TrimSpace(fu.Classification), false); cls != "" {
		return cls
	}
	return m.clean(strings.TrimSpace(other.Classification), false)
}

const furnSize = 8

// threeZones draws left, centred bold classification and right texts on one
// baseline, shortening left and right so they never collide. clsTag, unless
// tagNone, is the element the classification belongs to; the rest stays in
// the sequence already open.
func (p *painter) threeZones(g geom, y float64, left, cls, right string, rightFixed string, clsTag int32) {
	m := p.m
	W := g.textW
	cw := 0.0
	if cls != "" {
		cls = m.fit(cls, fonts.Bold, furnSize, W/3)
		cw = m.textWidth(cls, fonts.Bold, furnSize)
		outer := p.open
		if clsTag != tagNone {
			p.mark(clsTag)
		}
		p.text(g.left+(W-cw)/2, y, cls, fonts.Bold, furnSize, colText)
		if clsTag != tagNone {
			p.mark(outer)
		}
	}
	zone := (W-cw)/2 - 4
	if left != "" {
		left = m.fit(left, fonts.Regular, furnSize, zone)
		p.text(g.left, y, left, fonts.Regular, furnSize, colGrey)
	}
	x := g.left + W
	if rightFixed != "" {
		fw := m.textWidth(rightFixed, fonts.Regular, furnSize)
		x -= fw
		p.text(x, y, rightFixed, fonts.Regular, furnSize, colText)
		zone -= fw + 4
		x -= 4
	}
	if right != "" && zone > 5 {
		right = m.fit(right, fonts.Regular, furnSize, zone)
		rw := m.textWidth(right, fonts.Regular, furnSize)
		p.text(x-rw, y, right, fonts.Regular, furnSize, colGrey)
	}
}

func (p *painter) header(pg *page, g geom) {
	if len(p.d.Draft) > 0 {
		p.draftMark(g)
	}
	left, right, cls := p.furniture(p.d.Header, p.d.Footer)
	if pg.titlePage {
		// The title block carries the meeting details; only the
		// protective marking is repeated at the top of the first page.
		left, right = "", ""
	}
	if left == "" && right == "" && cls == "" {
		return
	}
	p.mark(tagHeader)
	clsTag := tagNone
	if p.page == 0 && p.l.marking > 0 {
		clsTag = p.l.marking
	}
	p.threeZones(g, g.headerBase, left, cls, right, "", clsTag)
	if !pg.titlePage {
		p.f.SetDrawColor(int(p.l.accent.R), int(p.l.accent.G), int(p.l.accent.B))
		p.f.SetLineWidth(0.3)
		p.f.Line(g.left, g.headerRuleY, g.left+g.textW, g.headerRuleY)
	}
}

// footer draws the footer rule, texts and "Page x of y". In a pack the
// page number is left to the pack, and the footer moves up clear of the
// bottom PackBand millimetres.
func (p *painter) footer(g geom, n, total int) {
	left, right, cls := p.furniture(p.d.Footer, p.d.Header)
	p.mark(tagFooter)
	ruleY, base := g.footerRuleY, g.footerBase
	pageText := "Page " + strconv.Itoa(n) + " of " + strconv.Itoa(total)
	if p.opts.InPack {
		ruleY, base = g.h-18, g.h-13.5
		pageText = ""
	}
	p.f.SetDrawColor(int(colGrid.R), int(colGrid.G), int(colGrid.B))
	p.f.SetLineWidth(0.2)
	p.f.Line(g.left, ruleY, g.left+g.textW, ruleY)
	p.threeZones(g, base, left, cls, right, pageText, tagNone)
}
