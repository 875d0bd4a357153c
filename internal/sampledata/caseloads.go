package sampledata

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/xuri/excelize/v2"
)

// The metric workbooks carry 24 months of history, July 2021 to June 2023.
const metricMonths = 24

func metricMonth(i int) time.Time { return date(2021, time.July+time.Month(i), 1) }

// monthsUpTo returns the first days of the n months ending with last, oldest
// first.
func monthsUpTo(last time.Time, n int) []time.Time {
	out := make([]time.Time, n)
	for i := range out {
		out[i] = addMonths(last, i-n+1)
	}
	return out
}

// team is a case-holding team. FTE and average caseloads are in tenths.
// The June 2023 FTE is the sum of its workers' FTE, so the caseload and
// allocations workbooks agree.
type team struct {
	name      string
	fteStart  int // July 2021
	fteEnd    int // June 2023, before rounding to whole workers
	loadStart int // average caseload, July 2021
	loadEnd   int // average caseload, June 2023
	target    int // target caseload (whole children)
	workers   []worker
	june      caseloadRow

	// Set for the scaled teams only: the bounds of the monthly FTE (tenths;
	// 6.5 to 12 FTE when zero) and the children allocated in the last month
	// (from the average caseload when zero).
	fteMin, fteMax int
	lastCases      int
}

type worker struct {
	name string
	fte  int // tenths
}

var teamTable = []team{
	{name: "Front Door / MASH", fteStart: 75, fteEnd: 90, loadStart: 300, loadEnd: 215, target: 18},
	{name: "Assessment East", fteStart: 80, fteEnd: 100, loadStart: 260, loadEnd: 186, target: 18},
	{name: "Assessment West", fteStart: 75, fteEnd: 95, loadStart: 270, loadEnd: 192, target: 18},
	{name: "Safeguarding North", fteStart: 90, fteEnd: 105, loadStart: 240, loadEnd: 180, target: 18},
	{name: "Safeguarding South", fteStart: 85, fteEnd: 100, loadStart: 245, loadEnd: 184, target: 18},
	{name: "Children in Care", fteStart: 100, fteEnd: 110, loadStart: 215, loadEnd: 172, target: 18},
	{name: "Care Leavers", fteStart: 65, fteEnd: 70, loadStart: 250, loadEnd: 196, target: 20},
	{name: "Disabled Children", fteStart: 65, fteEnd: 65, loadStart: 190, loadEnd: 158, target: 18},
}

// workerNames are fictional social workers and personal advisers.
var workerNames = []string{
	"Aisha Rahman", "Ben Thornton", "Chloe Whitaker", "Daniel Osei", "Emma Clarke", "Faisal Hussain",
	"Gemma Lawson", "Harriet Quinn", "Imran Siddiqui", "Jade Fletcher", "Karen Doyle", "Liam Barker",
	"Megan Pritchard", "Nathan Bell", "Olivia Marsh", "Priya Patel", "Rachel Hughes", "Samuel Adeyemi",
	"Tara McGuinness", "Usman Akhtar", "Victoria Lowe", "William Shaw", "Yasmin Begum", "Zoe Harrington",
	"Adam Kowalski", "Bethany Webb", "Callum Reid", "Dionne Campbell", "Eleanor Price", "Fiona Gallagher",
	"George Mensah", "Hannah Brooks", "Isabel Turner", "James Holroyd", "Kirsty Nolan", "Lauren Firth",
	"Mohammed Iqbal", "Natalie Sutcliffe", "Owen Jenkins", "Paula Kerr", "Rebecca Stott", "Sophie Ainsworth",
	"Thomas Greenwood", "Uzma Malik", "Vanessa Okafor", "Wendy Hartley", "Amy Lister", "Bradley Cooke",
	"Claire Dunne", "David Ndlovu", "Elizabeth Moss", "Francesca Rossi", "Grace Wilde", "Helen Ashworth",
	"Jamal Richards", "Katie Horsfall", "Lucy Brennan", "Martin Kearney", "Nicola Haigh", "Oliver Pearson",
	"Rosie Marshall", "Shabana Ali", "Tom Whitehead", "Amelia Foster", "Craig Murray", "Danielle Riley",
	"Ellie Crossley", "Gareth Evans", "Holly Metcalfe", "Jessica Ward", "Kelly Simpson", "Leanne Haworth",
	"Michelle Gordon", "Naomi Bailey", "Philippa Wood", "Ruth Oyelaran", "Sarah Beaumont", "Stephen Kaur",
	"Joanne Platt", "Kieran Doherty", "Louise Moran", "Patrick Sheehan", "Hollie Tan", "Josh Wainwright",
}

// buildTeams staffs each team for June 2023 with workers, mostly full-time,
// from a shuffled list of names.
func buildTeams(r *rand.Rand) []team {
	names := slices.Clone(workerNames)
	r.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	teams := slices.Clone(teamTable)
	for t := range teams {
		sum := 0
		for sum < teams[t].fteEnd {
			fte := weighted(r, []int{10, 8, 6, 5}, []int{88, 6, 3, 3})
			if left := teams[t].fteEnd - sum; left < fte {
				fte = partTime(left)
			}
			if len(names) == 0 {
				panic("sampledata: not enough worker names")
			}
			teams[t].workers = append(teams[t].workers, worker{names[0], fte})
			names = names[1:]
			sum += fte
		}
		slices.SortFunc(teams[t].workers, func(a, b worker) int { return cmp.Compare(a.name, b.name) })
	}
	return teams
}

// partTime is the smallest usual part-time FTE (in tenths) that covers left.
func partTime(left int) int {
	for _, f := range []int{5, 6, 8} {
		if left <= f {
			return f
		}
	}
	return 10
}

