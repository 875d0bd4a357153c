package main

import (
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/boardpack/boardpack/internal/benchdata"
	"github.com/boardpack/boardpack/internal/lockfile"
	"github.com/boardpack/boardpack/internal/pdf"
	"github.com/boardpack/boardpack/internal/pipeline"
	"github.com/boardpack/boardpack/reports"
)

const sampleData = "../../sample-data"

var papers = []string{"cabinet-2023-06.pdf", "scrutiny-2023-06.pdf", "improvement-board-2023-06.pdf", "appendix-2023-06.pdf"}

// tool returns the path of an external program the tests need. CI installs
// them (scripts/test.sh); a missing tool fails the test rather than
// skipping it.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not installed: run scripts/test.sh, which installs qpdf and poppler-utils", name)
	}
	return p
}

func generate(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := Run(context.Background(), processEnv(), append([]string{"generate"}, args...), &stdout, &stderr)
	return stderr.String(), err
}

// shared is one generate of the sample data (the four papers, as
// generate --data sample-data writes them), made for the first test that
// asks and read by the others, with each paper's text extracted once. The
// tests only read its folder; TestMain removes it once the tests return
// (a run killed by its timeout leaves it in the temporary folder).
var shared struct {
	once  sync.Once
	dir   string
	err   error
	mu    sync.Mutex
	texts map[string]string // by path
}

