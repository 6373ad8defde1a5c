/*
 * Minimising a sequence: the fewest of its actions, in order, that give
 * the same module.  Each action is dropped in turn, from the last, when
 * the sequence without it gives the same bytes; passes over the sequence
 * go on until one drops nothing (each action is then needed: a 1-minimal
 * sequence, not always the shortest).
 *
 * Sequences are replayed the canonical way, as cg_episode_step does: each
 * action runs on the module read from the bitcode the one before wrote.
 * (A module kept in memory from one action to the next gives other bytes
 * after some actions: the bitcode does not keep the order of use lists.)
 * The bitcode after every stride-th action is kept, so that dropping an
 * action replays only from the last one kept before it.
 */
#include <stdlib.h>
#include <string.h>

#include "cg_error.h"
#include "cg_module.h"
#include "cg_search_eng.h"

struct minseq {
	int seq[MAXLEN], n;
	struct cg_buf snap[MAXLEN + 1];	/* after k actions, k % stride == 0 */
	int stride;
};

/*
 * Replays seq[from..n) on the bitcode in b (which is after seq[0..from)),
 * keeping in ms->snap the bitcode after each stride-th action when keep.
 * 0, or -1 if an action failed.
 */
static int
replay(struct eng *e, struct minseq *ms, const int *seq, int from, int n,
    struct cg_buf *b, int keep)
{
	LLVMModuleRef m;
	int i, r;

	cg_eng_begin(e, seq, n);
	for (i = from; i < n; i++) {
		if ((m = cg_module_parse(b->data, b->len)) == NULL)
			return -1;
		r = cg_eng_act(e, m, seq, i) < 0 || cg_module_verify(m) < 0;
		if (r == 0) {
			cg_buf_reset(b);
			cg_module_write(m, b);
		}
		LLVMDisposeModule(m);
		if (r)
			return -1;
		if (keep && (i + 1) % ms->stride == 0) {
			cg_buf_reset(&ms->snap[i + 1]);
			cg_buf_add(&ms->snap[i + 1], b->data, b->len);
		}
	}
	return 0;
}

static int
same(const struct cg_buf *a, const struct cg_buf *b)
{
	return a->len == b->len && memcmp(a->data, b->data, a->len) == 0;
}

/*
 * One pass: drops each action of ms, from the last, whose sequence
 * without it gives target.  -1 if the whole sequence does not give it;
 * else the number dropped.
 */
static int
sweep(struct eng *e, struct minseq *ms, const struct cg_buf *target)
{
	struct cg_buf b = CG_BUF_INIT;
	int seq[MAXLEN], i, base, dropped = 0;

	cg_buf_add(&b, ms->snap[0].data, ms->snap[0].len);
	if (replay(e, ms, ms->seq, 0, ms->n, &b, 1) < 0 || !same(&b, target)) {
		cg_buf_release(&b);
		return -1;
	}
	/* The snapshots before i stay good as actions at i or later go. */
	for (i = ms->n - 1; i >= 0 && !cg_eng_over(e); i--) {
		memcpy(seq, ms->seq, (size_t)i * sizeof(int));
		memcpy(seq + i, ms->seq + i + 1,
		    (size_t)(ms->n - 1 - i) * sizeof(int));
		base = i - i % ms->stride;
		cg_buf_reset(&b);
		cg_buf_add(&b, ms->snap[base].data, ms->snap[base].len);
		if (replay(e, ms, seq, base, ms->n - 1, &b, 0) == 0 &&
		    same(&b, target)) {
			memcpy(ms->seq, seq, (size_t)--ms->n * sizeof(int));
			cg_eng_send(e, ms->seq, ms->n, 0);
			dropped++;
		}
	}
	cg_buf_release(&b);
	return dropped;
}

void
cg_search_minimize(struct eng *e)
{
	struct minseq *ms = cg_calloc(1, sizeof(*ms));
	const struct cg_search_opts *o = e->o;
	int i;

	ms->n = o->nfrom < MAXLEN ? o->nfrom : MAXLEN;
	memcpy(ms->seq, o->from, (size_t)ms->n * sizeof(int));
	ms->stride = cg_traj_stride(e);
	cg_module_write(e->start, &ms->snap[0]);
	while (!cg_eng_over(e) && sweep(e, ms, o->target) > 0)
		;
	for (i = 0; i <= MAXLEN; i++)
		cg_buf_release(&ms->snap[i]);
	free(ms);
}
