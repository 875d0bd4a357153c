package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/boardpack/boardpack/internal/config"
	"github.com/boardpack/boardpack/internal/pipeline"
)

// copyJune copies the sample data's config and June folder: the reporting
// month with every kind of sheet.
func copyJune(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "2023-06"), os.DirFS(filepath.Join(sampleData, "2023-06"))); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(sampleData, "boardpack.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "boardpack.yaml"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// renameHeading renames the heading from to "to" on a sheet of the June
// workbook matching glob.
func renameHeading(t *testing.T, dir, glob, sheet, from, to string) {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, "2023-06", glob))
	if len(m) != 1 {
		t.Fatalf("no one workbook %s: %v", glob, m)
	}
	f, err := excelize.OpenFile(m[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for r := 0; r < 10 && rows.Next(); r++ {
		row, err := rows.Columns()
		if err != nil {
			t.Fatal(err)
		}
		for c, v := range row {
			if v == from {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				f.SetCellValue(sheet, cell, to)
				if err := f.Save(); err != nil {
					t.Fatal(err)
				}
				return
			}
		}
	}
	t.Fatalf("no heading %q on %s › %s", from, glob, sheet)
}

func run(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var o, e bytes.Buffer
	err = Run(context.Background(), processEnv(), args, &o, &e)
	return o.String(), e.String(), err
}

// TestRenamingARequiredColumnNeverLosesASection renames each required
// column of each metric sheet in turn: generate exits 1 naming the sheet,
// the column it lacks and the heading found instead; with --keep-going it
// writes the papers, and they say which section is missing and why. It
// never exits 0 with a section gone.
func TestRenamingARequiredColumnNeverLosesASection(t *testing.T) {
	cases := []struct {
		glob, sheet string
		headings    []string
		missing     string // the column the error names
		says        string // what the papers say
	}{
		{"Caseloads*.xlsx", "Caseloads", []string{"Month"}, "month", "Caseloads are not reported this month"},
		{"Caseloads*.xlsx", "Caseloads", []string{"Team"}, "team", "Caseloads are not reported this month"},
		{"Caseloads*.xlsx", "Caseloads", []string{"Case-holding FTE"}, "case-holding FTE", "Caseloads are not reported this month"},
		{"Caseloads*.xlsx", "Caseloads", []string{"Children allocated"}, "cases", "Caseloads are not reported this month"},
		{"Allocations*.xlsx", "Allocations", []string{"Child ID"}, "child ID", "The allocation snapshot is not reported this month"},
		{"Allocations*.xlsx", "Allocations", []string{"Team"}, "team", "The allocation snapshot is not reported this month"},
		{"Allocations*.xlsx", "Allocations", []string{"Allocated Worker"}, "allocated worker", "The allocation snapshot is not reported this month"},
		{"Workforce*.xlsx", "Workforce", []string{"Month"}, "month", "The workforce figures are not reported this month"},
		{"Workforce*.xlsx", "Workforce", []string{"In-post FTE"}, "in-post FTE", "The workforce figures are not reported this month"},
		{"Workforce*.xlsx", "Workforce", []string{"Agency FTE"}, "agency FTE", "The workforce figures are not reported this month"},
		{"Workforce*.xlsx", "Workforce", []string{"Vacancies FTE"}, "vacancies FTE", "The workforce figures are not reported this month"},
		{"Workforce*.xlsx", "Recruitment", []string{"Month"}, "month", "Recruitment is not reported this month"},
		{"Workforce*.xlsx", "Recruitment", []string{"Adverts", "Applications", "Interviews", "Offers", "Starters"}, "one of adverts, applications", "Recruitment is not reported this month"},
		{"KPI*.xlsx", "KPIs", []string{"Month"}, "month", "The key performance indicators are not reported this month"},
		{"KPI*.xlsx", "KPIs", []string{"Indicator"}, "indicator", "The key performance indicators are not reported this month"},
		{"KPI*.xlsx", "KPIs", []string{"Value"}, "value", "The key performance indicators are not reported this month"},
	}
	for _, c := range cases {
		t.Run(c.sheet+" "+c.headings[0], func(t *testing.T) {
			t.Parallel()
			dir := copyJune(t)
			for i, h := range c.headings {
				renameHeading(t, dir, c.glob, c.sheet, h, "Renamed column "+string(rune('A'+i)))
			}
			out := t.TempDir()
			_, stderr, err := run(t, "generate", "--data", dir, "--out", out, "--quiet")
			if code := exitCode(err, &bytes.Buffer{}); code != exitData {
				t.Fatalf("exit %d (%v), want %d: a section must never go in silence\n%s", code, err, exitData, stderr)
			}
			for _, want := range []string{"› " + c.sheet + " › ", "looks like", "has no " + c.missing, `"Renamed column A"`} {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr does not say %q:\n%s", want, stderr)
				}
			}
			if _, err := os.Stat(filepath.Join(out, "improvement-board-2023-06.pdf")); err == nil {
				t.Error("papers written although the data has an error")
			}
			_, stderr, err = run(t, "generate", "--data", dir, "--out", out, "--quiet", "--keep-going", "--report", "board,scrutiny")
			if err != nil {
				t.Fatalf("--keep-going: %v\n%s", err, stderr)
			}
			board := pdfText(t, filepath.Join(out, "improvement-board-2023-06.pdf"))
			for _, want := range []string{c.says, c.sheet + " has no " + c.missing} {
				if !strings.Contains(board, want) {
					t.Errorf("the Board paper does not say %q", want)
				}
			}
			if c.sheet == "Caseloads" || c.sheet == "Workforce" {
				if scrutiny := pdfText(t, filepath.Join(out, "scrutiny-2023-06.pdf")); !strings.Contains(scrutiny, c.says) {
					t.Errorf("the Scrutiny paper does not say %q", c.says)
				}
			}
		})
	}
}

