/*
 * spmv: sparse matrices in compressed sparse row (CSR) form, sparse
 * matrix-vector products and conjugate-gradient solvers.
 *
 * Usage:
 *   spmv FILE            solve the small systems listed in FILE
 *   spmv grid M SEED     solve a generated M x M grid diffusion problem
 *
 * FILE holds whitespace-separated tokens; '#' starts a comment that runs
 * to the end of the line.  Each system is written as
 *   matrix N NNZ   followed by NNZ triplets "row col value" (1-based;
 *                  repeated positions are summed)
 *   rhs            followed by N values
 *
 * Matrices are assembled from coordinate triplets into CSR (sorting rows,
 * merging duplicates), checked for symmetry through an explicit
 * transpose, and solved with plain CG, Jacobi-preconditioned CG and CG
 * preconditioned with symmetric Gauss-Seidel.  Each solve prints its
 * iteration count and residuals at limited precision and is checked by
 * recomputing the true residual b - A x.  The generated problem also
 * solves a one-dimensional Poisson problem both with CG and with the
 * direct tridiagonal (Thomas) algorithm and compares the two.
 */
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return p;
}

static void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return p;
}

static void *xrealloc(void *old, size_t n)
{
    void *p = realloc(old, n ? n : 1);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return p;
}

/* ------------------------------------------------------------------ */
/* Coordinate (triplet) form                                           */

typedef struct {
    int row, col;
    double val;
} Triplet;

typedef struct {
    int n;
    int count, cap;
    Triplet *t;
} Coo;

static void coo_init(Coo *c, int n)
{
    c->n = n;
    c->count = 0;
    c->cap = 16;
    c->t = xmalloc((size_t)c->cap * sizeof(Triplet));
}

static void coo_add(Coo *c, int row, int col, double val)
{
    if (c->count == c->cap) {
        c->cap *= 2;
        c->t = xrealloc(c->t, (size_t)c->cap * sizeof(Triplet));
    }
    c->t[c->count].row = row;
    c->t[c->count].col = col;
    c->t[c->count].val = val;
    c->count++;
}

static void coo_free(Coo *c)
{
    free(c->t);
    c->t = NULL;
}

/* ------------------------------------------------------------------ */
/* Compressed sparse row form                                          */

typedef struct {
    int n, nnz;
    int *rowptr; /* n + 1 entries */
    int *col;
    double *val;
} Csr;

static void csr_free(Csr *a)
{
    free(a->rowptr);
    free(a->col);
    free(a->val);
    a->rowptr = a->col = NULL;
    a->val = NULL;
}

/*
 * Build CSR from triplets: bucket by row (counting sort, which keeps the
 * insertion order inside a row), sort each row by column with insertion
 * sort, then sum entries that share a position.  Duplicates are summed in
 * insertion order, so the result does not depend on the sort.
 */
static Csr csr_from_coo(const Coo *c)
{
    Csr a;
    int n = c->n, i, k;
    int *count = xmalloc((size_t)(n + 1) * sizeof(int));
    int *next = xmalloc((size_t)(n + 1) * sizeof(int));
    int *tcol = xmalloc((size_t)c->count * sizeof(int));
    int *tord = xmalloc((size_t)c->count * sizeof(int));
    double *tval = xmalloc((size_t)c->count * sizeof(double));
    for (i = 0; i <= n; i++)
        count[i] = 0;
    for (k = 0; k < c->count; k++)
        count[c->t[k].row + 1]++;
    for (i = 0; i < n; i++)
        count[i + 1] += count[i];
    memcpy(next, count, (size_t)(n + 1) * sizeof(int));
    for (k = 0; k < c->count; k++) {
        int pos = next[c->t[k].row]++;
        tcol[pos] = c->t[k].col;
        tval[pos] = c->t[k].val;
        tord[pos] = k;
    }
    /* stable insertion sort of every row by (column, insertion order) */
    for (i = 0; i < n; i++) {
        int lo = count[i], hi = count[i + 1], p, q;
        for (p = lo + 1; p < hi; p++) {
            int cc = tcol[p], oo = tord[p];
            double vv = tval[p];
            q = p - 1;
            while (q >= lo && (tcol[q] > cc || (tcol[q] == cc && tord[q] > oo))) {
                tcol[q + 1] = tcol[q];
                tval[q + 1] = tval[q];
                tord[q + 1] = tord[q];
                q--;
            }
            tcol[q + 1] = cc;
            tval[q + 1] = vv;
            tord[q + 1] = oo;
        }
    }
    a.n = n;
    a.rowptr = xmalloc((size_t)(n + 1) * sizeof(int));
    a.col = xmalloc((size_t)c->count * sizeof(int));
    a.val = xmalloc((size_t)c->count * sizeof(double));
    a.nnz = 0;
    for (i = 0; i < n; i++) {
        int p;
        a.rowptr[i] = a.nnz;
        for (p = count[i]; p < count[i + 1]; p++) {
            if (a.nnz > a.rowptr[i] && a.col[a.nnz - 1] == tcol[p]) {
                a.val[a.nnz - 1] += tval[p];
            } else {
                a.col[a.nnz] = tcol[p];
                a.val[a.nnz] = tval[p];
                a.nnz++;
            }
        }
    }
    a.rowptr[n] = a.nnz;
    free(count);
    free(next);
    free(tcol);
    free(tord);
    free(tval);
    return a;
}

