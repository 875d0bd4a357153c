// Copyright ©2026 The boardpack Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

// boardpack patch: Text records each rune in the current font's usedRunes
// (which decides what the font subset holds) once per font, remembered in a
// bitset; the map must end as stock fpdf's, which sets the entry for every
// rune of every Text call.

import (
	"maps"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestTextUsedRunesAreStock writes random strings (ASCII, Latin, BMP,
// beyond the BMP, NUL) with Text in the three fonts in turn, so each font
// meets runes another font has already met, and compares each font's
// usedRunes with what stock fpdf's loop makes of the same calls, in two
// documents (fonts parsed once, runes recorded per document).
func TestTextUsedRunesAreStock(t *testing.T) {
	for doc := range 2 { // the second document meets the same runes
		f := New("P", "mm", "A4", "")
		for _, tf := range testFonts {
			f.AddUTF8FontFromBytes(tf.key, "", tf.ttf)
		}
		f.AddPage()
		stock := map[string]map[int]int{}
		for _, tf := range testFonts {
			stock[tf.key] = maps.Clone(f.fonts[strings.ToLower(tf.key)].usedRunes)
		}
		r := rand.New(rand.NewPCG(5, 6))
		pick := []func() rune{
			func() rune { return rune(0x20 + r.IntN(0x5F)) },
			func() rune { return rune(0xA0 + r.IntN(0x180)) },
			func() rune { return rune(0x100 + r.IntN(0xD700)) },
			func() rune { return rune(0x10000 + r.IntN(0x1000)) },
			func() rune { return 0 },
		}
		for i := range 3000 {
			tf := testFonts[i%len(testFonts)]
			f.SetFont(tf.key, "", 10)
			var sb strings.Builder
			for range 1 + r.IntN(12) {
				sb.WriteRune(pick[r.IntN(len(pick))]())
			}
			s := sb.String()
			f.Text(10, 10, s)
			for _, uni := range s {
				stock[tf.key][int(uni)] = int(uni)
			}
		}
		if err := f.Error(); err != nil {
			t.Fatal(err)
		}
		for _, tf := range testFonts {
			got, want := f.fonts[strings.ToLower(tf.key)].usedRunes, stock[tf.key]
			if !maps.Equal(got, want) {
				missing, extra := 0, 0
				for k, v := range want {
					if g, ok := got[k]; !ok || g != v {
						missing++
					}
				}
				for k := range got {
					if _, ok := want[k]; !ok {
						extra++
					}
				}
				t.Errorf("document %d, %s: usedRunes has %d entries, stock fpdf %d (%d missing or different, %d extra)", doc+1, tf.key, len(got), len(want), missing, extra)
			}
		}
	}
}
