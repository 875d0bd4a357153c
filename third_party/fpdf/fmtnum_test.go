// Copyright ©2026 The boardpack Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

// boardpack patch: appendF64 must give the bytes stock fpdf's
// strconv.AppendFloat(b, v, 'f', prec, 64) gives, for every value.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// checkF64 reports whether appendF64 formats v at prec as strconv does.
func checkF64(t testing.TB, v float64, prec int) bool {
	var a, b [64]byte
	got := appendF64(a[:0], v, prec)
	want := strconv.AppendFloat(b[:0], v, 'f', prec, 64)
	if string(got) != string(want) {
		t.Errorf("appendF64(%v (%#x), %d) = %q, strconv gives %q", v, math.Float64bits(v), prec, got, want)
		return false
	}
	return true
}

// TestAppendF64Grid compares, at every precision appendF64 handles and
// with both signs, the multiples of 10^-prec, the points halfway between
// them (ties, where rounding is decided) and each one's float64 neighbours:
// up to 2,000 at precision 2 and 1,000 at precision 3 (fpdf's; an A4 page
// is 842 points high), up to 10 (or 100,000 multiples) at the others.
func TestAppendF64Grid(t *testing.T) {
	t.Parallel()
	failures := 0
	for prec := range 7 {
		scale := pow10F64[prec]
		last := min(10*scale, 100_000)
		switch prec {
		case 2:
			last = 2000 * scale
		case 3:
			last = 1000 * scale
		}
		for i := 0.0; i <= last; i++ {
			for _, x := range []float64{i / scale, (i + 0.5) / scale} {
				for _, y := range []float64{x, math.Nextafter(x, 0), math.Nextafter(x, 1e9)} {
					if !checkF64(t, y, prec) || !checkF64(t, -y, prec) {
						failures++
					}
				}
			}
			if failures > 10 {
				t.Fatal("too many differences")
			}
		}
	}
}

// TestAppendF64Coordinates compares values made as fpdf makes them:
// millimetres in steps of 1/3000 up to 333 times the points-per-millimetre
// scale, and page heights minus them.
func TestAppendF64Coordinates(t *testing.T) {
	t.Parallel()
	k := 72.0 / 25.4
	h := 297.0
	for i := range 1_000_000 {
		mm := float64(i) / 3000
		for _, v := range []float64{mm * k, (h - mm) * k, mm / 255} {
			for _, prec := range []int{2, 3} {
				if !checkF64(t, v, prec) {
					t.FailNow()
				}
			}
		}
	}
}

// TestAppendF64Random compares random values of every magnitude, random
// bit patterns (NaN, infinities, subnormals included) and the special
// values.
func TestAppendF64Random(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	special := []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1),
		math.MaxFloat64, math.SmallestNonzeroFloat64, 1 << 52, 1<<52 - 0.5, 1<<51 + 0.5, 1<<53 + 2, 1e7, 1e7 - 0.005,
		0.005, 0.0005, 0.015, 0.125, 2.675, 1.0005, 0.5, 1.5, 2.5}
	for _, v := range special {
		for prec := -1; prec <= 8; prec++ {
			checkF64(t, v, prec)
			checkF64(t, -v, prec)
		}
	}
	for range 500_000 {
		v := (r.Float64()*2 - 1) * math.Pow(10, r.Float64()*20-6)
		for _, prec := range []int{0, 2, 3, 6} {
			if !checkF64(t, v, prec) {
				t.FailNow()
			}
		}
	}
	for range 20_000 {
		v := math.Float64frombits(r.Uint64())
		for _, prec := range []int{2, 3} {
			if !checkF64(t, v, prec) {
				t.FailNow()
			}
		}
	}
}

// FuzzAppendF64 compares appendF64 with strconv for values the fuzzer picks
// (the seeds run with go test).
func FuzzAppendF64(f *testing.F) {
	for _, v := range []float64{0, -0.004, 0.005, 2.675, 841.89, 1e9, 123456.785} {
		for _, prec := range []int{2, 3} {
			f.Add(v, prec)
		}
	}
	f.Fuzz(func(t *testing.T, v float64, prec int) {
		if prec < -1 || prec > 20 {
			return
		}
		checkF64(t, v, prec)
	})
}

