/*
 * lz77: an LZ77 compressor with hash chains and lazy matching, and the
 * matching decompressors.
 *
 * Matches are 3..258 bytes long at distances 1..32768.  Candidate
 * positions are found through a hash of the next three bytes; all
 * positions with the same hash form a chain that is searched newest
 * first, up to a per-level chain limit.  Levels differ in chain limit,
 * "nice" length (stop searching once reached) and parsing strategy
 * (greedy, or lazy: defer a match by one byte when the next position has
 * a longer one).
 *
 * The token stream is written in two container formats:
 *   A: byte oriented, a flag byte before every group of eight tokens,
 *      literals as one byte, matches as length (1 byte) + distance (2).
 *   B: bit packed, literals as a 0 bit and 8 bits, matches as a 1 bit,
 *      an Elias-gamma coded length and a distance given by a 4-bit
 *      bit-count followed by the remaining bits.
 * Both are decoded and compared with the original.  The match finder is
 * also checked against an exhaustive search at sampled positions.
 *
 * Usage: lz77 FILE [ROUNDS]   (FILE may be "-" for standard input)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MIN_MATCH 3
#define MAX_MATCH 258
#define WINDOW 32768
#define WMASK (WINDOW - 1)
#define HASH_BITS 15
#define HASH_SIZE (1 << HASH_BITS)
#define NUM_LEVELS 5

/* ---------- utilities ---------- */

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return p;
}

static unsigned long crc_tab[256];

static void crc_init(void)
{
    unsigned long c;
    int i, k;
    for (i = 0; i < 256; i++) {
        c = (unsigned long)i;
        for (k = 0; k < 8; k++)
            c = (c & 1UL) ? (c >> 1) ^ 0xEDB88320UL : c >> 1;
        crc_tab[i] = c;
    }
}

static unsigned long crc32(const unsigned char *p, size_t n)
{
    unsigned long c = 0xffffffffUL;
    size_t i;
    for (i = 0; i < n; i++)
        c = crc_tab[(c ^ p[i]) & 0xffUL] ^ (c >> 8);
    return c ^ 0xffffffffUL;
}

typedef struct {
    unsigned long a, b, c, d;
} Rng; /* a small 32-bit generator (Jenkins' small fast PRNG) */

static unsigned long rot32(unsigned long x, int k)
{
    return ((x << k) | (x >> (32 - k))) & 0xffffffffUL;
}

static unsigned long rng_next(Rng *r)
{
    unsigned long e = (r->a - rot32(r->b, 27)) & 0xffffffffUL;
    r->a = r->b ^ rot32(r->c, 17);
    r->b = (r->c + r->d) & 0xffffffffUL;
    r->c = (r->d + e) & 0xffffffffUL;
    r->d = (e + r->a) & 0xffffffffUL;
    return r->d;
}

static void rng_seed(Rng *r, unsigned long seed)
{
    int i;
    r->a = 0xf1ea5eedUL;
    r->b = r->c = r->d = seed & 0xffffffffUL;
    for (i = 0; i < 20; i++)
        rng_next(r);
}

/* ---------- growable byte buffer ---------- */

typedef struct {
    unsigned char *p;
    size_t len, cap;
} Buf;

static void buf_init(Buf *b, size_t cap)
{
    b->cap = cap < 64 ? 64 : cap;
    b->p = xmalloc(b->cap);
    b->len = 0;
}

static void buf_push(Buf *b, unsigned char v)
{
    if (b->len == b->cap) {
        unsigned char *np = xmalloc(b->cap * 2);
        memcpy(np, b->p, b->len);
        free(b->p);
        b->p = np;
        b->cap *= 2;
    }
    b->p[b->len++] = v;
}

/* ---------- tokens ---------- */

typedef struct {
    unsigned short len;   /* 0 for a literal */
    unsigned short dist;  /* 1..WINDOW for a match */
    unsigned char lit;
} Token;

