package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/internal/record"
)

// edit opens the workbook at path, applies fn and saves it.
func edit(t *testing.T, path string, fn func(f *excelize.File)) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fn(f)
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func readOne(t *testing.T, root string, opt Options) (record.Data, quality.Report) {
	t.Helper()
	data, rep, err := ReadFolder(root, opt)
	if err != nil {
		t.Fatal(err)
	}
	return data, rep
}

func TestMergedCellsApplyToEveryCoveredCell(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := monthFolder(t, root, "2023-06")
	path := book(t, dir, "t.xlsx", map[string][][]any{"Plan": tracker(
		[]any{nil, nil, "WF-01", "Workforce", "One", "Lead", "30/09/2023", "In progress", "Green", "", ""},
		[]any{nil, nil, "WF-02", nil, "Two", "Lead", "30/09/2023", "In progress", "Green", "", ""},
		[]any{nil, nil, "WF-03", nil, "Three", "Lead", "30/09/2023", "In progress", "Amber", "", ""},
		[]any{},
		[]any{nil, nil, "Source: tracker export, merged across the table"},
	)}, "Plan")
	edit(t, path, func(f *excelize.File) {
		f.MergeCell("Plan", "D5", "D7") // the area, merged down its actions
		f.MergeCell("Plan", "C9", "K9") // the note, merged across the table
	})
	data, rep := readOne(t, root, Options{})
	if rep.Errors() != 0 {
		t.Fatal(rep.Problems)
	}
	for _, a := range data.Periods[0].Actions {
		if a.Area != "Workforce" {
			t.Errorf("%s area = %q, want the merged Workforce", a.Ref, a.Area)
		}
	}
	if s := rep.Sheets[0]; s.Notes != 1 || s.Used != 3 {
		t.Errorf("accounting %+v: want 3 used and the merged note counted as a note", s)
	}
}

func TestFormulaWithoutCachedValueIsCalculated(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := monthFolder(t, root, "2023-06")
	book(t, dir, "t.xlsx", map[string][][]any{"T": tracker([]any{nil, nil, "A1", "Area", "Do it", "Lead", "30/09/2023", "In progress", "Green", "", ""})}, "T")
	path := book(t, dir, "c.xlsx", map[string][][]any{"Caseloads": {
		{"Month", "Team", "Case-holding FTE", "Children allocated"},
		{"Jun-23", "East", 10, nil},
		{"Jun-23", "West", 4, nil},
	}}, "Caseloads")
	edit(t, path, func(f *excelize.File) {
		f.SetCellFormula("Caseloads", "D2", "100+105") // written by a script: no saved value
		f.SetCellFormula("Caseloads", "D3", "NOSUCHFUNCTION(1)")
	})
	data, rep := readOne(t, root, Options{})
	if len(data.Caseloads) != 1 || data.Caseloads[0].Cases.Value != 205 {
		t.Errorf("caseloads = %+v, want East with 205 calculated", data.Caseloads)
	}
	if rep.Errors() != 1 || rep.Problems[0].Cell != "D3" || !strings.Contains(rep.Problems[0].Message, "cannot be calculated") {
		t.Errorf("problems = %v, want D3's formula reported", rep.Problems)
	}
}

func TestKPIPercentFormatsAndWideForm(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := monthFolder(t, root, "2023-06")
	book(t, dir, "t.xlsx", map[string][][]any{"T": tracker([]any{nil, nil, "A1", "Area", "Do it", "Lead", "30/09/2023", "In progress", "Green", "", ""})}, "T")
	path := book(t, dir, "k.xlsx", map[string][][]any{"KPIs": {
		{"Month", "KPI", "Value", "Target", "Polarity"},
		{"Jun-23", "Visits in time", 0.825, 0.9, "Higher is better"},
	}}, "KPIs")
	edit(t, path, func(f *excelize.File) {
		st, _ := f.NewStyle(&excelize.Style{NumFmt: 10})
		f.SetCellStyle("KPIs", "C2", "D2", st)
	})
	data, rep := readOne(t, root, Options{})
	if rep.Errors() != 0 {
		t.Fatal(rep.Problems)
	}
	if v := data.KPIs; len(v) != 1 || v[0].Value.Value != 82.5 || v[0].Target.Value != 90 {
		t.Errorf("percent-formatted KPI = %+v, want 82.5 against 90", v)
	}

	root = t.TempDir()
	dir = monthFolder(t, root, "2023-06")
	book(t, dir, "t.xlsx", map[string][][]any{"T": tracker([]any{nil, nil, "A1", "Area", "Do it", "Lead", "30/09/2023", "In progress", "Green", "", ""})}, "T")
	book(t, dir, "w.xlsx", map[string][][]any{"Scorecard": {
		{"Children's services scorecard"},
		{"Indicator", "Polarity", "Target", "Apr-23", "May 2023", 45107},
		{"Re-referrals", "Lower is better", 22, 24.1, "c", 22.9},
	}}, "Scorecard")
	data, rep = readOne(t, root, Options{})
	if rep.Errors() != 0 {
		t.Fatal(rep.Problems)
	}
	rerefs := data.KPIs
	jun := record.Month{Year: 2023, Month: time.June}
	if len(rerefs) != 3 || rerefs[0].Month != jun.Add(-2) || rerefs[1].Value.Valid || rerefs[2].Month != jun || rerefs[2].Value.Value != 22.9 ||
		rerefs[2].Polarity != record.LowerIsBetter || rerefs[2].Target.Value != 22 {
		t.Errorf("wide KPI = %+v, want Apr 24.1, May suppressed, Jun 22.9", rerefs)
	}
}

