package pdf

import (
	"bytes"
	"fmt"
	"math"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/boardpack/boardpack/internal/doc"
)

// fillerLines is a paragraph of n lines (each line forced by a newline):
// 5 mm a line, plus 2.6 mm above it unless it starts a page.
func fillerLines(n int) *doc.Paragraph {
	var sb strings.Builder
	for i := range n {
		if i > 0 {
			sb.WriteByte('\n')
		}
		fmt.Fprintf(&sb, "Filler line %d of %d.", i+1, n)
	}
	return &doc.Paragraph{Spans: doc.Text(sb.String())}
}

// simpleTable is a table of n rows, each lines lines tall, with a group
// row before every group rows when group > 0.
func simpleTable(n, lines, group int, caption string) *doc.Table {
	t := &doc.Table{Caption: caption, Zebra: true, Columns: []doc.Column{{Header: "Ref", Width: 18}, {Header: "Detail", Weight: 1}}}
	for i := range n {
		if group > 0 && i%group == 0 {
			t.Rows = append(t.Rows, doc.Row{Group: fmt.Sprintf("Group %d", i/group+1)})
		}
		text := fmt.Sprintf("Row %d", i+1)
		for l := 1; l < lines; l++ {
			text += fmt.Sprintf("\nline %d", l+1)
		}
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{{Text: fmt.Sprintf("R-%02d", i+1)}, {Text: text}}})
	}
	return t
}

func listOf(n, lines int) *doc.List {
	l := &doc.List{}
	for i := range n {
		s := fmt.Sprintf("Item %d", i+1)
		for k := 1; k < lines; k++ {
			s += fmt.Sprintf("\nline %d", k+1)
		}
		l.Items = append(l.Items, doc.Text(s))
	}
	return l
}

func oneSection(blocks ...doc.Block) doc.Document {
	return doc.Document{RAGKey: testRAG, Sections: []doc.Section{{Blocks: blocks}}}
}

// fullPage is a chart and a table that fill the body of a portrait page
// exactly when they start it: a header and 30 rows of one line (6.35 mm
// each), 4.5 mm above the table, and a chart with neither title nor source
// as tall as the rest.
func fullPage() []doc.Block {
	row := tableLH + 2*cellPadY
	h := pageGeom(false).bodyH - 4.5 - 31*row
	return []doc.Block{&doc.Chart{Kind: doc.Bar, Height: h, Categories: []string{"A"}, Series: []doc.Series{{Name: "A", Values: []float64{1}}}},
		simpleTable(30, 1, 0, "")}
}

