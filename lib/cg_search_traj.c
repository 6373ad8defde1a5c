/* Sequences with snapshots, and the seed the local searches start from. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cg_error.h"
#include "cg_module.h"
#include "cg_search_eng.h"

void
cg_traj_cut(struct traj *t, int from)
{
	int i;

	for (i = from > 0 ? from : 1; i <= MAXLEN; i++)
		if (t->snap[i]) {
			LLVMDisposeModule(t->snap[i]);
			t->snap[i] = NULL;
		}
}

/* The last snapshot at or before k. */
int
cg_traj_base(const struct traj *t, int k)
{
	while (k > 0 && t->snap[k] == NULL)
		k--;
	return k;
}

/*
 * Makes t hold seq[0..n) (which agrees with t's sequence before from),
 * replaying from the last snapshot before from and keeping snapshots.
 * Returns the cost; INFINITY if an action failed.
 */
double
cg_traj_set(struct eng *e, struct traj *t, const int *seq, int n, int from)
{
	int b = cg_traj_base(t, from), i;
	LLVMModuleRef m;

	cg_traj_cut(t, b + 1);
	memcpy(t->seq, seq, (size_t)n * sizeof(int));
	t->n = n;
	m = LLVMCloneModule(t->snap[b]);
	cg_eng_begin(e, seq, n);
	for (i = b; i < n; i++) {
		if (cg_eng_act(e, m, seq, i) < 0) {
			LLVMDisposeModule(m);
			t->n = i;
			return t->cost = INFINITY;
		}
		if ((i + 1) % t->stride == 0 || i + 1 == n) {
			t->snap[i + 1] = m;
			if (i + 1 < n)
				m = LLVMCloneModule(m);
		}
	}
	if (b == n)
		LLVMDisposeModule(m);
	return t->cost = cg_eng_cost(e, t->snap[n]);
}

/* The cost of seq[0..n), which agrees with t before from (new module). */
LLVMModuleRef
cg_traj_try(struct eng *e, const struct traj *t, const int *seq, int n,
    int from, double *c)
{
	int b = cg_traj_base(t, from);
	LLVMModuleRef m = LLVMCloneModule(t->snap[b]);

	*c = cg_eng_replay(e, m, seq, b, n);
	return m;
}

int
cg_traj_stride(struct eng *e)
{
	/* About 2 million instructions of snapshots at most. */
	long n = cg_module_instcount(e->start);
	long s = n * MAXLEN / 2000000 + 1;

	return s > 16 ? 16 : (int)s;
}

/* default<Oz> written as CompilerGym actions, without -inline and
 * -loop-rotate (as whole-module actions they grow code). */
static const char *const oz_all[] = {
	"-forceattrs", "-inferattrs", "-lower-expect", "-simplifycfg", "-sroa",
	"-early-cse", "-ipsccp", "-called-value-propagation", "-globalopt",
	"-mem2reg", "-instcombine", "-simplifycfg", "-always-inline",
	"-functionattrs", "-sroa", "-early-cse-memssa",
	"-speculative-execution", "-jump-threading", "-correlated-propagation",
	"-simplifycfg", "-instcombine", "-aggressive-instcombine",
	"-tailcallelim", "-simplifycfg", "-reassociate", "-loop-instsimplify",
	"-loop-simplifycfg", "-licm", "-simple-loop-unswitch", "-simplifycfg",
	"-instcombine", "-loop-idiom", "-indvars", "-loop-deletion",
	"-loop-unroll", "-sroa", "-mldst-motion", "-gvn", "-sccp", "-bdce",
	"-instcombine", "-jump-threading", "-correlated-propagation", "-adce",
	"-memcpyopt", "-dse", "-licm", "-simplifycfg", "-instcombine",
	"-functionattrs", "-deadargelim", "-globalopt", "-globaldce",
	"-elim-avail-extern", "-rpo-functionattrs", "-float2int",
	"-lower-constant-intrinsics", "-loop-deletion", "-loop-distribute",
	"-loop-vectorize", "-loop-load-elim", "-instcombine", "-simplifycfg",
	"-instcombine", "-loop-unroll", "-sroa", "-instcombine", "-licm",
	"-alignment-from-assumptions", "-loop-sink", "-instsimplify",
	"-div-rem-pairs", "-tailcallelim", "-simplifycfg", "-globaldce",
	"-constmerge", NULL
};

/* The same after -inline first (see cg_traj_seed()). */
static const char *const inline_all[] = { "-inline", NULL };

