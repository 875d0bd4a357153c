package pdf

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// TestPngUp checks the word-at-a-time PNG Up filter against the filter
// written a byte at a time, on rows of every width from 1 to 40 holding
// bytes of every value, rows that repeat the one above in part, and rows
// that hold zero bytes.
func TestPngUp(t *testing.T) {
	ref := func(raw []byte, cols int) []byte {
		var dst []byte
		for r := 0; r+cols <= len(raw); r += cols {
			row := raw[r : r+cols]
			up := make([]byte, cols)
			same := 0
			for i := range row {
				var p byte
				if r > 0 {
					p = raw[r-cols+i]
				}
				up[i] = row[i] - p
				if r > 0 && up[i] == 0 {
					same++
				}
			}
			if same > cols/2 {
				dst = append(append(dst, 2), up...)
			} else {
				dst = append(append(dst, 0), row...)
			}
		}
		return dst
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for cols := 1; cols <= 40; cols++ {
		raw := make([]byte, cols*30)
		for i := range raw {
			switch {
			case i >= cols && rng.IntN(4) > 0:
				raw[i] = raw[i-cols] // mostly like the row above
			case rng.IntN(8) == 0:
				raw[i] = 0
			default:
				raw[i] = byte(rng.Uint32())
			}
		}
		want := ref(raw, cols)
		if got := pngUp([]byte("keep"), raw, cols); !bytes.Equal(got[4:], want) || string(got[:4]) != "keep" {
			t.Fatalf("cols %d: pngUp differs from the byte-at-a-time filter", cols)
		}
	}
}
