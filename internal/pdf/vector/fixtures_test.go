package vector

import (
	"bytes"
	"fmt"
	"math"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/boardpack/boardpack/internal/doc"
	"github.com/boardpack/boardpack/internal/fonts"
)

var (
	ragRed   = doc.Colour{R: 0xc0, G: 0x1f, B: 0x2f}
	ragAmber = doc.Colour{R: 0xf0, G: 0xa2, B: 0x02}
	ragGreen = doc.Colour{R: 0x2e, G: 0x7d, B: 0x32}
	grey     = doc.Colour{R: 0x80, G: 0x80, B: 0x80}
)

var months = []string{"Apr 25", "May 25", "Jun 25", "Jul 25", "Aug 25", "Sep 25", "Oct 25", "Nov 25", "Dec 25", "Jan 26", "Feb 26", "Mar 26"}

// boardCharts are ten charts typical of a board paper, with the size of
// box each is drawn in: a stacked bar, a donut, bars with a target, a
// distribution with the bands above target highlighted, a line with a
// target, a line with England and statistical neighbour reference lines,
// grouped bars, and three small KPI trend charts (55 by 32 mm, the size of
// a three-column grid).
type sized struct {
	name string
	c    doc.Chart
	w, h float64
}

func boardCharts() []sized {
	return []sized{
		{"stacked-area", doc.Chart{
			Kind:       doc.StackedBar,
			Title:      "Open cases by area and plan type",
			Source:     "Source: case management system, data as at 31 March 2026",
			Categories: []string{"North", "South", "East", "West", "Central"},
			Unit:       "cases",
			Series: []doc.Series{
				{Name: "Child in need", Values: []float64{120, 95, 140, 88, 102}},
				{Name: "Child protection", Values: []float64{45, 38, 61, 29, 40}},
				{Name: "Looked after", Values: []float64{60, 52, 71, 47, 55}},
			},
		}, 170, 75},
		{"donut", doc.Chart{
			Kind:       doc.Donut,
			Title:      "Referrals by source, March 2026",
			Source:     "Source: front door referral log",
			Categories: []string{"Police", "Schools", "Health", "Local authority", "Other", "Anonymous"},
			Unit:       "referrals",
			Series:     []doc.Series{{Name: "Referrals", Values: []float64{148, 96, 71, 40, 12, 0}}},
		}, 170, 65},
		{"caseload-team", doc.Chart{
			Kind:       doc.Bar,
			Title:      "Average caseload per social worker by team",
			Source:     "Source: workforce dashboard, March 2026",
			Categories: []string{"Assessment and Intervention North", "Assessment and Intervention South", "Children with Disabilities", "Child Protection and Court", "Children in Care", "Leaving Care"},
			Unit:       "cases",
			Series:     []doc.Series{{Name: "Average caseload", Values: []float64{19.4, 22.1, 14.8, 17.2, 15.5, 21}}},
			Target:     &doc.Target{Label: "Target", Value: 18},
		}, 170, 75},
		{"caseload-distribution", doc.Chart{
			Kind:       doc.Bar,
			Title:      "Social workers by number of children allocated",
			Source:     "Source: case-level allocation export, 31 March 2026",
			Categories: []string{"0-4 children", "5-9 children", "10-14 children", "15-19 children", "20-24 children", "25+ children"},
			Unit:       "workers",
			Series:     []doc.Series{{Name: "Within target caseload", Colour: teal, Values: []float64{6, 14, 31, 42, 18, 5}}},
			Highlight:  &doc.Highlight{From: 4, Label: "Above target caseload (over 19 children)"},
		}, 170, 70},
		{"caseload-line", doc.Chart{
			Kind:       doc.Line,
			Title:      "Average caseload per social worker",
			Categories: months,
			Unit:       "cases",
			Series:     []doc.Series{{Name: "Average caseload", Values: []float64{21.5, 21.1, 20.4, 20.8, 19.9, 19.2, 18.7, 18.9, 18.1, 17.6, 17.9, 17.2}}},
			Target:     &doc.Target{Label: "Target", Value: 18},
		}, 170, 65},
		{"agency-rate", doc.Chart{
			Kind:       doc.Line,
			Title:      "Agency social workers, per cent of workforce",
			Source:     "Source: workforce dashboard; England and statistical neighbours from DfE Children's social work workforce 2025",
			Categories: months,
			Unit:       "%",
			Series:     []doc.Series{{Name: "Agency rate", Colour: navy, Values: []float64{24.8, 24.1, 23.5, 23.9, 22.7, 22.0, 21.2, 0, 20.3, 19.6, 19.1, 18.4}, Missing: []bool{7: true}}},
			References: []doc.Target{{Label: "England", Value: 17.6}, {Label: "Statistical neighbours", Value: 21.4}},
		}, 170, 70},
		{"starters-leavers", doc.Chart{
			Kind:       doc.GroupedBar,
			Title:      "Social worker starters and leavers",
			Categories: months,
			Unit:       "FTE",
			Series: []doc.Series{
				{Name: "Starters", Values: []float64{3, 2, 4, 1, 2, 5, 3, 2, 1, 4, 2, 3}},
				{Name: "Leavers", Values: []float64{2, 3, 2, 2, 4, 1, 2, 3, 0, 1, 1, 2}, Missing: []bool{8: true}},
			},
		}, 170, 70},
		{"kpi-visits", doc.Chart{
			Kind:       doc.SmallLine,
			Title:      "Children in care visits on time",
			Categories: months,
			Unit:       "%",
			Series:     []doc.Series{{Name: "Visits on time", Values: []float64{81, 84, 83, 86, 88, 0, 87, 90, 91, 89, 92, 93}, Missing: []bool{5: true}}},
			Target:     &doc.Target{Value: 90},
		}, 55, 32},
		{"kpi-assessments", doc.Chart{
			Kind:       doc.SmallLine,
			Title:      "Single assessments completed within 45 working days",
			Categories: months,
			Unit:       "%",
			Series:     []doc.Series{{Name: "Assessments", Values: []float64{72, 75, 78, 74, 80, 82, 85, 83, 86, 88, 87, 90}}},
			Target:     &doc.Target{Value: 85},
		}, 55, 32},
		{"kpi-supervision", doc.Chart{
			Kind:       doc.SmallLine,
			Title:      "Supervision up to date",
			Categories: months,
			Unit:       "%",
			Series:     []doc.Series{{Name: "Supervision", Values: []float64{65, 70, 68, 75, 79, 81, 84, 80, 86, 85, 88, 91}}},
		}, 55, 32},
	}
}

