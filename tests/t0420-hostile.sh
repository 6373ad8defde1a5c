#!/bin/sh
# Hostile input: claims that validation must not believe, programs that
# misbehave when run, bitcode that kills LLVM's reader, streams that
# break the reader, archives that attack the installer, and signals.
. "$(dirname "$0")/lib.sh"

TMPDIR=$T/tmp
export TMPDIR
mkdir "$TMPDIR"
DS=$XDG_DATA_HOME/cg/datasets

test_expect_success 'set up' '
	cg-reset -b benchmark://cgbench-v0/crc32 -r IrInstructionCountOz >c0 &&
	cg-step -a -sroa -a -instcombine <c0 >c1 &&
	base64 -d "$TESTS/fuzz/corpus/bitcode/reader-segv.bc.b64" >segv.bc &&
	base64 -d "$TESTS/fuzz/corpus/bitcode/reader-oom.bc.b64" >oom.bc &&
	jq -c --arg b "$(base64 -w0 segv.bc)" ".bitcode = \$b" c1 >bad
'

test_expect_success 'a claimed reward that is not finite is not valid' '
	for r in inf -inf Infinity nan; do
		printf "benchmark://cgbench-v0/crc32,%s,1,opt -sroa input.bc -o output.bc\n" \
			"$r" >r.csv &&
		expect_status 1 cg-validate <r.csv >v 2>/dev/null &&
		expect_equal "$(field v ".errors[0].type")" \
			"Expected reward is not finite" || exit 1
	done
'

test_expect_success 'a claimed cost or baseline that the replay does not give is not valid' '
	jq -c ".costs.IrInstructionCount = -5" c1 >lie &&
	expect_status 1 cg-validate <lie >v 2>/dev/null &&
	expect_equal "$(field v ".errors[0].type")" "Cost mismatch" &&
	expect_equal "$(field v ".errors[0].data.actual")" \
		"$(field c1 .costs.IrInstructionCount)" &&
	jq -c ".baselines.IrInstructionCountOz = 1" c1 >lie2 &&
	expect_status 1 cg-validate <lie2 >v 2>/dev/null &&
	expect_equal "$(field v ".errors[0].type")" "Baseline mismatch" &&
	cg-validate <c1 >v
'

test_expect_success 'a CSV row with no action is the empty sequence' '
	printf "benchmark://cgbench-v0/crc32,0,0,opt input.bc -o output.bc\n" >e.csv &&
	cg-validate <e.csv >v &&
	expect_equal "$(field v .commandline)" "opt  input.bc -o output.bc"
'

# A program that leaves a child holding its stdout, one that floods it,
# and one that writes where it runs.
mkdir -p prog
cat >prog/fork.c <<'EOF'
#include <stdio.h>
#include <unistd.h>
int main(void) {
	puts("parent done");
	fflush(stdout);
	if (fork() == 0) {
		execl("/bin/sleep", "cg-test-lingering", "30", (char *)0);
		_exit(1);
	}
	return 0;
}
EOF
cat >prog/flood.c <<'EOF'
#include <stdio.h>
int main(void) {
	static char line[65536];
	for (int i = 0; i < 65535; i++)
		line[i] = 'x';
	for (;;)
		fwrite(line, 1, sizeof(line), stdout);
}
EOF
cat >prog/writes.c <<'EOF'
#include <stdio.h>
#include <stdlib.h>
int main(void) {
	FILE *f = fopen("left-behind.txt", "w");
	char path[4096];
	snprintf(path, sizeof(path), "%s/also-left.txt", getenv("HOME"));
	FILE *g = fopen(path, "w");
	if (!f || !g)
		return 1;
	fputs("x", f);
	fputs("y", g);
	puts("wrote");
	return 0;
}
EOF
echo '{"runs": [{"args": []}]}' >prog/run.json

