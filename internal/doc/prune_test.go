package doc

import (
	"reflect"
	"testing"
)

func TestWithoutEmptySections(t *testing.T) {
	h := func(level int, s string) *Heading { return &Heading{Level: level, Text: s} }
	p := func(s string) *Paragraph { return &Paragraph{Spans: Text(s)} }
	empty := &Table{Caption: "Nothing yet", Columns: []Column{{Header: "A"}}}
	brk := &PageBreak{}
	d := Document{Sections: []Section{
		{Blocks: []Block{
			&Title{Title: "Paper"},
			h(1, "Empty: the next heading is at its level"),
			h(1, "Kept"), p("Text."),
			h(2, "Empty child"), empty, p("  "),
			h(2, "Kept child"), p("More."),
			h(1, "Empty parent"), h(2, "Empty child"), brk, &List{Items: [][]Span{Text("")}},
			h(1, "Only a RAG key"), &RAGKeyBlock{},
		}},
		{Landscape: true, Blocks: []Block{h(1, "A section with nothing"), p("")}},
		{Blocks: []Block{h(3, "Deep"), &Chart{Kind: Bar}}},
	}}
	got := WithoutEmptySections(d)
	want := []Section{
		{Blocks: []Block{&Title{Title: "Paper"}, h(1, "Kept"), p("Text."), h(2, "Kept child"), p("More."), brk}},
		{Blocks: []Block{h(3, "Deep"), &Chart{Kind: Bar}}},
	}
	if !reflect.DeepEqual(got.Sections, want) {
		t.Errorf("WithoutEmptySections:\ngot  %s\nwant %s", outline(got.Sections), outline(want))
	}
	if len(d.Sections) != 3 || len(d.Sections[0].Blocks) != 15 {
		t.Error("WithoutEmptySections changed the document it was given")
	}
	// With a RAG key to print, the key is content.
	d.RAGKey = []RAGLevel{{Code: "R", Label: "Red"}}
	if got := WithoutEmptySections(d); len(got.Sections[0].Blocks) != 8 {
		t.Errorf("with a RAG key: %s", outline(got.Sections))
	}
}

// outline lists the blocks of sections, for messages.
func outline(secs []Section) string {
	s := ""
	for i, sec := range secs {
		s += "\n  section " + string(rune('0'+i)) + ":"
		for _, b := range sec.Blocks {
			t, _ := blockType(b)
			if h, ok := b.(*Heading); ok {
				t += " " + h.Text
			}
			s += " [" + t + "]"
		}
	}
	return s
}
