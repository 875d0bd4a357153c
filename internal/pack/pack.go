package pack

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Item is one agenda item's document: a paper boardpack generated (PDF)
// or an external PDF on disk (Path). Set exactly one of them.
type Item struct {
	Title string // the item's bookmark, e.g. "3. Improvement Board highlight report"
	Path  string // an external PDF
	PDF   []byte // a generated paper
	Name  string // names a generated paper in messages; default Title
}

func (it Item) name() string {
	switch {
	case it.Path != "":
		return it.Path
	case it.Name != "":
		return it.Name
	}
	return it.Title
}

// Options are the pack's metadata, and the limits and policy for inputs.
type Options struct {
	Title    string
	Author   string
	Subject  string
	Keywords string
	Language string    // BCP 47 language of the pack; default "en-GB"
	Creator  string    // default "boardpack"
	Date     time.Time // creation and modification date; zero writes none

	// RefuseRestricted refuses files whose owner forbids printing,
	// changing or assembling them (ErrRestricted) instead of including
	// them with a WarnRestricted warning.
	RefuseRestricted bool
	Limits           Limits
}

// Placed is where an item's pages are in the pack: pages Start (counting
// from 1, the cover) to Start+Pages-1.
type Placed struct {
	Start int
	Pages int
}

// Layout is the page plan of a pack.
type Layout struct {
	FrontPages int      // pages of front matter, pages 1 to FrontPages
	Items      []Placed // one per item, in order
	Total      int      // pages in the pack
}

// FrontMatter is the rendered cover, agenda and index.
type FrontMatter struct {
	PDF   []byte
	Links []IndexLink // areas that link to an item's first page
}

// IndexLink makes an area of a front-matter page a link to the first page
// of an item. The area is in millimetres from the top-left corner of the
// page's media box, as fpdf measures.
type IndexLink struct {
	Page       int // front-matter page, from 1
	Item       int // index into the items
	X, Y, W, H float64
}

// FrontMatterFunc renders the front matter for a layout. Assemble calls it
// with FrontPages set to the page count it assumes, and again with the
// actual count if the rendering came out longer or shorter.
type FrontMatterFunc func(Layout) (FrontMatter, error)

// Pack is an assembled pack.
type Pack struct {
	PDF []byte
	Layout
	Warnings []Warning // from every input, in item order
}

// maxFrontRenders bounds the calls of the FrontMatterFunc.
const maxFrontRenders = 4

// Assemble builds the pack: front matter (may be nil for none), then the
// items in order (may be none if there is front matter). If any input is
// refused, the error joins one *FileError per refused input and no pack is
// made.
func Assemble(items []Item, front FrontMatterFunc, opt Options) (*Pack, error) {
	if len(items) == 0 && front == nil {
		return nil, errors.New("pack: no items")
	}
	for i, it := range items {
		if strings.TrimSpace(it.Title) == "" {
			return nil, fmt.Errorf("pack: item %d (%s) has no title", i+1, it.name())
		}
		if (it.Path == "") == (it.PDF == nil) {
			return nil, fmt.Errorf("pack: item %d (%s): give either a file or a generated PDF", i+1, it.Title)
		}
	}
	srcs, err := loadItems(items, opt)
	if err != nil {
		return nil, err
	}
	counts := make([]int, len(srcs))
	for i, s := range srcs {
		counts[i] = len(s.pages)
	}

	var fm *source
	var links []IndexLink
	layout := plan(0, counts)
	if front != nil {
		fm, links, layout, err = renderFront(front, counts, opt)
		if err != nil {
			return nil, err
		}
	}

	all := srcs
	if fm != nil {
		all = append([]*source{fm}, srcs...)
	}
	b := &builder{w: newWriter(all), opt: opt, layout: layout}
	out, err := b.build(fm != nil, items, links)
	if err != nil {
		return nil, fmt.Errorf("pack: %w", err)
	}
	p := &Pack{PDF: out, Layout: layout}
	for _, s := range srcs {
		p.Warnings = append(p.Warnings, s.warnings...)
	}
	return p, nil
}

