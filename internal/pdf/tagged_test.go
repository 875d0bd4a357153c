package pdf

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/boardpack/boardpack/internal/doc"
)

var months12 = []string{"Jul 22", "Aug 22", "Sep 22", "Oct 22", "Nov 22", "Dec 22", "Jan 23", "Feb 23", "Mar 23", "Apr 23", "May 23", "Jun 23"}

// allChartKinds has one chart of every kind, with a target, references, a
// highlight and missing values among them.
func allChartKinds() []doc.Chart {
	return []doc.Chart{
		{Kind: doc.Bar, Title: "Average caseload by team", Categories: []string{"North", "South", "Disabilities", "Leaving care"}, Unit: "cases",
			Series: []doc.Series{{Name: "Average caseload", Values: []float64{19.4, 22.1, 14.8, 21}}}, Target: &doc.Target{Label: "Target", Value: 18},
			Highlight: &doc.Highlight{From: 3, Label: "Above target"}},
		{Kind: doc.StackedBar, Title: "Actions by area and RAG", Categories: []string{"Workforce", "Front door", "Care"}, Unit: "actions",
			Series: []doc.Series{{Name: "Green", Values: []float64{5, 7, 3}}, {Name: "Amber", Values: []float64{2, 1, 4}}, {Name: "Red", Values: []float64{1, 0, 2}}}},
		{Kind: doc.Line, Title: "Agency rate", Categories: months12, Unit: "%",
			Series:     []doc.Series{{Name: "Agency rate", Values: []float64{24.8, 24.1, 23.5, 23.9, 22.7, 22, 21.2, 0, 20.3, 19.6, 19.1, 18.4}, Missing: []bool{7: true}}},
			References: []doc.Target{{Label: "England", Value: 17.6}, {Label: "Statistical neighbours", Value: 21.4}}},
		{Kind: doc.Donut, Title: "Actions by progress RAG", Categories: []string{"Blue", "Green", "Amber", "Red"}, Unit: "actions",
			Series: []doc.Series{{Name: "Actions", Values: []float64{40, 50, 23, 12}}}},
		{Kind: doc.GroupedBar, Title: "Starters and leavers", Categories: months12[6:], Unit: "FTE",
			Series: []doc.Series{{Name: "Starters", Values: []float64{3, 2, 4, 1, 2, 5}}, {Name: "Leavers", Values: []float64{2, 3, 2, 2, 4, 1}}}},
		{Kind: doc.SmallLine, Title: "Visits on time", Categories: months12, Unit: "%", Height: 40,
			Series: []doc.Series{{Name: "Visits", Values: []float64{81, 84, 83, 86, 88, 87, 87, 90, 91, 89, 92, 93}}}, Target: &doc.Target{Value: 90}},
	}
}

// everyBlockDocument is the sample paper with every block kind of
// internal/doc added: a logo, a fields block, every chart kind, a chart
// grid, a page break and a second landscape section.
func everyBlockDocument(t testing.TB, rows int) doc.Document {
	d := sampleDocument(rows)
	title := d.Sections[0].Blocks[0].(*doc.Title)
	if tt, ok := t.(*testing.T); ok {
		title.Logo = &doc.Image{Name: "logo.png", Data: logoPNG(tt)}
	}
	var charts []doc.Block
	for _, c := range allChartKinds() {
		c.Source = "Source: test data"
		charts = append(charts, &c)
	}
	var grid []doc.Chart
	for i, name := range []string{"Visits on time", "Assessments in 45 days", "Supervision up to date", "Plans reviewed on time", "Care leavers in touch"} {
		c := allChartKinds()[5]
		c.Title = name
		c.Series[0].Values = slices.Clone(c.Series[0].Values)
		c.Series[0].Values[0] += float64(i)
		grid = append(grid, c)
	}
	extra := doc.Section{Blocks: append([]doc.Block{
		&doc.Heading{Level: 1, Text: "Every kind of block"},
		&doc.Fields{Items: []doc.Field{{Label: "Report author", Value: "Head of Performance"}, {Label: "Contact", Value: "performance@example.gov.uk"}}},
		&doc.Heading{Level: 2, Text: "Charts"},
	}, charts...)}
	extra.Blocks = append(extra.Blocks,
		&doc.PageBreak{},
		&doc.Heading{Level: 2, Text: "Key performance indicators"},
		&doc.ChartGrid{Charts: grid, Source: "Source: KPI returns"},
		&doc.List{Items: [][]doc.Span{doc.Text("A bulleted list"), doc.Text("of two items")}},
	)
	land := doc.Section{Landscape: true, Blocks: []doc.Block{
		&doc.Heading{Level: 1, Text: "Appendix B: a wide table"},
		actionTable(25, "Appendix B: actions"),
	}}
	d.Sections = append(d.Sections, extra, land)
	return d
}

