/*
 * xtea - the XTEA block cipher in ECB and CBC modes, and the RC4 stream
 * cipher.
 *
 * Usage: xtea SEED BLOCKS PASSES
 *
 * XTEA is first checked against a published test vector.  Then a
 * message of BLOCKS 8-byte blocks, held as big-endian 32-bit words, is
 * generated from SEED.  In each pass, under a key and IV of its own,
 * it is encrypted with XTEA-ECB, XTEA-CBC and RC4 (the 16 key bytes); a
 * checksum of each ciphertext is printed, and each is decrypted and
 * compared with the message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define DELTA 0x9e3779b9u
#define MAX_WORDS 2000000

/* The round function of XTEA: x mixed with the sum and a key word. */
static uint32_t mix(uint32_t x, uint32_t sum, const uint32_t *k, uint32_t sel)
{
    return (((x << 4) ^ (x >> 5)) + x) ^ (sum + k[sel & 3]);
}

/* One 64-bit block in place, 32 cycles (64 Feistel rounds). */
static void xtea_block(uint32_t *v, const uint32_t *k, int decrypt)
{
    uint32_t sum = decrypt ? DELTA * 32u : 0;
    int i;
    for (i = 0; i < 32; i++) {
        if (!decrypt) {
            v[0] += mix(v[1], sum, k, sum);
            sum += DELTA;
            v[1] += mix(v[0], sum, k, sum >> 11);
        } else {
            v[1] -= mix(v[0], sum, k, sum >> 11);
            sum -= DELTA;
            v[0] -= mix(v[1], sum, k, sum);
        }
    }
}

/* Encrypts or decrypts n words (whole blocks) in place: ECB when iv is
   NULL, otherwise CBC.  ECB is CBC with a chain value that stays zero. */
static void xtea_crypt(uint32_t *w, size_t n, const uint32_t *k,
                       const uint32_t *iv, int decrypt)
{
    uint32_t c[2] = {0, 0}, in[2];
    size_t i;
    if (iv != NULL)
        memcpy(c, iv, sizeof c);
    for (i = 0; i + 2 <= n; i += 2) {
        memcpy(in, w + i, sizeof in);
        if (!decrypt) {
            w[i] ^= c[0];
            w[i + 1] ^= c[1];
        }
        xtea_block(w + i, k, decrypt);
        if (decrypt) {
            w[i] ^= c[0];
            w[i + 1] ^= c[1];
        }
        if (iv != NULL)
            memcpy(c, decrypt ? in : w + i, sizeof c);
    }
}

/* The step shared by RC4's key schedule and its generator: j += s[i] +
   add, then s[i] and s[j] swap.  Returns the generator's output byte. */
static uint32_t rc4_step(uint8_t *s, unsigned i, unsigned *j, uint32_t add)
{
    uint8_t t = s[i];
    *j = (*j + t + add) & 255u;
    s[i] = s[*j];
    s[*j] = t;
    return s[(s[i] + t) & 255u];
}

/* XORs the n bytes of the big-endian words w with the RC4 key stream of
   the key k[0..3] (16 bytes, big-endian); the same call decrypts. */
static void rc4(const uint32_t *k, uint32_t *w, size_t n)
{
    uint8_t s[256];
    unsigned i, j = 0;
    size_t m;
    for (i = 0; i < 256; i++)
        s[i] = (uint8_t)i;
    for (i = 0; i < 256; i++)
        rc4_step(s, i, &j, k[i / 4 % 4] >> (24 - 8 * (i % 4)));
    for (m = 0, j = 0; m < n; m++)
        w[m / 4] ^= rc4_step(s, (unsigned)(m + 1) & 255u, &j, 0)
                    << (24 - 8 * (m % 4));
}

static int failures;

/* Encrypts a copy of the nw words of msg with XTEA-ECB (mode 0), XTEA-CBC
   (1) or RC4 (2) under the key k[0..3] (CBC's IV is k[4..5]), decrypts it
   again and checks the round trip.  Returns a checksum (FNV-1a over the
   words) of the ciphertext. */
static uint32_t round_trip(int mode, const uint32_t *msg, uint32_t *work,
                           size_t nw, const uint32_t *k)
{
    uint32_t h = 2166136261u;
    size_t i;
    int decrypt;
    memcpy(work, msg, nw * 4);
    for (decrypt = 0; decrypt < 2; decrypt++) {
        if (mode == 2)
            rc4(k, work, nw * 4);
        else
            xtea_crypt(work, nw, k, mode == 1 ? k + 4 : NULL, decrypt);
        for (i = 0; i < nw && !decrypt; i++)
            h = (h ^ work[i]) * 16777619u;
    }
    failures += memcmp(work, msg, nw * 4) != 0;
    return h;
}

/* A published XTEA vector: key, plaintext, ciphertext as big-endian
   words. */
static const uint32_t vector[8] = {
    0x00010203, 0x04050607, 0x08090a0b, 0x0c0d0e0f,
    0x41424344, 0x45464748, 0x497df3d0, 0x72612cb5
};

int main(int argc, char **argv)
{
    uint32_t *msg, k[6], seed[4] = {0, 0, 0, 0};
    size_t nw = argc == 4 ? 2 * (size_t)strtoul(argv[2], NULL, 10) : 0;
    int pass, mode;

    if (nw == 0 || nw > MAX_WORDS || (msg = malloc(nw * 8)) == NULL) {
        fprintf(stderr, "usage: xtea SEED BLOCKS PASSES\n");
        return 2;
    }
    memcpy(k, vector + 4, 8);
    xtea_crypt(k, 2, vector, NULL, 0);
    failures = k[0] != vector[6] || k[1] != vector[7];
    printf("xtea test vector: %08lx%08lx %s\n", (unsigned long)k[0],
           (unsigned long)k[1], failures ? "WRONG" : "ok");
    printf("checksums of the ciphertexts: ecb, cbc, rc4\n");

    /* The message, and each pass's key and IV, are RC4 key streams under
       keys made of the seed and the pass number.  The second half of msg
       is work space. */
    seed[0] = (uint32_t)strtoul(argv[1], NULL, 10);
    memset(msg, 0, nw * 4);
    rc4(seed, msg, nw * 4);
    for (pass = 1; pass <= atoi(argv[3]); pass++) {
        seed[1] = (uint32_t)pass;
        memset(k, 0, sizeof k);
        rc4(seed, k, sizeof k);
        printf("pass %d: key %08lx", pass, (unsigned long)k[0]);
        for (mode = 0; mode < 3; mode++)
            printf(" %08lx",
                   (unsigned long)round_trip(mode, msg, msg + nw, nw, k));
        printf("\n");
    }
    printf("%s\n", failures ? "CHECKS FAILED" : "all checks passed");
    free(msg);
    return failures ? 1 : 0;
}
