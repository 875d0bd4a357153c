package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
	"weak"

	"github.com/xuri/excelize/v2"
)

// The fast row path.
//
// excelize's Rows iterator decodes a worksheet with encoding/xml, one token
// and one reflective DecodeElement per cell. On large exports that is about
// three quarters of the time of a whole run (a 200,000-row export took 3 s)
// and a gigabyte of garbage. fastRows reads the same worksheet part with a
// small hand-written scanner and returns exactly what excelize's Rows, with
// RawCellValue, would: the same rows, including the empty rows of gaps, and
// the same cell strings.
//
// It only does so for the XML it understands completely. Every worksheet is
// first checked in full; a part that uses anything else (comments, CDATA,
// DOCTYPE, entities other than the five predefined ones and character
// references, carriage returns, non-ASCII names, rich-text runs in inline
// strings, rows out of order, unusual attribute values, an encoding other
// than UTF-8, ...) is read by excelize's iterator instead, as are sheets
// whose part is not held in memory or whose shared strings are not. So the
// fast path can only be faster, never different; fastrows_test.go checks
// that against excelize on every workbook it can find.

// rowsPath is "fast" to use the fast path where it applies, or "excelize"
// to always use excelize's iterator (Options.rows chooses for one read). An
// A/B check of the papers can build with -ldflags "-X
// github.com/boardpack/boardpack/internal/xlsx.rowsPath=excelize".
var rowsPath = "fast"

// rowIter is what the sheet reader needs of a row iterator; excelize's
// *Rows satisfies it.
type rowIter interface {
	Next() bool
	Columns(opts ...excelize.Options) ([]string, error)
	Error() error
	Close() error
}

// openRows returns an iterator over sheet's rows: the fast one when it
// applies, else excelize's. prep, if not nil, is the sheet's check, made
// when the workbook was opened. It also returns what the part says about
// its rows (see xmlfault.go): openPart streams a part that is not held in
// memory from the workbook. path is "fast" or "excelize", as rowsPath.
func openRows(wb *workbook, sheet string, prep *preparedSheet, openPart func(string) (io.ReadCloser, error), path string) (rowIter, partRows, error) {
	if path == "fast" {
		if r := openFastRows(wb, sheet, prep); r != nil {
			return r, partRows{known: true, last: r.lastRow}, nil
		}
	}
	xl, err := wb.excelize()
	if err != nil {
		return nil, partRows{}, err
	}
	rows, err := xl.Rows(sheet)
	if err != nil {
		return nil, partRows{}, err
	}
	if err := checkSharedStrings(xl); err != nil {
		_ = rows.Close()
		return nil, partRows{}, err
	}
	return rows, checkPart(wb, xl, sheet, openPart), nil
}

// openFastRows returns the fast iterator, or nil when it does not apply.
// prep, if not nil, is the sheet's check made when it was opened.
func openFastRows(wb *workbook, sheet string, prep *preparedSheet) *fastRows {
	path, ok := wb.sheetPath(sheet)
	if !ok {
		return nil
	}
	if wb.sheetLoaded(path) {
		// excelize would serialise its in-memory copy and read that.
		return nil
	}
	src := wb.part(path)
	if len(src) == 0 {
		return nil // spilled to a temporary file, or missing
	}
	if prep == nil || !sameBytes(prep.src, src) {
		var chk fastRows
		chk.sc.b = src
		prep = &preparedSheet{src: src}
		prep.usesSST, prep.lastRow, prep.ok = chk.check()
	}
	if !prep.ok {
		return nil
	}
	r := &fastRows{lastRow: prep.lastRow}
	r.sc.b, r.sc.trusted = src, true
	if prep.usesSST {
		if prep.sst != nil {
			r.sst = lookup(prep.sst)
		} else if r.sst = sstLookup(wb, sheet); r.sst == nil {
			return nil
		}
	}
	if !r.start() {
		return nil
	}
	return r
}

// sstLookup returns a lookup of wb's shared strings as excelize reads them
// (the string and true, or false for an index out of range), or nil when
// the table is not held in memory or cannot be read. A plain table is
// parsed here; any other is excelize's own, which it loads on the first
// Columns call.
func sstLookup(wb *workbook, sheet string) func(int) (string, bool) {
	b := wb.part("xl/sharedStrings.xml")
	if b == nil {
		return nil // none, or spilled to a temporary file
	}
	if sst, ok := sharedStrings(wb, b); ok {
		return lookup(sst)
	}
	xl, err := wb.excelize()
	if err != nil {
		return nil
	}
	if xl.SharedStrings == nil {
		if rows, err := xl.Rows(sheet); err == nil {
			_, _ = rows.Columns() // stops at the first row
			_ = rows.Close()
		}
	}
	if xl.SharedStrings == nil {
		return nil
	}
	return func(i int) (string, bool) {
		si := xl.SharedStrings.SI
		if i < 0 || i >= len(si) {
			return "", false
		}
		return si[i].String(), true
	}
}

