package chart

import (
	"math"
	"slices"

	"github.com/wcharczuk/go-chart/v2/drawing"

	"github.com/boardpack/boardpack/internal/doc"
)

// A category chart (bar, stacked bar, line) is planned first, then painted:
// planning measures text and places every mark, so the target's label can
// be checked against the data and moved to the legend if it has no room.

type placedText struct {
	ts tstyle
	s  string
	x  float64 // anchor
	y  float64 // baseline
	a  align
}

func (c *ctx) textBox(t placedText) box {
	w := c.width(t.ts, t.s)
	x0 := t.x
	switch t.a {
	case alignCenter:
		x0 -= w / 2
	case alignRight:
		x0 -= w
	}
	em := t.ts.em()
	return box{x0, t.y - em*capHeight, x0 + w, t.y + em*descent*0.5}
}

type fillRect struct {
	b      box
	colour drawing.Color
}

type line struct {
	pts    []pt
	colour drawing.Color
	width  float64
	dash   []float64
}

type dot struct {
	p      pt
	r      float64
	colour drawing.Color
}

// annotation is a horizontal line across the plot with a label: the
// target, or a reference (comparator) line.
type annotation struct {
	text   string        // "Target 18", "England 17.6%"
	value  float64       // where the line is
	colour drawing.Color // the line's colour, and its label's
	width  float64
	dash   []float64
}

// annotations are the target and then the reference lines.
func (p *Plot) annotations() []annotation {
	var out []annotation
	if p.target != nil {
		out = append(out, annotation{
			text: p.annotLabel(*p.target, "Target"), value: p.target.value,
			colour: targetLine, width: mm(0.35), dash: []float64{mm(1.6), mm(1.0)},
		})
	}
	for i, r := range p.refs {
		st := refStyles[i%len(refStyles)]
		dash := make([]float64, len(st.dash))
		for k, d := range st.dash {
			dash[k] = mm(d)
		}
		out = append(out, annotation{
			text: p.annotLabel(r, "Comparator"), value: r.value,
			colour: st.colour, width: mm(0.3), dash: dash,
		})
	}
	return out
}

// annotLabel is a line's label: its own label with the value appended,
// unless the label already holds a figure, or def and the value.
func (p *Plot) annotLabel(t target, def string) string {
	v := p.unit.format(t.value, valueDecimals([]float64{t.value}))
	switch {
	case t.label == "":
		return def + " " + v
	case containsDigit(t.label):
		return t.label
	}
	return t.label + " " + v
}

type catPlan struct {
	plot      box
	ticks     []float64
	tickText  []placedText
	caption   *placedText
	zeroY     float64
	zeroShown bool // zero is on the value axis: the baseline is drawn
	rects     []fillRect
	seps      []line // white separators between stacked segments
	naMarks   []box  // missing bars too thin for "n/a"
	divider   *line  // the highlight's boundary
	lines     []line
	dots      []dot
	labels    []placedText // value, segment, total and n/a labels
	endLabels []placedText
	catLabels []placedText
	annLines  []line       // target and reference lines, target first
	annTexts  []placedText // their labels that found room in the plot
	placed    []bool       // per annotation: labelled in the plot or in the legend
	needNAKey bool         // naMarks were drawn: the legend must explain them
	legend    []legendRow
	legendAt  pt
}

// planOpts are what a plan puts in the legend besides the series.
type planOpts struct {
	inLegend []bool // per annotation: its label goes to the legend
	naKey    bool   // the legend explains the hollow "not available" mark
}

// drawCategory plans the chart, then plans it again with the labels that
// found no room moved to the legend (which shortens the plot, so a label
// that fitted may no longer fit: each pass only adds to the legend).
func (p *Plot) drawCategory(c *ctx, th theme, reg box) {
	anns := p.annotations()
	o := planOpts{inLegend: make([]bool, len(anns))}
	pl := p.planCategory(c, th, reg, anns, o)
	for pass := 0; pass <= len(anns)+1; pass++ {
		changed := false
		if pl.needNAKey && !o.naKey {
			o.naKey, changed = true, true
		}
		for i, ok := range pl.placed {
			if !ok {
				o.inLegend[i], changed = true, true
			}
		}
		if !changed {
			break
		}
		pl = p.planCategory(c, th, reg, anns, o)
	}
	p.paintCategory(c, th, pl)
}

