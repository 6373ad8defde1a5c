#include "cg_base64.h"
#include "cg_error.h"

static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void
cg_base64_encode(struct cg_buf *out, const void *p, size_t n)
{
	const unsigned char *s = p;
	unsigned char *d;
	size_t i;

	cg_buf_grow(out, (n + 2) / 3 * 4);
	d = out->data + out->len;
	for (i = 0; i + 2 < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16 | (unsigned)s[i + 1] << 8 |
		    s[i + 2];
		*d++ = alphabet[v >> 18];
		*d++ = alphabet[v >> 12 & 63];
		*d++ = alphabet[v >> 6 & 63];
		*d++ = alphabet[v & 63];
	}
	if (i < n) {
		unsigned v = (unsigned)s[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)s[i + 1] << 8;
		*d++ = alphabet[v >> 18];
		*d++ = alphabet[v >> 12 & 63];
		*d++ = i + 1 < n ? alphabet[v >> 6 & 63] : '=';
		*d++ = '=';
	}
	out->len = (size_t)(d - out->data);
	out->data[out->len] = '\0';
}

int
cg_base64_decode(struct cg_buf *out, const char *s, size_t n)
{
	static signed char rev[256];
	unsigned char *d;
	size_t i;

	if (rev['B'] == 0) {
		for (i = 0; i < 256; i++)
			rev[i] = -1;
		for (i = 0; i < 64; i++)
			rev[(unsigned char)alphabet[i]] = (signed char)i;
	}
	if (n % 4 != 0)
		return cg_error(CG_EXIT_DATA,
		    "bad base64: length %zu is not a multiple of 4", n);
	cg_buf_grow(out, n / 4 * 3);
	d = out->data + out->len;
	for (i = 0; i < n; i += 4) {
		const unsigned char *q = (const unsigned char *)s + i;
		int a = rev[q[0]], b = rev[q[1]], c = rev[q[2]], e = rev[q[3]];
		int last = i + 4 == n;

		if (a < 0 || b < 0)
			goto bad;
		if (c < 0 || e < 0) {
			/* Padding: only at the very end, and the dropped bits are 0. */
			if (!last || q[3] != '=')
				goto bad;
			if (q[2] == '=') {
				if (b & 15)
					goto bad;
				*d++ = (unsigned char)(a << 2 | b >> 4);
				break;
			}
			if (c < 0 || (c & 3))
				goto bad;
			*d++ = (unsigned char)(a << 2 | b >> 4);
			*d++ = (unsigned char)((b & 15) << 4 | c >> 2);
			break;
		}
		*d++ = (unsigned char)(a << 2 | b >> 4);
		*d++ = (unsigned char)((b & 15) << 4 | c >> 2);
		*d++ = (unsigned char)((c & 3) << 6 | e);
	}
	out->len = (size_t)(d - out->data);
	out->data[out->len] = '\0';
	return 0;
bad:
	return cg_error(CG_EXIT_DATA, "bad base64 near offset %zu", i);
}
