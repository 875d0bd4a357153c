package pdf

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"github.com/klauspost/compress/zlib"
	"math/bits"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// writeStructure adds the structure tree recorded while painting to the
// file fpdf wrote, and returns the tagged file.
//
// fpdf cannot write a structure tree, so the file is rewritten once, keeping
// every object number fpdf gave: its streams (page contents, fonts, images,
// XMP) are copied byte for byte; its other objects go, unchanged, into
// compressed object streams, except the catalog and the page objects, which
// get the entries tagging needs (catalog: /MarkInfo, /StructTreeRoot,
// /ViewerPreferences; pages: /StructParents, /Tabs /S and the contents
// links' /Annots). The structure elements, the parent tree and the link
// annotations join them in the object streams, and a compressed
// cross-reference stream replaces fpdf's xref table. Packing fpdf's
// uncompressed dictionaries (outlines, font dictionaries and widths, pages)
// pays for part of the tree. The result has one revision, no unreferenced
// objects, and header version 1.7 (object and cross-reference streams need
// 1.5; PDF/UA-1 is based on 1.7). Nothing here depends on the clock or on
// map order, so the bytes are as deterministic as fpdf's.
func writeStructure(src []byte, s *structure) ([]byte, error) {
	f, err := parseFpdf(src)
	if err != nil {
		return nil, err
	}
	if len(f.pages) != len(s.mcids) {
		return nil, fmt.Errorf("fpdf wrote %d pages, %d were painted", len(f.pages), len(s.mcids))
	}
	sc := getScratch()
	defer putScratch(sc)
	w := &structWriter{f: f, s: s, next: f.size, data: sc.data[:0], objNums: sc.objNums[:0], ends: sc.ends[:0]}
	out, err := w.write(sc)
	sc.data, sc.objNums, sc.ends = w.data, w.objNums, w.ends
	return out, err
}

// structure is what the paint pass recorded: the tree with every element's
// marked content, the element of each MCID per page, and the contents
// links.
type structure struct {
	tree   *tree
	mcids  [][]int32
	annots []annot
}

// fpdfFile is what writeStructure needs to know about fpdf's output.
type fpdfFile struct {
	src     []byte
	offsets []int // by object number; -1 for object 0 and free entries
	ends    []int // where each object ends: the next object in the file, or the xref table
	order   []int // object numbers in file order
	xref    int   // offset of the xref table, where the last object ends
	size    int   // the trailer's /Size
	root    int   // catalog
	info    int   // document information dictionary
	pages   []int // page objects, in page order
}

