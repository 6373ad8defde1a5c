/* Iterated local search, seeded from -Oz's passes: the default. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cg_error.h"
#include "cg_module.h"
#include "cg_proc.h"
#include "cg_search_eng.h"

/* The tuning of the search, measured on cgbench-v0 and csmith programs. */
#define ILS_PRUNE_AFTER 150	/* tries without progress: a deletion sweep */
#define ILS_RESTART_AFTER 400	/* tries without progress: a restart */
#define ILS_RESTART_SHAKE 4	/* random actions inserted at a restart */
#define ILS_SEED_HALF 0.5	/* each seed pass kept at a new basin */
#define ILS_SYNC_SECONDS 1.0	/* how often a slow worker adopts the best */
#define ILS_SLOW_TRIES 2.0	/* tries per second below which it does */
#define ILS_USEFUL 0.8		/* an inserted action is one that helped */
#define ILS_END_HALF 0.5	/* a cut falls in the end half */
#define ILS_INSERT 55		/* perturbations, in percent: insert 1-3 */
#define ILS_SEED_RUN 70		/* ... a run of 2-5 seed passes (15%) */
#define ILS_DELETE 85		/* ... delete 1-2 (15%), else replace one */

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
	uint64_t sig = cg_eng_signature(m, *c);
	int a, all = e->nuseful == 0;

	while (*n < e->limit && !cg_eng_over(e) && !optimum(e, sig, 0)) {
		next = cg_eng_greedystep(e, m, seq, *n, *c, all ? NULL : e->useful,
		    !all, &a, &k);
		if (next == NULL) {
			if (!all && *c > bar)
				break;
			if (all) {
				if (!cg_eng_over(e))
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
		sig = cg_eng_signature(m, k);
		all = 0;
		/* Report as it goes: on a large module the time may end
		 * before the descent does. */
		cg_eng_report(e, seq, *n, k, m);
	}
	return m;
}

/* A random action, mostly one that has changed the cost before. */
static int
someaction(struct eng *e)
{
	int a;

	do
		a = cg_eng_pick(e);
	while (e->nuseful > 0 && cg_eng_unit(e) < ILS_USEFUL && !e->useful[a]);
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
	int n = t->n, ins = 0, del = 0, i, s, move = cg_eng_int(e, 100);
	int add[8];

	if (cg_eng_unit(e) < ILS_END_HALF)
		*k = n / 2 + cg_eng_int(e, n - n / 2 + 1);
	else
		*k = cg_eng_int(e, n + 1);
	if (move < ILS_INSERT || n == 0 || *k == n) {
		for (ins = 1 + cg_eng_int(e, 3), i = 0; i < ins; i++)
			add[i] = someaction(e);
	} else if (move < ILS_SEED_RUN) {
		ins = 2 + cg_eng_int(e, 4);
		if (ins > e->nseed[0])		/* a seed cut by --actions */
			ins = e->nseed[0];
		s = cg_eng_int(e, e->nseed[0] - ins + 1);
		for (i = 0; i < ins; i++)
			add[i] = e->seed[0][s + i];
		if (ins == 0)
			add[ins++] = someaction(e);
	} else if (move < ILS_DELETE) {
		del = 1 + cg_eng_int(e, 2);
		if (*k + del > n)
			del = n - *k;
	} else {
		del = ins = 1;
		add[0] = someaction(e);
	}
	if (n - del + ins > e->limit)
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

	for (i = t->n - 1; i >= 0 && !cg_eng_over(e); i--) {
		n = t->n - 1;
		memcpy(seq, t->seq, (size_t)i * sizeof(int));
		memcpy(seq + i, t->seq + i + 1, (size_t)(n - i) * sizeof(int));
		m = cg_traj_try(e, t, seq, n, i, &c);
		if (c < INFINITY && c <= t->cost) {
			down |= c < t->cost;
			cg_eng_report(e, seq, n, c, m);
			cg_traj_set(e, t, seq, n, i);
		}
		LLVMDisposeModule(m);
	}
	return down;
}

static void
adopt(struct eng *e, struct traj *t)
{
	int seq[MAXLEN], n;

	if (cg_eng_globalbest(e, t->cost, seq, &n))
		cg_traj_set(e, t, seq, n, 0);
}

/*
 * The start: the best of all for a worker that replaces another, else
 * the seed; then a descent from it.
 */
static void
ils_start(struct eng *e, struct traj *t)
{
	int seq[MAXLEN], n;
	double c;
	LLVMModuleRef m;

	t->snap[0] = e->start;
	t->stride = cg_traj_stride(e);
	if (!e->fresh && cg_eng_globalbest(e, INFINITY, seq, &n))
		cg_traj_set(e, t, seq, n, 0);
	else
		cg_traj_seed(e, t);
	memcpy(seq, t->seq, (size_t)t->n * sizeof(int));
	n = t->n;
	c = t->cost;
	m = descend(e, LLVMCloneModule(t->snap[cg_traj_base(t, n)]), seq, &n,
	    &c, INFINITY);
	LLVMDisposeModule(m);
	if (c < t->cost)
		cg_traj_set(e, t, seq, n, t->n);
	if (t->n && t->snap[t->n])
		cg_eng_report(e, t->seq, t->n, t->cost, t->snap[t->n]);
}

/*
 * A restart after a long time without progress: from the global best, or
 * from a shaken copy of ours; every other time, from a new basin: a
 * random half of the Oz seed.  A few random actions are inserted.
 */
static void
ils_restart(struct eng *e, struct traj *t, int restarts)
{
	int seq[MAXLEN], n, k, p;

	if (restarts % 2 == 0) {
		for (n = 0, k = 0; k < e->nseed[0]; k++)
			if (cg_eng_unit(e) < ILS_SEED_HALF)
				seq[n++] = e->seed[0][k];
	} else if (!cg_eng_globalbest(e, t->cost + 1e-9, seq, &n))
		memcpy(seq, t->seq, (size_t)(n = t->n) * sizeof(int));
	for (k = 0; k < ILS_RESTART_SHAKE && n < e->limit; k++) {
		p = cg_eng_int(e, n + 1);
		memmove(seq + p + 1, seq + p, (size_t)(n - p) * sizeof(int));
		seq[p] = cg_eng_pick(e);
		n++;
	}
	cg_traj_set(e, t, seq, n, 0);
}

/*
 * The incumbent may be one whose program does not behave (new entries on
 * the blacklist): then start again from the best of all.  1 if it did.
 */
static int
ils_retracted(struct eng *e, struct traj *t, int *seen)
{
	int seq[MAXLEN], n;

	if (e->sh->nblack == *seen)
		return 0;
	*seen = e->sh->nblack;
	if (!cg_shared_blackprefix(e->sh, t->seq, t->n))
		return 0;
	if (!cg_eng_globalbest(e, INFINITY, seq, &n))
		n = 0;
	cg_traj_set(e, t, seq, n, 0);
	return 1;
}

void
cg_search_ils(struct eng *e)
{
	struct traj *t = cg_calloc(1, sizeof(*t));
	int seq[MAXLEN], n, k, stale = 0, tries = 0, seen = 0, restarts = 0;
	double c, t0, lastsync;
	LLVMModuleRef m;

	ils_start(e, t);
	/*
	 * Workers search apart, each in its own basin, and meet when one
	 * restarts.  But on a large program, where a try takes about a
	 * second, there are too few tries for that: there, a worker takes
	 * over the best of all every second.
	 */
	t0 = lastsync = cg_now();
	while (!cg_eng_over(e)) {
		if (ils_retracted(e, t, &seen))
			stale = 0;
		if (e->shared && cg_now() - lastsync > ILS_SYNC_SECONDS) {
			if (tries < ILS_SLOW_TRIES * (cg_now() - t0))
				adopt(e, t);
			lastsync = cg_now();
		}
		tries++;
		if ((n = perturb(e, t, seq, &k)) < 0) {
			cg_traj_set(e, t, t->seq, t->n / 2, 0);
			continue;
		}
		m = cg_traj_try(e, t, seq, n, k, &c);
		if (c == INFINITY) {
			LLVMDisposeModule(m);
			continue;
		}
		m = descend(e, m, seq, &n, &c, t->cost);
		if (c < t->cost || (c == t->cost && n < t->n)) {
			if (c < t->cost)
				stale = 0;
			cg_eng_report(e, seq, n, c, m);
			LLVMDisposeModule(m);
			cg_traj_set(e, t, seq, n, k);
			continue;
		}
		LLVMDisposeModule(m);
		/* Stuck for a while: try the deletions before the
		 * perturbations run out. */
		if (++stale == ILS_PRUNE_AFTER && prune(e, t))
			stale = 0;
		if (stale >= ILS_RESTART_AFTER) {
			stale = 0;
			ils_restart(e, t, ++restarts);
		}
	}
	cg_traj_cut(t, 1);
	free(t);
}
