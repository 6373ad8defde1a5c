#!/bin/sh
# cg-datasets install ARCHIVE: CompilerGym's layout installs and loads;
# archives that reach outside the dataset folder, corrupt ones and
# unnamed ones are refused whole and change nothing.
. "$(dirname "$0")/lib.sh"

DS=$XDG_DATA_HOME/cg/datasets

# bc SOURCE OUT: bitcode as CompilerGym's archives hold it.
bc() {
	clang-19 -c -emit-llvm -O1 -Xclang -disable-llvm-passes "$1" -o "$2"
}

# tree DIR: a listing of every file in DIR with its checksum.
tree() {
	(cd "$1" 2>/dev/null && find . -type f -exec sha1sum {} + | sort)
}

# refused ARCHIVE PATTERN: install fails with 3 and a one-line message
# matching PATTERN, and the installed datasets are as they were.
refused() {
	tree "$DS" >before &&
	ls -A "$DS" >before.ls &&
	expect_status 3 cg-datasets install "$1" >out 2>err &&
	expect_empty out &&
	expect_equal "$(wc -l <err)" 1 &&
	expect_grep "^cg-datasets: $2" err &&
	tree "$DS" >after &&
	ls -A "$DS" >after.ls &&
	cmp before after &&
	cmp before.ls after.ls
}

cat >qsort.c <<'EOF'
static void sort(int *a, int n) {
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && a[j - 1] > a[j]; j--) {
			int t = a[j]; a[j] = a[j - 1]; a[j - 1] = t;
		}
}
int main(void) { int a[4] = { 3, 1, 2, 0 }; sort(a, 4); return a[0]; }
EOF
cat >sum.c <<'EOF'
int sum(const int *p, int n) { int s = 0; for (int i = 0; i < n; i++) s += p[i]; return s; }
EOF
mkdir -p Foo-v1/sub other
bc qsort.c Foo-v1/qsort.bc
bc sum.c Foo-v1/sub/sum.bc
tar -cjf foo.tar.bz2 Foo-v1
tar -czf foo.tar.gz Foo-v1
tar -cJf foo.tar.xz Foo-v1
echo 'outside' >victim

test_expect_success 'a .tar.bz2 in CompilerGym layout installs as benchmark://foo-v1' '
	cg-datasets install foo.tar.bz2 >out &&
	expect_equal "$(cat out)" "benchmark://foo-v1: installed 2 benchmarks" &&
	cg-datasets foo-v1 >list &&
	printf "benchmark://foo-v1/qsort\nbenchmark://foo-v1/sub/sum\n" >want &&
	diff want list &&
	cg-datasets >all &&
	expect_grep "^benchmark://foo-v1	2	yes	no$" all &&
	expect_equal "$(ls -A "$DS")" foo-v1
'

test_expect_success 'its benchmarks reset, step and are observed' '
	cg-reset -r IrInstructionCountOz -b benchmark://foo-v1/qsort >s0 &&
	expect_equal "$(field s0 .benchmark)" benchmark://foo-v1/qsort &&
	expect_equal "$(field s0 .baselines.IrInstructionCountO0)" \
		"$(ir_count Foo-v1/qsort.bc)" &&
	cg-step -a -mem2reg <s0 >s1 &&
	cg-observe -o IrInstructionCount <s1 >n &&
	test "$(cat n)" -lt "$(field s0 .baselines.IrInstructionCountO0)" &&
	cg-reset -b foo-v1/sub/sum >t0 &&
	expect_equal "$(field t0 .benchmark)" benchmark://foo-v1/sub/sum &&
	expect_equal "$(field t0 .baselines.IrInstructionCountO0)" \
		"$(ir_count Foo-v1/sub/sum.bc)"
'

test_expect_success '.tar.gz and .tar.xz install too, and replace the older install' '
	cg-datasets install foo.tar.gz >out &&
	cg-datasets install foo.tar.xz >>out &&
	expect_equal "$(grep -c "installed 2 benchmarks" out)" 2 &&
	cp Foo-v1/qsort.bc Foo-v1/qsort2.bc &&
	tar -czf foo3.tar.gz Foo-v1 &&
	rm Foo-v1/qsort2.bc &&
	cg-datasets install foo3.tar.gz >out &&
	expect_grep "installed 3 benchmarks" out &&
	cg-reset -b benchmark://foo-v1/qsort2 >s &&
	expect_equal "$(ls -A "$DS")" foo-v1
