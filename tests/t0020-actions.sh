#!/bin/sh
# Every action runs on two fixtures without taking the tool down, and
# replays are byte-identical however the actions are grouped.
. "$(dirname "$0")/lib.sh"

test_expect_success 'set up two fixtures' '
	cg-reset -b benchmark://cgbench-v0/qsort >q0 &&
	cg-reset -b "$FIXTURES/loops.c" >l0
'

for fx in q0 l0; do
	test_expect_success "all 124 actions on $fx, one process each" "
		i=0 &&
		while [ \$i -lt 124 ]; do
			cg-step -i \$i <$fx >out.\$i 2>err.\$i ||
				{ echo action \$i: exit \$?; cat err.\$i; exit 1; }
			expect_equal \"\$(field out.\$i .done)\" false || exit 1
			i=\$((i + 1))
		done
	"
done

test_expect_success 'the action list records flags; -i and -a agree' '
	cg-step -i 103 -i 39 <q0 >a &&
	cg-step -a -mem2reg -a gvn <q0 >b &&
	expect_equal "$(field a ".actions | join(\" \")")" "-mem2reg -gvn" &&
	expect_equal "$(field a .bitcode)" "$(field b .bitcode)"
'

seq="-sroa -early-cse-memssa -loop-rotate -licm -instcombine -gvn -simplifycfg -loop-unroll -reg2mem -mem2reg -jump-threading -newgvn -dse -adce -inline -globalopt -deadargelim -loop-unswitch -prune-eh -tailcallelim"

test_expect_success 'a chain of one-action processes equals one process' '
	cp l0 chain &&
	for a in $seq; do
		cg-step -a $a <chain >next && mv next chain || exit 1
	done &&
	args= &&
	for a in $seq; do args="$args -a $a"; done &&
	cg-step $args <l0 >one &&
	expect_equal "$(field chain .bitcode)" "$(field one .bitcode)" &&
	expect_equal "$(field chain .actions)" "$(field one .actions)" &&
	expect_equal "$(jq -c "del(.walltime)" chain)" \
		"$(jq -c "del(.walltime)" one)"
'

test_expect_success 'the same actions give the same bytes twice' '
	cg-step -a -sroa -a -gvn -a -loop-unroll <l0 >x1 &&
	cg-step -a -sroa -a -gvn -a -loop-unroll <l0 >x2 &&
	expect_equal "$(field x1 .bitcode)" "$(field x2 .bitcode)"
'

test_expect_success 'a step agrees with opt-19 running the same pipeline' '
	bitcode_of l0 in.bc &&
	cg-step -a -sroa -a -instcombine <l0 >s &&
	opt-19 --discard-value-names -passes="function(sroa<preserve-cfg>)" \
		in.bc -o mid.bc &&
	opt-19 --discard-value-names \
		-passes="function(instcombine<max-iterations=1000;no-verify-fixpoint>)" \
		mid.bc -o want.bc &&
	bitcode_of s got.bc &&
	llvm-dis-19 want.bc -o - | grep -v "^; ModuleID" >want.ll &&
	llvm-dis-19 got.bc -o - | grep -v "^; ModuleID" >got.ll &&
	diff want.ll got.ll
'

# @f by hand: 13 instructions.  mem2reg promotes %q (its alloca, store and
# load go: 10) but not %p, reached through GEPs; sroa would split %p and
# promote both (3).
cat >agg.ll <<'EOF'
define i32 @f(i32 %x) {
  %p = alloca { i32, i32 }
  %q = alloca i32
  %a = getelementptr inbounds { i32, i32 }, ptr %p, i32 0, i32 0
  %b = getelementptr inbounds { i32, i32 }, ptr %p, i32 0, i32 1
  store i32 %x, ptr %a
  %y = add i32 %x, 1
  store i32 %y, ptr %b
  %u = load i32, ptr %a
  %v = load i32, ptr %b
  %s = add i32 %u, %v
  store i32 %s, ptr %q
  %r = load i32, ptr %q
  ret i32 %r
}
EOF

test_expect_success '-mem2reg is mem2reg: scalars promoted, an aggregate left to -sroa' '
	cg-reset -b agg.ll >g0 &&
	cg-step -a -mem2reg <g0 >m &&
	cg-step -a -sroa <g0 >s &&
	expect_equal "$(field g0 .costs.IrInstructionCount)" 13 &&
	expect_equal "$(field m .costs.IrInstructionCount)" 10 &&
	expect_equal "$(field s .costs.IrInstructionCount)" 3 &&
	bitcode_of g0 in.bc &&
	opt-19 -passes=mem2reg in.bc -o want.bc &&
	bitcode_of m got.bc &&
	expect_equal "$(ir_count got.bc)" 10 &&
	llvm-dis-19 want.bc -o - | grep -v "^; ModuleID" >want.ll &&
	llvm-dis-19 got.bc -o - | grep -v "^; ModuleID" >got.ll &&
	diff want.ll got.ll
'

# -attributor names the values it creates in an order that depends on
# memory addresses: with names, each opt-19 run of it on this module gives
# other bytes.
test_expect_success 'a pass that names values in address order gives the same bytes each run' '
	cg-reset -b benchmark://cgbench-v0/matmul >r0 &&
	cg-step -a -sroa -a -instcombine <r0 >m0 &&
	for i in 1 2 3 4 5; do
		cg-step -a -attributor <m0 >a.$i &&
		field a.$i .bitcode >>all || exit 1
	done &&
	sort -u all >runs &&
	expect_equal "$(wc -l <runs)" 1 &&
	bitcode_of m0 in.bc &&
	opt-19 --discard-value-names --preserve-bc-uselistorder=false \
		-passes=attributor - -o - <in.bc | base64 -w0 >want &&
	expect_equal "$(cat runs)" "$(cat want)"
'

test_done
