package pdf_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/boardpack/boardpack/internal/pdf"
	"github.com/boardpack/boardpack/internal/pipeline"
	"github.com/boardpack/boardpack/reports"
)

// TestLayoutRulesEveryMonth builds every paper for every month of the
// sample data through the pipeline, as boardpack generate does, and checks
// its layout against the page-break rules (see layoutcheck_test.go). The
// early months have no metric workbooks (so the papers leave out their
// caseload, workforce and KPI sections) and the first has no previous
// month (no movement).
func TestLayoutRulesEveryMonth(t *testing.T) {
	data := filepath.Join("..", "..", "sample-data")
	entries, err := os.ReadDir(data)
	if err != nil {
		t.Fatal(err)
	}
	month := regexp.MustCompile(`^\d{4}-\d{2}$`)
	var months []string
	for _, e := range entries {
		if e.IsDir() && month.MatchString(e.Name()) {
			months = append(months, e.Name())
		}
	}
	if len(months) < 6 {
		t.Fatalf("sample-data has %d month folders, want at least 6", len(months))
	}
	for _, m := range months {
		t.Run(m, func(t *testing.T) {
			t.Parallel()
			run, err := pipeline.Open(context.Background(), pipeline.Options{Data: data, Period: m})
			if err != nil {
				t.Fatal(err)
			}
			if err := run.CheckData(false); err != nil {
				t.Fatalf("read sample-data for %s: %v", m, err)
			}
			for _, k := range reports.Kinds {
				d, err := run.Document(k, false)
				if err != nil {
					t.Fatalf("%s: %v", k, err)
				}
				ps, pages, err := pdf.LayoutProblems(d)
				if err != nil {
					t.Fatalf("%s: %v", k, err)
				}
				t.Logf("%s %s: %d pages", m, k, pages)
				for _, p := range ps {
					t.Errorf("%s %s: %s", m, k, p)
				}
			}
		})
	}
}
