package main

const exitCodesHelp = `Exit codes:
    0  done: papers written, data valid, or nothing to do
    1  the data has errors; nothing was written (fix the cells named, or use --keep-going)
    2  usage: an option, an argument or boardpack.yaml is wrong
    3  input/output failure: a folder, file or template could not be read or written
    4  another run holds the output folder's lock
`

const mainHelp = `boardpack turns the month's spreadsheet exports into board papers.

Usage:
    boardpack generate --data DIR [--period YYYY-MM|latest|previous] [--report LIST] [--out DIR] [options]
    boardpack pack --data DIR --meeting board|scrutiny|cabinet [--date YYYY-MM-DD] [--attach TITLE=FILE.pdf]...
    boardpack validate --data DIR [--period ...] [--format text|json]
    boardpack inspect --data DIR [--period ...] [--write-config FILE]
    boardpack templates export [--force] DIR
    boardpack version

Run "boardpack COMMAND --help" for a command's options and examples.

` + exitCodesHelp

var commandHelp = map[string]string{
	"generate":  generateHelp,
	"validate":  validateHelp,
	"inspect":   inspectHelp,
	"pack":      packHelp,
	"templates": templatesHelp,
	"version":   "Usage:\n    boardpack version\n    boardpack --version\n\nPrints the version boardpack was built as.\n",
}

const inputOptionsHelp = `    --data DIR            the data folder: YYYY-MM month folders, or one month's exports (required)
    --period P            the reporting month: latest (the newest month folder, the default),
                          previous (the month before today), or YYYY-MM
    --config FILE         the config (default: boardpack.yaml in the data folder, if there is one)
    --password-env NAME   read the password of encrypted workbooks from the environment variable NAME
`

const generateHelp = `Usage:
    boardpack generate --data DIR [options]

Reads the data folder, checks every row, computes the measures and writes the
papers. Every paper is made in memory first, and the run's papers and manifest
are switched into --out all at once, so a failed or killed run leaves last
month's papers untouched and never a mix. If any row has an error nothing is
written, unless --keep-going.

Options:
` + inputOptionsHelp + `    --out DIR             where the papers go (default: out)
    --report LIST         papers to write, comma-separated: cabinet, scrutiny, board, appendix,
                          exempt-appendix (default: the first four, and in an exempt run the
                          exempt appendix of the confidential actions too)
    --classification C    open (the default), or exempt to include confidential actions and
                          mark every page NOT FOR PUBLICATION; exempt papers are written as
                          NAME-exempt.pdf and never replace the open ones
    --meeting DATE        the meeting the papers are for, YYYY-MM-DD, after the period; with
                          --report of one body (default: each body's next meeting after the
                          period, from the calendar in boardpack.yaml)
    --final               refuse to write papers that are not final: narrative missing (a DRAFT)
                          or a tracker that looks stale; exit 1 naming what is missing
    --filter TERM         select the appendix's actions: area=NAME, rag=R|A|G|B, status=STATUS,
                          lead=TEXT, overdue or confidential; repeat it (same key: any; different
                          keys: all); only with --report appendix
    --format F            pdf (the default), or pdf,html to write each paper's accessible HTML
                          companion beside it (NAME.html)
    --keep-going          write the papers even when rows have errors; the excluded rows are
                          listed in the Board paper's data-quality note
    --templates DIR       use the templates in DIR (see boardpack templates export)
    --if-changed          do nothing when the inputs, config, templates, version and options
                          match the manifest of the last run
    --lock-wait DURATION  wait this long for another run to release the output folder (default 0)
    --log-format F        log lines on stderr as text (the default) or json
    --quiet               log errors only

Examples:
    boardpack generate --data /data/exports --out /srv/papers
    boardpack generate --data /data/exports --report appendix --filter area=SEND --filter overdue
    boardpack generate --data /data/exports --out /srv/papers --if-changed --lock-wait 10m --quiet

` + exitCodesHelp

const validateHelp = `Usage:
    boardpack validate --data DIR [options]

Runs the same checks as generate and prints every sheet read, every row
accounted for and every problem with its file, sheet and cell. Writes nothing.

Options:
` + inputOptionsHelp + `    --format F            text (the default) or json, for scripts

Examples:
    boardpack validate --data /data/exports
    boardpack validate --data /data/exports --period 2023-06 --format json

` + exitCodesHelp

const inspectHelp = `Usage:
    boardpack inspect --data DIR [options]

Shows how the data folder was read: for each workbook and sheet, the kind
it was read as, each column with its heading and what it was read as, the
headed columns not read and why, the RAG and status words read, and the
sheets not read and why. With --write-config, also writes a starter
boardpack.yaml of the headings and words found, each line commented, for
you to review. Writes nothing else; exits 0 even when the data has errors
(boardpack validate checks it).

Options:
` + inputOptionsHelp + `    --write-config FILE   write the starter boardpack.yaml to FILE (never replacing a file there)

Examples:
    boardpack inspect --data /data/exports
    boardpack inspect --data /data/exports --write-config /data/exports/boardpack.yaml

` + exitCodesHelp

const templatesHelp = `Usage:
    boardpack templates export [--force] DIR

Writes the built-in paper templates into DIR for editing; generate
--templates DIR then uses the edited copy. A template in DIR that differs
from the built-in one (an edited copy) is not replaced unless --force.

Options:
    --force               replace edited templates in DIR

Examples:
    boardpack templates export my-templates
    boardpack generate --data /data/exports --templates my-templates

` + exitCodesHelp

const packHelp = `Usage:
    boardpack pack --data DIR --meeting board|scrutiny|cabinet [options]

Assembles what a meeting receives as one PDF: a cover (the meeting, date,
time, venue and membership), the agenda from boardpack.yaml
(meetings.BODY.agenda), an index with page numbers and links, then every
item's papers in order: the papers boardpack makes for the meeting and
external PDFs (Ofsted letters, minutes, partners' reports), kept as they
are. Every page carries the pack's own "Page n of N"; bookmarks nest the
items and each document's own bookmarks. Exempt (Part 2) items go into a
separate NAME-exempt.pdf, never into the public pack, whose agenda shows
their titles and the grounds only.

Options:
` + inputOptionsHelp + `    --meeting BODY        board, scrutiny or cabinet (required)
    --date DATE           the meeting's date, YYYY-MM-DD (default: the body's next meeting after
                          the reporting period, from the calendar)
    --attach TITLE=FILE   add an external PDF as an agenda item, after the configured ones
                          but before Any other business (repeat it)
    --out DIR             where the packs go (default: out)
    --keep-going          make the pack even when rows have errors (see generate)
    --final               refuse a pack whose papers are drafts
    --refuse-restricted   refuse external PDFs whose owner forbids printing, changing or
                          assembling them, instead of including them with a warning
    --lock-wait DURATION  wait this long for another run to release the output folder
    --log-format F        text (the default) or json
    --quiet               log errors only

A file that is not a PDF, needs a password or cannot be read is refused by
name (exit 1). A signed file is included with a warning: a signature cannot
stay valid inside a pack; its appearance is kept.

Examples:
    boardpack pack --data /data/exports --meeting board --out /srv/packs
    boardpack pack --data /data/exports --meeting board --attach "Ofsted monitoring visit letter=letters/mv-2023-03.pdf"

` + exitCodesHelp
