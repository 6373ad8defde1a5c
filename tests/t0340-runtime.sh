#!/bin/sh
# Build and run observations (IsBuildable, IsRunnable, Buildtime, Runtime),
# the Runtime reward, and the scratch directories they leave: none, also
# after SIGINT.
. "$(dirname "$0")/lib.sh"

D=$TOP/datasets/cgbench-v0
# Every build and run makes its scratch directory here.
TMPDIR=$T/tmp
export TMPDIR
mkdir "$TMPDIR"

# no_scratch: fails if a cg-run.* directory is left in $TMPDIR.
no_scratch() {
	ls -A "$TMPDIR" >left &&
	expect_empty left
}

# await_scratch: waits (10 s at most) for a scratch directory to appear.
await_scratch() {
	i=0
	while [ -z "$(ls -A "$TMPDIR")" ] && [ $i -lt 1000 ]; do
		sleep 0.01
		i=$((i + 1))
	done
}

test_expect_success 'set up' '
	cg-reset -b benchmark://cgbench-v0/qsort >q0 &&
	cg-step -a -sroa -a -gvn <q0 >q1 &&
	cg-reset -b "$FIXTURES/tiny.ll" >t0
'

test_expect_success 'Runtime and Buildtime are positive and of the asked length' '
	cg-observe -o Runtime -o Buildtime <q0 >o1 &&
	jq -e "(.Runtime | length) == 1 and (.Buildtime | length) == 1 and
		.Runtime[0] > 0 and .Buildtime[0] > 0" o1 >/dev/null &&
	cg-observe --runtime-count 5 --warmup 2 -o Runtime <q1 >o5 &&
	jq -e "length == 5 and all(.[]; type == \"number\" and . > 0)" \
		o5 >/dev/null &&
	cg-observe -o Buildtime <q1 >b &&
	jq -e "length == 1 and .[0] > 0" b >/dev/null &&
	no_scratch
'

test_expect_success 'IsRunnable and IsBuildable are 1 for every built-in program' '
	ls "$D" | sed "s|^|benchmark://cgbench-v0/|" >uris &&
	cg-reset - <uris >all &&
	expect_equal "$(wc -l <all)" "$(wc -l <uris)" &&
	cg-observe -o IsRunnable -o IsBuildable <all >r &&
	expect_equal "$(jq -c "[.IsRunnable, .IsBuildable]" r | sort -u)" "[1,1]" &&
	no_scratch
'

test_expect_success 'IsRunnable and IsBuildable are 0 for a bare .ll' '
	expect_equal "$(cg-observe -o IsRunnable <t0)" 0 &&
	expect_equal "$(cg-observe -o IsBuildable <t0)" 0
'

test_expect_success 'Runtime and Buildtime of a bare .ll are errors naming it' '
	for space in Runtime Buildtime; do
		expect_status 3 cg-observe -o $space <t0 >out 2>err &&
		expect_empty out &&
		grep "$space" err &&
		grep "tiny.ll" err || exit 1
	done &&
	expect_status 3 cg-reset -r Runtime -b "$FIXTURES/tiny.ll" >out 2>err &&
	expect_empty out &&
	grep "Runtime" err &&
	grep "tiny.ll" err
'

# A dataset of the user's with programs that go wrong.
test_expect_success 'set up programs that fail' '
	d=$XDG_DATA_HOME/cg/datasets/bad-v0 &&
	mkdir -p "$d/exit" "$d/wrong" "$d/hang" &&
	echo "int main(void) { return 3; }" >"$d/exit/exit.c" &&
	echo "{\"runs\": [{}]}" >"$d/exit/run.json" &&
	printf "#include <stdio.h>\nint main(void) { puts(\"no\"); return 0; }\n" \
		>"$d/wrong/wrong.c" &&
	echo yes >"$d/wrong/out.expected" &&
	echo "{\"runs\": [{\"stdout\": \"out.expected\"}]}" >"$d/wrong/run.json" &&
	printf "int main(void) { for (;;) ; }\n" >"$d/hang/hang.c" &&
	echo "{\"runs\": [{\"timeout\": 1}]}" >"$d/hang/run.json" &&
	for p in exit wrong hang; do
		cg-reset -b benchmark://bad-v0/$p >$p.s || exit 1
	done
