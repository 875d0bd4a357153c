package xlsx

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/boardpack/boardpack/internal/quality"
)

// CSV exports are read as one sheet with no name: their problems are
// located as "caseloads.csv › D14", their rows numbered as a spreadsheet
// program shows them (a quoted value over several lines is one row).

// readCSV reads a CSV export into f: UTF-8 (with or without a byte-order
// mark), UTF-16 with a byte-order mark, or Windows-1252; separated by
// commas, semicolons or tabs, whichever the first lines use.
func readCSV(fsys fs.FS, name, shown string, opt Options, f *folder, rep *quality.Report) error {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return err
	}
	if st.Size() > MaxFileBytes {
		return fmt.Errorf("the file is %d MB, over the %d MB limit for an export", st.Size()>>20, MaxFileBytes>>20)
	}
	raw, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	text, err := DecodeText(raw)
	if err != nil {
		return err
	}
	if bytes.IndexByte(text, 0) >= 0 {
		return errors.New("not a CSV export (the file holds binary data); save it as CSV or as Excel Workbook (.xlsx)")
	}
	sep := separator(text)
	if err := checkCSV(text, sep); err != nil {
		return err
	}
	r := csv.NewReader(bytes.NewReader(text))
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = false
	s := sheetReader{file: shown, opt: opt, folder: f, rep: rep, csv: true, refs: map[string]int{}}
	if err := s.readRows(&csvRows{r: r}, partRows{}); err != nil {
		rep.Problems = append(rep.Problems, quality.Problem{Severity: quality.Error, File: shown, Effect: quality.WorkbookNotRead, Message: err.Error()})
	}
	return nil
}

// DecodeText returns a text file's content (a CSV export, a narrative) as
// UTF-8: from UTF-8 with or without a byte-order mark, UTF-16 with one, or
// Windows-1252, what Windows programs save as "ANSI".
func DecodeText(b []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
		if !utf8.Valid(b) {
			return nil, errors.New("the file says it is UTF-8 but is not; save it again as CSV UTF-8")
		}
		return b, nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		out, _, err := transform.Bytes(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder(), b)
		if err != nil {
			return nil, fmt.Errorf("cannot read the file as UTF-16: %w", err)
		}
		return out, nil
	case utf8.Valid(b):
		return b, nil
	}
	// Excel's "CSV (Comma delimited)" on Windows writes Windows-1252.
	out, _, err := transform.Bytes(charmap.Windows1252.NewDecoder(), b)
	if err != nil {
		return nil, fmt.Errorf("cannot read the file as Windows-1252: %w", err)
	}
	return out, nil
}

// separator returns the field separator the first lines use most, outside
// quotes: a comma, a semicolon (Excel's CSV where the comma is the decimal
// mark) or a tab.
func separator(text []byte) rune {
	counts := map[rune]int{}
	inQuote, lines := false, 0
	for _, c := range string(text) {
		switch {
		case c == '"':
			inQuote = !inQuote
		case inQuote:
		case c == '\n':
			lines++
		case c == ',' || c == ';' || c == '\t':
			counts[c]++
		}
		if lines >= 30 {
			break
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// checkCSV finds what would lose rows or values in silence. A quoted value
// that does not end where a value ends (its closing quote followed by other
// text, or no closing quote): read leniently (as encoding/csv's LazyQuotes
// does, for the quotes inside unquoted values that some exports write), it
// runs on over the rows below it until a quote happens to end it, and those
// rows are lost into one value. And a file cut short part way through a
// row (no final line break, and fewer values than the rows above): the row
// would be read without its last values, a Confidential flag among them.
// Rows are numbered as a spreadsheet program shows them.
func checkCSV(text []byte, sep rune) error {
	const fault = "row %d: a quoted value %s, so the rows below it would run together; save the export again from the system that made it"
	row, start := 1, true // start: at the start of a value
	values, most := 1, 0  // values of this row so far; most in any row before it
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case start && c == '"':
			opened := row
			for i++; ; i++ {
				if i >= len(text) {
					return fmt.Errorf(fault, opened, "has no closing quote")
				}
				if text[i] == '\n' {
					row++
				}
				if text[i] != '"' {
					continue
				}
				if i+1 < len(text) && text[i+1] == '"' {
					i++
					continue
				}
				break
			}
			if i+1 < len(text) {
				if n := text[i+1]; rune(n) != sep && n != '\r' && n != '\n' {
					return fmt.Errorf(fault, opened, "has text after its closing quote")
				}
			}
			start = false
		case rune(c) == sep:
			start = true
			values++
		case c == '\n':
			most = max(most, values)
			row, start, values = row+1, true, 1
		default:
			start = false
		}
	}
	// A last line of one value is a note ("Source: ..."), as often
	// written without a line break.
	if n := len(text); n > 0 && text[n-1] != '\n' && values > 1 && values < most {
		return fmt.Errorf("row %d: the file ends part way through the row (%d of the %d values of the rows above it): it may have been cut short; export it again", row, values, most)
	}
	return nil
}

// csvRows iterates over a CSV export's records as rows. encoding/csv skips
// empty lines, which a spreadsheet program shows as empty rows: they are
// given back as empty rows, so that row numbers are the ones the user sees.
type csvRows struct {
	r       *csv.Reader
	rec     []string
	err     error
	done    bool
	lastEnd int      // the line the last record ended on
	blanks  int      // empty rows still to give before held
	held    []string // a record read ahead of the empty rows before it
}

func (c *csvRows) Next() bool {
	if c.blanks > 0 {
		c.blanks--
		c.rec = nil
		return true
	}
	if c.held != nil {
		c.rec, c.held = c.held, nil
		return true
	}
	if c.done {
		return false
	}
	rec, err := c.r.Read()
	if err == io.EOF {
		c.done = true
		return false
	}
	if err != nil {
		c.err, c.done = err, true
		return false
	}
	start, _ := c.r.FieldPos(0)
	end := start
	for _, f := range rec {
		end += strings.Count(f, "\n")
	}
	gap := start - c.lastEnd - 1
	c.lastEnd = end
	if gap > 0 {
		c.blanks, c.held, c.rec = gap-1, rec, nil
		return true
	}
	c.rec = rec
	return true
}

func (c *csvRows) Columns(...excelize.Options) ([]string, error) { return c.rec, nil }

func (c *csvRows) Error() error {
	if c.err != nil {
		return fmt.Errorf("the CSV file cannot be read: %w", c.err)
	}
	return nil
}

func (c *csvRows) Close() error { return nil }
