package html

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/boardpack/boardpack/internal/doc"
)

var (
	white = doc.Colour{R: 255, G: 255, B: 255}
	black = doc.Colour{}
)

// contrast is the WCAG contrast ratio of two colours, from 1 to 21.
func contrast(a, b doc.Colour) float64 { return doc.Contrast(a, b) }

// readableOn is text if it reads on fill at the AA ratio for normal text
// (4.5:1), else black or white, whichever contrasts more (one of them
// always reaches 4.5:1).
func readableOn(fill, text doc.Colour) doc.Colour {
	if contrast(fill, text) >= 4.5 {
		return text
	}
	if contrast(fill, black) >= contrast(fill, white) {
		return black
	}
	return white
}

// clean makes s safe and tidy to write: invalid UTF-8 and non-characters
// become U+FFFD, control characters become spaces, runs of white space
// collapse to one space, and the ends are trimmed.
func clean(s string) string {
	return strings.TrimSpace(cleanKeepSpace(s))
}

// cleanKeepSpace is clean without trimming the ends, for spans of text
// that are joined together.
func cleanKeepSpace(s string) string {
	if isTidy(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(s[i:]); size <= 1 {
				r = utf8.RuneError
			}
		case r == 0xFFFE || r == 0xFFFF:
			r = utf8.RuneError
		case unicode.IsControl(r) || unicode.IsSpace(r):
			r = ' '
		}
		if r == ' ' {
			if space {
				continue
			}
			space = true
		} else {
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isTidy(s string) bool {
	prevSpace := false
	for _, r := range s {
		if r == utf8.RuneError || r == 0xFFFE || r == 0xFFFF || unicode.IsControl(r) || (unicode.IsSpace(r) && r != ' ') {
			return false
		}
		if r == ' ' && prevSpace {
			return false
		}
		prevSpace = r == ' '
	}
	return true
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;")

// esc escapes s for HTML text and attribute values.
func esc(s string) string { return escaper.Replace(s) }

// slug makes an id from a heading: lower-case ASCII letters and digits,
// words joined by hyphens ("Children's services" -> "childrens-services").
func slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		case r == '\'' || r == '’':
		default:
			hyphen = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	return b.String()
}

// validLang reports whether s looks like a BCP 47 tag: letters, digits and
// hyphens, starting with a two- or three-letter language.
func validLang(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts[0]) < 2 || len(parts[0]) > 3 {
		return false
	}
	for i, p := range parts {
		if p == "" || len(p) > 8 {
			return false
		}
		for _, r := range p {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || (i > 0 && r >= '0' && r <= '9')) {
				return false
			}
		}
	}
	return true
}
