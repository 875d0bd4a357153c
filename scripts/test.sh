#!/usr/bin/env bash
# Runs every test. Installs what the tests use when it is missing: the PDF
# tools (qpdf, poppler-utils), and for the accessibility check of the HTML
# companions, Chromium and Node from Debian and axe-core and puppeteer-core
# from npm (pinned in scripts/axe/package-lock.json; no browser download).
# The tests fail, never skip, without them.
set -euo pipefail
cd "$(dirname "$0")/.."
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
missing=()
command -v qpdf >/dev/null && command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || missing+=(qpdf poppler-utils)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# npm ci when the packages are missing or older than the lock file.
if [ ! -f scripts/axe/node_modules/.package-lock.json ] || [ scripts/axe/package-lock.json -nt scripts/axe/node_modules/.package-lock.json ]; then
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix scripts/axe --no-audit --no-fund --loglevel=error >/dev/null
fi
# third_party/fpdf must be upstream fpdf plus our patch, nothing else.
./scripts/fpdf-patch.sh check
# The random tests' full counts (a quick go test ./... kills a run 8 times,
# reads 100 damaged sheets and 15 damages of each part the light open
# reads), and the patched fpdf's own tests (its module is outside ./...).
BOARDPACK_KILLS=${BOARDPACK_KILLS:-100} BOARDPACK_MUTATIONS=${BOARDPACK_MUTATIONS:-320} \
	go test -count=1 ./... codeberg.org/go-pdf/fpdf
