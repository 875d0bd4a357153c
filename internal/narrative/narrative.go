// Package narrative reads the officers' words for a month: a Markdown file,
// narrative.md, in the month's folder, with a heading for each part the
// papers place (the headline message, commentary on each priority area,
// risks and issues, decisions sought, the voice of children and families).
// It turns each part into document blocks that keep bold, italics, lists
// and links. Narrative is never carried from one month to another: a month
// without its own file has none.
//
//	# Headline message
//	Caseloads are down for the third month running...
//
//	# Priority areas
//	## Workforce
//	Twelve newly qualified social workers started in June...
//
//	# Risks and issues
//	- Agency costs are **£1.2m** over budget...
//
//	# Decisions sought
//	# Voice of children and families
package narrative

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/boardpack/boardpack/internal/doc"
)

// FileName is the narrative's name in a month's folder.
const FileName = "narrative.md"

// Part names a part of the narrative that templates place.
type Part string

// The parts.
const (
	Headline  Part = "headline"
	Areas     Part = "areas"
	Risks     Part = "risks"
	Decisions Part = "decisions"
	Voice     Part = "voice"
)

// Parts lists every part, in the order the README describes them.
var Parts = []Part{Headline, Areas, Risks, Decisions, Voice}

// Title is the part's heading, as a paper names a missing part.
func (p Part) Title() string {
	switch p {
	case Headline:
		return "Headline message"
	case Areas:
		return "Priority areas"
	case Risks:
		return "Risks and issues"
	case Decisions:
		return "Decisions sought"
	case Voice:
		return "Voice of children and families"
	}
	return string(p)
}

// partOf reads a top-level heading as a part: a heading that holds the
// part's key words ("Headline", "Key messages", "Key risks and issues", "Decisions or
// recommendations sought", "Voice of the child").
func partOf(heading string) (Part, bool) {
	h := strings.ToLower(heading)
	switch {
	case strings.Contains(h, "headline") || strings.Contains(h, "summary") || strings.Contains(h, "key message"):
		return Headline, true
	case strings.Contains(h, "area") || strings.Contains(h, "priorit") || strings.Contains(h, "workstream") || strings.Contains(h, "commentary"):
		return Areas, true
	case strings.Contains(h, "risk") || strings.Contains(h, "issue"):
		return Risks, true
	case strings.Contains(h, "decision") || strings.Contains(h, "recommendation"):
		return Decisions, true
	case strings.Contains(h, "voice") || strings.Contains(h, "children and families") || strings.Contains(h, "lived experience"):
		return Voice, true
	}
	return "", false
}

// Narrative is one month's narrative.
type Narrative struct {
	File  string
	text  string // the file as written
	parts map[Part][]doc.Block
	areas []Area
	// Problems are headings boardpack does not place and parts given
	// twice, so that no words are dropped in silence.
	Problems []string
}

// Area is the commentary on one priority area.
type Area struct {
	Name   string
	Blocks []doc.Block
}

// Parse reads a narrative file. file names it in problems.
func Parse(file string, src []byte) *Narrative {
	n := &Narrative{File: file, parts: map[Part][]doc.Block{}}
	// Windows editors may start the file with a byte order mark, which
	// would make the first heading a line of text.
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	n.text = string(src)
	root := newParser().Parse(text.NewReader(src))
	top := topLevel(root, src)
	var cur Part
	var area *Area
	areaLevel := areaLevelOf(root, src, top)
	seen := map[Part]bool{}
	headed := false // a top-level heading has been read
	for c := root.FirstChild(); c != nil; c = c.NextSibling() {
		if h, ok := c.(*ast.Heading); ok && h.Level <= top {
			headed = true
			title := plain(h, src)
			p, ok := partOf(title)
			switch {
			case !ok:
				n.Problems = append(n.Problems, fmt.Sprintf("%s: the heading %q is not a part the papers place (the parts are: %s); its text is not used",
					file, title, partTitles()))
				cur = ""
			case seen[p]:
				n.Problems = append(n.Problems, fmt.Sprintf("%s: %q repeats the part %q; the two are joined", file, title, p.Title()))
				cur = p
			default:
				cur = p
			}
			seen[p] = seen[p] || ok
			area = nil
			continue
		}
		if cur == "" {
			if headed {
				continue // under a heading the papers do not place (reported above)
			}
			// Text before any heading is the headline message, and
			// joins a headline heading that follows.
			cur = Headline
		}
		if h, ok := c.(*ast.Heading); ok && cur != Areas {
			if p, ok := partOf(plain(h, src)); ok && p != cur {
				n.Problems = append(n.Problems, fmt.Sprintf("%s: %q is a level %d heading under %q, so its text is part of that; write it as a level %d heading (%s) to place it as %q",
					file, plain(h, src), h.Level, cur.Title(), top, strings.Repeat("#", top), p.Title()))
			}
		}
		if cur == Areas {
			if h, ok := c.(*ast.Heading); ok && h.Level == areaLevel {
				n.areas = append(n.areas, Area{Name: plain(h, src)})
				area = &n.areas[len(n.areas)-1]
				continue
			}
			if area == nil {
				n.parts[Areas] = append(n.parts[Areas], blocks(c, src)...)
				continue
			}
			area.Blocks = append(area.Blocks, blocks(c, src)...)
			continue
		}
		n.parts[cur] = append(n.parts[cur], blocks(c, src)...)
	}
	return n
}

