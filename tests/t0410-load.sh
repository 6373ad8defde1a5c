#!/bin/sh
# Load: 100 pipelines at once on the same benchmarks, with a cold cache,
# all succeed and agree.
. "$(dirname "$0")/lib.sh"

test_expect_success '100 concurrent cg-reset | cg-step pipelines agree' '
	XDG_CACHE_HOME=$T/cold &&
	export XDG_CACHE_HOME &&
	i=0 &&
	while [ $i -lt 100 ]; do
		case $((i % 2)) in 0) b=crc32 ;; 1) b=qsort ;; esac &&
		{ { cg-reset -r IrInstructionCountOz -b benchmark://cgbench-v0/$b;
			echo $? >rr.$i; } |
			cg-step -a -sroa -a -gvn -a -simplifycfg >out.$b.$i 2>err.$i;
			echo $? >rc.$i; } &
		i=$((i + 1))
	done &&
	wait &&
	expect_equal "$(cat rr.* rc.* | sort -u)" 0 &&
	expect_equal "$(cat out.crc32.* | jq -r .bitcode | sort -u | wc -l)" 1 &&
	expect_equal "$(cat out.qsort.* | jq -r .bitcode | sort -u | wc -l)" 1 &&
	expect_equal "$(cat out.* | wc -l)" 100 &&
	expect_equal "$(ls "$T/cold/cg" | grep -c "\.tmp\.")" 0
'

test_done
