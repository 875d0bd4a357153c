package reports

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/boardpack/boardpack/internal/config"
	"github.com/boardpack/boardpack/internal/doc"
)

// PackFront is what a meeting pack's front matter shows: the cover, the
// agenda and the pack index.
type PackFront struct {
	Config  config.Config
	Meeting Meeting
	Time    string
	Members []string
	Part2   bool // the exempt pack: Part 2 items only, not for publication
	Items   []PackItem
}

// PackItem is one agenda item as the front matter shows it.
type PackItem struct {
	Number    int
	Title     string
	Presenter string
	Minutes   int
	Purpose   string // decision, discussion or noting
	Holds     string // what the item is: "Report", "External document", "Verbal", ...
	Exempt    string // the ground for taking it in private; "" for an open item
	Elsewhere bool   // an exempt item in the public pack: its papers are in the Part 2 pack
	Start     int    // its first page in the pack; 0 when it has no pages here
	Pages     int
	Link      string // the index row's link target
}

// BuildPackFront makes the front matter document of a meeting pack.
func BuildPackFront(f PackFront) doc.Document {
	c := f.Config
	m := f.Meeting
	when := LongDate(m.Date)
	part := "Part 1: open to the public"
	footer := part
	classification := c.Classification
	if f.Part2 {
		part = "Part 2: exempt items, not for publication"
		// The marking in the middle of the footer says "NOT FOR
		// PUBLICATION"; the whole of part would not fit beside it.
		footer = "Part 2: exempt items"
		classification = "NOT FOR PUBLICATION"
	}
	title := m.Name
	d := doc.Document{
		Meta: doc.Meta{
			Title:    fmt.Sprintf("%s, %s: meeting pack", m.Name, when),
			Subject:  "Meeting pack: " + part,
			Author:   c.Council,
			Keywords: "meeting pack, agenda, " + m.Name,
			Creator:  "boardpack",
			Language: "en-GB",
			Date:     m.Date,
		},
		// The meeting and its date, each in a third of the line: together
		// in one third, a committee's long name cut the date off.
		Header:   doc.Furniture{Left: m.Name, Right: when, Classification: classification},
		Footer:   doc.Furniture{Left: "Meeting pack · " + footer, Classification: classification},
		RAGKey:   ragKey(c),
		Accent:   colour(c.Colours.Accent),
		Contents: false,
	}
	tb := &doc.Title{Organisation: c.Council, Title: title, Subtitle: "Meeting pack"}
	if f.Part2 {
		tb.Subtitle = "Meeting pack: Part 2 (exempt items)"
	}
	if len(c.LogoData) > 0 {
		tb.Logo = &doc.Image{Name: c.Logo, Data: c.LogoData}
	}
	for _, fl := range []doc.Field{{Label: "Date", Value: when}, {Label: "Time", Value: f.Time}, {Label: "Venue", Value: m.Venue}, {Label: "Part", Value: part}} {
		if fl.Value != "" {
			tb.Fields = append(tb.Fields, fl)
		}
	}
	cover := []doc.Block{tb}
	if f.Part2 {
		cover = append(cover, &doc.Paragraph{Spans: []doc.Span{{Text: "Not for publication: ", Bold: true}, {Text: "these items contain " + part2Grounds(f.Items, c.Exemption) + ". The public and press may be excluded while they are considered."}}})
	}
	if len(f.Members) > 0 {
		l := &doc.List{}
		for _, mb := range f.Members {
			l.Items = append(l.Items, doc.Text(mb))
		}
		cover = append(cover, &doc.Heading{Level: 1, Text: "Membership"}, l)
	}

	agenda := &doc.Table{Zebra: true, Columns: []doc.Column{
		{Header: "No.", Width: 11}, {Header: "Item", Weight: 3}, {Header: "Presenter", Weight: 1.6},
		{Header: "Time", Width: 16, Align: doc.Right}, {Header: "For", Width: 22}, {Header: "Papers", Weight: 1.3},
	}}
	index := &doc.Table{Zebra: true, Columns: []doc.Column{
		{Header: "No.", Width: 11}, {Header: "Item", Weight: 4}, {Header: "Pages", Width: 28, Align: doc.Right},
	}}
	for _, it := range f.Items {
		itemTitle, indexTitle, holds := it.Title, it.Title, it.Holds
		if it.Elsewhere {
			// The ground goes under the title, in the agenda's widest
			// column: in Papers it made a row of a dozen lines.
			indexTitle += ": exempt item"
			itemTitle = indexTitle + " under " + it.Exempt
			holds = "In the Part 2 pack"
		} else if f.Part2 && it.Exempt != "" {
			// The Part 2 agenda gives each item's own ground too.
			itemTitle += ": exempt under " + it.Exempt
		}
		mins := ""
		if it.Minutes > 0 {
			mins = strconv.Itoa(it.Minutes) + " min"
		}
		purpose := ""
		if it.Purpose != "" {
			purpose = capital(it.Purpose)
		}
		agenda.Rows = append(agenda.Rows, doc.Row{Cells: []doc.Cell{
			{Text: strconv.Itoa(it.Number), Bold: true}, {Text: itemTitle}, {Text: it.Presenter}, {Text: mins}, {Text: purpose}, {Text: holds},
		}})
		pages := "No papers"
		switch {
		case it.Elsewhere:
			pages = "Part 2 pack"
		case it.Pages == 1:
			pages = "Page " + strconv.Itoa(it.Start)
		case it.Pages > 1:
			pages = fmt.Sprintf("Pages %d–%d", it.Start, it.Start+it.Pages-1)
		}
		row := doc.Row{Cells: []doc.Cell{{Text: strconv.Itoa(it.Number), Bold: true}, {Text: indexTitle}, {Text: pages}}}
		if it.Pages > 0 {
			row.Link = it.Link
		}
		index.Rows = append(index.Rows, row)
	}
	d.Sections = []doc.Section{
		{Blocks: cover},
		{Blocks: []doc.Block{&doc.Heading{Level: 1, Text: "Agenda"}, agenda,
			&doc.Heading{Level: 1, Text: "Pack index"},
			&doc.Paragraph{Style: doc.Note, Spans: doc.Text("Page numbers are the pack's own, printed at the foot of every page.")},
			index}},
	}
	return d
}

