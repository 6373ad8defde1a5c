/*
 * The tools are one executable that runs as each of them, chosen by the
 * name it was started under (cg-reset, cg-step, ...), as git runs its
 * builtins: one statically linked LLVM instead of one per tool.  Each
 * tool keeps its own source file and entry point.
 */
#ifndef CG_TOOLS_H
#define CG_TOOLS_H

int cmd_reset(int argc, char *argv[]);
int cmd_step(int argc, char *argv[]);
int cmd_observe(int argc, char *argv[]);
int cmd_search(int argc, char *argv[]);
int cmd_validate(int argc, char *argv[]);

#endif
