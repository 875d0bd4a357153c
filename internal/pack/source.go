package pack

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/boardpack/boardpack/internal/inputfile"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Limits bound the time and memory one input may take.
type Limits struct {
	MaxFileBytes int64         // larger files are refused (ErrTooLarge)
	MaxPages     int           // files with more pages are refused (ErrTooLarge)
	ReadTimeout  time.Duration // reading one file longer than this is a refusal (ErrDamaged)
}

// DefaultLimits: 100 MiB and 2,000 pages a file, 30 s to read it. A board
// pack's largest attachments (inspection reports, scanned minutes) are a
// few MB and under 100 pages.
var DefaultLimits = Limits{MaxFileBytes: 100 << 20, MaxPages: 2000, ReadTimeout: 30 * time.Second}

func (l Limits) orDefault() Limits {
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = DefaultLimits.MaxFileBytes
	}
	if l.MaxPages <= 0 {
		l.MaxPages = DefaultLimits.MaxPages
	}
	if l.ReadTimeout <= 0 {
		l.ReadTimeout = DefaultLimits.ReadTimeout
	}
	return l
}

// Info describes an external PDF that can go into a pack.
type Info struct {
	File      string
	Pages     int
	Encrypted bool // encrypted with an empty open password
	Signed    bool // carries a digital, certification or usage-rights signature
	Warnings  []Warning
}

// Check reads the PDF at path and says whether it can go into a pack: a
// *FileError (with ErrNotPDF, ErrPasswordProtected, ErrDamaged, ErrTooLarge
// or ErrRestricted) if not, else its page count and warnings. It never
// panics, and limits the time and memory one file may take (opt.Limits).
func Check(path string, opt Options) (Info, error) {
	s, err := loadFile(path, opt)
	if err != nil {
		return Info{}, err
	}
	return s.info(), nil
}

// source is one parsed input: the front matter, a generated paper or an
// external PDF.
type source struct {
	name      string
	ctx       *model.Context
	root      types.Dict // the document catalog
	pages     []page
	blocked   map[int]bool // objects never copied: catalog, page tree nodes, outlines...
	encrypted bool
	signed    bool
	hasForm   bool     // has non-signature form fields with widgets
	unshown   []string // names of fields with a value but no appearance to draw it
	warnings  []Warning

	pageIdx   map[int]int             // page object number -> index, built on first use
	destNames map[string]types.Object // the /Names /Dests tree, read on first use
}

func (s *source) info() Info {
	return Info{File: s.name, Pages: len(s.pages), Encrypted: s.encrypted, Signed: s.signed, Warnings: s.warnings}
}

func loadFile(path string, opt Options) (*source, error) {
	lim := opt.Limits.orDefault()
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() && st.Size() > lim.MaxFileBytes {
		return nil, &FileError{File: path, Kind: ErrTooLarge,
			Detail: fmt.Sprintf(tooLargeText, sizeText(st.Size()), sizeText(lim.MaxFileBytes))}
	}
	// inputfile reads regular files only: opening a named pipe would wait
	// for a writer for ever.
	data, err := inputfile.Read(path, lim.MaxFileBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &FileError{File: path, Kind: ErrNotFound,
			Detail: "there is no file there; check the path (a file in the agenda is relative to boardpack.yaml, an --attach file to the current folder)"}
	}
	if err != nil {
		return nil, &FileError{File: path, Kind: ErrDamaged, Detail: "cannot read the file", Err: err}
	}
	return load(path, data, opt)
}

var disableConfigDir sync.Once

// readPDF is pdfcpu's reader; tests replace it to check that its panics
// are caught.
var readPDF = pdfcpu.ReadWithContext

