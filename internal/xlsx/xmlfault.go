package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"weak"

	"github.com/xuri/excelize/v2"
)

// Faults in the XML.
//
// excelize's row iterator stops at the first XML error in a sheet's part
// and does not report it (Rows.Next ignores the decoder's error, and
// Rows.Error never sees it), and hands back the damaged row cut short. So
// the reader never trusts the iterator to say where a sheet ends: it learns
// it from the part itself. A part the fast scanner accepts is well formed
// and its check counts its rows; any other part is read once with
// encoding/xml's strict Decoder, as excelize reads it, which finds the
// first fault and the last row read whole before it. The reader stops
// there, and the fault is an error naming the row; after a well-formed
// part, a reader that returned fewer rows than the part holds is an error
// too. See readRows.

// partRows is what a sheet's part says about its rows, whatever iterator
// reads them.
type partRows struct {
	known bool      // the part was checked; false for CSV and test iterators
	last  int       // how many rows the iterator must return: the last row's number
	fault *XMLFault // the first fault in the XML; nil when well formed
}

// XMLFault is the first fault in a part's XML and what it costs.
type XMLFault struct {
	Part   string // the part's path in the package
	After  int    // the last row read whole before the fault; 0 for none
	InRows bool   // the fault is before the end of the rows (else after them)
	Unread int    // rows from the fault on that cannot be read: those the part still shows, at least 1
	Err    error  // the decoder's error
}

// rowsLost is the error of a sheet whose rows stop short: a fault in its
// XML, or an iterator that ended before the part's last row. unread rows
// are counted as such in the sheet's report.
type rowsLost struct {
	msg    string
	unread int
	sheet  bool  // nothing of the sheet was read
	cause  error // the iterator's error, if it gave one
}

func (e *rowsLost) Error() string { return e.msg }
func (e *rowsLost) Unwrap() error { return e.cause }

// message says what fault f means for the sheet.
func (f *XMLFault) message() string {
	const repair = "open the workbook in Excel and save it again"
	why := f.Err.Error()
	switch {
	case !f.InRows:
		return fmt.Sprintf("the sheet's XML is damaged after its last row, row %d (%s); its rows were read, but %s", f.After, why, repair)
	case f.After == 0:
		return fmt.Sprintf("the sheet's XML is damaged before its first row (%s); none of its rows can be read; %s", why, repair)
	}
	more := ""
	if f.Unread > 1 {
		more = fmt.Sprintf(" (the file shows %d more)", f.Unread)
	}
	return fmt.Sprintf("the sheet's XML is damaged after row %d (%s); rows from there cannot be read%s; %s", f.After, why, more, repair)
}

// lost returns the error for a sheet whose iterator returned n rows, or
// nil when it returned every row of a well-formed part.
func (p partRows) lost(n int) *rowsLost {
	switch {
	case p.fault != nil:
		unread := 0
		if p.fault.InRows {
			unread = p.fault.Unread
		}
		return &rowsLost{msg: p.fault.message(), unread: unread}
	case p.known && n < p.last:
		return &rowsLost{unread: p.last - n,
			msg: fmt.Sprintf("only rows 1 to %d of the sheet's %d could be read; the workbook may be damaged: open it in Excel and save it again", n, p.last)}
	}
	return nil
}

// rowElem matches the start of a row element in raw XML, with or without a
// prefix.
var rowElem = regexp.MustCompile(`<(?:[A-Za-z_][A-Za-z0-9_.-]*:)?row[ \t\r\n/>]`)

// rowAttr matches a row element's r attribute in raw XML.
var rowAttr = regexp.MustCompile(`^[^>]*?[ \t\r\n]r[ \t\r\n]*=[ \t\r\n]*["']([^"']*)["']`)

// rowCounter counts rows as excelize's Rows.Next does: a row element is
// the next row, or the row its r attribute names; rows skipped are
// returned empty, and a row element numbered before the current row is
// returned as the next one.
type rowCounter struct {
	cur int // excelize's curRow
	n   int // rows returned, once this element's are
}

func (c *rowCounter) add(r string) {
	c.cur++
	if v, err := strconv.Atoi(r); err == nil && v != 0 {
		c.cur = v
	}
	c.n = max(c.cur, c.n+1)
}

