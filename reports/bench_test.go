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
			b.ReportAllocs()
			for b.Loop() {
				for _, k := range reports.Kinds {
					if _, err := l.Document(k, false); err != nil {
						b.Fatalf("%s: %v", k, err)
					}
				}
			}
		})
	}
}

// BenchmarkLoadTemplates reads and checks the built-in templates, as
// every generate does once.
//
//	go test ./reports -run '^$' -bench LoadTemplates -benchmem
func BenchmarkLoadTemplates(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := reports.LoadTemplates(templates.FS); err != nil {
			b.Fatal(err)
		}
	}
}
