//go:build !unix

package pdf

// cpuTime is not measured here; BenchmarkTaggingAB's %cpu is then 0.
func cpuTime() float64 { return 0 }
