package xlsx_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/boardpack/boardpack/internal/measure"
	"github.com/boardpack/boardpack/internal/pipeline"
	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/internal/record"
	"github.com/boardpack/boardpack/internal/xlsx"
)

// sheet is one worksheet to write: its rows (cells as text, column A
// first) and its merges.
type sheet struct {
	name   string
	rows   [][]string
	merges []string
}

// workbook writes sheets into dir/name.
func workbook(t *testing.T, dir, name string, sheets ...sheet) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(sh.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sh.rows {
			cells := make([]any, len(row))
			for j, c := range row {
				cells[j] = c
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(sh.name, cell, &cells); err != nil {
				t.Fatal(err)
			}
		}
		for _, m := range sh.merges {
			a, b, _ := strings.Cut(m, ":")
			if err := f.MergeCell(sh.name, a, b); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func readDir(t *testing.T, dir string, opt xlsx.Options) (record.Data, quality.Report) {
	t.Helper()
	if opt.Until.IsZero() {
		opt.Until = record.Month{Year: 2024, Month: 6}
	}
	data, rep, err := xlsx.ReadFolder(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	return data, rep
}

func actionsOf(t *testing.T, data record.Data) []record.Action {
	t.Helper()
	if len(data.Periods) == 0 {
		t.Fatal("no tracker was read")
	}
	return data.Periods[len(data.Periods)-1].Actions
}

// columns maps each field read to its column letter.
func columns(s quality.SheetReport) map[string]string {
	out := map[string]string{}
	for _, c := range s.Columns {
		out[c.Field] = c.Col
	}
	return out
}

func problemsSaying(rep quality.Report, sev quality.Severity, text string) []quality.Problem {
	var out []quality.Problem
	for _, p := range rep.Problems {
		if p.Severity == sev && strings.Contains(p.Message, text) {
			out = append(out, p)
		}
	}
	return out
}

// TestTwoRowHeader reads headers spread over two rows: a merged group
// heading over sub-headings (with the other headings merged down both
// rows), and headings wrapped onto a second row with no merge.
func TestTwoRowHeader(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	workbook(t, dir, "plan.xlsx", sheet{name: "Plan", rows: [][]string{
		{"Improvement plan tracker"},
		{"Ref", "Action", "Lead", "Due date", "", "Progress", ""},
		{"", "", "", "Original", "Revised", "RAG", "Commentary"},
		{"W1", "Recruit two team managers", "Head of Service", "31/03/2024", "30/06/2024", "Amber", "One appointed"},
		{"W2", "Agree the practice model", "Principal Social Worker", "30/04/2024", "", "Blue", "Agreed in April"},
	}, merges: []string{"A1:G1", "A2:A3", "B2:B3", "C2:C3", "D2:E2", "F2:G2"}})
	data, rep := readDir(t, dir, xlsx.Options{})
	if rep.Errors() != 0 || len(rep.Sheets) != 1 {
		t.Fatalf("sheets %+v, problems %v", rep.Sheets, rep.Problems)
	}
	s := rep.Sheets[0]
	if !slices.Equal(s.HeaderRows, []int{2, 3}) {
		t.Errorf("header rows %v, want [2 3]", s.HeaderRows)
	}
	want := map[string]string{"ref": "A", "action": "B", "lead": "C", "due date": "D", "revised due date": "E", "progress rag": "F", "progress update": "G"}
	if got := columns(s); !mapsEqual(got, want) {
		t.Errorf("columns %v, want %v", got, want)
	}
	a := actionsOf(t, data)
	if len(a) != 2 || a[0].Progress != record.Amber || a[0].RevisedDue.Format("2006-01-02") != "2024-06-30" || a[1].Update != "Agreed in April" {
		t.Errorf("actions %+v", a)
	}

	// A wrapped heading: no merges, each heading's words over two rows.
	dir = t.TempDir()
	workbook(t, dir, "plan.xlsx", sheet{name: "Plan", rows: [][]string{
		{"Ref", "Action", "Lead", "Target", "New", "RAG"},
		{"", "", "officer", "date", "date", ""},
		{"W1", "Recruit two team managers", "Head of Service", "31/03/2024", "30/06/2024", "Green"},
	}})
	data, rep = readDir(t, dir, xlsx.Options{})
	if rep.Errors() != 0 || len(rep.Sheets) != 1 {
		t.Fatalf("sheets %+v, problems %v", rep.Sheets, rep.Problems)
	}
	s = rep.Sheets[0]
	want = map[string]string{"ref": "A", "action": "B", "lead": "C", "due date": "D", "revised due date": "E", "progress rag": "F"}
	if got := columns(s); !slices.Equal(s.HeaderRows, []int{1, 2}) || !mapsEqual(got, want) {
		t.Errorf("header rows %v columns %v, want [1 2] and %v", s.HeaderRows, got, want)
	}
	if a := actionsOf(t, data); len(a) != 1 || a[0].RevisedDue.IsZero() {
		t.Errorf("actions %+v", a)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestMergedHeadingRows reads full-width merged rows as the priority area
// of the actions beneath them (not as bad data), an explanation row under
// the header as a note, and the header repeated for the next block as a
// note.
func TestMergedHeadingRows(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	workbook(t, dir, "plan.xlsx", sheet{name: "Plan", rows: [][]string{
		{"Ref", "Action", "Lead officer", "Due date", "RAG"},
		{"e.g. W1", "What will be done", "Job title of the lead", "dd/mm/yyyy", "R/A/G"},
		{"Priority 1: A stable workforce"},
		{"W1", "Recruit two team managers", "Head of Service", "31/03/2024", "Green"},
		{"W2", "Reduce agency use", "HR Business Partner", "30/06/2024", "Red"},
		{"Early help and the front door"},
		{"E1", "Open the family hub", "Head of Early Help", "31/05/2024", "Amber"},
		{"Ref", "Action", "Lead officer", "Due date", "RAG"},
		{"Source: PMO tracker"},
	}, merges: []string{"A3:E3", "A6:E6"}})
	data, rep := readDir(t, dir, xlsx.Options{})
	if rep.Errors() != 0 {
		t.Fatal(rep.Problems)
	}
	a := actionsOf(t, data)
	var areas []string
	for _, x := range a {
		areas = append(areas, x.Area)
	}
	if want := []string{"Priority 1: A stable workforce", "Priority 1: A stable workforce", "Early help and the front door"}; !slices.Equal(areas, want) {
		t.Errorf("areas %q, want %q", areas, want)
	}
	s := rep.Sheets[0]
	if s.Rows != 8 || s.Used != 5 || s.Notes != 3 || s.Rejected != 0 || len(s.AreaRows) != 2 {
		t.Errorf("accounting %+v: want 8 rows, 5 used (3 actions, 2 area rows), 3 notes", s)
	}
	if !strings.HasPrefix(s.AreaRows[0], "A3: Priority 1") || !slices.Contains(s.NoteCells, "A2") {
		t.Errorf("area rows %q, notes at %q; want the column explanations in A2 a note", s.AreaRows, s.NoteCells)
	}
}

// TestNoReferenceColumn reads a tracker with no reference column: the
// numbering at the start of the text is the reference ("1.", "R2:", "3
// (i)"), an unnumbered action gets a key from its wording that is the same
// next month, so movement is matched; the tracker says so once.
func TestNoReferenceColumn(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	month := func(m, rag string) {
		workbook(t, filepath.Join(root, m), "plan.xlsx", sheet{name: "Plan", rows: [][]string{
			{"Action", "Lead", "RAG"},
			{"1. Recruit two team managers", "Head of Service", "Amber"},
			{"R2: Reduce agency use", "HR Business Partner", "Red"},
			{"3 (i) Open the family hub", "Head of Early Help", "Green"},
			{"Audit case files monthly", "Principal Social Worker", rag},
		}})
	}
	month("2024-05", "Amber")
	month("2024-06", "Green")
	data, rep := readDir(t, root, xlsx.Options{})
	if rep.Errors() != 0 {
		t.Fatal(rep.Problems)
	}
	a := actionsOf(t, data)
	refs := []string{a[0].Ref, a[1].Ref, a[2].Ref}
	if !slices.Equal(refs, []string{"1", "R2", "3 (i)"}) || a[0].Text != "Recruit two team managers" {
		t.Errorf("refs %q, first text %q", refs, a[0].Text)
	}
	if !strings.HasPrefix(a[3].Ref, "#") || len(a[3].Ref) != 7 || a[3].Ref != data.Periods[0].Actions[3].Ref {
		t.Errorf("unnumbered action's key %q (May's %q): want the same #XXXXXX both months", a[3].Ref, data.Periods[0].Actions[3].Ref)
	}
	mv := measure.MovementOf(data.Periods[0], data.Periods[1])
	if len(mv.New) != 0 || len(mv.Removed) != 0 || len(mv.Improved) != 1 || mv.Improved[0].Action.Ref != a[3].Ref {
		t.Errorf("movement %+v: want the keyed action improved, none new or removed", mv)
	}
	if n := len(problemsSaying(rep, quality.Warning, "no reference column")); n != 2 {
		t.Errorf("%d warnings about the missing reference, want one per tracker (2): %v", n, rep.Problems)
	}
}

// TestNoStatusColumn reads a tracker with no RAG or status column: a status
// leading the commentary, or a filled closed date, marks an action
// complete; the others are not rated; one warning names what was missing.
func TestNoStatusColumn(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	workbook(t, dir, "log.xlsx", sheet{name: "Log", rows: [][]string{
		{"Action ID", "Action Description", "Owner", "Due Date", "Progress update", "Date closed"},
		{"A1", "Circulate the plan", "PMO", "06/09/2024", "Completed. Issued to the board.", ""},
		{"A2", "Agree benefits owners", "Sponsor", "30/09/2024", "In progress: two of four agreed", ""},
		{"A3", "Publish the decision log", "PMO", "13/09/2024", "Published", "12/09/2024"},
		{"A4", "Confirm data standards", "Architect", "20/09/2024", "Not completed yet", ""},
		{"A5", "Review the risk register", "PMO", "20/09/2024", "We completed this activity.", ""},
	}})
	data, rep := readDir(t, dir, xlsx.Options{})
	if rep.Errors() != 0 {
		t.Fatal(rep.Problems)
	}
	var complete []string
	for _, x := range actionsOf(t, data) {
		if x.IsComplete() {
			complete = append(complete, x.Ref)
		} else if measure.EffectiveRAG(x) != record.NotRated {
			t.Errorf("%s rated %v with no RAG column", x.Ref, x.Progress)
		}
	}
	if !slices.Equal(complete, []string{"A1", "A3", "A5"}) {
		t.Errorf("complete %v, want A1 (Completed.), A3 (closed date), A5 (We completed ...)", complete)
	}
	w := problemsSaying(rep, quality.Warning, "no RAG or status column")
	if len(w) != 1 || !strings.Contains(w[0].Message, `"Progress update"`) || !strings.Contains(w[0].Message, `"Date closed"`) {
		t.Errorf("warnings %v, want one naming the commentary and the closed date it reads", w)
	}
}

// TestVocabulariesInTrackers reads the words councils use in RAG and
// status columns.
func TestVocabulariesInTrackers(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	rows := [][]string{{"Ref", "Action", "Status", "RAG"}}
	cases := []struct {
		status, rag string
		st          record.Status
		r           record.RAG
	}{
		{"Open", "On track", record.InProgress, record.Green},
		{"Ongoing", "At risk", record.InProgress, record.Amber},
		{"Overdue", "Off track", record.Delayed, record.Red},
		{"Paused", "Yellow", record.OnHold, record.Amber},
		{"Closed", "Achieved", record.Complete, record.Blue},
		{"Embedded", "B", record.Complete, record.Blue},
		{"Not yet due", "Not yet due", record.NotStarted, record.NotRated},
		{"Achieved", "RED", record.Complete, record.Red},
		{"Completed.", "green", record.Complete, record.Green},
		{"e.g. Paused", "Blue", record.OnHold, record.Blue},
		{"Cancelled", "Not rated", record.Superseded, record.NotRated},
	}
	for i, c := range cases {
		rows = append(rows, []string{"A" + string(rune('a'+i)), "Do " + c.status, c.status, c.rag})
	}
	workbook(t, dir, "plan.xlsx", sheet{name: "Plan", rows: rows})
	data, rep := readDir(t, dir, xlsx.Options{})
	if rep.Errors() != 0 {
		t.Fatal(rep.Problems)
	}
	for i, a := range actionsOf(t, data) {
		if c := cases[i]; a.Status != c.st || a.Progress != c.r {
			t.Errorf("%q / %q read as %v / %v, want %v / %v", c.status, c.rag, a.Status, a.Progress, c.st, c.r)
		}
	}
	// RAGB: a 'RAGB' heading, Blue for complete.
	dir = t.TempDir()
	workbook(t, dir, "plan.xlsx", sheet{name: "Plan", rows: [][]string{
		{"Milestone", "End date", "RAGB"}, {"Agree the values", "March 2016", "Blue"}, {"Publish the code", "June 2016", "Amber"},
	}})
	data, rep = readDir(t, dir, xlsx.Options{})
	if a := actionsOf(t, data); rep.Errors() != 0 || a[0].Progress != record.Blue || !a[0].IsComplete() || a[1].Progress != record.Amber {
		t.Errorf("RAGB tracker: %+v %v", a, rep.Problems)
	}
}

// prepareRun reads dir through the pipeline, as generate does, with the
// boardpack.yaml in it if any.
func prepareRun(t *testing.T, dir string) *pipeline.Run {
	t.Helper()
	setup, err := pipeline.Prepare(pipeline.Options{Data: dir, Period: "2024-06"})
	if err != nil {
		t.Fatal(err)
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

func writeConfig(t *testing.T, dir, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, "boardpack.yaml"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestUnknownWordSuggestsConfig: a word the reader does not know is an error
// listing the allowed words, and the boardpack.yaml lines it prints, pasted
// into the file, read it.
func TestUnknownWordSuggestsConfig(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	workbook(t, dir, "plan.xlsx", sheet{name: "Plan", rows: [][]string{
		{"Ref", "Action", "Status", "RAG"},
		{"A1", "Recruit", "Actioned", "Green"},
		{"A2", "Train", "Actioned", "Amber/Red"},
		{"A3", "Audit", "In progress", "Amber/Red"},
	}})
	run := prepareRun(t, dir)
	q := run.Quality
	st := problemsSaying(q, quality.Error, `status: "Actioned" is not a status (allowed: Not started, In progress, Complete`)
	rg := problemsSaying(q, quality.Error, `progress RAG: "Amber/Red" is not a RAG rating (allowed: Red, Amber, Green, Blue`)
	if len(st) != 2 || len(rg) != 2 || q.Errors() != 4 {
		t.Fatalf("problems %v: want each unknown word an error with the allowed words", q.Problems)
	}
	fix := q.SuggestedConfig()
	want := "vocabulary:\n  rag:\n    \"Amber/Red\": R   #"
	if !strings.Contains(fix, want) || !strings.Contains(fix, "  status:\n    \"Actioned\": in progress   #") {
		t.Fatalf("suggested config:\n%s\nwant the lines mapping Amber/Red and Actioned", fix)
	}
	writeConfig(t, dir, "council: Test Council\n"+fix)
	run = prepareRun(t, dir)
	if run.Quality.Errors() != 0 {
		t.Fatalf("with the suggested lines: %v", run.Quality.Problems)
	}
	a := run.Data.Periods[0].Actions
	if len(a) != 3 || a[1].Progress != record.Red || a[0].Status != record.InProgress {
		t.Errorf("with the suggested lines, actions %+v", a)
	}
}

// TestNearMissNamesTheColumn: a caseload sheet whose FTE column has an
// unknown heading is an error naming the header row, the columns found, the
// one missing, the other headings and the config line that maps it; pasted
// into boardpack.yaml, the line reads it.
func TestNearMissNamesTheColumn(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	workbook(t, dir, "plan.xlsx", sheet{name: "Plan", rows: [][]string{{"Ref", "Action", "RAG"}, {"A1", "Recruit", "Green"}}})
	workbook(t, dir, "caseloads.xlsx", sheet{name: "Caseloads", rows: [][]string{
		{"Caseloads by team"},
		{},
		{"Month", "Team", "Staff in post", "Children allocated", "Notes"},
		{"May-24", "East", "10", "210", ""},
		{"Jun-24", "East", "10.5", "200", "Two on leave"},
	}})
	run := prepareRun(t, dir)
	q := run.Quality
	if q.Errors() != 1 || len(run.Data.Caseloads) != 0 {
		t.Fatalf("problems %v, caseloads %v: want the sheet refused with one error", q.Problems, run.Data.Caseloads)
	}
	p := q.Problems[0]
	for _, want := range []string{"header row 3 looks like a caseloads sheet", "no case-holding FTE column",
		`month = A "Month"`, `team = B "Team"`, `cases = D "Children allocated"`, `C "Staff in post"`, `E "Notes"`,
		`headers: "Staff in post": case-holding fte`} {
		if !strings.Contains(p.Message, want) {
			t.Errorf("error %q does not say %q", p.Message, want)
		}
	}
	if p.Effect != quality.SheetNotRead || p.File != "caseloads.xlsx" || p.Sheet != "Caseloads" {
		t.Errorf("problem %+v: want the sheet named, effect %q", p, quality.SheetNotRead)
	}
	if m, ok := q.MissingKind("caseloads"); !ok || !strings.Contains(m.Reason, "no case-holding FTE column") {
		t.Errorf("missing sections %+v: want caseloads, with why", q.Missing)
	}
	writeConfig(t, dir, q.SuggestedConfig())
	run = prepareRun(t, dir)
	if run.Quality.Errors() != 0 || len(run.Data.Caseloads) != 2 || run.Data.Caseloads[1].FTE.Value != 10.5 {
		t.Errorf("with the suggested line: %v %+v", run.Quality.Problems, run.Data.Caseloads)
	}
}

// TestColumnsThatLookLikeAFieldWarn: a column that looks like a field but is
// not read is a warning saying why; "Priority" of High/Medium/Low is not the
// priority area; an "Impact" of sentences is not the impact RAG.
func TestColumnsThatLookLikeAFieldWarn(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	workbook(t, dir, "log.xlsx", sheet{name: "Issues", rows: [][]string{
		{"Issue ID", "Issue Description", "Impact", "Priority", "Owner", "Target Date", "Status", "Comments", "Latest update"},
		{"I-1", "Test environment late", "Testing starts two days later", "MEDIUM", "Developer", "07/02/25", "CLOSED", "Ready", "Within tolerance"},
		{"I-2", "Duplicate records", "Sign-off at risk", "HIGH", "Analyst", "21/02/25", "OPEN", "Script written", "Escalate"},
	}})
	data, rep := readDir(t, dir, xlsx.Options{})
	if rep.Errors() != 0 {
		t.Fatal(rep.Problems)
	}
	if a := actionsOf(t, data); a[0].Area != "Other actions" || a[0].Impact != record.NotRated {
		t.Errorf("action %+v: want no area and no impact read", a[0])
	}
	want := map[string]string{
		"C1": "holds text or numbers, not an impact rating",
		"D1": "holds priority levels (High, Medium, Low), not the priority area",
		"I1": `looks like the progress update, but column H ("Comments") is read as that`,
	}
	for _, p := range rep.Problems {
		if w, ok := want[p.Cell]; ok && p.Severity == quality.Warning && p.Effect == quality.ColumnNotRead && strings.Contains(p.Message, w) {
			delete(want, p.Cell)
		}
	}
	if len(want) > 0 {
		t.Errorf("no warning %v; got %v", want, rep.Problems)
	}
}

// TestWorkbookThatGivesNoSheetIsNamed: a workbook none of whose sheets is
// read is a warning naming it and why, so it is never left out unnoticed.
func TestWorkbookThatGivesNoSheetIsNamed(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	workbook(t, dir, "plan.xlsx", sheet{name: "Plan", rows: [][]string{{"Ref", "Action", "RAG"}, {"A1", "Recruit", "Green"}}})
	workbook(t, dir, "export.xlsx", sheet{name: "Data", rows: [][]string{{"Colour", "Shape"}, {"Red", "Round"}}})
	_, rep := readDir(t, dir, xlsx.Options{})
	w := problemsSaying(rep, quality.Warning, "no sheet of this file was read")
	if len(w) != 1 || w[0].File != "export.xlsx" || w[0].Effect != quality.WorkbookNotRead || !strings.Contains(w[0].Message, "Data: no header row of a known kind") {
		t.Errorf("warnings %v: want export.xlsx named with why", rep.Problems)
	}
}

// TestFlatFolderMonthFromDataAsAt: a flat folder with no month folders and
// no metric workbook reports the month of the tracker's own "Data as at"
// line.
func TestFlatFolderMonthFromDataAsAt(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	workbook(t, dir, "plan.xlsx", sheet{name: "Plan", rows: [][]string{
		{"Improvement plan tracker"}, {"Data as at 30 April 2024"}, {},
		{"Ref", "Action", "RAG"}, {"A1", "Recruit", "Green"},
	}})
	data, rep, err := xlsx.ReadFolder(dir, xlsx.Options{})
	if err != nil || rep.Errors() != 0 || data.Month.String() != "2024-04" {
		t.Errorf("month %s, %v %v: want 2024-04 from the tracker's 'Data as at' line", data.Month, err, rep.Problems)
	}
}

// TestConfigHeadersWin: a heading mapped in boardpack.yaml is read as
// mapped whatever its values, and one mapped to ignore is never read.
func TestConfigHeadersWin(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	workbook(t, dir, "log.xlsx", sheet{name: "Log", rows: [][]string{
		{"Ref", "Action Detail", "Who", "When", "Progress", "Priority"},
		{"27/09/24", "Update on the audit view", "Deputy CEO", "End of year", "Ongoing", "Workforce"},
		{"27/09/24", "Mention the procurement officer", "CEO", "22/11/2024", "Complete", "Workforce"},
	}})
	data, rep := readDir(t, dir, xlsx.Options{Headers: map[string]string{"ref": "ignore", "PROGRESS": "status", "Priority": "priority area"}})
	if rep.Errors() != 0 {
		t.Fatal(rep.Problems)
	}
	a := actionsOf(t, data)
	if len(a) != 2 || !strings.HasPrefix(a[0].Ref, "#") || a[1].Status != record.Complete || a[0].Area != "Workforce" {
		t.Errorf("actions %+v: want keys from the text, the status read, the area read", a)
	}
	s := rep.Sheets[0]
	if len(s.Ignored) != 1 || s.Ignored[0].Col != "A" || !strings.Contains(s.Ignored[0].Reason, "boardpack.yaml") {
		t.Errorf("ignored %+v, want column A, as boardpack.yaml says", s.Ignored)
	}
	if len(problemsSaying(rep, quality.Warning, "used twice")) != 0 {
		t.Errorf("the ignored column was read: %v", rep.Problems)
	}
}

// TestNearMissBesideTheRealSheetIsAWarning: a sheet that nearly matches a
// kind another sheet gives (a list with an allocated worker beside the
// allocation export) is a warning naming it, not an error: nothing is lost.
func TestNearMissBesideTheRealSheetIsAWarning(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	workbook(t, dir, "plan.xlsx", sheet{name: "Plan", rows: [][]string{{"Ref", "Action", "RAG"}, {"A1", "Recruit", "Green"}}})
	workbook(t, dir, "alloc.xlsx", sheet{name: "Allocations", rows: [][]string{
		{"Child ID", "Team", "Allocated Worker"}, {"C1", "East", "Worker 1"}, {"C2", "East", "Worker 1"},
	}})
	workbook(t, dir, "annex.xlsx", sheet{name: "List 3", rows: [][]string{
		{"Child Unique ID", "Gender", "Allocated Team", "Allocated Worker"}, {"6537810", "a) Male", "East", "Worker 1"},
	}})
	data, rep := readDir(t, dir, xlsx.Options{})
	if rep.Errors() != 0 || len(data.Workers) != 1 {
		t.Fatalf("problems %v, workers %+v: want the export read and no error", rep.Problems, data.Workers)
	}
	w := problemsSaying(rep, quality.Warning, "looks like an allocations export but has no child ID column")
	if len(w) != 1 || w[0].File != "annex.xlsx" || !strings.Contains(w[0].Message, "another sheet gave the allocations export") ||
		!strings.Contains(w[0].Message, `headers: "Child Unique ID": child id`) {
		t.Errorf("warnings %v", rep.Problems)
	}
	// Without the export, the same sheet is an error: the section would go.
	os.Remove(filepath.Join(dir, "alloc.xlsx"))
	if _, rep = readDir(t, dir, xlsx.Options{}); rep.Errors() != 1 {
		t.Errorf("without the export: %v, want the near miss an error", rep.Problems)
	}
}
