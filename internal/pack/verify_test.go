package pack

import (
	"encoding/hex"
	"fmt"
	"image"
	"math"
	"os"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// packedDoc is a source document as the pack should hold it.
type packedDoc struct {
	Path  string // the source PDF on disk
	Title string // its item bookmark
	Start int    // its first pack page
	Pages int
}

// verifyPack checks a pack against its sources with qpdf and poppler:
// structure, page numbers, page boxes, rendering, bookmarks and links. It
// returns the pack as qpdf --json reads it, for the caller's own checks.
func verifyPack(t *testing.T, packPath string, total int, docs []packedDoc, dpi int) *qpdfJSON {
	t.Helper()
	qpdfCheck(t, packPath)
	packBoxes := pageBoxes(t, packPath)
	if n := len(packBoxes); n != total {
		t.Fatalf("pack has %d pages, want %d", n, total)
	}
	checkPageNumbers(t, packPath, total)
	packQ := readQPDFJSON(t, packPath)
	packLinks := packQ.links()
	// The whole pack is rendered once, in parts run side by side, and each
	// item's pages are compared with its own rendering. The items are
	// checked side by side, each source rendered by one pdftoppm: a part
	// of its own would parse the source again.
	packImgs := renderGray(t, packPath, 1, total, dpi, runtime.GOMAXPROCS(0))
	t.Run("items", func(t *testing.T) {
		for _, d := range docs {
			t.Run(d.Title, func(t *testing.T) {
				t.Parallel()
				checkBoxes(t, d, pageBoxes(t, d.Path), packBoxes)
				checkRendering(t, d, packImgs[d.Start-1:d.Start-1+d.Pages], dpi)
				srcQ := readQPDFJSON(t, d.Path)
				checkItemOutline(t, d, srcQ, packQ)
				checkLinks(t, d, srcQ, namedDests(t, d.Path), packLinks)
			})
		}
	})
	return packQ
}

var spaces = regexp.MustCompile(`\s+`)

// checkPageNumbers: every page carries "Page n of N", its own number.
func checkPageNumbers(t *testing.T, packPath string, total int) {
	t.Helper()
	texts := pageTexts(t, packPath)
	if len(texts) != total {
		t.Fatalf("pdftotext found %d pages, want %d", len(texts), total)
	}
	missing := 0
	for i, text := range texts {
		want := fmt.Sprintf("Page %d of %d", i+1, total)
		if !strings.Contains(spaces.ReplaceAllString(text, " "), want) {
			missing++
			if missing <= 5 {
				t.Errorf("page %d does not carry %q", i+1, want)
			}
		}
	}
	if missing > 5 {
		t.Errorf("... %d pages in all lack their number", missing)
	}
}

// checkBoxes: each page keeps its size, rotation, media and crop box.
func checkBoxes(t *testing.T, d packedDoc, src, pack []boxInfo) {
	t.Helper()
	if len(src) != d.Pages {
		t.Fatalf("source has %d pages, the pack placed %d", len(src), d.Pages)
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 0.01 }
	for i, s := range src {
		p := pack[d.Start-1+i]
		same := near(s.W, p.W) && near(s.H, p.H) && s.Rot == p.Rot
		for k := range 4 {
			same = same && near(s.Media[k], p.Media[k]) && near(s.Crop[k], p.Crop[k])
		}
		if !same {
			t.Errorf("page %d (pack page %d): source %+v, pack %+v", i+1, d.Start+i, s, p)
		}
	}
}

// checkRendering: every page renders as its source does outside the stamp
// band, and the stamp sits in the band, centred, running across the page
// as displayed. pack holds the pack's renderings of d's pages.
func checkRendering(t *testing.T, d packedDoc, pack []*image.Gray, dpi int) {
	t.Helper()
	src := renderGray(t, d.Path, 1, d.Pages, dpi, 1)
	band := bandRows(dpi)
	for i := range src {
		a, b := src[i], pack[i]
		if a.Rect != b.Rect {
			t.Errorf("page %d: renders %v in the pack, %v alone", i+1, b.Rect, a.Rect)
			continue
		}
		outside, stamp := imageDiff(a, b, band)
		if outside > 0.001 {
			t.Errorf("page %d: %.3f%% of pixels outside the band differ from the source", i+1, outside*100)
		}
		w, h := a.Rect.Dx(), a.Rect.Dy()
		cx := float64(stamp.Min.X+stamp.Max.X) / 2
		switch {
		case stamp.Empty():
			t.Errorf("page %d: no page number drawn in the bottom band", i+1)
		case math.Abs(cx-float64(w)/2) > 2:
			t.Errorf("page %d: page number centred at x=%.0f of %d pixels", i+1, cx, w)
		case stamp.Dx() < 2*stamp.Dy() && w > 30:
			t.Errorf("page %d: page number %v is not a line across the page (upright?)", i+1, stamp)
		case stamp.Min.Y < h-band:
			t.Errorf("page %d: page number reaches above the band: %v", i+1, stamp)
		}
	}
}

// checkItemOutline: the item has one bookmark, to its first page, and the
// document's own bookmarks are nested under it with their targets kept.
func checkItemOutline(t *testing.T, d packedDoc, srcQ, packQ *qpdfJSON) {
	t.Helper()
	var item *outlineJSON
	for i := range packQ.Outlines {
		if packQ.Outlines[i].Title == d.Title {
			item = &packQ.Outlines[i]
		}
	}
	if item == nil {
		t.Fatalf("no top-level bookmark %q", d.Title)
	}
	if item.DestPage != d.Start {
		t.Errorf("bookmark %q goes to page %d, want %d", d.Title, item.DestPage, d.Start)
	}
	compareOutlines(t, srcQ.Outlines, item.Kids, d.Start-1, d.Title)
}

func compareOutlines(t *testing.T, src, pack []outlineJSON, offset int, path string) {
	t.Helper()
	if len(src) != len(pack) {
		t.Errorf("%s: %d bookmarks below, the source has %d", path, len(pack), len(src))
		return
	}
	for i := range src {
		s, p := src[i], pack[i]
		want := 0
		if s.DestPage > 0 {
			want = s.DestPage + offset
		}
		if s.Title != p.Title || p.DestPage != want {
			t.Errorf("%s: bookmark %d is %q to page %d, want %q to page %d", path, i+1, p.Title, p.DestPage, s.Title, want)
		}
		compareOutlines(t, s.Kids, p.Kids, offset, path+" > "+s.Title)
	}
}

// checkLinks: every page has its source's links, web links to the same
// address and internal links to the same page, moved to pack numbering;
// named destinations are resolved.
func checkLinks(t *testing.T, d packedDoc, srcQ *qpdfJSON, named map[string]int, packLinks [][]link) {
	t.Helper()
	srcLinks := srcQ.links()
	for i, sl := range srcLinks {
		pl := packLinks[d.Start-1+i]
		if len(sl) != len(pl) {
			t.Errorf("page %d: %d links in the pack, %d in the source", i+1, len(pl), len(sl))
			continue
		}
		for k, s := range sl {
			want := s
			if s.Named != "" {
				want.Page, want.Named = named[nameKey(s.Named)], ""
			}
			if want.Page > 0 {
				want.Page += d.Start - 1
			}
			if want != pl[k] {
				t.Errorf("page %d link %d: %+v in the pack, want %+v", i+1, k+1, pl[k], want)
			}
		}
	}
}

// nameKey turns qpdf's JSON form of a destination name or string into the
// text pdfinfo -dests prints.
func nameKey(s string) string {
	switch {
	case strings.HasPrefix(s, "u:"):
		return s[2:]
	case strings.HasPrefix(s, "b:"):
		b, _ := hex.DecodeString(s[2:])
		return string(b)
	}
	return strings.TrimPrefix(s, "/")
}

var reDest = regexp.MustCompile(`^\s*(\d+)\s+\[.*\]\s+"(.*)"$`)

// namedDests maps each named destination to its page, from pdfinfo -dests.
func namedDests(t *testing.T, path string) map[string]int {
	t.Helper()
	m := map[string]int{}
	for _, line := range strings.Split(string(runTool(t, "pdfinfo", "-dests", path)), "\n") {
		if g := reDest.FindStringSubmatch(line); g != nil {
			n, _ := strconv.Atoi(g[1])
			m[g[2]] = n
		}
	}
	return m
}

// keep writes a pack under $BOARDPACK_KEEP, if set, to look at it.
func keep(t *testing.T, name string, data []byte) {
	if dir := os.Getenv("BOARDPACK_KEEP"); dir != "" {
		if err := os.WriteFile(dir+"/"+name, data, 0o644); err != nil {
			t.Log(err)
		}
	}
}
