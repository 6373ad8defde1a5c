#!/bin/sh
# Every tool has a man page whose SYNOPSIS is its usage, the pages lint
# clean, and the completions know every long option.
. "$(dirname "$0")/lib.sh"

tools=$(cd "$TOP/tools" && ls cg-*.c | sed 's/\.c$//')

# synopsis PAGE: the SYNOPSIS of a man page on one line.
synopsis() {
	mandoc -Tascii -O width=1000 "$1" | col -b |
		awk '/^SYNOPSIS/ { f = 1; next } /^[A-Z]/ { f = 0 } f' |
		tr -s ' \n' '  ' | sed 's/^ //; s/ $//'
}

for t in $tools; do
	test_expect_success "$t: -h matches the SYNOPSIS of $t.1" "
		$t -h >usage &&
		sed 's/^usage: //' usage | tr -s ' \n' '  ' | sed 's/ \$//' >want &&
		synopsis '$TOP/man/$t.1' >got &&
		expect_equal \"\$(cat got)\" \"\$(cat want)\"
	"
	test_expect_success "$t: the completions know every long option" "
		sed -n '/longopts\\[\\] = {/,/};/p' '$TOP/tools/$t.c' |
			grep -o '{ \"[a-z-]*\"' | cut -d'\"' -f2 >opts &&
		test -s opts &&
		while read -r o; do
			expect_grep -- \"--\$o\" '$TOP/completions/cg.bash' ||
				{ echo \"cg.bash lacks --\$o\"; exit 1; }
			expect_grep -- \"--\$o\" '$TOP/completions/_cg' ||
				{ echo \"_cg lacks --\$o\"; exit 1; }
		done <opts
	"
done

test_expect_success 'every man page lints clean' '
	for m in "$TOP"/man/*.[157]; do
		mandoc -Tlint -W warning "$m" >lint 2>&1 || { cat lint; exit 1; }
		expect_empty lint || exit 1
	done
'

test_expect_success 'the bash completion completes action flags from the tool' '
	bash -c ". \"$TOP/completions/cg.bash\" &&
		COMP_WORDS=(cg-step -a -mem2); COMP_CWORD=2; COMP_LINE=\"cg-step -a -mem2\";
		COMP_POINT=\${#COMP_LINE};
		\$(complete -p cg-step | sed \"s/.*-F \\([^ ]*\\) .*/\\1/\") cg-step -mem2 -a;
		printf \"%s\\n\" \"\${COMPREPLY[@]}\"" >out &&
	grep -qx -- -mem2reg out
'

test_done
