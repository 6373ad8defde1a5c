/* Decoding of a raw DEFLATE stream (RFC 1951): stored, fixed and dynamic
 * blocks.  Huffman codes are decoded through a table indexed by the next
 * FAST_BITS input bits; longer codes are resolved one bit at a time from
 * the canonical first-code of each length. */
#include <string.h>
#include "dfl.h"

#define MAXBITS 15
#define FAST_BITS 9
#define FAST_SIZE (1u << FAST_BITS)
#define MAX_SYMS 320

typedef struct {
    uint16_t fast[FAST_SIZE];       /* symbol | length << 10; 0: slow path */
    unsigned count[MAXBITS + 1];
    unsigned first[MAXBITS + 1];    /* first canonical code of a length */
    unsigned offset[MAXBITS + 1];   /* its index in sorted[] */
    uint16_t sorted[MAX_SYMS];
} Decoder;

typedef struct {
    const unsigned char *in;
    size_t n, pos;                  /* pos may run past n: zero fill */
    uint32_t bitbuf;
    int bitcnt;
    Buf *out;
    size_t base, limit;
} Inflater;

static const unsigned char cl_order[19] = {
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15
};

static void need(Inflater *s, int k)
{
    while (s->bitcnt < k) {
        uint32_t byte = s->pos < s->n ? s->in[s->pos] : 0;
        s->pos++;
        s->bitbuf |= byte << s->bitcnt;
        s->bitcnt += 8;
    }
}

static unsigned getbits(Inflater *s, int k)
{
    unsigned v;

    if (k == 0)
        return 0;
    need(s, k);
    v = (unsigned)(s->bitbuf & ((1u << k) - 1));
    s->bitbuf >>= k;
    s->bitcnt -= k;
    return v;
}

