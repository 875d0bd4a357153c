package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/boardpack/boardpack/internal/pipeline"
	"github.com/boardpack/boardpack/internal/quality"
)

func runValidate(ctx context.Context, env Env, args []string, stdout, stderr io.Writer) error {
	var in inputFlags
	var format string
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	in.register(fs)
	fs.StringVar(&format, "format", "text", "")
	if err := parseFlags(fs, "validate", args, stdout); err != nil {
		return err
	}
	if format != "text" && format != "json" {
		return usageErr("--format %q: use text or json", format)
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
	q := run.Quality
	if format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(struct {
			Period string `json:"period"`
			quality.Report
			Errors          int      `json:"errors"`
			Warnings        int      `json:"warnings"`
			SuggestedConfig string   `json:"suggested_config,omitempty"`
			Notices         []string `json:"notices,omitempty"`
		}{run.Month.String(), q, q.Errors(), q.Warnings(), q.SuggestedConfig(), run.Notices}); err != nil {
			return pipeline.Wrap(pipeline.IO, err)
		}
	} else {
		printReport(stdout, run)
	}
	if n := q.Errors(); n > 0 {
		return &pipeline.Error{Kind: pipeline.Data, Err: fmt.Errorf("%d %s in the data", n, plural(n, "error", "errors"))}
	}
	return nil
}

// rowCounts accounts for a sheet's rows: "127 rows: 25 used, 0 blank,
// 0 notes, 0 excluded, 102 unread (damaged file)".
func rowCounts(s quality.SheetReport) string {
	c := fmt.Sprintf("%d rows: %d used, %d blank, %d notes, %d excluded", s.Rows, s.Used, s.Blank, s.Notes, s.Rejected)
	if s.Unread > 0 {
		c += fmt.Sprintf(", %d unread (damaged file)", s.Unread)
	}
	return c
}

func printReport(w io.Writer, run *pipeline.Run) {
	q := run.Quality
	fmt.Fprintf(w, "Period: %s\n\n", run.Month.Long())
	for _, s := range q.Sheets {
		fmt.Fprintf(w, "%s: %s, header at %s; %s\n", quality.Where(s.File, s.Sheet), s.Kind, headerRows(s), rowCounts(s))
		if len(s.NoteCells) > 0 {
			fmt.Fprintf(w, "    read as notes: %s\n", strings.Join(s.NoteCells, ", "))
		}
	}
	for _, s := range q.Skipped {
		fmt.Fprintf(w, "skipped %s: %s\n", quality.Where(s.File, s.Sheet), s.Reason)
	}
	if len(q.Problems) > 0 || len(run.Notices) > 0 {
		fmt.Fprintln(w)
	}
	for _, p := range q.Problems {
		fmt.Fprintf(w, "%s: %s\n", p.Severity, p)
	}
	for _, n := range run.Notices {
		fmt.Fprintf(w, "notice: %s\n", n)
	}
	fmt.Fprintf(w, "\n%d %s, %d %s\n", q.Errors(), plural(q.Errors(), "error", "errors"),
		q.Warnings(), plural(q.Warnings(), "warning", "warnings"))
	if fix := q.SuggestedConfig(); fix != "" {
		fmt.Fprintf(w, "\nTo read what could not be read, review these lines and add them to boardpack.yaml:\n%s", indent(fix))
	}
}

// headerRows says where a sheet's header is: "row 4", or "rows 3-4" for a
// heading over sub-headings.
func headerRows(s quality.SheetReport) string {
	if len(s.HeaderRows) == 2 {
		return fmt.Sprintf("rows %d-%d", s.HeaderRows[0], s.HeaderRows[1])
	}
	return fmt.Sprintf("row %d", s.HeaderRow)
}