// lookup returns the lookup of a parsed shared-string table.
func lookup(sst []string) func(int) (string, bool) {
	return func(i int) (string, bool) {
		if i < 0 || i >= len(sst) {
			return "", false
		}
		return sst[i], true
	}
}

// sameBytes reports whether a and b are the same slice of memory.
func sameBytes(a, b []byte) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// sstCache holds the shared strings of the workbook read last, so that its
// sheets share one parse; it does not keep the workbook alive.
var sstCache struct {
	sync.Mutex
	wb      weak.Pointer[workbook]
	strings []string
}

// sharedStrings returns wb's shared-string table, parsed from its part b,
// when the table is plain (see parseSST).
func sharedStrings(wb *workbook, b []byte) ([]string, bool) {
	sstCache.Lock()
	defer sstCache.Unlock()
	if sstCache.wb.Value() == wb && sstCache.strings != nil {
		return sstCache.strings, true
	}
	sst, ok := parseSST(b)
	if !ok {
		return nil, false
	}
	sstCache.wb, sstCache.strings = weak.Make(wb), sst
	return sst, true
}

// parseSST reads a shared-string table as excelize does (xlsxSST, then
// xlsxSI.String() for each item) when it is plain: an sst root in the
// spreadsheetml namespace holding only si items of at most one t each. Rich
// text runs, phonetic runs, strict-OOXML namespaces and anything else are
// left to excelize (ok false).
func parseSST(b []byte) ([]string, bool) {
	if bytes.Contains(b, []byte("purl.oclc.org")) {
		return nil, false // excelize rewrites strict namespaces first
	}
	sc := scanner{b: b}
	if !sc.prolog() {
		return nil, false
	}
	var out []string
	depth := 0         // 1 in sst, 2 in si, 3 in t
	var open [3][]byte // the names of the elements we are in
	var text strings.Builder
	hasT := false
	rootDone := false
	for {
		switch sc.next() {
		case tokErr:
			return nil, false
		case tokEOF:
			return out, rootDone && depth == 0
		case tokText:
			switch {
			case depth == 3 && sc.rawEntities:
				text.WriteString(sc.text())
			case depth == 3:
				text.Write(sc.raw) // no copy in between: a text may be megabytes
			case !sc.blank():
				return nil, false
			}
		case tokStart:
			switch {
			case depth == 0 && !rootDone && string(sc.qname) == "sst":
				ns := false
				for _, a := range sc.attrs {
					v := sc.attrValue(a)
					switch string(a.local) {
					case "xmlns":
						ns = v == "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
					case "count", "uniqueCount":
						if _, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err != nil && v != "" {
							return nil, false
						}
					}
				}
				if !ns {
					return nil, false
				}
				if sc.empty {
					rootDone = true
					continue
				}
			case depth == 1 && string(sc.local) == "si":
				text.Reset()
				hasT = false
				if sc.empty {
					out = append(out, "")
					continue
				}
			case depth == 2 && string(sc.local) == "t" && !hasT:
				hasT = true
				if sc.empty {
					continue
				}
			default:
				return nil, false
			}
			open[depth] = sc.qname
			depth++
		case tokEnd:
			if depth == 0 || !bytes.Equal(open[depth-1], sc.qname) {
				return nil, false
			}
			depth--
			switch depth {
			case 0:
				rootDone = true
			case 1: // </si>
				out = append(out, bstrUnmarshal(text.String()))
			}
		}
	}
}

// sheetXMLPath is the path of sheet's part in the package, as excelize
// resolved it when it opened the workbook (File.sheetMap, matched without
// regard to case, as excelize does). excelize does not export it, so it is
// read through reflect; if a later excelize changes the field, the fast path
// is simply not used.
func sheetXMLPath(wb *excelize.File, sheet string) (string, bool) {
	v := reflect.ValueOf(wb).Elem().FieldByName("sheetMap")
	if !v.IsValid() || v.Kind() != reflect.Map || v.Type().Key().Kind() != reflect.String || v.Type().Elem().Kind() != reflect.String {
		return "", false
	}
	path, n := "", 0
	for it := v.MapRange(); it.Next(); {
		if strings.EqualFold(it.Key().String(), sheet) {
			path, n = it.Value().String(), n+1
		}
	}
	return path, n == 1
}

