package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/xuri/excelize/v2"

	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/internal/record"
)

// juneTracker is the sample June tracker: sheet "Action Plan" in
// xl/worksheets/sheet2.xml, header at row 4, rows to 131, confidential
// actions at rows 19 and 73 (shared string 101, "Yes", in column O).
const (
	juneTrackerPath = "../../sample-data/2023-06/Improvement Plan Tracker June 2023 FINAL.xlsx"
	junePart        = "xl/worksheets/sheet2.xml"
	juneSheet       = "Action Plan"
)

var juneConfidentialRows = []int{19, 73}

func juneTracker(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(juneTrackerPath)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// zipPart is one part of a workbook: its name and its bytes, unpacked.
type zipPart struct {
	name string
	data []byte
}

// unzipped holds the parts of each workbook body partsOf has unpacked, by
// the body's bytes: the damage tests make hundreds of edits of the same
// few workbooks, and inflating every part again for each edit was a tenth
// of the package's test time. The parts are shared: never edit them in
// place (editPart edits a copy).
var unzipped = struct {
	sync.Mutex
	m map[string][]zipPart
}{m: map[string][]zipPart{}}

// partsOf returns the parts of the workbook body, in the order of its zip
// directory, unpacking it the first time.
func partsOf(t testing.TB, body []byte) []zipPart {
	t.Helper()
	unzipped.Lock()
	parts, ok := unzipped.m[string(body)]
	unzipped.Unlock()
	if ok {
		return parts
	}
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, zipPart{f.Name, b[:len(b):len(b)]})
	}
	unzipped.Lock()
	unzipped.m[string(body)] = parts
	unzipped.Unlock()
	return parts
}

