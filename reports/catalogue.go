package reports

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/boardpack/boardpack/internal/config"
	"github.com/boardpack/boardpack/internal/doc"
	"github.com/boardpack/boardpack/internal/measure"
	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/internal/record"
)

// withheld replaces the text of confidential actions in Open papers.
const withheld = "Details withheld: exempt information"

// conditions are the names a template's "when" may use.
var conditions = map[string]func(Input) bool{
	"previous":       func(in Input) bool { return in.Results.Movement.Has },
	"overdue":        func(in Input) bool { return len(in.Results.Plan.Overdue) > 0 },
	"red":            func(in Input) bool { return in.Results.Plan.ByRAG[record.Red] > 0 },
	"exceptions":     func(in Input) bool { return len(exceptions(in.Results.Plan)) > 0 },
	"no-exceptions":  func(in Input) bool { return len(exceptions(in.Results.Plan)) == 0 },
	"caseloads":      func(in Input) bool { return in.Results.Caseload.Overall.Average.Valid },
	"workers":        func(in Input) bool { return in.Results.Caseload.Workers.Count > 0 },
	"workforce":      func(in Input) bool { return len(in.Results.Workforce) > 0 },
	"recruitment":    func(in Input) bool { return len(in.Results.Recruitment) > 0 },
	"kpis":           func(in Input) bool { return len(in.Results.KPIs) > 0 },
	"due-next-month": func(in Input) bool { return len(in.Results.Plan.DueNextMonth) > 0 },
	"contradictions": func(in Input) bool { return len(in.Results.Plan.Contradictions) > 0 },
	"confidential":   func(in Input) bool { return in.Results.Plan.Confidential > 0 },
	"notices":        func(in Input) bool { return len(in.Results.Notices) > 0 },
	"ofsted":         func(in Input) bool { return len(in.Config.Ofsted.Visits) > 0 || in.Config.Ofsted.Next != nil },
	"ofsted-recs":    func(in Input) bool { return len(tableOfstedRecs(in)) > 0 },
	"not-yet-impact": func(in Input) bool { return len(notYetImpact(in.Results.Plan)) > 0 },
	"impact-concerns": func(in Input) bool {
		for _, a := range notYetImpact(in.Results.Plan) {
			if a.Impact == record.Red || a.Impact == record.Amber {
				return true
			}
		}
		return false
	},
	"early-help-kpis":    func(in Input) bool { return len(themeKPIs(in, "early-help")) > 0 },
	"early-help-areas":   func(in Input) bool { return len(themeAreas(in, "early-help")) > 0 },
	"voice-kpis":         func(in Input) bool { return len(themeKPIs(in, "voice-of-the-child")) > 0 },
	"no-voice-kpis":      func(in Input) bool { return len(themeKPIs(in, "voice-of-the-child")) == 0 },
	"no-early-help-kpis": func(in Input) bool { return len(themeKPIs(in, "early-help")) == 0 },
	"metrics": func(in Input) bool {
		r := in.Results
		return r.Caseload.Overall.Average.Valid || len(r.Workforce) > 0 || len(r.KPIs) > 0
	},
}

// charts are the named charts a template may place. Each returns the chart
// and a table of its figures.
var charts = map[string]func(Input) (*doc.Chart, *doc.Table){
	"actions-by-area":  chartActionsByArea,
	"rag-overall":      chartRAGOverall,
	"rag-trend":        chartRAGTrend,
	"caseload-by-team": chartCaseloadByTeam,
	"caseload-trend":   chartCaseloadTrend,
	"caseload-workers": chartCaseloadWorkers,
	"workforce-rates":  chartWorkforceRates,
	"starters-leavers": chartStartersLeavers,
	"agency-rate":      chartAgencyRate,
	"vacancy-rate":     chartVacancyRate,
	"turnover-rate":    chartTurnoverRate,
}

// grids are the named grids of small charts a template may place.
var grids = map[string]func(Input) (*doc.ChartGrid, *doc.Table){
	"kpi-trends": gridKPITrends,
}

// tables are the named tables a template may place.
var tables = map[string]func(Input) []doc.Block{
	"rag-summary":       tableRAGSummary,
	"rag-by-area":       tableRAGByArea,
	"exceptions":        tableExceptions,
	"overdue":           func(in Input) []doc.Block { return actionTable(in, in.Results.Plan.Overdue, false) },
	"due-next-month":    func(in Input) []doc.Block { return actionTable(in, in.Results.Plan.DueNextMonth, false) },
	"movement":          tableMovement,
	"progress-impact":   tableProgressImpact,
	"caseload-by-team":  tableCaseloadByTeam,
	"workforce":         tableWorkforce,
	"benchmarks":        tableBenchmarks,
	"recruitment":       tableRecruitment,
	"kpi-scorecard":     tableKPIs,
	"action-plan":       tableActionPlan,
	"contradictions":    tableContradictions,
	"data-quality":      tableDataQuality,
	"forward-plan":      tableForwardPlan,
	"ofsted-recs":       tableOfstedRecs,
	"not-yet-impact":    tableNotYetImpact,
	"impact-concerns":   tableImpactConcerns,
	"movement-summary":  tableMovementSummary,
	"ofsted-visits":     tableOfstedVisits,
	"background-papers": tableBackgroundPapers,
	"early-help-kpis":   tableThemeKPIs("early-help"),
	"early-help-areas":  tableThemeAreas("early-help"),
	"voice-kpis":        tableThemeKPIs("voice-of-the-child"),
}

func colour(c config.Colour) doc.Colour { return doc.Colour{R: c.R, G: c.G, B: c.B} }

// ragLevel returns the configured level for a rating.
func (in Input) ragLevel(r record.RAG) config.RAGLevel {
	for _, l := range in.Config.RAG {
		if l.Code == r.Code() {
			return l
		}
	}
	return config.RAGLevel{Code: r.Code(), Label: r.String(), Colour: config.RGB(0xBD, 0xBD, 0xBD)}
}

// ragCell prints the rating's word on its colour.
func (in Input) ragCell(r record.RAG) doc.Cell {
	return doc.Cell{Text: in.ragLevel(r).Label, RAG: r.Code()}
}

// actionRAG is the cell of an action's progress RAG as the paper counts
// it. Where the status overrides the tracker's rating (an action Complete
// but rated Green counts as Blue), the word carries a star and the action
// is added to starred, for the note under the table.
func (in Input) actionRAG(a record.Action, starred *[]record.Action) doc.Cell {
	r := measure.EffectiveRAG(a)
	c := in.ragCell(r)
	if r != a.Progress && a.Progress != record.NotRated {
		c.Text += "*"
		*starred = append(*starred, a)
	}
	return c
}

// starNote explains the starred ratings of a table: which rating the paper
// used and why.
func (in Input) starNote(starred []record.Action) []doc.Block {
	if len(starred) == 0 {
		return nil
	}
	var parts []string
	for _, a := range starred {
		parts = append(parts, fmt.Sprintf("%s (rated %s)", a.Ref, in.ragLevel(a.Progress).Label))
	}
	return []doc.Block{&doc.Paragraph{Style: doc.Note, Spans: doc.Text(fmt.Sprintf(
		"* Counted as %s because the action's status is Complete, though the tracker rates it otherwise: %s.",
		in.ragLevel(record.Blue).Label, strings.Join(parts, "; ")))}}
}

// actionText returns what an Open paper may print of an action.
func (in Input) actionText(a record.Action, s string) string {
	if in.withholds(a) {
		return withheld
	}
	return s
}

// withholds reports whether the paper shows nothing of action a but its
// area and the placeholder: a confidential action in an Open paper.
func (in Input) withholds(a record.Action) bool { return a.Confidential && !in.Exempt }

// withheldRow is the row an Open paper prints for a confidential action in
// a table of n columns: the placeholder in the action's column (the
// second), every other cell empty; no reference, lead, date or rating.
func withheldRow(n int) doc.Row {
	cells := make([]doc.Cell, n)
	cells[1] = doc.Cell{Text: withheld}
	return doc.Row{Cells: cells}
}

