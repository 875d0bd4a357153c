package xlsx

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Header recognition by scoring.
//
// A heading is cut into tokens (lower case, letters and digits; "No.", "#",
// "Number" and "Nos" all read "no"; "R A G" reads "rag"; plurals are
// folded, so "Actions" reads "action"). Every field has phrases, each with a
// weight. A heading scores for a field when it contains one of its phrases:
// the whole weight when the phrase is the whole heading, and down to 70% of
// it as the heading has more words of its own ("Actions required",
// "Planned completion date"). A heading with one of a field's veto words
// never scores for it ("Date raised" is no due date). Bracketed notes are
// scored with and without the brackets ("Due date (dd/mm/yyyy)",
// "Status (RAG)").
//
// A candidate header row (or two rows: a group heading over sub-headings,
// or a heading wrapped onto a second row) is matched against each sheet
// kind: every (column, field) pair scoring at least minScore, best first,
// gives its column to its field. For trackers the values beneath decide
// where the heading alone cannot (a "Priority" of High/Medium/Low is no
// priority area; a "Status" of Red/Amber/Green is the RAG; a "Current
// status" of sentences is the commentary). The row whose complete match
// scores highest is the header.

// minScore is the least a heading must score to name a field.
const minScore = 0.5

// numberWords all mean "number" in a heading.
var numberWords = map[string]bool{"no": true, "number": true, "numbers": true, "num": true, "nbr": true, "nos": true, "nº": true, "n°": true}

// stopWords do not count as words of a heading's own when scoring.
var stopWords = map[string]bool{
	"the": true, "of": true, "to": true, "be": true, "for": true, "each": true, "if": true, "any": true,
	"and": true, "or": true, "a": true, "an": true, "in": true, "on": true, "at": true, "with": true,
	"this": true, "that": true, "is": true, "are": true, "was": true, "will": true, "we": true, "our": true,
	"by": true, "it": true, "has": true, "been": true,
}

// tokens cuts s into heading tokens.
func tokens(s string) []string {
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() == 0 {
			return
		}
		t := b.String()
		b.Reset()
		out = append(out, stem(t))
	}
	for _, r := range strings.ToLower(s) {
		switch {
		case r == '#' || r == '№':
			flush()
			out = append(out, "no")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			// "RAG0", "Q4": letters and digits are separate words.
			if b.Len() > 0 {
				last, _ := utf8.DecodeLastRuneInString(b.String())
				if unicode.IsDigit(last) != unicode.IsDigit(r) {
					flush()
				}
			}
			b.WriteRune(r)
		default:
			flush()
		}
	}
	flush()
	// "R A G", "B R A G": letters spelt out one by one are one word.
	var joined []string
	for i := 0; i < len(out); {
		j := i
		for j < len(out) && len(out[j]) == 1 && unicode.IsLetter(rune(out[j][0])) {
			j++
		}
		if j-i >= 2 {
			joined = append(joined, strings.Join(out[i:j], ""))
			i = j
			continue
		}
		joined = append(joined, out[i])
		i++
	}
	return joined
}

// stem folds a token: number words to "no", plurals to the singular.
func stem(t string) string {
	if numberWords[t] {
		return "no"
	}
	n := len(t)
	switch {
	case n > 4 && strings.HasSuffix(t, "ies"):
		return t[:n-3] + "y"
	case n > 3 && t[n-1] == 's' && !strings.HasSuffix(t, "ss") && !strings.HasSuffix(t, "us") && !strings.HasSuffix(t, "is"):
		return t[:n-1]
	}
	return t
}

// contentLen counts a heading's own words: not stop words, not numbers
// (a date or a year in "RAG 01/09" or "Progress October 2003" says when,
// not what).
func contentLen(toks []string) int {
	n := 0
	for _, t := range toks {
		if !stopWords[t] && !isNumber(t) {
			n++
		}
	}
	return max(n, 1)
}

