// Package golden compares test output with files kept in testdata, and
// shows what changed as a line diff, so a reviewer sees the change itself
// rather than "differs". Tests pass update (their own -update flag) to
// rewrite the files; the rewrite is then reviewed in version control.
package golden

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Check compares got with the file at path. With update it writes got to
// path instead. A difference fails t with a diff of at most maxLines lines.
func Check(t testing.TB, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		return
	}
	t.Errorf("%s differs (- golden, + got); if the change is intended, rerun with -update and review the diff:\n%s", path, Diff(string(want), string(got)))
}

// maxLines caps the diff printed.
const maxLines = 120

// Diff is a line diff of a and b in unified style, with three lines of
// context around each change.
func Diff(a, b string) string {
	x, y := strings.Split(a, "\n"), strings.Split(b, "\n")
	ops := diffOps(x, y)
	var out strings.Builder
	lines := 0
	const context = 3
	for i := 0; i < len(ops); i++ {
		if ops[i].kind == ' ' {
			continue
		}
		// A hunk: from context lines before this change to context after
		// the last change within 2*context of the previous.
		start := max(i-context, 0)
		end := i
		for j := i; j < len(ops); j++ {
			if ops[j].kind != ' ' {
				end = j
			} else if j-end > 2*context {
				break
			}
		}
		end = min(end+context, len(ops)-1)
		fmt.Fprintf(&out, "@@ golden line %d @@\n", ops[start].ai+1)
		for _, o := range ops[start : end+1] {
			if lines == maxLines {
				out.WriteString("... (diff cut)\n")
				return out.String()
			}
			fmt.Fprintf(&out, "%c %s\n", o.kind, o.text)
			lines++
		}
		i = end
	}
	return out.String()
}

type op struct {
	kind byte // ' ', '-', '+'
	text string
	ai   int // line in a
}

// diffOps is the longest-common-subsequence edit script from x to y.
// Golden files are a few thousand lines at most, so the quadratic table
// is fine; longer inputs fall back to a prefix and suffix trim.
func diffOps(x, y []string) []op {
	pre := 0
	for pre < len(x) && pre < len(y) && x[pre] == y[pre] {
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && x[len(x)-1-suf] == y[len(y)-1-suf] {
		suf++
	}
	var ops []op
	for i := 0; i < pre; i++ {
		ops = append(ops, op{' ', x[i], i})
	}
	mx, my := x[pre:len(x)-suf], y[pre:len(y)-suf]
	if len(mx)*len(my) > 4_000_000 {
		for i, s := range mx {
			ops = append(ops, op{'-', s, pre + i})
		}
		for _, s := range my {
			ops = append(ops, op{'+', s, pre + len(mx)})
		}
	} else {
		n, m := len(mx), len(my)
		lcs := make([][]int32, n+1)
		for i := range lcs {
			lcs[i] = make([]int32, m+1)
		}
		for i := n - 1; i >= 0; i-- {
			for j := m - 1; j >= 0; j-- {
				if mx[i] == my[j] {
					lcs[i][j] = lcs[i+1][j+1] + 1
				} else {
					lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
				}
			}
		}
		i, j := 0, 0
		for i < n || j < m {
			switch {
			case i < n && j < m && mx[i] == my[j]:
				ops = append(ops, op{' ', mx[i], pre + i})
				i, j = i+1, j+1
			case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
				ops = append(ops, op{'+', my[j], pre + i})
				j++
			default:
				ops = append(ops, op{'-', mx[i], pre + i})
				i++
			}
		}
	}
	for i := len(x) - suf; i < len(x); i++ {
		ops = append(ops, op{' ', x[i], i})
	}
	return ops
}
