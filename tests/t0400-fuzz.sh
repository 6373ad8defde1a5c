#!/bin/sh
# A short run of every libFuzzer target (make fuzz) over its corpus,
# which holds the inputs of every crash found so far.
. "$(dirname "$0")/lib.sh"

test_expect_success 'each fuzz target runs 3 s without a crash' '
	make -s -C "$TOP" fuzz FUZZ_SECONDS=3 >log 2>&1 ||
		{ tail -40 log; exit 1; }
'

test_done
