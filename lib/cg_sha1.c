#include <stdio.h>
#include <string.h>

#include "cg_sha1.h"

#define ROL(x, n) ((x) << (n) | (x) >> (32 - (n)))

static void
compress(struct cg_sha1 *c, const unsigned char *p)
{
	uint32_t w[80], a, b, d, e, f, k, t, cc;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (; i < 80; i++)
		w[i] = ROL(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	a = c->h[0], b = c->h[1], cc = c->h[2], d = c->h[3], e = c->h[4];
	for (i = 0; i < 80; i++) {
		if (i < 20)
			f = (b & cc) | (~b & d), k = 0x5a827999;
		else if (i < 40)
			f = b ^ cc ^ d, k = 0x6ed9eba1;
		else if (i < 60)
			f = (b & cc) | (b & d) | (cc & d), k = 0x8f1bbcdc;
		else
			f = b ^ cc ^ d, k = 0xca62c1d6;
		t = ROL(a, 5) + f + e + k + w[i];
		e = d, d = cc, cc = ROL(b, 30), b = a, a = t;
	}
	c->h[0] += a, c->h[1] += b, c->h[2] += cc, c->h[3] += d, c->h[4] += e;
}

void
cg_sha1_init(struct cg_sha1 *c)
{
	static const uint32_t iv[5] = {
		0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0
	};

	memcpy(c->h, iv, sizeof(iv));
	c->len = 0;
	c->fill = 0;
}

void
cg_sha1_update(struct cg_sha1 *c, const void *p, size_t n)
{
	const unsigned char *s = p;

	c->len += n;
	if (c->fill) {
		size_t k = 64 - c->fill < n ? 64 - c->fill : n;
		memcpy(c->block + c->fill, s, k);
		c->fill += k, s += k, n -= k;
		if (c->fill < 64)
			return;
		compress(c, c->block);
		c->fill = 0;
	}
	for (; n >= 64; s += 64, n -= 64)
		compress(c, s);
	memcpy(c->block, s, n);
	c->fill = n;
}

void
cg_sha1_final(struct cg_sha1 *c, unsigned char digest[20])
{
	uint64_t bits = c->len * 8;
	unsigned char pad[72] = { 0x80 };
	size_t k = c->fill < 56 ? 56 - c->fill : 120 - c->fill;
	int i;

	for (i = 0; i < 8; i++)
		pad[k + i] = (unsigned char)(bits >> (56 - 8 * i));
	cg_sha1_update(c, pad, k + 8);
	for (i = 0; i < 20; i++)
		digest[i] = (unsigned char)(c->h[i / 4] >> (24 - 8 * (i % 4)));
}

void
cg_sha1_hex(const void *p, size_t n, char hex[41])
{
	struct cg_sha1 c;
	unsigned char d[20];
	int i;

	cg_sha1_init(&c);
	cg_sha1_update(&c, p, n);
	cg_sha1_final(&c, d);
	for (i = 0; i < 20; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
}
