/*
 * sha256.c - SHA-256 and SHA-1 message digests (FIPS 180-4) of the lines of
 * a text file and of the whole file.
 *
 * The round constants and initial hash values of both algorithms are not
 * typed in: they are derived at start-up from the square and cube roots of
 * small primes (and of 2, 3, 5, 10 for SHA-1), using a floating-point
 * estimate that is then corrected with exact multi-word integer arithmetic.
 * The standard test vectors are checked before any file is read.
 *
 * For the file the program prints the digests of the first lines, a digest
 * over all line digests, and the digests of the whole file; the whole-file
 * digests are computed three ways (one call, irregular pieces, line by line)
 * which must agree.  An optional iteration count then runs a digest chain
 * in which every step hashes the step number, the previous digests and the
 * file contents.
 *
 * Usage: sha256 FILE [ITERATIONS]
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHOWN_LINES 10
#define NLIMB 6

/* ---------- constants from roots of primes ---------- */

static uint32_t sha256_k[64];
static uint32_t sha256_h0[8];
static uint32_t sha1_k[4];

/* Is x^degree greater than p * 2^(32*degree)?  Exact, with 32-bit limbs. */
static int power_exceeds(uint64_t x, int degree, uint32_t p)
{
    uint32_t acc[NLIMB], tmp[NLIMB], b[2];
    int k, i, j;

    memset(acc, 0, sizeof acc);
    acc[0] = 1;
    b[0] = (uint32_t)x;
    b[1] = (uint32_t)(x >> 32);
    for (k = 0; k < degree; k++) {
        memset(tmp, 0, sizeof tmp);
        for (i = 0; i < NLIMB; i++) {
            uint64_t carry = 0;
            for (j = 0; j < 2 && i + j < NLIMB; j++) {
                uint64_t t = (uint64_t)acc[i] * b[j] + tmp[i + j] + carry;
                tmp[i + j] = (uint32_t)t;
                carry = t >> 32;
            }
            if (i + 2 < NLIMB)
                tmp[i + 2] = (uint32_t)carry;
        }
        memcpy(acc, tmp, sizeof acc);
    }
    for (i = NLIMB - 1; i >= 0; i--) {
        uint32_t want = (i == degree) ? p : 0;
        if (acc[i] != want)
            return acc[i] > want;
    }
    return 0;
}

/* floor(p^(1/degree) * 2^32) */
static uint64_t scaled_root(uint32_t p, int degree)
{
    double estimate = pow((double)p, 1.0 / degree) * 4294967296.0;
    uint64_t x = (uint64_t)estimate;
    while (x > 0 && power_exceeds(x, degree, p))
        x--;
    while (!power_exceeds(x + 1, degree, p))
        x++;
    return x;
}

static void derive_constants(void)
{
    static const uint32_t sha1_bases[4] = {2, 3, 5, 10};
    uint32_t primes[64];
    uint32_t candidate = 2;
    int found = 0, i;

    while (found < 64) {
        int is_prime = 1;
        for (i = 0; i < found && primes[i] * primes[i] <= candidate; i++)
            if (candidate % primes[i] == 0) {
                is_prime = 0;
                break;
            }
        if (is_prime)
            primes[found++] = candidate;
        candidate++;
    }
    for (i = 0; i < 64; i++)
        sha256_k[i] = (uint32_t)scaled_root(primes[i], 3);
    for (i = 0; i < 8; i++)
        sha256_h0[i] = (uint32_t)scaled_root(primes[i], 2);
    for (i = 0; i < 4; i++)
        sha1_k[i] = (uint32_t)(scaled_root(sha1_bases[i], 2) >> 2);
}

/* ---------- common block buffering ---------- */

typedef struct {
    uint32_t h[8];
    uint64_t total;            /* bytes hashed so far */
    unsigned char block[64];
    size_t used;               /* bytes waiting in block */
    void (*compress)(uint32_t *h, const unsigned char *block);
    int words;                 /* digest length in 32-bit words */
} Hasher;

