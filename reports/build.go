// Package reports builds each paper's document from its template and the
// period's measures: Cabinet, Scrutiny, Improvement Board and the one-off
// action-plan appendix. The papers read the same measure.Results, so their
// numbers agree.
package reports

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/boardpack/boardpack/internal/config"
	"github.com/boardpack/boardpack/internal/doc"
	"github.com/boardpack/boardpack/internal/measure"
	"github.com/boardpack/boardpack/internal/narrative"
	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/internal/record"
)

// Kind names a paper.
type Kind string

// The papers.
const (
	Cabinet  Kind = "cabinet"
	Scrutiny Kind = "scrutiny"
	Board    Kind = "board"
	Appendix Kind = "appendix"
)

// ExemptAppendix is the Part 2 appendix: only the confidential actions, for
// an exempt run.
const ExemptAppendix Kind = "exempt-appendix"

// Kinds lists the papers of a run, in the order they are written.
var Kinds = []Kind{Cabinet, Scrutiny, Board, Appendix}

// ParseKind reads a paper name.
func ParseKind(s string) (Kind, error) {
	for _, k := range append(Kinds, ExemptAppendix) {
		if string(k) == s {
			return k, nil
		}
	}
	return "", fmt.Errorf("unknown report %q (known: cabinet, scrutiny, board, appendix, exempt-appendix)", s)
}

// Input is everything a paper is built from.
type Input struct {
	Results   measure.Results
	Config    config.Config
	Quality   quality.Report // what reading found, for the data-quality note
	Exempt    bool           // include confidential actions; mark pages NOT FOR PUBLICATION
	Templates Templates      // every paper's template, loaded once
	Filter    Filter         // selects the actions of the action-plan table (one-off appendices)
	// Narrative is the officers' words for the month; nil when the month
	// has none.
	Narrative *narrative.Narrative
	// Meeting is the meeting the paper is for, from the body's calendar;
	// its zero value means the config's name for the template's body and
	// no date.
	Meeting Meeting
}

// planActions are the actions the action-plan table shows: all of them, or
// those the filter selects.
func (in Input) planActions() []record.Action {
	all := in.Results.Plan.Actions
	if in.Filter.IsZero() {
		return all
	}
	end := in.Results.Month.End()
	var out []record.Action
	for _, a := range all {
		// A withheld action is never selected by what it withholds: the
		// selection would tell its lead, rating, status or lateness.
		if in.withholds(a) && !in.Filter.public() {
			continue
		}
		if in.Filter.Match(a, end) {
			out = append(out, a)
		}
	}
	return out
}

func (in Input) classification() string {
	if in.Exempt {
		return "NOT FOR PUBLICATION"
	}
	return in.Config.Classification
}

// meeting is the meeting the paper is for: Input.Meeting, or the config's
// details for the template's body when the caller gave none.
func (in Input) meeting(body string) Meeting {
	if in.Meeting.Body != "" {
		return in.Meeting
	}
	c, _ := in.Config.Meetings.Body(body)
	return Meeting{Body: body, Name: c.Name, ReportBy: c.ReportBy, Venue: c.Venue}
}

// Meeting is the meeting a paper is for, worked out from the body's
// calendar (see internal/calendar).
type Meeting struct {
	Body     string // board, scrutiny or cabinet
	Name     string
	ReportBy string
	Venue    string
	Date     time.Time // zero when the calendar gives none
	// Previous is the body's previous meeting, and Since the period
	// reported at it: what "since the last meeting" compares with. Both
	// zero when there is no earlier meeting in the calendar.
	Previous time.Time
	Since    record.Month
	// Forward are the body's next meetings after this one.
	Forward []ForwardMeeting
}

// ForwardMeeting is a later meeting of the body and the period its papers
// will report.
type ForwardMeeting struct {
	Date   time.Time
	Period record.Month
}

// Build makes the document for paper kind.
func Build(kind Kind, in Input) (doc.Document, error) {
	t, ok := in.Templates.Papers[kind]
	if !ok {
		return doc.Document{}, fmt.Errorf("no template for the %s paper", kind)
	}
	if kind == ExemptAppendix {
		if !in.Exempt {
			return doc.Document{}, errors.New("the exempt appendix holds confidential actions: it is made only in an exempt run")
		}
		in.Filter, _ = ParseFilter([]string{"confidential"}, nil)
	}
	b := builder{in: in, facts: factsOf(in, kind, t), t: t}
	return b.build()
}

type builder struct {
	said     map[string]bool // sheet kinds whose absence this paper has explained
	in       Input
	glossary *doc.Table // the glossary placed by the template, filled last
	t        *Template
	facts    Facts
	para     int
	charts   []chartData
	doc      doc.Document
}

