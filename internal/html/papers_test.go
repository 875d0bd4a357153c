package html

import (
	"testing"

	"github.com/boardpack/boardpack/internal/config"
	"github.com/boardpack/boardpack/internal/doc"
	"github.com/boardpack/boardpack/internal/measure"
	"github.com/boardpack/boardpack/internal/xlsx"
	"github.com/boardpack/boardpack/reports"
	"github.com/boardpack/boardpack/templates"
)

// paper is one of the four papers built from the sample data.
type paper struct {
	name string
	doc  doc.Document
}

// samplePapers builds every paper from ../../sample-data as the reports'
// golden test does. It is the one place that knows how; the pipeline
// package will replace its body.
func samplePapers(tb testing.TB) []paper {
	tb.Helper()
	cfg, err := config.Load("../../sample-data/boardpack.yaml", false)
	if err != nil {
		tb.Fatal(err)
	}
	data, rep, err := xlsx.ReadFolder("../../sample-data", xlsx.Options{Headers: cfg.Headers})
	if err != nil || rep.Errors() > 0 {
		tb.Fatalf("read sample-data: %v %v", err, rep.Problems)
	}
	m := data.Periods[len(data.Periods)-1].Month
	res, err := measure.Compute(data, m, measure.Settings{CaseloadTarget: cfg.Targets.Caseload, KPITolerance: cfg.Targets.KPITolerance})
	if err != nil {
		tb.Fatal(err)
	}
	var out []paper
	for _, k := range reports.Kinds {
		d, err := reports.Build(k, reports.Input{Results: res, Config: cfg, Quality: rep, Templates: templates.FS})
		if err != nil {
			tb.Fatalf("%s: %v", k, err)
		}
		out = append(out, paper{name: string(k), doc: d})
	}
	return out
}
