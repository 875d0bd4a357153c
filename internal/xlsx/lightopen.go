package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf16"
)

// The light open.
//
// excelize.OpenReader unpacks every part of a workbook into memory and
// decodes its styles, theme, workbook and relationships with encoding/xml
// reflection: a seventh of a whole run on the sample data, for what the
// reader mostly does not use, as its rows come from the fast path. The
// light open reads the zip itself, keeps the parts the reader uses (the
// XML ones), and reads of the workbook, its relationships and its styles
// only what the reader asks: the sheets' names, states and parts, the 1904
// date system, and each cell format's number format. excelize is opened
// from the same bytes later, at most once, if a sheet needs it (formulas,
// merged cells, the excelize row iterator, a style the light read is not
// sure of).
//
// The light open only answers when it is sure that excelize would open the
// workbook and give the same answers: every part inflates as excelize
// inflates it, the parts excelize decodes at open (the workbook and its
// relationships, the calculation chain, the styles, the theme) are XML the
// fast scanner reads in full, whose values convert to the types excelize
// decodes them into (see xmlShape), in the layout excelize resolves
// (workbook at xl/workbook.xml, parts named without backslashes or case
// variants, none spilled to disk). Anything else is opened by excelize at
// once, as before, so a damaged workbook gets excelize's error.

// openWith is "light" to open workbooks with the light open where it
// applies, or "excelize" to always open them with excelize at once
// (Options.open chooses for one read). An A/B check of the papers can
// build with -ldflags "-X
// github.com/boardpack/boardpack/internal/xlsx.openWith=excelize".
var openWith = "light"

const (
	relNS          = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	officeDocument = relNS + "/officeDocument"
)

// lightBook is what the light open read of a workbook.
type lightBook struct {
	parts     map[string][]byte // the XML parts, by name in the package
	unkept    map[string]bool   // the other parts, inflated and dropped
	sheets    []lightSheet      // in the workbook's order
	rels      []lightRel        // the workbook's relationships, in order
	sheetMap  map[string]string // sheet name -> part, as excelize's File.sheetMap
	date1904  bool
	styles    *lightStyles
	sheetList []string
}

type lightSheet struct{ name, state, rID string }

type lightRel struct{ id, target, typ string }

