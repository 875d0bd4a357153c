// Package calendar works out which meeting a paper is for and what it
// compares with, from a body's meeting dates. A paper is for the body's
// next meeting after its reporting period; "since the last meeting" means
// since the period that was reported at the body's previous meeting,
// whatever the gap between meetings (the Improvement Board meets
// six-weekly, Scrutiny quarterly).
package calendar

import (
	"sort"
	"time"

	"github.com/boardpack/boardpack/internal/record"
)

// Next returns the first date in dates after t (dates sorted or not).
func Next(dates []time.Time, after time.Time) (time.Time, bool) {
	var best time.Time
	for _, d := range dates {
		if d.After(after) && (best.IsZero() || d.Before(best)) {
			best = d
		}
	}
	return best, !best.IsZero()
}

// Previous returns the last date in dates before t.
func Previous(dates []time.Time, before time.Time) (time.Time, bool) {
	var best time.Time
	for _, d := range dates {
		if d.Before(before) && d.After(best) {
			best = d
		}
	}
	return best, !best.IsZero()
}

// After returns the dates after t, in order, at most n of them.
func After(dates []time.Time, t time.Time, n int) []time.Time {
	var out []time.Time
	for _, d := range dates {
		if d.After(t) {
			out = append(out, d)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// Reported is the reporting month of the papers for a meeting on d: the
// latest month that ended before the meeting day.
func Reported(d time.Time) record.Month {
	day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
	m := record.MonthOf(day)
	if !m.End().Equal(day) {
		m = m.Add(-1)
	}
	return m
}

// PublishBy is the last day a paper for a meeting on d may be published:
// five clear days before it, not counting the day of publication or the
// day of the meeting (Local Government Act 1972, s.100B).
func PublishBy(d time.Time) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, -6)
}
