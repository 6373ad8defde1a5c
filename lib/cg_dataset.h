/*
 * Datasets: where benchmarks come from, listed and sampled.
 *
 *   built in    cg_dataset_builtindir()/NAME (share/cg/datasets next to
 *               the executable's bin/, or $CG_DATADIR)
 *   installed   cg_dataset_userdir()/NAME ($XDG_DATA_HOME/cg/datasets,
 *               default ~/.local/share/cg/datasets); a built-in dataset
 *               hides an installed one of the same name
 *   generators  generator://csmith-v0 and generator://llvm-stress-v0,
 *               one benchmark per seed 0..2^32-2
 *
 * A dataset folder holds a benchmark per source file (NAME.bc, NAME.ll,
 * NAME.c, NAME.cc, NAME.cpp, NAME.cxx) and per program folder (a folder
 * with a run.json: its C and C++ sources are one program, runnable if the
 * run.json has runs), at any depth: SUB/NAME.c is
 * benchmark://DATASET/SUB/NAME.  Other folders are walked; symbolic links
 * to folders are not followed.  Names that start with '.' are not
 * benchmarks (installs in progress use them), nor names that a URI
 * cannot hold (cg_dataset_nameable()).  A built-in dataset's dataset.json
 * may name other built-in datasets in "include": their benchmarks are its
 * own too (cgbench-v1 holds cgbench-v0's programs).  The deprecated name
 * cBench-v1 names cbench-v1, as in CompilerGym.
 *
 * Nothing here uses LLVM, so that cg-datasets links without it.  Strings
 * and arrays returned are new (the caller frees them) unless said borrowed.
 * Layer 6 (benchmarks).
 */
#ifndef CG_DATASET_H
#define CG_DATASET_H

#include <stddef.h>
#include <stdint.h>

#define CG_SEED_MAX 4294967294UL	/* generator seeds are 0..2^32-2 */
/* The dataset cg-datasets makes from Debian's gcc sources. */
#define CG_DATASET_TORTURE "gcc-c-torture-v0"

enum { CG_RUNNABLE_NO, CG_RUNNABLE_PARTLY, CG_RUNNABLE_YES };

struct cg_dataset {
	char *name;		/* "cgbench-v0" */
	char *uri;		/* "benchmark://cgbench-v0" */
	char *dir;		/* its folder; NULL for generators and for a
				   dataset that can be installed but is not */
	const char *program;	/* a generator's program (borrowed) */
	long size;		/* benchmarks; 0: infinite; -1: not known */
	int installed;		/* usable here now */
	int builtin;
	int runnable;		/* CG_RUNNABLE_* */
	char **names;		/* the benchmarks' names, sorted */
	size_t nnames;
};

/* A generator: its dataset name, program and variable to override it. */
struct cg_generator_info {
	const char *name;
	const char *program;
	const char *env;
	int runnable;
};

/* Generator i (0, 1, ...), or NULL past the last (borrowed). */
const struct cg_generator_info *cg_dataset_generator(int i);
/* The generator named name (with or without generator://), or NULL. */
const struct cg_generator_info *cg_dataset_generator_find(const char *name);
/* The program to run for g: $env if set, else g->program (borrowed). */
const char *cg_dataset_generator_program(const struct cg_generator_info *g);

/* The folder of the built-in datasets (borrowed). */
const char *cg_dataset_builtindir(void);
/* The folder of installed datasets (borrowed; maybe not there yet). */
const char *cg_dataset_userdir(void);

/*
 * Every dataset: built in, installed, installable and generators, sorted
 * by URI.  Never fails; free with cg_dataset_list_free().
 */
void cg_dataset_list(struct cg_dataset **ds, size_t *n);
void cg_dataset_list_free(struct cg_dataset *ds, size_t n);
/*
 * The dataset called name ("cbench-v1", "benchmark://cbench-v1" or
 * "generator://csmith-v0") in ds (borrowed), or NULL with status 3.
 */
struct cg_dataset *cg_dataset_find(struct cg_dataset *ds, size_t n,
    const char *name);

/* Receives one benchmark URI (borrowed); returns -1 to stop. */
typedef int (*cg_dataset_fn)(const char *uri, void *arg);
/*
 * Passes each benchmark URI of d to fn in order: names sorted, seeds
 * counting up.  -1 (the error recorded) if fn returned -1; -1 with status
 * 3 if d is not installed.
 */
int cg_dataset_each(const struct cg_dataset *d, cg_dataset_fn fn, void *arg);
/*
 * Passes count benchmark URIs drawn at random with replacement to fn, the
 * same for the same seed: a dataset uniformly among the usable ones of ds,
 * then a benchmark (or a seed) uniformly in it.  -1 with status 3 if no
 * dataset of ds is usable, or -1 if fn returned -1.
 */
int cg_dataset_random(const struct cg_dataset *ds, size_t n, long count,
    uint64_t seed, cg_dataset_fn fn, void *arg);

/* Where a benchmark's files are (cg_dataset_locate()). */
struct cg_located {
	char *uri;		/* its canonical URI */
	char **files;		/* its sources, sorted */
	size_t nfiles;
	char *progdir;		/* its program folder, or NULL for a file */
};

/*
 * Finds benchmark name of dataset: 0 with loc filled (release it), or -1
 * with status 3 for an unknown dataset or benchmark, a bad name or a
 * folder of benchmarks.
 */
int cg_dataset_locate(const char *dataset, const char *name,
    struct cg_located *loc);
void cg_dataset_located_release(struct cg_located *loc);
/* The dataset an alias stands for, or name itself (borrowed). */
const char *cg_dataset_canonical(const char *name);
/* 0 if name can name a benchmark of uri; -1 with status 3 saying why. */
int cg_dataset_checkname(const char *uri, const char *name);
/* 1 if name (a path's last part) can be part of a benchmark URI. */
int cg_dataset_nameable(const char *name);
/* 1 if name ends in the extension of a benchmark's source file. */
int cg_dataset_issource(const char *name);
/* 1 if program folder dir has a run.json with runs. */
int cg_dataset_runnable(const char *dir);

/* The number of benchmarks in the dataset folder dir. */
long cg_dataset_count(const char *dir);
/* 1 if name can name an installed dataset: [a-z0-9._-]+, not ".*". */
int cg_dataset_validname(const char *name);
/*
 * Removes installed dataset name: it disappears at once (renamed away,
 * then deleted).  -1 with status 3 if it is not installed or built in.
 */
int cg_dataset_uninstall(const char *name);

#endif
