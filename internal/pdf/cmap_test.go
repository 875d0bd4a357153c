package pdf

import (
	"encoding/binary"
	"testing"

	"github.com/golang/freetype/truetype"

	"github.com/boardpack/boardpack/internal/fonts"
)

// TestCmapGlyphsMatchesFreetype checks that the cmap walk gives, for every
// BMP rune of each embedded font, the glyph index freetype's Index gives:
// loadMetrics decides from it which runes every style can draw.
func TestCmapGlyphsMatchesFreetype(t *testing.T) {
	glyph := make([]uint16, 0x10000)
	for _, st := range fonts.Styles {
		tt, err := fonts.Truetype(st)
		if err != nil {
			t.Fatal(err)
		}
		if !cmapGlyphs(fonts.TTF(st), glyph) {
			t.Fatalf("style %d: cmapGlyphs does not read the embedded font (loadMetrics would fall back to 65,536 Index calls)", st)
		}
		bad, mapped := 0, 0
		for r := range glyph {
			want := uint16(tt.Index(rune(r)))
			if want != 0 {
				mapped++
			}
			if glyph[r] != want {
				if bad < 5 {
					t.Errorf("style %d: U+%04X: cmapGlyphs gives glyph %d, freetype %d", st, r, glyph[r], want)
				}
				bad++
			}
		}
		if bad > 0 {
			t.Errorf("style %d: %d of 65,536 runes differ", st, bad)
		}
		if mapped < 1000 {
			t.Errorf("style %d: only %d runes have a glyph; the comparison covers too little", st, mapped)
		}
	}
}

// TestCmapGlyphsRejectsWhatItCannotRead checks that a damaged font makes
// cmapGlyphs report false (loadMetrics then asks freetype), not panic or
// fill the table with guesses.
func TestCmapGlyphsRejectsWhatItCannotRead(t *testing.T) {
	ttf := fonts.TTF(fonts.Regular)
	glyph := make([]uint16, 0x10000)
	cases := map[string][]byte{
		"empty":          nil,
		"header only":    ttf[:12],
		"no tables":      ttf[:12+16*(int(ttf[4])<<8|int(ttf[5]))],
		"not a TrueType": append([]byte("OTTO"), ttf[4:]...),
	}
	unsorted, _ := cmapFormat4([]cmapRun{{start: 0x41, glyphs: []uint16{5, 6}}, {start: 0x30, glyphs: []uint16{7}}})
	cases["segments out of order"] = withCmap(t, ttf, cmapTable([]uint32{0x00000003}, [][]byte{unsorted}))
	overlapping, _ := cmapFormat4([]cmapRun{{start: 0x41, glyphs: []uint16{5, 6}}, {start: 0x42, glyphs: []uint16{7}}})
	cases["segments overlapping"] = withCmap(t, ttf, cmapTable([]uint32{0x00000003}, [][]byte{overlapping}))
	for name, b := range cases {
		if cmapGlyphs(b, glyph) {
			t.Errorf("%s: cmapGlyphs reports success", name)
		}
	}
	if cmapGlyphs(ttf, glyph[:100]) {
		t.Error("a table shorter than the BMP: cmapGlyphs reports success")
	}
}

