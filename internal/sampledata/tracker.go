package sampledata

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

// The tracker covers six reporting months, January to June 2023.
const trackerMonths = 6

// trackerMonth is the first day of reporting month i (0 is January 2023).
func trackerMonth(i int) time.Time { return date(2023, time.January+time.Month(i), 1) }

// The plan's shape over the six months: how many actions it starts with
// and how many of those are complete, how many are added, removed
// (superseded) and completed each month, the span of due dates, and the
// bounds that keep revised dates and Red ratings plausible.
const (
	initialActions        = 112
	janComplete           = 32 // actions already complete in January
	minDone, maxDone      = 5, 8
	planStart             = "2022-10"
	planEnd               = "2024-03"
	revisedPct            = 25 // chance that an overdue action is given a revised date
	maxRevisedPct         = 10 // share of actions with a revised date that stops new revisions
	minRed, maxRed        = 8, 12
	completeStillGreenPct = 12 // chance that a newly complete action is left Green for a month
)

var (
	addedIn   = [trackerMonths]int{0, 4, 3, 4, 3, 3}
	removedIn = [trackerMonths]int{0, 1, 0, 2, 0, 1}
)

// shape is what the plan simulation is run with: its months, its actions
// and the counts that keep it plausible. sampleShape is the committed sample
// data's; scaledShape makes bigger plans from the same action texts.
type shape struct {
	first              time.Time // first reporting month
	months             int
	areas              []area // the action texts, in the plan's order
	initial            int    // actions in the first tracker
	initialComplete    int    // of which complete
	minDone, maxDone   int    // actions completed each later month
	planStart, planEnd time.Time
	minRed, maxRed     int
	onHold             int   // actions put on hold in the first month; the first resumes in month 4
	addedIn, removedIn []int // actions added and superseded in each month
}

var sampleShape = shape{
	first: trackerMonth(0), months: trackerMonths, areas: areas,
	initial: initialActions, initialComplete: janComplete,
	minDone: minDone, maxDone: maxDone,
	planStart: mustMonth(planStart), planEnd: mustMonth(planEnd),
	minRed: minRed, maxRed: maxRed, onHold: 2,
	addedIn: addedIn[:], removedIn: removedIn[:],
}

// month is the first day of reporting month i.
func (sh *shape) month(i int) time.Time { return addMonths(sh.first, i) }

// rag is a progress or impact rating, worst to best.
type rag int

const (
	notRated rag = iota
	red
	amber
	green
	blue
)

func (g rag) String() string { return [...]string{"", "Red", "Amber", "Green", "Blue"}[g] }

// Statuses, and the two due-date words used instead of a date.
const (
	stNotStarted = "Not started"
	stInProgress = "In progress"
	stComplete   = "Complete"
	stOnHold     = "On hold"
	stDelayed    = "Delayed"

	dueTBC     = "TBC"
	dueOngoing = "Ongoing"
)

// action is one action's position in one month.
type action struct {
	area        *area
	item        *planItem
	areaIndex   int
	number      int // the number in its Ref
	addedIn     int // month index it first appeared in
	lead        string
	rec         string
	evidence    string
	due         time.Time // zero when dueText is set
	dueText     string    // TBC or Ongoing
	revised     time.Time
	status      string
	progress    rag
	impact      rag
	done        time.Time // month completed; zero when not complete
	resumeIn    int       // month index an On hold action resumes in; 0 for never
	update      string
	timeless    bool // update names no month relative to the reporting month
	lastUpdated time.Time
}

func (a *action) ref() string { return fmt.Sprintf("%s-%02d", a.area.prefix, a.number) }

func (a *action) complete() bool { return a.status == stComplete }

// dueBy is the revised due date if there is one, else the due date.
func (a *action) dueBy() time.Time {
	if !a.revised.IsZero() {
		return a.revised
	}
	return a.due
}

// overdue reports whether a is not complete and its due date falls before
// end, the reporting month's last day.
func (a *action) overdue(end time.Time) bool {
	d := a.dueBy()
	return !a.complete() && !d.IsZero() && d.Before(end)
}

