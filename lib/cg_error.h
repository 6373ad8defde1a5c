/*
 * Errors: library code never exits or prints.  A failing function records
 * a one-line message and an exit status with cg_error() and returns -1 (or
 * NULL); the tool that called it prints the message (cg-tools.h) and
 * chooses to exit with the status.  Layer 1 (base).
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

/*
 * What kind of failure an error is, for the callers that act on it
 * (messages are for people only).
 */
enum cg_errkind {
	CG_ERR_OTHER,
	CG_ERR_WRITE		/* standard output cannot be written: stop */
};

/* Records message and status (kind CG_ERR_OTHER); always returns -1. */
int cg_error(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The same with a kind. */
int cg_error_as(enum cg_errkind kind, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Prefixes the recorded message with more context ("while doing X: ..."). */
int cg_error_prefix(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The last recorded message (borrowed), its status and its kind. */
const char *cg_errmsg(void);
int cg_errstatus(void);
enum cg_errkind cg_errkind(void);

/* The program's name, for messages that tools print (borrowed). */
void cg_setprogname(const char *argv0);
const char *cg_progname(void);

/*
 * Memory: these abort on exhaustion, as LLVM itself does, after the one
 * line the library ever writes to stderr ("prog: out of memory").
 */
void *cg_malloc(size_t n);
void *cg_calloc(size_t n, size_t size);
void *cg_realloc(void *p, size_t n);
char *cg_strdup(const char *s);
char *cg_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
