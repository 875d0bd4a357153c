package html_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/boardpack/boardpack/internal/html"
)

var theadRE = regexp.MustCompile(`(?s)<thead>(.*?)</thead>`)
var thRE = regexp.MustCompile(`(?s)<th[^>]*>(.*?)</th>`)

// TestPrintKeepsTableHeadsWithRows prints the four papers with headless
// Chromium, as a reader printing the HTML companion would, and fails when a
// printed page ends on a table's header row: the header would stand alone at
// the foot of the page, its rows on the next.
func TestPrintKeepsTableHeadsWithRows(t *testing.T) {
	chromium := os.Getenv("BOARDPACK_CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		t.Fatalf("Chromium is not at %s: run scripts/test.sh (apt-get install chromium)", chromium)
	}
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed: run scripts/test.sh (apt-get install poppler-utils)", tool)
		}
	}
	dir := t.TempDir()
	for _, p := range samplePapers(t) {
		out, err := html.Render(p.doc)
		if err != nil {
			t.Fatalf("%s: %v", p.name, err)
		}
		src := filepath.Join(dir, p.name+".html")
		if err := os.WriteFile(src, out, 0o644); err != nil {
			t.Fatal(err)
		}
		// Each table's header row as pdftotext -layout prints it: its cells'
		// words in order on one line.
		var heads [][]string
		for _, m := range theadRE.FindAllStringSubmatch(string(out), -1) {
			var words []string
			for _, c := range thRE.FindAllStringSubmatch(m[1], -1) {
				words = append(words, strings.Fields(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(c[1], " "))...)
			}
			if len(words) > 1 {
				heads = append(heads, words)
			}
		}
		pdf := filepath.Join(dir, p.name+".pdf")
		cmd := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--user-data-dir="+filepath.Join(dir, "profile"),
			"--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+src)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: chromium --print-to-pdf: %v\n%s", p.name, err, b)
		}
		info, err := exec.Command("pdfinfo", pdf).Output()
		if err != nil {
			t.Fatalf("%s: pdfinfo: %v", p.name, err)
		}
		pages := 0
		if m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(info); m != nil {
			pages, _ = strconv.Atoi(string(m[1]))
		}
		if pages < 2 {
			t.Fatalf("%s printed on %d pages, want several", p.name, pages)
		}
		for i := 1; i <= pages; i++ {
			n := strconv.Itoa(i)
			txt, err := exec.Command("pdftotext", "-layout", "-f", n, "-l", n, pdf, "-").Output()
			if err != nil {
				t.Fatalf("%s: pdftotext: %v", p.name, err)
			}
			lines := strings.Split(strings.TrimRight(string(txt), "\f\n "), "\n")
			last := strings.Fields(lines[len(lines)-1])
			for _, h := range heads {
				if strings.Join(last, " ") == strings.Join(h, " ") {
					t.Errorf("%s: printed page %d of %d ends on a table's header row %q", p.name, i, pages, strings.Join(h, " "))
				}
			}
		}
	}
}
