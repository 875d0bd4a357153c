// Package config reads boardpack.yaml: branding, meeting details, targets,
// benchmarks, the RAG key and header mappings. Every field has a default, so
// a data folder without a config still produces papers.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // logo formats
	_ "image/png"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/boardpack/boardpack/internal/doc"
	"github.com/boardpack/boardpack/internal/inputfile"
	"github.com/boardpack/boardpack/internal/record"
	"github.com/boardpack/boardpack/internal/vocab"
	"github.com/boardpack/boardpack/internal/yamlfile"
)

// Config is the contents of boardpack.yaml.
type Config struct {
	Council        string `yaml:"council"`
	Service        string `yaml:"service"`
	Author         string `yaml:"author"`
	Classification string `yaml:"classification"` // printed on Open papers, default OFFICIAL
	// Exemption is the ground for withholding exempt papers, as the
	// monitoring officer words it ("paragraph 2 of Part 1 of Schedule 12A
	// to the Local Government Act 1972").
	Exemption  string     `yaml:"exemption"`
	Colours    Colours    `yaml:"colours"`
	Logo       string     `yaml:"logo"` // PNG or JPEG, relative to the config file
	LogoData   []byte     `yaml:"-"`
	RAG        []RAGLevel `yaml:"rag"`
	Targets    Targets    `yaml:"targets"`
	Benchmarks Benchmarks `yaml:"benchmarks"`
	Meetings   Meetings   `yaml:"meetings"`
	Ofsted     Ofsted     `yaml:"ofsted"`
	Contact    Contact    `yaml:"contact"` // the officer readers may contact about the papers
	// AccessibilityStatement prints the statement of templates/
	// accessibility.yaml at the end of every paper.
	AccessibilityStatement bool              `yaml:"accessibility_statement"`
	Background             []Paper           `yaml:"background_papers"` // published papers the reports rely on
	Themes                 []string          `yaml:"scrutiny_themes"`   // themes the Scrutiny report covers
	Headers                Headers           `yaml:"headers"`           // headings mapped to columns: "Proj Name": priority area
	Vocabulary             Vocabulary        `yaml:"vocabulary"`        // RAG and status words: "On target": G
	Files                  map[string]string `yaml:"files"`             // report kind -> file-name pattern
	Path                   string            `yaml:"-"`                 // where it was read from, "" for defaults
	Raw                    []byte            `yaml:"-"`                 // the file's bytes, for the manifest hash
}

// Colours is the branding palette.
type Colours struct {
	Accent Colour `yaml:"accent"`
}

// RAGLevel is one level of the RAG scale.
type RAGLevel struct {
	Code    string   `yaml:"code"` // R, A, G, B
	Label   string   `yaml:"label"`
	Meaning string   `yaml:"meaning"`
	Colour  Colour   `yaml:"colour"`
	Aliases []string `yaml:"aliases"`
}

// Targets are the service's own targets.
type Targets struct {
	Caseload     float64 `yaml:"caseload"`      // average children per case-holding FTE
	KPITolerance float64 `yaml:"kpi_tolerance"` // points within target that rate Amber, not Red
}

// Benchmarks are published comparators for the workforce rates (percentages).
type Benchmarks struct {
	AgencyRate   Comparators `yaml:"agency_rate"`
	VacancyRate  Comparators `yaml:"vacancy_rate"`
	TurnoverRate Comparators `yaml:"turnover_rate"`
}

// Comparators are a measure's values for England, statistical neighbours and
// the region; zero means not given.
type Comparators struct {
	England        float64 `yaml:"england"`
	StatNeighbours float64 `yaml:"statistical_neighbours"`
	Region         float64 `yaml:"region"`
	Year           string  `yaml:"year"`
}

// Meetings holds each body's details and calendar.
type Meetings struct {
	Board    Meeting `yaml:"board"`
	Scrutiny Meeting `yaml:"scrutiny"`
	Cabinet  Meeting `yaml:"cabinet"`
}

// Body returns the meeting details of a body: "board", "scrutiny" or
// "cabinet".
func (m Meetings) Body(name string) (Meeting, bool) {
	switch name {
	case "board":
		return m.Board, true
	case "scrutiny":
		return m.Scrutiny, true
	case "cabinet":
		return m.Cabinet, true
	}
	return Meeting{}, false
}

