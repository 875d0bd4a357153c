package pipeline

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/boardpack/boardpack/internal/doc"
	"github.com/boardpack/boardpack/internal/html"
	"github.com/boardpack/boardpack/internal/narrative"
	"github.com/boardpack/boardpack/internal/pdf"
	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/internal/record"
	"github.com/boardpack/boardpack/reports"
)

// Request asks for papers.
type Request struct {
	Kinds     []reports.Kind
	Exempt    bool     // include confidential actions; mark every page NOT FOR PUBLICATION
	Filter    []string // terms selecting the appendix's actions ("area=SEND", "overdue")
	KeepGoing bool     // make the papers even though rows were excluded for errors
	// Final refuses papers that are not final: a paper lacking its
	// narrative (a draft), or a tracker that looks stale.
	Final bool
	// HTML also renders each paper's HTML companion.
	HTML bool
}

// Paper is one paper, built and rendered.
type Paper struct {
	Kind     reports.Kind
	Name     string // file name: "cabinet-2023-06.pdf"
	Meeting  reports.Meeting
	Document doc.Document
	PDF      []byte
	Pages    int
	HTML     []byte        // the HTML companion, when asked for
	Took     time.Duration // building and rendering
	// Notices are cautions about this paper for the log: made after its
	// publication deadline, say.
	Notices []string
}

// ParseKinds reads a comma-separated list of papers.
func ParseKinds(list string) ([]reports.Kind, error) {
	var out []reports.Kind
	for _, s := range strings.Split(list, ",") {
		k, err := reports.ParseKind(strings.TrimSpace(s))
		if err != nil {
			return nil, usage(err)
		}
		out = append(out, k)
	}
	return out, nil
}

// CheckData returns a Data error when the data has errors and the request
// does not ask to go on without the rows concerned. A sheet damaged part
// way is an error even then: the rows it stopped short of were never read,
// so no paper could name them or say what its totals leave out.
func (r *Run) CheckData(keepGoing bool) error {
	for _, p := range r.Quality.Problems {
		if p.Severity == quality.Error && p.Effect == quality.RowsNotRead {
			return dataError(fmt.Errorf("%s cannot be read to its end; no papers made, even going on past rows in error: rows never read cannot be excluded and listed", quality.Where(p.File, p.Sheet)))
		}
		if p.Severity == quality.Error && p.Effect == quality.FlagNotRead {
			return dataError(fmt.Errorf("%s: a column that speaks of confidentiality is not read; no papers made, even going on past rows in error: the actions it marks would print in Open papers", quality.Where(p.File, p.Sheet)))
		}
		if p.Severity == quality.Error && p.Effect == quality.FolderNotRead {
			return dataError(fmt.Errorf("%s is not read; no papers made, even going on past rows in error: they would report an older month as the latest", p.File))
		}
	}
	if n := r.Quality.Errors(); n > 0 && !keepGoing {
		return dataError(fmt.Errorf("%d %s in the data; no papers made (fix them, or go on without the rows concerned)", n, plural(n, "error", "errors")))
	}
	return r.measured
}

