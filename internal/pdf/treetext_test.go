package pdf

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"
)

// treeItem is an element of the structure tree that owns marked content:
// its type and the text shown in that content.
type treeItem struct{ s, text string }

// readTree reads the structure tree as a screen reader does, with the
// tagging checker's own parser (qpdf's JSON and this package's content
// lexer, sharing no code with the renderer): every element in tree order
// that owns marked content, with the text shown in it, decoded through
// each font's ToUnicode map. Artifacts are not in the tree, so they are
// not read. TestReadingOrder keeps poppler's independent reading (pdfinfo
// -struct-text) of a whole paper, and checks this one reads the same text.
func (d *pdfDoc) readTree(t testing.TB) []treeItem {
	t.Helper()
	pageIndex := map[string]int{}
	for i, pg := range d.pages {
		pageIndex[pg.Object] = i
	}
	texts := make([]map[int]string, len(d.pages))
	pageText := func(pg string, mcid int) string {
		i, ok := pageIndex[pg]
		if !ok {
			t.Fatalf("structure tree: /Pg %s is not a page", pg)
		}
		if texts[i] == nil {
			texts[i] = d.mcidTexts(t, i)
		}
		return texts[i][mcid]
	}
	cat := d.dict(d.trailer["/Root"])
	root := d.dict(cat["/StructTreeRoot"])
	if root == nil {
		t.Fatal("structure tree: none")
	}
	var items []treeItem
	visited := map[string]bool{}
	var walk func(ref string)
	walk = func(ref string) {
		if visited[ref] {
			t.Fatalf("structure tree: %s reached twice", ref)
		}
		visited[ref] = true
		e := d.dict(ref)
		pg, _ := isRef(e["/Pg"])
		kids := e["/K"]
		if _, isArr := kids.([]any); !isArr {
			kids = []any{kids}
		}
		var own strings.Builder
		flush := func() {
			if own.Len() > 0 {
				items = append(items, treeItem{name(e["/S"]), own.String()})
				own.Reset()
			}
		}
		for _, k := range kids.([]any) {
			if mc, ok := k.(json.Number); ok {
				m, _ := mc.Int64()
				own.WriteString(pageText(pg, int(m)))
				continue
			}
			kd := d.dict(k)
			switch name(kd["/Type"]) {
			case "MCR":
				own.WriteString(pageText(d.mcr(kd, pg)))
			case "OBJR":
			default:
				if r, ok := isRef(k); ok {
					flush()
					walk(r)
				}
			}
		}
		flush()
	}
	rootKids := root["/K"]
	if _, isArr := rootKids.([]any); !isArr {
		rootKids = []any{rootKids}
	}
	for _, k := range rootKids.([]any) {
		if r, ok := isRef(k); ok {
			walk(r)
		}
	}
	return items
}

// treeText is the structure tree's text as readTree reads it, an element
// a line: its type and its text quoted.
func treeText(items []treeItem) string {
	var b strings.Builder
	for _, it := range items {
		fmt.Fprintf(&b, "%s %q\n", it.s, it.text)
	}
	return b.String()
}

// mcidTexts returns the text shown in each marked-content sequence with an
// MCID on page i (text in a nested sequence goes to the innermost MCID).
func (d *pdfDoc) mcidTexts(t testing.TB, i int) map[int]string {
	t.Helper()
	pg := d.pages[i]
	var content []byte
	for _, c := range pg.Contents {
		content = append(content, d.streams[c]...)
		content = append(content, '\n')
	}
	fonts := d.dict(d.dict(d.dict(pg.Object)["/Resources"])["/Font"])
	maps := map[string]toUnicode{}
	out := map[int]string{}
	var mcids []int // -1: marked content without an MCID
	var font string
	var saved []string
	show := func(s any) {
		var code []byte
		switch v := s.(type) {
		case hexStr:
			h := strings.Join(strings.Fields(string(v)), "")
			if len(h)%2 == 1 {
				h += "0"
			}
			var err error
			if code, err = hex.DecodeString(h); err != nil {
				t.Fatalf("page %d: hex string <%s>: %v", i+1, v, err)
			}
		case pdfStr:
			code = []byte(v)
		default:
			return
		}
		m, ok := maps[font]
		if !ok {
			ref, _ := isRef(fonts[font])
			cm, ok := isRef(d.dict(fonts[font])["/ToUnicode"])
			if !ok {
				t.Fatalf("page %d: font %s (%s) has no ToUnicode map", i+1, font, ref)
			}
			m = parseToUnicode(t, d.streams[cm])
			maps[font] = m
		}
		for k := len(mcids) - 1; k >= 0; k-- {
			if mcids[k] >= 0 {
				out[mcids[k]] += m.decode(code)
				return
			}
		}
	}
	eachOperator(content, func(op string, operands []any) {
		switch op {
		case "BMC":
			mcids = append(mcids, -1)
		case "BDC":
			mcids = append(mcids, bdcMCID(operands))
		case "EMC":
			if len(mcids) > 0 {
				mcids = mcids[:len(mcids)-1]
			}
		case "q":
			saved = append(saved, font)
		case "Q":
			if len(saved) > 0 {
				font, saved = saved[len(saved)-1], saved[:len(saved)-1]
			}
		case "Tf":
			if len(operands) > 0 {
				font, _ = operands[0].(string)
			}
		case "Tj", "'", `"`:
			if len(operands) > 0 {
				show(operands[len(operands)-1])
			}
		case "TJ":
			if len(operands) > 0 {
				a, _ := operands[0].([]any)
				for _, s := range a {
					show(s)
				}
			}
		}
	})
	return out
}

