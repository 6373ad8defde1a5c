#!/bin/sh
# cg-search improves on the start, writes a state that replays exactly,
# survives crashing workers and stops cleanly on a signal.
. "$(dirname "$0")/lib.sh"

test_expect_success 'a short search improves on the start and validates' '
	cg-search -q -b benchmark://cgbench-v0/qsort -t 3 -j 2 >best &&
	expect_equal "$(wc -l <best)" 1 &&
	jq -e ".episode_reward > 0.9 and (.actions | length) > 0" best >/dev/null &&
	jq -e ".costs.IrInstructionCount < .baselines.IrInstructionCountO0" best >/dev/null &&
	cg-validate <best >v 2>err &&
	expect_equal "$(field v .valid)" true
'

test_expect_success 'the result is what a chain of cg-step calls gives' '
	cg-reset -r IrInstructionCountOz >s0 &&
	cp s0 chain &&
	for a in $(jq -r ".actions[]" best); do
		cg-step -a "$a" <chain >next && mv next chain || exit 1
	done &&
	expect_equal "$(field chain .bitcode)" "$(field best .bitcode)" &&
	expect_equal "$(field chain .episode_reward)" "$(field best .episode_reward)"
'

for algo in random greedy e-greedy beam anneal ils; do
	test_expect_success "-s $algo finds an improvement from stdin" "
		cg-reset -b '$FIXTURES/loops.c' -r IrInstructionCount >s &&
		cg-search -q -s $algo -n 600 -j 1 <s >r &&
		jq -e '.episode_reward > 0' r >/dev/null &&
		expect_valid r
	"
done

test_expect_success 'with a step budget and -j 1 the search is deterministic' '
	cg-search -q -b benchmark://cgbench-v0/qsort -n 2000 -j 1 --seed 7 >a &&
	cg-search -q -b benchmark://cgbench-v0/qsort -n 2000 -j 1 --seed 7 >b &&
	expect_equal "$(field a .actions)" "$(field b .actions)" &&
	expect_equal "$(field a .bitcode)" "$(field b .bitcode)"
'

test_expect_success 'a search continues an episode that has actions' '
	cg-reset -r IrInstructionCountOz >start &&
	cg-step -a -sroa <start >mid &&
	cg-search -q -n 300 -j 1 <mid >r &&
	expect_equal "$(field r ".actions[0]")" -sroa &&
	expect_valid r
'

test_expect_success 'workers killed by a pass are replaced; the search goes on' '
	CG_TEST_FAULT=-gvn:segv cg-search -b benchmark://cgbench-v0/qsort \
		-t 3 -j 2 >r 2>err &&
	expect_grep "workers replaced after a crash" err &&
	jq -e ".episode_reward > 0.9" r >/dev/null &&
	! jq -e ".actions | index(\"-gvn\")" r >/dev/null &&
	expect_valid r
'

test_expect_success 'crashing workers leave no temporary files' '
	mkdir tmp &&
	TMPDIR=$PWD/tmp CG_TEST_FAULT=-gvn:abort cg-search -q -s random \
		-n 2000 -j 2 -b benchmark://cgbench-v0/qsort >r 2>/dev/null &&
	expect_equal "$(ls -A tmp)" "" &&
	expect_valid r
'

test_expect_success 'a worker stuck in a pass is killed after -T and replaced' '
	CG_TEST_FAULT=-gvn:hang cg-search -b benchmark://cgbench-v0/qsort \
		-t 4 -T 1 -j 2 >r 2>err &&
	expect_grep "workers replaced after a crash or a timeout" err &&
	! jq -e ".actions | index(\"-gvn\")" r >/dev/null &&
	expect_valid r
'

# Once -gvn has killed a worker, the greedy sweeps of its successor
# cannot run it: a step that did not run has no cost to choose it by.
test_expect_success 'greedy steps around an action that killed a worker' '
	cg-reset -b "$FIXTURES/loops.c" -r IrInstructionCount >s &&
	CG_TEST_FAULT=-gvn:segv cg-search -s greedy -n 600 -j 1 <s >r 2>err &&
	expect_grep "workers replaced after a crash" err &&
	jq -e ".episode_reward > 0" r >/dev/null &&
	! jq -e ".actions | index(\"-gvn\")" r >/dev/null &&
	expect_valid r
'

