/*
 * Modules: bitcode in and out, normalisation and verification.
 *
 * Every module lives in a context of its own, created by the function that
 * returns it (new); cg_module_free() disposes of both.  Each context has a
 * diagnostic handler, so bad input is an error, never an exit.
 *
 * A step is parse -> pass -> write: the bitcode a tool writes depends only
 * on the bitcode it read and the passes it ran, which is what makes a chain
 * of processes and a single process agree byte for byte.
 * Layer 5 (LLVM modules).
 */
#ifndef CG_MODULE_H
#define CG_MODULE_H

#include <stddef.h>

#include <llvm-c/Core.h>

#include "cg_action.h"
#include "cg_buf.h"
#include "cg_proc.h"

/* Parses bitcode (new module and context); NULL with status 3. */
LLVMModuleRef cg_module_parse(const void *bc, size_t n);
/* Parses bitcode or textual IR, whichever it is (new); NULL with status 3. */
LLVMModuleRef cg_module_parse_any(const void *p, size_t n);
void cg_module_free(LLVMModuleRef m);
/* Appends the bitcode of m to out. */
void cg_module_write(LLVMModuleRef m, struct cg_buf *out);
/* 0 if m verifies; -1 with the verifier's first complaint (status 3). */
int cg_module_verify(LLVMModuleRef m);
/*
 * Turns any bitcode or IR into a benchmark's starting bitcode (appended to
 * out): module identifier and source name "-", debug info and all named
 * metadata removed, optnone removed, verified.  -1 with status 3.
 */
int cg_module_normalise(const void *p, size_t n, struct cg_buf *out);
/* Runs one pipeline on m as opt-19 would; -1 with status 1. */
int cg_module_run(LLVMModuleRef m, const char *pipeline);
/* Runs an action on m: its pipeline, with its inliner threshold. */
int cg_module_act(LLVMModuleRef m, const struct cg_action *a);
/* The number of instructions in m's defined functions. */
long cg_module_instcount(LLVMModuleRef m);
/* Appends the IR text of m to out. */
void cg_module_print(LLVMModuleRef m, struct cg_buf *out);
/*
 * The Berkeley "text" size of the object file that clang -c would make at
 * -O0 (x86-64, PIC): default<O0> on a clone, then code generation.
 * -1 with status 1 on failure.
 */
long cg_module_objtext(LLVMModuleRef m);

/*
 * Links several bitcode or IR files into one module and appends its
 * bitcode to out.  -1 with status 3 on failure.
 */
int cg_module_link(struct cg_buf *parts, size_t n, struct cg_buf *out);
/* 1 if the bytes are LLVM bitcode (raw, or in its wrapper). */
int cg_module_isbitcode(const void *p, size_t n);

/*
 * Untrusted modules are read in a child process: bitcode that crashes
 * LLVM's reader (it does, on some corrupt files) is bad input, not a
 * crash of the tool.
 *
 * cg_module_prepare: cg_module_link() then cg_module_normalise() of
 * parts, in a child; the result appended to out.  -1 with status 3 when
 * the input is bad, also when it kills the child.
 * cg_module_check: parses and verifies bc in a child; 0 or -1 with
 * status 3.
 */
#define CG_MODULE_READ_TIMEOUT 600.0	/* seconds, for either */
int cg_module_prepare(struct cg_buf *parts, size_t n, struct cg_buf *out);
int cg_module_check(const void *bc, size_t n);
/*
 * In a child: parses and verifies bc, then sends CG_REC_READY; NULL (an
 * error record sent instead) when it is bad.
 */
LLVMModuleRef cg_module_parse_child(int fd, const void *bc, size_t n);
/*
 * In the parent, after cg_child_next() failed: a child that died before
 * its module was read had bad input (status 3).  Returns -1.
 */
int cg_module_child_failed(const struct cg_child *c);
/*
 * A hook for tests: when CG_TEST_FAULT is FLAG:abort, :segv, :hang or
 * :invalid and flag is FLAG, fails in that way (an invalid module is one
 * with a block that has no terminator).  Called before an action runs.
 */
void cg_module_fault(LLVMModuleRef m, const char *flag);
#endif