func containsDigit(s string) bool {
	for _, r := range s {
		if r >= '0' && r <= '9' {
			return true
		}
	}
	return false
}

// barColour is the colour of series si's bar in category i: the value's
// own colour, else the highlight's, else the series'.
func (p *Plot) barColour(si, i int) drawing.Color {
	s := p.series[si]
	if i < len(s.colours) && s.colours[i].A != 0 {
		return s.colours[i]
	}
	if p.highlight != nil && i >= p.highlight.from {
		return p.highlight.colour
	}
	return s.colour
}

func (p *Plot) planCategory(c *ctx, th theme, reg box, anns []annotation, o planOpts) *catPlan {
	pl := &catPlan{placed: make([]bool, len(anns))}
	n := len(p.cats)
	ns := len(p.series)
	stacked := p.kind == doc.StackedBar
	compact := p.kind == doc.SmallLine
	isLine := p.kind == doc.Line || compact

	// The data's range (stacks by their totals), then the value domain:
	// from zero, including the target and references; a small chart's
	// domain fits the data and lines without zero.
	var vals []float64
	dlo, dhi := math.Inf(1), math.Inf(-1)
	totals := make([]float64, n)
	hasAny := make([]bool, n)
	for _, s := range p.series {
		for i, ok := range s.ok {
			if !ok {
				continue
			}
			v := s.vals[i]
			hasAny[i] = true
			vals = append(vals, v)
			if stacked {
				if v > 0 {
					totals[i] += v
				}
				continue
			}
			dlo, dhi = math.Min(dlo, v), math.Max(dhi, v)
		}
	}
	if stacked {
		for i, t := range totals {
			if hasAny[i] {
				vals = append(vals, t)
				dlo, dhi = math.Min(dlo, t), math.Max(dhi, t)
			}
		}
	}
	if math.IsInf(dlo, 0) || math.IsInf(dhi, 0) {
		dlo, dhi = 0, 0
	}
	integral := allIntegral(vals)
	valueDec := valueDecimals(vals)
	for _, a := range anns {
		dlo, dhi = math.Min(dlo, a.value), math.Max(dhi, a.value)
	}
	lo, hi := math.Min(0, dlo), math.Max(0, dhi)

	// The legend, at the bottom. A small chart has none: only a line whose
	// label finds no room in the plot is keyed there.
	var items []legendItem
	markers := isLine && !compact && n <= 30
	hl := p.highlight
	showSeries := !compact && (ns > 1 || (p.kind == doc.GroupedBar && p.series[0].name != "") || (hl != nil && hl.from > 0))
	if showSeries {
		for _, s := range p.series {
			it := legendItem{label: s.name, colour: s.colour}
			if isLine {
				it.kind, it.dashed, it.marker = swatchLine, s.dashed, markers && !s.dashed
			}
			if it.label == "" {
				it.label = "(unnamed)"
				if hl != nil {
					it.label = "Within target"
				}
			}
			items = append(items, it)
		}
	}
	if hl != nil {
		items = append(items, legendItem{label: hl.label, colour: hl.colour})
	}
	if o.naKey {
		items = append(items, legendItem{label: "Not available", colour: naStroke, kind: swatchNA})
	}
	for i, a := range anns {
		if o.inLegend[i] {
			items = append(items, legendItem{label: a.text, colour: a.colour, kind: swatchLine, dash: a.dash, width: a.width})
		}
	}
	plotLimit := reg.y1
	if len(items) > 0 {
		pl.legend = c.legendLayout(th.legend, items, reg.w())
		lh := float64(len(pl.legend)) * th.legend.line()
		pl.legendAt = pt{reg.x0, reg.y1 - lh}
		if compact {
			plotLimit = reg.y1 - lh - mm(1)
		} else {
			plotLimit = reg.y1 - lh - mm(2)
		}
	}

	// The unit caption and the room for labels above the tallest bar.
	top := reg.y0
	if p.unit.caption != "" {
		pl.caption = &placedText{th.caption, p.unit.caption, reg.x0, top + th.caption.em()*ascent, alignLeft}
		top += th.caption.line() + mm(0.5)
	}
	headroom := th.axis.em() * 0.6
	if !isLine {
		headroom = math.Max(headroom, th.value.line()+mm(0.6))
	}
	plotTop := top + headroom

	// End-of-line value labels need a right margin.
	valueStyle := th.value
	type endLab struct {
		s     int
		i     int
		text  string
		right bool
	}
	var ends []endLab
	rightMargin := mm(1)
	if isLine && ns <= 4 {
		for si, s := range p.series {
			last := -1
			for i := n - 1; i >= 0; i-- {
				if s.ok[i] {
					last = i
					break
				}
			}
			if last < 0 {
				continue
			}
			e := endLab{s: si, i: last, text: p.unit.format(s.vals[last], valueDec), right: last == n-1}
			ends = append(ends, e)
			if e.right {
				rightMargin = math.Max(rightMargin, c.width(valueStyle, e.text)+mm(1.4))
			}
		}
	}

	// Settle the plot box: ticks set the left margin, the slot width sets
	// the category labels' wrapping, which sets the plot's bottom.
	catGap := mm(1.5)
	if compact {
		catGap = mm(1)
	}
	catH := th.cat.line() + catGap
	var ticks []float64
	var tickDec int
	var left, right, slot, bottom float64
	var catLines [][]string
	maxLines := 3
	if isLine {
		maxLines = 2
	}
	for pass := 0; pass < 3; pass++ {
		bottom = plotLimit - catH
		plotH := math.Max(bottom-plotTop, mm(4))
		bottom = plotTop + plotH
		if compact {
			ticks, tickDec = compactTicks(dlo, dhi, integral, p.unit.suffix == "%")
		} else {
			maxInt := min(max(int(plotH/mm(8)), 2), 6)
			ticks, tickDec = niceTicks(lo, hi, maxInt, integral)
		}
		widest := 0.0
		for _, t := range ticks {
			widest = math.Max(widest, c.width(th.axis, p.unit.format(t, tickDec)))
		}
		left = reg.x0 + widest + mm(1.8)
		right = reg.x1 - rightMargin
		if right-left < mm(5) {
			right = left + mm(5)
		}
		slot = (right - left) / float64(n)
		if compact {
			catLines = p.endCategoryLabels(c, th.cat, slot, right-left)
		} else {
			thin := isLine || p.sequence()
			// Labels of a bar chart that are not a sequence are all shown:
			// before one is cut with "…", the labels get smaller, down
			// to minCatSize.
			for ts := th.cat; ; ts.size -= 0.5 {
				var fits bool
				catLines, fits = p.categoryLabels(c, ts, slot, maxLines, thin)
				if fits || thin || ts.size-0.5 < minCatSize {
					th.cat = ts
					break
				}
			}
		}
		lines := 1
		for _, l := range catLines {
			lines = max(lines, len(l))
		}
		newH := float64(lines)*th.cat.line() + catGap
		if newH == catH {
			break
		}
		catH = newH
	}
	// The ticks stay valid if the labels' height moved the bottom.
	bottom = math.Max(plotLimit-catH, plotTop+mm(4))
	pl.plot = box{left, plotTop, right, bottom}
	pl.ticks = ticks
	t0, t1 := ticks[0], ticks[len(ticks)-1]
	Y := func(v float64) float64 { return bottom - (v-t0)/(t1-t0)*(bottom-plotTop) }
	X := func(i int) float64 { return left + (float64(i)+0.5)*slot }
	pl.zeroY = Y(0)
	pl.zeroShown = t0 <= 0 && 0 <= t1
	for _, t := range ticks {
		pl.tickText = append(pl.tickText, placedText{th.axis, p.unit.format(t, tickDec), left - mm(1.8), Y(t) + th.axis.em()*capHeight/2, alignRight})
	}
	for i, ls := range catLines {
		cx := X(i)
		for j, l := range ls {
			w := c.width(th.cat, l)
			x := math.Min(math.Max(cx, reg.x0+w/2), reg.x1-w/2)
			pl.catLabels = append(pl.catLabels, placedText{th.cat, l, x, bottom + catGap + th.cat.em()*ascent + float64(j)*th.cat.line(), alignCenter})
		}
	}

	var obstacles []box
	var segs [][2]pt

	// Labels must not sit on the target or a reference line: bands[i] is
	// annotation i's line with a little room either side.
	bands := make([]box, len(anns))
	for i, a := range anns {
		y := Y(a.value)
		bands[i] = box{left, y - mm(0.6), right, y + mm(0.6)}
	}
	hitBand := func(t placedText) int {
		b := c.textBox(t).pad(mm(0.2))
		for i, bd := range bands {
			if b.overlaps(bd) {
				return i
			}
		}
		return -1
	}
	// atRightEnd: a line may stop short of an end label within the last
	// fifth of the plot, where it reads as the line's end.
	atRightEnd := func(b box) bool { return right-b.x0 <= 0.2*(right-left) }
	// clearBands moves t up until it sits on no line.
	clearBands := func(t placedText) placedText {
		for k := 0; k <= len(bands); k++ {
			i := hitBand(t)
			if i < 0 {
				break
			}
			t.y = bands[i].y0 - mm(0.3) - t.ts.em()*descent*0.5
		}
		return t
	}

	switch {
	case isLine:
		lw, dw := mm(0.5), mm(0.4)
		if compact {
			lw = mm(0.45)
		}
		for _, s := range p.series {
			var run []pt
			flush := func() {
				if len(run) == 1 {
					r := mm(0.8)
					if compact {
						r = mm(0.6)
					}
					pl.dots = append(pl.dots, dot{run[0], r, s.colour})
				} else if len(run) > 1 {
					l := line{pts: run, colour: s.colour, width: lw}
					if s.dashed {
						l.width, l.dash = dw, []float64{mm(1.4), mm(0.9)}
					}
					pl.lines = append(pl.lines, l)
					for k := 1; k < len(run); k++ {
						segs = append(segs, [2]pt{run[k-1], run[k]})
					}
				}
				for _, q := range run {
					obstacles = append(obstacles, box{q.x - mm(0.8), q.y - mm(0.8), q.x + mm(0.8), q.y + mm(0.8)})
				}
				run = nil
			}
			last := -1
			for i := 0; i < n; i++ {
				if s.ok[i] {
					last = i
				}
			}
			for i := 0; i < n; i++ {
				if !s.ok[i] {
					flush()
					continue
				}
				q := pt{X(i), Y(s.vals[i])}
				run = append(run, q)
				isolated := !(i > 0 && s.ok[i-1]) && !(i < n-1 && s.ok[i+1])
				if isolated {
					continue // flush draws it
				}
				if markers && !s.dashed {
					pl.dots = append(pl.dots, dot{q, mm(0.65), s.colour})
				}
				if compact && i == last {
					// A small chart marks only its latest value.
					pl.dots = append(pl.dots, dot{q, mm(0.6), s.colour})
				}
			}
			flush()
		}
		// End labels, pushed apart so they never overlap.
		var rightLabs []placedText
		for _, e := range ends {
			s := p.series[e.s]
			ts := tstyle{valueStyle.font, valueStyle.size, readable(s.colour)}
			y := Y(s.vals[e.i])
			if e.right {
				t := placedText{ts, e.text, X(e.i) + mm(1.6), y + ts.em()*capHeight/2, alignLeft}
				b := c.textBox(t)
				if pl.zeroShown && b.x0 < right && b.y0 < pl.zeroY+mm(0.3) && b.y1 > pl.zeroY-mm(0.3) {
					// A latest value of zero: above the baseline, not on it.
					t.y = pl.zeroY - mm(0.5) - ts.em()*descent*0.5
				}
				if !atRightEnd(b) {
					// Far from the right edge (one or few categories):
					// a reference line must not stop short here, so the
					// label moves off it instead.
					t = clearBands(t)
				}
				rightLabs = append(rightLabs, t)
				continue
			}
			// A series that stops early is labelled beside its last
			// point, where that is clear of the other lines.
			x, em := X(e.i), ts.em()
			for _, cand := range []placedText{
				{ts, e.text, x + mm(1.6), y + em*capHeight/2, alignLeft},
				{ts, e.text, x, y - mm(1.4), alignCenter},
				{ts, e.text, x, y + mm(1.4) + em*capHeight, alignCenter},
				{ts, e.text, x - mm(1.6), y + em*capHeight/2, alignRight},
			} {
				b := c.textBox(cand)
				if b.y0 < plotTop-headroom || b.y1 > bottom || b.x1 > right+rightMargin || b.x0 < left {
					continue
				}
				pb := b.pad(mm(0.3))
				clear := true
				for _, bd := range bands {
					clear = clear && !pb.overlaps(bd)
				}
				for _, o := range obstacles {
					clear = clear && !pb.overlaps(o)
				}
				for _, sg := range segs {
					clear = clear && !pb.crossesSegment(sg[0], sg[1])
				}
				if clear {
					pl.labels = append(pl.labels, cand)
					obstacles = append(obstacles, b)
					break
				}
			}
		}
		slices.SortStableFunc(rightLabs, func(a, b placedText) int { return cmpFloat(a.y, b.y) })
		gap := valueStyle.em() * 1.05
		for i := 1; i < len(rightLabs); i++ {
			rightLabs[i].y = math.Max(rightLabs[i].y, rightLabs[i-1].y+gap)
		}
		if k := len(rightLabs); k > 0 && rightLabs[k-1].y > bottom+valueStyle.em() {
			shift := rightLabs[k-1].y - (bottom + valueStyle.em())
			for i := range rightLabs {
				rightLabs[i].y -= shift
			}
		}
		pl.endLabels = rightLabs
		for _, t := range rightLabs {
			obstacles = append(obstacles, c.textBox(t))
		}

	case stacked:
		bw := math.Min(slot*0.62, mm(18))
		segTS := valueStyle
		for i := 0; i < n; i++ {
			cx := X(i)
			x0, x1 := cx-bw/2, cx+bw/2
			if !hasAny[i] {
				t := placedText{th.na, "n/a", cx, pl.zeroY - mm(1), alignCenter}
				pl.labels = append(pl.labels, t)
				continue
			}
			cum := 0.0
			var prevTop float64
			first := true
			for _, s := range p.series {
				if !s.ok[i] || s.vals[i] <= 0 {
					continue
				}
				v := s.vals[i]
				yb, yt := Y(cum), Y(cum+v)
				pl.rects = append(pl.rects, fillRect{box{x0, yt, x1, yb}, s.colour})
				if !first {
					pl.seps = append(pl.seps, line{pts: []pt{{x0, prevTop}, {x1, prevTop}}, colour: white, width: mm(0.3)})
				}
				first = false
				prevTop = yt
				txt := p.unit.format(v, valueDec)
				if yb-yt >= segTS.em()*1.15 && c.width(segTS, txt) <= bw-mm(1) {
					ts := tstyle{segTS.font, segTS.size, labelOn(s.colour)}
					pl.labels = append(pl.labels, placedText{ts, txt, cx, (yt+yb)/2 + ts.em()*capHeight/2, alignCenter})
				}
				cum += v
			}
			obstacles = append(obstacles, box{x0, Y(cum), x1, pl.zeroY})
			t := clearBands(placedText{th.total, p.unit.format(totals[i], valueDec), cx, Y(cum) - mm(1), alignCenter})
			if c.width(th.total, t.s) <= slot-mm(0.6) {
				pl.labels = append(pl.labels, t)
				obstacles = append(obstacles, c.textBox(t))
			}
		}

	default: // bars, side by side when there are several series
		p.planBars(c, th, pl, barGeom{n: n, slot: slot, X: X, Y: Y, valueDec: valueDec, hasAny: hasAny},
			valueStyle, &obstacles, bands, hitBand, clearBands)
		if hl != nil && hl.from > 0 {
			dx := left + float64(hl.from)*slot
			pl.divider = &line{pts: []pt{{dx, plotTop}, {dx, bottom}}, colour: dividerLine, width: mm(0.25), dash: []float64{mm(1.0), mm(0.7)}}
			obstacles = append(obstacles, box{dx - mm(0.2), plotTop, dx + mm(0.2), bottom})
		}
	}

	// The target and reference lines, stopping short of an end label on
	// the line; then their labels, the target's first, each clear of the
	// data, of the other lines and of the labels already placed.
	for ai, a := range anns {
		ty := Y(a.value)
		end := right
		for _, t := range pl.endLabels {
			if b := c.textBox(t).pad(mm(0.3)); bands[ai].overlaps(b) && atRightEnd(b) {
				end = math.Min(end, b.x0-mm(0.3))
			}
		}
		pl.annLines = append(pl.annLines, line{pts: []pt{{left, ty}, {end, ty}}, colour: a.colour, width: a.width, dash: a.dash})
		if o.inLegend[ai] {
			pl.placed[ai] = true
		}
	}
	for ai, a := range anns {
		if o.inLegend[ai] {
			continue
		}
		ty := Y(a.value)
		end := pl.annLines[ai].pts[1].x
		ts := tstyle{th.annot.font, th.annot.size, a.colour}
		em := ts.em()
		above := ty - mm(0.9)
		below := ty + mm(0.9) + em*capHeight
		sides := []float64{above, below}
		// Away from the nearest other line when it is close above.
		nearest, nearAbove := math.Inf(1), false
		for bj, b := range anns {
			if d := Y(b.value) - ty; bj != ai && math.Abs(d) < nearest {
				nearest, nearAbove = math.Abs(d), d < 0
			}
		}
		if nearAbove && nearest < 3*em {
			sides = []float64{below, above}
		}
		type xa struct {
			x float64
			a align
		}
		xs := []xa{{end - mm(0.5), alignRight}, {left + mm(0.5), alignLeft}}
		for _, f := range []float64{0.75, 0.5, 0.25} {
			xs = append(xs, xa{left + f*(end-left), alignCenter})
		}
	cands:
		for _, x := range xs {
			for _, y := range sides {
				cand := placedText{ts, a.text, x.x, y, x.a}
				b := c.textBox(cand)
				if b.y0 < plotTop-headroom || b.y1 > bottom-mm(0.3) || b.x0 < left || b.x1 > right {
					continue
				}
				pb := b.pad(mm(0.4))
				clear := true
				for _, ob := range obstacles {
					if pb.overlaps(ob) {
						clear = false
						break
					}
				}
				for bj, bd := range bands {
					if clear && bj != ai && pb.overlaps(bd) {
						clear = false
					}
				}
				for _, sg := range segs {
					if clear && pb.crossesSegment(sg[0], sg[1]) {
						clear = false
					}
				}
				if clear {
					pl.annTexts = append(pl.annTexts, cand)
					obstacles = append(obstacles, b)
					pl.placed[ai] = true
					break cands
				}
			}
		}
	}
	return pl
}