// parseFpdf reads the xref table and trailer fpdf wrote, and the page tree.
// It knows only fpdf's own layout (one xref section, a single /Pages node),
// and says so when the file does not match it.
func parseFpdf(src []byte) (*fpdfFile, error) {
	f := &fpdfFile{src: src}
	i := bytes.LastIndex(src, []byte("startxref"))
	if i < 0 {
		return nil, errors.New("no startxref")
	}
	x, _, ok := readInt(src, skipSpace(src, i+len("startxref")))
	if !ok || x <= 0 || x >= i {
		return nil, errors.New("bad startxref")
	}
	f.xref = x
	p := x
	if !bytes.HasPrefix(src[p:], []byte("xref")) {
		return nil, errors.New("no classic xref table at startxref")
	}
	p = skipSpace(src, p+len("xref"))
	first, p, ok1 := readInt(src, p)
	n, p, ok2 := readInt(src, skipSpace(src, p))
	if !ok1 || !ok2 || first != 0 || n <= 0 {
		return nil, errors.New("bad xref subsection")
	}
	p = skipSpace(src, p)
	f.offsets = make([]int, n)
	for j := range n {
		e := p + 20*j
		if e+20 > len(src) {
			return nil, errors.New("xref table cut short")
		}
		off, _, ok := readInt(src, e)
		if !ok {
			return nil, fmt.Errorf("bad xref entry %d", j)
		}
		if src[e+17] == 'n' && j > 0 {
			if off <= 0 || off >= x {
				return nil, fmt.Errorf("object %d offset %d out of range", j, off)
			}
			f.offsets[j] = off
		} else {
			f.offsets[j] = -1
		}
	}
	for j := 1; j < n; j++ {
		if f.offsets[j] >= 0 {
			f.order = append(f.order, j)
		}
	}
	slices.SortFunc(f.order, func(a, b int) int { return f.offsets[a] - f.offsets[b] })
	f.ends = make([]int, n)
	for j, num := range f.order {
		f.ends[num] = x
		if j+1 < len(f.order) {
			f.ends[num] = f.offsets[f.order[j+1]]
		}
	}
	trailer := src[p+20*n:]
	if !bytes.HasPrefix(trailer, []byte("trailer")) {
		return nil, errors.New("no trailer after the xref table")
	}
	if bytes.Contains(trailer, []byte("/Encrypt")) {
		return nil, errors.New("encrypted output cannot be tagged")
	}
	var okS, okR, okI bool
	f.size, okS = dictInt(trailer, "/Size")
	f.root, okR = dictInt(trailer, "/Root")
	f.info, okI = dictInt(trailer, "/Info")
	if !okS || !okR || !okI || f.size != n || f.root <= 0 || f.root >= n || f.info <= 0 || f.info >= n {
		return nil, errors.New("bad trailer")
	}
	pagesDict, err := f.dict(1)
	if err != nil {
		return nil, fmt.Errorf("page tree: %w", err)
	}
	k := bytes.Index(pagesDict, []byte("/Kids ["))
	if k < 0 || !bytes.Contains(pagesDict, []byte("/Type /Pages")) {
		return nil, errors.New("object 1 is not fpdf's page tree")
	}
	end := bytes.IndexByte(pagesDict[k:], ']')
	if end < 0 {
		return nil, errors.New("page tree /Kids not closed")
	}
	fs := strings.Fields(string(pagesDict[k+len("/Kids [") : k+end]))
	for j := 0; j+2 < len(fs); j += 3 {
		num, err := strconv.Atoi(fs[j])
		if err != nil || fs[j+1] != "0" || fs[j+2] != "R" || num <= 0 || num >= n {
			return nil, errors.New("bad page tree /Kids")
		}
		f.pages = append(f.pages, num)
	}
	return f, nil
}

// body returns object num without its "num 0 obj" and "endobj".
func (f *fpdfFile) body(num int) ([]byte, error) {
	if num <= 0 || num >= len(f.offsets) || f.offsets[num] < 0 {
		return nil, fmt.Errorf("object %d not in the file", num)
	}
	body := f.src[f.offsets[num]:f.ends[num]]
	head := strconv.Itoa(num) + " 0 obj"
	if !bytes.HasPrefix(body, []byte(head)) {
		return nil, fmt.Errorf("object %d: no %q at its offset", num, head)
	}
	body = bytes.TrimSpace(body[len(head):])
	body, ok := bytes.CutSuffix(body, []byte("endobj"))
	if !ok {
		return nil, fmt.Errorf("object %d: no endobj", num)
	}
	return bytes.TrimSpace(body), nil
}

// dict returns the dictionary of object num.
func (f *fpdfFile) dict(num int) ([]byte, error) {
	body, err := f.body(num)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(body, []byte("<<")) || !bytes.HasSuffix(body, []byte(">>")) {
		return nil, fmt.Errorf("object %d is not a dictionary", num)
	}
	return body, nil
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
		i++
	}
	return i
}

func readInt(b []byte, i int) (v, next int, ok bool) {
	j := i
	for j < len(b) && b[j] >= '0' && b[j] <= '9' && j-i < 12 {
		v = v*10 + int(b[j]-'0')
		j++
	}
	return v, j, j > i
}

// dictInt reads the integer after key in a dictionary's text.
func dictInt(d []byte, key string) (int, bool) {
	i := bytes.Index(d, []byte(key))
	if i < 0 {
		return 0, false
	}
	v, _, ok := readInt(d, skipSpace(d, i+len(key)))
	return v, ok
}

