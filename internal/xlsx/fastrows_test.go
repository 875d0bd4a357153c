package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/internal/record"
	"github.com/boardpack/boardpack/internal/sampledata"
)

// rowsOf reads every row of an iterator as the sheet reader does.
func rowsOf(t testing.TB, it rowIter) [][]string {
	t.Helper()
	defer it.Close()
	var out [][]string
	for it.Next() {
		cols, err := it.Columns()
		if err != nil {
			out = append(out, []string{"ERROR " + err.Error()})
			continue
		}
		if cols == nil {
			cols = []string{}
		}
		out = append(out, cols)
	}
	if err := it.Error(); err != nil {
		out = append(out, []string{"ERROR " + err.Error()})
	}
	return out
}

// compareSheets checks that the fast path reads every sheet of wb exactly as
// excelize's Rows does, and returns how many sheets it read.
func compareSheets(t testing.TB, name string, open func() *excelize.File) (fast int) {
	t.Helper()
	wb := open()
	defer wb.Close()
	for _, sheet := range wb.GetSheetList() {
		r := openFastRows(excelizeBook(wb), sheet, nil)
		if r == nil {
			continue
		}
		fast++
		got := rowsOf(t, r)
		ref := open() // a fresh copy: the fast path may have loaded the shared strings
		rows, err := ref.Rows(sheet)
		if err != nil {
			t.Fatalf("%s › %s: %v", name, sheet, err)
		}
		want := rowsOf(t, rows)
		ref.Close()
		// An index into the shared strings out of range is a cell
		// excelize's Rows reads as "" and the fast path refuses: a value
		// lost in silence (a Confidential flag) would be worse.
		for i, g := range got {
			if i < len(want) && len(g) == 1 && strings.HasPrefix(g[0], "ERROR ") && strings.Contains(g[0], "refers to shared string") {
				got[i] = want[i]
			}
		}
		if !reflect.DeepEqual(got, want) {
			for i := range max(len(got), len(want)) {
				var g, w []string
				if i < len(got) {
					g = got[i]
				}
				if i < len(want) {
					w = want[i]
				}
				if !reflect.DeepEqual(g, w) {
					t.Errorf("%s › %s: row %d: fast path read %q, excelize %q (%d rows against %d)", name, sheet, i+1, g, w, len(got), len(want))
					break
				}
			}
		}
	}
	return fast
}

func openPath(t testing.TB, path string) func() *excelize.File {
	return func() *excelize.File {
		b, err := open(os.DirFS(filepath.Dir(path)), filepath.Base(path), Options{})
		if err != nil {
			t.Fatal(err)
		}
		xl, err := b.wb.excelize()
		if err != nil {
			t.Fatal(err)
		}
		return xl
	}
}

func xlsxUnder(t *testing.T, dir string) []string {
	t.Helper()
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".xlsx") {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return paths
}

// TestFastRowsMatchExcelizeOnSampleData covers workbooks saved in normal
// mode, with shared strings, and checks that the fast path is taken for
// every sheet (if an excelize upgrade stopped it, the reader would be slow
// without any test failing otherwise).
func TestFastRowsMatchExcelizeOnSampleData(t *testing.T) {
	t.Parallel()
	paths := xlsxUnder(t, "../../sample-data")
	if len(paths) == 0 {
		t.Fatal("no sample workbooks")
	}
	for _, p := range paths {
		wb := openPath(t, p)()
		sheets := len(wb.GetSheetList())
		if fast := compareSheets(t, p, openedFirst(wb, openPath(t, p))); fast != sheets {
			t.Errorf("%s: the fast path read %d of %d sheets", p, fast, sheets)
		}
	}
}

// TestFastRowsMatchExcelizeOnScaledData covers workbooks written with the
// StreamWriter (inline strings), as the large benchmark folders are.
func TestFastRowsMatchExcelizeOnScaledData(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := sampledata.Scale{Trackers: 2, Actions: 150, Allocations: 2000, Teams: 3, MetricMonths: 13, KPIs: 3}
	if err := sampledata.WriteScaled(dir, s); err != nil {
		t.Fatal(err)
	}
	for _, p := range xlsxUnder(t, dir) {
		if compareSheets(t, p, openPath(t, p)) == 0 {
			t.Errorf("%s: the fast path read no sheet", p)
		}
	}
}

