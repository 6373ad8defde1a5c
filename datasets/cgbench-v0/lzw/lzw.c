/*
 * lzw: Lempel-Ziv-Welch compression with variable-width codes.
 *
 * Codes start at 9 bits and grow up to a maximum width (9..16 bits).
 * Code 256 clears the dictionary, code 257 ends the stream.  When the
 * dictionary is full the encoder emits a clear code and starts again.
 * Codes are packed least-significant bit first.
 *
 * The stream to compress is the input followed by COPIES-1 variants of
 * it derived with a seeded generator.  It is compressed with several
 * maximum widths by two encoders (a hash-table encoder and a trie
 * encoder; their outputs must agree), then decompressed and compared
 * with the original.
 *
 * Usage: lzw FILE [COPIES]      (FILE may be "-" for standard input)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CODE_CLEAR 256
#define CODE_STOP 257
#define FIRST_FREE 258
#define MIN_BITS 9
#define MAX_BITS 16
#define NUM_WIDTHS 5

static const int widths[NUM_WIDTHS] = { 9, 10, 12, 14, 16 };

/* ---------- small utilities ---------- */

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return p;
}

static unsigned long fnv1a(const unsigned char *p, size_t n)
{
    unsigned long h = 2166136261UL;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= p[i];
        h = (h * 16777619UL) & 0xffffffffUL;
    }
    return h;
}

static unsigned long adler32(const unsigned char *p, size_t n)
{
    unsigned long a = 1, b = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        a = (a + p[i]) % 65521UL;
        b = (b + a) % 65521UL;
    }
    return (b << 16) | a;
}

typedef struct {
    unsigned long long s;
} Rng;

