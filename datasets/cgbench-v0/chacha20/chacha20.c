/*
 * chacha20.c - the ChaCha20 stream cipher, the Poly1305 authenticator and
 * their AEAD combination, following the description in RFC 8439.
 *
 * Two block functions (one on an indexed state array, one on local
 * variables) and two Poly1305 implementations (26-bit limbs, and a plain
 * multi-word integer with 16-bit limbs) are kept so that each can be
 * checked against the other.  The RFC's test vectors are checked first.
 *
 * The input file is then encrypted with a fixed key and nonce, the first
 * ciphertext bytes and a Poly1305 digest of the ciphertext are printed,
 * and the text is decrypted again.  With an iteration count the program
 * wraps the text in that many layers of encryption under different nonces,
 * digests every layer, and peels the layers off again in reverse order.
 *
 * Usage: chacha20 FILE [ITERATIONS]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK_EVERY 64

static int failures = 0;

/* ---------- byte order helpers ---------- */

static uint32_t rotl32(uint32_t x, int n)
{
    return (x << n) | (x >> (32 - n));
}

static uint32_t load_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
           ((uint32_t)p[3] << 24);
}

static void store_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static void store_le64(uint8_t *p, uint64_t v)
{
    store_le32(p, (uint32_t)v);
    store_le32(p + 4, (uint32_t)(v >> 32));
}

/* ---------- ChaCha20 ---------- */

/* words 0-3: "expand 32-byte k"; 4-11: key; 12: block counter; 13-15: nonce */
static void chacha_setup(uint32_t *state, const uint8_t *key, uint32_t counter,
                         const uint8_t *nonce)
{
    static const char sigma[] = "expand 32-byte k";
    int i;
    for (i = 0; i < 4; i++)
        state[i] = load_le32((const uint8_t *)sigma + 4 * i);
    for (i = 0; i < 8; i++)
        state[4 + i] = load_le32(key + 4 * i);
    state[12] = counter;
    for (i = 0; i < 3; i++)
        state[13 + i] = load_le32(nonce + 4 * i);
}

static void quarter_round(uint32_t *s, int a, int b, int c, int d)
{
    s[a] += s[b]; s[d] ^= s[a]; s[d] = rotl32(s[d], 16);
    s[c] += s[d]; s[b] ^= s[c]; s[b] = rotl32(s[b], 12);
    s[a] += s[b]; s[d] ^= s[a]; s[d] = rotl32(s[d], 8);
    s[c] += s[d]; s[b] ^= s[c]; s[b] = rotl32(s[b], 7);
}

/* reference block function: twenty rounds as column and diagonal passes */
static void block_ref(const uint32_t *input, uint8_t *out)
{
    static const int lanes[8][4] = {
        {0, 4, 8, 12}, {1, 5, 9, 13}, {2, 6, 10, 14}, {3, 7, 11, 15},
        {0, 5, 10, 15}, {1, 6, 11, 12}, {2, 7, 8, 13}, {3, 4, 9, 14}};
    uint32_t w[16];
    int round, q, i;
    memcpy(w, input, sizeof w);
    for (round = 0; round < 10; round++)
        for (q = 0; q < 8; q++)
            quarter_round(w, lanes[q][0], lanes[q][1], lanes[q][2],
                          lanes[q][3]);
    for (i = 0; i < 16; i++)
        store_le32(out + 4 * i, w[i] + input[i]);
}

#define QR(a, b, c, d)                                                        \
    do {                                                                      \
        a += b; d ^= a; d = rotl32(d, 16);                                    \
        c += d; b ^= c; b = rotl32(b, 12);                                    \
        a += b; d ^= a; d = rotl32(d, 8);                                     \
        c += d; b ^= c; b = rotl32(b, 7);                                     \
    } while (0)