typedef struct {
    Token *t;
    size_t n, cap;
} TokenList;

static void tl_init(TokenList *l, size_t cap)
{
    l->cap = cap < 64 ? 64 : cap;
    l->t = xmalloc(sizeof(Token) * l->cap);
    l->n = 0;
}

static void tl_push(TokenList *l, unsigned len, unsigned dist, unsigned char lit)
{
    if (l->n == l->cap) {
        Token *nt = xmalloc(sizeof(Token) * l->cap * 2);
        memcpy(nt, l->t, sizeof(Token) * l->n);
        free(l->t);
        l->t = nt;
        l->cap *= 2;
    }
    l->t[l->n].len = (unsigned short)len;
    l->t[l->n].dist = (unsigned short)dist;
    l->t[l->n].lit = lit;
    l->n++;
}

/* ---------- match finder ---------- */

typedef struct {
    const unsigned char *data;
    size_t n;
    int *head;       /* newest position for each hash, or -1 */
    int *prev;       /* previous position with the same hash */
    unsigned long probes;
} Matcher;

typedef struct {
    int max_chain;   /* candidates examined per search */
    int nice_len;    /* stop searching at this length */
    int lazy;        /* 0 greedy, 1 lazy */
    int max_lazy;    /* take a match at once if at least this long */
    int good_len;    /* quarter the chain if the pending match is this long */
    const char *name;
} Level;

static const Level levels[NUM_LEVELS] = {
    { 4, 16, 0, 0, 0, "fast" },
    { 16, 32, 0, 0, 0, "greedy" },
    { 32, 64, 1, 16, 8, "lazy" },
    { 128, 128, 1, 64, 16, "better" },
    { 4096, MAX_MATCH, 1, MAX_MATCH, 32, "best" }
};

static void matcher_init(Matcher *m, const unsigned char *data, size_t n)
{
    int i;
    m->data = data;
    m->n = n;
    m->head = xmalloc(sizeof(int) * HASH_SIZE);
    m->prev = xmalloc(sizeof(int) * WINDOW);
    for (i = 0; i < HASH_SIZE; i++)
        m->head[i] = -1;
    for (i = 0; i < WINDOW; i++)
        m->prev[i] = -1;
    m->probes = 0;
}

static void matcher_free(Matcher *m)
{
    free(m->head);
    free(m->prev);
}

static unsigned hash3(const unsigned char *p)
{
    unsigned long v = ((unsigned long)p[0] << 16) | ((unsigned long)p[1] << 8) |
                      (unsigned long)p[2];
    return (unsigned)(((v * 2654435761UL) & 0xffffffffUL) >> (32 - HASH_BITS));
}

static void matcher_insert(Matcher *m, size_t pos)
{
    unsigned h;
    if (pos + MIN_MATCH > m->n)
        return;
    h = hash3(m->data + pos);
    m->prev[pos & WMASK] = m->head[h];
    m->head[h] = (int)pos;
}

/*
 * Longest match for pos among inserted positions (all of which must be
 * before pos).  Only matches longer than min_len are reported.  Returns
 * the length (0 if none) and stores the distance.
 */
static int longest_match(Matcher *m, size_t pos, int min_len, int chain,
                         int nice, int *dist)
{
    const unsigned char *d = m->data;
    int best = min_len < MIN_MATCH - 1 ? MIN_MATCH - 1 : min_len;
    int found = 0;
    int limit;
    long cur;

    *dist = 0;
    if (pos + MIN_MATCH > m->n)
        return 0;
    limit = (int)(m->n - pos < MAX_MATCH ? m->n - pos : MAX_MATCH);
    if (nice > limit)
        nice = limit;
    if (best >= limit)
        return 0;
    cur = m->head[hash3(d + pos)];
    while (cur >= 0 && chain-- > 0) {
        size_t c = (size_t)cur;
        long next;
        if (pos - c > WINDOW)
            break;
        m->probes++;
        if (d[c + (size_t)best] == d[pos + (size_t)best] && d[c] == d[pos] &&
            d[c + 1] == d[pos + 1]) {
            int len = 2;
            while (len < limit && d[c + (size_t)len] == d[pos + (size_t)len])
                len++;
            if (len > best) {
                best = len;
                found = 1;
                *dist = (int)(pos - c);
                if (len >= nice)
                    break;
            }
        }
        next = m->prev[c & WMASK];
        if (next >= cur)
            break;
        cur = next;
    }
    return found ? best : 0;
}

