package pack

import (
	"bytes"
	"crypto/md5"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// oref names an object of the pack being built: object nr of source src,
// or (src == newObj) the nr-th object the pack itself adds. It can stand
// anywhere a PDF object can, so new objects can point into any source.
type oref struct{ src, nr int }

const newObj = -1

func (r oref) String() string                 { return fmt.Sprintf("oref(%d,%d)", r.src, r.nr) }
func (r oref) Clone() types.Object            { return r }
func (r oref) PDFString() string              { return r.String() }
func (r oref) isNew() bool                    { return r.src == newObj }
func (r oref) key() [2]int                    { return [2]int{r.src, r.nr} }
func srcRef(src, nr int) oref                 { return oref{src, nr} }
func refIn(src int, r types.IndirectRef) oref { return oref{src, r.ObjectNumber.Value()} }

// added is an object the pack adds. Plain indirect references inside it
// (types.IndirectRef) are object numbers of source src.
type added struct {
	src int
	obj types.Object
}

// writer serialises the pack. It copies only the objects reachable from
// the new catalog and info dictionary, numbers them in the order it meets
// them (dictionary keys sorted), and writes a classic cross-reference
// table: the same inputs always give the same bytes.
type writer struct {
	srcs     []*source
	objs     []added                 // the pack's own objects, by oref.nr
	override map[[2]int]types.Object // replacements for source objects (page dictionaries, annotations)

	num     map[[2]int]int
	queue   []oref
	current string // the input being copied, for error messages
	buf     bytes.Buffer
	offsets []int
}

func newWriter(srcs []*source) *writer {
	return &writer{srcs: srcs, override: map[[2]int]types.Object{}, num: map[[2]int]int{}}
}

// add stores a new object whose plain references belong to source src
// (newObj if it has none) and returns its reference.
func (w *writer) add(src int, o types.Object) oref {
	w.objs = append(w.objs, added{src, o})
	return oref{newObj, len(w.objs) - 1}
}

// set replaces object r of a source in the output.
func (w *writer) set(r oref, o types.Object) { w.override[r.key()] = o }

// lookup returns the object r stands for and the source its plain
// references belong to; ok is false for a missing, free or blocked object.
func (w *writer) lookup(r oref) (o types.Object, src int, ok bool) {
	if r.isNew() {
		a := w.objs[r.nr]
		return a.obj, a.src, true
	}
	if o, ok := w.override[r.key()]; ok {
		return o, r.src, true
	}
	s := w.srcs[r.src]
	if s.blocked[r.nr] {
		return nil, 0, false
	}
	o = s.object(r.nr)
	switch o.(type) {
	case nil, types.ObjectStreamDict, types.XRefStreamDict, types.LazyObjectStreamObject:
		return nil, 0, false
	}
	return o, r.src, true
}

// write produces the PDF file: header, objects, xref table and trailer.
func (w *writer) write(catalog, info oref, version string) ([]byte, error) {
	w.buf.WriteString("%PDF-" + version + "\n%\xe2\xe3\xcf\xd3\n")
	w.number(catalog)
	w.number(info)
	for len(w.queue) > 0 {
		r := w.queue[0]
		w.queue = w.queue[1:]
		if err := w.writeIndirect(r); err != nil {
			return nil, err
		}
	}
	id := md5.Sum(w.buf.Bytes())
	xref := w.buf.Len()
	fmt.Fprintf(&w.buf, "xref\n0 %d\n0000000000 65535 f \n", len(w.offsets)+1)
	for _, off := range w.offsets {
		fmt.Fprintf(&w.buf, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&w.buf, "trailer\n<</Size %d/Root %d 0 R/Info %d 0 R/ID[<%x><%x>]>>\nstartxref\n%d\n%%%%EOF\n",
		len(w.offsets)+1, w.num[catalog.key()], w.num[info.key()], id, id, xref)
	return w.buf.Bytes(), nil
}

// number returns the output object number of r, giving it the next one
// (and queueing it for writing) when first met; 0 if r is missing.
func (w *writer) number(r oref) int {
	if n, ok := w.num[r.key()]; ok {
		return n
	}
	if _, _, ok := w.lookup(r); !ok {
		return 0
	}
	n := len(w.num) + 1
	w.num[r.key()] = n
	w.queue = append(w.queue, r)
	return n
}

func (w *writer) writeIndirect(r oref) error {
	if !r.isNew() {
		w.current = w.srcs[r.src].name
	}
	o, src, _ := w.lookup(r)
	n := w.num[r.key()]
	if n != len(w.offsets)+1 {
		return fmt.Errorf("pack: internal error: object %d written out of order", n)
	}
	w.offsets = append(w.offsets, w.buf.Len())
	fmt.Fprintf(&w.buf, "%d 0 obj\n", n)
	if sd, ok := o.(types.StreamDict); ok {
		d := streamDict(sd.Dict, len(sd.Raw))
		if err := w.value(src, d, 0); err != nil {
			return fmt.Errorf("object %v: %w", r, err)
		}
		w.buf.WriteString("\nstream\n")
		w.buf.Write(sd.Raw)
		w.buf.WriteString("\nendstream\nendobj\n")
		return nil
	}
	if err := w.value(src, o, 0); err != nil {
		return fmt.Errorf("object %v: %w", r, err)
	}
	w.buf.WriteString("\nendobj\n")
	return nil
}

// streamDict is d with a direct /Length and without a /Crypt filter (the
// stream was decrypted when read).
func streamDict(d types.Dict, n int) types.Dict {
	out := make(types.Dict, len(d)+1)
	for k, v := range d {
		out[k] = v
	}
	out["Length"] = types.Integer(n)
	delete(out, "DL")
	switch f := out["Filter"].(type) {
	case types.Name:
		if f == "Crypt" {
			delete(out, "Filter")
			delete(out, "DecodeParms")
		}
	case types.Array:
		parms, _ := out["DecodeParms"].(types.Array)
		var nf, np types.Array
		for i, e := range f {
			if n, ok := e.(types.Name); ok && n == "Crypt" {
				continue
			}
			nf = append(nf, e)
			if len(parms) == len(f) {
				np = append(np, parms[i])
			}
		}
		out["Filter"] = nf
		if len(parms) == len(f) {
			out["DecodeParms"] = np
		}
	}
	return out
}

var errTooDeep = errors.New("objects nested more than 100 deep")

// value writes a direct object; plain references are numbers of source src.
func (w *writer) value(src int, o types.Object, depth int) error {
	if depth > 100 {
		return errTooDeep
	}
	b := &w.buf
	switch v := o.(type) {
	case nil:
		b.WriteString("null")
	case types.Boolean:
		b.WriteString(strconv.FormatBool(bool(v)))
	case types.Integer:
		b.WriteString(strconv.Itoa(int(v)))
	case types.Float:
		b.WriteString(formatFloat(float64(v)))
	case types.Name:
		b.WriteString(v.PDFString())
	case types.StringLiteral:
		b.WriteByte('(')
		b.WriteString(string(v))
		b.WriteByte(')')
	case types.HexLiteral:
		b.WriteByte('<')
		b.WriteString(string(v))
		b.WriteByte('>')
	case types.IndirectRef:
		if src == newObj {
			return fmt.Errorf("pack: internal error: plain reference %v in a new object", v)
		}
		w.ref(refIn(src, v))
	case oref:
		w.ref(v)
	case types.Array:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteByte(' ')
			}
			if err := w.value(src, e, depth+1); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case types.Dict:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b.WriteString("<<")
		for _, k := range keys {
			b.WriteString(types.Name(k).PDFString())
			b.WriteByte(' ')
			if err := w.value(src, v[k], depth+1); err != nil {
				return err
			}
		}
		b.WriteString(">>")
	default:
		// A stream can only be an indirect object; anything else unknown
		// is dropped rather than written wrong.
		b.WriteString("null")
	}
	return nil
}

func (w *writer) ref(r oref) {
	if n := w.number(r); n > 0 {
		fmt.Fprintf(&w.buf, "%d 0 R", n)
		return
	}
	w.buf.WriteString("null")
}

// formatFloat writes a number without exponent and with no more digits
// than needed.
func formatFloat(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "0"
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}
