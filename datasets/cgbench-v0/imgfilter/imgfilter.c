/*
 * imgfilter: classic 3x3 image filters on a greyscale image.
 *
 * The image is read from a plain-text PGM file (format P2) or generated
 * from a seed.  The program applies
 *   - a 3x3 Gaussian blur (kernel 1 2 1 / 2 4 2 / 1 2 1, divided by 16),
 *     computed directly and as two separable passes,
 *   - the Sobel edge magnitude, with an integer square root checked
 *     against the floating-point one,
 *   - a 3x3 median filter, computed by sorting each neighbourhood and by
 *     a sliding-histogram method,
 *   - histogram equalisation,
 * and the pipelines blur->sobel and median->equalise.  For every result
 * it prints a checksum, simple statistics and a 16-bin histogram (and the
 * pixels themselves for tiny images).  Borders are handled by repeating
 * the outermost pixels.
 *
 * Usage:
 *   imgfilter FILE.pgm
 *   imgfilter -gen SEED WIDTH HEIGHT
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#define MAX_DIM 8192
#define HIST_BINS 16

typedef struct {
    int w;
    int h;
    int maxval;
    int *px;
} Image;

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return p;
}

static Image image_new(int w, int h, int maxval)
{
    Image im;
    im.w = w;
    im.h = h;
    im.maxval = maxval;
    im.px = xmalloc((size_t)w * (size_t)h * sizeof *im.px);
    return im;
}

static void image_free(Image *im)
{
    free(im->px);
    im->px = NULL;
}

/* Pixel with coordinates clamped into the image (border replication). */
static int pix(const Image *im, int x, int y)
{
    if (x < 0)
        x = 0;
    else if (x >= im->w)
        x = im->w - 1;
    if (y < 0)
        y = 0;
    else if (y >= im->h)
        y = im->h - 1;
    return im->px[(size_t)y * (size_t)im->w + (size_t)x];
}

/* ---------------- PGM input ---------------- */

typedef struct {
    FILE *f;
    int peek;
} Reader;

/* Reads the next non-negative decimal number, skipping white space and
 * '#' comments; returns -1 at end of file or on a malformed token. */
static long read_number(Reader *r)
{
    int c = r->peek;
    long v = 0;
    int digits = 0;
    for (;;) {
        if (c == '#') {
            while (c != '\n' && c != EOF)
                c = getc(r->f);
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
                   c == '\v' || c == '\f') {
            c = getc(r->f);
        } else {
            break;
        }
    }
    while (c >= '0' && c <= '9') {
        if (v < 100000000L)
            v = v * 10 + (c - '0');
        digits++;
        c = getc(r->f);
    }
    r->peek = c;
    return digits ? v : -1;
}

static int read_pgm(const char *path, Image *out)
{
    Reader r;
    long w, h, maxval, i, n;
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return -1;
    }
    r.f = f;
    if (getc(f) != 'P' || getc(f) != '2') {
        fprintf(stderr, "%s: not a plain PGM (P2) file\n", path);
        fclose(f);
        return -1;
    }
    r.peek = getc(f);
    w = read_number(&r);
    h = read_number(&r);
    maxval = read_number(&r);
    if (w < 1 || h < 1 || w > MAX_DIM || h > MAX_DIM || maxval < 1 ||
        maxval > 65535) {
        fprintf(stderr, "%s: bad header\n", path);
        fclose(f);
        return -1;
    }
    *out = image_new((int)w, (int)h, (int)maxval);
    n = w * h;
    for (i = 0; i < n; i++) {
        long v = read_number(&r);
        if (v < 0 || v > maxval) {
            fprintf(stderr, "%s: bad pixel %ld\n", path, i);
            image_free(out);
            fclose(f);
            return -1;
        }
        out->px[i] = (int)v;
    }
    fclose(f);
    return 0;
}

/* ---------------- generated input ---------------- */

static unsigned long long rng_state;

static unsigned int rng_next(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (unsigned int)(rng_state >> 32);
}

static int rng_range(int n)
{
    return (int)(rng_next() % (unsigned int)n);
}

/* A synthetic scene: a diagonal gradient, filled discs and rectangles,
 * a striped band, smooth noise and some salt-and-pepper pixels. */
