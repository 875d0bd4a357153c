package xlsx

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/internal/vocab"
)

// sliceRows is a row iterator over rows held in memory.
type sliceRows struct {
	rows [][]string
	i    int
}

func (r *sliceRows) Next() bool                                    { r.i++; return r.i <= len(r.rows) }
func (r *sliceRows) Columns(...excelize.Options) ([]string, error) { return r.rows[r.i-1], nil }
func (r *sliceRows) Error() error                                  { return nil }
func (r *sliceRows) Close() error                                  { return nil }

// fuzzRows cuts the fuzzer's text into rows ("\n") of cells ("|").
func fuzzRows(s string) [][]string {
	var rows [][]string
	for _, line := range strings.Split(s, "\n") {
		rows = append(rows, strings.Split(line, "|"))
		if len(rows) == 80 {
			break
		}
	}
	return rows
}

func readRowsForTest(rows [][]string, opt Options) (*sheetReader, quality.Report, error) {
	return readRowsWith(rows, partRows{}, opt)
}

// readRowsForTestPart reads rows from a sheet whose part says part.
func readRowsForTestPart(rows [][]string, part partRows) (*sheetReader, quality.Report, error) {
	return readRowsWith(rows, part, Options{})
}

func readRowsWith(rows [][]string, part partRows, opt Options) (*sheetReader, quality.Report, error) {
	if opt.Words == nil {
		opt.Words = vocab.Standard()
	}
	rep := quality.Report{}
	f := &folder{kinds: map[Kind]string{}, near: map[Kind]quality.Missing{}, nearProblems: map[Kind][]int{}}
	s := &sheetReader{file: "fuzz.csv", opt: opt, folder: f, rep: &rep, csv: true, refs: map[string]int{}}
	err := s.readRows(&sliceRows{rows: rows}, part)
	return s, rep, err
}

// describeMatch is a match as the fuzz test compares it.
func describeMatch(m match, ok bool) string {
	if !ok {
		return "none"
	}
	var cols []string
	for name, c := range m.cols {
		cols = append(cols, fmt.Sprintf("%s=%d", name, c))
	}
	slices.Sort(cols)
	return fmt.Sprintf("%s %v %v", m.schema.kind, m.headerRows, cols)
}

