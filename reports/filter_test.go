package reports

import (
	"strings"
	"testing"
	"time"

	"github.com/boardpack/boardpack/internal/doc"
	"github.com/boardpack/boardpack/internal/record"
)

func TestFilterSelectsActions(t *testing.T) {
	end := time.Date(2023, 6, 30, 0, 0, 0, 0, time.UTC)
	past := time.Date(2023, 3, 31, 0, 0, 0, 0, time.UTC)
	acts := []record.Action{
		{Ref: "1", Area: "SEND", Lead: "Head of SEND", Progress: record.Red, Status: record.InProgress, Due: past},
		{Ref: "2", Area: "Workforce", Lead: "HR lead", Progress: record.Red, Status: record.Delayed, Due: end.AddDate(0, 2, 0)},
		{Ref: "3", Area: "Workforce", Lead: "HR lead", Progress: record.Green, Status: record.InProgress, Due: past},
		{Ref: "4", Area: "Corporate parenting", Lead: "Head of SEND", Progress: record.Blue, Status: record.Complete, Due: past},
	}
	cases := []struct {
		terms []string
		want  string
	}{
		{nil, "1234"},
		{[]string{"area=send"}, "1"},
		{[]string{"area=SEND", "area=Workforce"}, "123"},
		{[]string{"area=Workforce", "rag=R"}, "2"},
		{[]string{"overdue"}, "13"},
		{[]string{"lead=head of send"}, "14"},
		{[]string{"status=delayed;rag=red"}, "2"},
	}
	for _, c := range cases {
		f, err := ParseFilter(c.terms, nil)
		if err != nil {
			t.Fatalf("%v: %v", c.terms, err)
		}
		got := ""
		for _, a := range acts {
			if f.Match(a, end) {
				got += a.Ref
			}
		}
		if got != c.want {
			t.Errorf("filter %v selects %q, want %q", c.terms, got, c.want)
		}
	}
	for _, bad := range []string{"colour=red", "rag=purple", "status=nearly", "overdue=yes", "area="} {
		if _, err := ParseFilter([]string{bad}, nil); err == nil {
			t.Errorf("filter %q accepted", bad)
		}
	}
}

func TestFilteredAppendixSaysWhatItShows(t *testing.T) {
	in := input(t, false)
	f, _ := ParseFilter([]string{"area=SEND"}, nil)
	in.Filter = f
	d, err := Build(Appendix, in)
	if err != nil {
		t.Fatal(err)
	}
	txt := texts(d)
	if !strings.Contains(txt, "Actions selected: priority area SEND") || !strings.Contains(txt, "1 of 3 in the plan") {
		t.Errorf("filtered appendix does not say what it shows:\n%s", txt)
	}
	if strings.Contains(txt, "Recruit social workers") {
		t.Error("filtered appendix shows an action from another area")
	}
}

func TestScrutinyThemesComeFromTheConfig(t *testing.T) {
	in := input(t, false)
	in.Config.Themes = []string{"early-help"}
	d, err := Build(Scrutiny, in)
	if err != nil {
		t.Fatal(err)
	}
	var headings []string
	for _, s := range d.Sections {
		for _, b := range s.Blocks {
			if h, ok := b.(*doc.Heading); ok && strings.HasPrefix(h.Text, "Theme:") {
				headings = append(headings, h.Text)
			}
		}
	}
	if strings.Join(headings, "|") != "Theme: early help" {
		t.Errorf("theme sections = %v, want only early help", headings)
	}
}

// TestOpenFilterSelectsNoConfidentialActionByWhatItWithholds: an Open
// appendix filtered by lead, rating, status or overdue used to select a
// confidential action and print its placeholder row, telling the public
// its lead, rating, status or that it is overdue ("Actions selected: lead
// X; status Delayed", "Details withheld"). Only its area, which Open
// papers show, selects it there; an exempt appendix selects by anything.
func TestOpenFilterSelectsNoConfidentialActionByWhatItWithholds(t *testing.T) {
	cases := []struct {
		terms  []string
		listed bool // the confidential action CP-09 is selected in an Open paper
	}{
		{[]string{"lead=SENTINEL-LEAD"}, false},
		{[]string{"area=Corporate parenting", "rag=R"}, false},
		{[]string{"area=Corporate parenting", "status=in progress"}, false},
		{[]string{"area=Corporate parenting", "overdue"}, false},
		{[]string{"area=Corporate parenting"}, true},
		{[]string{"confidential"}, true},
	}
	for _, c := range cases {
		for _, exempt := range []bool{false, true} {
			in := input(t, exempt)
			f, err := ParseFilter(c.terms, nil)
			if err != nil {
				t.Fatal(err)
			}
			if in.Filter, err = f.Resolve(in.Results.Plan); err != nil {
				t.Fatal(err)
			}
			d, err := Build(Appendix, in)
			if err != nil {
				t.Fatal(err)
			}
			txt := texts(d)
			got := strings.Contains(txt, withheld) || strings.Contains(txt, "SENTINEL-ACTION")
			if want := c.listed || exempt; got != want {
				t.Errorf("filter %v, exempt %v: confidential action selected %v, want %v", c.terms, exempt, got, want)
			}
		}
	}
}
