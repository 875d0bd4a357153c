package pack

import (
	"math"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Form fields, signature fields included, are flattened: the pack carries
// no interactive form, so each widget's current appearance is drawn into
// the page content, where it looks exactly as before, and the widget is
// removed. A signature's picture stays; the signature itself, which could
// not stay valid inside the pack, goes.

// flatWidget is a widget appearance to draw on the page: form XObject
// appearance, placed with matrix m (PDF 32000-1, 12.5.5).
type flatWidget struct {
	form types.IndirectRef
	m    [6]float64
}

const (
	annotHidden = 1 << 1
	annotNoView = 1 << 5
)

// flattenWidget returns how to draw widget annotation d, or ok=false if
// nothing of it is visible.
func (s *source) flattenWidget(d types.Dict) (fw flatWidget, ok bool) {
	if f, ok := s.number(d["F"]); ok && int(f)&(annotHidden|annotNoView) != 0 {
		return fw, false
	}
	ap := s.dict(d["AP"])
	if ap == nil {
		return fw, false
	}
	n := ap["N"]
	if states := s.dict(n); states != nil { // one appearance per state
		as, _ := s.resolve(d["AS"]).(types.Name)
		n = states[string(as)]
	}
	ref, isRef := n.(types.IndirectRef)
	sd, isStream := s.resolve(n).(types.StreamDict)
	if !isRef || !isStream {
		return fw, false
	}
	rect, ok := s.rectOf(d["Rect"])
	if !ok || rect.w() <= 0 || rect.h() <= 0 {
		return fw, false
	}
	bbox, ok := s.rectOf(sd.Dict["BBox"])
	if !ok {
		return fw, false
	}
	m := [6]float64{1, 0, 0, 1, 0, 0}
	if a, ok := s.resolve(sd.Dict["Matrix"]).(types.Array); ok && len(a) == 6 {
		for i := range a {
			if v, ok := s.number(a[i]); ok {
				m[i] = v
			}
		}
	}
	// The appearance box transformed by its matrix is fitted onto Rect.
	tb := transformRect(bbox, m)
	if tb.w() <= 0 || tb.h() <= 0 {
		return fw, false
	}
	sx, sy := rect.w()/tb.w(), rect.h()/tb.h()
	fw.form = ref
	fw.m = [6]float64{sx, 0, 0, sy, rect.x0 - sx*tb.x0, rect.y0 - sy*tb.y0}
	return fw, true
}

func transformRect(r rect, m [6]float64) rect {
	out := rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, p := range [][2]float64{{r.x0, r.y0}, {r.x1, r.y0}, {r.x0, r.y1}, {r.x1, r.y1}} {
		x := m[0]*p[0] + m[2]*p[1] + m[4]
		y := m[1]*p[0] + m[3]*p[1] + m[5]
		out.x0, out.y0 = math.Min(out.x0, x), math.Min(out.y0, y)
		out.x1, out.y1 = math.Max(out.x1, x), math.Max(out.y1, y)
	}
	return out
}

// formXObject returns appearance stream sd as a form XObject: widget
// appearances may omit /Type and /Subtype, which a Do operator needs.
func formXObject(sd types.StreamDict) (types.StreamDict, bool) {
	if sub, _ := sd.Dict["Subtype"].(types.Name); sub == "Form" {
		return sd, false
	}
	d := make(types.Dict, len(sd.Dict)+2)
	for k, v := range sd.Dict {
		d[k] = v
	}
	d["Type"], d["Subtype"] = types.Name("XObject"), types.Name("Form")
	out := sd
	out.Dict = d
	return out, true
}
