# tests/lib.sh: a small TAP harness for the shell tests (run by prove).
#
#   . ./lib.sh   (from a test in tests/)
#   test_expect_success 'what it checks' '
#           command && command
#   '
#   test_done
#
# Each test body runs in a subshell in a scratch directory; steps are
# chained with && and intermediate output goes to files, so that no exit
# status is lost in a pipe.

TESTS=$(cd "$(dirname "$0")" && pwd)
TOP=$(dirname "$TESTS")
FIXTURES=$TESTS/fixtures
PATH=${CG_BIN:-$TOP/build/bin}:$PATH
# A cache shared by the tests of one build, and no user datasets.
XDG_CACHE_HOME=${CG_BIN:-$TOP/build/bin}/../test-cache
T=$(mktemp -d "${TMPDIR:-/tmp}/cg-test.XXXXXX")
XDG_DATA_HOME=$T/data
export PATH XDG_CACHE_HOME XDG_DATA_HOME
unset CG_TEST_FAULT CG_DATADIR
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1

test_count=0
test_failed=0

test_expect_success() {
	test_count=$((test_count + 1))
	if (eval "$2") >"$T/log" 2>&1; then
		echo "ok $test_count - $1"
	else
		echo "not ok $test_count - $1"
		sed 's/^/# /' "$T/log"
		# and for make check to show (prove -j hides comments)
		[ -z "${CG_FAILLOG-}" ] || {
			echo "--- $0: not ok $test_count - $1"
			tail -n 60 "$T/log"
		} >>"$CG_FAILLOG"
		test_failed=$((test_failed + 1))
	fi
}

# test_skip WHAT WHY: a test that cannot run here, which prove shows.
test_skip() {
	test_count=$((test_count + 1))
	echo "ok $test_count # skip $1 ($2)"
}

test_done() {
	echo "1..$test_count"
	[ "$test_failed" = 0 ]
}

# expect_status N command...: runs command, fails unless it exits with N.
expect_status() {
	want=$1
	shift
	"$@"
	got=$?
	if [ "$got" != "$want" ]; then
		echo "expected exit status $want, got $got: $*" >&2
		return 1
	fi
}

# expect_equal A B: fails (showing both) unless A = B.
expect_equal() {
	if [ "$1" != "$2" ]; then
		echo "expected '$2', got '$1'" >&2
		return 1
	fi
}

# expect_empty FILE
expect_empty() {
	if [ -s "$1" ]; then
		echo "expected $1 to be empty, it has:" >&2
		head -c 300 "$1" >&2
		return 1
	fi
}

# expect_grep [GREP-OPTION...] PATTERN FILE: fails, showing FILE, unless
# a line of FILE matches PATTERN (as grep -q would).
expect_grep() {
	for f; do :; done
	if ! grep -q "$@"; then
		echo "expected a line of $f to match what was asked, it has:" >&2
		head -c 500 "$f" >&2
		return 1
	fi
}

# expect_valid STATEFILE [cg-validate options]: fails, showing why,
# unless every state of STATEFILE validates.
expect_valid() {
	f=$1
	shift
	if ! cg-validate "$@" <"$f" >"$f.validation" 2>"$f.why"; then
		echo "$f does not validate:" >&2
		cat "$f.why" "$f.validation" >&2
		return 1
	fi
}

# field STATEFILE JQ-EXPR: one field of a state.
field() {
	jq -r "$2" "$1"
}

# ir_count FILE.bc|.ll: instructions counted from llvm-dis's text, a route
# independent of cg (each instruction starts a line indented by two spaces
# inside a body; switch cases and its closing bracket do not count).
ir_count() {
	llvm-dis-19 -o - "$1" | awk '
		/^define / { body = 1; next }
		body && /^}/ { body = 0; next }
		body && /^  [^ ;\]]/ { n++ }
		END { print n + 0 }'
}

# bitcode_of STATEFILE OUT.bc: the module a state carries.
bitcode_of() {
	jq -r .bitcode "$1" | base64 -d >"$2"
}
