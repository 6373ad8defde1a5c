/*
 * adpcm: IMA-style 4-bit ADPCM coding of a synthesised 16-bit signal.
 *
 * Usage: adpcm LENGTH SEED NOISE
 *
 * LENGTH samples are made from two tones (a sine table computed with
 * Bhaskara's rational approximation, frequencies and levels drawn from a
 * PRNG seeded by SEED) plus uniform noise of amplitude NOISE.  Each sample
 * is coded as a 4-bit code, two codes to a byte, and the bytes are decoded
 * again; the decoded samples must hash to the same value as the encoder's
 * own predictions.  Checksums of the codes and of the decoded samples and
 * the mean square signal and error are printed.
 */
#include <stdio.h>
#include <stdlib.h>

#define NSTEPS 89
#define MAX_LEN 400000

static short sine[1024];
static int steps[NSTEPS];
static const int index_shift[8] = { -1, -1, -1, -1, 2, 4, 6, 8 };
static short pcm[MAX_LEN];
static unsigned char coded[MAX_LEN / 2 + 1];
static unsigned rng;

static unsigned next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static int clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static void make_tables(void)
{
    /* sin(pi*x/512) ~ 4x(512-x) / (5*512*512/4 - x(512-x)) on a half wave */
    for (int x = 0; x < 512; x++) {
        long long p = (long long)x * (512 - x);
        sine[x] = (short)(32767 * 4 * p / (327680 - p));
        sine[x + 512] = (short)-sine[x];
    }
    /* steps grow by about 9% each, from 7 to 32135 */
    steps[0] = 7;
    for (int i = 1; i < NSTEPS; i++)
        steps[i] = steps[i - 1] + (3 * steps[i - 1] >> 5) + 1;
}

static void synthesise(int len, int noise)
{
    unsigned phase1 = 0, phase2 = 0;
    unsigned inc1 = 4000000u + next_rand() % 300000000u;
    unsigned inc2 = 4000000u + next_rand() % 300000000u;
    int level1 = 3000 + (int)(next_rand() % 12000u);
    int level2 = 3000 + (int)(next_rand() % 12000u);
    for (int n = 0; n < len; n++) {
        int v = (int)(next_rand() % (2u * (unsigned)noise + 1u)) - noise;
        v += level1 * sine[phase1 >> 22] / 32768 + level2 * sine[phase2 >> 22] / 32768;
        phase1 += inc1;
        phase2 += inc2;
        pcm[n] = (short)clamp(v, -32768, 32767);
    }
}

/* Coder state shared by the encoder and, afterwards, the decoder. */
static int pred, step_index;

/* Applies one 4-bit code (sign bit and 3-bit magnitude m, standing for a
   difference of (m + 1/2) / 4 steps) to the coder state; returns the new
   prediction. */
static int apply_code(int code)
{
    int delta = (2 * (code & 7) + 1) * steps[step_index] >> 3;
    pred = clamp(code & 8 ? pred - delta : pred + delta, -32768, 32767);
    step_index = clamp(step_index + index_shift[code & 7], 0, NSTEPS - 1);
    return pred;
}

static unsigned long long square(int x)
{
    return (unsigned long long)((long long)x * x);
}

static unsigned code_sum, predicted_sum, decoded_sum;
static unsigned long long signal_power, err_power;

static void encode(int len)
{
    pred = step_index = 0;
    for (int n = 0; n < len; n++) {
        int diff = pcm[n] - pred;
        int code = clamp(abs(diff) * 4 / steps[step_index], 0, 7) | (diff < 0) << 3;
        /* even samples take the low half of a byte, odd ones the high */
        coded[n / 2] = (unsigned char)(n % 2 ? coded[n / 2] | code << 4 : code);
        code_sum = code_sum * 31u + (unsigned)code;
        predicted_sum = predicted_sum * 31u + (unsigned short)apply_code(code);
    }
}

static void decode(int len)
{
    pred = step_index = 0;
    for (int n = 0; n < len; n++) {
        int d = apply_code(coded[n / 2] >> (n % 2 * 4) & 15);
        decoded_sum = decoded_sum * 31u + (unsigned short)d;
        signal_power += square(pcm[n]);
        err_power += square(d - pcm[n]);
    }
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        printf("usage: adpcm LENGTH SEED NOISE\n");
        return 1;
    }
    int len = clamp(atoi(argv[1]), 1, MAX_LEN);
    int noise = clamp(atoi(argv[3]), 0, 30000);
    rng = (unsigned)strtoul(argv[2], NULL, 10) | 1u;
    make_tables();
    synthesise(len, noise);
    encode(len);
    decode(len);
    printf("samples %d, code checksum %08x, decoded checksum %08x\n",
           len, code_sum, decoded_sum);
    printf("mean square signal %llu, error %llu, ratio %llu\n",
           signal_power / (unsigned long long)len, err_power / (unsigned long long)len,
           signal_power / (err_power + 1));
    if (decoded_sum != predicted_sum) {
        printf("decoder differs from encoder\n");
        return 1;
    }
    printf("decoder matches encoder\n");
    return 0;
}
