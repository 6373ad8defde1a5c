/* Small helpers for command-line arguments. */
#ifndef CG_UTIL_H
#define CG_UTIL_H

/* A non-negative number of seconds; -1 with status 2 otherwise. */
int cg_parse_seconds(const char *s, double *v);
/* An integer in [min, max]; -1 with status 2 otherwise. */
int cg_parse_int(const char *s, long min, long max, long *v);

#endif