// load parses data as a PDF named name (for messages).
func load(name string, data []byte, opt Options) (s *source, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, &FileError{File: name, Kind: ErrDamaged, Detail: fmt.Sprintf("reading it failed (%v)", r)}
		}
	}()
	lim := opt.Limits.orDefault()
	if int64(len(data)) > lim.MaxFileBytes {
		return nil, &FileError{File: name, Kind: ErrTooLarge,
			Detail: fmt.Sprintf(tooLargeText, sizeText(int64(len(data))), sizeText(lim.MaxFileBytes))}
	}
	if err := sniff(data); err != nil {
		return nil, &FileError{File: name, Kind: ErrNotPDF, Detail: err.Error()}
	}
	ctx, err := parse(data, lim.ReadTimeout)
	if err != nil {
		if errors.Is(err, pdfcpu.ErrWrongPassword) {
			return nil, &FileError{File: name, Kind: ErrPasswordProtected,
				Detail: "it cannot be opened without a password; ask the sender for a copy without one", Err: err}
		}
		if bytes.Contains(data, []byte("/Encrypt")) && strings.Contains(strings.ToLower(err.Error()), "encrypt") {
			return nil, &FileError{File: name, Kind: ErrPasswordProtected,
				Detail: "its encryption cannot be opened; ask the sender for a copy without a password", Err: err}
		}
		return nil, &FileError{File: name, Kind: ErrDamaged,
			Detail: "it cannot be read (" + err.Error() + "); ask the sender for a fresh copy, or open it in a PDF reader and save or print it as a new PDF", Err: err}
	}
	s = &source{name: name, ctx: ctx, blocked: map[int]bool{}}
	s.root = s.dict(*ctx.Root)
	if s.root == nil {
		return nil, &FileError{File: name, Kind: ErrDamaged, Detail: "its document catalog is missing or not a dictionary"}
	}
	if err := s.inspect(lim, opt.RefuseRestricted); err != nil {
		return nil, err
	}
	return s, nil
}

const tooLargeText = "%s; the limit for one file is %s; ask for a smaller copy (scans at a lower resolution), or attach the part members need"

func sizeText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d bytes", n)
}

// sniff refuses data that is not a PDF before any parser sees it: the
// header must appear in the first 1024 bytes, as readers require.
func sniff(data []byte) error {
	head := data[:min(len(data), 1024)]
	if bytes.Contains(head, []byte("%PDF-")) {
		return nil
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return errors.New("the file is empty")
	}
	low := bytes.ToLower(head)
	if bytes.Contains(low, []byte("<html")) || bytes.Contains(low, []byte("<!doctype")) {
		return errors.New(`it is a web page (HTML) with no "%PDF-" header; open the link in a browser and download the document itself`)
	}
	for _, k := range notPDFKinds {
		if bytes.HasPrefix(data, []byte(k.magic)) {
			return fmt.Errorf("it is %s; save or print it as a PDF", k.what)
		}
	}
	start := head[:min(len(head), 16)]
	return fmt.Errorf(`there is no "%%PDF-" header; the file starts with %q`, start)
}

// notPDFKinds are the files most often sent with a .pdf name by mistake,
// by their first bytes.
var notPDFKinds = []struct{ magic, what string }{
	{"\x89PNG\r\n\x1a\n", "a PNG image"},
	{"\xff\xd8\xff", "a JPEG image"},
	{"GIF8", "a GIF image"},
	{"II*\x00", "a TIFF image"},
	{"MM\x00*", "a TIFF image"},
	{"PK\x03\x04", "a Word, Excel or PowerPoint file or a zip archive"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an older Word or Excel file (.doc, .xls)"},
	{"{\\rtf", "a rich-text (RTF) document"},
}

// parse runs pdfcpu's reader with a deadline and turns its panics into
// errors. On a timeout the reader is told to stop and abandoned.
func parse(data []byte, timeout time.Duration) (*model.Context, error) {
	disableConfigDir.Do(api.DisableConfigDir) // never write ~/.config/pdfcpu
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.Limits.MaxStreamBytes = int64(len(data))
	conf.Limits.MaxDecodeBytes = 256 << 20
	c, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	type result struct {
		ctx *model.Context
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- result{err: fmt.Errorf("the PDF reader failed on this file (%v)", r)}
			}
		}()
		ctx, err := readPDF(c, bytes.NewReader(data), conf)
		done <- result{ctx, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			return nil, r.err
		}
		if r.ctx == nil || r.ctx.Root == nil {
			return nil, errors.New("it has no document catalog")
		}
		return r.ctx, nil
	case <-c.Done():
		return nil, fmt.Errorf("reading it took longer than %v", timeout)
	}
}

