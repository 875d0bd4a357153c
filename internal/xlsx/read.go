// Package xlsx reads a data folder of spreadsheet exports (Excel workbooks
// and CSV files) into records. Sheets are recognised by their headings, not
// their file names (see header.go); every row is accounted for (used,
// blank, a note, or rejected with a reason); every problem names the file,
// sheet and cell; a sheet that nearly matches a kind but cannot be read is
// an error, never a silent loss.
package xlsx

import (
	"archive/zip"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/internal/record"
	"github.com/boardpack/boardpack/internal/vocab"
)

// Limits on what is opened, so a hostile or broken file cannot exhaust the
// machine.
const (
	MaxFileBytes = 256 << 20 // a workbook file on disk
	maxXMLInRAM  = 64 << 20  // a part bigger than this spills to a temporary file
)

// Options control reading.
type Options struct {
	// Until is the reporting month: month folders after it are not read.
	// Zero means the newest month folder.
	Until record.Month
	// Password opens encrypted workbooks.
	Password string
	// Headers maps headings to field names (or Ignore), from the config:
	// a column so headed is read as that field whatever else it looks like.
	Headers map[string]string
	// Words reads RAG and status words; nil means vocab.Standard.
	Words *vocab.Words

	// Name is the data folder's name in messages about the folder itself
	// (a flat folder with no tracker); ReadFolder sets it.
	Name string

	prefetch *prefetcher // set by Read; see prefetch.go
	cache    *readCache  // set by Read; see sheet.go

	// open and rows, when not "", choose this read's open ("light" or
	// "excelize") and row path ("fast" or "excelize") in place of the
	// build's openWith and rowsPath; noPrefetch turns the prefetcher off.
	// The tests read both ways side by side, in parallel.
	open, rows string
	noPrefetch bool
	trace      *readTrace // if not nil, counts the opens and row paths used
}

// readTrace counts, for a test that compares the two opens, the two row
// paths or reading with and without the prefetcher, what a read did: proof
// that it read both ways, not one way twice.
type readTrace struct {
	mu sync.Mutex
	n  map[string]int // "open light", "open excelize", "rows fast", "rows excelize", "prefetched" (taken from the prefetcher)
}

// count adds one to what.
func (t *readTrace) count(what string) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.n == nil {
		t.n = map[string]int{}
	}
	t.n[what]++
}

var monthDir = regexp.MustCompile(`^\d{4}-\d{2}$`)

// A folder name that speaks of a month without being YYYY-MM: "2023-06
// FINAL", "2023_6", "June 2023", "Jun-23".
var (
	looseNumMonth  = regexp.MustCompile(`(20\d\d)\D{0,3}?(\d{1,2})(?:\D|$)`)
	looseNameMonth = regexp.MustCompile(`(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\W{0,3}(20\d\d|\d\d)\b`)
)

// monthIn returns the month a folder's name speaks of, if any.
func monthIn(name string) (record.Month, bool) {
	if m := looseNumMonth.FindStringSubmatch(name); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		if mo >= 1 && mo <= 12 {
			return record.Month{Year: y, Month: time.Month(mo)}, true
		}
	}
	if m := looseNameMonth.FindStringSubmatch(name); m != nil {
		t, err := time.Parse("Jan", strings.ToUpper(m[1][:1])+strings.ToLower(m[1][1:3]))
		y, _ := strconv.Atoi(m[2])
		if y < 100 {
			y += 2000
		}
		if err == nil {
			return record.Month{Year: y, Month: t.Month()}, true
		}
	}
	return record.Month{}, false
}

// exportsIn counts the files of folder dir that look like exports.
func exportsIn(fsys fs.FS, dir string) int {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() && isExport(e.Name()) {
			n++
		}
	}
	return n
}

// isExport reports whether a file's name is that of an export: a
// workbook or CSV, not hidden or an Office lock file.
func isExport(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
		return false
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm", ".csv", ".xls", ".xlsb", ".ods":
		return true
	}
	return false
}

