//go:build !killtest

package main

// stepPause is the output writer's test hook: nil, so production builds
// never pause or print. The kill test builds with -tags killtest
// (pause_killtest.go).
func stepPause() func(step string) { return nil }
