package xlsx

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/xuri/excelize/v2"

	"github.com/boardpack/boardpack/internal/corpus"
	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/internal/record"
	"github.com/boardpack/boardpack/internal/vocab"
)

// The light open (lightopen.go) must read every workbook exactly as
// opening it with excelize does: the same records, the same report (every
// problem, warning and skipped sheet, word for word), the same error. The
// tests below read each workbook they can find both ways and compare.

// readBothOpens reads fsys with the light open and with excelize's, and
// reports the first difference. It returns how many workbooks the first
// read opened with the light open (the others went to excelize, as a
// damaged one does); the second must open none that way.
func readBothOpens(t testing.TB, name string, fsys fs.FS, opt Options) (lightOpens int) {
	t.Helper()
	type result struct {
		data  record.Data
		rep   quality.Report
		err   string
		trace *readTrace
	}
	read := func(with string) (r result) {
		r.trace = &readTrace{}
		opt.open, opt.trace = with, r.trace
		d, rep, err := Read(fsys, opt)
		r.data, r.rep = d, rep
		if err != nil {
			r.err = err.Error()
		}
		return r
	}
	light, xl := read("light"), read("excelize")
	if n := xl.trace.n["open light"]; n > 0 {
		t.Errorf("%s: the read with excelize's open opened %d workbooks with the light open", name, n)
	}
	if light.err != xl.err {
		t.Errorf("%s: the light open's error is %q, excelize's %q", name, light.err, xl.err)
	}
	if !reflect.DeepEqual(light.rep, xl.rep) {
		t.Errorf("%s: the reports differ:\nlight:    %s\nexcelize: %s", name, firstDiff(light.rep, xl.rep), firstDiff(xl.rep, light.rep))
	}
	if !reflect.DeepEqual(light.data, xl.data) {
		t.Errorf("%s: the records differ:\nlight:    %s\nexcelize: %s", name, firstDiff(light.data, xl.data), firstDiff(xl.data, light.data))
	}
	return light.trace.n["open light"]
}

// firstDiff shows a around the first place its printed form differs from
// b's.
func firstDiff(a, b any) string {
	sa, sb := fmt.Sprintf("%+v", a), fmt.Sprintf("%+v", b)
	i := 0
	for i < len(sa) && i < len(sb) && sa[i] == sb[i] {
		i++
	}
	from, to := max(0, i-120), min(len(sa), i+200)
	return "…" + sa[from:to] + "…"
}

// oneBook is a data folder holding only the workbook body.
func oneBook(name string, body []byte) fs.FS {
	return fstest.MapFS{name: &fstest.MapFile{Data: body, Mode: 0o644}}
}

var corpusOpt = Options{Until: record.Month{Year: 2024, Month: 6}}

