package html_test

import (
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var theadRE = regexp.MustCompile(`(?s)<thead>(.*?)</thead>`)
var thRE = regexp.MustCompile(`(?s)<th[^>]*>(.*?)</th>`)

// TestPrintKeepsTableHeadsWithRows prints the four papers with headless
// Chromium, as a reader printing the HTML companion would (check.js
// --print, as print.js: the same pages, page for page, as chromium
// --print-to-pdf), and fails when a
// printed page ends on a table's header row: the header would stand alone at
// the foot of the page, its rows on the next.
func TestPrintKeepsTableHeadsWithRows(t *testing.T) {
	t.Parallel() // beside TestAxe: both wait on the same Chromium run
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed: run scripts/test.sh (apt-get install poppler-utils)", tool)
		}
	}
	// The papers print in the Chromium that checks them with axe-core
	// (chromiumRun: check.js --print, the same pages, page for page, as
	// print.js and chromium --print-to-pdf), and each printed file is read
	// by one pdftotext (a form feed ends every page).
	papers := samplePapers(t)
	c := chromiumRun(t)
	heads := make([][][]string, len(papers))
	for i, out := range c.pages {
		for _, m := range theadRE.FindAllStringSubmatch(string(out), -1) {
			var words []string
			for _, c := range thRE.FindAllStringSubmatch(m[1], -1) {
				words = append(words, strings.Fields(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(c[1], " "))...)
			}
			if len(words) > 1 {
				heads[i] = append(heads[i], words)
			}
		}
		if len(heads[i]) == 0 {
			t.Fatalf("%s: no table header rows found in the HTML: the check would check nothing", papers[i].name)
		}
	}
	for i, p := range papers {
		pdf := c.rep.Files[i].PDF
		info, err := exec.Command("pdfinfo", pdf).Output()
		if err != nil {
			t.Errorf("%s: pdfinfo: %v", p.name, err)
			continue
		}
		pages := 0
		if m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(info); m != nil {
			pages, _ = strconv.Atoi(string(m[1]))
		}
		if pages < 2 {
			t.Errorf("%s printed on %d pages, want several", p.name, pages)
			continue
		}
		txt, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
		if err != nil {
			t.Errorf("%s: pdftotext: %v", p.name, err)
			continue
		}
		texts := strings.Split(string(txt), "\f")
		if len(texts) != pages+1 {
			t.Errorf("%s: pdftotext gave %d pages, pdfinfo %d", p.name, len(texts)-1, pages)
			continue
		}
		for k, page := range texts[:pages] {
			if h := endingHead(page, heads[i]); h != nil {
				t.Errorf("%s: printed page %d of %d ends on a table's header row %q", p.name, k+1, pages, strings.Join(h, " "))
			}
		}
	}
}

// endingHead returns the header row of heads (each its cells' words) that
// the printed page's text ends on, or nil. A header row whose cells wrap
// prints on several lines ("Not" above "Priority area ... rated ..."), so
// the page's last lines, as many as a header has words at most, are
// compared with each header as words in any order.
func endingHead(page string, heads [][]string) []string {
	longest := 0
	sorted := make([][]string, len(heads))
	for i, h := range heads {
		longest = max(longest, len(h))
		sorted[i] = slices.Sorted(slices.Values(h))
	}
	var tail []string
	lines := strings.Split(page, "\n")
	for j := len(lines) - 1; j >= 0 && len(tail) < longest; j-- {
		f := strings.Fields(lines[j])
		if len(f) == 0 {
			continue
		}
		tail = append(tail, f...)
		words := slices.Sorted(slices.Values(tail))
		for i, h := range sorted {
			if slices.Equal(words, h) {
				return heads[i]
			}
		}
	}
	return nil
}
