// Package pipeline is boardpack as a library: the one path from a data
// folder to finished papers. The command line, the tests and the benchmarks
// all go through it, so they all make the same papers.
//
//	setup, err := pipeline.Prepare(opts)      // options resolved once: config, period, templates
//	snap, err := setup.Read()                 // the data folder read once, hashed
//	run, err := setup.Load(ctx, snap)         // records, data-quality report, measures
//	papers, err := run.Papers(ctx, request)   // documents built and rendered
//
// Errors carry a Kind (config, data, usage, input/output) so that a caller
// can tell them apart without reading messages; they speak of the data and
// the config, never of command-line flags.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/boardpack/boardpack/internal/config"
	"github.com/boardpack/boardpack/internal/manifest"
	"github.com/boardpack/boardpack/internal/measure"
	"github.com/boardpack/boardpack/internal/narrative"
	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/internal/record"
	"github.com/boardpack/boardpack/internal/vocab"
	"github.com/boardpack/boardpack/internal/xlsx"
	"github.com/boardpack/boardpack/reports"
	"github.com/boardpack/boardpack/templates"
)

// Options are what a run is asked to do, as given.
type Options struct {
	Data      string    // the data folder
	Config    string    // config file; "" for boardpack.yaml in the data folder, if there is one
	Period    string    // "latest" (or ""), "previous", or "YYYY-MM"
	Today     time.Time // the date "previous" counts back from
	Password  string    // opens encrypted workbooks
	Templates string    // a folder of edited templates; "" for the built-in ones
	Exclude   string    // a folder inside the data folder not to read (the output folder)
	// Meeting is the date of the meeting the papers are for; zero means
	// each body's next meeting after the period, from its calendar.
	Meeting time.Time
}

// Setup is Options resolved once: the config loaded and checked, the
// reporting month worked out, the templates loaded and checked, and the
// words of the RAG scale built.
type Setup struct {
	Options   Options
	Config    config.Config
	Until     record.Month // the reporting month asked for; zero for the newest month folder
	Templates reports.Templates
	Words     *vocab.Words

	templateFiles []manifest.File
	headers       map[string]string
}

// Prepare resolves opts. It reads the config and the templates but no
// data.
func Prepare(opts Options) (*Setup, error) {
	s := &Setup{Options: opts}
	if opts.Data == "" {
		return nil, usage(errors.New("no data folder given"))
	}
	if st, err := os.Stat(opts.Data); err != nil || !st.IsDir() {
		return nil, ioError(fmt.Errorf("data folder %s: not a folder", opts.Data))
	}
	var err error
	if s.Until, err = resolvePeriod(opts.Period, opts.Today); err != nil {
		return nil, usage(err)
	}
	path, optional := opts.Config, false
	if path == "" {
		path, optional = filepath.Join(opts.Data, "boardpack.yaml"), true
	}
	if s.Config, err = config.Load(path, optional); err != nil {
		return nil, Wrap(KindOf(err), err)
	}
	if s.headers, err = headerMap(s.Config); err != nil {
		return nil, err
	}
	s.Words = vocab.Standard()
	for w, r := range s.Config.RAGWords() {
		s.Words.AddRAG(w, r)
	}
	for _, w := range s.Config.Vocabulary.RAG {
		r, _ := vocab.RAGTarget(w.Means) // checked when the config was read
		s.Words.AddRAG(w.Word, r)
	}
	for _, w := range s.Config.Vocabulary.Status {
		st, _ := vocab.StatusTarget(w.Means)
		s.Words.AddStatus(w.Word, st)
	}
	load := builtinTemplates
	if opts.Templates != "" {
		st, err := os.Stat(opts.Templates)
		if err != nil || !st.IsDir() {
			return nil, ioError(fmt.Errorf("templates folder %s: not a folder", opts.Templates))
		}
		snap, err := snapshotFiles(opts.Templates)
		if err != nil {
			return nil, ioError(err)
		}
		s.templateFiles = snap.Files()
		load = func() (reports.Templates, error) { return reports.LoadTemplates(snap.FS()) }
	}
	if s.Templates, err = load(); err != nil {
		return nil, Wrap(KindOf(err), err)
	}
	return s, nil
}

