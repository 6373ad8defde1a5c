/* DEFLATE compression (RFC 1951): LZ77 matching over hash chains, greedy
 * or lazy, and for each block of symbols the smallest of a stored, a
 * fixed-Huffman and a dynamic-Huffman encoding. */
#include <stdlib.h>
#include <string.h>
#include "dfl.h"

#define WSIZE 32768
#define WMASK (WSIZE - 1)
#define MAX_DIST (WSIZE - 1)
#define HASH_BITS 15
#define HASH_SIZE (1 << HASH_BITS)
#define MIN_MATCH 3
#define MAX_MATCH 258
#define TOO_FAR 4096
#define NUM_LIT 286
#define NUM_CL 19
#define MAX_STORED 65535u
#define SPLIT_WINDOW 1024

typedef struct {
    int lazy;           /* defer each match by one position */
    int max_chain;      /* chain links followed per search */
    int good_len;       /* after a match this long, search a quarter */
    int nice_len;       /* stop searching at a match this long */
    int lazy_limit;     /* do not look past a pending match this long */
    int insert_limit;   /* greedy: longer matches are not indexed inside */
    int block_syms;     /* symbols per block */
} Level;

static const Level levels[10] = {
    {0, 0, 0, 0, 0, 0, 0},
    {0, 4, 4, 16, 0, 4, 8192},
    {0, 8, 4, 32, 0, 8, 8192},
    {0, 32, 8, 64, 0, 16, 8192},
    {1, 16, 4, 32, 8, 0, 8192},
    {1, 32, 8, 64, 16, 0, 8192},
    {1, 128, 8, 128, 32, 0, 12288},
    {1, 256, 16, 192, 64, 0, 12288},
    {1, 1024, 32, 258, 258, 0, 16384},
    {1, 4096, 32, 258, 258, 0, 16384},
};

static const unsigned char cl_order[NUM_CL] = {
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15
};

typedef struct {
    const unsigned char *in;
    size_t n;
    const Level *lv;
    int32_t *head, *prev;
    uint16_t *sym_len;      /* literal byte, or match length */
    uint16_t *sym_dist;     /* 0 for a literal */
    size_t nsym;
    size_t block_start, emitted;
    size_t win_start;           /* input position where the window began */
    unsigned win_matches;       /* matches among the window's symbols */
    unsigned long blk_matches;  /* matches in the block before the window */
    Buf *out;
    uint32_t acc;
    int cnt;
    BlockStats *st;
} Deflater;

/* ---- bit output, least significant bit first ---- */

static void put_bits(Deflater *d, unsigned value, int n)
{
    d->acc |= (uint32_t)value << d->cnt;
    d->cnt += n;
    while (d->cnt >= 8) {
        buf_byte(d->out, d->acc & 0xFFu);
        d->acc >>= 8;
        d->cnt -= 8;
    }
}

static void align_byte(Deflater *d)
{
    if (d->cnt > 0)
        put_bits(d, 0, 8 - d->cnt);
}

/* ---- Huffman code construction ---- */

#define MAX_HSYM 288

static uint32_t hw[2 * MAX_HSYM];       /* node weights */
static int hheight[2 * MAX_HSYM];

static int node_less(int a, int b)
{
    if (hw[a] != hw[b])
        return hw[a] < hw[b];
    if (hheight[a] != hheight[b])
        return hheight[a] < hheight[b];
    return a < b;
}

static void heap_push(int *heap, int *hn, int node)
{
    int i = (*hn)++;
    while (i > 0) {
        int p = (i - 1) / 2;
        if (!node_less(node, heap[p]))
            break;
        heap[i] = heap[p];
        i = p;
    }
    heap[i] = node;
}

static int heap_pop(int *heap, int *hn)
{
    int top = heap[0], last = heap[--*hn], i = 0;

    for (;;) {
        int c = 2 * i + 1;
        if (c >= *hn)
            break;
        if (c + 1 < *hn && node_less(heap[c + 1], heap[c]))
            c++;
        if (!node_less(heap[c], last))
            break;
        heap[i] = heap[c];
        i = c;
    }
    if (*hn > 0)
        heap[i] = last;
    return top;
}

