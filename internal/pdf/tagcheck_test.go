package pdf

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// The tagging checker. It reads a PDF through qpdf's JSON (an independent
// parser: object streams, cross-reference streams and Flate are decoded by
// qpdf, not by this package), tokenizes every page's content streams itself,
// and walks the structure tree. It reports:
//
//	paint       a painting operator (text show, path paint, XObject, shading,
//	            inline image) outside marked content, or in marked content
//	            that is neither an artifact nor a structure element's MCID
//	nesting     unbalanced BDC/EMC, an MCID inside an artifact or another MCID
//	structure   no structure tree, /MarkInfo, /Lang, DisplayDocTitle or
//	            PDF/UA XMP; a page without /StructParents or /Tabs /S
//	figure-alt  a Figure without /Alt
//	table-th    a Table without a TH
//	th-scope    a TH without /Scope
//	heading     a heading that skips a level (the first must be H1)
//	mcid        an MCID in the content that no element owns, owned twice, or
//	            whose ParentTree entry is not its element; an element's
//	            MCID that is not in the content
//	link        a link annotation without /StructParent, /Contents or a Link
//	            element that refers to it

type tagProblem struct {
	kind string
	msg  string
}

func (p tagProblem) String() string { return p.kind + ": " + p.msg }

// tagKinds returns the distinct kinds of problems.
func tagKinds(ps []tagProblem) []string {
	var ks []string
	for _, p := range ps {
		if !slices.Contains(ks, p.kind) {
			ks = append(ks, p.kind)
		}
	}
	slices.Sort(ks)
	return ks
}

// pdfDoc is a PDF as qpdf's JSON gives it.
type pdfDoc struct {
	objs    map[string]any // "12 0 R" -> value (a stream's dictionary)
	streams map[string][]byte
	trailer map[string]any
	pages   []qpdfPage
}

type qpdfPage struct {
	Object   string   `json:"object"`
	Contents []string `json:"contents"`
}

// sampleDoc is the shared sample paper (renderSample's file) as loadPDF
// reads it: the file is never rewritten, and several tests read it.
var sampleDoc struct {
	sync.Mutex
	d *pdfDoc
}

// loadPDF reads the PDF at path through qpdf's JSON. The shared sample
// paper is read once; the tests only read the result.
func loadPDF(t testing.TB, path string) *pdfDoc {
	t.Helper()
	if path == samplePath {
		sampleDoc.Lock()
		defer sampleDoc.Unlock()
		if sampleDoc.d == nil {
			sampleDoc.d = readPDF(t, path)
		}
		return sampleDoc.d
	}
	return readPDF(t, path)
}

// readPDF runs qpdf --json on the PDF at path and decodes its objects and
// streams.
func readPDF(t testing.TB, path string) *pdfDoc {
	t.Helper()
	cmd := exec.Command(tool(t, "qpdf"), "--json", "--json-stream-data=inline", "--decode-level=generalized", path)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("qpdf --json %s: %v\n%s", path, err, errb.String())
	}
	var js struct {
		Pages []qpdfPage        `json:"pages"`
		QPDF  []json.RawMessage `json:"qpdf"`
	}
	dec := json.NewDecoder(&out)
	dec.UseNumber()
	if err := dec.Decode(&js); err != nil || len(js.QPDF) < 2 {
		t.Fatalf("qpdf json: %v", err)
	}
	var raw map[string]struct {
		Value  any `json:"value"`
		Stream *struct {
			Dict any    `json:"dict"`
			Data string `json:"data"`
		} `json:"stream"`
	}
	dec = json.NewDecoder(bytes.NewReader(js.QPDF[1]))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		t.Fatalf("qpdf json objects: %v", err)
	}
	d := &pdfDoc{objs: map[string]any{}, streams: map[string][]byte{}, pages: js.Pages}
	for k, v := range raw {
		if k == "trailer" {
			d.trailer, _ = v.Value.(map[string]any)
			continue
		}
		ref := strings.TrimPrefix(k, "obj:")
		if v.Stream != nil {
			d.objs[ref] = v.Stream.Dict
			data, err := base64.StdEncoding.DecodeString(v.Stream.Data)
			if err != nil {
				t.Fatalf("%s: stream data: %v", ref, err)
			}
			d.streams[ref] = data
		} else {
			d.objs[ref] = v.Value
		}
	}
	return d
}

