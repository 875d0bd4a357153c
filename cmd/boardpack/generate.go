package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/boardpack/boardpack/internal/config"
	"github.com/boardpack/boardpack/internal/lockfile"
	"github.com/boardpack/boardpack/internal/manifest"
	"github.com/boardpack/boardpack/internal/measure"
	"github.com/boardpack/boardpack/internal/pdf"
	"github.com/boardpack/boardpack/internal/record"
	"github.com/boardpack/boardpack/internal/xlsx"
	"github.com/boardpack/boardpack/reports"
	"github.com/boardpack/boardpack/templates"
)

// inputFlags are the flags generate and validate share.
type inputFlags struct {
	data        string
	period      string
	configPath  string
	passwordEnv string
}

func (f *inputFlags) register(flags *flag.FlagSet) {
	flags.StringVar(&f.data, "data", "sample-data", "data `folder`: YYYY-MM month folders, or one month's workbooks")
	flags.StringVar(&f.period, "period", "latest", "reporting month: YYYY-MM, latest (the newest month folder) or previous (the month before today)")
	flags.StringVar(&f.configPath, "config", "", "config `file` (default: boardpack.yaml in the data folder, if any)")
	flags.StringVar(&f.passwordEnv, "password-env", "", "environment variable `NAME` holding the password of encrypted workbooks")
}

// loaded is the input read from a data folder.
type loaded struct {
	cfg    config.Config
	data   record.Data
	report xlsx.Report
	month  record.Month
}

// until resolves --period: latest (zero: the newest month folder), previous
// (the month before today, from the clock), or YYYY-MM.
func (f *inputFlags) until(now time.Time) (record.Month, error) {
	switch f.period {
	case "latest":
		return record.Month{}, nil
	case "previous":
		return record.MonthOf(now).Add(-1), nil
	}
	m, err := record.ParseMonth(f.period)
	if err != nil {
		return m, usageErr("--period: %v (or latest, or previous)", err)
	}
	return m, nil
}

// config loads --config, or boardpack.yaml in the data folder if there is one.
func (f *inputFlags) config() (config.Config, error) {
	path, optional := f.configPath, false
	if path == "" {
		path, optional = filepath.Join(f.data, "boardpack.yaml"), true
	}
	c, err := config.Load(path, optional)
	if err != nil {
		return c, withCode(exitData, err)
	}
	return c, nil
}

// ragScale is the standard RAG words plus the config's labels and aliases.
func ragScale(c config.Config) xlsx.RAGScale {
	sc := xlsx.DefaultRAGScale()
	for w, r := range c.RAGWords() {
		sc[w] = r
	}
	return sc
}

func (f *inputFlags) checkData() error {
	if st, err := os.Stat(f.data); err != nil || !st.IsDir() {
		return withCode(exitIO, fmt.Errorf("--data %s: not a folder", f.data))
	}
	return nil
}

func (f *inputFlags) load(now time.Time) (loaded, error) {
	var l loaded
	until, err := f.until(now)
	if err != nil {
		return l, err
	}
	pw, err := password(f.passwordEnv)
	if err != nil {
		return l, err
	}
	if err := f.checkData(); err != nil {
		return l, err
	}
	if l.cfg, err = f.config(); err != nil {
		return l, err
	}
	l.data, l.report, err = xlsx.ReadFolder(f.data, xlsx.Options{Until: until, Password: pw, Headers: l.cfg.Headers, RAG: ragScale(l.cfg)})
	if err != nil {
		return l, withCode(exitIO, err)
	}
	l.month = l.data.Month
	return l, nil
}

