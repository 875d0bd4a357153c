package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/boardpack/boardpack/internal/config"
	"github.com/boardpack/boardpack/internal/manifest"
	"github.com/boardpack/boardpack/internal/quality"
	"github.com/boardpack/boardpack/reports"
)

const sampleData = "../../sample-data"

func copySample(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(sampleData)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestSnapshotIsAFileSystem checks the in-memory copy of a data folder
// behaves as a file system, listing what it holds in name order.
func TestSnapshotIsAFileSystem(t *testing.T) {
	snap, err := snapshot(sampleData, "", inputExts)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range snap.Files() {
		names = append(names, f.Path)
	}
	if len(names) < 8 {
		t.Fatalf("snapshot holds %d files: %v", len(names), names)
	}
	if err := fstest.TestFS(snap.FS(), names...); err != nil {
		t.Error(err)
	}
}

// TestManifestHashesTheBytesRead changes a workbook after the run has read
// it: the manifest records what was read, and the papers are made from
// it, not from what is on disk by then.
func TestManifestHashesTheBytesRead(t *testing.T) {
	dir := copySample(t)
	setup, err := Prepare(Options{Data: dir})
	if err != nil {
		t.Fatal(err)
	}
	snap, err := setup.Read()
	if err != nil {
		t.Fatal(err)
	}
	trackers, _ := filepath.Glob(filepath.Join(dir, "2023-06", "Improvement Plan Tracker*.xlsx"))
	before, err := os.ReadFile(trackers[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(trackers[0], []byte("overwritten while the run was going"), 0o644); err != nil {
		t.Fatal(err)
	}
	m := setup.Manifest(snap, "test", nil)
	rel, _ := filepath.Rel(dir, trackers[0])
	found := false
	for _, f := range m.Inputs {
		if f.Path == filepath.ToSlash(rel) {
			found = true
			if f.SHA256 != manifest.Sum(before) {
				t.Errorf("manifest hash of %s is not the hash of the bytes read", rel)
			}
		}
	}
	if !found {
		t.Fatalf("manifest does not list %s: %+v", rel, m.Inputs)
	}
	run, err := setup.Load(context.Background(), snap)
	if err != nil {
		t.Fatal(err)
	}
	if err := run.CheckData(false); err != nil {
		t.Errorf("the run read the file as changed on disk, not as snapshot: %v", err)
	}
}

// TestOutputFolderInsideDataIsNotRead: the papers written into a folder
// inside the data folder are not inputs of the next run.
func TestOutputFolderInsideDataIsNotRead(t *testing.T) {
	dir := copySample(t)
	out := filepath.Join(dir, "papers")
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "notes.md"), []byte("# not an input"), 0o644)
	setup, err := Prepare(Options{Data: dir, Exclude: out})
	if err != nil {
		t.Fatal(err)
	}
	snap, err := setup.Read()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range snap.Files() {
		if strings.HasPrefix(f.Path, "papers/") {
			t.Errorf("the output folder's %s was read as an input", f.Path)
		}
	}
}

func TestErrorKinds(t *testing.T) {
	cases := []struct {
		opts Options
		kind Kind
		want string
	}{
		{Options{}, Usage, "no data folder"},
		{Options{Data: "/no/such/folder"}, IO, "not a folder"},
		{Options{Data: sampleData, Period: "June"}, Usage, `month "June" is not YYYY-MM`},
		{Options{Data: sampleData, Config: "/no/such/boardpack.yaml"}, IO, "read config"},
		{Options{Data: sampleData, Templates: "/no/such/templates"}, IO, "templates folder"},
	}
	for _, c := range cases {
		_, err := Prepare(c.opts)
		if err == nil || KindOf(err) != c.kind || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Prepare(%+v) = %v (%v), want a %v error saying %q", c.opts, err, KindOf(err), c.kind, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "--") {
			t.Errorf("library error %q speaks of flags", err)
		}
	}
	bad := filepath.Join(t.TempDir(), "boardpack.yaml")
	os.WriteFile(bad, []byte("councill: x\n"), 0o644)
	_, err := Prepare(Options{Data: sampleData, Config: bad})
	var ce *config.Error
	if KindOf(err) != Config || !errors.As(err, &ce) || ce.Line != 1 {
		t.Errorf("config mistake: %v (%v)", err, KindOf(err))
	}
	if KindOf(fmt.Errorf("wrapped: %w", Wrap(Data, errors.New("x")))) != Data {
		t.Error("KindOf does not see through wrapping")
	}
}

