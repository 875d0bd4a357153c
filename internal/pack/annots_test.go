package pack

import (
	"bytes"
	"strings"
	"testing"
)

// annotsPDF is one page carrying what a pack must not pass on: a link
// whose additional actions (/AA) run a script, a text note whose action
// is a script, and a file attached to the page by a FileAttachment
// annotation (with its pop-up window); and a plain web link that must survive.
func annotsPDF() []byte {
	return rawPDF(
		"<</Type/Catalog/Pages 2 0 R>>",
		"<</Type/Pages/Kids[3 0 R]/Count 1>>",
		"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Annots[5 0 R 6 0 R 7 0 R 8 0 R 11 0 R]>>",
		stream("", "0 g 100 700 200 20 re f"),
		// 5 a web link with a script run when the pointer enters it
		"<</Type/Annot/Subtype/Link/Rect[100 700 300 720]/A<</S/URI/URI(https://example.org/kept)>>/AA<</E 9 0 R>>>>",
		// 6 a note whose action is a script
		"<</Type/Annot/Subtype/Text/Rect[400 700 420 720]/Contents(note)/A 9 0 R>>",
		// 7 a file attached to the page
		"<</Type/Annot/Subtype/FileAttachment/Rect[450 700 470 720]/Popup 11 0 R/FS<</Type/Filespec/F(notes.txt)/EF<</F 10 0 R>>>>>>",
		// 8 a plain web link
		"<</Type/Annot/Subtype/Link/Rect[100 650 300 670]/A<</S/URI/URI(https://example.org/plain)>>>>",
		// 9 the script
		"<</S/JavaScript/JS(app.alert\\('boo'\\))>>",
		// 10 the attached file
		stream("/Type/EmbeddedFile", "ATTACHED-PRIVATE-NOTES"),
		// 11 the attachment's pop-up window, which points back to it
		"<</Type/Annot/Subtype/Popup/Rect[450 600 550 700]/Parent 7 0 R>>",
	)
}

// TestAssembleDropsScriptsAndPageAttachments: the README promises that
// scripts and attachments are not carried into a pack. A link's /AA and
// a FileAttachment annotation on a page carried both through.
func TestAssembleDropsScriptsAndPageAttachments(t *testing.T) {
	path := writeTemp(t, "annots.pdf", annotsPDF())
	p, err := Assemble([]Item{{Title: "Letter", Path: path}}, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"app.alert", "/JavaScript", "ATTACHED-PRIVATE-NOTES", "/FileAttachment", "/EmbeddedFile"} {
		if bytes.Contains(p.PDF, []byte(bad)) {
			t.Errorf("the pack still holds %s", bad)
		}
	}
	for _, kept := range []string{"https://example.org/kept", "https://example.org/plain", "/Subtype /Text"} {
		if !bytes.Contains(p.PDF, []byte(kept)) {
			t.Errorf("the pack lost %s", kept)
		}
	}
	if len(p.Warnings) != 1 || p.Warnings[0].Kind != WarnAttachmentsDropped {
		t.Errorf("warnings %+v, want one saying the attachment is dropped", p.Warnings)
	}
}

// TestCheckWarnsOfFormValuesItCannotShow: a form that leaves drawing its
// fields to the reader (/NeedAppearances, no appearance streams) lost its
// filled-in values in the pack, under a warning that said the pack shows
// what the fields contain.
func TestCheckWarnsOfFormValuesItCannotShow(t *testing.T) {
	data := rawPDF(
		"<</Type/Catalog/Pages 2 0 R/AcroForm<</Fields[5 0 R 6 0 R 7 0 R 9 0 R]/NeedAppearances true/DA(/Helv 0 Tf 0 g)>>>>",
		"<</Type/Pages/Kids[3 0 R]/Count 1>>",
		"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Annots[5 0 R 6 0 R 8 0 R]>>",
		stream("", "0 g 100 700 200 20 re f"),
		// 5 a filled-in field and its widget in one, no appearance
		"<</Type/Annot/Subtype/Widget/FT/Tx/T(officer)/V(Jane Smith)/Rect[300 700 500 720]/DA(/Helv 12 Tf 0 g)>>",
		// 6 an empty field: nothing to lose
		"<</Type/Annot/Subtype/Widget/FT/Tx/T(blank)/Rect[300 650 500 670]>>",
		// 7 a field whose value its kid widget shows without appearance
		"<</FT/Tx/T(ref)/V(REF-123)/Kids[8 0 R]>>",
		"<</Type/Annot/Subtype/Widget/Parent 7 0 R/Rect[300 600 500 620]>>",
		// 9 a hidden field: it never shows
		"<</Type/Annot/Subtype/Widget/FT/Tx/T(hidden)/V(internal)/F 2/Rect[300 550 500 570]>>",
	)
	info, err := Check(writeTemp(t, "form.pdf", data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var lost *Warning
	for i, w := range info.Warnings {
		if w.Kind == WarnFormValuesNotShown {
			lost = &info.Warnings[i]
		}
	}
	if lost == nil {
		t.Fatalf("warnings %+v; want one saying the fields' values do not show", info.Warnings)
	}
	for _, want := range []string{"officer", "ref", "do not show"} {
		if !strings.Contains(lost.Message, want) {
			t.Errorf("warning %q does not say %q", lost.Message, want)
		}
	}
	for _, quiet := range []string{"blank", "hidden"} {
		if strings.Contains(lost.Message, quiet) {
			t.Errorf("warning %q names %s, which shows nothing in the original either", lost.Message, quiet)
		}
	}
}
