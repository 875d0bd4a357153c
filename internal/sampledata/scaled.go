package sampledata

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"
)

// Scale is the size of a synthetic data folder written by WriteScaled: the
// same workbooks, sheet layouts and headers as the sample data, with more
// rows. It is for measuring performance and is never committed.
type Scale struct {
	Trackers     int // month folders, each with an action tracker; the newest is 2023-06
	Actions      int // actions in each tracker
	Allocations  int // rows of the case-level allocation export in the newest folder; 0 for none
	Teams        int // teams in the caseload, workforce and allocation exports
	MetricMonths int // months of caseload, workforce, recruitment and KPI history to June 2023; 0 for none
	KPIs         int // indicators in the KPI workbook
}

// Full size of the large data set.
const (
	largeTrackers     = 36 // 2020-07 to 2023-06
	largeActions      = 2000
	largeAllocations  = 200_000
	largeTeams        = 40
	largeMetricMonths = 60 // 2018-07 to 2023-06
	largeKPIs         = 40
)

// Large returns the large data set at fraction of its full size (1 for the
// full size): 36 monthly trackers of 2,000 actions, and in the newest folder
// a 200,000-row allocation export, caseloads and workforce for 40 teams over
// 60 months, 40 KPIs over 60 months and 60 months of recruitment. The
// fraction scales the rows of each table (actions, allocation rows, teams,
// indicators), not the number of months, so the size of the folder, and
// the work of reading it and writing the papers, grow in proportion to it.
func Large(fraction float64) Scale {
	n := func(full int) int { return max(1, int(math.Round(float64(full)*fraction))) }
	return Scale{
		Trackers:     largeTrackers,
		Actions:      n(largeActions),
		Allocations:  n(largeAllocations),
		Teams:        n(largeTeams),
		MetricMonths: largeMetricMonths,
		KPIs:         n(largeKPIs),
	}
}

// ReaderTarget is the reader's performance target: one month folder holding
// only a 5,000-action tracker and a 200,000-row allocation export.
var ReaderTarget = Scale{Trackers: 1, Actions: 5000, Allocations: largeAllocations, Teams: largeTeams}

// Streams of Seed for the scaled data, apart from the sample's.
const (
	streamScaledTracker uint64 = iota + 101
	streamScaledTeams
	streamScaledCaseloads
	streamScaledAllocations
	streamScaledWorkforce
	streamScaledKPIs
)

func (s Scale) check() error {
	switch {
	case s.Trackers < 1 || s.Actions < 1:
		return errors.New("sampledata: a scaled data set needs at least one tracker of one action")
	case s.Trackers > 600:
		return errors.New("sampledata: at most 600 trackers")
	case s.MetricMonths == 1 || s.MetricMonths < 0:
		return errors.New("sampledata: metric history needs 0 or at least 2 months")
	case (s.MetricMonths > 0 || s.Allocations > 0) && s.Teams < 1:
		return errors.New("sampledata: metric workbooks need at least one team")
	case s.Allocations > 0 && s.Allocations < 8*s.Teams:
		return fmt.Errorf("sampledata: %d allocations are too few for %d teams (at least 8 children a team)", s.Allocations, s.Teams)
	case s.Allocations > 9_000_000:
		return errors.New("sampledata: at most 9,000,000 allocations (child IDs have seven digits)")
	case s.KPIs < 0 || s.Allocations < 0:
		return errors.New("sampledata: negative size")
	}
	return nil
}