func runGenerate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := newFlagSet("generate", stderr)
	var in inputFlags
	in.register(flags)
	out := flags.String("out", "out", "output `folder` for the papers")
	report := flags.String("report", "cabinet,scrutiny,board,appendix", "papers to write, comma-separated")
	classification := flags.String("classification", "open", "open, or exempt to include confidential actions and mark every page NOT FOR PUBLICATION")
	keepGoing := flags.Bool("keep-going", false, "write the papers even when rows have errors; excluded rows are listed in the Board paper's data-quality note")
	tmplDir := flags.String("templates", "", "use the templates in `folder` instead of the built-in ones")
	quiet := flags.Bool("quiet", false, "log errors only")
	logFormat := flags.String("log-format", "text", "log format on stderr: text or json")
	ifChanged := flags.Bool("if-changed", false, "do nothing when the inputs, config, templates and version match the manifest of the last run")
	lockWait := flags.Duration("lock-wait", 0, "how long to wait for another run to release the output folder (0: do not wait)")
	var filterTerms []string
	flags.Func("filter", "select the appendix's actions: area=NAME, rag=R|A|G|B, status=STATUS, lead=TEXT or overdue (repeat the flag; same key: any, different keys: all)", func(s string) error {
		filterTerms = append(filterTerms, s)
		return nil
	})
	if err := parse(flags, args); err != nil {
		return err
	}
	log, err := logger(stderr, *logFormat, *quiet)
	if err != nil {
		return err
	}
	var kinds []reports.Kind
	for _, s := range strings.Split(*report, ",") {
		k, err := reports.ParseKind(strings.TrimSpace(s))
		if err != nil {
			return withCode(exitUsage, fmt.Errorf("--report: %w", err))
		}
		kinds = append(kinds, k)
	}
	exempt := false
	switch *classification {
	case "open":
	case "exempt":
		exempt = true
	default:
		return usageErr("--classification %q: use open or exempt", *classification)
	}

	var tfs fs.FS = templates.FS
	if *tmplDir != "" {
		tfs = os.DirFS(*tmplDir)
	}
	now := today()
	if _, err := in.until(now); err != nil {
		return err
	}
	if err := in.checkData(); err != nil {
		return err
	}
	// The config's RAG words apply to --filter as they do to the workbooks.
	cfg, err := in.config()
	if err != nil {
		return err
	}
	filter, err := reports.ParseFilter(filterTerms, ragScale(cfg))
	if err != nil {
		return withCode(exitUsage, fmt.Errorf("--filter: %w", err))
	}

	if err := os.MkdirAll(*out, 0o755); err != nil {
		return withCode(exitIO, err)
	}
	lock, err := lockfile.Acquire(*out, *lockWait, now)
	if errors.Is(err, lockfile.ErrHeld) {
		return withCode(exitLock, err)
	}
	if err != nil {
		return withCode(exitIO, err)
	}
	defer lock.Release()

	// The requested period as resolved now: "previous" names a different
	// month each month, and a run for a new month is never "unchanged".
	period := in.period
	if m, _ := in.until(now); !m.IsZero() {
		period = m.String()
	}
	man, err := inputManifest(in, *out, *tmplDir, []string{"period=" + period, "report=" + *report,
		"classification=" + *classification, fmt.Sprintf("keep-going=%t", *keepGoing), "filter=" + filter.String()})
	if err != nil {
		return withCode(exitIO, err)
	}
	if *ifChanged {
		prev, err := manifest.Read(*out)
		if err != nil {
			log.Warn("cannot read the last manifest; generating", "err", err)
		}
		if prev.SameInputs(man) && prev.OutputsIntact(*out) {
			log.Info("inputs unchanged since the last run; nothing to do", "manifest", filepath.Join(*out, manifest.Name))
			return nil
		}
	}

	l, err := in.load(now)
	if err != nil {
		return err
	}
	for _, p := range l.report.Problems {
		if p.Severity != xlsx.Error {
			continue
		}
		if *logFormat == "json" {
			log.Error("data error", "file", p.File, "sheet", p.Sheet, "cell", p.Cell, "value", p.Value, "problem", p.Message)
		} else {
			// One plain line per problem, unescaped, for the person who
			// fixes the spreadsheet.
			fmt.Fprintf(stderr, "error: %s\n", p)
		}
	}
	if n := l.report.Warnings(); n > 0 {
		log.Warn(fmt.Sprintf("%d %s in the data (values used as read); run boardpack validate to list them", n, plural(n, "warning", "warnings")))
	}
	if n := l.report.Errors(); n > 0 && !*keepGoing {
		return withCode(exitData, fmt.Errorf("%d %s in the data; no papers written (fix them, or use --keep-going to exclude those rows)", n, plural(n, "error", "errors")))
	}
	if len(l.data.Periods) == 0 {
		return withCode(exitData, fmt.Errorf("no improvement-plan tracker could be read from %s", in.data))
	}
	res, err := measure.Compute(l.data, l.month, measure.Settings{CaseloadTarget: l.cfg.Targets.Caseload, KPITolerance: l.cfg.Targets.KPITolerance})
	if err != nil {
		return withCode(exitData, err)
	}
	for _, n := range res.Notices {
		log.Warn(n)
	}
	if err := filter.Check(res.Plan); err != nil {
		return withCode(exitUsage, fmt.Errorf("--filter: %w", err))
	}

	// Build and render every paper before writing any, so a failure leaves
	// the output folder as it was.
	type paper struct {
		name string
		out  pdf.Output
		took time.Duration
		kind reports.Kind
	}
	// The papers are independent: build and render them at once, one
	// goroutine each, keeping their order for the manifest and the log.
	papers := make([]paper, len(kinds))
	errs := make([]error, len(kinds))
	var wg sync.WaitGroup
	for i, k := range kinds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			input := reports.Input{Results: res, Config: l.cfg, Quality: l.report, Exempt: exempt, Templates: tfs}
			if k == reports.Appendix {
				input.Filter = filter
			}
			d, err := reports.Build(k, input)
			if err != nil {
				errs[i] = fmt.Errorf("%s paper: %w", k, err)
				return
			}
			o, err := pdf.Render(d)
			if err != nil {
				errs[i] = fmt.Errorf("%s paper: %w", k, err)
				return
			}
			name := fileName(l.cfg, k, l.month)
			if k == reports.Appendix && !filter.IsZero() {
				// A one-off appendix never replaces the full action plan.
				name = strings.TrimSuffix(name, ".pdf") + "-" + filter.Slug() + ".pdf"
			}
			papers[i] = paper{name: name, out: o, took: time.Since(start), kind: k}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return withCode(exitIO, err)
	}
	if err := ctx.Err(); err != nil {
		return withCode(exitIO, err)
	}
	man.Period = l.month.String()
	files := map[string][]byte{}
	for _, p := range papers {
		files[p.name] = p.out.PDF
		man.Outputs = append(man.Outputs, manifest.Output{Report: string(p.kind), Path: p.name, SHA256: manifest.Sum(p.out.PDF), Pages: p.out.Pages, Bytes: len(p.out.PDF)})
	}
	b, err := man.Encode()
	if err != nil {
		return withCode(exitIO, err)
	}
	files[manifest.Name] = b
	if err := writeAll(*out, files); err != nil {
		return withCode(exitIO, err)
	}
	for _, p := range papers {
		log.Info("wrote paper", "report", string(p.kind), "path", filepath.Join(*out, p.name), "pages", p.out.Pages, "bytes", len(p.out.PDF), "took_ms", p.took.Milliseconds())
	}
	return nil
}

