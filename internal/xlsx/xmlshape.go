package xlsx

import (
	"bytes"
	"encoding"
	"encoding/xml"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"
)

// xmlShape is what encoding/xml, decoding a well-formed part into one of
// excelize's types, can still fail on: the root element the type expects,
// and the attributes and texts it converts to numbers or booleans (or
// decodes with code of its own). It is derived from excelize's type by
// reflection (see shapeOf), so it follows excelize; the light open uses it
// to be sure that excelize would open a workbook before not asking it to.
//
// Elements are known by their local names only, whatever their parent: a
// check is made wherever an element so named appears, which can only make
// the light open give up where excelize would have succeeded, never the
// other way round.
type xmlShape struct {
	root, ns string
	attrs    map[string]map[string][]reflect.Type // element -> attribute -> types its value converts to; element "*" for any
	texts    map[string][]reflect.Type            // element -> types its text converts to
	boolVals map[string]bool                      // elements excelize decodes as attrValBool
	opaque   map[string]bool                      // elements decoded by code not modelled here: never sure
}

// Shapes of the parts excelize decodes when it opens a workbook.
var (
	shapesOnce sync.Once
	shapes     struct {
		workbook, styles, theme, calcChain, rels *xmlShape
	}
)

func partShapes() *struct{ workbook, styles, theme, calcChain, rels *xmlShape } {
	shapesOnce.Do(func() {
		file := reflect.TypeFor[excelize.File]()
		field := func(name string) reflect.Type {
			f, ok := file.FieldByName(name)
			if !ok {
				return nil
			}
			return f.Type
		}
		shapes.workbook = shapeOf(field("WorkBook"))
		shapes.styles = shapeOf(field("Styles"))
		shapes.theme = shapeOf(field("Theme"))
		shapes.calcChain = shapeOf(field("CalcChain"))
		// excelize keeps relationships in a sync.Map, so their type is not
		// reachable: all its fields are strings, and only the root is checked.
		shapes.rels = &xmlShape{root: "Relationships", ns: "http://schemas.openxmlformats.org/package/2006/relationships",
			attrs: map[string]map[string][]reflect.Type{}, texts: map[string][]reflect.Type{}, boolVals: map[string]bool{}, opaque: map[string]bool{}}
	})
	return &shapes
}

var (
	unmarshalerType     = reflect.TypeFor[xml.Unmarshaler]()
	attrUnmarshalerType = reflect.TypeFor[xml.UnmarshalerAttr]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	xmlNameType         = reflect.TypeFor[xml.Name]()
	xmlAttrType         = reflect.TypeFor[xml.Attr]()
)

// shapeOf derives the shape of t, a pointer to a struct whose XMLName
// field names the root; nil when t is not such a type (the light open is
// then never sure).
func shapeOf(t reflect.Type) *xmlShape {
	if t == nil || t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
		return nil
	}
	t = t.Elem()
	sh := &xmlShape{attrs: map[string]map[string][]reflect.Type{}, texts: map[string][]reflect.Type{}, boolVals: map[string]bool{}, opaque: map[string]bool{}}
	if f, ok := t.FieldByName("XMLName"); ok && f.Type == xmlNameType {
		tag := f.Tag.Get("xml")
		if ns, name, found := strings.Cut(tag, " "); found {
			sh.ns, tag = ns, name
		}
		sh.root, _, _ = strings.Cut(tag, ",")
	}
	if sh.root == "" {
		return nil
	}
	seen := map[reflect.Type]map[string]bool{}
	sh.walkStruct(t, sh.root, seen)
	return sh
}