// builtinTemplates are the embedded templates, read once a process: they
// cannot change while it runs, and the papers only read them, so the many
// runs of a test binary (or a server) share one reading.
var builtinTemplates = sync.OnceValues(func() (reports.Templates, error) {
	return reports.LoadTemplates(templates.FS)
})

// resolvePeriod reads a period: latest (zero: the newest month folder),
// previous (the month before today), or YYYY-MM.
func resolvePeriod(p string, today time.Time) (record.Month, error) {
	switch p {
	case "", "latest":
		return record.Month{}, nil
	case "previous":
		if today.IsZero() {
			return record.Month{}, errors.New(`period "previous" needs today's date`)
		}
		return record.MonthOf(today).Add(-1), nil
	}
	m, err := record.ParseMonth(p)
	if err != nil {
		return m, fmt.Errorf("period: %w (or latest, or previous)", err)
	}
	return m, nil
}

// headerMap checks the config's extra header spellings and returns them
// for the reader, each naming a column it knows.
func headerMap(c config.Config) (map[string]string, error) {
	out := map[string]string{}
	var errs []error
	for _, h := range c.Headers {
		if _, ok := xlsx.FieldName(h.Field); !ok {
			errs = append(errs, &config.Error{File: c.Path, Line: h.Line, Key: "headers." + h.Heading,
				Msg: fmt.Sprintf("%q is not a column boardpack knows (for example: priority area, lead, due date, progress rag, status, or ignore)", h.Field)})
			continue
		}
		out[h.Heading] = h.Field
	}
	if err := errors.Join(errs...); err != nil {
		return nil, configError(err)
	}
	return out, nil
}

// Read reads the data folder once into memory, with every input file's
// hash.
func (s *Setup) Read() (*Snapshot, error) {
	snap, err := snapshot(s.Options.Data, s.Options.Exclude, inputExts)
	if err != nil {
		return nil, ioError(err)
	}
	return snap, nil
}

// snapshotFiles reads the templates of a templates folder.
func snapshotFiles(dir string) (*Snapshot, error) {
	return snapshot(dir, "", map[string]bool{".yaml": true, ".yml": true})
}

// Manifest returns the record of what a run with these options reads: the
// inputs of snap, the config and logo, the templates, the version and the
// options that change the output.
func (s *Setup) Manifest(snap *Snapshot, version string, options []string) *manifest.Manifest {
	m := &manifest.Manifest{Version: version, Options: options, Inputs: append([]manifest.File(nil), snap.Files()...)}
	if c := s.Config; c.Path != "" {
		m.Config = &manifest.File{Path: filepath.ToSlash(c.Path), SHA256: manifest.Sum(c.Raw), Bytes: int64(len(c.Raw))}
		if len(c.LogoData) > 0 {
			m.Inputs = append(m.Inputs, manifest.File{Path: "logo:" + c.Logo, SHA256: manifest.Sum(c.LogoData), Bytes: int64(len(c.LogoData))})
		}
	}
	m.Templates = s.templateFiles
	return m
}

// Run is a data folder loaded: its records, the data-quality report and,
// when the reporting month has a tracker, the measures.
type Run struct {
	Setup   *Setup
	Data    record.Data
	Quality quality.Report
	Month   record.Month
	Results measure.Results
	// Notices are cautions about the figures (some older than the month)
	// and the narrative (a line naming a confidential action, a count the
	// tracker contradicts) for the log.
	Notices []string
	// narrativeNotices are cautions about the narrative, for the log.
	narrativeNotices []string
	// Narrative is the officers' narrative for the month, from
	// narrative.md in its folder; nil when the month has none.
	Narrative *narrative.Narrative

	measured error // why Results are missing, nil when they are there
}

