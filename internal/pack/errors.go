package pack

import (
	"errors"
	"fmt"
	"strings"
)

// The kinds of refusal. A *FileError wraps exactly one of them, so callers
// tell them apart with errors.Is.
var (
	// ErrNotPDF: the file is not a PDF at all (no "%PDF-" header near its
	// start), for example a web page saved with a .pdf name.
	ErrNotPDF = errors.New("not a PDF")
	// ErrPasswordProtected: the file needs a password to open.
	ErrPasswordProtected = errors.New("password-protected")
	// ErrNotFound: there is no file at the path given.
	ErrNotFound = errors.New("no such file")
	// ErrDamaged: the file claims to be a PDF but cannot be read.
	ErrDamaged = errors.New("damaged or unreadable PDF")
	// ErrTooLarge: the file is bigger, or has more pages, than the limits.
	ErrTooLarge = errors.New("too large")
	// ErrRestricted: the file's owner forbids printing, changing or
	// assembling it, and Options.RefuseRestricted asked to refuse such files.
	ErrRestricted = errors.New("restricted by its owner")
)

// FileError is a refusal of one input: which file, what kind of refusal
// (one of the Err* values above) and why.
type FileError struct {
	File   string // the path, or the item's name for a generated paper
	Kind   error  // ErrNotPDF, ErrNotFound, ErrPasswordProtected, ErrDamaged, ErrTooLarge or ErrRestricted
	Detail string // what was found and what to do about it
	Err    error  // the underlying error, if any
}

func (e *FileError) Error() string {
	s := fmt.Sprintf("%s: %v", e.File, e.Kind)
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	if e.Err != nil && !strings.Contains(e.Detail, e.Err.Error()) {
		s += " (" + e.Err.Error() + ")"
	}
	return s
}

// Unwrap lets errors.Is match both the kind and the underlying error.
func (e *FileError) Unwrap() []error {
	if e.Err == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Err}
}

// WarningKind says what a warning is about.
type WarningKind string

// The warnings an input can give. None of them stops the pack.
const (
	// WarnSigned: the file carries a digital signature (or a usage-rights
	// or certification signature). A signature covers the exact bytes of
	// the original file, so it cannot stay valid inside a pack: the pack
	// keeps how the signature looks, not the signature itself.
	WarnSigned WarningKind = "signed"
	// WarnRestricted: the file is encrypted with an empty open password and
	// its owner denies some permissions; the pack does not carry them.
	WarnRestricted WarningKind = "restricted"
	// WarnFormFlattened: the file has fillable form fields; the pack shows
	// their current appearance but they can no longer be filled in.
	WarnFormFlattened WarningKind = "form-flattened"
	// WarnFormValuesNotShown: form fields hold values but no appearance
	// of their own (the form leaves drawing them to the reader), so the
	// pack, which flattens the form, cannot show them.
	WarnFormValuesNotShown WarningKind = "form-values-not-shown"
	// WarnAttachmentsDropped: files embedded in the document (its
	// attachments list) are not carried into the pack.
	WarnAttachmentsDropped WarningKind = "attachments-dropped"
)

// Warning is something the user should know about an input that was
// included. Warnings are returned as data; this package never prints.
type Warning struct {
	File    string
	Kind    WarningKind
	Message string // a sentence that does not repeat the file name
}

func (w Warning) String() string { return w.File + ": " + w.Message }
