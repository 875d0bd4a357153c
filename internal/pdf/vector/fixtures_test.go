package vector

import (
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
// box each is drawn in (0 height: 70 mm).
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
		{"caseload-team", doc.Chart{
			Kind:       doc.Bar,
			Title:      "Average caseload per social worker by team",
			Source:     "Source: workforce dashboard, March 2026",
			Categories: []string{"Assessment and Intervention North", "Assessment and Intervention South", "Children with Disabilities", "Child Protection and Court", "Children in Care", "Leaving Care"},
			Unit:       "cases",
			Series:     []doc.Series{{Name: "Average caseload", Values: []float64{19.4, 22.1, 14.8, 17.2, 15.5, 21}}},
			Target:     &doc.Target{Label: "Target", Value: 18},
		}, 170, 75},
		{"caseload-line", doc.Chart{
			Kind:       doc.Line,
			Title:      "Average caseload per social worker",
			Categories: months,
			Unit:       "cases",
			Series:     []doc.Series{{Name: "Average caseload", Values: []float64{21.5, 21.1, 20.4, 20.8, 19.9, 19.2, 18.7, 18.9, 18.1, 17.6, 17.9, 17.2}}},
			Target:     &doc.Target{Label: "Target", Value: 18},
		}, 170, 65},
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
		{"starters-leavers", doc.Chart{
			Kind:       doc.Bar,
			Title:      "Social worker starters and leavers",
			Categories: months,
			Unit:       "FTE",
			Series: []doc.Series{
				{Name: "Starters", Values: []float64{3, 2, 4, 1, 2, 5, 3, 2, 1, 4, 2, 3}},
				{Name: "Leavers", Values: []float64{2, 3, 2, 2, 4, 1, 2, 3, 2, 1, 1, 2}},
			},
		}, 170, 70},
		{"kpi-visits", doc.Chart{
			Kind:       doc.Line,
			Title:      "Visits on time",
			Categories: months,
			Unit:       "%",
			Series:     []doc.Series{{Name: "Visits on time", Values: []float64{81, 84, 83, 86, 88, 0, 87, 90, 91, 89, 92, 93}, Missing: []bool{5: true}}},
			Target:     &doc.Target{Value: 90},
		}, 56, 42},
		{"kpi-assessments", doc.Chart{
			Kind:       doc.Line,
			Title:      "Assessments within 45 days",
			Categories: months,
			Unit:       "%",
			Series:     []doc.Series{{Name: "Assessments", Values: []float64{72, 75, 78, 74, 80, 82, 85, 83, 86, 88, 87, 90}}},
			Target:     &doc.Target{Value: 85},
		}, 56, 42},
		{"kpi-supervision", doc.Chart{
			Kind:       doc.Line,
			Title:      "Supervision up to date",
			Categories: months,
			Unit:       "%",
			Series:     []doc.Series{{Name: "Supervision", Values: []float64{65, 70, 68, 75, 79, 81, 84, 80, 86, 85, 88, 91}}},
		}, 56, 42},
	}
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
