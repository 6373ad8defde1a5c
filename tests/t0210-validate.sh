#!/bin/sh
# cg-validate replays states and CompilerGym CSV and checks what they claim.
. "$(dirname "$0")/lib.sh"

test_expect_success 'set up an episode' '
	cg-reset -r IrInstructionCountOz -b benchmark://cgbench-v0/crc32 >s0 &&
	cg-step -a -sroa -a -gvn -a -simplifycfg <s0 >s &&
	cg-reset -r IrInstructionCountOz >q0 &&
	cg-step -a -mem2reg -a -instcombine <q0 >q
'

test_expect_success 'a true state validates' '
	cat s q | cg-validate >v 2>err &&
	expect_equal "$(jq -s "map(.valid) | all" v)" true &&
	expect_equal "$(jq -s "map(.reward == .expected_reward) | all" v)" true &&
	expect_grep "2 states, 0 failed" err
'

test_expect_success 'edited actions fail with a clear error and status 1' '
	jq -c ".actions += [\"-reg2mem\"]" s >bad &&
	expect_status 1 cg-validate <bad >v 2>err &&
	expect_equal "$(field v .valid)" false &&
	jq -e ".errors | map(.type) | index(\"IrSha1 mismatch\")" v >/dev/null &&
	jq -e ".errors[0].type | startswith(\"Expected reward\")" v >/dev/null &&
	expect_grep "Expected reward" err
'

test_expect_success 'an edited reward fails' '
	jq -c ".episode_reward += 0.5" s >bad &&
	expect_status 1 cg-validate <bad >v 2>/dev/null &&
	expect_equal "$(field v .valid)" false
'

test_expect_success 'the tolerance is CompilerGym: 0.1% off fails, 1e-7 relative passes' '
	jq -c ".episode_reward *= 1.001" s >off &&
	expect_status 1 cg-validate <off >v 2>/dev/null &&
	jq -e ".errors[0].type | startswith(\"Expected reward\")" v >/dev/null &&
	jq -c ".episode_reward *= 1.0000001" s >near &&
	cg-validate <near >v 2>/dev/null &&
	expect_equal "$(field v .valid)" true
'

test_expect_success 'an unknown benchmark fails replay' '
	jq -c ".benchmark = \"benchmark://cgbench-v0/nope\"" s >bad &&
	expect_status 1 cg-validate <bad >v 2>/dev/null &&
	expect_equal "$(field v ".errors[0].type")" "Action replay failed"
'

test_expect_success 'CSV written by cg-validate reads back' '
	cat s q | cg-validate --csv >r.csv 2>/dev/null &&
	expect_equal "$(head -1 r.csv)" "benchmark,reward,walltime,commandline" &&
	expect_equal "$(wc -l <r.csv)" 3 &&
	expect_grep "^benchmark://cgbench-v0/qsort,.*,opt -mem2reg -instcombine input.bc -o output.bc$" r.csv &&
	cg-validate <r.csv >v 2>/dev/null &&
	expect_equal "$(jq -s "map(.valid) | all" v)" true &&
	expect_equal "$(jq -s ".[1].reward" v)" "$(field q .episode_reward)"
'

test_expect_success 'CompilerGym CSV: headerless, reordered header, empty episode' '
	printf "%s\n" "benchmark://cgbench-v0/qsort,0,0.3,opt  input.bc -o output.bc" >a.csv &&
	cg-validate <a.csv >v 2>/dev/null &&
	expect_equal "$(field v .valid)" true &&
	printf "%s\n" "Reward,COMMANDLINE,benchmark,walltime" \
		"0,opt  input.bc -o output.bc,benchmark://cgbench-v0/qsort,1" >b.csv &&
	cg-validate <b.csv >v 2>/dev/null &&
	expect_equal "$(field v .valid)" true &&
	printf "%s\n" "benchmark://cgbench-v0/qsort,0.5,1,opt -mem2reg input.bc -o output.bc" >c.csv &&
	expect_status 1 cg-validate <c.csv >v 2>/dev/null &&
	printf "%s\n" "a,b,c" >d.csv &&
	expect_status 3 cg-validate <d.csv >v 2>err &&
	expect_grep "expected 4 columns" err
'

test_expect_success 'CSV: a header after blank lines, and quoted fields' '
	printf "\n%s\n%s\n" "benchmark,reward,walltime,commandline" \
		"\"benchmark://cgbench-v0/qsort\",0,1,\"opt  input.bc -o output.bc\"" >e.csv &&
	cg-validate <e.csv >v 2>/dev/null &&
	expect_equal "$(field v .valid)" true &&
	mkdir "a,b" && cp "$FIXTURES/tiny.ll" "a,b/t.ll" &&
	cg-reset -r IrInstructionCount -b "a,b/t.ll" >t0 &&
	cg-step -a -mem2reg <t0 >t &&
	cg-validate --csv <t >t.csv 2>/dev/null &&
	expect_grep "^\"file://.*a,b/t.ll\",3.0," t.csv &&
	cg-validate -r IrInstructionCount <t.csv >v 2>/dev/null &&
	expect_equal "$(field v .valid)" true
