package pipeline

import (
	"fmt"
	"slices"
	"time"

	"github.com/boardpack/boardpack/internal/calendar"
	"github.com/boardpack/boardpack/internal/measure"
	"github.com/boardpack/boardpack/reports"
)

// forwardMeetings is how many of a body's later meetings a paper lists.
const forwardMeetings = 4

// Meeting works out the meeting of body ("board", "scrutiny", "cabinet")
// that the run's papers are for: the date given in the options, or the
// body's next meeting after the reporting period; its previous meeting and
// the period reported there; and its later meetings. A body with no dates
// in the config gives a meeting with no date, compared with the previous
// month. A calendar with no meeting left after the period is a config
// error: the papers would otherwise name no meeting, or a past one.
func (r *Run) Meeting(body string) (reports.Meeting, error) {
	c, ok := r.Setup.Config.Meetings.Body(body)
	if !ok {
		return reports.Meeting{}, fmt.Errorf("unknown meeting body %q", body)
	}
	m := reports.Meeting{Body: body, Name: c.Name, ReportBy: c.ReportBy, Venue: c.Venue}
	dates := c.Calendar()
	m.Date = r.Setup.Options.Meeting
	if !m.Date.IsZero() && !m.Date.After(r.Month.End()) {
		return m, usage(fmt.Errorf("the meeting date given, %s, is not after the reporting period, %s: a paper goes to a meeting after the month it reports",
			m.Date.Format("2 January 2006"), r.Month.Long()))
	}
	if m.Date.IsZero() && len(dates) > 0 {
		next, ok := calendar.Next(dates, r.Month.End())
		if !ok {
			last := dates[len(dates)-1]
			return m, configError(fmt.Errorf("%s: meetings.%s.dates has no meeting after %s (the last is %s); add the coming dates to the calendar, or name the meeting's date",
				r.Setup.Config.Path, body, r.Month.End().Format("2 January 2006"), last.Format("2 January 2006")))
		}
		m.Date = next
	}
	if m.Date.IsZero() {
		return m, nil
	}
	if prev, ok := calendar.Previous(dates, m.Date); ok {
		m.Previous = prev
		m.Since = calendar.Reported(prev)
		if !m.Since.Before(r.Month) {
			// Two meetings receive the same month's figures: compare
			// with the month before, as without a calendar.
			m.Since = r.Month.Add(-1)
		}
	}
	for _, d := range calendar.After(dates, m.Date, forwardMeetings) {
		m.Forward = append(m.Forward, reports.ForwardMeeting{Date: d, Period: calendar.Reported(d)})
	}
	return m, nil
}

// resultsFor returns the measures for a paper for meeting m: the run's,
// with changes measured since the period reported at m's previous meeting.
func (r *Run) resultsFor(m reports.Meeting) (measure.Results, error) {
	if m.Since.IsZero() {
		return r.Results, nil
	}
	res := r.Results.Since(r.Data, m.Since)
	if base := res.Movement.Previous; base != m.Since {
		// The period the meeting had is not in the data (a month
		// missing, or before the first): say what the paper compares
		// with instead, on a copy of the run's notices.
		what := "the month before"
		if calendar.Reported(m.Previous) == m.Since {
			what = "the period reported to the meeting on " + m.Previous.Format("2 January 2006")
		}
		msg := fmt.Sprintf("%s, %s, has no improvement-plan tracker in the data; ", m.Since.Long(), what)
		if res.Movement.Has {
			msg += "the plan's changes are measured since " + base.Long() + "."
		} else {
			msg += "the plan's changes since then are not measured."
		}
		res.Notices = append(slices.Clip(res.Notices), msg)
	}
	return res, nil
}

// lateNotice warns when a paper for meeting m is made after its
// publication deadline, five clear days before the meeting.
func lateNotice(kind reports.Kind, m reports.Meeting, today time.Time) string {
	if m.Date.IsZero() || today.IsZero() {
		return ""
	}
	by := calendar.PublishBy(m.Date)
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	if !day.After(by) || day.After(m.Date) {
		return ""
	}
	return fmt.Sprintf("The %s paper for the meeting on %s is being made after its publication deadline of %s (five clear days before the meeting).",
		kind, m.Date.Format("2 January 2006"), by.Format("2 January 2006"))
}
