package reports

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/boardpack/boardpack/internal/measure"
	"github.com/boardpack/boardpack/internal/record"
)

// Facts are the figures and names a template's wording may use, already
// formatted the way every paper prints them ({{.PctComplete}} is "49%").
// Counts are ints so templates can test and pluralise them.
type Facts struct {
	Council        string
	Service        string
	Classification string
	Exemption      string // the ground for withholding exempt papers, from the config
	Meeting        string // the meeting the paper is for
	MeetingDate    string // "12 July 2023", or "" when not configured
	MeetingVenue   string
	LastMeeting    string // the body's previous meeting, "24 May 2023", or ""
	NextMeeting    string // the body's meeting after this one, or ""
	ReportBy       string
	Contact        string // "Head of Improvement, improvement.pmo@northmoor.gov.uk, 01632 960 417", or ""
	// ChartTables is whether the paper ends with the figures behind its
	// charts as tables (the template's chart_data).
	ChartTables    bool
	Period         string // "June 2023"
	PeriodEnd      string // "30 June 2023"
	DataAsAt       string // the tracker's own "data as at" date, else PeriodEnd
	PreviousPeriod string // "May 2023", or "" for the first period

	Total          int
	Complete       int
	PctComplete    string
	Overdue        int
	DueNextMonth   int
	Red            int
	Amber          int
	Green          int
	Blue           int
	NotRated       int
	Areas          int
	AreaNames      string // "workforce; service and practice development; ..."
	Exceptions     int    // actions rated Red or overdue, each counted once
	NotYetImpact   int    // actions complete whose impact is not yet rated Green or Blue
	ImpactConcerns int    // of those, the ones rated Red or Amber for impact
	Confidential   int

	// Excluded counts the tracker rows left out for errors (with
	// --keep-going): every paper that gives totals says so.
	Excluded int

	Improved      int
	Worsened      int
	NewlyComplete int
	NewActions    int
	Removed       int

	AvgCaseload       string // "19.4", or "not available"
	CaseloadMonth     string // the month of the caseload figures, "June 2023"
	CaseloadTarget    string // "18"
	Teams             int
	TeamsOverTarget   int    // teams above their own target
	TeamsOverService  int    // teams above the service's target
	TeamTargetsDiffer bool   // some teams have a target of their own
	WorkersAbove      string // "23%" of workers above target, or "not available"

	AgencyRate   string // "22.1%", or "not available"
	VacancyRate  string
	TurnoverRate string
	RatesMonth   string

	Filter string // the appendix filter described ("priority area SEND; overdue"), "" for none
	Shown  int    // actions the action-plan table shows (all, or those the filter selects)

	KPIs           int
	KPIsWithTarget int
	KPIsOnTarget   int
	KPIsImproving  int
	KPIsWorsening  int
}

const notAvailable = "not available"

// LongDate formats t as "30 June 2023".
func LongDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2 January 2006")
}

// ShortDate formats t as "30/06/2023", the UK order, or "TBC" when zero.
func ShortDate(t time.Time) string {
	if t.IsZero() {
		return "TBC"
	}
	return t.Format("02/01/2006")
}

// Fixed formats a one-decimal measure ("19.4"), or "not available".
func Fixed(n record.Num) string {
	if !n.Valid {
		return notAvailable
	}
	return strconv.FormatFloat(n.Value, 'f', 1, 64)
}

// Pct formats a one-decimal rate ("22.1%"), or "not available".
func Pct(n record.Num) string {
	if !n.Valid {
		return notAvailable
	}
	return strconv.FormatFloat(n.Value, 'f', 1, 64) + "%"
}

