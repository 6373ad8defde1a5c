/*
 * fft: iterative radix-2 complex FFT used for exact polynomial and
 * big-number multiplication.
 *
 * Usage:
 *   fft FILE              multiply the pairs of polynomials / numbers in FILE
 *   fft gen LOGN COUNT SEED
 *                         multiply COUNT random polynomial pairs of degree
 *                         below 2^LOGN and one pair of 2^LOGN-digit numbers
 *
 * Input file format (one item per line, '#' starts a comment line):
 *   poly c0 c1 c2 ...     integer coefficients, lowest degree first
 *   num DIGITS            a non-negative decimal number
 * Consecutive items of the same kind are multiplied in pairs.
 *
 * Every product is computed twice with FFTs (three transforms, and two
 * transforms with both real inputs packed into one complex signal) and
 * checked against the direct quadratic product.  Number products are also
 * checked modulo a prime.  The transform itself is checked against a
 * direct DFT and by a forward/inverse round trip.
 */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double re, im;
} Cpx;

static Cpx cpx(double re, double im)
{
    Cpx z;
    z.re = re;
    z.im = im;
    return z;
}

static Cpx cadd(Cpx a, Cpx b)
{
    return cpx(a.re + b.re, a.im + b.im);
}

static Cpx csub(Cpx a, Cpx b)
{
    return cpx(a.re - b.re, a.im - b.im);
}

