package reports

import (
	"fmt"
	"sort"
	"time"

	"github.com/boardpack/boardpack/internal/config"
	"github.com/boardpack/boardpack/internal/doc"
	"github.com/boardpack/boardpack/internal/record"
)

// BuildActionLog makes the matters-arising paper of a meeting pack: the
// actions arising from the body's previous meetings that are still open,
// and those closed since its last meeting, with the overdue ones marked.
// An action is overdue when it is not complete and its due date is before
// the meeting. An action closed since the last meeting is one whose
// closing date is on or after it or, where the log gives no closing date,
// one raised at it. An action the log marks confidential is counted, and
// shown in full only in the exempt pack (exempt true); a public pack shows
// the placeholder in its row.
func BuildActionLog(c config.Config, m Meeting, log []record.LogAction, exempt bool) doc.Document {
	when := LongDate(m.Date)
	d := doc.Document{
		Meta: doc.Meta{Title: "Matters arising: action log", Subject: m.Name + ", " + when, Author: c.Council,
			Creator: "boardpack", Language: "en-GB", Date: m.Date},
		Header: doc.Furniture{Left: m.Name, Right: "Matters arising", Classification: c.Classification},
		Footer: doc.Furniture{Left: "Meeting of " + when, Classification: c.Classification},
		RAGKey: ragKey(c),
		Accent: colour(c.Colours.Accent),
	}
	var open, closed []record.LogAction
	hidden := 0
	for _, a := range log {
		switch {
		case a.Status != record.Complete && a.Status != record.Superseded:
			open = append(open, a)
		case closedSince(a, m.Previous):
			closed = append(closed, a)
		default:
			hidden++
		}
	}
	late := 0
	for _, a := range open {
		if overdueLog(a, m) {
			late++
		}
	}
	sort.SliceStable(open, func(i, j int) bool { return overdueLog(open[i], m) && !overdueLog(open[j], m) })
	blocks := []doc.Block{
		&doc.Heading{Level: 1, Text: "Matters arising: action log"},
		&doc.Paragraph{Spans: doc.Text(fmt.Sprintf("%d %s arising from previous meetings %s open, %d of them overdue at %s.",
			len(open), plural(len(open), "action", "actions"), plural(len(open), "is", "are"), late, when))},
	}
	if len(log) == 0 {
		blocks = append(blocks[:1], &doc.Paragraph{Spans: doc.Text("No action log was found among the exports.")})
	}
	table := func(as []record.LogAction) *doc.Table {
		t := &doc.Table{Zebra: true, Columns: []doc.Column{
			{Header: "Ref", Width: 16}, {Header: "Raised", Width: 24}, {Header: "Action", Weight: 3}, {Header: "Owner", Weight: 1.5},
			{Header: "Due", Width: 22}, {Header: "Status", Width: 24}, {Header: "Update", Weight: 2.5},
		}}
		// Withheld rows go last, so that their place among the overdue
		// does not tell what the row withholds.
		var hidden []doc.Row
		for _, a := range as {
			if a.Confidential && !exempt {
				cells := make([]doc.Cell, len(t.Columns))
				cells[2] = doc.Cell{Text: withheld} // the action's column
				hidden = append(hidden, doc.Row{Cells: cells})
				continue
			}
			st := doc.Cell{Text: a.Status.String()}
			if st.Text == "" {
				st.Text = "Open"
			}
			if overdueLog(a, m) {
				st = doc.Cell{Text: "Overdue", RAG: record.Red.Code()}
			}
			t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{
				{Text: a.Ref}, {Text: shortDateOrBlank(a.Meeting)}, {Text: a.Text}, {Text: a.Owner}, {Text: ShortDate(a.Due)}, st, {Text: a.Update},
			}})
		}
		t.Rows = append(t.Rows, hidden...)
		return t
	}
	if len(open) > 0 {
		blocks = append(blocks, &doc.Heading{Level: 2, Text: "Open actions"}, table(open))
	}
	if len(closed) > 0 {
		blocks = append(blocks, &doc.Heading{Level: 2, Text: "Closed since the last meeting"}, table(closed))
	}
	if hidden > 0 {
		blocks = append(blocks, &doc.Paragraph{Style: doc.Note, Spans: doc.Text(fmt.Sprintf("%d %s closed before the last meeting %s not listed.",
			hidden, plural(hidden, "action", "actions"), plural(hidden, "is", "are")))})
	}
	d.Sections = []doc.Section{{Landscape: true, Blocks: blocks}}
	return d
}

// closedSince reports whether a done action was closed on or after the
// last meeting (every done action, when there was none).
func closedSince(a record.LogAction, last time.Time) bool {
	switch {
	case last.IsZero():
		return true
	case !a.Closed.IsZero():
		return !a.Closed.Before(last)
	default:
		return !a.Meeting.IsZero() && !a.Meeting.Before(last)
	}
}

func overdueLog(a record.LogAction, m Meeting) bool {
	if a.Status == record.Complete || a.Status == record.Superseded || a.Due.IsZero() {
		return false
	}
	asOf := m.Date
	return !asOf.IsZero() && a.Due.Before(asOf)
}

// shortDateOrBlank is ShortDate, or "" for no date.
func shortDateOrBlank(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return ShortDate(t)
}
