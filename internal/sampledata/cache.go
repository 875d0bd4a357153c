package sampledata

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
)

// scaledVersion changes whenever WriteScaled's output changes, so cached
// folders written by an older generator are written again.
const scaledVersion = 2

// stampFile, in a cached folder, records the Scale and generator version it
// was written with.
const stampFile = "sampledata-scale.txt"

// CacheDir is the folder that cached scaled data sets are kept in:
// $BOARDPACK_BENCH_DATA if set, else the system temporary folder.
func CacheDir() string {
	if d := os.Getenv("BOARDPACK_BENCH_DATA"); d != "" {
		return d
	}
	return os.TempDir()
}

// LargeName is the cached folder name of the large data set at fraction of
// its full size: "boardpack-large-0.25", "boardpack-large-1".
func LargeName(fraction float64) string {
	return "boardpack-large-" + strconv.FormatFloat(fraction, 'f', -1, 64)
}

// ReaderTargetName is the cached folder name of ReaderTarget.
const ReaderTargetName = "boardpack-reader-target"

// Cached returns CacheDir()/name holding the data set of size s, writing it
// first if it is missing or was written with another size or generator.
// The folder is written under a temporary name and renamed into place, so
// concurrent callers (go test runs packages in parallel) never see half of
// one.
func Cached(name string, s Scale) (string, error) {
	parent := CacheDir()
	dir := filepath.Join(parent, name)
	stamp := fmt.Sprintf("%+v version=%d\n", s, scaledVersion)
	current := func() bool {
		b, err := os.ReadFile(filepath.Join(dir, stampFile))
		return err == nil && string(b) == stamp
	}
	if current() {
		return dir, nil
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(parent, "."+name+".tmp-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	if err := WriteScaled(tmp, s); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(tmp, stampFile), []byte(stamp), 0o644); err != nil {
		return "", err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return "", err
	}
	if !current() {
		if err := os.RemoveAll(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if current() { // another process put it in place first
			return dir, nil
		}
		return "", err
	}
	return dir, nil
}
