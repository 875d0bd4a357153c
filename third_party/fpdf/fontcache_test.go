// Copyright ©2026 The boardpack Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

// boardpack patch: tests that the font fast paths (utf8fontcache.go,
// generateFontID, GenerateCutFont) give the bytes stock fpdf v0.12.0 gives.
// They run from boardpack's module: go test codeberg.org/go-pdf/fpdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
)

// testFonts are the fonts boardpack embeds (internal/fonts).
var testFonts = []struct {
	key string
	ttf []byte
}{
	{"liberationsans", liberationsansregular.TTF},
	{"liberationsansB", liberationsansbold.TTF},
	{"liberationsansI", liberationsansitalic.TTF},
}

// stockIDs are the IDs stock fpdf v0.12.0 gives the testFonts
// (go-fonts/liberation v0.3.3) in AddUTF8FontFromBytes: the SHA-1 of their
// metrics and widths as parsed, so they check the parse as well as the hash.
var stockIDs = map[string]string{
	"liberationsans":  "24585a9fd624a69072d5bd24c23f122ba34ffe06",
	"liberationsansB": "d31efb2a035f17f2d3ebf6e1a747ceba821aa71b",
	"liberationsansI": "996732f6a4751824856ac53d0dbf7cb1a32a453f",
}

// stockFontID is generateFontID as fpdf v0.12.0 writes it.
func stockFontID(fdt fontDefType) (string, error) {
	fdt.File = ""
	b, err := json.Marshal(&fdt)
	return fmt.Sprintf("%x", sha1.Sum(b)), err
}