// part2Grounds says under which grounds the Part 2 items are exempt: the
// grounds their agenda items give, which the public agenda prints, so that
// the two packs never cite different paragraphs for one item. The config's
// exemption is the ground only for an item that gives none.
func part2Grounds(items []PackItem, fallback string) string {
	type ground struct {
		text  string
		items []string
	}
	var gs []ground
	for _, it := range items {
		g := it.Exempt
		if g == "" {
			g = fallback
		}
		if g == "" {
			continue
		}
		i := slices.IndexFunc(gs, func(x ground) bool { return x.text == g })
		if i < 0 {
			gs = append(gs, ground{text: g})
			i = len(gs) - 1
		}
		gs[i].items = append(gs[i].items, strconv.Itoa(it.Number))
	}
	switch len(gs) {
	case 0:
		return "exempt information"
	case 1:
		return "exempt information under " + gs[0].text
	}
	parts := make([]string, len(gs))
	for i, g := range gs {
		parts[i] = plural(len(g.items), "item ", "items ") + strings.Join(g.items, ", ") + " under " + g.text
	}
	return "exempt information: " + strings.Join(parts, "; ")
}

// Holds describes what an agenda item holds, for the agenda's Papers
// column.
func Holds(it config.AgendaItem) string {
	switch {
	case it.Paper != "":
		return "Report"
	case it.File != "":
		return "Document attached"
	case it.ActionLog:
		return "Action log"
	case strings.TrimSpace(it.Text) != "":
		return it.Text
	}
	return "Verbal"
}