/* the same function on sixteen local words */
static void block_fast(const uint32_t *in, uint8_t *out)
{
    uint32_t x0 = in[0], x1 = in[1], x2 = in[2], x3 = in[3];
    uint32_t x4 = in[4], x5 = in[5], x6 = in[6], x7 = in[7];
    uint32_t x8 = in[8], x9 = in[9], x10 = in[10], x11 = in[11];
    uint32_t x12 = in[12], x13 = in[13], x14 = in[14], x15 = in[15];
    int i;
    for (i = 0; i < 10; i++) {
        QR(x0, x4, x8, x12);
        QR(x1, x5, x9, x13);
        QR(x2, x6, x10, x14);
        QR(x3, x7, x11, x15);
        QR(x0, x5, x10, x15);
        QR(x1, x6, x11, x12);
        QR(x2, x7, x8, x13);
        QR(x3, x4, x9, x14);
    }
    store_le32(out + 0, x0 + in[0]);
    store_le32(out + 4, x1 + in[1]);
    store_le32(out + 8, x2 + in[2]);
    store_le32(out + 12, x3 + in[3]);
    store_le32(out + 16, x4 + in[4]);
    store_le32(out + 20, x5 + in[5]);
    store_le32(out + 24, x6 + in[6]);
    store_le32(out + 28, x7 + in[7]);
    store_le32(out + 32, x8 + in[8]);
    store_le32(out + 36, x9 + in[9]);
    store_le32(out + 40, x10 + in[10]);
    store_le32(out + 44, x11 + in[11]);
    store_le32(out + 48, x12 + in[12]);
    store_le32(out + 52, x13 + in[13]);
    store_le32(out + 56, x14 + in[14]);
    store_le32(out + 60, x15 + in[15]);
}

/* streaming cipher: keystream bytes not yet used are kept for the next call */
typedef struct {
    uint32_t state[16];
    uint8_t stream[64];
    size_t used;
} ChaCha;

static void chacha_init(ChaCha *c, const uint8_t *key, uint32_t counter,
                        const uint8_t *nonce)
{
    chacha_setup(c->state, key, counter, nonce);
    c->used = 64;
}

static void chacha_xor(ChaCha *c, const uint8_t *in, uint8_t *out, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (c->used == 64) {
            block_fast(c->state, c->stream);
            c->state[12]++;
            c->used = 0;
        }
        out[i] = (uint8_t)(in[i] ^ c->stream[c->used++]);
    }
}

/* one-shot encryption with the reference block function */
static void chacha_xor_ref(const uint8_t *key, uint32_t counter,
                           const uint8_t *nonce, const uint8_t *in,
                           uint8_t *out, size_t n)
{
    uint32_t state[16];
    uint8_t block[64];
    size_t i, j;
    chacha_setup(state, key, counter, nonce);
    for (i = 0; i < n; i += 64) {
        block_ref(state, block);
        state[12]++;
        for (j = 0; j < 64 && i + j < n; j++)
            out[i + j] = (uint8_t)(in[i + j] ^ block[j]);
    }
}

/* ---------- Poly1305 with five 26-bit limbs ---------- */

#define LIMB_MASK 0x3FFFFFFu

typedef struct {
    uint32_t r[5], h[5], s[4];
    uint8_t buf[16];
    size_t used;
} Poly1305;

static void poly_init(Poly1305 *p, const uint8_t *key)
{
    /* clamp r: top four bits of bytes 3, 7, 11, 15 and low two bits of
       bytes 4, 8, 12 are cleared */
    uint32_t t0 = load_le32(key) & 0x0FFFFFFFu;
    uint32_t t1 = load_le32(key + 4) & 0x0FFFFFFCu;
    uint32_t t2 = load_le32(key + 8) & 0x0FFFFFFCu;
    uint32_t t3 = load_le32(key + 12) & 0x0FFFFFFCu;
    int i;
    p->r[0] = t0 & LIMB_MASK;
    p->r[1] = ((t0 >> 26) | (t1 << 6)) & LIMB_MASK;
    p->r[2] = ((t1 >> 20) | (t2 << 12)) & LIMB_MASK;
    p->r[3] = ((t2 >> 14) | (t3 << 18)) & LIMB_MASK;
    p->r[4] = t3 >> 8;
    for (i = 0; i < 4; i++)
        p->s[i] = load_le32(key + 16 + 4 * i);
    for (i = 0; i < 5; i++)
        p->h[i] = 0;
    p->used = 0;
}

