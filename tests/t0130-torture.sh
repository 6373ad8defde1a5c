#!/bin/sh
# gcc's C torture tests from Debian's gcc-12-source (make check installs
# it): every program the installer calls runnable resets, builds and runs
# as its run configuration expects, and the LLVM 19 miscompile of
# 20000605-2 is caught by --semantics, as opt-19 and clang-19 show it.
. "$(dirname "$0")/lib.sh"

src=$(ls /usr/src/gcc-12/gcc-*.tar.* 2>/dev/null | head -n 1)
if [ -z "$src" ]; then
	test_skip 'gcc-c-torture-v0 from Debian gcc-12-source' \
		'gcc-12-source is not installed (make check installs it)'
	test_done
	exit
fi
DS=$XDG_DATA_HOME/cg/datasets
G=$DS/gcc-c-torture-v0

test_expect_success "gcc-c-torture-v0 installs from $src" '
	cg-datasets install gcc-c-torture-v0 >out 2>err &&
	n=$(sed -n "s/.*installed \([0-9]*\) programs.*/\1/p" out) &&
	r=$(sed -n "s/.*(\([0-9]*\) runnable).*/\1/p" out) &&
	test "$n" -gt 1400 && test "$r" -gt 1400 &&
	cg-datasets gcc-c-torture-v0 >names &&
	expect_equal "$(wc -l <names)" "$n" &&
	ls "$G"/*/run.json >runjsons &&
	expect_equal "$(wc -l <runjsons)" "$r"
'

# Each runnable program: reset (its baselines link it three times), then
# built and run as its run configuration says, 2 at a time.  With the
# sanitizers, which make every tool slow, a sample of 150 of them.
test_expect_success 'every runnable program resets, builds and runs as expected' '
	sed "s|^$G/\(.*\)/run.json$|benchmark://gcc-c-torture-v0/\1|" runjsons >all &&
	if [ "${CG_SANITIZE-}" = 1 ]; then
		awk "NR % 10 == 1" all >runnable
	else
		cp all runnable
	fi &&
	split -n r/2 runnable part. &&
	for p in part.*; do
		{ cg-reset - <$p >$p.states 2>$p.err &&
			cg-observe -o Runtime <$p.states >$p.rt 2>>$p.err
			echo $? >$p.status; } &
	done &&
	wait &&
	cat part.*.err >errs &&
	expect_empty errs &&
	expect_equal "$(cat part.*.status | sort -u)" 0 &&
	cat part.*.rt >times &&
	expect_equal "$(wc -l <times)" "$(wc -l <runnable)"
'

test_expect_success 'programs that need libm (980709-1, float-floor, 990413-2) build and run' '
	for b in 980709-1 float-floor 990413-2; do
		jq -e ".linkopts == [\"-lm\"]" "$G/$b/run.json" >/dev/null &&
		cg-reset -b benchmark://gcc-c-torture-v0/$b >s.$b &&
		cg-observe -o Runtime <s.$b >rt.$b || exit 1
	done
'

# NewGVN, after LICM, early CSE with MemorySSA and dead-store elimination,
# deletes the store of 20000605-2 loop: the program aborts.
test_expect_success 'an LLVM 19 miscompile of 20000605-2 fails --semantics, as opt-19 shows' '
	cg-reset -b benchmark://gcc-c-torture-v0/20000605-2 >t0 &&
	cg-step -a -licm -a -early-cse-memssa -a -dse -a -newgvn <t0 >bad &&
	expect_status 1 cg-validate --semantics <bad >v 2>/dev/null &&
	expect_equal "$(field v ".errors[0].type")" "Runtime error" &&
	expect_equal "$(field v ".errors[0].data.return_code")" 134 &&
	bitcode_of t0 t0.bc &&
	opt-19 -passes="loop-mssa(licm),early-cse<memssa>,dse,newgvn" t0.bc -o bad.bc &&
	clang-19 -w t0.bc -o good && clang-19 -w bad.bc -o broken &&
	./good &&
	expect_status 134 ./broken
'

test_expect_success 'without any one of the four passes, the program behaves' '
	for drop in -licm -early-cse-memssa -dse -newgvn; do
		args= &&
		for a in -licm -early-cse-memssa -dse -newgvn; do
			[ "$a" = "$drop" ] || args="$args -a $a"
		done &&
		cg-step $args <t0 >three &&
		expect_valid three --semantics || exit 1
	done
'

test_expect_success 'a search of 20000605-2 writes a result that behaves' '
	cg-search -q -n 3000 -j 1 -b benchmark://gcc-c-torture-v0/20000605-2 >best &&
	expect_valid best --semantics &&
	expect_equal "$(field best.validation .semantics_validated)" true
'

test_expect_success 'uninstall gcc-c-torture-v0' '
	cg-datasets uninstall gcc-c-torture-v0 &&
	test ! -e "$G"
'

test_done
