#!/bin/sh
# CpuInfo against /proc/cpuinfo and lscpu.
. "$(dirname "$0")/lib.sh"


test_expect_success 'CpuInfo has CompilerGym keys, in order' '
	cg-reset -b "$FIXTURES/tiny.ll" >s0 &&
	cg-observe -o CpuInfo <s0 >cpu.json &&
	expect_equal "$(jq -c "keys_unsorted" cpu.json)" "$(printf %s \
		"[\"name\",\"cores_count\",\"l1i_cache_size\",\"l1i_cache_count\"," \
		"\"l1d_cache_size\",\"l1d_cache_count\",\"l2_cache_size\"," \
		"\"l2_cache_count\",\"l3_cache_size\",\"l3_cache_count\"," \
		"\"l4_cache_size\",\"l4_cache_count\"]")" &&
	expect_equal "$(jq "[.[] | numbers] | length" cpu.json)" 11
'

if grep -q "^model name" /proc/cpuinfo; then
test_expect_success 'name is the model name of /proc/cpuinfo' '
	name=$(sed -n "s/^model name[[:space:]]*: *//p" /proc/cpuinfo | sed "s/ *$//;q") &&
	test -n "$name" &&
	expect_equal "$(jq -r .name cpu.json)" "$name"
'
else
	test_skip 'name is the model name of /proc/cpuinfo' \
		'this /proc/cpuinfo has no model name'
fi

test_expect_success 'cores and the L1d size agree with lscpu' '
	lscpu -p=CORE,SOCKET >topo &&
	expect_equal "$(jq .cores_count cpu.json)" \
		"$(grep -v "^#" topo | sort -u | wc -l)" &&
	lscpu -C=NAME,ONE-SIZE -B >caches &&
	l1d=$(awk "\$1 == \"L1d\" { print \$2 }" caches) &&
	expect_equal "$(jq .l1d_cache_size cpu.json)" "${l1d:--1}"
'

test_expect_success 'l1i_cache_count is the L1d count (CompilerGym quirk)' '
	expect_equal "$(jq .l1i_cache_count cpu.json)" \
		"$(jq .l1d_cache_count cpu.json)"
'

test_done
