/*
 * JSON output with the number forms users expect: integers as integers,
 * reals in the shortest form that reads back to the same double (always
 * with a '.' or an exponent, so that a real stays a real).
 * Layer 1 (base).
 */
#ifndef CG_JSON_H
#define CG_JSON_H

#include <jansson.h>

#include "cg_buf.h"

/* Appends the compact one-line encoding of v (borrowed) to out. */
void cg_json_write(struct cg_buf *out, const json_t *v);
/* Appends the shortest round-trip text of d (NaN and infinities as null). */
void cg_json_real(struct cg_buf *out, double d);
/* Appends s as a JSON string literal (bytes that are not UTF-8 become
 * U+FFFD). */
void cg_json_string(struct cg_buf *out, const char *s, size_t n);

#endif
