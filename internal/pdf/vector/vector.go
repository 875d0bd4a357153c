// Package vector draws charts as vector graphics on an fpdf page: it
// implements go-chart's Renderer over fpdf.
package vector

import (
	"errors"

	"codeberg.org/go-pdf/fpdf"

	"github.com/boardpack/boardpack/internal/doc"
)

// DrawChart draws c into the box at (x, y) of size w by h millimetres on the
// current page of f. The fonts package's family must already be registered
// with f. CONTRACT PLACEHOLDER: replaced by the real implementation.
func DrawChart(f *fpdf.Fpdf, c doc.Chart, x, y, w, h float64) error {
	return errors.New("vector: not implemented yet")
}