// writeAll writes every file to a synced temporary file in dir first, and
// renames them into place only when all are written, so a full disk or an
// error leaves the previous papers and manifest as they were.
func writeAll(dir string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	temps := map[string]string{}
	defer func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}()
	for _, n := range names {
		t, err := stage(filepath.Join(dir, n), files[n])
		if err != nil {
			return err
		}
		temps[n] = t
	}
	for _, n := range names {
		if err := os.Rename(temps[n], filepath.Join(dir, n)); err != nil {
			return fmt.Errorf("write %s: %w", filepath.Join(dir, n), err)
		}
		delete(temps, n)
	}
	return nil
}

// inputManifest hashes what a run reads: the workbooks under the data
// folder, the config and any custom templates, with the version and the
// options that change the output.
func inputManifest(in inputFlags, out, tmplDir string, options []string) (*manifest.Manifest, error) {
	m := &manifest.Manifest{Version: buildVersion(), Options: options}
	outAbs, _ := filepath.Abs(out)
	dataAbs, _ := filepath.Abs(in.data)
	inputs, err := manifest.HashTree(in.data, func(rel string) bool {
		if p := filepath.Join(dataAbs, rel); strings.HasPrefix(p, outAbs+string(filepath.Separator)) {
			return false
		}
		ext := strings.ToLower(filepath.Ext(rel))
		return ext == ".xlsx" || ext == ".xlsm"
	})
	if err != nil {
		return nil, fmt.Errorf("hash inputs: %w", err)
	}
	m.Inputs = inputs
	cfg := in.configPath
	if cfg == "" {
		cfg = filepath.Join(in.data, "boardpack.yaml")
	}
	if f, err := manifest.HashFile(cfg, cfg); err == nil {
		m.Config = &f
		if c, err := config.Load(cfg, true); err == nil && len(c.LogoData) > 0 {
			m.Inputs = append(m.Inputs, manifest.File{Path: "logo:" + c.Logo, SHA256: manifest.Sum(c.LogoData), Bytes: int64(len(c.LogoData))})
		}
	}
	if tmplDir != "" {
		if m.Templates, err = manifest.HashTree(tmplDir, func(string) bool { return true }); err != nil {
			return nil, fmt.Errorf("hash templates: %w", err)
		}
	}
	return m, nil
}

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = ""

