package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/boardpack/boardpack/internal/pipeline"
	"github.com/boardpack/boardpack/templates"
)

func runTemplates(env Env, args []string, stdout, stderr io.Writer) error {
	if wantsHelp(args) || len(args) == 0 {
		fmt.Fprint(stdout, templatesHelp)
		if len(args) == 0 {
			return usageErr("templates: say what to do (boardpack templates export DIR)")
		}
		return errHelp
	}
	if args[0] != "export" {
		return usageErr("templates %q: the only action is export (boardpack templates export DIR)", args[0])
	}
	var force bool
	fset := flag.NewFlagSet("templates", flag.ContinueOnError)
	fset.BoolVar(&force, "force", false, "")
	fset.SetOutput(io.Discard)
	if err := fset.Parse(args[1:]); err != nil {
		return usageErr("templates export: %v", strings.Replace(err.Error(), "flag provided but not defined: -", "unknown option --", 1))
	}
	if fset.NArg() != 1 {
		return usageErr("templates export needs one folder: boardpack templates export DIR")
	}
	dir := env.path(fset.Arg(0))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return pipeline.Wrap(pipeline.IO, err)
	}
	entries, err := fs.ReadDir(templates.FS, ".")
	if err != nil {
		return pipeline.Wrap(pipeline.IO, err)
	}
	var files []outFile
	var edited []string
	for _, e := range entries {
		b, err := fs.ReadFile(templates.FS, e.Name())
		if err != nil {
			return pipeline.Wrap(pipeline.IO, err)
		}
		path := filepath.Join(dir, e.Name())
		old, err := os.ReadFile(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return pipeline.Wrap(pipeline.IO, err)
		case bytes.Equal(old, b):
			continue // already the built-in template
		case !force:
			edited = append(edited, path)
			continue
		}
		files = append(files, outFile{name: e.Name(), data: b})
	}
	if len(edited) > 0 {
		return usageErr("%s %s edited; nothing was written (use --force to replace %s with the built-in %s)",
			strings.Join(edited, ", "), plural(len(edited), "has been", "have been"), plural(len(edited), "it", "them"), plural(len(edited), "template", "templates"))
	}
	if err := writeAll(dir, files); err != nil {
		return pipeline.Wrap(pipeline.IO, err)
	}
	for _, f := range files {
		fmt.Fprintln(stdout, filepath.Join(dir, f.name))
	}
	return nil
}
