/*
 * ProGraML program graphs (the Programl and ProgramlJson spaces): the
 * graph of a module's instructions, values and constants with control,
 * data and call edges, as a networkx node-link MultiDiGraph.  The exact
 * definition is written at the top of cg_programl.c.
 * Layer 5 (LLVM modules).
 */
#ifndef CG_PROGRAML_H
#define CG_PROGRAML_H

#include <llvm-c/Core.h>

#include "cg_buf.h"

/*
 * Appends the graph of m (borrowed, not changed) to out as one line of
 * compact JSON: {"directed":true,"multigraph":true,"graph":{},
 * "nodes":[...],"links":[...]}.  0; -1 with status 1 on failure.
 */
int cg_programl_json(LLVMModuleRef m, struct cg_buf *out);

#endif
