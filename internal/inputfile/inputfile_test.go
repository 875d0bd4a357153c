package inputfile

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

// TestReadAllWhatever: readAll returns every byte, whether the file has
// the size it was opened with, grew or shrank meanwhile, and however the
// reader splits its reads; and passes a read error on.
func TestReadAllWhatever(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 1000)
	for _, size := range []int64{0, 1, 511, 512, 9999, 10000, 10001, 50000} {
		for name, r := range map[string]func() io.Reader{
			"whole":              func() io.Reader { return bytes.NewReader(data) },
			"one byte at a time": func() io.Reader { return iotest.OneByteReader(bytes.NewReader(data)) },
			"EOF with the data":  func() io.Reader { return iotest.DataErrReader(bytes.NewReader(data)) },
		} {
			got, err := readAll(r(), size)
			if err != nil || !bytes.Equal(got, data) {
				t.Errorf("%s, opened at %d bytes: read %d bytes, %v; want %d", name, size, len(got), err, len(data))
			}
		}
	}
	boom := errors.New("disk gone")
	if _, err := readAll(iotest.ErrReader(boom), 10); !errors.Is(err, boom) {
		t.Errorf("read error = %v, want %v", err, boom)
	}
}

// TestReadLimits: Read refuses a file over the limit and a folder, and
// reads a file at the limit.
func TestReadLimits(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "tracker.xlsx")
	if err := os.WriteFile(f, bytes.Repeat([]byte{'x'}, 4096), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := Read(f, 4096); err != nil || len(b) != 4096 {
		t.Errorf("at the limit: %d bytes, %v", len(b), err)
	}
	if _, err := Read(f, 4095); err == nil || !strings.Contains(err.Error(), "over the limit") {
		t.Errorf("over the limit: %v", err)
	}
	if _, err := Read(dir, 1<<20); !errors.Is(err, ErrNotRegular) {
		t.Errorf("a folder: %v, want ErrNotRegular", err)
	}
}
