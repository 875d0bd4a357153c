package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/boardpack/boardpack/internal/manifest"
	"github.com/boardpack/boardpack/internal/outset"
	"github.com/boardpack/boardpack/internal/outset/outsettest"
)

// TestKilledRunsLeaveOneSet runs the program (the test binary as
// boardpack-slowed: main with its output writer slowed, each step named on
// stderr and followed by a pause), and kills it with SIGKILL during a run
// that replaces June's papers with new ones, BOARDPACK_KILLS times (8 by
// default, for a quick go test ./...; scripts/test.sh, which CI runs, asks
// for 100). The moments are spread over the writing: the writing time (and
// a tenth more, so some runs finish) is cut into as many equal slices as
// there are kills, and each kill falls at a random moment of its own slice,
// so every run of the test kills early, midway and late. After each kill
// the output folder must hold all of the old set or all of the new one,
// each paper with the hash its visible manifest gives; the next run (in the
// test process: nothing kills it) must complete the new set and leave no
// temporary file, spare set or dangling link. internal/outset's
// TestCrashAtEveryStepLeavesOneSet stops a run before each of its steps in
// turn; this test kills the real program.
func TestKilledRunsLeaveOneSet(t *testing.T) {
	kills := 8
	if s := os.Getenv("BOARDPACK_KILLS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			t.Fatalf("BOARDPACK_KILLS=%q: want a number of kills, 1 or more", s)
		}
		kills = n
	}
	t.Parallel()
	work := t.TempDir()
	bin := slowedProgram(t)
	// The new data: June's narrative reworded, so the Cabinet, Scrutiny and
	// Board papers and the manifest change; the new run also adds the HTML
	// companions, names the old set does not have.
	newData := filepath.Join(work, "data")
	if err := os.CopyFS(newData, os.DirFS(sampleData)); err != nil {
		t.Fatal(err)
	}
	narr := filepath.Join(newData, "2023-06", "narrative.md")
	b, err := os.ReadFile(narr)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(narr, bytes.Replace(b, []byte("Half the plan is now delivered."), []byte("Half the plan is now delivered, and this run was killed."), 1), 0o644)
	oldArgs := []string{"generate", "--data", sampleData, "--quiet"}
	newArgs := []string{"generate", "--data", newData, "--quiet", "--format", "pdf,html"}

	// The runs to kill are processes; the others, which nothing
	// interrupts, run in the test process (the same Run main calls).
	run := func(out string, args []string, pause string) *exec.Cmd {
		cmd := exec.Command(bin, append(args, "--out", out)...)
		cmd.Env = append(os.Environ(), "BOARDPACK_STEP_PAUSE="+pause)
		return cmd
	}
	runInTest := func(out string, args []string) ([]byte, error) {
		var b bytes.Buffer
		err := Run(context.Background(), processEnv(), append(args, "--out", out), &b, &b)
		return b.Bytes(), err
	}
	pristine := filepath.Join(work, "old")
	if out, err := runInTest(pristine, oldArgs); err != nil {
		t.Fatalf("old run: %v\n%s", err, out)
	}
	ref := filepath.Join(work, "ref")
	if out, err := runInTest(ref, newArgs); err != nil {
		t.Fatalf("new run: %v\n%s", err, out)
	}
	oldSet, newSet := outsettest.Visible(t, pristine), outsettest.Visible(t, ref)
	if oldSet[manifest.Name] == newSet[manifest.Name] || len(newSet) <= len(oldSet) {
		t.Fatal("the old and new sets do not differ as the test needs")
	}

	// How long the slowed writing takes, to kill within it.
	const pause = "3ms"
	probe := filepath.Join(work, "probe")
	copyTree(t, pristine, probe)
	writing, _, err := killAfter(run(probe, newArgs, pause), -1)
	if err != nil {
		t.Fatalf("slowed run: %v", err)
	}

	// Each kill is a subtest, run in parallel (up to go test -parallel at
	// a time, the number of cores by default): a killed run mostly waits
	// out its pauses.
	seed := uint64(time.Now().UnixNano())
	t.Logf("kill moments drawn from seed %d", seed)
	rng := rand.New(rand.NewPCG(17, seed))
	var mu sync.Mutex
	left := map[string]int{}
	byStep := map[string]int{}
	t.Run("kills", func(t *testing.T) {
		window := float64(writing) * 11 / 10
		for i := range kills {
			// A moment in the i-th of kills equal slices of the writing.
			after := time.Duration((float64(i) + rng.Float64()) * window / float64(kills))
			t.Run(fmt.Sprintf("%02d", i), func(t *testing.T) {
				t.Parallel()
				out := filepath.Join(work, fmt.Sprintf("out%d", i))
				copyTree(t, pristine, out)
				_, step, err := killAfter(run(out, newArgs, pause), after)
				if err != nil {
					t.Fatal(err)
				}
				when := fmt.Sprintf("killed %v into the writing, during %s", after.Round(100*time.Microsecond), step)
				got := outsettest.Visible(t, out)
				outcome := "a mix"
				switch {
				case equalSets(got, oldSet):
					outcome = "old"
				case equalSets(got, newSet):
					outcome = "new"
				}
				mu.Lock()
				byStep[step]++
				left[outcome]++
				mu.Unlock()
				if outcome == "a mix" {
					t.Fatalf("%s: the folder holds a mix: %s", when, describe(got, oldSet, newSet, "old", "new"))
				}
				checkManifest(t, out, got)

				if b, err := runInTest(out, newArgs); err != nil {
					t.Fatalf("%s: the next run failed: %v\n%s", when, err, b)
				}
				if got := outsettest.Visible(t, out); !equalSets(got, newSet) {
					t.Errorf("%s: after the next run: %s", when, describe(got, oldSet, newSet, "old", "new"))
				}
				if bad := leftovers(out); len(bad) > 0 {
					t.Errorf("%s: the next run left %v", when, bad)
				}
				os.RemoveAll(out)
			})
		}
	})
	t.Logf("%d kills (writing slowed to %v, %s a step): %d left the old set, %d the new, %d a mix; killed during: %v",
		kills, writing.Round(time.Millisecond), pause, left["old"], left["new"], left["a mix"], byStep)
}

