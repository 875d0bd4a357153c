// Package vocab reads the words trackers use for RAG ratings and action
// statuses. The standard words are built in (the Red / Amber / Green / Blue
// scale and the words councils use beside it: On track, At risk, Off track,
// Yellow, Achieved, Open, Closed, Overdue, Ongoing, Paused, Embedded, Not
// yet due, ...); a council's boardpack.yaml adds its own. The reader and
// the appendix filter read words through the same Words, so a word means
// the same everywhere.
package vocab

import (
	"fmt"
	"strings"

	"github.com/boardpack/boardpack/internal/record"
)

// Words maps normalised words to ratings and statuses.
type Words struct {
	rag    map[string]record.RAG
	status map[string]record.Status
}

// standardRAG are the words a RAG column may hold, by rating.
var standardRAG = map[record.RAG][]string{
	record.Red: {"r", "red", "off track", "off target", "significantly off track", "behind", "significantly behind",
		"not on track", "no progress", "poor progress", "critical", "missed", "failed", "not achieved", "over one month behind"},
	record.Amber: {"a", "amber", "yellow", "y", "orange", "at risk", "some risk", "some concerns", "slipping", "slippage",
		"minor slippage", "some progress", "partially on track", "partially achieved", "one month behind", "under review"},
	record.Green: {"g", "green", "on track", "on target", "good progress", "excellent progress", "on schedule", "in hand"},
	record.Blue: {"b", "blue", "complete", "completed", "achieved", "fully achieved", "done", "closed", "delivered",
		"embedded", "implemented", "fully implemented", "finished", "met"},
	record.NotRated: {"nr", "not rated", "n/a", "na", "tbc", "not yet rated", "not yet due", "not due", "not started",
		"not applicable", "unrated", "none", "-", "grey", "gray"},
}

// standardStatus are the words a status column may hold, by status.
var standardStatus = map[record.Status][]string{
	record.NotStarted: {"not started", "not yet started", "planned", "not yet due", "not due", "pending", "to do",
		"scheduled", "new", "proposed", "not yet actioned", "awaiting start", "yet to start", "future"},
	record.InProgress: {"in progress", "on track", "ongoing", "started", "open", "in hand", "underway", "under way",
		"work in progress", "wip", "progressing", "on target", "monitoring", "in process", "in development",
		"partially achieved", "partially implemented", "partially complete", "not fully achieved", "some progress",
		"good progress", "continuing", "in process - not due", "at risk", "awaiting", "under review",
		"being monitored", "in place"},
	record.Complete: {"complete", "completed", "closed", "done", "achieved", "fully achieved", "embedded", "implemented",
		"fully implemented", "finished", "delivered", "met", "resolved", "closed complete", "signed off",
		"verified as implemented", "closed - complete", "business as usual", "bau"},
	record.OnHold: {"on hold", "paused", "suspended", "deferred", "blocked", "parked", "deferred for future review"},
	record.Delayed: {"delayed", "behind schedule", "overdue", "off track", "escalated", "late", "slipped", "behind",
		"not on track", "past due", "in process - past due", "revised completion date", "rescheduled", "reprogrammed"},
	record.Superseded: {"superseded", "merged", "cancelled", "canceled", "withdrawn", "no longer required", "deleted",
		"closed incomplete", "will not implement", "no further action", "not implemented", "removed", "replaced",
		"closed - superseded", "not applicable", "n/a", "na"},
}

// Standard returns the built-in words.
func Standard() *Words {
	w := &Words{rag: map[string]record.RAG{}, status: map[string]record.Status{}}
	for r, words := range standardRAG {
		for _, word := range words {
			w.rag[Key(word)] = r
		}
	}
	for s, words := range standardStatus {
		for _, word := range words {
			w.status[Key(word)] = s
		}
	}
	return w
}

// AddRAG makes word (in any case and spacing) read as rating r.
func (w *Words) AddRAG(word string, r record.RAG) {
	if k := Key(word); k != "" {
		w.rag[k] = r
	}
}

// AddStatus makes word read as status s.
func (w *Words) AddStatus(word string, s record.Status) {
	if k := Key(word); k != "" {
		w.status[k] = s
	}
}

