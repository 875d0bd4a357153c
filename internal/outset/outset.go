// Package outset writes a run's files into an output folder as one set, so
// that a reader, or a crash, sees either every file of the previous run or
// every file of the new one, never a mix.
//
// The papers stay where users and scheduled jobs look for them, directly in
// the output folder, but each is a symbolic link into the current set:
//
//	out/cabinet-2023-06.pdf -> .boardpack/current/cabinet-2023-06.pdf
//	out/manifest.json       -> .boardpack/current/manifest.json
//	out/.boardpack/current  -> sets/set-123
//	out/.boardpack/sets/set-123/  every file the folder holds
//
// A run writes a complete new set beside the current one (its own files,
// plus hard links to the files it does not replace), syncs it, and switches
// by renaming a new "current" link over the old one: one atomic rename
// flips every paper at once. What an interrupted run leaves (a half-written
// set, temporary links, the previous writer's temporary files) is removed
// by the next one. The caller holds the folder's lock.
package outset

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// StateDir is the folder, inside the output folder, that holds the sets.
const StateDir = ".boardpack"

const (
	currentLink = "current"
	setsDir     = "sets"
	setPrefix   = "set-"
	tempSuffix  = ".tmp"
)

// File is a file of the set: its name in the output folder and its bytes.
type File struct {
	Name string
	Data []byte
}

// ErrInTheWay is returned (wrapped, with the path) when a file of the set
// would replace a folder or a link boardpack did not make.
var ErrInTheWay = errors.New("is in the way: it is a folder or a link boardpack did not make; move it away")

// Write makes files part of dir's set in one switch: after Write returns,
// dir/NAME holds each file's bytes; before, the previous ones; at no moment
// a mix. Files of earlier runs that files does not name are kept. pause, if
// not nil, is called before each step, named, for the kill test.
func Write(dir string, files []File, pause func(step string)) error {
	if pause == nil {
		pause = func(string) {}
	}
	for _, f := range files {
		if f.Name == "" || f.Name != filepath.Base(f.Name) || strings.HasPrefix(f.Name, ".") {
			return fmt.Errorf("write %s: not a plain file name", filepath.Join(dir, f.Name))
		}
	}
	state := filepath.Join(dir, StateDir)
	sets := filepath.Join(state, setsDir)
	if err := os.MkdirAll(sets, 0o755); err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	pause("clean")
	if err := Clean(dir); err != nil {
		return err
	}
	cur, err := current(dir)
	if err != nil {
		return err
	}
	if cur == "" {
		// A first run: an empty current set to switch from.
		pause("first set")
		if cur, err = newSet(sets); err != nil {
			return err
		}
		if err := switchTo(state, cur); err != nil {
			return err
		}
	}
	curPath := filepath.Join(sets, cur)
	for _, f := range files {
		pause("adopt " + f.Name)
		if err := adopt(dir, curPath, f.Name); err != nil {
			return err
		}
	}

	next, err := newSet(sets)
	if err != nil {
		return err
	}
	nextPath := filepath.Join(sets, next)
	naming := map[string]bool{}
	for _, f := range files {
		pause("write " + f.Name)
		if err := writeSynced(filepath.Join(nextPath, f.Name), f.Data); err != nil {
			return err
		}
		naming[f.Name] = true
	}
	kept, err := os.ReadDir(curPath)
	if err != nil {
		return fmt.Errorf("write %s: %w", dir, err)
	}
	for _, e := range kept {
		if naming[e.Name()] || !e.Type().IsRegular() {
			continue
		}
		pause("keep " + e.Name())
		if err := linkOrCopy(filepath.Join(curPath, e.Name()), filepath.Join(nextPath, e.Name())); err != nil {
			return err
		}
	}
	if err := SyncDir(nextPath); err != nil {
		return err
	}
	// New names get their link before the switch: until it, the link
	// leads nowhere, so the name cannot be read as part of either set.
	for _, f := range files {
		pause("link " + f.Name)
		if err := ensureLink(dir, f.Name); err != nil {
			return err
		}
	}
	if err := SyncDir(dir); err != nil {
		return err
	}
	pause("switch")
	if err := switchTo(state, next); err != nil {
		return err
	}
	pause("remove old set")
	if err := os.RemoveAll(curPath); err != nil {
		return fmt.Errorf("remove the previous set %s: %w", curPath, err)
	}
	return SyncDir(sets)
}

// Clean removes what an interrupted run left in dir: sets other than the
// current one, temporary links, links to files the current set lacks, and
// the temporary files of boardpack versions before sets (".NAME.123.tmp").
func Clean(dir string) error {
	state := filepath.Join(dir, StateDir)
	sets := filepath.Join(state, setsDir)
	cur, err := current(dir)
	if err != nil {
		return err
	}
	if entries, err := os.ReadDir(sets); err == nil {
		for _, e := range entries {
			if e.Name() != cur {
				if err := os.RemoveAll(filepath.Join(sets, e.Name())); err != nil {
					return fmt.Errorf("clean %s: %w", sets, err)
				}
			}
		}
	}
	temps := []string{state}
	if cur != "" {
		temps = append(temps, filepath.Join(sets, cur))
	}
	for _, d := range temps {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), tempSuffix) {
				if err := os.Remove(filepath.Join(d, e.Name())); err != nil {
					return fmt.Errorf("clean %s: %w", d, err)
				}
			}
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("clean %s: %w", dir, err)
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		switch {
		case e.Type().IsRegular() && legacyTemp.MatchString(e.Name()):
		case e.Type()&fs.ModeSymlink != 0 && isOurLink(p, e.Name()):
			if _, err := os.Stat(p); err == nil || !errors.Is(err, fs.ErrNotExist) {
				continue
			}
		default:
			continue
		}
		if err := os.Remove(p); err != nil {
			return fmt.Errorf("clean %s: %w", dir, err)
		}
	}
	return nil
}

