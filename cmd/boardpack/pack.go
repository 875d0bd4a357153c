package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/boardpack/boardpack/internal/pipeline"
)

type packFlags struct {
	in               inputFlags
	body             string
	date             string
	attach           []pipeline.Attachment
	out              string
	keepGoing        bool
	final            bool
	refuseRestricted bool
	quiet            bool
	logFormat        string
	lockWait         time.Duration
}

func runPack(ctx context.Context, env Env, args []string, stdout, stderr io.Writer) error {
	var p packFlags
	fs := flag.NewFlagSet("pack", flag.ContinueOnError)
	p.in.register(fs)
	fs.StringVar(&p.body, "meeting", "", "")
	fs.StringVar(&p.date, "date", "", "")
	fs.Func("attach", "", func(s string) error {
		title, file, ok := strings.Cut(s, "=")
		if !ok || strings.TrimSpace(title) == "" || strings.TrimSpace(file) == "" {
			return fmt.Errorf("%q is not TITLE=FILE.pdf", s)
		}
		p.attach = append(p.attach, pipeline.Attachment{Title: strings.TrimSpace(title), Path: strings.TrimSpace(file)})
		return nil
	})
	fs.StringVar(&p.out, "out", "out", "")
	fs.BoolVar(&p.keepGoing, "keep-going", false, "")
	fs.BoolVar(&p.final, "final", false, "")
	fs.BoolVar(&p.refuseRestricted, "refuse-restricted", false, "")
	fs.BoolVar(&p.quiet, "quiet", false, "")
	fs.StringVar(&p.logFormat, "log-format", "text", "")
	fs.DurationVar(&p.lockWait, "lock-wait", 0, "")
	if err := parseFlags(fs, "pack", args, stdout); err != nil {
		return err
	}
	p.out = env.path(p.out)
	for i := range p.attach {
		p.attach[i].Path = env.path(p.attach[i].Path)
	}
	log, err := logger(stderr, p.logFormat, p.quiet)
	if err != nil {
		return err
	}
	switch p.body {
	case "board", "scrutiny", "cabinet":
	case "":
		return usageErr("--meeting is required: board, scrutiny or cabinet")
	default:
		return usageErr("--meeting %q: use board, scrutiny or cabinet", p.body)
	}
	var date time.Time
	if p.date != "" {
		if date, err = time.Parse("2006-01-02", p.date); err != nil {
			return usageErr("--date %q: give the meeting's date as YYYY-MM-DD", p.date)
		}
	}
	now, err := today(env)
	if err != nil {
		return err
	}
	setup, err := p.in.prepare(env, now, "", p.out, date)
	if err != nil {
		return err
	}
	lock, err := lockOut(p.out, p.lockWait, now)
	if err != nil {
		return err
	}
	defer lock.Release()
	snap, err := setup.Read()
	if err != nil {
		return err
	}
	run, err := setup.Load(ctx, snap)
	if err != nil {
		return err
	}
	logProblems(log, stderr, p.logFormat, p.quiet, run.Quality)
	if err := checkData(run, p.keepGoing, "pack"); err != nil {
		return err
	}
	packs, err := run.Pack(ctx, pipeline.PackRequest{Body: p.body, Attach: p.attach, KeepGoing: p.keepGoing, Final: p.final, RefuseRestricted: p.refuseRestricted})
	if err != nil {
		if p.final && pipeline.KindOf(err) == pipeline.Data {
			return &pipeline.Error{Kind: pipeline.Data, Err: fmt.Errorf("--final: %w; no pack written", err)}
		}
		return err
	}
	files := make([]outFile, 0, len(packs))
	for _, pk := range packs {
		files = append(files, outFile{name: pk.Name, data: pk.PDF})
		for _, w := range pk.Warnings {
			log.Warn(w, "pack", pk.Name)
		}
	}
	if err := writeSet(p.out, files); err != nil {
		return pipeline.Wrap(pipeline.IO, err)
	}
	for _, pk := range packs {
		log.Info("wrote pack", "path", filepath.Join(p.out, pk.Name), "pages", pk.Pages, "bytes", len(pk.PDF), "exempt", pk.Exempt)
	}
	if len(packs) == 1 {
		// The output folder keeps files a run does not replace: a Part 2
		// pack from an earlier agenda would pass for this meeting's.
		stale := filepath.Join(p.out, strings.TrimSuffix(packs[0].Name, ".pdf")+"-exempt.pdf")
		if _, err := os.Stat(stale); err == nil {
			log.Warn(stale + " is from an earlier run, and this agenda has no exempt items: it is out of date; remove it before the packs are sent")
		}
	}
	return nil
}
