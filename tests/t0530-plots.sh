#!/bin/sh
# Pictures: cg-search --trace, cg-plot and make plot/plots (SVGs checked
# with xmllint), ProgramlDot and CfgDot (rendered by Graphviz's dot and
# counted against the ProGraML JSON and against opt's own dot-cfg).
. "$(dirname "$0")/lib.sh"

B=benchmark://cgbench-v0/qsort
CG_DIR=${CG_BIN:-$TOP/build/bin}

# svg_plots FILE: the number of plotted items gnuplot drew in an SVG.
svg_plots() {
	grep -o 'id="gnuplot_plot_[0-9]*"' "$1" | sort -u | wc -l
}

# svg_bars FILE: the number of bars of cg-plot bars (filled polygons).
svg_bars() {
	grep -c "<polygon fill = .rgb( 60, 120, 216)" "$1"
}

test_expect_success 'a trace has a line per improvement, rewards rising' '
	cg-search -q -s ils -n 3000 -j 1 --seed 3 --trace trace.jsonl \
		-b $B >out.json &&
	jq -e -s "length >= 2 and all(.[]; .benchmark == \"$B\" and
		(.seconds | type) == \"number\" and (.steps | type) == \"number\"
		and (.cost | type) == \"number\" and (.actions | type) == \"array\")" \
		trace.jsonl >/dev/null &&
	jq -s -r ".[:-1] | [range(1; length) as \$i | .[\$i].reward >=
		.[\$i - 1].reward and (.[\$i] | [.cost, .actions]) !=
		(.[\$i - 1] | [.cost, .actions])] | all" trace.jsonl >up &&
	expect_equal "$(cat up)" true &&
	jq -s -r "[range(1; length) as \$i | .[\$i].steps >= .[\$i - 1].steps
		and .[\$i].seconds >= .[\$i - 1].seconds] | all" trace.jsonl >mono &&
	expect_equal "$(cat mono)" true &&
	jq -s -r "[.[] | select(.end)] | length" trace.jsonl >ends &&
	expect_equal "$(cat ends)" 1 &&
	tail -n 1 trace.jsonl >last &&
	expect_equal "$(field last .end)" true &&
	expect_equal "$(field last .steps)" 3000
'

test_expect_success 'the last line of a trace is the result, its cost real' '
	expect_equal "$(field last ".actions | join(\" \")")" \
		"$(field out.json ".actions | join(\" \")")" &&
	expect_equal "$(field last .reward)" "$(field out.json .episode_reward)" &&
	bitcode_of out.json out.bc &&
	expect_equal "$(field last .cost | cut -d. -f1)" "$(ir_count out.bc)"
'

test_expect_success 'a trace cut by SIGINT ends with the result printed' '
	cg-search -q -s ils -t 60 -j 1 --trace int.jsonl -b $B >int.json &
	pid=$! &&
	sleep 3 && kill -INT $pid && wait $pid
	expect_equal "$(tail -n 1 int.jsonl | jq -r .end)" true &&
	expect_equal "$(tail -n 1 int.jsonl | jq -r ".actions | join(\" \")")" \
		"$(field int.json ".actions | join(\" \")")" &&
	expect_equal "$(tail -n 1 int.jsonl | jq -r .reward)" \
		"$(field int.json .episode_reward)"
'

test_expect_success 'a second search appends to a trace' '
	cp trace.jsonl two.jsonl &&
	cg-search -q -s random -n 500 -j 1 --seed 1 --trace two.jsonl \
		-b $B >/dev/null &&
	expect_equal "$(jq -s "[.[] | select(.end)] | length" two.jsonl)" 2
'

test_expect_success 'a trace file that cannot be opened is a usage error' '
	expect_status 2 cg-search -q -n 10 --trace /nonexistent/t.jsonl -b $B \
		2>stderr &&
	expect_grep "/nonexistent/t.jsonl" stderr
'

test_expect_success 'make plot draws one line per trace and -Oz' '
	cg-search -q -s random -n 2000 -j 1 --seed 1 --trace random.jsonl \
		-b $B >/dev/null &&
	make -s -C "$TOP" plot TRACES="$T/trace.jsonl $T/random.jsonl" \
		PLOT="$T/fig/trace.svg" >log 2>&1 &&
	xmllint --noout fig/trace.svg &&
	expect_equal "$(svg_plots fig/trace.svg)" 3 &&
	expect_grep "time (s)" fig/trace.svg &&
	expect_grep "reward (1.0 = -Oz)" fig/trace.svg &&
	expect_grep "trace (cgbench-v0/qsort)" fig/trace.svg
'

test_expect_success 'make plot without traces is a usage error' '
	expect_status 2 make -s -C "$TOP" plot
'

test_expect_success 'cg-plot bars draws a bar per benchmark' '
	for b in crc32 qsort sha256; do
		cg-search -q -s greedy -n 200 -j 1 \
			-b benchmark://cgbench-v0/$b || exit 1
	done >states.jsonl &&
	cg-plot bars bars.svg "three programs" states.jsonl &&
	xmllint --noout bars.svg &&
	expect_equal "$(svg_plots bars.svg)" 2 &&
	svg_bars bars.svg >bars &&
	expect_equal "$(cat bars)" 3 &&
	expect_grep "sha256" bars.svg