// loadItems reads every item, two at a time per core, and reports every
// refusal, not just the first.
func loadItems(items []Item, opt Options) ([]*source, error) {
	srcs := make([]*source, len(items))
	errs := make([]error, len(items))
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, it := range items {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			if it.Path != "" {
				srcs[i], errs[i] = loadFile(it.Path, opt)
			} else {
				srcs[i], errs[i] = load(it.name(), it.PDF, opt)
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return srcs, nil
}

func plan(front int, counts []int) Layout {
	l := Layout{FrontPages: front, Items: make([]Placed, len(counts))}
	next := front + 1
	for i, n := range counts {
		l.Items[i] = Placed{Start: next, Pages: n}
		next += n
	}
	l.Total = next - 1
	return l
}

// renderFront calls front until the page count it assumed is the count it
// got.
func renderFront(front FrontMatterFunc, counts []int, opt Options) (*source, []IndexLink, Layout, error) {
	assumed := 1
	var got []int
	for range maxFrontRenders {
		l := plan(assumed, counts)
		fm, err := front(l)
		if err != nil {
			return nil, nil, Layout{}, fmt.Errorf("pack: front matter: %w", err)
		}
		s, err := load("front matter", fm.PDF, Options{Limits: opt.Limits})
		if err != nil {
			return nil, nil, Layout{}, fmt.Errorf("pack: %w", err)
		}
		n := len(s.pages)
		if n == assumed {
			for _, ln := range fm.Links {
				if ln.Page < 1 || ln.Page > n || ln.Item < 0 || ln.Item >= len(counts) {
					return nil, nil, Layout{}, fmt.Errorf("pack: front matter: index link to item %d on page %d is out of range", ln.Item, ln.Page)
				}
			}
			return s, fm.Links, l, nil
		}
		got = append(got, n)
		assumed = n
	}
	return nil, nil, Layout{}, fmt.Errorf("pack: front matter: its page count does not settle (rendered %v pages)", got)
}

// builder turns the loaded sources into the pack's objects.
type builder struct {
	w      *writer
	opt    Options
	layout Layout

	font, pages oref
	opens       map[int]oref // content streams of n "q" operators
}

// openStream is a content stream of n q operators.
func (b *builder) openStream(n int) oref {
	if r, ok := b.opens[n]; ok {
		return r
	}
	r := b.w.add(newObj, types.StreamDict{Dict: types.Dict{}, Raw: []byte(strings.Repeat("q\n", n))})
	b.opens[n] = r
	return r
}

func (b *builder) build(hasFront bool, items []Item, links []IndexLink) (out []byte, err error) {
	w := b.w
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, &FileError{File: w.current, Kind: ErrDamaged, Detail: fmt.Sprintf("copying it failed (%v)", r)}
		}
	}()
	b.font = w.add(newObj, types.Dict{"Type": types.Name("Font"), "Subtype": types.Name("Type1"),
		"BaseFont": types.Name("Helvetica"), "Encoding": types.Name("WinAnsiEncoding")})
	b.opens = map[int]oref{}
	b.pages = w.add(newObj, nil)

	first := 0 // index of the first item source
	if hasFront {
		first = 1
	}
	linksByPage := map[int][]IndexLink{}
	for _, l := range links {
		linksByPage[l.Page] = append(linksByPage[l.Page], l)
	}
	var kids types.Array
	n := 0
	for si, s := range w.srcs {
		w.current = s.name
		for pi, p := range s.pages {
			n++
			var extra types.Array
			if si == 0 && hasFront {
				for _, l := range linksByPage[pi+1] {
					extra = append(extra, b.indexLink(p, l, first))
				}
			}
			if err := b.page(si, p, n, extra); err != nil {
				return nil, fmt.Errorf("%s, page %d: %w", s.name, pi+1, err)
			}
			kids = append(kids, srcRef(si, p.nr))
		}
	}
	w.objs[b.pages.nr].obj = types.Dict{"Type": types.Name("Pages"), "Kids": kids, "Count": types.Integer(len(kids))}

	var marks []*bookmark
	if hasFront {
		w.current = w.srcs[0].name
		marks = append(marks, w.srcs[0].readOutline(0)...)
	}
	for i, it := range items {
		si := first + i
		s := w.srcs[si]
		w.current = s.name
		marks = append(marks, &bookmark{src: newObj, title: textString(it.Title),
			dest: b.destTo(si, s.pages[0]), kids: s.readOutline(si)})
	}
	catalog := types.Dict{"Type": types.Name("Catalog"), "Pages": b.pages,
		"Lang":              textString(b.language()),
		"ViewerPreferences": types.Dict{"DisplayDocTitle": types.Boolean(true)}}
	w.current = "the pack"
	if oc := w.optionalContent(); oc != nil {
		catalog["OCProperties"] = oc
	}
	if len(marks) > 0 {
		root := w.add(newObj, nil)
		f, l, count := w.writeOutline(marks, root)
		w.objs[root.nr].obj = types.Dict{"Type": types.Name("Outlines"), "First": f, "Last": l, "Count": types.Integer(count)}
		catalog["Outlines"] = root
		catalog["PageMode"] = types.Name("UseOutlines")
	}
	return w.write(w.add(newObj, catalog), w.add(newObj, b.info()), b.version())
}

