// Command boardpack turns a council's monthly spreadsheet exports into the
// papers for its children's services Improvement Board, Scrutiny Committee
// and Cabinet. See the README for usage.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/boardpack/boardpack/internal/gctune"
)

func main() {
	tuneGC(os.Args[1:])
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := exitCode(Run(ctx, processEnv(), os.Args[1:], os.Stdout, os.Stderr), os.Stderr)
	stop()
	os.Exit(code)
}

// tuneGC sets the collector for the command in args (see gctune.ForBatch).
func tuneGC(args []string) {
	limit := int64(gctune.RenderLimit)
	if len(args) > 0 && (args[0] == "validate" || args[0] == "inspect") {
		limit = gctune.ReadLimit
	}
	gctune.ForBatch(limit)
}
