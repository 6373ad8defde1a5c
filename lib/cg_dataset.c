#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "cg_buf.h"
#include "cg_dataset.h"
#include "cg_error.h"
#include "cg_fs.h"

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

static int
endswith(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a > b && strcmp(s + a - b, suffix) == 0;
}

/* A real folder, not a symbolic link to one. */
static int
isdir(const char *path)
{
	struct stat sb;

	return lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
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

static const char *const srcext[] = {
	".bc", ".ll", ".c", ".cc", ".cpp", ".cxx"
};
#define NSRCEXT (sizeof(srcext) / sizeof(srcext[0]))

/* The length of name without its source extension, or 0 if it has none. */
static size_t
stemlen(const char *name)
{
	size_t i;

	for (i = 0; i < NSRCEXT; i++)
		if (endswith(name, srcext[i]))
			return strlen(name) - strlen(srcext[i]);
	return 0;
}

int
cg_dataset_issource(const char *name)
{
	return stemlen(name) > 0;
}

/* A program folder holds a run.json: it is one benchmark. */
static int
isprogram(const char *dir)
{
	char *p = cg_asprintf("%s/run.json", dir);
	int r = isfile(p);

	free(p);
	return r;
}

/*
 * 1 if name can be part of a benchmark URI: UTF-8 with no control
 * characters, and neither of the URI's "?" and "#".
 */
int
cg_dataset_nameable(const char *name)
{
	const unsigned char *p = (const unsigned char *)name;
	int k;

	while (*p) {
		if (*p < 0x20 || *p == 0x7f || *p == '?' || *p == '#')
			return 0;
		if (*p < 0x80) {
			p++;
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf)
			k = 1;
		else if (*p >= 0xe0 && *p <= 0xef)
			k = 2;
		else if (*p >= 0xf0 && *p <= 0xf4)
			k = 3;
		else
			return 0;
		for (p++; k > 0; k--, p++)
			if ((*p & 0xc0) != 0x80)
				return 0;
	}
	return 1;
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

/*
 * Adds the benchmarks under dir, named prefix + their path from there:
 * a folder with a run.json is one program; any other folder (not a
 * symbolic link) is walked; a source file is one program.
 */
static void
walk(const char *dir, const char *prefix, int depth, struct names *ns)
{
	struct dirent **ents;
	int n, i;
	size_t len;

	if (depth > MAXDEPTH || (n = scandir(dir, &ents, visible,
	    alphasort)) < 0)
		return;
	for (i = 0; i < n; i++) {
		const char *e = ents[i]->d_name;
		char *path = cg_asprintf("%s/%s", dir, e);

		if (!cg_dataset_nameable(e))
			;
		else if (isdir(path) && isprogram(path)) {
			addname(ns, cg_asprintf("%s%s", prefix, e));
			ns->runnable += cg_dataset_runnable(path);
		} else if (isdir(path)) {
			char *sub = cg_asprintf("%s%s/", prefix, e);
			walk(path, sub, depth + 1, ns);
			free(sub);
		} else if ((len = stemlen(e)) > 0 && isfile(path))
			addname(ns, cg_asprintf("%s%.*s", prefix, (int)len, e));
		free(path);
		free(ents[i]);
	}
	free(ents);
}

/*
 * 1 if the program folder dir has runs to check: a run.json whose "runs"
 * is a list that is not empty.
 */
int
cg_dataset_runnable(const char *dir)
{
	char *p = cg_asprintf("%s/run.json", dir);
	struct cg_buf b = CG_BUF_INIT;
	const char *s;
	int r = 0;

	/* Cheap: a listing must not parse every run.json in full. */
	if (cg_buf_read_file(&b, p) == 0 && b.len > 0 &&
	    (s = strstr((char *)b.data, "\"runs\"")) != NULL) {
		s += 6 + strspn(s + 6, " \t\r\n");
		if (*s == ':') {
			s++;
			s += strspn(s, " \t\r\n");
			r = *s == '[' && s[1 + strspn(s + 1, " \t\r\n")] != ']';
		}
	}
	cg_buf_release(&b);
	free(p);
	return r;
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The datasets a built-in dataset includes: its dataset.json's "include",
 * a list of other built-in datasets whose benchmarks are its own too
 * (new array of new strings, NULL-terminated; NULL when there are none).
 */
static char **
includes(const char *dir)
{
	char *p = cg_asprintf("%s/dataset.json", dir);
	json_t *j = json_load_file(p, 0, NULL), *v;
	char **inc = NULL;
	size_t i, k = 0;

	v = json_object_get(j, "include");
	if (json_is_array(v) && json_array_size(v) > 0) {
		inc = cg_calloc(json_array_size(v) + 1, sizeof(*inc));
		for (i = 0; i < json_array_size(v); i++) {
			const char *s = json_string_value(json_array_get(v, i));
			if (s && cg_dataset_validname(s))
				inc[k++] = cg_strdup(s);
		}
	}
	json_decref(j);
	free(p);
	return inc;
}

static void
freestrv(char **v)
{
	size_t i;

	for (i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

/* Fills d's benchmarks, size and runnable from its folder. */
static void
scan(struct cg_dataset *d)
{
	struct names ns = { NULL, 0, 0, 0 };
	char **inc = d->builtin ? includes(d->dir) : NULL;
	size_t i, k = 0;

	walk(d->dir, "", 0, &ns);
	for (i = 0; inc && inc[i]; i++) {
		char *dir = cg_asprintf("%s/%s", cg_dataset_builtindir(),
		    inc[i]);
		walk(dir, "", 0, &ns);
		free(dir);
	}
	freestrv(inc);
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

/* CompilerGym's deprecated aliases: another name for a dataset. */
static const char *const aliases[][2] = {
	{ "cBench-v1", "cbench-v1" },
};

const char *
cg_dataset_canonical(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (strcmp(name, aliases[i][0]) == 0)
			return aliases[i][1];
	return name;
}

int
cg_dataset_checkname(const char *uri, const char *name)
{
	const char *p, *e;

	if (*name == '\0')
		return cg_error(CG_EXIT_DATA, "bad benchmark URI '%s': no "
		    "benchmark named", uri);
	for (p = name; ; p = e + 1) {
		e = p + strcspn(p, "/");
		if (e == p || (e - p == 1 && *p == '.') ||
		    (e - p == 2 && p[0] == '.' && p[1] == '.'))
			return cg_error(CG_EXIT_DATA, "bad benchmark URI '%s': "
			    "empty, '.' or '..' in the name", uri);
		if (*e == '\0')
			break;
	}
	if (!cg_dataset_nameable(name))
		return cg_error(CG_EXIT_DATA, "bad benchmark URI '%s': a "
		    "control character, '?' or '#' in the name", uri);
	return 0;
}

/* The sources of program folder dir, sorted (new), and their number. */
static size_t
sources(const char *dir, char ***files)
{
	struct dirent **ents;
	size_t k = 0;
	int n, i;

	*files = NULL;
	if ((n = scandir(dir, &ents, visible, alphasort)) < 0)
		return 0;
	*files = cg_calloc((size_t)n + 1, sizeof(**files));
	for (i = 0; i < n; i++) {
		char *p = cg_asprintf("%s/%s", dir, ents[i]->d_name);
		/* .bc and .ll are not a program folder's sources. */
		if (stemlen(ents[i]->d_name) && !endswith(p, ".bc") &&
		    !endswith(p, ".ll") && isfile(p))
			(*files)[k++] = p;
		else
			free(p);
		free(ents[i]);
	}
	free(ents);
	return k;
}

/* Finds name in the dataset folder root: 1 found, 0 not, -1 an error. */
static int
locatein(const char *root, const char *uri, const char *name,
    struct cg_located *loc)
{
	char *path = cg_asprintf("%s/%s", root, name), *p;
	size_t i;
	int r = 0;

	/* No folder on the way may be a symbolic link. */
	for (p = strchr(path + strlen(root) + 1, '/'); p; p = strchr(p + 1,
	    '/')) {
		*p = '\0';
		i = (size_t)isdir(path);
		*p = '/';
		if (!i)
			goto out;
	}
	if (isdir(path)) {
		if (!isprogram(path)) {
			r = cg_error(CG_EXIT_DATA, "'%s' is a folder of "
			    "benchmarks, not one (cg-datasets %s lists them)",
			    uri, uri);
			goto out;
		}
		if ((loc->nfiles = sources(path, &loc->files)) == 0) {
			r = cg_error(CG_EXIT_DATA, "'%s' has a run.json but no "
			    "C or C++ source", uri);
			goto out;
		}
		loc->progdir = path;
		return 1;
	}
	for (i = 0; i < NSRCEXT; i++) {
		p = cg_asprintf("%s%s", path, srcext[i]);
		if (isfile(p)) {
			loc->files = cg_calloc(2, sizeof(*loc->files));
			loc->files[0] = p;
			loc->nfiles = 1;
			r = 1;
			break;
		}
		free(p);
	}
out:
	free(path);
	return r;
}

int
cg_dataset_locate(const char *dataset, const char *name,
    struct cg_located *loc)
{
	char *roots[2], *uri, **inc = NULL;
	int i, r = 0, found = 0;

	memset(loc, 0, sizeof(*loc));
	dataset = cg_dataset_canonical(dataset);
	uri = cg_asprintf("benchmark://%s/%s", dataset, name);
	if (!cg_dataset_validname(dataset) && strcmp(dataset, "cBench-v1")) {
		r = cg_error(CG_EXIT_DATA, "unknown dataset 'benchmark://%s'",
		    dataset);
		goto out;
	}
	if (cg_dataset_checkname(uri, name) < 0) {
		r = -1;
		goto out;
	}
	roots[0] = cg_asprintf("%s/%s", cg_dataset_builtindir(), dataset);
	roots[1] = cg_asprintf("%s/%s", cg_dataset_userdir(), dataset);
	for (i = 0; i < 2 && r == 0; i++) {
		if (!isdir(roots[i]))
			continue;
		found = 1;
		r = locatein(roots[i], uri, name, loc);
		if (r == 0 && i == 0 && (inc = includes(roots[0])) != NULL) {
			size_t k;
			for (k = 0; inc[k] && r == 0; k++) {
				char *d = cg_asprintf("%s/%s",
				    cg_dataset_builtindir(), inc[k]);
				r = locatein(d, uri, name, loc);
				free(d);
			}
			freestrv(inc);
		}
		if (found)
			break;	/* a built-in dataset hides an installed one */
	}
	free(roots[0]);
	free(roots[1]);
	if (r == 0 && !found)
		r = cg_error(CG_EXIT_DATA, "unknown dataset 'benchmark://%s'",
		    dataset);
	else if (r == 0)
		r = cg_error(CG_EXIT_DATA, "unknown benchmark '%s'", uri);
out:
	if (r > 0) {
		loc->uri = uri;
		return 0;
	}
	free(uri);
	cg_dataset_located_release(loc);
	return -1;
}

void
cg_dataset_located_release(struct cg_located *loc)
{
	size_t i;

	for (i = 0; i < loc->nfiles; i++)
		free(loc->files[i]);
	free(loc->files);
	free(loc->progdir);
	free(loc->uri);
	memset(loc, 0, sizeof(*loc));
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
	char *dir, *tmp = NULL, *builtin;
	int r = 0;

	if (strncmp(name, "benchmark://", 12) == 0)
		name += 12;
	if (!cg_dataset_validname(name))
		return cg_error(CG_EXIT_DATA, "bad dataset name '%s'", name);
	builtin = cg_asprintf("%s/%s", cg_dataset_builtindir(), name);
	dir = cg_asprintf("%s/%s", cg_dataset_userdir(), name);
	if (!isdir(dir)) {
		r = cg_error(CG_EXIT_DATA, isdir(builtin) ||
		    cg_dataset_generator_find(name) ?
		    "dataset '%s' is built in, not installed" :
		    "dataset '%s' is not installed", name);
	} else if (cg_fs_scratch(cg_dataset_userdir(), ".uninstall", &tmp) < 0)
		r = -1;
	else if (rename(dir, tmp) < 0)
		r = cg_error(CG_EXIT_FAILURE, "cannot remove '%s': %s", dir,
		    strerror(errno));
	if (tmp)
		cg_fs_unscratch(tmp);
	free(builtin);
	free(dir);
	free(tmp);
	return r;
}
