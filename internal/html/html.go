// Package html writes the HTML companion of a paper: one self-contained page
// (inline CSS, charts as inline SVG, the logo as a data: URI, no scripts, no
// external requests) built from the same document model as the PDF, for
// publishing on a council's website to WCAG 2.1 AA. Headings, paragraphs,
// lists and tables are real HTML; RAG ratings are words with colour, never
// colour alone; every chart is an image with a text alternative built from
// its own figures, followed by those figures as a table.
package html

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	_ "image/jpeg" // logos
	_ "image/png"
	"strconv"
	"strings"

	"github.com/boardpack/boardpack/internal/doc"
)

// Render writes d as one HTML page. The same document gives the same bytes.
// It fails only when a chart cannot be drawn (an embedded font that does
// not parse) or on a bug, which is returned as an error rather than a panic.
func Render(d doc.Document) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("html: render failed: %v", r)
		}
	}()
	w := newWriter(d)
	if err := w.page(); err != nil {
		return nil, err
	}
	return w.b.Bytes(), nil
}

// Default house colours, as the PDF's.
var (
	defaultAccent = doc.Colour{R: 0x1F, G: 0x38, B: 0x64}
	unknownRAG    = doc.Colour{R: 0xD9, G: 0xD9, B: 0xD9}
)

type writer struct {
	d         doc.Document
	b         bytes.Buffer
	accent    doc.Colour
	rag       []ragStyle // the RAG key's levels, class rag-<index>
	ids       map[string]int
	heads     []headRef // every heading, in order, with its id
	next      int       // next heading of heads to write
	level     int       // the HTML level of the last heading written (1 for h1)
	last      string    // text of the last heading written, to name tables without a caption
	tables    int       // tables written so far under the last heading
	tableNo   int       // tables written, for their ids
	chartNo   int       // charts written, for their ids
	landscape bool      // the current section is landscape in the PDF
	h1        bool      // the page's h1 is written
}

type ragStyle struct {
	level      doc.RAGLevel
	fill, text doc.Colour
}

type headRef struct {
	text  string
	level int // the document's level, 1 to 3
	id    string
}

func newWriter(d doc.Document) *writer {
	w := &writer{d: d, accent: defaultAccent, ids: map[string]int{}, level: 1}
	if d.Accent != (doc.Colour{}) && contrast(d.Accent, white) >= 4.5 {
		w.accent = d.Accent
	}
	for _, lv := range d.RAGKey {
		w.rag = append(w.rag, ragStyle{level: lv, fill: lv.Colour, text: readableOn(lv.Colour, lv.Text)})
	}
	// Reserve the ids the page itself uses.
	for _, id := range []string{"main", "contents"} {
		w.ids[id] = 1
	}
	for _, sec := range d.Sections {
		for _, blk := range sec.Blocks {
			if h, ok := blk.(*doc.Heading); ok && h != nil {
				text := clean(h.Text)
				ref := headRef{text: text, level: min(max(h.Level, 1), 3)}
				if text != "" {
					ref.id = w.uniqueID(slug(text))
				}
				w.heads = append(w.heads, ref)
			}
		}
	}
	return w
}

// uniqueID returns base, or base-2, base-3... when base is taken.
func (w *writer) uniqueID(base string) string {
	if base == "" {
		base = "section"
	}
	id := base
	for n := 2; w.ids[id] > 0; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	w.ids[id] = 1
	return id
}

func (w *writer) s(parts ...string) {
	for _, p := range parts {
		w.b.WriteString(p)
	}
}

