#!/bin/sh
# A pass that aborts, crashes, hangs or breaks the module ends the episode
# with status 4 and the state before it; the tool survives.  The faults are
# injected with the test-only CG_TEST_FAULT=FLAG:KIND hook.
. "$(dirname "$0")/lib.sh"

test_expect_success 'set up' '
	cg-reset -r IrInstructionCountOz -b "$FIXTURES/loops.c" >s0 &&
	cg-step -a -sroa <s0 >s1
'

for kind in abort segv invalid; do
	test_expect_success "a $kind in -gvn ends the episode with the state before it" "
		expect_status 4 env CG_TEST_FAULT=-gvn:$kind \
			cg-step -a -sroa -a -gvn -a -dse <s0 >f 2>err &&
		expect_equal \"\$(wc -l <f)\" 1 &&
		expect_equal \"\$(field f .done)\" true &&
		expect_equal \"\$(field f .actions)\" \"\$(field s1 .actions)\" &&
		expect_equal \"\$(field f .bitcode)\" \"\$(field s1 .bitcode)\" &&
		expect_equal \"\$(field f .episode_reward)\" \"\$(field s1 .episode_reward)\" &&
		field f .error | grep -q -- '-gvn' &&
		expect_grep -- '-gvn' err
	"
done

test_expect_success 'a hang is stopped by the timeout' '
	expect_status 4 env CG_TEST_FAULT=-gvn:hang \
		cg-step -T 1 -a -sroa -a -gvn <s0 >f 2>err &&
	field f .error | grep -q "timed out" &&
	expect_equal "$(field f .bitcode)" "$(field s1 .bitcode)"
'

test_expect_success 'an ended episode is passed through with status 4' '
	CG_TEST_FAULT=-gvn:abort cg-step -a -gvn <s0 >f 2>/dev/null;
	expect_status 4 cg-step -a -dse <f >g 2>err &&
	expect_equal "$(field g .bitcode)" "$(field f .bitcode)" &&
	expect_grep "episode has ended" err
'

test_expect_success 'other states of the stream go on after a fault' '
	cat s0 s1 >two &&
	expect_status 4 env CG_TEST_FAULT=-gvn:abort cg-step -a -gvn <two >out 2>err &&
	expect_equal "$(jq -s "map(.done) | join(\",\")" out)" "\"true,true\""
'

test_expect_success 'the previous module is intact: stepping it again works' '
	CG_TEST_FAULT=-gvn:segv cg-step -a -gvn <s1 >f 2>/dev/null;
	jq -c ".done = false | del(.error)" f >revived &&
	cg-step -a -gvn <revived >ok &&
	expect_equal "$(field ok .done)" false
'

test_expect_success 'no temporary files are left behind' '
	mkdir tmp &&
	TMPDIR=$PWD/tmp CG_TEST_FAULT=-gvn:abort cg-step -a -gvn <s0 >/dev/null 2>&1;
	expect_equal "$(ls -A tmp)" ""
'

test_done
