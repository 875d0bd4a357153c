package xlsx_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"

	"github.com/boardpack/boardpack/internal/measure"
	"github.com/boardpack/boardpack/internal/pipeline"
	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/internal/record"
)

// trackerSet is one set of testdata/trackers: a real tracker's rows and
// what a careful human reads from them (see testdata/trackers/README.md).
type trackerSet struct {
	name   string
	Source string     `yaml:"source"`
	Rows   [][]string `yaml:"rows"`
	Merges []string   `yaml:"merges"`
	Expect struct {
		Kind       string            `yaml:"kind"`
		HeaderRows []int             `yaml:"header_rows"`
		Columns    map[string]string `yaml:"columns"`
		Actions    int               `yaml:"actions"`
		RAG        map[string]int    `yaml:"rag"`
		Complete   int               `yaml:"complete"`
		Areas      []string          `yaml:"areas"`
	} `yaml:"expect"`
}

// fieldLabels are the corpus's field names and the labels the reader gives
// them (the names boardpack.yaml uses).
var fieldLabels = map[string]string{
	"ref": "ref", "action": "action", "progress": "progress rag", "status": "status", "area": "priority area",
	"lead": "lead", "due": "due date", "revised": "revised due date", "impact": "impact rag",
	"update": "progress update", "evidence": "evidence", "ofsted": "ofsted recommendation",
	"lastupdated": "last updated", "confidential": "confidential",
}

// logLabels are the fields an action log has besides a tracker's.
var logLabels = map[string]string{"meeting": "meeting", "closed": "date closed"}

func loadSets(t *testing.T) []trackerSet {
	t.Helper()
	files, err := filepath.Glob("testdata/trackers/*.yaml")
	if err != nil || len(files) < 30 {
		t.Fatalf("the tracker corpus has %d sets (%v); want 30 or more", len(files), err)
	}
	var sets []trackerSet
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var s trackerSet
		if err := yaml.Unmarshal(b, &s); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		s.name = strings.TrimSuffix(filepath.Base(f), ".yaml")
		if (s.Expect.Kind != "actions" && s.Expect.Kind != "action log") || len(s.Rows) == 0 {
			t.Fatalf("%s: expect.kind %q with %d rows", f, s.Expect.Kind, len(s.Rows))
		}
		sets = append(sets, s)
	}
	return sets
}