// fastRows iterates over a worksheet part that check accepted, with the
// semantics of excelize's Rows.Next and Rows.Columns: Next moves to rows 1,
// 2, 3, ... up to the last row element, and Columns returns that row's
// cells (nil for a row with no element or no values).
type fastRows struct {
	sc  scanner
	sst func(int) (string, bool) // shared string i, false when out of range

	seek    int      // row number Next moved to
	pending int      // number of the row element read ahead; 0 for none
	cells   []string // its cells
	// styles are the cells' style indexes (their s attributes); nil when
	// all are 0 (none), and shorter than cells when the rest are.
	styles []int
	width  int // the most cells a row has had, to size the next
	// noStyles stops reading styles, for a sheet whose formats are not
	// read (see sheetReader.readRows).
	noStyles bool

	// rowStyles are the styles of the row Columns returned last, as
	// styles.
	rowStyles []int
	last      int   // number of the previous row element
	done      bool  // sheetData ended
	lastRow   int   // the number of the part's last row, as check counted it
	err       error // a cell of the row read ahead cannot be read
}

// Rows, cells and their numbers allowed, as excelize enforces them.
const (
	maxRows = excelize.TotalRows
	maxCols = excelize.MaxColumns
)

func (r *fastRows) Next() bool {
	r.seek++
	if r.pending == 0 && !r.done {
		r.readRow()
	}
	return r.pending != 0
}

func (r *fastRows) Columns(...excelize.Options) ([]string, error) {
	if r.pending == 0 || r.pending > r.seek {
		r.rowStyles = nil // a row the XML leaves out has no cells, so no styles
		return nil, nil
	}
	if err := r.err; err != nil {
		r.pending, r.cells, r.styles, r.err = 0, nil, nil, nil
		return nil, err
	}
	cells := r.cells
	r.rowStyles = r.styles
	r.pending, r.cells, r.styles = 0, nil, nil
	return cells, nil
}

func (r *fastRows) Error() error { return nil }
func (r *fastRows) Close() error { return nil }

// start moves to the first row of sheetData; false if the part changed
// under us (it cannot: check accepted it).
func (r *fastRows) start() bool {
	sc := &r.sc
	if !sc.prolog() {
		return false
	}
	for {
		k := sc.next()
		switch {
		case k == tokErr:
			return false
		case k == tokEOF:
			r.done = true
			return true
		case k == tokStart && string(sc.local) == "sheetData":
			if sc.empty {
				r.done = true
			}
			return true
		}
	}
}

// readRow reads the next row element into pending and cells, or sets done
// at the end of sheetData.
func (r *fastRows) readRow() {
	sc := &r.sc
	for {
		switch sc.next() {
		case tokStart: // a row
			num := r.last + 1
			for _, a := range sc.attrs {
				if string(a.local) == "r" {
					num, _ = plainAtoi(sc.attrBytes(a))
				}
			}
			r.last, r.pending, r.cells, r.styles = num, num, nil, nil
			if !sc.empty {
				r.readCells()
			}
			return
		case tokEnd, tokEOF, tokErr: // </sheetData>
			r.done = true
			return
		}
	}
}

// readCells reads a row's cells up to </row>, as excelize's rowXMLHandler
// does: a cell's column is its reference's, or one after the previous
// cell's; blank cells before it are filled with ""; a cell is kept when it
// has a value or a formula.
func (r *fastRows) readCells() {
	sc := &r.sc
	col := 0
	for {
		switch sc.next() {
		case tokStart: // a c
			col++
			var ref, typ []byte
			style := 0
			for _, a := range sc.attrs {
				switch string(a.local) {
				case "r":
					ref = sc.attrBytes(a)
				case "t":
					typ = sc.attrBytes(a)
				case "s":
					if !r.noStyles {
						style, _ = plainAtoi(sc.attrBytes(a))
					}
				}
			}
			if len(ref) > 0 {
				col = cellColumn(ref)
			}
			var v string
			var formula, inline bool
			var is inlineText
			if !sc.empty {
				v, formula, inline = r.readCell(&is)
			}
			val := v
			switch string(typ) {
			case "s":
				val = ""
				if v != "" {
					i, _ := strconv.Atoi(strings.TrimSpace(v))
					var ok bool
					if val, ok = r.sst(i); !ok && r.err == nil {
						// excelize's Columns fails here too; an empty
						// cell would drop a value (a Confidential flag).
						cell, _ := excelize.CoordinatesToCellName(col, r.last)
						r.err = fmt.Errorf("cell %s refers to shared string %d, which the workbook does not have", cell, i)
					}
				}
			case "inlineStr":
				if inline {
					val = bstrUnmarshal(is.String())
				}
			}
			if val != "" || formula {
				if r.cells == nil {
					r.cells = make([]string, 0, max(r.width, col))
				}
				for len(r.cells) < col-1 {
					r.cells = append(r.cells, "")
				}
				r.cells = append(r.cells, val)
				if style != 0 && r.styles == nil {
					r.styles = make([]int, 0, cap(r.cells))
				}
				if r.styles != nil {
					for len(r.styles) < len(r.cells)-1 {
						r.styles = append(r.styles, 0)
					}
					r.styles = append(r.styles, style)
				}
				r.width = max(r.width, len(r.cells))
			}
		case tokEnd: // </row>
			return
		}
	}
}