/* Exhaustive search for the longest match at pos within the window. */
static int brute_match(const unsigned char *d, size_t n, size_t pos, int *dist)
{
    size_t lo = pos > WINDOW ? pos - WINDOW : 0;
    size_t c;
    int best = 0;
    int limit = (int)(n - pos < MAX_MATCH ? n - pos : MAX_MATCH);
    *dist = 0;
    for (c = pos; c-- > lo;) {
        int len = 0;
        while (len < limit && d[c + (size_t)len] == d[pos + (size_t)len])
            len++;
        if (len > best) {
            best = len;
            *dist = (int)(pos - c);
        }
    }
    return best >= MIN_MATCH ? best : 0;
}

/* ---------- parsing ---------- */

static void insert_range(Matcher *m, size_t from, size_t to)
{
    size_t p;
    for (p = from; p < to; p++)
        matcher_insert(m, p);
}

static void parse_greedy(Matcher *m, const Level *lv, TokenList *out)
{
    size_t pos = 0, n = m->n;
    while (pos < n) {
        int dist;
        int len = longest_match(m, pos, 0, lv->max_chain, lv->nice_len, &dist);
        matcher_insert(m, pos);
        if (len >= MIN_MATCH) {
            tl_push(out, (unsigned)len, (unsigned)dist, 0);
            insert_range(m, pos + 1, pos + (size_t)len);
            pos += (size_t)len;
        } else {
            tl_push(out, 0, 0, m->data[pos]);
            pos++;
        }
    }
}

static void parse_lazy(Matcher *m, const Level *lv, TokenList *out)
{
    size_t pos = 0, n = m->n;
    int have_pending = 0, pend_len = 0, pend_dist = 0;

    while (pos < n) {
        int dist = 0, len, chain = lv->max_chain;
        if (have_pending && pend_len >= lv->good_len)
            chain = chain / 4 > 0 ? chain / 4 : 1;
        len = longest_match(m, pos, have_pending ? pend_len : 0, chain,
                            lv->nice_len, &dist);
        matcher_insert(m, pos);
        if (have_pending) {
            if (len > pend_len) {
                /* the later match wins: the pending byte becomes a literal */
                tl_push(out, 0, 0, m->data[pos - 1]);
                if (len >= lv->max_lazy) {
                    tl_push(out, (unsigned)len, (unsigned)dist, 0);
                    insert_range(m, pos + 1, pos + (size_t)len);
                    pos += (size_t)len;
                    have_pending = 0;
                } else {
                    pend_len = len;
                    pend_dist = dist;
                    pos++;
                }
            } else {
                size_t start = pos - 1;
                tl_push(out, (unsigned)pend_len, (unsigned)pend_dist, 0);
                insert_range(m, pos + 1, start + (size_t)pend_len);
                pos = start + (size_t)pend_len;
                have_pending = 0;
            }
            continue;
        }
        if (len >= MIN_MATCH) {
            if (len >= lv->max_lazy) {
                tl_push(out, (unsigned)len, (unsigned)dist, 0);
                insert_range(m, pos + 1, pos + (size_t)len);
                pos += (size_t)len;
            } else {
                have_pending = 1;
                pend_len = len;
                pend_dist = dist;
                pos++;
            }
        } else {
            tl_push(out, 0, 0, m->data[pos]);
            pos++;
        }
    }
    if (have_pending) /* cannot happen: a pending match ends inside the data */
        tl_push(out, (unsigned)pend_len, (unsigned)pend_dist, 0);
}

