package xlsx

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/internal/vocab"
)

// Limits of header detection.
const (
	headerScan = 30 // rows searched for the header row
	sampleRows = 25 // rows beneath a candidate header whose values are looked at
	maxHeading = 90 // characters: a longer cell is text, not a heading
	// maxHeaderCols is how many columns of a sheet header detection looks
	// at: a tracker or an export has tens, a wide KPI sheet a few hundred;
	// a sheet of thousands (a pivot, or a hostile file) is not scored
	// beyond it, so finding its header takes bounded time.
	maxHeaderCols = 1024
)

// match is a candidate header matched against one sheet kind.
type match struct {
	schema      *schema
	si          int            // index of schema in schemas
	cols        map[string]int // field name -> column (0-based)
	headerRows  []int          // 1-based: one row, or two
	headings    map[int]string // column -> its heading, as the header reads (two rows joined)
	score       float64
	actionScore float64            // what the action's heading scored
	scored      map[string]float64 // field name -> what its column's heading scored
	complete    bool
	missing     []string          // labels of the required fields not found
	ignored     []quality.Column  // headed columns not read, with why
	looksLike   []quality.Problem // warnings: columns that look like a field but are not read
	datedCols   []int             // columns headed by dates, holding status words
	flags       []int             // further columns read as the confidentiality flag, beside cols["confidential"]
	publish     []int             // columns saying whether a row may be published ("Publish?"): No or blank withholds it
	notMonth    int               // 1 + the column headed (or mapped) as the month whose values are no months; 0 if none

	why    map[int]string // column -> why its values ruled out the field its heading names
	taken  map[int]int    // field index -> column
	forced map[int]bool   // columns boardpack.yaml maps
	data   window         // the rows beneath, as looked at
}

func (m *match) last() int { return m.headerRows[len(m.headerRows)-1] }

// others counts the core fields found besides the required ones. For a
// kind with core fields, a field counts only if its heading says so
// plainly: "ID" or "Code" alone, a weak reference heading that any data
// list has, does not make a sheet a tracker.
func (m *match) others() int { return m.coreFields(0) }

// coreFields counts the core fields whose headings scored at least min
// (and at least the plain-heading bar of the kind's core fields).
func (m *match) coreFields(min float64) int {
	n := 0
	for name := range m.cols {
		f := m.schema.field(name)
		if f == nil || f.required {
			continue
		}
		if len(m.schema.core) == 0 {
			n++
			continue
		}
		if !slices.Contains(m.schema.core, name) {
			continue
		}
		bar := max(min, 0.75)
		if name == "ref" {
			bar = max(min, 0.9)
		}
		if sc, ok := m.scored[name]; !ok || sc >= bar {
			// A field found from values rather than a heading counts.
			n++
		}
	}
	return n
}

// colValues describes the values in a column beneath a candidate header.
type colValues struct {
	n                                  int // non-empty values
	rag, colour, status, date, number  int
	id, narrative, priority, dup, long int
	codes                              int // lists of codes or numbers: "1a, 1b, 1f", "4"
	numbered                           int // text starting with its number: "1. Digital services"
	lettered                           int // references with a letter or a dot: "Activity 1.1", "WF-01"
	words                              int // total words
}

var (
	// reIDLike matches a reference: letters, a number, then up to four
	// short parts ("R1a", "QS1.1.1", "SR 01", "ACT-001"). Each part ends
	// where a word does, so a number with a word after it ("10.1 Health",
	// a section heading) is not one.
	reIDLike    = regexp.MustCompile(`^[A-Za-z]{0,12}[ .\-/]?\d+([.\-/ ]?[0-9A-Za-z]{1,4}\b){0,4}$`)
	rePriority  = map[string]bool{"high": true, "medium": true, "med": true, "low": true, "h": true, "m": true, "l": true, "critical": true, "urgent": true, "escalate": true, "very high": true, "normal": true, "p0": true, "p1": true, "p2": true, "p3": true, "p4": true, "1": true, "2": true, "3": true, "4": true, "5": true, "high priority": true, "medium priority": true, "low priority": true, "hi": true, "lo": true}
	reDateShape = regexp.MustCompile(`^\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}$`)
	// reScale matches a point on a numbered scale: "2 = activity fully underway".
	reScale = regexp.MustCompile(`^\d{1,2}\s*[=:\-–)]\s*\S`)
)

