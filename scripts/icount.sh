#!/usr/bin/env bash
# Counts the instructions one iteration of a Go benchmark takes, with
# valgrind, on one core: a figure that stays steady when the machine is
# busy, where times do not. It runs the benchmark 2 and 12 times and prints
# the difference over 10, so set-up and the benchmark's first call cancel.
#
#   scripts/icount.sh ./internal/pdf 'Tagging$/board/^tagged$'
#   scripts/icount.sh ./internal/pdf 'Tagging$/board/untagged$'
#
# (A pattern 'tagged$' would also match 'untagged'.) Compare two revisions
# by running it in a worktree of each. Needs valgrind (apt-get install
# valgrind); no test uses it.
set -euo pipefail
pkg=${1:?package, e.g. ./internal/pdf}
bench=${2:?benchmark pattern}
command -v valgrind >/dev/null || { echo "icount: valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
bin=$(mktemp "${TMPDIR:-/tmp}/icount.XXXXXX")
trap 'rm -f "$bin"' EXIT
go test -c -o "$bin" "$pkg"
cd "$pkg"
ir() {
	GOMAXPROCS=1 valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
		"$bin" -test.run '^$' -test.bench "$bench" -test.benchtime "${1}x" 2>&1 |
		sed -n 's/.*I *refs: *//p' | tr -d ,
}
a=$(ir 2)
b=$(ir 12)
echo "$bench: $(( (b - a) / 10 / 1000 )) k instructions/op"
