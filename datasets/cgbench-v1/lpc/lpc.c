/*
 * lpc - linear predictive coding of a synthetic speech-like signal.
 *
 * Usage: lpc SEED SAMPLES ORDER
 *
 * The signal (8 kHz, 16-bit) is made of segments: voiced ones, a pulse
 * train at a drifting pitch through three formant resonators; unvoiced
 * ones, noise through one high resonator; and pauses.  It is cut into
 * frames of 180 samples.  For each frame, a Hamming window over the frame
 * and 30 samples either side gives the autocorrelation, the Levinson-
 * Durbin recursion gives the reflection coefficients, and these are
 * quantised to 10-bit integers.  From then on everything is integer
 * arithmetic: the predictor (Q12) is rebuilt from the quantised
 * coefficients, the open-loop residual is computed, and
 *   - the residual with the synthesis filter must give back the signal
 *     exactly (lossless check);
 *   - a closed-loop coder quantises the residual to 8 bits with a step
 *     per frame; a separate decoder must reproduce the coder's own
 *     reconstruction exactly, and the reconstruction error is reported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <stdint.h>

#define PI 3.14159265358979323846
#define RATE 8000
#define FRAME 180
#define LOOK 30
#define MAX_ORDER 20
#define QBITS 9            /* reflection coefficients: Q9 in -511..511 */
#define PBITS 12           /* predictor coefficients: Q12 */

typedef struct {
    int qk[MAX_ORDER + 1];     /* quantised reflection coefficients */
    int64_t a[MAX_ORDER + 1];  /* predictor rebuilt from qk, Q12 */
    int step;                  /* residual quantiser step */
} Frame;

static uint32_t rng_state;

static uint32_t next_random(void)
{
    rng_state = rng_state * 1664525u + 1013904223u;
    return rng_state;
}

/* Uniform in [-1, 1). */
static double noise(void)
{
    return (double)(next_random() >> 8) / 8388608.0 - 1.0;
}

/* x / d rounded to nearest, halves away from zero; d > 0. */
static int64_t rdiv(int64_t x, int64_t d)
{
    return x >= 0 ? (x + d / 2) / d : -((-x + d / 2) / d);
}