// WriteScaled writes a synthetic data folder of size s into dir, with the
// sample data's workbook layouts: one sub-folder per month ending 2023-06,
// each with its tracker, and the metric workbooks in 2023-06. Workbooks are
// written with excelize's StreamWriter (so strings are inline rather than
// in a shared-string table). Like Write, it is deterministic.
func WriteScaled(dir string, s Scale) error {
	if err := s.check(); err != nil {
		return err
	}
	last := date(2023, time.June, 1)
	sh := scaledShape(s, addMonths(last, 1-s.Trackers))
	snaps := simulatePlan(newRand(streamScaledTracker), &sh)
	err := parallel(len(snaps), func(i int) error {
		name := fmt.Sprintf("Improvement Plan Tracker %s.xlsx", snaps[i].month.Format("Jan 2006"))
		return writeTracker(dir, name, snaps[i], true)
	})
	if err != nil || (s.MetricMonths == 0 && s.Allocations == 0) {
		return err
	}

	teams := scaledTeams(newRand(streamScaledTeams), s.Teams, s.Allocations)
	var books []metricBook
	if s.MetricMonths > 0 {
		months := monthsUpTo(last, s.MetricMonths)
		caseloads := buildCaseloads(newRand(streamScaledCaseloads), teams, months)
		books = append(books,
			metricBook{"Caseloads by team June 2023.xlsx", func() (*excelize.File, error) { return caseloadBook(caseloads, true) }},
			metricBook{"Workforce dashboard June 2023.xlsx", func() (*excelize.File, error) {
				return workforceBook(scaledWorkforce(newRand(streamScaledWorkforce), teams, months), true)
			}},
		)
		if s.KPIs > 0 {
			books = append(books, metricBook{"KPI scorecard June 2023.xlsx", func() (*excelize.File, error) {
				return kpiBook(buildKPIs(newRand(streamScaledKPIs), scaledKPIs(s.KPIs), months), true)
			}})
		}
	}
	if s.Allocations > 0 {
		books = append(books, metricBook{"Allocations snapshot 30-06-2023.xlsx", func() (*excelize.File, error) {
			return allocationsBook(buildAllocations(newRand(streamScaledAllocations), teams), monthEnd(last), true)
		}})
	}
	return parallel(len(books), func(i int) error { return writeMetrics(dir, last, books[i:i+1]) })
}

