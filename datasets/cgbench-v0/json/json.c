/*
 * json.c - JSON parser, printers and queries.
 *
 * The program reads a JSON document, parses it into a tree (full JSON
 * grammar: objects, arrays, strings with all escapes including \u
 * sequences and surrogate pairs, numbers with fraction and exponent,
 * literals), and then:
 *   - prints it back in an indented "pretty" form (raw UTF-8) and in a
 *     compact ASCII-only form (non-ASCII written as \u escapes);
 *   - re-parses both printed forms and checks that they give back a tree
 *     equal to the original one;
 *   - builds a canonical form (object keys sorted, numbers normalised),
 *     re-parses it and checks it against the sorted tree;
 *   - computes queries over the tree: value counts by type, the sum of all
 *     numbers, the maximum nesting depth, key frequencies, string lengths;
 *   - evaluates path queries such as  store.book[2].title  given on the
 *     command line;
 *   - runs a table of malformed documents through the parser and checks
 *     that each one is rejected.
 *
 * Usage: json FILE.json [REPEAT [PATH...]]
 * REPEAT (default 1) is the number of times the parse / print / re-parse
 * cycle is carried out; the results of every cycle must agree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <float.h>

typedef long long i64;
typedef unsigned long long u64;

/* ------------------------------------------------------------------ */
/* Utilities                                                           */
/* ------------------------------------------------------------------ */

static void die(const char *msg)
{
    fflush(stdout);
    fprintf(stderr, "json: %s\n", msg);
    exit(1);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n == 0 ? 1 : n);
    if (p == NULL)
        die("out of memory");
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n == 0 ? 1 : n);
    if (q == NULL)
        die("out of memory");
    return q;
}

typedef struct {
    char *data;
    size_t len;
    size_t cap;
} Buf;

static void buf_init(Buf *b)
{
    b->cap = 256;
    b->len = 0;
    b->data = (char *)xmalloc(b->cap);
    b->data[0] = '\0';
}

static void buf_reserve(Buf *b, size_t extra)
{
    if (b->len + extra + 1 > b->cap) {
        while (b->len + extra + 1 > b->cap)
            b->cap *= 2;
        b->data = (char *)xrealloc(b->data, b->cap);
    }
}

