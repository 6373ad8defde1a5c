/* libFuzzer target: checking a run configuration, and its use. */
#include <stdint.h>
#include <string.h>

#include <jansson.h>

#include "cg_benchmark.h"
#include "cg_run.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *cfg = json_loadb((const char *)data, size, 0, NULL);
	struct cg_bench b = { "prog.c", NULL, NULL };
	struct cg_runcfg rc;
	size_t i;

	if (cfg == NULL)
		return 0;
	if (json_is_object(cfg))
		json_object_set_new(cfg, "dir", json_string("/nonexistent"));
	b.run = cfg;
	if (cg_run_check(cfg, "fuzz") == 0 && cg_run_load(&b, &rc) == 0) {
		/* What passed the check is safe to use. */
		for (i = 0; i < rc.nruns; i++)
			if (cg_run_timeout(&rc, i, 0) > CG_TIMEOUT_MAX)
				__builtin_trap();
		for (i = 0; rc.linkopts[i]; i++)
			if (strncmp(rc.linkopts[i], "-fuse-ld", 8) == 0 ||
			    strncmp(rc.linkopts[i], "-Wl,", 4) == 0)
				__builtin_trap();
		cg_run_release(&rc);
	}
	json_decref(cfg);
	return 0;
}
