package xlsx

import (
	"encoding/base32"
	"fmt"
	"hash/fnv"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/internal/record"
	"github.com/boardpack/boardpack/internal/vocab"
)

// Reading an improvement-plan tracker: the layouts councils use around the
// table (area rows, explanation rows, numbering inside the text), and what
// to do when the tracker has no reference or no RAG/status column.

// pendingRow is a one-value row in a tracker that is the priority area of
// the rows beneath it if actions follow, and a note if none do.
type pendingRow struct {
	n, col int
	text   string
}

// trackerState is what reading a tracker keeps between rows.
type trackerState struct {
	area     string // the area heading above the rows being read
	firstCol int    // the table's leftmost headed column
	hasRef   bool   // a reference column is read
	rated    bool   // a RAG or status column is read
	dups     map[string]int
	words    map[[2]string]*quality.Word
	order    [][2]string
	fixes    map[[2]string]*quality.Fix // one fix per unknown word and field
}

// reAreaRow matches a heading row that names a part of the plan:
// "Standard 1 - Referrals", "OUTCOME 1: Support ...", "Priority 2",
// "Section A – Organisational Excellence".
var reAreaRow = regexp.MustCompile(`(?i)^(standard|outcome|priority|theme|section|objective|workstream|work\s*stream|area|recommendation|strand|domain|pillar|aim|goal|key\s+line\s+of\s+enquiry|kloe|project|improvement\s+area|focus\s+area|part|chapter|principle)\s*(\d+|[a-z]\b|[ivx]+\b)`)

// startActions prepares reading a tracker whose header is known: the area
// and the "data as at" date from the rows above the header, and one warning
// for each column a tracker usually has that this one lacks.
func (s *sheetReader) startActions(above [][]string) {
	t := &s.tracker
	t.dups, t.words, t.fixes = map[string]int{}, map[[2]string]*quality.Word{}, map[[2]string]*quality.Fix{}
	t.firstCol = -1
	for c := range s.m.headings {
		if t.firstCol < 0 || c < t.firstCol {
			t.firstCol = c
		}
	}
	_, hasArea := s.m.cols["area"]
	for i := len(above) - 1; i >= 0; i-- {
		if distinct(above[i]) != 1 {
			continue
		}
		text := Clean(above[i][firstCol(above[i])])
		if !hasArea && t.area == "" && reAreaRow.MatchString(text) {
			t.area = text
		}
	}
	for _, r := range above {
		for _, c := range r {
			if d, ok := asAtDate(Clean(c), s.date1904); ok && s.folder.asAt.IsZero() {
				s.folder.asAt = d
			}
		}
	}
	_, t.hasRef = s.m.cols["ref"]
	_, hasProgress := s.m.cols["progress"]
	_, hasStatus := s.m.cols["status"]
	t.rated = hasProgress || hasStatus
	warn := func(msg string, fix *quality.Fix, effect string) {
		s.rep.Problems = append(s.rep.Problems, quality.Problem{Severity: quality.Warning, File: s.file, Sheet: s.sheet,
			Message: msg, Fix: fix, Effect: effect})
	}
	if !t.hasRef {
		warn("no reference column: each action is numbered from the start of its text (\"1.\", \"R1:\", \"2 (i)\") or, "+
			"where it has no number, given a key made from its wording (shown as #XXXXXX); movement since the last period "+
			"is matched by these, so an action whose wording changes counts as removed and new", nil, "")
	}
	if !t.rated {
		from := "every action is Not rated"
		upd, hasUpdate := s.m.cols["update"]
		cl, hasClosed := s.m.cols["closed"]
		switch {
		case hasUpdate && hasClosed:
			from = fmt.Sprintf("an action is read as complete when its %q commentary starts with a status (\"Completed.\", \"In progress: ...\") or its %q date is filled; the others are Not rated", s.m.headings[upd], s.m.headings[cl])
		case hasUpdate:
			from = fmt.Sprintf("an action's status is read from the first words of its %q commentary (\"Completed.\", \"In progress: ...\"); the others are Not rated", s.m.headings[upd])
		case hasClosed:
			from = fmt.Sprintf("an action whose %q date is filled is read as complete; the others are Not rated", s.m.headings[cl])
		}
		warn("no RAG or status column: "+from, nil, "")
	}
	if d := s.m.datedCols; len(d) > 0 {
		pick := d[len(d)-1]
		if at := s.folder.asAt; !at.IsZero() {
			for _, c := range d {
				if t, err := ParseDate(s.m.headings[c], s.date1904); err == nil && !t.After(at) {
					pick = c
				}
			}
		}
		h := s.m.headings[pick]
		fix := &quality.Fix{Section: "headers", Key: h, Value: "status",
			Comment: fmt.Sprintf("the statuses at %s in %s; choose the date to report", h, quality.Where(s.file, s.sheet))}
		warn(fmt.Sprintf("columns %s to %s have dates as headings (%q ... %q) and hold a status for each date; none is read. To read the statuses at one date, add to boardpack.yaml: headers: %s: status",
			colName(d[0]), colName(d[len(d)-1]), s.m.headings[d[0]], s.m.headings[d[len(d)-1]], quality.YAMLQuote(h)), fix, quality.ColumnNotRead)
	}
}

