package xlsx

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	t.Parallel()
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	good := []struct {
		in   string
		want time.Time
	}{
		{"45107", d(2023, 6, 30)},    // 1900 serial
		{"45107.75", d(2023, 6, 30)}, // time of day dropped
		{"31/03/2023", d(2023, 3, 31)},
		{"31-03-23", d(2023, 3, 31)},
		{"31.03.2023", d(2023, 3, 31)},
		{"1/4/2023", d(2023, 4, 1)}, // UK order: 1 April
		{"2023-03-31", d(2023, 3, 31)},
		{"2023-03-31T00:00:00Z", d(2023, 3, 31)},
		{"31 March 2023", d(2023, 3, 31)},
		{"31 Mar 23", d(2023, 3, 31)},
		{"1st April 2023", d(2023, 4, 1)},
		{"March 2023", d(2023, 3, 31)},
		{"Mar-23", d(2023, 3, 31)},
		{"Feb 2024", d(2024, 2, 29)},
		{"2023-03", d(2023, 3, 31)},
		{"Q3 2023/24", d(2023, 12, 31)},
		{"Q4 2023/24", d(2024, 3, 31)},
		{"Q1 23/24", d(2023, 6, 30)},
		{"2023/24 Q2", d(2023, 9, 30)},
		{"\u00a031/03/2023 ", d(2023, 3, 31)},
	}
	for _, g := range good {
		got, err := ParseDate(g.in, false)
		if err != nil || !got.Equal(g.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", g.in, got.Format("2006-01-02"), err, g.want.Format("2006-01-02"))
		}
	}
	for _, none := range []string{"TBC", "ongoing", " N/A "} {
		if got, err := ParseDate(none, false); !errors.Is(err, ErrNoDate) || !got.IsZero() {
			t.Errorf("ParseDate(%q) = %v, %v; want ErrNoDate", none, got, err)
		}
	}
	if got, err := ParseDate("", false); err != nil || !got.IsZero() {
		t.Errorf("blank = %v, %v; want zero, nil", got, err)
	}
	for _, bad := range []string{"12/31/2023", "31/02/2023", "next week", "Q5 2023/24", "Q1 2023/26", "3", "31/13/2023", "Smarch 2023"} {
		if _, err := ParseDate(bad, false); err == nil || errors.Is(err, ErrNoDate) {
			t.Errorf("ParseDate(%q) accepted; want an error", bad)
		}
	}
	// The 1904 system counts from 1 January 1904: serial 43645 is 30 June 2023.
	if got, _ := ParseDate("43645", true); !got.Equal(d(2023, 6, 30)) {
		t.Errorf("1904 serial 43645 = %v, want 2023-06-30", got)
	}
	_, err := ParseDate("12/31/2023", false)
	if !strings.Contains(err.Error(), "dd/mm/yyyy") {
		t.Errorf("US-order error %q does not say the expected order", err)
	}
}

func TestParseNumber(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]float64{"12": 12, "1,234.5": 1234.5, "12.5%": 12.5, " 7 ": 7, "£1,200": 1200, "-3": -3} {
		got, err := ParseNumber(in)
		if err != nil || !got.Valid || got.Value != want {
			t.Errorf("ParseNumber(%q) = %+v, %v; want %v", in, got, err, want)
		}
	}
	for _, missing := range []string{"", "c", "x", "z", "low", ":", "..", "-", "n/a", "[c]"} {
		got, err := ParseNumber(missing)
		if err != nil || got.Valid {
			t.Errorf("ParseNumber(%q) = %+v, %v; want missing (never zero)", missing, got, err)
		}
	}
	for _, bad := range []string{"twelve", "12 FTE", "NaN", "Inf", "1.2.3"} {
		if _, err := ParseNumber(bad); err == nil {
			t.Errorf("ParseNumber(%q) accepted", bad)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"31/03/2023", "45107", "Q3 2023/24", "Mar-23", "TBC", "12/31/2023", "2023-03-31T00:00:00Z", "1e308", "-0"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, d1904 bool) {
		got, err := ParseDate(s, d1904)
		if err == nil && !got.IsZero() && (got.Year() < 1900 || got.Year() > 2200) {
			t.Errorf("ParseDate(%q) = %v: outside any plausible reporting date", s, got)
		}
	})
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"12.5%", "1,234", "c", "..", "1e400", "-", "£3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseNumber(s)
		if err != nil && n.Valid {
			t.Errorf("ParseNumber(%q) returned a valid number with an error", s)
		}
	})
}
