#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cg_buf.h"
#include "cg_dataset.h"
#include "cg_error.h"

#define MAXDEPTH 32

static const struct cg_generator_info generators[] = {
	{ "csmith-v0", "csmith", "CG_CSMITH", CG_RUNNABLE_YES },
	{ "llvm-stress-v0", "llvm-stress-19", "CG_LLVM_STRESS", CG_RUNNABLE_NO },
};

#define NGEN (int)(sizeof(generators) / sizeof(generators[0]))

const struct cg_generator_info *
cg_dataset_generator(int i)
{
	return i >= 0 && i < NGEN ? &generators[i] : NULL;
}

const struct cg_generator_info *
cg_dataset_generator_find(const char *name)
{
	int i;

	if (strncmp(name, "generator://", 12) == 0)
		name += 12;
	for (i = 0; i < NGEN; i++)
		if (strcmp(name, generators[i].name) == 0)
			return &generators[i];
	return NULL;
}

const char *
cg_dataset_generator_program(const struct cg_generator_info *g)
{
	const char *s = getenv(g->env);

	return s && *s ? s : g->program;
}

const char *
cg_dataset_builtindir(void)
{
	static char *dir;
	char exe[PATH_MAX], *s;
	ssize_t n;

	if (dir)
		return dir;
	if ((s = getenv("CG_DATADIR")) && *s)
		return dir = cg_strdup(s);
	/* Installed as PREFIX/bin/cg-*, with datasets in PREFIX/share/cg. */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n < 0)
		return dir = cg_strdup("/usr/local/share/cg/datasets");
	exe[n] = '\0';
	if ((s = strrchr(exe, '/')))
		*s = '\0';
	if ((s = strrchr(exe, '/')))
		*s = '\0';
	return dir = cg_asprintf("%s/share/cg/datasets", exe);
}

const char *
cg_dataset_userdir(void)
{
	static char *dir;
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");

	if (dir)
		return dir;
	if (xdg && *xdg == '/')
		return dir = cg_asprintf("%s/cg/datasets", xdg);
	return dir = cg_asprintf("%s/.local/share/cg/datasets",
	    home ? home : "");
}

int
cg_dataset_mkdirs(const char *path)
{
	char *p = cg_strdup(path), *s;
	int r = 0;

	for (s = p + 1; *s && r == 0; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST)
			r = -1;
		*s = '/';
	}
	if (r == 0 && mkdir(p, 0777) < 0 && errno != EEXIST)
		r = -1;
	free(p);
	return r;
}

static int
rmone(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	if (type == FTW_DP)
		return rmdir(path);
	return unlink(path);
}

int
cg_dataset_rmtree(const char *path)
{
	struct stat sb;

	if (lstat(path, &sb) < 0 && errno == ENOENT)
		return 0;
	if (nftw(path, rmone, 16, FTW_DEPTH | FTW_PHYS) != 0)
		return cg_error(CG_EXIT_FAILURE, "cannot remove '%s': %s",
		    path, strerror(errno));
	return 0;
}

static int
endswith(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a > b && strcmp(s + a - b, suffix) == 0;
}

