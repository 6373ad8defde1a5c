/*
 * Base64 (RFC 4648, standard alphabet, with padding).
 * Layer 1 (base).
 */
#ifndef CG_BASE64_H
#define CG_BASE64_H

#include <stddef.h>

#include "cg_buf.h"

/* Appends the encoding of p[0..n) to out. */
void cg_base64_encode(struct cg_buf *out, const void *p, size_t n);
/*
 * Appends the decoding of s[0..n) to out.  Strict: only the alphabet, a
 * length that is a multiple of 4 and correct padding are accepted; returns
 * -1 with a recorded error (status 3) otherwise.
 */
int cg_base64_decode(struct cg_buf *out, const char *s, size_t n);

#endif
