// Package pack assembles a meeting pack: one PDF made of the front matter
// (cover, agenda, index), then each agenda item's document, a paper
// boardpack generated or an external PDF, in agenda order.
//
// Check tells whether an external PDF can go in; Assemble builds the pack.
// The caller renders the front matter (FrontMatterFunc) for the page plan
// Assemble gives it, and says where its index entries are (IndexLink);
// they become links to the items' first pages.
//
// Every page keeps its own size, /Rotate and crop box; fonts, images,
// links and annotations are copied, not redrawn. Each document's own
// bookmarks are nested under its item's bookmark. Every page, front matter
// and imported ones included, gets "Page n of N" centred in the bottom
// BandMM (8) millimetres of its visible box, upright as displayed, on a
// white ground. Generated papers should leave that band empty.
//
// Decisions, for the user documentation:
//   - Missing, not a regular file (a folder, a named pipe), not a PDF (no
//     "%PDF-" in the first 1024 bytes), needs a password, cannot be read,
//     or larger than Options.Limits: refused with a *FileError naming the
//     file and saying what to do. Assemble reports every refused input.
//   - Encrypted with an empty open password: included. When the owner
//     denies permissions (printing, changing, copying...) a WarnRestricted
//     warning lists them, since the pack does not carry the restrictions.
//     Options.RefuseRestricted refuses files that forbid printing,
//     changing or assembling instead (ErrRestricted).
//   - Signed (a signature field with a value, or a certification or
//     usage-rights signature): included with a WarnSigned warning. A
//     signature covers the original file's bytes, so it cannot stay valid
//     in a pack. Form fields, signatures included, are flattened: their
//     appearance is drawn into the page and the field removed, so the pack
//     shows the signature's picture and carries no broken signature.
//   - Layers (optional content) keep their initial visibility.
//   - Not carried into the pack: the documents' tagged structure, name
//     trees (named destinations are made explicit first), attachments,
//     listed or on a page (WarnAttachmentsDropped), scripts and other
//     actions on events (/AA), page labels, viewer settings.
//
// Output is deterministic: the same inputs and options give the same
// bytes (objects are numbered in the order they are met from the catalog,
// dictionary keys sorted; the file ID is a hash of the content; dates come
// only from Options.Date). Nothing is printed; warnings are returned.
package pack