/* 1 if more bits were consumed than the input holds. */
static int exhausted(const Inflater *s)
{
    return s->pos > s->n && (s->pos - s->n) * 8 > (size_t)s->bitcnt;
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

/* Builds a decoder for n code lengths.  A code must be complete, except
 * that with lone_ok it may be a single one-bit code or have no codes. */
static int build_decoder(Decoder *d, const unsigned char *lens, int n,
                         int lone_ok)
{
    unsigned next[MAXBITS + 1], fill[MAXBITS + 1], code, total = 0;
    int len, sym;
    long left = 1;

    memset(d->count, 0, sizeof(d->count));
    for (sym = 0; sym < n; sym++)
        d->count[lens[sym]]++;
    d->count[0] = 0;
    for (len = 1; len <= MAXBITS; len++) {
        left = 2 * left - (long)d->count[len];
        if (left < 0)
            return Z_ERR_OVERSUBSCRIBED;
        total += d->count[len];
    }
    if (left > 0 && !(lone_ok && total <= 1 && d->count[1] == total))
        return Z_ERR_INCOMPLETE;
    code = 0;
    total = 0;
    for (len = 1; len <= MAXBITS; len++) {
        code = (code + d->count[len - 1]) << 1;
        d->first[len] = code;
        d->offset[len] = total;
        next[len] = code;
        fill[len] = total;
        total += d->count[len];
    }
    memset(d->fast, 0, sizeof(d->fast));
    for (sym = 0; sym < n; sym++) {
        unsigned r, step;
        len = lens[sym];
        if (len == 0)
            continue;
        d->sorted[fill[len]++] = (uint16_t)sym;
        code = next[len]++;
        if (len > FAST_BITS)
            continue;
        step = 1u << len;
        for (r = reverse_bits(code, len); r < FAST_SIZE; r += step)
            d->fast[r] = (uint16_t)((unsigned)sym | (unsigned)len << 10);
    }
    return Z_OK;
}

/* Next symbol, or -1 for a bit pattern that is no code. */
static int decode(Inflater *s, const Decoder *d)
{
    unsigned e, v = 0;
    int len;

    need(s, MAXBITS);
    e = d->fast[s->bitbuf & (FAST_SIZE - 1)];
    len = (int)(e >> 10);
    if (len) {
        s->bitbuf >>= len;
        s->bitcnt -= len;
        return (int)(e & 0x3FFu);
    }
    for (len = 1; len <= MAXBITS; len++) {
        v = (v << 1) | ((s->bitbuf >> (len - 1)) & 1u);
        if (v - d->first[len] < d->count[len]) {
            s->bitbuf >>= len;
            s->bitcnt -= len;
            return d->sorted[d->offset[len] + (v - d->first[len])];
        }
    }
    return -1;
}

static int stored_block(Inflater *s)
{
    unsigned len, nlen;
    int drop = s->bitcnt & 7;

    s->bitbuf >>= drop;
    s->bitcnt -= drop;
    len = getbits(s, 16);
    nlen = getbits(s, 16);
    if (exhausted(s))
        return Z_ERR_EOF;
    if (len != (~nlen & 0xFFFFu))
        return Z_ERR_STORED_LEN;
    /* Hand the whole bytes still in the bit buffer back to the input. */
    s->pos -= (size_t)(s->bitcnt / 8);
    s->bitbuf = 0;
    s->bitcnt = 0;
    if (s->n - s->pos < len)
        return Z_ERR_EOF;
    if (s->limit - s->out->len < len)
        return Z_ERR_LIMIT;
    buf_bytes(s->out, s->in + s->pos, len);
    s->pos += len;
    return Z_OK;
}

/* Decodes literals and matches up to the end-of-block code. */
static int codes(Inflater *s, const Decoder *lit, const Decoder *dist)
{
    Buf *out = s->out;

    for (;;) {
        int sym = decode(s, lit);
        unsigned len, d, i;

        if (sym < 0)
            return Z_ERR_BAD_CODE;
        if (exhausted(s))
            return Z_ERR_EOF;
        if (sym < 256) {
            if (out->len >= s->limit)
                return Z_ERR_LIMIT;
            buf_byte(out, (unsigned)sym);
            continue;
        }
        if (sym == 256)
            return Z_OK;
        sym -= 257;
        if (sym >= NUM_LEN_CODES)
            return Z_ERR_BAD_SYMBOL;
        len = len_base[sym] + getbits(s, (int)len_extra[sym]);
        sym = decode(s, dist);
        if (sym < 0)
            return Z_ERR_BAD_CODE;
        if (sym >= NUM_DIST_CODES)
            return Z_ERR_BAD_SYMBOL;
        d = dist_base[sym] + getbits(s, (int)dist_extra[sym]);
        if (exhausted(s))
            return Z_ERR_EOF;
        if (d > out->len - s->base)
            return Z_ERR_DISTANCE;
        if (s->limit - out->len < len)
            return Z_ERR_LIMIT;
        buf_reserve(out, len);
        /* Byte by byte: the source may overlap what is being written. */
        for (i = 0; i < len; i++) {
            out->data[out->len] = out->data[out->len - d];
            out->len++;
        }
    }
}

static Decoder fixed_lit, fixed_dist;
static int fixed_ready;

static void build_fixed(void)
{
    unsigned char lens[288];
    int i;

    for (i = 0; i < 288; i++)
        lens[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
    build_decoder(&fixed_lit, lens, 288, 0);
    for (i = 0; i < 32; i++)
        lens[i] = 5;
    build_decoder(&fixed_dist, lens, 32, 0);
    fixed_ready = 1;
}

static int dynamic_block(Inflater *s)
{
    static Decoder lit, dist, cl;
    unsigned char lens[MAX_SYMS], cl_lens[19];
    int hlit, hdist, hclen, i, r;

    hlit = (int)getbits(s, 5) + 257;
    hdist = (int)getbits(s, 5) + 1;
    hclen = (int)getbits(s, 4) + 4;
    if (hlit > 286 || hdist > 30)
        return Z_ERR_HEADER_COUNTS;
    memset(cl_lens, 0, sizeof(cl_lens));
    for (i = 0; i < hclen; i++)
        cl_lens[cl_order[i]] = (unsigned char)getbits(s, 3);
    if (exhausted(s))
        return Z_ERR_EOF;
    r = build_decoder(&cl, cl_lens, 19, 0);
    if (r)
        return r;
    i = 0;
    while (i < hlit + hdist) {
        int sym = decode(s, &cl), rep;
        unsigned char v = 0;

        if (sym < 0)
            return Z_ERR_BAD_CODE;
        if (sym < 16) {
            lens[i++] = (unsigned char)sym;
            continue;
        }
        if (sym == 16) {
            if (i == 0)
                return Z_ERR_REPEAT;
            v = lens[i - 1];
            rep = 3 + (int)getbits(s, 2);
        } else if (sym == 17)
            rep = 3 + (int)getbits(s, 3);
        else
            rep = 11 + (int)getbits(s, 7);
        if (exhausted(s))
            return Z_ERR_EOF;
        if (i + rep > hlit + hdist)
            return Z_ERR_REPEAT;
        while (rep-- > 0)
            lens[i++] = v;
    }
    if (lens[256] == 0)
        return Z_ERR_NO_EOB;
    r = build_decoder(&lit, lens, hlit, 1);
    if (r)
        return r;
    r = build_decoder(&dist, lens + hlit, hdist, 1);
    if (r)
        return r;
    return codes(s, &lit, &dist);
}

int inflate_data(const unsigned char *in, size_t n, size_t *used, Buf *out,
                 size_t limit, BlockStats *st)
{
    Inflater s;
    int final, type, r;

    s.in = in;
    s.n = n;
    s.pos = 0;
    s.bitbuf = 0;
    s.bitcnt = 0;
    s.out = out;
    s.base = out->len;
    s.limit = limit < out->len ? out->len : limit;
    *used = 0;
    if (!fixed_ready)
        build_fixed();
    do {
        final = (int)getbits(&s, 1);
        type = (int)getbits(&s, 2);
        if (exhausted(&s))
            return Z_ERR_EOF;
        switch (type) {
        case 0:
            r = stored_block(&s);
            st->stored++;
            break;
        case 1:
            r = codes(&s, &fixed_lit, &fixed_dist);
            st->fixed++;
            break;
        case 2:
            r = dynamic_block(&s);
            st->dynamic++;
            break;
        default:
            r = Z_ERR_BTYPE;
            break;
        }
        if (r)
            return r;
    } while (!final);
    if (exhausted(&s))
        return Z_ERR_EOF;
    *used = s.pos - (size_t)(s.bitcnt / 8);
    return Z_OK;
}
