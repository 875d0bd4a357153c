package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/boardpack/boardpack/internal/quality"
)

// Limits on what one data folder may make the reader do, so that a small
// hostile or broken file costs seconds and megabytes, never minutes and
// gigabytes. Each is far above what a council's export holds; each is
// checked before the work it bounds, and going over it is an error naming
// the file, sheet and cell (a long cell is truncated, with a warning).
// The README's "Limits" section lists them.
const (
	// MaxColumn is the last column a cell may be in (AMJ, LibreOffice's
	// old limit). excelize pads every row of a sheet it loads to its last
	// cell, so one cell in column XFD costs 16,384 cells a row.
	MaxColumn = 1024
	// MaxSheetRows is the number of rows a sheet may have (row elements
	// in its part, and rows read).
	MaxSheetRows = 500_000
	// MaxSheetCells is the number of cells one sheet may have, counting
	// in each row the empty cells before its last.
	MaxSheetCells = 5_000_000
	// MaxMergeArea is the number of cells one merged range may cover
	// (a title merged across 100 columns and 1,000 rows is 100,000).
	MaxMergeArea = 1_000_000
	// MaxMerges is the number of merged ranges a sheet may have.
	MaxMerges = 20_000
	// MaxMergedCells is the number of cells all of a sheet's merged ranges
	// may cover together: each is filled with its value in every row read.
	MaxMergedCells = 5_000_000
	// MaxTrackerRows is the number of rows a tracker (an improvement plan
	// or action log) may have: every one becomes an action printed in the
	// appendix, so 10,000 is some 2,000 pages.
	MaxTrackerRows = 10_000
	// MaxFolderCells is the number of cells all the sheets of one data
	// folder may hold together: the total work of a run.
	MaxFolderCells = 20_000_000
	// MaxCellChars is the number of characters of one cell that are kept
	// (about four printed pages): a longer cell is truncated with a marker
	// and a warning naming it.
	MaxCellChars = 10_000
	// MaxTextBytes is the size of one cell's text, or one shared string,
	// as written in its part: a longer one is refused, as no spreadsheet
	// program writes it.
	MaxTextBytes = 64 << 20
	// MaxEscapeWork bounds the _xHHHH_ escapes of the strings of one part,
	// as the sum over its texts of the square of their escape count:
	// excelize decodes them in time quadratic in the count (4 MB of them
	// took 85 s). One Excel-sized cell (32,767 characters) of escapes fits.
	MaxEscapeWork = 2_000_000_000
)

// folderCellLimit is MaxFolderCells; a variable so that a test can prove
// the refusal without reading twenty million cells.
var folderCellLimit = MaxFolderCells

// truncMarker ends a cell truncated at MaxCellChars characters.
const truncMarker = "… [truncated: %d characters]"

// LimitError is a part of a workbook over one of the reader's limits.
type LimitError struct {
	Sheet string // the sheet, or "" for the shared strings
	Cell  string // the cell or range, when the limit concerns one
	Msg   string
}

