package html

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/boardpack/boardpack/internal/doc"
)

// node is an element of a parsed page. The pages are written so that they
// are also well-formed XML, which lets the tests read them with
// encoding/xml.
type node struct {
	name     string
	attr     map[string]string
	children []*node
	text     strings.Builder // all the text inside, children's included
	parent   *node
}

func (n *node) has(class string) bool {
	for _, c := range strings.Fields(n.attr["class"]) {
		if c == class {
			return true
		}
	}
	return false
}

func (n *node) walk(f func(*node)) {
	f(n)
	for _, c := range n.children {
		c.walk(f)
	}
}

func (n *node) all(name string) []*node {
	var out []*node
	n.walk(func(m *node) {
		if m.name == name {
			out = append(out, m)
		}
	})
	return out
}

func (n *node) Text() string { return strings.Join(strings.Fields(n.text.String()), " ") }

func parse(t *testing.T, page []byte) *node {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(page))
	d.Strict = true
	root := &node{name: "#document", attr: map[string]string{}}
	cur := root
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, col := d.InputPos()
			t.Fatalf("the page is not well-formed at line %d col %d: %v", line, col, err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			n := &node{name: tk.Name.Local, attr: map[string]string{}, parent: cur}
			for _, a := range tk.Attr {
				n.attr[a.Name.Local] = a.Value
			}
			cur.children = append(cur.children, n)
			cur = n
		case xml.EndElement:
			cur = cur.parent
		case xml.CharData:
			for n := cur; n != nil; n = n.parent {
				n.text.Write(tk)
			}
		}
	}
	return root
}

// checkPage asserts what a screen-reader user and WCAG need of a page, and
// returns the problems found.
func checkPage(t *testing.T, page []byte) []string {
	root := parse(t, page)
	var bad []string
	fail := func(format string, a ...any) { bad = append(bad, fmt.Sprintf(format, a...)) }

	htmls := root.all("html")
	if len(htmls) != 1 || htmls[0].attr["lang"] != "en-GB" {
		fail("the page must have one html element with lang=en-GB")
	}
	if ts := root.all("title"); len(ts) == 0 || ts[0].Text() == "" {
		fail("the page has no title")
	}
	for _, l := range []string{"header", "main", "footer"} {
		if len(root.all(l)) != 1 {
			fail("the page needs one %s element", l)
		}
	}
	if strings.Contains(string(page), "<script") {
		fail("the page has a script")
	}
	// Nothing is loaded from elsewhere: only a link the reader follows
	// (from the officers' narrative) may point outside the page.
	root.walk(func(n *node) {
		for k, v := range n.attr {
			v = strings.ToLower(strings.TrimSpace(v))
			remote := strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://") || strings.HasPrefix(v, "//") || strings.Contains(v, "url(")
			if remote && !(n.name == "a" && k == "href") && !(k == "xmlns" && v == "http://www.w3.org/2000/svg") {
				fail("the page has an external reference: <%s %s=%q>", n.name, k, v)
			}
		}
	})
	if strings.Contains(strings.ToLower(string(page)), "url(http") {
		fail("the page's style loads something from elsewhere")
	}

	// Ids are unique, and every reference points at one.
	ids := map[string]bool{}
	root.walk(func(n *node) {
		if id, ok := n.attr["id"]; ok {
			if ids[id] {
				fail("id %q is used twice", id)
			}
			ids[id] = true
		}
	})
	root.walk(func(n *node) {
		for _, a := range []string{"aria-labelledby", "aria-describedby"} {
			for _, id := range strings.Fields(n.attr[a]) {
				if !ids[id] {
					fail("<%s %s=%q> points at no element", n.name, a, id)
				}
			}
		}
		if h := n.attr["href"]; strings.HasPrefix(h, "#") && !ids[h[1:]] {
			fail("link to %q goes nowhere", h)
		}
		if n.name == "img" && !strings.HasPrefix(n.attr["src"], "data:") {
			fail("an image is not a data: URI")
		}
		if _, ok := n.attr["alt"]; n.name == "img" && !ok {
			fail("an image has no alt")
		}
	})

	// One h1, and no heading more than one level below the one before.
	prev := 0
	h1 := 0
	root.walk(func(n *node) {
		if len(n.name) == 2 && n.name[0] == 'h' && n.name[1] >= '1' && n.name[1] <= '6' {
			lv := int(n.name[1] - '0')
			if lv == 1 {
				h1++
			}
			if lv > prev+1 {
				fail("%s %q follows h%d: a level is skipped", n.name, n.Text(), prev)
			}
			if n.Text() == "" {
				fail("an empty %s", n.name)
			}
			prev = lv
		}
	})
	if h1 != 1 {
		fail("the page has %d h1 elements, want 1", h1)
	}

	// Tables: a caption, column headers with scope, row headers with scope,
	// and a scrolling wrapper that is focusable and named.
	for _, tb := range root.all("table") {
		caps := tb.all("caption")
		if len(caps) != 1 || caps[0].Text() == "" {
			fail("table %s has no caption", tb.attr["id"])
		}
		for _, th := range tb.all("th") {
			switch sc := th.attr["scope"]; {
			case th.parent.parent.name == "thead" && sc != "col":
				fail("table %s: header %q has scope %q, want col", tb.attr["id"], th.Text(), sc)
			case th.parent.parent.name == "tbody" && sc != "row" && sc != "rowgroup":
				fail("table %s: row header %q has scope %q", tb.attr["id"], th.Text(), sc)
			}
		}
		if len(tb.all("thead")) != 1 {
			fail("table %s has no thead", tb.attr["id"])
		}
		w := tb.parent
		if !w.has("table-wrap") || w.attr["tabindex"] != "0" || w.attr["role"] != "region" || !ids[w.attr["aria-labelledby"]] {
			fail("table %s is not in a focusable, named scrolling region", tb.attr["id"])
		}
	}

	// RAG ratings carry their word, never colour alone.
	root.walk(func(n *node) {
		for _, c := range strings.Fields(n.attr["class"]) {
			if strings.HasPrefix(c, "rag-") && n.Text() == "" {
				fail("a %s element with class %s has no text", n.name, c)
			}
		}
	})

	// Charts: an image with a title and a description, and the figures.
	for _, svg := range root.all("svg") {
		titles, descs := svg.all("title"), svg.all("desc")
		if svg.attr["role"] != "img" || len(titles) != 1 || titles[0].Text() == "" || len(descs) != 1 || descs[0].Text() == "" {
			fail("svg %q lacks role=img, a title or a desc", svg.attr["aria-labelledby"])
			continue
		}
		if svg.attr["aria-labelledby"] != titles[0].attr["id"] || svg.attr["aria-describedby"] != descs[0].attr["id"] {
			fail("svg %q is not labelled by its title and described by its desc", titles[0].Text())
		}
		if len(svg.all("text")) == 0 {
			fail("svg %q has no text", titles[0].Text())
		}
		fig := svg.parent
		noData := strings.Contains(descs[0].Text(), "No data for this period")
		if fig.name != "figure" || !noData && (len(fig.all("details")) != 1 || len(fig.all("table")) != 1) {
			fail("svg %q is not in a figure with its figures as a table", titles[0].Text())
		}
	}
	return bad
}

