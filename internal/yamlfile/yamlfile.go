// Package yamlfile reads the YAML files people edit (boardpack.yaml and the
// paper templates) strictly: an unknown key, a value of the wrong kind or a
// syntax slip is an *Error naming the file, the line and the key in the
// terms the person wrote ("meetings.board.date"), never Go's ("field date
// not found in type config.Meeting").
package yamlfile

import (
	"encoding"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// Error is a mistake in a YAML file, located by line and key.
type Error struct {
	File string
	Line int    // 0 when the mistake is not on one line
	Key  string // dotted path of the key, "" for the file as a whole
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// LineError is an error a value's own UnmarshalYAML reports on a line of
// its own, such as one entry of a mapping.
type LineError struct {
	Line int
	Msg  string
}

func (e *LineError) Error() string { return e.Msg }

// Decode parses raw, checks it against v's type and decodes it into v. It
// returns the parsed document, for locating keys in later checks.
func Decode(file string, raw []byte, v any) (*yaml.Node, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		return nil, syntaxError(file, err)
	}
	chk := checker{file: file}
	chk.check(&root, reflect.TypeOf(v).Elem(), "")
	if err := errors.Join(chk.errs...); err != nil {
		return &root, err
	}
	if root.Kind == 0 {
		return &root, nil // an empty file
	}
	if err := root.Decode(v); err != nil {
		// The checker has seen every key and value; this is a backstop.
		return &root, &Error{File: file, Msg: err.Error()}
	}
	return &root, nil
}

// syntaxError turns yaml.v3's parse error ("yaml: line 3: mapping values
// are not allowed in this context") into an *Error on that line.
func syntaxError(file string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, after, ok := strings.Cut(rest, ": "); ok {
			if v, err := strconv.Atoi(n); err == nil {
				line, msg = v, after
			}
		}
	}
	return &Error{File: file, Line: line, Msg: "not valid YAML: " + msg}
}

// KeyLine is the line of the key at a dotted path ("rag[1].code",
// "targets.caseload") in a parsed file, or 0 when it is not there.
func KeyLine(root *yaml.Node, key string) int {
	if root == nil {
		return 0
	}
	n := root
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	line := 0
	for _, part := range strings.Split(key, ".") {
		name, idx := part, -1
		if i := strings.IndexByte(part, '['); i >= 0 && strings.HasSuffix(part, "]") {
			name = part[:i]
			idx, _ = strconv.Atoi(part[i+1 : len(part)-1])
		}
		if n.Kind != yaml.MappingNode {
			return line
		}
		found := false
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == name {
				line, n, found = n.Content[i].Line, n.Content[i+1], true
				break
			}
		}
		if !found {
			return line
		}
		if idx >= 0 {
			if n.Kind != yaml.SequenceNode || idx >= len(n.Content) {
				return line
			}
			n = n.Content[idx]
			line = n.Line
		}
	}
	return line
}

// checker walks a parsed YAML document against the Go type it will be
// decoded into, reporting unknown keys and values of the wrong kind with
// their line and key path, before yaml.v3 would report them in Go's terms.
type checker struct {
	file string
	errs []error
}

func (c *checker) fail(n *yaml.Node, key, format string, a ...any) {
	c.errs = append(c.errs, &Error{File: c.file, Line: n.Line, Key: key, Msg: fmt.Sprintf(format, a...)})
}

var unmarshalerType = reflect.TypeFor[yaml.Unmarshaler]()

