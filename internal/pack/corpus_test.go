package pack

import (
	"bytes"
	"errors"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/boardpack/boardpack/internal/corpus"
)

// The acceptance test runs over the real third-party PDFs of the shared
// corpus (../shared/corpus/pdfs beside the repository, or
// $BOARDPACK_CORPUS/pdfs). They are never copied into the repository.

// corpusFiles lists the corpus PDFs in name order.
func corpusFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(corpus.Dir(t, "pdfs"), "*.pdf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no PDFs in the corpus (%v)", err)
	}
	sort.Strings(files)
	return files
}

// What the corpus README says a pack assembler must do with each file:
// these refused, with this kind...
var corpusRefusals = map[string]error{
	"ofsted-html-not-a-pdf-birmingham-2012.pdf": ErrNotPDF,
	"encrypted-needs-user-password.pdf":         ErrPasswordProtected,
}

// ...and these included with these warnings; every other file without.
var corpusWarnings = map[string][]WarningKind{
	"encrypted-acrobatXI-aes256-emptyuser.pdf":  {WarnRestricted},
	"encrypted-pdfmaker-word-aes128-signed.pdf": {WarnRestricted, WarnSigned},
	"libreoffice75-writer-signed.pdf":           {WarnSigned},
	"distiller5-signed-offset-mediabox.pdf":     {WarnSigned, WarnFormFlattened},
}

func TestCorpus(t *testing.T) {
	needTools(t)
	files := corpusFiles(t)
	var items []Item
	var docs []packedDoc
	var refused []string
	for _, f := range files {
		base := filepath.Base(f)
		info, err := Check(f, Options{})
		if kind, ok := corpusRefusals[base]; ok {
			if !errors.Is(err, kind) || !strings.HasPrefix(err.Error(), f+": ") {
				t.Errorf("%s: got %v, want a %v refusal naming the file", base, err, kind)
			}
			t.Logf("refused as expected: %v", err)
			refused = append(refused, f)
			continue
		}
		if err != nil {
			t.Errorf("%s: refused: %v", base, err)
			continue
		}
		var kinds []WarningKind
		for _, w := range info.Warnings {
			kinds = append(kinds, w.Kind)
			t.Logf("warning: %v", w)
		}
		if strings.Join(toStrings(kinds), ",") != strings.Join(toStrings(corpusWarnings[base]), ",") {
			t.Errorf("%s: warnings %v, want %v", base, kinds, corpusWarnings[base])
		}
		title := strings.TrimSuffix(base, ".pdf")
		items = append(items, Item{Title: title, Path: f})
		docs = append(docs, packedDoc{Path: f, Title: title, Pages: info.Pages})
	}
	if len(refused) != len(corpusRefusals) {
		t.Fatalf("refused %d files, want %d", len(refused), len(corpusRefusals))
	}

	t.Run("refusals reported together", func(t *testing.T) {
		var all []Item
		for _, f := range files {
			all = append(all, Item{Title: filepath.Base(f), Path: f})
		}
		_, err := Assemble(all, nil, Options{})
		for _, f := range refused {
			if err == nil || !strings.Contains(err.Error(), f) {
				t.Errorf("error %v does not name %s", err, f)
			}
		}
		if !errors.Is(err, ErrNotPDF) || !errors.Is(err, ErrPasswordProtected) {
			t.Errorf("error %v does not carry both kinds", err)
		}
	})

	titles := make([]string, len(items))
	for i, it := range items {
		titles[i] = it.Title
	}
	front := &fakeFront{titles: titles, perPage: 25}
	opt := Options{Title: "Corpus pack", Date: testDate}
	p, err := Assemble(items, front.render, opt)
	if err != nil {
		t.Fatal(err)
	}
	keep(t, "corpus-pack.pdf", p.PDF)
	for i := range docs {
		docs[i].Start = p.Items[i].Start
		if p.Items[i].Pages != docs[i].Pages {
			t.Errorf("%s: %d pages placed, Check said %d", docs[i].Title, p.Items[i].Pages, docs[i].Pages)
		}
	}
	path := writeTemp(t, "corpus-pack.pdf", p.PDF)
	t.Logf("pack: %d pages (%d front matter), %d bytes", p.Total, p.FrontPages, len(p.PDF))
	packQ := verifyPack(t, path, p.Total, docs, 24)

	t.Run("index links", func(t *testing.T) {
		links := packQ.links()
		n := 0
		for _, l := range links[1] {
			if l.Page == docs[n%len(docs)].Start {
				n++
			}
		}
		if n != len(docs) {
			t.Errorf("index page: %d of %d entries link to their item's first page", n, len(docs))
		}
	})
	t.Run("deterministic", func(t *testing.T) {
		again, err := Assemble(items, (&fakeFront{titles: titles, perPage: 25}).render, opt)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again.PDF, p.PDF) {
			t.Error("the same inputs gave different bytes")
		}
	})
}
