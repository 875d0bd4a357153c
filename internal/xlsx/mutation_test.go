package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/xuri/excelize/v2"

	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/internal/record"
)

// TestMutationsNeverLoseRowsSilently damages the sample June tracker's
// sheet part at random (bytes flipped, & < > and broken UTF-8 inserted,
// the part cut short, tags renamed, bytes deleted) and reads each mutant
// through Read. Each must either read every row the part holds (as
// excelize's iterator counts them in a well-formed part) or report an
// error: never fewer rows in silence. And a confidential action is never
// kept without its flag, unless the mutant is well formed and the change
// is in that action's own row or in the header (an edit: a cell or a
// heading that says something else, which nothing could tell apart).
//
// BOARDPACK_MUTATIONS sets how many: 100 by default, for a quick go test
// ./...; scripts/test.sh, which CI runs, asks for 320. Mutant i is made
// from seed i, so a quick run reads the first 100 of CI's.
//
//	BOARDPACK_MUTATIONS=5000 go test ./internal/xlsx -run TestMutations -v
func TestMutationsNeverLoseRowsSilently(t *testing.T) {
	t.Parallel()
	n, _ := mutations(t, 100)
	body := juneTracker(t)
	part := partOf(t, body, junePart)
	rowSpan := func(r int) (int, int) {
		start := bytes.Index(part, []byte(`<row r="`+strconv.Itoa(r)+`"`))
		return start, start + bytes.Index(part[start:], []byte("</row>")) + len("</row>")
	}
	var whole, errored, silent, leaks, edits int
	headFrom, headTo := rowSpan(4)
	// Where each confidential row lies in the unmutated part, found once.
	spans := map[int][2]int{}
	for _, r := range juneConfidentialRows {
		from, to := rowSpan(r)
		spans[r] = [2]int{from, to}
	}
	// Each mutant is read on its own, two at a time: first those read by
	// the fast row path, then those read by excelize's iterator (the
	// package-level switch holds one path at a time). The results are
	// judged in order.
	type result struct {
		kind       string
		at         int
		wellFormed func() bool // asked only when the judgement needs it: most mutants are errors
		rep        quality.Report
		actions    []record.Action
		excelize   int // excelize's row count, when the checks need it
		err        error
	}
	results := make([]result, n)
	// The workbook's parts, unpacked once; each mutant is zipped from
	// them, stored, as rezip does.
	parts := partsOf(t, body)
	mutantOf := func(m []byte) ([]byte, error) {
		var out bytes.Buffer
		zw := zip.NewWriter(&out)
		for _, p := range parts {
			data := p.data
			if p.name == junePart {
				data = m
			}
			w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Store})
			if err != nil {
				return nil, err
			}
			if _, err := w.Write(data); err != nil {
				return nil, err
			}
		}
		err := zw.Close()
		return out.Bytes(), err
	}
	for phase, path := range []string{"fast", "excelize"} {
		var tr readTrace
		next := make(chan int)
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for i := range next {
					rng := rand.New(rand.NewPCG(17, uint64(i)))
					m, at, kind := mutate(rng, part)
					r := result{kind: kind, at: at, wellFormed: sync.OnceValue(func() bool { return xmlWellFormed(m) }), excelize: -1}
					mutant, err := mutantOf(m)
					if err != nil {
						r.err = err
						results[i] = r
						continue
					}
					// readTracker, without its t.Fatal off the test's goroutine.
					d, rep, err := Read(fstest.MapFS{"2023-06/t.xlsx": &fstest.MapFile{Data: mutant, Mode: 0o644}}, Options{Name: "data", rows: path, trace: &tr})
					if err != nil {
						r.err = err
						results[i] = r
						continue
					}
					r.rep = rep
					for _, p := range d.Periods {
						r.actions = append(r.actions, p.Actions...)
					}
					if rep.Errors() == 0 && r.wellFormed() {
						r.excelize = excelizeRows(t, mutant)
					}
					results[i] = r
				}
			})
		}
		for i := phase; i < n; i += 2 {
			next <- i
		}
		close(next)
		wg.Wait()
		if fast := tr.n["rows fast"]; (path == "fast") != (fast > 0) {
			t.Fatalf("asked for the %s path, the mutants' sheets were read %d times by the fast path, %d by excelize's", path, fast, tr.n["rows excelize"])
		}
	}
	kinds := map[string]int{}
	for i, r := range results {
		kind, at, wellFormed, rep := r.kind, r.at, r.wellFormed, r.rep
		kinds[kind]++
		if r.err != nil {
			t.Fatalf("mutant %d (%s at %d): %v", i, kind, at, r.err)
		}
		switch sr, ok := sheetReport(rep, juneSheet); {
		case rep.Errors() > 0:
			errored++
		case !wellFormed():
			silent++
			t.Errorf("mutant %d (%s at %d): a damaged part read with no error: %+v", i, kind, at, sr)
		case ok && sr.Unread == 0 && readRowsOf(sr) == sr.Rows && sr.HeaderRows[len(sr.HeaderRows)-1]+sr.Rows == r.excelize:
			whole++
		default:
			silent++
			t.Errorf("mutant %d (%s at %d): rows lost with no error: %d of the %d excelize reads", i, kind, at, sr.HeaderRows[len(sr.HeaderRows)-1]+sr.Rows, r.excelize)
		}
		for _, a := range r.actions {
			for _, row := range juneConfidentialRows {
				if a.Loc.Row != row || a.Confidential {
					continue
				}
				from, to := spans[row][0], spans[row][1]
				if (at >= from && at < to || at >= headFrom && at < headTo) && wellFormed() {
					edits++ // a well-formed edit of the header or the row
					continue
				}
				leaks++
				t.Errorf("mutant %d (%s at %d): confidential action %s (row %d) kept without its flag", i, kind, at, a.Ref, row)
			}
		}
	}
	t.Logf("%d mutations (%v): %d read every row, %d errors, %d rows lost in silence, %d confidential actions kept without the flag (and %d by well-formed edits of the header or the row)", n, kinds, whole, errored, silent, leaks, edits)
}

