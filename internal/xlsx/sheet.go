package xlsx

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/internal/record"
	"github.com/boardpack/boardpack/internal/vocab"
)

// sheetReader reads one worksheet.
type sheetReader struct {
	file, sheet string
	date1904    bool
	opt         Options
	folder      *folder
	rep         *quality.Report

	wb       *workbook                           // nil for a CSV export
	openPart func(string) (io.ReadCloser, error) // streams a part excelize did not keep in memory
	part     part
	prep     *preparedSheet // the part's check, made when the workbook was opened
	merged   []mergeRange
	mergeAt  mergeCursor  // the ranges of merged covering the row read
	pct      map[int]bool // style ID -> is a percentage format
	wide     []monthCol   // month columns of a wide KPI sheet
	m        match
	sr       quality.SheetReport
	allocs   map[allocKey]int // (team, worker) -> children; never leaves the package
	allocFT  map[allocKey]record.Num
	allocM   record.Month
	refs     map[string]int // action ref -> first row, to catch duplicates

	csv      bool         // a CSV export: no merges, formats or formulas
	seenData bool         // a data row has been read
	pending  []pendingRow // one-value rows not yet known to be area headings or notes
	tracker  trackerState

	cleaned   [][]string           // the first rows, cleaned, as header detection saw them
	described map[[3]int]colValues // describe's answers, by window and column
}

// readCache remembers, for one read of a data folder, what each heading
// scores and what each value is: the trackers of one folder, and of each
// month, repeat their headings and most of their words.
type readCache struct {
	scores scoreCache
	feats  [2]map[string]cellFeat // by date system (1900, 1904)
	cells  int                    // cells read so far, against MaxFolderCells
}

func (s *sheetReader) scores() scoreCache {
	c := s.cache()
	if c.scores == nil {
		c.scores = scoreCache{}
	}
	return c.scores
}

func (s *sheetReader) feats() map[string]cellFeat {
	c := s.cache()
	i := 0
	if s.date1904 {
		i = 1
	}
	if c.feats[i] == nil {
		c.feats[i] = map[string]cellFeat{}
	}
	return c.feats[i]
}

func (s *sheetReader) cache() *readCache {
	if s.opt.cache == nil {
		s.opt.cache = &readCache{}
	}
	return s.opt.cache
}

type allocKey struct{ team, worker string }

// row is one spreadsheet row's cell values.
type row struct {
	n      int // 1-based row number
	cells  []string
	styles []int // each cell's style index when the fast path read the row; nil otherwise
}

// monthCol is a column of a wide KPI sheet holding one month's values.
type monthCol struct {
	col   int
	month record.Month
}

func (s *sheetReader) read(wb *workbook) error {
	s.wb = wb
	if s.part.chart {
		s.rep.Skipped = append(s.rep.Skipped, quality.Skipped{File: s.file, Sheet: s.sheet, Reason: "chart sheet"})
		return nil
	}
	if s.part.merges {
		s.merged = merges(wb, s.sheet)
	}
	rows, part, err := openRows(wb, s.sheet, s.prep, s.openPart, cmp.Or(s.opt.rows, rowsPath))
	if err != nil {
		return fmt.Errorf("cannot read the sheet: %w", err)
	}
	if _, fast := rows.(*fastRows); fast {
		s.opt.trace.count("rows fast")
	} else {
		s.opt.trace.count("rows excelize")
	}
	return s.readRows(rows, part)
}

// rowReader reads rows from an iterator up to where the part says they
// end: the last whole row before a fault, or the part's last row.
type rowReader struct {
	rows   rowIter
	part   partRows
	n      int   // rows returned
	broken error // a row the iterator could not read

	// limit, when set, checks each row against the reader's limits and may
	// shorten its cells; an error stops the rows (held in refused).
	limit   func(cols []string, n int) ([]string, error)
	refused error
	// merges, when set, gives the merged ranges covering row n, whose
	// first cell's value fills the rest.
	merges func(n int) []mergeRange
}

// next returns the next row, or false at the end of the rows that can be
// read.
func (rr *rowReader) next() (row, bool) {
	stop := -1 // the last row that may be read: the last whole row before a fault
	if rr.part.fault != nil {
		stop = rr.part.fault.After
	}
	if rr.broken != nil || rr.refused != nil || stop >= 0 && rr.n >= stop || !rr.rows.Next() {
		return row{}, false
	}
	cols, err := rr.rows.Columns()
	if err != nil {
		rr.broken = fmt.Errorf("row %d cannot be read: %w", rr.n+1, err)
		return row{}, false
	}
	rr.n++
	if rr.limit != nil {
		if cols, err = rr.limit(cols, rr.n); err != nil {
			rr.refused = err
			return row{}, false
		}
	}
	if rr.merges != nil {
		cols = fill(cols, rr.n, rr.merges(rr.n))
	}
	r := row{n: rr.n, cells: cols}
	if fr, ok := rr.rows.(*fastRows); ok {
		r.styles = fr.rowStyles
	}
	return r, true
}

// ended is why the rows stopped before the part's last row, nil when they
// did not.
func (rr *rowReader) ended() *rowsLost {
	unread := max(1, rr.part.last-rr.n)
	switch err := rr.rows.Error(); {
	case rr.broken != nil:
		return &rowsLost{msg: rr.broken.Error(), unread: unread, cause: rr.broken}
	case err != nil:
		return &rowsLost{msg: "cannot read the sheet: " + err.Error(), unread: unread, cause: err}
	}
	return rr.part.lost(rr.n)
}

