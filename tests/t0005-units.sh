#!/bin/sh
# The unit tests of tests/unit/, built by make check into build/units.
. "$(dirname "$0")/lib.sh"

UNITS=${CG_BIN:-$TOP/build/bin}/../units

for src in "$TOP"/tests/unit/*.c; do
	name=$(basename "$src" .c)
	test_expect_success "unit: $name" "
		test -x '$UNITS/$name' || { echo 'not built: make check builds it'; exit 1; }
		'$UNITS/$name'
	"
done

test_done