var refRE = regexp.MustCompile(`^\d+ \d+ R$`)

func isRef(v any) (string, bool) {
	s, ok := v.(string)
	return s, ok && refRE.MatchString(s)
}

// get resolves a reference once.
func (d *pdfDoc) get(v any) any {
	if r, ok := isRef(v); ok {
		return d.objs[r]
	}
	return v
}

func (d *pdfDoc) dict(v any) map[string]any {
	m, _ := d.get(v).(map[string]any)
	return m
}

func (d *pdfDoc) array(v any) []any {
	a, _ := d.get(v).([]any)
	return a
}

// mcr returns the page and MCID a marked-content reference kd points at;
// the page is the element's, pg, unless kd names its own.
func (d *pdfDoc) mcr(kd map[string]any, pg string) (page string, mcid int) {
	page, _ = isRef(kd["/Pg"])
	if page == "" {
		page = pg
	}
	mcid, _ = d.int(kd["/MCID"])
	return page, mcid
}

func (d *pdfDoc) int(v any) (int, bool) {
	n, ok := d.get(v).(json.Number)
	if !ok {
		return 0, false
	}
	i, err := n.Int64()
	return int(i), err == nil
}

// text decodes a qpdf JSON string ("u:..." text, "b:..." hex bytes).
func pdfString(v any) (string, bool) {
	s, ok := v.(string)
	if !ok {
		return "", false
	}
	switch {
	case strings.HasPrefix(s, "u:"):
		return s[2:], true
	case strings.HasPrefix(s, "b:"):
		return s[2:], true
	}
	return "", false
}

func name(v any) string {
	s, _ := v.(string)
	if strings.HasPrefix(s, "/") {
		return s[1:]
	}
	return ""
}

// checkTagged runs every check on the PDF at path.
func checkTagged(t testing.TB, path string) []tagProblem {
	t.Helper()
	return loadPDF(t, path).check()
}