// state is what a reader sees change between months.
func (a *action) state() string {
	return fmt.Sprint(a.status, a.progress, a.impact, a.revised)
}

// snapshot is the tracker as exported at the end of one month.
type snapshot struct {
	month   time.Time
	actions []action // in Ref order
}

// plan simulates the tracker month by month.
type plan struct {
	r       *rand.Rand
	sh      *shape
	active  []*action
	pending [][]poolItem // actions added in each month
	numbers []int        // last Ref number used, per area
}

type poolItem struct{ area, item int }

// simulatePlan runs the plan's months and returns each month's tracker.
func simulatePlan(r *rand.Rand, sh *shape) []snapshot {
	p := newPlan(r, sh)
	snaps := make([]snapshot, sh.months)
	for i := range sh.months {
		if i == 0 {
			p.start()
		} else {
			p.advance(i)
		}
		p.annotate(i)
		snaps[i] = p.snapshot(i)
	}
	return snaps
}

// newPlan splits the table of actions into those in the January tracker and
// those added later, chosen at random.
func newPlan(r *rand.Rand, sh *shape) *plan {
	areas := sh.areas
	p := &plan{r: r, sh: sh, numbers: make([]int, len(areas)), pending: make([][]poolItem, sh.months)}
	var pool []poolItem
	for ai := range areas {
		for ii := range areas[ai].actions {
			pool = append(pool, poolItem{ai, ii})
		}
	}
	var later int
	for _, n := range sh.addedIn {
		later += n
	}
	if len(pool) != sh.initial+later {
		panic(fmt.Sprintf("sampledata: %d action texts, want %d", len(pool), sh.initial+later))
	}
	isLater := map[poolItem]bool{}
	month := 1
	for _, k := range r.Perm(len(pool)) {
		it := pool[k]
		if item := &areas[it.area].actions[it.item]; item.confidential || item.due != "" {
			continue // in the plan from the start
		}
		for month < sh.months && len(p.pending[month]) == sh.addedIn[month] {
			month++
		}
		if month == sh.months {
			break
		}
		p.pending[month] = append(p.pending[month], it)
		isLater[it] = true
	}
	for _, it := range pool {
		if !isLater[it] {
			p.pending[0] = append(p.pending[0], it)
		}
	}
	for i := range p.pending {
		slices.SortFunc(p.pending[i], func(a, b poolItem) int {
			return cmp.Or(cmp.Compare(a.area, b.area), cmp.Compare(a.item, b.item))
		})
	}
	return p
}

// newAction creates the next action of its area, due between from and the
// plan's end.
func (p *plan) newAction(it poolItem, dueFrom time.Time) *action {
	r := p.r
	ar := &p.sh.areas[it.area]
	item := &ar.actions[it.item]
	p.numbers[it.area]++
	a := &action{area: ar, item: item, areaIndex: it.area, number: p.numbers[it.area]}
	a.lead = item.lead
	if a.lead == "" {
		a.lead = pick(r, ar.leads)
	}
	if chance(r, ar.recPct) {
		a.rec = ofstedRecs[pick(r, ar.recs)]
	}
	a.evidence = item.evidence
	a.due = randomDue(r, dueFrom, p.sh.planEnd)
	return a
}

// randomDue is a due date in a month from from to to, weighted toward the
// earlier months as plans front-load their actions: usually the month end,
// sometimes the 15th.
func randomDue(r *rand.Rand, from, to time.Time) time.Time {
	n := monthsBetween(from, to) + 1
	k := r.IntN(n)
	if chance(r, 50) {
		k = min(k, r.IntN(n))
	}
	m := addMonths(from, k)
	if chance(r, 80) {
		return monthEnd(m)
	}
	return m.AddDate(0, 0, 14)
}

func mustMonth(s string) time.Time {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		panic(err)
	}
	return t
}

