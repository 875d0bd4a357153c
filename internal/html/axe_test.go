package html

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// axeReport is what scripts/axe/check.js prints.
type axeReport struct {
	Chromium string    `json:"chromium"`
	Axe      string    `json:"axe"`
	Tags     []string  `json:"tags"`
	Files    []axeFile `json:"files"`
}

type axeFile struct {
	File     string   `json:"file"`
	PDF      string   `json:"pdf"` // the printed file, with --print
	External []string `json:"external"`
	Runs     []axeRun `json:"runs"`
}

type axeRun struct {
	Viewport   string   `json:"viewport"`
	Width      int      `json:"width"`
	Skipped    []string `json:"skipped"` // rules not run at this width
	Passes     []string `json:"passes"`
	Incomplete []struct {
		ID    string `json:"id"`
		Count int    `json:"count"`
	} `json:"incomplete"`
	ScrollWidth int `json:"scrollWidth"`
	InnerWidth  int `json:"innerWidth"`
	Violations  []struct {
		ID     string `json:"id"`
		Impact string `json:"impact"`
		Help   string `json:"help"`
		Nodes  []struct {
			Target  string `json:"target"`
			HTML    string `json:"html"`
			Summary string `json:"summary"`
		} `json:"nodes"`
	} `json:"violations"`
}

// onceAtDesktop are the rules check.js runs at its first width (1280 px)
// only, its ONCE_AT_DESKTOP: colour contrast, which does not change with
// the width while TestNarrowRulesKeepColours passes.
var onceAtDesktop = []string{"color-contrast"}

// ran reports whether axe ran rule id in r, whatever it found.
func (r axeRun) ran(id string) bool {
	if slices.Contains(r.Passes, id) {
		return true
	}
	for _, i := range r.Incomplete {
		if i.ID == id {
			return true
		}
	}
	for _, v := range r.Violations {
		if v.ID == id {
			return true
		}
	}
	return false
}

// problems lists what is wrong with a file: axe violations, sideways
// scrolling at 320 px, external requests, and a rule left out where
// check.js must run it (every rule at the first width, all but
// onceAtDesktop at the others).
func (f axeFile) problems() []string {
	var out []string
	for _, u := range f.External {
		out = append(out, "requests "+u+" (the page must be self-contained)")
	}
	for i, r := range f.Runs {
		for _, id := range r.Skipped {
			if i == 0 || !slices.Contains(onceAtDesktop, id) {
				out = append(out, fmt.Sprintf("at %d px: rule %s was not run", r.Width, id))
			}
		}
		if i == 0 {
			for _, id := range onceAtDesktop {
				if !r.ran(id) {
					out = append(out, fmt.Sprintf("at %d px: rule %s was not run (it is run at this width only)", r.Width, id))
				}
			}
		}
		for _, v := range r.Violations {
			var where []string
			for i, n := range v.Nodes {
				if i == 5 {
					where = append(where, fmt.Sprintf("and %d more", len(v.Nodes)-5))
					break
				}
				where = append(where, n.Target+": "+n.HTML)
			}
			out = append(out, fmt.Sprintf("at %d px: %s (%s, %s) at\n\t\t%s", r.Width, v.ID, v.Impact, v.Help, strings.Join(where, "\n\t\t")))
		}
		if r.ScrollWidth > r.InnerWidth {
			out = append(out, fmt.Sprintf("scrolls sideways at %d px: the page is %d px wide (WCAG 1.4.10 Reflow)", r.Width, r.ScrollWidth))
		}
	}
	return out
}

func (f axeFile) violated(id string) bool {
	for _, r := range f.Runs {
		for _, v := range r.Violations {
			if v.ID == id {
				return true
			}
		}
	}
	return false
}