test_expect_success 'a run ends with its process group: nothing it started lingers' '
	cg-reset --run prog/run.json -b prog/fork.c >f0 &&
	start=$(date +%s) &&
	cg-observe -o Runtime <f0 >rt &&
	test $(($(date +%s) - start)) -lt 10 &&
	jq -e ".[0] < 5" rt >/dev/null &&
	sleep 0.2 &&
	! pgrep -f cg-test-lingering >/dev/null
'

test_expect_success 'a run that floods its output is stopped and says so' '
	cg-reset --run prog/run.json -b prog/flood.c >l0 &&
	expect_status 1 cg-observe -o Runtime <l0 >out 2>err &&
	expect_grep "printed more than 64 MiB" err
'

test_expect_success 'a run writes in its scratch folder, which goes' '
	cg-reset --run prog/run.json -b prog/writes.c >w0 &&
	cg-step -a -sroa <w0 >w1 &&
	cg-validate --semantics <w1 >v &&
	expect_equal "$(field v .valid)" true &&
	test ! -e prog/left-behind.txt && test ! -e "$HOME/also-left.txt" &&
	ls -A "$TMPDIR" >left && expect_empty left
'

test_expect_success 'a dataset whose link options would run a program is refused at reset' '
	mkdir -p Evil-v0/p &&
	printf "int main(void) { return 0; }\n" >Evil-v0/p/p.c &&
	printf "#!/bin/sh\ntouch %s/pwned\nexec ld \"\$@\"\n" "$T" >evil.sh &&
	chmod +x evil.sh &&
	printf "{\"linkopts\": [\"-fuse-ld=%s/evil.sh\"], \"runs\": [{\"args\": []}]}\n" \
		"$T" >Evil-v0/p/run.json &&
	tar -cf evil.tar Evil-v0 &&
	cg-datasets install evil.tar >out &&
	expect_status 3 cg-reset -b benchmark://evil-v0/p >out 2>err &&
	expect_grep "link option .-fuse-ld=.* is not allowed" err &&
	test ! -e pwned &&
	cg-datasets uninstall evil-v0
'

test_expect_success 'a compiler command whose -fuse-ld would run a program is refused' '
	printf "#!/bin/sh\ntouch %s/ran\nexec ld \"\$@\"\n" "$T" >myld.sh &&
	chmod +x myld.sh &&
	printf "int main(void) { return 0; }\n" >m.c &&
	clang-19 -fuse-ld="$T/myld.sh" m.c -o m 2>/dev/null &&
	{ test -e ran ||
		{ echo "clang-19 did not run the -fuse-ld program" >&2; exit 1; }; } &&
	rm ran &&
	expect_status 2 cg-reset -- cc -fuse-ld="$T/myld.sh" m.c >out 2>err &&
	expect_empty out &&
	expect_grep "unsupported compiler option .-fuse-ld=$T/myld.sh." err &&
	test ! -e ran
'

# (AddressSanitizer catches the signal itself and exits with 1.)
test_expect_success 'bitcode that kills LLVM reader is bad input to cg-reset' '
	if [ "${CG_SANITIZE-}" = 1 ]; then how="exited with status 1";
	else how="killed by signal 11"; fi &&
	expect_status 3 cg-reset -b segv.bc >out 2>err &&
	expect_empty out &&
	expect_grep "bitcode does not parse ($how" err &&
	expect_status 3 cg-reset -b oom.bc >out 2>err &&
	expect_grep "bitcode does not parse (" err
'

test_expect_success 'the same bitcode in a state is bad input to every tool, and ends nothing' '
	expect_status 3 cg-step -a -sroa <bad >out 2>err &&
	expect_grep "the module does not parse" err &&
	! grep -q "\"done\":true" out &&
	expect_status 3 cg-observe -o IrInstructionCount <bad >out 2>err &&
	expect_grep "the module does not parse" err &&
	start=$(date +%s) &&
	expect_status 3 cg-search -q -n 1000 <bad >out 2>err &&
	test $(($(date +%s) - start)) -lt 20 &&
	expect_empty out &&
	expect_grep "bitcode does not parse" err
