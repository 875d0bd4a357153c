package pdf

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"

	"github.com/boardpack/boardpack/internal/fonts"
)

// metrics holds, for each registered style, the advance width of every BMP
// rune in 1/1000 em exactly as fpdf computes it (so our layout and the
// viewer's glyph placement agree), and which runes every style can draw.
type metrics struct {
	width [3][]uint16
	// drawable[r] is true when all three styles have a glyph for r.
	drawable []bool
	// repl is the rune used in place of anything we cannot draw.
	repl rune
}

var (
	metricsOnce sync.Once
	metricsVal  *metrics
	metricsErr  error
)

// loadMetrics builds the width tables once per process from a scratch fpdf
// instance and the parsed TrueType fonts.
func loadMetrics() (*metrics, error) {
	metricsOnce.Do(func() {
		m := &metrics{drawable: make([]bool, 0x10000)}
		f := fpdf.New("P", "mm", "A4", "")
		for _, st := range fonts.Styles {
			f.AddUTF8FontFromBytes(fonts.Family, st.FpdfStyle(), fonts.TTF(st))
		}
		if err := f.Error(); err != nil {
			metricsErr = err
			return
		}
		for i := range m.drawable {
			m.drawable[i] = true
		}
		var buf [4]byte
		glyph := make([]uint16, 0x10000)
		for _, st := range fonts.Styles {
			tt, err := fonts.Truetype(st)
			if err != nil {
				metricsErr = err
				return
			}
			if !cmapGlyphs(fonts.TTF(st), glyph) {
				for r := range glyph {
					glyph[r] = uint16(tt.Index(rune(r)))
				}
			}
			f.SetFont(fonts.Family, st.FpdfStyle(), 10)
			if err := f.Error(); err != nil {
				metricsErr = err
				return
			}
			w := make([]uint16, 0x10000)
			for r := rune(0); r < 0x10000; r++ {
				if glyph[r] == 0 {
					m.drawable[r] = false
					continue
				}
				if r >= 0xD800 && r <= 0xDFFF {
					m.drawable[r] = false
					continue
				}
				n := utf8.EncodeRune(buf[:], r)
				sw := f.GetStringSymbolWidth(string(buf[:n]))
				if sw < 0 {
					sw = 0
				}
				if sw > 0xFFFF {
					sw = 0xFFFF
				}
				w[r] = uint16(sw)
			}
			m.width[st] = w
		}
		// Controls are never drawn; spaces always are (they are measured).
		for r := 0; r < 0x20; r++ {
			m.drawable[r] = false
		}
		m.drawable[0x7F] = false
		m.repl = '?'
		if m.drawable[0xFFFD] {
			m.repl = 0xFFFD
		}
		metricsVal = m
	})
	return metricsVal, metricsErr
}

// ptToMM converts a size in points to millimetres.
const ptToMM = 25.4 / 72

// textWidth returns the width in millimetres of s (already clean) in style
// st at size pt.
func (m *metrics) textWidth(s string, st fonts.Style, size float64) float64 {
	tab := m.width[st]
	sum := 0
	for _, r := range s {
		if r >= 0 && int(r) < len(tab) {
			sum += int(tab[r])
		}
	}
	return float64(sum) * size / 1000 * ptToMM
}

func (m *metrics) runeWidth(r rune, st fonts.Style, size float64) float64 {
	tab := m.width[st]
	if r < 0 || int(r) >= len(tab) {
		return 0
	}
	return float64(tab[r]) * size / 1000 * ptToMM
}