// lightOpen opens the workbook in body, whose zip directory zr is, with the
// light open; nil when it is not sure (the caller then opens it with
// excelize).
func lightOpen(zr *zip.Reader, xmlLimit int64) *lightBook {
	lb := &lightBook{parts: map[string][]byte{}, unkept: map[string]bool{}}
	seen := map[string]bool{}
	var total int64
	var sink []byte
	for _, f := range zr.File {
		name, lower := f.Name, strings.ToLower(f.Name)
		size := f.FileInfo().Size()
		total += size
		switch {
		case total > unzipLimit, strings.Contains(name, "\\"), seen[lower],
			lower == "[content_types].xml" && name != "[Content_Types].xml",
			lower == "xl/sharedstrings.xml" && name != "xl/sharedStrings.xml":
			return nil
		case (lower == "xl/sharedstrings.xml" || strings.HasPrefix(lower, "xl/worksheets/sheet")) && size > xmlLimit:
			return nil // excelize spills it to a temporary file
		}
		seen[lower] = true
		rc, err := f.Open()
		if err != nil {
			return nil
		}
		keep := strings.HasSuffix(lower, ".xml") || strings.HasSuffix(lower, ".rels")
		if keep {
			// As excelize's readFile: what inflates, then the close's error.
			// Room for the read that finds the end, so that a part of
			// its declared size is not copied into a buffer twice as big.
			buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
			_, _ = io.Copy(buf, rc)
			lb.parts[name] = buf.Bytes()
		} else {
			if sink == nil {
				sink = make([]byte, 32<<10)
			}
			_, _ = io.CopyBuffer(io.Discard, struct{ io.Reader }{rc}, sink)
			lb.unkept[name] = true
		}
		if rc.Close() != nil {
			return nil
		}
	}
	sh := partShapes()
	// The workbook's path, from the package's relationships.
	root, ok := lb.parts["_rels/.rels"]
	if !ok {
		return nil
	}
	rootRels, ok := readRels(root, sh.rels)
	if !ok {
		return nil
	}
	wbPath := ""
	for _, r := range rootRels {
		if r.typ == officeDocument {
			wbPath = strings.TrimPrefix(r.target, "/")
			break
		}
	}
	if wbPath != "xl/workbook.xml" {
		return nil
	}
	if b, ok := lb.parts["xl/calcChain.xml"]; ok && !sureParse(b, sh.calcChain, nil) {
		return nil
	}
	if !lb.readWorkbook(sh.workbook) {
		return nil
	}
	rels, ok := lb.parts["xl/_rels/workbook.xml.rels"]
	if !ok {
		return nil
	}
	if lb.rels, ok = readRels(rels, sh.rels); !ok {
		return nil
	}
	for _, r := range lb.rels {
		if lb.unkept[relTarget(r.target)] || lb.unkept[worksheetPath(r.target)] {
			return nil // a part the reader may load that was not kept
		}
	}
	lb.sheetMap = map[string]string{}
	for _, s := range lb.sheets {
		for _, r := range lb.rels {
			if r.id != s.rID {
				continue
			}
			p := worksheetPath(r.target)
			if _, ok := lb.parts[p]; ok {
				lb.sheetMap[s.name] = p
			} else if lb.unkept[p] {
				return nil
			}
		}
	}
	lb.styles = &lightStyles{}
	if b, ok := lb.parts["xl/styles.xml"]; ok {
		if lb.styles, ok = readStyles(b, sh.styles); !ok {
			return nil
		}
	}
	if b, ok := lb.parts["xl/theme/theme1.xml"]; ok && !sureParse(b, sh.theme, nil) {
		return nil
	}
	if lb.unkept["xl/theme/theme1.xml"] || lb.unkept["xl/calcChain.xml"] || lb.unkept["xl/styles.xml"] {
		return nil
	}
	for _, s := range lb.sheets {
		lb.sheetList = append(lb.sheetList, s.name)
	}
	return lb
}

// worksheetPath is excelize's getWorksheetPath for a workbook at
// xl/workbook.xml.
func worksheetPath(target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(strings.ReplaceAll(path.Clean(target), "\\", "/"), "/")
	}
	return strings.TrimPrefix(strings.ReplaceAll(path.Clean("xl/"+target), "\\", "/"), "/")
}

// readRels reads a relationships part as excelize decodes it.
func readRels(b []byte, sh *xmlShape) ([]lightRel, bool) {
	var out []lightRel
	ok := sureParse(b, sh, func(sc *scanner, p [][]byte) bool {
		if len(p) != 2 || string(p[1]) != "Relationship" {
			return true
		}
		var r lightRel
		for _, a := range sc.attrs {
			switch string(a.local) {
			case "Id":
				r.id = sc.attrValue(a)
			case "Target":
				r.target = sc.attrValue(a)
			case "Type":
				r.typ = sc.attrValue(a)
			}
		}
		out = append(out, r)
		return true
	})
	return out, ok
}

// readWorkbook reads xl/workbook.xml: its sheets and date system.
func (lb *lightBook) readWorkbook(sh *xmlShape) bool {
	b, ok := lb.parts["xl/workbook.xml"]
	if !ok {
		return false
	}
	rootR := false // the root binds the prefix r to the relationships namespace
	return sureParse(b, sh, func(sc *scanner, p [][]byte) bool {
		for _, a := range sc.attrs {
			if string(a.qname) == "xmlns:r" {
				if len(p) != 1 || sc.attrValue(a) != relNS {
					return false
				}
				rootR = true
			}
		}
		switch {
		case len(p) == 2 && string(p[1]) == "workbookPr":
			for _, a := range sc.attrs {
				if string(a.local) == "date1904" {
					// sureParse checked that it converts, as copyValue does.
					lb.date1904 = false
					if v := sc.attrValue(a); v != "" {
						lb.date1904, _ = strconv.ParseBool(strings.TrimSpace(v))
					}
				}
			}
		case len(p) == 3 && string(p[1]) == "sheets" && string(p[2]) == "sheet":
			var s lightSheet
			ids := 0
			for _, a := range sc.attrs {
				switch string(a.local) {
				case "name":
					s.name = sc.attrValue(a)
				case "state":
					s.state = sc.attrValue(a)
				case "id":
					if string(a.qname) != "r:id" || !rootR {
						return false
					}
					s.rID = sc.attrValue(a)
					ids++
				}
			}
			if ids > 1 {
				return false
			}
			lb.sheets = append(lb.sheets, s)
		}
		return true
	})
}