'

test_expect_success 'a failing build or run is an error, not a hang' '
	expect_status 1 cg-observe -o Runtime <exit.s >out 2>err &&
	grep "exited with status 3" err &&
	expect_status 1 cg-observe -o Runtime <wrong.s >out 2>err &&
	grep "expected output" err &&
	expect_status 1 cg-observe -o Runtime <hang.s >out 2>err &&
	grep "timed out" err &&
	expect_status 0 cg-observe -o Buildtime <hang.s >out &&
	expect_status 3 env CG_CLANG=false cg-observe -o Buildtime <hang.s \
		>out 2>err &&
	grep "build failed" err &&
	no_scratch
'

# A Runtime observation long enough to be interrupted, with SIGINT at its
# default (a background job of sh ignores it).
test_expect_success 'SIGINT during a Runtime observation leaves no scratch directory' '
	for delay in 0 1 5; do
		perl -e "\$SIG{INT} = \"DEFAULT\"; exec @ARGV or die" \
			cg-observe --runtime-count 100000 -o Runtime <q0 >out 2>err &
		pid=$! &&
		await_scratch &&
		sleep 0.0$delay &&
		kill -INT $pid &&
		expect_status 130 wait $pid &&
		no_scratch || exit 1
	done
'

test_expect_success 'SIGTERM during the Runtime of a reset leaves none either' '
	perl -e "\$SIG{TERM} = \"DEFAULT\"; exec @ARGV or die" \
		cg-reset -r Runtime --runtime-count 100000 -b cgbench-v0/qsort \
		>out 2>err &
	pid=$! &&
	await_scratch &&
	kill -TERM $pid &&
	expect_status 143 wait $pid &&
	no_scratch &&
	expect_empty out
'

test_expect_success 'the Runtime reward is the difference of the medians in costs' '
	cg-reset -r Runtime --runtime-count 3 -b benchmark://cgbench-v0/qsort >r0 &&
	jq -e ".costs.Runtime > 0 and .episode_reward == 0 and
		.reward_space == \"Runtime\"" r0 >/dev/null &&
	cg-step --runtime-count 3 -a -sroa <r0 >r1 &&
	cg-step --runtime-count 3 --warmup 1 -a -gvn <r1 >r2 &&
	for s in "r0 r1" "r1 r2"; do
		set -- $s &&
		jq -n -e --slurpfile a $1 --slurpfile b $2 "
			\$b[0].costs.Runtime > 0 and
			((\$b[0].reward - (\$a[0].costs.Runtime -
			    \$b[0].costs.Runtime)) | fabs) < 1e-12" >/dev/null ||
			exit 1
	done &&
	jq -n -e --slurpfile a r0 --slurpfile b r2 "
		((\$b[0].episode_reward - (\$a[0].costs.Runtime -
		    \$b[0].costs.Runtime)) | fabs) < 1e-12" >/dev/null &&
	no_scratch
'

test_expect_success 'the previous Runtime comes from the state, not a new build' '
	cg-reset -r Runtime --runtime-count 1 -b benchmark://cgbench-v0/qsort >r0 &&
	jq -c ".costs.Runtime = 1000" r0 >fake &&
	cg-step --runtime-count 1 -a -sroa <fake >r1 &&
	jq -e "(.reward - (1000 - .costs.Runtime) | fabs) < 1e-9" r1 >/dev/null
'

test_expect_success 'the run counts are checked' '
	expect_status 2 cg-observe --runtime-count 0 -o Runtime <q0 &&
	expect_status 2 cg-observe --warmup -1 -o Runtime <q0 &&
	expect_status 2 cg-step --runtime-count x -a -sroa <q0 &&
	expect_status 2 cg-reset --runtime-count 0 -b "$FIXTURES/tiny.ll"
'

test_done
