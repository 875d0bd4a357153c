package xlsx_test

import (
	"testing"

	"github.com/boardpack/boardpack/internal/benchdata"
	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/internal/record"
	"github.com/boardpack/boardpack/internal/xlsx"
)

// BenchmarkRead reads a whole data folder, as boardpack generate does, on
// the sample data and the large folder at 25%, 50% and 100%.
//
//	go test ./internal/xlsx -run '^$' -bench Read -benchmem
func BenchmarkRead(b *testing.B) {
	for _, set := range benchdata.Sets {
		b.Run(set.Name, func(b *testing.B) {
			dir := set.Dir(b)
			b.ReportAllocs()
			for b.Loop() {
				read(b, dir, xlsx.Options{})
			}
		})
	}
}

// BenchmarkReadTarget reads the reader's target on its own: a 200,000-row
// allocation export and a 5,000-row actions tracker (target: under 3 s and
// 150 MB peak RSS together; measure the RSS with /usr/bin/time -v boardpack
// validate, as scripts/bench.sh does).
func BenchmarkReadTarget(b *testing.B) {
	dir := benchdata.ReaderTargetDir(b)
	b.ReportAllocs()
	for b.Loop() {
		d, _ := read(b, dir, xlsx.Options{})
		if len(d.Periods) != 1 || len(d.Periods[0].Actions) != 5000 || len(d.Workers) == 0 {
			b.Fatalf("read %d periods, %d workers", len(d.Periods), len(d.Workers))
		}
	}
}

func read(b *testing.B, dir string, opt xlsx.Options) (record.Data, quality.Report) {
	b.Helper()
	d, rep, err := xlsx.ReadFolder(dir, opt)
	if err != nil {
		b.Fatal(err)
	}
	if n := rep.Errors(); n > 0 {
		b.Fatalf("%s: %d errors, the first: %s", dir, n, rep.Problems[0])
	}
	rows := 0
	for _, s := range rep.Sheets {
		rows += s.Rows
	}
	b.ReportMetric(float64(rows), "rows/op")
	return d, rep
}