'

test_expect_success '--name names the dataset' '
	cg-datasets install --name bar-v2 foo.tar.bz2 >out &&
	expect_equal "$(cat out)" "benchmark://bar-v2: installed 2 benchmarks" &&
	cg-reset -b benchmark://bar-v2/sub/sum >s
'

test_expect_success 'a symbolic link inside the dataset is fine' '
	mkdir -p L/Lnk-v0 && cp Foo-v1/qsort.bc L/Lnk-v0/ &&
	ln -s qsort.bc L/Lnk-v0/alias.bc &&
	tar -cf lnk.tar -C L Lnk-v0 &&
	cg-datasets install lnk.tar >out &&
	cg-reset -b benchmark://lnk-v0/alias >s &&
	cg-datasets uninstall lnk-v0
'

# AnghaBench's layout: a folder per project of independent one-function
# files (here two that define the same symbol, so they cannot be linked
# into one program); JotaiBench's: its .c files under jotaibench/jotaibench-v0.
mkdir -p Angha/8cc Angha/zlib
for f in a b; do
	printf 'int buf_len(const char *s) { int n = 0; while (s[n]) n++; return n + %s; }\n' \
		"$(printf %s "$f" | od -An -tu1 | tr -d " ")" >Angha/8cc/extr_buffer.c_buf_$f.c
done
printf 'unsigned adler(const unsigned char *p, int n) { unsigned a = 1, b = 0; for (int i = 0; i < n; i++) { a = (a + p[i]) %% 65521; b = (b + a) %% 65521; } return b << 16 | a; }\n' >Angha/zlib/extr_adler32.c_adler.c
mv Angha AnghaBench-d8034ac8562b8c978376008f4b33df01b8887b19
tar -czf angha.tar.gz AnghaBench-d8034ac8562b8c978376008f4b33df01b8887b19
mkdir -p jotaibench/jotaibench-v0
for f in one two three; do
	printf 'int f_%s(int x) { return x * %d; }\nint main(void) { return f_%s(0); }\n' \
		"$f" "${#f}" "$f" >jotaibench/jotaibench-v0/extr_$f.c
done
tar -cjf jotaibench.bz2 jotaibench

test_expect_success 'an AnghaBench-shaped archive installs one benchmark per file' '
	cg-datasets install angha.tar.gz >out &&
	expect_equal "$(cat out)" "benchmark://anghabench-v1: installed 3 benchmarks" &&
	cg-datasets anghabench-v1 >list &&
	printf "%s\n" 8cc/extr_buffer.c_buf_a 8cc/extr_buffer.c_buf_b \
		zlib/extr_adler32.c_adler | sed "s|^|benchmark://anghabench-v1/|" >want &&
	diff want list &&
	cg-reset - <list >states &&
	expect_equal "$(wc -l <states)" 3 &&
	expect_equal "$(jq -r .benchmark states | tr "\n" " ")" "$(tr "\n" " " <want)" &&
	cg-datasets -r 5 -s 2 anghabench-v1 >sample &&
	expect_equal "$(comm -23 "$(sort -u sample >s.sorted; echo s.sorted)" list)" "" &&
	expect_status 3 cg-reset -b benchmark://anghabench-v1/8cc >out 2>err &&
	expect_grep "is a folder of benchmarks" err &&
	cg-datasets uninstall anghabench-v1
'

test_expect_success 'a JotaiBench-shaped archive installs as jotaibench-v0 and resets' '
	cg-datasets install jotaibench.bz2 >out &&
	expect_equal "$(cat out)" "benchmark://jotaibench-v0: installed 3 benchmarks" &&
	cg-reset -b benchmark://jotaibench-v0/extr_three >j &&
	bc jotaibench/jotaibench-v0/extr_three.c three.bc &&
	expect_equal "$(field j .baselines.IrInstructionCountO0)" \
		"$(ir_count three.bc)" &&
	cg-datasets uninstall jotaibench-v0
'

