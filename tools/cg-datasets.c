/*
 * cg-datasets: list datasets and benchmarks; install and uninstall
 * datasets.  A program of its own, not a link to cg: it links libarchive,
 * which cannot be linked statically here, and needs no LLVM.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cg-tools.h"
#include "cg_dataset.h"
#include "cg_error.h"
#include "cg_install.h"
#include "cg_util.h"

#define TORTURE_PACKAGE "gcc-12-source"

enum verb { LIST, BENCHMARKS, RANDOM, INSTALL, UNINSTALL };

struct opts {
	const char *name;
	long count;
	long seed;
	int random, seeded;
	unsigned long long max;		/* --max-size */
	int maxgiven;
};

static int
printuri(const char *uri, void *arg)
{
	if (puts(uri) == EOF || ferror(stdout))
		return cg_error(CG_EXIT_FAILURE, "write error: %s",
		    strerror(errno));
	return 0;
}

/* One line per dataset: URI, size, installed, runnable. */
static int
list(struct cg_dataset *ds, size_t n)
{
	static const char *const runnable[] = { "no", "partly", "yes" };
	size_t i;

	for (i = 0; i < n; i++) {
		if (ds[i].size < 0)
			printf("%s\t-", ds[i].uri);
		else
			printf("%s\t%ld", ds[i].uri, ds[i].size);
		printf("\t%s\t%s\n", ds[i].installed ? "yes" : "no",
		    runnable[ds[i].runnable]);
	}
	return 0;
}

static int
benchmarks(struct cg_dataset *ds, size_t n, const char *name)
{
	struct cg_dataset *d = cg_dataset_find(ds, n, name);

	if (d == NULL || cg_dataset_each(d, printuri, NULL) < 0)
		return cg_report();
	return 0;
}

static int
sample(struct cg_dataset *ds, size_t n, const char *name,
    const struct opts *o)
{
	if (name && (ds = cg_dataset_find(ds, n, name)) == NULL)
		return cg_report();
	if (cg_dataset_random(ds, name ? 1 : n, o->count, (uint64_t)o->seed,
	    printuri, NULL) < 0)
		return cg_report();
	return 0;
}

static int
torture(void)
{
	char *src = cg_install_gcc_source();
	long installed, runnable, skipped;

	if (src == NULL) {
		cg_warnx("installing Debian package %s", TORTURE_PACKAGE);
		if (cg_install_package(TORTURE_PACKAGE) < 0)
			return cg_report();
		if ((src = cg_install_gcc_source()) == NULL) {
			cg_warnx("no gcc-12 source tarball in /usr/src/gcc-12");
			return CG_EXIT_FAILURE;
		}
	}
	cg_warnx("building the gcc.c-torture/execute programs of '%s'", src);
	if (cg_install_torture(src, &installed, &runnable, &skipped) < 0) {
		free(src);
		return cg_report();
	}
	printf("benchmark://%s: installed %ld programs (%ld runnable), "
	    "skipped %ld that clang-19 cannot build\n", CG_DATASET_TORTURE,
	    installed, runnable, skipped);
	free(src);
	return 0;
}

static int
install(const char *what, const struct opts *o)
{
	char *name;
	long count;

	if (strcmp(what, CG_DATASET_TORTURE) == 0 && !o->name &&
	    access(what, F_OK) != 0)
		return torture();
	if (cg_install_archive(what, o->name, o->max, &name, &count) < 0)
		return cg_report();
	printf("benchmark://%s: installed %ld benchmarks\n", name, count);
	free(name);
	return 0;
}

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: cg-datasets [-h] [dataset]\n"
	    "       cg-datasets -r count [-s seed] [dataset]\n"
	    "       cg-datasets install [-n name] [-m size] archive | %s\n"
	    "       cg-datasets uninstall dataset\n", CG_DATASET_TORTURE);
}

/*
 * An option of o's; -1 with the error recorded (status 2 for a bad
 * value), 1 when the tool is done (-h).
 */
static int
option(int c, const char *arg, struct opts *o)
{
	switch (c) {
	case 'h':
		usage(stdout);
		return 1;
	case 'm':
		o->maxgiven = 1;
		return cg_parse_size(arg, &o->max);
	case 'n':
		o->name = arg;
		return 0;
	case 'r':
		o->random = 1;
		return cg_parse_int(arg, 0, LONG_MAX, &o->count);
	default:	/* 's' */
		o->seeded = 1;
		return cg_parse_int(arg, 0, LONG_MAX, &o->seed);
	}
}

int
cmd_datasets(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "max-size", required_argument, NULL, 'm' },
		{ "name", required_argument, NULL, 'n' },
		{ "random", required_argument, NULL, 'r' },
		{ "seed", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct opts o = { NULL, 0, 0, 0, 0, CG_INSTALL_MAX, 0 };
	struct cg_dataset *ds;
	enum verb verb;
	size_t n;
	int c, status;

	cg_setprogname(argv[0]);
	while ((c = getopt_long(argc, argv, "hm:n:r:s:", longopts, NULL)) !=
	    -1) {
		if (c == '?') {
			usage(stderr);
			return CG_EXIT_USAGE;
		}
		if ((status = option(c, optarg, &o)) != 0)
			return status < 0 ? cg_report() : cg_out_close(0);
	}
	argc -= optind;
	argv += optind;
	if (argc > 0 && strcmp(argv[0], "install") == 0)
		verb = INSTALL;
	else if (argc > 0 && strcmp(argv[0], "uninstall") == 0)
		verb = UNINSTALL;
	else if (o.random)
		verb = RANDOM;
	else
		verb = argc ? BENCHMARKS : LIST;
	if (verb == INSTALL || verb == UNINSTALL)
		argc--, argv++;
	if (argc > 1 || ((verb == INSTALL || verb == UNINSTALL) &&
	    argc != 1) || (o.random && verb != RANDOM) ||
	    (o.seeded && !o.random) || ((o.name || o.maxgiven) &&
	    verb != INSTALL)) {
		usage(stderr);
		return CG_EXIT_USAGE;
	}
	if (o.name && !cg_dataset_validname(o.name)) {
		cg_warnx("bad dataset name '%s' (expected [a-z0-9._-]+)",
		    o.name);
		return CG_EXIT_USAGE;
	}
	if (verb == INSTALL)
		return cg_out_close(install(argv[0], &o));
	if (verb == UNINSTALL)
		return cg_out_close(cg_dataset_uninstall(argv[0]) < 0 ?
		    cg_report() : 0);
	cg_dataset_list(&ds, &n);
	if (verb == LIST)
		status = list(ds, n);
	else if (verb == RANDOM)
		status = sample(ds, n, argc ? argv[0] : NULL, &o);
	else
		status = benchmarks(ds, n, argv[0]);
	cg_dataset_list_free(ds, n);
	return cg_out_close(status);
}

int
main(int argc, char *argv[])
{
	return cmd_datasets(argc, argv);
}
