// Package inputfile reads the files a run is given (workbooks, the config,
// the logo) safely: only regular files, and no more than a cap, so a named
// pipe, a device or a socket given a workbook's name can neither hang a
// run nor exhaust its memory.
package inputfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
)

// ErrNotRegular is the error for a path that is not a regular file.
var ErrNotRegular = errors.New("not a regular file")

// Read returns the bytes of the regular file at path, refusing any other
// kind of file (before reading from it: opening a named pipe does not
// wait for a writer) and any file over max bytes.
func Read(path string, max int64) ([]byte, error) {
	f, err := open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w (%s); only regular files are read", ErrNotRegular, kind(st.Mode()))}
	}
	if st.Size() > max {
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%d MB, over the limit of %d MB", st.Size()>>20, max>>20)}
	}
	b, err := readAll(io.LimitReader(f, max+1), st.Size())
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("over the limit of %d MB", max>>20)}
	}
	return b, nil
}

// kind names a file mode that is not a regular file.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// Check returns an error for a path whose directory entry says it is a
// named pipe, a device or a socket; other files, links included, pass.
func Check(path string, m fs.FileMode) error {
	if m&(fs.ModeNamedPipe|fs.ModeSocket|fs.ModeDevice|fs.ModeCharDevice|fs.ModeIrregular) != 0 {
		return &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w (%s); only regular files are read", ErrNotRegular, kind(m))}
	}
	return nil
}

// readAll reads r to its end into a buffer sized for the size the file
// had when opened, plus one byte for the read that finds the end, as
// os.ReadFile does: io.ReadAll would start at 512 bytes and copy the
// data again each time the buffer doubles. A file that grows meanwhile is
// still read whole.
func readAll(r io.Reader, size int64) ([]byte, error) {
	b := make([]byte, 0, max(size+1, 512))
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}
