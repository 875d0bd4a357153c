// Package sampledata generates the committed sample data: six months of
// improvement-plan trackers and the June 2023 metric workbooks of a fictional
// council, Northmoor Borough Council.
//
// Generation is deterministic. Every workbook draws from its own PCG stream of
// one fixed seed, and all arithmetic on generated values is done in integers
// (tenths of a unit), so the output does not depend on floating-point
// contraction or the math package's assembly on a given CPU. Excelize writes
// no clock times when the document properties are set explicitly, so two runs
// give byte-identical files.
package sampledata

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/xuri/excelize/v2"
)

// Seed is the fixed seed of every random stream.
const Seed uint64 = 20230630

// Streams of Seed, one per generated data set, so that changing one
// generator does not change the others' output.
const (
	streamTracker uint64 = iota + 1
	streamTeams
	streamCaseloads
	streamAllocations
	streamWorkforce
	streamKPIs
)

// Council is the fictional council the data belongs to.
const Council = "Northmoor Borough Council"

// Write generates all sample workbooks into dir: one sub-folder per month,
// 2023-01 to 2023-06, each with that month's tracker and narrative, and
// the metric workbooks and the board's action log in 2023-06.
func Write(dir string) error {
	plan := simulatePlan(newRand(streamTracker), &sampleShape)
	for i, snap := range plan {
		if err := writeTracker(dir, trackerFiles[i], snap, false); err != nil {
			return err
		}
		if err := writeNarrative(dir, i, snap); err != nil {
			return err
		}
	}
	teams := buildTeams(newRand(streamTeams))
	months := monthsUpTo(metricMonth(metricMonths-1), metricMonths)
	caseloads := buildCaseloads(newRand(streamCaseloads), teams, months)
	last := trackerMonth(trackerMonths - 1)
	return writeMetrics(dir, last, []metricBook{
		{"Caseloads by team June 2023.xlsx", func() (*excelize.File, error) { return caseloadBook(caseloads, false) }},
		{"Workforce dashboard June 2023.xlsx", func() (*excelize.File, error) {
			return workforceBook(buildWorkforce(newRand(streamWorkforce)), false)
		}},
		{"KPI scorecard June 2023.xlsx", func() (*excelize.File, error) {
			return kpiBook(buildKPIs(newRand(streamKPIs), kpiTable, months), false)
		}},
		{"Allocations snapshot 30-06-2023.xlsx", func() (*excelize.File, error) {
			return allocationsBook(buildAllocations(newRand(streamAllocations), teams), monthEnd(last), false)
		}},
		{"Board action log June 2023.xlsx", actionLogBook},
	})
}

// metricBook is a metric workbook's file name and the function that builds
// it.
type metricBook struct {
	name  string
	build func() (*excelize.File, error)
}

// writeMetrics builds and saves the metric workbooks into month's folder,
// one at a time.
func writeMetrics(dir string, month time.Time, books []metricBook) error {
	for _, m := range books {
		f, err := m.build()
		if err != nil {
			return fmt.Errorf("%s: %w", m.name, err)
		}
		if err := save(f, filepath.Join(dir, monthDir(month), m.name), docProps{
			title:    m.name[:len(m.name)-len(".xlsx")],
			author:   "Performance and Intelligence Team",
			created:  exportTime(month),
			modified: exportTime(month),
		}); err != nil {
			return err
		}
	}
	return nil
}

func newRand(stream uint64) *rand.Rand { return rand.New(rand.NewPCG(Seed, stream)) }

// docProps are the fixed document properties of a generated workbook.
type docProps struct {
	title, author     string
	created, modified time.Time
}

// save sets fixed document properties (so no clock time is written) and
// saves f to path, creating its folder.
func save(f *excelize.File, path string, p docProps) error {
	defer f.Close()
	const w3c = "2006-01-02T15:04:05Z"
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator:        Council,
		LastModifiedBy: p.author,
		Title:          p.title,
		Created:        p.created.Format(w3c),
		Modified:       p.modified.Format(w3c),
		Language:       "en-GB",
	}); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if err := f.SaveAs(path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// Months.

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// monthStart is the first day of the month t falls in.
func monthStart(t time.Time) time.Time { return date(t.Year(), t.Month(), 1) }

// monthEnd is the last day of the month t falls in.
func monthEnd(t time.Time) time.Time { return monthStart(t).AddDate(0, 1, -1) }

// addMonths returns the first day of the month n months after t's.
func addMonths(t time.Time, n int) time.Time { return monthStart(t).AddDate(0, n, 0) }

// monthsBetween counts whole calendar months from a's month to b's.
func monthsBetween(a, b time.Time) int {
	return (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
}

func monthDir(t time.Time) string { return t.Format("2006-01") }

// exportTime is when a month's workbooks were exported: 09:00 on the fourth
// day after the month end. It is a fixed value, never the clock.
func exportTime(month time.Time) time.Time {
	return monthEnd(month).AddDate(0, 0, 4).Add(9 * time.Hour)
}

// Random helpers. They use integers only.

// between returns a random integer in [lo, hi].
func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// chance reports true with probability pct per cent.
func chance(r *rand.Rand, pct int) bool { return r.IntN(100) < pct }

// jitter returns a triangular random integer in [-a, a], most often near 0.
func jitter(r *rand.Rand, a int) int { return r.IntN(a+1) + r.IntN(a+1) - a }

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }

// lerp interpolates from a to b in step i of n, in integers.
func lerp(a, b, i, n int) int { return a + (b-a)*i/n }

// tenths converts an integer count of tenths to a number for a cell.
func tenths(v int) float64 { return float64(v) / 10 }
