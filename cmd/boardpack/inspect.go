package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/boardpack/boardpack/internal/outset"
	"github.com/boardpack/boardpack/internal/pipeline"
	"github.com/boardpack/boardpack/internal/quality"
)

func runInspect(ctx context.Context, env Env, args []string, stdout, stderr io.Writer) error {
	var in inputFlags
	var writeConfig string
	fs := flag.NewFlagSet("inspect", flag.ContinueOnError)
	in.register(fs)
	fs.StringVar(&writeConfig, "write-config", "", "")
	if err := parseFlags(fs, "inspect", args, stdout); err != nil {
		return err
	}
	writeConfig = env.path(writeConfig)
	if writeConfig != "" {
		if _, err := os.Lstat(writeConfig); err == nil {
			return usageErr("--write-config %s: the file exists; inspect never replaces a config (name a new file, or move this one away)", writeConfig)
		} else if !errors.Is(err, os.ErrNotExist) {
			return pipeline.Wrap(pipeline.IO, err)
		}
	}
	now, err := today(env)
	if err != nil {
		return err
	}
	setup, err := in.prepare(env, now, "", "", time.Time{})
	if err != nil {
		return err
	}
	snap, err := setup.Read()
	if err != nil {
		return err
	}
	run, err := setup.Load(ctx, snap)
	if err != nil {
		return err
	}
	printInspection(stdout, run)
	if writeConfig == "" {
		return nil
	}
	b := []byte(starterConfig(run, in.data))
	if err := writeNew(writeConfig, b); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nWrote %s: a starter boardpack.yaml with the mappings and words above. Review every line, then put it in the data folder (or pass --config).\n", writeConfig)
	return nil
}

// sheetEntry is one sheet of the data folder, read or not, for inspect.
type sheetEntry struct {
	file, sheet string
	read        *quality.SheetReport
	skipped     string
}

// entries lists the sheets of a report in file order, read and skipped
// together.
func entries(q quality.Report) []sheetEntry {
	var out []sheetEntry
	for i := range q.Sheets {
		out = append(out, sheetEntry{file: q.Sheets[i].File, sheet: q.Sheets[i].Sheet, read: &q.Sheets[i]})
	}
	for _, s := range q.Skipped {
		out = append(out, sheetEntry{file: s.File, sheet: s.Sheet, skipped: s.Reason})
	}
	// Sheets whose header nearly matched are neither read nor skipped:
	// their error says why.
	seen := map[string]bool{}
	for _, e := range out {
		seen[e.file+"\x00"+e.sheet] = true
	}
	for _, p := range q.Problems {
		if (p.Effect == quality.SheetNotRead || p.Effect == quality.RowsNotRead) && p.Sheet != "" && !seen[p.File+"\x00"+p.Sheet] {
			seen[p.File+"\x00"+p.Sheet] = true
			out = append(out, sheetEntry{file: p.File, sheet: p.Sheet, skipped: p.Message})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].file < out[j].file })
	return out
}

// printInspection prints how every workbook and sheet was read: the kind,
// each column with its heading and what it was read as, what was not read
// and why, the words read, and the problems that concern the sheet as a
// whole.
func printInspection(w io.Writer, run *pipeline.Run) {
	q := run.Quality
	fmt.Fprintf(w, "Period: %s\n", run.Month.Long())
	for _, e := range entries(q) {
		fmt.Fprintf(w, "\n%s\n", quality.Where(e.file, e.sheet))
		if e.read == nil {
			fmt.Fprintf(w, "    not read: %s\n", e.skipped)
			continue
		}
		s := e.read
		fmt.Fprintf(w, "    read as %s, header at %s; %s\n", s.Kind, headerRows(*s), rowCounts(*s))
		width := 0
		for _, c := range append(append([]quality.Column{}, s.Columns...), s.Ignored...) {
			width = max(width, len(fmt.Sprintf("%q", c.Heading)))
		}
		if len(s.Columns) > 0 {
			fmt.Fprintln(w, "    columns read:")
			for _, c := range s.Columns {
				heading := fmt.Sprintf("%q", c.Heading)
				if c.Heading == "" {
					heading = "(no heading)"
				}
				fmt.Fprintf(w, "      %-3s %-*s  as %s\n", c.Col, width, heading, c.Field)
			}
		}
		if len(s.Ignored) > 0 {
			fmt.Fprintln(w, "    not read:")
			for _, c := range s.Ignored {
				fmt.Fprintf(w, "      %-3s %-*s  %s\n", c.Col, width, fmt.Sprintf("%q", c.Heading), c.Reason)
			}
		}
		if len(s.Words) > 0 {
			fmt.Fprintln(w, "    words read:")
			for _, wd := range s.Words {
				fmt.Fprintf(w, "      %-13s %q as %s (%d %s)\n", wd.Field+":", wd.Word, wd.Reads, wd.Cells, plural(wd.Cells, "cell", "cells"))
			}
		}
		if len(s.AreaRows) > 0 {
			fmt.Fprintf(w, "    rows read as the priority area of the rows beneath: %s\n", strings.Join(s.AreaRows, "; "))
		}
		for _, p := range q.Problems {
			if p.File == s.File && p.Sheet == s.Sheet && (p.Cell == "" || p.Effect != "") {
				fmt.Fprintf(w, "    %s: %s\n", p.Severity, p.Message)
			}
		}
	}
	for _, p := range q.Problems {
		if p.Sheet == "" && p.Cell == "" && !isSheetOf(q, p.File) {
			fmt.Fprintf(w, "\n%s\n    %s: %s\n", p.File, p.Severity, p.Message)
		}
	}
	fmt.Fprintf(w, "\n%d %s, %d %s in all (boardpack validate lists each)\n", q.Errors(), plural(q.Errors(), "error", "errors"),
		q.Warnings(), plural(q.Warnings(), "warning", "warnings"))
	if fix := q.SuggestedConfig(); fix != "" {
		fmt.Fprintf(w, "\nTo read what could not be read, review these lines and add them to boardpack.yaml:\n%s", indent(fix))
	}
}