// structWriter writes the tagged file.
type structWriter struct {
	f    *fpdfFile
	s    *structure
	next int // next free object number

	root, parentTree int
	cols             int   // row width of the object streams
	elemObj          []int // object number of each element (index 0 unused)
	annotObj         []int
	// attrObj numbers the attribute dictionaries that several elements
	// share (a table's /Scope /Column, /Scope /Row): written once and
	// referred to, they take a fraction of the tree's bytes.
	attrObj     map[string]int
	sharedAttrs []string // the keys of attrObj, in the order first used

	// objects for the object streams, in order: object j is
	// data[ends[j-1]:ends[j]]
	objNums []int
	data    []byte
	ends    []int
	// fpdf's streams, copied as they are, in file order
	streams []int
}

func (w *structWriter) alloc() int {
	w.next++
	return w.next - 1
}

func (w *structWriter) ref(n int) string { return strconv.Itoa(n) + " 0 R" }

func (w *structWriter) write(sc *scratch) ([]byte, error) {
	f, s, t := w.f, w.s, w.s.tree
	w.root = w.alloc()
	w.parentTree = w.alloc()
	w.elemObj = make([]int, len(t.elems))
	for i := 1; i < len(t.elems); i++ {
		w.elemObj[i] = w.alloc()
	}
	w.annotObj = make([]int, len(s.annots))
	for i := range s.annots {
		w.annotObj[i] = w.alloc()
	}
	w.shareAttrs()
	pageRef := func(i int32) string { return w.ref(f.pages[i]) }

	// fpdf's objects: streams are copied, the rest packed.
	special := make(map[int]bool, len(f.pages)+1)
	special[f.root] = true
	for _, n := range f.pages {
		special[n] = true
	}
	for _, n := range f.order {
		if special[n] {
			continue
		}
		body, err := f.body(n)
		if err != nil {
			return nil, err
		}
		if bytes.HasSuffix(body, []byte("endstream")) {
			w.streams = append(w.streams, n)
			continue
		}
		w.addBytes(n, body)
	}

	// Catalog and pages, under their own numbers.
	cat, err := f.dict(f.root)
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	for _, k := range []string{"/MarkInfo", "/StructTreeRoot", "/ViewerPreferences"} {
		if bytes.Contains(cat, []byte(k)) {
			return nil, fmt.Errorf("catalog: fpdf already wrote %s", k)
		}
	}
	w.add(f.root, string(cat[:len(cat)-2])+"/MarkInfo <</Marked true>> /StructTreeRoot "+w.ref(w.root)+" /ViewerPreferences <</DisplayDocTitle true>>>>")
	pageAnnots := make([][]int, len(f.pages))
	for i, a := range s.annots {
		pageAnnots[a.page] = append(pageAnnots[a.page], i)
	}
	for i, num := range f.pages {
		d, err := f.dict(num)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", i+1, err)
		}
		if bytes.Contains(d, []byte("/Annots")) || bytes.Contains(d, []byte("/StructParents")) {
			return nil, fmt.Errorf("page %d already has annotations or structure", i+1)
		}
		var b strings.Builder
		b.Write(d[:len(d)-2])
		b.WriteString("/StructParents ")
		b.WriteString(strconv.Itoa(i))
		b.WriteString(" /Tabs /S")
		if as := pageAnnots[i]; len(as) > 0 {
			b.WriteString(" /Annots [")
			for j, a := range as {
				if j > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(w.ref(w.annotObj[a]))
			}
			b.WriteByte(']')
		}
		b.WriteString(">>")
		w.add(num, b.String())
	}

	// The structure tree.
	nPages := len(f.pages)
	w.add(w.root, "<</Type /StructTreeRoot /K "+w.ref(w.elemObj[elemDocument])+" /ParentTree "+w.ref(w.parentTree)+
		" /ParentTreeNextKey "+strconv.Itoa(nPages+len(s.annots))+w.idTree()+">>")
	for _, a := range w.sharedAttrs {
		w.add(w.attrObj[a], a)
	}
	for i := 1; i < len(t.elems); i++ {
		w.elem(i)
	}
	w.cols = w.objColumns()
	w.parentTreeObj()
	for i, a := range s.annots {
		w.add(w.annotObj[i], "<</Type /Annot /Subtype /Link /Rect ["+num2(a.rect[0])+" "+num2(a.rect[1])+" "+num2(a.rect[2])+" "+num2(a.rect[3])+
			"] /Border [0 0 0] /F 4 /P "+pageRef(a.page)+" /StructParent "+strconv.Itoa(nPages+i)+
			" /Contents "+pdfText(a.contents)+" /Dest ["+pageRef(a.target)+" /XYZ 0 "+num2(a.y)+" null]>>")
	}
	return w.assemble(sc)
}

