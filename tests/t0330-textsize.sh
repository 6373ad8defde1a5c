#!/bin/sh
# TextSize: the text of the linked program against clang-19 and
# llvm-size-19, the object's for a benchmark that cannot be built, and the
# arithmetic of the TextSize rewards.
. "$(dirname "$0")/lib.sh"

D=$TOP/datasets/cgbench-v0

# linked_text FILE.bc LINKOPT...: llvm-size's text of the program clang-19
# links from FILE.bc.
linked_text() {
	bc=$1
	shift
	clang-19 -w "$bc" -o prog "$@" && llvm-size-19 prog >size &&
		awk 'NR == 2 { print $1 }' size
}

test_expect_success 'set up' '
	cg-reset -r TextSizeOz -b benchmark://cgbench-v0/fft >f0 &&
	cg-step -a -mem2reg -a -instcombine -a -simplifycfg <f0 >f1 &&
	cg-reset -b "$FIXTURES/tiny.ll" >t0 &&
	cg-step -a -mem2reg <t0 >t1 &&
	jq -r ".linkopts[]" "$D/fft/run.json" >linkopts &&
	expect_equal "$(cat linkopts)" -lm
'

test_expect_success 'TextSizeBytes agrees with clang-19 and llvm-size-19' '
	for s in f0 f1; do
		bitcode_of $s m.bc &&
		expect_equal "$(cg-observe -o TextSizeBytes <$s)" \
			"$(linked_text m.bc -lm)" || exit 1
	done &&
	expect_equal "$(field f0 .baselines.TextSizeO0)" \
		"$(cg-observe -o TextSizeBytes <f0)" &&
	expect_equal "$(field f1 .costs.TextSizeBytes)" \
		"$(cg-observe -o TextSizeBytes <f1)"
'

test_expect_success 'TextSizeO3 and TextSizeOz link the opt-19 pipelines' '
	bitcode_of f0 m.bc &&
	opt-19 -passes="default<O3>" m.bc -o o3.bc &&
	opt-19 -passes="default<Oz>" m.bc -o oz.bc &&
	expect_equal "$(cg-observe -o TextSizeO3 <f0)" "$(linked_text o3.bc -lm)" &&
	expect_equal "$(cg-observe -o TextSizeOz <f0)" "$(linked_text oz.bc -lm)"
'

test_expect_success 'the linked program is larger than its object' '
	cg-observe -o TextSizeBytes -o ObjectTextSizeBytes <f0 >both &&
	jq -e ".TextSizeBytes > .ObjectTextSizeBytes" both >/dev/null
'

test_expect_success 'a bare .ll has the object sizes (no run configuration)' '
	for s in t0 t1; do
		expect_equal "$(cg-observe -o TextSizeBytes <$s)" \
			"$(cg-observe -o ObjectTextSizeBytes <$s)" || exit 1
	done &&
	for b in O0 O3 Oz; do
		expect_equal "$(field t0 .baselines.TextSize$b)" \
			"$(field t0 .baselines.ObjectTextSize$b)" || exit 1
	done
'

# check_reward SPACE STATE0 STATE1: the reward of the step from STATE0 to
# STATE1 is (C0 - C1) / norm, computed here from the baselines.
check_reward() {
	jq -n -e --arg s "$1" --slurpfile a "$2" --slurpfile b "$3" '
		$a[0].baselines as $base |
		($a[0].costs.TextSizeBytes - $b[0].costs.TextSizeBytes) as $d |
		(if $s == "TextSizeBytes" then 1
		 elif $s == "TextSizeNorm" then $base.TextSizeO0
		 else ([$base.TextSizeO0 - $base["TextSize" + $s[-2:]], 1] | max)
		 end) as $norm |
		(($b[0].reward - $d / $norm) | fabs) < 1e-12 and
		$b[0].reward_space == $s' >/dev/null
}

for space in TextSizeBytes TextSizeNorm TextSizeO3 TextSizeOz; do
	test_expect_success "$space rewards: the difference of text sizes, normalised" "
		for b in benchmark://cgbench-v0/fft '$FIXTURES/loops.c'; do
			cg-reset -r $space -b \"\$b\" >r0 &&
			expect_equal \"\$(field r0 .costs.TextSizeBytes)\" \
				\"\$(field r0 .baselines.TextSizeO0)\" &&
			cg-step -a -sroa <r0 >r1 &&
			cg-step -a -gvn <r1 >r2 &&
			check_reward $space r0 r1 &&
			check_reward $space r1 r2 &&
			expect_equal \"\$(field r2 .costs.TextSizeBytes)\" \
				\"\$(cg-observe -o TextSizeBytes <r2)\" || exit 1
		done
	"
done

test_expect_success 'the reward of a step uses the cost kept in the state' '
	cg-reset -r TextSizeBytes -b benchmark://cgbench-v0/fft >r0 &&
	jq -c ".costs.TextSizeBytes = 100000" r0 >fake &&
	cg-step -a -sroa <fake >r1 &&
	expect_equal "$(field r1 .reward)" \
		"$((100000 - $(field r1 .costs.TextSizeBytes)))"
'

# A dataset of the user's: the same program linked two ways.
test_expect_success 'the TextSize baselines depend on the link options' '
	p=$XDG_DATA_HOME/cg/datasets/mine-v0/hello &&
	mkdir -p "$p" &&
	printf "#include <stdio.h>\nint main(void) { puts(\"hi\"); return 0; }\n" \
		>"$p/hello.c" &&
	echo hi >"$p/out.expected" &&
	echo "{\"runs\": [{\"stdout\": \"out.expected\"}]}" >"$p/run.json" &&
	cg-reset -b benchmark://mine-v0/hello >h1 &&
	echo "{\"linkopts\": [\"-static\"],
		\"runs\": [{\"stdout\": \"out.expected\"}]}" >"$p/run.json" &&
	cg-reset -b benchmark://mine-v0/hello >h2 &&
	bitcode_of h1 h.bc &&
	expect_equal "$(field h1 .baselines.TextSizeO0)" "$(linked_text h.bc)" &&
	expect_equal "$(field h2 .baselines.TextSizeO0)" \
		"$(linked_text h.bc -static)" &&
	test "$(field h1 .baselines.TextSizeO0)" -lt \
		"$(field h2 .baselines.TextSizeO0)"
'

test_expect_success 'a benchmark without a run configuration links nothing' '
	export CG_CLANG=/nonexistent/clang XDG_CACHE_HOME="$T/cache" &&
	cg-reset -r TextSizeOz -b "$FIXTURES/tiny.ll" >n0 &&
	cg-step -a -mem2reg <n0 >n1 &&
	expect_equal "$(field n1 .costs.TextSizeBytes)" \
		"$(cg-observe -o ObjectTextSizeBytes <n1)"
'

test_done
