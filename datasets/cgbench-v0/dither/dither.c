/*
 * dither: reduces a greyscale image to a few grey levels.
 *
 * Methods:
 *   - Floyd-Steinberg error diffusion in raster order and in serpentine
 *     order (integer arithmetic; the error is split 7/16, 3/16, 5/16 and
 *     the exact remainder, so no error is created or lost inside the
 *     image),
 *   - ordered dithering with an 8x8 Bayer threshold matrix.
 * Each method is run for two output levels (black and white) and for a
 * chosen number of levels.  For each result the program prints a
 * checksum, the population of every level, the mean error of 4x4 block
 * averages against the source, and, for the two-level results, a small
 * ASCII rendering.
 *
 * Checks: the Bayer matrix is a permutation of 0..63; ordered dithering
 * of every constant grey level keeps the tile mean within one step; for
 * error diffusion, the source total equals the output total plus the
 * error pushed over the image border.
 *
 * Usage:
 *   dither FILE.pgm [LEVELS]
 *   dither -gen SEED WIDTH HEIGHT [LEVELS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SIDE 10000
#define ART_COLS 48
#define ART_ROWS 20

typedef struct {
    int w, h, maxval;
    int *v;
} Gray;

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return p;
}

static Gray gray_alloc(int w, int h, int maxval)
{
    Gray g;
    g.w = w;
    g.h = h;
    g.maxval = maxval;
    g.v = xcalloc((size_t)w * (size_t)h, sizeof *g.v);
    return g;
}

/* ---------------- input ---------------- */

static int next_token(FILE *f, long *out)
{
    int c = getc(f);
    long v = 0;
    int any = 0;
    while (c != EOF) {
        if (c == '#') {
            while (c != EOF && c != '\n')
                c = getc(f);
        } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            c = getc(f);
        } else {
            break;
        }
    }
    while (c >= '0' && c <= '9') {
        any = 1;
        if (v <= 1000000L)
            v = v * 10 + (c - '0');
        c = getc(f);
    }
    *out = v;
    return any;
}

static int load_pgm(const char *path, Gray *g)
{
    FILE *f = fopen(path, "rb");
    long w, h, mv, x;
    size_t i, n;
    char magic[2];
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return 0;
    }
    if (fread(magic, 1, 2, f) != 2 || magic[0] != 'P' || magic[1] != '2' ||
        !next_token(f, &w) || !next_token(f, &h) || !next_token(f, &mv) ||
        w < 1 || h < 1 || w > MAX_SIDE || h > MAX_SIDE || mv < 1 ||
        mv > 65535) {
        fprintf(stderr, "%s: not a valid P2 image\n", path);
        fclose(f);
        return 0;
    }
    *g = gray_alloc((int)w, (int)h, (int)mv);
    n = (size_t)w * (size_t)h;
    for (i = 0; i < n; i++) {
        if (!next_token(f, &x) || x > mv) {
            fprintf(stderr, "%s: bad sample %lu\n", path, (unsigned long)i);
            fclose(f);
            free(g->v);
            return 0;
        }
        g->v[i] = (int)x;
    }
    fclose(f);
    return 1;
}

/* Linear congruential generator; the high bits are used. */
static unsigned long long lcg;

static unsigned int rnd(unsigned int n)
{
    lcg = lcg * 2862933555777941757ULL + 3037000493ULL;
    return (unsigned int)(lcg >> 35) % n;
}

/* A test picture: horizontal ramp on top, vertical ramp below, three
 * soft discs, a thin-line grid patch and a little noise. */