func (e *LimitError) Error() string {
	where := "shared strings"
	if e.Sheet != "" {
		where = "sheet " + quote(e.Sheet)
	}
	if e.Cell != "" {
		where += " › " + e.Cell
	}
	return where + ": " + e.Msg + "; refused as a damaged or hostile file"
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

// checkLimits reads the parts of wb that the reader will read (each
// visible worksheet and the shared strings) for what would make it, or
// excelize, take unbounded time or memory: cells beyond MaxColumn, too
// many rows, cells or merged cells, merged ranges too large, texts too long
// or too full of escapes. It runs before any sheet is read. Parts excelize
// holds in memory are read there; parts it spilled to disk are inflated
// again from body, a little at a time.
//
// A worksheet part held in memory is checked for the fast row path in the
// same pass (see fastRows.scan); checkLimits returns those checks, by
// sheet, for the reader to use rather than read each part again.
func checkLimits(wb *workbook, body []byte) (map[string]*preparedSheet, error) {
	var zr *zip.Reader
	stream := func(name string) (io.ReadCloser, error) {
		if zr == nil {
			var err error
			if zr, err = zip.NewReader(bytes.NewReader(body), int64(len(body))); err != nil {
				return nil, err
			}
		}
		for _, f := range zr.File {
			if strings.EqualFold(f.Name, name) {
				return f.Open()
			}
		}
		return nil, nil
	}
	prepared := map[string]*preparedSheet{}
	scan := func(name string, ls *limitScan) error {
		if wb.hasPart(name) {
			if b := wb.part(name); b != nil {
				if ls.isSheet && len(b) > 0 {
					var chk fastRows
					chk.sc.b = b
					c := chk.scan(ls)
					if c.limits && ls.err != nil {
						return ls.err
					}
					prepared[ls.sheet] = &preparedSheet{src: b, ok: c.ok, usesSST: c.usesSST, lastRow: c.lastRow,
						partKnown: c.ok, merges: c.merges, formulas: c.formulas}
					if c.limits {
						return nil
					}
					*ls = limitScan{sheet: ls.sheet, isSheet: true}
				}
				ls.feed(b, true)
				return ls.done()
			}
		}
		rc, err := stream(name)
		if err != nil || rc == nil {
			return nil // missing or unreadable: excelize says so when it reads it
		}
		defer rc.Close()
		return ls.read(rc)
	}
	for _, sheet := range wb.sheetList() {
		if wb.hidden(sheet) {
			continue
		}
		name, ok := wb.sheetPath(sheet)
		if !ok {
			continue
		}
		if err := scan(name, &limitScan{sheet: sheet, isSheet: true}); err != nil {
			return nil, err
		}
	}
	if err := scan("xl/sharedStrings.xml", &limitScan{}); err != nil {
		return nil, err
	}
	return prepared, nil
}

// limitScan counts what one part holds, as its bytes are fed to it. It
// looks at tags and text only; the XML is checked properly by whoever
// reads it.
type limitScan struct {
	sheet   string
	isSheet bool

	rows, cells, merges int
	padded              int64 // cells up to each row's last, as excelize holds them
	merged              int64
	col                 int    // column of the last cell of the current row
	ref                 []byte // reference of the current cell, as written
	strings             int    // shared strings (si) seen

	text, escapes int   // the current text run
	work          int64 // sum of escapes squared
	err           error
}

func (ls *limitScan) fail(cell, format string, args ...any) {
	if ls.err == nil {
		ls.err = &LimitError{Sheet: ls.sheet, Cell: cell, Msg: fmt.Sprintf(format, args...)}
	}
}

// read feeds the part from r, a chunk at a time. A tag longer than a
// chunk is refused: nothing in a worksheet needs one.
func (ls *limitScan) read(r io.Reader) error {
	const chunk = 1 << 20
	buf := make([]byte, 0, 2*chunk)
	for ls.err == nil {
		n, err := io.ReadFull(r, buf[len(buf):cap(buf)][:chunk])
		buf = buf[:len(buf)+n]
		last := err != nil
		used := ls.feed(buf, last)
		buf = append(buf[:0], buf[used:]...)
		if len(buf) > chunk {
			ls.fail("", "a tag of over %d bytes", chunk)
		}
		if last {
			break
		}
	}
	return ls.done()
}

// done ends the part and returns the first limit it is over.
func (ls *limitScan) done() error {
	ls.endText()
	ls.endRow()
	return ls.err
}

// endRow counts the cells of the row that ends, up to its last: excelize
// holds that many when it loads the sheet (for its merged cells, formulas
// or styles).
func (ls *limitScan) endRow() {
	ls.padded += int64(ls.col)
	ls.col = 0
	if ls.padded > MaxSheetCells {
		ls.fail("", "more than %d cells, counting the empty cells before the last of each row", MaxSheetCells)
	}
}

// feed scans b and returns how many bytes it used: all of them when last,
// else up to the start of a tag that b cuts off.
func (ls *limitScan) feed(b []byte, last bool) int {
	i := 0
	for i < len(b) && ls.err == nil {
		lt := bytes.IndexByte(b[i:], '<')
		if lt < 0 {
			ls.addText(b[i:])
			return len(b)
		}
		ls.addText(b[i : i+lt])
		i += lt
		gt := bytes.IndexByte(b[i:], '>')
		if gt < 0 {
			if last {
				return len(b)
			}
			return i
		}
		ls.endText()
		ls.tag(b[i+1 : i+gt])
		i += gt + 1
	}
	return len(b)
}

func (ls *limitScan) addText(t []byte) {
	if len(t) == 0 {
		return
	}
	ls.text += len(t)
	ls.escapes += bytes.Count(t, []byte("_x"))
	if ls.text > MaxTextBytes {
		ls.fail(ls.where(), "a text of over %d MB", MaxTextBytes>>20)
	}
}

func (ls *limitScan) endText() {
	e := int64(ls.escapes)
	ls.work += e * e
	if ls.work > MaxEscapeWork {
		ls.fail(ls.where(), "%d _xHHHH_ escapes in one text, over what can be decoded in reasonable time", ls.escapes)
	}
	ls.text, ls.escapes = 0, 0
}

// where names the current cell or shared string.
func (ls *limitScan) where() string {
	if ls.isSheet && len(ls.ref) > 0 {
		return string(ls.ref)
	}
	if ls.isSheet {
		return colNameOr(ls.col) + fmt.Sprint(ls.rows)
	}
	return fmt.Sprintf("string %d", ls.strings)
}

// tag looks at one tag, its text between < and >.
func (ls *limitScan) tag(t []byte) {
	if len(t) == 0 || t[0] == '/' || t[0] == '?' || t[0] == '!' {
		return
	}
	end := bytes.IndexAny(t, " \t\r\n/")
	if end < 0 {
		end = len(t)
	}
	switch name := unprefixed(t[:end]); {
	case !ls.isSheet:
		ls.item(name)
	case string(name) == "row":
		ls.row()
	case string(name) == "c":
		ls.cell(attr(t[end:], "r"))
	case string(name) == "mergeCell":
		ref, _ := attr(t[end:], "ref")
		ls.mergeCell(ref)
	}
}

// element looks at the start tag sc has just read, as tag would: the
// one pass over a part that check makes (see fastRows.scan).
func (ls *limitScan) element(sc *scanner) {
	switch name := unprefixedLocal(sc.local); {
	case !ls.isSheet:
		ls.item(name)
	case string(name) == "row":
		ls.row()
	case string(name) == "c":
		ls.cell(sc.rawAttr("r"))
	case string(name) == "mergeCell":
		ref, _ := sc.rawAttr("ref")
		ls.mergeCell(ref)
	}
}

// unprefixed is a tag or attribute name less its prefix, if any.
func unprefixed(name []byte) []byte {
	if c := bytes.IndexByte(name, ':'); c >= 0 {
		return name[c+1:]
	}
	return name
}

// item counts a shared string (si).
func (ls *limitScan) item(name []byte) {
	if string(name) == "si" {
		ls.strings++
	}
}

func (ls *limitScan) row() {
	ls.endRow()
	ls.rows++
	if ls.rows > MaxSheetRows {
		ls.fail("", "more than %d rows", MaxSheetRows)
	}
}

// cell counts a cell whose r attribute, if it has one, is ref.
func (ls *limitScan) cell(ref []byte, hasRef bool) {
	ls.cells++
	ls.col++
	ls.ref = ls.ref[:0]
	if hasRef && len(ref) > 0 {
		ls.ref = append(ls.ref, ref...)
		if c, _, ok := plainRef(ref); ok {
			ls.col = c
		} else if c, _, err := excelize.CellNameToCoordinates(string(ref)); err == nil {
			ls.col = c
		}
	}
	switch {
	case ls.col > MaxColumn:
		ls.fail(ls.where(), "a cell in column %s, beyond column %s (the last a sheet may use)", colNameOr(ls.col), colNameOr(MaxColumn))
	case ls.cells > MaxSheetCells:
		ls.fail("", "more than %d cells", MaxSheetCells)
	}
}

// mergeCell counts a merged range.
func (ls *limitScan) mergeCell(ref []byte) {
	ls.merges++
	c1, r1, c2, r2, ok := rangeCoords(string(ref))
	if !ok {
		return
	}
	area := int64(c2-c1+1) * int64(r2-r1+1)
	ls.merged += area
	switch {
	case area > MaxMergeArea:
		ls.fail(string(ref), "a merged range of %d cells, over the limit of %d", area, MaxMergeArea)
	case ls.merges > MaxMerges:
		ls.fail("", "more than %d merged ranges", MaxMerges)
	case ls.merged > MaxMergedCells:
		ls.fail("", "merged ranges covering more than %d cells", MaxMergedCells)
	}
}

func colNameOr(c int) string {
	if n, err := excelize.ColumnNumberToName(c); err == nil {
		return n
	}
	return fmt.Sprintf("column %d", c)
}

// attr returns the value of the attribute whose local name is name in a
// tag's attribute text, as written.
func attr(t []byte, name string) ([]byte, bool) {
	for len(t) > 0 {
		t = bytes.TrimLeft(t, " \t\r\n")
		eq := bytes.IndexByte(t, '=')
		if eq < 0 {
			return nil, false
		}
		key := bytes.TrimSpace(t[:eq])
		if c := bytes.IndexByte(key, ':'); c >= 0 {
			key = key[c+1:]
		}
		rest := bytes.TrimLeft(t[eq+1:], " \t\r\n")
		if len(rest) == 0 || rest[0] != '"' && rest[0] != '\'' {
			return nil, false
		}
		close := bytes.IndexByte(rest[1:], rest[0])
		if close < 0 {
			return nil, false
		}
		if string(key) == name {
			return rest[1 : 1+close], true
		}
		t = rest[2+close:]
	}
	return nil, false
}

// rangeCoords reads a range such as "B2:D9" (or one cell), ordered.
func rangeCoords(ref string) (c1, r1, c2, r2 int, ok bool) {
	a, b, found := strings.Cut(ref, ":")
	if !found {
		b = a
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil {
		return 0, 0, 0, 0, false
	}
	return min(c1, c2), min(r1, r2), max(c1, c2), max(r1, r2), true
}

// limitRow applies the row limits to row n of the sheet as it is read: the
// rows of a sheet and of a tracker, the cells of the data folder, and the
// length of each cell, which is truncated to MaxCellChars with a marker
// and a warning naming it.
func (s *sheetReader) limitRow(cols []string, n int) ([]string, error) {
	if n > MaxSheetRows {
		return nil, fmt.Errorf("more than %d rows; refused as a damaged or hostile file (delete the rows below the table)", MaxSheetRows)
	}
	if k := s.m.schema; k != nil && (k.kind == Actions || k.kind == ActionLog) && n-s.m.last() > MaxTrackerRows {
		return nil, fmt.Errorf("more than %d rows below the header: more actions than a board paper can carry (limit %d); refused", MaxTrackerRows, MaxTrackerRows)
	}
	if len(cols) > MaxColumn && strings.TrimSpace(strings.Join(cols[MaxColumn:], "")) != "" {
		cell, _ := excelize.CoordinatesToCellName(len(cols), n)
		return nil, fmt.Errorf("a value in %s, beyond column %s (the last a sheet may use); refused as a damaged or hostile file", cell, colNameOr(MaxColumn))
	}
	c := s.cache()
	c.cells += len(cols)
	if c.cells > folderCellLimit {
		return nil, fmt.Errorf("the data folder holds more than %d cells in all, over the limit of one run; read stopped at row %d", folderCellLimit, n)
	}
	for i, v := range cols {
		if len(v) <= MaxCellChars {
			continue // fewer bytes than the limit, so fewer characters
		}
		chars := utf8.RuneCountInString(v)
		if chars <= MaxCellChars {
			continue
		}
		cut := 0
		for range MaxCellChars {
			_, size := utf8.DecodeRuneInString(v[cut:])
			cut += size
		}
		cols[i] = v[:cut] + fmt.Sprintf(truncMarker, chars-MaxCellChars)
		cell, _ := excelize.CoordinatesToCellName(i+1, n)
		s.rep.Problems = append(s.rep.Problems, quality.Problem{Severity: quality.Warning, File: s.file, Sheet: s.sheet, Cell: cell,
			Message: fmt.Sprintf("the cell holds %d characters, more than a paper can sensibly print; only the first %d are read, followed by \"… [truncated: %d characters]\"", chars, MaxCellChars, chars-MaxCellChars)})
	}
	return cols, nil
}

// mergeCursor walks a sheet's merged ranges down its rows, so each row is
// filled from the ranges that cover it rather than from all of them.
type mergeCursor struct {
	sorted bool
	next   int          // the first range of s.merged not yet started
	active []mergeRange // the ranges started and not yet ended
}

// mergesOn returns the merged ranges that cover row n; n never decreases
// from one call to the next.
func (s *sheetReader) mergesOn(n int) []mergeRange {
	mc := &s.mergeAt
	if !mc.sorted {
		sort.SliceStable(s.merged, func(i, j int) bool { return s.merged[i].r1 < s.merged[j].r1 })
		mc.sorted = true
	}
	keep := mc.active[:0]
	for _, m := range mc.active {
		if m.r2 >= n {
			keep = append(keep, m)
		}
	}
	mc.active = keep
	for mc.next < len(s.merged) && s.merged[mc.next].r1 <= n {
		if m := s.merged[mc.next]; m.r2 >= n {
			mc.active = append(mc.active, m)
		}
		mc.next++
	}
	return mc.active
}
