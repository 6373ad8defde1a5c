#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cg_benchmark.h"
#include "cg_clang.h"
#include "cg_dataset.h"
#include "cg_error.h"
#include "cg_generator.h"
#include "cg_module.h"
#include "cg_sha1.h"
#include "cg_uri.h"

const char *
cg_benchmark_datadir(void)
{
	return cg_dataset_builtindir();
}

const char *
cg_cachedir(void)
{
	static char *dir;
	const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (dir)
		return dir;
	if (x && *x == '/')
		dir = cg_asprintf("%s/cg", x);
	else if (home && *home)
		dir = cg_asprintf("%s/.cache/cg", home);
	else
		dir = cg_asprintf("/tmp/cg-cache-%d", (int)getuid());
	cg_dataset_mkdirs(dir);
	return dir;
}

int
cg_write_file_atomic(const char *path, const void *p, size_t n)
{
	char *tmp = cg_asprintf("%s.tmp.XXXXXX", path);
	const char *s = p;
	int fd = mkstemp(tmp), e;

	if (fd < 0)
		goto fail;
	while (n > 0) {
		ssize_t k = write(fd, s, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			goto fail;
		s += k, n -= (size_t)k;
	}
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) < 0)
		goto fail;
	free(tmp);
	return 0;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return cg_error(CG_EXIT_FAILURE, "cannot write '%s': %s", path,
	    strerror(e));
}

