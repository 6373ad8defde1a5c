#include <string.h>

#include "cg_env.h"
#include "cg_error.h"

/* compiler_gym/envs/llvm/__init__.py */
static const struct cg_env envs[] = {
	{ "llvm-v0", NULL, NULL },
	{ "llvm-ic-v0", NULL, "IrInstructionCountOz" },
	{ "llvm-codesize-v0", NULL, "ObjectTextSizeOz" },
	{ "llvm-autophase-ic-v0", "Autophase", "IrInstructionCountOz" },
	{ "llvm-autophase-codesize-v0", "Autophase", "ObjectTextSizeOz" },
	{ "llvm-ir-ic-v0", "Ir", "IrInstructionCountOz" },
	{ "llvm-ir-codesize-v0", "Ir", "ObjectTextSizeOz" },
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
