// Package quality is the data-quality report of a run: every sheet read
// with its row accounting, every file or sheet set aside and why, and every
// problem located by file, sheet and cell. The reader writes it; the papers,
// validate and the log read it.
package quality

import (
	"fmt"
	"strings"
)

// Severity says whether a problem stops the papers.
type Severity string

// Severities.
const (
	Warning Severity = "warning" // the value was used as read, or as no value
	Error   Severity = "error"   // the row (or file) was excluded
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
}

// String formats p as "file › sheet › cell: message".
func (p Problem) String() string {
	loc := []string{p.File}
	if p.Sheet != "" {
		loc = append(loc, p.Sheet)
	}
	if p.Cell != "" {
		loc = append(loc, p.Cell)
	}
	return fmt.Sprintf("%s: %s", strings.Join(loc, " › "), p.Message)
}

// SheetReport accounts for every row of one sheet that was read:
// Rows = Used + Blank + Notes + Rejected.
type SheetReport struct {
	File      string   `json:"file"`
	Sheet     string   `json:"sheet"`
	Kind      string   `json:"kind"`
	HeaderRow int      `json:"header_row"`
	Rows      int      `json:"rows"`
	Used      int      `json:"used"`
	Blank     int      `json:"blank"`
	Notes     int      `json:"notes"`
	Rejected  int      `json:"rejected"`
	NoteText  []string `json:"note_text,omitempty"`
}

// Skipped is a file or sheet that was not read, and why.
type Skipped struct {
	File   string `json:"file"`
	Sheet  string `json:"sheet,omitempty"`
	Reason string `json:"reason"`
}

// Report is what reading a data folder found: every sheet read with its row
// accounting, everything skipped, and every problem.
type Report struct {
	Sheets   []SheetReport `json:"sheets"`
	Skipped  []Skipped     `json:"skipped"`
	Problems []Problem     `json:"problems"`
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
