/*
 * huffman: canonical Huffman coding of a text.
 *
 * Code lengths come from a Huffman tree built with a binary min-heap.
 * They are then limited to a maximum length with a Kraft-sum repair
 * heuristic; the optimal length-limited cost from the package-merge
 * algorithm is computed as a reference.  Canonical codes are assigned,
 * the text (plus an end-of-block symbol) is encoded to a bit stream, and
 * decoded again by two independent decoders: a bit-serial canonical
 * decoder and a table-driven decoder.
 *
 * Usage: huffman FILE [ROUNDS]   (FILE may be "-" for standard input)
 *
 * The first part prints a detailed report for the whole input.  Each
 * round then re-codes a derived variant of the input in blocks of a
 * round-dependent size, and a summary of all rounds is printed.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NSYM 257           /* 256 byte values and the end-of-block symbol */
#define EOB 256
#define MAX_LEN 32         /* hard bound for any code length */
#define TABLE_BITS 9       /* width of the fast decoding table */

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

static unsigned long crc_table[256];

static void crc_init(void)
{
    unsigned long i, c;
    int k;
    for (i = 0; i < 256; i++) {
        c = i;
        for (k = 0; k < 8; k++)
            c = (c & 1UL) ? 0xEDB88320UL ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static unsigned long crc32_update(unsigned long crc, const unsigned char *p,
                                  size_t n)
{
    size_t i;
    crc ^= 0xffffffffUL;
    for (i = 0; i < n; i++)
        crc = crc_table[(crc ^ p[i]) & 0xffUL] ^ (crc >> 8);
    return crc ^ 0xffffffffUL;
}

typedef struct {
    unsigned long long s;
} Rng;

static unsigned long long rng_next(Rng *r)
{
    /* xorshift64* */
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 2685821657736338717ULL;
}

static size_t rng_below(Rng *r, size_t n)
{
    return (size_t)((rng_next(r) >> 11) % (unsigned long long)n);
}

/* ---------- binary min-heap of tree nodes ---------- */

typedef struct {
    unsigned long weight;
    int id;        /* tie-breaker: leaves by symbol, then creation order */
    int parent;
} Node;

typedef struct {
    int items[2 * NSYM];
    int size;
    const Node *nodes;
} Heap;

static int node_less(const Node *nodes, int a, int b)
{
    if (nodes[a].weight != nodes[b].weight)
        return nodes[a].weight < nodes[b].weight;
    return nodes[a].id < nodes[b].id;
}

static void heap_push(Heap *h, int v)
{
    int i = h->size++;
    h->items[i] = v;
    while (i > 0) {
        int p = (i - 1) / 2;
        if (!node_less(h->nodes, h->items[i], h->items[p]))
            break;
        h->items[i] = h->items[p];
        h->items[p] = v;
        i = p;
    }
}

static int heap_pop(Heap *h)
{
    int top = h->items[0];
    int i = 0;
    h->items[0] = h->items[--h->size];
    for (;;) {
        int l = 2 * i + 1, r = l + 1, m = i, t;
        if (l < h->size && node_less(h->nodes, h->items[l], h->items[m]))
            m = l;
        if (r < h->size && node_less(h->nodes, h->items[r], h->items[m]))
            m = r;
        if (m == i)
            break;
        t = h->items[i];
        h->items[i] = h->items[m];
        h->items[m] = t;
        i = m;
    }
    return top;
}

/* ---------- code lengths ---------- */

/* Huffman code lengths; returns the longest length (0 if no symbols). */
static int huffman_lengths(const unsigned long *freq, int *len)
{
    Node nodes[2 * NSYM];
    Heap h;
    int leaf_of[NSYM];
    int nnodes = 0, s, maxlen = 0;

    h.size = 0;
    h.nodes = nodes;
    for (s = 0; s < NSYM; s++) {
        len[s] = 0;
        leaf_of[s] = -1;
        if (freq[s] == 0)
            continue;
        nodes[nnodes].weight = freq[s];
        nodes[nnodes].id = s;
        nodes[nnodes].parent = -1;
        leaf_of[s] = nnodes;
        heap_push(&h, nnodes);
        nnodes++;
    }
    if (nnodes == 0)
        return 0;
    if (nnodes == 1) {
        for (s = 0; s < NSYM; s++)
            if (leaf_of[s] >= 0)
                len[s] = 1;
        return 1;
    }
    while (h.size > 1) {
        int a = heap_pop(&h);
        int b = heap_pop(&h);
        nodes[nnodes].weight = nodes[a].weight + nodes[b].weight;
        nodes[nnodes].id = NSYM + nnodes;
        nodes[nnodes].parent = -1;
        nodes[a].parent = nnodes;
        nodes[b].parent = nnodes;
        heap_push(&h, nnodes);
        nnodes++;
    }
    for (s = 0; s < NSYM; s++) {
        int d = 0, k = leaf_of[s];
        if (k < 0)
            continue;
        while (nodes[k].parent >= 0) {
            k = nodes[k].parent;
            d++;
        }
        len[s] = d;
        if (d > maxlen)
            maxlen = d;
    }
    return maxlen;
}

/*
 * Limits all lengths to maxlen.  Over-long codes are cut to maxlen, the
 * Kraft sum is repaired by lengthening the cheapest codes, and leftover
 * slack is spent on shortening the most frequent codes.
 */
static void limit_lengths(const unsigned long *freq, int *len, int maxlen)
{
    unsigned long long kraft = 0, one = 1ULL << maxlen;
    int s;

    for (s = 0; s < NSYM; s++) {
        if (len[s] > maxlen)
            len[s] = maxlen;
        if (len[s] > 0)
            kraft += 1ULL << (maxlen - len[s]);
    }
    while (kraft > one) {
        int best = -1;
        for (s = 0; s < NSYM; s++) {
            if (len[s] == 0 || len[s] >= maxlen)
                continue;
            if (best < 0 || len[s] > len[best] ||
                (len[s] == len[best] && freq[s] <= freq[best]))
                best = s;
        }
        if (best < 0)
            break; /* cannot happen when 2^maxlen >= symbol count */
        kraft -= 1ULL << (maxlen - len[best] - 1);
        len[best]++;
    }
    for (;;) {
        int best = -1;
        for (s = 0; s < NSYM; s++) {
            unsigned long long gain;
            if (len[s] <= 1)
                continue;
            gain = 1ULL << (maxlen - len[s]);
            if (kraft + gain > one)
                continue;
            if (best < 0 || freq[s] > freq[best])
                best = s;
        }
        if (best < 0)
            break;
        kraft += 1ULL << (maxlen - len[best]);
        len[best]--;
    }
}

/* Items of the package-merge lists. */
typedef struct {
    unsigned long long weight;
    int sym;        /* leaf symbol, or -1 for a package */
    int a, b;       /* children in the previous list for a package */
} PmItem;

static void pm_count(PmItem **lists, int level, int idx, int *len)
{
    const PmItem *it = &lists[level][idx];
    if (it->sym >= 0) {
        len[it->sym]++;
        return;
    }
    pm_count(lists, level - 1, it->a, len);
    pm_count(lists, level - 1, it->b, len);
}

/*
 * Optimal length-limited code lengths by package-merge.  Returns 0 on
 * success, -1 if maxlen is too small for the number of symbols.
 */
static int package_merge(const unsigned long *freq, int maxlen, int *len)
{
    int syms[NSYM];
    int n = 0, s, i, j, level;
    PmItem *lists[MAX_LEN];
    int sizes[MAX_LEN];

    for (s = 0; s < NSYM; s++) {
        len[s] = 0;
        if (freq[s] > 0)
            syms[n++] = s;
    }
    if (n == 0)
        return 0;
    if (n == 1) {
        len[syms[0]] = 1;
        return 0;
    }
    if (maxlen < 1 || maxlen > MAX_LEN || (maxlen < 31 && (1 << maxlen) < n))
        return -1;
    /* sort used symbols by weight, then symbol (insertion sort) */
    for (i = 1; i < n; i++) {
        int v = syms[i];
        j = i - 1;
        while (j >= 0 && (freq[syms[j]] > freq[v] ||
                          (freq[syms[j]] == freq[v] && syms[j] > v))) {
            syms[j + 1] = syms[j];
            j--;
        }
        syms[j + 1] = v;
    }
    for (level = 0; level < maxlen; level++) {
        int npk = level == 0 ? 0 : sizes[level - 1] / 2;
        int li = 0, pi = 0, k = 0;
        lists[level] = xmalloc(sizeof(PmItem) * (size_t)(n + npk));
        while (li < n || pi < npk) {
            PmItem it;
            unsigned long long pw = 0;
            if (pi < npk)
                pw = lists[level - 1][2 * pi].weight +
                     lists[level - 1][2 * pi + 1].weight;
            if (li < n && (pi >= npk || freq[syms[li]] <= pw)) {
                it.weight = freq[syms[li]];
                it.sym = syms[li];
                it.a = it.b = -1;
                li++;
            } else {
                it.weight = pw;
                it.sym = -1;
                it.a = 2 * pi;
                it.b = 2 * pi + 1;
                pi++;
            }
            lists[level][k++] = it;
        }
        sizes[level] = k;
    }
    for (i = 0; i < 2 * n - 2; i++)
        pm_count(lists, maxlen - 1, i, len);
    for (level = 0; level < maxlen; level++)
        free(lists[level]);
    return 0;
}

static unsigned long long code_cost(const unsigned long *freq, const int *len)
{
    unsigned long long c = 0;
    int s;
    for (s = 0; s < NSYM; s++)
        c += (unsigned long long)freq[s] * (unsigned long long)len[s];
    return c;
}

/* Kraft sum scaled by 2^MAX_LEN; a complete code gives exactly 2^MAX_LEN. */
static unsigned long long kraft_sum(const int *len)
{
    unsigned long long k = 0;
    int s;
    for (s = 0; s < NSYM; s++)
        if (len[s] > 0)
            k += 1ULL << (MAX_LEN - len[s]);
    return k;
}

/* ---------- canonical code ---------- */

typedef struct {
    int len[NSYM];
    unsigned long code[NSYM];
    int maxlen;
    int count[MAX_LEN + 1];          /* codes of each length */
    unsigned long first[MAX_LEN + 1];/* first code of each length */
    int offset[MAX_LEN + 1];         /* index into sorted[] */
    int sorted[NSYM];                /* symbols by (length, symbol) */
    /* fast table: entry = symbol * 64 + length, or -1 for long codes */
    int table[1 << TABLE_BITS];
} Canon;

static void canon_build(Canon *c, const int *len)
{
    int s, l, k = 0;
    unsigned long code = 0;

    c->maxlen = 0;
    for (l = 0; l <= MAX_LEN; l++)
        c->count[l] = 0;
    for (s = 0; s < NSYM; s++) {
        c->len[s] = len[s];
        c->count[len[s]]++;
        if (len[s] > c->maxlen)
            c->maxlen = len[s];
    }
    c->count[0] = 0;
    for (l = 1; l <= MAX_LEN; l++) {
        c->first[l] = code;
        c->offset[l] = k;
        for (s = 0; s < NSYM; s++)
            if (len[s] == l)
                c->sorted[k++] = s;
        code = (code + (unsigned long)c->count[l]) << 1;
    }
    for (l = 1; l <= MAX_LEN; l++) {
        int i;
        for (i = 0; i < c->count[l]; i++)
            c->code[c->sorted[c->offset[l] + i]] = c->first[l] + (unsigned long)i;
    }
    for (s = 0; s < NSYM; s++)
        if (len[s] == 0)
            c->code[s] = 0;
    for (k = 0; k < (1 << TABLE_BITS); k++)
        c->table[k] = -1;
    for (s = 0; s < NSYM; s++) {
        if (len[s] == 0 || len[s] > TABLE_BITS)
            continue;
        {
            int shift = TABLE_BITS - len[s];
            unsigned long base = c->code[s] << shift;
            unsigned long j;
            for (j = 0; j < (1UL << shift); j++)
                c->table[base + j] = s * 64 + len[s];
        }
    }
}

/* ---------- bit streams (most significant bit first) ---------- */

typedef struct {
    unsigned char *buf;
    size_t len, cap;
    unsigned long long acc;
    int nbits;
} BitWriter;

static void bw_init(BitWriter *w, size_t cap)
{
    w->cap = cap < 16 ? 16 : cap;
    w->buf = xmalloc(w->cap);
    w->len = 0;
    w->acc = 0;
    w->nbits = 0;
}

static void bw_put(BitWriter *w, unsigned long code, int n)
{
    w->acc = (w->acc << n) | code;
    w->nbits += n;
    while (w->nbits >= 8) {
        if (w->len == w->cap) {
            unsigned char *nb = xmalloc(w->cap * 2);
            memcpy(nb, w->buf, w->len);
            free(w->buf);
            w->buf = nb;
            w->cap *= 2;
        }
        w->nbits -= 8;
        w->buf[w->len++] = (unsigned char)((w->acc >> w->nbits) & 0xffu);
    }
    w->acc &= (1ULL << w->nbits) - 1;
}

static void bw_flush(BitWriter *w)
{
    if (w->nbits > 0)
        bw_put(w, 0, 8 - w->nbits);
}

typedef struct {
    const unsigned char *buf;
    size_t len, pos;   /* pos counts bits */
} BitReader;

static int br_bit(BitReader *r)
{
    int b;
    if (r->pos >= r->len * 8)
        return -1;
    b = (r->buf[r->pos >> 3] >> (7 - (r->pos & 7))) & 1;
    r->pos++;
    return b;
}

/* Peeks n bits (zero-padded past the end). */
static unsigned long br_peek(const BitReader *r, int n)
{
    unsigned long v = 0;
    size_t p = r->pos;
    int i;
    for (i = 0; i < n; i++, p++) {
        int b = 0;
        if (p < r->len * 8)
            b = (r->buf[p >> 3] >> (7 - (p & 7))) & 1;
        v = (v << 1) | (unsigned long)b;
    }
    return v;
}

/* ---------- encode / decode ---------- */

static void encode(const Canon *c, const unsigned char *in, size_t n,
                   BitWriter *w)
{
    size_t i;
    for (i = 0; i < n; i++)
        bw_put(w, c->code[in[i]], c->len[in[i]]);
    bw_put(w, c->code[EOB], c->len[EOB]);
}

/* Reads one symbol bit by bit starting from the given partial code. */
static int decode_slow(const Canon *c, BitReader *r, unsigned long code,
                       int have)
{
    int l;
    for (l = have + 1; l <= c->maxlen; l++) {
        int b = br_bit(r);
        if (b < 0)
            return -1;
        code = (code << 1) | (unsigned long)b;
        if (code - c->first[l] < (unsigned long)c->count[l] &&
            code >= c->first[l])
            return c->sorted[c->offset[l] + (int)(code - c->first[l])];
    }
    return -1;
}

/* Bit-serial canonical decoder; returns decoded length or -1. */
static long decode_serial(const Canon *c, const unsigned char *buf,
                          size_t len, unsigned char *out, size_t cap)
{
    BitReader r;
    size_t n = 0;
    r.buf = buf;
    r.len = len;
    r.pos = 0;
    for (;;) {
        int s = decode_slow(c, &r, 0, 0);
        if (s < 0)
            return -1;
        if (s == EOB)
            return (long)n;
        if (n >= cap)
            return -1;
        out[n++] = (unsigned char)s;
    }
}

/* Table-driven decoder with a bit-serial fallback for long codes. */
static long decode_table(const Canon *c, const unsigned char *buf,
                         size_t len, unsigned char *out, size_t cap)
{
    BitReader r;
    size_t n = 0;
    r.buf = buf;
    r.len = len;
    r.pos = 0;
    for (;;) {
        unsigned long bits = br_peek(&r, TABLE_BITS);
        int e = c->table[bits];
        int s;
        if (e >= 0) {
            r.pos += (size_t)(e & 63);
            if (r.pos > r.len * 8)
                return -1;
            s = e >> 6;
        } else {
            if (r.pos + TABLE_BITS > r.len * 8)
                return -1;
            r.pos += TABLE_BITS;
            s = decode_slow(c, &r, bits, TABLE_BITS);
            if (s < 0)
                return -1;
        }
        if (s == EOB)
            return (long)n;
        if (n >= cap)
            return -1;
        out[n++] = (unsigned char)s;
    }
}

/* ---------- block coding ---------- */

static void count_freqs(const unsigned char *in, size_t n, unsigned long *freq)
{
    size_t i;
    int s;
    for (s = 0; s < NSYM; s++)
        freq[s] = 0;
    for (i = 0; i < n; i++)
        freq[in[i]]++;
    freq[EOB] = 1;
}

static int used_symbols(const unsigned long *freq)
{
    int s, k = 0;
    for (s = 0; s < NSYM; s++)
        if (freq[s])
            k++;
    return k;
}

static int min_feasible_len(int nused)
{
    int l = 1;
    while ((1 << l) < nused)
        l++;
    return l;
}

typedef struct {
    unsigned long long bits;     /* encoded payload bits */
    unsigned long long pm_bits;  /* optimal length-limited bits */
    size_t bytes;
    unsigned long crc;
    int ok;
} BlockResult;

/* Codes one block with lengths limited to maxlen and checks it. */
static void code_block(const unsigned char *in, size_t n, int maxlen,
                       unsigned char *scratch, Canon *c, BlockResult *res)
{
    unsigned long freq[NSYM];
    int len[NSYM], pmlen[NSYM];
    BitWriter w;
    int deepest, lim;
    long d1, d2;

    res->bits = res->pm_bits = 0;
    res->bytes = 0;
    res->crc = 0;
    res->ok = 0;
    count_freqs(in, n, freq);
    deepest = huffman_lengths(freq, len);
    lim = maxlen > MAX_LEN ? MAX_LEN : maxlen;
    if (lim < min_feasible_len(used_symbols(freq)))
        lim = min_feasible_len(used_symbols(freq));
    if (deepest > lim)
        limit_lengths(freq, len, lim);
    if (package_merge(freq, lim, pmlen) != 0)
        return;
    canon_build(c, len);
    bw_init(&w, n / 2 + 16);
    encode(c, in, n, &w);
    res->bits = (unsigned long long)w.len * 8 + (unsigned long long)w.nbits;
    bw_flush(&w);
    res->pm_bits = code_cost(freq, pmlen);
    res->bytes = w.len;
    res->crc = crc32_update(0, w.buf, w.len);
    res->ok = res->bits == code_cost(freq, len) &&
              res->pm_bits <= res->bits &&
              kraft_sum(len) <= (1ULL << MAX_LEN) &&
              kraft_sum(pmlen) <= (1ULL << MAX_LEN);
    d1 = decode_serial(c, w.buf, w.len, scratch, n);
    res->ok = res->ok && d1 == (long)n && memcmp(scratch, in, n) == 0;
    d2 = decode_table(c, w.buf, w.len, scratch, n);
    res->ok = res->ok && d2 == (long)n && memcmp(scratch, in, n) == 0;
    free(w.buf);
}

/* ---------- reporting ---------- */

static void sym_name(int s, char *buf)
{
    if (s == EOB)
        strcpy(buf, "EOB");
    else if (s == ' ')
        strcpy(buf, "' '");
    else if (s == '\n')
        strcpy(buf, "\\n");
    else if (s > 32 && s < 127)
        sprintf(buf, "'%c'", s);
    else
        sprintf(buf, "\\x%02x", s);
}

static void code_string(unsigned long code, int len, char *buf)
{
    int i;
    for (i = 0; i < len; i++)
        buf[i] = (char)('0' + ((code >> (len - 1 - i)) & 1UL));
    buf[len] = '\0';
}

static void report(const unsigned char *in, size_t n, unsigned char *scratch)
{
    static const int limits[5] = { 0, 12, 10, 8, 7 };
    unsigned long freq[NSYM];
    int len[NSYM], pmlen[NSYM], order[NSYM];
    Canon *c = xmalloc(sizeof(Canon));
    double entropy = 0.0, total = 0.0;
    int nused, deepest, s, i, j, li;
    unsigned long long hcost;

    count_freqs(in, n, freq);
    nused = used_symbols(freq);
    for (s = 0; s < NSYM; s++)
        total += (double)freq[s];
    for (s = 0; s < NSYM; s++)
        if (freq[s]) {
            double p = (double)freq[s] / total;
            entropy -= p * log(p) / log(2.0);
        }
    deepest = huffman_lengths(freq, len);
    if (deepest > MAX_LEN) {
        /* only possible for very large inputs */
        limit_lengths(freq, len, MAX_LEN);
        deepest = MAX_LEN;
    }
    hcost = code_cost(freq, len);
    printf("symbols used: %d (including EOB), entropy %.4f bits/symbol\n",
           nused, entropy);
    printf("huffman: longest code %d, cost %llu bits, %.4f bits/symbol\n",
           deepest, hcost, total > 0 ? (double)hcost / total : 0.0);
    if (package_merge(freq, deepest, pmlen) == 0)
        printf("package-merge at limit %d: cost %llu bits (%s)\n", deepest,
               code_cost(freq, pmlen),
               code_cost(freq, pmlen) == hcost ? "matches" : "DIFFERS");

    canon_build(c, len);
    for (s = 0; s < NSYM; s++)
        order[s] = s;
    /* order symbols by decreasing frequency, then by symbol */
    for (i = 1; i < NSYM; i++) {
        int v = order[i];
        j = i - 1;
        while (j >= 0 && (freq[order[j]] < freq[v] ||
                          (freq[order[j]] == freq[v] && order[j] > v))) {
            order[j + 1] = order[j];
            j--;
        }
        order[j + 1] = v;
    }
    printf("most frequent symbols:\n");
    for (i = 0; i < 10 && i < nused; i++) {
        char name[16], bits[MAX_LEN + 1];
        s = order[i];
        sym_name(s, name);
        code_string(c->code[s], c->len[s], bits);
        printf("  %-5s %6lu  len %2d  %s\n", name, freq[s], c->len[s], bits);
    }
    {
        char name[16], bits[MAX_LEN + 1];
        s = order[nused - 1];
        sym_name(s, name);
        code_string(c->code[s], c->len[s], bits);
        printf("  rarest: %s len %d code %s\n", name, c->len[s], bits);
    }

    for (li = 0; li < 5; li++) {
        BlockResult res;
        int lim = limits[li] == 0 ? deepest : limits[li];
        char hist[256];
        size_t hp = 0;
        int l;
        if (lim < min_feasible_len(nused))
            lim = min_feasible_len(nused);
        code_block(in, n, lim, scratch, c, &res);
        if (res.bytes == 0) {
            printf("limit %2d: FAILED\n", lim);
            continue;
        }
        hist[0] = '\0';
        for (l = 1; l <= c->maxlen; l++) {
            int wrote = sprintf(hist + hp, "%s%d", l > 1 ? " " : "",
                                c->count[l]);
            hp += (size_t)wrote;
        }
        printf("limit %2d: max %2d, lengths [%s]\n", lim, c->maxlen, hist);
        printf("          %llu bits (optimal %llu), %lu bytes, crc %08lx, %s\n",
               res.bits, res.pm_bits, (unsigned long)res.bytes, res.crc,
               res.ok ? "decoded ok" : "FAILED");
    }
    free(c);
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
 * Variant of the input for a round: lines are re-ordered by a seeded
 * shuffle of fixed-size chunks, and some bytes are substituted.
 */
static void make_variant(const unsigned char *in, size_t n, unsigned round,
                         unsigned char *out)
{
    Rng rng;
    size_t chunk = 512, nchunks, i, k;
    size_t *perm;
    if (n == 0)
        return;
    rng.s = 0x9E3779B97F4A7C15ULL ^ ((unsigned long long)round * 0x100000001B3ULL);
    if (rng.s == 0)
        rng.s = 1;
    nchunks = (n + chunk - 1) / chunk;
    perm = xmalloc(sizeof(size_t) * nchunks);
    for (i = 0; i < nchunks; i++)
        perm[i] = i;
    for (i = nchunks; i > 1; i--) {
        size_t j = rng_below(&rng, i);
        size_t t = perm[i - 1];
        perm[i - 1] = perm[j];
        perm[j] = t;
    }
    k = 0;
    for (i = 0; i < nchunks; i++) {
        size_t start = perm[i] * chunk;
        size_t m = n - start < chunk ? n - start : chunk;
        memcpy(out + k, in + start, m);
        k += m;
    }
    for (i = 0; i < n / 50; i++) {
        size_t p = rng_below(&rng, n);
        out[p] = (unsigned char)(out[p] ^ (unsigned char)(1u << (rng_next(&rng) % 3)));
    }
    free(perm);
}

int main(int argc, char **argv)
{
    static const int block_sizes[6] = { 512, 1024, 3000, 4096, 10000, 65536 };
    static const int round_limits[3] = { 12, 10, 15 };
    size_t n;
    unsigned char *input, *data, *scratch;
    unsigned long rounds = 0, r;
    unsigned long long tot_bits = 0, tot_opt = 0, tot_in = 0;
    unsigned long tot_blocks = 0, crc_all = 0;
    int failures = 0;
    Canon *c;

    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: huffman FILE [ROUNDS]\n");
        return 2;
    }
    if (argc == 3)
        rounds = strtoul(argv[2], NULL, 10);
    crc_init();
    input = read_all(argv[1], &n);
    data = xmalloc(n);
    scratch = xmalloc(n);
    c = xmalloc(sizeof(Canon));

    printf("input: %lu bytes, crc %08lx\n", (unsigned long)n,
           crc32_update(0, input, n));
    report(input, n, scratch);

    for (r = 0; r < rounds; r++) {
        size_t bs = (size_t)block_sizes[r % 6];
        int lim = round_limits[r % 3];
        size_t off;
        make_variant(input, n, (unsigned)r + 1, data);
        for (off = 0; off < n; off += bs) {
            size_t m = n - off < bs ? n - off : bs;
            BlockResult res;
            code_block(data + off, m, lim, scratch, c, &res);
            if (!res.ok)
                failures++;
            tot_bits += res.bits;
            tot_opt += res.pm_bits;
            tot_blocks++;
            crc_all = (crc_all * 33UL + res.crc) & 0xffffffffUL;
        }
        tot_in += (unsigned long long)n;
    }
    if (rounds > 0) {
        printf("rounds: %lu, blocks %lu, input %llu bytes\n", rounds,
               tot_blocks, tot_in);
        printf("coded %llu bits (optimal %llu), %.4f bits/byte\n", tot_bits,
               tot_opt, tot_in ? (double)tot_bits / (double)tot_in : 0.0);
        printf("block checksum: %08lx\n", crc_all);
        printf("block round trips: %s\n", failures ? "FAILED" : "all ok");
    }
    free(c);
    free(input);
    free(data);
    free(scratch);
    return failures ? 1 : 0;
}
