package pack

import (
	"encoding/hex"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// The pack carries no name trees, so every destination a source names is
// turned into an explicit one ([page /XYZ ...]) pointing at the page's
// object. Explicit destinations then survive renumbering, and two
// documents using the same names (Word's "_Toc..." bookmarks) cannot
// collide.

const maxNamedDests = 200_000

// explicitDest returns the explicit destination for o as found in source
// s (an array, a name or a string naming one, or a dictionary with /D),
// or nil when it does not lead to a page of s.
func (s *source) explicitDest(o types.Object) types.Array {
	for range 4 {
		switch v := s.resolve(o).(type) {
		case types.Array:
			return s.fixDestArray(v)
		case types.Dict:
			o = v["D"]
		case types.Name:
			o = s.namedDest(string(v))
		case types.StringLiteral, types.HexLiteral:
			key, ok := stringBytes(v)
			if !ok {
				return nil
			}
			o = s.namedDest(key)
		default:
			return nil
		}
	}
	return nil
}

// fixDestArray checks that a destination leads to a page of s; a page
// given by its index (as some producers write) becomes a reference.
func (s *source) fixDestArray(a types.Array) types.Array {
	if len(a) == 0 {
		return nil
	}
	out := make(types.Array, len(a))
	copy(out, a)
	switch p := a[0].(type) {
	case types.IndirectRef:
		if _, ok := s.pageIndex()[p.ObjectNumber.Value()]; !ok {
			return nil
		}
	case types.Integer:
		i := int(p)
		if i < 0 || i >= len(s.pages) {
			return nil
		}
		out[0] = *types.NewIndirectRef(s.pages[i].nr, 0)
	default:
		return nil
	}
	for i := 1; i < len(out); i++ {
		out[i] = s.resolve(out[i])
	}
	return out
}

func (s *source) pageIndex() map[int]int {
	if s.pageIdx == nil {
		s.pageIdx = make(map[int]int, len(s.pages))
		for i, p := range s.pages {
			s.pageIdx[p.nr] = i
		}
	}
	return s.pageIdx
}

// namedDest looks a name up in the catalog's /Dests dictionary (PDF 1.1)
// and then in its /Names /Dests name tree.
func (s *source) namedDest(key string) types.Object {
	root := s.root
	if d := s.dict(root["Dests"]); d != nil {
		if v, ok := d[key]; ok {
			return v
		}
	}
	if s.destNames == nil {
		s.destNames = map[string]types.Object{}
		if names := s.dict(root["Names"]); names != nil {
			s.collectNames(names["Dests"], 0, map[int]bool{})
		}
	}
	return s.destNames[key]
}

// collectNames reads a name tree into s.destNames, bounded in depth, size
// and against loops.
func (s *source) collectNames(o types.Object, depth int, seen map[int]bool) {
	if depth > 32 || len(s.destNames) >= maxNamedDests {
		return
	}
	if r, ok := o.(types.IndirectRef); ok {
		if seen[r.ObjectNumber.Value()] {
			return
		}
		seen[r.ObjectNumber.Value()] = true
	}
	node := s.dict(o)
	if node == nil {
		return
	}
	if kv, ok := s.resolve(node["Names"]).(types.Array); ok {
		for i := 0; i+1 < len(kv) && len(s.destNames) < maxNamedDests; i += 2 {
			if k, ok := stringBytes(s.resolve(kv[i])); ok {
				if _, dup := s.destNames[k]; !dup {
					s.destNames[k] = kv[i+1]
				}
			}
		}
	}
	if kids, ok := s.resolve(node["Kids"]).(types.Array); ok {
		for _, k := range kids {
			s.collectNames(k, depth+1, seen)
		}
	}
}

// stringBytes returns the bytes a PDF string object holds.
func stringBytes(o types.Object) (string, bool) {
	switch v := o.(type) {
	case types.StringLiteral:
		b, err := types.Unescape(string(v))
		if err != nil {
			return "", false
		}
		return string(b), true
	case types.HexLiteral:
		h := string(v)
		if len(h)%2 == 1 {
			h += "0"
		}
		b, err := hex.DecodeString(h)
		if err != nil {
			return "", false
		}
		return string(b), true
	}
	return "", false
}

// fixAction returns a copy of action dictionary a with a GoTo's named
// destination made explicit, or nil if a is not an action worth keeping
// (scripts and program launches are dropped).
func (s *source) fixAction(o types.Object) types.Dict {
	a := s.dict(o)
	if a == nil {
		return nil
	}
	typ, _ := a["S"].(types.Name)
	switch typ {
	case "GoTo":
		d := s.explicitDest(a["D"])
		if d == nil {
			return nil
		}
		return types.Dict{"S": types.Name("GoTo"), "D": d}
	case "URI", "GoToR", "Named":
		out := make(types.Dict, len(a))
		for k, v := range a {
			if k != "Next" {
				out[k] = v
			}
		}
		return out
	}
	return nil
}
