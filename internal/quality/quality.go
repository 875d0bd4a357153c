// Package quality is the data-quality report of a run: every sheet read
// with its row accounting and how its columns were read, every file or
// sheet set aside and why, and every problem located by file, sheet and
// cell, with the boardpack.yaml lines that would fix it where there are
// some. The reader writes it; the papers, validate, inspect and the log
// read it.
package quality

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Severity says whether a problem stops the papers.
type Severity string

// Severities.
const (
	Warning Severity = "warning" // the value was used as read, or as no value
	Error   Severity = "error"   // the row (or file) was excluded
)

// Effects of a problem beyond its row, for the papers' data-quality note.
const (
	SheetNotRead    = "Sheet not read"
	RowsNotRead     = "Rows not read" // a fault in the sheet stopped its rows; see SheetReport.Unread
	WorkbookNotRead = "Workbook not read"
	FolderNotRead   = "Folder not read" // a folder of exports that is not a month folder; an error stops the papers
	ColumnNotRead   = "Column not read"
	// FlagNotRead is a column that speaks of confidentiality but is not
	// read: the rows it marks would print in Open papers, so it stops
	// them, even going on past rows in error.
	FlagNotRead = "Confidentiality not read"
	FileNotRead = "File not read"
	TextNotUsed = "Text not used" // narrative under a heading no paper places
)

// Problem is one thing wrong with the input, located precisely enough for
// the person who keeps the spreadsheet to fix it.
type Problem struct {
	Severity Severity `json:"severity"`
	File     string   `json:"file"`
	Sheet    string   `json:"sheet,omitempty"`
	Cell     string   `json:"cell,omitempty"`
	Value    string   `json:"value,omitempty"`
	Message  string   `json:"message"`
	// Ref is the reference of the action whose row it is, when the row
	// gives one: what the papers name in place of the cell.
	Ref string `json:"ref,omitempty"`
	// Withheld says the row is confidential: its values are in neither
	// Value nor Message (quoted values read "…"), so no paper, log line
	// or suggested config repeats them. The cell says where to look.
	Withheld bool `json:"withheld,omitempty"`
	// Effect says what was lost when it is more than the row: a sheet, a
	// workbook or a column not read. Empty for a row's problem.
	Effect string `json:"effect,omitempty"`
	// Fix is the boardpack.yaml line that would read the value or the
	// column, when there is one.
	Fix *Fix `json:"fix,omitempty"`
}

// Fix is one line of boardpack.yaml under Section ("headers",
// "vocabulary.rag" or "vocabulary.status"): Key: Value, with a comment for
// the person who reviews it.
type Fix struct {
	Section string `json:"section"`
	Key     string `json:"key"`
	Value   string `json:"value"`
	Comment string `json:"comment,omitempty"`
}

// String formats p as "file › sheet › cell: message".
func (p Problem) String() string {
	return fmt.Sprintf("%s: %s", Where(p.File, p.Sheet, p.Cell), p.Message)
}

// Where joins the non-empty parts of a location with " › ".
func Where(parts ...string) string {
	var loc []string
	for _, s := range parts {
		if s != "" {
			loc = append(loc, s)
		}
	}
	return strings.Join(loc, " › ")
}

// HiddenSheet is the reason given for a hidden sheet in Report.Skipped.
const HiddenSheet = "hidden sheet"

// Hidden returns the hidden sheets that were not read, as "file › sheet".
func (r *Report) Hidden() []string {
	var out []string
	for _, s := range r.Skipped {
		if s.Reason == HiddenSheet {
			out = append(out, Where(s.File, s.Sheet))
		}
	}
	return out
}

// SheetReport accounts for every row of one sheet that was read:
// Rows = Used + Blank + Notes + Rejected + Unread. Rows counts the rows
// under the header to the sheet's last row as its file holds them, so
// rows a damaged file stops short of are Unread (with an error saying
// where), and Used + Blank + Notes + Rejected falls short of Rows. A row
// giving the priority area of the rows beneath it counts as used, and is
// listed in AreaRows.
type SheetReport struct {
	File       string `json:"file"`
	Sheet      string `json:"sheet"`
	Kind       string `json:"kind"`
	HeaderRow  int    `json:"header_row"`
	HeaderRows []int  `json:"header_rows"` // one row, or two for a heading over sub-headings
	Rows       int    `json:"rows"`
	Used       int    `json:"used"`
	Blank      int    `json:"blank"`
	Notes      int    `json:"notes"`
	Rejected   int    `json:"rejected"`
	Unread     int    `json:"unread,omitempty"` // rows lost to damage in the file: not read at all
	// NoteCells are where the notes are ("B131"): their text, which may
	// be anything (a name, a confidential remark), is never repeated.
	NoteCells []string `json:"note_cells,omitempty"`
	AreaRows  []string `json:"area_rows,omitempty"` // "A12: Early help", rows read as the area of those beneath
	Columns   []Column `json:"columns,omitempty"`   // the columns read
	Ignored   []Column `json:"ignored,omitempty"`   // the headed columns not read, each with why
	Words     []Word   `json:"words,omitempty"`     // the RAG and status words read, and as what
}

// Column is one column of a sheet: its letter and heading, and the field
// it was read as (or why it was not).
type Column struct {
	Col     string `json:"col"`
	Heading string `json:"heading"`
	Field   string `json:"field,omitempty"`  // the field, as boardpack.yaml names it: "due date"
	Reason  string `json:"reason,omitempty"` // why an ignored column was not read
}

// Word is a RAG or status word as written in a column, how it was read, and
// how many cells held it.
type Word struct {
	Field string `json:"field"` // "progress rag", "impact rag" or "status"
	Word  string `json:"word"`
	Reads string `json:"reads"` // R, A, G, B, NR, or the status
	Cells int    `json:"cells"`
}