// Meeting is one body's name, the officer presenting its papers, where it
// meets, and its calendar: the dates of its meetings for the year. A paper
// is for the body's next meeting after the paper's reporting period.
type Meeting struct {
	Name     string   `yaml:"name"`
	ReportBy string   `yaml:"report_by"`
	Venue    string   `yaml:"venue"`
	Time     string   `yaml:"time"` // "10:00", for the pack's cover
	Members  []string `yaml:"members"`
	Dates    []Date   `yaml:"dates"`
	// Agenda is the standing agenda of the body's meetings, for its
	// meeting pack.
	Agenda []AgendaItem `yaml:"agenda"`

	// OldDate is the single date of earlier configs, now an error that
	// says how to write the calendar.
	OldDate oldDate `yaml:"date"`
}

// AgendaItem is one item of a meeting's agenda. It holds at most one of a
// boardpack paper, an external PDF, the action log, or a short text.
type AgendaItem struct {
	Title     string `yaml:"title"`
	Presenter string `yaml:"presenter"`
	Minutes   int    `yaml:"minutes"`    // time allowed
	Purpose   string `yaml:"purpose"`    // decision, discussion or noting
	Paper     string `yaml:"paper"`      // board, scrutiny, cabinet, appendix or exempt-appendix
	File      string `yaml:"file"`       // an external PDF, relative to the config file
	ActionLog bool   `yaml:"action_log"` // the actions arising from previous meetings
	Text      string `yaml:"text"`       // printed in the agenda
	// Exempt is the ground for taking the item in private (for example
	// "paragraph 1 of Part 1 of Schedule 12A"): it goes in the exempt
	// pack, and the public agenda shows its title and this ground only.
	Exempt string `yaml:"exempt"`
}

// Purposes are the purposes an agenda item may have.
var Purposes = []string{"decision", "discussion", "noting"}

// oldDate records that a meeting still has the single date of earlier
// configs.
type oldDate struct {
	Set   bool
	Value string
}

// UnmarshalYAML records the value.
func (d *oldDate) UnmarshalYAML(n *yaml.Node) error {
	d.Set, d.Value = true, n.Value
	return nil
}

