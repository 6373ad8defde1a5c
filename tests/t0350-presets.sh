#!/bin/sh
# Environment presets: cg-reset --env sets CompilerGym's default reward
# space and records the preset; cg-observe with no -o uses its observation.
. "$(dirname "$0")/lib.sh"

# The table of compiler_gym/envs/llvm/__init__.py: id, observation,
# reward, action space; then cg's own in the space of LLVM 19's pipelines.
cat >presets <<'EOF'
llvm-v0	-	-	PassesAll
llvm-ic-v0	-	IrInstructionCountOz	PassesAll
llvm-codesize-v0	-	ObjectTextSizeOz	PassesAll
llvm-autophase-ic-v0	Autophase	IrInstructionCountOz	PassesAll
llvm-autophase-codesize-v0	Autophase	ObjectTextSizeOz	PassesAll
llvm-ir-ic-v0	Ir	IrInstructionCountOz	PassesAll
llvm-ir-codesize-v0	Ir	ObjectTextSizeOz	PassesAll
llvm19-ic-v0	-	IrInstructionCountOz	PassesLlvm19
llvm19-codesize-v0	-	ObjectTextSizeOz	PassesLlvm19
llvm19-autophase-ic-v0	Autophase	IrInstructionCountOz	PassesLlvm19
EOF

test_expect_success 'cg-reset --list-envs lists the presets' '
	cg-reset --list-envs >list &&
	expect_equal "$(cat list)" "$(cat "$T/presets")"
'

while IFS='	' read -r id obs reward space; do
	[ "$reward" = - ] && reward=null
	if [ "$space" = PassesAll ]; then a=-mem2reg b=-sroa; else a=mem2reg b="sroa<modify-cfg>"; fi
	test_expect_success "$id gives reward space $reward and records the preset" "
		cg-reset --env $id -b '$FIXTURES/tiny.ll' >s0 &&
		expect_equal \"\$(field s0 .reward_space)\" $reward &&
		expect_equal \"\$(field s0 .env)\" $id &&
		expect_equal \"\$(field s0 '.action_space // \"PassesAll\"')\" $space &&
		cg-step -a $a <s0 >s1 &&
		expect_equal \"\$(field s1 .env)\" $id &&
		expect_equal \"\$(field s1 .reward_space)\" $reward
	"
	if [ "$obs" = - ]; then
		test_expect_success "$id: cg-observe with no -o is a usage error" "
			cg-reset --env $id -b '$FIXTURES/tiny.ll' >s0 &&
			expect_status 2 cg-observe <s0 >out 2>err &&
			expect_empty out &&
			expect_grep '$id' err
		"
	else
		test_expect_success "$id: cg-observe with no -o prints $obs" "
			cg-reset --env $id -b '$FIXTURES/loops.c' >s0 &&
			cg-step -a '$b' <s0 >s1 &&
			for s in s0 s1; do
				cg-observe <\$s >got &&
				cg-observe -o $obs <\$s >want &&
				cmp got want || exit 1
			done
		"
	fi
done <presets

test_expect_success '-r overrides the preset reward space, in any order' '
	cg-reset --env llvm-ic-v0 -r ObjectTextSizeBytes -b "$FIXTURES/tiny.ll" >a &&
	cg-reset -r ObjectTextSizeBytes --env llvm-ic-v0 -b "$FIXTURES/tiny.ll" >b &&
	for s in a b; do
		expect_equal "$(field $s .reward_space)" ObjectTextSizeBytes &&
		expect_equal "$(field $s .env)" llvm-ic-v0 || exit 1
	done
'

test_expect_success 'a state reset from stdin keeps its preset' '
	cg-reset --env llvm-autophase-codesize-v0 -b "$FIXTURES/tiny.ll" >s0 &&
	cg-step -a -mem2reg <s0 >s1 &&
	cg-reset - <s1 >s2 &&
	expect_equal "$(field s2 .env)" llvm-autophase-codesize-v0 &&
	expect_equal "$(field s2 .reward_space)" ObjectTextSizeOz &&
	expect_equal "$(field s2 ".actions | length")" 0 &&
	cg-reset --env llvm-ir-ic-v0 - <s1 >s3 &&
	expect_equal "$(field s3 .env)" llvm-ir-ic-v0 &&
	expect_equal "$(field s3 .reward_space)" IrInstructionCountOz
'

test_expect_success 'no -o and no preset, or an unknown one, are errors' '
	cg-reset -b "$FIXTURES/tiny.ll" >plain &&
	expect_status 2 cg-observe <plain >out 2>err &&
	expect_empty out &&
	expect_grep "no observation space" err &&
	jq -c ".env = \"llvm-v9\"" plain >odd &&
	expect_status 3 cg-observe <odd >out 2>err &&
	expect_grep "llvm-v9" err &&
	expect_status 2 cg-reset --env llvm-v9 -b "$FIXTURES/tiny.ll" >out 2>err &&
	expect_empty out &&
	expect_grep "unknown environment .llvm-v9." err
'

test_expect_success '-o takes precedence over the preset' '
	cg-reset --env llvm-autophase-ic-v0 -b "$FIXTURES/tiny.ll" >s0 &&
	expect_equal "$(cg-observe -o IrInstructionCount <s0)" 5
'

test_done
