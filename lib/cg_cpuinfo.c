/*
 * CpuInfo, with CompilerGym's keys and meanings:
 *   name         the first "model name" of /proc/cpuinfo ("Hardware" where
 *                there is none, as on some ARM kernels), white space
 *                trimmed.  pytorch/cpuinfo would tidy it ("Intel Xeon
 *                E5-2686 v4" for "Intel(R) Xeon(R) CPU E5-2686 v4 @
 *                2.30GHz"); it is given here as the kernel gives it;
 *   cores_count  the number of distinct (package, core) pairs of
 *                /sys/devices/system/cpu/cpu<N>/topology, or of
 *                (physical id, core id) in /proc/cpuinfo, or else the
 *                number of processors;
 *   <c>_cache_size, <c>_cache_count for c in l1i, l1d, l2, l3, l4: from
 *                /sys/devices/system/cpu/cpu<N>/cache/index<M>/ (level,
 *                type, size, shared_cpu_list): the size in bytes of the
 *                cache of that level that the lowest-numbered processor
 *                has (-1 if none), and the number of distinct caches of
 *                that level (processors that share one cache list it
 *                once).  L1 is split by type (Instruction: l1i, Data or
 *                Unified: l1d); the other levels are the caches that are
 *                not instruction caches.
 * CompilerGym's quirk is kept: l1i_cache_count holds the number of L1
 * data caches, not of L1 instruction caches.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg_cpuinfo.h"
#include "cg_error.h"
#include "cg_json.h"

#define SYSCPU "/sys/devices/system/cpu"

enum { L1I, L1D, L2, L3, L4, NCACHE };

static const char *const cachename[NCACHE] = { "l1i", "l1d", "l2", "l3",
	"l4" };

struct cachelevel {
	long long size;		/* of the first one, -1 if none */
	char **shared;		/* shared_cpu_list of each distinct cache */
	size_t n;
};

/* The first line of a small file, without its newline; -1 if none. */
static int
readline(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	int ok;

	if (f == NULL)
		return -1;
	ok = fgets(buf, (int)size, f) != NULL;
	fclose(f);
	if (!ok)
		return -1;
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static int
cmpint(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

/* The numbers N of the directories cpu<N> in SYSCPU, sorted (new). */
static int *
cpus(size_t *n)
{
	DIR *d = opendir(SYSCPU);
	struct dirent *e;
	int *v = NULL;
	size_t cap = 0;
	char *end;
	long k;

	*n = 0;
	if (d == NULL)
		return NULL;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, "cpu", 3) != 0 || e->d_name[3] < '0' ||
		    e->d_name[3] > '9')
			continue;
		k = strtol(e->d_name + 3, &end, 10);
		if (*end != '\0')
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			v = cg_realloc(v, cap * sizeof(*v));
		}
		v[(*n)++] = (int)k;
	}
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof(*v), cmpint);
	return v;
}

/* "32K", "1024K", "8M" in bytes; -1 if it is none of those. */
static long long
parsesize(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	if (end == s || v < 0)
		return -1;
	switch (*end) {
	case 'K': return v << 10;
	case 'M': return v << 20;
	case 'G': return v << 30;
	case '\0': return v;
	}
	return -1;
}

/* Counts cache c of a processor (its shared_cpu_list is shared). */
static void
addcache(struct cachelevel *c, long long size, const char *shared)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->shared[i], shared) == 0)
			return;
	if (c->n == 0)
		c->size = size;
	c->shared = cg_realloc(c->shared, (c->n + 1) * sizeof(*c->shared));
	c->shared[c->n++] = cg_strdup(shared);
}

static void
caches(const int *cpu, size_t ncpu, struct cachelevel *c)
{
	char path[256], level[32], type[32], size[32], shared[4096];
	size_t i;
	int j, l, k;

	for (i = 0; i < ncpu; i++)
		for (j = 0;; j++) {
#define FIELD(name, buf) (snprintf(path, sizeof(path), \
	SYSCPU "/cpu%d/cache/index%d/" name, cpu[i], j), \
	readline(path, buf, sizeof(buf)))
			if (FIELD("level", level) < 0)
				break;
			if (FIELD("type", type) < 0 || FIELD("size", size) < 0)
				continue;
			if (FIELD("shared_cpu_list", shared) < 0)
				snprintf(shared, sizeof(shared), "%d", cpu[i]);
#undef FIELD
			l = atoi(level);
			if (l == 1)
				k = strcmp(type, "Instruction") == 0 ? L1I : L1D;
			else if (l >= 2 && l <= 4 &&
			    strcmp(type, "Instruction") != 0)
				k = L2 + l - 2;
			else
				continue;
			addcache(&c[k], parsesize(size), shared);
		}
}