static unsigned long long rng_next(Rng *r)
{
    unsigned long long z;
    r->s += 0x9E3779B97F4A7C15ULL;
    z = r->s;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static size_t rng_below(Rng *r, size_t n)
{
    return (size_t)(rng_next(r) % (unsigned long long)n);
}

/* ---------- bit packing ---------- */

typedef struct {
    unsigned char *buf;
    size_t len, cap;
    unsigned long acc;
    int nbits;
} BitWriter;

static void bw_init(BitWriter *w)
{
    w->cap = 1024;
    w->buf = xmalloc(w->cap);
    w->len = 0;
    w->acc = 0;
    w->nbits = 0;
}

static void bw_byte(BitWriter *w, unsigned char b)
{
    if (w->len == w->cap) {
        unsigned char *nb;
        w->cap *= 2;
        nb = xmalloc(w->cap);
        memcpy(nb, w->buf, w->len);
        free(w->buf);
        w->buf = nb;
    }
    w->buf[w->len++] = b;
}

static void bw_put(BitWriter *w, unsigned code, int width)
{
    w->acc |= (unsigned long)code << w->nbits;
    w->nbits += width;
    while (w->nbits >= 8) {
        bw_byte(w, (unsigned char)(w->acc & 0xffu));
        w->acc >>= 8;
        w->nbits -= 8;
    }
}

static void bw_flush(BitWriter *w)
{
    if (w->nbits > 0)
        bw_byte(w, (unsigned char)(w->acc & 0xffu));
    w->acc = 0;
    w->nbits = 0;
}

typedef struct {
    const unsigned char *buf;
    size_t len, pos;
    unsigned long acc;
    int nbits;
} BitReader;

/* Returns the next code, or -1 when the stream is exhausted. */
static long br_get(BitReader *r, int width)
{
    long v;
    while (r->nbits < width) {
        if (r->pos >= r->len)
            return -1;
        r->acc |= (unsigned long)r->buf[r->pos++] << r->nbits;
        r->nbits += 8;
    }
    v = (long)(r->acc & ((1UL << width) - 1));
    r->acc >>= width;
    r->nbits -= width;
    return v;
}

/* Smallest width (at least MIN_BITS) able to hold the value maxcode. */
static int code_width(unsigned maxcode)
{
    int w = MIN_BITS;
    while ((1u << w) <= maxcode)
        w++;
    return w;
}

/* ---------- encoder statistics ---------- */

typedef struct {
    unsigned long codes;   /* codes written, including clear and stop */
    unsigned long resets;  /* number of dictionary resets */
    unsigned long bits;    /* payload bits before the final byte padding */
} EncStats;

/* ---------- encoder 1: open-addressing hash table ---------- */

typedef struct {
    long *keys;      /* (prefix << 8) | byte, or -1 when empty */
    unsigned *vals;
    unsigned mask;
} HashDict;

static void hd_init(HashDict *d, int maxbits)
{
    unsigned size = 1u << (maxbits + 1);
    d->keys = xmalloc(sizeof(long) * size);
    d->vals = xmalloc(sizeof(unsigned) * size);
    d->mask = size - 1;
}

static void hd_clear(HashDict *d)
{
    unsigned i;
    for (i = 0; i <= d->mask; i++)
        d->keys[i] = -1;
}

static void hd_free(HashDict *d)
{
    free(d->keys);
    free(d->vals);
}

static unsigned hd_slot(const HashDict *d, long key)
{
    unsigned long h = (unsigned long)key * 2654435761UL;
    unsigned i = (unsigned)((h >> 7) & d->mask);
    while (d->keys[i] != -1 && d->keys[i] != key)
        i = (i + 1) & d->mask;
    return i;
}

static void encode_hash(const unsigned char *in, size_t n, int maxbits,
                        BitWriter *w, EncStats *st)
{
    HashDict d;
    unsigned limit = 1u << maxbits;
    unsigned next = FIRST_FREE;
    unsigned cur;
    size_t i;

    st->codes = st->resets = st->bits = 0;
    bw_init(w);
    if (n == 0) {
        bw_put(w, CODE_STOP, MIN_BITS);
        st->codes = 1;
        st->bits = MIN_BITS;
        bw_flush(w);
        return;
    }
    hd_init(&d, maxbits);
    hd_clear(&d);
    cur = in[0];
    for (i = 1; i < n; i++) {
        long key = ((long)cur << 8) | in[i];
        unsigned slot = hd_slot(&d, key);
        int wd;
        if (d.keys[slot] == key) {
            cur = d.vals[slot];
            continue;
        }
        wd = code_width(next - 1);
        bw_put(w, cur, wd);
        st->codes++;
        st->bits += (unsigned long)wd;
        if (next < limit) {
            d.keys[slot] = key;
            d.vals[slot] = next;
            next++;
        } else {
            bw_put(w, CODE_CLEAR, wd);
            st->codes++;
            st->bits += (unsigned long)wd;
            st->resets++;
            hd_clear(&d);
            next = FIRST_FREE;
        }
        cur = in[i];
    }
    {
        int wd = code_width(next - 1);
        bw_put(w, cur, wd);
        st->bits += (unsigned long)wd;
        /* the decoder adds one entry after reading the last data code */
        if (next < limit)
            next++;
        wd = code_width(next - 1);
        bw_put(w, CODE_STOP, wd);
        st->bits += (unsigned long)wd;
        st->codes += 2;
    }
    bw_flush(w);
    hd_free(&d);
}

/* ---------- encoder 2: trie with first-child / next-sibling links ---------- */

typedef struct {
    unsigned *child;    /* first child code, 0 if none */
    unsigned *sibling;  /* next sibling code, 0 if none */
    unsigned char *byte;
    unsigned root[256]; /* roots are the literal codes themselves */
} Trie;

static unsigned trie_find(const Trie *t, unsigned node, unsigned char c)
{
    unsigned k = t->child[node];
    while (k != 0) {
        if (t->byte[k] == c)
            return k;
        k = t->sibling[k];
    }
    return 0;
}

static void encode_trie(const unsigned char *in, size_t n, int maxbits,
                        BitWriter *w)
{
    Trie t;
    unsigned limit = 1u << maxbits;
    unsigned next = FIRST_FREE;
    unsigned cur, k;
    size_t i;

    bw_init(w);
    if (n == 0) {
        bw_put(w, CODE_STOP, MIN_BITS);
        bw_flush(w);
        return;
    }
    t.child = xmalloc(sizeof(unsigned) * limit);
    t.sibling = xmalloc(sizeof(unsigned) * limit);
    t.byte = xmalloc(limit);
    for (k = 0; k < limit; k++) {
        t.child[k] = 0;
        t.sibling[k] = 0;
        t.byte[k] = (unsigned char)(k & 0xffu);
    }
    for (k = 0; k < 256; k++)
        t.root[k] = k;
    cur = t.root[in[0]];
    for (i = 1; i < n; i++) {
        unsigned f = trie_find(&t, cur, in[i]);
        if (f != 0) {
            cur = f;
            continue;
        }
        bw_put(w, cur, code_width(next - 1));
        if (next < limit) {
            t.byte[next] = in[i];
            t.child[next] = 0;
            t.sibling[next] = t.child[cur];
            t.child[cur] = next;
            next++;
        } else {
            bw_put(w, CODE_CLEAR, code_width(next - 1));
            for (k = 0; k < limit; k++)
                t.child[k] = 0;
            next = FIRST_FREE;
        }
        cur = t.root[in[i]];
    }
    bw_put(w, cur, code_width(next - 1));
    if (next < limit)
        next++;
    bw_put(w, CODE_STOP, code_width(next - 1));
    bw_flush(w);
    free(t.child);
    free(t.sibling);
    free(t.byte);
}

/* ---------- decoder ---------- */

/*
 * Decodes a stream produced with the given maximum width into out, which
 * has room for cap bytes.  Returns the decoded length, or -1 on a
 * malformed stream or overflow.
 */
static long decode(const unsigned char *buf, size_t len, int maxbits,
                   unsigned char *out, size_t cap)
{
    unsigned limit = 1u << maxbits;
    unsigned *prefix = xmalloc(sizeof(unsigned) * limit);
    unsigned char *first = xmalloc(limit);
    unsigned char *last = xmalloc(limit);
    unsigned *length = xmalloc(sizeof(unsigned) * limit);
    BitReader r;
    unsigned next = FIRST_FREE;
    long prev = -1;
    size_t pos = 0;
    long result = -1;
    unsigned k;

    for (k = 0; k < 256; k++) {
        prefix[k] = 0;
        first[k] = (unsigned char)k;
        last[k] = (unsigned char)k;
        length[k] = 1;
    }
    r.buf = buf;
    r.len = len;
    r.pos = 0;
    r.acc = 0;
    r.nbits = 0;

    for (;;) {
        unsigned cap_next = next < limit - 1 ? next : limit - 1;
        long code = br_get(&r, code_width(cap_next));
        unsigned c, len_c, j;
        size_t p;
        if (code < 0)
            goto done;
        if (code == CODE_STOP)
            break;
        if (code == CODE_CLEAR) {
            next = FIRST_FREE;
            prev = -1;
            continue;
        }
        c = (unsigned)code;
        if (c >= 256 && c < FIRST_FREE)
            goto done;
        if (c > next || (c == next && prev < 0))
            goto done;
        if (c == next) {
            /* the string is prev followed by the first byte of prev */
            if (next >= limit)
                goto done;
            prefix[next] = (unsigned)prev;
            first[next] = first[prev];
            last[next] = first[prev];
            length[next] = length[prev] + 1;
            next++;
        } else if (prev >= 0 && next < limit) {
            prefix[next] = (unsigned)prev;
            first[next] = first[prev];
            last[next] = first[c];
            length[next] = length[prev] + 1;
            next++;
        }
        len_c = length[c];
        if (len_c > cap - pos)
            goto done;
        /* write the string for c backwards from its end */
        p = pos + len_c;
        j = c;
        while (p > pos) {
            out[--p] = last[j];
            j = prefix[j];
        }
        pos += len_c;
        prev = (long)c;
    }
    result = (long)pos;
done:
    free(prefix);
    free(first);
    free(last);
    free(length);
    return result;
}

/* ---------- input handling ---------- */

static unsigned char *read_all(const char *path, size_t *n)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    unsigned char *buf;
    size_t cap = 4096, len = 0;
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(1);
    }
    buf = xmalloc(cap);
    for (;;) {
        size_t got;
        if (len == cap) {
            unsigned char *nb = xmalloc(cap * 2);
            memcpy(nb, buf, len);
            free(buf);
            buf = nb;
            cap *= 2;
        }
        got = fread(buf + len, 1, cap - len, f);
        if (got == 0)
            break;
        len += got;
    }
    if (f != stdin)
        fclose(f);
    *n = len;
    return buf;
}

