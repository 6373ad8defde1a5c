/*
 * main.c - AES-128 test driver.
 *
 * Checks the cipher against the examples of FIPS-197 (appendices A.1, B and
 * C.1) and the AES-128 ECB, CBC and CTR examples of SP 800-38A, cross-checks
 * the five block routines on pseudo-random keys and blocks, then encrypts
 * the input file in ECB, CBC and CTR modes, decrypts it again with every
 * matching routine and prints checksums of the ciphertexts.  An optional
 * round count then re-keys from the previous ciphertext and repeats the CBC
 * round trip that many times.
 *
 * Usage: aes FILE [ROUNDS]
 */
#include "aes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RANDOM_TRIALS 100
#define REFERENCE_EVERY 16

static int failures = 0;

/* ---------- small helpers ---------- */

static uint32_t prng_state = 0x2545F491u;

static uint32_t prng_next(void)
{
    /* xorshift32 */
    uint32_t x = prng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    prng_state = x;
    return x;
}

static void random_bytes(uint8_t *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        p[i] = (uint8_t)(prng_next() >> 24);
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
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

static void expect_bytes(const char *what, const uint8_t *got,
                         const uint8_t *want, size_t n)
{
    if (memcmp(got, want, n) != 0) {
        printf("MISMATCH %s\n  got      ", what);
        print_hex(got, n);
        printf("\n  expected ");
        print_hex(want, n);
        printf("\n");
        failures++;
    }
}

static void expect_hex(const char *what, const uint8_t *got, const char *hex)
{
    uint8_t want[64];
    size_t n = from_hex(hex, want);
    expect_bytes(what, got, want, n);
}

/* 64-bit FNV-1a, kept as two 32-bit halves for printing */
static uint64_t fnv1a(const uint8_t *p, size_t n)
{
    uint64_t h = 0xCBF29CE484222325u;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001B3u;
    }
    return h;
}

static void print_u64(uint64_t v)
{
    printf("%08lx%08lx", (unsigned long)(v >> 32),
           (unsigned long)(v & 0xFFFFFFFFu));
}

/* ---------- known-answer tests ---------- */

static const AesBlockFn encryptors[2] = {aes_encrypt_ref, aes_encrypt_fast};
static const AesBlockFn decryptors[3] = {aes_decrypt_ref, aes_decrypt_equiv,
                                         aes_decrypt_fast};

static void block_vector(const char *name, const char *key_hex,
                         const char *plain_hex, const char *cipher_hex)
{
    AesKey key;
    uint8_t k[16], plain[16], out[16];
    int i;
    from_hex(key_hex, k);
    from_hex(plain_hex, plain);
    aes_expand_key(&key, k);
    for (i = 0; i < 2; i++) {
        encryptors[i](&key, plain, out);
        expect_hex(name, out, cipher_hex);
    }
    from_hex(cipher_hex, out);
    for (i = 0; i < 3; i++) {
        uint8_t back[16];
        decryptors[i](&key, out, back);
        expect_bytes(name, back, plain, 16);
    }
    printf("%-28s %s -> %s\n", name, plain_hex, cipher_hex);
}

static void test_sboxes(int problems)
{
    if (problems) {
        printf("MISMATCH: %d problems while building tables\n", problems);
        failures++;
    }
    if (aes_sbox[0x00] != 0x63 || aes_sbox[0x01] != 0x7C ||
        aes_sbox[0x53] != 0xED || aes_sbox[0xFF] != 0x16 ||
        aes_inv_sbox[0x00] != 0x52) {
        printf("MISMATCH: S-box entries\n");
        failures++;
    }
    printf("S-box: S(00)=%02x S(01)=%02x S(53)=%02x S(ff)=%02x, "
           "inverse S(00)=%02x\n",
           aes_sbox[0x00], aes_sbox[0x01], aes_sbox[0x53], aes_sbox[0xFF],
           aes_inv_sbox[0x00]);
}

