package sampledata

import (
	"cmp"
	"time"

	"github.com/xuri/excelize/v2"
)

// logAction is one action arising from an Improvement Board meeting.
type logAction struct {
	ref     string
	meeting time.Time
	text    string
	owner   string
	due     time.Time
	status  string
	closed  time.Time
	update  string
}

// actionLog is the Improvement Board's action log at the end of June 2023:
// actions raised at its meetings from January to May, some done, some
// open, a few overdue by the July meeting.
var actionLog = []logAction{
	{"IB-01", date(2023, time.January, 18), "Circulate the refreshed improvement plan governance chart to members", "Head of Improvement", date(2023, time.January, 31), "Complete", date(2023, time.January, 25), "Circulated on 25 January."},
	{"IB-02", date(2023, time.January, 18), "Bring a costed recruitment and retention package to the March board", "Head of Workforce Development", date(2023, time.March, 1), "Complete", date(2023, time.March, 1), "Presented on 1 March and agreed."},
	{"IB-03", date(2023, time.March, 1), "Share the monitoring visit letter with partners once published", "Director of Children's Services", date(2023, time.April, 12), "Complete", date(2023, time.April, 3), "Shared with the partnership on 3 April."},
	{"IB-04", date(2023, time.March, 1), "Report health attendance at strategy discussions by locality", "Designated Nurse for Safeguarding", date(2023, time.April, 12), "In progress", time.Time{}, "Data for two of three localities; the third depends on the new recording form."},
	{"IB-05", date(2023, time.April, 12), "Agree a date for the practice week with the DfE adviser", "Principal Social Worker", date(2023, time.May, 24), "Complete", date(2023, time.June, 9), "Held 5 to 9 June."},
	{"IB-06", date(2023, time.April, 12), "Set out the plan for teams above the caseload target", "Assistant Director, Safeguarding and Family Support", date(2023, time.May, 24), "In progress", time.Time{}, "Plan drafted; agency cover for Assessment East not yet secured."},
	{"IB-07", date(2023, time.May, 24), "Report the business case for the second international recruitment cohort", "Head of Workforce Development", date(2023, time.July, 12), "In progress", time.Time{}, "On the agenda for this meeting."},
	{"IB-08", date(2023, time.May, 24), "Bring the SEND priority action plan milestones to the board", "Head of Inclusion", date(2023, time.July, 12), "Not started", time.Time{}, ""},
	{"IB-09", date(2023, time.May, 24), "Confirm police attendance figures at the multi-agency safeguarding hub", "Northmoor Police, Head of Public Protection", date(2023, time.June, 30), "Complete", date(2023, time.June, 30), "Attendance at every strategy discussion in June."},
}

// actionLogBook is the board secretary's action log workbook.
func actionLogBook() (*excelize.File, error) {
	f, st, err := newBook("Action log")
	if err != nil {
		return nil, err
	}
	w, err := openSheet(f, "Action log", false)
	if err != nil {
		return nil, err
	}
	w.widths(8, 12, 60, 34, 12, 14, 12, 60)
	w.put(1, 1, "Children's Improvement Board: action log", st.title)
	w.put(1, 2, "Data as at 30/06/2023", st.subtitle)
	w.row(1, 4, st.header, anys(actionLogHeaders)...)
	for k, a := range actionLog {
		row := k + 5
		w.put(1, row, a.ref, 0)
		w.put(2, row, a.meeting, st.date)
		w.put(3, row, a.text, st.wrap)
		w.put(4, row, a.owner, st.wrap)
		w.put(5, row, a.due, st.date)
		w.put(6, row, a.status, 0)
		if !a.closed.IsZero() {
			w.put(7, row, a.closed, st.date)
		}
		w.put(8, row, a.update, st.wrap)
	}
	return f, cmp.Or(w.close())
}

var actionLogHeaders = []string{"Ref", "Meeting", "Action", "Owner", "Due date", "Status", "Date closed", "Update"}