// cellFeat is what one value is, looked at once per sheet.
type cellFeat struct {
	words                                 int
	rag, colour, status, priority, number bool
	date, id, lettered, codes, numbered   bool
	narrative, long                       bool
}

// feat returns what the value c is, remembering it for the sheet.
func (s *sheetReader) feat(c string) cellFeat {
	feats := s.feats()
	if f, ok := feats[c]; ok {
		return f
	}
	words := s.opt.Words
	var f cellFeat
	f.words = countWords(c)
	digit := strings.IndexFunc(c, unicode.IsDigit) >= 0
	if len(c) <= 80 {
		// Rating and status words, numbers and dates are short.
		f.rag = words.IsRAG(c)
		f.colour = vocab.IsColour(c)
		f.status = words.IsStatus(c)
		if !f.status {
			_, _, f.status = compoundStatus(words, c)
		}
		f.priority = rePriority[strings.ToLower(c)]
	}
	if digit && len(c) <= 40 {
		_, err := ParseNumber(c)
		f.number = err == nil
	}
	if len(c) <= 40 && (digit || f.words <= 3) {
		if t, err := ParseDate(c, s.date1904); err == nil && !t.IsZero() {
			f.date = true
		}
	}
	if digit && len(c) <= 20 && reIDLike.MatchString(c) {
		f.id = true
		f.lettered = strings.ContainsAny(c, ".-/") || strings.IndexFunc(c, unicode.IsLetter) >= 0
	}
	f.codes = digit && isCodes(c)
	_, _, f.numbered = leadingNumber(c)
	f.narrative = !f.rag && !f.status && f.words >= 4 && !reScale.MatchString(c)
	f.long = f.words >= 6
	feats[c] = f
	return f
}

// window is the rows beneath a candidate header whose values are looked
// at: the table rows from start, leaving out rows that repeat row excl
// (the header printed again). Its key names it for describe's cache; a
// window with key {-1, -1} is not cached.
type window struct {
	key  [2]int
	rows [][]string // cleaned
}

// describe says what the values of column col of data are.
func (s *sheetReader) describe(data window, col int) colValues {
	k := [3]int{data.key[0], data.key[1], col}
	if data.key[0] >= 0 {
		if v, ok := s.described[k]; ok {
			return v
		}
	}
	var v colValues
	var seen []string
	for _, r := range data.rows {
		if col >= len(r) {
			continue
		}
		c := r[col]
		if c == "" {
			continue
		}
		v.n++
		if slices.Contains(seen, c) {
			v.dup++
		} else {
			seen = append(seen, c)
		}
		f := s.feat(c)
		v.words += f.words
		count := func(b bool, n *int) {
			if b {
				*n++
			}
		}
		count(f.rag, &v.rag)
		count(f.colour, &v.colour)
		count(f.status, &v.status)
		count(f.priority, &v.priority)
		count(f.number, &v.number)
		count(f.date, &v.date)
		count(f.id, &v.id)
		count(f.lettered, &v.lettered)
		count(f.codes, &v.codes)
		count(f.numbered, &v.numbered)
		count(f.narrative, &v.narrative)
		count(f.long, &v.long)
	}
	if data.key[0] >= 0 {
		if s.described == nil {
			s.described = map[[3]int]colValues{}
		}
		s.described[k] = v
	}
	return v
}

// cleanRows returns rows with every cell cleaned (Clean), so that header
// detection compares and scores each value as written once, and at most
// width cells of each.
func cleanRows(rows [][]string, width int) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		r = r[:min(len(r), width)]
		c := make([]string, len(r))
		for j, x := range r {
			c[j] = Clean(x)
		}
		out[i] = c
	}
	return out
}

func (v colValues) most(k int) bool { return v.n > 0 && 2*k >= v.n && k > 0 }

// unique reports whether every value differs (and there are at least n).
func (v colValues) unique(n int) bool { return v.n >= n && v.dup == 0 }

// texty reports whether a column holds text such as an action: neither
// numbers, dates nor rating words, mostly different, a few words each.
func (v colValues) texty() bool {
	return v.n > 0 && !v.most(v.number) && !v.most(v.date) && !v.most(v.status+v.rag) && !v.most(v.codes) &&
		2*v.dup < v.n && v.words >= 3*v.n
}