func (in Input) source(what string) string {
	return fmt.Sprintf("Source: %s, data as at %s.", what, LongDate(in.Results.Month.End()))
}

// trackerSource is the source line of a chart of the tracker: its own
// "data as at" date when it gives one, as the footer says.
func (in Input) trackerSource(what string) string {
	if at := in.Results.Plan.AsAt; !at.IsZero() {
		return fmt.Sprintf("Source: %s, data as at %s.", what, LongDate(at))
	}
	return in.source(what)
}

// chartTable is the table of a chart's figures: one row per category.
func chartTable(c *doc.Chart, first string) *doc.Table {
	t := &doc.Table{Zebra: true, Columns: []doc.Column{{Header: first, Weight: 2}}}
	for _, s := range c.Series {
		t.Columns = append(t.Columns, doc.Column{Header: s.Name, Weight: 1, Align: doc.Right})
	}
	if c.Target != nil {
		t.Columns = append(t.Columns, doc.Column{Header: c.Target.Label, Weight: 1, Align: doc.Right})
	}
	// One format per chart: percentages to one decimal place, counts as
	// whole numbers, other measures to one decimal place.
	whole := c.Unit != "%"
	for _, s := range c.Series {
		for _, v := range s.Values {
			whole = whole && v == math.Trunc(v)
		}
	}
	for i, cat := range c.Categories {
		row := doc.Row{Cells: []doc.Cell{{Text: cat}}}
		for _, s := range c.Series {
			v := "-"
			if i < len(s.Values) && !(i < len(s.Missing) && s.Missing[i]) {
				switch {
				case c.Unit == "%":
					v = strconv.FormatFloat(s.Values[i], 'f', 1, 64) + "%"
				case whole:
					v = strconv.FormatFloat(s.Values[i], 'f', 0, 64)
				default:
					v = strconv.FormatFloat(s.Values[i], 'f', 1, 64)
				}
			}
			row.Cells = append(row.Cells, doc.Cell{Text: v})
		}
		if c.Target != nil {
			row.Cells = append(row.Cells, doc.Cell{Text: Plain(c.Target.Value)})
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func (in Input) ragSeries(name record.RAG, values []float64) doc.Series {
	l := in.ragLevel(name)
	return doc.Series{Name: l.Label, Values: values, Colour: colour(l.Colour)}
}

func chartActionsByArea(in Input) (*doc.Chart, *doc.Table) {
	p := in.Results.Plan
	c := &doc.Chart{Kind: doc.StackedBar, Title: "Actions by priority area and progress RAG", Unit: "actions",
		Source: in.trackerSource("improvement plan tracker")}
	for _, a := range p.Areas {
		c.Categories = append(c.Categories, a.Name)
	}
	for _, r := range record.RAGs {
		vals := make([]float64, len(p.Areas))
		any := false
		for i, a := range p.Areas {
			vals[i] = float64(a.ByRAG[r])
			any = any || a.ByRAG[r] > 0
		}
		if any {
			c.Series = append(c.Series, in.ragSeries(r, vals))
		}
	}
	return c, chartTable(c, "Priority area")
}

func chartRAGOverall(in Input) (*doc.Chart, *doc.Table) {
	p := in.Results.Plan
	c := &doc.Chart{Kind: doc.Donut, Title: "All actions by progress RAG", Unit: "actions", Source: in.trackerSource("improvement plan tracker")}
	s := doc.Series{Name: "Actions"}
	for _, r := range record.RAGs {
		if p.ByRAG[r] == 0 {
			continue
		}
		l := in.ragLevel(r)
		c.Categories = append(c.Categories, l.Label)
		s.Values = append(s.Values, float64(p.ByRAG[r]))
		s.Colours = append(s.Colours, colour(l.Colour))
	}
	c.Series = []doc.Series{s}
	return c, chartTable(c, "Progress RAG")
}

func chartRAGTrend(in Input) (*doc.Chart, *doc.Table) {
	tr := in.Results.Trend
	c := &doc.Chart{Kind: doc.StackedBar, Title: "Actions by progress RAG, month by month", Unit: "actions",
		Source: in.trackerSource("improvement plan trackers")}
	for _, m := range tr {
		c.Categories = append(c.Categories, m.Month.Short())
	}
	for _, r := range record.RAGs {
		vals := make([]float64, len(tr))
		any := false
		for i, m := range tr {
			vals[i] = float64(m.ByRAG[r])
			any = any || m.ByRAG[r] > 0
		}
		if any {
			c.Series = append(c.Series, in.ragSeries(r, vals))
		}
	}
	return c, chartTable(c, "Month")
}

var (
	navy  = doc.Colour{R: 0x1F, G: 0x38, B: 0x64}
	teal  = doc.Colour{R: 0x00, G: 0x7A, B: 0x87}
	plum  = doc.Colour{R: 0x88, G: 0x3F, B: 0x8C}
	ochre = doc.Colour{R: 0xB3, G: 0x6B, B: 0x00}
)

func chartCaseloadByTeam(in Input) (*doc.Chart, *doc.Table) {
	cl := in.Results.Caseload
	c := &doc.Chart{Kind: doc.Bar, Title: "Average caseload by team, " + cl.Month.Long(), Unit: "cases",
		Source: in.source("caseload export (children allocated per case-holding FTE)")}
	s := doc.Series{Name: "Average caseload", Colour: navy}
	for _, t := range cl.Teams {
		c.Categories = append(c.Categories, t.Team)
		s.Values = append(s.Values, t.Average.Value)
		s.Missing = append(s.Missing, !t.Average.Valid)
	}
	c.Series = []doc.Series{s}
	// The line is the service's target; a team with a target of its own
	// is named with it, here under the chart, so that a reader can tell
	// its bar against its own target (the text counts teams that way).
	var own []measure.TeamLoad
	for _, t := range cl.Teams {
		if t.Target != cl.Target {
			own = append(own, t)
		}
	}
	if cl.Target > 0 {
		label := "Target"
		switch {
		case len(own) == 1:
			label = "Service target"
			c.Source += fmt.Sprintf(" %s has its own target of %s.", own[0].Team, Plain(own[0].Target))
		case len(own) > 1:
			label = "Service target"
			names := make([]string, len(own))
			for i, t := range own {
				names[i] = t.Team + " " + Plain(t.Target)
			}
			c.Source += " Teams with their own target: " + strings.Join(names, "; ") + "."
		}
		c.Target = &doc.Target{Label: label, Value: cl.Target}
	}
	// The figures, with each team's own target.
	t := &doc.Table{Zebra: true, Columns: []doc.Column{{Header: "Team", Weight: 2}, {Header: "Average caseload", Weight: 1, Align: doc.Right}, {Header: "Target", Weight: 1, Align: doc.Right}}}
	for _, tl := range cl.Teams {
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{{Text: tl.Team}, {Text: dash(tl.Average, Fixed)}, {Text: Plain(tl.Target)}}})
	}
	return c, t
}

// dash formats n with f, or "-" when it is missing.
func dash(n record.Num, f func(record.Num) string) string {
	if !n.Valid {
		return "-"
	}
	return f(n)
}

func lastN[T any](s []T, n int) []T {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

func chartCaseloadTrend(in Input) (*doc.Chart, *doc.Table) {
	cl := in.Results.Caseload
	c := &doc.Chart{Kind: doc.Line, Title: "Average caseload, all teams, last 12 months", Unit: "cases",
		Source: in.source("caseload export")}
	s := doc.Series{Name: "Average caseload", Colour: navy}
	for _, mv := range lastN(cl.Series, 12) {
		c.Categories = append(c.Categories, mv.Month.Short())
		s.Values = append(s.Values, mv.Value.Value)
		s.Missing = append(s.Missing, !mv.Value.Valid)
	}
	c.Series = []doc.Series{s}
	if cl.Target > 0 {
		c.Target = &doc.Target{Label: "Target", Value: cl.Target}
	}
	return c, chartTable(c, "Month")
}

func chartCaseloadWorkers(in Input) (*doc.Chart, *doc.Table) {
	w := in.Results.Caseload.Workers
	c := &doc.Chart{Kind: doc.Bar, Title: "Social workers by number of children allocated", Unit: "workers",
		Source: in.source("case-level allocation export")}
	s := doc.Series{Name: "Workers", Colour: teal}
	c.Source = in.source("case-level allocation export; part-time workers' caseloads are per FTE")
	for _, b := range w.Buckets {
		c.Categories = append(c.Categories, b.Label()+" children")
		s.Values = append(s.Values, float64(b.Workers))
	}
	c.Series = []doc.Series{s}
	if t := in.Results.Caseload.Target; t > 0 && len(w.Buckets) > 0 {
		c.Highlight = &doc.Highlight{From: measure.FirstAbove(w.Buckets, t), Label: "Above the target of " + Plain(t)}
	}
	return c, chartTable(c, "Caseload")
}

func chartWorkforceRates(in Input) (*doc.Chart, *doc.Table) {
	rs := lastN(in.Results.Workforce, 12)
	c := &doc.Chart{Kind: doc.Line, Title: "Agency, vacancy and turnover rates, last 12 months", Unit: "%",
		Source: in.source("workforce dashboard (DfE definitions)")}
	ag := doc.Series{Name: "Agency rate", Colour: navy}
	va := doc.Series{Name: "Vacancy rate", Colour: ochre, Dashed: true}
	tu := doc.Series{Name: "Turnover rate", Colour: plum}
	for _, r := range rs {
		c.Categories = append(c.Categories, r.Month.Short())
		for _, p := range []struct {
			s *doc.Series
			n record.Num
		}{{&ag, r.AgencyRate}, {&va, r.VacancyRate}, {&tu, r.Turnover}} {
			p.s.Values = append(p.s.Values, p.n.Value)
			p.s.Missing = append(p.s.Missing, !p.n.Valid)
		}
	}
	c.Series = []doc.Series{ag, va, tu}
	return c, chartTable(c, "Month")
}

// rateChart is one workforce rate over the last 12 months with the
// configured England and statistical-neighbour figures as reference lines.
func rateChart(in Input, title string, rate func(measure.Rates) record.Num, cmp config.Comparators) (*doc.Chart, *doc.Table) {
	c := &doc.Chart{Kind: doc.Line, Title: title + ", last 12 months", Unit: "%",
		Source: in.source("workforce dashboard (DfE definitions)")}
	s := doc.Series{Name: in.Config.Council, Colour: navy}
	for _, r := range lastN(in.Results.Workforce, 12) {
		c.Categories = append(c.Categories, r.Month.Short())
		v := rate(r)
		s.Values, s.Missing = append(s.Values, v.Value), append(s.Missing, !v.Valid)
	}
	c.Series = []doc.Series{s}
	suffix := ""
	if cmp.Year != "" {
		suffix = " (" + cmp.Year + ")"
	}
	if cmp.England > 0 {
		c.References = append(c.References, doc.Target{Label: fmt.Sprintf("England %.1f%%%s", cmp.England, suffix), Value: cmp.England})
	}
	if cmp.StatNeighbours > 0 {
		c.References = append(c.References, doc.Target{Label: fmt.Sprintf("Statistical neighbours %.1f%%", cmp.StatNeighbours), Value: cmp.StatNeighbours})
	}
	return c, chartTable(c, "Month")
}

func chartAgencyRate(in Input) (*doc.Chart, *doc.Table) {
	return rateChart(in, "Agency rate", func(r measure.Rates) record.Num { return r.AgencyRate }, in.Config.Benchmarks.AgencyRate)
}

func chartTurnoverRate(in Input) (*doc.Chart, *doc.Table) {
	return rateChart(in, "Turnover rate (leavers over the previous 12 months)", func(r measure.Rates) record.Num { return r.Turnover }, in.Config.Benchmarks.TurnoverRate)
}

func chartVacancyRate(in Input) (*doc.Chart, *doc.Table) {
	return rateChart(in, "Vacancy rate", func(r measure.Rates) record.Num { return r.VacancyRate }, in.Config.Benchmarks.VacancyRate)
}

// gridKPITrends is a small chart per KPI over 12 months with its target,
// and the table of their figures.
func gridKPITrends(in Input) (*doc.ChartGrid, *doc.Table) {
	g := &doc.ChartGrid{Columns: 3, Source: in.source("KPI scorecard") + " Axes do not start at zero; gaps are missing or suppressed months."}
	t := &doc.Table{Zebra: true, Columns: []doc.Column{{Header: "Indicator", Weight: 3.2}}}
	for i, k := range in.Results.KPIs {
		c := doc.Chart{Kind: doc.SmallLine, Title: k.Indicator, Unit: k.Unit, Height: 34}
		s := doc.Series{Name: k.Indicator, Colour: navy}
		row := doc.Row{Cells: []doc.Cell{{Text: k.Indicator}}}
		for _, mv := range k.Series {
			c.Categories = append(c.Categories, mv.Month.Short())
			s.Values, s.Missing = append(s.Values, mv.Value.Value), append(s.Missing, !mv.Value.Valid)
			row.Cells = append(row.Cells, doc.Cell{Text: kpiValue(mv.Value, k.Unit)})
			if i == 0 {
				t.Columns = append(t.Columns, doc.Column{Header: mv.Month.Short(), Weight: 1, Align: doc.Right})
			}
		}
		c.Series = []doc.Series{s}
		if k.Target.Valid {
			c.Target = &doc.Target{Label: "Target", Value: k.Target.Value}
		}
		g.Charts = append(g.Charts, c)
		t.Rows = append(t.Rows, row)
	}
	return g, t
}

func chartStartersLeavers(in Input) (*doc.Chart, *doc.Table) {
	rs := lastN(in.Results.Workforce, 12)
	c := &doc.Chart{Kind: doc.GroupedBar, Title: "Social work starters and leavers (FTE), last 12 months", Unit: "FTE",
		Source: in.source("workforce dashboard")}
	st := doc.Series{Name: "Starters", Colour: teal}
	le := doc.Series{Name: "Leavers", Colour: plum}
	for _, r := range rs {
		c.Categories = append(c.Categories, r.Month.Short())
		st.Values, st.Missing = append(st.Values, r.Starters.Value), append(st.Missing, !r.Starters.Valid)
		le.Values, le.Missing = append(le.Values, r.Leavers.Value), append(le.Missing, !r.Leavers.Valid)
	}
	c.Series = []doc.Series{st, le}
	return c, chartTable(c, "Month")
}

func tableRAGSummary(in Input) []doc.Block {
	p := in.Results.Plan
	t := &doc.Table{Columns: []doc.Column{
		{Header: "Progress RAG", Width: 32}, {Header: "Meaning", Weight: 2},
		{Header: "Actions", Width: 22, Align: doc.Right}, {Header: "Share", Width: 20, Align: doc.Right},
	}}
	for _, r := range record.RAGs {
		if r == record.NotRated && p.ByRAG[r] == 0 {
			continue
		}
		l := in.ragLevel(r)
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{in.ragCell(r), {Text: l.Meaning},
			{Text: strconv.Itoa(p.ByRAG[r])}, {Text: fmt.Sprintf("%d%%", measure.Percent(p.ByRAG[r], p.Total))}}})
	}
	t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{{Text: "Total", Bold: true}, {}, {Text: strconv.Itoa(p.Total), Bold: true}, {Text: "100%", Bold: true}}})
	return []doc.Block{t}
}