/* Huffman lengths from a heap merge, then limited to maxbits: lengths
 * are clamped, the Kraft sum is brought back to at most 1 by lengthening
 * the rarest of the longest codes still below the limit, and any slack
 * left is given back to the most frequent symbols.  With pad set, a code
 * with fewer than two symbols gets a second one so that it is complete. */
void build_lengths(const uint32_t *freq, int n, int maxbits, int pad,
                   unsigned char *len)
{
    int used[MAX_HSYM], parent[2 * MAX_HSYM], depth[2 * MAX_HSYM];
    int heap[MAX_HSYM], order[MAX_HSYM];
    int nu = 0, hn = 0, next, i, j, changed;
    uint32_t kraft = 0, cap = 1u << maxbits;

    for (i = 0; i < n; i++) {
        len[i] = 0;
        if (freq[i])
            used[nu++] = i;
    }
    if (nu < 2) {
        if (nu == 1)
            len[used[0]] = 1;
        for (i = 0; pad && i < n && nu < 2; i++)
            if (len[i] == 0) {
                len[i] = 1;
                nu++;
            }
        return;
    }
    for (i = 0; i < nu; i++) {
        hw[i] = freq[used[i]];
        hheight[i] = 0;
        heap_push(heap, &hn, i);
    }
    next = nu;
    while (hn > 1) {
        int a = heap_pop(heap, &hn), b = heap_pop(heap, &hn);
        hw[next] = hw[a] + hw[b];
        hheight[next] = 1 + (hheight[a] > hheight[b] ? hheight[a] : hheight[b]);
        parent[a] = parent[b] = next;
        heap_push(heap, &hn, next);
        next++;
    }
    depth[next - 1] = 0;
    for (i = next - 2; i >= 0; i--)
        depth[i] = depth[parent[i]] + 1;

    for (i = 0; i < nu; i++) {
        if (depth[i] > maxbits)
            depth[i] = maxbits;
        kraft += 1u << (maxbits - depth[i]);
    }
    while (kraft > cap) {
        int best = -1;
        for (i = 0; i < nu; i++) {
            if (depth[i] >= maxbits)
                continue;
            if (best < 0 || depth[i] > depth[best] ||
                (depth[i] == depth[best] && hw[i] < hw[best]))
                best = i;
        }
        kraft -= 1u << (maxbits - depth[best] - 1);
        depth[best]++;
    }
    /* Most frequent first, by insertion sort. */
    for (i = 0; i < nu; i++) {
        int v = i;
        for (j = i; j > 0 && hw[order[j - 1]] < hw[v]; j--)
            order[j] = order[j - 1];
        order[j] = v;
    }
    do {
        changed = 0;
        for (j = 0; j < nu && kraft < cap; j++) {
            i = order[j];
            while (depth[i] > 1 && kraft + (1u << (maxbits - depth[i])) <= cap) {
                kraft += 1u << (maxbits - depth[i]);
                depth[i]--;
                changed = 1;
            }
        }
    } while (changed && kraft < cap);
    for (i = 0; i < nu; i++)
        len[used[i]] = (unsigned char)depth[i];
}

static unsigned reverse_bits(unsigned code, int len)
{
    unsigned r = 0;
    while (len-- > 0) {
        r = (r << 1) | (code & 1u);
        code >>= 1;
    }
    return r;
}

/* Canonical codes (RFC 1951, 3.2.2), bit-reversed for LSB-first output. */
static void assign_codes(const unsigned char *len, int n, uint16_t *code)
{
    unsigned count[16], next[16], c = 0;
    int i;

    memset(count, 0, sizeof(count));
    for (i = 0; i < n; i++)
        count[len[i]]++;
    count[0] = 0;
    for (i = 1; i < 16; i++) {
        c = (c + count[i - 1]) << 1;
        next[i] = c;
    }
    for (i = 0; i < n; i++)
        code[i] = len[i] ? (uint16_t)reverse_bits(next[len[i]]++, len[i]) : 0;
}

