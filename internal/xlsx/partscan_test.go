package xlsx

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/boardpack/boardpack/internal/sampledata"
)

// checkLimits reads each worksheet part once for the limits, the fast-path
// check and what sheetParts looks for (fastRows.scan). The tests below
// hold that pass to the three separate ones it replaces: limitScan.feed
// over the whole part, check, and sheetParts's bytes.Contains.

// limitState is what a limit scan counted, for comparing two scans: its
// error, or when it has none its counts.
func limitState(ls *limitScan) string {
	if ls.err != nil {
		return "error " + ls.err.Error()
	}
	return fmt.Sprintf("rows %d cells %d merges %d padded %d merged %d col %d ref %q strings %d work %d",
		ls.rows, ls.cells, ls.merges, ls.padded, ls.merged, ls.col, ls.ref, ls.strings, ls.work)
}

// comparePartScan checks one sheet part read in one pass against the
// separate passes, and returns the one pass's result.
func comparePartScan(t testing.TB, name string, b []byte) partScan {
	t.Helper()
	apart := &limitScan{sheet: "Plan", isSheet: true}
	apart.feed(b, true)
	apart.done()

	fused := &limitScan{sheet: "Plan", isSheet: true}
	var one fastRows
	one.sc.b = b
	got := one.scan(fused)

	if got.limits && limitState(fused) != limitState(apart) {
		t.Errorf("%s: the one pass counted\n\t%s\nthe limit scan alone\n\t%s", name, limitState(fused), limitState(apart))
	}
	if got.limits && fused.err != nil {
		return got // refused: the rest is never used
	}
	var chk fastRows
	chk.sc.b = b
	usesSST, lastRow, ok := chk.check()
	if got.ok != ok || got.usesSST != usesSST || got.lastRow != lastRow {
		t.Errorf("%s: the one pass's check gave ok %t, shared strings %t, last row %d; check alone %t, %t, %d",
			name, got.ok, got.usesSST, got.lastRow, ok, usesSST, lastRow)
	}
	if got.ok {
		merges := bytes.Contains(b, []byte("<mergeCell "))
		formulas := bytes.Contains(b, []byte("<f>")) || bytes.Contains(b, []byte("<f "))
		if got.merges != merges || got.formulas != formulas {
			t.Errorf("%s: the one pass found merges %t, formulas %t; sheetParts's search %t, %t", name, got.merges, got.formulas, merges, formulas)
		}
	}
	return got
}

// partScanCases are worksheet bodies that stress where the one pass could
// part from the separate ones; fused says whether the limits must be
// counted in the one pass (false: the part is left to a limit pass of its
// own).
var partScanCases = []struct {
	name, data string
	fused      bool
}{
	{"merges", `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Title</t></is></c></row></sheetData><mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="B3:D9"/></mergeCells>`, true},
	{"merge not followed by a space", "<sheetData/><mergeCells><mergeCell\tref=\"A1:C1\"/><mergeCell\nref=\"A2:B2\"/></mergeCells>", true},
	{"prefixed merge", `<sheetData/><x:mergeCells xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:mergeCell ref="A1:B1"/></x:mergeCells>`, true},
	{"formulas", `<sheetData><row r="1"><c r="A1"><f>1+1</f><v>2</v></c></row></sheetData>`, true},
	{"formula with attributes", `<sheetData><row r="1"><c r="A1"><f t="shared" ref="A1:A2" si="0">1+1</f><v>2</v></c></row></sheetData>`, true},
	{"empty formula", `<sheetData><row r="1"><c r="A1" t="str"><f/><v>s</v></c></row></sheetData>`, true},
	{"prefixed formula", `<x:sheetData xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:row r="1"><x:c r="A1"><x:f>1</x:f><x:v>1</x:v></x:c></x:row></x:sheetData>`, true},
	{"formula and a tab", "<sheetData><row r=\"1\"><c r=\"A1\"><f\tca=\"1\">1</f><v>1</v></c></row></sheetData>", true},
	{"prefixed references", `<sheetData><row r="1"><c x:r="C1" r="A1" xmlns:x="urn:x"><v>1</v></c><c r="E1"><v>2</v></c></row></sheetData>`, true},
	{"name with a leading colon", `<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><extLst><:c r="F9"/><:mergeCell ref="A1:B2"/></extLst>`, true},
	{"cells outside the rows", `<sheetData><row r="1"><c r="B1"><v>1</v></c></row></sheetData><extLst><ext><c r="Z9"/><c/></ext></extLst>`, true},
	{"escapes", `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>` + strings.Repeat("_x0041_", 50) + `</t></is></c><c r="B1" t="inlineStr"><is><t>a_x</t><r><t>_x0042_</t></r></is></c></row></sheetData>`, true},
	{"entities in a text", `<sheetData><row r="1"><c r="A1" t="str"><v>a &amp; b &#95;x0041_</v></c></row></sheetData>`, true},
	{"> in a value before the reference", `<sheetData><row r="1"><c foo="a>b" r="D1"><v>1</v></c></row></sheetData>`, false},
	{"> in a value after the reference", `<sheetData><row r="1"><c r="D1" foo="a>_x0041_"><v>1</v></c></row></sheetData>`, false},
	{"> in a text", `<sheetData><row r="1"><c r="D1" t="str"><v>a > b</v></c></row></sheetData>`, true},
	{"beyond the last column", `<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>1</v></c></row></sheetData>`, true},
	{"merged range too large", `<sheetData/><mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>`, true},
	{"too many escapes", `<sheetData><row r="1"><c r="G4" t="inlineStr"><is><t>` + strings.Repeat("_x0041_", 50_000) + `</t></is></c></row></sheetData>`, true},
	{"not read by the fast path", `<sheetData><!-- a comment --><row r="1"><c r="A1"><v>1</v></c></row></sheetData>`, false},
	{"damaged", `<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</sheetData>`, false},
}

