package html

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// narrowSafe are the properties a width-dependent rule may set: sizes and
// spacing, which cannot change a colour or show text that is hidden at
// 1280 px (font-size only as narrowFontSize allows, spacing never
// negative, which could move text over another element).
var narrowSafe = []string{
	"font-size", "line-height", "grid-template-columns", "gap",
	"padding", "padding-left", "padding-right", "padding-top", "padding-bottom",
	"margin", "margin-left", "margin-right", "margin-top", "margin-bottom",
	"width", "max-width", "min-width",
}

// viewportUnit is a length that changes with the window; a colour cannot,
// but a font size so given could cross the large-text line unseen.
var viewportUnit = regexp.MustCompile(`\d(vw|vh|vmin|vmax|[sld]v[wh]|cq[whib]|cqmin|cqmax)\b`)

// narrowFontSize reports whether a width-dependent rule may set the
// selectors' font size to value: only at a size that is large text for
// WCAG (3:1 suffices at any width), 1.5rem (18pt), or 14pt (1.1667rem)
// for the headings, which the stylesheet makes bold. A smaller size could
// turn large text into small text at 320 px, where contrast is not
// checked, and raise what it needs to 4.5:1.
func narrowFontSize(selectors, value string) bool {
	rem, ok := strings.CutSuffix(value, "rem")
	size, err := strconv.ParseFloat(rem, 64)
	if !ok || err != nil {
		return false
	}
	if size >= 1.5 {
		return true
	}
	for sel := range strings.SplitSeq(selectors, ",") {
		if !slices.Contains([]string{"h1", "h2", "h3", "h4"}, strings.TrimSpace(sel)) {
			return false
		}
	}
	return size >= 14.0/12
}

// TestNarrowRulesKeepColours: the page's colours are the same at every
// width, so scripts/axe/check.js may check colour contrast at 1280 px only
// (its ONCE_AT_DESKTOP). Every @-rule of the stylesheet is @media print,
// or a @media whose rules set only sizes and spacing (font sizes only at
// large-text sizes, spacing never negative); nothing else (@container,
// @supports, viewport units) can make contrast depend on the window.
func TestNarrowRulesKeepColours(t *testing.T) {
	page, err := Render(testDocument(t))
	if err != nil {
		t.Fatal(err)
	}
	css, ok := between(string(page), "<style>", "</style>")
	if !ok {
		t.Fatal("the page has no <style>")
	}
	if !strings.Contains(css, "h1,h2,h3,h4{font-weight:700") {
		t.Error("the headings are no longer bold: narrowFontSize's 14pt for them no longer holds")
	}
	for _, p := range narrowProblems(css) {
		t.Error(p)
	}
}

// narrowProblems lists what in the stylesheet could make colour contrast
// depend on the window's width: viewport units, and @-rules other than
// @media print that set more than narrowSafe allows.
func narrowProblems(css string) []string {
	var out []string
	if u := viewportUnit.FindString(css); u != "" {
		out = append(out, fmt.Sprintf("a length in viewport units (%s): scripts/axe/check.js checks colour contrast at 1280 px only", u))
	}
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
					switch {
					case !slices.Contains(narrowSafe, d.name):
						out = append(out, fmt.Sprintf("%s sets %s: scripts/axe/check.js checks colour contrast at 1280 px only, so a width-dependent rule may set only sizes and spacing (%s); run color-contrast at every width before allowing %s",
							rule, d.name, strings.Join(narrowSafe, ", "), d.name))
					case d.name == "font-size" && !narrowFontSize(d.selectors, d.value):
						out = append(out, fmt.Sprintf("%s sets %s{font-size:%s}: below large text, where contrast needs 4.5:1 rather than 3:1, and check.js checks contrast at 1280 px only", rule, d.selectors, d.value))
					case (strings.HasPrefix(d.name, "margin") || strings.HasPrefix(d.name, "padding")) && strings.Contains(d.value, "-"):
						out = append(out, fmt.Sprintf("%s sets %s{%s:%s}: negative spacing can move text over another element, and check.js checks contrast at 1280 px only", rule, d.selectors, d.name, d.value))
					}
				}
			default:
				out = append(out, fmt.Sprintf("%s: not an @-rule this check understands, and it may change colours with the window", rule))
			}
		}
	}
	return out
}

// declaration is one property set by a rule.
type declaration struct{ selectors, name, value string }

// declarations are the properties set by the rules in a block.
func declarations(block string) []declaration {
	var out []declaration
	for {
		open := strings.IndexByte(block, '{')
		if open < 0 {
			return out
		}
		end := blockEnd(block, open)
		selectors := strings.TrimSpace(block[:open])
		for d := range strings.SplitSeq(block[open+1:end], ";") {
			if name, value, ok := strings.Cut(d, ":"); ok {
				out = append(out, declaration{selectors, strings.TrimSpace(name), strings.TrimSpace(value)})
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

// between is the text of s between the first from and the to after it.
func between(s, from, to string) (string, bool) {
	_, rest, ok := strings.Cut(s, from)
	if !ok {
		return "", false
	}
	in, _, ok := strings.Cut(rest, to)
	return in, ok
}