// countWords counts the words of c without making them.
func countWords(c string) int {
	n, in := 0, false
	for _, r := range c {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

// isCodes reports whether every word of c holds a digit: "4", "1a, 1b,
// 1f", "3c – 3f".
func isCodes(c string) bool {
	ws := strings.FieldsFunc(c, func(r rune) bool {
		return r == ',' || r == ';' || unicode.IsSpace(r) || r == '–' || r == '-' || r == '&'
	})
	if len(ws) == 0 {
		return false
	}
	for _, w := range ws {
		if strings.IndexFunc(w, unicode.IsDigit) < 0 {
			return false
		}
	}
	return true
}

// tableRows keeps the rows that look like table rows (two or more distinct
// values), the ones whose values say what a column holds.
func tableRows(rows [][]string, header []string) [][]string {
	var out [][]string
	for _, r := range rows {
		if !slices.Equal(r, header) && distinct(r) >= 2 {
			out = append(out, r)
		}
		if len(out) == sampleRows {
			break
		}
	}
	return out
}

// distinct counts a row's distinct non-empty values, up to two: the
// callers ask whether a row has none, one (a title, a merged heading) or
// more. It reads each cell once, however wide the row.
func distinct(r []string) int {
	first := ""
	for _, c := range r {
		c = strings.TrimSpace(c)
		switch {
		case c == "" || c == first:
		case first == "":
			first = c
		default:
			return 2
		}
	}
	if first == "" {
		return 0
	}
	return 1
}

// scoring counts the cells of a candidate header that name a field of
// schema si: a header of fewer than two cannot match.
func (s *sheetReader) scoring(si int, headings []string) int {
	n := 0
	for _, h := range headings {
		if h == "" || len(h) > maxHeading {
			continue
		}
		if _, ok := s.configField(h, nil, 0); ok {
			n++
			continue
		}
		if slices.Max(s.scores().get(si, h)) >= minScore {
			n++
		}
	}
	return n
}

// matchAt matches the headings of a candidate header (one row, or two joined)
// against schema si, looking at the values in data beneath it.
func (s *sheetReader) matchAt(si int, headings []string, lower []string, headerRows []int, data window, cache scoreCache) match {
	sc := &schemas[si]
	m := match{schema: sc, si: si, cols: map[string]int{}, headerRows: headerRows, headings: map[int]string{}}
	var cands []candidate
	scores := map[int][]float64{}
	forced := map[int]bool{}
	for c, h := range headings {
		if h == "" {
			continue
		}
		m.headings[c] = h
		if len(h) > maxHeading {
			continue
		}
		if f, ok := s.configField(h, lower, c); ok {
			if f == Ignore {
				forced[c] = true
				m.ignored = append(m.ignored, quality.Column{Col: colName(c), Heading: h, Reason: "ignored, as boardpack.yaml says"})
				continue
			}
			if sc.has(f) {
				forced[c] = true
			}
			for fi := range sc.fields {
				if sc.fields[fi].name == f {
					cands = append(cands, candidate{col: c, field: fi, score: 3})
				}
			}
			if sc.has(f) {
				continue
			}
		}
		sv := slices.Clone(cache.get(si, h))
		scores[c] = sv
	}
	why := map[int]string{}
	if sc.kind == Actions && len(data.rows) > 0 {
		for c, sv := range scores {
			if slices.Max(sv) >= minScore {
				why[c] = s.byValues(sc, sv, s.describe(data, c))
			}
		}
	}
	for c, sv := range scores {
		for fi, x := range sv {
			if x >= minScore {
				cands = append(cands, candidate{col: c, field: fi, score: x})
			}
		}
	}
	taken := map[int]int{} // field -> column
	rightward := map[int]bool{}
	for fi, f := range sc.fields {
		if f.values == ragValues || f.values == statusValues {
			rightward[fi] = true
		}
	}
	for _, a := range assign(cands, rightward) {
		name := sc.fields[a.field].name
		m.cols[name] = a.col
		taken[a.field] = a.col
		m.score += min(a.score, 1.2)
		if m.scored == nil {
			m.scored = map[string]float64{}
		}
		m.scored[name] = a.score
		if name == "action" {
			m.actionScore = a.score
		}
	}
	if c, ok := m.cols["month"]; ok && sc.kind != Actions && len(data.rows) > 0 {
		if v := s.describe(data, c); v.n >= 2 && v.date == 0 {
			// A "time_period" of 201617, 201718 gives no month: the sheet
			// cannot be read as this kind as it stands.
			delete(m.cols, "month")
			m.headings[c] = headings[c]
			m.notMonth = c + 1
		}
	}
	if c, ok := m.cols["meeting"]; ok && sc.kind == ActionLog && len(data.rows) > 0 {
		if v := s.describe(data, c); v.n >= 2 && 2*v.date < v.n {
			// A tracker's "Reporting meeting" column names boards, not
			// the dates of the meetings that raised its rows.
			delete(m.cols, "meeting")
		}
	}
	if sc.kind == Actions {
		s.fallback(&m, headings, data, taken)
		if c, ok := m.cols["action"]; ok {
			for fi, f := range sc.fields {
				if f.name == "action" {
					taken[fi] = c
				}
			}
		}
	}
	for _, f := range sc.fields {
		if _, ok := m.cols[f.name]; f.required && !ok {
			m.missing = append(m.missing, says(f.label))
		}
	}
	if len(sc.anyOf) > 0 {
		found := false
		for _, n := range sc.anyOf {
			if _, ok := m.cols[n]; ok {
				found = true
			}
		}
		if !found {
			var labels []string
			for _, n := range sc.anyOf {
				labels = append(labels, says(sc.label(n)))
			}
			m.missing = append(m.missing, "one of "+strings.Join(labels, ", "))
		}
	}
	m.complete = len(m.missing) == 0 && m.others() >= sc.minOthers
	m.why, m.taken, m.forced, m.data = why, taken, forced, data
	return m
}

// explain says what became of every headed column of the chosen header that
// is not read, and warns of those that look like a field; for a tracker
// with no status column it looks for statuses kept one column per date.
func (s *sheetReader) explain(m *match) {
	sc := m.schema
	read := map[int]bool{}
	for _, c := range m.cols {
		read[c] = true
	}
	cols := make([]int, 0, len(m.headings))
	for c := range m.headings {
		cols = append(cols, c)
	}
	slices.Sort(cols)
	for _, c := range cols {
		if read[c] || m.forced[c] {
			continue
		}
		h := m.headings[c]
		best, bestScore := -1, 0.0
		if len(h) <= maxHeading {
			for fi, x := range s.scores().get(m.si, h) {
				if x > bestScore {
					best, bestScore = fi, x
				}
			}
		}
		reason := "not a column boardpack reads"
		if (sc.kind == Actions || sc.kind == ActionLog) && speaksOfPublication(h) {
			// The flag the other way round: read as such, never as a
			// confidentiality flag, whose Yes would withhold the rows it
			// says may be published and print those it says may not.
			m.publish = append(m.publish, c)
			continue
		}
		if (sc.kind == Actions || sc.kind == ActionLog) && speaksOfSecrecy(h) {
			if _, ok := m.cols["confidential"]; ok {
				// A second flag ("Confidential" and "Part 2 (Y/N)"): a
				// row either marks is withheld.
				m.flags = append(m.flags, c)
				continue
			}
			// Fail closed: with no flag read, the actions this column
			// marks would print in Open papers.
			m.looksLike = append(m.looksLike, quality.Problem{Severity: quality.Error, Cell: colName(c) + fmt.Sprint(m.last()),
				Value: h, Effect: quality.FlagNotRead, Message: fmt.Sprintf("column %s %q speaks of confidentiality but is not read (no column is read as the flag); map it in boardpack.yaml (headers: %s: confidential, or ignore)",
					colName(c), h, quality.YAMLQuote(h))})
			m.ignored = append(m.ignored, quality.Column{Col: colName(c), Heading: h, Reason: "speaks of confidentiality; not read"})
			continue
		}
		switch {
		case m.why[c] != "":
			reason = m.why[c]
		case best >= 0 && bestScore >= 0.7:
			if other, ok := m.taken[best]; ok && other != c {
				reason = fmt.Sprintf("looks like the %s, but column %s (%q) is read as that", says(sc.fields[best].label), colName(other), m.headings[other])
			}
		}
		m.ignored = append(m.ignored, quality.Column{Col: colName(c), Heading: h, Reason: reason})
		if reason != "not a column boardpack reads" {
			m.looksLike = append(m.looksLike, quality.Problem{Severity: quality.Warning, Cell: colName(c) + fmt.Sprint(m.last()),
				Value: h, Effect: quality.ColumnNotRead, Message: fmt.Sprintf("column %s %q %s; not read", colName(c), h, reason)})
		}
	}
	if sc.kind == Actions && m.complete {
		m.findDatedStatus(s, m.data)
	}
}

// secrecyWords are words of a heading that speak of withholding a row
// from publication.
var secrecyWords = []string{"confiden", "exempt", "restricted", "not for publication", "part 2", "part ii", "part two", "sensitiv", "protective marking", "do not publish", "private"}

// publicationHeadings are headings, as speaksOfPublication folds them, of a
// column saying whether a row may be published: the confidentiality flag
// the other way round.
var publicationHeadings = map[string]bool{
	"publish": true, "publishable": true, "to publish": true, "to be published": true, "for publication": true,
	"publication": true, "public": true, "public or private": true, "public private": true,
	"publish on website": true, "in public": true, "ok to publish": true,
	"okay to publish": true, "can be published": true, "may be published": true, "suitable for publication": true,
}

// speaksOfPublication reports whether a heading asks whether a row may be
// published: "Publish?", "Public (Y/N)", "For publication".
func speaksOfPublication(h string) bool {
	l := strings.ToLower(h)
	l = strings.NewReplacer("(y/n)", " ", "y/n", " ", "(yes/no)", " ", "yes/no", " ").Replace(l)
	l = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return ' '
	}, l)
	return publicationHeadings[strings.Join(strings.Fields(l), " ")]
}

