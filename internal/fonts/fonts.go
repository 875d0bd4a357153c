// Package fonts holds the embedded typeface (Liberation Sans, metrically
// compatible with Arial) used for body text and chart text alike, so papers
// need no system fonts and look the same on every machine.
package fonts

import (
	"fmt"
	"sync"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/golang/freetype/truetype"
)

// Family is the font family name registered with the PDF engine.
const Family = "LiberationSans"

// Style is a font style.
type Style int

// Font styles.
const (
	Regular Style = iota
	Bold
	Italic
)

// Styles lists every style, in registration order.
var Styles = []Style{Regular, Bold, Italic}

// FpdfStyle is the style string fpdf uses for s ("", "B", "I").
func (s Style) FpdfStyle() string {
	switch s {
	case Bold:
		return "B"
	case Italic:
		return "I"
	}
	return ""
}

// TTF returns the TrueType bytes of style s.
func TTF(s Style) []byte {
	switch s {
	case Bold:
		return liberationsansbold.TTF
	case Italic:
		return liberationsansitalic.TTF
	}
	return liberationsansregular.TTF
}

var (
	parseOnce sync.Once
	parsed    map[Style]*truetype.Font
	parseErr  error
)

// Truetype returns the parsed font of style s, shared by every caller, for
// measuring text (go-chart needs a *truetype.Font).
func Truetype(s Style) (*truetype.Font, error) {
	parseOnce.Do(func() {
		parsed = make(map[Style]*truetype.Font, len(Styles))
		for _, st := range Styles {
			f, err := truetype.Parse(TTF(st))
			if err != nil {
				parseErr = fmt.Errorf("parse embedded font style %d: %w", st, err)
				return
			}
			parsed[st] = f
		}
	})
	if parseErr != nil {
		return nil, parseErr
	}
	return parsed[s], nil
}

// StyleOf reports which style f is, for a renderer that must map a
// *truetype.Font back to a registered PDF font. Unknown fonts map to Regular.
func StyleOf(f *truetype.Font) Style {
	for _, st := range Styles {
		if p, err := Truetype(st); err == nil && p == f {
			return st
		}
	}
	return Regular
}
