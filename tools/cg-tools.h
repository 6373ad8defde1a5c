/*
 * The tools are one executable that runs as each of them, chosen by the
 * name it was started under (cg-reset, cg-step, ...), as git runs its
 * builtins: one statically linked LLVM instead of one per tool.  Each
 * tool keeps its own source file and entry point; cg-datasets, which
 * needs no LLVM, is a program of its own.  What the tools share and the
 * library does not do (print, write stdout, loop over a stream of states)
 * is in tools/common.c.
 */
#ifndef CG_TOOLS_H
#define CG_TOOLS_H

#include <stdio.h>

#include "cg_buf.h"
#include "cg_state.h"

int cmd_reset(int argc, char *argv[]);
int cmd_step(int argc, char *argv[]);
int cmd_observe(int argc, char *argv[]);
int cmd_search(int argc, char *argv[]);
int cmd_validate(int argc, char *argv[]);

/* "prog: message" on stderr. */
void cg_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the recorded error and returns its status. */
int cg_report(void);

/* Writes out to stdout whole and flushes; -1 (CG_ERR_WRITE) on error. */
int cg_out_write(const struct cg_buf *out);
/* Closes stdout; returns the status to exit with given status so far. */
int cg_out_close(int status);

/*
 * The stream loop of the tools that read states: read states line by
 * line, hand each to fn, write what it produced whole, and keep going
 * after a bad state.  fn appends its output to out (written only when it
 * returns 0 or sets keep) and returns 0 or -1 with a recorded error;
 * *keep asks for out to be written despite the failure (a step that ended
 * the episode still writes the state before it).  Returns the exit status
 * of the first failure; a write error stops the loop.
 */
typedef int (*cg_stream_fn)(struct cg_state *st, void *arg,
    struct cg_buf *out, int *keep);
int cg_stream_run(FILE *fp, cg_stream_fn fn, void *arg);

#endif
