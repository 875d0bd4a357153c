package sampledata

import (
	"github.com/xuri/excelize/v2"
)

// Number formats.
const (
	fmtDate    = "dd/mm/yyyy"
	fmtMonth   = "mmm-yy"
	fmtDecimal = "0.0"
)

// styles are the cell styles of one workbook.
type styles struct {
	title, subtitle, header, date, month, decimal, wrap int
	rag                                                 map[string]int // by RAG word
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	add := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	custom := func(code string) *string { return &code }
	border := []excelize.Border{
		{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1},
	}
	s.title = add(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Color: "1F4E79"}})
	s.subtitle = add(&excelize.Style{Font: &excelize.Font{Italic: true}})
	s.header = add(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Color: "FFFFFF"},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"1F4E79"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"},
		Border:    border,
	})
	s.date = add(&excelize.Style{CustomNumFmt: custom(fmtDate), Alignment: &excelize.Alignment{Vertical: "top"}})
	s.month = add(&excelize.Style{CustomNumFmt: custom(fmtMonth)})
	s.decimal = add(&excelize.Style{CustomNumFmt: custom(fmtDecimal)})
	s.wrap = add(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	s.rag = map[string]int{}
	for _, c := range []struct{ word, fill, font string }{
		{"Red", "C00000", "FFFFFF"}, {"Amber", "FFC000", "000000"},
		{"Green", "00B050", "000000"}, {"Blue", "0070C0", "FFFFFF"},
	} {
		s.rag[c.word] = add(&excelize.Style{
			Font:      &excelize.Font{Color: c.font},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c.fill}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"},
		})
	}
	return s, err
}

// sheetWriter writes cells to one sheet and keeps the first error, so that
// table-writing code reads as a list of cells.
//
// A sheetWriter with a StreamWriter (stream mode, for the large data sets)
// buffers the cells of one row and writes the row when a later row is
// started or the sheet is closed, so cells must be put in ascending row
// order, and widths and panes set before the first cell. The committed
// sample data is written in normal mode.
type sheetWriter struct {
	f     *excelize.File
	sheet string
	err   error

	sw    *excelize.StreamWriter
	cur   int   // the buffered row, in stream mode
	cells []any // its cells from column A; nil for none
}

// streamNote: a workbook has at most one sheet in stream mode, its big
// table. excelize writes streamed sheets in map order, so two would make the
// file's bytes differ from run to run; the small sheets are written in
// normal mode.

// openSheet returns a writer for an existing sheet, in stream mode if
// stream is set.
func openSheet(f *excelize.File, sheet string, stream bool) (*sheetWriter, error) {
	w := &sheetWriter{f: f, sheet: sheet}
	if stream {
		sw, err := f.NewStreamWriter(sheet)
		if err != nil {
			return nil, err
		}
		w.sw = sw
	}
	return w, nil
}

// flushRow writes the buffered row in stream mode.
func (w *sheetWriter) flushRow() {
	if w.err != nil || len(w.cells) == 0 {
		return
	}
	ref, err := excelize.CoordinatesToCellName(1, w.cur)
	if err == nil {
		err = w.sw.SetRow(ref, w.cells)
	}
	w.err = err
	w.cells = w.cells[:0]
}

// close finishes the sheet: in stream mode it writes the buffered row and
// flushes the stream. It returns the first error.
func (w *sheetWriter) close() error {
	if w.sw != nil && w.err == nil {
		w.flushRow()
		if w.err == nil {
			w.err = w.sw.Flush()
		}
	}
	return w.err
}

// put writes v to the cell at col, row (1-based) with style (0 for none).
// Nil and empty strings write nothing, so blank cells are absent, as in a
// spreadsheet saved by Excel.
func (w *sheetWriter) put(col, row int, v any, style int) {
	if w.err != nil || v == nil || v == "" {
		return
	}
	if w.sw != nil {
		if row != w.cur {
			w.flushRow()
			w.cur = row
		}
		for len(w.cells) < col {
			w.cells = append(w.cells, nil)
		}
		w.cells[col-1] = excelize.Cell{StyleID: style, Value: v}
		return
	}
	var ref string
	if ref, w.err = excelize.CoordinatesToCellName(col, row); w.err != nil {
		return
	}
	if w.err = w.f.SetCellValue(w.sheet, ref, v); w.err != nil {
		return
	}
	if style != 0 {
		w.err = w.f.SetCellStyle(w.sheet, ref, ref, style)
	}
}

// row writes a header or a plain row of values from column col, all with
// one style.
func (w *sheetWriter) row(col, row int, style int, vals ...any) {
	for i, v := range vals {
		w.put(col+i, row, v, style)
	}
}

// widths sets column widths, starting at column A.
func (w *sheetWriter) widths(ws ...float64) {
	for i, width := range ws {
		if w.err != nil {
			return
		}
		if w.sw != nil {
			w.err = w.sw.SetColWidth(i+1, i+1, width)
			continue
		}
		var name string
		if name, w.err = excelize.ColumnNumberToName(i + 1); w.err == nil {
			w.err = w.f.SetColWidth(w.sheet, name, name, width)
		}
	}
}

// freeze freezes the rows above row.
func (w *sheetWriter) freeze(row int) {
	if w.err != nil {
		return
	}
	ref, _ := excelize.CoordinatesToCellName(1, row)
	panes := &excelize.Panes{Freeze: true, YSplit: row - 1, TopLeftCell: ref, ActivePane: "bottomLeft"}
	if w.sw != nil {
		w.err = w.sw.SetPanes(panes)
		return
	}
	w.err = w.f.SetPanes(w.sheet, panes)
}

// newBook returns a new workbook whose first sheet is named first, and its
// styles.
func newBook(first string) (*excelize.File, styles, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", first); err != nil {
		return nil, styles{}, err
	}
	s, err := newStyles(f)
	return f, s, err
}

// addSheet adds a sheet and returns a writer for it, in stream mode if
// stream is set.
func addSheet(f *excelize.File, name string, stream bool) (*sheetWriter, error) {
	if _, err := f.NewSheet(name); err != nil {
		return nil, err
	}
	return openSheet(f, name, stream)
}
