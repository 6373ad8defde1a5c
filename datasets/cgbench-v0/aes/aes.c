/*
 * aes.c - the AES-128 block cipher, written from the FIPS-197 description.
 *
 * Nothing is typed in as a table: the S-box is built from the inverse in
 * GF(2^8) (computed two ways, through logarithms and by exponentiation)
 * followed by the affine transformation of section 5.1.1, and the combined
 * word tables of the fast routines are derived from the S-boxes.
 *
 * The state is kept as in the standard: state[r][c] holds input byte
 * r + 4c, and a key schedule word holds the four bytes of one column with
 * row 0 in its most significant byte.
 */
#include "aes.h"

#include <string.h>

uint8_t aes_sbox[256];
uint8_t aes_inv_sbox[256];

static uint32_t enc_table[4][256];   /* SubBytes + MixColumns, per row */
static uint32_t dec_table[4][256];   /* InvSubBytes + InvMixColumns */

/* ---------- arithmetic in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1 ---------- */

static uint8_t xtime(uint8_t a)
{
    return (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1B : 0x00));
}

uint8_t gf_mul(uint8_t a, uint8_t b)
{
    uint8_t product = 0;
    while (b) {
        if (b & 1)
            product ^= a;
        a = xtime(a);
        b >>= 1;
    }
    return product;
}

/* a^254 = a^-1 for a != 0 (and 0 for a == 0) */
static uint8_t gf_inverse_pow(uint8_t a)
{
    uint8_t result = 1, base = a;
    int e = 254;
    while (e) {
        if (e & 1)
            result = gf_mul(result, base);
        base = gf_mul(base, base);
        e >>= 1;
    }
    return result;
}

static uint8_t rotl8(uint8_t x, int n)
{
    return (uint8_t)((x << n) | (x >> (8 - n)));
}

static uint32_t rotr32(uint32_t x, int n)
{
    return (x >> n) | (x << (32 - n));
}

static uint32_t pack(uint8_t b0, uint8_t b1, uint8_t b2, uint8_t b3)
{
    return ((uint32_t)b0 << 24) | ((uint32_t)b1 << 16) | ((uint32_t)b2 << 8) |
           (uint32_t)b3;
}

static uint8_t byte_of(uint32_t w, int row)
{
    return (uint8_t)(w >> (24 - 8 * row));
}

int aes_init(void)
{
    uint8_t exp_table[256], log_table[256];
    uint8_t x = 1;
    int i, problems = 0;
    unsigned seen[8] = {0, 0, 0, 0, 0, 0, 0, 0};

    /* 0x03 generates the multiplicative group */
    for (i = 0; i < 255; i++) {
        exp_table[i] = x;
        log_table[x] = (uint8_t)i;
        x = gf_mul(x, 3);
    }
    exp_table[255] = exp_table[0];
    if (x != 1)
        problems++;
    log_table[0] = 0;

    for (i = 0; i < 256; i++) {
        uint8_t inv = 0, s;
        if (i != 0) {
            inv = exp_table[(255 - log_table[i]) % 255];
            if (gf_mul((uint8_t)i, inv) != 1)
                problems++;
        }
        if (inv != gf_inverse_pow((uint8_t)i))
            problems++;
        s = (uint8_t)(inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^
                      rotl8(inv, 4) ^ 0x63);
        aes_sbox[i] = s;
        aes_inv_sbox[s] = (uint8_t)i;
        if (seen[s >> 5] & (1u << (s & 31)))
            problems++;   /* not a permutation */
        seen[s >> 5] |= 1u << (s & 31);
    }

    for (i = 0; i < 256; i++) {
        uint8_t s = aes_sbox[i], v = aes_inv_sbox[i];
        uint32_t e = pack(xtime(s), s, s, (uint8_t)(xtime(s) ^ s));
        uint32_t d = pack(gf_mul(v, 0x0E), gf_mul(v, 0x09), gf_mul(v, 0x0D),
                          gf_mul(v, 0x0B));
        int r;
        for (r = 0; r < 4; r++) {
            enc_table[r][i] = r ? rotr32(e, 8 * r) : e;
            dec_table[r][i] = r ? rotr32(d, 8 * r) : d;
        }
    }
    return problems;
}

/* ---------- key expansion (section 5.2) ---------- */

static uint32_t sub_word(uint32_t w)
{
    return pack(aes_sbox[byte_of(w, 0)], aes_sbox[byte_of(w, 1)],
                aes_sbox[byte_of(w, 2)], aes_sbox[byte_of(w, 3)]);
}

static uint32_t rot_word(uint32_t w)
{
    return (w << 8) | (w >> 24);
}