static void test_key_expansion(void)
{
    static const uint32_t want[8] = {0xA0FAFE17u, 0x88542CB1u, 0x23A33939u,
                                     0x2A6C7605u, 0xD014F9A8u, 0xC9EE2589u,
                                     0xE13F0CC8u, 0xB6630CA6u};
    static const int index[8] = {4, 5, 6, 7, 40, 41, 42, 43};
    AesKey key;
    uint8_t k[16];
    int i;
    from_hex("2b7e151628aed2a6abf7158809cf4f3c", k);
    aes_expand_key(&key, k);
    for (i = 0; i < 8; i++)
        if (key.w[index[i]] != want[i]) {
            printf("MISMATCH key schedule word %d: %08lx\n", index[i],
                   (unsigned long)key.w[index[i]]);
            failures++;
        }
    printf("key expansion (FIPS-197 A.1): w[4]=%08lx w[43]=%08lx\n",
           (unsigned long)key.w[4], (unsigned long)key.w[43]);
}

static void test_modes(void)
{
    static const char *key_hex = "2b7e151628aed2a6abf7158809cf4f3c";
    static const char *plain_hex[4] = {
        "6bc1bee22e409f96e93d7e117393172a", "ae2d8a571e03ac9c9eb76fac45af8e51",
        "30c81c46a35ce411e5fbc1191a0a52ef", "f69f2445df4f9b17ad2b417be66c3710"};
    static const char *ecb_hex[4] = {
        "3ad77bb40d7a3660a89ecaf32466ef97", "f5d3d58503b9699de785895a96fdbaaf",
        "43b1cd7f598ece23881b00e3ed030688", "7b0c785e27e8ad3f8223207104725dd4"};
    static const char *cbc_hex[4] = {
        "7649abac8119b246cee98e9b12e9197d", "5086cb9b507219ee95db113a917678b2",
        "73bed6b8e3c1743b7116e69e22229516", "3ff1caa1681fac09120eca307586e1a7"};
    static const char *ctr_hex[4] = {
        "874d6191b620e3261bef6864990db6ce", "9806f66b7970fdff8617187bb9fffdff",
        "5ae4df3edbd5d35e5b4f09020db03eab", "1e031dda2fbe03d1792170a0f3009cee"};
    AesKey key;
    uint8_t k[16], iv[16], ctr[16], plain[64], out[64], back[64];
    int i;

    from_hex(key_hex, k);
    from_hex("000102030405060708090a0b0c0d0e0f", iv);
    from_hex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff", ctr);
    for (i = 0; i < 4; i++)
        from_hex(plain_hex[i], plain + 16 * i);
    aes_expand_key(&key, k);

    for (i = 0; i < 2; i++) {
        int j;
        ecb_encrypt(&key, encryptors[i], plain, 64, out);
        for (j = 0; j < 4; j++)
            expect_hex("SP 800-38A ECB", out + 16 * j, ecb_hex[j]);
        cbc_encrypt(&key, encryptors[i], iv, plain, 64, out);
        for (j = 0; j < 4; j++)
            expect_hex("SP 800-38A CBC", out + 16 * j, cbc_hex[j]);
        cbc_decrypt(&key, decryptors[i + 1], iv, out, 64, back);
        expect_bytes("SP 800-38A CBC decrypt", back, plain, 64);
        ctr_crypt(&key, encryptors[i], ctr, plain, 64, out);
        for (j = 0; j < 4; j++)
            expect_hex("SP 800-38A CTR", out + 16 * j, ctr_hex[j]);
        ctr_crypt(&key, encryptors[i], ctr, out, 64, back);
        expect_bytes("SP 800-38A CTR decrypt", back, plain, 64);
    }
    for (i = 0; i < 4; i++)
        from_hex(ecb_hex[i], out + 16 * i);
    ecb_decrypt(&key, aes_decrypt_ref, out, 64, back);
    expect_bytes("SP 800-38A ECB decrypt", back, plain, 64);
    printf("SP 800-38A AES-128 ECB, CBC, CTR examples: 4 blocks each\n");
}

