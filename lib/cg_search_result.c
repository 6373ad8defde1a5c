/* The best sequences a search keeps. */
#include <stdlib.h>
#include <string.h>

#include "cg_error.h"
#include "cg_search.h"

void
cg_search_result_keep(struct cg_search_result *res, double c, const int *seq,
    size_t n)
{
	size_t i, j;

	if (res->best == NULL)
		res->best = cg_calloc(CG_SEARCH_TOPK + 1, sizeof(*res->best));
	for (i = 0; i < res->nbest; i++)
		if (res->best[i].n == n &&
		    memcmp(res->best[i].actions, seq, n * sizeof(int)) == 0)
			return;
	/* Lower cost first; at equal cost, the shorter sequence first. */
	for (i = 0; i < res->nbest; i++)
		if (c < res->best[i].cost ||
		    (c == res->best[i].cost && n < res->best[i].n))
			break;
	if (i == CG_SEARCH_TOPK)
		return;
	if (res->nbest == CG_SEARCH_TOPK)
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

void
cg_search_result_release(struct cg_search_result *res)
{
	size_t i;

	for (i = 0; i < res->nbest; i++)
		free(res->best[i].actions);
	free(res->best);
	memset(res, 0, sizeof(*res));
}
