package pipeline

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/boardpack/boardpack/internal/config"
	"github.com/boardpack/boardpack/internal/doc"
	"github.com/boardpack/boardpack/internal/pack"
	"github.com/boardpack/boardpack/internal/pdf"
	"github.com/boardpack/boardpack/reports"
)

// PackRequest asks for a meeting's pack.
type PackRequest struct {
	Body   string       // board, scrutiny or cabinet
	Attach []Attachment // external PDFs added as items after the agenda's own
	// KeepGoing and Final are as for papers.
	KeepGoing, Final bool
	// RefuseRestricted refuses external PDFs whose owner forbids
	// printing, changing or assembling them, instead of including them
	// with a warning.
	RefuseRestricted bool
}

// Attachment is an external PDF given for one meeting.
type Attachment struct {
	Title string
	Path  string
}

// PackOut is one assembled pack: the public one, or the exempt (Part 2)
// one.
type PackOut struct {
	Name     string // "board-pack-2023-07-12.pdf", or "...-exempt.pdf"
	PDF      []byte
	Pages    int
	Exempt   bool
	Warnings []string
}

// agendaEntry is an agenda item with what it holds resolved.
type agendaEntry struct {
	config.AgendaItem
	number int
	kind   reports.Kind // for a paper
	path   string       // for an external PDF, resolved
}

// hasPages says whether the item puts pages in a pack: a paper, the
// action log or an external PDF.
func (e agendaEntry) hasPages() bool { return e.kind != "" || e.ActionLog || e.path != "" }

// defaultAgenda is a body's agenda when the config gives none: the
// standing items, the body's paper, and any other business. The Cabinet
// report carries its Appendix A (the action plan) itself; when the plan has
// confidential actions and the config gives the ground for exemption, the
// report lists an exempt Appendix B, which the Cabinet takes as a Part 2
// item.
func defaultAgenda(body, exemption string, confidential bool) []config.AgendaItem {
	paper := map[string]string{"board": "board", "scrutiny": "scrutiny", "cabinet": "cabinet"}[body]
	items := []config.AgendaItem{
		{Title: "Welcome, apologies and declarations of interest", Purpose: "noting"},
		{Title: "Minutes of the last meeting and matters arising", Purpose: "decision"},
		{Title: "Children's Services improvement: progress report", Purpose: "discussion", Paper: paper},
	}
	if body == "cabinet" && confidential && exemption != "" {
		items = append(items, config.AgendaItem{Title: "Appendix B: confidential actions of the improvement plan", Purpose: "noting",
			Paper: "exempt-appendix", Exempt: exemption})
	}
	return append(items, config.AgendaItem{Title: "Any other business", Purpose: "noting"})
}

// Pack assembles the pack for the body's meeting the run's papers are for
// (the options' Meeting, or the next in the calendar): a cover, the agenda
// and an index with page numbers, then each item's papers in order, with
// continuous page numbers. Exempt items go into a separate exempt pack;
// the public one shows their titles and grounds only.
func (r *Run) Pack(ctx context.Context, req PackRequest) ([]PackOut, error) {
	if err := r.CheckData(req.KeepGoing); err != nil {
		return nil, err
	}
	c, ok := r.Setup.Config.Meetings.Body(req.Body)
	if !ok {
		return nil, usage(fmt.Errorf("meeting %q: use board, scrutiny or cabinet", req.Body))
	}
	m, err := r.Meeting(req.Body)
	if err != nil {
		return nil, err
	}
	if m.Date.IsZero() {
		return nil, usage(fmt.Errorf("the %s has no meeting date: give the meeting's date, or its dates in boardpack.yaml (meetings.%s.dates)", req.Body, req.Body))
	}
	items := c.Agenda
	if len(items) == 0 {
		items = defaultAgenda(req.Body, r.Setup.Config.Exemption, r.measured == nil && r.Results.Plan.Confidential > 0)
	}
	entries, err := r.resolveAgenda(items, req.Attach)
	if err != nil {
		return nil, err
	}
	if !slices.ContainsFunc(entries, agendaEntry.hasPages) {
		return nil, usage(errors.New("the agenda holds no papers or documents to put in a pack"))
	}
	opt := pack.Options{
		Author:           r.Setup.Config.Council,
		Language:         "en-GB",
		Date:             m.Date,
		RefuseRestricted: req.RefuseRestricted,
	}
	base := fmt.Sprintf("%s-pack-%s", req.Body, m.Date.Format("2006-01-02"))
	var outs []PackOut
	public, err := r.assemblePack(ctx, m, c, entries, false, req, opt)
	if err != nil {
		return nil, err
	}
	public.Name = base + ".pdf"
	outs = append(outs, public)
	for _, e := range entries {
		if e.Exempt != "" {
			part2, err := r.assemblePack(ctx, m, c, entries, true, req, opt)
			if err != nil {
				return nil, err
			}
			part2.Name, part2.Exempt = base+"-exempt.pdf", true
			outs = append(outs, part2)
			break
		}
	}
	return outs, nil
}

