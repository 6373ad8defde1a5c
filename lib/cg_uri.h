/*
 * Benchmark URIs, as CompilerGym writes them:
 *   scheme://dataset/path?query#fragment
 * with benchmark:// implied when a string has no scheme (cbench-v1/qsort).
 * Everything in a struct cg_uri is owned by it.
 * Layer 1 (base).
 */
#ifndef CG_URI_H
#define CG_URI_H

struct cg_uri {
	char *scheme;		/* "benchmark", "generator", "file", ... */
	char *dataset;		/* "cgbench-v0"; empty for file:// */
	char *path;		/* "qsort", "47/4049"; absolute for file:// */
	char *query;		/* after '?', or empty */
};

/*
 * Splits s.  -1 with status 3 for a malformed URI: a bad scheme, an empty
 * dataset, a path component "..", or control characters.
 */
int cg_uri_parse(const char *s, struct cg_uri *u);
void cg_uri_release(struct cg_uri *u);

#endif