// legacyTemp is the temporary file name the writer before sets used.
var legacyTemp = regexp.MustCompile(`^\..+\.[0-9]+\.tmp$`)

// current returns the name of dir's current set, "" when it has none.
func current(dir string) (string, error) {
	link := filepath.Join(dir, StateDir, currentLink)
	to, err := os.Readlink(link)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read %s: %w", link, err)
	}
	name, ok := strings.CutPrefix(to, setsDir+"/")
	if !ok || name == "" || strings.Contains(name, "/") {
		return "", fmt.Errorf("%s leads to %s, not to a set boardpack made; remove it and run again", link, to)
	}
	if _, err := os.Stat(filepath.Join(dir, StateDir, setsDir, name)); err != nil {
		return "", fmt.Errorf("%s: %w", link, err)
	}
	return name, nil
}

// newSet makes an empty set folder in sets, synced, and returns its name.
func newSet(sets string) (string, error) {
	p, err := os.MkdirTemp(sets, setPrefix)
	if err != nil {
		return "", fmt.Errorf("write %s: %w", sets, err)
	}
	// Readable by the web server or the records system, as the papers
	// were before sets.
	if err := os.Chmod(p, 0o755); err != nil {
		return "", fmt.Errorf("write %s: %w", p, err)
	}
	if err := SyncDir(sets); err != nil {
		return "", err
	}
	return filepath.Base(p), nil
}

// switchTo points state's current link at set, atomically, and syncs.
func switchTo(state, set string) error {
	tmp := filepath.Join(state, currentLink+tempSuffix)
	os.Remove(tmp)
	if err := os.Symlink(setsDir+"/"+set, tmp); err != nil {
		return fmt.Errorf("write %s: %w (the output folder must hold symbolic links)", tmp, err)
	}
	if err := os.Rename(tmp, filepath.Join(state, currentLink)); err != nil {
		return fmt.Errorf("switch %s: %w", state, err)
	}
	return SyncDir(state)
}

// linkTarget is where dir/name leads.
func linkTarget(name string) string { return StateDir + "/" + currentLink + "/" + name }

func isOurLink(p, name string) bool {
	to, err := os.Readlink(p)
	return err == nil && to == linkTarget(name)
}

// adopt makes dir/name our link without changing what it reads: a file
// written there by a boardpack before sets (or by hand) is first put into
// the current set, then replaced by the link to it.
func adopt(dir, cur, name string) error {
	p := filepath.Join(dir, name)
	st, err := os.Lstat(p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("write %s: %w", p, err)
	case st.Mode()&fs.ModeSymlink != 0 && isOurLink(p, name):
		return nil
	case !st.Mode().IsRegular():
		return fmt.Errorf("%s %w", p, ErrInTheWay)
	}
	if err := linkOrCopy(p, filepath.Join(cur, name)); err != nil {
		return err
	}
	if err := SyncDir(cur); err != nil {
		return err
	}
	return ensureLink(dir, name)
}

// ensureLink makes dir/name our link into the current set, replacing a
// file there in one rename.
func ensureLink(dir, name string) error {
	p := filepath.Join(dir, name)
	if isOurLink(p, name) {
		return nil
	}
	if st, err := os.Lstat(p); err == nil && !st.Mode().IsRegular() {
		return fmt.Errorf("%s %w", p, ErrInTheWay)
	}
	tmp := filepath.Join(dir, StateDir, "link-"+name+tempSuffix)
	os.Remove(tmp)
	if err := os.Symlink(linkTarget(name), tmp); err != nil {
		return fmt.Errorf("write %s: %w (the output folder must hold symbolic links)", p, err)
	}
	if err := os.Rename(tmp, p); err != nil {
		return fmt.Errorf("write %s: %w", p, err)
	}
	return nil
}

// linkOrCopy puts src's bytes at dst (replacing it) as a hard link, or a
// synced copy where the file system has no hard links.
func linkOrCopy(src, dst string) error {
	tmp := dst + tempSuffix
	os.Remove(tmp)
	if err := os.Link(src, tmp); err != nil {
		in, err := os.Open(src)
		if err != nil {
			return fmt.Errorf("keep %s: %w", src, err)
		}
		defer in.Close()
		if err := writeFrom(tmp, in); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, dst); err != nil {
		return fmt.Errorf("keep %s: %w", src, err)
	}
	return nil
}

// writeSynced writes b to a new file at path and syncs it.
func writeSynced(path string, b []byte) error {
	return writeFrom(path, bytes.NewReader(b))
}

func writeFrom(path string, r io.Reader) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	_, err = io.Copy(f, r)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// SyncDir flushes a folder's entries (renames, links) to disk.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
