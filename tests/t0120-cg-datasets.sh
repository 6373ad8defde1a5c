#!/bin/sh
# cg-datasets: usage, listings, random samples, gcc's torture tests (from a
# small tarball of their layout, and from Debian's when it is there), and
# many resets of one benchmark and of one seed at once.
. "$(dirname "$0")/lib.sh"

D=$TOP/datasets/cgbench-v0
DS=$XDG_DATA_HOME/cg/datasets


test_expect_success 'cg-datasets -h prints the usage of the man page' '
	cg-datasets -h >out &&
	expect_grep "^usage: cg-datasets " out &&
	expect_equal "$(wc -l <out)" 4 &&
	sed "s/^usage: //; s/^       //" out >usage &&
	MANWIDTH=200 mandoc -Tascii "$TOP/man/cg-datasets.1" | col -b |
		sed -n "/^SYNOPSIS/,/^DESCRIPTION/p" |
		sed -n "s/^ *//; /^cg-datasets/p" >synopsis &&
	diff usage synopsis
'

test_expect_success 'the man page lints clean' '
	mandoc -Tlint -W warning "$TOP/man/cg-datasets.1" >out 2>&1 &&
	expect_empty out
'

for args in "--no-such-option" "-r" "-r x" "-r -1" "-s 3" "-n x-v0" \
    "a b" "install" "install a b" "uninstall" "-r 3 install x" \
    "install -n Bad x.tar"; do
	test_expect_success "cg-datasets $args is a usage error (2)" "
		expect_status 2 cg-datasets $args >out 2>err &&
		expect_empty out &&
		test -s err
	"
done

test_expect_success 'the list has the built-in datasets and the generators' '
	cg-datasets >list &&
	n=$(ls -d "$D"/*/ | wc -l) &&
	grep -qx "benchmark://cgbench-v0	$n	yes	yes" list &&
	grep -qx "benchmark://gcc-c-torture-v0	-	no	yes" list &&
	grep -qx "generator://csmith-v0	0	yes	yes" list &&
	grep -qx "generator://llvm-stress-v0	0	yes	no" list &&
	expect_equal "$(awk -F "\t" "NF != 4" list)" "" &&
	sort list | diff list -
'

test_expect_success 'a generator whose program is missing is not installed' '
	CG_CSMITH=/nonexistent/csmith cg-datasets >list &&
	grep -qx "generator://csmith-v0	0	no	yes" list
'

test_expect_success 'a dataset lists its benchmarks, sorted, each a real program' '
	cg-datasets cgbench-v0 >a &&
	cg-datasets benchmark://cgbench-v0 >b &&
	cmp a b &&
	(cd "$D" && for d in */; do echo "benchmark://cgbench-v0/${d%/}"; done) |
		LC_ALL=C sort >want &&
	diff want a &&
	head -n 1 a >first &&
	cg-reset - <first >s &&
	expect_equal "$(field s .benchmark)" "$(cat first)"
'

# The listing of a generator has 2^32 - 1 lines: head cuts it short.
test_expect_success 'a generator lists its seeds from 0' '
	cg-datasets generator://llvm-stress-v0 | head -n 3 >three &&
	printf "generator://llvm-stress-v0/%s\n" 0 1 2 >want &&
	diff want three
'

test_expect_success 'unknown and uninstalled datasets are refused with 3' '
	expect_status 3 cg-datasets no-such-v0 >out 2>err &&
	expect_empty out &&
	expect_grep "unknown dataset .no-such-v0." err &&
	expect_status 3 cg-datasets gcc-c-torture-v0 >out 2>err &&
	expect_grep "is not installed (cg-datasets install gcc-c-torture-v0)" err &&
	expect_status 3 cg-datasets -r 2 gcc-c-torture-v0 >out 2>err &&
	expect_grep "is not installed" err
'

test_expect_success 'a random sample is the same for the same seed' '
	cg-datasets -r 50 -s 7 >r1 &&
	cg-datasets --random 50 --seed 7 >r2 &&
	cg-datasets -r 50 -s 8 >r3 &&
	cmp r1 r2 &&
	! cmp -s r1 r3 &&
	expect_equal "$(wc -l <r1)" 50 &&
	expect_grep "^benchmark://cgbench-v0/" r1 &&
	expect_grep "^generator://csmith-v0/[0-9]*$" r1 &&
	expect_grep "^generator://llvm-stress-v0/[0-9]*$" r1 &&
	cg-datasets cgbench-v0 >n0 && cg-datasets cgbench-v1 >n1 &&
	sort -u n0 n1 >names &&
	grep "^benchmark://" r1 | sort -u >picked &&
	expect_equal "$(comm -23 picked names)" "" &&
	cg-datasets -r 0 >none &&
	expect_empty none
'

test_expect_success 'a random sample of one dataset stays in it' '
	cg-datasets -r 20 -s 1 cgbench-v0 >r &&
	expect_equal "$(grep -vc "^benchmark://cgbench-v0/" r)" 0 &&
	cg-datasets -r 100 -s 1 generator://csmith-v0 >g &&
	expect_equal "$(sed "s|^generator://csmith-v0/||" g |
		awk "\$1 < 0 || \$1 > 4294967294 || \$1 !~ /^[0-9]+\$/" | wc -l)" 0 &&
	expect_equal "$(sort -u g | wc -l)" 100 &&
	head -n 1 r | cg-reset - >s
