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

type catPlan struct {
	plot      box
	ticks     []float64
	tickText  []placedText
	caption   *placedText
	zeroY     float64
	rects     []fillRect
	seps      []line // white separators between stacked segments
	lines     []line
	dots      []dot
	labels    []placedText // value, segment, total and n/a labels
	endLabels []placedText
	catLabels []placedText
	target    *line
	targetTxt *placedText
	targetOK  bool // the target's label found room (or there is no target)
	legend    []legendRow
	legendAt  pt
}

func (p *Plot) drawCategory(c *ctx, th theme, reg box) {
	pl := p.planCategory(c, th, reg, false)
	if !pl.targetOK {
		pl = p.planCategory(c, th, reg, true)
	}
	p.paintCategory(c, th, pl)
}

func (p *Plot) targetLabel() string {
	t := p.target
	v := p.unit.format(t.value, valueDecimals([]float64{t.value}))
	switch {
	case t.label == "":
		return "Target " + v
	case containsDigit(t.label):
		return t.label
	}
	return t.label + " " + v
}

func containsDigit(s string) bool {
	for _, r := range s {
		if r >= '0' && r <= '9' {
			return true
		}
	}
	return false
}

func (p *Plot) planCategory(c *ctx, th theme, reg box, targetInLegend bool) *catPlan {
	pl := &catPlan{targetOK: true}
	n := len(p.cats)
	ns := len(p.series)
	stacked := p.kind == doc.StackedBar
	isLine := p.kind == doc.Line

	// The value domain, from zero, including the target.
	var vals []float64
	lo, hi := 0.0, 0.0
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
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if stacked {
		for i, t := range totals {
			if hasAny[i] {
				vals = append(vals, t)
			}
			hi = math.Max(hi, t)
		}
	}
	integral := allIntegral(vals)
	valueDec := valueDecimals(vals)
	if p.target != nil {
		lo, hi = math.Min(lo, p.target.value), math.Max(hi, p.target.value)
	}

	// The legend, at the bottom.
	var items []legendItem
	markers := isLine && n <= 30
	if ns > 1 {
		for _, s := range p.series {
			it := legendItem{label: s.name, colour: s.colour}
			if isLine {
				it.kind, it.dashed, it.marker = swatchLine, s.dashed, markers && !s.dashed
			}
			if it.label == "" {
				it.label = "(unnamed)"
			}
			items = append(items, it)
		}
	}
	if p.target != nil && targetInLegend {
		items = append(items, legendItem{label: p.targetLabel(), colour: targetLine, kind: swatchLine, dashed: true})
	}
	plotLimit := reg.y1
	if len(items) > 0 {
		pl.legend = c.legendLayout(th.legend, items, reg.w())
		lh := float64(len(pl.legend)) * th.legend.line()
		pl.legendAt = pt{reg.x0, reg.y1 - lh}
		plotLimit = reg.y1 - lh - mm(2)
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
	catH := th.cat.line() + mm(1.5)
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
		maxInt := min(max(int(plotH/mm(8)), 2), 6)
		ticks, tickDec = niceTicks(lo, hi, maxInt, integral)
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
		catLines = p.categoryLabels(c, th.cat, slot, maxLines, isLine)
		lines := 1
		for _, l := range catLines {
			lines = max(lines, len(l))
		}
		newH := float64(lines)*th.cat.line() + mm(1.5)
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
	for _, t := range ticks {
		pl.tickText = append(pl.tickText, placedText{th.axis, p.unit.format(t, tickDec), left - mm(1.8), Y(t) + th.axis.em()*capHeight/2, alignRight})
	}
	for i, ls := range catLines {
		cx := X(i)
		for j, l := range ls {
			w := c.width(th.cat, l)
			x := math.Min(math.Max(cx, reg.x0+w/2), reg.x1-w/2)
			pl.catLabels = append(pl.catLabels, placedText{th.cat, l, x, bottom + mm(1.5) + th.cat.em()*ascent + float64(j)*th.cat.line(), alignCenter})
		}
	}

	var obstacles []box
	var segs [][2]pt

	// Labels must not sit on the target line.
	var tband *box
	if p.target != nil {
		ty := Y(p.target.value)
		tband = &box{left, ty - mm(0.6), right, ty + mm(0.6)}
	}
	hitsTarget := func(t placedText) bool {
		return tband != nil && c.textBox(t).pad(mm(0.2)).overlaps(*tband)
	}
	aboveTarget := func(t placedText) placedText {
		t.y = tband.y0 - mm(0.3) - t.ts.em()*descent*0.5
		return t
	}

	switch {
	case isLine:
		lw, dw := mm(0.5), mm(0.4)
		for _, s := range p.series {
			var run []pt
			flush := func() {
				if len(run) == 1 {
					pl.dots = append(pl.dots, dot{run[0], mm(0.8), s.colour})
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
			for i := 0; i < n; i++ {
				if !s.ok[i] {
					flush()
					continue
				}
				q := pt{X(i), Y(s.vals[i])}
				run = append(run, q)
				if markers && !s.dashed && !(i > 0 && s.ok[i-1]) && !(i < n-1 && s.ok[i+1]) {
					continue // an isolated point: flush draws it
				}
				if markers && !s.dashed {
					pl.dots = append(pl.dots, dot{q, mm(0.65), s.colour})
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
				rightLabs = append(rightLabs, placedText{ts, e.text, X(e.i) + mm(1.6), y + ts.em()*capHeight/2, alignLeft})
				continue
			}
			// A series that stops early is labelled beside its last
			// point, where that is clear of the other lines.
			x, em := X(e.i), ts.em()
			for _, cand := range []placedText{
				{ts, e.text, x + mm(1.6), y + em*capHeight/2, alignLeft},
				{ts, e.text, x, y - mm(1.4), alignCenter},
				{ts, e.text, x, y + mm(1.4) + em*capHeight, alignCenter},
			} {
				b := c.textBox(cand)
				if b.y0 < plotTop-headroom || b.y1 > bottom || b.x1 > right+rightMargin {
					continue
				}
				pb := b.pad(mm(0.3))
				clear := tband == nil || !pb.overlaps(*tband)
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
		slices.SortStableFunc(rightLabs, func(a, b placedText) int {
			switch {
			case a.y < b.y:
				return -1
			case a.y > b.y:
				return 1
			}
			return 0
		})
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
			t := placedText{th.total, p.unit.format(totals[i], valueDec), cx, Y(cum) - mm(1), alignCenter}
			if hitsTarget(t) {
				t = aboveTarget(t)
			}
			if c.width(th.total, t.s) <= slot-mm(0.6) {
				pl.labels = append(pl.labels, t)
				obstacles = append(obstacles, c.textBox(t))
			}
		}

	default: // bars, grouped when there are several series
		gap := mm(0.5)
		var bw float64
		if ns == 1 {
			bw = math.Min(slot*0.62, mm(18))
		} else {
			bw = math.Min((slot*0.78-gap*float64(ns-1))/float64(ns), mm(12))
		}
		pitch := bw + gap
		room := slot - mm(0.8)
		if ns > 1 {
			room = pitch - mm(0.3)
		}
		// The largest label size at which every value label fits.
		vts := valueStyle
		show := false
		for _, size := range []float64{valueStyle.size, 6.5} {
			vts.size = size
			fits := true
			for _, s := range p.series {
				for i, ok := range s.ok {
					if ok && c.width(vts, p.unit.format(s.vals[i], valueDec)) > room {
						fits = false
					}
				}
			}
			if fits {
				show = true
				break
			}
		}
		for i := 0; i < n; i++ {
			gx := X(i) - (float64(ns)*bw+float64(ns-1)*gap)/2
			for si, s := range p.series {
				x0 := gx + float64(si)*pitch
				cx := x0 + bw/2
				if !s.ok[i] {
					t := placedText{th.na, "n/a", cx, pl.zeroY - mm(1), alignCenter}
					if ns == 1 || c.width(th.na, t.s) <= room {
						pl.labels = append(pl.labels, t)
					}
					continue
				}
				v := s.vals[i]
				yv := Y(v)
				pl.rects = append(pl.rects, fillRect{box{x0, math.Min(yv, pl.zeroY), x0 + bw, math.Max(yv, pl.zeroY)}, s.colour})
				obstacles = append(obstacles, box{x0, math.Min(yv, pl.zeroY), x0 + bw, math.Max(yv, pl.zeroY)})
				if show {
					t := placedText{vts, p.unit.format(v, valueDec), cx, yv - mm(1), alignCenter}
					if v < 0 {
						t.y = yv + mm(1) + vts.em()*capHeight
					}
					if hitsTarget(t) {
						// Inside the top of the bar if it is tall enough,
						// else above the target line.
						in := placedText{tstyle{vts.font, vts.size, labelOn(s.colour)}, t.s, cx, yv + mm(1.2) + vts.em()*capHeight, alignCenter}
						if v > 0 && pl.zeroY-yv >= vts.em()*capHeight+mm(2.4) && !hitsTarget(in) {
							t = in
						} else {
							t = aboveTarget(t)
						}
					}
					pl.labels = append(pl.labels, t)
					obstacles = append(obstacles, c.textBox(t))
				}
			}
		}
	}

	// The target line and its label.
	if p.target != nil {
		ty := Y(p.target.value)
		end := right
		for _, t := range pl.endLabels { // stop short of an end label on the line
			if b := c.textBox(t).pad(mm(0.3)); tband.overlaps(b) {
				end = math.Min(end, b.x0-mm(0.3))
			}
		}
		pl.target = &line{pts: []pt{{left, ty}, {end, ty}}, colour: targetLine, width: mm(0.35), dash: []float64{mm(1.6), mm(1.0)}}
		if !targetInLegend {
			pl.targetOK = false
			ts := tstyle{th.value.font, th.value.size, targetLine}
			txt := p.targetLabel()
			em := ts.em()
			above := ty - mm(0.9)
			below := ty + mm(0.9) + em*capHeight
			cands := []placedText{
				{ts, txt, right - mm(0.5), above, alignRight},
				{ts, txt, right - mm(0.5), below, alignRight},
				{ts, txt, left + mm(0.5), above, alignLeft},
				{ts, txt, left + mm(0.5), below, alignLeft},
			}
			for _, cand := range cands {
				b := c.textBox(cand)
				if b.y0 < plotTop-headroom || b.y1 > bottom-mm(0.3) || b.x0 < left || b.x1 > right {
					continue
				}
				pb := b.pad(mm(0.4))
				clear := true
				for _, o := range obstacles {
					if pb.overlaps(o) {
						clear = false
						break
					}
				}
				for _, sg := range segs {
					if clear && pb.crossesSegment(sg[0], sg[1]) {
						clear = false
					}
				}
				if clear {
					t := cand
					pl.targetTxt = &t
					pl.targetOK = true
					break
				}
			}
		}
	}
	return pl
}

// categoryLabels wraps each category label into the slot width. Line charts
// (time series) show every k-th label when the labels do not fit, always
// keeping the latest; bar charts wrap and, at worst, abbreviate with "…".
func (p *Plot) categoryLabels(c *ctx, ts tstyle, slot float64, maxLines int, thin bool) [][]string {
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
		return first
	}
	for k := 2; k <= n; k++ {
		if out, ok := try(k); ok {
			return out
		}
	}
	return first
}

func (p *Plot) paintCategory(c *ctx, th theme, pl *catPlan) {
	plot := pl.plot
	// Grid lines, then marks, then the zero line on top of the bars' feet.
	for _, t := range pl.tickText {
		y := t.y - th.axis.em()*capHeight/2
		if math.Abs(y-pl.zeroY) > 0.5 {
			c.polyline([]pt{{plot.x0, y}, {plot.x1, y}}, gridColour, mm(0.15), nil)
		}
	}
	for _, r := range pl.rects {
		c.rect(r.b.x0, r.b.y0, r.b.x1, r.b.y1, r.colour)
	}
	for _, l := range pl.seps {
		c.polyline(l.pts, l.colour, l.width, l.dash)
	}
	c.polyline([]pt{{plot.x0, pl.zeroY}, {plot.x1, pl.zeroY}}, axisColour, mm(0.25), nil)
	if pl.target != nil {
		// A white casing keeps the dashes visible across dark bars.
		c.polyline(pl.target.pts, white, pl.target.width+mm(0.5), nil)
		c.polyline(pl.target.pts, pl.target.colour, pl.target.width, pl.target.dash)
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
	if pl.targetTxt != nil {
		t := *pl.targetTxt
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