// parallel runs do(0) to do(n-1) on up to GOMAXPROCS goroutines and returns
// the first error by index. Each call writes its own workbook, so the
// output does not depend on the order they run in.
func parallel(n int, do func(i int) error) error {
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				errs[i] = do(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}

// scaledShape is a plan of s.Actions actions in each of s.Trackers months
// from first: a few actions are added and as many superseded each month,
// about 5% are complete at the start and about half by the end, and the
// bounds on Red ratings and the actions on hold grow with the plan.
func scaledShape(s Scale, first time.Time) shape {
	n := s.Actions
	churn := max(1, n/250)
	added, removed := make([]int, s.Trackers), make([]int, s.Trackers)
	for i := 1; i < s.Trackers; i++ {
		added[i], removed[i] = churn, churn
	}
	minDone := max(1, n/90)
	return shape{
		first:           first,
		months:          s.Trackers,
		areas:           scaledAreas(n + churn*(s.Trackers-1)),
		initial:         n,
		initialComplete: n / 20,
		minDone:         minDone,
		maxDone:         max(minDone, n/56),
		planStart:       addMonths(first, -3),
		planEnd:         addMonths(first, s.Trackers+8),
		minRed:          n * minRed / initialActions,
		maxRed:          max(1, n*maxRed/initialActions),
		onHold:          max(2, n/60),
		addedIn:         added,
		removedIn:       removed,
	}
}

// scaledAreas shares total actions among the seven areas in proportion to
// their sample actions, repeating each area's action texts with a phase
// number ("... (phase 2)") once they run out.
func scaledAreas(total int) []area {
	base := 0
	for _, a := range areas {
		base += len(a.actions)
	}
	out := make([]area, len(areas))
	given := 0
	for i, a := range areas {
		n := total * len(a.actions) / base
		if i == len(areas)-1 {
			n = total - given
		}
		given += n
		items := make([]planItem, n)
		for j := range items {
			items[j] = a.actions[j%len(a.actions)]
			if phase := j / len(a.actions); phase > 0 {
				items[j].text = fmt.Sprintf("%s (phase %d)", items[j].text, phase+1)
			}
		}
		a.actions = items
		out[i] = a
	}
	return out
}

// scaledTeams makes n teams from the sample's eight (numbered once they
// repeat: "Assessment East 2"), shares children among them and staffs each
// with workers holding about 18 children each. A team's FTE is the sum of its
// workers' FTE, and its children in the last month are its share, so the
// caseload and allocation workbooks agree.
func scaledTeams(r *rand.Rand, n, children int) []team {
	if children == 0 {
		children = 180 * n // no allocation export: about ten workers a team
	}
	firsts, lasts := nameParts()
	named := 0
	teams := make([]team, n)
	for k := range teams {
		tm := teamTable[k%len(teamTable)]
		if k >= len(teamTable) {
			tm.name = fmt.Sprintf("%s %d", tm.name, k/len(teamTable)+1)
		}
		cases := children / n
		if k < children%n {
			cases++
		}
		for range max(1, (cases+9)/18) {
			name := fmt.Sprintf("%s %c. %s", firsts[named%len(firsts)], 'A'+named/(len(firsts)*len(lasts))%26,
				lasts[named/len(firsts)%len(lasts)])
			tm.workers = append(tm.workers, worker{name, weighted(r, []int{10, 8, 6, 5}, []int{88, 6, 3, 3})})
			named++
		}
		slices.SortFunc(tm.workers, func(a, b worker) int { return cmp.Compare(a.name, b.name) })
		fte := tm.juneFTE()
		tm.fteStart, tm.fteEnd = fte*85/100, fte
		tm.fteMin, tm.fteMax = fte*70/100, fte*115/100+1
		tm.loadEnd = cases * 100 / fte // tenths of a child per FTE
		tm.loadStart = tm.loadEnd * 13 / 10
		tm.lastCases = cases
		tm.june = caseloadRow{team: tm.name, fte: fte, cases: cases, target: tm.target}
		teams[k] = tm
	}
	return teams
}

// nameParts are the distinct first names and surnames of workerNames.
func nameParts() (firsts, lasts []string) {
	for _, n := range workerNames {
		first, last, _ := strings.Cut(n, " ")
		firsts, lasts = append(firsts, first), append(lasts, last)
	}
	slices.Sort(firsts)
	slices.Sort(lasts)
	return slices.Compact(firsts), slices.Compact(lasts)
}

// scaledWorkforce gives each team a workforce row in each month, with
// in-post FTE rising and agency FTE falling against an establishment of 130%
// of the team's case-holding FTE, and the service's recruitment funnel.
func scaledWorkforce(r *rand.Rand, teams []team, months []time.Time) workforceData {
	var d workforceData
	last := len(months) - 1
	for i, month := range months {
		starters := 0
		for _, tm := range teams {
			est := tm.fteEnd * 13 / 10
			inPost := clamp(lerp(est*62/100, est*78/100, i, last)+jitter(r, 4), 0, est)
			agency := max(0, lerp(est*28/100, est*16/100, i, last)+jitter(r, 4))
			vacancies := est - inPost
			covering := max(0, min(agency*85/100+jitter(r, 3), vacancies, agency))
			st, lv := between(r, 0, max(1, est/40)), between(r, 0, max(1, est/45))
			starters += st
			d.workforce = append(d.workforce, workforceRow{
				month: month, team: tm.name, inPost: inPost, agency: agency, vacancies: vacancies, established: est,
				starters: st, leavers: lv, agencyCovering: covering,
			})
		}
		d.recruitment = append(d.recruitment, recruitmentFor(r, month, i, len(months), starters, 0))
	}
	return d
}

// scaledKPIs makes n indicators from the sample's twelve, by locality once
// they repeat ("... (locality 2)").
func scaledKPIs(n int) []kpi {
	out := make([]kpi, n)
	for k := range out {
		out[k] = kpiTable[k%len(kpiTable)]
		if k >= len(kpiTable) {
			out[k].name = fmt.Sprintf("%s (locality %d)", out[k].name, k/len(kpiTable)+1)
		}
	}
	return out
}
