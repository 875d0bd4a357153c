package sampledata

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
)

// committed is the repository's sample data, relative to this package.
const committed = "../../sample-data"

const regenerate = "regenerate with: go run ./cmd/sampledata -out sample-data"

// xlsxFiles reads every generated file under dir (workbooks and the
// narrative), keyed by slash path relative to dir.
func xlsxFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		ext := strings.ToLower(filepath.Ext(path))
		if err != nil || d.IsDir() || ext != ".xlsx" && ext != ".md" {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(path)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// generate runs Write into a new folder and reads what it wrote.
func generate(t *testing.T) (string, map[string][]byte) {
	t.Helper()
	dir := t.TempDir()
	if err := Write(dir); err != nil {
		t.Fatal(err)
	}
	return dir, xlsxFiles(t, dir)
}

// written is one run of Write shared by the tests that only read its files
// (TestWriteIsDeterministic compares it with a second run of its own).
var written struct {
	once  sync.Once
	dir   string
	files map[string][]byte
	err   error
}

// generated returns the shared run of Write, made on first use in a
// folder TestMain removes.
func generated(t *testing.T) (string, map[string][]byte) {
	t.Helper()
	written.once.Do(func() {
		written.err = errors.New("the shared run of Write stopped before it finished (see the first test to fail)")
		dir, err := os.MkdirTemp("", "sampledata")
		if err != nil {
			written.err = err
			return
		}
		written.dir = dir
		if err := Write(dir); err != nil {
			written.err = err
			return
		}
		written.files = xlsxFiles(t, dir)
		written.err = nil
	})
	if written.err != nil {
		t.Fatal(written.err)
	}
	return written.dir, written.files
}

// TestMain runs the tests and removes the shared runs' folders.
func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range []string{written.dir, scaledWritten.dir} {
		if dir != "" {
			os.RemoveAll(dir)
		}
	}
	os.Exit(code)
}

// sameFiles reports every file that is missing, extra or different in got.
func sameFiles(t *testing.T, want, got map[string][]byte, hint string) {
	t.Helper()
	for name, w := range want {
		g, ok := got[name]
		switch {
		case !ok:
			t.Errorf("%s: missing (%s)", name, hint)
		case !bytes.Equal(w, g):
			t.Errorf("%s: differs, %d bytes against %d (%s)", name, len(g), len(w), hint)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: not produced by the generator; delete it (%s)", name, hint)
		}
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	_, first := generated(t)
	_, second := generate(t)
	if len(first) != 17 {
		t.Errorf("generated %d files, want 17 (6 trackers, 4 metric workbooks, the action log and 6 narratives)", len(first))
	}
	sameFiles(t, first, second, "two runs of Write differ")
}

func TestCommittedSampleDataIsCurrent(t *testing.T) {
	_, fresh := generated(t)
	sameFiles(t, fresh, xlsxFiles(t, committed), regenerate)
}

// table returns the rows of a sheet's table below its header row, up to
// the first blank row, with the header, whose first cell is firstHeader.
func table(t *testing.T, path, sheet, firstHeader string) (header []string, rows [][]string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	all, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range all {
		if k := slices.Index(r, firstHeader); k >= 0 {
			header = r[k:]
			for _, row := range all[i+1:] {
				if len(row) <= k || row[k] == "" {
					break
				}
				rows = append(rows, row[k:])
			}
			return header, rows
		}
	}
	t.Fatalf("%s › %s: no header %q", path, sheet, firstHeader)
	return nil, nil
}

func column(header []string, rows [][]string, name string) []string {
	k := slices.Index(header, name)
	var col []string
	for _, r := range rows {
		v := ""
		if k >= 0 && k < len(r) {
			v = r[k]
		}
		col = append(col, v)
	}
	return col
}

func count(xs []string, want string) int {
	var n int
	for _, x := range xs {
		if x == want {
			n++
		}
	}
	return n
}

func TestJuneTrackerMakesSense(t *testing.T) {
	dir, _ := generated(t)
	header, rows := table(t, filepath.Join(dir, "2023-06", trackerFiles[5]), trackerSheet, "Ref")
	if !slices.Equal(header, trackerHeaders) {
		t.Errorf("header %q, want %q", header, trackerHeaders)
	}
	if n := len(rows); n < 115 || n > 130 {
		t.Errorf("June tracker has %d actions, want 115 to 130", n)
	}
	var names []string
	for _, a := range areas {
		names = append(names, a.name)
	}
	for k, v := range column(header, rows, "Priority Area") {
		if !slices.Contains(names, v) {
			t.Errorf("row %d: priority area %q is not one of the seven", k+5, v)
		}
	}
	progress, status := column(header, rows, "Progress RAG"), column(header, rows, "Status")
	if n := count(progress, "Red"); n < minRed || n > maxRed {
		t.Errorf("%d Red actions, want %d to %d", n, minRed, maxRed)
	}
	if n := count(status, stComplete) * 100 / len(rows); n < 45 || n > 55 {
		t.Errorf("%d%% complete, want 45%% to 55%%", n)
	}
	for k := range progress {
		if progress[k] == "Blue" && status[k] != stComplete {
			t.Errorf("row %d: Blue but %s", k+5, status[k])
		}
	}
	if n := count(column(header, rows, "Confidential"), "Yes"); n != 2 {
		t.Errorf("%d confidential actions, want 2", n)
	}
}

func TestTrackersKeepTheirRefs(t *testing.T) {
	dir, _ := generated(t)
	texts := map[string]string{}
	for i, name := range trackerFiles {
		header, rows := table(t, filepath.Join(dir, monthDir(trackerMonth(i)), name), trackerSheet, "Ref")
		refs, actions := column(header, rows, "Ref"), column(header, rows, "Action")
		for k, ref := range refs {
			if old, ok := texts[ref]; ok && old != actions[k] {
				t.Errorf("%s: %s changed its action text", name, ref)
			}
			texts[ref] = actions[k]
		}
	}
}

func TestMetricWorkbooksAgree(t *testing.T) {
	dir, _ := generated(t)
	june := filepath.Join(dir, "2023-06")
	header, caseloads := table(t, filepath.Join(june, "Caseloads by team June 2023.xlsx"), "Caseloads", "Month")
	if n := len(caseloads); n != metricMonths*len(teamTable) {
		t.Errorf("%d caseload rows, want %d", n, metricMonths*len(teamTable))
	}
	var juneCases int
	cases := column(header, caseloads, "Children allocated")
	for k, m := range column(header, caseloads, "Month") {
		if m == "Jun-23" {
			n, err := strconv.Atoi(cases[k])
			if err != nil {
				t.Fatal(err)
			}
			juneCases += n
		}
	}
	_, allocations := table(t, filepath.Join(june, "Allocations snapshot 30-06-2023.xlsx"), "Allocations", "Child ID")
	if len(allocations) != juneCases {
		t.Errorf("%d allocated children, but the June caseloads add up to %d", len(allocations), juneCases)
	}
	if n := len(allocations); n < 1300 || n > 1400 {
		t.Errorf("%d allocations, want about 1,350", n)
	}
	header, kpis := table(t, filepath.Join(june, "KPI scorecard June 2023.xlsx"), "KPIs", "Month")
	if n := len(kpis); n != metricMonths*len(kpiTable) {
		t.Errorf("%d KPI rows, want %d", n, metricMonths*len(kpiTable))
	}
	if n := count(column(header, kpis, "Value"), "c"); n != 2 {
		t.Errorf("%d suppressed KPI values, want 2", n)
	}
}