// Calendar returns the meeting's dates, in order.
func (m Meeting) Calendar() []time.Time {
	out := make([]time.Time, 0, len(m.Dates))
	for _, d := range m.Dates {
		out = append(out, d.Time)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

// Contact is the officer named on a paper for questions about it.
type Contact struct {
	Name  string `yaml:"name"`
	Role  string `yaml:"role"`
	Email string `yaml:"email"`
	Phone string `yaml:"phone"`
}

// Paper is a published document, such as a background paper.
type Paper struct {
	Title string `yaml:"title"`
	Link  string `yaml:"link"` // where it is published
}

// Ofsted is the record of inspections and monitoring visits, shown in the
// Cabinet and Board papers.
type Ofsted struct {
	Visits []Visit `yaml:"visits"`
	Next   *Visit  `yaml:"next"` // the next visit expected; its date may be a month
}

// Visit is one inspection or monitoring visit.
type Visit struct {
	Date     Date   `yaml:"date"`     // the visit
	Expected string `yaml:"expected"` // for the next visit: when it is expected ("September 2023")
	Type     string `yaml:"type"`     // "ILACS inspection", "Monitoring visit"
	Focus    string `yaml:"focus"`    // "Children in need and child protection"
	Findings string `yaml:"findings"` // the headline findings, as published
	Letter   string `yaml:"letter"`   // where the letter is published
}

// Date is a calendar date written as YYYY-MM-DD in the config.
type Date struct{ time.Time }

// UnmarshalYAML parses YYYY-MM-DD.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(n.Value))
	if err != nil {
		return fmt.Errorf("date %q is not YYYY-MM-DD", n.Value)
	}
	d.Time = t
	return nil
}

// Default returns the configuration used when there is no boardpack.yaml.
func Default() Config {
	return Config{
		Council:        "Council",
		Service:        "Children's Services",
		Author:         "Director of Children's Services",
		Classification: "OFFICIAL",
		Colours:        Colours{Accent: RGB(0x1F, 0x38, 0x64)},
		RAG: []RAGLevel{
			{Code: "B", Label: "Blue", Meaning: "Complete", Colour: RGB(0x1F, 0x5F, 0xAD), Aliases: []string{"complete", "completed"}},
			{Code: "G", Label: "Green", Meaning: "On track", Colour: RGB(0x2E, 0x7D, 0x32)},
			{Code: "A", Label: "Amber", Meaning: "At risk", Colour: RGB(0xF2, 0xA9, 0x00)},
			{Code: "R", Label: "Red", Meaning: "Off track", Colour: RGB(0xC6, 0x28, 0x28)},
			{Code: "NR", Label: "Not rated", Meaning: "Not yet rated", Colour: RGB(0xBD, 0xBD, 0xBD)},
		},
		Targets: Targets{Caseload: 18, KPITolerance: 5},
		Themes:  []string{"workforce", "caseloads", "early-help", "voice-of-the-child"},
		Meetings: Meetings{
			Board:    Meeting{Name: "Children's Improvement Board"},
			Scrutiny: Meeting{Name: "Children and Young People Scrutiny Committee"},
			Cabinet:  Meeting{Name: "Cabinet"},
		},
	}
}

// Load reads the config at path over the defaults. A missing file is not an
// error when optional is true. Mistakes are *Error values naming the file,
// line and key; a file that cannot be read is an I/O error.
func Load(path string, optional bool) (Config, error) {
	c := Default()
	raw, err := inputfile.Read(path, MaxConfigBytes)
	if errors.Is(err, os.ErrNotExist) && optional {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("read config: %w", err)
	}
	return Parse(path, raw)
}

// Parse reads a config file's bytes over the defaults; path names the file
// in errors and locates the logo.
func Parse(path string, raw []byte) (Config, error) {
	c := Default()
	var file Config
	root, err := yamlfile.Decode(path, raw, &file)
	if err != nil {
		return c, err
	}
	c.merge(file)
	c.Path = path
	c.Raw = raw
	if c.Logo != "" {
		lp := c.Logo
		if !filepath.IsAbs(lp) {
			lp = filepath.Join(filepath.Dir(path), lp)
		}
		b, err := inputfile.Read(lp, MaxLogoBytes)
		if err != nil {
			return c, &Error{File: path, Line: yamlfile.KeyLine(root, "logo"), Key: "logo", Msg: fmt.Sprintf("cannot read %s: %v", lp, unwrapPath(err))}
		}
		if err := checkLogo(b); err != nil {
			return c, &Error{File: path, Line: yamlfile.KeyLine(root, "logo"), Key: "logo", Msg: fmt.Sprintf("%s: %v", c.Logo, err)}
		}
		c.LogoData = b
	}
	return c, c.validate(path, root)
}

// Limits on the files the config names, so a logo of /dev/zero or a
// named pipe cannot exhaust memory or hang a run: each must be a regular
// file of at most this size.
const (
	MaxConfigBytes = 1 << 20 // boardpack.yaml
	MaxLogoBytes   = 5 << 20 // the logo, embedded in every paper
)

// Error is a mistake in boardpack.yaml, naming the file, line and key.
type Error = yamlfile.Error

// unwrapPath drops the path from a *fs.PathError, which the message
// already names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (c *Config) merge(f Config) {
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&c.Council, f.Council)
	set(&c.Service, f.Service)
	set(&c.Author, f.Author)
	set(&c.Classification, f.Classification)
	set(&c.Exemption, f.Exemption)
	if f.Colours.Accent.Set {
		c.Colours.Accent = f.Colours.Accent
	}
	set(&c.Logo, f.Logo)
	if len(f.RAG) > 0 {
		c.RAG = f.RAG
	}
	if f.Targets.Caseload != 0 {
		c.Targets.Caseload = f.Targets.Caseload
	}
	if f.Targets.KPITolerance != 0 {
		c.Targets.KPITolerance = f.Targets.KPITolerance
	}
	c.Benchmarks = f.Benchmarks
	mergeMeeting(&c.Meetings.Board, f.Meetings.Board)
	mergeMeeting(&c.Meetings.Scrutiny, f.Meetings.Scrutiny)
	mergeMeeting(&c.Meetings.Cabinet, f.Meetings.Cabinet)
	if f.Themes != nil {
		c.Themes = f.Themes
	}
	c.Ofsted = f.Ofsted
	c.Contact = f.Contact
	c.AccessibilityStatement = f.AccessibilityStatement
	c.Background = f.Background
	c.Headers = f.Headers
	c.Vocabulary = f.Vocabulary
	c.Files = f.Files
}

func mergeMeeting(dst *Meeting, m Meeting) {
	if m.Name != "" {
		dst.Name = m.Name
	}
	if m.ReportBy != "" {
		dst.ReportBy = m.ReportBy
	}
	dst.Venue, dst.Time, dst.Members, dst.Dates, dst.OldDate = m.Venue, m.Time, m.Members, m.Dates, m.OldDate
	dst.Agenda = m.Agenda
}

