package doc

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// maxDescribed is the number of categories a description lists one by one;
// beyond it, a series is summarised by its first, last, lowest and highest
// values, so a screen reader is not read sixty numbers.
const maxDescribed = 12

// Description is a chart's text alternative, built from its own figures: the
// kind of chart and its title, then what it shows (each category's values, or
// for long series the first and last values with the lowest and highest),
// the target and comparator lines, and any highlighted categories. Both the
// tagged PDF (a Figure's /Alt) and the HTML companion (an SVG's desc) use it,
// so the two say the same.
func (c Chart) Description() string {
	var b strings.Builder
	b.WriteString(kindName(c.Kind))
	if t := strings.TrimSpace(c.Title); t != "" {
		b.WriteString(": ")
		b.WriteString(strings.TrimSuffix(t, "."))
	}
	b.WriteString(". ")
	if !c.hasData() {
		b.WriteString("No data for this period.")
		return b.String()
	}
	switch {
	case c.Kind == Donut && len(c.Series) > 0:
		s := c.Series[0]
		total := 0.0
		for i := range s.Values {
			if s.present(i) {
				total += s.Values[i]
			}
		}
		parts := make([]string, 0, len(c.Categories))
		for i, cat := range c.Categories {
			if !s.present(i) {
				continue
			}
			share := ""
			if total > 0 {
				share = fmt.Sprintf(" (%d%%)", int(math.Floor(s.Values[i]*100/total+0.5)))
			}
			parts = append(parts, cat+" "+c.value(s.Values[i])+share)
		}
		fmt.Fprintf(&b, "Of %s in all: %s.", c.value(total), strings.Join(parts, ", "))
	case (c.Kind == StackedBar || len(c.Series) > 1) && len(c.Categories) <= maxDescribed && c.Kind != Line && c.Kind != SmallLine:
		// One sentence per category, naming each series' value.
		for i, cat := range c.Categories {
			parts := make([]string, 0, len(c.Series))
			for _, s := range c.Series {
				parts = append(parts, s.Name+" "+s.at(i, c))
			}
			fmt.Fprintf(&b, "%s: %s. ", cat, strings.Join(parts, ", "))
		}
	case len(c.Categories) <= maxDescribed && len(c.Series) == 1 && c.Kind != Line && c.Kind != SmallLine:
		s := c.Series[0]
		parts := make([]string, 0, len(c.Categories))
		for i, cat := range c.Categories {
			parts = append(parts, cat+" "+s.at(i, c))
		}
		b.WriteString(strings.Join(parts, "; "))
		b.WriteString(". ")
	default:
		for _, s := range c.Series {
			b.WriteString(c.summary(s))
		}
	}
	if c.Target != nil {
		fmt.Fprintf(&b, "%s: %s. ", orDefault(c.Target.Label, "Target"), c.value(c.Target.Value))
	}
	for _, r := range c.References {
		if containsDigit(r.Label) {
			fmt.Fprintf(&b, "%s. ", r.Label)
		} else {
			fmt.Fprintf(&b, "%s: %s. ", r.Label, c.value(r.Value))
		}
	}
	if h := c.Highlight; h != nil && h.From >= 0 && h.From < len(c.Categories) {
		fmt.Fprintf(&b, "%s: %s onwards.", orDefault(h.Label, "Above target"), c.Categories[h.From])
	}
	return strings.TrimSpace(b.String())
}

// summary describes a long or time series by its first and last values and
// its lowest and highest, naming the categories they fall in.
func (c Chart) summary(s Series) string {
	first, last, lo, hi := -1, -1, -1, -1
	missing := 0
	for i := range c.Categories {
		if !s.present(i) {
			missing++
			continue
		}
		if first < 0 {
			first = i
		}
		last = i
		if lo < 0 || s.Values[i] < s.Values[lo] {
			lo = i
		}
		if hi < 0 || s.Values[i] > s.Values[hi] {
			hi = i
		}
	}
	name := s.Name
	if name == "" {
		name = "Values"
	}
	if first < 0 {
		return name + ": no values. "
	}
	at := func(i int) string { return c.value(s.Values[i]) + " in " + c.Categories[i] }
	var b strings.Builder
	if first == last {
		fmt.Fprintf(&b, "%s: %s", name, at(first))
	} else {
		fmt.Fprintf(&b, "%s: %s, then %s", name, at(first), at(last))
		if lo != first && lo != last {
			fmt.Fprintf(&b, "; lowest %s", at(lo))
		}
		if hi != first && hi != last {
			fmt.Fprintf(&b, "; highest %s", at(hi))
		}
	}
	if missing > 0 {
		fmt.Fprintf(&b, "; %d %s with no value", missing, pluralWord(missing, "month", "months"))
	}
	b.WriteString(". ")
	return b.String()
}

func (c Chart) hasData() bool {
	for _, s := range c.Series {
		for i := range c.Categories {
			if s.present(i) {
				return true
			}
		}
	}
	return false
}

// present reports whether the series has a value for category i.
func (s Series) present(i int) bool {
	return i < len(s.Values) && (i >= len(s.Missing) || !s.Missing[i])
}

func (s Series) at(i int, c Chart) string {
	if !s.present(i) {
		return "no value"
	}
	return c.value(s.Values[i])
}

// value formats v with the chart's unit: "21.4%", "18.2 cases", "1 action".
func (c Chart) value(v float64) string {
	n := strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
	switch u := strings.TrimSpace(c.Unit); {
	case u == "":
		return n
	case u == "%":
		return n + "%"
	case n == "1":
		return n + " " + singular(u)
	default:
		return n + " " + u
	}
}

// singular turns a chart's unit, written for the value axis as a plural
// count noun ("actions", "cases", "children"), into its singular for a value
// of exactly one; units that are not lower-case plurals ("FTE") are kept as written.
func singular(unit string) string {
	switch unit {
	case "children":
		return "child"
	case "people":
		return "person"
	}
	if len(unit) > 2 && strings.HasSuffix(unit, "s") && !strings.HasSuffix(unit, "ss") &&
		strings.Trim(unit, "abcdefghijklmnopqrstuvwxyz") == "" {
		return strings.TrimSuffix(unit, "s")
	}
	return unit
}

func kindName(k ChartKind) string {
	switch k {
	case Bar:
		return "Bar chart"
	case StackedBar:
		return "Stacked bar chart"
	case GroupedBar:
		return "Grouped bar chart"
	case Donut:
		return "Donut chart"
	case Line, SmallLine:
		return "Line chart"
	}
	return "Chart"
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

func containsDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