// inspect walks the page tree and records what the pack must know and the
// warnings to give.
func (s *source) inspect(lim Limits, refuseRestricted bool) error {
	if err := s.walkPages(lim.MaxPages); err != nil {
		return err
	}
	if len(s.pages) == 0 {
		return &FileError{File: s.name, Kind: ErrDamaged, Detail: "it has no pages"}
	}
	root := s.root
	if r := s.ctx.Root; r != nil {
		s.blocked[r.ObjectNumber.Value()] = true
	}
	if r := s.ctx.Info; r != nil {
		s.blocked[r.ObjectNumber.Value()] = true
	}
	for _, k := range []string{"Outlines", "StructTreeRoot", "AcroForm", "Names", "Dests", "Perms", "OCProperties"} {
		if r, ok := root[k].(types.IndirectRef); ok {
			s.blocked[r.ObjectNumber.Value()] = true
		}
	}
	if e := s.ctx.E; e != nil {
		s.encrypted = true
		denied := deniedPermissions(e.P, e.R)
		if len(denied) > 0 {
			list := strings.Join(denied, ", ")
			if refuseRestricted && (containsAny(denied, "printing", "changing", "assembling")) {
				return &FileError{File: s.name, Kind: ErrRestricted,
					Detail: "its owner forbids " + list + "; ask the sender for an unrestricted copy"}
			}
			s.warnings = append(s.warnings, Warning{File: s.name, Kind: WarnRestricted,
				Message: "its owner forbids " + list + " (it opens without a password); the pack does not carry these restrictions: check the document may be circulated"})
		}
	}
	s.inspectForm()
	if s.signed {
		s.warnings = append(s.warnings, Warning{File: s.name, Kind: WarnSigned,
			Message: "it is digitally signed; a signature cannot stay valid inside a pack, so the pack keeps how the signature looks but not the signature: keep the signed original as the authoritative copy"})
	}
	if s.hasForm {
		s.warnings = append(s.warnings, Warning{File: s.name, Kind: WarnFormFlattened,
			Message: "it has form fields; the pack shows what they contain but they can no longer be filled in"})
	}
	if len(s.unshown) > 0 {
		list := s.unshown
		if len(list) > 5 {
			list = append(list[:5:5], fmt.Sprintf("and %d more", len(s.unshown)-5))
		}
		s.warnings = append(s.warnings, Warning{File: s.name, Kind: WarnFormValuesNotShown,
			Message: "the values of its form fields " + strings.Join(list, ", ") + " do not show in the pack: the form leaves drawing them to the reader; ask the sender for a flattened copy, or print the form to PDF"})
	}
	attached := s.pageHasAttachment()
	if names, ok := s.resolve(root["Names"]).(types.Dict); ok && s.treeHasEntries(names["EmbeddedFiles"], 0) {
		attached = true
	}
	if attached {
		s.warnings = append(s.warnings, Warning{File: s.name, Kind: WarnAttachmentsDropped,
			Message: "files attached to it are not carried into the pack; circulate them separately if members need them"})
	}
	return nil
}

// pageHasAttachment says whether a page carries a file attachment
// annotation, which the pack drops.
func (s *source) pageHasAttachment() bool {
	for _, p := range s.pages {
		annots, _ := s.resolve(p.dict["Annots"]).(types.Array)
		for _, a := range annots {
			if sub, _ := s.dict(a)["Subtype"].(types.Name); sub == "FileAttachment" {
				return true
			}
		}
	}
	return false
}

// treeHasEntries says whether name tree o holds at least one entry.
func (s *source) treeHasEntries(o types.Object, depth int) bool {
	node := s.dict(o)
	if node == nil || depth > 32 {
		return false
	}
	if kv, ok := s.resolve(node["Names"]).(types.Array); ok && len(kv) >= 2 {
		return true
	}
	kids, _ := s.resolve(node["Kids"]).(types.Array)
	for _, k := range kids {
		if s.treeHasEntries(k, depth+1) {
			return true
		}
	}
	return false
}

