package xlsx

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/xuri/excelize/v2"
)

// The XML fuzzers feed a worksheet part and a shared-string part straight
// to the reader, without building a zip each time: the base workbook is
// opened from memory and the part put in its package. Each checks one
// property: the reader either returns every row excelize's iterator
// returns from a well-formed part, or an error; never fewer rows in
// silence, and never a row that differs from excelize's.
//
//	go test ./internal/xlsx -run '^$' -fuzz FuzzSheetXML -fuzztime 3m -fuzzminimizetime 2s
//	go test ./internal/xlsx -run '^$' -fuzz FuzzSharedStringsXML -fuzztime 3m -fuzzminimizetime 2s
//
// (-fuzzminimizetime keeps the engine from spending a minute shrinking
// each new input, time its executions-per-second line does not count.)

const sheetPath, sstPath = "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"

// maxFuzzRows bounds the rows a fuzzed part is read to.
const maxFuzzRows = 2000

// bookWith opens the base workbook with sheet1's part and, if not nil, the
// shared strings replaced.
func bookWith(t testing.TB, sheet, sst []byte) *excelize.File {
	wb, err := excelize.OpenReader(bytes.NewReader(baseBook(t)), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	wb.Pkg.Store(sheetPath, sheet)
	if sst != nil {
		wb.Pkg.Store(sstPath, sst)
	}
	return wb
}

// readerRows reads Sheet1 as the sheet reader does: the rows it takes, and
// the error that ends them early, if any.
func readerRows(t testing.TB, wb *excelize.File) ([][]string, error) {
	it, part, err := openRows(excelizeBook(wb), "Sheet1", nil, nil, rowsPath)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	rr := rowReader{rows: it, part: part}
	var out [][]string
	for len(out) <= maxFuzzRows {
		r, ok := rr.next()
		if !ok {
			break
		}
		if r.cells == nil {
			r.cells = []string{}
		}
		out = append(out, r.cells)
	}
	if lost := rr.ended(); lost != nil {
		return out, lost
	}
	return out, nil
}

// checkRowsProperty reads the workbook made of sheet and sst both ways and
// checks the property.
func checkRowsProperty(t *testing.T, sheet, sst []byte) {
	ours := bookWith(t, sheet, sst)
	got, err := readerRows(t, ours)
	ours.Close()
	ref := bookWith(t, sheet, sst)
	defer ref.Close()
	rows, rerr := ref.Rows("Sheet1")
	if rerr != nil {
		if err == nil {
			t.Fatalf("excelize cannot iterate (%v) and the reader read %d rows", rerr, len(got))
		}
		return
	}
	var want [][]string
	for len(want) <= maxFuzzRows && rows.Next() {
		cols, err := rows.Columns()
		switch {
		case err != nil:
			cols = []string{"ERROR " + err.Error()}
		case cols == nil:
			cols = []string{}
		}
		want = append(want, cols)
	}
	if len(want) > maxFuzzRows || len(got) > maxFuzzRows {
		return // a row number far down the sheet: too slow to fuzz
	}
	if err := rows.Error(); err != nil {
		want = append(want, []string{"ERROR " + err.Error()})
	}
	whole := xmlWellFormed(sheet) && (sst == nil || xmlWellFormed(sst))
	if err == nil && !whole {
		t.Fatalf("a damaged part read with no error: %d rows (excelize %d)", len(got), len(want))
	}
	if len(got) > len(want) || err == nil && len(got) != len(want) {
		t.Fatalf("read %d rows with error %v; excelize returns %d", len(got), err, len(want))
	}
	for i, g := range got {
		if !reflect.DeepEqual(g, want[i]) {
			t.Fatalf("row %d: read %q, excelize %q", i+1, g, want[i])
		}
	}
}

func FuzzSheetXML(f *testing.F) {
	for _, c := range fastCases {
		f.Add([]byte(sheetHead + c.data + sheetTail))
	}
	f.Add([]byte(sheetHead + `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="3"><c r="B3"><v>1&amp;2</v></c></row></sheetData>` + sheetTail))
	f.Add([]byte(sheetHead + `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="B2"><v>1&2</v></c></row><row r="3"><c r="A3"><v>3</v></c></row></sheetData>` + sheetTail))
	f.Fuzz(func(t *testing.T, sheet []byte) {
		if len(sheet) > 8000 {
			return
		}
		checkRowsProperty(t, sheet, nil)
	})
}

func FuzzSharedStringsXML(f *testing.F) {
	const ns = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">`
	f.Add([]byte(ns + `<si><t>zero</t></si><si><t>one</t></si><si><t>two &amp; three</t></si></sst>`))
	f.Add([]byte(ns + `<si><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r></si><si><t xml:space="preserve"> one </t></si><si><t>Yes</t></si></sst>`))
	f.Add([]byte(ns + `<si><t>zero</t></si><si><t>Yes` + "\xff" + `</t></si><si><t>two</t></si></sst>`))
	sheet := []byte(sheetHead + `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row><row r="2"><c r="A2"><v>7</v></c></row></sheetData>` + sheetTail)
	f.Fuzz(func(t *testing.T, sst []byte) {
		if len(sst) > 8000 {
			return
		}
		checkRowsProperty(t, sheet, sst)
	})
}