// readRows reads a sheet's rows: the first ones are held until the header
// is found among them, the rest are read as they come. part says how many
// rows the sheet has and where a fault in its XML stops them: no row at or
// after a fault is read (excelize would return the damaged row cut short),
// and rows the iterator does not reach are an error, counted as unread in
// the sheet's report, never an early end of the sheet.
func (s *sheetReader) readRows(rows rowIter, part partRows) error {
	defer rows.Close()
	var buf []row
	rr := rowReader{rows: rows, part: part, limit: s.limitRow}
	if len(s.merged) > 0 {
		rr.merges = s.mergesOn
	}
	for len(buf) < headerScan+sampleRows {
		r, ok := rr.next()
		if !ok {
			break
		}
		buf = append(buf, r)
	}
	if rr.refused != nil {
		return rr.refused
	}
	cells := make([][]string, len(buf))
	for i, r := range buf {
		cells[i] = r.cells
	}
	m, found, near, isNear := s.detect(cells)
	if !found {
		// The rows were not all read on purpose; only a fault in those
		// that were, or anywhere in the part, is an error.
		if lost := rr.ended(); lost != nil && (rr.broken != nil || part.fault != nil || rows.Error() != nil) {
			lost.sheet = true
			return lost
		}
		if isNear {
			s.nearMiss(near)
			return nil
		}
		s.rep.Skipped = append(s.rep.Skipped, quality.Skipped{File: s.file, Sheet: s.sheet,
			Reason: "no header row of a known kind in the first 30 rows (notes, read-me or an unrecognised export)"})
		return nil
	}
	s.m = m
	s.sr = quality.SheetReport{File: s.file, Sheet: s.sheet, Kind: string(m.schema.kind), HeaderRow: m.headerRows[0], HeaderRows: m.headerRows}
	if err := s.claim(); err != nil {
		return err
	}
	s.explain(&s.m)
	s.describeColumns()
	if fr, ok := rows.(*fastRows); ok && m.schema.kind != KPIs {
		fr.noStyles = true // only a KPI sheet's formats are read (see percentCell)
	}
	if m.schema.kind == Actions {
		s.startActions(cells[:m.headerRows[0]-1])
		if n := min(part.last-m.last(), MaxTrackerRows); n > 0 {
			// Room for the rows below the header, each an action at most.
			s.folder.actions = slices.Grow(s.folder.actions, n)
		}
	}
	for _, r := range buf[m.last():] {
		s.row(r)
	}
	for {
		r, ok := rr.next()
		if !ok {
			break
		}
		s.row(r)
	}
	if rr.refused != nil {
		// The rows above were read; those below never will be, and
		// cannot be excluded and listed as rows in error are.
		return &rowsLost{msg: rr.refused.Error(), unread: max(1, part.last-rr.n+1), cause: rr.refused}
	}
	lost := rr.ended()
	s.finish()
	if lost != nil {
		s.sr.Unread = lost.unread
		s.sr.Rows += lost.unread
	}
	s.rep.Sheets = append(s.rep.Sheets, s.sr)
	if lost != nil {
		return lost
	}
	return nil
}

// describeColumns records how the header was read: each column read with
// its heading, each headed column not read and why, and a warning for each
// that looks like a field but was not read.
func (s *sheetReader) describeColumns() {
	m := &s.m
	type fc struct {
		name string
		col  int
	}
	var read []fc
	for name, c := range m.cols {
		if f := m.schema.field(name); f != nil && f.notRead != "" {
			m.ignored = append(m.ignored, quality.Column{Col: colName(c), Heading: m.headings[c], Reason: f.notRead})
			continue
		}
		read = append(read, fc{name, c})
	}
	sort.SliceStable(m.ignored, func(i, j int) bool {
		a, _ := excelize.ColumnNameToNumber(m.ignored[i].Col)
		b, _ := excelize.ColumnNameToNumber(m.ignored[j].Col)
		return a < b
	})
	for _, c := range m.flags {
		read = append(read, fc{"confidential", c})
	}
	for _, c := range m.publish {
		read = append(read, fc{publishField, c})
	}
	sort.Slice(read, func(i, j int) bool { return read[i].col < read[j].col })
	for _, x := range read {
		label := m.schema.label(x.name)
		if x.name == publishField {
			label = "confidential, the other way round (No or blank withholds the row)"
		}
		s.sr.Columns = append(s.sr.Columns, quality.Column{Col: colName(x.col), Heading: m.headings[x.col], Field: label})
	}
	s.sr.Ignored = m.ignored
	for _, p := range m.looksLike {
		p.File, p.Sheet = s.file, s.sheet
		s.rep.Problems = append(s.rep.Problems, p)
	}
}

