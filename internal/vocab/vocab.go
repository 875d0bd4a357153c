// Package vocab reads the words trackers use for RAG ratings and action
// statuses. The standard words are built in; a council's boardpack.yaml
// adds its own labels and aliases. The reader and the appendix filter read
// words through the same Words, so a word means the same everywhere.
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

// Standard returns the built-in words.
func Standard() *Words {
	w := &Words{rag: map[string]record.RAG{}, status: map[string]record.Status{}}
	for word, r := range map[string]record.RAG{
		"r": record.Red, "red": record.Red,
		"a": record.Amber, "amber": record.Amber,
		"g": record.Green, "green": record.Green,
		"b": record.Blue, "blue": record.Blue, "complete": record.Blue, "completed": record.Blue,
		"nr": record.NotRated, "not rated": record.NotRated, "n/a": record.NotRated, "tbc": record.NotRated,
	} {
		w.rag[word] = r
	}
	for word, s := range map[string]record.Status{
		"not started": record.NotStarted, "not yet started": record.NotStarted, "planned": record.NotStarted,
		"in progress": record.InProgress, "on track": record.InProgress, "ongoing": record.InProgress, "started": record.InProgress,
		"complete": record.Complete, "completed": record.Complete, "closed": record.Complete, "done": record.Complete,
		"on hold": record.OnHold, "paused": record.OnHold,
		"delayed": record.Delayed, "behind schedule": record.Delayed,
		"superseded": record.Superseded, "merged": record.Superseded,
	} {
		w.status[word] = s
	}
	return w
}

// AddRAG makes word (in any case and spacing) read as rating r.
func (w *Words) AddRAG(word string, r record.RAG) {
	if k := Norm(word); k != "" {
		w.rag[k] = r
	}
}

// AddStatus makes word read as status s.
func (w *Words) AddStatus(word string, s record.Status) {
	if k := Norm(word); k != "" {
		w.status[k] = s
	}
}

// RAG reads a RAG rating. Blank is NotRated.
func (w *Words) RAG(raw string) (record.RAG, error) {
	s := Norm(raw)
	if s == "" {
		return record.NotRated, nil
	}
	if r, ok := w.rag[s]; ok {
		return r, nil
	}
	return record.NotRated, fmt.Errorf("%q is not a RAG rating (allowed: Red, Amber, Green, Blue, R, A, G, B, Complete, Not rated)", raw)
}

// Status reads an action status. Blank is NoStatus.
func (w *Words) Status(raw string) (record.Status, error) {
	s := Norm(raw)
	if s == "" {
		return record.NoStatus, nil
	}
	if st, ok := w.status[s]; ok {
		return st, nil
	}
	return record.NoStatus, fmt.Errorf("%q is not a status (allowed: Not started, In progress, Complete, On hold, Delayed, Superseded)", raw)
}

// Norm folds a word for lookup: lower case, with runs of white space
// (no-break spaces and line breaks included) made single spaces.
func Norm(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u00a0', '\u2007', '\u202f', '\t', '\r', '\n':
			return ' '
		case '\u200b', '\ufeff':
			return -1
		}
		return r
	}, s)
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
