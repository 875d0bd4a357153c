package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/boardpack/boardpack/internal/benchdata"
	"github.com/boardpack/boardpack/internal/doc"
	"github.com/boardpack/boardpack/internal/pdf"
	"github.com/boardpack/boardpack/reports"
)

// BenchmarkRender renders the documents of all four papers to PDF, on the
// sample data and the large folder at 25%, 50% and 100%. It lives here
// rather than in internal/pdf because it needs the whole pipeline to make
// its documents.
//
//	go test ./cmd/boardpack -run '^$' -bench Render -benchmem
func BenchmarkRender(b *testing.B) {
	for _, set := range benchdata.Sets {
		b.Run(set.Name, func(b *testing.B) {
			l := benchdata.Load(b, set.Dir(b))
			var docs []doc.Document
			for _, k := range reports.Kinds {
				d, err := l.Document(k, false)
				if err != nil {
					b.Fatalf("%s: %v", k, err)
				}
				docs = append(docs, d)
			}
			b.ReportAllocs()
			for b.Loop() {
				pages := 0
				for _, d := range docs {
					o, err := pdf.Render(d)
					if err != nil {
						b.Fatal(err)
					}
					pages += o.Pages
				}
				b.ReportMetric(float64(pages), "pages/op")
			}
		})
	}
}

// BenchmarkGenerate runs a whole boardpack generate of all four papers in
// the process: read, measure, build, render and write. scripts/bench.sh
// times the same run as a separate process, with its peak RSS.
//
//	go test ./cmd/boardpack -run '^$' -bench Generate -benchmem
func BenchmarkGenerate(b *testing.B) {
	for _, set := range benchdata.Sets {
		b.Run(set.Name, func(b *testing.B) {
			dir := set.Dir(b)
			out := b.TempDir()
			args := []string{"--data", dir, "--config", benchdata.ConfigPath(b), "--out", out, "--quiet"}
			b.ReportAllocs()
			for b.Loop() {
				var stderr bytes.Buffer
				if err := runGenerate(context.Background(), processEnv(), args, &stderr, &stderr); err != nil {
					b.Fatalf("%v\n%s", err, stderr.String())
				}
			}
		})
	}
}
