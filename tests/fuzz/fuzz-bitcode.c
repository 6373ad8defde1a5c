/*
 * libFuzzer target: loading bitcode or IR, verifying and normalising.
 * Bitcode is read first in a child (cg_module_check), as the tools read
 * untrusted bitcode: some inputs kill LLVM's reader, which must cost the
 * tools only an error.
 */
#include <stdint.h>

#include "cg_buf.h"
#include "cg_module.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cg_buf out = CG_BUF_INIT;
	LLVMModuleRef m;

	if (cg_module_isbitcode(data, size) && cg_module_check(data, size) < 0)
		return 0;
	m = cg_module_parse_any(data, size);

	if (m != NULL) {
		if (cg_module_verify(m) == 0)
			cg_module_normalise(data, size, &out);
		cg_module_free(m);
	}
	cg_buf_release(&out);
	return 0;
}