// barGeom is what planBars needs of the category layout.
type barGeom struct {
	n        int
	slot     float64
	X        func(int) float64
	Y        func(float64) float64
	valueDec int
	hasAny   []bool
}

// planBars places bars: one per category, or one per series side by side
// within each category. Value labels are printed above the bars when every
// one of them fits over its bar (at 7.5 or 6.5 points), else none is, so
// they never overlap. A missing value is "n/a" (for the whole group when
// every series is missing), or a hollow dashed stub keyed in the legend
// where "n/a" is wider than the bar: never a zero.
func (p *Plot) planBars(c *ctx, th theme, pl *catPlan, g barGeom, valueStyle tstyle, obstacles *[]box,
	bands []box, hitBand func(placedText) int, clearBands func(placedText) placedText) {
	ns := len(p.series)
	slot := g.slot
	var bw, gap float64
	if ns == 1 {
		bw = math.Min(slot*0.62, mm(18))
	} else {
		group := slot * 0.78
		gap = math.Min(mm(0.5), group/float64(ns)*0.15)
		bw = math.Min((group-gap*float64(ns-1))/float64(ns), mm(12))
	}
	bw = math.Max(bw, 1)
	pitch := bw + gap
	room := slot - mm(0.8)
	if ns > 1 {
		room = pitch - mm(0.4)
	}
	// The largest label size at which every value label fits.
	vts := valueStyle
	show := false
	for _, size := range []float64{valueStyle.size, 6.5} {
		vts.size = size
		fits := true
		for _, s := range p.series {
			for i, ok := range s.ok {
				if ok && c.width(vts, p.unit.format(s.vals[i], g.valueDec)) > room {
					fits = false
				}
			}
		}
		if fits {
			show = true
			break
		}
	}
	zeroY := pl.zeroY
	na := func(cx, width float64, x0, x1 float64) {
		t := placedText{th.na, "n/a", cx, zeroY - mm(1), alignCenter}
		if c.width(th.na, t.s) <= width {
			pl.labels = append(pl.labels, t)
			*obstacles = append(*obstacles, c.textBox(t))
			return
		}
		b := box{x0, zeroY - mm(1.6), x1, zeroY}
		pl.naMarks = append(pl.naMarks, b)
		*obstacles = append(*obstacles, b)
		pl.needNAKey = true
	}
	gw := float64(ns)*bw + float64(ns-1)*gap
	for i := 0; i < g.n; i++ {
		gx := g.X(i) - gw/2
		if ns > 1 && !g.hasAny[i] {
			na(g.X(i), slot-mm(0.6), gx, gx+gw)
			continue
		}
		for si, s := range p.series {
			x0 := gx + float64(si)*pitch
			cx := x0 + bw/2
			if !s.ok[i] {
				w := room
				if ns == 1 {
					w = slot - mm(0.4)
				}
				na(cx, w, x0, x0+bw)
				continue
			}
			v := s.vals[i]
			col := p.barColour(si, i)
			yv := g.Y(v)
			b := box{x0, math.Min(yv, zeroY), x0 + bw, math.Max(yv, zeroY)}
			pl.rects = append(pl.rects, fillRect{b, col})
			*obstacles = append(*obstacles, b)
			if !show {
				continue
			}
			t := placedText{vts, p.unit.format(v, g.valueDec), cx, yv - mm(1), alignCenter}
			if v < 0 {
				t.y = yv + mm(1) + vts.em()*capHeight
			}
			if hitBand(t) >= 0 {
				// Inside the top of the bar, below any line crossing
				// it, if the bar is tall and wide enough; else above
				// the lines.
				in := placedText{tstyle{vts.font, vts.size, labelOn(col)}, t.s, cx, yv + mm(1.2) + vts.em()*capHeight, alignCenter}
				for k := 0; k < len(bands); k++ {
					i := hitBand(in)
					if i < 0 {
						break
					}
					in.y = bands[i].y1 + mm(0.4) + vts.em()*capHeight
				}
				if v > 0 && in.y+mm(0.8) <= zeroY && c.width(vts, t.s) <= bw-mm(0.6) && hitBand(in) < 0 {
					t = in
				} else {
					t = clearBands(t)
				}
			}
			pl.labels = append(pl.labels, t)
			*obstacles = append(*obstacles, c.textBox(t))
		}
	}
}