func (sh *xmlShape) walkStruct(t reflect.Type, elem string, seen map[reflect.Type]map[string]bool) {
	if seen[t][elem] {
		return
	}
	if seen[t] == nil {
		seen[t] = map[string]bool{}
	}
	seen[t][elem] = true
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("xml")
		if f.PkgPath != "" && !f.Anonymous || tag == "-" || f.Name == "XMLName" {
			continue
		}
		if f.Anonymous && tag == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				sh.walkStruct(ft, elem, seen)
				continue
			}
		}
		if _, name, found := strings.Cut(tag, " "); found {
			tag = name
		}
		tokens := strings.Split(tag, ",")
		name, flags := tokens[0], map[string]bool{}
		for _, fl := range tokens[1:] {
			flags[fl] = true
		}
		if name == "" {
			name = f.Name
		}
		switch {
		case flags["attr"] && flags["any"]:
			if t := f.Type; t != xmlAttrType && !(t.Kind() == reflect.Slice && t.Elem() == xmlAttrType) {
				sh.opaque["*"] = true // every attribute would be converted
			}
		case flags["attr"]:
			sh.attr(elem, name, f.Type)
		case flags["chardata"] || flags["cdata"]:
			sh.text(elem, f.Type, seen)
		case flags["innerxml"] || flags["comment"]:
		case flags["any"]:
			sh.element("*", f.Type, seen)
		default:
			if i := strings.LastIndex(name, ">"); i >= 0 {
				name = name[i+1:]
			}
			sh.element(name, f.Type, seen)
		}
	}
}

// attr records an attribute decoded into a field of type t.
func (sh *xmlShape) attr(elem, name string, t reflect.Type) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8 && t.Elem() != xmlAttrType {
		t = t.Elem()
	}
	if sh.attrs[elem] == nil {
		sh.attrs[elem] = map[string][]reflect.Type{}
	}
	m := sh.attrs[elem]
	switch {
	case t == xmlAttrType || t.Kind() == reflect.Slice && t.Elem() == xmlAttrType:
	case reflect.PointerTo(t).Implements(attrUnmarshalerType) || reflect.PointerTo(t).Implements(textUnmarshalerType):
		m[name] = append(m[name], nil) // nil: never sure
	case t.Kind() == reflect.String || t.Kind() == reflect.Slice:
	case isScalar(t.Kind()):
		m[name] = append(m[name], t)
	default:
		m[name] = append(m[name], nil)
	}
}

// text records the text of elem decoded into a field of type t.
func (sh *xmlShape) text(elem string, t reflect.Type, seen map[reflect.Type]map[string]bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t.Kind() == reflect.String || t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
	case isScalar(t.Kind()):
		sh.texts[elem] = append(sh.texts[elem], t)
	default:
		sh.opaque[elem] = true
	}
}

// element records the child elements named elem decoded into a field of
// type t.
func (sh *xmlShape) element(elem string, t reflect.Type, seen map[reflect.Type]map[string]bool) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Uint8 {
		t = t.Elem()
	}
	pt := reflect.PointerTo(t)
	switch {
	case pt.Implements(unmarshalerType) && t.Name() == "attrValBool":
		sh.boolVals[elem] = true
	case pt.Implements(unmarshalerType) && t.Name() == "xlsxExt":
		// Its UnmarshalXML decodes into attributes and inner XML only.
	case pt.Implements(unmarshalerType) || pt.Implements(textUnmarshalerType):
		sh.opaque[elem] = true
	case t.Kind() == reflect.Struct:
		sh.walkStruct(t, elem, seen)
	default:
		sh.text(elem, t, seen)
	}
}

func isScalar(k reflect.Kind) bool {
	switch k {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Bool:
		return true
	}
	return false
}

// converts reports whether encoding/xml's copyValue stores s into a value
// of type t without an error; t nil is a type decoded by code of its own.
func converts(t reflect.Type, s string) bool {
	if t == nil {
		return false
	}
	if s == "" {
		return true
	}
	v := strings.TrimSpace(s)
	var err error
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		_, err = strconv.ParseInt(v, 10, t.Bits())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		_, err = strconv.ParseUint(v, 10, t.Bits())
	case reflect.Float32, reflect.Float64:
		_, err = strconv.ParseFloat(v, t.Bits())
	case reflect.Bool:
		_, err = strconv.ParseBool(v)
	}
	return err == nil
}

// xmlElem is an element being read by sureParse.
type xmlElem struct {
	qname   []byte
	boolVal bool           // decoded as attrValBool: no child elements
	typed   []reflect.Type // the types its own text converts to, if any
	text    []byte         // that text, when typed
}