// RAG reads a RAG rating. Blank is NotRated.
func (w *Words) RAG(raw string) (record.RAG, error) {
	s := Key(raw)
	if s == "" {
		return record.NotRated, nil
	}
	if r, ok := w.lookupRAG(s); ok {
		return r, nil
	}
	return record.NotRated, fmt.Errorf("%q is not a RAG rating (allowed: %s)", raw, AllowedRAG)
}

// lookupRAG reads a folded rating: a word w knows, or a colour followed by
// what it means, as trackers write their key into the cell ("Amber - in
// progress", "Green: complete", "Red (off track)").
func (w *Words) lookupRAG(k string) (record.RAG, bool) {
	if r, ok := w.rag[k]; ok {
		return r, true
	}
	if i := strings.IndexAny(k, "-–—:("); i > 0 {
		if head := strings.TrimSpace(k[:i]); len(head) >= 3 && IsColour(head) {
			r, ok := w.rag[head]
			return r, ok
		}
	}
	return record.NotRated, false
}

// Status reads an action status. Blank is NoStatus.
func (w *Words) Status(raw string) (record.Status, error) {
	s := Key(raw)
	if s == "" {
		return record.NoStatus, nil
	}
	if st, ok := w.status[s]; ok {
		return st, nil
	}
	return record.NoStatus, fmt.Errorf("%q is not a status (allowed: %s)", raw, AllowedStatus)
}

// IsRAG reports whether raw is a word w reads as a rating.
func (w *Words) IsRAG(raw string) bool {
	_, ok := w.lookupRAG(Key(raw))
	return ok
}

// IsStatus reports whether raw is a word w reads as a status.
func (w *Words) IsStatus(raw string) bool {
	_, ok := w.status[Key(raw)]
	return ok
}

// IsColour reports whether raw names a RAG colour or its letter (Red, A,
// GREEN, Yellow), as opposed to a word such as Complete that could equally
// be a status.
func IsColour(raw string) bool {
	switch Key(raw) {
	case "r", "a", "g", "b", "red", "amber", "green", "blue", "yellow", "orange", "y", "grey", "gray":
		return true
	}
	return false
}

// AllowedRAG and AllowedStatus list the standard words, for messages.
var (
	AllowedRAG    = "Red, Amber, Green, Blue, R, A, G, B, Yellow, On track, At risk, Off track, Complete, Achieved, Not rated, Not yet due, or a word given under vocabulary: rag in boardpack.yaml"
	AllowedStatus = "Not started, In progress, Complete, On hold, Delayed, Superseded, Open, Closed, Overdue, Ongoing, Paused, Achieved, Embedded, Not yet due, Cancelled, or a word given under vocabulary: status in boardpack.yaml"
)

// StatusNames are the statuses a config may map a word to.
var StatusNames = []string{"not started", "in progress", "complete", "on hold", "delayed", "superseded"}

// RAGTarget reads what a config's vocabulary maps a RAG word to: a code
// (R, A, G, B, NR) or a standard word (Red, Complete).
func RAGTarget(s string) (record.RAG, error) {
	if r, ok := record.RAGFromCode(s); ok {
		return r, nil
	}
	if r, ok := Standard().rag[Key(s)]; ok {
		return r, nil
	}
	return record.NotRated, fmt.Errorf("%q is not a rating: use R, A, G, B or NR (or Red, Amber, Green, Blue, Not rated)", s)
}

// StatusTarget reads what a config's vocabulary maps a status word to: one
// of StatusNames, or a standard status word (Closed).
func StatusTarget(s string) (record.Status, error) {
	k := Key(s)
	for _, st := range []record.Status{record.NotStarted, record.InProgress, record.Complete, record.OnHold, record.Delayed, record.Superseded} {
		if k == strings.ToLower(st.String()) {
			return st, nil
		}
	}
	if st, ok := Standard().status[k]; ok {
		return st, nil
	}
	return record.NoStatus, fmt.Errorf("%q is not a status: use %s", s, strings.Join(StatusNames, ", "))
}