/* h = (h + block + hibit * 2^128) * r  mod 2^130 - 5, limbs kept small */
static void poly_block(Poly1305 *p, const uint8_t *m, uint32_t hibit)
{
    uint32_t t0 = load_le32(m), t1 = load_le32(m + 4);
    uint32_t t2 = load_le32(m + 8), t3 = load_le32(m + 12);
    uint32_t *h = p->h;
    const uint32_t *r = p->r;
    uint32_t s1 = r[1] * 5, s2 = r[2] * 5, s3 = r[3] * 5, s4 = r[4] * 5;
    uint64_t d0, d1, d2, d3, d4;
    uint32_t c;

    h[0] += t0 & LIMB_MASK;
    h[1] += ((t0 >> 26) | (t1 << 6)) & LIMB_MASK;
    h[2] += ((t1 >> 20) | (t2 << 12)) & LIMB_MASK;
    h[3] += ((t2 >> 14) | (t3 << 18)) & LIMB_MASK;
    h[4] += (t3 >> 8) | hibit;

    /* terms reaching 2^130 or beyond come back multiplied by 5 */
    d0 = (uint64_t)h[0] * r[0] + (uint64_t)h[1] * s4 + (uint64_t)h[2] * s3 +
         (uint64_t)h[3] * s2 + (uint64_t)h[4] * s1;
    d1 = (uint64_t)h[0] * r[1] + (uint64_t)h[1] * r[0] + (uint64_t)h[2] * s4 +
         (uint64_t)h[3] * s3 + (uint64_t)h[4] * s2;
    d2 = (uint64_t)h[0] * r[2] + (uint64_t)h[1] * r[1] + (uint64_t)h[2] * r[0] +
         (uint64_t)h[3] * s4 + (uint64_t)h[4] * s3;
    d3 = (uint64_t)h[0] * r[3] + (uint64_t)h[1] * r[2] + (uint64_t)h[2] * r[1] +
         (uint64_t)h[3] * r[0] + (uint64_t)h[4] * s4;
    d4 = (uint64_t)h[0] * r[4] + (uint64_t)h[1] * r[3] + (uint64_t)h[2] * r[2] +
         (uint64_t)h[3] * r[1] + (uint64_t)h[4] * r[0];

    d1 += d0 >> 26;
    h[0] = (uint32_t)d0 & LIMB_MASK;
    d2 += d1 >> 26;
    h[1] = (uint32_t)d1 & LIMB_MASK;
    d3 += d2 >> 26;
    h[2] = (uint32_t)d2 & LIMB_MASK;
    d4 += d3 >> 26;
    h[3] = (uint32_t)d3 & LIMB_MASK;
    c = (uint32_t)(d4 >> 26);
    h[4] = (uint32_t)d4 & LIMB_MASK;
    h[0] += c * 5;
    h[1] += h[0] >> 26;
    h[0] &= LIMB_MASK;
}

static void poly_update(Poly1305 *p, const uint8_t *m, size_t n)
{
    while (n > 0) {
        if (p->used == 0 && n >= 16) {
            poly_block(p, m, 1u << 24);
            m += 16;
            n -= 16;
            continue;
        }
        p->buf[p->used++] = *m++;
        n--;
        if (p->used == 16) {
            poly_block(p, p->buf, 1u << 24);
            p->used = 0;
        }
    }
}

