// Package manifest records what a run read and wrote: every input file and
// the config with their SHA-256, the boardpack version and options, and each
// paper with its SHA-256, pages and size. It lets an operator prove which
// exports a paper came from, and lets --if-changed skip a run whose inputs
// have not changed.
package manifest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Name is the manifest's file name in the output folder.
const Name = "manifest.json"

// Manifest is the record of one run.
type Manifest struct {
	Version   string   `json:"boardpack_version"`
	Period    string   `json:"period"`
	Options   []string `json:"options"` // the settings that change the output
	Config    *File    `json:"config,omitempty"`
	Templates []File   `json:"templates,omitempty"` // only when --templates is used
	Inputs    []File   `json:"inputs"`
	Outputs   []Output `json:"outputs"`
}

// File is an input file and its hash. Path is relative to its folder.
type File struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
}

// Output is a paper written.
type Output struct {
	Report string `json:"report"`
	Path   string `json:"path"` // file name in the output folder
	SHA256 string `json:"sha256"`
	Pages  int    `json:"pages"`
	Bytes  int    `json:"bytes"`
}

// Sum returns the hex SHA-256 of b.
func Sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// HashFile hashes the file at path, reporting it as name.
func HashFile(path, name string) (File, error) {
	f, err := os.Open(path)
	if err != nil {
		return File{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return File{}, fmt.Errorf("hash %s: %w", path, err)
	}
	return File{Path: filepath.ToSlash(name), SHA256: hex.EncodeToString(h.Sum(nil)), Bytes: n}, nil
}

// HashTree hashes every regular, non-hidden file under dir that keep
// accepts (given its slash-separated path relative to dir), in path order.
func HashTree(dir string, keep func(rel string) bool) ([]File, error) {
	var out []File
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		base := d.Name()
		if path != dir && (strings.HasPrefix(base, ".") || strings.HasPrefix(base, "~$")) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() || !keep(rel) {
			return nil
		}
		f, err := HashFile(path, rel)
		if err != nil {
			return err
		}
		out = append(out, f)
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, err
}

// Read reads the manifest in dir; a missing manifest returns nil, nil.
func Read(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, Name))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, Name), err)
	}
	return &m, nil
}

// Encode returns the manifest as indented JSON.
func (m *Manifest) Encode() ([]byte, error) {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// SameInputs reports whether o was made from the same inputs, config,
// templates, version and options (the requested period among them) as m.
func (m *Manifest) SameInputs(o *Manifest) bool {
	if m == nil || o == nil {
		return false
	}
	a, _ := json.Marshal(Manifest{Version: m.Version, Options: m.Options, Config: m.Config, Templates: m.Templates, Inputs: m.Inputs})
	b, _ := json.Marshal(Manifest{Version: o.Version, Options: o.Options, Config: o.Config, Templates: o.Templates, Inputs: o.Inputs})
	return string(a) == string(b)
}

// OutputsIntact reports whether every output m lists is in dir with its
// recorded hash, so a skipped run still leaves correct papers behind.
func (m *Manifest) OutputsIntact(dir string) bool {
	if len(m.Outputs) == 0 {
		return false
	}
	for _, o := range m.Outputs {
		f, err := HashFile(filepath.Join(dir, o.Path), o.Path)
		if err != nil || f.SHA256 != o.SHA256 {
			return false
		}
	}
	return true
}