// foldersNotRead names the folders of exports the data folder holds that
// are not month folders: an error for one that speaks of a month newer than
// the newest month folder (its papers would be last month's), else a
// warning. latest says the newest month is reported.
func foldersNotRead(fsys fs.FS, entries []fs.DirEntry, newest record.Month, latest bool, rep *quality.Report) {
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() && isExport(name) {
			rep.Problems = append(rep.Problems, quality.Problem{Severity: quality.Warning, File: name, Effect: quality.FileNotRead,
				Message: "an export beside the month folders is not read (only the YYYY-MM folders are): move it into its month's folder"})
			continue
		}
		if !e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		if _, err := record.ParseMonth(name); err == nil && monthDir.MatchString(name) {
			continue
		}
		n := exportsIn(fsys, name)
		if n == 0 {
			continue
		}
		if m, ok := monthIn(name); ok && latest && newest.Before(m) {
			rep.Problems = append(rep.Problems, quality.Problem{Severity: quality.Error, File: name, Effect: quality.FolderNotRead,
				Message: fmt.Sprintf("a folder of %s that looks like %s's but is not named YYYY-MM, so it is not read and the newest month would be %s: rename it %s",
					exports(n), m.Long(), newest.Long(), m)})
			continue
		}
		rep.Problems = append(rep.Problems, quality.Problem{Severity: quality.Warning, File: name, Effect: quality.FolderNotRead,
			Message: fmt.Sprintf("a folder of %s that is not a month folder (YYYY-MM); nothing in it was read", exports(n))})
	}
}

// newerSubFolders makes an error of each sub-folder of a flat data folder
// that speaks of a month newer than m, the month its files report: the
// papers would report an older month as the latest.
func newerSubFolders(rep *quality.Report, m record.Month) {
	for i, p := range rep.Problems {
		if p.Effect != quality.FolderNotRead || strings.Contains(p.File, "/") {
			continue
		}
		if sub, ok := monthIn(p.File); ok && m.Before(sub) {
			rep.Problems[i].Severity = quality.Error
			rep.Problems[i].Message = fmt.Sprintf("a folder of exports that looks like %s's, newer than %s, which the data folder's own files report; it is not read: put each month's exports in a folder named YYYY-MM (%s, %s)",
				sub.Long(), m.Long(), m, sub)
		}
	}
}

// exports says how many exports: "1 export", "3 exports".
func exports(n int) string {
	if n == 1 {
		return "1 export"
	}
	return fmt.Sprintf("%d exports", n)
}

// unzipLimit caps what all parts of one workbook may unpack to. A variable
// so that tests can prove the refusal without writing gigabytes.
var unzipLimit int64 = 2 << 30

// ReadFolder reads the data folder dir from disk; see Read.
func ReadFolder(dir string, opt Options) (record.Data, quality.Report, error) {
	if opt.Name == "" {
		opt.Name = filepath.Base(dir)
	}
	return Read(os.DirFS(dir), opt)
}