func (b *builder) language() string {
	if b.opt.Language != "" {
		return b.opt.Language
	}
	return "en-GB"
}

func (b *builder) info() types.Dict {
	creator := b.opt.Creator
	if creator == "" {
		creator = "boardpack"
	}
	d := types.Dict{"Creator": textString(creator), "Producer": textString("boardpack")}
	for k, v := range map[string]string{"Title": b.opt.Title, "Author": b.opt.Author, "Subject": b.opt.Subject, "Keywords": b.opt.Keywords} {
		if v != "" {
			d[k] = textString(v)
		}
	}
	if !b.opt.Date.IsZero() {
		date := types.StringLiteral(b.opt.Date.UTC().Format("D:20060102150405Z"))
		d["CreationDate"], d["ModDate"] = date, date
	}
	return d
}

// version is the header version: 1.7, or 2.0 if an input is PDF 2.0.
func (b *builder) version() string {
	for _, s := range b.w.srcs {
		if v := s.ctx.HeaderVersion; v != nil && v.String() == "2.0" {
			return "2.0"
		}
		if v := s.ctx.RootVersion; v != nil && v.String() == "2.0" {
			return "2.0"
		}
	}
	return "1.7"
}

// destTo is an explicit destination showing page p of source si from its
// top-left corner.
func (b *builder) destTo(si int, p page) types.Array {
	x, y := p.topLeft()
	return types.Array{srcRef(si, p.nr), types.Name("XYZ"), types.Float(round4(x)), types.Float(round4(y)), nil}
}

func round4(f float64) float64 { return math.Round(f*1e4) / 1e4 }

// indexLink is a link annotation on front-matter page p for l.
func (b *builder) indexLink(p page, l IndexLink, first int) oref {
	mb, _ := b.w.srcs[0].rectOf(p.media)
	k := mm / p.unit
	x0, y1 := mb.x0+l.X*k, mb.y1-l.Y*k
	x1, y0 := x0+l.W*k, y1-l.H*k
	si := first + l.Item
	return b.w.add(newObj, types.Dict{"Type": types.Name("Annot"), "Subtype": types.Name("Link"),
		"Rect":   types.Array{types.Float(round4(x0)), types.Float(round4(y0)), types.Float(round4(x1)), types.Float(round4(y1))},
		"Border": types.Array{types.Integer(0), types.Integer(0), types.Integer(0)},
		"Dest":   b.destTo(si, b.w.srcs[si].pages[0])})
}

