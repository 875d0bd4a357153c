package main

// stepPause is the output writer's test hook: stepPauseHook, which only the
// kill test sets (in the copy of its test binary that it runs as the
// program, kill_test.go), so production runs never pause or print.
func stepPause() func(step string) { return stepPauseHook }

// stepPauseHook is nil but in the kill test's runs.
var stepPauseHook func(step string)
