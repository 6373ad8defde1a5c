/* Statement arena, error exits, interned strings and value operations. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "minisql.h"

/* ---- arena: everything a statement allocates, freed after it ---- */

typedef struct Block {
    struct Block *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
} Block;

static Block *arena;

static _Noreturn void out_of_memory(void)
{
    fprintf(stderr, "out of memory\n");
    exit(2);
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (p == NULL)
        out_of_memory();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (p == NULL)
        out_of_memory();
    return p;
}

void *arena_alloc(size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (arena == NULL || arena->size - arena->used < n) {
        size_t size = n > 65536 ? n : 65536;
        Block *b = xmalloc(sizeof(Block) + size);
        b->next = arena;
        b->used = 0;
        b->size = size;
        arena = b;
    }
    void *p = arena->data + arena->used;
    arena->used += n;
    memset(p, 0, n);
    return p;
}

void arena_reset(void)
{
    while (arena && arena->next) {
        Block *next = arena->next;
        free(arena);
        arena = next;
    }
    if (arena)
        arena->used = 0;
}

void arena_free_all(void)
{
    arena_reset();
    free(arena);
    arena = NULL;
}

/* ---- errors ---- */

jmp_buf error_jump;
char error_message[256];

_Noreturn void sql_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(error_message, sizeof error_message, fmt, ap);
    va_end(ap);
    longjmp(error_jump, 1);
}

/* ---- interned strings ---- */

static Str **str_table;
static unsigned str_size, str_count;

static unsigned hash_bytes(const char *p, int len)
{
    unsigned h = 2166136261u;
    for (int i = 0; i < len; i++)
        h = (h ^ (unsigned char)p[i]) * 16777619u;
    return h;
}

const Str *intern(const char *text, int len)
{
    unsigned h = hash_bytes(text, len);
    if (str_count * 2 >= str_size) {
        unsigned size = str_size ? str_size * 2 : 1024;
        Str **t = xmalloc(size * sizeof *t);
        memset(t, 0, size * sizeof *t);
        for (unsigned i = 0; i < str_size; i++) {
            Str *s = str_table[i];
            while (s) {
                Str *next = s->next;
                s->next = t[s->hash & (size - 1)];
                t[s->hash & (size - 1)] = s;
                s = next;
            }
        }
        free(str_table);
        str_table = t;
        str_size = size;
    }
    Str **slot = &str_table[h & (str_size - 1)];
    for (Str *s = *slot; s; s = s->next)
        if (s->hash == h && s->len == len && memcmp(s->text, text, (size_t)len) == 0)
            return s;
    Str *s = xmalloc(sizeof(Str) + (size_t)len + 1);
    s->hash = h;
    s->len = len;
    memcpy(s->text, text, (size_t)len);
    s->text[len] = '\0';
    s->next = *slot;
    *slot = s;
    str_count++;
    return s;
}

const Str *intern_lower(const char *text, int len)
{
    char buf[64];
    if (len > (int)sizeof buf)
        len = (int)sizeof buf;
    for (int i = 0; i < len; i++)
        buf[i] = text[i] >= 'A' && text[i] <= 'Z' ? (char)(text[i] - 'A' + 'a') : text[i];
    return intern(buf, len);
}

void intern_free_all(void)
{
    for (unsigned i = 0; i < str_size; i++) {
        Str *s = str_table[i];
        while (s) {
            Str *next = s->next;
            free(s);
            s = next;
        }
    }
    free(str_table);
    str_table = NULL;
    str_size = str_count = 0;
}

/* ---- values ---- */

Value make_null(void)
{
    Value v = { V_NULL, 0, NULL };
    return v;
}

Value make_int(long long n)
{
    Value v = { V_INT, n, NULL };
    return v;
}

Value make_dec(long long hundredths)
{
    Value v = { V_DEC, hundredths, NULL };
    return v;
}

Value make_text(const Str *s)
{
    Value v = { V_TEXT, 0, s };
    return v;
}

long long checked_add(long long a, long long b)
{
    if ((b > 0 && a > LLONG_MAX - b) || (b < 0 && a < LLONG_MIN - b))
        sql_error("integer overflow");
    return a + b;
}

long long checked_mul(long long a, long long b)
{
    if (a == 0 || b == 0)
        return 0;
    if (a > 0 ? (b > 0 ? a > LLONG_MAX / b : b < LLONG_MIN / a)
              : (b > 0 ? a < LLONG_MIN / b : b < LLONG_MAX / a))
        sql_error("integer overflow");
    return a * b;
}

/* a / b rounded half away from zero; b > 0. */
long long div_round(long long a, long long b)
{
    long long q = a / b, r = a % b;
    if (r < 0 ? -r >= b - -r : r >= b - r)
        q += r < 0 ? -1 : 1;
    return q;
}

/* Floor division by 100 and the remainder in 0..99. */
static long long floor100(long long v, int *rem)
{
    long long q = v / 100, r = v % 100;
    if (r < 0) {
        q -= 1;
        r += 100;
    }
    *rem = (int)r;
    return q;
}

static int cmp_ll(long long a, long long b)
{
    return a < b ? -1 : a > b;
}