// topLevel is the level of the headings that name the parts: the
// highest-ranking level at which some heading names a part, so that a file
// written with "## Headline message" and "### Workforce" reads as one
// written with "#" and "##". 1 when no heading names a part.
func topLevel(root ast.Node, src []byte) int {
	top := 0
	for c := root.FirstChild(); c != nil; c = c.NextSibling() {
		if h, ok := c.(*ast.Heading); ok && (top == 0 || h.Level < top) {
			if _, ok := partOf(plain(h, src)); ok {
				top = h.Level
			}
		}
	}
	return max(top, 1)
}

// areaLevelOf is the level of the area headings: the highest-ranking
// heading level under the priority areas part ("##", or "###" when the
// officer skipped a level); deeper ones are the officer's own sub-headings.
func areaLevelOf(root ast.Node, src []byte, top int) int {
	level, in := 0, false
	for c := root.FirstChild(); c != nil; c = c.NextSibling() {
		h, ok := c.(*ast.Heading)
		switch {
		case !ok:
		case h.Level <= top:
			p, _ := partOf(plain(h, src))
			in = p == Areas
		case in && (level == 0 || h.Level < level):
			level = h.Level
		}
	}
	return max(level, top+1)
}

func partTitles() string {
	var t []string
	for _, p := range Parts {
		t = append(t, p.Title())
	}
	return strings.Join(t, "; ")
}

// Part returns a part's blocks and whether the narrative has it (with
// some text). For Areas it is the text before the first area's heading.
func (n *Narrative) Part(p Part) ([]doc.Block, bool) {
	if n == nil {
		return nil, false
	}
	b := n.parts[p]
	if p == Areas {
		return b, len(b) > 0 || len(n.areas) > 0
	}
	return b, len(b) > 0
}

// Area returns the commentary on the priority area named name (in any
// case), and whether there is some.
func (n *Narrative) Area(name string) ([]doc.Block, bool) {
	if n == nil {
		return nil, false
	}
	for _, a := range n.areas {
		if strings.EqualFold(strings.TrimSpace(a.Name), strings.TrimSpace(name)) && len(a.Blocks) > 0 {
			return a.Blocks, true
		}
	}
	return nil, false
}

// AreaNames returns the names of the areas the narrative comments on, in file
// order.
func (n *Narrative) AreaNames() []string {
	if n == nil {
		return nil
	}
	out := make([]string, 0, len(n.areas))
	for _, a := range n.areas {
		out = append(out, a.Name)
	}
	return out
}

// blank reports whether a node holds no text.
func blank(n ast.Node, src []byte) bool { return strings.TrimSpace(plain(n, src)) == "" }

