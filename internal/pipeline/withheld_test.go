package pipeline

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/boardpack/boardpack/reports"
)

// TestConfidentialRowsProblemsQuoteNothing: a confidential action whose
// cells cannot be read is reported by its cell and reference, never by its
// values, and a note below the table is counted, never quoted, in the
// report, the log's messages and the Open Board paper; the
// data-quality appendix names actions by reference, not by cell, and a
// confidential one not even by reference.
func TestConfidentialRowsProblemsQuoteNothing(t *testing.T) {
	rows := [][]any{
		{"Ref", "Action", "Lead", "Due date", "Status", "RAG", "Confidential"},
		{"WF-01", "Recruit social workers", "Head of Workforce", "TBC", "In progress", "Amber", "No"},
		{"WF-02", "Refresh the induction", "Head of Workforce", "TBC", "In progress", "Green", "No"},
		{"CP-09", "Review the placement", "Head of Service", "SENTINEL pending advice on Oak House", "SENTINEL court", "Red", "Yes"},
		{},
		{"Note: SENTINEL-NOTE child 1234567 moved to Oak House"},
	}
	dir := trackerMonth(t, rows)
	run := open(t, Options{Data: filepath.Dir(dir)})
	js, err := json.Marshal(run.Quality) // what validate --format json prints
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(js), "SENTINEL") {
		t.Errorf("the quality report quotes a note or a confidential row: %s", js)
	}
	if n := run.Quality.Sheets[0].Notes; n != 1 {
		t.Errorf("%d notes, want the note below the table", n)
	}
	withheld := 0
	for _, p := range run.Quality.Problems {
		if strings.Contains(p.String()+p.Value, "SENTINEL") || (p.Fix != nil && strings.Contains(p.Fix.Key, "SENTINEL")) {
			t.Errorf("a problem quotes the confidential row: %s (value %q)", p, p.Value)
		}
		if p.Withheld {
			withheld++
			if p.Ref != "CP-09" || p.Cell == "" {
				t.Errorf("a withheld problem does not say where: ref %q cell %q", p.Ref, p.Cell)
			}
		}
	}
	if withheld < 2 {
		t.Errorf("%d problems of the confidential row, want its due date and its status: %v", withheld, run.Quality.Problems)
	}
	d, err := run.Document(reports.Board, false)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	paper := string(b)
	if strings.Contains(paper, "SENTINEL") {
		t.Error("the Open Board paper quotes the confidential row's values")
	}
	if strings.Contains(paper, "CP-09") {
		t.Error("the Open Board paper names the confidential action's reference")
	}
	for _, want := range []string{"2 actions: WF-01, WF-02", "1 confidential action"} {
		if !strings.Contains(paper, want) {
			t.Errorf("the data-quality appendix does not say %q", want)
		}
	}
	if strings.Contains(paper, "tracker.xlsx › Sheet1 › D2") {
		t.Error("the data-quality appendix gives cell references; they are for boardpack validate")
	}
}

// TestUnreadConfidentialityColumnStopsThePapers: a column that speaks of
// confidentiality but cannot be read as the flag is an error that no
// --keep-going passes: the papers would print the actions it marks.
func TestUnreadConfidentialityColumnStopsThePapers(t *testing.T) {
	rows := [][]any{
		{"Ref", "Action", "Lead", "Due date", "RAG", "Confidential: do not publish this row in the public version of the report to Cabinet or Scrutiny"},
		{"WF-01", "Recruit social workers", "Head of Workforce", "30/06/2023", "Amber", "No"},
		{"CP-09", "SENTINEL placement review", "Head of Service", "30/06/2023", "Red", "Yes"},
	}
	dir := trackerMonth(t, rows)
	run := open(t, Options{Data: filepath.Dir(dir)})
	ps, err := run.Papers(context.Background(), Request{Kinds: reports.Kinds, KeepGoing: true})
	if KindOf(err) != Data || !strings.Contains(err.Error(), "speaks of confidentiality") {
		t.Errorf("--keep-going with the flag column unread: %d papers, err %v; want a data error", len(ps), err)
	}
}

// trackerMonth writes rows as the tracker of a June 2023 month folder in a
// new data folder, and returns the month folder.
func trackerMonth(t *testing.T, rows [][]any) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "2023-06")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(filepath.Join(dir, "tracker.xlsx")); err != nil {
		t.Fatal(err)
	}
	return dir
}
