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
	t.Parallel()
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
	t.Parallel()
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

// TestScorecardWordsOfPublishedReports: the headings councils' monthly
// performance reports use for polarity and benchmarks ("Good perf is",
// "Stat neigh ave", "Nat ave") are read, so indicators are rated.
func TestScorecardWordsOfPublishedReports(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	plan(t, dir)
	workbook(t, dir, "kpi.xlsx", sheet{name: "Scorecard", rows: [][]string{
		{"No.", "Indicator", "Good perf is", "Target", "May-24", "Jun-24", "DOT (month on month)", "RAG", "Stat neigh ave", "Nat ave"},
		{"1.1", "Assessments within 45 working days (%)", "High", "90", "86", "91", "Up", "G", "88", "84.5"},
	}})
	data, rep := readDir(t, dir, xlsx.Options{})
	if rep.Errors() != 0 || len(data.KPIs) != 2 {
		t.Fatalf("problems %v, KPIs %+v: want both months read", rep.Problems, data.KPIs)
	}
	k := data.KPIs[1]
	if k.Polarity != record.HigherIsBetter || k.StatNeighbours.Value != 88 || k.England.Value != 84.5 || k.Value.Value != 91 {
		t.Errorf("KPI %+v: want higher is better, SN 88, England 84.5, value 91", k)
	}
}

// TestMetricWordsOfPublishedReports: "Vacant posts", "Applicants" and a
// "Quarter" of 2023/24 Q1 are the vacancies, applications and month.
func TestMetricWordsOfPublishedReports(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	plan(t, dir)
	workbook(t, dir, "workforce.xlsx", sheet{name: "Staffing", rows: [][]string{
		{"Month", "Team", "Establishment", "In post", "Agency", "Vacant posts"},
		{"June 2024", "East", "30", "22", "5", "3"},
	}}, sheet{name: "Recruitment", rows: [][]string{
		{"Quarter", "Posts advertised", "Applicants", "Interviewed", "Offers made"},
		{"2024/25 Q1", "6", "40", "8", "5"},
	}})
	data, rep := readDir(t, dir, xlsx.Options{})
	if rep.Errors() != 0 || len(data.Workforce) != 1 || len(data.Recruitment) != 1 {
		t.Fatalf("problems %v, workforce %+v, recruitment %+v", rep.Problems, data.Workforce, data.Recruitment)
	}
	if data.Workforce[0].Vacancies.Value != 3 || data.Recruitment[0].Applications.Value != 40 ||
		data.Recruitment[0].Month != (record.Month{Year: 2024, Month: 6}) {
		t.Errorf("workforce %+v, recruitment %+v: want 3 vacancies, 40 applications in June 2024", data.Workforce[0], data.Recruitment[0])
	}
}

// TestMonthColumnOfYearsSaysWhy: the DfE workforce statistics' time_period
// holds years (2022), not months. The error says so, rather than asking
// for a month mapping that, pasted, would change nothing.
func TestMonthColumnOfYearsSaysWhy(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	plan(t, dir)
	workbook(t, dir, "csww.xlsx", sheet{name: "Data", rows: [][]string{
		{"time_period", "time_identifier", "la_name", "inpost_fte", "agency_fte", "vacancy_fte"},
		{"2023", "Reporting year", "Barnsley", "200.5", "30.1", "40.2"},
		{"2022", "Reporting year", "Barnsley", "190.5", "32.1", "44.2"},
	}})
	writeConfig(t, dir, "headers:\n  \"time_period\": month\n")
	run := prepareRun(t, dir)
	errs := problemsSaying(run.Quality, quality.Error, "looks like a workforce sheet")
	if len(errs) != 1 || !strings.Contains(errs[0].Message, `A "time_period" holds 2023, 2022`) ||
		!strings.Contains(errs[0].Message, "not months") || strings.Contains(errs[0].Message, "(headers:") {
		t.Errorf("problems %v: want the month column's values named as years, no mapping offered", run.Quality.Problems)
	}
}