// scanPart reads a part with encoding/xml's strict Decoder, token by token
// as excelize's row iterator does, and returns its rows and its first
// fault. raw is the part's bytes when held in memory, to count the rows
// the part still shows after a fault; nil when the part is streamed.
//
// sst, if not nil, looks up shared strings: a cell that names one the
// workbook does not have is a fault too (excelize reads it as empty).
func scanPart(r io.Reader, raw []byte, charset func(string, io.Reader) (io.Reader, error), name string, sst func(int) (string, bool)) partRows {
	d := xml.NewDecoder(r)
	d.CharsetReader = charset
	var rows rowCounter
	depth, rowDepth := 0, -1 // rowDepth: the depth of the open row element
	whole := 0               // rows returned once the last complete row element is
	rowStart := int64(-1)    // offset of the open row element
	endRows := false         // </sheetData> read: excelize reads no further
	var cell string          // the reference of a shared-string cell we are in
	inSST, inV := false, false
	var v strings.Builder
	var order cellOrder
	for {
		off := d.InputOffset()
		tok, err := d.Token()
		if err == io.EOF { // the Decoder reports an element left open as a syntax error
			return partRows{known: true, last: rows.n}
		}
		if err == nil && sst != nil {
			switch t := tok.(type) {
			case xml.StartElement:
				switch {
				case t.Name.Local == "c" && rowDepth >= 0:
					inSST, cell = false, ""
					for _, a := range t.Attr {
						switch a.Name.Local {
						case "t":
							inSST = a.Value == "s"
						case "r":
							cell = a.Value
						}
					}
				case t.Name.Local == "v" && inSST:
					inV = true
					v.Reset()
				}
			case xml.CharData:
				if inV {
					v.Write(t)
				}
			case xml.EndElement:
				if t.Name.Local == "v" && inV {
					inV = false
					if text := strings.TrimSpace(v.String()); text != "" {
						i, _ := strconv.Atoi(text)
						if _, ok := sst(i); !ok {
							err = fmt.Errorf("cell %s refers to shared string %d, which the workbook does not have", cell, i)
						}
					}
				}
				if t.Name.Local == "c" {
					inSST = false
				}
			}
		}
		if st, ok := tok.(xml.StartElement); ok && err == nil && !endRows {
			err = order.at(st, rowDepth >= 0 && depth == rowDepth+1, rowDepth < 0, rows.cur)
		}
		if err != nil {
			f := &XMLFault{Part: name, After: whole, InRows: !endRows, Err: err}
			if f.InRows {
				f.Unread = 1
				if raw != nil {
					from := off
					if rowDepth >= 0 {
						from = rowStart
					}
					f.Unread = max(1, countRows(raw[min(int(from), len(raw)):], rows, rowDepth >= 0)-whole)
				}
			}
			return partRows{known: true, last: whole, fault: f}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !endRows && t.Name.Local == "row" && rowDepth < 0 {
				r := ""
				for _, a := range t.Attr {
					if a.Name.Local == "r" {
						r = a.Value
						break
					}
				}
				rows.add(r)
				rowDepth, rowStart = depth, off
			}
			depth++
		case xml.EndElement:
			depth--
			if depth == rowDepth {
				rowDepth, whole = -1, rows.n
			}
			if t.Name.Local == "sheetData" {
				endRows = true
			}
		}
	}
}

// cellOrder finds a row numbered at or before the row above it, and a
// cell at or before the cell before it in its row. Both are well formed,
// and excelize reads them without a word: such a row is returned empty
// and such a cell's value lands in a later column (a second Confidential
// cell, "No" before "Yes", would leave the flag "No").
type cellOrder struct{ col int } // the column of the row's last cell

// at checks a start element: a row (row true) when the previous row was
// number cur, or a cell of the open row (cell true).
func (o *cellOrder) at(st xml.StartElement, cell, row bool, cur int) error {
	ref := ""
	for _, a := range st.Attr {
		if a.Name.Local == "r" {
			ref = a.Value
		}
	}
	switch {
	case row && st.Name.Local == "row":
		o.col = 0
		if n, err := strconv.Atoi(ref); err == nil && n > 0 && n <= cur {
			return fmt.Errorf("row %d comes after row %d: rows out of order or repeated", n, cur)
		}
	case cell && st.Name.Local == "c":
		col := o.col + 1
		if c, _, err := excelize.CellNameToCoordinates(ref); err == nil {
			col = c
		}
		if col <= o.col {
			last, _ := excelize.ColumnNumberToName(o.col)
			return fmt.Errorf("cell %s comes after a cell in column %s of its row: cells out of order or repeated", ref, last)
		}
		o.col = col
	}
	return nil
}

// countRows counts on, in the raw bytes after a fault, the rows excelize
// would have returned had the part been whole: rows is the count so far,
// and open says that the first row element in b is the one already
// counted, left open by the fault.
func countRows(b []byte, rows rowCounter, open bool) int {
	for _, loc := range rowElem.FindAllIndex(b, -1) {
		if open {
			open = false
			continue
		}
		r := ""
		if m := rowAttr.FindSubmatch(b[loc[1]-1:]); m != nil {
			r = string(m[1])
		}
		rows.add(r)
	}
	return rows.n
}

