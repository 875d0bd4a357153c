package xlsx

import (
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// prefetcher opens a data folder's workbooks one ahead of the reader, on
// a second goroutine: it unzips the next workbook and checks its sheets
// for the fast row path (see fastrows.go) while the reader works through
// the current one, so a large folder is read on two cores. It only does
// work that has no effect but its result (opening a file, checking bytes),
// and the reader takes the results in its own order, so what is read, and
// every problem reported, is the same as without it.
//
// A workbook the reader asks for before the prefetcher has started on it is
// opened by the reader itself, so the reader never waits for work not yet
// begun.
type prefetcher struct {
	mu      sync.Mutex
	items   map[string]*fetch // by path
	current *fetch            // taken last: the workbook being read
	slot    chan struct{}     // a place for each workbook opened and not yet taken
	quit    chan struct{}
	exited  chan struct{}
}

// prefetchAhead is how many workbooks may be opened and not yet taken.
const prefetchAhead = 1

// fetch is one workbook: opened (or failed) once ready is closed.
type fetch struct {
	state fetchState
	ready chan struct{}
	book  *openedBook
	err   error
}

type fetchState int

const (
	fetchPending fetchState = iota // not started
	fetchOpening
	fetchReady   // opened, not taken
	fetchTaken   // handed to the reader
	fetchClaimed // the reader opened it itself
)

// preparedSheet is a sheet's part as check saw it.
type preparedSheet struct {
	src     []byte // the part's bytes in the package
	ok      bool   // check accepted it
	usesSST bool
	lastRow int      // the number of its last row, when ok
	sst     []string // the plain shared-string table; nil when not parsed

	// partKnown says merges and formulas are what sheetParts would find
	// in src (see fastRows.scan).
	partKnown, merges, formulas bool
}

// startPrefetch starts opening the workbooks of dirs (in the order the
// reader reads them: folder by folder, files by name) and returns nil when
// there are none.
func startPrefetch(fsys fs.FS, dirs []string, opt Options) *prefetcher {
	var paths []string
	for _, d := range dirs {
		entries, err := fs.ReadDir(fsys, d)
		if err != nil {
			continue
		}
		for _, e := range entries {
			name := e.Name()
			ext := strings.ToLower(filepath.Ext(name))
			if e.IsDir() || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") || ext != ".xlsx" && ext != ".xlsm" {
				continue
			}
			paths = append(paths, path.Join(d, name))
		}
	}
	if len(paths) == 0 {
		return nil
	}
	p := &prefetcher{
		items:  map[string]*fetch{},
		slot:   make(chan struct{}, prefetchAhead),
		quit:   make(chan struct{}),
		exited: make(chan struct{}),
	}
	for _, path := range paths {
		p.items[path] = &fetch{ready: make(chan struct{})}
	}
	go p.run(fsys, paths, opt)
	return p
}

func (p *prefetcher) run(fsys fs.FS, paths []string, opt Options) {
	defer close(p.exited)
	for _, name := range paths {
		select {
		case <-p.quit:
			return
		default:
		}
		select {
		case p.slot <- struct{}{}:
		case <-p.quit:
			return
		}
		f := p.items[name]
		p.mu.Lock()
		if f.state != fetchPending { // the reader got there first
			p.mu.Unlock()
			<-p.slot
			continue
		}
		f.state = fetchOpening
		p.mu.Unlock()

		f.book, f.err = openRecovered(fsys, name, opt)
		if f.err == nil {
			prepareSST(f.book)
			f.book.parts = partsRecovered(f.book)
		}
		p.mu.Lock()
		f.state = fetchReady
		close(f.ready)
		p.mu.Unlock()
	}
}

// openRecovered is openFile with a panic in excelize turned into the error
// readWorkbook gives for one.
func openRecovered(fsys fs.FS, name string, opt Options) (b *openedBook, err error) {
	defer func() {
		if r := recover(); r != nil {
			b, err = nil, fmt.Errorf("the workbook is damaged and cannot be read (%v)", r)
		}
	}()
	return openFile(fsys, name, opt)
}

// prepareSST parses b's shared strings once, for the sheets the fast path
// reads that use them. A panic leaves that to the reader.
func prepareSST(b *openedBook) {
	defer func() { _ = recover() }()
	var sst []string
	parsed := false
	for _, ps := range b.sheets {
		if !ps.ok || !ps.usesSST {
			continue
		}
		if !parsed {
			parsed = true
			if raw := b.wb.part("xl/sharedStrings.xml"); raw != nil {
				if plain, ok := parseSST(raw); ok {
					sst = plain // a table cut short is left to the reader
				}
			}
		}
		ps.sst = sst
	}
}

// partsRecovered is sheetParts, or nil after a panic (the reader then
// calls sheetParts itself).
func partsRecovered(b *openedBook) (out map[string]part) {
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	return sheetParts(b.wb, b.sheets)
}

// take returns path's workbook, opened ahead, and ok; ok is false when the
// reader must open it itself (not in the list, or not started).
func (p *prefetcher) take(path string) (*openedBook, error, bool) {
	if p == nil {
		return nil, nil, false
	}
	p.mu.Lock()
	f, found := p.items[path]
	if !found || f.state != fetchOpening && f.state != fetchReady {
		if found && f.state == fetchPending {
			f.state = fetchClaimed
		}
		p.mu.Unlock()
		return nil, nil, false
	}
	p.mu.Unlock()
	<-f.ready
	p.mu.Lock()
	defer p.mu.Unlock()
	f.state = fetchTaken
	if p.current != nil { // done with: let it be collected
		p.current.book = nil
	}
	p.current = f
	<-p.slot // the next one may be opened
	return f.book, f.err, true
}

// stop ends prefetching and closes the workbooks opened but not taken.
func (p *prefetcher) stop() {
	if p == nil {
		return
	}
	close(p.quit)
	<-p.exited
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, f := range p.items {
		if f.state == fetchReady && f.book != nil {
			f.book.wb.close()
		}
		f.book = nil
	}
	p.current = nil
}
