package pack

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// FuzzAssemble feeds damaged variants of the test PDFs to the whole
// pipeline. Refusals are fine; a panic (even one caught and turned into an
// error) or a pack whose cross-reference table is wrong is not. (Reading
// the pack back with pdfcpu is no test: its parser takes a dictionary key
// named /stream for a stream, which qpdf and poppler read fine.)
//
//	go test ./internal/pack -run '^$' -fuzz FuzzAssemble -fuzztime 2m
func FuzzAssemble(f *testing.F) {
	f.Add(paper(f, "Paper", a4, a4L))
	f.Add(oddPDF())
	f.Add(tinyPDF())
	f.Add(encryptedPaper(f, fpdf.CnProtectPrint, ""))
	f.Add([]byte("<html><body>no</body></html>"))
	opt := Options{Limits: Limits{ReadTimeout: 5 * time.Second, MaxPages: 50}}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Assemble([]Item{{Title: "Item", PDF: data}}, nil, opt)
		if err != nil {
			if msg := err.Error(); strings.Contains(msg, "failed (") {
				t.Fatalf("caught panic: %v", err)
			}
			return
		}
		if err := checkXref(p.PDF); err != nil {
			t.Fatal(err)
		}
	})
}

// checkXref checks that every offset of the pack's cross-reference table
// points at the start of its object.
func checkXref(pdf []byte) error {
	tail := pdf[bytes.LastIndex(pdf, []byte("startxref")):]
	var start int
	if _, err := fmt.Sscanf(string(tail), "startxref\n%d", &start); err != nil {
		return fmt.Errorf("startxref: %v", err)
	}
	var first, n int
	table := string(pdf[start:])
	if _, err := fmt.Sscanf(table, "xref\n%d %d\n", &first, &n); err != nil || first != 0 {
		return fmt.Errorf("xref header: %v", err)
	}
	lines := strings.Split(table, "\n")[2:]
	for i := 1; i < n; i++ {
		var off, gen int
		var kind string
		if _, err := fmt.Sscanf(lines[i], "%d %d %s", &off, &gen, &kind); err != nil || kind != "n" {
			return fmt.Errorf("xref entry %d: %q", i, lines[i])
		}
		if !bytes.HasPrefix(pdf[off:], []byte(fmt.Sprintf("%d 0 obj\n", i))) {
			return fmt.Errorf("xref entry %d: offset %d does not start object %d", i, off, i)
		}
	}
	return nil
}