// readCell reads a cell's children up to </c>: the text of v, whether it
// has an f, and the text of an inline string (is, with its t and the t of
// its runs) into is.
func (r *fastRows) readCell(is *inlineText) (v string, formula, inline bool) {
	sc := &r.sc
	depth := 0
	var in string // the text-holding element we are in: v, t, or "" for none
	for {
		switch sc.next() {
		case tokStart:
			switch string(sc.local) {
			case "v", "t":
				in = string(sc.local)
			case "f":
				formula = true
			case "is":
				inline = true
			}
			if sc.empty { // <v/>: no text and no end tag
				in = ""
			} else {
				depth++
			}
		case tokText:
			switch in {
			case "v":
				v += sc.text()
			case "t":
				is.add(sc.text())
			}
		case tokEnd:
			if depth == 0 { // </c>
				return v, formula, inline
			}
			depth--
			in = ""
		}
	}
}

// inlineText joins the texts of an inline string: most have one, which is
// kept as it is rather than copied.
type inlineText struct {
	n     int
	first string
	more  strings.Builder
}

func (t *inlineText) add(s string) {
	t.n++
	switch t.n {
	case 1:
		t.first = s
		return
	case 2:
		t.more.WriteString(t.first)
	}
	t.more.WriteString(s)
}

func (t *inlineText) String() string {
	if t.n <= 1 {
		return t.first
	}
	return t.more.String()
}

// cellColumn is the column number of a cell reference that check accepted.
func cellColumn(ref []byte) int {
	if col, _, ok := plainRef(ref); ok {
		return col
	}
	col, _, _ := excelize.CellNameToCoordinates(string(ref))
	return col
}

// plainRef reads a plain reference such as "AB12" (one to three capital
// letters, then a row number with no leading zero) without allocating; ok
// is false for anything else.
func plainRef(ref []byte) (col, row int, ok bool) {
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
	}
	if i == 0 || i > 3 || i == len(ref) || ref[i] == '0' || len(ref)-i > 7 {
		return 0, 0, false
	}
	row, ok = plainAtoi(ref[i:])
	return col, row, ok
}

