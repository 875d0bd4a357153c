package pdf

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
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

// tool returns the path of an external program or skips the test.
func tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s not installed: run scripts/test.sh, which installs qpdf and poppler-utils", name)
	}
	return p
}

func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(tool(t, name), args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String()
}

var (
	sampleOnce sync.Once
	sampleOut  Output
	sampleErr  error
	samplePath string
)

// renderSample renders the representative paper once and writes it to a
// temporary file shared by the tests.
func renderSample(t *testing.T) (Output, string) {
	t.Helper()
	sampleOnce.Do(func() {
		sampleOut, sampleErr = Render(sampleDocument(150))
		if sampleErr != nil {
			return
		}
		dir, err := os.MkdirTemp("", "pdfeng")
		if err != nil {
			sampleErr = err
			return
		}
		samplePath = filepath.Join(dir, "sample.pdf")
		sampleErr = os.WriteFile(samplePath, sampleOut.PDF, 0o644)
	})
	if sampleErr != nil {
		t.Fatal(sampleErr)
	}
	return sampleOut, samplePath
}

func writeTemp(t *testing.T, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func pdfInfo(t *testing.T, path string) map[string]string {
	t.Helper()
	info := map[string]string{}
	for _, ln := range strings.Split(run(t, "pdfinfo", path), "\n") {
		k, v, ok := strings.Cut(ln, ":")
		if ok {
			info[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return info
}

// sampleTexts is the shared sample paper's pageTexts, read once for the
// tests that read it (the file is never rewritten).
var sampleTexts struct {
	sync.Mutex
	texts []string
}

// pageTexts returns pdftotext -layout output per page (index 0 = page 1).
func pageTexts(t *testing.T, path string, pages int) []string {
	t.Helper()
	if path == samplePath {
		sampleTexts.Lock()
		defer sampleTexts.Unlock()
		if sampleTexts.texts == nil {
			sampleTexts.texts = readPageTexts(t, path, pages)
		}
		if len(sampleTexts.texts) != pages {
			t.Fatalf("pdftotext gave %d pages, want %d", len(sampleTexts.texts), pages)
		}
		return slices.Clone(sampleTexts.texts)
	}
	return readPageTexts(t, path, pages)
}

// readPageTexts runs pdftotext -layout on the PDF at path.
func readPageTexts(t *testing.T, path string, pages int) []string {
	t.Helper()
	return pdftotextPages(t, "-layout", path, pages)
}

// rawPageTexts returns pdftotext -raw output (content order) per page.
func rawPageTexts(t *testing.T, path string, pages int) []string {
	t.Helper()
	return pdftotextPages(t, "-raw", path, pages)
}

// pdftotextPages runs one pdftotext with mode on the whole file, which
// ends every page with a form feed, and returns the pages' texts.
func pdftotextPages(t *testing.T, mode, path string, pages int) []string {
	t.Helper()
	out := strings.Split(run(t, "pdftotext", mode, path, "-"), "\f")
	if len(out) != pages+1 || out[pages] != "" {
		t.Fatalf("pdftotext %s gave %d pages, want %d", mode, len(out)-1, pages)
	}
	return out[:pages]
}

func qpdfCheck(t *testing.T, path string) {
	t.Helper()
	out := run(t, "qpdf", "--check", path)
	if !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Fatalf("qpdf --check:\n%s", out)
	}
}

func TestRenderSamplePaper(t *testing.T) {
	t.Parallel()
	out, path := renderSample(t)
	qpdfCheck(t, path)

	info := pdfInfo(t, path)
	if got := info["Pages"]; got != strconv.Itoa(out.Pages) {
		t.Fatalf("pdfinfo Pages = %s, Output.Pages = %d", got, out.Pages)
	}
	if out.Pages < 12 {
		t.Fatalf("only %d pages; the 150-row table should span several", out.Pages)
	}
	for k, want := range map[string]string{
		"Title":   "Children's Improvement Action Plan: progress report",
		"Author":  "Herefordshire Council",
		"Subject": "Cabinet, 19 November 2026",
		"Creator": "boardpack test",
	} {
		if info[k] != want {
			t.Errorf("pdfinfo %s = %q, want %q", k, info[k], want)
		}
	}
	if !strings.HasPrefix(info["CreationDate"], "Sat Oct 31 00:00:00 2026") {
		t.Errorf("CreationDate = %q, want the document date", info["CreationDate"])
	}
	if d := loadPDF(t, path); d.dict(d.trailer["/Root"])["/Lang"] != "u:en-GB" {
		t.Errorf("catalog /Lang is %v, want en-GB", d.dict(d.trailer["/Root"])["/Lang"])
	}
	if !bytes.HasPrefix(out.PDF, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(out.PDF), []byte("%%EOF")) {
		t.Error("not a complete PDF")
	}
}

func TestPageFurnitureAndTableRepeat(t *testing.T) {
	out, path := renderSample(t)
	texts := pageTexts(t, path, out.Pages)
	headerRow := regexp.MustCompile(`Ref\s+Action\s+Lead\s+Due\s+Progress\s+RAG`)
	for i, tx := range texts {
		want := fmt.Sprintf("Page %d of %d", i+1, out.Pages)
		if !strings.Contains(tx, want) {
			t.Errorf("page %d: footer %q missing", i+1, want)
		}
		if !strings.Contains(tx, "OFFICIAL") {
			t.Errorf("page %d: classification missing", i+1)
		}
		if i > 0 && !strings.Contains(tx, "Cabinet, 19 November 2026") {
			t.Errorf("page %d: header text missing", i+1)
		}
	}
	// The action table starts on one page and continues over several; its
	// header row must be printed again on every continuation page.
	first := -1
	for i, tx := range texts {
		if strings.Contains(tx, "Improvement actions by area") && !strings.Contains(tx, "(continued)") {
			first = i
			break
		}
	}
	if first < 0 {
		t.Fatal("table caption not found")
	}
	cont := 0
	for i := first + 1; i < len(texts); i++ {
		if !strings.Contains(texts[i], "Improvement actions by area (continued)") {
			break
		}
		cont++
		if !headerRow.MatchString(texts[i]) {
			t.Errorf("page %d: table continues but the header row is not repeated", i+1)
		}
	}
	if cont < 3 {
		t.Errorf("table continued on %d pages, want at least 3", cont)
	}
	// Second page of the table, explicitly with a page range.
	n := strconv.Itoa(first + 2)
	if tx := run(t, "pdftotext", "-layout", "-f", n, "-l", n, path, "-"); !headerRow.MatchString(tx) {
		t.Errorf("page %s (the table's second page) lacks the header row", n)
	}
	// Every action is printed once, none split or lost: the last row too.
	all := strings.Join(texts, "\n")
	for _, a := range []string{"Action 1:", "Action 75:", "Action 150:"} {
		if strings.Count(all, a) < 1 {
			t.Errorf("%s missing from the text", a)
		}
	}
	// RAG is never colour alone: the words are printed.
	for _, w := range []string{"Red", "Amber", "Green", "Complete"} {
		if !strings.Contains(all, w) {
			t.Errorf("RAG word %q missing", w)
		}
	}
}

func TestLandscapeSection(t *testing.T) {
	out, path := renderSample(t)
	texts := pageTexts(t, path, out.Pages)
	land := 0
	for i, tx := range texts {
		if !strings.Contains(tx, "Appendix A") {
			continue
		}
		n := strconv.Itoa(i + 1)
		info := run(t, "pdfinfo", "-f", n, "-l", n, path)
		if strings.Contains(info, "841.89 x 595.28") {
			land++
		}
	}
	if land < 2 {
		t.Fatalf("want the appendix on at least 2 landscape pages, got %d", land)
	}
	// Page numbering continues: the last page says "Page N of N".
	if !strings.Contains(texts[len(texts)-1], fmt.Sprintf("Page %d of %d", out.Pages, out.Pages)) {
		t.Error("numbering does not continue into the landscape section")
	}
}

type outline struct {
	Title string    `json:"title"`
	Page  int       `json:"destpageposfrom1"`
	Kids  []outline `json:"kids"`
}

func TestBookmarks(t *testing.T) {
	_, path := renderSample(t)
	var js struct {
		Outlines []outline `json:"outlines"`
	}
	raw := run(t, "qpdf", "--json", "--json-key=outlines", path)
	if err := json.Unmarshal([]byte(raw), &js); err != nil {
		t.Fatal(err)
	}
	top := map[string]outline{}
	for _, o := range js.Outlines {
		top[o.Title] = o
	}
	for _, want := range []string{"Purpose", "Recommendation(s)", "Contents", "Key considerations", "Risk management", "Progress against the action plan", "Appendix A: Improvement action plan"} {
		if _, ok := top[want]; !ok {
			t.Errorf("top-level bookmark %q missing; have %v", want, js.Outlines)
		}
	}
	kc := top["Key considerations"]
	var kids []string
	for _, k := range kc.Kids {
		kids = append(kids, k.Title)
	}
	if strings.Join(kids, "|") != "Headline position|Background|Workforce and caseloads|RAG ratings" {
		t.Errorf("Key considerations children = %q", kids)
	}
	for _, k := range kc.Kids {
		if k.Title == "Workforce and caseloads" {
			if len(k.Kids) != 1 || k.Kids[0].Title != "Agency staffing" {
				t.Errorf("level 3 bookmark not nested under its level 2 heading: %+v", k.Kids)
			}
		}
	}
	if top["Contents"].Page != 2 {
		t.Errorf("Contents bookmark on page %d, want 2", top["Contents"].Page)
	}
}

// TestContentsPageNumbers checks that the number printed for each heading on
// the contents page is the page on which pdftotext finds that heading.
func TestContentsPageNumbers(t *testing.T) {
	out, path := renderSample(t)
	texts := pageTexts(t, path, out.Pages)
	if !strings.Contains(texts[1], "Contents") {
		t.Fatalf("page 2 is not the contents page:\n%s", texts[1])
	}
	entry := regexp.MustCompile(`(?m)^\s*(\S.*?)\s*(?:\.\s)+\.?\s*(\d+)\s*$`)
	ms := entry.FindAllStringSubmatch(texts[1], -1)
	if len(ms) < 10 {
		t.Fatalf("found %d contents entries:\n%s", len(ms), texts[1])
	}
	for _, m := range ms {
		title, num := strings.TrimSpace(m[1]), m[2]
		want, _ := strconv.Atoi(num)
		line := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(title) + `\s*$`)
		found := 0
		for i, tx := range texts {
			if i == 1 {
				continue
			}
			if line.MatchString(tx) {
				found = i + 1
				break
			}
		}
		if found != want {
			t.Errorf("contents says %q is on page %d; it is on page %d", title, want, found)
		}
	}
	// The numbers are right-aligned exactly: every number in the body of
	// the contents page ends at the right margin (190 mm = 538.58 pt).
	bbox := run(t, "pdftotext", "-bbox", "-f", "2", "-l", "2", path, "-")
	word := regexp.MustCompile(`<word xMin="[\d.]+" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(\d+)</word>`)
	nums := 0
	for _, m := range word.FindAllStringSubmatch(bbox, -1) {
		y, _ := strconv.ParseFloat(m[1], 64)
		if y < 62 || y > 780 { // header and footer
			continue
		}
		nums++
		x, _ := strconv.ParseFloat(m[2], 64)
		if x < 538.5 || x > 538.65 {
			t.Errorf("page number %s ends at x=%.2f pt, want 538.58", m[3], x)
		}
	}
	if nums != len(ms) {
		t.Errorf("%d numbers in the contents body, %d entries", nums, len(ms))
	}
}

func TestDeterministic(t *testing.T) {
	t.Parallel()
	// A dated document, and one with no date (which must not fall back on
	// the clock either), each rendered twice across a change of second.
	undated := sampleDocument(10)
	undated.Meta.Date = time.Time{}
	a, err := Render(sampleDocument(150))
	if err != nil {
		t.Fatal(err)
	}
	c, _ := Render(undated)
	time.Sleep(1100 * time.Millisecond) // a clock leak would show up now
	b, err := Render(sampleDocument(150))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.PDF, b.PDF) {
		t.Fatal("two renders of the same document differ")
	}
	e, _ := Render(undated)
	if !bytes.Equal(c.PDF, e.PDF) {
		t.Fatal("undated document depends on the clock")
	}
}

// TestNoHeadingEndsAPage checks keep-with-next on the layout itself: every
// heading has body content below it on its own page.
func TestNoHeadingEndsAPage(t *testing.T) {
	m, err := loadMetrics()
	if err != nil {
		t.Fatal(err)
	}
	for _, rows := range []int{5, 37, 150, 151, 152, 153} {
		d := sampleDocument(rows)
		l := doLayout(m, &d, true)
		for pi, pg := range l.pages {
			for _, o := range pg.ops {
				if o.k != opBookmark {
					continue
				}
				below := false
				for _, q := range pg.ops {
					if q.k == opText && q.y > o.y+12 || q.k == opChart || q.k == opFill && q.y > o.y+8 {
						below = true
						break
					}
				}
				if !below {
					t.Errorf("rows=%d: heading %q ends page %d", rows, o.s, pi+1)
				}
			}
		}
	}
}

// TestTextStaysInside checks that no text is drawn outside the text column
// and no table cell text is wider than its cell, for hostile strings.
func TestTextStaysInside(t *testing.T) {
	m, err := loadMetrics()
	if err != nil {
		t.Fatal(err)
	}
	nasty := "😀 Emoji U+1F600 \x00\x01\x7f ctrl\ttab\r\nnewline \xff\xfe invalid \u202e bidi \u200b zwsp " +
		"https://example.gov.uk/a/very/long/path/that/does/not/break/anywhere/because/it/has/no/spaces/at/all/" + strings.Repeat("x", 300) +
		" 中文 ꙮ \uFFFF \U0010FFFF"
	d := sampleDocument(20)
	d.Meta.Title = nasty
	d.Header.Left, d.Footer.Right = nasty, nasty
	d.Sections[0].Blocks = append(d.Sections[0].Blocks,
		&doc.Heading{Level: 2, Text: nasty},
		&doc.Paragraph{Number: 99, Spans: []doc.Span{{Text: nasty, Bold: true}, {Text: nasty, Italic: true}}},
		&doc.Table{Caption: nasty, Columns: []doc.Column{{Header: nasty, Width: 12}, {Header: "B", Weight: 1}, {Header: "C", Width: 9}},
			Rows: []doc.Row{{Group: nasty}, {Cells: []doc.Cell{{Text: nasty}, {Text: nasty, RAG: "R"}, {Text: nasty, RAG: "?"}}}}},
		&doc.Tiles{Items: []doc.Tile{{Label: nasty, Value: nasty, Change: nasty, RAG: "A"}}},
		&doc.Fields{Items: []doc.Field{{Label: nasty, Value: nasty}}},
	)
	l := doLayout(m, &d, true)
	for pi, pg := range l.pages {
		g := pageGeom(pg.landscape)
		for _, o := range pg.ops {
			if o.k != opText {
				continue
			}
			// a line's trailing space is invisible
			w := m.textWidth(strings.TrimRight(o.s, " "), o.st, o.size)
			if o.x < g.left-0.01 || o.x+w > g.left+g.textW+0.01 {
				t.Errorf("page %d: text %q at x=%.1f..%.1f outside the column", pi+1, o.s, o.x, o.x+w)
			}
			if o.y < g.bodyTop || o.y > g.bodyBottom {
				t.Errorf("page %d: text %q at y=%.1f outside the body", pi+1, o.s, o.y)
			}
		}
	}
	// Wrapped lines never exceed the width asked for.
	for _, maxW := range []float64{3, 9, 25, 80} {
		for _, ln := range m.wrap([]styledText{{s: m.clean(nasty, true)}}, 8.5, maxW) {
			if ln.w > maxW+1e-6 {
				t.Errorf("wrap(%.0f): line %.2f mm wide", maxW, ln.w)
			}
		}
	}
	out, err := Render(d)
	if err != nil {
		t.Fatal(err)
	}
	path := writeTemp(t, out.PDF)
	qpdfCheck(t, path)
	for _, p := range checkTagged(t, path) {
		t.Error(p)
	}
}

func TestEmptyAndEdgeDocuments(t *testing.T) {
	t.Parallel()
	cases := map[string]doc.Document{
		"empty":       {},
		"no sections": {Contents: true, RAGKey: testRAG},
		"nil blocks":  {Sections: []doc.Section{{Blocks: []doc.Block{nil, (*doc.Heading)(nil), (*doc.Table)(nil), (*doc.Chart)(nil), &doc.PageBreak{}, &doc.PageBreak{}}}}},
		"empty table": {Sections: []doc.Section{{Blocks: []doc.Block{&doc.Table{Caption: "Nothing"}, &doc.Table{Columns: []doc.Column{{Header: "A"}}}, &doc.Tiles{}, &doc.List{}, &doc.Paragraph{}}}}},
		"only landscape": {Contents: true, Sections: []doc.Section{{Landscape: true, Blocks: []doc.Block{&doc.Heading{Level: 1, Text: "A"}}},
			{Blocks: []doc.Block{&doc.Heading{Level: 3, Text: "deep first"}, &doc.Heading{Level: 1, Text: "B"}}}}},
		"blank headings and draft": {Draft: []string{"Risks and issues"}, Contents: true, Sections: []doc.Section{{Blocks: []doc.Block{
			&doc.Heading{Level: 2, Text: " "}, &doc.Heading{Level: 1, Text: ""}, &doc.Paragraph{Spans: doc.Text("  ")},
			&doc.Chart{Kind: doc.Bar}, &doc.ChartGrid{Charts: []doc.Chart{{Kind: doc.SmallLine}}}, &doc.Heading{Level: 3, Text: "Deep"}}}}},
	}
	for name, d := range cases {
		t.Run(name, func(t *testing.T) {
			out, err := Render(d)
			if err != nil {
				t.Fatal(err)
			}
			if out.Pages < 1 {
				t.Fatal("no pages")
			}
			path := writeTemp(t, out.PDF)
			qpdfCheck(t, path)
			for _, p := range checkTagged(t, path) {
				t.Error(p)
			}
		})
	}
}

// TestBookmarkDestinationsMixedOrientation: fpdf computes outline
// destinations from the last page's height; ours are corrected per page.
func TestBookmarkDestinationsMixedOrientation(t *testing.T) {
	d := doc.Document{Sections: []doc.Section{
		{Blocks: []doc.Block{&doc.Heading{Level: 1, Text: "Portrait"}, para(1, "A portrait page.")}},
		{Landscape: true, Blocks: []doc.Block{&doc.Heading{Level: 1, Text: "Landscape"}, para(2, "A landscape page.")}},
	}}
	out, err := Render(d)
	if err != nil {
		t.Fatal(err)
	}
	// Both headings sit at the top of the body (22 mm) of their own page:
	// y in points from the bottom is (297-22)*k and (210-22)*k.
	pd := loadPDF(t, writeTemp(t, out.PDF))
	var dests []string
	for _, v := range pd.objs {
		if m, ok := v.(map[string]any); ok {
			if a, ok := m["/Dest"].([]any); ok && len(a) == 5 {
				dests = append(dests, fmt.Sprint(a[3]))
			}
		}
	}
	for _, want := range []string{"779.53", "532.91"} {
		if !slices.Contains(dests, want) {
			t.Errorf("no outline destination at y=%s; have %v", want, dests)
		}
	}
}

func FuzzRender(f *testing.F) {
	f.Add("Purpose", "Ref", "R", 1, 12.5, 75.0)
	f.Add("😀\x00\xff\u202e", "\t\r\n", "", -3, -1.0, 0.0)
	f.Add(strings.Repeat("W", 400), "https://x.example/"+strings.Repeat("a/", 80), "A", 1<<40, 1e300, 1e300)
	f.Add("中文 ꙮ \uFFFF", "\U0010FFFF", "G", 0, 0.0001, -5.0)
	f.Fuzz(func(t *testing.T, a, b, code string, num int, w, h float64) {
		spans := []doc.Span{{Text: a}, {Text: b, Bold: true}, {Text: a + b, Italic: true}}
		rows := []doc.Row{{Group: a}}
		for i := range 25 {
			rows = append(rows, doc.Row{Cells: []doc.Cell{{Text: a}, {Text: b, RAG: code}, {Text: strconv.Itoa(i), Bold: true}}})
		}
		d := doc.Document{
			Meta:     doc.Meta{Title: a, Subject: b, Author: a, Keywords: b, Creator: a, Language: b},
			Header:   doc.Furniture{Left: a, Right: b, Classification: a},
			Footer:   doc.Furniture{Left: b, Right: a, Classification: b},
			Contents: true,
			RAGKey:   []doc.RAGLevel{{Code: code, Label: a, Meaning: b}, {Code: a, Label: b, Meaning: a}},
			Sections: []doc.Section{
				{Blocks: []doc.Block{
					&doc.Title{Organisation: a, Title: a, Subtitle: b, Fields: []doc.Field{{Label: a, Value: b}}},
					&doc.Heading{Level: num, Text: a},
					&doc.Paragraph{Number: num, Style: doc.ParagraphStyle(num), Spans: spans},
				}},
				{Landscape: num%2 == 0, Blocks: []doc.Block{
					&doc.Heading{Level: 1, Text: b},
					&doc.List{Number: num, Lettered: true, Items: [][]doc.Span{spans, doc.Text(b)}},
					&doc.Fields{Items: []doc.Field{{Label: b, Value: a}}},
					&doc.Table{Caption: a, Zebra: true, Columns: []doc.Column{{Header: a, Width: w}, {Header: b, Weight: w}, {Header: code, Width: h, Align: doc.Align(num)}}, Rows: rows},
					&doc.Chart{Kind: doc.ChartKind(b), Title: a, Source: b, Categories: []string{a, b}, Unit: a, Height: h,
						Series: []doc.Series{{Name: b, Values: []float64{w, h}}}, Target: &doc.Target{Label: a, Value: w}},
					&doc.Tiles{Items: []doc.Tile{{Label: a, Value: b, Change: a, RAG: code}, {Label: b, Value: a, RAG: a}}},
					&doc.RAGKeyBlock{},
					&doc.PageBreak{},
					&doc.Heading{Level: 2, Text: a + b},
				}},
			},
		}
		out, err := Render(d)
		if err != nil {
			t.Fatalf("Render: %v", err)
		}
		// Whatever the text, none of it leaves its cell, the text column
		// or the page body.
		ps, err := layoutProblems(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			if p.rule == ruleOverflow {
				t.Error(p)
			}
		}
		if !bytes.HasPrefix(out.PDF, []byte("%PDF-")) {
			t.Fatal("output does not start with %PDF")
		}
		if !bytes.HasSuffix(bytes.TrimRight(out.PDF, "\r\n"), []byte("%%EOF")) {
			t.Fatal("output does not end with the EOF marker")
		}
		if out.Pages < 1 {
			t.Fatal("no pages")
		}
	})
}

// BenchmarkRenderLargePaper: about 60 pages with a 600-row wrapped table and
// 10 charts.
func BenchmarkRenderLargePaper(b *testing.B) {
	d := largeDocument()
	b.ReportAllocs()
	var out Output
	for b.Loop() {
		var err error
		out, err = Render(d)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(out.PDF))/1024, "KB/pdf")
	b.ReportMetric(float64(out.Pages), "pages")
}

