// Package record holds the domain records read from the exports: improvement
// plan actions with their RAG ratings, and the caseload, workforce,
// recruitment and KPI metrics. Records carry where they came from, so every
// figure can be traced to a file, sheet and row.
package record

import (
	"fmt"
	"strings"
	"time"
)

// Month is a reporting month.
type Month struct {
	Year  int
	Month time.Month
}

// MonthOf returns the month that t falls in.
func MonthOf(t time.Time) Month { return Month{t.Year(), t.Month()} }

// ParseMonth parses "YYYY-MM".
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return Month{}, fmt.Errorf("month %q is not YYYY-MM", s)
	}
	return MonthOf(t), nil
}

// String formats m as "YYYY-MM".
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)) }

// Long formats m as "June 2023".
func (m Month) Long() string { return fmt.Sprintf("%s %d", m.Month, m.Year) }

// Short formats m as "Jun 23", for chart axes.
func (m Month) Short() string { return m.Start().Format("Jan 06") }

// IsZero reports whether m is the zero Month.
func (m Month) IsZero() bool { return m.Year == 0 }

// Start is the first day of m.
func (m Month) Start() time.Time { return time.Date(m.Year, m.Month, 1, 0, 0, 0, 0, time.UTC) }

// End is the last day of m (midnight at its start).
func (m Month) End() time.Time { return m.Start().AddDate(0, 1, -1) }

// Add returns the month n months after m (n may be negative).
func (m Month) Add(n int) Month { return MonthOf(m.Start().AddDate(0, n, 0)) }

// Before reports whether m is earlier than o.
func (m Month) Before(o Month) bool {
	return m.Year < o.Year || (m.Year == o.Year && m.Month < o.Month)
}

// Loc is where a record came from.
type Loc struct {
	File  string
	Sheet string
	Row   int // 1-based spreadsheet row
}

// String formats l as "file › sheet › row N".
func (l Loc) String() string { return fmt.Sprintf("%s › %s › row %d", l.File, l.Sheet, l.Row) }

// RAG is a delivery or impact rating. The order is from worst to best, so a
// larger value is an improvement; NotRated sorts first.
type RAG int

// RAG ratings.
const (
	NotRated RAG = iota
	Red
	Amber
	Green
	Blue // complete
)

// RAGs lists the ratings from best to worst, as papers show them.
var RAGs = []RAG{Blue, Green, Amber, Red, NotRated}

// Code is the letter printed in tables ("R").
func (r RAG) Code() string {
	switch r {
	case Red:
		return "R"
	case Amber:
		return "A"
	case Green:
		return "G"
	case Blue:
		return "B"
	}
	return "NR"
}

// RAGFromCode returns the rating whose Code is code ("R", "nr"), in any case.
func RAGFromCode(code string) (RAG, bool) {
	for _, r := range RAGs {
		if strings.EqualFold(r.Code(), strings.TrimSpace(code)) {
			return r, true
		}
	}
	return NotRated, false
}

// String is the word ("Red").
func (r RAG) String() string {
	switch r {
	case Red:
		return "Red"
	case Amber:
		return "Amber"
	case Green:
		return "Green"
	case Blue:
		return "Blue"
	}
	return "Not rated"
}

// Status is an action's delivery status.
type Status int

// Statuses.
const (
	NoStatus Status = iota
	NotStarted
	InProgress
	Complete
	OnHold
	Delayed
	Superseded
)

// String is the status as papers print it.
func (s Status) String() string {
	switch s {
	case NotStarted:
		return "Not started"
	case InProgress:
		return "In progress"
	case Complete:
		return "Complete"
	case OnHold:
		return "On hold"
	case Delayed:
		return "Delayed"
	case Superseded:
		return "Superseded"
	}
	return ""
}

