package pack

import (
	"bytes"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// The stamp must be drawn in the page's default graphics state, whatever
// the page's own content leaves behind. The usual "q <content> Q <stamp>"
// fails on content with more Q than q (some producers write them): the
// extra Q pops our q, and our own Q then has nothing to pop, which makes
// poppler abandon the rest of the page, stamp included. So the content is
// scanned first and wrapped in exactly as many q and Q as it needs.

// stateBalance is what a content stream does to the graphics-state stack.
type stateBalance struct {
	excess int  // Q with nothing of the content's own to pop
	open   int  // q still open at the end
	inText bool // ends inside BT ... ET
}

// pageBalance scans the page's content streams, concatenated as readers
// do. Streams it cannot decode count as balanced.
func (s *source) pageBalance(p page) stateBalance {
	var parts [][]byte
	add := func(o types.Object) {
		sd, ok := s.resolve(o).(types.StreamDict)
		if !ok {
			return
		}
		if err := sd.DecodeWithLimit(256 << 20); err != nil {
			return
		}
		parts = append(parts, sd.Content)
	}
	switch c := s.resolve(p.dict["Contents"]).(type) {
	case types.StreamDict:
		add(p.dict["Contents"])
	case types.Array:
		for _, e := range c {
			add(e)
		}
	}
	return scanBalance(bytes.Join(parts, []byte{'\n'}))
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// scanBalance tokenises content just enough to find the q, Q, BT and ET
// operators: it skips strings, names, comments and inline image data.
func scanBalance(b []byte) stateBalance {
	var st stateBalance
	depth := 0
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case isSpace(c):
			i++
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case c == '(':
			i = skipString(b, i)
		case c == '<':
			if i+1 < len(b) && b[i+1] == '<' {
				i += 2
			} else {
				for i < len(b) && b[i] != '>' {
					i++
				}
				i++
			}
		case c == '/':
			i++
			for i < len(b) && !isSpace(b[i]) && !isDelim(b[i]) {
				i++
			}
		case isDelim(c):
			i++
		default:
			j := i
			for j < len(b) && !isSpace(b[j]) && !isDelim(b[j]) {
				j++
			}
			switch string(b[i:j]) {
			case "q":
				depth++
			case "Q":
				if depth > 0 {
					depth--
				} else {
					st.excess++
				}
			case "BT":
				st.inText = true
			case "ET":
				st.inText = false
			case "ID":
				j = skipInlineImage(b, j)
			}
			i = j
		}
	}
	st.open = depth
	return st
}

// skipString returns the index after the literal string starting at i.
func skipString(b []byte, i int) int {
	nest := 0
	for ; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '(':
			nest++
		case ')':
			nest--
			if nest == 0 {
				return i + 1
			}
		}
	}
	return i
}

// skipInlineImage returns the index after the EI ending the inline image
// data that starts after the ID operator at i: an "EI" between white space
// followed by text that looks like content, as readers guess it.
func skipInlineImage(b []byte, i int) int {
	for k := i + 1; k+1 < len(b); k++ {
		if b[k] != 'E' || b[k+1] != 'I' || !isSpace(b[k-1]) {
			continue
		}
		end := k + 2
		if end < len(b) && !isSpace(b[end]) {
			continue
		}
		if looksLikeContent(b[end:min(len(b), end+32)]) {
			return end
		}
	}
	return len(b)
}

func looksLikeContent(b []byte) bool {
	for _, c := range b {
		if c > 0x7e || (c < 0x20 && !isSpace(c)) {
			return false
		}
	}
	return true
}
