package sampledata

import (
	"path/filepath"
	"time"
)

// trackerFiles are the tracker's file names, which vary month to month as
// real exports do.
var trackerFiles = [trackerMonths]string{
	"Improvement Plan Tracker Jan 2023 v2.xlsx",
	"Improvement Plan Tracker Feb 2023.xlsx",
	"Improvement Plan Tracker March 2023 v3 FINAL.xlsx",
	"Improvement Plan Tracker Apr 2023 (updated).xlsx",
	"Improvement Plan Tracker May 2023 v1.xlsx",
	"Improvement Plan Tracker June 2023 FINAL.xlsx",
}

// The Action Plan sheet's layout.
const (
	trackerSheet     = "Action Plan"
	trackerTitle     = "Children's Services Improvement Plan – Action Tracker"
	trackerHeaderRow = 4
	trackerFirstCol  = 2 // column B
	trackerSource    = "Source: Children's Services Programme Management Office tracker export"
)

var trackerHeaders = []string{
	"Ref", "Priority Area", "Action", "Lead Officer", "Due Date", "Revised Due Date", "Status",
	"Progress RAG", "Impact RAG", "Progress Update", "Impact Measure / Evidence",
	"Ofsted Recommendation", "Last Updated", "Confidential",
}

// writeTracker writes a month's tracker into its month folder as file name,
// with a StreamWriter if stream is set.
func writeTracker(dir, name string, snap snapshot, stream bool) error {
	f, st, err := newBook("Read me")
	if err != nil {
		return err
	}
	readMe, err := openSheet(f, "Read me", false) // see streamNote
	if err != nil {
		return err
	}
	writeReadMe(readMe, st, snap.month)
	if err := readMe.close(); err != nil {
		return err
	}
	w, err := addSheet(f, trackerSheet, stream)
	if err != nil {
		return err
	}
	writeActionPlan(w, st, snap)
	if err := w.close(); err != nil {
		return err
	}
	return save(f, filepath.Join(dir, monthDir(snap.month), name), docProps{
		title:    "Children's Services Improvement Plan – Action Tracker",
		author:   "Children's Services PMO",
		created:  time.Date(2022, time.July, 18, 10, 0, 0, 0, time.UTC),
		modified: exportTime(snap.month),
	})
}

func writeReadMe(w *sheetWriter, st styles, month time.Time) {
	w.widths(14, 90)
	w.put(1, 1, Council+" – Children's Services Improvement Plan tracker", st.title)
	lines := []struct{ a, b string }{
		{"Purpose", "Tracks delivery of the actions in the Children's Services Improvement Plan agreed by Cabinet after the Ofsted inspection. Lead officers update it monthly; it is reported to the Improvement Board."},
		{"Period", "Position at " + monthEnd(month).Format("2 January 2006") + "."},
		{"", ""},
		{"RAG", "Progress RAG shows delivery of the action; Impact RAG shows whether there is evidence that it is making a difference for children, and is left blank until it can be rated."},
		{"Blue", "Complete"},
		{"Green", "On track"},
		{"Amber", "At risk"},
		{"Red", "Off track"},
		{"", ""},
		{"Confidential", "Actions marked Yes contain exempt information (Local Government Act 1972, Schedule 12A) and must not be published."},
		{"Contact", "Children's Services Programme Management Office, " + Council + ", improvement.pmo@northmoor.gov.uk, 01632 960 417"},
	}
	for k, l := range lines {
		w.put(1, k+3, l.a, st.rag[l.a])
		w.put(2, k+3, l.b, st.wrap)
	}
}

func writeActionPlan(w *sheetWriter, st styles, snap snapshot) {
	w.widths(3, 9, 22, 60, 30, 12, 12, 12, 10, 10, 60, 36, 40, 12, 12)
	w.freeze(trackerHeaderRow + 1)
	w.put(trackerFirstCol, 1, trackerTitle, st.title)
	w.put(trackerFirstCol, 2, "Data as at "+monthEnd(snap.month).Format("02/01/2006"), st.subtitle)
	w.row(trackerFirstCol, trackerHeaderRow, st.header, anys(trackerHeaders)...)
	row := trackerHeaderRow + 1
	for _, a := range snap.actions {
		writeActionRow(w, st, row, &a)
		row++
	}
	w.put(trackerFirstCol, row+1, trackerSource, st.subtitle)
}

func writeActionRow(w *sheetWriter, st styles, row int, a *action) {
	c := trackerFirstCol
	var due any = a.dueText
	if !a.due.IsZero() {
		due = a.due
	}
	var revised any
	if !a.revised.IsZero() {
		revised = a.revised
	}
	confidential := ""
	if a.item.confidential {
		confidential = "Yes"
	}
	cells := []struct {
		v     any
		style int
	}{
		{a.ref(), st.wrap},
		{a.area.name, st.wrap},
		{a.item.text, st.wrap},
		{a.lead, st.wrap},
		{due, st.date},
		{revised, st.date},
		{a.status, st.wrap},
		{a.progress.String(), st.rag[a.progress.String()]},
		{a.impact.String(), st.rag[a.impact.String()]},
		{a.update, st.wrap},
		{a.evidence, st.wrap},
		{a.rec, st.wrap},
		{a.lastUpdated, st.date},
		{confidential, st.wrap},
	}
	for k, cell := range cells {
		w.put(c+k, row, cell.v, cell.style)
	}
}

func anys[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}