static void compress_tokens(const unsigned char *data, size_t n,
                            const Level *lv, TokenList *out,
                            unsigned long *probes)
{
    Matcher m;
    matcher_init(&m, data, n);
    tl_init(out, n / 4 + 16);
    if (lv->lazy)
        parse_lazy(&m, lv, out);
    else
        parse_greedy(&m, lv, out);
    *probes = m.probes;
    matcher_free(&m);
}

/* Rebuilds the data from tokens; returns the length or -1 if invalid. */
static long apply_tokens(const TokenList *tl, unsigned char *out, size_t cap)
{
    size_t i, k = 0;
    for (i = 0; i < tl->n; i++) {
        const Token *t = &tl->t[i];
        if (t->len == 0) {
            if (k >= cap)
                return -1;
            out[k++] = t->lit;
        } else {
            size_t j;
            if (t->dist == 0 || t->dist > k || t->len > cap - k)
                return -1;
            for (j = 0; j < t->len; j++, k++)
                out[k] = out[k - t->dist];
        }
    }
    return (long)k;
}

/* ---------- format A: byte oriented ---------- */

static void write_a(const TokenList *tl, Buf *out)
{
    size_t i = 0;
    buf_init(out, tl->n * 2 + 16);
    while (i < tl->n) {
        size_t flag_at = out->len, g;
        unsigned flags = 0;
        buf_push(out, 0);
        for (g = 0; g < 8 && i < tl->n; g++, i++) {
            const Token *t = &tl->t[i];
            if (t->len == 0) {
                buf_push(out, t->lit);
            } else {
                unsigned d = (unsigned)t->dist - 1;
                flags |= 1u << g;
                buf_push(out, (unsigned char)(t->len - MIN_MATCH));
                buf_push(out, (unsigned char)(d & 0xffu));
                buf_push(out, (unsigned char)(d >> 8));
            }
        }
        out->p[flag_at] = (unsigned char)flags;
    }
}

/* Decodes format A given the original length; returns length or -1. */
static long read_a(const unsigned char *in, size_t len, unsigned char *out,
                   size_t n)
{
    size_t i = 0, k = 0;
    while (k < n) {
        unsigned flags;
        int g;
        if (i >= len)
            return -1;
        flags = in[i++];
        for (g = 0; g < 8 && k < n; g++) {
            if (flags & (1u << g)) {
                size_t ml, d, j;
                if (i + 3 > len)
                    return -1;
                ml = (size_t)in[i] + MIN_MATCH;
                d = ((size_t)in[i + 1] | ((size_t)in[i + 2] << 8)) + 1;
                i += 3;
                if (d > k || ml > n - k)
                    return -1;
                for (j = 0; j < ml; j++, k++)
                    out[k] = out[k - d];
            } else {
                if (i >= len)
                    return -1;
                out[k++] = in[i++];
            }
        }
    }
    return i == len ? (long)k : -1;
}

/* ---------- format B: bit packed ---------- */

typedef struct {
    Buf b;
    unsigned long acc;
    int nbits;
} BitOut;

static void bo_put(BitOut *w, unsigned long v, int n)
{
    /* least significant bit first; n is at most 16 */
    w->acc |= v << w->nbits;
    w->nbits += n;
    while (w->nbits >= 8) {
        buf_push(&w->b, (unsigned char)(w->acc & 0xffu));
        w->acc >>= 8;
        w->nbits -= 8;
    }
}

static int bit_count(unsigned long v)
{
    int k = 0;
    while (v) {
        k++;
        v >>= 1;
    }
    return k;
}

/* Elias gamma code of v >= 1: (bits-1) zeros, then v from its top bit. */
static void put_gamma(BitOut *w, unsigned long v)
{
    int nb = bit_count(v), i;
    bo_put(w, 0, nb - 1);
    for (i = nb - 1; i >= 0; i--)
        bo_put(w, (v >> i) & 1UL, 1);
}

