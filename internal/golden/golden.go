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

// diffOps is a shortest edit script from x to y (Myers' algorithm, which
// takes time proportional to the size of the inputs times the number of
// changes: fast for golden files, which change a little at a time).
func diffOps(x, y []string) []op {
	n, m := len(x), len(y)
	max := n + m
	v := make([]int, 2*max+2)
	var trace [][]int
	off := max + 1
outer:
	for d := 0; d <= max; d++ {
		trace = append(trace, append([]int(nil), v...))
		for k := -d; k <= d; k += 2 {
			var i int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				i = v[off+k+1] // a line of y inserted
			} else {
				i = v[off+k-1] + 1 // a line of x deleted
			}
			j := i - k
			for i < n && j < m && x[i] == y[j] {
				i, j = i+1, j+1
			}
			v[off+k] = i
			if i >= n && j >= m {
				trace = append(trace, append([]int(nil), v...))
				break outer
			}
		}
	}
	// Walk back through the trace to recover the script.
	var rev []op
	i, j := n, m
	for d := len(trace) - 2; d >= 0 && (i > 0 || j > 0); d-- {
		vd := trace[d]
		k := i - j
		var pk int
		if k == -d || (k != d && vd[off+k-1] < vd[off+k+1]) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		pi := vd[off+pk]
		pj := pi - pk
		for i > pi && j > pj && i > 0 && j > 0 && x[i-1] == y[j-1] {
			rev = append(rev, op{' ', x[i-1], i - 1})
			i, j = i-1, j-1
		}
		if d == 0 {
			break
		}
		if i == pi {
			rev = append(rev, op{'+', y[j-1], i})
			j--
		} else {
			rev = append(rev, op{'-', x[i-1], i - 1})
			i--
		}
	}
	for i > 0 && j > 0 {
		rev = append(rev, op{' ', x[i-1], i - 1})
		i, j = i-1, j-1
	}
	ops := make([]op, len(rev))
	for k := range rev {
		ops[k] = rev[len(rev)-1-k]
	}
	return ops
}
