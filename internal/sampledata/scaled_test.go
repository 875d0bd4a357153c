package sampledata

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var smallScale = Scale{Trackers: 4, Actions: 300, Allocations: 4000, Teams: 5, MetricMonths: 14, KPIs: 15}

// scaledWritten is one run of WriteScaled at smallScale, shared by the
// tests that only read its files.
var scaledWritten struct {
	once sync.Once
	dir  string
	err  error
}

// scaledGenerated returns the folder of the shared run of WriteScaled,
// made on first use; TestMain removes it.
func scaledGenerated(t *testing.T) string {
	t.Helper()
	scaledWritten.once.Do(func() {
		dir, err := os.MkdirTemp("", "sampledata-scaled")
		if err != nil {
			scaledWritten.err = err
			return
		}
		scaledWritten.dir = dir
		scaledWritten.err = WriteScaled(dir, smallScale)
	})
	if scaledWritten.err != nil {
		t.Fatal(scaledWritten.err)
	}
	return scaledWritten.dir
}

func TestWriteScaledIsDeterministic(t *testing.T) {
	first, second := scaledGenerated(t), t.TempDir()
	if err := WriteScaled(second, smallScale); err != nil {
		t.Fatal(err)
	}
	a, b := xlsxFiles(t, first), xlsxFiles(t, second)
	if len(a) != smallScale.Trackers+4 {
		t.Errorf("wrote %d workbooks, want %d", len(a), smallScale.Trackers+4)
	}
	sameFiles(t, a, b, "two runs of WriteScaled differ")
}

func TestWriteScaledSizes(t *testing.T) {
	dir := scaledGenerated(t)
	june := filepath.Join(dir, "2023-06")
	_, actions := table(t, filepath.Join(june, "Improvement Plan Tracker Jun 2023.xlsx"), trackerSheet, "Ref")
	if len(actions) != smallScale.Actions {
		t.Errorf("%d actions, want %d", len(actions), smallScale.Actions)
	}
	header, caseloads := table(t, filepath.Join(june, "Caseloads by team June 2023.xlsx"), "Caseloads", "Month")
	if want := smallScale.Teams * smallScale.MetricMonths; len(caseloads) != want {
		t.Errorf("%d caseload rows, want %d", len(caseloads), want)
	}
	juneCases := 0
	cases := column(header, caseloads, "Children allocated")
	for k, m := range column(header, caseloads, "Month") {
		if m == "Jun-23" {
			var n int
			for _, c := range cases[k] {
				n = n*10 + int(c-'0')
			}
			juneCases += n
		}
	}
	_, allocations := table(t, filepath.Join(june, "Allocations snapshot 30-06-2023.xlsx"), "Allocations", "Child ID")
	if len(allocations) != smallScale.Allocations || juneCases != smallScale.Allocations {
		t.Errorf("%d allocation rows and %d children in June's caseloads, want %d", len(allocations), juneCases, smallScale.Allocations)
	}
	header, workforce := table(t, filepath.Join(june, "Workforce dashboard June 2023.xlsx"), "Workforce", "Month")
	if len(header) < 2 || header[1] != "Team" || len(workforce) != smallScale.Teams*smallScale.MetricMonths {
		t.Errorf("workforce header %q and %d rows, want a Team column and %d rows", header, len(workforce), smallScale.Teams*smallScale.MetricMonths)
	}
	_, kpis := table(t, filepath.Join(june, "KPI scorecard June 2023.xlsx"), "KPIs", "Month")
	if want := smallScale.KPIs * smallScale.MetricMonths; len(kpis) != want {
		t.Errorf("%d KPI rows, want %d", len(kpis), want)
	}
	refs := map[string]bool{}
	for _, row := range actions {
		if refs[row[0]] {
			t.Fatalf("ref %s used twice", row[0])
		}
		refs[row[0]] = true
	}
}

func TestLarge(t *testing.T) {
	full, quarter := Large(1), Large(0.25)
	if full != (Scale{Trackers: 36, Actions: 2000, Allocations: 200000, Teams: 40, MetricMonths: 60, KPIs: 40}) {
		t.Errorf("Large(1) = %+v", full)
	}
	if quarter.Actions != 500 || quarter.Allocations != 50000 || quarter.Teams != 10 || quarter.Trackers != 36 {
		t.Errorf("Large(0.25) = %+v", quarter)
	}
	if !strings.HasSuffix(LargeName(0.25), "large-0.25") {
		t.Errorf("LargeName(0.25) = %q", LargeName(0.25))
	}
	if err := (Scale{Trackers: 1, Actions: 10, Allocations: 10, Teams: 5}).check(); err == nil {
		t.Error("10 allocations for 5 teams accepted")
	}
}