static Cpx cmul(Cpx a, Cpx b)
{
    return cpx(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
}

static Cpx cconj(Cpx a)
{
    return cpx(a.re, -a.im);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return p;
}

/* ------------------------------------------------------------------ */
/* Pseudo-random numbers (xorshift with a multiplicative output step)  */

static uint64_t rng_state = 88172645463325252ULL;

static void rng_seed(uint64_t s)
{
    rng_state = s * 0x9E3779B97F4A7C15ULL + 0x5851F42D4C957F2DULL;
    if (rng_state == 0)
        rng_state = 1;
}

static uint64_t rng_next(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state * 0x2545F4914F6CDD1DULL;
}

static long rng_range(long lo, long hi)
{
    return lo + (long)((rng_next() >> 20) % (uint64_t)(hi - lo + 1));
}

/* ------------------------------------------------------------------ */
/* Twiddle factors                                                     */

/*
 * Table of exp(-2 pi i k / N) for 0 <= k < N/2.  Only cosines of the
 * first quarter wave are evaluated; the rest follows from symmetry, which
 * keeps the table exactly symmetric.
 */
typedef struct {
    int n;
    Cpx *w;
} Twiddles;

static Twiddles twiddles_make(int n)
{
    Twiddles t;
    int k, q = n / 4;
    double *quarter;
    const double two_pi = 6.283185307179586476925286766559;
    t.n = n;
    t.w = xmalloc((size_t)(n / 2 + 1) * sizeof(Cpx));
    if (n < 4) {
        t.w[0] = cpx(1.0, 0.0);
        return t;
    }
    quarter = xmalloc((size_t)(q + 1) * sizeof(double));
    for (k = 0; k <= q; k++)
        quarter[k] = cos(two_pi * (double)k / (double)n);
    quarter[q] = 0.0;
    for (k = 0; k < n / 2; k++) {
        double c, s;
        if (k <= q) {
            c = quarter[k];
            s = quarter[q - k];
        } else {
            c = -quarter[n / 2 - k];
            s = quarter[k - q];
        }
        t.w[k] = cpx(c, -s);
    }
    free(quarter);
    return t;
}

static void twiddles_free(Twiddles *t)
{
    free(t->w);
    t->w = NULL;
}

/* ------------------------------------------------------------------ */
/* The transform                                                       */

static void bit_reverse(Cpx *a, int n)
{
    int i, j = 0;
    for (i = 1; i < n; i++) {
        int bit = n >> 1;
        while (j & bit) {
            j ^= bit;
            bit >>= 1;
        }
        j |= bit;
        if (i < j) {
            Cpx t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}

/*
 * In-place transform of length n (a power of two dividing tw->n).
 * Forward uses exp(-2 pi i jk/n); inverse uses the conjugate and scales
 * by 1/n.
 */
static void fft(Cpx *a, int n, int inverse, const Twiddles *tw)
{
    int len, i, j;
    bit_reverse(a, n);
    for (len = 2; len <= n; len <<= 1) {
        int half = len >> 1;
        int step = tw->n / len;
        for (i = 0; i < n; i += len) {
            for (j = 0; j < half; j++) {
                Cpx w = tw->w[j * step];
                Cpx u, v;
                if (inverse)
                    w = cconj(w);
                u = a[i + j];
                v = cmul(a[i + j + half], w);
                a[i + j] = cadd(u, v);
                a[i + j + half] = csub(u, v);
            }
        }
    }
    if (inverse) {
        double s = 1.0 / (double)n;
        for (i = 0; i < n; i++) {
            a[i].re *= s;
            a[i].im *= s;
        }
    }
}

/* direct O(n^2) DFT with the same twiddle table, for checking */
static void dft_direct(const Cpx *in, Cpx *out, int n, const Twiddles *tw)
{
    int j, k;
    int step = tw->n / n;
    for (k = 0; k < n; k++) {
        Cpx s = cpx(0.0, 0.0);
        for (j = 0; j < n; j++) {
            int idx = (int)(((long)j * k) % n);
            Cpx w;
            if (idx < n / 2 || n < 2)
                w = tw->w[idx * step];
            else
                w = cpx(-tw->w[(idx - n / 2) * step].re,
                        -tw->w[(idx - n / 2) * step].im);
            s = cadd(s, cmul(in[j], w));
        }
        out[k] = s;
    }
}

static int next_pow2(int n)
{
    int p = 1;
    while (p < n)
        p <<= 1;
    return p;
}

/* ------------------------------------------------------------------ */
/* Polynomial products                                                 */

typedef struct {
    int len; /* number of coefficients */
    int64_t *c;
} Poly;

static Poly poly_new(int len)
{
    Poly p;
    p.len = len;
    p.c = xmalloc((size_t)len * sizeof(int64_t));
    memset(p.c, 0, (size_t)len * sizeof(int64_t));
    return p;
}

static void poly_free(Poly *p)
{
    free(p->c);
    p->c = NULL;
    p->len = 0;
}

static Poly poly_mul_direct(const Poly *a, const Poly *b)
{
    Poly r = poly_new(a->len + b->len - 1);
    int i, j;
    for (i = 0; i < a->len; i++) {
        int64_t ai = a->c[i];
        if (ai == 0)
            continue;
        for (j = 0; j < b->len; j++)
            r.c[i + j] += ai * b->c[j];
    }
    return r;
}

static int64_t round_to_int(double x, double *worst)
{
    double r = floor(x + 0.5);
    double d = fabs(x - r);
    if (d > *worst)
        *worst = d;
    return (int64_t)r;
}

/* three transforms: FFT(a), FFT(b), inverse of the pointwise product */
static Poly poly_mul_fft3(const Poly *a, const Poly *b, const Twiddles *tw,
                          double *worst)
{
    int rlen = a->len + b->len - 1;
    int n = next_pow2(rlen), i;
    Cpx *fa = xmalloc((size_t)n * sizeof(Cpx));
    Cpx *fb = xmalloc((size_t)n * sizeof(Cpx));
    Poly r = poly_new(rlen);
    for (i = 0; i < n; i++) {
        fa[i] = cpx(i < a->len ? (double)a->c[i] : 0.0, 0.0);
        fb[i] = cpx(i < b->len ? (double)b->c[i] : 0.0, 0.0);
    }
    fft(fa, n, 0, tw);
    fft(fb, n, 0, tw);
    for (i = 0; i < n; i++)
        fa[i] = cmul(fa[i], fb[i]);
    fft(fa, n, 1, tw);
    for (i = 0; i < rlen; i++)
        r.c[i] = round_to_int(fa[i].re, worst);
    free(fa);
    free(fb);
    return r;
}

/*
 * Two transforms: z = a + i b is transformed once; the spectra of a and b
 * are separated with the conjugate symmetry of real signals,
 *   A[k] = (Z[k] + conj Z[n-k]) / 2,  B[k] = (Z[k] - conj Z[n-k]) / (2i),
 * and the product A[k] B[k] is transformed back.
 */
static Poly poly_mul_fft2(const Poly *a, const Poly *b, const Twiddles *tw,
                          double *worst)
{
    int rlen = a->len + b->len - 1;
    int n = next_pow2(rlen), i;
    Cpx *z = xmalloc((size_t)n * sizeof(Cpx));
    Cpx *p = xmalloc((size_t)n * sizeof(Cpx));
    Poly r = poly_new(rlen);
    for (i = 0; i < n; i++)
        z[i] = cpx(i < a->len ? (double)a->c[i] : 0.0,
                   i < b->len ? (double)b->c[i] : 0.0);
    fft(z, n, 0, tw);
    for (i = 0; i < n; i++) {
        Cpx zk = z[i];
        Cpx zc = cconj(z[(n - i) & (n - 1)]);
        Cpx fa = cpx(0.5 * (zk.re + zc.re), 0.5 * (zk.im + zc.im));
        Cpx d = csub(zk, zc);
        /* d / (2i) = (d.im - i d.re) / 2 */
        Cpx fb = cpx(0.5 * d.im, -0.5 * d.re);
        p[i] = cmul(fa, fb);
    }
    fft(p, n, 1, tw);
    for (i = 0; i < rlen; i++)
        r.c[i] = round_to_int(p[i].re, worst);
    free(z);
    free(p);
    return r;
}

static uint64_t poly_hash(const Poly *p)
{
    uint64_t h = 0xCBF29CE484222325ULL;
    int i;
    for (i = 0; i < p->len; i++) {
        h ^= (uint64_t)p->c[i];
        h *= 0x100000001B3ULL;
        h ^= h >> 29;
    }
    return h;
}

static int poly_mismatches(const Poly *a, const Poly *b)
{
    int i, bad = 0;
    if (a->len != b->len)
        return -1;
    for (i = 0; i < a->len; i++)
        if (a->c[i] != b->c[i])
            bad++;
    return bad;
}

static void poly_print_short(const char *label, const Poly *p)
{
    int i;
    printf("%s", label);
    if (p->len <= 12) {
        for (i = 0; i < p->len; i++)
            printf(" %lld", (long long)p->c[i]);
    } else {
        for (i = 0; i < 4; i++)
            printf(" %lld", (long long)p->c[i]);
        printf(" ... %lld ...", (long long)p->c[p->len / 2]);
        for (i = p->len - 4; i < p->len; i++)
            printf(" %lld", (long long)p->c[i]);
    }
    printf("\n");
}

static int global_failures = 0;

static void multiply_polys(int id, const Poly *a, const Poly *b,
                           const Twiddles *tw)
{
    double w3 = 0.0, w2 = 0.0;
    Poly d = poly_mul_direct(a, b);
    Poly f3 = poly_mul_fft3(a, b, tw, &w3);
    Poly f2 = poly_mul_fft2(a, b, tw, &w2);
    int m3 = poly_mismatches(&d, &f3);
    int m2 = poly_mismatches(&d, &f2);
    printf("poly %d: deg %d x deg %d -> deg %d, fft3 mismatches %d, "
           "fft2 mismatches %d, rounding %s\n",
           id, a->len - 1, b->len - 1, d.len - 1, m3, m2,
           (w3 < 0.25 && w2 < 0.25) ? "safe" : "UNSAFE");
    poly_print_short("  product:", &d);
    printf("  hash %016llx\n", (unsigned long long)poly_hash(&d));
    if (m3 != 0 || m2 != 0)
        global_failures++;
    poly_free(&d);
    poly_free(&f3);
    poly_free(&f2);
}

/* ------------------------------------------------------------------ */
/* Big decimal numbers (digits stored lowest first)                    */

typedef struct {
    int len;
    unsigned char *d;
} Num;

static Num num_from_string(const char *s, int n)
{
    Num x;
    int i;
    x.len = n;
    x.d = xmalloc((size_t)n);
    for (i = 0; i < n; i++)
        x.d[i] = (unsigned char)(s[n - 1 - i] - '0');
    while (x.len > 1 && x.d[x.len - 1] == 0)
        x.len--;
    return x;
}

static void num_free(Num *x)
{
    free(x->d);
    x->d = NULL;
}

static void num_trim(Num *x)
{
    while (x->len > 1 && x->d[x->len - 1] == 0)
        x->len--;
}

/* product through the FFT, carries propagated afterwards */
static Num num_mul_fft(const Num *a, const Num *b, const Twiddles *tw,
                       double *worst)
{
    Poly pa = poly_new(a->len), pb = poly_new(b->len), pr;
    Num r;
    int i;
    int64_t carry = 0;
    for (i = 0; i < a->len; i++)
        pa.c[i] = a->d[i];
    for (i = 0; i < b->len; i++)
        pb.c[i] = b->d[i];
    pr = poly_mul_fft2(&pa, &pb, tw, worst);
    r.len = a->len + b->len;
    r.d = xmalloc((size_t)r.len);
    for (i = 0; i < r.len; i++) {
        int64_t v = carry + (i < pr.len ? pr.c[i] : 0);
        r.d[i] = (unsigned char)(v % 10);
        carry = v / 10;
    }
    num_trim(&r);
    poly_free(&pa);
    poly_free(&pb);
    poly_free(&pr);
    return r;
}

/* schoolbook product in base 10 with immediate carries */
static Num num_mul_school(const Num *a, const Num *b)
{
    Num r;
    int i, j;
    r.len = a->len + b->len;
    r.d = xmalloc((size_t)r.len);
    memset(r.d, 0, (size_t)r.len);
    for (i = 0; i < a->len; i++) {
        int carry = 0;
        int ai = a->d[i];
        if (ai == 0)
            continue;
        for (j = 0; j < b->len; j++) {
            int v = r.d[i + j] + ai * b->d[j] + carry;
            r.d[i + j] = (unsigned char)(v % 10);
            carry = v / 10;
        }
        for (j = i + b->len; carry; j++) {
            int v = r.d[j] + carry;
            r.d[j] = (unsigned char)(v % 10);
            carry = v / 10;
        }
    }
    num_trim(&r);
    return r;
}

static uint64_t num_mod(const Num *x, uint64_t m)
{
    uint64_t r = 0;
    int i;
    for (i = x->len - 1; i >= 0; i--)
        r = (r * 10 + x->d[i]) % m;
    return r;
}

static void num_print_short(const char *label, const Num *x)
{
    int i;
    printf("%s", label);
    if (x->len <= 60) {
        for (i = x->len - 1; i >= 0; i--)
            putchar('0' + x->d[i]);
    } else {
        for (i = x->len - 1; i >= x->len - 24; i--)
            putchar('0' + x->d[i]);
        printf("...");
        for (i = 23; i >= 0; i--)
            putchar('0' + x->d[i]);
    }
    printf("\n");
}

static void multiply_nums(int id, const Num *a, const Num *b,
                          const Twiddles *tw)
{
    const uint64_t prime = 1000000007ULL;
    double worst = 0.0;
    Num f = num_mul_fft(a, b, tw, &worst);
    Num s = num_mul_school(a, b);
    int same = (f.len == s.len) && memcmp(f.d, s.d, (size_t)f.len) == 0;
    uint64_t lhs = num_mod(&f, prime);
    uint64_t rhs = num_mod(a, prime) * num_mod(b, prime) % prime;
    long digit_sum = 0;
    int i;
    for (i = 0; i < f.len; i++)
        digit_sum += f.d[i];
    printf("num %d: %d digits x %d digits -> %d digits, schoolbook %s, "
           "mod p %s, rounding %s\n",
           id, a->len, b->len, f.len, same ? "match" : "MISMATCH",
           lhs == rhs ? "ok" : "BAD", worst < 0.25 ? "safe" : "UNSAFE");
    num_print_short("  product: ", &f);
    printf("  digit sum %ld, product mod p %llu\n", digit_sum,
           (unsigned long long)lhs);
    if (!same || lhs != rhs)
        global_failures++;
    num_free(&f);
    num_free(&s);
}

/* ------------------------------------------------------------------ */
/* Transform self-checks                                               */

static void transform_checks(int n, const Twiddles *tw)
{
    Cpx *x = xmalloc((size_t)n * sizeof(Cpx));
    Cpx *y = xmalloc((size_t)n * sizeof(Cpx));
    Cpx *z = xmalloc((size_t)n * sizeof(Cpx));
    double dft_err = 0.0, rt_err = 0.0, e_time = 0.0, e_freq = 0.0;
    double scale = 0.0;
    int i, small = n < 256 ? n : 256;
    for (i = 0; i < n; i++) {
        /* two statements: argument evaluation order is unspecified */
        double re = (double)rng_range(-1000, 1000) / 64.0;
        double im = (double)rng_range(-1000, 1000) / 64.0;
        x[i] = cpx(re, im);
        y[i] = x[i];
        e_time += x[i].re * x[i].re + x[i].im * x[i].im;
    }
    fft(y, n, 0, tw);
    for (i = 0; i < n; i++) {
        e_freq += y[i].re * y[i].re + y[i].im * y[i].im;
        if (fabs(y[i].re) > scale)
            scale = fabs(y[i].re);
        if (fabs(y[i].im) > scale)
            scale = fabs(y[i].im);
    }
    /* Parseval: sum |X|^2 = n sum |x|^2 */
    e_freq /= (double)n;
    /* direct DFT on a prefix-sized transform */
    {
        Twiddles ts = twiddles_make(small);
        Cpx *p = xmalloc((size_t)small * sizeof(Cpx));
        Cpx *q = xmalloc((size_t)small * sizeof(Cpx));
        for (i = 0; i < small; i++)
            p[i] = x[i];
        dft_direct(p, q, small, &ts);
        fft(p, small, 0, &ts);
        for (i = 0; i < small; i++) {
            double d = fabs(p[i].re - q[i].re) + fabs(p[i].im - q[i].im);
            if (d > dft_err)
                dft_err = d;
        }
        free(p);
        free(q);
        twiddles_free(&ts);
    }
    for (i = 0; i < n; i++)
        z[i] = y[i];
    fft(z, n, 1, tw);
    for (i = 0; i < n; i++) {
        double d = fabs(z[i].re - x[i].re) + fabs(z[i].im - x[i].im);
        if (d > rt_err)
            rt_err = d;
    }
    printf("transform n=%d: energy %.6g, parseval %s, dft(%d) %s, "
           "round trip %s\n",
           n, e_time, fabs(e_time - e_freq) <= 1e-9 * e_time ? "ok" : "BAD",
           small, dft_err <= 1e-9 * (scale + 1.0) ? "ok" : "BAD",
           rt_err <= 1e-9 ? "ok" : "BAD");
    printf("  X[0] = %.4f %+.4fi\n", y[0].re, y[0].im);
    free(x);
    free(y);
    free(z);
}

/* ------------------------------------------------------------------ */
/* Input                                                               */

typedef struct {
    int have_poly, have_num;
    Poly poly;
    Num num;
    int poly_count, num_count;
} Pending;

static char *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    size_t cap = 4096, len = 0, got;
    if (!f)
        return NULL;
    buf = xmalloc(cap + 1);
    while ((got = fread(buf + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            char *nb;
            cap *= 2;
            nb = realloc(buf, cap + 1);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
    }
    fclose(f);
    buf[len] = '\0';
    *size = len;
    return buf;
}

static int parse_poly(const char *s, Poly *out)
{
    int cap = 16, n = 0;
    int64_t *c = xmalloc((size_t)cap * sizeof(int64_t));
    while (*s) {
        char *end;
        long long v;
        while (*s == ' ' || *s == '\t' || *s == '\r')
            s++;
        if (!*s)
            break;
        v = strtoll(s, &end, 10);
        if (end == s || v > 1000000 || v < -1000000) {
            free(c);
            return 0;
        }
        s = end;
        if (n == cap) {
            int64_t *nc;
            cap *= 2;
            nc = realloc(c, (size_t)cap * sizeof(int64_t));
            if (!nc) {
                free(c);
                return 0;
            }
            c = nc;
        }
        c[n++] = v;
    }
    if (n == 0) {
        free(c);
        return 0;
    }
    out->len = n;
    out->c = c;
    return 1;
}

static int parse_num(const char *s, Num *out)
{
    const char *start, *end;
    while (*s == ' ' || *s == '\t')
        s++;
    start = s;
    while (isdigit((unsigned char)*s))
        s++;
    end = s;
    while (*s == ' ' || *s == '\t' || *s == '\r')
        s++;
    if (end == start || *s)
        return 0;
    *out = num_from_string(start, (int)(end - start));
    return 1;
}

static int run_file(const char *path)
{
    size_t size = 0;
    char *text = read_file(path, &size);
    char *line;
    Pending pend;
    Twiddles tw;
    int lineno = 0, maxn = 2;
    if (!text) {
        fprintf(stderr, "cannot read %s\n", path);
        return 1;
    }
    (void)size;
    memset(&pend, 0, sizeof pend);
    /* the longest line bounds every transform length */
    {
        size_t cur = 0, longest = 0, i;
        for (i = 0; text[i]; i++) {
            if (text[i] == '\n')
                cur = 0;
            else if (++cur > longest)
                longest = cur;
        }
        maxn = next_pow2(2 * (int)longest + 2);
    }
    tw = twiddles_make(maxn);
    line = text;
    while (line && *line) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        lineno++;
        if (strncmp(line, "poly ", 5) == 0) {
            Poly p;
            if (!parse_poly(line + 5, &p)) {
                fprintf(stderr, "line %d: bad polynomial\n", lineno);
                return 1;
            }
            if (pend.have_poly) {
                multiply_polys(++pend.poly_count, &pend.poly, &p, &tw);
                poly_free(&pend.poly);
                poly_free(&p);
                pend.have_poly = 0;
            } else {
                pend.poly = p;
                pend.have_poly = 1;
            }
        } else if (strncmp(line, "num ", 4) == 0) {
            Num x;
            if (!parse_num(line + 4, &x)) {
                fprintf(stderr, "line %d: bad number\n", lineno);
                return 1;
            }
            if (pend.have_num) {
                multiply_nums(++pend.num_count, &pend.num, &x, &tw);
                num_free(&pend.num);
                num_free(&x);
                pend.have_num = 0;
            } else {
                pend.num = x;
                pend.have_num = 1;
            }
        } else if (line[0] != '#' && line[0] != '\0' && line[0] != '\r') {
            fprintf(stderr, "line %d: unknown item\n", lineno);
            return 1;
        }
        line = nl ? nl + 1 : NULL;
    }
    if (pend.have_poly)
        poly_free(&pend.poly);
    if (pend.have_num)
        num_free(&pend.num);
    rng_seed(1);
    transform_checks(maxn < 64 ? maxn : 64, &tw);
    twiddles_free(&tw);
    free(text);
    return 0;
}

static int run_generated(int logn, int count, unsigned long seed)
{
    int n = 1 << logn, k, i;
    Twiddles tw = twiddles_make(2 * n);
    rng_seed(seed);
    printf("generated: logn %d count %d seed %lu\n", logn, count, seed);
    transform_checks(2 * n, &tw);
    for (k = 0; k < count; k++) {
        int la = (int)rng_range(n / 2, n);
        int lb = (int)rng_range(1, n);
        long mag = rng_range(1, 1000);
        Poly a = poly_new(la), b = poly_new(lb);
        for (i = 0; i < la; i++)
            a.c[i] = rng_range(-mag, mag);
        for (i = 0; i < lb; i++)
            b.c[i] = rng_range(-mag, mag);
        multiply_polys(k + 1, &a, &b, &tw);
        poly_free(&a);
        poly_free(&b);
    }
    {
        char *s = xmalloc((size_t)n + 1);
        Num a, b;
        for (i = 0; i < n; i++)
            s[i] = (char)('0' + rng_range(i == 0 ? 1 : 0, 9));
        s[n] = '\0';
        a = num_from_string(s, n);
        for (i = 0; i < n; i++)
            s[i] = (char)('0' + rng_range(i == 0 ? 1 : 0, 9));
        b = num_from_string(s, n);
        multiply_nums(1, &a, &b, &tw);
        num_free(&a);
        num_free(&b);
        free(s);
    }
    twiddles_free(&tw);
    return 0;
}

int main(int argc, char **argv)
{
    int rc;
    if (argc == 2) {
        rc = run_file(argv[1]);
    } else if (argc == 5 && strcmp(argv[1], "gen") == 0) {
        int logn = atoi(argv[2]), count = atoi(argv[3]);
        if (logn < 1 || logn > 20 || count < 0 || count > 1000) {
            fprintf(stderr, "bad arguments\n");
            return 1;
        }
        rc = run_generated(logn, count, strtoul(argv[4], NULL, 10));
    } else {
        fprintf(stderr, "usage: fft FILE | fft gen LOGN COUNT SEED\n");
        return 1;
    }
    if (rc == 0)
        printf("failures: %d\n", global_failures);
    return rc;
}