// nearMiss reports a sheet whose best header row has most of a kind's
// columns but not one it needs: an error (a section would otherwise be lost
// in silence) naming the row, what was matched, what is missing, the
// headings found, and the boardpack.yaml line that would map the column.
func (s *sheetReader) nearMiss(m match) {
	sc := m.schema
	var found, others []string
	read := map[int]bool{}
	type fc struct {
		name string
		col  int
	}
	var cols []fc
	for name, c := range m.cols {
		cols = append(cols, fc{name, c})
		read[c] = true
	}
	sort.Slice(cols, func(i, j int) bool { return cols[i].col < cols[j].col })
	for _, x := range cols {
		found = append(found, fmt.Sprintf("%s = %s %q", says(sc.label(x.name)), colName(x.col), m.headings[x.col]))
	}
	var unread []int
	for c := range m.headings {
		if !read[c] {
			unread = append(unread, c)
		}
	}
	sort.Ints(unread)
	for _, c := range unread {
		others = append(others, fmt.Sprintf("%s %q", colName(c), m.headings[c]))
	}
	rowsText := fmt.Sprintf("row %d", m.headerRows[0])
	if len(m.headerRows) == 2 {
		rowsText = fmt.Sprintf("rows %d-%d", m.headerRows[0], m.headerRows[1])
	}
	what := kindNoun[sc.kind]
	lacks := fmt.Sprintf("has no %s column", strings.Join(m.missing, " or "))
	if m.notMonth > 0 && len(m.missing) == 1 && m.missing[0] == "month" {
		// A "time_period" of 2022 is there but gives no month: a mapping
		// would change nothing, so none is offered.
		c := m.notMonth - 1
		lacks = fmt.Sprintf("its month column %s %q holds %s, not months or dates (each row needs one: Mar-23, 2023-03, 30/09/2023, Q1 2023/24)",
			colName(c), m.headings[c], strings.Join(sampleValues(m.data, c, 3), ", "))
	}
	msg := fmt.Sprintf("header %s looks like %s but %s, so the sheet was not read; columns found: %s",
		rowsText, what, lacks, strings.Join(found, ", "))
	if len(others) > 0 {
		msg += "; other headings: " + strings.Join(others, ", ")
	} else {
		msg += "; no other headings"
	}
	var fix *quality.Fix
	if len(m.missing) == 1 && len(unread) > 0 && m.notMonth == 0 {
		if f := s.missingField(m); f != nil {
			data := window{key: [2]int{-1, -1}, rows: tableRows(s.cleaned[m.last():], nil)}
			for _, c := range unread {
				if vetoes(f, m.headings[c]) {
					continue // "Average caseload" is never offered as the cases
				}
				if s.fits(f, s.describe(data, c)) {
					fix = &quality.Fix{Section: "headers", Key: m.headings[c], Value: f.label,
						Comment: fmt.Sprintf("column %s of %s; check it is the %s", colName(c), quality.Where(s.file, s.sheet), says(f.label))}
					break
				}
			}
		}
	}
	if m.notMonth > 0 {
		msg += "; give each row its month, or hide the sheet if it is not " + what
	} else if fix == nil && len(m.missing) == 1 && m.missing[0] == "month" {
		// A table "as at 30 June 2023": no heading to map. The month of
		// a title is not taken, since a copy left from last month would
		// pass for this one.
		msg += "; add a Month column giving each row its month (Jun-23, 2023-06 or 30/06/2023), since the month in a title is not read, or hide the sheet if it is not " + what
	} else if fix != nil {
		msg += fmt.Sprintf("; if %s %q is the %s, add to boardpack.yaml: headers: %s: %s", colName(s.colOf(m, fix.Key)), fix.Key, says(fix.Value), quality.YAMLQuote(fix.Key), fix.Value)
	} else {
		var lines []string
		for _, l := range m.missing {
			lines = append(lines, "\"Heading\": "+l)
		}
		msg += "; map the heading that holds it in boardpack.yaml (headers: " + strings.Join(lines, "; ") + "), or hide the sheet if it is not " + what
	}
	s.folder.nearProblems[sc.kind] = append(s.folder.nearProblems[sc.kind], len(s.rep.Problems))
	s.rep.Problems = append(s.rep.Problems, quality.Problem{Severity: quality.Error, File: s.file, Sheet: s.sheet,
		Cell: fmt.Sprintf("A%d", m.headerRows[0]), Effect: quality.SheetNotRead, Message: msg, Fix: fix})
	if _, dup := s.folder.near[sc.kind]; !dup {
		s.folder.near[sc.kind] = quality.Missing{Kind: string(sc.kind), Where: quality.Where(s.file, s.sheet),
			Reason: fmt.Sprintf("%s %s, so it could not be read", quality.Where(s.file, s.sheet), lacks)}
	}
}

// sampleValues returns up to n different values of column c of data.
func sampleValues(data window, c, n int) []string {
	var out []string
	for _, r := range data.rows {
		if c >= len(r) || r[c] == "" || slices.Contains(out, r[c]) {
			continue
		}
		if out = append(out, r[c]); len(out) == n {
			break
		}
	}
	return out
}

// colOf returns the leftmost column headed heading.
func (s *sheetReader) colOf(m match, heading string) int {
	col := -1
	for c, h := range m.headings {
		if h == heading && (col < 0 || c < col) {
			col = c
		}
	}
	return max(col, 0)
}

// missingField is the one required field a near match lacks.
func (s *sheetReader) missingField(m match) *field {
	for i := range m.schema.fields {
		f := &m.schema.fields[i]
		if _, ok := m.cols[f.name]; f.required && !ok {
			return f
		}
	}
	if len(m.schema.anyOf) > 0 {
		return m.schema.field(m.schema.anyOf[0])
	}
	return nil
}

// vetoes reports whether heading has a word that rules field f out.
func vetoes(f *field, heading string) bool {
	toks := tokens(heading)
	for _, v := range f.veto {
		if contains(toks, tokens(v)) {
			return true
		}
	}
	return false
}