/*
 * default<Oz> in the actions of PassesLlvm19, one pass at a time, each
 * with the options of its call site; for its CGSCC part (the inliner with
 * function simplification), the passes of the function simplification
 * alone: as in PassesAll's seed, the search starts without inlining (the
 * other seed has -Oz's inliner, and it is an action), and a pass of the
 * seed can go, or move, on its own.
 */
static const char *const oz_llvm19[] = {
	"forceattrs",
	"inferattrs",
	"lower-expect",
	"simplifycfg<bonus-inst-threshold=1;no-forward-switch-cond;"
	    "no-switch-range-to-icmp;no-switch-to-lookup;keep-loops;"
	    "no-hoist-common-insts;no-sink-common-insts;speculate-blocks;"
	    "simplify-cond-branch;no-speculate-unpredictables>",
	"sroa<modify-cfg>",
	"early-cse",
	"ipsccp",
	"called-value-propagation",
	"globalopt",
	"mem2reg",
	"instcombine<max-iterations=1;no-use-loop-info;no-verify-fixpoint>",
	"simplifycfg<bonus-inst-threshold=1;no-forward-switch-cond;"
	    "switch-range-to-icmp;no-switch-to-lookup;keep-loops;"
	    "no-hoist-common-insts;no-sink-common-insts;speculate-blocks;"
	    "simplify-cond-branch;no-speculate-unpredictables>",
	"always-inline",
	"function-attrs<skip-non-recursive-function-attrs>",
	"sroa<modify-cfg>",
	"early-cse<memssa>",
	"jump-threading",
	"correlated-propagation",
	"simplifycfg<bonus-inst-threshold=1;no-forward-switch-cond;"
	    "switch-range-to-icmp;no-switch-to-lookup;keep-loops;"
	    "no-hoist-common-insts;no-sink-common-insts;speculate-blocks;"
	    "simplify-cond-branch;no-speculate-unpredictables>",
	"instcombine<max-iterations=1;no-use-loop-info;no-verify-fixpoint>",
	"aggressive-instcombine",
	"tailcallelim",
	"simplifycfg<bonus-inst-threshold=1;no-forward-switch-cond;"
	    "switch-range-to-icmp;no-switch-to-lookup;keep-loops;"
	    "no-hoist-common-insts;no-sink-common-insts;speculate-blocks;"
	    "simplify-cond-branch;no-speculate-unpredictables>",
	"reassociate",
	"constraint-elimination",
	"loop-mssa(loop-instsimplify)",
	"loop-mssa(loop-simplifycfg)",
	"loop-mssa(licm<no-allowspeculation>)",
	"loop(loop-rotate<no-header-duplication;no-prepare-for-lto>)",
	"loop-mssa(licm<allowspeculation>)",
	"loop-mssa(simple-loop-unswitch<no-nontrivial;trivial>)",
	"simplifycfg<bonus-inst-threshold=1;no-forward-switch-cond;"
	    "switch-range-to-icmp;no-switch-to-lookup;keep-loops;"
	    "no-hoist-common-insts;no-sink-common-insts;speculate-blocks;"
	    "simplify-cond-branch;no-speculate-unpredictables>",
	"instcombine<max-iterations=1;no-use-loop-info;no-verify-fixpoint>",
	"loop(loop-idiom)",
	"loop(indvars)",
	"loop(loop-deletion)",
	"loop(loop-unroll-full)",
	"sroa<modify-cfg>",
	"vector-combine",
	"mldst-motion<no-split-footer-bb>",
	"gvn",
	"sccp",
	"bdce",
	"instcombine<max-iterations=1;no-use-loop-info;no-verify-fixpoint>",
	"jump-threading",
	"correlated-propagation",
	"adce",
	"memcpyopt",
	"dse",
	"move-auto-init",
	"loop-mssa(licm<allowspeculation>)",
	"simplifycfg<bonus-inst-threshold=1;no-forward-switch-cond;"
	    "switch-range-to-icmp;no-switch-to-lookup;keep-loops;"
	    "hoist-common-insts;sink-common-insts;speculate-blocks;"
	    "simplify-cond-branch;no-speculate-unpredictables>",
	"instcombine<max-iterations=1;no-use-loop-info;no-verify-fixpoint>",
	"function-attrs",
	"deadargelim",
	"globalopt",
	"globaldce",
	"elim-avail-extern",
	"rpo-function-attrs",
	"float2int",
	"lower-constant-intrinsics",
	"loop(loop-rotate<no-header-duplication;no-prepare-for-lto>)",
	"loop(loop-deletion)",
	"loop-distribute",
	"loop-vectorize<no-interleave-forced-only;vectorize-forced-only>",
	"infer-alignment",
	"loop-load-elim",
	"instcombine<max-iterations=1;no-use-loop-info;no-verify-fixpoint>",
	"simplifycfg<bonus-inst-threshold=1;forward-switch-cond;"
	    "switch-range-to-icmp;switch-to-lookup;no-keep-loops;"
	    "hoist-common-insts;sink-common-insts;speculate-blocks;"
	    "simplify-cond-branch;no-speculate-unpredictables>",
	"vector-combine",
	"instcombine<max-iterations=1;no-use-loop-info;no-verify-fixpoint>",
	"loop-unroll<O2>",
	"sroa<preserve-cfg>",
	"infer-alignment",
	"instcombine<max-iterations=1;no-use-loop-info;no-verify-fixpoint>",
	"loop-mssa(licm<allowspeculation>)",
	"alignment-from-assumptions",
	"loop-sink",
	"instsimplify",
	"div-rem-pairs",
	"tailcallelim",
	"simplifycfg<bonus-inst-threshold=1;no-forward-switch-cond;"
	    "switch-range-to-icmp;no-switch-to-lookup;keep-loops;"
	    "no-hoist-common-insts;no-sink-common-insts;speculate-blocks;"
	    "simplify-cond-branch;speculate-unpredictables>",
	"globaldce",
	"constmerge",
	NULL
};

