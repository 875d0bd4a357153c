package reports

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/boardpack/boardpack/internal/config"
	"github.com/boardpack/boardpack/internal/measure"
	"github.com/boardpack/boardpack/internal/xlsx"
	"github.com/boardpack/boardpack/templates"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ (review the diff before committing)")

// TestGoldenDocuments builds every paper from sample-data and compares its
// document model with testdata/<kind>.json. A change to wording, layout
// choices or figures shows up as a reviewable diff.
func TestGoldenDocuments(t *testing.T) {
	cfg, err := config.Load("../sample-data/boardpack.yaml", false)
	if err != nil {
		t.Fatal(err)
	}
	data, rep, err := xlsx.ReadFolder("../sample-data", xlsx.Options{Headers: cfg.Headers})
	if err != nil || rep.Errors() > 0 {
		t.Fatalf("read sample-data: %v %v", err, rep.Problems)
	}
	m := data.Periods[len(data.Periods)-1].Month
	res, err := measure.Compute(data, m, measure.Settings{CaseloadTarget: cfg.Targets.Caseload, KPITolerance: cfg.Targets.KPITolerance})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range Kinds {
		d, err := Build(k, Input{Results: res, Config: cfg, Quality: rep, Templates: templates.FS})
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		got, err := json.MarshalIndent(d, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, '\n')
		path := filepath.Join("testdata", string(k)+".json")
		if *update {
			if err := os.MkdirAll("testdata", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./reports -run Golden -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s document differs from %s; if the change is intended, run go test ./reports -run Golden -update and review the diff", k, path)
		}
	}
}
