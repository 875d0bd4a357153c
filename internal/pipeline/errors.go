package pipeline

import (
	"errors"

	"github.com/boardpack/boardpack/internal/yamlfile"
)

// Kind says what went wrong, so that a caller can choose what to do (the
// command line, an exit code) without reading the message.
type Kind int

// Kinds of error.
const (
	IO     Kind = iota // a file or folder could not be read or written
	Usage              // the request is wrong: an unknown period, paper or filter
	Config             // boardpack.yaml or a template is wrong
	Data               // the data has errors, so no papers are made
	Locked             // another run holds the output folder
)

func (k Kind) String() string {
	switch k {
	case Usage:
		return "usage"
	case Config:
		return "config"
	case Data:
		return "data"
	case Locked:
		return "locked"
	}
	return "input/output"
}

// Error is an error of a known Kind.
type Error struct {
	Kind Kind
	Err  error
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Errorf-like constructors for each kind.
func usage(err error) error       { return &Error{Kind: Usage, Err: err} }
func ioError(err error) error     { return &Error{Kind: IO, Err: err} }
func configError(err error) error { return &Error{Kind: Config, Err: err} }
func dataError(err error) error   { return &Error{Kind: Data, Err: err} }

// Wrap returns err as an error of kind k, keeping a kind it already has.
func Wrap(k Kind, err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	return &Error{Kind: k, Err: err}
}

// KindOf returns the kind of err: the Kind of an *Error in its chain, Config
// for a mistake in a YAML file, and IO for anything else.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	var ye *yamlfile.Error
	if errors.As(err, &ye) {
		return Config
	}
	return IO
}