func TestPartScanMatchesSeparatePasses(t *testing.T) {
	t.Parallel()
	for _, c := range fastCases {
		comparePartScan(t, c.name, []byte(sheetHead+c.data+sheetTail))
	}
	for _, c := range partScanCases {
		got := comparePartScan(t, c.name, []byte(sheetHead+c.data+sheetTail))
		if got.limits != c.fused {
			t.Errorf("%s: limits counted in the one pass: %t, want %t", c.name, got.limits, c.fused)
		}
	}
	// A part over a limit after a > in a value is refused as the limit
	// scan alone refuses it.
	data := `<sheetData><row r="1"><c r="A1" foo=">"><v>1</v></c><c r="XFD1"><v>1</v></c></row></sheetData>`
	comparePartScan(t, "over a limit after a >", []byte(sheetHead+data+sheetTail))
	b := rawBook(t, data, "", "")
	wb, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	if _, err := checkLimits(excelizeBook(wb), b); err == nil || !strings.Contains(err.Error(), `sheet "Plan" › XFD1: a cell in column XFD`) {
		t.Errorf("checkLimits: %v, want the cell in column XFD", err)
	}
}

// TestPartScanOnRealParts reads every worksheet of the sample data and of a
// scaled folder both ways, and checks that the one pass counts the limits
// on all of them: were it to leave them to a pass of their own, the reader
// would be as slow as before without any other test failing.
func TestPartScanOnRealParts(t *testing.T) {
	t.Parallel()
	scaled := t.TempDir()
	if err := sampledata.WriteScaled(scaled, sampledata.Scale{Trackers: 2, Actions: 150, Allocations: 2000, Teams: 3, MetricMonths: 13, KPIs: 3}); err != nil {
		t.Fatal(err)
	}
	parts := 0
	for _, p := range append(xlsxUnder(t, "../../sample-data"), xlsxUnder(t, scaled)...) {
		wb := openPath(t, p)()
		for _, sheet := range wb.GetSheetList() {
			path, ok := sheetXMLPath(wb, sheet)
			if !ok {
				t.Fatalf("%s › %s: no part", p, sheet)
			}
			v, _ := wb.Pkg.Load(path)
			b, _ := v.([]byte)
			got := comparePartScan(t, p+" › "+sheet, b)
			if !got.limits || !got.ok {
				t.Errorf("%s › %s: one pass: limits counted %t, fast path %t; want both", p, sheet, got.limits, got.ok)
			}
			parts++
		}
		wb.Close()
	}
	if parts < 10 {
		t.Errorf("only %d parts read", parts)
	}
}

// FuzzPartScan checks the one pass against the separate ones on any part.
//
//	go test ./internal/xlsx -run '^$' -fuzz FuzzPartScan -fuzztime 60s
func FuzzPartScan(f *testing.F) {
	for _, c := range fastCases {
		f.Add([]byte(sheetHead + c.data + sheetTail))
	}
	for _, c := range partScanCases {
		if len(c.data) < 4000 {
			f.Add([]byte(sheetHead + c.data + sheetTail))
		}
	}
	f.Fuzz(func(t *testing.T, part []byte) {
		if len(part) > 8000 {
			return
		}
		comparePartScan(t, "fuzz", part)
	})
}

// TestUnprefixedLocal checks that the name limitScan gives a tag or an
// attribute (its text after the first colon) is found from the local part
// the scanner gives it, for every name the scanner reads.
func TestUnprefixedLocal(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"c", "row", "x:c", "x:mergeCell", ":c", "c:", ":", "a:b", "_:r", "r.1-x:y"} {
		sc := scanner{b: []byte(name + ">")}
		if !sc.name() {
			t.Fatalf("%q not read as a name", name)
		}
		if got, want := string(unprefixedLocal(sc.local)), string(unprefixed(sc.qname)); got != want {
			t.Errorf("%q: %q from its local part %q, want %q", name, got, sc.local, want)
		}
	}
}

func TestIndexShort(t *testing.T) {
	t.Parallel()
	for n := range 40 {
		b := bytes.Repeat([]byte("a"), n)
		for at := -1; at < n; at++ {
			c := bytes.Clone(b)
			if at >= 0 {
				c[at] = '"'
			}
			if got, want := indexShort(c, '"'), bytes.IndexByte(c, '"'); got != want {
				t.Fatalf("length %d, quote at %d: %d, want %d", n, at, got, want)
			}
		}
	}
}
