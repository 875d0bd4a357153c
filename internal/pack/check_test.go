package pack

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

func TestCheckRefusesWithTypedErrorNamingTheFile(t *testing.T) {
	encrypted := encryptedPaper(t, fpdf.CnProtectPrint, "open-sesame")
	cases := []struct {
		name string
		data []byte
		opt  Options
		kind error
		says string
	}{
		{"saved-page.pdf", []byte("<!DOCTYPE html>\n<html><head><title>Ofsted</title></head><body>report</body></html>"), Options{}, ErrNotPDF, "web page (HTML)"},
		{"empty.pdf", nil, Options{}, ErrNotPDF, "empty"},
		{"word.pdf", []byte("PK\x03\x04 this is a zip file, not a PDF"), Options{}, ErrNotPDF, `a Word, Excel or PowerPoint file or a zip archive`},
		{"scan.pdf", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), Options{}, ErrNotPDF, "not a PDF: it is a PNG image; save or print it as a PDF"},
		{"photo.pdf", []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), Options{}, ErrNotPDF, "a JPEG image"},
		{"old.pdf", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old Word"), Options{}, ErrNotPDF, "an older Word or Excel file"},
		{"odd.pdf", []byte("just some text"), Options{}, ErrNotPDF, `starts with "just some text"`},
		{"truncated.pdf", paper(t, "Cut", a4, a4)[:700], Options{}, ErrDamaged, "ask the sender for a fresh copy"},
		{"locked.pdf", encrypted, Options{}, ErrPasswordProtected, "without a password"},
		{"nopages.pdf", rawPDF("<</Type/Catalog/Pages 2 0 R>>", "<</Type/Pages/Kids[]/Count 0>>"), Options{}, ErrDamaged, "no pages"},
		{"loop.pdf", rawPDF("<</Type/Catalog/Pages 2 0 R>>", "<</Type/Pages/Kids[2 0 R]/Count 1>>"), Options{}, ErrDamaged, "twice"},
		{"garbage.pdf", []byte("%PDF-1.4\n" + strings.Repeat("garbage ", 100)), Options{}, ErrDamaged, ""},
		{"big.pdf", paper(t, "Big", a4), Options{Limits: Limits{MaxFileBytes: 1000}}, ErrTooLarge, "the limit for one file is 1000 bytes; ask for a smaller copy"},
		{"long.pdf", paper(t, "Long", a4, a4, a4), Options{Limits: Limits{MaxPages: 2}}, ErrTooLarge, "more than 2 pages (the limit for one file); attach the part members need"},
		{"restricted.pdf", encryptedPaper(t, fpdf.CnProtectPrint, ""), Options{RefuseRestricted: true}, ErrRestricted, "changing"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeTemp(t, c.name, c.data)
			_, err := Check(path, c.opt)
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("Check(%s) = %v, want a *FileError", c.name, err)
			}
			if !errors.Is(err, c.kind) {
				t.Errorf("Check(%s): kind %v, want %v", c.name, fe.Kind, c.kind)
			}
			if fe.File != path || !strings.HasPrefix(err.Error(), path+": ") {
				t.Errorf("error does not start with the file name: %v", err)
			}
			if !strings.Contains(err.Error(), c.says) {
				t.Errorf("error %q does not say %q", err, c.says)
			}
		})
	}
}

func TestCheckMissingFile(t *testing.T) {
	_, err := Check("/no/such/dir/letter.pdf", Options{})
	if !errors.Is(err, ErrNotFound) || !strings.HasPrefix(err.Error(), "/no/such/dir/letter.pdf: ") || !strings.Contains(err.Error(), "check the path") {
		t.Fatalf("got %v, want a refusal saying the file is not there and to check the path", err)
	}
	if strings.Contains(err.Error(), "damaged") {
		t.Errorf("a missing file is called damaged: %v", err)
	}
}

