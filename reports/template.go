package reports

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"text/template"

	"github.com/boardpack/boardpack/internal/narrative"
	"github.com/boardpack/boardpack/internal/yamlfile"
	"go.yaml.in/yaml/v3"
)

// Template is one paper's template: its title block, sections and the
// wording, as read from templates/<kind>.yaml.
type Template struct {
	File      string    `yaml:"-"`
	Title     Text      `yaml:"title"`
	Subtitle  Text      `yaml:"subtitle"`
	Subject   string    `yaml:"subject"`
	Meeting   string    `yaml:"meeting"` // board, scrutiny or cabinet: whose details go on the title block
	Numbered  bool      `yaml:"numbered"`
	Contents  bool      `yaml:"contents"`
	Fields    []Field   `yaml:"fields"`
	Sections  []Section `yaml:"sections"`
	ChartData bool      `yaml:"chart_data"` // end with an appendix of every chart's figures
	// ChartDataHeading is that appendix's heading; default "Chart data".
	ChartDataHeading string `yaml:"chart_data_heading"`
}

// Field is a title-block field.
type Field struct {
	Label string `yaml:"label"`
	Value Text   `yaml:"value"`
}

// Section is a run of blocks under a level-1 heading, starting a new page
// when NewPage or Landscape is set.
type Section struct {
	Heading   Text    `yaml:"heading"`
	NewPage   bool    `yaml:"new_page"`
	Landscape bool    `yaml:"landscape"`
	When      Cond    `yaml:"when"`
	Theme     string  `yaml:"theme"` // shown only when the config lists this scrutiny theme
	Blocks    []Block `yaml:"blocks"`
}

// Block is one element of a section; exactly one of its fields is set.
type Block struct {
	Line       int          `yaml:"-"`
	Heading    Text         `yaml:"heading"`
	P          Text         `yaml:"p"`
	Unnumbered Text         `yaml:"p_unnumbered"`
	Note       Text         `yaml:"note"`
	Bullets    []Text       `yaml:"bullets"`
	Letters    []Text       `yaml:"letters"`
	Chart      Name         `yaml:"chart"`
	Height     float64      `yaml:"height"` // a chart's height in millimetres
	Table      Name         `yaml:"table"`
	Grid       Name         `yaml:"grid"`
	Tiles      Name         `yaml:"tiles"`
	Narrative  Name         `yaml:"narrative"` // a part of the month's narrative: headline, areas, risks, decisions, voice
	Glossary   bool         `yaml:"glossary"`  // the terms of glossary.yaml the paper uses
	Static     *StaticTable `yaml:"static_table"`
	RAGKey     bool         `yaml:"rag_key"`
	PageBreak  bool         `yaml:"page_break"`
	When       Cond         `yaml:"when"`
}

// StaticTable is a table written in the template (risks, consultees).
type StaticTable struct {
	Columns []string  `yaml:"columns"`
	Widths  []float64 `yaml:"widths"`
	Rows    [][]Text  `yaml:"rows"`
}

// Text is template text with the line it was written on, for errors.
type Text struct {
	Src  string
	Line int
	tmpl *template.Template
}

// Name is a chart, table or tiles name with its line, for errors.
type Name struct {
	Name string
	Line int
}

// Cond names a condition under which a block or section appears, such as
// "overdue" (there are overdue actions); "" is always.
type Cond struct {
	Name string
	Line int
}

// UnmarshalYAML records the text and its line.
func (t *Text) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return errors.New("expected text")
	}
	t.Src, t.Line = n.Value, n.Line
	return nil
}

// UnmarshalYAML records the name and its line.
func (nm *Name) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return errors.New("expected a name")
	}
	nm.Name, nm.Line = n.Value, n.Line
	return nil
}

// UnmarshalYAML records the condition and its line.
func (c *Cond) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return errors.New("expected a condition name")
	}
	c.Name, c.Line = n.Value, n.Line
	return nil
}

// UnmarshalYAML decodes a block and records its line.
func (b *Block) UnmarshalYAML(n *yaml.Node) error {
	type plain Block
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*b = Block(p)
	b.Line = n.Line
	return nil
}