// resolveAgenda numbers the config's items and the attachments, and works
// out what each holds. The attachments follow the configured items, but
// come before the items that close a meeting (Any other business, Date of
// next meeting), which stay last. A config item's file is relative to the
// config file; an attachment's is as given.
func (r *Run) resolveAgenda(items []config.AgendaItem, attach []Attachment) ([]agendaEntry, error) {
	dir := "."
	if p := r.Setup.Config.Path; p != "" {
		dir = filepath.Dir(p)
	}
	at := len(items)
	for at > 0 && closingItem(items[at-1].Title) {
		at--
	}
	ordered := slices.Clone(items[:at])
	for _, a := range attach {
		ordered = append(ordered, config.AgendaItem{Title: a.Title, Purpose: "noting", File: a.Path})
	}
	ordered = append(ordered, items[at:]...)
	attached := func(i int) bool { return i >= at && i < at+len(attach) }
	var out []agendaEntry
	var errs []error
	for i, it := range ordered {
		e := agendaEntry{AgendaItem: it, number: i + 1}
		switch {
		case attached(i):
			e.path = it.File
		case it.Paper != "":
			k, err := reports.ParseKind(it.Paper)
			if err != nil {
				errs = append(errs, configError(fmt.Errorf("agenda item %d: %w", e.number, err)))
				continue
			}
			e.kind = k
		case it.File != "":
			e.path = it.File
			if !filepath.IsAbs(e.path) {
				e.path = filepath.Join(dir, e.path)
			}
		}
		out = append(out, e)
	}
	return out, errors.Join(errs...)
}