// Papers builds and renders the papers req asks for, concurrently, in the
// order asked. Nothing is written: the caller decides where they go.
func (r *Run) Papers(ctx context.Context, req Request) ([]Paper, error) {
	if err := r.CheckData(req.KeepGoing); err != nil {
		return nil, err
	}
	filter, err := reports.ParseFilter(req.Filter, r.Setup.Words)
	if err != nil {
		return nil, usage(err)
	}
	if !filter.IsZero() {
		for _, k := range req.Kinds {
			if k != reports.Appendix {
				return nil, usage(fmt.Errorf("a filter selects the actions of the one-off appendix; the %s paper always shows the whole plan (ask for the appendix alone)", k))
			}
		}
		if filter, err = filter.Resolve(r.Results.Plan); err != nil {
			return nil, usage(err)
		}
	}
	for _, k := range req.Kinds {
		if k == reports.ExemptAppendix && !req.Exempt {
			return nil, usage(errors.New("the exempt appendix holds the confidential actions: ask for it in an exempt run"))
		}
	}
	if !r.Setup.Options.Meeting.IsZero() {
		if bodies := r.bodies(req.Kinds); len(bodies) > 1 {
			return nil, usage(fmt.Errorf("--meeting names one meeting: ask for the papers of one body (--report cabinet, scrutiny or board), not %s",
				strings.Join(bodies[:len(bodies)-1], ", ")+" and "+bodies[len(bodies)-1]))
		}
	}
	papers := make([]Paper, len(req.Kinds))
	errs := make([]error, len(req.Kinds))
	var wg sync.WaitGroup
	for i, k := range req.Kinds {
		wg.Go(func() {
			if ctx.Err() != nil {
				errs[i] = ctx.Err()
				return
			}
			start := time.Now()
			m, err := r.Meeting(r.Setup.Templates.Papers[k].Meeting)
			if err != nil {
				errs[i] = fmt.Errorf("%s paper: %w", k, err)
				return
			}
			in, err := r.input(m, req.Exempt)
			if err != nil {
				errs[i] = fmt.Errorf("%s paper: %w", k, err)
				return
			}
			if k == reports.Appendix {
				in.Filter = filter
			}
			d, err := reports.Build(k, in)
			if err != nil {
				errs[i] = Wrap(Config, fmt.Errorf("%s paper: %w", k, err))
				return
			}
			o, err := pdf.Render(d)
			if err != nil {
				errs[i] = fmt.Errorf("%s paper: %w", k, err)
				return
			}
			name := r.FileName(k)
			if k == reports.Appendix && !filter.IsZero() {
				// A one-off appendix never replaces the full action plan.
				name = strings.TrimSuffix(name, ".pdf") + "-" + filter.Slug() + ".pdf"
			}
			if req.Exempt {
				// An exempt paper never replaces the open one.
				name = strings.TrimSuffix(name, ".pdf") + "-exempt.pdf"
			}
			p := Paper{Kind: k, Name: name, Meeting: m, Document: d, PDF: o.PDF, Pages: o.Pages}
			if req.HTML {
				if p.HTML, err = html.Render(d); err != nil {
					errs[i] = fmt.Errorf("%s paper, HTML: %w", k, err)
					return
				}
			}
			p.Took = time.Since(start)
			if n := lateNotice(k, m, r.Setup.Options.Today); n != "" {
				p.Notices = append(p.Notices, n)
			}
			// The paper's own cautions (what it compares with), beyond
			// the run's, which are logged once.
			p.Notices = append(p.Notices, in.Results.Notices[len(r.Results.Notices):]...)
			papers[i] = p
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if req.Final {
		if err := r.checkFinal(papers); err != nil {
			return nil, err
		}
	}
	return papers, nil
}

// bodies lists the meeting bodies of the papers kinds, in order; the
// appendices, which name no meeting, are not counted.
func (r *Run) bodies(kinds []reports.Kind) []string {
	var out []string
	for _, k := range kinds {
		if k == reports.Appendix || k == reports.ExemptAppendix {
			continue
		}
		if b := r.Setup.Templates.Papers[k].Meeting; b != "" && !slices.Contains(out, b) {
			out = append(out, b)
		}
	}
	return out
}

// checkFinal refuses draft papers and stale data, naming what is missing.
func (r *Run) checkFinal(papers []Paper) error {
	var problems []string
	for _, p := range papers {
		if len(p.Document.Draft) > 0 {
			problems = append(problems, fmt.Sprintf("the %s paper lacks narrative: %s", p.Kind, strings.Join(p.Document.Draft, "; ")))
		}
	}
	if len(problems) > 0 {
		where := narrative.FileName
		if r.Narrative != nil {
			where = r.Narrative.File
		} else if !r.Month.IsZero() {
			where = r.Month.String() + "/" + narrative.FileName
		}
		problems = append(problems, "add it to "+where)
	}
	for _, s := range r.Results.Stale {
		// Sentences of the log, joined here into one line.
		if s = strings.TrimSuffix(s, "."); s != "" {
			problems = append(problems, strings.ToLower(s[:1])+s[1:])
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return dataError(fmt.Errorf("not final: %s", strings.Join(problems, "; ")))
}

// Document builds the document of one paper without rendering it.
func (r *Run) Document(k reports.Kind, exempt bool) (doc.Document, error) {
	if err := r.measured; err != nil {
		return doc.Document{}, err
	}
	t, ok := r.Setup.Templates.Papers[k]
	if !ok {
		return doc.Document{}, usage(fmt.Errorf("no template for the %s paper", k))
	}
	m, err := r.Meeting(t.Meeting)
	if err != nil {
		return doc.Document{}, err
	}
	in, err := r.input(m, exempt)
	if err != nil {
		return doc.Document{}, err
	}
	return reports.Build(k, in)
}

// input is what a paper for meeting m is built from.
func (r *Run) input(m reports.Meeting, exempt bool) (reports.Input, error) {
	res, err := r.resultsFor(m)
	if err != nil {
		return reports.Input{}, dataError(err)
	}
	return reports.Input{Results: res, Config: r.Setup.Config, Quality: r.Quality, Exempt: exempt, Templates: r.Setup.Templates, Meeting: m, Narrative: r.Narrative}, nil
}

// HTMLName is the HTML companion's file name: the paper's, ending .html.
func (p Paper) HTMLName() string { return strings.TrimSuffix(p.Name, ".pdf") + ".html" }

// FileName is the paper's file name: the config's pattern for the kind, or
// "<report>-<YYYY-MM>.pdf"; {period} in a pattern is replaced by YYYY-MM.
func (r *Run) FileName(k reports.Kind) string {
	return fileName(r.Setup.Config.Files, k, r.Month)
}

func fileName(patterns map[string]string, k reports.Kind, m record.Month) string {
	if p, ok := patterns[string(k)]; ok && p != "" {
		return strings.ReplaceAll(p, "{period}", m.String())
	}
	name := string(k)
	if k == reports.Board {
		name = "improvement-board"
	}
	return name + "-" + m.String() + ".pdf"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
