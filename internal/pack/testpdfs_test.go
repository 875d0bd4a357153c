package pack

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// The tests make their own small PDFs: "papers" with fpdf, and, for what
// fpdf cannot write (/Rotate, offset boxes, named destinations, signature
// fields, unbalanced content), PDFs written object by object.

var testDate = time.Date(2023, 6, 15, 9, 0, 0, 0, time.UTC)

// paperPage is one page of a test paper: its size in mm (as fpdf sees
// it) and whether it is landscape.
type paperPage struct {
	W, H float64
}

var (
	a4  = paperPage{210, 297}
	a4L = paperPage{297, 210}
	a5  = paperPage{148, 210}
	a3L = paperPage{420, 297}
)

// paper makes a boardpack-like paper with fpdf: a heading on every page
// (each a bookmark, every second one a level-1 child), body text, a footer
// line 12 mm above the bottom edge, a contents link on page 1 to the last
// page and a web link.
func paper(t testing.TB, title string, pages ...paperPage) []byte {
	t.Helper()
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCompression(true)
	f.SetCreationDate(testDate)
	f.SetModificationDate(testDate)
	f.SetCatalogSort(true)
	f.SetTitle(title, true)
	f.SetAutoPageBreak(false, 0)
	last := f.AddLink()
	for i, p := range pages {
		orient := "P"
		if p.W > p.H {
			orient = "L"
		}
		f.AddPageFormat(orient, fpdf.SizeType{Wd: min(p.W, p.H), Ht: max(p.W, p.H)})
		level := 0
		if i%2 == 1 {
			level = 1
		}
		heading := fmt.Sprintf("%s: section %d", title, i+1)
		f.Bookmark(heading, level, 20)
		f.SetFont("Helvetica", "B", 14)
		f.Text(20, 25, heading)
		f.SetFont("Helvetica", "", 10)
		for l := 0; l < 12; l++ {
			f.Text(20, 40+float64(l)*6, fmt.Sprintf("Line %d of page %d: the quick brown fox jumps over the lazy dog.", l+1, i+1))
		}
		if i == 0 {
			f.Text(20, 130, "See the last page")
			f.Link(20, 126, 40, 5, last)
			f.Text(20, 140, "example.org")
			f.LinkString(20, 136, 30, 5, "https://example.org/"+strings.ReplaceAll(title, " ", "-"))
		}
		f.SetDrawColor(0, 0, 0)
		f.Line(20, p.H-16, p.W-20, p.H-16)
		f.Text(20, p.H-12, "Footer of "+title)
	}
	f.SetLink(last, 0, len(pages))
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatalf("fpdf: %v", err)
	}
	return b.Bytes()
}

// encryptedPaper is a one-page fpdf PDF with RC4 encryption: userPW ""
// opens it, and actions lists what the owner allows.
func encryptedPaper(t testing.TB, actions byte, userPW string) []byte {
	t.Helper()
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCreationDate(testDate)
	f.SetProtection(actions, userPW, "owner-secret")
	f.AddPage()
	f.SetFont("Helvetica", "", 12)
	f.Text(20, 30, "An encrypted letter")
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatalf("fpdf: %v", err)
	}
	return b.Bytes()
}

