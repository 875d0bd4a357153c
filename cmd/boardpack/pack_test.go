package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/boardpack/boardpack/internal/corpus"
)

// corpusPDFs finds the real third-party PDFs (../shared/corpus/pdfs beside
// the repository, or $BOARDPACK_CORPUS/pdfs), never copied into the
// repository. A missing corpus fails the test saying how to point at it;
// BOARDPACK_NO_CORPUS=1 skips it explicitly.
func corpusPDFs(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(corpus.Dir(t, "pdfs"), "*.pdf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no PDFs in the corpus (%v)", err)
	}
	return files
}

// pageLayout returns the number of pages of the PDF at path and each
// page's size and rotation as pdfinfo shows them ("612 x 792 pts
// (letter), rot 0"), from one pdfinfo.
func pageLayout(t *testing.T, path string) (pages int, layout []string) {
	t.Helper()
	out, err := exec.Command(tool(t, "pdfinfo"), "-f", "1", "-l", strconv.Itoa(math.MaxInt32), path).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", path, err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(line, "Pages:"); ok {
			pages, _ = strconv.Atoi(strings.TrimSpace(v))
			continue
		}
		f := strings.Fields(line) // Page 3 size: 612 x 792 pts (letter); Page 3 rot: 0
		if len(f) < 4 || f[0] != "Page" {
			continue
		}
		switch v := strings.Join(f[3:], " "); f[2] {
		case "size:":
			layout = append(layout, v)
		case "rot:":
			if len(layout) > 0 {
				layout[len(layout)-1] += ", rot " + v
			}
		}
	}
	if pages == 0 || len(layout) != pages {
		t.Fatalf("pdfinfo %s: %d pages, the sizes of %d", path, pages, len(layout))
	}
	return pages, layout
}

// TestPackTakesInTheCorpus is the acceptance test of the meeting pack on
// real PDFs through the command line: boardpack pack with every corpus
// file attached, one item each. The two files a pack cannot take are
// refused by name and leave no pack behind; the rest make a pack with a
// warning about signatures, whose index gives each item's pages, each
// item keeping its pages' sizes and rotation, the front pages and the last
// page carrying their pack numbers, and each item's bookmarks under its
// own.
//
// What the pack is made of, internal/pack's TestCorpus checks on a pack of
// the same corpus files, assembled by the same pack.Assemble: qpdf --check
// finds it free of errors and warnings, every page carries "Page n of N",
// every page renders as its source does, with its boxes, bookmarks and
// links. The command line's own pack is checked by qpdf, and every page of
// it for its number, by testdata/script/pack.txtar (cover, agenda, index,
// papers and an attached letter).
func TestPackTakesInTheCorpus(t *testing.T) {
	t.Parallel()
	files := corpusPDFs(t)
	attach := func(fs []string) []string {
		var args []string
		for _, f := range fs {
			args = append(args, "--attach", strings.TrimSuffix(filepath.Base(f), ".pdf")+"="+f)
		}
		return args
	}
	out := t.TempDir()
	var stderr bytes.Buffer
	args := append([]string{"pack", "--data", sampleData, "--meeting", "scrutiny", "--out", out}, attach(files)...)
	err := Run(context.Background(), processEnv(), args, io.Discard, &stderr)
	if code := exitCode(err, &stderr); code != exitData {
		t.Fatalf("pack with the unreadable files: exit %d, want %d\n%s", code, exitData, stderr.String())
	}
	var keep, refused []string
	for _, f := range files {
		base := filepath.Base(f)
		switch {
		case strings.HasPrefix(base, "ofsted-html-not-a-pdf"):
			refused = append(refused, f)
			if !regexp.MustCompile(regexp.QuoteMeta(base) + `.*not a PDF`).MatchString(stderr.String()) {
				t.Errorf("the HTML file is not refused as not a PDF:\n%s", stderr.String())
			}
		case base == "encrypted-needs-user-password.pdf":
			refused = append(refused, f)
			if !regexp.MustCompile(regexp.QuoteMeta(base) + `.*password`).MatchString(stderr.String()) {
				t.Errorf("the password-protected file is not refused for its password:\n%s", stderr.String())
			}
		default:
			keep = append(keep, f)
			if strings.Contains(stderr.String(), base+":") {
				t.Errorf("%s is refused but should go in:\n%s", base, stderr.String())
			}
		}
	}
	if len(refused) != 2 {
		t.Fatalf("expected two files to refuse, found %d", len(refused))
	}
	if entries, _ := os.ReadDir(out); len(entries) > 1 {
		t.Errorf("a refused pack left files in the output folder: %v", entries)
	}

	stderr.Reset()
	args = append([]string{"pack", "--data", sampleData, "--meeting", "scrutiny", "--out", out}, attach(keep)...)
	if err := Run(context.Background(), processEnv(), args, io.Discard, &stderr); err != nil {
		t.Fatalf("pack: %v\n%s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "signature") {
		t.Errorf("no warning that signatures cannot stay valid in a pack:\n%s", stderr.String())
	}
	packPath := filepath.Join(out, "scrutiny-pack-2023-07-19.pdf")
	// internal/pack qpdf-checks a corpus pack behind stand-in front pages,
	// and pack.txtar a pack of the real front pages and papers; only here
	// do the two meet.
	checkPDF(t, packPath)
	total, packLayout := pageLayout(t, packPath)

	// The front pages (cover, agenda, index) and the last page carry their
	// numbers out of the pack's total.
	const frontPages = 3
	pages := pdfPageTexts(t, packPath, 1, frontPages)
	for i, text := range append(pages, pdfPageTexts(t, packPath, total, total)...) {
		n := i + 1
		if i == frontPages {
			n = total
		}
		if want := fmt.Sprintf("Page %d of %d", n, total); !strings.Contains(text, want) {
			t.Errorf("page %d does not carry %q", n, want)
		}
	}

	// The index gives each item's pages; each item's pages keep the size
	// and rotation of its source.
	front := strings.Join(pages, "\n")
	for _, f := range keep {
		name := strings.TrimSuffix(filepath.Base(f), ".pdf")
		m := regexp.MustCompile(`(?m)^\s*(\d+)\s+` + regexp.QuoteMeta(name) + `\s+Pages? (\d+)(?:–(\d+))?\s*$`).FindStringSubmatch(front)
		if m == nil {
			t.Errorf("the index has no line for %s", name)
			continue
		}
		first, _ := strconv.Atoi(m[2])
		last := first
		if m[3] != "" {
			last, _ = strconv.Atoi(m[3])
		}
		n, src := pageLayout(t, f)
		if last-first+1 != n || first < 1 || last > total {
			t.Errorf("%s: the index gives pages %d-%d, the file has %d, the pack %d", name, first, last, n, total)
			continue
		}
		if got := packLayout[first-1 : last]; strings.Join(src, "|") != strings.Join(got, "|") {
			t.Errorf("%s: page sizes and rotation changed:\n source %v\n pack   %v", name, src, got)
		}
	}

	// Bookmarks: one per agenda item; a document's own bookmarks under its
	// item's.
	js, err := exec.Command(tool(t, "qpdf"), "--json", "--json-key=outlines", packPath).Output()
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Outlines []struct {
			Title string            `json:"title"`
			Kids  []json.RawMessage `json:"kids"`
		} `json:"outlines"`
	}
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatal(err)
	}
	kids := map[string]int{}
	for _, o := range doc.Outlines {
		kids[o.Title] = len(o.Kids)
	}
	for _, f := range keep {
		name := strings.TrimSuffix(filepath.Base(f), ".pdf")
		found := false
		for title, n := range kids {
			if strings.HasSuffix(title, ". "+name) {
				found = true
				own, err := exec.Command(tool(t, "qpdf"), "--json", "--json-key=outlines", f).Output()
				if err != nil {
					break // an encrypted source: qpdf needs no password, but may refuse JSON
				}
				var src struct {
					Outlines []json.RawMessage `json:"outlines"`
				}
				if json.Unmarshal(own, &src) == nil && len(src.Outlines) != n {
					t.Errorf("%s: %d bookmarks of its own, %d under its item in the pack", name, len(src.Outlines), n)
				}
			}
		}
		if !found {
			t.Errorf("no bookmark for the item %s", name)
		}
	}
}