// TestReadFolderSameEitherPath reads whole folders with and without the fast
// path and compares every record and the whole report.
func TestReadFolderSameEitherPath(t *testing.T) {
	t.Parallel()
	scaled := t.TempDir()
	if err := sampledata.WriteScaled(scaled, sampledata.Scale{Trackers: 3, Actions: 200, Allocations: 3000, Teams: 4, MetricMonths: 14, KPIs: 4}); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"../../sample-data", scaled} {
		read := func(path string, prefetch bool) (record.Data, quality.Report) {
			// Whether the prefetcher gets ahead of the reader depends on
			// the scheduler (with one CPU it may not, now and then): a
			// read with the prefetcher on is made again, up to five
			// times, until a workbook came from it.
			for try := 1; ; try++ {
				var tr readTrace
				d, rep, err := ReadFolder(dir, Options{rows: path, noPrefetch: !prefetch, trace: &tr})
				if err != nil {
					t.Fatal(err)
				}
				// It read as asked: excelize's iterator for every sheet,
				// or the fast path for some; workbooks taken from the
				// prefetcher, or none.
				if fast, xl := tr.n["rows fast"], tr.n["rows excelize"]; (path == "excelize") != (fast == 0) || xl+fast == 0 {
					t.Fatalf("%s, asked for the %s path: %d sheets read by the fast path, %d by excelize's", dir, path, fast, xl)
				}
				got := tr.n["prefetched"]
				if prefetch && got == 0 && try < 5 {
					continue
				}
				if (got > 0) != prefetch {
					t.Fatalf("%s: asked for prefetch %v, %d workbooks taken from the prefetcher (in %d reads)", dir, prefetch, got, try)
				}
				return d, rep
			}
		}
		// excelize's iterator, one workbook at a time: the reader as it was.
		ed, erep := read("excelize", false)
		for _, c := range []struct {
			path     string
			prefetch bool
		}{{"fast", true}, {"fast", false}, {"excelize", true}} {
			d, rep := read(c.path, c.prefetch)
			if !reflect.DeepEqual(d, ed) {
				t.Errorf("%s: %s rows, prefetch %t: the records differ from excelize's", dir, c.path, c.prefetch)
			}
			if !reflect.DeepEqual(rep, erep) {
				t.Errorf("%s: %s rows, prefetch %t: the report differs from excelize's", dir, c.path, c.prefetch)
			}
		}
	}
}