// fits reports whether a column's values could be field f's.
func (s *sheetReader) fits(f *field, v colValues) bool {
	if v.n == 0 {
		return false
	}
	switch {
	case f.name == "action":
		return v.texty()
	case f.values == numberValues:
		return v.most(v.number)
	case f.values == dateValues:
		return v.most(v.date)
	case f.values == idValues:
		return v.most(v.id)
	case f.values == textValues:
		return !v.most(v.number) && !v.most(v.date)
	}
	return true
}

var kindNoun = map[Kind]string{
	Actions: "an improvement-plan tracker", Caseloads: "a caseloads sheet", Allocations: "an allocations export",
	Workforce: "a workforce sheet", Recruitment: "a recruitment sheet", KPIs: "a KPI sheet",
	ActionLog: "a board action log",
}

// detectWide recognises a KPI sheet in wide form: an indicator column, then
// one column per month (headers that are dates or text such as "Apr-23"),
// with optional target, polarity and comparator columns before them.
func (s *sheetReader) detectWide(cols []string, n int) (match, bool) {
	si := 0
	for i := range schemas {
		if schemas[i].kind == KPIs {
			si = i
		}
	}
	kpi := &schemas[si]
	m := match{schema: kpi, si: si, cols: map[string]int{}, headerRows: []int{n}, headings: map[int]string{}, complete: true}
	var months []monthCol
	for i, c := range cols {
		if strings.TrimSpace(c) == "" {
			continue
		}
		m.headings[i] = Clean(c)
		name := ""
		if len(c) <= maxHeading {
			best := 0.0
			for fi, x := range headingScores(si, c) {
				if x >= minScore && x > best {
					name, best = kpi.fields[fi].name, x
				}
			}
		}
		if name != "" && name != "month" && name != "value" {
			if _, dup := m.cols[name]; !dup {
				m.cols[name] = i
			}
			continue
		}
		if _, ok := m.cols["indicator"]; ok {
			if t, err := ParseDate(c, s.date1904); err == nil && !t.IsZero() {
				months = append(months, monthCol{col: i, month: record.MonthOf(t)})
			}
		}
	}
	if _, ok := m.cols["indicator"]; !ok || len(months) < 2 {
		return match{}, false
	}
	s.wide = months
	for _, mc := range months {
		delete(m.headings, mc.col)
	}
	return m, true
}

// claim records that this sheet provides its kind for the folder; two sheets
// of one kind in a period is an error naming both.
func (s *sheetReader) claim() error {
	k := s.m.schema.kind
	here := quality.Where(s.file, s.sheet)
	if prev, dup := s.folder.kinds[k]; dup {
		return fmt.Errorf("a second %s sheet in this period (the first is %s); keep one and remove or hide the other", k, prev)
	}
	s.folder.kinds[k] = here
	if k == Actions {
		s.folder.hasActions = true
		s.refs = map[string]int{}
	}
	if k == Allocations {
		s.allocs = map[allocKey]int{}
		s.allocFT = map[allocKey]record.Num{}
	}
	return nil
}

// get returns the cleaned value of field name in r, "" when absent.
func (s *sheetReader) get(r row, name string) string {
	i, ok := s.m.cols[name]
	if !ok || i >= len(r.cells) {
		return ""
	}
	return Clean(r.cells[i])
}

// flagCols returns the columns read as the confidentiality flag: the
// flag's, then any further column whose heading speaks of it.
func (s *sheetReader) flagCols() []int {
	var out []int
	if c, ok := s.m.cols["confidential"]; ok {
		out = append(out, c)
	}
	return append(out, s.m.flags...)
}

// cellAt returns the cleaned value of the row's column c (0-based).
func cellAt(r row, c int) string {
	if c >= len(r.cells) {
		return ""
	}
	return Clean(r.cells[c])
}

// publishField names a column read as whether a row may be published.
const publishField = "publish"

// parsePublish reads a "Publish?" cell: whether it withholds the row. Yes
// publishes it; No, blank (not stated: fail closed) or a word of secrecy
// withholds it; anything else is an error.
func parsePublish(raw string) (withhold bool, err error) {
	switch strings.ToLower(Clean(raw)) {
	case "yes", "y", "true", "1", "open", "public", "publish":
		return false, nil
	case "", "no", "n", "false", "0", "exempt", "confidential", "private", "closed", "restricted":
		return true, nil
	}
	return true, fmt.Errorf("%q is not yes or no", raw)
}

// confidential reads a row's flags: true when any reads yes, or any
// "Publish?" column does not read yes. A flag that reads neither yes nor
// no is an error naming its cell.
func (s *sheetReader) confidential(r row, e *rowErrs) bool {
	yes := false
	for _, c := range s.m.publish {
		v := cellAt(r, c)
		w, err := parsePublish(v)
		if err != nil {
			cell, _ := excelize.CoordinatesToCellName(c+1, r.n)
			e.addAt(quality.Error, cell, v, "may be published: "+err.Error())
		}
		yes = yes || w
	}
	for _, c := range s.flagCols() {
		v := cellAt(r, c)
		y, err := ParseYes(v)
		if err != nil {
			cell, _ := excelize.CoordinatesToCellName(c+1, r.n)
			e.addAt(quality.Error, cell, v, "confidential: "+err.Error())
		}
		yes = yes || y
	}
	return yes
}

