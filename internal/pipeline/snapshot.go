package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/boardpack/boardpack/internal/inputfile"
	"github.com/boardpack/boardpack/internal/manifest"
)

// inputExts are the files of a data folder that a run reads: workbooks and
// exports. Other files are listed (so the reader can name a .xls it cannot
// read) but not read.
var inputExts = map[string]bool{".xlsx": true, ".xlsm": true, ".csv": true, ".md": true}

// maxInputBytes caps one input file; the workbook reader refuses larger
// workbooks with its own message, so this only guards memory.
const maxInputBytes = 512 << 20

// Snapshot is a data folder read once: the bytes of every input file and
// their hashes. The papers are made from these bytes, and the manifest
// records their hashes, so what a manifest says was read is exactly what
// was read, even if a file changes during the run.
type Snapshot struct {
	fsys  memFS
	files []manifest.File
}

// Files lists the input files read, with their hashes, in path order.
func (s *Snapshot) Files() []manifest.File { return s.files }

// FS is the snapshot as a read-only file system rooted at the data folder.
func (s *Snapshot) FS() fs.FS { return s.fsys }

// snapshot reads the files of dir whose extensions are in exts (and lists
// the others), skipping hidden files, Excel's lock
// files ("~$...") and the folder exclude (the output folder, when it is
// inside the data folder).
func snapshot(dir, exclude string, exts map[string]bool) (*Snapshot, error) {
	s := &Snapshot{fsys: memFS{}}
	excl := ""
	if exclude != "" {
		if abs, err := filepath.Abs(exclude); err == nil {
			excl = abs
		}
	}
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	// The folder named on the command line may itself be a link; links
	// inside it are refused below.
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	if r, err := filepath.EvalSymlinks(excl); excl != "" && err == nil {
		excl = r
	}
	s.fsys.add(".", nil, true, time.Time{})
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == root {
			return nil
		}
		base := d.Name()
		if strings.HasPrefix(base, ".") || strings.HasPrefix(base, "~$") || (excl != "" && p == excl) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 && linkMatters(p, exts) {
			return linkError(p)
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			s.fsys.add(rel, nil, true, time.Time{})
			return nil
		}
		if !d.Type().IsRegular() {
			if exts[strings.ToLower(path.Ext(base))] {
				// A named pipe, device or socket under an input's name is
				// an error, never read (it would hang the run) nor skipped.
				if err := inputfile.Check(p, d.Type()); err != nil {
					return err
				}
			}
			return nil
		}
		if !exts[strings.ToLower(path.Ext(base))] {
			s.fsys.add(rel, nil, false, time.Time{})
			return nil
		}
		b, err := readLimited(p)
		if err != nil {
			return err
		}
		s.fsys.add(rel, b, false, time.Time{})
		s.files = append(s.files, manifest.File{Path: rel, SHA256: manifest.Sum(b), Bytes: int64(len(b))})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read data folder: %w", err)
	}
	sort.Slice(s.files, func(i, j int) bool { return s.files[i].Path < s.files[j].Path })
	return s, nil
}

// ErrLink is returned (wrapped, with the link named) when the data folder
// holds a symbolic link.
var ErrLink = errors.New("symbolic links are not read")

// linkMatters reports whether the link at p would be read if it were a
// file or folder: it leads to a folder, or its name is an input's. Other
// links (the papers of an output folder kept inside the data folder) are
// not inputs, and are passed over like the other files a run does not read.
func linkMatters(p string, exts map[string]bool) bool {
	if exts[strings.ToLower(filepath.Ext(p))] {
		return true
	}
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// linkError refuses the link at p. Following links would read
// files from outside the data folder (the run is often root) and make a
// folder's contents depend on where its links point; skipping them would
// quietly drop a month or a workbook. So a run stops and names the link.
func linkError(p string) error {
	to, _ := os.Readlink(p)
	return fmt.Errorf("%s is a symbolic link (to %s): %w; copy or move what it points to into the data folder", p, to, ErrLink)
}

// readLimited reads an input file: a regular file (checked again when
// it is opened, so one swapped for a named pipe cannot hang the run) of
// at most maxInputBytes.
func readLimited(p string) ([]byte, error) {
	return inputfile.Read(p, maxInputBytes)
}

// memFS is an in-memory, read-only file system of slash-separated paths.
type memFS map[string]*memFile

type memFile struct {
	name string
	data []byte
	dir  bool
	kids []string // a folder's entries, sorted
}

func (m memFS) add(name string, data []byte, dir bool, _ time.Time) {
	m[name] = &memFile{name: path.Base(name), data: data, dir: dir}
	if name == "." {
		return
	}
	parent := path.Dir(name)
	if p, ok := m[parent]; ok {
		i := sort.SearchStrings(p.kids, name)
		p.kids = append(p.kids, "")
		copy(p.kids[i+1:], p.kids[i:])
		p.kids[i] = name
	}
}

// Open opens name.
func (m memFS) Open(name string) (fs.File, error) {
	f, ok := m[name]
	if !fs.ValidPath(name) || !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &openFile{f: f, m: m, path: name}, nil
}

// ReadFile returns a copy of name's bytes.
func (m memFS) ReadFile(name string) ([]byte, error) {
	f, ok := m[name]
	if !fs.ValidPath(name) || !ok || f.dir {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	}
	return bytes.Clone(f.data), nil
}

// ReadDir lists the folder name, in name order.
func (m memFS) ReadDir(name string) ([]fs.DirEntry, error) {
	f, ok := m[name]
	if !fs.ValidPath(name) || !ok || !f.dir {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, 0, len(f.kids))
	for _, k := range f.kids {
		out = append(out, fs.FileInfoToDirEntry(info{m[k]}))
	}
	return out, nil
}

type openFile struct {
	f    *memFile
	m    memFS
	path string
	off  int // bytes read, or entries listed
}

// ReadDir lists a folder's entries, n at a time (all when n <= 0).
func (o *openFile) ReadDir(n int) ([]fs.DirEntry, error) {
	if !o.f.dir {
		return nil, &fs.PathError{Op: "readdir", Path: o.path, Err: errors.New("not a directory")}
	}
	all, _ := o.m.ReadDir(o.path)
	rest := all[min(o.off, len(all)):]
	if n > 0 {
		if len(rest) == 0 {
			return nil, io.EOF
		}
		rest = rest[:min(n, len(rest))]
	}
	o.off += len(rest)
	return rest, nil
}

func (o *openFile) Stat() (fs.FileInfo, error) { return info{o.f}, nil }
func (o *openFile) Close() error               { return nil }
func (o *openFile) Read(b []byte) (int, error) {
	if o.f.dir {
		return 0, &fs.PathError{Op: "read", Path: o.path, Err: errors.New("is a directory")}
	}
	if o.off >= len(o.f.data) {
		return 0, io.EOF
	}
	n := copy(b, o.f.data[o.off:])
	o.off += n
	return n, nil
}

type info struct{ f *memFile }

func (i info) Name() string       { return i.f.name }
func (i info) Size() int64        { return int64(len(i.f.data)) }
func (i info) ModTime() time.Time { return time.Time{} }
func (i info) IsDir() bool        { return i.f.dir }
func (i info) Sys() any           { return nil }
func (i info) Mode() fs.FileMode {
	if i.f.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
