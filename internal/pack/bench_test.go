package pack

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/boardpack/boardpack/internal/corpus"
)

// benchExternals are ten corpus files for a pack of about 200 pages: the
// four papers (60 pages) and front matter add the rest.
var benchExternals = []string{
	"ofsted-ilacs-word365-worcestershire-2023.pdf",
	"ofsted-ilacs-office365-xrefstm-cambridgeshire-2019.pdf",
	"ofsted-ilacs-word2013-pdf14-norfolk-2018.pdf",
	"ofsted-sif-word2010-bookmarks-brighton-2015.pdf",
	"pdfmaker25-word-outlines-17p.pdf",
	"scan-journal-18p-2up.pdf",
	"kami-mixed-page-sizes.pdf",
	"itext-mixed-sizes-offset-mediabox.pdf",
	"word2016-a3-landscape.pdf",
	"scan-ricoh-rotate270-a5.pdf",
}

// BenchmarkAssemble builds a meeting pack: front matter, four 15-page
// papers made with fpdf, and ten external PDFs from the corpus.
//
//	BOARDPACK_CORPUS=/work/shared/corpus go test ./internal/pack -run '^$' -bench Assemble -benchmem
func BenchmarkAssemble(b *testing.B) {
	dir := corpus.Dir(b, "pdfs")
	var items []Item
	var titles []string
	for i, name := range []string{"Cabinet report", "Scrutiny report", "Improvement Board highlight report", "Action plan appendix"} {
		pages := make([]paperPage, 15)
		for k := range pages {
			pages[k] = a4
			if i == 3 {
				pages[k] = a4L
			}
		}
		items = append(items, Item{Title: fmt.Sprintf("%d. %s", i+1, name), PDF: paper(b, name, pages...)})
	}
	for i, f := range benchExternals {
		items = append(items, Item{Title: fmt.Sprintf("%d. %s", i+5, f), Path: filepath.Join(dir, f)})
	}
	for _, it := range items {
		titles = append(titles, it.Title)
	}
	b.ResetTimer()
	var pages, size int
	for range b.N {
		p, err := Assemble(items, (&fakeFront{titles: titles, perPage: 20}).render, Options{Title: "Benchmark pack", Date: testDate})
		if err != nil {
			b.Fatal(err)
		}
		pages, size = p.Total, len(p.PDF)
	}
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(size)/1e6, "MB")
}
