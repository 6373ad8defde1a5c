#!/bin/sh
# make demo: runs the tour of README.md in a scratch folder, echoing each
# line before its output.
set -e
TOP=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/cg-demo.XXXXXX")
trap 'rm -rf "$T"' EXIT
sed -n '/<!-- tour/,/<!-- end tour/p' "$TOP/README.md" |
	sed '/^```/d; /^<!--/d' | sed "s|\$PWD/build/bin|$TOP/build/bin|" >"$T/tour.sh"
cd "$T"
sh -ev tour.sh