// shareAttrs gives an object number to every attribute dictionary that
// more than one element has, in the order the elements first use them.
func (w *structWriter) shareAttrs() {
	t := w.s.tree
	uses := map[string]int{}
	for i := 1; i < len(t.elems); i++ {
		if a := t.elems[i].attr; a != "" {
			uses[a]++
		}
	}
	w.attrObj = map[string]int{}
	for i := 1; i < len(t.elems); i++ {
		a := t.elems[i].attr
		if uses[a] > 1 && w.attrObj[a] == 0 {
			w.attrObj[a] = w.alloc()
			w.sharedAttrs = append(w.sharedAttrs, a)
		}
	}
}

// idTree returns the structure tree root's /IDTree entry, a name tree of
// one node mapping each element /ID to its element, or "" when no element
// has one.
func (w *structWriter) idTree() string {
	type named struct {
		id  string
		obj int
	}
	var ns []named
	for i, e := range w.s.tree.elems {
		if e.id != "" {
			ns = append(ns, named{e.id, w.elemObj[i]})
		}
	}
	if len(ns) == 0 {
		return ""
	}
	// A name tree's keys are in byte order.
	sort.Slice(ns, func(i, j int) bool { return ns[i].id < ns[j].id })
	var b strings.Builder
	b.WriteString(" /IDTree <</Names [")
	for i, n := range ns {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(pdfText(n.id))
		b.WriteByte(' ')
		b.WriteString(w.ref(n.obj))
	}
	b.WriteString("]>>")
	return b.String()
}

// parentTreeObj writes the parent tree: for each page, the element of each
// MCID, and for each contents link, its Link element. It is laid out in
// rows like the object streams (see below): each page's array starts a row
// and holds its references right-aligned, a whole number to a row, so that
// a row of references to consecutive elements differs from the row above
// only in last digits.
func (w *structWriter) parentTreeObj() {
	s, cols := w.s, w.cols
	start := len(w.data)
	refW := len(strconv.Itoa(w.next)) + len(" 0 R ")
	perRow := max(cols/refW, 1)
	pad := func(d []byte) []byte { // to the start of the next row
		if n := (len(d) - start) % cols; n > 0 {
			d = appendSpaces(d, cols-n)
		}
		return d
	}
	d := append(w.data, "<</Nums ["...)
	var num [20]byte
	for i, mc := range s.mcids {
		d = pad(d)
		d = strconv.AppendInt(d, int64(i), 10)
		d = append(d, " ["...)
		for j, e := range mc {
			if j%perRow == 0 {
				d = pad(d)
			}
			n := appendRef(num[:0], w.elemObj[e])
			d = appendSpaces(d, refW-1-len(n))
			d = append(d, n...)
			d = append(d, ' ')
		}
		d = append(d, ']')
	}
	nPages := len(s.mcids)
	for i, a := range s.annots {
		d = append(d, ' ')
		d = strconv.AppendInt(d, int64(nPages+i), 10)
		d = append(d, ' ')
		d = appendRef(d, w.elemObj[a.link])
	}
	w.data = append(d, "]>>"...)
	w.objNums = append(w.objNums, w.parentTree)
	w.ends = append(w.ends, len(w.data))
}

func (w *structWriter) addBytes(num int, body []byte) {
	w.data = append(w.data, body...)
	w.objNums = append(w.objNums, num)
	w.ends = append(w.ends, len(w.data))
}

func (w *structWriter) add(num int, body string) {
	w.data = append(w.data, body...)
	w.objNums = append(w.objNums, num)
	w.ends = append(w.ends, len(w.data))
}

