// Package gctune sets Go's garbage collector for boardpack's short batch
// runs: the program's commands, and the tests and benchmarks that run the
// same work.
package gctune

import (
	"os"
	"runtime/debug"
)

// Limits for ForBatch: generate and pack hold every month's actions and
// render four papers at once; validate and inspect hold little once a
// sheet is read, and at 128 MiB the reader's target (a 200,000-row export)
// stays under 150 MB for no measurable CPU.
const (
	RenderLimit = 200 << 20
	ReadLimit   = 128 << 20
)

// ForBatch trades memory for CPU in a short batch run: the collector runs
// when the heap has grown fourfold (GOGC=400) rather than doubled, and
// harder as the heap nears limit bytes. On the sample data a generate
// then takes about a quarter less CPU for a few megabytes more, and a
// large folder less memory than with Go's defaults. GOGC and GOMEMLIMIT
// in the environment still win; scripts/ab.sh and scripts/bench.sh
// measure all of it.
func ForBatch(limit int64) {
	if _, ok := os.LookupEnv("GOGC"); !ok {
		debug.SetGCPercent(400)
	}
	if _, ok := os.LookupEnv("GOMEMLIMIT"); !ok {
		debug.SetMemoryLimit(limit)
	}
}