func TestChartSheetsSkippedAnd1904Dates(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := monthFolder(t, root, "2023-06")
	path := book(t, dir, "t.xlsx", map[string][][]any{"T": tracker(
		[]any{nil, nil, "A1", "Area", "Do it", "Lead", 43645, "In progress", "Green", "", ""},
	)}, "T")
	yes := true
	edit(t, path, func(f *excelize.File) {
		f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes})
		f.AddChartSheet("Chart", &excelize.Chart{Type: excelize.Col, Series: []excelize.ChartSeries{{Name: "T!$C$4", Categories: "T!$C$5", Values: "T!$G$5"}}})
	})
	data, rep := readOne(t, root, Options{})
	if rep.Errors() != 0 {
		t.Fatal(rep.Problems)
	}
	if due := data.Periods[0].Actions[0].Due; due.Format("2006-01-02") != "2023-06-30" {
		t.Errorf("1904 serial 43645 read as %v, want 2023-06-30", due)
	}
	found := false
	for _, s := range rep.Skipped {
		found = found || (s.Sheet == "Chart" && s.Reason == "chart sheet")
	}
	if !found {
		t.Errorf("chart sheet not reported as skipped: %+v", rep.Skipped)
	}
}

func TestHeaderMappingsFromTheConfig(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := monthFolder(t, root, "2023-06")
	book(t, dir, "t.xlsx", map[string][][]any{"T": {
		{"Ref", "Action", "RAG", "Proj. Name", "Accountable"},
		{"A1", "Do it", "Green", "SEND", "Head of SEND"},
	}}, "T")
	data, rep := readOne(t, root, Options{Headers: map[string]string{"Proj. Name": "Priority area", "accountable": "lead"}})
	if rep.Errors() != 0 || data.Periods[0].Actions[0].Area != "SEND" || data.Periods[0].Actions[0].Lead != "Head of SEND" {
		t.Errorf("mapped headers not used: %+v %v", data.Periods, rep.Problems)
	}
	if _, _, err := ReadFolder(root, Options{Headers: map[string]string{"Proj": "flavour"}}); err == nil || !strings.Contains(err.Error(), `"flavour"`) {
		t.Errorf("unknown mapping target: %v", err)
	}
}

// TestZipBombRefused lowers the package's unzip limit, so it must not run
// in parallel: the parallel tests read the limit (run in parallel, it
// made TestLimitRowsPerSheet fail now and then, "unpacks to more than 1
// MB").
func TestZipBombRefused(t *testing.T) {
	old := unzipLimit
	unzipLimit = 1 << 20
	defer func() { unzipLimit = old }()
	root := t.TempDir()
	dir := monthFolder(t, root, "2023-06")
	rows := [][]any{{"Ref", "Action", "RAG"}}
	for i := 0; i < 20000; i++ {
		rows = append(rows, []any{"A", strings.Repeat("x", 40), "Green"})
	}
	book(t, dir, "big.xlsx", map[string][][]any{"T": rows}, "T")
	_, rep := readOne(t, root, Options{})
	// The refusal, then the consequence: June has no tracker.
	if rep.Errors() != 2 || !strings.Contains(rep.Problems[0].Message, "unpacks to more than 1 MB") {
		t.Errorf("problems = %v, want the oversized workbook refused", rep.Problems)
	}
}

// FuzzReadWorkbook feeds arbitrary bytes, starting from real workbooks, to
// the reader: whatever the bytes, it reports problems and never panics.
func FuzzReadWorkbook(f *testing.F) {
	seed := func(rows [][]any) []byte {
		x := excelize.NewFile()
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			x.SetSheetRow("Sheet1", cell, &r)
		}
		x.MergeCell("Sheet1", "A5", "C5")
		var b bytes.Buffer
		x.Write(&b)
		return b.Bytes()
	}
	f.Add(seed([][]any{{"Ref", "Action", "RAG", "Due date"}, {"A1", "Do it", "Green", "31/03/2023"}, {"A2", "x", "Purple", 45107}}))
	f.Add(seed([][]any{{"Month", "Team", "Case-holding FTE", "Cases"}, {"Jun-23", "East", 10, "c"}}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		root := t.TempDir()
		dir := filepath.Join(root, "2023-06")
		os.Mkdir(dir, 0o755)
		if err := os.WriteFile(filepath.Join(dir, "fuzz.xlsx"), b, 0o644); err != nil {
			t.Fatal(err)
		}
		_, rep, err := ReadFolder(root, Options{})
		if err != nil {
			t.Fatalf("folder error for a bad file: %v", err)
		}
		for _, s := range rep.Sheets {
			if s.Rows != s.Used+s.Blank+s.Notes+s.Rejected {
				t.Fatalf("row accounting broken: %+v", s)
			}
		}
	})
}

// TestLyingZipDirectoryRefused: a 6 KB workbook whose zip directory claims
// an 800 MB part. excelize would allocate the claimed size before finding
// the data is not there; the reader refuses it first.
func TestLyingZipDirectoryRefused(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	dir := monthFolder(t, root, "2023-06")
	var packed bytes.Buffer
	fw, _ := flate.NewWriter(&packed, flate.BestCompression)
	fw.Write([]byte(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"></sst>`))
	fw.Close()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/sharedStrings.xml", Method: zip.Deflate,
		CRC32: 0, CompressedSize64: uint64(packed.Len()), UncompressedSize64: 855638328})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(packed.Bytes())
	zw.Close()
	if err := os.WriteFile(filepath.Join(dir, "liar.xlsx"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	_, rep := readOne(t, root, Options{})
	if rep.Errors() < 1 || !strings.Contains(rep.Problems[0].Message, "impossible for a real file") {
		t.Errorf("problems = %v, want the lying part refused", rep.Problems)
	}
}
