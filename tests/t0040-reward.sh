#!/bin/sh
# Reward arithmetic against hand-computed values.
. "$(dirname "$0")/lib.sh"

# tiny.ll: O0 = 5 instructions; mem2reg leaves 2 (add, ret); Oz leaves 2.
test_expect_success 'baselines of the hand-counted module' '
	cg-reset -r IrInstructionCountOz -b "$FIXTURES/tiny.ll" >t0 &&
	expect_equal "$(field t0 .baselines.IrInstructionCountO0)" 5 &&
	expect_equal "$(field t0 .baselines.IrInstructionCountOz)" 2 &&
	expect_equal "$(field t0 .baselines.IrInstructionCountO3)" 2
'

# On loops.c, Oz and Os end at other counts (116 and 137 on LLVM 19), so
# a baseline run through the wrong pipeline shows.  A cache of its own:
# the baselines are computed here, not read from what another build left.
test_expect_success 'the O3 and Oz baselines are what opt-19 makes of the module' '
	XDG_CACHE_HOME=$T/cache cg-reset -b "$FIXTURES/loops.c" >l0 &&
	bitcode_of l0 l0.bc &&
	opt-19 -passes="default<Oz>" l0.bc -o oz.bc &&
	opt-19 -passes="default<Os>" l0.bc -o os.bc &&
	opt-19 -passes="default<O3>" l0.bc -o o3.bc &&
	oz=$(ir_count oz.bc) &&
	{ test "$oz" != "$(ir_count os.bc)" ||
		{ echo "Oz and Os agree on loops.c: no check" >&2; exit 1; }; } &&
	expect_equal "$(field l0 .baselines.IrInstructionCountOz)" "$oz" &&
	expect_equal "$(field l0 .baselines.IrInstructionCountO3)" \
		"$(ir_count o3.bc)" &&
	expect_equal "$(field l0 .baselines.IrInstructionCountO0)" \
		"$(ir_count l0.bc)"
'

# reward SPACE ACTION: the reward of one step from tiny.ll's start.
reward() {
	cg-reset -r "$1" -b "$FIXTURES/tiny.ll" >r.start &&
	cg-step -a "$2" <r.start >r.step &&
	jq -r .reward r.step
}

test_expect_success 'rewards of -mem2reg on the hand-counted module' '
	expect_equal "$(reward IrInstructionCount -mem2reg)" 3 &&
	expect_equal "$(reward IrInstructionCountNorm -mem2reg)" 0.6 &&
	expect_equal "$(reward IrInstructionCountOz -mem2reg)" 1 &&
	expect_equal "$(reward IrInstructionCountO3 -mem2reg)" 1
'

test_expect_success 'reg2mem after mem2reg: a negative reward, then the sum' '
	cg-reset -r IrInstructionCount -b "$FIXTURES/tiny.ll" >t0 &&
	cg-step -a -mem2reg -a -reg2mem <t0 >t2 &&
	c=$(field t2 .costs.IrInstructionCount) &&
	expect_equal "$(field t2 .reward)" "$((2 - c))" &&
	expect_equal "$(field t2 .episode_reward)" "$((5 - c))"
'

test_expect_success 'ObjectTextSize rewards use the object size' '
	cg-reset -r ObjectTextSizeBytes -b "$FIXTURES/tiny.ll" >o0 &&
	cg-step -a -mem2reg <o0 >o1 &&
	b0=$(field o0 .baselines.ObjectTextSizeO0) &&
	c1=$(cg-observe -o ObjectTextSizeBytes <o1) &&
	expect_equal "$(field o1 .costs.ObjectTextSizeBytes)" "$c1" &&
	expect_equal "$(field o1 .reward)" "$((b0 - c1))"
'

seq="-sroa -instcombine -simplifycfg -reg2mem -gvn -mem2reg -licm -loop-rotate -dse"

# The episode reward telescopes to (O0 - final) / norm for every space.
for space in IrInstructionCountOz IrInstructionCountNorm ObjectTextSizeOz ObjectTextSizeO3; do
	test_expect_success "episode reward of $space telescopes" "
		cg-reset -r $space -b '$FIXTURES/loops.c' >s0 &&
		cp s0 cur &&
		for a in $seq; do
			cg-step -a \$a <cur >next && mv next cur || exit 1
		done &&
		jq -e --arg s $space '
			(if (\$s | startswith(\"Ir\")) then \"IrInstructionCount\"
			 else \"ObjectTextSize\" end) as \$c |
			.baselines[\$c + \"O0\"] as \$o0 |
			(.costs[if \$c == \"ObjectTextSize\" then \"ObjectTextSizeBytes\"
				else \$c end]) as \$final |
			(if (\$s | endswith(\"Norm\")) then \$o0
			 else ([\$o0 - .baselines[\$c + (\$s[-2:])], 1] | max) end) as \$norm |
			((.episode_reward - (\$o0 - \$final) / \$norm) | fabs) < 1e-9
		' cur >/dev/null
	"
done

test_expect_success 'no reward space: rewards are null' '
	cg-reset -b "$FIXTURES/tiny.ll" >n0 &&
	cg-step -a -mem2reg <n0 >n1 &&
	expect_equal "$(field n1 .reward_space)" null &&
	expect_equal "$(field n1 .reward)" null &&
	expect_equal "$(field n1 .episode_reward)" null &&
	expect_equal "$(field n1 .costs.IrInstructionCount)" 2
'

test_done