static uint32_t rotl(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }
static uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static uint32_t load_be32(const unsigned char *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
           ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

static void store_be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

static void hasher_update(Hasher *s, const unsigned char *data, size_t n)
{
    s->total += n;
    if (s->used > 0) {
        size_t take = 64 - s->used;
        if (take > n)
            take = n;
        memcpy(s->block + s->used, data, take);
        s->used += take;
        data += take;
        n -= take;
        if (s->used < 64)
            return;
        s->compress(s->h, s->block);
        s->used = 0;
    }
    while (n >= 64) {
        s->compress(s->h, data);
        data += 64;
        n -= 64;
    }
    if (n > 0) {
        memcpy(s->block, data, n);
        s->used = n;
    }
}

/* Both algorithms pad the same way: 0x80, zeros, 64-bit big-endian length. */
static void hasher_final(Hasher *s, unsigned char *out)
{
    uint64_t bits = s->total * 8u;
    int i;
    s->block[s->used++] = 0x80;
    if (s->used > 56) {
        memset(s->block + s->used, 0, 64 - s->used);
        s->compress(s->h, s->block);
        s->used = 0;
    }
    memset(s->block + s->used, 0, 56 - s->used);
    for (i = 0; i < 8; i++)
        s->block[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
    s->compress(s->h, s->block);
    for (i = 0; i < s->words; i++)
        store_be32(out + 4 * i, s->h[i]);
}

/* ---------- SHA-256 ---------- */

static void sha256_compress(uint32_t *h, const unsigned char *block)
{
    uint32_t w[64];
    uint32_t a, b, c, d, e, f, g, hh;
    int t;

    for (t = 0; t < 16; t++)
        w[t] = load_be32(block + 4 * t);
    for (t = 16; t < 64; t++) {
        uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
        uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    a = h[0]; b = h[1]; c = h[2]; d = h[3];
    e = h[4]; f = h[5]; g = h[6]; hh = h[7];
    for (t = 0; t < 64; t++) {
        uint32_t big1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
        uint32_t choose = (e & f) ^ (~e & g);
        uint32_t t1 = hh + big1 + choose + sha256_k[t] + w[t];
        uint32_t big0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
        uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
        uint32_t t2 = big0 + majority;
        hh = g; g = f; f = e;
        e = d + t1;
        d = c; c = b; b = a;
        a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d;
    h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
}

static void sha256_init(Hasher *s)
{
    memcpy(s->h, sha256_h0, sizeof sha256_h0);
    s->total = 0;
    s->used = 0;
    s->compress = sha256_compress;
    s->words = 8;
}

/* ---------- SHA-1 (16-word circular message schedule) ---------- */

static void sha1_compress(uint32_t *h, const unsigned char *block)
{
    uint32_t w[16];
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    int t;

    for (t = 0; t < 16; t++)
        w[t] = load_be32(block + 4 * t);
    for (t = 0; t < 80; t++) {
        uint32_t f, temp;
        int s = t & 15;
        if (t >= 16)
            w[s] = rotl(w[(s + 13) & 15] ^ w[(s + 8) & 15] ^ w[(s + 2) & 15] ^
                        w[s], 1);
        if (t < 20)
            f = (b & c) | (~b & d);
        else if (t < 40 || t >= 60)
            f = b ^ c ^ d;
        else
            f = (b & c) | (b & d) | (c & d);
        temp = rotl(a, 5) + f + e + sha1_k[t / 20] + w[s];
        e = d;
        d = c;
        c = rotl(b, 30);
        b = a;
        a = temp;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
}

static void sha1_init(Hasher *s)
{
    s->h[0] = 0x67452301u;
    s->h[1] = 0xEFCDAB89u;
    s->h[2] = 0x98BADCFEu;
    s->h[3] = 0x10325476u;
    s->h[4] = 0xC3D2E1F0u;
    s->total = 0;
    s->used = 0;
    s->compress = sha1_compress;
    s->words = 5;
}

/* ---------- helpers ---------- */

static int failures = 0;

static void digest(int use_sha1, const void *data, size_t n, unsigned char *out)
{
    Hasher s;
    if (use_sha1)
        sha1_init(&s);
    else
        sha256_init(&s);
    hasher_update(&s, (const unsigned char *)data, n);
    hasher_final(&s, out);
}

static void to_hex(const unsigned char *d, int n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    int i;
    for (i = 0; i < n; i++) {
        out[2 * i] = digits[d[i] >> 4];
        out[2 * i + 1] = digits[d[i] & 15];
    }
    out[2 * n] = '\0';
}

static void check_hex(const char *what, const unsigned char *d, int n,
                      const char *want)
{
    char hex[80];
    to_hex(d, n, hex);
    if (strcmp(hex, want) != 0) {
        printf("MISMATCH %s: %s\n  expected %s\n", what, hex, want);
        failures++;
    }
}

static void self_test(void)
{
    static const char *msgs[4] = {
        "abc", "",
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
         "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")};
    static const char *want256[4] = {
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"};
    static const char *want1[4] = {
        "a9993e364706816aba3e25717850c26c9cd0d89d",
        "da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
        "a49b2446a02c645bf419f995b67091253a04a259"};
    unsigned char out[32];
    Hasher s2, s1;
    int i;
    size_t k, n;

    if (sha256_k[0] != 0x428A2F98u || sha256_k[63] != 0xC67178F2u ||
        sha256_h0[0] != 0x6A09E667u || sha256_h0[7] != 0x5BE0CD19u ||
        sha1_k[0] != 0x5A827999u || sha1_k[3] != 0xCA62C1D6u) {
        printf("MISMATCH derived constants\n");
        failures++;
    }
    for (i = 0; i < 4; i++) {
        digest(0, msgs[i], strlen(msgs[i]), out);
        check_hex("sha256 vector", out, 32, want256[i]);
        digest(1, msgs[i], strlen(msgs[i]), out);
        check_hex("sha1 vector", out, 20, want1[i]);
    }
    /* the same messages again, fed one byte at a time */
    for (i = 0; i < 4; i++) {
        const unsigned char *m = (const unsigned char *)msgs[i];
        n = strlen(msgs[i]);
        sha256_init(&s2);
        sha1_init(&s1);
        for (k = 0; k < n; k++) {
            hasher_update(&s2, m + k, 1);
            hasher_update(&s1, m + k, 1);
        }
        hasher_final(&s2, out);
        check_hex("sha256 vector bytewise", out, 32, want256[i]);
        hasher_final(&s1, out);
        check_hex("sha1 vector bytewise", out, 20, want1[i]);
    }
    printf("self-test (4 vectors each for SHA-256 and SHA-1): %s\n",
           failures ? "FAILED" : "ok");
}

static unsigned char *read_file(const char *name, size_t *len)
{
    FILE *f = fopen(name, "rb");
    unsigned char *buf = NULL;
    size_t cap = 0, n = 0, got;
    if (!f)
        return NULL;
    do {
        if (n == cap) {
            unsigned char *nb;
            cap = cap ? cap * 2 : 4096;
            nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    *len = n;
    return buf;
}

/* ---------- the file ---------- */

static void report_lines(const unsigned char *buf, size_t len,
                         unsigned char *by_lines256, unsigned char *by_lines1)
{
    Hasher list256, list1, whole256, whole1;
    unsigned char d256[32], d1[20];
    char hex[80];
    size_t start = 0, i;
    unsigned long lines = 0;

    sha256_init(&list256);
    sha1_init(&list1);
    sha256_init(&whole256);
    sha1_init(&whole1);
    for (i = 0; i <= len; i++) {
        size_t n;
        if (i < len && buf[i] != '\n')
            continue;
        if (i == len && start == len)
            break;
        n = i - start;
        digest(0, buf + start, n, d256);
        digest(1, buf + start, n, d1);
        lines++;
        if (lines <= SHOWN_LINES) {
            to_hex(d256, 32, hex);
            printf("line %lu (%lu bytes)\n  sha256 %s\n", lines,
                   (unsigned long)n, hex);
            to_hex(d1, 20, hex);
            printf("  sha1   %s\n", hex);
        }
        hasher_update(&list256, d256, 32);
        hasher_update(&list1, d1, 20);
        /* the line with its newline continues the whole-file digests */
        hasher_update(&whole256, buf + start, i < len ? n + 1 : n);
        hasher_update(&whole1, buf + start, i < len ? n + 1 : n);
        start = i + 1;
    }
    hasher_final(&list256, d256);
    hasher_final(&list1, d1);
    printf("lines: %lu\n", lines);
    to_hex(d256, 32, hex);
    printf("sha256 of line digests %s\n", hex);
    to_hex(d1, 20, hex);
    printf("sha1 of line digests   %s\n", hex);
    hasher_final(&whole256, by_lines256);
    hasher_final(&whole1, by_lines1);
}

/* feed the data in pieces of 1, 2, 3, ... 97, 1, 2, ... bytes */
static void digest_in_pieces(int use_sha1, const unsigned char *buf,
                             size_t len, unsigned char *out)
{
    Hasher s;
    size_t pos = 0, piece = 1;
    if (use_sha1)
        sha1_init(&s);
    else
        sha256_init(&s);
    while (pos < len) {
        size_t n = len - pos < piece ? len - pos : piece;
        hasher_update(&s, buf + pos, n);
        pos += n;
        piece = piece % 97 + 1;
    }
    hasher_final(&s, out);
}

static void report_whole(const unsigned char *buf, size_t len,
                         const unsigned char *by_lines256,
                         const unsigned char *by_lines1)
{
    unsigned char d[32], other[32];
    char hex[80];

    digest(0, buf, len, d);
    to_hex(d, 32, hex);
    printf("file sha256 %s\n", hex);
    digest_in_pieces(0, buf, len, other);
    if (memcmp(d, other, 32) != 0 || memcmp(d, by_lines256, 32) != 0) {
        printf("MISMATCH sha256 of file by pieces or by lines\n");
        failures++;
    }
    digest(1, buf, len, d);
    to_hex(d, 20, hex);
    printf("file sha1   %s\n", hex);
    digest_in_pieces(1, buf, len, other);
    if (memcmp(d, other, 20) != 0 || memcmp(d, by_lines1, 20) != 0) {
        printf("MISMATCH sha1 of file by pieces or by lines\n");
        failures++;
    }
}

static void digest_chain(const unsigned char *buf, size_t len, long steps)
{
    unsigned char d256[32], d1[20], counter[4];
    char hex[80];
    long i;

    memset(d256, 0, sizeof d256);
    memset(d1, 0, sizeof d1);
    for (i = 1; i <= steps; i++) {
        Hasher s2, s1;
        store_be32(counter, (uint32_t)i);
        sha256_init(&s2);
        hasher_update(&s2, counter, 4);
        hasher_update(&s2, d1, 20);
        hasher_update(&s2, buf, len);
        sha1_init(&s1);
        hasher_update(&s1, counter, 4);
        hasher_update(&s1, d256, 32);
        hasher_update(&s1, buf, len);
        hasher_final(&s2, d256);
        hasher_final(&s1, d1);
    }
    printf("chain of %ld steps\n", steps);
    to_hex(d256, 32, hex);
    printf("  sha256 %s\n", hex);
    to_hex(d1, 20, hex);
    printf("  sha1   %s\n", hex);
}

int main(int argc, char **argv)
{
    unsigned char *buf, by_lines256[32], by_lines1[20];
    size_t len = 0;
    long steps = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: sha256 FILE [ITERATIONS]\n");
        return 2;
    }
    if (argc > 2)
        steps = strtol(argv[2], NULL, 10);
    derive_constants();
    self_test();
    buf = read_file(argv[1], &len);
    if (!buf) {
        printf("cannot read input\n");
        return 1;
    }
    printf("input: %lu bytes\n", (unsigned long)len);
    report_lines(buf, len, by_lines256, by_lines1);
    report_whole(buf, len, by_lines256, by_lines1);
    if (steps > 0)
        digest_chain(buf, len, steps);
    free(buf);
    printf("%s\n", failures ? "RESULT: FAILED" : "RESULT: all checks passed");
    return failures ? 1 : 0;
}
