package pack

import (
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Optional content (layers) is kept as its sources set it: a layer that is
// off when a source opens stays off in the pack. Without the catalog's
// /OCProperties a reader would show every layer, hidden ones included.

// optionalContent merges the sources' /OCProperties: every layer, the
// layers that start off, and the layer panel's order.
func (w *writer) optionalContent() types.Dict {
	var ocgs, off, order types.Array
	for si, s := range w.srcs {
		props := s.dict(s.root["OCProperties"])
		if props == nil {
			continue
		}
		list, _ := s.resolve(props["OCGs"]).(types.Array)
		d := s.dict(props["D"])
		base, _ := s.resolve(d["BaseState"]).(types.Name)
		on := s.refSet(d["ON"])
		offs := s.refSet(d["OFF"])
		for _, o := range list {
			r, ok := o.(types.IndirectRef)
			if !ok {
				continue
			}
			nr := r.ObjectNumber.Value()
			ocgs = append(ocgs, srcRef(si, nr))
			if offs[nr] || (base == "OFF" && !on[nr]) {
				off = append(off, srcRef(si, nr))
			}
		}
		if a, ok := s.resolve(d["Order"]).(types.Array); ok {
			order = append(order, s.withOrefs(si, a, 0).(types.Array)...)
		}
	}
	if len(ocgs) == 0 {
		return nil
	}
	config := types.Dict{"OFF": off}
	if len(order) > 0 {
		config["Order"] = order
	}
	return types.Dict{"OCGs": ocgs, "D": config}
}

// refSet is the set of object numbers an array of references names.
func (s *source) refSet(o types.Object) map[int]bool {
	set := map[int]bool{}
	a, _ := s.resolve(o).(types.Array)
	for _, e := range a {
		if r, ok := e.(types.IndirectRef); ok {
			set[r.ObjectNumber.Value()] = true
		}
	}
	return set
}

// withOrefs copies nested arrays of references and strings (a layer
// panel order), turning references of source si into orefs.
func (s *source) withOrefs(si int, o types.Object, depth int) types.Object {
	switch v := o.(type) {
	case types.IndirectRef:
		if a, ok := s.resolve(v).(types.Array); ok && depth < 16 {
			return s.withOrefs(si, a, depth+1)
		}
		return srcRef(si, v.ObjectNumber.Value())
	case types.Array:
		out := make(types.Array, 0, len(v))
		for _, e := range v {
			if depth < 16 {
				out = append(out, s.withOrefs(si, e, depth+1))
			}
		}
		return out
	case types.StringLiteral, types.HexLiteral:
		return v
	}
	return nil
}
