/*
 * arith: adaptive arithmetic coding with order-0 and order-1 models.
 *
 * Usage: arith TEXTFILE SEED NBYTES
 *
 * Compresses the text file and NBYTES of text generated from SEED, each
 * with two models, decompresses the result and checks the round trip:
 *   order-0: one adaptive frequency table over the 256 bytes and an end mark;
 *   order-1: a table per previous byte holding only the symbols seen in that
 *            context plus an escape symbol; a symbol not yet seen is sent as
 *            an escape followed by its code in the order-0 table.
 * Cumulative frequencies live in Fenwick trees.  The coder is a 32-bit
 * integer arithmetic coder with carry-free bit output (pending opposite bits
 * for the straddling case).  Prints sizes, bits per byte and checksums.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NSYM 258 /* 256 bytes, end mark, escape */
#define SYM_END 256
#define SYM_ESC 257
#define MAX_TOTAL (1u << 16)
#define HALF 0x80000000u
#define QUARTER 0x40000000u
#define MAX_INPUT (1 << 20)

typedef struct {
    uint32_t tree[NSYM + 1]; /* Fenwick tree over counts, 1-based */
    uint32_t count[NSYM];
    uint32_t total;
} Model;

static Model order0;
static Model order1[256];
static unsigned long escapes;

/* ---------- Fenwick tree of symbol counts ---------- */

static void model_add(Model *m, int sym, uint32_t delta)
{
    m->count[sym] += delta;
    m->total += delta;
    for (int i = sym + 1; i <= NSYM; i += i & -i) m->tree[i] += delta;
}

/* Sum of the counts of symbols below sym. */
static uint32_t model_cum(const Model *m, int sym)
{
    uint32_t s = 0;
    for (int i = sym; i > 0; i -= i & -i) s += m->tree[i];
    return s;
}

/* The symbol whose cumulative range contains target (< total). */
static int model_find(const Model *m, uint32_t target)
{
    int pos = 0;
    for (int step = 256; step > 0; step >>= 1) {
        if (pos + step <= NSYM && m->tree[pos + step] <= target) {
            pos += step;
            target -= m->tree[pos];
        }
    }
    return pos;
}

/* Rebuilds the tree from counts divided by `div` (rounded up, so every seen
 * symbol stays codable). */
static void model_rebuild(Model *m, uint32_t div)
{
    uint32_t old[NSYM];
    memcpy(old, m->count, sizeof old);
    memset(m, 0, sizeof *m);
    for (int s = 0; s < NSYM; s++)
        if (old[s]) model_add(m, s, (old[s] + div - 1) / div);
}

static void model_bump(Model *m, int sym, uint32_t by)
{
    model_add(m, sym, by);
    if (m->total > MAX_TOTAL) model_rebuild(m, 2);
}

static void models_reset(void)
{
    memset(&order0, 0, sizeof order0);
    for (int s = 0; s <= SYM_END; s++) order0.count[s] = 1;
    model_rebuild(&order0, 1);
    for (int c = 0; c < 256; c++) {
        memset(&order1[c], 0, sizeof order1[c]);
        model_add(&order1[c], SYM_ESC, 1);
    }
}

/* ---------- coder state ---------- */

typedef struct {
    uint32_t low, high, value;
    unsigned long pending;
    unsigned char *buf;
    size_t cap, nbits, pos; /* bits written (encoder) or read (decoder) */
    int overflow, decoding;
} Coder;

/* The output buffer starts zeroed; bits are stored most significant first. */
static void put_bit(Coder *c, int b)
{
    if (c->nbits >= c->cap * 8) {
        c->overflow = 1;
        return;
    }
    if (b) c->buf[c->nbits >> 3] |= (unsigned char)(0x80u >> (c->nbits & 7));
    c->nbits++;
}

static void put_with_pending(Coder *c, int b)
{
    put_bit(c, b);
    for (; c->pending > 0; c->pending--) put_bit(c, !b);
}

