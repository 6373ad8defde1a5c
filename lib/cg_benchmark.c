#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cg_benchmark.h"
#include "cg_build.h"
#include "cg_clang.h"
#include "cg_dataset.h"
#include "cg_error.h"
#include "cg_fs.h"
#include "cg_generator.h"
#include "cg_module.h"
#include "cg_sha1.h"
#include "cg_uri.h"

static int
endswith(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a > b && strcmp(s + a - b, suffix) == 0;
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
hfilter(const struct dirent *d)
{
	return endswith(d->d_name, ".h") || endswith(d->d_name, ".hpp") ||
	    endswith(d->d_name, ".hh");
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
 * The cache key of a program's files: the compilers' names, the files'
 * names and contents, and the headers beside the first.
 */
static int
filekey(char **files, size_t n, int cxx, char key[41])
{
	struct cg_buf b = CG_BUF_INIT;
	struct cg_sha1 h;
	unsigned char d[20];
	const char *base;
	size_t i;

	cg_sha1_init(&h);
	cg_sha1_update(&h, "cg-compile-1", 13);
	cg_sha1_update(&h, cg_clang(), strlen(cg_clang()) + 1);
	if (cxx)
		cg_sha1_update(&h, cg_clangxx(), strlen(cg_clangxx()) + 1);
	for (i = 0; i < n; i++) {
		cg_buf_reset(&b);
		if (cg_buf_read_file(&b, files[i]) < 0) {
			cg_buf_release(&b);
			return cg_error(CG_EXIT_DATA, "%s", cg_errmsg());
		}
		base = strrchr(files[i], '/') ? strrchr(files[i], '/') + 1 :
		    files[i];
		cg_sha1_update(&h, base, strlen(base) + 1);
		cg_sha1_update(&h, b.data, b.len);
		if (endswith(files[i], ".bc") &&
		    !cg_module_isbitcode(b.data, b.len)) {
			cg_buf_release(&b);
			return cg_error(CG_EXIT_DATA, "'%s' is not LLVM bitcode",
			    files[i]);
		}
	}
	cg_buf_release(&b);
	if (n > 0 && strrchr(files[0], '/')) {
		char *dir = cg_strdup(files[0]);
		*strrchr(dir, '/') = '\0';
		hashheaders(&h, dir);
		free(dir);
	}
	cg_sha1_final(&h, d);
	for (i = 0; i < 20; i++)
		snprintf(key + 2 * i, 3, "%02x", d[i]);
	return 0;
}

/*
 * The normalised module of a list of files, from the cache or made and
 * cached: C and C++ files are compiled (C++ by clang++ when any file is
 * C++), .bc and .ll files read, several modules linked.
 */
static int
loadfiles(char **files, size_t n, struct cg_buf *bc)
{
	struct cg_buf *parts;
	char key[41], *cache;
	size_t i;
	int r = 0, cxx = 0;

	for (i = 0; i < n; i++)
		cxx |= cg_clang_iscxx(files[i]);
	if (filekey(files, n, cxx, key) < 0)
		return -1;
	cache = cg_asprintf("%s/bitcode-%s.bc", cg_fs_cachedir(), key);
	if (cg_buf_read_file(bc, cache) == 0 && bc->len > 0) {
		free(cache);
		return 0;
	}
	cg_buf_reset(bc);
	parts = cg_calloc(n, sizeof(*parts));
	for (i = 0; i < n && r == 0; i++) {
		if (endswith(files[i], ".bc") || endswith(files[i], ".ll")) {
			if ((r = cg_buf_read_file(&parts[i], files[i])) < 0)
				cg_error(CG_EXIT_DATA, "%s", cg_errmsg());
		} else
			r = cg_clang_compile(files[i], cxx, NULL, NULL,
			    CG_CLANG_TIMEOUT, &parts[i]);
	}
	if (r == 0 && (r = cg_module_prepare(parts, n, bc)) == 0)
		cg_fs_write_atomic(cache, bc->data, bc->len);
	for (i = 0; i < n; i++)
		cg_buf_release(&parts[i]);
	free(parts);
	free(cache);
	return r;
}

static int
loaddataset(const char *dataset, const char *name, char **uri,
    struct cg_buf *bc)
{
	struct cg_located loc;
	int r;

	if (strcmp(dataset, "clang-v0") == 0)
		return cg_error(CG_EXIT_DATA, "'benchmark://clang-v0/%s' is "
		    "built from a command line: reset it from its state "
		    "(cg-reset - <state)", name);
	if (cg_dataset_locate(dataset, name, &loc) < 0)
		return -1;
	if ((r = loadfiles(loc.files, loc.nfiles, bc)) == 0) {
		*uri = loc.uri;
		loc.uri = NULL;
	}
	cg_dataset_located_release(&loc);
	return r;
}

static int
loadfile(const char *path, char **uri, struct cg_buf *bc)
{
	char real[PATH_MAX], *files[1];
	const char *p;

	for (p = path; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return cg_error(CG_EXIT_DATA, "a control character in "
			    "the file name '%s'", path);
	if (isdir(path))
		return cg_error(CG_EXIT_DATA, "'%s' is a folder: name a source "
		    "file, or build several with cg-reset -- cc FILE...", path);
	if (!isfile(path) || realpath(path, real) == NULL)
		return cg_error(CG_EXIT_DATA, "no such file '%s'", path);
	if (!cg_dataset_issource(real))
		return cg_error(CG_EXIT_DATA, "'%s' is not a C, C++, .ll or .bc "
		    "file", path);
	files[0] = real;
	if (loadfiles(files, 1, bc) < 0)
		return -1;
	*uri = cg_asprintf("file://%s", real);
	return 0;
}

/* A module built from a command line, and its build with the digests. */
static int
loadbuild(const json_t *build, char **uri, json_t **out, struct cg_buf *bc)
{
	struct cg_buf *parts = NULL;
	size_t n = 0, i;
	char hex[41];
	int r;

	if (cg_build_load(build, uri, out, &parts, &n) < 0)
		return -1;
	if ((r = cg_module_prepare(parts, n, bc)) == 0) {
		cg_sha1_hex(bc->data, bc->len, hex);
		json_object_set_new(*out, "module_sha1", json_string(hex));
	} else {
		free(*uri);
		json_decref(*out);
		*uri = NULL, *out = NULL;
	}
	for (i = 0; i < n; i++)
		cg_buf_release(&parts[i]);
	free(parts);
	return r;
}

/* A spec without a scheme that is meant as a path, not a URI. */
static int
lookslikepath(const char *spec)
{
	return *spec == '/' || strncmp(spec, "./", 2) == 0 ||
	    strncmp(spec, "../", 3) == 0 || cg_dataset_issource(spec);
}

int
cg_benchmark_load(const struct cg_bench *b, char **uri, json_t **build,
    struct cg_buf *bc)
{
	const char *spec = b->uri;
	struct cg_uri u;
	int r;

	*build = NULL;
	if (b->build)
		return loadbuild(b->build, uri, build, bc);
	if (strstr(spec, "://") == NULL &&
	    (isfile(spec) || isdir(spec) || lookslikepath(spec)))
		return loadfile(spec, uri, bc);
	if (cg_uri_parse(spec, &u) < 0)
		return -1;
	if (strcmp(u.scheme, "file") == 0)
		r = loadfile(u.path, uri, bc);
	else if (strcmp(u.scheme, "benchmark") == 0)
		r = loaddataset(u.dataset, u.path, uri, bc);
	else if (strcmp(u.scheme, "generator") == 0) {
		char *rest = cg_asprintf("%s/%s", u.dataset, u.path);
		r = cg_generator_load(rest, uri, bc);
		free(rest);
	} else
		r = cg_error(CG_EXIT_DATA, "unknown benchmark '%s'", spec);
	cg_uri_release(&u);
	return r;
}
