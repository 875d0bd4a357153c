package html

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/diff"

	"github.com/boardpack/boardpack/internal/doc"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.html (review the diff before committing)")

// testLogo is a small PNG, made the same way every time.
func testLogo(tb testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for y := range 20 {
		for x := range 40 {
			img.Set(x, y, color.RGBA{R: uint8(0x1f + x), G: 0x38, B: uint8(0x64 + y), A: 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// testDocument is a small paper with every kind of block, and the awkward
// cases: a heading that skips a level, an empty heading, a table without
// a caption, group rows, RAG codes in and out of the key, missing values,
// characters that must be escaped, and an exempt classification.
func testDocument(tb testing.TB) doc.Document {
	rag := []doc.RAGLevel{
		{Code: "B", Label: "Blue", Meaning: "Complete", Colour: doc.Colour{R: 31, G: 95, B: 173}, Text: doc.Colour{R: 255, G: 255, B: 255}},
		{Code: "G", Label: "Green", Meaning: "On track", Colour: doc.Colour{R: 46, G: 125, B: 50}, Text: doc.Colour{R: 255, G: 255, B: 255}},
		// A text colour that fails against its fill: the page must pick a readable one.
		{Code: "A", Label: "Amber", Meaning: "At risk", Colour: doc.Colour{R: 242, G: 169, B: 0}, Text: doc.Colour{R: 255, G: 255, B: 255}},
		{Code: "R", Label: "Red", Meaning: "Off track", Colour: doc.Colour{R: 198, G: 40, B: 40}, Text: doc.Colour{R: 255, G: 255, B: 255}},
	}
	months := []string{"Jan 23", "Feb 23", "Mar 23", "Apr 23", "May 23", "Jun 23"}
	return doc.Document{
		Meta: doc.Meta{
			Title: "Test paper", Subject: "Test paper: every block", Author: "Northmoor Borough Council",
			Keywords: "test", Creator: "boardpack", Language: "en-GB",
			Date: time.Date(2023, 6, 30, 0, 0, 0, 0, time.UTC),
		},
		Header:   doc.Furniture{Left: "Northmoor Borough Council", Right: "Test paper", Classification: "NOT FOR PUBLICATION"},
		Footer:   doc.Furniture{Left: "June 2023 · data as at 30 June 2023", Classification: "NOT FOR PUBLICATION"},
		Contents: true,
		RAGKey:   rag,
		Sections: []doc.Section{
			{Blocks: []doc.Block{
				&doc.Title{
					Organisation: "Northmoor Borough Council", Title: "Test paper: R&D <costs>", Subtitle: "Position at 30 June 2023",
					Fields: []doc.Field{{Label: "Meeting", Value: "Cabinet"}, {Label: "Report by", Value: "Director of \"Children's\" Services"}},
					Logo:   &doc.Image{Name: "logo.png", Data: testLogo(tb)},
				},
				&doc.Tiles{Items: []doc.Tile{
					{Label: "Actions complete", Value: "50%", Change: "Up 5 points since May 2023"},
					{Label: "Actions rated Red", Value: "12", Change: "No change", RAG: "R"},
					{Label: "Not in the key", Value: "3", Change: "Rated X", RAG: "X"},
				}},
				&doc.Paragraph{Style: doc.Lead, Spans: []doc.Span{{Text: "63 of 125 actions", Bold: true}, {Text: " are complete; "}, {Text: "see below", Italic: true}, {Text: "."}}},
				&doc.Chart{Kind: doc.StackedBar, Title: "Actions by area & RAG", Source: "Source: tracker.", Unit: "actions",
					Categories: []string{"Workforce", "SEND <all>"},
					Series: []doc.Series{
						{Name: "Blue", Values: []float64{10, 9}, Colour: rag[0].Colour},
						{Name: "Red", Values: []float64{2, 3}, Colour: rag[3].Colour},
					}},
			}},
			{Blocks: []doc.Block{
				&doc.Heading{Level: 1, Text: "Progress"},
				&doc.Paragraph{Number: 1, Spans: doc.Text("The plan holds 125 actions.")},
				&doc.Paragraph{Spans: []doc.Span{{Text: "The "}, {Text: "improvement plan", Link: "https://example.gov.uk/plan"}, {Text: " is published; "}, {Text: "this", Link: "javascript:alert(1)"}, {Text: " is not a link."}}},
				&doc.List{Number: 2, Lettered: true, Items: [][]doc.Span{doc.Text("notes the progress;"), {{Text: "agrees", Bold: true}, {Text: " the plan."}}}},
				&doc.List{Items: [][]doc.Span{doc.Text("First point"), doc.Text("Second point")}},
				&doc.Heading{Level: 3, Text: "A heading that skips a level"},
				&doc.Heading{Level: 2, Text: "   "},
				&doc.RAGKeyBlock{},
				&doc.Table{Caption: "Exceptions", Zebra: true,
					Columns: []doc.Column{{Header: "Ref", Width: 16}, {Header: "Action", Weight: 3}, {Header: "RAG", Width: 18, Align: doc.Center}, {Header: "Days", Width: 14, Align: doc.Right}},
					Rows: []doc.Row{
						{Group: "Workforce"},
						{Cells: []doc.Cell{{Text: "WF-05"}, {Text: "Recruit social workers"}, {RAG: "R"}, {Text: "30"}}},
						{Cells: []doc.Cell{{Text: "WF-11"}, {Text: "Wellbeing offer"}, {RAG: "A"}, {Text: "12"}}},
						{Cells: []doc.Cell{{Text: "WF-12"}, {Text: "Unknown rating"}, {RAG: "Z", Text: "Not rated"}, {Text: "1,204", Bold: true}}},
						{Group: "SEND"},
						{Cells: []doc.Cell{{Text: "SEND-01"}, {Text: "Short row"}}},
					}},
				&doc.Table{Columns: []doc.Column{{Header: "Rate"}, {Header: "Value", Align: doc.Right}},
					Rows: []doc.Row{{Cells: []doc.Cell{{Text: "Agency rate"}, {Text: "18.9%"}}}}},
				&doc.Fields{Items: []doc.Field{{Label: "Contact", Value: "Performance team"}}},
				&doc.PageBreak{},
				&doc.Heading{Level: 2, Text: "Trends"},
				&doc.Chart{Kind: doc.Line, Title: "Average caseload", Unit: "cases", Categories: months,
					Series:     []doc.Series{{Name: "Average caseload", Values: []float64{21.5, 21, 0, 20.3, 19.9, 18.5}, Missing: []bool{false, false, true}}},
					Target:     &doc.Target{Label: "Target", Value: 18},
					References: []doc.Target{{Label: "England", Value: 16.3}, {Label: "Region 17.1", Value: 17.1}}},
				&doc.Chart{Kind: doc.Donut, Title: "All actions", Categories: []string{"Blue", "Red"},
					Series: []doc.Series{{Name: "Actions", Values: []float64{63, 12}, Colours: []doc.Colour{rag[0].Colour, rag[3].Colour}}}},
				&doc.Chart{Kind: doc.Bar, Title: "Workers by caseload", Categories: []string{"0-15", "16-20", "21+"},
					Series:    []doc.Series{{Name: "Workers", Values: []float64{20, 14, 6}}},
					Highlight: &doc.Highlight{From: 2, Label: "Above target"}},
				&doc.ChartGrid{Columns: 2, Source: "Source: KPI return.", Charts: []doc.Chart{
					{Kind: doc.SmallLine, Title: "Re-referrals", Unit: "%", Categories: months, Series: []doc.Series{{Name: "Re-referrals", Values: []float64{26.4, 26.2, 25, 25.2, 24.6, 22.4}}}, Target: &doc.Target{Label: "Target 22%", Value: 22}},
					{Kind: doc.SmallLine, Title: "No data yet", Unit: "%", Categories: months},
				}},
				&doc.Paragraph{Style: doc.Note, Spans: doc.Text("Figures rounded to one decimal place.")},
			}},
			{Landscape: true, Blocks: []doc.Block{
				&doc.Heading{Level: 1, Text: "Appendix A: action plan"},
				&doc.Table{Caption: "Actions", Columns: []doc.Column{{Header: "Ref"}, {Header: "Action"}, {Header: "Lead"}, {Header: "Due"}, {Header: "Status"}, {Header: "Progress"}},
					Rows: []doc.Row{{Cells: []doc.Cell{{Text: "WF-01"}, {Text: "Recruit"}, {Text: "Head of Workforce"}, {Text: "30/09/2023"}, {Text: "In progress"}, {RAG: "G"}}}}},
			}},
		},
	}
}

// TestGolden renders the test document and compares it with
// testdata/golden.html; -update rewrites the file.
func TestGolden(t *testing.T) {
	got, err := Render(testDocument(t))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "golden.html")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/html -run Golden -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the HTML differs from %s; if the change is intended, run go test ./internal/html -run Golden -update and review the diff:\n%s",
			path, diff.Diff(path, want, "got", got))
	}
}