// TestLightOpenOnSampleData reads the sample data folder both ways, and
// checks that the light open is what reads every sample workbook, without
// ever opening excelize: were it to stop applying (an excelize upgrade, a
// change to the sample data), the papers would be as right and slower,
// and nothing else would fail.
func TestLightOpenOnSampleData(t *testing.T) {
	t.Parallel()
	n := readBothOpens(t, "sample-data", os.DirFS("../../sample-data"), Options{Name: "sample-data"})
	paths := xlsxUnder(t, "../../sample-data")
	if len(paths) == 0 {
		t.Fatal("no sample workbooks")
	}
	if n != len(paths) {
		t.Errorf("the read with the light open opened %d of the %d sample workbooks with it", n, len(paths))
	}
	for _, p := range paths {
		fsys, name := os.DirFS(filepath.Dir(p)), filepath.Base(p)
		b, err := openFile(fsys, name, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if b.wb.light == nil {
			t.Errorf("%s: not opened with the light open", p)
			b.wb.close()
			continue
		}
		var f folder
		f.kinds, f.near, f.nearProblems = map[Kind]string{}, map[Kind]quality.Missing{}, map[Kind][]int{}
		var rep quality.Report
		readBook(b, fsys, name, name, Options{Words: vocab.Standard(), Headers: map[string]string{}, cache: &readCache{}}, &f, &rep)
		if b.wb.opened() {
			t.Errorf("%s: excelize was opened to read it (%d problems: %v)", p, len(rep.Problems), rep.Problems)
		}
		if len(rep.Sheets) == 0 {
			t.Errorf("%s: no sheet read", p)
		}
	}
}

// TestLightOpenOnCorpus reads every workbook of the shared corpus on its
// own, both ways. Odd writers, 1904 dates, no styles, encrypted files,
// Windows path separators and UTF-16 parts are there.
func TestLightOpenOnCorpus(t *testing.T) {
	t.Parallel()
	dir := corpus.Dir(t, "xlsx")
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.EqualFold(filepath.Ext(p), ".xlsx") || strings.EqualFold(filepath.Ext(p), ".xlsm")) {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 40 {
		t.Fatalf("%d workbooks in the corpus, want the 50 or so its manifest lists", len(files))
	}
	var light, fast, sheets atomic.Int64
	t.Run("workbooks", func(t *testing.T) {
		for _, p := range files {
			name := filepath.Base(p)
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				body, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				light.Add(int64(readBothOpens(t, name, oneBook(name, body), corpusOpt)))
				// The fast row path on the same sheets, against excelize's
				// iterator, for the workbooks excelize opens.
				if xl, err := excelize.OpenReader(bytes.NewReader(body), excelize.Options{RawCellValue: true}); err == nil {
					sheets.Add(int64(len(xl.GetSheetList())))
					fast.Add(int64(compareSheets(t, name, openedFirst(xl, openBytes(t, body)))))
				}
			})
		}
	})
	t.Logf("%d of %d corpus workbooks opened with the light open; %d of their %d sheets read by the fast row path", light.Load(), len(files), fast.Load(), sheets.Load())
	// Each comparison is of two ways only where the light open and the
	// fast path take the workbook or sheet; were they to stop applying to
	// the corpus, it would compare excelize with itself. Most are taken
	// today.
	if n := light.Load(); n*2 < int64(len(files)) {
		t.Errorf("only %d of %d corpus workbooks opened with the light open: the rest compared excelize's open with itself", n, len(files))
	}
	if n, of := fast.Load(), sheets.Load(); n*2 < of {
		t.Errorf("only %d of the %d sheets of the corpus workbooks excelize opens read by the fast row path: the rest compared excelize's iterator with itself", n, of)
	}
}

// openedFirst returns an opener whose first call gives xl, a workbook just
// opened and not yet read, and each later call what open gives.
func openedFirst(xl *excelize.File, open func() *excelize.File) func() *excelize.File {
	return func() *excelize.File {
		if first := xl; first != nil {
			xl = nil
			return first
		}
		return open()
	}
}

// Sample workbooks the damage tests start from: the June tracker (shared
// strings, a hidden-free two-sheet book) and the KPI scorecard (dates and
// percentage formats).
const kpiBookPath = "../../sample-data/2023-06/KPI scorecard June 2023.xlsx"

