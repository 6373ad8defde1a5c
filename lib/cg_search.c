#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cg_action.h"
#include "cg_error.h"
#include "cg_fs.h"
#include "cg_features.h"
#include "cg_module.h"
#include "cg_obs.h"
#include "cg_proc.h"
#include "cg_run.h"
#include "cg_search.h"

#define MAXLEN 400		/* actions in one candidate */
#define MAXJOBS 64
#define MAXBLACK 1024
#define TOPK 32	/* best sequences kept, for results that fail a check */
#define REC_IMPROVE 1
#define EXIT_RECYCLE 75		/* a worker asks to be replaced (memory) */
#define RECYCLE_STEPS 50000

/* What one worker is doing, for progress and for blaming a crash. */
struct slot {
	volatile uint64_t steps;
	volatile int pos;	/* index of the action running, or -1 */
	volatile double since;	/* when it started */
	volatile int len;
	int acts[MAXLEN];
};

/* Memory shared by the master and its workers. */
struct shared {
	volatile uint64_t version;	/* seqlock: odd while best changes */
	volatile double best_cost;
	volatile int best_len;
	int best[MAXLEN];
	volatile int nblack;
	struct { int len; uint64_t hash; } black[MAXBLACK];
	struct slot slot[MAXJOBS];
};

static const struct {
	const char *name;
	enum cg_search_algo algo;
} algos[] = {
	{ "ils", CG_SEARCH_ILS }, { "random", CG_SEARCH_RANDOM },
	{ "greedy", CG_SEARCH_GREEDY }, { "e-greedy", CG_SEARCH_EGREEDY },
	{ "beam", CG_SEARCH_BEAM }, { "anneal", CG_SEARCH_ANNEAL },
	{ "default", CG_SEARCH_ILS },
};

int
cg_search_algo_parse(const char *s, enum cg_search_algo *algo)
{
	size_t i;

	for (i = 0; i < sizeof(algos) / sizeof(algos[0]); i++)
		if (strcmp(s, algos[i].name) == 0) {
			*algo = algos[i].algo;
			return 0;
		}
	return cg_error(CG_EXIT_USAGE, "unknown search algorithm '%s'", s);
}

const char *
cg_search_algo_name(enum cg_search_algo algo)
{
	size_t i;

	for (i = 0; i < sizeof(algos) / sizeof(algos[0]); i++)
		if (algos[i].algo == algo)
			return algos[i].name;
	return "?";
}

static uint64_t
hashstep(uint64_t h, int a)
{
	return (h ^ (uint64_t)(unsigned)a) * 0x100000001b3ull;
}

#define HASH0 0xcbf29ce484222325ull

/* ---- workers ---- */

struct eng {
	const struct cg_search_opts *o;
	struct shared *sh;
	struct slot *slot;
	int fd;
	LLVMModuleRef start;
	double c0;		/* cost of the start module */
	double best;		/* best cost this worker reported */
	uint64_t rng;
	double deadline;
	uint64_t budget;	/* steps for this worker, 0 for none */
	unsigned char useful[CG_NACTIONS];
	int nuseful;
	struct cg_obs_ctx ctx;	/* for costs that build and run the program */
	int shared;		/* other workers exist: adopt their best */
	int seeds;		/* ILS seeds to run: 1 plain, 2 after -inline */
	int fresh;		/* the first worker in its slot */
	int bestseq[MAXLEN];	/* the best sequence this worker reported */
	int bestn;
	int nblack;		/* entries of the blacklist seen */
	uint64_t *optima;	/* signatures of modules no action improves */
	size_t noptima;
};

static uint64_t
rnd(struct eng *e)
{
	/* xorshift64* */
	e->rng ^= e->rng >> 12;
	e->rng ^= e->rng << 25;
	e->rng ^= e->rng >> 27;
	return e->rng * 0x2545f4914f6cdd1dull;
}

static int
rndint(struct eng *e, int n)
{
	return (int)(rnd(e) % (uint64_t)n);
}

static double
rnd01(struct eng *e)
{
	return (double)(rnd(e) >> 11) / 9007199254740992.0;
}

static int
over(struct eng *e)
{
	if (e->o->stop && *e->o->stop)
		return 1;
	if (e->budget && e->slot->steps >= e->budget)
		return 1;
	if (e->slot->steps >= RECYCLE_STEPS && e->o->steps == 0) {
		/* A long search: hand over to a fresh process, to keep
		 * the memory of one LLVM context from growing. */
		_exit(EXIT_RECYCLE);
	}
	return e->deadline > 0 && cg_now() >= e->deadline;
}

static double
cost(struct eng *e, LLVMModuleRef m)
{
	double v;

	if (cg_obs_measure(e->o->cost, &e->ctx, m, &v) < 0)
		return INFINITY;
	return v;
}

/* Whether a prefix of seq[0..n) is on the blacklist. */
static int
blackprefix(const struct shared *sh, const int *seq, int n)
{
	uint64_t h = HASH0;
	int i, k, nb = sh->nblack;

	if (nb == 0)
		return 0;
	for (i = 0; i < n; i++) {
		h = hashstep(h, seq[i]);
		for (k = 0; k < nb; k++)
			if (sh->black[k].len == i + 1 && sh->black[k].hash == h)
				return 1;
	}
	return 0;
}

/* Puts seq[0..n) on the blacklist (if there is room). */
static void
blacklist(struct shared *sh, const int *seq, int n)
{
	uint64_t h = HASH0;
	int i;

	if (n <= 0 || sh->nblack >= MAXBLACK)
		return;
	for (i = 0; i < n; i++)
		h = hashstep(h, seq[i]);
	sh->black[sh->nblack].len = n;
	sh->black[sh->nblack].hash = h;
	__sync_synchronize();
	sh->nblack++;
}

static int globalbest(struct eng *, double, int *, int *);

