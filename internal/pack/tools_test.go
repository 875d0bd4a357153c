package pack

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// These helpers check packs with tools that share no code with this
// package: qpdf and poppler (pdfinfo, pdftotext, pdftoppm).

func needTools(t testing.TB) {
	t.Helper()
	for _, tool := range []string{"qpdf", "pdfinfo", "pdftotext", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed: install the Debian packages qpdf and poppler-utils (./scripts/test.sh does)", tool)
		}
	}
}

func runTool(t testing.TB, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return out
}

func writeTemp(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// qpdfCheck fails the test unless qpdf finds the file free of errors and
// warnings.
func qpdfCheck(t testing.TB, path string) {
	t.Helper()
	out, err := exec.Command("qpdf", "--check", path).CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("No syntax or stream encoding errors found")) || bytes.Contains(out, []byte("WARNING")) {
		t.Fatalf("qpdf --check %s: %v\n%s", path, err, out)
	}
}

// boxInfo is a page's size, rotation and boxes as pdfinfo reports them.
type boxInfo struct {
	W, H      float64
	Rot       int
	Media     [4]float64
	Crop      [4]float64
	HasMedia  bool
	HasCrop   bool
	SizeLabel string
}

var (
	reSize = regexp.MustCompile(`^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts`)
	reRot  = regexp.MustCompile(`^Page\s+(\d+) rot:\s+(-?\d+)`)
	reBox  = regexp.MustCompile(`^Page\s+(\d+) (MediaBox|CropBox):\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)`)
	rePgs  = regexp.MustCompile(`(?m)^Pages:\s+(\d+)`)
)

func pageCount(t testing.TB, path string) int {
	t.Helper()
	m := rePgs.FindSubmatch(runTool(t, "pdfinfo", path))
	if m == nil {
		t.Fatalf("pdfinfo %s: no page count", path)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// pageBoxes returns every page's boxes, one per page pdfinfo counts, from
// one pdfinfo -box over all pages (pdfinfo stops -l at the last page).
func pageBoxes(t testing.TB, path string) []boxInfo {
	t.Helper()
	out := runTool(t, "pdfinfo", "-f", "1", "-l", strconv.Itoa(math.MaxInt32), "-box", path)
	m := rePgs.FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo %s: no page count", path)
	}
	n, _ := strconv.Atoi(string(m[1]))
	boxes := make([]boxInfo, n)
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		if m := reSize.FindStringSubmatch(line); m != nil {
			i, _ := strconv.Atoi(m[1])
			boxes[i-1].W, _ = strconv.ParseFloat(m[2], 64)
			boxes[i-1].H, _ = strconv.ParseFloat(m[3], 64)
		} else if m := reRot.FindStringSubmatch(line); m != nil {
			i, _ := strconv.Atoi(m[1])
			boxes[i-1].Rot, _ = strconv.Atoi(m[2])
		} else if m := reBox.FindStringSubmatch(line); m != nil {
			i, _ := strconv.Atoi(m[1])
			var v [4]float64
			for k := range v {
				v[k], _ = strconv.ParseFloat(m[3+k], 64)
			}
			if m[2] == "MediaBox" {
				boxes[i-1].Media, boxes[i-1].HasMedia = v, true
			} else {
				boxes[i-1].Crop, boxes[i-1].HasCrop = v, true
			}
		}
	}
	return boxes
}

// pageTexts returns the text of every page, from pdftotext.
func pageTexts(t testing.TB, path string) []string {
	t.Helper()
	out := runTool(t, "pdftotext", "-enc", "UTF-8", path, "-")
	pages := strings.Split(string(out), "\f")
	return pages[:len(pages)-1] // pdftotext ends every page with a form feed
}

// info returns pdfinfo's key: value lines.
func docInfo(t testing.TB, path string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, line := range strings.Split(string(runTool(t, "pdfinfo", path)), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			m[k] = strings.TrimSpace(v)
		}
	}
	return m
}

