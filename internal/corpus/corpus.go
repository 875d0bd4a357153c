// Package corpus finds the shared corpus of real third-party spreadsheets
// and PDFs for the tests that read it. The corpus is read where it lies
// (../shared/corpus beside the repository, or $BOARDPACK_CORPUS), never
// copied into the repository.
package corpus

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Dir returns the corpus's sub-folder sub ("xlsx" or "pdfs"), the folder
// that holds its manifest.tsv. Where it cannot be found the test fails,
// saying how to point at it; BOARDPACK_NO_CORPUS=1 skips it, explicitly.
func Dir(t testing.TB, sub string) string {
	t.Helper()
	if os.Getenv("BOARDPACK_NO_CORPUS") == "1" {
		t.Skip("BOARDPACK_NO_CORPUS=1: corpus tests skipped on request")
	}
	var candidates []string
	if env := os.Getenv("BOARDPACK_CORPUS"); env != "" {
		candidates = append(candidates, filepath.Join(env, sub))
	} else {
		_, here, _, _ := runtime.Caller(0)
		root := filepath.Join(filepath.Dir(here), "..", "..")
		// Beside the repository (a clone, CI), or beside a worktree's folder.
		candidates = append(candidates, filepath.Join(root, "..", "shared", "corpus", sub),
			filepath.Join(root, "..", "..", "shared", "corpus", sub))
	}
	for _, c := range candidates {
		if _, err := os.Stat(filepath.Join(c, "manifest.tsv")); err == nil {
			return c
		}
	}
	t.Fatalf("the corpus is not at %s: set BOARDPACK_CORPUS to the folder holding %s/manifest.tsv (e.g. /work/shared/corpus), or BOARDPACK_NO_CORPUS=1 to skip these tests",
		strings.Join(candidates, " or "), sub)
	return ""
}