// start sets up the January 2023 tracker: the plan has been running since
// the summer of 2022, so the earliest actions are mostly complete.
func (p *plan) start() {
	r := p.r
	jan := p.sh.first
	for _, it := range p.pending[0] {
		p.active = append(p.active, p.newAction(it, p.sh.planStart))
	}
	done := p.sample(p.sh.initialComplete, func(a *action) int {
		switch due := monthsBetween(jan, a.due); {
		case a.item.due != "" || a.item.confidential:
			return 0
		case due <= 0:
			return 30
		case due <= 5:
			return 6
		}
		return 1
	})
	for _, a := range p.active {
		due := monthsBetween(jan, a.due)
		switch {
		case done[a]:
			p.markComplete(a, maxTime(addMonths(p.sh.planStart, -2), minTime(jan, addMonths(a.due, between(r, -3, 1)))))
		case a.item.due == dueTBC:
			a.due, a.dueText = time.Time{}, dueTBC
			a.status, a.progress = stNotStarted, weighted(r, []rag{green, amber}, []int{40, 60})
		case a.item.due == dueOngoing:
			a.due, a.dueText = time.Time{}, dueOngoing
			a.status, a.progress = stInProgress, green
		case a.item.confidential:
			a.status, a.progress = stInProgress, amber
			a.settle(jan)
		case due <= 0: // overdue
			a.status, a.progress = stDelayed, weighted(r, []rag{red, amber}, []int{55, 45})
			if chance(r, revisedPct) {
				a.revised = monthEnd(addMonths(jan, between(r, 2, 6)))
				a.progress = amber
			}
		case due <= 5:
			a.status, a.progress = stInProgress, weighted(r, []rag{green, amber, red}, []int{55, 30, 15})
		case chance(r, 30):
			a.status, a.progress = stNotStarted, weighted(r, []rag{green, amber}, []int{80, 20})
		default:
			a.status, a.progress = stInProgress, weighted(r, []rag{green, amber, red}, []int{60, 30, 10})
		}
		p.rateAtStart(a)
	}
	p.startOnHold()
}

// sample picks n active actions without replacement, each with probability
// in proportion to its weight, and fewer if too few have a weight.
func (p *plan) sample(n int, weight func(*action) int) map[*action]bool {
	picked := map[*action]bool{}
	for range n {
		var total int
		weights := make([]int, len(p.active))
		for k, a := range p.active {
			if !picked[a] {
				weights[k] = weight(a)
				total += weights[k]
			}
		}
		if total == 0 {
			break
		}
		x := p.r.IntN(total)
		for k, w := range weights {
			if x < w {
				picked[p.active[k]] = true
				break
			}
			x -= w
		}
	}
	return picked
}

// startOnHold puts actions on hold (two in the sample), the first of which
// resumes in the fifth month (May in the sample).
func (p *plan) startOnHold() {
	for k, a := range p.choose(p.sh.onHold, func(a *action) bool {
		return a.status == stInProgress && a.dueText == "" && monthsBetween(p.sh.first, a.due) >= 6
	}) {
		a.status, a.progress = stOnHold, amber
		if k == 0 {
			a.resumeIn = 4 // May
		}
	}
}

// choose picks n ordinary (not confidential) active actions that satisfy
// ok, at random.
func (p *plan) choose(n int, ok func(*action) bool) []*action {
	var c []*action
	for _, a := range p.active {
		if !a.item.confidential && ok(a) {
			c = append(c, a)
		}
	}
	p.r.Shuffle(len(c), func(i, j int) { c[i], c[j] = c[j], c[i] })
	return c[:clamp(n, 0, len(c))]
}

func (p *plan) markComplete(a *action, month time.Time) {
	a.status, a.progress, a.done = stComplete, blue, month
	if a.revised.IsZero() && monthEnd(month).After(a.due) && chance(p.r, 8) {
		a.revised = monthEnd(month) // completed late, to a revised date
	}
}

// rateAtStart gives a January action its impact rating.
func (p *plan) rateAtStart(a *action) {
	r := p.r
	switch a.status {
	case stNotStarted:
		a.impact = notRated
	case stComplete:
		a.impact = weighted(r, []rag{blue, green, amber, notRated}, []int{30, 40, 20, 10})
	default:
		if chance(r, 55) {
			a.impact = min(a.progress, weighted(r, []rag{red, amber, green}, []int{15, 60, 25}))
		}
	}
}