func (d *pdfDoc) check() []tagProblem {
	var ps []tagProblem
	add := func(kind, format string, args ...any) {
		if len(ps) < 200 {
			ps = append(ps, tagProblem{kind, fmt.Sprintf(format, args...)})
		}
	}
	// Content: which MCIDs each page has, and painting outside them.
	pageMCIDs := make([]map[int]bool, len(d.pages))
	for i, pg := range d.pages {
		var content []byte
		for _, c := range pg.Contents {
			content = append(content, d.streams[c]...)
			content = append(content, '\n')
		}
		pageMCIDs[i] = map[int]bool{}
		for _, p := range scanContent(content, pageMCIDs[i]) {
			add(p.kind, "page %d: %s", i+1, p.msg)
		}
	}

	cat := d.dict(d.trailer["/Root"])
	if cat == nil {
		add("structure", "no catalog")
		return ps
	}
	if mi := d.dict(cat["/MarkInfo"]); mi == nil || mi["/Marked"] != true {
		add("structure", "catalog /MarkInfo <</Marked true>> missing")
	}
	if lang, _ := pdfString(d.get(cat["/Lang"])); strings.TrimSpace(lang) == "" {
		add("structure", "catalog /Lang missing")
	}
	if vp := d.dict(cat["/ViewerPreferences"]); vp == nil || vp["/DisplayDocTitle"] != true {
		add("structure", "catalog /ViewerPreferences <</DisplayDocTitle true>> missing")
	}
	if r, ok := isRef(cat["/Metadata"]); !ok {
		add("structure", "no XMP metadata")
	} else if x := string(d.streams[r]); !regexp.MustCompile(`<pdfuaid:part>1</pdfuaid:part>`).MatchString(x) || !strings.Contains(x, "<dc:title>") {
		add("structure", "XMP lacks pdfuaid:part 1 or dc:title")
	}
	root := d.dict(cat["/StructTreeRoot"])
	if root == nil {
		add("structure", "no /StructTreeRoot: the file is not tagged")
		return ps
	}

	// The parent tree, flattened.
	parent := map[int]any{}
	var nums func(v any, depth int)
	nums = func(v any, depth int) {
		n := d.dict(v)
		if n == nil || depth > 20 {
			return
		}
		a := d.array(n["/Nums"])
		for j := 0; j+1 < len(a); j += 2 {
			if k, ok := d.int(a[j]); ok {
				parent[k] = a[j+1]
			}
		}
		for _, kid := range d.array(n["/Kids"]) {
			nums(kid, depth+1)
		}
	}
	nums(root["/ParentTree"], 0)

	pageIndex := map[string]int{}
	for i, pg := range d.pages {
		pageIndex[pg.Object] = i
	}

	// Walk the tree in order.
	owner := map[string]string{} // "page/mcid" -> element
	linkAnnots := map[string]string{}
	lastHeading := 0
	visited := map[string]bool{}
	var walk func(ref, parentRef string, depth int)
	walk = func(ref, parentRef string, depth int) {
		if visited[ref] || depth > 100 {
			add("structure", "element %s reached twice or nested too deep", ref)
			return
		}
		visited[ref] = true
		e := d.dict(ref)
		if e == nil {
			add("structure", "element %s missing", ref)
			return
		}
		s := name(e["/S"])
		if p, _ := e["/P"].(string); p != parentRef {
			add("structure", "%s %s: /P is %v, its parent is %s", s, ref, e["/P"], parentRef)
		}
		pg, _ := isRef(e["/Pg"])
		switch {
		case s == "Figure":
			if alt, _ := pdfString(d.get(e["/Alt"])); strings.TrimSpace(alt) == "" {
				add("figure-alt", "Figure %s has no /Alt", ref)
			}
		case s == "Table":
			if !d.hasDescendant(ref, "TH", "Table") {
				add("table-th", "Table %s has no TH", ref)
			}
		case s == "TH":
			if !d.hasAttr(e["/A"], "/Scope") {
				add("th-scope", "TH %s has no /Scope", ref)
			}
		case len(s) == 2 && s[0] == 'H' && s[1] >= '1' && s[1] <= '6':
			lv := int(s[1] - '0')
			if lv > lastHeading+1 {
				add("heading", "%s after H%d skips a level", s, lastHeading)
			}
			lastHeading = lv
		}
		kids := e["/K"]
		if _, isArr := kids.([]any); !isArr {
			kids = []any{kids}
		}
		for _, k := range kids.([]any) {
			if k == nil {
				continue
			}
			if mc, ok := k.(json.Number); ok {
				m, _ := mc.Int64()
				if pg == "" {
					add("mcid", "%s %s: MCID %d with no /Pg", s, ref, m)
					continue
				}
				d.own(owner, pageIndex, pg, int(m), ref, s, add)
				continue
			}
			kr, isR := isRef(k)
			kd := d.dict(k)
			if kd == nil {
				add("structure", "%s %s: child %v is not a dictionary", s, ref, k)
				continue
			}
			switch name(kd["/Type"]) {
			case "MCR":
				p, m := d.mcr(kd, pg)
				d.own(owner, pageIndex, p, m, ref, s, add)
			case "OBJR":
				o, _ := isRef(kd["/Obj"])
				if s != "Link" {
					add("link", "%s %s refers to an annotation; only Link elements should", s, ref)
				}
				linkAnnots[o] = ref
			default:
				if !isR {
					add("structure", "%s %s: a child element is not an indirect object", s, ref)
					continue
				}
				walk(kr, ref, depth+1)
			}
		}
	}
	rootKids := root["/K"]
	if _, isArr := rootKids.([]any); !isArr {
		rootKids = []any{rootKids}
	}
	rootRef, _ := isRef(cat["/StructTreeRoot"])
	for _, k := range rootKids.([]any) {
		if r, ok := isRef(k); ok {
			walk(r, rootRef, 0)
		}
	}
	if len(visited) == 0 {
		add("structure", "the structure tree is empty")
	}

	// Every MCID in the content has one element, and the parent tree
	// agrees; every MCID of the tree is in the content.
	for i, pg := range d.pages {
		pd := d.dict(pg.Object)
		sp, ok := d.int(pd["/StructParents"])
		if !ok {
			add("structure", "page %d has no /StructParents", i+1)
		}
		if name(pd["/Tabs"]) != "S" {
			add("structure", "page %d has no /Tabs /S", i+1)
		}
		arr := d.array(parent[sp])
		var ms []int
		for m := range pageMCIDs[i] {
			ms = append(ms, m)
		}
		slices.Sort(ms)
		for _, m := range ms {
			el, ok := owner[fmt.Sprintf("%s/%d", pg.Object, m)]
			switch {
			case !ok:
				add("mcid", "page %d: MCID %d belongs to no element", i+1, m)
			case m >= len(arr):
				add("mcid", "page %d: MCID %d is not in the parent tree", i+1, m)
			case arr[m] != el:
				add("mcid", "page %d: parent tree gives MCID %d to %v, the tree to %s", i+1, m, arr[m], el)
			}
		}
		for j, v := range arr {
			if v != nil && !pageMCIDs[i][j] {
				add("mcid", "page %d: parent tree entry %d has no marked content", i+1, j)
			}
		}
		for _, a := range d.array(pd["/Annots"]) {
			ar, _ := isRef(a)
			ad := d.dict(a)
			if name(ad["/Subtype"]) != "Link" {
				continue
			}
			k, ok := d.int(ad["/StructParent"])
			if !ok {
				add("link", "page %d: link annotation %s has no /StructParent", i+1, ar)
				continue
			}
			if c, _ := pdfString(d.get(ad["/Contents"])); strings.TrimSpace(c) == "" {
				add("link", "page %d: link annotation %s has no /Contents", i+1, ar)
			}
			el, ok := linkAnnots[ar]
			if !ok {
				add("link", "page %d: no Link element refers to annotation %s", i+1, ar)
			} else if parent[k] != el {
				add("link", "page %d: parent tree gives annotation %s to %v, the tree to %s", i+1, ar, parent[k], el)
			}
		}
	}
	for key := range owner {
		pgObj, m, _ := strings.Cut(key, "/")
		mc, _ := strconv.Atoi(m)
		if i, ok := pageIndex[pgObj]; !ok || !pageMCIDs[i][mc] {
			add("mcid", "the tree refers to MCID %d on %s, which is not in the content", mc, pgObj)
		}
	}
	return ps
}