type chartData struct {
	title string
	table *doc.Table
}

func (b *builder) text(x Text) (string, error) {
	s, err := x.exec(b.facts)
	if err != nil {
		return "", fmt.Errorf("template %s:%d: %w", b.t.File, x.Line, err)
	}
	return s, nil
}

func (b *builder) build() (doc.Document, error) {
	in, f := b.in, b.facts
	title, err := b.text(b.t.Title)
	if err != nil {
		return doc.Document{}, err
	}
	subtitle, err := b.text(b.t.Subtitle)
	if err != nil {
		return doc.Document{}, err
	}
	b.doc = doc.Document{
		Meta: doc.Meta{
			Title:    title,
			Subject:  fmt.Sprintf("%s: %s, %s", b.t.Subject, in.Config.Service, f.Period),
			Author:   in.Config.Council,
			Keywords: "improvement plan, children's services, " + f.Period,
			Creator:  "boardpack",
			Language: "en-GB",
			Date:     in.Results.Month.End(),
		},
		Header:   doc.Furniture{Left: in.Config.Council, Right: b.t.Subject, Classification: f.Classification},
		Footer:   doc.Furniture{Left: fmt.Sprintf("%s · data as at %s", f.Period, f.DataAsAt), Classification: f.Classification},
		Contents: b.t.Contents,
		RAGKey:   ragKey(in.Config),
		Accent:   colour(in.Config.Colours.Accent),
	}
	tb := &doc.Title{Organisation: in.Config.Council, Title: title, Subtitle: subtitle}
	if len(in.Config.LogoData) > 0 {
		tb.Logo = &doc.Image{Name: in.Config.Logo, Data: in.Config.LogoData}
	}
	for _, fl := range b.t.Fields {
		v, err := b.text(fl.Value)
		if err != nil {
			return doc.Document{}, err
		}
		if v != "" {
			tb.Fields = append(tb.Fields, doc.Field{Label: fl.Label, Value: v})
		}
	}
	cur := &doc.Section{Blocks: []doc.Block{tb}}
	for _, s := range b.t.Sections {
		if s.Theme != "" && !in.Config.HasTheme(s.Theme) {
			continue
		}
		if !b.holds(s.When) {
			if notes := b.missing(s.When); len(notes) > 0 {
				// The section's data could not be read: say so where it
				// would have been, never drop it in silence.
				h, err := b.text(s.Heading)
				if err != nil {
					return doc.Document{}, err
				}
				if h != "" {
					cur.Blocks = append(cur.Blocks, &doc.Heading{Level: 1, Text: h})
				}
				cur.Blocks = append(cur.Blocks, notes...)
			}
			continue
		}
		if s.Landscape && len(b.doc.Sections) == 0 && len(cur.Blocks) == 1 {
			// A paper that is all landscape keeps its title block on the first page.
			cur.Landscape = true
		} else if s.NewPage || s.Landscape {
			if len(cur.Blocks) > 0 {
				b.doc.Sections = append(b.doc.Sections, *cur)
			}
			cur = &doc.Section{Landscape: s.Landscape}
		}
		if s.Heading.Src != "" {
			h, err := b.text(s.Heading)
			if err != nil {
				return doc.Document{}, err
			}
			cur.Blocks = append(cur.Blocks, &doc.Heading{Level: 1, Text: h})
		}
		for _, bl := range s.Blocks {
			blocks, err := b.block(bl)
			if err != nil {
				return doc.Document{}, err
			}
			cur.Blocks = append(cur.Blocks, blocks...)
		}
		if s.Landscape {
			b.doc.Sections = append(b.doc.Sections, *cur)
			cur = &doc.Section{}
		}
	}
	if len(cur.Blocks) > 0 {
		b.doc.Sections = append(b.doc.Sections, *cur)
	}
	if b.glossary != nil {
		b.fillGlossary()
	}
	if b.t.ChartData && len(b.charts) > 0 {
		s := doc.Section{Blocks: []doc.Block{
			&doc.Heading{Level: 1, Text: b.t.chartDataHeading()},
			&doc.Paragraph{Style: doc.Note, Spans: doc.Text("The figures behind every chart in this paper, so that nothing is shown only as a picture.")},
		}}
		for _, c := range b.charts {
			s.Blocks = append(s.Blocks, &doc.Heading{Level: 2, Text: c.title}, c.table)
		}
		b.doc.Sections = append(b.doc.Sections, s)
	}
	if st := in.Templates.Accessibility; in.Config.AccessibilityStatement && len(st.Paragraphs) > 0 {
		sec := doc.Section{Blocks: []doc.Block{&doc.Heading{Level: 1, Text: st.Heading}}}
		for _, p := range st.Paragraphs {
			text, err := p.exec(f)
			if err != nil {
				return doc.Document{}, fmt.Errorf("template accessibility.yaml:%d: %w", p.Line, err)
			}
			sec.Blocks = append(sec.Blocks, &doc.Paragraph{Style: doc.Note, Spans: Spans(strings.TrimSpace(text))})
		}
		b.doc.Sections = append(b.doc.Sections, sec)
	}
	// A heading with nothing under it is left out, in every rendering.
	return doc.WithoutEmptySections(b.doc), nil
}

