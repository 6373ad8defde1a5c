#!/bin/sh
# make bench: cg-step against opt-19 for the same step, measured in one run,
# and the start-up time of a tool.  Prints a table; asserts nothing.
set -e
TOP=$(cd "$(dirname "$0")/.." && pwd)
PATH=$TOP/build/bin:$PATH
XDG_CACHE_HOME=$TOP/build/bench-cache
export PATH XDG_CACHE_HOME
T=$(mktemp -d "${TMPDIR:-/tmp}/cg-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T"
N=${BENCH_RUNS:-15}

# batch_us IN CMD...: one batch of 5 runs, in microseconds per run.
batch_us() {
	in=$1
	shift
	s=$(date +%s%N)
	for k in 1 2 3 4 5; do
		"$@" <"$in" >/dev/null
	done
	e=$(date +%s%N)
	echo $(((e - s) / 5000))
}

# median_ms IN CMD...: the wall time of CMD in milliseconds, the median
# over N batches.
median_ms() {
	i=0
	while [ $i -lt "$N" ]; do
		batch_us "$@"
		i=$((i + 1))
	done | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] / 1000 }'
}

BENCH=${BENCH_BENCHMARK:-benchmark://cgbench-v0/regex}
cg-reset -b "$BENCH" >s0
cg-step -a -sroa -a -mem2reg <s0 >s1	# a realistic mid-episode module
cg-observe -o Bitcode <s1 >in.bc
insts=$(cg-observe -o IrInstructionCount <s1)

echo "cg bench: $(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "module: $BENCH after -sroa -mem2reg, $insts instructions; median of $N batches of 5 runs, alternating"
echo
# The two commands are timed in alternating batches, so that both see the
# same machine; the ratio is the median of the batches' ratios.
printf '%-14s %12s %12s %8s\n' step cg-step/ms opt-19/ms ratio
for a in instcombine gvn; do
	p=$(cg-step --list-actions | awk -F '\t' -v a="-$a" '$2 == a { print $3 }')
	i=0
	while [ $i -lt "$N" ]; do
		c=$(batch_us s1 cg-step -a -$a)
		o=$(batch_us /dev/null opt-19 -passes="$p" in.bc -o out.bc)
		echo "$c $o"
		i=$((i + 1))
	done >pairs
	printf '%-14s %12s %12s %8s\n' "-$a" \
		"$(cut -d' ' -f1 pairs | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] / 1000 }')" \
		"$(cut -d' ' -f2 pairs | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] / 1000 }')" \
		"$(awk '{ print $1 / $2 }' pairs | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", a[int((NR + 1) / 2)] }')"
done
printf '%-14s %12s\n' 'opt-19 start-up' "$(median_ms /dev/null opt-19 --version)"

# Search: in-process steps per second per core against the bare cost of
# the same kind of steps (tests/bench-bare.c), on a small program, -j 1,
# in each action space.
SMALL=${BENCH_SMALL:-benchmark://cgbench-v0/qsort}
cg-reset -b "$SMALL" >q0
cg-observe -o Bitcode <q0 >q.bc
for space in PassesAll PassesLlvm19; do
	echo
	echo "search on $SMALL ($(cg-observe -o IrInstructionCount <q0) instructions), $space, -j 1, 10 s"
	n=20000
	[ $space = PassesAll ] || n=5000	# its pipelines are slower
	bare=$("$TOP/build/bench-bare" q.bc $n 1 $space)
	printf '%-22s %10s\n' "" steps/s
	printf '%-22s %10s\n' "bare passes (no search)" "$bare"
	for algo in random ils greedy; do
		cg-search -s $algo --action-space $space -t 10 -j 1 \
			-b "$SMALL" 2>log >/dev/null
		rate=$(sed -n 's/.* \([0-9]*\) steps in \([0-9.]*\) s.*/\1 \2/p' log |
			awk '{ printf "%.0f", $1 / $2 }')
		printf '%-22s %10s  (%s of bare)\n' "cg-search -s $algo" "$rate" \
			"$(awk -v a="$rate" -v b="$bare" 'BEGIN { printf "%.2f", a / b }')"
	done
done

# Peak memory of a longer search (both cores).
if command -v /usr/bin/time >/dev/null; then
	/usr/bin/time -f '%M' -o rss cg-search -q -t "${BENCH_SEARCH_SECONDS:-30}" \
		-b "$SMALL" >/dev/null
	echo "peak RSS of cg-search -t ${BENCH_SEARCH_SECONDS:-30}, as GNU time reports it: $(cat rss) KB"
fi

# cg-reset with a cold and a warm cache.
echo
cold() { rm -rf "$XDG_CACHE_HOME"; cg-reset -b "$BENCH"; }
printf '%-22s %10s\n' "cg-reset $(basename "$BENCH")" ms
printf '%-22s %10s\n' "cold cache" "$(N=3 median_ms /dev/null cold)"
printf '%-22s %10s\n' "warm cache" "$(median_ms /dev/null cg-reset -b "$BENCH")"

# Start-up of each tool.
echo
printf '%-22s %10s\n' start-up ms
for t in cg-reset cg-step cg-observe cg-search cg-validate cg-datasets; do
	printf '%-22s %10s\n' "$t -h" "$(median_ms /dev/null $t -h)"
done