// speaksOfSecrecy reports whether a heading speaks of withholding rows
// from publication: "Confidentiality", "Part II", "Exempt (Y/N)".
func speaksOfSecrecy(h string) bool {
	l := strings.ToLower(strings.Join(strings.Fields(h), " "))
	for _, w := range secrecyWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// byValues adjusts a tracker column's scores sv by what its values hold,
// and returns why a field it looked like was set aside ("" if none was).
func (s *sheetReader) byValues(sc *schema, sv []float64, v colValues) string {
	if v.n == 0 {
		return ""
	}
	idx := func(name string) int {
		for i := range sc.fields {
			if sc.fields[i].name == name {
				return i
			}
		}
		return -1
	}
	ref, action, progress, area := idx("ref"), idx("action"), idx("progress"), idx("area")
	st, impact, update := idx("status"), idx("impact"), idx("update")
	why := ""
	if sv[area] >= minScore {
		switch {
		case v.most(v.priority):
			sv[area] = 0
			why = "holds priority levels (High, Medium, Low), not the priority area"
		case v.unique(2) && (v.most(v.long) || v.most(v.numbered)):
			// An area groups actions: a column of different sentences
			// ("• Deliver ...", "1. Digital services") is the actions.
			sv[area] *= 0.5
		case v.unique(3) && sv[area] < 0.75, v.words >= 10*v.n:
			// Different values under a weak heading, or sentences, are
			// not a grouping.
			sv[area] *= 0.5
		}
	}
	if sv[impact] >= minScore && !v.most(v.rag) {
		sv[impact] = 0
		why = "holds text or numbers, not an impact rating"
	}
	rated := max(sv[progress], sv[st])
	switch {
	case rated >= minScore && v.most(v.narrative):
		// A "Current status" of sentences is the commentary.
		sv[update] = max(sv[update], 0.9*rated)
		sv[progress], sv[st] = 0, 0
	case max(rated, sv[update]) >= minScore && v.most(v.colour):
		// A "Status" or "Progress" of Red/Amber/Green is the RAG.
		sv[progress] = max(rated, sv[update])
		sv[st], sv[update] = 0, 0
	case rated >= minScore && v.most(v.status) && v.status > v.rag:
		sv[st] = rated
		sv[progress] = 0
	case rated >= minScore && rated < 0.75 && 3*(v.status+v.rag) < v.n:
		// A heading that only might mean a status ("State ...",
		// "Outcome") needs status words beneath it.
		sv[st], sv[progress] = 0, 0
	case rated >= 0.75 && rated < 1 && v.n >= 2 && !v.most(v.status+v.rag):
		// "Registration status" over "Active", "Active", "Closed": a
		// status, but not an action's. (A heading that is plainly the
		// status, "Status" or "Current status", is read whatever its
		// words, and an unknown word is an error saying how to map it.)
		sv[st], sv[progress] = 0, 0
	}
	if sv[update] >= minScore && v.most(v.number) {
		// "Assessment of progress (1 - 4)" over 1s and 2s is a score,
		// not the commentary.
		sv[update] = 0
		if why == "" {
			why = "holds numbers, not a progress commentary"
		}
	}
	if sv[action] >= minScore && (v.most(v.codes) || v.most(v.number) || (v.most(v.id) && v.words <= 3*v.n)) {
		// "Specific actions" holding "Activity 1.1", or a task number, are
		// references; "Sub actions" holding a count are neither.
		if v.unique(2) && (v.most(v.lettered) || v.most(v.number)) {
			sv[ref] = max(sv[ref], 0.8*sv[action], 0.6)
		}
		sv[action] *= 0.3
	}
	for _, name := range []string{"due", "revised", "closed", "lastupdated"} {
		if i := idx(name); sv[i] >= minScore && sv[i] < 0.75 && v.date == 0 {
			// "By 2012 we expect ..." over sentences is no date column.
			sv[i] = 0
		}
	}
	if sv[ref] >= minScore {
		if v.long > 0 && v.most(v.long) {
			sv[ref] *= 0.3
		} else if v.dup > 0 {
			sv[ref] *= 0.85
		}
	}
	return why
}

// fallback fills what a tracker's headings did not say where its values
// do: a reference column with no heading (or one no word names) holding
// unique references, and, when no heading names the action, the leftmost
// column of different texts.
func (s *sheetReader) fallback(m *match, row []string, data window, taken map[int]int) {
	if len(data.rows) == 0 {
		return
	}
	sc := m.schema
	read := map[int]bool{}
	for _, c := range m.cols {
		read[c] = true
	}
	width := len(row)
	for _, r := range data.rows {
		width = max(width, len(r))
	}
	if _, ok := m.cols["ref"]; !ok {
		for c := 0; c < width; c++ {
			if read[c] || cell(row, c) != "" {
				continue
			}
			v := s.describe(data, c)
			if v.n >= 2 && v.unique(2) && v.most(v.id) && v.most(v.lettered) {
				m.cols["ref"], read[c] = c, true
				m.headings[c] = ""
				m.score += 0.5
				break
			}
		}
	}
	if c, ok := m.cols["action"]; ok && m.actionScore < 0.8 {
		// A weak action heading ("Milestone for 2012 ...") gives way to
		// a column further left of numbered texts ("(1a) A Landscape
		// Plan ..."): the items the plan tracks.
		for l := 0; l < c; l++ {
			if read[l] {
				continue
			}
			if v := s.describe(data, l); v.texty() && v.most(v.numbered) {
				m.cols["action"] = l
				break
			}
		}
	}
	if _, ok := m.cols["action"]; !ok && m.coreFields(0.8) >= 2 {
		// Only a sheet plainly a tracker otherwise (two of a status, a
		// RAG, a lead, a due date or a commentary) gets its action from
		// its values, and only from a column whose heading names nothing
		// else ("Summary"), never one that says it is not an action
		// ("Risk description").
		var veto [][]string
		if f := sc.field("action"); f != nil {
			for _, v := range f.veto {
				veto = append(veto, tokens(v))
			}
		}
		vetoed := func(h string) bool {
			toks := tokens(h)
			return slices.ContainsFunc(veto, func(v []string) bool { return contains(toks, v) })
		}
		for _, h := range row {
			if toks := tokens(h); (slices.Contains(toks, "description") || slices.Contains(toks, "detail")) && vetoed(h) {
				// A "Risk description": the sheet's items are risks, not
				// actions.
				return
			}
		}
		for c := 0; c < width; c++ {
			if read[c] {
				continue
			}
			if h := cell(row, c); h != "" {
				if _, ok := s.configField(h, nil, c); ok {
					continue
				}
				if len(h) <= maxHeading && slices.Max(s.scores().get(m.si, h)) >= 0.7 {
					continue
				}
				if vetoed(h) {
					continue
				}
			}
			if v := s.describe(data, c); v.texty() && v.unique(1) {
				m.cols["action"] = c
				m.score += 0.5
				break
			}
		}
	}
}

// configField returns the field boardpack.yaml maps a heading to: the
// heading as the header reads, or (under a group heading) its own row's.
func (s *sheetReader) configField(h string, lower []string, c int) (string, bool) {
	if len(s.opt.Headers) == 0 {
		return "", false
	}
	if f, ok := s.opt.Headers[headingKey(h)]; ok {
		return f, true
	}
	if c < len(lower) {
		if f, ok := s.opt.Headers[headingKey(lower[c])]; ok && lower[c] != "" {
			return f, true
		}
	}
	return "", false
}

// findDatedStatus looks, in a tracker with no RAG or status column, for
// columns headed by dates that hold status words, one column per date
// ("4/30/2014", "30/9/2014", ...): a layout that needs the config to say
// which date to read.
func (m *match) findDatedStatus(s *sheetReader, data window) {
	if _, ok := m.cols["progress"]; ok {
		return
	}
	if _, ok := m.cols["status"]; ok {
		return
	}
	read := map[int]bool{}
	for _, c := range m.cols {
		read[c] = true
	}
	var dated []int
	for c, h := range m.headings {
		if read[c] || !(reDateShape.MatchString(h) || isDate(h)) {
			continue
		}
		v := s.describe(data, c)
		if v.most(v.status + v.rag) {
			dated = append(dated, c)
		}
	}
	slices.Sort(dated)
	if len(dated) >= 2 {
		m.datedCols = dated
	}
}

func isDate(s string) bool {
	t, err := ParseDate(s, false)
	return err == nil && !t.IsZero()
}

// colName returns the letters of 0-based column c.
func colName(c int) string {
	n, err := excelize.ColumnNumberToName(c + 1)
	if err != nil {
		return "?"
	}
	return n
}

// join returns the heading of a column under a two-row header: the group
// heading and the sub-heading, once if they are the same (a heading merged
// down both rows).
func join(upper, lower string) string {
	u, l := upper, lower
	switch {
	case u == "" || u == l:
		return l
	case l == "":
		return u
	}
	return u + " " + l
}

// hasGroup reports whether upper is a group row over lower: a heading
// spanning two or more columns (merged, or written once with the cells
// beside it empty, as a CSV export leaves a merged heading) over distinct
// sub-headings, and not over the whole header (that is a title).
func hasGroup(upper, lower []string) bool {
	headed := 0
	for _, l := range lower {
		if l != "" {
			headed++
		}
	}
	for c := 0; c+1 < len(upper) && c+1 < len(lower); c++ {
		u := upper[c]
		if u == "" || (c > 0 && upper[c-1] == u) {
			continue
		}
		end, merged := c+1, false
		for end < len(upper) && (upper[end] == u || upper[end] == "") {
			merged = merged || upper[end] == u
			end++
		}
		if !merged && end == len(upper) {
			// The last heading followed by empty cells is the end of a
			// one-row header, not a group over what lies beneath.
			continue
		}
		if upper[c+1] != u && upper[c+1] != "" {
			continue
		}
		under := map[string]bool{}
		n := 0
		for i := c; i < end && i < len(lower); i++ {
			if l := lower[i]; l != "" {
				under[l] = true
				n++
			}
		}
		if len(under) >= 2 && n < headed {
			return true
		}
	}
	return false
}

// wrapped reports whether a row could be headings wrapped onto a second
// line: every cell a word or few ("date", "Completion Date", "(RAG)").
func wrapped(r []string) bool {
	for _, c := range r {
		if countWords(c) > 3 {
			return false
		}
	}
	return true
}

// headingLike reports whether a row could be (part of) a header: short
// cells, with no more than one number or date among them.
func (s *sheetReader) headingLike(r []string) bool {
	typed := 0
	for _, c := range r {
		if c == "" {
			continue
		}
		if len(c) > maxHeading || countWords(c) > 12 {
			return false
		}
	}
	for _, c := range r {
		if c == "" || strings.IndexFunc(c, unicode.IsDigit) < 0 {
			continue // a number or a date has a digit
		}
		if f := s.feat(c); f.number || f.date || reDateShape.MatchString(c) {
			typed++
		}
	}
	return typed <= 1
}

// better reports whether match a should be taken over b.
func better(a, b match) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return a.headerRows[0] < b.headerRows[0]
}

