package measure

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/boardpack/boardpack/internal/record"
)

var jun23 = record.Month{Year: 2023, Month: time.June}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestAgencyRateReproducesEngland2023(t *testing.T) {
	// DfE, Children's social work workforce 2023: England had 7,173.5 agency
	// FTE and 33,119.1 in-post FTE, an agency rate of 17.8%.
	got := AgencyRate(record.N(7173.5), record.N(33119.1))
	if !got.Valid || got.Value != 17.8 {
		t.Fatalf("agency rate = %+v, want 17.8", got)
	}
}

func TestVacancyRateAndMissingInputs(t *testing.T) {
	if got := VacancyRate(record.N(25), record.N(100)); got.Value != 20 {
		t.Errorf("vacancy rate 25/(25+100) = %v, want 20", got.Value)
	}
	if got := VacancyRate(record.Num{}, record.N(100)); got.Valid {
		t.Errorf("vacancy rate with suppressed vacancies = %+v, want missing (never zero)", got)
	}
	if got := AgencyRate(record.N(0), record.N(0)); got.Valid {
		t.Errorf("agency rate of an empty workforce = %+v, want missing", got)
	}
}

func TestTurnoverNeedsTwelveMonthsOfLeavers(t *testing.T) {
	var rows []record.Workforce
	for i := 0; i < 13; i++ {
		rows = append(rows, record.Workforce{Month: jun23.Add(-12 + i), InPost: record.N(100), Agency: record.N(20),
			Vacancies: record.N(10), Leavers: record.N(1.5), AgencyCover: record.N(5)})
	}
	s := WorkforceSeries(rows, jun23)
	if len(s) != 13 {
		t.Fatalf("%d months, want 13", len(s))
	}
	if s[10].Turnover.Valid {
		t.Errorf("turnover with 11 months of history = %+v, want missing", s[10].Turnover)
	}
	last := s[12]
	// 12 months x 1.5 leavers / 100 in post = 18.0%.
	if !last.Turnover.Valid || last.Turnover.Value != 18 {
		t.Errorf("turnover = %+v, want 18.0", last.Turnover)
	}
	if last.AgencyRate.Value != 16.7 { // 20 / 120
		t.Errorf("agency rate = %v, want 16.7", last.AgencyRate.Value)
	}
	if last.AgencyCover.Value != 50 { // 5 / 10
		t.Errorf("agency cover = %v, want 50", last.AgencyCover.Value)
	}
}

func TestPlanCountsOverdueAndComplete(t *testing.T) {
	p := record.Period{Month: jun23, Actions: []record.Action{
		{Ref: "A1", Area: "Workforce", Progress: record.Blue, Status: record.Complete, Due: day(2023, 3, 31)},
		{Ref: "A2", Area: "Workforce", Progress: record.Red, Status: record.InProgress, Due: day(2023, 5, 31)},                            // overdue
		{Ref: "A3", Area: "SEND", Progress: record.Amber, Status: record.InProgress, Due: day(2023, 5, 31), RevisedDue: day(2023, 9, 30)}, // revised: not overdue
		{Ref: "A4", Area: "SEND", Progress: record.Green, Status: record.InProgress, Due: day(2023, 7, 15)},                               // due next month
		{Ref: "A5", Area: "SEND", Progress: record.Green, Status: record.Complete, Due: day(2023, 1, 31)},                                 // complete by status
		{Ref: "A6", Area: "SEND", Progress: record.Amber, Status: record.InProgress, Due: day(2023, 6, 30)},                               // due on the last day: not overdue
		{Ref: "A7", Area: "SEND", Progress: record.Blue, Status: record.InProgress, Due: day(2023, 6, 1)},                                 // contradiction
	}}
	pl := PlanOf(p)
	if pl.Total != 7 || pl.Complete != 3 || pl.PctComplete != 43 {
		t.Errorf("total %d complete %d (%d%%), want 7, 3 (43%%)", pl.Total, pl.Complete, pl.PctComplete)
	}
	if len(pl.Overdue) != 1 || pl.Overdue[0].Ref != "A2" {
		t.Errorf("overdue = %v, want [A2]", refs(pl.Overdue))
	}
	// A6 is due on the period's last day: not overdue yet, but not dropped.
	if len(pl.DueNextMonth) != 2 || pl.DueNextMonth[0].Ref != "A6" || pl.DueNextMonth[1].Ref != "A4" {
		t.Errorf("due by the end of next month = %v, want [A6 A4]", refs(pl.DueNextMonth))
	}
	if pl.ByRAG[record.Blue] != 3 || pl.ByRAG[record.Red] != 1 || pl.ByRAG[record.Amber] != 2 || pl.ByRAG[record.Green] != 1 {
		t.Errorf("by RAG = %v", pl.ByRAG)
	}
	if len(pl.Areas) != 2 || pl.Areas[0].Name != "Workforce" || pl.Areas[1].Total != 5 {
		t.Errorf("areas = %+v", pl.Areas)
	}
	if len(pl.Contradictions) != 2 { // A5 complete but Green; A7 Blue but in progress
		t.Errorf("contradictions = %+v, want 2", pl.Contradictions)
	}
}

