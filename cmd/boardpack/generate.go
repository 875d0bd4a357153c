package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"github.com/boardpack/boardpack/internal/manifest"
	"github.com/boardpack/boardpack/internal/pipeline"
	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/reports"
)

// inputFlags are the options generate and validate share.
type inputFlags struct {
	data, period, config, passwordEnv string
}

func (f *inputFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.data, "data", "", "")
	fs.StringVar(&f.period, "period", "latest", "")
	fs.StringVar(&f.config, "config", "", "")
	fs.StringVar(&f.passwordEnv, "password-env", "", "")
}

// prepare resolves the shared options into a pipeline setup, their paths
// against env.Dir. templates and exclude are paths already resolved;
// exclude is a folder the run writes into, never to be read as data.
func (f *inputFlags) prepare(env Env, now time.Time, templates, exclude string, meeting time.Time) (*pipeline.Setup, error) {
	if f.data == "" {
		return nil, usageErr("--data is required: the folder of exports (for example --data sample-data)")
	}
	pw, err := password(env, f.passwordEnv)
	if err != nil {
		return nil, err
	}
	s, err := pipeline.Prepare(pipeline.Options{Data: env.path(f.data), Config: env.path(f.config), Period: f.period, Today: now,
		Password: pw, Templates: templates, Exclude: exclude, Meeting: meeting})
	if err != nil && pipeline.KindOf(err) == pipeline.Usage && strings.HasPrefix(err.Error(), "period") {
		return nil, usageErr("--%w", err)
	}
	return s, err
}

type generateFlags struct {
	in             inputFlags
	out            string
	report         string
	classification string
	keepGoing      bool
	templates      string
	quiet          bool
	logFormat      string
	ifChanged      bool
	lockWait       time.Duration
	filter         []string
	final          bool
	meeting        string
	format         string
}

