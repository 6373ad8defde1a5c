/*
 * matmul: dense linear algebra kernels on pseudo-random matrices.
 *
 * Usage: matmul N SEED [BLOCK]
 *
 * Builds integer and double matrices of about N x N from a seeded
 * generator, multiplies them with a naive loop, a cache-blocked loop and
 * a transposed-operand loop, and checks that the methods agree (exactly
 * for integers, and with a randomised product check for doubles).  Then
 * factors a random N x N matrix with LU decomposition and partial
 * pivoting, solves a linear system, refines the solution once, inverts
 * the matrix, and prints residuals at limited precision.  A small integer
 * determinant is computed both exactly (fraction-free elimination) and
 * through LU as a cross-check.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Pseudo-random numbers: 64-bit linear congruential state, output mix */

typedef struct {
    uint64_t state;
} Rng;

static void rng_seed(Rng *r, uint64_t seed)
{
    r->state = seed * 0x2545F4914F6CDD1DULL + 0x1234567ULL;
}

static uint64_t rng_next(Rng *r)
{
    uint64_t x;
    r->state = r->state * 6364136223846793005ULL + 1442695040888963407ULL;
    x = r->state;
    x ^= x >> 29;
    x *= 0xD6E8FEB86659FD93ULL;
    x ^= x >> 32;
    return x;
}

/* integer uniformly-ish distributed in [lo, hi] */
static int rng_int(Rng *r, int lo, int hi)
{
    uint64_t span = (uint64_t)(hi - lo + 1);
    return lo + (int)((rng_next(r) >> 16) % span);
}