/* The number of distinct (package, core) pairs of cpu[], 0 if unknown. */
static long
syscores(const int *cpu, size_t ncpu)
{
	char path[256], pkg[32], core[32];
	long *pairs = cg_calloc(ncpu + 1, sizeof(*pairs)), n = 0, p;
	size_t i, j;

	for (i = 0; i < ncpu; i++) {
		snprintf(path, sizeof(path),
		    SYSCPU "/cpu%d/topology/physical_package_id", cpu[i]);
		if (readline(path, pkg, sizeof(pkg)) < 0)
			break;
		snprintf(path, sizeof(path), SYSCPU "/cpu%d/topology/core_id",
		    cpu[i]);
		if (readline(path, core, sizeof(core)) < 0)
			break;
		p = atol(pkg) << 24 | (atol(core) & 0xffffff);
		for (j = 0; j < (size_t)n && pairs[j] != p; j++)
			;
		if (j == (size_t)n)
			pairs[n++] = p;
	}
	free(pairs);
	return i == ncpu ? n : 0;
}

/* The value of a "key : value" line of /proc/cpuinfo, or NULL. */
static char *
value(char *line, const char *key)
{
	size_t n = strlen(key);
	char *v, *e;

	if (strncmp(line, key, n) != 0 || (line[n] != ' ' && line[n] != '\t' &&
	    line[n] != ':') || (v = strchr(line, ':')) == NULL)
		return NULL;
	for (v++; *v == ' ' || *v == '\t'; v++)
		;
	for (e = v + strlen(v); e > v && (e[-1] == '\n' || e[-1] == ' ' ||
	    e[-1] == '\t'); e--)
		;
	*e = '\0';
	return v;
}

/*
 * From /proc/cpuinfo: the name, the distinct (physical id, core id)
 * pairs and the processors.
 */
static int
procinfo(char **name, long *cores, long *procs)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[1024], *v, *hardware = NULL;
	long *pairs = NULL, phys = -1, p;
	size_t cap = 0, n = 0, i;

	*name = NULL;
	*procs = 0;
	if (f == NULL)
		return cg_error(CG_EXIT_FAILURE, "cannot open '/proc/cpuinfo': "
		    "%s", strerror(errno));
	while (fgets(line, sizeof(line), f) != NULL) {
		if (value(line, "processor") != NULL) {
			(*procs)++;
		} else if ((v = value(line, "model name")) != NULL) {
			if (*name == NULL)
				*name = cg_strdup(v);
		} else if ((v = value(line, "Hardware")) != NULL) {
			if (hardware == NULL)
				hardware = cg_strdup(v);
		} else if ((v = value(line, "physical id")) != NULL) {
			phys = atol(v);
		} else if ((v = value(line, "core id")) != NULL) {
			p = phys << 24 | (atol(v) & 0xffffff);
			for (i = 0; i < n && pairs[i] != p; i++)
				;
			if (i < n)
				continue;
			if (n == cap) {
				cap = cap ? 2 * cap : 16;
				pairs = cg_realloc(pairs, cap * sizeof(*pairs));
			}
			pairs[n++] = p;
		}
	}
	fclose(f);
	free(pairs);
	*cores = (long)n;
	if (*name == NULL)
		*name = hardware ? hardware : cg_strdup("");
	else
		free(hardware);
	return 0;
}

int
cg_cpuinfo_json(struct cg_buf *out)
{
	struct cachelevel c[NCACHE];
	char *name;
	long cores, procs, sys;
	size_t ncpu, j;
	int *cpu, k;

	if (procinfo(&name, &cores, &procs) < 0)
		return -1;
	cpu = cpus(&ncpu);
	if ((sys = syscores(cpu, ncpu)) > 0)
		cores = sys;
	else if (cores == 0)
		cores = procs;
	memset(c, 0, sizeof(c));
	for (k = 0; k < NCACHE; k++)
		c[k].size = -1;
	caches(cpu, ncpu, c);
	cg_buf_addstr(out, "{\"name\":");
	cg_json_string(out, name, strlen(name));
	cg_buf_addf(out, ",\"cores_count\":%ld", cores);
	for (k = 0; k < NCACHE; k++)
		/* CompilerGym's quirk: l1i_cache_count is the L1d count. */
		cg_buf_addf(out, ",\"%s_cache_size\":%lld,\"%s_cache_count\":%zu",
		    cachename[k], c[k].size, cachename[k],
		    c[k == L1I ? L1D : k].n);
	cg_buf_addstr(out, "}");
	for (k = 0; k < NCACHE; k++) {
		for (j = 0; j < c[k].n; j++)
			free(c[k].shared[j]);
		free(c[k].shared);
	}
	free(cpu);
	free(name);
	return 0;
}
