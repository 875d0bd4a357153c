package xlsx

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/internal/record"
)

// book writes a workbook with the given sheets (name -> rows starting at
// A1) to dir/name and returns its path.
func book(t *testing.T, dir, name string, sheets map[string][][]any, order ...string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range order {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(sh); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[sh] {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(sh, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join(dir, name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

var trackerHeader = []any{nil, nil, "Ref", "Priority\nArea", "Action", "Lead Officer", "Due Date (dd/mm/yyyy)", "Status", "Progress RAG", "Impact RAG", "Comments"}

func tracker(rows ...[]any) [][]any {
	out := [][]any{
		{"Children's Services Improvement Plan"},
		{"Data as at 30/06/2023"},
		{},
		trackerHeader,
	}
	return append(out, rows...)
}

func monthFolder(t *testing.T, root, month string) string {
	t.Helper()
	dir := filepath.Join(root, month)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestReadTrackerAccountsForEveryRow(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := monthFolder(t, root, "2023-06")
	due := time.Date(2023, 5, 31, 0, 0, 0, 0, time.UTC)
	book(t, dir, "Improvement Plan Tracker v3 FINAL (2).xlsx", map[string][][]any{
		"Read me": {{"This workbook tracks the plan."}, {"RAG: Blue complete, Green on track"}},
		"Actions": tracker(
			[]any{nil, nil, "WF-01", "Workforce", "Reduce caseloads", "Head of Service", due, "In progress", "Red", "", "Behind plan"},
			[]any{nil, nil, "WF-02", "Workforce", "Recruit social workers", "HR lead", "TBC", "In progress", "Amber", "Green", ""},
			[]any{},
			[]any{nil, nil, "WF-03", "Workforce", "Bad due date", "HR lead", "31/02/2023", "In progress", "Green", "", ""},
			[]any{nil, nil, "WF-04", "Workforce", "Bad RAG", "HR lead", "30/06/2023", "In progress", "Purple", "", ""},
			[]any{nil, nil, "WF-01", "Workforce", "Duplicate ref", "HR lead", "30/06/2023", "Complete", "Blue", "", ""},
			[]any{},
			[]any{nil, nil, "Source: PMO tracker export, June 2023"},
		),
	}, "Read me", "Actions")

	data, rep, err := ReadFolder(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Sheets) != 1 {
		t.Fatalf("sheets read = %+v, want the Actions sheet only", rep.Sheets)
	}
	s := rep.Sheets[0]
	if s.Kind != string(Actions) || s.HeaderRow != 4 {
		t.Errorf("kind %s header row %d, want actions at row 4", s.Kind, s.HeaderRow)
	}
	if s.Rows != s.Used+s.Blank+s.Notes+s.Rejected {
		t.Errorf("rows %d != used %d + blank %d + notes %d + rejected %d", s.Rows, s.Used, s.Blank, s.Notes, s.Rejected)
	}
	if s.Rows != 8 || s.Used != 3 || s.Blank != 2 || s.Notes != 1 || s.Rejected != 2 {
		t.Errorf("accounting = %+v, want 8 rows: 3 used, 2 blank, 1 note, 2 rejected", s)
	}
	if len(data.Periods) != 1 || len(data.Periods[0].Actions) != 3 {
		t.Fatalf("periods = %+v", data.Periods)
	}
	// A reference used twice is read, told apart, and named.
	if dup := data.Periods[0].Actions[2]; dup.Ref != "WF-01 (2)" || dup.Text != "Duplicate ref" {
		t.Errorf("the second WF-01 = %+v, want it read as WF-01 (2)", dup)
	}
	a := data.Periods[0].Actions[0]
	if a.Ref != "WF-01" || a.Area != "Workforce" || !a.Due.Equal(due) || a.Progress != record.Red || a.Status != record.InProgress {
		t.Errorf("first action = %+v", a)
	}
	want := map[string]string{
		"G8":  `due date: "31/02/2023" is not a date: February 2023 has no day 31`,
		"I9":  `progress RAG: "Purple" is not a RAG rating (allowed:`,
		"C10": "action reference WF-01 is used twice (first at row 5); this one is read as WF-01 (2)",
		"G6":  `due date "TBC" gives no date`,
	}
	for _, p := range rep.Problems {
		if msg, ok := want[p.Cell]; ok && strings.Contains(p.Message, msg) {
			if !strings.HasPrefix(p.String(), "2023-06/Improvement Plan Tracker v3 FINAL (2).xlsx › Actions › "+p.Cell+": ") {
				t.Errorf("problem %q does not name file, sheet and cell", p)
			}
			delete(want, p.Cell)
		}
	}
	for cell, msg := range want {
		t.Errorf("no problem at %s saying %q; got %v", cell, msg, rep.Problems)
	}
	if rep.Errors() != 2 || rep.Warnings() != 2 {
		t.Errorf("errors %d warnings %d, want 2 and 2", rep.Errors(), rep.Warnings())
	}
}

func TestHiddenSheetIgnoredAndDuplicateKindNamesBoth(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := monthFolder(t, root, "2023-06")
	rows := tracker([]any{nil, nil, "A1", "Area", "Do it", "Lead", "30/06/2023", "In progress", "Green", "", ""})
	path := book(t, dir, "a.xlsx", map[string][][]any{"Plan": rows, "Old plan": rows}, "Plan", "Old plan")
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetVisible("Old plan", false); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, rep, err := ReadFolder(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Errors() != 0 || len(rep.Sheets) != 1 {
		t.Fatalf("hidden sheet was read: %+v %v", rep.Sheets, rep.Problems)
	}

	book(t, dir, "b.xlsx", map[string][][]any{"Tracker": rows}, "Tracker")
	_, rep, _ = ReadFolder(root, Options{})
	if rep.Errors() != 1 {
		t.Fatalf("two trackers in one month: problems %v, want one error", rep.Problems)
	}
	msg := rep.Problems[0].String()
	if !strings.Contains(msg, "a.xlsx › Plan") || !strings.Contains(msg, "b.xlsx") {
		t.Errorf("duplicate-kind error %q does not name both sheets", msg)
	}
}

func TestMetricsComeFromTheNewestFolder(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	for _, m := range []string{"2023-05", "2023-06"} {
		dir := monthFolder(t, root, m)
		book(t, dir, "tracker.xlsx", map[string][][]any{"T": tracker([]any{nil, nil, "A1", "Area", "Do it", "Lead", "30/06/2023", "In progress", "Green", "", ""})}, "T")
	}
	book(t, filepath.Join(root, "2023-05"), "caseloads.xlsx", map[string][][]any{"Caseloads": {
		{"Month", "Team", "Case-holding FTE", "Children allocated"},
		{"May-23", "East", 10, 250},
	}}, "Caseloads")
	book(t, filepath.Join(root, "2023-06"), "caseloads.xlsx", map[string][][]any{"Caseloads": {
		{"Caseloads by team"}, {},
		{"Month", "Team", "Social workers FTE", "Open cases", "Target caseload"},
		{"May-23", "East", 10, 210, 18},
		{"Jun-23", "East", 10, "c", 18},
	}}, "Caseloads")
	data, rep, err := ReadFolder(root, Options{})
	if err != nil || rep.Errors() != 0 {
		t.Fatal(err, rep.Problems)
	}
	if len(data.Periods) != 2 || len(data.Caseloads) != 2 {
		t.Fatalf("periods %d caseload rows %d, want 2 and 2 (from the newest folder)", len(data.Periods), len(data.Caseloads))
	}
	if data.Caseloads[0].Cases.Value != 210 || data.Caseloads[1].Cases.Valid {
		t.Errorf("caseloads = %+v; want 210, then suppressed (missing, not zero)", data.Caseloads)
	}
	// --period 2023-05 reads nothing from June.
	data, _, err = ReadFolder(root, Options{Until: record.Month{Year: 2023, Month: time.May}})
	if err != nil || len(data.Periods) != 1 || data.Caseloads[0].Cases.Value != 250 {
		t.Errorf("until May: %v periods %d caseloads %+v", err, len(data.Periods), data.Caseloads)
	}
}

func TestRefusesFilesThatAreNotWorkbooks(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := monthFolder(t, root, "2023-06")
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("notes.xlsx", []byte("this is a text file saved with the wrong name"))
	write("legacy.xlsx", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...))
	write("broken.xlsx", []byte("PK\x03\x04 truncated zip"))
	_, rep, err := ReadFolder(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"2023-06/notes.xlsx":  "not an Excel workbook",
		"2023-06/legacy.xlsx": "legacy Excel 97-2003 (.xls)",
		"2023-06/broken.xlsx": "cannot open the workbook",
	}
	for _, p := range rep.Problems {
		if w, ok := want[p.File]; ok && p.Severity == quality.Error && strings.Contains(p.Message, w) {
			delete(want, p.File)
		}
	}
	if len(want) > 0 {
		t.Errorf("missing refusals %v; got %v", want, rep.Problems)
	}
}

// TestSpreadsheetFilesNotReadAreNamed: an export saved in another
// spreadsheet format is named in the log and the papers as not read. An
// Excel Binary Workbook (.xlsb) was passed over in silence: a caseload
// export saved that way dropped out of the papers with exit 0.
func TestSpreadsheetFilesNotReadAreNamed(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := monthFolder(t, root, "2023-06")
	book(t, dir, "t.xlsx", map[string][][]any{"T": tracker([]any{nil, nil, "A1", "Area", "Do it", "Lead", "30/09/2023", "In progress", "Green", "", ""})}, "T")
	names := []string{"caseloads.xlsb", "kpis.xls", "workforce.ods", "template.xltx", "recruitment.XLSB"}
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("PK\x03\x04"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, rep, err := ReadFolder(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		found := false
		for _, p := range rep.Problems {
			found = found || (p.File == "2023-06/"+n && p.Effect == quality.WorkbookNotRead)
		}
		if !found {
			t.Errorf("%s is not named as not read; problems %v", n, rep.Problems)
		}
	}
}

// TestFoldersNotReadAreNamed: exports in a folder boardpack does not read
// used to drop out in silence. A month folder named "2023-06 FINAL" (or
// "2023-6", "June 2023") was passed over and May's papers were made as the
// latest, exit 0: that is an error when the folder is newer than the
// newest month folder. An older one, or another folder of exports, and a
// sub-folder of a month's folder ("2023-06/metrics/caseloads.xlsx") are
// warnings naming the folder.
func TestFoldersNotReadAreNamed(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		dir  string
		sev  quality.Severity
		says string
	}{
		{"2023-06 FINAL", quality.Error, "rename it 2023-06"},
		{"2023-6", quality.Error, "rename it 2023-06"},
		{"June 2023", quality.Error, "rename it 2023-06"},
		{"Jun-23", quality.Error, "rename it 2023-06"},
		{"2023-04 old copy", quality.Warning, "not a month folder"},
		{"archive", quality.Warning, "not a month folder"},
		{"2023-05/metrics", quality.Warning, "sub-folder"},
	} {
		root := t.TempDir()
		book(t, monthFolder(t, root, "2023-05"), "t.xlsx", map[string][][]any{"T": tracker([]any{nil, nil, "A1", "Area", "Do it", "Lead", "30/09/2023", "In progress", "Green", "", ""})}, "T")
		dir := filepath.Join(root, c.dir)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		book(t, dir, "caseloads.xlsx", map[string][][]any{"Caseloads": {{"Month", "Team", "Case-holding FTE", "Cases"}, {"Jun-23", "East", 10, 200}}}, "Caseloads")
		_, rep, err := ReadFolder(root, Options{})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, p := range rep.Problems {
			found = found || (p.Severity == c.sev && p.File == c.dir && strings.Contains(p.Message, c.says))
		}
		if !found {
			t.Errorf("%q: no %s at %q saying %q; problems %v", c.dir, c.sev, c.dir, c.says, rep.Problems)
		}
	}
	// A folder of no exports (the papers' output folder) is passed over.
	root := t.TempDir()
	book(t, monthFolder(t, root, "2023-05"), "t.xlsx", map[string][][]any{"T": tracker([]any{nil, nil, "A1", "Area", "Do it", "Lead", "30/09/2023", "In progress", "Green", "", ""})}, "T")
	os.MkdirAll(filepath.Join(root, "out"), 0o755)
	os.WriteFile(filepath.Join(root, "out", "board-2023-05.pdf"), []byte("%PDF"), 0o644)
	if _, rep, _ := ReadFolder(root, Options{}); len(rep.Problems) != 0 {
		t.Errorf("an output folder gave problems: %v", rep.Problems)
	}
}

func TestEncryptedWorkbook(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := monthFolder(t, root, "2023-06")
	f := excelize.NewFile()
	row := []any{"Ref", "Action", "RAG"}
	f.SetSheetRow("Sheet1", "A1", &row)
	row = []any{"A1", "Do it", "Green"}
	f.SetSheetRow("Sheet1", "A2", &row)
	if err := f.SaveAs(filepath.Join(dir, "secret.xlsx"), excelize.Options{Password: "hunter2"}); err != nil {
		t.Fatal(err)
	}
	_, rep, _ := ReadFolder(root, Options{})
	if rep.Errors() != 2 || !strings.Contains(rep.Problems[0].Message, "password-protected") || !strings.Contains(rep.Problems[0].Message, "--password-env") {
		t.Fatalf("without a password: %v; want a password-protected error naming --password-env", rep.Problems)
	}
	_, rep, _ = ReadFolder(root, Options{Password: "wrong"})
	if rep.Errors() != 2 || !strings.Contains(rep.Problems[0].Message, "does not open") {
		t.Fatalf("wrong password: %v", rep.Problems)
	}
	data, rep, _ := ReadFolder(root, Options{Password: "hunter2"})
	if rep.Errors() != 0 || len(data.Periods) != 1 || len(data.Periods[0].Actions) != 1 {
		t.Fatalf("right password: %v %+v", rep.Problems, data.Periods)
	}
}

func TestAllocationsAreAnonymised(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := monthFolder(t, root, "2023-06")
	book(t, dir, "t.xlsx", map[string][][]any{"T": tracker([]any{nil, nil, "A1", "Area", "Do it", "Lead", "30/06/2023", "In progress", "Green", "", ""})}, "T")
	book(t, dir, "alloc.xlsx", map[string][][]any{"Allocations": {
		{"Child ID", "Team", "Allocated Worker", "Snapshot Date"},
		{"LCS0000001", "East", "Jo Bloggs", "30/06/2023"},
		{"LCS0000002", "East", "Jo Bloggs", "30/06/2023"},
		{"LCS0000003", "East", "Sam Smith", "30/06/2023"},
		{"LCS0000004", "West", "", "30/06/2023"},
	}}, "Allocations")
	data, rep, err := ReadFolder(root, Options{})
	if err != nil || rep.Errors() != 0 {
		t.Fatal(err, rep.Problems)
	}
	if len(data.Workers) != 2 || data.Workers[0].Cases != 2 || data.Workers[1].Cases != 1 {
		t.Errorf("workers = %+v, want East 2 and East 1", data.Workers)
	}
	var s quality.SheetReport
	for _, x := range rep.Sheets {
		if x.Kind == string(Allocations) {
			s = x
		}
	}
	if s.Used != 4 {
		t.Errorf("allocation rows used = %d, want 4 (an unallocated child is counted, not dropped)", s.Used)
	}
}

func TestReportingMonthWithoutTrackerIsAnError(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	book(t, monthFolder(t, root, "2023-05"), "t.xlsx", map[string][][]any{"T": tracker([]any{nil, nil, "A1", "Area", "Do it", "Lead", "30/09/2023", "In progress", "Green", "", ""})}, "T")
	book(t, monthFolder(t, root, "2023-06"), "c.xlsx", map[string][][]any{"Caseloads": {{"Month", "Team", "Case-holding FTE", "Cases"}, {"Jun-23", "East", 10, 200}}}, "Caseloads")
	data, rep, err := ReadFolder(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if data.Month.String() != "2023-06" || len(data.Periods) != 1 {
		t.Errorf("reporting month %s with %d trackers, want 2023-06 with May's tracker only", data.Month, len(data.Periods))
	}
	if rep.Errors() != 1 || rep.Problems[0].File != "2023-06" || !strings.Contains(rep.Problems[0].Message, "no improvement-plan tracker") {
		t.Errorf("problems = %v, want June's missing tracker as an error", rep.Problems)
	}
	// A month before the first folder is not read as a flat folder.
	if _, _, err := ReadFolder(root, Options{Until: record.Month{Year: 2022, Month: time.January}}); err == nil || !strings.Contains(err.Error(), "the first is 2023-05") {
		t.Errorf("period before the first folder: %v", err)
	}
	// A flat folder of metrics alone, and an empty folder.
	flat := t.TempDir()
	book(t, flat, "c.xlsx", map[string][][]any{"Caseloads": {{"Month", "Team", "Case-holding FTE", "Cases"}, {"Jun-23", "East", 10, 200}}}, "Caseloads")
	if _, rep, _ := ReadFolder(flat, Options{}); rep.Errors() != 1 || !strings.Contains(rep.Problems[0].Message, "no improvement-plan tracker") {
		t.Errorf("metrics-only folder: %v", rep.Problems)
	}
	if _, rep, _ := ReadFolder(t.TempDir(), Options{}); rep.Errors() != 1 || !strings.Contains(rep.Problems[0].Message, "no workbooks") {
		t.Errorf("empty folder: %v", rep.Problems)
	}
}

func TestDataRowsAreNeverTakenForNotes(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := monthFolder(t, root, "2023-06")
	book(t, dir, "t.xlsx", map[string][][]any{"T": tracker(
		[]any{nil, nil, "A1", "Area", "Do it", "Lead", "30/09/2023", "In progress", "Green", "", ""},
		[]any{nil, nil, nil, nil, "Recruit a permanent head of service for SEND"},                         // an action with no ref: an action
		[]any{nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, "Checked by the PMO on Monday"}, // beside the table: a note
		[]any{nil, nil, "A2", "Area", "Rate it later", "Lead", "30/09/2023"},                              // no RAG, no status
	)}, "T")
	data, rep := readOne(t, root, Options{})
	s := rep.Sheets[0]
	if s.Rejected != 0 || s.Notes != 1 || s.Used != 3 {
		t.Errorf("accounting %+v, want the ref-less action read, one note, three used", s)
	}
	if len(s.NoteCells) != 1 || s.NoteCells[0] != "M7" {
		t.Errorf("notes at %q, want the note in M7", s.NoteCells)
	}
	var blankRef, unrated bool
	for _, p := range rep.Problems {
		blankRef = blankRef || (p.Cell == "C6" && p.Severity == quality.Warning && strings.Contains(p.Message, "no action reference; read as #"))
		unrated = unrated || (p.Cell == "I8" && p.Severity == quality.Warning && strings.Contains(p.Message, "no progress RAG or status"))
	}
	if !blankRef || !unrated {
		t.Errorf("problems = %v, want a warning at C6 for a blank ref and at I8 for no rating", rep.Problems)
	}
	if rep.Errors() != 0 || len(rep.Problems) != 3 {
		t.Errorf("problems = %v, want three warnings (C6 and I6 for the action with no ref and no rating, I8)", rep.Problems)
	}
	if n := len(data.Periods[0].Actions); n != 3 || !strings.HasPrefix(data.Periods[0].Actions[1].Ref, "#") {
		t.Errorf("%d actions read (%+v), want 3, the second keyed from its text", n, data.Periods[0].Actions)
	}
}

// TestActionLogBesideTheTracker reads a board's action log kept beside the
// tracker: it is the log, not a second tracker, and every row is kept,
// the status from the status column, an update or a closing date.
func TestActionLogBesideTheTracker(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := monthFolder(t, root, "2023-06")
	book(t, dir, "tracker.xlsx", map[string][][]any{"T": tracker([]any{nil, nil, "A1", "Area", "Do it", "Lead", "30/06/2023", "In progress", "Green", "", ""})}, "T")
	book(t, dir, "Board action log.xlsx", map[string][][]any{"Actions arising": {
		{"Improvement Board: actions arising"},
		{},
		{"Action No", "Date of meeting", "Action", "Owner", "Deadline", "Status", "Date closed", "Update"},
		{"IB-01", "18/01/2023", "Circulate the governance chart", "Head of Improvement", "31/01/2023", "Closed", "25/01/2023", ""},
		{"IB-02", "01/03/2023", "Report health attendance", "Designated Nurse", "12/04/2023", "Open", "", "Two of three localities"},
		{"IB-03", "", "Agree the practice week", "Principal Social Worker", "24/05/2023", "", "09/06/2023", ""},
	}}, "Actions arising")
	data, rep, err := ReadFolder(root, Options{})
	if err != nil || rep.Errors() != 0 {
		t.Fatal(err, rep.Problems)
	}
	if n := len(data.Periods[0].Actions); n != 1 {
		t.Errorf("the tracker gave %d actions, want 1", n)
	}
	var got []string
	for _, a := range data.ActionLog {
		got = append(got, fmt.Sprintf("%s %s %s %s", a.Ref, a.Meeting.Format("2006-01-02"), a.Status, a.Closed.Format("2006-01-02")))
	}
	want := "IB-01 2023-01-18 Complete 2023-01-25, IB-02 2023-03-01 In progress 0001-01-01, IB-03 0001-01-01 Complete 2023-06-09"
	if strings.Join(got, ", ") != want {
		t.Errorf("action log read as\n  %s\nwant\n  %s", strings.Join(got, ", "), want)
	}
	warned := false
	for _, p := range rep.Problems {
		warned = warned || (p.Severity == quality.Warning && p.Cell == "B6" && strings.Contains(p.Message, "meeting"))
	}
	if !warned {
		t.Errorf("no warning at B6 for the blank meeting date; problems: %v", rep.Problems)
	}
}

// TestActionLogConfidentialityFlag: a board's action log may mark rows
// confidential too. Its flag is read as a tracker's is (a log with a
// "Confidential" column used to be taken for a second tracker, and one
// with a "Do not publish" column had the column ignored, its flagged row
// printed in the public pack); a flag that cannot be read is an error.
func TestActionLogConfidentialityFlag(t *testing.T) {
	t.Parallel()
	for _, h := range []string{"Confidential", "Do not publish", "Part 2 item", "Exempt (Y/N)"} {
		for _, v := range []string{"Yes", "maybe"} {
			root := t.TempDir()
			dir := monthFolder(t, root, "2023-06")
			book(t, dir, "tracker.xlsx", map[string][][]any{"T": tracker([]any{nil, nil, "A1", "Area", "Do it", "Lead", "30/06/2023", "In progress", "Green", "", ""})}, "T")
			book(t, dir, "Board action log.xlsx", map[string][][]any{"Log": {
				{"Ref", "Meeting", "Action", "Owner", "Due date", "Status", "Update", h},
				{"IB-01", "18/01/2023", "Circulate the governance chart", "Head of Improvement", "31/01/2023", "Open", "", "No"},
				{"IB-02", "01/03/2023", "Brief members on the allegation", "Head of Service", "12/04/2023", "Open", "", v},
			}}, "Log")
			data, rep, err := ReadFolder(root, Options{})
			if err != nil {
				t.Fatal(err)
			}
			kinds := map[string]string{}
			for _, s := range rep.Sheets {
				kinds[s.Sheet] = s.Kind
			}
			if kinds["Log"] != "action log" {
				t.Errorf("%q: the log was read as %q; problems %v", h, kinds["Log"], rep.Problems)
				continue
			}
			if v == "maybe" {
				found := false
				for _, p := range rep.Problems {
					found = found || (p.Severity == quality.Error && p.Cell == "H3" && p.Withheld)
				}
				if !found {
					t.Errorf("%q holding %q: no error at H3; problems %v", h, v, rep.Problems)
				}
				continue
			}
			var got []string
			for _, a := range data.ActionLog {
				got = append(got, fmt.Sprintf("%s %v", a.Ref, a.Confidential))
			}
			if strings.Join(got, ", ") != "IB-01 false, IB-02 true" {
				t.Errorf("%q: action log read as %v; problems %v", h, got, rep.Problems)
			}
		}
	}
}

// TestConfidentialityFlagsUnderAnyHeading: a column whose heading speaks
// of confidentiality is read as the flag, and one that is not read while
// no other column is the flag is an error: the flag fails closed.
func TestConfidentialityFlagsUnderAnyHeading(t *testing.T) {
	t.Parallel()
	for _, h := range []string{"Confidential", "Confidentiality", "Exempt information", "Exempt (Y/N)", "Restricted",
		"Not for publication", "Part 2", "Part II", "Part Two", "Do not publish", "Sensitive", "Confidential / exempt"} {
		root := t.TempDir()
		book(t, monthFolder(t, root, "2023-06"), "t.xlsx", map[string][][]any{"T": {
			{"Ref", "Action", "Lead", "Due date", "RAG", h},
			{"A1", "Public action", "Lead", "30/06/2023", "Green", "No"},
			{"A2", "Secret action", "Lead", "30/06/2023", "Red", "Yes"},
		}}, "T")
		data, rep, err := ReadFolder(root, Options{})
		if err != nil || rep.Errors() > 0 {
			t.Errorf("%q: %v %v", h, err, rep.Problems)
			continue
		}
		if as := data.Periods[0].Actions; len(as) != 2 || as[0].Confidential || !as[1].Confidential {
			t.Errorf("heading %q: the flag is not read (actions %+v)", h, as)
		}
	}
	// A flag that cannot be read fails closed: its rows are errors, or,
	// where the column cannot be read as the flag at all, the column is.
	long := "Confidential: do not publish this row in the public version of the report to Cabinet or Scrutiny"
	for _, c := range []struct{ heading, value, want string }{
		{"Confidentiality status", "Part 2 only: legal advice awaited", "is not yes or no"},
		{long, "Yes", "speaks of confidentiality but is not read"},
	} {
		root := t.TempDir()
		book(t, monthFolder(t, root, "2023-06"), "t.xlsx", map[string][][]any{"T": {
			{"Ref", "Action", "Lead", "Due date", "RAG", c.heading},
			{"A1", "Public action", "Lead", "30/06/2023", "Green", "No"},
			{"A2", "Secret action", "Lead", "30/06/2023", "Red", c.value},
		}}, "T")
		_, rep, err := ReadFolder(root, Options{})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, p := range rep.Problems {
			found = found || (p.Severity == quality.Error && strings.Contains(p.Message, c.want))
		}
		if !found {
			t.Errorf("%q holding %q: no error saying %q: %v", c.heading, c.value, c.want, rep.Problems)
		}
	}
}

// TestPublishColumnIsTheFlagTheOtherWayRound: "Publish?" or "Public
// (Y/N)" says which rows may be published. Read as a confidentiality flag,
// its Yes would withhold the public rows and its No print the private ones;
// it is read the other way round, blank withholds (fail closed), and a
// value neither yes nor no is an error.
func TestPublishColumnIsTheFlagTheOtherWayRound(t *testing.T) {
	t.Parallel()
	for _, cols := range [][]string{{"Publish?"}, {"Public (Y/N)"}, {"Confidential", "For publication"}} {
		head := append([]any{"Ref", "Action", "Lead", "Due date", "RAG"}, anys(cols)...)
		row := func(ref, text, publish string) []any {
			r := []any{ref, text, "Lead", "30/06/2023", "Green"}
			if len(cols) == 2 {
				r = append(r, "No")
			}
			return append(r, publish)
		}
		root := t.TempDir()
		book(t, monthFolder(t, root, "2023-06"), "t.xlsx", map[string][][]any{"T": {
			head, row("A1", "Public action", "Yes"), row("A2", "Private action", "No"), row("A3", "Unstated", ""), row("A4", "Unclear", "ask Jo"),
		}}, "T")
		data, rep, err := ReadFolder(root, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, a := range data.Periods[0].Actions {
			got = append(got, fmt.Sprintf("%s %v", a.Ref, a.Confidential))
		}
		if strings.Join(got, ", ") != "A1 false, A2 true, A3 true" {
			t.Errorf("%v: actions read as %v, want A1 open, A2 and A3 withheld, A4 rejected", cols, got)
		}
		bad := false
		for _, p := range rep.Problems {
			bad = bad || p.Severity == quality.Error && p.Withheld && strings.Contains(p.Message, "may be published")
		}
		if !bad {
			t.Errorf("%v: no withheld error for A4's unclear value: %v", cols, rep.Problems)
		}
	}
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// TestMessagesQuoteNoPersonalData: a name or an ID in the wrong column of
// an allocation export, or a sentence where a status word belongs, is
// described in messages, never repeated; a status word is quoted, so the
// suggested config can name it.
func TestMessagesQuoteNoPersonalData(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := monthFolder(t, root, "2023-06")
	book(t, dir, "t.xlsx", map[string][][]any{"T": tracker(
		[]any{nil, nil, "A1", "Area", "Do it", "Lead", "30/06/2023", "Awaiting sign-off", "Green", "", ""},
		[]any{nil, nil, "A2", "Area", "Do that", "Lead", "30/06/2023", "Jo Bloggs is off sick so this is on hold until she returns", "Amber", "", ""},
		[]any{nil, nil, "A3", "Area", "And this", "Lead", "Ref 12345678", "In progress", "Amber", "", ""},
	)}, "T")
	book(t, dir, "alloc.xlsx", map[string][][]any{"Allocations": {
		{"Child ID", "Team", "Allocated Worker", "Snapshot Date", "Worker FTE"},
		{"LCS0000001", "East", "Jo Bloggs", "30/06/2023", "Sam Smith"},
		{"LCS0000002", "East", "Jo Bloggs", "LCS0000009", "1"},
	}}, "Allocations")
	_, rep, err := ReadFolder(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(rep)
	for _, secret := range []string{"Bloggs", "Sam Smith", "LCS0000009", "12345678"} {
		if strings.Contains(string(js), secret) {
			t.Errorf("the report repeats %q:\n%s", secret, js)
		}
	}
	var said []string
	for _, p := range rep.Problems {
		said = append(said, p.String())
	}
	all := strings.Join(said, "\n")
	for _, want := range []string{`"Awaiting sign-off"`, "(text of 13 words)", "T › G7", "alloc.xlsx › Allocations › E2"} {
		if !strings.Contains(all, want) {
			t.Errorf("the problems do not say %q:\n%s", want, all)
		}
	}
}

// TestEveryConfidentialityColumnIsAFlag: a tracker with two columns that
// speak of confidentiality used to read the first as the flag and only
// warn of the second, so a row marked in the second alone ("Confidential"
// No, "Part 2 (Y/N)" Yes) printed in full. A row either marks is
// confidential, and either flag unreadable is an error at its own cell.
func TestEveryConfidentialityColumnIsAFlag(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	book(t, monthFolder(t, root, "2023-06"), "t.xlsx", map[string][][]any{"T": {
		{"Ref", "Action", "Lead", "Due date", "RAG", "Confidential", "Part 2 (Y/N)"},
		{"A1", "Public action", "Lead", "30/06/2023", "Green", "No", "No"},
		{"A2", "Secret action", "Lead", "30/06/2023", "Red", "No", "Yes"},
		{"A3", "Other secret", "Lead", "30/06/2023", "Red", "", "maybe"},
	}}, "T")
	data, rep, err := ReadFolder(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range data.Periods[0].Actions {
		got = append(got, fmt.Sprintf("%s %v", a.Ref, a.Confidential))
	}
	if strings.Join(got, ", ") != "A1 false, A2 true" {
		t.Errorf("actions read as %v, want A1 open, A2 confidential, A3 rejected; problems %v", got, rep.Problems)
	}
	found := false
	for _, p := range rep.Problems {
		found = found || (p.Severity == quality.Error && p.Cell == "G4" && p.Withheld && strings.Contains(p.Message, "not yes or no"))
	}
	if !found {
		t.Errorf("no error at G4 for the unreadable flag: %v", rep.Problems)
	}
	var flags []string
	for _, c := range rep.Sheets[0].Columns {
		if c.Field == "confidential" {
			flags = append(flags, c.Col)
		}
	}
	if strings.Join(flags, " ") != "F G" {
		t.Errorf("columns read as the flag: %v, want F and G", flags)
	}
}

// TestFormulaMessagesQuoteNoWithheldText: a formula that has no saved
// value and cannot be calculated was quoted whole in its error, outside
// quotation marks, so neither a confidential row's redaction nor the rule
// that describes sentences and long numbers applied: a sheet name such as
// 'Oak House' in a confidential row's formula reached the log, validate
// and, with --keep-going, the Open Board paper.
func TestFormulaMessagesQuoteNoWithheldText(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := monthFolder(t, root, "2023-06")
	path := book(t, dir, "t.xlsx", map[string][][]any{"T": {
		{"Ref", "Action", "Lead", "Due date", "RAG", "Commentary", "Confidential"},
		{"A1", "Public action", "Lead", "30/06/2023", "Green", nil, "No"},
		{"A2", "Secret action", "Lead", "30/06/2023", "Red", nil, "Yes"},
	}}, "T")
	edit(t, path, func(f *excelize.File) {
		f.SetCellFormula("T", "F2", "'Ref 12345678'!A1")
		f.SetCellFormula("T", "F3", "'Oak House SECRETX'!A1&\"FRAGMENTQ\"")
	})
	path = book(t, dir, "alloc.xlsx", map[string][][]any{"Allocations": {
		{"Child ID", "Team", "Allocated Worker", "Snapshot Date", "Worker FTE"},
		{"LCS0000001", "East", "Sam Smith", "30/06/2023", nil},
	}}, "Allocations")
	edit(t, path, func(f *excelize.File) { f.SetCellFormula("Allocations", "E2", "'Jo Bloggs'!A1*1") })
	_, rep, err := ReadFolder(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range rep.Problems {
		if strings.Contains(p.Message, "cannot be calculated") {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d formulas reported, want 3: %v", n, rep.Problems)
	}
	js, _ := json.Marshal(rep)
	for _, secret := range []string{"SECRETX", "FRAGMENTQ", "Jo Bloggs", "12345678"} {
		if strings.Contains(string(js), secret) {
			t.Errorf("the report repeats %q:\n%s", secret, js)
		}
	}
}

// TestFolderNotNamedAsAMonthIsNamed: "May 2023" or "2023-5" beside the
// YYYY-MM folders holds a month's tracker that would otherwise drop out of
// the movement and the trend in silence.
func TestFolderNotNamedAsAMonthIsNamed(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	row := []any{nil, nil, "A1", "Area", "Do it", "Lead", "30/09/2023", "In progress", "Green", "", ""}
	book(t, monthFolder(t, root, "2023-04"), "t.xlsx", map[string][][]any{"T": tracker(row)}, "T")
	book(t, monthFolder(t, root, "May 2023"), "t.xlsx", map[string][][]any{"T": tracker(row)}, "T")
	book(t, monthFolder(t, root, "2023-13"), "t.xlsx", map[string][][]any{"T": tracker(row)}, "T")
	book(t, monthFolder(t, root, "2023-06"), "t.xlsx", map[string][][]any{"T": tracker(row)}, "T")
	monthFolder(t, root, "old papers") // no inputs: nothing to say
	_, rep, err := ReadFolder(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range rep.Problems {
		got = append(got, p.File+": "+p.Message)
		if p.Effect != quality.FolderNotRead {
			t.Errorf("%s: effect %q, want %q for the papers' data-quality note", p.File, p.Effect, quality.FolderNotRead)
		}
	}
	want := []string{
		"2023-13: a folder of 1 export that is not a month folder (YYYY-MM); nothing in it was read",
		"May 2023: a folder of 1 export that is not a month folder (YYYY-MM); nothing in it was read",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestPrivateColumnWithholdsItsYes: a "Private" or "Private (Y/N)" column
// says which rows are private, as a confidentiality flag does: its Yes
// withholds the row. Read as a "Publish?" column, its Yes would print a
// private action in the Open papers.
func TestPrivateColumnWithholdsItsYes(t *testing.T) {
	t.Parallel()
	for _, heading := range []string{"Private", "Private (Y/N)"} {
		root := t.TempDir()
		book(t, monthFolder(t, root, "2023-06"), "t.xlsx", map[string][][]any{"T": {
			{"Ref", "Action", "Lead", "Due date", "RAG", heading},
			{"A1", "Private action", "Lead", "30/06/2023", "Green", "Yes"},
			{"A2", "Public action", "Lead", "30/06/2023", "Green", "No"},
		}}, "T")
		data, rep, err := ReadFolder(root, Options{})
		if err != nil {
			t.Fatal(err)
		}
		stopped := false
		for _, p := range rep.Problems {
			stopped = stopped || p.Severity == quality.Error && p.Effect == quality.FlagNotRead
		}
		for _, a := range data.Periods[0].Actions {
			if a.Ref == "A1" && !a.Confidential && !stopped {
				t.Errorf("%q: A1 (Private: Yes) read as open, and no error stops the papers: %v", heading, rep.Problems)
			}
		}
	}
}

// TestOpenOrClosedIsNotPublication: in an action tracker, "Open or closed"
// is the action's own state. Read as a "Publish?" column, every closed
// action was withheld from the Open papers as if confidential, with no
// word in the report.
func TestOpenOrClosedIsNotPublication(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	book(t, monthFolder(t, root, "2023-06"), "t.xlsx", map[string][][]any{"T": {
		{"Ref", "Action", "Lead", "Due date", "RAG", "Date closed", "Open or closed"},
		{"A1", "Still going", "Lead", "30/06/2023", "Green", "", "Open"},
		{"A2", "Done last month", "Lead", "30/05/2023", "Blue", "31/05/2023", "Closed"},
	}}, "T")
	data, _, err := ReadFolder(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range data.Periods[0].Actions {
		if a.Confidential {
			t.Errorf("%s withheld as confidential: \"Open or closed\" says whether the action is closed, not whether it may be published", a.Ref)
		}
	}
}

// TestFlatFolderWithANewerMonthFolder: a flat folder of June's exports
// beside a "July 2023" folder of exports reports June as the latest month:
// an error, as beside YYYY-MM folders, never a warning and exit 0.
func TestFlatFolderWithANewerMonthFolder(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	row := []any{nil, nil, "A1", "Area", "Do it", "Lead", "30/09/2023", "In progress", "Green", "", ""}
	book(t, root, "t.xlsx", map[string][][]any{"T": tracker(row)}, "T")
	book(t, root, "caseloads.xlsx", map[string][][]any{"Caseloads": {{"Month", "Team", "Case-holding FTE", "Cases"}, {"Jun-23", "East", 10, 200}}}, "Caseloads")
	book(t, monthFolder(t, root, "July 2023"), "caseloads.xlsx", map[string][][]any{"Caseloads": {{"Month", "Team", "Case-holding FTE", "Cases"}, {"Jul-23", "East", 10, 200}}}, "Caseloads")
	book(t, monthFolder(t, root, "archive"), "t.xlsx", map[string][][]any{"T": tracker(row)}, "T")
	d, rep, err := ReadFolder(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Month.String() != "2023-06" {
		t.Fatalf("month %s, want 2023-06 (the test's premise)", d.Month)
	}
	for _, p := range rep.Problems {
		want := quality.Warning
		if p.File == "July 2023" {
			want = quality.Error
		}
		if p.Effect == quality.FolderNotRead && p.Severity != want {
			t.Errorf("%s: %s, want %s: %s", p.File, p.Severity, want, p.Message)
		}
	}
}

// TestExportsBesideMonthFoldersAreNamed: a workbook saved at the top of a
// data folder of YYYY-MM folders is not read (only the month folders are);
// it is named in a warning, never passed over in silence.
func TestExportsBesideMonthFoldersAreNamed(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	row := []any{nil, nil, "A1", "Area", "Do it", "Lead", "30/09/2023", "In progress", "Green", "", ""}
	book(t, monthFolder(t, root, "2023-05"), "t.xlsx", map[string][][]any{"T": tracker(row)}, "T")
	book(t, root, "June tracker.xlsx", map[string][][]any{"T": tracker(row)}, "T")
	_, rep, err := ReadFolder(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range rep.Problems {
		found = found || p.File == "June tracker.xlsx" && p.Severity == quality.Warning && strings.Contains(p.Message, "not read")
	}
	if !found {
		t.Errorf("no warning naming \"June tracker.xlsx\", which is not read: %v", rep.Problems)
	}
}
