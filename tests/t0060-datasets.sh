#!/bin/sh
# Every built-in program resets, and the module cg-reset makes, built with
# clang-19, prints exactly the expected output of each run configuration.
# cgbench-v1 holds cgbench-v0's programs and its own; cgbench-v0 stays as
# it was published.
. "$(dirname "$0")/lib.sh"

D0=$TOP/datasets/cgbench-v0
D1=$TOP/datasets/cgbench-v1

test_expect_success 'the default benchmark is a built-in program' '
	cg-reset >s &&
	expect_equal "$(field s .benchmark)" benchmark://cgbench-v0/qsort
'

test_expect_success 'cgbench-v0 is the published suite, file for file' '
	(cd "$D0" && find . -type f | LC_ALL=C sort | xargs sha1sum) >sums &&
	expect_equal "$(sha1sum <sums | cut -c1-40)" \
		451cc71cd220d075da60fd6409b4add86aedd17f
'

test_expect_success 'cgbench-v1 holds cgbench-v0 and at least 22 programs more' '
	cg-datasets cgbench-v0 >v0.list &&
	sed "s|cgbench-v0|cgbench-v1|" v0.list >v0 &&
	cg-datasets cgbench-v1 >v1 &&
	expect_equal "$(comm -23 v0 v1)" "" &&
	test "$(comm -13 v0 v1 | wc -l)" -ge 22 &&
	test "$(wc -l <v1)" -ge 50 &&
	cg-datasets >all &&
	expect_grep "^benchmark://cgbench-v1	$(wc -l <v1)	yes	yes$" all
'

# check_program DATASET DIR: resets DATASET/NAME, builds the module with
# clang-19 -O2 and compares each run's output with its expected output.
check_program() {
	ds=$1 dir=$2 name=$(basename "$2")
	cg-reset -b "benchmark://$ds/$name" >s &&
	n=$(jq '.runs | length' "$dir/run.json") &&
	test "$n" -ge 2 &&
	cg-observe -o Bitcode <s >m.bc &&
	clang-19 -O2 -w m.bc -o prog $(jq -r '(.linkopts // []) | join(" ")' "$dir/run.json") &&
	i=0 &&
	while [ $i -lt "$n" ]; do
		jq -r ".runs[$i].args[]" "$dir/run.json" | sed "s|\\\$D|$dir|g" >args &&
		stdin=$(jq -r ".runs[$i].stdin // \"/dev/null\"" "$dir/run.json") &&
		case $stdin in /dev/null) ;; *) stdin=$dir/$stdin ;; esac &&
		(IFS='
'; ./prog $(cat args) <"$stdin" >out) &&
		cmp out "$dir/$(jq -r ".runs[$i].stdout" "$dir/run.json")" ||
			{ echo "run $i failed"; return 1; }
		i=$((i + 1))
	done
}

for dir in "$D0"/*/; do
	name=$(basename "$dir")
	test_expect_success "cgbench-v0/$name builds from its module and runs as expected" "
		check_program cgbench-v0 '${dir%/}' &&
		jq -e '.baselines.IrInstructionCountO0 > 100' s >/dev/null
	"
done

for dir in "$D1"/*/; do
	name=$(basename "$dir")
	test_expect_success "cgbench-v1/$name builds from its module and runs as expected" "
		check_program cgbench-v1 '${dir%/}' &&
		jq -e '.baselines.IrInstructionCountO0 | . >= 200 and . <= 20000' s >/dev/null
	"
done

test_done
