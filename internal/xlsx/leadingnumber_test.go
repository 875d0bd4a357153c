package xlsx

import (
	"regexp"
	"strings"
	"testing"
)

// leadingNumberRegexps is leadingNumber without its shortcut: the four
// patterns tried in turn on every text.
func leadingNumberRegexps(text string) (num, rest string, ok bool) {
	for _, re := range []*regexp.Regexp{reBracket, reNumbered, reCoded, reRoman} {
		if m := re.FindStringSubmatch(text); m != nil {
			return m[1], m[2], true
		}
	}
	return "", "", false
}

var leadingNumberCases = []string{
	"", "1. Recruit", "R1: Recruit", "2 (i) Review", "2.01.01 Audit", "(3) Plan", "3(a) Plan",
	"iv) Review the panel", "ii. Audit", "x) Cross", "vi Review", "Action 4 - Review", "rec 12: Fix",
	"Recommendation      7. Spaces", "SPD-01 Embed", "Run an international recruitment programme",
	"improve timeliness", "visits within 10 days", "Ⅳ) Roman numeral sign", "١. Arabic digit",
}

// TestLeadingNumberShortcut: leadingNumber gives what the four patterns
// give, on the numbering forms councils use and on texts with no number.
func TestLeadingNumberShortcut(t *testing.T) {
	t.Parallel()
	for _, s := range leadingNumberCases {
		checkLeadingNumber(t, s)
	}
}

func FuzzLeadingNumberShortcut(f *testing.F) {
	for _, s := range leadingNumberCases {
		f.Add(s)
	}
	f.Fuzz(checkLeadingNumber)
}

func checkLeadingNumber(t *testing.T, s string) {
	n, r, ok := leadingNumber(s)
	wn, wr, wok := leadingNumberRegexps(s)
	if ok != wok || r != wr || (ok && n != strings.TrimSpace(wn)) {
		t.Errorf("leadingNumber(%q) = %q, %q, %v; the patterns give %q, %q, %v", s, n, r, ok, wn, wr, wok)
	}
}