func renderTo(t testing.TB, d doc.Document, o RenderOptions, s settings) (Output, string) {
	t.Helper()
	out, err := render(d, o, s)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "paper.pdf")
	if err := os.WriteFile(path, out.PDF, 0o644); err != nil {
		t.Fatal(err)
	}
	return out, path
}

// requireTagged checks the PDF at path with qpdf, pdfinfo and the tagging
// checker, and returns the checker's reading of it.
func requireTagged(t *testing.T, name, path string) *pdfDoc {
	t.Helper()
	qpdfCheck(t, path)
	if got := pdfInfo(t, path)["Tagged"]; got != "yes" {
		t.Errorf("%s: pdfinfo Tagged = %q", name, got)
	}
	d := loadPDF(t, path)
	if ps := d.check(); len(ps) > 0 {
		for _, p := range ps[:min(len(ps), 20)] {
			t.Errorf("%s: %s", name, p)
		}
	}
	return d
}

// structText is pdfinfo -struct-text.
func structText(t testing.TB, path string) string {
	t.Helper()
	return run(t, "pdfinfo", "-struct-text", path)
}

// structTypes counts the structure types in pdfinfo -struct output.
func structTypes(t testing.TB, path string) map[string]int {
	t.Helper()
	n := map[string]int{}
	for ln := range strings.SplitSeq(run(t, "pdfinfo", "-struct", path), "\n") {
		f := strings.Fields(ln)
		if len(f) == 0 || strings.HasPrefix(f[0], "/") || strings.HasPrefix(f[0], "\"") || f[0] == "Object" {
			continue
		}
		n[strings.TrimSuffix(f[0], ":")]++
	}
	return n
}

func TestTaggedEveryBlockKind(t *testing.T) {
	t.Parallel()
	d := everyBlockDocument(t, 90)
	out, path := renderTo(t, d, RenderOptions{}, settings{})
	pd := requireTagged(t, "every block", path)
	types := structTypes(t, path)
	want := map[string]int{
		// the contents lists 9 level 1 and 6 level 2 headings, in a TOC
		// and two nested ones; captions: 4 tables and 8 charts (the grid's
		// small charts draw their own titles)
		"Document": 1, "H1": 1, "Figure": 2 + 6 + 5, "TOC": 3, "TOCI": 15, "Link": 15, "Reference": 15,
		"L": 3, "LI": 7, "Lbl": 7, "LBody": 7, "Caption": 4 + 8,
		"Table": 7, // title fields, RAG key, risks, actions, appendix A, fields, appendix B
		"THead": 4, "TBody": 4,
	}
	for typ, n := range want {
		if types[typ] != n {
			t.Errorf("%d %s elements, want %d (all: %v)", types[typ], typ, n, types)
		}
	}
	for _, typ := range []string{"H2", "H3", "H4", "P", "TR", "TH", "TD"} {
		if types[typ] == 0 {
			t.Errorf("no %s element", typ)
		}
	}
	// Every chart's figures are its alternative text.
	var alts []string
	for _, v := range pd.objs {
		if m, ok := v.(map[string]any); ok && m["/S"] == "/Figure" {
			a, _ := pdfString(m["/Alt"])
			alts = append(alts, a)
		}
	}
	for _, want := range []string{
		"Bar chart: Average caseload by team. North 19.4 cases; South 22.1 cases",
		"Donut chart: Actions by progress RAG. Of 125 actions in all: Blue 40 actions (32%)",
		"Line chart: Visits on time.",
	} {
		found := false
		for _, a := range alts {
			found = found || strings.HasPrefix(a, want)
		}
		if !found {
			t.Errorf("no Figure with /Alt starting %q; have %q", want, alts)
		}
	}
	if out.Pages < 20 {
		t.Errorf("only %d pages", out.Pages)
	}
}

// TestCheckerFailsOnUntaggedPDF: the same paper as plain fpdf output fails
// the checker, on both the missing structure and the unmarked painting.
func TestCheckerFailsOnUntaggedPDF(t *testing.T) {
	_, path := renderTo(t, sampleDocument(40), RenderOptions{}, settings{untagged: true})
	if got := pdfInfo(t, path)["Tagged"]; got != "no" {
		t.Errorf("untagged output: pdfinfo Tagged = %q", got)
	}
	kinds := tagKinds(checkTagged(t, path))
	for _, want := range []string{"paint", "structure"} {
		if !slices.Contains(kinds, want) {
			t.Errorf("the checker did not report %q on an untagged PDF; it reported %v", want, kinds)
		}
	}
}

