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
#   A_LDFLAGS='-X github.com/boardpack/boardpack/internal/pdf.tagging=off' \
#     scripts/ab.sh HEAD HEAD      # what tagging costs: untagged A, tagged B
#
# It also prints the size of each paper each build wrote, and, with
# IR=1 and valgrind installed, the instructions of one sample run each
# (GOMAXPROCS=1), a figure that does not move with the machine's load.
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
	local flags
	[ "$2" = A ] && flags=${A_LDFLAGS:-} || flags=${B_LDFLAGS:-}
	if [ -z "$1" ]; then
		go build -ldflags "$flags" -o "$work/$2" ./cmd/boardpack
		cp -r sample-data "$work/data-$2"
	else
		git worktree add -q --detach "$work/src-$2" "$1"
		(cd "$work/src-$2" && go build -ldflags "$flags" -o "$work/$2" ./cmd/boardpack)
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
echo "sizes of the papers (bytes), A -> B:"
for f in "$work"/out-A/*.pdf; do
	n=$(basename "$f")
	[ -f "$work/out-B/$n" ] || continue
	a_size=$(wc -c <"$f"); b_size=$(wc -c <"$work/out-B/$n")
	awk -v n="$n" -v a="$a_size" -v b="$b_size" 'BEGIN { printf "  %-28s %8d -> %8d  (%+.1f%%)\n", n, a, b, 100*(b/a-1) }'
done
if [ "${IR:-0}" = 1 ]; then
	echo "instructions of one sample run (valgrind, GOMAXPROCS=1), A -> B:"
	for v in A B; do
		rm -rf "$work/out-$v"
		GOMAXPROCS=1 valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
			"$work/$v" generate --data "$work/data-$v" --out "$work/out-$v" --quiet 2>&1 |
			sed -n "s/.*I *refs: */  $v  /p"
	done
fi
echo "large folder (36 trackers of 2,000 actions, 200,000 allocation rows), medians of $large_runs runs:"
measure "$large_runs" "$large"