static uint32_t inv_mix_word(uint32_t w)
{
    uint8_t a0 = byte_of(w, 0), a1 = byte_of(w, 1);
    uint8_t a2 = byte_of(w, 2), a3 = byte_of(w, 3);
    return pack((uint8_t)(gf_mul(a0, 14) ^ gf_mul(a1, 11) ^ gf_mul(a2, 13) ^
                          gf_mul(a3, 9)),
                (uint8_t)(gf_mul(a0, 9) ^ gf_mul(a1, 14) ^ gf_mul(a2, 11) ^
                          gf_mul(a3, 13)),
                (uint8_t)(gf_mul(a0, 13) ^ gf_mul(a1, 9) ^ gf_mul(a2, 14) ^
                          gf_mul(a3, 11)),
                (uint8_t)(gf_mul(a0, 11) ^ gf_mul(a1, 13) ^ gf_mul(a2, 9) ^
                          gf_mul(a3, 14)));
}

void aes_expand_key(AesKey *key, const uint8_t bytes[16])
{
    uint8_t rcon = 1;
    int i;

    for (i = 0; i < AES_NK; i++)
        key->w[i] = pack(bytes[4 * i], bytes[4 * i + 1], bytes[4 * i + 2],
                         bytes[4 * i + 3]);
    for (i = AES_NK; i < AES_WORDS; i++) {
        uint32_t temp = key->w[i - 1];
        if (i % AES_NK == 0) {
            temp = sub_word(rot_word(temp)) ^ ((uint32_t)rcon << 24);
            rcon = xtime(rcon);
        }
        key->w[i] = key->w[i - AES_NK] ^ temp;
    }
    /* section 5.3.5: InvMixColumns applied to the inner round keys */
    for (i = 0; i < AES_WORDS; i++) {
        int round = i / 4;
        key->dw[i] = (round == 0 || round == AES_NR) ? key->w[i]
                                                     : inv_mix_word(key->w[i]);
    }
}

/* ---------- byte-oriented cipher (sections 5.1, 5.3, 5.3.5) ---------- */

typedef uint8_t State[4][4];

static void load_state(State s, const uint8_t *in)
{
    int r, c;
    for (c = 0; c < 4; c++)
        for (r = 0; r < 4; r++)
            s[r][c] = in[r + 4 * c];
}

static void store_state(State s, uint8_t *out)
{
    int r, c;
    for (c = 0; c < 4; c++)
        for (r = 0; r < 4; r++)
            out[r + 4 * c] = s[r][c];
}

static void add_round_key(State s, const uint32_t *words)
{
    int r, c;
    for (c = 0; c < 4; c++)
        for (r = 0; r < 4; r++)
            s[r][c] ^= byte_of(words[c], r);
}

static void sub_bytes(State s, const uint8_t *box)
{
    int r, c;
    for (r = 0; r < 4; r++)
        for (c = 0; c < 4; c++)
            s[r][c] = box[s[r][c]];
}

/* row r moves left by r places (or right, for the inverse) */
static void shift_rows(State s, int inverse)
{
    uint8_t row[4];
    int r, c;
    for (r = 1; r < 4; r++) {
        for (c = 0; c < 4; c++)
            row[c] = s[r][c];
        for (c = 0; c < 4; c++)
            s[r][c] = inverse ? row[(c + 4 - r) % 4] : row[(c + r) % 4];
    }
}

/* multiply every column by the fixed polynomial given by the first row of
   its circulant matrix: {02,03,01,01} forward, {0e,0b,0d,09} inverse */
static void mix_columns(State s, const uint8_t *coef)
{
    int r, c, k;
    for (c = 0; c < 4; c++) {
        uint8_t col[4];
        for (r = 0; r < 4; r++)
            col[r] = s[r][c];
        for (r = 0; r < 4; r++) {
            uint8_t v = 0;
            for (k = 0; k < 4; k++)
                v ^= gf_mul(coef[(k - r + 4) % 4], col[k]);
            s[r][c] = v;
        }
    }
}

static const uint8_t mix_forward[4] = {0x02, 0x03, 0x01, 0x01};
static const uint8_t mix_inverse[4] = {0x0E, 0x0B, 0x0D, 0x09};

void aes_encrypt_ref(const AesKey *key, const uint8_t *in, uint8_t *out)
{
    State s;
    int round;
    load_state(s, in);
    add_round_key(s, key->w);
    for (round = 1; round < AES_NR; round++) {
        sub_bytes(s, aes_sbox);
        shift_rows(s, 0);
        mix_columns(s, mix_forward);
        add_round_key(s, key->w + 4 * round);
    }
    sub_bytes(s, aes_sbox);
    shift_rows(s, 0);
    add_round_key(s, key->w + 4 * AES_NR);
    store_state(s, out);
}

