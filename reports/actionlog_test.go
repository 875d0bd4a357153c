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
	d := BuildActionLog(config.Default(), m, log, false)
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

// TestActionLogWithholdsConfidentialActions: an action the log marks
// confidential is counted, but a public pack shows only the placeholder
// in its row: not its reference, text, owner, dates, status or update.
// The exempt pack shows it in full.
func TestActionLogWithholdsConfidentialActions(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return time.Date(2023, m, d, 0, 0, 0, 0, time.UTC) }
	m := Meeting{Name: "Improvement Board", Date: day(time.July, 12), Previous: day(time.May, 24)}
	log := []record.LogAction{
		{Ref: "A1", Meeting: day(time.March, 1), Due: day(time.August, 1), Status: record.InProgress, Text: "Public action", Owner: "Head of Improvement"},
		{Ref: "IB-SECRET", Meeting: day(time.March, 2), Due: day(time.April, 13), Status: record.InProgress, Text: "Brief members on the SECRETX allegation",
			Owner: "Head of Hidden Things", Update: "SECRETX update", Confidential: true},
	}
	open := texts(BuildActionLog(config.Default(), m, log, false))
	for _, s := range []string{"IB-SECRET", "SECRETX", "Head of Hidden Things", "02/03/2023", "13/04/2023"} {
		if strings.Contains(open, s) {
			t.Errorf("the public action log shows %q:\n%s", s, open)
		}
	}
	for _, s := range []string{withheld, "2 actions arising from previous meetings are open, 1 of them overdue", "Public action"} {
		if !strings.Contains(open, s) {
			t.Errorf("the public action log does not say %q:\n%s", s, open)
		}
	}
	// The withheld row comes after the public ones, though it is overdue
	// and they are not: its place must not say that it is overdue.
	if got := logRows(BuildActionLog(config.Default(), m, log, false))["Open actions"]; strings.Join(got, ", ") != "A1 In progress,  " {
		t.Errorf("open actions %q, want A1 then the withheld row", got)
	}
	if exempt := texts(BuildActionLog(config.Default(), m, log, true)); !strings.Contains(exempt, "SECRETX update") {
		t.Errorf("the exempt action log withholds the action:\n%s", exempt)
	}
}