// isAreaRow reports whether a row with one value, text in column col
// (filled cells in all, more than one when merged), is a heading giving the
// priority area of the rows beneath: a row merged across the table, a
// heading such as "Standard 2 - Assessment", or a short title alone in the
// table's first column (where a CSV export leaves a merged heading).
func (s *sheetReader) isAreaRow(text string, col, filled int) bool {
	if len(text) > 200 {
		return false
	}
	if reAreaRow.MatchString(text) || filled >= 2 {
		return true
	}
	actionCol, hasAction := s.m.cols["action"]
	return col == s.tracker.firstCol && (!hasAction || col != actionCol || s.csv) &&
		len(strings.Fields(text)) <= 12 && !reIDLike.MatchString(text)
}

// flushPending settles the one-value rows held back: when actions follow,
// one of them is the area heading of the rows beneath (a numbered heading
// such as "Standard 2" if there is one, else the first short one) and the
// rest are notes; at the end of the table they are all notes.
func (s *sheetReader) flushPending(dataFollows bool) {
	if len(s.pending) == 0 {
		return
	}
	pick := -1
	if dataFollows {
		for i, p := range s.pending {
			if reAreaRow.MatchString(p.text) {
				pick = i
			}
		}
		if pick < 0 {
			for i, p := range s.pending {
				if len(strings.Fields(p.text)) <= 12 {
					pick = i
					break
				}
			}
		}
	}
	for i, p := range s.pending {
		if i == pick {
			s.tracker.area = p.text
			s.sr.Used++
			cell := colName(p.col) + fmt.Sprint(p.n)
			s.sr.AreaRows = append(s.sr.AreaRows, cell+": "+p.text)
			continue
		}
		s.note(p.n, p.col, p.text)
	}
	s.pending = s.pending[:0]
}

var (
	reFormat   = regexp.MustCompile(`(?i)^(d{1,2}[\s/.\-]*m{1,4}[\s/.\-]*y{2,4}|m{2,4}[\s/.\-]*y{2,4}|y{4}[\s/.\-]*m{2}[\s/.\-]*d{2}|r\s*/\s*a\s*/\s*g(\s*/\s*b)?|red\s*/\s*amber\s*/\s*green(\s*/\s*blue)?|(b\s*/\s*)?g\s*/\s*a\s*/\s*r)$`)
	reDescribe = regexp.MustCompile(`(?i)^(e\.?g\.?\s|enter\s|insert\s|select\s|choose\s|describe\s|free text|job title|name of\s|the name\s|a brief\s|brief description|date (by which|when)|who is\s|what is\s|what will\s|how will\s|text\b)`)
)

// isExplanation reports whether the first row under a tracker's header
// explains the columns rather than giving an action: a format placeholder
// ("dd/mm/yyyy", "ddmmmyy", "R/A/G"), or two or more cells that describe
// what goes in them ("Job title of ...", "e.g. ...", "Enter ...").
func (s *sheetReader) isExplanation(r row) bool {
	described := 0
	for _, c := range r.cells {
		c = Clean(c)
		if c == "" {
			continue
		}
		if reFormat.MatchString(c) {
			return true
		}
		if reDescribe.MatchString(c) {
			described++
		}
	}
	return described >= 2
}

