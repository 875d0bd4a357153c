package xlsx_test

import (
	"strings"
	"testing"

	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/internal/record"
	"github.com/boardpack/boardpack/internal/xlsx"
)

// plan writes the smallest tracker, so that a folder has a reporting month.
func plan(t *testing.T, dir string) {
	t.Helper()
	workbook(t, dir, "plan.xlsx", sheet{name: "Plan", rows: [][]string{{"Ref", "Action", "RAG"}, {"A1", "Recruit", "Green"}}})
}

// TestCaseholdersAndAverageCaseloadIsACaseloadSheet: a caseload table as
// improvement-board papers and the DfE give it ("Number of caseholders",
// "Average caseload per social worker") is a caseloads sheet missing its
// cases column, an error naming it, never an allocations export's near
// miss passed over as a warning because the folder has an allocations
// export (the caseload section would go with exit 0). The average is never
// offered as the cases column.
func TestCaseholdersAndAverageCaseloadIsACaseloadSheet(t *testing.T) {
	dir := t.TempDir()
	plan(t, dir)
	workbook(t, dir, "alloc.xlsx", sheet{name: "Allocations", rows: [][]string{
		{"Child ID", "Team", "Allocated Worker"}, {"C1", "East", "Worker 1"}, {"C2", "East", "Worker 1"},
	}})
	workbook(t, dir, "caseloads.xlsx", sheet{name: "Caseloads", rows: [][]string{
		{"Month", "Team", "Number of caseholders", "Average caseload per social worker"},
		{"May-24", "East", "12.5", "18.2"},
		{"Jun-24", "East", "13", "17.9"},
	}})
	_, rep := readDir(t, dir, xlsx.Options{})
	errs := problemsSaying(rep, quality.Error, "looks like a caseloads sheet but has no cases column")
	if len(errs) != 1 || !strings.Contains(errs[0].Message, `case-holding FTE = C "Number of caseholders"`) {
		t.Fatalf("problems %v: want one error naming the caseloads sheet's missing cases column", rep.Problems)
	}
	if strings.Contains(errs[0].Message, `"Average caseload per social worker": cases`) || errs[0].Fix != nil {
		t.Errorf("error %q offers the average caseload as the count of cases", errs[0].Message)
	}
	if _, ok := rep.MissingKind("caseloads"); !ok {
		t.Errorf("missing sections %+v: want caseloads", rep.Missing)
	}
}

// TestDirectionOfTravelIsNotPolarity: a scorecard's "Direction of travel"
// (Improving, Stable, Declining) is the trend, not which way is better; it
// is not read as the polarity, so the sheet is read, not refused.
func TestDirectionOfTravelIsNotPolarity(t *testing.T) {
	dir := t.TempDir()
	plan(t, dir)
	workbook(t, dir, "kpi.xlsx", sheet{name: "KPIs", rows: [][]string{
		{"Ref", "Indicator", "Period", "Actual", "Target", "RAG", "Direction of travel"},
		{"CSC01", "Assessments within 45 working days", "2023/24 Q1", "87.5%", "90%", "Amber", "Improving"},
		{"CSC01", "Assessments within 45 working days", "2023/24 Q2", "88%", "90%", "Amber", "Stable"},
	}})
	data, rep := readDir(t, dir, xlsx.Options{})
	if rep.Errors() != 0 || len(data.KPIs) != 2 {
		t.Fatalf("problems %v, KPIs %+v: want both rows read", rep.Problems, data.KPIs)
	}
	k := data.KPIs[1]
	if k.Month != (record.Month{Year: 2023, Month: 9}) || k.Value.Value != 88 || k.Target.Value != 90 {
		t.Errorf("KPI %+v: want September 2023, 88 against 90", k)
	}
}
