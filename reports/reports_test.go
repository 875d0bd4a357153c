package reports

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/boardpack/boardpack/internal/config"
	"github.com/boardpack/boardpack/internal/doc"
	"github.com/boardpack/boardpack/internal/measure"
	"github.com/boardpack/boardpack/internal/narrative"
	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/internal/record"
	"github.com/boardpack/boardpack/templates"
)

var jun23 = record.Month{Year: 2023, Month: time.June}

func input(t *testing.T, exempt bool) Input {
	t.Helper()
	due := time.Date(2023, 3, 31, 0, 0, 0, 0, time.UTC)
	d := record.Data{Periods: []record.Period{
		{Month: jun23.Add(-1), Actions: []record.Action{
			{Ref: "WF-01", Area: "Workforce", Text: "Recruit social workers", Progress: record.Amber, Status: record.InProgress, Due: due},
		}},
		{Month: jun23, Actions: []record.Action{
			{Ref: "WF-01", Area: "Workforce", Text: "Recruit social workers", Progress: record.Red, Status: record.InProgress, Due: due, Update: "Campaign delayed"},
			{Ref: "CP-09", Area: "Corporate parenting", Text: "SENTINEL-ACTION Investigate Oak House", Progress: record.Red, Status: record.InProgress,
				Due: due, Update: "SENTINEL-UPDATE staffing investigation", Confidential: true, Lead: "SENTINEL-LEAD", Ofsted: "SENTINEL-REC",
				Evidence: "SENTINEL-EVIDENCE"},
			{Ref: "SEND-01", Area: "SEND", Text: "Publish the local offer", Progress: record.Blue, Status: record.Complete, Due: due},
		}},
	}}
	res, err := measure.Compute(d, jun23, measure.Settings{CaseloadTarget: 18, KPITolerance: 5})
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	cfg.Council = "Northmoor Borough Council"
	tpl, err := LoadTemplates(templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	return Input{Results: res, Config: cfg, Exempt: exempt, Templates: tpl}
}

// texts collects every string a document would print.
func texts(d doc.Document) string {
	var b strings.Builder
	add := func(s ...string) {
		for _, x := range s {
			b.WriteString(x)
			b.WriteByte('\n')
		}
	}
	add(d.Meta.Title, d.Header.Left, d.Header.Classification, d.Footer.Left)
	for _, s := range d.Sections {
		for _, bl := range s.Blocks {
			switch x := bl.(type) {
			case *doc.Title:
				add(x.Title, x.Subtitle)
				for _, f := range x.Fields {
					add(f.Label, f.Value)
				}
			case *doc.Heading:
				add(x.Text)
			case *doc.Paragraph:
				for _, sp := range x.Spans {
					add(sp.Text)
				}
			case *doc.List:
				for _, it := range x.Items {
					for _, sp := range it {
						add(sp.Text)
					}
				}
			case *doc.Table:
				for _, r := range x.Rows {
					add(r.Group)
					for _, c := range r.Cells {
						add(c.Text)
					}
				}
			case *doc.Chart:
				add(x.Title)
				add(x.Categories...)
			case *doc.Tiles:
				for _, tl := range x.Items {
					add(tl.Label, tl.Value, tl.Change)
				}
			}
		}
	}
	return b.String()
}

func TestConfidentialActionsWithheldFromOpenPapers(t *testing.T) {
	for _, k := range Kinds {
		open, err := Build(k, input(t, false))
		if err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		txt := texts(open)
		if strings.Contains(txt, "SENTINEL") {
			t.Errorf("%s (Open) prints a confidential action's text, lead or recommendation", k)
		}
		if strings.Contains(txt, "CP-09") {
			t.Errorf("%s (Open) prints a confidential action's reference", k)
		}
		exempt, err := Build(k, input(t, true))
		if err != nil {
			t.Fatal(err)
		}
		et := texts(exempt)
		if !strings.Contains(et, "NOT FOR PUBLICATION") {
			t.Errorf("%s (exempt) is not marked NOT FOR PUBLICATION", k)
		}
		if k == Cabinet || k == Appendix {
			if !strings.Contains(txt, withheld) {
				t.Errorf("%s (Open) does not say the details are withheld", k)
			}
			if !strings.Contains(et, "SENTINEL-ACTION") || !strings.Contains(et, "SENTINEL-UPDATE") {
				t.Errorf("%s (exempt) leaves out the confidential action", k)
			}
		}
	}
}

func TestNarrativeFiguresComeFromTheMeasures(t *testing.T) {
	d, err := Build(Cabinet, input(t, false))
	if err != nil {
		t.Fatal(err)
	}
	txt := texts(d)
	for _, want := range []string{"3 actions", "1 (33%) are complete", "2 actions are overdue", "Since May 2023, 0 actions have improved their rating (0 newly complete) and 1 has worsened; 2 new actions were added and 0 were removed from the tracker."} {
		if !strings.Contains(strings.Join(strings.Fields(txt), " "), want) {
			t.Errorf("Cabinet narrative lacks %q", want)
		}
	}
}

func TestCabinetParagraphsNumberedContinuously(t *testing.T) {
	d, err := Build(Cabinet, input(t, false))
	if err != nil {
		t.Fatal(err)
	}
	next := 1
	for _, s := range d.Sections {
		for _, b := range s.Blocks {
			if p, ok := b.(*doc.Paragraph); ok && p.Number != 0 {
				if p.Number != next {
					t.Fatalf("paragraph numbered %d, want %d", p.Number, next)
				}
				next++
			}
		}
	}
	if next < 10 {
		t.Errorf("only %d numbered paragraphs", next-1)
	}
}

func TestTemplateErrorsNameFileAndLine(t *testing.T) {
	cases := map[string]string{
		"title: x\nsections:\n  - blocks:\n      - p: \"{{.NoSuchFigure}}\"\n":   "board.yaml:4:",
		"title: x\nsections:\n  - blocks:\n      - chart: pie-of-doom\n":         `board.yaml:4: unknown chart "pie-of-doom"`,
		"title: x\nsections:\n  - blocks:\n      - table: nope\n":                `board.yaml:4: unknown table "nope"`,
		"title: x\nsections:\n  - blocks:\n      - p: ok\n        when: never\n": `board.yaml:5: unknown condition "never"`,
		"title: x\nsections: [\n": "board.yaml:2: not valid YAML",
		"title: x\ncolour: red\n": "board.yaml:2: colour: unknown key; the keys allowed here are: chart_data, chart_data_heading, contents",
		"title: x\nsections:\n  - blocks:\n      - p: ok\n        colour: red\n": `board.yaml:5: sections[0].blocks[0].colour: unknown key`,
	}
	for src, want := range cases {
		_, err := LoadTemplate(fstest.MapFS{"board.yaml": {Data: []byte(src)}}, Board)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("template %q: error %v, want it to contain %q", src, err, want)
		}
	}
}

