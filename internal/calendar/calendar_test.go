package calendar

import (
	"testing"
	"time"

	"github.com/boardpack/boardpack/internal/record"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestReported(t *testing.T) {
	for date, want := range map[string]string{
		"2023-07-12": "2023-06", // mid-month: the month before
		"2023-07-01": "2023-06", // the day after June ended
		"2023-06-30": "2023-05", // on the last day of June, June has not ended
		"2024-03-01": "2024-02", // leap year
		"2023-01-05": "2022-12",
	} {
		if got := Reported(day(date)).String(); got != want {
			t.Errorf("Reported(%s) = %s, want %s", date, got, want)
		}
	}
}

func TestNextAndPrevious(t *testing.T) {
	// A six-weekly board.
	dates := []time.Time{day("2023-05-24"), day("2023-01-18"), day("2023-03-01"), day("2023-04-12"), day("2023-07-05"), day("2023-08-16")}
	june := record.Month{Year: 2023, Month: time.June}
	next, ok := Next(dates, june.End())
	if !ok || !next.Equal(day("2023-07-05")) {
		t.Fatalf("Next after June = %v %v", next, ok)
	}
	prev, ok := Previous(dates, next)
	if !ok || !prev.Equal(day("2023-05-24")) {
		t.Fatalf("Previous before 5 July = %v", prev)
	}
	if got := Reported(prev); got.String() != "2023-04" {
		t.Errorf("the last board (24 May) received April's figures, not %s", got)
	}
	if _, ok := Next(dates, day("2023-08-16")); ok {
		t.Error("a meeting after the last date")
	}
	if got := After(dates, next, 2); len(got) != 1 || !got[0].Equal(day("2023-08-16")) {
		t.Errorf("After = %v", got)
	}
}

func TestPublishBy(t *testing.T) {
	// Meeting on Wednesday 12 July: the five clear days are 7-11 July, so
	// the paper is published by Thursday 6 July.
	if got := PublishBy(day("2023-07-12")); !got.Equal(day("2023-07-06")) {
		t.Errorf("PublishBy = %s", got.Format("2006-01-02"))
	}
}