static int
isdir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static int
isfile(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

static int
visible(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* 1 if dir holds a .c file: it is then one program. */
static int
isprogram(const char *dir)
{
	struct dirent **ents;
	int n, i, found = 0;

	if ((n = scandir(dir, &ents, visible, NULL)) < 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (endswith(ents[i]->d_name, ".c"))
			found = 1;
		free(ents[i]);
	}
	free(ents);
	return found;
}

struct names {
	char **v;
	size_t n, cap;
	size_t runnable;
};

static void
addname(struct names *ns, char *name)
{
	if (ns->n == ns->cap) {
		ns->cap = ns->cap ? 2 * ns->cap : 64;
		ns->v = cg_realloc(ns->v, ns->cap * sizeof(*ns->v));
	}
	ns->v[ns->n++] = name;
}

/* Adds the benchmarks under dir, named prefix + their path from there. */
static void
walk(const char *dir, const char *prefix, int depth, struct names *ns)
{
	static const char *const ext[] = { ".bc", ".ll", ".c" };
	struct dirent **ents;
	int n, i, k;

	if (depth > MAXDEPTH || (n = scandir(dir, &ents, visible,
	    alphasort)) < 0)
		return;
	for (i = 0; i < n; i++) {
		const char *e = ents[i]->d_name;
		char *path = cg_asprintf("%s/%s", dir, e), *run;

		if (isdir(path)) {
			if (isprogram(path)) {
				addname(ns, cg_asprintf("%s%s", prefix, e));
				run = cg_asprintf("%s/run.json", path);
				ns->runnable += isfile(run);
				free(run);
			} else {
				char *sub = cg_asprintf("%s%s/", prefix, e);
				walk(path, sub, depth + 1, ns);
				free(sub);
			}
		} else {
			for (k = 0; k < 3; k++)
				if (endswith(e, ext[k]) && isfile(path)) {
					addname(ns, cg_asprintf("%s%.*s",
					    prefix, (int)(strlen(e) -
					    strlen(ext[k])), e));
					break;
				}
		}
		free(path);
		free(ents[i]);
	}
	free(ents);
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Fills d's benchmarks, size and runnable from its folder. */
static void
scan(struct cg_dataset *d)
{
	struct names ns = { NULL, 0, 0, 0 };
	size_t i, k = 0;

	walk(d->dir, "", 0, &ns);
	/* NAME.bc next to NAME.c, or NAME/ next to NAME.bc: one benchmark. */
	if (ns.n)
		qsort(ns.v, ns.n, sizeof(*ns.v), cmpstr);
	for (i = 0; i < ns.n; i++) {
		if (k > 0 && strcmp(ns.v[k - 1], ns.v[i]) == 0)
			free(ns.v[i]);
		else
			ns.v[k++] = ns.v[i];
	}
	d->names = ns.v;
	d->nnames = k;
	d->size = (long)k;
	d->runnable = ns.runnable == 0 ? CG_RUNNABLE_NO :
	    ns.runnable >= k ? CG_RUNNABLE_YES : CG_RUNNABLE_PARTLY;
}

long
cg_dataset_count(const char *dir)
{
	struct cg_dataset d;
	size_t i;

	memset(&d, 0, sizeof(d));
	d.dir = (char *)dir;
	scan(&d);
	for (i = 0; i < d.nnames; i++)
		free(d.names[i]);
	free(d.names);
	return d.size;
}

struct list {
	struct cg_dataset *v;
	size_t n, cap;
};

static struct cg_dataset *
add(struct list *l, const char *scheme, const char *name)
{
	struct cg_dataset *d;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->v = cg_realloc(l->v, l->cap * sizeof(*l->v));
	}
	d = &l->v[l->n++];
	memset(d, 0, sizeof(*d));
	d->name = cg_strdup(name);
	d->uri = cg_asprintf("%s://%s", scheme, name);
	d->size = -1;
	return d;
}

static int
known(const struct list *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->v[i].name, name) == 0)
			return 1;
	return 0;
}

/* Adds the datasets in the folders of root. */
static void
addroot(struct list *l, const char *root, int builtin)
{
	struct dirent **ents;
	struct cg_dataset *d;
	int n, i;

	if ((n = scandir(root, &ents, visible, alphasort)) < 0)
		return;
	for (i = 0; i < n; i++) {
		char *dir = cg_asprintf("%s/%s", root, ents[i]->d_name);

		if (isdir(dir) && !known(l, ents[i]->d_name)) {
			d = add(l, "benchmark", ents[i]->d_name);
			d->dir = dir;
			d->installed = 1;
			d->builtin = builtin;
			scan(d);
		} else
			free(dir);
		free(ents[i]);
	}
	free(ents);
}

/* 1 if program is an executable file, as a path or found in PATH. */
static int
inpath(const char *program)
{
	const char *path = getenv("PATH"), *p, *end;
	int found = 0;

	if (strchr(program, '/'))
		return access(program, X_OK) == 0;
	for (p = path ? path : "/usr/bin:/bin"; !found; p = end + 1) {
		char *f;

		end = strchr(p, ':');
		if (end == NULL)
			end = p + strlen(p);
		f = cg_asprintf("%.*s/%s", (int)(end - p),
		    end == p ? "." : p, program);
		found = access(f, X_OK) == 0 && isfile(f);
		free(f);
		if (*end == '\0')
			break;
	}
	return found;
}

static int
cmpuri(const void *a, const void *b)
{
	return strcmp(((const struct cg_dataset *)a)->uri,
	    ((const struct cg_dataset *)b)->uri);
}

void
cg_dataset_list(struct cg_dataset **ds, size_t *n)
{
	struct list l = { NULL, 0, 0 };
	struct cg_dataset *d;
	int i;

	addroot(&l, cg_dataset_builtindir(), 1);
	addroot(&l, cg_dataset_userdir(), 0);
	if (!known(&l, CG_DATASET_TORTURE)) {
		d = add(&l, "benchmark", CG_DATASET_TORTURE);
		d->runnable = CG_RUNNABLE_YES;
	}
	for (i = 0; i < NGEN; i++) {
		d = add(&l, "generator", generators[i].name);
		d->program = cg_dataset_generator_program(&generators[i]);
		d->size = 0;
		d->installed = inpath(d->program);
		d->builtin = 1;
		d->runnable = generators[i].runnable;
	}
	if (l.n)
		qsort(l.v, l.n, sizeof(*l.v), cmpuri);
	*ds = l.v;
	*n = l.n;
}