// edgeDocuments are documents at the edges of the page-break rules.
func edgeDocuments() []namedDoc {
	h := func(level int, s string) *doc.Heading { return &doc.Heading{Level: level, Text: s} }
	long := fillerLines(44) // most of a page
	return []namedDoc{
		{"one-row tables", oneSection(h(1, "One row"), simpleTable(1, 1, 0, "One row"), h(1, "Another"), long, simpleTable(1, 3, 0, ""), simpleTable(1, 1, 1, "With a group"))},
		{"heading before a page break", oneSection(h(1, "First"), fillerLines(3), h(1, "Second"), &doc.PageBreak{}, fillerLines(4), h(2, "Third"), h(3, "Fourth"), &doc.PageBreak{}, fillerLines(2))},
		{"table exactly filling a page", oneSection(append(fullPage(), fillerLines(3), h(1, "After"), &doc.PageBreak{}, fullPage()[0], fullPage()[1], h(1, "Then"), fillerLines(2))...)},
		{"long list", oneSection(h(1, "A long list"), listOf(80, 1), h(1, "Long items"), fillerLines(30), listOf(12, 4), h(1, "Short list at the foot"), fillerLines(36), listOf(5, 2))},
		{"short table at the foot", oneSection(h(1, "Short"), fillerLines(40), simpleTable(3, 2, 0, "Risks"), h(1, "Six rows"), fillerLines(25), simpleTable(6, 3, 0, ""), fillerLines(2))},
		{"short tall table on a mostly blank page", oneSection(h(1, "Tall rows"), fillerLines(10), simpleTable(6, 8, 0, "Tall"), fillerLines(2))},
		{"grouped table", oneSection(h(1, "Groups"), fillerLines(20), simpleTable(60, 2, 4, "Grouped"), simpleTable(20, 1, 1, "One row a group"), simpleTable(30, 2, 7, ""))},
		{"empty sections", doc.Document{RAGKey: testRAG, Sections: []doc.Section{
			{Blocks: []doc.Block{h(1, "Empty"), h(1, "Kept"), fillerLines(2), h(2, "Empty under kept"), &doc.Table{Columns: []doc.Column{{Header: "A"}}}, &doc.Paragraph{}, h(1, "Also empty"), h(2, "Empty child"), &doc.List{}}},
			{Blocks: []doc.Block{h(1, "A section with nothing"), &doc.Paragraph{Spans: doc.Text("  ")}}},
			{Landscape: true, Blocks: []doc.Block{h(1, "Landscape"), simpleTable(40, 2, 8, "Wide")}},
		}}},
		{"row taller than a page", oneSection(h(1, "Tall row"), fillerLines(10), simpleTable(3, 70, 0, "Huge"), fillerLines(2))},
		{"charts and lead-ins", oneSection(h(1, "Charts"), fillerLines(35), &doc.Paragraph{Spans: doc.Text("The chart below shows the trend:")}, sampleChart("Trend", doc.Line),
			h(2, "One line"), &doc.Paragraph{Spans: doc.Text("A single line under a heading.")}, simpleTable(8, 1, 0, ""),
			&doc.ChartGrid{Charts: []doc.Chart{*sampleChart("A", doc.SmallLine), *sampleChart("B", doc.SmallLine), *sampleChart("C", doc.SmallLine), *sampleChart("D", doc.SmallLine)}, Source: "Source: test"})},
	}
}

// TestLayoutRules checks the page-break rules on the sample papers of
// reports/testdata, the engine's own test papers and the edge documents.
// (TestLayoutRulesEveryMonth, in months_test.go, runs every paper for
// every month of the sample data through the pipeline.)
func TestLayoutRules(t *testing.T) {
	docs := append([]namedDoc{{"sample", sampleDocument(150)}, {"every-block", everyBlockDocument(t, 60)}, {"large", largeDocument()}}, fourPapers(t)...)
	docs = append(docs, edgeDocuments()...)
	for _, p := range docs {
		t.Run(p.name, func(t *testing.T) {
			ps, err := layoutProblems(p.d)
			if err != nil {
				t.Fatal(err)
			}
			for _, pr := range ps {
				t.Error(pr)
			}
		})
	}
}

// TestTableExactlyFillingAPage: the edge document's table ends exactly at
// the foot of the body, and what follows starts the next page.
func TestTableExactlyFillingAPage(t *testing.T) {
	var d doc.Document
	for _, e := range edgeDocuments() {
		if e.name == "table exactly filling a page" {
			d = e.d
		}
	}
	m, _ := loadMetrics()
	l := doLayout(m, &d, true)
	g := pageGeom(false)
	var last, next *placed
	for i := range l.trace {
		e := &l.trace[i]
		if e.blk == 1 && e.kind == roleRow {
			last = e
		}
		if e.blk == 2 && next == nil {
			next = e
		}
	}
	if last == nil || next == nil {
		t.Fatal("the table or the paragraph after it was not laid out")
	}
	if last.page != 0 || math.Abs(last.y+last.h-g.bodyBottom) > 1e-6 {
		t.Errorf("the table's last row ends at %.4f mm on page %d, want %.4f on page 1", last.y+last.h, last.page+1, g.bodyBottom)
	}
	if next.page != 1 || next.y != g.bodyTop {
		t.Errorf("the paragraph after the table starts at %.1f mm on page %d, want the top of page 2", next.y, next.page+1)
	}
}