// obj returns the j-th object added.
func (w *structWriter) obj(j int) []byte {
	start := 0
	if j > 0 {
		start = w.ends[j-1]
	}
	return w.data[start:w.ends[j]]
}

func appendRef(d []byte, n int) []byte {
	d = strconv.AppendInt(d, int64(n), 10)
	return append(d, " 0 R"...)
}

// elem writes structure element i, tersely: there are thousands of them (a
// table cell each), most of the tree's size and of the time it takes.
func (w *structWriter) elem(i int) {
	e := &w.s.tree.elems[i]
	pages := w.f.pages
	d := append(w.data, "<</S/"...)
	d = append(d, e.typ...)
	d = append(d, "/P "...)
	if e.parent > 0 {
		d = appendRef(d, w.elemObj[e.parent])
	} else {
		d = appendRef(d, w.root)
	}
	if e.page >= 0 {
		d = append(d, "/Pg "...)
		d = appendRef(d, pages[e.page])
	}
	if len(e.kids) == 1 && e.kids[0].k == kidMCID && e.kids[0].b == e.page {
		d = append(d, "/K "...)
		d = strconv.AppendInt(d, int64(e.kids[0].a), 10)
	} else if len(e.kids) > 0 {
		d = append(d, "/K ["...)
		for j, k := range e.kids {
			if j > 0 {
				d = append(d, ' ')
			}
			switch k.k {
			case kidElem:
				d = appendRef(d, w.elemObj[k.a])
			case kidMCID:
				if k.b == e.page {
					d = strconv.AppendInt(d, int64(k.a), 10)
				} else {
					d = append(d, "<</Type /MCR /Pg "...)
					d = appendRef(d, pages[k.b])
					d = append(d, " /MCID "...)
					d = strconv.AppendInt(d, int64(k.a), 10)
					d = append(d, ">>"...)
				}
			case kidAnnot:
				d = append(d, "<</Type /OBJR /Pg "...)
				d = appendRef(d, pages[k.b])
				d = append(d, " /Obj "...)
				d = appendRef(d, w.annotObj[k.a])
				d = append(d, ">>"...)
			}
		}
		d = append(d, ']')
	}
	if e.id != "" {
		d = append(d, "/ID "...)
		d = append(d, pdfText(e.id)...)
	}
	if e.typ == "Figure" {
		d = append(d, "/Alt "...)
		d = append(d, pdfText(e.alt)...)
	}
	switch {
	case e.attr != "" && e.hasBBox:
		d = append(d, "/A ["...)
		d = w.appendAttr(d, e.attr)
		d = append(d, ' ')
		d = appendBBox(d, e.bbox)
		d = append(d, ']')
	case e.attr != "":
		d = append(d, "/A "...)
		d = w.appendAttr(d, e.attr)
	case e.hasBBox:
		d = append(d, "/A "...)
		d = appendBBox(d, e.bbox)
	}
	d = append(d, ">>"...)
	w.data = d
	w.objNums = append(w.objNums, w.elemObj[i])
	w.ends = append(w.ends, len(w.data))
}

// appendAttr writes an attribute dictionary, or a reference to it when
// elements share it.
func (w *structWriter) appendAttr(d []byte, attr string) []byte {
	if n := w.attrObj[attr]; n != 0 {
		return appendRef(d, n)
	}
	return append(d, attr...)
}

// appendBBox writes a Figure's layout attributes.
func appendBBox(d []byte, bb [4]float64) []byte {
	d = append(d, "<</O /Layout /Placement /Block /BBox ["...)
	for i, v := range bb {
		if i > 0 {
			d = append(d, ' ')
		}
		d = strconv.AppendFloat(d, v, 'f', 2, 64)
	}
	return append(d, "]>>"...)
}

// zlibLevel is the compression of the object and cross-reference streams,
// with klauspost/compress, which at level 6 writes the board paper's tree
// in the bytes the standard library's level 5 took, in a third of the
// instructions (24 M against 41 M for the whole of writeStructure; level
// 5 saves 1.5 M instructions for 1.1 KB more).
const zlibLevel = 6