// LoadTemplate reads and checks the template for kind from fsys: YAML
// syntax, unknown keys, placeholders, and chart, table and condition names.
// Every error names the file and line.
func LoadTemplate(fsys fs.FS, kind Kind) (*Template, error) {
	file := string(kind) + ".yaml"
	raw, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, fmt.Errorf("template %s: %w", file, err)
	}
	var t Template
	if _, err := yamlfile.Decode(file, raw, &t); err != nil {
		return nil, err
	}
	t.File = file
	if err := t.check(); err != nil {
		return nil, err
	}
	return &t, nil
}

// Templates are the papers' templates and the glossary, loaded and checked
// once.
type Templates struct {
	Papers   map[Kind]*Template
	Glossary []Term
	// Accessibility is the statement a paper prints at its end when the
	// config asks for it (accessibility.yaml).
	Accessibility Statement
}

// Statement is a heading and its paragraphs, whose placeholders are
// filled from the paper's facts ({{.Contact}}).
type Statement struct {
	Heading    string `yaml:"heading"`
	Paragraphs []Text `yaml:"paragraphs"`
}

// Term is a glossary entry.
type Term struct {
	Term    string `yaml:"term"`
	Meaning string `yaml:"meaning"`
}

// LoadTemplates reads and checks every paper's template from fsys, and
// the glossary (glossary.yaml; optional in an edited copy).
func LoadTemplates(fsys fs.FS) (Templates, error) {
	out := Templates{Papers: map[Kind]*Template{}}
	var errs []error
	for _, k := range append(Kinds, ExemptAppendix) {
		t, err := LoadTemplate(fsys, k)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out.Papers[k] = t
	}
	if raw, err := fs.ReadFile(fsys, "glossary.yaml"); err == nil {
		var g struct {
			Terms []Term `yaml:"terms"`
		}
		if _, err := yamlfile.Decode("glossary.yaml", raw, &g); err != nil {
			errs = append(errs, err)
		}
		for i, t := range g.Terms {
			if strings.TrimSpace(t.Term) == "" || strings.TrimSpace(t.Meaning) == "" {
				errs = append(errs, &yamlfile.Error{File: "glossary.yaml", Key: fmt.Sprintf("terms[%d]", i), Msg: "a term needs a term and a meaning"})
			}
		}
		out.Glossary = g.Terms
	} else if !errors.Is(err, fs.ErrNotExist) {
		errs = append(errs, fmt.Errorf("glossary.yaml: %w", err))
	}
	if raw, err := fs.ReadFile(fsys, "accessibility.yaml"); err == nil {
		if _, err := yamlfile.Decode("accessibility.yaml", raw, &out.Accessibility); err != nil {
			errs = append(errs, err)
		}
		set := templateSet("accessibility.yaml")
		for i := range out.Accessibility.Paragraphs {
			if err := out.Accessibility.Paragraphs[i].parse(set, "accessibility.yaml"); err != nil {
				errs = append(errs, err)
			}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		errs = append(errs, fmt.Errorf("accessibility.yaml: %w", err))
	}
	return out, errors.Join(errs...)
}

func (t *Template) check() error {
	var errs []error
	fail := func(line int, format string, a ...any) {
		errs = append(errs, &yamlfile.Error{File: t.File, Line: line, Msg: fmt.Sprintf(format, a...)})
	}
	set := templateSet(t.File)
	parse := func(x *Text) {
		if err := x.parse(set, t.File); err != nil {
			errs = append(errs, err)
		}
	}
	cond := func(c Cond) {
		if c.Name != "" {
			if _, ok := conditions[c.Name]; !ok {
				fail(c.Line, "unknown condition %q (known: %s)", c.Name, known(conditions))
			}
		}
	}
	parse(&t.Title)
	parse(&t.Subtitle)
	for i := range t.Fields {
		parse(&t.Fields[i].Value)
	}
	for si := range t.Sections {
		s := &t.Sections[si]
		parse(&s.Heading)
		cond(s.When)
		for bi := range s.Blocks {
			b := &s.Blocks[bi]
			cond(b.When)
			for _, x := range []*Text{&b.Heading, &b.P, &b.Unnumbered, &b.Note} {
				parse(x)
			}
			for i := range b.Bullets {
				parse(&b.Bullets[i])
			}
			for i := range b.Letters {
				parse(&b.Letters[i])
			}
			if b.Static != nil {
				for r := range b.Static.Rows {
					if len(b.Static.Rows[r]) != len(b.Static.Columns) {
						fail(b.Line, "static table row %d has %d cells for %d columns", r+1, len(b.Static.Rows[r]), len(b.Static.Columns))
					}
					for c := range b.Static.Rows[r] {
						parse(&b.Static.Rows[r][c])
					}
				}
			}
			if n := b.Chart; n.Name != "" {
				if _, ok := charts[n.Name]; !ok {
					fail(n.Line, "unknown chart %q (known: %s)", n.Name, known(charts))
				}
			}
			if n := b.Grid; n.Name != "" {
				if _, ok := grids[n.Name]; !ok {
					fail(n.Line, "unknown grid %q (known: %s)", n.Name, known(grids))
				}
			}
			if n := b.Table; n.Name != "" {
				if _, ok := tables[n.Name]; !ok {
					fail(n.Line, "unknown table %q (known: %s)", n.Name, known(tables))
				}
			}
			if n := b.Tiles; n.Name != "" && n.Name != "headline" {
				fail(n.Line, "unknown tiles %q (known: headline)", n.Name)
			}
			if n := b.Narrative; n.Name != "" && !knownPart(n.Name) {
				fail(n.Line, "unknown narrative part %q (known: headline, areas, risks, decisions, voice)", n.Name)
			}
		}
	}
	return errors.Join(errs...)
}

// templateSet returns the template set the texts of one file are parsed
// into: they share its functions and options, which are set up once per
// file rather than once per text.
func templateSet(file string) *template.Template {
	return template.New(file).Funcs(funcs).Option("missingkey=error")
}

// parse readies x's placeholders, and runs them against zero facts to
// catch an unknown one now, not when the paper is half built. The error
// names file and line. A text without "{{" has no placeholders: it is
// printed as it is, with no template to parse.
func (x *Text) parse(set *template.Template, file string) error {
	if !strings.Contains(x.Src, "{{") {
		return nil
	}
	tm, err := set.New(fmt.Sprintf("%s:%d", file, x.Line)).Parse(x.Src)
	if err == nil {
		err = tm.Execute(&strings.Builder{}, Facts{})
	}
	if err != nil {
		return &yamlfile.Error{File: file, Line: x.Line, Msg: plainTemplateError(err)}
	}
	x.tmpl = tm
	return nil
}

// exec fills x's placeholders from f.
func (x Text) exec(f Facts) (string, error) {
	if x.tmpl == nil {
		return x.Src, nil
	}
	var b strings.Builder
	if err := x.tmpl.Execute(&b, f); err != nil {
		return "", err
	}
	return b.String(), nil
}

var funcs = template.FuncMap{
	// plural picks the singular or plural noun for n: {{plural .Overdue "action" "actions"}}.
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return one
		}
		return many
	},
}