// advance moves the plan on to month i.
func (p *plan) advance(i int) {
	r := p.r
	month := p.sh.month(i)
	end := monthEnd(month)
	before := map[*action]string{}
	for _, a := range p.active {
		before[a] = a.state()
		if a.complete() && a.progress == green {
			a.progress = blue // the lead caught up with the rating
		}
	}
	p.remove(p.sh.removedIn[i])
	newly := p.completeSome(month, between(r, p.sh.minDone, p.sh.maxDone))
	for _, a := range p.active {
		if !a.complete() && !newly[a] {
			p.move(a, i, end)
		}
	}
	p.steerRed(end)
	for _, it := range p.pending[i] {
		p.add(it, month)
	}
	for _, a := range p.active {
		if _, existed := before[a]; existed {
			p.rate(a, month)
		}
	}
	for _, a := range p.active {
		if s, existed := before[a]; !existed || s != a.state() || !a.timeless || !chance(r, 55) {
			a.update = "" // annotate writes a fresh one
		}
	}
}

// remove drops n actions that were superseded.
func (p *plan) remove(n int) {
	gone := p.choose(n, func(a *action) bool {
		return a.addedIn == 0 && !a.complete() && a.dueText == "" && a.status != stOnHold
	})
	p.active = slices.DeleteFunc(p.active, func(a *action) bool { return slices.Contains(gone, a) })
}

// completeSome marks n actions complete in month, preferring those on
// track and those due soon or overdue.
func (p *plan) completeSome(month time.Time, n int) map[*action]bool {
	end := monthEnd(month)
	done := p.sample(n, func(a *action) int { return doneWeight(a, end) })
	for _, a := range p.active { // in plan order, so the draws are deterministic
		if done[a] {
			p.markComplete(a, month)
			if chance(p.r, completeStillGreenPct) {
				a.progress = green
			}
		}
	}
	return done
}

// doneWeight is how likely a is to be completed this month, relative to the
// others.
func doneWeight(a *action, end time.Time) int {
	if a.complete() || a.dueText != "" || a.status == stNotStarted || a.status == stOnHold {
		return 0
	}
	w := map[rag]int{red: 1, amber: 3, green: 8}[a.progress]
	switch months := monthsBetween(end, a.dueBy()); {
	case months < 0:
		w *= 3
	case months <= 2:
		w *= 3
	case months <= 4:
		w *= 2
	}
	return w
}

// move changes the progress of an action that is not complete.
func (p *plan) move(a *action, i int, end time.Time) {
	r := p.r
	switch {
	case a.status == stOnHold && a.resumeIn != i:
		return
	case a.status == stOnHold:
		a.status = stInProgress
	case a.dueText == dueTBC:
		return
	case a.dueText == dueOngoing:
		if a.progress == green && chance(r, 8) {
			a.progress = amber
		} else if a.progress == amber && chance(r, 40) {
			a.progress = green
		}
		return
	case a.status == stNotStarted:
		soon := monthsBetween(end, a.due) <= 4
		startPct := 25
		if soon {
			startPct = 60
		}
		switch {
		case chance(r, startPct):
			a.status = stInProgress
		case soon && a.progress == green && chance(r, 40):
			a.progress = amber
		}
		if a.status == stNotStarted {
			return
		}
	}
	overdue := a.overdue(end)
	if overdue && a.revised.IsZero() && p.count(hasRevised)*100 < maxRevisedPct*len(p.active) && chance(r, revisedPct) {
		a.revised = monthEnd(addMonths(end, between(r, 2, 5)))
		overdue = false
	}
	up, down := 20, 7
	switch {
	case overdue:
		up, down = 8, 25
	case a.progress == red:
		up = 12
	}
	switch roll := r.IntN(100); {
	case roll < up && a.progress < green:
		a.progress++
	case roll >= up && roll < up+down && a.progress > red:
		a.progress--
	}
	a.settle(end)
}