func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// today is the date used for --period previous and for the lock record.
// BOARDPACK_TODAY=YYYY-MM-DD overrides the clock, for tests and for rerunning
// a missed scheduled run as if on its day.
func today() time.Time {
	if s := os.Getenv("BOARDPACK_TODAY"); s != "" {
		if t, err := time.Parse("2006-01-02", s); err == nil {
			return t
		}
	}
	return time.Now()
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

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// fileName is the paper's file name: the config's pattern for the kind, or
// "<report>-<YYYY-MM>.pdf". {period} in a pattern is replaced by YYYY-MM.
func fileName(c config.Config, k reports.Kind, m record.Month) string {
	if p, ok := c.Files[string(k)]; ok && p != "" {
		return strings.ReplaceAll(p, "{period}", m.String())
	}
	name := string(k)
	if k == reports.Board {
		name = "improvement-board"
	}
	return name + "-" + m.String() + ".pdf"
}

// writeAtomic writes b to path through a temporary file in the same folder,
// synced and then renamed, so readers see the old file or the new one,
// never half of one.
func writeAtomic(path string, b []byte) error {
	t, err := stage(path, b)
	if err != nil {
		return err
	}
	if err := os.Rename(t, path); err != nil {
		os.Remove(t)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// stage writes b to a synced temporary file beside path and returns its name.
func stage(path string, b []byte) (name string, err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			os.Remove(tmp.Name())
		}
	}()
	_, werr := tmp.Write(b)
	if werr == nil {
		werr = tmp.Sync()
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp.Name(), 0o644)
	}
	if werr != nil {
		return "", fmt.Errorf("write %s: %w", path, werr)
	}
	return tmp.Name(), nil
}

func runValidate(_ context.Context, args []string, stdout, stderr io.Writer) error {
	flags := newFlagSet("validate", stderr)
	var in inputFlags
	in.register(flags)
	format := flags.String("format", "text", "output format: text or json")
	if err := parse(flags, args); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usageErr("--format %q: use text or json", *format)
	}
	l, err := in.load(today())
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(struct {
			Period string `json:"period"`
			xlsx.Report
			Errors   int `json:"errors"`
			Warnings int `json:"warnings"`
		}{l.month.String(), l.report, l.report.Errors(), l.report.Warnings()}); err != nil {
			return withCode(exitIO, err)
		}
	} else {
		fmt.Fprintf(stdout, "Period: %s\n\n", l.month.Long())
		for _, s := range l.report.Sheets {
			fmt.Fprintf(stdout, "%s › %s: %s, header at row %d; %d rows: %d used, %d blank, %d notes, %d excluded\n",
				s.File, s.Sheet, s.Kind, s.HeaderRow, s.Rows, s.Used, s.Blank, s.Notes, s.Rejected)
		}
		for _, s := range l.report.Skipped {
			where := s.File
			if s.Sheet != "" {
				where += " › " + s.Sheet
			}
			fmt.Fprintf(stdout, "skipped %s: %s\n", where, s.Reason)
		}
		if len(l.report.Problems) > 0 {
			fmt.Fprintln(stdout)
		}
		for _, p := range l.report.Problems {
			fmt.Fprintf(stdout, "%s: %s\n", p.Severity, p)
		}
		fmt.Fprintf(stdout, "\n%d %s, %d %s\n", l.report.Errors(), plural(l.report.Errors(), "error", "errors"),
			l.report.Warnings(), plural(l.report.Warnings(), "warning", "warnings"))
	}
	if n := l.report.Errors(); n > 0 {
		return withCode(exitData, fmt.Errorf("%d %s in the data", n, plural(n, "error", "errors")))
	}
	return nil
}

func runTemplates(args []string, stdout, stderr io.Writer) error {
	if len(args) != 2 || args[0] != "export" {
		return usageErr("usage: boardpack templates export DIR")
	}
	dir := args[1]
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return withCode(exitIO, err)
	}
	entries, err := fs.ReadDir(templates.FS, ".")
	if err != nil {
		return withCode(exitIO, err)
	}
	for _, e := range entries {
		b, err := fs.ReadFile(templates.FS, e.Name())
		if err != nil {
			return withCode(exitIO, err)
		}
		if err := writeAtomic(filepath.Join(dir, e.Name()), b); err != nil {
			return withCode(exitIO, err)
		}
		fmt.Fprintln(stdout, filepath.Join(dir, e.Name()))
	}
	return nil
}