void aes_decrypt_ref(const AesKey *key, const uint8_t *in, uint8_t *out)
{
    State s;
    int round;
    load_state(s, in);
    add_round_key(s, key->w + 4 * AES_NR);
    for (round = AES_NR - 1; round > 0; round--) {
        shift_rows(s, 1);
        sub_bytes(s, aes_inv_sbox);
        add_round_key(s, key->w + 4 * round);
        mix_columns(s, mix_inverse);
    }
    shift_rows(s, 1);
    sub_bytes(s, aes_inv_sbox);
    add_round_key(s, key->w);
    store_state(s, out);
}

void aes_decrypt_equiv(const AesKey *key, const uint8_t *in, uint8_t *out)
{
    State s;
    int round;
    load_state(s, in);
    add_round_key(s, key->dw + 4 * AES_NR);
    for (round = AES_NR - 1; round > 0; round--) {
        sub_bytes(s, aes_inv_sbox);
        shift_rows(s, 1);
        mix_columns(s, mix_inverse);
        add_round_key(s, key->dw + 4 * round);
    }
    sub_bytes(s, aes_inv_sbox);
    shift_rows(s, 1);
    add_round_key(s, key->dw);
    store_state(s, out);
}

/* ---------- word-oriented cipher ---------- */

static uint32_t load_word(const uint8_t *p)
{
    return pack(p[0], p[1], p[2], p[3]);
}

static void store_word(uint8_t *p, uint32_t w)
{
    p[0] = (uint8_t)(w >> 24);
    p[1] = (uint8_t)(w >> 16);
    p[2] = (uint8_t)(w >> 8);
    p[3] = (uint8_t)w;
}

void aes_encrypt_fast(const AesKey *key, const uint8_t *in, uint8_t *out)
{
    const uint32_t *rk = key->w;
    uint32_t s[4], t[4];
    int round, c;

    for (c = 0; c < 4; c++)
        s[c] = load_word(in + 4 * c) ^ rk[c];
    for (round = 1; round < AES_NR; round++) {
        rk += 4;
        for (c = 0; c < 4; c++)
            t[c] = enc_table[0][s[c] >> 24] ^
                   enc_table[1][(s[(c + 1) & 3] >> 16) & 0xFF] ^
                   enc_table[2][(s[(c + 2) & 3] >> 8) & 0xFF] ^
                   enc_table[3][s[(c + 3) & 3] & 0xFF] ^ rk[c];
        memcpy(s, t, sizeof s);
    }
    rk += 4;
    for (c = 0; c < 4; c++)
        t[c] = pack(aes_sbox[s[c] >> 24], aes_sbox[(s[(c + 1) & 3] >> 16) & 0xFF],
                    aes_sbox[(s[(c + 2) & 3] >> 8) & 0xFF],
                    aes_sbox[s[(c + 3) & 3] & 0xFF]) ^ rk[c];
    for (c = 0; c < 4; c++)
        store_word(out + 4 * c, t[c]);
}

void aes_decrypt_fast(const AesKey *key, const uint8_t *in, uint8_t *out)
{
    const uint32_t *rk = key->dw + 4 * AES_NR;
    uint32_t s[4], t[4];
    int round, c;

    for (c = 0; c < 4; c++)
        s[c] = load_word(in + 4 * c) ^ rk[c];
    for (round = AES_NR - 1; round > 0; round--) {
        rk -= 4;
        for (c = 0; c < 4; c++)
            t[c] = dec_table[0][s[c] >> 24] ^
                   dec_table[1][(s[(c + 3) & 3] >> 16) & 0xFF] ^
                   dec_table[2][(s[(c + 2) & 3] >> 8) & 0xFF] ^
                   dec_table[3][s[(c + 1) & 3] & 0xFF] ^ rk[c];
        memcpy(s, t, sizeof s);
    }
    rk -= 4;
    for (c = 0; c < 4; c++)
        t[c] = pack(aes_inv_sbox[s[c] >> 24],
                    aes_inv_sbox[(s[(c + 3) & 3] >> 16) & 0xFF],
                    aes_inv_sbox[(s[(c + 2) & 3] >> 8) & 0xFF],
                    aes_inv_sbox[s[(c + 1) & 3] & 0xFF]) ^ rk[c];
    for (c = 0; c < 4; c++)
        store_word(out + 4 * c, t[c]);
}