/*
 * New entries on the blacklist: if one is a prefix of our best (the master
 * found that its program does not behave), what we report is measured
 * against the best of all again, which the master has purged of it.
 */
static void
newblack(struct eng *e)
{
	int n;

	e->nblack = e->sh->nblack;
	if (e->bestn == 0 || !blackprefix(e->sh, e->bestseq, e->bestn))
		return;
	e->best = e->c0;
	e->bestn = 0;
	if (globalbest(e, e->c0, e->bestseq, &n)) {
		e->best = e->sh->best_cost;
		e->bestn = n;
	}
}

/* Publishes the candidate seq[0..n) before running its actions. */
static void
begin(struct eng *e, const int *seq, int n)
{
	memcpy(e->slot->acts, seq, (size_t)n * sizeof(int));
	e->slot->len = n;
}

/* Applies seq[pos] to m in place; -1 if that prefix is known to kill. */
static int
act(struct eng *e, LLVMModuleRef m, const int *seq, int pos)
{
	int r;

	if (e->sh->nblack != e->nblack)
		newblack(e);
	if (e->sh->nblack && blackprefix(e->sh, seq, pos + 1))
		return -1;
	e->slot->since = cg_now();
	e->slot->pos = pos;
	cg_module_fault(m, cg_action_get(seq[pos])->flag);
	r = cg_module_run(m, cg_action_get(seq[pos])->pipeline);
	e->slot->pos = -1;
	e->slot->steps++;
	return r;
}

/* Reports an improvement to the master, after verifying the module. */
static void
report(struct eng *e, const int *seq, int n, double c, LLVMModuleRef m)
{
	struct cg_buf b = CG_BUF_INIT;
	int32_t len = n;

	if (c >= e->best || cg_module_verify(m) < 0)
		return;
	e->best = c;
	memcpy(e->bestseq, seq, (size_t)n * sizeof(int));
	e->bestn = n;
	cg_buf_add(&b, &c, sizeof(c));
	cg_buf_add(&b, &len, sizeof(len));
	cg_buf_add(&b, seq, (size_t)n * sizeof(int));
	if (cg_child_send(e->fd, REC_IMPROVE, b.data, b.len) < 0)
		_exit(1);
	cg_buf_release(&b);
}

/*
 * The best sequence known, if it is better than cost: the master's when
 * there are other workers (so that the search does not depend on timing
 * with one), else this worker's own.
 */
static int
globalbest(struct eng *e, double cost, int *seq, int *n)
{
	uint64_t v;
	double c;
	int len;

	if (!e->shared) {
		if (!(e->best < cost))
			return 0;
		memcpy(seq, e->bestseq, (size_t)e->bestn * sizeof(int));
		*n = e->bestn;
		return 1;
	}
	do {
		v = e->sh->version;
		if (v & 1)
			continue;
		c = e->sh->best_cost;
		len = e->sh->best_len;
		if (len < 0 || len > MAXLEN)
			return 0;
		memcpy(seq, e->sh->best, (size_t)len * sizeof(int));
		__sync_synchronize();
	} while ((v & 1) || v != e->sh->version);
	if (!(c < cost))
		return 0;
	*n = len;
	return 1;
}

static void
markuseful(struct eng *e, int a)
{
	if (!e->useful[a]) {
		e->useful[a] = 1;
		e->nuseful++;
	}
}

/*
 * Applies seq[from..n) to m in place; returns the cost, or INFINITY if an
 * action failed or is known to kill.
 */
static double
replay(struct eng *e, LLVMModuleRef m, const int *seq, int from, int n)
{
	int i;

	begin(e, seq, n);
	for (i = from; i < n; i++)
		if (act(e, m, seq, i) < 0)
			return INFINITY;
	return cost(e, m);
}

/* CompilerGym's random search: random walks that stop after patience
 * steps without beating the worker's best. */
static void
search_random(struct eng *e)
{
	int seq[MAXLEN], n, p;
	double c;

	while (!over(e)) {
		LLVMModuleRef m = LLVMCloneModule(e->start);
		n = 0;
		p = e->o->patience;
		while (p-- >= 0 && n < MAXLEN && !over(e)) {
			seq[n] = rndint(e, CG_NACTIONS);
			begin(e, seq, n + 1);
			if (act(e, m, seq, n) < 0)
				break;
			n++;
			c = cost(e, m);
			if (c < e->best) {
				report(e, seq, n, c, m);
				p = e->o->patience;
			}
		}
		LLVMDisposeModule(m);
	}
}

/*
 * One greedy step from m: tries the actions of set (all when NULL) on
 * clones and returns the best clone (new) with its action and cost, or
 * NULL when none lowers cur.  Ties go to the higher index, as CompilerGym.
 * With first, tries them from a random place and stops at the first that
 * lowers the cost (about half the passes of a sweep, for a descent).
 */
static LLVMModuleRef
greedystep(struct eng *e, LLVMModuleRef m, int *seq, int n, double cur,
    const unsigned char *set, int first, int *besta, double *bestc)
{
	LLVMModuleRef best = NULL, c;
	double k, bk = INFINITY;
	int a, i, from = first ? rndint(e, CG_NACTIONS) : 0;

	for (i = 0; i < CG_NACTIONS && !over(e) && !(first && best); i++) {
		a = (from + i) % CG_NACTIONS;
		if (set && !set[a])
			continue;
		c = LLVMCloneModule(m);
		seq[n] = a;
		begin(e, seq, n + 1);
		k = act(e, c, seq, n) < 0 ? INFINITY : cost(e, c);
		if (k != cur && k != INFINITY)
			markuseful(e, a);
		if (k <= bk && k < cur) {
			if (best)
				LLVMDisposeModule(best);
			best = c;
			bk = k;
			*besta = a;
		} else
			LLVMDisposeModule(c);
	}
	*bestc = bk;
	return best;
}

