package xlsx

import (
	"fmt"
	"testing"
)

// TestVeryWideSheet reads a sheet MaxColumn columns wide (wider is refused,
// see limits_test.go): its header is found and its rows read. Header detection reads a row's cells
// a bounded number of times, so this takes a fraction of a second; a
// quadratic pass over the cells took six minutes.
func TestVeryWideSheet(t *testing.T) {
	t.Parallel()
	const width = MaxColumn
	rows := [][]string{append([]string{"Ref", "Action", "RAG"}, make([]string, width-3)...)}
	for r := range 40 {
		row := make([]string, width)
		for c := range row {
			row[c] = fmt.Sprintf("v%d-%d", r, c)
		}
		row[0], row[1], row[2] = fmt.Sprintf("A%d", r), "Recruit a social worker", "Green"
		rows = append(rows, row)
	}
	_, rep, err := readRowsForTest(rows, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Sheets) != 1 || rep.Sheets[0].Used != 40 {
		t.Errorf("sheets %+v, want the tracker with its 40 actions", rep.Sheets)
	}
}
