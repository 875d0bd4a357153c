package reports

import (
	"fmt"
	"strings"
	"time"

	"github.com/boardpack/boardpack/internal/measure"
	"github.com/boardpack/boardpack/internal/record"
	"github.com/boardpack/boardpack/internal/vocab"
)

// Filter selects the actions a one-off appendix shows. Terms on the same
// key are alternatives (area=SEND,area=Workforce); different keys must all
// match. The zero Filter selects every action.
type Filter struct {
	words *vocab.Words
	terms map[string][]string
	keys  []string // in the order first given, for the description
}

var filterKeys = map[string]string{
	"area":    "priority area",
	"rag":     "progress RAG",
	"status":  "status",
	"lead":    "lead",
	"overdue": "overdue",
	// confidential selects the actions marked confidential, for the
	// exempt (Part 2) appendix.
	"confidential": "confidential",
}

// ParseFilter reads terms such as "area=Workforce", "rag=red",
// "status=in progress", "lead=Head of Service" and "overdue". words reads
// RAG and status words (nil: the standard words).
func ParseFilter(terms []string, words *vocab.Words) (Filter, error) {
	if words == nil {
		words = vocab.Standard()
	}
	f := Filter{terms: map[string][]string{}, words: words}
	for _, t := range terms {
		for _, part := range strings.Split(t, ";") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			key, val, hasVal := strings.Cut(part, "=")
			key = strings.ToLower(strings.TrimSpace(key))
			val = strings.TrimSpace(val)
			if _, ok := filterKeys[key]; !ok {
				return f, fmt.Errorf("filter %q: unknown key %q (use area, rag, status, lead, overdue or confidential)", part, key)
			}
			switch {
			case (key == "overdue" || key == "confidential") && hasVal:
				return f, fmt.Errorf("filter %q: %s takes no value", part, key)
			case key != "overdue" && key != "confidential" && val == "":
				return f, fmt.Errorf("filter %q: %s needs a value, as in %s=...", part, key, key)
			case key == "rag":
				if _, err := words.RAG(val); err != nil {
					return f, fmt.Errorf("filter %q: %w", part, err)
				}
			case key == "status":
				if _, err := words.Status(val); err != nil {
					return f, fmt.Errorf("filter %q: %w", part, err)
				}
			}
			if _, seen := f.terms[key]; !seen {
				f.keys = append(f.keys, key)
			}
			f.terms[key] = append(f.terms[key], val)
		}
	}
	return f, nil
}

// public reports whether f selects only by what an Open paper shows of a
// confidential action: its area, and that it is confidential.
func (f Filter) public() bool {
	for _, k := range f.keys {
		if k != "area" && k != "confidential" {
			return false
		}
	}
	return true
}

// IsZero reports whether f selects everything.
func (f Filter) IsZero() bool { return len(f.keys) == 0 }

// Match reports whether a, in a period ending at end, is selected.
func (f Filter) Match(a record.Action, end time.Time) bool {
	for _, k := range f.keys {
		ok := false
		for _, v := range f.terms[k] {
			switch k {
			case "area":
				ok = ok || strings.EqualFold(a.Area, v)
			case "lead":
				ok = ok || strings.Contains(strings.ToLower(a.Lead), strings.ToLower(v))
			case "rag":
				r, _ := f.words.RAG(v)
				ok = ok || measure.EffectiveRAG(a) == r
			case "status":
				s, _ := f.words.Status(v)
				ok = ok || a.Status == s
			case "overdue":
				due := a.DueBy()
				ok = ok || (!a.IsComplete() && a.Status != record.Superseded && !due.IsZero() && due.Before(end))
			case "confidential":
				ok = ok || a.Confidential
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// String describes f for the paper: "priority area SEND or Workforce; overdue".
func (f Filter) String() string {
	var parts []string
	for _, k := range f.keys {
		if k == "overdue" || k == "confidential" {
			parts = append(parts, k)
			continue
		}
		parts = append(parts, filterKeys[k]+" "+strings.Join(f.terms[k], " or "))
	}
	return strings.Join(parts, "; ")
}

// Resolve checks f against the plan and returns it with each area in the
// plan's own spelling ("send" becomes "SEND"), so the paper and its file
// name do not depend on how the user typed it. An area the plan does not
// have is an error listing the areas there are: a typing slip would
// otherwise give an empty appendix.
func (f Filter) Resolve(p measure.Plan) (Filter, error) {
	areas := f.terms["area"]
	if len(areas) == 0 {
		return f, nil
	}
	out := Filter{words: f.words, keys: f.keys, terms: map[string][]string{}}
	for k, v := range f.terms {
		out.terms[k] = v
	}
	out.terms["area"] = nil
	for _, v := range areas {
		found := ""
		var names []string
		for _, a := range p.Areas {
			if strings.EqualFold(a.Name, v) {
				found = a.Name
			}
			names = append(names, a.Name)
		}
		if found == "" {
			return f, fmt.Errorf("area %q is not a priority area in the plan (the areas are: %s)", v, strings.Join(names, "; "))
		}
		out.terms["area"] = append(out.terms["area"], found)
	}
	return out, nil
}

// Slug names a filtered appendix's file: "area-send-overdue".
func (f Filter) Slug() string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(f.String()) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimSuffix(b.String(), "-")
	if len(s) > 60 {
		s = strings.TrimSuffix(s[:60], "-")
	}
	return s
}