test_expect_success 'SIGINT mid-search writes the best state so far and exits 0' '
	cg-search -q -b benchmark://cgbench-v0/qsort -t 60 -j 2 >r &
	pid=$! &&
	sleep 2 &&
	kill -INT $pid &&
	wait $pid &&
	expect_equal "$(wc -l <r)" 1 &&
	jq -e ".episode_reward > 0 and (.actions | length) > 0" r >/dev/null &&
	cg-validate <r >v 2>/dev/null &&
	expect_equal "$(field v .valid)" true
'

test_expect_success 'nothing found is not reported as an improvement' '
	cg-reset -b "$FIXTURES/tiny.ll" -r IrInstructionCountOz >t0 &&
	cg-step -a -mem2reg <t0 >opt &&
	cg-search -q -s greedy -n 500 -j 1 <opt >r &&
	expect_equal "$(field r .actions)" "$(field opt .actions)" &&
	expect_equal "$(field r .bitcode)" "$(field opt .bitcode)"
'

test_expect_success 'several -b are searched in turn; an ended episode passes through' '
	cg-search -q -n 300 -j 1 -b "$FIXTURES/tiny.ll" -b "$FIXTURES/loops.c" >two &&
	expect_equal "$(jq -r .benchmark two | sed "s|.*/||" | tr "\n" " ")" "tiny.ll loops.c " &&
	CG_TEST_FAULT=-gvn:abort cg-step -a -gvn <two >ended 2>/dev/null;
	expect_status 4 cg-search -q -n 100 <ended >out 2>err &&
	expect_equal "$(wc -l <out)" 2 &&
	expect_equal "$(jq -s "map(.done) | all" out)" true
'

test_expect_success 'by default, only a result whose program behaves is written' '
	# ub.c overflows a signed int; the passes that fold the overflow
	# check change what it prints, and the best sequences use them.
	mkdir -p "$XDG_DATA_HOME/cg/datasets" &&
	cp -R "$FIXTURES/ubdata" "$XDG_DATA_HOME/cg/datasets/ubtest-v0" &&
	cg-reset -b benchmark://ubtest-v0/ub -r IrInstructionCount >s &&
	cg-search -q -s random -n 3000 -j 1 --no-semantics <s >plain &&
	expect_status 1 cg-validate --semantics <plain >v 2>/dev/null &&
	cg-search -q -s random -n 3000 -j 1 <s >checked 2>err &&
	cg-validate --semantics <checked >v 2>/dev/null &&
	expect_equal "$(field v .semantics_validated)" true &&
	jq -e ".episode_reward > 0" checked >/dev/null &&
	jq -e ".episode_reward < $(field plain .episode_reward)" checked >/dev/null
'

test_expect_success '--semantics checks the best during the search and retracts it' '
	# The broken results come within the first second; each is
	# checked while the search goes on, and the search goes on
	# without it and without what starts like it.
	cg-reset -b benchmark://ubtest-v0/ub -r IrInstructionCount >s &&
	cg-search -s random -t 4 -j 2 --semantics <s >checked 2>err &&
	expect_grep "[1-9][0-9]* results\{0,1\} retracted whose program does not behave" err &&
	cg-validate --semantics <checked >v 2>/dev/null &&
	expect_equal "$(field v .semantics_validated)" true &&
	jq -e ".episode_reward > 0" checked >/dev/null
'

test_expect_success 'ILS also seeds with -inline first, and keeps it where it is smaller' '
	# The two seed runs take 76 + 77 steps; on dijkstra the one after
	# -inline ends smaller than the same actions without it.
	cg-search -q -s ils -n 153 -j 1 -b benchmark://cgbench-v0/dijkstra >r &&
	expect_equal "$(field r ".actions[0]")" -inline &&
	cg-reset -b benchmark://cgbench-v0/dijkstra >p &&
	for a in $(jq -r ".actions[1:][]" r); do
		cg-step -a "$a" <p >q && mv q p || exit 1
	done &&
	bitcode_of r r.bc && bitcode_of p p.bc &&
	test "$(ir_count r.bc)" -lt "$(ir_count p.bc)"
'

test_expect_success 'bad usage and bad input' '
	expect_status 2 cg-search -s no-such-algo </dev/null >out 2>err &&
	expect_grep "unknown search algorithm" err &&
	expect_status 3 cg-search -q -n 100 <"$FIXTURES/tiny.ll" >out 2>err &&
	expect_empty out
'

test_done