'

test_expect_success 'cg-plot: bad input leaves no file and exits 3' '
	echo "not json" >bad.jsonl &&
	expect_status 3 cg-plot trace bad.svg bad.jsonl &&
	test ! -e bad.svg &&
	expect_status 2 cg-plot pie x.svg states.jsonl
'

test_expect_success 'ProgramlDot renders with a node per ProGraML node' '
	cg-reset -b $B >s0.json &&
	cg-step -a -mem2reg -a -instcombine <s0.json >s.json &&
	cg-observe -o Programl <s.json >graph.json &&
	cg-observe -o ProgramlDot <s.json >graph.dot &&
	dot -Tsvg -o graph.svg graph.dot &&
	xmllint --noout graph.svg &&
	expect_equal "$(grep -c "class=\"node\"" graph.svg)" \
		"$(jq ".nodes | length" graph.json)" &&
	expect_equal "$(grep -c "class=\"edge\"" graph.svg)" \
		"$(jq ".links | length" graph.json)"
'

test_expect_success 'ProgramlDot draws the three flows in three styles' '
	for flow in 0 1 2; do
		jq -r "[.links[] | select(.flow == $flow)] | length" graph.json
	done >want &&
	for color in 345393 990000 65ae4d; do
		grep -c -- "-> .*color=\"#$color\"" graph.dot || echo 0
	done >got &&
	expect_equal "$(cat got)" "$(cat want)"
'

test_expect_success 'ProgramlDot --function keeps one function, all of it' '
	cg-observe -o ProgramlDot --function quicksort <s.json >qs.dot &&
	dot -Tsvg -o qs.svg qs.dot &&
	bitcode_of s.json s.bc &&
	llvm-dis-19 -o - s.bc | awk "
		/^define .*@quicksort\\(/ { body = 1; next }
		body && /^}/ { body = 0 }
		body && /^  [^ ;\\]]/ { n++ }
		END { print n + 1 }" >want &&
	grep -c "fillcolor=\"#3c78d8\"" qs.dot >got &&
	expect_equal "$(cat got)" "$(cat want)" &&
	expect_equal "$(grep -c "class=\"node\"" qs.svg)" \
		"$(grep -c "^  n[0-9]* \[" qs.dot)" &&
	expect_status 3 cg-observe -o ProgramlDot --function nosuch <s.json \
		2>stderr
'

test_expect_success 'CfgDot has the blocks and edges of opt -passes=dot-cfg' '
	bitcode_of s.json s.bc &&
	opt-19 -disable-output -passes=dot-cfg -cfg-dot-filename-prefix=opt s.bc \
		2>/dev/null &&
	for f in main quicksort; do
		cg-observe -o CfgDot --function $f <s.json >$f.dot &&
		dot -Tsvg -o $f.svg $f.dot &&
		expect_equal "$(grep -c "class=\"node\"" $f.svg)" \
			"$(grep -c "^	Node0x.*shape=" opt.$f.dot)" &&
		expect_equal "$(grep -c "class=\"edge\"" $f.svg)" \
			"$(grep -c "^	Node0x.* -> Node0x" opt.$f.dot)" || exit 1
	done
'

test_expect_success 'CfgDot of a function the module lacks exits 3' '
	expect_status 3 cg-observe -o CfgDot --function nosuch <s.json 2>stderr &&
	expect_grep "no function .nosuch." stderr
'

test_expect_success 'make leaderboard takes benchmarks of any scheme, and draws them' '
	make -s -f "$TOP/tests/leaderboard.mk" CG="$CG_DIR" OUT="$T/lb" \
		DATASET=csmith-v0 ALGOS=random JOBS=1 STEPS=20 \
		BENCHMARKS="generator://csmith-v0/7 benchmark://cgbench-v0/crc32" \
		leaderboard >lb.out 2>&1 || { cat lb.out; exit 1; }
	d=$T/lb/csmith-v0-random-n20 &&
	cut -d, -f1 "$d/results.csv" | sort >rows &&
	expect_equal "$(cat rows)" "$(printf "%s\n" benchmark \
		benchmark://cgbench-v0/crc32 generator://csmith-v0/7)" &&
	xmllint --noout "$d/bars.svg" &&
	expect_equal "$(svg_bars "$d/bars.svg")" 2
'

test_expect_success 'make plots writes the four figures, well-formed' '
	make -s -C "$TOP" plots PLOTS="$T/plots" >log 2>&1 || { cat log; exit 1; }
	for f in trace leaderboard programl cfg; do
		xmllint --noout plots/$f.svg || exit 1
	done &&
	expect_equal "$(svg_plots plots/trace.svg)" 4 &&
	svg_bars plots/leaderboard.svg >bars &&
	expect_equal "$(cat bars)" 8
'

test_done
