package pdf

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/boardpack/boardpack/internal/fonts"
)

// TestWordsAsBefore checks that words, which cuts every word's pieces from
// one slice, splits random styled runs (spaces, blank lines, a word across
// runs of one or two styles) into the words the one-slice-per-word version
// below made, and that a word's pieces do not change when later words are
// made.
func TestWordsAsBefore(t *testing.T) {
	m, err := loadMetrics()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 8))
	parts := []string{"Safeguarding", "a", "RAG", "é", "  ", " ", "\n", "\n\n", "x-y", "99%"}
	for range 3000 {
		runs := make([]styledText, 1+r.IntN(5))
		for i := range runs {
			var sb strings.Builder
			for range r.IntN(6) {
				sb.WriteString(parts[r.IntN(len(parts))])
			}
			runs[i] = styledText{s: sb.String(), st: fonts.Styles[r.IntN(2)]}
		}
		got := m.words(runs, 10)
		want := refWords(m, runs, 10)
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("words(%+v):\n got %+v\nwant %+v", runs, got, want)
		}
	}
}

// refWords is words as it was before its pieces shared one slice.
func refWords(m *metrics, runs []styledText, size float64) []word {
	var out []word
	var cur word
	inWord := false
	pendingSpace := 0.0
	pendingBreak := false
	endWord := func() {
		if inWord {
			out = append(out, cur)
			cur = word{}
			inWord = false
		}
	}
	for _, run := range runs {
		s := run.s
		i := 0
		for i < len(s) {
			c := s[i]
			if c == ' ' || c == '\n' {
				endWord()
				if c == '\n' {
					if pendingBreak {
						// an empty line: emit an empty word carrying the break
						out = append(out, word{brk: true})
					}
					pendingBreak = true
					pendingSpace = 0
				} else if pendingSpace == 0 {
					pendingSpace = m.runeWidth(' ', run.st, size)
				}
				i++
				continue
			}
			j := i
			for j < len(s) && s[j] != ' ' && s[j] != '\n' {
				j++
			}
			txt := s[i:j]
			if !inWord {
				cur = word{spaceW: pendingSpace, brk: pendingBreak}
				pendingSpace, pendingBreak = 0, false
				inWord = true
			}
			w := m.textWidth(txt, run.st, size)
			if n := len(cur.pieces); n > 0 && cur.pieces[n-1].st == run.st {
				cur.pieces[n-1].s += txt
				cur.pieces[n-1].w += w
			} else {
				cur.pieces = append(cur.pieces, piece{st: run.st, s: txt, w: w})
			}
			cur.w += w
			i = j
		}
	}
	endWord()
	if pendingBreak {
		out = append(out, word{brk: true})
	}
	return out
}