// TestCSVCaseloadExportIsRead: a caseload export saved as CSV is read, not
// dropped: the papers report the same caseloads as from the workbook.
func TestCSVCaseloadExportIsRead(t *testing.T) {
	dir := copyJune(t)
	m, _ := filepath.Glob(filepath.Join(dir, "2023-06", "Caseloads*.xlsx"))
	f, err := excelize.OpenFile(m[0])
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Caseloads")
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, ",") + "\r\n")
	}
	os.Remove(m[0])
	if err := os.WriteFile(filepath.Join(dir, "2023-06", "caseloads.csv"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	setup, err := pipeline.Prepare(pipeline.Options{Data: dir})
	if err != nil {
		t.Fatal(err)
	}
	snap, _ := setup.Read()
	r, err := setup.Load(context.Background(), snap)
	if err != nil || r.Quality.Errors() != 0 {
		t.Fatalf("%v %v", err, r.Quality.Problems)
	}
	want := independentFigures(t).avgCaseload
	if got := r.Results.Caseload.Overall.Average; !got.Valid || got.Value < want-0.05 || got.Value > want+0.05 {
		t.Errorf("average caseload from the CSV export %+v, want %.1f", got, want)
	}
}

// TestWarningsGroupedInTheLog: generate logs the sample data's thirty
// "TBC"/"Ongoing" due dates as one line with the count and the first
// cells; validate lists each.
func TestWarningsGroupedInTheLog(t *testing.T) {
	_, stderr, err := run(t, "generate", "--data", sampleData, "--out", t.TempDir(), "--report", "appendix")
	if err != nil {
		t.Fatal(err)
	}
	var warnings []string
	for _, l := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(l, "warning: ") {
			warnings = append(warnings, l)
		}
	}
	re := regexp.MustCompile(`^warning: 30 × due date "(Ongoing|TBC)" gives no date; treated as no due date \(also "(TBC|Ongoing)"\); at 2023-01/Improvement Plan Tracker Jan 2023 v2\.xlsx › Action Plan › F\d+, F\d+, F\d+ and 27 more`)
	if len(warnings) != 1 || !re.MatchString(warnings[0]) {
		t.Errorf("warning lines %q, want one grouping the 30 due dates", warnings)
	}
	stdout, _, err := run(t, "validate", "--data", sampleData)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(stdout, "gives no date"); n != 30 {
		t.Errorf("validate lists %d due dates with no date, want each of the 30", n)
	}
	_, stderr, err = run(t, "generate", "--data", sampleData, "--out", t.TempDir(), "--report", "appendix", "--quiet")
	if err != nil {
		t.Fatalf("--quiet: %v\n%s", err, stderr)
	}
	if strings.Contains(stderr, "warning") {
		t.Errorf("--quiet logged warnings:\n%s", stderr)
	}
}

