/*
 * The bare cost of pass-order search steps, for make bench: applies random
 * actions in-process to clones of a module with none of cg-search's
 * machinery (no workers, no reports, no blacklist), as fast as libcg can.
 * usage: bench-bare BITCODE STEPS SEED [SPACE]
 */
#include <stdio.h>
#include <stdlib.h>

#include "cg_action.h"
#include "cg_buf.h"
#include "cg_module.h"
#include "cg_proc.h"

int
main(int argc, char *argv[])
{
	struct cg_buf b = CG_BUF_INIT;
	const struct cg_space *sp = cg_space_default();
	LLVMModuleRef start, m;
	unsigned long seed;
	long steps, i, len = 0;
	double t0;

	if ((argc != 4 && argc != 5) || cg_buf_read_file(&b, argv[1]) < 0 ||
	    (start = cg_module_parse(b.data, b.len)) == NULL ||
	    (argc == 5 && (sp = cg_space_lookup(argv[4])) == NULL)) {
		fprintf(stderr, "usage: bench-bare BITCODE STEPS SEED "
		    "[SPACE]\n");
		return 2;
	}
	steps = atol(argv[2]);
	seed = strtoul(argv[3], NULL, 10);
	t0 = cg_now();
	m = LLVMCloneModule(start);
	for (i = 0; i < steps; i++) {
		/* Walks of 20 random actions from the start, as a random
		 * search does. */
		if (len == 20) {
			LLVMDisposeModule(m);
			m = LLVMCloneModule(start);
			len = 0;
		}
		seed = seed * 6364136223846793005ul + 1442695040888963407ul;
		cg_module_act(m, cg_space_action(sp,
		    (int)(seed >> 33) % sp->n));
		cg_module_instcount(m);
		len++;
	}
	printf("%.0f\n", (double)steps / (cg_now() - t0));
	return 0;
}