// TestCmapGlyphsIdRangeOffset checks the parts of cmapGlyphs the embedded
// fonts do not use (their cmap maps every segment by idDelta and names one
// subtable twice): an embedded font is given a new cmap whose segments
// alternate between idDelta and glyphIdArray, behind a Microsoft subtable
// with other glyphs that freetype must pass over for the Unicode one.
func TestCmapGlyphsIdRangeOffset(t *testing.T) {
	orig, err := fonts.Truetype(fonts.Regular)
	if err != nil {
		t.Fatal(err)
	}
	var runs []cmapRun
	for r := 0; r < 0xFFFF; r++ {
		g := uint16(orig.Index(rune(r)))
		if g == 0 {
			continue
		}
		if n := len(runs); n > 0 && runs[n-1].start+len(runs[n-1].glyphs) == r {
			runs[n-1].glyphs = append(runs[n-1].glyphs, g)
			continue
		}
		runs = append(runs, cmapRun{start: r, glyphs: []uint16{g}})
	}
	shifted := make([]cmapRun, len(runs))
	for i, run := range runs {
		shifted[i] = cmapRun{start: run.start}
		for _, g := range run.glyphs {
			shifted[i].glyphs = append(shifted[i].glyphs, g+1)
		}
	}
	unicode, arrays := cmapFormat4(runs)
	if arrays == 0 {
		t.Fatal("the synthetic cmap has no glyphIdArray segment")
	}
	microsoft, _ := cmapFormat4(shifted)
	ttf := withCmap(t, fonts.TTF(fonts.Regular), cmapTable(
		[]uint32{0x00030001, 0x00000003, 0x00030000},
		[][]byte{microsoft, unicode, microsoft},
	))
	tt, err := truetype.Parse(ttf)
	if err != nil {
		t.Fatalf("freetype does not read the synthetic font: %v", err)
	}
	glyph := make([]uint16, 0x10000)
	if !cmapGlyphs(ttf, glyph) {
		t.Fatal("cmapGlyphs does not read the synthetic font")
	}
	bad := 0
	for r := range glyph {
		want := uint16(tt.Index(rune(r)))
		if glyph[r] != want {
			if bad < 5 {
				t.Errorf("U+%04X: cmapGlyphs gives glyph %d, freetype %d", r, glyph[r], want)
			}
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("%d of 65,536 runes differ", bad)
	}
}

// cmapRun is a run of consecutive runes from start and their glyphs.
type cmapRun struct {
	start  int
	glyphs []uint16
}

// cmapFormat4 encodes runs as a format 4 cmap subtable, every other run
// whose glyphs allow it by idDelta, the rest through glyphIdArray (with an
// idDelta that is not 0), and the closing 0xFFFF segment. It returns how many segments use glyphIdArray.
func cmapFormat4(runs []cmapRun) ([]byte, int) {
	seg := len(runs) + 1
	ends := make([]uint16, 0, seg)
	starts := make([]uint16, 0, seg)
	deltas := make([]uint16, 0, seg)
	offs := make([]uint16, 0, seg)
	var ids []uint16
	arrays := 0
	for i, run := range runs {
		constant := true
		for k, g := range run.glyphs {
			if g-uint16(run.start+k) != run.glyphs[0]-uint16(run.start) {
				constant = false
			}
		}
		starts = append(starts, uint16(run.start))
		ends = append(ends, uint16(run.start+len(run.glyphs)-1))
		if constant && i%2 == 0 {
			deltas = append(deltas, run.glyphs[0]-uint16(run.start))
			offs = append(offs, 0)
			continue
		}
		deltas = append(deltas, uint16(i+1)) // freetype, unlike the specification, ignores it
		offs = append(offs, uint16(2*(seg-i)+2*len(ids)))
		ids = append(ids, run.glyphs...)
		arrays++
	}
	starts, ends, deltas, offs = append(starts, 0xFFFF), append(ends, 0xFFFF), append(deltas, 1), append(offs, 0)
	var b []byte
	put := func(v ...uint16) {
		for _, x := range v {
			b = append(b, byte(x>>8), byte(x))
		}
	}
	put(4, 0, 0, uint16(2*seg), 0, 0, 0)
	put(ends...)
	put(0)
	put(starts...)
	put(deltas...)
	put(offs...)
	put(ids...)
	b[2], b[3] = byte(len(b)>>8), byte(len(b))
	return b, arrays
}

// cmapTable is a cmap table with one encoding record per subtable.
func cmapTable(encodings []uint32, subtables [][]byte) []byte {
	b := []byte{0, 0, 0, byte(len(encodings))}
	off := 4 + 8*len(encodings)
	for i, enc := range encodings {
		b = binary.BigEndian.AppendUint32(b, enc)
		b = binary.BigEndian.AppendUint32(b, uint32(off))
		off += len(subtables[i])
	}
	for _, s := range subtables {
		b = append(b, s...)
	}
	return b
}

// withCmap returns a copy of ttf whose table directory points its cmap
// entry at cmap, appended to the font.
func withCmap(t *testing.T, ttf, cmap []byte) []byte {
	t.Helper()
	out := append([]byte(nil), ttf...)
	for len(out)%4 != 0 {
		out = append(out, 0)
	}
	at := len(out)
	out = append(out, cmap...)
	n := int(binary.BigEndian.Uint16(out[4:]))
	for i := range n {
		rec := out[12+16*i:]
		if string(rec[:4]) == "cmap" {
			binary.BigEndian.PutUint32(rec[8:], uint32(at))
			binary.BigEndian.PutUint32(rec[12:], uint32(len(cmap)))
			return out
		}
	}
	t.Fatal("the font has no cmap table")
	return nil
}
