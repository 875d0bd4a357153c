package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/boardpack/boardpack/internal/doc"
	"github.com/boardpack/boardpack/internal/measure"
	"github.com/boardpack/boardpack/internal/narrative"
	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/internal/record"
	"github.com/boardpack/boardpack/reports"
)

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// open runs the pipeline's reading and measuring as opts ask; problems in
// the data are in the run's report, not an error.
func open(t *testing.T, opts Options) *Run {
	t.Helper()
	run, err := Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return run
}

// load is open for data with no errors.
func load(t *testing.T, opts Options) *Run {
	t.Helper()
	run := open(t, opts)
	if err := run.CheckData(false); err != nil {
		t.Fatal(err)
	}
	return run
}

// allText is every string a document prints, one block per line.
func allText(d doc.Document) string {
	var b strings.Builder
	spans := func(ss []doc.Span) {
		for _, s := range ss {
			b.WriteString(s.Text)
		}
		b.WriteByte('\n')
	}
	for _, s := range d.Sections {
		for _, bl := range s.Blocks {
			switch x := bl.(type) {
			case *doc.Title:
				for _, f := range x.Fields {
					b.WriteString(f.Label + ": " + f.Value + "\n")
				}
			case *doc.Heading:
				b.WriteString(x.Text + "\n")
			case *doc.Paragraph:
				spans(x.Spans)
			case *doc.List:
				for _, it := range x.Items {
					spans(it)
				}
			case *doc.Table:
				for _, r := range x.Rows {
					b.WriteString(r.Group)
					for _, c := range r.Cells {
						b.WriteString(c.Text + " | ")
					}
					b.WriteByte('\n')
				}
			case *doc.Tiles:
				for _, it := range x.Items {
					b.WriteString(it.Label + " " + it.Value + " " + it.Change + "\n")
				}
			}
		}
	}
	return b.String()
}

// TestEveryMonthGoesToItsMeeting generates every month of the sample data
// with its calendar (a six-weekly board, a quarterly scrutiny committee, a
// cabinet three times a year) and checks each body's meeting date, the
// period "since the last meeting" compares with, and the forward plan. The
// expected values are worked out by hand from the calendar in
// sample-data/boardpack.yaml.
func TestEveryMonthGoesToItsMeeting(t *testing.T) {
	type want struct {
		date  string // meeting date
		since string // the period the paper compares with, "" for none
	}
	cases := map[string]map[string]want{
		"2023-01": {"board": {"2023-03-01", ""}, "scrutiny": {"2023-04-19", ""}, "cabinet": {"2023-03-23", ""}},
		// Cabinet's calendar starts at 23 March: with no earlier meeting
		// known, February compares with the month before.
		"2023-02": {"board": {"2023-03-01", ""}, "scrutiny": {"2023-04-19", ""}, "cabinet": {"2023-03-23", "2023-01"}},
		"2023-03": {"board": {"2023-04-12", "2023-02"}, "scrutiny": {"2023-04-19", ""}, "cabinet": {"2023-07-27", "2023-02"}},
		"2023-04": {"board": {"2023-05-24", "2023-03"}, "scrutiny": {"2023-07-19", "2023-03"}, "cabinet": {"2023-07-27", "2023-02"}},
		"2023-05": {"board": {"2023-07-12", "2023-04"}, "scrutiny": {"2023-07-19", "2023-03"}, "cabinet": {"2023-07-27", "2023-02"}},
		"2023-06": {"board": {"2023-07-12", "2023-04"}, "scrutiny": {"2023-07-19", "2023-03"}, "cabinet": {"2023-07-27", "2023-02"}},
	}
	for month, bodies := range cases {
		t.Run(month, func(t *testing.T) {
			t.Parallel()
			run := load(t, Options{Data: sampleData, Period: month})
			for body, w := range bodies {
				m, err := run.Meeting(body)
				if err != nil {
					t.Fatalf("%s: %v", body, err)
				}
				if got := m.Date.Format("2006-01-02"); got != w.date {
					t.Errorf("%s paper for %s: meeting %s, want %s", body, month, got, w.date)
				}
				res, err := run.resultsFor(m)
				if err != nil {
					t.Fatal(err)
				}
				compared := ""
				if res.Movement.Has {
					compared = res.Movement.Previous.String()
				}
				if compared != w.since {
					t.Errorf("%s paper for %s compares with %q, want %q", body, month, compared, w.since)
				}
			}
			// The papers themselves print the meeting date and what they
			// compare with.
			board, err := run.Document(reports.Board, false)
			if err != nil {
				t.Fatal(err)
			}
			txt := allText(board)
			wantDate := date(bodies["board"].date).Format("2 January 2006")
			if !strings.Contains(txt, "Meeting date: "+wantDate) {
				t.Errorf("board paper for %s does not name its meeting, %s", month, wantDate)
			}
			if s := bodies["board"].since; s != "" {
				mo, _ := record.ParseMonth(s)
				if !strings.Contains(txt, "(figures to the end of "+mo.Long()+")") || !strings.Contains(txt, "since "+mo.Long()) {
					t.Errorf("board paper for %s does not compare with %s:\n%s", month, mo.Long(), txt[:min(len(txt), 1500)])
				}
			}
		})
	}
}