func refs(as []record.Action) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Ref)
	}
	return out
}

func TestMovementByRef(t *testing.T) {
	prev := record.Period{Month: jun23.Add(-1), Actions: []record.Action{
		{Ref: "A1", Progress: record.Amber}, {Ref: "A2", Progress: record.Green},
		{Ref: "A3", Progress: record.Green}, {Ref: "gone", Progress: record.Red},
	}}
	cur := record.Period{Month: jun23, Actions: []record.Action{
		{Ref: "a1", Progress: record.Green}, {Ref: "A2", Progress: record.Amber},
		{Ref: "A3", Progress: record.Blue, Status: record.Complete}, {Ref: "new", Progress: record.Green},
	}}
	mv := MovementOf(prev, cur)
	if len(mv.Improved) != 2 || len(mv.Worsened) != 1 || len(mv.NewlyComplete) != 1 || len(mv.New) != 1 || len(mv.Removed) != 1 {
		t.Errorf("improved %d worsened %d newly complete %d new %d removed %d, want 2 1 1 1 1",
			len(mv.Improved), len(mv.Worsened), len(mv.NewlyComplete), len(mv.New), len(mv.Removed))
	}
}

// TestMovementNeverComparesWithAConfidentialAction: a public action under
// a ref that was confidential last month is new, so no paper gives the
// confidential action's rating as where it moved from.
func TestMovementNeverComparesWithAConfidentialAction(t *testing.T) {
	prev := record.Period{Month: jun23.Add(-1), Actions: []record.Action{
		{Ref: "X1", Progress: record.Red, Confidential: true}, {Ref: "X2", Progress: record.Red, Confidential: true},
	}}
	cur := record.Period{Month: jun23, Actions: []record.Action{
		{Ref: "X1", Progress: record.Green}, {Ref: "X2", Progress: record.Green, Confidential: true},
	}}
	mv := MovementOf(prev, cur)
	if len(mv.Improved) != 1 || mv.Improved[0].Action.Ref != "X2" {
		t.Errorf("improved = %+v, want only X2 (confidential then and now)", mv.Improved)
	}
	if len(mv.New) != 1 || mv.New[0].Ref != "X1" || len(mv.Removed) != 0 {
		t.Errorf("new = %+v, removed = %+v; want X1 new and nothing removed", mv.New, mv.Removed)
	}
}

func TestCaseloadAverages(t *testing.T) {
	rows := []record.TeamCaseload{
		{Month: jun23, Team: "East", FTE: record.N(10), Cases: record.N(205)},
		{Month: jun23, Team: "West", FTE: record.N(5), Cases: record.N(80), Target: record.N(15)},
		{Month: jun23.Add(-1), Team: "East", FTE: record.N(10), Cases: record.N(220)},
		{Month: jun23.Add(1), Team: "East", FTE: record.N(10), Cases: record.N(999)}, // after the period
	}
	c := CaseloadOf(rows, nil, jun23, 18)
	if c.Month != jun23 || len(c.Teams) != 2 {
		t.Fatalf("month %v teams %d", c.Month, len(c.Teams))
	}
	if c.Teams[0].Average.Value != 20.5 || !c.Teams[0].Over() {
		t.Errorf("East = %+v, want 20.5 over target 18", c.Teams[0])
	}
	if c.Teams[1].Target != 15 || c.Teams[1].Average.Value != 16 || !c.Teams[1].Over() {
		t.Errorf("West = %+v, want its own target 15 and 16.0 over it", c.Teams[1])
	}
	if c.Overall.Average.Value != 19 { // 285 / 15
		t.Errorf("overall = %v, want 19.0", c.Overall.Average.Value)
	}
	if len(c.Series) != 2 || c.Series[0].Value.Value != 22 {
		t.Errorf("series = %+v", c.Series)
	}
}