func tableRAGByArea(in Input) []doc.Block {
	p := in.Results.Plan
	return areaTable(in, p.Areas, measure.Area{Name: "All areas", Total: p.Total, Complete: p.Complete, Overdue: len(p.Overdue), ByRAG: p.ByRAG})
}

// areaTable shows priority areas' actions by RAG, with a total row when
// total has a name.
func areaTable(in Input, areas []measure.Area, total measure.Area) []doc.Block {
	t := &doc.Table{Zebra: true, Columns: []doc.Column{{Header: "Priority area", Weight: 3}, {Header: "Actions", Weight: 1, Align: doc.Right}}}
	for _, r := range record.RAGs {
		t.Columns = append(t.Columns, doc.Column{Header: in.ragLevel(r).Label, Weight: 1, Align: doc.Right})
	}
	t.Columns = append(t.Columns, doc.Column{Header: "Complete", Weight: 1, Align: doc.Right}, doc.Column{Header: "Overdue", Weight: 1, Align: doc.Right})
	row := func(a measure.Area, bold bool) doc.Row {
		cells := []doc.Cell{{Text: a.Name, Bold: bold}, {Text: strconv.Itoa(a.Total), Bold: bold}}
		for _, r := range record.RAGs {
			cells = append(cells, doc.Cell{Text: strconv.Itoa(a.ByRAG[r]), Bold: bold})
		}
		cells = append(cells, doc.Cell{Text: fmt.Sprintf("%d%%", measure.Percent(a.Complete, a.Total)), Bold: bold}, doc.Cell{Text: strconv.Itoa(a.Overdue), Bold: bold})
		return doc.Row{Cells: cells}
	}
	for _, a := range areas {
		t.Rows = append(t.Rows, row(a, false))
	}
	if total.Name != "" {
		t.Rows = append(t.Rows, row(total, true))
	}
	return []doc.Block{t}
}