// writeXLSX writes the set as a workbook of one sheet, with its merges.
func writeXLSX(t *testing.T, s trackerSet, path string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range s.Rows {
		row := make([]any, len(r))
		for j, c := range r {
			row[j] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range s.Merges {
		a, b, _ := strings.Cut(m, ":")
		if err := f.MergeCell("Sheet1", a, b); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// csvAllowed reports whether a CSV export of the set reads the same: no
// merges, or only merges across the whole width of the table (a CSV export
// keeps the value in the first cell, as a title or heading row alone in
// column A). A merge over part of the width (a group heading) or down
// several rows does not survive as CSV.
func csvAllowed(s trackerSet) bool {
	width := 0
	for _, r := range s.Rows {
		width = max(width, len(r))
	}
	for _, m := range s.Merges {
		a, b, _ := strings.Cut(m, ":")
		c1, r1, _ := excelize.CellNameToCoordinates(a)
		c2, r2, _ := excelize.CellNameToCoordinates(b)
		if r1 != r2 || c1 != 1 || c2 < width {
			return false
		}
	}
	return true
}

func writeCSV(t *testing.T, s trackerSet, path string) {
	t.Helper()
	var b strings.Builder
	w := csv.NewWriter(&b)
	if err := w.WriteAll(s.Rows); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// readSet reads a folder holding the set's export (and boardpack.yaml, if
// config is not empty) through the pipeline, as generate would.
func readSet(t *testing.T, dir string, config string) *pipeline.Run {
	t.Helper()
	if config != "" {
		if err := os.WriteFile(filepath.Join(dir, "boardpack.yaml"), []byte(config), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	setup, err := pipeline.Prepare(pipeline.Options{Data: dir, Period: "2024-06"})
	if err != nil {
		t.Fatalf("prepare with config:\n%s\n%v", config, err)
	}
	snap, err := setup.Read()
	if err != nil {
		t.Fatal(err)
	}
	run, err := setup.Load(context.Background(), snap)
	if err != nil {
		t.Fatal(err)
	}
	return run
}

// check returns how the reading differs from what the set expects.
func check(s trackerSet, run *pipeline.Run) []string {
	var diffs []string
	q := run.Quality
	var errs []quality.Problem
	for _, p := range q.Problems {
		if p.Severity != quality.Error {
			continue
		}
		if s.Expect.Kind == "action log" && p.Sheet == "" && strings.Contains(p.Message, "no improvement-plan tracker") {
			continue // an action log alone in its folder is no tracker, rightly
		}
		errs = append(errs, p)
	}
	if len(errs) > 0 {
		diffs = append(diffs, fmt.Sprintf("%d errors, the first: %s", len(errs), errs[0]))
	}
	if len(q.Sheets) != 1 {
		return append(diffs, fmt.Sprintf("%d sheets read, want 1 (skipped: %v)", len(q.Sheets), q.Skipped))
	}
	sh := q.Sheets[0]
	if sh.Kind != s.Expect.Kind || !slices.Equal(sh.HeaderRows, s.Expect.HeaderRows) {
		diffs = append(diffs, fmt.Sprintf("read as %s with header rows %v, want %s at %v", sh.Kind, sh.HeaderRows, s.Expect.Kind, s.Expect.HeaderRows))
	}
	got := map[string]string{}
	for _, c := range sh.Columns {
		got[c.Field] = c.Col
	}
	labels := fieldLabels
	if s.Expect.Kind == "action log" {
		labels = maps.Clone(fieldLabels)
		maps.Copy(labels, logLabels)
	}
	for name, label := range labels {
		want := s.Expect.Columns[name]
		if got[label] != want {
			diffs = append(diffs, fmt.Sprintf("%s read from column %q, want %q", name, got[label], want))
		}
	}
	if s.Expect.Kind == "action log" {
		return append(diffs, checkLog(s, run.Data.ActionLog)...)
	}
	var actions []record.Action
	if len(run.Data.Periods) > 0 {
		actions = run.Data.Periods[len(run.Data.Periods)-1].Actions
	}
	if len(actions) != s.Expect.Actions {
		diffs = append(diffs, fmt.Sprintf("%d actions, want %d", len(actions), s.Expect.Actions))
	}
	rag := map[string]int{}
	complete := 0
	var areas []string
	for _, a := range actions {
		rag[measure.EffectiveRAG(a).Code()]++
		if a.IsComplete() {
			complete++
		}
		if !slices.Contains(areas, a.Area) {
			areas = append(areas, a.Area)
		}
	}
	for _, code := range []string{"B", "G", "A", "R", "NR"} {
		if rag[code] != s.Expect.RAG[code] {
			diffs = append(diffs, fmt.Sprintf("RAG %v, want %v", rag, s.Expect.RAG))
			break
		}
	}
	if complete != s.Expect.Complete {
		diffs = append(diffs, fmt.Sprintf("%d complete, want %d", complete, s.Expect.Complete))
	}
	want := make([]string, len(s.Expect.Areas))
	for i, a := range s.Expect.Areas {
		want[i] = strings.Join(strings.Fields(a), " ") // the papers print a line break as a space
	}
	if s.Expect.Areas != nil && !slices.Equal(areas, want) {
		diffs = append(diffs, fmt.Sprintf("areas %q, want %q", areas, s.Expect.Areas))
	}
	return diffs
}

// checkLog returns how a board action log's reading differs from what the
// set expects: its actions, and how many are complete. A log has no RAG
// ratings and no priority areas.
func checkLog(s trackerSet, log []record.LogAction) []string {
	var diffs []string
	if len(log) != s.Expect.Actions {
		diffs = append(diffs, fmt.Sprintf("%d logged actions, want %d", len(log), s.Expect.Actions))
	}
	complete := 0
	for _, a := range log {
		if a.Status == record.Complete {
			complete++
		}
	}
	if complete != s.Expect.Complete {
		diffs = append(diffs, fmt.Sprintf("%d complete, want %d", complete, s.Expect.Complete))
	}
	return diffs
}

// TestTrackerCorpus reads every real tracker layout of testdata/trackers,
// as a workbook and (where the layout survives it) as a CSV export, with no
// config, and compares the reading with what a human reads. At least 90% of
// the sets must be read right with no config; each of the others must fail
// with suggested boardpack.yaml lines that, pasted into the file, make it
// read right.
func TestTrackerCorpus(t *testing.T) {
	t.Parallel()
	sets := loadSets(t)
	pass := 0
	var failed []string
	for _, s := range sets {
		formats := []string{"xlsx"}
		if csvAllowed(s) {
			formats = append(formats, "csv")
		}
		ok := true
		for _, format := range formats {
			dir := t.TempDir()
			path := filepath.Join(dir, s.name+"."+format)
			if format == "xlsx" {
				writeXLSX(t, s, path)
			} else {
				writeCSV(t, s, path)
			}
			run := readSet(t, dir, "")
			diffs := check(s, run)
			if len(diffs) == 0 {
				continue
			}
			ok = false
			fix := run.Quality.SuggestedConfig()
			if fix == "" {
				t.Errorf("%s (%s) is read wrong and no config is suggested:\n  %s", s.name, format, strings.Join(diffs, "\n  "))
				continue
			}
			if again := check(s, readSet(t, dir, fix)); len(again) > 0 {
				t.Errorf("%s (%s) is read wrong, and still with the suggested config\n%s\n  %s", s.name, format, fix, strings.Join(again, "\n  "))
				continue
			}
			failed = append(failed, fmt.Sprintf("%s (%s): %s; passes with\n%s", s.name, format, strings.Join(diffs, "; "), fix))
		}
		if ok {
			pass++
		}
	}
	sort.Strings(failed)
	share := float64(pass) / float64(len(sets))
	t.Logf("%d of %d sets (%.0f%%) read right with no config", pass, len(sets), 100*share)
	for _, f := range failed {
		t.Logf("needs config: %s", f)
	}
	if share < 0.9 {
		t.Errorf("only %.0f%% of the corpus read right with no config; want 90%% or more", 100*share)
	}
}
