package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
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
	w := &structWriter{f: f, s: s, next: f.size}
	return w.write()
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

func (w *structWriter) write() ([]byte, error) {
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
		w.add(n, string(body))
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
	return w.assemble()
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
		d = append(d, e.attr...)
		d = append(d, ' ')
		d = appendBBox(d, e.bbox)
		d = append(d, ']')
	case e.attr != "":
		d = append(d, "/A "...)
		d = append(d, e.attr...)
	case e.hasBBox:
		d = append(d, "/A "...)
		d = appendBBox(d, e.bbox)
	}
	d = append(d, ">>"...)
	w.data = d
	w.objNums = append(w.objNums, w.elemObj[i])
	w.ends = append(w.ends, len(w.data))
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

// zlibLevel is the compression of the object and cross-reference streams:
// on the board paper, level 5 writes the tree in 3.4 ms, level 6 in 4.7 ms
// for 0.3 KB less, level 4 in 2.9 ms for 2 KB more.
const zlibLevel = 5

// zlibWriters keeps a few zlib writers between papers: a new one allocates
// and clears about a megabyte of tables. (A sync.Pool would be emptied by
// the garbage collections that every paper causes.)
var zlibWriters = make(chan *zlib.Writer, 4)

func getZlib() *zlib.Writer {
	select {
	case w := <-zlibWriters:
		return w
	default:
		w, _ := zlib.NewWriterLevel(nil, zlibLevel)
		return w
	}
}

func putZlib(w *zlib.Writer) {
	select {
	case zlibWriters <- w:
	default:
	}
}

// objsPerStream caps the objects in one object stream, so that a reader
// never has to parse one huge stream to reach a single element.
const objsPerStream = 500

// assemble writes fpdf's streams, the object streams and the
// cross-reference stream.
func (w *structWriter) assemble() ([]byte, error) {
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
	var out bytes.Buffer
	out.Grow(len(f.src) + len(f.src)/4)
	head := f.src[:first]
	if len(head) >= 8 && bytes.HasPrefix(head, []byte("%PDF-1.")) && head[7] >= '0' && head[7] < '7' {
		out.WriteString("%PDF-1.7")
		out.Write(head[8:])
	} else {
		out.Write(head)
	}
	for _, n := range w.streams {
		xr[n] = xent{1, out.Len(), 0}
		out.Write(f.src[f.offsets[n]:f.ends[n]])
	}

	var zbuf bytes.Buffer
	zw := getZlib()
	defer putZlib(zw)
	deflate := func(data []byte) ([]byte, error) {
		zbuf.Reset()
		zw.Reset(&zbuf)
		if _, err := zw.Write(data); err != nil {
			return nil, err
		}
		if err := zw.Close(); err != nil {
			return nil, err
		}
		return zbuf.Bytes(), nil
	}
	cols := w.cols
	var raw, pred bytes.Buffer
	for si, sn := range streamNums {
		lo, hi := si*objsPerStream, min((si+1)*objsPerStream, len(w.objNums))
		raw.Reset()
		// The header: one "number offset" pair to a row, right-aligned,
		// so that a row differs from the one above in its last digits.
		off, maxNum := 0, 0
		for j := lo; j < hi; j++ {
			maxNum = max(maxNum, w.objNums[j])
			off += rowsFor(len(w.obj(j)), cols) * cols
		}
		wn, wo := len(strconv.Itoa(maxNum)), len(strconv.Itoa(off))
		off = 0
		for j := lo; j < hi; j++ {
			n := raw.Len()
			writePadded(&raw, w.objNums[j], wn)
			raw.WriteByte(' ')
			writePadded(&raw, off, wo)
			padRow(&raw, n, cols)
			off += rowsFor(len(w.obj(j)), cols) * cols
			xr[w.objNums[j]] = xent{2, sn, j - lo}
		}
		firstOff := raw.Len()
		// The objects, each starting a row.
		for j := lo; j < hi; j++ {
			n := raw.Len()
			raw.Write(w.obj(j))
			padRow(&raw, n, cols)
		}
		pngUp(&pred, raw.Bytes(), cols)
		data, err := deflate(pred.Bytes())
		if err != nil {
			return nil, err
		}
		xr[sn] = xent{1, out.Len(), 0}
		fmt.Fprintf(&out, "%d 0 obj\n<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /DecodeParms <</Predictor 15 /Columns %d>> /Length %d>>\nstream\n",
			sn, hi-lo, firstOff, cols, len(data))
		out.Write(data)
		out.WriteString("\nendstream\nendobj\n")
	}

	xrefOff := out.Len()
	xr[xrefNum] = xent{1, xrefOff, 0}
	if xrefOff > 0xFFFFFFFF {
		return nil, errors.New("file too large for the cross-reference stream")
	}
	// Rows of 7 bytes (type, offset or object stream, generation or
	// index), each preceded by PNG filter 2 (Up): consecutive entries
	// differ little, so the differences compress to almost nothing.
	const xcols = 7
	xraw := make([]byte, 0, (xcols+1)*len(xr))
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
	data, err := deflate(xraw)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(&out, "%d 0 obj\n<</Type /XRef /Size %d /W [1 4 2] /Root %d 0 R /Info %d 0 R /Filter /FlateDecode /DecodeParms <</Predictor 12 /Columns %d>> /Length %d>>\nstream\n",
		xrefNum, len(xr), f.root, f.info, xcols, len(data))
	out.Write(data)
	out.WriteString("\nendstream\nendobj\nstartxref\n")
	out.WriteString(strconv.Itoa(xrefOff))
	out.WriteString("\n%%EOF\n")
	return out.Bytes(), nil
}

// Object streams are laid out in rows: each header pair and each object
// starts a row of cols bytes and is padded with spaces to a whole number of
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

// writePadded writes v right-aligned in width w.
func writePadded(b *bytes.Buffer, v, w int) {
	var buf [20]byte
	s := strconv.AppendInt(buf[:0], int64(v), 10)
	b.Write(appendSpaces(b.AvailableBuffer(), w-len(s)))
	b.Write(s)
}

// rowsFor is the number of rows of cols bytes that n bytes and a separating
// space take.
func rowsFor(n, cols int) int { return n/cols + 1 }

// padRow pads what was written to b since offset start with spaces to a
// whole number of rows, with at least one space, which separates it from
// what follows.
func padRow(b *bytes.Buffer, start, cols int) {
	n := b.Len() - start
	b.Write(appendSpaces(b.AvailableBuffer(), rowsFor(n, cols)*cols-n))
}

const spaces = "                                                                "

func appendSpaces(d []byte, n int) []byte {
	for n > 0 {
		k := min(n, len(spaces))
		d = append(d, spaces[:k]...)
		n -= k
	}
	return d
}

// pngUp writes raw, a whole number of rows of cols bytes, with a PNG filter
// byte before each row: Up (the difference from the row above) when that
// leaves more than half the row zero, else None.
func pngUp(dst *bytes.Buffer, raw []byte, cols int) {
	dst.Reset()
	dst.Grow(len(raw) + len(raw)/cols)
	up := make([]byte, cols)
	var prev []byte
	for r := 0; r+cols <= len(raw); r += cols {
		row := raw[r : r+cols]
		zeros := 0
		for i, c := range row {
			var p byte
			if prev != nil {
				p = prev[i]
			}
			up[i] = c - p
			if up[i] == 0 {
				zeros++
			}
		}
		if zeros > cols/2 {
			dst.WriteByte(2)
			dst.Write(up)
		} else {
			dst.WriteByte(0)
			dst.Write(row)
		}
		prev = row
	}
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