// action reads one tracker row.
func (s *sheetReader) action(r row, e *rowErrs) {
	t := &s.tracker
	a := record.Action{
		Text:     s.text(r, e, "action", "action description"),
		Area:     s.get(r, "area"),
		Lead:     s.get(r, "lead"),
		Update:   s.get(r, "update"),
		Evidence: s.get(r, "evidence"),
		Loc:      s.loc(r),
	}
	if a.Area == "" {
		a.Area = t.area
	}
	a.Ref = s.get(r, "ref")
	if a.Ref == "" && a.Text != "" {
		if num, rest, ok := leadingNumber(a.Text); ok {
			a.Ref = num
			if !t.hasRef {
				a.Text = rest
			}
		} else {
			a.Ref = textKey(a.Text)
		}
		if t.hasRef {
			e.add(quality.Warning, "ref", "", fmt.Sprintf("no action reference; read as %s from its text", a.Ref))
		}
	}
	a.Due = s.date(r, e, "due", "due date", true)
	a.RevisedDue = s.date(r, e, "revised", "revised due date", false)
	a.Progress = s.rag(r, e, "progress")
	a.Impact = s.rag(r, e, "impact")
	a.Status = s.status(r, e)
	if t.rated && !e.failed && s.get(r, "progress") == "" && s.get(r, "status") == "" {
		where := "progress"
		if _, ok := s.m.cols["progress"]; !ok {
			where = "status"
		}
		e.add(quality.Warning, where, "", "no progress RAG or status; counted as Not rated")
	}
	if !t.rated {
		if st, _, ok := vocab.LeadingStatus(s.opt.Words, a.Update); ok {
			a.Status = st
		} else if closed := s.get(r, "closed"); closed != "" {
			if d, err := ParseDate(closed, s.date1904); err == nil && !d.IsZero() {
				a.Status = record.Complete
			} else if yes, err := ParseYes(closed); err == nil && yes {
				a.Status = record.Complete
			}
		}
	}
	var err error
	if a.Confidential, err = ParseYes(s.get(r, "confidential")); err != nil {
		e.add(quality.Error, "confidential", s.get(r, "confidential"), "confidential: "+err.Error())
	}
	if a.Area == "" {
		a.Area = "Other actions"
	}
	if a.Ref != "" {
		key := strings.ToUpper(a.Ref)
		if first, dup := s.refs[key]; dup {
			t.dups[key]++
			ref := fmt.Sprintf("%s (%d)", a.Ref, t.dups[key]+1)
			e.add(quality.Warning, "ref", a.Ref, fmt.Sprintf("action reference %s is used twice (first at row %d); this one is read as %s", a.Ref, first, ref))
			a.Ref = ref
		} else {
			s.refs[key] = r.n
		}
	}
	if !e.failed {
		s.folder.actions = append(s.folder.actions, a)
	}
}

// rag reads the rating in column name; an unknown word is an error that
// lists the allowed words, with the boardpack.yaml line that maps it.
func (s *sheetReader) rag(r row, e *rowErrs, name string) record.RAG {
	raw := s.get(r, name)
	label := s.m.schema.label(name)
	v, err := s.opt.Words.RAG(raw)
	if err != nil {
		fix := s.fix("vocabulary.rag", raw, func() (string, string) {
			g := vocab.GuessRAG(raw)
			return g.Code(), fmt.Sprintf("first seen at %s; say what it means: R, A, G, B or NR", quality.Where(s.file, s.sheet, s.cell(r, name)))
		})
		e.addFix(quality.Error, name, raw, label+": "+err.Error(), fix)
		return record.NotRated
	}
	if raw != "" {
		s.seen(label, raw, v.Code())
	}
	return v
}

func (s *sheetReader) status(r row, e *rowErrs) record.Status {
	raw := s.get(r, "status")
	v, err := s.opt.Words.Status(raw)
	if err != nil {
		fix := s.fix("vocabulary.status", raw, func() (string, string) {
			g := vocab.GuessStatus(s.opt.Words, raw)
			return strings.ToLower(g.String()), fmt.Sprintf("first seen at %s; say what it means: %s", quality.Where(s.file, s.sheet, s.cell(r, "status")), strings.Join(vocab.StatusNames, ", "))
		})
		e.addFix(quality.Error, "status", raw, "status: "+err.Error(), fix)
		return record.NoStatus
	}
	if raw != "" {
		s.seen("status", raw, strings.ToLower(v.String()))
	}
	return v
}

// fix returns the one fix for an unknown word in a section, made by guess
// the first time the word is met.
func (s *sheetReader) fix(section, raw string, guess func() (string, string)) *quality.Fix {
	k := [2]string{section, vocab.Key(raw)}
	if f, ok := s.tracker.fixes[k]; ok {
		return f
	}
	v, comment := guess()
	f := &quality.Fix{Section: section, Key: Clean(raw), Value: v, Comment: comment}
	s.tracker.fixes[k] = f
	return f
}

// seen counts a word read in a column, for inspect and the starter config.
func (s *sheetReader) seen(field, raw, reads string) {
	k := [2]string{field, vocab.Key(raw)}
	w, ok := s.tracker.words[k]
	if !ok {
		w = &quality.Word{Field: field, Word: Clean(raw), Reads: reads}
		s.tracker.words[k] = w
		s.tracker.order = append(s.tracker.order, k)
	}
	w.Cells++
}

