package measure

import (
	"fmt"
	"math"
	"sort"

	"github.com/boardpack/boardpack/internal/record"
)

// Round1 rounds x to one decimal place, half away from zero, as the DfE
// publishes workforce rates.
func Round1(x float64) float64 { return math.Round(x*10) / 10 }

// ratio returns 100*num/den rounded to one decimal place, missing when an
// input is missing or den is 0.
func ratio(num, den record.Num) record.Num {
	if !num.Valid || !den.Valid || den.Value == 0 {
		return record.Num{}
	}
	return record.N(Round1(100 * num.Value / den.Value))
}

func add(a, b record.Num) record.Num {
	if !a.Valid || !b.Valid {
		return record.Num{}
	}
	return record.N(a.Value + b.Value)
}

// TeamLoad is one team's average caseload in a month.
type TeamLoad struct {
	Team    string
	FTE     record.Num
	Cases   record.Num
	Average record.Num // cases per case-holding FTE, one decimal place
	Target  float64
}

// Over reports whether the team's average is above its target.
func (t TeamLoad) Over() bool { return t.Average.Valid && t.Target > 0 && t.Average.Value > t.Target }

// MonthValue is one month's value of a series.
type MonthValue struct {
	Month record.Month
	Value record.Num
}

// Caseload is the caseload picture in the period.
type Caseload struct {
	Month   record.Month // the latest month with data, at or before the period
	Target  float64
	Teams   []TeamLoad // in the order the export lists them
	Overall TeamLoad
	Series  []MonthValue // overall average per month, oldest first
	Workers Workers
}

// Workers summarises caseloads per worker from a case-level export.
type Workers struct {
	Month       record.Month
	Count       int
	AboveTarget int
	PctAbove    int
	Median      float64
	Max         int
	Buckets     []Bucket
}

// Bucket is one bar of the caseload distribution: workers holding Low..High
// children (High < 0 means "and above").
type Bucket struct {
	Low, High int
	Workers   int
}

// Label is "0-5", "26+".
func (b Bucket) Label() string {
	if b.High < 0 {
		return fmt.Sprintf("%d+", b.Low)
	}
	return fmt.Sprintf("%d-%d", b.Low, b.High)
}

// CaseloadOf computes average caseloads (cases / case-holding FTE) by team
// and overall for the latest month at or before m, and the overall series.
// target is the service target; a team's own target in the export wins.
func CaseloadOf(rows []record.TeamCaseload, workers []record.WorkerLoad, m record.Month, target float64) Caseload {
	c := Caseload{Target: target}
	type tot struct{ fte, cases record.Num }
	byMonth := map[record.Month]*tot{}
	var months []record.Month
	for _, r := range rows {
		if m.Before(r.Month) {
			continue
		}
		t, ok := byMonth[r.Month]
		if !ok {
			t = &tot{fte: record.N(0), cases: record.N(0)}
			byMonth[r.Month] = t
			months = append(months, r.Month)
		}
		t.fte, t.cases = add(t.fte, r.FTE), add(t.cases, r.Cases)
		if c.Month.Before(r.Month) {
			c.Month = r.Month
		}
	}
	sort.Slice(months, func(i, j int) bool { return months[i].Before(months[j]) })
	for _, mo := range months {
		t := byMonth[mo]
		c.Series = append(c.Series, MonthValue{Month: mo, Value: average(t.cases, t.fte)})
	}
	for _, r := range rows {
		if r.Month != c.Month {
			continue
		}
		tl := TeamLoad{Team: r.Team, FTE: r.FTE, Cases: r.Cases, Average: average(r.Cases, r.FTE), Target: target}
		if r.Target.Valid && r.Target.Value > 0 {
			tl.Target = r.Target.Value
		}
		c.Teams = append(c.Teams, tl)
	}
	if t, ok := byMonth[c.Month]; ok {
		c.Overall = TeamLoad{Team: "All teams", FTE: t.fte, Cases: t.cases, Average: average(t.cases, t.fte), Target: target}
	}
	c.Workers = workersOf(workers, target)
	return c
}

func average(cases, fte record.Num) record.Num {
	if !cases.Valid || !fte.Valid || fte.Value == 0 {
		return record.Num{}
	}
	return record.N(Round1(cases.Value / fte.Value))
}

func workersOf(ws []record.WorkerLoad, target float64) Workers {
	w := Workers{Count: len(ws)}
	if len(ws) == 0 {
		return w
	}
	w.Month = ws[0].Month
	// A part-time worker's caseload is per FTE, as team averages are:
	// 10 children on 0.5 FTE is a caseload of 20.
	loads := make([]int, len(ws))
	for i, x := range ws {
		load := float64(x.Cases)
		if x.FTE.Valid && x.FTE.Value > 0 && x.FTE.Value < 1 {
			load /= x.FTE.Value
		}
		// One rule for the count and the chart: a worker is above the
		// target when their caseload, in whole children per FTE as the
		// distribution shows it, is.
		loads[i] = int(math.Round(load))
		if target > 0 && float64(loads[i]) > target {
			w.AboveTarget++
		}
		w.Max = max(w.Max, loads[i])
	}
	sort.Ints(loads)
	if n := len(loads); n%2 == 1 {
		w.Median = float64(loads[n/2])
	} else {
		w.Median = float64(loads[n/2-1]+loads[n/2]) / 2
	}
	w.PctAbove = Percent(w.AboveTarget, w.Count)
	w.Buckets = buckets(loads, target)
	return w
}