func isNumber(t string) bool {
	for _, r := range t {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return t != ""
}

// phrase is one compiled phrase of a field.
type phrase struct {
	toks    []string
	concat  string
	content int
	weight  float64
}

// compiled is a schema's fields ready for scoring.
type compiled struct {
	fields []compiledField
	first  map[string][]phraseRef // phrases by their first token
	concat map[string][]phraseRef // phrases by their tokens joined
}

type compiledField struct {
	phrases []phrase
	veto    [][]string
}

type phraseRef struct{ field, phrase int }

var compiledSchemas = compileSchemas()

func compileSchemas() []compiled {
	out := make([]compiled, len(schemas))
	for i := range schemas {
		c := compiled{first: map[string][]phraseRef{}, concat: map[string][]phraseRef{}}
		for fi, f := range schemas[i].fields {
			var cf compiledField
			for _, p := range f.phrases {
				text, w := p, 1.0
				if t, ws, ok := strings.Cut(p, "|"); ok {
					text = t
					if v, err := strconv.ParseFloat(ws, 64); err == nil {
						w = v
					}
				}
				toks := tokens(text)
				ref := phraseRef{fi, len(cf.phrases)}
				cf.phrases = append(cf.phrases, phrase{toks: toks, concat: strings.Join(toks, ""), content: contentLen(toks), weight: w})
				c.first[toks[0]] = append(c.first[toks[0]], ref)
				c.concat[strings.Join(toks, "")] = append(c.concat[strings.Join(toks, "")], ref)
			}
			for _, v := range f.veto {
				cf.veto = append(cf.veto, tokens(v))
			}
			c.fields = append(c.fields, cf)
		}
		out[i] = c
	}
	return out
}

// parsed is a heading cut into tokens once: the whole heading, and with
// and without its bracketed notes.
type parsed struct {
	full     []string
	variants []variant
}

type variant struct {
	toks   []string
	factor float64
}

func parseHeading(heading string) *parsed {
	p := &parsed{full: tokens(heading)}
	if len(p.full) == 0 {
		return p
	}
	p.variants = []variant{{p.full, 1}}
	if open := strings.IndexAny(heading, "(["); open >= 0 {
		outside, inside := splitBrackets(heading)
		if t := tokens(outside); len(t) > 0 && open > 0 {
			p.variants = append(p.variants, variant{t, 0.95})
		}
		if t := tokens(inside); len(t) > 0 {
			p.variants = append(p.variants, variant{t, 0.9})
		}
	}
	return p
}

// headingScores returns what heading scores for each field of schema i.
func headingScores(i int, heading string) []float64 { return parsedScores(i, parseHeading(heading)) }

// noScores are each schema's scores of a heading that names none of its
// fields, shared: callers must not change them.
var noScores = func() [][]float64 {
	out := make([][]float64, len(schemas))
	for i := range schemas {
		out[i] = make([]float64, len(schemas[i].fields))
	}
	return out
}()

func parsedScores(i int, ph *parsed) []float64 {
	c := &compiledSchemas[i]
	full, variants := ph.full, ph.variants
	if !c.mentions(ph) {
		return noScores[i]
	}
	scores := make([]float64, len(c.fields))
	// A veto word in the heading rules a field out, unless the phrase
	// that matched has the word itself ("Start/Rev/End" is a due date
	// though "Start date" is not).
	vetoed := func(field int, p phrase) bool {
		for _, v := range c.fields[field].veto {
			if contains(full, v) && !contains(p.toks, v) {
				return true
			}
		}
		return false
	}
	for _, v := range variants {
		content := contentLen(v.toks)
		concat := strings.Join(v.toks, "")
		for _, ref := range c.concat[concat] {
			p := c.fields[ref.field].phrases[ref.phrase]
			if !vetoed(ref.field, p) {
				scores[ref.field] = max(scores[ref.field], p.weight*v.factor)
			}
		}
		for pos, t := range v.toks {
			for _, ref := range c.first[t] {
				p := c.fields[ref.field].phrases[ref.phrase]
				if !hasAt(v.toks, pos, p.toks) || vetoed(ref.field, p) {
					continue
				}
				cov := min(float64(p.content)/float64(content), 1)
				scores[ref.field] = max(scores[ref.field], p.weight*v.factor*(0.7+0.3*cov))
			}
		}
	}
	return scores
}

// mentions reports whether any phrase of the schema could match the
// heading: one starts with one of its words, or is all its words.
func (c *compiled) mentions(ph *parsed) bool {
	for _, v := range ph.variants {
		if len(c.concat[strings.Join(v.toks, "")]) > 0 {
			return true
		}
		for _, t := range v.toks {
			if len(c.first[t]) > 0 {
				return true
			}
		}
	}
	return false
}

func splitBrackets(s string) (outside, inside string) {
	var o, in strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '[':
			depth++
			in.WriteRune(' ')
		case (r == ')' || r == ']') && depth > 0:
			depth--
			in.WriteRune(' ')
		case depth > 0:
			in.WriteRune(r)
		default:
			o.WriteRune(r)
		}
	}
	return o.String(), in.String()
}

func hasAt(toks []string, pos int, p []string) bool {
	if pos+len(p) > len(toks) {
		return false
	}
	for i, t := range p {
		if toks[pos+i] != t {
			return false
		}
	}
	return true
}

func contains(toks, p []string) bool {
	for i := range toks {
		if hasAt(toks, i, p) {
			return true
		}
	}
	return false
}

// headingKey is the form in which the config's headings are compared: the
// tokens joined, so "Proj. Name", "proj name" and "PROJ\nNAME" are one.
func headingKey(s string) string { return strings.Join(tokens(s), "") }

// scoreCache remembers headings' scores within one sheet: title rows and
// repeated headings are scored once.
type scoreCache map[string]*scored

type scored struct {
	p      *parsed
	scores [][]float64 // by schema, made when first asked for
}

func (sc scoreCache) get(kind int, heading string) []float64 {
	v, ok := sc[heading]
	if !ok {
		v = &scored{p: parseHeading(heading), scores: make([][]float64, len(schemas))}
		sc[heading] = v
	}
	if v.scores[kind] == nil {
		v.scores[kind] = parsedScores(kind, v.p)
	}
	return v.scores[kind]
}

// candidate is one field a column could be, with its score.
type candidate struct {
	col   int
	field int
	score float64
}

// assign gives each column at most one field and each field at most one
// column, best scores first; ties go to the column further left, except
// for fields in rightward (a rating recorded in a column per date, "RAG
// 01/09" ... "RAG 09/10": the latest is the rightmost).
func assign(cands []candidate, rightward map[int]bool) []candidate {
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].score != cands[j].score {
			return cands[i].score > cands[j].score
		}
		if cands[i].field != cands[j].field {
			return cands[i].field < cands[j].field
		}
		if rightward[cands[i].field] {
			return cands[i].col > cands[j].col
		}
		return cands[i].col < cands[j].col
	})
	usedCol, usedField := map[int]bool{}, map[int]bool{}
	var out []candidate
	for _, c := range cands {
		if usedCol[c.col] || usedField[c.field] {
			continue
		}
		usedCol[c.col], usedField[c.field] = true, true
		out = append(out, c)
	}
	return out
}