func (w *writer) page() error {
	d := w.d
	lang := strings.TrimSpace(d.Meta.Language)
	if lang == "" || !validLang(lang) {
		lang = "en-GB"
	}
	w.s("<!DOCTYPE html>\n<html lang=\"", esc(lang), "\">\n<head>\n<meta charset=\"utf-8\" />\n",
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n",
		"<title>", esc(w.pageTitle()), "</title>\n")
	meta := func(name, v string) {
		if v = clean(v); v != "" {
			w.s("<meta name=\"", name, "\" content=\"", esc(v), "\" />\n")
		}
	}
	meta("description", d.Meta.Subject)
	meta("author", d.Meta.Author)
	meta("keywords", d.Meta.Keywords)
	meta("generator", d.Meta.Creator)
	if !d.Meta.Date.IsZero() {
		meta("date", d.Meta.Date.Format("2006-01-02"))
	}
	w.s("<style>\n", stylesheet(w.accent, w.rag), "</style>\n</head>\n<body>\n")
	w.s("<a class=\"skip\" href=\"#main\">Skip to main content</a>\n")
	w.masthead()
	w.s("<main id=\"main\" tabindex=\"-1\">\n")
	w.draftNote()
	w.s("<div class=\"wrap\">\n")
	for si, sec := range d.Sections {
		cls := "part"
		if sec.Landscape {
			cls += " landscape"
		}
		w.landscape = sec.Landscape
		w.s("<div class=\"", cls, "\">\n")
		if si == 0 && !w.h1 && !startsWithTitle(sec) {
			w.plainH1()
		}
		for _, blk := range sec.Blocks {
			if err := w.block(blk); err != nil {
				return err
			}
		}
		w.s("</div>\n")
		if si == 0 && d.Contents {
			w.contents()
		}
	}
	if len(d.Sections) == 0 {
		w.plainH1()
	}
	w.s("</div>\n</main>\n")
	w.footer()
	w.s("</body>\n</html>\n")
	return nil
}

func startsWithTitle(sec doc.Section) bool {
	if len(sec.Blocks) == 0 {
		return false
	}
	t, ok := sec.Blocks[0].(*doc.Title)
	return ok && t != nil
}

// pageTitle is the window title: the paper, its month and the council.
func (w *writer) pageTitle() string {
	d := w.d
	t := clean(d.Meta.Title)
	if t == "" {
		t = w.firstTitle()
	}
	if t == "" {
		t = "Report"
	}
	if !d.Meta.Date.IsZero() {
		t += ", " + d.Meta.Date.Format("January 2006")
	}
	org := clean(d.Meta.Author)
	if org == "" {
		org = clean(d.Header.Left)
	}
	if org != "" && !strings.Contains(t, org) {
		t += " – " + org
	}
	return t
}

func (w *writer) firstTitle() string {
	for _, sec := range w.d.Sections {
		for _, blk := range sec.Blocks {
			if t, ok := blk.(*doc.Title); ok && t != nil {
				return clean(t.Title)
			}
		}
	}
	return ""
}

func (w *writer) plainH1() {
	t := clean(w.d.Meta.Title)
	if t == "" {
		t = "Report"
	}
	w.s("<h1>", esc(t), "</h1>\n")
	w.h1 = true
}

// classification is the protective marking: the header's, else the
// footer's.
func (w *writer) classification() string {
	if c := clean(w.d.Header.Classification); c != "" {
		return c
	}
	return clean(w.d.Footer.Classification)
}

func restricted(cls string) bool {
	return strings.Contains(strings.ToUpper(cls), "NOT FOR PUBLICATION")
}

// orgName is the organisation named in the masthead.
func (w *writer) orgName() string {
	if org := clean(w.d.Header.Left); org != "" {
		return org
	}
	return clean(w.d.Meta.Author)
}

func (w *writer) masthead() {
	h := w.d.Header
	org := w.orgName()
	w.s("<header class=\"masthead\">\n<div class=\"wrap\">\n")
	if org != "" {
		w.s("<p class=\"masthead-org\">", esc(org), "</p>\n")
	}
	if paper := clean(h.Right); paper != "" {
		w.s("<p class=\"masthead-paper\">", esc(paper), "</p>\n")
	}
	if cls := w.classification(); cls != "" {
		c := "marking"
		if restricted(cls) {
			c += " restricted"
		}
		w.s("<p class=\"", c, "\"><span class=\"visually-hidden\">Classification: </span>", esc(cls), "</p>\n")
	}
	w.s("</div>\n</header>\n")
}

