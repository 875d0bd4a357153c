package chart

import (
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/boardpack/boardpack/internal/doc"
)

type svgElem struct {
	name string
	attr map[string]string
	text string
}

// svgElems parses an SVG, failing the test when it is not well-formed XML.
func svgElems(t *testing.T, b []byte) []svgElem {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	var out []svgElem
	var open []int
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			e := svgElem{name: tk.Name.Local, attr: map[string]string{}}
			for _, a := range tk.Attr {
				e.attr[a.Name.Local] = a.Value
			}
			out = append(out, e)
			open = append(open, len(out)-1)
		case xml.EndElement:
			open = open[:len(open)-1]
		case xml.CharData:
			if len(open) > 0 {
				out[open[len(open)-1]].text += string(tk)
			}
		}
	}
}

func TestSVGAccessibleImage(t *testing.T) {
	c := doc.Chart{Kind: doc.StackedBar, Categories: []string{"Workforce", "SEND"}, Unit: "actions",
		Series: []doc.Series{{Name: "Blue", Values: []float64{10, 9}}, {Name: "Red", Values: []float64{2, 3}}}}
	b, err := SVG(c, 1200, 500, SVGOptions{Width: 720, Height: 300, ID: "chart-1", Title: `R&D <costs>`, Description: `Bar chart: "q" & 'a'.`})
	if err != nil {
		t.Fatal(err)
	}
	es := svgElems(t, b)
	root := es[0]
	for k, want := range map[string]string{
		"viewBox": "0 0 1200 500", "width": "720", "height": "300", "role": "img",
		"aria-labelledby": "chart-1-title", "aria-describedby": "chart-1-desc",
	} {
		if root.attr[k] != want {
			t.Errorf("svg %s=%q, want %q", k, root.attr[k], want)
		}
	}
	if es[1].name != "title" || es[1].attr["id"] != "chart-1-title" || es[1].text != "R&D <costs>" {
		t.Errorf("first child %+v, want the title", es[1])
	}
	if es[2].name != "desc" || es[2].attr["id"] != "chart-1-desc" || es[2].text != `Bar chart: "q" & 'a'.` {
		t.Errorf("second child %+v, want the description", es[2])
	}
	again, err := SVG(c, 1200, 500, SVGOptions{Width: 720, Height: 300, ID: "chart-1", Title: `R&D <costs>`, Description: `Bar chart: "q" & 'a'.`})
	if err != nil || !bytes.Equal(b, again) {
		t.Errorf("two renders differ (%v)", err)
	}
}

// TestSVGText: text is real text, sized as the PDF and PNG size it (an
// n-point label is n*DPI/64 pixels per em, where go-chart's own SVG
// renderer makes it 12.5% smaller), with bold marked.
func TestSVGText(t *testing.T) {
	c := doc.Chart{Kind: doc.StackedBar, Categories: []string{"Workforce", "SEND"}, Unit: "actions",
		Series: []doc.Series{{Name: "Blue", Values: []float64{10, 9}}, {Name: "Red", Values: []float64{2, 3}}}}
	b, err := SVG(c, 1200, 500, SVGOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sizes := map[string]string{}
	weights := map[string]string{}
	for _, e := range svgElems(t, b) {
		if e.name == "text" {
			sizes[e.text] = e.attr["font-size"]
			weights[e.text] = e.attr["font-weight"]
		}
	}
	em := func(pt float64) string { return strconv.FormatFloat(float64(int(pt*DPI/64*100+0.5))/100, 'f', -1, 64) }
	if got, want := sizes["Workforce"], em(8); got != want {
		t.Errorf("category label font-size %q, want %q (8 pt)", got, want)
	}
	if got := weights["12"]; got != "bold" {
		t.Errorf("stack total 12 has font-weight %q, want bold", got)
	}
	if got := weights["Workforce"]; got != "" {
		t.Errorf("category label has font-weight %q, want regular", got)
	}
	if strings.Contains(string(b), "rgba(") || strings.Contains(string(b), "style=") {
		t.Error("the SVG carries go-chart's verbose style attributes")
	}
}
