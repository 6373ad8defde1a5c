#!/bin/sh
# The action spaces: PassesLlvm19 beside CompilerGym's PassesAll, chosen at
# reset and kept by every tool; the commandline of a state, checked by
# running it through opt-19; the search controls (--actions, --max-length,
# -s minimize) and the "changed" of each step.
. "$(dirname "$0")/lib.sh"

Q=benchmark://cgbench-v0/qsort
NEW=PassesLlvm19
INL='scc-oz-module-inliner<threshold=0>'
SINK='simplifycfg<sink-common-insts>'

# commandline_gives STATEFILE: the state's Commandline, run by sh on the
# starting module of its benchmark, gives the state's bitcode byte for
# byte.
commandline_gives() {
	jq -c '{benchmark}' "$1" | cg-reset >start.s &&
	bitcode_of start.s input.bc &&
	cg-observe -o Commandline <"$1" >cmd.json &&
	rm -f output.bc &&
	sh -c "$(jq -r . cmd.json)" &&
	bitcode_of "$1" want.bc &&
	cmp want.bc output.bc
}

test_expect_success 'cg-reset --list-action-spaces lists PassesAll first' '
	cg-reset --list-action-spaces >spaces &&
	expect_equal "$(cut -f1 spaces | tr "\n" " ")" "PassesAll $NEW "
'

test_expect_success 'a state records its space, and PassesAll is the default' '
	cg-reset -b $Q >all.s &&
	expect_equal "$(field all.s ".action_space // \"none\"")" none &&
	cg-reset -b $Q --action-space $NEW >new.s &&
	expect_equal "$(field new.s .action_space)" $NEW &&
	expect_status 2 cg-reset -b $Q --action-space Passes10 >out 2>err &&
	expect_empty out &&
	expect_grep "Passes10" err
'

test_expect_success 'an action of one space is refused on the other (exit 2)' '
	expect_status 2 cg-step -a -gvn <new.s >out 2>err &&
	expect_empty out &&
	expect_grep "PassesAll, not in $NEW" err &&
	expect_status 2 cg-step -a "$SINK" <all.s >out 2>err &&
	expect_empty out &&
	expect_grep "$NEW, not in PassesAll" err
'

test_expect_success 'the new space replays exactly and validates' '
	cg-step -a "$SINK" -a sroa\<modify-cfg\> -a "$INL" -a "default<Oz>" \
		-a "loop(loop-rotate<no-header-duplication;no-prepare-for-lto>)" \
		<new.s >n4 &&
	expect_equal "$(field n4 ".actions | length")" 5 &&
	expect_valid n4 &&
	cg-step -a "$SINK" -a sroa\<modify-cfg\> -a "$INL" -a "default<Oz>" \
		-a "loop(loop-rotate<no-header-duplication;no-prepare-for-lto>)" \
		<new.s >again &&
	expect_equal "$(field again .bitcode)" "$(field n4 .bitcode)"
'

test_expect_success 'the commandline of a new-space state gives its bytes in opt-19' '
	commandline_gives n4
'

test_expect_success 'the commandline of a PassesAll state gives its bytes in opt-19' '
	cg-step -a -sroa -a -prune-eh -a -gvn -a -loop-unroll -a -attributor \
		<all.s >a5 &&
	commandline_gives a5
'

test_expect_success 'with no action the commandline copies the start' '
	expect_equal "$(cg-observe -o Commandline <new.s)" \
		"\"cp input.bc output.bc\""
'

test_expect_success 'default<Oz> as one action gives the -Oz baseline' '
	cg-reset -b $Q --action-space $NEW -r IrInstructionCountOz >z0 &&
	cg-step -a "default<Oz>" <z0 >z1 &&
	bitcode_of z0 in.bc &&
	opt-19 -passes="default<Oz>" in.bc -o oz.bc &&
	expect_equal "$(field z1 .costs.IrInstructionCount)" "$(ir_count oz.bc)" &&
	expect_equal "$(field z1 .episode_reward)" 1
'

test_expect_success 'the inliner thresholds are those of opt-19 -inline-threshold' '
	bitcode_of new.s in.bc &&
	for t in 0 225; do
		cg-step -a "scc-oz-module-inliner<threshold=$t>" <new.s >t$t &&
		opt-19 -inline-threshold=$t -inlinecold-threshold=45 \
			-passes=scc-oz-module-inliner in.bc -o o$t.bc &&
		bitcode_of t$t c$t.bc &&
		expect_equal "$(ir_count c$t.bc)" "$(ir_count o$t.bc)" || exit 1
	done &&
	test "$(ir_count c0.bc)" -lt "$(ir_count c225.bc)"
'

