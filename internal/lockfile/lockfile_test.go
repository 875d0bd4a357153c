package lockfile

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSecondHolderIsRefusedWithTheHolderNamed(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2023, 7, 3, 6, 30, 0, 0, time.UTC)
	l, err := Acquire(dir, 0, now)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Acquire(dir, 0, now)
	var he *HeldError
	if !errors.As(err, &he) || !errors.Is(err, ErrHeld) {
		t.Fatalf("second Acquire = %v, want a HeldError", err)
	}
	if !strings.Contains(he.Holder, "since 2023-07-03T06:30:00Z") {
		t.Errorf("holder %q does not say who and since when", he.Holder)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	l2, err := Acquire(dir, 0, now)
	if err != nil {
		t.Fatalf("Acquire after Release: %v", err)
	}
	l2.Release()
}

func TestWaitsForTheHolderToFinish(t *testing.T) {
	dir := t.TempDir()
	l, err := Acquire(dir, 0, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(300 * time.Millisecond)
		l.Release()
	}()
	l2, err := Acquire(dir, 10*time.Second, time.Now())
	if err != nil {
		t.Fatalf("waiting Acquire: %v", err)
	}
	l2.Release()
}

// TestKilledHolderDoesNotBlock kills a process holding the lock with
// SIGKILL, as cron's timeout or the OOM killer would, and takes the lock.
func TestKilledHolderDoesNotBlock(t *testing.T) {
	if os.Getenv("LOCKFILE_HOLD") != "" {
		if _, err := Acquire(os.Getenv("LOCKFILE_HOLD"), 0, time.Now()); err != nil {
			os.Exit(3)
		}
		os.Stdout.WriteString("held\n")
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledHolderDoesNotBlock$")
	cmd.Env = append(os.Environ(), "LOCKFILE_HOLD="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 5)
	if _, err := out.Read(buf); err != nil || string(buf) != "held\n" {
		t.Fatalf("holder did not take the lock: %q %v", buf, err)
	}
	if _, err := Acquire(dir, 0, time.Now()); !errors.Is(err, ErrHeld) {
		t.Fatalf("lock not held while the holder runs: %v", err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	if _, err := os.Stat(filepath.Join(dir, Name)); err != nil {
		t.Fatalf("lock file gone: %v (the test should show a stale file does not block)", err)
	}
	l, err := Acquire(dir, 0, time.Now())
	if err != nil {
		t.Fatalf("lock left by a killed run blocks the next run: %v", err)
	}
	l.Release()
}

// TestLinkAsLockIsRefusedAndItsTargetKept plants a symbolic link and a hard
// link where the lock file goes, pointing at a file that matters: boardpack
// runs as root under systemd, and following either would truncate the
// target. Both are refused with the lock path named, and the target keeps
// its bytes.
func TestLinkAsLockIsRefusedAndItsTargetKept(t *testing.T) {
	for _, kind := range []string{"symlink", "hardlink", "dangling symlink"} {
		t.Run(kind, func(t *testing.T) {
			dir := t.TempDir()
			target := filepath.Join(t.TempDir(), "passwd")
			if err := os.WriteFile(target, []byte("root:x:0:0\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			lock := filepath.Join(dir, Name)
			var err error
			switch kind {
			case "symlink":
				err = os.Symlink(target, lock)
			case "hardlink":
				err = os.Link(target, lock)
			case "dangling symlink":
				os.Remove(target)
				err = os.Symlink(target, lock)
			}
			if err != nil {
				t.Fatal(err)
			}
			l, err := Acquire(dir, 0, time.Now())
			if err == nil {
				l.Release()
				t.Fatalf("Acquire took a lock through a %s", kind)
			}
			if !errors.Is(err, ErrNotPlain) || !strings.Contains(err.Error(), lock) {
				t.Errorf("error %q does not say the lock path %s is a link", err, lock)
			}
			b, rerr := os.ReadFile(target)
			switch {
			case kind == "dangling symlink":
				if rerr == nil {
					t.Errorf("a dangling link's target was created: %q", b)
				}
			case string(b) != "root:x:0:0\n":
				t.Errorf("the link's target now holds %q", b)
			}
		})
	}
}
