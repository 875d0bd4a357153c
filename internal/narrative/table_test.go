package narrative

import (
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// tableCases are Markdown tables at the edges of the GFM rules: escaped
// pipes in and out of code spans, rows wider and narrower than the
// header, delimiter rows that are not, indentation, tables after a
// paragraph and inside lists and quotes.
var tableCases = []string{
	"| a | b |\n|---|---|\n| 1 | 2 |\n",
	"a | b\n--|--\n1 | 2\n",
	"| Measure | May | June |\n|:---|:-:|--:|\n| Agency **rate** | 24% | 21.9% |\n| Vacancies | 30 |\n| x | y | z | extra |\n",
	"Words first.\nMore words.\n| a | b |\n| - | - |\n| 1 | 2 |\n",
	"| a | b |\n| --- |\n| 1 | 2 |\n",
	"| a |\n| --- | --- |\n",
	"| a | b | c |\n|---|---|\n",
	"| `x \\| y` | b \\| c |\n|---|---|\n| `\\|` | `a\\|b\\|c` |\n",
	"| a |\n|:-:|\n| `code | not closed\n",
	"    | a | b |\n    |---|---|\n",
	"| a | b |\n   |---|---|\n",
	"| a | b |\n    |---|---|\n",
	"| a | b |\n|-- -|---|\n",
	"| a | b |\n|:--:|::|\n",
	"| a | b |\n|-----|\n",
	"a\n---\n",
	"| a |\n|---|\n\n| b |\n|---|\n",
	"- | a | b |\n  |---|---|\n  | 1 | 2 |\n",
	"> | a | b |\n> |---|---|\n> | 1 | 2 |\n",
	"| a | b |\n|---|---|\n| 1 | 2 |\n| --- | --- |\n| 3 | 4 |\n",
	"||\n|-|\n||\n",
	"|\n|-|\n",
	"| ü | ✓ |\n| :-- | --: |\n| £5 | 10% |\n",
	"\t| a |\t b |\n|---|---|\n",
	"| a | b |\r\n|---|---|\r\n| 1 | 2 |\r\n",
}

// TestTablesAsGoldmark: our table reader gives the tree goldmark's
// table extension gives, node for node, on every case above.
func TestTablesAsGoldmark(t *testing.T) {
	for _, src := range tableCases {
		if got, want := dumpOurs(src), dumpGoldmark(src); got != want {
			t.Errorf("%q:\nours:\n%s\ngoldmark:\n%s", src, got, want)
		}
	}
}

// FuzzTablesAsGoldmark compares the two readers on any input.
//
//	go test ./internal/narrative -run '^$' -fuzz FuzzTablesAsGoldmark
func FuzzTablesAsGoldmark(f *testing.F) {
	for _, src := range tableCases {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if got, want := dumpOurs(src), dumpGoldmark(src); got != want {
			t.Errorf("%q:\nours:\n%s\ngoldmark:\n%s", src, got, want)
		}
	})
}

func dumpOurs(src string) string {
	return dump(newParser().Parse(text.NewReader([]byte(src))), []byte(src))
}

func dumpGoldmark(src string) string {
	p := goldmark.New(goldmark.WithExtensions(extension.Table)).Parser()
	return dump(p.Parse(text.NewReader([]byte(src))), []byte(src))
}

// dump writes a tree with everything a reader of it can see: each node's
// kind, position, lines, text segments and flags, and a table's
// alignments.
func dump(root ast.Node, src []byte) string {
	var b strings.Builder
	depth := 0
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			depth--
			return ast.WalkContinue, nil
		}
		fmt.Fprintf(&b, "%s%s pos=%d", strings.Repeat("  ", depth), n.Kind(), n.Pos())
		depth++
		if n.Type() == ast.TypeBlock {
			for i := 0; i < n.Lines().Len(); i++ {
				s := n.Lines().At(i)
				fmt.Fprintf(&b, " line[%d:%d pad %d]=%q", s.Start, s.Stop, s.Padding, s.Value(src))
			}
		}
		switch x := n.(type) {
		case *ast.Text:
			fmt.Fprintf(&b, " [%d:%d]=%q soft=%v hard=%v raw=%v", x.Segment.Start, x.Segment.Stop, x.Segment.Value(src),
				x.SoftLineBreak(), x.HardLineBreak(), x.IsRaw())
		case *ast.String:
			fmt.Fprintf(&b, " %q", x.Value)
		case *extast.Table:
			fmt.Fprintf(&b, " align=%v", x.Alignments)
		case *extast.TableRow:
			fmt.Fprintf(&b, " align=%v", x.Alignments)
		case *extast.TableCell:
			fmt.Fprintf(&b, " align=%v", x.Alignment)
		}
		b.WriteByte('\n')
		return ast.WalkContinue, nil
	})
	return b.String()
}