// draftNote says, first in the main landmark (where the skip link and
// landmark navigation land), that the paper is a draft and what is missing.
func (w *writer) draftNote() {
	if len(w.d.Draft) == 0 {
		return
	}
	var parts []string
	for _, p := range w.d.Draft {
		parts = append(parts, clean(p))
	}
	w.s("<div class=\"draft\" role=\"note\"><div class=\"wrap\"><p><strong>DRAFT.</strong> The officers' narrative for this paper is still to be added: ",
		esc(strings.Join(parts, "; ")), ".</p></div></div>\n")
}

func (w *writer) footer() {
	f := w.d.Footer
	w.s("<footer class=\"page-footer\">\n<div class=\"wrap\">\n")
	for _, t := range []string{clean(f.Left), clean(f.Right)} {
		if t != "" {
			w.s("<p>", esc(t), "</p>\n")
		}
	}
	if cls := w.classification(); cls != "" {
		w.s("<p class=\"marking-footer\"><span class=\"visually-hidden\">Classification: </span>", esc(cls), "</p>\n")
	}
	w.s("</div>\n</footer>\n")
}

// contents is the list of level 1 and 2 headings, each a link to its
// heading, as the PDF's contents page.
func (w *writer) contents() {
	var items []headRef
	for _, h := range w.heads {
		if h.level <= 2 && h.id != "" {
			items = append(items, h)
		}
	}
	if len(items) == 0 {
		return
	}
	w.s("<nav class=\"contents\" aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents</h2>\n<ul>\n")
	li, sub := false, false // a top-level item, its list of subheadings, are open
	for _, h := range items {
		link := "<a href=\"#" + h.id + "\">" + esc(h.text) + "</a>"
		if h.level == 2 && li {
			if !sub {
				w.s("\n<ul>\n")
				sub = true
			}
			w.s("<li>", link, "</li>\n")
			continue
		}
		if sub {
			w.s("</ul>\n")
			sub = false
		}
		if li {
			w.s("</li>\n")
		}
		w.s("<li>", link)
		li = true
	}
	if sub {
		w.s("</ul>\n")
	}
	w.s("</li>\n</ul>\n</nav>\n")
	w.level = 2
}

func (w *writer) block(blk doc.Block) error {
	switch b := blk.(type) {
	case *doc.Title:
		if b != nil {
			w.title(b)
		}
	case *doc.Heading:
		if b != nil {
			w.heading(b)
		}
	case *doc.Paragraph:
		if b != nil {
			w.paragraph(b)
		}
	case *doc.List:
		if b != nil {
			w.list(b)
		}
	case *doc.Fields:
		if b != nil {
			w.fields(b.Items)
		}
	case *doc.Table:
		if b != nil {
			w.table(b)
		}
	case *doc.Chart:
		if b != nil {
			return w.chart(b)
		}
	case *doc.ChartGrid:
		if b != nil {
			return w.chartGrid(b)
		}
	case *doc.Tiles:
		if b != nil {
			w.tiles(b)
		}
	case *doc.RAGKeyBlock:
		w.ragKey()
	case *doc.PageBreak:
		w.s("<div class=\"page-break\"></div>\n")
	}
	return nil
}

func (w *writer) title(t *doc.Title) {
	w.s("<div class=\"title-block\">\n")
	if t.Logo != nil {
		w.logo(t.Logo)
	}
	// The council's name is in the masthead above; the title block names
	// it again only when it is another organisation.
	if org := clean(t.Organisation); org != "" && !strings.EqualFold(org, w.orgName()) {
		w.s("<p class=\"title-org\">", esc(org), "</p>\n")
	}
	title := clean(t.Title)
	if title == "" {
		title = clean(w.d.Meta.Title)
	}
	if !w.h1 && title != "" {
		w.s("<h1>", esc(title), "</h1>\n")
		w.h1 = true
	} else if title != "" {
		w.s("<p class=\"title-again\">", esc(title), "</p>\n")
	}
	if sub := clean(t.Subtitle); sub != "" {
		w.s("<p class=\"subtitle\">", esc(sub), "</p>\n")
	}
	if len(t.Fields) > 0 {
		w.fields(t.Fields)
	}
	w.s("</div>\n")
}

