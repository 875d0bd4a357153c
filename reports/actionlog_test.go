package reports

import (
	"strings"
	"testing"
	"time"

	"github.com/boardpack/boardpack/internal/config"
	"github.com/boardpack/boardpack/internal/doc"
	"github.com/boardpack/boardpack/internal/record"
)

// logRows returns the refs and status cells of the action log's tables,
// by the heading above each.
func logRows(d doc.Document) map[string][]string {
	rows := map[string][]string{}
	heading := ""
	for _, s := range d.Sections {
		for _, b := range s.Blocks {
			switch x := b.(type) {
			case *doc.Heading:
				heading = x.Text
			case *doc.Table:
				for _, r := range x.Rows {
					rows[heading] = append(rows[heading], r.Cells[0].Text+" "+r.Cells[5].Text)
				}
			}
		}
	}
	return rows
}

// TestActionLogOpenOverdueAndClosed checks what a meeting is told of the
// actions its earlier meetings raised: every open one, the overdue first
// and marked; those closed since the last meeting, by closing date or,
// where the log gives none, by being raised at it; and a count of the rest.
func TestActionLogOpenOverdueAndClosed(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return time.Date(2023, m, d, 0, 0, 0, 0, time.UTC) }
	m := Meeting{Name: "Improvement Board", Date: day(time.July, 12), Previous: day(time.May, 24)}
	log := []record.LogAction{
		{Ref: "A1", Meeting: day(time.March, 1), Due: day(time.August, 1), Status: record.InProgress},
		{Ref: "A2", Meeting: day(time.March, 1), Due: day(time.April, 12), Status: record.InProgress},
		{Ref: "A3", Meeting: day(time.January, 18), Due: day(time.March, 1), Status: record.Complete, Closed: day(time.March, 1)},
		{Ref: "A4", Meeting: day(time.April, 12), Due: day(time.May, 1), Status: record.Complete, Closed: day(time.June, 9)},
		{Ref: "A5", Meeting: day(time.May, 24), Due: day(time.June, 30), Status: record.Complete},
		{Ref: "A6", Meeting: day(time.May, 24), Status: record.NoStatus},
	}
	d := BuildActionLog(config.Default(), m, log)
	got := logRows(d)
	want := map[string][]string{
		"Open actions":                  {"A2 Overdue", "A1 In progress", "A6 Open"},
		"Closed since the last meeting": {"A4 Complete", "A5 Complete"},
	}
	for h, w := range want {
		if strings.Join(got[h], ", ") != strings.Join(w, ", ") {
			t.Errorf("%s: got %q, want %q", h, got[h], w)
		}
	}
	text := texts(d)
	for _, s := range []string{
		"3 actions arising from previous meetings are open, 1 of them overdue at 12 July 2023.",
		"1 action closed before the last meeting is not listed.",
	} {
		if !strings.Contains(text, s) {
			t.Errorf("the action log does not say %q; it says:\n%s", s, text)
		}
	}
}
