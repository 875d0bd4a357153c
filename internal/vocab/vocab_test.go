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
	// A colour with its meaning written after it, as a key in the cell.
	for in, want := range map[string]record.RAG{"Amber - in progress": record.Amber, "Green: complete": record.Green,
		"RED – off track": record.Red, "Blue (done)": record.Blue} {
		if got, err := w.RAG(in); err != nil || got != want || !w.IsRAG(in) {
			t.Errorf("RAG %q = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"Redesign - started", "A - see notes", "Greenhouse: built"} {
		if _, err := w.RAG(in); err == nil {
			t.Errorf("RAG %q accepted: only a colour named in full leads a rating with its meaning", in)
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

// TestCouncilVocabularies reads the words councils use beside Red, Amber,
// Green and Blue, in a RAG column and in a status column.
func TestCouncilVocabularies(t *testing.T) {
	w := Standard()
	for in, want := range map[string]record.RAG{
		"On track": record.Green, "At risk": record.Amber, "Off track": record.Red, "OFF TRACK": record.Red,
		"Yellow": record.Amber, "Achieved": record.Blue, "Embedded": record.Blue, "Not yet due": record.NotRated,
		"Closed": record.Blue, "· Green": record.Green, "Green.": record.Green,
	} {
		if got, err := w.RAG(in); err != nil || got != want {
			t.Errorf("RAG %q = %v, %v; want %v", in, got, err, want)
		}
	}
	for in, want := range map[string]record.Status{
		"Open": record.InProgress, "OPEN": record.InProgress, "Closed": record.Complete, "Overdue": record.Delayed,
		"Ongoing": record.InProgress, "Paused": record.OnHold, "Embedded": record.Complete, "Achieved": record.Complete,
		"Not yet due": record.NotStarted, "Cancelled": record.Superseded, "Completed.": record.Complete,
		"e.g. Paused": record.OnHold, "Not fully achieved": record.InProgress, "Escalated": record.Delayed,
	} {
		if got, err := w.Status(in); err != nil || got != want {
			t.Errorf("status %q = %v, %v; want %v", in, got, err, want)
		}
	}
	// A council's own words, as boardpack.yaml adds them.
	own := Standard()
	own.AddRAG("Exceeding", record.Blue)
	own.AddStatus("Actioned", record.Complete)
	if r, err := own.RAG("exceeding"); err != nil || r != record.Blue {
		t.Errorf("config RAG word: %v %v", r, err)
	}
	if _, err := w.RAG("exceeding"); err == nil {
		t.Error("a word added to one Words changed the standard words")
	}
	if st, err := own.Status("ACTIONED."); err != nil || st != record.Complete {
		t.Errorf("config status word: %v %v", st, err)
	}
}

func TestLeadingStatus(t *testing.T) {
	w := Standard()
	for in, want := range map[string]record.Status{
		"Completed. Revised policy adopted":     record.Complete,
		"In progress: two quotes received":      record.InProgress,
		"We completed this activity.":           record.Complete,
		"This action is now complete":           record.Complete,
		"Pending.":                              record.NotStarted,
		"Not started.":                          record.NotStarted,
		"Not completed yet":                     record.NoStatus,
		"Audit tool drafted.":                   record.NoStatus,
		"Two of five sessions held; risk of it": record.NoStatus,
		"":                                      record.NoStatus,
	} {
		got, _, ok := LeadingStatus(w, in)
		if got != want || ok != (want != record.NoStatus) {
			t.Errorf("LeadingStatus(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
}

// TestTargetsAndGuesses: what boardpack.yaml may map a word to, and what the
// config lines printed for an unknown word suggest.
func TestTargetsAndGuesses(t *testing.T) {
	for in, want := range map[string]record.RAG{"G": record.Green, "nr": record.NotRated, "Amber": record.Amber, "complete": record.Blue} {
		if got, err := RAGTarget(in); err != nil || got != want {
			t.Errorf("RAGTarget(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := RAGTarget("purple"); err == nil || !strings.Contains(err.Error(), "R, A, G, B or NR") {
		t.Errorf("RAGTarget(purple): %v", err)
	}
	for in, want := range map[string]record.Status{"complete": record.Complete, "On hold": record.OnHold, "closed": record.Complete} {
		if got, err := StatusTarget(in); err != nil || got != want {
			t.Errorf("StatusTarget(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := StatusTarget("nearly"); err == nil || !strings.Contains(err.Error(), "not started, in progress, complete") {
		t.Errorf("StatusTarget(nearly): %v", err)
	}
	for in, want := range map[string]record.RAG{"Amber/Red": record.Red, "Green-Amber": record.Amber, "2 = under way": record.NotRated} {
		if got := GuessRAG(in); got != want {
			t.Errorf("GuessRAG(%q) = %v, want %v", in, got, want)
		}
	}
	w := Standard()
	for in, want := range map[string]record.Status{"Closed - done": record.Complete, "Not closed": record.InProgress, "Actioned": record.InProgress} {
		if got := GuessStatus(w, in); got != want {
			t.Errorf("GuessStatus(%q) = %v, want %v", in, got, want)
		}
	}
}
