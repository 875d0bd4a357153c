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
type sheetWriter struct {
	f     *excelize.File
	sheet string
	err   error
}

// put writes v to the cell at col, row (1-based) with style (0 for none).
// Nil and empty strings write nothing, so blank cells are absent, as in a
// spreadsheet saved by Excel.
func (w *sheetWriter) put(col, row int, v any, style int) {
	if w.err != nil || v == nil || v == "" {
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
	w.err = w.f.SetPanes(w.sheet, &excelize.Panes{Freeze: true, YSplit: row - 1, TopLeftCell: ref, ActivePane: "bottomLeft"})
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

// addSheet adds a sheet and returns a writer for it.
func addSheet(f *excelize.File, name string) (*sheetWriter, error) {
	if _, err := f.NewSheet(name); err != nil {
		return nil, err
	}
	return &sheetWriter{f: f, sheet: name}, nil
}