// renderGray renders the visible (crop) box of pages first..last of path
// at dpi, as a viewer shows them, running pdftoppm in up to parts parts
// side by side (each parses the file), and returns the pages in gray.
// pdftoppm renders in colour and the test converts: its own -gray output
// converts every pixel of an ICC-based image through a colour profile, a
// second a page for the scanned and photographed pages of the corpus,
// where the colour rendering takes a few milliseconds.
func renderGray(t testing.TB, path string, first, last, dpi, parts int) []*image.Gray {
	t.Helper()
	dir := t.TempDir()
	parts = max(1, min(parts, last-first+1))
	var wg sync.WaitGroup
	errs := make([]error, parts)
	per := (last - first + parts) / parts
	for k := range parts {
		f, l := first+k*per, min(last, first+(k+1)*per-1)
		if f > l {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := exec.Command("pdftoppm", "-cropbox", "-r", strconv.Itoa(dpi), "-f", strconv.Itoa(f), "-l", strconv.Itoa(l),
				path, filepath.Join(dir, "p")).CombinedOutput()
			if err != nil {
				errs[k] = fmt.Errorf("pdftoppm %s pages %d-%d: %v\n%s", path, f, l, err, out)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "p-*.ppm"))
	sort.Slice(files, func(i, j int) bool { return pgmIndex(files[i]) < pgmIndex(files[j]) })
	if len(files) != last-first+1 {
		t.Fatalf("pdftoppm %s: %d images for pages %d-%d", path, len(files), first, last)
	}
	imgs := make([]*image.Gray, len(files))
	for i, f := range files {
		imgs[i] = readPPMGray(t, f)
	}
	return imgs
}

func pgmIndex(name string) int {
	base := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	n, _ := strconv.Atoi(base[strings.LastIndex(base, "-")+1:])
	return n
}

// readPPMGray reads a binary (P6) 8-bit PPM file as pdftoppm writes it,
// as gray: the luma of each pixel (ITU-R BT.601 weights, as pdftoppm -gray
// converts device RGB).
func readPPMGray(t testing.TB, path string) *image.Gray {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var magic string
	var w, h, maxv int
	r := bytes.NewReader(data)
	if _, err := fmt.Fscan(r, &magic, &w, &h, &maxv); err != nil || magic != "P6" || maxv != 255 {
		t.Fatalf("%s: not an 8-bit P6 PPM (%v)", path, err)
	}
	r.ReadByte() // the single white space after the header
	rgb := data[len(data)-r.Len():]
	if len(rgb) != 3*w*h {
		t.Fatalf("%s: %d bytes of pixels, want %d", path, len(rgb), 3*w*h)
	}
	pix := make([]byte, w*h)
	for i := range pix {
		c := rgb[3*i:]
		pix[i] = uint8((299*int(c[0]) + 587*int(c[1]) + 114*int(c[2]) + 500) / 1000)
	}
	return &image.Gray{Pix: pix, Stride: w, Rect: image.Rect(0, 0, w, h)}
}

// imageDiff compares two renderings of a page: it returns the share of
// pixels above the bottom band rows that differ by more than 64 levels
// (anti-aliasing and rounding stay below), and the bounding box of the
// pixels in the band that differ by more than 24 (the stamp: small text at
// a low resolution is faint).
func imageDiff(a, b *image.Gray, band int) (outside float64, inBand image.Rectangle) {
	w, h := a.Rect.Dx(), a.Rect.Dy()
	bad := 0
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			d := math.Abs(float64(a.Pix[y*a.Stride+x]) - float64(b.Pix[y*b.Stride+x]))
			switch {
			case y < h-band && d > 64:
				bad++
			case y >= h-band && d > 24:
				inBand = inBand.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return float64(bad) / float64(w*(h-band)), inBand
}

// bandRows is how many pixel rows the stamp band takes at dpi, plus one
// for anti-aliasing.
func bandRows(dpi int) int { return int(math.Ceil(BandMM/25.4*float64(dpi))) + 1 }

// qpdfJSON is the part of qpdf --json this package's tests read.
type qpdfJSON struct {
	Pages []struct {
		Object string `json:"object"`
	} `json:"pages"`
	Outlines []outlineJSON     `json:"outlines"`
	QPDF     []json.RawMessage `json:"qpdf"`
	objects  map[string]any    // "12 0 R" -> value
	pageNr   map[string]int    // "12 0 R" -> page number from 1
	trailer  map[string]any
}

type outlineJSON struct {
	Title     string        `json:"title"`
	Dest      []any         `json:"dest"`
	DestPage  int           `json:"destpageposfrom1"`
	Kids      []outlineJSON `json:"kids"`
	ObjectRef string        `json:"object"`
}

func readQPDFJSON(t testing.TB, path string) *qpdfJSON {
	t.Helper()
	out := runTool(t, "qpdf", "--json", "--json-key=pages", "--json-key=outlines", "--json-key=qpdf", path)
	var q qpdfJSON
	if err := json.Unmarshal(out, &q); err != nil {
		t.Fatalf("qpdf --json %s: %v", path, err)
	}
	var objs map[string]struct {
		Value  any `json:"value"`
		Stream *struct {
			Dict any `json:"dict"`
		} `json:"stream"`
	}
	if len(q.QPDF) < 2 {
		t.Fatalf("qpdf --json %s: no objects", path)
	}
	if err := json.Unmarshal(q.QPDF[1], &objs); err != nil {
		t.Fatalf("qpdf --json %s: objects: %v", path, err)
	}
	q.objects = map[string]any{}
	for k, v := range objs {
		if k == "trailer" {
			q.trailer, _ = v.Value.(map[string]any)
			continue
		}
		ref := strings.TrimPrefix(k, "obj:")
		if v.Stream != nil {
			q.objects[ref] = v.Stream.Dict
		} else {
			q.objects[ref] = v.Value
		}
	}
	q.pageNr = map[string]int{}
	for i, p := range q.Pages {
		q.pageNr[p.Object] = i + 1
	}
	return &q
}

// resolve follows a reference ("12 0 R").
func (q *qpdfJSON) resolve(v any) any {
	for range 8 {
		s, ok := v.(string)
		if !ok || !strings.HasSuffix(s, " R") {
			return v
		}
		v = q.objects[s]
	}
	return v
}

func (q *qpdfJSON) dict(v any) map[string]any {
	d, _ := q.resolve(v).(map[string]any)
	return d
}

// link is a link annotation as a test compares it: where it goes.
type link struct {
	URI    string // for a web link
	Page   int    // target page from 1, for an internal link
	Named  string // an unresolved named destination
	Rect   [4]float64
	Remote bool
}

// links returns the link annotations of every page.
func (q *qpdfJSON) links() [][]link {
	out := make([][]link, len(q.Pages))
	for i, p := range q.Pages {
		page := q.dict(p.Object)
		annots, _ := q.resolve(page["/Annots"]).([]any)
		for _, a := range annots {
			ad := q.dict(a)
			if ad["/Subtype"] != "/Link" {
				continue
			}
			var l link
			if r, ok := q.resolve(ad["/Rect"]).([]any); ok && len(r) == 4 {
				for k := range r {
					l.Rect[k], _ = r[k].(float64)
				}
			}
			dest := ad["/Dest"]
			if act := q.dict(ad["/A"]); act != nil {
				switch act["/S"] {
				case "/URI":
					l.URI = strings.TrimPrefix(fmt.Sprint(q.resolve(act["/URI"])), "u:")
				case "/GoTo":
					dest = act["/D"]
				case "/GoToR":
					l.Remote = true
				}
			}
			switch d := q.resolve(dest).(type) {
			case []any:
				if len(d) > 0 {
					l.Page = q.pageNr[fmt.Sprint(d[0])]
				}
			case string:
				l.Named = d
			}
			out[i] = append(out[i], l)
		}
	}
	return out
}

// catalog returns the document catalog.
func (q *qpdfJSON) catalog() map[string]any { return q.dict(q.trailer["/Root"]) }