static void poly_finish(Poly1305 *p, uint8_t *tag)
{
    uint32_t *h = p->h, g[5], c;
    uint64_t f;
    int i;

    if (p->used > 0) {
        /* a short last block gets a 1 byte after it instead of bit 128 */
        p->buf[p->used] = 1;
        for (i = (int)p->used + 1; i < 16; i++)
            p->buf[i] = 0;
        poly_block(p, p->buf, 0);
    }
    /* carry until every limb is below 2^26, so h < 2^130 */
    do {
        c = 0;
        for (i = 0; i < 5; i++) {
            h[i] += c;
            c = h[i] >> 26;
            h[i] &= LIMB_MASK;
        }
        h[0] += c * 5;
    } while (c != 0);
    /* h < 2^130 < 2p: subtract p once if h + 5 reaches 2^130 */
    c = 5;
    for (i = 0; i < 5; i++) {
        g[i] = h[i] + c;
        c = g[i] >> 26;
        g[i] &= LIMB_MASK;
    }
    if (c)
        memcpy(h, g, sizeof g);
    /* h mod 2^128 plus s */
    f = (uint64_t)(h[0] | (h[1] << 26)) + p->s[0];
    store_le32(tag, (uint32_t)f);
    f = (uint64_t)((h[1] >> 6) | (h[2] << 20)) + p->s[1] + (f >> 32);
    store_le32(tag + 4, (uint32_t)f);
    f = (uint64_t)((h[2] >> 12) | (h[3] << 14)) + p->s[2] + (f >> 32);
    store_le32(tag + 8, (uint32_t)f);
    f = (uint64_t)((h[3] >> 18) | (h[4] << 8)) + p->s[3] + (f >> 32);
    store_le32(tag + 12, (uint32_t)f);
}

static void poly1305(const uint8_t *key, const uint8_t *m, size_t n,
                     uint8_t *tag)
{
    Poly1305 p;
    poly_init(&p, key);
    poly_update(&p, m, n);
    poly_finish(&p, tag);
}

/* ---------- Poly1305 on plain multi-word integers ---------- */

/* numbers are little-endian arrays of 16-bit limbs, held in wider words */
#define BIG_LIMBS 9
#define WIDE_LIMBS 18

/* reduce a normalised wide number modulo p = 2^130 - 5 into out */
static void big_reduce(uint64_t *t, uint32_t *out)
{
    static const uint32_t p_limbs[BIG_LIMBS] = {0xFFFB, 0xFFFF, 0xFFFF, 0xFFFF,
                                                0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF,
                                                0x3};
    int i, more = 1;
    while (more) {
        /* t = (t mod 2^130) + 5 * (t >> 130) */
        uint64_t high[WIDE_LIMBS], carry = 0;
        more = 0;
        for (i = 0; i < WIDE_LIMBS; i++) {
            uint64_t lo = i + 8 < WIDE_LIMBS ? t[i + 8] >> 2 : 0;
            uint64_t hi = i + 9 < WIDE_LIMBS ? (t[i + 9] & 3) << 14 : 0;
            high[i] = lo | hi;
        }
        t[8] &= 3;
        for (i = 9; i < WIDE_LIMBS; i++)
            t[i] = 0;
        for (i = 0; i < WIDE_LIMBS; i++) {
            t[i] += 5 * high[i] + carry;
            carry = t[i] >> 16;
            t[i] &= 0xFFFF;
            if (i >= 8 && (i > 8 ? t[i] != 0 : (t[i] >> 2) != 0))
                more = 1;
        }
    }
    /* now t < 2^130; subtract p if t >= p */
    for (i = BIG_LIMBS - 1; i >= 0; i--)
        if (t[i] != p_limbs[i])
            break;
    if (i < 0 || t[i] > p_limbs[i]) {
        int64_t borrow = 0;
        for (i = 0; i < BIG_LIMBS; i++) {
            int64_t v = (int64_t)t[i] - p_limbs[i] - borrow;
            borrow = v < 0;
            t[i] = (uint64_t)(v + (borrow ? 0x10000 : 0));
        }
    }
    for (i = 0; i < BIG_LIMBS; i++)
        out[i] = (uint32_t)t[i];
}