// plainAtoi reads a canonical non-negative decimal number (no sign, no leading
// zero) of at most nine digits without allocating.
func plainAtoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 || len(b) > 1 && b[0] == '0' {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// check reads the whole part and reports whether the fast path reads it
// exactly as excelize would, whether it uses shared strings, and the
// number of its last row (how many rows either iterator returns). It accepts
// one root element holding at most one sheetData; sheetData holds only
// rows, in increasing order; rows hold only c, in increasing order; c holds at most one each of
// v, f (text only) and is; is holds at most one t and runs (r) of one t
// each. Elements elsewhere may hold anything well formed, except elements
// named row or sheetData.
func (r *fastRows) check() (usesSST bool, lastRow int, ok bool) {
	c := r.scan(nil)
	return c.usesSST, c.lastRow, c.ok
}

// partScan is what one pass over a worksheet part found: check's answer
// and, for a part check accepts, what sheetParts looks for in it.
type partScan struct {
	ok, usesSST bool
	lastRow     int
	merges      bool // the part holds "<mergeCell "
	formulas    bool // the part holds "<f>" or "<f "
	// limits says ls was fed the whole part, every tag and text as
	// limitScan.feed sees them, or the part up to the first limit it is
	// over; false leaves the limits to a pass of their own.
	limits bool
}

// scan is check, feeding ls (when not nil) the part's tags and texts on
// the way, so that the part is read once for both. A part check accepts
// holds no comment, CDATA or processing instruction and no < in a value or
// a text, so every < in it starts a tag and the tags are those
// limitScan.feed finds; the one thing feed reads otherwise is a > in an
// attribute value (it ends a tag there), and a part with one is left to
// its own limit pass. For the same reason "<mergeCell " and "<f>" or
// "<f " occur in an accepted part exactly where a start tag so named
// (followed by that byte) does, which is what merges and formulas record.
func (r *fastRows) scan(ls *limitScan) (res partScan) {
	sc := &r.sc
	if !sc.prolog() {
		return partScan{}
	}
	var usesSST bool
	var lastRow int
	type frame struct {
		qname    []byte
		kind     byte // see below
		children int  // of the kinds counted once: v, f, is, t
	}
	// Kinds: 'o' other (outside sheetData), 'D' sheetData, 'R' row, 'C' c,
	// 'T' text only (v, f, t), 'I' is, 'U' run (r in is).
	var stack []frame
	var sheetData, rootDone bool
	col := 0 // the column of the row's last cell
	for {
		k := sc.next()
		if ls != nil && sc.gtInValue {
			ls = nil // feed would end a tag at the >: see above
		}
		if ls != nil {
			switch k {
			case tokText:
				ls.addText(sc.raw)
			case tokStart:
				ls.endText()
				ls.element(sc)
			case tokEnd:
				ls.endText()
			}
			if ls.err != nil {
				return partScan{limits: true} // refused: nothing else matters
			}
		}
		switch k {
		case tokErr:
			return partScan{}
		case tokEOF:
			if ls != nil {
				ls.done()
				res.limits = true
			}
			res.ok = len(stack) == 0 && rootDone
			res.usesSST, res.lastRow = usesSST, lastRow
			return res
		case tokText:
			if len(stack) == 0 || stack[len(stack)-1].kind != 'o' && stack[len(stack)-1].kind != 'T' {
				if !sc.blank() {
					return partScan{}
				}
			}
		case tokEnd:
			if len(stack) == 0 || !bytes.Equal(stack[len(stack)-1].qname, sc.qname) {
				return partScan{}
			}
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				rootDone = true
			}
		case tokStart:
			if rootDone {
				return partScan{} // a second root
			}
			switch {
			case len(sc.qname) == 1 && sc.qname[0] == 'f':
				res.formulas = res.formulas || sc.after == '>' || sc.after == ' '
			case len(sc.qname) == len("mergeCell") && string(sc.qname) == "mergeCell":
				res.merges = res.merges || sc.after == ' '
			}
			local := string(sc.local)
			parent := byte('o')
			if len(stack) > 0 {
				parent = stack[len(stack)-1].kind
			}
			kind := byte('o')
			switch parent {
			case 'o':
				switch {
				case local == "row":
					return partScan{}
				case local == "sheetData" && len(stack) == 1 && !sheetData:
					sheetData, kind = true, 'D'
				case local == "sheetData":
					return partScan{}
				}
			case 'D':
				if local != "row" {
					return partScan{}
				}
				num := lastRow + 1
				for _, a := range sc.attrs {
					if string(a.local) != "r" {
						continue
					}
					n, ok := plainAtoi(sc.attrBytes(a))
					if !ok || n <= 0 {
						return partScan{}
					}
					num = n
				}
				if num <= lastRow || num > maxRows {
					return partScan{}
				}
				lastRow, kind, col = num, 'R', 0
			case 'R':
				if local != "c" {
					return partScan{}
				}
				next := col + 1
				for _, a := range sc.attrs {
					switch string(a.local) {
					case "r":
						v := sc.attrBytes(a)
						if len(v) > 0 && !validRef(v) {
							return partScan{}
						}
						if len(v) > 0 {
							next = cellColumn(v)
						}
					case "s":
						if _, ok := plainAtoi(sc.attrBytes(a)); !ok {
							if _, err := strconv.ParseInt(sc.attrValue(a), 10, 64); err != nil {
								return partScan{}
							}
						}
					case "t":
						if string(sc.attrBytes(a)) == "s" {
							usesSST = true
						}
					}
				}
				if next <= col {
					return partScan{} // out of order: scanPart names the fault
				}
				col, kind = next, 'C'
			case 'C', 'I', 'U':
				// c: v, f, is, once each; is: one t, before any runs;
				// a run: one t.
				const vBit, fBit, isBit, tBit, runBit = 1, 2, 4, 8, 16
				top := &stack[len(stack)-1]
				bit := 0
				switch {
				case parent == 'C' && local == "v":
					bit, kind = vBit, 'T'
				case parent == 'C' && local == "f":
					bit, kind = fBit, 'T'
					if !validFormulaAttrs(sc) {
						return partScan{}
					}
				case parent == 'C' && local == "is":
					bit, kind = isBit, 'I'
				case parent != 'C' && local == "t":
					if top.children&runBit != 0 {
						return partScan{} // excelize puts the t before the runs
					}
					bit, kind = tBit, 'T'
				case parent == 'I' && local == "r":
					top.children |= runBit
					kind = 'U'
				default:
					return partScan{}
				}
				if top.children&bit != 0 {
					return partScan{}
				}
				top.children |= bit
			case 'T':
				return partScan{} // v, f and t hold text only
			}
			if sc.empty {
				if kind == 'o' && len(stack) == 0 {
					rootDone = true
				}
				continue
			}
			stack = append(stack, frame{qname: sc.qname, kind: kind})
		}
	}
}

