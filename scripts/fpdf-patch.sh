#!/usr/bin/env bash
# third_party/fpdf is codeberg.org/go-pdf/fpdf v0.12.0 (its root package)
# with boardpack's performance patch, third_party/fpdf.patch. This script
# keeps the two honest:
#
#   scripts/fpdf-patch.sh check    the copy is exactly upstream + the patch (run by scripts/test.sh)
#   scripts/fpdf-patch.sh update   rewrite the patch from the copy, after changing the copy
#
# To move to a new fpdf release: change the version below, run
# "scripts/fpdf-patch.sh rebase" (a fresh copy with the patch applied; fix
# any rejects), then "update".
set -euo pipefail
cd "$(dirname "$0")/.."
version=v0.12.0
module=codeberg.org/go-pdf/fpdf
work=$(mktemp -d "${TMPDIR:-/tmp}/fpdf-patch.XXXXXX")
trap 'rm -rf "$work"' EXIT

# upstream DIR: the root package of the release, as copied into third_party.
upstream() {
	local src
	src=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "$module@$version" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
	[ -d "$src" ] || { echo "cannot download $module@$version" >&2; exit 1; }
	mkdir -p "$1"
	cp "$src/LICENSE" "$1/"
	cp -r "$src/font_embed" "$1/"
	for f in "$src"/*.go; do
		case "$f" in *_test.go) ;; *) cp "$f" "$1/" ;; esac
	done
	chmod -R u+w "$1"
	printf 'module %s\n\ngo 1.25.0\n' "$module" >"$1/go.mod"
}

case "${1:-check}" in
check)
	upstream "$work/a"
	(cd "$work/a" && patch -s -p1 <"$OLDPWD/third_party/fpdf.patch")
	if ! diff -r "$work/a" third_party/fpdf >"$work/diff"; then
		echo "third_party/fpdf is not $module $version + third_party/fpdf.patch:" >&2
		head -40 "$work/diff" >&2
		echo "(if the change is intended, run scripts/fpdf-patch.sh update and review the patch)" >&2
		exit 1
	fi
	;;
update)
	upstream "$work/a"
	mkdir -p "$work/b" && cp -r third_party/fpdf/. "$work/b/"
	(cd "$work" && diff -ruN a b >patch) || true
	sed -E 's/^((---|\+\+\+) [^\t]*)\t.*$/\1/' "$work/patch" >third_party/fpdf.patch
	echo "wrote third_party/fpdf.patch ($(grep -c '^+' third_party/fpdf.patch) lines added)"
	;;
rebase)
	rm -rf third_party/fpdf
	upstream third_party/fpdf
	(cd third_party/fpdf && patch -p1 <../fpdf.patch)
	;;
*)
	echo "usage: scripts/fpdf-patch.sh check|update|rebase" >&2
	exit 2
	;;
esac
