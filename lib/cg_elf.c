#include <stdint.h>
#include <string.h>

#include "cg_elf.h"
#include "cg_error.h"

static uint64_t
rd(const unsigned char *p, int n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

/* The rule is ELFObjectFile::isBerkeleyText of LLVM 19. */
long
cg_elf_text(const void *data, size_t n)
{
	const unsigned char *p = data;
	uint64_t shoff, flags, size, total = 0;
	unsigned shentsize, shnum, i;

	if (n < 64 || memcmp(p, "\177ELF", 4) != 0 || p[4] != 2 || p[5] != 1)
		return cg_error(CG_EXIT_FAILURE, "object is not ELF64 LE");
	shoff = rd(p + 0x28, 8);
	shentsize = (unsigned)rd(p + 0x3a, 2);
	shnum = (unsigned)rd(p + 0x3c, 2);
	if (shentsize < 64 || shoff > n || (n - shoff) / shentsize < shnum)
		return cg_error(CG_EXIT_FAILURE, "object has bad sections");
	for (i = 0; i < shnum; i++) {
		const unsigned char *sh = p + shoff + (uint64_t)i * shentsize;
		flags = rd(sh + 8, 8);
		size = rd(sh + 32, 8);
		if ((flags & 2) && ((flags & 4) || !(flags & 1)))
			total += size;
	}
	return (long)total;
}
