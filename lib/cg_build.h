/*
 * Programs built from a compiler command line, as CompilerGym's
 * make_benchmark_from_command_line: `cg-reset -- cc [options] FILE...`.
 * A state keeps the command in its "build" field:
 *
 *   {"directory": "/home/u/prog", "command": ["cc", "-DN=4", "a.c", "b.c",
 *    "-lm"], "sources": [{"file": "a.c", "sha1": "..."}, ...],
 *    "module_sha1": "..."}
 *
 * Each source (C, C++, .ll or .bc) is compiled on its own, in directory,
 * the project's way (cg_clang.h) with the command's compile options, and
 * the modules are linked into one.  The link options are kept for building
 * the program (cg_run.h).  The digests say which source changed when a
 * replay does not give the same module.  Options that would run other
 * programs or write files (plugins, -fuse-ld, -Wl, -B, -Xclang) are refused.
 * Layer 6 (benchmarks).
 */
#ifndef CG_BUILD_H
#define CG_BUILD_H

#include <jansson.h>

#include "cg_buf.h"

/* A command line taken apart.  Arrays are NULL-terminated and owned. */
struct cg_cmdline {
	char **sources;		/* as given, relative to the directory */
	size_t nsources;
	char **copts;		/* compile options, in order */
	char **linkopts;	/* link options, in order (-L made absolute) */
	int cxx;		/* C++: compile and link with clang++-19 */
};

/*
 * The build of command argv[0..argc) run in the current directory (new),
 * without digests yet; NULL with status 2 naming the option or file that
 * cannot be taken.
 */
json_t *cg_build_new(int argc, char *const argv[]);
/* Takes a state's build apart; -1 with status 3 if it is malformed. */
int cg_build_parse(const json_t *build, struct cg_cmdline *cl);
void cg_build_release(struct cg_cmdline *cl);
/*
 * Compiles build's sources: *parts (new array of *nparts buffers, each to
 * release) gets their modules, to be linked, *uri (new) the benchmark's
 * URI, benchmark://clang-v0/NAME-HASH, and *out (new) a copy of build with
 * the sources' digests.  -1 with status 3 when a source is missing or does
 * not compile.
 */
int cg_build_load(const json_t *build, char **uri, json_t **out,
    struct cg_buf **parts, size_t *nparts);
/*
 * Compares the build a state started from with the build made again now:
 * NULL if they agree, else why not (new): the sources that changed, or
 * that the module differs though none did.
 */
char *cg_build_diff(const json_t *was, const json_t *now);
/* 1 if opt is a link option a program's build may use. */
int cg_build_linkopt(const char *opt);

#endif
