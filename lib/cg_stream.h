/*
 * The stream loop every tool shares: read states line by line, hand each
 * to a function, write what it produced whole, and keep going after a bad
 * state.  The exit status is that of the first failure.
 */
#ifndef CG_STREAM_H
#define CG_STREAM_H

#include <stdio.h>

#include "cg_buf.h"
#include "cg_out.h"
#include "cg_state.h"

/*
 * Called for each state; appends its output to out (written only when the
 * function returns 0 or sets keep) and returns 0 or -1 with a recorded
 * error.  *keep asks for out to be written despite the failure (a step
 * that ended the episode still writes the state before it).
 */
typedef int (*cg_stream_fn)(struct cg_state *st, void *arg,
    struct cg_buf *out, int *keep);

/* Runs fn over the states of fp; returns the exit status. */
int cg_stream_run(FILE *fp, cg_stream_fn fn, void *arg);


#endif
