#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg_error.h"

static char errbuf[1024];
static int errstatus = CG_EXIT_FAILURE;
static enum cg_errkind errkind;
static const char *progname = "cg";

static int
record(enum cg_errkind kind, int status, const char *fmt, va_list ap)
{
	char tmp[sizeof(errbuf)];

	/* Through tmp, so that cg_errmsg() may be among the arguments. */
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	memcpy(errbuf, tmp, sizeof(errbuf));
	/* One line: a message never carries LLVM's multi-line diagnostics. */
	errbuf[strcspn(errbuf, "\n")] = '\0';
	errstatus = status;
	errkind = kind;
	return -1;
}

int
cg_error(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	record(CG_ERR_OTHER, status, fmt, ap);
	va_end(ap);
	return -1;
}

int
cg_error_as(enum cg_errkind kind, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	record(kind, status, fmt, ap);
	va_end(ap);
	return -1;
}

enum cg_errkind
cg_errkind(void)
{
	return errkind;
}

int
cg_error_prefix(const char *fmt, ...)
{
	char pre[512], old[sizeof(errbuf)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(pre, sizeof(pre), fmt, ap);
	va_end(ap);
	memcpy(old, errbuf, sizeof(old));
	snprintf(errbuf, sizeof(errbuf), "%s: %s", pre, old);
	return -1;
}

const char *
cg_errmsg(void)
{
	return errbuf[0] ? errbuf : "unknown error";
}

int
cg_errstatus(void)
{
	return errstatus;
}

void
cg_setprogname(const char *argv0)
{
	const char *s = strrchr(argv0, '/');

	progname = s ? s + 1 : argv0;
}

const char *
cg_progname(void)
{
	return progname;
}

static void *
check(void *p)
{
	if (p == NULL) {
		fprintf(stderr, "%s: out of memory\n", progname);
		abort();
	}
	return p;
}

void *
cg_malloc(size_t n)
{
	return check(malloc(n ? n : 1));
}

void *
cg_calloc(size_t n, size_t size)
{
	return check(calloc(n ? n : 1, size ? size : 1));
}

void *
cg_realloc(void *p, size_t n)
{
	return check(realloc(p, n ? n : 1));
}

char *
cg_strdup(const char *s)
{
	return check(strdup(s));
}

char *
cg_asprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		return check(NULL);
	return s;
}