// missingKinds are the sheet kinds whose data each condition needs.
var missingKinds = map[string][]string{
	"caseloads": {"caseloads"}, "workers": {"allocations"}, "workforce": {"workforce"}, "recruitment": {"recruitment"},
	"kpis": {"kpis"}, "metrics": {"caseloads", "allocations", "workforce", "recruitment", "kpis"},
}

var missingNames = map[string]string{
	"caseloads": "Caseloads are", "allocations": "The allocation snapshot is", "workforce": "The workforce figures are",
	"recruitment": "Recruitment is", "kpis": "The key performance indicators are",
}

// missing returns notes saying why the data a condition needs is missing
// this month, each once per paper; none when nothing is missing (or all of
// it has been said).
func (b *builder) missing(c Cond) []doc.Block {
	var out []doc.Block
	for _, kind := range missingKinds[c.Name] {
		if b.said[kind] {
			continue
		}
		m, ok := b.in.Quality.MissingKind(kind)
		if !ok {
			continue
		}
		if b.said == nil {
			b.said = map[string]bool{}
		}
		b.said[kind] = true
		out = append(out, &doc.Paragraph{Style: doc.Note, Spans: doc.Text(fmt.Sprintf("%s not reported this month: %s.", missingNames[kind], m.Reason))})
	}
	return out
}

func (b *builder) holds(c Cond) bool {
	if c.Name == "" {
		return true
	}
	return conditions[c.Name](b.in)
}

func (b *builder) number() int {
	if !b.t.Numbered {
		return 0
	}
	b.para++
	return b.para
}

func (b *builder) block(bl Block) ([]doc.Block, error) {
	if !b.holds(bl.When) {
		return b.missing(bl.When), nil
	}
	one := func(x doc.Block) ([]doc.Block, error) { return []doc.Block{x}, nil }
	switch {
	case bl.Heading.Src != "":
		s, err := b.text(bl.Heading)
		return []doc.Block{&doc.Heading{Level: 2, Text: s}}, err
	case bl.P.Src != "" || bl.Unnumbered.Src != "" || bl.Note.Src != "":
		src, style, num := bl.P, doc.Body, 0
		switch {
		case bl.P.Src != "":
			num = b.number()
		case bl.Note.Src != "":
			src, style = bl.Note, doc.Note
		default:
			src = bl.Unnumbered
		}
		s, err := b.text(src)
		if err != nil {
			return nil, err
		}
		return one(&doc.Paragraph{Number: num, Style: style, Spans: Spans(strings.TrimSpace(s))})
	case len(bl.Bullets) > 0 || len(bl.Letters) > 0:
		items := bl.Bullets
		if len(bl.Letters) > 0 {
			items = bl.Letters
		}
		l := &doc.List{Lettered: len(bl.Letters) > 0}
		for _, it := range items {
			s, err := b.text(it)
			if err != nil {
				return nil, err
			}
			l.Items = append(l.Items, Spans(s))
		}
		return one(l)
	case bl.Chart.Name != "":
		c, tbl := charts[bl.Chart.Name](b.in)
		c.Height = bl.Height
		b.charts = append(b.charts, chartData{title: c.Title, table: tbl})
		return one(c)
	case bl.Grid.Name != "":
		g, tbl := grids[bl.Grid.Name](b.in)
		if len(g.Charts) == 0 {
			return nil, nil
		}
		b.charts = append(b.charts, chartData{title: "Key performance indicators, last 12 months", table: tbl})
		return one(g)
	case bl.Table.Name != "":
		return tables[bl.Table.Name](b.in), nil
	case bl.Tiles.Name != "":
		return one(headlineTiles(b.in))
	case bl.Static != nil:
		t := &doc.Table{Zebra: true}
		for i, c := range bl.Static.Columns {
			col := doc.Column{Header: c, Weight: 1}
			if i < len(bl.Static.Widths) {
				col.Weight = bl.Static.Widths[i]
			}
			t.Columns = append(t.Columns, col)
		}
		for _, r := range bl.Static.Rows {
			row := doc.Row{}
			for _, c := range r {
				s, err := b.text(c)
				if err != nil {
					return nil, err
				}
				row.Cells = append(row.Cells, doc.Cell{Text: s})
			}
			t.Rows = append(t.Rows, row)
		}
		return one(t)
	case bl.Narrative.Name != "":
		return b.narrative(narrative.Part(bl.Narrative.Name)), nil
	case bl.Glossary:
		// Filled in when the whole paper is built: it lists the terms the
		// paper uses.
		b.glossary = &doc.Table{Zebra: true, Columns: []doc.Column{{Header: "Term", Width: 24}, {Header: "Meaning", Weight: 1}}}
		return one(b.glossary)
	case bl.RAGKey:
		return one(&doc.RAGKeyBlock{})
	case bl.PageBreak:
		return one(&doc.PageBreak{})
	}
	return nil, fmt.Errorf("template %s:%d: empty block", b.t.File, bl.Line)
}