func TestFontIDIsStockFontID(t *testing.T) {
	type namedDef struct {
		name string
		def  fontDefType
	}
	var defs []namedDef
	for range 2 { // the first parses the fonts, the second finds them in the cache
		pdf := New("P", "mm", "A4", "")
		for _, f := range testFonts {
			pdf.AddUTF8FontFromBytes("LiberationSans", f.key[len("liberationsans"):], f.ttf)
			d := pdf.fonts[f.key]
			if d.i != stockIDs[f.key] {
				t.Errorf("%s: ID %s, stock fpdf gives %s", f.key, d.i, stockIDs[f.key])
			}
			defs = append(defs, namedDef{f.key, d})
		}
		if err := pdf.Error(); err != nil {
			t.Fatal(err)
		}
	}
	long := make([]int, 5000) // crosses writeJSONInts' buffer many times
	for i := range long {
		long[i] = (i*7919)%200001 - 100000
	}
	var runs []int // zero runs of 0 to 70 at the start, between and at the end
	for n := range 71 {
		runs = append(runs, make([]int, n)...)
		runs = append(runs, n+1)
	}
	runs = append(runs, make([]int, 33)...)
	defs = append(defs,
		namedDef{"zero runs", fontDefType{Cw: runs}},
		namedDef{"nil widths", fontDefType{Tp: "UTF8", Name: "x"}},
		namedDef{"empty widths", fontDefType{Tp: "UTF8", Name: "x", Cw: []int{}}},
		namedDef{"one width", fontDefType{Cw: []int{0}}},
		namedDef{"extreme widths", fontDefType{Cw: []int{math.MinInt64, -1, 0, 1, math.MaxInt64}}},
		namedDef{"long widths", fontDefType{Cw: long}},
		namedDef{"all fields", fontDefType{
			Tp:   "TrueType",
			Name: `a","Cw":null,"b <&> é` + "\u2028\xff",
			Desc: FontDescType{
				Ascent: 905, Descent: -212, CapHeight: 716, Flags: 32,
				FontBBox:    fontBoxType{-1, -2, 3, 4},
				ItalicAngle: -12, StemV: 70, MissingWidth: 750,
			},
			Up: -106, Ut: 73, Cw: []int{278, -3, 556},
			Enc: "cp1252", Diff: `128 /Euro "\`, File: "ignored.z",
			Size1: 1, Size2: 2, OriginalSize: 3, N: 4, DiffN: 5,
			i: "unexported", usedRunes: map[int]int{1: 1},
		}},
	)
	for _, d := range defs {
		want, werr := stockFontID(d.def)
		got, gerr := generateFontID(d.def)
		if got != want || (gerr == nil) != (werr == nil) {
			t.Errorf("%s: generateFontID = %s, %v; stock fpdf gives %s, %v", d.name, got, gerr, want, werr)
		}
	}
}

// cutRuneSets are used-rune sets as fpdf records them (rune -> rune).
var cutRuneSets = map[string]string{
	"ascii":      " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
	"board":      "Improvement Board 2023-06: RAG £1,234 — “on track” · 95% ≥ target…",
	"composites": "éèêëÉÈàâäçñöüÿŸĀāŁłŽžǺǻ", // accented letters, composite glyphs in Liberation
	"unmapped":   "a\u0378\U0001F600b",      // runes the font has no glyph for
	"empty":      "",
}

func usedRunes(s string) map[int]int {
	m := map[int]int{}
	for _, r := range s {
		m[int(r)] = int(r)
	}
	return m
}

// stockCutFont is the subset stock fpdf writes: a utf8FontFile that reads
// everything from the font's bytes.
func stockCutFont(ttf []byte, used map[int]int) (font []byte, cids map[int]int, lastRune int) {
	u := newUTF8Font(&fileReader{array: ttf})
	font = u.GenerateCutFont(used)
	return font, u.CodeSymbolDictionary, u.LastRune
}

func TestCutFontFromCacheIsStock(t *testing.T) {
	for _, f := range testFonts {
		pf, err := parsedUTF8Font(f.ttf)
		if err != nil {
			t.Fatalf("%s: %v", f.key, err)
		}
		for name, s := range cutRuneSets {
			want, wantCids, wantLast := stockCutFont(f.ttf, usedRunes(s))
			for range 2 { // the cache is only read: the second subset is the same
				u := newUTF8Font(&fileReader{array: f.ttf})
				u.cached = &pf.tables
				got := u.GenerateCutFont(usedRunes(s))
				if !bytes.Equal(got, want) {
					t.Errorf("%s %s: subset from the cache differs from stock fpdf's (%d bytes, want %d)", f.key, name, len(got), len(want))
				}
				if !maps.Equal(u.CodeSymbolDictionary, wantCids) || u.LastRune != wantLast {
					t.Errorf("%s %s: rune -> glyph map or last rune differ from stock fpdf's", f.key, name)
				}
			}
		}
	}
}

func BenchmarkCutFont(b *testing.B) {
	pf, err := parsedUTF8Font(testFonts[0].ttf)
	if err != nil {
		b.Fatal(err)
	}
	used := usedRunes(cutRuneSets["ascii"] + cutRuneSets["board"])
	b.ReportAllocs()
	for b.Loop() {
		u := newUTF8Font(&fileReader{array: testFonts[0].ttf})
		u.cached = &pf.tables
		u.GenerateCutFont(used)
	}
}

func BenchmarkFontID(b *testing.B) {
	pf, err := parsedUTF8Font(testFonts[0].ttf)
	if err != nil {
		b.Fatal(err)
	}
	d := pf.def("liberationsans")
	b.ReportAllocs()
	for b.Loop() {
		generateFontID(d)
	}
}

// stockChecksum is generateChecksum as fpdf v0.12.0 writes it.
func stockChecksum(data []byte) []int {
	if (len(data) % 4) != 0 {
		for i := 0; (len(data) % 4) != 0; i++ {
			data = append(data, 0)
		}
	}
	answer := []int{0x0000, 0x0000}
	for i := 0; i < len(data); i += 4 {
		answer[0] += (int(data[i]) << 8) + int(data[i+1])
		answer[1] += (int(data[i+2]) << 8) + int(data[i+3])
		answer[0] += answer[1] >> 16
		answer[1] = answer[1] & 0xFFFF
		answer[0] = answer[0] & 0xFFFF
	}
	return answer
}

// stockAssembleTables is assembleTables as fpdf v0.12.0 writes it.
func stockAssembleTables(utf *utf8FontFile) []byte {
	answer := make([]byte, 0)
	tablesCount := len(utf.outTablesData)
	findSize := 1
	writer := 0
	for findSize*2 <= tablesCount {
		findSize = findSize * 2
		writer = writer + 1
	}
	findSize = findSize * 16
	rOffset := tablesCount*16 - findSize

	answer = append(answer, packHeader(0x00010000, tablesCount, findSize, writer, rOffset)...)

	tables := make(map[string][]byte, len(utf.outTablesData))
	for k, v := range utf.outTablesData {
		tables[k] = make([]byte, len(v))
		copy(tables[k], v)
	}
	tablesNames := keySortStrings(tables)

	offset := 12 + tablesCount*16
	begin := 0

	for _, name := range tablesNames {
		if name == "head" {
			begin = offset
		}
		answer = append(answer, []byte(name)...)
		checksum := stockChecksum(tables[name])
		answer = append(answer, pack2Uint16(checksum[0], checksum[1])...)
		answer = append(answer, pack2Uint32(offset, len(tables[name]))...)
		paddedLength := (len(tables[name]) + 3) &^ 3
		offset = offset + paddedLength
	}

	for _, key := range tablesNames {
		data := append([]byte{}, tables[key]...)
		data = append(data, []byte{0, 0, 0}...)
		answer = append(answer, data[:(len(data)&^3)]...)
	}

	checksum := stockChecksum([]byte(answer))
	checksum = utf.calcInt32([]int{0xB1B0, 0xAFBA}, checksum)
	answer = utf.splice(answer, (begin + 8), pack2Uint16(checksum[0], checksum[1]))
	return answer
}

func TestChecksumIsStockChecksum(t *testing.T) {
	data := make([]byte, 103)
	for i := range data {
		data[i] = byte(255 - i*37) // carries from the low half to the high
	}
	var u utf8FontFile
	for n := range len(data) + 1 {
		got, want := u.generateChecksum(data[:n:n]), stockChecksum(data[:n:n])
		if !slices.Equal(got, want) {
			t.Errorf("checksum of %d bytes = %v, stock fpdf gives %v", n, got, want)
		}
	}
}

func TestCutFontAssemblyIsStock(t *testing.T) {
	for _, f := range testFonts {
		// Tables whose length is not a multiple of 4 are followed by
		// padding; here it is not zero, so that a checksum that pads a
		// table in place would show as a change to the font.
		ttf := bytes.Clone(f.ttf)
		dir := newUTF8Font(&fileReader{array: ttf})
		dir.skip(4)
		dir.generateTableDescriptions()
		for _, td := range dir.tableDescriptions {
			for p := td.position + td.size; p%4 != 0; p++ {
				ttf[p] = 0xAB
			}
		}
		orig := bytes.Clone(ttf)
		for name, s := range cutRuneSets {
			u := newUTF8Font(&fileReader{array: ttf})
			got := u.GenerateCutFont(usedRunes(s))
			if want := stockAssembleTables(u); !bytes.Equal(got, want) {
				t.Errorf("%s %s: subset (%d bytes) differs from stock fpdf's assembly of its tables (%d bytes)", f.key, name, len(got), len(want))
			}
		}
		if !bytes.Equal(ttf, orig) {
			t.Errorf("%s: writing subsets changed the font's bytes", f.key)
		}
	}
}

// TestCIDToGIDMapsPerFont checks that each UTF-8 font's CIDToGIDMap maps
// its own characters and no other font's (putfonts reuses the map's buffer),
// and ends at the highest of them.
func TestCIDToGIDMapsPerFont(t *testing.T) {
	texts := map[string]string{"": "abc", "B": "xyz", "I": "é1"}
	pdf := New("P", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.AddPage()
	for _, f := range testFonts {
		style := f.key[len("liberationsans"):]
		pdf.AddUTF8FontFromBytes("LiberationSans", style, f.ttf)
		pdf.SetFont("LiberationSans", style, 12)
		pdf.Text(10, 10, texts[style])
	}
	var out bytes.Buffer
	if err := pdf.Output(&out); err != nil {
		t.Fatal(err)
	}
	doc := out.Bytes()
	var got []string
	for _, m := range regexp.MustCompile(`/CIDToGIDMap (\d+) 0 R`).FindAllSubmatch(doc, -1) {
		obj := regexp.MustCompile(`\n` + string(m[1]) + ` 0 obj\n<</Length (\d+)/Filter /FlateDecode>>\nstream\n`).FindSubmatchIndex(doc)
		if obj == nil {
			t.Fatalf("no CIDToGIDMap object %s", m[1])
		}
		n, _ := strconv.Atoi(string(doc[obj[2]:obj[3]]))
		zr, err := zlib.NewReader(bytes.NewReader(doc[obj[1] : obj[1]+n]))
		if err != nil {
			t.Fatal(err)
		}
		cidMap, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		// The map ends at the highest character the font prints.
		if len(cidMap)%2 != 0 || len(cidMap) < 4 || cidMap[len(cidMap)-2]|cidMap[len(cidMap)-1] == 0 {
			t.Errorf("CIDToGIDMap %s: %d bytes, its last entry %v: not ending at the highest character used", m[1], len(cidMap), cidMap[max(0, len(cidMap)-2):])
		}
		var mapped []rune
		for cid := 0; cid+1 < len(cidMap); cid += 2 {
			if cidMap[cid] != 0 || cidMap[cid+1] != 0 {
				mapped = append(mapped, rune(cid/2))
			}
		}
		got = append(got, string(mapped))
	}
	slices.Sort(got)
	if want := []string{"1é", "abc", "xyz"}; !slices.Equal(got, want) {
		t.Errorf("the fonts' CIDToGIDMaps map %q, want %q", got, want)
	}
}
