/*
 * The action spaces.
 *
 * PassesAll is CompilerGym's: its 124 pass flags in its order (sorted by
 * the LLVM 10 legacy pass factory name), each with the LLVM 19
 * new-pass-manager pipeline that stands for it.  Removed passes map to
 * their successors (-constprop to instsimplify, -die to dce, -ipconstprop
 * to ipsccp, -loop-unswitch to non-trivial simple-loop-unswitch, -prune-eh
 * to function-attrs then simplifycfg) or, for -barrier and -loop-reroll, to
 * no-op-module, so that every index keeps its meaning.
 *
 * PassesLlvm19 is what LLVM 19's pass manager can do that those cannot:
 * its actions are pipeline texts, named as they are run.  The whole -Oz,
 * -Os and -O3 pipelines and their stages; the inliners the pipeline text
 * names (scc-oz-module-inliner is -Oz's, with its size-tuned threshold),
 * and -Oz's inliner at other thresholds;
 * every simplifycfg, instcombine, sroa, licm and loop-rotate option set
 * that -Oz and -O3 use at one of their call sites; loop unrolling with its
 * size options; the function and loop passes of those pipelines; and the
 * other transformations of PassesAll, so that a search of this space can
 * do all that one of PassesAll can.
 * Passes that only instrument, print or verify are left out, and so is
 * gvn-sink: its result depends on where the heap put the module (the same
 * module gives other bytes after other actions ran in the process), which
 * would break replay.
 *
 * Pipeline text cannot give the inliner a threshold, and -inline-threshold
 * is a process-wide option that would change every later inliner of a
 * search worker.  So scc-oz-module-inliner<threshold=N>, a name of cg's
 * own, runs scc-oz-module-inliner with the pass builder's inliner
 * threshold set to N for that run only; opt-19 does the same with
 * -inline-threshold=N -inlinecold-threshold=45 (see cg_validate.c).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cg_action.h"
#include "cg_error.h"

static const struct cg_action passes_all[CG_NPASSESALL] = {
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

/* The pipeline text of each action is its name. */
static const struct cg_action passes_llvm19[] = {
	{ "default<Oz>", NULL },	/* 0 */
	{ "default<Os>", NULL },	/* 1 */
	{ "default<O3>", NULL },	/* 2 */
	{ "default<O2>", NULL },	/* 3 */
	{ "default<O1>", NULL },	/* 4 */
	{ "function-simplification<Oz>", NULL },	/* 5 */
	{ "function-simplification<O3>", NULL },	/* 6 */
	{ "scc-oz-module-inliner", NULL },	/* 7 */
	{ "scc-oz-module-inliner<threshold=0>", "scc-oz-module-inliner" },
	{ "scc-oz-module-inliner<threshold=25>", "scc-oz-module-inliner" },
	{ "scc-oz-module-inliner<threshold=50>", "scc-oz-module-inliner" },
	{ "scc-oz-module-inliner<threshold=100>", "scc-oz-module-inliner" },
	{ "scc-oz-module-inliner<threshold=225>", "scc-oz-module-inliner" },
	{ "inline", NULL },	/* 13 */
	{ "module-inline", NULL },	/* 14 */
	{ "inliner-wrapper", NULL },	/* 15 */
	{ "partial-inliner", NULL },	/* 16 */
	{ "always-inline", NULL },	/* 17 */
	{ "argpromotion", NULL },	/* 18 */
	{ "function-attrs", NULL },	/* 19 */
	{ "function-attrs<skip-non-recursive-function-attrs>", NULL },	/* 20 */
	{ "rpo-function-attrs", NULL },	/* 21 */
	{ "deadargelim", NULL },	/* 22 */
	{ "globalopt", NULL },	/* 23 */
	{ "globaldce", NULL },	/* 24 */
	{ "constmerge", NULL },	/* 25 */
	{ "ipsccp", NULL },	/* 26 */
	{ "called-value-propagation", NULL },	/* 27 */
	{ "elim-avail-extern", NULL },	/* 28 */
	{ "mergefunc", NULL },	/* 29 */
	{ "strip-dead-prototypes", NULL },	/* 30 */
	{ "forceattrs", NULL },	/* 31 */
	{ "inferattrs", NULL },	/* 32 */
	{ "lower-expect", NULL },	/* 33 */
	{ "simplifycfg", NULL },	/* 34 */
	{ "simplifycfg<bonus-inst-threshold=1;no-forward-switch-cond;"
	    "no-switch-range-to-icmp;no-switch-to-lookup;keep-loops;"
	    "no-hoist-common-insts;no-sink-common-insts;"
	    "speculate-blocks;simplify-cond-branch;"
	    "no-speculate-unpredictables>", NULL },	/* 30 */
	{ "simplifycfg<bonus-inst-threshold=1;no-forward-switch-cond;"
	    "switch-range-to-icmp;no-switch-to-lookup;keep-loops;"
	    "no-hoist-common-insts;no-sink-common-insts;"
	    "speculate-blocks;simplify-cond-branch;"
	    "no-speculate-unpredictables>", NULL },	/* 31 */
	{ "simplifycfg<bonus-inst-threshold=1;no-forward-switch-cond;"
	    "switch-range-to-icmp;no-switch-to-lookup;keep-loops;"
	    "hoist-common-insts;sink-common-insts;speculate-blocks;"
	    "simplify-cond-branch;no-speculate-unpredictables>", NULL },	/* 32 */
	{ "simplifycfg<bonus-inst-threshold=1;forward-switch-cond;"
	    "switch-range-to-icmp;switch-to-lookup;no-keep-loops;"
	    "hoist-common-insts;sink-common-insts;speculate-blocks;"
	    "simplify-cond-branch;no-speculate-unpredictables>", NULL },	/* 33 */
	{ "simplifycfg<bonus-inst-threshold=1;no-forward-switch-cond;"
	    "switch-range-to-icmp;no-switch-to-lookup;keep-loops;"
	    "no-hoist-common-insts;no-sink-common-insts;"
	    "speculate-blocks;simplify-cond-branch;"
	    "speculate-unpredictables>", NULL },	/* 34 */
	{ "simplifycfg<sink-common-insts>", NULL },	/* 40 */
	{ "simplifycfg<hoist-common-insts>", NULL },	/* 41 */
	{ "instcombine<max-iterations=1;no-use-loop-info;"
	    "no-verify-fixpoint>", NULL },	/* 37 */
	{ "instcombine<max-iterations=1000;no-verify-fixpoint>", NULL },	/* 43 */
	{ "aggressive-instcombine", NULL },	/* 44 */
	{ "instsimplify", NULL },	/* 45 */
	{ "sroa<modify-cfg>", NULL },	/* 46 */
	{ "sroa<preserve-cfg>", NULL },	/* 47 */
	{ "mem2reg", NULL },	/* 48 */
	{ "early-cse", NULL },	/* 49 */
	{ "early-cse<memssa>", NULL },	/* 50 */
	{ "gvn", NULL },	/* 51 */
	{ "gvn<no-pre>", NULL },	/* 52 */
	{ "newgvn", NULL },	/* 53 */
	{ "gvn-hoist", NULL },	/* 54 */
	{ "sccp", NULL },	/* 55 */
	{ "bdce", NULL },	/* 56 */
	{ "adce", NULL },	/* 57 */
	{ "dce", NULL },	/* 58 */
	{ "dse", NULL },	/* 59 */
	{ "memcpyopt", NULL },	/* 60 */
	{ "jump-threading", NULL },	/* 61 */
	{ "correlated-propagation", NULL },	/* 62 */
	{ "reassociate", NULL },	/* 63 */
	{ "tailcallelim", NULL },	/* 64 */
	{ "constraint-elimination", NULL },	/* 65 */
	{ "speculative-execution", NULL },	/* 66 */
	{ "mldst-motion<no-split-footer-bb>", NULL },	/* 67 */
	{ "float2int", NULL },	/* 68 */
	{ "lower-constant-intrinsics", NULL },	/* 69 */
	{ "div-rem-pairs", NULL },	/* 70 */
	{ "vector-combine", NULL },	/* 71 */
	{ "alignment-from-assumptions", NULL },	/* 72 */
	{ "infer-alignment", NULL },	/* 73 */
	{ "callsite-splitting", NULL },	/* 74 */
	{ "break-crit-edges", NULL },	/* 75 */
	{ "sink", NULL },	/* 76 */
	{ "loop-sink", NULL },	/* 77 */
	{ "consthoist", NULL },	/* 78 */
	{ "nary-reassociate", NULL },	/* 79 */
	{ "move-auto-init", NULL },	/* 80 */
	{ "loop-mssa(licm<allowspeculation>)", NULL },	/* 81 */
	{ "loop-mssa(licm<no-allowspeculation>)", NULL },	/* 82 */
	{ "loop(loop-rotate<header-duplication;no-prepare-for-lto>)", NULL },	/* 83 */
	{ "loop(loop-rotate<no-header-duplication;"
	    "no-prepare-for-lto>)", NULL },	/* 80 */
	{ "loop-mssa(loop-instsimplify)", NULL },	/* 85 */
	{ "loop-mssa(loop-simplifycfg)", NULL },	/* 86 */
	{ "loop(loop-idiom)", NULL },	/* 87 */
	{ "loop(indvars)", NULL },	/* 88 */
	{ "loop(loop-deletion)", NULL },	/* 89 */
	{ "loop(loop-unroll-full)", NULL },	/* 90 */
	{ "loop-mssa(simple-loop-unswitch<no-nontrivial;trivial>)", NULL },	/* 91 */
	{ "loop-mssa(simple-loop-unswitch<nontrivial;trivial>)", NULL },	/* 92 */
	{ ""
	    "loop-mssa(loop-instsimplify,loop-simplifycfg,licm<no-allowspeculation>,loop-rotate<no-header-duplication;"
	    "no-prepare-for-lto>,licm<allowspeculation>,simple-loop-unswitch<no-nontrivial;"
	    "trivial>)", NULL },	/* 89 */
	{ ""
	    "loop(loop-idiom,indvars,simple-loop-unswitch<no-nontrivial;"
	    "trivial>,loop-deletion,loop-unroll-full)", NULL },	/* 90 */
	{ "loop-unroll<O2>", NULL },	/* 95 */
	{ "loop-unroll<O3>", NULL },	/* 96 */
	{ "loop-unroll<O2;no-partial;no-runtime;no-upperbound;"
	    "no-peeling>", NULL },	/* 93 */
	{ "loop-unroll<O2;full-unroll-max=16>", NULL },	/* 98 */
	{ "loop-distribute", NULL },	/* 99 */
	{ "loop-load-elim", NULL },	/* 100 */
	{ "loop-vectorize<no-interleave-forced-only;"
	    "vectorize-forced-only>", NULL },	/* 97 */
	{ "loop-vectorize", NULL },	/* 102 */
	{ "slp-vectorizer", NULL },	/* 103 */
	{ "loop-simplify", NULL },	/* 104 */
	{ "lcssa", NULL },	/* 105 */
	/* The other transformations of PassesAll, so that a search of this
	 * space can do all that one of PassesAll can. */
	{ "attributor", NULL },	/* 106 */
	{ "canonicalize-aliases", NULL },	/* 107 */
	{ "flatten-cfg", NULL },	/* 108 */
	{ "globalsplit", NULL },	/* 109 */
	{ "hotcoldsplit", NULL },	/* 110 */
	{ "irce", NULL },	/* 111 */
	{ "libcalls-shrinkwrap", NULL },	/* 112 */
	{ "load-store-vectorizer", NULL },	/* 113 */
	{ "loop(loop-interchange)", NULL },	/* 114 */
	{ "loop(loop-reduce)", NULL },	/* 115 */
	{ "loop(loop-unroll-and-jam)", NULL },	/* 116 */
	{ "loop(loop-versioning-licm)", NULL },	/* 117 */
	{ "loop-fusion", NULL },	/* 118 */
	{ "loop-versioning", NULL },	/* 119 */
	{ "lower-switch", NULL },	/* 120 */
	{ "mergeicmps", NULL },	/* 121 */
	{ "mergereturn", NULL },	/* 122 */
	{ "partially-inline-libcalls", NULL },	/* 123 */
	{ "reg2mem", NULL },	/* 124 */
	{ "scalarizer", NULL },	/* 125 */
	{ "separate-const-offset-from-gep", NULL },	/* 126 */
	{ "slsr", NULL },	/* 127 */
};