// sampleOut is the folder of the shared generate of the sample data.
func sampleOut(t *testing.T) string {
	t.Helper()
	shared.once.Do(func() {
		dir, err := os.MkdirTemp("", "boardpack-sample")
		if err != nil {
			shared.err = err
			return
		}
		shared.mu.Lock()
		shared.dir = dir
		shared.mu.Unlock()
		if logs, err := generate(t, "--data", sampleData, "--out", dir, "--quiet"); err != nil {
			shared.err = fmt.Errorf("generate of the sample data: %w\n%s", err, logs)
		}
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.dir
}

// pdfText extracts a PDF's text with whitespace folded, so a phrase broken
// across lines still matches. The shared sample papers' texts are
// extracted once.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	shared.mu.Lock()
	inShared := shared.dir != "" && filepath.Dir(path) == shared.dir
	txt, ok := shared.texts[path]
	shared.mu.Unlock()
	if ok {
		return txt
	}
	out, err := exec.Command(tool(t, "pdftotext"), "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	txt = strings.Join(strings.Fields(string(out)), " ")
	if inShared {
		shared.mu.Lock()
		if shared.texts == nil {
			shared.texts = map[string]string{}
		}
		shared.texts[path] = txt
		shared.mu.Unlock()
	}
	return txt
}

// checkPDF runs qpdf --check, which exits non-zero on a damaged PDF.
func checkPDF(t *testing.T, path string) {
	t.Helper()
	out, err := exec.Command(tool(t, "qpdf"), "--check", path).CombinedOutput()
	if err != nil {
		t.Errorf("qpdf --check %s: %v\n%s", filepath.Base(path), err, out)
	}
}

// expected are the headline figures, computed here straight from the June
// workbooks with excelize, independently of boardpack's reader and measures.
type expected struct {
	total, complete, overdue int
	avgCaseload              float64
	agencyRate, vacancyRate  float64 // DfE definitions, percent to one decimal place
}

func cellText(f *excelize.File, sheet string, col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	v, _ := f.GetCellValue(sheet, name, excelize.Options{RawCellValue: true})
	return strings.TrimSpace(v)
}

// findHeader returns the row and the column of each header text on sheet.
func findHeader(t *testing.T, f *excelize.File, sheet string, names ...string) (int, map[string]int) {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		cols := map[string]int{}
		for c, v := range row {
			cols[strings.TrimSpace(v)] = c + 1
		}
		ok := true
		for _, n := range names {
			if _, found := cols[n]; !found {
				ok = false
			}
		}
		if ok {
			return r + 1, cols
		}
	}
	t.Fatalf("no header %v on %s", names, sheet)
	return 0, nil
}

func openOne(t *testing.T, glob string) *excelize.File {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(sampleData, "2023-06", glob))
	if err != nil || len(m) != 1 {
		t.Fatalf("want one %s in sample-data/2023-06, got %v", glob, m)
	}
	f, err := excelize.OpenFile(m[0])
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func independentFigures(t *testing.T) expected {
	var e expected
	periodEnd := time.Date(2023, 6, 30, 0, 0, 0, 0, time.UTC)
	f := openOne(t, "Improvement Plan Tracker*.xlsx")
	sheet := "Action Plan"
	hdr, cols := findHeader(t, f, sheet, "Ref", "Due Date", "Revised Due Date", "Status", "Progress RAG")
	for r := hdr + 1; ; r++ {
		ref := cellText(f, sheet, cols["Ref"], r)
		if ref == "" {
			break
		}
		e.total++
		status := cellText(f, sheet, cols["Status"], r)
		complete := cellText(f, sheet, cols["Progress RAG"], r) == "Blue" || status == "Complete"
		if complete {
			e.complete++
			continue
		}
		due := cellText(f, sheet, cols["Revised Due Date"], r)
		if due == "" {
			due = cellText(f, sheet, cols["Due Date"], r)
		}
		if serial, err := strconv.ParseFloat(due, 64); err == nil && status != "Superseded" {
			d, _ := excelize.ExcelDateToTime(serial, false)
			if d.Before(periodEnd) {
				e.overdue++
			}
		}
	}
	c := openOne(t, "Caseloads*.xlsx")
	hdr, cols = findHeader(t, c, "Caseloads", "Month", "Case-holding FTE", "Children allocated")
	var fte, cases float64
	for r := hdr + 1; ; r++ {
		m := cellText(c, "Caseloads", cols["Month"], r)
		if m == "" {
			break
		}
		serial, _ := strconv.ParseFloat(m, 64)
		d, _ := excelize.ExcelDateToTime(serial, false)
		if d.Year() == 2023 && d.Month() == time.June {
			x, _ := strconv.ParseFloat(cellText(c, "Caseloads", cols["Case-holding FTE"], r), 64)
			y, _ := strconv.ParseFloat(cellText(c, "Caseloads", cols["Children allocated"], r), 64)
			fte, cases = fte+x, cases+y
		}
	}
	e.avgCaseload = math.Round(cases/fte*10) / 10

	w := openOne(t, "Workforce*.xlsx")
	hdr, cols = findHeader(t, w, "Workforce", "Month", "In-post FTE", "Agency FTE", "Vacancies FTE")
	for r := hdr + 1; ; r++ {
		m := cellText(w, "Workforce", cols["Month"], r)
		if m == "" {
			break
		}
		serial, _ := strconv.ParseFloat(m, 64)
		if d, _ := excelize.ExcelDateToTime(serial, false); d.Year() == 2023 && d.Month() == time.June {
			in, _ := strconv.ParseFloat(cellText(w, "Workforce", cols["In-post FTE"], r), 64)
			ag, _ := strconv.ParseFloat(cellText(w, "Workforce", cols["Agency FTE"], r), 64)
			va, _ := strconv.ParseFloat(cellText(w, "Workforce", cols["Vacancies FTE"], r), 64)
			e.agencyRate = math.Round(1000*ag/(ag+in)) / 10
			e.vacancyRate = math.Round(1000*va/(va+in)) / 10
		}
	}
	if e.total < 100 || fte == 0 {
		t.Fatalf("independent count found %d actions and %.1f FTE: is sample-data generated?", e.total, fte)
	}
	return e
}

func TestGenerateSamplePapers(t *testing.T) {
	t.Parallel()
	out := sampleOut(t)
	e := independentFigures(t)
	pct := int(math.Floor(float64(e.complete)*100/float64(e.total) + 0.5))
	avg := strconv.FormatFloat(e.avgCaseload, 'f', 1, 64)
	agency := strconv.FormatFloat(e.agencyRate, 'f', 1, 64) + "%"
	vacancy := strconv.FormatFloat(e.vacancyRate, 'f', 1, 64) + "%"
	want := map[string][]string{
		"cabinet-2023-06.pdf": {
			"Children's Services Improvement Action Plan: progress report", "Purpose", "Recommendation(s)",
			"Alternative options", "Key considerations", "Community impact", "Environmental impact", "Equality duty",
			"Resource implications", "Legal implications", "Risk management", "Consultees", "Appendices",
			"Background papers", "Report reviewers", "Appendix A: Children's Services Improvement Action Plan",
			fmt.Sprintf("The plan holds %d actions", e.total),
			fmt.Sprintf("%d (%d%%) are complete", e.complete, pct),
			fmt.Sprintf("%d actions are overdue", e.overdue),
			"average caseload across case-holding teams was " + avg,
			"the agency rate was " + agency + ", the vacancy rate " + vacancy,
		},
		"scrutiny-2023-06.pdf": {
			"Summary of progress", "Theme: workforce stability and recruitment", "Theme: caseloads against target",
			"Questions the committee may wish to ask", "Forward plan", "Appendix: action-plan exceptions",
			fmt.Sprintf("Of the %d actions in the plan, %d (%d%%) are complete and %d are overdue", e.total, e.complete, pct, e.overdue),
			"the average caseload was " + avg,
			"the agency rate was " + agency + ", the vacancy rate " + vacancy,
		},
		"improvement-board-2023-06.pdf": {
			"Improvement Board highlight report", "Actions complete", "Movement since the last board", "Exceptions",
			"Progress against impact", "Caseloads", "Workforce", "Key performance indicators", "Data quality",
			fmt.Sprintf("%d of %d actions (%d%%) are complete", e.complete, e.total, pct),
			fmt.Sprintf("%d are overdue", e.overdue),
			"the average caseload was " + avg,
			"the agency rate was " + agency + ", the vacancy rate " + vacancy,
			"Agency rate " + agency, "Vacancy rate " + vacancy, // the dashboard tiles
		},
		"appendix-2023-06.pdf": {
			"Appendix A: Children's Services Improvement Action Plan",
			fmt.Sprintf("%d (%d complete, %d overdue)", e.total, e.complete, e.overdue),
		},
	}
	first := map[string][]byte{}
	for _, name := range papers {
		path := filepath.Join(out, name)
		checkPDF(t, path)
		txt := pdfText(t, path)
		for _, w := range want[name] {
			if !strings.Contains(txt, w) {
				t.Errorf("%s: text lacks %q", name, w)
			}
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		first[name] = b
	}

	again := t.TempDir()
	if logs, err := generate(t, "--data", sampleData, "--out", again); err != nil {
		t.Fatalf("second run: %v\n%s", err, logs)
	}
	for _, name := range papers {
		b, err := os.ReadFile(filepath.Join(again, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, first[name]) {
			t.Errorf("%s differs between two runs on the same input", name)
		}
	}
}

func TestFailedRunLeavesPreviousPapersUntouched(t *testing.T) {
	out := t.TempDir()
	previous := filepath.Join(out, "cabinet-2023-06.pdf")
	if err := os.WriteFile(previous, []byte("last month's paper"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := t.TempDir()
	month := filepath.Join(bad, "2023-06")
	if err := os.Mkdir(month, 0o755); err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	for i, row := range [][]any{{"Ref", "Action", "RAG", "Due date"}, {"A1", "Do it", "Green", "31/02/2023"}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("Sheet1", cell, &row)
	}
	if err := f.SaveAs(filepath.Join(month, "tracker.xlsx")); err != nil {
		t.Fatal(err)
	}
	logs, err := generate(t, "--data", bad, "--out", out)
	if exitCode(err, io.Discard) != exitData {
		t.Fatalf("generate on bad data: %v, want exit code %d", err, exitData)
	}
	if !strings.Contains(logs, "tracker.xlsx › Sheet1 › D2") || !strings.Contains(logs, "February 2023 has no day 31") {
		t.Errorf("log does not name the file, sheet and cell:\n%s", logs)
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if e.Name() != "cabinet-2023-06.pdf" && e.Name() != lockfile.Name {
			t.Errorf("a failed run left %s in the output folder", e.Name())
		}
	}
	if b, _ := os.ReadFile(previous); string(b) != "last month's paper" {
		t.Error("the previous paper was changed by a failed run")
	}
}

func TestExitCodes(t *testing.T) {
	cases := []struct {
		args []string
		code int
	}{
		{[]string{"frobnicate"}, exitUsage},
		{[]string{"generate", "--period", "June"}, exitUsage},
		{[]string{"generate", "--report", "minutes"}, exitUsage},
		{[]string{"generate", "--data", "/no/such/folder"}, exitIO},
		{[]string{"validate", "--data", sampleData}, exitOK},
	}
	for _, c := range cases {
		err := Run(context.Background(), processEnv(), c.args, &bytes.Buffer{}, &bytes.Buffer{})
		if got := exitCode(err, &bytes.Buffer{}); got != c.code {
			t.Errorf("%v: exit %d (%v), want %d", c.args, got, err, c.code)
		}
	}
}

// sensitive reads, straight from the June workbooks, the text that must
// not reach an Open paper (confidential actions) and what must reach no
// paper at all (child IDs and worker names from the allocation export).
func sensitive(t *testing.T) (confidential, public [][]string, people []string) {
	f := openOne(t, "Improvement Plan Tracker*.xlsx")
	hdr, cols := findHeader(t, f, "Action Plan", "Ref", "Action", "Progress Update", "Confidential")
	for r := hdr + 1; ; r++ {
		if cellText(f, "Action Plan", cols["Ref"], r) == "" {
			break
		}
		texts := []string{cellText(f, "Action Plan", cols["Action"], r), cellText(f, "Action Plan", cols["Progress Update"], r)}
		words := [][]string{strings.Fields(texts[0]), strings.Fields(texts[1])}
		if cellText(f, "Action Plan", cols["Confidential"], r) == "Yes" {
			confidential = append(confidential, words...)
		} else {
			public = append(public, words...)
		}
	}
	a := openOne(t, "Allocations*.xlsx")
	hdr, cols = findHeader(t, a, "Allocations", "Child ID", "Allocated Worker")
	seen := map[string]bool{}
	for r := hdr + 1; ; r++ {
		id := cellText(a, "Allocations", cols["Child ID"], r)
		if id == "" {
			break
		}
		for _, s := range []string{id, cellText(a, "Allocations", cols["Allocated Worker"], r)} {
			if s != "" && !seen[s] {
				seen[s] = true
				people = append(people, s)
			}
		}
	}
	if len(confidential) == 0 || len(people) < 100 {
		t.Fatalf("sample data has %d confidential texts and %d IDs and names: the test would prove nothing", len(confidential), len(people))
	}
	return confidential, public, people
}

// windows returns every run of n consecutive words.
func windows(words []string, n int) []string {
	var out []string
	for i := 0; i+n <= len(words); i++ {
		out = append(out, strings.Join(words[i:i+n], " "))
	}
	return out
}

// rawPDF returns the PDF uncompressed by qpdf, for searching metadata,
// bookmarks and streams as well as the extracted text.
func rawPDF(t *testing.T, path string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "raw.pdf")
	if b, err := exec.Command(tool(t, "qpdf"), "--qdf", "--object-streams=disable", path, out).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --qdf %s: %v\n%s", path, err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utf16be(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r>>8), byte(r))
	}
	return b
}

// heldIn returns which of ss the PDF bytes raw hold: as text, in UTF-16BE,
// or in UTF-16BE as hex (two lower-case digits a byte), as qpdf writes
// the strings of bookmarks and document information. One pass over raw.
func heldIn(raw []byte, ss []string) map[string]bool {
	as := map[string]string{} // each form searched, to the string it is of
	var needles []string
	for _, s := range ss {
		u := utf16be(s)
		for _, form := range []string{s, string(u), hex.EncodeToString(u)} {
			as[form] = s
			needles = append(needles, form)
		}
	}
	held := map[string]bool{}
	for form := range findAll(raw, needles) {
		held[as[form]] = true
	}
	return held
}

// findAll returns which of needles occur in hay, in one pass over hay
// (bytes.Contains for each of hundreds of names over a megabyte of PDF
// took seconds): candidates are looked up by their first four bytes.
func findAll(hay []byte, needles []string) map[string]bool {
	found := map[string]bool{}
	byPrefix := map[uint32][]string{}
	for _, n := range needles {
		if len(n) < 4 {
			if bytes.Contains(hay, []byte(n)) {
				found[n] = true
			}
			continue
		}
		k := uint32(n[0])<<24 | uint32(n[1])<<16 | uint32(n[2])<<8 | uint32(n[3])
		byPrefix[k] = append(byPrefix[k], n)
	}
	var k uint32
	for i, b := range hay {
		k = k<<8 | uint32(b)
		if i < 3 {
			continue
		}
		for _, n := range byPrefix[k] {
			if bytes.HasPrefix(hay[i-3:], []byte(n)) {
				found[n] = true
			}
		}
	}
	return found
}

// TestConfidentialTextAndPersonalDataStayOut: the Open papers neither
// print nor hold in their bytes (bookmarks, document information,
// metadata) a run of words that would give a confidential action away, nor
// any child ID or worker name; the exempt papers are marked NOT FOR
// PUBLICATION on every page and carry the confidential actions in full.
func TestConfidentialTextAndPersonalDataStayOut(t *testing.T) {
	t.Parallel()
	confidential, public, people := sensitive(t)
	// A run of words gives a confidential action away when it holds a word
	// that no public action uses ("Moorside", "allegations", "RESTRICTED:").
	publicWords := map[string]bool{}
	for _, w := range public {
		for _, x := range w {
			publicWords[strings.ToLower(x)] = true
		}
	}
	telling := func(run string) bool {
		for _, x := range strings.Fields(run) {
			if !publicWords[strings.ToLower(x)] {
				return true
			}
		}
		return false
	}
	var tells []string // runs of four words that would give a confidential action away
	for _, w := range confidential {
		for _, x := range windows(w, 4) {
			if telling(x) {
				tells = append(tells, x)
			}
		}
	}
	if len(tells) == 0 {
		t.Fatal("no confidential action has a telling run of words: the check would check nothing")
	}
	open, exempt := sampleOut(t), t.TempDir()
	if logs, err := generate(t, "--data", sampleData, "--out", exempt, "--quiet", "--classification", "exempt"); err != nil {
		t.Fatalf("%v\n%s", err, logs)
	}
	for _, name := range papers {
		txt := pdfText(t, filepath.Join(open, name))
		raw := rawPDF(t, filepath.Join(open, name))
		// Printed, or held in the bytes: bookmarks, document information
		// and metadata.
		inBytes := heldIn(raw, tells)
		for _, x := range tells {
			if strings.Contains(txt, x) {
				t.Errorf("Open %s prints confidential text %q", name, x)
			}
			if inBytes[x] {
				t.Errorf("Open %s holds confidential text %q in its bytes (bookmarks, document information or metadata)", name, x)
			}
		}
		etxt := pdfText(t, filepath.Join(exempt, exemptName(name)))
		printed := findAll([]byte(txt), people)
		for p := range findAll([]byte(etxt), people) {
			printed[p] = true
		}
		held := heldIn(raw, people)
		for _, p := range people {
			if printed[p] {
				t.Errorf("%s prints a child ID or worker name %q", name, p)
			}
			if held[p] {
				t.Errorf("%s holds a child ID or worker name %q in its bytes", name, p)
			}
		}
		pages := strings.Count(etxt, "NOT FOR PUBLICATION")
		if n := pageCount(t, filepath.Join(exempt, exemptName(name))); pages < n {
			t.Errorf("exempt %s: NOT FOR PUBLICATION appears %d times on %d pages", name, pages, n)
		}
	}
	// The exempt Cabinet paper and appendix carry the full plan, confidential actions included.
	for _, name := range []string{"cabinet-2023-06-exempt.pdf", "appendix-2023-06-exempt.pdf", "exempt-appendix-2023-06-exempt.pdf"} {
		etxt := pdfText(t, filepath.Join(exempt, name))
		for _, w := range confidential {
			found := false
			for _, x := range windows(w, 3) {
				found = found || strings.Contains(etxt, x)
			}
			if !found {
				t.Errorf("exempt %s leaves out confidential text %q", name, strings.Join(w, " "))
			}
		}
	}
}

// exemptName is the name of a paper's exempt version: exempt papers never
// replace open ones.
func exemptName(name string) string { return strings.TrimSuffix(name, ".pdf") + "-exempt.pdf" }

func pageCount(t *testing.T, path string) int {
	t.Helper()
	out, err := exec.Command(tool(t, "pdfinfo"), path).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", path, err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(line, "Pages:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(v))
			return n
		}
	}
	t.Fatalf("pdfinfo %s: no page count", path)
	return 0
}

