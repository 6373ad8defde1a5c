/*
 * Standard output: a lost write is a failure.  Apart from the stream code,
 * so that a tool without states (cg-datasets) uses it too.
 */
#ifndef CG_OUT_H
#define CG_OUT_H

#include "cg_buf.h"

/* Writes out to stdout whole and flushes; -1 (status 1) on error. */
int cg_out_write(const struct cg_buf *out);
/* Closes stdout; returns the status to exit with given status so far. */
int cg_out_close(int status);

#endif