// Plain formats a number without needless decimals ("18", "17.5").
func Plain(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func factsOf(in Input, kind Kind, t *Template) Facts {
	r := in.Results
	p := r.Plan
	m := in.meeting(t.Meeting)
	f := Facts{
		Council:        in.Config.Council,
		Service:        in.Config.Service,
		Classification: in.classification(),
		Exemption:      in.Config.Exemption,
		Contact:        joinNonEmpty(", ", in.Config.Contact.Name, in.Config.Contact.Role, in.Config.Contact.Email, in.Config.Contact.Phone),
		ChartTables:    t.ChartData,
		Meeting:        m.Name,
		MeetingDate:    LongDate(m.Date),
		MeetingVenue:   m.Venue,
		LastMeeting:    LongDate(m.Previous),
		NextMeeting:    nextMeeting(m),
		ReportBy:       m.ReportBy,
		Period:         r.Month.Long(),
		PeriodEnd:      LongDate(r.Month.End()),
		DataAsAt:       LongDate(r.Month.End()),
		Total:          p.Total,
		Complete:       p.Complete,
		PctComplete:    fmt.Sprintf("%d%%", p.PctComplete),
		Overdue:        len(p.Overdue),
		DueNextMonth:   len(p.DueNextMonth),
		Red:            p.ByRAG[record.Red],
		Amber:          p.ByRAG[record.Amber],
		Green:          p.ByRAG[record.Green],
		Blue:           p.ByRAG[record.Blue],
		NotRated:       p.ByRAG[record.NotRated],
		Areas:          len(p.Areas),
		Exceptions:     len(exceptions(p)),
		CaseloadMonth:  r.Caseload.Month.Long(),
		Confidential:   p.Confidential,
		AvgCaseload:    Fixed(r.Caseload.Overall.Average),
		CaseloadTarget: Plain(r.Caseload.Target),
		Teams:          len(r.Caseload.Teams),
		WorkersAbove:   notAvailable,
		AgencyRate:     notAvailable,
		VacancyRate:    notAvailable,
		TurnoverRate:   notAvailable,
		KPIs:           len(r.KPIs),
		Filter:         in.Filter.String(),
		Shown:          len(in.planActions()),
	}
	f.Excluded = p.Excluded
	if !p.AsAt.IsZero() {
		f.DataAsAt = LongDate(p.AsAt)
	}
	if r.Movement.Has {
		mv := r.Movement
		f.PreviousPeriod = mv.Previous.Long()
		if !m.Since.IsZero() && mv.Previous != m.Since {
			// The period the last meeting had is not in the data: the
			// paper compares with an earlier one, never called the
			// position that meeting received.
			f.LastMeeting = ""
		}
		f.Improved, f.Worsened, f.NewlyComplete = len(mv.Improved), len(mv.Worsened), len(mv.NewlyComplete)
		f.NewActions, f.Removed = len(mv.New), len(mv.Removed)
	}
	for _, t := range r.Caseload.Teams {
		if t.Over() {
			f.TeamsOverTarget++
		}
		if t.Average.Valid && r.Caseload.Target > 0 && t.Average.Value > r.Caseload.Target {
			f.TeamsOverService++
		}
		f.TeamTargetsDiffer = f.TeamTargetsDiffer || t.Target != r.Caseload.Target
	}
	for _, a := range notYetImpact(p) {
		f.NotYetImpact++
		if a.Impact == record.Red || a.Impact == record.Amber {
			f.ImpactConcerns++
		}
	}
	if w := r.Caseload.Workers; w.Count > 0 {
		f.WorkersAbove = fmt.Sprintf("%d%%", w.PctAbove)
	}
	if latest, _, ok := r.LatestRates(); ok {
		f.AgencyRate, f.VacancyRate, f.TurnoverRate = Pct(latest.AgencyRate), Pct(latest.VacancyRate), Pct(latest.Turnover)
		f.RatesMonth = latest.Month.Long()
	}
	var names []string
	for _, a := range p.Areas {
		names = append(names, lowerFirst(a.Name))
	}
	f.AreaNames = strings.Join(names, "; ")
	for _, k := range r.KPIs {
		if k.Target.Valid {
			f.KPIsWithTarget++
		}
		if k.RAG == record.Green {
			f.KPIsOnTarget++
		}
		switch k.Direction {
		case measure.Improving:
			f.KPIsImproving++
		case measure.Worsening:
			f.KPIsWorsening++
		}
	}
	return f
}

// lowerFirst lower-cases a name's first letter for use mid-sentence
// ("Workforce" -> "workforce"), leaving acronyms ("SEND") alone.
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) < 2 || unicode.IsUpper(r[1]) {
		return s
	}
	r[0] = unicode.ToLower(r[0])
	return string(r)
}

func nextMeeting(m Meeting) string {
	if len(m.Forward) == 0 {
		return ""
	}
	return LongDate(m.Forward[0].Date)
}
