package vocab

import (
	"strings"
	"testing"

	"github.com/boardpack/boardpack/internal/record"
)

func TestStandardWords(t *testing.T) {
	w := Standard()
	for in, want := range map[string]record.RAG{"R": record.Red, " amber ": record.Amber, "GREEN": record.Green,
		"b": record.Blue, "Completed": record.Blue, "": record.NotRated} {
		if got, err := w.RAG(in); err != nil || got != want {
			t.Errorf("RAG %q = %v, %v; want %v", in, got, err, want)
		}
	}
	_, err := w.RAG("Amber/Red")
	if err == nil || !strings.Contains(err.Error(), "allowed: Red, Amber, Green, Blue") {
		t.Errorf("RAG error %v does not list the allowed values", err)
	}
	for in, want := range map[string]record.Status{"Not started": record.NotStarted, "on track": record.InProgress,
		"Done": record.Complete, "CLOSED": record.Complete, "On Hold": record.OnHold, "Superseded": record.Superseded} {
		if got, err := w.Status(in); err != nil || got != want {
			t.Errorf("status %q = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := w.Status("Nearly there"); err == nil {
		t.Error("unknown status accepted")
	}
}

func FuzzRAG(f *testing.F) {
	for _, s := range []string{"R", "amber", "Complete", "", "Amber/Red"} {
		f.Add(s)
	}
	w := Standard()
	f.Fuzz(func(t *testing.T, s string) {
		r, err := w.RAG(s)
		if err != nil && r != record.NotRated {
			t.Errorf("RAG(%q) = %v with an error", s, r)
		}
	})
}