// exceptions are the actions a board must look at: rated Red, or overdue.
func exceptions(p measure.Plan) []record.Action {
	overdue := map[string]bool{}
	for _, a := range p.Overdue {
		overdue[a.Ref] = true
	}
	var out []record.Action
	for _, a := range p.Actions {
		if !a.IsComplete() && a.Status != record.Superseded && (measure.EffectiveRAG(a) == record.Red || overdue[a.Ref]) {
			out = append(out, a)
		}
	}
	return out
}

func tableExceptions(in Input) []doc.Block {
	return actionTable(in, exceptions(in.Results.Plan), true)
}

// actionTable lists actions with their commentary, grouped by area.
func actionTable(in Input, as []record.Action, overdueCol bool) []doc.Block {
	if len(as) == 0 {
		return []doc.Block{&doc.Paragraph{Style: doc.Note, Spans: doc.Text("None this period.")}}
	}
	end := in.Results.Month.End()
	t := &doc.Table{Zebra: true, Columns: []doc.Column{
		{Header: "Ref", Width: 16}, {Header: "Action", Weight: 3}, {Header: "Lead", Weight: 1.9},
		{Header: "Due", Width: 23}, {Header: "RAG", Width: 17}, {Header: "Commentary", Weight: 3},
	}}
	area := ""
	var starred []record.Action
	for _, a := range sortedByArea(in.Results.Plan, as) {
		if a.Area != area {
			area = a.Area
			t.Rows = append(t.Rows, doc.Row{Group: area})
		}
		if in.withholds(a) {
			t.Rows = append(t.Rows, withheldRow(len(t.Columns)))
			continue
		}
		due := dueText(a)
		if overdueCol && !a.DueBy().IsZero() && a.DueBy().Before(end) {
			due += ", " + overdueBy(a.DueBy(), end)
		}
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{
			{Text: a.Ref}, {Text: in.actionText(a, a.Text)}, {Text: a.Lead}, {Text: due},
			in.actionRAG(a, &starred), {Text: in.actionText(a, a.Update)},
		}})
	}
	return append([]doc.Block{t}, in.starNote(starred)...)
}

// dueText is the date an action is due, showing a revision: "30/09/2023
// (revised from 28/02/2023)".
func dueText(a record.Action) string {
	if !a.RevisedDue.IsZero() && !a.Due.IsZero() && !a.RevisedDue.Equal(a.Due) {
		return ShortDate(a.RevisedDue) + " (revised from " + ShortDate(a.Due) + ")"
	}
	return ShortDate(a.DueBy())
}

// overdueBy says how late an action is at end: "overdue by 3 months".
func overdueBy(due, end time.Time) string {
	months := (end.Year()-due.Year())*12 + int(end.Month()-due.Month())
	if end.Day() < due.Day() {
		months--
	}
	switch {
	case months >= 2:
		return fmt.Sprintf("overdue by %d months", months)
	case months == 1:
		return "overdue by 1 month"
	}
	days := int(end.Sub(due).Hours()/24 + 0.5)
	return fmt.Sprintf("overdue by %d %s", days, plural(days, "day", "days"))
}

// sortedByArea orders actions by the plan's area order, keeping tracker
// order within an area.
func sortedByArea(p measure.Plan, as []record.Action) []record.Action {
	rank := map[string]int{}
	for i, a := range p.Areas {
		rank[a.Name] = i
	}
	out := make([]record.Action, len(as))
	copy(out, as)
	// Stable insertion sort: the lists are short and order must not depend
	// on the sort algorithm.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && rank[out[j].Area] < rank[out[j-1].Area]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func tableMovement(in Input) []doc.Block {
	mv := in.Results.Movement
	if !mv.Has {
		return []doc.Block{&doc.Paragraph{Style: doc.Note, Spans: doc.Text("There is no earlier tracker to compare with.")}}
	}
	t := &doc.Table{Zebra: true, Columns: []doc.Column{
		{Header: "Ref", Width: 16}, {Header: "Action", Weight: 4}, {Header: mv.Previous.Long(), Width: 24}, {Header: in.Results.Month.Long(), Width: 24},
	}}
	group := func(name string, cs []measure.Change, from, to string) {
		if len(cs) == 0 {
			return
		}
		t.Rows = append(t.Rows, doc.Row{Group: fmt.Sprintf("%s (%d)", name, len(cs))})
		for _, c := range cs {
			if in.withholds(c.Action) {
				t.Rows = append(t.Rows, withheldRow(len(t.Columns)))
				continue
			}
			fc, tc := in.ragCell(c.From), in.ragCell(c.To)
			if from != "" {
				fc = doc.Cell{Text: from}
			}
			if to != "" {
				tc = doc.Cell{Text: to}
			}
			t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{{Text: c.Action.Ref}, {Text: in.actionText(c.Action, c.Action.Text)}, fc, tc}})
		}
	}
	group("Improved", mv.Improved, "", "")
	group("Worsened", mv.Worsened, "", "")
	var added []measure.Change
	for _, a := range mv.New {
		added = append(added, measure.Change{Action: a, From: record.NotRated, To: a.Progress})
	}
	group("New actions", added, "New", "")
	var removed []measure.Change
	for _, a := range mv.Removed {
		removed = append(removed, measure.Change{Action: a, From: a.Progress, To: record.NotRated})
	}
	group("Removed from the tracker", removed, "", "Removed")
	return []doc.Block{t}
}

func tableProgressImpact(in Input) []doc.Block {
	p := in.Results.Plan
	t := &doc.Table{Columns: []doc.Column{{Header: "Progress \\ Impact", Weight: 2}}}
	for _, r := range record.RAGs {
		t.Columns = append(t.Columns, doc.Column{Header: "Impact " + in.ragLevel(r).Label, Weight: 1, Align: doc.Right})
	}
	for _, pr := range record.RAGs {
		row := doc.Row{Cells: []doc.Cell{in.ragCell(pr)}}
		for _, im := range record.RAGs {
			row.Cells = append(row.Cells, doc.Cell{Text: strconv.Itoa(p.Matrix[pr][im])})
		}
		t.Rows = append(t.Rows, row)
	}
	return []doc.Block{t}
}

func tableCaseloadByTeam(in Input) []doc.Block {
	cl := in.Results.Caseload
	t := &doc.Table{Zebra: true, Columns: []doc.Column{
		{Header: "Team", Weight: 3}, {Header: "Case-holding FTE", Weight: 1.4, Align: doc.Right},
		{Header: "Children allocated", Weight: 1.4, Align: doc.Right}, {Header: "Average caseload", Weight: 1.4, Align: doc.Right},
		{Header: "Target", Weight: 1, Align: doc.Right}, {Header: "Against target", Weight: 1.4},
	}}
	row := func(tl measure.TeamLoad, bold bool) doc.Row {
		against := "Within target"
		if tl.Over() {
			against = "Above target"
		}
		if !tl.Average.Valid {
			against = "Not available"
		}
		return doc.Row{Cells: []doc.Cell{{Text: tl.Team, Bold: bold}, {Text: dash(tl.FTE, Fixed), Bold: bold},
			{Text: dash(tl.Cases, func(n record.Num) string { return Plain(n.Value) }), Bold: bold},
			{Text: dash(tl.Average, Fixed), Bold: bold}, {Text: Plain(tl.Target), Bold: bold}, {Text: against, Bold: bold}}}
	}
	for _, tl := range cl.Teams {
		t.Rows = append(t.Rows, row(tl, false))
	}
	t.Rows = append(t.Rows, row(cl.Overall, true))
	out := []doc.Block{t}
	for _, tl := range cl.Teams {
		if !tl.Average.Valid {
			out = append(out, &doc.Paragraph{Style: doc.Note, Spans: doc.Text("- : missing or suppressed in the source data (never counted as zero); the total covers the teams with figures.")})
			break
		}
	}
	return out
}