// FuzzHeaderMatcher feeds the header matcher and the sheet reader arbitrary
// sheets (rows of cells) and checks what must always hold: no panic; the
// same answer twice; a header found lies in the rows searched, gives each
// column at most one field and each field at most one column, and holds
// every column its kind requires; every row after it is accounted for.
//
//	go test ./internal/xlsx -run '^$' -fuzz FuzzHeaderMatcher -fuzztime 5m
func FuzzHeaderMatcher(f *testing.F) {
	for _, seed := range []string{
		"Ref|Action|Lead officer|Due date|RAG\nA1|Do it|Head of Service|31/03/2024|Green",
		"Improvement plan\nRef|Action|Due Date (dd/mm/yyyy)|Status (RAG)\nA1|Do it|TBC|Amber\nSource: PMO",
		"|Actions Required|Lead Officer(s)||Progress\n1. To establish|1. Devise policy|Planning Manager|End Oct 03|Under way",
		"Ref|Action|Due date||Progress|\n||Original|Revised|RAG|Commentary\nW1|Recruit|31/03/2024|30/06/2024|Amber|One appointed",
		"Month|Team|Case-holding FTE|Cases\nMay-24|East|10|200",
		"Month|Team|Staff|Cases\nMay-24|East|10|200",
		"Child ID|Team|Allocated worker\nLCS1|East|Jo",
		"Indicator|Polarity|Apr-23|May-23\nRe-referrals|Lower is better|24|22",
		"WHO|WHAT|BY WHEN\nTreasurer|Circulate the budget|Friday 8 March",
		"Priority 1: workforce\nRef|Action|RAG\nA1|Recruit|Green\nPriority 2: early help\nA2|Open hub|Blue",
		"Action|Status\nAction points from 22 March:\ni. Prepare a briefing|In hand\nUpdate:\nWork under way",
		"R A G|Description|Priority\nGREEN|Framework in place|Medium",
		"Summary|Deadline date|Status\nAFI 1 - prevention strategy|30 Sep 2023|Open - Actions on going off track",
		"\n\n|||\n#|No.|Nos|(RAG)|[x]\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		rows := fuzzRows(text)
		buf := rows[:min(len(rows), headerScan+sampleRows)]
		opt := Options{Words: vocab.Standard()}
		s1 := &sheetReader{file: "fuzz.csv", opt: opt, csv: true}
		m, ok, _, _ := s1.detect(buf)
		s2 := &sheetReader{file: "fuzz.csv", opt: opt, csv: true}
		m2, ok2, _, _ := s2.detect(buf)
		if a, b := describeMatch(m, ok), describeMatch(m2, ok2); a != b {
			t.Fatalf("two readings differ: %s, then %s", a, b)
		}
		if ok {
			last := m.headerRows[len(m.headerRows)-1]
			if m.headerRows[0] < 1 || last > min(len(buf), headerScan) {
				t.Fatalf("header rows %v outside the %d rows searched", m.headerRows, len(buf))
			}
			width := 0
			for _, r := range m.headerRows {
				width = max(width, len(buf[r-1]))
			}
			for _, r := range buf {
				width = max(width, len(r))
			}
			seen := map[int]string{}
			for name, c := range m.cols {
				if c < 0 || c >= width {
					t.Fatalf("%s read from column %d of a %d-column sheet", name, c, width)
				}
				if other, dup := seen[c]; dup {
					t.Fatalf("column %d read as both %s and %s", c, other, name)
				}
				seen[c] = name
				if !m.schema.has(name) {
					t.Fatalf("%s is not a field of %s", name, m.schema.kind)
				}
			}
			if s1.wide == nil {
				for _, fl := range m.schema.fields {
					if _, has := m.cols[fl.name]; fl.required && !has {
						t.Fatalf("%s header without its %s column: %s", m.schema.kind, fl.name, describeMatch(m, ok))
					}
				}
			}
		}
		_, rep, err := readRowsForTest(rows, opt)
		if err != nil {
			return
		}
		for _, sh := range rep.Sheets {
			if sh.Rows != sh.Used+sh.Blank+sh.Notes+sh.Rejected {
				t.Fatalf("rows %d != used %d + blank %d + notes %d + rejected %d", sh.Rows, sh.Used, sh.Blank, sh.Notes, sh.Rejected)
			}
			if sh.Rows != len(rows)-sh.HeaderRows[len(sh.HeaderRows)-1] {
				t.Fatalf("%d rows accounted for after a header at %v, of %d", sh.Rows, sh.HeaderRows, len(rows))
			}
		}
	})
}

// FuzzTokens checks the heading tokens: never an empty token, and case does
// not matter for ASCII headings.
func FuzzTokens(f *testing.F) {
	for _, s := range []string{"Due Date (dd/mm/yyyy)", "R A G", "Ref No.", "#", "RAG0 9/10", "Lead Officer/EM", "Actions required:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := tokens(s)
		for _, tk := range toks {
			if tk == "" {
				t.Fatalf("empty token in %q: %q", s, toks)
			}
		}
		ascii := true
		for i := 0; i < len(s); i++ {
			ascii = ascii && s[i] < 0x80
		}
		if ascii && !slices.Equal(tokens(strings.ToUpper(s)), toks) {
			t.Fatalf("tokens(%q) = %q but upper case gives %q", s, toks, tokens(strings.ToUpper(s)))
		}
		for i := range schemas {
			for _, x := range headingScores(i, s) {
				if x < 0 || x > 1.2 {
					t.Fatalf("score %v for %q", x, s)
				}
			}
		}
	})
}
