// Package doc is the document model: plain data describing a paper (sections,
// headings, paragraphs, lists, tables, charts, headline tiles) that the report
// builders produce and the PDF engine renders. It imports neither fpdf nor
// go-chart, so a paper can be inspected, compared and stored as JSON.
package doc

import (
	"math"
	"time"
)

// Document is one paper, ready to render.
type Document struct {
	// Draft lists why the paper is not final (the parts of the officers'
	// narrative it still lacks). A paper with any is marked DRAFT on every
	// page, in the top margin and as a light diagonal watermark behind the
	// text, so that it cannot pass for the final paper. Empty for a final
	// paper.
	Draft    []string `json:",omitempty"`
	Meta     Meta
	Header   Furniture // printed at the top of every page after the first
	Footer   Furniture // printed at the bottom of every page; "Page x of y" is added by the renderer
	Contents bool      // a contents page after the first section, with page numbers
	RAGKey   []RAGLevel
	Sections []Section
	// Accent is the house colour of headings, rules and table headers; the
	// zero Colour means the default navy.
	Accent Colour `json:",omitempty"`
}

// Meta is the PDF document information.
type Meta struct {
	Title    string
	Subject  string
	Author   string
	Keywords string
	Creator  string
	Language string    // BCP 47, for example "en-GB"
	Date     time.Time // creation and modification date; from the period, never the clock
}

// Furniture is the text printed in a page margin: Left and Right are
// aligned to the margins. Classification is printed in bold.
type Furniture struct {
	Left           string
	Right          string
	Classification string
}

// RAGLevel is one entry of the RAG key: the code printed in cells ("R"), its
// label ("Red"), what it means ("Off track") and its fill colour.
type RAGLevel struct {
	Code    string
	Label   string
	Meaning string
	Colour  Colour
	Text    Colour // text colour on the fill, chosen for contrast
}

// Colour is an sRGB colour.
type Colour struct{ R, G, B uint8 }

// Section is a run of blocks that starts on a new page.
type Section struct {
	Landscape bool
	Blocks    []Block
}

// Block is one element of a section: *Title, *Heading, *Paragraph, *List,
// *Table, *Chart, *ChartGrid, *Tiles, *Fields, *RAGKeyBlock or *PageBreak.
type Block interface{ block() }

// Title is the title block of a paper: council, report title and the
// meeting details as labelled fields.
type Title struct {
	Organisation string
	Title        string
	Subtitle     string
	Fields       []Field
	Logo         *Image // printed at the top right, when set
}

// Image is a PNG or JPEG picture, such as the council's logo. Name
// identifies it in golden files; Data is not written to JSON.
type Image struct {
	Name string
	Data []byte `json:"-"`
}

// Field is a label and its value.
type Field struct {
	Label string
	Value string
}

// Fields is a block of labelled values, printed as two columns.
type Fields struct {
	Items []Field
}

// Heading is a section heading at Level 1, 2 or 3. Every heading gets a PDF
// bookmark; Level 1 and 2 headings are listed on the contents page. A
// heading with nothing under it is not printed (WithoutEmptySections).
type Heading struct {
	Level int
	Text  string
}

// Paragraph is body text. Number, when non-zero, is printed in the margin
// (council reports number paragraphs continuously).
type Paragraph struct {
	Number int
	Style  ParagraphStyle
	Spans  []Span
}

// ParagraphStyle selects the type size and colour of a paragraph.
type ParagraphStyle int

// Paragraph styles.
const (
	Body ParagraphStyle = iota
	Note                // smaller, grey: sources, footnotes, data-quality remarks
	Lead                // larger: the opening summary of a paper
)

// Span is a run of text with one style. Link, when set, is the address
// the text links to (from the officers' narrative).
type Span struct {
	Text   string
	Bold   bool
	Italic bool
	Link   string `json:",omitempty"`
}

// List is a bulleted or lettered list.
type List struct {
	Number   int // as Paragraph.Number: the list continues a numbered paragraph
	Lettered bool
	Items    [][]Span
}