func TestKPIDirectionAndRAG(t *testing.T) {
	rows := []record.KPIValue{
		{Indicator: "Re-referrals", Month: jun23.Add(-1), Value: record.N(24), Target: record.N(22), Polarity: record.LowerIsBetter},
		{Indicator: "Re-referrals", Month: jun23, Value: record.N(22.9), Target: record.N(22), Polarity: record.LowerIsBetter},
		{Indicator: "Visits", Month: jun23.Add(-1), Value: record.N(90), Target: record.N(95), Polarity: record.HigherIsBetter},
		{Indicator: "Visits", Month: jun23, Value: record.N(80), Target: record.N(95), Polarity: record.HigherIsBetter},
		{Indicator: "Suppressed", Month: jun23, Value: record.Num{}, Target: record.N(50), Polarity: record.HigherIsBetter},
	}
	k := KPIsOf(rows, jun23, 5)
	if k[0].Direction != Improving || k[0].RAG != record.Amber { // 22.9 is within 5% of 22
		t.Errorf("re-referrals: %v %v, want Improving Amber", k[0].Direction, k[0].RAG)
	}
	if k[1].Direction != Worsening || k[1].RAG != record.Red {
		t.Errorf("visits: %v %v, want Worsening Red", k[1].Direction, k[1].RAG)
	}
	if k[2].RAG != record.NotRated || k[2].Direction != NoDirection {
		t.Errorf("suppressed: %v %v, want not rated, no direction", k[2].RAG, k[2].Direction)
	}
	if len(k[0].Series) != 12 || k[0].Series[11].Value.Value != 22.9 || k[0].Series[0].Value.Valid {
		t.Errorf("series = %+v", k[0].Series)
	}
}

func TestCaseloadBucketsBreakAtTheTarget(t *testing.T) {
	loads := []int{2, 9, 14, 18, 19, 23, 24, 31}
	bs := buckets(loads, 18)
	var labels []string
	total := 0
	for _, b := range bs {
		labels = append(labels, b.Label())
		total += b.Workers
	}
	if got := strings.Join(labels, " "); got != "0-3 4-8 9-13 14-18 19-23 24-28 29+" {
		t.Errorf("buckets = %s", got)
	}
	if total != len(loads) {
		t.Errorf("buckets hold %d workers, want %d", total, len(loads))
	}
	if i := FirstAbove(bs, 18); bs[i].Label() != "19-23" || bs[i].Workers != 2 {
		t.Errorf("first bucket above target = %+v", bs[i])
	}
}

func TestKPITargetAndPolarityCarryForward(t *testing.T) {
	rows := []record.KPIValue{
		{Indicator: "Visits", Month: jun23.Add(-2), Value: record.N(80), Target: record.N(90), Polarity: record.HigherIsBetter, Unit: "%"},
		{Indicator: "Visits", Month: jun23.Add(-1), Value: record.N(85)},
		{Indicator: "Visits", Month: jun23, Value: record.N(88)},
	}
	k := KPIsOf(rows, jun23, 5)[0]
	if k.Target.Value != 90 || k.Polarity != record.HigherIsBetter || k.Unit != "%" || k.Direction != Improving || k.RAG != record.Amber {
		t.Errorf("KPI = %+v, want target 90 and polarity carried from April, improving, Amber", k)
	}
}

func TestPartTimeWorkersCaseloadIsPerFTE(t *testing.T) {
	ws := []record.WorkerLoad{{Cases: 10, FTE: record.N(0.5)}, {Cases: 15, FTE: record.N(1)}, {Cases: 19}}
	w := workersOf(ws, 18)
	if w.AboveTarget != 2 || w.Max != 20 { // 10 on 0.5 FTE is 20 per FTE
		t.Errorf("workers = %+v, want 2 above target, largest 20", w)
	}
}

