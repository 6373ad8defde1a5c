#!/bin/sh
# make leaderboard: CompilerGym's llvm-ic-v0 protocol on a dataset.  For
# each search algorithm, every benchmark gets TIME seconds of cg-search
# (reward IrInstructionCountOz, JOBS workers); results go to a CompilerGym
# results CSV per algorithm, validated (replay and reward, and as
# CompilerGym, the output of the programs of runnable benchmarks), and a
# table compares the geometric means.
#
#   make leaderboard [DATASET=cgbench-v0] [TIME=60] [JOBS=2] [ALGOS="ils greedy random"]
#   BENCHMARKS="uri ..." limits the run to those benchmarks; SEARCHFLAGS
#   are added to cg-search's options (e.g. --semantics).
set -e
TOP=$(cd "$(dirname "$0")/.." && pwd)
PATH=$TOP/build/bin:$PATH
export PATH
DATASET=${DATASET:-cgbench-v0}
TIME=${TIME:-60}
JOBS=${JOBS:-2}
ALGOS=${ALGOS:-ils greedy random}
OUT=${OUT:-$TOP/build/leaderboard}
mkdir -p "$OUT"

if [ -z "$BENCHMARKS" ]; then
	if command -v cg-datasets >/dev/null 2>&1; then
		BENCHMARKS=$(cg-datasets "$DATASET")
	else
		BENCHMARKS=$(cd "$TOP/datasets/$DATASET" &&
			for d in */; do echo "benchmark://$DATASET/${d%/}"; done)
	fi
fi
n=$(echo $BENCHMARKS | wc -w)
echo "llvm-ic-v0 on $DATASET: $n benchmarks, $TIME s each, -j $JOBS${SEARCHFLAGS:+, $SEARCHFLAGS}; results in $OUT"
for algo in $ALGOS; do
	csv=$OUT/$DATASET-$algo-t$TIME.csv
	: >"$OUT/states.jsonl"
	for b in $BENCHMARKS; do
		cg-search -q -s "$algo" -t "$TIME" -j "$JOBS" -r IrInstructionCountOz \
			$SEARCHFLAGS -b "$b" >>"$OUT/states.jsonl"
	done
	cg-validate --csv <"$OUT/states.jsonl" >"$csv" 2>"$OUT/$algo.summary" ||
		echo "$algo: some results did not validate (see $csv)"
	# CompilerGym's validation also runs the runnable benchmarks: so does
	# this second pass, which reads the CSV back.
	cg-validate --semantics <"$csv" >"$OUT/$algo.validation.jsonl" \
		2>>"$OUT/$algo.summary" || true
	tail -1 "$OUT/$algo.summary"
done
echo
printf '%-10s %10s %12s %8s %10s %10s\n' algorithm geomean 'walltime/s' \
	valid behaves 'geomean ok'
for algo in $ALGOS; do
	csv=$OUT/$DATASET-$algo-t$TIME.csv
	awk -F, -v a="$algo" 'NR > 1 { n++; w += $3; if ($2 > 0) l += log($2); else z = 1 }
		END { printf "%-10s %10.4f %12.1f", a, z ? 0 : exp(l / n), w / n }' "$csv"
	# valid: the reward and the module replay; behaves: of the results of
	# runnable benchmarks, those whose program gives the same output;
	# geomean ok: over the results with no error at all.
	jq -rs --arg n "$n" '
		def replay: .type | test("^(Action replay failed|Expected reward|IrSha1 mismatch)");
		def geomean: if length == 0 or any(. <= 0) then 0
			else map(log) | add / length | exp end;
		"\(map(select(.errors | map(select(replay)) | length == 0)) | length)/\($n) \(
		map(select(.semantics_validated and (.errors | map(select(replay | not)) |
		length == 0))) | length)/\(map(select(.semantics_validated)) | length) \(
		map(select(.valid) | .reward) | geomean)"' \
		"$OUT/$algo.validation.jsonl" |
		awk '{ printf " %8s %10s %10.4f\n", $1, $2, $3 }'
done