static void write_b(const TokenList *tl, Buf *out, unsigned long *bits)
{
    BitOut w;
    size_t i;
    buf_init(&w.b, tl->n + 16);
    w.acc = 0;
    w.nbits = 0;
    for (i = 0; i < tl->n; i++) {
        const Token *t = &tl->t[i];
        if (t->len == 0) {
            bo_put(&w, 0, 1);
            bo_put(&w, t->lit, 8);
        } else {
            unsigned long d = (unsigned long)t->dist - 1;
            int nb = bit_count(d);
            bo_put(&w, 1, 1);
            put_gamma(&w, (unsigned long)t->len - (MIN_MATCH - 1));
            bo_put(&w, (unsigned long)nb, 4);
            if (nb > 1)
                bo_put(&w, d & ((1UL << (nb - 1)) - 1), nb - 1);
        }
    }
    *bits = (unsigned long)w.b.len * 8UL + (unsigned long)w.nbits;
    if (w.nbits > 0)
        bo_put(&w, 0, 8 - w.nbits);
    *out = w.b;
}

typedef struct {
    const unsigned char *p;
    size_t len, pos;  /* pos in bits */
} BitIn;

static long bi_get(BitIn *r, int n)
{
    unsigned long v = 0;
    int i;
    if (r->pos + (size_t)n > r->len * 8)
        return -1;
    for (i = 0; i < n; i++, r->pos++)
        v |= (unsigned long)((r->p[r->pos >> 3] >> (r->pos & 7)) & 1) << i;
    return (long)v;
}

static long get_gamma(BitIn *r)
{
    int zeros = 0, i;
    unsigned long v = 1;
    for (;;) {
        long b = bi_get(r, 1);
        if (b < 0)
            return -1;
        if (b == 1)
            break;
        if (++zeros > 16)
            return -1;
    }
    for (i = 0; i < zeros; i++) {
        long b = bi_get(r, 1);
        if (b < 0)
            return -1;
        v = (v << 1) | (unsigned long)b;
    }
    return (long)v;
}

static long read_b(const unsigned char *in, size_t len, unsigned char *out,
                   size_t n)
{
    BitIn r;
    size_t k = 0;
    r.p = in;
    r.len = len;
    r.pos = 0;
    while (k < n) {
        long flag = bi_get(&r, 1);
        if (flag < 0)
            return -1;
        if (flag == 0) {
            long c = bi_get(&r, 8);
            if (c < 0)
                return -1;
            out[k++] = (unsigned char)c;
        } else {
            long g = get_gamma(&r), nb, d, j;
            size_t ml;
            if (g < 1)
                return -1;
            ml = (size_t)g + (MIN_MATCH - 1);
            nb = bi_get(&r, 4);
            if (nb < 0)
                return -1;
            if (nb == 0) {
                d = 0;
            } else if (nb == 1) {
                d = 1;
            } else {
                long rest = bi_get(&r, (int)nb - 1);
                if (rest < 0)
                    return -1;
                d = (1L << (nb - 1)) | rest;
            }
            d += 1;
            if ((size_t)d > k || ml > n - k)
                return -1;
            for (j = 0; j < (long)ml; j++, k++)
                out[k] = out[k - (size_t)d];
        }
    }
    /* only padding may remain */
    return (r.len * 8 - r.pos < 8) ? (long)k : -1;
}

/* ---------- statistics ---------- */

typedef struct {
    unsigned long literals, matches, match_bytes, dist_sum;
    unsigned long len_hist[4];  /* 3-4, 5-8, 9-32, 33-258 */
} TokenStats;