var boldRun = regexp.MustCompile(`\*\*(.+?)\*\*`)

// Spans splits s on **bold** markers.
func Spans(s string) []doc.Span {
	var out []doc.Span
	last := 0
	for _, m := range boldRun.FindAllStringSubmatchIndex(s, -1) {
		if m[0] > last {
			out = append(out, doc.Span{Text: s[last:m[0]]})
		}
		out = append(out, doc.Span{Text: s[m[2]:m[3]], Bold: true})
		last = m[1]
	}
	if last < len(s) {
		out = append(out, doc.Span{Text: s[last:]})
	}
	return out
}

func ragKey(c config.Config) []doc.RAGLevel {
	var out []doc.RAGLevel
	for _, l := range c.RAG {
		col := colour(l.Colour)
		out = append(out, doc.RAGLevel{Code: l.Code, Label: l.Label, Meaning: l.Meaning, Colour: col, Text: contrastText(col)})
	}
	return out
}

// contrastText picks black or white text for a fill, by relative luminance
// (WCAG), so RAG words stay legible on their colour.
func contrastText(c doc.Colour) doc.Colour {
	l := c.Luminance()
	// Contrast with white is 1.05/(l+0.05); with black (l+0.05)/0.05.
	if 1.05/(l+0.05) >= (l+0.05)/0.05 {
		return doc.Colour{R: 255, G: 255, B: 255}
	}
	return doc.Colour{}
}

func known[V any](m map[string]V) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, ", ")
}

// narrative places a part of the month's narrative, or a clear marker
// where it is missing, which also makes the paper a draft.
func (b *builder) narrative(p narrative.Part) []doc.Block {
	n := b.in.Narrative
	var out []doc.Block
	missing := func(what string) {
		b.doc.Draft = append(b.doc.Draft, capital(what))
		out = append(out, &doc.Paragraph{Number: b.number(), Spans: []doc.Span{
			{Text: "Narrative to be added: " + lowerFirst(what) + ".", Bold: true},
			{Text: " This paper is a draft until the month's narrative.md gives it."},
		}})
	}
	place := func(bs []doc.Block) {
		for _, bl := range bs {
			// The narrative is shared by the papers built at once: number
			// a copy, never the shared paragraph.
			if para, ok := bl.(*doc.Paragraph); ok {
				cp := *para
				cp.Number = b.number()
				bl = &cp
			}
			out = append(out, bl)
		}
	}
	if p != narrative.Areas {
		if bs, ok := n.Part(p); ok {
			place(bs)
		} else {
			missing(p.Title())
		}
		return out
	}
	if bs, ok := n.Part(narrative.Areas); ok {
		place(bs)
	}
	for _, a := range b.in.Results.Plan.Areas {
		out = append(out, &doc.Heading{Level: 2, Text: a.Name})
		if bs, ok := n.Area(a.Name); ok {
			place(bs)
		} else {
			missing("commentary on " + a.Name)
		}
	}
	return out
}

// fillGlossary lists the glossary's terms that the paper uses, as whole
// words, in the glossary's order.
func (b *builder) fillGlossary() {
	terms := make(map[string]bool, len(b.in.Templates.Glossary)) // term: used
	for _, t := range b.in.Templates.Glossary {
		terms[t.Term] = false
	}
	notWord := func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
	doc.Walk(b.doc, func(s string) {
		for w := range strings.FieldsFuncSeq(s, notWord) {
			if _, ok := terms[w]; ok {
				terms[w] = true
			}
		}
	})
	for _, t := range b.in.Templates.Glossary {
		if terms[t.Term] {
			b.glossary.Rows = append(b.glossary.Rows, doc.Row{Cells: []doc.Cell{{Text: t.Term, Bold: true}, {Text: t.Meaning}}})
		}
	}
	if len(b.glossary.Rows) == 0 {
		b.glossary.Rows = append(b.glossary.Rows, doc.Row{Cells: []doc.Cell{{Text: "None"}, {Text: "The paper uses no terms from the glossary."}}})
	}
}