// own records that element ref owns MCID m on page pg.
func (d *pdfDoc) own(owner map[string]string, pageIndex map[string]int, pg string, m int, ref, s string, add func(string, string, ...any)) {
	if _, ok := pageIndex[pg]; !ok {
		add("mcid", "%s %s: /Pg %s is not a page", s, ref, pg)
		return
	}
	key := fmt.Sprintf("%s/%d", pg, m)
	if o, dup := owner[key]; dup {
		add("mcid", "MCID %d on %s owned by %s and %s", m, pg, o, ref)
		return
	}
	owner[key] = ref
}

// hasDescendant reports whether element ref has a descendant of type typ,
// not looking inside elements of type stop.
func (d *pdfDoc) hasDescendant(ref, typ, stop string) bool {
	e := d.dict(ref)
	kids := e["/K"]
	if _, isArr := kids.([]any); !isArr {
		kids = []any{kids}
	}
	for _, k := range kids.([]any) {
		r, ok := isRef(k)
		if !ok {
			continue
		}
		kd := d.dict(r)
		if kd == nil || name(kd["/Type"]) == "MCR" || name(kd["/Type"]) == "OBJR" {
			continue
		}
		s := name(kd["/S"])
		if s == typ {
			return true
		}
		if s != stop && d.hasDescendant(r, typ, stop) {
			return true
		}
	}
	return false
}

