package fpdf

import (
	"math"
	"strconv"
)

// boardpack patch: fpdf formats every coordinate, width and colour
// component with strconv.AppendFloat(b, v, 'f', prec, 64), which works
// through a general decimal conversion. appendF64 gives the same bytes with
// integer arithmetic when that provably rounds as strconv does, and calls
// strconv otherwise.

// pow10F64 holds 10^prec for the precisions appendF64 handles itself.
var pow10F64 = [...]float64{1, 10, 100, 1000, 10000, 100000, 1000000}

// appendF64 appends v as strconv.AppendFloat(dst, v, 'f', prec, 64) does.
//
// strconv writes the exact value X = |v|*10^prec rounded to an integer n
// (ties to even), then n with a point inserted. appendF64 rounds instead
// the float64 product x = fl(X) (10^prec is exact): when x < 2^52, every
// k+1/2 is a float64 and rounding to float64 is monotonic, so x < k+1/2
// implies X < k+1/2 and x > k+1/2 implies X > k+1/2, and X rounds to the
// same n as x. Ties (x == k+1/2, where X may lie on either side), large or
// non-finite values and other precisions go to strconv.
func appendF64(dst []byte, v float64, prec int) []byte {
	if prec < 0 || prec >= len(pow10F64) {
		return strconv.AppendFloat(dst, v, 'f', prec, 64)
	}
	x := math.Abs(v) * pow10F64[prec]
	if !(x < 1<<52) { // also NaN
		return strconv.AppendFloat(dst, v, 'f', prec, 64)
	}
	n := uint64(x)
	switch frac := x - float64(n); { // exact: n <= x < 2n, or n == 0
	case frac < 0.5:
	case frac > 0.5:
		n++
	default:
		return strconv.AppendFloat(dst, v, 'f', prec, 64)
	}
	if math.Signbit(v) {
		dst = append(dst, '-')
	}
	scale := uint64(pow10F64[prec])
	dst = strconv.AppendUint(dst, n/scale, 10)
	if prec > 0 {
		dst = append(dst, '.')
		fr := n % scale
		for d := scale / 10; d > 0; d /= 10 {
			dst = append(dst, byte('0'+fr/d%10))
		}
	}
	return dst
}
