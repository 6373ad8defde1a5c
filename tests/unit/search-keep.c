/*
 * Unit test of the rule by which a search keeps its best sequences: lower
 * cost first, the shorter at equal cost, no sequence twice, the 32 best.
 * Prints what is wrong and exits 1, or exits 0.
 */
#include <stdio.h>
#include <string.h>

#include "cg_search.h"

static int failed;

static void
expect(int ok, const char *what)
{
	if (!ok) {
		printf("not so: %s\n", what);
		failed = 1;
	}
}

int
main(void)
{
	struct cg_search_result r;
	int a[3] = { 1, 2, 3 }, b[2] = { 4, 5 }, c[4] = { 7, 7, 7, 7 };
	int d[2] = { 8, 9 }, seq[1];
	int i;

	memset(&r, 0, sizeof(r));
	cg_search_result_keep(&r, 10, a, 3);
	cg_search_result_keep(&r, 10, b, 2);
	expect(r.nbest == 2, "two sequences are kept");
	expect(r.best[0].n == 2 && r.best[0].actions[0] == 4,
	    "at equal cost the shorter sequence comes first");
	cg_search_result_keep(&r, 10, d, 2);
	expect(r.best[0].actions[0] == 4 && r.best[1].actions[0] == 8,
	    "at equal cost and length the one kept first stays first");
	cg_search_result_keep(&r, 9, c, 4);
	expect(r.best[0].cost == 9 && r.best[0].n == 4,
	    "a lower cost comes first, however long");
	cg_search_result_keep(&r, 9, c, 4);
	expect(r.nbest == 4, "a sequence kept already is not kept twice");
	for (i = 0; i < 40; i++) {
		seq[0] = 100 + i;
		cg_search_result_keep(&r, 20 + i, seq, 1);
	}
	expect(r.nbest == CG_SEARCH_TOPK, "no more than the 32 best");
	expect(r.best[CG_SEARCH_TOPK - 1].cost == 47,
	    "the worst are the ones dropped");
	for (i = 1; i < (int)r.nbest; i++)
		expect(r.best[i - 1].cost < r.best[i].cost ||
		    (r.best[i - 1].cost == r.best[i].cost &&
		    r.best[i - 1].n <= r.best[i].n), "best first");
	cg_search_result_release(&r);
	return failed;
}