// killAfter starts cmd and kills it with SIGKILL at after past its first
// step of writing (never, when after < 0). It returns how long the writing
// had taken when the run ended, and the step it was in: the last step
// named, or "finished" when it ran to the end. A run that names no step
// is an error: it could not have been killed while writing.
func killAfter(cmd *exec.Cmd, after time.Duration) (took time.Duration, step string, err error) {
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return 0, "", err
	}
	if err := cmd.Start(); err != nil {
		return 0, "", err
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var started time.Time
	var timer <-chan time.Time
	last, killed := "", false
	for lines != nil {
		select {
		case l, ok := <-lines:
			if !ok {
				lines = nil
				continue
			}
			if !strings.HasPrefix(l, "step ") {
				continue
			}
			last, _, _ = strings.Cut(strings.TrimPrefix(l, "step "), " ")
			if started.IsZero() {
				started = time.Now()
				if after >= 0 {
					timer = time.After(after)
				}
			}
		case <-timer:
			cmd.Process.Kill()
			killed, timer = true, nil
		}
	}
	werr := cmd.Wait()
	if started.IsZero() {
		// Nothing to time or kill within: every run would finish and
		// pass. (A run that fails before writing says why in its error.)
		if werr != nil {
			return 0, "", fmt.Errorf("%s: %w", strings.Join(cmd.Args, " "), werr)
		}
		return 0, "", fmt.Errorf("%s named no step of writing on stderr: the writer does not call stepPause's hook (BOARDPACK_STEP_PAUSE), so no run can be killed while it writes", strings.Join(cmd.Args, " "))
	}
	took = time.Since(started)
	if !killed {
		if werr != nil {
			return took, "", fmt.Errorf("%s: %w", strings.Join(cmd.Args, " "), werr)
		}
		return took, "finished", nil
	}
	if st := cmd.ProcessState; st.Success() {
		last = "finished"
	}
	return took, last, nil
}

// slowedProgram is the path of boardpack-slowed, the copy of the test
// binary that TestMain puts on $PATH to run as the program with slowed
// steps (no go build: the test binary holds the program).
func slowedProgram(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("boardpack-slowed")
	if err != nil {
		t.Fatalf("boardpack-slowed is not on $PATH (TestMain puts it there): %v", err)
	}
	return bin
}

// runSlowed is boardpack-slowed: the program's main with its output writer
// slowed when BOARDPACK_STEP_PAUSE is a duration: before each step it
// prints "step NAME" on stderr and sleeps that long, so the test can kill
// the run between any two steps and tell which step it interrupted.
//
// With BOARDPACK_STEP_GATE set instead, it names the first step and then
// waits until its standard input is closed: the test acts between the
// reading and the writing of a run, with no sleep to wait out.
func runSlowed() {
	if os.Getenv("BOARDPACK_STEP_GATE") != "" {
		var gate sync.Once
		stepPauseHook = func(step string) {
			fmt.Fprintf(os.Stderr, "step %s\n", step)
			gate.Do(func() { io.Copy(io.Discard, os.Stdin) })
		}
	}
	if d, err := time.ParseDuration(os.Getenv("BOARDPACK_STEP_PAUSE")); err == nil {
		stepPauseHook = func(step string) {
			fmt.Fprintf(os.Stderr, "step %s\n", step)
			time.Sleep(d)
		}
	}
	main()
}

