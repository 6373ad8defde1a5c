/*
 * Small helpers for command-line arguments.
 * Layer 1 (base).
 */
#ifndef CG_UTIL_H
#define CG_UTIL_H

/* The longest time limit (11.6 days): larger ones are taken as this. */
#define CG_TIMEOUT_MAX 1e6

/*
 * A non-negative number of seconds, at most CG_TIMEOUT_MAX (a larger one,
 * even 1e999, is clamped); -1 with status 2 otherwise.
 */
int cg_parse_seconds(const char *s, double *v);
/* An integer in [min, max]; -1 with status 2 otherwise. */
int cg_parse_int(const char *s, long min, long max, long *v);

/* A size in bytes: digits, then K, M, G or T (powers of 1024) or none. */
int cg_parse_size(const char *s, unsigned long long *v);

#endif
