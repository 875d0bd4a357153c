//go:build unix

package pack

import (
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestCheckRefusesANamedPipe: an agenda file or --attach naming a named
// pipe hung the pack forever (holding the output folder's lock), since
// opening a pipe waits for a writer. It is refused by name at once.
func TestCheckRefusesANamedPipe(t *testing.T) {
	p := filepath.Join(t.TempDir(), "letter.pdf")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Check(p, Options{})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrDamaged) || !strings.HasPrefix(err.Error(), p+": ") || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("Check of a named pipe: %v; want a refusal naming the file as a named pipe", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Check still opening a named pipe after 30 s")
	}
}