func tableWorkforce(in Input) []doc.Block {
	t := &doc.Table{Zebra: true, Columns: []doc.Column{
		{Header: "Month", Weight: 1.2}, {Header: "In-post FTE", Weight: 1, Align: doc.Right}, {Header: "Agency FTE", Weight: 1, Align: doc.Right},
		{Header: "Vacancies FTE", Weight: 1, Align: doc.Right}, {Header: "Agency rate", Weight: 1, Align: doc.Right},
		{Header: "Vacancy rate", Weight: 1, Align: doc.Right}, {Header: "Turnover (12 months)", Weight: 1.2, Align: doc.Right},
	}}
	for _, r := range lastN(in.Results.Workforce, 6) {
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{{Text: r.Month.Long()}, {Text: Fixed(r.InPost)}, {Text: Fixed(r.Agency)},
			{Text: Fixed(r.Vacancies)}, {Text: Pct(r.AgencyRate)}, {Text: Pct(r.VacancyRate)}, {Text: Pct(r.Turnover)}}})
	}
	return []doc.Block{t}
}

func tableBenchmarks(in Input) []doc.Block {
	latest, _, ok := in.Results.LatestRates()
	if !ok {
		return nil
	}
	b := in.Config.Benchmarks
	t := &doc.Table{Columns: []doc.Column{
		{Header: "Rate", Weight: 2}, {Header: in.Config.Council, Weight: 1.5, Align: doc.Right},
		{Header: "England", Weight: 1, Align: doc.Right}, {Header: "Statistical neighbours", Weight: 1.3, Align: doc.Right}, {Header: "Region", Weight: 1, Align: doc.Right},
	}}
	cmp := func(v float64) string {
		if v == 0 {
			return "-"
		}
		return strconv.FormatFloat(v, 'f', 1, 64) + "%"
	}
	for _, x := range []struct {
		name string
		v    record.Num
		c    config.Comparators
	}{{"Agency rate", latest.AgencyRate, b.AgencyRate}, {"Vacancy rate", latest.VacancyRate, b.VacancyRate}, {"Turnover rate", latest.Turnover, b.TurnoverRate}} {
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{{Text: x.name}, {Text: Pct(x.v)}, {Text: cmp(x.c.England)}, {Text: cmp(x.c.StatNeighbours)}, {Text: cmp(x.c.Region)}}})
	}
	note := fmt.Sprintf("%s figures are for %s. Comparators are the latest published DfE children's social work workforce figures", in.Config.Council, latest.Month.Long())
	if y := b.AgencyRate.Year; y != "" {
		note += " (" + y + ")"
	}
	return []doc.Block{t, &doc.Paragraph{Style: doc.Note, Spans: doc.Text(note + ".")}}
}

func tableRecruitment(in Input) []doc.Block {
	t := &doc.Table{Zebra: true, Columns: []doc.Column{{Header: "Month", Weight: 1.4}}}
	for _, h := range []string{"Adverts", "Applications", "Interviews", "Offers", "Starters"} {
		t.Columns = append(t.Columns, doc.Column{Header: h, Weight: 1, Align: doc.Right})
	}
	num := func(n record.Num) string {
		if !n.Valid {
			return "-"
		}
		return Plain(n.Value)
	}
	for _, r := range lastN(in.Results.Recruitment, 6) {
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{{Text: r.Month.Long()}, {Text: num(r.Adverts)}, {Text: num(r.Applications)},
			{Text: num(r.Interviews)}, {Text: num(r.Offers)}, {Text: num(r.Starters)}}})
	}
	return []doc.Block{t}
}

func kpiValue(n record.Num, unit string) string {
	if !n.Valid {
		return "-"
	}
	s := strconv.FormatFloat(n.Value, 'f', 1, 64)
	if unit == "%" {
		return s + "%"
	}
	return s
}

func tableKPIs(in Input) []doc.Block { return kpiTable(in, in.Results.KPIs) }

// themeWords find a Scrutiny theme's indicators and priority areas by
// their names.
var themeWords = map[string][]string{
	"early-help":         {"early help", "family hub", "families first", "supporting families", "troubled famil", "step down", "step-down", "early intervention", "prevention"},
	"voice-of-the-child": {"seen alone", "voice", "participation", "views", "wishes and feelings", "advocacy", "children in care council", "lived experience", "feedback"},
}

func themeMatch(theme, name string) bool {
	l := strings.ToLower(name)
	for _, w := range themeWords[theme] {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// themeKPIs are the indicators whose names belong to a theme.
func themeKPIs(in Input, theme string) []measure.KPI {
	var out []measure.KPI
	for _, k := range in.Results.KPIs {
		if themeMatch(theme, k.Indicator) {
			out = append(out, k)
		}
	}
	return out
}

// themeAreas are the priority areas whose names belong to a theme.
func themeAreas(in Input, theme string) []measure.Area {
	var out []measure.Area
	for _, a := range in.Results.Plan.Areas {
		if themeMatch(theme, a.Name) {
			out = append(out, a)
		}
	}
	return out
}

// tableThemeAreas is the progress of a theme's priority areas.
func tableThemeAreas(theme string) func(Input) []doc.Block {
	return func(in Input) []doc.Block {
		as := themeAreas(in, theme)
		if len(as) == 0 {
			return nil
		}
		return areaTable(in, as, measure.Area{})
	}
}

// tableThemeKPIs is the scorecard of a theme's indicators.
func tableThemeKPIs(theme string) func(Input) []doc.Block {
	return func(in Input) []doc.Block {
		ks := themeKPIs(in, theme)
		if len(ks) == 0 {
			return nil
		}
		return kpiTable(in, ks)
	}
}

// tableBackgroundPapers lists the config's background papers.
func tableBackgroundPapers(in Input) []doc.Block {
	if len(in.Config.Background) == 0 {
		return []doc.Block{&doc.Paragraph{Spans: doc.Text("None identified.")}}
	}
	l := &doc.List{}
	for _, p := range in.Config.Background {
		item := []doc.Span{{Text: p.Title}}
		if p.Link != "" {
			item = append(item, doc.Span{Text: ": "}, doc.Span{Text: p.Link, Link: p.Link})
		}
		l.Items = append(l.Items, item)
	}
	return []doc.Block{l}
}

func kpiTable(in Input, kpis []measure.KPI) []doc.Block {
	t := &doc.Table{Zebra: true, Columns: []doc.Column{
		{Header: "Indicator", Weight: 4}, {Header: "Latest", Weight: 1, Align: doc.Right}, {Header: "Previous", Weight: 1, Align: doc.Right},
		{Header: "Direction of travel", Weight: 1.5}, {Header: "Target", Weight: 1, Align: doc.Right}, {Header: "Against target", Weight: 1.2},
		{Header: "England", Weight: 1, Align: doc.Right}, {Header: "Stat. neighbours", Weight: 1.2, Align: doc.Right},
	}}
	suppressed := false
	for _, k := range kpis {
		suppressed = suppressed || !k.Latest.Valid || !k.Previous.Valid
		dir := k.Direction.String()
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{
			{Text: k.Indicator}, {Text: kpiValue(k.Latest, k.Unit), Bold: true}, {Text: kpiValue(k.Previous, k.Unit)}, {Text: dir},
			{Text: kpiValue(k.Target, k.Unit)}, in.ragCell(k.RAG), {Text: kpiValue(k.England, k.Unit)}, {Text: kpiValue(k.StatNeighbours, k.Unit)},
		}})
	}
	out := []doc.Block{t}
	if suppressed {
		out = append(out, &doc.Paragraph{Style: doc.Note, Spans: doc.Text("- : missing or suppressed in the source data (never counted as zero).")})
	}
	return out
}

