package config

import (
	"bytes"
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
	if c.Council != "Northmoor Borough Council" || c.Targets.Caseload != 18 || c.Meetings.Board.Date.Format("2006-01-02") != "2023-07-12" {
		t.Errorf("config = %+v", c)
	}
	if len(c.RAG) != 5 || !c.HasTheme("caseloads") {
		t.Errorf("defaults not kept: RAG %d levels, themes %v", len(c.RAG), c.Themes)
	}
}

func TestConfigErrorsNameTheProblem(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{
		"council: X\ncolour: red\n":                   "field colour not found",
		"meetings:\n  board:\n    date: 12/07/2023\n": `line 3: date "12/07/2023" is not YYYY-MM-DD`,
		"colours:\n  accent: navy\n":                  `colour "navy" is not #RRGGBB`,
		"logo: missing.png\n":                         "logo: open",
	}
	for src, want := range cases {
		p := write(t, dir, "boardpack.yaml", []byte(src))
		if _, err := Load(p, false); err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), p) {
			t.Errorf("%q: error %v, want it to name %s and say %q", src, err, p, want)
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

func TestRAGCodesAreChecked(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "boardpack.yaml", []byte("rag:\n  - {code: C, label: Complete, colour: \"#1F5FAD\"}\n"))
	if _, err := Load(p, false); err == nil || !strings.Contains(err.Error(), `code "C" is not one of B, G, A, R, NR`) {
		t.Errorf("unknown RAG code: %v", err)
	}
}