static void test_random_blocks(void)
{
    int t, agree = 0;
    for (t = 0; t < RANDOM_TRIALS; t++) {
        AesKey key;
        uint8_t k[16], plain[16], c0[16], c1[16], p0[16], p1[16], p2[16];
        random_bytes(k, 16);
        random_bytes(plain, 16);
        aes_expand_key(&key, k);
        aes_encrypt_ref(&key, plain, c0);
        aes_encrypt_fast(&key, plain, c1);
        aes_decrypt_ref(&key, c0, p0);
        aes_decrypt_equiv(&key, c0, p1);
        aes_decrypt_fast(&key, c1, p2);
        if (memcmp(c0, c1, 16) == 0 && memcmp(p0, plain, 16) == 0 &&
            memcmp(p1, plain, 16) == 0 && memcmp(p2, plain, 16) == 0)
            agree++;
    }
    printf("random keys and blocks: %d of %d agree in all routines\n", agree,
           RANDOM_TRIALS);
    if (agree != RANDOM_TRIALS)
        failures++;
}

static void test_padding(void)
{
    uint8_t in[40], padded[56];
    size_t n;
    int ok = 1;
    random_bytes(in, sizeof in);
    for (n = 0; n <= sizeof in; n++) {
        size_t len = pkcs7_pad(in, n, padded);
        if (len % AES_BLOCK != 0 || len <= n || len > n + AES_BLOCK ||
            pkcs7_unpad(padded, len) != (long)n || memcmp(padded, in, n) != 0)
            ok = 0;
    }
    padded[15] = 0;
    if (pkcs7_unpad(padded, 16) != -1)
        ok = 0;
    padded[15] = 17;
    if (pkcs7_unpad(padded, 16) != -1)
        ok = 0;
    printf("PKCS#7 padding of 0..%d bytes: %s\n", (int)sizeof in,
           ok ? "ok" : "FAILED");
    if (!ok)
        failures++;
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

static void summary(const char *mode, const uint8_t *ct, size_t n, int ok)
{
    printf("%s: %lu bytes, starts ", mode, (unsigned long)n);
    print_hex(ct, n < 16 ? n : 16);
    printf(", fnv1a-64 ");
    print_u64(fnv1a(ct, n));
    printf(", round trip %s\n", ok ? "ok" : "FAILED");
    if (!ok)
        failures++;
}

static int restores(const uint8_t *back, size_t padded_len,
                    const uint8_t *orig, size_t len)
{
    return pkcs7_unpad(back, padded_len) == (long)len &&
           memcmp(back, orig, len) == 0;
}

static void encrypt_file(const uint8_t *data, size_t len, const AesKey *key,
                         const uint8_t *iv)
{
    size_t cap = len + AES_BLOCK, padded_len;
    uint8_t *padded = malloc(cap), *ct = malloc(cap), *ct2 = malloc(cap);
    uint8_t *back = malloc(cap);
    int ok, i;

    if (!padded || !ct || !ct2 || !back) {
        printf("out of memory\n");
        failures++;
        free(padded);
        free(ct);
        free(ct2);
        free(back);
        return;
    }
    padded_len = pkcs7_pad(data, len, padded);

    /* ECB */
    ecb_encrypt(key, aes_encrypt_fast, padded, padded_len, ct);
    ecb_encrypt(key, aes_encrypt_ref, padded, padded_len, ct2);
    ok = memcmp(ct, ct2, padded_len) == 0;
    for (i = 0; i < 3; i++) {
        memset(back, 0, padded_len);
        ecb_decrypt(key, decryptors[i], ct, padded_len, back);
        ok = ok && restores(back, padded_len, data, len);
    }
    summary("ECB", ct, padded_len, ok);

    /* CBC */
    cbc_encrypt(key, aes_encrypt_fast, iv, padded, padded_len, ct);
    cbc_encrypt(key, aes_encrypt_ref, iv, padded, padded_len, ct2);
    ok = memcmp(ct, ct2, padded_len) == 0;
    for (i = 0; i < 3; i++) {
        memset(back, 0, padded_len);
        cbc_decrypt(key, decryptors[i], iv, ct, padded_len, back);
        ok = ok && restores(back, padded_len, data, len);
    }
    /* decrypting in place gives the same */
    memcpy(ct2, ct, padded_len);
    cbc_decrypt(key, aes_decrypt_fast, iv, ct2, padded_len, ct2);
    ok = ok && restores(ct2, padded_len, data, len);
    summary("CBC", ct, padded_len, ok);

    /* CTR: no padding, the same operation both ways */
    ctr_crypt(key, aes_encrypt_fast, iv, data, len, ct);
    ctr_crypt(key, aes_encrypt_ref, iv, data, len, ct2);
    ok = memcmp(ct, ct2, len) == 0;
    ctr_crypt(key, aes_encrypt_fast, iv, ct, len, back);
    ok = ok && memcmp(back, data, len) == 0;
    summary("CTR", ct, len, ok);

    free(padded);
    free(ct);
    free(ct2);
    free(back);
}

/* Each round takes its key from the base key and the last ciphertext
   block of the round before, encrypts and decrypts the padded file in CBC
   mode, and folds the ciphertext checksum into a running value. */
static void cbc_rounds(const uint8_t *data, size_t len, const uint8_t *base,
                       const uint8_t *iv, long rounds)
{
    size_t cap = len + AES_BLOCK, padded_len;
    uint8_t *padded = malloc(cap), *ct = malloc(cap), *back = malloc(cap);
    uint8_t last[AES_BLOCK], k[AES_BLOCK];
    uint64_t acc = 0;
    long r, verified = 0, referenced = 0;
    int j;

    if (!padded || !ct || !back) {
        printf("out of memory\n");
        failures++;
        free(padded);
        free(ct);
        free(back);
        return;
    }
    padded_len = pkcs7_pad(data, len, padded);
    memset(last, 0, sizeof last);
    for (r = 1; r <= rounds; r++) {
        AesKey key;
        for (j = 0; j < AES_BLOCK; j++)
            k[j] = (uint8_t)(base[j] ^ last[j]);
        aes_expand_key(&key, k);
        cbc_encrypt(&key, aes_encrypt_fast, iv, padded, padded_len, ct);
        cbc_decrypt(&key, aes_decrypt_fast, iv, ct, padded_len, back);
        if (restores(back, padded_len, data, len))
            verified++;
        if (r % REFERENCE_EVERY == 0) {
            cbc_decrypt(&key, aes_decrypt_equiv, iv, ct, padded_len, back);
            if (restores(back, padded_len, data, len))
                referenced++;
            else
                failures++;
        }
        memcpy(last, ct + padded_len - AES_BLOCK, AES_BLOCK);
        acc = (acc << 11 | acc >> 53) ^ fnv1a(ct, padded_len);
    }
    printf("%ld CBC rounds with chained keys: %ld round trips ok, "
           "%ld checked by the equivalent inverse cipher\n",
           rounds, verified, referenced);
    printf("  final key ");
    print_hex(k, AES_BLOCK);
    printf("\n  last block ");
    print_hex(last, AES_BLOCK);
    printf("\n  folded checksum ");
    print_u64(acc);
    printf("\n");
    if (verified != rounds)
        failures++;
    free(padded);
    free(ct);
    free(back);
}

int main(int argc, char **argv)
{
    uint8_t key_bytes[16], iv[16];
    AesKey key;
    uint8_t *data;
    size_t len = 0;
    long rounds = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: aes FILE [ROUNDS]\n");
        return 2;
    }
    if (argc > 2)
        rounds = strtol(argv[2], NULL, 10);

    test_sboxes(aes_init());
    test_key_expansion();
    block_vector("FIPS-197 appendix B", "2b7e151628aed2a6abf7158809cf4f3c",
                 "3243f6a8885a308d313198a2e0370734",
                 "3925841d02dc09fbdc118597196a0b32");
    block_vector("FIPS-197 appendix C.1", "000102030405060708090a0b0c0d0e0f",
                 "00112233445566778899aabbccddeeff",
                 "69c4e0d86a7b0430d8cdb78070b4c55a");
    test_modes();
    test_random_blocks();
    test_padding();

    data = read_file(argv[1], &len);
    if (!data) {
        printf("cannot read input\n");
        return 1;
    }
    from_hex("5e1f0c4d8a2b97e6731c0fd4a8b25960", key_bytes);
    from_hex("c3a1f00d4b7e2291087766e5d4c3b2a1", iv);
    aes_expand_key(&key, key_bytes);
    printf("input: %lu bytes\n", (unsigned long)len);
    encrypt_file(data, len, &key, iv);
    if (rounds > 0)
        cbc_rounds(data, len, key_bytes, iv, rounds);
    free(data);
    printf("%s\n", failures ? "RESULT: FAILED" : "RESULT: all checks passed");
    return failures ? 1 : 0;
}
