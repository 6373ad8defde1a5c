#!/bin/sh
# ProGraML graphs: a module drawn by hand, and the shape of a larger one.
. "$(dirname "$0")/lib.sh"


# check_graph FILE: python3's json module reads FILE, which has the
# documented keys, node ids 0..n-1, the root, and links between nodes.
check_graph() {
	python3 - "$1" <<-'EOF'
	import json, sys
	g = json.load(open(sys.argv[1]))
	assert sorted(g) == ["directed", "graph", "links", "multigraph", "nodes"]
	assert g["directed"] is True and g["multigraph"] is True
	nodes, links = g["nodes"], g["links"]
	assert [n["id"] for n in nodes] == list(range(len(nodes)))
	assert nodes[0]["text"] == "[external]" and "function" not in nodes[0]
	for n in nodes:
	    assert {"id", "type", "text", "features"} <= set(n), n
	    assert n["type"] in (0, 1, 2), n
	    if n["type"] == 1:
	        assert "function" in n and "block" in n, n
	        assert n["features"]["full_text"][0].startswith(n["text"] + " "), n
	for e in links:
	    assert sorted(e) == ["flow", "key", "position", "source", "target"], e
	    assert e["flow"] in (0, 1, 2), e
	    assert 0 <= e["source"] < len(nodes) and 0 <= e["target"] < len(nodes)
	    kinds = {nodes[e["source"]]["type"], nodes[e["target"]]["type"]}
	    if e["flow"] == 0 or e["flow"] == 2:
	        assert kinds == {0}, e
	    else:
	        assert 0 in kinds and len(kinds) == 2, e
	EOF
}

test_expect_success 'the hand-drawn graph of programl-small.ll' '
	cg-reset -b "$FIXTURES/programl-small.ll" >s0 &&
	cg-observe -o ProgramlJson <s0 >g.json &&
	jq -S . g.json >got &&
	jq -S . "$FIXTURES/programl-small.json" >want &&
	diff -u want got
'

test_expect_success 'the graph is one line of JSON with the documented keys' '
	expect_equal "$(wc -l <g.json)" 1 &&
	check_graph g.json
'

test_expect_success 'Programl is listed, and is the same graph' '
	cg-observe --list-spaces >spaces &&
	expect_grep "^Programl[[:space:]]" spaces &&
	cg-observe -o Programl <s0 >p.json &&
	cmp g.json p.json
'

test_expect_success 'a larger module: one node per instruction, sound links' '
	cg-reset -b "$FIXTURES/loops.c" >l0 &&
	cg-observe -o ProgramlJson <l0 >l.json &&
	check_graph l.json &&
	n=$(cg-observe -o IrInstructionCount <l0) &&
	expect_equal "$(jq "[.nodes[] | select(.type == 0 and .block != null)] | length" l.json)" "$n"
'

test_expect_success 'the networkx example of cg(7) reads the graph' '
	cp l0 s.json &&
	sed -n "/^\$ cg-observe -o Programl <s.json/,/^\.Ed/p" "$TOP/man/cg.7" |
		sed "/^\.Ed/d; s/^\$ //" >example.sh &&
	test -s example.sh &&
	sh example.sh >out &&
	expect_equal "$(cat out)" \
		"$(jq -r "\"\\(.nodes | length) \\(.links | length)\"" g.json)"
'

test_done