/* Total order: NULL < numbers (by value) < texts (bytewise). */
int value_cmp(const Value *a, const Value *b)
{
    if (a->type == V_NULL || b->type == V_NULL)
        return (a->type != V_NULL) - (b->type != V_NULL);
    if (a->type == V_TEXT || b->type == V_TEXT) {
        if (a->type != b->type)
            return a->type == V_TEXT ? 1 : -1;
        if (a->str == b->str)
            return 0;
        int n = a->str->len < b->str->len ? a->str->len : b->str->len;
        int c = memcmp(a->str->text, b->str->text, (size_t)n);
        if (c)
            return c < 0 ? -1 : 1;
        return cmp_ll(a->str->len, b->str->len);
    }
    if (a->type == b->type)
        return cmp_ll(a->num, b->num);
    int rem;
    if (a->type == V_INT) {
        long long q = floor100(b->num, &rem);
        return a->num != q ? cmp_ll(a->num, q) : rem ? -1 : 0;
    }
    long long q = floor100(a->num, &rem);
    return q != b->num ? cmp_ll(q, b->num) : rem ? 1 : 0;
}

/* Equality used by grouping and DISTINCT: NULLs are alike. */
int value_same(const Value *a, const Value *b)
{
    return value_cmp(a, b) == 0;
}

unsigned value_hash(const Value *v)
{
    unsigned long long n;
    int rem;
    switch (v->type) {
    case V_NULL:
        return 0x5bd1e995u;
    case V_TEXT:
        return v->str->hash;
    case V_DEC:
        n = (unsigned long long)floor100(v->num, &rem);
        if (rem)
            n = (unsigned long long)v->num ^ 0xdec0000000000000ull;
        break;
    default:
        n = (unsigned long long)v->num;
        break;
    }
    n ^= n >> 33;
    n *= 0xff51afd7ed558ccdull;
    n ^= n >> 33;
    return (unsigned)n;
}

/* 1 for a true condition; NULL and zero are false. */
int value_truth(const Value *v)
{
    if (v->type == V_INT || v->type == V_DEC)
        return v->num != 0;
    if (v->type == V_TEXT)
        sql_error("text used as a condition");
    return 0;
}

const char *value_format(const Value *v, char *buf, size_t size)
{
    switch (v->type) {
    case V_NULL:
        return "NULL";
    case V_INT:
        snprintf(buf, size, "%lld", v->num);
        return buf;
    case V_DEC: {
        unsigned long long m = v->num < 0 ? 0ull - (unsigned long long)v->num
                                          : (unsigned long long)v->num;
        snprintf(buf, size, "%s%llu.%02llu", v->num < 0 ? "-" : "", m / 100, m % 100);
        return buf;
    }
    default:
        return v->str->text;
    }
}

const Str *value_to_text(const Value *v)
{
    char buf[32];
    if (v->type == V_TEXT)
        return v->str;
    const char *s = value_format(v, buf, sizeof buf);
    return intern(s, (int)strlen(s));
}

Value value_to_dec(const Value *v)
{
    if (v->type == V_INT)
        return make_dec(checked_mul(v->num, 100));
    return *v;
}

static long long number_of(const Value *v)
{
    if (v->type != V_INT && v->type != V_DEC)
        sql_error("arithmetic on text");
    return v->num;
}

/* + - * / % on numbers; NULL if either side is NULL or on division by 0. */
Value value_arith(int op, const Value *a, const Value *b)
{
    if (a->type == V_NULL || b->type == V_NULL)
        return make_null();
    number_of(a);
    number_of(b);
    if (a->type == V_INT && b->type == V_INT) {
        long long x = a->num, y = b->num;
        switch (op) {
        case '+': return make_int(checked_add(x, y));
        case '-':
            if (y == LLONG_MIN)
                sql_error("integer overflow");
            return make_int(checked_add(x, -y));
        case '*': return make_int(checked_mul(x, y));
        default:
            if (y == 0)
                return make_null();
            if (x == LLONG_MIN && y == -1)
                sql_error("integer overflow");
            return make_int(op == '/' ? x / y : x % y);
        }
    }
    Value da = value_to_dec(a), db = value_to_dec(b);
    long long x = da.num, y = db.num;
    switch (op) {
    case '+': return make_dec(checked_add(x, y));
    case '-':
        if (y == LLONG_MIN)
            sql_error("integer overflow");
        return make_dec(checked_add(x, -y));
    case '*': {
        /* hundredths * hundredths / 100, rounded */
        long long whole = x / 100, frac = x % 100;
        long long r = checked_add(checked_mul(whole, y), div_round(checked_mul(frac, y), 100));
        return make_dec(r);
    }
    case '/':
        if (y == 0)
            return make_null();
        if (y < 0) {
            if (y == LLONG_MIN || x == LLONG_MIN)
                sql_error("integer overflow");
            x = -x;
            y = -y;
        }
        return make_dec(div_round(checked_mul(x, 100), y));
    default:
        if (y == 0)
            return make_null();
        if (x == LLONG_MIN && y == -1)
            sql_error("integer overflow");
        return make_dec(x % y);
    }
}
