#include <string.h>

#include "cg_reward.h"

#define COST(name, cost, o0, o3, oz) \
	{ name, cost, o0, NULL, 0, 0 }, \
	{ name "Norm", cost, o0, NULL, 1, 0 }, \
	{ name "O3", cost, o0, o3, 0, 1.0 }, \
	{ name "Oz", cost, o0, oz, 0, 1.0 }

static const struct cg_reward rewards[] = {
	COST("IrInstructionCount", "IrInstructionCount",
	    "IrInstructionCountO0", "IrInstructionCountO3",
	    "IrInstructionCountOz"),
	{ "ObjectTextSizeBytes", "ObjectTextSizeBytes", "ObjectTextSizeO0",
	    NULL, 0, 0 },
	{ "ObjectTextSizeNorm", "ObjectTextSizeBytes", "ObjectTextSizeO0",
	    NULL, 1, 0 },
	{ "ObjectTextSizeO3", "ObjectTextSizeBytes", "ObjectTextSizeO0",
	    "ObjectTextSizeO3", 0, 1.0 },
	{ "ObjectTextSizeOz", "ObjectTextSizeBytes", "ObjectTextSizeO0",
	    "ObjectTextSizeOz", 0, 1.0 },
	{ "TextSizeBytes", "TextSizeBytes", "TextSizeO0", NULL, 0, 0 },
	{ "TextSizeNorm", "TextSizeBytes", "TextSizeO0", NULL, 1, 0 },
	{ "TextSizeO3", "TextSizeBytes", "TextSizeO0", "TextSizeO3", 0, 1.0 },
	{ "TextSizeOz", "TextSizeBytes", "TextSizeO0", "TextSizeOz", 0, 1.0 },
	/* RuntimePointEstimateReward: measured at reset, no baseline. */
	{ "Runtime", "Runtime", NULL, NULL, 0, 0 },
};

const struct cg_reward *
cg_reward_get(int i)
{
	if (i < 0 || (size_t)i >= sizeof(rewards) / sizeof(rewards[0]))
		return NULL;
	return &rewards[i];
}

const struct cg_reward *
cg_reward_lookup(const char *name)
{
	const struct cg_reward *r;
	int i;

	for (i = 0; (r = cg_reward_get(i)) != NULL; i++)
		if (strcmp(r->name, name) == 0)
			return r;
	return NULL;
}

/* A baseline by name; 0 when missing. */
static double
baseline(json_t *baselines, const char *name)
{
	json_t *v = json_object_get(baselines, name);

	return json_is_number(v) ? json_number_value(v) : 0;
}

double
cg_reward_norm(const struct cg_reward *r, json_t *baselines)
{
	double c0 = 0, cb;

	if (r->base0)
		c0 = baseline(baselines, r->base0);
	if (r->norm)
		/* CompilerGym does not guard this; an empty module gets 1. */
		return c0 != 0 ? c0 : 1;
	if (r->baseline == NULL)
		return 1;
	cb = baseline(baselines, r->baseline);
	return c0 - cb > 1 ? c0 - cb : 1;
}
