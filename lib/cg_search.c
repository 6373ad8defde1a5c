#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cg_episode.h"
#include "cg_error.h"
#include "cg_module.h"
#include "cg_reward.h"
#include "cg_run.h"
#include "cg_search.h"
#include "cg_validate.h"

static const struct {
	const char *name;
	enum cg_search_algo algo;
} algos[] = {
	{ "ils", CG_SEARCH_ILS }, { "random", CG_SEARCH_RANDOM },
	{ "greedy", CG_SEARCH_GREEDY }, { "e-greedy", CG_SEARCH_EGREEDY },
	{ "beam", CG_SEARCH_BEAM }, { "anneal", CG_SEARCH_ANNEAL },
	{ "minimize", CG_SEARCH_MINIMIZE }, { "default", CG_SEARCH_ILS },
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

/* What checking behaviour during a search needs. */
struct behaviour {
	const struct cg_state *st;	/* the start */
	struct cg_state reset;		/* the benchmark's module at reset */
	struct cg_gold gold;		/* the runs of its program */
	int hasgold;			/* they ran: check while searching */
	double timeout;
	int on;				/* there is something to check */
};

/*
 * Whether the program of bitcode bc behaves as the program at reset,
 * checked as cg-validate --semantics does (see cg_search_opts.check).
 */
static int
behaves(struct behaviour *b, const void *bc, size_t n, int *run,
    struct cg_verdict *v)
{
	struct cg_validate_opts vo = { .semantics = 1, .first = 1,
	    .only = *run + 1, .timeout = b->timeout,
	    .gold = b->hasgold ? &b->gold : NULL };
	struct cg_buf opt = { (unsigned char *)bc, n, n };

	switch (cg_validate_semantics(b->st, &b->reset.bitcode, &opt, &vo,
	    NULL, v)) {
	case CG_MISBEHAVES:
		*run = v->run;
		return 0;
	case CG_UNTOLD:
		*run = v->run;
		return -1;
	default:
		return 1;
	}
}

static int
check(void *arg, const void *bc, size_t n, int *run)
{
	struct cg_verdict v;

	return behaves(arg, bc, n, run, &v);
}

/*
 * Prepares the checks of st's program: the module at reset is the
 * reference, and its runs are made once for all the checks.  Nothing to
 * check (b->on 0) when the benchmark has nothing to run.  When those runs
 * cannot be made, nothing is checked while searching, and no result can
 * be told to behave.  b was initialised by behaviour_init().
 */
static int
behaviour_start(struct behaviour *b, const struct cg_state *st,
    const struct cg_search_job *j)
{
	struct cg_bench bench = cg_bench_of(st);
	struct cg_runcfg rc;
	int r;

	b->st = st;
	b->timeout = j->step.timeout;
	if ((r = cg_run_load(&bench, &rc)) != 0)
		return r < 0 ? -1 : 0;
	cg_run_release(&rc);
	if (cg_episode_reset(&b->reset, &bench, st->reward_space, st->space,
	    j->step.timeout) < 0)
		return -1;
	b->on = 1;
	b->hasgold = cg_validate_gold(st, &b->reset.bitcode, &b->gold) == 0;
	return 0;
}

static void
behaviour_init(struct behaviour *b)
{
	memset(b, 0, sizeof(*b));
	cg_state_init(&b->reset);
}

static void
behaviour_release(struct behaviour *b)
{
	cg_state_release(&b->reset);
	cg_validate_gold_release(&b->gold);
}

/*
 * Re-derives the best sequences the canonical way (cg_episode_step): the
 * first that replays, improves on the start and, when checked, behaves,
 * is the result, in *best.  0 when one is found, 1 when none is.
 */
static int
rederive(const struct cg_state *st, const struct cg_search_result *res,
    const struct cg_search_job *j, struct behaviour *b,
    struct cg_state *best, struct cg_search_outcome *out)
{
	const struct cg_reward *r = cg_reward_lookup(st->reward_space);
	struct cg_verdict v;
	size_t i;
	int run;

	for (i = 0; i < res->nbest; i++) {
		cg_state_copy(best, st);
		if (cg_episode_step(best, res->best[i].actions,
		    res->best[i].n, &j->step) < 0)
			continue;
		if (cg_state_number(best->costs, r->cost, &out->cost) < 0 ||
		    out->cost >= out->start)
			continue;
		run = -1;
		if (b->on && behaves(b, best->bitcode.data, best->bitcode.len,
		    &run, &v) != 1) {
			if (out->skipped++ == 0)
				snprintf(out->why, sizeof(out->why), "%s",
				    v.type);
			continue;
		}
		out->checked = b->on;
		return 0;
	}
	cg_state_copy(best, st);
	out->cost = out->start;
	return 1;
}

/* What a search of in spent, in out and in best's walltime. */
static void
account(const struct cg_search_result *res, const struct cg_state *in,
    struct cg_state *best, struct cg_search_outcome *out)
{
	best->walltime = in->walltime + res->seconds;
	out->steps = res->steps;
	out->seconds = res->seconds;
	out->restarts = res->restarts;
	out->retracted = res->retracted;
}

/*
 * -s minimize: from the benchmark's start, the fewest of in's actions that
 * give in's module, in *best (in itself when none can go).
 */
static int
minimize(const struct cg_state *in, const struct cg_search_job *j,
    struct cg_state *best, struct cg_search_outcome *out)
{
	struct cg_bench bench = cg_bench_of(in);
	struct cg_search_opts o = j->o;
	struct cg_search_result res;
	struct cg_state r0;
	const struct cg_reward *r;
	int ret = -1;

	cg_state_init(&r0);
	if (cg_episode_reset(&r0, &bench, in->reward_space, in->space,
	    j->step.timeout) < 0)
		goto out;
	r = in->reward_space ? cg_reward_lookup(in->reward_space) : NULL;
	o.cost = r ? r->cost : "IrInstructionCount";
	o.from = in->actions;
	o.nfrom = (int)in->nactions;
	o.target = &in->bitcode;
	o.jobs = 1;	/* the sweeps are the same in every worker */
	o.check = NULL;
	if (cg_search_run(&r0, &o, &res) < 0)
		goto out;
	cg_state_copy(best, &r0);
	if (res.nbest > 0 && res.best[0].n < in->nactions &&
	    cg_episode_step(best, res.best[0].actions, res.best[0].n,
	    &j->step) == 0 && best->bitcode.len == in->bitcode.len &&
	    memcmp(best->bitcode.data, in->bitcode.data, in->bitcode.len) == 0)
		out->found = 1;
	else
		cg_state_copy(best, in);
	cg_state_number(in->costs, o.cost, &out->start);
	out->cost = out->start;
	account(&res, in, best, out);
	cg_search_result_release(&res);
	ret = 0;
out:
	cg_state_release(&r0);
	return ret;
}

int
cg_search_state(const struct cg_state *in, const struct cg_search_job *j,
    struct cg_state *best, struct cg_search_outcome *out)
{
	struct cg_search_opts o = j->o;
	struct cg_search_result res;
	struct behaviour b;
	struct cg_state st;
	int r = -1;

	memset(out, 0, sizeof(*out));
	if (in->done) {
		cg_state_copy(best, in);
		return cg_error(CG_EXIT_EPISODE, "episode has ended (%s); "
		    "reset it to search", in->error ? in->error : "done");
	}
	/* A module that kills LLVM's reader would kill every worker. */
	if (cg_module_check(in->bitcode.data, in->bitcode.len) < 0)
		return -1;
	if (j->o.algo == CG_SEARCH_MINIMIZE)
		return minimize(in, j, best, out);
	cg_state_init(&st);
	cg_state_copy(&st, in);
	behaviour_init(&b);
	if (cg_episode_set_reward(&st, j->reward ? j->reward :
	    CG_SEARCH_REWARD, j->reward != NULL) < 0)
		goto out;
	o.cost = cg_reward_lookup(st.reward_space)->cost;
	cg_state_number(st.costs, o.cost, &out->start);
	if (j->semantics && behaviour_start(&b, &st, j) < 0)
		goto out;
	o.check = b.hasgold ? check : NULL;
	o.check_arg = &b;
	if (cg_search_run(&st, &o, &res) < 0)
		goto out;
	out->found = rederive(&st, &res, j, &b, best, out) == 0;
	account(&res, &st, best, out);
	cg_search_result_release(&res);
	r = 0;
out:
	behaviour_release(&b);
	cg_state_release(&st);
	return r;
}
