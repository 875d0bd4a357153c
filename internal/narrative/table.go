package narrative

import (
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// GitHub-flavoured tables, without goldmark's extension package.
//
// goldmark/extension holds every GFM extension in one package, and its
// linkify extension compiles two regular expressions with {1,256}
// repetitions when the program starts: about 33 M instructions, 4% of a
// whole generate run, paid even by `boardpack version`. The narrative
// needs only tables, so this file reads them itself, into the same AST
// nodes (goldmark/extension/ast, which compiles nothing) and by the same
// rules as goldmark's table extension: table_test.go parses random and
// edge-case Markdown with both and requires identical trees.

// newParser returns goldmark's CommonMark parser with GFM tables.
func newParser() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(parser.DefaultInlineParsers()...),
		parser.WithParagraphTransformers(append(parser.DefaultParagraphTransformers(),
			util.Prioritized(tableParagraphs{}, 200))...),
		parser.WithASTTransformers(util.Prioritized(tableCodePipes{}, 0)),
	)
}

// escapedPipesKey holds, in a parse's context, the cells with a `\|`
// that may sit inside a code span (see tableCodePipes).
var escapedPipesKey = parser.NewContextKey()

// escapedPipes is one such cell and the source offsets of its
// backslashes.
type escapedPipes struct {
	cell *extast.TableCell
	pos  []int
	done bool
}

// tableParagraphs turns a paragraph whose lines include a header row and
// a delimiter row (`| --- | :-: |`) into a table: the lines before the
// header stay a paragraph, every line after the delimiter is a row.
type tableParagraphs struct{}

// Transform implements parser.ParagraphTransformer.
func (tableParagraphs) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	if lines.Len() < 2 {
		return
	}
	src := reader.Source()
	for i := 1; i < lines.Len(); i++ {
		seg := lines.At(i)
		aligns := delimiterRow(seg.Value(src))
		if aligns == nil {
			continue
		}
		header := tableRow(lines.At(i-1), aligns, true, src, pc)
		if header.ChildCount() != len(aligns) {
			return
		}
		t := extast.NewTable()
		t.Alignments = aligns
		t.SetPos(node.Pos())
		t.AppendChild(t, extast.NewTableHeader(header))
		for j := i + 1; j < lines.Len(); j++ {
			t.AppendChild(t, tableRow(lines.At(j), aligns, false, src, pc))
		}
		lines.SetSliced(0, i-1)
		node.Parent().InsertAfter(node.Parent(), node, t)
		if lines.Len() == 0 {
			node.Parent().RemoveChild(node.Parent(), node)
		} else {
			last := lines.At(i - 2)
			last.Stop-- // the paragraph's last newline
			lines.Set(i-2, last)
		}
		return
	}
}

// delimiterRow returns the alignment of each column of a delimiter row,
// or nil when line is not one: indented less than four columns, only
// spaces, '|', ':' and '-', at least one character that is not '-', and
// every cell between pipes a run of dashes with an optional colon at
// either end.
func delimiterRow(line []byte) []extast.Alignment {
	if w, _ := util.IndentWidth(line, 0); w > 3 {
		return nil
	}
	allDashes := true
	for _, b := range line {
		if b != '-' {
			allDashes = false
		}
		if !util.IsSpace(b) && b != '-' && b != '|' && b != ':' {
			return nil
		}
	}
	if allDashes {
		return nil
	}
	var cells [][]byte
	for start := 0; ; {
		end := start
		for end < len(line) && line[end] != '|' {
			end++
		}
		cells = append(cells, line[start:end])
		if end == len(line) {
			break
		}
		start = end + 1
	}
	if util.IsBlank(cells[0]) {
		cells = cells[1:]
	}
	if len(cells) > 0 && util.IsBlank(cells[len(cells)-1]) {
		cells = cells[:len(cells)-1]
	}
	var aligns []extast.Alignment
	for _, c := range cells {
		a, ok := delimiterCell(c)
		if !ok {
			return nil
		}
		aligns = append(aligns, a)
	}
	return aligns
}

