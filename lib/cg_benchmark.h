/*
 * Benchmarks: from a URI or a path to the normalised starting bitcode.
 *
 *   benchmark://DATASET/NAME   a program of an installed or built-in dataset
 *   DATASET/NAME               the same (benchmark:// is implied)
 *   generator://GEN/SEED       a generated program (cg_generator.h)
 *   file:///abs/prog.c|.ll|.bc a file; a plain path that exists means this
 *
 * C sources are compiled as CompilerGym built cBench-v1:
 *   clang-19 -c -emit-llvm -O1 -Xclang -disable-llvm-passes
 *            -Xclang -disable-llvm-optzns
 * and several sources of one program are linked into one module.
 */
#ifndef CG_BENCHMARK_H
#define CG_BENCHMARK_H

#include "cg_buf.h"

#define CG_DEFAULT_BENCHMARK "benchmark://cgbench-v0/qsort"

/*
 * Loads the benchmark named by spec: *uri (new) receives its canonical
 * URI and bc its normalised bitcode.  -1 with status 3 for an unknown
 * benchmark, a missing file or a program that does not compile.
 */
int cg_benchmark_load(const char *spec, char **uri, struct cg_buf *bc);

/* The directory of the built-in datasets (borrowed): cg_dataset_builtindir(). */
const char *cg_benchmark_datadir(void);
/* The cache directory ($XDG_CACHE_HOME/cg), created if needed (borrowed). */
const char *cg_cachedir(void);
/* Writes a file whole or not at all (temporary name, then rename). */
int cg_write_file_atomic(const char *path, const void *p, size_t n);

#endif