// clean makes s safe to give to fpdf: valid UTF-8, only BMP runes that every
// registered style can draw, no control or format characters. Tabs and other
// spaces become ASCII spaces. When keepNL is true, line breaks (\n, \r\n,
// \r, U+2028, U+2029) become '\n'; otherwise they become spaces.
func (m *metrics) clean(s string, keepNL bool) string {
	// Fast path: printable ASCII needs no work.
	ok := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7F {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	nl := byte(' ')
	if keepNL {
		nl = '\n'
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(m.repl)
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				i++
			}
			b.WriteByte(nl)
		case r == '\n' || r == 0x2028 || r == 0x2029 || r == 0x85:
			b.WriteByte(nl)
		case r == '\t' || r == '\v' || r == '\f':
			b.WriteByte(' ')
		case r < 0x20 || (r >= 0x7F && r < 0xA0):
			// other C0/C1 controls: dropped
		case r == 0xA0 || r == 0x202F:
			b.WriteRune(0xA0) // keep non-breaking
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		case unicode.Is(unicode.Cf, r):
			// soft hyphen, zero-width and bidi controls, BOM: dropped
		case r > 0xFFFF:
			b.WriteRune(m.repl)
		case !m.drawable[r]:
			b.WriteRune(m.repl)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// line is one laid-out line of text: fragments positioned from its left edge.
type line struct {
	frags []frag
	w     float64
	// midWord is true when the line ends inside a word too long for the
	// line (it continues on the next line without a space).
	midWord bool
}

type frag struct {
	x  float64
	st fonts.Style
	s  string
}

// piece is a run of text in one style inside a word.
type piece struct {
	st fonts.Style
	s  string
	w  float64
}

type word struct {
	pieces []piece
	w      float64
	// spaceW is the width of the space before this word (0 at the start of
	// a line or after a forced break).
	spaceW float64
	// brk is true when a forced line break precedes the word.
	brk bool
}

// styledText is a run of clean text in one style, the input of wrap.
type styledText struct {
	s  string
	st fonts.Style
}

// wrap breaks runs into lines no wider than maxW millimetres at size pt.
// Words are separated by spaces; a word wider than the line is broken
// between characters. Runs of spaces collapse to one. Newlines force a break.
func (m *metrics) wrap(runs []styledText, size, maxW float64) []line {
	if maxW < 1 {
		maxW = 1
	}
	words := m.words(runs, size)
	var lines []line
	var cur line
	curHasWord := false
	flush := func() {
		lines = append(lines, cur)
		cur = line{}
		curHasWord = false
	}
	for i := range words {
		wd := &words[i]
		if wd.brk {
			flush()
		}
		if len(wd.pieces) == 0 {
			continue
		}
		gap := wd.spaceW
		if !curHasWord {
			gap = 0
		}
		if curHasWord && cur.w+gap+wd.w > maxW+1e-9 {
			flush()
			gap = 0
		}
		if !curHasWord && wd.w > maxW+1e-9 {
			// Break the word between characters.
			m.breakWord(wd, size, maxW, &cur, &lines)
			curHasWord = len(cur.frags) > 0
			continue
		}
		x := cur.w + gap
		for _, p := range wd.pieces {
			cur.addFrag(x, p.st, p.s, gap > 0 && x == cur.w+gap)
			x += p.w
		}
		cur.w = x
		curHasWord = true
	}
	if curHasWord || len(lines) == 0 || len(cur.frags) > 0 {
		lines = append(lines, cur)
	}
	// A trailing empty line produced by a final newline is dropped.
	for len(lines) > 1 && len(lines[len(lines)-1].frags) == 0 {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// addFrag appends text at x; when the previous fragment has the same style
// it is merged (with a space when withSpace) so a plain line is one string.
func (l *line) addFrag(x float64, st fonts.Style, s string, withSpace bool) {
	if n := len(l.frags); n > 0 && l.frags[n-1].st == st {
		if withSpace {
			l.frags[n-1].s += " " + s
		} else {
			l.frags[n-1].s += s
		}
		return
	} else if n > 0 && withSpace {
		// The space between two styles ends the previous fragment, so
		// that extracted text keeps it.
		l.frags[n-1].s += " "
	}
	l.frags = append(l.frags, frag{x: x, st: st, s: s})
}

// breakWord places a too-long word over as many lines as it needs. The
// last (partial) line stays in cur so following words can join it.
func (m *metrics) breakWord(wd *word, size, maxW float64, cur *line, lines *[]line) {
	x := 0.0
	for _, p := range wd.pieces {
		start := 0
		px := x
		for i, r := range p.s {
			rw := m.runeWidth(r, p.st, size)
			if x+rw > maxW+1e-9 && x > 0 {
				if i > start {
					cur.addFrag(px, p.st, p.s[start:i], false)
				}
				cur.w = x
				cur.midWord = true
				*lines = append(*lines, *cur)
				*cur = line{}
				x, px, start = 0, 0, i
			}
			x += rw
		}
		if start < len(p.s) {
			cur.addFrag(px, p.st, p.s[start:], false)
		}
	}
	cur.w = x
}

// words splits runs into words. Spaces between words are measured in the
// style of the space itself.
func (m *metrics) words(runs []styledText, size float64) []word {
	// A word ends at a space or newline or at the end, and an empty word
	// stands for each newline: so at most seps+2 words, and at most one
	// piece more per run. The words' pieces are cut from one slice.
	seps := 0
	for _, run := range runs {
		seps += strings.Count(run.s, " ") + strings.Count(run.s, "\n")
	}
	out := make([]word, 0, seps+2)
	all := make([]piece, 0, seps+len(runs)+1)
	first := 0 // cur's first piece in all
	var cur word
	inWord := false
	pendingSpace := 0.0
	pendingBreak := false
	endWord := func() {
		if inWord {
			cur.pieces = all[first:len(all):len(all)]
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
				first = len(all)
			}
			w := m.textWidth(txt, run.st, size)
			if n := len(all); n > first && all[n-1].st == run.st {
				all[n-1].s += txt
				all[n-1].w += w
			} else {
				all = append(all, piece{st: run.st, s: txt, w: w})
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

// fit shortens single-line clean text s with an ellipsis so that it is no
// wider than maxW.
func (m *metrics) fit(s string, st fonts.Style, size, maxW float64) string {
	if m.textWidth(s, st, size) <= maxW {
		return s
	}
	ell := "…"
	if !m.drawable['…'] {
		ell = "..."
	}
	avail := maxW - m.textWidth(ell, st, size)
	x := 0.0
	for i, r := range s {
		x += m.runeWidth(r, st, size)
		if x > avail {
			return strings.TrimRight(s[:i], " ") + ell
		}
	}
	return s
}

// spanStyle maps a span's emphasis to a registered style. There is no bold
// italic face, so bold wins.
func spanStyle(bold, italic bool) fonts.Style {
	switch {
	case bold:
		return fonts.Bold
	case italic:
		return fonts.Italic
	}
	return fonts.Regular
}
