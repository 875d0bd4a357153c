package chart

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clean makes s safe to draw: invalid UTF-8 and characters outside the
// Basic Multilingual Plane (emoji; fpdf's UTF-8 fonts cannot hold them and
// panic) become "?", control characters become spaces, and runs of white
// space collapse to one space.
func Clean(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(s[i:]); size <= 1 {
				r = '?'
			}
		case r > 0xFFFF:
			r = '?'
		case unicode.IsControl(r) || unicode.IsSpace(r) || r == 0x2028 || r == 0x2029:
			r = ' '
		}
		if r == ' ' {
			if space || b.Len() == 0 {
				continue
			}
			space = true
		} else {
			space = false
		}
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), " ")
}

func isClean(s string) bool {
	prevSpace := true
	for _, r := range s {
		if r == utf8.RuneError || r > 0xFFFF || unicode.IsControl(r) || (unicode.IsSpace(r) && r != ' ') || r == 0x2028 || r == 0x2029 {
			return false
		}
		if r == ' ' && prevSpace {
			return false
		}
		prevSpace = r == ' '
	}
	return !prevSpace || s == ""
}

// unit describes how values are written: "%" is a suffix, "£" a prefix,
// anything else ("FTE", "cases") a caption on the value axis.
type unit struct {
	prefix, suffix string
	caption        string
}

func parseUnit(u string) unit {
	switch {
	case u == "":
		return unit{}
	case u == "%" || strings.EqualFold(u, "percent"):
		return unit{suffix: "%"}
	case strings.HasPrefix(u, "£") || strings.HasPrefix(u, "€") || strings.HasPrefix(u, "$"):
		_, size := utf8.DecodeRuneInString(u)
		rest := u[size:]
		if rest == "" || rest == "k" || rest == "m" || rest == "bn" {
			return unit{prefix: u[:size], suffix: rest}
		}
		return unit{caption: u}
	}
	return unit{caption: u}
}

// format writes v with dec decimals, thousands separators and the unit.
func (u unit) format(v float64, dec int) string {
	n := formatNumber(v, dec)
	if u.prefix != "" && strings.HasPrefix(n, "-") {
		return "-" + u.prefix + n[1:] + u.suffix // -£200k, not £-200k
	}
	return u.prefix + n + u.suffix
}

// formatNumber writes v with dec decimals and comma thousands separators.
func formatNumber(v float64, dec int) string {
	if dec < 0 {
		dec = 0
	}
	// Round half away from zero, as people do (61.25 -> 61.3), not to even.
	p := math.Pow(10, float64(dec))
	r := math.Round(math.Abs(v)*p+1e-9) / p
	s := strconv.FormatFloat(r, 'f', dec, 64)
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	if len(intPart) > 3 {
		var b strings.Builder
		lead := len(intPart) % 3
		if lead > 0 {
			b.WriteString(intPart[:lead])
		}
		for i := lead; i < len(intPart); i += 3 {
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			b.WriteString(intPart[i : i+3])
		}
		intPart = b.String()
	}
	out := intPart + frac
	if v < 0 && strings.Trim(out, "0.,") != "" {
		out = "-" + out
	}
	return out
}

// valueDecimals is how many decimals value labels need: none when every
// value is whole, otherwise one (two for small values that need them).
func valueDecimals(vals []float64) int {
	maxAbs := 0.0
	for _, v := range vals {
		maxAbs = math.Max(maxAbs, math.Abs(v))
	}
	limit := 1
	if maxAbs < 10 {
		limit = 2
	}
	for d := 0; d < limit; d++ {
		p := math.Pow(10, float64(d))
		exact := true
		for _, v := range vals {
			if math.Abs(math.Round(v*p)-v*p) > 1e-6*math.Max(1, math.Abs(v*p)) {
				exact = false
				break
			}
		}
		if exact {
			return d
		}
	}
	return limit
}