test_expect_success 'the CSV commandline of the new space is opt -passes= and reads back' '
	cg-validate --csv <n4 >n4.csv 2>/dev/null &&
	expect_grep ",\"opt -passes=.simplifycfg<sink-common-insts>,sroa<modify-cfg>,scc-oz-module-inliner<threshold=0>,default<Oz>,loop(loop-rotate<no-header-duplication;no-prepare-for-lto>). input.bc -o output.bc\"$" n4.csv &&
	cg-validate <n4.csv >v 2>/dev/null &&
	expect_equal "$(field v .valid)" true
'

test_expect_success 'changed is false for a step that leaves the module as it was' '
	cg-step -a mem2reg <new.s >c1 &&
	cg-step -a mem2reg <c1 >c2 &&
	expect_equal "$(field c1 .changed)" true &&
	expect_equal "$(field c2 .changed)" false &&
	expect_equal "$(field c2 .bitcode)" "$(field c1 .bitcode)" &&
	expect_equal "$(field new.s ".changed // \"absent\"")" absent
'

test_expect_success 'cg-search --action-space searches the new space' '
	cg-search -q -b $Q --action-space $NEW -n 400 -j 1 >s1 &&
	expect_equal "$(field s1 .action_space)" $NEW &&
	expect_valid s1
'

test_expect_success '--actions restricts a search to its list' '
	printf "%s\n" "sroa<modify-cfg>" "gvn" "$SINK" >list &&
	cg-search -q -s random -n 300 -j 1 --actions @list <new.s >r1 &&
	field r1 ".actions[]" | sort -u >used &&
	test -s used &&
	expect_empty "$(sort -u list | comm -13 - used)" &&
	cg-search -q -s greedy -n 300 -j 1 --actions -sroa,-gvn <all.s >r2 &&
	field r2 ".actions[]" | sort -u >used2 &&
	expect_empty "$(printf "%s\n" -gvn -sroa | comm -13 - used2)"
'

test_expect_success '--actions with an unknown or foreign action is refused' '
	expect_status 2 cg-search -q -n 10 --actions "sroa<modify-cfg>,bogus" <new.s >out 2>err &&
	expect_empty out &&
	expect_grep "bogus" err &&
	expect_status 2 cg-search -q -n 10 --actions @missing <new.s >out 2>err &&
	expect_grep "missing" err
'

test_expect_success '--max-length bounds the actions a search adds' '
	for algo in random ils anneal; do
		cg-search -q -s $algo -n 400 -j 1 --max-length 2 <c1 >m ||
			exit 1
		test "$(field m ".actions | length")" -le 3 || exit 1
	done &&
	expect_status 2 cg-search -q --max-length 0 <c1 >out 2>err
'

test_expect_success '-s minimize keeps the module with fewer actions' '
	cg-step -a -sroa -a -mem2reg -a -gvn -a -sroa -a -gvn <all.s >long &&
	cg-search -q -s minimize <long >short &&
	expect_equal "$(cg-observe -o IrSha1 <short)" \
		"$(cg-observe -o IrSha1 <long)" &&
	test "$(field short ".actions | length")" -lt 5 &&
	expect_valid short
'

test_expect_success '-s minimize shortens a long search result' '
	cg-search -q -s random -n 300 -j 1 --seed 1 -b $Q >walk &&
	cg-search -q -s minimize <walk >walkmin &&
	expect_equal "$(cg-observe -o IrSha1 <walkmin)" \
		"$(cg-observe -o IrSha1 <walk)" &&
	test "$(field walkmin ".actions | length")" -lt \
		"$(field walk ".actions | length")" &&
	expect_valid walkmin
'

# An action whose result depends on what ran before it in the process
# (where the heap put the module) would break replay: gvn-sink does, and
# is not offered.  Each action, on an optimised module, alone and after
# one and two runs of a pass that leaves that module as it is.
for space in PassesAll $NEW; do
	test_expect_success "every action of $space gives the same bytes after other actions" "
		if [ $space = PassesAll ]; then
			pre=-mem2reg opt=\"-a -sroa -a -instcombine -a -simplifycfg\"
		else
			pre=mem2reg opt=\"-a default<Oz>\"
		fi &&
		cg-reset -b benchmark://cgbench-v0/regex --action-space $space |
			cg-step \$opt -a \$pre >mid &&
		cg-step --list-actions --action-space $space | cut -f2 >acts &&
		while read -r a; do
			cg-step -a \"\$a\" <mid >x1 &&
			cg-step -a \$pre -a \"\$a\" <mid >x2 &&
			cg-step -a \$pre -a \$pre -a \"\$a\" <mid >x3 &&
			for x in x1 x2 x3; do field \$x .bitcode >\$x.b || exit 1; done &&
			cmp -s x1.b x2.b && cmp -s x1.b x3.b ||
				{ echo \"\$a gives other bytes\" >&2; exit 1; }
		done <acts
	"
done

test_done