// TestWorkbookThatGivesNoSheetIsInTheLogAndThePaper: an export none of
// whose sheets can be read is named in generate's log and in the Board
// paper's data-quality note, not only by validate.
func TestWorkbookThatGivesNoSheetIsInTheLogAndThePaper(t *testing.T) {
	dir := copyJune(t)
	f := excelize.NewFile()
	row := []any{"Colour", "Shape"}
	f.SetSheetRow("Sheet1", "A1", &row)
	if err := f.SaveAs(filepath.Join(dir, "2023-06", "Mystery export.xlsx")); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	_, stderr, err := run(t, "generate", "--data", dir, "--out", out, "--report", "board")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr, "warning: 2023-06/Mystery export.xlsx: no sheet of this file was read") {
		t.Errorf("the log does not name the workbook:\n%s", stderr)
	}
	board := pdfText(t, filepath.Join(out, "improvement-board-2023-06.pdf"))
	if !strings.Contains(board, "Mystery export.xlsx") || !strings.Contains(board, "o sheet of this file was read") {
		t.Error("the Board paper's data-quality note does not name the workbook")
	}
}

// TestInspect shows how each sheet was read, and writes a starter config
// that reads the data the same way; it never replaces a file.
func TestInspect(t *testing.T) {
	dir := copyJune(t)
	renameHeading(t, dir, "Caseloads*.xlsx", "Caseloads", "Case-holding FTE", "Staff")
	cfg := filepath.Join(t.TempDir(), "starter.yaml")
	stdout, stderr, err := run(t, "inspect", "--data", dir, "--write-config", cfg)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, want := range []string{
		"2023-06/Improvement Plan Tracker June 2023 FINAL.xlsx › Action Plan\n    read as actions, header at row 4",
		`B   "Ref"                        as ref`,
		`progress rag: "Blue" as B`,
		"2023-06/Caseloads by team June 2023.xlsx › Notes\n    not read: no header row of a known kind",
		"2023-06/Caseloads by team June 2023.xlsx › Caseloads\n    not read: header row 3 looks like a caseloads sheet but has no case-holding FTE column",
		`"Staff": case-holding fte`,
		"Wrote " + cfg,
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("inspect does not say %q", want)
		}
	}
	c, err := config.Load(cfg, false)
	if err != nil {
		t.Fatalf("the starter config does not load: %v", err)
	}
	if len(c.Headers) < 20 || len(c.Vocabulary.RAG) != 4 || len(c.Vocabulary.Status) < 5 {
		t.Errorf("starter config: %d headers, %d RAG words, %d status words", len(c.Headers), len(c.Vocabulary.RAG), len(c.Vocabulary.Status))
	}
	// Read with the starter config, the data reads as inspect saw it, and
	// the suggested line reads the renamed column.
	stdout, _, err = run(t, "validate", "--data", dir, "--config", cfg)
	if err != nil || !strings.Contains(stdout, "› Caseloads: caseloads, header at row 3") {
		t.Errorf("validate with the starter config: %v\n%s", err, stdout)
	}
	_, stderr, err = run(t, "inspect", "--data", dir, "--write-config", cfg)
	if code := exitCode(err, &bytes.Buffer{}); code != exitUsage || !strings.Contains(err.Error(), "the file exists") {
		t.Errorf("a second --write-config: exit %d, %v", code, err)
	}
}

// TestHiddenSheetsAreSaid: a hidden sheet is not read (hiding is how a
// council keeps an old copy or a list of choices out), but never passed
// over unseen: the log of generate and the Board paper name it.
func TestHiddenSheetsAreSaid(t *testing.T) {
	dir := copyJune(t)
	f := excelize.NewFile()
	row := []any{"Ref", "Action", "RAG", "Due date"}
	f.SetSheetRow("Sheet1", "A1", &row)
	f.NewSheet("Old May tracker")
	f.SetSheetRow("Old May tracker", "A1", &row)
	if err := f.SetSheetVisible("Old May tracker", false); err != nil {
		t.Fatal(err)
	}
	f.DeleteSheet("Sheet1")
	if err := f.SaveAs(filepath.Join(dir, "2023-06", "Old copies.xlsx")); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	_, stderr, err := run(t, "generate", "--data", dir, "--out", out, "--report", "board")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "note: 1 hidden sheet not read (unhide a sheet to read it): 2023-06/Old copies.xlsx › Old May tracker") {
		t.Errorf("the log does not name the hidden sheet:\n%s", stderr)
	}
	board := pdfText(t, filepath.Join(out, "improvement-board-2023-06.pdf"))
	if !strings.Contains(strings.Join(strings.Fields(board), " "), "1 hidden sheet was not read, as hidden sheets never are: Old copies.xlsx › Old May tracker") {
		t.Error("the Board paper's data-quality note does not name the hidden sheet")
	}
}