// logo writes the council's logo as a data: URI, at most 36 by 16 mm as in
// the PDF. Its alternative text is empty: the council's name is printed
// beside it, and would otherwise be read twice.
func (w *writer) logo(img *doc.Image) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(img.Data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return
	}
	mime := map[string]string{"png": "image/png", "jpeg": "image/jpeg"}[format]
	if mime == "" {
		return
	}
	const pxPerMM = 96 / 25.4
	lw, lh := 36.0, 36.0*float64(cfg.Height)/float64(cfg.Width)
	if lh > 16 {
		lw, lh = 16*float64(cfg.Width)/float64(cfg.Height), 16
	}
	w.s("<img class=\"logo\" alt=\"\" width=\"", strconv.Itoa(int(lw*pxPerMM+0.5)), "\" height=\"",
		strconv.Itoa(int(lh*pxPerMM+0.5)), "\" src=\"data:", mime, ";base64,",
		base64.StdEncoding.EncodeToString(img.Data), "\" />\n")
}

func (w *writer) fields(items []doc.Field) {
	if len(items) == 0 {
		return
	}
	w.s("<dl class=\"fields\">\n")
	for _, f := range items {
		w.s("<div><dt>", esc(clean(f.Label)), "</dt><dd>", esc(clean(f.Value)), "</dd></div>\n")
	}
	w.s("</dl>\n")
}

func (w *writer) heading(h *doc.Heading) {
	var ref headRef
	if w.next < len(w.heads) {
		ref = w.heads[w.next]
		w.next++
	}
	if ref.text == "" {
		return // an empty heading is no heading
	}
	// Document levels 1 to 3 are h2 to h4 under the paper's h1, never
	// deeper than one below the heading before.
	lv := min(ref.level+1, w.level+1)
	w.level = lv
	w.last, w.tables = ref.text, 0
	n := strconv.Itoa(lv)
	w.s("<h", n, " id=\"", ref.id, "\">", esc(ref.text), "</h", n, ">\n")
}

func (w *writer) spans(ss []doc.Span) string {
	var b strings.Builder
	for _, s := range ss {
		t := esc(cleanKeepSpace(s.Text))
		if t == "" {
			continue
		}
		switch {
		case s.Bold && s.Italic:
			t = "<strong><em>" + t + "</em></strong>"
		case s.Bold:
			t = "<strong>" + t + "</strong>"
		case s.Italic:
			t = "<em>" + t + "</em>"
		}
		if u := safeHref(s.Link); u != "" {
			t = `<a href="` + esc(u) + `">` + t + "</a>"
		}
		b.WriteString(t)
	}
	return strings.TrimSpace(b.String())
}

func (w *writer) paragraph(p *doc.Paragraph) {
	text := w.spans(p.Spans)
	if text == "" {
		return
	}
	var cls []string
	switch p.Style {
	case doc.Note:
		cls = append(cls, "note")
	case doc.Lead:
		cls = append(cls, "lead")
	}
	num := ""
	if p.Number != 0 {
		cls = append(cls, "numbered")
		num = w.number(p.Number)
	}
	w.s("<p")
	if p.Number != 0 {
		if id := "para-" + strconv.Itoa(p.Number); w.ids[id] == 0 && p.Number > 0 {
			w.ids[id] = 1
			w.s(" id=\"", id, "\"")
		}
	}
	if len(cls) > 0 {
		w.s(" class=\"", strings.Join(cls, " "), "\"")
	}
	w.s(">", num, text, "</p>\n")
}

