package reports_test

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/boardpack/boardpack/internal/doc"
	"github.com/boardpack/boardpack/internal/pipeline"
	"github.com/boardpack/boardpack/reports"
)

// paperText is a document's prose: its paragraphs and list items, one per
// line.
func paperText(d doc.Document) string {
	var b strings.Builder
	for _, s := range d.Sections {
		for _, bl := range s.Blocks {
			switch x := bl.(type) {
			case *doc.Paragraph:
				for _, sp := range x.Spans {
					b.WriteString(sp.Text)
				}
				b.WriteByte('\n')
			case *doc.List:
				for _, it := range x.Items {
					for _, sp := range it {
						b.WriteString(sp.Text)
					}
					b.WriteByte('\n')
				}
			}
		}
	}
	return b.String()
}

// tables returns the document's tables whose header row holds every one
// of headers.
func tables(d doc.Document, headers ...string) []*doc.Table {
	var out []*doc.Table
	for _, s := range d.Sections {
		for _, bl := range s.Blocks {
			t, ok := bl.(*doc.Table)
			if !ok {
				continue
			}
			have := map[string]bool{}
			for _, c := range t.Columns {
				have[c.Header] = true
			}
			all := true
			for _, h := range headers {
				all = all && have[h]
			}
			if all {
				out = append(out, t)
			}
		}
	}
	return out
}

func column(t *doc.Table, header string) int {
	for i, c := range t.Columns {
		if c.Header == header {
			return i
		}
	}
	return -1
}

func charts(d doc.Document, title string) []*doc.Chart {
	var out []*doc.Chart
	for _, s := range d.Sections {
		for _, bl := range s.Blocks {
			if c, ok := bl.(*doc.Chart); ok && strings.HasPrefix(c.Title, title) {
				out = append(out, c)
			}
		}
	}
	return out
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "%"), 64)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return v
}

// matches returns every match in text of each of res, as its named
// groups by name ("" is the whole match).
func matches(text string, res ...*regexp.Regexp) []map[string]string {
	var out []map[string]string
	for _, re := range res {
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			g := map[string]string{"": m[0]}
			for i, name := range re.SubexpNames() {
				if name != "" {
					g[name] = m[i]
				}
			}
			out = append(out, g)
		}
	}
	return out
}

