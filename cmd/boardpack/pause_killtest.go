//go:build killtest

package main

import (
	"fmt"
	"os"
	"time"
)

// stepPause, in the kill test's build, slows the output writer: before each
// step it prints "step NAME" on stderr and sleeps BOARDPACK_STEP_PAUSE (a
// duration), so the test can kill the run between any two steps and tell
// which step it interrupted.
func stepPause() func(step string) {
	d, err := time.ParseDuration(os.Getenv("BOARDPACK_STEP_PAUSE"))
	if err != nil {
		return nil
	}
	return func(step string) {
		fmt.Fprintf(os.Stderr, "step %s\n", step)
		time.Sleep(d)
	}
}