// Read reads every workbook of a data folder, the root of fsys: either one
// sub-folder per month named YYYY-MM, or a flat folder of one month's
// exports. The error is for failures to read the folder itself; problems
// with the data are in the Report.
func Read(fsys fs.FS, opt Options) (record.Data, quality.Report, error) {
	const dir = "."
	if opt.Name == "" {
		opt.Name = "data folder"
	}
	if opt.Words == nil {
		opt.Words = vocab.Standard()
	}
	extra := map[string]string{}
	for h, f := range opt.Headers {
		field, ok := FieldName(f)
		if !ok {
			return record.Data{}, quality.Report{}, fmt.Errorf("header %q maps to %q, which is not a column boardpack knows (for example: priority area, lead, due date, progress rag)", h, f)
		}
		extra[headingKey(h)] = field
	}
	opt.Headers = extra

	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return record.Data{}, quality.Report{}, fmt.Errorf("read data folder: %w", err)
	}
	var months []record.Month
	var first record.Month
	for _, e := range entries {
		if e.IsDir() && monthDir.MatchString(e.Name()) {
			m, err := record.ParseMonth(e.Name())
			if err != nil {
				continue // named like a month that is none ("2023-13"): foldersNotRead names it
			}
			if first.IsZero() || m.Before(first) {
				first = m
			}
			if opt.Until.IsZero() || !opt.Until.Before(m) {
				months = append(months, m)
			}
		}
	}
	sort.Slice(months, func(i, j int) bool { return months[i].Before(months[j]) })
	if len(months) == 0 && !first.IsZero() {
		// Never read a folder of month folders as one flat month.
		return record.Data{}, quality.Report{}, fmt.Errorf("%s has no month folder for %s or before it (the first is %s)", opt.Name, opt.Until, first)
	}

	dirs := []string{dir}
	if len(months) > 0 {
		dirs = dirs[:0]
		for _, m := range months {
			dirs = append(dirs, m.String())
		}
	}
	opt.cache = &readCache{}
	if !opt.noPrefetch {
		opt.prefetch = startPrefetch(fsys, dirs, opt)
		defer opt.prefetch.stop()
	}

	rep := quality.Report{Sheets: []quality.SheetReport{}, Skipped: []quality.Skipped{}, Problems: []quality.Problem{}}
	if len(months) > 0 {
		foldersNotRead(fsys, entries, months[len(months)-1], opt.Until.IsZero(), &rep)
	}
	noTracker := func(where string) quality.Problem {
		return quality.Problem{Severity: quality.Error, File: where,
			Message: "no improvement-plan tracker (a sheet with Ref, Action and RAG or Status columns) for the reporting month; no papers can be made without one"}
	}
	if len(months) == 0 {
		f, err := readDir(fsys, dir, "", opt, &rep)
		if err != nil {
			return record.Data{}, rep, err
		}
		if len(rep.Sheets) == 0 && len(rep.Skipped) == 0 && len(rep.Problems) == 0 {
			rep.Problems = append(rep.Problems, quality.Problem{Severity: quality.Error, File: opt.Name,
				Message: "no workbooks (.xlsx) in this folder or in YYYY-MM month folders under it"})
			return record.Data{}, rep, nil
		}
		m := opt.Until
		if m.IsZero() {
			m = f.newestMonth()
		}
		if m.IsZero() && !f.asAt.IsZero() {
			// No month folder and no metrics: the tracker's own "data as
			// at" line says which month it reports.
			m = record.MonthOf(f.asAt)
		}
		if m.IsZero() {
			rep.Problems = append(rep.Problems, quality.Problem{Severity: quality.Error, File: opt.Name,
				Message: "the folder has no YYYY-MM month folders and its workbooks do not say which month they report (no metric workbook, and no \"Data as at\" line above the tracker's header): pass --period YYYY-MM"})
			return record.Data{}, rep, nil
		}
		if opt.Until.IsZero() {
			newerSubFolders(&rep, m)
		}
		data := f.metrics()
		data.Month = m
		if f.hasActions {
			data.Periods = []record.Period{f.period(m)}
		} else {
			rep.Problems = append(rep.Problems, noTracker(opt.Name))
		}
		missing(&rep, data, []*folder{f}, []*folder{f})
		return data, rep, nil
	}
	if !opt.Until.IsZero() && months[len(months)-1] != opt.Until {
		return record.Data{}, rep, fmt.Errorf("%s has no folder for %s (newest before it: %s)", opt.Name, opt.Until, months[len(months)-1])
	}

	data := record.Data{Month: months[len(months)-1]}
	haveMetric := map[Kind]bool{}
	folders := make([]*folder, len(months))
	for i, m := range months {
		f, err := readDir(fsys, m.String(), m.String(), opt, &rep)
		if err != nil {
			return record.Data{}, rep, err
		}
		folders[i] = f
		switch {
		case f.hasActions:
			data.Periods = append(data.Periods, f.period(m))
		case m == data.Month:
			rep.Problems = append(rep.Problems, noTracker(m.String()))
		default:
			rep.Problems = append(rep.Problems, quality.Problem{Severity: quality.Warning, File: m.String(),
				Message: "no improvement-plan tracker in this month's folder; the movement since last month compares with the month before it"})
		}
	}
	// Metric workbooks carry their own history: take each kind from the
	// newest folder that has it.
	for i := len(folders) - 1; i >= 0; i-- {
		f := folders[i]
		if !haveMetric[Caseloads] && len(f.caseloads) > 0 {
			data.Caseloads, haveMetric[Caseloads] = f.caseloads, true
		}
		if !haveMetric[Workforce] && len(f.workforce) > 0 {
			data.Workforce, haveMetric[Workforce] = f.workforce, true
		}
		if !haveMetric[Recruitment] && len(f.recruitment) > 0 {
			data.Recruitment, haveMetric[Recruitment] = f.recruitment, true
		}
		if !haveMetric[KPIs] && len(f.kpis) > 0 {
			data.KPIs, haveMetric[KPIs] = f.kpis, true
		}
		if !haveMetric[Allocations] && len(f.workers) > 0 {
			data.Workers, haveMetric[Allocations] = f.workers, true
		}
		if !haveMetric[ActionLog] && len(f.actionLog) > 0 {
			data.ActionLog, haveMetric[ActionLog] = f.actionLog, true
		}
	}
	missing(&rep, data, folders, folders[len(folders)-1:])
	return data, rep, nil
}

