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
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/boardpack/boardpack/internal/record"
)

// Config is the contents of boardpack.yaml.
type Config struct {
	Council        string            `yaml:"council"`
	Service        string            `yaml:"service"`
	Author         string            `yaml:"author"`
	Classification string            `yaml:"classification"` // printed on Open papers, default OFFICIAL
	Colours        Colours           `yaml:"colours"`
	Logo           string            `yaml:"logo"` // PNG or JPEG, relative to the config file
	LogoData       []byte            `yaml:"-"`
	RAG            []RAGLevel        `yaml:"rag"`
	Targets        Targets           `yaml:"targets"`
	Benchmarks     Benchmarks        `yaml:"benchmarks"`
	Meetings       Meetings          `yaml:"meetings"`
	Themes         []string          `yaml:"scrutiny_themes"` // themes the Scrutiny report covers
	Headers        map[string]string `yaml:"headers"`         // extra header aliases: "Proj Name": "priority area"
	Files          map[string]string `yaml:"files"`           // report kind -> file-name pattern
	Path           string            `yaml:"-"`               // where it was read from, "" for defaults
	Raw            []byte            `yaml:"-"`               // the file's bytes, for the manifest hash
}

// Colours is the branding palette, as "#RRGGBB".
type Colours struct {
	Accent string `yaml:"accent"`
}

// RAGLevel is one level of the RAG scale.
type RAGLevel struct {
	Code    string   `yaml:"code"` // R, A, G, B
	Label   string   `yaml:"label"`
	Meaning string   `yaml:"meaning"`
	Colour  string   `yaml:"colour"`
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

// Meetings holds the details printed on each paper's title block.
type Meetings struct {
	Board    Meeting `yaml:"board"`
	Scrutiny Meeting `yaml:"scrutiny"`
	Cabinet  Meeting `yaml:"cabinet"`
}

// Meeting is one meeting's name, date and the officer presenting.
type Meeting struct {
	Name     string `yaml:"name"`
	Date     Date   `yaml:"date"`
	ReportBy string `yaml:"report_by"`
}

// Date is a calendar date written as YYYY-MM-DD in the config.
type Date struct{ time.Time }

// UnmarshalYAML parses YYYY-MM-DD.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(n.Value))
	if err != nil {
		return fmt.Errorf("line %d: date %q is not YYYY-MM-DD", n.Line, n.Value)
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
		Colours:        Colours{Accent: "#1F3864"},
		RAG: []RAGLevel{
			{Code: "B", Label: "Blue", Meaning: "Complete", Colour: "#1F5FAD", Aliases: []string{"complete", "completed"}},
			{Code: "G", Label: "Green", Meaning: "On track", Colour: "#2E7D32"},
			{Code: "A", Label: "Amber", Meaning: "At risk", Colour: "#F2A900"},
			{Code: "R", Label: "Red", Meaning: "Off track", Colour: "#C62828"},
			{Code: "NR", Label: "Not rated", Meaning: "Not yet rated", Colour: "#BDBDBD"},
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
// error when optional is true.
func Load(path string, optional bool) (Config, error) {
	c := Default()
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && optional {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("read config: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	var file Config
	if err := dec.Decode(&file); err != nil {
		return c, fmt.Errorf("%s: %w", path, err)
	}
	c.merge(file)
	c.Path = path
	c.Raw = raw
	if c.Logo != "" {
		lp := c.Logo
		if !filepath.IsAbs(lp) {
			lp = filepath.Join(filepath.Dir(path), lp)
		}
		b, err := os.ReadFile(lp)
		if err != nil {
			return c, fmt.Errorf("%s: logo: %w", path, err)
		}
		if err := checkLogo(b); err != nil {
			return c, fmt.Errorf("%s: logo %s: %w", path, c.Logo, err)
		}
		c.LogoData = b
	}
	return c, c.validate(path)
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
	set(&c.Colours.Accent, f.Colours.Accent)
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
	c.Headers = f.Headers
	c.Files = f.Files
}

func mergeMeeting(dst *Meeting, m Meeting) {
	if m.Name != "" {
		dst.Name = m.Name
	}
	if !m.Date.IsZero() {
		dst.Date = m.Date
	}
	if m.ReportBy != "" {
		dst.ReportBy = m.ReportBy
	}
}

func (c *Config) validate(path string) error {
	var errs []error
	if rgb, err := ParseColour(c.Colours.Accent); err != nil {
		errs = append(errs, fmt.Errorf("%s: colours.accent: %w", path, err))
	} else if r := ContrastWithWhite(rgb); r < 4.5 {
		// The accent colours headings on white and table headers under
		// white text: both need WCAG AA contrast.
		errs = append(errs, fmt.Errorf("%s: colours.accent %s has a contrast of %.1f:1 with white; choose a darker colour (4.5:1 or more)", path, c.Colours.Accent, r))
	}
	for i, l := range c.RAG {
		if l.Code == "" || l.Label == "" {
			errs = append(errs, fmt.Errorf("%s: rag[%d]: code and label are required", path, i))
		} else if _, ok := record.RAGFromCode(l.Code); !ok {
			errs = append(errs, fmt.Errorf("%s: rag[%d]: code %q is not one of B, G, A, R, NR (labels, meanings, colours and aliases are yours to set)", path, i, l.Code))
		}
		if _, err := ParseColour(l.Colour); err != nil {
			errs = append(errs, fmt.Errorf("%s: rag[%d] (%s): %w", path, i, l.Code, err))
		}
	}
	if c.Targets.Caseload < 0 {
		errs = append(errs, fmt.Errorf("%s: targets.caseload must not be negative", path))
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

// Luminance is a colour's WCAG relative luminance, from 0 (black) to 1.
func Luminance(rgb [3]uint8) float64 {
	lum := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lum(rgb[0]) + 0.7152*lum(rgb[1]) + 0.0722*lum(rgb[2])
}

// ContrastWithWhite is the WCAG contrast ratio of a colour against white.
func ContrastWithWhite(rgb [3]uint8) float64 { return 1.05 / (Luminance(rgb) + 0.05) }

// ParseColour parses "#RRGGBB".
func ParseColour(s string) ([3]uint8, error) {
	var rgb [3]uint8
	if len(s) != 7 || s[0] != '#' {
		return rgb, fmt.Errorf("colour %q is not #RRGGBB", s)
	}
	for i := range 3 {
		var v uint8
		if _, err := fmt.Sscanf(s[1+2*i:3+2*i], "%02x", &v); err != nil {
			return rgb, fmt.Errorf("colour %q is not #RRGGBB", s)
		}
		rgb[i] = v
	}
	return rgb, nil
}
