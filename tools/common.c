/*
 * What the tools share and the library does not do: printing messages,
 * writing standard output, and the loop over a stream of states.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cg-tools.h"
#include "cg_error.h"

void
cg_warnx(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", cg_progname());
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
cg_report(void)
{
	cg_warnx("%s", cg_errmsg());
	return cg_errstatus();
}


int
cg_out_write(const struct cg_buf *out)
{
	if (out->len == 0)
		return 0;
	if (fwrite(out->data, 1, out->len, stdout) != out->len ||
	    fflush(stdout) != 0)
		return cg_error_as(CG_ERR_WRITE, CG_EXIT_FAILURE,
		    "write error: %s", strerror(errno));
	return 0;
}

int
cg_out_close(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		cg_warnx("write error: %s", strerror(errno));
		return status ? status : CG_EXIT_FAILURE;
	}
	return status;
}

static int
blank(const struct cg_buf *b)
{
	size_t i;

	/* Not strchr(): it finds a NUL byte in any string. */
	for (i = 0; i < b->len; i++)
		if (b->data[i] != ' ' && b->data[i] != '\t' &&
		    b->data[i] != '\r' && b->data[i] != '\n')
			return 0;
	return 1;
}

int
cg_stream_run(FILE *fp, cg_stream_fn fn, void *arg)
{
	struct cg_buf line = CG_BUF_INIT, out = CG_BUF_INIT;
	struct cg_state st;
	unsigned long lineno = 0;
	int status = 0, complete, r, keep;

	cg_state_init(&st);
	while ((r = cg_state_getline(fp, &line, &complete)) > 0) {
		lineno++;
		if (blank(&line))
			continue;
		cg_buf_reset(&out);
		keep = 0;
		if (cg_state_parse_line(&st, &line, complete) < 0) {
			cg_warnx("line %lu: %s", lineno, cg_errmsg());
			if (!status)
				status = cg_errstatus();
			continue;
		}
		if (fn(&st, arg, &out, &keep) < 0) {
			cg_warnx("line %lu: %s", lineno, cg_errmsg());
			if (!status)
				status = cg_errstatus();
			if (!keep)
				continue;
		}
		if (cg_out_write(&out) < 0) {
			status = cg_report();
			break;
		}
	}
	if (r < 0 && !status)
		status = cg_report();
	cg_state_release(&st);
	cg_buf_release(&line);
	cg_buf_release(&out);
	return status;
}