// Table is a table whose header row repeats on every page it spans.
type Table struct {
	Caption string
	Columns []Column
	Rows    []Row
	Zebra   bool
	// GroupBookmarks, when above zero, is the outline level of a bookmark
	// for each group row (the priority areas of an action plan).
	GroupBookmarks int `json:",omitempty"`
}

// Column describes one table column. Weight shares out the width left after
// fixed-width columns; Width, when non-zero, fixes the width in millimetres.
type Column struct {
	Header string
	Weight float64
	Width  float64
	Align  Align
}

// Align is horizontal alignment in a table cell.
type Align int

// Alignments.
const (
	Left Align = iota
	Right
	Center
)

// Row is a table row. A row with a non-empty Group is a group heading that
// spans every column and has no cells.
type Row struct {
	Group string
	Cells []Cell
	// Link is an opaque target id: the renderer reports where the row
	// landed (pdf.Output.Links), so that a caller can make it a link, such
	// as an entry of a meeting pack's index. Nothing is drawn for it.
	Link string `json:",omitempty"`
}

// Cell is one table cell. A cell with a RAG code is filled with that level's
// colour from the document's RAG key; its Text (the word) is always printed.
type Cell struct {
	Text string
	RAG  string
	Bold bool
}

// Chart is a chart specification: the figures and how to show them. The
// renderer draws it as vector graphics, printing Title above and Source
// below in the paper's text style; its figures are also printed as a table
// by the report that uses it, so nothing is shown only as a picture.
type Chart struct {
	Kind       ChartKind
	Title      string
	Source     string // "Source: ..., data as at ..." printed under the chart
	Categories []string
	Series     []Series
	Unit       string // "%", "FTE", "cases": used on the value axis
	Target     *Target
	Height     float64 // millimetres; 0 means the renderer's default

	// References are comparator lines, such as England and statistical
	// neighbour averages: horizontal lines drawn like Target but in greys
	// with a distinct dash pattern each (dotted, dash-dot, long dash),
	// labelled "Label value" (Label alone when it already holds a figure)
	// beside the line at the right end of the plot, or further left where
	// the data is in the way, or in the legend when there is no clear room.
	// They are part of the value axis's range. Ignored on donuts; nil
	// means none.
	References []Target `json:",omitempty"`

	// Highlight picks out the categories from Highlight.From on, for
	// example the caseload bands above the target in a distribution. Bar
	// charts with one series only (ignored otherwise); nil means off.
	Highlight *Highlight `json:",omitempty"`
}

// Highlight marks the categories from index From (0-based) to the end of a
// one-series bar chart: their bars are drawn in Colour, a dashed vertical
// divider is drawn between category From-1 and From (none when From is 0),
// and the legend names both colours: the series' Name (or "Within target")
// and Label (or "Above target"). A From below 0 counts as 0; a From past
// the last category highlights nothing. A value's own Series.Colours entry
// still wins over Colour.
type Highlight struct {
	From   int
	Label  string // legend entry, for example "Above target caseload"
	Colour Colour // zero means a warning red or orange chosen to stand apart from the series colour
}

// ChartKind names a kind of chart.
type ChartKind string

// Chart kinds.
const (
	Bar        ChartKind = "bar"         // one series, one bar per category
	StackedBar ChartKind = "stacked-bar" // several series stacked per category
	Line       ChartKind = "line"        // one line per series over the categories
	Donut      ChartKind = "donut"       // one series, shares of the whole

	// GroupedBar draws several series side by side in each category
	// (starters against leavers, month by month), with a legend. A Bar
	// with several series is drawn the same way.
	GroupedBar ChartKind = "grouped-bar"

	// SmallLine is a compact KPI trend for a grid of small charts (about
	// 55 by 32 mm each): the value axis fits the data and the target
	// rather than starting at zero, with two or three labelled ticks;
	// the target is a dashed line, the latest value is labelled, only the
	// first and last categories are named, missing values are gaps and
	// there is no series legend. Title is the KPI name (up to two lines).
	// Meant for one series; more are drawn, each with its latest value.
	SmallLine ChartKind = "small-line"
)

