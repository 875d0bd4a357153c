package html_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/boardpack/boardpack/internal/doc"
	"github.com/boardpack/boardpack/internal/html"
	"github.com/boardpack/boardpack/internal/pipeline"
	"github.com/boardpack/boardpack/reports"
)

// paper is one of the four papers built from the sample data.
type paper struct {
	name string
	doc  doc.Document
}

var (
	papersOnce sync.Once
	papers     []paper
	papersErr  error
)

// samplePapers builds every paper's document from ../../sample-data
// through the pipeline, as boardpack generate does, once for all the
// tests (they only render the documents).
func samplePapers(tb testing.TB) []paper {
	tb.Helper()
	papersOnce.Do(func() {
		run, err := pipeline.Open(context.Background(), pipeline.Options{Data: "../../sample-data"})
		if err != nil {
			papersErr = err
			return
		}
		if err := run.CheckData(false); err != nil {
			papersErr = err
			return
		}
		for _, k := range reports.Kinds {
			d, err := run.Document(k, false)
			if err != nil {
				papersErr = fmt.Errorf("%s: %w", k, err)
				return
			}
			papers = append(papers, paper{name: string(k), doc: d})
		}
		if len(papers) != 4 {
			papersErr = fmt.Errorf("the sample data gave %d papers, want the four (Cabinet, Scrutiny, Board, appendix): the tests would check nothing", len(papers))
		}
	})
	if papersErr != nil {
		tb.Fatal(papersErr)
	}
	return papers
}

// TestPapersStructure: the four papers' pages pass the structural checks.
func TestPapersStructure(t *testing.T) {
	for _, p := range samplePapers(t) {
		out, err := html.Render(p.doc)
		if err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		for _, pr := range html.CheckPage(t, out) {
			t.Errorf("%s: %s", p.name, pr)
		}
	}
}

// chromiumChecked is the one run of scripts/axe/check.js that TestAxe and
// TestPrintKeepsTableHeadsWithRows read: the four papers' pages and a page
// with known defects, checked with axe-core and printed, in one Chromium.
type chromiumChecked struct {
	rep    html.AxeReport // the papers in samplePapers' order, then the defective page
	pages  [][]byte       // the papers' pages, in samplePapers' order
	broken []string       // the axe rules the defective page breaks
}

var (
	chromiumOnce sync.Once
	chromium     chromiumChecked
	chromiumErr  error
	chromiumDir  string // the temporary folder of the pages, removed by TestMain
)

// chromiumRun renders the four papers and the defective page to files and
// runs check.js over them once, with --print, for both tests (a Chromium
// starts in about 1.5 s of CPU, and each page is loaded once for both
// widths and the printing). Set BOARDPACK_HTML_OUT to a folder to keep
// the pages, their printed PDFs and full-page screenshots there.
func chromiumRun(t *testing.T) chromiumChecked {
	t.Helper()
	chromiumOnce.Do(func() {
		chromiumErr = errors.New("the shared Chromium run stopped before it finished (see the first test to fail)")
		dir := os.Getenv("BOARDPACK_HTML_OUT")
		shots := dir
		if dir == "" {
			d, err := os.MkdirTemp("", "boardpack-html")
			if err != nil {
				chromiumErr = err
				return
			}
			dir, chromiumDir = d, d
		} else if err := os.MkdirAll(dir, 0o755); err != nil {
			chromiumErr = err
			return
		}
		var c chromiumChecked
		var files []string
		for _, p := range samplePapers(t) {
			out, err := html.Render(p.doc)
			if err != nil {
				chromiumErr = fmt.Errorf("%s: %w", p.name, err)
				return
			}
			f := filepath.Join(dir, p.name+".html")
			if err := os.WriteFile(f, out, 0o644); err != nil {
				chromiumErr = err
				return
			}
			files = append(files, f)
			c.pages = append(c.pages, out)
		}
		defective, broken := html.DefectivePage(t)
		bad := filepath.Join(dir, "defective.html")
		if err := os.WriteFile(bad, defective, 0o644); err != nil {
			chromiumErr = err
			return
		}
		c.broken = broken
		c.rep, chromiumErr = html.RunAxe(append(files, bad), shots, dir)
		chromium = c
	})
	if chromiumErr != nil {
		t.Fatal(chromiumErr)
	}
	return chromium
}

// TestMain runs the tests and removes chromiumRun's temporary folder.
func TestMain(m *testing.M) {
	code := m.Run()
	if chromiumDir != "" {
		os.RemoveAll(chromiumDir)
	}
	os.Exit(code)
}

// TestAxe checks the four papers with axe-core in headless Chromium: no
// violation of the WCAG 2.0 and 2.1 A and AA rules at 1280 and at 320 CSS
// px (400% zoom), no sideways scrolling at 320 px, and no request leaving
// the page. A page with known defects is checked in the same run and must
// fail, so the check cannot pass by checking nothing.
func TestAxe(t *testing.T) {
	t.Parallel() // beside TestPrintKeepsTableHeadsWithRows, which waits for the same Chromium run
	c := chromiumRun(t)
	rep := c.rep
	t.Logf("%s, axe-core %s, rules tagged %s", rep.Chromium, rep.Axe, strings.Join(rep.Tags, ", "))

	for _, f := range rep.Files[:len(c.pages)] {
		name := strings.TrimSuffix(filepath.Base(f.File), ".html")
		for _, p := range f.Problems() {
			t.Errorf("%s: %s", name, p)
		}
		for _, r := range f.Runs {
			var review []string
			for _, i := range r.Incomplete {
				review = append(review, fmt.Sprintf("%s on %d elements", i.ID, i.Count))
			}
			t.Logf("%s at %d px: %d rules passed, %d violated; for review by hand: %s; page %d px wide in a %d px window",
				name, r.Width, len(r.Passes), len(r.Violations), strings.Join(review, ", "), r.ScrollWidth, r.InnerWidth)
		}
	}

	d := rep.Files[len(c.pages)]
	for _, id := range c.broken {
		if !d.Violated(id) {
			t.Errorf("the defective page was not reported for %s: the check is not working", id)
		}
	}
	sideways := false
	for _, r := range d.Runs {
		sideways = sideways || (r.Width == 320 && r.ScrollWidth > r.InnerWidth)
	}
	if !sideways {
		t.Error("the defective page scrolls sideways at 320 px but was not reported")
	}
	if len(d.External) == 0 {
		t.Error("the defective page's external stylesheet was not reported")
	}
}

func TestDeterministic(t *testing.T) {
	for _, p := range samplePapers(t) {
		a, err := html.Render(p.doc)
		if err != nil {
			t.Fatal(err)
		}
		b, err := html.Render(p.doc)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renders differ", p.name)
		}
	}
}

func BenchmarkRender(b *testing.B) {
	papers := samplePapers(b)
	for _, p := range papers {
		b.Run(p.name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				out, err := html.Render(p.doc)
				if err != nil {
					b.Fatal(err)
				}
				n = len(out)
			}
			b.ReportMetric(float64(n), "bytes")
		})
	}
}