func tableActionPlan(in Input) []doc.Block {
	acts := in.planActions()
	if len(acts) == 0 {
		return []doc.Block{&doc.Paragraph{Spans: doc.Text("No actions match: " + in.Filter.String() + ".")}}
	}
	// The Ofsted recommendation each action answers, where the tracker
	// says, by its short label ("Rec 3"); the recommendations table gives
	// them in full.
	withRec := false
	for _, a := range acts {
		withRec = withRec || a.Ofsted != ""
	}
	t := &doc.Table{Zebra: true, GroupBookmarks: 2, Columns: []doc.Column{
		{Header: "Ref", Width: 16}, {Header: "Action", Weight: 3.2}, {Header: "Lead", Weight: 1.4}, {Header: "Due", Width: 20},
		{Header: "Status", Width: 22}, {Header: "Progress", Width: 19}, {Header: "Impact", Width: 19}, {Header: "Latest update", Weight: 3.2},
	}}
	if withRec {
		t.Columns = append(t.Columns[:4], append([]doc.Column{{Header: "Ofsted", Width: 15}}, t.Columns[4:]...)...)
	}
	area := ""
	var starred []record.Action
	for _, a := range sortedByArea(in.Results.Plan, acts) {
		if a.Area != area {
			area = a.Area
			t.Rows = append(t.Rows, doc.Row{Group: area})
		}
		if in.withholds(a) {
			t.Rows = append(t.Rows, withheldRow(len(t.Columns)))
			continue
		}
		cells := []doc.Cell{{Text: a.Ref}, {Text: in.actionText(a, a.Text)}, {Text: a.Lead}, {Text: dueText(a)}}
		if withRec {
			cells = append(cells, doc.Cell{Text: recLabel(a.Ofsted)})
		}
		cells = append(cells, doc.Cell{Text: a.Status.String()}, in.actionRAG(a, &starred), in.ragCell(a.Impact), doc.Cell{Text: in.actionText(a, a.Update)})
		t.Rows = append(t.Rows, doc.Row{Cells: cells})
	}
	return append([]doc.Block{t}, in.starNote(starred)...)
}

// recLabel is an Ofsted recommendation's short label: "Rec 3" of "Rec 3:
// Management oversight", or the whole text when it has no short label.
func recLabel(rec string) string {
	if i := strings.IndexAny(rec, ":–-"); i > 0 && i <= 12 {
		return strings.TrimSpace(rec[:i])
	}
	return rec
}

// tableOfstedRecs groups the actions by the Ofsted recommendation they
// answer: how many, how many complete, overdue and Red.
func tableOfstedRecs(in Input) []doc.Block {
	p := in.Results.Plan
	overdue := map[string]bool{}
	for _, a := range p.Overdue {
		overdue[a.Ref] = true
	}
	type rec struct {
		name                          string
		total, complete, late, red, x int
	}
	var recs []*rec
	byName := map[string]*rec{}
	// The actions the paper's action-plan table shows (a one-off
	// appendix's selection), so that the counts describe the table beside.
	acts := in.planActions()
	public := map[string]bool{} // recommendations a public action answers
	for _, a := range acts {
		public[a.Ofsted] = public[a.Ofsted] || !in.withholds(a)
	}
	for _, a := range acts {
		if a.Ofsted == "" {
			continue
		}
		name := a.Ofsted
		if !public[name] {
			// Only confidential actions name it: an Open paper counts
			// them without repeating what their tracker cell says.
			name = withheld
		}
		r, ok := byName[name]
		if !ok {
			r = &rec{name: name}
			byName[name] = r
			recs = append(recs, r)
		}
		r.total++
		if a.IsComplete() {
			r.complete++
		}
		if overdue[a.Ref] {
			r.late++
		}
		if measure.EffectiveRAG(a) == record.Red {
			r.red++
		}
	}
	if len(recs) == 0 {
		return nil
	}
	sort.SliceStable(recs, func(i, j int) bool { return naturalLess(recs[i].name, recs[j].name) })
	t := &doc.Table{Caption: "Actions by Ofsted recommendation", Zebra: true, Columns: []doc.Column{
		{Header: "Ofsted recommendation", Weight: 4}, {Header: "Actions", Width: 18, Align: doc.Right}, {Header: "Complete", Width: 20, Align: doc.Right},
		{Header: "Overdue", Width: 19, Align: doc.Right}, {Header: in.ragLevel(record.Red).Label, Width: 16, Align: doc.Right},
	}}
	for _, r := range recs {
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{{Text: r.name}, {Text: strconv.Itoa(r.total)}, {Text: strconv.Itoa(r.complete)},
			{Text: strconv.Itoa(r.late)}, {Text: strconv.Itoa(r.red)}}})
	}
	return []doc.Block{t}
}

// naturalLess orders "Rec 2" before "Rec 10".
func naturalLess(a, b string) bool {
	na, nb := leadingNumber(a), leadingNumber(b)
	if na != nb && na >= 0 && nb >= 0 {
		return na < nb
	}
	return a < b
}

// leadingNumber is the first number in s, or -1.
func leadingNumber(s string) int {
	start := strings.IndexAny(s, "0123456789")
	if start < 0 {
		return -1
	}
	end := start
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	n, _ := strconv.Atoi(s[start:end])
	return n
}

// notYetImpact are the actions delivered (complete) whose impact is not
// yet rated Green or Blue: what the board most asks about.
func notYetImpact(p measure.Plan) []record.Action {
	var out []record.Action
	for _, a := range p.Actions {
		if a.IsComplete() && a.Impact != record.Green && a.Impact != record.Blue {
			out = append(out, a)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return impactOrder(out[i].Impact) < impactOrder(out[j].Impact) })
	return out
}

// impactOrder puts Red first, then Amber, then not yet rated.
func impactOrder(r record.RAG) int {
	switch r {
	case record.Red:
		return 0
	case record.Amber:
		return 1
	}
	return 2
}

// tableImpactConcerns names the actions delivered whose impact is rated
// Red or Amber: the ones a board member asks about first.
func tableImpactConcerns(in Input) []doc.Block {
	var as []record.Action
	for _, a := range notYetImpact(in.Results.Plan) {
		if a.Impact == record.Red || a.Impact == record.Amber {
			as = append(as, a)
		}
	}
	return impactTable(in, as)
}

// tableNotYetImpact names every action delivered but not yet showing
// impact, with the measure that will show it.
func tableNotYetImpact(in Input) []doc.Block { return impactTable(in, notYetImpact(in.Results.Plan)) }

func impactTable(in Input, as []record.Action) []doc.Block {
	if len(as) == 0 {
		return []doc.Block{&doc.Paragraph{Spans: doc.Text("Every completed action is rated Green or Blue for impact.")}}
	}
	t := &doc.Table{Zebra: true, Columns: []doc.Column{
		{Header: "Ref", Width: 16}, {Header: "Action", Weight: 3}, {Header: "Impact", Width: 21}, {Header: "How impact is measured", Weight: 2.4},
	}}
	for _, a := range as {
		if in.withholds(a) {
			t.Rows = append(t.Rows, withheldRow(len(t.Columns)))
			continue
		}
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{{Text: a.Ref}, {Text: a.Text}, in.ragCell(a.Impact), {Text: a.Evidence}}})
	}
	return []doc.Block{t}
}