static void
search_greedy(struct eng *e, double epsilon)
{
	int seq[MAXLEN], n, a;
	double cur, c;

	do {
		LLVMModuleRef m = LLVMCloneModule(e->start), next;
		n = 0;
		cur = e->c0;
		while (n < MAXLEN - 1 && !over(e)) {
			if (epsilon > 0 && rnd01(e) < epsilon) {
				seq[n] = rndint(e, CG_NACTIONS);
				begin(e, seq, n + 1);
				if (act(e, m, seq, n) < 0)
					break;
				n++;
				cur = cost(e, m);
				report(e, seq, n, cur, m);
				continue;
			}
			next = greedystep(e, m, seq, n, cur, NULL, 0, &a, &c);
			if (next == NULL)
				break;
			LLVMDisposeModule(m);
			m = next;
			seq[n++] = a;
			cur = c;
			report(e, seq, n, cur, m);
		}
		LLVMDisposeModule(m);
	} while (epsilon > 0 && !over(e));
}

struct beamitem {
	LLVMModuleRef m;
	double cost;
	uint64_t sig;		/* cost and InstCount: to drop duplicates */
	int n;
	int seq[MAXLEN];
};

static uint64_t
signature(LLVMModuleRef m, double c)
{
	int64_t v[CG_INSTCOUNT_N];
	uint64_t h = HASH0;
	int i;

	cg_features_instcount(m, v);
	for (i = 0; i < CG_INSTCOUNT_N; i++)
		h = hashstep(h, (int)v[i]);
	return hashstep(h, (int)c);
}

static void
search_beam(struct eng *e)
{
	int w = e->o->beam_width > 0 ? e->o->beam_width : 4;
	struct beamitem *beam = cg_calloc((size_t)w, sizeof(*beam));
	struct beamitem *next = cg_calloc((size_t)w, sizeof(*next));
	struct beamitem cand;
	int nbeam = 1, nnext, i, a, j, k, stale = 0;
	double best = e->c0;

	beam[0].m = LLVMCloneModule(e->start);
	beam[0].cost = e->c0;
	while (!over(e) && stale < 2) {
		nnext = 0;
		for (i = 0; i < nbeam && !over(e); i++) {
			if (beam[i].n >= MAXLEN - 1)
				continue;
			for (a = 0; a < CG_NACTIONS && !over(e); a++) {
				memcpy(cand.seq, beam[i].seq, (size_t)beam[i].n * sizeof(int));
				cand.n = beam[i].n + 1;
				cand.seq[cand.n - 1] = a;
				cand.m = LLVMCloneModule(beam[i].m);
				begin(e, cand.seq, cand.n);
				if (act(e, cand.m, cand.seq, cand.n - 1) < 0) {
					LLVMDisposeModule(cand.m);
					continue;
				}
				cand.cost = cost(e, cand.m);
				cand.sig = signature(cand.m, cand.cost);
				/* Keep the w best distinct children, sorted. */
				for (j = 0; j < nnext && next[j].sig != cand.sig; j++)
					;
				if (j < nnext || (nnext == w &&
				    cand.cost >= next[w - 1].cost)) {
					LLVMDisposeModule(cand.m);
					continue;
				}
				if (nnext == w)
					LLVMDisposeModule(next[--nnext].m);
				for (k = nnext; k > 0 && next[k - 1].cost > cand.cost; k--)
					next[k] = next[k - 1];
				next[k] = cand;
				nnext++;
			}
		}
		for (i = 0; i < nbeam; i++)
			LLVMDisposeModule(beam[i].m);
		if (nnext == 0)
			break;
		memcpy(beam, next, (size_t)nnext * sizeof(*beam));
		nbeam = nnext;
		if (beam[0].cost < best) {
			best = beam[0].cost;
			report(e, beam[0].seq, beam[0].n, best, beam[0].m);
			stale = 0;
		} else
			stale++;
	}
	for (i = 0; i < nbeam && nnext; i++)
		LLVMDisposeModule(beam[i].m);
	free(beam);
	free(next);
}

/*
 * A sequence with snapshots of the module after some of its prefixes
 * (every stride actions), so that a change at position k replays only from
 * the snapshot before k.
 */
struct traj {
	int seq[MAXLEN];
	int n;
	int stride;
	LLVMModuleRef snap[MAXLEN + 1];	/* snap[0] is the start, borrowed */
	double cost;
};

static void
traj_cut(struct traj *t, int from)
{
	int i;

	for (i = from > 0 ? from : 1; i <= MAXLEN; i++)
		if (t->snap[i]) {
			LLVMDisposeModule(t->snap[i]);
			t->snap[i] = NULL;
		}
}

