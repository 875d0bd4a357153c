package main

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"

	"github.com/boardpack/boardpack/internal/gctune"
	"github.com/boardpack/boardpack/internal/lockfile"
)

// damageSheet rewrites the workbook at path with an unescaped & at the
// start of the first <v> of row in the first worksheet part that has it.
func damageSheet(path, row string) error {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return err
	}
	defer zr.Close()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	done := false
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		if at := bytes.Index(b, []byte(`<row r="`+row+`"`)); !done && strings.HasPrefix(f.Name, "xl/worksheets/") && at >= 0 {
			v := bytes.Index(b[at:], []byte("<v>"))
			if v < 0 {
				return fmt.Errorf("row %s of %s has no value", row, f.Name)
			}
			v += at + len("<v>")
			b = append(b[:v:v], append([]byte("&"), b[v:]...)...)
			done = true
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			return err
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if !done {
		return fmt.Errorf("no sheet of %s has row %s", path, row)
	}
	return os.WriteFile(path, out.Bytes(), 0o644)
}

// TestMain puts programs on the scripts' $PATH that are this test binary
// running main: boardpack-main (for "exec boardpack-main", the few script cases that
// need a process of their own) and boardpack-slowed (the kill tests).
func TestMain(m *testing.M) {
	gctune.ForBatch(gctune.RenderLimit)
	testscript.Main(removingShared{m}, map[string]func(){
		"boardpack-main":   main,
		"boardpack-slowed": runSlowed,
	})
}

// removingShared runs the tests, then removes the shared sample papers.
type removingShared struct{ m *testing.M }

func (r removingShared) Run() int {
	code := r.m.Run()
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	return code
}

// runInProcess runs boardpack in the test process as a script's program:
// the Run that main calls, in the script's current folder, with the
// script's environment, its output kept for stdout, stderr and cmp, and
// the exit code main would give. A panic fails the script (a process
// would have exited 2, which "! exec" would have taken for a failure).
//
// A script's environment cannot tell a variable set to "" from one not
// set (testscript's Getenv), so here "" is not set; no script sets one to
// "" but to clear it.
func runInProcess(ts *testscript.TestScript, args []string) (code int) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	env := Env{
		Dir: ts.MkAbs("."),
		Lookup: func(key string) (string, bool) {
			v := ts.Getenv(key)
			return v, v != ""
		},
	}
	stdout, stderr := ts.Stdout(), ts.Stderr()
	defer func() {
		if r := recover(); r != nil {
			ts.Fatalf("boardpack %s panicked: %v\n%s", strings.Join(args, " "), r, debug.Stack())
		}
	}()
	return exitCode(Run(ctx, env, args, stdout, stderr), stderr)
}

// folderNames lists the names in dir.
func folderNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name()
	}
	return names
}