/* explicit transpose; rows of the result come out sorted by column */
static Csr csr_transpose(const Csr *a)
{
    Csr t;
    int n = a->n, i, p;
    int *next = xmalloc((size_t)(n + 1) * sizeof(int));
    t.n = n;
    t.nnz = a->nnz;
    t.rowptr = xmalloc((size_t)(n + 1) * sizeof(int));
    t.col = xmalloc((size_t)a->nnz * sizeof(int));
    t.val = xmalloc((size_t)a->nnz * sizeof(double));
    for (i = 0; i <= n; i++)
        t.rowptr[i] = 0;
    for (p = 0; p < a->nnz; p++)
        t.rowptr[a->col[p] + 1]++;
    for (i = 0; i < n; i++)
        t.rowptr[i + 1] += t.rowptr[i];
    memcpy(next, t.rowptr, (size_t)(n + 1) * sizeof(int));
    for (i = 0; i < n; i++)
        for (p = a->rowptr[i]; p < a->rowptr[i + 1]; p++) {
            int dst = next[a->col[p]]++;
            t.col[dst] = i;
            t.val[dst] = a->val[p];
        }
    free(next);
    return t;
}

static int csr_equal(const Csr *a, const Csr *b)
{
    int i, p;
    if (a->n != b->n || a->nnz != b->nnz)
        return 0;
    for (i = 0; i <= a->n; i++)
        if (a->rowptr[i] != b->rowptr[i])
            return 0;
    for (p = 0; p < a->nnz; p++)
        if (a->col[p] != b->col[p] || a->val[p] != b->val[p])
            return 0;
    return 1;
}

static void spmv(const Csr *a, const double *x, double *y)
{
    int i, p;
    for (i = 0; i < a->n; i++) {
        double s = 0.0;
        for (p = a->rowptr[i]; p < a->rowptr[i + 1]; p++)
            s += a->val[p] * x[a->col[p]];
        y[i] = s;
    }
}

/* y = A^T x computed by scattering the rows of A */
static void spmv_transposed(const Csr *a, const double *x, double *y)
{
    int i, p;
    for (i = 0; i < a->n; i++)
        y[i] = 0.0;
    for (i = 0; i < a->n; i++)
        for (p = a->rowptr[i]; p < a->rowptr[i + 1]; p++)
            y[a->col[p]] += a->val[p] * x[i];
}

static int csr_diagonal(const Csr *a, double *d)
{
    int i, p, ok = 1;
    for (i = 0; i < a->n; i++) {
        d[i] = 0.0;
        for (p = a->rowptr[i]; p < a->rowptr[i + 1]; p++)
            if (a->col[p] == i)
                d[i] = a->val[p];
        if (!(d[i] > 0.0))
            ok = 0;
    }
    return ok;
}

/* ------------------------------------------------------------------ */
/* Vector helpers                                                      */

static double dot(const double *x, const double *y, int n)
{
    int i;
    double s = 0.0;
    for (i = 0; i < n; i++)
        s += x[i] * y[i];
    return s;
}

static double norm2(const double *x, int n)
{
    return sqrt(dot(x, x, n));
}

static void axpy(double alpha, const double *x, double *y, int n)
{
    int i;
    for (i = 0; i < n; i++)
        y[i] += alpha * x[i];
}

/* ------------------------------------------------------------------ */
/* Preconditioners                                                     */

enum { PC_NONE, PC_JACOBI, PC_SGS };