/* The last snapshot at or before k. */
static int
traj_base(const struct traj *t, int k)
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
static double
traj_set(struct eng *e, struct traj *t, const int *seq, int n, int from)
{
	int b = traj_base(t, from), i;
	LLVMModuleRef m;

	traj_cut(t, b + 1);
	memcpy(t->seq, seq, (size_t)n * sizeof(int));
	t->n = n;
	m = LLVMCloneModule(t->snap[b]);
	begin(e, seq, n);
	for (i = b; i < n; i++) {
		if (act(e, m, seq, i) < 0) {
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
	return t->cost = cost(e, t->snap[n]);
}

/* The cost of seq[0..n), which agrees with t before from (new module). */
static LLVMModuleRef
traj_try(struct eng *e, const struct traj *t, const int *seq, int n,
    int from, double *c)
{
	int b = traj_base(t, from);
	LLVMModuleRef m = LLVMCloneModule(t->snap[b]);

	*c = replay(e, m, seq, b, n);
	return m;
}

#define OPTIMA 32768	/* slots in the table of local optima */

/*
 * The table of local optima: signatures of modules on which every action
 * was tried without lowering the cost.  A descent that reaches one of
 * them again (perturbations often lead back to the same module) stops
 * without trying the 124 actions again.  A signature shared by two
 * modules only makes the search skip a descent, never a wrong result.
 */
static int
optimum(struct eng *e, uint64_t sig, int add)
{
	size_t i;

	if (sig == 0)
		sig = 1;
	if (e->optima == NULL)
		e->optima = cg_calloc(OPTIMA, sizeof(*e->optima));
	for (i = sig % OPTIMA; e->optima[i]; i = (i + 1) % OPTIMA)
		if (e->optima[i] == sig)
			return 1;
	if (add) {
		if (++e->noptima > OPTIMA * 3 / 4) {
			memset(e->optima, 0, OPTIMA * sizeof(*e->optima));
			e->noptima = 1;
			i = sig % OPTIMA;
		}
		e->optima[i] = sig;
	}
	return 0;
}

/*
 * Descent from the end of seq: appends actions while one lowers the cost,
 * taking the first of the useful ones that does; when none does, tries
 * all the actions, but only if the cost is already at most bar (a
 * candidate that cannot be accepted is not worth a sweep of 124 passes).
 */
static LLVMModuleRef
descend(struct eng *e, LLVMModuleRef m, int *seq, int *n, double *c,
    double bar)
{
	LLVMModuleRef next;
	double k;
	uint64_t sig = signature(m, *c);
	int a, all = e->nuseful == 0;

	while (*n < MAXLEN - 1 && !over(e) && !optimum(e, sig, 0)) {
		next = greedystep(e, m, seq, *n, *c, all ? NULL : e->useful,
		    !all, &a, &k);
		if (next == NULL) {
			if (!all && *c > bar)
				break;
			if (all) {
				if (!over(e))
					optimum(e, sig, 1);
				break;
			}
			all = 1;
			continue;
		}
		LLVMDisposeModule(m);
		m = next;
		seq[(*n)++] = a;
		*c = k;
		sig = signature(m, k);
		all = 0;
		/* Report as it goes: on a large module the time may end
		 * before the descent does. */
		report(e, seq, *n, k, m);
	}
	return m;
}

/* default<Oz> written as CompilerGym actions, without -inline and
 * -loop-rotate (as whole-module actions they grow code). */
static const char *const ozseed[] = {
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
	"-constmerge",
};
#define NOZSEED (sizeof(ozseed) / sizeof(ozseed[0]))

/*
 * The incumbent: the best prefix of the Oz-like seed, run as it is or
 * after -inline. -Oz's size-tuned inliner has no action; the plain
 * inliner grows code in most programs, but run first, on the bloated
 * unoptimised module, it inlines only what is small there, which on
 * some programs opens a better basin.  One worker runs both seeds; with
 * more, each runs one, so that the search starts in both basins, at half
 * the cost (on a large program a seed takes seconds).
 */
static void
seedtraj(struct eng *e, struct traj *t)
{
	int seq[MAXLEN], n, best[MAXLEN], bestn = 0, v;
	double c, bestc = e->c0;
	LLVMModuleRef m;

	for (v = 0; v < 2 && !over(e); v++) {
		if (!(e->seeds & 1 << v))
			continue;
		m = LLVMCloneModule(e->start);
		for (n = 0; n < (int)NOZSEED + v && !over(e); n++) {
			seq[n] = cg_action_lookup(n < v ? "-inline" : ozseed[n - v]);
			begin(e, seq, n + 1);
			if (act(e, m, seq, n) < 0)
				break;
			c = cost(e, m);
			if (c < bestc) {
				bestc = c, bestn = n + 1;
				memcpy(best, seq, (size_t)bestn * sizeof(int));
			}
		}
		LLVMDisposeModule(m);
	}
	traj_set(e, t, best, bestn, 0);
	if (t->n == bestn && bestn > 0)
		report(e, t->seq, t->n, t->cost, t->snap[t->n]);
}

/* A random action, mostly one that has changed the cost before. */
static int
someaction(struct eng *e)
{
	int a;

	do
		a = rndint(e, CG_NACTIONS);
	while (e->nuseful > 0 && rnd01(e) < 0.8 && !e->useful[a]);
	return a;
}

/*
 * Perturbation of t into seq[0..n), which agrees with t before *k: at a
 * cut point (half of the time in the end half), insert 1-3 actions, or a
 * run of 2-5 consecutive passes of the Oz seed (passes that work
 * together), or delete 1-2 actions, or replace one.
 */
static int
perturb(struct eng *e, const struct traj *t, int *seq, int *k)
{
	int n = t->n, ins = 0, del = 0, i, s, move = rndint(e, 100);
	int add[8];

	if (rnd01(e) < 0.5)
		*k = n / 2 + rndint(e, n - n / 2 + 1);
	else
		*k = rndint(e, n + 1);
	if (move < 55 || n == 0 || *k == n) {
		for (ins = 1 + rndint(e, 3), i = 0; i < ins; i++)
			add[i] = someaction(e);
	} else if (move < 70) {
		ins = 2 + rndint(e, 4);
		s = rndint(e, (int)NOZSEED - ins + 1);
		for (i = 0; i < ins; i++)
			add[i] = cg_action_lookup(ozseed[s + i]);
	} else if (move < 85) {
		del = 1 + rndint(e, 2);
		if (*k + del > n)
			del = n - *k;
	} else {
		del = ins = 1;
		add[0] = someaction(e);
	}
	if (n - del + ins >= MAXLEN)
		return -1;
	memcpy(seq, t->seq, (size_t)*k * sizeof(int));
	memcpy(seq + *k, add, (size_t)ins * sizeof(int));
	memcpy(seq + *k + ins, t->seq + *k + del,
	    (size_t)(n - *k - del) * sizeof(int));
	return n - del + ins;
}

/*
 * Deletion sweep: drops each action of t in turn, from the last, when the
 * sequence costs no more without it.  Perturbations delete at random
 * places; at a local optimum, the sweep finds every action whose removal
 * helps (a pass that undid what a later one needed), and shortens the
 * sequence, which makes each try cheaper.  1 if the cost went down.
 */
static int
prune(struct eng *e, struct traj *t)
{
	int seq[MAXLEN], n, i, down = 0;
	double c;
	LLVMModuleRef m;

	for (i = t->n - 1; i >= 0 && !over(e); i--) {
		n = t->n - 1;
		memcpy(seq, t->seq, (size_t)i * sizeof(int));
		memcpy(seq + i, t->seq + i + 1, (size_t)(n - i) * sizeof(int));
		m = traj_try(e, t, seq, n, i, &c);
		if (c < INFINITY && c <= t->cost) {
			down |= c < t->cost;
			report(e, seq, n, c, m);
			traj_set(e, t, seq, n, i);
		}
		LLVMDisposeModule(m);
	}
	return down;
}

static int
stridefor(struct eng *e)
{
	/* About 2 million instructions of snapshots at most. */
	long n = cg_module_instcount(e->start);
	long s = n * MAXLEN / 2000000 + 1;

	return s > 16 ? 16 : (int)s;
}

static void
adopt(struct eng *e, struct traj *t)
{
	int seq[MAXLEN], n;

	if (globalbest(e, t->cost, seq, &n))
		traj_set(e, t, seq, n, 0);
}

static void
search_ils(struct eng *e)
{
	struct traj *t = cg_calloc(1, sizeof(*t));
	int seq[MAXLEN], n, k, stale = 0, tries = 0, seen = 0, restarts = 0;
	double c, t0, lastsync;
	LLVMModuleRef m;

	t->snap[0] = e->start;
	t->stride = stridefor(e);
	/* A worker that replaces another starts from the best of all. */
	if (!e->fresh && globalbest(e, INFINITY, seq, &n))
		traj_set(e, t, seq, n, 0);
	else
		seedtraj(e, t);
	/* Descend from the seed. */
	memcpy(seq, t->seq, (size_t)t->n * sizeof(int));
	n = t->n;
	c = t->cost;
	m = descend(e, LLVMCloneModule(t->snap[traj_base(t, n)]), seq, &n, &c,
	    INFINITY);
	LLVMDisposeModule(m);
	if (c < t->cost)
		traj_set(e, t, seq, n, t->n);
	if (t->n && t->snap[t->n])
		report(e, t->seq, t->n, t->cost, t->snap[t->n]);
	/*
	 * Workers search apart, each in its own basin, and meet when one
	 * restarts.  But on a large program, where a try takes about a
	 * second, there are too few tries for that: there, a worker takes
	 * over the best of all every second.
	 */
	t0 = lastsync = cg_now();
	while (!over(e)) {
		if (e->sh->nblack != seen) {
			/* The incumbent may be one whose program does not
			 * behave: then start again from the best of all. */
			seen = e->sh->nblack;
			if (blackprefix(e->sh, t->seq, t->n)) {
				if (!globalbest(e, INFINITY, seq, &n))
					n = 0;
				traj_set(e, t, seq, n, 0);
				stale = 0;
			}
		}
		if (e->shared && cg_now() - lastsync > 1.0) {
			if (tries < 2.0 * (cg_now() - t0))
				adopt(e, t);
			lastsync = cg_now();
		}
		tries++;
		if ((n = perturb(e, t, seq, &k)) < 0) {
			traj_set(e, t, t->seq, t->n / 2, 0);
			continue;
		}
		m = traj_try(e, t, seq, n, k, &c);
		if (c == INFINITY) {
			LLVMDisposeModule(m);
			continue;
		}
		m = descend(e, m, seq, &n, &c, t->cost);
		if (c < t->cost || (c == t->cost && n < t->n)) {
			if (c < t->cost)
				stale = 0;
			report(e, seq, n, c, m);
			LLVMDisposeModule(m);
			traj_set(e, t, seq, n, k);
		} else {
			LLVMDisposeModule(m);
			/* Stuck for a while: try the deletions before the
			 * perturbations run out. */
			if (++stale == 150 && prune(e, t))
				stale = 0;
			/* A long time without progress: restart from the
			 * global best, or from a shaken copy of ours; every
			 * other time, from a new basin: a random half of the
			 * Oz seed. */
			if (stale >= 400) {
				stale = 0;
				if (++restarts % 2 == 0) {
					for (n = 0, k = 0; k < (int)NOZSEED; k++)
						if (rnd01(e) < 0.5)
							seq[n++] = cg_action_lookup(ozseed[k]);
				} else if (!globalbest(e, t->cost + 1e-9, seq, &n))
					memcpy(seq, t->seq, (size_t)(n = t->n) * sizeof(int));
				for (k = 0; k < 4 && n < MAXLEN - 1; k++) {
					int p = rndint(e, n + 1);
					memmove(seq + p + 1, seq + p, (size_t)(n - p) * sizeof(int));
					seq[p] = rndint(e, CG_NACTIONS);
					n++;
				}
				traj_set(e, t, seq, n, 0);
			}
		}
	}
	traj_cut(t, 1);
	free(t);
}

static void
search_anneal(struct eng *e)
{
	struct traj *t = cg_calloc(1, sizeof(*t));
	int seq[MAXLEN], n, k, r, a;
	double c, temp, t0 = e->c0 * 0.01 + 1, start = cg_now(), frac;
	uint64_t steps0 = e->slot->steps;
	LLVMModuleRef m;

	t->snap[0] = e->start;
	t->stride = stridefor(e);
	seedtraj(e, t);
	if (t->n && t->snap[t->n])
		report(e, t->seq, t->n, t->cost, t->snap[t->n]);
	while (!over(e)) {
		if (e->deadline > 0)
			frac = (cg_now() - start) / (e->deadline - start);
		else if (e->budget)
			frac = (double)(e->slot->steps - steps0) /
			    (double)(e->budget - steps0);
		else
			frac = 0.5;
		temp = t0 * pow(1e-3, frac);
		memcpy(seq, t->seq, (size_t)t->n * sizeof(int));
		n = t->n;
		r = rndint(e, 10);
		k = rndint(e, n + 1);
		a = rndint(e, CG_NACTIONS);
		if (r < 5 || n == 0) {		/* insert */
			if (n >= MAXLEN - 1)
				continue;
			memmove(seq + k + 1, seq + k, (size_t)(n - k) * sizeof(int));
			seq[k] = a;
			n++;
		} else if (r < 7) {		/* delete */
			k = k < n ? k : n - 1;
			memmove(seq + k, seq + k + 1, (size_t)(n - k - 1) * sizeof(int));
			n--;
		} else if (r < 9) {		/* replace */
			k = k < n ? k : n - 1;
			seq[k] = a;
		} else {			/* swap */
			if (n < 2)
				continue;
			k = rndint(e, n - 1);
			a = seq[k], seq[k] = seq[k + 1], seq[k + 1] = a;
		}
		m = traj_try(e, t, seq, n, k, &c);
		if (c != INFINITY && (c <= t->cost ||
		    rnd01(e) < exp(-(c - t->cost) / temp))) {
			report(e, seq, n, c, m);
			LLVMDisposeModule(m);
			traj_set(e, t, seq, n, k);
		} else
			LLVMDisposeModule(m);
	}
	traj_cut(t, 1);
	free(t);
}

struct workerarg {
	const struct cg_state *st;
	const struct cg_search_opts *o;
	struct shared *sh;
	int id;
	int generation;
	int jobs;
	double deadline;
	uint64_t budget;
};

static int
worker(void *arg, int fd)
{
	struct workerarg *w = arg;
	struct eng e;

	memset(&e, 0, sizeof(e));
	e.o = w->o;
	e.sh = w->sh;
	e.slot = &w->sh->slot[w->id];
	e.slot->steps = 0;
	e.slot->pos = -1;
	e.fd = fd;
	e.ctx.bench = cg_bench_of(w->st);
	e.ctx.runtime_count = w->o->runtime_count > 0 ? w->o->runtime_count : 1;
	e.ctx.warmup = w->o->warmup;
	/* With checks, the master may retract a worker's best: the best of
	 * all is then the one to go back to. */
	e.shared = w->jobs > 1 || w->generation > 0 || w->o->check;
	e.fresh = w->generation == 0;
	e.seeds = w->jobs > 1 ? 1 << w->id % 2 : 3;
	e.deadline = w->deadline;
	e.budget = w->budget;
	e.rng = (w->o->seed + 1) * 0x9e3779b97f4a7c15ull ^
	    ((uint64_t)w->id << 32) ^ ((uint64_t)w->generation << 48);
	if (e.rng == 0)
		e.rng = 1;
	e.start = cg_module_parse(w->st->bitcode.data, w->st->bitcode.len);
	if (e.start == NULL)
		return cg_child_send_error(fd), 0;
	e.c0 = e.best = cost(&e, e.start);
	if (e.c0 == INFINITY)
		return cg_child_send_error(fd), 0;
	switch (w->o->algo) {
	case CG_SEARCH_RANDOM: search_random(&e); break;
	case CG_SEARCH_GREEDY: search_greedy(&e, 0); break;
	case CG_SEARCH_EGREEDY: search_greedy(&e, w->o->epsilon); break;
	case CG_SEARCH_BEAM: search_beam(&e); break;
	case CG_SEARCH_ANNEAL: search_anneal(&e); break;
	case CG_SEARCH_ILS: search_ils(&e); break;
	}
	free(e.optima);
	return 0;
}

/* ---- the master ---- */

static void
keep(struct cg_search_result *res, const struct shared *sh, double c,
    const int *seq, size_t n)
{
	size_t i, j;

	if (blackprefix(sh, seq, (int)n))
		return;	/* found not to behave, or to kill */
	for (i = 0; i < res->nbest; i++)
		if (res->best[i].n == n &&
		    memcmp(res->best[i].actions, seq, n * sizeof(int)) == 0)
			return;
	for (i = 0; i < res->nbest; i++)
		if (c < res->best[i].cost ||
		    (c == res->best[i].cost && n < res->best[i].n))
			break;
	if (i == TOPK)
		return;
	if (res->nbest == TOPK)
		free(res->best[--res->nbest].actions);
	for (j = res->nbest; j > i; j--)
		res->best[j] = res->best[j - 1];
	res->best[i].cost = c;
	res->best[i].n = n;
	res->best[i].checked = 0;
	res->best[i].actions = cg_malloc(n * sizeof(int));
	memcpy(res->best[i].actions, seq, n * sizeof(int));
	res->nbest++;
}

static void
publish(struct shared *sh, const struct cg_search_result *res)
{
	sh->version++;
	__sync_synchronize();
	if (res->nbest == 0) {
		sh->best_cost = INFINITY;
		sh->best_len = -1;
	} else {
		sh->best_cost = res->best[0].cost;
		sh->best_len = (int)res->best[0].n;
		memcpy(sh->best, res->best[0].actions,
		    res->best[0].n * sizeof(int));
	}
	__sync_synchronize();
	sh->version++;
}

static void
blame(struct shared *sh, struct slot *s)
{
	if (s->pos >= 0 && s->pos < s->len)
		blacklist(sh, s->acts, s->pos + 1);
}

/*
 * Takes the records a worker has sent: improvements go into res (and to
 * the other workers); an error record ends the search (-1).
 */
static int
drain(struct cg_child *kid, struct cg_search_result *res, struct shared *sh,
    struct cg_buf *data)
{
	unsigned type;
	double c;
	int32_t n;

	cg_child_read(kid);
	while (cg_child_record(kid, &type, data)) {
		if (type == CG_REC_ERROR)
			return cg_error(data->len ? data->data[0] : 1, "%s",
			    data->len ? (char *)data->data + 1 : "");
		if (type != REC_IMPROVE || data->len < 12)
			continue;
		memcpy(&c, data->data, sizeof(c));
		memcpy(&n, data->data + 8, sizeof(n));
		if (n < 0 || (size_t)n * sizeof(int) + 12 > data->len)
			continue;
		keep(res, sh, c, (int *)(data->data + 12), (size_t)n);
		publish(sh, res);
	}
	return 0;
}

/* ---- checks of the best while the search goes on ---- */

#define REC_VERDICT 2

struct checker {
	struct cg_child kid;
	int running;
	const struct cg_search_opts *o;
	const struct cg_state *st;	/* the start */
	int seq[MAXLEN];	/* the sequence being checked */
	size_t n;
};

/* The check of the program of the start after ck->seq[0..n) (run: as
 * cg_search_opts.check). */
static int
checkprefix(const struct checker *ck, size_t n, int *run)
{
	LLVMModuleRef m;
	struct cg_buf bc = CG_BUF_INIT;
	size_t i;
	int r = -1;

	m = cg_module_parse(ck->st->bitcode.data, ck->st->bitcode.len);
	if (m == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		cg_module_fault(m, cg_action_get(ck->seq[i])->flag);
		if (cg_module_run(m, cg_action_get(ck->seq[i])->pipeline) < 0)
			break;
	}
	if (i == n) {
		cg_module_write(m, &bc);
		r = ck->o->check(ck->o->check_arg, bc.data, bc.len, run);
	}
	cg_module_free(m);
	cg_buf_release(&bc);
	return r;
}

/*
 * In the checker's child: the verdict on ck->seq and, when its program
 * does not behave, the length of its shortest prefix that does not (by
 * bisection on the run that failed; a prefix that cannot be told counts
 * as behaving).  The actions run in this process, as in the workers.
 */
static int
checkchild(void *arg, int fd)
{
	struct checker *ck = arg;
	int32_t v[2];
	size_t lo = 0, hi = ck->n, mid;
	int run = -1, r;

	/* The master's handlers are not ours: a signal ends the check and
	 * removes its scratch files. */
	signal(SIGHUP, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	cg_fs_trap();
	v[0] = checkprefix(ck, ck->n, &run);
	if (v[0] == 0)
		while (hi - lo > 1) {
			mid = lo + (hi - lo) / 2;
			r = run;
			if (checkprefix(ck, mid, &r) == 0)
				hi = mid;
			else
				lo = mid;
		}
	v[1] = (int32_t)hi;
	return cg_child_send(fd, REC_VERDICT, v, sizeof(v)) < 0;
}

/* Takes a verdict: marks the candidate, or retracts its bad prefix. */
static void
verdict(struct checker *ck, struct cg_search_result *res, struct shared *sh,
    int v, size_t k)
{
	size_t i, j;

	if (v != 0 || k == 0 || k > ck->n) {
		for (i = 0; i < res->nbest; i++)
			if (res->best[i].n == ck->n && memcmp(res->best[i].actions,
			    ck->seq, ck->n * sizeof(int)) == 0)
				res->best[i].checked = v == 1 ? 1 : -1;
		return;
	}
	for (i = j = 0; i < res->nbest; i++)
		if (res->best[i].n >= k && memcmp(res->best[i].actions, ck->seq,
		    k * sizeof(int)) == 0)
			free(res->best[i].actions);
		else
			res->best[j++] = res->best[i];
	res->nbest = j;
	res->retracted++;
	/* The purged best first, then the blacklist: a worker that sees
	 * the new entry finds the best of all already without it. */
	publish(sh, res);
	blacklist(sh, ck->seq, (int)k);
	if (ck->o->progress)
		fprintf(stderr, "\n%s: the program of a best result does not "
		    "behave after its action %zu; retracted\n", cg_progname(), k);
}

/* Stops a check, letting it remove its scratch files. */
static void
checkstop(struct checker *ck)
{
	double until = cg_now() + 5;
	struct pollfd pf;

	if (!ck->running)
		return;
	kill(ck->kid.pid, SIGTERM);
	while (ck->kid.fd >= 0 && cg_now() < until) {
		pf.fd = ck->kid.fd, pf.events = POLLIN, pf.revents = 0;
		poll(&pf, 1, 50);
		cg_child_read(&ck->kid);
	}
	cg_child_finish(&ck->kid);
	ck->running = 0;
}

/* Takes the checker's verdict when it is in; starts the next check. */
static void
checkstep(struct checker *ck, struct cg_search_result *res, struct shared *sh,
    struct cg_buf *data)
{
	unsigned type;
	int32_t v[2] = { -1, 0 };

	if (ck->running) {
		cg_child_read(&ck->kid);
		if (cg_child_record(&ck->kid, &type, data)) {
			if (type == REC_VERDICT && data->len == sizeof(v))
				memcpy(v, data->data, sizeof(v));
		} else if (ck->kid.fd >= 0)
			return;	/* still checking */
		cg_child_finish(&ck->kid);
		ck->running = 0;
		verdict(ck, res, sh, v[0], (size_t)v[1]);
	}
	if (res->nbest == 0 || res->best[0].checked)
		return;
	ck->n = res->best[0].n;
	memcpy(ck->seq, res->best[0].actions, ck->n * sizeof(int));
	if (cg_child_start(&ck->kid, checkchild, ck) == 0)
		ck->running = 1;
	else
		res->best[0].checked = -1;
}

static void
progress(const struct cg_search_result *res, uint64_t steps, double t0,
    double end)
{
	double el = cg_now() - t0;

	fprintf(stderr, "\r%6.1fs  %10llu steps (%6.0f/s)  best cost %.10g "
	    "(start %.10g, %zu actions)", el, (unsigned long long)steps,
	    el > 0 ? (double)steps / el : 0.0,
	    res->nbest ? res->best[0].cost : res->start_cost,
	    res->start_cost, res->nbest ? res->best[0].n : (size_t)0);
	if (end > 0)
		fprintf(stderr, "  %4.0fs left", end - cg_now() > 0 ?
		    end - cg_now() : 0);
	fprintf(stderr, "\033[K");
}

int
cg_search_run(const struct cg_state *st, const struct cg_search_opts *o,
    struct cg_search_result *res)
{
	struct cg_child kids[MAXJOBS];
	struct workerarg args[MAXJOBS];
	int alive[MAXJOBS], jobs = o->jobs < 1 ? 1 : o->jobs > MAXJOBS ?
	    MAXJOBS : o->jobs;
	struct shared *sh;
	struct cg_buf data = CG_BUF_INIT;
	struct checker ck;
	double t0 = cg_now(), end = o->seconds > 0 ? t0 + o->seconds : 0;
	double lastprog = 0;
	uint64_t steps = 0, dead = 0;
	int i, running, ret = 0;

	memset(res, 0, sizeof(*res));
	memset(&ck, 0, sizeof(ck));
	ck.o = o;
	ck.st = st;
	res->best = cg_calloc(TOPK + 1, sizeof(*res->best));
	/* Greedy and beam search make no random choice: more workers would
	 * only repeat the same search. */
	if (o->algo == CG_SEARCH_GREEDY || o->algo == CG_SEARCH_BEAM)
		jobs = 1;
	/* The start cost, measured in a child (the module is untrusted). */
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return cg_error(CG_EXIT_FAILURE, "mmap: %s", strerror(errno));
	memset(sh, 0, sizeof(*sh));
	sh->best_len = -1;
	for (i = 0; i < jobs; i++) {
		args[i].st = st;
		args[i].o = o;
		args[i].sh = sh;
		args[i].id = i;
		args[i].generation = 0;
		args[i].jobs = jobs;
		args[i].deadline = end;
		args[i].budget = o->steps ? (o->steps + (uint64_t)jobs - 1) /
		    (uint64_t)jobs : 0;
		if (cg_child_start(&kids[i], worker, &args[i]) < 0) {
			ret = -1;
			jobs = i;
			break;
		}
		alive[i] = 1;
	}
	if (cg_state_number(st->costs, o->cost, &res->start_cost) < 0)
		res->start_cost = NAN;
	for (running = jobs; running > 0;) {
		struct pollfd pf[2 * MAXJOBS + 2];
		int np = 0, status;

		for (i = 0; i < jobs; i++)
			if (alive[i]) {
				pf[np].fd = kids[i].fd, pf[np++].events = POLLIN;
				pf[np].fd = kids[i].errfd, pf[np++].events = POLLIN;
			}
		if (ck.running) {
			pf[np].fd = ck.kid.fd, pf[np++].events = POLLIN;
			pf[np].fd = ck.kid.errfd, pf[np++].events = POLLIN;
		}
		poll(pf, (nfds_t)np, 100);
		steps = dead;
		for (i = 0; i < jobs; i++) {
			if (!alive[i])
				continue;
			if (drain(&kids[i], res, sh, &data) < 0) {
				ret = -1;
				goto stop;
			}
			steps += sh->slot[i].steps;
			if (sh->slot[i].pos >= 0 && o->action_timeout > 0 &&
			    cg_now() - sh->slot[i].since > o->action_timeout)
				kill(kids[i].pid, SIGKILL);
			if (waitpid(kids[i].pid, &status, WNOHANG) != kids[i].pid)
				continue;
			kids[i].pid = -1;
			while (kids[i].fd >= 0 || kids[i].errfd >= 0)
				if (drain(&kids[i], res, sh, &data) < 0) {
					ret = -1;
					goto stop;
				}
			dead += sh->slot[i].steps;
			cg_child_finish(&kids[i]);
			alive[i] = 0;
			running--;
			if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
				continue;	/* this worker has finished */
			if (!(WIFEXITED(status) && WEXITSTATUS(status) ==
			    EXIT_RECYCLE)) {
				blame(sh, &sh->slot[i]);
				res->restarts++;
				if (o->progress)
					fprintf(stderr, "\n%s: worker %d died (%s) "
					    "at action %d of a candidate; replaced\n",
					    cg_progname(), i, WIFSIGNALED(status) ?
					    strsignal(WTERMSIG(status)) : "exit",
					    sh->slot[i].pos + 1);
			}
			if ((end > 0 && cg_now() >= end) ||
			    (o->stop && *o->stop) ||
			    (o->steps && steps >= o->steps))
				continue;
			args[i].generation++;
			if (args[i].budget)
				args[i].budget = args[i].budget >
				    sh->slot[i].steps ? args[i].budget -
				    sh->slot[i].steps : 1;
			if (cg_child_start(&kids[i], worker, &args[i]) == 0) {
				alive[i] = 1;
				running++;
			}
		}
		if (o->check)
			checkstep(&ck, res, sh, &data);
		if (o->progress && cg_now() - lastprog > 0.5) {
			progress(res, steps, t0, end);
			lastprog = cg_now();
		}
		if ((end > 0 && cg_now() >= end + 1.0) || (o->stop && *o->stop))
			break;
	}
stop:
	checkstop(&ck);
	for (i = 0; i < jobs; i++)
		if (alive[i]) {
			drain(&kids[i], res, sh, &data);
			cg_child_finish(&kids[i]);
		}
	if (o->progress) {
		progress(res, steps, t0, end);
		fputc('\n', stderr);
	}
	res->steps = steps;
	res->seconds = cg_now() - t0;
	munmap(sh, sizeof(*sh));
	cg_buf_release(&data);
	return ret;
}

void
cg_search_result_release(struct cg_search_result *res)
{
	size_t i;

	for (i = 0; i < res->nbest; i++)
		free(res->best[i].actions);
	free(res->best);
	memset(res, 0, sizeof(*res));
}