// Skipped is a file or sheet that was not read, and why.
type Skipped struct {
	File   string `json:"file"`
	Sheet  string `json:"sheet,omitempty"`
	Reason string `json:"reason"`
}

// Missing is a section of the papers that has no data this month because
// the sheet that would give it could not be read.
type Missing struct {
	Kind   string `json:"kind"` // the sheet kind: caseloads, allocations, workforce, recruitment, kpis
	Where  string `json:"where"`
	Reason string `json:"reason"`
}

// Report is what reading a data folder found: every sheet read with its row
// accounting, everything skipped, every problem, and the sections the papers
// lack because of them.
type Report struct {
	Sheets   []SheetReport `json:"sheets"`
	Skipped  []Skipped     `json:"skipped"`
	Problems []Problem     `json:"problems"`
	Missing  []Missing     `json:"missing,omitempty"`
}

// Errors counts the problems of severity Error.
func (r Report) Errors() int { return r.count(Error) }

// Warnings counts the problems of severity Warning.
func (r Report) Warnings() int { return r.count(Warning) }

func (r Report) count(s Severity) int {
	n := 0
	for _, p := range r.Problems {
		if p.Severity == s {
			n++
		}
	}
	return n
}

// MissingKind returns why the sheet of kind is missing, and false when it
// is not.
func (r Report) MissingKind(kind string) (Missing, bool) {
	for _, m := range r.Missing {
		if m.Kind == kind {
			return m, true
		}
	}
	return Missing{}, false
}

// Fixes returns the distinct fixes the problems suggest, in the order first
// suggested.
func (r Report) Fixes() []Fix {
	var out []Fix
	seen := map[string]bool{}
	for _, p := range r.Problems {
		if p.Fix == nil {
			continue
		}
		k := p.Fix.Section + "\x00" + strings.ToLower(p.Fix.Key)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, *p.Fix)
	}
	return out
}

// SuggestedConfig returns the boardpack.yaml lines that would read what the
// problems say could not be read (unknown words, unrecognised columns), as
// one block to paste into the file; "" when there are none.
func (r Report) SuggestedConfig() string { return FixesYAML(r.Fixes()) }

// FixesYAML writes fixes as boardpack.yaml lines, grouped by section.
func FixesYAML(fixes []Fix) string {
	if len(fixes) == 0 {
		return ""
	}
	var b strings.Builder
	var headers, rag, status []Fix
	for _, f := range fixes {
		switch f.Section {
		case "headers":
			headers = append(headers, f)
		case "vocabulary.rag":
			rag = append(rag, f)
		case "vocabulary.status":
			status = append(status, f)
		}
	}
	lines := func(indent string, fs []Fix) {
		for _, f := range fs {
			b.WriteString(indent + YAMLQuote(f.Key) + ": " + f.Value)
			if f.Comment != "" {
				b.WriteString("   # " + strings.ReplaceAll(f.Comment, "\n", " "))
			}
			b.WriteString("\n")
		}
	}
	if len(headers) > 0 {
		b.WriteString("headers:\n")
		lines("  ", headers)
	}
	if len(rag)+len(status) > 0 {
		b.WriteString("vocabulary:\n")
		if len(rag) > 0 {
			b.WriteString("  rag:\n")
			lines("    ", rag)
		}
		if len(status) > 0 {
			b.WriteString("  status:\n")
			lines("    ", status)
		}
	}
	return b.String()
}

// YAMLQuote quotes s as a YAML double-quoted scalar (Go's escapes are a
// subset of YAML's).
func YAMLQuote(s string) string { return strconv.Quote(s) }

// Group is problems that say the same thing, for a log that should not
// print thirty lines for thirty "TBC" due dates.
type Group struct {
	Message  string    // the message, with its quoted values set aside: due date "…" gives no date
	Values   []string  // the distinct quoted values, in the order first found: "TBC", "Ongoing"
	Problems []Problem // the problems, in the order found
}

// quoted matches a value quoted with %q, escaped quotes and all.
var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// Redact returns msg with its quoted values replaced by "…": a problem's
// message as it may be told of a confidential row.
func Redact(msg string) string { return quoted.ReplaceAllString(msg, `"…"`) }

// Grouped groups the problems of severity sev that say the same thing
// (their messages are equal once quoted values are set aside), in the
// order first found.
func (r Report) Grouped(sev Severity) []Group {
	var out []Group
	idx := map[string]int{}
	for _, p := range r.Problems {
		if p.Severity != sev {
			continue
		}
		key := quoted.ReplaceAllString(p.Message, `"…"`)
		i, ok := idx[key]
		if !ok {
			i = len(out)
			idx[key] = i
			out = append(out, Group{Message: key})
		}
		g := &out[i]
		g.Problems = append(g.Problems, p)
		for _, v := range quoted.FindAllString(p.Message, -1) {
			if !slices.Contains(g.Values, v) && len(g.Values) < 20 {
				g.Values = append(g.Values, v)
			}
		}
	}
	return out
}

// Cells lists the first n locations of a group's problems, giving the file
// and sheet only when they change: "a.xlsx › Plan › F10, F12, b.xlsx › Plan › F3".
func (g Group) Cells(n int) []string {
	var out []string
	last := ""
	for _, p := range g.Problems[:min(n, len(g.Problems))] {
		here := Where(p.File, p.Sheet)
		switch {
		case p.Cell == "":
			out = append(out, here)
		case here == last:
			out = append(out, p.Cell)
		default:
			out = append(out, Where(here, p.Cell))
		}
		last = here
	}
	return out
}