/*
 * Derives a variant of the input: a rotation, a few copied segments and
 * scattered byte substitutions drawn from the input's own bytes.
 */
static void make_variant(const unsigned char *in, size_t n, unsigned seed,
                         unsigned char *out)
{
    Rng rng;
    size_t i, k, off, edits;
    if (n == 0)
        return;
    if (seed == 0) {
        memcpy(out, in, n);
        return;
    }
    rng.s = 0x1234567ULL + 7919ULL * seed;
    off = rng_below(&rng, n);
    for (i = 0; i < n; i++)
        out[i] = in[(i + off) % n];
    edits = n / 97 + 1;
    for (k = 0; k < edits; k++)
        out[rng_below(&rng, n)] = in[rng_below(&rng, n)];
    for (k = 0; k < 4 && n > 64; k++) {
        size_t seg = 16 + rng_below(&rng, n / 8);
        size_t src = rng_below(&rng, n - seg);
        size_t dst = rng_below(&rng, n - seg);
        memmove(out + dst, out + src, seg);
    }
}

int main(int argc, char **argv)
{
    size_t n, total, c;
    unsigned char *input, *data, *back;
    unsigned long copies = 1;
    unsigned long combined = 0;
    int failures = 0;
    int wi;

    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: lzw FILE [COPIES]\n");
        return 2;
    }
    if (argc == 3) {
        copies = strtoul(argv[2], NULL, 10);
        if (copies == 0 || copies > 64)
            copies = 1;
    }
    input = read_all(argv[1], &n);
    total = n * (size_t)copies;
    data = xmalloc(total);
    back = xmalloc(total);
    for (c = 0; c < copies; c++)
        make_variant(input, n, (unsigned)c, data + c * n);

    printf("input: %lu bytes, adler32 %08lx\n", (unsigned long)n,
           adler32(input, n));
    printf("stream: %lu copies, %lu bytes, adler32 %08lx\n", copies,
           (unsigned long)total, adler32(data, total));
    for (wi = 0; wi < NUM_WIDTHS; wi++) {
        BitWriter w1, w2;
        EncStats st;
        long got;
        unsigned long h, bpc1000;
        encode_hash(data, total, widths[wi], &w1, &st);
        encode_trie(data, total, widths[wi], &w2);
        if (w1.len != w2.len || memcmp(w1.buf, w2.buf, w1.len) != 0) {
            printf("max %d bits: encoders disagree\n", widths[wi]);
            failures++;
        }
        got = decode(w1.buf, w1.len, widths[wi], back, total);
        if (got != (long)total || memcmp(back, data, total) != 0) {
            printf("max %d bits: round trip FAILED\n", widths[wi]);
            failures++;
        }
        h = fnv1a(w1.buf, w1.len);
        combined = (combined * 31UL + h) & 0xffffffffUL;
        bpc1000 = total ? (st.bits * 1000UL) / (unsigned long)total : 0;
        printf("max %2d bits: %7lu bytes, %6lu codes, %4lu resets, "
               "%lu.%03lu bits/char, fnv %08lx\n",
               widths[wi], (unsigned long)w1.len, st.codes, st.resets,
               bpc1000 / 1000UL, bpc1000 % 1000UL, h);
        free(w1.buf);
        free(w2.buf);
    }
    printf("combined checksum: %08lx\n", combined);
    printf("round trips: %s\n", failures == 0 ? "all ok" : "FAILED");
    free(input);
    free(data);
    free(back);
    return failures == 0 ? 0 : 1;
}
