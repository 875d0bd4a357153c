// Package lockfile stops two boardpack runs from writing the same output
// folder at once. The lock is an advisory flock(2) on a file in the folder:
// the kernel releases it when the holding process exits or is killed, so a
// crashed run never leaves a lock that blocks the next one. The file also
// records who holds it, for the message the loser prints.
package lockfile

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
)

// Name is the lock file's name inside the output folder.
const Name = ".boardpack.lock"

// ErrHeld is returned (wrapped in *HeldError) when another process holds
// the lock.
var ErrHeld = errors.New("the output folder is locked by another run")

// ErrNotPlain is returned (wrapped, with the path) when the lock path is a
// symbolic link, not a regular file, or a file with other hard links.
var ErrNotPlain = errors.New("the lock file is a symbolic link, a hard link or not a regular file; remove it and run again")

// HeldError says who holds the lock.
type HeldError struct {
	Path   string
	Holder string // "pid 1234 on host, since 2023-07-01T06:30:00Z", as the holder wrote it
}

func (e *HeldError) Error() string {
	h := e.Holder
	if h == "" {
		h = "an unknown process"
	}
	return fmt.Sprintf("%s: another boardpack run holds the lock (%s)", e.Path, h)
}

func (e *HeldError) Unwrap() error { return ErrHeld }

// Lock is a held lock.
type Lock struct {
	f *os.File
}

// Acquire takes the lock in dir, waiting up to wait for another holder to
// finish (0 means do not wait). now stamps the holder record.
func Acquire(dir string, wait time.Duration, now time.Time) (*Lock, error) {
	path := dir + string(os.PathSeparator) + Name
	f, err := openLock(path)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(wait)
	for {
		err = tryLock(f)
		if err == nil {
			break
		}
		if !errors.Is(err, errWouldBlock) {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		if !time.Now().Before(deadline) {
			holder, _ := os.ReadFile(path)
			f.Close()
			return nil, &HeldError{Path: path, Holder: strings.TrimSpace(string(holder))}
		}
		time.Sleep(100 * time.Millisecond)
	}
	host, _ := os.Hostname()
	rec := fmt.Sprintf("pid %d on %s, since %s\n", os.Getpid(), host, now.UTC().Format(time.RFC3339))
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(rec), 0)
	}
	return &Lock{f: f}, nil
}

// openLock opens the lock file at path, creating it, without following a
// symbolic link: boardpack often runs as root, and a link planted in the
// output folder must not make it truncate the file the link points to. A
// link, anything but a regular file, or a file with other hard links is
// refused with an error naming path.
func openLock(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|noFollow, 0o644)
	if err != nil {
		if st, lerr := os.Lstat(path); lerr == nil && st.Mode()&os.ModeSymlink != 0 {
			return nil, fmt.Errorf("lock %s: %w", path, ErrNotPlain)
		}
		return nil, fmt.Errorf("open lock: %w", err)
	}
	st, err := f.Stat()
	if err == nil && (!st.Mode().IsRegular() || links(st) > 1) {
		err = ErrNotPlain
	}
	if err == nil {
		// Where the platform cannot open without following, check the
		// path again after opening.
		if lst, lerr := os.Lstat(path); lerr != nil || !os.SameFile(st, lst) {
			err = ErrNotPlain
		}
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return f, nil
}

// Release gives up the lock. The file stays, empty of any holder.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	_ = l.f.Truncate(0)
	err := unlock(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}
