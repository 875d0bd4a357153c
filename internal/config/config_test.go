package config

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadSampleConfig(t *testing.T) {
	c, err := Load("../../sample-data/boardpack.yaml", false)
	if err != nil {
		t.Fatal(err)
	}
	if c.Council != "Northmoor Borough Council" || c.Targets.Caseload != 18 || len(c.Meetings.Board.Calendar()) < 6 {
		t.Errorf("config = %+v", c)
	}
	if len(c.RAG) != 5 || !c.HasTheme("caseloads") {
		t.Errorf("defaults not kept: RAG %d levels, themes %v", len(c.RAG), c.Themes)
	}
}

// TestConfigErrorsNameTheProblem checks that every mistake in
// boardpack.yaml is an *Error naming the file, the line and the key in the
// user's terms, never Go's ("field councill not found in type config.Config").
func TestConfigErrorsNameTheProblem(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		src, want string
		line      int
	}{
		{"council: X\ncouncill: red\n", `councill: unknown key (did you mean "council"?)`, 2},
		{"meetings:\n  board:\n    dates: [2023-07-12, 12/09/2023]\n", `meetings.board.dates[1]: date "12/09/2023" is not YYYY-MM-DD`, 3},
		{"meetings:\n  board:\n    date: 2023-07-12\n", `meetings.board.date: a meeting now has a calendar: write dates: [2023-07-12, ...]`, 3},
		{"meetings:\n  board:\n    chair: Cllr Smith\n", `meetings.board.chair: unknown key; the keys allowed under meetings.board are: agenda, date, dates, members, name, report_by, time, venue`, 3},
		{"colours:\n  accent: navy\n", `colours.accent: colour "navy" is not #RRGGBB`, 2},
		{"colours:\n  accent: \"#FFFF00\"\n", `colours.accent: #FFFF00 has a contrast of 1.1:1 with white`, 2},
		{"targets:\n  caseload: eighteen\n", `targets.caseload: "eighteen" is not a number`, 2},
		{"scrutiny_themes: workforce\n", `scrutiny_themes: expected a list`, 1},
		{"council: [unclosed\n", `not valid YAML`, 0},
		{"headers:\n  Proj Name: priority area\n  Owner:\n", `headers: "Owner" must map to a column name`, 3},
		{"logo: missing.png\n", "logo: cannot read", 1},
		{"rag:\n  - {code: C, label: Complete, colour: \"#1F5FAD\"}\n", `rag[0].code: "C" is not one of B, G, A, R, NR`, 2},
		{"vocabulary:\n  rag:\n    On target: G\n    Exceeding: purple\n", `vocabulary.rag.Exceeding: "purple" is not a rating: use R, A, G, B or NR`, 4},
		{"vocabulary:\n  status:\n    Actioned: done-ish\n", `vocabulary.status.Actioned: "done-ish" is not a status: use not started, in progress, complete`, 3},
		{"vocabulary:\n  status:\n    Actioned:\n", `"Actioned" must map to what it means`, 3},
		{"vocabulary:\n  colours:\n    Red: R\n", `vocabulary.colours: unknown key`, 2},
	}
	for _, tc := range cases {
		p := write(t, dir, "boardpack.yaml", []byte(tc.src))
		_, err := Load(p, false)
		var ce *Error
		if !errors.As(err, &ce) {
			t.Errorf("%q: error %v (%T), want a *config.Error", tc.src, err, err)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), p) {
			t.Errorf("%q: error %q, want it to start with the file and say %q", tc.src, err, tc.want)
		}
		if tc.line > 0 && ce.Line != tc.line {
			t.Errorf("%q: error on line %d, want line %d", tc.src, ce.Line, tc.line)
		}
		if strings.Contains(err.Error(), "config.") || strings.Contains(err.Error(), "float64") {
			t.Errorf("%q: error %q speaks Go", tc.src, err)
		}
	}
	if _, err := Load(filepath.Join(dir, "none.yaml"), true); err != nil {
		t.Errorf("optional missing config: %v", err)
	}
}

func TestLogoChecks(t *testing.T) {
	var b bytes.Buffer
	png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 64, 32)))
	good := bytes.Clone(b.Bytes())
	if err := checkLogo(good); err != nil {
		t.Errorf("8-bit PNG refused: %v", err)
	}
	b.Reset()
	png.Encode(&b, image.NewRGBA64(image.Rect(0, 0, 64, 32)))
	if err := checkLogo(b.Bytes()); err == nil || !strings.Contains(err.Error(), "16-bit") {
		t.Errorf("16-bit PNG: %v", err)
	}
	interlaced := append([]byte(nil), good...)
	interlaced[28] = 1
	if err := checkLogo(interlaced); err == nil {
		t.Error("interlaced PNG accepted")
	}
	if err := checkLogo([]byte("GIF89a not really")); err == nil {
		t.Error("not an image accepted")
	}
	dir := t.TempDir()
	write(t, dir, "logo.png", good)
	c, err := Load(write(t, dir, "boardpack.yaml", []byte("logo: logo.png\n")), false)
	if err != nil || !bytes.Equal(c.LogoData, good) {
		t.Errorf("logo relative to the config: %v", err)
	}
}

// TestVocabularyAndHeaders reads the vocabulary and headers sections in
// file order, with their lines.
func TestVocabularyAndHeaders(t *testing.T) {
	src := "headers:\n  \"Proj. Name\": priority area\n  Register Ref: ignore\nvocabulary:\n  rag:\n    \"On target\": G\n    Behind: A\n  status:\n    Actioned: complete\n"
	c, err := Parse("boardpack.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Headers) != 2 || c.Headers[1].Heading != "Register Ref" || c.Headers[1].Field != "ignore" || c.Headers[1].Line != 3 {
		t.Errorf("headers %+v", c.Headers)
	}
	v := c.Vocabulary
	if len(v.RAG) != 2 || v.RAG[0].Word != "On target" || v.RAG[0].Means != "G" || v.RAG[1].Line != 7 ||
		len(v.Status) != 1 || v.Status[0].Means != "complete" {
		t.Errorf("vocabulary %+v", v)
	}
}