static const char *pc_name(int kind)
{
    switch (kind) {
    case PC_NONE:
        return "cg";
    case PC_JACOBI:
        return "jacobi-pcg";
    default:
        return "sgs-pcg";
    }
}

/*
 * z = M^{-1} r.  For symmetric Gauss-Seidel M = (D + L) D^{-1} (D + U):
 * a forward sweep solves (D + L) y = r, then a backward sweep solves
 * (D + U) z = D y.
 */
static void precondition(int kind, const Csr *a, const double *diag,
                         const double *r, double *z)
{
    int n = a->n, i, p;
    if (kind == PC_NONE) {
        memcpy(z, r, (size_t)n * sizeof(double));
        return;
    }
    if (kind == PC_JACOBI) {
        for (i = 0; i < n; i++)
            z[i] = r[i] / diag[i];
        return;
    }
    for (i = 0; i < n; i++) {
        double s = r[i];
        for (p = a->rowptr[i]; p < a->rowptr[i + 1] && a->col[p] < i; p++)
            s -= a->val[p] * z[a->col[p]];
        z[i] = s / diag[i];
    }
    for (i = n - 1; i >= 0; i--) {
        double s = diag[i] * z[i];
        for (p = a->rowptr[i + 1] - 1; p >= a->rowptr[i] && a->col[p] > i; p--)
            s -= a->val[p] * z[a->col[p]];
        z[i] = s / diag[i];
    }
}

/* ------------------------------------------------------------------ */
/* Conjugate gradients                                                 */

typedef struct {
    int iterations;
    int converged;
    double rel_residual;  /* recursively updated residual, relative */
    double true_residual; /* ||b - A x|| / ||b|| recomputed at the end */
} CgResult;

static CgResult cg_solve(const Csr *a, const double *b, double *x, int kind,
                         double tol, int maxit, int report_every)
{
    int n = a->n, it, i;
    double *r = xmalloc((size_t)n * sizeof(double));
    double *z = xmalloc((size_t)n * sizeof(double));
    double *p = xmalloc((size_t)n * sizeof(double));
    double *q = xmalloc((size_t)n * sizeof(double));
    double *diag = xcalloc((size_t)n, sizeof(double));
    double bnorm = norm2(b, n), rz, rnorm;
    CgResult res;

    csr_diagonal(a, diag);
    for (i = 0; i < n; i++)
        x[i] = 0.0;
    memcpy(r, b, (size_t)n * sizeof(double));
    if (bnorm == 0.0)
        bnorm = 1.0;
    precondition(kind, a, diag, r, z);
    memcpy(p, z, (size_t)n * sizeof(double));
    rz = dot(r, z, n);
    rnorm = norm2(r, n);
    res.converged = rnorm / bnorm <= tol;
    for (it = 0; it < maxit && !res.converged; it++) {
        double pq, alpha, beta, rz_new;
        spmv(a, p, q);
        pq = dot(p, q, n);
        if (!(pq > 0.0))
            break; /* not positive definite, or breakdown */
        alpha = rz / pq;
        axpy(alpha, p, x, n);
        axpy(-alpha, q, r, n);
        rnorm = norm2(r, n);
        if (report_every > 0 && (it + 1) % report_every == 0)
            printf("    %s iter %5d residual %.2e\n", pc_name(kind), it + 1,
                   rnorm / bnorm);
        if (rnorm / bnorm <= tol) {
            res.converged = 1;
            it++;
            break;
        }
        precondition(kind, a, diag, r, z);
        rz_new = dot(r, z, n);
        beta = rz_new / rz;
        rz = rz_new;
        for (i = 0; i < n; i++)
            p[i] = z[i] + beta * p[i];
    }
    res.iterations = it;
    res.rel_residual = rnorm / bnorm;
    spmv(a, x, q);
    for (i = 0; i < n; i++)
        q[i] = b[i] - q[i];
    res.true_residual = norm2(q, n) / bnorm;
    free(r);
    free(z);
    free(p);
    free(q);
    free(diag);
    return res;
}

/* ------------------------------------------------------------------ */
/* Reporting                                                           */

