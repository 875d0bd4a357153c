package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/boardpack/boardpack/internal/doc"
)

func logoPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 300, 120))
	for i := range img.Pix {
		img.Pix[i] = 0xFF
	}
	for x := 20; x < 100; x++ {
		img.Set(x, 60, color.RGBA{0x1F, 0x38, 0x64, 0xFF})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestLogoIsDrawnOnTheTitlePage(t *testing.T) {
	d := doc.Document{Meta: doc.Meta{Title: "Logo"}, Sections: []doc.Section{{Blocks: []doc.Block{
		&doc.Title{Organisation: "Northmoor", Title: "Report", Logo: &doc.Image{Name: "logo.png", Data: logoPNG(t)}},
		&doc.Paragraph{Spans: doc.Text("Body text.")},
	}}}}
	out, err := Render(d)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "logo.pdf")
	if err := os.WriteFile(path, out.PDF, 0o644); err != nil {
		t.Fatal(err)
	}
	list, err := exec.Command(tool(t, "pdfimages"), "-list", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(strings.TrimSpace(string(list)), "\n")
	if len(rows) != 3 { // two header lines, one image
		t.Fatalf("pdfimages -list:\n%s\nwant exactly one image", list)
	}
	f := strings.Fields(rows[2])
	if f[0] != "1" || f[3] != "300" || f[4] != "120" {
		t.Errorf("image row %q: want page 1, 300x120 pixels", rows[2])
	}
	again, err := Render(d)
	if err != nil || !bytes.Equal(again.PDF, out.PDF) {
		t.Error("a paper with a logo is not byte-identical across renders")
	}
}
