#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg_json.h"

void
cg_json_real(struct cg_buf *out, double d)
{
	char tmp[40];
	int prec;

	if (!isfinite(d)) {
		cg_buf_addstr(out, "null");
		return;
	}
	for (prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*g", prec, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	cg_buf_addstr(out, tmp);
	if (strpbrk(tmp, ".eEn") == NULL)
		cg_buf_addstr(out, ".0");
}

/* The length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t
utf8len(const unsigned char *s, size_t n)
{
	size_t k, i;
	unsigned c = s[0], v;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		k = 2, v = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		k = 3, v = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		k = 4, v = c & 0x07;
	else
		return 0;
	if (n < k)
		return 0;
	for (i = 1; i < k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3f);
	}
	/* No overlong forms, surrogates or values past U+10FFFF. */
	if ((k == 3 && v < 0x800) || (k == 4 && (v < 0x10000 || v > 0x10ffff)) ||
	    (v >= 0xd800 && v <= 0xdfff))
		return 0;
	return k;
}

void
cg_json_string(struct cg_buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0, k;

	cg_buf_grow(out, n + 2);
	cg_buf_add(out, "\"", 1);
	while (i < n) {
		unsigned char c = u[i];
		char esc[7];

		if (c >= 0x80) {
			/* Bytes that are not UTF-8 become U+FFFD, so that the
			 * line stays JSON whatever a message carried. */
			if ((k = utf8len(u + i, n - i)) > 0) {
				i += k;
				continue;
			}
			cg_buf_add(out, s + run, i - run);
			cg_buf_add(out, "\\ufffd", 6);
			run = ++i;
			continue;
		}
		if (c >= 0x20 && c != '"' && c != '\\') {
			i++;
			continue;
		}
		cg_buf_add(out, s + run, i - run);
		run = ++i;
		switch (c) {
		case '"': cg_buf_add(out, "\\\"", 2); break;
		case '\\': cg_buf_add(out, "\\\\", 2); break;
		case '\n': cg_buf_add(out, "\\n", 2); break;
		case '\t': cg_buf_add(out, "\\t", 2); break;
		case '\r': cg_buf_add(out, "\\r", 2); break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			cg_buf_add(out, esc, 6);
		}
	}
	cg_buf_add(out, s + run, n - run);
	cg_buf_add(out, "\"", 1);
}

void
cg_json_write(struct cg_buf *out, const json_t *v)
{
	const char *key;
	json_t *item;
	size_t i;
	int first = 1;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		cg_buf_add(out, "{", 1);
		json_object_foreach((json_t *)v, key, item) {
			if (!first)
				cg_buf_add(out, ",", 1);
			first = 0;
			cg_json_string(out, key, strlen(key));
			cg_buf_add(out, ":", 1);
			cg_json_write(out, item);
		}
		cg_buf_add(out, "}", 1);
		break;
	case JSON_ARRAY:
		cg_buf_add(out, "[", 1);
		json_array_foreach(v, i, item) {
			if (i)
				cg_buf_add(out, ",", 1);
			cg_json_write(out, item);
		}
		cg_buf_add(out, "]", 1);
		break;
	case JSON_STRING:
		cg_json_string(out, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		cg_buf_addf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case JSON_REAL:
		cg_json_real(out, json_real_value(v));
		break;
	case JSON_TRUE:
		cg_buf_addstr(out, "true");
		break;
	case JSON_FALSE:
		cg_buf_addstr(out, "false");
		break;
	case JSON_NULL:
		cg_buf_addstr(out, "null");
		break;
	}
}