/* ---- blocks ---- */

typedef struct {
    unsigned char sym, extra;
} ClItem;

/* Run-length codes for a sequence of code lengths (symbols 16, 17, 18). */
static int rle_lengths(const unsigned char *lens, int n, ClItem *items)
{
    int i = 0, k = 0;

    while (i < n) {
        int v = lens[i], run = 1, r;
        while (i + run < n && lens[i + run] == v)
            run++;
        i += run;
        if (v == 0) {
            r = run;
            while (r >= 11) {
                int t = r > 138 ? 138 : r;
                items[k].sym = 18;
                items[k++].extra = (unsigned char)(t - 11);
                r -= t;
            }
            if (r >= 3) {
                items[k].sym = 17;
                items[k++].extra = (unsigned char)(r - 3);
                r = 0;
            }
        } else {
            items[k].sym = (unsigned char)v;
            items[k++].extra = 0;
            r = run - 1;
            while (r >= 3) {
                int t = r > 6 ? 6 : r;
                items[k].sym = 16;
                items[k++].extra = (unsigned char)(t - 3);
                r -= t;
            }
        }
        while (r-- > 0) {
            items[k].sym = (unsigned char)v;
            items[k++].extra = 0;
        }
    }
    return k;
}

static unsigned char fixed_llen[288], fixed_dlen[NUM_DIST_CODES];
static uint16_t fixed_lcode[288], fixed_dcode[NUM_DIST_CODES];
static int fixed_ready;

