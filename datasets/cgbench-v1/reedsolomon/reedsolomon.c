/*
 * reedsolomon: Reed-Solomon error and erasure correction over GF(256).
 *
 * Usage: reedsolomon N K BLOCKS SEED
 *
 * Builds GF(256) from the primitive polynomial x^8+x^4+x^3+x^2+1 and the
 * generator polynomial with roots alpha^0 .. alpha^(N-K-1), checks the
 * systematic encoder against a published QR-code vector, then encodes
 * BLOCKS messages of K random bytes into N-byte codewords, injects seeded
 * errors and erasures (within the code's capacity, just beyond it and far
 * beyond it) and decodes them: syndromes, Berlekamp-Massey started from
 * the erasure locator, Chien search, Forney's formula, and a final
 * syndrome check.  It prints how many blocks were corrected, detected as
 * uncorrectable and mis-corrected in each class, with checksums, and
 * fails if any block within capacity is not corrected.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define MAX_N 255
#define NCLASSES 3

typedef struct {
    unsigned long blocks, corrected, detected, miscorrected, symbols;
} Tally;

static const char *class_names[NCLASSES] = {"within capacity", "just beyond", "far beyond"};
static uint8_t gf_exp[512], gf_log[256];
static uint64_t rng_state;

static uint32_t rng_next(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1DULL) >> 32);
}

/* ---------- GF(256) ---------- */

static void gf_init(void)
{
    unsigned x = 1;
    for (int i = 0; i < 255; i++) {
        gf_exp[i] = (uint8_t)x;
        gf_log[x] = (uint8_t)i;
        x <<= 1;
        if (x & 0x100)
            x ^= 0x11D;
    }
    for (int i = 255; i < 512; i++)
        gf_exp[i] = gf_exp[i - 255];
}

static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    return a && b ? gf_exp[gf_log[a] + gf_log[b]] : 0;
}

/* a / b for b != 0 */
static uint8_t gf_div(uint8_t a, uint8_t b)
{
    return a ? gf_exp[gf_log[a] + 255 - gf_log[b]] : 0;
}

/* alpha^e for any integer e */
static uint8_t alpha_pow(int e)
{
    e %= 255;
    return gf_exp[e < 0 ? e + 255 : e];
}

/* p(x) = p[0] + p[1] x + ... + p[deg] x^deg */
static uint8_t poly_eval(const uint8_t *p, int deg, uint8_t x)
{
    uint8_t v = 0;
    for (int i = deg; i >= 0; i--)
        v = gf_mul(v, x) ^ p[i];
    return v;
}

/* ---------- encoding ---------- */

/* g(x) = (x - alpha^0)(x - alpha^1)...(x - alpha^(nsym-1)), lowest term first */
static void make_generator(uint8_t *g, int nsym)
{
    memset(g, 0, (size_t)nsym + 1);
    g[0] = 1;
    for (int i = 0; i < nsym; i++) {
        uint8_t root = alpha_pow(i);
        for (int j = i + 1; j > 0; j--)
            g[j] = g[j - 1] ^ gf_mul(g[j], root);
        g[0] = gf_mul(g[0], root);
    }
}

/* Codeword = message then the remainder of msg(x) x^nsym divided by g(x);
 * cw[0] is the coefficient of the highest power. */
static void rs_encode(const uint8_t *g, int nsym, const uint8_t *msg, int k, uint8_t *cw)
{
    uint8_t *reg = cw + k;
    memcpy(cw, msg, (size_t)k);
    memset(reg, 0, (size_t)nsym);
    for (int i = 0; i < k; i++) {
        uint8_t fb = msg[i] ^ reg[0];
        for (int j = 0; j < nsym - 1; j++)
            reg[j] = reg[j + 1] ^ gf_mul(fb, g[nsym - 1 - j]);
        reg[nsym - 1] = gf_mul(fb, g[0]);
    }
}

/* ---------- decoding ---------- */