// TestWorkbookRewrittenDuringARun: the June tracker is replaced (by May's)
// while a run is writing its papers. The manifest must name the bytes the
// run read, and the papers must be those of the data as read: both equal
// to a run that was left alone.
func TestWorkbookRewrittenDuringARun(t *testing.T) {
	t.Parallel()
	work := t.TempDir()
	bin := slowedProgram(t)
	data := filepath.Join(work, "data")
	if err := os.CopyFS(data, os.DirFS(sampleData)); err != nil {
		t.Fatal(err)
	}
	june, _ := filepath.Glob(filepath.Join(data, "2023-06", "Improvement Plan Tracker*.xlsx"))
	may, _ := filepath.Glob(filepath.Join(data, "2023-05", "Improvement Plan Tracker*.xlsx"))
	if len(june) != 1 || len(may) != 1 {
		t.Fatalf("trackers: %v %v", june, may)
	}
	args := func(out string) []string { return []string{"generate", "--data", data, "--out", out, "--quiet"} }
	if b, err := exec.Command(bin, args(filepath.Join(work, "ref"))...).CombinedOutput(); err != nil {
		t.Fatalf("reference run: %v\n%s", err, b)
	}

	// The run stops at its first step of writing until the test closes
	// its standard input, after replacing the workbook.
	cmd := exec.Command(bin, args(filepath.Join(work, "out"))...)
	cmd.Env = append(os.Environ(), "BOARDPACK_STEP_GATE=1")
	gate, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	stepped := false
	for !stepped && sc.Scan() {
		stepped = strings.HasPrefix(sc.Text(), "step ")
	}
	if !stepped {
		t.Fatal("the run ended without reaching a step of writing")
	}
	other, err := os.ReadFile(may[0])
	if err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(june[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(june[0], other, 0o644); err != nil {
		t.Fatal(err)
	}
	gate.Close()
	io.Copy(io.Discard, stderr)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the run: %v", err)
	}
	ref, out := outsettest.Visible(t, filepath.Join(work, "ref")), outsettest.Visible(t, filepath.Join(work, "out"))
	if !equalSets(ref, out) {
		t.Errorf("the rewritten workbook changed the run: %s", describe(out, ref, nil, "the reference", ""))
	}
	rel, _ := filepath.Rel(data, june[0])
	var m manifest.Manifest
	if err := json.Unmarshal([]byte(out[manifest.Name]), &m); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, in := range m.Inputs {
		if in.Path == filepath.ToSlash(rel) {
			found = true
			if in.SHA256 != manifest.Sum(before) {
				t.Errorf("the manifest gives %s the hash %s, not that of the bytes the run read", rel, in.SHA256)
			}
		}
	}
	if !found {
		t.Errorf("the manifest does not list %s", rel)
	}
}

func equalSets(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// describe says, for each file of a folder, which set its bytes are from.
func describe(got, oldSet, newSet map[string]string, oldName, newName string) string {
	var parts []string
	for name, b := range got {
		from := "neither"
		switch {
		case oldSet[name] == b && newSet[name] == b:
			from = "both"
		case oldSet[name] == b:
			from = oldName
		case newSet[name] == b:
			from = newName
		}
		parts = append(parts, name+"="+from)
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

// checkManifest checks each paper the visible manifest lists has the hash
// it gives.
func checkManifest(t *testing.T, dir string, got map[string]string) {
	t.Helper()
	var m manifest.Manifest
	if err := json.Unmarshal([]byte(got[manifest.Name]), &m); err != nil {
		t.Fatalf("manifest: %v", err)
	}
	for _, o := range m.Outputs {
		if manifest.Sum([]byte(got[o.Path])) != o.SHA256 {
			t.Errorf("%s: %s does not have the hash its manifest gives", dir, o.Path)
		}
	}
}

// leftovers lists what a finished run must not leave in an output folder:
// temporary files and links, sets besides the current one, links leading
// nowhere.
func leftovers(dir string) []string {
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
	if sets, _ := os.ReadDir(filepath.Join(dir, outset.StateDir, "sets")); len(sets) != 1 {
		bad = append(bad, fmt.Sprintf("%d sets", len(sets)))
	}
	return bad
}

// copyTree copies an output folder, links as links.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(dst, 0o755)
		case d.Type()&os.ModeSymlink != 0:
			l, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(l, dst)
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		outF, err := os.Create(dst)
		if err != nil {
			return err
		}
		_, err = io.Copy(outF, in)
		if cerr := outF.Close(); err == nil {
			err = cerr
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
