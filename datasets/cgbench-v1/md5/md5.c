/*
 * md5: MD5 (RFC 1321) and HMAC-MD5 (RFC 2104).
 *
 * Usage: md5 FILE|- NBYTES SEED
 *
 * Checks the RFC 1321 test suite and the RFC 2202 HMAC-MD5 cases, prints
 * the digest of every line of FILE (or standard input) and a keyed digest
 * of the whole input, then hashes an NBYTES stream made from SEED both
 * in one piece and in pieces of varying size, which must agree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

typedef struct {
    uint32_t h[4];
    uint64_t len;               /* message bytes so far */
    unsigned char buf[64];
    unsigned fill;
} Md5;

/* floor(2^32 * |sin(i + 1)|) for step i. */
static const uint32_t sine[64] = {
    0xd76aa478u, 0xe8c7b756u, 0x242070dbu, 0xc1bdceeeu,
    0xf57c0fafu, 0x4787c62au, 0xa8304613u, 0xfd469501u,
    0x698098d8u, 0x8b44f7afu, 0xffff5bb1u, 0x895cd7beu,
    0x6b901122u, 0xfd987193u, 0xa679438eu, 0x49b40821u,
    0xf61e2562u, 0xc040b340u, 0x265e5a51u, 0xe9b6c7aau,
    0xd62f105du, 0x02441453u, 0xd8a1e681u, 0xe7d3fbc8u,
    0x21e1cde6u, 0xc33707d6u, 0xf4d50d87u, 0x455a14edu,
    0xa9e3e905u, 0xfcefa3f8u, 0x676f02d9u, 0x8d2a4c8au,
    0xfffa3942u, 0x8771f681u, 0x6d9d6122u, 0xfde5380cu,
    0xa4beea44u, 0x4bdecfa9u, 0xf6bb4b60u, 0xbebfbc70u,
    0x289b7ec6u, 0xeaa127fau, 0xd4ef3085u, 0x04881d05u,
    0xd9d4d039u, 0xe6db99e5u, 0x1fa27cf8u, 0xc4ac5665u,
    0xf4292244u, 0x432aff97u, 0xab9423a7u, 0xfc93a039u,
    0x655b59c3u, 0x8f0ccc92u, 0xffeff47du, 0x85845dd1u,
    0x6fa87e4fu, 0xfe2ce6e0u, 0xa3014314u, 0x4e0811a1u,
    0xf7537e82u, 0xbd3af235u, 0x2ad7d2bbu, 0xeb86d391u,
};

/* Left-rotation amounts: four per round, used in turn. */
static const unsigned char shifts[4][4] = {
    {7, 12, 17, 22}, {5, 9, 14, 20}, {4, 11, 16, 23}, {6, 10, 15, 21}
};

/* One 64-byte block: four rounds of sixteen steps, each round with its
 * own mixing function and order of message words. */