static void describe_matrix(const Csr *a)
{
    Csr t = csr_transpose(a);
    double *diag = xcalloc((size_t)a->n, sizeof(double));
    double *x = xcalloc((size_t)a->n, sizeof(double));
    double *y = xmalloc((size_t)a->n * sizeof(double));
    double *y2 = xmalloc((size_t)a->n * sizeof(double));
    double trace = 0.0, sum = 0.0, maxdiff = 0.0;
    int i, p, maxrow = 0, posdiag;
    posdiag = csr_diagonal(a, diag);
    for (i = 0; i < a->n; i++) {
        int len = a->rowptr[i + 1] - a->rowptr[i];
        if (len > maxrow)
            maxrow = len;
        trace += diag[i];
        x[i] = 1.0 + (double)(i % 5) * 0.5;
    }
    for (p = 0; p < a->nnz; p++)
        sum += a->val[p];
    /* A x computed by rows and by the transpose's columns must agree */
    spmv(a, x, y);
    spmv_transposed(&t, x, y2);
    for (i = 0; i < a->n; i++)
        if (fabs(y[i] - y2[i]) > maxdiff)
            maxdiff = fabs(y[i] - y2[i]);
    printf("  matrix n=%d nnz=%d max row %d, trace %.6f, sum %.6f\n", a->n,
           a->nnz, maxrow, trace, sum);
    printf("  symmetric %s, positive diagonal %s, A x two ways %s, "
           "|A x| %.6f\n",
           csr_equal(a, &t) ? "yes" : "no", posdiag ? "yes" : "no",
           maxdiff <= 1e-12 * (norm2(y, a->n) + 1.0) ? "agree" : "DIFFER",
           norm2(y, a->n));
    csr_free(&t);
    free(diag);
    free(x);
    free(y);
    free(y2);
}

static void report(int kind, const CgResult *r)
{
    printf("  %-10s %s in %4d iterations, residual %.2e, true residual "
           "%.2e\n",
           pc_name(kind), r->converged ? "converged" : "stopped", r->iterations,
           r->rel_residual, r->true_residual);
}

/* ------------------------------------------------------------------ */
/* File mode                                                           */

typedef struct {
    FILE *f;
    int line;
} Tokens;

/* reads the next token into buf; returns 0 at end of input */
static int next_token(Tokens *tk, char *buf, size_t size)
{
    int ch;
    size_t len = 0;
    for (;;) {
        ch = fgetc(tk->f);
        if (ch == EOF)
            return 0;
        if (ch == '\n')
            tk->line++;
        if (ch == '#') {
            while ((ch = fgetc(tk->f)) != EOF && ch != '\n')
                ;
            if (ch == EOF)
                return 0;
            tk->line++;
            continue;
        }
        if (!isspace(ch))
            break;
    }
    while (ch != EOF && !isspace(ch) && ch != '#') {
        if (len + 1 < size)
            buf[len++] = (char)ch;
        ch = fgetc(tk->f);
    }
    if (ch == '#')
        ungetc(ch, tk->f);
    else if (ch == '\n')
        tk->line++;
    buf[len] = '\0';
    return 1;
}

static int token_long(Tokens *tk, long *out)
{
    char buf[64], *end;
    if (!next_token(tk, buf, sizeof buf))
        return 0;
    *out = strtol(buf, &end, 10);
    return *end == '\0' && end != buf;
}

static int token_double(Tokens *tk, double *out)
{
    char buf[64], *end;
    if (!next_token(tk, buf, sizeof buf))
        return 0;
    *out = strtod(buf, &end);
    return *end == '\0' && end != buf;
}

static int solve_one_file_system(Tokens *tk, int id)
{
    long n, nnz, k, r, c;
    double v;
    char word[32];
    Coo coo;
    Csr a;
    double *b, *x;
    int kind, i;
    if (!token_long(tk, &n) || !token_long(tk, &nnz) || n < 1 || n > 100000 ||
        nnz < 0 || nnz > 10000000)
        return 0;
    coo_init(&coo, (int)n);
    for (k = 0; k < nnz; k++) {
        if (!token_long(tk, &r) || !token_long(tk, &c) ||
            !token_double(tk, &v) || r < 1 || r > n || c < 1 || c > n) {
            coo_free(&coo);
            return 0;
        }
        coo_add(&coo, (int)r - 1, (int)c - 1, v);
    }
    if (!next_token(tk, word, sizeof word) || strcmp(word, "rhs") != 0) {
        coo_free(&coo);
        return 0;
    }
    b = xmalloc((size_t)n * sizeof(double));
    x = xmalloc((size_t)n * sizeof(double));
    for (k = 0; k < n; k++)
        if (!token_double(tk, &b[k])) {
            coo_free(&coo);
            free(b);
            free(x);
            return 0;
        }
    a = csr_from_coo(&coo);
    coo_free(&coo);
    printf("system %d (%ld triplets)\n", id, nnz);
    describe_matrix(&a);
    for (kind = PC_NONE; kind <= PC_SGS; kind++) {
        CgResult res = cg_solve(&a, b, x, kind, 1e-12, 10 * (int)n + 10, 0);
        report(kind, &res);
    }
    printf("  x =");
    for (i = 0; i < n && i < 8; i++)
        printf(" %.6f", x[i]);
    if (n > 8)
        printf(" ...");
    printf("\n");
    csr_free(&a);
    free(b);
    free(x);
    return 1;
}

