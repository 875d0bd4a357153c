package golden

import (
	"strings"
	"testing"
)

func TestDiffShowsTheChange(t *testing.T) {
	a := "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n"
	b := strings.Replace(a, "five", "FIVE", 1)
	d := Diff(a, b)
	for _, want := range []string{"- five", "+ FIVE", "  four", "  six"} {
		if !strings.Contains(d, want) {
			t.Errorf("diff lacks %q:\n%s", want, d)
		}
	}
	if strings.Contains(d, "one") || strings.Contains(d, "ten") {
		t.Errorf("diff shows lines far from the change:\n%s", d)
	}
	if Diff(a, a) != "" {
		t.Errorf("diff of equal texts: %q", Diff(a, a))
	}
}