static void token_stats(const TokenList *tl, TokenStats *s)
{
    size_t i;
    memset(s, 0, sizeof(*s));
    for (i = 0; i < tl->n; i++) {
        const Token *t = &tl->t[i];
        if (t->len == 0) {
            s->literals++;
            continue;
        }
        s->matches++;
        s->match_bytes += t->len;
        s->dist_sum += t->dist;
        if (t->len <= 4)
            s->len_hist[0]++;
        else if (t->len <= 8)
            s->len_hist[1]++;
        else if (t->len <= 32)
            s->len_hist[2]++;
        else
            s->len_hist[3]++;
    }
}

/* Prints a ratio a/b with three decimals using integer arithmetic. */
static void print_ratio(unsigned long a, unsigned long b)
{
    unsigned long q;
    if (b == 0) {
        printf("0.000");
        return;
    }
    q = (a * 1000UL + b / 2) / b;
    printf("%lu.%03lu", q / 1000UL, q % 1000UL);
}

/* ---------- one full compression round trip ---------- */

typedef struct {
    size_t tokens;
    size_t size_a, size_b;
    unsigned long bits_b;
    unsigned long crc_a, crc_b;
    unsigned long probes;
    TokenStats st;
    int ok;
} LevelResult;

static void run_level(const unsigned char *data, size_t n, const Level *lv,
                      unsigned char *scratch, LevelResult *res)
{
    TokenList tl;
    Buf a, b;
    long got;

    compress_tokens(data, n, lv, &tl, &res->probes);
    token_stats(&tl, &res->st);
    res->tokens = tl.n;
    res->ok = res->st.literals + res->st.match_bytes == n;

    got = apply_tokens(&tl, scratch, n);
    res->ok = res->ok && got == (long)n && memcmp(scratch, data, n) == 0;

    write_a(&tl, &a);
    res->size_a = a.len;
    res->crc_a = crc32(a.p, a.len);
    memset(scratch, 0, n);
    got = read_a(a.p, a.len, scratch, n);
    res->ok = res->ok && got == (long)n && memcmp(scratch, data, n) == 0;

    write_b(&tl, &b, &res->bits_b);
    res->size_b = b.len;
    res->crc_b = crc32(b.p, b.len);
    memset(scratch, 0, n);
    got = read_b(b.p, b.len, scratch, n);
    res->ok = res->ok && got == (long)n && crc32(scratch, n) == crc32(data, n);

    free(a.p);
    free(b.p);
    free(tl.t);
}

/*
 * Compares the hash-chain finder with an unlimited chain against the
 * exhaustive search at every step-th position.  Returns the number of
 * disagreements and stores the number of positions checked.
 */
static int check_finder(const unsigned char *data, size_t n, size_t step,
                        int *checked)
{
    Matcher m;
    size_t pos;
    int bad = 0;
    matcher_init(&m, data, n);
    *checked = 0;
    for (pos = 0; pos < n; pos++) {
        if (pos % step == 0) {
            int d1, d2;
            int l1 = longest_match(&m, pos, 0, WINDOW + 1, MAX_MATCH, &d1);
            int l2 = brute_match(data, n, pos, &d2);
            /* lengths must agree; the hash finder picks the nearest match */
            if (l1 != l2 || (l1 > 0 && d1 != d2))
                bad++;
            (*checked)++;
        }
        matcher_insert(&m, pos);
    }
    matcher_free(&m);
    return bad;
}

/* ---------- input and variants ---------- */

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
 * Variant for a round: the input's lines are emitted in a seeded random
 * order until the original length is reached, with some digits changed.
 */
