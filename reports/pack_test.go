package reports

import (
	"strings"
	"testing"
	"time"

	"github.com/boardpack/boardpack/internal/config"
	"github.com/boardpack/boardpack/internal/doc"
)

// TestPart2CoverCitesTheAgendaGrounds: the exempt pack's cover gives the
// grounds the agenda gives its items (which the public agenda prints), not
// the config's general exemption, and names the items when they differ.
func TestPart2CoverCitesTheAgendaGrounds(t *testing.T) {
	c := config.Config{Council: "Northmoor Borough Council", Exemption: "paragraph 2 of Part 1 of Schedule 12A"}
	front := func(items ...PackItem) string {
		return texts(BuildPackFront(PackFront{Config: c, Meeting: Meeting{Name: "Children's Improvement Board"}, Part2: true, Items: items}))
	}
	one := front(PackItem{Number: 5, Title: "Confidential actions", Exempt: "paragraph 1 of Part 1 of Schedule 12A"})
	if !strings.Contains(one, "these items contain exempt information under paragraph 1 of Part 1 of Schedule 12A.") {
		t.Errorf("the cover does not cite the item's own ground:\n%s", one)
	}
	if strings.Contains(one, "paragraph 2") {
		t.Errorf("the cover cites the config's ground, which the agenda does not give for this item:\n%s", one)
	}
	two := front(PackItem{Number: 5, Exempt: "paragraph 1 of Part 1 of Schedule 12A"}, PackItem{Number: 7, Exempt: "paragraph 3 of Part 1 of Schedule 12A"},
		PackItem{Number: 8, Exempt: "paragraph 1 of Part 1 of Schedule 12A"})
	want := "exempt information: items 5, 8 under paragraph 1 of Part 1 of Schedule 12A; item 7 under paragraph 3 of Part 1 of Schedule 12A."
	if !strings.Contains(two, want) {
		t.Errorf("items with different grounds: want %q in\n%s", want, two)
	}
}

// TestPackFrontPart2StatesTheItemsGrounds: the exempt pack's cover cited
// the config's general exemption (paragraph 2, an individual's identity)
// while its item was exempt under another paragraph, which the Part 2 pack
// printed nowhere. The cover and agenda now state each item's own ground.
func TestPackFrontPart2StatesTheItemsGrounds(t *testing.T) {
	cfg := config.Default()
	cfg.Council = "Northmoor Borough Council"
	cfg.Exemption = "paragraph 2 of Part 1 of Schedule 12A (identity of an individual)"
	m := Meeting{Name: "Children's Improvement Board", Date: time.Date(2023, 7, 12, 0, 0, 0, 0, time.UTC)}
	items := []PackItem{
		{Number: 5, Title: "Contract award", Holds: "Report", Exempt: "paragraph 3 of Part 1 of Schedule 12A", Start: 3, Pages: 2},
		{Number: 6, Title: "Staffing matter", Holds: "Report", Exempt: "paragraph 1 of Part 1 of Schedule 12A", Start: 5, Pages: 1},
	}
	d := BuildPackFront(PackFront{Config: cfg, Meeting: m, Part2: true, Items: items})
	cover := texts(doc.Document{Sections: d.Sections[:1]})
	agenda := texts(doc.Document{Sections: d.Sections[1:]})
	for _, want := range []string{"paragraph 3 of Part 1 of Schedule 12A", "paragraph 1 of Part 1 of Schedule 12A"} {
		if !strings.Contains(cover, want) {
			t.Errorf("the Part 2 cover does not give the ground %q:\n%s", want, cover)
		}
		if !strings.Contains(agenda, want) {
			t.Errorf("the Part 2 agenda does not give the ground %q:\n%s", want, agenda)
		}
	}
	if strings.Contains(cover, "paragraph 2") {
		t.Errorf("the Part 2 cover cites a ground none of its items has:\n%s", cover)
	}
}
