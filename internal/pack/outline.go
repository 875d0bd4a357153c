package pack

import (
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// bookmark is one outline entry of the pack before it is written.
type bookmark struct {
	src    int          // source of plain references in dest and action
	title  types.Object // a PDF string
	dest   types.Object // explicit destination, or nil
	action types.Dict   // kept action (URI, GoToR, Named), or nil
	color  types.Object
	flags  types.Object
	open   bool
	kids   []*bookmark
}

const (
	maxOutlineDepth = 32
	maxOutlineItems = 20_000
)

// readOutline returns the bookmarks of source s (index si), bounded in
// depth and number and safe against loops.
func (s *source) readOutline(si int) []*bookmark {
	root := s.dict(s.root["Outlines"])
	if root == nil {
		return nil
	}
	seen := map[int]bool{}
	budget := maxOutlineItems
	return s.readItems(si, root["First"], 0, seen, &budget)
}

func (s *source) readItems(si int, first types.Object, depth int, seen map[int]bool, budget *int) []*bookmark {
	if depth > maxOutlineDepth {
		return nil
	}
	var out []*bookmark
	for o := first; o != nil && *budget > 0; {
		r, ok := o.(types.IndirectRef)
		if !ok || seen[r.ObjectNumber.Value()] {
			break
		}
		seen[r.ObjectNumber.Value()] = true
		d := s.dict(r)
		if d == nil {
			break
		}
		*budget--
		b := &bookmark{src: si, title: s.resolve(d["Title"]), color: s.resolve(d["C"]), flags: s.resolve(d["F"])}
		if _, ok := stringBytes(b.title); !ok {
			b.title = types.StringLiteral("")
		}
		if dest, ok := d["Dest"]; ok {
			if e := s.explicitDest(dest); e != nil {
				b.dest = e
			}
		} else if a := s.fixAction(d["A"]); a != nil {
			if a["S"] == types.Name("GoTo") {
				b.dest = a["D"]
			} else {
				b.action = a
			}
		}
		if n, ok := s.number(d["Count"]); ok && n > 0 {
			b.open = true
		}
		b.kids = s.readItems(si, d["First"], depth+1, seen, budget)
		out = append(out, b)
		o = d["Next"]
	}
	return out
}

// visible counts the entries shown below b when it is open.
func (b *bookmark) visible() int {
	n := 0
	for _, k := range b.kids {
		n++
		if k.open {
			n += k.visible()
		}
	}
	return n
}

// writeOutline adds the outline dictionaries for items under parent and
// returns the first and last of them and the number of visible entries.
func (w *writer) writeOutline(items []*bookmark, parent oref) (first, last oref, count int) {
	refs := make([]oref, len(items))
	for i, b := range items {
		refs[i] = w.add(b.src, nil)
	}
	for i, b := range items {
		d := types.Dict{"Title": b.title, "Parent": parent}
		if i > 0 {
			d["Prev"] = refs[i-1]
		}
		if i+1 < len(items) {
			d["Next"] = refs[i+1]
		}
		if b.dest != nil {
			d["Dest"] = b.dest
		} else if b.action != nil {
			d["A"] = b.action
		}
		if b.color != nil {
			d["C"] = b.color
		}
		if b.flags != nil {
			d["F"] = b.flags
		}
		if len(b.kids) > 0 {
			f, l, _ := w.writeOutline(b.kids, refs[i])
			d["First"], d["Last"] = f, l
			if b.open {
				d["Count"] = types.Integer(b.visible())
			} else {
				d["Count"] = types.Integer(-b.visible())
			}
		}
		w.objs[refs[i].nr].obj = d
		count++
		if b.open {
			count += b.visible()
		}
	}
	return refs[0], refs[len(refs)-1], count
}
