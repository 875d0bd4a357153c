package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// workbook is an open workbook: read by the light open (see lightopen.go),
// with excelize opened from the same bytes when a sheet first needs it, or
// opened by excelize from the start. Its methods answer as excelize's
// *File would.
type workbook struct {
	light *lightBook     // nil when excelize opened it
	xl    *excelize.File // excelize's; nil until needed, for a light one
	xlErr error          // why excelize could not open it later
	body  []byte         // the file, to open excelize from
	opt   excelize.Options
}

// excelizeOptions are the options the reader opens every workbook with.
func excelizeOptions(password string) excelize.Options {
	return excelize.Options{
		Password:          password,
		RawCellValue:      true,
		UnzipSizeLimit:    unzipLimit,
		UnzipXMLSizeLimit: min(maxXMLInRAM, unzipLimit),
	}
}

// openExcelize opens body with excelize, and says what its errors mean.
func openExcelize(body []byte, opt excelize.Options) (*excelize.File, error) {
	wb, err := excelize.OpenReader(bytes.NewReader(body), opt)
	if errors.Is(err, excelize.ErrWorkbookPassword) {
		return nil, ErrWrongPassword
	}
	if err != nil && strings.Contains(err.Error(), "unzip size exceeds") {
		return nil, fmt.Errorf("the workbook unpacks to more than %d MB; refused as a damaged file or zip bomb", unzipLimit>>20)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot open the workbook: %w", err)
	}
	return wb, nil
}

// excelizeBook wraps a workbook excelize has opened.
func excelizeBook(xl *excelize.File) *workbook { return &workbook{xl: xl} }

// excelize returns the workbook opened by excelize, opening it the first
// time. The light open was sure it opens, so an error here is excelize
// failing where it should not; it is returned to the caller as a problem
// of the sheet it was needed for.
func (b *workbook) excelize() (*excelize.File, error) {
	if b.xl != nil || b.xlErr != nil {
		return b.xl, b.xlErr
	}
	func() {
		defer func() {
			if r := recover(); r != nil {
				b.xlErr = fmt.Errorf("the workbook is damaged and cannot be read (%v)", r)
			}
		}()
		b.xl, b.xlErr = openExcelize(b.body, b.opt)
	}()
	return b.xl, b.xlErr
}

// opened reports whether excelize has opened the workbook.
func (b *workbook) opened() bool { return b.xl != nil }

// sheetList is excelize's GetSheetList.
func (b *workbook) sheetList() []string {
	if b.light != nil {
		return b.light.sheetList
	}
	return b.xl.GetSheetList()
}

// hidden reports whether excelize's GetSheetVisible says, without an error,
// that sheet is not visible.
func (b *workbook) hidden(sheet string) bool {
	if b.light != nil {
		return b.light.hidden(sheet)
	}
	visible, err := b.xl.GetSheetVisible(sheet)
	return err == nil && !visible
}

// date1904 is the workbook's date system, as GetWorkbookProps gives it.
func (b *workbook) date1904() bool {
	if b.light != nil {
		return b.light.date1904
	}
	if props, err := b.xl.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		return *props.Date1904
	}
	return false
}

// sheetPath is the path of sheet's part (see sheetXMLPath).
func (b *workbook) sheetPath(sheet string) (string, bool) {
	if b.xl == nil {
		return b.light.sheetPath(sheet)
	}
	return sheetXMLPath(b.xl, sheet)
}

// part is the part name as excelize holds it in memory (File.Pkg): nil
// when it does not, or holds no such part.
func (b *workbook) part(name string) []byte {
	if b.xl == nil {
		return b.light.parts[name]
	}
	v, _ := b.xl.Pkg.Load(name)
	p, _ := v.([]byte)
	return p
}

// hasPart reports whether excelize holds the part name in memory.
func (b *workbook) hasPart(name string) bool {
	if b.xl == nil {
		_, ok := b.light.parts[name]
		return ok
	}
	_, ok := b.xl.Pkg.Load(name)
	return ok
}

// sheetLoaded reports whether excelize has loaded the worksheet at path
// (and would read its in-memory copy rather than the part).
func (b *workbook) sheetLoaded(path string) bool {
	if b.xl == nil {
		return false
	}
	_, loaded := b.xl.Sheet.Load(path)
	return loaded
}

// close closes excelize's workbook, if it was opened.
func (b *workbook) close() {
	if b.xl != nil {
		_ = b.xl.Close()
	}
}
