/*
 * Graphviz DOT drawings of a module, for dot -Tsvg.
 * Layer 5 (LLVM modules).
 */
#ifndef CG_DOT_H
#define CG_DOT_H

#include <llvm-c/Core.h>

#include "cg_buf.h"

/*
 * The ProGraML graph of m (cg_programl.h) as DOT: the same nodes (nN for
 * node N, labelled with its text, the full text as tooltip) and edges;
 * instructions blue boxes, variables and constants red ellipses and
 * octagons; control edges blue, data edges dashed red, call edges bold
 * green, labelled with their position when it is not 0.  With function
 * not NULL, only that function's part: its instructions and variables, the
 * constants they use, and the edges among them (-1 with status 3 when m
 * defines no such function).  A graph of over 300 nodes asks dot for a
 * faster layout (straight edges, few network-simplex passes): dot's
 * default takes minutes on a few hundred instructions.  -1 with status 1
 * on failure.
 */
int cg_dot_programl(LLVMModuleRef m, const char *function,
    struct cg_buf *out);
/*
 * The control-flow graph of the function of m named function as DOT: a
 * box per basic block with its name and instructions, an edge per
 * successor (labelled with its index when there are several).  -1 with
 * status 3 when m defines no such function.
 */
int cg_dot_cfg(LLVMModuleRef m, const char *function, struct cg_buf *out);

#endif
