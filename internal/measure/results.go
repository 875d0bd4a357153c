package measure

import (
	"fmt"

	"github.com/boardpack/boardpack/internal/record"
)

// Settings are the targets the measures are judged against.
type Settings struct {
	CaseloadTarget float64
	KPITolerance   float64 // percent of target within which a miss is Amber
}

// Results are every figure the papers use, for one period.
type Results struct {
	Month       record.Month
	Plan        Plan
	Previous    *Plan // the previous period's plan, nil if none
	Movement    Movement
	Trend       []RAGMonth
	Caseload    Caseload
	PrevAverage record.Num // overall average caseload in the month before Caseload.Month
	Workforce   []Rates    // oldest first, up to the period
	Recruitment []record.Recruitment
	KPIs        []KPI
	Notices     []string // figures older than the period, and similar cautions
}

// LatestRates returns the newest workforce rates and the month before's,
// ok false when there are none.
func (r Results) LatestRates() (latest, prev Rates, ok bool) {
	n := len(r.Workforce)
	if n == 0 {
		return Rates{}, Rates{}, false
	}
	latest = r.Workforce[n-1]
	if n > 1 {
		prev = r.Workforce[n-2]
	}
	return latest, prev, true
}

// Compute works out every measure for period m from the records.
func Compute(d record.Data, m record.Month, s Settings) (Results, error) {
	idx := -1
	for i, p := range d.Periods {
		if p.Month == m {
			idx = i
		}
	}
	if idx < 0 {
		return Results{}, fmt.Errorf("no improvement-plan tracker for %s", m.Long())
	}
	periods := d.Periods[:idx+1]
	r := Results{Month: m, Plan: PlanOf(periods[idx]), Trend: Trend(periods)}
	if idx > 0 {
		prev := PlanOf(periods[idx-1])
		r.Previous = &prev
		r.Movement = MovementOf(periods[idx-1], periods[idx])
	}
	r.Caseload = CaseloadOf(d.Caseloads, d.Workers, m, s.CaseloadTarget)
	for _, mv := range r.Caseload.Series {
		if mv.Month == r.Caseload.Month.Add(-1) {
			r.PrevAverage = mv.Value
		}
	}
	r.Workforce = WorkforceSeries(d.Workforce, m)
	for _, rc := range d.Recruitment {
		if !m.Before(rc.Month) && m.Add(-12).Before(rc.Month) {
			r.Recruitment = append(r.Recruitment, rc)
		}
	}
	r.KPIs = KPIsOf(d.KPIs, m, s.KPITolerance)
	stale := func(what string, at record.Month) {
		if !at.IsZero() && at.Before(m) {
			r.Notices = append(r.Notices, fmt.Sprintf("The newest %s figures are for %s, not %s.", what, at.Long(), m.Long()))
		}
	}
	stale("caseload", r.Caseload.Month)
	if n := len(r.Workforce); n > 0 {
		stale("workforce", r.Workforce[n-1].Month)
	}
	old := 0
	for _, k := range r.KPIs {
		if k.Month.Before(m) {
			old++
		}
	}
	if old > 0 {
		r.Notices = append(r.Notices, fmt.Sprintf("%d of %d KPIs have no value for %s; their latest value is shown.", old, len(r.KPIs), m.Long()))
	}
	return r, nil
}
