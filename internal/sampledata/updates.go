package sampledata

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// Progress update templates by kind of position. Placeholders: {prev},
// {this}, {next}, {next2} are month names relative to the reporting month;
// {done} is the month the action was completed; {revised} its revised date; {n}, {k}, {m} and {pct} are
// small, smaller, larger and percentage numbers.
var updateTemplates = map[updateKind][]string{
	updComplete: {
		"Action completed in {done}. Evidence of completion reviewed and signed off by the project board.",
		"Complete. New arrangements are embedded and will be tested through the quarterly practice audit.",
		"Completed in {done} and closed at the Improvement Board; impact is monitored through the performance scorecard.",
		"All milestones delivered. Evidence pack submitted to the PMO and accepted.",
		"Complete. Changes briefed to all teams in {done}; compliance will be checked in the next audit cycle.",
	},
	updGreen: {
		"On track. {k} of {n} milestones delivered; next milestone due in {next}.",
		"Task and finish group met in {prev}; draft proposals go to the Directorate Leadership Team in {next}.",
		"Progressing to plan. Pilot running in two teams since {prev}, with roll-out to all teams planned for {next2}.",
		"On track. Training delivered to {m} staff so far; remaining sessions booked for {next}.",
		"Work is progressing well and is on course to complete by the due date.",
		"Project plan agreed and resourced; the {this} checkpoint found no issues.",
	},
	updAmber: {
		"Some slippage due to capacity in the team; recovery plan agreed and monitored fortnightly.",
		"At risk: depends on a Liquidlogic change not yet scheduled by the supplier; mitigation agreed.",
		"Progress slower than planned because of vacancies in the service; interim cover in place from {next}.",
		"Partner sign-off still awaited; escalated to the Safeguarding Partnership executive in {prev}.",
		"Draft completed but consultation has taken longer than expected; sign-off now expected in {next2}.",
		"Partly delivered: {pct}% of staff trained; remaining sessions rescheduled to {next}.",
	},
	updRed: {
		"Off track. Key dependency not yet resolved; escalated to the Improvement Board in {prev}.",
		"Not on track: no permanent lead in post since {prev}; interim arrangements being sourced.",
		"Significant delay. Funding not yet confirmed; business case goes to Cabinet in {next}.",
		"Off track: audit in {prev} found only {pct}% compliance with the standard. Recovery plan requested.",
		"Behind schedule owing to sustained demand at the front door; the DCS has asked for a revised plan by {next}.",
	},
	updNotStarted: {
		"Not yet started; scheduled to begin in {next} as planned.",
		"Scoping to begin in {next2}, after the related workstream completes.",
		"Planned start {next}; lead officer confirmed.",
	},
	updNotStartedLate: {
		"Start delayed; lead officer only recently confirmed. Project plan due to the programme board in {next}.",
		"Not started: awaiting the outcome of the {prev} budget review.",
	},
	updDelayed: {
		"Delayed by a dependency on the new case management system release, now expected in {next2}.",
		"Delayed: procurement returned no compliant bids and the service is being re-tendered.",
		"Delayed: awaiting partner agreement; a revised date will go to the programme board in {next}.",
	},
	updRevised: {
		"Delayed. Revised date of {revised} agreed with the DCS following recruitment difficulties.",
		"Delayed pending partner agreement; revised due date of {revised} agreed at the programme board.",
		"Behind the original timescale; recovery plan in place to meet the revised date of {revised}.",
	},
	updOnHold: {
		"On hold pending the outcome of the placement sufficiency review.",
		"On hold at the request of the Improvement Board until the service restructure is complete.",
	},
	updOngoing: {
		"Business as usual: reported monthly to the Improvement Board, most recently in {prev}.",
		"Continuing activity; standing item at the monthly performance clinic.",
	},
	updTBC: {
		"Timescale to be confirmed: depends on a funding decision expected in {next2}.",
		"Start date to be confirmed once funding is agreed; business case in preparation.",
	},
}

type updateKind int

const (
	updComplete updateKind = iota
	updGreen
	updAmber
	updRed
	updNotStarted
	updNotStartedLate
	updDelayed
	updRevised
	updOnHold
	updOngoing
	updTBC
)

// kindOf is the kind of update that fits a's position in the month ending
// end.
func (a *action) kindOf() updateKind {
	switch {
	case a.status == stComplete:
		return updComplete
	case a.dueText == dueOngoing:
		return updOngoing
	case a.dueText == dueTBC:
		return updTBC
	case a.status == stOnHold:
		return updOnHold
	case a.status == stNotStarted && a.progress == green:
		return updNotStarted
	case a.status == stNotStarted:
		return updNotStartedLate
	case a.status == stDelayed && !a.revised.IsZero():
		return updRevised
	case a.status == stDelayed:
		return updDelayed
	case a.progress == green:
		return updGreen
	case a.progress == amber:
		return updAmber
	}
	return updRed
}

// writeUpdate gives a a fresh progress update for month (the reporting
// month's first day).
func (a *action) writeUpdate(r *rand.Rand, month time.Time) {
	kind := a.kindOf()
	choices := updateTemplates[kind]
	switch own := a.item.updates; {
	case kind == updComplete && a.item.closing != "":
		choices = []string{a.item.closing}
	case len(own) > 0 && a.item.confidential:
		choices = own
	case len(own) > 0 && (kind == updGreen || kind == updAmber) && chance(r, 60):
		choices = own
	}
	tmpl := pick(r, choices)
	a.timeless = !strings.Contains(tmpl, "{prev}") && !strings.Contains(tmpl, "{this}") && !strings.Contains(tmpl, "{next")
	a.update = fillUpdate(r, tmpl, month, a)
}

func fillUpdate(r *rand.Rand, tmpl string, month time.Time, a *action) string {
	name := func(t time.Time) string { return t.Month().String() }
	return strings.NewReplacer(
		"{prev}", name(addMonths(month, -1)),
		"{this}", name(month),
		"{next}", name(addMonths(month, 1)),
		"{next2}", name(addMonths(month, 2)),
		"{done}", name(a.done),
		"{revised}", a.revised.Format("January 2006"),
		"{n}", strconv.Itoa(between(r, 4, 9)),
		"{k}", strconv.Itoa(between(r, 1, 3)),
		"{m}", strconv.Itoa(between(r, 12, 60)),
		"{pct}", strconv.Itoa(between(r, 55, 92)),
	).Replace(tmpl)
}