// TestForwardPlanFromTheCalendar: the Scrutiny paper lists the committee's
// next meetings and the month each will report.
func TestForwardPlanFromTheCalendar(t *testing.T) {
	run := load(t, Options{Data: sampleData})
	d, err := run.Document(reports.Scrutiny, false)
	if err != nil {
		t.Fatal(err)
	}
	txt := allText(d)
	for _, row := range []string{"18 October 2023 | September 2023 |", "24 January 2024 | December 2023 |"} {
		if !strings.Contains(txt, row) {
			t.Errorf("forward plan lacks %q", row)
		}
	}
	if strings.Contains(txt, "19 July 2023 | June 2023") {
		t.Error("the forward plan lists the meeting the paper is for")
	}
}

// TestSixWeeklyBoardComparesWithItsLastMeeting runs a different six-weekly
// calendar and checks the Board paper's movement figures against the
// movement computed directly between June and the month reported at the
// previous board.
func TestSixWeeklyBoardComparesWithItsLastMeeting(t *testing.T) {
	dir := copySample(t)
	cfg := filepath.Join(dir, "boardpack.yaml")
	b, _ := os.ReadFile(cfg)
	s := strings.Replace(string(b), "dates: [2023-01-18, 2023-03-01, 2023-04-12, 2023-05-24, 2023-07-12, 2023-08-23, 2023-10-04, 2023-11-15, 2023-12-20]",
		"dates: [2023-02-08, 2023-03-22, 2023-05-03, 2023-06-14, 2023-07-26, 2023-09-06]", 1)
	if s == string(b) {
		t.Fatal("the sample board calendar has changed; update this test")
	}
	os.WriteFile(cfg, []byte(s), 0o644)
	run := load(t, Options{Data: dir})
	m, err := run.Meeting("board")
	if err != nil {
		t.Fatal(err)
	}
	// June's paper goes to 26 July; the previous board, 14 June, had May's.
	if m.Date != date("2023-07-26") || m.Since.String() != "2023-05" {
		t.Fatalf("meeting %v since %v", m.Date, m.Since)
	}
	var may, june record.Period
	for _, p := range run.Data.Periods {
		switch p.Month.String() {
		case "2023-05":
			may = p
		case "2023-06":
			june = p
		}
	}
	mv := measure.MovementOf(may, june)
	d, err := run.Document(reports.Board, false)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("%d actions improved and %d worsened", len(mv.Improved), len(mv.Worsened))
	if !strings.Contains(allText(d), want) {
		t.Errorf("board paper does not say %q", want)
	}
	// With the calendar's last date in the past, there is no meeting to
	// write for: a clear error, not a paper for a past meeting.
	os.WriteFile(cfg, []byte(strings.Replace(s, ", 2023-07-26, 2023-09-06]", "]", 1)), 0o644)
	setup, err := Prepare(Options{Data: dir})
	if err != nil {
		t.Fatal(err)
	}
	snap, _ := setup.Read()
	run, _ = setup.Load(context.Background(), snap)
	_, err = run.Papers(context.Background(), Request{Kinds: []reports.Kind{reports.Board}})
	if KindOf(err) != Config || !strings.Contains(fmt.Sprint(err), "meetings.board.dates has no meeting after 30 June 2023 (the last is 14 June 2023)") {
		t.Errorf("no meeting left: %v", err)
	}
	// A meeting date given outright wins over the calendar.
	setup.Options.Meeting = date("2023-07-05")
	run, _ = setup.Load(context.Background(), snap)
	if m, err := run.Meeting("board"); err != nil || m.Date != date("2023-07-05") || m.Since.String() != "2023-05" {
		t.Errorf("given meeting: %v %v %v", m.Date, m.Since, err)
	}
}

// TestLateForPublication warns when a paper is made after its publication
// deadline, five clear days before the meeting.
func TestLateForPublication(t *testing.T) {
	for today, late := range map[string]bool{"2023-07-03": false, "2023-07-06": false, "2023-07-07": true, "2023-07-11": true} {
		run := load(t, Options{Data: sampleData, Today: date(today)})
		ps, err := run.Papers(context.Background(), Request{Kinds: []reports.Kind{reports.Board}})
		if err != nil {
			t.Fatal(err)
		}
		got := len(ps[0].Notices) > 0 && strings.Contains(ps[0].Notices[0], "after its publication deadline of 6 July 2023")
		if got != late {
			t.Errorf("made on %s: late %v, want %v (%q)", today, got, late, ps[0].Notices)
		}
	}
}