static const struct cg_space spaces[] = {
	{ "PassesAll", "CompilerGym's 124 LLVM pass flags", passes_all,
	    CG_NPASSESALL },
	{ "PassesLlvm19", "LLVM 19 pipelines, stages, inliners and pass "
	    "options", passes_llvm19,
	    (int)(sizeof(passes_llvm19) / sizeof(passes_llvm19[0])) },
};

#define NSPACES (int)(sizeof(spaces) / sizeof(spaces[0]))

const struct cg_space *
cg_space_get(int i)
{
	return i >= 0 && i < NSPACES ? &spaces[i] : NULL;
}

const struct cg_space *
cg_space_default(void)
{
	return &spaces[0];
}

const struct cg_space *
cg_space_lookup(const char *name)
{
	int i;

	for (i = 0; i < NSPACES; i++)
		if (strcmp(spaces[i].name, name) == 0)
			return &spaces[i];
	cg_error(CG_EXIT_USAGE, "unknown action space '%s'", name);
	return NULL;
}

const struct cg_action *
cg_space_action(const struct cg_space *sp, int index)
{
	if (index < 0 || index >= sp->n)
		return NULL;
	return &sp->actions[index];
}

const char *
cg_action_pipeline(const struct cg_action *a)
{
	return a->pipeline ? a->pipeline : a->flag;
}

