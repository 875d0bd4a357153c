package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/boardpack/boardpack/internal/doc"
	"github.com/boardpack/boardpack/internal/pdf"
	"github.com/boardpack/boardpack/internal/record"
	"github.com/boardpack/boardpack/reports"
)

// Request asks for papers.
type Request struct {
	Kinds     []reports.Kind
	Exempt    bool     // include confidential actions; mark every page NOT FOR PUBLICATION
	Filter    []string // terms selecting the appendix's actions ("area=SEND", "overdue")
	KeepGoing bool     // make the papers even though rows were excluded for errors
}

// Paper is one paper, built and rendered.
type Paper struct {
	Kind     reports.Kind
	Name     string // file name: "cabinet-2023-06.pdf"
	Document doc.Document
	PDF      []byte
	Pages    int
	Took     time.Duration // building and rendering
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
// does not ask to go on without the rows concerned.
func (r *Run) CheckData(keepGoing bool) error {
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
			in := r.input(req.Exempt)
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
			papers[i] = Paper{Kind: k, Name: name, Document: d, PDF: o.PDF, Pages: o.Pages, Took: time.Since(start)}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return papers, nil
}

// Document builds the document of one paper without rendering it.
func (r *Run) Document(k reports.Kind, exempt bool) (doc.Document, error) {
	if err := r.measured; err != nil {
		return doc.Document{}, err
	}
	return reports.Build(k, r.input(exempt))
}

func (r *Run) input(exempt bool) reports.Input {
	return reports.Input{Results: r.Results, Config: r.Setup.Config, Quality: r.Quality, Exempt: exempt, Templates: r.Setup.Templates}
}

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
