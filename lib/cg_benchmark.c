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

/* 1 if the bytes are LLVM bitcode (raw, or in its wrapper). */
static int
isbitcode(const struct cg_buf *b)
{
	static const unsigned char raw[4] = { 'B', 'C', 0xc0, 0xde };
	static const unsigned char wrap[4] = { 0xde, 0xc0, 0x17, 0x0b };

	return b->len >= 4 && (memcmp(b->data, raw, 4) == 0 ||
	    memcmp(b->data, wrap, 4) == 0);
}

/*
 * Loads the raw program of a list of files: C and C++ files are compiled
 * (C++ by clang++ when any file is C++), .bc and .ll files read, and
 * several modules linked.  The cache key covers the compilers' names, the
 * files' contents and the headers beside them.
 */
static int
loadfiles(char **files, size_t n, struct cg_buf *raw, char key[41])
{
	struct cg_buf *parts = cg_calloc(n, sizeof(*parts));
	struct cg_sha1 h;
	unsigned char d[20];
	const char *base;
	size_t i;
	int r = -1, cxx = 0;

	for (i = 0; i < n; i++)
		cxx |= cg_clang_iscxx(files[i]);
	cg_sha1_init(&h);
	cg_sha1_update(&h, "cg-compile-1", 13);
	cg_sha1_update(&h, cg_clang(), strlen(cg_clang()) + 1);
	if (cxx)
		cg_sha1_update(&h, cg_clangxx(), strlen(cg_clangxx()) + 1);
	for (i = 0; i < n; i++) {
		if (cg_buf_read_file(&parts[i], files[i]) < 0) {
			cg_error(CG_EXIT_DATA, "%s", cg_errmsg());
			goto out;
		}
		base = strrchr(files[i], '/') ? strrchr(files[i], '/') + 1 :
		    files[i];
		cg_sha1_update(&h, base, strlen(base) + 1);
		cg_sha1_update(&h, parts[i].data, parts[i].len);
		if (endswith(files[i], ".bc") && !isbitcode(&parts[i])) {
			cg_error(CG_EXIT_DATA, "'%s' is not LLVM bitcode",
			    files[i]);
			goto out;
		}
		if (!endswith(files[i], ".bc") && !endswith(files[i], ".ll")) {
			cg_buf_reset(&parts[i]);
			if (cg_clang_compile(files[i], cxx, NULL, NULL,
			    CG_CLANG_TIMEOUT, &parts[i]) < 0)
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
loaddataset(const char *dataset, const char *name, char **uri,
    struct cg_buf *bc)
{
	struct cg_located loc;
	struct cg_buf raw = CG_BUF_INIT;
	char key[41], *cachefile = NULL;
	int r = -1;

	if (strcmp(dataset, "clang-v0") == 0)
		return cg_error(CG_EXIT_DATA, "'benchmark://clang-v0/%s' is "
		    "built from a command line: reset it from its state "
		    "(cg-reset - <state)", name);
	if (cg_dataset_locate(dataset, name, &loc) < 0)
		return -1;
	if (loadfiles(loc.files, loc.nfiles, &raw, key) < 0)
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
	*uri = loc.uri;
	loc.uri = NULL;
out:
	cg_dataset_located_release(&loc);
	free(cachefile);
	cg_buf_release(&raw);
	return r;
}

static int
loadfile(const char *path, char **uri, struct cg_buf *bc)
{
	char real[PATH_MAX], key[41], *files[1];
	struct cg_buf raw = CG_BUF_INIT;
	int r;

	if (isdir(path))
		return cg_error(CG_EXIT_DATA, "'%s' is a folder: name a source "
		    "file, or build several with cg-reset -- cc FILE...", path);
	if (!isfile(path) || realpath(path, real) == NULL)
		return cg_error(CG_EXIT_DATA, "no such file '%s'", path);
	if (!cg_dataset_issource(real))
		return cg_error(CG_EXIT_DATA, "'%s' is not a C, C++, .ll or .bc "
		    "file", path);
	files[0] = real;
	r = loadfiles(files, 1, &raw, key);
	if (r == 0)
		r = cg_module_normalise(raw.data, raw.len, bc);
	if (r == 0)
		*uri = cg_asprintf("file://%s", real);
	cg_buf_release(&raw);
	return r;
}

/* A module built from a command line, and its build with the digests. */
static int
loadbuild(const json_t *build, char **uri, json_t **out, struct cg_buf *bc)
{
	struct cg_buf raw = CG_BUF_INIT, *parts = NULL;
	size_t n = 0, i;
	char hex[41];
	int r;

	if (cg_build_load(build, uri, out, &parts, &n) < 0)
		return -1;
	r = cg_module_link(parts, n, &raw);
	if (r == 0)
		r = cg_module_normalise(raw.data, raw.len, bc);
	if (r == 0) {
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
	cg_buf_release(&raw);
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
