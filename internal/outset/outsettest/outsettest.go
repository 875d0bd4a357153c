// Package outsettest holds what the tests of output sets share: reading an
// output folder as a reader of it would.
package outsettest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Visible is what a reader finds in an output folder: each name it can
// open, with its bytes. Hidden names (the .boardpack state) are left out,
// and so is a link made for a set not switched in yet.
func Visible(t testing.TB, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		got[e.Name()] = string(b)
	}
	return got
}