func TestCheckAcceptsAndWarns(t *testing.T) {
	cases := []struct {
		name      string
		data      []byte
		pages     int
		encrypted bool
		signed    bool
		warn      []WarningKind
		says      []string
	}{
		{"paper.pdf", paper(t, "Paper", a4, a4L, a5), 3, false, false, nil, nil},
		{"odd.pdf", oddPDF(), 4, false, true, []WarningKind{WarnSigned, WarnFormFlattened, WarnAttachmentsDropped},
			[]string{"cannot stay valid", "can no longer be filled in", "attached"}},
		{"restricted.pdf", encryptedPaper(t, fpdf.CnProtectPrint, ""), 1, true, false, []WarningKind{WarnRestricted},
			[]string{"forbids changing, copying text, commenting"}},
		{"open.pdf", encryptedPaper(t, fpdf.CnProtectPrint|fpdf.CnProtectModify|fpdf.CnProtectCopy|fpdf.CnProtectAnnotForms, ""), 1, true, false, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeTemp(t, c.name, c.data)
			info, err := Check(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if info.Pages != c.pages || info.Encrypted != c.encrypted || info.Signed != c.signed || info.File != path {
				t.Errorf("info = %+v, want %d pages, encrypted %v, signed %v", info, c.pages, c.encrypted, c.signed)
			}
			var kinds []WarningKind
			for i, w := range info.Warnings {
				kinds = append(kinds, w.Kind)
				if w.File != path || i >= len(c.says) || !strings.Contains(w.Message, c.says[i]) {
					t.Errorf("warning %d = %+v, want one saying %q", i, w, c.says)
				}
			}
			if strings.Join(toStrings(kinds), ",") != strings.Join(toStrings(c.warn), ",") {
				t.Errorf("warnings %v, want %v", kinds, c.warn)
			}
		})
	}
}

func toStrings(ks []WarningKind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}

func TestCheckBoundsTime(t *testing.T) {
	path := writeTemp(t, "paper.pdf", paper(t, "Paper", a4))
	_, err := Check(path, Options{Limits: Limits{ReadTimeout: time.Nanosecond}})
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), path) {
		t.Fatalf("with a 1 ns limit: %v, want a refusal naming the file", err)
	}
}

func TestCheckTurnsReaderPanicIntoError(t *testing.T) {
	saved := readPDF
	defer func() { readPDF = saved }()
	readPDF = func(context.Context, io.ReadSeeker, *model.Configuration) (*model.Context, error) {
		var m map[string]int
		m["boom"]++ // a nil-map write, as a library bug would
		return nil, nil
	}
	path := writeTemp(t, "paper.pdf", paper(t, "Paper", a4))
	_, err := Check(path, Options{})
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "reader failed") {
		t.Fatalf("got %v", err)
	}
}

func TestScanBalance(t *testing.T) {
	cases := []struct {
		content string
		want    stateBalance
	}{
		{"q 1 0 0 1 0 0 cm Q", stateBalance{}},
		{"q q Q", stateBalance{open: 1}},
		{"Q q", stateBalance{excess: 1, open: 1}},
		{"q Q Q Q", stateBalance{excess: 2}},
		{"BT (Q) Tj (a \\) Q) Tj", stateBalance{inText: true}},
		{"/Q gs % Q Q\n<51> Tj [(Q)] TJ", stateBalance{}},
		{"q BI /W 4 /H 1 /BPC 8 /CS /G ID \x00Q Q\x7f\xff EI Q", stateBalance{}},
		{"q BT /F1 12 Tf (x) Tj ET", stateBalance{open: 1}},
		{"q\n(nested (paren) Q) Tj Q", stateBalance{}},
	}
	for _, c := range cases {
		if got := scanBalance([]byte(c.content)); got != c.want {
			t.Errorf("scanBalance(%q) = %+v, want %+v", c.content, got, c.want)
		}
	}
}

func TestDeniedPermissions(t *testing.T) {
	cases := []struct {
		p, r int
		want string
	}{
		{-4, 4, ""}, // everything allowed
		{-2368, 6, "printing,changing,copying text,commenting"}, // the Acrobat XI file of the corpus
		{-1028, 4, "assembling"},                                // the PDFMaker file of the corpus
		{-3076, 6, "high-quality printing,assembling"},
		{-64 + 4, 2, "changing,copying text,commenting"},
	}
	for _, c := range cases {
		if got := strings.Join(deniedPermissions(c.p, c.r), ","); got != c.want {
			t.Errorf("deniedPermissions(%d, R%d) = %q, want %q", c.p, c.r, got, c.want)
		}
	}
}

func TestCheckWritesNoConfigDirectory(t *testing.T) {
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config)
	t.Setenv("HOME", config)
	if _, err := Check(writeTemp(t, "paper.pdf", paper(t, "Paper", a4)), Options{}); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(config); len(entries) > 0 {
		t.Errorf("reading a PDF wrote %s/%s", config, entries[0].Name())
	}
}
