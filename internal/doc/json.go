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

// UnmarshalJSON reads a section written by MarshalJSON, so a stored
// document (a golden file) can be rendered again.
func (s *Section) UnmarshalJSON(b []byte) error {
	var raw struct {
		Landscape bool `json:"landscape"`
		Blocks    []struct {
			Type  string          `json:"type"`
			Block json.RawMessage `json:"Block"`
		} `json:"blocks"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	s.Landscape, s.Blocks = raw.Landscape, nil
	for _, rb := range raw.Blocks {
		var blk Block
		switch rb.Type {
		case "title":
			blk = &Title{}
		case "fields":
			blk = &Fields{}
		case "heading":
			blk = &Heading{}
		case "paragraph":
			blk = &Paragraph{}
		case "list":
			blk = &List{}
		case "table":
			blk = &Table{}
		case "chart":
			blk = &Chart{}
		case "tiles":
			blk = &Tiles{}
		case "chart-grid":
			blk = &ChartGrid{}
		case "rag-key":
			blk = &RAGKeyBlock{}
		case "page-break":
			blk = &PageBreak{}
		default:
			return fmt.Errorf("doc: unknown block type %q", rb.Type)
		}
		if len(rb.Block) > 0 && string(rb.Block) != "null" {
			if err := json.Unmarshal(rb.Block, blk); err != nil {
				return fmt.Errorf("doc: %s block: %w", rb.Type, err)
			}
		}
		s.Blocks = append(s.Blocks, blk)
	}
	return nil
}
