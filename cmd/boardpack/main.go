// Command boardpack turns a council's monthly spreadsheet exports into the
// papers for its children's services Improvement Board, Scrutiny Committee
// and Cabinet. See the README for usage.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

func main() {
	tuneGC(os.Args[1:])
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := exitCode(Run(ctx, processEnv(), os.Args[1:], os.Stdout, os.Stderr), os.Stderr)
	stop()
	os.Exit(code)
}

// tuneGC trades memory for CPU in a short batch run: collect when the
// heap has grown fourfold rather than doubled, but collect harder as it
// nears a limit. generate and pack hold every month's actions and render
// four papers at once, so their limit is 200 MiB: a run on the sample data
// then takes about a quarter less CPU for a few megabytes more, and a large
// folder less memory than with Go's defaults. validate and inspect hold
// little once a sheet is read; at 128 MiB the reader's target (a
// 200,000-row export) stays under 150 MB for no measurable CPU. GOGC and
// GOMEMLIMIT in the environment still win; scripts/ab.sh and
// scripts/bench.sh measure all of it.
func tuneGC(args []string) {
	if _, ok := os.LookupEnv("GOGC"); !ok {
		debug.SetGCPercent(400)
	}
	if _, ok := os.LookupEnv("GOMEMLIMIT"); !ok {
		limit := int64(200 << 20)
		if len(args) > 0 && (args[0] == "validate" || args[0] == "inspect") {
			limit = 128 << 20
		}
		debug.SetMemoryLimit(limit)
	}
}