// TestCheckerCatchesDefects damages the tree in one way at a time and
// expects the checker to name that defect.
func TestCheckerCatchesDefects(t *testing.T) {
	t.Parallel()
	retype := func(from, to string, n int) func(*structure) {
		return func(s *structure) {
			for i := range s.tree.elems {
				if s.tree.elems[i].typ == from && n > 0 {
					s.tree.elems[i].typ = to
					n--
				}
			}
		}
	}
	cases := []struct {
		name   string
		tamper func(*structure)
		want   string
	}{
		{"figure without Alt", func(s *structure) {
			for i := range s.tree.elems {
				if s.tree.elems[i].typ == "Figure" {
					s.tree.elems[i].alt = ""
					return
				}
			}
		}, "figure-alt"},
		{"table without TH", func(s *structure) {
			// the first table is the title block's fields: all its cells
			// become TD
			for i := range s.tree.elems {
				if s.tree.elems[i].typ == "Table" {
					for j := i + 1; j < len(s.tree.elems) && s.tree.elems[j].typ != "Table"; j++ {
						if s.tree.elems[j].typ == "TH" {
							s.tree.elems[j].typ = "TD"
						}
					}
					return
				}
			}
		}, "table-th"},
		{"heading skips a level", retype("H2", "H4", 1), "heading"},
		{"heading before H1", retype("H1", "H2", 1), "heading"},
		{"MCIDs swapped in the parent tree", func(s *structure) {
			mc := s.mcids[0]
			for j := 1; j < len(mc); j++ {
				if mc[j] != mc[0] {
					mc[0], mc[j] = mc[j], mc[0]
					return
				}
			}
		}, "mcid"},
		{"element loses its marked content", func(s *structure) {
			for i := range s.tree.elems {
				e := &s.tree.elems[i]
				if e.typ == "P" && len(e.kids) > 0 {
					e.kids = nil
					return
				}
			}
		}, "mcid"},
		{"link without its annotation", func(s *structure) {
			for i := range s.tree.elems {
				e := &s.tree.elems[i]
				if e.typ == "Link" {
					e.kids = slices.DeleteFunc(e.kids, func(k kid) bool { return k.k == kidAnnot })
					return
				}
			}
		}, "link"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, path := renderTo(t, sampleDocument(20), RenderOptions{}, settings{tamper: c.tamper})
			ps := checkTagged(t, path)
			if !slices.Contains(tagKinds(ps), c.want) {
				t.Errorf("want a %q problem, got %v", c.want, ps)
			}
		})
	}
}

func TestScanContent(t *testing.T) {
	cases := []struct {
		content string
		want    []string
	}{
		{"BT /F1 10 Tf 10 10 Td (a) Tj ET", []string{"paint"}},
		{"/P <</MCID 0>> BDC BT (a) Tj ET EMC /Artifact BMC 0 0 1 1 re f EMC", nil},
		{"/Artifact <</Type /Pagination>> BDC q 1 0 0 1 0 0 cm /I1 Do Q EMC", nil},
		{"/Span BMC (x) Tj EMC", []string{"paint"}},                                       // neither artifact nor MCID
		{"/P <</MCID 0>> BDC (a) Tj EMC /P <</MCID 0>> BDC (b) Tj EMC", []string{"mcid"}}, // used twice
		{"/Artifact BMC /P <</MCID 1>> BDC (a) Tj EMC EMC", []string{"nesting"}},
		{"/P <</MCID 2>> BDC (a\\) Tj \\(() Tj", []string{"nesting"}}, // not closed; escaped parens are not operators
		{"EMC", []string{"nesting"}},
		{"[(a) -20 (b)] TJ", []string{"paint"}},
		{"/P <</MCID 3>> BDC BI /W 1 /H 1 ID \x00Tj\xffEI junk EI EMC", nil},
		{"0 0 m 1 1 l S", []string{"paint"}},
		{"0 0 1 1 re W n", nil}, // clipping paints nothing
	}
	for _, c := range cases {
		var kinds []string
		for _, p := range scanContent([]byte(c.content), map[int]bool{}) {
			if !slices.Contains(kinds, p.kind) {
				kinds = append(kinds, p.kind)
			}
		}
		if !slices.Equal(kinds, c.want) {
			t.Errorf("%q: problems %v, want %v", c.content, kinds, c.want)
		}
	}
}