/* Reads past the end as zero bits. */
static int get_bit(Coder *c)
{
    int b = c->pos < c->nbits ? (c->buf[c->pos >> 3] >> (7 - (c->pos & 7))) & 1 : 0;
    c->pos++;
    return b;
}

/* Narrows [low, high] to the symbol's share and shifts out settled bits. */
static void narrow(Coder *c, uint32_t lo, uint32_t hi, uint32_t total)
{
    uint64_t range = (uint64_t)(c->high - c->low) + 1;
    c->high = c->low + (uint32_t)(range * hi / total - 1);
    c->low = c->low + (uint32_t)(range * lo / total);
    for (;;) {
        uint32_t drop;
        if (c->high < HALF) {
            drop = 0;
            if (!c->decoding) put_with_pending(c, 0);
        } else if (c->low >= HALF) {
            drop = HALF;
            if (!c->decoding) put_with_pending(c, 1);
        } else if (c->low >= QUARTER && c->high < HALF + QUARTER) {
            drop = QUARTER;
            c->pending++;
        } else {
            break;
        }
        c->low = (c->low - drop) << 1;
        c->high = (c->high - drop) << 1 | 1;
        c->value = (c->value - drop) << 1 | (uint32_t)(c->decoding ? get_bit(c) : 0);
    }
}

/* Encodes sym in model m, or when decoding finds and returns the next symbol. */
static int code_in(Coder *c, Model *m, int sym)
{
    uint32_t lo;
    if (c->decoding) {
        uint64_t range = (uint64_t)(c->high - c->low) + 1;
        uint64_t offset = (uint64_t)(c->value - c->low) + 1;
        sym = model_find(m, (uint32_t)((offset * m->total - 1) / range));
    }
    lo = model_cum(m, sym);
    narrow(c, lo, lo + m->count[sym], m->total);
    return sym;
}

/* One symbol through the chosen model, then the model update; encoder and
 * decoder share this so that their models stay in step. */
static int code_symbol(Coder *c, int order, int ctx, int sym)
{
    if (order == 1) {
        Model *m = &order1[ctx];
        int got = code_in(c, m, c->decoding || m->count[sym] ? sym : SYM_ESC);
        if (got != SYM_ESC) {
            model_bump(m, got, 2);
            return got;
        }
        model_bump(m, SYM_ESC, 1);
        escapes++;
        sym = code_in(c, &order0, sym);
        model_bump(m, sym, 2);
    } else {
        sym = code_in(c, &order0, sym);
    }
    model_bump(&order0, sym, 1);
    return sym;
}

/* Encodes data[0..n) and the end mark, or when decoding fills data with up to
 * n bytes; returns the number of bytes coded (n + 1 if the stream is longer). */
static size_t code_stream(Coder *c, int order, unsigned char *data, size_t n)
{
    size_t i;
    int ctx = 0;
    models_reset();
    c->high = 0xFFFFFFFFu;
    if (c->decoding)
        for (int k = 0; k < 32; k++) c->value = c->value << 1 | (uint32_t)get_bit(c);
    for (i = 0;; i++) {
        int sym = code_symbol(c, order, ctx, !c->decoding && i < n ? data[i] : SYM_END);
        if (sym == SYM_END) break;
        if (i >= n) return n + 1;
        data[i] = (unsigned char)sym;
        ctx = sym;
    }
    if (!c->decoding) {
        /* Two more bits pin the final interval. */
        c->pending++;
        put_with_pending(c, c->low >= QUARTER);
    }
    return i;
}

/* FNV-1a hash as a checksum. */
static uint32_t checksum(const unsigned char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
    return h;
}

/* ---------- generated text ---------- */

static uint32_t rng_state;

static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

/* Words drawn with a skewed distribution, separated by spaces, full stops and
 * line breaks. */
