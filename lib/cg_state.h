/*
 * The state stream (cg-state/1): one JSON object per line holding an
 * episode.  A struct cg_state owns everything in it.  Fields the reader does
 * not know are kept in extra and written back after the known ones; the
 * bitcode is always written last.
 * Layer 4 (state stream).
 */
#ifndef CG_STATE_H
#define CG_STATE_H

#include <stdio.h>

#include <jansson.h>

#include "cg_action.h"
#include "cg_buf.h"

#define CG_STATE_FORMAT "cg-state/1"

struct cg_state {
	char *benchmark;
	const struct cg_space *space;	/* the actions' space (borrowed) */
	int *actions;		/* action indices in space */
	size_t nactions, capactions;
	char *reward_space;	/* NULL when the episode has none */
	int has_reward;
	double reward;		/* the last step's reward */
	int has_episode_reward;
	double episode_reward;
	int done;
	int changed;		/* the last action changed the module: 1,
				   0, or -1 when not known (no step yet) */
	char *error;		/* why the episode ended, or NULL */
	json_t *baselines;	/* object: name -> number */
	json_t *costs;		/* object: cost of the current module */
	double walltime;
	json_t *build;		/* object: how a command line built the
				   benchmark (cg_build.h), or NULL */
	json_t *run;		/* object: the run configuration given at
				   reset (cg_run.h), or NULL */
	json_t *extra;		/* object: unknown fields, in input order */
	struct cg_buf bitcode;
};

void cg_state_init(struct cg_state *st);
void cg_state_release(struct cg_state *st);
/* Deep copy of src into an initialised dst. */
void cg_state_copy(struct cg_state *dst, const struct cg_state *src);
/*
 * Reads one state from a line of n bytes (a trailing newline is allowed).
 * -1 with status 3 and a message naming the problem on bad data.
 */
int cg_state_parse(struct cg_state *st, const char *line, size_t n);
/*
 * The same for a line of cg_state_getline(): one that did not end in a
 * newline, at the end of the input, is a state cut short.
 */
int cg_state_parse_line(struct cg_state *st, const struct cg_buf *line,
    int complete);
/* Appends the state's line, newline included, to out. */
void cg_state_format(const struct cg_state *st, struct cg_buf *out);

void cg_state_add_action(struct cg_state *st, int index);
void cg_state_set_error(struct cg_state *st, const char *msg);
/* A number in baselines or costs; -1 when missing. */
int cg_state_number(json_t *obj, const char *name, double *v);

/*
 * Reads the next line of a stream into line (cleared first).  Returns 1 on
 * a line, 0 at the end, -1 on a read error (status 1).  *complete says
 * whether the line ended in a newline.
 */
int cg_state_getline(FILE *fp, struct cg_buf *line, int *complete);

#endif
