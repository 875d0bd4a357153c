package html

import (
	"strconv"
	"strings"

	"github.com/boardpack/boardpack/internal/doc"
)

type tableOptions struct {
	class string
	// caption names the table; hidden makes it visible to assistive
	// technology only (a table without a caption of its own is named
	// after the heading it sits under).
	caption string
	hidden  bool
	// rowHeaders makes the first cell of each row its header; otherwise
	// that is decided from the table (see table).
	rowHeaders bool
	// rag overrides the RAG class of the first cell of each row, by row
	// index (the RAG key, whose codes need not be unique).
	rag []string
}

// Widths of the PDF's text column, in millimetres, for turning column
// widths into shares.
const (
	portraitTextW  = 170.0
	landscapeTextW = 257.0
)

func (w *writer) table(t *doc.Table) {
	o := tableOptions{caption: clean(t.Caption)}
	w.tables++
	if o.caption == "" {
		o.hidden = true
		o.caption = w.last
		if o.caption == "" {
			o.caption = w.firstTitle()
		}
		if o.caption == "" {
			o.caption = "Table"
		}
		if w.tables > 1 {
			o.caption += ", table " + strconv.Itoa(w.tables)
		}
	}
	// The first column heads its rows when every row has something in
	// it: an area, a team, an indicator, a reference.
	o.rowHeaders = len(t.Rows) > 0 && columns(t) >= 2
	for _, r := range t.Rows {
		if r.Group == "" && (len(r.Cells) == 0 || w.cellText(r.Cells[0]) == "") {
			o.rowHeaders = false
		}
	}
	w.writeTable(t, o)
}

func columns(t *doc.Table) int {
	n := len(t.Columns)
	if n == 0 {
		for _, r := range t.Rows {
			n = max(n, len(r.Cells))
		}
	}
	return n
}

func (w *writer) cellText(c doc.Cell) string {
	if c.RAG != "" {
		return w.ragWord(c.Text, c.RAG)
	}
	return clean(c.Text)
}

func alignClass(a doc.Align) string {
	switch a {
	case doc.Right:
		return "r"
	case doc.Center:
		return "c"
	}
	return ""
}

func (w *writer) writeTable(t *doc.Table, o tableOptions) {
	n := columns(t)
	if n == 0 {
		if o.caption != "" && !o.hidden {
			w.s("<p class=\"caption\">", esc(o.caption), "</p>\n")
		}
		return
	}
	cols := make([]doc.Column, n)
	copy(cols, t.Columns)
	id := w.uniqueID("table-" + strconv.Itoa(w.countTable()))
	w.s("<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"", id, "-caption\" tabindex=\"0\">\n")
	cls := []string{}
	if o.class != "" {
		cls = append(cls, o.class)
	}
	if n >= 6 {
		cls = append(cls, "wide")
	}
	w.s("<table id=\"", id, "\"")
	if len(cls) > 0 {
		w.s(" class=\"", strings.Join(cls, " "), "\"")
	}
	w.s(">\n<caption id=\"", id, "-caption\"")
	if o.hidden {
		w.s(" class=\"visually-hidden\"")
	}
	w.s(">", esc(o.caption), "</caption>\n")
	w.colgroup(cols)
	w.s("<thead>\n<tr>")
	for i, c := range cols {
		h := clean(c.Header)
		a := alignClass(c.Align)
		if h == "" {
			w.s("<td></td>")
			continue
		}
		w.s("<th scope=\"col\"")
		if a != "" && i > 0 {
			w.s(" class=\"", a, "\"")
		}
		w.s(">", esc(h), "</th>")
	}
	w.s("</tr>\n</thead>\n")

	grouped := false
	for _, r := range t.Rows {
		if r.Group != "" {
			grouped = true
			break
		}
	}
	open := false
	zebra := 0
	for ri, r := range t.Rows {
		if g := clean(r.Group); r.Group != "" {
			if open {
				w.s("</tbody>\n")
			}
			w.s("<tbody>\n<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"", strconv.Itoa(n), "\">", esc(g), "</th></tr>\n")
			open, zebra = true, 0
			continue
		}
		if !open {
			w.s("<tbody>\n")
			open = true
		}
		w.s("<tr")
		if t.Zebra && zebra%2 == 1 {
			w.s(" class=\"alt\"")
		}
		zebra++
		w.s(">")
		for i := range n {
			var c doc.Cell
			if i < len(r.Cells) {
				c = r.Cells[i]
			}
			text := w.cellText(c)
			var cc []string
			if a := alignClass(cols[i].Align); a != "" {
				cc = append(cc, a)
			}
			if c.RAG != "" {
				rc := w.ragClass(c.RAG)
				if i == 0 && ri < len(o.rag) && o.rag[ri] != "" {
					rc = o.rag[ri]
				}
				cc = append(cc, "rag", rc)
			} else if c.Bold {
				cc = append(cc, "b")
			}
			tag := "td"
			if i == 0 && o.rowHeaders {
				tag = "th"
			}
			w.s("<", tag)
			if tag == "th" {
				w.s(" scope=\"row\"")
			}
			if len(cc) > 0 {
				w.s(" class=\"", strings.Join(cc, " "), "\"")
			}
			w.s(">", esc(text), "</", tag, ">")
		}
		w.s("</tr>\n")
	}
	if open {
		w.s("</tbody>\n")
	} else if !grouped {
		w.s("<tbody></tbody>\n")
	}
	w.s("</table>\n</div>\n")
}

// countTable numbers the tables of the page, for their ids.
func (w *writer) countTable() int {
	w.tableNo++
	return w.tableNo
}

// colgroup gives the columns the PDF's shares of the width: fixed widths
// in millimetres, the rest shared out by weight.
func (w *writer) colgroup(cols []doc.Column) {
	if len(cols) < 2 {
		return
	}
	set := false
	for _, c := range cols {
		set = set || c.Width > 0 || c.Weight > 0
	}
	if !set {
		return
	}
	total := portraitTextW
	if w.landscape {
		total = landscapeTextW
	}
	fixed, weights := 0.0, 0.0
	for _, c := range cols {
		if c.Width > 0 {
			fixed += c.Width
		} else {
			weights += weight(c)
		}
	}
	rest := total - fixed
	if weights == 0 || rest < 0 {
		total, rest = fixed, 0
	}
	w.s("<colgroup>")
	for _, c := range cols {
		mm := c.Width
		if mm <= 0 {
			mm = rest * weight(c) / weights
		}
		pct := mm / total * 100
		w.s("<col style=\"width:", strconv.FormatFloat(pct, 'f', 1, 64), "%\" />")
	}
	w.s("</colgroup>\n")
}

func weight(c doc.Column) float64 {
	if c.Weight > 0 {
		return c.Weight
	}
	return 1
}
