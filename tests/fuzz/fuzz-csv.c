/* libFuzzer target: CompilerGym's results CSV reader. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cg_state.h"
#include "cg_validate.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cg_state *states;
	FILE *fp = fmemopen((void *)data, size, "r");
	int n, i;

	if (fp == NULL)
		return 0;
	n = cg_validate_read_csv(fp, "IrInstructionCountOz", &states);
	for (i = 0; i < n; i++)
		cg_state_release(&states[i]);
	if (n > 0)
		free(states);
	fclose(fp);
	return 0;
}
