package sampledata

import (
	"math/rand/v2"
	"time"

	"github.com/xuri/excelize/v2"
)

// none marks a blank benchmark or target.
const none = -1

const (
	higher = "Higher is better"
	lower  = "Lower is better"
)

// kpi is one indicator of the scorecard. Values are in tenths; England and
// statistical neighbour figures are blank for local indicators.
type kpi struct {
	name, unit, polarity   string
	start, end, noise      int
	target, england, stats int
}

var kpiTable = []kpi{
	{"Re-referrals within 12 months", "%", lower, 291, 228, 12, 220, 215, 228},
	{"Assessments completed within 45 working days", "%", higher, 682, 871, 25, 900, 822, 841},
	{"Child protection visits within timescale", "%", higher, 743, 921, 20, 950, none, none},
	{"Children in care with up-to-date health assessment", "%", higher, 781, 884, 15, 900, 890, 885},
	{"Care leavers in education, employment or training", "%", higher, 462, 561, 20, 600, 550, 532},
	{"Children in care with 3+ placements in year", "%", lower, 135, 101, 8, 90, 100, 104},
	{"Initial child protection conferences within 15 days", "%", higher, 618, 832, 40, 850, 783, 801},
	{"Children seen alone at last visit", "%", higher, 712, 861, 18, 900, none, none},
	{"Supervision within timescale", "%", higher, 583, 842, 30, 900, none, none},
	{"Contacts progressed to referral within 1 working day", "%", higher, 741, 923, 22, 950, none, none},
	{"Early help assessments completed within 45 days", "%", higher, 612, 789, 25, 850, none, none},
	{"Average days from care entry to adoption", "days", lower, 5903, 5052, 140, none, 4800, 5120},
}

// suppressed are the values withheld because the numbers behind them were
// too small; they are written as "c".
var suppressed = map[string]int{ // indicator: month index
	"Average days from care entry to adoption":          5,
	"Care leavers in education, employment or training": 14,
}

type kpiRow struct {
	month      time.Time
	kpi        *kpi
	value      int
	suppressed bool
}

// buildKPIs gives each indicator of table a value in each of months (24 in
// the sample), improving noisily toward its end value.
func buildKPIs(r *rand.Rand, table []kpi, months []time.Time) []kpiRow {
	var rows []kpiRow
	last := len(months) - 1
	for k := range table {
		ind := &table[k]
		for i, month := range months {
			v := lerp(ind.start, ind.end, i, last) + jitter(r, ind.noise)
			if ind.unit == "%" {
				v = clamp(v, 0, 1000)
			}
			s, ok := suppressed[ind.name]
			rows = append(rows, kpiRow{month: month, kpi: ind, value: v, suppressed: ok && s == i})
		}
	}
	return rows
}

var kpiHeaders = []string{"Month", "Indicator", "Value", "Target", "Polarity", "England", "Statistical neighbours", "Unit"}

func kpiBook(rows []kpiRow, stream bool) (*excelize.File, error) {
	f, st, err := newBook("KPIs")
	if err != nil {
		return nil, err
	}
	w, err := openSheet(f, "KPIs", stream)
	if err != nil {
		return nil, err
	}
	w.widths(10, 50, 10, 10, 17, 10, 14, 8)
	w.put(1, 1, "Children's social care key performance indicators", st.title)
	w.row(1, 3, st.header, anys(kpiHeaders)...)
	opt := func(v int) any {
		if v == none {
			return nil
		}
		return tenths(v)
	}
	for k, m := range rows {
		row := k + 4
		var value any = tenths(m.value)
		if m.suppressed {
			value = "c"
		}
		w.put(1, row, m.month, st.month)
		w.put(2, row, m.kpi.name, 0)
		w.put(3, row, value, st.decimal)
		w.put(4, row, opt(m.kpi.target), st.decimal)
		w.put(5, row, m.kpi.polarity, 0)
		w.put(6, row, opt(m.kpi.england), st.decimal)
		w.put(7, row, opt(m.kpi.stats), st.decimal)
		w.put(8, row, m.kpi.unit, 0)
	}
	return f, w.close()
}