// finishActions records the words read.
func (s *sheetReader) finishActions() {
	for _, k := range s.tracker.order {
		s.sr.Words = append(s.sr.Words, *s.tracker.words[k])
	}
	sort.SliceStable(s.sr.Words, func(i, j int) bool { return s.sr.Words[i].Field < s.sr.Words[j].Field })
}

func (e *rowErrs) addFix(sev quality.Severity, name, value, msg string, fix *quality.Fix) {
	e.add(sev, name, value, msg)
	e.s.rep.Problems[len(e.s.rep.Problems)-1].Fix = fix
}

var (
	// reNumbered: a number with a delimiter: "1. ", "R1: ", "2) ", "3 - ",
	// "Rec 4. ", "2 (i) ".
	reNumbered = regexp.MustCompile(`^(?i:(?:action|rec|recommendation|ref|item|activity|objective|task|milestone|step|no\.?)\s*)?((?:[A-Z]{1,3}\s?)?\d{1,3}(?:\.\d{1,3}){0,3}(?:\.?[a-z])?(?:\s?\((?:[ivx]{1,4}|[a-z])\))?)(?:[.):]\s*|\s+[-–—]\s*|\s+\((?:[ivx]{1,4}|[a-z])\)\s+)(\S.*)$`)
	// reCoded: a coded number without a delimiter: "R1 Review ...",
	// "2.01.01 Progress ...", "5.1.v Roll out ...".
	reCoded = regexp.MustCompile(`^((?:[A-Z]{1,3}\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?)|(?:\d{1,3}(?:\.\d{1,3}){1,3}(?:\.?[a-z]|\.[ivx]{1,4})?))\s+(\S.*)$`)
	reBracket  = regexp.MustCompile(`^(\d{1,3}\s?\((?:[ivx]{1,4}|[a-z])\))\s*(\S.*)$`)
)

// leadingNumber returns the numbering at the start of an action's text
// ("1.", "R1:", "2 (i)", "2.01.01") and the text after it.
func leadingNumber(text string) (num, rest string, ok bool) {
	for _, re := range []*regexp.Regexp{reBracket, reNumbered, reCoded} {
		if m := re.FindStringSubmatch(text); m != nil {
			return strings.TrimSpace(m[1]), m[2], true
		}
	}
	return "", "", false
}

var keyEncoding = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)

// textKey is the stable key of an action with no reference and no number:
// a hash of its wording, folded (case, spacing and punctuation do not
// count), shown as #XXXXXX.
func textKey(text string) string {
	var b strings.Builder
	for _, f := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r > 127)
	}) {
		b.WriteString(f)
		b.WriteByte(' ')
	}
	h := fnv.New64a()
	h.Write([]byte(b.String()))
	return "#" + keyEncoding.EncodeToString(h.Sum(nil))[:6]
}

var (
	reAsAt      = regexp.MustCompile(`(?i)\b(?:as at|as of|position at|at|summary|dated|date)\b\s*:?\s*(.+)$`)
	reDateInRow = regexp.MustCompile(`(?i)\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+\d{2,4}|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{2}-\d{2}|[a-z]{3,9}\s+\d{4}`)
)

// asAtDate reads the date of a "Data as at 30/06/2023" or "Position at 30
// June 2023" line above a tracker's header.
func asAtDate(text string, date1904 bool) (time.Time, bool) {
	if len(text) > 200 {
		return time.Time{}, false
	}
	m := reAsAt.FindStringSubmatch(text)
	if m == nil {
		return time.Time{}, false
	}
	for _, d := range reDateInRow.FindAllString(m[1], -1) {
		if t, err := ParseDate(d, date1904); err == nil && !t.IsZero() {
			return t, true
		}
	}
	return time.Time{}, false
}

// looksLikeDate reports whether a value that is not a date was meant as
// one ("31/02/2023", "12/31/2023", "31 Febuary 2023"), so that it is an
// error rather than text such as "End of March" that gives no date.
func looksLikeDate(v string) bool {
	v = strings.ToLower(Clean(v))
	if reDateShape.MatchString(v) || reISODate.MatchString(v) {
		return true
	}
	return reDayMonthYear.MatchString(v)
}

var reDayMonthYear = regexp.MustCompile(`^\d{1,2}(?:st|nd|rd|th)?[\s\-]+[a-z]+\.?,?[\s\-]+\d{2,4}$`)
