#!/bin/sh
# Every sh block of README.md runs, in order, in one shell.
. "$(dirname "$0")/lib.sh"

test_expect_success 'the shell examples of README.md run' '
	awk "/^\`\`\`sh\$/ { f = 1; next } /^\`\`\`\$/ { f = 0 } f" \
		"$TOP/README.md" | sed "s|\$PWD/build/bin|$TOP/build/bin|" >readme.sh &&
	test -s readme.sh &&
	bash -e readme.sh >out 2>err || { tail -20 err; exit 1; }
'

test_done
