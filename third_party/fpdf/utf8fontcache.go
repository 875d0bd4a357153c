// Copyright ©2026 The boardpack Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

// boardpack patch: a process-wide cache of parsed UTF-8 TrueType fonts.
//
// AddUTF8FontFromBytes parsed the whole font (about 400 KB for Liberation
// Sans) and computed its ID as the SHA-1 of a JSON encoding of a 65,536-entry
// width table, for every font of every document: about a third of the CPU
// time of making a short PDF. The parse depends only on the font's bytes and
// the ID only on those and the font key, so both are kept here, keyed by the
// bytes. What a document changes (its used runes, and the utf8FontFile that
// GenerateCutFont re-reads when the subset is written) stays per document.
// The width table and what GenerateCutFont needs of the font's structure
// (fontTables) are shared and only ever read.

import (
	"fmt"
	"sync"
)

type parsedFont struct {
	desc   FontDescType
	up, ut int
	cw     []int // read-only once parsed
	tables fontTables

	mu  sync.Mutex
	ids map[string]string // font key -> generateFontID
}

// fontTables is what GenerateCutFont reads of a font that depends only on
// its bytes; read-only once parsed.
type fontTables struct {
	tables         map[string]*tableDescription // the table directory
	charSymbols    map[int]int                  // the cmap: rune -> glyph
	symbolPosition []int                        // the loca table: glyph -> offset in glyf
}

var utf8Fonts struct {
	sync.Mutex
	m map[string]*parsedFont // by the font file's bytes
}

// parsedUTF8Font returns the parse of a UTF-8 TrueType font, parsing it on
// first use.
func parsedUTF8Font(b []byte) (*parsedFont, error) {
	utf8Fonts.Lock()
	defer utf8Fonts.Unlock()
	if pf, ok := utf8Fonts.m[string(b)]; ok {
		return pf, nil
	}
	utf8File := newUTF8Font(&fileReader{readerPosition: 0, array: b})
	if err := utf8File.parseFile(); err != nil {
		return nil, err
	}
	if utf8File.parseCMAPTable(0) == 0 {
		return nil, fmt.Errorf("font has no cmap for Unicode")
	}
	utf8File.seekTable("head", 50)
	locaFormat := utf8File.readUint16()
	utf8File.seekTable("maxp", 4)
	utf8File.parseLOCATable(locaFormat, utf8File.readUint16())
	pf := &parsedFont{
		tables: fontTables{
			tables:         utf8File.tableDescriptions,
			charSymbols:    utf8File.charSymbolDictionary, // kept by parseTables
			symbolPosition: utf8File.symbolPosition,
		},
		desc: FontDescType{
			Ascent:       int(utf8File.Ascent),
			Descent:      int(utf8File.Descent),
			CapHeight:    utf8File.CapHeight,
			Flags:        utf8File.Flags,
			FontBBox:     utf8File.Bbox,
			ItalicAngle:  utf8File.ItalicAngle,
			StemV:        utf8File.StemV,
			MissingWidth: round(utf8File.DefaultWidth),
		},
		up:  int(round(utf8File.UnderlinePosition)),
		ut:  round(utf8File.UnderlineThickness),
		cw:  utf8File.CharWidths,
		ids: map[string]string{},
	}
	if utf8Fonts.m == nil {
		utf8Fonts.m = map[string]*parsedFont{}
	}
	utf8Fonts.m[string(b)] = pf
	return pf, nil
}

// def returns the font's definition under fontkey, with its ID, and no
// document state (utf8File and usedRunes are for the caller to set).
func (pf *parsedFont) def(fontkey string) fontDefType {
	d := fontDefType{
		Tp:   "UTF8",
		Name: fontkey,
		Desc: pf.desc,
		Up:   pf.up,
		Ut:   pf.ut,
		Cw:   pf.cw,
	}
	pf.mu.Lock()
	defer pf.mu.Unlock()
	id, ok := pf.ids[fontkey]
	if !ok {
		id, _ = generateFontID(d)
		pf.ids[fontkey] = id
	}
	d.i = id
	return d
}