/* s[j] = cw(alpha^j); returns whether any is nonzero. */
static int syndromes(const uint8_t *cw, int n, int nsym, uint8_t *s)
{
    int any = 0;
    for (int j = 0; j < nsym; j++) {
        uint8_t x = alpha_pow(j), v = 0;
        for (int i = 0; i < n; i++)
            v = gf_mul(v, x) ^ cw[i];
        s[j] = v;
        any |= v;
    }
    return any != 0;
}

/* Corrects cw in place given the positions of nerase erasures; returns
 * the number of symbols changed, or -1 if the errors are detected as
 * uncorrectable. */
static int rs_decode(uint8_t *cw, int n, int nsym, const int *erasures, int nerase)
{
    uint8_t s[MAX_N], lambda[MAX_N + 1] = {0}, b[MAX_N + 1] = {0}, t[MAX_N + 1], omega[MAX_N] = {0};
    int pos[MAX_N], nroots = 0, len, changed = 0;

    if (!syndromes(cw, n, nsym, s))
        return 0;
    if (nerase > nsym)
        return -1;

    /* Erasure locator: product of (1 - X x) with X = alpha^(n-1-position). */
    lambda[0] = 1;
    for (int e = 0; e < nerase; e++) {
        uint8_t x = alpha_pow(n - 1 - erasures[e]);
        for (int j = e + 1; j > 0; j--)
            lambda[j] ^= gf_mul(lambda[j - 1], x);
    }
    memcpy(b, lambda, sizeof(b));
    len = nerase;

    /* Berlekamp-Massey over the remaining syndromes. */
    for (int r = nerase; r < nsym; r++) {
        uint8_t delta = 0;
        for (int j = 0; j <= len && j <= r; j++)
            delta ^= gf_mul(lambda[j], s[r - j]);
        memmove(b + 1, b, MAX_N);
        b[0] = 0;
        if (!delta)
            continue;
        for (int j = 0; j <= MAX_N; j++)
            t[j] = lambda[j] ^ gf_mul(delta, b[j]);
        if (2 * len <= r + nerase) {
            len = r + 1 + nerase - len;
            for (int j = 0; j <= MAX_N; j++)
                b[j] = gf_div(lambda[j], delta);
        }
        memcpy(lambda, t, sizeof(t));
    }
    if (2 * len - nerase > nsym)
        return -1;

    /* Chien search: position i is in error when lambda(X^-1) = 0. */
    for (int i = 0; i < n; i++)
        if (poly_eval(lambda, len, alpha_pow(-(n - 1 - i))) == 0)
            pos[nroots++] = i;
    if (nroots != len)
        return -1;

    /* Forney: omega = s lambda mod x^nsym; value = X omega(X^-1) / lambda'(X^-1). */
    for (int i = 0; i < nsym; i++)
        for (int j = 0; j <= i && j <= len; j++)
            omega[i] ^= gf_mul(s[i - j], lambda[j]);
    for (int r = 0; r < nroots; r++) {
        uint8_t xinv = alpha_pow(-(n - 1 - pos[r])), num, den = 0;
        num = gf_mul(alpha_pow(n - 1 - pos[r]), poly_eval(omega, nsym - 1, xinv));
        for (int j = 1; j <= len; j += 2)
            den ^= gf_mul(lambda[j], alpha_pow(-(n - 1 - pos[r]) * (j - 1)));
        if (!den)
            return -1;
        uint8_t v = gf_div(num, den);
        cw[pos[r]] ^= v;
        changed += v != 0;
    }
    return syndromes(cw, n, nsym, s) ? -1 : changed;
}

/* ---------- tests ---------- */

/* "HELLO WORLD" as a version 1-M QR code: 16 data and 10 EC codewords. */
static int known_answer(void)
{
    static const uint8_t data[16] = {32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17};
    static const uint8_t ecc[10] = {196, 35, 39, 119, 235, 215, 231, 226, 93, 23};
    uint8_t g[11], cw[26];
    make_generator(g, 10);
    rs_encode(g, 10, data, 16, cw);
    return memcmp(cw + 16, ecc, 10) == 0;
}

