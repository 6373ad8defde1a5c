#!/bin/sh
# generator://csmith-v0 and generator://llvm-stress-v0: through the tools,
# the same module for the same seed, bad seeds and csmith's retries (many
# resets of one seed at once: t0120).
. "$(dirname "$0")/lib.sh"

# fresh_reset DIR URI OUT: cg-reset with an empty cache of its own.
fresh_reset() {
	XDG_CACHE_HOME=$T/$1 cg-reset -b "$2" >"$3"
}

test_expect_success 'a csmith seed resets, steps and is observed' '
	cg-reset -r IrInstructionCountOz -b generator://csmith-v0/7 >s0 &&
	expect_equal "$(field s0 .benchmark)" generator://csmith-v0/7 &&
	jq -e ".baselines.IrInstructionCountO0 > 10" s0 >/dev/null &&
	cg-step -a -mem2reg -a -instcombine <s0 >s1 &&
	expect_equal "$(field s1 ".actions | length")" 2 &&
	cg-observe -o IrInstructionCount <s1 >n &&
	test "$(cat n)" -lt "$(field s0 .baselines.IrInstructionCountO0)"
'

test_expect_success 'csmith gives the same module for the same seed, another for another' '
	fresh_reset c1 generator://csmith-v0/123 a &&
	fresh_reset c2 generator://csmith-v0/123 b &&
	fresh_reset c3 generator://csmith-v0/124 c &&
	expect_equal "$(field a .bitcode)" "$(field b .bitcode)" &&
	test "$(field a .bitcode)" != "$(field c .bitcode)"
'

test_expect_success 'a csmith program runs and prints its checksum' '
	cg-observe -o Bitcode <s0 >m.bc &&
	clang-19 -w m.bc -o prog &&
	./prog >out &&
	expect_grep "^checksum = [0-9A-F]*$" out
'

test_expect_success 'csmith leaves nothing in the working directory' '
	mkdir here && cd here &&
	fresh_reset c4 generator://csmith-v0/9 ../s9 &&
	expect_equal "$(ls -A)" ""
'

test_expect_success 'an llvm-stress seed resets, steps and is observed' '
	cg-reset -b generator://llvm-stress-v0/5 >l0 &&
	expect_equal "$(field l0 .benchmark)" generator://llvm-stress-v0/5 &&
	cg-step -a -sroa -a -gvn <l0 >l1 &&
	cg-observe -o Autophase <l1 >ap &&
	expect_equal "$(jq length ap)" 56
'

test_expect_success 'llvm-stress gives the same module for the same seed' '
	fresh_reset c5 generator://llvm-stress-v0/42 a &&
	fresh_reset c6 generator://llvm-stress-v0/42 b &&
	fresh_reset c7 generator://llvm-stress-v0/43 c &&
	expect_equal "$(field a .bitcode)" "$(field b .bitcode)" &&
	test "$(field a .bitcode)" != "$(field c .bitcode)" &&
	bitcode_of a a.bc &&
	llvm-stress-19 --seed=42 | llvm-as-19 -o want.bc &&
	expect_equal "$(ir_count a.bc)" "$(ir_count want.bc)"
'

test_expect_success 'the largest seed is 4294967294' '
	cg-reset -b generator://llvm-stress-v0/4294967294 >s &&
	expect_equal "$(field s .benchmark)" generator://llvm-stress-v0/4294967294
'

for seed in 4294967295 -1 x 1.5 "" " 7" 99999999999999999999; do
	test_expect_success "seed '$seed' is refused with 3" "
		expect_status 3 cg-reset -b 'generator://csmith-v0/$seed' >out 2>err &&
		expect_empty out &&
		expect_grep 'bad seed' err &&
		expect_equal \"\$(wc -l <err)\" 1
	"
done

test_expect_success 'an unknown generator is refused with 3' '
	expect_status 3 cg-reset -b generator://no-such-v0/1 >out 2>err &&
	expect_grep "unknown dataset .generator://no-such-v0." err
'

cat >fake-csmith <<EOF
#!/bin/sh
# Fails until it has been run \$FAILS times, then is csmith.
[ "\$1" = --version ] && exec csmith --version
n=\$(cat "$T/attempts" 2>/dev/null || echo 0)
echo \$((n + 1)) >"$T/attempts"
[ "\$n" -ge "\$FAILS" ] || { echo "fake failure" >&2; exit 1; }
exec csmith "\$@"
EOF
chmod +x fake-csmith

test_expect_success 'csmith is retried with the same seed, 3 attempts in all' '
	rm -f attempts &&
	(export FAILS=2 CG_CSMITH=$T/fake-csmith &&
		fresh_reset c8 generator://csmith-v0/11 r) &&
	expect_equal "$(cat attempts)" 3 &&
	fresh_reset c9 generator://csmith-v0/11 want &&
	expect_equal "$(field r .bitcode)" "$(field want .bitcode)"
'

test_expect_success 'csmith failing 3 times is an error with status 3' '
	rm -f attempts &&
	(export FAILS=3 CG_CSMITH=$T/fake-csmith &&
		expect_status 3 fresh_reset c10 generator://csmith-v0/11 out \
		2>err) &&
	expect_equal "$(cat attempts)" 3 &&
	expect_empty out &&
	expect_grep "csmith failed after 3 attempts with seed 11: fake failure" err
'

test_expect_success 'a generator that is not installed is a failure (1)' '
	(export CG_LLVM_STRESS=/nonexistent/llvm-stress &&
		expect_status 1 fresh_reset c11 generator://llvm-stress-v0/1 \
		out 2>err) &&
	expect_grep "cannot run ./nonexistent/llvm-stress." err
'

test_done