// TestLayoutTagsEveryText: every text, image and chart operation of the
// display list belongs to an element or is an artifact; none is left
// unset (which the painter would quietly make an artifact).
func TestLayoutTagsEveryText(t *testing.T) {
	m, err := loadMetrics()
	if err != nil {
		t.Fatal(err)
	}
	d := everyBlockDocument(t, 60)
	d.Draft = []string{"Headline message"}
	l := doLayout(m, &d, true)
	for pi, pg := range l.pages {
		for _, o := range pg.ops {
			switch o.k {
			case opText, opFill, opStroke, opLine, opChart, opImage, opTocNum, opLink:
				if o.tag == tagNone {
					t.Errorf("page %d: %v op %q has no tag", pi+1, o.k, o.s)
				}
			}
		}
	}
}

// readingOrderRows is how many actions each table of the reading-order
// paper lists: enough for both tables to continue onto a second page.
const readingOrderRows = 12

// readingOrderDocument is the sample paper with both action tables cut to
// readingOrderRows actions. pdfinfo -struct-text parses a page's content
// once for every marked-content item on it, so the 150-row sample paper
// costs it seconds; this one has every kind of block and every page break
// (a table's header row repeated, a continuation caption) that paper has.
func readingOrderDocument() doc.Document {
	d := sampleDocument(readingOrderRows)
	appendix := d.Sections[len(d.Sections)-1].Blocks
	appendix[len(appendix)-1] = actionTable(readingOrderRows, "Appendix A: actions")
	return d
}

// pagesShowing lists the pages (from 1) whose marked content shows s.
func pagesShowing(t testing.TB, d *pdfDoc, s string) []int {
	t.Helper()
	var pages []int
	for i := range d.pages {
		texts := d.mcidTexts(t, i)
		for _, text := range texts {
			if strings.Contains(text, s) {
				pages = append(pages, i+1)
				break
			}
		}
	}
	return pages
}

// TestReadingOrder reads a sample paper's tree as pdfinfo -struct-text
// prints it: the title block, then the sections in order, the contents
// after the first section, words kept apart across wrapped lines and
// styles, and table header rows only once. The paper has 12 actions, not
// the sample's 150 (poppler reads a page's content once for each tagged
// item on it): both action tables still run onto a second page, which
// the test checks, but far fewer page breaks are crossed; the 150-action
// paper's breaks are checked by the layout and tagging tests.
func TestReadingOrder(t *testing.T) {
	t.Parallel() // pdfinfo -struct-text takes a large fraction of a second
	_, path := renderTo(t, readingOrderDocument(), RenderOptions{}, settings{})
	pd := loadPDF(t, path)
	// Both tables run onto a second page, so that a repeated header row and
	// a continuation caption are there to be left out of the tree.
	first, last := pagesShowing(t, pd, "Action 1: "), pagesShowing(t, pd, fmt.Sprintf("Action %d: ", readingOrderRows))
	if len(first) != 2 || len(last) != 2 || first[0] >= last[0] || last[0] > first[1] || first[1] >= last[1] {
		t.Errorf("the action tables start on pages %v and end on pages %v: each should continue onto a later page", first, last)
	}
	st := structText(t, path)
	order := []string{
		`"HEREFORDSHIRE COUNCIL"`,
		`H1 (block)`, `"Children's Improvement Action Plan: progress report "`,
		`TH:`, `"Meeting "`, `"Cabinet "`,
		`H2 (block)`, `"Purpose "`,
		`Lbl (block)`, `"a) "`,
		`"Contents"`, `TOC`, `"Purpose 1"`,
		`"Key considerations "`, `"Headline position "`, `"Actions complete "`,
		`"1. The inspection report was published on 21 September 2026. The overall judgement was that children's services are inadequate. The service has increased`,
		`"9. • "`, `"Improving outcomes for children, young people and their families. "`,
		`Figure`, `Caption`, `"Average caseload per social worker, May to October 2026 "`,
		`"Source: monthly performance return, data as at 31 October 2026 "`,
		`H4 (block)`, `"Agency staffing "`,
		`"Improvement actions by area "`, `/ColSpan 6`, `"1. Leadership, management and governance "`, `"1.1 "`,
		fmt.Sprintf(`"Action %d: ensure that every child's plan is reviewed within timescale and that management oversight is recorded on the case file "`, readingOrderRows),
		`"Appendix A: Improvement action plan "`,
	}
	at := 0
	for _, w := range order {
		i := strings.Index(st[at:], w)
		if i < 0 {
			t.Fatalf("pdfinfo -struct-text: %q not found after offset %d (or out of order)", w, at)
		}
		at += i + len(w)
	}
	// The tagging checker's own reading of the tree (used by the marking
	// and DRAFT tests) reads the same text in the same order as poppler.
	var popplerText, ownText strings.Builder
	for ln := range strings.SplitSeq(st, "\n") {
		if ln = strings.TrimSpace(ln); len(ln) >= 2 && ln[0] == '"' && ln[len(ln)-1] == '"' {
			popplerText.WriteString(ln[1 : len(ln)-1])
		}
	}
	for _, it := range pd.readTree(t) {
		ownText.WriteString(it.text)
	}
	if a, b := popplerText.String(), ownText.String(); a != b {
		i := 0
		for i < min(len(a), len(b)) && a[i] == b[i] {
			i++
		}
		t.Errorf("the checker's reading of the tree differs from pdfinfo -struct-text at byte %d:\npoppler: %q\nchecker: %q", i, a[i:min(len(a), i+120)], b[i:min(len(b), i+120)])
	}
	// The action table's header row is read once, not on every page.
	if n := strings.Count(st, `"Progress "`); n != 2 { // two action tables
		t.Errorf("header cell \"Progress\" read %d times, want 2", n)
	}
	if strings.Contains(st, "(continued)") || strings.Contains(st, "Page 1 of") {
		t.Error("page furniture or continuation captions are in the structure tree")
	}
	// The protective marking is read once, first; its repeats in every
	// header and footer are artifacts.
	if n := strings.Count(st, "OFFICIAL"); n != 1 {
		t.Errorf("OFFICIAL is in the structure tree %d times, want once", n)
	}
	// No two words run together at a line break.
	if regexp.MustCompile(`[a-z][A-Z][a-z]+ `).MatchString(strings.ReplaceAll(st, "McD", "")) {
		t.Logf("possible run-together words: %q", regexp.MustCompile(`\S*[a-z][A-Z][a-z]+ `).FindAllString(st, 5))
	}
	if strings.Contains(st, "wasp ublished") || strings.Contains(st, "waspublished") || strings.Contains(st, "2026.The") {
		t.Error("words run together across a line break or a change of style")
	}
}