// endCategoryLabels names the first and the last category only: a small
// trend chart's period. The first is left out when the two would touch.
func (p *Plot) endCategoryLabels(c *ctx, ts tstyle, slot, plotW float64) [][]string {
	n := len(p.cats)
	out := make([][]string, n)
	last := c.ellipsis(ts, p.cats[n-1], math.Max(plotW/2-mm(1), mm(4)))
	if last != "" {
		out[n-1] = []string{last}
	}
	if n > 1 {
		first := c.ellipsis(ts, p.cats[0], math.Max(plotW/2-mm(1), mm(4)))
		if first != "" && (c.width(ts, first)+c.width(ts, last))/2+mm(2) <= float64(n-1)*slot {
			out[0] = []string{first}
		}
	}
	return out
}

// sequence reports whether the categories look like an ordered sequence
// (months, quarters, years, bands such as "0-4"): every label holds a
// figure. Such labels may be thinned, as a reader can count along them;
// names of teams or areas may not.
func (p *Plot) sequence() bool {
	for _, s := range p.cats {
		if !containsDigit(s) {
			return false
		}
	}
	return len(p.cats) > 1
}

// categoryLabels wraps each category label into the slot width. Line charts
// (time series) and bar charts over a sequence show every k-th label when
// the labels do not fit, always keeping the latest; other bar charts wrap
// and, at worst, abbreviate with "…". fits reports whether every label is
// whole.
func (p *Plot) categoryLabels(c *ctx, ts tstyle, slot float64, maxLines int, thin bool) (labels [][]string, fits bool) {
	n := len(p.cats)
	try := func(k int) ([][]string, bool) {
		out := make([][]string, n)
		all := true
		w := float64(k)*slot - mm(1)
		lines := maxLines
		if k > 1 { // thinned labels need a clear gap to read as separate
			w, lines = float64(k)*slot-mm(3), 1
		}
		for i, s := range p.cats {
			if (n-1-i)%k != 0 {
				continue
			}
			l, fits := c.wrap(ts, s, w, lines)
			out[i] = l
			all = all && fits
		}
		return out, all
	}
	first, ok := try(1)
	if ok || !thin {
		return first, ok
	}
	for k := 2; k <= n; k++ {
		if out, ok := try(k); ok {
			return out, true
		}
	}
	return first, false
}

