package pipeline

import (
	"testing"

	"github.com/boardpack/boardpack/internal/config"
)

// TestAttachmentsComeBeforeTheClosingItems: documents added with --attach
// follow the configured items but never come after Any other business or
// the date of the next meeting, which close an agenda.
func TestAttachmentsComeBeforeTheClosingItems(t *testing.T) {
	r := &Run{Setup: &Setup{}}
	items := []config.AgendaItem{{Title: "Welcome"}, {Title: "Highlight report", Text: "Verbal"}, {Title: "Any other business"}, {Title: "Date of next meeting"}}
	got, err := r.resolveAgenda(items, []Attachment{{Title: "Ofsted letter", Path: "letter.pdf"}, {Title: "Partner report", Path: "p.pdf"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Welcome", "Highlight report", "Ofsted letter", "Partner report", "Any other business", "Date of next meeting"}
	if len(got) != len(want) {
		t.Fatalf("agenda %v, want the titles %v", titles(got), want)
	}
	for i, e := range got {
		if e.Title != want[i] || e.number != i+1 {
			t.Fatalf("agenda %v, want the titles %v numbered from 1", titles(got), want)
		}
	}
	if got[2].path != "letter.pdf" || got[3].path != "p.pdf" {
		t.Errorf("the attachments' files are %q and %q", got[2].path, got[3].path)
	}
	// Without a closing item, attachments come last.
	got, _ = r.resolveAgenda(items[:2], []Attachment{{Title: "Ofsted letter", Path: "letter.pdf"}})
	if len(got) != 3 || got[2].Title != "Ofsted letter" || got[2].number != 3 {
		t.Errorf("agenda %v, want the letter as item 3", titles(got))
	}
}

func titles(es []agendaEntry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Title)
	}
	return out
}