static size_t generate(unsigned char *out, size_t n, uint32_t seed)
{
    static const char *const words[] = {
        "the", "of", "and", "to", "a", "in", "is", "it", "that", "was", "for", "on",
        "are", "with", "as", "his", "they", "be", "at", "one", "have", "this", "from",
        "by", "hot", "word", "but", "what", "some", "we", "can", "out", "other", "were",
        "all", "there", "when", "up", "use", "your", "how", "said", "each", "she",
        "which", "their", "time", "if", "will", "way", "about", "many", "then", "them",
        "would", "write", "like", "so", "these", "her", "long", "make", "thing", "see",
        "him", "two", "has", "look", "more", "day", "could", "go", "come", "did",
        "number", "sound", "no", "most", "people", "my", "over", "know", "water", "than",
        "call", "first", "who", "may", "down", "side", "been", "now", "find", "river",
        "stone", "bridge", "lantern", "orchard", "harbour", "compass", "thistle" };
    const uint32_t nwords = sizeof words / sizeof words[0];
    size_t len = 0;

    rng_state = seed * 2654435761u + 1u;
    if (rng_state == 0) rng_state = 1;
    while (len < n) {
        /* The product of two uniform draws favours the start of the list. */
        const char *w = words[(rng() % nwords) * (rng() % nwords) / nwords];
        uint32_t r = rng() % 64;
        while (*w && len < n) out[len++] = (unsigned char)*w++;
        if (r < 3 && len < n) out[len++] = '.';
        if (len < n) out[len++] = r == 0 ? '\n' : ' ';
    }
    return len;
}

/* ---------- driver ---------- */

static int failures;

static void round_trip(unsigned char *data, size_t n)
{
    size_t cap = n + n / 2 + 64;
    unsigned char *packed = malloc(cap), *unpacked = malloc(n + 1);
    if (!packed || !unpacked) exit(1);
    printf("%lu bytes, checksum %08lx\n", (unsigned long)n, (unsigned long)checksum(data, n));
    for (int order = 0; order <= 1; order++) {
        Coder enc = { 0 }, dec = { 0 };
        size_t size, bits1000;
        unsigned long sent;
        int ok;
        memset(packed, 0, cap);
        enc.buf = packed;
        enc.cap = cap;
        escapes = 0;
        code_stream(&enc, order, data, n);
        size = enc.overflow ? 0 : (enc.nbits + 7) / 8;
        sent = escapes;
        escapes = 0;
        dec.buf = packed;
        dec.nbits = size * 8;
        dec.decoding = 1;
        ok = size > 0 && code_stream(&dec, order, unpacked, n) == n &&
             memcmp(data, unpacked, n) == 0 && escapes == sent;
        bits1000 = n ? size * 8000 / n : 0;
        printf("  order-%d: %lu bytes, %lu.%03lu bits/byte, %lu escapes, checksum %08lx, "
               "round trip %s\n", order, (unsigned long)size, (unsigned long)(bits1000 / 1000),
               (unsigned long)(bits1000 % 1000), sent, (unsigned long)checksum(packed, size),
               ok ? "ok" : "FAILED");
        if (!ok) failures++;
    }
    free(packed);
    free(unpacked);
}

int main(int argc, char **argv)
{
    unsigned char *buf;
    size_t n, gen;
    unsigned long seed;
    FILE *f;

    if (argc != 4) {
        printf("usage: arith TEXTFILE SEED NBYTES\n");
        return 1;
    }
    gen = (size_t)strtoul(argv[3], NULL, 10);
    if (gen > MAX_INPUT) return 1;
    buf = malloc(MAX_INPUT);
    f = fopen(argv[1], "rb");
    if (!buf || !f) return 1;
    n = fread(buf, 1, MAX_INPUT, f);
    fclose(f);
    printf("text file: ");
    round_trip(buf, n);
    seed = strtoul(argv[2], NULL, 10);
    printf("generated text, seed %lu: ", seed);
    round_trip(buf, generate(buf, gen, (uint32_t)seed));
    printf("empty input: ");
    round_trip(buf, 0);
    printf("%s\n", failures ? "ROUND TRIP FAILED" : "all round trips verified");
    free(buf);
    return failures ? 1 : 0;
}