// toUnicode is a font's ToUnicode CMap: code width in bytes, and ranges of
// codes to the UTF-16 text of the first.
type toUnicode struct {
	width  int
	ranges []cmapRange
}

type cmapRange struct {
	lo, hi uint32
	dst    []uint16
}

// parseToUnicode reads the bfchar and bfrange entries of a CMap (a range
// with an array of destinations is read as bfchar entries).
func parseToUnicode(t testing.TB, data []byte) toUnicode {
	t.Helper()
	var m toUnicode
	num := func(v any) ([]byte, bool) {
		h, ok := v.(hexStr)
		if !ok {
			return nil, false
		}
		b, err := hex.DecodeString(strings.Join(strings.Fields(string(h)), ""))
		return b, err == nil
	}
	code := func(b []byte) uint32 {
		var c uint32
		for _, x := range b {
			c = c<<8 | uint32(x)
		}
		return c
	}
	units := func(b []byte) []uint16 {
		var u []uint16
		for k := 0; k+1 < len(b); k += 2 {
			u = append(u, uint16(b[k])<<8|uint16(b[k+1]))
		}
		return u
	}
	eachOperator(data, func(op string, operands []any) {
		switch op {
		case "endcodespacerange":
			if len(operands) > 0 {
				if b, ok := num(operands[0]); ok {
					m.width = len(b)
				}
			}
		case "endbfchar":
			for k := 0; k+1 < len(operands); k += 2 {
				c, ok1 := num(operands[k])
				u, ok2 := num(operands[k+1])
				if ok1 && ok2 {
					m.ranges = append(m.ranges, cmapRange{code(c), code(c), units(u)})
				}
			}
		case "endbfrange":
			for k := 0; k+2 < len(operands); k += 3 {
				lo, ok1 := num(operands[k])
				hi, ok2 := num(operands[k+1])
				if !ok1 || !ok2 {
					continue
				}
				if u, ok := num(operands[k+2]); ok {
					m.ranges = append(m.ranges, cmapRange{code(lo), code(hi), units(u)})
				} else if a, ok := operands[k+2].([]any); ok {
					for j, v := range a {
						if u, ok := num(v); ok {
							c := code(lo) + uint32(j)
							m.ranges = append(m.ranges, cmapRange{c, c, units(u)})
						}
					}
				}
			}
		}
	})
	if m.width == 0 || len(m.ranges) == 0 {
		t.Fatalf("ToUnicode map without a code space or mappings:\n%s", data)
	}
	return m
}

// decode turns shown bytes into text; a code with no mapping is U+FFFD.
func (m toUnicode) decode(b []byte) string {
	var u []uint16
	for k := 0; k+m.width <= len(b); k += m.width {
		var c uint32
		for _, x := range b[k : k+m.width] {
			c = c<<8 | uint32(x)
		}
		found := false
		for _, r := range m.ranges {
			if c >= r.lo && c <= r.hi && len(r.dst) > 0 {
				d := append([]uint16(nil), r.dst...)
				d[len(d)-1] += uint16(c - r.lo)
				u = append(u, d...)
				found = true
				break
			}
		}
		if !found {
			u = append(u, 0xFFFD)
		}
	}
	return string(utf16.Decode(u))
}