// Action is one action of the improvement plan in one month's tracker.
type Action struct {
	Ref          string
	Area         string // priority area, workstream or delivery project
	Text         string
	Lead         string
	Due          time.Time // zero when none (TBC, ongoing)
	RevisedDue   time.Time
	Status       Status
	Progress     RAG
	Impact       RAG
	Update       string
	Evidence     string
	Ofsted       string // the inspection recommendation the action answers ("Rec 3: Management oversight")
	Confidential bool
	LastUpdated  time.Time // when the row was last updated, if the tracker says
	Loc          Loc
}

// DueBy is the date the action is now due: the revised date if there is one.
func (a Action) DueBy() time.Time {
	if !a.RevisedDue.IsZero() {
		return a.RevisedDue
	}
	return a.Due
}

// IsComplete reports whether the action is done: rated Blue or with a
// complete status.
func (a Action) IsComplete() bool { return a.Progress == Blue || a.Status == Complete }

// Num is a number that may be missing (suppressed, not reported). A missing
// number is never zero.
type Num struct {
	Value float64
	Valid bool
}

// N returns a valid Num.
func N(v float64) Num { return Num{Value: v, Valid: true} }

// TeamCaseload is one team's caseload in one month.
type TeamCaseload struct {
	Month  Month
	Team   string
	FTE    Num // case-holding FTE
	Cases  Num
	Target Num
	Loc    Loc
}

// Workforce is the social work workforce in one month, for the service or
// one team.
type Workforce struct {
	Month         Month
	Team          string
	InPost        Num
	Agency        Num
	Vacancies     Num
	Starters      Num
	Leavers       Num
	Establishment Num
	AgencyCover   Num // agency FTE covering vacancies
	Loc           Loc
}

// Recruitment is one month's recruitment pipeline.
type Recruitment struct {
	Month        Month
	Adverts      Num
	Applications Num
	Interviews   Num
	Offers       Num
	Starters     Num
	Loc          Loc
}

// Polarity says which direction of a KPI is better.
type Polarity int

// Polarities.
const (
	NoPolarity Polarity = iota
	HigherIsBetter
	LowerIsBetter
)

// KPIValue is one indicator's value in one month, with its comparators.
type KPIValue struct {
	Indicator      string
	Month          Month
	Value          Num
	Target         Num
	Polarity       Polarity
	England        Num
	StatNeighbours Num
	Unit           string
	Loc            Loc
}

// WorkerLoad is one worker's caseload from a case-level allocation export.
// It is anonymous: the reader counts children per worker and passes on
// neither child identifiers nor worker names.
type WorkerLoad struct {
	Month Month
	Team  string
	Cases int
	FTE   Num
}

// Period is one reporting month's records. Actions come from that month's
// tracker; metrics come from the newest workbooks available and carry their
// own history.
type Period struct {
	Month   Month
	Actions []Action
	// AsAt is the date the tracker says its data is as at ("Data as at
	// 30/06/2023" above or below the table); zero when it does not say.
	AsAt time.Time
	// Excluded counts the action rows left out for errors (with
	// --keep-going); ExcludedRefs are their references, where readable,
	// so that an excluded action is never reported as removed.
	Excluded     int
	ExcludedRefs []string
}

// LogAction is one action arising from a meeting, from the action log a
// meeting's secretary keeps: the matters arising of the next meeting.
type LogAction struct {
	Ref     string
	Meeting time.Time // the meeting that raised it; zero if the log does not say
	Text    string
	Owner   string
	Due     time.Time // zero when none
	Closed  time.Time // when it was done; zero when open or the log does not say
	Status  Status
	Update  string
	// Confidential: the row is marked confidential; a public pack shows
	// none of it but the placeholder.
	Confidential bool
	Loc          Loc
}

// Data is everything read from a data folder.
type Data struct {
	Month       Month    // the reporting month: the newest month read
	Periods     []Period // oldest first; only months with a tracker
	Caseloads   []TeamCaseload
	Workforce   []Workforce
	Recruitment []Recruitment
	KPIs        []KPIValue
	Workers     []WorkerLoad
	ActionLog   []LogAction // the newest action log in the folder
}