func BenchmarkAppendF64(b *testing.B) {
	buf := make([]byte, 0, 32)
	for i := range b.N {
		buf = appendF64(buf[:0], float64(i%100000)*0.3527777, 2)
	}
}

func BenchmarkStrconvF64(b *testing.B) {
	buf := make([]byte, 0, 32)
	for i := range b.N {
		buf = strconv.AppendFloat(buf[:0], float64(i%100000)*0.3527777, 'f', 2, 64)
	}
}

// stockRGBColorValue is rgbColorValue's string as stock fpdf v0.12.0 makes
// it: each component v/255 formatted with fmtF64 at precision 3.
func stockRGBColorValue(r, g, b int, grayStr, fullStr string) string {
	f3 := func(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }
	ir, fr := colorComp(r)
	ig, fg := colorComp(g)
	_, fb := colorComp(b)
	gray := ir == ig && fr == fb
	if len(grayStr) > 0 {
		if gray {
			return f3(fr) + " " + grayStr
		}
		return f3(fr) + " " + f3(fg) + " " + f3(fb) + " " + fullStr
	}
	return f3(fr) + " " + f3(fg) + " " + f3(fb)
}

// TestRGBColorValueIsStock compares the colour operators rgbColorValue
// writes with stock fpdf's, for every value of each component (in range
// and clamped), grays and colours, draw, fill and gradient forms.
func TestRGBColorValueIsStock(t *testing.T) {
	f := New("P", "mm", "A4", "")
	bad := 0
	for v := -2; v <= 257; v++ {
		for w := -2; w <= 257; w += 3 {
			for _, c := range [][3]int{{v, v, v}, {v, w, (v + w) & 255}, {w, v, 17}, {0, w, v}, {v, v, w}} {
				for _, mode := range [][2]string{{"G", "RG"}, {"g", "rg"}, {"", ""}} {
					got := f.rgbColorValue(c[0], c[1], c[2], mode[0], mode[1]).str
					want := stockRGBColorValue(c[0], c[1], c[2], mode[0], mode[1])
					if got != want && bad < 5 {
						t.Errorf("rgbColorValue(%d, %d, %d, %q, %q) = %q, stock fpdf gives %q", c[0], c[1], c[2], mode[0], mode[1], got, want)
					}
					if got != want {
						bad++
					}
				}
			}
		}
	}
}

// TestSetFontOperatorIsStock compares the operator SetFont writes to the
// page with stock fpdf's f.outf("BT /F%s %.2f Tf ET", ...), for sizes that
// round either way, ties, zero (the current size) and non-finite sizes.
func TestSetFontOperatorIsStock(t *testing.T) {
	f := New("P", "mm", "A4", "")
	for _, tf := range testFonts {
		f.AddUTF8FontFromBytes(tf.key, "", tf.ttf)
	}
	f.AddPage()
	sizes := []float64{10, 8.5, 9.125, 0.015, 11.994999, 12.005, 0, 1e9, math.Inf(1), math.NaN(), -3.335}
	r := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		sizes = append(sizes, r.Float64()*40)
	}
	var prev float64
	for i, size := range sizes {
		tf := testFonts[i%len(testFonts)]
		page := f.pages[f.page]
		n := page.Len()
		f.SetFont(tf.key, "", size)
		if err := f.Error(); err != nil {
			t.Fatal(err)
		}
		if size == 0 {
			size = prev
		}
		prev = size
		got := page.String()[n:]
		want := fmt.Sprintf("BT /F%s %.2f Tf ET\n", f.currentFont.i, size)
		if got != want {
			t.Fatalf("SetFont(%q, \"\", %v) writes %q, stock fpdf %q", tf.key, size, got, want)
		}
	}
}
