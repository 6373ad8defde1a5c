#include <stdlib.h>
#include <string.h>

#include "cg_error.h"
#include "cg_uri.h"

static char *
dupn(const char *s, size_t n)
{
	char *p = cg_malloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static int
bad(const char *s, const char *why)
{
	return cg_error(CG_EXIT_DATA, "bad benchmark URI '%s': %s", s, why);
}

int
cg_uri_parse(const char *s, struct cg_uri *u)
{
	const char *sep = strstr(s, "://"), *rest, *p, *q;
	size_t i;

	memset(u, 0, sizeof(*u));
	for (p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return bad("", "control characters");
	if (sep) {
		if (sep == s)
			return bad(s, "no scheme");
		for (p = s; p < sep; p++)
			if (!((*p >= 'a' && *p <= 'z') || (p > s &&
			    ((*p >= '0' && *p <= '9') || strchr("+.-", *p)))))
				return bad(s, "bad scheme");
		u->scheme = dupn(s, (size_t)(sep - s));
		rest = sep + 3;
	} else {
		u->scheme = cg_strdup("benchmark");
		rest = s;
	}
	q = rest + strcspn(rest, "?#");
	u->query = *q == '?' ? dupn(q + 1, strcspn(q + 1, "#")) : cg_strdup("");
	if (strcmp(u->scheme, "file") == 0) {
		u->dataset = cg_strdup("");
		u->path = dupn(rest, (size_t)(q - rest));
		if (u->path[0] != '/')
			goto fail_rel;
		return 0;
	}
	p = memchr(rest, '/', (size_t)(q - rest));
	u->dataset = dupn(rest, (size_t)((p ? p : q) - rest));
	u->path = p ? dupn(p + 1, (size_t)(q - p - 1)) : cg_strdup("");
	if (u->dataset[0] == '\0') {
		cg_uri_release(u);
		return bad(s, "no dataset");
	}
	for (i = 0; u->dataset[i]; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789._-", u->dataset[i])) {
			cg_uri_release(u);
			return bad(s, "bad dataset name");
		}
	/* No component may climb out of the dataset. */
	for (p = u->path; *p; p += strcspn(p, "/"), p += *p == '/')
		if (strncmp(p, "..", 2) == 0 && (p[2] == '/' || p[2] == '\0')) {
			cg_uri_release(u);
			return bad(s, "'..' in the path");
		}
	if (strcmp(u->dataset, "..") == 0 || strcmp(u->dataset, ".") == 0) {
		cg_uri_release(u);
		return bad(s, "bad dataset name");
	}
	return 0;
fail_rel:
	cg_uri_release(u);
	return bad(s, "a file URI needs an absolute path");
}

void
cg_uri_release(struct cg_uri *u)
{
	free(u->scheme);
	free(u->dataset);
	free(u->path);
	free(u->query);
	memset(u, 0, sizeof(*u));
}