static int64_t clamp(int64_t v, int64_t lo, int64_t hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static int64_t isqrt(int64_t v)
{
    int64_t r = 0, bit = (int64_t)1 << 62;
    while (bit > v)
        bit >>= 2;
    while (bit != 0) {
        if (v >= r + bit) {
            v -= r + bit;
            r = (r >> 1) + bit;
        } else {
            r >>= 1;
        }
        bit >>= 2;
    }
    return r;
}

/* A two-pole resonator: y[n] = g x[n] + c1 y[n-1] + c2 y[n-2]. */
typedef struct {
    double c1, c2, g, y1, y2;
} Resonator;

static void set_resonator(Resonator *r, double freq, double bw)
{
    double radius = exp(-PI * bw / RATE);
    r->c1 = 2.0 * radius * cos(2.0 * PI * freq / RATE);
    r->c2 = -radius * radius;
    r->g = 1.0 - r->c1 - r->c2;    /* unit gain at DC */
}

static double resonate(Resonator *r, double x)
{
    double y = r->g * x + r->c1 * r->y1 + r->c2 * r->y2;
    r->y2 = r->y1;
    r->y1 = y;
    return y;
}

/* Formant frequencies of a few vowels (Hz). */
static const double vowels[5][3] = {
    {730, 1090, 2440}, {270, 2290, 3010}, {530, 1840, 2480},
    {570, 840, 2410}, {300, 870, 2240}
};

#define MAX_SEGMENT 2400

/* Fills s with segments of 600 to 2399 samples, each scaled to its own
   peak amplitude. */
static void make_signal(int16_t *s, int n)
{
    static double seg[MAX_SEGMENT];
    Resonator f[3] = {{0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}};
    int i = 0, j, k;
    double phase = 0.0, pitch = 120.0;
    while (i < n) {
        int len = 600 + (int)(next_random() % 1800u);
        int kind = (int)(next_random() % 8u);     /* 0: pause, 1-2: unvoiced */
        const double *v = vowels[next_random() % 5u];
        double amp = 1000.0 + (double)(next_random() % 15000u), peak = 1e-9;
        double drift = ((double)(next_random() % 200u) - 100.0) / 100000.0;
        if (len > n - i)
            len = n - i;
        for (k = 0; k < 3; k++)
            set_resonator(&f[k], kind > 2 ? v[k] : 2500.0 + 500.0 * k,
                          60.0 + 40.0 * k);
        for (j = 0; j < len; j++) {
            double x = 0.0;
            if (kind > 2) {
                pitch *= 1.0 + drift;
                if (pitch < 80.0 || pitch > 250.0)
                    drift = -drift;
                phase += pitch / RATE;
                if (phase >= 1.0) {
                    phase -= 1.0;
                    x = 1.0;
                }
                x += 0.02 * noise();
            } else if (kind > 0) {
                x = noise();
            }
            for (k = 0; k < (kind > 2 ? 3 : 1); k++)
                x = resonate(&f[k], x);
            seg[j] = x;
            if (fabs(x) > peak)
                peak = fabs(x);
        }
        if (kind == 0)
            amp = 0.0;
        for (j = 0; j < len; j++)
            s[i + j] = (int16_t)floor(amp * seg[j] / peak + 0.5);
        i += len;
    }
}

/* The predictor of order p from quantised reflection coefficients by the
   step-up recursion, in integers: a[i] in Q12. */
static void step_up(const int *qk, int p, int64_t *a)
{
    int64_t prev[MAX_ORDER + 1];
    int m, i;
    for (m = 1; m <= p; m++) {
        for (i = 1; i < m; i++)
            prev[i] = a[i];
        a[m] = (int64_t)qk[m] * (1 << (PBITS - QBITS));
        for (i = 1; i < m; i++)
            a[i] = prev[i] - rdiv(qk[m] * prev[m - i], 1 << QBITS);
    }
}

static double window[FRAME + 2 * LOOK];

/* Analyses the frame starting at sample start: windowed autocorrelation,
   Levinson-Durbin recursion, quantisation of the reflection coefficients
   and the predictor rebuilt from them. */
static void analyse(const int16_t *s, int n, int start, int p, Frame *fr)
{
    double x[FRAME + 2 * LOOK], r[MAX_ORDER + 1], a[MAX_ORDER + 1];
    double prev[MAX_ORDER + 1], err, k;
    int len = FRAME + 2 * LOOK, i, m;

    for (i = 0; i < len; i++) {
        int t = start - LOOK + i;
        x[i] = t >= 0 && t < n ? s[t] * window[i] : 0.0;
    }
    for (m = 0; m <= p; m++) {
        r[m] = 0.0;
        for (i = m; i < len; i++)
            r[m] += x[i] * x[i - m];
        fr->qk[m] = 0;
    }
    if (r[0] <= 0.0) {
        step_up(fr->qk, p, fr->a);
        return;
    }
    /* A little white noise keeps the recursion well conditioned. */
    err = r[0] *= 1.0001;
    for (m = 1; m <= p; m++) {
        k = r[m];
        for (i = 1; i < m; i++)
            k -= a[i] * r[m - i];
        k /= err;
        for (i = 1; i < m; i++)
            prev[i] = a[i];
        a[m] = k;
        for (i = 1; i < m; i++)
            a[i] = prev[i] - k * prev[m - i];
        err *= 1.0 - k * k;
        fr->qk[m] = (int)clamp((int64_t)floor(k * (1 << QBITS) + 0.5),
                               -(1 << QBITS) + 1, (1 << QBITS) - 1);
    }
    step_up(fr->qk, p, fr->a);
}

/* Prediction of y[t] from the p samples before it (zero before 0). */
static int64_t predict(const int16_t *y, int t, const Frame *fr, int p)
{
    int64_t acc = 0;
    int i;
    for (i = 1; i <= p && i <= t; i++)
        acc += fr->a[i] * y[t - i];
    return rdiv(acc, 1 << PBITS);
}

/* Rebuilds the signal from the frames' predictors and the quantised
   residual q; with exact set, q is the exact residual (step 1). */
static void decode(const Frame *fr, const int *q, int16_t *y, int n, int p,
                   int exact)
{
    int t;
    for (t = 0; t < n; t++) {
        const Frame *f = &fr[t / FRAME];
        int64_t step = exact ? 1 : f->step;
        y[t] = (int16_t)clamp(predict(y, t, f, p) + q[t] * step, -32767,
                              32767);
    }
}

static double decibels(int64_t num, int64_t den)
{
    return den > 0 && num > 0 ? 10.0 * log10((double)num / (double)den)
                              : 99.0;
}

#define MAX_SAMPLES 400000

static int16_t sig[MAX_SAMPLES], rec[MAX_SAMPLES], dec[MAX_SAMPLES];
static int res[MAX_SAMPLES], qres[MAX_SAMPLES];
static Frame frames[MAX_SAMPLES / FRAME + 1];

int main(int argc, char **argv)
{
    int n, p, nf, f, t, i, ok;
    int64_t es_all = 0, ee_all = 0, err_all = 0;
    uint32_t hash = 2166136261u;

    if (argc != 4 || (n = atoi(argv[2])) < FRAME || n > MAX_SAMPLES ||
        (p = atoi(argv[3])) < 1 || p > MAX_ORDER) {
        fprintf(stderr, "usage: lpc SEED SAMPLES ORDER\n");
        return 2;
    }
    rng_state = (uint32_t)strtoul(argv[1], NULL, 10);
    nf = (n + FRAME - 1) / FRAME;
    for (i = 0; i < FRAME + 2 * LOOK; i++)
        window[i] = 0.54 - 0.46 * cos(2.0 * PI * i / (FRAME + 2 * LOOK - 1));
    make_signal(sig, n);
    for (t = 0; t < n; t++)
        hash = (hash ^ (uint16_t)sig[t]) * 16777619u;
    printf("signal: %d samples, %d frames, order %d, checksum %08lx\n", n,
           nf, p, (unsigned long)hash);
    printf("frame    energy   k1   k2   k3   k4  gain dB  step  snr dB\n");

    for (f = 0; f < nf; f++) {
        Frame *fr = &frames[f];
        int start = f * FRAME, end = start + FRAME < n ? start + FRAME : n;
        int64_t es = 0, ee = 0, err = 0;
        analyse(sig, n, start, p, fr);
        for (t = start; t < end; t++) {
            res[t] = (int)(sig[t] - predict(sig, t, fr, p));
            es += (int64_t)sig[t] * sig[t];
            ee += (int64_t)res[t] * res[t];
        }
        fr->step = (int)(isqrt(ee / (end - start)) / 8);
        if (fr->step < 1)
            fr->step = 1;
        /* Closed loop: predict from the reconstruction, as the decoder
           will. */
        for (t = start; t < end; t++) {
            int64_t pred = predict(rec, t, fr, p);
            qres[t] = (int)clamp(rdiv(sig[t] - pred, fr->step), -127, 127);
            rec[t] = (int16_t)clamp(pred + (int64_t)qres[t] * fr->step,
                                    -32767, 32767);
            err += (int64_t)(sig[t] - rec[t]) * (sig[t] - rec[t]);
        }
        for (i = 1; i <= p; i++)
            hash = (hash ^ (uint32_t)(fr->qk[i] + 512)) * 16777619u;
        es_all += es;
        ee_all += ee;
        err_all += err;
        if (f % (nf / 24 + 1) == 0)
            printf("%5d %9ld %4d %4d %4d %4d  %7.1f %5d %7.1f\n", f,
                   (long)(es / (end - start)), fr->qk[1], fr->qk[2],
                   fr->qk[3], fr->qk[4], decibels(es, ee), fr->step,
                   decibels(es, err));
    }
    printf("coefficient checksum %08lx, prediction gain %.2f dB\n",
           (unsigned long)hash, decibels(es_all, ee_all));

    decode(frames, res, dec, n, p, 1);
    for (t = 0, ok = 1; t < n; t++)
        ok &= dec[t] == sig[t];
    printf("lossless decode: %s\n", ok ? "exact" : "MISMATCH");
    decode(frames, qres, dec, n, p, 0);
    for (t = 0; t < n; t++)
        ok &= dec[t] == rec[t];
    printf("coded decode: %s, snr %.2f dB\n", ok ? "matches coder" :
           "MISMATCH", decibels(es_all, err_all));
    return ok ? 0 : 1;
}