'

# A tarball with the layout of Debian's gcc sources.
X=gcc-12.2.0/gcc/testsuite/gcc.c-torture/execute
mkdir -p "$X/ieee" gcc-12.2.0/gcc/testsuite/gcc.c-torture/compile
cat >"$X/good-1.c" <<'EOF'
extern void abort (void);
int f (int x) { return x * 3; }
int main (void) { if (f (2) != 6) abort (); return 0; }
EOF
cat >"$X/oldstyle.c" <<'EOF'
f (x) { return x + 1; }
main () { if (f (1) != 2) abort (); exit (0); }
EOF
cat >"$X/prints.c" <<'EOF'
#include <stdio.h>
int main (void) { printf ("hello %d\n", 42); return 0; }
EOF
cat >"$X/fails.c" <<'EOF'
extern void abort (void);
int main (void) { abort (); }
EOF
cat >"$X/nested.c" <<'EOF'
int main (void) { int g (void) { return 0; } return g (); }
EOF
cp "$X/good-1.c" "$X/ieee/inner.c"
cp "$X/good-1.c" gcc-12.2.0/gcc/testsuite/gcc.c-torture/compile/other.c
echo "not a program" >"$X/readme.x"
tar -cJf gcc-small.tar.xz gcc-12.2.0

test_expect_success 'gcc-c-torture-v0 installs from a tarball of gcc sources' '
	CG_GCC_SOURCE=$T/gcc-small.tar.xz cg-datasets install gcc-c-torture-v0 \
		>out 2>err &&
	expect_equal "$(cat out)" "benchmark://gcc-c-torture-v0: installed 4 programs (3 runnable), skipped 1 that clang-19 cannot build" &&
	cg-datasets gcc-c-torture-v0 >list &&
	printf "%s\n" fails good-1 oldstyle prints |
		sed "s|^|benchmark://gcc-c-torture-v0/|" >want &&
	diff want list &&
	cg-datasets >all &&
	grep -qx "benchmark://gcc-c-torture-v0	4	yes	partly" all
'

test_expect_success 'its programs carry run configurations and expected outputs' '
	G=$DS/gcc-c-torture-v0 &&
	jq -e ".runs == [{\"args\": [], \"stdout\": \"stdout.expected\"}]" \
		"$G/good-1/run.json" >/dev/null &&
	jq -e ".description | test(\"torture\")" "$G/good-1/run.json" >/dev/null &&
	expect_empty "$G/good-1/stdout.expected" &&
	expect_equal "$(cat "$G/prints/stdout.expected")" "hello 42" &&
	jq -e ".linkopts == [\"-lm\"]" "$G/good-1/run.json" >/dev/null &&
	test -f "$G/fails.c" && test ! -e "$G/fails" &&
	expect_equal "$(ls -A "$G/good-1")" "$(printf "good-1.c\nrun.json\nstdout.expected")"
'

test_expect_success 'its programs reset, step and build into the same program' '
	cg-reset -b benchmark://gcc-c-torture-v0/oldstyle >s0 &&
	cg-step -a -mem2reg <s0 >s1 &&
	cg-observe -o Bitcode <s1 >m.bc &&
	clang-19 -w m.bc -o prog &&
	./prog
'

test_expect_success 'a corrupt gcc tarball changes nothing installed' '
	head -c 300 gcc-small.tar.xz >cut.tar.xz &&
	(cd "$DS" && find . | sort) >before &&
	(export CG_GCC_SOURCE=$T/cut.tar.xz &&
		expect_status 3 cg-datasets install gcc-c-torture-v0 >out 2>err) &&
	expect_grep "cut.tar.xz" err &&
	(cd "$DS" && find . | sort) >after &&
	cmp before after
'

test_expect_success 'uninstall gcc-c-torture-v0' '
	cg-datasets uninstall gcc-c-torture-v0 &&
	expect_equal "$(ls -A "$DS")" ""
'

for uri in benchmark://cgbench-v0/crc32 generator://csmith-v0/31; do
	test_expect_success "20 resets of $uri at once, with an empty cache, agree" "
		i=0 &&
		while [ \$i -lt 20 ]; do
			(XDG_CACHE_HOME=\$T/par cg-reset -b $uri >par.\$i 2>err.\$i
				echo \$? >status.\$i) &
			i=\$((i + 1))
		done &&
		wait &&
		expect_equal \"\$(cat status.* | sort -u)\" 0 &&
		expect_equal \"\$(cat err.*)\" '' &&
		for f in par.*; do jq -r .bitcode \$f; done | sort -u >bitcodes &&
		expect_equal \"\$(wc -l <bitcodes)\" 1 &&
		for f in par.*; do jq -c .baselines \$f; done | sort -u >baselines &&
		expect_equal \"\$(wc -l <baselines)\" 1 &&
		expect_equal \"\$(ls \$T/par/cg | grep -c '\\.tmp\\.')\" 0 &&
		rm -rf \$T/par par.* err.* status.*
	"
done

test_done
