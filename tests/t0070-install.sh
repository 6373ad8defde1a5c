#!/bin/sh
# make install under a temporary prefix gives tools that work from another
# directory without the source tree; make uninstall leaves nothing behind.
. "$(dirname "$0")/lib.sh"

test_expect_success 'install under a DESTDIR and PREFIX' '
	make -s -C "$TOP" SANITIZE="${CG_SANITIZE-}" install DESTDIR="$T/dest" PREFIX=/opt/cg >log 2>&1 &&
	test -x dest/opt/cg/bin/cg-step &&
	test -f dest/opt/cg/share/cg/datasets/cgbench-v0/qsort/run.json &&
	dest/opt/cg/bin/cg-plot -h >usage &&
	expect_grep "cg-plot bars" usage &&
	test -f dest/opt/cg/share/man/man1/cg-plot.1 &&
	test -L dest/opt/cg/share/bash-completion/completions/cg-plot
'

test_expect_success 'installed tools find their datasets from anywhere' '
	mkdir elsewhere && cd elsewhere &&
	cp -R "$T/dest/opt/cg" "$T/moved" &&
	"$T/moved/bin/cg-reset" -r IrInstructionCountOz >s0 &&
	"$T/moved/bin/cg-step" -a -mem2reg <s0 >s1 &&
	expect_equal "$(field s1 .benchmark)" benchmark://cgbench-v0/qsort
'

test_expect_success 'uninstall removes every installed file' '
	make -s -C "$TOP" SANITIZE="${CG_SANITIZE-}" uninstall DESTDIR="$T/dest" PREFIX=/opt/cg >log 2>&1 &&
	expect_equal "$(find dest -type f -o -type l)" ""
'

test_done
