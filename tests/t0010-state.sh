#!/bin/sh
# The state stream: round trips, unknown fields, and bad input.
. "$(dirname "$0")/lib.sh"

test_expect_success 'reset writes one cg-state/1 line with the documented fields' '
	cg-reset -r IrInstructionCountOz >s0 &&
	expect_equal "$(wc -l <s0)" 1 &&
	expect_equal "$(field s0 .format)" cg-state/1 &&
	expect_equal "$(field s0 .benchmark)" benchmark://cgbench-v0/qsort &&
	expect_equal "$(field s0 ".actions | length")" 0 &&
	expect_equal "$(field s0 .reward_space)" IrInstructionCountOz &&
	expect_equal "$(field s0 .reward)" null &&
	expect_equal "$(field s0 .episode_reward)" 0 &&
	expect_equal "$(field s0 .done)" false &&
	expect_equal "$(field s0 ".baselines | keys | length")" 9 &&
	expect_equal "$(field s0 .costs.IrInstructionCount)" \
		"$(field s0 .baselines.IrInstructionCountO0)" &&
	jq -e ".walltime >= 0" s0 >/dev/null
'

test_expect_success 'a step with no action changes nothing but walltime' '
	cg-step <s0 >s1 &&
	expect_equal "$(field s1 .bitcode)" "$(field s0 .bitcode)" &&
	expect_equal "$(jq -c "del(.walltime)" s1)" "$(jq -c "del(.walltime)" s0)"
'

test_expect_success 'the round trip through the stream keeps the IR' '
	cg-reset -b "$FIXTURES/tiny.ll" >t0 &&
	cg-step <t0 >t1 &&
	cg-observe -o Ir <t0 >ir0 &&
	cg-observe -o Ir <t1 >ir1 &&
	cmp ir0 ir1 &&
	llvm-as-19 "$FIXTURES/tiny.ll" -o tiny.bc &&
	llvm-dis-19 tiny.bc -o - | grep -v "^; ModuleID\|^source_filename" >want &&
	grep -v "^; ModuleID\|^source_filename" ir0 >got &&
	diff want got
'

test_expect_success 'fields a tool does not know are kept' '
	jq -c ". + {note: \"mine\", trial: {n: 3}}" s0 >u0 &&
	cg-step -a -mem2reg <u0 >u1 &&
	expect_equal "$(field u1 .note)" mine &&
	expect_equal "$(field u1 .trial.n)" 3
'

test_expect_success 'a stream gives one output line per input line' '
	cat s0 s0 s0 >three &&
	cg-step -a -sroa <three >out &&
	expect_equal "$(wc -l <out)" 3
'

# bad_input NAME FILE PATTERN: cg-step and cg-observe refuse FILE with
# status 3, a message matching PATTERN and nothing on stdout.
bad_input() {
	test_expect_success "bad input is refused with 3: $1" "
		expect_status 3 cg-step -a -gvn <$2 >out 2>err &&
		expect_empty out &&
		expect_grep '$3' err &&
		expect_equal \"\$(wc -l <err)\" 1 &&
		expect_status 3 cg-observe -o IrInstructionCount <$2 >out 2>err &&
		expect_empty out &&
		expect_grep '$3' err
	"
}

echo 'this is not json' >notjson
head -c 500 s0 >cut
jq -c '.format = "cg-state/2"' s0 >format
jq -c '.bitcode = "QkPA3!!!"' s0 >b64
jq -c '.bitcode = "QkPA3jUUAAAFAAAA"' s0 >badbc
jq -c '.actions = ["-no-such-pass"]' s0 >badaction
echo '[1,2,3]' >array
bad_input 'not JSON' notjson 'not JSON'
bad_input 'cut short' cut 'cut short'
bad_input 'another format' format 'unsupported state format .cg-state/2.'
bad_input 'bad base64' b64 'bad base64'
bad_input 'bitcode that does not parse' badbc 'does not parse'
bad_input 'unknown action in the state' badaction 'unknown action .-no-such-pass.'
bad_input 'not an object' array 'not a JSON object'

test_expect_success 'a bad line does not stop the stream' '
	cat s0 notjson s0 >mixed &&
	expect_status 3 cg-step -a -sroa <mixed >out 2>err &&
	expect_equal "$(wc -l <out)" 2 &&
	expect_grep "line 2:" err
'