// tableMovementSummary lists only what a board member looks for first:
// the actions that worsened. The full movement table is the appendix's.
func tableMovementSummary(in Input) []doc.Block {
	mv := in.Results.Movement
	if !mv.Has {
		return nil
	}
	t := &doc.Table{Zebra: true, Columns: []doc.Column{
		{Header: "Ref", Width: 16}, {Header: "Action", Weight: 4}, {Header: mv.Previous.Long(), Width: 24}, {Header: in.Results.Month.Long(), Width: 24},
	}}
	for _, g := range []struct {
		name string
		cs   []measure.Change
	}{{"Worsened", mv.Worsened}} {
		if len(g.cs) == 0 {
			continue
		}
		t.Rows = append(t.Rows, doc.Row{Group: fmt.Sprintf("%s (%d)", g.name, len(g.cs))})
		for _, c := range g.cs {
			if in.withholds(c.Action) {
				t.Rows = append(t.Rows, withheldRow(len(t.Columns)))
				continue
			}
			t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{{Text: c.Action.Ref}, {Text: c.Action.Text}, in.ragCell(c.From), in.ragCell(c.To)}})
		}
	}
	if len(t.Rows) == 0 {
		return nil
	}
	return []doc.Block{t}
}

func tableContradictions(in Input) []doc.Block {
	cs := in.Results.Plan.Contradictions
	if len(cs) == 0 {
		return nil
	}
	t := &doc.Table{Zebra: true, Columns: []doc.Column{{Header: "Ref", Width: 18}, {Header: "What does not agree", Weight: 1}}}
	for _, c := range cs {
		if in.withholds(c.Action) {
			t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{{}, {Text: withheld}}})
			continue
		}
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{{Text: c.Action.Ref}, {Text: c.Reason}}})
	}
	return []doc.Block{t}
}

var kindNames = map[string]string{
	"actions": "Action plan", "caseloads": "Caseloads", "allocations": "Allocations",
	"workforce": "Workforce", "recruitment": "Recruitment", "kpis": "KPIs", "action log": "Action log",
}

// tableDataQuality accounts for every row read and lists the reporting
// month's problems; earlier months' trackers are summarised, since only
// their movement is reported.
func tableDataQuality(in Input) []doc.Block {
	q := in.Quality
	sheet := sheetShown(q)
	t := &doc.Table{Zebra: true, Columns: []doc.Column{
		{Header: "Workbook", Weight: 3}, {Header: "Sheet", Weight: 1.4}, {Header: "Read as", Weight: 1.2},
		{Header: "Rows", Width: 14, Align: doc.Right}, {Header: "Used", Width: 14, Align: doc.Right},
		{Header: "Blank", Width: 14, Align: doc.Right}, {Header: "Notes", Width: 14, Align: doc.Right}, {Header: "Excluded", Width: 18, Align: doc.Right},
	}}
	for _, s := range q.Sheets {
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{{Text: s.File}, {Text: sheet(s.File, s.Sheet)}, {Text: kindNames[string(s.Kind)]},
			{Text: strconv.Itoa(s.Rows)}, {Text: strconv.Itoa(s.Used)}, {Text: strconv.Itoa(s.Blank)}, {Text: strconv.Itoa(s.Notes)}, {Text: strconv.Itoa(s.Rejected)}}})
	}
	out := []doc.Block{t}
	// Notes are counted, never quoted: a line beside a table may hold
	// anything, a name or a confidential remark.
	var notes []string
	nNotes := 0
	for _, sh := range q.Sheets {
		if sh.Notes == 0 || strings.Contains(sh.File, "/") && !strings.HasPrefix(sh.File, in.Results.Month.String()+"/") {
			continue
		}
		nNotes += sh.Notes
		notes = append(notes, fmt.Sprintf("%s (%d)", quality.Where(strings.TrimPrefix(sh.File, in.Results.Month.String()+"/"), sheet(sh.File, sh.Sheet)), sh.Notes))
	}
	if nNotes > 0 {
		out = append(out, &doc.Paragraph{Spans: doc.Text(fmt.Sprintf("%d %s beside or below the tables %s read as %s, not data, and not repeated here: %s. boardpack validate says where.",
			nNotes, plural(nNotes, "line", "lines"), plural(nNotes, "was", "were"), plural(nNotes, "a note", "notes"), strings.Join(notes, "; ")))})
	}
	var hidden []string
	allocBooks := map[string]bool{} // a hidden sheet of theirs may be named after a worker too
	for _, s := range q.Sheets {
		allocBooks[s.File] = allocBooks[s.File] || s.Kind == "allocations"
	}
	for _, sk := range q.Skipped {
		// A file of a flat data folder has no month folder: it is the month's.
		if sk.Reason == quality.HiddenSheet && (strings.HasPrefix(sk.File, in.Results.Month.String()+"/") || !strings.Contains(sk.File, "/")) {
			name := sk.Sheet
			if allocBooks[sk.File] {
				name = allocationSheet
			}
			hidden = append(hidden, quality.Where(strings.TrimPrefix(sk.File, in.Results.Month.String()+"/"), name))
		}
	}
	if n := len(hidden); n > 0 {
		out = append(out, &doc.Paragraph{Spans: doc.Text(fmt.Sprintf("%d hidden %s not read, as hidden sheets never are: %s.",
			n, plural(n, "sheet was", "sheets were"), strings.Join(hidden, "; ")))})
	}
	if len(in.Results.Notices) > 0 {
		l := &doc.List{}
		for _, n := range in.Results.Notices {
			l.Items = append(l.Items, doc.Text(n))
		}
		out = append(out, l)
	}
	month := in.Results.Month.String() + "/"
	var this quality.Report
	earlier := 0
	for _, p := range q.Problems {
		if strings.Contains(p.File, "/") && !strings.HasPrefix(p.File, month) {
			earlier++
			continue
		}
		this.Problems = append(this.Problems, p)
	}
	pt := &doc.Table{Zebra: true, Columns: []doc.Column{{Header: "What was found", Weight: 3}, {Header: "Effect", Width: 26}, {Header: "Where", Weight: 2.4}}}
	n := 0
	for _, sev := range []quality.Severity{quality.Error, quality.Warning} {
		for _, g := range this.Grouped(sev) {
			n += len(g.Problems)
			pt.Rows = append(pt.Rows, doc.Row{Cells: []doc.Cell{{Text: groupSays(g)}, {Text: groupEffect(g)}, {Text: groupWhere(g, month, sheet)}}})
		}
	}
	switch {
	case len(pt.Rows) == 0:
		out = append(out, &doc.Paragraph{Spans: doc.Text("No problems were found in this month's exports.")})
	default:
		out = append(out, &doc.Paragraph{Spans: doc.Text(fmt.Sprintf("Matters found in this month's exports (%d, alike ones together):", n))}, pt)
	}
	if earlier > 0 {
		out = append(out, &doc.Paragraph{Style: doc.Note, Spans: doc.Text(fmt.Sprintf(
			"A further %d %s in earlier months' trackers; run boardpack validate to list them.", earlier, plural(earlier, "matter was found", "matters were found")))})
	}
	return out
}

// allocationSheet stands in a paper for the name of an allocation export's
// sheet, which may be a worker's name (a workbook with a sheet per worker).
const allocationSheet = "(name not shown)"

// sheetShown returns how a paper names a sheet of q: by its name, except
// the allocation export's sheets, whose names stay with the data.
func sheetShown(q quality.Report) func(file, sheet string) string {
	private := map[[2]string]bool{}
	for _, s := range q.Sheets {
		if s.Kind == "allocations" {
			private[[2]string{s.File, s.Sheet}] = true
		}
	}
	return func(file, sheet string) string {
		if private[[2]string{file, sheet}] {
			return allocationSheet
		}
		return sheet
	}
}

// maxRefs is how many action references a data-quality row names before
// "and N more".
const maxRefs = 12

// groupSays is what a group of alike problems found, in words a board
// member reads: the message once, with the values it was found with.
func groupSays(g quality.Group) string {
	msg := g.Message
	if len(g.Problems) == 1 {
		msg = g.Problems[0].Message
	} else if len(g.Values) > 0 && !strings.Contains(strings.Join(g.Values, ""), "…") {
		msg = strings.ReplaceAll(msg, ` "…"`, "") + " (written as " + strings.Join(g.Values, ", ") + ")"
	}
	return capital(msg)
}

// groupEffect is what a group's problems did to the papers.
func groupEffect(g quality.Group) string {
	p := g.Problems[0]
	switch {
	case p.Effect != "":
		return p.Effect
	case p.Severity == quality.Error:
		return plural(len(g.Problems), "Row excluded", "Rows excluded")
	}
	return "Used"
}

