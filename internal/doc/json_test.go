package doc

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// TestJSONRoundTrip: each stored paper reads back into the same document.
func TestJSONRoundTrip(t *testing.T) {
	files, _ := filepath.Glob("../../reports/testdata/*.json")
	if len(files) < 4 {
		t.Fatalf("found %d stored papers", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var d Document
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		again, err := json.MarshalIndent(d, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(append(again, '\n'), b) {
			t.Errorf("%s does not survive a round trip", f)
		}
	}
}