void
cg_dataset_list_free(struct cg_dataset *ds, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < ds[i].nnames; k++)
			free(ds[i].names[k]);
		free(ds[i].names);
		free(ds[i].name);
		free(ds[i].uri);
		free(ds[i].dir);
	}
	free(ds);
}

struct cg_dataset *
cg_dataset_find(struct cg_dataset *ds, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(ds[i].uri, name) == 0 ||
		    strcmp(ds[i].name, name) == 0)
			return &ds[i];
	return cg_error(CG_EXIT_DATA, "unknown dataset '%s'", name), NULL;
}

static int
usable(const struct cg_dataset *d)
{
	return d->installed && (d->size == 0 || d->nnames > 0);
}

static int
notinstalled(const struct cg_dataset *d)
{
	if (d->program)
		return cg_error(CG_EXIT_DATA, "dataset '%s' needs '%s', which "
		    "is not installed", d->uri, d->program);
	return cg_error(CG_EXIT_DATA, "dataset '%s' is not installed "
	    "(cg-datasets install %s)", d->uri, d->name);
}

int
cg_dataset_each(const struct cg_dataset *d, cg_dataset_fn fn, void *arg)
{
	char *uri;
	size_t i;
	unsigned long seed;
	int r = 0;

	if (!d->installed)
		return notinstalled(d);
	if (d->size == 0) {
		for (seed = 0; seed <= CG_SEED_MAX && r == 0; seed++) {
			uri = cg_asprintf("%s/%lu", d->uri, seed);
			r = fn(uri, arg);
			free(uri);
		}
		return r;
	}
	for (i = 0; i < d->nnames && r == 0; i++) {
		uri = cg_asprintf("%s/%s", d->uri, d->names[i]);
		r = fn(uri, arg);
		free(uri);
	}
	return r;
}

/* splitmix64: small, fast, and the same on every machine. */
static uint64_t
nextrand(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n), without modulo bias. */
static uint64_t
below(uint64_t *s, uint64_t n)
{
	uint64_t lim = UINT64_MAX - UINT64_MAX % n, x;

	do
		x = nextrand(s);
	while (x >= lim);
	return x % n;
}

int
cg_dataset_random(const struct cg_dataset *ds, size_t n, long count,
    uint64_t seed, cg_dataset_fn fn, void *arg)
{
	const struct cg_dataset **use = cg_calloc(n, sizeof(*use));
	size_t nuse = 0, i;
	uint64_t s = seed;
	char *uri;
	long k;
	int r = 0;

	for (i = 0; i < n; i++)
		if (usable(&ds[i]))
			use[nuse++] = &ds[i];
	if (nuse == 0) {
		free(use);
		if (n == 1 && !ds[0].installed)
			return notinstalled(&ds[0]);
		return cg_error(CG_EXIT_DATA, "no benchmarks to choose from");
	}
	for (k = 0; k < count && r == 0; k++) {
		const struct cg_dataset *d = use[below(&s, nuse)];

		if (d->size == 0)
			uri = cg_asprintf("%s/%llu", d->uri, (unsigned long long)
			    below(&s, (uint64_t)CG_SEED_MAX + 1));
		else
			uri = cg_asprintf("%s/%s", d->uri,
			    d->names[below(&s, d->nnames)]);
		r = fn(uri, arg);
		free(uri);
	}
	free(use);
	return r;
}

int
cg_dataset_validname(const char *name)
{
	const char *p;

	if (*name == '\0' || *name == '.' || strlen(name) > 200)
		return 0;
	for (p = name; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789._-", *p))
			return 0;
	return 1;
}

int
cg_dataset_uninstall(const char *name)
{
	char *dir, *tmp, *builtin;
	int r;

	if (strncmp(name, "benchmark://", 12) == 0)
		name += 12;
	if (!cg_dataset_validname(name))
		return cg_error(CG_EXIT_DATA, "bad dataset name '%s'", name);
	builtin = cg_asprintf("%s/%s", cg_dataset_builtindir(), name);
	dir = cg_asprintf("%s/%s", cg_dataset_userdir(), name);
	tmp = cg_asprintf("%s/.uninstall-%s-XXXXXX", cg_dataset_userdir(),
	    name);
	if (!isdir(dir)) {
		r = cg_error(CG_EXIT_DATA, isdir(builtin) || 
		    cg_dataset_generator_find(name) ?
		    "dataset '%s' is built in, not installed" :
		    "dataset '%s' is not installed", name);
	} else if (mkdtemp(tmp) == NULL || rename(dir, tmp) < 0) {
		r = cg_error(CG_EXIT_FAILURE, "cannot remove '%s': %s", dir,
		    strerror(errno));
		rmdir(tmp);
	} else
		r = cg_dataset_rmtree(tmp);
	free(builtin);
	free(dir);
	free(tmp);
	return r;
}