func (c *checker) check(n *yaml.Node, t reflect.Type, key string) {
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) > 0 {
			c.check(n.Content[0], t, key)
		}
		return
	}
	if n.Kind == yaml.AliasNode {
		c.check(n.Alias, t, key)
		return
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		v := reflect.New(t)
		if err := v.Interface().(yaml.Unmarshaler).UnmarshalYAML(n); err != nil {
			var le *LineError
			if errors.As(err, &le) {
				c.errs = append(c.errs, &Error{File: c.file, Line: le.Line, Key: key, Msg: le.Msg})
			} else {
				c.fail(n, key, "%s", err.Error())
			}
			return
		}
		// A struct that decodes itself (to record its line, say) still
		// has its keys checked.
		if t.Kind() != reflect.Struct || n.Kind != yaml.MappingNode {
			return
		}
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			c.fail(n, key, "expected a group of keys, such as %s", example(t))
			return
		}
		fields := yamlFields(t)
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			path := join(key, k.Value)
			if seen[k.Value] {
				c.fail(k, path, "given twice")
				continue
			}
			seen[k.Value] = true
			f, ok := fields[k.Value]
			if !ok {
				c.fail(k, path, "unknown key%s", suggest(k.Value, fields, key))
				continue
			}
			c.check(v, f.Type, path)
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			c.fail(n, key, "expected a list of \"key: value\" lines")
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			c.check(n.Content[i+1], t.Elem(), join(key, n.Content[i].Value))
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return // raw bytes are never in the file
		}
		if n.Kind != yaml.SequenceNode {
			c.fail(n, key, "expected a list (lines starting with \"- \", or [a, b])")
			return
		}
		for i, e := range n.Content {
			c.check(e, t.Elem(), fmt.Sprintf("%s[%d]", key, i))
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			c.fail(n, key, "expected text")
		}
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode {
			c.fail(n, key, "expected true or false")
			return
		}
		if _, err := strconv.ParseBool(strings.ToLower(n.Value)); err != nil && !isYAMLBool(n.Value) {
			c.fail(n, key, "%q is not true or false", n.Value)
		}
	case reflect.Float32, reflect.Float64, reflect.Int, reflect.Int64, reflect.Int32:
		if n.Kind != yaml.ScalarNode {
			c.fail(n, key, "expected a number")
			return
		}
		if _, err := strconv.ParseFloat(n.Value, 64); err != nil {
			c.fail(n, key, "%q is not a number", n.Value)
		} else if t.Kind() != reflect.Float32 && t.Kind() != reflect.Float64 {
			if _, err := strconv.Atoi(n.Value); err != nil {
				c.fail(n, key, "%q is not a whole number", n.Value)
			}
		}
	default:
		if reflect.PointerTo(t).Implements(reflect.TypeFor[encoding.TextUnmarshaler]()) {
			return
		}
	}
}

func isYAMLBool(s string) bool {
	switch strings.ToLower(s) {
	case "yes", "no", "on", "off", "y", "n":
		return true
	}
	return false
}

func join(key, k string) string {
	if key == "" {
		return k
	}
	return key + "." + k
}

// fieldsByType caches yamlFields: a template file checks the same few
// struct types at thousands of nodes.
var fieldsByType sync.Map // reflect.Type -> map[string]reflect.StructField

// yamlFields maps a struct's YAML keys to its fields. The map is shared:
// callers must not change it.
func yamlFields(t reflect.Type) map[string]reflect.StructField {
	if m, ok := fieldsByType.Load(t); ok {
		return m.(map[string]reflect.StructField)
	}
	m, _ := fieldsByType.LoadOrStore(t, fieldsOf(t))
	return m.(map[string]reflect.StructField)
}

// fieldsOf maps a struct's YAML keys to its fields.
func fieldsOf(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if tag == "-" || !f.IsExported() {
			continue
		}
		if tag == "" {
			tag = strings.ToLower(f.Name)
		}
		out[tag] = f
	}
	return out
}

// suggest names the known key closest to k, or lists the known keys.
func suggest(k string, fields map[string]reflect.StructField, parent string) string {
	keys := make([]string, 0, len(fields))
	for name := range fields {
		keys = append(keys, name)
	}
	sort.Strings(keys)
	best, bestD := "", 3
	for _, name := range keys {
		if d := distance(strings.ToLower(k), name); d < bestD {
			best, bestD = name, d
		}
	}
	if best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	where := "here"
	if parent != "" {
		where = "under " + parent
	}
	return fmt.Sprintf("; the keys allowed %s are: %s", where, strings.Join(keys, ", "))
}

// example is a hint of what a group of keys looks like.
func example(t reflect.Type) string {
	keys := make([]string, 0)
	for k := range yamlFields(t) {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) > 4 {
		keys = keys[:4]
	}
	return strings.Join(keys, ", ")
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