static Image generate(unsigned long long seed, int w, int h)
{
    Image im = image_new(w, h, 255);
    int x, y, k, shapes;
    rng_state = seed * 2654435761ULL + 88172645463325252ULL;
    for (k = 0; k < 8; k++)
        rng_next();

    for (y = 0; y < h; y++)
        for (x = 0; x < w; x++)
            im.px[(size_t)y * (size_t)w + (size_t)x] =
                40 + (int)((long)150 * (x + y) / (w + h));

    shapes = 6 + rng_range(10);
    for (k = 0; k < shapes; k++) {
        int cx = rng_range(w), cy = rng_range(h);
        int r = 2 + rng_range(1 + (w < h ? w : h) / 5);
        int level = rng_range(256);
        int kind = rng_range(3);
        int x0 = cx - r < 0 ? 0 : cx - r, x1 = cx + r >= w ? w - 1 : cx + r;
        int y0 = cy - r < 0 ? 0 : cy - r, y1 = cy + r >= h ? h - 1 : cy + r;
        for (y = y0; y <= y1; y++)
            for (x = x0; x <= x1; x++) {
                long dx = x - cx, dy = y - cy;
                int inside = kind == 0 ? dx * dx + dy * dy <= (long)r * r
                           : kind == 1 ? 1
                           : ((x + y) / 3) % 2 == 0;
                if (inside)
                    im.px[(size_t)y * (size_t)w + (size_t)x] = level;
            }
    }

    for (y = 0; y < h; y++)
        for (x = 0; x < w; x++) {
            size_t i = (size_t)y * (size_t)w + (size_t)x;
            /* roughly bell-shaped noise: sum of three small uniforms */
            int v = im.px[i] + rng_range(9) + rng_range(9) + rng_range(9) - 12;
            int s = rng_range(1000);
            if (s < 4)
                v = 0;
            else if (s < 8)
                v = 255;
            im.px[i] = v < 0 ? 0 : v > 255 ? 255 : v;
        }
    return im;
}

/* ---------------- filters ---------------- */

static Image blur_direct(const Image *in)
{
    static const int k[3][3] = { { 1, 2, 1 }, { 2, 4, 2 }, { 1, 2, 1 } };
    Image out = image_new(in->w, in->h, in->maxval);
    int x, y, i, j;
    for (y = 0; y < in->h; y++)
        for (x = 0; x < in->w; x++) {
            long s = 0;
            for (j = -1; j <= 1; j++)
                for (i = -1; i <= 1; i++)
                    s += k[j + 1][i + 1] * pix(in, x + i, y + j);
            out.px[(size_t)y * (size_t)in->w + (size_t)x] = (int)((s + 8) / 16);
        }
    return out;
}

/* Same blur as two 1-2-1 passes; the intermediate sums keep full
 * precision so the result must be identical. */
static Image blur_separable(const Image *in)
{
    Image out = image_new(in->w, in->h, in->maxval);
    long *tmp = xmalloc((size_t)in->w * (size_t)in->h * sizeof *tmp);
    int x, y, w = in->w, h = in->h;
    for (y = 0; y < h; y++)
        for (x = 0; x < w; x++)
            tmp[(size_t)y * (size_t)w + (size_t)x] =
                pix(in, x - 1, y) + 2L * pix(in, x, y) + pix(in, x + 1, y);
    for (y = 0; y < h; y++) {
        size_t up = (size_t)(y > 0 ? y - 1 : 0) * (size_t)w;
        size_t mid = (size_t)y * (size_t)w;
        size_t down = (size_t)(y + 1 < h ? y + 1 : h - 1) * (size_t)w;
        for (x = 0; x < w; x++) {
            long s = tmp[up + (size_t)x] + 2 * tmp[mid + (size_t)x] +
                     tmp[down + (size_t)x];
            out.px[mid + (size_t)x] = (int)((s + 8) / 16);
        }
    }
    free(tmp);
    return out;
}