// rawPDF writes objects 1..n (objs[i] is object i+1; object 1 must be the
// catalog) with a classic cross-reference table.
func rawPDF(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

func stream(dict, data string) string {
	return fmt.Sprintf("<<%s/Length %d>>\nstream\n%s\nendstream", dict, len(data), data)
}

// arrowContent draws, in the crop box (x0,y0)-(x1,y1), an asymmetric
// figure (a thick bar along the left edge, a block near the top-right)
// and the word "TOP" near the top edge, so a rendering shows which way up
// the page is.
func arrowContent(x0, y0, x1, y1 float64) string {
	w, h := x1-x0, y1-y0
	return fmt.Sprintf("0 g %g %g %g %g re f %g %g %g %g re f BT /F1 14 Tf %g %g Td (TOP) Tj ET",
		x0+10, y0+40, 12.0, h-80, x1-70, y1-70, 40.0, 40.0, x0+w/2-15, y1-30)
}

// oddPDF is the hard case: pages with /Rotate 90, 180 (inherited from the
// page tree) and 270 on crop boxes offset from the media box, a named
// destination used by a link and by a bookmark, a signed signature field
// whose appearance lacks /Subtype, a filled-in text field, an attachment,
// a layer that starts hidden, and a page whose content has one Q too many. Pages (display sizes): 1 rot 90, 2 rot 180, 3 rot 270, 4 rot 0.
func oddPDF() []byte {
	font := "<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>"
	res := "<</Font<</F1 6 0 R>>>>"
	return rawPDF(
		// 1 catalog
		"<</Type/Catalog/Pages 2 0 R/Names<</Dests 3 0 R/EmbeddedFiles<</Names[(minutes.txt)22 0 R]>>>>/Outlines 4 0 R/AcroForm<</Fields[15 0 R 20 0 R]/SigFlags 3>>/OCProperties<</OCGs[24 0 R]/D<</OFF[24 0 R]/Order[24 0 R]>>>>>>",
		// 2 page tree: inherits Resources; the kid tree inherits Rotate 180
		"<</Type/Pages/Kids[7 0 R 8 0 R 9 0 R 10 0 R]/Count 4/Resources "+res+"/MediaBox[0 0 600 500]>>",
		// 3 name tree
		"<</Names[(last)[10 0 R/XYZ 0 800 null](third)[9 0 R/Fit]]>>",
		// 4 outlines
		"<</Type/Outlines/First 5 0 R/Last 5 0 R/Count 1>>",
		// 5 outline item: GoTo a named destination
		"<</Title(Odd third page)/Parent 4 0 R/A<</S/GoTo/D(third)>>>>",
		// 6 font
		font,
		// 7 page 1: rot 90, crop offset
		"<</Type/Page/Parent 2 0 R/Rotate 90/CropBox[50 40 550 460]/Contents 11 0 R/Annots[14 0 R]>>",
		// 8 pages node with Rotate 180 holding page 2
		"<</Type/Pages/Parent 2 0 R/Kids[12 0 R]/Count 1/Rotate 180>>",
		// 9 page 3: rot 270, own media box offset from 0
		"<</Type/Page/Parent 2 0 R/Rotate 270/MediaBox[100 200 520 800]/CropBox[120 230 500 780]/Contents 13 0 R>>",
		// 10 page 4: upright, unbalanced content, signature widget
		"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 16 0 R/Annots[17 0 R 20 0 R]/Resources<</Font<</F1 6 0 R>>/Properties<</oc1 24 0 R>>>>>>",
		// 11 content p1
		stream("", arrowContent(50, 40, 550, 460)),
		// 12 page 2 (rot 180 inherited), crop offset
		"<</Type/Page/Parent 8 0 R/CropBox[30 20 580 480]/Contents 18 0 R>>",
		// 13 content p3
		stream("", arrowContent(120, 230, 500, 780)),
		// 14 link on p1 to the named destination "last"
		"<</Type/Annot/Subtype/Link/Rect[100 100 200 150]/Border[0 0 0]/Dest(last)>>",
		// 15 signature field
		"<</FT/Sig/T(Signature1)/V<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/adbe.pkcs7.detached/Contents<00>/ByteRange[0 1 2 3]>>/Kids[17 0 R]>>",
		// 16 content p4: a block on a hidden layer, one Q too many at the end
		stream("", "/OC /oc1 BDC 0 g 300 700 100 100 re f EMC q 0 g 100 600 200 100 re f Q 0 g 100 400 50 50 re f BT /F1 14 Tf 60 780 Td (TOP) Tj ET Q"),
		// 17 widget of the signature, appearance without /Subtype
		"<</Type/Annot/Subtype/Widget/Parent 15 0 R/Rect[300 100 500 160]/F 4/AP<</N 19 0 R>>>>",
		// 18 content p2
		stream("", arrowContent(30, 20, 580, 480)),
		// 19 signature appearance: a grey box with a dark bar
		stream("/BBox[0 0 100 30]/Resources<<>>", "0.5 g 0 0 100 30 re f 0 g 10 10 80 5 re f"),
		// 20 a filled-in text field (field and widget in one)
		"<</Type/Annot/Subtype/Widget/FT/Tx/T(Name)/V(Filled value)/Rect[100 200 250 220]/AP<</N 21 0 R>>/P 10 0 R>>",
		// 21 its appearance
		stream("/Type/XObject/Subtype/Form/BBox[0 0 150 20]/Matrix[1 0 0 1 0 0]/Resources<</Font<</F1 6 0 R>>>>", "BT /F1 12 Tf 2 5 Td (Filled value) Tj ET"),
		// 22 an attachment
		"<</Type/Filespec/F(minutes.txt)/EF<</F 23 0 R>>>>",
		// 23 its content
		stream("/Type/EmbeddedFile", "Minutes of the last meeting"),
		// 24 a layer that is off when the document opens
		"<</Type/OCG/Name(Hidden notes)>>",
	)
}

// tinyPDF is one page of 90 x 60 points, narrower than the page number.
func tinyPDF() []byte {
	return rawPDF(
		"<</Type/Catalog/Pages 2 0 R>>",
		"<</Type/Pages/Kids[3 0 R]/Count 1>>",
		"<</Type/Page/Parent 2 0 R/MediaBox[0 0 90 60]/Contents 4 0 R>>",
		stream("", "0 g 10 40 20 10 re f"),
	)
}

// oddPageDisplay is the display size (points) and rotation of oddPDF's
// pages, as a viewer shows them.
var oddPageDisplay = []struct {
	W, H float64
	Rot  int
}{{420, 500, 90}, {550, 460, 180}, {550, 380, 270}, {595, 842, 0}}
