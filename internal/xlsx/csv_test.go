package xlsx_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/internal/record"
	"github.com/boardpack/boardpack/internal/xlsx"
)

// csvRows writes rows as CSV text with separator sep, quoting where needed.
func csvText(rows [][]string, sep string) string {
	var b strings.Builder
	for _, r := range rows {
		for i, c := range r {
			if i > 0 {
				b.WriteString(sep)
			}
			if strings.ContainsAny(c, sep+"\"\n") {
				c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
			b.WriteString(c)
		}
		b.WriteString("\r\n")
	}
	return b.String()
}

func encode(t *testing.T, text, enc string) []byte {
	t.Helper()
	switch enc {
	case "utf-8":
		return []byte(text)
	case "utf-8 with BOM":
		return append([]byte{0xEF, 0xBB, 0xBF}, text...)
	case "windows-1252":
		b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		return b
	case "utf-16 with BOM":
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	t.Fatalf("no encoding %s", enc)
	return nil
}

// TestCSVExports reads a tracker and a caseload export as CSV in each
// encoding councils' systems write and with each separator, with the same
// recognition, row accounting and cell references as a workbook.
func TestCSVExports(t *testing.T) {
	t.Parallel()
	tracker := [][]string{
		{"Improvement plan – data as at 31/05/2024"},
		{},
		{"Ref", "Action", "Lead officer", "Due date", "RAG", "Commentary"},
		{"W1", "Recruit two team managers (£4,000 golden hello)", "Head of Service", "31/03/2024", "Amber", "One appointed;\nthe other at interview"},
		{},
		{"W2", "Agree the ‘practice model’", "Principal Social Worker", "30/04/2024", "Blue", "Agreed"},
		{"W3", "Audit case files", "Head of Quality", "31/02/2024", "Green", ""},
	}
	caseloads := [][]string{
		{"Month", "Team", "Case-holding FTE", "Cases"},
		{"May-24", "East", "10.5", "1,210"},
		{"May-24", "West", "8", "x"},
	}
	for _, enc := range []string{"utf-8", "utf-8 with BOM", "windows-1252", "utf-16 with BOM"} {
		for _, sep := range []string{",", ";", "\t"} {
			t.Run(enc+" "+strings.ReplaceAll(sep, "\t", "tab"), func(t *testing.T) {
				dir := t.TempDir()
				write := func(name string, rows [][]string) {
					if err := os.WriteFile(filepath.Join(dir, name), encode(t, csvText(rows, sep), enc), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				write("tracker.csv", tracker)
				write("caseloads.csv", caseloads)
				data, rep, err := xlsx.ReadFolder(dir, xlsx.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if data.Month.String() != "2024-05" || len(rep.Sheets) != 2 {
					t.Fatalf("month %s, sheets %+v, problems %v", data.Month, rep.Sheets, rep.Problems)
				}
				a := data.Periods[0].Actions
				if len(a) != 2 || a[0].Text != "Recruit two team managers (£4,000 golden hello)" || a[1].Text != "Agree the ‘practice model’" ||
					a[0].Update != "One appointed; the other at interview" {
					t.Errorf("actions %+v", a)
				}
				// Row numbers are the spreadsheet's: the quoted line break
				// is inside row 4, the blank line is row 5.
				if rep.Errors() != 1 || rep.Problems[0].String() != `tracker.csv › D7: due date: "31/02/2024" is not a date: February 2024 has no day 31` {
					t.Errorf("problems %v, want one at tracker.csv › D7", rep.Problems)
				}
				var tr, cl quality.SheetReport
				for _, s := range rep.Sheets {
					if s.File == "tracker.csv" {
						tr = s
					} else {
						cl = s
					}
				}
				if tr.Kind != "actions" || tr.HeaderRow != 3 || tr.Rows != 4 || tr.Used != 2 || tr.Blank != 1 || tr.Rejected != 1 || tr.Sheet != "" {
					t.Errorf("tracker accounting %+v", tr)
				}
				if cl.Kind != "caseloads" || cl.Used != 2 || len(data.Caseloads) != 2 || data.Caseloads[0].Cases.Value != 1210 || data.Caseloads[1].Cases.Valid {
					t.Errorf("caseloads %+v %+v", cl, data.Caseloads)
				}
			})
		}
	}
}

// TestCSVDecimalCommaIsNotThousands: "12,5" in an export is refused, never
// read as 125.
func TestCSVDecimalCommaIsNotThousands(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "plan.csv"), []byte("Ref,Action,RAG\nA1,Do it,Green\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "caseloads.csv"), []byte("Month;Team;Case-holding FTE;Cases\nMay-24;East;12,5;200\n"), 0o644)
	_, rep, err := xlsx.ReadFolder(dir, xlsx.Options{Until: record.Month{Year: 2024, Month: 5}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Errors() != 1 || rep.Problems[0].Cell != "C2" || !strings.Contains(rep.Problems[0].Message, "commas may only separate thousands") {
		t.Errorf("problems %v, want 12,5 refused at C2", rep.Problems)
	}
}

// TestCSVThatIsNotText: a binary file saved with a .csv name is refused
// with a message, not read as rows of noise.
func TestCSVThatIsNotText(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "plan.csv"), []byte("Ref,Action,RAG\nA1,Do it,Green\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "export.csv"), bytes.Repeat([]byte{0, 1, 2, 0xff}, 64), 0o644)
	_, rep, _ := xlsx.ReadFolder(dir, xlsx.Options{Until: record.Month{Year: 2024, Month: 5}})
	if rep.Errors() != 1 || rep.Problems[0].File != "export.csv" || !strings.Contains(rep.Problems[0].Message, "not a CSV export") {
		t.Errorf("problems %v", rep.Problems)
	}
}

// TestMonthColumnWithoutMonths: a national statistics export whose
// "time_period" holds years (201617) is one error naming the sheet and
// what it lacks, not an error for each of its rows.
func TestMonthColumnWithoutMonths(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "plan.csv"), []byte("Ref,Action,RAG\nA1,Do it,Green\n"), 0o644)
	var b strings.Builder
	b.WriteString("time_period,la_name,social_worker_fte,agency_fte,vacancy_fte\n")
	for i := range 50 {
		b.WriteString("2016" + string(rune('1'+i%8)) + "7,Somewhere,100,20,10\n")
	}
	os.WriteFile(filepath.Join(dir, "csww_headline_measures.csv"), []byte(b.String()), 0o644)
	_, rep, err := xlsx.ReadFolder(dir, xlsx.Options{Until: record.Month{Year: 2024, Month: 5}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Errors() != 1 || rep.Problems[0].Effect != quality.SheetNotRead || !strings.Contains(rep.Problems[0].Message, `looks like a workforce sheet but its month column A "time_period" holds 201617`) {
		t.Errorf("problems (%d): %v", len(rep.Problems), rep.Problems)
	}
}

// TestCSVQuoteThatRunsOnIsAnError: a quoted value followed by other text
// ("Head of Service"x,) or never closed used to run on over the rows
// below it, read leniently as one value: three rows became one, exit 0,
// and the confidential row's text printed as part of the action above
// it. It must be an error naming the row, and no action read from the
// run-together rows.
func TestCSVQuoteThatRunsOnIsAnError(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"text after the closing quote":  "Ref,Action,Lead,RAG,Confidential\nA0,Start,Head,Green,No\nA1,\"Do it\"x,Head,Green,No\nA2,Investigate SECRETX,Head,Red,Yes\nA3,\"Another\",Head,Amber,No\n",
		"space after the closing quote": "Ref,Action,Lead,RAG,Confidential\nA0,Start,Head,Green,No\nA1,\"Do it\" ,Head,Green,No\nA2,Investigate SECRETX,Head,Red,Yes\nA3,\"Another\",Head,Amber,No\n",
		"never closed":                  "Ref,Action,Lead,RAG,Confidential\nA0,Start,Head,Green,No\nA1,\"Do it,Head,Green,No\nA2,Investigate SECRETX,Head,Red,Yes\n",
	}
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "plan.csv"), []byte(text), 0o644)
			data, rep, _ := xlsx.ReadFolder(dir, xlsx.Options{Until: record.Month{Year: 2024, Month: 5}})
			found := false
			for _, p := range rep.Problems {
				if p.Severity == quality.Error && p.File == "plan.csv" && strings.Contains(p.Message, "row 3") && strings.Contains(p.Message, "quote") {
					found = true
				}
			}
			if !found {
				t.Errorf("no error naming row 3 and the quote: %v", rep.Problems)
			}
			for _, p := range data.Periods {
				for _, a := range p.Actions {
					if strings.Contains(a.Text, "SECRETX") && !a.Confidential {
						t.Errorf("the confidential row's text read into action %s: %q", a.Ref, a.Text)
					}
				}
			}
		})
	}
	// Quotes Excel writes, and a quote inside an unquoted value, are read.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "plan.csv"), []byte("Ref,Action,Lead,RAG\nA1,\"Say \"\"yes\"\"\",Head,Green\r\nA2,\"Two\nlines\",Head,Red\nA3,a 5\" pipe,Head,Amber\n"), 0o644)
	data, rep, _ := xlsx.ReadFolder(dir, xlsx.Options{Until: record.Month{Year: 2024, Month: 5}})
	if rep.Errors() != 0 || len(data.Periods) != 1 || len(data.Periods[0].Actions) != 3 || data.Periods[0].Actions[2].Text != `a 5" pipe` {
		t.Errorf("problems %v, periods %+v", rep.Problems, data.Periods)
	}
}

// TestCSVCutShortIsAnError: a CSV export cut off part way through a row (a
// copy interrupted, a full disk) lost the row's last values, its
// Confidential flag among them, and the confidential action printed in
// full, exit 0. A file that ends without a line break part way through a
// row (fewer values than the rows above it) is an error naming the row; a
// whole last row without a final line break is read.
func TestCSVCutShortIsAnError(t *testing.T) {
	t.Parallel()
	const head = "Ref,Action,Lead,RAG,Confidential\r\nA1,Public action,Head,Green,No\r\n"
	for _, c := range []struct {
		name, text string
		err        bool
	}{
		{"cut before the flag", head + "A2,Investigate SECRETX,Head,Red", true},
		{"cut in a quoted value", head + "A2,\"Investigate SECRETX,Head,Red,Yes", true},
		{"whole last row, no line break", head + "A2,Investigate SECRETX,Head,Red,Yes", false},
		{"whole last row", head + "A2,Investigate SECRETX,Head,Red,Yes\r\n", false},
		{"a note, no line break", head + "A2,Investigate SECRETX,Head,Red,Yes\r\nSource: PMO", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "plan.csv"), []byte(c.text), 0o644)
			data, rep, _ := xlsx.ReadFolder(dir, xlsx.Options{Until: record.Month{Year: 2024, Month: 5}})
			found := false
			for _, p := range rep.Problems {
				found = found || (p.Severity == quality.Error && p.File == "plan.csv" && strings.Contains(p.Message, "row 3"))
			}
			if found != c.err {
				t.Errorf("error naming row 3: %v, want %v; problems %v", found, c.err, rep.Problems)
			}
			for _, p := range data.Periods {
				for _, a := range p.Actions {
					if strings.Contains(a.Text, "SECRETX") && !a.Confidential {
						t.Errorf("action %s read without its flag", a.Ref)
					}
				}
			}
		})
	}
}
