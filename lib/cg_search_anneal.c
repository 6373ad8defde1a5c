/* Simulated annealing over action sequences. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cg_error.h"
#include "cg_proc.h"
#include "cg_search_eng.h"

void
cg_search_anneal(struct eng *e)
{
	struct traj *t = cg_calloc(1, sizeof(*t));
	int seq[MAXLEN], n, k, r, a;
	double c, temp, t0 = e->c0 * 0.01 + 1, start = cg_now(), frac;
	uint64_t steps0 = e->slot->steps;
	LLVMModuleRef m;

	t->snap[0] = e->start;
	t->stride = cg_traj_stride(e);
	cg_traj_seed(e, t);
	if (t->n && t->snap[t->n])
		cg_eng_report(e, t->seq, t->n, t->cost, t->snap[t->n]);
	while (!cg_eng_over(e)) {
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
		r = cg_eng_int(e, 10);
		k = cg_eng_int(e, n + 1);
		a = cg_eng_pick(e);
		if (r < 5 || n == 0) {		/* insert */
			if (n >= e->limit)
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
			k = cg_eng_int(e, n - 1);
			a = seq[k], seq[k] = seq[k + 1], seq[k + 1] = a;
		}
		m = cg_traj_try(e, t, seq, n, k, &c);
		if (c != INFINITY && (c <= t->cost ||
		    cg_eng_unit(e) < exp(-(c - t->cost) / temp))) {
			cg_eng_report(e, seq, n, c, m);
			LLVMDisposeModule(m);
			cg_traj_set(e, t, seq, n, k);
		} else
			LLVMDisposeModule(m);
	}
	cg_traj_cut(t, 1);
	free(t);
}
