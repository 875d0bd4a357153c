package pack

import (
	"fmt"
	"math"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// page is one leaf of a source's page tree with its inherited attributes
// made explicit.
type page struct {
	nr        int        // object number of the page dictionary
	dict      types.Dict // the page dictionary as read
	media     types.Object
	crop      types.Object // nil: the media box
	resources types.Object
	rotate    int     // 0, 90, 180 or 270
	visible   rect    // crop box clipped to the media box, in user space
	unit      float64 // /UserUnit: points per user-space unit
}

type rect struct{ x0, y0, x1, y1 float64 }

func (r rect) w() float64 { return r.x1 - r.x0 }
func (r rect) h() float64 { return r.y1 - r.y0 }

// letter is the media box readers assume when a page has none.
var letter = rect{0, 0, 612, 792}

// walkPages lists the pages in order, refusing trees that loop, go too
// deep or hold more than maxPages pages.
func (s *source) walkPages(maxPages int) error {
	damaged := func(format string, a ...any) error {
		return &FileError{File: s.name, Kind: ErrDamaged, Detail: fmt.Sprintf(format, a...)}
	}
	type inherited struct{ res, media, crop, rotate types.Object }
	visited := map[int]bool{}
	var walk func(o types.Object, in inherited, depth int) error
	walk = func(o types.Object, in inherited, depth int) error {
		if depth > 64 {
			return damaged("its page tree is more than 64 levels deep")
		}
		ref, ok := o.(types.IndirectRef)
		if !ok {
			return damaged("its page tree holds a page that is not an indirect object")
		}
		nr := ref.ObjectNumber.Value()
		if visited[nr] {
			return damaged("its page tree refers to object %d twice", nr)
		}
		visited[nr] = true
		d := s.dict(ref)
		if d == nil {
			return damaged("its page tree refers to object %d, which is missing or not a dictionary", nr)
		}
		for k, p := range map[string]*types.Object{"Resources": &in.res, "MediaBox": &in.media, "CropBox": &in.crop, "Rotate": &in.rotate} {
			if v, ok := d[k]; ok {
				*p = v
			}
		}
		typ, _ := d["Type"].(types.Name)
		kids, hasKids := s.resolve(d["Kids"]).(types.Array)
		if typ == "Pages" || (typ != "Page" && hasKids) {
			s.blocked[nr] = true
			for _, k := range kids {
				if err := walk(k, in, depth+1); err != nil {
					return err
				}
			}
			return nil
		}
		if len(s.pages) >= maxPages {
			return &FileError{File: s.name, Kind: ErrTooLarge, Detail: fmt.Sprintf("more than %d pages (the limit for one file); attach the part members need, or split it into several items", maxPages)}
		}
		s.pages = append(s.pages, s.newPage(nr, d, in.res, in.media, in.crop, in.rotate))
		return nil
	}
	return walk(s.root["Pages"], inherited{}, 0)
}

func (s *source) newPage(nr int, d types.Dict, res, media, crop, rotate types.Object) page {
	p := page{nr: nr, dict: d, media: media, crop: crop, resources: res, unit: 1}
	mb, ok := s.rectOf(media)
	if !ok || mb.w() <= 0 || mb.h() <= 0 {
		mb = letter
		p.media = types.NewNumberArray(0, 0, 612, 792)
	}
	vis := mb
	if cb, ok := s.rectOf(crop); ok {
		c := rect{math.Max(cb.x0, mb.x0), math.Max(cb.y0, mb.y0), math.Min(cb.x1, mb.x1), math.Min(cb.y1, mb.y1)}
		if c.w() > 0 && c.h() > 0 {
			vis = c
		}
	} else {
		p.crop = nil
	}
	p.visible = vis
	if r, ok := s.number(rotate); ok {
		n := int(r)
		if float64(n) == r && n%90 == 0 {
			p.rotate = ((n % 360) + 360) % 360
		}
	}
	if u, ok := s.number(d["UserUnit"]); ok && u > 0 {
		p.unit = u
	}
	return p
}

// displaySize is the page's visible size as a viewer shows it, in points.
func (p page) displaySize() (w, h float64) {
	w, h = p.visible.w()*p.unit, p.visible.h()*p.unit
	if p.rotate == 90 || p.rotate == 270 {
		w, h = h, w
	}
	return w, h
}

// displayMatrix maps display coordinates (points, origin at the bottom-left
// of the visible page as a viewer shows it, x to the right, y up) to the
// page's user space, accounting for /Rotate, an offset crop box and
// /UserUnit. The result is a PDF "cm" matrix [a b c d e f].
func (p page) displayMatrix() [6]float64 {
	v, k := p.visible, 1/p.unit
	switch p.rotate {
	case 90: // user x runs down the display, user y runs right
		return [6]float64{0, k, -k, 0, v.x1, v.y0}
	case 180:
		return [6]float64{-k, 0, 0, -k, v.x1, v.y1}
	case 270: // user x runs up the display, user y runs left
		return [6]float64{0, -k, k, 0, v.x0, v.y1}
	}
	return [6]float64{k, 0, 0, k, v.x0, v.y0}
}

// topLeft is the user-space point shown at the top-left of the visible
// page: the target of /XYZ destinations to this page.
func (p page) topLeft() (x, y float64) {
	_, h := p.displaySize()
	m := p.displayMatrix()
	return m[2]*h + m[4], m[3]*h + m[5]
}

// rectOf reads a rectangle, normalising its corners.
func (s *source) rectOf(o types.Object) (rect, bool) {
	a, ok := s.resolve(o).(types.Array)
	if !ok || len(a) != 4 {
		return rect{}, false
	}
	var v [4]float64
	for i, e := range a {
		n, ok := s.number(e)
		if !ok {
			return rect{}, false
		}
		v[i] = n
	}
	return rect{math.Min(v[0], v[2]), math.Min(v[1], v[3]), math.Max(v[0], v[2]), math.Max(v[1], v[3])}, true
}

func (s *source) number(o types.Object) (float64, bool) {
	switch n := s.resolve(o).(type) {
	case types.Integer:
		return float64(n), true
	case types.Float:
		f := float64(n)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return 0, false
		}
		return f, true
	}
	return 0, false
}