func (t *team) juneFTE() int {
	var sum int
	for _, w := range t.workers {
		sum += w.fte
	}
	return sum
}

// caseloadRow is one team in one month. FTE is in tenths.
type caseloadRow struct {
	month  time.Time
	team   string
	fte    int
	cases  int
	target int
}

// buildCaseloads gives each team FTE and children allocated in each of
// months (24 in the sample), with caseloads falling from about 24 to about
// 18.5. It records each team's figures in the last month (June) on teams.
func buildCaseloads(r *rand.Rand, teams []team, months []time.Time) []caseloadRow {
	var rows []caseloadRow
	last := len(months) - 1
	for i, month := range months {
		for t := range teams {
			tm := &teams[t]
			lo, hi := 65, 120
			if tm.fteMax > 0 {
				lo, hi = tm.fteMin, tm.fteMax
			}
			fte := clamp(lerp(tm.fteStart, tm.fteEnd, i, last)+jitter(r, 4), lo, hi)
			if i == last {
				fte = tm.juneFTE()
			}
			load := lerp(tm.loadStart, tm.loadEnd, i, last) + jitter(r, 8)
			row := caseloadRow{month: month, team: tm.name, fte: fte, cases: (fte*load + 50) / 100, target: tm.target}
			if i == last && tm.lastCases > 0 {
				row.cases = tm.lastCases
			}
			rows = append(rows, row)
			if i == last {
				tm.june = row
			}
		}
	}
	return rows
}

func caseloadBook(rows []caseloadRow, stream bool) (*excelize.File, error) {
	f, st, err := newBook("Caseloads")
	if err != nil {
		return nil, err
	}
	w, err := openSheet(f, "Caseloads", stream)
	if err != nil {
		return nil, err
	}
	w.widths(10, 22, 16, 18, 16)
	w.put(1, 1, "Average caseloads by team", st.title)
	w.row(1, 3, st.header, anys(caseloadHeaders)...)
	for k, c := range rows {
		row := k + 4
		w.put(1, row, c.month, st.month)
		w.put(2, row, c.team, 0)
		w.put(3, row, tenths(c.fte), st.decimal)
		w.put(4, row, c.cases, 0)
		w.put(5, row, c.target, 0)
	}
	notes, err := addSheet(f, "Notes", false) // see streamNote
	if err != nil {
		return nil, err
	}
	notes.put(1, 1, "Source: Liquidlogic LCS, month-end snapshot", 0)
	notes.put(1, 2, "Case-holding FTE excludes team managers and staff on long-term absence.", 0)
	return f, cmp.Or(w.close(), notes.close())
}

var caseloadHeaders = []string{"Month", "Team", "Case-holding FTE", "Children allocated", "Target caseload"}

// allocation is one child allocated to a worker at the June snapshot.
type allocation struct {
	child  string
	team   string
	worker worker
}

// buildAllocations shares each team's June children among its workers in
// proportion to their FTE, with individual variation between 8 and 28
// children, and gives every child a unique fictional LCS number.
func buildAllocations(r *rand.Rand, teams []team) []allocation {
	used := map[int]bool{}
	var rows []allocation
	for _, tm := range teams {
		loads := shareCases(r, tm.june.cases, tm.workers)
		for k, w := range tm.workers {
			ids := make([]int, loads[k])
			for j := range ids {
				ids[j] = uniqueID(r, used)
			}
			slices.Sort(ids)
			for _, id := range ids {
				rows = append(rows, allocation{child: fmt.Sprintf("LCS%07d", id), team: tm.name, worker: w})
			}
		}
	}
	return rows
}

// shareCases splits cases among workers by FTE with individual variation
// from -35% to +45%, keeping every worker between 8 and 28 children.
func shareCases(r *rand.Rand, cases int, workers []worker) []int {
	const lo, hi = 8, 28
	if cases < lo*len(workers) || cases > hi*len(workers) {
		panic(fmt.Sprintf("sampledata: %d cases cannot be shared among %d workers", cases, len(workers)))
	}
	weights := make([]int, len(workers))
	var total int
	for k, w := range workers {
		weights[k] = w.fte * (100 + between(r, -35, 45))
		total += weights[k]
	}
	loads := make([]int, len(workers))
	var given int
	for k := range workers {
		loads[k] = clamp(cases*weights[k]/total, lo, hi)
		given += loads[k]
	}
	for given != cases {
		k := r.IntN(len(loads))
		switch {
		case given < cases && loads[k] < hi:
			loads[k]++
			given++
		case given > cases && loads[k] > lo:
			loads[k]--
			given--
		}
	}
	return loads
}

func uniqueID(r *rand.Rand, used map[int]bool) int {
	for {
		id := between(r, 1_000_000, 9_999_999)
		if !used[id] {
			used[id] = true
			return id
		}
	}
}

var allocationHeaders = []string{"Child ID", "Team", "Allocated Worker", "Worker FTE", "Snapshot Date"}

// allocationsBook writes the case-level export as at snapshot.
func allocationsBook(rows []allocation, snapshot time.Time, stream bool) (*excelize.File, error) {
	f, st, err := newBook("Allocations")
	if err != nil {
		return nil, err
	}
	w, err := openSheet(f, "Allocations", stream)
	if err != nil {
		return nil, err
	}
	w.widths(13, 22, 22, 12, 14)
	w.row(1, 1, st.header, anys(allocationHeaders)...)
	for k, a := range rows {
		row := k + 2
		w.put(1, row, a.child, 0)
		w.put(2, row, a.team, 0)
		w.put(3, row, a.worker.name, 0)
		w.put(4, row, tenths(a.worker.fte), st.decimal)
		w.put(5, row, snapshot, st.date)
	}
	return f, w.close()
}