var (
	navy = doc.Colour{R: 0x1F, G: 0x38, B: 0x64}
	teal = doc.Colour{R: 0x00, G: 0x7A, B: 0x87}
)

// moreCharts are further charts of each kind: several lines with end
// labels, dashed comparator series, references beside a target, and a
// bar chart with references.
func moreCharts() []sized {
	return []sized{
		{"rag-trend", doc.Chart{
			Kind:       doc.Line,
			Title:      "Improvement plan actions by RAG rating",
			Categories: []string{"Oct 25", "Nov 25", "Dec 25", "Jan 26", "Feb 26", "Mar 26"},
			Unit:       "actions",
			Series: []doc.Series{
				{Name: "Red", Values: []float64{12, 10, 9, 7, 6, 4}, Colour: ragRed},
				{Name: "Amber", Values: []float64{20, 21, 18, 17, 15, 14}, Colour: ragAmber},
				{Name: "Green", Values: []float64{8, 11, 15, 18, 22, 25}, Colour: ragGreen},
			},
		}, 170, 70},
		{"rates-england", doc.Chart{
			Kind:       doc.Line,
			Title:      "Re-referrals within 12 months",
			Source:     "Source: local data; England and statistical neighbours from DfE Children in Need 2024-25",
			Categories: []string{"2020-21", "2021-22", "2022-23", "2023-24", "2024-25", "2025-26"},
			Unit:       "%",
			Series: []doc.Series{
				{Name: "Our council", Values: []float64{24.1, 22.8, 25.3, 21.7, 19.8, 18.4}, Missing: []bool{false, false, false, false, false, false}},
				{Name: "England", Values: []float64{22.7, 21.5, 22.4, 22.1, 21.9, 0}, Missing: []bool{false, false, false, false, false, true}, Dashed: true, Colour: grey},
				{Name: "Statistical neighbours", Values: []float64{23.5, 22.9, 23.1, 21.4, 20.9, 0}, Missing: []bool{false, false, false, false, false, true}, Dashed: true},
			},
		}, 170, 70},
		{"refs-and-target", doc.Chart{
			Kind:       doc.Line,
			Title:      "Agency rate against target, England and neighbours",
			Categories: months,
			Unit:       "%",
			Series:     []doc.Series{{Name: "Agency rate", Values: []float64{24.8, 24.1, 23.5, 23.9, 22.7, 22.0, 21.2, 20.9, 20.3, 19.6, 19.1, 18.4}}},
			Target:     &doc.Target{Label: "Target", Value: 15},
			References: []doc.Target{{Label: "England", Value: 17.6}, {Label: "Statistical neighbours", Value: 21.4}, {Label: "Region 19.9%", Value: 19.9}},
		}, 170, 70},
		{"refs-crowded", doc.Chart{
			Kind:       doc.Line,
			Title:      "Turnover: close comparators",
			Categories: months,
			Unit:       "%",
			Series:     []doc.Series{{Name: "Turnover", Values: []float64{16.2, 16.0, 16.4, 16.1, 16.3, 16.0, 15.9, 16.1, 16.2, 16.0, 15.8, 16.1}}},
			Target:     &doc.Target{Value: 16},
			References: []doc.Target{{Label: "England", Value: 16.3}, {Label: "Statistical neighbours", Value: 15.9}},
		}, 120, 55},
		{"refs-bar", doc.Chart{
			Kind:       doc.Bar,
			Title:      "Re-referral rate by locality",
			Categories: []string{"North", "South", "East", "West"},
			Unit:       "%",
			Series:     []doc.Series{{Name: "Re-referral rate", Values: []float64{19.5, 23.2, 21.0, 17.1}}},
			References: []doc.Target{{Label: "England", Value: 22.4}, {Label: "Statistical neighbours", Value: 20.8}},
		}, 170, 65},
		{"grouped-three", doc.Chart{
			Kind:       doc.GroupedBar,
			Title:      "Contacts, referrals and assessments by quarter",
			Categories: []string{"Q1 2025-26", "Q2 2025-26", "Q3 2025-26", "Q4 2025-26"},
			Unit:       "children",
			Series: []doc.Series{
				{Name: "Contacts", Values: []float64{3120, 2980, 3340, 3205}},
				{Name: "Referrals", Values: []float64{812, 790, 0, 845}, Missing: []bool{2: true}},
				{Name: "Assessments", Values: []float64{640, 655, 702, 688}},
			},
			Target: &doc.Target{Label: "Referral ceiling", Value: 900},
		}, 170, 70},
		{"grouped-thin", doc.Chart{
			Kind:       doc.GroupedBar,
			Title:      "Starters and leavers by team, two years",
			Categories: append(append([]string{}, months...), "Apr 26", "May 26", "Jun 26", "Jul 26", "Aug 26", "Sep 26", "Oct 26", "Nov 26", "Dec 26", "Jan 27", "Feb 27", "Mar 27"),
			Unit:       "%",
			Series: []doc.Series{
				{Name: "North", Values: []float64{12.5, 11.2, 10.8, 13.1, 12.0, 11.7, 10.9, 12.2, 13.0, 12.4, 11.1, 10.5, 12.5, 11.2, 10.8, 13.1, 12.0, 11.7, 10.9, 12.2, 13.0, 12.4, 11.1, 10.5}},
				{Name: "South", Values: []float64{9.5, 9.2, 0, 10.1, 9.9, 8.7, 9.9, 9.2, 10.0, 9.4, 9.1, 9.5, 9.5, 9.2, 8.8, 10.1, 9.9, 8.7, 9.9, 9.2, 10.0, 9.4, 9.1, 9.5}, Missing: []bool{2: true}},
				{Name: "East", Values: []float64{14.0, 13.5, 13.1, 14.2, 14.4, 13.9, 13.0, 13.6, 14.1, 13.3, 13.8, 14.6, 14.0, 13.5, 13.1, 14.2, 14.4, 13.9, 13.0, 13.6, 14.1, 13.3, 13.8, 14.6}},
			},
		}, 120, 60},
		{"highlight-colours", doc.Chart{
			Kind:       doc.Bar,
			Title:      "Caseload bands with one band coloured by hand",
			Categories: []string{"0-9", "10-19", "20-24", "25+"},
			Unit:       "workers",
			Series:     []doc.Series{{Name: "Workers", Values: []float64{20, 60, 15, 4}, Colours: []doc.Colour{3: ragRed}}},
			Highlight:  &doc.Highlight{From: 2},
			Target:     &doc.Target{Label: "Most workers", Value: 50},
		}, 120, 55},
		{"bar-colours", doc.Chart{
			Kind:       doc.Bar,
			Title:      "Actions by RAG rating",
			Categories: []string{"Red", "Amber", "Green"},
			Unit:       "actions",
			Series:     []doc.Series{{Name: "Actions", Values: []float64{4, 14, 25}, Colours: []doc.Colour{ragRed, ragAmber, ragGreen}}},
		}, 120, 50},
	}
}