var (
	reTmplPrefix  = regexp.MustCompile(`^template: [^ ]+?:\d+(?::\d+)?: (?:executing "[^"]*" at <([^>]*)>: )?`)
	reUnknownName = regexp.MustCompile(`can't evaluate field (\w+) in type`)
)

// plainTemplateError rewrites text/template's message for the people who
// edit templates: "unknown placeholder {{.Overdu}}" rather than Go's
// "executing ... can't evaluate field Overdu in type reports.Facts".
func plainTemplateError(err error) string {
	msg := err.Error()
	if m := reUnknownName.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("unknown placeholder {{.%s}} (the placeholders are listed in the README)", m[1])
	}
	loc := reTmplPrefix.FindStringSubmatch(msg)
	msg = reTmplPrefix.ReplaceAllString(msg, "")
	if loc != nil && loc[1] != "" {
		msg = fmt.Sprintf("at {{%s}}: %s", loc[1], msg)
	}
	return msg
}

func knownPart(name string) bool {
	for _, p := range narrative.Parts {
		if string(p) == name {
			return true
		}
	}
	return false
}

func (t *Template) chartDataHeading() string {
	if strings.TrimSpace(t.ChartDataHeading) != "" {
		return t.ChartDataHeading
	}
	return "Chart data"
}
