// Package vector draws charts as vector graphics on an fpdf page: it
// implements go-chart's Renderer over fpdf.
package vector

import (
	"errors"
	"fmt"
	"io"
	"math"

	"codeberg.org/go-pdf/fpdf"
	gochart "github.com/wcharczuk/go-chart/v2"

	"github.com/boardpack/boardpack/internal/chart"
	"github.com/boardpack/boardpack/internal/doc"
	"github.com/boardpack/boardpack/internal/fonts"
)

// DrawChart draws c into the box at (x, y) of size w by h millimetres on the
// current page of f. The fonts package's family must already be registered
// with f (styles "", "B" and "I").
//
// The chart fills the box: its title at the top, c.Source in small grey
// text at the bottom, the plot and legend between. A spec with nothing to
// plot draws a "No data for this period" panel, not an error. Afterwards
// fpdf's colours, line width, line join and cap, alpha and font are as they
// were; the dash pattern is solid.
func DrawChart(f *fpdf.Fpdf, c doc.Chart, x, y, w, h float64) (err error) {
	if f == nil {
		return errors.New("vector: nil fpdf")
	}
	if f.Err() {
		return f.Error()
	}
	if !(w > 0 && h > 0) || math.IsInf(w, 0) || math.IsInf(h, 0) {
		return nil // an empty box holds nothing
	}
	if f.GetFontDesc(fonts.Family, "").Ascent == 0 {
		return fmt.Errorf("vector: font family %s is not registered", fonts.Family)
	}
	wpx := max(int(math.Round(w*chart.PxPerMM)), 1)
	hpx := max(int(math.Round(h*chart.PxPerMM)), 1)
	p, err := chart.Build(c, wpx, hpx)
	if err != nil {
		return err
	}
	r := NewRenderer(f, x, y, w, h, wpx, hpx)
	r.Begin()
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("vector: drawing chart %q: %v", c.Title, v)
		}
		r.End()
		if err == nil && f.Err() {
			err = f.Error()
		}
	}()
	return p.Render(func(int, int) (gochart.Renderer, error) { return r, nil }, io.Discard)
}