// pdfPageTexts returns the text of pages first to last of the PDF, laid
// out, from one pdftotext.
func pdfPageTexts(t *testing.T, path string, first, last int) []string {
	t.Helper()
	txt, err := exec.Command(tool(t, "pdftotext"), "-layout", "-f", strconv.Itoa(first), "-l", strconv.Itoa(last), path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	pages := strings.Split(string(txt), "\f") // pdftotext ends every page with a form feed
	if len(pages) != last-first+2 {
		t.Fatalf("pdftotext gave %d pages of %s, want %d", len(pages)-1, path, last-first+1)
	}
	return pages[:len(pages)-1]
}

// linkTargets returns, for each link annotation on page (from 1) of the
// PDF, the page (from 1) it goes to, or 0 for a link that leaves the file.
func linkTargets(t *testing.T, path string, page int) []int {
	t.Helper()
	js, err := exec.Command(tool(t, "qpdf"), "--json", "--json-key=pages", "--json-key=qpdf", path).Output()
	if err != nil {
		t.Fatalf("qpdf --json %s: %v", path, err)
	}
	var doc struct {
		Pages []struct {
			Object string `json:"object"`
		} `json:"pages"`
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatal(err)
	}
	var objs map[string]struct {
		Value map[string]json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(doc.QPDF[1], &objs); err != nil {
		t.Fatal(err)
	}
	pageNo := map[string]int{}
	for i, p := range doc.Pages {
		pageNo[p.Object] = i + 1
	}
	obj := func(ref string) map[string]json.RawMessage {
		return objs["obj:"+ref].Value
	}
	var annots []string
	json.Unmarshal(obj(doc.Pages[page-1].Object)["/Annots"], &annots)
	var out []int
	for _, a := range annots {
		v := obj(a)
		var sub string
		json.Unmarshal(v["/Subtype"], &sub)
		if sub != "/Link" {
			continue
		}
		var dest []json.RawMessage
		json.Unmarshal(v["/Dest"], &dest)
		target := 0
		if len(dest) > 0 {
			var ref string
			json.Unmarshal(dest[0], &ref)
			target = pageNo[ref]
		}
		out = append(out, target)
	}
	return out
}

// TestPackIndexLinks: each line of a pack's index that has pages links to
// its item's first page.
func TestPackIndexLinks(t *testing.T) {
	out := t.TempDir()
	var stderr bytes.Buffer
	if err := Run(context.Background(), processEnv(), []string{"pack", "--data", sampleData, "--meeting", "board", "--out", out, "--quiet"}, io.Discard, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	path := filepath.Join(out, "board-pack-2023-07-12.pdf")
	txt, err := exec.Command(tool(t, "pdftotext"), "-f", "2", "-l", "2", "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`Improvement Board highlight report\s+Pages (\d+)–`).FindSubmatch(txt)
	if m == nil {
		t.Fatalf("the index has no pages for the board paper:\n%s", txt)
	}
	start, _ := strconv.Atoi(string(m[1]))
	found := false
	for _, target := range linkTargets(t, path, 2) {
		found = found || target == start
	}
	if !found {
		t.Errorf("no link on the index page goes to the board paper's first page, %d (links go to %v)", start, linkTargets(t, path, 2))
	}
}
