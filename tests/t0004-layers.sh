#!/bin/sh
# lib/ has layers: each header says its own ("Layer N"), and a file may
# include only headers of its layer or below, with no cycle.  The library
# prints nothing (only the tools do), and no function is very long.
. "$(dirname "$0")/lib.sh"

L=$TOP/lib

# layer NAME: the layer its header names.
layer() {
	sed -n 's/.*Layer \([0-9][0-9]*\) (.*/\1/p' "$L/$1.h" | head -n 1
}

test_expect_success 'every header of lib/ names its layer' '
	for h in "$L"/cg_*.h; do
		n=$(basename "$h" .h) &&
		test -n "$(layer "$n")" || { echo "$n.h names no layer"; exit 1; }
	done
'

test_expect_success 'includes go down the layers, never up' '
	for f in "$L"/cg_*.[ch]; do
		n=$(basename "$f" | sed "s/\.[ch]$//") &&
		own=$(layer "$n") &&
		for inc in $(sed -n "s/^#include \"\(cg_[a-z0-9_]*\)\.h\"/\1/p" "$f"); do
			k=$(layer "$inc") &&
			if [ "$k" -gt "$own" ]; then
				echo "$(basename "$f") (layer $own) includes $inc.h (layer $k)"
				exit 1
			fi
		done || exit 1
	done
'

test_expect_success 'the includes of lib/ have no cycle' '
	for f in "$L"/cg_*.[ch]; do
		n=$(basename "$f" | sed "s/\.[ch]$//")
		echo "$n $n"
		sed -n "s/^#include \"\(cg_[a-z0-9_]*\)\.h\"/\1 $n/p" "$f"
	done >edges &&
	tsort edges >order 2>err &&
	expect_empty err
'

# Code lines (not comments) that print, or name stdout or stderr.
test_expect_success 'the library writes nothing to stdout or stderr' '
	grep -nE "(^|[^a-z_])(printf|puts|putchar|perror)\(|[^a-z_\"]std(out|err)[^a-z_.\"]" \
		"$L"/*.c >prints || true &&
	grep -vE "^[^:]*:[0-9]+:[[:space:]]*(/?\*)|cg_error.c:[0-9]+:.*out of memory" \
		prints >left || true &&
	expect_empty left
'

test_expect_success 'no function of lib/ or tools/ is longer than 80 lines' '
	awk "/^[a-z_][a-z0-9_]*\\(/ && prev !~ /;\$/ { name = \$0; start = FNR; infn = 1 }
		infn && /^}/ { if (FNR - start + 1 > 80) print FILENAME \": \" name \" \" FNR - start + 1; infn = 0 }
		{ prev = \$0 }" "$L"/*.c "$TOP"/tools/*.c >long &&
	expect_empty long
'

test_done