// number is a paragraph number as council papers print it: "5." in the
// margin.
func (w *writer) number(n int) string {
	return "<span class=\"num\">" + strconv.Itoa(n) + ".</span> "
}

func (w *writer) list(l *doc.List) {
	if len(l.Items) == 0 {
		return
	}
	tag := "ul"
	if l.Lettered {
		tag = "ol"
	}
	if l.Number != 0 {
		w.s("<div class=\"numbered\">", w.number(l.Number), "\n")
	}
	w.s("<", tag, ">\n")
	for _, it := range l.Items {
		w.s("<li>", w.spans(it), "</li>\n")
	}
	w.s("</", tag, ">\n")
	if l.Number != 0 {
		w.s("</div>\n")
	}
}

// ragIndex finds the RAG key level of a code: exact, then ignoring case
// and spaces, as the PDF does. -1 means not in the key.
func (w *writer) ragIndex(code string) int {
	if code == "" {
		return -1
	}
	for i, r := range w.rag {
		if r.level.Code == code {
			return i
		}
	}
	for i, r := range w.rag {
		if strings.EqualFold(strings.TrimSpace(r.level.Code), strings.TrimSpace(code)) {
			return i
		}
	}
	return -1
}

// ragClass is the CSS class of a RAG code's colours.
func (w *writer) ragClass(code string) string {
	if i := w.ragIndex(code); i >= 0 {
		return "rag-" + strconv.Itoa(i)
	}
	return "rag-unknown"
}

// ragWord is what is written for a RAG value: the cell's own text, else the
// level's label, else the code.
func (w *writer) ragWord(text, code string) string {
	if t := clean(text); t != "" {
		return t
	}
	if i := w.ragIndex(code); i >= 0 {
		if l := clean(w.rag[i].level.Label); l != "" {
			return l
		}
	}
	return clean(code)
}

func (w *writer) tiles(t *doc.Tiles) {
	if len(t.Items) == 0 {
		return
	}
	w.s("<ul class=\"tiles\">\n")
	for _, it := range t.Items {
		code := strings.TrimSpace(it.RAG)
		cls := "tile"
		if code != "" {
			cls += " edge-" + w.ragClass(code)
		}
		w.s("<li class=\"", cls, "\">\n<p class=\"tile-label\">", esc(clean(it.Label)))
		if code != "" {
			w.s(" <span class=\"badge ", w.ragClass(code), "\"><span class=\"visually-hidden\">, RAG rating: </span>",
				esc(w.ragWord("", code)), "</span>")
		}
		w.s("</p>\n")
		if v := clean(it.Value); v != "" {
			w.s("<p class=\"tile-value\">", esc(v), "</p>\n")
		}
		if c := clean(it.Change); c != "" {
			w.s("<p class=\"tile-change\">", esc(c), "</p>\n")
		}
		w.s("</li>\n")
	}
	w.s("</ul>\n")
}

// ragKey writes the document's RAG key as a table: code, rating, meaning.
func (w *writer) ragKey() {
	if len(w.rag) == 0 {
		return
	}
	t := &doc.Table{Caption: "RAG key", Columns: []doc.Column{{Header: "Code"}, {Header: "Rating"}, {Header: "Meaning"}}}
	for _, r := range w.rag {
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{{Text: r.level.Code, RAG: r.level.Code}, {Text: r.level.Label}, {Text: r.level.Meaning}}})
	}
	o := tableOptions{class: "rag-key", caption: "RAG key", rowHeaders: true}
	for i := range w.rag {
		o.rag = append(o.rag, "rag-"+strconv.Itoa(i))
	}
	w.writeTable(t, o)
}

// safeHref is a link's address when it is a web or mail address, else "":
// a page never carries a script or file link.
func safeHref(u string) string {
	l := strings.ToLower(strings.TrimSpace(u))
	for _, p := range []string{"https://", "http://", "mailto:"} {
		if strings.HasPrefix(l, p) && !strings.ContainsAny(u, "\"<>") {
			return strings.TrimSpace(u)
		}
	}
	return ""
}