// TestGapMonthIsNotCalledWhatTheLastMeetingHad: with April's folder
// missing, June's Board paper (the previous board, 24 May, had April's
// figures) can only compare with March. It must not tell the Board that
// March was the position reported to it, and it says why it compares
// with March.
func TestGapMonthIsNotCalledWhatTheLastMeetingHad(t *testing.T) {
	dir := copySample(t)
	if err := os.RemoveAll(filepath.Join(dir, "2023-04")); err != nil {
		t.Fatal(err)
	}
	run := load(t, Options{Data: dir, Period: "2023-06"})
	d, err := run.Document(reports.Board, false)
	if err != nil {
		t.Fatal(err)
	}
	txt := allText(d)
	for _, wrong := range []string{"(figures to the end of March 2023)", "Compared with March 2023, the position reported to the last board"} {
		if strings.Contains(txt, wrong) {
			t.Errorf("board paper says %q, but the last board had April's figures", wrong)
		}
	}
	if !strings.Contains(txt, "Since March 2023,") {
		t.Errorf("board paper does not say it compares with March 2023:\n%s", txt[:min(len(txt), 1500)])
	}
	want := "April 2023, the period reported to the meeting on 24 May 2023, has no improvement-plan tracker in the data; the plan's changes are measured since March 2023."
	if !strings.Contains(txt, want) {
		t.Errorf("board paper's data-quality note lacks %q", want)
	}
}

// TestEarlierReportNotInTheDataIsNotTheFirst: the committee met on 25
// January 2023 and had December's figures, which the data folder does not
// hold. March's paper for 19 April cannot compare with them, but must not
// tell the committee it has never been reported to; nor may February's
// Board paper (the board met on 18 January).
func TestEarlierReportNotInTheDataIsNotTheFirst(t *testing.T) {
	run := load(t, Options{Data: sampleData, Period: "2023-03"})
	d, err := run.Document(reports.Scrutiny, false)
	if err != nil {
		t.Fatal(err)
	}
	txt := allText(d)
	if strings.Contains(txt, "first period reported") {
		t.Error("scrutiny paper for 19 April 2023 says this is the first period reported to the committee, which met on 25 January")
	}
	if want := "The figures reported to the committee on 25 January 2023 are not in the data, so no change since then is given."; !strings.Contains(txt, want) {
		t.Errorf("scrutiny paper lacks %q", want)
	}
	run = load(t, Options{Data: sampleData, Period: "2023-02"})
	if d, err = run.Document(reports.Board, false); err != nil {
		t.Fatal(err)
	}
	if txt := allText(d); strings.Contains(txt, "First period reported") {
		t.Error("board paper for 1 March 2023 calls February the first period reported; the board met on 18 January")
	}
}

// TestTrackerSourcesGiveTheTrackersDate: June's tracker copied into July
// says "Data as at 30/06/2023"; the charts drawn from it must say so too,
// as the footer does, not the end of July.
func TestTrackerSourcesGiveTheTrackersDate(t *testing.T) {
	dir := copySample(t)
	jul := filepath.Join(dir, "2023-07")
	os.Mkdir(jul, 0o755)
	for _, f := range []string{"Improvement Plan Tracker June 2023 FINAL.xlsx", "narrative.md"} {
		b, err := os.ReadFile(filepath.Join(dir, "2023-06", f))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(jul, f), b, 0o644)
	}
	run := load(t, Options{Data: dir, Period: "2023-07"})
	d, err := run.Document(reports.Board, false)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	doc.Walk(d, func(s string) {
		if strings.HasPrefix(s, "Source: improvement plan tracker") {
			n++
			if !strings.Contains(s, "data as at 30 June 2023") {
				t.Errorf("%q: the tracker's data is as at 30 June 2023", s)
			}
		}
	})
	if n == 0 {
		t.Error("no chart of the tracker found")
	}
}