// consistent checks the counts a paper states in its text against the
// tables and charts it shows them beside. It returns what disagrees.
func consistent(t *testing.T, d doc.Document) []string {
	var bad []string
	fail := func(format string, a ...any) { bad = append(bad, fmt.Sprintf(format, a...)) }
	text := paperText(d)

	// The headline against the table of actions by area (its total row),
	// as each paper puts it: "63 of 125 actions (50%) are complete. 12 are
	// rated Red" (Board), "The plan holds 125 actions across 7 priority
	// areas. At the end of June 2023, 63 (50%) are complete, ... 12 are
	// off track (Red)" (Cabinet), "Of the 125 actions in the plan, 63 (50%)
	// are complete ... and 12 off track" (Scrutiny). A paper with the
	// table whose headline the check cannot read fails: it would compare
	// nothing.
	for _, tb := range tables(d, "Priority area", "Actions", "Complete") {
		last := tb.Rows[len(tb.Rows)-1]
		if last.Cells[0].Text != "All areas" {
			continue
		}
		total, pct := last.Cells[column(tb, "Actions")].Text, last.Cells[column(tb, "Complete")].Text
		headline := matches(text,
			regexp.MustCompile(`\d+ of (?P<total>\d+) actions \((?P<pct>\d+)%\) are complete`),
			regexp.MustCompile(`The plan holds (?P<total>\d+) actions[^.]*\.[^.]*?\d+ \((?P<pct>\d+)%\) are complete`),
			regexp.MustCompile(`Of the (?P<total>\d+) actions in the plan, \d+ \((?P<pct>\d+)%\) are complete`))
		if len(headline) == 0 {
			fail("the text states no count of complete actions the check can read, beside the table by area")
		}
		for _, m := range headline {
			if m["total"] != total || m["pct"]+"%" != pct {
				fail("text says %q; the table by area says %s actions, %s complete", m[""], total, pct)
			}
		}
		if i := column(tb, "Red"); i >= 0 {
			red := matches(text,
				regexp.MustCompile(`(?P<red>\d+) (?:is|are) rated Red\b`),
				regexp.MustCompile(`(?P<red>\d+) (?:is |are )?off track`),
				regexp.MustCompile(`\((?P<red>\d+) Red, `))
			if len(red) == 0 {
				fail("the text states no count of Red actions the check can read, beside the table by area")
			}
			for _, m := range red {
				if m["red"] != last.Cells[i].Text {
					fail("text says %q; the table by area has %s Red", m[""], last.Cells[i].Text)
				}
			}
		}
	}

	// "3 of 8 teams were above their (own) target" against the caseload
	// table (each team's average and target).
	for _, m := range regexp.MustCompile(`(\d+) of (\d+) teams? (?:was|were) above (?:its|their|its own|their own) target(?: \((\d+) above the service target of ([\d.]+)\))?`).FindAllStringSubmatch(text, -1) {
		for _, tb := range tables(d, "Team", "Average caseload", "Target") {
			over, service, teams := 0, 0, 0
			for _, r := range tb.Rows {
				if len(r.Cells) < 3 || r.Cells[0].Bold || r.Cells[1].Text == "-" {
					continue
				}
				teams++
				avg, target := num(t, r.Cells[column(tb, "Average caseload")].Text), num(t, r.Cells[column(tb, "Target")].Text)
				if avg > target {
					over++
				}
				if m[4] != "" && avg > num(t, m[4]) {
					service++
				}
			}
			if strconv.Itoa(over) != m[1] || strconv.Itoa(teams) != m[2] || (m[3] != "" && strconv.Itoa(service) != m[3]) {
				fail("text says %q; the caseload table has %d of %d teams above their target, %d above the service target", m[0], over, teams, service)
			}
		}
	}

	// "41% of social workers held more children than the target" against
	// the distribution's highlighted bars.
	for _, m := range regexp.MustCompile(`(\d+)% of social workers held more children than the target`).FindAllStringSubmatch(text, -1) {
		for _, c := range charts(d, "Social workers by number of children") {
			above, all := 0.0, 0.0
			for i, v := range c.Series[0].Values {
				all += v
				if c.Highlight != nil && i >= c.Highlight.From {
					above += v
				}
			}
			if pct := int(above*100/all + 0.5); strconv.Itoa(pct) != m[1] {
				fail("text says %q; the chart shows %v of %v workers above the target (%d%%)", m[0], above, all, pct)
			}
		}
	}

	// "21 actions improved and 6 worsened" against the full movement
	// table's groups, where the paper has it.
	groups := map[string]int{}
	for _, tb := range tables(d, "Ref", "Action") {
		for _, r := range tb.Rows {
			if m := regexp.MustCompile(`^(Improved|Worsened|New actions|Removed from the tracker) \((\d+)\)$`).FindStringSubmatch(r.Group); m != nil {
				groups[m[1]], _ = strconv.Atoi(m[2])
			}
		}
	}
	// The plan's movement, leaving out sentences about the indicators
	// ("7 improved on the previous month and 5 worsened").
	var plan strings.Builder
	for _, line := range strings.Split(text, "\n") {
		if !strings.Contains(line, "indicator") && !strings.Contains(line, "on the previous month") {
			plan.WriteString(line + "\n")
		}
	}
	if n, ok := groups["Improved"]; ok {
		for _, m := range regexp.MustCompile(`(\d+) (?:actions? )?improved`).FindAllStringSubmatch(plan.String(), -1) {
			if m[1] != strconv.Itoa(n) {
				fail("text says %q; the movement table lists %d improved", m[0], n)
			}
		}
	}
	if n, ok := groups["Worsened"]; ok {
		for _, m := range regexp.MustCompile(`(\d+) worsened`).FindAllStringSubmatch(plan.String(), -1) {
			if m[1] != strconv.Itoa(n) {
				fail("text says %q; the movement table lists %d worsened", m[0], n)
			}
		}
	}

	// "None of the 14 indicators with a target met it" / "3 of the 14"
	// (Board), "Of the 14 key performance indicators with a target, none
	// met it" (Cabinet) against the scorecard's "Against target" column.
	// A paper that speaks of indicators with a target in words the check
	// cannot read fails: it would compare nothing.
	scorecards := tables(d, "Indicator", "Target", "Against target")
	kpis := matches(text,
		regexp.MustCompile(`(?P<met>None|\d+) of the (?P<with>\d+) indicators with a target met it`),
		regexp.MustCompile(`Of the (?P<with>\d+) key performance indicators with a target, (?P<met>none|\d+) met it`))
	if strings.Contains(text, "indicators with a target") && len(kpis) == 0 {
		fail("the text speaks of indicators with a target, but states no count of them the check can read")
	}
	for _, m := range kpis {
		for _, tb := range scorecards {
			met, with := 0, 0
			for _, r := range tb.Rows {
				if r.Cells[column(tb, "Target")].Text != "-" {
					with++
					if r.Cells[column(tb, "Against target")].RAG == "G" {
						met++
					}
				}
			}
			said := m["met"]
			if strings.EqualFold(said, "None") {
				said = "0"
			}
			if said != strconv.Itoa(met) || m["with"] != strconv.Itoa(with) {
				fail("text says %q; the scorecard has %d of %d indicators with a target met", m[""], met, with)
			}
		}
	}

	// "The 27 actions rated Red or overdue" (Board), "27 actions are rated
	// Red or overdue" (Scrutiny), "No actions are rated Red or overdue"
	// (Board, none) against the exceptions table. A paper that speaks of
	// actions rated Red or overdue in words the check cannot read fails.
	exceptions := tables(d, "Ref", "Action", "Lead", "Due", "RAG", "Commentary")
	stated := regexp.MustCompile(`(\d+|No) actions? (?:(?:is|are) )?rated Red or overdue`).FindAllStringSubmatch(text, -1)
	if strings.Contains(text, "rated Red or overdue") && len(stated) == 0 {
		fail("the text speaks of actions rated Red or overdue, but states no count of them the check can read")
	}
	for _, m := range stated {
		if m[1] == "No" {
			m[1] = "0"
		}
		for _, tb := range exceptions {
			rows := 0
			for _, r := range tb.Rows {
				if r.Group == "" {
					rows++
				}
			}
			if strconv.Itoa(rows) != m[1] {
				fail("text says %q; the exceptions table lists %d", m[0], rows)
			}
			break
		}
	}
	return bad
}