// rezip returns the workbook body with each part passed through edit,
// each part stored.
func rezip(t testing.TB, body []byte, edit func(name string, b []byte) []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	out.Grow(len(body) * 8)
	zw := zip.NewWriter(&out)
	for _, p := range partsOf(t, body) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(edit(p.name, p.data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// editPart returns an edit of one part.
func editPart(part string, edit func([]byte) []byte) func(string, []byte) []byte {
	return func(name string, b []byte) []byte {
		if name == part {
			return edit(bytes.Clone(b))
		}
		return b
	}
}

func partOf(t testing.TB, body []byte, part string) []byte {
	t.Helper()
	for _, p := range partsOf(t, body) {
		if p.name == part {
			return p.data
		}
	}
	t.Fatalf("no part %s", part)
	return nil
}

// readTracker reads a data folder holding only the workbook body, as June
// 2023.
func readTracker(t testing.TB, body []byte) (record.Data, quality.Report) {
	t.Helper()
	fsys := fstest.MapFS{"2023-06/t.xlsx": &fstest.MapFile{Data: body, Mode: 0o644}}
	d, rep, err := Read(fsys, Options{Name: "data"})
	if err != nil {
		t.Fatal(err)
	}
	return d, rep
}

func sheetReport(rep quality.Report, sheet string) (quality.SheetReport, bool) {
	for _, s := range rep.Sheets {
		if s.Sheet == sheet {
			return s, true
		}
	}
	return quality.SheetReport{}, false
}

func readRowsOf(s quality.SheetReport) int { return s.Used + s.Blank + s.Notes + s.Rejected }

// atRow returns an edit that changes the part at the first match of re
// after row n's start tag.
func atRow(n int, re string, repl string) func([]byte) []byte {
	return func(b []byte) []byte {
		start := bytes.Index(b, []byte(`<row r="`+strconv.Itoa(n)+`"`))
		loc := regexp.MustCompile(re).FindIndex(b[start:])
		return append(append(append([]byte{}, b[:start+loc[0]]...), repl...), b[start+loc[1]:]...)
	}
}

// bothPaths runs f with the fast row path and with excelize's iterator.
func bothPaths(t *testing.T, f func(t *testing.T)) {
	for _, path := range []string{"fast", "excelize"} {
		t.Run(path, func(t *testing.T) {
			saved := rowsPath
			rowsPath = path
			defer func() { rowsPath = saved }()
			f(t)
		})
	}
}

// TestDamagedSheetXMLIsAnError is issue 17's finding 1: a fault in a
// sheet's XML at row 30 used to end the sheet there with no error (26 of
// 127 rows, exit 0). It must be an error naming the row reached, the rows
// after it counted as unread, and none of them read.
func TestDamagedSheetXMLIsAnError(t *testing.T) {
	body := juneTracker(t)
	_, clean := readTracker(t, body)
	want, ok := sheetReport(clean, juneSheet)
	if !ok || clean.Errors() > 0 || want.Rows != 127 {
		t.Fatalf("the clean tracker: %d errors, sheet %+v", clean.Errors(), want)
	}
	cases := []struct {
		name  string
		edit  func([]byte) []byte
		says  string // in the error
		after bool   // the fault is after the rows: all rows read
		cut   bool   // the part is cut short: the rows after the fault are not known
	}{
		{"unescaped &", atRow(30, `<v>`, `<v>&`), "damaged after row 29", false, false},
		{"unescaped <", atRow(30, `<v>`, `<v><`), "damaged after row 29", false, false},
		{"invalid UTF-8", atRow(30, `<v>`, "<v>\xff"), "damaged after row 29", false, false},
		{"control character", atRow(30, `<v>`, "<v>\x01"), "damaged after row 29", false, false},
		{"mismatched tag", atRow(30, `</v>`, `</w>`), "damaged after row 29", false, false},
		{"truncated", func(b []byte) []byte { return atRow(30, `</c>`, "")(b)[:bytes.Index(b, []byte(`<row r="30"`))+60] }, "damaged after row 29", false, true},
		{"bad character reference", atRow(30, `<v>`, "<v>&#1;"), "damaged after row 29", false, false},
		{"before the rows", func(b []byte) []byte { return bytes.Replace(b, []byte("<cols>"), []byte("<cols>&"), 1) }, "damaged before its first row", false, false},
		{"after the rows", func(b []byte) []byte {
			return bytes.Replace(b, []byte("</sheetData>"), []byte("</sheetData><x>\xff</x>"), 1)
		}, "damaged after its last row, row 131", true, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bothPaths(t, func(t *testing.T) {
				d, rep := readTracker(t, rezip(t, body, editPart(junePart, c.edit)))
				var found *quality.Problem
				for i, p := range rep.Problems {
					if p.Severity == quality.Error && p.Sheet == juneSheet && strings.Contains(p.Message, c.says) {
						found = &rep.Problems[i]
					}
				}
				if found == nil {
					t.Fatalf("no error saying %q; problems: %v", c.says, rep.Problems)
				}
				if !strings.Contains(found.String(), "2023-06/t.xlsx › Action Plan: the sheet's XML is damaged") {
					t.Errorf("the error does not name the file and sheet: %s", found)
				}
				sr, ok := sheetReport(rep, juneSheet)
				if !ok {
					// Its rows were never read: they stop the papers,
					// even going on past errors.
					if found.Effect != quality.RowsNotRead {
						t.Errorf("sheet not in the report, and the error's effect is %q", found.Effect)
					}
					return
				}
				if sr.Rows != want.Rows && !c.cut {
					t.Errorf("the report says %d rows; the sheet has %d", sr.Rows, want.Rows)
				}
				if c.after {
					if sr.Unread != 0 || readRowsOf(sr) != sr.Rows {
						t.Errorf("a fault after the rows lost rows: %+v", sr)
					}
					return
				}
				if found.Effect != quality.RowsNotRead {
					t.Errorf("effect %q, want %q", found.Effect, quality.RowsNotRead)
				}
				if readRowsOf(sr) >= sr.Rows || sr.Unread != sr.Rows-readRowsOf(sr) {
					t.Errorf("the accounting balances with rows missing: %+v", sr)
				}
				for _, p := range d.Periods {
					for _, a := range p.Actions {
						if a.Loc.Row >= 30 {
							t.Errorf("row %d read after the fault: %s", a.Loc.Row, a.Ref)
						}
					}
				}
			})
		})
	}
}

// TestDamagedSharedStringsAndWorkbookAreErrors: the other parts read.
func TestDamagedSharedStringsAndWorkbookAreErrors(t *testing.T) {
	body := juneTracker(t)
	cases := []struct{ part, says string }{
		{"xl/sharedStrings.xml", "shared strings (xl/sharedStrings.xml) are damaged"},
		{"xl/workbook.xml", "XML syntax error"},
	}
	for _, c := range cases {
		t.Run(c.part, func(t *testing.T) {
			bothPaths(t, func(t *testing.T) {
				bad := rezip(t, body, editPart(c.part, func(b []byte) []byte {
					i := bytes.LastIndex(b, []byte("<t>Yes</t>"))
					if i < 0 {
						i = bytes.Index(b, []byte("<sheets>"))
					}
					return append(append(b[:i+3:i+3], "\xff"...), b[i+3:]...)
				}))
				_, rep := readTracker(t, bad)
				for _, p := range rep.Problems {
					if p.Severity == quality.Error && p.File == "2023-06/t.xlsx" && strings.Contains(p.Message, c.says) {
						return
					}
				}
				t.Fatalf("no error saying %q: %v", c.says, rep.Problems)
			})
		})
	}
}

// partLastRow is the number of the last row element of a sheet part, read
// with a regular expression (rows in order, as the samples write them).
func partLastRow(t testing.TB, part []byte) int {
	m := regexp.MustCompile(`<row r="(\d+)"`).FindAllSubmatch(part, -1)
	if len(m) == 0 {
		return 0
	}
	n, _ := strconv.Atoi(string(m[len(m)-1][1]))
	return n
}

// TestRowAccountingReachesThePartsLastRow checks every sheet read from the
// sample data against its own part: the rows accounted for run from the
// header to the last row the file holds. If a reader ended a sheet early,
// this fails even if the sheet's own numbers add up.
func TestRowAccountingReachesThePartsLastRow(t *testing.T) {
	bothPaths(t, func(t *testing.T) {
		_, rep, err := ReadFolder("../../sample-data", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Sheets) < 10 {
			t.Fatalf("only %d sheets read", len(rep.Sheets))
		}
		for _, s := range rep.Sheets {
			if s.Rows != readRowsOf(s)+s.Unread || s.Unread != 0 {
				t.Errorf("%s › %s: %d rows, %d used, %d blank, %d notes, %d excluded, %d unread", s.File, s.Sheet, s.Rows, s.Used, s.Blank, s.Notes, s.Rejected, s.Unread)
			}
			body, err := os.ReadFile("../../sample-data/" + s.File)
			if err != nil {
				t.Fatal(err)
			}
			wb, err := excelize.OpenReader(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			path, _ := sheetXMLPath(wb, s.Sheet)
			wb.Close()
			last := partLastRow(t, partOf(t, body, path))
			if got := s.HeaderRows[len(s.HeaderRows)-1] + s.Rows; got != last {
				t.Errorf("%s › %s: header at %v and %d rows reach row %d; the sheet's last row is %d", s.File, s.Sheet, s.HeaderRows, s.Rows, got, last)
			}
		}
	})
}

// TestIteratorStoppingShortIsAnError: rows the iterator does not reach,
// in a part that holds them, are an error and counted as unread.
func TestIteratorStoppingShortIsAnError(t *testing.T) {
	t.Parallel()
	rows := fuzzRows("Ref|Action|RAG\nA1|Do it|Green\nA2|Do that|Amber")
	if _, _, err := readRowsForTestPart(rows, partRows{known: true, last: 3}); err != nil {
		t.Fatalf("every row read: %v", err)
	}
	_, rep, err := readRowsForTestPart(rows, partRows{known: true, last: 10})
	if err == nil || !strings.Contains(err.Error(), "only rows 1 to 3 of the sheet's 10") {
		t.Fatalf("err = %v", err)
	}
	if len(rep.Sheets) != 1 || rep.Sheets[0].Unread != 7 || rep.Sheets[0].Rows != 9 {
		t.Fatalf("report %+v", rep.Sheets)
	}
}

// TestDamagedConfidentialFlag is issue 17's finding 2: a Confidential
// flag cell damaged ("Yes" and a stray byte) never leaves its action kept
// without its flag, and the run fails.
func TestDamagedConfidentialFlag(t *testing.T) {
	body := juneTracker(t)
	d0, _ := readTracker(t, body)
	refs := map[int]string{}
	for _, a := range d0.Periods[len(d0.Periods)-1].Actions {
		for _, r := range juneConfidentialRows {
			if a.Loc.Row == r {
				if !a.Confidential {
					t.Fatalf("row %d is not confidential in the sample", r)
				}
				refs[r] = a.Ref
			}
		}
	}
	if len(refs) != len(juneConfidentialRows) {
		t.Fatalf("confidential rows found: %v", refs)
	}
	inline := func(text string) func([]byte) []byte {
		return atRow(19, `<c r="O19"[^>]*><v>101</v></c>`, `<c r="O19" t="inlineStr"><is><t>`+text+`</t></is></c>`)
	}
	cases := map[string]struct {
		part string
		edit func([]byte) []byte
	}{
		"invalid UTF-8":          {junePart, inline("Yes\xff")},
		"control character":      {junePart, inline("Yes\x01")},
		"character reference":    {junePart, inline("Yes&#1;")},
		"unescaped &":            {junePart, inline("Yes&")},
		"stray letter":           {junePart, inline("Yesx")},
		"stray punctuation":      {junePart, inline("Yes?")},
		"zero-width space":       {junePart, inline("Yes\u200b")},
		"shared string missing":  {junePart, atRow(19, `<v>101</v>`, `<v>9999</v>`)},
		"damaged shared string":  {"xl/sharedStrings.xml", func(b []byte) []byte { return bytes.Replace(b, []byte("<t>Yes</t>"), []byte("<t>Yes\xff</t>"), 1) }},
		"shared string text bad": {"xl/sharedStrings.xml", func(b []byte) []byte { return bytes.Replace(b, []byte("<t>Yes</t>"), []byte("<t>Yes\x7f\x01</t>"), 1) }},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			bothPaths(t, func(t *testing.T) {
				d, rep := readTracker(t, rezip(t, body, editPart(c.part, c.edit)))
				kept := false
				for _, p := range d.Periods {
					for _, a := range p.Actions {
						if a.Loc.Row == 19 {
							kept = true
							if !a.Confidential {
								t.Errorf("action %s kept without its Confidential flag", a.Ref)
							}
						}
					}
				}
				if !kept && rep.Errors() == 0 {
					t.Errorf("the action was dropped with no error")
				}
				for _, p := range rep.Problems {
					if p.Cell != "" && strings.HasSuffix(p.Cell, "19") && !p.Withheld {
						t.Errorf("a problem of the confidential row quotes it: %s", p)
					}
				}
			})
		})
	}
}

// TestRowsAndCellsOutOfOrderAreErrors: a row numbered at or before the one
// above it, or a cell at or before the one before it in its row, is
// well-formed XML that excelize reads into the wrong row or column: a row
// went blank (124 of 125 actions, exit 0), and a repeated Confidential
// cell ("No" before "Yes") printed a confidential action in full. Each
// must be an error, and no row read from the fault on.
func TestRowsAndCellsOutOfOrderAreErrors(t *testing.T) {
	body := juneTracker(t)
	cases := []struct {
		name string
		edit func([]byte) []byte
		from int // the first row not read
	}{
		{"row repeated", atRow(20, `^<row r="20"`, `<row r="19"`), 20},
		{"row before the one above", atRow(60, `^<row r="60"`, `<row r="10"`), 60},
		{"cell repeated", atRow(19, `<c r="O19"`, `<c r="O19" t="inlineStr"><is><t>No</t></is></c><c r="O19"`), 19},
		{"cell before the one before it", atRow(19, `<c r="B19"`, `<c r="O19" t="inlineStr"><is><t>No</t></is></c><c r="B19"`), 19},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bothPaths(t, func(t *testing.T) {
				d, rep := readTracker(t, rezip(t, body, editPart(junePart, c.edit)))
				found := false
				for _, p := range rep.Problems {
					if p.Severity == quality.Error && p.Sheet == juneSheet && strings.Contains(p.Message, "out of order or repeated") {
						found = true
					}
				}
				if !found {
					t.Errorf("no error saying rows or cells are out of order (%d errors)", rep.Errors())
				}
				if sr, ok := sheetReport(rep, juneSheet); ok && sr.Unread == 0 {
					t.Errorf("no rows counted unread: %d rows, %d used, %d blank, %d excluded", sr.Rows, sr.Used, sr.Blank, sr.Rejected)
				}
				for _, p := range d.Periods {
					for _, a := range p.Actions {
						if a.Loc.Row >= c.from {
							t.Errorf("row %d read after the fault: %s (confidential %v)", a.Loc.Row, a.Ref, a.Confidential)
						}
					}
				}
			})
		})
	}
}

// TestSheetDamagedBeforeItsHeaderStopsThePapers: a fault above a sheet's
// header row leaves its kind unknown and every row unread. It was an error
// whose effect was "Sheet not read", which --keep-going passes over: the
// papers were made without the caseload section (194 rows never read, exit
// 0). Its rows are unread like those of a sheet damaged below its header,
// and the effect must say so; only a sheet that was read is seen by the
// papers' accounting, so the effect is what stops them.
func TestSheetDamagedBeforeItsHeaderStopsThePapers(t *testing.T) {
	body := juneTracker(t)
	bothPaths(t, func(t *testing.T) {
		// Row 2 is the "Data as at" line above the header at row 4.
		_, rep := readTracker(t, rezip(t, body, editPart(junePart, atRow(2, `<v>`, `<v>&`))))
		found := false
		for _, p := range rep.Problems {
			if p.Severity == quality.Error && p.Sheet == juneSheet {
				found = true
				if p.Effect != quality.RowsNotRead {
					t.Errorf("effect %q, want %q: %s", p.Effect, quality.RowsNotRead, p)
				}
			}
		}
		if !found {
			t.Fatalf("no error for the sheet: %v", rep.Problems)
		}
	})
}
