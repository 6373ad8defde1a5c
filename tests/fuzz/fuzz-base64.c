/* libFuzzer target: base64 decoding, which must invert encoding. */
#include <stdint.h>
#include <string.h>

#include "cg_base64.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cg_buf dec = CG_BUF_INIT, enc = CG_BUF_INIT;

	if (cg_base64_decode(&dec, (const char *)data, size) == 0) {
		/* Strict decoding: only the canonical text decodes. */
		cg_base64_encode(&enc, dec.data, dec.len);
		if (enc.len != size || memcmp(enc.data, data, size) != 0)
			__builtin_trap();
	}
	cg_buf_reset(&enc);
	cg_base64_encode(&enc, data, size);
	cg_buf_reset(&dec);
	if (cg_base64_decode(&dec, (const char *)enc.data, enc.len) != 0 ||
	    dec.len != size || (size && memcmp(dec.data, data, size) != 0))
		__builtin_trap();
	cg_buf_release(&dec);
	cg_buf_release(&enc);
	return 0;
}