// hidden is what the reader takes of excelize's GetSheetVisible: true for
// a sheet it answers is not visible, without an error.
func (lb *lightBook) hidden(sheet string) bool {
	if checkSheetName(sheet) != nil {
		return false
	}
	for _, s := range lb.sheets {
		if strings.EqualFold(s.name, sheet) && (s.state == "" || s.state == "visible") {
			return false
		}
	}
	return true
}

// checkSheetName is excelize's: whether it errs on a sheet's name.
func checkSheetName(name string) error {
	n := 0
	for _, r := range name {
		n += utf16.RuneLen(r)
	}
	switch {
	case name == "", n > 31, strings.HasPrefix(name, "'"), strings.HasSuffix(name, "'"), strings.ContainsAny(name, ":\\/?*[]"):
		return errBadSheetName
	}
	return nil
}

var errBadSheetName = errors.New("not a sheet name excelize accepts")

// sheetPath is excelize's getSheetXMLPath as sheetXMLPath reads it: the
// part of the one sheet whose name matches without regard to case.
func (lb *lightBook) sheetPath(sheet string) (string, bool) {
	p, n := "", 0
	for name, v := range lb.sheetMap {
		if strings.EqualFold(name, sheet) {
			p, n = v, n+1
		}
	}
	return p, n == 1
}

// lightStyles is what the reader asks of a workbook's styles: each cell
// format's number format, and whether excelize's GetStyle would reach
// anything it could fail on.
type lightStyles struct {
	numFmts                     []lightNumFmt // in order; nil slice with hasNumFmts false when absent
	hasNumFmts                  bool
	hasFonts, hasFills, hasBdrs bool
	fonts                       int
	fillRisky, borderRisky      []bool // per fill and border: a colour GetStyle could fail on
	hasCellXfs                  bool
	xfs                         []lightXf
}

type lightNumFmt struct {
	id   int
	code string
}

type lightXf struct {
	numFmt, font, fill, border        *int
	applyFont, applyFill, applyBorder *bool
}

