package sampledata

import (
	"cmp"
	"math/rand/v2"
	"time"

	"github.com/xuri/excelize/v2"
)

// workforceRow is the service's social work workforce in one month, in
// tenths of an FTE.
type workforceRow struct {
	month                                  time.Time
	team                                   string // blank for the whole service
	inPost, agency, vacancies, established int
	starters, leavers, agencyCovering      int
}

// recruitmentRow is one month's recruitment activity (headcounts).
type recruitmentRow struct {
	month                                     time.Time
	adverts, applications, interviews, offers int
	starters, internationalRecruits           int
}

type workforceData struct {
	workforce   []workforceRow
	recruitment []recruitmentRow
}

// The workforce's shape: in-post FTE rises from 95 to 118 and agency FTE
// falls from 40 to 28 (tenths).
const (
	inPostStart, inPostEnd = 950, 1180
	agencyStart, agencyEnd = 400, 280
)

// establishment is the funded FTE (tenths): new posts were funded in April
// 2022 and April 2023.
func establishment(month time.Time) int {
	switch {
	case month.Before(date(2022, time.April, 1)):
		return 1480
	case month.Before(date(2023, time.April, 1)):
		return 1505
	}
	return 1520
}

// internationalCohorts are the months international recruits started.
var internationalCohorts = map[time.Time]int{
	date(2023, time.January, 1): 4,
	date(2023, time.April, 1):   3,
}

// buildWorkforce gives 24 months in which in-post FTE follows starters minus
// leavers, vacancies are establishment minus in-post, and agency staff
// covering vacancies never exceed either.
func buildWorkforce(r *rand.Rand) workforceData {
	var d workforceData
	last := metricMonths - 1
	inPost := inPostStart
	for i := range metricMonths {
		month := metricMonth(i)
		intl := internationalCohorts[month]
		leavers := between(r, 10, 38)
		starters := between(r, 10, 40)
		if i > 0 {
			want := lerp(inPostStart, inPostEnd, i, last) + jitter(r, 12)
			starters = clamp(want-inPost+leavers, 10, 60)
			starters = max(starters, intl*10)
			inPost += starters - leavers
		}
		established := establishment(month)
		agency := lerp(agencyStart, agencyEnd, i, last) + jitter(r, 12)
		vacancies := established - inPost
		covering := min(agency*85/100+jitter(r, 15), vacancies, agency)
		d.workforce = append(d.workforce, workforceRow{
			month: month, inPost: inPost, agency: agency, vacancies: vacancies, established: established,
			starters: starters, leavers: leavers, agencyCovering: covering,
		})
		d.recruitment = append(d.recruitment, recruitmentFor(r, month, i, metricMonths, starters, intl))
	}
	return d
}

// recruitmentFor is the recruitment funnel of month, the i-th of n, in which
// each stage is no bigger than the one before; starters is the month's
// starters FTE (tenths), so the starters headcount is at least that.
func recruitmentFor(r *rand.Rand, month time.Time, i, n, starters, intl int) recruitmentRow {
	adverts := between(r, 2, 5)
	if month.After(date(2023, time.February, 1)) { // recruitment package launched
		adverts += 2
	}
	heads := max((starters+9)/10, intl)
	offers := heads + between(r, 0, 3)
	interviews := offers + between(r, 2, 6)
	apps := max(interviews+between(r, 3, 8), lerp(10, 26, i, n-1)+jitter(r, 5))
	return recruitmentRow{
		month: month, adverts: adverts, applications: apps, interviews: interviews, offers: offers,
		starters: heads, internationalRecruits: intl,
	}
}

var (
	workforceHeaders = []string{
		"Month", "In-post FTE", "Agency FTE", "Vacancies FTE", "Establishment FTE",
		"Starters FTE", "Leavers FTE", "Agency covering vacancies FTE",
	}
	recruitmentHeaders = []string{
		"Month", "Adverts", "Applications", "Interviews", "Offers", "Starters", "International recruits",
	}
)

// workforceBook writes the workforce and recruitment sheets. The workforce
// sheet has a Team column after Month when its rows are by team.
func workforceBook(d workforceData, stream bool) (*excelize.File, error) {
	f, st, err := newBook("Workforce")
	if err != nil {
		return nil, err
	}
	w, err := openSheet(f, "Workforce", stream)
	if err != nil {
		return nil, err
	}
	byTeam := len(d.workforce) > 0 && d.workforce[0].team != ""
	headers, widths, first := workforceHeaders, []float64{10, 12, 12, 14, 16, 12, 12, 18}, 2
	if byTeam {
		headers = append([]string{headers[0], "Team"}, headers[1:]...)
		widths = append([]float64{widths[0], 22}, widths[1:]...)
		first = 3
	}
	w.widths(widths...)
	w.put(1, 1, "Children's social work workforce – monthly position (FTE)", st.title)
	w.row(1, 3, st.header, anys(headers)...)
	for k, m := range d.workforce {
		row := k + 4
		w.put(1, row, m.month, st.month)
		if byTeam {
			w.put(2, row, m.team, 0)
		}
		for c, v := range []int{m.inPost, m.agency, m.vacancies, m.established, m.starters, m.leavers, m.agencyCovering} {
			w.put(c+first, row, tenths(v), st.decimal)
		}
	}
	rec, err := addSheet(f, "Recruitment", false) // see streamNote
	if err != nil {
		return nil, err
	}
	rec.widths(10, 10, 13, 12, 10, 10, 14)
	rec.put(1, 1, "Social worker recruitment activity (headcount)", st.title)
	rec.row(1, 3, st.header, anys(recruitmentHeaders)...)
	for k, m := range d.recruitment {
		row := k + 4
		rec.put(1, row, m.month, st.month)
		rec.row(2, row, 0, m.adverts, m.applications, m.interviews, m.offers, m.starters, m.internationalRecruits)
	}
	return f, cmp.Or(w.close(), rec.close())
}
