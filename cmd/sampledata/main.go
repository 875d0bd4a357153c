// Command sampledata writes the committed sample data: six months of
// improvement-plan trackers and the June 2023 metric workbooks of the
// fictional Northmoor Borough Council.
//
//	go run ./cmd/sampledata -out sample-data
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/boardpack/boardpack/internal/sampledata"
)

func main() {
	out := flag.String("out", "sample-data", "folder to write the month folders into")
	flag.Parse()
	if err := sampledata.Write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "sampledata:", err)
		os.Exit(1)
	}
}
