package outset

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/boardpack/boardpack/internal/outset/outsettest"
)

func files(kv ...string) []File {
	var fs []File
	for i := 0; i < len(kv); i += 2 {
		fs = append(fs, File{Name: kv[i], Data: []byte(kv[i+1])})
	}
	return fs
}

func asMap(fs []File) map[string]string {
	m := map[string]string{}
	for _, f := range fs {
		m[f.Name] = string(f.Data)
	}
	return m
}

func same(a, b map[string]string) bool { return fmt.Sprint(a) == fmt.Sprint(b) }

// leftovers lists what a finished run must not leave: temporary files and
// links, sets other than the current one, links leading nowhere.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	var bad []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasSuffix(d.Name(), ".tmp") {
			bad = append(bad, p)
		}
		if d.Type()&os.ModeSymlink != 0 {
			if _, err := os.Stat(p); err != nil {
				bad = append(bad, p+" (dangling)")
			}
		}
		return nil
	})
	sets, _ := os.ReadDir(filepath.Join(dir, StateDir, setsDir))
	if len(sets) != 1 {
		bad = append(bad, fmt.Sprintf("%d sets", len(sets)))
	}
	sort.Strings(bad)
	return bad
}

func TestWriteReplacesTheSetAndKeepsOtherFiles(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, files("cabinet-2023-05.pdf", "may", "manifest.json", "m5"), nil); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, files("cabinet-2023-06.pdf", "june", "manifest.json", "m6"), nil); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"cabinet-2023-05.pdf": "may", "cabinet-2023-06.pdf": "june", "manifest.json": "m6"}
	if got := outsettest.Visible(t, dir); !same(got, want) {
		t.Errorf("folder holds %v, want %v", got, want)
	}
	if bad := leftovers(t, dir); len(bad) > 0 {
		t.Errorf("left behind: %v", bad)
	}
}

// TestFolderOfAnOlderBoardpackIsTakenOver: papers written as plain files by
// a boardpack before sets are replaced by the set's links without their
// bytes changing first, the old writer's temporary files are removed, and
// files boardpack does not write are left alone.
func TestFolderOfAnOlderBoardpackIsTakenOver(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"cabinet-2023-05.pdf": "may", "manifest.json": "m5", "README.txt": "ours",
		".cabinet-2023-05.pdf.12345.tmp": "half", ".boardpack.lock": "",
	} {
		os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644)
	}
	old := map[string]string{"cabinet-2023-05.pdf": "may", "manifest.json": "m5", "README.txt": "ours"}
	want := map[string]string{"cabinet-2023-05.pdf": "may v2", "manifest.json": "m5 v2", "README.txt": "ours"}
	switched := false
	pause := func(step string) {
		got, expect := outsettest.Visible(t, dir), old
		if switched {
			expect = want
		}
		if !same(got, expect) {
			t.Errorf("before step %q a reader saw %v, want %v", step, got, expect)
		}
		switched = switched || step == "switch"
	}
	if err := Write(dir, files("cabinet-2023-05.pdf", "may v2", "manifest.json", "m5 v2"), pause); err != nil {
		t.Fatal(err)
	}
	if got := outsettest.Visible(t, dir); !same(got, want) {
		t.Errorf("folder holds %v, want %v", got, want)
	}
	if _, err := os.Lstat(filepath.Join(dir, ".cabinet-2023-05.pdf.12345.tmp")); err == nil {
		t.Error("the old writer's temporary file is still there")
	}
	if bad := leftovers(t, dir); len(bad) > 0 {
		t.Errorf("left behind: %v", bad)
	}
}

func TestAFolderInTheWayIsAnError(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "manifest.json"), 0o755)
	err := Write(dir, files("manifest.json", "m"), nil)
	if !errors.Is(err, ErrInTheWay) || !strings.Contains(err.Error(), filepath.Join(dir, "manifest.json")) {
		t.Errorf("Write over a folder = %v, want ErrInTheWay naming it", err)
	}
}

// crash is what a crash at a step does to a run: it stops there.
type crash struct{ step string }

// TestCrashAtEveryStepLeavesOneSet stops a run before each of its steps in
// turn (a crash with the disk as it was: the kill test in cmd/boardpack
// kills the real program) and checks the folder then holds all of the old
// set or all of the new one, and that the next run cleans up and
// completes.
func TestCrashAtEveryStepLeavesOneSet(t *testing.T) {
	oldFiles := files("cabinet-2023-06.pdf", "old cabinet", "board-2023-06.pdf", "old board", "manifest.json", "old manifest")
	newFiles := files("cabinet-2023-06.pdf", "new cabinet", "board-2023-06.pdf", "new board",
		"board-2023-06.html", "new html", "manifest.json", "new manifest")
	var steps []string
	probe := t.TempDir()
	Write(probe, oldFiles, nil)
	Write(probe, newFiles, func(s string) { steps = append(steps, s) })
	if len(steps) < 8 {
		t.Fatalf("only %d steps: %v", len(steps), steps)
	}
	sawOld, sawNew := 0, 0
	for i, step := range steps {
		dir := t.TempDir()
		if err := Write(dir, oldFiles, nil); err != nil {
			t.Fatal(err)
		}
		n := 0
		func() {
			defer func() {
				if r := recover(); r != nil && r != (crash{step}) {
					panic(r)
				}
			}()
			Write(dir, newFiles, func(s string) {
				if n == i {
					panic(crash{step})
				}
				n++
			})
		}()
		switch got := outsettest.Visible(t, dir); {
		case same(got, asMap(oldFiles)):
			sawOld++
		case same(got, asMap(newFiles)):
			sawNew++
		default:
			t.Errorf("crash before step %q: the folder holds %v, a mix", step, got)
		}
		if err := Write(dir, newFiles, nil); err != nil {
			t.Fatalf("the run after a crash before %q: %v", step, err)
		}
		if got := outsettest.Visible(t, dir); !same(got, asMap(newFiles)) {
			t.Errorf("after the next run: %v", got)
		}
		if bad := leftovers(t, dir); len(bad) > 0 {
			t.Errorf("crash before %q: the next run left %v", step, bad)
		}
	}
	if sawOld == 0 || sawNew == 0 {
		t.Errorf("old %d, new %d: the crashes did not fall on both sides of the switch", sawOld, sawNew)
	}
	t.Logf("%d steps: %d crashes left the old set, %d the new", len(steps), sawOld, sawNew)
}