// TestTaggingChangesNothingVisible renders the same paper tagged and
// untagged and compares the pages pixel for pixel.
func TestTaggingChangesNothingVisible(t *testing.T) {
	t.Parallel()
	d := everyBlockDocument(t, 40)
	out, tagged := renderTo(t, d, RenderOptions{}, settings{})
	_, plain := renderTo(t, d, RenderOptions{}, settings{untagged: true})
	a, b := rasterize(t, tagged), rasterize(t, plain)
	if len(a) != out.Pages || len(b) != out.Pages {
		t.Fatalf("%d pages tagged, %d untagged rendered, of %d", len(a), len(b), out.Pages)
	}
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			t.Errorf("page %d looks different when tagged", i+1)
		}
	}
}

// rasterize renders every page at 40 dpi in grey and returns the images.
func rasterize(t testing.TB, path string) [][]byte {
	t.Helper()
	dir := t.TempDir()
	run(t, "pdftoppm", "-r", "40", "-gray", path, filepath.Join(dir, "p"))
	files, err := filepath.Glob(filepath.Join(dir, "p-*.pgm"))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(files)
	var out [][]byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

func TestDraftMarksEveryPage(t *testing.T) {
	t.Parallel()
	// Twelve table rows make ten pages, each of which must carry the mark.
	d := sampleDocument(12)
	d.Draft = []string{"Headline message"}
	out, path := renderTo(t, d, RenderOptions{}, settings{})
	tree := requireTagged(t, "draft", path)
	texts := pageTexts(t, path, out.Pages)
	for i, tx := range texts {
		if !strings.Contains(tx, "DRAFT") {
			t.Errorf("page %d has no DRAFT mark", i+1)
		}
	}
	// Read once, first; every other mark is an artifact. (The checker's
	// reading of the tree: see TestReadingOrder for poppler's.)
	st := treeText(tree.readTree(t))
	if n := strings.Count(st, "DRAFT"); n != 1 {
		t.Errorf("DRAFT is in the structure tree %d times, want once", n)
	}
	if i, j := strings.Index(st, "DRAFT"), strings.Index(st, "HEREFORDSHIRE"); i < 0 || i > j {
		t.Error("DRAFT is not the first thing read")
	}
	// The mark covers no text: the page text is the same as without it.
	plain, plainPath := renderTo(t, sampleDocument(12), RenderOptions{}, settings{})
	if plain.Pages != out.Pages {
		t.Fatalf("draft has %d pages, final %d", out.Pages, plain.Pages)
	}
	// (In content order: the watermark's letters would be mixed into the
	// lines of a layout-order extraction.)
	final := pageTexts(t, plainPath, plain.Pages)
	// One pdftotext -raw a file: it ends every page with a form feed.
	draftRaw, finalRaw := rawPageTexts(t, path, out.Pages), rawPageTexts(t, plainPath, plain.Pages)
	for i := range texts {
		// The rotated watermark comes out letter by letter.
		mark := func(w string) bool { return w == "DRAFT" || len(w) == 1 && strings.Contains("DRAFT", w) }
		a := slices.DeleteFunc(strings.Fields(draftRaw[i]), mark)
		b := slices.DeleteFunc(strings.Fields(finalRaw[i]), mark)
		if !slices.Equal(a, b) {
			t.Errorf("page %d: draft text differs from the final paper's beyond the DRAFT marks", i+1)
		}
	}
	// A final paper has no DRAFT at all.
	for i, tx := range final {
		if strings.Contains(tx, "DRAFT") {
			t.Errorf("final paper page %d says DRAFT", i+1)
		}
	}
}

// TestMarkingReadFirst: an exempt paper's NOT FOR PUBLICATION, printed at
// the top of the first page, is the first thing a screen reader reads (after
// a DRAFT mark), not only page furniture it skips; the repeats on later
// pages are artifacts.
func TestMarkingReadFirst(t *testing.T) {
	t.Parallel()
	for _, draft := range []bool{false, true} {
		d := sampleDocument(12)
		d.Header.Classification = "NOT FOR PUBLICATION"
		d.Footer.Classification = "NOT FOR PUBLICATION"
		if draft {
			d.Draft = []string{"Headline message"}
		}
		out, path := renderTo(t, d, RenderOptions{}, settings{})
		if out.Pages < 2 {
			t.Fatalf("%d pages, want several", out.Pages)
		}
		tree := requireTagged(t, "exempt", path)
		for i, tx := range pageTexts(t, path, out.Pages) {
			if !strings.Contains(tx, "NOT FOR PUBLICATION") {
				t.Errorf("draft %v: page %d has no marking", draft, i+1)
			}
		}
		// The checker's reading of the tree (TestReadingOrder compares it
		// with poppler's).
		st := treeText(tree.readTree(t))
		if n := strings.Count(st, "NOT FOR PUBLICATION"); n != 1 {
			t.Errorf("draft %v: the marking is in the structure tree %d times, want once", draft, n)
		}
		i, j := strings.Index(st, "NOT FOR PUBLICATION"), strings.Index(st, "HEREFORDSHIRE")
		if i < 0 || i > j {
			t.Errorf("draft %v: the marking is not read before the title block", draft)
		}
		if k := strings.Index(st, "DRAFT"); draft && (k < 0 || k > i) {
			t.Errorf("draft %v: DRAFT is not read before the marking", draft)
		}
	}
}

// TestInPack: a paper for a meeting pack has no page numbers of its own,
// nothing in the bottom PackBand millimetres, and a contents page counted
// from the pack's first page number.
func TestInPack(t *testing.T) {
	t.Parallel()
	const first = 7
	out, path := renderTo(t, sampleDocument(60), RenderOptions{InPack: true, FirstPage: first}, settings{})
	requireTagged(t, "in pack", path)
	texts := pageTexts(t, path, out.Pages)
	for i, tx := range texts {
		if strings.Contains(tx, "Page ") && regexp.MustCompile(`Page \d+ of \d+`).MatchString(tx) {
			t.Errorf("page %d prints its own page number", i+1)
		}
		if !strings.Contains(tx, "OFFICIAL") {
			t.Errorf("page %d lost its footer", i+1)
		}
	}
	bbox := run(t, "pdftotext", "-bbox", path, "-")
	pageRE := regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	wordRE := regexp.MustCompile(`<word xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>`)
	pages := pageRE.FindAllStringSubmatchIndex(bbox, -1)
	for pi, pm := range pages {
		end := len(bbox)
		if pi+1 < len(pages) {
			end = pages[pi+1][0]
		}
		h, _ := strconv.ParseFloat(bbox[pm[4]:pm[5]], 64)
		limit := h - PackBand*ptPerMM
		for _, w := range wordRE.FindAllStringSubmatch(bbox[pm[1]:end], -1) {
			if y, _ := strconv.ParseFloat(w[1], 64); y > limit {
				t.Errorf("page %d: %q reaches %.1f pt, inside the pack's band (below %.1f)", pi+1, w[2], y, limit)
			}
		}
	}
	// The contents page gives pack numbers: Purpose is on the paper's
	// page 1, the pack's page 7.
	if !regexp.MustCompile(`Purpose[ .]+` + strconv.Itoa(first) + `\n`).MatchString(texts[1]) {
		t.Errorf("contents page does not count from the pack's page %d:\n%s", first, texts[1])
	}
	// The paper's own numbering is unchanged without the option.
	_, own := renderSample(t)
	if !strings.Contains(run(t, "pdftotext", "-f", "1", "-l", "1", own, "-"), "Page 1 of") {
		t.Error("a paper outside a pack lost its page numbers")
	}
}

type namedDoc struct {
	name string
	d    doc.Document
}

var (
	papersOnce sync.Once
	papers     []namedDoc
)

// fourPapers are the four papers boardpack generate writes from
// sample-data, read from their stored documents (reports/testdata, kept up
// to date by the reports' golden test): this package cannot run the
// pipeline, which imports it.
func fourPapers(tb testing.TB) []namedDoc {
	tb.Helper()
	papersOnce.Do(func() {
		for _, k := range []string{"cabinet", "scrutiny", "board", "appendix"} {
			b, err := os.ReadFile(filepath.Join("..", "..", "reports", "testdata", k+".json"))
			if err != nil {
				tb.Fatal(err)
			}
			var d doc.Document
			if err := json.Unmarshal(b, &d); err != nil {
				tb.Fatalf("%s: %v", k, err)
			}
			papers = append(papers, namedDoc{k, d})
		}
	})
	if len(papers) != 4 {
		tb.Fatal("sample papers could not be read")
	}
	return papers
}

// TestSamplePapersTagged checks the four papers of the sample data, and
// that tagging costs each under 20% in size.
func TestSamplePapersTagged(t *testing.T) {
	t.Parallel()
	for _, p := range fourPapers(t) {
		t.Run(p.name, func(t *testing.T) {
			tagged, path := renderTo(t, p.d, RenderOptions{}, settings{})
			requireTagged(t, p.name, path)
			plain, _ := renderTo(t, p.d, RenderOptions{}, settings{untagged: true})
			over := float64(len(tagged.PDF))/float64(len(plain.PDF)) - 1
			t.Logf("%s: %d pages, %d bytes untagged, %d tagged (%+.1f%%)", p.name, tagged.Pages, len(plain.PDF), len(tagged.PDF), 100*over)
			if over > 0.20 {
				t.Errorf("tagging adds %.1f%% to the %s paper, over 20%%", 100*over, p.name)
			}
		})
	}
}

// BenchmarkTagging renders each paper untagged and tagged in the same run:
//
//	go test ./internal/pdf -run '^$' -bench Tagging -benchmem -count 6
func BenchmarkTagging(b *testing.B) {
	docs := append([]namedDoc{{"sample", sampleDocument(150)}, {"large", largeDocument()}}, fourPapers(b)...)
	for _, nd := range docs {
		for _, mode := range []struct {
			name string
			s    settings
		}{{"untagged", settings{untagged: true}}, {"tagged", settings{}}} {
			b.Run(fmt.Sprintf("%s/%s", nd.name, mode.name), func(b *testing.B) {
				b.ReportAllocs()
				var out Output
				for b.Loop() {
					var err error
					out, err = render(nd.d, RenderOptions{}, mode.s)
					if err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(len(out.PDF)), "bytes/pdf")
			})
		}
	}
}

// BenchmarkTaggingAB renders each paper untagged and tagged alternately,
// so that both see the same machine load, and reports the overhead of
// tagging in size and in time: the median of the per-pair ratios of wall
// time and of process CPU time (steadier when other work shares the
// machine):
//
//	go test ./internal/pdf -run '^$' -bench TaggingAB -benchtime 40x
func BenchmarkTaggingAB(b *testing.B) {
	docs := append([]namedDoc{{"sample", sampleDocument(150)}, {"large", largeDocument()}}, fourPapers(b)...)
	for _, nd := range docs {
		b.Run(nd.name, func(b *testing.B) {
			var wall, cpu, plainMS, taggedMS []float64
			var plain, tagged Output
			one := func(s settings) (Output, float64, float64) {
				c0, t0 := cpuTime(), time.Now()
				out, err := render(nd.d, RenderOptions{}, s)
				if err != nil {
					b.Fatal(err)
				}
				return out, float64(time.Since(t0)), cpuTime() - c0
			}
			for b.Loop() {
				var pw, pc, tw, tc float64
				plain, pw, pc = one(settings{untagged: true})
				tagged, tw, tc = one(settings{})
				wall, cpu = append(wall, tw/pw), append(cpu, tc/pc)
				plainMS, taggedMS = append(plainMS, pw/1e6), append(taggedMS, tw/1e6)
			}
			b.ReportMetric(median(plainMS), "ms-untagged")
			b.ReportMetric(median(taggedMS), "ms-tagged")
			b.ReportMetric(100*(median(wall)-1), "%time")
			b.ReportMetric(100*(median(cpu)-1), "%cpu")
			b.ReportMetric(100*(float64(len(tagged.PDF))/float64(len(plain.PDF))-1), "%size")
		})
	}
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

// BenchmarkWriteStructure times adding the structure tree to fpdf's output
// of the board paper, the step tagging adds after fpdf.
func BenchmarkWriteStructure(b *testing.B) {
	var d doc.Document
	for _, p := range fourPapers(b) {
		if p.name == "board" {
			d = p.d
		}
	}
	var src []byte
	var st *structure
	if _, err := render(d, RenderOptions{}, settings{capture: func(f []byte, s *structure) { src, st = f, s }}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var out []byte
	for b.Loop() {
		var err error
		if out, err = writeStructure(src, st); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(out)-len(src)), "bytes-added")
}

// TestGroupRowsHeadTheirCells: a grouping row ("1. Leadership, management
// and governance") heads the action rows below it, as scope="rowgroup" does
// in the HTML companion. PDF has no row-group scope, so each data cell names
// its headers (its column's and its group's) by /Headers, through the /ID
// of the TH elements and the structure tree root's /IDTree.
func TestGroupRowsHeadTheirCells(t *testing.T) {
	_, path := renderSample(t)
	d := loadPDF(t, path)
	root := d.dict(d.dict(d.trailer["/Root"])["/StructTreeRoot"])
	ids := map[string]string{} // ID -> element reference
	if it := d.dict(root["/IDTree"]); it != nil {
		names := d.array(it["/Names"])
		for i := 0; i+1 < len(names); i += 2 {
			id, _ := pdfString(names[i])
			ref, _ := isRef(names[i+1])
			ids[id] = ref
		}
	}
	grouped, checked := 0, 0
	d.eachTBody(root["/K"], func(e map[string]any) {
		group := "" // the ID the current group's TH should have
		groupRef := ""
		for _, tr := range d.array(e["/K"]) {
			cells := d.array(d.dict(tr)["/K"])
			if len(cells) == 1 && name(d.dict(cells[0])["/S"]) == "TH" {
				grouped++
				th := d.dict(cells[0])
				group, _ = pdfString(th["/ID"])
				groupRef, _ = isRef(cells[0])
				if group == "" {
					t.Errorf("group row TH has no /ID")
				} else if ids[group] != groupRef {
					t.Errorf("/IDTree maps %q to %q, want the group TH %s", group, ids[group], groupRef)
				}
				continue
			}
			if groupRef == "" {
				continue
			}
			for _, c := range cells {
				cd := d.dict(c)
				if name(cd["/S"]) != "TD" {
					continue
				}
				checked++
				var hs []string
				if a := d.dict(cd["/A"]); a != nil {
					for _, h := range d.array(a["/Headers"]) {
						s, _ := pdfString(h)
						hs = append(hs, s)
					}
				}
				if !slices.Contains(hs, group) || len(hs) < 2 {
					t.Fatalf("a cell under group %q has /Headers %q, want its column's and its group's", group, hs)
				}
				for _, h := range hs {
					if ids[h] == "" {
						t.Fatalf("/Headers names %q, which is not in the /IDTree", h)
					}
				}
			}
		}
	})
	if grouped == 0 || checked == 0 {
		t.Fatalf("found %d group rows and %d cells under them in the sample paper, want some", grouped, checked)
	}
}

// TestFirstColumnHeadsItsRows: as in the HTML companion, a table whose
// every row names something in its first cell (an area, a team, an
// indicator) has that cell as the row's header, so a screen reader reads
// "Workforce, Red, 2" rather than a bare 2; and a table either heads all
// its rows so or none.
func TestFirstColumnHeadsItsRows(t *testing.T) {
	_, path := renderSample(t)
	d := loadPDF(t, path)
	root := d.dict(d.dict(d.trailer["/Root"])["/StructTreeRoot"])
	headed, tables := 0, 0
	d.eachTBody(root, func(e map[string]any) {
		th, td := 0, 0
		for _, tr := range d.array(e["/K"]) {
			cells := d.array(d.dict(tr)["/K"])
			if len(cells) < 2 {
				continue // a group row
			}
			first := d.dict(cells[0])
			switch name(first["/S"]) {
			case "TH":
				th++
				if a := d.dict(first["/A"]); a == nil || name(a["/Scope"]) != "Row" {
					t.Errorf("a row's header cell has no /Scope /Row: %v", first["/A"])
				}
			default:
				td++
			}
		}
		if th > 0 && td > 0 {
			t.Errorf("a table heads %d of its rows by their first cell and not %d others", th, td)
		}
		if th > 0 {
			tables++
		}
		headed += th
	})
	if tables == 0 {
		t.Errorf("no table row is headed by its first cell; want the tables of areas, teams and indicators so headed")
	}
	t.Logf("%d rows of %d tables headed by their first cell", headed, tables)
}