// TestEveryEntryPointMakesTheSamePapers proves that the command line, the
// pipeline library (as the golden tests use it) and the benchmarks' loader
// make byte-identical papers, with a config whose RAG aliases the tracker
// uses: the config reaches the reader on every path. The aliased data must
// also give exactly the papers of the original sample data.
func TestEveryEntryPointMakesTheSamePapers(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	if err := os.CopyFS(data, os.DirFS(sampleData)); err != nil {
		t.Fatal(err)
	}
	cfgPath := filepath.Join(data, "boardpack.yaml")
	cfg, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	cfg = append(cfg, []byte("rag:\n"+
		"  - {code: B, label: Blue, meaning: Complete, colour: \"#1F5FAD\", aliases: [complete, completed]}\n"+
		"  - {code: G, label: Green, meaning: On track, colour: \"#2E7D32\", aliases: [On target]}\n"+
		"  - {code: A, label: Amber, meaning: At risk, colour: \"#F2A900\"}\n"+
		"  - {code: R, label: Red, meaning: Off track, colour: \"#C62828\"}\n"+
		"  - {code: NR, label: Not rated, meaning: Not yet rated, colour: \"#BDBDBD\"}\n")...)
	if err := os.WriteFile(cfgPath, cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	// Every "Green" in every month's tracker becomes the alias "On target".
	trackers, _ := filepath.Glob(filepath.Join(data, "*", "Improvement Plan Tracker*.xlsx"))
	replaced := 0
	for _, path := range trackers {
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows("Action Plan")
		for r, row := range rows {
			for c, v := range row {
				if v == "Green" {
					cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
					f.SetCellValue("Action Plan", cell, "On target")
					replaced++
				}
			}
		}
		if err := f.Save(); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	if replaced < 50 {
		t.Fatalf("only %d Green cells replaced: the test would prove little", replaced)
	}

	original, cli := sampleOut(t), t.TempDir()
	if logs, err := generate(t, "--data", data, "--out", cli, "--quiet"); err != nil {
		t.Fatalf("%v\n%s", err, logs)
	}

	run, err := pipeline.Open(context.Background(), pipeline.Options{Data: data})
	if err != nil {
		t.Fatal(err)
	}
	lib, err := run.Papers(context.Background(), pipeline.Request{Kinds: reports.Kinds})
	if err != nil {
		t.Fatal(err)
	}
	if len(lib) != len(papers) {
		t.Fatalf("the pipeline made %d papers, want the %d of %v: the comparison would check nothing", len(lib), len(papers), papers)
	}
	bench := benchdata.Load(t, data)
	for _, p := range lib {
		d, err := bench.Document(p.Kind, false)
		if err != nil {
			t.Fatal(err)
		}
		o, err := pdf.Render(d)
		if err != nil {
			t.Fatal(err)
		}
		for what, dir := range map[string]string{"boardpack generate": cli, "generate on the original sample data": original} {
			b, err := os.ReadFile(filepath.Join(dir, p.Name))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b, p.PDF) {
				t.Errorf("%s: the pipeline's paper differs from %s's", p.Name, what)
			}
		}
		if !bytes.Equal(o.PDF, p.PDF) {
			t.Errorf("%s: the benchmarks' paper differs from the pipeline's", p.Name)
		}
	}
}

// TestKeepGoingTotalsAreHonest breaks one action row of June's tracker:
// with --keep-going, every paper that gives totals says a row was
// excluded, and the excluded action is never reported as removed from the
// tracker.
func TestKeepGoingTotalsAreHonest(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	if err := os.CopyFS(data, os.DirFS(sampleData)); err != nil {
		t.Fatal(err)
	}
	m, _ := filepath.Glob(filepath.Join(data, "2023-06", "Improvement Plan Tracker*.xlsx"))
	f, err := excelize.OpenFile(m[0])
	if err != nil {
		t.Fatal(err)
	}
	hdr, cols := findHeader(t, f, "Action Plan", "Ref", "Due Date")
	row := hdr + 2 // the second action, which every earlier month has too
	ref := cellText(f, "Action Plan", cols["Ref"], row)
	cell, _ := excelize.CoordinatesToCellName(cols["Due Date"], row)
	f.SetCellValue("Action Plan", cell, "31/02/2023")
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()

	clean, kept := sampleOut(t), t.TempDir()
	if _, err := generate(t, "--data", data, "--out", kept, "--quiet"); exitCode(err, io.Discard) != exitData {
		t.Fatalf("a bad row without --keep-going: %v", err)
	}
	if logs, err := generate(t, "--data", data, "--out", kept, "--quiet", "--keep-going"); err != nil {
		t.Fatalf("%v\n%s", err, logs)
	}
	texts := map[string]string{} // each kept paper's text, extracted once
	for name, want := range map[string]string{
		"cabinet-2023-06.pdf":           "These figures leave out 1 row of the tracker excluded for errors",
		"scrutiny-2023-06.pdf":          "These figures leave out 1 row of the tracker excluded for errors",
		"improvement-board-2023-06.pdf": "These figures leave out 1 row of the tracker excluded for errors",
		"appendix-2023-06.pdf":          "1 row excluded for errors",
	} {
		texts[name] = pdfText(t, filepath.Join(kept, name))
		if !strings.Contains(texts[name], want) {
			t.Errorf("%s does not say %q", name, want)
		}
	}
	board := texts["improvement-board-2023-06.pdf"]
	removed := regexp.MustCompile(`new and (\d+) removed from the tracker`)
	a := removed.FindStringSubmatch(pdfText(t, filepath.Join(clean, "improvement-board-2023-06.pdf")))
	b := removed.FindStringSubmatch(board)
	if a == nil || b == nil || a[1] != b[1] {
		t.Errorf("removed from the tracker: %v with all rows, %v with %s excluded; an excluded action is not removed", a, b, ref)
	}
	if !strings.Contains(board, "1 row was excluded for errors and is not compared") {
		t.Error("the Board's movement does not say the excluded row is not compared")
	}
}
