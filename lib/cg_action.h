/*
 * The action space (see cg_action.c).  Everything returned is borrowed.
 * Layer 3 (spaces).
 */
#ifndef CG_ACTION_H
#define CG_ACTION_H

#define CG_NACTIONS 124

struct cg_action {
	const char *flag;	/* CompilerGym's flag, e.g. "-mem2reg" */
	const char *pipeline;	/* LLVM 19 -passes= text */
};

/* The action at index, or NULL when out of range. */
const struct cg_action *cg_action_get(int index);
/* Index of a flag ("-gvn", or "gvn" without the dash); -1 with status 2. */
int cg_action_lookup(const char *name);
/* A flag or a decimal index; -1 with status 2 when neither is valid. */
int cg_action_parse(const char *s);

#endif
