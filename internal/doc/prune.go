package doc

import "strings"

// WithoutEmptySections returns d without the sections that have nothing in
// them, so that no renderer prints an empty heading:
//   - a heading with no content before the next heading of its level or
//     above, or the end of its Section, is left out, with the blocks under
//     it that print nothing (a table without rows, a blank paragraph);
//     page breaks stay;
//   - a Section left with no content is left out.
//
// Content is a title block, text that is not blank, a table with rows, a
// chart, a chart grid, tiles or fields with items, or a RAG key when d has
// one. Headings are levels 1 to 3 (below 1 counts as 1, above 3 as 3).
// d's own slices are not changed.
func WithoutEmptySections(d Document) Document {
	key := len(d.RAGKey) > 0
	out := make([]Section, 0, len(d.Sections))
	for _, sec := range d.Sections {
		bl := sec.Blocks
		drop := make([]bool, len(bl))
		for i, blk := range bl {
			h, ok := blk.(*Heading)
			if !ok || h == nil {
				continue
			}
			lv := headingLevel(h)
			end, content := len(bl), false
			for j := i + 1; j < len(bl); j++ {
				if h2, ok := bl[j].(*Heading); ok && h2 != nil {
					if headingLevel(h2) <= lv {
						end = j
						break
					}
					continue
				}
				if HasContent(bl[j], key) {
					content = true
					break
				}
			}
			if content {
				continue
			}
			drop[i] = true
			for j := i + 1; j < end; j++ {
				switch bl[j].(type) {
				case *PageBreak, *Heading:
				default:
					drop[j] = true
				}
			}
		}
		kept := make([]Block, 0, len(bl))
		any := false
		for i, blk := range bl {
			if drop[i] {
				continue
			}
			any = any || HasContent(blk, key)
			kept = append(kept, blk)
		}
		if any {
			out = append(out, Section{Landscape: sec.Landscape, Blocks: kept})
		}
	}
	d.Sections = out
	return d
}

func headingLevel(h *Heading) int { return min(max(h.Level, 1), 3) }

// HasContent reports whether a block prints anything a reader would call
// content; key says whether the document has a RAG key for a RAGKeyBlock
// to print. Headings and page breaks are not content.
func HasContent(b Block, key bool) bool {
	switch x := b.(type) {
	case *Title:
		return x != nil
	case *Paragraph:
		return x != nil && spansHaveText(x.Spans)
	case *List:
		if x == nil {
			return false
		}
		for _, it := range x.Items {
			if spansHaveText(it) {
				return true
			}
		}
	case *Table:
		return x != nil && len(x.Rows) > 0
	case *Chart:
		return x != nil
	case *ChartGrid:
		return x != nil && len(x.Charts) > 0
	case *Tiles:
		return x != nil && len(x.Items) > 0
	case *Fields:
		return x != nil && len(x.Items) > 0
	case *RAGKeyBlock:
		return key
	}
	return false
}

func spansHaveText(ss []Span) bool {
	for _, s := range ss {
		if strings.TrimSpace(s.Text) != "" {
			return true
		}
	}
	return false
}
