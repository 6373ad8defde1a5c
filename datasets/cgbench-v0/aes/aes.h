/*
 * aes.h - AES-128 (FIPS-197) block cipher and the ECB, CBC and CTR modes.
 */
#ifndef AES_H
#define AES_H

#include <stddef.h>
#include <stdint.h>

#define AES_BLOCK 16
#define AES_NK 4                       /* key length in 32-bit words */
#define AES_NR 10                      /* number of rounds */
#define AES_WORDS (4 * (AES_NR + 1))   /* words of the expanded key */

typedef struct {
    uint32_t w[AES_WORDS];   /* key schedule of section 5.2 */
    uint32_t dw[AES_WORDS];  /* schedule of the equivalent inverse cipher */
} AesKey;

typedef void (*AesBlockFn)(const AesKey *key, const uint8_t *in, uint8_t *out);

/* ---- aes.c: the block cipher ---- */

extern uint8_t aes_sbox[256];
extern uint8_t aes_inv_sbox[256];

/* Builds the S-boxes from the field inverse and the affine map, and the
   lookup tables of the word-oriented routines.  Returns the number of
   inconsistencies found while doing so (0 when all is well). */
int aes_init(void);

uint8_t gf_mul(uint8_t a, uint8_t b);
void aes_expand_key(AesKey *key, const uint8_t bytes[16]);

/* straightforward byte-oriented routines following the standard */
void aes_encrypt_ref(const AesKey *key, const uint8_t *in, uint8_t *out);
void aes_decrypt_ref(const AesKey *key, const uint8_t *in, uint8_t *out);
void aes_decrypt_equiv(const AesKey *key, const uint8_t *in, uint8_t *out);

/* word-oriented routines with combined lookup tables */
void aes_encrypt_fast(const AesKey *key, const uint8_t *in, uint8_t *out);
void aes_decrypt_fast(const AesKey *key, const uint8_t *in, uint8_t *out);

/* ---- modes.c: modes of operation (lengths are multiples of 16 except
   for CTR) ---- */

size_t pkcs7_pad(const uint8_t *in, size_t n, uint8_t *out);
long pkcs7_unpad(const uint8_t *in, size_t n);

void ecb_encrypt(const AesKey *key, AesBlockFn fn, const uint8_t *in,
                 size_t n, uint8_t *out);
void ecb_decrypt(const AesKey *key, AesBlockFn fn, const uint8_t *in,
                 size_t n, uint8_t *out);
void cbc_encrypt(const AesKey *key, AesBlockFn fn, const uint8_t *iv,
                 const uint8_t *in, size_t n, uint8_t *out);
void cbc_decrypt(const AesKey *key, AesBlockFn fn, const uint8_t *iv,
                 const uint8_t *in, size_t n, uint8_t *out);
void ctr_crypt(const AesKey *key, AesBlockFn fn, const uint8_t *counter,
               const uint8_t *in, size_t n, uint8_t *out);

#endif
