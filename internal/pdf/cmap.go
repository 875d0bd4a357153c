package pdf

// cmapGlyphs fills glyph[r], for every BMP rune r (len(glyph) must be
// 0x10000), with the glyph index golang/freetype's (*truetype.Font).Index
// returns for r in the TrueType font ttf, by walking the segments of the
// font's cmap once instead of searching them 65,536 times.
//
// It reads the subtable freetype's parseCmap reads (the first Unicode BMP or
// full-repertoire encoding, else the last Microsoft symbol, UCS-2 or UCS-4
// one) and follows freetype's reading of it, including where that departs
// from the specification (a glyph ID read from glyphIdArray is not offset
// by idDelta). It reports false, leaving glyph unspecified, when the font is
// anything it does not read: not a single TrueType font, a subtable other
// than format 4, segments not in strictly increasing order (where a
// binary search and a walk could disagree), or offsets outside the table.
func cmapGlyphs(ttf []byte, glyph []uint16) bool {
	if len(glyph) != 0x10000 {
		return false
	}
	cmap, ok := sfntTable(ttf, "cmap")
	if !ok || len(cmap) < 4 {
		return false
	}
	n := int(be16(cmap, 2))
	if len(cmap) < 4+8*n {
		return false
	}
	best := -1
records:
	for i := range n {
		rec := 4 + 8*i
		switch be32(cmap, rec) {
		case 0x00000003, 0x00000004: // Unicode BMP, Unicode full repertoire
			best = rec
			break records
		case 0x00030000, 0x00030001, 0x0003000a: // Microsoft symbol, UCS-2, UCS-4
			best = rec
		}
	}
	if best < 0 {
		return false
	}
	off := int64(be32(cmap, best+4))
	if off <= 0 || off+14 > int64(len(cmap)) {
		return false
	}
	sub := cmap[off:]
	if be16(sub, 0) != 4 || be16(sub, 4) != 0 {
		return false
	}
	segX2 := int(be16(sub, 6))
	if segX2%2 != 0 {
		return false
	}
	seg := segX2 / 2
	ends := 14
	starts := ends + segX2 + 2
	deltas := starts + segX2
	rangeOffs := deltas + segX2
	indexes := rangeOffs + segX2
	if indexes > len(sub) {
		return false
	}
	ids := sub[indexes:]
	clear(glyph)
	prevEnd := -1
	for i := range seg {
		end := int(be16(sub, ends+2*i))
		start := int(be16(sub, starts+2*i))
		delta := be16(sub, deltas+2*i)
		ro := int(be16(sub, rangeOffs+2*i))
		if start <= prevEnd || end < start {
			return false
		}
		prevEnd = end
		if ro == 0 {
			for c := start; c <= end; c++ {
				glyph[c] = uint16(c) + delta
			}
			continue
		}
		for c := start; c <= end; c++ {
			at := ro + 2*(i-seg+c-start)
			if at < 0 || at+2 > len(ids) {
				return false
			}
			glyph[c] = be16(ids, at)
		}
	}
	return true
}

// sfntTable returns the table tagged tag of the TrueType font ttf (the last
// one, as freetype keeps, if the directory names it twice).
func sfntTable(ttf []byte, tag string) ([]byte, bool) {
	if len(ttf) < 12 || be32(ttf, 0) != 0x00010000 {
		return nil, false
	}
	n := int(be16(ttf, 4))
	if len(ttf) < 12+16*n {
		return nil, false
	}
	var table []byte
	found := false
	for i := range n {
		rec := ttf[12+16*i : 12+16*i+16]
		if string(rec[:4]) != tag {
			continue
		}
		off, length := uint64(be32(rec, 8)), uint64(be32(rec, 12))
		if off+length > uint64(len(ttf)) {
			return nil, false
		}
		table, found = ttf[off:off+length], true
	}
	return table, found
}

func be16(b []byte, i int) uint16 { return uint16(b[i])<<8 | uint16(b[i+1]) }

func be32(b []byte, i int) uint32 {
	return uint32(b[i])<<24 | uint32(b[i+1])<<16 | uint32(b[i+2])<<8 | uint32(b[i+3])
}
