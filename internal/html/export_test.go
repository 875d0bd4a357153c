package html

import "testing"

// The tests of the four sample papers (papers_test.go) are in package
// html_test, because they get the papers through internal/pipeline, which
// imports this package. These give them the checks.

var (
	CheckPage     = checkPage
	DefectivePage = defectivePage
)

// RunAxe runs axe-core in Chromium on the files; see runAxe.
func RunAxe(t *testing.T, files []string, shots string) axeReport { return runAxe(t, files, shots) }

// PrintPDFs prints HTML files to PDF in one Chromium; see printPDFs.
func PrintPDFs(t *testing.T, files []string, out string) []string { return printPDFs(t, files, out) }

// Problems are the file's violations, as runAxe reports them.
func (f axeFile) Problems() []string { return f.problems() }

// Violated reports whether the file broke the axe rule id.
func (f axeFile) Violated(id string) bool { return f.violated(id) }
