package xlsx

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func writeBook(t *testing.T, path, value string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetCellValue("Sheet1", "A1", value); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// The reader may ask for workbooks in any order, or not at all: it never
// waits for work not begun, and stop closes what it did not take.
func TestPrefetcherOrderAndStop(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, n := range []string{"a.xlsx", "b.xlsx", "c.xlsx"} {
		writeBook(t, filepath.Join(dir, n), n)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		p := startPrefetch(os.DirFS(dir), []string{"."}, Options{})
		if _, _, ok := p.take("notes.txt"); ok {
			t.Error("took a file that is not a workbook")
		}
		b, err, ok := p.take("c.xlsx")
		if ok && b == nil && err == nil {
			t.Error("took c.xlsx with no workbook and no error")
		}
		if ok {
			b.wb.close()
		}
		b, err, ok = p.take("a.xlsx")
		if ok {
			if err != nil {
				t.Error(err)
			}
			if xl, err := b.wb.excelize(); err != nil {
				t.Error(err)
			} else if v, _ := xl.GetCellValue("Sheet1", "A1"); v != "a.xlsx" {
				t.Errorf("a.xlsx reads %q", v)
			}
			b.wb.close()
		}
		p.stop() // b.xlsx may be open and untaken
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the prefetcher deadlocked")
	}
}

// A workbook that cannot be opened gives the same error through the
// prefetcher as without it.
func TestPrefetcherSameErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.xlsx")
	if err := os.WriteFile(bad, append([]byte("PK\x03\x04"), make([]byte, 64)...), 0o644); err != nil {
		t.Fatal(err)
	}
	fsys := os.DirFS(dir)
	_, direct := openFile(fsys, "bad.xlsx", Options{})
	p := startPrefetch(fsys, []string{"."}, Options{})
	defer p.stop()
	<-p.exited // it has opened the only workbook, and stopped
	_, err, ok := p.take("bad.xlsx")
	if !ok {
		t.Fatal("the prefetcher did not open the workbook")
	}
	if direct == nil || err == nil || err.Error() != direct.Error() {
		t.Errorf("prefetched error %v, direct %v", err, direct)
	}
}