// minCatSize is the smallest type, in points, category labels are set in
// to fit them whole, as small as the small charts of a grid.
const minCatSize = 6.5

func (p *Plot) paintCategory(c *ctx, th theme, pl *catPlan) {
	plot := pl.plot
	// Grid lines, then marks, then the zero line on top of the bars' feet.
	for _, t := range pl.tickText {
		y := t.y - th.axis.em()*capHeight/2
		if !pl.zeroShown || math.Abs(y-pl.zeroY) > 0.5 {
			c.polyline([]pt{{plot.x0, y}, {plot.x1, y}}, gridColour, mm(0.15), nil)
		}
	}
	for _, r := range pl.rects {
		c.rect(r.b.x0, r.b.y0, r.b.x1, r.b.y1, r.colour)
	}
	for _, l := range pl.seps {
		c.polyline(l.pts, l.colour, l.width, l.dash)
	}
	for _, b := range pl.naMarks {
		c.naBox(b)
	}
	if pl.zeroShown {
		c.polyline([]pt{{plot.x0, pl.zeroY}, {plot.x1, pl.zeroY}}, axisColour, mm(0.25), nil)
	}
	if pl.divider != nil {
		c.polyline(pl.divider.pts, pl.divider.colour, pl.divider.width, pl.divider.dash)
	}
	// Reference lines under the target; a white casing keeps the dashes
	// visible across dark bars.
	for i := len(pl.annLines) - 1; i >= 0; i-- {
		l := pl.annLines[i]
		c.polyline(l.pts, white, l.width+mm(0.5), nil)
		c.polyline(l.pts, l.colour, l.width, l.dash)
	}
	for _, l := range pl.lines {
		c.polyline(l.pts, l.colour, l.width, l.dash)
	}
	for _, d := range pl.dots {
		c.disc(d.p.x, d.p.y, d.r, d.colour)
	}
	for _, t := range pl.labels {
		c.text(t.ts, t.s, t.x, t.y, t.a)
	}
	for _, t := range pl.annTexts {
		c.text(t.ts, t.s, t.x, t.y, t.a)
	}
	for _, t := range pl.endLabels {
		c.text(t.ts, t.s, t.x, t.y, t.a)
	}
	for _, t := range pl.tickText {
		c.text(t.ts, t.s, t.x, t.y, t.a)
	}
	if pl.caption != nil {
		c.text(pl.caption.ts, pl.caption.s, pl.caption.x, pl.caption.y, pl.caption.a)
	}
	for _, t := range pl.catLabels {
		c.text(t.ts, t.s, t.x, t.y, t.a)
	}
	if len(pl.legend) > 0 {
		c.drawLegend(th.legend, pl.legend, pl.legendAt.x, pl.legendAt.y)
	}
}