// plain is a node's text without formatting.
func plain(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			for g := t.FirstChild(); g != nil; g = g.NextSibling() {
				if tx, ok := g.(*ast.Text); ok {
					b.Write(tx.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// blocks turns one block node into document blocks.
func blocks(n ast.Node, src []byte) []doc.Block {
	switch t := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		if sp := spans(t, src); len(sp) > 0 {
			return []doc.Block{&doc.Paragraph{Spans: sp}}
		}
	case *ast.Heading:
		return []doc.Block{&doc.Heading{Level: 3, Text: plain(t, src)}}
	case *ast.List:
		return []doc.Block{&doc.List{Items: listItems(t, src, "")}}
	case *extast.Table:
		return []doc.Block{table(t, src)}
	case *ast.Blockquote:
		var out []doc.Block
		for c := t.FirstChild(); c != nil; c = c.NextSibling() {
			for _, b := range blocks(c, src) {
				if p, ok := b.(*doc.Paragraph); ok {
					for i := range p.Spans {
						p.Spans[i].Italic = true
					}
				}
				out = append(out, b)
			}
		}
		return out
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var b strings.Builder
		for i := 0; i < t.Lines().Len(); i++ {
			seg := t.Lines().At(i)
			b.Write(seg.Value(src))
		}
		if s := strings.TrimSpace(b.String()); s != "" {
			return []doc.Block{&doc.Paragraph{Spans: doc.Text(strings.Join(strings.Fields(s), " "))}}
		}
	}
	// Raw HTML and thematic breaks carry nothing a paper prints.
	return nil
}

// table turns a table into a document table: the header row gives the
// columns (and their alignment), each cell its text.
func table(t *extast.Table, src []byte) *doc.Table {
	out := &doc.Table{Zebra: true}
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []doc.Cell
		i := 0
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			if _, head := r.(*extast.TableHeader); head {
				col := doc.Column{Header: plain(c, src), Weight: 1}
				if i < len(t.Alignments) {
					switch t.Alignments[i] {
					case extast.AlignRight:
						col.Align = doc.Right
					case extast.AlignCenter:
						col.Align = doc.Center
					}
				}
				out.Columns = append(out.Columns, col)
			} else {
				cells = append(cells, doc.Cell{Text: plain(c, src)})
			}
			i++
		}
		if cells != nil {
			// A row shorter than the header is padded, so no cell moves
			// under another column's heading.
			for len(cells) < len(out.Columns) {
				cells = append(cells, doc.Cell{})
			}
			out.Rows = append(out.Rows, doc.Row{Cells: cells[:len(out.Columns)]})
		}
	}
	return out
}

// listItems turns a list into items, each beginning with prefix. The
// items of a list inside an item follow it, each marked with a dash: a
// document list is one level deep, and a sub-point is never dropped.
func listItems(t *ast.List, src []byte, prefix string) [][]doc.Span {
	var out [][]doc.Span
	i := t.Start
	for item := t.FirstChild(); item != nil; item = item.NextSibling() {
		var sp []doc.Span
		if prefix != "" {
			sp = append(sp, doc.Span{Text: prefix})
		}
		if t.IsOrdered() {
			sp = append(sp, doc.Span{Text: fmt.Sprintf("%d. ", i)})
			i++
		}
		var sub [][]doc.Span
		for c := item.FirstChild(); c != nil; c = c.NextSibling() {
			if l, ok := c.(*ast.List); ok {
				sub = append(sub, listItems(l, src, prefix+"– ")...)
				continue
			}
			if len(sp) > 0 && c.PreviousSibling() != nil {
				sp = append(sp, doc.Span{Text: " "})
			}
			sp = append(sp, spans(c, src)...)
		}
		out = append(out, sp)
		out = append(out, sub...)
	}
	return out
}

// spans turns a block's inline content into styled spans.
func spans(n ast.Node, src []byte) []doc.Span {
	var out []doc.Span
	var walk func(n ast.Node, bold, italic bool, link string)
	add := func(s string, bold, italic bool, link string) {
		if s == "" {
			return
		}
		if k := len(out) - 1; k >= 0 && out[k].Bold == bold && out[k].Italic == italic && out[k].Link == link {
			out[k].Text += s
			return
		}
		out = append(out, doc.Span{Text: s, Bold: bold, Italic: italic, Link: link})
	}
	walk = func(n ast.Node, bold, italic bool, link string) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				add(string(t.Segment.Value(src)), bold, italic, link)
				if t.SoftLineBreak() || t.HardLineBreak() {
					add(" ", bold, italic, link)
				}
			case *ast.String:
				add(string(t.Value), bold, italic, link)
			case *ast.CodeSpan:
				add(plain(t, src), bold, italic, link)
			case *ast.Emphasis:
				walk(t, bold || t.Level >= 2, italic || t.Level == 1, link)
			case *ast.Link:
				walk(t, bold, italic, safeLink(string(t.Destination)))
			case *ast.AutoLink:
				u := string(t.URL(src))
				add(string(t.Label(src)), bold, italic, safeLink(u))
			case *ast.Image:
				add(plain(t, src), bold, italic, link)
			default:
				// A quote or code inside a list item is read for its
				// text; raw HTML is not passed through.
				if c.Type() == ast.TypeBlock {
					if k := len(out) - 1; k >= 0 && !strings.HasSuffix(out[k].Text, " ") {
						add(" ", bold, italic, link)
					}
					walk(c, bold, italic, link)
				}
			}
		}
	}
	walk(n, false, false, "")
	for i := range out {
		out[i].Text = collapse(out[i].Text)
	}
	// Trim the ends of the whole run.
	if len(out) > 0 {
		out[0].Text = strings.TrimLeft(out[0].Text, " ")
		out[len(out)-1].Text = strings.TrimRight(out[len(out)-1].Text, " ")
	}
	return out
}

// collapse folds runs of white space into single spaces, keeping a leading
// or trailing space (it separates spans).
func collapse(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// safeLink keeps web and mail addresses; anything else (javascript:,
// data:, file paths) becomes no link, so a paper never carries one.
func safeLink(u string) string {
	l := strings.ToLower(strings.TrimSpace(u))
	for _, p := range []string{"https://", "http://", "mailto:"} {
		if strings.HasPrefix(l, p) {
			return strings.TrimSpace(u)
		}
	}
	return ""
}
