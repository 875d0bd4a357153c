package pdf

import "github.com/boardpack/boardpack/internal/doc"

// LayoutProblems lays d out and returns every break of the page-break
// rules, for the tests of package pdf_test (which can run the pipeline);
// pages is the number of pages laid out.
func LayoutProblems(d doc.Document) (problems []string, pages int, err error) {
	m, err := loadMetrics()
	if err != nil {
		return nil, 0, err
	}
	l := doLayout(m, &d, true)
	for _, p := range checkLayout(l) {
		problems = append(problems, p.String())
	}
	return problems, len(l.pages), nil
}