static void make_variant(const unsigned char *in, size_t n, unsigned long seed,
                         unsigned char *out)
{
    Rng rng;
    size_t *starts, nlines = 0, i, k = 0;
    if (n == 0)
        return;
    starts = xmalloc(sizeof(size_t) * (n + 1));
    starts[nlines++] = 0;
    for (i = 0; i + 1 < n; i++)
        if (in[i] == '\n')
            starts[nlines++] = i + 1;
    rng_seed(&rng, seed);
    while (k < n) {
        size_t li = (size_t)(rng_next(&rng) % (unsigned long)nlines);
        size_t s = starts[li];
        size_t e = li + 1 < nlines ? starts[li + 1] : n;
        for (i = s; i < e && k < n; i++) {
            unsigned char c = in[i];
            if (c >= '0' && c <= '9' && (rng_next(&rng) & 7) == 0)
                c = (unsigned char)('0' + rng_next(&rng) % 10);
            out[k++] = c;
        }
    }
    free(starts);
}

int main(int argc, char **argv)
{
    size_t n;
    unsigned char *input, *data, *scratch;
    unsigned long rounds = 0, r;
    unsigned long tot_in = 0, tot_a[NUM_LEVELS], tot_b[NUM_LEVELS];
    unsigned long combined = 0;
    int failures = 0, li, checked, bad;

    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: lz77 FILE [ROUNDS]\n");
        return 2;
    }
    if (argc == 3)
        rounds = strtoul(argv[2], NULL, 10);
    crc_init();
    input = read_all(argv[1], &n);
    data = xmalloc(n);
    scratch = xmalloc(n);
    for (li = 0; li < NUM_LEVELS; li++)
        tot_a[li] = tot_b[li] = 0;

    printf("input: %lu bytes, crc32 %08lx\n", (unsigned long)n,
           crc32(input, n));
    bad = check_finder(input, n, n / 61 + 1, &checked);
    printf("match finder vs exhaustive search: %d positions, %d mismatches\n",
           checked, bad);
    failures += bad;

    for (li = 0; li < NUM_LEVELS; li++) {
        LevelResult res;
        const TokenStats *s = &res.st;
        run_level(input, n, &levels[li], scratch, &res);
        if (!res.ok)
            failures++;
        printf("level %d (%s): %lu tokens, %lu literals, %lu matches, "
               "avg len ", li + 1, levels[li].name, (unsigned long)res.tokens,
               s->literals, s->matches);
        print_ratio(s->match_bytes, s->matches);
        printf(", avg dist ");
        print_ratio(s->dist_sum, s->matches);
        printf("\n  lengths 3-4:%lu 5-8:%lu 9-32:%lu 33+:%lu, probes %lu\n",
               s->len_hist[0], s->len_hist[1], s->len_hist[2], s->len_hist[3],
               res.probes);
        printf("  format A %lu bytes (crc %08lx), format B %lu bytes, "
               "%lu bits (crc %08lx), ratio ",
               (unsigned long)res.size_a, res.crc_a, (unsigned long)res.size_b,
               res.bits_b, res.crc_b);
        print_ratio((unsigned long)res.size_b, (unsigned long)n);
        printf(", %s\n", res.ok ? "ok" : "FAILED");
    }

    for (r = 0; r < rounds; r++) {
        make_variant(input, n, 1000UL + r, data);
        tot_in += (unsigned long)n;
        for (li = 0; li < NUM_LEVELS; li++) {
            LevelResult res;
            run_level(data, n, &levels[li], scratch, &res);
            if (!res.ok)
                failures++;
            tot_a[li] += (unsigned long)res.size_a;
            tot_b[li] += (unsigned long)res.size_b;
            combined = (combined * 131UL + res.crc_b) & 0xffffffffUL;
        }
    }
    if (rounds > 0) {
        printf("rounds: %lu, input %lu bytes\n", rounds, tot_in);
        for (li = 0; li < NUM_LEVELS; li++) {
            printf("  level %d: format A %lu bytes, format B %lu bytes, ratio ",
                   li + 1, tot_a[li], tot_b[li]);
            print_ratio(tot_b[li], tot_in);
            printf("\n");
        }
        printf("combined crc: %08lx\n", combined);
    }
    printf("round trips: %s\n", failures ? "FAILED" : "all ok");
    free(input);
    free(data);
    free(scratch);
    return failures ? 1 : 0;
}