// Load reads the workbooks of snap and computes the measures. Problems in
// the data are in Run.Quality, not the error; the error is for a folder
// that cannot be read at all.
func (s *Setup) Load(ctx context.Context, snap *Snapshot) (*Run, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	name := filepath.Base(filepath.Clean(s.Options.Data))
	data, rep, err := xlsx.Read(snap.FS(), xlsx.Options{Until: s.Until, Password: s.Options.Password, Headers: s.headers, Words: s.Words, Name: name})
	if err != nil {
		return nil, dataError(err)
	}
	r := &Run{Setup: s, Data: data, Quality: rep, Month: data.Month}
	r.loadNarrative(snap)
	if len(data.Periods) == 0 {
		r.measured = dataError(fmt.Errorf("no improvement-plan tracker could be read from %s", s.Options.Data))
		return r, nil
	}
	r.Results, err = measure.Compute(data, r.Month, s.Settings())
	if err != nil {
		r.measured = dataError(err)
		return r, nil
	}
	r.Notices = append(slices.Clip(r.Results.Notices), r.narrativeNotices...)
	r.Notices = append(r.Notices, reports.NarrativeCounts(r.Narrative, r.Results.Plan.Areas)...)
	file := r.Month.String()
	if p := data.Periods[len(data.Periods)-1]; len(p.Actions) > 0 {
		file = p.Actions[0].Loc.File
	}
	for _, msg := range r.Results.Stale {
		r.Quality.Problems = append(r.Quality.Problems, quality.Problem{Severity: quality.Warning, File: file, Message: msg})
	}
	r.checkNarrativeCopy(snap)
	r.checkNarrativeAreas()
	return r, nil
}

// checkNarrativeAreas warns of commentary under an area heading that names
// no priority area of the plan: the papers place it nowhere.
func (r *Run) checkNarrativeAreas() {
	if r.Narrative == nil {
		return
	}
	var areas []string
	for _, a := range r.Results.Plan.Areas {
		areas = append(areas, a.Name)
	}
	for _, name := range r.Narrative.AreaNames() {
		if _, ok := r.Narrative.Area(name); !ok || slices.ContainsFunc(areas, func(a string) bool {
			return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(name))
		}) {
			continue
		}
		r.Quality.Problems = append(r.Quality.Problems, quality.Problem{Severity: quality.Warning, File: r.Narrative.File,
			Message: fmt.Sprintf("the heading %q names no priority area of the plan (its areas are: %s); its text is not used", name, strings.Join(areas, "; ")), Effect: quality.TextNotUsed})
	}
}

// Settings are the targets the measures are judged against, from the
// config.
func (s *Setup) Settings() measure.Settings {
	return measure.Settings{CaseloadTarget: s.Config.Targets.Caseload, KPITolerance: s.Config.Targets.KPITolerance}
}

// loadNarrative reads the reporting month's narrative.md: in the month's
// folder, or at the top of a flat folder. Never another month's.
func (r *Run) loadNarrative(snap *Snapshot) {
	if r.Month.IsZero() {
		return
	}
	folder := "."
	if st, err := fs.Stat(snap.FS(), r.Month.String()); err == nil && st.IsDir() {
		folder = r.Month.String()
	}
	// narrative.md in any case (Windows keeps "Narrative.md" as typed);
	// another Markdown file there is named, never passed over in silence.
	entries, _ := fs.ReadDir(snap.FS(), folder)
	name := narrativeFile(entries, folder)
	for _, e := range entries {
		if e.IsDir() || !strings.EqualFold(path.Ext(e.Name()), ".md") || path.Join(folder, e.Name()) == name {
			continue
		}
		r.Quality.Problems = append(r.Quality.Problems, quality.Problem{Severity: quality.Warning, File: path.Join(folder, e.Name()),
			Message: "not read: the month's narrative is read from " + narrative.FileName, Effect: quality.FileNotRead})
	}
	if name == "" {
		return
	}
	src, err := fs.ReadFile(snap.FS(), name)
	if err != nil {
		return
	}
	// Saved from Windows, the narrative may be Windows-1252 or UTF-16:
	// its quotes and dashes would otherwise print as "?".
	if src, err = xlsx.DecodeText(src); err != nil {
		r.Quality.Problems = append(r.Quality.Problems, quality.Problem{Severity: quality.Warning, File: name, Effect: quality.FileNotRead, Message: err.Error()})
		return
	}
	r.Narrative = narrative.Parse(name, src)
	for _, msg := range r.Narrative.Problems {
		p := quality.Problem{Severity: quality.Warning, File: name, Message: strings.TrimPrefix(msg, name+": ")}
		if strings.HasSuffix(p.Message, "its text is not used") {
			p.Effect = quality.TextNotUsed
		}
		r.Quality.Problems = append(r.Quality.Problems, p)
	}
	// For the log alone: in the Board paper's data-quality note it would
	// tell the public which reference is confidential.
	if n := len(r.Data.Periods); n > 0 && r.Data.Periods[n-1].Month == r.Month {
		for _, line := range linesNamingConfidential(src, r.Data.Periods[n-1].Actions) {
			r.narrativeNotices = append(r.narrativeNotices, fmt.Sprintf("%s: line %d names the reference of an action marked confidential, and Open papers print the narrative as written: reword it, or keep it for the exempt papers", name, line))
		}
	}
}