func (s *sheetReader) cell(r row, name string) string {
	i, ok := s.m.cols[name]
	if !ok {
		return ""
	}
	c, _ := excelize.CoordinatesToCellName(i+1, r.n)
	return c
}

func (s *sheetReader) loc(r row) record.Loc {
	return record.Loc{File: s.file, Sheet: s.sheet, Row: r.n}
}

// rowErrs collects one row's problems; any error rejects the row.
type rowErrs struct {
	s      *sheetReader
	r      row
	failed bool
	// confidential: the row is marked confidential (or its flag cannot
	// be read, so it may be), and its problems never quote its values.
	confidential bool
}

func (e *rowErrs) add(sev quality.Severity, name, value, msg string) {
	e.addAt(sev, e.s.cell(e.r, name), value, msg)
}

// addAt is add for a problem located by its cell.
func (e *rowErrs) addAt(sev quality.Severity, cell, value, msg string) {
	if sev == quality.Error {
		e.failed = true
	}
	p := quality.Problem{
		Severity: sev, File: e.s.file, Sheet: e.s.sheet, Cell: cell, Value: value, Message: msg,
	}
	if k := e.s.m.schema.kind; k == Actions || k == ActionLog {
		p.Ref = e.s.get(e.r, "ref")
	}
	switch {
	case e.confidential:
		p.Value, p.Message, p.Withheld = "", quality.Redact(msg), true
	case value == "":
	case e.s.m.schema.kind == Allocations:
		// Every cell of an allocation export may be a child or a worker.
		p.Value, p.Message = "", quality.Redact(strings.ReplaceAll(msg, strconv.Quote(value), describeValue(value)))
	case !quotable(value):
		p.Value, p.Message = "", strings.ReplaceAll(msg, strconv.Quote(value), describeValue(value))
	}
	e.s.rep.Problems = append(e.s.rep.Problems, p)
}

// quotable reports whether a cell's value may be repeated in a message: a
// word or a short phrase ("TBC", "End of March", "31/02/2023"), not a
// sentence, which may say anything about anyone, nor a long run of digits,
// which may be a child's or a worker's identifier.
func quotable(v string) bool {
	if len(v) > 60 || len(strings.Fields(v)) > 8 {
		return false
	}
	if reDateShape.MatchString(v) {
		return true
	}
	run := 0
	for _, r := range v {
		if r < '0' || r > '9' {
			run = 0
			continue
		}
		if run++; run >= 6 {
			return false
		}
	}
	return true
}

// describeValue says what kind of value a cell holds, for a message that
// must not quote it: "(a number)", "(text of 12 words)".
func describeValue(v string) string {
	if n, err := ParseNumber(v); err == nil && n.Valid {
		return "(a number)"
	}
	if w := len(strings.Fields(v)); w > 1 {
		return fmt.Sprintf("(text of %d words)", w)
	}
	return fmt.Sprintf("(text of %d characters)", utf8.RuneCountInString(v))
}

// row classifies and parses one data row.
func (s *sheetReader) row(r row) {
	s.sr.Rows++
	// Distinct values, so a note merged across the table's width is still
	// one note.
	nonEmpty, filled, text, col := 0, 0, "", 0
	for i, c := range r.cells {
		c := Clean(c)
		if c == "" {
			continue
		}
		filled++
		if c != text {
			nonEmpty++
			text, col = c, i
		}
	}
	if nonEmpty == 0 {
		s.sr.Blank++
		return
	}
	if s.m.schema.kind == Actions {
		if !s.seenData && s.isExplanation(r) {
			s.note(r.n, firstCol(r.cells), "column explanations under the header: "+text)
			return
		}
		if s.isHeaderAgain(r) {
			// A table printed in blocks repeats its header: the rows held
			// back before it belong to the block above, except a heading
			// of the block it starts ("AIM 2: ...").
			var keep []pendingRow
			for _, p := range s.pending {
				if p.merged || reAreaRow.MatchString(p.text) {
					keep = append(keep, p)
				}
			}
			if len(keep) < len(s.pending) {
				kept := map[int]bool{}
				for _, p := range keep {
					kept[p.n] = true
				}
				for _, p := range s.pending {
					if !kept[p.n] {
						s.note(p.n, p.col, p.text)
					}
				}
				s.pending = keep
			}
			s.note(r.n, firstCol(r.cells), "the header again")
			return
		}
		if nonEmpty == 1 && !hasNotePrefix(text) && s.isAreaRow(text, col, filled) {
			s.pending = append(s.pending, pendingRow{n: r.n, col: col, text: text, merged: filled >= 2})
			return
		}
	}
	if nonEmpty == 1 && s.isNote(text, col) {
		s.note(r.n, col, text)
		return
	}
	s.flushPending(true)
	s.seenData = true
	e := &rowErrs{s: s, r: r}
	for _, c := range s.flagCols() {
		if v := cellAt(r, c); v != "" {
			yes, err := ParseYes(v)
			e.confidential = e.confidential || yes || err != nil
		}
	}
	for _, c := range s.m.publish {
		w, _ := parsePublish(cellAt(r, c))
		e.confidential = e.confidential || w
	}
	if s.part.formulas {
		s.calculate(&r, e)
	}
	switch s.m.schema.kind {
	case Actions:
		s.action(r, e)
	case Caseloads:
		s.caseload(r, e)
	case Allocations:
		s.allocation(r, e)
	case Workforce:
		s.workforce(r, e)
	case Recruitment:
		s.recruitment(r, e)
	case ActionLog:
		s.logAction(r, e)
	case KPIs:
		if s.wide != nil {
			s.kpiWide(r, e)
		} else {
			s.kpi(r, e)
		}
	}
	if e.failed {
		s.sr.Rejected++
	} else {
		s.sr.Used++
	}
}