// deniedPermissions lists, in words, what the permission flags P (PDF
// 32000-1, table 22) forbid.
func deniedPermissions(p, r int) []string {
	bit := func(n int) bool { return p&(1<<(n-1)) != 0 }
	var out []string
	switch {
	case !bit(3):
		out = append(out, "printing")
	case r >= 3 && !bit(12):
		out = append(out, "high-quality printing")
	}
	if !bit(4) {
		out = append(out, "changing")
	}
	if !bit(5) {
		out = append(out, "copying text")
	}
	if !bit(6) {
		out = append(out, "commenting")
	}
	if r >= 3 && !bit(11) {
		out = append(out, "assembling") // from revision 3 on, bit 11 alone controls it
	}
	return out
}

func containsAny(list []string, want ...string) bool {
	for _, s := range list {
		for _, w := range want {
			if s == w {
				return true
			}
		}
	}
	return false
}

// inspectForm records whether the file is signed (a signature field with
// a value, or a /Perms entry: certification or usage rights) and whether
// it has other form fields.
func (s *source) inspectForm() {
	root := s.root
	if _, ok := root["Perms"]; ok {
		s.signed = true
	}
	form, _ := s.resolve(root["AcroForm"]).(types.Dict)
	if form == nil {
		return
	}
	fields, _ := s.resolve(form["Fields"]).(types.Array)
	seen := map[int]bool{}
	var walk func(o types.Object, ft, name string, value types.Object, depth int)
	walk = func(o types.Object, ft, name string, value types.Object, depth int) {
		if depth > 32 {
			return
		}
		if r, ok := o.(types.IndirectRef); ok {
			if seen[r.ObjectNumber.Value()] {
				return
			}
			seen[r.ObjectNumber.Value()] = true
		}
		d, _ := s.resolve(o).(types.Dict)
		if d == nil {
			return
		}
		if n, ok := d["FT"].(types.Name); ok {
			ft = string(n)
		}
		if t, ok := stringBytes(s.resolve(d["T"])); ok && t != "" {
			name = t
		}
		if v, ok := d["V"]; ok {
			value = s.resolve(v)
		}
		kids, _ := s.resolve(d["Kids"]).(types.Array)
		if ft == "Sig" {
			if s.resolve(d["V"]) != nil {
				s.signed = true
			}
		} else if ft != "" && len(kids) == 0 {
			s.hasForm = true
			if s.lacksAppearance(d) && hasValue(value) && !slices.Contains(s.unshown, name) {
				s.unshown = append(s.unshown, name)
			}
		}
		for _, k := range kids {
			walk(k, ft, name, value, depth+1)
		}
	}
	for _, f := range fields {
		walk(f, "", "", nil, 0)
	}
}

// lacksAppearance says whether widget d is meant to be seen but has no
// appearance the pack can draw.
func (s *source) lacksAppearance(d types.Dict) bool {
	if _, ok := s.rectOf(d["Rect"]); !ok {
		return false // a field without a widget
	}
	if f, ok := s.number(d["F"]); ok && int(f)&(annotHidden|annotNoView) != 0 {
		return false
	}
	_, shown := s.flattenWidget(d)
	return !shown
}

// hasValue says whether a field value would show: a non-empty string, a
// choice other than Off, a non-empty list.
func hasValue(v types.Object) bool {
	switch v := v.(type) {
	case types.StringLiteral, types.HexLiteral:
		b, ok := stringBytes(v)
		return ok && strings.TrimSpace(b) != ""
	case types.Name:
		return v != "" && v != "Off"
	case types.Array:
		return len(v) > 0
	}
	return false
}

// resolve follows indirect references to the object they name; nil for a
// missing or free object or a chain of references.
func (s *source) resolve(o types.Object) types.Object {
	for range 16 {
		r, ok := o.(types.IndirectRef)
		if !ok {
			return o
		}
		o = s.object(r.ObjectNumber.Value())
	}
	return nil
}

// object returns object nr, decoding it from its object stream if need be;
// nil if it is missing, free or cannot be decoded.
func (s *source) object(nr int) types.Object {
	e, ok := s.ctx.Table[nr]
	if !ok || e == nil || e.Free {
		return nil
	}
	if _, lazy := e.Object.(types.LazyObjectStreamObject); lazy {
		o, err := s.ctx.Dereference(*types.NewIndirectRef(nr, 0))
		if err != nil {
			return nil
		}
		return o
	}
	return e.Object
}

func (s *source) dict(o types.Object) types.Dict {
	d, _ := s.resolve(o).(types.Dict)
	return d
}
