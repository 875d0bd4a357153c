package chart

import (
	"math"
	"slices"
)

// drawDonut draws the first series as a donut: one segment per category
// with a value above zero, counts in the segments (or just outside when a
// segment is too thin), the total in the hole, and a legend listing every
// category with its value and share, zeros included.
func (p *Plot) drawDonut(c *ctx, th theme, reg box) {
	s := p.series[0]
	total := 0.0
	var present []float64
	for i, ok := range s.ok {
		if ok {
			present = append(present, s.vals[i])
			if s.vals[i] > 0 {
				total += s.vals[i]
			}
		}
	}
	dec := valueDecimals(present)

	var items []legendItem
	for i, name := range p.cats {
		// One series colour cannot tell segments apart: the palette does.
		col := areaPalette[i%len(areaPalette)]
		if i < len(s.colours) && s.colours[i].A != 0 {
			col = s.colours[i]
		}
		label := name
		if label == "" {
			label = "(unnamed)"
		}
		switch {
		case !s.ok[i]:
			label += ": n/a"
		case s.vals[i] <= 0:
			label += ": " + p.unit.format(math.Max(s.vals[i], 0), dec)
		default:
			label += ": " + p.unit.format(s.vals[i], dec) + " (" + share(s.vals[i], total) + ")"
		}
		items = append(items, legendItem{label: label, colour: col})
	}

	vts := th.value
	margin := vts.line() + mm(1)
	// Legend to the right when the box is wide, else below.
	legendW := 0.0
	for _, it := range items {
		legendW = math.Max(legendW, c.swatchWidth(th.legend, swatchBox)+mm(1.2)+c.width(th.legend, it.label))
	}
	legendW = math.Min(legendW, reg.w()*0.55)
	var R, cx, cy float64
	var rows []legendRow
	var legendAt pt
	if reg.w()-legendW-mm(8) >= reg.h() {
		widest := 0.0 // room for a label beside the ring
		for i, ok := range s.ok {
			if ok && s.vals[i] > 0 {
				widest = math.Max(widest, c.width(vts, p.unit.format(s.vals[i], dec)))
			}
		}
		R = (reg.h() - 2*margin) / 2
		cx = reg.x0 + math.Max(margin+mm(4), widest+mm(4.5)) + R
		cy = (reg.y0 + reg.y1) / 2
		// One item per row, vertically centred on the donut.
		for _, it := range items {
			it.label = c.ellipsis(th.legend, it.label, legendW-c.swatchWidth(th.legend, swatchBox)-mm(1.2)+0.5)
			rows = append(rows, legendRow{items: []legendItem{it}, xs: []float64{0}})
		}
		lh := float64(len(rows)) * th.legend.line()
		legendAt = pt{cx + R + math.Max(margin, widest+mm(2.5)) + mm(5), math.Max(reg.y0, cy-lh/2)}
	} else {
		rows = c.legendLayout(th.legend, items, reg.w())
		lh := float64(len(rows)) * th.legend.line()
		R = math.Min(reg.w()-2*margin, reg.h()-lh-mm(2)-2*margin) / 2
		cx = (reg.x0 + reg.x1) / 2
		cy = reg.y0 + margin + R
		legendAt = pt{reg.x0, reg.y1 - lh}
	}
	R = math.Max(R, mm(6))
	inner := R * 0.58

	// Segments, clockwise from 12 o'clock.
	type seg struct {
		a0, da float64
		v      float64
		col    legendItem
	}
	var segs []seg
	a := -math.Pi / 2
	for i, ok := range s.ok {
		if !ok || s.vals[i] <= 0 {
			continue
		}
		da := 2 * math.Pi * s.vals[i] / total
		segs = append(segs, seg{a, da, s.vals[i], items[i]})
		a += da
	}
	sep := mm(0.35)
	if len(segs) == 1 {
		sep = 0
	}
	for _, sg := range segs {
		c.wedge(cx, cy, R, sg.a0, sg.da, sg.col.colour, white, sep)
	}
	c.disc(cx, cy, inner, white)

	// Labels: inside the ring when they fit, else just outside, stacked
	// down each side so that thin neighbours' labels do not overlap, with a
	// leader line when a label had to move away from its segment.
	mid := (R + inner) / 2
	type outLabel struct {
		txt        string
		ex, ey     float64 // the segment's outer edge at mid-angle
		x, y, want float64 // anchor; y is the label's vertical centre
		right      bool
	}
	var outs []outLabel
	for _, sg := range segs {
		txt := p.unit.format(sg.v, dec)
		w := c.width(vts, txt)
		am := sg.a0 + sg.da/2
		ca, sa := math.Cos(am), math.Sin(am)
		if R-inner >= vts.em()*1.3 && sg.da*mid >= w+mm(1.5) {
			ts := tstyle{vts.font, vts.size, labelOn(sg.col.colour)}
			c.text(ts, txt, cx+ca*mid, cy+sa*mid+ts.em()*capHeight/2, alignCenter)
			continue
		}
		ro := R + mm(1.2) + math.Abs(sa)*vts.em()*capHeight/2
		y := cy + sa*ro
		outs = append(outs, outLabel{txt: txt, ex: cx + ca*R, ey: cy + sa*R, x: cx + ca*ro, y: y, want: y, right: ca >= 0})
	}
	gap := vts.em() * 1.1
	for _, right := range []bool{true, false} {
		var side []*outLabel
		for i := range outs {
			if outs[i].right == right {
				side = append(side, &outs[i])
			}
		}
		slices.SortStableFunc(side, func(a, b *outLabel) int { return cmpFloat(a.y, b.y) })
		for i := 1; i < len(side); i++ {
			if side[i].y < side[i-1].y+gap {
				side[i].y = side[i-1].y + gap
			}
		}
		for _, o := range side {
			if math.Abs(o.y-o.want) > mm(0.6) {
				// Moved: keep it beside the ring and draw a leader.
				lx := cx + (R+mm(3))*sign(right)
				if right {
					o.x = math.Max(o.x, lx)
				} else {
					o.x = math.Min(o.x, lx)
				}
				c.polyline([]pt{{o.ex, o.ey}, {o.x - sign(right)*mm(0.6), o.y}}, textGrey, mm(0.15), nil)
			}
			a := alignLeft
			if !right {
				a = alignRight
			}
			c.text(vts, o.txt, o.x, o.y+vts.em()*capHeight/2, a)
		}
	}

	// The total in the hole.
	tt := p.unit.format(total, dec)
	fitsHole := c.width(th.centre, tt) <= 2*inner-mm(3) &&
		th.centre.em()*capHeight+th.centreLabel.line()+mm(3) <= 2*inner
	if p.unit.suffix != "%" && fitsHole {
		c.text(th.centre, tt, cx, cy+th.centre.em()*capHeight/2-mm(0.6), alignCenter)
		c.text(th.centreLabel, "Total", cx, cy+th.centre.em()*capHeight/2+th.centreLabel.line(), alignCenter)
	}
	c.drawLegend(th.legend, rows, legendAt.x, legendAt.y)
}

// share is v as a whole percentage of total ("<1%" for a sliver).
func share(v, total float64) string {
	if total <= 0 {
		return "0%"
	}
	pc := 100 * v / total
	if pc > 0 && pc < 0.5 {
		return "<1%"
	}
	return formatNumber(math.Round(pc), 0) + "%"
}

func sign(right bool) float64 {
	if right {
		return 1
	}
	return -1
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
