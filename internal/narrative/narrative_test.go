package narrative

import (
	"strings"
	"testing"

	"github.com/boardpack/boardpack/internal/doc"
)

const sample = `Opening words before any heading.

# Headline message

Caseloads are **down** for the *third* month running; see the [workforce plan](https://example.gov.uk/plan).

# Priority areas

## Workforce
- Twelve newly qualified social workers started.
- Agency use fell to **21%**.

## Early Help
1. New family hubs open.
2. Referrals up.

# Risks and issues
Agency costs <b>remain</b> high. [bad](javascript:alert(1))

# Minutes of the last meeting
Not a part: this text is not used.

# Decisions sought
None this month.

# Voice of the child
> "My social worker listens to me."
`

func textOf(bs []doc.Block) string {
	var b strings.Builder
	for _, bl := range bs {
		switch x := bl.(type) {
		case *doc.Paragraph:
			for _, s := range x.Spans {
				b.WriteString(s.Text)
			}
		case *doc.List:
			for _, it := range x.Items {
				for _, s := range it {
					b.WriteString(s.Text)
				}
				b.WriteString("|")
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestParseParts(t *testing.T) {
	n := Parse("2023-06/narrative.md", []byte(sample))
	h, ok := n.Part(Headline)
	if !ok || !strings.Contains(textOf(h), "Opening words") || !strings.Contains(textOf(h), "Caseloads are down for the third month running; see the workforce plan.") {
		t.Errorf("headline = %q", textOf(h))
	}
	p := h[1].(*doc.Paragraph)
	var bold, italic, link bool
	for _, s := range p.Spans {
		bold = bold || (s.Bold && s.Text == "down")
		italic = italic || (s.Italic && s.Text == "third")
		link = link || (s.Link == "https://example.gov.uk/plan" && s.Text == "workforce plan")
	}
	if !bold || !italic || !link {
		t.Errorf("headline spans lose bold %v, italics %v or the link %v: %+v", bold, italic, link, p.Spans)
	}
	w, ok := n.Area("workforce")
	if !ok || textOf(w) != "Twelve newly qualified social workers started.|Agency use fell to 21%.|\n" {
		t.Errorf("workforce = %q", textOf(w))
	}
	e, ok := n.Area("Early help")
	if !ok || textOf(e) != "1. New family hubs open.|2. Referrals up.|\n" {
		t.Errorf("early help = %q", textOf(e))
	}
	r, _ := n.Part(Risks)
	if strings.Contains(textOf(r), "<b>") || strings.Contains(textOf(r), "javascript") {
		t.Errorf("raw HTML or a script link got through: %q", textOf(r))
	}
	for _, s := range r[0].(*doc.Paragraph).Spans {
		if s.Link != "" {
			t.Errorf("unsafe link kept: %q", s.Link)
		}
	}
	if _, ok := n.Part(Decisions); !ok {
		t.Error("decisions missing")
	}
	v, ok := n.Part(Voice)
	if !ok || !v[0].(*doc.Paragraph).Spans[0].Italic {
		t.Errorf("voice of the child: %q", textOf(v))
	}
	if len(n.Problems) != 1 || !strings.Contains(n.Problems[0], `"Minutes of the last meeting" is not a part`) {
		t.Errorf("problems = %q", n.Problems)
	}
	if strings.Contains(textOf(h)+textOf(r)+textOf(v), "Not a part") {
		t.Error("text under an unknown heading was used")
	}
}

func TestEmptyAndMissing(t *testing.T) {
	n := Parse("narrative.md", []byte("# Headline\n\n# Risks\nOne risk.\n"))
	if _, ok := n.Part(Headline); ok {
		t.Error("an empty headline counts as written")
	}
	if _, ok := n.Part(Risks); !ok {
		t.Error("risks missing")
	}
	var none *Narrative
	if _, ok := none.Part(Headline); ok {
		t.Error("no narrative has a headline")
	}
}

// TestByteOrderMark: Windows editors save "UTF-8 with BOM"; the mark must
// not turn the first heading into text printed in the headline.
func TestByteOrderMark(t *testing.T) {
	n := Parse("narrative.md", []byte("\ufeff# Headline message\r\nAll well.\r\n\r\n# Risks and issues\r\nNone.\r\n"))
	h, ok := n.Part(Headline)
	if !ok || textOf(h) != "All well.\n" {
		t.Errorf("headline = %q, want the text under the heading only", textOf(h))
	}
	if _, ok := n.Part(Risks); !ok {
		t.Error("risks missing")
	}
}

// TestNestedLists: sub-points of a list are the officer's words too.
func TestNestedLists(t *testing.T) {
	n := Parse("narrative.md", []byte("# Risks and issues\n- Recruitment\n  - visas are slow\n  - two offers withdrawn\n- Budget\n\n  > as the auditor said\n"))
	r, _ := n.Part(Risks)
	got := textOf(r)
	for _, want := range []string{"Recruitment|", "visas are slow|", "two offers withdrawn|", "Budget as the auditor said|"} {
		if !strings.Contains(got, want) {
			t.Errorf("risks = %q, lacks %q", got, want)
		}
	}
}

// TestPartsAtLevelTwo: an officer who keeps level 1 for nothing (or for a
// title) and writes "## Headline message", "### Workforce" gets each part
// placed, not the whole file as the headline.
func TestPartsAtLevelTwo(t *testing.T) {
	src := "## Headline message\nAll well.\n\n## Priority areas\n### Workforce\nAgency down.\n\n## Risks and issues\nNone.\n\n## Decisions sought\nNote it.\n"
	n := Parse("narrative.md", []byte(src))
	h, _ := n.Part(Headline)
	if textOf(h) != "All well.\n" {
		t.Errorf("headline = %q", textOf(h))
	}
	if w, ok := n.Area("Workforce"); !ok || textOf(w) != "Agency down.\n" {
		t.Errorf("workforce = %q", textOf(w))
	}
	for _, p := range []Part{Risks, Decisions} {
		if _, ok := n.Part(p); !ok {
			t.Errorf("%s missing", p)
		}
	}
	if len(n.Problems) != 0 {
		t.Errorf("problems = %q", n.Problems)
	}
}

// TestTables: a table an officer pastes in stays a table, not a line of
// pipes and dashes.
func TestTables(t *testing.T) {
	n := Parse("narrative.md", []byte("# Headline message\nAgency use fell.\n\n| Measure | May | June |\n|---|--:|--:|\n| Agency **rate** | 24% | 21.9% |\n| Vacancies | 30 | 27 |\n"))
	h, _ := n.Part(Headline)
	if len(h) != 2 {
		t.Fatalf("headline blocks = %d, want a paragraph and a table: %q", len(h), textOf(h))
	}
	tb, ok := h[1].(*doc.Table)
	if !ok {
		t.Fatalf("second block is %T (%q), want a table", h[1], textOf(h[1:]))
	}
	var heads []string
	for _, c := range tb.Columns {
		heads = append(heads, c.Header)
	}
	if strings.Join(heads, "|") != "Measure|May|June" || tb.Columns[2].Align != doc.Right {
		t.Errorf("columns = %+v", tb.Columns)
	}
	if len(tb.Rows) != 2 || tb.Rows[0].Cells[0].Text != "Agency rate" || tb.Rows[1].Cells[2].Text != "27" {
		t.Errorf("rows = %+v", tb.Rows)
	}
}

// TestKeyMessagesIsTheHeadline: "Key messages" is how many highlight
// reports head their opening words.
func TestKeyMessagesIsTheHeadline(t *testing.T) {
	n := Parse("narrative.md", []byte("# Key messages\nAll well.\n"))
	if h, ok := n.Part(Headline); !ok || textOf(h) != "All well.\n" || len(n.Problems) != 0 {
		t.Errorf("headline = %q, problems %q", textOf(h), n.Problems)
	}
}

// TestPartWrittenAsASubHeading: "## Risks and issues" under "# Headline
// message" is part of the headline, and the paper asks for the risks to be
// added; the officer is told why.
func TestPartWrittenAsASubHeading(t *testing.T) {
	n := Parse("narrative.md", []byte("# Headline message\nAll well.\n\n## Risks and issues\nOne risk.\n"))
	want := `narrative.md: "Risks and issues" is a level 2 heading under "Headline message", so its text is part of that; write it as a level 1 heading (#) to place it as "Risks and issues"`
	if len(n.Problems) != 1 || n.Problems[0] != want {
		t.Errorf("problems = %q, want %q", n.Problems, want)
	}
}

// TestAreasOneLevelDeeperStill: "### Workforce" directly under "# Priority
// areas" (level 2 skipped) is still the Workforce commentary.
func TestAreasOneLevelDeeperStill(t *testing.T) {
	n := Parse("narrative.md", []byte("# Priority areas\n### Workforce\nAgency down.\n#### Detail\nMore.\n### SEND\nHubs open.\n"))
	if w, ok := n.Area("Workforce"); !ok || !strings.Contains(textOf(w), "Agency down.") || !strings.Contains(textOf(w), "More.") {
		t.Errorf("workforce = %q", textOf(w))
	}
	if s, ok := n.Area("SEND"); !ok || textOf(s) != "Hubs open.\n" {
		t.Errorf("SEND = %q", textOf(s))
	}
}
