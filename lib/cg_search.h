/*
 * Pass-order search.  Worker processes search in-process on cloned
 * modules (no serialisation per step) and report improvements to the
 * master; a worker killed by a pass (crash, abort, timeout) is replaced and
 * the action sequence that killed it is never tried again.  The master
 * keeps the best sequences; the caller re-derives the winner the canonical
 * way (cg_episode_step) so that the state written replays exactly.
 */
#ifndef CG_SEARCH_H
#define CG_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "cg_state.h"

enum cg_search_algo {
	CG_SEARCH_ILS,		/* default: seeded iterated local search */
	CG_SEARCH_RANDOM,	/* CompilerGym's random search with patience */
	CG_SEARCH_GREEDY,	/* every action each step, keep the best */
	CG_SEARCH_EGREEDY,	/* greedy with random steps, repeated */
	CG_SEARCH_BEAM,		/* beam search over action sequences */
	CG_SEARCH_ANNEAL	/* simulated annealing over sequences */
};

struct cg_search_opts {
	enum cg_search_algo algo;
	double seconds;		/* time budget; 0 for none */
	uint64_t steps;		/* budget in actions applied; 0 for none */
	int jobs;		/* worker processes */
	uint64_t seed;
	int patience;		/* random search */
	double epsilon;		/* e-greedy */
	int beam_width;		/* beam search */
	double action_timeout;	/* seconds one action may take in a worker */
	int progress;		/* print progress on stderr */
	const char *cost;	/* the cost to minimise, e.g. IrInstructionCount */
	long runtime_count;	/* Runtime cost: timed runs (default 1) */
	long warmup;		/* Runtime cost: untimed runs before them */
	volatile int *stop;	/* set by a signal handler to stop early */
	/*
	 * With check, the master checks the best sequence found while the
	 * search goes on, one at a time in a child process.  check gets the
	 * bitcode of the program after the sequence and returns 1 if it
	 * behaves, 0 if not, -1 if it cannot tell.  *run is -1 to check
	 * every run of the program, or the one run to check; on a 0 return,
	 * check sets it to the run that failed (-1 if none in particular).
	 * When the best does not behave, its shortest prefix that fails
	 * the same run is found (rerunning only that one), and every
	 * sequence that starts with it leaves the results and is never
	 * tried again.
	 */
	int (*check)(void *arg, const void *bc, size_t n, int *run);
	void *check_arg;
};

/* The best sequences found, best first (new; free with _release). */
struct cg_search_result {
	struct cg_search_candidate {
		double cost;
		int *actions;
		size_t n;
		int checked;	/* 1 check said it behaves, -1 it could not tell */
	} *best;
	size_t nbest;
	double start_cost;
	uint64_t steps;		/* actions applied by all workers */
	double seconds;		/* time spent searching */
	int restarts;		/* workers replaced after a crash */
	int retracted;		/* prefixes found not to behave by check */
};

/* The algorithm named s; -1 with status 2 when unknown. */
int cg_search_algo_parse(const char *s, enum cg_search_algo *algo);
/* The name of an algorithm ("?" past the last one). */
const char *cg_search_algo_name(enum cg_search_algo algo);
/* Runs a search from st (borrowed); -1 with a recorded error. */
int cg_search_run(const struct cg_state *st, const struct cg_search_opts *o,
    struct cg_search_result *res);
void cg_search_result_release(struct cg_search_result *res);

#endif
