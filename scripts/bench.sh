#!/usr/bin/env bash
# Times whole `boardpack generate` runs (all four papers) as separate
# processes with /usr/bin/time -v, and prints the median wall time and
# median peak RSS per data set:
#
#   sample-data/                 the committed sample data
#   large 25%, 50%, 100%         36 monthly trackers of 2,000 actions, a
#                                200,000-row allocation export, 40 teams and
#                                40 KPIs over 60 months (rows scaled)
#   reader target (validate)     boardpack validate on a 200,000-row
#                                allocation export and a 5,000-row tracker
#
# The large folders are generated on first use into the benchmark cache
# ($BOARDPACK_BENCH_DATA, else $TMPDIR or /tmp), the same cache the Go
# benchmarks use, and are never committed.
#
# Usage: scripts/bench.sh            (RUNS=5 by default; RUNS=9 scripts/bench.sh)
# Targets on 2 cores: sample-data under 250 ms and 100 MB; the large folder
# under 4 s and 400 MB, roughly linear across 25/50/100%; the reader target
# under 3 s and 150 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}

if [ ! -x /usr/bin/time ]; then
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq time >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/boardpack-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "building boardpack and sampledata ..." >&2
go build -o "$work/boardpack" ./cmd/boardpack
go build -o "$work/sampledata" ./cmd/sampledata

echo "data folders (generated if missing):" >&2
large25=$("$work/sampledata" -large -fraction 0.25 -cache)
large50=$("$work/sampledata" -large -fraction 0.5 -cache)
large100=$("$work/sampledata" -large -fraction 1 -cache)
reader=$("$work/sampledata" -reader -cache)
printf '  %s\n' "$large25" "$large50" "$large100" "$reader" >&2

config=sample-data/boardpack.yaml

median() {
	printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

# measure NAME CMD...: runs CMD $runs times and appends a table row.
rows=()
measure() {
	local name=$1
	shift
	local walls=() rss=() cpus=()
	for i in $(seq "$runs"); do
		local log="$work/time.log"
		rm -rf "$work/out" # each run writes into a fresh output folder
		if ! /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$work/stderr.log"; then
			echo "$name: run $i failed:" >&2
			cat "$work/stderr.log" >&2
			exit 1
		fi
		# "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:02.85"
		walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {
			n = split($2, p, ":"); s = 0
			for (i = 1; i <= n; i++) s = s * 60 + p[i]
			printf "%.3f", s }' "$log")")
		rss+=("$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$log")")
		cpus+=("$(awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { printf "%.2f", s }' "$log")")
		echo "  $name run $i: ${walls[-1]} s wall, ${cpus[-1]} s CPU, ${rss[-1]} MB" >&2
	done
	rows+=("$(printf '| %-28s | %13.3f | %13.1f | %12.2f |' "$name" "$(median "${walls[@]}")" "$(median "${rss[@]}")" "$(median "${cpus[@]}")")")
}

gen=("$work/boardpack" generate --out "$work/out" --quiet)

load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "timing $runs runs of each (nproc: $(nproc), load average: $load) ..." >&2
measure "sample-data" "${gen[@]}" --data sample-data
measure "large 25%" "${gen[@]}" --data "$large25" --config "$config"
measure "large 50%" "${gen[@]}" --data "$large50" --config "$config"
measure "large 100%" "${gen[@]}" --data "$large100" --config "$config"
measure "reader target (validate)" "$work/boardpack" validate --data "$reader"

echo
echo "Medians of $runs runs, all four papers per generate run ($(nproc) cores; load average before: $load):"
echo
echo "| data set                     | wall time (s) | peak RSS (MB) | CPU (s, u+s) |"
echo "|------------------------------|--------------:|--------------:|-------------:|"
printf '%s\n' "${rows[@]}"