// hasAttr reports whether an attribute object (or array of them) has key.
// eachTBody calls f with every TBody element of the structure tree at or
// below v.
func (d *pdfDoc) eachTBody(v any, f func(tbody map[string]any)) {
	e := d.dict(v)
	if e == nil {
		return
	}
	if name(e["/S"]) == "TBody" {
		f(e)
		return
	}
	k := d.get(e["/K"])
	if a, ok := k.([]any); ok {
		for _, x := range a {
			d.eachTBody(x, f)
		}
	} else {
		d.eachTBody(k, f)
	}
}

func (d *pdfDoc) hasAttr(a any, key string) bool {
	switch v := d.get(a).(type) {
	case map[string]any:
		_, ok := v[key]
		return ok
	case []any:
		for _, x := range v {
			if d.hasAttr(x, key) {
				return true
			}
		}
	}
	return false
}

// Content streams.

// paintOps are the operators that put marks on the page.
var paintOps = map[string]bool{
	"Tj": true, "TJ": true, "'": true, `"`: true, // text
	"S": true, "s": true, "f": true, "F": true, "f*": true, "B": true, "B*": true, "b": true, "b*": true, // paths
	"Do": true, "sh": true, "EI": true, // XObjects, shadings, inline images
}

type mcFrame struct {
	artifact bool
	mcid     int // -1: none
}

// scanContent tokenizes a content stream and reports painting outside
// marked content and bad nesting; it adds the MCIDs it finds to mcids.
func scanContent(data []byte, mcids map[int]bool) []tagProblem {
	var ps []tagProblem
	outside := 0
	var stack []mcFrame
	eachOperator(data, func(o string, operands []any) {
		switch {
		case o == "BMC" || o == "BDC":
			f := mcFrame{mcid: -1}
			tag := ""
			if len(operands) > 0 {
				tag, _ = operands[0].(string)
			}
			f.artifact = tag == "/Artifact"
			if o == "BDC" {
				f.mcid = bdcMCID(operands)
			}
			for _, up := range stack {
				if f.mcid >= 0 && up.artifact {
					ps = append(ps, tagProblem{"nesting", fmt.Sprintf("MCID %d inside an artifact", f.mcid)})
				}
				if f.mcid >= 0 && up.mcid >= 0 {
					ps = append(ps, tagProblem{"nesting", fmt.Sprintf("MCID %d inside MCID %d", f.mcid, up.mcid)})
				}
			}
			if f.mcid >= 0 {
				if mcids[f.mcid] {
					ps = append(ps, tagProblem{"mcid", fmt.Sprintf("MCID %d used twice", f.mcid)})
				}
				mcids[f.mcid] = true
			}
			stack = append(stack, f)
		case o == "EMC":
			if len(stack) == 0 {
				ps = append(ps, tagProblem{"nesting", "EMC without BMC/BDC"})
			} else {
				stack = stack[:len(stack)-1]
			}
		case paintOps[o]:
			tagged := false
			for _, f := range stack {
				if f.artifact || f.mcid >= 0 {
					tagged = true
				}
			}
			if !tagged {
				if outside < 3 {
					ps = append(ps, tagProblem{"paint", fmt.Sprintf("%q outside marked content (operands %v)", o, operands)})
				}
				outside++
			}
		}
	})
	if outside > 3 {
		ps = append(ps, tagProblem{"paint", fmt.Sprintf("%d painting operators outside marked content in all", outside)})
	}
	if len(stack) > 0 {
		ps = append(ps, tagProblem{"nesting", fmt.Sprintf("%d marked-content sequences not closed", len(stack))})
	}
	return ps
}

// eachOperator calls f with each operator of a content stream or CMap and
// the operands before it (valid only during the call).
func eachOperator(data []byte, f func(op string, operands []any)) {
	var operands []any
	lx := &lexer{b: data}
	for {
		tok, ok := lx.next()
		if !ok {
			return
		}
		if op, isOp := tok.(operator); isOp {
			f(string(op), operands)
			operands = operands[:0]
		} else {
			operands = append(operands, tok)
		}
	}
}