// TestCountsAgreeWithTheirTablesAndCharts: in every paper of every month of
// the sample data, each count stated in the text is the count the table or
// chart beside it shows.
func TestCountsAgreeWithTheirTablesAndCharts(t *testing.T) {
	for _, month := range []string{"2023-01", "2023-02", "2023-03", "2023-04", "2023-05", "2023-06"} {
		t.Run(month, func(t *testing.T) {
			t.Parallel()
			run, err := pipeline.Open(context.Background(), pipeline.Options{Data: "../sample-data", Period: month})
			if err != nil {
				t.Fatal(err)
			}
			// The counts typed into the narrative agree with the tracker.
			for _, n := range run.Notices {
				if strings.Contains(n, "narrative.md, commentary on") {
					t.Errorf("%s: %s", month, n)
				}
			}
			for _, k := range reports.Kinds {
				d, err := run.Document(k, false)
				if err != nil {
					t.Fatal(err)
				}
				for _, b := range consistent(t, d) {
					t.Errorf("%s %s: %s", k, month, b)
				}
			}
		})
	}
}

// TestConsistencyCheckCatchesAMismatch builds a document whose text and
// table disagree, for each kind of statement, and expects the check to say
// so: the test cannot pass by checking nothing.
func TestConsistencyCheckCatchesAMismatch(t *testing.T) {
	byArea := &doc.Table{Columns: []doc.Column{{Header: "Priority area"}, {Header: "Actions"}, {Header: "Red"}, {Header: "Complete"}},
		Rows: []doc.Row{{Cells: []doc.Cell{{Text: "All areas"}, {Text: "125"}, {Text: "12"}, {Text: "50%"}}}}}
	teams := &doc.Table{Columns: []doc.Column{{Header: "Team"}, {Header: "Average caseload"}, {Header: "Target"}},
		Rows: []doc.Row{{Cells: []doc.Cell{{Text: "A"}, {Text: "19.5"}, {Text: "18"}}}, {Cells: []doc.Cell{{Text: "B"}, {Text: "18.4"}, {Text: "20"}}}}}
	workers := &doc.Chart{Title: "Social workers by number of children allocated", Categories: []string{"0-18", "19+"},
		Series: []doc.Series{{Values: []float64{60, 40}}}, Highlight: &doc.Highlight{From: 1}}
	para := func(s string) *doc.Paragraph { return &doc.Paragraph{Spans: doc.Text(s)} }
	for _, c := range []struct {
		text string
		want string
	}{
		{"63 of 124 actions (50%) are complete.", "the table by area says 125 actions"},
		{"11 are rated Red.", "the table by area has 12 Red"},
		{"2 of 2 teams were above their own target (1 above the service target of 18).", "1 of 2 teams above their target"},
		{"53% of social workers held more children than the target.", "40 of 100 workers"},
		{"Since April, 20 actions improved and 6 worsened.", "the movement table lists 21 improved"},
		{"Since April, 21 actions improved and 5 worsened.", "the movement table lists 6 worsened"},
		{"None of the 2 indicators with a target met it.", "1 of 2 indicators with a target met"},
		{"The plan holds 124 actions across 7 priority areas. At the end of June 2023, 63 (50%) are complete.", "the table by area says 125 actions"},
		{"Of the 125 actions in the plan, 63 (50%) are complete and 12 are overdue. 32 are on track, 18 at risk and 11 off track.", "the table by area has 12 Red"},
		{"Of the 2 key performance indicators with a target, none met it.", "1 of 2 indicators with a target met"},
		{"Most actions are complete.", "states no count of complete actions"},
		{"Of the 2 performance indicators with a target, none met it.", "speaks of indicators with a target"},
		{"The 3 actions rated Red or overdue at 30 June 2023 are below.", "the exceptions table lists 1"},
		{"No actions are rated Red or overdue this period.", "the exceptions table lists 1"},
		{"Several actions are flagged; those rated Red or overdue are below.", "speaks of actions rated Red or overdue"},
	} {
		movement := &doc.Table{Columns: []doc.Column{{Header: "Ref"}, {Header: "Action"}}, Rows: []doc.Row{{Group: "Improved (21)"}, {Group: "Worsened (6)"}}}
		kpis := &doc.Table{Columns: []doc.Column{{Header: "Indicator"}, {Header: "Target"}, {Header: "Against target"}}, Rows: []doc.Row{
			{Cells: []doc.Cell{{Text: "A"}, {Text: "90%"}, {Text: "Green", RAG: "G"}}}, {Cells: []doc.Cell{{Text: "B"}, {Text: "10"}, {Text: "Red", RAG: "R"}}}}}
		exceptions := &doc.Table{Columns: []doc.Column{{Header: "Ref"}, {Header: "Action"}, {Header: "Lead"}, {Header: "Due"}, {Header: "RAG"}, {Header: "Commentary"}},
			Rows: []doc.Row{{Group: "Workforce"}, {Cells: []doc.Cell{{Text: "WF-01"}, {Text: "Recruit"}, {Text: "Head of Service"}, {Text: "31/03/2024"}, {Text: "Red", RAG: "R"}, {Text: "Delayed"}}}}}
		d := doc.Document{Sections: []doc.Section{{Blocks: []doc.Block{para(c.text), byArea, teams, workers, movement, kpis, exceptions}}}}
		got := strings.Join(consistent(t, d), "\n")
		if !strings.Contains(got, c.want) {
			t.Errorf("%q: the check said %q, want it to report %q", c.text, got, c.want)
		}
	}
}

