/*
 * SHA-1 (FIPS 180-4), for content keys and the IrSha1 observation.
 * Layer 1 (base).
 */
#ifndef CG_SHA1_H
#define CG_SHA1_H

#include <stddef.h>
#include <stdint.h>

struct cg_sha1 {
	uint32_t h[5];
	uint64_t len;
	unsigned char block[64];
	size_t fill;
};

void cg_sha1_init(struct cg_sha1 *c);
void cg_sha1_update(struct cg_sha1 *c, const void *p, size_t n);
void cg_sha1_final(struct cg_sha1 *c, unsigned char digest[20]);
/* Writes the 40 lower-case hex digits of sha1(p[0..n)) and a NUL to hex. */
void cg_sha1_hex(const void *p, size_t n, char hex[41]);

#endif