// Key folds a word for lookup: lower case, runs of white space (no-break
// spaces and line breaks included) made single spaces, a leading bullet or
// "e.g." and trailing punctuation dropped, so "Completed.", "· Green" and
// "e.g. Paused" read as Completed, Green and Paused.
func Key(s string) string {
	s = Norm(s)
	for {
		t := strings.TrimLeft(s, "·•*-–—>([ ")
		t = strings.TrimRight(t, ".!;:,*)] ")
		for _, p := range []string{"e.g.", "e.g", "eg.", "eg ", "i.e.", "ie "} {
			if strings.HasPrefix(t, p) && len(t) > len(p) {
				t = strings.TrimSpace(t[len(p):])
			}
		}
		if t == s {
			return s
		}
		s = t
	}
}

// Norm folds a word for lookup: lower case, with runs of white space
// (no-break spaces and line breaks included) made single spaces.
func Norm(s string) string {
	if isFolded(s) {
		return s
	}
	return strings.ToLower(FoldSpaces(s))
}

// FoldSpaces trims s, including no-break and zero-width spaces, and folds
// runs of white space (line breaks included) into single spaces.
func FoldSpaces(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u00a0', '\u2007', '\u202f', '\t', '\r', '\n':
			return ' '
		case '\u200b', '\ufeff':
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// isFolded reports whether Norm would return s unchanged: printable
// lower-case ASCII with single spaces between words.
func isFolded(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return s == ""
	}
	space := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			if space {
				return false
			}
			space = true
		case c < 0x21 || c > 0x7e || ('A' <= c && c <= 'Z'):
			return false
		default:
			space = false
		}
	}
	return true
}

// fillers are the words a commentary may put around a leading status
// ("We completed this activity.", "This action is now complete").
var fillers = map[string]bool{
	"we": true, "i": true, "this": true, "these": true, "it": true, "has": true, "have": true, "had": true,
	"been": true, "was": true, "were": true, "is": true, "are": true, "the": true, "action": true,
	"actions": true, "activity": true, "work": true, "now": true, "task": true, "status": true,
}

// LeadingStatus reads a status from the first words of a progress
// commentary, as trackers without a status column put it: "Completed.",
// "In progress: two quotes received", "We completed this activity." The
// first clause (up to a full stop, colon, semicolon, comma, dash or line
// break) must be a status word, alone or with filler words around it ("we",
// "this activity", "has been"); "Not completed" or "Audit tool drafted"
// give none.
func LeadingStatus(w *Words, text string) (record.Status, string, bool) {
	text = strings.TrimSpace(text)
	end := strings.IndexAny(text, ".:;,\n–—")
	if i := strings.Index(text, " - "); i >= 0 && (end < 0 || i < end) {
		end = i
	}
	first := text
	if end >= 0 {
		first = text[:end]
	}
	if len(first) > 60 {
		return record.NoStatus, "", false
	}
	var kept []string
	for _, f := range strings.Fields(Norm(first)) {
		if !fillers[f] {
			kept = append(kept, f)
		}
	}
	if len(kept) == 0 || len(kept) > 4 {
		return record.NoStatus, "", false
	}
	word := strings.Join(kept, " ")
	if st, ok := w.status[Key(word)]; ok {
		return st, strings.TrimSpace(first), true
	}
	return record.NoStatus, "", false
}

// GuessRAG suggests the rating an unknown word most likely means, for the
// config lines an error prints: the colour it names (the worse of two, so
// "Amber/Red" suggests R), or NR. The user reviews it.
func GuessRAG(raw string) record.RAG {
	best := record.NotRated
	for _, f := range strings.FieldsFunc(Key(raw), func(r rune) bool { return !('a' <= r && r <= 'z') }) {
		var r record.RAG
		switch f {
		case "red":
			r = record.Red
		case "amber", "yellow", "orange":
			r = record.Amber
		case "green":
			r = record.Green
		case "blue":
			r = record.Blue
		default:
			continue
		}
		if best == record.NotRated || r < best {
			best = r
		}
	}
	return best
}

// GuessStatus suggests the status an unknown word most likely means: the
// status of a standard word it contains when nothing negates it, else In
// progress. The user reviews it.
func GuessStatus(w *Words, raw string) record.Status {
	fields := strings.Fields(Key(raw))
	for _, f := range fields {
		switch f {
		case "not", "no", "partially", "partly", "un", "never", "yet":
			return record.InProgress
		}
	}
	for _, f := range fields {
		if st, ok := w.status[f]; ok {
			return st
		}
	}
	return record.InProgress
}