'

# The sanitizers need more address space than the limit leaves.
if [ "${CG_SANITIZE-}" = 1 ]; then
	test_skip 'a line too long for memory is a read error' \
		'ASan cannot run under ulimit -v'
else
test_expect_success 'a line too long for memory is a read error, not the end' '
	(ulimit -v 1000000 &&
		{ head -c 1200000000 /dev/zero | tr "\0" a; echo; cat c0; } |
		cg-step -a -sroa >out 2>err
		echo $? >status) &&
	expect_equal "$(cat status)" 1 &&
	expect_grep "read error: a line too long for memory" err &&
	expect_empty out
'
fi

test_expect_success 'a line of NUL bytes is bad input, with its line number' '
	{ cat c0; head -c 10 /dev/zero; echo; } >nul &&
	expect_status 3 cg-step -a -sroa <nul >out 2>err &&
	expect_equal "$(wc -l <out)" 1 &&
	expect_grep "line 2: bad state: a NUL byte at column 1" err &&
	expect_status 3 cg-reset - <nul >out 2>err &&
	expect_grep "line 2: a NUL byte" err &&
	{ echo benchmark://cgbench-v0/crc32; echo not-a-state-or-uri; } >lines &&
	expect_status 3 cg-reset - <lines >out 2>err &&
	expect_grep "line 2: " err
'

test_expect_success 'paths with a control character are refused' '
	nl="a
b.c" &&
	printf "int main(void){return 0;}\n" >"$nl" &&
	expect_status 3 cg-reset -b "$nl" >out 2>err &&
	expect_grep "control character" err
'

test_expect_success 'huge time limits are clamped, not overflowed' '
	cg-step -T 3000000 -a -sroa <c0 >s1 &&
	cg-step -T 1e308 -a -sroa <c0 >s2 &&
	cmp s1 s2 >/dev/null 2>&1 || expect_equal "$(field s1 .bitcode)" "$(field s2 .bitcode)" &&
	echo "{\"timeout\": 1e308, \"runs\": [{\"args\": []}]}" >big.json &&
	cg-reset --run big.json -b prog/writes.c >b0 &&
	cg-observe -o Runtime <b0 >rt
'

test_expect_success 'baselines that time out at reset are a compiler error: 4' '
	expect_status 4 env XDG_CACHE_HOME=$T/cold cg-reset -T 0.01 \
		-b benchmark://cgbench-v0/regex >out 2>err &&
	expect_grep "computing the baselines: timed out" err
'

test_expect_success 'an archive that unpacks past the limit is refused' '
	mkdir -p Big-v0 &&
	head -c 3000000 /dev/zero >Big-v0/zeros.c &&
	tar -czf big.tar.gz Big-v0 &&
	expect_status 3 cg-datasets install --max-size 2M big.tar.gz >out 2>err &&
	expect_grep "unpacks to more than 2 MiB" err &&
	test ! -e "$DS/big-v0" &&
	expect_equal "$(ls -A "$DS" | grep -c "^\.install")" 0 &&
	expect_status 2 cg-datasets install --max-size 2X big.tar.gz 2>err
'

test_expect_success 'archive entries that no URI can name are refused' '
	for bad in "a
b" "what?" "hash#x" "$(printf "\377\376")"; do
		rm -rf N && mkdir -p "N/Odd-v0" &&
		printf "int f(void){return 1;}\n" >"N/Odd-v0/$bad.c" &&
		tar -cf odd.tar -C N Odd-v0 &&
		expect_status 3 cg-datasets install odd.tar >out 2>err &&
		expect_grep "has a name no benchmark URI can hold" err &&
		expect_equal "$(wc -l <err)" 1 || exit 1
	done
'

test_expect_success 'entries that clash are the archive fault: 3' '
	rm -rf K && mkdir -p K/Clash-v0/x &&
	printf "int f(void){return 1;}\n" >K/Clash-v0/x/a.c &&
	tar -cf clash.tar -C K Clash-v0 &&
	rm -rf K/Clash-v0/x && printf "file\n" >K/Clash-v0/x &&
	tar -rf clash.tar -C K Clash-v0/x &&
	expect_status 3 cg-datasets install clash.tar >out 2>err &&
	expect_grep "clashes with another one" err
'

test_expect_success 'an install killed by SIGTERM leaves nothing; one killed by SIGKILL is swept' '
	mkdir -p Slow-v0 && i=0 &&
	while [ $i -lt 400 ]; do
		printf "int f%d(void){return %d;}\n" $i $i >Slow-v0/f$i.c
		i=$((i + 1))
	done &&
	head -c 20000000 /dev/urandom | base64 >Slow-v0/big.txt &&
	tar -cJf slow.tar.xz Slow-v0 &&
	cg-datasets install slow.tar.xz >/dev/null 2>&1 &
	pid=$! &&
	while [ -z "$(ls -A "$DS" 2>/dev/null | grep "^\.install")" ]; do sleep 0.01; done &&
	kill -TERM $pid && wait $pid
	expect_equal "$(ls -A "$DS" | grep -c "^\.install")" 0 &&
	mkdir -p "$DS/.install.999999999.abcdef/junk" Tiny-v0 &&
	printf "int f(void){return 1;}\n" >Tiny-v0/f.c &&
	tar -cf tiny.tar Tiny-v0 &&
	cg-datasets install tiny.tar >out &&
	expect_equal "$(ls -A "$DS" | grep -c "^\.install")" 0 &&
	cg-datasets uninstall tiny-v0
'

test_expect_success 'a cold csmith reset ended by SIGTERM leaves no scratch folder' '
	perl -e "\$SIG{TERM} = \"DEFAULT\"; exec @ARGV or die" \
		env XDG_CACHE_HOME=$T/cold2 cg-reset -b generator://csmith-v0/77 >out 2>err &
	pid=$! &&
	while [ -z "$(ls -A "$TMPDIR")" ]; do sleep 0.005; done &&
	kill -TERM $pid && wait $pid
	sleep 0.1 &&
	ls -A "$TMPDIR" >left && expect_empty left
'

test_expect_success 'scratch folders of a search killed by SIGKILL are swept by the next tool' '
	mkdir -p "$TMPDIR/cg-run.999999999.zzzzzz" &&
	touch "$TMPDIR/cg-run.999999999.zzzzzz/a.out" &&
	mkdir -p "$TMPDIR/cg-run.$$.keep" &&
	cg-observe -o Buildtime <w0 >bt &&
	test ! -e "$TMPDIR/cg-run.999999999.zzzzzz" &&
	test -d "$TMPDIR/cg-run.$$.keep" &&
	rmdir "$TMPDIR/cg-run.$$.keep"
'

test_expect_success 'a search prints real costs as they are' '
	cg-reset -r Runtime --runtime-count 3 --run prog/run.json -b prog/writes.c >r0 &&
	cg-search -n 4 -j 1 -s random <r0 >best 2>err &&
	expect_grep "cost 0\.[0-9]" err
'

test_expect_success 'an ignore pattern that regcomp would blow up is refused' '
	printf "int main(void) { return 0; }\n" >tame.c &&
	printf "{\"runs\": [{\"args\": []}], \"ignore\": [\"^t:%s\"]}\n" \
		"++++++++++++++++++++++++++++++++" >costly.json &&
	expect_status 3 cg-reset --run costly.json -b tame.c 2>stderr >/dev/null &&
	expect_grep "too costly" stderr &&
	printf "{\"runs\": [{\"args\": []}], \"ignore\": [\"^t: [+*]+ a{2}\"]}\n" \
		>fine.json &&
	cg-reset --run fine.json -b tame.c >s.json
'

test_done
