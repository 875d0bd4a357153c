package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/internal/record"
)

// hostileDir, when set, also writes each hostile workbook the limit tests
// make into that folder (one month folder per case), so the built binary
// can be timed on them:
//
//	go test ./internal/xlsx -run Limit -hostile-dir /tmp/hostile
//	/usr/bin/time -v boardpack validate --data /tmp/hostile/merge-area
var hostileDir = flag.String("hostile-dir", "", "also write the hostile workbooks of the limit tests to this folder")

// rawBook is a minimal workbook of one sheet, "Plan", written directly as
// a zip of its parts, so a test can make parts excelize would never write.
func rawBook(t testing.TB, sheetData, extra, sst string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	// Deflated at the fastest level: the hostile parts run to tens of
	// megabytes, and the default level spent more time packing them than
	// the reader spends refusing them. The parts are the same.
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	put := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	ct := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
	rels := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`
	if sst != "" {
		ct += `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
		rels += `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
	}
	put("[Content_Types].xml", ct+`</Types>`)
	put("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	put("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	put("xl/_rels/workbook.xml.rels", rels+`</Relationships>`)
	put("xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>`+sheetData+`</sheetData>`+extra+`</worksheet>`)
	if sst != "" {
		put("xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`+sst+`</sst>`)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// inlineRow is a row of inline-string cells from column A.
func inlineRow(n int, cells ...string) string {
	var b strings.Builder
	writeInlineRow(&b, n, cells...)
	return b.String()
}

// writeInlineRow writes inlineRow(n, cells...) to b.
func writeInlineRow(b *strings.Builder, n int, cells ...string) {
	row := strconv.Itoa(n)
	b.WriteString(`<row r="` + row + `">`)
	for i, c := range cells {
		if c == "" {
			continue
		}
		b.WriteString(`<c r="` + colName(i) + row + `" t="inlineStr"><is><t>` + c + `</t></is></c>`)
	}
	b.WriteString(`</row>`)
}

// limitHeader is a tracker's header row; limitAction one of its actions.
var limitHeader = []string{"Ref", "Action", "Lead", "Due date", "Status", "Progress RAG", "Progress update"}

func limitAction(n, i int, update string) string {
	var b strings.Builder
	writeLimitAction(&b, n, i, update)
	return b.String()
}

// writeLimitAction writes limitAction(n, i, update) to b.
func writeLimitAction(b *strings.Builder, n, i int, update string) {
	num := strconv.Itoa(i)
	writeInlineRow(b, n, "A-"+num, "Action number "+num+" to be delivered", "Head of Service", "31/03/2024", "In progress", "Green", update)
}

// trackerData is sheetData of a header and n actions from row 1.
func trackerData(n int) string {
	var b strings.Builder
	b.Grow(200 * (n + 1))
	writeInlineRow(&b, 1, limitHeader...)
	for i := 1; i <= n; i++ {
		writeLimitAction(&b, i+1, i, "On track")
	}
	return b.String()
}

// readHostile reads a data folder holding one workbook, tracker.xlsx, and
// returns the report; it writes the workbook under -hostile-dir too.
func readHostile(t *testing.T, name string, body []byte) (record.Data, quality.Report) {
	t.Helper()
	if *hostileDir != "" {
		dir := filepath.Join(*hostileDir, name, "2023-06")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "tracker.xlsx"), body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fsys := fstest.MapFS{"2023-06/tracker.xlsx": {Data: body}}
	data, rep, err := Read(fsys, Options{Name: name})
	if err != nil {
		t.Fatal(err)
	}
	return data, rep
}

// problemWith returns the first problem of severity sev whose text holds
// every one of want, or fails the test listing the problems.
func problemWith(t *testing.T, rep quality.Report, sev quality.Severity, want ...string) quality.Problem {
	t.Helper()
	for _, p := range rep.Problems {
		s := p.String()
		ok := p.Severity == sev
		for _, w := range want {
			ok = ok && strings.Contains(s, w)
		}
		if ok {
			return p
		}
	}
	var all []string
	for _, p := range rep.Problems {
		if len(all) == 10 {
			break
		}
		all = append(all, fmt.Sprintf("%s %s", p.Severity, p))
	}
	t.Fatalf("no %s saying %q; problems:\n%s", sev, want, strings.Join(all, "\n"))
	return quality.Problem{}
}

// Each test below is one of the hostile files of issue 17 (finding 6): a
// file of a few kilobytes that cost minutes and gigabytes. Each must be
// refused (or, for a long cell, truncated) with a message naming the file,
// sheet and cell, and finish: without the limits, each ran for minutes or
// ran out of memory.

func TestLimitMergedRangeToTheLastCell(t *testing.T) {
	t.Parallel()
	body := rawBook(t, trackerData(3), `<mergeCells count="1"><mergeCell ref="H2:XFD1048576"/></mergeCells>`, "")
	_, rep := readHostile(t, "merge-area", body)
	problemWith(t, rep, quality.Error, "tracker.xlsx", `sheet "Plan" › H2:XFD1048576`, "merged range of 17172512775 cells")
}

func TestLimitCellInLastColumn(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString(inlineRow(1, limitHeader...))
	for n := 2; n <= 20_000; n++ {
		r := strconv.Itoa(n)
		b.WriteString(`<row r="` + r + `"><c r="A` + r + `"><v>1</v></c><c r="XFD` + r + `"><v>1</v></c></row>`)
	}
	body := rawBook(t, b.String(), `<mergeCells count="1"><mergeCell ref="H1:I1"/></mergeCells>`, "")
	_, rep := readHostile(t, "last-column", body)
	problemWith(t, rep, quality.Error, "tracker.xlsx", `sheet "Plan" › XFD2`, "beyond column AMJ")
}

func TestLimitEscapesInASharedString(t *testing.T) {
	t.Parallel()
	sst := `<si><t>` + strings.Repeat("_x0041_", 600_000) + `</t></si>`
	data := trackerData(2) + `<row r="4"><c r="A4" t="inlineStr"><is><t>A-3</t></is></c><c r="B4" t="inlineStr"><is><t>Action three</t></is></c><c r="E4" t="inlineStr"><is><t>In progress</t></is></c><c r="G4" t="s"><v>0</v></c></row>`
	_, rep := readHostile(t, "escapes", rawBook(t, data, "", sst))
	problemWith(t, rep, quality.Error, "tracker.xlsx", "shared strings › string 1", "600000 _xHHHH_ escapes")
}

func TestLimitEscapesInAnInlineString(t *testing.T) {
	t.Parallel()
	data := trackerData(2) + inlineRow(4, "A-3", "Action three", "", "", "In progress", "", strings.Repeat("_x0041_", 600_000))
	_, rep := readHostile(t, "escapes-inline", rawBook(t, data, "", ""))
	problemWith(t, rep, quality.Error, "tracker.xlsx", `sheet "Plan" › G4`, "600000 _xHHHH_ escapes")
}

func TestLimitLongCellIsTruncated(t *testing.T) {
	t.Parallel()
	const size = 50 << 20
	sst := `<si><t>` + strings.Repeat("word ", size/5) + `</t></si>`
	data := trackerData(2) + `<row r="4"><c r="A4" t="inlineStr"><is><t>A-3</t></is></c><c r="B4" t="inlineStr"><is><t>Action three</t></is></c><c r="E4" t="inlineStr"><is><t>In progress</t></is></c><c r="G4" t="s"><v>0</v></c></row>`
	d, rep := readHostile(t, "long-cell", rawBook(t, data, "", sst))
	problemWith(t, rep, quality.Warning, "tracker.xlsx", "Plan", "G4", "52428800 characters", "truncated")
	if n := rep.Errors(); n > 0 {
		t.Fatalf("%d errors, the first: %s", n, rep.Problems[0])
	}
	var got string
	for _, p := range d.Periods {
		for _, a := range p.Actions {
			if a.Ref == "A-3" {
				got = a.Update
			}
		}
	}
	want := fmt.Sprintf("… [truncated: %d characters]", size-MaxCellChars)
	if !strings.HasSuffix(got, want) || len([]rune(got)) > MaxCellChars+len([]rune(want)) {
		t.Errorf("A-3's update is %d characters ending %q; want at most %d characters and the marker %q", len([]rune(got)), got[max(0, len(got)-60):], MaxCellChars, want)
	}
}

func TestLimitActionsPerTracker(t *testing.T) {
	t.Parallel()
	_, rep := readHostile(t, "actions", rawBook(t, trackerData(100_000), "", ""))
	problemWith(t, rep, quality.Error, "tracker.xlsx", "Plan", fmt.Sprintf("more than %d rows below the header", MaxTrackerRows))
}

func TestLimitRowsPerSheet(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for n := 1; n <= MaxSheetRows+1; n++ {
		b.WriteString(`<row r="` + strconv.Itoa(n) + `"/>`)
	}
	_, rep := readHostile(t, "rows", rawBook(t, b.String(), "", ""))
	problemWith(t, rep, quality.Error, "tracker.xlsx", `sheet "Plan"`, fmt.Sprintf("more than %d rows", MaxSheetRows))
}

func TestLimitMergedRangesPerSheet(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString(`<mergeCells>`)
	for n := 1; n <= MaxMerges+1; n++ {
		r := strconv.Itoa(n)
		b.WriteString(`<mergeCell ref="H` + r + `:I` + r + `"/>`)
	}
	b.WriteString(`</mergeCells>`)
	_, rep := readHostile(t, "merges", rawBook(t, trackerData(3), b.String(), ""))
	problemWith(t, rep, quality.Error, "tracker.xlsx", `sheet "Plan"`, fmt.Sprintf("more than %d merged ranges", MaxMerges))
}

func TestLimitCellsPerFolder(t *testing.T) {
	defer func(n int) { folderCellLimit = n }(folderCellLimit)
	folderCellLimit = 500
	_, rep := readHostile(t, "folder-cells", rawBook(t, trackerData(100), "", ""))
	problemWith(t, rep, quality.Error, "tracker.xlsx", "Plan", "more than 500 cells")
}

func TestLimitPaddedCellsPerSheet(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString(inlineRow(1, limitHeader...))
	for n := 2; n <= 20_000; n++ {
		r := strconv.Itoa(n)
		b.WriteString(`<row r="` + r + `"><c r="A` + r + `"><v>1</v></c><c r="AMJ` + r + `"><v>1</v></c></row>`)
	}
	body := rawBook(t, b.String(), `<mergeCells count="1"><mergeCell ref="H1:I1"/></mergeCells>`, "")
	_, rep := readHostile(t, "padded", body)
	problemWith(t, rep, quality.Error, "tracker.xlsx", `sheet "Plan"`, fmt.Sprintf("more than %d cells, counting the empty cells", MaxSheetCells))
}

// TestLimitRefusalPartWayStopsThePapers: a tracker refused part way down
// (the folder's cells run out at row 50 or so) has had its first rows
// read; the rows below were never read, so they cannot be excluded and
// listed as rows in error are: the refusal is RowsNotRead, which stops the
// papers even with --keep-going, never a partial plan printed as the whole.
func TestLimitRefusalPartWayStopsThePapers(t *testing.T) {
	defer func(n int) { folderCellLimit = n }(folderCellLimit)
	folderCellLimit = 500
	d, rep := readHostile(t, "refused-part-way", rawBook(t, trackerData(100), "", ""))
	problemWith(t, rep, quality.Error, "tracker.xlsx", "Plan", "more than 500 cells")
	n := 0
	for _, p := range d.Periods {
		n += len(p.Actions)
	}
	for _, p := range rep.Problems {
		if strings.Contains(p.Message, "more than 500 cells") && p.Effect != quality.RowsNotRead {
			t.Errorf("%d of 100 actions read, and the refusal's effect is %q, want %q (rows never read stop the papers): %s", n, p.Effect, quality.RowsNotRead, p)
		}
	}
}