// validRef reports whether excelize reads ref as a cell reference, and
// fastRows reads it the same way.
func validRef(ref []byte) bool {
	if col, row, ok := plainRef(ref); ok {
		return col <= maxCols && row <= maxRows
	}
	_, _, err := excelize.CellNameToCoordinates(string(ref))
	return err == nil
}

// validFormulaAttrs reports whether encoding/xml decodes an f element's
// attributes into excelize's xlsxF without an error (its bool and int
// fields reject other values).
func validFormulaAttrs(sc *scanner) bool {
	for _, a := range sc.attrs {
		v := strings.TrimSpace(sc.attrValue(a))
		switch string(a.local) {
		case "aca", "dt2D", "dtr", "del1", "del2", "ca", "bx":
			if _, err := strconv.ParseBool(v); err != nil && sc.attrValue(a) != "" {
				return false
			}
		case "si":
			if _, err := strconv.ParseInt(v, 10, 64); err != nil && sc.attrValue(a) != "" {
				return false
			}
		}
	}
	return true
}

// bstrExp and bstrUnmarshal are excelize's (lib.go), which it applies to
// inline and shared strings: _xHHHH_ escapes stand for characters.
var bstrExp = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)

func bstrUnmarshal(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	// excelize's version adds to a string, in time quadratic in the
	// number of escapes; a builder gives the same text in linear time.
	var result strings.Builder
	result.Grow(len(s))
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result.WriteString(s[cursor:match[0]])
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			result.WriteString("_")
			continue
		}
		if bstrExp.MatchString(subStr) {
			cursor = match[1]
			v, _ := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`)
			result.WriteString(v)
		}
	}
	if cursor < l {
		result.WriteString(s[cursor:])
	}
	return result.String()
}

// scanner tokenises XML the way encoding/xml's strict Decoder does, for
// the subset it accepts; anything else is tokErr, and the caller falls back
// to excelize.
type scanner struct {
	b []byte
	i int

	// The current token.
	qname, local []byte // a start or end tag's name, and its local part
	attrs        []rawAttr
	empty        bool   // a start tag that closes itself (<c/>)
	after        byte   // the byte after a start tag's name
	raw          []byte // a text token, as written
	rawEntities  bool   // raw holds entity references

	// trusted skips the character checks, for a second pass over a part
	// that check accepted.
	trusted bool
	// gtInValue records a > in an attribute value read so far (checked
	// parts only).
	gtInValue bool
}

type rawAttr struct {
	qname    []byte // as written, with its prefix
	local    []byte
	val      []byte // as written
	entities bool
}

type token int

const (
	tokErr token = iota
	tokEOF
	tokStart
	tokEnd
	tokText
)

// prolog reads an optional XML declaration at the very start, which must
// say version 1.0 (or nothing) and UTF-8 (or nothing), and the white space
// after it.
func (sc *scanner) prolog() bool {
	if !bytes.HasPrefix(sc.b, []byte("<?xml")) {
		return true
	}
	end := bytes.Index(sc.b, []byte("?>"))
	if end < 0 || len(sc.b) < 6 || !isSpace(sc.b[5]) {
		return false
	}
	decl := sc.b[5:end]
	for len(decl) > 0 {
		decl = bytes.TrimLeft(decl, " \t\n")
		if len(decl) == 0 {
			break
		}
		eq := bytes.IndexByte(decl, '=')
		if eq < 0 || eq+1 >= len(decl) {
			return false
		}
		name := string(bytes.TrimRight(decl[:eq], " \t\n"))
		rest := bytes.TrimLeft(decl[eq+1:], " \t\n")
		if len(rest) == 0 || rest[0] != '"' && rest[0] != '\'' {
			return false
		}
		close := bytes.IndexByte(rest[1:], rest[0])
		if close < 0 {
			return false
		}
		val := string(rest[1 : 1+close])
		switch name {
		case "version":
			if val != "1.0" {
				return false
			}
		case "encoding":
			if !strings.EqualFold(val, "utf-8") {
				return false
			}
		case "standalone":
			if val != "yes" && val != "no" {
				return false
			}
		default:
			return false
		}
		decl = rest[2+close:]
	}
	sc.i = end + 2
	// The white space between the declaration and the root, which
	// encoding/xml reads as text no reader here uses: Excel ends the
	// declaration with a carriage return, which checkChars refuses in text.
	for sc.i < len(sc.b) && (isSpace(sc.b[sc.i]) || sc.b[sc.i] == '\r') {
		sc.i++
	}
	return true
}

// next reads the next token.
func (sc *scanner) next() token {
	b := sc.b
	if sc.i >= len(b) {
		return tokEOF
	}
	if b[sc.i] != '<' {
		start := sc.i
		end := indexShort(b[start:], '<')
		if end < 0 {
			end = len(b)
		} else {
			end += start
		}
		seg := b[start:end]
		ent, ok := sc.chars(seg, 0)
		if !ok {
			return tokErr
		}
		sc.raw, sc.rawEntities, sc.i = seg, ent, end
		return tokText
	}
	sc.i++
	if sc.i >= len(b) {
		return tokErr
	}
	switch b[sc.i] {
	case '/':
		sc.i++
		if !sc.name() {
			return tokErr
		}
		sc.skipSpace()
		if sc.i >= len(b) || b[sc.i] != '>' {
			return tokErr
		}
		sc.i++
		return tokEnd
	case '?', '!':
		return tokErr // processing instructions, comments, CDATA, DOCTYPE
	}
	if !sc.name() {
		return tokErr
	}
	sc.attrs, sc.empty = sc.attrs[:0], false
	if sc.i < len(b) {
		sc.after = b[sc.i]
	}
	for {
		sc.skipSpace()
		if sc.i >= len(b) {
			return tokErr
		}
		switch b[sc.i] {
		case '/':
			if sc.i+1 >= len(b) || b[sc.i+1] != '>' {
				return tokErr
			}
			sc.i += 2
			sc.empty = true
			return tokStart
		case '>':
			sc.i++
			return tokStart
		}
		qname, local := sc.qname, sc.local
		if !sc.name() {
			return tokErr
		}
		a := rawAttr{qname: sc.qname, local: sc.local}
		sc.qname, sc.local = qname, local
		sc.skipSpace()
		if sc.i >= len(b) || b[sc.i] != '=' {
			return tokErr
		}
		sc.i++
		sc.skipSpace()
		if sc.i >= len(b) || b[sc.i] != '"' && b[sc.i] != '\'' {
			return tokErr
		}
		q := b[sc.i]
		sc.i++
		end := indexShort(b[sc.i:], q)
		if end < 0 {
			return tokErr
		}
		a.val = b[sc.i : sc.i+end]
		var ok bool
		if a.entities, ok = sc.chars(a.val, q); !ok {
			return tokErr
		}
		sc.i += end + 1
		sc.attrs = append(sc.attrs, a)
	}
}

// name reads an element or attribute name into qname and local. Only ASCII
// names are accepted; encoding/xml's rules for colons are followed (one
// colon between two non-empty parts separates a prefix).
func (sc *scanner) name() bool {
	b, start := sc.b, sc.i
	if start >= len(b) || !isNameStart(b[start]) {
		return false
	}
	colon, colons := -1, 0
	if b[start] == ':' {
		colon, colons = start, 1
	}
	i := start + 1
	for i < len(b) && nameByte[b[i]] {
		if b[i] == ':' {
			colon, colons = i, colons+1
		}
		i++
	}
	if i < len(b) && b[i] >= utf8.RuneSelf || colons > 1 {
		return false
	}
	q := b[start:i]
	sc.qname, sc.local, sc.i = q, q, i
	if colon > start && colon < i-1 {
		sc.local = b[colon+1 : i]
	}
	return true
}

// indexShort is bytes.IndexByte for a b whose c is most often a few bytes
// in (an attribute value's closing quote, the end of a cell's text).
func indexShort(b []byte, c byte) int {
	for i := 0; i < len(b) && i < 16; i++ {
		if b[i] == c {
			return i
		}
	}
	if len(b) <= 16 {
		return -1
	}
	if j := bytes.IndexByte(b[16:], c); j >= 0 {
		return 16 + j
	}
	return -1
}

func (sc *scanner) skipSpace() {
	for sc.i < len(sc.b) && isSpace(sc.b[sc.i]) {
		sc.i++
	}
}

// blank reports whether the current text token is only white space.
func (sc *scanner) blank() bool {
	for _, c := range sc.raw {
		if !isSpace(c) {
			return false
		}
	}
	return true
}

// text is the current text token, with its references decoded.
func (sc *scanner) text() string {
	if !sc.rawEntities {
		return string(sc.raw)
	}
	return decodeEntities(sc.raw)
}

// attrBytes is an attribute's value, with its references decoded; it
// allocates only when there are references.
func (sc *scanner) attrBytes(a rawAttr) []byte {
	if !a.entities {
		return a.val
	}
	return []byte(decodeEntities(a.val))
}

// attrValue is an attribute's value, with its references decoded.
func (sc *scanner) attrValue(a rawAttr) string {
	if !a.entities {
		return string(a.val)
	}
	return decodeEntities(a.val)
}

// chars is checkChars, or when trusted only whether seg holds references.
func (sc *scanner) chars(seg []byte, quote byte) (entities, ok bool) {
	if sc.trusted {
		return bytes.IndexByte(seg, '&') >= 0, true
	}
	if len(seg) <= 16 && plainASCII(seg) {
		return false, true // most values and many texts: "A1", "3", "Open"
	}
	entities, gt, ok := checkChars(seg, quote)
	sc.gtInValue = sc.gtInValue || gt && quote != 0
	return entities, ok
}

// unprefixedLocal is unprefixed(qname) from the local part name gives a
// qname: the part after its one colon, or the qname itself when that colon
// is its first or last byte (or it has none).
func unprefixedLocal(local []byte) []byte {
	switch {
	case len(local) > 0 && local[0] == ':':
		return local[1:]
	case len(local) > 0 && local[len(local)-1] == ':':
		return nil
	}
	return local
}

// rawAttr returns the value, as written, of the first attribute of the
// current start tag whose name, less any prefix, is name: what
// limitScan's attr finds in the same tag.
func (sc *scanner) rawAttr(name string) ([]byte, bool) {
	for _, a := range sc.attrs {
		if string(unprefixedLocal(a.local)) == name {
			return a.val, true
		}
	}
	return nil, false
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

func isNameStart(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_' || c == ':'
}

func isNameByte(c byte) bool {
	return isNameStart(c) || '0' <= c && c <= '9' || c == '.' || c == '-'
}

// nameByte is isNameByte as a table.
var nameByte = func() (t [256]bool) {
	for c := range t {
		t[c] = isNameByte(byte(c))
	}
	return t
}()

// checkChars checks text (quote 0) or an attribute value (quote ' or ")
// for what encoding/xml rejects or rewrites: characters outside XML's
// range, invalid UTF-8, carriage returns (rewritten), < in a value, ]]> in
// text, and references other than the five predefined entities and
// character references. It reports whether seg holds references, and
// whether it holds a >.
func checkChars(seg []byte, quote byte) (entities, gt, ok bool) {
	for i := 0; i < len(seg); {
		c := seg[i]
		if !special[c] {
			i++
			continue
		}
		switch {
		case c == '&':
			n, _, ok := entityAt(seg[i:])
			if !ok {
				return false, false, false
			}
			entities = true
			i += n
			continue
		case c == '<' || c == '\r':
			return false, false, false
		case c == '>' && quote == 0 && i >= 2 && seg[i-1] == ']' && seg[i-2] == ']':
			return false, false, false
		case c == '>':
			gt = true
		case c < 0x20 && c != '\t' && c != '\n':
			return false, false, false
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(seg[i:])
			if r == utf8.RuneError && size == 1 || !inCharRange(r) {
				return false, false, false
			}
			i += size
			continue
		}
		i++
	}
	return entities, gt, true
}

// plainASCII reports whether seg holds no byte checkChars must look at.
func plainASCII(seg []byte) bool {
	for _, c := range seg {
		if special[c] {
			return false
		}
	}
	return true
}

// special marks the bytes checkChars must look at: controls, &, <, >,
// and the bytes of multi-byte UTF-8 sequences.
var special = func() (t [256]bool) {
	for c := range t {
		t[c] = c < 0x20 && c != '\t' && c != '\n' || c >= utf8.RuneSelf || c == '&' || c == '<' || c == '>'
	}
	return t
}()

// entityAt reads the reference at the start of s: its length, its text,
// and whether encoding/xml accepts it.
func entityAt(s []byte) (int, string, bool) {
	semi := bytes.IndexByte(s, ';')
	if semi < 2 {
		return 0, "", false
	}
	body := string(s[1:semi])
	switch body {
	case "lt":
		return semi + 1, "<", true
	case "gt":
		return semi + 1, ">", true
	case "amp":
		return semi + 1, "&", true
	case "apos":
		return semi + 1, "'", true
	case "quot":
		return semi + 1, `"`, true
	}
	if body[0] != '#' || len(body) < 2 {
		return 0, "", false
	}
	digits, base := body[1:], 10
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if digits == "" || len(digits) > 8 {
		return 0, "", false
	}
	for _, c := range digits {
		if !('0' <= c && c <= '9' || base == 16 && ('a' <= c && c <= 'f' || 'A' <= c && c <= 'F')) {
			return 0, "", false
		}
	}
	n, err := strconv.ParseUint(digits, base, 32)
	if err != nil || !inCharRange(rune(n)) || n == '\r' {
		return 0, "", false
	}
	return semi + 1, string(rune(n)), true
}

// decodeEntities replaces the references in s, which checkChars accepted.
func decodeEntities(s []byte) string {
	var out strings.Builder
	out.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] != '&' {
			j := bytes.IndexByte(s[i:], '&')
			if j < 0 {
				j = len(s) - i
			}
			out.Write(s[i : i+j])
			i += j
			continue
		}
		n, text, _ := entityAt(s[i:])
		out.WriteString(text)
		i += n
	}
	return out.String()
}

// inCharRange is encoding/xml's isInCharacterRange.
func inCharRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
