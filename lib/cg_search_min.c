/*
 * Minimising a sequence: the fewest of its actions, in order, that give
 * the same module.  Each action is dropped in turn, from the last, when
 * the sequence without it gives the same bytes; passes over the sequence
 * go on until one drops nothing (each action is then needed: a 1-minimal
 * sequence, not always the shortest).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cg_error.h"
#include "cg_module.h"
#include "cg_search_eng.h"

/* 1 if m's bitcode is the target's. */
static int
same(LLVMModuleRef m, const struct cg_buf *target)
{
	struct cg_buf b = CG_BUF_INIT;
	int r;

	cg_module_write(m, &b);
	r = b.len == target->len && memcmp(b.data, target->data, b.len) == 0;
	cg_buf_release(&b);
	return r;
}

void
cg_search_minimize(struct eng *e)
{
	struct traj *t = cg_calloc(1, sizeof(*t));
	int seq[MAXLEN], n, i, dropped = 1;
	const struct cg_search_opts *o = e->o;
	LLVMModuleRef m;
	double c;

	t->snap[0] = e->start;
	t->stride = cg_traj_stride(e);
	n = o->nfrom < MAXLEN ? o->nfrom : MAXLEN;
	cg_traj_set(e, t, o->from, n, 0);
	if (t->n != n || !same(t->snap[n], o->target)) {
		/* The sequence does not give the module: nothing to do. */
		cg_traj_cut(t, 1);
		free(t);
		return;
	}
	cg_eng_send(e, t->seq, t->n, t->cost);
	while (dropped && !cg_eng_over(e)) {
		dropped = 0;
		for (i = t->n - 1; i >= 0 && !cg_eng_over(e); i--) {
			n = t->n - 1;
			memcpy(seq, t->seq, (size_t)i * sizeof(int));
			memcpy(seq + i, t->seq + i + 1,
			    (size_t)(n - i) * sizeof(int));
			m = cg_traj_try(e, t, seq, n, i, &c);
			if (c < INFINITY && same(m, o->target)) {
				cg_traj_set(e, t, seq, n, i);
				cg_eng_send(e, t->seq, t->n, t->cost);
				dropped = 1;
			}
			LLVMDisposeModule(m);
		}
	}
	cg_traj_cut(t, 1);
	free(t);
}
