/*
 * Episodes: reset and step, with all LLVM work in child processes so that
 * a pass that crashes, aborts or hangs ends the episode instead of the tool.
 * Layer 7 (episodes).
 */
#ifndef CG_EPISODE_H
#define CG_EPISODE_H

#include <stddef.h>

#include "cg_benchmark.h"
#include "cg_reward.h"
#include "cg_state.h"

/* Options of a reset and of a step. */
struct cg_step_opts {
	double timeout;		/* seconds per action; 0 for no limit */
	long runtime_count;	/* Runtime reward: runs per estimate; 0: 30 */
	long warmup;		/* Runtime reward: untimed runs before them */
	const struct cg_space *space;	/* reset: the action space; NULL
					   for PassesAll */
};

#define CG_STEP_TIMEOUT 300.0
#define CG_RUNTIME_COUNT 30	/* RuntimePointEstimateReward's default */

/*
 * Makes the first state of an episode on benchmark bench (which may borrow
 * from st) with reward space
 * reward (NULL for none): loads and normalises the module and computes the
 * baselines (cached by the module's content and, for the TextSize ones of
 * a benchmark with a run configuration, by how it is linked), then the
 * starting cost of the reward: the Runtime reward builds and runs the
 * program (o->runtime_count and o->warmup), which needs a run
 * configuration (status 3 without one).  o->timeout bounds each child
 * process.  -1 with a recorded error.
 */
int cg_episode_reset_opts(struct cg_state *st, const struct cg_bench *bench,
    const char *reward, const struct cg_step_opts *o);
/* The same with a space and a timeout, the other options at defaults. */
int cg_episode_reset(struct cg_state *st, const struct cg_bench *bench,
    const char *reward, const struct cg_space *space, double timeout);

/*
 * Applies actions[0..n) to st in order, each as parse -> pass -> write,
 * measuring after each the costs the state's reward space needs.
 * On success st is the state after the last one.  When an action fails
 * (crash, abort, timeout, invalid module) st is the state before it, with
 * done and error set, and -1 is returned with status 4.  Bad data in st
 * gives -1 with status 3 and leaves st as it was.
 */
int cg_episode_step(struct cg_state *st, const int *actions, size_t n,
    const struct cg_step_opts *o);

/*
 * Gives st reward space name, unless it has one and force is 0: its
 * episode reward becomes what the episode so far earns in that space
 * (from the O0 baseline; 0 for Runtime, which has none), its costs get
 * the space's cost (measured, if missing), and its last reward none.
 * -1 with status 2 for an unknown space, 3 for a state without the
 * baseline, or an error of measuring.
 */
/*
 * The episode reward of st (in reward space r) were its cost cost: from
 * the baseline when r has one, else st's episode reward plus the change
 * from its cost.  NAN when st has no cost in r's units.
 */
double cg_episode_reward_at(const struct cg_state *st,
    const struct cg_reward *r, double cost);
int cg_episode_set_reward(struct cg_state *st, const char *name, int force);

#endif
