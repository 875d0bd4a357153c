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
func sheetParts(wb *excelize.File, prepared map[string]*preparedSheet) map[string]part {
	out := map[string]part{}
	load := func(name string) []byte {
		v, ok := wb.Pkg.Load(name)
		if !ok {
			return nil
		}
		b, _ := v.([]byte)
		return b
	}
	var book struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(load("xl/workbook.xml"), &book) != nil || xml.Unmarshal(load("xl/_rels/workbook.xml.rels"), &rels) != nil {
		return out
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	for _, s := range book.Sheets {
		t := targets[s.ID]
		p := part{chart: strings.Contains(t, "chartsheets/")}
		if b := load(t); b != nil {
			if ps := prepared[s.Name]; ps != nil && ps.partKnown && sameBytes(ps.src, b) {
				p.merges, p.formulas = ps.merges, ps.formulas
			} else {
				p.merges = bytes.Contains(b, []byte("<mergeCell "))
				p.formulas = bytes.Contains(b, []byte("<f>")) || bytes.Contains(b, []byte("<f "))
			}
		}
		out[s.Name] = p
	}
	return out
}

// mergeRange is a merged block of cells, 1-based and inclusive, with the
// value of its top-left cell.
type mergeRange struct {
	r1, c1, r2, c2 int
	value          string
}

func merges(wb *excelize.File, sheet string) []mergeRange {
	ms, err := wb.GetMergeCells(sheet)
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