// delimiterCell reads one cell of a delimiter row: space, an optional
// colon, one or more dashes, an optional colon, space. (delimiterRow has
// already refused any byte but those and util.IsSpace's.)
func delimiterCell(c []byte) (extast.Alignment, bool) {
	i, j := 0, len(c)
	for i < j && util.IsSpace(c[i]) {
		i++
	}
	for j > i && util.IsSpace(c[j-1]) {
		j--
	}
	left := i < j && c[i] == ':'
	if left {
		i++
	}
	right := j > i && c[j-1] == ':'
	if right {
		j--
	}
	if i == j {
		return extast.AlignNone, false
	}
	for _, b := range c[i:j] {
		if b != '-' {
			return extast.AlignNone, false
		}
	}
	switch {
	case left && right:
		return extast.AlignCenter, true
	case left:
		return extast.AlignLeft, true
	case right:
		return extast.AlignRight, true
	}
	return extast.AlignNone, true
}

// tableRow splits one line into cells at the pipes that are not escaped.
// A body row keeps at most one cell per column and is padded to the
// header's width; a header row keeps every cell, so that the caller can
// refuse a header whose width differs from the delimiter row's.
func tableRow(seg text.Segment, aligns []extast.Alignment, header bool, src []byte, pc parser.Context) *extast.TableRow {
	start := seg
	seg = seg.TrimLeftSpace(src)
	seg = seg.TrimRightSpace(src)
	line := seg.Value(src)
	pos, limit := 0, len(line)
	row := extast.NewTableRow(aligns)
	row.SetPos(start.Start)
	if len(line) > 0 && line[0] == '|' {
		pos++
	}
	if len(line) > 0 && line[limit-1] == '|' {
		limit--
	}
	i := 0
	for ; pos < limit; i++ {
		align := extast.AlignNone
		if i < len(aligns) {
			align = aligns[i]
		} else if !header {
			return row
		}
		cell := extast.NewTableCell()
		cell.SetPos(start.Start + pos - start.Padding)
		cell.Alignment = align
		var escaped *escapedPipes
		backtick := false
		end := pos
		for ; end < limit; end++ {
			if line[end] == '`' {
				backtick = true
			}
			if line[end] != '|' {
				continue
			}
			if end == 0 || line[end-1] != '\\' {
				break
			}
			if backtick {
				if escaped == nil {
					escaped = &escapedPipes{cell: cell}
					list, _ := pc.Get(escapedPipesKey).([]*escapedPipes)
					pc.Set(escapedPipesKey, append(list, escaped))
				}
				escaped.pos = append(escaped.pos, seg.Start+end-1)
			}
		}
		c := text.NewSegment(seg.Start+pos, seg.Start+end)
		c = c.TrimLeftSpace(src)
		c = c.TrimRightSpace(src)
		cell.Lines().Append(c)
		row.AppendChild(row, cell)
		pos = end + 1
	}
	for ; i < len(aligns); i++ {
		row.AppendChild(row, extast.NewTableCell())
	}
	return row
}

// tableCodePipes removes the backslash of `\|` inside code spans in table
// cells, as GFM asks: the pipe is escaped for the table, not for the code.
// (Outside code spans the inline parser already treats `\|` as an escape.)
type tableCodePipes struct{}

// Transform implements parser.ASTTransformer.
func (tableCodePipes) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	list, _ := pc.Get(escapedPipesKey).([]*escapedPipes)
	if list == nil {
		return
	}
	pc.Set(escapedPipesKey, nil)
	for _, e := range list {
		if e.done {
			continue
		}
		_ = ast.Walk(e.cell, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering || n.Kind() != ast.KindCodeSpan {
				return ast.WalkContinue, nil
			}
			for c := n.FirstChild(); c != nil; {
				next := c.NextSibling()
				if c.Kind() != ast.KindText {
					c = next
					continue
				}
				parent := c.Parent()
				span := c.(*ast.Text).Segment
				cur := c
				for _, other := range list {
					for _, p := range other.pos {
						if span.Start <= p && p < span.Stop {
							s := cur.(*ast.Text).Segment
							before := ast.NewRawTextSegment(s.WithStop(p))
							after := ast.NewRawTextSegment(s.WithStart(p + 1))
							parent.InsertAfter(parent, cur, before)
							parent.InsertAfter(parent, before, after)
							parent.RemoveChild(parent, cur)
							cur = after
							other.done = true
						}
					}
				}
				c = next
			}
			return ast.WalkContinue, nil
		})
	}
}
