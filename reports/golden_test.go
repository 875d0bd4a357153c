package reports_test

import (
	"context"
	"encoding/json"
	"flag"
	"path/filepath"
	"testing"

	"github.com/boardpack/boardpack/internal/golden"
	"github.com/boardpack/boardpack/internal/pipeline"
	"github.com/boardpack/boardpack/reports"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ (review the diff before committing)")

// TestGoldenDocuments builds every paper from sample-data through the
// pipeline, as boardpack generate does, and compares its document model
// with testdata/<kind>.json. A change to wording, layout choices or
// figures shows up as a diff to review.
func TestGoldenDocuments(t *testing.T) {
	run, err := pipeline.Open(context.Background(), pipeline.Options{Data: "../sample-data"})
	if err != nil {
		t.Fatal(err)
	}
	if err := run.CheckData(false); err != nil {
		t.Fatalf("read sample-data: %v %v", err, run.Quality.Problems)
	}
	for _, k := range reports.Kinds {
		t.Run(string(k), func(t *testing.T) {
			t.Parallel()
			d, err := run.Document(k, false)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(d, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", string(k)+".json"), append(got, '\n'), *update)
		})
	}
}