// isSheetOf reports whether file is a CSV export printed as a sheet.
func isSheetOf(q quality.Report, file string) bool {
	for _, s := range q.Sheets {
		if s.File == file && s.Sheet == "" {
			return true
		}
	}
	return false
}

// starterConfig writes a commented boardpack.yaml from what was read: the
// headings of every sheet read and the column each was read as, the words
// of every RAG and status column and what each was read as, and the lines
// suggested for what could not be read.
func starterConfig(run *pipeline.Run, data string) string {
	q := run.Quality
	var b strings.Builder
	fmt.Fprintf(&b, `# boardpack.yaml: a starter written by boardpack inspect from %s (%s).
# Each line below says how a heading or a word of your exports was read.
# Review every line: change what is wrong and delete what you do not need.
# See the README for every setting.

# council: Your Council
# service: Children's Services

# headers: each heading of your exports, and the column it is read as
# (ref, action, priority area, lead, due date, revised due date, status,
# progress rag, impact rag, progress update, evidence, ofsted
# recommendation, last updated, confidential, date closed, and the columns
# of the metric sheets), or ignore. A heading listed here is always read as
# that column, whatever its values.
`, filepath.Base(filepath.Clean(data)), run.Month.Long())
	var h strings.Builder
	lines := 0
	mapped := map[string]string{}
	fixes := q.Fixes()
	for _, s := range q.Sheets {
		fmt.Fprintf(&h, "  # %s: %s, header at %s\n", quality.Where(s.File, s.Sheet), s.Kind, headerRows(s))
		for _, c := range s.Columns {
			line := fmt.Sprintf("%s: %s", quality.YAMLQuote(c.Heading), c.Field)
			key := strings.ToLower(strings.Join(strings.Fields(c.Heading), " "))
			switch prev, seen := mapped[key]; {
			case c.Heading == "":
				fmt.Fprintf(&h, "  # column %s has no heading; read as the %s from its values\n", c.Col, c.Field)
			case seen && prev == c.Field:
			case seen:
				fmt.Fprintf(&h, "  # %s   (column %s here; the line above reads this heading as %s everywhere)\n", line, c.Col, prev)
			default:
				mapped[key] = c.Field
				fmt.Fprintf(&h, "  %s   # column %s\n", line, c.Col)
				lines++
			}
		}
		for _, c := range s.Ignored {
			fmt.Fprintf(&h, "  # not read: column %s %q: %s\n", c.Col, c.Heading, c.Reason)
		}
	}
	for _, f := range fixes {
		if f.Section == "headers" && mapped[strings.ToLower(f.Key)] == "" {
			fmt.Fprintf(&h, "  %s: %s   # suggested: %s\n", quality.YAMLQuote(f.Key), f.Value, f.Comment)
			lines++
		}
	}
	if lines == 0 {
		b.WriteString("headers: {}\n")
	} else {
		b.WriteString("headers:\n")
	}
	b.WriteString(h.String())
	b.WriteString(`
# vocabulary: the words of your RAG and status columns and what each means.
# rag: R, A, G, B or NR. status: not started, in progress, complete, on
# hold, delayed or superseded.
vocabulary:
`)
	sections := []struct{ name, fix string }{{"rag", "vocabulary.rag"}, {"status", "vocabulary.status"}}
	type seenWord struct {
		word, reads string
		cells       int
		fields      []string
	}
	for _, sec := range sections {
		var words []*seenWord
		byKey := map[string]*seenWord{}
		for _, s := range q.Sheets {
			for _, w := range s.Words {
				if strings.HasSuffix(w.Field, "rag") != (sec.name == "rag") {
					continue
				}
				k := strings.ToLower(w.Word)
				sw, ok := byKey[k]
				if !ok {
					sw = &seenWord{word: w.Word, reads: w.Reads}
					byKey[k] = sw
					words = append(words, sw)
				}
				sw.cells += w.Cells
				if !slices.Contains(sw.fields, w.Field) {
					sw.fields = append(sw.fields, w.Field)
				}
			}
		}
		var v strings.Builder
		for _, w := range words {
			fmt.Fprintf(&v, "    %s: %s   # %d %s in %s\n", quality.YAMLQuote(w.word), w.reads, w.cells, plural(w.cells, "cell", "cells"), strings.Join(w.fields, " and "))
		}
		n := len(words)
		for _, f := range fixes {
			if f.Section == sec.fix && byKey[strings.ToLower(f.Key)] == nil {
				fmt.Fprintf(&v, "    %s: %s   # not a standard word; %s\n", quality.YAMLQuote(f.Key), f.Value, f.Comment)
				n++
			}
		}
		if n == 0 {
			fmt.Fprintf(&b, "  %s: {}   # no %s words were read\n", sec.name, sec.name)
			continue
		}
		fmt.Fprintf(&b, "  %s:\n%s", sec.name, v.String())
	}
	return b.String()
}

// writeNew writes b to path atomically, refusing to replace a file there.
func writeNew(path string, b []byte) error {
	tmp, err := stage(path, b)
	if err != nil {
		return pipeline.Wrap(pipeline.IO, err)
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, os.ErrExist) {
			return usageErr("--write-config %s: the file exists; inspect never replaces a config", path)
		}
		return pipeline.Wrap(pipeline.IO, fmt.Errorf("write %s: %w", path, err))
	}
	return pipeline.Wrap(pipeline.IO, outset.SyncDir(filepath.Dir(path)))
}