int
cg_action_heavy(const struct cg_action *a)
{
	static const char *const heavy[] = {
		"default<", "function-simplification<", "scc-oz-module-inliner"
	};
	size_t i;

	for (i = 0; i < sizeof(heavy) / sizeof(heavy[0]); i++)
		if (strncmp(a->flag, heavy[i], strlen(heavy[i])) == 0)
			return 1;
	return 0;
}

int
cg_action_threshold(const struct cg_action *a, int *t)
{
	const char *p = strstr(a->flag, "<threshold=");

	if (p == NULL || a->pipeline == NULL)
		return 0;
	*t = atoi(p + strlen("<threshold="));
	return 1;
}

/* Index of name in sp, or -1. */
static int
find(const struct cg_space *sp, const char *name)
{
	int i;

	for (i = 0; i < sp->n; i++) {
		const char *f = sp->actions[i].flag;
		if (strcmp(f, name) == 0 || (f[0] == '-' &&
		    strcmp(f + 1, name) == 0))
			return i;
	}
	return -1;
}

int
cg_space_find(const struct cg_space *sp, const char *name)
{
	int i, k;

	if ((k = find(sp, name)) >= 0)
		return k;
	for (i = 0; i < NSPACES; i++)
		if (&spaces[i] != sp && find(&spaces[i], name) >= 0)
			return cg_error(CG_EXIT_USAGE, "action '%s' is in action "
			    "space %s, not in %s", name, spaces[i].name,
			    sp->name);
	return cg_error(CG_EXIT_USAGE, "unknown action '%s'", name);
}

