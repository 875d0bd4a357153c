#!/usr/bin/env bash
# Same-run A/B of two builds of boardpack: builds git revision A (default:
# the first parent of HEAD) and B (default: the working tree), then runs
# `generate` with each in turn, interleaved, and prints the median CPU
# (user+sys), wall time and peak RSS of each, on the sample data and on the
# large benchmark folder (generated on first use, never committed).
#
#   scripts/ab.sh                  # HEAD~1 against the working tree
#   scripts/ab.sh v1.2.0 HEAD      # two revisions
#   RUNS=31 LARGE_RUNS=5 scripts/ab.sh
#
# Figures vary with what else the machine is doing; interleaving the runs
# puts the two builds under the same conditions.
set -euo pipefail
cd "$(dirname "$0")/.."
a=${1:-HEAD~1}
b=${2:-}
runs=${RUNS:-21}
large_runs=${LARGE_RUNS:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/boardpack-ab.XXXXXX")
trap 'rm -rf "$work"' EXIT
if [ ! -x /usr/bin/time ]; then
	sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
	$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq time >/dev/null
fi

build() { # build REV NAME: "" means the working tree. Each build reads
	# its own revision's sample data and config, which it understands.
	if [ -z "$1" ]; then
		go build -o "$work/$2" ./cmd/boardpack
		cp -r sample-data "$work/data-$2"
	else
		git worktree add -q --detach "$work/src-$2" "$1"
		(cd "$work/src-$2" && go build -o "$work/$2" ./cmd/boardpack)
		cp -r "$work/src-$2/sample-data" "$work/data-$2"
		git worktree remove --force "$work/src-$2"
	fi
}
echo "building A=${a} and B=${b:-working tree} ..." >&2
build "$a" A
build "$b" B
go build -o "$work/sampledata" ./cmd/sampledata
large=$("$work/sampledata" -large -fraction 1 -cache)

measure() { # measure RUNS DATA [generate options...]; DATA "sample" is each build's own
	local n=$1 data=$2; shift 2
	: >"$work/A.txt"; : >"$work/B.txt"
	for _ in $(seq 1 "$n"); do
		for v in A B; do
			rm -rf "$work/out-$v"
			d=$data
			[ "$data" = sample ] && d="$work/data-$v"
			cfg=()
			[ "$data" != sample ] && cfg=(--config "$work/data-$v/boardpack.yaml")
			/usr/bin/time -f "%U %S %e %M" -a -o "$work/$v.txt" \
				"$work/$v" generate --data "$d" --out "$work/out-$v" --quiet "${cfg[@]}" "$@" >/dev/null
		done
	done
	for v in A B; do
		awk -v v="$v" '{c[NR]=$1+$2; w[NR]=$3; m[NR]=$4}
			function med(x,   i,j,t,k) { k=0; for (i in x) k++; for (i=1;i<=k;i++) for (j=i+1;j<=k;j++) if (x[j]<x[i]) {t=x[i];x[i]=x[j];x[j]=t}; return x[int((k+1)/2)] }
			END { printf "  %s  cpu %.3f s   wall %.3f s   peak RSS %.0f MB\n", v, med(c), med(w), med(m)/1024 }' "$work/$v.txt"
	done
}
echo "sample-data/, all four papers, medians of $runs runs:"
measure "$runs" sample
echo "large folder (36 trackers of 2,000 actions, 200,000 allocation rows), medians of $large_runs runs:"
measure "$large_runs" "$large"
