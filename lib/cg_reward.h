/*
 * Reward spaces, with CompilerGym's names and formulas.  Each reward is
 * computed from a cost of the module (lower is better):
 *   X          C(t-1) - C(t)
 *   XNorm      (C(t-1) - C(t)) / C(O0)
 *   XO3, XOz   (C(t-1) - C(t)) / max(C(O0) - C(O3 or Oz), 1)
 * so that the episode reward telescopes to (C(O0) - C(t)) / norm.
 * Runtime (CompilerGym's RuntimePointEstimateReward) is C(t-1) - C(t) of
 * the median run time, with no baseline: C(0) is measured at reset.
 * Everything returned is borrowed from static tables.
 * Layer 3 (spaces).
 */
#ifndef CG_REWARD_H
#define CG_REWARD_H

#include <jansson.h>

struct cg_reward {
	const char *name;
	const char *cost;	/* the cost observation, e.g. IrInstructionCount */
	const char *base0;	/* baseline of the unoptimised module, or NULL */
	const char *baseline;	/* O3 or Oz baseline, or NULL */
	int norm;		/* divide by the O0 cost */
	double threshold;	/* success threshold, or 0 for none */
};

const struct cg_reward *cg_reward_lookup(const char *name);
const struct cg_reward *cg_reward_get(int i);	/* NULL past the end */
/* The divisor of a reward given the episode's baselines (an object). */
double cg_reward_norm(const struct cg_reward *r, json_t *baselines);

#endif
