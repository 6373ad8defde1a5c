/*
 * The compilers: clang-19 and clang++-19 (or $CG_CLANG and $CG_CLANGXX) run
 * as child processes with the flags CompilerGym built cBench-v1 with, so
 * that a program's bitcode is "unoptimised but optimisable":
 *   clang-19 -c -emit-llvm -O1 -Xclang -disable-llvm-passes
 *            -Xclang -disable-llvm-optzns -w
 * No LLVM library here: cg-datasets compiles with this too.
 * Layer 6 (benchmarks).
 */
#ifndef CG_CLANG_H
#define CG_CLANG_H

#include "cg_buf.h"

#define CG_CLANG_TIMEOUT 600.0

/* The C and the C++ compiler's names (borrowed). */
const char *cg_clang(void);
const char *cg_clangxx(void);
/* 1 if path names a C++ source (.cc, .cpp, .cxx, .c++, .C, .ii). */
int cg_clang_iscxx(const char *path);
/*
 * Compiles the C (or, with cxx, C++) file path to bitcode, appended to bc,
 * with the compiler run in folder dir (NULL: this one).  extra (NULL or
 * NULL-terminated, borrowed) goes right before path.  -1 with status 3 and
 * the compiler's complaint (cg_clang_diagnostic()) if the program does not
 * compile; status 1 if the compiler cannot run, crashes or times out.
 */
int cg_clang_compile(const char *path, int cxx, const char *dir,
    const char *const extra[], double timeout, struct cg_buf *bc);
/*
 * The line of a compiler's or linker's stderr that says why it failed
 * (borrowed from err, which it changes): the first of the compiler's
 * "error:" lines, else the first of the linker's about an undefined
 * reference, a multiple definition or a library it cannot find, else the
 * first that says "error", else the last line.
 */
const char *cg_clang_diagnostic(struct cg_buf *err);

#endif