// TestCabinetGlossaryExplainsItsAbbreviations: every abbreviation the
// Cabinet report uses (a word of two or more capitals, as "CAMHS" or
// "DfE") is in its glossary, Open and exempt, except the action refs'
// prefixes ("WF" of "WF-01") and the few words explained where they
// stand (the RAG key's "NR"; the accessibility statement's own terms).
func TestCabinetGlossaryExplainsItsAbbreviations(t *testing.T) {
	explainedInPlace := map[string]bool{"NR": true, "WCAG": true, "AA": true, "PDF": true, "HTML": true,
		// The markings and the council's name in capitals, and the
		// tracker's own "RESTRICTED:" in exempt updates, are words.
		"OFFICIAL": true, "NOT": true, "FOR": true, "PUBLICATION": true, "NORTHMOOR": true, "BOROUGH": true, "COUNCIL": true, "RESTRICTED": true}
	run, err := pipeline.Open(context.Background(), pipeline.Options{Data: "../sample-data", Period: "2023-06"})
	if err != nil {
		t.Fatal(err)
	}
	abbrev := regexp.MustCompile(`^[A-Z][A-Za-z]*[A-Z][A-Za-z]*$`)
	for _, exempt := range []bool{false, true} {
		d, err := run.Document(reports.Cabinet, exempt)
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		doc.Walk(d, func(s string) { text.WriteString(s + "\n") })
		refPrefix := map[string]bool{}
		for _, m := range regexp.MustCompile(`\b([A-Z]+)-\d`).FindAllStringSubmatch(text.String(), -1) {
			refPrefix[m[1]] = true
		}
		explained := map[string]bool{}
		for _, tb := range tables(d, "Term", "Meaning") {
			for _, r := range tb.Rows {
				explained[r.Cells[0].Text] = true
			}
		}
		var missing []string
		seen := map[string]bool{}
		for _, w := range strings.FieldsFunc(text.String(), func(r rune) bool { return !unicode.IsLetter(r) }) {
			// Mixed case counts only in a short word ("DfE"), not a name.
			if seen[w] || !abbrev.MatchString(w) || strings.ToUpper(w) != w && len(w) > 4 {
				continue
			}
			seen[w] = true
			if !explained[w] && !refPrefix[w] && !explainedInPlace[w] {
				missing = append(missing, w)
			}
		}
		if len(missing) > 0 {
			t.Errorf("exempt %v: the Cabinet report uses %v but its glossary does not explain them (add them to templates/glossary.yaml)", exempt, missing)
		}
	}
}