func TestDefaultTemplatesLoad(t *testing.T) {
	for _, k := range Kinds {
		if _, err := LoadTemplate(templates.FS, k); err != nil {
			t.Errorf("%s: %v", k, err)
		}
	}
}

func TestSpans(t *testing.T) {
	got := Spans("Of **124 actions**, 61 are **complete**.")
	if len(got) != 5 || !got[1].Bold || got[1].Text != "124 actions" || got[2].Bold || !got[3].Bold {
		t.Errorf("Spans = %+v", got)
	}
}

func TestRAGTextContrast(t *testing.T) {
	if c := contrastText(doc.Colour{R: 0xF2, G: 0xA9, B: 0x00}); c != (doc.Colour{}) {
		t.Errorf("amber fill gets %v text, want black", c)
	}
	if c := contrastText(doc.Colour{R: 0xC6, G: 0x28, B: 0x28}); c != (doc.Colour{R: 255, G: 255, B: 255}) {
		t.Errorf("red fill gets %v text, want white", c)
	}
}

func TestLowerFirstKeepsAcronyms(t *testing.T) {
	for in, want := range map[string]string{"Workforce": "workforce", "SEND": "SEND", "Early help": "early help", "A": "A", "": ""} {
		if got := lowerFirst(in); got != want {
			t.Errorf("lowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMissingSectionsAreSaid: when a sheet could not be read, each paper
// says so where its section would be, once, and the data-quality table
// gives the problem's own effect.
func TestMissingSectionsAreSaid(t *testing.T) {
	in := input(t, false)
	in.Quality = quality.Report{
		Missing:  []quality.Missing{{Kind: "caseloads", Where: "c.xlsx › Caseloads", Reason: "c.xlsx › Caseloads has no case-holding FTE column, so it could not be read"}},
		Problems: []quality.Problem{{Severity: quality.Error, File: "c.xlsx", Sheet: "Caseloads", Cell: "A3", Effect: quality.SheetNotRead, Message: "header row 3 looks like a caseloads sheet"}},
	}
	for _, k := range []Kind{Board, Scrutiny, Cabinet} {
		d, err := Build(k, in)
		if err != nil {
			t.Fatal(err)
		}
		all := texts(d)
		if n := strings.Count(all, "Caseloads are not reported this month: c.xlsx › Caseloads has no case-holding FTE column"); n != 1 {
			t.Errorf("%s paper says %d times that caseloads are missing, want once:\n%s", k, n, all)
		}
		if k == Board && !strings.Contains(all, "Sheet not read") {
			t.Errorf("the Board's data-quality table does not give the effect %q", quality.SheetNotRead)
		}
	}
	// Nothing missing: nothing said.
	d, _ := Build(Board, input(t, false))
	if strings.Contains(texts(d), "not reported this month") {
		t.Error("a paper says a section is missing when none is")
	}
}

// TestAllocationSheetNamesStayOut: an allocation export may keep a sheet
// per worker, named after them; the papers account for its rows, notes and
// problems without the sheet's name.
func TestAllocationSheetNamesStayOut(t *testing.T) {
	in := input(t, false)
	in.Quality = quality.Report{
		Sheets: []quality.SheetReport{
			{File: "2023-06/alloc.xlsx", Sheet: "Zed Quill", Kind: "allocations", Rows: 12, Used: 11, Notes: 1},
			{File: "2023-06/c.xlsx", Sheet: "Caseloads", Kind: "caseloads", Rows: 8, Used: 8},
		},
		Problems: []quality.Problem{{Severity: quality.Warning, File: "2023-06/alloc.xlsx", Sheet: "Zed Quill", Cell: "C4", Message: "FTE (a number of 2 digits) is not a number; row not used"}},
	}
	for _, k := range Kinds {
		d, err := Build(k, in)
		if err != nil {
			t.Fatal(err)
		}
		all := texts(d)
		if strings.Contains(all, "Zed Quill") {
			t.Errorf("the %s paper names the allocation sheet \"Zed Quill\"", k)
		}
		if k == Board && (!strings.Contains(all, "alloc.xlsx") || !strings.Contains(all, "Caseloads")) {
			t.Errorf("the Board paper no longer names the workbooks and other sheets it read")
		}
	}
}

// TestAccessibilityStatementOnRequest: the statement is printed at the end
// of every paper when the config asks, and not otherwise.
func TestAccessibilityStatementOnRequest(t *testing.T) {
	for _, on := range []bool{false, true} {
		in := input(t, false)
		in.Config.AccessibilityStatement = on
		for _, k := range Kinds {
			d, err := Build(k, in)
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Contains(texts(d), "This paper is a tagged PDF")
			if got != on {
				t.Errorf("%s, statement asked %v: printed %v", k, on, got)
			}
		}
	}
}

// TestDashboardChangeOfOnePoint: a change of one percentage point reads
// "Up 1 point", not "Up 1 points".
func TestDashboardChangeOfOnePoint(t *testing.T) {
	in := input(t, false)
	prev := *in.Results.Previous
	prev.PctComplete = in.Results.Plan.PctComplete - 1
	in.Results.Previous = &prev
	d, err := Build(Board, in)
	if err != nil {
		t.Fatal(err)
	}
	var tile string
	for _, s := range d.Sections {
		for _, b := range s.Blocks {
			if ts, ok := b.(*doc.Tiles); ok {
				tile = ts.Items[0].Change
			}
		}
	}
	if !strings.Contains(tile, "Up 1 point since") {
		t.Errorf("the %% complete tile says %q, want \"Up 1 point since ...\"", tile)
	}
	for _, c := range []struct {
		d    float64
		want string
	}{{1, "up 1 point"}, {-1, "down 1 point"}, {2, "up 2 points"}, {0.3, "up 0.3 points"}, {0, "no change"}} {
		if got := signed(c.d, " point", " points"); got != c.want {
			t.Errorf("signed(%v) = %q, want %q", c.d, got, c.want)
		}
	}
}

// TestCabinetListsTheExemptAppendix: when the plan has confidential
// actions, the Cabinet report's list of appendices names the exempt
// Appendix B and its ground (as the council's model report does), in the
// Open paper and the exempt one; a plan without them lists Appendix A only.
func TestCabinetListsTheExemptAppendix(t *testing.T) {
	for _, exempt := range []bool{false, true} {
		in := input(t, exempt)
		in.Config.Exemption = "paragraph 2 of Part 1 of Schedule 12A"
		d, err := Build(Cabinet, in)
		if err != nil {
			t.Fatal(err)
		}
		want := "Appendix B: confidential actions of the plan (1 action), not for publication: exempt information under paragraph 2 of Part 1 of Schedule 12A"
		if !strings.Contains(texts(d), want) {
			t.Errorf("exempt run %v: the Appendices do not list the exempt appendix %q", exempt, want)
		}
	}
	in := input(t, false)
	var open []record.Action
	for _, a := range in.Results.Plan.Actions {
		if !a.Confidential {
			open = append(open, a)
		}
	}
	in.Results.Plan.Actions, in.Results.Plan.Confidential = open, 0
	d, err := Build(Cabinet, in)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(texts(d), "Appendix B") {
		t.Error("a plan with no confidential actions lists an Appendix B")
	}
}

// TestAccessibilityStatementNamesTheContact: the statement tells a reader
// who needs another format whom to contact, in every paper, although only
// the Cabinet report names a contact officer on its first page.
func TestAccessibilityStatementNamesTheContact(t *testing.T) {
	in := input(t, false)
	in.Config.AccessibilityStatement = true
	in.Config.Contact = config.Contact{Role: "Head of Improvement", Email: "improvement.pmo@northmoor.gov.uk"}
	for _, k := range Kinds {
		d, err := Build(k, in)
		if err != nil {
			t.Fatal(err)
		}
		txt := texts(d)
		if !strings.Contains(txt, "please contact Head of Improvement, improvement.pmo@northmoor.gov.uk.") {
			t.Errorf("%s: the accessibility statement does not name the contact:\n%s", k, txt[strings.Index(txt, "This paper is a tagged PDF"):])
		}
	}
	in.Config.Contact = config.Contact{}
	d, err := Build(Board, in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(texts(d), "please contact Northmoor Borough Council.") {
		t.Error("with no contact configured, the statement does not fall back to the council")
	}
}

// TestAccessibilityPlaceholderChecked: an edited statement with an unknown
// placeholder is refused when the templates load, naming file and line.
func TestAccessibilityPlaceholderChecked(t *testing.T) {
	fsys := fstest.MapFS{}
	err := fs.WalkDir(templates.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templates.FS, p)
		fsys[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	fsys["accessibility.yaml"] = &fstest.MapFile{Data: []byte("heading: Accessibility\nparagraphs:\n  - Please contact {{.Contct}}.\n")}
	_, err = LoadTemplates(fsys)
	if err == nil || !strings.Contains(err.Error(), "accessibility.yaml") || !strings.Contains(err.Error(), ":3") || !strings.Contains(err.Error(), "Contct") {
		t.Errorf("an unknown placeholder in accessibility.yaml: error %v, want one naming the file, line 3 and Contct", err)
	}
}

// TestAppendixExplainsOfstedRecommendations: the action plan's Ofsted
// column gives each recommendation by its short label ("Rec 3"); every
// paper that prints the plan, the one-off and exempt appendices too,
// gives the recommendations in full, counting the actions its table
// shows.
func TestAppendixExplainsOfstedRecommendations(t *testing.T) {
	in := input(t, false)
	acts := append([]record.Action(nil), in.Results.Plan.Actions...)
	for i := range acts {
		switch acts[i].Ref {
		case "WF-01":
			acts[i].Ofsted = "Rec 3: Management oversight and supervision"
		case "CP-09":
			acts[i].Ofsted = "Rec 5: Placement sufficiency"
		}
	}
	in.Results.Plan.Actions = acts
	for _, k := range []Kind{Cabinet, Appendix} {
		d, err := Build(k, in)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(texts(d), "Rec 3: Management oversight and supervision") {
			t.Errorf("%s: the Ofsted column's \"Rec 3\" is not explained in full", k)
		}
	}
	ex := in
	ex.Exempt = true
	d, err := Build(ExemptAppendix, ex)
	if err != nil {
		t.Fatal(err)
	}
	if txt := texts(d); !strings.Contains(txt, "Rec 5: Placement sufficiency") || strings.Contains(txt, "Rec 3: Management oversight") {
		t.Errorf("the exempt appendix should explain Rec 5, the recommendation its one action answers, and only that:\n%s", txt)
	}
	// A one-off appendix counts the actions it shows: SEND answers no
	// recommendation, so it has no recommendations table.
	in.Filter, err = ParseFilter([]string{"area=SEND"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	d, err = Build(Appendix, in)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(texts(d), "Rec 3: Management oversight") {
		t.Error("an appendix of SEND actions lists a recommendation none of them answers")
	}
}

// TestCaseloadChartNamesTeamTargets: when a team has a target of its own,
// the note under the caseload chart names the team and its target, so a
// reader can square the bars above the service's line with the text's
// count of teams above their own target; it never points to "the table",
// which the Board paper prints only in an appendix.
func TestCaseloadChartNamesTeamTargets(t *testing.T) {
	in := input(t, false)
	n := func(v float64) record.Num { return record.N(v) }
	in.Results.Caseload = measure.Caseload{Month: jun23, Target: 18, Overall: measure.TeamLoad{Team: "All teams", Average: n(18.6), Target: 18},
		Teams: []measure.TeamLoad{
			{Team: "Front Door / MASH", Average: n(20.7), Target: 18},
			{Team: "Care Leavers", Average: n(19.9), Target: 20},
			{Team: "Disabled Children", Average: n(16.1), Target: 18},
		}}
	c, _ := chartCaseloadByTeam(in)
	if !strings.Contains(c.Source, "Care Leavers has its own target of 20.") || strings.Contains(c.Source, "see the table") {
		t.Errorf("one team with its own target: note %q", c.Source)
	}
	in.Results.Caseload.Teams[2].Target = 15
	c, _ = chartCaseloadByTeam(in)
	if !strings.Contains(c.Source, "Teams with their own target: Care Leavers 20; Disabled Children 15.") {
		t.Errorf("two teams with their own targets: note %q", c.Source)
	}
	in.Results.Caseload.Teams[1].Target, in.Results.Caseload.Teams[2].Target = 18, 18
	c, _ = chartCaseloadByTeam(in)
	if strings.Contains(c.Source, "own target") || c.Target.Label != "Target" {
		t.Errorf("one target for all: note %q, line %q", c.Source, c.Target.Label)
	}
}

// TestNarrativeCountsChecked: a count of complete actions typed into an
// area's commentary that the tracker contradicts is reported, naming the
// file, the area and both counts; one that agrees is not.
func TestNarrativeCountsChecked(t *testing.T) {
	n := narrative.Parse("narrative.md", []byte("# Priority areas\n\n## Workforce\n\n10 of 19 actions complete. Agency use is falling.\n\n## SEND\n\n10 of 16 actions are complete.\n"))
	areas := []measure.Area{{Name: "Workforce", Total: 19, Complete: 2}, {Name: "SEND", Total: 16, Complete: 10}}
	got := NarrativeCounts(n, areas)
	if len(got) != 1 || !strings.Contains(got[0], "narrative.md, commentary on Workforce") || !strings.Contains(got[0], `"10 of 19 actions complete"`) ||
		!strings.Contains(got[0], "the tracker has 2 of 19 actions complete") {
		t.Errorf("cautions %q, want one about Workforce's 10 of 19 against the tracker's 2 of 19", got)
	}
	areas[0].Complete = 10
	if got := NarrativeCounts(n, areas); len(got) != 0 {
		t.Errorf("counts that agree are reported: %q", got)
	}
}

// TestAccessibilityStatementTrueOfChartTables: the statement says the
// figures behind the charts are tables in the paper only for a paper that
// prints them (the Board's appendix); the others point to the HTML version,
// where every chart has its table.
func TestAccessibilityStatementTrueOfChartTables(t *testing.T) {
	in := input(t, false)
	in.Config.AccessibilityStatement = true
	for _, k := range Kinds {
		d, err := Build(k, in)
		if err != nil {
			t.Fatal(err)
		}
		txt := texts(d)
		inPaper := strings.Contains(txt, "The figures behind every chart are also given as a table.")
		inHTML := strings.Contains(txt, "The figures behind every chart are also given as a table in the HTML version.")
		if want := in.Templates.Papers[k].ChartData; inPaper != want || inHTML == want {
			t.Errorf("%s (chart tables printed: %v): statement says tables in the paper %v, in the HTML version %v", k, want, inPaper, inHTML)
		}
	}
}

// TestHiddenAllocationSheetNamesStayOut: a hidden sheet of a workbook with
// a sheet per worker (a leaver's, hidden rather than deleted) is named
// after its worker as the read ones are; the data-quality note counts it
// without its name.
func TestHiddenAllocationSheetNamesStayOut(t *testing.T) {
	in := input(t, false)
	in.Quality = quality.Report{
		Sheets: []quality.SheetReport{
			{File: "2023-06/alloc.xlsx", Sheet: "Zed Quill", Kind: "allocations", Rows: 12, Used: 11},
		},
		Skipped: []quality.Skipped{{File: "2023-06/alloc.xlsx", Sheet: "Yan Orme", Reason: quality.HiddenSheet}},
	}
	d, err := Build(Board, in)
	if err != nil {
		t.Fatal(err)
	}
	all := texts(d)
	if strings.Contains(all, "Yan Orme") {
		t.Errorf("the Board paper names the hidden sheet \"Yan Orme\" of the allocation export")
	}
	if !strings.Contains(all, "1 hidden sheet was not read") {
		t.Errorf("the Board paper no longer says a hidden sheet was not read")
	}
}

// TestHiddenSheetsOfAFlatFolderAreListed: a flat data folder (one month's
// exports, no YYYY-MM folders) names its files without a month folder;
// their hidden sheets are the month's and the note lists them as it does
// a month folder's.
func TestHiddenSheetsOfAFlatFolderAreListed(t *testing.T) {
	in := input(t, false)
	in.Quality = quality.Report{
		Sheets:  []quality.SheetReport{{File: "tracker.xlsx", Sheet: "Plan", Kind: "actions", Rows: 3, Used: 3}},
		Skipped: []quality.Skipped{{File: "tracker.xlsx", Sheet: "Old plan", Reason: quality.HiddenSheet}},
	}
	d, err := Build(Board, in)
	if err != nil {
		t.Fatal(err)
	}
	if all := texts(d); !strings.Contains(all, "1 hidden sheet was not read") || !strings.Contains(all, "Old plan") {
		t.Errorf("the Board paper of a flat folder does not list its hidden sheet \"Old plan\"")
	}
}