// withSheet returns a workbook whose first sheet's part is replaced by
// sheetXML. Its shared strings are "zero", "one", "two" and a rich-text
// string, unless sst is given.
func withSheet(t testing.TB, sheetXML string, sst string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(baseBook(t)), int64(len(baseBook(t))))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, e := range zr.File {
		w, err := zw.Create(e.Name)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case e.Name == "xl/worksheets/sheet1.xml":
			_, err = io.WriteString(w, sheetXML)
		case e.Name == "xl/sharedStrings.xml" && sst != "":
			_, err = io.WriteString(w, sst)
		default:
			var rc io.ReadCloser
			if rc, err = e.Open(); err == nil {
				_, err = io.Copy(w, rc)
				rc.Close()
			}
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

var base struct {
	sync.Once
	b []byte
}

// baseBook is the workbook withSheet edits, made once.
func baseBook(t testing.TB) []byte {
	base.Do(func() { base.b = makeBaseBook(t) })
	return base.b
}

func makeBaseBook(t testing.TB) []byte {
	f := excelize.NewFile()
	for i, v := range []string{"zero", "one", "two"} {
		if err := f.SetCellValue("Sheet1", fmt.Sprintf("A%d", i+1), v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SetCellRichText("Sheet1", "A4", []excelize.RichTextRun{{Text: "rich "}, {Text: "text_x000D_", Font: &excelize.Font{Bold: true}}}); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func openBytes(t testing.TB, b []byte) func() *excelize.File {
	return func() *excelize.File {
		wb, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return wb
	}
}

const sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
	`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><dimension ref="A1:C9"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>`

const sheetTail = `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`

// fastCases are worksheet bodies (sheetData) the fast path must read as
// excelize does. Each is also run with fast set to whether the fast path is
// expected to take it.
var fastCases = []struct {
	name, data string
	fast       bool
}{
	{"plain", `<sheetData><row r="1" spans="1:3" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>1</v></c><c r="B1"><v>42.5</v></c><c r="C1" t="str"><v>text</v></c></row></sheetData>`, true},
	{"gaps", `<sheetData><row r="2"><c r="C2"><v>1</v></c></row><row r="5"><c r="A5" t="inlineStr"><is><t>x</t></is></c><c r="E5"><v>2</v></c></row></sheetData>`, true},
	{"no refs", `<sheetData><row><c><v>1</v></c><c t="s"><v>2</v></c></row><row><c/><c><v>3</v></c></row><row r="7"><c><v>7</v></c></row><row><c><v>8</v></c></row></sheetData>`, true},
	{"empty rows and cells", `<sheetData><row r="1"/><row r="2"><c r="A2" s="3"/><c r="B2"><v></v></c><c r="C2"><v/></c></row><row r="3"><c r="B3"><v>x</v></c></row></sheetData>`, true},
	{"entities", `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve"> a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; &#233;&#x20AC; </t></is></c><c r="B1" t="str"><v>Tom &amp; Jerry</v></c></row></sheetData>`, true},
	{"bstr escapes", `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>line_x000D_break _x005F_x0041_ _xD800_ _x0041_</t></is></c></row></sheetData>`, true},
	{"rich inline", `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a</t><r><t>b</t></r><r><t>c</t></r></is></c></row></sheetData>`, true},
	{"run before t", `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><r><t>b</t></r><t>a</t></is></c></row></sheetData>`, false},
	{"run properties", `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b/></rPr><t>b</t></r></is></c></row></sheetData>`, false},
	{"shared strings", `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v> 2 </v></c><c r="C1" t="s"><v>3</v></c><c r="E1" t="s"><v>x</v></c><c r="F1" t="s"><v></v></c></row></sheetData>`, true},
	{"shared string out of range", `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="D1" t="s"><v>99</v></c></row><row r="2"><c r="G2" t="s"><v>-1</v></c></row><row r="3"><c r="A3" t="s"><v>0</v></c></row></sheetData>`, true},
	{"types", `<sheetData><row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="e"><v>#N/A</v></c><c r="C1" t="d"><v>2023-06-30T00:00:00Z</v></c><c r="D1" t="n"><v>1.50</v></c><c r="E1" t="inlineStr"><v>raw</v></c><c r="F1" t="weird"><v>w</v></c></row></sheetData>`, true},
	{"formulas", `<sheetData><row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1"><f t="shared" ref="B1:B2" si="0" ca="1">A1*2</f></c><c r="C1" t="str"><f/><v>s</v></c></row><row r="2"><c r="B2"><f t="shared" si="0"/></c></row></sheetData>`, true},
	{"bad formula attribute", `<sheetData><row r="1"><c r="A1"><f ca="maybe">1</f><v>2</v></c></row></sheetData>`, false},
	{"references", `<sheetData><row r="1"><c r="$B$1"><v>1</v></c><c r="d1"><v>2</v></c><c r="F9"><v>3</v></c><c><v>4</v></c></row></sheetData>`, true},
	{"cells out of order", `<sheetData><row r="1"><c r="F1"><v>3</v></c><c r="B1"><v>4</v></c></row></sheetData>`, false},
	{"cell repeated", `<sheetData><row r="1"><c r="B1"><v>3</v></c><c r="B1"><v>4</v></c></row></sheetData>`, false},
	{"bad reference", `<sheetData><row r="1"><c r="1A"><v>1</v></c></row></sheetData>`, false},
	{"prefixes", `<x:sheetData xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:row r="1"><x:c r="A1" x:t="inlineStr"><x:is><x:t>p</x:t></x:is></x:c></x:row></x:sheetData>`, true},
	{"single quotes and spacing", `<sheetData ><row r='1' ><c r = 'A1' t='str' ><v >q</v ></c></row ></sheetData>`, true},
	{"rows out of order", `<sheetData><row r="3"><c r="A3"><v>3</v></c></row><row r="2"><c r="A2"><v>2</v></c></row></sheetData>`, false},
	{"row number with a sign", `<sheetData><row r="+1"><c r="A1"><v>1</v></c></row></sheetData>`, false},
	{"comment", `<sheetData><!-- x --><row r="1"><c r="A1"><v>1</v></c></row></sheetData>`, false},
	{"cdata", `<sheetData><row r="1"><c r="A1" t="str"><v><![CDATA[a<b]]></v></c></row></sheetData>`, false},
	{"carriage return", "<sheetData><row r=\"1\"><c r=\"A1\" t=\"str\"><v>a\r\nb</v></c></row></sheetData>", false},
	{"unknown entity", `<sheetData><row r="1"><c r="A1" t="str"><v>&nbsp;</v></c></row></sheetData>`, false},
	{"row outside sheetData", `<sheetData/><extLst><row r="1"><c r="A1"><v>1</v></c></row></extLst>`, false},
	{"no sheetData", ``, true},
	{"empty sheetData", `<sheetData></sheetData>`, true},
	{"nested in v", `<sheetData><row r="1"><c r="A1"><v>1<b/></v></c></row></sheetData>`, false},
	{"two values", `<sheetData><row r="1"><c r="A1"><v>1</v><v>2</v></c></row></sheetData>`, false},
	{"text in row", `<sheetData><row r="1">x<c r="A1"><v>1</v></c></row></sheetData>`, false},
	{"mismatched end", `<sheetData><row r="1"><c r="A1"><v>1</v></c></rows></sheetData>`, false},
	{"unicode", `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Zoë – naïve 😀</t></is></c></row></sheetData>`, true},
	{"control character", "<sheetData><row r=\"1\"><c r=\"A1\" t=\"str\"><v>a\x01b</v></c></row></sheetData>", false},
}

func TestFastRowsCases(t *testing.T) {
	t.Parallel()
	for _, c := range fastCases {
		t.Run(c.name, func(t *testing.T) {
			b := withSheet(t, sheetHead+c.data+sheetTail, "")
			open := openBytes(t, b)
			wb := open()
			taken := openFastRows(excelizeBook(wb), "Sheet1", nil) != nil
			wb.Close()
			if taken != c.fast {
				t.Errorf("fast path taken: %t, want %t", taken, c.fast)
			}
			compareSheets(t, c.name, open)
		})
	}
}

// FuzzFastRows checks that whenever the fast path takes a worksheet, it
// reads what excelize reads.
//
//	go test ./internal/xlsx -run '^$' -fuzz FuzzFastRows -fuzztime 60s
func FuzzFastRows(f *testing.F) {
	for _, c := range fastCases {
		f.Add(c.data)
	}
	f.Fuzz(func(t *testing.T, data string) {
		if len(data) > 4000 {
			return
		}
		b := withSheet(t, sheetHead+data+sheetTail, "")
		wb, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{RawCellValue: true})
		if err != nil {
			return
		}
		wb.Close()
		compareSheets(t, "fuzz", openBytes(t, b))
	})
}

func TestFastRowsNotUsedWhenSheetLoaded(t *testing.T) {
	t.Parallel()
	b := withSheet(t, sheetHead+fastCases[0].data+sheetTail, "")
	wb := openBytes(t, b)()
	defer wb.Close()
	if _, err := wb.GetCellValue("Sheet1", "A1"); err != nil { // loads the sheet into memory
		t.Fatal(err)
	}
	if openFastRows(excelizeBook(wb), "Sheet1", nil) != nil {
		t.Error("the fast path read a sheet excelize holds in memory")
	}
}

// excelizeSST is the shared-string table as excelize reads it, nil when it
// cannot.
func excelizeSST(t *testing.T, wb *excelize.File) []string {
	t.Helper()
	rows, err := wb.Rows(wb.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	_, _ = rows.Columns() // loads the table
	rows.Close()
	if wb.SharedStrings == nil {
		return nil
	}
	out := []string{}
	for _, si := range wb.SharedStrings.SI {
		out = append(out, si.String())
	}
	return out
}

func TestParseSST(t *testing.T) {
	t.Parallel()
	const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	cases := []struct {
		name, sst string
		ok        bool
	}{
		{"plain", head + `<sst ` + ns + ` count="3" uniqueCount="3"><si><t>a</t></si><si><t xml:space="preserve"> b  c </t></si><si><t>Children&#39;s &amp; &lt;families&gt;</t></si></sst>`, true},
		{"empty items", head + `<sst ` + ns + `><si/><si><t/></si><si></si><si><t></t></si></sst>`, true},
		{"escapes", head + `<sst ` + ns + `><si><t>x_x000D_y _x005F_x0041_ _xD800_</t></si></sst>`, true},
		{"no declaration", `<sst ` + ns + `><si><t>a</t></si></sst>`, true},
		{"empty table", head + `<sst ` + ns + `/>`, true},
		{"rich text", head + `<sst ` + ns + `><si><r><rPr><b/></rPr><t>a</t></r><r><t>b</t></r></si></sst>`, false},
		{"phonetic", head + `<sst ` + ns + `><si><t>a</t><rPh sb="0" eb="1"><t>x</t></rPh></si></sst>`, false},
		{"two t", head + `<sst ` + ns + `><si><t>a</t><t>b</t></si></sst>`, false},
		{"bad count", head + `<sst ` + ns + ` count="many"><si><t>a</t></si></sst>`, false},
		{"no namespace", head + `<sst><si><t>a</t></si></sst>`, false},
		{"strict namespace", head + `<sst xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"><si><t>a</t></si></sst>`, false},
		{"mismatched", head + `<sst ` + ns + `><si><t>a</si></t></sst>`, false},
		{"prefixed", head + `<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:si><x:t>a</x:t></x:si></x:sst>`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := parseSST([]byte(c.sst))
			if ok != c.ok {
				t.Fatalf("parsed: %t, want %t", ok, c.ok)
			}
			if !ok {
				return
			}
			wb := openBytes(t, withSheet(t, sheetHead+`<sheetData/>`+sheetTail, c.sst))()
			defer wb.Close()
			if want := excelizeSST(t, wb); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
				t.Errorf("parsed %q, excelize %q", got, want)
			}
		})
	}
	for _, p := range xlsxUnder(t, "../../sample-data") {
		wb := openPath(t, p)()
		v, _ := wb.Pkg.Load("xl/sharedStrings.xml")
		b, _ := v.([]byte)
		got, ok := parseSST(b)
		if !ok {
			t.Errorf("%s: shared strings not parsed", p)
		} else if want := excelizeSST(t, wb); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: shared strings differ from excelize's", p)
		}
		wb.Close()
	}
}

// cleanSlow is Clean without its fast path.
func cleanSlow(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u00a0', '\u2007', '\u202f', '\t', '\r', '\n':
			return ' '
		case '\u200b', '\ufeff':
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

func TestCleanFastPathMatches(t *testing.T) {
	t.Parallel()
	alphabet := []string{"a", "Z", "0", " ", "  ", "\t", "\n", "\r", "\v", "\f", "\x00", "\x1f", "\x7f", "~", "!", "é", "\u00a0", "\u200b", "\ufeff", "\u2003", "\u0085", "–"}
	seed := uint32(1)
	for range 20000 {
		var b strings.Builder
		seed = seed*1664525 + 1013904223
		n := int(seed>>24) % 8
		for range n {
			seed = seed*1664525 + 1013904223
			b.WriteString(alphabet[int(seed>>16)%len(alphabet)])
		}
		s := b.String()
		if got, want := Clean(s), cleanSlow(s); got != want {
			t.Fatalf("Clean(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestFastRowsStylesMatchExcelize checks the style index the fast path
// reads for each cell (used to spot percentage formats without loading the
// sheet into memory) is the one excelize gives.
func TestFastRowsStylesMatchExcelize(t *testing.T) {
	t.Parallel()
	checked := 0
	for _, p := range xlsxUnder(t, "../../sample-data") {
		wb := openPath(t, p)()
		ref := openPath(t, p)()
		for _, sheet := range wb.GetSheetList() {
			r := openFastRows(excelizeBook(wb), sheet, nil)
			if r == nil {
				continue
			}
			for n := 1; r.Next(); n++ {
				cols, _ := r.Columns()
				for c := range cols {
					got := 0
					if c < len(r.rowStyles) {
						got = r.rowStyles[c]
					}
					if got == 0 {
						continue // left to excelize by the reader
					}
					cell, _ := excelize.CoordinatesToCellName(c+1, n)
					want, err := ref.GetCellStyle(sheet, cell)
					if err != nil || got != want {
						t.Fatalf("%s › %s › %s: fast path style %d, excelize %d (%v)", p, sheet, cell, got, want, err)
					}
					checked++
				}
			}
		}
		wb.Close()
		ref.Close()
	}
	if checked < 100 {
		t.Errorf("only %d styled cells checked", checked)
	}
}
