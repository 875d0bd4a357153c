package html

// The tests of the four sample papers (papers_test.go) are in package
// html_test, because they get the papers through internal/pipeline, which
// imports this package. These give them the checks.

var (
	CheckPage     = checkPage
	DefectivePage = defectivePage
)

// AxeReport is what scripts/axe/check.js reports.
type AxeReport = axeReport

// RunAxe runs axe-core in Chromium on the files, and prints them to PDF
// in print unless it is ""; see runAxe.
func RunAxe(files []string, shots, print string) (axeReport, error) {
	return runAxe(files, shots, print)
}

// Problems are the file's violations, as runAxe reports them.
func (f axeFile) Problems() []string { return f.problems() }

// Violated reports whether the file broke the axe rule id.
func (f axeFile) Violated(id string) bool { return f.violated(id) }