static void big_mulmod(uint32_t *a, const uint32_t *r)
{
    uint64_t t[WIDE_LIMBS], carry = 0;
    int i, j;
    memset(t, 0, sizeof t);
    for (i = 0; i < BIG_LIMBS; i++)
        for (j = 0; j < BIG_LIMBS; j++)
            t[i + j] += (uint64_t)a[i] * r[j];
    for (i = 0; i < WIDE_LIMBS; i++) {
        t[i] += carry;
        carry = t[i] >> 16;
        t[i] &= 0xFFFF;
    }
    big_reduce(t, a);
}

static void poly1305_simple(const uint8_t *key, const uint8_t *m, size_t n,
                            uint8_t *tag)
{
    uint8_t rbytes[16];
    uint32_t r[BIG_LIMBS], acc[BIG_LIMBS];
    size_t pos;
    uint32_t carry;
    int i;

    memcpy(rbytes, key, 16);
    for (i = 3; i < 16; i += 4)
        rbytes[i] &= 0x0F;
    for (i = 4; i < 16; i += 4)
        rbytes[i] &= 0xFC;
    for (i = 0; i < BIG_LIMBS; i++) {
        r[i] = i < 8 ? (uint32_t)rbytes[2 * i] | ((uint32_t)rbytes[2 * i + 1] << 8)
                     : 0;
        acc[i] = 0;
    }
    for (pos = 0; pos < n; pos += 16) {
        uint8_t chunk[18];
        size_t len = n - pos < 16 ? n - pos : 16, k;
        memset(chunk, 0, sizeof chunk);
        memcpy(chunk, m + pos, len);
        chunk[len] = 1;
        carry = 0;
        for (k = 0; k < BIG_LIMBS; k++) {
            uint32_t limb = (uint32_t)chunk[2 * k] | ((uint32_t)chunk[2 * k + 1] << 8);
            acc[k] += limb + carry;
            carry = acc[k] >> 16;
            acc[k] &= 0xFFFF;
        }
        big_mulmod(acc, r);
    }
    carry = 0;
    for (i = 0; i < 8; i++) {
        uint32_t v = acc[i] + ((uint32_t)key[16 + 2 * i] |
                               ((uint32_t)key[17 + 2 * i] << 8)) + carry;
        carry = v >> 16;
        tag[2 * i] = (uint8_t)v;
        tag[2 * i + 1] = (uint8_t)(v >> 8);
    }
}

/* ---------- AEAD (RFC 8439 section 2.8) ---------- */

static void poly_pad16(Poly1305 *p, size_t n)
{
    static const uint8_t zeros[16] = {0};
    if (n % 16)
        poly_update(p, zeros, 16 - n % 16);
}

static void aead_seal(const uint8_t *key, const uint8_t *nonce,
                      const uint8_t *aad, size_t aad_len, const uint8_t *in,
                      size_t n, uint8_t *out, uint8_t *tag)
{
    uint32_t state[16];
    uint8_t block[64], lengths[16];
    ChaCha c;
    Poly1305 p;

    /* one-time Poly1305 key: first half of the block with counter 0 */
    chacha_setup(state, key, 0, nonce);
    block_fast(state, block);
    poly_init(&p, block);
    chacha_init(&c, key, 1, nonce);
    chacha_xor(&c, in, out, n);
    poly_update(&p, aad, aad_len);
    poly_pad16(&p, aad_len);
    poly_update(&p, out, n);
    poly_pad16(&p, n);
    store_le64(lengths, (uint64_t)aad_len);
    store_le64(lengths + 8, (uint64_t)n);
    poly_update(&p, lengths, 16);
    poly_finish(&p, tag);
}

/* ---------- checking helpers ---------- */

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return 0;
}

static size_t from_hex(const char *hex, uint8_t *out)
{
    size_t n = 0;
    while (hex[0] && hex[1]) {
        out[n++] = (uint8_t)(hex_value(hex[0]) * 16 + hex_value(hex[1]));
        hex += 2;
    }
    return n;
}

static void print_hex(const uint8_t *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        printf("%02x", p[i]);
}

static void expect_hex(const char *what, const uint8_t *got, const char *hex)
{
    uint8_t want[256];
    size_t n = from_hex(hex, want);
    if (memcmp(got, want, n) != 0) {
        printf("MISMATCH %s\n  got      ", what);
        print_hex(got, n);
        printf("\n  expected %s\n", hex);
        failures++;
    }
}

