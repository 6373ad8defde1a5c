#!/bin/sh
# Every built-in program resets, and the module cg-reset makes, built with
# clang-19, prints exactly the expected output of each run configuration.
. "$(dirname "$0")/lib.sh"

D=$TOP/datasets/cgbench-v0

test_expect_success 'the default benchmark is a built-in program' '
	cg-reset >s &&
	expect_equal "$(field s .benchmark)" benchmark://cgbench-v0/qsort
'

for dir in "$D"/*/; do
	name=$(basename "$dir")
	test_expect_success "cgbench-v0/$name builds from its module and runs as expected" "
		cg-reset -b benchmark://cgbench-v0/$name >s &&
		jq -e '.baselines.IrInstructionCountO0 > 100' s >/dev/null &&
		cg-observe -o Bitcode <s >m.bc &&
		clang-19 -O2 -w m.bc -o prog \$(jq -r '(.linkopts // []) | join(\" \")' '$dir/run.json') &&
		n=\$(jq '.runs | length' '$dir/run.json') &&
		i=0 &&
		while [ \$i -lt \$n ]; do
			jq -r \".runs[\$i].args[]\" '$dir/run.json' |
				sed 's|\\\$D|$dir|g' >args &&
			stdin=\$(jq -r \".runs[\$i].stdin // \\\"/dev/null\\\"\" '$dir/run.json') &&
			case \$stdin in /dev/null) ;; *) stdin=$dir/\$stdin ;; esac &&
			(IFS='
'; ./prog \$(cat args) <\"\$stdin\" >out) &&
			cmp out '$dir'/\$(jq -r \".runs[\$i].stdout\" '$dir/run.json') ||
				{ echo run \$i failed; exit 1; }
			i=\$((i + 1))
		done
	"
done

test_done
