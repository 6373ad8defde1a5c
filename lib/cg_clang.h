/*
 * The C compiler: clang-19 (or $CG_CLANG) run as a child process with the
 * flags CompilerGym built cBench-v1 with, so that a program's bitcode is
 * "unoptimised but optimisable":
 *   clang-19 -c -emit-llvm -O1 -Xclang -disable-llvm-passes
 *            -Xclang -disable-llvm-optzns -w
 * No LLVM library here: cg-datasets compiles with this too.
 */
#ifndef CG_CLANG_H
#define CG_CLANG_H

#include "cg_buf.h"

#define CG_CLANG_TIMEOUT 600.0

/* The compiler's name (borrowed). */
const char *cg_clang(void);
/*
 * Compiles the C file path to bitcode, appended to bc.  extra (NULL or
 * NULL-terminated, borrowed) goes right before path.  -1 with status 3 and
 * the compiler's first line of complaint if the program does not compile;
 * status 1 if the compiler cannot run, crashes or times out.
 */
int cg_clang_compile(const char *path, const char *const extra[],
    double timeout, struct cg_buf *bc);

#endif