'

# Found by fuzz-csv: the message used the command line after freeing it.
test_expect_success 'CSV with an unknown action is bad data, named' '
	cp "$TOP/tests/fuzz/corpus/csv/regress-unknown-action-uaf.csv" u.csv &&
	expect_status 3 cg-validate <u.csv >out 2>err &&
	expect_grep "unknown action .1\"opt." err
'

test_expect_success '--semantics on a benchmark without a run configuration is not an error' '
	cg-validate --semantics <t >v 2>/dev/null &&
	expect_equal "$(field v .valid)" true &&
	expect_equal "$(field v .semantics_validated)" false
'

test_expect_success '--semantics: an optimised program that behaves validates' '
	cg-validate --semantics <s >v 2>/dev/null &&
	expect_equal "$(field v .valid)" true &&
	expect_equal "$(field v .semantics_validated)" true
'

test_expect_success '--semantics: a program whose optimised build prints something else fails' '
	mkdir -p "$XDG_DATA_HOME/cg/datasets" &&
	cp -R "$FIXTURES/ubdata" "$XDG_DATA_HOME/cg/datasets/ubtest-v0" &&
	cg-reset -b benchmark://ubtest-v0/ub -r IrInstructionCount >u0 &&
	cg-step -a -instcombine <u0 >u &&
	cg-validate <u >v 2>/dev/null &&
	expect_status 1 cg-validate --semantics <u >v 2>/dev/null &&
	expect_equal "$(field v ".errors[0].type")" "Wrong output" &&
	expect_equal "$(jq -c ".errors[0].data.expected" v)" "\"overflow\\n\"" &&
	expect_equal "$(jq -c ".errors[0].data.actual" v)" "\"no overflow\\n\""
'

# Unoptimised, x + 1 wraps and the program prints one line; -instcombine
# folds the nsw comparison and it prints a second: what it prints first
# is still all the unoptimised program printed.
mkdir more
cat >more/more.c <<'EOF'
#include <limits.h>
#include <stdio.h>
int main(int argc, char **argv) {
	int x = INT_MAX - 1 + argc;
	(void)argv;
	puts("sum");
	if (!(x + 1 < x))
		puts("no overflow");
	return 0;
}
EOF
echo '{"runs": [{"args": []}]}' >more/run.json

test_expect_success '--semantics: an optimised build that prints more than the unoptimised one fails' '
	cg-reset --run more/run.json -b more/more.c >m0 &&
	cg-step -a -instcombine <m0 >m1 &&
	bitcode_of m0 m0.bc &&
	opt-19 -passes=instcombine m0.bc -o m1.bc &&
	clang-19 -w m0.bc -o gold && clang-19 -w m1.bc -o longer &&
	./gold >gold.out && ./longer >longer.out &&
	head -c $(($(wc -c <gold.out))) longer.out >start &&
	cmp gold.out start && ! cmp -s gold.out longer.out &&
	expect_status 1 cg-validate --semantics <m1 >v 2>/dev/null &&
	expect_equal "$(field v ".errors[0].type")" "Wrong output" &&
	jq -j ".errors[0].data.expected" v >expected &&
	jq -j ".errors[0].data.actual" v >actual &&
	cmp expected gold.out && cmp actual longer.out
'

test_expect_success '--semantics agrees with opt-19 and clang-19 on a NewGVN miscompile' '
	# On LLVM 19, -gvn -dse -newgvn makes radixsort print a mismatch
	# between its two sorts; the same passes run by opt-19 and built by
	# clang-19 decide what cg-validate must say.
	D=$TOP/datasets/cgbench-v0/radixsort &&
	cg-reset -b cgbench-v0/radixsort >r &&
	cg-step -a -gvn -a -dse -a -newgvn <r >n &&
	jq -r .bitcode r | base64 -d >r.bc &&
	opt-19 -passes=gvn,dse,newgvn r.bc -o n.bc &&
	clang-19 n.bc -o n.exe &&
	./n.exe 12345 2000 6 >out &&
	if cmp -s out "$D/small.expected"; then
		cg-validate --semantics <n >v 2>/dev/null
	else
		expect_status 1 cg-validate --semantics <n >v 2>/dev/null &&
		expect_equal "$(field v ".errors[0].type")" "Wrong output"
	fi
'

test_expect_success '--sanitize runs the optimised build under ASan and UBSan' '
	cg-validate --sanitize <q >v 2>/dev/null &&
	expect_equal "$(field v .valid)" true
'

test_done