test_expect_success 'unknown benchmarks and missing files are refused with 3' '
	expect_status 3 cg-reset -b benchmark://cgbench-v0/no-such >out 2>err &&
	expect_empty out &&
	expect_grep "unknown benchmark .benchmark://cgbench-v0/no-such." err &&
	expect_status 3 cg-reset -b benchmark://no-such-v0/x >out 2>err &&
	expect_grep "unknown dataset" err &&
	expect_status 3 cg-reset -b ./missing.c >out 2>err &&
	expect_empty out &&
	expect_grep "no such file .\./missing\.c." err &&
	expect_status 3 cg-reset -b missing.c >out 2>err &&
	expect_grep "no such file .missing\.c." err &&
	expect_status 3 cg-reset -b /nonexistent.c >out 2>err &&
	expect_grep "no such file ./nonexistent\.c." err &&
	expect_status 3 cg-reset -b file:///nonexistent/x.bc >out 2>err &&
	expect_grep "no such file ./nonexistent/x\.bc." err &&
	mkdir folder &&
	expect_status 3 cg-reset -b folder >out 2>err &&
	expect_grep "folder. is a folder" err &&
	echo "not bitcode" >junk.bc &&
	expect_status 3 cg-reset -b junk.bc >out 2>err &&
	expect_grep "junk\.bc. is not LLVM bitcode" err &&
	echo "int main(void) { return syntax error; }" >broken.c &&
	expect_status 3 cg-reset -b broken.c >out 2>err &&
	expect_grep "cannot compile" err
'

# clang-19 -O0 marks every function optnone, which opt-19 honours: the
# start must drop it (and the debug information) so that passes can work.
cat >o0.c <<'EOF'
static int twice(int x) { int y = x + x; return y; }
int main(int argc, char **argv) { (void)argv; return twice(argc); }
EOF

test_expect_success 'a module from clang -O0 -g starts without optnone and debug information' '
	clang-19 -O0 -g -S -emit-llvm o0.c -o o0.ll &&
	expect_grep "optnone" o0.ll &&
	expect_grep "!dbg" o0.ll &&
	cg-reset -b o0.ll >n0 &&
	bitcode_of n0 n0.bc &&
	llvm-dis-19 n0.bc -o n0.ll &&
	! grep -n "optnone\|dbg" n0.ll &&
	opt-19 -passes=mem2reg o0.ll -o kept.bc &&
	expect_equal "$(ir_count kept.bc)" "$(ir_count n0.bc)" &&
	opt-19 -passes=mem2reg n0.bc -o want.bc &&
	test "$(ir_count want.bc)" -lt "$(ir_count n0.bc)" &&
	cg-step -a -mem2reg <n0 >n1 &&
	expect_equal "$(field n1 .costs.IrInstructionCount)" "$(ir_count want.bc)"
'

if [ -w /dev/full ]; then
test_expect_success 'a write error on stdout is an error' '
	expect_status 1 cg-step -a -sroa <s0 >/dev/full 2>err &&
	expect_grep "write error" err
'
else
	test_skip 'a write error on stdout is an error' '/dev/full is not writable'
fi

test_expect_success '"done" that is not a boolean is bad input' '
	for v in "\"yes\"" 1 "{}"; do
		jq -c ".done = $v" s0 >d &&
		expect_status 3 cg-step -a -sroa <d >out 2>err &&
		expect_grep "\"done\" is not a boolean" err &&
		expect_empty out || exit 1
	done
'

test_expect_success 'a real number survives a step exactly, to 17 digits' '
	cg-reset -r IrInstructionCount >r0 &&
	jq -c ".episode_reward = 0.30000000000000004" r0 >r1 &&
	expect_grep "\"episode_reward\":0.30000000000000004," r1 &&
	cg-step <r1 >r2 &&
	expect_grep "\"episode_reward\":0.30000000000000004," r2
'

test_expect_success 'padding inside the base64 is bad base64' '
	jq -c ".bitcode |= (.[0:8] + \"==\" + .[8:])" s0 >p &&
	expect_status 3 cg-step <p >out 2>err &&
	expect_grep "bad base64" err
'

# "AA==" is a whole padded group (one byte, 0x00): padding ends the data,
# so it is bad base64 anywhere before the last group, though a decoder
# that stopped at the first padding would read the bytes before it.
test_expect_success 'a padded group before the last is bad base64, at its offset' '
	jq -c ".bitcode |= (.[0:8] + \"AA==\" + .[8:])" s0 >p &&
	expect_status 3 cg-step <p >out 2>err &&
	expect_empty out &&
	expect_grep "bad base64 near offset 8" err &&
	expect_status 3 cg-observe -o IrInstructionCount <p >out 2>err &&
	expect_grep "bad base64 near offset 8" err
'

test_done
