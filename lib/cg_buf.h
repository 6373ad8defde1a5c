/*
 * A growable byte buffer.  The buffer owns data; cg_buf_release() frees it,
 * cg_buf_detach() hands it to the caller.  data is always NUL-terminated
 * (the NUL is not counted in len), so text can be used as a C string.
 * Layer 1 (base).
 */
#ifndef CG_BUF_H
#define CG_BUF_H

#include <stddef.h>
#include <stdio.h>

struct cg_buf {
	unsigned char *data;
	size_t len;
	size_t cap;
};

#define CG_BUF_INIT { NULL, 0, 0 }

void cg_buf_grow(struct cg_buf *b, size_t extra);
void cg_buf_add(struct cg_buf *b, const void *p, size_t n);
void cg_buf_addstr(struct cg_buf *b, const char *s);
void cg_buf_addf(struct cg_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void cg_buf_reset(struct cg_buf *b);
void cg_buf_release(struct cg_buf *b);
/* Returns the data (new, caller frees) and leaves b empty. */
unsigned char *cg_buf_detach(struct cg_buf *b, size_t *len);
/* Reads all of fd into b; -1 with errno on failure. */
int cg_buf_read_fd(struct cg_buf *b, int fd);
/* Reads a whole file; -1 with a recorded error (status 3) on failure. */
int cg_buf_read_file(struct cg_buf *b, const char *path);

#endif
