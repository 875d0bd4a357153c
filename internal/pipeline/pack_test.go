package pipeline

import (
	"bytes"
	"context"
	"testing"

	"github.com/boardpack/boardpack/internal/config"
)

// loadSample is a loaded run on the sample data.
func loadSample(t *testing.T) *Run {
	t.Helper()
	return open(t, Options{Data: sampleData})
}

// TestPackWithAVerbalExemptItem: an exempt item with no papers (a verbal
// update taken in private, as councils often have) made the whole run
// fail, no public pack either, saying the agenda held no papers. The
// public pack is made, and the Part 2 pack holds its cover and agenda.
func TestPackWithAVerbalExemptItem(t *testing.T) {
	run := loadSample(t)
	run.Setup.Config.Meetings.Board.Agenda = []config.AgendaItem{
		{Title: "Improvement Board highlight report", Purpose: "discussion", Paper: "board"},
		{Title: "Staffing matter", Purpose: "noting", Text: "Verbal update", Exempt: "paragraph 1 of Part 1 of Schedule 12A"},
	}
	packs, err := run.Pack(context.Background(), PackRequest{Body: "board", KeepGoing: true})
	if err != nil {
		t.Fatalf("pack with a verbal exempt item: %v", err)
	}
	if len(packs) != 2 || packs[0].Exempt || !packs[1].Exempt {
		t.Fatalf("got %d packs, want the public one and the exempt one", len(packs))
	}
	if packs[1].Pages < 1 || !bytes.HasPrefix(packs[1].PDF, []byte("%PDF-")) {
		t.Errorf("the exempt pack has %d pages", packs[1].Pages)
	}

	// An agenda with nothing to print in either pack is still refused.
	run.Setup.Config.Meetings.Board.Agenda = []config.AgendaItem{
		{Title: "Welcome", Purpose: "noting"},
		{Title: "Staffing matter", Purpose: "noting", Text: "Verbal update", Exempt: "paragraph 1 of Part 1 of Schedule 12A"},
	}
	if _, err := run.Pack(context.Background(), PackRequest{Body: "board", KeepGoing: true}); KindOf(err) != Usage {
		t.Errorf("an agenda with no papers at all: %v, want a usage error", err)
	}
}
