/* libFuzzer target: the state reader and writer. */
#include <stdint.h>
#include <string.h>

#include "cg_buf.h"
#include "cg_state.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cg_state st, again;
	struct cg_buf out = CG_BUF_INIT, out2 = CG_BUF_INIT;

	cg_state_init(&st);
	cg_state_init(&again);
	if (cg_state_parse(&st, (const char *)data, size) == 0) {
		/* What is written reads back to the same line. */
		cg_state_format(&st, &out);
		if (cg_state_parse(&again, (const char *)out.data, out.len) != 0)
			__builtin_trap();
		cg_state_format(&again, &out2);
		if (out.len != out2.len || memcmp(out.data, out2.data, out.len))
			__builtin_trap();
	}
	cg_state_release(&st);
	cg_state_release(&again);
	cg_buf_release(&out);
	cg_buf_release(&out2);
	return 0;
}