static void buf_putc(Buf *b, char c)
{
    buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

static void buf_put(Buf *b, const char *s, size_t n)
{
    buf_reserve(b, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void buf_puts(Buf *b, const char *s)
{
    buf_put(b, s, strlen(s));
}

static void buf_free(Buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

static u64 fnv1a(const char *s, size_t n)
{
    u64 h = 14695981039346656037ull;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* ------------------------------------------------------------------ */
/* Tree                                                                */
/* ------------------------------------------------------------------ */

enum { J_NULL, J_FALSE, J_TRUE, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT, J_NTYPES };

static const char *type_names[J_NTYPES] = {
    "null", "false", "true", "number", "string", "array", "object"
};

typedef struct {
    char *s;
    size_t len;
} JStr;

typedef struct JValue JValue;
struct JValue {
    int type;
    union {
        struct {
            double d;
            char *text;
            size_t len;
            int is_int;   /* no fraction / exponent and fits in 64 bits */
            i64 ival;
        } num;
        JStr str;
        struct {
            JValue **items;
            size_t n;
            size_t cap;
        } arr;
        struct {
            JStr *keys;
            JValue **vals;
            size_t n;
            size_t cap;
        } obj;
    } u;
};

static JValue *new_value(int type)
{
    JValue *v = (JValue *)xmalloc(sizeof(JValue));
    memset(v, 0, sizeof(*v));
    v->type = type;
    return v;
}

static void free_value(JValue *v)
{
    size_t i;
    if (v == NULL)
        return;
    switch (v->type) {
    case J_NUMBER:
        free(v->u.num.text);
        break;
    case J_STRING:
        free(v->u.str.s);
        break;
    case J_ARRAY:
        for (i = 0; i < v->u.arr.n; i++)
            free_value(v->u.arr.items[i]);
        free(v->u.arr.items);
        break;
    case J_OBJECT:
        for (i = 0; i < v->u.obj.n; i++) {
            free(v->u.obj.keys[i].s);
            free_value(v->u.obj.vals[i]);
        }
        free(v->u.obj.keys);
        free(v->u.obj.vals);
        break;
    default:
        break;
    }
    free(v);
}

static void array_push(JValue *a, JValue *item)
{
    if (a->u.arr.n == a->u.arr.cap) {
        a->u.arr.cap = a->u.arr.cap ? a->u.arr.cap * 2 : 4;
        a->u.arr.items = (JValue **)xrealloc(a->u.arr.items, a->u.arr.cap * sizeof(JValue *));
    }
    a->u.arr.items[a->u.arr.n++] = item;
}

static void object_push(JValue *o, JStr key, JValue *val)
{
    if (o->u.obj.n == o->u.obj.cap) {
        o->u.obj.cap = o->u.obj.cap ? o->u.obj.cap * 2 : 4;
        o->u.obj.keys = (JStr *)xrealloc(o->u.obj.keys, o->u.obj.cap * sizeof(JStr));
        o->u.obj.vals = (JValue **)xrealloc(o->u.obj.vals, o->u.obj.cap * sizeof(JValue *));
    }
    o->u.obj.keys[o->u.obj.n] = key;
    o->u.obj.vals[o->u.obj.n] = val;
    o->u.obj.n++;
}

/* ------------------------------------------------------------------ */
/* Parser                                                              */
/* ------------------------------------------------------------------ */

#define MAX_DEPTH 256

typedef struct {
    const char *s;
    size_t len;
    size_t pos;
    int depth;
    int failed;
    size_t err_pos;
    char err_msg[96];
} Parser;

static void parse_fail(Parser *p, const char *msg)
{
    if (p->failed)
        return;
    p->failed = 1;
    p->err_pos = p->pos;
    strncpy(p->err_msg, msg, sizeof(p->err_msg) - 1);
    p->err_msg[sizeof(p->err_msg) - 1] = '\0';
}

static int peek(Parser *p)
{
    return p->pos < p->len ? (unsigned char)p->s[p->pos] : -1;
}

static void skip_ws(Parser *p)
{
    while (p->pos < p->len) {
        char c = p->s[p->pos];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            p->pos++;
        else
            break;
    }
}

static int hex_digit(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static void utf8_encode(Buf *b, unsigned long cp)
{
    if (cp < 0x80) {
        buf_putc(b, (char)cp);
    } else if (cp < 0x800) {
        buf_putc(b, (char)(0xC0 | (cp >> 6)));
        buf_putc(b, (char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        buf_putc(b, (char)(0xE0 | (cp >> 12)));
        buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
        buf_putc(b, (char)(0x80 | (cp & 0x3F)));
    } else {
        buf_putc(b, (char)(0xF0 | (cp >> 18)));
        buf_putc(b, (char)(0x80 | ((cp >> 12) & 0x3F)));
        buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
        buf_putc(b, (char)(0x80 | (cp & 0x3F)));
    }
}

/*
 * Decode one UTF-8 sequence starting at s[0] (n bytes available).
 * Returns its length, or 0 if the sequence is malformed (overlong forms,
 * surrogates and values above U+10FFFF are rejected).
 */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned long *cp)
{
    unsigned long c;
    size_t need, i;
    if (n == 0)
        return 0;
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if ((s[0] & 0xE0) == 0xC0) {
        c = s[0] & 0x1F;
        need = 2;
    } else if ((s[0] & 0xF0) == 0xE0) {
        c = s[0] & 0x0F;
        need = 3;
    } else if ((s[0] & 0xF8) == 0xF0) {
        c = s[0] & 0x07;
        need = 4;
    } else {
        return 0;
    }
    if (n < need)
        return 0;
    for (i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if ((need == 2 && c < 0x80) || (need == 3 && c < 0x800) || (need == 4 && c < 0x10000))
        return 0;
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return need;
}

static int parse_hex4(Parser *p, unsigned long *out)
{
    unsigned long v = 0;
    int i;
    if (p->pos + 4 > p->len) {
        parse_fail(p, "truncated \\u escape");
        return 0;
    }
    for (i = 0; i < 4; i++) {
        int d = hex_digit((unsigned char)p->s[p->pos + i]);
        if (d < 0) {
            p->pos += i;
            parse_fail(p, "bad hex digit in \\u escape");
            return 0;
        }
        v = v * 16 + (unsigned long)d;
    }
    p->pos += 4;
    *out = v;
    return 1;
}

/* Parses a string literal (p->pos at the opening quote). */
static int parse_string_raw(Parser *p, JStr *out)
{
    Buf b;
    p->pos++; /* opening quote */
    buf_init(&b);
    for (;;) {
        int c = peek(p);
        if (c < 0) {
            parse_fail(p, "unterminated string");
            break;
        }
        if (c == '"') {
            p->pos++;
            out->s = b.data;
            out->len = b.len;
            return 1;
        }
        if (c < 0x20) {
            parse_fail(p, "control character in string");
            break;
        }
        if (c == '\\') {
            int e;
            p->pos++;
            e = peek(p);
            p->pos++;
            switch (e) {
            case '"': buf_putc(&b, '"'); break;
            case '\\': buf_putc(&b, '\\'); break;
            case '/': buf_putc(&b, '/'); break;
            case 'b': buf_putc(&b, '\b'); break;
            case 'f': buf_putc(&b, '\f'); break;
            case 'n': buf_putc(&b, '\n'); break;
            case 'r': buf_putc(&b, '\r'); break;
            case 't': buf_putc(&b, '\t'); break;
            case 'u': {
                unsigned long cp, lo;
                if (!parse_hex4(p, &cp))
                    goto fail;
                if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    parse_fail(p, "unpaired low surrogate");
                    goto fail;
                }
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    if (p->pos + 1 >= p->len || p->s[p->pos] != '\\' || p->s[p->pos + 1] != 'u') {
                        parse_fail(p, "unpaired high surrogate");
                        goto fail;
                    }
                    p->pos += 2;
                    if (!parse_hex4(p, &lo))
                        goto fail;
                    if (lo < 0xDC00 || lo > 0xDFFF) {
                        parse_fail(p, "bad low surrogate");
                        goto fail;
                    }
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                }
                utf8_encode(&b, cp);
                break;
            }
            default:
                p->pos--;
                parse_fail(p, "bad escape character");
                goto fail;
            }
            continue;
        }
        if (c < 0x80) {
            buf_putc(&b, (char)c);
            p->pos++;
        } else {
            unsigned long cp;
            size_t n = utf8_decode((const unsigned char *)p->s + p->pos, p->len - p->pos, &cp);
            if (n == 0) {
                parse_fail(p, "invalid UTF-8 in string");
                goto fail;
            }
            buf_put(&b, p->s + p->pos, n);
            p->pos += n;
        }
    }
fail:
    buf_free(&b);
    return 0;
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static JValue *parse_number(Parser *p)
{
    size_t start = p->pos;
    int is_int = 1, neg = 0;
    u64 mag = 0;
    int overflow = 0;
    JValue *v;
    char *text;
    size_t len;

    if (peek(p) == '-') {
        neg = 1;
        p->pos++;
    }
    if (peek(p) == '0') {
        p->pos++;
        if (is_digit(peek(p))) {
            parse_fail(p, "leading zero in number");
            return NULL;
        }
    } else if (is_digit(peek(p))) {
        while (is_digit(peek(p))) {
            unsigned d = (unsigned)(peek(p) - '0');
            if (mag > (18446744073709551615ull - d) / 10)
                overflow = 1;
            else
                mag = mag * 10 + d;
            p->pos++;
        }
    } else {
        parse_fail(p, "digit expected in number");
        return NULL;
    }
    if (peek(p) == '.') {
        is_int = 0;
        p->pos++;
        if (!is_digit(peek(p))) {
            parse_fail(p, "digit expected after decimal point");
            return NULL;
        }
        while (is_digit(peek(p)))
            p->pos++;
    }
    if (peek(p) == 'e' || peek(p) == 'E') {
        is_int = 0;
        p->pos++;
        if (peek(p) == '+' || peek(p) == '-')
            p->pos++;
        if (!is_digit(peek(p))) {
            parse_fail(p, "digit expected in exponent");
            return NULL;
        }
        while (is_digit(peek(p)))
            p->pos++;
    }
    len = p->pos - start;
    text = (char *)xmalloc(len + 1);
    memcpy(text, p->s + start, len);
    text[len] = '\0';
    v = new_value(J_NUMBER);
    v->u.num.text = text;
    v->u.num.len = len;
    v->u.num.d = strtod(text, NULL);
    if (is_int && !overflow && (neg ? mag <= 9223372036854775808ull : mag <= 9223372036854775807ull)) {
        v->u.num.is_int = 1;
        v->u.num.ival = neg ? (i64)(0ull - mag) : (i64)mag;
    }
    return v;
}

static int match_word(Parser *p, const char *w)
{
    size_t n = strlen(w);
    if (p->pos + n <= p->len && memcmp(p->s + p->pos, w, n) == 0) {
        p->pos += n;
        return 1;
    }
    return 0;
}

static JValue *parse_value(Parser *p);

static JValue *parse_array(Parser *p)
{
    JValue *a = new_value(J_ARRAY);
    p->pos++; /* [ */
    skip_ws(p);
    if (peek(p) == ']') {
        p->pos++;
        return a;
    }
    for (;;) {
        JValue *item = parse_value(p);
        if (item == NULL)
            break;
        array_push(a, item);
        skip_ws(p);
        if (peek(p) == ',') {
            p->pos++;
            continue;
        }
        if (peek(p) == ']') {
            p->pos++;
            return a;
        }
        parse_fail(p, "expected , or ] in array");
        break;
    }
    free_value(a);
    return NULL;
}

static JValue *parse_object(Parser *p)
{
    JValue *o = new_value(J_OBJECT);
    p->pos++; /* { */
    skip_ws(p);
    if (peek(p) == '}') {
        p->pos++;
        return o;
    }
    for (;;) {
        JStr key;
        JValue *val;
        skip_ws(p);
        if (peek(p) != '"') {
            parse_fail(p, "expected string key in object");
            break;
        }
        if (!parse_string_raw(p, &key))
            break;
        skip_ws(p);
        if (peek(p) != ':') {
            free(key.s);
            parse_fail(p, "expected : after key");
            break;
        }
        p->pos++;
        val = parse_value(p);
        if (val == NULL) {
            free(key.s);
            break;
        }
        object_push(o, key, val);
        skip_ws(p);
        if (peek(p) == ',') {
            p->pos++;
            continue;
        }
        if (peek(p) == '}') {
            p->pos++;
            return o;
        }
        parse_fail(p, "expected , or } in object");
        break;
    }
    free_value(o);
    return NULL;
}

static JValue *parse_value(Parser *p)
{
    JValue *v = NULL;
    int c;
    skip_ws(p);
    c = peek(p);
    if (p->depth >= MAX_DEPTH) {
        parse_fail(p, "nesting too deep");
        return NULL;
    }
    switch (c) {
    case '{':
        p->depth++;
        v = parse_object(p);
        p->depth--;
        break;
    case '[':
        p->depth++;
        v = parse_array(p);
        p->depth--;
        break;
    case '"': {
        JStr s;
        if (parse_string_raw(p, &s)) {
            v = new_value(J_STRING);
            v->u.str = s;
        }
        break;
    }
    case 't':
        if (match_word(p, "true"))
            v = new_value(J_TRUE);
        else
            parse_fail(p, "invalid literal");
        break;
    case 'f':
        if (match_word(p, "false"))
            v = new_value(J_FALSE);
        else
            parse_fail(p, "invalid literal");
        break;
    case 'n':
        if (match_word(p, "null"))
            v = new_value(J_NULL);
        else
            parse_fail(p, "invalid literal");
        break;
    case -1:
        parse_fail(p, "unexpected end of input");
        break;
    default:
        if (c == '-' || is_digit(c))
            v = parse_number(p);
        else
            parse_fail(p, "unexpected character");
        break;
    }
    return v;
}

static JValue *parse_document(const char *s, size_t len, Parser *p)
{
    JValue *v;
    p->s = s;
    p->len = len;
    p->pos = 0;
    p->depth = 0;
    p->failed = 0;
    p->err_pos = 0;
    p->err_msg[0] = '\0';
    v = parse_value(p);
    if (v != NULL) {
        skip_ws(p);
        if (p->pos != p->len) {
            parse_fail(p, "trailing characters after document");
            free_value(v);
            v = NULL;
        }
    }
    return v;
}

/* line and column (1-based) of a byte offset */
static void position_of(const char *s, size_t off, int *line, int *col)
{
    size_t i;
    *line = 1;
    *col = 1;
    for (i = 0; i < off; i++) {
        if (s[i] == '\n') {
            (*line)++;
            *col = 1;
        } else {
            (*col)++;
        }
    }
}

/* ------------------------------------------------------------------ */
/* Printers                                                            */
/* ------------------------------------------------------------------ */

static const char hexchars[] = "0123456789abcdef";

static void put_u_escape(Buf *b, unsigned long unit)
{
    char tmp[6];
    tmp[0] = '\\';
    tmp[1] = 'u';
    tmp[2] = hexchars[(unit >> 12) & 15];
    tmp[3] = hexchars[(unit >> 8) & 15];
    tmp[4] = hexchars[(unit >> 4) & 15];
    tmp[5] = hexchars[unit & 15];
    buf_put(b, tmp, 6);
}

/* ascii_only: write every code point above U+007E as \u escapes */
static void print_string(Buf *b, const char *s, size_t len, int ascii_only)
{
    size_t i = 0;
    buf_putc(b, '"');
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            switch (c) {
            case '"': buf_puts(b, "\\\""); break;
            case '\\': buf_puts(b, "\\\\"); break;
            case '\b': buf_puts(b, "\\b"); break;
            case '\f': buf_puts(b, "\\f"); break;
            case '\n': buf_puts(b, "\\n"); break;
            case '\r': buf_puts(b, "\\r"); break;
            case '\t': buf_puts(b, "\\t"); break;
            default:
                if (c < 0x20 || (ascii_only && c == 0x7F))
                    put_u_escape(b, c);
                else
                    buf_putc(b, (char)c);
                break;
            }
            i++;
        } else {
            unsigned long cp;
            size_t n = utf8_decode((const unsigned char *)s + i, len - i, &cp);
            if (n == 0)
                die("internal error: invalid UTF-8 in tree");
            if (!ascii_only) {
                buf_put(b, s + i, n);
            } else if (cp >= 0x10000) {
                unsigned long v = cp - 0x10000;
                put_u_escape(b, 0xD800 + (v >> 10));
                put_u_escape(b, 0xDC00 + (v & 0x3FF));
            } else {
                put_u_escape(b, cp);
            }
            i += n;
        }
    }
    buf_putc(b, '"');
}

static void put_indent(Buf *b, int level)
{
    int i;
    for (i = 0; i < level; i++)
        buf_put(b, "  ", 2);
}

/* numeric form used by the canonical printer */
static void print_number_normalised(Buf *b, const JValue *v)
{
    char tmp[64];
    double d = v->u.num.d;
    if (v->u.num.is_int) {
        sprintf(tmp, "%lld", v->u.num.ival);
    } else if (d > DBL_MAX || d < -DBL_MAX) {
        /* out of the double range: keep the text as written */
        buf_put(b, v->u.num.text, v->u.num.len);
        return;
    } else {
        sprintf(tmp, "%.17g", d);
        /* keep it a non-integer literal so that it reads back the same way */
        if (strchr(tmp, '.') == NULL && strchr(tmp, 'e') == NULL)
            strcat(tmp, ".0");
    }
    buf_puts(b, tmp);
}

/*
 * style 0: pretty (indented, raw UTF-8, original number text)
 * style 1: compact (ASCII only, original number text)
 * style 2: canonical (compact, ASCII only, normalised numbers)
 */
static void print_value(Buf *b, const JValue *v, int style, int level)
{
    size_t i;
    switch (v->type) {
    case J_NULL: buf_puts(b, "null"); break;
    case J_TRUE: buf_puts(b, "true"); break;
    case J_FALSE: buf_puts(b, "false"); break;
    case J_NUMBER:
        if (style == 2)
            print_number_normalised(b, v);
        else
            buf_put(b, v->u.num.text, v->u.num.len);
        break;
    case J_STRING:
        print_string(b, v->u.str.s, v->u.str.len, style != 0);
        break;
    case J_ARRAY:
        if (v->u.arr.n == 0) {
            buf_puts(b, "[]");
            break;
        }
        buf_putc(b, '[');
        for (i = 0; i < v->u.arr.n; i++) {
            if (i > 0)
                buf_putc(b, ',');
            if (style == 0) {
                buf_putc(b, '\n');
                put_indent(b, level + 1);
            }
            print_value(b, v->u.arr.items[i], style, level + 1);
        }
        if (style == 0) {
            buf_putc(b, '\n');
            put_indent(b, level);
        }
        buf_putc(b, ']');
        break;
    case J_OBJECT:
        if (v->u.obj.n == 0) {
            buf_puts(b, "{}");
            break;
        }
        buf_putc(b, '{');
        for (i = 0; i < v->u.obj.n; i++) {
            if (i > 0)
                buf_putc(b, ',');
            if (style == 0) {
                buf_putc(b, '\n');
                put_indent(b, level + 1);
            }
            print_string(b, v->u.obj.keys[i].s, v->u.obj.keys[i].len, style != 0);
            buf_putc(b, ':');
            if (style == 0)
                buf_putc(b, ' ');
            print_value(b, v->u.obj.vals[i], style, level + 1);
        }
        if (style == 0) {
            buf_putc(b, '\n');
            put_indent(b, level);
        }
        buf_putc(b, '}');
        break;
    default:
        die("internal error: bad value type");
    }
}

/* ------------------------------------------------------------------ */
/* Equality, copying and sorting                                       */
/* ------------------------------------------------------------------ */

static int str_equal(const JStr *a, const JStr *b)
{
    return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

static int str_compare(const JStr *a, const JStr *b)
{
    size_t n = a->len < b->len ? a->len : b->len;
    int c = memcmp(a->s, b->s, n);
    if (c != 0)
        return c;
    return a->len < b->len ? -1 : (a->len > b->len ? 1 : 0);
}

/* numeric_only: compare numbers by value instead of by their text */
static int values_equal(const JValue *a, const JValue *b, int numeric_only)
{
    size_t i;
    if (a->type != b->type)
        return 0;
    switch (a->type) {
    case J_NUMBER:
        if (a->u.num.is_int != b->u.num.is_int)
            return 0;
        if (a->u.num.is_int && a->u.num.ival != b->u.num.ival)
            return 0;
        if (!a->u.num.is_int && a->u.num.d != b->u.num.d)
            return 0;
        if (!numeric_only)
            return a->u.num.len == b->u.num.len &&
                   memcmp(a->u.num.text, b->u.num.text, a->u.num.len) == 0;
        return 1;
    case J_STRING:
        return str_equal(&a->u.str, &b->u.str);
    case J_ARRAY:
        if (a->u.arr.n != b->u.arr.n)
            return 0;
        for (i = 0; i < a->u.arr.n; i++)
            if (!values_equal(a->u.arr.items[i], b->u.arr.items[i], numeric_only))
                return 0;
        return 1;
    case J_OBJECT:
        if (a->u.obj.n != b->u.obj.n)
            return 0;
        for (i = 0; i < a->u.obj.n; i++) {
            if (!str_equal(&a->u.obj.keys[i], &b->u.obj.keys[i]))
                return 0;
            if (!values_equal(a->u.obj.vals[i], b->u.obj.vals[i], numeric_only))
                return 0;
        }
        return 1;
    default:
        return 1;
    }
}

static JStr str_dup(const JStr *s)
{
    JStr r;
    r.len = s->len;
    r.s = (char *)xmalloc(s->len + 1);
    memcpy(r.s, s->s, s->len);
    r.s[s->len] = '\0';
    return r;
}

static JValue *copy_value(const JValue *v)
{
    JValue *c = new_value(v->type);
    size_t i;
    switch (v->type) {
    case J_NUMBER:
        c->u.num = v->u.num;
        c->u.num.text = (char *)xmalloc(v->u.num.len + 1);
        memcpy(c->u.num.text, v->u.num.text, v->u.num.len + 1);
        break;
    case J_STRING:
        c->u.str = str_dup(&v->u.str);
        break;
    case J_ARRAY:
        for (i = 0; i < v->u.arr.n; i++)
            array_push(c, copy_value(v->u.arr.items[i]));
        break;
    case J_OBJECT:
        for (i = 0; i < v->u.obj.n; i++)
            object_push(c, str_dup(&v->u.obj.keys[i]), copy_value(v->u.obj.vals[i]));
        break;
    default:
        break;
    }
    return c;
}

/* stable merge sort of an object's members by key */
static void sort_members(JStr *keys, JValue **vals, size_t n, JStr *tk, JValue **tv)
{
    size_t mid, i, j, k;
    if (n < 2)
        return;
    mid = n / 2;
    sort_members(keys, vals, mid, tk, tv);
    sort_members(keys + mid, vals + mid, n - mid, tk, tv);
    i = 0;
    j = mid;
    k = 0;
    while (i < mid && j < n) {
        if (str_compare(&keys[j], &keys[i]) < 0) {
            tk[k] = keys[j];
            tv[k++] = vals[j++];
        } else {
            tk[k] = keys[i];
            tv[k++] = vals[i++];
        }
    }
    while (i < mid) {
        tk[k] = keys[i];
        tv[k++] = vals[i++];
    }
    while (j < n) {
        tk[k] = keys[j];
        tv[k++] = vals[j++];
    }
    memcpy(keys, tk, n * sizeof(JStr));
    memcpy(vals, tv, n * sizeof(JValue *));
}

static void sort_tree(JValue *v)
{
    size_t i;
    if (v->type == J_ARRAY) {
        for (i = 0; i < v->u.arr.n; i++)
            sort_tree(v->u.arr.items[i]);
    } else if (v->type == J_OBJECT) {
        JStr *tk = (JStr *)xmalloc(v->u.obj.n * sizeof(JStr));
        JValue **tv = (JValue **)xmalloc(v->u.obj.n * sizeof(JValue *));
        for (i = 0; i < v->u.obj.n; i++)
            sort_tree(v->u.obj.vals[i]);
        sort_members(v->u.obj.keys, v->u.obj.vals, v->u.obj.n, tk, tv);
        free(tk);
        free(tv);
    }
}

/* ------------------------------------------------------------------ */
/* Queries                                                             */
/* ------------------------------------------------------------------ */

typedef struct KeyEntry {
    JStr key;
    long count;
    struct KeyEntry *next;
} KeyEntry;

#define KEY_BUCKETS 256

typedef struct {
    long type_count[J_NTYPES];
    double number_sum;
    i64 int_sum;          /* wrapping sum of the integer-valued numbers */
    long int_count;
    int max_depth;
    long total_keys;
    long total_string_bytes;
    long longest_string;
    KeyEntry *buckets[KEY_BUCKETS];
    long distinct_keys;
} Stats;

static void stats_init(Stats *st)
{
    memset(st, 0, sizeof(*st));
}

static void stats_free(Stats *st)
{
    int i;
    for (i = 0; i < KEY_BUCKETS; i++) {
        KeyEntry *e = st->buckets[i];
        while (e != NULL) {
            KeyEntry *next = e->next;
            free(e->key.s);
            free(e);
            e = next;
        }
        st->buckets[i] = NULL;
    }
}

static void count_key(Stats *st, const JStr *key)
{
    unsigned h = (unsigned)(fnv1a(key->s, key->len) % KEY_BUCKETS);
    KeyEntry *e;
    for (e = st->buckets[h]; e != NULL; e = e->next) {
        if (str_equal(&e->key, key)) {
            e->count++;
            return;
        }
    }
    e = (KeyEntry *)xmalloc(sizeof(KeyEntry));
    e->key = str_dup(key);
    e->count = 1;
    e->next = st->buckets[h];
    st->buckets[h] = e;
    st->distinct_keys++;
}

static long utf8_length(const char *s, size_t len)
{
    long n = 0;
    size_t i;
    for (i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

static void gather(Stats *st, const JValue *v, int depth)
{
    size_t i;
    st->type_count[v->type]++;
    if (depth > st->max_depth)
        st->max_depth = depth;
    switch (v->type) {
    case J_NUMBER:
        st->number_sum += v->u.num.d;
        if (v->u.num.is_int) {
            st->int_sum = (i64)((u64)st->int_sum + (u64)v->u.num.ival);
            st->int_count++;
        }
        break;
    case J_STRING: {
        long n = utf8_length(v->u.str.s, v->u.str.len);
        st->total_string_bytes += (long)v->u.str.len;
        if (n > st->longest_string)
            st->longest_string = n;
        break;
    }
    case J_ARRAY:
        for (i = 0; i < v->u.arr.n; i++)
            gather(st, v->u.arr.items[i], depth + 1);
        break;
    case J_OBJECT:
        for (i = 0; i < v->u.obj.n; i++) {
            st->total_keys++;
            count_key(st, &v->u.obj.keys[i]);
            gather(st, v->u.obj.vals[i], depth + 1);
        }
        break;
    default:
        break;
    }
}

static int key_entry_before(const KeyEntry *a, const KeyEntry *b)
{
    if (a->count != b->count)
        return a->count > b->count;
    return str_compare(&a->key, &b->key) < 0;
}

static void print_top_keys(const Stats *st, int limit)
{
    KeyEntry **all = (KeyEntry **)xmalloc((size_t)(st->distinct_keys + 1) * sizeof(KeyEntry *));
    long n = 0, i, j;
    int b;
    for (b = 0; b < KEY_BUCKETS; b++) {
        KeyEntry *e;
        for (e = st->buckets[b]; e != NULL; e = e->next)
            all[n++] = e;
    }
    /* insertion sort: by count descending, then key ascending */
    for (i = 1; i < n; i++) {
        KeyEntry *e = all[i];
        j = i - 1;
        while (j >= 0 && key_entry_before(e, all[j])) {
            all[j + 1] = all[j];
            j--;
        }
        all[j + 1] = e;
    }
    printf("top keys:");
    for (i = 0; i < n && i < limit; i++) {
        Buf kb;
        buf_init(&kb);
        print_string(&kb, all[i]->key.s, all[i]->key.len, 1);
        printf(" %s=%ld", kb.data, all[i]->count);
        buf_free(&kb);
    }
    printf("\n");
    free(all);
}

/* Path query: segments separated by '.', array indices as [N]. */
static const JValue *query_path(const JValue *v, const char *path, const char **err)
{
    const char *p = path;
    *err = NULL;
    while (*p != '\0') {
        if (*p == '[') {
            long idx = 0;
            p++;
            if (!is_digit((unsigned char)*p)) {
                *err = "bad index";
                return NULL;
            }
            while (is_digit((unsigned char)*p)) {
                if (idx < 100000000)
                    idx = idx * 10 + (*p - '0');
                p++;
            }
            if (*p != ']') {
                *err = "missing ]";
                return NULL;
            }
            p++;
            if (v->type != J_ARRAY) {
                *err = "not an array";
                return NULL;
            }
            if ((size_t)idx >= v->u.arr.n) {
                *err = "index out of range";
                return NULL;
            }
            v = v->u.arr.items[idx];
        } else {
            const char *start;
            size_t len, i;
            const JValue *found = NULL;
            if (*p == '.')
                p++;
            start = p;
            while (*p != '\0' && *p != '.' && *p != '[')
                p++;
            len = (size_t)(p - start);
            if (v->type != J_OBJECT) {
                *err = "not an object";
                return NULL;
            }
            /* the last member with the key wins, as in most readers */
            for (i = 0; i < v->u.obj.n; i++) {
                if (v->u.obj.keys[i].len == len && memcmp(v->u.obj.keys[i].s, start, len) == 0)
                    found = v->u.obj.vals[i];
            }
            if (found == NULL) {
                *err = "no such key";
                return NULL;
            }
            v = found;
        }
    }
    return v;
}

/* ------------------------------------------------------------------ */
/* Checks on malformed input                                           */
/* ------------------------------------------------------------------ */

static const char *bad_documents[] = {
    "",
    "   ",
    "{",
    "[1, 2",
    "[1,]",
    "{\"a\" 1}",
    "{\"a\":1,}",
    "{1:2}",
    "01",
    "-",
    "1.",
    ".5",
    "1e",
    "1e+",
    "+1",
    "tru",
    "nul",
    "falsey",
    "\"abc",
    "\"bad \\x escape\"",
    "\"\\u12G4\"",
    "\"\\ud800\"",
    "\"\\udc00\"",
    "\"\\ud800\\u0041\"",
    "\"tab\there\"",
    "\"\xC0\xAF\"",
    "\"\xED\xA0\x80\"",
    "\"\xF4\x90\x80\x80\"",
    "\"\xE2\x82\"",
    "[1] [2]",
    "{\"a\":[1,{\"b\":}]}",
    "[\"a\" \"b\"]",
    "NaN",
    "[-Infinity]"
};

static const char *good_documents[] = {
    "0",
    "-0",
    "-0.0e-0",
    " [ ] ",
    "{}",
    "\"\\u0000\\u001f\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
    "\"\\ud834\\udd1e \\u00e9 \\u20AC\"",
    "[1e308, -1E-308, 123456789012345678901234567890]",
    "{\"\":{\"\":[null,true,false]}}",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    "\"\xE2\x82\xAC \xF0\x9F\x98\x80 \xC3\xA9\""
};

/* quoted display form of a test document: bytes outside ASCII as \xNN */
static void show_bytes(Buf *b, const char *s)
{
    buf_putc(b, '\'');
    for (; *s != '\0'; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c >= 0x7F) {
            buf_puts(b, "\\x");
            buf_putc(b, hexchars[c >> 4]);
            buf_putc(b, hexchars[c & 15]);
        } else {
            buf_putc(b, (char)c);
        }
    }
    buf_putc(b, '\'');
}

static int run_parser_checks(int verbose)
{
    size_t i;
    int failures = 0;
    Parser p;
    for (i = 0; i < sizeof(bad_documents) / sizeof(bad_documents[0]); i++) {
        const char *doc = bad_documents[i];
        JValue *v = parse_document(doc, strlen(doc), &p);
        if (v != NULL) {
            printf("  bad document %u was accepted\n", (unsigned)i);
            free_value(v);
            failures++;
        } else if (verbose) {
            Buf shown;
            buf_init(&shown);
            show_bytes(&shown, doc);
            printf("  reject %-28s at %2u: %s\n", shown.data, (unsigned)p.err_pos, p.err_msg);
            buf_free(&shown);
        }
    }
    for (i = 0; i < sizeof(good_documents) / sizeof(good_documents[0]); i++) {
        const char *doc = good_documents[i];
        JValue *v = parse_document(doc, strlen(doc), &p);
        if (v == NULL) {
            printf("  good document %u was rejected: %s\n", (unsigned)i, p.err_msg);
            failures++;
        } else {
            Buf out;
            JValue *again;
            Parser p2;
            buf_init(&out);
            print_value(&out, v, 1, 0);
            again = parse_document(out.data, out.len, &p2);
            if (again == NULL || !values_equal(v, again, 0)) {
                printf("  good document %u did not round-trip\n", (unsigned)i);
                failures++;
            } else if (verbose) {
                printf("  accept %s\n", out.data);
            }
            free_value(again);
            free_value(v);
            buf_free(&out);
        }
    }
    return failures;
}

/* ------------------------------------------------------------------ */
/* Main                                                                */
/* ------------------------------------------------------------------ */

static char *read_file(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 4096, n = 0;
    char *buf;
    if (f == NULL)
        die("cannot open input file");
    buf = (char *)xmalloc(cap);
    for (;;) {
        size_t got;
        if (n == cap) {
            cap *= 2;
            buf = (char *)xrealloc(buf, cap);
        }
        got = fread(buf + n, 1, cap - n, f);
        if (got == 0)
            break;
        n += got;
    }
    fclose(f);
    *len_out = n;
    return buf;
}

typedef struct {
    u64 pretty_hash;
    u64 compact_hash;
    u64 canonical_hash;
    size_t pretty_len;
    size_t compact_len;
    size_t canonical_len;
    int ok;
} CycleResult;

/* One complete parse / print / re-parse cycle over the input text. */
static CycleResult run_cycle(const char *text, size_t len, JValue **tree_out, Buf *pretty_out)
{
    CycleResult r;
    Parser p;
    JValue *tree, *again, *sorted, *canon_again;
    Buf pretty, compact, canon;
    int line, col;

    memset(&r, 0, sizeof(r));
    tree = parse_document(text, len, &p);
    if (tree == NULL) {
        position_of(text, p.err_pos, &line, &col);
        printf("parse error at line %d column %d: %s\n", line, col, p.err_msg);
        return r;
    }
    r.ok = 1;

    buf_init(&pretty);
    print_value(&pretty, tree, 0, 0);
    buf_putc(&pretty, '\n');
    again = parse_document(pretty.data, pretty.len, &p);
    if (again == NULL || !values_equal(tree, again, 0))
        r.ok = 0;
    free_value(again);

    buf_init(&compact);
    print_value(&compact, tree, 1, 0);
    again = parse_document(compact.data, compact.len, &p);
    if (again == NULL || !values_equal(tree, again, 0))
        r.ok = 0;
    free_value(again);

    sorted = copy_value(tree);
    sort_tree(sorted);
    buf_init(&canon);
    print_value(&canon, sorted, 2, 0);
    canon_again = parse_document(canon.data, canon.len, &p);
    if (canon_again == NULL || !values_equal(sorted, canon_again, 1))
        r.ok = 0;
    free_value(canon_again);
    free_value(sorted);

    r.pretty_hash = fnv1a(pretty.data, pretty.len);
    r.compact_hash = fnv1a(compact.data, compact.len);
    r.canonical_hash = fnv1a(canon.data, canon.len);
    r.pretty_len = pretty.len;
    r.compact_len = compact.len;
    r.canonical_len = canon.len;

    buf_free(&compact);
    buf_free(&canon);
    if (pretty_out != NULL)
        *pretty_out = pretty;
    else
        buf_free(&pretty);
    if (tree_out != NULL)
        *tree_out = tree;
    else
        free_value(tree);
    return r;
}

int main(int argc, char **argv)
{
    char *text;
    size_t len;
    long repeat = 1, i;
    int t, k;
    CycleResult first;
    JValue *tree = NULL;
    Buf pretty;
    Stats st;
    int failures;

    if (argc < 2) {
        fprintf(stderr, "usage: json FILE.json [REPEAT [PATH...]]\n");
        return 2;
    }
    if (argc > 2) {
        repeat = strtol(argv[2], NULL, 10);
        if (repeat < 1)
            repeat = 1;
    }
    text = read_file(argv[1], &len);
    printf("input: %u bytes\n", (unsigned)len);

    first = run_cycle(text, len, &tree, &pretty);
    if (tree == NULL) {
        free(text);
        return 0;
    }
    for (i = 1; i < repeat; i++) {
        CycleResult r = run_cycle(text, len, NULL, NULL);
        if (r.pretty_hash != first.pretty_hash || r.compact_hash != first.compact_hash ||
            r.canonical_hash != first.canonical_hash || r.ok != first.ok) {
            printf("cycle %ld disagrees with the first one\n", i);
            first.ok = 0;
        }
    }
    printf("cycles: %ld, round trips %s\n", repeat, first.ok ? "ok" : "FAILED");
    printf("pretty: %u bytes, hash %016llx\n", (unsigned)first.pretty_len, first.pretty_hash);
    printf("compact: %u bytes, hash %016llx\n", (unsigned)first.compact_len, first.compact_hash);
    printf("canonical: %u bytes, hash %016llx\n", (unsigned)first.canonical_len, first.canonical_hash);
    if (pretty.len <= 3000) {
        printf("--- pretty form ---\n");
        fwrite(pretty.data, 1, pretty.len, stdout);
        printf("---\n");
    }

    stats_init(&st);
    gather(&st, tree, 0);
    printf("values:");
    for (t = 0; t < J_NTYPES; t++)
        printf(" %s=%ld", type_names[t], st.type_count[t]);
    printf("\n");
    printf("number sum: %.6f\n", st.number_sum);
    printf("integer sum: %lld over %ld integers\n", st.int_sum, st.int_count);
    printf("max depth: %d\n", st.max_depth);
    printf("keys: %ld total, %ld distinct\n", st.total_keys, st.distinct_keys);
    printf("strings: %ld bytes, longest %ld characters\n", st.total_string_bytes, st.longest_string);
    print_top_keys(&st, 8);
    stats_free(&st);

    for (k = 3; k < argc; k++) {
        const char *err;
        const JValue *found = query_path(tree, argv[k], &err);
        if (found == NULL) {
            printf("query %s: %s\n", argv[k], err);
        } else {
            Buf qb;
            buf_init(&qb);
            print_value(&qb, found, 1, 0);
            if (qb.len > 120) {
                printf("query %s: %s value, %u bytes, hash %016llx\n", argv[k],
                       type_names[found->type], (unsigned)qb.len, fnv1a(qb.data, qb.len));
            } else {
                printf("query %s: %s\n", argv[k], qb.data);
            }
            buf_free(&qb);
        }
    }

    failures = run_parser_checks(pretty.len <= 3000);
    printf("parser checks: %d failures\n", failures);

    buf_free(&pretty);
    free_value(tree);
    free(text);
    return 0;
}