// checkPart returns what sheet's part says about its rows, read as it is
// now in the package (after wb.Rows wrote back any copy excelize held in
// memory). A part not held in memory is streamed from the workbook file by
// openPart; nil leaves it unchecked.
func checkPart(wb *workbook, xl *excelize.File, sheet string, openPart func(string) (io.ReadCloser, error)) partRows {
	path, ok := wb.sheetPath(sheet)
	if !ok {
		return partRows{}
	}
	src := wb.part(path)
	sst := sstLookup(wb, sheet)
	if len(src) > 0 {
		var chk fastRows
		chk.sc.b = src
		usesSST, last, ok := chk.check()
		switch {
		case ok && usesSST && sst != nil:
			return partRows{known: true, last: last, fault: firstBadIndex(src, sst, path, last)}
		case ok:
			return partRows{known: true, last: last}
		}
		return scanPart(bytes.NewReader(src), src, xl.CharsetReader, path, sst)
	}
	if openPart == nil {
		return partRows{}
	}
	rc, err := openPart(path)
	if err != nil {
		return partRows{known: true, fault: &XMLFault{Part: path, InRows: true, Unread: 1, Err: err}}
	}
	defer rc.Close()
	return scanPart(rc, nil, xl.CharsetReader, path, sst)
}

// firstBadIndex reads a part check accepted with the fast iterator, for
// the first cell naming a shared string the workbook does not have (which
// excelize's iterator reads as empty); nil when there is none.
func firstBadIndex(src []byte, sst func(int) (string, bool), path string, last int) *XMLFault {
	r := &fastRows{sst: sst}
	r.sc.b, r.sc.trusted = src, true
	if !r.start() {
		return nil
	}
	for r.Next() {
		if _, err := r.Columns(); err != nil {
			return &XMLFault{Part: path, After: r.seek - 1, InRows: true, Unread: max(1, last-r.seek+1), Err: err}
		}
	}
	return nil
}

// openZipPart opens the part named part of the workbook file name in fsys,
// for a part excelize spilled to a temporary file.
func openZipPart(fsys fs.FS, name, part string) (io.ReadCloser, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	var zr *zip.Reader
	st, err := f.Stat()
	if ra, ok := f.(io.ReaderAt); ok && err == nil {
		zr, err = zip.NewReader(ra, st.Size())
	} else {
		var body []byte
		if body, err = io.ReadAll(f); err == nil {
			zr, err = zip.NewReader(bytes.NewReader(body), int64(len(body)))
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	for _, zf := range zr.File {
		if strings.ReplaceAll(zf.Name, "\\", "/") == part {
			rc, err := zf.Open()
			if err != nil {
				f.Close()
				return nil, err
			}
			return struct {
				io.Reader
				io.Closer
			}{rc, closers{rc, f}}, nil
		}
	}
	f.Close()
	return nil, fmt.Errorf("the part %s is missing", part)
}

type closers []io.Closer

func (cs closers) Close() error {
	var errs []error
	for _, c := range cs {
		errs = append(errs, c.Close())
	}
	return errors.Join(errs...)
}

// sstFaults remembers the check of the shared strings of the workbook read
// last, so that its sheets share one check; it does not keep the workbook
// alive.
var sstFaults struct {
	sync.Mutex
	wb  weak.Pointer[excelize.File]
	err error
}

// checkSharedStrings returns an error when wb's shared-string table is
// damaged: excelize then fails on every row, naming no part.
func checkSharedStrings(wb *excelize.File) error {
	sstFaults.Lock()
	defer sstFaults.Unlock()
	if sstFaults.wb.Value() == wb {
		return sstFaults.err
	}
	v, _ := wb.Pkg.Load("xl/sharedStrings.xml")
	b, _ := v.([]byte)
	err := sstFault(b, wb.CharsetReader)
	sstFaults.wb, sstFaults.err = weak.Make(wb), err
	return err
}

// sstFault returns an error when the shared-string part b is damaged.
func sstFault(b []byte, charset func(string, io.Reader) (io.Reader, error)) error {
	if len(b) == 0 {
		return nil
	}
	if _, ok := parseSST(b); ok {
		return nil
	}
	if p := scanPart(bytes.NewReader(b), b, charset, "xl/sharedStrings.xml", nil); p.fault != nil {
		return &rowsLost{sheet: true, msg: fmt.Sprintf("the workbook's shared strings (xl/sharedStrings.xml) are damaged (%v); the text of its sheets cannot be read; open the workbook in Excel and save it again", p.fault.Err)}
	}
	return nil
}
