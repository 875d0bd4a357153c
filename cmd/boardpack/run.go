package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/boardpack/boardpack/internal/pipeline"
)

// Exit codes, documented in the README and in the help.
const (
	exitOK    = 0 // done (papers written, data valid, or nothing to do)
	exitData  = 1 // the data has errors: fix the workbooks named in the messages
	exitUsage = 2 // the command line or the config is wrong
	exitIO    = 3 // a file could not be read or written
	exitLock  = 4 // another run holds the output folder's lock
)

// errHelp is returned after printing help: the command did nothing, and
// that is what was asked.
var errHelp = errors.New("help shown")

// exitCode prints err (if any) and returns the process exit code for its
// kind. It is the one place where kinds of error become exit codes.
func exitCode(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, errHelp) {
		return exitOK
	}
	fmt.Fprintf(stderr, "boardpack: %v\n", err)
	switch pipeline.KindOf(err) {
	case pipeline.Data:
		return exitData
	case pipeline.Usage, pipeline.Config:
		return exitUsage
	case pipeline.Locked:
		return exitLock
	}
	return exitIO
}

// usageErr is a mistake on the command line.
func usageErr(format string, a ...any) error {
	return &pipeline.Error{Kind: pipeline.Usage, Err: fmt.Errorf(format, a...)}
}

// Env is what a run takes from its surroundings besides its arguments and
// output: the folder its relative paths are in, and its environment.
// Run reads no process globals for these, so the tests can run it in
// process for each script, in parallel, each with its own.
type Env struct {
	// Dir is the folder a relative path on the command line is relative
	// to. "." (what main gives) is the process's working directory: the
	// paths are then opened, and named in messages, as typed.
	Dir string
	// Lookup reads an environment variable as os.LookupEnv does:
	// BOARDPACK_TODAY and the variable --password-env names.
	Lookup func(key string) (string, bool)
}

// processEnv is the environment of the running process, as main gives Run.
func processEnv() Env { return Env{Dir: ".", Lookup: os.LookupEnv} }

// path resolves p, a path from the command line, against e.Dir. An
// absolute path, or "" (an option not given), is returned as it is.
func (e Env) path(p string) string {
	if p == "" || e.Dir == "." || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(e.Dir, p)
}

// Run runs boardpack with args (without the program name), in env. Only
// this package prints; everything below it returns errors.
func Run(ctx context.Context, env Env, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, mainHelp)
		return usageErr("no command given")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "generate":
		return runGenerate(ctx, env, rest, stdout, stderr)
	case "validate":
		return runValidate(ctx, env, rest, stdout, stderr)
	case "inspect":
		return runInspect(ctx, env, rest, stdout, stderr)
	case "pack":
		return runPack(ctx, env, rest, stdout, stderr)
	case "templates":
		return runTemplates(env, rest, stdout, stderr)
	case "version", "--version", "-version":
		if len(rest) > 0 && !wantsHelp(rest) {
			return usageErr("version takes no arguments")
		}
		fmt.Fprintf(stdout, "boardpack %s\n", buildVersion())
		return nil
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			if h, ok := commandHelp[rest[0]]; ok {
				fmt.Fprint(stdout, h)
				return errHelp
			}
		}
		fmt.Fprint(stdout, mainHelp)
		return errHelp
	}
	fmt.Fprint(stderr, mainHelp)
	return usageErr("unknown command %q", cmd)
}

// wantsHelp reports whether args ask for help anywhere: the command then
// shows its help and does nothing else.
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "-h", "-help", "--help":
			return true
		case "--":
			return false
		}
	}
	return false
}

// parseFlags parses a command's flags. Help anywhere prints the command's
// help and returns errHelp; a wrong flag is a usage error, printed once.
func parseFlags(fs *flag.FlagSet, name string, args []string, stdout io.Writer) error {
	if wantsHelp(args) {
		fmt.Fprint(stdout, commandHelp[name])
		return errHelp
	}
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		msg := strings.Replace(err.Error(), "flag provided but not defined: -", "unknown option --", 1)
		msg = strings.Replace(msg, "invalid value", "bad value", 1)
		return usageErr("%s %s (run boardpack %s --help for the options)", name, msg, name)
	}
	if fs.NArg() > 0 {
		return usageErr("%s: unexpected argument %q (run boardpack %s --help)", name, strings.Join(fs.Args(), " "), name)
	}
	return nil
}

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = ""

// buildVersion is the module version boardpack was built as, with the
// commit when it was built from a checkout.
func buildVersion() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	if v != "(devel)" {
		return v
	}
	rev, modified := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v += " " + rev
		if modified {
			v += "+modified"
		}
	}
	return v
}

// today is the date --period previous counts from and the lock records.
// BOARDPACK_TODAY=YYYY-MM-DD sets it, for tests and for rerunning a missed
// scheduled run as if on its day; a malformed value is an error, never
// quietly ignored.
func today(env Env) (time.Time, error) {
	s, ok := env.Lookup("BOARDPACK_TODAY")
	if !ok || s == "" {
		return time.Now(), nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, usageErr("BOARDPACK_TODAY=%q is not a date as YYYY-MM-DD", s)
	}
	return t, nil
}

// password reads the workbook password from the environment variable named
// by --password-env, so it never appears in a process list or crontab.
func password(env Env, name string) (string, error) {
	if name == "" {
		return "", nil
	}
	v, ok := env.Lookup(name)
	if !ok {
		return "", usageErr("--password-env %s: that environment variable is not set", name)
	}
	return v, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