// nearer reports whether incomplete match a is closer to complete than b.
func nearer(a, b match) bool {
	if len(a.missing) != len(b.missing) {
		return len(a.missing) < len(b.missing)
	}
	if len(a.cols) != len(b.cols) {
		return len(a.cols) > len(b.cols)
	}
	return better(a, b)
}

// nearly reports whether an incomplete match is close enough to its kind
// that not reading the sheet would lose a section in silence: one required
// column missing and most of the kind's columns there.
func nearly(m match) bool {
	if m.complete || m.schema.kind == ActionLog {
		// Every tracker lacks an action log's meeting column: an action
		// log is what a sheet is only when it says so.
		return false
	}
	if m.schema.kind == Actions {
		_, hasAction := m.cols["action"]
		return !hasAction && m.others() >= 3
	}
	// Two columns missing, and most of the rest there: a dashboard of rates
	// lacks both the agency and vacancies FTEs.
	return len(m.missing) == 1 && len(m.cols) >= 2 || len(m.missing) == 2 && len(m.cols) >= 4
}

// detect finds the header of a sheet among its first rows: the best
// complete match of any kind on one row, or on two rows where the upper is
// a group heading or the two together name more columns. It returns the
// match, or false and the nearest incomplete match when one is near enough
// to report.
func (s *sheetReader) detect(raw [][]string) (best match, ok bool, near match, isNear bool) {
	buf := cleanRows(raw, maxHeaderCols)
	s.cleaned, s.described = buf, nil
	limit := min(len(buf), headerScan)
	cache := s.scores()
	singles := make([][]match, limit)
	consider := func(m match) {
		switch {
		case m.complete:
			if !ok || better(m, best) {
				best, ok = m, true
			}
		case nearly(m):
			if !isNear || nearer(m, near) {
				near, isNear = m, true
			}
		}
	}
	for r := 0; r < limit; r++ {
		if distinct(buf[r]) < 2 {
			continue
		}
		if repeats(buf, r) {
			continue // a header printed again for the next block
		}
		if ok && r > best.last() && !s.headingLike(buf[r]) {
			// Below a header found, only a row of headings could be a
			// better one: the table's rows are not.
			continue
		}
		data := window{key: [2]int{r + 1, r}, rows: tableRows(buf[r+1:], buf[r])}
		singles[r] = make([]match, len(schemas))
		for si := range schemas {
			if s.scoring(si, buf[r]) < 2 {
				singles[r][si] = match{cols: map[string]int{}}
				continue
			}
			m := s.matchAt(si, buf[r], nil, []int{r + 1}, data, cache)
			singles[r][si] = m
			consider(m)
		}
	}
	for r := 0; r+1 < limit; r++ {
		up, low := buf[r], buf[r+1]
		group := hasGroup(up, low)
		if distinct(low) < 2 || (distinct(up) < 2 && !group) || !s.headingLike(up) || !s.headingLike(low) {
			continue
		}
		if !group && !wrapped(low) {
			// Under headings with no group over them, a row of phrases
			// and sentences is the first row of the table, not the
			// rest of the headings wrapped onto a second line.
			continue
		}
		n := max(len(up), len(low))
		joined := make([]string, n)
		for c := range n {
			joined[c] = join(cell(up, c), cell(low, c))
		}
		data := window{key: [2]int{r + 2, r + 1}, rows: tableRows(buf[r+2:], low)}
		for si := range schemas {
			if s.scoring(si, joined) < 2 {
				continue
			}
			m := s.matchAt(si, joined, low, []int{r + 1, r + 2}, data, cache)
			if !m.complete {
				continue
			}
			upper, lower := singles[r], singles[r+1]
			cu, cl := 0, 0
			if upper != nil {
				cu = len(upper[si].cols)
			}
			if lower != nil {
				cl = len(lower[si].cols)
			}
			switch {
			case len(m.cols) > max(cu, cl):
			case group && len(m.cols) >= cl:
			default:
				continue
			}
			// Two rows that read better than either alone are the header.
			if lower != nil && lower[si].score > m.score {
				m.score = lower[si].score
			}
			if upper != nil && upper[si].score > m.score {
				m.score = upper[si].score
			}
			m.score += 0.01
			consider(m)
		}
	}
	if ok && isNear && slices.Equal(near.headerRows, best.headerRows) && len(near.cols) > len(best.cols)+2 {
		// A workforce sheet lacking its in-post column is not a
		// recruitment sheet because its "Starters" column is there: it
		// is a workforce sheet that cannot be read.
		return match{}, false, near, true
	}
	if !ok {
		for r := 0; r < limit; r++ {
			if w, good := s.detectWide(buf[r], r+1); good {
				return w, true, near, isNear
			}
		}
	}
	return best, ok, near, isNear
}

// repeats reports whether row r is the same as a row above it.
func repeats(buf [][]string, r int) bool {
	for i := range r {
		if slices.Equal(buf[i], buf[r]) {
			return true
		}
	}
	return false
}

func cell(r []string, c int) string {
	if c < len(r) {
		return r[c]
	}
	return ""
}