// missing records the sections the papers lack because a sheet of the
// reporting month that looked like their kind could not be read, when no
// other sheet gave that kind. A sheet that nearly matched a kind another
// sheet gave (Annex A's lists beside the allocation export, a risk
// register beside the tracker) is a warning, not an error: nothing is
// lost, and the papers can be made.
func missing(rep *quality.Report, data record.Data, folders, newest []*folder) {
	have := map[Kind]bool{
		Caseloads: len(data.Caseloads) > 0, Allocations: len(data.Workers) > 0, Workforce: len(data.Workforce) > 0,
		Recruitment: len(data.Recruitment) > 0, KPIs: len(data.KPIs) > 0, Actions: len(data.Periods) > 0,
	}
	for _, f := range folders {
		for k, idx := range f.nearProblems {
			if (k == Actions && !f.hasActions) || (k != Actions && !have[k]) {
				continue
			}
			for _, i := range idx {
				p := &rep.Problems[i]
				p.Severity = quality.Warning
				p.Message += fmt.Sprintf("; another sheet gave the %s, so nothing is missing from the papers", kindNoun[k][strings.IndexByte(kindNoun[k], ' ')+1:])
			}
		}
	}
	for _, f := range newest {
		for _, k := range []Kind{Actions, Caseloads, Allocations, Workforce, Recruitment, KPIs} {
			if m, ok := f.near[k]; ok && !have[k] {
				rep.Missing = append(rep.Missing, m)
			}
		}
	}
}

// folder holds what one folder's workbooks gave.
type folder struct {
	label        string
	hasActions   bool
	actionsFrom  string // "file › sheet" of the tracker, to name both in a clash
	actions      []record.Action
	asAt         time.Time // the tracker's own "data as at" date, zero if it gives none
	excluded     int       // action rows excluded for errors
	excludedRefs []string
	caseloads    []record.TeamCaseload
	workforce    []record.Workforce
	recruitment  []record.Recruitment
	kpis         []record.KPIValue
	workers      []record.WorkerLoad
	actionLog    []record.LogAction
	kinds        map[Kind]string
	near         map[Kind]quality.Missing // sheets that nearly matched a kind and were not read
	nearProblems map[Kind][]int           // their errors, by index in the report
}

func (f *folder) period(m record.Month) record.Period {
	return record.Period{Month: m, Actions: f.actions, AsAt: f.asAt, Excluded: f.excluded, ExcludedRefs: f.excludedRefs}
}

func (f *folder) metrics() record.Data {
	return record.Data{Caseloads: f.caseloads, Workforce: f.workforce, Recruitment: f.recruitment, KPIs: f.kpis, Workers: f.workers, ActionLog: f.actionLog}
}

// newestMonth is the latest month in the folder's metric records.
func (f *folder) newestMonth() record.Month {
	var m record.Month
	up := func(x record.Month) {
		if m.Before(x) {
			m = x
		}
	}
	for _, r := range f.caseloads {
		up(r.Month)
	}
	for _, r := range f.workforce {
		up(r.Month)
	}
	for _, r := range f.kpis {
		up(r.Month)
	}
	return m
}