static uint32_t prng_state = 0x9E3779B9u;

static uint32_t prng_next(void)
{
    uint32_t x = prng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    prng_state = x;
    return x;
}

/* ---------- test vectors of RFC 8439 ---------- */

static const char *sunscreen =
    "Ladies and Gentlemen of the class of '99: If I could offer you only one "
    "tip for the future, sunscreen would be it.";

static void test_chacha(void)
{
    uint32_t s[16], state[16];
    uint8_t key[32], nonce[12], block[64], block2[64], out[128];
    int i;

    /* 2.1.1: one quarter round */
    s[0] = 0x11111111u;
    s[1] = 0x01020304u;
    s[2] = 0x9B8D6F43u;
    s[3] = 0x01234567u;
    quarter_round(s, 0, 1, 2, 3);
    if (s[0] != 0xEA2A92F4u || s[1] != 0xCB1CF8CEu || s[2] != 0x4581472Eu ||
        s[3] != 0x5881C4BBu) {
        printf("MISMATCH quarter round\n");
        failures++;
    }
    printf("quarter round (RFC 8439 2.1.1): %08lx %08lx %08lx %08lx\n",
           (unsigned long)s[0], (unsigned long)s[1], (unsigned long)s[2],
           (unsigned long)s[3]);

    /* 2.3.2: the block function */
    for (i = 0; i < 32; i++)
        key[i] = (uint8_t)i;
    from_hex("000000090000004a00000000", nonce);
    chacha_setup(state, key, 1, nonce);
    block_ref(state, block);
    block_fast(state, block2);
    expect_hex("block function (reference)", block,
               "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
               "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e");
    expect_hex("block function (fast)", block2,
               "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
               "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e");
    printf("block function (RFC 8439 2.3.2): ");
    print_hex(block, 16);
    printf("...\n");

    /* 2.4.2: encryption */
    from_hex("000000000000004a00000000", nonce);
    {
        ChaCha c;
        size_t n = strlen(sunscreen);
        const char *want =
            "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
            "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
            "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
            "5af90bbf74a35be6b40b8eedf2785e42874d";
        chacha_xor_ref(key, 1, nonce, (const uint8_t *)sunscreen, out, n);
        expect_hex("encryption (reference)", out, want);
        chacha_init(&c, key, 1, nonce);
        chacha_xor(&c, (const uint8_t *)sunscreen, out, 50);
        chacha_xor(&c, (const uint8_t *)sunscreen + 50, out + 50, n - 50);
        expect_hex("encryption (fast, in two parts)", out, want);
        printf("encryption (RFC 8439 2.4.2): %lu bytes, ", (unsigned long)n);
        print_hex(out, 8);
        printf("...\n");
    }
}