test_expect_success 'cBench-v1, the deprecated name, names cbench-v1 benchmarks' '
	mkdir -p C/cBench-v1 && cp Foo-v1/qsort.bc C/cBench-v1/ &&
	tar -cjf cbench.tar.bz2 -C C cBench-v1 &&
	cg-datasets install cbench.tar.bz2 >out &&
	expect_equal "$(cat out)" "benchmark://cbench-v1: installed 1 benchmarks" &&
	cg-reset -b benchmark://cBench-v1/qsort >q &&
	expect_equal "$(field q .benchmark)" benchmark://cbench-v1/qsort &&
	printf "benchmark,reward,walltime,commandline\nbenchmark://cBench-v1/qsort,,0,opt -mem2reg input.bc -o output.bc\n" >r.csv &&
	cg-validate <r.csv >v &&
	expect_equal "$(jq -r .valid v)" true &&
	cg-datasets uninstall cbench-v1
'

test_expect_success 'folders linked to are not walked, and benchmarks through them not found' '
	mkdir -p Y/Loop-v0/real && cp Foo-v1/qsort.bc Y/Loop-v0/real/ &&
	ln -s . Y/Loop-v0/again && ln -s . Y/Loop-v0/more &&
	ln -s real Y/Loop-v0/alias &&
	tar -cf loop.tar -C Y Loop-v0 &&
	timeout 60 cg-datasets install loop.tar >out &&
	expect_equal "$(cat out)" "benchmark://loop-v0: installed 1 benchmarks" &&
	expect_equal "$(cg-datasets loop-v0)" benchmark://loop-v0/real/qsort &&
	expect_status 3 cg-reset -b benchmark://loop-v0/alias/qsort >out 2>err &&
	expect_grep "unknown benchmark" err &&
	cg-datasets uninstall loop-v0
'

test_expect_success 'names that a URI cannot hold are left out, and odd URIs refused' '
	expect_status 3 cg-reset -b benchmark://foo-v1/./qsort 2>err &&
	expect_grep "bad benchmark URI" err &&
	expect_status 3 cg-reset -b benchmark://foo-v1/qsort/ 2>err &&
	expect_grep "bad benchmark URI" err &&
	expect_status 3 cg-reset -b "benchmark://foo-v1//qsort" 2>err &&
	expect_grep "bad benchmark URI" err
'

# Malicious archives, each refused whole.
mkdir -p M/Foo-v1 && cp Foo-v1/qsort.bc M/Foo-v1/
echo pwned >M/x.bc
(cd M && tar -cPf ../dotdot.tar --transform='s,^x.bc$,Foo-v1/../../pwned.bc,' Foo-v1 x.bc)
(cd M && tar -cPf ../abs.tar --transform="s,^x.bc\$,$T/pwned.bc," Foo-v1 x.bc)
mkdir -p S/Foo-v1 && cp Foo-v1/qsort.bc S/Foo-v1/ && ln -s "$T/other" S/Foo-v1/up
tar -cf sym.tar -C S Foo-v1
(cd M && tar -rPf ../sym.tar --transform='s,^x.bc$,Foo-v1/up/pwned.bc,' x.bc)
mkdir -p S2/Foo-v1 && ln -s ../../other S2/Foo-v1/up
tar -cf symrel.tar -C S2 Foo-v1
mkdir -p H/Foo-v1 && cp Foo-v1/qsort.bc H/Foo-v1/a.bc && ln H/Foo-v1/a.bc H/Foo-v1/h.bc
tar -cPf hard.tar -C H --transform='s,^Foo-v1/[ah].bc$,../victim,RSh' Foo-v1
tar -cPf hardabs.tar -C H --transform="s,^Foo-v1/[ah].bc\$,$T/victim,RSh" Foo-v1
if [ "$(id -u)" = 0 ]; then
	mkdir -p D/Foo-v1 && mknod D/Foo-v1/null c 1 3 && mkfifo D/Foo-v1/fifo
else
	mkdir -p D/Foo-v1 && mkfifo D/Foo-v1/fifo
fi
tar -cf dev.tar -C D Foo-v1

test_expect_success 'the malicious archives are what they should be' '
	tar -tvf dotdot.tar | grep -q "Foo-v1/\.\./\.\./pwned.bc" &&
	tar -tPvf abs.tar | grep -q " $T/pwned.bc" &&
	tar -tvf sym.tar | grep -q "Foo-v1/up/pwned.bc" &&
	tar -tvf symrel.tar | grep -q "up -> \.\./\.\./other" &&
	tar -tPvf hard.tar | grep -q "link to \.\./victim" &&
	tar -tPvf hardabs.tar | grep -q "link to $T/victim" &&
	tar -tvf dev.tar | grep -q "^p.*fifo"
