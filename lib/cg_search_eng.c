#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cg_error.h"
#include "cg_features.h"
#include "cg_module.h"
#include "cg_search_eng.h"

uint64_t
cg_search_hash(uint64_t h, int a)
{
	return (h ^ (uint64_t)(unsigned)a) * 0x100000001b3ull;
}

uint64_t
cg_eng_rnd(struct eng *e)
{
	/* xorshift64* */
	e->rng ^= e->rng >> 12;
	e->rng ^= e->rng << 25;
	e->rng ^= e->rng >> 27;
	return e->rng * 0x2545f4914f6cdd1dull;
}

int
cg_eng_int(struct eng *e, int n)
{
	return (int)(cg_eng_rnd(e) % (uint64_t)n);
}

double
cg_eng_unit(struct eng *e)
{
	return (double)(cg_eng_rnd(e) >> 11) / 9007199254740992.0;
}

int
cg_eng_pick(struct eng *e)
{
	return e->acts[cg_eng_int(e, e->nacts)];
}

int
cg_eng_over(struct eng *e)
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

double
cg_eng_cost(struct eng *e, LLVMModuleRef m)
{
	double v;

	if (cg_obs_measure(e->o->cost, &e->ctx, m, &v) < 0)
		return INFINITY;
	return v;
}

/* Whether a prefix of seq[0..n) is on the blacklist. */
int
cg_shared_blackprefix(const struct shared *sh, const int *seq, int n)
{
	uint64_t h = CG_SEARCH_HASH0;
	int i, k, nb = sh->nblack;

	if (nb == 0)
		return 0;
	for (i = 0; i < n; i++) {
		h = cg_search_hash(h, seq[i]);
		for (k = 0; k < nb; k++)
			if (sh->black[k].len == i + 1 && sh->black[k].hash == h)
				return 1;
	}
	return 0;
}

/* Puts seq[0..n) on the blacklist (if there is room). */
void
cg_shared_blacklist(struct shared *sh, const int *seq, int n)
{
	uint64_t h = CG_SEARCH_HASH0;
	int i;

	if (n <= 0 || sh->nblack >= MAXBLACK)
		return;
	for (i = 0; i < n; i++)
		h = cg_search_hash(h, seq[i]);
	sh->black[sh->nblack].len = n;
	sh->black[sh->nblack].hash = h;
	__sync_synchronize();
	sh->nblack++;
}

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
	if (e->bestn == 0 || !cg_shared_blackprefix(e->sh, e->bestseq, e->bestn))
		return;
	e->best = e->c0;
	e->bestn = 0;
	if (cg_eng_globalbest(e, e->c0, e->bestseq, &n)) {
		e->best = e->sh->best_cost;
		e->bestn = n;
	}
}

/* Publishes the candidate seq[0..n) before running its actions. */
void
cg_eng_begin(struct eng *e, const int *seq, int n)
{
	memcpy(e->slot->acts, seq, (size_t)n * sizeof(int));
	e->slot->len = n;
}

/* Applies seq[pos] to m in place; -1 if that prefix is known to kill. */
int
cg_eng_act(struct eng *e, LLVMModuleRef m, const int *seq, int pos)
{
	const struct cg_action *a;
	int r;

	if (e->sh->nblack != e->nblack)
		newblack(e);
	if (e->sh->nblack && cg_shared_blackprefix(e->sh, seq, pos + 1))
		return -1;
	e->slot->since = cg_now();
	e->slot->pos = pos;
	a = cg_space_action(e->space, seq[pos]);
	cg_module_fault(m, a->flag);
	r = cg_module_act(m, a);
	e->slot->pos = -1;
	e->slot->steps++;
	return r;
}

/* Reports an improvement to the master, after verifying the module. */
void
cg_eng_report(struct eng *e, const int *seq, int n, double c, LLVMModuleRef m)
{
	if (c >= e->best || cg_module_verify(m) < 0)
		return;
	e->best = c;
	memcpy(e->bestseq, seq, (size_t)n * sizeof(int));
	e->bestn = n;
	cg_eng_send(e, seq, n, c);
}

void
cg_eng_send(struct eng *e, const int *seq, int n, double c)
{
	struct cg_buf b = CG_BUF_INIT;
	int32_t len = n;

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
int
cg_eng_globalbest(struct eng *e, double cost, int *seq, int *n)
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

void
cg_eng_useful(struct eng *e, int a)
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
double
cg_eng_replay(struct eng *e, LLVMModuleRef m, const int *seq, int from, int n)
{
	int i;

	cg_eng_begin(e, seq, n);
	for (i = from; i < n; i++)
		if (cg_eng_act(e, m, seq, i) < 0)
			return INFINITY;
	return cg_eng_cost(e, m);
}

/*
 * One greedy step from m: tries the actions of set (all when NULL) on
 * clones and returns the best clone (new) with its action and cost, or
 * NULL when none lowers cur.  Ties go to the higher index, as CompilerGym.
 * With first, tries them from a random place and stops at the first that
 * lowers the cost (about half the passes of a sweep, for a descent): the
 * light actions first, then those that run a whole pipeline, which cost
 * as much as all the others together (PassesLlvm19's).
 */
LLVMModuleRef
cg_eng_greedystep(struct eng *e, LLVMModuleRef m, int *seq, int n, double cur,
    const unsigned char *set, int first, int *besta, double *bestc)
{
	LLVMModuleRef best = NULL, c;
	double k, bk = INFINITY;
	int a, i, nh = e->nacts - e->nlight;
	int fl = first && e->nlight ? cg_eng_int(e, e->nlight) : 0;
	int fh = first && nh ? cg_eng_int(e, nh) : 0;

	for (i = 0; i < e->nacts && !cg_eng_over(e) && !(first && best); i++) {
		if (!first)
			a = e->acts[i];
		else if (i < e->nlight)
			a = e->cheap[(fl + i) % e->nlight];
		else
			a = e->cheap[e->nlight + (fh + i - e->nlight) % nh];
		if (set && !set[a])
			continue;
		c = LLVMCloneModule(m);
		seq[n] = a;
		cg_eng_begin(e, seq, n + 1);
		k = cg_eng_act(e, c, seq, n) < 0 ? INFINITY : cg_eng_cost(e, c);
		if (k != cur && k != INFINITY)
			cg_eng_useful(e, a);
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

uint64_t
cg_eng_signature(LLVMModuleRef m, double c)
{
	int64_t v[CG_INSTCOUNT_N];
	uint64_t h = CG_SEARCH_HASH0;
	int i;

	cg_features_instcount(m, v);
	for (i = 0; i < CG_INSTCOUNT_N; i++)
		h = cg_search_hash(h, (int)v[i]);
	return cg_search_hash(h, (int)c);
}
