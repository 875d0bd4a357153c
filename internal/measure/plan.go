// Package measure computes the figures the papers report, as pure functions
// of the records: plan progress and movement, caseloads, workforce rates and
// KPIs. Every paper reads the same Results, so their numbers always agree.
package measure

import (
	"math"
	"sort"
	"strings"
	"time"

	"github.com/boardpack/boardpack/internal/record"
)

// RAGCounts counts actions by rating, indexed by record.RAG.
type RAGCounts [5]int

// Total is the sum of the counts.
func (c RAGCounts) Total() int {
	n := 0
	for _, v := range c {
		n += v
	}
	return n
}

// Plan is the state of the improvement plan in one period.
type Plan struct {
	Month          record.Month
	Actions        []record.Action // in tracker order
	Total          int
	Complete       int
	PctComplete    int // whole percent, rounded half up
	ByRAG          RAGCounts
	Areas          []Area
	Overdue        []record.Action // by due date, then ref
	DueNextMonth   []record.Action
	Matrix         [5][5]int // [progress][impact]
	Contradictions []Contradiction
	Confidential   int
	Excluded       int       // tracker rows excluded for errors, not counted in Total
	AsAt           time.Time // the tracker's own "data as at" date; zero if it gives none
}

// Area is the plan's progress in one priority area.
type Area struct {
	Name     string
	Total    int
	Complete int
	Overdue  int
	ByRAG    RAGCounts
}

// Contradiction is an action whose RAG and status disagree, a data-quality
// warning for the tracker's owner.
type Contradiction struct {
	Action record.Action
	Reason string
}

// Percent returns part/whole as a whole percentage, rounded half up; 0 when
// whole is 0.
func Percent(part, whole int) int {
	if whole == 0 {
		return 0
	}
	return int(math.Floor(float64(part)*100/float64(whole) + 0.5))
}

// PlanOf computes the plan measures for period p: overdue means due (or
// revised due) before the end of the period and not complete.
func PlanOf(p record.Period) Plan {
	end := p.Month.End()
	nextEnd := p.Month.Add(1).End()
	pl := Plan{Month: p.Month, Actions: p.Actions, Total: len(p.Actions), Excluded: p.Excluded, AsAt: p.AsAt}
	areaIdx := map[string]int{}
	for _, a := range p.Actions {
		i, ok := areaIdx[a.Area]
		if !ok {
			i = len(pl.Areas)
			areaIdx[a.Area] = i
			pl.Areas = append(pl.Areas, Area{Name: a.Area})
		}
		ar := &pl.Areas[i]
		ar.Total++
		rag := EffectiveRAG(a)
		pl.ByRAG[rag]++
		ar.ByRAG[rag]++
		pl.Matrix[rag][a.Impact]++
		if a.Confidential {
			pl.Confidential++
		}
		if a.IsComplete() {
			pl.Complete++
			ar.Complete++
		} else if a.Status != record.Superseded {
			due := a.DueBy()
			switch {
			case !due.IsZero() && due.Before(end):
				pl.Overdue = append(pl.Overdue, a)
				ar.Overdue++
			case !due.IsZero() && !due.After(nextEnd):
				// Due on the period's last day or during the next month.
				pl.DueNextMonth = append(pl.DueNextMonth, a)
			}
		}
		if why := contradiction(a); why != "" {
			pl.Contradictions = append(pl.Contradictions, Contradiction{Action: a, Reason: why})
		}
	}
	pl.PctComplete = Percent(pl.Complete, pl.Total)
	byDue := func(s []record.Action) {
		sort.SliceStable(s, func(i, j int) bool {
			di, dj := s[i].DueBy(), s[j].DueBy()
			if !di.Equal(dj) {
				return di.Before(dj)
			}
			return s[i].Ref < s[j].Ref
		})
	}
	byDue(pl.Overdue)
	byDue(pl.DueNextMonth)
	return pl
}

// EffectiveRAG is the rating an action is counted and printed under: Blue
// when its status says complete, whatever the RAG column says (the
// disagreement is listed as a data-quality warning).
func EffectiveRAG(a record.Action) record.RAG {
	if a.Status == record.Complete {
		return record.Blue
	}
	return a.Progress
}

func contradiction(a record.Action) string {
	switch {
	case a.Progress == record.Blue && a.Status != record.Complete && a.Status != record.NoStatus:
		return "rated Blue (complete) but status is " + strings.ToLower(a.Status.String())
	case a.Status == record.Complete && a.Progress != record.Blue && a.Progress != record.NotRated:
		return "status is Complete but rated " + a.Progress.String()
	case (a.Status == record.Delayed || a.Status == record.OnHold) && a.Progress == record.Green:
		return "rated Green (on track) but status is " + strings.ToLower(a.Status.String())
	}
	return ""
}

// Change is one action's rating now and in the previous period.
type Change struct {
	Action record.Action
	From   record.RAG
	To     record.RAG
}

// Movement is how the plan changed since the previous period, matched by Ref.
type Movement struct {
	Has           bool // false when there is no previous period
	Previous      record.Month
	Improved      []Change // a better rating, newly complete included
	Worsened      []Change
	NewlyComplete []Change
	New           []record.Action
	Removed       []record.Action
	// Excluded are actions of the previous period whose rows this period
	// were excluded for errors: not removed from the tracker, and not
	// compared.
	Excluded []record.Action
}

// MovementOf compares two periods' trackers by action Ref (case-insensitive).
// A public action whose ref was a confidential action's in prev counts as
// new, not as a move: its "from" rating would be the confidential one's,
// which an Open paper must not show.
func MovementOf(prev, cur record.Period) Movement {
	mv := Movement{Has: true, Previous: prev.Month}
	before := map[string]record.Action{}
	for _, a := range prev.Actions {
		before[strings.ToUpper(a.Ref)] = a
	}
	seen := map[string]bool{}
	for _, a := range cur.Actions {
		key := strings.ToUpper(a.Ref)
		seen[key] = true
		b, ok := before[key]
		if !ok || b.Confidential && !a.Confidential {
			mv.New = append(mv.New, a)
			continue
		}
		from, to := EffectiveRAG(b), EffectiveRAG(a)
		c := Change{Action: a, From: from, To: to}
		if a.IsComplete() && !b.IsComplete() {
			mv.NewlyComplete = append(mv.NewlyComplete, c)
			mv.Improved = append(mv.Improved, c)
			continue
		}
		if from == record.NotRated || to == record.NotRated {
			continue
		}
		switch {
		case to > from:
			mv.Improved = append(mv.Improved, c)
		case to < from:
			mv.Worsened = append(mv.Worsened, c)
		}
	}
	excluded := map[string]bool{}
	for _, ref := range cur.ExcludedRefs {
		excluded[strings.ToUpper(ref)] = true
	}
	for _, b := range prev.Actions {
		key := strings.ToUpper(b.Ref)
		switch {
		case seen[key]:
		case excluded[key]:
			mv.Excluded = append(mv.Excluded, b)
		default:
			mv.Removed = append(mv.Removed, b)
		}
	}
	return mv
}

// RAGMonth is the plan's RAG counts in one period, for the trend.
type RAGMonth struct {
	Month       record.Month
	ByRAG       RAGCounts
	Total       int
	PctComplete int
}

// Trend returns the RAG counts of every period, oldest first.
func Trend(periods []record.Period) []RAGMonth {
	out := make([]RAGMonth, 0, len(periods))
	for _, p := range periods {
		pl := PlanOf(p)
		out = append(out, RAGMonth{Month: p.Month, ByRAG: pl.ByRAG, Total: pl.Total, PctComplete: pl.PctComplete})
	}
	return out
}