// TestPapersRefuseDataErrorsUnlessKeepGoing: a run whose data has errors
// makes no papers unless asked to go on; a cancelled run makes none.
func TestPapersRefuseDataErrorsUnlessKeepGoing(t *testing.T) {
	setup, err := Prepare(Options{Data: sampleData})
	if err != nil {
		t.Fatal(err)
	}
	snap, _ := setup.Read()
	run, err := setup.Load(context.Background(), snap)
	if err != nil {
		t.Fatal(err)
	}
	req := Request{Kinds: []reports.Kind{reports.Appendix}}
	ps, err := run.Papers(context.Background(), req)
	if err != nil || len(ps) != 1 || ps[0].Name != "appendix-2023-06.pdf" || ps[0].Pages < 2 {
		t.Fatalf("papers: %v %+v", err, ps)
	}
	run.Quality.Problems = append(run.Quality.Problems, quality.Problem{Severity: quality.Error, File: "x.xlsx", Message: "bad"})
	if _, err := run.Papers(context.Background(), req); KindOf(err) != Data {
		t.Errorf("papers from data with an error: %v, want a data error", err)
	}
	req.KeepGoing = true
	if _, err := run.Papers(context.Background(), req); err != nil {
		t.Errorf("papers with KeepGoing: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := run.Papers(ctx, req); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled run: %v", err)
	}
}

// TestREADMEConfigExample: the headers and vocabulary example in the README
// is a config boardpack accepts, every heading naming a column it knows.
func TestREADMEConfigExample(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	start := strings.Index(text, "```yaml\n# Headings of your exports")
	if start < 0 {
		t.Fatal("the README has no headers and vocabulary example")
	}
	block := text[start+len("```yaml\n"):]
	block = block[:strings.Index(block, "```")]
	c, err := config.Parse("README example", []byte(block))
	if err != nil {
		t.Fatalf("the README's example is refused: %v", err)
	}
	m, err := headerMap(c)
	if err != nil || len(m) != 4 || len(c.Vocabulary.RAG) != 2 || len(c.Vocabulary.Status) != 2 {
		t.Errorf("example read as %v %+v (%v)", m, c.Vocabulary, err)
	}
}

// TestMisnamedMonthFolderStopsThePapers: June's exports in a folder named
// "2023-06 FINAL" used to be passed over, and May's papers were made as
// the latest with exit 0. It is an error that stops the papers even going
// on past rows in error, which would make the same wrong papers.
func TestMisnamedMonthFolderStopsThePapers(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(sampleData)); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, "2023-06"), filepath.Join(dir, "2023-06 FINAL")); err != nil {
		t.Fatal(err)
	}
	run := open(t, Options{Data: dir})
	for _, keepGoing := range []bool{false, true} {
		ps, err := run.Papers(context.Background(), Request{Kinds: []reports.Kind{reports.Appendix}, KeepGoing: keepGoing})
		if KindOf(err) != Data || !strings.Contains(err.Error(), "2023-06 FINAL") {
			var names []string
			for _, p := range ps {
				names = append(names, p.Name)
			}
			t.Errorf("keep going %v: papers %v, err %v; want a data error naming the folder", keepGoing, names, err)
		}
	}
}

// TestNarrativeNamingAConfidentialActionIsAWarning: the narrative prints as
// written in Open papers, so one that names a confidential action's
// reference (June's WF-15) undoes what the papers withhold. It used to
// print without a word; it is a warning in the log naming the line, never
// the reference.
func TestNarrativeNamingAConfidentialActionIsAWarning(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(sampleData)); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(dir, "2023-06", "narrative.md"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(f, "\n# Risks and issues\n- The investigation under WF-15 continues.\n- WF-150 and XWF-15 are other things.\n")
	f.Close()
	run, err := Open(context.Background(), Options{Data: dir})
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, n := range run.Notices {
		if strings.Contains(n, "narrative.md") && strings.Contains(n, "confidential") {
			found = append(found, n)
		}
	}
	if len(found) != 1 || !strings.Contains(found[0], "2023-06/narrative.md: line ") {
		t.Fatalf("notices about the narrative: %q; want one naming the file and line", found)
	}
	if strings.Contains(found[0], "WF-15") {
		t.Errorf("the notice names the reference: %s", found[0])
	}
	// Not in the data-quality report, whose note the Open Board paper
	// prints: it would say which reference is confidential.
	for _, p := range run.Quality.Problems {
		if strings.Contains(p.Message, "confidential") {
			t.Errorf("the data-quality report says %s", p)
		}
	}
}