/* double in [-1, 1) */
static double rng_signed_unit(Rng *r)
{
    double u = (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
    return 2.0 * u - 1.0;
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
/* Integer matrices                                                    */

typedef struct {
    int rows, cols;
    int64_t *v;
} IMat;

static IMat imat_new(int rows, int cols)
{
    IMat m;
    m.rows = rows;
    m.cols = cols;
    m.v = xmalloc((size_t)rows * (size_t)cols * sizeof(int64_t));
    memset(m.v, 0, (size_t)rows * (size_t)cols * sizeof(int64_t));
    return m;
}

static void imat_free(IMat *m)
{
    free(m->v);
    m->v = NULL;
}

#define IAT(m, i, j) ((m).v[(size_t)(i) * (size_t)(m).cols + (size_t)(j)])

static void imat_fill(IMat *m, Rng *r, int lo, int hi)
{
    int i, j;
    for (i = 0; i < m->rows; i++)
        for (j = 0; j < m->cols; j++)
            IAT(*m, i, j) = rng_int(r, lo, hi);
}

static void imat_mul_naive(const IMat *a, const IMat *b, IMat *c)
{
    int i, j, k;
    for (i = 0; i < a->rows; i++)
        for (j = 0; j < b->cols; j++) {
            int64_t s = 0;
            for (k = 0; k < a->cols; k++)
                s += IAT(*a, i, k) * IAT(*b, k, j);
            IAT(*c, i, j) = s;
        }
}

static int imin(int a, int b)
{
    return a < b ? a : b;
}

static void imat_mul_blocked(const IMat *a, const IMat *b, IMat *c, int bs)
{
    int ii, jj, kk, i, j, k;
    int n = a->rows, p = a->cols, q = b->cols;
    memset(c->v, 0, (size_t)n * (size_t)q * sizeof(int64_t));
    for (ii = 0; ii < n; ii += bs) {
        int iend = imin(ii + bs, n);
        for (kk = 0; kk < p; kk += bs) {
            int kend = imin(kk + bs, p);
            for (jj = 0; jj < q; jj += bs) {
                int jend = imin(jj + bs, q);
                for (i = ii; i < iend; i++) {
                    int64_t *crow = &IAT(*c, i, 0);
                    for (k = kk; k < kend; k++) {
                        int64_t aik = IAT(*a, i, k);
                        const int64_t *brow = &IAT(*b, k, 0);
                        for (j = jj; j < jend; j++)
                            crow[j] += aik * brow[j];
                    }
                }
            }
        }
    }
}

static void imat_mul_transposed(const IMat *a, const IMat *b, IMat *c)
{
    IMat bt = imat_new(b->cols, b->rows);
    int i, j, k;
    for (i = 0; i < b->rows; i++)
        for (j = 0; j < b->cols; j++)
            IAT(bt, j, i) = IAT(*b, i, j);
    for (i = 0; i < a->rows; i++) {
        const int64_t *arow = &IAT(*a, i, 0);
        for (j = 0; j < bt.rows; j++) {
            const int64_t *brow = &IAT(bt, j, 0);
            int64_t s = 0;
            for (k = 0; k < a->cols; k++)
                s += arow[k] * brow[k];
            IAT(*c, i, j) = s;
        }
    }
    imat_free(&bt);
}

static int imat_equal(const IMat *a, const IMat *b)
{
    size_t n = (size_t)a->rows * (size_t)a->cols;
    size_t i;
    if (a->rows != b->rows || a->cols != b->cols)
        return 0;
    for (i = 0; i < n; i++)
        if (a->v[i] != b->v[i])
            return 0;
    return 1;
}

/* order-dependent hash of all entries (unsigned arithmetic wraps) */
static uint64_t imat_hash(const IMat *m)
{
    size_t n = (size_t)m->rows * (size_t)m->cols;
    size_t i;
    uint64_t h = 1469598103934665603ULL;
    for (i = 0; i < n; i++) {
        h ^= (uint64_t)m->v[i];
        h *= 1099511628211ULL;
        h ^= h >> 31;
    }
    return h;
}

/* Randomised product check: compare C*x with A*(B*x) exactly. */
static int imat_product_check(const IMat *a, const IMat *b, const IMat *c,
                              Rng *r)
{
    int64_t *x = xmalloc((size_t)b->cols * sizeof(int64_t));
    int64_t *bx = xmalloc((size_t)b->rows * sizeof(int64_t));
    int i, k, ok = 1;
    for (i = 0; i < b->cols; i++)
        x[i] = rng_int(r, -3, 3);
    for (i = 0; i < b->rows; i++) {
        int64_t s = 0;
        for (k = 0; k < b->cols; k++)
            s += IAT(*b, i, k) * x[k];
        bx[i] = s;
    }
    for (i = 0; i < a->rows && ok; i++) {
        int64_t s1 = 0, s2 = 0;
        for (k = 0; k < a->cols; k++)
            s1 += IAT(*a, i, k) * bx[k];
        for (k = 0; k < c->cols; k++)
            s2 += IAT(*c, i, k) * x[k];
        if (s1 != s2)
            ok = 0;
    }
    free(x);
    free(bx);
    return ok;
}

/* ------------------------------------------------------------------ */
/* Double matrices                                                     */

typedef struct {
    int rows, cols;
    double *v;
} DMat;

#define DAT(m, i, j) ((m).v[(size_t)(i) * (size_t)(m).cols + (size_t)(j)])

static DMat dmat_new(int rows, int cols)
{
    DMat m;
    size_t n = (size_t)rows * (size_t)cols;
    size_t i;
    m.rows = rows;
    m.cols = cols;
    m.v = xmalloc(n * sizeof(double));
    for (i = 0; i < n; i++)
        m.v[i] = 0.0;
    return m;
}

static void dmat_free(DMat *m)
{
    free(m->v);
    m->v = NULL;
}

static DMat dmat_copy(const DMat *src)
{
    DMat m = dmat_new(src->rows, src->cols);
    memcpy(m.v, src->v, (size_t)src->rows * (size_t)src->cols * sizeof(double));
    return m;
}

static void dmat_fill(DMat *m, Rng *r)
{
    int i, j;
    for (i = 0; i < m->rows; i++)
        for (j = 0; j < m->cols; j++)
            DAT(*m, i, j) = rng_signed_unit(r);
}

static void dmat_mul_naive(const DMat *a, const DMat *b, DMat *c)
{
    int i, j, k;
    for (i = 0; i < a->rows; i++)
        for (j = 0; j < b->cols; j++) {
            double s = 0.0;
            for (k = 0; k < a->cols; k++)
                s += DAT(*a, i, k) * DAT(*b, k, j);
            DAT(*c, i, j) = s;
        }
}

/*
 * Blocked product.  For each output entry the k index is still visited
 * in increasing order, so the result matches the naive loop exactly.
 */
static void dmat_mul_blocked(const DMat *a, const DMat *b, DMat *c, int bs)
{
    int ii, jj, kk, i, j, k;
    int n = a->rows, p = a->cols, q = b->cols;
    size_t t, total = (size_t)n * (size_t)q;
    for (t = 0; t < total; t++)
        c->v[t] = 0.0;
    for (ii = 0; ii < n; ii += bs) {
        int iend = imin(ii + bs, n);
        for (kk = 0; kk < p; kk += bs) {
            int kend = imin(kk + bs, p);
            for (jj = 0; jj < q; jj += bs) {
                int jend = imin(jj + bs, q);
                for (i = ii; i < iend; i++) {
                    double *crow = &DAT(*c, i, 0);
                    for (k = kk; k < kend; k++) {
                        double aik = DAT(*a, i, k);
                        const double *brow = &DAT(*b, k, 0);
                        for (j = jj; j < jend; j++)
                            crow[j] += aik * brow[j];
                    }
                }
            }
        }
    }
}

static double dmat_max_diff(const DMat *a, const DMat *b)
{
    size_t n = (size_t)a->rows * (size_t)a->cols;
    size_t i;
    double m = 0.0;
    for (i = 0; i < n; i++) {
        double d = fabs(a->v[i] - b->v[i]);
        if (d > m)
            m = d;
    }
    return m;
}

static double dmat_frobenius(const DMat *a)
{
    size_t n = (size_t)a->rows * (size_t)a->cols;
    size_t i;
    double s = 0.0;
    for (i = 0; i < n; i++)
        s += a->v[i] * a->v[i];
    return sqrt(s);
}

static double dmat_norm_inf(const DMat *a)
{
    int i, j;
    double m = 0.0;
    for (i = 0; i < a->rows; i++) {
        double s = 0.0;
        for (j = 0; j < a->cols; j++)
            s += fabs(DAT(*a, i, j));
        if (s > m)
            m = s;
    }
    return m;
}

static void dmat_vec(const DMat *a, const double *x, double *y)
{
    int i, j;
    for (i = 0; i < a->rows; i++) {
        double s = 0.0;
        for (j = 0; j < a->cols; j++)
            s += DAT(*a, i, j) * x[j];
        y[i] = s;
    }
}

static double vec_norm_inf(const double *x, int n)
{
    int i;
    double m = 0.0;
    for (i = 0; i < n; i++)
        if (fabs(x[i]) > m)
            m = fabs(x[i]);
    return m;
}

/* relative difference between C*x and A*(B*x) for a random x */
static double dmat_product_check(const DMat *a, const DMat *b, const DMat *c,
                                 Rng *r)
{
    double *x = xmalloc((size_t)b->cols * sizeof(double));
    double *bx = xmalloc((size_t)b->rows * sizeof(double));
    double *abx = xmalloc((size_t)a->rows * sizeof(double));
    double *cx = xmalloc((size_t)c->rows * sizeof(double));
    double num = 0.0, den = 0.0;
    int i;
    for (i = 0; i < b->cols; i++)
        x[i] = rng_signed_unit(r);
    dmat_vec(b, x, bx);
    dmat_vec(a, bx, abx);
    dmat_vec(c, x, cx);
    for (i = 0; i < a->rows; i++) {
        double d = abx[i] - cx[i];
        num += d * d;
        den += abx[i] * abx[i];
    }
    free(x);
    free(bx);
    free(abx);
    free(cx);
    return den > 0.0 ? sqrt(num / den) : sqrt(num);
}

/* ------------------------------------------------------------------ */
/* LU decomposition with partial pivoting                              */

typedef struct {
    DMat lu;      /* unit lower L below the diagonal, U on and above */
    int *perm;    /* row i of the factored matrix is row perm[i] of A */
    int swaps;    /* number of row exchanges */
    int singular; /* set when a zero pivot was met */
} LU;

static LU lu_factor(const DMat *a)
{
    LU f;
    int n = a->rows;
    int i, j, k;
    f.lu = dmat_copy(a);
    f.perm = xmalloc((size_t)n * sizeof(int));
    f.swaps = 0;
    f.singular = 0;
    for (i = 0; i < n; i++)
        f.perm[i] = i;
    for (k = 0; k < n; k++) {
        int piv = k;
        double best = fabs(DAT(f.lu, k, k));
        double pivval;
        for (i = k + 1; i < n; i++) {
            double v = fabs(DAT(f.lu, i, k));
            if (v > best) {
                best = v;
                piv = i;
            }
        }
        if (best == 0.0) {
            f.singular = 1;
            continue;
        }
        if (piv != k) {
            double *rk = &DAT(f.lu, k, 0);
            double *rp = &DAT(f.lu, piv, 0);
            int t = f.perm[k];
            f.perm[k] = f.perm[piv];
            f.perm[piv] = t;
            for (j = 0; j < n; j++) {
                double tmp = rk[j];
                rk[j] = rp[j];
                rp[j] = tmp;
            }
            f.swaps++;
        }
        pivval = DAT(f.lu, k, k);
        for (i = k + 1; i < n; i++) {
            double *ri = &DAT(f.lu, i, 0);
            const double *rk = &DAT(f.lu, k, 0);
            double m = ri[k] / pivval;
            ri[k] = m;
            if (m != 0.0)
                for (j = k + 1; j < n; j++)
                    ri[j] -= m * rk[j];
        }
    }
    return f;
}

static void lu_free(LU *f)
{
    dmat_free(&f->lu);
    free(f->perm);
    f->perm = NULL;
}

/* solve A x = b using the factors; x and b may not alias */
static void lu_solve(const LU *f, const double *b, double *x)
{
    int n = f->lu.rows;
    int i, j;
    for (i = 0; i < n; i++) {
        double s = b[f->perm[i]];
        const double *ri = &DAT(f->lu, i, 0);
        for (j = 0; j < i; j++)
            s -= ri[j] * x[j];
        x[i] = s;
    }
    for (i = n - 1; i >= 0; i--) {
        double s = x[i];
        const double *ri = &DAT(f->lu, i, 0);
        for (j = i + 1; j < n; j++)
            s -= ri[j] * x[j];
        x[i] = s / ri[i];
    }
}

/* log |det A| and its sign */
static double lu_log_det(const LU *f, int *sign)
{
    int n = f->lu.rows;
    int i;
    double s = 0.0;
    int sg = (f->swaps % 2) ? -1 : 1;
    for (i = 0; i < n; i++) {
        double d = DAT(f->lu, i, i);
        if (d < 0.0)
            sg = -sg;
        s += log(fabs(d));
    }
    *sign = sg;
    return s;
}

/* max |(P A) - L U| over all entries */
static double lu_reconstruction_error(const LU *f, const DMat *a)
{
    int n = a->rows;
    int i, j, k;
    double worst = 0.0;
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++) {
            int kmax = i < j ? i : j;
            double s = 0.0;
            for (k = 0; k < kmax; k++)
                s += DAT(f->lu, i, k) * DAT(f->lu, k, j);
            /* diagonal of L is one */
            if (i <= j)
                s += DAT(f->lu, i, j);
            else
                s += DAT(f->lu, i, kmax) * DAT(f->lu, kmax, j);
            s = fabs(s - DAT(*a, f->perm[i], j));
            if (s > worst)
                worst = s;
        }
    return worst;
}

/* ------------------------------------------------------------------ */
/* Exact determinant of a small integer matrix (fraction-free method)  */

static int64_t bareiss_det(int64_t *m, int n)
{
    int i, j, k;
    int64_t prev = 1;
    int sign = 1;
    for (k = 0; k < n - 1; k++) {
        if (m[k * n + k] == 0) {
            int r = -1;
            for (i = k + 1; i < n; i++)
                if (m[i * n + k] != 0) {
                    r = i;
                    break;
                }
            if (r < 0)
                return 0;
            for (j = 0; j < n; j++) {
                int64_t t = m[k * n + j];
                m[k * n + j] = m[r * n + j];
                m[r * n + j] = t;
            }
            sign = -sign;
        }
        for (i = k + 1; i < n; i++)
            for (j = k + 1; j < n; j++)
                m[i * n + j] = (m[i * n + j] * m[k * n + k] -
                                m[i * n + k] * m[k * n + j]) / prev;
        prev = m[k * n + k];
    }
    return sign * m[(n - 1) * n + (n - 1)];
}

static void determinant_check(Rng *r)
{
    enum { DN = 7 };
    int64_t exact_in[DN * DN];
    DMat a = dmat_new(DN, DN);
    LU f;
    int trial, i;
    for (trial = 0; trial < 4; trial++) {
        int64_t exact;
        double via_lu = 0.0, logdet;
        int sign;
        for (i = 0; i < DN * DN; i++) {
            int v = rng_int(r, -4, 4);
            exact_in[i] = v;
            a.v[i] = (double)v;
        }
        f = lu_factor(&a);
        if (!f.singular) {
            logdet = lu_log_det(&f, &sign);
            via_lu = sign * exp(logdet);
        }
        exact = bareiss_det(exact_in, DN);
        printf("det7[%d]: exact %lld lu %.1f %s\n", trial, (long long)exact,
               via_lu,
               (llround(via_lu) == exact) ? "agree" : "DISAGREE");
        lu_free(&f);
    }
    dmat_free(&a);
}

/* ------------------------------------------------------------------ */

static void integer_products(int n, int bs, Rng *r)
{
    int p = n + 7, q = n + 3;
    IMat a = imat_new(n, p), b = imat_new(p, q);
    IMat c1 = imat_new(n, q), c2 = imat_new(n, q), c3 = imat_new(n, q);
    int64_t trace = 0;
    int i;
    imat_fill(&a, r, -50, 50);
    imat_fill(&b, r, -50, 50);
    imat_mul_naive(&a, &b, &c1);
    imat_mul_blocked(&a, &b, &c2, bs);
    imat_mul_transposed(&a, &b, &c3);
    for (i = 0; i < n && i < q; i++)
        trace += IAT(c1, i, i);
    printf("int: %dx%d * %dx%d\n", n, p, p, q);
    printf("int: blocked %s, transposed %s, product check %s\n",
           imat_equal(&c1, &c2) ? "match" : "MISMATCH",
           imat_equal(&c1, &c3) ? "match" : "MISMATCH",
           imat_product_check(&a, &b, &c2, r) ? "pass" : "FAIL");
    printf("int: trace %lld corner %lld hash %016llx\n", (long long)trace,
           (long long)IAT(c1, n - 1, q - 1), (unsigned long long)imat_hash(&c2));
    imat_free(&a);
    imat_free(&b);
    imat_free(&c1);
    imat_free(&c2);
    imat_free(&c3);
}

static void double_products(int n, int bs, Rng *r)
{
    int p = n + 5, q = n + 1;
    DMat a = dmat_new(n, p), b = dmat_new(p, q);
    DMat c1 = dmat_new(n, q), c2 = dmat_new(n, q);
    double trace = 0.0;
    int i;
    dmat_fill(&a, r);
    dmat_fill(&b, r);
    dmat_mul_naive(&a, &b, &c1);
    dmat_mul_blocked(&a, &b, &c2, bs);
    for (i = 0; i < n && i < q; i++)
        trace += DAT(c1, i, i);
    printf("dbl: %dx%d * %dx%d\n", n, p, p, q);
    printf("dbl: blocked vs naive max diff %.3e\n", dmat_max_diff(&c1, &c2));
    printf("dbl: product check relative error %s\n",
           dmat_product_check(&a, &b, &c2, r) < 1e-12 ? "< 1e-12" : "LARGE");
    printf("dbl: frobenius %.6f trace %.6f\n", dmat_frobenius(&c2), trace);
    dmat_free(&a);
    dmat_free(&b);
    dmat_free(&c1);
    dmat_free(&c2);
}

static void linear_solve(int n, int bs, Rng *r)
{
    DMat a = dmat_new(n, n);
    double *xt = xmalloc((size_t)n * sizeof(double));
    double *b = xmalloc((size_t)n * sizeof(double));
    double *x = xmalloc((size_t)n * sizeof(double));
    double *res = xmalloc((size_t)n * sizeof(double));
    double *dx = xmalloc((size_t)n * sizeof(double));
    double anorm, err, rel, logdet;
    int i, j, sign;
    LU f;

    dmat_fill(&a, r);
    for (i = 0; i < n; i++)
        xt[i] = (double)(i % 9 - 4) * 0.25 + 1.0;
    dmat_vec(&a, xt, b);

    f = lu_factor(&a);
    printf("lu: n %d swaps %d singular %d\n", n, f.swaps, f.singular);
    if (f.singular) {
        lu_free(&f);
        dmat_free(&a);
        free(xt);
        free(b);
        free(x);
        free(res);
        free(dx);
        return;
    }
    logdet = lu_log_det(&f, &sign);
    printf("lu: log|det| %.6f sign %d\n", logdet, sign);
    printf("lu: reconstruction %s\n",
           lu_reconstruction_error(&f, &a) < 1e-10 ? "ok" : "BAD");

    lu_solve(&f, b, x);
    anorm = dmat_norm_inf(&a);
    for (int pass = 0; pass < 2; pass++) {
        dmat_vec(&a, x, res);
        for (i = 0; i < n; i++)
            res[i] = b[i] - res[i];
        rel = vec_norm_inf(res, n) / (anorm * vec_norm_inf(x, n));
        err = 0.0;
        for (i = 0; i < n; i++)
            if (fabs(x[i] - xt[i]) > err)
                err = fabs(x[i] - xt[i]);
        printf("solve pass %d: scaled residual %.2e error %s\n", pass, rel,
               err < 1e-6 ? "< 1e-6" : "LARGE");
        /* one step of iterative refinement */
        lu_solve(&f, res, dx);
        for (i = 0; i < n; i++)
            x[i] += dx[i];
    }
    {
        double sx = 0.0;
        for (i = 0; i < n; i++)
            sx += x[i];
        printf("solve: sum of solution %.6f\n", sx);
    }

    /* inverse, column by column, then check A * inv(A) = I */
    {
        DMat inv = dmat_new(n, n), prod = dmat_new(n, n);
        double *e = xmalloc((size_t)n * sizeof(double));
        double *col = xmalloc((size_t)n * sizeof(double));
        double worst = 0.0, tr = 0.0;
        for (j = 0; j < n; j++) {
            for (i = 0; i < n; i++)
                e[i] = (i == j) ? 1.0 : 0.0;
            lu_solve(&f, e, col);
            for (i = 0; i < n; i++)
                DAT(inv, i, j) = col[i];
        }
        dmat_mul_blocked(&a, &inv, &prod, bs);
        for (i = 0; i < n; i++) {
            tr += DAT(prod, i, i);
            for (j = 0; j < n; j++) {
                double d = fabs(DAT(prod, i, j) - (i == j ? 1.0 : 0.0));
                if (d > worst)
                    worst = d;
            }
        }
        printf("inverse: trace(A*inv) %.6f identity %s\n", tr,
               worst < 1e-8 ? "ok" : "BAD");
        printf("inverse: condition estimate %.4g\n",
               anorm * dmat_norm_inf(&inv));
        free(e);
        free(col);
        dmat_free(&inv);
        dmat_free(&prod);
    }

    lu_free(&f);
    dmat_free(&a);
    free(xt);
    free(b);
    free(x);
    free(res);
    free(dx);
}

int main(int argc, char **argv)
{
    int n, bs = 32;
    unsigned long seed;
    Rng r;
    if (argc < 3) {
        fprintf(stderr, "usage: matmul N SEED [BLOCK]\n");
        return 1;
    }
    n = atoi(argv[1]);
    seed = strtoul(argv[2], NULL, 10);
    if (argc > 3)
        bs = atoi(argv[3]);
    if (n < 2 || n > 2000 || bs < 1) {
        fprintf(stderr, "bad arguments\n");
        return 1;
    }
    rng_seed(&r, (uint64_t)seed);
    printf("matmul n=%d seed=%lu block=%d\n", n, seed, bs);
    integer_products(n, bs, &r);
    double_products(n, bs, &r);
    linear_solve(n, bs, &r);
    determinant_check(&r);
    return 0;
}
