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
		d.recruitment = append(d.recruitment, recruitmentFor(r, i, starters, intl))
	}
	return d
}

// recruitmentFor is month i's recruitment funnel, in which each stage is no
// bigger than the one before; starters is the month's starters FTE
// (tenths), so the starters headcount is at least that.
func recruitmentFor(r *rand.Rand, i, starters, intl int) recruitmentRow {
	adverts := between(r, 2, 5)
	if metricMonth(i).After(date(2023, time.February, 1)) { // recruitment package launched
		adverts += 2
	}
	heads := max((starters+9)/10, intl)
	offers := heads + between(r, 0, 3)
	interviews := offers + between(r, 2, 6)
	apps := max(interviews+between(r, 3, 8), lerp(10, 26, i, metricMonths-1)+jitter(r, 5))
	return recruitmentRow{
		month: metricMonth(i), adverts: adverts, applications: apps, interviews: interviews, offers: offers,
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

func workforceBook(d workforceData) (*excelize.File, error) {
	f, st, err := newBook("Workforce")
	if err != nil {
		return nil, err
	}
	w := &sheetWriter{f: f, sheet: "Workforce"}
	w.widths(10, 12, 12, 14, 16, 12, 12, 18)
	w.put(1, 1, "Children's social work workforce – monthly position (FTE)", st.title)
	w.row(1, 3, st.header, anys(workforceHeaders)...)
	for k, m := range d.workforce {
		row := k + 4
		w.put(1, row, m.month, st.month)
		for c, v := range []int{m.inPost, m.agency, m.vacancies, m.established, m.starters, m.leavers, m.agencyCovering} {
			w.put(c+2, row, tenths(v), st.decimal)
		}
	}
	rec, err := addSheet(f, "Recruitment")
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
	return f, cmp.Or(w.err, rec.err)
}
