package xlsx

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/boardpack/boardpack/internal/record"
	"github.com/boardpack/boardpack/internal/vocab"
)

// Clean trims s, including no-break and zero-width spaces, and folds runs of
// whitespace (line breaks included) into single spaces.
func Clean(s string) string {
	if isClean(s) {
		return s
	}
	return vocab.FoldSpaces(s)
}

// isClean reports whether Clean would return s unchanged, for the common
// case of printable ASCII with single spaces between words, without
// allocating.
func isClean(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	space := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			if space {
				return false
			}
			space = true
		case c < 0x21 || c > 0x7e:
			return false
		default:
			space = false
		}
	}
	return true
}

// noDate holds the words that mean "no date": accepted, never guessed at.
var noDate = map[string]bool{
	"tbc": true, "tba": true, "tbd": true, "ongoing": true, "n/a": true, "na": true,
	"none": true, "not applicable": true, "-": true, "continuous": true,
}

var (
	reNumericDate = regexp.MustCompile(`^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$`)
	reISODate     = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$`)
	reISOMonth    = regexp.MustCompile(`^(\d{4})-(\d{1,2})$`)
	reDayMonth    = regexp.MustCompile(`^(\d{1,2})(?:st|nd|rd|th)?[\s\-]+([a-z]+)\.?,?[\s\-]+(\d{2}|\d{4})$`)
	reMonthYear   = regexp.MustCompile(`^([a-z]+)\.?[\s\-/,]*(\d{2}|\d{4})$`)
	reQuarter     = regexp.MustCompile(`^q([1-4])\s*(?:fy\s*)?(\d{2}|\d{4})\s*/\s*(\d{2}|\d{4})$`)
	reQuarterLast = regexp.MustCompile(`^(?:fy\s*)?(\d{2}|\d{4})\s*/\s*(\d{2}|\d{4})\s*q([1-4])$`)
)

var monthNames = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
	"october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

// ErrNoDate is returned by ParseDate for a value that says there is no date
// ("TBC", "Ongoing", "N/A"): not an error, but worth a warning on a due date.
var ErrNoDate = errors.New("no date given")

// ParseDate reads a date cell's raw value: an Excel serial (in the 1900 or
// 1904 system), an ISO date, or UK-order text ("31/03/2023", "31 Mar 23").
// Month-only values ("March 2023", "Mar-23", "2023-03") mean the end of the
// month, and UK financial quarters ("Q3 2023/24") the end of the quarter.
// US month-first order is never guessed. An empty value returns the zero
// time and a nil error; a "no date" word returns ErrNoDate.
func ParseDate(raw string, date1904 bool) (time.Time, error) {
	s := strings.ToLower(Clean(raw))
	if s == "" {
		return time.Time{}, nil
	}
	if noDate[s] {
		return time.Time{}, ErrNoDate
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		// 1 Jan 1930 to 31 Dec 2199: anything else is not a plausible date.
		if math.IsNaN(f) || f < 10959 || f > 109574 {
			return time.Time{}, fmt.Errorf("%s is a number, not a date", raw)
		}
		t, err := excelize.ExcelDateToTime(f, date1904)
		if err != nil {
			return time.Time{}, fmt.Errorf("%s is not a date serial", raw)
		}
		return dateOnly(t), nil
	}
	if m := reISODate.FindStringSubmatch(s); m != nil {
		return makeDate(atoi(m[1]), atoi(m[2]), atoi(m[3]), raw)
	}
	if m := reNumericDate.FindStringSubmatch(s); m != nil {
		return makeDate(year(m[3]), atoi(m[2]), atoi(m[1]), raw)
	}
	if m := reISOMonth.FindStringSubmatch(s); m != nil {
		return monthEnd(atoi(m[1]), atoi(m[2]), raw)
	}
	if m := reDayMonth.FindStringSubmatch(s); m != nil {
		mon, ok := monthNames[m[2]]
		if !ok {
			return time.Time{}, fmt.Errorf("%q has no month name", raw)
		}
		return makeDate(year(m[3]), int(mon), atoi(m[1]), raw)
	}
	if m := reMonthYear.FindStringSubmatch(s); m != nil {
		if mon, ok := monthNames[m[1]]; ok {
			return monthEnd(year(m[2]), int(mon), raw)
		}
	}
	if m := reQuarter.FindStringSubmatch(s); m != nil {
		return quarterEnd(atoi(m[1]), year(m[2]), year(m[3]), raw)
	}
	if m := reQuarterLast.FindStringSubmatch(s); m != nil {
		return quarterEnd(atoi(m[3]), year(m[1]), year(m[2]), raw)
	}
	return time.Time{}, fmt.Errorf("%q is not a date (expected dd/mm/yyyy, a month such as Mar-23, or a quarter such as Q3 2023/24)", raw)
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func year(s string) int {
	y := atoi(s)
	if len(s) == 2 {
		y += 2000
	}
	return y
}

func dateOnly(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func makeDate(y, m, d int, raw string) (time.Time, error) {
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1930 || y > 2199 {
		return time.Time{}, fmt.Errorf("%q is not a date (day first: dd/mm/yyyy)", raw)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, fmt.Errorf("%q is not a date: %s %d has no day %d", raw, time.Month(m), y, d)
	}
	return t, nil
}

func monthEnd(y, m int, raw string) (time.Time, error) {
	if m < 1 || m > 12 || y < 1930 || y > 2199 {
		return time.Time{}, fmt.Errorf("%q is not a month", raw)
	}
	return record.Month{Year: y, Month: time.Month(m)}.End(), nil
}

// quarterEnd returns the end of UK financial quarter q of the year that
// starts in April of y1 (Q1 ends in June, Q4 in March of y1+1).
func quarterEnd(q, y1, y2 int, raw string) (time.Time, error) {
	if y2 != y1+1 && y2%100 != (y1+1)%100 {
		return time.Time{}, fmt.Errorf("%q is not a financial year (years must follow each other)", raw)
	}
	end := record.Month{Year: y1, Month: time.Month(3 + 3*q)}
	if q == 4 {
		end = record.Month{Year: y1 + 1, Month: time.March}
	}
	return monthEnd(end.Year, int(end.Month), raw)
}

// missingCodes are the suppression and missing-value markers used in
// official statistics: they mean "no value", never zero.
var missingCodes = map[string]bool{
	"c": true, "x": true, "z": true, "low": true, ":": true, "..": true,
	"-": true, "n/a": true, "na": true, "*": true, "[c]": true, "[x]": true,
	"[z]": true, "[low]": true, "null": true, "#n/a": true, "–": true,
}

var reThousands = regexp.MustCompile(`^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$`)

// ParseNumber reads a numeric cell's raw value: a number, text with
// thousands separators, or a percentage ("12.5%" is 12.5). Suppression codes
// and blanks are missing (Valid false), never zero.
func ParseNumber(raw string) (record.Num, error) {
	s := strings.ToLower(Clean(raw))
	if s == "" || missingCodes[s] {
		return record.Num{}, nil
	}
	t := strings.TrimSuffix(s, "%")
	t = strings.TrimPrefix(strings.TrimSpace(t), "£")
	if strings.Contains(t, ",") {
		if !reThousands.MatchString(t) {
			// "12,5" is a decimal comma, or a typing slip: never 125.
			return record.Num{}, fmt.Errorf("%q is not a number (commas may only separate thousands; write decimals with a point)", raw)
		}
		t = strings.ReplaceAll(t, ",", "")
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return record.Num{}, fmt.Errorf("%q is not a number", raw)
	}
	return record.N(f), nil
}

// ParseYes reads a yes/no flag such as Confidential.
func ParseYes(raw string) (bool, error) {
	switch strings.ToLower(Clean(raw)) {
	case "", "no", "n", "false", "0", "open":
		return false, nil
	case "yes", "y", "true", "1", "exempt", "confidential":
		return true, nil
	}
	return false, fmt.Errorf("%q is not yes or no", raw)
}

// noPolarity holds the words scorecards use for an indicator kept for
// information, with no better direction.
var noPolarity = map[string]bool{
	"info": true, "information": true, "for information": true, "n/a": true, "na": true,
	"neutral": true, "none": true, "no polarity": true, "context": true,
}

// ParsePolarity reads "Higher is better" / "Lower is better".
func ParsePolarity(raw string) (record.Polarity, error) {
	s := strings.ToLower(Clean(raw))
	switch {
	case s == "" || noPolarity[s]:
		return record.NoPolarity, nil
	case strings.HasPrefix(s, "high") || s == "h" || s == "up" || s == "+":
		return record.HigherIsBetter, nil
	case strings.HasPrefix(s, "low") || s == "l" || s == "down" || s == "-":
		return record.LowerIsBetter, nil
	}
	return record.NoPolarity, fmt.Errorf("%q is not a polarity (allowed: Higher is better, Lower is better, or Info for none)", raw)
}
