//go:build unix

package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSnapshotRefusesANamedPipe: a named pipe called tracker.xlsx in the
// data folder hung the run forever, holding the lock. The snapshot reads
// regular files only and names the pipe in its error.
func TestSnapshotRefusesANamedPipe(t *testing.T) {
	dir := t.TempDir()
	month := filepath.Join(dir, "2023-06")
	if err := os.MkdirAll(month, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(month, "tracker.xlsx"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := snapshot(dir, "", inputExts)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "tracker.xlsx") || !strings.Contains(err.Error(), "not a regular file (a named pipe)") {
			t.Errorf("snapshot of a folder with a named pipe: %v; want an error naming tracker.xlsx as a named pipe", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("snapshot still reading a named pipe after a minute")
	}
}

// TestReadLimitedRefusesANamedPipe: a workbook swapped for a named pipe
// after the folder was listed is refused when opened, not waited on.
func TestReadLimitedRefusesANamedPipe(t *testing.T) {
	p := filepath.Join(t.TempDir(), "tracker.xlsx")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := readLimited(p)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("readLimited of a named pipe: %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("readLimited still waiting on a named pipe after a minute")
	}
}