int main(int argc, char **argv)
{
    int n, k, nsym;
    long nblocks;
    uint8_t g[MAX_N + 1], msg[MAX_N], cw[MAX_N], orig[MAX_N], s[MAX_N];
    int perm[MAX_N], erasures[MAX_N], ok;
    Tally tally[NCLASSES] = {{0}};
    uint32_t check = 2166136261u, gcheck = 2166136261u;
    unsigned long encode_bad = 0;

    if (argc != 5 || (n = atoi(argv[1])) < 3 || n > MAX_N || (k = atoi(argv[2])) < 1 || k >= n - 1 ||
        (nblocks = atol(argv[3])) < 1) {
        printf("usage: reedsolomon N K BLOCKS SEED (K < N - 1, N <= %d)\n", MAX_N);
        return 1;
    }
    rng_state = strtoull(argv[4], NULL, 10) | 1;
    nsym = n - k;
    gf_init();
    ok = known_answer();
    printf("known answer (QR 1-M HELLO WORLD): %s\n", ok ? "ok" : "WRONG");
    make_generator(g, nsym);
    for (int i = 0; i <= nsym; i++)
        gcheck = (gcheck ^ g[i]) * 16777619u;
    printf("RS(%d,%d): %d parity symbols, generator check %08x\n", n, k, nsym, (unsigned)gcheck);

    for (long blk = 0; blk < nblocks; blk++) {
        int budget = (int)(rng_next() % (unsigned)(nsym * 2 + 2)), nerase = 0, nerr, cls, r;
        for (int i = 0; i < k; i++)
            msg[i] = (uint8_t)rng_next();
        rs_encode(g, nsym, msg, k, cw);
        encode_bad += syndromes(cw, n, nsym, s);
        memcpy(orig, cw, (size_t)n);

        /* budget = 2 * errors + erasures, erasures in a third of the blocks */
        if (rng_next() % 3 == 0)
            nerase = (int)(rng_next() % (unsigned)(budget + 1));
        nerr = (budget - nerase) / 2;
        if (nerase > n)
            nerase = n;
        if (nerr > n - nerase)
            nerr = n - nerase;
        for (int i = 0; i < n; i++)
            perm[i] = i;
        for (int i = 0; i < nerase + nerr; i++) {
            int j = i + (int)(rng_next() % (unsigned)(n - i)), p = perm[j];
            perm[j] = perm[i];
            perm[i] = p;
            if (i < nerase) {
                erasures[i] = p;
                cw[p] = (uint8_t)rng_next();
            } else {
                cw[p] ^= (uint8_t)(1 + rng_next() % 255);
            }
        }
        budget = 2 * nerr + nerase;
        cls = budget <= nsym ? 0 : budget <= nsym + 4 ? 1 : 2;

        r = rs_decode(cw, n, nsym, erasures, nerase);
        tally[cls].blocks++;
        if (r < 0) {
            tally[cls].detected++;
        } else if (memcmp(cw, orig, (size_t)n) == 0) {
            tally[cls].corrected++;
            tally[cls].symbols += (unsigned long)r;
        } else {
            tally[cls].miscorrected++;
        }
        for (int i = 0; i < n; i++)
            check = (check ^ cw[i]) * 16777619u;
        check = (check ^ (uint32_t)(r + 1)) * 16777619u;
    }

    for (int c = 0; c < NCLASSES; c++)
        printf("%-16s blocks %6lu: corrected %6lu (%lu symbols), detected %6lu, miscorrected %6lu\n",
               class_names[c], tally[c].blocks, tally[c].corrected, tally[c].symbols, tally[c].detected,
               tally[c].miscorrected);
    printf("decoded check %08x\n", (unsigned)check);
    if (encode_bad || tally[0].corrected != tally[0].blocks)
        ok = 0;
    printf("%s\n", ok ? "all blocks within capacity corrected" : "DECODER CHECK FAILED");
    return ok ? 0 : 1;
}