func (c *Config) validate(path string, root *yaml.Node) error {
	var errs []error
	fail := func(key, format string, a ...any) {
		errs = append(errs, &Error{File: path, Line: yamlfile.KeyLine(root, key), Key: key, Msg: fmt.Sprintf(format, a...)})
	}
	if r := c.Colours.Accent.ContrastWithWhite(); r < 4.5 {
		// The accent colours headings on white and table headers under
		// white text: both need WCAG AA contrast.
		fail("colours.accent", "%s has a contrast of %.1f:1 with white; choose a darker colour (4.5:1 or more)", c.Colours.Accent, r)
	}
	for i, l := range c.RAG {
		key := fmt.Sprintf("rag[%d]", i)
		if l.Code == "" || l.Label == "" {
			fail(key, "code and label are required")
		} else if _, ok := record.RAGFromCode(l.Code); !ok {
			fail(key+".code", "%q is not one of B, G, A, R, NR (labels, meanings, colours and aliases are yours to set)", l.Code)
		}
		if !l.Colour.Set {
			fail(key, "colour is required, as \"#RRGGBB\"")
		}
	}
	if c.Targets.Caseload < 0 {
		fail("targets.caseload", "must not be negative")
	}
	for _, body := range []string{"board", "scrutiny", "cabinet"} {
		m, _ := c.Meetings.Body(body)
		key := "meetings." + body
		if m.OldDate.Set {
			fail(key+".date", "a meeting now has a calendar: write dates: [%s, ...] with the year's meeting dates (each paper is for the next meeting after its period)", m.OldDate.Value)
		}
		for i, it := range m.Agenda {
			k := fmt.Sprintf("%s.agenda[%d]", key, i)
			if strings.TrimSpace(it.Title) == "" {
				fail(k, "an agenda item needs a title")
			}
			holds := 0
			for _, set := range []bool{it.Paper != "", it.File != "", it.ActionLog, it.Text != ""} {
				if set {
					holds++
				}
			}
			if holds > 1 {
				fail(k, "an agenda item holds one thing: a paper, a file, the action log or a text")
			}
			if it.Purpose != "" && !slices.Contains(Purposes, it.Purpose) {
				fail(k+".purpose", "%q is not a purpose (use decision, discussion or noting)", it.Purpose)
			}
			if it.Paper != "" && !slices.Contains([]string{"board", "scrutiny", "cabinet", "appendix", "exempt-appendix"}, it.Paper) {
				fail(k+".paper", "%q is not a paper boardpack makes (board, scrutiny, cabinet, appendix, exempt-appendix)", it.Paper)
			}
			if it.Paper == "exempt-appendix" && it.Exempt == "" {
				fail(k+".exempt", "the exempt appendix holds confidential actions: give the ground for taking it in private (exempt: ...)")
			}
		}
		seen := map[time.Time]bool{}
		for i, d := range m.Dates {
			if seen[d.Time] {
				fail(fmt.Sprintf("%s.dates[%d]", key, i), "%s is given twice", d.Format("2006-01-02"))
			}
			seen[d.Time] = true
		}
	}
	for i, v := range c.Ofsted.Visits {
		if v.Date.IsZero() || v.Type == "" {
			fail(fmt.Sprintf("ofsted.visits[%d]", i), "a visit needs a date and a type (for example: Monitoring visit)")
		}
	}
	for _, w := range c.Vocabulary.RAG {
		if _, err := vocab.RAGTarget(w.Means); err != nil {
			errs = append(errs, &Error{File: path, Line: w.Line, Key: "vocabulary.rag." + w.Word, Msg: err.Error()})
		}
	}
	for _, w := range c.Vocabulary.Status {
		if _, err := vocab.StatusTarget(w.Means); err != nil {
			errs = append(errs, &Error{File: path, Line: w.Line, Key: "vocabulary.status." + w.Word, Msg: err.Error()})
		}
	}
	return errors.Join(errs...)
}

// checkLogo accepts what the PDF engine can embed: JPEG, or PNG with at
// most 8 bits per channel and no interlacing, of a sensible size.
func checkLogo(b []byte) error {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return errors.New("not a PNG or JPEG image")
	}
	if cfg.Width < 16 || cfg.Height < 16 || cfg.Width > 4000 || cfg.Height > 4000 {
		return fmt.Errorf("%dx%d pixels; use an image between 16 and 4000 pixels a side", cfg.Width, cfg.Height)
	}
	if format == "png" && len(b) > 28 {
		// IHDR: bit depth at byte 24, interlace method at byte 28.
		if b[24] > 8 {
			return errors.New("a 16-bit PNG; save it with 8 bits per channel")
		}
		if b[28] != 0 {
			return errors.New("an interlaced PNG; save it without interlacing")
		}
	}
	return nil
}