// scratch holds the buffers writeStructure works in, kept between papers
// (like fpdf's own buffers) so that a paper does not allocate and clear
// them afresh: together they are several times the size of the tree.
type scratch struct {
	zw      *zlib.Writer
	data    []byte // the objects' text
	objNums []int
	ends    []int
	raw     []byte // one object stream, laid out in rows
	pred    []byte // raw, PNG-predicted
	z       bytes.Buffer
}

// scratch is the one set of scratch buffers, which papers rendered at
// once take in turn: its level-6 compressor alone is about 1 MB of
// tables, and the first touches of that memory cost more than the wait
// (a paper waits while another compresses its tree: a millisecond or
// two, while the other core paints). It is made on first use. (A
// sync.Pool would be emptied by the garbage collections that every
// paper causes.)
var scratches = func() chan *scratch {
	c := make(chan *scratch, 1)
	c <- nil
	return c
}()

func getScratch() *scratch {
	s := <-scratches
	if s == nil {
		zw, _ := zlib.NewWriterLevel(nil, zlibLevel)
		s = &scratch{zw: zw}
	}
	return s
}

func putScratch(s *scratch) { scratches <- s }

// deflate returns data zlib-compressed, in a buffer valid until the next
// call.
func (s *scratch) deflate(data []byte) ([]byte, error) {
	s.z.Reset()
	s.zw.Reset(&s.z)
	if _, err := s.zw.Write(data); err != nil {
		return nil, err
	}
	if err := s.zw.Close(); err != nil {
		return nil, err
	}
	return s.z.Bytes(), nil
}

// objsPerStream caps the objects in one object stream, so that a reader
// never has to parse one huge stream to reach a single element.
const objsPerStream = 500