func readDir(fsys fs.FS, dir, label string, opt Options, rep *quality.Report) (*folder, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("read folder: %w", err)
	}
	f := &folder{label: label, kinds: map[Kind]string{}, near: map[Kind]quality.Missing{}, nearProblems: map[Kind][]int{}}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() && !strings.HasPrefix(name, ".") {
			if n := exportsIn(fsys, path.Join(dir, name)); n > 0 {
				rep.Problems = append(rep.Problems, quality.Problem{Severity: quality.Warning, File: display(label, name), Effect: quality.FolderNotRead,
					Message: fmt.Sprintf("a sub-folder of %s; only the files of the data or month folder itself are read: move them up", exports(n))})
			}
		}
		if e.IsDir() || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
			continue
		}
		shown := display(label, name)
		ext := strings.ToLower(filepath.Ext(name))
		sheets, problems, skipped := len(rep.Sheets), len(rep.Problems), len(rep.Skipped)
		var err error
		switch ext {
		case ".xlsx", ".xlsm":
			err = readWorkbook(fsys, path.Join(dir, name), shown, opt, f, rep)
		case ".csv":
			err = readCSV(fsys, path.Join(dir, name), shown, opt, f, rep)
		case ".xls", ".xlsb", ".xltx", ".xltm", ".xlt", ".ods", ".numbers", ".tsv", ".txt":
			reason := "not an .xlsx workbook or a .csv export; save it as Excel Workbook (.xlsx)"
			rep.Skipped = append(rep.Skipped, quality.Skipped{File: shown, Reason: reason})
			rep.Problems = append(rep.Problems, quality.Problem{Severity: quality.Warning, File: shown, Effect: quality.WorkbookNotRead, Message: reason + "; nothing in it was read"})
			continue
		default:
			continue
		}
		if err != nil {
			rep.Problems = append(rep.Problems, quality.Problem{Severity: quality.Error, File: shown, Effect: quality.WorkbookNotRead, Message: err.Error()})
			continue
		}
		if len(rep.Sheets) == sheets && !hasError(rep.Problems[problems:]) {
			// Nothing read and nothing said: name the file, so a renamed
			// export never drops out of the papers unnoticed.
			var why []string
			for _, sk := range rep.Skipped[skipped:] {
				why = append(why, quality.Where(sk.Sheet)+reasonSep(sk.Sheet)+sk.Reason)
			}
			msg := "no sheet of this file was read"
			if len(why) > 0 {
				msg += " (" + strings.Join(why, "; ") + ")"
			}
			rep.Problems = append(rep.Problems, quality.Problem{Severity: quality.Warning, File: shown, Effect: quality.WorkbookNotRead,
				Message: msg + "; run boardpack inspect to see how its headings were read"})
		}
	}
	return f, nil
}

func reasonSep(sheet string) string {
	if sheet == "" {
		return ""
	}
	return ": "
}

func hasError(ps []quality.Problem) bool {
	for _, p := range ps {
		if p.Severity == quality.Error {
			return true
		}
	}
	return false
}

func display(label, name string) string {
	if label == "" {
		return name
	}
	return label + "/" + name
}

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	// encryptionInfo is the OLE stream name of an encrypted OOXML package, in UTF-16LE.
	encryptionInfo = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")
)

// openedBook is a workbook and what was learnt of its sheets' parts on
// the way.
type openedBook struct {
	wb     *workbook
	sheets map[string]*preparedSheet // checkLimits's checks, by sheet
	parts  map[string]part           // sheetParts, when made ahead
}

// open returns the workbook at name, opened ahead by the prefetcher or
// else now.
func open(fsys fs.FS, name string, opt Options) (*openedBook, error) {
	if b, err, ok := opt.prefetch.take(name); ok {
		opt.trace.count("prefetched")
		return b, err
	}
	return openFile(fsys, name, opt)
}

// openFile checks what kind of file name is before handing it to excelize,
// so the user is told "password-protected" or "a legacy .xls", not "not a
// valid zip file".
func openFile(fsys fs.FS, name string, opt Options) (*openedBook, error) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if st.Size() > MaxFileBytes {
		return nil, fmt.Errorf("the file is %d MB, over the %d MB limit for a workbook", st.Size()>>20, MaxFileBytes>>20)
	}
	body, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	var zr *zip.Reader // nil for an encrypted workbook
	switch {
	case len(body) < 8:
		return nil, errors.New("not an Excel workbook (the file is too short)")
	case bytes.HasPrefix(body, oleMagic):
		if !bytes.Contains(body, encryptionInfo) {
			return nil, errors.New("this is a legacy Excel 97-2003 (.xls) workbook; open it in Excel and save it as Excel Workbook (.xlsx)")
		}
		if opt.Password == "" {
			return nil, ErrPassword
		}
	case !bytes.HasPrefix(body, zipMagic):
		return nil, errors.New("not an Excel workbook (.xlsx files are zip packages; this one is not)")
	default:
		if zr, err = checkZip(body); err != nil {
			return nil, err
		}
	}
	opts := excelizeOptions(opt.Password)
	var wb *workbook
	if zr != nil && cmp.Or(opt.open, openWith) == "light" {
		if lb := lightOpen(zr, opts.UnzipXMLSizeLimit); lb != nil {
			wb = &workbook{light: lb, body: body, opt: opts}
		}
	}
	if wb == nil {
		xl, err := openExcelize(body, opts)
		if err != nil {
			return nil, err
		}
		wb = excelizeBook(xl)
	}
	if wb.light != nil {
		opt.trace.count("open light")
	} else {
		opt.trace.count("open excelize")
	}
	sheets, err := checkLimits(wb, body)
	if err != nil {
		wb.close()
		return nil, err
	}
	return &openedBook{wb: wb, sheets: sheets}, nil
}