static int
endswith(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static int
isfile(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

static int
isdir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static int
cfilter(const struct dirent *d)
{
	return endswith(d->d_name, ".c");
}

static int
hfilter(const struct dirent *d)
{
	return endswith(d->d_name, ".h");
}

/* Adds the headers of a program's directory to its cache key. */
static void
hashheaders(struct cg_sha1 *h, const char *dir)
{
	struct dirent **ents;
	struct cg_buf b = CG_BUF_INIT;
	int m = scandir(dir, &ents, hfilter, alphasort), k;

	for (k = 0; k < m; k++) {
		char *p = cg_asprintf("%s/%s", dir, ents[k]->d_name);
		cg_buf_reset(&b);
		cg_sha1_update(h, ents[k]->d_name, strlen(ents[k]->d_name) + 1);
		if (cg_buf_read_file(&b, p) == 0)
			cg_sha1_update(h, b.data, b.len);
		free(p);
		free(ents[k]);
	}
	if (m >= 0)
		free(ents);
	cg_buf_release(&b);
}

/*
 * Loads the raw program of a list of files: C files are compiled, .bc and
 * .ll files read, and several modules linked.  The cache key covers the
 * compiler's name, the files' contents and the headers beside them.
 */
static int
loadfiles(char **files, size_t n, struct cg_buf *raw, char key[41])
{
	struct cg_buf *parts = cg_calloc(n, sizeof(*parts));
	struct cg_sha1 h;
	unsigned char d[20];
	const char *base;
	size_t i;
	int r = -1;

	cg_sha1_init(&h);
	cg_sha1_update(&h, "cg-compile-1", 13);
	cg_sha1_update(&h, cg_clang(), strlen(cg_clang()) + 1);
	for (i = 0; i < n; i++) {
		if (cg_buf_read_file(&parts[i], files[i]) < 0)
			goto out;
		base = strrchr(files[i], '/') ? strrchr(files[i], '/') + 1 :
		    files[i];
		cg_sha1_update(&h, base, strlen(base) + 1);
		cg_sha1_update(&h, parts[i].data, parts[i].len);
		if (endswith(files[i], ".c")) {
			cg_buf_reset(&parts[i]);
			if (cg_clang_compile(files[i], NULL, CG_CLANG_TIMEOUT,
			    &parts[i]) < 0)
				goto out;
		}
	}
	if (n > 0 && strrchr(files[0], '/')) {
		char *dir = cg_strdup(files[0]);
		*strrchr(dir, '/') = '\0';
		hashheaders(&h, dir);
		free(dir);
	}
	cg_sha1_final(&h, d);
	for (i = 0; i < 20; i++)
		snprintf(key + 2 * i, 3, "%02x", d[i]);
	r = cg_module_link(parts, n, raw);
out:
	for (i = 0; i < n; i++)
		cg_buf_release(&parts[i]);
	free(parts);
	return r;
}

static int
validname(const char *s)
{
	const char *p;

	if (*s == '\0' || *s == '/')
		return 0;
	for (p = s; *p; p++)
		if (p[0] == '.' && p[1] == '.' && (p == s || p[-1] == '/'))
			return 0;
	return 1;
}

/* Finds the files of benchmark://dataset/name; n == 0 if there are none. */
static int
findbenchmark(const char *dataset, const char *name, char ***files,
    size_t *n)
{
	char *roots[2], *dir, *p;
	static const char *const ext[] = { ".bc", ".ll", ".c" };
	int i, k, found_dataset = 0;

	*n = 0;
	*files = NULL;
	roots[0] = cg_asprintf("%s/%s", cg_benchmark_datadir(), dataset);
	roots[1] = cg_asprintf("%s/%s", cg_dataset_userdir(), dataset);
	for (i = 0; i < 2 && *n == 0; i++) {
		if (!isdir(roots[i]))
			continue;
		found_dataset = 1;
		dir = cg_asprintf("%s/%s", roots[i], name);
		if (isdir(dir)) {
			struct dirent **ents;
			int m = scandir(dir, &ents, cfilter, alphasort);
			if (m > 0) {
				*files = cg_calloc((size_t)m, sizeof(char *));
				for (k = 0; k < m; k++) {
					(*files)[k] = cg_asprintf("%s/%s", dir,
					    ents[k]->d_name);
					free(ents[k]);
				}
				*n = (size_t)m;
			}
			if (m >= 0)
				free(ents);
		}
		for (k = 0; k < 3 && *n == 0; k++) {
			p = cg_asprintf("%s%s", dir, ext[k]);
			if (isfile(p)) {
				*files = cg_calloc(1, sizeof(char *));
				(*files)[0] = p;
				*n = 1;
			} else
				free(p);
		}
		free(dir);
	}
	free(roots[0]);
	free(roots[1]);
	if (!found_dataset)
		return cg_error(CG_EXIT_DATA, "unknown dataset 'benchmark://%s'",
		    dataset);
	if (*n == 0)
		return cg_error(CG_EXIT_DATA,
		    "unknown benchmark 'benchmark://%s/%s'", dataset, name);
	return 0;
}

static int
loaddataset(const char *rest, char **uri, struct cg_buf *bc)
{
	char *dataset = cg_strdup(rest), *name, **files = NULL, key[41];
	char *cachefile = NULL;
	struct cg_buf raw = CG_BUF_INIT;
	size_t n = 0, i;
	int r = -1;

	name = strchr(dataset, '/');
	if (name == NULL || name[1] == '\0' || !validname(name + 1) ||
	    dataset == name) {
		cg_error(CG_EXIT_DATA, "bad benchmark URI 'benchmark://%s'",
		    rest);
		goto out;
	}
	*name++ = '\0';
	if (findbenchmark(dataset, name, &files, &n) < 0)
		goto out;
	if (loadfiles(files, n, &raw, key) < 0)
		goto out;
	/* The normalised module of these sources is cached by their key. */
	cachefile = cg_asprintf("%s/bitcode-%s.bc", cg_cachedir(), key);
	if (cg_buf_read_file(bc, cachefile) == 0 && bc->len > 0) {
		r = 0;
	} else {
		cg_buf_reset(bc);
		if (cg_module_normalise(raw.data, raw.len, bc) < 0)
			goto out;
		cg_write_file_atomic(cachefile, bc->data, bc->len);
		r = 0;
	}
	*uri = cg_asprintf("benchmark://%s/%s", dataset, name);
out:
	for (i = 0; i < n; i++)
		free(files[i]);
	free(files);
	free(cachefile);
	free(dataset);
	cg_buf_release(&raw);
	return r;
}

static int
loadfile(const char *path, char **uri, struct cg_buf *bc)
{
	char real[PATH_MAX], key[41], *files[1];
	struct cg_buf raw = CG_BUF_INIT;
	int r;

	if (!isfile(path) || realpath(path, real) == NULL)
		return cg_error(CG_EXIT_DATA, "no such benchmark file '%s'",
		    path);
	if (!endswith(real, ".c") && !endswith(real, ".ll") &&
	    !endswith(real, ".bc"))
		return cg_error(CG_EXIT_DATA,
		    "'%s' is not a .c, .ll or .bc file", path);
	files[0] = real;
	r = loadfiles(files, 1, &raw, key);
	if (r == 0)
		r = cg_module_normalise(raw.data, raw.len, bc);
	if (r == 0)
		*uri = cg_asprintf("file://%s", real);
	cg_buf_release(&raw);
	return r;
}

int
cg_benchmark_load(const char *spec, char **uri, struct cg_buf *bc)
{
	struct cg_uri u;
	char *rest;
	int r;

	if (strstr(spec, "://") == NULL && isfile(spec))
		return loadfile(spec, uri, bc);
	if (cg_uri_parse(spec, &u) < 0)
		return -1;
	rest = cg_asprintf("%s/%s", u.dataset, u.path);
	if (strcmp(u.scheme, "file") == 0)
		r = loadfile(u.path, uri, bc);
	else if (strcmp(u.scheme, "benchmark") == 0)
		r = loaddataset(rest, uri, bc);
	else if (strcmp(u.scheme, "generator") == 0)
		r = cg_generator_load(rest, uri, bc);
	else
		r = cg_error(CG_EXIT_DATA, "unknown benchmark '%s'", spec);
	free(rest);
	cg_uri_release(&u);
	return r;
}
