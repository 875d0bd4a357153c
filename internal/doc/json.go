package doc

import (
	"encoding/json"
	"fmt"
)

// MarshalJSON writes each block as {"type": "paragraph", ...}, so a document
// can be stored as a golden file and read by people reviewing a change.
func (s Section) MarshalJSON() ([]byte, error) {
	blocks := make([]any, len(s.Blocks))
	for i, b := range s.Blocks {
		t, err := blockType(b)
		if err != nil {
			return nil, err
		}
		blocks[i] = struct {
			Type string `json:"type"`
			Block
		}{t, b}
	}
	return json.Marshal(struct {
		Landscape bool  `json:"landscape,omitempty"`
		Blocks    []any `json:"blocks"`
	}{s.Landscape, blocks})
}

func blockType(b Block) (string, error) {
	switch b.(type) {
	case *Title:
		return "title", nil
	case *Fields:
		return "fields", nil
	case *Heading:
		return "heading", nil
	case *Paragraph:
		return "paragraph", nil
	case *List:
		return "list", nil
	case *Table:
		return "table", nil
	case *Chart:
		return "chart", nil
	case *Tiles:
		return "tiles", nil
	case *ChartGrid:
		return "chart-grid", nil
	case *RAGKeyBlock:
		return "rag-key", nil
	case *PageBreak:
		return "page-break", nil
	}
	return "", fmt.Errorf("doc: unknown block %T", b)
}