// buckets groups caseloads in fives, with a boundary just above the target
// (for 18: ..., 14-18, 19-23, ...) so "above target" is whole buckets. The
// last bucket is open ("29+") and holds at least the largest caseload; with
// no target the buckets are 0-4, 5-9, ...
func buckets(loads []int, target float64) []Bucket {
	start := 0
	if t := int(math.Floor(target)); t > 0 {
		start = (t + 1) % 5
	}
	maxLoad := 0
	for _, l := range loads {
		maxLoad = max(maxLoad, l)
	}
	var out []Bucket
	if start > 0 {
		out = append(out, Bucket{Low: 0, High: start - 1})
	}
	for low := start; ; low += 5 {
		b := Bucket{Low: low, High: low + 4}
		if b.High >= maxLoad && low > int(target) || low > 200 {
			b.High = -1
		}
		out = append(out, b)
		if b.High < 0 {
			break
		}
	}
	for i := range out {
		for _, l := range loads {
			if l >= out[i].Low && (out[i].High < 0 || l <= out[i].High) {
				out[i].Workers++
			}
		}
	}
	return out
}

// FirstAbove is the index of the first bucket wholly above target, or
// len(buckets) when none is.
func FirstAbove(bs []Bucket, target float64) int {
	for i, b := range bs {
		if float64(b.Low) > target {
			return i
		}
	}
	return len(bs)
}

// Rates are the DfE children's social work workforce measures for one month,
// as percentages to one decimal place:
//
//	agency rate   = agency FTE / (agency FTE + in-post FTE)
//	vacancy rate  = vacancies FTE / (vacancies FTE + in-post FTE)
//	turnover rate = leavers FTE in the last 12 months / in-post FTE at the month's end
//	agency cover  = agency FTE covering vacancies / vacancies FTE
type Rates struct {
	Month       record.Month
	InPost      record.Num
	Agency      record.Num
	Vacancies   record.Num
	Starters    record.Num
	Leavers     record.Num
	AgencyRate  record.Num
	VacancyRate record.Num
	Turnover    record.Num
	AgencyCover record.Num
}

// AgencyRate is the DfE agency rate in percent, one decimal place.
func AgencyRate(agency, inPost record.Num) record.Num { return ratio(agency, add(agency, inPost)) }

// VacancyRate is the DfE vacancy rate in percent, one decimal place.
func VacancyRate(vacancies, inPost record.Num) record.Num {
	return ratio(vacancies, add(vacancies, inPost))
}

// WorkforceSeries computes the rates for every month at or before m, oldest
// first. Rows for teams are summed into the service total for their month.
// Turnover needs twelve months of leavers; before that it is missing.
func WorkforceSeries(rows []record.Workforce, m record.Month) []Rates {
	byMonth := map[record.Month]*Rates{}
	var months []record.Month
	for _, r := range rows {
		if m.Before(r.Month) {
			continue
		}
		x, ok := byMonth[r.Month]
		if !ok {
			x = &Rates{Month: r.Month, InPost: record.N(0), Agency: record.N(0), Vacancies: record.N(0),
				Starters: record.N(0), Leavers: record.N(0), AgencyCover: record.N(0)}
			byMonth[r.Month] = x
			months = append(months, r.Month)
		}
		x.InPost, x.Agency, x.Vacancies = add(x.InPost, r.InPost), add(x.Agency, r.Agency), add(x.Vacancies, r.Vacancies)
		x.Starters, x.Leavers = add(x.Starters, r.Starters), add(x.Leavers, r.Leavers)
		x.AgencyCover = add(x.AgencyCover, r.AgencyCover)
	}
	sort.Slice(months, func(i, j int) bool { return months[i].Before(months[j]) })
	out := make([]Rates, 0, len(months))
	for _, mo := range months {
		x := *byMonth[mo]
		cover := x.AgencyCover
		x.AgencyRate = AgencyRate(x.Agency, x.InPost)
		x.VacancyRate = VacancyRate(x.Vacancies, x.InPost)
		x.AgencyCover = ratio(cover, x.Vacancies)
		leavers := record.N(0)
		for k := 0; k < 12; k++ {
			r, ok := byMonth[mo.Add(-k)]
			if !ok {
				leavers = record.Num{}
				break
			}
			leavers = add(leavers, r.Leavers)
		}
		x.Turnover = ratio(leavers, x.InPost)
		out = append(out, x)
	}
	return out
}

