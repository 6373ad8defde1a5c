#include <string.h>

#include "cg_env.h"
#include "cg_error.h"

/*
 * compiler_gym/envs/llvm/__init__.py, then cg's own: the same tasks in
 * the action space of LLVM 19's pipelines.
 */
static const struct cg_env envs[] = {
	{ "llvm-v0", NULL, NULL, NULL },
	{ "llvm-ic-v0", NULL, "IrInstructionCountOz", NULL },
	{ "llvm-codesize-v0", NULL, "ObjectTextSizeOz", NULL },
	{ "llvm-autophase-ic-v0", "Autophase", "IrInstructionCountOz", NULL },
	{ "llvm-autophase-codesize-v0", "Autophase", "ObjectTextSizeOz", NULL },
	{ "llvm-ir-ic-v0", "Ir", "IrInstructionCountOz", NULL },
	{ "llvm-ir-codesize-v0", "Ir", "ObjectTextSizeOz", NULL },
	{ "llvm19-ic-v0", NULL, "IrInstructionCountOz", "PassesLlvm19" },
	{ "llvm19-codesize-v0", NULL, "ObjectTextSizeOz", "PassesLlvm19" },
	{ "llvm19-autophase-ic-v0", "Autophase", "IrInstructionCountOz",
	    "PassesLlvm19" },
};

const struct cg_env *
cg_env_get(int i)
{
	if (i < 0 || (size_t)i >= sizeof(envs) / sizeof(envs[0]))
		return NULL;
	return &envs[i];
}

const struct cg_env *
cg_env_lookup(const char *id)
{
	const struct cg_env *e;
	int i;

	for (i = 0; (e = cg_env_get(i)) != NULL; i++)
		if (strcmp(e->id, id) == 0)
			return e;
	cg_error(CG_EXIT_USAGE, "unknown environment '%s'", id);
	return NULL;
}