// mutate returns a damaged copy of b, where it was damaged, and how.
func mutate(rng *rand.Rand, b []byte) ([]byte, int, string) {
	m := bytes.Clone(b)
	at := rng.IntN(len(m))
	switch rng.IntN(5) {
	case 0:
		m[at] ^= 1 << rng.IntN(8)
		return m, at, "flip"
	case 1:
		ins := []string{"&", "<", ">", "\xff", "\xc3", "\x01", "&#0;", "&x;"}[rng.IntN(8)]
		return append(m[:at:at], append([]byte(ins), b[at:]...)...), at, "insert"
	case 2:
		return m[:at], at, "truncate"
	case 3:
		var tags []int
		for i := 0; i+1 < len(m); i++ {
			if m[i] == '<' && m[i+1] != '?' {
				tags = append(tags, i)
			}
		}
		at = tags[rng.IntN(len(tags))] + 1
		if m[at] == '/' {
			at++
		}
		m[at] = "qxz"[rng.IntN(3)]
		return m, at, "rename"
	default:
		k := 1 + rng.IntN(8)
		return append(m[:at:at], b[min(at+k, len(b)):]...), at, "delete"
	}
}

// xmlWellFormed reports whether encoding/xml, with the character sets
// excelize reads, reads b to the end.
func xmlWellFormed(b []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.CharsetReader = excelizeCharset()
	for {
		_, err := d.Token()
		if err == io.EOF {
			return true
		}
		if err != nil {
			return false
		}
	}
}

// excelizeCharset is the CharsetReader excelize's decoders use.
var excelizeCharset = sync.OnceValue(func() func(string, io.Reader) (io.Reader, error) {
	return excelize.NewFile().CharsetReader
})

// excelizeRows is how many rows excelize's iterator returns for the
// tracker sheet of a workbook.
func excelizeRows(t testing.TB, body []byte) int {
	wb, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		return -1
	}
	defer wb.Close()
	rows, err := wb.Rows(juneSheet)
	if err != nil {
		return -1
	}
	n := 0
	for rows.Next() {
		n++
	}
	return n
}

// mutations is how many mutants a test makes: BOARDPACK_MUTATIONS if set
// (set reports it), else def.
func mutations(t *testing.T, def int) (n int, set bool) {
	t.Helper()
	v := os.Getenv("BOARDPACK_MUTATIONS")
	if v == "" {
		return def, false
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		t.Fatalf("BOARDPACK_MUTATIONS=%q: %v", v, err)
	}
	return n, true
}
