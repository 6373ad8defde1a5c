#!/bin/sh
# The summary line of one algorithm's leaderboard results (leaderboard.mk):
#   leaderboard-summary.sh DIR ALGO BENCHMARKS RUNS
# geomean over all results; the lowest and highest geomean of a run; mean
# walltime; valid: results whose actions replay to their reward; behaves:
# of the results of runnable benchmarks, those whose program prints what
# the unoptimised one prints; geomean ok: over results with no error.
set -e
dir=$1 algo=$2 n=$3 runs=$4
geomean='def geomean: if length == 0 or any(. <= 0) then 0
	else map(log) | add / length | exp end;'
all=$(jq -rs "$geomean"' [.[].episode_reward // 0] | geomean' "$dir/states.jsonl")
wall=$(jq -rs '[.[].walltime] | add / length' "$dir/states.jsonl")
spread=$(for r in $(seq 1 "$runs"); do
	find "$dir" -name "*.run$r.json" -exec cat {} + |
		jq -rs "$geomean"' [.[].episode_reward // 0] | geomean'
done | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.4f..%.4f", lo, hi }')
checks=$(jq -rs --arg n "$((n * runs))" "$geomean"'
	def replay: .type | test("^(Action replay failed|Expected reward|IrSha1 mismatch)");
	"\(map(select(.errors | map(select(replay)) | length == 0)) | length)/\($n) \(
	map(select(.semantics_validated and (.errors | map(select(replay | not)) |
	length == 0))) | length)/\(map(select(.semantics_validated)) | length) \(
	map(select(.valid) | .reward) | geomean)"' "$dir/validation.jsonl")
printf '%-10s %10.4f %16s %11.1f %7s %9s %10.4f\n' "$algo" "$all" "$spread" \
	"$wall" $checks