/* The whole pipeline, as one action: the search starts at -Oz. */
static const char *const whole_llvm19[] = { "default<Oz>", NULL };

/* A space's two seeds, each a prefix then a list. */
static const struct {
	const char *space;
	const char *const *pre[2], *const *seed[2];
} seeds[] = {
	{ "PassesAll", { NULL, inline_all }, { oz_all, oz_all } },
	{ "PassesLlvm19", { NULL, NULL }, { oz_llvm19, whole_llvm19 } },
};

/* Appends the actions of list to e->seed[v] that e may use. */
static void
addseed(struct eng *e, int v, const char *const *list)
{
	int k;

	for (; list && *list && e->nseed[v] < e->limit; list++)
		if ((k = cg_space_find(e->space, *list)) >= 0 && e->allowed[k])
			e->seed[v][e->nseed[v]++] = k;
}

void
cg_traj_seeds(struct eng *e)
{
	size_t i;
	int v;

	for (i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++)
		if (strcmp(seeds[i].space, e->space->name) == 0)
			for (v = 0; v < 2; v++) {
				addseed(e, v, seeds[i].pre[v]);
				addseed(e, v, seeds[i].seed[v]);
			}
}

/*
 * The incumbent: the best prefix of one of the space's seeds.  For
 * PassesAll, the Oz-like seed run as it is or after -inline: -Oz's
 * size-tuned inliner has no action there; the plain inliner grows code in
 * most programs, but run first, on the bloated unoptimised module, it
 * inlines only what is small there, which on some programs opens a better
 * basin.  For PassesLlvm19, -Oz's passes one by one, or -Oz whole.  One
 * worker runs both seeds; with more, each runs one, so that the search
 * starts in both basins, at half the cost (on a large program a seed takes
 * seconds).
 */
void
cg_traj_seed(struct eng *e, struct traj *t)
{
	int seq[MAXLEN], n, best[MAXLEN], bestn = 0, v;
	double c, bestc = e->c0;
	LLVMModuleRef m;

	for (v = 0; v < 2 && !cg_eng_over(e); v++) {
		if (!(e->seeds & 1 << v))
			continue;
		m = LLVMCloneModule(e->start);
		for (n = 0; n < e->nseed[v] && !cg_eng_over(e); n++) {
			seq[n] = e->seed[v][n];
			cg_eng_begin(e, seq, n + 1);
			if (cg_eng_act(e, m, seq, n) < 0)
				break;
			c = cg_eng_cost(e, m);
			if (c < bestc) {
				bestc = c, bestn = n + 1;
				memcpy(best, seq, (size_t)bestn * sizeof(int));
			}
		}
		LLVMDisposeModule(m);
	}
	cg_traj_set(e, t, best, bestn, 0);
	if (t->n == bestn && bestn > 0)
		cg_eng_report(e, t->seq, t->n, t->cost, t->snap[t->n]);
}