// steerRed keeps the number of Red actions within minRed to maxRed, as a
// programme office would escalate or de-escalate: the excess improve to
// Amber, or the shortfall slips from Amber.
func (p *plan) steerRed(end time.Time) {
	isRed := func(a *action) bool { return a.progress == red }
	for _, a := range p.choose(p.count(isRed)-p.sh.maxRed, isRed) {
		a.progress = amber
		a.settle(end)
	}
	slipping := func(a *action) bool {
		return a.progress == amber && (a.status == stInProgress || a.status == stDelayed)
	}
	for _, a := range p.choose(p.sh.minRed-p.count(isRed), slipping) {
		a.progress = red
		a.settle(end)
	}
}

func (p *plan) count(ok func(*action) bool) int {
	var n int
	for _, a := range p.active {
		if ok(a) {
			n++
		}
	}
	return n
}

func hasRevised(a *action) bool { return !a.revised.IsZero() }

// settle sets the status of an action in progress from its dates and
// rating: overdue actions cannot be Green and are Delayed.
func (a *action) settle(end time.Time) {
	overdue := a.overdue(end)
	if overdue && a.progress == green {
		a.progress = amber
	}
	if overdue || (!a.revised.IsZero() && a.progress <= amber) {
		a.status = stDelayed
	} else {
		a.status = stInProgress
	}
}

// add starts a new action in month.
func (p *plan) add(it poolItem, month time.Time) {
	r := p.r
	a := p.newAction(it, addMonths(month, 3))
	a.addedIn = monthsBetween(p.sh.first, month)
	if chance(r, 60) {
		a.status, a.progress = stNotStarted, green
	} else {
		a.status, a.progress = stInProgress, weighted(r, []rag{green, amber}, []int{70, 30})
	}
	p.active = append(p.active, a)
}

// rate moves the impact rating, which lags progress.
func (p *plan) rate(a *action, month time.Time) {
	r := p.r
	switch {
	case a.status == stNotStarted:
		a.impact = notRated
	case a.complete() && a.impact == notRated:
		if chance(r, 50) {
			a.impact = weighted(r, []rag{amber, green}, []int{40, 60})
		}
	case a.complete():
		if a.impact < blue && monthsBetween(a.done, month) >= 2 && chance(r, 20) {
			a.impact++
		}
	case a.impact == notRated:
		if chance(r, 12) {
			a.impact = min(a.progress, weighted(r, []rag{red, amber}, []int{20, 80}))
		}
	default:
		switch roll := r.IntN(100); {
		case roll < 12 && a.impact < green:
			a.impact++
		case roll >= 12 && roll < 15 && a.impact > red:
			a.impact--
		}
		a.impact = min(a.impact, a.progress)
	}
}

// annotate writes the progress updates and last-updated dates of month i.
// An action whose position did not change may keep last month's
// commentary word for word, as leads often do.
func (p *plan) annotate(i int) {
	r := p.r
	month := p.sh.month(i)
	for _, a := range p.active {
		if a.update == "" {
			a.writeUpdate(r, month)
		}
		a.lastUpdated = workingDay(month, between(r, 3, 26))
	}
}

// workingDay is day d of month, moved back to the Friday if it falls at a
// weekend.
func workingDay(month time.Time, d int) time.Time {
	t := month.AddDate(0, 0, d-1)
	switch t.Weekday() {
	case time.Saturday:
		return t.AddDate(0, 0, -1)
	case time.Sunday:
		return t.AddDate(0, 0, -2)
	}
	return t
}

// snapshot copies the active actions in Ref order.
func (p *plan) snapshot(i int) snapshot {
	s := snapshot{month: p.sh.month(i)}
	for _, a := range p.active {
		s.actions = append(s.actions, *a)
	}
	slices.SortFunc(s.actions, func(a, b action) int {
		return cmp.Or(cmp.Compare(a.areaIndex, b.areaIndex), cmp.Compare(a.number, b.number))
	})
	return s
}

// weighted picks one of xs with the given integer weights.
func weighted[T any](r *rand.Rand, xs []T, weights []int) T {
	var total int
	for _, w := range weights {
		total += w
	}
	x := r.IntN(total)
	for k, w := range weights {
		if x < w {
			return xs[k]
		}
		x -= w
	}
	return xs[len(xs)-1]
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
