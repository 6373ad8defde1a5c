/*
 * fir: fixed-point digital filters on a synthetic signal.
 *
 * Usage: fir NSAMPLES SEED NTAPS
 *
 * A windowed-sinc (Blackman) low-pass FIR and a bank of band-pass biquad
 * cascades are designed in double precision and quantised (FIR taps to
 * Q15, biquad coefficients to Q24) before use; the quantised values are
 * printed.  The signal (triangle wave, sawtooth chirp, noise and an impulse, all
 * integers) is decimated by 4 through the FIR, interpolated back, and
 * split into bands; all arithmetic on the signal path is in integers.
 * Power and a checksum are printed for each output.  The designs are
 * checked: no coefficient lies near a rounding boundary and the taps are
 * symmetric.
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <math.h>

#define MAX_TAPS 127
#define MAX_N (1 << 18)
#define NBANDS 5
#define COEF_BITS 24
#define STATE_BITS 8

static const double PI = 3.14159265358979323846;
static int design_ok = 1;
static int32_t h[MAX_TAPS];
static int64_t bq_b0, bq_a1, bq_a2, bq_state[8];

/* floor((v + 2^(s-1)) / 2^s) without shifting a negative value */
static int64_t round_shift(int64_t v, int s)
{
    int64_t t = v + ((int64_t)1 << (s - 1));
    return t >= 0 ? t >> s : -((-t + ((int64_t)1 << s) - 1) >> s);
}

/* Rounds v to an integer; values within 1e-6 of a tie fail the check. */
static int32_t quantise(double v)
{
    double f = floor(v + 0.5), d = v + 0.5 - f;
    if (d < 1e-6 || d > 1 - 1e-6)
        design_ok = 0;
    return (int32_t)f;
}

/* Band-pass biquad with 0 dB peak gain at f0 cycles per sample: Q24
 * coefficients b0 (b1 = 0, b2 = -b0), a1 and a2 (a0 = 1). */
static void design_bandpass(double f0, double q)
{
    double w0 = 2 * PI * f0, alpha = sin(w0) / (2 * q), scale = (1 << COEF_BITS) / (1 + alpha);
    bq_b0 = quantise(scale * alpha);
    bq_a1 = quantise(scale * -2 * cos(w0));
    bq_a2 = quantise(scale * (1 - alpha));
}

/* Two sections of that biquad in direct form I; the state keeps
 * STATE_BITS fraction bits, bq_state[4s..4s+3] = x1, x2, y1, y2. */
static int32_t biquad_pair(int32_t x)
{
    int64_t v = (int64_t)x * (1 << STATE_BITS), *st = bq_state;
    for (int s = 0; s < 2; s++, st += 4) {
        int64_t acc = bq_b0 * (v - st[1]) - bq_a1 * st[2] - bq_a2 * st[3];
        st[1] = st[0];
        st[0] = v;
        st[3] = st[2];
        st[2] = v = round_shift(acc, COEF_BITS);
    }
    return (int32_t)round_shift(v, STATE_BITS);
}

static uint64_t rng_state;

/* Triangle wave, a sawtooth chirp rising to the Nyquist frequency,
 * noise, and an impulse in the middle. */
static void gen_signal(int32_t *x, int n)
{
    uint32_t phase = 0, inc = 0;
    for (int i = 0; i < n; i++) {
        rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
        x[i] = abs((i % 37) * 24000 / 37 - 12000) - 6000 + (int32_t)(phase >> 20) - 2048 +
               (int32_t)(rng_state >> 53) - 1024 + (i == n / 2) * 12000;
        phase += inc;
        inc += 0x80000000u / (uint32_t)n;
    }
}

/* out[i] = sum h[k] u[i * down - k] / 2^shift, u being the input with
 * up - 1 zeros after each sample. */
static void resample(const int32_t *in, int32_t *out, int nout, int taps, int up, int down, int shift)
{
    for (int i = 0; i < nout; i++) {
        int64_t acc = 0;
        int t = i * down;
        for (int k = t % up; k < taps && k <= t; k += up)
            acc += (int64_t)h[k] * in[(t - k) / up];
        out[i] = (int32_t)round_shift(acc, shift);
    }
}

static void report(const char *name, const int32_t *v, int n)
{
    uint64_t e = 0;
    uint32_t c = 2166136261u;
    for (int i = 0; i < n; i++) {
        e += (uint64_t)((int64_t)v[i] * v[i]);
        c = (c ^ (uint32_t)v[i]) * 16777619u;
    }
    printf("%s power %llu check %08x\n", name, (unsigned long long)(e / (uint64_t)n), (unsigned)c);
}

int main(int argc, char **argv)
{
    static int32_t x[MAX_N], y[MAX_N], z[MAX_N];
    int n = argc == 4 ? atoi(argv[1]) / 4 * 4 : 0, taps = argc == 4 ? atoi(argv[3]) | 1 : 0, m = taps / 2, sum = 0;

    if (n < 64 || n > MAX_N || taps < 3 || taps > MAX_TAPS) {
        printf("usage: fir NSAMPLES SEED NTAPS\n");
        return 1;
    }
    rng_state = strtoull(argv[2], NULL, 10);

    /* Low-pass at 0.11 cycles per sample, below the decimated Nyquist
     * 0.125; the centre tap takes the rounding error so the DC gain is 1. */
    for (int k = 0; k < taps; k++) {
        double t = k - m, w = 2 * PI * k / (taps - 1);
        double s = t == 0 ? 0.22 : sin(0.22 * PI * t) / (PI * t);
        sum += h[k] = quantise(32768.0 * s * (0.42 - 0.5 * cos(w) + 0.08 * cos(2 * w)));
    }
    h[m] += 32768 - sum;
    printf("fir taps (Q15):");
    for (int k = 0; k < taps; k++) {
        printf(" %d", h[k]);
        design_ok &= h[k] == h[taps - 1 - k];
    }
    printf("\n");

    gen_signal(x, n);
    report("input:", x, n);

    /* Decimate, interpolate (with gain 4), and keep the residual, aligned
     * for the delay of the two filters. */
    resample(x, y, n / 4, taps, 1, 4, 15);
    report("decimated:", y, n / 4);
    resample(y, z, n, taps, 4, 1, 13);
    for (int i = 0; i < n; i++)
        z[i] = i >= 2 * m ? x[i - 2 * m] - z[i] : 0;
    report("residual:", z, n);

    /* Octave-spaced band-pass cascades. */
    for (int b = 0; b < NBANDS; b++) {
        design_bandpass(0.3 / (1 << (NBANDS - 1 - b)), 1.5);
        memset(bq_state, 0, sizeof(bq_state));
        for (int i = 0; i < n; i++)
            y[i] = biquad_pair(x[i]);
        printf("band %d, biquad (Q24) b0=%lld a1=%lld a2=%lld:", b, (long long)bq_b0, (long long)bq_a1,
               (long long)bq_a2);
        report("", y, n);
    }
    printf("%s\n", design_ok ? "designs verified" : "DESIGN CHECK FAILED");
    return !design_ok;
}