// RAGWords maps each configured label and alias, lower-cased, to its
// rating, for the reader to accept alongside the standard words.
func (c Config) RAGWords() map[string]record.RAG {
	out := map[string]record.RAG{}
	for _, l := range c.RAG {
		r, ok := record.RAGFromCode(l.Code)
		if !ok {
			continue
		}
		for _, w := range append([]string{l.Label}, l.Aliases...) {
			if w = strings.ToLower(strings.TrimSpace(w)); w != "" {
				out[w] = r
			}
		}
	}
	return out
}

// HasTheme reports whether the Scrutiny report covers theme.
func (c Config) HasTheme(theme string) bool {
	for _, t := range c.Themes {
		if strings.EqualFold(strings.TrimSpace(t), theme) {
			return true
		}
	}
	return false
}

// Colour is an sRGB colour, written "#RRGGBB" in the file. Set is false
// for a colour the file does not give.
type Colour struct {
	R, G, B uint8
	Set     bool
}

// RGB returns a set Colour.
func RGB(r, g, b uint8) Colour { return Colour{R: r, G: g, B: b, Set: true} }

// UnmarshalYAML parses "#RRGGBB".
func (c *Colour) UnmarshalYAML(n *yaml.Node) error {
	v, err := ParseColour(n.Value)
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// String formats c as "#RRGGBB".
func (c Colour) String() string { return fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B) }

// ContrastWithWhite is the WCAG contrast ratio of the colour against white.
func (c Colour) ContrastWithWhite() float64 {
	return doc.Contrast(doc.Colour{R: c.R, G: c.G, B: c.B}, doc.Colour{R: 255, G: 255, B: 255})
}

// ParseColour parses "#RRGGBB".
func ParseColour(s string) (Colour, error) {
	s = strings.TrimSpace(s)
	if len(s) != 7 || s[0] != '#' {
		return Colour{}, fmt.Errorf("colour %q is not #RRGGBB", s)
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return Colour{}, fmt.Errorf("colour %q is not #RRGGBB", s)
	}
	return RGB(uint8(v>>16), uint8(v>>8), uint8(v)), nil
}

// Headers are the config's headings, in file order: each maps a heading a
// council's export uses to a column boardpack knows ("Proj Name": priority
// area), or to ignore, so that the column is never read. A heading so
// mapped is read as that column whatever else it looks like.
type Headers []HeaderMapping

// HeaderMapping is one line of the headers: section.
type HeaderMapping struct {
	Heading string // as the export spells it: "Proj Name"
	Field   string // the column it means: "priority area"
	Line    int    // its line in the file, for errors
}

// UnmarshalYAML reads a mapping of heading: field, keeping file order and
// lines.
func (h *Headers) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return errors.New("expected lines of \"Heading in the export: column it means\"")
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "" {
			return &yamlfile.LineError{Line: k.Line, Msg: fmt.Sprintf("%q must map to a column name, such as \"priority area\"", k.Value)}
		}
		*h = append(*h, HeaderMapping{Heading: k.Value, Field: v.Value, Line: k.Line})
	}
	return nil
}

// Vocabulary is the config's own RAG and status words, in file order, read
// as well as the standard ones: a word in a RAG column means R, A, G, B or
// NR; a word in a status column means a status (not started, in progress,
// complete, on hold, delayed, superseded).
type Vocabulary struct {
	RAG    WordMap `yaml:"rag"`
	Status WordMap `yaml:"status"`
}

// WordMap is a list of "word: meaning" lines, in file order.
type WordMap []WordMapping

// WordMapping is one line of a vocabulary.
type WordMapping struct {
	Word  string // as the export writes it: "On target"
	Means string // what it means: "G", "complete"
	Line  int    // its line in the file, for errors
}

// UnmarshalYAML reads a mapping of word: meaning, keeping file order and
// lines.
func (w *WordMap) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return errors.New("expected lines of \"word in the export: what it means\"")
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "" {
			return &yamlfile.LineError{Line: k.Line, Msg: fmt.Sprintf("%q must map to what it means, such as G or complete", k.Value)}
		}
		*w = append(*w, WordMapping{Word: k.Value, Means: v.Value, Line: k.Line})
	}
	return nil
}