// page replaces page p of source si by a copy with its inherited
// attributes made explicit, its form fields flattened, its links made
// explicit and the pack page number n stamped.
func (b *builder) page(si int, p page, n int, extraAnnots types.Array) error {
	w, s := b.w, b.w.srcs[si]
	d := make(types.Dict, len(p.dict)+6)
	for k, v := range p.dict {
		switch k {
		case "Parent", "B", "AA", "StructParents", "Annots", "Contents", "MediaBox", "CropBox", "Rotate", "Resources":
		default:
			d[k] = v
		}
	}
	d["Type"] = types.Name("Page")
	d["Parent"] = b.pages
	d["MediaBox"] = p.media
	if p.crop != nil {
		d["CropBox"] = p.crop
	}
	if p.rotate != 0 {
		d["Rotate"] = types.Integer(p.rotate)
	}

	res := copyDict(s.dict(p.resources))
	var flats []flatWidget
	annots := types.Array{}
	if arr, ok := s.resolve(p.dict["Annots"]).(types.Array); ok {
		for _, a := range arr {
			ad := s.dict(a)
			if ad == nil {
				continue
			}
			sub, _ := ad["Subtype"].(types.Name)
			switch sub {
			case "Widget":
				if fw, ok := s.flattenWidget(ad); ok {
					flats = append(flats, fw)
				}
				continue
			case "FileAttachment":
				continue // attachments are not carried (WarnAttachmentsDropped)
			case "Popup": // an attachment's pop-up would carry it through /Parent
				if psub, _ := s.dict(ad["Parent"])["Subtype"].(types.Name); psub == "FileAttachment" {
					continue
				}
			}
			if fixed := s.fixAnnot(ad, sub); fixed != nil {
				if r, ok := a.(types.IndirectRef); ok {
					w.set(refIn(si, r), fixed)
				} else {
					a = fixed
				}
			}
			annots = append(annots, a)
		}
	}
	annots = append(annots, extraAnnots...)
	if len(annots) > 0 {
		d["Annots"] = annots
	}

	bal := s.pageBalance(p)
	var tail strings.Builder
	tail.WriteString("\n")
	if bal.inText {
		tail.WriteString("ET\n")
	}
	tail.WriteString(strings.Repeat("Q\n", 1+bal.open))
	if len(flats) > 0 {
		xo := copyDict(s.dict(res["XObject"]))
		for i, fw := range flats {
			name := freeName(xo, fmt.Sprintf("BPkW%d", i+1))
			xo[name] = fw.form
			if sd, changed := formXObject(s.resolve(fw.form).(types.StreamDict)); changed {
				w.set(refIn(si, fw.form), sd)
			}
			fmt.Fprintf(&tail, "q %s cm /%s Do Q\n", nums(fw.m[:]...), name)
		}
		res["XObject"] = xo
	}
	fonts := copyDict(s.dict(res["Font"]))
	fontName := freeName(fonts, "BPkPageNo")
	fonts[fontName] = b.font
	res["Font"] = fonts
	d["Resources"] = res
	tail.WriteString(stampOps(p, fontName, pageLabel(n, b.layout.Total)))

	contents := types.Array{b.openStream(1 + bal.excess)}
	switch c := s.resolve(p.dict["Contents"]).(type) {
	case types.StreamDict:
		contents = append(contents, p.dict["Contents"])
	case types.Array:
		for _, e := range c {
			if _, ok := s.resolve(e).(types.StreamDict); ok {
				contents = append(contents, e)
			}
		}
	}
	contents = append(contents, w.add(newObj, types.StreamDict{Dict: types.Dict{}, Raw: []byte(tail.String())}))
	d["Contents"] = contents
	w.set(srcRef(si, p.nr), d)
	return nil
}

// fixAnnot returns a copy of annotation d without what a pack does not
// carry: additional actions (/AA: scripts run on events) and actions
// other than those fixAction keeps; a link's named destination is made
// explicit. It returns nil if d needs no change.
func (s *source) fixAnnot(d types.Dict, sub types.Name) types.Dict {
	var out types.Dict
	if sub == "Link" {
		out = s.fixLink(d)
	} else if a, ok := d["A"]; ok {
		out = copyDict(d)
		if fixed := s.fixAction(a); fixed != nil {
			out["A"] = fixed
		} else {
			delete(out, "A")
		}
	}
	if _, ok := d["AA"]; ok {
		if out == nil {
			out = copyDict(d)
		}
		delete(out, "AA")
	}
	return out
}

// fixLink returns a copy of link annotation d with its destination made
// explicit, or nil if it needs no change.
func (s *source) fixLink(d types.Dict) types.Dict {
	out := copyDict(d)
	if dest, ok := d["Dest"]; ok {
		if _, explicit := s.resolve(dest).(types.Array); explicit {
			return nil
		}
		if e := s.explicitDest(dest); e != nil {
			out["Dest"] = e
		} else {
			delete(out, "Dest")
		}
		return out
	}
	a := s.dict(d["A"])
	if a == nil {
		return nil
	}
	if typ, _ := a["S"].(types.Name); typ == "GoTo" {
		if _, explicit := s.resolve(a["D"]).(types.Array); explicit {
			return nil
		}
	}
	if fixed := s.fixAction(a); fixed != nil {
		out["A"] = fixed
	} else {
		delete(out, "A")
	}
	return out
}

func copyDict(d types.Dict) types.Dict {
	out := make(types.Dict, len(d)+1)
	for k, v := range d {
		out[k] = v
	}
	return out
}

// freeName returns base, or base with a number, not yet a key of d.
func freeName(d types.Dict, base string) string {
	name := base
	for i := 2; ; i++ {
		if _, taken := d[name]; !taken {
			return name
		}
		name = fmt.Sprintf("%s_%d", base, i)
	}
}

// textString encodes s as a PDF text string: plain ASCII as a literal,
// anything else as UTF-16BE with a byte-order mark.
func textString(s string) types.Object {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
		return types.StringLiteral(r.Replace(s))
	}
	var hb strings.Builder
	hb.WriteString("FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&hb, "%04X", u)
	}
	return types.HexLiteral(hb.String())
}