static int run_file(const char *path)
{
    Tokens tk;
    char word[32];
    int id = 0;
    tk.f = fopen(path, "r");
    tk.line = 1;
    if (!tk.f) {
        fprintf(stderr, "cannot open %s\n", path);
        return 1;
    }
    while (next_token(&tk, word, sizeof word)) {
        if (strcmp(word, "matrix") != 0 || !solve_one_file_system(&tk, ++id)) {
            fprintf(stderr, "%s:%d: malformed input\n", path, tk.line);
            fclose(tk.f);
            return 1;
        }
    }
    fclose(tk.f);
    return 0;
}

/* ------------------------------------------------------------------ */
/* Generated problems                                                  */

static uint64_t rng_state;

static double rng_unit(void)
{
    uint64_t z;
    rng_state += 0x9E3779B97F4A7C15ULL;
    z = rng_state;
    z = (z ^ (z >> 31)) * 0x7FB5D329728EA185ULL;
    z = (z ^ (z >> 27)) * 0x81DADEF4BC2DD44DULL;
    z ^= z >> 33;
    return (double)(z >> 11) * (1.0 / 9007199254740992.0);
}

/*
 * Diffusion on an m x m grid of cells with Dirichlet boundaries.  Every
 * face between two cells, or between a cell and the boundary, has a
 * conductance; each face contributes a 2 x 2 (or 1 x 1) element matrix,
 * so the assembled matrix is a weighted graph Laplacian plus a positive
 * boundary term: symmetric positive definite.  With unit conductances it
 * is the standard five-point Poisson matrix.
 */
static Csr grid_matrix(int m, int random_coeff)
{
    Coo coo;
    Csr a;
    int i, j;
    coo_init(&coo, m * m);
    for (i = 0; i < m; i++)
        for (j = 0; j < m; j++) {
            int p = i * m + j;
            double kx = random_coeff ? 0.1 + 1.9 * rng_unit() : 1.0;
            double ky = random_coeff ? 0.1 + 1.9 * rng_unit() : 1.0;
            /* face to the right neighbour (or boundary) */
            if (j + 1 < m) {
                coo_add(&coo, p, p, kx);
                coo_add(&coo, p + 1, p + 1, kx);
                coo_add(&coo, p, p + 1, -kx);
                coo_add(&coo, p + 1, p, -kx);
            } else {
                coo_add(&coo, p, p, kx);
            }
            /* face below (or boundary) */
            if (i + 1 < m) {
                coo_add(&coo, p, p, ky);
                coo_add(&coo, p + m, p + m, ky);
                coo_add(&coo, p, p + m, -ky);
                coo_add(&coo, p + m, p, -ky);
            } else {
                coo_add(&coo, p, p, ky);
            }
            /* left and top boundary faces */
            if (j == 0)
                coo_add(&coo, p, p, random_coeff ? 0.1 + 1.9 * rng_unit() : 1.0);
            if (i == 0)
                coo_add(&coo, p, p, random_coeff ? 0.1 + 1.9 * rng_unit() : 1.0);
        }
    a = csr_from_coo(&coo);
    coo_free(&coo);
    return a;
}

