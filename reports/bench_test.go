package reports_test

import (
	"testing"

	"github.com/boardpack/boardpack/internal/benchdata"
	"github.com/boardpack/boardpack/reports"
	"github.com/boardpack/boardpack/templates"
)

// BenchmarkBuild builds the documents of all four papers from the measures,
// on the sample data and the large folder at 25%, 50% and 100%.
//
//	go test ./reports -run '^$' -bench Build -benchmem
func BenchmarkBuild(b *testing.B) {
	for _, set := range benchdata.Sets {
		b.Run(set.Name, func(b *testing.B) {
			l := benchdata.Load(b, set.Dir(b))
			in := reports.Input{Results: l.Results, Config: l.Config, Quality: l.Report, Templates: templates.FS}
			b.ReportAllocs()
			for b.Loop() {
				for _, k := range reports.Kinds {
					if _, err := reports.Build(k, in); err != nil {
						b.Fatalf("%s: %v", k, err)
					}
				}
			}
		})
	}
}