// ErrPassword is the problem of an encrypted workbook read without a
// password; ErrWrongPassword of one the password given does not open.
var (
	ErrPassword      = errors.New("the workbook is password-protected; give its password (boardpack generate --password-env NAME reads it from the environment variable NAME)")
	ErrWrongPassword = errors.New("the password given does not open this workbook")
)

// readWorkbook reads every visible worksheet of one workbook into f.
func readWorkbook(fsys fs.FS, path, name string, opt Options, f *folder, rep *quality.Report) (err error) {
	defer func() {
		// excelize is not written for hostile input; a panic in it must
		// become an error about this file, never a crash.
		if r := recover(); r != nil {
			err = fmt.Errorf("the workbook is damaged and cannot be read (%v)", r)
		}
	}()
	b, err := open(fsys, path, opt)
	if err != nil {
		return err
	}
	readBook(b, fsys, path, name, opt, f, rep)
	return nil
}

// readBook reads the visible worksheets of b, the workbook at path, into
// f, and closes it.
func readBook(b *openedBook, fsys fs.FS, path, name string, opt Options, f *folder, rep *quality.Report) {
	wb := b.wb
	defer wb.close()
	date1904 := wb.date1904()
	parts := b.parts
	if parts == nil {
		parts = sheetParts(wb, b.sheets)
	}
	for _, sheet := range wb.sheetList() {
		if wb.hidden(sheet) {
			rep.Skipped = append(rep.Skipped, quality.Skipped{File: name, Sheet: sheet, Reason: quality.HiddenSheet})
			continue
		}
		s := sheetReader{file: name, sheet: sheet, date1904: date1904, opt: opt, folder: f, rep: rep, part: parts[sheet], prep: b.sheets[sheet], refs: map[string]int{},
			openPart: func(part string) (io.ReadCloser, error) { return openZipPart(fsys, path, part) }}
		if err := s.read(wb); err != nil {
			p := quality.Problem{Severity: quality.Error, File: name, Sheet: sheet, Message: err.Error()}
			var lost *rowsLost
			switch {
			case errors.As(err, &lost) && lost.unread > 0:
				// Rows never read, whether or not the sheet's header was
				// reached: they stop the papers even going on past errors.
				p.Effect = quality.RowsNotRead
			case errors.As(err, &lost) && lost.sheet:
				p.Effect = quality.SheetNotRead
			}
			rep.Problems = append(rep.Problems, p)
		}
	}
}

// Limits on what a workbook's zip directory may declare. excelize allocates
// each part at its declared size before inflating it, so a damaged or
// hostile 6 KB file declaring an 800 MB part would cost 800 MB of memory.
const (
	maxPartBytes = 1 << 30 // one part, uncompressed
	maxRatio     = 1100    // deflate cannot expand more than about 1032:1
)

// checkZip refuses a workbook whose zip directory declares parts that could
// not be real: larger than deflate can produce from their compressed size,
// over the per-part limit, or over the total limit.
func checkZip(body []byte) (*zip.Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		return nil, fmt.Errorf("cannot open the workbook: %w", err)
	}
	var total uint64
	for _, f := range zr.File {
		size, packed := f.UncompressedSize64, f.CompressedSize64
		total += size
		switch {
		case size > maxPartBytes:
			return nil, fmt.Errorf("the workbook's part %s declares %d MB; refused as a damaged file or zip bomb", f.Name, size>>20)
		case f.Method == zip.Store && size != packed:
			return nil, fmt.Errorf("the workbook's part %s is damaged (stored, but its sizes disagree)", f.Name)
		case f.Method != zip.Store && size > 4096 && size/max(packed, 1) > maxRatio:
			return nil, fmt.Errorf("the workbook's part %s declares %d bytes from %d: impossible for a real file; refused as damaged or a zip bomb", f.Name, size, packed)
		}
	}
	if total > uint64(unzipLimit) {
		return nil, fmt.Errorf("the workbook unpacks to more than %d MB; refused as a damaged file or zip bomb", unzipLimit>>20)
	}
	return zr, nil
}