// isHeaderAgain reports whether r repeats the header's headings.
func (s *sheetReader) isHeaderAgain(r row) bool {
	if len(s.m.headerRows) != 1 || len(s.m.headings) < 2 {
		return false
	}
	if c := s.tracker.firstCol; c < 0 || c >= len(r.cells) || Clean(r.cells[c]) != s.m.headings[c] {
		return false
	}
	same := 0
	for c, h := range s.m.headings {
		if c < len(r.cells) && Clean(r.cells[c]) == h {
			same++
		}
	}
	return same == len(s.m.headings)
}

// note counts row n as a note, its text found in column col. A tracker's
// note may say what date its data is as at.
func (s *sheetReader) note(n, col int, text string) {
	s.sr.Notes++
	cell, _ := excelize.CoordinatesToCellName(col+1, n)
	s.sr.NoteCells = append(s.sr.NoteCells, cell)
	if s.m.schema.kind == Actions {
		s.asAtFrom(text)
	}
}

func firstCol(cells []string) int {
	for i, c := range cells {
		if Clean(c) != "" {
			return i
		}
	}
	return 0
}

func hasNotePrefix(t string) bool {
	l := strings.ToLower(t)
	for _, p := range []string{"source", "note", "data as at", "*", "produced by", "last refreshed", "key:", "total", "figures as at"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// calculate fills the empty cells of mapped columns that hold a formula
// with no saved value (workbooks written by scripts rather than Excel), by
// calculating it.
func (s *sheetReader) calculate(r *row, e *rowErrs) {
	for name, i := range s.m.cols {
		if i < len(r.cells) && Clean(r.cells[i]) != "" {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(i+1, r.n)
		xl, err := s.wb.excelize()
		if err != nil {
			continue
		}
		f, err := xl.GetCellFormula(s.sheet, cell)
		if err != nil || f == "" {
			continue
		}
		v, err := xl.CalcCellValue(s.sheet, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			// Quoted, so that add describes or withholds it as any value.
			e.add(quality.Error, name, "="+f, fmt.Sprintf("the formula %q has no saved value and cannot be calculated (%v); open the workbook in Excel and save it", "="+f, err))
			continue
		}
		for len(r.cells) <= i {
			r.cells = append(r.cells, "")
		}
		r.cells[i] = v
	}
}

// percent reports whether the cell of field name in r is formatted as a
// percentage, so its raw value 0.125 means 12.5%.
func (s *sheetReader) percent(r row, name string) bool {
	i, ok := s.m.cols[name]
	if !ok {
		return false
	}
	return s.percentCell(r, i)
}

// percentCell reports whether cell col of r has a percentage format. The
// style index comes from the fast row path when it read the row; asking
// excelize instead loads the whole sheet into memory, so that is left for
// rows read by excelize and cells with no style of their own (whose
// format comes from their row or column).
func (s *sheetReader) percentCell(r row, col int) bool {
	id := 0
	if col < len(r.styles) {
		id = r.styles[col]
	}
	if id == 0 && s.wb == nil {
		return false // a CSV export has no formats
	}
	if id == 0 {
		cell, _ := excelize.CoordinatesToCellName(col+1, r.n)
		xl, err := s.wb.excelize()
		if err != nil {
			return false
		}
		if id, err = xl.GetCellStyle(s.sheet, cell); err != nil {
			return false
		}
	}
	if id == 0 {
		return false
	}
	if s.pct == nil {
		s.pct = map[int]bool{}
	}
	if v, ok := s.pct[id]; ok {
		return v
	}
	isPct, sure := false, false
	if s.wb.light != nil {
		isPct, sure = s.wb.light.styles.percent(id)
	}
	if !sure {
		xl, err := s.wb.excelize()
		if err != nil {
			return false
		}
		st, err := xl.GetStyle(id)
		isPct = err == nil && (st.NumFmt == 9 || st.NumFmt == 10 || (st.CustomNumFmt != nil && strings.Contains(*st.CustomNumFmt, "%")))
	}
	s.pct[id] = isPct
	return isPct
}

// pctNum reads a KPI figure, scaling a percentage-formatted cell to percent.
func (s *sheetReader) pctNum(r row, e *rowErrs, name, what string) record.Num {
	n := s.num(r, e, name, what)
	if n.Valid && s.percent(r, name) {
		n.Value *= 100
	}
	return n
}

// isNote reports whether a row whose only text is t, in column col, is a
// note rather than data: it reads like one ("Source: ...", "Data as at
// ..."), or it is a sentence outside the table's columns. A sentence in a
// column the table uses (an action description with no ref) is data, and
// is rejected with a reason rather than set aside.
func (s *sheetReader) isNote(t string, col int) bool {
	if hasNotePrefix(t) {
		return true
	}
	for name, i := range s.m.cols {
		if i == col {
			// A sentence alone in a tracker's reference, lead or date
			// column (a key printed under the table) is no action.
			return s.m.schema.kind == Actions && name != "action" && len(strings.Fields(t)) >= 5
		}
	}
	for _, mc := range s.wide {
		if mc.col == col {
			return false
		}
	}
	return len(strings.Fields(t)) >= 3
}

func (s *sheetReader) date(r row, e *rowErrs, name, what string, required bool) time.Time {
	v := s.get(r, name)
	t, err := ParseDate(v, s.date1904)
	switch {
	case errors.Is(err, ErrNoDate):
		if required {
			e.add(quality.Warning, name, v, fmt.Sprintf("%s %q gives no date; treated as no %s", what, v, what))
		}
	case err != nil && !looksLikeDate(v):
		// Text such as "End of March" or "Next board meeting": no date,
		// but not a mistyped one either.
		e.add(quality.Warning, name, v, fmt.Sprintf("%s %q is not a date; treated as no %s", what, v, what))
	case err != nil:
		e.add(quality.Error, name, v, fmt.Sprintf("%s: %v", what, err))
	}
	return t
}

func (s *sheetReader) month(r row, e *rowErrs) record.Month {
	v := s.get(r, "month")
	t, err := ParseDate(v, s.date1904)
	if err != nil || t.IsZero() {
		msg := fmt.Sprintf("month %q is not a month (expected a date or text such as Jun-23)", v)
		if v == "" {
			msg = "month is blank"
		}
		e.add(quality.Error, "month", v, msg)
		return record.Month{}
	}
	return record.MonthOf(t)
}

func (s *sheetReader) num(r row, e *rowErrs, name, what string) record.Num {
	v := s.get(r, name)
	n, err := ParseNumber(v)
	if err != nil {
		e.add(quality.Error, name, v, fmt.Sprintf("%s: %v", what, err))
		return record.Num{}
	}
	if n.Valid && n.Value < 0 {
		e.add(quality.Error, name, v, fmt.Sprintf("%s must not be negative", what))
		return record.Num{}
	}
	return n
}

func (s *sheetReader) text(r row, e *rowErrs, name, what string) string {
	v := s.get(r, name)
	if v == "" {
		e.add(quality.Error, name, v, what+" is blank")
	}
	return v
}

func (s *sheetReader) caseload(r row, e *rowErrs) {
	c := record.TeamCaseload{
		Month:  s.month(r, e),
		Team:   s.text(r, e, "team", "team"),
		FTE:    s.num(r, e, "fte", "case-holding FTE"),
		Cases:  s.num(r, e, "cases", "cases"),
		Target: s.num(r, e, "target", "target caseload"),
		Loc:    s.loc(r),
	}
	if c.Cases.Valid && c.Cases.Value != math.Trunc(c.Cases.Value) {
		// 18.2 beside the FTE is the average caseload: read as the count,
		// the papers would print an average of 1.4.
		e.add(quality.Error, "cases", s.get(r, "cases"), fmt.Sprintf("cases: %q is not a whole number of children; it looks like an average caseload, and the cases column must count the children allocated", s.get(r, "cases")))
	}
	if !e.failed {
		s.folder.caseloads = append(s.folder.caseloads, c)
	}
}

func (s *sheetReader) allocation(r row, e *rowErrs) {
	s.text(r, e, "child", "child ID") // required, counted, never stored
	team := s.text(r, e, "team", "team")
	worker := s.get(r, "worker")
	if _, ok := s.m.cols["month"]; ok && s.get(r, "month") != "" {
		if m := s.month(r, e); !m.IsZero() {
			if s.allocM.IsZero() {
				s.allocM = m
			} else if m != s.allocM {
				e.add(quality.Error, "month", s.get(r, "month"), fmt.Sprintf("snapshot date is in %s but earlier rows are in %s; one export per snapshot", m.Long(), s.allocM.Long()))
			}
		}
	}
	fte := s.num(r, e, "workerfte", "worker FTE")
	if e.failed || worker == "" {
		// An unallocated child is used (it counts towards nobody's caseload).
		return
	}
	k := allocKey{team, worker}
	s.allocs[k]++
	if fte.Valid {
		s.allocFT[k] = fte
	}
}

// finish turns a sheet's accumulated state into records.
func (s *sheetReader) finish() {
	s.flushPending(false)
	if s.m.schema.kind == Actions {
		s.finishActions()
	}
	if s.allocs == nil {
		return
	}
	loads := make([]record.WorkerLoad, 0, len(s.allocs))
	for k, n := range s.allocs {
		loads = append(loads, record.WorkerLoad{Month: s.allocM, Team: k.team, Cases: n, FTE: s.allocFT[k]})
	}
	sort.Slice(loads, func(i, j int) bool {
		if loads[i].Team != loads[j].Team {
			return loads[i].Team < loads[j].Team
		}
		if loads[i].Cases != loads[j].Cases {
			return loads[i].Cases > loads[j].Cases
		}
		return loads[i].FTE.Value > loads[j].FTE.Value
	})
	s.folder.workers = loads
}

func (s *sheetReader) workforce(r row, e *rowErrs) {
	w := record.Workforce{
		Month:         s.month(r, e),
		Team:          s.get(r, "team"),
		InPost:        s.num(r, e, "inpost", "in-post FTE"),
		Agency:        s.num(r, e, "agency", "agency FTE"),
		Vacancies:     s.num(r, e, "vacancies", "vacancies FTE"),
		Starters:      s.num(r, e, "starters", "starters FTE"),
		Leavers:       s.num(r, e, "leavers", "leavers FTE"),
		Establishment: s.num(r, e, "establishment", "establishment FTE"),
		AgencyCover:   s.num(r, e, "agencycover", "agency covering vacancies FTE"),
		Loc:           s.loc(r),
	}
	if !e.failed {
		s.folder.workforce = append(s.folder.workforce, w)
	}
}

func (s *sheetReader) recruitment(r row, e *rowErrs) {
	rc := record.Recruitment{
		Month:        s.month(r, e),
		Adverts:      s.num(r, e, "adverts", "adverts"),
		Applications: s.num(r, e, "applications", "applications"),
		Interviews:   s.num(r, e, "interviews", "interviews"),
		Offers:       s.num(r, e, "offers", "offers"),
		Starters:     s.num(r, e, "starters", "starters"),
		Loc:          s.loc(r),
	}
	if !e.failed {
		s.folder.recruitment = append(s.folder.recruitment, rc)
	}
}

// logAction reads one row of a board's action log. A row without the
// meeting that raised it is still an action the board is owed: it is kept,
// with a warning.
func (s *sheetReader) logAction(r row, e *rowErrs) {
	a := record.LogAction{
		Ref:    s.get(r, "ref"),
		Text:   s.text(r, e, "action", "action"),
		Owner:  s.get(r, "lead"),
		Due:    s.date(r, e, "due", "due date", false),
		Update: s.get(r, "update"),
		Loc:    s.loc(r),
	}
	if v := s.get(r, "meeting"); v != "" {
		a.Meeting = s.date(r, e, "meeting", "meeting date", true)
	} else {
		e.add(quality.Warning, "meeting", v, "the meeting that raised this action is blank")
	}
	if raw := s.get(r, "status"); raw != "" {
		st, err := s.opt.Words.Status(raw)
		if err != nil {
			e.add(quality.Error, "status", raw, fmt.Sprintf("status %q is not a status word (expected Open, In progress, Complete, Closed or one that boardpack.yaml's vocabulary names)", raw))
		}
		a.Status = st
	} else if _, has := s.m.cols["status"]; !has {
		// A log without a status column says it in its updates
		// ("Completed. Revised policy adopted") or by a closing date.
		if st, _, ok := vocab.LeadingStatus(s.opt.Words, a.Update); ok {
			a.Status = st
		}
	}
	a.Confidential = s.confidential(r, e)
	a.Closed = s.date(r, e, "closed", "date closed", false)
	if a.Status == record.NoStatus && !a.Closed.IsZero() {
		a.Status = record.Complete
	}
	if !e.failed {
		s.folder.actionLog = append(s.folder.actionLog, a)
	}
}

// kpiFields reads what a KPI row says besides its month and value.
func (s *sheetReader) kpiFields(r row, e *rowErrs) record.KPIValue {
	k := record.KPIValue{
		Indicator:      s.text(r, e, "indicator", "indicator"),
		Target:         s.pctNum(r, e, "target", "target"),
		England:        s.pctNum(r, e, "england", "England value"),
		StatNeighbours: s.pctNum(r, e, "sn", "statistical neighbours value"),
		Unit:           s.get(r, "unit"),
		Loc:            s.loc(r),
	}
	var err error
	if k.Polarity, err = ParsePolarity(s.get(r, "polarity")); err != nil {
		e.add(quality.Error, "polarity", s.get(r, "polarity"), "polarity: "+err.Error())
	}
	return k
}

func (s *sheetReader) kpi(r row, e *rowErrs) {
	k := s.kpiFields(r, e)
	k.Month = s.month(r, e)
	k.Value = s.pctNum(r, e, "value", "value")
	if !e.failed {
		s.folder.kpis = append(s.folder.kpis, k)
	}
}

// kpiWide reads one indicator's row of a wide KPI sheet: a value per month.
func (s *sheetReader) kpiWide(r row, e *rowErrs) {
	base := s.kpiFields(r, e)
	var vals []record.KPIValue
	for _, mc := range s.wide {
		raw := ""
		if mc.col < len(r.cells) {
			raw = Clean(r.cells[mc.col])
		}
		cell, _ := excelize.CoordinatesToCellName(mc.col+1, r.n)
		n, err := ParseNumber(raw)
		if err != nil {
			e.failed = true
			s.rep.Problems = append(s.rep.Problems, quality.Problem{Severity: quality.Error, File: s.file, Sheet: s.sheet, Cell: cell, Value: raw,
				Message: fmt.Sprintf("%s value: %v", mc.month.Long(), err)})
			continue
		}
		if n.Valid && s.percentCell(r, mc.col) {
			n.Value *= 100
		}
		k := base
		k.Month, k.Value = mc.month, n
		vals = append(vals, k)
	}
	if !e.failed {
		s.folder.kpis = append(s.folder.kpis, vals...)
	}
}

// reAsAt finds the date a tracker says its data is as at: "Data as at
// 30/06/2023", "Position at 30 June 2023", "Figures as at: June 2023".
var reAsAt = regexp.MustCompile(`(?i)\b(?:as at|position at|position as at|correct at|correct as at|as of)\s*:?\s*(.+?)\.?\s*$`)

// asAtFrom records the "data as at" date in a title or note line of the
// tracker, keeping the latest.
func (s *sheetReader) asAtFrom(line string) {
	m := reAsAt.FindStringSubmatch(Clean(line))
	if m == nil {
		return
	}
	t, err := ParseDate(m[1], s.date1904)
	if err != nil || t.IsZero() {
		return
	}
	if t.After(s.folder.asAt) {
		s.folder.asAt = t
	}
}