// groupWhere names what a group's problems concern: the actions by their
// references ("5 actions: WF-03, SPD-04 ..."), other rows by their sheet
// and a count. Cell references are for boardpack validate.
func groupWhere(g quality.Group, month string, sheet func(file, sheet string) string) string {
	var refs, places []string
	rows := map[string]int{}
	secret := map[string]bool{} // confidential actions, by reference
	for _, p := range g.Problems {
		if p.Withheld && p.Ref != "" {
			secret[p.Ref] = true
			continue
		}
		if p.Ref != "" {
			if !slices.Contains(refs, p.Ref) {
				refs = append(refs, p.Ref)
			}
			continue
		}
		where := quality.Where(strings.TrimPrefix(p.File, month), sheet(p.File, p.Sheet))
		if _, ok := rows[where]; !ok {
			places = append(places, where)
		}
		if p.Cell != "" {
			rows[where]++
		}
	}
	var parts []string
	if len(refs) > 0 {
		s := fmt.Sprintf("%d %s: ", len(refs), plural(len(refs), "action", "actions"))
		if len(refs) > maxRefs {
			s += strings.Join(refs[:maxRefs], ", ") + fmt.Sprintf(" and %d more", len(refs)-maxRefs)
		} else {
			s += strings.Join(refs, ", ")
		}
		parts = append(parts, s)
	}
	if n := len(secret); n > 0 {
		// Not even the reference of a confidential action.
		parts = append(parts, fmt.Sprintf("%d confidential %s", n, plural(n, "action", "actions")))
	}
	for _, w := range places {
		if n := rows[w]; n > 0 {
			w += fmt.Sprintf(" (%d %s)", n, plural(n, "row", "rows"))
		}
		parts = append(parts, w)
	}
	return strings.Join(parts, "; ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// signed says a change with its direction: "up 3 points", "down 1 point",
// "no change"; one and many are the unit after the number, singular and
// plural.
func signed(d float64, one, many string) string {
	unit := many
	if d == 1 || d == -1 {
		unit = one
	}
	switch {
	case d > 0:
		return "up " + strconv.FormatFloat(d, 'f', -1, 64) + unit
	case d < 0:
		return "down " + strconv.FormatFloat(-d, 'f', -1, 64) + unit
	}
	return "no change"
}

// headlineTiles are the Board dashboard's headline figures, each with its
// change since the last board.
func headlineTiles(in Input) *doc.Tiles {
	r := in.Results
	p := r.Plan
	since := ""
	if r.Previous != nil {
		since = " since " + r.Previous.Month.Long()
	}
	change := func(cur, prev int, one, many string) string {
		if r.Previous == nil && !in.Meeting.Previous.IsZero() {
			// The last meeting's figures are not in the data.
			return "No earlier figures in the data"
		}
		if r.Previous == nil {
			return "First period reported"
		}
		return capital(signed(float64(cur-prev), one, many)) + since
	}
	ts := &doc.Tiles{}
	prevPct, prevOver, prevRed := 0, 0, 0
	if r.Previous != nil {
		prevPct, prevOver, prevRed = r.Previous.PctComplete, len(r.Previous.Overdue), r.Previous.ByRAG[record.Red]
	}
	ts.Items = append(ts.Items,
		doc.Tile{Label: "Actions complete", Value: fmt.Sprintf("%d%%", p.PctComplete), Change: fmt.Sprintf("%d of %d. ", p.Complete, p.Total) + change(p.PctComplete, prevPct, " point", " points")},
		doc.Tile{Label: "Actions overdue", Value: strconv.Itoa(len(p.Overdue)), Change: change(len(p.Overdue), prevOver, "", "")},
		doc.Tile{Label: "Actions rated " + in.ragLevel(record.Red).Label, Value: strconv.Itoa(p.ByRAG[record.Red]), Change: change(p.ByRAG[record.Red], prevRed, "", ""), RAG: "R"},
	)
	cl := r.Caseload
	if cl.Overall.Average.Valid {
		t := doc.Tile{Label: "Average caseload", Value: Fixed(cl.Overall.Average)}
		t.Change = "Target " + Plain(cl.Target)
		if r.PrevAverage.Valid {
			t.Change += "; " + signed(measure.Round1(cl.Overall.Average.Value-r.PrevAverage.Value), "", "") + " since " + r.PrevMonth.Long()
		}
		if cl.Target > 0 {
			// The same rule as the KPIs: within the tolerance of the target is Amber.
			rag := measure.AgainstTarget(cl.Overall.Average, record.N(cl.Target), record.LowerIsBetter, in.Config.Targets.KPITolerance)
			t.RAG = rag.Code()
			t.Change = in.ragLevel(rag).Label + ". " + t.Change
		}
		if cl.Month != r.Month {
			t.Label += " (" + cl.Month.Long() + ")"
		}
		ts.Items = append(ts.Items, t)
	}
	if latest, prev, ok := r.LatestRates(); ok {
		rate := func(label string, cur, before record.Num, eng float64) doc.Tile {
			t := doc.Tile{Label: label, Value: Pct(cur)}
			if cur.Valid && before.Valid {
				t.Change = capital(signed(measure.Round1(cur.Value-before.Value), " point", " points")) + " since " + prev.Month.Long()
			}
			if eng > 0 {
				if t.Change != "" {
					t.Change += "; "
				}
				t.Change += fmt.Sprintf("England %.1f%%", eng)
			}
			if latest.Month != r.Month {
				t.Label += " (" + latest.Month.Long() + ")"
			}
			return t
		}
		ts.Items = append(ts.Items,
			rate("Agency rate", latest.AgencyRate, prev.AgencyRate, in.Config.Benchmarks.AgencyRate.England),
			rate("Vacancy rate", latest.VacancyRate, prev.VacancyRate, in.Config.Benchmarks.VacancyRate.England))
	}
	return ts
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// tableForwardPlan lists the body's next meetings from its calendar, with
// the period each will report.
func tableForwardPlan(in Input) []doc.Block {
	m := in.meeting("")
	if len(m.Forward) == 0 {
		return []doc.Block{&doc.Paragraph{Spans: doc.Text("The dates of the next meetings are not yet in the calendar.")}}
	}
	t := &doc.Table{Zebra: true, Columns: []doc.Column{
		{Header: "Meeting", Width: 40}, {Header: "Figures to the end of", Width: 42}, {Header: "Item", Weight: 1},
	}}
	for _, f := range m.Forward {
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{
			{Text: LongDate(f.Date)}, {Text: f.Period.Long()}, {Text: "Children's Services improvement plan: progress report"},
		}})
	}
	return []doc.Block{t}
}

// tableOfstedVisits shows the latest inspection or monitoring visit on or
// before the meeting (or the period's end), and the next one expected.
func tableOfstedVisits(in Input) []doc.Block {
	o := in.Config.Ofsted
	asOf := in.meeting("").Date
	if asOf.IsZero() {
		asOf = in.Results.Month.End()
	}
	var latest *config.Visit
	for i := range o.Visits {
		v := &o.Visits[i]
		if !v.Date.After(asOf) && (latest == nil || v.Date.After(latest.Date.Time)) {
			latest = v
		}
	}
	if latest == nil && o.Next == nil {
		return nil
	}
	t := &doc.Table{Zebra: true, Columns: []doc.Column{
		{Header: "", Width: 30}, {Header: "When", Width: 30}, {Header: "Type and focus", Weight: 2}, {Header: "Headline findings", Weight: 3},
	}}
	if latest != nil {
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{
			{Text: "Latest", Bold: true}, {Text: LongDate(latest.Date.Time)}, {Text: joinNonEmpty(": ", latest.Type, latest.Focus)}, {Text: latest.Findings},
		}})
	}
	if n := o.Next; n != nil {
		when := n.Expected
		if !n.Date.IsZero() {
			when = LongDate(n.Date.Time)
		}
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{
			{Text: "Next expected", Bold: true}, {Text: when}, {Text: joinNonEmpty(": ", n.Type, n.Focus)}, {Text: "Not yet visited"},
		}})
	}
	return []doc.Block{t}
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