// TestEmptySectionsLeftOut: the headings with nothing under them are not
// printed, bookmarked or listed, and a section with nothing left is not a
// blank page.
func TestEmptySectionsLeftOut(t *testing.T) {
	var d doc.Document
	for _, e := range edgeDocuments() {
		if e.name == "empty sections" {
			d = e.d
		}
	}
	d.Contents = true
	out, path := renderTo(t, d, RenderOptions{}, settings{})
	text := run(t, "pdftotext", path, "-")
	for _, gone := range []string{"Empty", "Also empty", "Empty child", "A section with nothing"} {
		if regexp.MustCompile(`(?m)^` + gone + `$`).MatchString(text) {
			t.Errorf("empty section %q was printed", gone)
		}
	}
	for _, kept := range []string{"Kept", "Landscape"} {
		if !strings.Contains(text, kept) {
			t.Errorf("section %q is missing", kept)
		}
	}
	// title-less paper: contents, Kept, then the landscape table
	m, _ := loadMetrics()
	l := doLayout(m, &d, true)
	if len(l.headings) != 2 {
		t.Errorf("%d headings laid out, want 2 (Kept, Landscape)", len(l.headings))
	}
	if out.Pages != len(l.pages) {
		t.Errorf("%d pages painted, %d laid out", out.Pages, len(l.pages))
	}
	for i, pg := range l.pages {
		if len(pg.ops) == 0 {
			t.Errorf("page %d is blank", i+1)
		}
	}
	requireTagged(t, "empty sections", path)
}

// untie returns a ties function that removes every tie (hard and soft)
// from the boxes of the given kinds.
func untie(kinds ...roleKind) func([]*box) {
	return func(bs []*box) {
		for _, b := range bs {
			if slices.Contains(kinds, b.kind) {
				b.keep, b.soft = false, false
			}
		}
	}
}

// TestLayoutCheckCatchesDefects builds, for each rule, a document whose
// layout breaks it when the page breaker does not apply the rule (its ties
// removed, empty sections kept, text moved), and checks that the layout
// check reports that rule; laid out normally, the same document passes.
func TestLayoutCheckCatchesDefects(t *testing.T) {
	h := func(level int, s string) *doc.Heading { return &doc.Heading{Level: level, Text: s} }
	cases := []struct {
		rule string
		d    doc.Document
		s    settings
	}{
		// a heading and one row of its table at the foot of the page
		{ruleHeading, oneSection(fillerLines(44), h(1, "Heading at the foot"), simpleTable(20, 1, 0, "")),
			settings{ties: untie(roleHeading, roleCaption, roleHead, roleRow)}},
		// a heading with one line of its paragraph
		{ruleHeading, oneSection(fillerLines(45), h(1, "Heading"), fillerLines(8)),
			settings{ties: untie(roleHeading)}},
		// a heading with nothing under it
		{ruleEmpty, oneSection(h(1, "Empty"), h(1, "Full"), fillerLines(3), h(2, "Empty at the end")), settings{unpruned: true}},
		// two rows carried to the next page
		{ruleFragment, oneSection(fillerLines(20), simpleTable(38, 2, 0, "")), settings{ties: untie(roleRow)}},
		// a header and one row at the foot of the page
		{ruleFragment, oneSection(fillerLines(45), simpleTable(30, 1, 0, "")), settings{ties: untie(roleHead, roleRow)}},
		// a group row with one of its rows
		{ruleGroup, oneSection(fillerLines(46), simpleTable(12, 1, 4, "")), settings{ties: untie(roleGroup, roleRow)}},
		// a list split leaving one item
		{ruleList, oneSection(fillerLines(48), listOf(10, 1)), settings{ties: untie(roleItem)}},
		// a three-row table split 1/2
		{ruleShort, oneSection(fillerLines(45), simpleTable(3, 1, 0, "")), settings{ties: untie(roleHead, roleRow)}},
		// a short list split
		{ruleShort, oneSection(fillerLines(46), listOf(5, 1)), settings{ties: untie(roleItem)}},
		// a paragraph's last line alone on a page
		{ruleWidow, oneSection(fillerLines(49), fillerLines(5)), settings{ties: untie(roleLine)}},
		// a lead-in sentence at the foot, its table on the next page
		{ruleLeadIn, oneSection(fillerLines(46), &doc.Paragraph{Spans: doc.Text("The actions are:")}, simpleTable(10, 1, 0, "")),
			settings{ties: untie(roleLine)}},
		// a short table of tall rows moved whole, leaving a page three-quarters blank
		{ruleBlank, oneSection(fillerLines(10), simpleTable(6, 8, 0, "Tall")), settings{ties: func(bs []*box) {
			for _, b := range bs {
				b.keep = b.keep || b.soft
			}
		}}},
		// a section that prints nothing
		{ruleEmptyPg, doc.Document{Sections: []doc.Section{{Blocks: []doc.Block{fillerLines(3)}}, {Blocks: []doc.Block{&doc.Paragraph{}}}, {Blocks: []doc.Block{fillerLines(2)}}}},
			settings{unpruned: true}},
		// cell text drawn in the next cell
		{ruleOverflow, oneSection(simpleTable(4, 1, 0, "")), settings{ties: shiftRows(30, 0)}},
		// cell text drawn past the margin
		{ruleOverflow, oneSection(simpleTable(4, 1, 0, "")), settings{ties: shiftRows(150, 0)}},
		// rows drawn below the foot of the page
		{ruleOverflow, oneSection(fillerLines(40), simpleTable(4, 1, 0, "")), settings{ties: shiftRows(0, 40)}},
	}
	m, err := loadMetrics()
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cases {
		t.Run(strconv.Itoa(i)+"-"+c.rule, func(t *testing.T) {
			d := c.d
			for _, p := range checkLayout(doLayout(m, &d, true)) {
				t.Errorf("laid out normally: %s", p)
			}
			d = c.d
			broken := checkLayout(layoutWith(m, &d, c.s))
			found := false
			for _, p := range broken {
				if p.rule == c.rule {
					found = true
					t.Logf("reported: %s", p)
				}
			}
			if !found {
				t.Errorf("the layout check does not report %s; it reports %v", c.rule, broken)
			}
		})
	}
}