int
cg_space_parse(const struct cg_space *sp, const char *s)
{
	char *end;
	long v;

	if (*s >= '0' && *s <= '9') {
		v = strtol(s, &end, 10);
		if (*end == '\0' && v >= 0 && v < sp->n)
			return (int)v;
		return cg_error(CG_EXIT_USAGE, "action index '%s' is not in "
		    "0..%d", s, sp->n - 1);
	}
	return cg_space_find(sp, s);
}

size_t
cg_action_next(const char **p, const char **elem)
{
	const char *s = *p;
	int depth = 0;

	while (*s == ',' || isspace((unsigned char)*s))
		s++;
	*elem = s;
	for (; *s; s++) {
		if (*s == '<' || *s == '(')
			depth++;
		else if ((*s == '>' || *s == ')') && depth > 0)
			depth--;
		else if ((*s == ',' && depth == 0) || isspace((unsigned char)*s))
			break;
	}
	*p = s;
	return (size_t)(s - *elem);
}

int
cg_space_parse_list(const struct cg_space *sp, const char *list, int *idx)
{
	const char *p = list, *e;
	char *name;
	size_t len;
	int n = 0, k, i;

	while ((len = cg_action_next(&p, &e)) > 0) {
		name = cg_asprintf("%.*s", (int)len, e);
		k = cg_space_parse(sp, name);
		free(name);
		if (k < 0)
			return -1;
		for (i = 0; i < n && idx[i] != k; i++)
			;
		if (i == n)
			idx[n++] = k;
	}
	if (n == 0)
		return cg_error(CG_EXIT_USAGE, "no actions in the list");
	return n;
}
