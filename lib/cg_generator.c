#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg_clang.h"
#include "cg_dataset.h"
#include "cg_error.h"
#include "cg_fs.h"
#include "cg_generator.h"
#include "cg_module.h"
#include "cg_proc.h"
#include "cg_sha1.h"

/* Bump when the generated modules' meaning changes. */
#define CACHE_VERSION "cg-generator-1"
#define CSMITH_INCLUDE "/usr/include/csmith"
#define CSMITH_ATTEMPTS 3
#define CSMITH_TIMEOUT 300.0
#define STRESS_TIMEOUT 60.0
#define VERSION_TIMEOUT 60.0

/* A seed: decimal digits only, 0..CG_SEED_MAX. */
static int
parseseed(const char *s, unsigned long *seed)
{
	const char *p;

	*seed = 0;
	if (*s == '\0' || strlen(s) > 10)
		return -1;
	for (p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		*seed = *seed * 10 + (unsigned long)(*p - '0');
	}
	return *seed <= CG_SEED_MAX ? 0 : -1;
}

/*
 * Hashes what program --version prints (nothing if it cannot run), run in
 * folder dir.
 */
static void
hashversion(struct cg_sha1 *h, const char *program, const char *dir)
{
	char *argv[] = { "env", "-C", (char *)dir, (char *)program,
		"--version", NULL };
	struct cg_buf out = CG_BUF_INIT, err = CG_BUF_INIT;

	cg_sha1_update(h, program, strlen(program) + 1);
	if (cg_proc_run(argv, VERSION_TIMEOUT, &out, &err) == 0)
		cg_sha1_update(h, out.data, out.len);
	cg_buf_release(&out);
	cg_buf_release(&err);
}

/* The first line of a program's complaint, for messages (borrowed). */
static const char *
firstline(struct cg_buf *err)
{
	char *s = err->data ? (char *)err->data : "";

	s[strcspn(s, "\n")] = '\0';
	return s;
}

/* Statuses 126 and 127: the program (run by env) was not found. */
static int
notfound(int r, const char *program)
{
	if (r == 126 || r == 127)
		return cg_error(CG_EXIT_FAILURE, "cannot run '%s'", program);
	return 0;
}

static int
writefile(const char *path, const struct cg_buf *b)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL || fwrite(b->data, 1, b->len, fp) != b->len ||
	    fclose(fp) != 0)
		return cg_error(CG_EXIT_FAILURE, "cannot write '%s': %s", path,
		    strerror(errno));
	return 0;
}

/* csmith runs in folder dir, where it leaves platform.info. */
static int
csmith(const char *program, unsigned long seed, const char *dir,
    struct cg_buf *raw)
{
	const char *extra[] = { "-I" CSMITH_INCLUDE, "-xc", NULL };
	struct cg_buf src = CG_BUF_INIT, err = CG_BUF_INIT;
	char *path = NULL, num[32];
	char *argv[] = { "env", "-C", (char *)dir, (char *)program, "--seed",
		num, NULL };
	int attempt, r = -1;

	snprintf(num, sizeof(num), "%lu", seed);
	for (attempt = 1; attempt <= CSMITH_ATTEMPTS; attempt++) {
		cg_buf_reset(&src);
		cg_buf_reset(&err);
		if ((r = cg_proc_run(argv, CSMITH_TIMEOUT, &src, &err)) <= 0 ||
		    notfound(r, program) < 0)
			break;
	}
	if (r > 0 && attempt > CSMITH_ATTEMPTS) {
		cg_error(CG_EXIT_DATA, "csmith failed after %d attempts with "
		    "seed %lu%s%s", CSMITH_ATTEMPTS, seed,
		    *firstline(&err) ? ": " : "", firstline(&err));
		r = -1;
	}
	if (r == 0) {
		path = cg_asprintf("%s/source.c", dir);
		if ((r = writefile(path, &src)) == 0)
			r = cg_clang_compile(path, 0, NULL, extra, CSMITH_TIMEOUT,
			    raw);
	}
	cg_buf_release(&src);
	cg_buf_release(&err);
	free(path);
	return r < 0 ? -1 : 0;
}

