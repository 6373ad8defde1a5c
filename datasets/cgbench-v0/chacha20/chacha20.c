/*
 * chacha20.c - the ChaCha20 stream cipher, following the description in
 * RFC 8439, with Poly1305 (same RFC) as the digest of encrypted text.
 *
 * Two block functions are kept, one on an indexed state array and one on
 * local variables, so that each can be checked against the other.  The
 * RFC's test vectors (quarter round, block function, encryption, Poly1305
 * and its one-time key generation) are checked first.
 *
 * The input file is then encrypted with a fixed key and nonce; the first
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

/* splits 16 little-endian bytes into five 26-bit limbs */
static void to_limbs(const uint8_t *m, uint32_t *limb)
{
    uint32_t t0 = load_le32(m), t1 = load_le32(m + 4);
    uint32_t t2 = load_le32(m + 8), t3 = load_le32(m + 12);
    limb[0] = t0 & LIMB_MASK;
    limb[1] = ((t0 >> 26) | (t1 << 6)) & LIMB_MASK;
    limb[2] = ((t1 >> 20) | (t2 << 12)) & LIMB_MASK;
    limb[3] = ((t2 >> 14) | (t3 << 18)) & LIMB_MASK;
    limb[4] = t3 >> 8;
}

static void poly_init(Poly1305 *p, const uint8_t *key)
{
    uint8_t r[16];
    int i;
    /* clamp r: clear the top four bits of bytes 3, 7, 11, 15 and the low
       two bits of bytes 4, 8, 12 */
    memcpy(r, key, 16);
    for (i = 3; i < 16; i += 4) {
        r[i] &= 0x0F;
        if (i < 15)
            r[i + 1] &= 0xFC;
    }
    to_limbs(r, p->r);
    for (i = 0; i < 4; i++)
        p->s[i] = load_le32(key + 16 + 4 * i);
    for (i = 0; i < 5; i++)
        p->h[i] = 0;
    p->used = 0;
}

/* h = (h + block + hibit * 2^128) * r  mod 2^130 - 5, limbs kept small */
static void poly_block(Poly1305 *p, const uint8_t *m, uint32_t hibit)
{
    uint32_t msg[5], *h = p->h;
    uint64_t d[5], carry = 0;
    int i, j;

    to_limbs(m, msg);
    msg[4] |= hibit;
    for (i = 0; i < 5; i++)
        h[i] += msg[i];
    for (i = 0; i < 5; i++) {
        d[i] = 0;
        for (j = 0; j < 5; j++) {
            /* limb j times limb i - j; a product reaching 2^130 comes back
               multiplied by 5, since 2^130 = 5 modulo the prime */
            uint64_t rl = j <= i ? p->r[i - j] : (uint64_t)p->r[i - j + 5] * 5;
            d[i] += (uint64_t)h[j] * rl;
        }
    }
    for (i = 0; i < 5; i++) {
        d[i] += carry;
        h[i] = (uint32_t)d[i] & LIMB_MASK;
        carry = d[i] >> 26;
    }
    carry = h[0] + carry * 5;
    h[0] = (uint32_t)carry & LIMB_MASK;
    h[1] += (uint32_t)(carry >> 26);
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
    uint64_t f = 0;
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
    /* (h + s) mod 2^128, as 32-bit words */
    for (i = 0; i < 4; i++) {
        uint32_t word = (h[i] >> (6 * i)) | (h[i + 1] << (26 - 6 * i));
        f += (uint64_t)word + p->s[i];
        store_le32(tag + 4 * i, (uint32_t)f);
        f >>= 32;
    }
}

static void poly1305(const uint8_t *key, const uint8_t *m, size_t n,
                     uint8_t *tag)
{
    Poly1305 p;
    poly_init(&p, key);
    poly_update(&p, m, n);
    poly_finish(&p, tag);
}

/* ---------- checking helpers ---------- */