// linesNamingConfidential returns the lines of a narrative that name the
// reference of a confidential action as a word of its own ("WF-15", not
// "WF-150"). References without a letter and a digit ("1", "A") are
// words any text has, and are not looked for.
func linesNamingConfidential(src []byte, actions []record.Action) []int {
	var refs []string
	for _, a := range actions {
		if a.Confidential && strings.ContainsAny(a.Ref, "0123456789") && strings.IndexFunc(a.Ref, unicode.IsLetter) >= 0 {
			refs = append(refs, a.Ref)
		}
	}
	var out []int
	for i, line := range strings.Split(string(src), "\n") {
		for _, ref := range refs {
			if containsWord(line, ref) {
				out = append(out, i+1)
				break
			}
		}
	}
	return out
}

// containsWord reports whether w occurs in s with no letter or digit
// either side of it, in any case.
func containsWord(s, w string) bool {
	ls, lw := strings.ToLower(s), strings.ToLower(w)
	for from := 0; ; {
		i := strings.Index(ls[from:], lw)
		if i < 0 {
			return false
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(ls[:i])
		after, _ := utf8.DecodeRuneInString(ls[i+len(lw):])
		if !isWordRune(before) && !isWordRune(after) {
			return true
		}
		from = i + 1
	}
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-')
}

// narrativeFile is the narrative among a folder's entries: narrative.md,
// else the same name in another case; "" when there is none.
func narrativeFile(entries []fs.DirEntry, folder string) string {
	name := ""
	for _, e := range entries {
		if !e.IsDir() && strings.EqualFold(e.Name(), narrative.FileName) && (name == "" || e.Name() == narrative.FileName) {
			name = path.Join(folder, e.Name())
		}
	}
	return name
}

// checkNarrativeCopy finds the narrative of the nearest earlier month that
// has one and, when the month's narrative says the same (line ends and a
// byte order mark aside), reports it as a copy not yet updated: a warning,
// and stale under --final, as an unchanged tracker is.
func (r *Run) checkNarrativeCopy(snap *Snapshot) {
	if r.Narrative == nil {
		return
	}
	root, _ := fs.ReadDir(snap.FS(), ".")
	for i := len(root) - 1; i >= 0; i-- {
		m, err := record.ParseMonth(root[i].Name())
		if !root[i].IsDir() || err != nil || !m.Before(r.Month) {
			continue
		}
		entries, _ := fs.ReadDir(snap.FS(), root[i].Name())
		prev := narrativeFile(entries, root[i].Name())
		if prev == "" {
			continue
		}
		a, _ := fs.ReadFile(snap.FS(), r.Narrative.File)
		b, _ := fs.ReadFile(snap.FS(), prev)
		if sameText(a, b) {
			msg := fmt.Sprintf("The %s narrative is identical to %s's: it may be a copy not yet updated.", r.Month.Long(), m.Long())
			r.Results.Stale = append(r.Results.Stale, msg)
			r.Quality.Problems = append(r.Quality.Problems, quality.Problem{Severity: quality.Warning, File: r.Narrative.File, Message: msg})
		}
		return
	}
}

// sameText reports whether two text files say the same, whatever their
// line ends, byte order mark or trailing blank lines.
func sameText(a, b []byte) bool {
	norm := func(s []byte) string {
		t := strings.TrimPrefix(string(s), "\ufeff")
		return strings.TrimSpace(strings.ReplaceAll(t, "\r\n", "\n"))
	}
	return norm(a) == norm(b)
}

// Open prepares opts, reads the data folder and loads it: the whole of
// Prepare, Read and Load, for callers that need no step in between.
func Open(ctx context.Context, opts Options) (*Run, error) {
	setup, err := Prepare(opts)
	if err != nil {
		return nil, err
	}
	snap, err := setup.Read()
	if err != nil {
		return nil, err
	}
	return setup.Load(ctx, snap)
}
