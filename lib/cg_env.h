/*
 * Environment presets: CompilerGym's registered gym ids, each a default
 * observation space and a default reward space (NULL for none).
 * cg-reset --env records the id in the state's "env" field.  Everything
 * returned is borrowed from a static table.
 * Layer 3 (spaces).
 */
#ifndef CG_ENV_H
#define CG_ENV_H

struct cg_env {
	const char *id;			/* "llvm-autophase-ic-v0" */
	const char *observation;	/* "Autophase", or NULL */
	const char *reward;		/* "IrInstructionCountOz", or NULL */
	const char *action_space;	/* "PassesLlvm19", or NULL for
					   PassesAll */
};

/* The preset called id, or NULL with status 2. */
const struct cg_env *cg_env_lookup(const char *id);
const struct cg_env *cg_env_get(int i);	/* NULL past the end */

#endif
