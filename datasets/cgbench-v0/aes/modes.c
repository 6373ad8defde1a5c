/*
 * modes.c - ECB, CBC and CTR modes of operation (NIST SP 800-38A) over any
 * AES block routine, and PKCS#7 padding.
 */
#include "aes.h"

#include <string.h>

/* Appends 1..16 bytes, each equal to the number of bytes added.  out must
   have room for n + 16 bytes; returns the padded length. */
size_t pkcs7_pad(const uint8_t *in, size_t n, uint8_t *out)
{
    size_t add = AES_BLOCK - n % AES_BLOCK, i;
    if (n > 0)
        memmove(out, in, n);
    for (i = 0; i < add; i++)
        out[n + i] = (uint8_t)add;
    return n + add;
}

/* Returns the unpadded length, or -1 if the padding is malformed. */
long pkcs7_unpad(const uint8_t *in, size_t n)
{
    size_t add, i;
    if (n == 0 || n % AES_BLOCK != 0)
        return -1;
    add = in[n - 1];
    if (add == 0 || add > AES_BLOCK)
        return -1;
    for (i = 1; i <= add; i++)
        if (in[n - i] != add)
            return -1;
    return (long)(n - add);
}

void ecb_encrypt(const AesKey *key, AesBlockFn fn, const uint8_t *in,
                 size_t n, uint8_t *out)
{
    size_t i;
    for (i = 0; i + AES_BLOCK <= n; i += AES_BLOCK)
        fn(key, in + i, out + i);
}

void ecb_decrypt(const AesKey *key, AesBlockFn fn, const uint8_t *in,
                 size_t n, uint8_t *out)
{
    /* identical shape; the block routine decides the direction */
    ecb_encrypt(key, fn, in, n, out);
}

void cbc_encrypt(const AesKey *key, AesBlockFn fn, const uint8_t *iv,
                 const uint8_t *in, size_t n, uint8_t *out)
{
    uint8_t chain[AES_BLOCK], block[AES_BLOCK];
    size_t i;
    int j;
    memcpy(chain, iv, AES_BLOCK);
    for (i = 0; i + AES_BLOCK <= n; i += AES_BLOCK) {
        for (j = 0; j < AES_BLOCK; j++)
            block[j] = (uint8_t)(in[i + j] ^ chain[j]);
        fn(key, block, chain);
        memcpy(out + i, chain, AES_BLOCK);
    }
}

void cbc_decrypt(const AesKey *key, AesBlockFn fn, const uint8_t *iv,
                 const uint8_t *in, size_t n, uint8_t *out)
{
    uint8_t chain[AES_BLOCK], next[AES_BLOCK], block[AES_BLOCK];
    size_t i;
    int j;
    memcpy(chain, iv, AES_BLOCK);
    for (i = 0; i + AES_BLOCK <= n; i += AES_BLOCK) {
        memcpy(next, in + i, AES_BLOCK);   /* in and out may be the same */
        fn(key, next, block);
        for (j = 0; j < AES_BLOCK; j++)
            out[i + j] = (uint8_t)(block[j] ^ chain[j]);
        memcpy(chain, next, AES_BLOCK);
    }
}

/* The counter block is incremented as one 128-bit big-endian integer. */
void ctr_crypt(const AesKey *key, AesBlockFn fn, const uint8_t *counter,
               const uint8_t *in, size_t n, uint8_t *out)
{
    uint8_t ctr[AES_BLOCK], pad[AES_BLOCK];
    size_t i, j;
    int k;
    memcpy(ctr, counter, AES_BLOCK);
    for (i = 0; i < n; i += AES_BLOCK) {
        size_t take = n - i < AES_BLOCK ? n - i : AES_BLOCK;
        fn(key, ctr, pad);
        for (j = 0; j < take; j++)
            out[i + j] = (uint8_t)(in[i + j] ^ pad[j]);
        for (k = AES_BLOCK - 1; k >= 0; k--)
            if (++ctr[k] != 0)
                break;
    }
}