static void md5_block(uint32_t h[4], const unsigned char *p)
{
    uint32_t x[16] = {0}, a = h[0], b = h[1], c = h[2], d = h[3];
    int i;

    for (i = 0; i < 64; i++)            /* little-endian words */
        x[i / 4] |= (uint32_t)p[i] << (8 * (i % 4));
    for (i = 0; i < 64; i++) {
        uint32_t f, t;
        int round = i / 16;
        unsigned s = shifts[round][i & 3];
        /* Word j of round r: j, 5j+1, 3j+5, 7j (mod 16). */
        unsigned g = (unsigned)((0x7351 >> (4 * round)) & 15) * (unsigned)i +
                     (unsigned)((0x0510 >> (4 * round)) & 15);
        if (round == 0)
            f = (b & c) | (~b & d);
        else if (round == 1)
            f = (b & d) | (c & ~d);
        else if (round == 2)
            f = b ^ c ^ d;
        else
            f = c ^ (b | ~d);
        t = a + f + sine[i] + x[g & 15];
        a = d;
        d = c;
        c = b;
        b += (t << s) | (t >> (32 - s));
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
}

static void md5_init(Md5 *m)
{
    static const uint32_t start[4] = {
        0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u
    };
    memcpy(m->h, start, sizeof(start));
    m->len = 0;
    m->fill = 0;
}

static void md5_update(Md5 *m, const void *data, size_t n)
{
    const unsigned char *p = data;

    m->len += n;
    while (n-- > 0) {
        m->buf[m->fill++] = *p++;
        if (m->fill == 64) {
            md5_block(m->h, m->buf);
            m->fill = 0;
        }
    }
}

/* Pads with 0x80, zeros to 56 mod 64 and the bit length (little-endian). */
static void md5_final(Md5 *m, unsigned char out[16])
{
    uint64_t bits = m->len * 8;
    unsigned char c = 0x80;
    int i;

    do {
        md5_update(m, &c, 1);
        c = 0;
    } while (m->fill != 56);
    for (i = 0; i < 8; i++) {
        c = (unsigned char)(bits >> (8 * i));
        md5_update(m, &c, 1);
    }
    for (i = 0; i < 16; i++)
        out[i] = (unsigned char)(m->h[i / 4] >> (8 * (i % 4)));
}

static void md5(const void *p, size_t n, unsigned char out[16])
{
    Md5 m;
    md5_init(&m);
    md5_update(&m, p, n);
    md5_final(&m, out);
}

/* MD5((K ^ opad) || MD5((K ^ ipad) || msg)), K padded (or hashed) to 64. */
static void hmac_md5(const void *key, size_t klen, const void *msg, size_t n,
                     unsigned char out[16])
{
    unsigned char k[64], ipad[64], opad[64];
    Md5 m;
    int i;

    memset(k, 0, sizeof(k));
    if (klen > 64)
        md5(key, klen, k);
    else
        memcpy(k, key, klen);
    for (i = 0; i < 64; i++) {
        ipad[i] = k[i] ^ 0x36;
        opad[i] = k[i] ^ 0x5c;
    }
    md5_init(&m);
    md5_update(&m, ipad, 64);
    md5_update(&m, msg, n);
    md5_final(&m, out);
    md5_init(&m);
    md5_update(&m, opad, 64);
    md5_update(&m, out, 16);
    md5_final(&m, out);
}

static const char *hex(const unsigned char *d, int n)
{
    static char s[33];
    int i;
    for (i = 0; i < n; i++)
        sprintf(s + 2 * i, "%02x", d[i]);
    return s;
}

#define AA10 "\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa\xaa"
#define DD10 "\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd\xdd"
#define CD10 "\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd\xcd"

/* key (NULL for plain MD5), key length, message, length, digest bytes
 * compared, expected digest. */
static const struct {
    const char *key;
    size_t klen;
    const char *msg;
    size_t mlen;
    int bytes;
    const char *want;
} tests[] = {
    {NULL, 0, "", 0, 16, "d41d8cd98f00b204e9800998ecf8427e"},
    {NULL, 0, "a", 1, 16, "0cc175b9c0f1b6a831c399e269772661"},
    {NULL, 0, "abc", 3, 16, "900150983cd24fb0d6963f7d28e17f72"},
    {NULL, 0, "message digest", 14, 16, "f96b697d7cb7938d525a2f31aaf161d0"},
    {NULL, 0, "abcdefghijklmnopqrstuvwxyz", 26, 16,
     "c3fcd3d76192e4007dfb496cca67e13b"},
    {NULL, 0, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
     62, 16, "d174ab98d277d9f5a5611c2c9f419d9f"},
    {NULL, 0, "1234567890123456789012345678901234567890"
              "1234567890123456789012345678901234567890",
     80, 16, "57edf4a22be3c955ac49da2e2107b67a"},
    {"\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b\x0b", 16,
     "Hi There", 8, 16, "9294727a3638bb1c13f48ef8158bfc9d"},
    {"Jefe", 4, "what do ya want for nothing?", 28, 16,
     "750c783e6ab0b503eaa86e310a5db738"},
    {AA10 "\xaa\xaa\xaa\xaa\xaa\xaa", 16, DD10 DD10 DD10 DD10 DD10, 50, 16,
     "56be34521d144c88dbb8c733f0e8b3f6"},
    {"\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10"
     "\x11\x12\x13\x14\x15\x16\x17\x18\x19", 25,
     CD10 CD10 CD10 CD10 CD10, 50, 16, "697eaf0aca3a3aea3a75164746ffaa79"},
    {"\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x0c", 16,
     "Test With Truncation", 20, 12, "56461ef2342edc00f9bab995"},
    {AA10 AA10 AA10 AA10 AA10 AA10 AA10 AA10, 80,
     "Test Using Larger Than Block-Size Key - Hash Key First", 54, 16,
     "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd"},
    {AA10 AA10 AA10 AA10 AA10 AA10 AA10 AA10, 80,
     "Test Using Larger Than Block-Size Key and Larger Than One Block-Size "
     "Data", 73, 16, "6f630fad67cda0ee1fb1f562db3aa53e"},
};

#define MAX_INPUT (1 << 20)
#define MAX_STREAM (1 << 22)

static unsigned char buf[MAX_STREAM];

int main(int argc, char **argv)
{
    static const char file_key[] = "line key";
    unsigned char d[16], d2[16];
    size_t n, got, i, start, pos, pieces = 0;
    unsigned long nbytes, lines = 0;
    uint64_t rng;
    int t, failures = 0;
    FILE *f;
    Md5 m;

    if (argc != 4) {
        fprintf(stderr, "usage: md5 FILE|- NBYTES SEED\n");
        return 2;
    }
    for (t = 0; t < (int)(sizeof(tests) / sizeof(tests[0])); t++) {
        const char *got_hex;
        int ok;
        if (tests[t].key)
            hmac_md5(tests[t].key, tests[t].klen, tests[t].msg, tests[t].mlen, d);
        else
            md5(tests[t].msg, tests[t].mlen, d);
        got_hex = hex(d, tests[t].bytes);
        ok = strcmp(got_hex, tests[t].want) == 0;
        printf("test %2d: %s %s\n", t + 1, got_hex, ok ? "ok" : "MISMATCH");
        failures += !ok;
    }

    /* Lines of the input, each hashed without its newline. */
    f = strcmp(argv[1], "-") == 0 ? stdin : fopen(argv[1], "rb");
    if (f == NULL) {
        printf("cannot read %s\n", argv[1]);
        return 1;
    }
    n = fread(buf, 1, MAX_INPUT, f);
    if (f != stdin)
        fclose(f);
    for (start = 0; start < n; start = i + 1) {
        for (i = start; i < n && buf[i] != '\n'; i++)
            ;
        md5(buf + start, i - start, d);
        printf("line %3lu %s %.*s\n", ++lines, hex(d, 16), (int)(i - start),
               (char *)buf + start);
    }
    hmac_md5(file_key, sizeof(file_key) - 1, buf, n, d);
    printf("%lu lines, HMAC-MD5 of input %s\n", lines, hex(d, 16));

    /* Seeded stream: whole, then in pieces of 0..199 bytes. */
    nbytes = strtoul(argv[2], NULL, 10);
    rng = strtoul(argv[3], NULL, 10);
    if (nbytes > MAX_STREAM)
        nbytes = MAX_STREAM;
    for (i = 0; i < nbytes; i++) {
        /* 64-bit LCG (Knuth's MMIX constants) picking letters. */
        rng = rng * 6364136223846793005u + 1442695040888963407u;
        buf[i] = (unsigned char)"etaoin shrdlu cmfwyp"[(rng >> 48) % 20];
    }
    md5(buf, nbytes, d);
    md5_init(&m);
    for (pos = 0; pos < nbytes; pos += got, pieces++) {
        got = (pos * 7919 + pieces) % 200;
        if (got > nbytes - pos)
            got = nbytes - pos;
        md5_update(&m, buf + pos, got);
    }
    md5_final(&m, d2);
    printf("stream of %lu bytes: md5 %s", nbytes, hex(d, 16));
    printf(", in %lu pieces %s\n", (unsigned long)pieces,
           memcmp(d, d2, 16) ? "DIFFERS" : "agrees");
    failures += memcmp(d, d2, 16) != 0;
    hmac_md5(d, 16, buf, nbytes, d2);
    printf("stream HMAC-MD5 keyed by its digest %s\n", hex(d2, 16));
    if (failures) {
        printf("%d checks FAILED\n", failures);
        return 1;
    }
    printf("all checks passed\n");
    return 0;
}
