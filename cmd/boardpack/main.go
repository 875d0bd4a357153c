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
	tuneGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := exitCode(Run(ctx, os.Args[1:], os.Stdout, os.Stderr), os.Stderr)
	stop()
	os.Exit(code)
}

// tuneGC trades memory for CPU in a short batch run: collect when the
// heap has grown fourfold rather than doubled, but collect harder as it
// nears 200 MiB. A run on the sample data then takes about a quarter less
// CPU for a few megabytes more, and a large folder no more memory than
// before (scripts/ab.sh measures both). GOGC and GOMEMLIMIT in the
// environment still win.
func tuneGC() {
	if _, ok := os.LookupEnv("GOGC"); !ok {
		debug.SetGCPercent(400)
	}
	if _, ok := os.LookupEnv("GOMEMLIMIT"); !ok {
		debug.SetMemoryLimit(200 << 20)
	}
}