// bdcMCID is the MCID in a BDC operator's property list, or -1.
func bdcMCID(operands []any) int {
	if len(operands) > 1 {
		if props, ok := operands[1].(map[string]any); ok {
			if n, ok := props["/MCID"].(float64); ok {
				return int(n)
			}
		}
	}
	return -1
}

// A content-stream lexer: numbers are float64, names "/Name", strings
// pdfStr (literal) or hexStr (hexadecimal), arrays []any, dictionaries
// map[string]any, operators operator.
type lexer struct {
	b []byte
	i int
}

type operator string

type pdfStr string

// hexStr is a hexadecimal string's digits, as written.
type hexStr string

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	return strings.IndexByte("()<>[]{}/%", c) >= 0
}

func (l *lexer) next() (any, bool) {
	b := l.b
	for l.i < len(b) {
		c := b[l.i]
		switch {
		case isWhite(c):
			l.i++
		case c == '%':
			for l.i < len(b) && b[l.i] != '\n' && b[l.i] != '\r' {
				l.i++
			}
		default:
			return l.token()
		}
	}
	return nil, false
}

func (l *lexer) token() (any, bool) {
	b := l.b
	c := b[l.i]
	switch {
	case c == '/':
		j := l.i + 1
		for j < len(b) && !isWhite(b[j]) && !isDelim(b[j]) {
			j++
		}
		s := string(b[l.i:j])
		l.i = j
		return s, true
	case c == '(':
		depth := 0
		var s []byte
		for l.i < len(b) {
			c := b[l.i]
			l.i++
			switch {
			case c == '\\' && l.i < len(b):
				s = append(s, b[l.i])
				l.i++
				continue
			case c == '(':
				depth++
				if depth == 1 {
					continue
				}
			case c == ')':
				depth--
				if depth == 0 {
					return pdfStr(s), true
				}
			}
			s = append(s, c)
		}
		return pdfStr(s), true
	case c == '<' && l.i+1 < len(b) && b[l.i+1] == '<':
		l.i += 2
		m := map[string]any{}
		for {
			k, ok := l.next()
			if !ok {
				return m, true
			}
			if op, isOp := k.(operator); isOp && op == ">>" {
				return m, true
			}
			v, ok := l.next()
			if !ok {
				return m, true
			}
			if ks, ok := k.(string); ok {
				m[ks] = v
			}
		}
	case c == '>' && l.i+1 < len(b) && b[l.i+1] == '>':
		l.i += 2
		return operator(">>"), true
	case c == '<':
		j := bytes.IndexByte(b[l.i:], '>')
		if j < 0 {
			j = len(b) - l.i - 1
		}
		s := hexStr(b[l.i+1 : l.i+j])
		l.i += j + 1
		return s, true
	case c == '[':
		l.i++
		var a []any
		for {
			v, ok := l.next()
			if !ok {
				return a, true
			}
			if op, isOp := v.(operator); isOp && op == "]" {
				return a, true
			}
			a = append(a, v)
		}
	case c == ']':
		l.i++
		return operator("]"), true
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		j := l.i + 1
		for j < len(b) && (b[j] == '.' || (b[j] >= '0' && b[j] <= '9')) {
			j++
		}
		v, err := strconv.ParseFloat(string(b[l.i:j]), 64)
		l.i = j
		if err != nil {
			return operator(b[l.i-1 : j]), true
		}
		return v, true
	}
	j := l.i
	for j < len(b) && !isWhite(b[j]) && !isDelim(b[j]) {
		j++
	}
	if j == l.i {
		j++ // a stray delimiter
	}
	op := operator(b[l.i:j])
	l.i = j
	if op == "ID" {
		// Inline image data runs to whitespace EI whitespace.
		k := l.i + 1
		for k+2 < len(b) && !(isWhite(b[k]) && b[k+1] == 'E' && b[k+2] == 'I' && (k+3 == len(b) || isWhite(b[k+3]))) {
			k++
		}
		l.i = k + 1
	}
	return op, true
}