// Direction is a KPI's direction of travel, judged by its polarity.
type Direction int

// Directions.
const (
	NoDirection Direction = iota
	Improving
	Worsening
	Unchanged
)

// String is the direction as papers print it.
func (d Direction) String() string {
	switch d {
	case Improving:
		return "Improving"
	case Worsening:
		return "Worsening"
	case Unchanged:
		return "No change"
	}
	return "Not known"
}

// KPI is one indicator's latest position.
type KPI struct {
	Indicator      string
	Unit           string
	Polarity       record.Polarity
	Month          record.Month // month of Latest
	Latest         record.Num
	Previous       record.Num // the month before Month
	Target         record.Num
	England        record.Num
	StatNeighbours record.Num
	Direction      Direction
	RAG            record.RAG
	Series         []MonthValue // up to 12 months, oldest first, missing months kept
}

// KPIsOf computes each indicator's position at or before m, in the order the
// indicators first appear. tolerance is the share of the target (percent)
// within which a missed target is Amber rather than Red.
func KPIsOf(rows []record.KPIValue, m record.Month, tolerance float64) []KPI {
	type key struct {
		ind string
		mo  record.Month
	}
	vals := map[key]record.KPIValue{}
	var order []string
	seen := map[string]bool{}
	latest := map[string]record.Month{}
	earliest := map[string]record.Month{}
	for _, r := range rows {
		if m.Before(r.Month) {
			continue
		}
		if !seen[r.Indicator] {
			seen[r.Indicator] = true
			order = append(order, r.Indicator)
		}
		vals[key{r.Indicator, r.Month}] = r
		if latest[r.Indicator].Before(r.Month) {
			latest[r.Indicator] = r.Month
		}
		if e, ok := earliest[r.Indicator]; !ok || r.Month.Before(e) {
			earliest[r.Indicator] = r.Month
		}
	}
	out := make([]KPI, 0, len(order))
	for _, ind := range order {
		lm := latest[ind]
		cur := vals[key{ind, lm}]
		// Target, polarity, comparators and unit are often given on one
		// row only: use the newest given at or before the latest month.
		for mo := lm; !mo.Before(earliest[ind]); mo = mo.Add(-1) {
			r, ok := vals[key{ind, mo}]
			if !ok {
				continue
			}
			if !cur.Target.Valid && r.Target.Valid {
				cur.Target = r.Target
			}
			if cur.Polarity == record.NoPolarity {
				cur.Polarity = r.Polarity
			}
			if !cur.England.Valid && r.England.Valid {
				cur.England = r.England
			}
			if !cur.StatNeighbours.Valid && r.StatNeighbours.Valid {
				cur.StatNeighbours = r.StatNeighbours
			}
			if cur.Unit == "" {
				cur.Unit = r.Unit
			}
		}
		k := KPI{Indicator: ind, Unit: cur.Unit, Polarity: cur.Polarity, Month: lm, Latest: cur.Value,
			Target: cur.Target, England: cur.England, StatNeighbours: cur.StatNeighbours}
		if p, ok := vals[key{ind, lm.Add(-1)}]; ok {
			k.Previous = p.Value
		}
		for i := 11; i >= 0; i-- {
			mo := lm.Add(-i)
			v := record.Num{}
			if r, ok := vals[key{ind, mo}]; ok {
				v = r.Value
			}
			k.Series = append(k.Series, MonthValue{Month: mo, Value: v})
		}
		k.Direction = direction(k.Latest, k.Previous, k.Polarity)
		k.RAG = againstTarget(k.Latest, k.Target, k.Polarity, tolerance)
		out = append(out, k)
	}
	return out
}

func direction(latest, prev record.Num, p record.Polarity) Direction {
	if !latest.Valid || !prev.Valid || p == record.NoPolarity {
		return NoDirection
	}
	d := Round1(latest.Value) - Round1(prev.Value)
	switch {
	case math.Abs(d) < 0.05:
		return Unchanged
	case (d > 0) == (p == record.HigherIsBetter):
		return Improving
	}
	return Worsening
}

// againstTarget rates a value: Green when it meets the target, Amber when it
// misses by no more than tolerance percent of the target, else Red.
func againstTarget(v, target record.Num, p record.Polarity, tolerance float64) record.RAG {
	return AgainstTarget(v, target, p, tolerance)
}

// AgainstTarget rates v against target by polarity: Green when it meets the
// target, Amber when it misses by no more than tolerance percent of the
// target, else Red; NotRated without a value, target or polarity.
func AgainstTarget(v, target record.Num, p record.Polarity, tolerance float64) record.RAG {
	if !v.Valid || !target.Valid || p == record.NoPolarity {
		return record.NotRated
	}
	gap := v.Value - target.Value
	if p == record.LowerIsBetter {
		gap = -gap
	}
	switch {
	case gap >= 0:
		return record.Green
	case -gap <= math.Abs(target.Value)*tolerance/100:
		return record.Amber
	}
	return record.Red
}