// shiftRows returns a ties function that draws every table row dx
// millimetres to the right of its place and dy below it.
func shiftRows(dx, dy float64) func([]*box) {
	return func(bs []*box) {
		for _, b := range bs {
			if b.kind == roleRow {
				draw := b.draw
				b.draw = func(p *page, x, y float64) { draw(p, x+dx, y+dy) }
			}
		}
	}
}

// TestRowLinks: every row with a Link is reported once per page it is
// on, where pdftotext finds its text, and nothing is drawn for it.
func TestRowLinks(t *testing.T) {
	tbl := simpleTable(40, 2, 6, "Linked rows")
	for i := range tbl.Rows {
		tbl.Rows[i].Link = "target-" + strconv.Itoa(i)
		if tbl.Rows[i].Group != "" {
			tbl.Rows[i].Group = "Area-" + strconv.Itoa(i)
		}
	}
	huge := simpleTable(2, 70, 0, "A row taller than a page")
	huge.Rows[0].Link = "huge"
	land := simpleTable(30, 1, 0, "Landscape")
	for i := range land.Rows {
		if i%2 == 0 {
			land.Rows[i].Link = "land-" + strconv.Itoa(i)
		}
	}
	d := doc.Document{RAGKey: testRAG, Sections: []doc.Section{
		{Blocks: []doc.Block{&doc.Heading{Level: 1, Text: "Linked"}, fillerLines(10), tbl, huge}},
		{Landscape: true, Blocks: []doc.Block{land}},
	}}
	out, path := renderTo(t, d, RenderOptions{}, settings{})

	// Nothing drawn: the same document without links gives the same bytes.
	plain := doc.Document{RAGKey: d.RAGKey, Sections: []doc.Section{
		{Blocks: []doc.Block{d.Sections[0].Blocks[0], d.Sections[0].Blocks[1], unlinked(tbl), unlinked(huge)}},
		{Landscape: true, Blocks: []doc.Block{unlinked(land)}},
	}}
	po, err := Render(plain)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(po.PDF, out.PDF) {
		t.Error("links change the rendered bytes")
	}
	if len(po.Links) != 0 {
		t.Errorf("a paper without links reports %d", len(po.Links))
	}

	byTarget := map[string][]Link{}
	for _, l := range out.Links {
		byTarget[l.Target] = append(byTarget[l.Target], l)
	}
	want := 0
	for _, r := range tbl.Rows {
		if len(byTarget[r.Link]) != 1 {
			t.Errorf("row %s: %d link rectangles, want 1", r.Link, len(byTarget[r.Link]))
		}
		want++
	}
	if hl := byTarget["huge"]; len(hl) != 2 || hl[1].Page != hl[0].Page+1 {
		t.Errorf("the row taller than a page has rectangles %v, want one on each of two pages", hl)
	} else {
		want += 2
	}
	want += 15
	if len(out.Links) != want {
		t.Errorf("%d link rectangles, want %d", len(out.Links), want)
	}
	// Each rectangle holds its row's text, as pdftotext sees it.
	words := bboxWords(t, path)
	check := func(target, ref string) {
		for _, l := range byTarget[target] {
			found := false
			for _, w := range words[l.Page] {
				if w.text != ref {
					continue
				}
				found = true
				if w.x0 < l.X || w.x1 > l.X+l.W || w.y0 < l.Y || w.y1 > l.Y+l.H {
					t.Errorf("%s: %q at (%.1f,%.1f)-(%.1f,%.1f) mm is outside its link (%.1f,%.1f)+(%.1f x %.1f) on page %d",
						target, ref, w.x0, w.y0, w.x1, w.y1, l.X, l.Y, l.W, l.H, l.Page)
				}
			}
			if !found {
				t.Errorf("%s: %q is not on page %d", target, ref, l.Page)
			}
		}
	}
	for i, r := range tbl.Rows {
		if r.Group != "" {
			check(r.Link, r.Group)
			continue
		}
		check("target-"+strconv.Itoa(i), r.Cells[0].Text)
	}
	for i, r := range land.Rows {
		if r.Link != "" {
			check("land-"+strconv.Itoa(i), r.Cells[0].Text)
		}
	}
	// The landscape links are in the landscape page's own coordinates.
	for _, l := range out.Links {
		if strings.HasPrefix(l.Target, "land-") && l.W < 250 {
			t.Errorf("%s: %.1f mm wide, want the landscape text width", l.Target, l.W)
		}
	}
}

