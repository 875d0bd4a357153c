#!/usr/bin/env bash
# Runs every test. Installs the PDF tools the tests use (qpdf, poppler-utils)
# when they are missing; the tests fail, never skip, without them.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v qpdf >/dev/null || ! command -v pdftotext >/dev/null || ! command -v pdftoppm >/dev/null; then
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq qpdf poppler-utils >/dev/null
fi
# third_party/fpdf must be upstream fpdf plus our patch, nothing else.
./scripts/fpdf-patch.sh check
go test -count=1 ./...
