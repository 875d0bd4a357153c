package pack

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// fakeFront renders front matter with fpdf as the caller will: a cover,
// then an index of the items, perPage entries a page, each entry a link.
// It records the layouts it was asked for.
type fakeFront struct {
	titles  []string
	perPage int
	calls   []Layout
}

func (f *fakeFront) render(l Layout) (FrontMatter, error) {
	f.calls = append(f.calls, l)
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(testDate)
	pdf.SetCatalogSort(true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.AddPage()
	pdf.Bookmark("Cover", 0, 0)
	pdf.SetFont("Helvetica", "B", 20)
	pdf.Text(20, 40, "Improvement Board: meeting pack")
	pdf.SetFont("Helvetica", "", 11)
	cp1252 := pdf.UnicodeTranslatorFromDescriptor("")
	var links []IndexLink
	for i, title := range f.titles {
		if i%f.perPage == 0 {
			pdf.AddPage()
			if i == 0 {
				pdf.Bookmark("Index", 0, 0)
			}
		}
		y := 30 + float64(i%f.perPage)*10
		pdf.Text(20, y, cp1252(title))
		pdf.Text(170, y, fmt.Sprint(l.Items[i].Start))
		links = append(links, IndexLink{Page: pdf.PageNo(), Item: i, X: 20, Y: y - 5, W: 160, H: 7})
	}
	var b bytes.Buffer
	if err := pdf.Output(&b); err != nil {
		return FrontMatter{}, err
	}
	return FrontMatter{PDF: b.Bytes(), Links: links}, nil
}

func TestAssemble(t *testing.T) {
	needTools(t)
	board := paper(t, "Improvement Board highlight report", a4, a4L, a4, a5)
	cabinet := paper(t, "Cabinet report", a4, a4, a3L)
	docs := []packedDoc{
		{Path: writeTemp(t, "board.pdf", board), Title: "1. Improvement Board highlight report", Pages: 4},
		{Path: writeTemp(t, "odd.pdf", oddPDF()), Title: "2. Ofsted letter – Café (monitoring visit)", Pages: 4},
		{Path: writeTemp(t, "cabinet.pdf", cabinet), Title: "3. Cabinet report", Pages: 3},
		{Path: writeTemp(t, "tiny.pdf", tinyPDF()), Title: "4. Ticket", Pages: 1},
	}
	items := []Item{
		{Title: docs[0].Title, PDF: board, Name: "board paper"},
		{Title: docs[1].Title, Path: docs[1].Path},
		{Title: docs[2].Title, PDF: cabinet},
		{Title: docs[3].Title, Path: docs[3].Path},
	}
	front := &fakeFront{titles: []string{docs[0].Title, docs[1].Title, docs[2].Title, docs[3].Title}, perPage: 2}
	opt := Options{Title: "Improvement Board, 15 June 2023", Author: "Northmoor Borough Council",
		Subject: "Meeting pack", Keywords: "board pack", Date: testDate}
	p, err := Assemble(items, front.render, opt)
	if err != nil {
		t.Fatal(err)
	}
	keep(t, "unit-pack.pdf", p.PDF)

	// The front matter takes 3 pages (cover + 2 index pages): it was first
	// rendered assuming 1, then again with the right numbers.
	if len(front.calls) != 2 || front.calls[0].FrontPages != 1 || front.calls[1].FrontPages != 3 {
		t.Fatalf("front matter rendered for %+v, want FrontPages 1 then 3", front.calls)
	}
	want := Layout{FrontPages: 3, Items: []Placed{{4, 4}, {8, 4}, {12, 3}, {15, 1}}, Total: 15}
	if fmt.Sprint(p.Layout) != fmt.Sprint(want) || fmt.Sprint(front.calls[1]) != fmt.Sprint(want) {
		t.Fatalf("layout %+v, front matter told %+v, want %+v", p.Layout, front.calls[1], want)
	}
	for i := range docs {
		docs[i].Start = want.Items[i].Start
	}
	var kinds []string
	for _, w := range p.Warnings {
		kinds = append(kinds, w.File+":"+string(w.Kind))
	}
	if got := strings.Join(kinds, " "); got != docs[1].Path+":signed "+docs[1].Path+":form-flattened "+docs[1].Path+":attachments-dropped" {
		t.Errorf("warnings: %s", got)
	}

	path := writeTemp(t, "pack.pdf", p.PDF)
	q := verifyPack(t, path, want.Total, docs, 36)
	t.Run("index links", func(t *testing.T) {
		links := q.links()
		for i, doc := range docs {
			page := 2 + i/2
			y := 30 + float64(i%2)*10
			var found bool
			for _, l := range links[page-1] {
				r := [4]float64{20 * mm, (297 - y - 2) * mm, 180 * mm, (297 - y + 5) * mm}
				if l.Page == doc.Start && near4(l.Rect, r) {
					found = true
				}
			}
			if !found {
				t.Errorf("index page %d: no link to page %d at y=%g mm (links %+v)", page, doc.Start, y, links[page-1])
			}
		}
		if texts := pageTexts(t, path); !strings.Contains(texts[1], "2. Ofsted letter – Café (monitoring visit)\n\n8") || !strings.Contains(texts[2], "4. Ticket\n\n15") {
			t.Errorf("index pages read %q / %q", texts[1], texts[2])
		}
	})
	t.Run("outline", func(t *testing.T) {
		var titles []string
		for _, o := range q.Outlines {
			titles = append(titles, fmt.Sprintf("%s@%d", o.Title, o.DestPage))
		}
		if got := strings.Join(titles, " | "); got != "Cover@1 | Index@2 | 1. Improvement Board highlight report@4 | 2. Ofsted letter – Café (monitoring visit)@8 | 3. Cabinet report@12 | 4. Ticket@15" {
			t.Errorf("top-level bookmarks: %s", got)
		}
		// The odd file's bookmark goes to a named destination: made explicit.
		odd := q.Outlines[3].Kids
		if len(odd) != 1 || odd[0].Title != "Odd third page" || odd[0].DestPage != 10 {
			t.Errorf("odd file's bookmarks %+v, want its third page (10)", odd)
		}
	})
	t.Run("named link made explicit", func(t *testing.T) {
		l := q.links()[docs[1].Start-1]
		if len(l) != 1 || l[0].Page != docs[1].Start+3 || l[0].Named != "" {
			t.Errorf("odd page 1 links %+v, want one to page %d", l, docs[1].Start+3)
		}
	})
	t.Run("metadata", func(t *testing.T) {
		info := docInfo(t, path)
		for k, v := range map[string]string{"Title": opt.Title, "Author": opt.Author, "Subject": opt.Subject,
			"Keywords": opt.Keywords, "Creator": "boardpack", "Producer": "boardpack", "CreationDate": "Thu Jun 15 09:00:00 2023 UTC",
			"Form": "none", "Encrypted": "no"} {
			if info[k] != v {
				t.Errorf("%s = %q, want %q", k, info[k], v)
			}
		}
		cat := q.catalog()
		if cat["/Lang"] != "u:en-GB" || cat["/PageMode"] != "/UseOutlines" || cat["/AcroForm"] != nil || cat["/Names"] != nil {
			t.Errorf("catalog %v: want /Lang en-GB, /PageMode /UseOutlines, no /AcroForm, no /Names", cat)
		}
		for i, p := range q.Pages {
			annots, _ := q.resolve(q.dict(p.Object)["/Annots"]).([]any)
			for _, a := range annots {
				if q.dict(a)["/Subtype"] == "/Widget" {
					t.Errorf("page %d keeps a form widget", i+1)
				}
			}
		}
	})
	t.Run("deterministic", func(t *testing.T) {
		again, err := Assemble(items, (&fakeFront{titles: front.titles, perPage: 2}).render, opt)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again.PDF, p.PDF) {
			t.Error("the same inputs gave different bytes")
		}
	})
}

