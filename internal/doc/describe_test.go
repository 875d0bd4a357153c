package doc

import (
	"strings"
	"testing"
)

func TestDescriptionSaysWhatTheChartShows(t *testing.T) {
	tests := []struct {
		name string
		c    Chart
		want []string
	}{
		{"donut with shares", Chart{Kind: Donut, Title: "All actions by progress RAG", Unit: "actions",
			Categories: []string{"Blue", "Green", "Red"}, Series: []Series{{Values: []float64{5, 3, 2}}}},
			[]string{"Donut chart: All actions by progress RAG.", "Of 10 actions in all", "Blue 5 actions (50%)", "Red 2 actions (20%)"}},
		{"bar with target and a missing value", Chart{Kind: Bar, Title: "Average caseload by team", Unit: "cases",
			Categories: []string{"North", "South"}, Series: []Series{{Values: []float64{19.44, 0}, Missing: []bool{false, true}}},
			Target: &Target{Label: "Target", Value: 18}},
			[]string{"Bar chart: Average caseload by team.", "North 19.4 cases", "South no value", "Target: 18 cases."}},
		{"stacked by category", Chart{Kind: StackedBar, Title: "By area",
			Categories: []string{"Workforce"}, Series: []Series{{Name: "Red", Values: []float64{1}}, {Name: "Green", Values: []float64{4}}}},
			[]string{"Workforce: Red 1, Green 4."}},
		{"line summarised", Chart{Kind: Line, Title: "Agency rate", Unit: "%",
			Categories: []string{"Jan 23", "Feb 23", "Mar 23", "Apr 23"},
			Series:     []Series{{Name: "Agency rate", Values: []float64{20, 25, 18, 22}}},
			References: []Target{{Label: "England 17.6%", Value: 17.6}}},
			[]string{"Line chart: Agency rate.", "Agency rate: 20% in Jan 23, then 22% in Apr 23; lowest 18% in Mar 23; highest 25% in Feb 23.", "England 17.6%."}},
		{"no data", Chart{Kind: Bar, Title: "Empty", Categories: []string{"A"}, Series: []Series{{Values: []float64{0}, Missing: []bool{true}}}},
			[]string{"Bar chart: Empty. No data for this period."}},
		{"highlight", Chart{Kind: Bar, Title: "Workers", Unit: "workers", Categories: []string{"0-9", "10-19", "20+"},
			Series: []Series{{Values: []float64{3, 5, 2}}}, Highlight: &Highlight{From: 2, Label: "Above the target of 18"}},
			[]string{"Above the target of 18: 20+ onwards."}},
		{"one of a counted unit is singular", Chart{Kind: StackedBar, Title: "By area", Unit: "actions",
			Categories: []string{"Workforce"}, Series: []Series{{Name: "Red", Values: []float64{1}}, {Name: "Green", Values: []float64{4}}}},
			[]string{"Workforce: Red 1 action, Green 4 actions."}},
		{"one of a percentage or FTE stays as written", Chart{Kind: Bar, Title: "Leavers", Unit: "FTE",
			Categories: []string{"Jan"}, Series: []Series{{Values: []float64{1}}}},
			[]string{"Jan 1 FTE."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.c.Description()
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("Description() = %q\nwant it to contain %q", got, w)
				}
			}
		})
	}
}