static void init_fixed(void)
{
    int i;
    for (i = 0; i < 288; i++)
        fixed_llen[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
    for (i = 0; i < NUM_DIST_CODES; i++)
        fixed_dlen[i] = 5;
    assign_codes(fixed_llen, 288, fixed_lcode);
    assign_codes(fixed_dlen, NUM_DIST_CODES, fixed_dcode);
    fixed_ready = 1;
}

static void put_symbols(Deflater *d, size_t nsym, const unsigned char *llen,
                        const uint16_t *lcode, const unsigned char *dlen,
                        const uint16_t *dcode)
{
    size_t i;

    for (i = 0; i < nsym; i++) {
        unsigned v = d->sym_len[i], dist = d->sym_dist[i];
        int c;
        if (dist == 0) {
            put_bits(d, lcode[v], llen[v]);
            continue;
        }
        c = length_code(v);
        put_bits(d, lcode[257 + c], llen[257 + c]);
        if (len_extra[c])
            put_bits(d, v - len_base[c], (int)len_extra[c]);
        c = distance_code(dist);
        put_bits(d, dcode[c], dlen[c]);
        if (dist_extra[c])
            put_bits(d, dist - dist_base[c], (int)dist_extra[c]);
    }
    put_bits(d, lcode[256], llen[256]);
}

/* Stored blocks for in[from..to), at most MAX_STORED bytes each. */
static void put_stored(Deflater *d, size_t from, size_t to, int final)
{
    do {
        size_t len = to - from > MAX_STORED ? MAX_STORED : to - from;
        int last = from + len == to;
        put_bits(d, (unsigned)(final && last), 1);
        put_bits(d, 0, 2);
        align_byte(d);
        put_bits(d, (unsigned)len & 0xFFu, 8);
        put_bits(d, (unsigned)(len >> 8), 8);
        put_bits(d, (unsigned)~len & 0xFFu, 8);
        put_bits(d, (unsigned)(~len >> 8) & 0xFFu, 8);
        buf_bytes(d->out, d->in + from, len);
        from += len;
        d->st->stored++;
    } while (from < to);
}

static size_t stored_cost(int cnt, size_t bytes)
{
    size_t blocks = bytes == 0 ? 1 : (bytes + MAX_STORED - 1) / MAX_STORED;
    size_t first = 3 + (size_t)((8 - (cnt + 3) % 8) % 8) + 32;
    return first + (blocks - 1) * 40 + 8 * bytes;
}

/* Encodes the first nsym buffered symbols, which cover in[block_start..end). */
static void flush_block(Deflater *d, size_t nsym, size_t end, int final)
{
    uint32_t lf[NUM_LIT], df[NUM_DIST_CODES], clf[NUM_CL];
    unsigned char llen[NUM_LIT], dlen[NUM_DIST_CODES], cllen[NUM_CL];
    unsigned char all[NUM_LIT + NUM_DIST_CODES];
    uint16_t lcode[NUM_LIT], dcode[NUM_DIST_CODES], clcode[NUM_CL];
    ClItem items[NUM_LIT + NUM_DIST_CODES];
    size_t i, extra = 0, fixed_bits, dyn_bits, stored_bits;
    int hlit, hdist, hclen, nitems, k;

    if (!fixed_ready)
        init_fixed();
    memset(lf, 0, sizeof(lf));
    memset(df, 0, sizeof(df));
    memset(clf, 0, sizeof(clf));
    lf[256] = 1;
    for (i = 0; i < nsym; i++) {
        unsigned v = d->sym_len[i], dist = d->sym_dist[i];
        if (dist == 0) {
            lf[v]++;
        } else {
            int lc = length_code(v), dc = distance_code(dist);
            lf[257 + lc]++;
            df[dc]++;
            extra += len_extra[lc] + dist_extra[dc];
        }
    }
    build_lengths(lf, NUM_LIT, 15, 1, llen);
    build_lengths(df, NUM_DIST_CODES, 15, 0, dlen);
    for (hlit = NUM_LIT; hlit > 257 && llen[hlit - 1] == 0; hlit--)
        ;
    for (hdist = NUM_DIST_CODES; hdist > 1 && dlen[hdist - 1] == 0; hdist--)
        ;
    memcpy(all, llen, (size_t)hlit);
    memcpy(all + hlit, dlen, (size_t)hdist);
    nitems = rle_lengths(all, hlit + hdist, items);
    for (k = 0; k < nitems; k++)
        clf[items[k].sym]++;
    build_lengths(clf, NUM_CL, 7, 1, cllen);
    for (hclen = NUM_CL; hclen > 4 && cllen[cl_order[hclen - 1]] == 0; hclen--)
        ;

    fixed_bits = 3 + extra;
    dyn_bits = 3 + 14 + 3 * (size_t)hclen + extra;
    for (k = 0; k < NUM_LIT; k++) {
        fixed_bits += (size_t)lf[k] * fixed_llen[k];
        dyn_bits += (size_t)lf[k] * llen[k];
    }
    for (k = 0; k < NUM_DIST_CODES; k++) {
        fixed_bits += (size_t)df[k] * 5;
        dyn_bits += (size_t)df[k] * dlen[k];
    }
    for (k = 0; k < nitems; k++) {
        int s = items[k].sym;
        dyn_bits += cllen[s] + (s == 16 ? 2 : s == 17 ? 3 : s == 18 ? 7 : 0);
    }
    stored_bits = stored_cost(d->cnt, end - d->block_start);

    if (stored_bits <= fixed_bits && stored_bits <= dyn_bits) {
        put_stored(d, d->block_start, end, final);
    } else if (fixed_bits <= dyn_bits) {
        put_bits(d, (unsigned)final, 1);
        put_bits(d, 1, 2);
        put_symbols(d, nsym, fixed_llen, fixed_lcode, fixed_dlen, fixed_dcode);
        d->st->fixed++;
    } else {
        assign_codes(llen, NUM_LIT, lcode);
        assign_codes(dlen, NUM_DIST_CODES, dcode);
        assign_codes(cllen, NUM_CL, clcode);
        put_bits(d, (unsigned)final, 1);
        put_bits(d, 2, 2);
        put_bits(d, (unsigned)(hlit - 257), 5);
        put_bits(d, (unsigned)(hdist - 1), 5);
        put_bits(d, (unsigned)(hclen - 4), 4);
        for (k = 0; k < hclen; k++)
            put_bits(d, cllen[cl_order[k]], 3);
        for (k = 0; k < nitems; k++) {
            int s = items[k].sym;
            put_bits(d, clcode[s], cllen[s]);
            if (s >= 16)
                put_bits(d, items[k].extra, s == 16 ? 2 : s == 17 ? 3 : 7);
        }
        put_symbols(d, nsym, llen, lcode, dlen, dcode);
        d->st->dynamic++;
    }
    /* Symbols past nsym start the next block. */
    memmove(d->sym_len, d->sym_len + nsym, (d->nsym - nsym) * sizeof(uint16_t));
    memmove(d->sym_dist, d->sym_dist + nsym,
            (d->nsym - nsym) * sizeof(uint16_t));
    d->nsym -= nsym;
    d->block_start = end;
}

/* At each window boundary: when the share of matches in the last window
 * differs widely from the block so far (text turning into noise, say),
 * the block ends where the window began. */
static void symbol_added(Deflater *d, int match)
{
    size_t before;
    unsigned long share;

    d->win_matches += (unsigned)match;
    if (d->nsym == (size_t)d->lv->block_syms) {
        flush_block(d, d->nsym, d->emitted, 0);
        d->win_matches = 0;
        d->blk_matches = 0;
        d->win_start = d->emitted;
        return;
    }
    if (d->nsym % SPLIT_WINDOW != 0)
        return;
    before = d->nsym - SPLIT_WINDOW;
    if (before >= 2 * SPLIT_WINDOW) {
        share = d->blk_matches * SPLIT_WINDOW / before;
        if (share > d->win_matches + SPLIT_WINDOW / 4 ||
            d->win_matches > share + SPLIT_WINDOW / 4) {
            flush_block(d, before, d->win_start, 0);
            d->blk_matches = 0;
        }
    }
    d->blk_matches += d->win_matches;
    d->win_matches = 0;
    d->win_start = d->emitted;
}

static void emit_literal(Deflater *d, unsigned c)
{
    d->sym_len[d->nsym] = (uint16_t)c;
    d->sym_dist[d->nsym++] = 0;
    d->emitted++;
    symbol_added(d, 0);
}

static void emit_match(Deflater *d, unsigned len, unsigned dist)
{
    d->sym_len[d->nsym] = (uint16_t)len;
    d->sym_dist[d->nsym++] = (uint16_t)dist;
    d->emitted += len;
    symbol_added(d, 1);
}

/* ---- LZ77 matching ---- */

static unsigned hash3(const unsigned char *p)
{
    uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
    return (unsigned)((v * 2654435761u) >> (32 - HASH_BITS));
}

static void insert(Deflater *d, size_t p)
{
    unsigned h;
    if (d->n - p < MIN_MATCH)
        return;
    h = hash3(d->in + p);
    d->prev[p & WMASK] = d->head[h];
    d->head[h] = (int32_t)p;
}

/* Indexes position p and returns the length of the longest earlier match
 * longer than threshold (0 if none), setting *dist.  Only positions less
 * than WSIZE back are followed, so prev[] slots on the chain are never
 * ones that p or later positions have overwritten. */
static unsigned find_match(Deflater *d, size_t p, unsigned threshold,
                           unsigned *dist)
{
    const unsigned char *in = d->in;
    size_t maxlen = d->n - p, best = threshold;
    int chain = d->lv->max_chain;
    int32_t cand;
    unsigned h;

    if (maxlen < MIN_MATCH)
        return 0;
    if (maxlen > MAX_MATCH)
        maxlen = MAX_MATCH;
    h = hash3(in + p);
    cand = d->head[h];
    d->prev[p & WMASK] = cand;
    d->head[h] = (int32_t)p;
    if (best >= maxlen)
        return 0;
    if (threshold >= (unsigned)d->lv->good_len)
        chain >>= 2;
    while (cand >= 0 && chain-- > 0) {
        size_t c = (size_t)cand, l;
        if (p - c > MAX_DIST)
            break;
        if (in[c + best] == in[p + best] && in[c] == in[p]) {
            for (l = 1; l < maxlen && in[c + l] == in[p + l]; l++)
                ;
            if (l > best) {
                best = l;
                *dist = (unsigned)(p - c);
                if (l >= (size_t)d->lv->nice_len || l == maxlen)
                    break;
            }
        }
        cand = d->prev[c & WMASK];
    }
    if (best <= threshold || best < MIN_MATCH)
        return 0;
    if (best == MIN_MATCH && *dist > TOO_FAR)
        return 0;
    return (unsigned)best;
}

static void greedy(Deflater *d)
{
    size_t p = 0, q;

    while (p < d->n) {
        unsigned dist = 0, len = find_match(d, p, MIN_MATCH - 1, &dist);
        if (len == 0) {
            emit_literal(d, d->in[p]);
            p++;
            continue;
        }
        emit_match(d, len, dist);
        if ((int)len <= d->lv->insert_limit)
            for (q = p + 1; q < p + len; q++)
                insert(d, q);
        p += len;
    }
}

/* A match found at p-1 is held back until p has been searched too; the
 * longer of the two wins, the other position becoming a literal. */
static void lazy(Deflater *d)
{
    size_t p = 0, q, end;
    int pending = 0;
    unsigned plen = 0, pdist = 0;

    while (p < d->n) {
        unsigned dist = 0, len = 0;
        if (pending && plen >= (unsigned)d->lv->lazy_limit)
            insert(d, p);
        else
            len = find_match(d, p, pending && plen >= MIN_MATCH ? plen
                                                                : MIN_MATCH - 1,
                             &dist);
        if (pending && plen >= MIN_MATCH && len <= plen) {
            emit_match(d, plen, pdist);
            end = p - 1 + plen;
            for (q = p + 1; q < end; q++)
                insert(d, q);
            p = end;
            pending = 0;
            continue;
        }
        if (pending)
            emit_literal(d, d->in[p - 1]);
        pending = 1;
        plen = len;
        pdist = dist;
        p++;
    }
    if (pending)
        emit_literal(d, d->in[p - 1]);
}

void deflate_data(const unsigned char *in, size_t n, int level, Buf *out,
                  BlockStats *st)
{
    Deflater d;
    size_t i;

    if (level < 0 || level > 9)
        level = 6;
    if (n > 0x7FFFFFF0u)
        fatal("input too large");
    d.in = in;
    d.n = n;
    d.lv = &levels[level];
    d.out = out;
    d.acc = 0;
    d.cnt = 0;
    d.st = st;
    d.nsym = 0;
    d.block_start = d.emitted = d.win_start = 0;
    d.win_matches = 0;
    d.blk_matches = 0;
    if (level == 0) {
        put_stored(&d, 0, n, 1);
        align_byte(&d);
        return;
    }
    d.head = malloc(HASH_SIZE * sizeof(int32_t));
    d.prev = malloc(WSIZE * sizeof(int32_t));
    d.sym_len = malloc((size_t)d.lv->block_syms * sizeof(uint16_t));
    d.sym_dist = malloc((size_t)d.lv->block_syms * sizeof(uint16_t));
    if (!d.head || !d.prev || !d.sym_len || !d.sym_dist)
        fatal("out of memory");
    for (i = 0; i < HASH_SIZE; i++)
        d.head[i] = -1;
    for (i = 0; i < WSIZE; i++)
        d.prev[i] = -1;
    if (d.lv->lazy)
        lazy(&d);
    else
        greedy(&d);
    flush_block(&d, d.nsym, d.emitted, 1);
    align_byte(&d);
    free(d.head);
    free(d.prev);
    free(d.sym_len);
    free(d.sym_dist);
}