// TestWorkersAboveTargetMatchTheDistribution: the count of workers above
// the target is the sum of the distribution's bars above it, whatever the
// caseloads and working hours (one rule for the sentence and the chart).
func TestWorkersAboveTargetMatchTheDistribution(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		var ws []record.WorkerLoad
		for range 1 + r.IntN(80) {
			w := record.WorkerLoad{Cases: r.IntN(35)}
			if r.IntN(4) == 0 {
				w.FTE = record.N([]float64{0.5, 0.6, 0.8, 0.9}[r.IntN(4)])
			}
			ws = append(ws, w)
		}
		target := []float64{16, 18, 18.5, 20}[trial%4]
		w := workersOf(ws, target)
		above := 0
		for _, b := range w.Buckets[FirstAbove(w.Buckets, target):] {
			above += b.Workers
		}
		if above != w.AboveTarget {
			t.Fatalf("trial %d, target %v: %d workers above the target, but the bars above it hold %d", trial, target, w.AboveTarget, above)
		}
	}
}

// TestSinceIsComputeWithSince: changing the comparison month of computed
// results gives exactly what computing with it does.
func TestSinceIsComputeWithSince(t *testing.T) {
	d := sampleRecords(t)
	m := d.Periods[len(d.Periods)-1].Month
	base, err := Compute(d, m, Settings{CaseloadTarget: 18, KPITolerance: 5})
	if err != nil {
		t.Fatal(err)
	}
	for _, since := range []record.Month{{}, m.Add(-1), m.Add(-2), m.Add(-3), m.Add(-12)} {
		want, err := Compute(d, m, Settings{CaseloadTarget: 18, KPITolerance: 5, Since: since})
		if err != nil {
			t.Fatal(err)
		}
		if got := base.Since(d, since); !reflect.DeepEqual(got, want) {
			t.Errorf("Since(%v) differs from Compute with Since %v", since, since)
		}
	}
}

// sampleRecords are six months of a 40-action plan with ratings that move,
// and a year of caseload and workforce figures.
func sampleRecords(t *testing.T) record.Data {
	t.Helper()
	r := rand.New(rand.NewPCG(3, 4))
	var d record.Data
	for i := range 6 {
		m := jun23.Add(i - 5)
		p := record.Period{Month: m}
		for a := range 40 {
			if a%9 == i { // a few actions come and go
				continue
			}
			p.Actions = append(p.Actions, record.Action{Ref: "A-" + string(rune('A'+a/26)) + string(rune('a'+a%26)), Area: []string{"One", "Two"}[a%2],
				Progress: record.RAG(1 + r.IntN(4)), Impact: record.RAG(r.IntN(5)), Due: m.End().AddDate(0, r.IntN(5)-2, 0)})
		}
		d.Periods = append(d.Periods, p)
	}
	for i := range 12 {
		m := jun23.Add(i - 11)
		d.Caseloads = append(d.Caseloads, record.TeamCaseload{Month: m, Team: "T", FTE: record.N(10), Cases: record.N(float64(150 + r.IntN(60)))})
		d.Workforce = append(d.Workforce, record.Workforce{Month: m, InPost: record.N(float64(80 + r.IntN(10))), Agency: record.N(float64(15 + r.IntN(8))),
			Vacancies: record.N(float64(10 + r.IntN(5))), Leavers: record.N(1)})
	}
	return d
}

// TestTrackerDatedAfterItsMonth: June's tracker ("Data as at 30/06/2023")
// in May's folder would print "data as at 30 June 2023" on every page of
// May's paper; it is named as likely in the wrong folder.
func TestTrackerDatedAfterItsMonth(t *testing.T) {
	may := record.Month{Year: 2023, Month: time.May}
	p := record.Period{Month: may, AsAt: time.Date(2023, time.June, 30, 0, 0, 0, 0, time.UTC)}
	got := Staleness(p, nil)
	want := "The May 2023 tracker says its data is as at 30 June 2023, after the reporting month: it may be in the wrong month's folder."
	if len(got) != 1 || got[0] != want {
		t.Errorf("Staleness = %q, want %q", got, want)
	}
	for _, at := range []time.Time{may.End(), time.Date(2023, time.June, 5, 0, 0, 0, 0, time.UTC)} {
		p.AsAt = at
		if got := Staleness(p, nil); len(got) != 0 {
			t.Errorf("a May tracker dated %s (exported early in June): %q", at.Format("2 January"), got)
		}
	}
}