'

test_expect_success 'a ../ path is refused with 3, nothing installed or written' '
	refused dotdot.tar "refusing .dotdot.tar.: entry .Foo-v1/\.\./\.\./pwned.bc. leaves the dataset folder" &&
	test ! -e pwned.bc && test ! -e "$T/../pwned.bc"
'

test_expect_success 'an absolute path is refused with 3, nothing written there' '
	refused abs.tar "refusing .abs.tar.: entry .$T/pwned.bc. leaves" &&
	test ! -e "$T/pwned.bc"
'

test_expect_success 'a symbolic link pointing outside is refused with 3' '
	refused sym.tar "refusing .sym.tar.: symbolic link .Foo-v1/up. points outside" &&
	refused symrel.tar "refusing .symrel.tar.: symbolic link .Foo-v1/up. points outside" &&
	expect_equal "$(ls -A other)" ""
'

test_expect_success 'a hard link pointing outside is refused with 3' '
	refused hard.tar "refusing .hard.tar.: hard link .Foo-v1/[ah].bc. to .\.\./victim. leaves" &&
	refused hardabs.tar "refusing .hardabs.tar.: hard link .Foo-v1/[ah].bc. to .$T/victim. leaves" &&
	expect_equal "$(cat victim)" outside &&
	expect_equal "$(stat -c %h victim)" 1
'

test_expect_success 'device files and fifos are refused with 3' '
	refused dev.tar "refusing .dev.tar.: entry .Foo-v1/.*. is a device or special file"
'

test_expect_success 'no refused install leaves a temporary folder behind' '
	expect_equal "$(ls -A "$DS")" "$(printf "bar-v2\nfoo-v1")"
'

test_expect_success 'a corrupt archive is refused with 3 and changes nothing' '
	head -c 2000 foo3.tar.gz >cut.tar.gz &&
	refused cut.tar.gz "cannot read .cut.tar.gz.: " &&
	echo "not an archive" >junk.tar.bz2 &&
	refused junk.tar.bz2 "cannot read .junk.tar.bz2.: " &&
	refused missing.tar.gz "cannot read .missing.tar.gz.: " &&
	cg-reset -b benchmark://foo-v1/qsort2 >s
'

test_expect_success 'an archive must name its dataset, or be named' '
	tar -cf two.tar -C Foo-v1 qsort.bc sub &&
	refused two.tar ".two.tar. has no single top-level folder" &&
	cg-datasets install --name two-v0 two.tar >out &&
	cg-reset -b benchmark://two-v0/sub/sum >s
'

test_expect_success 'an archive without benchmarks, or with a taken name, is refused' '
	mkdir -p E/Empty-v0 && echo hi >E/Empty-v0/readme.txt &&
	tar -czf empty.tar.gz -C E Empty-v0 &&
	refused empty.tar.gz ".empty.tar.gz. holds no benchmarks" &&
	mkdir -p C/cgbench-v0 && cp Foo-v1/qsort.bc C/cgbench-v0/ &&
	tar -czf taken.tar.gz -C C cgbench-v0 &&
	refused taken.tar.gz "dataset .cgbench-v0. is built in" &&
	expect_status 2 cg-datasets install --name "Bad/Name" foo.tar.gz 2>err &&
	expect_grep "bad dataset name" err
'

test_expect_success 'uninstall removes a dataset; its benchmarks are gone' '
	cg-datasets uninstall foo-v1 &&
	test ! -e "$DS/foo-v1" &&
	expect_status 3 cg-reset -b benchmark://foo-v1/qsort >out 2>err &&
	expect_grep "unknown dataset" err &&
	expect_status 3 cg-datasets uninstall foo-v1 2>err &&
	expect_grep "dataset .foo-v1. is not installed" err &&
	expect_status 3 cg-datasets uninstall cgbench-v0 2>err &&
	expect_grep "is built in" err &&
	cg-datasets uninstall benchmark://bar-v2 &&
	cg-datasets uninstall two-v0 &&
	expect_equal "$(ls -A "$DS")" ""
'

test_done
