package measure_test

import (
	"testing"

	"github.com/boardpack/boardpack/internal/benchdata"
	"github.com/boardpack/boardpack/internal/measure"
)

// BenchmarkMeasure computes every measure from records already read, on the
// sample data and the large folder at 25%, 50% and 100%.
//
//	go test ./internal/measure -run '^$' -bench Measure -benchmem
func BenchmarkMeasure(b *testing.B) {
	for _, set := range benchdata.Sets {
		b.Run(set.Name, func(b *testing.B) {
			l := benchdata.Load(b, set.Dir(b))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := measure.Compute(l.Data, l.Month, l.Setup.Settings()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
