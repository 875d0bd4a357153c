package html

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// narrowSafe are the properties a width-dependent rule may set: sizes and
// spacing, which cannot change a colour or show text that is hidden at
// 1280 px.
var narrowSafe = []string{
	"font-size", "line-height", "grid-template-columns", "gap",
	"padding", "padding-left", "padding-right", "padding-top", "padding-bottom",
	"margin", "margin-left", "margin-right", "margin-top", "margin-bottom",
	"width", "max-width", "min-width",
}

// TestNarrowRulesKeepColours: the page's colours are the same at every
// width, so scripts/axe/check.js may check colour contrast at 1280 px only
// (its ONCE_AT_DESKTOP). Every @-rule of the stylesheet is @media print,
// or a @media whose rules set only sizes and spacing; nothing else
// (@container, @supports) can make a colour depend on the window.
func TestNarrowRulesKeepColours(t *testing.T) {
	page, err := Render(testDocument(t))
	if err != nil {
		t.Fatal(err)
	}
	css, ok := between(string(page), "<style>", "</style>")
	if !ok {
		t.Fatal("the page has no <style>")
	}
	for _, p := range narrowProblems(css) {
		t.Error(p)
	}
}

// narrowProblems lists the stylesheet's @-rules, other than @media print,
// that could make a colour depend on the window's width.
func narrowProblems(css string) []string {
	var out []string
	for i := 0; i < len(css); i++ {
		switch css[i] {
		case '"', '\'':
			i = skipString(css, i)
		case '{':
			i = blockEnd(css, i)
		case '@':
			open := strings.IndexByte(css[i:], '{')
			if open < 0 {
				return append(out, fmt.Sprintf("an @-rule without a block at byte %d", i))
			}
			rule := strings.TrimSpace(css[i : i+open])
			end := blockEnd(css, i+open)
			body := css[i+open+1 : end]
			i = end
			switch {
			case rule == "@media print":
			case strings.HasPrefix(rule, "@media "):
				for _, d := range declarations(body) {
					if !slices.Contains(narrowSafe, d) {
						out = append(out, fmt.Sprintf("%s sets %s: scripts/axe/check.js checks colour contrast at 1280 px only, so a width-dependent rule may set only sizes and spacing (%s); run color-contrast at every width before allowing %s",
							rule, d, strings.Join(narrowSafe, ", "), d))
					}
				}
			default:
				out = append(out, fmt.Sprintf("%s: not an @-rule this check understands, and it may change colours with the window", rule))
			}
		}
	}
	return out
}

// declarations are the property names set by the rules in a block.
func declarations(block string) []string {
	var out []string
	for {
		open := strings.IndexByte(block, '{')
		if open < 0 {
			return out
		}
		end := blockEnd(block, open)
		for d := range strings.SplitSeq(block[open+1:end], ";") {
			if name, _, ok := strings.Cut(d, ":"); ok {
				out = append(out, strings.TrimSpace(name))
			}
		}
		block = block[end+1:]
	}
}

// blockEnd is the index of the brace that closes the block opening at
// css[open], or the last index if it is never closed.
func blockEnd(css string, open int) int {
	depth := 0
	for i := open; i < len(css); i++ {
		switch css[i] {
		case '"', '\'':
			i = skipString(css, i)
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return len(css) - 1
}

// skipString is the index of the quote that closes the string opening at
// css[i].
func skipString(css string, i int) int {
	q := css[i]
	for i++; i < len(css) && css[i] != q; i++ {
		if css[i] == '\\' {
			i++
		}
	}
	return i
}

func between(s, from, to string) (string, bool) {
	_, rest, ok := strings.Cut(s, from)
	if !ok {
		return "", false
	}
	in, _, ok := strings.Cut(rest, to)
	return in, ok
}
