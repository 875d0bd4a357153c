package pipeline

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLinksInTheDataFolderAreRefused: a symbolic link in the data folder
// stops the run with an error naming it. Skipped, a linked month folder
// made last month's papers come out as the latest, and a linked workbook
// was read by nobody and missing from the manifest.
func TestLinksInTheDataFolderAreRefused(t *testing.T) {
	cases := map[string]func(t *testing.T, dir string) string{
		"month folder": func(t *testing.T, dir string) string {
			elsewhere := filepath.Join(t.TempDir(), "july")
			if err := os.Rename(filepath.Join(dir, "2023-06"), elsewhere); err != nil {
				t.Fatal(err)
			}
			return link(t, elsewhere, filepath.Join(dir, "2023-06"))
		},
		"workbook": func(t *testing.T, dir string) string {
			trackers, _ := filepath.Glob(filepath.Join(dir, "2023-06", "Improvement Plan Tracker*.xlsx"))
			elsewhere := filepath.Join(t.TempDir(), "tracker.xlsx")
			if err := os.Rename(trackers[0], elsewhere); err != nil {
				t.Fatal(err)
			}
			return link(t, elsewhere, trackers[0])
		},
		"dangling link": func(t *testing.T, dir string) string {
			return link(t, "/no/such/file.xlsx", filepath.Join(dir, "2023-06", "kpis.xlsx"))
		},
	}
	for name, plant := range cases {
		t.Run(name, func(t *testing.T) {
			dir := copySample(t)
			linkPath := plant(t, dir)
			setup, err := Prepare(Options{Data: dir})
			if err != nil {
				t.Fatal(err)
			}
			snap, err := setup.Read()
			if err == nil {
				t.Fatalf("the data folder was read with %s a link: %d files", linkPath, len(snap.Files()))
			}
			if !errors.Is(err, ErrLink) || KindOf(err) != IO || !strings.Contains(err.Error(), linkPath) {
				t.Errorf("error %q (%v) does not name the link %s", err, KindOf(err), linkPath)
			}
		})
	}
}

// TestOutputFolderInsideTheDataFolderIsPassedOver: the papers of an output
// folder kept inside the data folder are links (see internal/outset); they
// are not inputs, so validate, which names no output folder, still reads
// the data.
func TestOutputFolderInsideTheDataFolderIsPassedOver(t *testing.T) {
	dir := copySample(t)
	out := filepath.Join(dir, "papers")
	os.MkdirAll(filepath.Join(out, ".boardpack", "current"), 0o755)
	os.WriteFile(filepath.Join(out, ".boardpack", "current", "cabinet-2023-06.pdf"), []byte("%PDF"), 0o644)
	link(t, ".boardpack/current/cabinet-2023-06.pdf", filepath.Join(out, "cabinet-2023-06.pdf"))
	link(t, ".boardpack/current/manifest.json", filepath.Join(out, "manifest.json"))
	if _, err := snapshot(dir, "", inputExts); err != nil {
		t.Fatalf("links to papers stopped the read: %v", err)
	}
}

// TestDataFolderGivenAsALinkIsRead: the folder named on the command line
// may be a link (an operator's choice, not something found inside it).
func TestDataFolderGivenAsALinkIsRead(t *testing.T) {
	dir := copySample(t)
	l := link(t, dir, filepath.Join(t.TempDir(), "exports"))
	setup, err := Prepare(Options{Data: l})
	if err != nil {
		t.Fatal(err)
	}
	snap, err := setup.Read()
	if err != nil {
		t.Fatal(err)
	}
	whole, err := snapshot(dir, "", inputExts)
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Files()) != len(whole.Files()) {
		t.Errorf("through the link %d files were read, %d without it", len(snap.Files()), len(whole.Files()))
	}
}

func link(t *testing.T, target, at string) string {
	t.Helper()
	if err := os.Symlink(target, at); err != nil {
		t.Fatal(err)
	}
	return at
}