// TestWorkforceOfRatesIsNotLostInSilence: a workforce dashboard that gives
// the agency and vacancy rates but not the FTEs they come from is an error
// naming the sheet and the FTE columns it lacks (the workforce section
// would otherwise go with exit 0); and beside the FTEs, a rate column is
// listed as not read and why, never read in their place.
func TestWorkforceOfRatesIsNotLostInSilence(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	plan(t, dir)
	workbook(t, dir, "workforce.xlsx", sheet{name: "Workforce", rows: [][]string{
		{"Month", "Social workers in post (FTE)", "Agency worker rate", "Vacancy rate", "Turnover rate"},
		{"May-24", "110", "18.0%", "26.0%", "17.1%"},
		{"Jun-24", "111", "17.0%", "25.0%", "17.1%"},
	}})
	_, rep := readDir(t, dir, xlsx.Options{})
	errs := problemsSaying(rep, quality.Error, "looks like a workforce sheet but has no agency FTE or vacancies FTE column")
	if len(errs) != 1 || !strings.Contains(errs[0].Message, `agency rate = C "Agency worker rate"`) {
		t.Fatalf("problems %v: want one error naming the workforce sheet and the FTE columns it lacks", rep.Problems)
	}
	if strings.Contains(errs[0].Message, "FTEvacancies") {
		t.Errorf("error %q runs the missing columns' labels together", errs[0].Message)
	}
	if _, ok := rep.MissingKind("workforce"); !ok {
		t.Errorf("missing sections %+v: want workforce", rep.Missing)
	}

	workbook(t, dir, "workforce.xlsx", sheet{name: "Workforce", rows: [][]string{
		{"Month", "Permanent social workers (FTE)", "Agency social workers (FTE)", "Vacancies (FTE)", "Agency rate", "Vacancy rate"},
		{"Jun-24", "110", "28", "40", "0.2", "0.27"},
	}})
	data, rep := readDir(t, dir, xlsx.Options{})
	if rep.Errors() != 0 || len(data.Workforce) != 1 || data.Workforce[0].Agency.Value != 28 || data.Workforce[0].Vacancies.Value != 40 {
		t.Fatalf("problems %v, workforce %+v: want the FTEs read", rep.Problems, data.Workforce)
	}
	var ws quality.SheetReport
	for _, s := range rep.Sheets {
		if s.File == "workforce.xlsx" {
			ws = s
		}
	}
	if c := columns(ws); c["agency rate"] != "" || c["vacancy rate"] != "" {
		t.Errorf("columns read %v: a rate is never listed as read", c)
	}
	var why []string
	for _, c := range ws.Ignored {
		if c.Col == "E" || c.Col == "F" {
			why = append(why, c.Reason)
		}
	}
	if len(why) != 2 || !strings.Contains(why[0], "works out the rates from the FTE columns") {
		t.Errorf("ignored %+v: want both rate columns listed as not read, and why", ws.Ignored)
	}
}

// TestCasesAreCountsOfChildren: a "Caseload" column that holds the average
// caseload (18.2) beside the FTE is not the number of children: read as
// cases it printed an average caseload of 1.4 with exit 0. A cases value
// that is not a whole number is an error saying what it looks like.
func TestCasesAreCountsOfChildren(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	plan(t, dir)
	workbook(t, dir, "caseloads.xlsx", sheet{name: "Caseloads", rows: [][]string{
		{"Month", "Team", "Case-holding FTE", "Caseload"},
		{"May-24", "East", "12.5", "18.2"},
		{"Jun-24", "East", "13", "240"},
	}})
	data, rep := readDir(t, dir, xlsx.Options{})
	errs := problemsSaying(rep, quality.Error, `"18.2" is not a whole number of children`)
	if len(errs) != 1 || errs[0].Cell != "D2" || !strings.Contains(errs[0].Message, "average caseload") {
		t.Errorf("problems %v: want D2 refused as an average, not a count", rep.Problems)
	}
	if len(data.Caseloads) != 1 || data.Caseloads[0].Cases.Value != 240 {
		t.Errorf("caseloads %+v: want only June's count read", data.Caseloads)
	}
}

// TestPolarityWordsOfScorecards: scorecards mark polarity H / L, and an
// indicator kept for information "Info" or "N/A" (no better direction);
// these are read, and a word that is none of them is still an error.
func TestPolarityWordsOfScorecards(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]record.Polarity{
		"H": record.HigherIsBetter, "L": record.LowerIsBetter, "High": record.HigherIsBetter,
		"Info": record.NoPolarity, "For information": record.NoPolarity, "N/A": record.NoPolarity, "Neutral": record.NoPolarity,
	} {
		if got, err := xlsx.ParsePolarity(raw); err != nil || got != want {
			t.Errorf("ParsePolarity(%q) = %v, %v; want %v", raw, got, err, want)
		}
	}
	if _, err := xlsx.ParsePolarity("Improving"); err == nil {
		t.Error(`ParsePolarity("Improving"): want an error`)
	}
}

// TestTableWithItsMonthOnlyInATitleSaysSo: a caseload table "as at 30 June
// 2023" has no month column and no heading to map; the error says to add
// one, never to map a heading that is not there.
func TestTableWithItsMonthOnlyInATitleSaysSo(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	plan(t, dir)
	workbook(t, dir, "caseloads.xlsx", sheet{name: "Caseloads", rows: [][]string{
		{"Caseloads by team as at 30 June 2023"},
		{"Team", "No. of social workers (FTE)", "No. of children allocated", "Average caseload"},
		{"Assessment North", "10.5", "201", "19.1"},
		{"Assessment South", "9", "160", "17.8"},
	}})
	run := prepareRun(t, dir)
	errs := problemsSaying(run.Quality, quality.Error, "looks like a caseloads sheet")
	if len(errs) != 1 || !strings.Contains(errs[0].Message, "add a Month column") || strings.Contains(errs[0].Message, `"Heading": month`) {
		t.Errorf("problems %v: want one error saying to add a month column, no mapping of a heading that is not there", run.Quality.Problems)
	}
}
