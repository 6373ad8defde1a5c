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
N=${BENCH_RUNS:-21}

# median_ms IN CMD...: the median wall time of N runs of CMD with standard
# input from IN, in milliseconds.
median_ms() {
	in=$1
	shift
	i=0
	while [ $i -lt "$N" ]; do
		s=$(date +%s%N)
		"$@" <"$in" >/dev/null
		e=$(date +%s%N)
		echo $(((e - s) / 1000))
		i=$((i + 1))
	done | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] / 1000 }'
}

BENCH=${BENCH_BENCHMARK:-benchmark://cgbench-v0/regex}
cg-reset -b "$BENCH" >s0
cg-step -a -sroa -a -mem2reg <s0 >s1	# a realistic mid-episode module
cg-observe -o Bitcode <s1 >in.bc
insts=$(cg-observe -o IrInstructionCount <s1)

echo "cg bench: $(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "module: $BENCH after -sroa -mem2reg, $insts instructions; median of $N runs"
echo
printf '%-14s %12s %12s %8s\n' step cg-step/ms opt-19/ms ratio
for a in instcombine gvn; do
	p=$(cg-step --list-actions | awk -F '\t' -v a="-$a" '$2 == a { print $3 }')
	cg=$(median_ms s1 cg-step -a -$a)
	opt=$(median_ms /dev/null opt-19 -passes="$p" in.bc -o out.bc)
	printf '%-14s %12s %12s %8s\n' "-$a" "$cg" "$opt" \
		"$(awk -v a="$cg" -v b="$opt" 'BEGIN { printf "%.2f", a / b }')"
done
echo
printf '%-14s %12s\n' start-up ms
printf '%-14s %12s\n' 'cg-step -h' "$(median_ms /dev/null cg-step -h)"
printf '%-14s %12s\n' 'opt-19 --version' "$(median_ms /dev/null opt-19 --version)"