// readStyles reads xl/styles.xml.
func readStyles(b []byte, sh *xmlShape) (*lightStyles, bool) {
	st := &lightStyles{}
	intAttr := func(v string) *int {
		n := 0
		if v != "" {
			n, _ = strconv.Atoi(strings.TrimSpace(v))
		}
		return &n
	}
	boolAttr := func(v string) *bool {
		x := false
		if v != "" {
			x, _ = strconv.ParseBool(strings.TrimSpace(v))
		}
		return &x
	}
	ok := sureParse(b, sh, func(sc *scanner, p [][]byte) bool {
		if len(p) < 2 {
			return true
		}
		list := string(p[1])
		switch {
		case len(p) == 2:
			switch list {
			case "numFmts":
				st.hasNumFmts = true
			case "fonts":
				st.hasFonts = true
			case "fills":
				st.hasFills = true
			case "borders":
				st.hasBdrs = true
			case "cellXfs":
				st.hasCellXfs = true
			}
		case len(p) == 3 && list == "numFmts" && string(p[2]) == "numFmt":
			var nf lightNumFmt
			for _, a := range sc.attrs {
				switch string(a.local) {
				case "numFmtId":
					nf.id = *intAttr(sc.attrValue(a))
				case "formatCode":
					nf.code = sc.attrValue(a)
				}
			}
			st.numFmts = append(st.numFmts, nf)
		case len(p) == 3 && list == "fonts" && string(p[2]) == "font":
			st.fonts++
		case len(p) == 3 && list == "fills" && string(p[2]) == "fill":
			st.fillRisky = append(st.fillRisky, false)
		case len(p) == 3 && list == "borders" && string(p[2]) == "border":
			st.borderRisky = append(st.borderRisky, false)
		case len(p) > 3 && list == "fills" && string(p[2]) == "fill" && len(st.fillRisky) > 0:
			st.fillRisky[len(st.fillRisky)-1] = st.fillRisky[len(st.fillRisky)-1] || riskyColour(sc)
		case len(p) > 3 && list == "borders" && string(p[2]) == "border" && len(st.borderRisky) > 0:
			st.borderRisky[len(st.borderRisky)-1] = st.borderRisky[len(st.borderRisky)-1] || riskyColour(sc)
		case len(p) == 3 && list == "cellXfs" && string(p[2]) == "xf":
			var xf lightXf
			for _, a := range sc.attrs {
				v := sc.attrValue(a)
				switch string(a.local) {
				case "numFmtId":
					xf.numFmt = intAttr(v)
				case "fontId":
					xf.font = intAttr(v)
				case "fillId":
					xf.fill = intAttr(v)
				case "borderId":
					xf.border = intAttr(v)
				case "applyFont":
					xf.applyFont = boolAttr(v)
				case "applyFill":
					xf.applyFill = boolAttr(v)
				case "applyBorder":
					xf.applyBorder = boolAttr(v)
				}
			}
			st.xfs = append(st.xfs, xf)
		}
		return true
	})
	return st, ok
}

// riskyColour reports whether an element of a fill or border has a tint
// or an indexed colour excelize's getThemeColor could fail on (it slices
// a short base colour to apply a tint, and indexes its palettes).
func riskyColour(sc *scanner) bool {
	for _, a := range sc.attrs {
		v := strings.TrimSpace(sc.attrValue(a))
		switch string(a.local) {
		case "tint":
			if f, err := strconv.ParseFloat(v, 64); v != "" && (err != nil || f != 0) {
				return true
			}
		case "indexed":
			if n, err := strconv.Atoi(v); v != "" && (err != nil || n < 0) {
				return true
			}
		}
	}
	return false
}

// percent answers what percentCell asks of excelize's GetStyle(id): whether
// style id has a percentage format (NumFmt 9 or 10, or a custom format with
// a %). sure is false when GetStyle could fail in a way not modelled here;
// the caller then asks excelize.
func (st *lightStyles) percent(id int) (pct, sure bool) {
	if id < 0 || !st.hasCellXfs || id >= len(st.xfs) {
		return false, true // GetStyle's error
	}
	xf := st.xfs[id]
	reached := func(apply *bool, idx *int, present bool, n int, risky []bool) (safe bool) {
		if apply != nil && !*apply || idx == nil || !present || *idx >= n {
			return true
		}
		return *idx >= 0 && (risky == nil || !risky[*idx])
	}
	if !reached(xf.applyFill, xf.fill, st.hasFills, len(st.fillRisky), st.fillRisky) ||
		!reached(xf.applyBorder, xf.border, st.hasBdrs, len(st.borderRisky), st.borderRisky) ||
		!reached(xf.applyFont, xf.font, st.hasFonts, st.fonts, nil) {
		return false, false
	}
	if xf.numFmt == nil {
		return false, true
	}
	id = *xf.numFmt
	if builtInNumFmt(id) || 27 <= id && id <= 36 || 50 <= id && id <= 62 || 67 <= id && id <= 81 {
		return id == 9 || id == 10, true
	}
	pct = false
	for _, nf := range st.numFmts {
		if nf.id == id {
			pct = strings.Contains(nf.code, "%")
		}
	}
	return pct, true
}

// builtInNumFmt reports whether excelize has id among its built-in number
// formats (numfmt.go's builtInNumFmt).
func builtInNumFmt(id int) bool {
	return 0 <= id && id <= 4 || 9 <= id && id <= 22 || 37 <= id && id <= 49
}