func unlinked(t *doc.Table) *doc.Table {
	c := *t
	c.Rows = slices.Clone(t.Rows)
	for i := range c.Rows {
		c.Rows[i].Link = ""
	}
	return &c
}

type bboxWord struct {
	text           string
	x0, y0, x1, y1 float64 // mm from the page's top-left corner
}

// bboxWords reads pdftotext -bbox: every word with its box, by page
// (1-based).
func bboxWords(t *testing.T, path string) map[int][]bboxWord {
	t.Helper()
	out, err := exec.Command(tool(t, "pdftotext"), "-bbox", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	words := map[int][]bboxWord{}
	page := 0
	re := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	for _, ln := range strings.Split(string(out), "\n") {
		if strings.Contains(ln, "<page ") {
			page++
			continue
		}
		m := re.FindStringSubmatch(ln)
		if m == nil {
			continue
		}
		f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v / ptPerMM }
		words[page] = append(words[page], bboxWord{m[5], f(m[1]), f(m[2]), f(m[3]), f(m[4])})
	}
	return words
}

// TestBoardMainBody: the Board paper's main body, the pages before its
// first appendix, is at most 8 pages on the sample data (issue 15).
func TestBoardMainBody(t *testing.T) {
	m, err := loadMetrics()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range fourPapers(t) {
		if p.name != "board" {
			continue
		}
		l := doLayout(m, &p.d, true)
		for _, h := range l.headings {
			if strings.HasPrefix(h.text, "Appendix") {
				t.Logf("the Board paper's main body is %d pages of %d", h.page-1, len(l.pages))
				if h.page-1 > 8 {
					t.Errorf("the Board paper's main body is %d pages (%q starts page %d), want at most 8", h.page-1, h.text, h.page)
				}
				return
			}
		}
		t.Fatal("the Board paper has no appendix")
	}
	t.Fatal("no Board paper in reports/testdata")
}