static void test_poly1305(void)
{
    static const char *vectors[5][3] = {
        /* 2.5.2 and edge cases of appendix A.3 (key, message, tag) */
        {"85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b",
         "43727970746f6772617068696320466f72756d2052657365617263682047726f7570",
         "a8061dc1305136c6c22b8baf0c0127a9"},
        {"0200000000000000000000000000000000000000000000000000000000000000",
         "ffffffffffffffffffffffffffffffff", "03000000000000000000000000000000"},
        {"02000000000000000000000000000000ffffffffffffffffffffffffffffffff",
         "02000000000000000000000000000000", "03000000000000000000000000000000"},
        {"0100000000000000000000000000000000000000000000000000000000000000",
         "fffffffffffffffffffffffffffffffff0ffffffffffffffffffffffffffffff"
         "11000000000000000000000000000000",
         "05000000000000000000000000000000"},
        /* all-ones key; the message (100 bytes of ff) is built below */
        {"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "",
         "b99c030d7ce939bb6607393e68656f22"}};
    uint8_t key[32], msg[128], tag[16], tag2[16];
    uint8_t nonce[12], block[64];
    uint32_t state[16];
    int v, agree = 0, trials;

    for (v = 0; v < 5; v++) {
        size_t n;
        from_hex(vectors[v][0], key);
        if (v == 4) {
            n = 100;
            memset(msg, 0xFF, n);
        } else {
            n = from_hex(vectors[v][1], msg);
        }
        poly1305(key, msg, n, tag);
        poly1305_simple(key, msg, n, tag2);
        expect_hex("poly1305 (limbs)", tag, vectors[v][2]);
        expect_hex("poly1305 (simple)", tag2, vectors[v][2]);
    }
    printf("Poly1305 (RFC 8439 2.5.2 and 4 edge cases): ");
    from_hex(vectors[0][0], key);
    poly1305(key, (const uint8_t *)"Cryptographic Forum Research Group", 34,
             tag);
    print_hex(tag, 16);
    printf("\n");

    /* 2.6.2: key generation */
    for (v = 0; v < 32; v++)
        key[v] = (uint8_t)(0x80 + v);
    from_hex("000000000001020304050607", nonce);
    chacha_setup(state, key, 0, nonce);
    block_fast(state, block);
    expect_hex("poly1305 key generation", block,
               "8ad5a08b905f81cc815040274ab29471a833b637e3fd0da508dbb8e2fdd1a646");

    /* the two implementations on random keys and messages of all lengths */
    for (trials = 0; trials < 300; trials++) {
        size_t n = (size_t)trials % 97, i;
        for (i = 0; i < 32; i++)
            key[i] = (uint8_t)(prng_next() >> 24);
        for (i = 0; i < n; i++)
            msg[i] = (uint8_t)(trials % 3 == 0 ? 0xFF : prng_next() >> 24);
        poly1305(key, msg, n, tag);
        poly1305_simple(key, msg, n, tag2);
        if (memcmp(tag, tag2, 16) == 0)
            agree++;
    }
    printf("Poly1305 implementations agree on %d of 300 random cases\n", agree);
    if (agree != 300)
        failures++;
}

static void test_aead(void)
{
    uint8_t key[32], nonce[12], aad[12], out[128], tag[16];
    size_t n = strlen(sunscreen);
    int i;
    for (i = 0; i < 32; i++)
        key[i] = (uint8_t)(0x80 + i);
    from_hex("070000004041424344454647", nonce);
    from_hex("50515253c0c1c2c3c4c5c6c7", aad);
    aead_seal(key, nonce, aad, 12, (const uint8_t *)sunscreen, n, out, tag);
    expect_hex("AEAD ciphertext", out,
               "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
               "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
               "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
               "3ff4def08e4b7a9de576d26586cec64b6116");
    expect_hex("AEAD tag", tag, "1ae10b594f09e26a7e902ecbd0600691");
    printf("AEAD ChaCha20-Poly1305 (RFC 8439 2.8.2): tag ");
    print_hex(tag, 16);
    printf("\n");
}

/* ---------- the file ---------- */

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

static void layer_nonce(const uint8_t *base, uint32_t layer, uint8_t *nonce)
{
    memcpy(nonce, base, 12);
    store_le32(nonce + 8, load_le32(base + 8) ^ layer);
}