// assemble writes fpdf's streams, the object streams and the
// cross-reference stream.
func (w *structWriter) assemble(sc *scratch) ([]byte, error) {
	f := w.f
	type xent struct {
		typ    byte
		f2, f3 int
	}
	streams := (len(w.objNums) + objsPerStream - 1) / objsPerStream
	streamNums := make([]int, streams)
	for i := range streamNums {
		streamNums[i] = w.alloc()
	}
	xrefNum := w.alloc()
	xr := make([]xent, w.next)
	xr[0] = xent{0, 0, 0xFFFF}

	first := f.xref
	if len(f.order) > 0 {
		first = f.offsets[f.order[0]]
	}
	out := make([]byte, 0, len(f.src)+len(f.src)/4)
	head := f.src[:first]
	if len(head) >= 8 && bytes.HasPrefix(head, []byte("%PDF-1.")) && head[7] >= '0' && head[7] < '7' {
		out = append(out, "%PDF-1.7"...)
		out = append(out, head[8:]...)
	} else {
		out = append(out, head...)
	}
	for _, n := range w.streams {
		xr[n] = xent{1, len(out), 0}
		out = append(out, f.src[f.offsets[n]:f.ends[n]]...)
	}

	for si, sn := range streamNums {
		lo, hi := si*objsPerStream, min((si+1)*objsPerStream, len(w.objNums))
		cols := w.cols
		// The header: one "number offset" pair to a row, right-aligned,
		// so that a row differs from the one above in its last digits.
		off, maxNum := 0, 0
		for j := lo; j < hi; j++ {
			maxNum = max(maxNum, w.objNums[j])
			off += rowsFor(len(w.obj(j)), cols) * cols
		}
		wn, wo := digits(maxNum), digits(off)
		raw := sc.raw[:0]
		off = 0
		for j := lo; j < hi; j++ {
			n := len(raw)
			raw = appendPadded(raw, w.objNums[j], wn)
			raw = append(raw, ' ')
			raw = appendPadded(raw, off, wo)
			raw = appendSpaces(raw, rowsFor(len(raw)-n, cols)*cols-(len(raw)-n))
			off += rowsFor(len(w.obj(j)), cols) * cols
			xr[w.objNums[j]] = xent{2, sn, j - lo}
		}
		firstOff := len(raw)
		// The objects, each starting a row and followed by at least one
		// space.
		for j := lo; j < hi; j++ {
			o := w.obj(j)
			raw = append(raw, o...)
			raw = appendSpaces(raw, rowsFor(len(o), cols)*cols-len(o))
		}
		sc.raw = raw
		sc.pred = pngUp(sc.pred[:0], raw, cols)
		data, err := sc.deflate(sc.pred)
		if err != nil {
			return nil, err
		}
		xr[sn] = xent{1, len(out), 0}
		out = strconv.AppendInt(out, int64(sn), 10)
		out = append(out, " 0 obj\n<</Type /ObjStm /N "...)
		out = strconv.AppendInt(out, int64(hi-lo), 10)
		out = append(out, " /First "...)
		out = strconv.AppendInt(out, int64(firstOff), 10)
		out = append(out, " /Filter /FlateDecode /DecodeParms <</Predictor 15 /Columns "...)
		out = strconv.AppendInt(out, int64(cols), 10)
		out = append(out, ">> /Length "...)
		out = strconv.AppendInt(out, int64(len(data)), 10)
		out = append(out, ">>\nstream\n"...)
		out = append(out, data...)
		out = append(out, "\nendstream\nendobj\n"...)
	}

	xrefOff := len(out)
	xr[xrefNum] = xent{1, xrefOff, 0}
	if xrefOff > 0xFFFFFFFF {
		return nil, errors.New("file too large for the cross-reference stream")
	}
	// Rows of 7 bytes (type, offset or object stream, generation or
	// index), each preceded by PNG filter 2 (Up): consecutive entries
	// differ little, so the differences compress to almost nothing.
	const xcols = 7
	xraw := sc.pred[:0]
	var prev, row [xcols]byte
	for _, e := range xr {
		row[0] = e.typ
		binary.BigEndian.PutUint32(row[1:5], uint32(e.f2))
		binary.BigEndian.PutUint16(row[5:7], uint16(e.f3))
		xraw = append(xraw, 2)
		for j := range xcols {
			xraw = append(xraw, row[j]-prev[j])
		}
		prev = row
	}
	sc.pred = xraw
	data, err := sc.deflate(xraw)
	if err != nil {
		return nil, err
	}
	out = strconv.AppendInt(out, int64(xrefNum), 10)
	out = append(out, " 0 obj\n<</Type /XRef /Size "...)
	out = strconv.AppendInt(out, int64(len(xr)), 10)
	out = append(out, " /W [1 4 2] /Root "...)
	out = appendRef(out, f.root)
	out = append(out, " /Info "...)
	out = appendRef(out, f.info)
	out = append(out, " /Filter /FlateDecode /DecodeParms <</Predictor 12 /Columns "...)
	out = strconv.AppendInt(out, xcols, 10)
	out = append(out, ">> /Length "...)
	out = strconv.AppendInt(out, int64(len(data)), 10)
	out = append(out, ">>\nstream\n"...)
	out = append(out, data...)
	out = append(out, "\nendstream\nendobj\nstartxref\n"...)
	out = strconv.AppendInt(out, int64(xrefOff), 10)
	out = append(out, "\n%%EOF\n"...)
	return out, nil
}

// Object streams are laid out in rows: each header pair and each object
// starts a row of cols bytes and are padded with spaces to a whole number of
// rows, and the rows are PNG-predicted (filter Up where it helps) before
// Flate. Most objects are table cells that differ from the one before only
// in a digit or two, and so are the header's numbers: predicted against the
// row above, such a row is nearly all zeros, which compress far better than
// the numbers themselves (a third smaller on a table-heavy paper). Readers
// undo the prediction in their Flate filter, as for any stream.

// objColumns picks the row width: a little more than the median object,
// so that a typical table cell fits one row.
func (w *structWriter) objColumns() int {
	if len(w.objNums) == 0 {
		return 32
	}
	ls := make([]int, len(w.objNums))
	for j := range ls {
		ls[j] = len(w.obj(j))
	}
	slices.Sort(ls)
	return min(max(ls[len(ls)/2]+2, 24), 96)
}

// digits is the number of decimal digits of v >= 0.
func digits(v int) int {
	n := 1
	for v >= 10 {
		v /= 10
		n++
	}
	return n
}

