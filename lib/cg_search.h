/*
 * Pass-order search.  Worker processes search in-process on cloned
 * modules (no serialisation per step) and report improvements to the
 * master; a worker killed by a pass (crash, abort, timeout) is replaced and
 * the action sequence that killed it is never tried again.  The master
 * keeps the best sequences; the caller re-derives the winner the canonical
 * way (cg_episode_step) so that the state written replays exactly.
 * Layer 8 (search and validation).
 */
#ifndef CG_SEARCH_H
#define CG_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "cg_episode.h"
#include "cg_state.h"

enum cg_search_algo {
	CG_SEARCH_ILS,		/* default: seeded iterated local search */
	CG_SEARCH_RANDOM,	/* CompilerGym's random search with patience */
	CG_SEARCH_GREEDY,	/* every action each step, keep the best */
	CG_SEARCH_EGREEDY,	/* greedy with random steps, repeated */
	CG_SEARCH_BEAM,		/* beam search over action sequences */
	CG_SEARCH_ANNEAL,	/* simulated annealing over sequences */
	CG_SEARCH_MINIMIZE	/* the fewest actions that give the module */
};

/* What a search tells its caller as it goes (cg_search_opts.progress). */
enum cg_search_event {
	CG_SEARCH_TICK,		/* twice a second */
	CG_SEARCH_DIED,		/* a worker was killed, and replaced */
	CG_SEARCH_RETRACTED,	/* a result did not behave: retracted */
	CG_SEARCH_IMPROVED,	/* a better result: the best changed */
	CG_SEARCH_END		/* once, at the end */
};

struct cg_search_news {
	enum cg_search_event what;
	double elapsed;		/* seconds since the start */
	double left;		/* seconds left, or -1 with no time budget */
	uint64_t steps;		/* actions applied by all workers */
	double best, start;	/* the best cost so far; the start's */
	size_t nactions;	/* the length of the best, */
	const int *actions;	/* ... its actions (borrowed) */
	int worker;		/* DIED: the worker */
	const char *why;	/* DIED: what ended it (borrowed) */
	int at;			/* DIED: the action of its candidate that
				   ran; RETRACTED: the length of the prefix
				   that does not behave */
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
	const int *actions;	/* the actions it may use (indices of the
				   state's space), or NULL for all */
	int nactions;
	int max_length;		/* the longest sequence; 0: 399 */
	const int *from;	/* minimize: the actions from the start that */
	int nfrom;		/* ... give the module target */
	const struct cg_buf *target;
	double action_timeout;	/* seconds one action may take in a worker */
	/* Called as the search goes, when not NULL (the library prints
	 * nothing). */
	void (*progress)(void *arg, const struct cg_search_news *n);
	void *progress_arg;
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

#define CG_SEARCH_TOPK 32	/* the best sequences a search keeps */

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

/* A search of a state as cg-search makes it (cg_search_state()). */
struct cg_search_job {
	struct cg_search_opts o;	/* its cost and check are set */
	const char *reward;	/* the reward space: NULL for the state's,
				   or CG_SEARCH_REWARD without one */
	int semantics;		/* only a result whose program behaves */
	struct cg_step_opts step;
};

#define CG_SEARCH_REWARD "IrInstructionCountOz"

/* What became of it. */
struct cg_search_outcome {
	double start, cost;	/* the cost before, and of the result */
	int found;		/* a result better than the start */
	int checked;		/* its program was run and behaves */
	int skipped;		/* better results whose program did not */
	char why[64];		/* the first skipped one's error */
	uint64_t steps;
	double seconds;
	int restarts, retracted;	/* as cg_search_result's */
};

/*
 * Searches from in (borrowed) with a reward space (the state's, or
 * j->reward), and gives in *best (initialised) the state to write: the
 * best sequence found, re-derived the canonical way (cg_episode_step) so
 * that it replays exactly; with j->semantics, for a benchmark with
 * something to run, the best whose program behaves as the unoptimised
 * one, and best results that do not behave are retracted while the
 * search goes on; when nothing better is found, in itself.  -1 with a
 * recorded error: bad input (3), or an episode that has ended (4, and
 * *best is in, to be written as it was).
 */
int cg_search_state(const struct cg_state *in,
    const struct cg_search_job *j, struct cg_state *best,
    struct cg_search_outcome *out);

/* The algorithm named s; -1 with status 2 when unknown. */
int cg_search_algo_parse(const char *s, enum cg_search_algo *algo);
/* The name of an algorithm ("?" past the last one). */
const char *cg_search_algo_name(enum cg_search_algo algo);
/* Runs a search from st (borrowed); -1 with a recorded error. */
int cg_search_run(const struct cg_state *st, const struct cg_search_opts *o,
    struct cg_search_result *res);
/*
 * Keeps seq[0..n) of cost c among the CG_SEARCH_TOPK best of res, in
 * order: a lower cost first and, at equal cost, the shorter sequence
 * first (and the one kept earlier, at equal length); a sequence kept
 * already is not kept twice.
 */
void cg_search_result_keep(struct cg_search_result *res, double c,
    const int *seq, size_t n);
void cg_search_result_release(struct cg_search_result *res);

#endif
