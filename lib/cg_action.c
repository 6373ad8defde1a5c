/*
 * The action space: CompilerGym's 124 pass flags in its order (sorted by the
 * LLVM 10 legacy pass factory name), each with the LLVM 19 new-pass-manager
 * pipeline that stands for it.  Removed passes map to their successors
 * (-constprop to instsimplify, -die to dce, -ipconstprop to ipsccp,
 * -loop-unswitch to non-trivial simple-loop-unswitch, -prune-eh to
 * function-attrs then simplifycfg) or, for -barrier and -loop-reroll, to
 * no-op-module, so that every index keeps its meaning.
 */
#include <stdlib.h>
#include <string.h>

#include "cg_action.h"
#include "cg_error.h"

static const struct cg_action actions[CG_NACTIONS] = {
	{ "-add-discriminators", "add-discriminators" },	/* 0 */
	{ "-adce", "adce" },	/* 1 */
	{ "-aggressive-instcombine", "aggressive-instcombine" },	/* 2 */
	{ "-alignment-from-assumptions", "alignment-from-assumptions" },	/* 3 */
	{ "-always-inline", "always-inline" },	/* 4 */
	{ "-argpromotion", "cgscc(argpromotion)" },	/* 5 */
	{ "-attributor", "attributor" },	/* 6 */
	{ "-barrier", "no-op-module" },	/* 7 */
	{ "-bdce", "bdce" },	/* 8 */
	{ "-break-crit-edges", "break-crit-edges" },	/* 9 */
	{ "-simplifycfg", "simplifycfg" },	/* 10 */
	{ "-callsite-splitting", "callsite-splitting" },	/* 11 */
	{ "-called-value-propagation", "called-value-propagation" },	/* 12 */
	{ "-canonicalize-aliases", "canonicalize-aliases" },	/* 13 */
	{ "-consthoist", "consthoist" },	/* 14 */
	{ "-constmerge", "constmerge" },	/* 15 */
	{ "-constprop", "instsimplify" },	/* 16 */
	{ "-coro-cleanup", "coro-cleanup" },	/* 17 */
	{ "-coro-early", "coro-early" },	/* 18 */
	{ "-coro-elide", "coro-elide" },	/* 19 */
	{ "-coro-split", "cgscc(coro-split)" },	/* 20 */
	{ "-correlated-propagation", "correlated-propagation" },	/* 21 */
	{ "-cross-dso-cfi", "cross-dso-cfi" },	/* 22 */
	{ "-deadargelim", "deadargelim" },	/* 23 */
	{ "-dce", "dce" },	/* 24 */
	{ "-die", "dce" },	/* 25 */
	{ "-dse", "dse" },	/* 26 */
	{ "-reg2mem", "reg2mem" },	/* 27 */
	{ "-div-rem-pairs", "div-rem-pairs" },	/* 28 */
	{ "-early-cse-memssa", "early-cse<memssa>" },	/* 29 */
	{ "-early-cse", "early-cse" },	/* 30 */
	{ "-elim-avail-extern", "elim-avail-extern" },	/* 31 */
	{ "-ee-instrument", "ee-instrument" },	/* 32 */
	{ "-flattencfg", "flatten-cfg" },	/* 33 */
	{ "-float2int", "float2int" },	/* 34 */
	{ "-forceattrs", "forceattrs" },	/* 35 */
	{ "-inline", "cgscc(inline)" },	/* 36 */
	{ "-insert-gcov-profiling", "insert-gcov-profiling" },	/* 37 */
	{ "-gvn-hoist", "gvn-hoist" },	/* 38 */
	{ "-gvn", "gvn" },	/* 39 */
	{ "-globaldce", "globaldce" },	/* 40 */
	{ "-globalopt", "globalopt" },	/* 41 */
	{ "-globalsplit", "globalsplit" },	/* 42 */
	{ "-guard-widening", "guard-widening" },	/* 43 */
	{ "-hotcoldsplit", "hotcoldsplit" },	/* 44 */
	{ "-ipconstprop", "ipsccp" },	/* 45 */
	{ "-ipsccp", "ipsccp" },	/* 46 */
	{ "-indvars", "loop(indvars)" },	/* 47 */
	{ "-irce", "irce" },	/* 48 */
	{ "-infer-address-spaces", "infer-address-spaces" },	/* 49 */
	{ "-inferattrs", "inferattrs" },	/* 50 */
	{ "-inject-tli-mappings", "inject-tli-mappings" },	/* 51 */
	{ "-instsimplify", "instsimplify" },	/* 52 */
	{ "-instcombine", "instcombine<max-iterations=1000;no-verify-fixpoint>" },	/* 53 */
	{ "-instnamer", "instnamer" },	/* 54 */
	{ "-jump-threading", "jump-threading" },	/* 55 */
	{ "-lcssa", "lcssa" },	/* 56 */
	{ "-licm", "loop-mssa(licm)" },	/* 57 */
	{ "-libcalls-shrinkwrap", "libcalls-shrinkwrap" },	/* 58 */
	{ "-load-store-vectorizer", "load-store-vectorizer" },	/* 59 */
	{ "-loop-data-prefetch", "loop-data-prefetch" },	/* 60 */
	{ "-loop-deletion", "loop(loop-deletion)" },	/* 61 */
	{ "-loop-distribute", "loop-distribute" },	/* 62 */
	{ "-loop-fusion", "loop-fusion" },	/* 63 */
	{ "-loop-guard-widening", "loop(guard-widening)" },	/* 64 */
	{ "-loop-idiom", "loop(loop-idiom)" },	/* 65 */
	{ "-loop-instsimplify", "loop(loop-instsimplify)" },	/* 66 */
	{ "-loop-interchange", "loop(loop-interchange)" },	/* 67 */
	{ "-loop-load-elim", "loop-load-elim" },	/* 68 */
	{ "-loop-predication", "loop(loop-predication)" },	/* 69 */
	{ "-loop-reroll", "no-op-module" },	/* 70 */
	{ "-loop-rotate", "loop(loop-rotate)" },	/* 71 */
	{ "-loop-simplifycfg", "loop(loop-simplifycfg)" },	/* 72 */
	{ "-loop-simplify", "loop-simplify" },	/* 73 */
	{ "-loop-sink", "loop-sink" },	/* 74 */
	{ "-loop-reduce", "loop(loop-reduce)" },	/* 75 */
	{ "-loop-unroll-and-jam", "loop(loop-unroll-and-jam)" },	/* 76 */
	{ "-loop-unroll", "loop-unroll" },	/* 77 */
	{ "-loop-unswitch", "loop-mssa(simple-loop-unswitch<nontrivial>)" },	/* 78 */
	{ "-loop-vectorize", "loop-vectorize" },	/* 79 */
	{ "-loop-versioning-licm", "loop(loop-versioning-licm)" },	/* 80 */
	{ "-loop-versioning", "loop-versioning" },	/* 81 */
	{ "-loweratomic", "lower-atomic" },	/* 82 */
	{ "-lower-constant-intrinsics", "lower-constant-intrinsics" },	/* 83 */
	{ "-lower-expect", "lower-expect" },	/* 84 */
	{ "-lower-guard-intrinsic", "lower-guard-intrinsic" },	/* 85 */
	{ "-lowerinvoke", "lower-invoke" },	/* 86 */
	{ "-lower-matrix-intrinsics", "lower-matrix-intrinsics" },	/* 87 */
	{ "-lowerswitch", "lower-switch" },	/* 88 */
	{ "-lower-widenable-condition", "lower-widenable-condition" },	/* 89 */
	{ "-memcpyopt", "memcpyopt" },	/* 90 */
	{ "-mergefunc", "mergefunc" },	/* 91 */
	{ "-mergeicmps", "mergeicmps" },	/* 92 */
	{ "-mldst-motion", "mldst-motion" },	/* 93 */
	{ "-sancov", "sancov-module" },	/* 94 */
	{ "-name-anon-globals", "name-anon-globals" },	/* 95 */
	{ "-nary-reassociate", "nary-reassociate" },	/* 96 */
	{ "-newgvn", "newgvn" },	/* 97 */
	{ "-pgo-memop-opt", "pgo-memop-opt" },	/* 98 */
	{ "-partial-inliner", "partial-inliner" },	/* 99 */
	{ "-partially-inline-libcalls", "partially-inline-libcalls" },	/* 100 */
	{ "-post-inline-ee-instrument", "ee-instrument<post-inline>" },	/* 101 */
	{ "-functionattrs", "cgscc(function-attrs)" },	/* 102 */
	{ "-mem2reg", "mem2reg" },	/* 103 */
	{ "-prune-eh", "cgscc(function-attrs),function(simplifycfg)" },	/* 104 */
	{ "-reassociate", "reassociate" },	/* 105 */
	{ "-redundant-dbg-inst-elim", "redundant-dbg-inst-elim" },	/* 106 */
	{ "-rpo-functionattrs", "rpo-function-attrs" },	/* 107 */
	{ "-rewrite-statepoints-for-gc", "rewrite-statepoints-for-gc" },	/* 108 */
	{ "-sccp", "sccp" },	/* 109 */
	{ "-slp-vectorizer", "slp-vectorizer" },	/* 110 */
	{ "-sroa", "sroa<preserve-cfg>" },	/* 111 */
	{ "-scalarizer", "scalarizer" },	/* 112 */
	{ "-separate-const-offset-from-gep", "separate-const-offset-from-gep" },	/* 113 */
	{ "-simple-loop-unswitch", "loop-mssa(simple-loop-unswitch)" },	/* 114 */
	{ "-sink", "sink" },	/* 115 */
	{ "-speculative-execution", "speculative-execution" },	/* 116 */
	{ "-slsr", "slsr" },	/* 117 */
	{ "-strip-dead-prototypes", "strip-dead-prototypes" },	/* 118 */
	{ "-strip-debug-declare", "strip-debug-declare" },	/* 119 */
	{ "-strip-nondebug", "strip-nondebug" },	/* 120 */
	{ "-strip", "strip" },	/* 121 */
	{ "-tailcallelim", "tailcallelim" },	/* 122 */
	{ "-mergereturn", "mergereturn" },	/* 123 */
};

const struct cg_action *
cg_action_get(int index)
{
	if (index < 0 || index >= CG_NACTIONS)
		return NULL;
	return &actions[index];
}

int
cg_action_lookup(const char *name)
{
	int i;

	for (i = 0; i < CG_NACTIONS; i++) {
		const char *f = actions[i].flag;
		if (strcmp(f, name) == 0 || strcmp(f + 1, name) == 0)
			return i;
	}
	return cg_error(CG_EXIT_USAGE, "unknown action '%s'", name);
}

int
cg_action_parse(const char *s)
{
	char *end;
	long v;

	if (*s >= '0' && *s <= '9') {
		v = strtol(s, &end, 10);
		if (*end == '\0' && v >= 0 && v < CG_NACTIONS)
			return (int)v;
		return cg_error(CG_EXIT_USAGE,
		    "action index '%s' is not in 0..%d", s, CG_NACTIONS - 1);
	}
	return cg_action_lookup(s);
}