func sampleBook(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// metaParts are the parts the light open reads for itself.
var metaParts = []string{"_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/theme/theme1.xml", "[Content_Types].xml", "docProps/app.xml", "xl/sharedStrings.xml"}

// TestLightOpenEdits makes the edits a real workbook could have, each of
// which the light open must read as excelize does: the 1904 date system,
// hidden sheets, percentage and other number formats, styles excelize
// fails on, values excelize cannot convert.
func TestLightOpenEdits(t *testing.T) {
	t.Parallel()
	kpi, june := sampleBook(t, kpiBookPath), juneTracker(t)
	re := func(part, from, to string) func(string, []byte) []byte {
		return editPart(part, func(b []byte) []byte { return regexp.MustCompile(from).ReplaceAll(b, []byte(to)) })
	}
	// light says the light open must read the edited workbook itself, so
	// that the comparison tests it; the others it must leave to excelize.
	cases := []struct {
		name  string
		body  []byte
		edit  func(string, []byte) []byte
		light bool
	}{
		{"date1904", kpi, re("xl/workbook.xml", `<workbookPr`, `<workbookPr date1904="1"`), true},
		{"date1904 true", june, re("xl/workbook.xml", `<workbookPr`, `<workbookPr date1904="true"`), true},
		{"date1904 twice", kpi, re("xl/workbook.xml", `<workbookPr`, `<workbookPr date1904="1" x:date1904="0"`), true},
		{"date1904 bad", kpi, re("xl/workbook.xml", `<workbookPr`, `<workbookPr date1904="yes"`), false},
		{"hidden", june, re("xl/workbook.xml", `(<sheet [^>]*name="Action Plan")`, `$1 state="hidden"`), true},
		{"very hidden", kpi, re("xl/workbook.xml", `(<sheet )`, `${1}state="veryHidden" `), true},
		{"visible", kpi, re("xl/workbook.xml", `(<sheet )`, `${1}state="visible" `), true},
		{"bad sheet name", kpi, re("xl/workbook.xml", `(<sheet [^>]*name=")`, `${1}Q:`), true},
		{"percent built in", kpi, re("xl/styles.xml", `numFmtId="[0-9]+"`, `numFmtId="10"`), true},
		{"no percent", kpi, re("xl/styles.xml", `numFmtId="(9|10)"`, `numFmtId="2"`), true},
		{"custom percent", kpi, re("xl/styles.xml", `formatCode="[^"]*"`, `formatCode="0.0%"`), true},
		{"lang format", kpi, re("xl/styles.xml", `numFmtId="[0-9]+"`, `numFmtId="30"`), true},
		{"no numFmtId", kpi, re("xl/styles.xml", `(<xf [^>]*)numFmtId="[0-9]+"`, `$1`), true},
		{"negative fill", kpi, re("xl/styles.xml", `fillId="[0-9]+"`, `fillId="-1"`), true},
		{"negative font", kpi, re("xl/styles.xml", `fontId="[0-9]+"`, `fontId="-2"`), true},
		{"fill not applied", kpi, re("xl/styles.xml", `fillId="[0-9]+"`, `fillId="-1" applyFill="0"`), true},
		{"tint", kpi, re("xl/styles.xml", `(<fgColor )`, `${1}tint="0.5" `), true},
		{"bad int", kpi, re("xl/styles.xml", `numFmtId="([0-9]+)"`, `numFmtId="x$1"`), false},
		{"spaced int", kpi, re("xl/styles.xml", `numFmtId="([0-9]+)"`, `numFmtId=" $1 "`), true},
		{"bad bool", kpi, re("xl/styles.xml", `(<xf )`, `${1}applyFill="maybe" `), false},
		{"no cellXfs", kpi, re("xl/styles.xml", `cellXfs`, `cellXfz`), true},
		{"no styles", kpi, func(name string, b []byte) []byte {
			if name == "xl/styles.xml" {
				return nil
			}
			return b
		}, false},
		{"bad theme", kpi, re("xl/theme/theme1.xml", `</a:theme>`, `</a:themes>`), false},
		{"theme int", kpi, re("xl/theme/theme1.xml", `(<a:latin )`, `${1}pitchFamily="x" `), true},
		{"bad rels", june, re("xl/_rels/workbook.xml.rels", `Target="worksheets/sheet2.xml"`, `Target="worksheets/sheet9.xml"`), true},
		{"absolute target", june, re("xl/_rels/workbook.xml.rels", `Target="worksheets/`, `Target="/xl/worksheets/`), true},
		{"bad root rels", june, re("_rels/.rels", `Target="xl/workbook.xml"`, `Target="xl/book.xml"`), false},
		{"unbound r", june, re("xl/workbook.xml", `xmlns:r="[^"]*"`, ``), false},
		{"plain id", june, re("xl/workbook.xml", `r:id=`, `id=`), false},
		{"workbook root", june, re("xl/workbook.xml", `<workbook `, `<workbook xmlns:q="q" `), true},
	}
	for _, c := range cases {
		body := rezip(t, c.body, c.edit)
		readBothOpens(t, c.name, oneBook("2023-06.xlsx", body), corpusOpt)
		light := false
		if b, err := openFile(oneBook("x.xlsx", body), "x.xlsx", Options{}); err == nil {
			light = b.wb.light != nil
			b.wb.close()
		}
		if light != c.light {
			t.Errorf("%s: opened with the light open %t, want %t", c.name, light, c.light)
		}
	}
}

// valueMutant replaces an attribute value of b with one encoding/xml may
// or may not convert.
func valueMutant(rng *rand.Rand, b []byte) []byte {
	var at []int
	for i := 0; i+1 < len(b); i++ {
		if b[i] == '=' && b[i+1] == '"' {
			at = append(at, i+2)
		}
	}
	if len(at) == 0 {
		return b
	}
	start := at[rng.IntN(len(at))]
	end := bytes.IndexByte(b[start:], '"')
	if end < 0 {
		return b
	}
	v := []string{"", " 1", "-1", "x", "1e400", "99999999999999999999", "true", "2", "0.5", "-0.5", "0", "hidden", "&amp;"}[rng.IntN(13)]
	return append(append(append([]byte{}, b[:start]...), v...), b[start+end:]...)
}

// TestLightOpenOnDamagedParts damages the parts the light open reads for
// itself, at random, as the mutation test damages a sheet (bytes flipped,
// & < > and broken UTF-8 inserted, parts cut short, tags renamed, bytes
// deleted), and changes attribute values: each damaged workbook must read
// the same both ways: 15 per part by default, for a quick go test ./...;
// BOARDPACK_MUTATIONS=N makes N/8 per part (scripts/test.sh, which CI
// runs, asks for 320: 40 per part).
func TestLightOpenOnDamagedParts(t *testing.T) {
	t.Parallel()
	n, set := mutations(t, 15)
	if set {
		n = max(1, n/8)
	}
	// Each part's mutants are made in order from a seed of its own (so a
	// quick run's are the first of CI's), then read in a subtest of its
	// own, the parts side by side.
	for _, src := range []struct{ name, path string }{{"kpi", kpiBookPath}, {"june", juneTrackerPath}} {
		body := sampleBook(t, src.path)
		for _, part := range metaParts {
			seed := fnv.New64a()
			seed.Write([]byte(src.name + " " + part))
			rng := rand.New(rand.NewPCG(16, seed.Sum64()))
			orig := partOf(t, body, part)
			mutants, kinds := make([][]byte, n), make([]string, n)
			for i := range n {
				kinds[i] = "value"
				if i%3 == 0 {
					mutants[i] = valueMutant(rng, orig)
				} else {
					mutants[i], _, kinds[i] = mutate(rng, orig)
				}
			}
			t.Run(src.name+" "+part, func(t *testing.T) {
				t.Parallel()
				for i, m := range mutants {
					mutant := rezip(t, body, editPart(part, func([]byte) []byte { return m }))
					readBothOpens(t, fmt.Sprintf("%s %s %s #%d", src.name, part, kinds[i], i), oneBook("2023-06.xlsx", mutant), corpusOpt)
				}
			})
		}
	}
}

// FuzzOpenParts replaces one of the parts the light open reads for itself
// in the KPI scorecard with the fuzzer's bytes: the workbook must read the
// same with the light open and with excelize's.
//
//	go test ./internal/xlsx -run '^$' -fuzz FuzzOpenParts -fuzztime 3m -fuzzminimizetime 2s
func FuzzOpenParts(f *testing.F) {
	kpi := sampleBook(f, kpiBookPath)
	for i, part := range metaParts {
		f.Add(uint8(i), partOf(f, kpi, part))
	}
	f.Add(uint8(1), []byte(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904=" true"/><sheets><sheet name="KPIs" sheetId="1" state="hidden" r:id="rId1"/></sheets></workbook>`))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		part := metaParts[int(which)%len(metaParts)]
		body := rezip(t, kpi, editPart(part, func([]byte) []byte { return data }))
		readBothOpens(t, part, oneBook("2023-06.xlsx", body), corpusOpt)
	})
}

// TestPrefetchLeavesDamagedSharedStrings: the prefetcher parses the
// shared strings ahead only when the table is whole. One cut short was
// taken as it stood, and a sheet read through it named cells "referring to
// a shared string the workbook does not have" instead of saying the
// shared strings are damaged; which of the two the user saw depended on
// whether the prefetcher or the reader opened the workbook first.
func TestPrefetchLeavesDamagedSharedStrings(t *testing.T) {
	t.Parallel()
	june := juneTracker(t)
	cut := rezip(t, june, editPart(sstPath, func(b []byte) []byte {
		at := bytes.Index(b[len(b)/2:], []byte("</si>")) + len(b)/2 + len("</si>")
		return b[:at] // whole items, and no end to the table
	}))
	b, err := openFile(oneBook("t.xlsx", cut), "t.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.wb.close()
	prepareSST(b)
	used := 0
	for sheet, ps := range b.sheets {
		if ps.ok && ps.usesSST {
			used++
			if ps.sst != nil {
				t.Errorf("%s: the prefetcher kept %d strings of a shared-string table cut short", sheet, len(ps.sst))
			}
		}
	}
	if used == 0 {
		t.Fatal("no sheet of the June tracker uses the shared strings on the fast path")
	}
}