// TestAreaCommentaryForNoAreaIsAWarning: commentary under "## Early Help &
// Partnerships" (the plan says "Early help and partnerships") is placed
// nowhere; the log must say so rather than drop the officer's words while
// the paper asks for them to be added.
func TestAreaCommentaryForNoAreaIsAWarning(t *testing.T) {
	dir := copySample(t)
	f := filepath.Join(dir, "2023-06", "narrative.md")
	b, _ := os.ReadFile(f)
	s := strings.Replace(string(b), "## Early help and partnerships", "## Early Help & Partnerships", 1)
	if s == string(b) {
		t.Fatal("the sample narrative has changed; update this test")
	}
	os.WriteFile(f, []byte(s), 0o644)
	run := load(t, Options{Data: dir})
	var got []string
	for _, p := range run.Quality.Problems {
		if strings.Contains(p.Message, "Early Help & Partnerships") {
			got = append(got, p.File+": "+p.Message)
			if p.Effect != quality.TextNotUsed {
				t.Errorf("effect %q, want %q", p.Effect, quality.TextNotUsed)
			}
		}
	}
	want := `2023-06/narrative.md: the heading "Early Help & Partnerships" names no priority area of the plan (its areas are: Workforce; Service and practice development; Performance and quality assurance; Commissioning resources; Early help and partnerships; Corporate parenting; SEND); its text is not used`
	if len(got) != 1 || got[0] != want {
		t.Errorf("problems = %q, want %q", got, want)
	}
}

// TestNarrativeFileNamedInAnotherCase: "Narrative.md", saved from Windows
// where names ignore case, is the month's narrative; another Markdown file
// in the folder is a warning that it is not read, never silence while the
// papers ask for narrative.md.
func TestNarrativeFileNamedInAnotherCase(t *testing.T) {
	dir := copySample(t)
	m := filepath.Join(dir, "2023-06")
	if err := os.Rename(filepath.Join(m, "narrative.md"), filepath.Join(m, "Narrative.md")); err != nil {
		t.Fatal(err)
	}
	run := load(t, Options{Data: dir})
	if _, ok := run.Narrative.Part(narrative.Headline); !ok || run.Narrative.File != "2023-06/Narrative.md" {
		t.Errorf("Narrative.md not read as the narrative: %+v", run.Narrative)
	}
	os.Rename(filepath.Join(m, "Narrative.md"), filepath.Join(m, "June narrative.md"))
	run = load(t, Options{Data: dir})
	if run.Narrative != nil {
		t.Error("a file not named narrative.md read as the narrative")
	}
	var got []string
	for _, p := range run.Quality.Problems {
		if strings.Contains(p.File, ".md") {
			got = append(got, p.File+": "+p.Message)
		}
	}
	want := "2023-06/June narrative.md: not read: the month's narrative is read from narrative.md"
	if len(got) != 1 || got[0] != want {
		t.Errorf("problems = %q, want %q", got, want)
	}
}

// TestNarrativeCopiedFromLastMonth: May's narrative.md copied into June's
// folder would put last month's words in June's papers, the very thing
// narrative per month is for; it is a warning, and --final refuses it.
func TestNarrativeCopiedFromLastMonth(t *testing.T) {
	dir := copySample(t)
	b, err := os.ReadFile(filepath.Join(dir, "2023-05", "narrative.md"))
	if err != nil {
		t.Fatal(err)
	}
	// Saved again on Windows: line ends differ, the words do not.
	os.WriteFile(filepath.Join(dir, "2023-06", "narrative.md"), []byte(strings.ReplaceAll(string(b), "\n", "\r\n")), 0o644)
	run := load(t, Options{Data: dir})
	want := "The June 2023 narrative is identical to May 2023's: it may be a copy not yet updated."
	found := false
	for _, p := range run.Quality.Problems {
		found = found || p.File == "2023-06/narrative.md" && p.Message == want
	}
	if !found {
		t.Errorf("no warning %q in %v", want, run.Quality.Problems)
	}
	_, err = run.Papers(context.Background(), Request{Kinds: []reports.Kind{reports.Board}, Final: true})
	if KindOf(err) != Data || !strings.Contains(fmt.Sprint(err), "the June 2023 narrative is identical to May 2023's") {
		t.Errorf("--final: %v", err)
	}
}

// TestNarrativeInWindows1252: Notepad's "ANSI" and Word's plain text save
// as Windows-1252; its quotes, dashes and accents must not become "?".
func TestNarrativeInWindows1252(t *testing.T) {
	dir := copySample(t)
	os.WriteFile(filepath.Join(dir, "2023-06", "narrative.md"), []byte("# Headline message\nThe Director\x92s view \x96 caseloads are \x93down\x94. Caf\xe9.\n"), 0o644)
	run := load(t, Options{Data: dir})
	h, ok := run.Narrative.Part(narrative.Headline)
	var got string
	for _, b := range h {
		if p, isPara := b.(*doc.Paragraph); isPara {
			for _, s := range p.Spans {
				got += s.Text
			}
		}
	}
	if want := "The Director\u2019s view \u2013 caseloads are \u201cdown\u201d. Caf\u00e9."; !ok || got != want {
		t.Errorf("headline = %q, want %q", got, want)
	}
}