static Gray synthesize(unsigned long long seed, int w, int h)
{
    Gray g = gray_alloc(w, h, 255);
    int x, y, d;
    int cx[3], cy[3], r[3], lv[3];
    lcg = seed ^ 0x5851f42d4c957f2dULL;
    for (d = 0; d < 3; d++) {
        cx[d] = (int)rnd((unsigned int)w);
        cy[d] = (int)rnd((unsigned int)h);
        r[d] = 4 + (int)rnd((unsigned int)(w + h) / 6 + 1);
        lv[d] = (int)rnd(256);
    }
    for (y = 0; y < h; y++)
        for (x = 0; x < w; x++) {
            long val;
            if (y < h / 2)
                val = (long)255 * x / (w > 1 ? w - 1 : 1);
            else
                val = (long)255 * (y - h / 2) / (h - h / 2);
            for (d = 0; d < 3; d++) {
                long dx = x - cx[d], dy = y - cy[d];
                long dd = dx * dx + dy * dy, rr = (long)r[d] * r[d];
                if (dd <= rr)
                    /* blend toward the disc level, stronger at the centre */
                    val = (val * dd + (long)lv[d] * (rr - dd)) / rr;
            }
            if (x > w * 3 / 4 && y > h * 3 / 4 && (x % 6 == 0 || y % 6 == 0))
                val = 255 - val;
            val += (long)rnd(7) - 3;
            g.v[(size_t)y * (size_t)w + (size_t)x] =
                (int)(val < 0 ? 0 : val > 255 ? 255 : val);
        }
    return g;
}

/* ---------------- quantisation helpers ---------------- */

/* Grey value of output level k out of 'levels'. */
static int level_value(int k, int levels, int maxval)
{
    return (int)(((long long)k * maxval * 2 + (levels - 1)) / (2LL * (levels - 1)));
}

/* Nearest output level of a (possibly out-of-range) value. */
static int nearest_level(long v, int levels, int maxval)
{
    long long k;
    if (v <= 0)
        return 0;
    if (v >= maxval)
        return levels - 1;
    k = ((long long)v * (levels - 1) * 2 + maxval) / (2LL * maxval);
    return (int)k;
}

/* ---------------- Floyd-Steinberg ---------------- */

/* Writes level indices into out (w*h) and returns the error that left
 * the image through its borders. */
static long long floyd_steinberg(const Gray *src, int levels, int serpentine,
                                 unsigned char *out)
{
    int w = src->w, h = src->h, x, y;
    long *cur = xcalloc((size_t)w + 2, sizeof *cur);
    long *nxt = xcalloc((size_t)w + 2, sizeof *nxt);
    long long lost = 0;

    /* cur/nxt hold the error arriving at pixels of this/next row; index
     * x+1 stands for column x so that the neighbours -1 and w exist */
    for (y = 0; y < h; y++) {
        int reverse = serpentine && (y % 2 == 1);
        int step = reverse ? -1 : 1;
        int i;
        for (i = 0; i < w; i++) {
            size_t at;
            long v, e, e7, e3, e5, e1;
            int k;
            x = reverse ? w - 1 - i : i;
            at = (size_t)y * (size_t)w + (size_t)x;
            v = src->v[at] + cur[x + 1];
            k = nearest_level(v, levels, src->maxval);
            out[at] = (unsigned char)k;
            e = v - level_value(k, levels, src->maxval);
            e7 = e * 7 / 16;
            e3 = e * 3 / 16;
            e5 = e * 5 / 16;
            e1 = e - e7 - e3 - e5;
            /* ahead in the scan direction */
            if (x + step >= 0 && x + step < w)
                cur[x + step + 1] += e7;
            else
                lost += e7;
            if (y + 1 < h) {
                /* behind-below, below, ahead-below */
                if (x - step >= 0 && x - step < w)
                    nxt[x - step + 1] += e3;
                else
                    lost += e3;
                nxt[x + 1] += e5;
                if (x + step >= 0 && x + step < w)
                    nxt[x + step + 1] += e1;
                else
                    lost += e1;
            } else {
                lost += e3 + e5 + e1;
            }
        }
        {
            long *t = cur;
            cur = nxt;
            nxt = t;
            memset(nxt, 0, ((size_t)w + 2) * sizeof *nxt);
        }
    }
    free(cur);
    free(nxt);
    return lost;
}

/* ---------------- ordered dithering ---------------- */

static int bayer[8][8];

/* Builds the 8x8 Bayer index matrix by doubling a 1x1 matrix three
 * times: each entry m spawns 4m, 4m+2, 4m+3, 4m+1 in its 2x2 block. */