// Series is a named set of values, one per category. Missing[i] marks a value
// that is missing (suppressed or not reported): it is not drawn as zero.
// Colours, when set, colour each value separately (a donut's segments, so a
// RAG donut shows RAG colours; a bar chart's bars); a zero Colour means the
// series' colour (the palette's on a donut).
type Series struct {
	Name    string
	Values  []float64
	Missing []bool
	Colour  Colour
	Colours []Colour
	Dashed  bool
}

// Target is a horizontal reference line on a chart: the target, or one of
// Chart.References.
type Target struct {
	Label string
	Value float64
}

// ChartGrid is a grid of small charts, such as one SmallLine chart per KPI,
// Columns to a row (3 when zero). A row is never split across pages; each
// chart draws its own title, and Source is printed once under the grid.
type ChartGrid struct {
	Columns int
	Charts  []Chart
	Source  string
}

// Tiles is a row (or grid) of headline figures for a dashboard.
type Tiles struct {
	Items []Tile
}

// Tile is one headline figure: "% complete  49%  up 6 points since May".
type Tile struct {
	Label  string
	Value  string
	Change string
	RAG    string // optional RAG code colouring the tile's edge; the word is in Change or Value
}

// RAGKeyBlock prints the document's RAG key (code, label, meaning).
type RAGKeyBlock struct{}

// PageBreak starts a new page within a section.
type PageBreak struct{}

func (*Title) block()       {}
func (*Fields) block()      {}
func (*Heading) block()     {}
func (*Paragraph) block()   {}
func (*List) block()        {}
func (*Table) block()       {}
func (*Chart) block()       {}
func (*Tiles) block()       {}
func (*ChartGrid) block()   {}
func (*RAGKeyBlock) block() {}
func (*PageBreak) block()   {}

// Text is a convenience for a single plain span.
func Text(s string) []Span { return []Span{{Text: s}} }

// Luminance is the colour's WCAG relative luminance, from 0 (black) to 1.
func (c Colour) Luminance() float64 {
	lum := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lum(c.R) + 0.7152*lum(c.G) + 0.0722*lum(c.B)
}

// Contrast is the WCAG contrast ratio of two colours, from 1 to 21.
func Contrast(a, b Colour) float64 {
	la, lb := a.Luminance(), b.Luminance()
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Walk calls fn with every string a document prints, in order: title
// block, headings, paragraphs, lists, table cells, chart titles and
// labels, tiles, furniture.
func Walk(d Document, fn func(string)) {
	fn(d.Meta.Title)
	fn(d.Header.Left)
	fn(d.Header.Right)
	fn(d.Footer.Left)
	spans := func(ss []Span) {
		for _, s := range ss {
			fn(s.Text)
		}
	}
	chart := func(c Chart) {
		fn(c.Title)
		fn(c.Source)
		for _, x := range c.Categories {
			fn(x)
		}
		for _, s := range c.Series {
			fn(s.Name)
		}
	}
	for _, sec := range d.Sections {
		for _, b := range sec.Blocks {
			switch x := b.(type) {
			case *Title:
				fn(x.Organisation)
				fn(x.Title)
				fn(x.Subtitle)
				for _, f := range x.Fields {
					fn(f.Label)
					fn(f.Value)
				}
			case *Fields:
				for _, f := range x.Items {
					fn(f.Label)
					fn(f.Value)
				}
			case *Heading:
				fn(x.Text)
			case *Paragraph:
				spans(x.Spans)
			case *List:
				for _, it := range x.Items {
					spans(it)
				}
			case *Table:
				fn(x.Caption)
				for _, c := range x.Columns {
					fn(c.Header)
				}
				for _, r := range x.Rows {
					fn(r.Group)
					for _, c := range r.Cells {
						fn(c.Text)
					}
				}
			case *Chart:
				chart(*x)
			case *ChartGrid:
				for _, c := range x.Charts {
					chart(c)
				}
				fn(x.Source)
			case *Tiles:
				for _, t := range x.Items {
					fn(t.Label)
					fn(t.Value)
					fn(t.Change)
				}
			}
		}
	}
}
