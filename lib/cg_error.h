/*
 * Errors: library code never exits.  A failing function records a one-line
 * message and an exit status with cg_error() and returns -1 (or NULL); the
 * tool that called it prints the message and chooses to exit with the status.
 */
#ifndef CG_ERROR_H
#define CG_ERROR_H

#include <stdarg.h>
#include <stddef.h>

/* Exit statuses shared by every tool (documented under EXIT STATUS). */
enum {
	CG_EXIT_OK = 0,
	CG_EXIT_FAILURE = 1,	/* a failure that is not the input's fault */
	CG_EXIT_USAGE = 2,	/* a mistake on the command line */
	CG_EXIT_DATA = 3,	/* bad input data */
	CG_EXIT_EPISODE = 4	/* the episode ended on a compiler error */
};

/* Records message and status; always returns -1. */
int cg_error(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Prefixes the recorded message with more context ("while doing X: ..."). */
int cg_error_prefix(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The last recorded message (borrowed) and its status. */
const char *cg_errmsg(void);
int cg_errstatus(void);

/* Tool-side reporting: "prog: message" on stderr. */
void cg_setprogname(const char *argv0);
const char *cg_progname(void);
void cg_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the recorded error and returns its status. */
int cg_report(void);

/* Memory: these abort on exhaustion, as LLVM itself does. */
void *cg_malloc(size_t n);
void *cg_calloc(size_t n, size_t size);
void *cg_realloc(void *p, size_t n);
char *cg_strdup(const char *s);
char *cg_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