static int
llvmstress(const char *program, unsigned long seed, struct cg_buf *raw)
{
	struct cg_buf err = CG_BUF_INIT;
	char opt[48];
	char *argv[] = { (char *)program, opt, NULL };
	int r;

	snprintf(opt, sizeof(opt), "--seed=%lu", seed);
	r = cg_proc_run(argv, STRESS_TIMEOUT, raw, &err);
	if (r > 0 && notfound(r, program) == 0)
		cg_error(CG_EXIT_DATA, "%s failed with seed %lu%s%s", program,
		    seed, *firstline(&err) ? ": " : "", firstline(&err));
	cg_buf_release(&err);
	return r == 0 ? 0 : -1;
}

/*
 * The cache file of a seed's module (new): keyed by the generator, the
 * seed and the versions of the programs that make the module.
 */
static char *
cachefile(const struct cg_generator_info *g, const char *program,
    unsigned long seed, const char *dir)
{
	struct cg_sha1 h;
	unsigned char d[20];
	char key[41], num[32];
	int i;

	cg_sha1_init(&h);
	cg_sha1_update(&h, CACHE_VERSION, sizeof(CACHE_VERSION));
	cg_sha1_update(&h, g->name, strlen(g->name) + 1);
	snprintf(num, sizeof(num), "%lu", seed);
	cg_sha1_update(&h, num, strlen(num) + 1);
	hashversion(&h, program, dir);
	if (strcmp(g->name, "csmith-v0") == 0) {
		hashversion(&h, cg_clang(), dir);
		cg_sha1_update(&h, CSMITH_INCLUDE, sizeof(CSMITH_INCLUDE));
	}
	cg_sha1_final(&h, d);
	for (i = 0; i < 20; i++)
		snprintf(key + 2 * i, 3, "%02x", d[i]);
	return cg_asprintf("%s/generated-%s.bc", cg_fs_cachedir(), key);
}

int
cg_generator_load(const char *rest, char **uri, struct cg_buf *bc)
{
	const struct cg_generator_info *g;
	const char *program, *slash = strchr(rest, '/');
	struct cg_buf raw = CG_BUF_INIT;
	unsigned long seed;
	char *name, *path, *dir;
	int r, iscsmith;

	name = slash ? cg_asprintf("%.*s", (int)(slash - rest), rest) :
	    cg_strdup(rest);
	g = cg_dataset_generator_find(name);
	free(name);
	if (g == NULL)
		return cg_error(CG_EXIT_DATA, "unknown dataset 'generator://%.*s'",
		    slash ? (int)(slash - rest) : (int)strlen(rest), rest);
	if (slash == NULL || parseseed(slash + 1, &seed) < 0)
		return cg_error(CG_EXIT_DATA, "bad seed '%s' in "
		    "'generator://%s' (expected 0..%lu)", slash ? slash + 1 :
		    "", rest, CG_SEED_MAX);
	program = cg_dataset_generator_program(g);
	iscsmith = strcmp(g->name, "csmith-v0") == 0;
	if (cg_fs_scratch(cg_fs_tmpdir(), "cg-generator", &dir) < 0)
		return -1;
	path = cachefile(g, program, seed, dir);
	if (cg_buf_read_file(bc, path) == 0 && bc->len > 0)
		r = 0;
	else {
		cg_buf_reset(bc);
		r = iscsmith ? csmith(program, seed, dir, &raw) :
		    llvmstress(program, seed, &raw);
		if (r == 0)
			r = cg_module_prepare(&raw, 1, bc);
		/* A module that cannot be cached is still a good module. */
		if (r == 0)
			cg_fs_write_atomic(path, bc->data, bc->len);
	}
	if (r == 0)
		*uri = cg_asprintf("generator://%s/%lu", g->name, seed);
	else
		cg_error_prefix("generator://%s/%lu", g->name, seed);
	cg_fs_unscratch(dir);
	free(dir);
	free(path);
	cg_buf_release(&raw);
	return r;
}
