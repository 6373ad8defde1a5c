#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cg_buf.h"
#include "cg_error.h"

void
cg_buf_grow(struct cg_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->data = cg_realloc(b->data, b->cap);
}

void
cg_buf_add(struct cg_buf *b, const void *p, size_t n)
{
	cg_buf_grow(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
cg_buf_addstr(struct cg_buf *b, const char *s)
{
	cg_buf_add(b, s, strlen(s));
}

void
cg_buf_addf(struct cg_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	cg_buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf((char *)b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
cg_buf_reset(struct cg_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void
cg_buf_release(struct cg_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

unsigned char *
cg_buf_detach(struct cg_buf *b, size_t *len)
{
	unsigned char *p;

	cg_buf_grow(b, 0);
	p = b->data;
	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

int
cg_buf_read_fd(struct cg_buf *b, int fd)
{
	ssize_t n;

	for (;;) {
		cg_buf_grow(b, 65536);
		n = read(fd, b->data + b->len, b->cap - b->len - 1);
		if (n == 0)
			break;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		b->len += (size_t)n;
	}
	b->data[b->len] = '\0';
	return 0;
}

int
cg_buf_read_file(struct cg_buf *b, const char *path)
{
	int fd, r, e;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return cg_error(CG_EXIT_DATA, "cannot open '%s': %s", path,
		    strerror(errno));
	r = cg_buf_read_fd(b, fd);
	e = errno;
	close(fd);
	if (r < 0)
		return cg_error(CG_EXIT_DATA, "cannot read '%s': %s", path,
		    strerror(e));
	return 0;
}