static long long isqrt(long long v)
{
    long long r = 0, bit = 1LL << 60;
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

typedef struct {
    long sqrt_mismatches;
    long direction[4]; /* horizontal, diagonal /, vertical, diagonal \ */
    long strong;       /* magnitude above a quarter of maxval */
} SobelStats;

static Image sobel(const Image *in, SobelStats *st)
{
    Image out = image_new(in->w, in->h, in->maxval);
    int x, y;
    memset(st, 0, sizeof *st);
    for (y = 0; y < in->h; y++)
        for (x = 0; x < in->w; x++) {
            long long a = pix(in, x - 1, y - 1), b = pix(in, x, y - 1),
                 c = pix(in, x + 1, y - 1), d = pix(in, x - 1, y),
                 f = pix(in, x + 1, y), g = pix(in, x - 1, y + 1),
                 hh = pix(in, x, y + 1), i = pix(in, x + 1, y + 1);
            long long gx = (c + 2 * f + i) - (a + 2 * d + g);
            long long gy = (g + 2 * hh + i) - (a + 2 * b + c);
            long long sq = gx * gx + gy * gy;
            long long m = isqrt(sq);
            long long mf = (long long)floor(sqrt((double)sq));
            long long ax = gx < 0 ? -gx : gx, ay = gy < 0 ? -gy : gy;
            if (m != mf)
                st->sqrt_mismatches++;
            if (m > in->maxval)
                m = in->maxval;
            out.px[(size_t)y * (size_t)in->w + (size_t)x] = (int)m;
            if (m * 4 > in->maxval) {
                st->strong++;
                /* tan(22.5 deg) is about 53/128 */
                if (ay * 128 <= ax * 53)
                    st->direction[0]++;
                else if (ax * 128 <= ay * 53)
                    st->direction[2]++;
                else if ((gx > 0) == (gy > 0))
                    st->direction[3]++;
                else
                    st->direction[1]++;
            }
        }
    return out;
}

static Image median_sort(const Image *in)
{
    Image out = image_new(in->w, in->h, in->maxval);
    int x, y, i, j, n;
    int v[9];
    for (y = 0; y < in->h; y++)
        for (x = 0; x < in->w; x++) {
            n = 0;
            for (j = -1; j <= 1; j++)
                for (i = -1; i <= 1; i++) {
                    int t = pix(in, x + i, y + j), k = n++;
                    while (k > 0 && v[k - 1] > t) {
                        v[k] = v[k - 1];
                        k--;
                    }
                    v[k] = t;
                }
            out.px[(size_t)y * (size_t)in->w + (size_t)x] = v[4];
        }
    return out;
}

/* Sliding-histogram median: the window histogram is updated column by
 * column and the median is tracked together with the number of window
 * values below it. */
static Image median_histogram(const Image *in)
{
    Image out = image_new(in->w, in->h, in->maxval);
    int *hist = xmalloc((size_t)(in->maxval + 1) * sizeof *hist);
    int x, y, j;
    for (y = 0; y < in->h; y++) {
        int m = 0, below = 0;
        memset(hist, 0, (size_t)(in->maxval + 1) * sizeof *hist);
        for (j = -1; j <= 1; j++) {
            hist[pix(in, -1, y + j)]++;
            hist[pix(in, 0, y + j)]++;
            hist[pix(in, 1, y + j)]++;
        }
        for (x = 0; x < in->w; x++) {
            if (x > 0) {
                for (j = -1; j <= 1; j++) {
                    int gone = pix(in, x - 2, y + j);
                    int added = pix(in, x + 1, y + j);
                    hist[gone]--;
                    if (gone < m)
                        below--;
                    hist[added]++;
                    if (added < m)
                        below++;
                }
            }
            while (below > 4) {
                m--;
                below -= hist[m];
            }
            while (below + hist[m] <= 4) {
                below += hist[m];
                m++;
            }
            out.px[(size_t)y * (size_t)in->w + (size_t)x] = m;
        }
    }
    free(hist);
    return out;
}

typedef struct {
    int distinct_in;
    int distinct_out;
    int monotone;
} EqualStats;

static Image equalise(const Image *in, EqualStats *st)
{
    Image out = image_new(in->w, in->h, in->maxval);
    int levels = (in->maxval & 0xffff) + 1; /* maxval is at most 65535 */
    int v, prev = -1;
    long long *cdf = xmalloc((size_t)levels * sizeof *cdf);
    int *map = xmalloc((size_t)levels * sizeof *map);
    char *used = xmalloc((size_t)levels);
    long long total = (long long)in->w * in->h, cmin = 0, run = 0;
    size_t i;

    memset(cdf, 0, (size_t)levels * sizeof *cdf);
    for (i = 0; i < (size_t)total; i++)
        cdf[in->px[i]]++;
    st->distinct_in = 0;
    for (v = 0; v < levels; v++) {
        if (cdf[v] > 0) {
            st->distinct_in++;
            if (cmin == 0)
                cmin = cdf[v];
        }
        run += cdf[v];
        cdf[v] = run;
    }
    st->monotone = 1;
    for (v = 0; v < levels; v++) {
        if (total == cmin) {
            map[v] = v;
        } else {
            long long num = cdf[v] - cmin;
            if (num < 0)
                num = 0;
            map[v] = (int)((2 * num * in->maxval + (total - cmin)) /
                           (2 * (total - cmin)));
        }
        if (map[v] < prev || map[v] > in->maxval)
            st->monotone = 0;
        prev = map[v];
    }
    memset(used, 0, (size_t)levels);
    for (i = 0; i < (size_t)total; i++) {
        out.px[i] = map[in->px[i]];
        used[out.px[i]] = 1;
    }
    st->distinct_out = 0;
    for (v = 0; v < levels; v++)
        st->distinct_out += used[v];
    free(cdf);
    free(map);
    free(used);
    return out;
}

/* ---------------- reporting ---------------- */

static unsigned int checksum(const Image *im)
{
    unsigned int h = 2166136261u;
    size_t i, n = (size_t)im->w * (size_t)im->h;
    for (i = 0; i < n; i++) {
        h = (h ^ (unsigned int)(im->px[i] & 0xff)) * 16777619u;
        h = (h ^ (unsigned int)(im->px[i] >> 8)) * 16777619u;
    }
    return h;
}

static int same_image(const Image *a, const Image *b)
{
    size_t n = (size_t)a->w * (size_t)a->h;
    return a->w == b->w && a->h == b->h &&
           memcmp(a->px, b->px, n * sizeof *a->px) == 0;
}

static void report(const char *name, const Image *im)
{
    size_t i, n = (size_t)im->w * (size_t)im->h;
    long hist[HIST_BINS];
    long long sum = 0;
    int mn = im->maxval, mx = 0, b, x, y;
    memset(hist, 0, sizeof hist);
    for (i = 0; i < n; i++) {
        int v = im->px[i];
        sum += v;
        if (v < mn)
            mn = v;
        if (v > mx)
            mx = v;
        hist[(long)v * HIST_BINS / (im->maxval + 1)]++;
    }
    printf("%-16s checksum=%08x min=%d max=%d mean=%.3f\n", name,
           checksum(im), mn, mx, (double)sum / (double)n);
    printf("  histogram:");
    for (b = 0; b < HIST_BINS; b++)
        printf(" %ld", hist[b]);
    putchar('\n');
    if (n <= 256) {
        for (y = 0; y < im->h; y++) {
            printf("  |");
            for (x = 0; x < im->w; x++)
                printf(" %3d", im->px[(size_t)y * (size_t)im->w + (size_t)x]);
            putchar('\n');
        }
    }
}

int main(int argc, char **argv)
{
    Image src, blur, blur2, edges, med, med2, eq, blur_edges, med_eq;
    SobelStats ss, ss2;
    EqualStats es, es2;
    int failures = 0;

    if (argc == 2) {
        if (read_pgm(argv[1], &src) != 0)
            return 1;
    } else if (argc == 5 && strcmp(argv[1], "-gen") == 0) {
        unsigned long long seed = strtoull(argv[2], NULL, 10);
        int w = atoi(argv[3]), h = atoi(argv[4]);
        if (w < 1 || h < 1 || w > MAX_DIM || h > MAX_DIM) {
            fprintf(stderr, "bad image size\n");
            return 1;
        }
        src = generate(seed, w, h);
    } else {
        fprintf(stderr, "usage: imgfilter FILE.pgm | imgfilter -gen SEED W H\n");
        return 1;
    }

    printf("image %dx%d maxval %d\n", src.w, src.h, src.maxval);
    report("input", &src);

    blur = blur_direct(&src);
    blur2 = blur_separable(&src);
    report("gaussian", &blur);
    if (!same_image(&blur, &blur2)) {
        printf("  CHECK FAILED: separable blur differs\n");
        failures++;
    }

    edges = sobel(&src, &ss);
    report("sobel", &edges);
    printf("  strong=%ld horizontal=%ld diag/=%ld vertical=%ld diag\\=%ld\n",
           ss.strong, ss.direction[0], ss.direction[1], ss.direction[2],
           ss.direction[3]);
    if (ss.sqrt_mismatches) {
        printf("  CHECK FAILED: %ld square roots differ\n", ss.sqrt_mismatches);
        failures++;
    }

    med = median_sort(&src);
    med2 = median_histogram(&src);
    report("median", &med);
    if (!same_image(&med, &med2)) {
        printf("  CHECK FAILED: histogram median differs\n");
        failures++;
    }

    eq = equalise(&src, &es);
    report("equalised", &eq);
    printf("  levels in=%d out=%d monotone=%s\n", es.distinct_in,
           es.distinct_out, es.monotone ? "yes" : "no");
    if (!es.monotone)
        failures++;

    blur_edges = sobel(&blur, &ss2);
    report("gaussian+sobel", &blur_edges);
    printf("  strong=%ld (%ld without blur)\n", ss2.strong, ss.strong);
    if (ss2.sqrt_mismatches)
        failures++;

    med_eq = equalise(&med, &es2);
    report("median+equalise", &med_eq);
    printf("  levels in=%d out=%d monotone=%s\n", es2.distinct_in,
           es2.distinct_out, es2.monotone ? "yes" : "no");
    if (!es2.monotone)
        failures++;

    printf("cross-checks: %s\n", failures ? "FAILED" : "all passed");

    image_free(&src);
    image_free(&blur);
    image_free(&blur2);
    image_free(&edges);
    image_free(&med);
    image_free(&med2);
    image_free(&eq);
    image_free(&blur_edges);
    image_free(&med_eq);
    return failures ? 1 : 0;
}
