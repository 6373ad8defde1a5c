/*
 * Run configurations: how a benchmark is built into a program and run.
 * A benchmark of a dataset may carry a run.json next to its sources:
 *
 *   {"description": "...", "linkopts": ["-lm"],
 *    "runs": [{"args": ["$D/in.txt"], "stdin": "in.txt",
 *              "stdout": "in.expected", "timeout": 10}]}
 *
 * "$D" in args is the benchmark's directory; stdin and stdout name files
 * there.  Every build and run happens in a fresh scratch directory that is
 * removed afterwards, also when the process is ended by SIGHUP, SIGINT or
 * SIGTERM (see cg_run_trap()).
 */
#ifndef CG_RUN_H
#define CG_RUN_H

#include <jansson.h>

#include "cg_buf.h"

/* The most runs --runtime-count and --warmup take. */
#define CG_RUNS_MAX 100000

struct cg_runcfg {
	char *dir;		/* the benchmark's directory */
	json_t *cfg;		/* run.json */
	size_t nruns;
};

/*
 * Finds the run configuration of a benchmark URI: 0 when found, 1 when
 * the benchmark has none, -1 with status 3 when run.json is malformed.
 */
int cg_run_load(const char *uri, struct cg_runcfg *rc);
void cg_run_release(struct cg_runcfg *rc);

/*
 * A scratch directory (new path) in $TMPDIR (or /tmp), named cg-run.XXXXXX;
 * -1 with status 1.  It is registered for removal on a signal until
 * cg_run_rmtree() removes it, and cg_run_trap() is called.
 */
int cg_run_scratch(char **dir);
/* Removes a directory tree (not following links). */
void cg_run_rmtree(const char *dir);
/*
 * Catches SIGHUP, SIGINT and SIGTERM where they have their default action
 * (an ignored signal stays ignored, another handler stays), once per
 * process: the handler sends the signal to the children of cg_proc_fork()
 * not reaped yet and waits for them, removes this process's scratch
 * directories, and re-raises the signal.  A tool whose forked children
 * make scratch directories calls it first, so that a signal sent to the
 * tool alone still reaches them.
 */
void cg_run_trap(void);

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
 * directory: out gets its standard output, *status its exit status (or
 * 128 + signal), *secs the run time.  The time limit is the run's
 * "timeout", or timeout when that is > 0, or 300 s.  -1 with status 1 if
 * it could not be run or timed out.
 */
int cg_run_exec(const struct cg_runcfg *rc, size_t i, const char *dir,
    const char *exe, double timeout, struct cg_buf *out, int *status,
    double *secs);

/*
 * The expected standard output of run i: 0 with out set, 1 when the run
 * has none, -1 with status 3 when its file cannot be read.
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