static void process(const uint8_t *data, size_t len, long layers)
{
    static const char label[] = "cgbench chacha20";
    uint8_t key[32], nonce[12], lnonce[12], tag[16], tag2[16], digest[16];
    uint8_t mac_key[32];
    uint8_t *ct = malloc(len + 1), *back = malloc(len + 1);
    ChaCha c;
    Poly1305 chain;
    size_t pos, piece;
    long layer, checked = 0;
    int i, ok;

    if (!ct || !back) {
        printf("out of memory\n");
        failures++;
        free(ct);
        free(back);
        return;
    }
    for (i = 0; i < 32; i++)
        key[i] = (uint8_t)(0x5A ^ (i * 37));
    from_hex("4a1c9e00d27b33f0615c08a7", nonce);

    /* one layer, three ways */
    chacha_init(&c, key, 1, nonce);
    chacha_xor(&c, data, ct, len);
    chacha_xor_ref(key, 1, nonce, data, back, len);
    ok = len == 0 || memcmp(ct, back, len) == 0;
    chacha_init(&c, key, 1, nonce);
    for (pos = 0, piece = 1; pos < len; pos += piece, piece = piece % 150 + 7)
        chacha_xor(&c, ct + pos, back + pos, len - pos < piece ? len - pos : piece);
    ok = ok && (len == 0 || memcmp(back, data, len) == 0);
    printf("input: %lu bytes\n", (unsigned long)len);
    printf("ciphertext starts ");
    print_hex(ct, len < 32 ? len : 32);
    printf("\n");
    aead_seal(key, nonce, (const uint8_t *)label, strlen(label), data, len,
              back, tag);
    ok = ok && (len == 0 || memcmp(back, ct, len) == 0);
    printf("AEAD tag   ");
    print_hex(tag, 16);
    printf("\n");
    memcpy(mac_key, key, 32);
    poly1305(mac_key, ct, len, tag);
    poly1305_simple(mac_key, ct, len, tag2);
    ok = ok && memcmp(tag, tag2, 16) == 0;
    printf("Poly1305 of ciphertext under the cipher key ");
    print_hex(tag, 16);
    printf("\nround trip and cross-checks: %s\n", ok ? "ok" : "FAILED");
    if (!ok)
        failures++;
    if (layers <= 0) {
        free(ct);
        free(back);
        return;
    }

    /* many layers: encrypt in place, digest every layer's ciphertext with
       the one-time key of that layer, then remove the layers again */
    memcpy(back, data, len);
    for (i = 0; i < 32; i++)
        mac_key[i] = (uint8_t)(i * 11 + 1);
    poly_init(&chain, mac_key);
    for (layer = 1; layer <= layers; layer++) {
        uint8_t one_time[64];
        uint32_t state[16];
        layer_nonce(nonce, (uint32_t)layer, lnonce);
        chacha_setup(state, key, 0, lnonce);
        block_fast(state, one_time);
        chacha_init(&c, key, 1, lnonce);
        chacha_xor(&c, back, back, len);
        poly1305(one_time, back, len, tag);
        if (layer % CHECK_EVERY == 0) {
            poly1305_simple(one_time, back, len, tag2);
            if (memcmp(tag, tag2, 16) == 0)
                checked++;
            else
                failures++;
        }
        poly_update(&chain, tag, 16);
    }
    poly_finish(&chain, digest);
    printf("%ld layers: digest of layer tags ", layers);
    print_hex(digest, 16);
    printf("\n  outermost layer starts ");
    print_hex(back, len < 16 ? len : 16);
    printf("\n");
    for (layer = layers; layer >= 1; layer--) {
        layer_nonce(nonce, (uint32_t)layer, lnonce);
        if (layer % CHECK_EVERY == 0)
            chacha_xor_ref(key, 1, lnonce, back, back, len);
        else {
            chacha_init(&c, key, 1, lnonce);
            chacha_xor(&c, back, back, len);
        }
    }
    ok = len == 0 || memcmp(back, data, len) == 0;
    printf("  layers removed: %s, %ld tags checked twice\n",
           ok ? "text restored" : "TEXT DIFFERS", checked);
    if (!ok)
        failures++;
    free(ct);
    free(back);
}

int main(int argc, char **argv)
{
    uint8_t *data;
    size_t len = 0;
    long layers = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: chacha20 FILE [ITERATIONS]\n");
        return 2;
    }
    if (argc > 2)
        layers = strtol(argv[2], NULL, 10);
    test_chacha();
    test_poly1305();
    test_aead();
    data = read_file(argv[1], &len);
    if (!data) {
        printf("cannot read input\n");
        return 1;
    }
    process(data, len, layers);
    free(data);
    printf("%s\n", failures ? "RESULT: FAILED" : "RESULT: all checks passed");
    return failures ? 1 : 0;
}
