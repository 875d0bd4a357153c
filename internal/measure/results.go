package measure

import (
	"fmt"
	"reflect"
	"time"

	"github.com/boardpack/boardpack/internal/record"
)

// Settings are the targets the measures are judged against, and the month
// changes are measured from.
type Settings struct {
	CaseloadTarget float64
	KPITolerance   float64 // percent of target within which a miss is Amber
	// Since is the month "since the last meeting" compares with: the
	// period reported at the body's previous meeting. Zero means the
	// previous month with a tracker (and, for the metrics, the month
	// before their latest).
	Since record.Month
}

// Results are every figure the papers use, for one period.
type Results struct {
	Month       record.Month
	Plan        Plan
	Previous    *Plan // the plan of the period compared with, nil if none
	Movement    Movement
	Trend       []RAGMonth
	Caseload    Caseload
	PrevAverage record.Num   // overall average caseload in the month compared with
	PrevMonth   record.Month // that month
	Workforce   []Rates      // oldest first, up to the period
	PrevRates   Rates        // the rates in the month compared with; zero Month if none
	Recruitment []record.Recruitment
	KPIs        []KPI
	Notices     []string // figures older than the period, and similar cautions
	// Stale says why the tracker may not have been updated for the
	// period: its own "data as at" date or every "last updated" date is
	// older, or it is identical to the previous month's.
	Stale []string
}

// LatestRates returns the newest workforce rates and those of the month
// compared with, ok false when there are none.
func (r Results) LatestRates() (latest, prev Rates, ok bool) {
	n := len(r.Workforce)
	if n == 0 {
		return Rates{}, Rates{}, false
	}
	return r.Workforce[n-1], r.PrevRates, true
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
	r.Caseload = CaseloadOf(d.Caseloads, d.Workers, m, s.CaseloadTarget)
	r.Workforce = WorkforceSeries(d.Workforce, m)
	r.compare(periods, s.Since)
	for _, rc := range d.Recruitment {
		if !m.Before(rc.Month) && m.Add(-12).Before(rc.Month) {
			r.Recruitment = append(r.Recruitment, rc)
		}
	}
	r.KPIs = KPIsOf(d.KPIs, m, s.KPITolerance)
	var prevPeriod *record.Period
	if idx > 0 {
		prevPeriod = &periods[idx-1]
	}
	r.Stale = Staleness(periods[idx], prevPeriod)
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

// laterExport is how many days after its month a tracker's "data as at"
// date may fall (a June tracker exported on 3 July) before it looks like a
// later month's tracker in the wrong folder.
const laterExport = 14

// Staleness says why the tracker of period p may not have been updated
// for it: its own "data as at" date is before the month (or after it: a
// later month's tracker in the wrong folder), every action's
// "last updated" date is, or it holds exactly what the previous month's
// tracker held (a copy not yet updated). prev may be nil.
func Staleness(p record.Period, prev *record.Period) []string {
	var out []string
	start := p.Month.Start()
	if !p.AsAt.IsZero() && p.AsAt.Before(start) {
		out = append(out, fmt.Sprintf("The %s tracker says its data is as at %s, before the reporting month.", p.Month.Long(), p.AsAt.Format("2 January 2006")))
	}
	if !p.AsAt.IsZero() && p.AsAt.After(p.Month.End().AddDate(0, 0, laterExport)) {
		out = append(out, fmt.Sprintf("The %s tracker says its data is as at %s, after the reporting month: it may be in the wrong month's folder.", p.Month.Long(), p.AsAt.Format("2 January 2006")))
	}
	var latest time.Time
	dated := 0
	for _, a := range p.Actions {
		if !a.LastUpdated.IsZero() {
			dated++
			if a.LastUpdated.After(latest) {
				latest = a.LastUpdated
			}
		}
	}
	if dated > 0 && latest.Before(start) {
		out = append(out, fmt.Sprintf("Every action in the %s tracker was last updated before %s (the latest on %s).", p.Month.Long(), p.Month.Long(), latest.Format("2 January 2006")))
	}
	if prev != nil && len(p.Actions) > 0 && sameActions(p.Actions, prev.Actions) {
		out = append(out, fmt.Sprintf("The %s tracker is identical to %s's: it may be a copy not yet updated.", p.Month.Long(), prev.Month.Long()))
	}
	return out
}

// sameActions reports whether two trackers hold the same actions with the
// same ratings, dates and words, wherever they sit in the workbook.
func sameActions(a, b []record.Action) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		x.Loc, y.Loc = record.Loc{}, record.Loc{}
		if !reflect.DeepEqual(x, y) {
			return false
		}
	}
	return true
}

// Since returns r with every change measured since month since (the
// period reported at a body's previous meeting) instead: the previous
// plan, the movement, and the caseload and workforce figures compared
// with. The rest, the costly part, is shared. d must be the data r was
// computed from.
func (r Results) Since(d record.Data, since record.Month) Results {
	idx := -1
	for i, p := range d.Periods {
		if p.Month == r.Month {
			idx = i
		}
	}
	if idx < 0 {
		return r
	}
	r.Previous, r.Movement, r.PrevAverage, r.PrevMonth, r.PrevRates = nil, Movement{}, record.Num{}, record.Month{}, Rates{}
	r.compare(d.Periods[:idx+1], since)
	return r
}

// compare sets what r compares with: the plan of the period since (or
// the nearest earlier one with a tracker), or of the previous period when
// since is zero; and the caseload average and workforce rates of that
// month (or of the month before their latest).
func (r *Results) compare(periods []record.Period, since record.Month) {
	idx := len(periods) - 1
	base := idx - 1
	if !since.IsZero() {
		base = -1
		for i := idx - 1; i >= 0; i-- {
			if !since.Before(periods[i].Month) {
				base = i
				break
			}
		}
	}
	if base >= 0 {
		prev := PlanOf(periods[base])
		r.Previous = &prev
		r.Movement = MovementOf(periods[base], periods[idx])
	}
	r.PrevMonth = r.Caseload.Month.Add(-1)
	if !since.IsZero() {
		r.PrevMonth = since
	}
	for _, mv := range r.Caseload.Series {
		if mv.Month == r.PrevMonth && r.PrevMonth.Before(r.Caseload.Month) {
			r.PrevAverage = mv.Value
		}
	}
	if n := len(r.Workforce); n > 0 {
		cmp := r.Workforce[n-1].Month.Add(-1)
		if !since.IsZero() {
			cmp = since
		}
		for _, w := range r.Workforce[:n-1] {
			if w.Month == cmp {
				r.PrevRates = w
			}
		}
	}
}
