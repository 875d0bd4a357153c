// Package benchdata gives the benchmarks their data folders: the committed
// sample data, and the large synthetic folders, which are written into a
// cache folder on first use (see sampledata.Cached) and never committed.
// Only tests import it.
package benchdata

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/boardpack/boardpack/internal/pipeline"
	"github.com/boardpack/boardpack/internal/sampledata"
)

// Set is one data set a benchmark runs on.
type Set struct {
	Name     string  // sub-benchmark name
	Fraction float64 // share of the large data set; 0 for the committed sample data
}

// Sets are the data sets every stage is measured on: the sample data and
// the large folder at 25%, 50% and 100%.
var Sets = []Set{
	{Name: "sample"},
	{Name: "large-25", Fraction: 0.25},
	{Name: "large-50", Fraction: 0.5},
	{Name: "large-100", Fraction: 1},
}

// Dir returns the set's data folder, writing a large one first if it is not
// cached. Large sets are skipped under -short.
func (s Set) Dir(tb testing.TB) string {
	tb.Helper()
	if s.Fraction == 0 {
		return filepath.Join(Root(tb), "sample-data")
	}
	if testing.Short() {
		tb.Skip("large data set skipped with -short")
	}
	dir, err := sampledata.Cached(sampledata.LargeName(s.Fraction), sampledata.Large(s.Fraction))
	if err != nil {
		tb.Fatal(err)
	}
	return dir
}

// ReaderTargetDir returns the folder of the reader's target (a 5,000-action
// tracker and a 200,000-row allocation export), writing it first if it is
// not cached. It is skipped under -short.
func ReaderTargetDir(tb testing.TB) string {
	tb.Helper()
	if testing.Short() {
		tb.Skip("large data set skipped with -short")
	}
	dir, err := sampledata.Cached(sampledata.ReaderTargetName, sampledata.ReaderTarget)
	if err != nil {
		tb.Fatal(err)
	}
	return dir
}

// ConfigPath is the path of the sample data's boardpack.yaml.
func ConfigPath(tb testing.TB) string {
	return filepath.Join(Root(tb), "sample-data", "boardpack.yaml")
}

// Root is the module's root folder, found from the working directory (a
// test runs in its package's folder).
func Root(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			tb.Fatal("benchdata: no go.mod above the working directory")
		}
		dir = up
	}
}

// Load reads dir through the pipeline as boardpack generate does, with
// dir's own boardpack.yaml or, for the large folders that have none, the
// sample data's. Problems of severity Error fail the benchmark.
func Load(tb testing.TB, dir string) *pipeline.Run {
	tb.Helper()
	cfg := ""
	if _, err := os.Stat(filepath.Join(dir, "boardpack.yaml")); err != nil {
		cfg = ConfigPath(tb)
	}
	run, err := pipeline.Open(context.Background(), pipeline.Options{Data: dir, Config: cfg})
	if err != nil {
		tb.Fatal(err)
	}
	if err := run.CheckData(false); err != nil {
		tb.Fatalf("%s: %v %v", dir, err, run.Quality.Problems)
	}
	return run
}