// appendPadded appends v right-aligned in width w.
func appendPadded(d []byte, v, w int) []byte {
	d = appendSpaces(d, w-digits(v))
	return strconv.AppendInt(d, int64(v), 10)
}

// rowsFor is the number of rows of cols bytes that n bytes and a separating
// space take.
func rowsFor(n, cols int) int { return n/cols + 1 }

const spaces = "                                                                "

func appendSpaces(d []byte, n int) []byte {
	for n > 0 {
		k := min(n, len(spaces))
		d = append(d, spaces[:k]...)
		n -= k
	}
	return d
}

// pngUp appends raw, a whole number of rows of cols bytes, to dst with a
// PNG filter byte before each row: Up (the difference from the row above)
// when that leaves more than half the row zero, else None. It works eight
// bytes at a time: it runs over every byte the tree writes.
func pngUp(dst, raw []byte, cols int) []byte {
	const lo7, hi = 0x7F7F7F7F7F7F7F7F, 0x8080808080808080
	dst = slices.Grow(dst, len(raw)+len(raw)/cols)
	words := cols &^ 7
	for r := 0; r+cols <= len(raw); r += cols {
		row := raw[r : r+cols]
		if r == 0 {
			// Up from a row of zeros leaves the row as it is.
			dst = append(dst, 0)
			dst = append(dst, row...)
			continue
		}
		prev := raw[r-cols : r]
		// Write the Up row, counting its zeros; put the row back as it
		// is if too few.
		n := len(dst) + 1
		dst = dst[:n+cols]
		up := dst[n : n+cols]
		zeros := 0
		for i := 0; i < words; i += 8 {
			a := binary.LittleEndian.Uint64(row[i : i+8])
			b := binary.LittleEndian.Uint64(prev[i : i+8])
			// Bytewise a-b, without borrows between bytes.
			d := ((a | hi) - (b & lo7)) ^ ((a ^ ^b) & hi)
			binary.LittleEndian.PutUint64(up[i:i+8], d)
			// High bit of each byte set where d's byte is non-zero.
			zeros += 8 - bits.OnesCount64(((d&lo7)+lo7|d)&hi)
		}
		for i := words; i < cols; i++ {
			up[i] = row[i] - prev[i]
			if up[i] == 0 {
				zeros++
			}
		}
		if zeros > cols/2 {
			dst[n-1] = 2
		} else {
			dst[n-1] = 0
			copy(up, row)
		}
	}
	return dst
}

// num2 formats a coordinate in points with two decimals, as fpdf does.
func num2(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

// xmpMetadata returns the document's XMP packet: title, author, subject,
// keywords, creator tool and dates as in the information dictionary, and
// the PDF/UA-1 identification.
func xmpMetadata(title, author, subject, keywords, creator string, date time.Time) []byte {
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">` + "\n")
	b.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"` +
		` xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">` + "\n")
	b.WriteString(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + xmlText(title) + "</rdf:li></rdf:Alt></dc:title>\n")
	if author != "" {
		b.WriteString("<dc:creator><rdf:Seq><rdf:li>" + xmlText(author) + "</rdf:li></rdf:Seq></dc:creator>\n")
	}
	if subject != "" {
		b.WriteString(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">` + xmlText(subject) + "</rdf:li></rdf:Alt></dc:description>\n")
	}
	if keywords != "" {
		b.WriteString("<pdf:Keywords>" + xmlText(keywords) + "</pdf:Keywords>\n")
	}
	if creator != "" {
		b.WriteString("<xmp:CreatorTool>" + xmlText(creator) + "</xmp:CreatorTool>\n")
	}
	d := date.UTC().Format("2006-01-02T15:04:05Z")
	b.WriteString("<xmp:CreateDate>" + d + "</xmp:CreateDate><xmp:ModifyDate>" + d + "</xmp:ModifyDate>\n")
	b.WriteString("<pdfuaid:part>1</pdfuaid:part>\n")
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>")
	return []byte(b.String())
}

// xmlText escapes s for XML character data, dropping what XML 1.0 cannot
// hold.
func xmlText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n <= 1:
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r':
		case r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