// TestStructureCatchesDefects: the structural checks fail on pages with
// the defects they look for.
func TestStructureCatchesDefects(t *testing.T) {
	good, err := Render(testDocument(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, from, to, want string }{
		{"skipped level", `<h2 id="progress">Progress</h2>`, `<h4 id="progress">Progress</h4>`, "a level is skipped"},
		{"no caption", `<caption id="table-3-caption">Exceptions</caption>`, ``, "has no caption"},
		{"no scope", `<th scope="col">Ref</th>`, `<th>Ref</th>`, "want col"},
		{"colour alone", `<td class="c rag rag-3">Red</td>`, `<td class="c rag rag-3"></td>`, "has no text"},
		{"no desc", `aria-describedby="chart-2-desc"`, `aria-describedby="chart-x"`, "points at no element"},
		{"no lang", `<html lang="en-GB">`, `<html>`, "lang=en-GB"},
		{"external", `<style>`, `<link rel="stylesheet" href="https://example.org/a.css" /><style>`, "external reference"},
	} {
		bad := strings.Replace(string(good), c.from, c.to, 1)
		if bad == string(good) {
			t.Fatalf("%s: %q is not in the page", c.name, c.from)
		}
		found := false
		for _, p := range checkPage(t, []byte(bad)) {
			found = found || strings.Contains(p, c.want)
		}
		if !found {
			t.Errorf("%s: the checks did not report %q", c.name, c.want)
		}
	}
}

// TestHostileText: text that HTML, XML or the PDF's fonts choke on is
// escaped or replaced, and the page stays well-formed with its words.
func TestHostileText(t *testing.T) {
	nasty := "R&D <script>alert(1)</script> \"q\" 'a' \x00\x07 \xff\xfe 😀 \u2028 \uFFFF end"
	d := testDocument(t)
	d.Meta.Title = nasty
	d.Header.Right = nasty
	d.Sections[1].Blocks = append(d.Sections[1].Blocks,
		&doc.Heading{Level: 1, Text: nasty},
		&doc.Paragraph{Spans: doc.Text(nasty)},
		&doc.Table{Caption: nasty, Columns: []doc.Column{{Header: nasty}, {Header: "b"}}, Rows: []doc.Row{{Group: nasty}, {Cells: []doc.Cell{{Text: nasty}, {RAG: nasty}}}}},
		&doc.Chart{Kind: doc.Bar, Title: nasty, Source: nasty, Unit: nasty, Categories: []string{nasty}, Series: []doc.Series{{Name: nasty, Values: []float64{1}}}},
	)
	out, err := Render(d)
	if err != nil {
		t.Fatal(err)
	}
	root := parse(t, out)
	if n := len(root.all("script")); n != 0 {
		t.Errorf("%d script elements from text", n)
	}
	if !strings.Contains(root.Text(), "R&D <script>alert(1)</script>") || !strings.Contains(root.Text(), "😀") {
		t.Errorf("the text is lost: %q", root.Text())
	}
	for _, p := range checkPage(t, out) {
		if !strings.Contains(p, "level is skipped") {
			t.Error(p)
		}
	}
}

func TestHeadingLevels(t *testing.T) {
	d := doc.Document{Meta: doc.Meta{Title: "T"}, Sections: []doc.Section{{Blocks: []doc.Block{
		&doc.Heading{Level: 3, Text: "Deep first"},
		&doc.Heading{Level: 1, Text: "One"},
		&doc.Heading{Level: 3, Text: "Three"},
		&doc.Heading{Level: 2, Text: "Two"},
		&doc.Heading{Level: 9, Text: "Nine"},
		&doc.Heading{Level: 1, Text: "One"},
	}}}}
	out, err := Render(d)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	parse(t, out).walk(func(n *node) {
		if strings.HasPrefix(n.name, "h") && len(n.name) == 2 {
			got = append(got, n.name+" "+n.attr["id"]+" "+n.Text())
		}
	})
	want := []string{"h1  T", "h2 deep-first Deep first", "h2 one One", "h3 three Three", "h3 two Two", "h4 nine Nine", "h2 one-2 One"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("headings\n got %q\nwant %q", got, want)
	}
}

// TestEmptyDocument: a document with nothing in it still makes a valid
// page with a title and an h1.
func TestEmptyDocument(t *testing.T) {
	out, err := Render(doc.Document{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range checkPage(t, out) {
		t.Error(p)
	}
}

func TestRAGTextContrast(t *testing.T) {
	for _, c := range []struct{ fill, text doc.Colour }{
		{doc.Colour{R: 242, G: 169, B: 0}, white},
		{doc.Colour{R: 198, G: 40, B: 40}, black},
		{doc.Colour{R: 128, G: 128, B: 128}, doc.Colour{R: 120, G: 120, B: 120}},
		{doc.Colour{R: 31, G: 95, B: 173}, white},
	} {
		got := readableOn(c.fill, c.text)
		if r := contrast(c.fill, got); r < 4.5 {
			t.Errorf("text %v on %v has contrast %.2f, want 4.5 or more", got, c.fill, r)
		}
	}
}

// TestStructure: the test document's page passes the structural checks
// (the four papers are checked in papers_test.go).
func TestStructure(t *testing.T) {
	out, err := Render(testDocument(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range checkPage(t, out) {
		t.Errorf("test document: %s", p)
	}
}

// TestDraftIsSaid: a draft paper's page says so at the top, naming what is
// missing.
func TestDraftIsSaid(t *testing.T) {
	d := testDocument(t)
	d.Draft = []string{"Headline message", "Risks and issues"}
	out, err := Render(d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "<strong>DRAFT.</strong> The officers' narrative for this paper is still to be added: Headline message; Risks and issues.") {
		t.Error("a draft page does not say it is a draft")
	}
	// The note is in the main landmark, first: "Skip to main content" and
	// a screen reader's landmark navigation land on it, not past it.
	page := string(out)
	main, note, h1 := strings.Index(page, "<main"), strings.Index(page, "class=\"draft\""), strings.Index(page, "<h1")
	if main < 0 || note < main || (h1 >= 0 && note > h1) {
		t.Errorf("the DRAFT note is at %d, want inside <main> (at %d) before the title (at %d)", note, main, h1)
	}
	for _, p := range checkPage(t, out) {
		t.Error(p)
	}
}
