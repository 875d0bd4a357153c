package xlsx

import (
	"bytes"
	"encoding/xml"
	"path"
	"strings"

	"github.com/xuri/excelize/v2"
)

// part is what the package says about one sheet before its rows are read.
// Looking at the raw XML lets the reader ask excelize for merges, formulas
// and styles (which load the whole sheet into memory) only where a sheet
// has them, and keep large exports on the streaming path.
type part struct {
	chart    bool // a chart sheet: no cells
	merges   bool // has merged cells
	formulas bool // has formula cells
}

// sheetParts maps sheet names to what their parts hold. Sheets whose parts
// are too large to be held in memory (excelize spills them to disk) are
// reported with no merges and no formulas: such sheets are system exports.
// prepared holds what checkLimits already found in some parts.
func sheetParts(wb *workbook, prepared map[string]*preparedSheet) map[string]part {
	out := map[string]part{}
	load := wb.part
	var sheets []lightSheet
	var rels []lightRel
	if lb := wb.light; lb != nil && !wb.opened() {
		// The light open read both parts as decodeSheetRefs would.
		sheets, rels = lb.sheets, lb.rels
	} else {
		var ok bool
		if sheets, rels, ok = decodeSheetRefs(load); !ok {
			return out
		}
	}
	targets := map[string]string{}
	for _, r := range rels {
		targets[r.id] = relTarget(r.target)
	}
	for _, s := range sheets {
		t := targets[s.rID]
		p := part{chart: strings.Contains(t, "chartsheets/")}
		if b := load(t); b != nil {
			if ps := prepared[s.name]; ps != nil && ps.partKnown && sameBytes(ps.src, b) {
				p.merges, p.formulas = ps.merges, ps.formulas
			} else {
				p.merges = bytes.Contains(b, []byte("<mergeCell "))
				p.formulas = bytes.Contains(b, []byte("<f>")) || bytes.Contains(b, []byte("<f "))
			}
		}
		out[s.name] = p
	}
	return out
}

// relTarget is the part a workbook relationship's target names, as
// sheetParts resolves it.
func relTarget(t string) string {
	if strings.HasPrefix(t, "/") {
		return strings.TrimPrefix(t, "/")
	}
	return path.Join("xl", t)
}

// decodeSheetRefs reads the workbook's sheets and relationships with
// encoding/xml, for a workbook excelize opened.
func decodeSheetRefs(load func(string) []byte) (sheets []lightSheet, rels []lightRel, ok bool) {
	var book struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var wbRels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(load("xl/workbook.xml"), &book) != nil || xml.Unmarshal(load("xl/_rels/workbook.xml.rels"), &wbRels) != nil {
		return nil, nil, false
	}
	for _, s := range book.Sheets {
		sheets = append(sheets, lightSheet{name: s.Name, rID: s.ID})
	}
	for _, r := range wbRels.Rels {
		rels = append(rels, lightRel{id: r.ID, target: r.Target})
	}
	return sheets, rels, true
}

// mergeRange is a merged block of cells, 1-based and inclusive, with the
// value of its top-left cell.
type mergeRange struct {
	r1, c1, r2, c2 int
	value          string
}

func merges(wb *workbook, sheet string) []mergeRange {
	xl, err := wb.excelize()
	if err != nil {
		return nil
	}
	ms, err := xl.GetMergeCells(sheet)
	if err != nil {
		return nil
	}
	var out []mergeRange
	for _, m := range ms {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		out = append(out, mergeRange{r1: r1, c1: c1, r2: r2, c2: c2, value: m.GetCellValue()})
	}
	return out
}

// fill gives every cell a merge covers in row n the merge's value, as
// Excel shows it.
func fill(cells []string, n int, ms []mergeRange) []string {
	for _, m := range ms {
		if n < m.r1 || n > m.r2 || m.value == "" {
			continue
		}
		for c := m.c1; c <= m.c2 && c <= 16384; c++ {
			for len(cells) < c {
				cells = append(cells, "")
			}
			if cells[c-1] == "" {
				cells[c-1] = m.value
			}
		}
	}
	return cells
}
