/* libFuzzer target: the benchmark URI parser. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cg_uri.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	struct cg_uri u;

	memcpy(s, data, size);
	s[size] = '\0';
	if (cg_uri_parse(s, &u) == 0) {
		/* Nothing parsed may climb out of a dataset. */
		if (strstr(u.dataset, "/") || strcmp(u.dataset, "..") == 0)
			__builtin_trap();
		cg_uri_release(&u);
	}
	free(s);
	return 0;
}
