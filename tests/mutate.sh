#!/bin/sh
# make mutate: applies each mutant of tests/mutants, one at a time, to a
# copy of the tracked files, builds it, runs the tests that should catch
# it, and prints the score and the mutants that survived.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
W=$(mktemp -d "${TMPDIR:-/tmp}/cg-mutate.XXXXXX")
trap 'rm -rf "$W"' EXIT
(cd "$TOP" && git ls-files | tar -cf - -T -) | (cd "$W" && tar -xf -)
echo "building a copy in $W"
make -s -C "$W" all build/units/search-keep >"$W/build.log" 2>&1 ||
	{ tail -20 "$W/build.log"; exit 1; }

# The blocks of tests/mutants, as lines: file TAB from TAB to TAB tests.
awk '
	/^#/ { next }
	/^file / { f = substr($0, 6) }
	/^from / { from = substr($0, 6) }
	/^to / { to = substr($0, 4) }
	/^tests / { print f "\t" from "\t" to "\t" substr($0, 7) }
' "$TOP/tests/mutants" >"$W/list"

n=0 caught=0
: >"$W/survivors"
while IFS='	' read -r file from to tests; do
	n=$((n + 1))
	cp "$W/$file" "$W/saved"
	# \t in the blocks stands for a tab.
	FROM=$(printf '%s' "$from" | sed 's/\\t/	/g') \
	TO=$(printf '%s' "$to" | sed 's/\\t/	/g') \
	perl -0pi -e '$n = () = /\Q$ENV{FROM}\E/g;
		die "found $n times\n" if $n != 1;
		s/\Q$ENV{FROM}\E/$ENV{TO}/' "$W/$file" 2>"$W/perl.err" || {
		echo "mutant $n ($file): $(cat "$W/perl.err")"
		exit 1
	}
	verdict=survived
	# What another build cached (baselines, bitcode) must not answer
	# for this one.
	rm -rf "$W/build/test-cache"
	if ! make -s -C "$W" all build/units/search-keep >"$W/build.log" 2>&1; then
		verdict="caught (does not build)"
	else
		for t in $tests; do
			if ! (cd "$W" && CG_BIN="$W/build/bin" prove -e sh \
			    "tests/$t.sh" >"$W/prove.log" 2>&1); then
				verdict="caught by $t"
				break
			fi
		done
	fi
	case $verdict in
	caught*) caught=$((caught + 1)) ;;
	*) printf '%s: %s -> %s\n' "$file" "$from" "$to" >>"$W/survivors" ;;
	esac
	echo "mutant $n ($file): $verdict"
	cp "$W/saved" "$W/$file"
done <"$W/list"
make -s -C "$W" all >/dev/null 2>&1
echo "score: $caught of $n mutants caught"
if [ -s "$W/survivors" ]; then
	echo "survivors:"
	cat "$W/survivors"
fi