static void build_bayer(void)
{
    int size, x, y;
    int tmp[8][8];
    bayer[0][0] = 0;
    for (size = 1; size < 8; size *= 2) {
        for (y = 0; y < size; y++)
            for (x = 0; x < size; x++) {
                int m = 4 * bayer[y][x];
                tmp[y][x] = m;
                tmp[y][x + size] = m + 2;
                tmp[y + size][x] = m + 3;
                tmp[y + size][x + size] = m + 1;
            }
        for (y = 0; y < 2 * size; y++)
            for (x = 0; x < 2 * size; x++)
                bayer[y][x] = tmp[y][x];
    }
}

static int ordered_pixel(int v, int x, int y, int levels, int maxval)
{
    long long scaled = (long long)v * (levels - 1);
    long long k = scaled / maxval, frac = scaled - k * maxval;
    if (frac * 128 > (long long)(2 * bayer[y & 7][x & 7] + 1) * maxval)
        k++;
    return (int)k;
}

static void ordered(const Gray *src, int levels, unsigned char *out)
{
    int x, y;
    for (y = 0; y < src->h; y++)
        for (x = 0; x < src->w; x++) {
            size_t at = (size_t)y * (size_t)src->w + (size_t)x;
            out[at] = (unsigned char)ordered_pixel(src->v[at], x, y, levels,
                                                   src->maxval);
        }
}

static int check_bayer(void)
{
    int seen[64], x, y, ok = 1, g;
    memset(seen, 0, sizeof seen);
    for (y = 0; y < 8; y++)
        for (x = 0; x < 8; x++) {
            if (bayer[y][x] < 0 || bayer[y][x] > 63 || seen[bayer[y][x]])
                ok = 0;
            else
                seen[bayer[y][x]] = 1;
        }
    /* a constant tile must come out with a mean within 1/64 of the grey */
    for (g = 0; g <= 255; g++) {
        int ones = 0;
        long long diff;
        for (y = 0; y < 8; y++)
            for (x = 0; x < 8; x++)
                ones += ordered_pixel(g, x, y, 2, 255);
        diff = (long long)ones * 255 - (long long)g * 64;
        if (diff < 0)
            diff = -diff;
        if (diff > 255)
            ok = 0;
    }
    return ok;
}

/* ---------------- reporting ---------------- */

static void print_bayer(void)
{
    int x, y;
    printf("bayer 8x8:\n");
    for (y = 0; y < 8; y++) {
        printf(" ");
        for (x = 0; x < 8; x++)
            printf(" %2d", bayer[y][x]);
        putchar('\n');
    }
}

static void render(const Gray *src, const unsigned char *q, int levels)
{
    static const char ramp[] = " .:-=+*#%@";
    int cols = src->w < ART_COLS ? src->w : ART_COLS;
    int rows = src->h < ART_ROWS ? src->h : ART_ROWS;
    int cx, cy;
    for (cy = 0; cy < rows; cy++) {
        int y0 = (int)((long)cy * src->h / rows);
        int y1 = (int)((long)(cy + 1) * src->h / rows);
        putchar('|');
        for (cx = 0; cx < cols; cx++) {
            int x0 = (int)((long)cx * src->w / cols);
            int x1 = (int)((long)(cx + 1) * src->w / cols);
            long long sum = 0, full;
            long cnt = 0;
            int x, y, idx;
            for (y = y0; y < y1; y++)
                for (x = x0; x < x1; x++) {
                    size_t at = (size_t)y * (size_t)src->w + (size_t)x;
                    sum += q ? q[at] : src->v[at];
                    cnt++;
                }
            full = q ? (long long)(levels - 1) * cnt : (long long)src->maxval * cnt;
            idx = (int)((sum * 18 + full) / (2 * full));
            putchar(ramp[idx > 9 ? 9 : idx]);
        }
        printf("|\n");
    }
}

