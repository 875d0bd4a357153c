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

func TestDiffOfLongTextsIsSmall(t *testing.T) {
	var a strings.Builder
	for i := range 20000 {
		a.WriteString(strings.Repeat("x", i%7) + "line\n")
	}
	b := strings.Replace(a.String(), "xxxline\nxxxxline\n", "xxxline\nNEW\nxxxxline\n", 1)
	d := Diff(a.String(), b)
	if strings.Count(d, "\n") > 12 || !strings.Contains(d, "+ NEW") {
		t.Errorf("diff of a one-line insertion into 20,000 lines:\n%s", d)
	}
	ops := diffOps(strings.Split("a b c a b b a", " "), strings.Split("c b a b a c", " "))
	var got []string
	for _, o := range ops {
		if o.kind != '+' {
			got = append(got, o.text)
		}
	}
	if strings.Join(got, "") != "abcabba" {
		t.Errorf("the script does not spell out the old text: %v", got)
	}
}