// kpiGrid is a page of twelve small KPI charts, as a board paper's
// performance summary shows them.
func kpiGrid() []sized {
	type kpi struct {
		title  string
		unit   string
		vals   []float64
		miss   []bool
		target float64
	}
	ks := []kpi{
		{"Children in care visits on time", "%", []float64{81, 84, 83, 86, 88, 0, 87, 90, 91, 89, 92, 93}, []bool{5: true}, 90},
		{"Single assessments completed within 45 working days", "%", []float64{72, 75, 78, 74, 80, 82, 85, 83, 86, 88, 87, 90}, nil, 85},
		{"Supervision up to date", "%", []float64{65, 70, 68, 75, 79, 81, 84, 80, 86, 85, 88, 91}, nil, 0},
		{"Child protection plans reviewed on time", "%", []float64{100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100}, nil, 95},
		{"Re-referrals within 12 months", "%", []float64{22.1, 21.8, 23.0, 21.2, 20.5, 19.9, 20.8, 19.5, 18.9, 19.2, 18.4, 17.9}, nil, 20},
		{"Care leavers in education, employment or training", "%", []float64{55, 57, 0, 0, 58, 60, 61, 59, 62, 64, 63, 0}, []bool{2: true, 3: true, 11: true}, 60},
		{"Average caseload per social worker", "cases", []float64{21.5, 21.1, 20.4, 20.8, 19.9, 19.2, 18.7, 18.9, 18.1, 17.6, 17.9, 17.2}, nil, 18},
		{"Days from entering care to adoption", "days", []float64{512, 498, 530, 476, 455, 470, 441, 462, 430, 418, 425, 409}, nil, 426},
		{"Agency social workers", "%", []float64{24.8, 24.1, 23.5, 23.9, 22.7, 22.0, 21.2, 20.9, 20.3, 19.6, 19.1, 18.4}, nil, 15},
		{"Initial child protection conferences within 15 days", "%", []float64{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 78}, []bool{true, true, true, true, true, true, true, true, true, true, true, false}, 85},
		{"Missing episodes with a return interview", "%", []float64{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, []bool{true, true, true, true, true, true, true, true, true, true, true, true}, 90},
		{"Complaints responded to on time", "%", []float64{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, nil, 0},
	}
	var out []sized
	for i, k := range ks {
		c := doc.Chart{Kind: doc.SmallLine, Title: k.title, Categories: months, Unit: k.unit,
			Series: []doc.Series{{Name: k.title, Values: k.vals, Missing: k.miss}}}
		if k.target > 0 {
			c.Target = &doc.Target{Value: k.target}
		}
		out = append(out, sized{fmt.Sprintf("kpi-%02d", i+1), c, 55, 32})
	}
	return out
}

// edgeCharts are specs that must draw without error.
func edgeCharts() []sized {
	return []sized{
		{"no-categories", doc.Chart{Kind: doc.Bar, Title: "Complaints by team", Series: []doc.Series{{Name: "Complaints"}}}, 170, 60},
		{"no-series", doc.Chart{Kind: doc.Line, Title: "Agency staff", Categories: months}, 170, 60},
		{"all-zero-bar", doc.Chart{Kind: doc.Bar, Title: "Complaints upheld", Categories: []string{"Q1", "Q2", "Q3", "Q4"}, Unit: "complaints", Series: []doc.Series{{Name: "Upheld", Values: []float64{0, 0, 0, 0}}}}, 170, 60},
		{"all-equal-bar", doc.Chart{Kind: doc.Bar, Title: "Vacancies", Categories: []string{"North", "South", "East"}, Unit: "FTE", Series: []doc.Series{{Name: "Vacancies", Values: []float64{5, 5, 5}}}}, 170, 60},
		{"single-bar", doc.Chart{Kind: doc.Bar, Title: "Children in care", Categories: []string{"March 2026"}, Unit: "children", Series: []doc.Series{{Name: "Children", Values: []float64{412}}}}, 170, 60},
		{"one-point-line", doc.Chart{Kind: doc.Line, Title: "Timeliness of EHCPs", Categories: []string{"Mar 26"}, Unit: "%", Series: []doc.Series{{Name: "EHCPs", Values: []float64{57.5}}}, Target: &doc.Target{Label: "Target", Value: 60}}, 170, 60},
		{"all-missing-line", doc.Chart{Kind: doc.Line, Title: "Care leavers in touch", Categories: months[:4], Unit: "%", Series: []doc.Series{{Name: "In touch", Values: []float64{0, 0, 0, 0}, Missing: []bool{true, true, true, true}}}}, 170, 60},
		{"gappy-line", doc.Chart{Kind: doc.Line, Title: "Missing episodes", Categories: months, Unit: "episodes", Series: []doc.Series{{Name: "Episodes", Values: []float64{14, 12, 0, 15, 0, 0, 11, 0, 9, 10, 0, 12}, Missing: []bool{2: true, 4: true, 5: true, 7: true, 10: true}}}}, 170, 60},
		{"donut-all-zero", doc.Chart{Kind: doc.Donut, Title: "Secure placements", Categories: []string{"Welfare", "Justice"}, Series: []doc.Series{{Name: "Placements", Values: []float64{0, 0}}}}, 170, 60},
		{"donut-single", doc.Chart{Kind: doc.Donut, Title: "Placement type", Categories: []string{"Foster care", "Residential"}, Series: []doc.Series{{Name: "Children", Values: []float64{37, 0}}}}, 170, 60},
		{"stacked-missing", doc.Chart{Kind: doc.StackedBar, Title: "Actions by status", Categories: []string{"Workstream A", "Workstream B", "Workstream C"}, Unit: "actions", Series: []doc.Series{
			{Name: "Red", Values: []float64{2, 0, 1}, Missing: []bool{false, true, false}, Colour: ragRed},
			{Name: "Amber", Values: []float64{5, 0, 3}, Missing: []bool{false, true, false}, Colour: ragAmber},
			{Name: "Green", Values: []float64{9, 0, 0}, Missing: []bool{false, true, false}, Colour: ragGreen},
		}}, 170, 60},
		{"many-categories", doc.Chart{Kind: doc.Line, Title: "Contacts per month", Categories: append(append([]string{}, months...), "Apr 26", "May 26", "Jun 26", "Jul 26", "Aug 26", "Sep 26", "Oct 26", "Nov 26", "Dec 26", "Jan 27", "Feb 27", "Mar 27"), Unit: "contacts", Series: []doc.Series{{Name: "Contacts", Values: []float64{1210, 1185, 1302, 1250, 990, 1105, 1270, 1320, 1150, 1240, 1280, 1330, 1295, 1260, 1310, 1288, 1010, 1190, 1302, 1344, 1201, 1287, 1301, 1355}}}}, 120, 55},
		{"unicode", doc.Chart{Kind: doc.Bar, Title: "Résumé of “quality” scores 😀 — R&D <costs>\x07", Categories: []string{"Team 😀 A", "Équipe\tB", "Ünit\nC"}, Unit: "%", Series: []doc.Series{{Name: "Score 😀", Values: []float64{45.5, 61.25, 70}}}, Source: "Source: survey 🚀\x00 2026"}, 170, 60},
		{"tiny-box", doc.Chart{Kind: doc.Bar, Title: "Tiny", Categories: []string{"A", "B"}, Series: []doc.Series{{Name: "S", Values: []float64{1, 2}}}}, 20, 8},

		{"grouped-no-data", doc.Chart{Kind: doc.GroupedBar, Title: "Starters and leavers", Categories: months[:3], Series: []doc.Series{{Name: "Starters", Values: []float64{1, 2, 3}, Missing: []bool{true, true, true}}, {Name: "Leavers"}}}, 170, 60},
		{"grouped-one-category", doc.Chart{Kind: doc.GroupedBar, Title: "Starters and leavers, March", Categories: []string{"Mar 26"}, Unit: "FTE", Series: []doc.Series{{Name: "Starters", Values: []float64{3.5}}, {Name: "Leavers", Values: []float64{2}}}}, 170, 60},
		{"grouped-all-equal", doc.Chart{Kind: doc.GroupedBar, Title: "Vacancies by team", Categories: []string{"North", "South"}, Unit: "FTE", Series: []doc.Series{{Name: "Social workers", Values: []float64{4, 4}}, {Name: "Managers", Values: []float64{4, 4}}}}, 170, 60},
		{"grouped-all-zero", doc.Chart{Kind: doc.GroupedBar, Title: "Secure placements", Categories: []string{"Q1", "Q2"}, Unit: "children", Series: []doc.Series{{Name: "Welfare", Values: []float64{0, 0}}, {Name: "Justice", Values: []float64{0, 0}}}}, 170, 60},
		{"grouped-missing", doc.Chart{Kind: doc.GroupedBar, Title: "Starters and leavers with gaps", Categories: months[:6], Unit: "FTE", Series: []doc.Series{
			{Name: "Starters", Values: []float64{3, 0, 4, 0, 2, 5}, Missing: []bool{1: true, 3: true}},
			{Name: "Leavers", Values: []float64{2, 0, 2, 1, 0, 1}, Missing: []bool{1: true, 4: true}},
		}}, 170, 60},
		{"grouped-one-series", doc.Chart{Kind: doc.GroupedBar, Title: "Starters only", Categories: months[:4], Series: []doc.Series{{Name: "Starters", Values: []float64{3, 2, 0, 4}, Missing: []bool{2: true}}}}, 170, 60},
		{"small-no-data", doc.Chart{Kind: doc.SmallLine, Title: "Return interviews within 72 hours", Categories: months, Unit: "%", Series: []doc.Series{{Name: "RHI", Values: make([]float64, 12), Missing: []bool{true, true, true, true, true, true, true, true, true, true, true, true}}}, Target: &doc.Target{Value: 90}}, 55, 32},
		{"small-one-point", doc.Chart{Kind: doc.SmallLine, Title: "EHCPs issued within 20 weeks", Categories: []string{"Mar 26"}, Unit: "%", Series: []doc.Series{{Name: "EHCPs", Values: []float64{57.5}}}, Target: &doc.Target{Value: 60}}, 55, 32},
		{"small-all-equal", doc.Chart{Kind: doc.SmallLine, Title: "Plans reviewed on time", Categories: months, Unit: "%", Series: []doc.Series{{Name: "Plans", Values: []float64{100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100}}}, Target: &doc.Target{Value: 95}}, 55, 32},
		{"small-all-zero", doc.Chart{Kind: doc.SmallLine, Title: "Children placed out of area", Categories: months[:6], Unit: "children", Series: []doc.Series{{Name: "Children", Values: []float64{0, 0, 0, 0, 0, 0}}}}, 55, 32},
		{"small-missing", doc.Chart{Kind: doc.SmallLine, Title: "Care leavers in touch", Categories: months, Unit: "%", Series: []doc.Series{{Name: "In touch", Values: []float64{88, 0, 91, 90, 0, 0, 93, 94, 0, 92, 95, 0}, Missing: []bool{1: true, 4: true, 5: true, 8: true, 11: true}}}, Target: &doc.Target{Value: 90}}, 55, 32},
		{"small-negative", doc.Chart{Kind: doc.SmallLine, Title: "Budget variance", Categories: months, Unit: "£k", Series: []doc.Series{{Name: "Variance", Values: []float64{-120, -80, -45, 10, 35, 60, 20, -15, -40, -10, 5, 25}}}, Target: &doc.Target{Value: 0}}, 55, 32},
		{"small-reference", doc.Chart{Kind: doc.SmallLine, Title: "Agency social workers", Categories: months, Unit: "%", Series: []doc.Series{{Name: "Agency", Values: []float64{24.8, 24.1, 23.5, 23.9, 22.7, 22.0, 21.2, 20.9, 20.3, 19.6, 19.1, 18.4}}}, References: []doc.Target{{Label: "England", Value: 17.6}}}, 55, 32},
		{"small-tiny", doc.Chart{Kind: doc.SmallLine, Title: "A KPI in a box too small for it", Categories: months, Unit: "%", Series: []doc.Series{{Name: "KPI", Values: []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}}}}, 30, 14},
		{"refs-one-point", doc.Chart{Kind: doc.Line, Title: "Agency rate, March", Categories: []string{"Mar 26"}, Unit: "%", Series: []doc.Series{{Name: "Agency", Values: []float64{18.4}}}, References: []doc.Target{{Label: "England", Value: 17.6}, {Label: "Statistical neighbours", Value: 21.4}}}, 170, 60},
		{"refs-no-data", doc.Chart{Kind: doc.Line, Title: "Agency rate, no returns", Categories: months[:3], Unit: "%", Series: []doc.Series{{Name: "Agency", Missing: []bool{true, true, true}, Values: []float64{0, 0, 0}}}, References: []doc.Target{{Label: "England", Value: 17.6}}}, 170, 60},
		{"refs-nan", doc.Chart{Kind: doc.Line, Title: "Reference with no value", Categories: months[:3], Series: []doc.Series{{Name: "S", Values: []float64{1, 2, 3}}}, References: []doc.Target{{Label: "Bad", Value: math.NaN()}, {Value: 2.5}}}, 170, 60},
		{"highlight-all", doc.Chart{Kind: doc.Bar, Title: "Every band above target", Categories: []string{"20-24", "25+"}, Unit: "workers", Series: []doc.Series{{Name: "Workers", Values: []float64{7, 3}}}, Highlight: &doc.Highlight{From: -1, Label: "Above target caseload"}}, 170, 60},
		{"highlight-none", doc.Chart{Kind: doc.Bar, Title: "Highlight past the end", Categories: []string{"0-4", "5-9"}, Unit: "workers", Series: []doc.Series{{Name: "Workers", Values: []float64{7, 3}}}, Highlight: &doc.Highlight{From: 9, Label: "Above target caseload"}}, 170, 60},
		{"highlight-single", doc.Chart{Kind: doc.Bar, Title: "One band", Categories: []string{"25+ children"}, Unit: "workers", Series: []doc.Series{{Name: "Workers", Values: []float64{3}}}, Highlight: &doc.Highlight{From: 0}}, 170, 60},
	}
}

var fixedDate = time.Date(2026, 3, 31, 9, 0, 0, 0, time.UTC)

// newPDF returns an A4 document with the fonts registered, fixed dates
// and sorted catalog, and one page.
func newPDF() *fpdf.Fpdf {
	f := fpdf.New("P", "mm", "A4", "")
	for _, st := range fonts.Styles {
		f.AddUTF8FontFromBytes(fonts.Family, st.FpdfStyle(), fonts.TTF(st))
	}
	f.SetCreationDate(fixedDate)
	f.SetModificationDate(fixedDate)
	f.SetCatalogSort(true)
	f.SetAutoPageBreak(false, 0)
	f.AddPage()
	f.SetFont(fonts.Family, "", 10)
	return f
}

func allCharts() []sized {
	return append(append(append(boardCharts(), moreCharts()...), edgeCharts()...), kpiGrid()...)
}

// kpiGridPDF draws kpiGrid as a performance summary page: three columns of
// 55 by 32 mm charts, 5 mm apart, with a heading. frames outlines each
// chart's box, for looking at the layout.
func kpiGridPDF(tb testing.TB, frames bool) []byte {
	tb.Helper()
	f := newPDF()
	f.SetFont(fonts.Family, "B", 12)
	f.Text(17.5, 18, "Performance summary, April 2025 to March 2026")
	const w, h, gap = 55.0, 32.0, 5.0
	for i, s := range kpiGrid() {
		x := 17.5 + float64(i%3)*(w+gap)
		y := 25 + float64(i/3)*(h+gap+1)
		if frames {
			f.SetDrawColor(225, 225, 225)
			f.Rect(x, y, w, h, "D")
		}
		if err := DrawChart(f, s.c, x, y, w, h); err != nil {
			tb.Fatalf("%s: %v", s.name, err)
		}
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}
