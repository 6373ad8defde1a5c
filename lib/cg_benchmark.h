/*
 * Benchmarks: from a URI or a path to the normalised starting bitcode.
 *
 *   benchmark://DATASET/NAME   a program of an installed or built-in dataset
 *   DATASET/NAME               the same (benchmark:// is implied)
 *   generator://GEN/SEED       a generated program (cg_generator.h)
 *   file:///abs/prog.c|.cc|.ll|.bc
 *                              a file; a plain path means this
 *   a command line             several sources with options (cg_build.h)
 *
 * C and C++ sources are compiled as CompilerGym built cBench-v1:
 *   clang-19 -c -emit-llvm -O1 -Xclang -disable-llvm-passes
 *            -Xclang -disable-llvm-optzns
 * and several sources of one program are linked into one module.
 * Layer 6 (benchmarks).
 */
#ifndef CG_BENCHMARK_H
#define CG_BENCHMARK_H

#include <jansson.h>

#include "cg_buf.h"
#include "cg_state.h"

#define CG_DEFAULT_BENCHMARK "benchmark://cgbench-v0/qsort"

/* A benchmark as an episode names it (all borrowed). */
struct cg_bench {
	const char *uri;	/* a URI, or a path to a source file */
	const json_t *build;	/* a command line to build it (cg_build.h),
				   or NULL */
	const json_t *run;	/* a run configuration given with it
				   (cg_run.h), or NULL */
};

/* The benchmark of state st (borrowing from it). */
static inline struct cg_bench
cg_bench_of(const struct cg_state *st)
{
	struct cg_bench b = { st->benchmark, st->build, st->run };

	return b;
}

/*
 * Loads benchmark b: *uri (new) receives its canonical URI, *build (new)
 * b's build with the digests of what it read (NULL without one), and bc
 * the normalised bitcode.  -1 with status 3 for an unknown benchmark, a
 * missing file or a program that does not compile.
 */
int cg_benchmark_load(const struct cg_bench *b, char **uri, json_t **build,
    struct cg_buf *bc);

#endif