// chromiumScript finds node, Chromium and scripts/axe with its packages
// installed, for running one of its scripts. Its error says how to install
// what is missing: the checks never skip.
func chromiumScript() (node, chromium, dir string, err error) {
	const fix = "run scripts/test.sh, which installs Chromium (apt-get install chromium) and the checker's packages (npm ci --prefix scripts/axe)"
	node, err = exec.LookPath("node")
	if err != nil {
		return "", "", "", fmt.Errorf("node is not installed: %s (Node 20 or later)", fix)
	}
	chromium = os.Getenv("BOARDPACK_CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		return "", "", "", fmt.Errorf("Chromium is not at %s: %s", chromium, fix)
	}
	dir, err = filepath.Abs("../../scripts/axe")
	if err != nil {
		return "", "", "", err
	}
	for _, pkg := range []string{"axe-core", "puppeteer-core"} {
		if _, err := os.Stat(filepath.Join(dir, "node_modules", pkg, "package.json")); err != nil {
			return "", "", "", fmt.Errorf("%s is not installed in scripts/axe/node_modules: %s", pkg, fix)
		}
	}
	return node, chromium, dir, nil
}

// runAxe runs scripts/axe/check.js on files, keeping full-page screenshots
// in shots unless it is "". With print not "", the same Chromium also
// prints each file to print/NAME.pdf, as scripts/axe/print.js does and as
// chromium --headless --print-to-pdf prints (print media, the page's own
// @page size and margins, no header or footer), and the report gives each
// file's PDF. It returns an error, saying how to install them, when
// node, Chromium or the script's packages are missing: the check never
// skips.
func runAxe(files []string, shots, print string) (axeReport, error) {
	node, chromium, dir, err := chromiumScript()
	if err != nil {
		return axeReport{}, err
	}
	args := []string{filepath.Join(dir, "check.js"), "--chromium", chromium}
	if shots != "" {
		args = append(args, "--screenshots", shots)
	}
	if print != "" {
		args = append(args, "--print", print)
	}
	cmd := exec.Command(node, append(args, files...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		return axeReport{}, fmt.Errorf("check.js failed: %v\n%s", err, stderr.String())
	}
	var rep axeReport
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		return axeReport{}, fmt.Errorf("check.js printed no report: %v\n%s\n%s", err, stdout.String(), stderr.String())
	}
	if len(rep.Files) != len(files) {
		return axeReport{}, fmt.Errorf("check.js reported on %d files, want %d", len(rep.Files), len(files))
	}
	for _, f := range rep.Files {
		if print != "" && f.PDF == "" {
			return axeReport{}, fmt.Errorf("check.js --print printed no PDF of %s:\n%s", f.File, stderr.String())
		}
	}
	return rep, nil
}

// defectivePage is the test document's page with defects that axe-core
// and the reflow check must find, and the axe rules they break.
func defectivePage(t *testing.T) ([]byte, []string) {
	good, err := Render(testDocument(t))
	if err != nil {
		t.Fatal(err)
	}
	page := string(good)
	for _, c := range []struct{ from, to string }{
		{`<html lang="en-GB">`, `<html>`}, // html-has-lang
		{`<p class="subtitle">`, `<img src="data:image/png;base64,AA==" /><p class="subtitle">`}, // image-alt
		{`.note{font-size:.875rem;color:#505a5f}`, `.note{font-size:.875rem;color:#c8c8c8}`},     // color-contrast
		{`<title id="chart-1-title">Actions by area &amp; RAG</title>`, ``},                      // svg-img-alt
		{`</main>`, `<div style="width:2000px">A wide box</div></main>`},                         // sideways scrolling
		{`<style>`, `<link rel="stylesheet" href="https://example.invalid/a.css" /><style>`},     // an external request
	} {
		next := strings.Replace(page, c.from, c.to, 1)
		if next == page {
			t.Fatalf("defectivePage: %q is not in the page", c.from)
		}
		page = next
	}
	return []byte(page), []string{"html-has-lang", "image-alt", "color-contrast", "svg-img-alt"}
}