static int hex_value(char c)
{
    return c <= '9' ? c - '0' : c - 'a' + 10;
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

static void print_hex(const char *label, const uint8_t *p, size_t n)
{
    size_t i;
    printf("%s", label);
    for (i = 0; i < n; i++)
        printf("%02x", p[i]);
    printf("\n");
}

static void expect_hex(const char *what, const uint8_t *got, const char *hex)
{
    uint8_t want[128];
    size_t n = from_hex(hex, want);
    if (memcmp(got, want, n) != 0) {
        printf("MISMATCH %s, expected %s\n", what, hex);
        print_hex("  got ", got, n);
        failures++;
    }
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
    print_hex("block function (RFC 8439 2.3.2): ", block, 64);

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
        print_hex("encryption (RFC 8439 2.4.2): ", out, 16);
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
    uint8_t key[32], msg[100], tag[16], nonce[12], block[64];
    uint32_t state[16];
    int v;

    for (v = 4; v >= 0; v--) {
        size_t n;
        from_hex(vectors[v][0], key);
        if (v == 4) {
            n = sizeof msg;
            memset(msg, 0xFF, n);
        } else {
            n = from_hex(vectors[v][1], msg);
        }
        poly1305(key, msg, n, tag);
        expect_hex("poly1305", tag, vectors[v][2]);
    }
    print_hex("Poly1305 (RFC 8439 2.5.2 and 4 edge cases): ", tag, 16);

    /* 2.6.2: one-time key generation from the block with counter 0 */
    for (v = 0; v < 32; v++)
        key[v] = (uint8_t)(0x80 + v);
    from_hex("000000000001020304050607", nonce);
    chacha_setup(state, key, 0, nonce);
    block_fast(state, block);
    expect_hex("poly1305 key generation", block,
               "8ad5a08b905f81cc815040274ab29471a833b637e3fd0da508dbb8e2fdd1a646");
}

/* ---------- the file ---------- */

#define MAX_INPUT 65536

static uint8_t data[MAX_INPUT], ct[MAX_INPUT], back[MAX_INPUT];

static void layer_nonce(const uint8_t *base, uint32_t layer, uint8_t *nonce)
{
    memcpy(nonce, base, 12);
    store_le32(nonce + 8, load_le32(base + 8) ^ layer);
}

/* digest of one encryption: Poly1305 of the ciphertext under the one-time
   key taken from the keystream block with counter 0 */
static void layer_tag(const uint8_t *key, const uint8_t *nonce,
                      const uint8_t *text, size_t len, uint8_t *tag)
{
    uint32_t state[16];
    uint8_t one_time[64];
    chacha_setup(state, key, 0, nonce);
    block_fast(state, one_time);
    poly1305(one_time, text, len, tag);
}

static void process(size_t len, long layers)
{
    uint8_t key[32], nonce[12], lnonce[12], tag[16];
    ChaCha c;
    Poly1305 chain;
    size_t pos, piece;
    long layer, checked = 0;
    int i, ok;

    for (i = 0; i < 32; i++)
        key[i] = (uint8_t)(0x5A ^ (i * 37));
    from_hex("4a1c9e00d27b33f0615c08a7", nonce);

    /* one layer: fast and reference keystreams must agree, and decrypting
       in irregular pieces must restore the text */
    chacha_init(&c, key, 1, nonce);
    chacha_xor(&c, data, ct, len);
    chacha_xor_ref(key, 1, nonce, data, back, len);
    ok = memcmp(ct, back, len) == 0;
    chacha_init(&c, key, 1, nonce);
    for (pos = 0, piece = 1; pos < len; pos += piece, piece = piece % 150 + 7)
        chacha_xor(&c, ct + pos, back + pos, len - pos < piece ? len - pos : piece);
    ok = ok && memcmp(back, data, len) == 0;
    printf("input: %lu bytes\n", (unsigned long)len);
    print_hex("ciphertext starts ", ct, len < 32 ? len : 32);
    layer_tag(key, nonce, ct, len, tag);
    print_hex("ciphertext digest ", tag, 16);
    printf("round trip: %s\n", ok ? "ok" : "FAILED");
    if (!ok)
        failures++;
    if (layers <= 0)
        return;

    /* many layers: encrypt in place under a nonce per layer, digest every
       layer, then remove the layers again in reverse order, every
       CHECK_EVERY-th one with the reference block function */
    memcpy(back, data, len);
    poly_init(&chain, key);
    for (layer = 1; layer <= layers; layer++) {
        layer_nonce(nonce, (uint32_t)layer, lnonce);
        chacha_init(&c, key, 1, lnonce);
        chacha_xor(&c, back, back, len);
        layer_tag(key, lnonce, back, len, tag);
        poly_update(&chain, tag, 16);
    }
    poly_finish(&chain, tag);
    printf("%ld layers\n", layers);
    print_hex("  digest of layer digests ", tag, 16);
    print_hex("  outermost layer starts ", back, len < 16 ? len : 16);
    for (layer = layers; layer >= 1; layer--) {
        layer_nonce(nonce, (uint32_t)layer, lnonce);
        if (layer % CHECK_EVERY == 0) {
            chacha_xor_ref(key, 1, lnonce, back, back, len);
            checked++;
        } else {
            chacha_init(&c, key, 1, lnonce);
            chacha_xor(&c, back, back, len);
        }
    }
    ok = memcmp(back, data, len) == 0;
    printf("  layers removed (%ld by the reference function): %s\n", checked,
           ok ? "text restored" : "TEXT DIFFERS");
    if (!ok)
        failures++;
}

int main(int argc, char **argv)
{
    FILE *f;
    size_t len;
    long layers = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: chacha20 FILE [ITERATIONS]\n");
        return 2;
    }
    if (argc > 2)
        layers = strtol(argv[2], NULL, 10);
    test_chacha();
    test_poly1305();
    f = fopen(argv[1], "rb");
    if (!f) {
        printf("cannot read input\n");
        return 1;
    }
    len = fread(data, 1, MAX_INPUT, f);
    fclose(f);
    process(len, layers);
    printf("%s\n", failures ? "RESULT: FAILED" : "RESULT: all checks passed");
    return failures ? 1 : 0;
}
