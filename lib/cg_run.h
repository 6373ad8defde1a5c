/*
 * Run configurations: how a benchmark is built into a program and run.
 * A program folder of a dataset holds one as run.json, cg-reset --run
 * gives one to any benchmark (the state keeps it, with "dir" set to the
 * file's folder), and generator://csmith-v0 has one of its own:
 *
 *   {"description": "...", "linkopts": ["-lm"],
 *    "runs": [{"args": ["$D/in.txt"], "stdin": "in.txt",
 *              "stdout": "in.expected", "timeout": 10,
 *              "files": ["data.txt"], "compare": "output",
 *              "ignore": ["^time: "]}]}
 *
 * "$D" in args is the configuration's folder; stdin, stdout and files name
 * files there (relative, no ".."); files are copied into the run's folder.
 * A run without "stdout" is checked against the unoptimised program's
 * output.  "compare": "status" compares only exit statuses; "ignore"
 * drops the output lines an extended regular expression matches before
 * outputs are compared.  "timeout", "compare" and "ignore" may also be
 * set for all runs at the top.  Link options are limited to -l, -L inside
 * the folder, -pthread, -static, -no-pie, -pie and -rdynamic.
 *
 * A program runs contained: in a fresh scratch folder (its HOME and
 * TMPDIR too) removed afterwards, also when the tool is ended by SIGHUP,
 * SIGINT or SIGTERM (cg_run_trap()); in a process group of its own, killed
 * whole when it exits; with limits on CPU time, file size, address space
 * and processes; its output read up to CG_RUN_OUTPUT_MAX.
 * Layer 6 (benchmarks).
 */
#ifndef CG_RUN_H
#define CG_RUN_H

#include <jansson.h>

#include "cg_benchmark.h"
#include "cg_buf.h"
#include "cg_util.h"

/* The most runs --runtime-count and --warmup take. */
#define CG_RUNS_MAX 100000
#define CG_RUN_TIMEOUT 300.0		/* a run's time limit by default */
#define CG_CSMITH_TIMEOUT 60.0		/* a csmith program's */
#define CG_RUN_OUTPUT_MAX (64 << 20)	/* bytes of output read */
#define CG_RUN_FSIZE (1UL << 30)	/* the largest file a run writes */
#define CG_RUN_AS (16UL << 30)		/* its address space */
#define CG_RUN_NPROC 4096		/* processes of its user */

struct cg_runcfg {
	char *dir;		/* the configuration's folder ("$D") */
	json_t *cfg;		/* run.json */
	size_t nruns;
	int cxx;		/* link with clang++-19 */
	char **linkopts;	/* NULL-terminated: the run.json's and the
				   build command's */
};

/*
 * Finds the run configuration of benchmark b: 0 when found, 1 when it has
 * none (or no runs), -1 with status 3 when it is malformed.
 */
int cg_run_load(const struct cg_bench *b, struct cg_runcfg *rc);
void cg_run_release(struct cg_runcfg *rc);
/*
 * Checks a run configuration (cfg borrowed; where names it in messages):
 * -1 with status 3 naming the first field that is wrong.
 */
int cg_run_check(json_t *cfg, const char *where);
/* Appends what a program's build depends on besides its bitcode. */
int cg_run_key(const struct cg_runcfg *rc, struct cg_buf *key);
/*
 * Run i's time limit: its "timeout", else limit when > 0, else
 * CG_RUN_TIMEOUT, clamped to [0.001, CG_TIMEOUT_MAX].
 */
double cg_run_timeout(const struct cg_runcfg *rc, size_t i, double limit);


/*
 * Builds the program of bitcode bc into dir/exe with clang-19 and the
 * benchmark's link options (and extra flags, a NULL-terminated list, or
 * NULL); *secs gets the build time.  -1 with status 1 on failure.
 */
int cg_run_build(const struct cg_runcfg *rc, const void *bc, size_t n,
    const char *dir, const char *exe, const char *const *extra,
    double *secs);

/*
 * Runs configuration i of the program dir/exe with dir as its working
 * directory: out gets its standard output as compared (see above: empty
 * when only statuses are compared, "ignore" lines dropped), *status its
 * exit status (or 128 + signal), *secs the run time, limited by
 * cg_run_timeout(rc, i, timeout).  An exe named *san* (a sanitizer build)
 * gets no address-space limit.  -1 with status 1 if it could not be run,
 * timed out or printed too much.
 */
int cg_run_exec(const struct cg_runcfg *rc, size_t i, const char *dir,
    const char *exe, double timeout, struct cg_buf *out, int *status,
    double *secs);

/*
 * The expected standard output of run i, as compared: 0 with out set, 1
 * when the run has none, -1 with status 3 when its file cannot be read.
 */
int cg_run_expected(const struct cg_runcfg *rc, size_t i, struct cg_buf *out);

/*
 * Builds bitcode bc with cg_run_build() in a fresh scratch directory
 * (*build gets the build time), runs configuration 0 warmup times, then
 * count times timed into times[0..count), and removes the directory.  A
 * run that exits non-zero, prints other than its expected output or times
 * out is an error: -1 with status 1.
 */
int cg_run_measure(const struct cg_runcfg *rc, const void *bc, size_t n,
    long warmup, long count, double *build, double *times);
/*
 * Builds bitcode bc with cg_run_build() in a fresh scratch directory and
 * gives the Berkeley text size of the program (cg_elf_text()).  -1 with
 * status 1.
 */
int cg_run_textsize(const struct cg_runcfg *rc, const void *bc, size_t n,
    long *size);

#endif
