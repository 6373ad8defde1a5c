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

void
cg_json_string(struct cg_buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, run = 0;

	cg_buf_grow(out, n + 2);
	cg_buf_add(out, "\"", 1);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[7];

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		cg_buf_add(out, s + run, i - run);
		run = i + 1;
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