// sureParse reads part b and reports whether excelize, decoding it into
// the type sh was made from, would certainly succeed: b is UTF-8 XML the
// scanner reads in full up to the end of its root element (the scanner
// accepts a subset of what encoding/xml's strict Decoder does), its root
// is the one sh expects, and every value a field converts converts. visit,
// when not nil, is called with each start element (the scanner on it)
// and the local names of the elements it is in, from the root; it returns
// false when the caller is not sure what the element means.
func sureParse(b []byte, sh *xmlShape, visit func(sc *scanner, path [][]byte) bool) bool {
	if sh == nil || bytes.Contains(b, []byte("purl.oclc.org")) {
		return false // excelize rewrites strict namespaces first
	}
	sc := scanner{b: b}
	if !sc.prolog() {
		return false
	}
	anyAttrs := sh.attrs["*"]
	anyTexts := sh.texts["*"]
	if sh.opaque["*"] {
		return false
	}
	var stack []xmlElem
	var path [][]byte
	for {
		switch sc.next() {
		case tokErr, tokEOF:
			return false // an empty part decodes (io.EOF), but it is left to excelize
		case tokText:
			if len(stack) == 0 {
				if !sc.blank() {
					return false
				}
				continue
			}
			if top := &stack[len(stack)-1]; top.typed != nil {
				top.text = append(top.text, sc.text()...)
			}
		case tokStart:
			local := sc.local
			if len(stack) == 0 && !sh.rootOK(&sc) {
				return false
			}
			if len(stack) > 0 && stack[len(stack)-1].boolVal {
				return false // attrValBool refuses a child element
			}
			if sh.opaque[string(local)] {
				return false
			}
			e := xmlElem{qname: sc.qname, boolVal: sh.boolVals[string(local)]}
			attrs := sh.attrs[string(local)]
			if attrs != nil || anyAttrs != nil {
				for _, a := range sc.attrs {
					ts, anyTs := attrs[string(a.local)], anyAttrs[string(a.local)]
					if ts == nil && anyTs == nil {
						continue
					}
					v := sc.attrValue(a)
					for _, t := range ts {
						if !converts(t, v) {
							return false
						}
					}
					for _, t := range anyTs {
						if !converts(t, v) {
							return false
						}
					}
				}
			}
			if e.boolVal {
				for _, a := range sc.attrs {
					if string(a.local) == "val" {
						if v := sc.attrValue(a); v != "" {
							if _, err := strconv.ParseBool(v); err != nil {
								return false
							}
						}
						break
					}
				}
			}
			if ts := sh.texts[string(local)]; ts != nil || anyTexts != nil {
				e.typed = append(append([]reflect.Type(nil), ts...), anyTexts...)
			}
			path = append(path, local)
			if visit != nil && !visit(&sc, path) {
				return false
			}
			if sc.empty {
				path = path[:len(path)-1]
				for _, t := range e.typed {
					if !converts(t, "") {
						return false
					}
				}
				if len(stack) == 0 {
					return true
				}
				continue
			}
			stack = append(stack, e)
		case tokEnd:
			if len(stack) == 0 {
				return false
			}
			top := &stack[len(stack)-1]
			if !bytes.Equal(top.qname, sc.qname) {
				return false
			}
			for _, t := range top.typed {
				if !converts(t, string(top.text)) {
					return false
				}
			}
			stack = stack[:len(stack)-1]
			path = path[:len(path)-1]
			if len(stack) == 0 {
				return true
			}
		}
	}
}

// rootOK reports whether the start tag sc has read is the root sh expects,
// in its name space.
func (sh *xmlShape) rootOK(sc *scanner) bool {
	local := sc.local
	if string(local) != sh.root {
		return false
	}
	if sh.ns == "" {
		return true
	}
	// The root's name space is declared on it: xmlns, or xmlns:p for a
	// root named p:name.
	decl := "xmlns"
	if len(sc.qname) > len(local) {
		decl = "xmlns:" + string(sc.qname[:len(sc.qname)-len(local)-1])
	}
	n := 0
	for _, a := range sc.attrs {
		if string(a.qname) == decl {
			n++
			if sc.attrValue(a) != sh.ns {
				return false
			}
		}
	}
	return n == 1
}
