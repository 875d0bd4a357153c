package xlsx

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/boardpack/boardpack/internal/sampledata"
)

// BenchmarkSheetPasses times the two passes over a large worksheet part on
// their own: the one before its rows (fastRows.scan with the limits, as
// checkLimits makes it) and the read of its rows by the fast path. The
// part is the 200,000-row allocation export of the large folder.
//
//	go test ./internal/xlsx -run '^$' -bench SheetPasses -benchmem
func BenchmarkSheetPasses(b *testing.B) {
	if testing.Short() {
		b.Skip("large data set skipped with -short")
	}
	dir, err := sampledata.Cached(sampledata.LargeName(1), sampledata.Large(1))
	if err != nil {
		b.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "Allocations*.xlsx"))
	if len(files) == 0 {
		b.Fatal("no allocation export in the large folder")
	}
	book, err := openFile(os.DirFS(filepath.Dir(files[0])), filepath.Base(files[0]), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer book.wb.close()
	sheet := book.wb.sheetList()[0]
	prep := book.sheets[sheet]
	if prep == nil || !prep.ok {
		b.Fatal("the allocation export is not read by the fast path")
	}
	b.Run("scan", func(b *testing.B) {
		b.SetBytes(int64(len(prep.src)))
		for b.Loop() {
			var chk fastRows
			chk.sc.b = prep.src
			if c := chk.scan(&limitScan{sheet: sheet, isSheet: true}); !c.ok || !c.limits {
				b.Fatal("not accepted")
			}
		}
	})
	b.Run("read", func(b *testing.B) {
		b.SetBytes(int64(len(prep.src)))
		for b.Loop() {
			r := openFastRows(book.wb, sheet, prep)
			n := 0
			for r.Next() {
				if _, err := r.Columns(); err != nil {
					b.Fatal(err)
				}
				n++
			}
			if n != prep.lastRow {
				b.Fatalf("read %d rows of %d", n, prep.lastRow)
			}
		}
	})
}