func largeDocument() doc.Document {
	d := sampleDocument(600)
	d.Sections[2].Blocks[2] = actionTable(240, "Appendix A: actions")
	var charts []doc.Block
	for i := range 10 {
		charts = append(charts, &doc.Heading{Level: 2, Text: fmt.Sprintf("Trend %d", i+1)},
			para(0, "The chart below shows the trend over the last six months."),
			sampleChart(fmt.Sprintf("Measure %d, May to October 2026", i+1), doc.Line))
	}
	d.Sections = append(d.Sections, doc.Section{Blocks: append([]doc.Block{&doc.Heading{Level: 1, Text: "Trends"}}, charts...)})
	return d
}

func TestLargePaperShape(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("short")
	}
	out, err := Render(largeDocument())
	if err != nil {
		t.Fatal(err)
	}
	if out.Pages < 50 || out.Pages > 75 {
		t.Errorf("large paper has %d pages, want about 60", out.Pages)
	}
	qpdfCheck(t, writeTemp(t, out.PDF))
}

func TestConcurrentRender(t *testing.T) {
	want, err := Render(sampleDocument(40))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			got, err := Render(sampleDocument(40))
			if err == nil && !bytes.Equal(got.PDF, want.PDF) {
				err = fmt.Errorf("concurrent render differs")
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestWriteSamples writes the test papers for looking at, when
// BOARDPACK_PDF_OUT names a directory:
//
//	BOARDPACK_PDF_OUT=/tmp/pdfeng go test ./internal/pdf -run WriteSamples
//	pdftoppm -r 60 -png /tmp/pdfeng/sample.pdf /tmp/pdfeng/sample
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("BOARDPACK_PDF_OUT")
	if dir == "" {
		t.Skip("BOARDPACK_PDF_OUT not set")
	}
	draft := sampleDocument(150)
	draft.Draft = []string{"Headline message"}
	papers := map[string]struct {
		d doc.Document
		o RenderOptions
	}{
		"sample":       {sampleDocument(150), RenderOptions{}},
		"large":        {largeDocument(), RenderOptions{}},
		"sample-draft": {draft, RenderOptions{}},
		"sample-pack":  {sampleDocument(150), RenderOptions{InPack: true, FirstPage: 5}},
	}
	for _, p := range fourPapers(t) {
		papers[p.name] = struct {
			d doc.Document
			o RenderOptions
		}{p.d, RenderOptions{}}
	}
	for _, p := range edgeDocuments() {
		papers["edge-"+strings.ReplaceAll(p.name, " ", "-")] = struct {
			d doc.Document
			o RenderOptions
		}{p.d, RenderOptions{}}
	}
	for name, c := range papers {
		out, err := RenderWith(c.d, c.o)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".pdf"), out.PDF, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s.pdf: %d pages, %d bytes", name, out.Pages, len(out.PDF))
	}
}

// TestMain runs the tests and removes the shared sample's folder, which
// renderSample makes once for every test that reads the file.
func TestMain(m *testing.M) {
	code := m.Run()
	if samplePath != "" {
		os.RemoveAll(filepath.Dir(samplePath))
	}
	os.Exit(code)
}
