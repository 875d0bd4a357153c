package pack

import (
	"fmt"
	"strconv"
	"strings"
)

// The pack page number, "Page 12 of 84", is drawn by our own content
// stream appended to each page, in display coordinates mapped to the
// page's user space (page.displayMatrix): it is upright as the page is
// shown whatever its /Rotate, and inside its visible (crop) box.

const (
	mm = 72 / 25.4

	// BandMM is the height of the strip along the bottom edge of every
	// page's visible box, as displayed, where the pack page number goes.
	// Nothing else of the pack is drawn there; generated papers should
	// leave it empty.
	BandMM = 8.0

	stampSizePt     = 8.0 // font size
	stampBaselineMM = 3.0 // from the bottom edge of the visible box
	stampPadMM      = 1.5 // white margin around the text
)

// helveticaWidths are the advance widths (1/1000 em) of the characters a
// page number uses, from the Helvetica AFM.
var helveticaWidths = map[byte]float64{' ': 278, 'P': 667, 'a': 556, 'g': 556, 'e': 556, 'o': 556, 'f': 278}

func textWidth(s string, size float64) float64 {
	w := 0.0
	for i := 0; i < len(s); i++ {
		if v, ok := helveticaWidths[s[i]]; ok {
			w += v
		} else {
			w += 556 // digits
		}
	}
	return w * size / 1000
}

// pageLabel is the text of the stamp on page n of total.
func pageLabel(n, total int) string { return fmt.Sprintf("Page %d of %d", n, total) }

// stampOps returns the content-stream operators that draw label centred in
// the band of page p, on a white ground so it reads over scans. font is
// the resource name of Helvetica on that page.
func stampOps(p page, font, label string) string {
	w, _ := p.displaySize()
	size := stampSizePt
	pad := stampPadMM * mm
	if tw := textWidth(label, size); tw+2*pad > w {
		size = size * (w - 2*pad) / tw // a very narrow page
		if size < 1 {
			size = 1
		}
	}
	tw := textWidth(label, size)
	x := (w - tw) / 2
	base := stampBaselineMM * mm
	capH := 0.718 * size
	m := p.displayMatrix()
	var b strings.Builder
	fmt.Fprintf(&b, "q %s cm\n", nums(m[:]...))
	fmt.Fprintf(&b, "1 g %s re f\n", nums(x-pad, base-pad, tw+2*pad, capH+2*pad))
	fmt.Fprintf(&b, "BT 0 g /%s %s Tf %s Td (%s) Tj ET\nQ\n", font, num(size), nums(x, base), label)
	return b.String()
}

func num(f float64) string {
	s := strconv.FormatFloat(f, 'f', 4, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" || s == "" {
		return "0"
	}
	return s
}

func nums(fs ...float64) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = num(f)
	}
	return strings.Join(parts, " ")
}
