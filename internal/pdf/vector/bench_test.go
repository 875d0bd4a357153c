package vector

import (
	"bytes"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"github.com/boardpack/boardpack/internal/fonts"
)

// layoutTen places the ten board charts on A4 pages with a heading and a
// line of body text above each, drawing the charts only when draw is set.
func layoutTen(tb testing.TB, f *fpdf.Fpdf, draw bool) {
	y, x := 20.0, 20.0
	for _, s := range boardCharts() {
		if x+s.w > 195 {
			x, y = 20, y+s.h+18
		}
		if y+s.h+14 > 280 {
			f.AddPage()
			x, y = 20, 20
		}
		f.SetFont(fonts.Family, "B", 11)
		f.Text(x, y, "Figure "+s.name)
		f.SetFont(fonts.Family, "", 10)
		if s.w > 100 {
			f.Text(x, y+5, "The chart below shows the position at 31 March 2026 against target.")
		}
		if draw {
			if err := DrawChart(f, s.c, x, y+8, s.w, s.h); err != nil {
				tb.Fatal(err)
			}
		}
		if s.w < 100 {
			x += s.w + 3
		} else {
			y += s.h + 18
		}
	}
}

func tenChartPDF(tb testing.TB, draw bool) []byte {
	f := newPDF()
	layoutTen(tb, f, draw)
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkDrawTenCharts times drawing the ten typical board charts
// (DrawChart calls only) and reports how many bytes they add to the PDF.
func BenchmarkDrawTenCharts(b *testing.B) {
	with, without := tenChartPDF(b, true), tenChartPDF(b, false)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		f := newPDF()
		b.StartTimer()
		layoutTen(b, f, true)
	}
	b.ReportMetric(float64(len(with)-len(without)), "pdf-bytes-added")
	b.ReportMetric(float64(len(with)), "pdf-bytes")
}

// BenchmarkTenChartPDF times the whole document with ten charts, output
// (font subsetting and compression) included.
func BenchmarkTenChartPDF(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		tenChartPDF(b, true)
	}
}

// BenchmarkTenChartPDFWithoutCharts is the same document without charts.
func BenchmarkTenChartPDFWithoutCharts(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		tenChartPDF(b, false)
	}
}
