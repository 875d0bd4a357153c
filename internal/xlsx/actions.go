package xlsx

import (
	"encoding/base32"
	"errors"
	"fmt"
	"hash/fnv"
	"regexp"
	"slices"
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
	merged bool // merged across the table
}

// trackerState is what reading a tracker keeps between rows.
type trackerState struct {
	area     string // the area heading above the rows being read
	firstCol int    // the table's leftmost headed column
	hasRef   bool   // a reference column is read
	rated    bool   // a RAG or status column is read
	dups     map[string]int
	words    map[[2]string]*quality.Word // by field and folded word
	raw      map[[2]string]*readWord     // by field and word as written
	order    [][2]string
	fixes    map[[2]string]*quality.Fix // one fix per unknown word and field
	mixed    bool                       // the status column's heading says it holds comments too
	header   []string                   // the header row's cells, to know it repeated
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
	t.raw = map[[2]string]*readWord{}
	t.firstCol = -1
	for c := range s.m.headings {
		if t.firstCol < 0 || c < t.firstCol {
			t.firstCol = c
		}
	}
	if _, hasArea := s.m.cols["area"]; !hasArea {
		t.area = areaAbove(above)
	}
	for _, r := range above {
		s.asAtFrom(strings.Join(distinctCells(r), " "))
	}
	if s.folder.asAt.IsZero() {
		// A title that gives its date another way: "... progress
		// summary: 31 January 2015".
		for _, r := range above {
			for _, c := range distinctCells(r) {
				if d, ok := asAtDate(c, s.date1904); ok && d.After(s.folder.asAt) {
					s.folder.asAt = d
				}
			}
		}
	}
	_, t.hasRef = s.m.cols["ref"]
	if c, ok := s.m.cols["status"]; ok {
		toks := tokens(s.m.headings[c])
		for _, w := range []string{"comment", "commentary", "update", "note", "remark", "narrative"} {
			if slices.Contains(toks, w) {
				t.mixed = true
			}
		}
	}
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

// reAreaIn matches a heading that ends by naming the recommendation or
// priority it is: "... stakeholders. (Recommendation 1)".
var reAreaIn = regexp.MustCompile(`(?i)\((recommendation|rec|priority|outcome|standard|aim|theme|objective|area for improvement|afi)\s*\d+[a-z]?\)\s*$`)

// reTitle matches the rows above a table that are titles, keys, labels or
// counts, never the area of the rows beneath: "Appendix 1", "Action
// tracking list", "Progress update - August 2020", "Key:", "Open: 15".
var reTitle = regexp.MustCompile(`(?i)\b(appendix|annex|report|tracker|tracking|log|paper|version|summary|key|review|comments?|control|list|register|template|minutes|plan|update|progress|as at|as of|compiled|page)\b|:\s*\d+\s*$|:$|[|\[]|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\b(19|20)\d{2}\b`)

// areaAbove returns the area of the first rows of a tracker with no area
// column, from the rows above its header: the nearest numbered heading
// ("Standard 1", "Priority I - ...", "... (Recommendation 1)"), else the
// nearest one-value row if it is not a title, key, label or count (rows of
// two or more values, such as a form above the table, are passed over, as
// are labels ending with a colon).
func areaAbove(above [][]string) string {
	for i := len(above) - 1; i >= 0; i-- {
		if distinct(above[i]) == 1 {
			if text := Clean(above[i][firstCol(above[i])]); reAreaRow.MatchString(text) || reAreaIn.MatchString(text) {
				return text
			}
		}
	}
	for i := len(above) - 1; i >= 0; i-- {
		if distinct(above[i]) != 1 {
			continue
		}
		text := Clean(above[i][firstCol(above[i])])
		if strings.HasSuffix(text, ":") {
			continue
		}
		if reTitle.MatchString(text) || vocab.Standard().IsStatus(text) || vocab.Standard().IsRAG(text) || len(text) > 300 {
			return ""
		}
		return text
	}
	return ""
}

// isAreaRow reports whether a row with one value, text in column col
// (filled cells in all, more than one when merged), is a heading giving the
// priority area of the rows beneath: a row merged across the table, a
// heading such as "Standard 2 - Assessment", or a short title alone in the
// table's first column (where a CSV export leaves a merged heading).
func (s *sheetReader) isAreaRow(text string, col, filled int) bool {
	if filled >= 2 {
		return len(text) <= 1000
	}
	if len(text) > 300 {
		return false
	}
	if reAreaRow.MatchString(text) {
		return true
	}
	if col != s.tracker.firstCol || reIDLike.MatchString(text) {
		return false
	}
	if actionCol, ok := s.m.cols["action"]; ok && col == actionCol {
		// The action alone, numbered ("i. Review the protocol"), is an
		// action; unnumbered, with nothing else on its row, it is a label
		// or heading ("Action points from the meeting on 22 March:").
		_, _, numbered := leadingNumber(text)
		return !numbered
	}
	return len(strings.Fields(text)) <= 12
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
			if reAreaRow.MatchString(p.text) || reAreaIn.MatchString(p.text) {
				pick = i
			}
		}
		if pick < 0 {
			for i, p := range s.pending {
				if p.merged {
					pick = i
				}
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
		if pick < 0 && s.csv {
			pick = 0 // a merged heading, as a CSV export leaves it
		}
	}
	for i, p := range s.pending {
		if i != pick {
			s.note(p.n, p.col, p.text)
			continue
		}
		s.tracker.area = p.text
		s.sr.Used++
		cell := colName(p.col) + fmt.Sprint(p.n)
		s.sr.AreaRows = append(s.sr.AreaRows, cell+": "+p.text)
		if c, ok := s.m.cols["action"]; ok && c == p.col && !p.merged && !reAreaRow.MatchString(p.text) {
			s.rep.Problems = append(s.rep.Problems, quality.Problem{Severity: quality.Warning, File: s.file, Sheet: s.sheet, Cell: cell, Value: p.text,
				Message: fmt.Sprintf("%q has no reference, number or other cell, so it is read as the heading (priority area) of the rows beneath, not as an action", p.text)})
		}
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
		if reDescribe.MatchString(c) || strings.Contains(c, "?") || reInstruct.MatchString(c) {
			described++
		}
	}
	return described >= 2 && s.get(r, "ref") == ""
}

// reInstruct matches guidance to whoever fills a column in: "... must be
// listed individually", "A single person should have responsibility".
var reInstruct = regexp.MustCompile(`(?i)\b(must|should)\b`)

// action reads one tracker row.
func (s *sheetReader) action(r row, e *rowErrs) {
	t := &s.tracker
	a := record.Action{
		Text:     s.text(r, e, "action", "action description"),
		Area:     s.get(r, "area"),
		Lead:     s.get(r, "lead"),
		Update:   s.get(r, "update"),
		Evidence: s.get(r, "evidence"),
		Ofsted:   s.get(r, "ofsted"),
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
	if v := s.get(r, "lastupdated"); v != "" {
		// Only the stale-data check uses it: a bad date is a warning,
		// never a reason to leave the action out.
		if t, err := ParseDate(v, s.date1904); err == nil {
			a.LastUpdated = t
		} else if !errors.Is(err, ErrNoDate) {
			e.add(quality.Warning, "lastupdated", v, "last updated: "+err.Error()+"; ignored")
		}
	}
	a.RevisedDue = s.date(r, e, "revised", "revised due date", false)
	a.Progress = s.rag(r, e, "progress")
	a.Impact = s.rag(r, e, "impact")
	a.Status = s.status(r, e, &a)
	if t.rated && !e.failed && s.get(r, "progress") == "" && s.get(r, "status") == "" {
		where := "progress"
		if _, ok := s.m.cols["progress"]; !ok {
			where = "status"
		}
		e.add(quality.Warning, where, "", "no progress RAG or status; counted as Not rated")
	}
	if !t.rated {
		if rag, ok := leadingRAG(s.opt.Words, a.Update); ok {
			a.Progress = rag
		} else if st, _, ok := vocab.LeadingStatus(s.opt.Words, a.Update); ok {
			a.Status = st
		} else if closed := s.get(r, "closed"); closed != "" {
			if d, err := ParseDate(closed, s.date1904); err == nil && !d.IsZero() {
				a.Status = record.Complete
			} else if yes, err := ParseYes(closed); err == nil && yes {
				a.Status = record.Complete
			}
		}
	}
	a.Confidential = s.confidential(r, e)
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
	} else {
		// With --keep-going the row is left out; its ref, where it has
		// one, keeps it from being reported as removed from the tracker.
		s.folder.excluded++
		if a.Ref != "" {
			s.folder.excludedRefs = append(s.folder.excludedRefs, a.Ref)
		}
	}
}

// distinctCells returns a row's distinct non-empty cells, cleaned: a title
// merged across the table once.
func distinctCells(r []string) []string {
	var out []string
	for _, c := range r {
		if c = Clean(c); c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// rag reads the rating in column name; an unknown word is an error that
// lists the allowed words, with the boardpack.yaml line that maps it.
func (s *sheetReader) rag(r row, e *rowErrs, name string) record.RAG {
	raw := s.get(r, name)
	if raw == "" {
		return record.NotRated
	}
	label := s.m.schema.label(name)
	k := [2]string{label, raw}
	if w, ok := s.tracker.raw[k]; ok {
		// A word met before in this column: read as then.
		w.word.Cells++
		return w.rag
	}
	v, err := s.opt.Words.RAG(raw)
	if err != nil {
		fix := s.fix("vocabulary.rag", raw, func() (string, string) {
			g := vocab.GuessRAG(raw)
			return g.Code(), fmt.Sprintf("first seen at %s; say what it means: R, A, G, B or NR", quality.Where(s.file, s.sheet, s.cell(r, name)))
		})
		e.addFix(quality.Error, name, raw, strings.Replace(label, "rag", "RAG", 1)+": "+err.Error(), fix)
		return record.NotRated
	}
	s.remember(k, v.Code(), readWord{rag: v})
	return v
}

func (s *sheetReader) status(r row, e *rowErrs, a *record.Action) record.Status {
	raw := s.get(r, "status")
	if raw == "" {
		return record.NoStatus
	}
	_, hasProgress := s.m.cols["progress"]
	k := [2]string{"status", raw}
	if w, ok := s.tracker.raw[k]; ok {
		w.word.Cells++
		if !hasProgress && w.rag != record.NotRated {
			a.Progress = w.rag
		}
		return w.status
	}
	v, err := s.opt.Words.Status(raw)
	if err == nil {
		s.remember(k, strings.ToLower(v.String()), readWord{status: v})
		return v
	}
	if st, rag, ok := compoundStatus(s.opt.Words, raw); ok {
		// "Open - Actions on going off track": a status word and a
		// rating, read as both when there is no RAG column.
		if !hasProgress && rag != record.NotRated {
			a.Progress = rag
		}
		s.remember(k, strings.ToLower(st.String()), readWord{status: st, rag: rag})
		return st
	}
	if s.tracker.mixed {
		// A "Status / comment" column: what is not a status word is the
		// comment.
		if a.Update == "" {
			a.Update = raw
		}
		st, _, _ := vocab.LeadingStatus(s.opt.Words, raw)
		return st
	}
	fix := s.fix("vocabulary.status", raw, func() (string, string) {
		g := vocab.GuessStatus(s.opt.Words, raw)
		return strings.ToLower(g.String()), fmt.Sprintf("first seen at %s; say what it means: %s", quality.Where(s.file, s.sheet, s.cell(r, "status")), strings.Join(vocab.StatusNames, ", "))
	})
	e.addFix(quality.Error, "status", raw, "status: "+err.Error(), fix)
	return record.NoStatus
}

// readWord is how a word was read, remembered by its spelling.
type readWord struct {
	word   *quality.Word
	rag    record.RAG
	status record.Status
}

// remember records how a word in a column (k: the field and the word as
// written) was read, for the next cell holding it and for inspect.
func (s *sheetReader) remember(k [2]string, reads string, w readWord) {
	t := &s.tracker
	wk := [2]string{k[0], vocab.Key(k[1])}
	word, ok := t.words[wk]
	if !ok {
		word = &quality.Word{Field: k[0], Word: k[1], Reads: reads}
		t.words[wk] = word
		t.order = append(t.order, wk)
	}
	word.Cells++
	w.word = word
	t.raw[k] = &w
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

// finishActions records the words read.
func (s *sheetReader) finishActions() {
	for _, k := range s.tracker.order {
		s.sr.Words = append(s.sr.Words, *s.tracker.words[k])
	}
	sort.SliceStable(s.sr.Words, func(i, j int) bool { return s.sr.Words[i].Field < s.sr.Words[j].Field })
}

func (e *rowErrs) addFix(sev quality.Severity, name, value, msg string, fix *quality.Fix) {
	e.add(sev, name, value, msg)
	if !e.confidential && quotable(value) {
		// A suggested line quotes the value: never a confidential row's,
		// nor a sentence.
		e.s.rep.Problems[len(e.s.rep.Problems)-1].Fix = fix
	}
}

var (
	// reNumbered: a number with a delimiter: "1. ", "R1: ", "2) ", "3 - ",
	// "Rec 4. ", "2 (i) ".
	reNumbered = regexp.MustCompile(`^(?i:(?:action|rec|recommendation|ref|item|activity|objective|task|milestone|step|no\.?)\s*)?((?:[A-Z]{1,3}\s?)?\d{1,3}(?:\.\d{1,3}){0,3}(?:\.?[a-z])?(?:\s?\((?:[ivx]{1,4}|[a-z])\))?)(?:[.):]\s*|\s+[-–—]\s*|\s+\((?:[ivx]{1,4}|[a-z])\)\s+)(\S.*)$`)
	// reCoded: a coded number without a delimiter: "R1 Review ...",
	// "2.01.01 Progress ...", "5.1.v Roll out ...".
	reCoded   = regexp.MustCompile(`^((?:[A-Z]{1,3}\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?)|(?:\d{1,3}(?:\.\d{1,3}){1,3}(?:\.?[a-z]|\.[ivx]{1,4})?))\s+(\S.*)$`)
	reBracket = regexp.MustCompile(`^(\d{1,3}\s?\((?:[ivx]{1,4}|[a-z])\)|\(\d{1,3}[a-z]?\))\s*(\S.*)$`)
	// reRoman: a roman numeral of a list, "i. CEO to prepare ...",
	// "iv) Review ...".
	reRoman = regexp.MustCompile(`^([ivx]{1,4})[.)]\s+(\S.*)$`)
)

// leadingNumber returns the numbering at the start of an action's text
// ("1.", "R1:", "2 (i)", "2.01.01") and the text after it.
func leadingNumber(text string) (num, rest string, ok bool) {
	// Every pattern but reRoman needs an ASCII digit (\d), and reRoman a
	// first letter i, v or x: most actions have neither, and are spared
	// four regular expressions.
	if !strings.ContainsAny(text, "0123456789") && (text == "" || !strings.ContainsRune("ivx", rune(text[0]))) {
		return "", "", false
	}
	for _, re := range []*regexp.Regexp{reBracket, reNumbered, reCoded, reRoman} {
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
	reAsAtLoose = regexp.MustCompile(`(?i)\b(?:as at|as of|position at|at|summary|dated|date)\b\s*:?\s*(.+)$`)
	reDateInRow = regexp.MustCompile(`(?i)\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+\d{2,4}|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{2}-\d{2}|[a-z]{3,9}\s+\d{4}`)
)

// asAtDate finds a date in a title line above a tracker's header that
// gives it after "at", "summary:" or "dated" ("Progress summary: 31
// January 2015"), when no "as at" line says it plainly (asAtFrom).
func asAtDate(text string, date1904 bool) (time.Time, bool) {
	if len(text) > 200 {
		return time.Time{}, false
	}
	m := reAsAtLoose.FindStringSubmatch(text)
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

// compoundStatus reads a status cell of several parts, "Open - Actions on
// going off track" or "Closed: complete": the first part that is a status
// word gives the status, and a rating phrase anywhere (on track, off track,
// at risk) the rating. ok is false when no part is a status word.
func compoundStatus(w *vocab.Words, raw string) (record.Status, record.RAG, bool) {
	parts := strings.FieldsFunc(raw, func(r rune) bool { return r == ':' || r == ';' || r == ',' || r == '–' || r == '—' || r == '/' })
	if len(parts) < 2 {
		parts = strings.Split(raw, " - ")
	}
	if len(parts) < 2 {
		return record.NoStatus, record.NotRated, false
	}
	st, found := record.NoStatus, false
	for _, p := range parts {
		for _, q := range strings.Split(p, " - ") {
			if v, err := w.Status(q); err == nil && strings.TrimSpace(q) != "" {
				st, found = v, true
				break
			}
		}
		if found {
			break
		}
	}
	if !found {
		return record.NoStatus, record.NotRated, false
	}
	rag := record.NotRated
	k := vocab.Key(raw)
	for _, p := range []struct {
		phrase string
		r      record.RAG
	}{{"off track", record.Red}, {"at risk", record.Amber}, {"on track", record.Green}} {
		if strings.Contains(k, p.phrase) {
			rag = p.r
			break
		}
	}
	return st, rag, true
}

var reLineNumbers = regexp.MustCompile(`^[\d\s,;&\-–]+`)

// leadingRAG reads a rating that leads a commentary in a tracker with no
// RAG column: "GREEN – Project plan in place", "Amber: workshop held",
// after plan line numbers ("1, 2, 6 GREEN – ...").
func leadingRAG(w *vocab.Words, text string) (record.RAG, bool) {
	first := strings.TrimSpace(reLineNumbers.ReplaceAllString(text, ""))
	end := strings.IndexAny(first, ".:;,–—-")
	if end <= 0 {
		return record.NotRated, false
	}
	word := strings.TrimSpace(first[:end])
	if !vocab.IsColour(word) || len(word) < 3 {
		return record.NotRated, false
	}
	r, err := w.RAG(word)
	return r, err == nil
}
