/*
 * The action spaces (see cg_action.c): PassesAll, CompilerGym's 124 pass
 * flags, the default, and PassesLlvm19.  A state's actions are of one
 * space, named in its "action_space".  Everything returned is borrowed.
 * Layer 3 (spaces).
 */
#ifndef CG_ACTION_H
#define CG_ACTION_H

#include <stddef.h>

#define CG_NPASSESALL 124
#define CG_MAXACTIONS 256	/* the most actions a space has */

struct cg_action {
	const char *flag;	/* its name: "-mem2reg", or "gvn<no-pre>" */
	const char *pipeline;	/* LLVM 19 -passes= text; NULL: the name */
};

struct cg_space {
	const char *name;		/* "PassesAll" */
	const char *description;
	const struct cg_action *actions;
	int n;
};

/* Space i (0 is PassesAll), or NULL past the last. */
const struct cg_space *cg_space_get(int i);
/* PassesAll, the space of a state that names none. */
const struct cg_space *cg_space_default(void);
/* The space called name, or NULL with status 2. */
const struct cg_space *cg_space_lookup(const char *name);
/* Action index of sp, or NULL when out of range. */
const struct cg_action *cg_space_action(const struct cg_space *sp,
    int index);
/* The pipeline text an action runs. */
const char *cg_action_pipeline(const struct cg_action *a);
/*
 * 1 for an action that runs a whole pipeline (-Oz's, a stage of it, an
 * inliner with its function simplification): ten to forty times the work
 * of one pass.
 */
int cg_action_heavy(const struct cg_action *a);
/*
 * 1 with *t set when the action runs its pipeline with an inliner
 * threshold (a name ending in <threshold=N>), else 0.
 */
int cg_action_threshold(const struct cg_action *a, int *t);
/*
 * The index in sp of an action named name ("-gvn", or "gvn" without the
 * dash, in PassesAll); -1 with status 2 when it has none, saying so when
 * the action is another space's.
 */
int cg_space_find(const struct cg_space *sp, const char *name);
/* A name or a decimal index; -1 with status 2 when neither is valid. */
int cg_space_parse(const struct cg_space *sp, const char *s);

/*
 * The next element of a list of actions at *p: elements are separated by
 * white space and by commas outside <> and (), as in -passes=.  Its
 * length (0 at the end), with *elem at it and *p past it.
 */
size_t cg_action_next(const char **p, const char **elem);
/*
 * The actions of such a list (names or indices) into idx (room for
 * sp->n), each once; their number, or -1 with status 2 for an unknown
 * action or an empty list.
 */
int cg_space_parse_list(const struct cg_space *sp, const char *list,
    int *idx);

#endif
