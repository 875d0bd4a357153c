package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// Exit codes, documented in the README and in --help.
const (
	exitOK    = 0 // papers written (or nothing to do)
	exitData  = 1 // the data has errors: fix the workbooks named in the messages
	exitUsage = 2 // the command line is wrong
	exitIO    = 3 // a file could not be read or written
	exitLock  = 4 // another run holds the output folder's lock
)

// exitError carries an exit code with the error that caused it.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func withCode(code int, err error) error {
	if err == nil {
		return nil
	}
	return &exitError{code: code, err: err}
}

func usageErr(format string, a ...any) error { return withCode(exitUsage, fmt.Errorf(format, a...)) }

// exitCode prints err (if any) and returns the process exit code for it.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	fmt.Fprintf(stderr, "boardpack: %v\n", err)
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return exitIO
}

const usage = `boardpack turns the month's spreadsheet exports into board papers.

Usage:
  boardpack generate [--data DIR] [--period YYYY-MM|latest] [--report LIST] [--out DIR] [flags]
  boardpack validate [--data DIR] [--period YYYY-MM|latest] [--format text|json]
  boardpack templates export DIR

Run "boardpack COMMAND -h" for a command's flags.

Exit codes:
  0  done (papers written, or data valid)
  1  the data has errors; nothing was written (fix the cells named, or use --keep-going)
  2  usage: a flag or argument is wrong
  3  input/output failure: a folder, file or template could not be read or written
  4  another run holds the output folder's lock
`

// Run runs boardpack with args (without the program name). Only this
// package prints; everything below it returns errors.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usageErr("no command given")
	}
	switch args[0] {
	case "generate":
		return runGenerate(ctx, args[1:], stdout, stderr)
	case "validate":
		return runValidate(ctx, args[1:], stdout, stderr)
	case "templates":
		return runTemplates(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return usageErr("unknown command %q", args[0])
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parse parses args, mapping flag errors to the usage exit code.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return withCode(exitUsage, err)
	}
	if fs.NArg() > 0 {
		return usageErr("unexpected argument %q", strings.Join(fs.Args(), " "))
	}
	return nil
}

// password reads the workbook password from the environment variable named
// by --password-env, so it never appears in a process list or crontab.
func password(name string) (string, error) {
	if name == "" {
		return "", nil
	}
	v, ok := os.LookupEnv(name)
	if !ok {
		return "", usageErr("--password-env %s: that environment variable is not set", name)
	}
	return v, nil
}