// closingItem reports whether an agenda item's title is one that ends a
// meeting's agenda.
func closingItem(title string) bool {
	t := strings.ToLower(strings.TrimSpace(title))
	for _, p := range []string{"any other business", "aob", "date of next meeting", "date of the next meeting"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// assemblePack builds the public pack (part2 false) or the exempt one.
func (r *Run) assemblePack(ctx context.Context, m reports.Meeting, c config.Meeting, entries []agendaEntry, part2 bool, req PackRequest, opt pack.Options) (PackOut, error) {
	type paged struct {
		entry     agendaEntry
		generated bool         // a document boardpack renders (a paper, the action log)
		doc       doc.Document // its document
		item      pack.Item
	}
	var front []reports.PackItem
	var withPages []paged
	var checkErrs []error
	var warnings []string
	for _, e := range entries {
		exempt := e.Exempt != ""
		if part2 && !exempt {
			continue
		}
		fi := reports.PackItem{Number: e.number, Title: e.Title, Presenter: e.Presenter, Minutes: e.Minutes, Purpose: e.Purpose,
			Holds: reports.Holds(e.AgendaItem), Exempt: e.Exempt, Elsewhere: exempt && !part2, Link: "item-" + strconv.Itoa(e.number)}
		front = append(front, fi)
		if fi.Elsewhere {
			continue
		}
		switch {
		case e.kind != "":
			d, err := r.documentFor(e.kind, m, e.Exempt)
			if err != nil {
				return PackOut{}, err
			}
			if req.Final && len(d.Draft) > 0 {
				return PackOut{}, dataError(fmt.Errorf("not final: the %s paper lacks narrative: %v", e.kind, d.Draft))
			}
			if len(d.Draft) > 0 {
				// The paper's pages say DRAFT; the agenda says so too, and
				// the run, so that a draft never goes out unnoticed.
				front[len(front)-1].Holds += " (DRAFT)"
				warnings = append(warnings, fmt.Sprintf("item %d, the %s paper, is a DRAFT: its narrative lacks %s", e.number, e.kind, strings.Join(d.Draft, "; ")))
			}
			withPages = append(withPages, paged{entry: e, generated: true, doc: d, item: pack.Item{Title: fmt.Sprintf("%d. %s", e.number, e.Title), Name: string(e.kind) + " paper"}})
		case e.ActionLog:
			d := reports.BuildActionLog(r.Setup.Config, m, r.Data.ActionLog, exempt)
			withPages = append(withPages, paged{entry: e, generated: true, doc: d, item: pack.Item{Title: fmt.Sprintf("%d. %s", e.number, e.Title), Name: "action log"}})
		case e.path != "":
			info, err := pack.Check(e.path, opt)
			if err != nil {
				checkErrs = append(checkErrs, err)
				continue
			}
			for _, w := range info.Warnings {
				warnings = append(warnings, packWarning(w))
			}
			withPages = append(withPages, paged{entry: e, item: pack.Item{Title: fmt.Sprintf("%d. %s", e.number, e.Title), Path: e.path}})
		}
	}
	if err := errors.Join(checkErrs...); err != nil {
		return PackOut{}, dataError(err)
	}
	// Papers are rendered twice: once to count their pages, then with the
	// pack's numbers, so that their contents pages list the numbers the
	// pack prints.
	render := func(starts []int) error {
		for i := range withPages {
			if !withPages[i].generated {
				continue
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			first := 1
			if starts != nil {
				first = starts[i]
			}
			o, err := pdf.RenderWith(withPages[i].doc, pdf.RenderOptions{InPack: true, FirstPage: first})
			if err != nil {
				return fmt.Errorf("%s: %w", withPages[i].item.Name, err)
			}
			withPages[i].item.PDF = o.PDF
		}
		return nil
	}
	if err := render(nil); err != nil {
		return PackOut{}, err
	}
	items := make([]pack.Item, len(withPages))
	for i, p := range withPages {
		items[i] = p.item
	}
	frontFunc := func(l pack.Layout) (pack.FrontMatter, error) {
		k := 0
		for i := range front {
			if front[i].Elsewhere || k >= len(withPages) || withPages[k].entry.number != front[i].Number {
				continue
			}
			front[i].Start, front[i].Pages = l.Items[k].Start, l.Items[k].Pages
			k++
		}
		o, err := pdf.RenderWith(reports.BuildPackFront(reports.PackFront{Config: r.Setup.Config, Meeting: m, Time: c.Time, Members: c.Members, Part2: part2, Items: front}),
			pdf.RenderOptions{InPack: true})
		if err != nil {
			return pack.FrontMatter{}, fmt.Errorf("front matter: %w", err)
		}
		// The index rows link to their items' first pages.
		var links []pack.IndexLink
		for _, lk := range o.Links {
			for k, wp := range withPages {
				if lk.Target == "item-"+strconv.Itoa(wp.entry.number) {
					links = append(links, pack.IndexLink{Page: lk.Page, Item: k, X: lk.X, Y: lk.Y, W: lk.W, H: lk.H})
				}
			}
		}
		return pack.FrontMatter{PDF: o.PDF, Links: links}, nil
	}
	opt.Title = fmt.Sprintf("%s, %s: meeting pack", m.Name, m.Date.Format("2 January 2006"))
	opt.Subject = "Meeting pack"
	if part2 {
		opt.Title += ", Part 2 (exempt)"
		opt.Subject += ": Part 2, not for publication"
	}
	p, err := pack.Assemble(items, frontFunc, opt)
	if err != nil {
		return PackOut{}, err
	}
	starts := make([]int, len(withPages))
	for i, pl := range p.Layout.Items {
		starts[i] = pl.Start
	}
	if err := render(starts); err != nil {
		return PackOut{}, err
	}
	for i := range withPages {
		items[i] = withPages[i].item
	}
	if p, err = pack.Assemble(items, frontFunc, opt); err != nil {
		return PackOut{}, err
	}
	for _, w := range p.Warnings {
		warnings = append(warnings, packWarning(w))
	}
	return PackOut{PDF: p.PDF, Pages: p.Layout.Total, Warnings: dedupe(warnings)}, nil
}

// documentFor builds a paper's document for meeting m. ground is the
// agenda item's ground for exemption, "" for an open item: an exempt paper
// cites it, as the agenda does, in place of the config's exemption.
func (r *Run) documentFor(k reports.Kind, m reports.Meeting, ground string) (doc.Document, error) {
	if err := r.measured; err != nil {
		return doc.Document{}, err
	}
	in, err := r.input(m, ground != "" || k == reports.ExemptAppendix)
	if err != nil {
		return doc.Document{}, err
	}
	if ground != "" {
		in.Config.Exemption = ground
	}
	d, err := reports.Build(k, in)
	if err != nil {
		return doc.Document{}, Wrap(Config, fmt.Errorf("%s paper: %w", k, err))
	}
	return d, nil
}

// packWarning names the file a warning is about.
func packWarning(w pack.Warning) string {
	if w.File == "" {
		return w.Message
	}
	return w.File + ": " + w.Message
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
