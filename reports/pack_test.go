package reports

import (
	"strings"
	"testing"

	"github.com/boardpack/boardpack/internal/config"
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
