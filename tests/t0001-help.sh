#!/bin/sh
# Every tool answers -h, lists its spaces, and refuses bad usage with 2.
. "$(dirname "$0")/lib.sh"

for t in cg-reset cg-step cg-observe cg-search cg-validate cg-datasets; do
	test_expect_success "$t -h prints usage and exits 0" "
		$t -h >out &&
		expect_grep '^usage: $t ' out
	"
	test_expect_success "$t refuses an unknown option with 2" "
		expect_status 2 $t --no-such-option >out 2>err </dev/null &&
		expect_empty out &&
		expect_grep '^usage: $t' err
	"
done

test_expect_success 'cg-step --list-actions lists the 124 actions in order' '
	cg-step --list-actions >out &&
	expect_equal "$(wc -l <out)" 124 &&
	expect_equal "$(sed -n 1p out | cut -f2)" -add-discriminators &&
	expect_equal "$(sed -n 11p out | cut -f2)" -simplifycfg &&
	expect_equal "$(sed -n 104p out | cut -f2)" -mem2reg &&
	expect_equal "$(sed -n 124p out | cut -f2)" -mergereturn &&
	expect_equal "$(sed -n 54p out | cut -f3)" \
		"instcombine<max-iterations=1000;no-verify-fixpoint>"
'

test_expect_success 'every action pipeline of both spaces parses in opt-19' '
	cg-reset -b "$FIXTURES/tiny.ll" >s0 &&
	bitcode_of s0 m.bc &&
	cg-step --list-actions >list &&
	cg-step --list-actions --action-space PassesLlvm19 >>list &&
	expect_equal "$(wc -l <list)" $((124 + 128)) &&
	cut -f3 list >pipes &&
	while read -r p; do
		opt-19 -passes="$p" m.bc -o /dev/null || exit 1
	done <pipes
'

test_expect_success 'cg-observe --list-spaces and cg-reset --list-rewards' '
	cg-observe --list-spaces >spaces &&
	expect_grep "^Autophase	int64\[56\]$" spaces &&
	expect_grep "^InstCount	int64\[70\]$" spaces &&
	cg-reset --list-rewards >rewards &&
	expect_equal "$(wc -l <rewards)" 13 &&
	grep -qx IrInstructionCountOz rewards &&
	grep -qx ObjectTextSizeNorm rewards
'

test_expect_success 'unknown action, index and space are usage errors' '
	expect_status 2 cg-step -a -no-such-pass </dev/null >out 2>err &&
	expect_grep "unknown action .-no-such-pass." err &&
	expect_status 2 cg-step -i 999 </dev/null >out 2>err &&
	expect_grep "999" err &&
	cg-reset -b "$FIXTURES/tiny.ll" >s0 &&
	expect_status 2 cg-step -i 124 <s0 >out 2>err &&
	expect_empty out &&
	expect_grep "0\.\.123" err &&
	expect_status 2 cg-observe -o NoSuchSpace </dev/null >out 2>err &&
	expect_grep "unknown observation space .NoSuchSpace." err &&
	expect_status 2 cg-reset -r NoSuchReward >out 2>err &&
	expect_empty out
'

test_done
