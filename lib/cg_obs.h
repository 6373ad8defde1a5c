/*
 * Observation spaces, with CompilerGym's names and meanings.  A value is
 * either raw (text such as Ir, bytes such as Bitcode) or JSON text (numbers,
 * vectors, dictionaries).
 * Layer 7 (episodes).
 */
#ifndef CG_OBS_H
#define CG_OBS_H

#include <llvm-c/Core.h>

#include "cg_benchmark.h"
#include "cg_buf.h"
#include "cg_state.h"

enum cg_obs_kind {
	CG_OBS_JSON,	/* JSON text */
	CG_OBS_TEXT,	/* a string, given raw */
	CG_OBS_BYTES	/* binary, given raw; base64 inside JSON */
};

/*
 * What the spaces that build or run the program need besides the module
 * (all borrowed).  The program is the benchmark's run configuration
 * (cg_run.h) built from the module.
 */
struct cg_obs_ctx {
	struct cg_bench bench;	/* the episode's benchmark */
	long runtime_count;	/* Runtime: timed runs, >= 1 */
	long warmup;		/* Runtime: untimed runs before them */
	const char *function;	/* CfgDot: the function; NULL for main */
};

struct cg_obs {
	const char *name;
	enum cg_obs_kind kind;
	const char *type;	/* shown by --list-spaces, e.g. "int64[70]" */
	/*
	 * Computes the value into out; -1 with a recorded error.  m is NULL
	 * for the spaces that do not need the module.
	 */
	int (*compute)(const struct cg_obs *o, const struct cg_state *st,
	    const struct cg_obs_ctx *ctx, LLVMModuleRef m, struct cg_buf *out);
	int needs_module;
	const char *arg;	/* a name the computation needs */
};

const struct cg_obs *cg_obs_lookup(const char *name);	/* borrowed */
const struct cg_obs *cg_obs_get(int i);			/* NULL past the end */

/*
 * A cost of the module by name: IrInstructionCount, ObjectTextSizeBytes,
 * TextSizeBytes (the linked program's text when the benchmark has a run
 * configuration, else the object's) or Runtime (the median of
 * ctx->runtime_count runs).  -1 with a recorded error if it cannot be
 * measured; status 3 when the benchmark has no run configuration and the
 * cost needs one.
 */
int cg_obs_measure(const char *name, const struct cg_obs_ctx *ctx,
    LLVMModuleRef m, double *value);
/* The same with no benchmark: TextSizeBytes and Runtime fail. */
int cg_obs_cost(const char *name, LLVMModuleRef m, double *value);

#endif