func runGenerate(ctx context.Context, env Env, args []string, stdout, stderr io.Writer) error {
	var g generateFlags
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	g.in.register(fs)
	fs.StringVar(&g.out, "out", "out", "")
	fs.StringVar(&g.report, "report", "", "")
	fs.StringVar(&g.classification, "classification", "open", "")
	fs.BoolVar(&g.keepGoing, "keep-going", false, "")
	fs.StringVar(&g.templates, "templates", "", "")
	fs.BoolVar(&g.quiet, "quiet", false, "")
	fs.StringVar(&g.logFormat, "log-format", "text", "")
	fs.BoolVar(&g.ifChanged, "if-changed", false, "")
	fs.DurationVar(&g.lockWait, "lock-wait", 0, "")
	fs.Func("filter", "", func(s string) error { g.filter = append(g.filter, s); return nil })
	fs.BoolVar(&g.final, "final", false, "")
	fs.StringVar(&g.meeting, "meeting", "", "")
	fs.StringVar(&g.format, "format", "pdf", "")
	if err := parseFlags(fs, "generate", args, stdout); err != nil {
		return err
	}
	g.out, g.templates = env.path(g.out), env.path(g.templates)
	log, err := logger(stderr, g.logFormat, g.quiet)
	if err != nil {
		return err
	}
	exempt := false
	switch g.classification {
	case "open":
	case "exempt":
		exempt = true
	default:
		return usageErr("--classification %q: use open or exempt", g.classification)
	}
	reportList := g.report
	if reportList == "" {
		// Every paper; an exempt run adds the Part 2 appendix of the
		// confidential actions.
		reportList = "cabinet,scrutiny,board,appendix"
		if exempt {
			reportList += ",exempt-appendix"
		}
	}
	kinds, err := pipeline.ParseKinds(reportList)
	if err != nil {
		return usageErr("--report: %v", err)
	}
	now, err := today(env)
	if err != nil {
		return err
	}
	wantHTML := false
	for _, f := range strings.Split(g.format, ",") {
		switch strings.TrimSpace(f) {
		case "pdf":
		case "html":
			wantHTML = true
		default:
			return usageErr("--format %q: use pdf, or pdf,html for the HTML companion too", g.format)
		}
	}
	var meeting time.Time
	if g.meeting != "" {
		if meeting, err = time.Parse("2006-01-02", g.meeting); err != nil {
			return usageErr("--meeting %q: give the meeting's date as YYYY-MM-DD", g.meeting)
		}
	}
	setup, err := g.in.prepare(env, now, g.templates, g.out, meeting)
	if err != nil {
		return err
	}
	filter, err := reports.ParseFilter(g.filter, setup.Words)
	if err != nil {
		return usageErr("--filter: %v", err)
	}

	lock, err := lockOut(g.out, g.lockWait, now)
	if err != nil {
		return err
	}
	defer lock.Release()

	snap, err := setup.Read()
	if err != nil {
		return err
	}
	// The period as resolved now: "previous" names a different month each
	// month, and a run for a new month is never "unchanged".
	period := g.in.period
	if !setup.Until.IsZero() {
		period = setup.Until.String()
	}
	man := setup.Manifest(snap, buildVersion(), []string{"period=" + period, "report=" + reportList,
		"classification=" + g.classification, fmt.Sprintf("keep-going=%t", g.keepGoing), "filter=" + filter.String(),
		fmt.Sprintf("final=%t", g.final), "meeting=" + g.meeting, "format=" + g.format})
	if g.ifChanged {
		prev, err := manifest.Read(g.out)
		if err != nil {
			log.Warn("cannot read the last manifest; generating", "err", err)
		}
		if prev.SameInputs(man) && prev.OutputsIntact(g.out) {
			log.Info("inputs unchanged since the last run; nothing to do", "manifest", filepath.Join(g.out, manifest.Name))
			return nil
		}
	}

	run, err := setup.Load(ctx, snap)
	if err != nil {
		return err
	}
	logProblems(log, stderr, g.logFormat, g.quiet, run.Quality)
	if err := checkData(run, g.keepGoing, "papers"); err != nil {
		return err
	}
	papers, err := run.Papers(ctx, pipeline.Request{Kinds: kinds, Exempt: exempt, Filter: g.filter, KeepGoing: g.keepGoing, Final: g.final, HTML: wantHTML})
	if err != nil {
		if pipeline.KindOf(err) == pipeline.Usage && len(g.filter) > 0 {
			return usageErr("--filter: %v", err)
		}
		if g.final && pipeline.KindOf(err) == pipeline.Data {
			return &pipeline.Error{Kind: pipeline.Data, Err: fmt.Errorf("--final: %w; no papers written", err)}
		}
		return err
	}
	for _, p := range papers {
		for _, n := range p.Notices {
			log.Warn(n)
		}
		if len(p.Document.Draft) > 0 {
			log.Warn(fmt.Sprintf("the %s paper is a DRAFT: its narrative lacks %s", p.Kind, strings.Join(p.Document.Draft, "; ")))
		}
	}
	for _, n := range run.Notices {
		log.Warn(n)
	}

	man.Period = run.Month.String()
	files := make([]outFile, 0, len(papers)+1)
	for _, p := range papers {
		files = append(files, outFile{name: p.Name, data: p.PDF})
		man.Outputs = append(man.Outputs, manifest.Output{Report: string(p.Kind), Path: p.Name, SHA256: manifest.Sum(p.PDF), Pages: p.Pages, Bytes: len(p.PDF)})
		if p.HTML != nil {
			files = append(files, outFile{name: p.HTMLName(), data: p.HTML})
			man.Outputs = append(man.Outputs, manifest.Output{Report: string(p.Kind), Path: p.HTMLName(), SHA256: manifest.Sum(p.HTML), Bytes: len(p.HTML)})
		}
	}
	b, err := man.Encode()
	if err != nil {
		return pipeline.Wrap(pipeline.IO, err)
	}
	// The manifest goes last: it never describes papers not yet in place.
	files = append(files, outFile{name: manifest.Name, data: b})
	if err := writeSet(g.out, files); err != nil {
		return pipeline.Wrap(pipeline.IO, err)
	}
	for _, p := range papers {
		log.Info("wrote paper", "report", string(p.Kind), "path", filepath.Join(g.out, p.Name), "pages", p.Pages, "bytes", len(p.PDF), "took_ms", p.Took.Milliseconds())
	}
	return nil
}

