package vector

import (
	"github.com/boardpack/boardpack/internal/chart"
	"os"
	"path/filepath"
	"testing"
)

// TestGallery writes every fixture to one PDF per page in $CHART_GALLERY
// (skipped when unset), for looking at.
func TestGallery(t *testing.T) {
	dir := os.Getenv("CHART_GALLERY")
	if dir == "" {
		t.Skip("CHART_GALLERY not set")
	}
	for _, set := range []struct {
		name string
		cs   []sized
	}{{"board", boardCharts()}, {"more", moreCharts()}, {"edge", edgeCharts()}} {
		f := newPDF()
		y := 15.0
		for _, s := range set.cs {
			if y+s.h > 285 {
				f.AddPage()
				y = 15
			}
			f.SetDrawColor(230, 230, 230)
			f.Rect(20, y, s.w, s.h, "D")
			if err := DrawChart(f, s.c, 20, y, s.w, s.h); err != nil {
				t.Errorf("%s: %v", s.name, err)
			}
			y += s.h + 8
		}
		if err := f.OutputFileAndClose(filepath.Join(dir, set.name+".pdf")); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "kpi-grid.pdf"), kpiGridPDF(t, true), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestGalleryPNG writes go-chart's raster rendering of the fixtures, for
// comparing with the PDF.
func TestGalleryPNG(t *testing.T) {
	dir := os.Getenv("CHART_GALLERY")
	if dir == "" {
		t.Skip("CHART_GALLERY not set")
	}
	for _, s := range allCharts() {
		b, err := chart.PNG(s.c, int(s.w*chart.PxPerMM), int(s.h*chart.PxPerMM))
		if err != nil {
			t.Errorf("%s: %v", s.name, err)
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, "png-"+s.name+".png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestGalleryBenchmarkDoc writes the benchmark's document.
func TestGalleryBenchmarkDoc(t *testing.T) {
	dir := os.Getenv("CHART_GALLERY")
	if dir == "" {
		t.Skip("CHART_GALLERY not set")
	}
	if err := os.WriteFile(filepath.Join(dir, "ten.pdf"), tenChartPDF(t, true), 0o644); err != nil {
		t.Fatal(err)
	}
}
