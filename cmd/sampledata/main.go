// Command sampledata writes the committed sample data: six months of
// improvement-plan trackers and the June 2023 metric workbooks of the
// fictional Northmoor Borough Council.
//
//	go run ./cmd/sampledata -out sample-data
//
// With -large it writes instead the large synthetic data folder used to
// measure performance (never committed): 36 monthly trackers of 2,000
// actions, a 200,000-row allocation export, and caseloads and workforce for
// 40 teams and 40 KPIs over 60 months; -fraction scales the rows of every
// table. With -reader it writes the reader's target: a 5,000-action tracker
// and a 200,000-row allocation export, alone. With -cache, the folder is
// the benchmarks' cache (see sampledata.Cached), written only if missing or
// stale, and its path is printed.
//
//	go run ./cmd/sampledata -large -fraction 0.25 -out /tmp/large-25
//	go run ./cmd/sampledata -large -fraction 0.5 -cache
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/boardpack/boardpack/internal/sampledata"
)

func main() {
	out := flag.String("out", "sample-data", "folder to write the month folders into")
	large := flag.Bool("large", false, "write the large synthetic data folder instead of the sample data")
	fraction := flag.Float64("fraction", 1, "with -large: the share of the full size, e.g. 0.25")
	reader := flag.Bool("reader", false, "write the reader target (a 5,000-action tracker and a 200,000-row allocation export) instead of the sample data")
	cache := flag.Bool("cache", false, "with -large or -reader: use the benchmark cache folder instead of -out, write it only if missing or stale, and print its path")
	flag.Parse()
	if err := run(*out, *large, *reader, *cache, *fraction); err != nil {
		fmt.Fprintln(os.Stderr, "sampledata:", err)
		os.Exit(1)
	}
}

func run(out string, large, reader, cache bool, fraction float64) error {
	if large && reader {
		return fmt.Errorf("-large and -reader are different data sets; give one")
	}
	if fraction <= 0 || fraction > 4 {
		return fmt.Errorf("-fraction %g: give a share of the full size above 0 and at most 4", fraction)
	}
	var name string
	var scale sampledata.Scale
	switch {
	case large:
		name, scale = sampledata.LargeName(fraction), sampledata.Large(fraction)
	case reader:
		name, scale = sampledata.ReaderTargetName, sampledata.ReaderTarget
	case cache:
		return fmt.Errorf("-cache needs -large or -reader")
	default:
		return sampledata.Write(out)
	}
	if cache {
		dir, err := sampledata.Cached(name, scale)
		if err != nil {
			return err
		}
		fmt.Println(dir)
		return nil
	}
	return sampledata.WriteScaled(out, scale)
}