// niceTicks returns ticks from lo to hi (lo <= 0 <= hi is not required) in
// steps of 1, 2 or 5 times a power of ten, with at most maxIntervals
// intervals, and the decimals the step needs. integral data never gets a
// step below 1.
func niceTicks(lo, hi float64, maxIntervals int, integral bool) (ticks []float64, dec int) {
	if maxIntervals < 1 {
		maxIntervals = 1
	}
	if hi < lo {
		lo, hi = hi, lo
	}
	if hi == lo {
		switch {
		case hi > 0:
			lo = 0
		case hi < 0:
			hi = 0
		default:
			if integral {
				hi = float64(min(maxIntervals, 5))
			} else {
				hi = 1
			}
		}
	}
	span := hi - lo
	raw := span / float64(maxIntervals)
	exp := math.Floor(math.Log10(raw))
	mag := math.Pow(10, exp)
	var step float64
	for _, m := range []float64{1, 2, 5, 10} {
		step = m * mag
		// Guard against floating error: 0.30000000000000004 > 0.3.
		if step >= raw*(1-1e-9) {
			break
		}
	}
	if integral && step < 1 {
		step = 1
	}
	// Round step to its significant digits so ticks print cleanly.
	step = roundSig(step)
	first := math.Floor(lo/step+1e-9) * step
	last := math.Ceil(hi/step-1e-9) * step
	for i := 0; ; i++ {
		v := first + float64(i)*step
		if v > last+step*1e-6 || i > 100 {
			break
		}
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		ticks = append(ticks, v)
	}
	if len(ticks) == 1 { // cannot happen with hi > lo, but keep two ticks.
		ticks = append(ticks, ticks[0]+step)
	}
	dec = 0
	if e := math.Floor(math.Log10(step) + 1e-9); e < 0 {
		dec = int(-e)
	}
	return ticks, dec
}

func roundSig(v float64) float64 {
	if v == 0 {
		return 0
	}
	e := math.Floor(math.Log10(math.Abs(v)))
	p := math.Pow(10, e)
	return math.Round(v/p) * p
}

func allIntegral(vs []float64) bool {
	for _, v := range vs {
		if v != math.Trunc(v) {
			return false
		}
	}
	return true
}

// compactTicks is the value axis of a small trend chart: two or three nice
// ticks (1, 2 or 5 times a power of ten apart) enclosing lo..hi without
// reaching for zero, so that a KPI between 80% and 95% fills the plot. A
// flat or one-point series gets a range of a tenth of its size around it.
// The range never goes below zero for data that is not negative, nor above
// 100 for percentages (pct) that are not above 100.
func compactTicks(lo, hi float64, integral, pct bool) (ticks []float64, dec int) {
	if hi < lo {
		lo, hi = hi, lo
	}
	floor0 := lo >= 0
	cap100 := pct && hi <= 100
	minSpan := math.Max(math.Abs(lo), math.Abs(hi)) * 0.1
	if integral {
		minSpan = math.Max(minSpan, 2)
	}
	if minSpan == 0 {
		minSpan = 1
	}
	if hi-lo < minSpan {
		mid := (lo + hi) / 2
		lo, hi = mid-minSpan/2, mid+minSpan/2
		if floor0 && lo < 0 {
			hi, lo = hi-lo, 0
		}
		if cap100 && hi > 100 {
			lo, hi = math.Max(lo-(hi-100), 0), 100
		}
	}
	ticks, dec = niceTicks(lo, hi, 2, integral)
	if len(ticks) > 3 {
		// A coarser step gives three ticks, unless the data would then
		// fill less than 40% of the plot (79 to 101: 50, 100, 150):
		// four ticks are better than a squashed line.
		t3, d3 := niceTicks(lo, hi, 1, integral)
		if (hi-lo)/(t3[len(t3)-1]-t3[0]) >= 0.4 {
			return t3, d3
		}
	}
	return ticks, dec
}
