package xlsx_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/boardpack/boardpack/internal/corpus"
	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/internal/record"
	"github.com/boardpack/boardpack/internal/xlsx"
)

// TestSharedSpreadsheetCorpus reads every real spreadsheet and CSV export
// of the shared corpus on its own: each is read, or named with why it was
// not, never dropped in silence; the real RAID trackers are read as
// trackers, and nothing else is.
func TestSharedSpreadsheetCorpus(t *testing.T) {
	t.Parallel()
	dir := corpus.Dir(t, "xlsx")
	var files []string
	for _, sub := range []string{"csc", "robustness", "trackers"} {
		m, _ := filepath.Glob(filepath.Join(dir, sub, "*"))
		files = append(files, m...)
	}
	if len(files) < 50 {
		t.Fatalf("%d files in the corpus, want the 60 or so its manifest lists", len(files))
	}
	for _, path := range files {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(path)
		fsys := fstest.MapFS{name: {Data: b}}
		_, rep, err := xlsx.Read(fsys, xlsx.Options{Until: record.Month{Year: 2024, Month: 6}, Password: ""})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		said := len(rep.Sheets) > 0
		for _, p := range rep.Problems {
			said = said || (p.File == name && (p.Severity == quality.Error || p.Effect == quality.WorkbookNotRead))
		}
		if !said {
			t.Errorf("%s: nothing read and nothing said: %+v", name, rep)
		}
		switch {
		case strings.HasPrefix(name, "tracker_") && !strings.Contains(name, "export"):
			if len(rep.Sheets) == 0 || rep.Sheets[0].Kind != "actions" {
				t.Errorf("%s: read as %+v, want a tracker", name, rep.Sheets)
			}
		default:
			// Children's social care datasets, national statistics, a
			// project summary and other readers' test files: none is an
			// improvement plan, whatever its ID, status or date columns.
			for _, sh := range rep.Sheets {
				if sh.Kind == "actions" {
					t.Errorf("%s › %s read as a tracker (columns %+v)", name, sh.Sheet, sh.Columns)
				}
			}
		}
		t.Logf("%-50s sheets %d, problems %d", name, len(rep.Sheets), len(rep.Problems))
	}
}
