package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/boardpack/boardpack/internal/lockfile"
	"github.com/boardpack/boardpack/internal/outset"
	"github.com/boardpack/boardpack/internal/pipeline"
)

// outFile is a file to write into the output folder.
type outFile struct {
	name string
	data []byte
}

// writeAll writes files into dir (a templates folder) atomically each: it
// is first written to a synced temporary file beside its place, and only
// when all are staged are they renamed into place, in the order given, and
// the folder synced. A full disk or an error leaves the folder as it was.
// Papers and packs go through writeSet instead.
func writeAll(dir string, files []outFile) error {
	temps := make([]string, len(files))
	defer func() {
		for _, t := range temps {
			if t != "" {
				os.Remove(t)
			}
		}
	}()
	for i, f := range files {
		t, err := stage(filepath.Join(dir, f.name), f.data)
		if err != nil {
			return err
		}
		temps[i] = t
	}
	for i, f := range files {
		if err := os.Rename(temps[i], filepath.Join(dir, f.name)); err != nil {
			return fmt.Errorf("write %s: %w", filepath.Join(dir, f.name), err)
		}
		temps[i] = ""
	}
	return outset.SyncDir(dir)
}

// writeSet writes a run's papers (or packs) and manifest into the output
// folder as one set: readers and a crash see all of the previous run's
// files or all of the new ones (see internal/outset). generate and pack
// both write through it; the caller holds the folder's lock.
func writeSet(dir string, files []outFile) error {
	set := make([]outset.File, len(files))
	for i, f := range files {
		set[i] = outset.File{Name: f.name, Data: f.data}
	}
	return outset.Write(dir, set, stepPause())
}

// stage writes b to a synced temporary file beside path and returns its name.
func stage(path string, b []byte) (name string, err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	_, werr := tmp.Write(b)
	if werr == nil {
		werr = tmp.Sync()
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp.Name(), 0o644)
	}
	if werr != nil {
		return "", fmt.Errorf("write %s: %w", path, werr)
	}
	return tmp.Name(), nil
}

// lockOut makes the output folder and takes its lock, waiting up to wait
// for another run to finish: a held lock is a Locked error, any
// other failure an IO error.
func lockOut(dir string, wait time.Duration, now time.Time) (*lockfile.Lock, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, pipeline.Wrap(pipeline.IO, err)
	}
	lock, err := lockfile.Acquire(dir, wait, now)
	if err != nil {
		var held *lockfile.HeldError
		if errors.As(err, &held) {
			return nil, pipeline.Wrap(pipeline.Locked, err)
		}
		return nil, pipeline.Wrap(pipeline.IO, err)
	}
	return lock, nil
}