static void solve_grid(int m, int random_coeff, int report_every)
{
    int n = m * m, i, j, kind;
    Csr a;
    double *xt = xmalloc((size_t)n * sizeof(double));
    double *b = xmalloc((size_t)n * sizeof(double));
    double *x = xmalloc((size_t)n * sizeof(double));
    a = grid_matrix(m, random_coeff);
    printf("grid %d x %d, %s coefficients\n", m, m,
           random_coeff ? "random" : "unit");
    describe_matrix(&a);
    /* a smooth exact solution; b = A xt */
    for (i = 0; i < m; i++)
        for (j = 0; j < m; j++) {
            double u = (double)(i + 1) / (double)(m + 1);
            double v = (double)(j + 1) / (double)(m + 1);
            xt[i * m + j] = u * (1.0 - u) * v * (1.0 - v) * 16.0 + 0.25 * u;
        }
    spmv(&a, xt, b);
    for (kind = PC_NONE; kind <= PC_SGS; kind++) {
        CgResult res =
            cg_solve(&a, b, x, kind, 1e-10, 10 * n, report_every);
        double err = 0.0;
        for (i = 0; i < n; i++)
            if (fabs(x[i] - xt[i]) > err)
                err = fabs(x[i] - xt[i]);
        report(kind, &res);
        printf("  %-10s max error vs exact solution %s, x[centre] %.6f\n",
               pc_name(kind), err < 1e-6 ? "< 1e-6" : "LARGE",
               x[(m / 2) * m + m / 2]);
    }
    csr_free(&a);
    free(xt);
    free(b);
    free(x);
}

/* Thomas algorithm for a tridiagonal system (sub, diag, super) */
static void thomas(int n, const double *sub, const double *diag,
                   const double *super, const double *rhs, double *x)
{
    double *c = xmalloc((size_t)n * sizeof(double));
    double *d = xmalloc((size_t)n * sizeof(double));
    int i;
    c[0] = super[0] / diag[0];
    d[0] = rhs[0] / diag[0];
    for (i = 1; i < n; i++) {
        double den = diag[i] - sub[i] * c[i - 1];
        c[i] = super[i] / den;
        d[i] = (rhs[i] - sub[i] * d[i - 1]) / den;
    }
    x[n - 1] = d[n - 1];
    for (i = n - 2; i >= 0; i--)
        x[i] = d[i] - c[i] * x[i + 1];
    free(c);
    free(d);
}

static void solve_line(int n)
{
    Coo coo;
    Csr a;
    double *sub = xmalloc((size_t)n * sizeof(double));
    double *dg = xmalloc((size_t)n * sizeof(double));
    double *sup = xmalloc((size_t)n * sizeof(double));
    double *b = xmalloc((size_t)n * sizeof(double));
    double *x1 = xmalloc((size_t)n * sizeof(double));
    double *x2 = xmalloc((size_t)n * sizeof(double));
    double diff = 0.0;
    CgResult res;
    int i;
    coo_init(&coo, n);
    for (i = 0; i < n; i++) {
        double k = 1.0 + 0.5 * rng_unit();
        sub[i] = i > 0 ? -1.0 : 0.0;
        sup[i] = i + 1 < n ? -1.0 : 0.0;
        dg[i] = 2.0 + 0.01 * k;
        b[i] = (double)((i * 7) % 11) - 5.0;
        coo_add(&coo, i, i, dg[i]);
        if (i > 0)
            coo_add(&coo, i, i - 1, -1.0);
        if (i + 1 < n)
            coo_add(&coo, i, i + 1, -1.0);
    }
    a = csr_from_coo(&coo);
    coo_free(&coo);
    thomas(n, sub, dg, sup, b, x1);
    res = cg_solve(&a, b, x2, PC_NONE, 1e-12, 10 * n, 0);
    for (i = 0; i < n; i++)
        if (fabs(x1[i] - x2[i]) > diff)
            diff = fabs(x1[i] - x2[i]);
    printf("line n=%d: cg %d iterations, "
           "vs thomas %s, x[n/2] %.6f\n",
           n, res.iterations, diff < 1e-8 * (norm2(x1, n) + 1.0) ? "agree" : "DIFFER",
           x1[n / 2]);
    csr_free(&a);
    free(sub);
    free(dg);
    free(sup);
    free(b);
    free(x1);
    free(x2);
}

int main(int argc, char **argv)
{
    if (argc == 2)
        return run_file(argv[1]);
    if (argc == 4 && strcmp(argv[1], "grid") == 0) {
        int m = atoi(argv[2]);
        unsigned long seed = strtoul(argv[3], NULL, 10);
        if (m < 2 || m > 2000) {
            fprintf(stderr, "bad grid size\n");
            return 1;
        }
        rng_state = (uint64_t)seed;
        printf("spmv grid m=%d seed=%lu\n", m, seed);
        solve_line(m * 4);
        solve_grid(m / 2 > 2 ? m / 2 : 2, 0, 0);
        solve_grid(m, 1, m >= 50 ? 100 : 10);
        return 0;
    }
    fprintf(stderr, "usage: spmv FILE | spmv grid M SEED\n");
    return 1;
}
