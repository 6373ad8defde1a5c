/* Random walks, greedy, e-greedy and beam search. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cg_error.h"
#include "cg_search_eng.h"

/* CompilerGym's random search: random walks that stop after patience
 * steps without beating the worker's best. */
void
cg_search_random(struct eng *e)
{
	int seq[MAXLEN], n, p;
	double c;

	while (!cg_eng_over(e)) {
		LLVMModuleRef m = LLVMCloneModule(e->start);
		n = 0;
		p = e->o->patience;
		while (p-- >= 0 && n < e->limit && !cg_eng_over(e)) {
			seq[n] = cg_eng_pick(e);
			cg_eng_begin(e, seq, n + 1);
			if (cg_eng_act(e, m, seq, n) < 0)
				break;
			n++;
			c = cg_eng_cost(e, m);
			if (c < e->best) {
				cg_eng_report(e, seq, n, c, m);
				p = e->o->patience;
			}
		}
		LLVMDisposeModule(m);
	}
}

void
cg_search_greedy(struct eng *e, double epsilon)
{
	int seq[MAXLEN], n, a;
	double cur, c;

	do {
		LLVMModuleRef m = LLVMCloneModule(e->start), next;
		n = 0;
		cur = e->c0;
		while (n < e->limit && !cg_eng_over(e)) {
			if (epsilon > 0 && cg_eng_unit(e) < epsilon) {
				seq[n] = cg_eng_pick(e);
				cg_eng_begin(e, seq, n + 1);
				if (cg_eng_act(e, m, seq, n) < 0)
					break;
				n++;
				cur = cg_eng_cost(e, m);
				cg_eng_report(e, seq, n, cur, m);
				continue;
			}
			next = cg_eng_greedystep(e, m, seq, n, cur, NULL, 0, &a, &c);
			if (next == NULL)
				break;
			LLVMDisposeModule(m);
			m = next;
			seq[n++] = a;
			cur = c;
			cg_eng_report(e, seq, n, cur, m);
		}
		LLVMDisposeModule(m);
	} while (epsilon > 0 && !cg_eng_over(e));
}

struct beamitem {
	LLVMModuleRef m;
	double cost;
	uint64_t sig;		/* cost and InstCount: to drop duplicates */
	int n;
	int seq[MAXLEN];
};


void
cg_search_beam(struct eng *e)
{
	int w = e->o->beam_width > 0 ? e->o->beam_width : 4;
	struct beamitem *beam = cg_calloc((size_t)w, sizeof(*beam));
	struct beamitem *next = cg_calloc((size_t)w, sizeof(*next));
	struct beamitem cand;
	int nbeam = 1, nnext, i, x, a, j, k, stale = 0;
	double best = e->c0;

	beam[0].m = LLVMCloneModule(e->start);
	beam[0].cost = e->c0;
	while (!cg_eng_over(e) && stale < 2) {
		nnext = 0;
		for (i = 0; i < nbeam && !cg_eng_over(e); i++) {
			if (beam[i].n >= e->limit)
				continue;
			for (x = 0; x < e->nacts && !cg_eng_over(e); x++) {
				a = e->acts[x];
				memcpy(cand.seq, beam[i].seq, (size_t)beam[i].n * sizeof(int));
				cand.n = beam[i].n + 1;
				cand.seq[cand.n - 1] = a;
				cand.m = LLVMCloneModule(beam[i].m);
				cg_eng_begin(e, cand.seq, cand.n);
				if (cg_eng_act(e, cand.m, cand.seq, cand.n - 1) < 0) {
					LLVMDisposeModule(cand.m);
					continue;
				}
				cand.cost = cg_eng_cost(e, cand.m);
				cand.sig = cg_eng_signature(cand.m, cand.cost);
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
			cg_eng_report(e, beam[0].seq, beam[0].n, best, beam[0].m);
			stale = 0;
		} else
			stale++;
	}
	for (i = 0; i < nbeam && nnext; i++)
		LLVMDisposeModule(beam[i].m);
	free(beam);
	free(next);
}