static void summarize(const char *name, const Gray *src, const unsigned char *q,
                      int levels)
{
    size_t n = (size_t)src->w * (size_t)src->h, i;
    unsigned int h = 0x811c9dc5u;
    long count[256];
    long long err_sum = 0, blocks = 0;
    int bx, by, k;

    memset(count, 0, sizeof count);
    for (i = 0; i < n; i++) {
        count[q[i]]++;
        h = (h ^ q[i]) * 0x01000193u;
        h ^= h >> 15;
    }
    /* mean absolute difference of 4x4 block averages, in grey units */
    for (by = 0; by + 4 <= src->h; by += 4)
        for (bx = 0; bx + 4 <= src->w; bx += 4) {
            long long s = 0, d = 0;
            int x, y;
            for (y = by; y < by + 4; y++)
                for (x = bx; x < bx + 4; x++) {
                    size_t at = (size_t)y * (size_t)src->w + (size_t)x;
                    s += src->v[at];
                    d += level_value(q[at], levels, src->maxval);
                }
            err_sum += s > d ? s - d : d - s;
            blocks++;
        }
    printf("%-22s checksum=%08x levels:", name, h);
    for (k = 0; k < levels; k++)
        printf(" %ld", count[k]);
    if (blocks > 0)
        printf(" block-error=%.4f", (double)err_sum / (16.0 * (double)blocks));
    putchar('\n');
}

int main(int argc, char **argv)
{
    Gray src;
    unsigned char *q;
    int levels = 4, failures = 0, lv, pass;
    long long total_in = 0;
    size_t n, i;

    if (argc >= 2 && strcmp(argv[1], "-gen") == 0) {
        int w, h;
        if (argc != 5 && argc != 6) {
            fprintf(stderr, "usage: dither -gen SEED WIDTH HEIGHT [LEVELS]\n");
            return 1;
        }
        w = atoi(argv[3]);
        h = atoi(argv[4]);
        if (w < 2 || h < 2 || w > MAX_SIDE || h > MAX_SIDE) {
            fprintf(stderr, "bad size\n");
            return 1;
        }
        src = synthesize(strtoull(argv[2], NULL, 10), w, h);
        if (argc == 6)
            levels = atoi(argv[5]);
    } else if (argc == 2 || argc == 3) {
        if (!load_pgm(argv[1], &src))
            return 1;
        if (argc == 3)
            levels = atoi(argv[2]);
    } else {
        fprintf(stderr, "usage: dither FILE.pgm [LEVELS] | dither -gen SEED W H [LEVELS]\n");
        return 1;
    }
    if (levels < 2 || levels > 256) {
        fprintf(stderr, "levels must be between 2 and 256\n");
        return 1;
    }

    n = (size_t)src.w * (size_t)src.h;
    for (i = 0; i < n; i++)
        total_in += src.v[i];
    printf("image %dx%d maxval %d, %d levels\n", src.w, src.h, src.maxval, levels);
    printf("source:\n");
    render(&src, NULL, 0);

    build_bayer();
    print_bayer();
    if (check_bayer()) {
        printf("bayer check: ok\n");
    } else {
        printf("bayer check: FAILED\n");
        failures++;
    }

    q = xcalloc(n, 1);
    for (pass = 0; pass < 2; pass++) {
        lv = pass == 0 ? 2 : levels;
        if (pass == 1 && levels == 2)
            break;
        for (i = 0; i < 3; i++) {
            char name[64];
            if (i < 2) {
                long long lost = floyd_steinberg(&src, lv, (int)i, q);
                long long total_out = 0;
                size_t j;
                for (j = 0; j < n; j++)
                    total_out += level_value(q[j], lv, src.maxval);
                sprintf(name, "fs-%s/%d", i ? "serpentine" : "raster", lv);
                summarize(name, &src, q, lv);
                printf("  error budget: in=%lld out=%lld border=%lld %s\n",
                       total_in, total_out, lost,
                       total_in == total_out + lost ? "balanced" : "UNBALANCED");
                if (total_in != total_out + lost)
                    failures++;
            } else {
                ordered(&src, lv, q);
                sprintf(name, "bayer/%d", lv);
                summarize(name, &src, q, lv);
            }
            if (lv == 2 && i != 1)
                render(&src, q, lv);
        }
    }
    printf("checks: %s\n", failures ? "FAILED" : "all passed");
    free(q);
    free(src.v);
    return failures ? 1 : 0;
}