// TestScripts runs the CLI scenarios in testdata/script: what an operator
// sees under cron.
func TestScripts(t *testing.T) {
	sample, err := filepath.Abs(sampleData)
	if err != nil {
		t.Fatal(err)
	}
	// The locks holdlock holds, by folder; scripts run in parallel.
	var locksMu sync.Mutex
	locks := map[string]*lockfile.Lock{}
	// An in-process run that opened a relative path as the test process's
	// own would leave it here, in the package's folder.
	before := folderNames(t, ".")
	t.Cleanup(func() {
		for _, name := range folderNames(t, ".") {
			if !slices.Contains(before, name) {
				t.Errorf("%s appeared in the package's folder: a script's relative path was not resolved against its own folder", name)
			}
		}
	})
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("SAMPLE", sample)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// boardpack ARGS...: run boardpack in process (runInProcess);
			// it must exit 0, or with "!" not 0, as "exec boardpack" did.
			// "exec boardpack-main" runs main as a process, where a case needs one.
			"boardpack": func(ts *testscript.TestScript, neg bool, args []string) {
				code := runInProcess(ts, args)
				if neg && code == 0 {
					ts.Fatalf("unexpected boardpack success")
				}
				if !neg && code != 0 {
					ts.Fatalf("boardpack exited %d", code)
				}
			},
			// copydata DIR: copy sample-data to DIR.
			"copydata": func(ts *testscript.TestScript, neg bool, args []string) {
				if err := os.CopyFS(ts.MkAbs(args[0]), os.DirFS(sample)); err != nil {
					ts.Fatalf("copydata: %v", err)
				}
			},
			// badtracker DIR: a month folder whose tracker has an impossible date in D2.
			"badtracker": func(ts *testscript.TestScript, neg bool, args []string) {
				dir := ts.MkAbs(args[0])
				os.MkdirAll(dir, 0o755)
				f := excelize.NewFile()
				for i, row := range [][]any{{"Ref", "Action", "RAG", "Due date"}, {"A1", "Do it", "Green", "31/02/2023"}} {
					cell, _ := excelize.CoordinatesToCellName(1, i+1)
					f.SetSheetRow("Sheet1", cell, &row)
				}
				if err := f.SaveAs(filepath.Join(dir, "tracker.xlsx")); err != nil {
					ts.Fatalf("badtracker: %v", err)
				}
			},
			// damagesheet FILE ROW: an unescaped & in the first value of row
			// ROW of the workbook's sheet that has it, as a broken export
			// or a bad copy leaves one.
			"damagesheet": func(ts *testscript.TestScript, neg bool, args []string) {
				if err := damageSheet(ts.MkAbs(args[0]), args[1]); err != nil {
					ts.Fatalf("damagesheet: %v", err)
				}
			},
			// holdlock DIR / releaselock DIR: hold the output folder's lock
			// from outside boardpack, as a concurrent run would.
			"holdlock": func(ts *testscript.TestScript, neg bool, args []string) {
				dir := ts.MkAbs(args[0])
				os.MkdirAll(dir, 0o755)
				l, err := lockfile.Acquire(dir, 0, time.Date(2023, 7, 3, 6, 30, 0, 0, time.UTC))
				if err != nil {
					ts.Fatalf("holdlock: %v", err)
				}
				locksMu.Lock()
				locks[dir] = l
				locksMu.Unlock()
			},
			"releaselock": func(ts *testscript.TestScript, neg bool, args []string) {
				dir := ts.MkAbs(args[0])
				locksMu.Lock()
				defer locksMu.Unlock()
				locks[dir].Release()
				delete(locks, dir)
			},
			// stalelock DIR: the lock file a killed run leaves behind.
			"stalelock": func(ts *testscript.TestScript, neg bool, args []string) {
				dir := ts.MkAbs(args[0])
				os.MkdirAll(dir, 0o755)
				rec := fmt.Sprintf("pid %d on a-host, since 2023-07-03T06:30:00Z\n", 1<<22+7)
				if err := os.WriteFile(filepath.Join(dir, lockfile.Name), []byte(rec), 0o644); err != nil {
					ts.Fatalf("stalelock: %v", err)
				}
			},
			// exits CODE boardpack ARGS...: run boardpack in process and
			// check its exit code; exits CODE exec PROGRAM ARGS...: run a
			// program as a process and check its exit code. Their stdout
			// and stderr are kept for the next commands.
			"exits": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) < 2 || args[1] != "boardpack" && (args[1] != "exec" || len(args) < 3) {
					ts.Fatalf("usage: exits CODE boardpack [ARGS...], or exits CODE exec PROGRAM [ARGS...]")
				}
				want, err := strconv.Atoi(args[0])
				if err != nil {
					ts.Fatalf("exits: %v", err)
				}
				got, ran := 0, args[1:]
				if args[1] == "boardpack" {
					got = runInProcess(ts, args[2:])
				} else {
					ran = args[2:]
					if err := ts.Exec(ran[0], ran[1:]...); err != nil {
						var ee *exec.ExitError
						if !errors.As(err, &ee) {
							ts.Fatalf("exits: %v", err)
						}
						got = ee.ExitCode()
					}
				}
				if got != want {
					ts.Fatalf("%s exited %d, want %d", strings.Join(ran, " "), got, want)
				}
			},
			// makeletter FILE TEXT: a one-page A4 PDF letter, as an
			// external document a meeting pack takes in.
			"makeletter": func(ts *testscript.TestScript, neg bool, args []string) {
				f := fpdf.New("P", "mm", "A4", "")
				f.SetCreationDate(time.Date(2023, 7, 1, 0, 0, 0, 0, time.UTC))
				f.AddPage()
				f.SetFont("Helvetica", "", 12)
				f.MultiCell(0, 6, args[1], "", "L", false)
				if err := f.OutputFileAndClose(ts.MkAbs(args[0])); err != nil {
					ts.Fatalf("makeletter: %v", err)
				}
			},
			// pagenumbers FILE: every page of the PDF carries its pack
			// number, "Page n of N".
			"pagenumbers": func(ts *testscript.TestScript, neg bool, args []string) {
				path := ts.MkAbs(args[0])
				out, err := exec.Command("pdfinfo", path).Output()
				if err != nil {
					ts.Fatalf("pdfinfo: %v", err)
				}
				m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(out)
				if m == nil {
					ts.Fatalf("pdfinfo gives no page count")
				}
				n, _ := strconv.Atoi(string(m[1]))
				// One pdftotext for the file: it ends every page with a form feed.
				txt, err := exec.Command("pdftotext", path, "-").Output()
				if err != nil {
					ts.Fatalf("pdftotext: %v", err)
				}
				pages := strings.Split(string(txt), "\f")
				if len(pages) != n+1 {
					ts.Fatalf("pdftotext gives %d pages of %s, pdfinfo %d", len(pages)-1, args[0], n)
				}
				for i := 1; i <= n; i++ {
					if want := fmt.Sprintf("Page %d of %d", i, n); !strings.Contains(pages[i-1], want) {
						ts.Fatalf("page %d of %s does not say %q", i, args[0], want)
					}
				}
			},
			// nopartial DIR: the output folder DIR holds one set and nothing a
			// run leaves half-done: no temporary file or link, no second set,
			// no link leading nowhere (leftovers).
			"nopartial": func(ts *testscript.TestScript, neg bool, args []string) {
				if bad := leftovers(ts.MkAbs(args[0])); len(bad) > 0 {
					ts.Fatalf("left behind: %s", strings.Join(bad, ", "))
				}
			},
		},
	})
}