// logProblems logs every data error, one line each; the warnings grouped,
// one line for each kind (thirty "TBC" due dates are one line with the
// count and the first cells; validate lists each); and the boardpack.yaml
// lines that would read what could not be read.
func logProblems(log *slog.Logger, stderr io.Writer, format string, quiet bool, q quality.Report) {
	for _, p := range q.Problems {
		if p.Severity != quality.Error {
			continue
		}
		if format == "json" {
			log.Error("data error", "file", p.File, "sheet", p.Sheet, "cell", p.Cell, "value", p.Value, "problem", p.Message)
		} else {
			// One plain line per problem, unescaped, for the person who
			// fixes the spreadsheet.
			fmt.Fprintf(stderr, "error: %s\n", p)
		}
	}
	if !quiet {
		for _, g := range q.Grouped(quality.Warning) {
			if format == "json" {
				log.Warn("data warning", "count", len(g.Problems), "first", g.Cells(3), "problem", g.Problems[0].Message)
				continue
			}
			fmt.Fprintf(stderr, "warning: %s\n", groupLine(g))
		}
	}
	if hidden := q.Hidden(); len(hidden) > 0 && !quiet {
		// Hidden on purpose, as a rule (an old copy, a list of choices):
		// said, not warned of, so that no sheet is passed over unseen.
		if format == "json" {
			log.Info("hidden sheets not read", "sheets", hidden)
		} else {
			fmt.Fprintf(stderr, "note: %d hidden %s not read (unhide a sheet to read it): %s\n", len(hidden), plural(len(hidden), "sheet", "sheets"), listSome(hidden, 3))
		}
	}
	if fix := q.SuggestedConfig(); fix != "" {
		if format == "json" {
			log.Error("boardpack.yaml lines that would read what could not be read; review them, then add them", "yaml", fix)
		} else {
			fmt.Fprintf(stderr, "To read what could not be read, review these lines and add them to boardpack.yaml:\n%s", indent(fix))
		}
	}
}

// checkData refuses data with errors, unless keepGoing asks to go on
// without the rows concerned; it suggests --keep-going only when it would
// help. what names the output not written: "papers", "pack".
func checkData(run *pipeline.Run, keepGoing bool, what string) error {
	n := run.Quality.Errors()
	if n == 0 || keepGoing {
		return nil
	}
	if err := run.CheckData(true); err != nil {
		return err // errors --keep-going cannot pass
	}
	return &pipeline.Error{Kind: pipeline.Data, Err: fmt.Errorf("%d %s in the data; no %s written (fix them, or use --keep-going to exclude those rows)", n, plural(n, "error", "errors"), what)}
}

// listSome joins the first n of items, with how many more.
func listSome(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:n], ", ") + fmt.Sprintf(" and %d more (boardpack validate lists each)", len(items)-n)
}

// groupLine is one log line for a group of warnings: the problem itself
// when alone, else how many, what they say and where the first are.
func groupLine(g quality.Group) string {
	p := g.Problems[0]
	n := len(g.Problems)
	if n == 1 {
		return p.String()
	}
	msg := p.Message
	if len(g.Values) > 1 {
		msg += " (also " + strings.Join(g.Values[1:min(len(g.Values), 4)], ", ")
		if len(g.Values) > 4 {
			msg += ", ..."
		}
		msg += ")"
	}
	at := strings.Join(g.Cells(3), ", ")
	if n > 3 {
		at += fmt.Sprintf(" and %d more", n-3)
	}
	return fmt.Sprintf("%d × %s; at %s (boardpack validate lists each)", n, msg, at)
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = "    " + l
	}
	return strings.Join(lines, "\n") + "\n"
}

func logger(w io.Writer, format string, quiet bool) (*slog.Logger, error) {
	level := slog.LevelInfo
	if quiet {
		level = slog.LevelError
	}
	opts := &slog.HandlerOptions{Level: level, ReplaceAttr: dropTime}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, usageErr("--log-format %q: use text or json", format)
}

// dropTime removes the time from log lines: cron and systemd add their own.
func dropTime(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 && a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}