func near4(a, b [4]float64) bool {
	for i := range a {
		if math.Abs(a[i]-b[i]) > 0.01 {
			return false
		}
	}
	return true
}

func TestAssembleWithoutFrontMatter(t *testing.T) {
	needTools(t)
	rot := writeTemp(t, "odd.pdf", oddPDF())
	p, err := Assemble([]Item{{Title: "Only item", Path: rot}}, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.FrontPages != 0 || p.Total != 4 || p.Items[0] != (Placed{1, 4}) {
		t.Fatalf("layout %+v", p.Layout)
	}
	path := writeTemp(t, "pack.pdf", p.PDF)
	verifyPack(t, path, 4, []packedDoc{{Path: rot, Title: "Only item", Start: 1, Pages: 4}}, 36)
	if info := docInfo(t, path); info["CreationDate"] != "" {
		t.Errorf("no date given, but the pack says %q", info["CreationDate"])
	}
}

func TestAssembleReportsEveryRefusal(t *testing.T) {
	good := writeTemp(t, "good.pdf", paper(t, "Good", a4))
	html := writeTemp(t, "page.pdf", []byte("<html><body>not a pdf</body></html>"))
	locked := writeTemp(t, "locked.pdf", encryptedPaper(t, 0, "secret"))
	_, err := Assemble([]Item{{Title: "1", Path: good}, {Title: "2", Path: html}, {Title: "3", Path: locked}}, nil, Options{})
	if !errors.Is(err, ErrNotPDF) || !errors.Is(err, ErrPasswordProtected) {
		t.Fatalf("got %v, want both refusals", err)
	}
	if msg := err.Error(); !strings.Contains(msg, html) || !strings.Contains(msg, locked) || strings.Contains(msg, good) {
		t.Errorf("message %q should name exactly the refused files", msg)
	}
}

func TestAssembleRejectsBadRequests(t *testing.T) {
	doc := paper(t, "Doc", a4)
	cases := []struct {
		name  string
		items []Item
		front FrontMatterFunc
		says  string
	}{
		{"no items", nil, nil, "no items"},
		{"no title", []Item{{PDF: doc}}, nil, "no title"},
		{"both sources", []Item{{Title: "x", PDF: doc, Path: "x.pdf"}}, nil, "either"},
		{"front error", []Item{{Title: "x", PDF: doc}}, func(Layout) (FrontMatter, error) { return FrontMatter{}, errors.New("no template") }, "no template"},
		{"front not a PDF", []Item{{Title: "x", PDF: doc}}, func(Layout) (FrontMatter, error) { return FrontMatter{PDF: []byte("oops")}, nil }, "front matter: not a PDF"},
		{"front never settles", []Item{{Title: "x", PDF: doc}}, func(l Layout) (FrontMatter, error) {
			return FrontMatter{PDF: paper(t, "Front", make([]paperPage, l.FrontPages+1)...)}, nil
		}, "does not settle"},
		{"link out of range", []Item{{Title: "x", PDF: doc}}, func(l Layout) (FrontMatter, error) {
			return FrontMatter{PDF: paper(t, "Front", a4), Links: []IndexLink{{Page: 1, Item: 5}}}, nil
		}, "out of range"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Assemble(c.items, c.front, Options{})
			if err == nil || !strings.Contains(err.Error(), c.says) {
				t.Fatalf("got %v, want an error saying %q", err, c.says)
			}
		})
	}
}

func TestTextString(t *testing.T) {
	if got := textString(`Board (June) \ 2023`); got.PDFString() != `(Board \(June\) \\ 2023)` {
		t.Errorf("ASCII: %s", got.PDFString())
	}
	if got := textString("Café – €"); got.PDFString() != "<FEFF00430061006600E900202013002020AC>" {
		t.Errorf("non-ASCII: %s", got.PDFString())
	}
}

// TestAssembleFrontMatterOnly: a Part 2 pack whose exempt items are all
// verbal holds only its cover and agenda; that is a pack, not an error.
func TestAssembleFrontMatterOnly(t *testing.T) {
	f := &fakeFront{perPage: 10}
	p, err := Assemble(nil, f.render, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.FrontPages != 1 || p.Total != 1 || len(p.Items) != 0 {
		t.Fatalf("layout %+v, want the cover alone", p.Layout)
	}
	needTools(t)
	path := writeTemp(t, "front.pdf", p.PDF)
	qpdfCheck(t, path)
	checkPageNumbers(t, path, 1)
}