// TestHeadingsAreDistinct: in every paper of every month, no two headings
// read the same, so that each line of the contents and each bookmark leads
// to one place (the Board paper once had "Delivered but not yet showing
// impact" in its main body and again in Appendix B).
func TestHeadingsAreDistinct(t *testing.T) {
	for _, month := range []string{"2023-01", "2023-03", "2023-06"} {
		t.Run(month, func(t *testing.T) {
			t.Parallel()
			run, err := pipeline.Open(context.Background(), pipeline.Options{Data: "../sample-data", Period: month})
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range reports.Kinds {
				d, err := run.Document(k, false)
				if err != nil {
					t.Fatal(err)
				}
				seen := map[string]bool{}
				for _, s := range d.Sections {
					for _, bl := range s.Blocks {
						if h, ok := bl.(*doc.Heading); ok {
							if seen[h.Text] {
								t.Errorf("%s %s: two headings read %q", k, month, h.Text)
							}
							seen[h.Text] = true
						}
					}
				}
			}
		})
	}
}

// TestAreaChartHasItsTable: a paper that draws the actions by priority
// area and progress RAG also gives their counts in a table, since the
// chart cannot label a segment of one or two actions and colour alone
// does not say how many are Red.
func TestAreaChartHasItsTable(t *testing.T) {
	run, err := pipeline.Open(context.Background(), pipeline.Options{Data: "../sample-data", Period: "2023-06"})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range reports.Kinds {
		d, err := run.Document(k, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range charts(d, "Actions by priority area") {
			found := false
			for _, tb := range tables(d, "Priority area", "Blue", "Green", "Amber", "Red") {
				areas := map[string]bool{}
				for _, r := range tb.Rows {
					if len(r.Cells) > 0 {
						areas[r.Cells[0].Text] = true
					}
				}
				all := true
				for _, a := range c.Categories {
					all = all && areas[a]
				}
				found = found || all
			}
			if !found {
				t.Errorf("%s: the chart of actions by priority area has no table of its counts for every area", k)
			}
		}
	}
}
