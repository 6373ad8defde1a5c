/*
 * jpegdct: a baseline-JPEG-like image codec in integer arithmetic.
 *
 * Usage: jpegdct ppm FILE RESTART QUALITY...
 *        jpegdct gen WIDTH HEIGHT SEED RESTART QUALITY...
 *
 * The image (a P3 PPM file, or one synthesised from SEED) is converted to
 * YCbCr, the chroma planes are subsampled 2x2 (4:2:0), and each 8x8 block
 * goes through a fixed-point DCT, quantisation scaled by QUALITY and
 * zigzag ordering.  DC differences and AC run/size symbols are Huffman
 * coded with tables built from the image's own statistics, into a byte
 * stream with 0xFF stuffing and, if RESTART > 0, restart markers every
 * RESTART MCUs.  The decoder parses the stream on its own, rebuilds the
 * image (fixed-point inverse DCT, chroma upsampling, colour conversion)
 * and the program prints sizes, PSNR and checksums.  It checks that the
 * decoded coefficients equal the encoded ones, that the stream parses
 * exactly, and self-tests the DCT round trip.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define MAX_DIM 2048
#define PASS_BITS 3
#define MAX_CODE_LEN 16

typedef struct {
    int w, h;
    unsigned char *rgb; /* w * h * 3 samples, row-major */
} Image;

/* Padded planes: Y is pw x ph, Cb and Cr are (pw/2) x (ph/2). */
typedef struct {
    int pw, ph;
    unsigned char *y, *cb, *cr;
} Planes;

typedef struct {
    unsigned char bits[MAX_CODE_LEN + 1]; /* bits[l]: number of codes of length l */
    unsigned char val[256];               /* symbols in code order */
    int nval;
    uint16_t code[256];
    unsigned char size[256];
    int32_t mincode[MAX_CODE_LEN + 1], maxcode[MAX_CODE_LEN + 1];
    int valptr[MAX_CODE_LEN + 1];
} Huff;

typedef struct {
    unsigned char *buf;
    size_t len, cap;
    uint32_t acc;
    int nbits;
} Writer;

typedef struct {
    const unsigned char *p;
    size_t n, pos;
    uint32_t acc;
    int nbits;
    int err;
} Reader;

/* Where coded symbols go: counted into frequency tables or written out. */
typedef struct {
    Writer *w;
    uint32_t (*freq)[256];
    Huff *tab;
    unsigned long nzero_ac, eobs, zrls;
} Sink;

static const char magic[4] = "CGJ1";
static const unsigned char std_luma_q[64] = {
    16, 11, 10, 16, 24, 40, 51, 61,
    12, 12, 14, 19, 26, 58, 60, 55,
    14, 13, 16, 24, 40, 57, 69, 56,
    14, 17, 22, 29, 51, 87, 80, 62,
    18, 22, 37, 56, 68, 109, 103, 77,
    24, 35, 55, 64, 81, 104, 113, 92,
    49, 64, 78, 87, 103, 121, 120, 101,
    72, 92, 95, 98, 112, 100, 103, 99
};
static const unsigned char std_chroma_corner[16] = {
    17, 18, 24, 47,
    18, 21, 26, 66,
    24, 26, 56, 99,
    47, 66, 99, 99
};
/* round(2^14 * cos(m * pi / 16)) for m = 0..8 */
static const int32_t cos14[9] = {16384, 16069, 15137, 13623, 11585, 9102, 6270, 3196, 0};

static int32_t basis[8][8];     /* basis[u][x] = 2^14 c(u) cos((2x+1) u pi / 16) */
static int32_t basis_t[8][8];   /* its transpose */
static unsigned char zigzag[64]; /* zigzag[k]: natural index of the k-th coefficient */
static uint64_t rng_state;

static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) {
        printf("out of memory\n");
        exit(1);
    }
    return p;
}

static uint32_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return (uint32_t)((z ^ (z >> 31)) >> 32);
}

static int rng_range(int lo, int hi)
{
    return lo + (int)(rng_next() % (uint32_t)(hi - lo + 1));
}

/* floor((v + 2^(n-1)) / 2^n), without shifting negative numbers */
static int64_t round_shift(int64_t v, int n)
{
    int64_t t = v + ((int64_t)1 << (n - 1));
    if (t >= 0)
        return t >> n;
    return -((-t + ((int64_t)1 << n) - 1) >> n);
}

static int clamp255(int64_t v)
{
    return v < 0 ? 0 : v > 255 ? 255 : (int)v;
}

static uint32_t fnv1a(uint32_t h, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

/* ---------- tables ---------- */

static int32_t cos_at(int m)
{
    m &= 31;
    if (m <= 8)
        return cos14[m];
    if (m <= 16)
        return -cos14[16 - m];
    if (m <= 24)
        return -cos14[m - 16];
    return cos14[32 - m];
}

static void init_tables(void)
{
    int k = 0;
    for (int u = 0; u < 8; u++)
        for (int x = 0; x < 8; x++)
            basis_t[x][u] = basis[u][x] = u == 0 ? cos14[4] : cos_at((2 * x + 1) * u);
    /* Anti-diagonals, alternating direction. */
    for (int s = 0; s < 15; s++) {
        int lo = s < 8 ? 0 : s - 7, hi = s < 8 ? s : 7;
        for (int i = 0; i <= hi - lo; i++) {
            int row = (s & 1) ? lo + i : hi - i;
            zigzag[k++] = (unsigned char)(row * 8 + s - row);
        }
    }
}

static void quant_table(unsigned char *qt, int chroma, int quality)
{
    int scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
    for (int i = 0; i < 64; i++) {
        int r = i / 8, c = i % 8;
        int base = !chroma ? std_luma_q[i] : (r < 4 && c < 4) ? std_chroma_corner[r * 4 + c] : 99;
        int q = (base * scale + 50) / 100;
        qt[i] = (unsigned char)(q < 1 ? 1 : q > 255 ? 255 : q);
    }
}

/* ---------- DCT ---------- */

/* One 8-point pass over the 8 lines of a block, transposing:
 * out[k][line] = sum_j m[k][j] in[line][j] / 2^shift, rounded. */
static void dct_pass(const int32_t (*m)[8], const int64_t *in, int64_t *out, int shift)
{
    for (int line = 0; line < 8; line++)
        for (int k = 0; k < 8; k++) {
            int64_t acc = 0;
            for (int j = 0; j < 8; j++)
                acc += m[k][j] * in[8 * line + j];
            out[8 * k + line] = round_shift(acc, shift);
        }
}

/* in: 64 level-shifted samples, row-major; out: 64 coefficients.
 * The first pass keeps PASS_BITS extra fraction bits. */
static void fdct8x8(const int *in, int *out)
{
    int64_t a[64], b[64];
    for (int i = 0; i < 64; i++)
        a[i] = in[i];
    dct_pass(basis, a, b, 15 - PASS_BITS);
    dct_pass(basis, b, a, 15 + PASS_BITS);
    for (int i = 0; i < 64; i++)
        out[i] = (int)a[i];
}

/* in: 64 dequantised coefficients; out: 8x8 samples 0..255. */
static void idct8x8(const int *in, unsigned char *out, int stride)
{
    int64_t a[64], b[64];
    for (int i = 0; i < 64; i++)
        a[i] = in[i];
    dct_pass(basis_t, a, b, 15 - PASS_BITS);
    dct_pass(basis_t, b, a, 15 + PASS_BITS);
    for (int i = 0; i < 64; i++)
        out[(i / 8) * stride + i % 8] = (unsigned char)clamp255(a[i] + 128);
}

/* Forward then inverse DCT without quantisation; returns the largest error. */
static int dct_selftest(int nblocks, long *exact)
{
    int in[64], coef[64], maxerr = 0;
    unsigned char out[64];
    *exact = 0;
    for (int b = 0; b < nblocks; b++) {
        /* random samples, and checkerboards of the extremes */
        for (int i = 0; i < 64; i++)
            in[i] = (b & 1 ? rng_range(0, 255) : ((i / 8 + i % 8 + b / 2) & 1) * 255) - 128;
        fdct8x8(in, coef);
        idct8x8(coef, out, 8);
        int worst = 0;
        for (int i = 0; i < 64; i++) {
            int e = abs(out[i] - (in[i] + 128));
            worst = e > worst ? e : worst;
        }
        maxerr = worst > maxerr ? worst : maxerr;
        *exact += worst == 0;
    }
    return maxerr;
}

/* ---------- images ---------- */

static int ppm_skip_space(FILE *f)
{
    for (;;) {
        int c = getc(f);
        if (c == '#') {
            while (c != '\n' && c != EOF)
                c = getc(f);
        } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            return c;
        }
    }
}

static int ppm_int(FILE *f, long *out)
{
    int c = ppm_skip_space(f), n = 0;
    long v = 0;
    while (c >= '0' && c <= '9') {
        if (v > 1000000)
            return 0;
        v = v * 10 + (c - '0');
        n++;
        c = getc(f);
    }
    if (c != EOF)
        ungetc(c, f);
    *out = v;
    return n > 0;
}

static int read_ppm(const char *path, Image *im)
{
    FILE *f = fopen(path, "r");
    long w, h, maxval, v;
    if (!f)
        return 0;
    if (getc(f) != 'P' || getc(f) != '3' || !ppm_int(f, &w) || !ppm_int(f, &h) ||
        !ppm_int(f, &maxval) || w < 1 || h < 1 || w > MAX_DIM || h > MAX_DIM ||
        maxval < 1 || maxval > 65535) {
        fclose(f);
        return 0;
    }
    im->w = (int)w;
    im->h = (int)h;
    im->rgb = xmalloc((size_t)w * (size_t)h * 3);
    for (long i = 0; i < w * h * 3; i++) {
        if (!ppm_int(f, &v) || v > maxval) {
            free(im->rgb);
            im->rgb = NULL;
            break;
        }
        im->rgb[i] = (unsigned char)((v * 255 + maxval / 2) / maxval);
    }
    fclose(f);
    return im->rgb != NULL;
}

/* Gradient background, solid ellipses, blended rectangles of diagonal
 * stripes, then noise. */
static void gen_image(Image *im, int w, int h, uint64_t seed)
{
    rng_state = seed;
    im->w = w;
    im->h = h;
    im->rgb = xmalloc((size_t)w * h * 3);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            unsigned char *p = im->rgb + 3 * ((size_t)y * w + x);
            p[0] = (unsigned char)(x * 200 / w + 30);
            p[1] = (unsigned char)(y * 180 / h + 40);
            p[2] = (unsigned char)((x + y) * 120 / (w + h) + 70);
        }
    int nshapes = rng_range(6, 12);
    for (int s = 0; s < nshapes; s++) {
        int ellipse = rng_range(0, 1), period = rng_range(3, 9);
        int cx = rng_range(0, w - 1), cy = rng_range(0, h - 1);
        int64_t rx = rng_range(2, w / 4 + 2), ry = rng_range(2, h / 4 + 2);
        int col[3] = {rng_range(0, 255), rng_range(0, 255), rng_range(0, 255)};
        for (int y = cy - (int)ry; y <= cy + ry; y++)
            for (int x = cx - (int)rx; x <= cx + rx; x++) {
                int64_t dx = x - cx, dy = y - cy;
                if (y < 0 || y >= h || x < 0 || x >= w ||
                    (ellipse && dx * dx * ry * ry + dy * dy * rx * rx > rx * rx * ry * ry))
                    continue;
                int k = ellipse ? 4 : (((x + 2 * y) / period) & 1) ? 3 : 1;
                unsigned char *p = im->rgb + 3 * ((size_t)y * w + x);
                for (int c = 0; c < 3; c++)
                    p[c] = (unsigned char)((k * col[c] + (4 - k) * p[c] + 2) / 4);
            }
    }
    for (size_t i = 0; i < (size_t)w * h * 3; i++)
        im->rgb[i] = (unsigned char)clamp255(im->rgb[i] + rng_range(-3, 3));
}

/* ---------- colour and sampling ---------- */

static void planes_alloc(Planes *pl, int w, int h)
{
    pl->pw = (w + 15) / 16 * 16;
    pl->ph = (h + 15) / 16 * 16;
    pl->y = xmalloc((size_t)pl->pw * pl->ph);
    pl->cb = xmalloc((size_t)pl->pw * pl->ph / 4);
    pl->cr = xmalloc((size_t)pl->pw * pl->ph / 4);
}

/* Top-left sample of block b (0-3 luma, 4 Cb, 5 Cr) of MCU m. */
static unsigned char *block_at(const Planes *pl, int m, int b, int *stride)
{
    int mcux = pl->pw / 16, mx = m % mcux, my = m / mcux;
    if (b < 4) {
        *stride = pl->pw;
        return pl->y + (size_t)(16 * my + 8 * (b >> 1)) * pl->pw + 16 * mx + 8 * (b & 1);
    }
    *stride = pl->pw / 2;
    return (b == 4 ? pl->cb : pl->cr) + (size_t)(8 * my) * (pl->pw / 2) + 8 * mx;
}

static void planes_free(Planes *pl)
{
    free(pl->y);
    free(pl->cb);
    free(pl->cr);
}

/* Sample c of pixel (x, y), replicating the last row and column. */
static int32_t sample(const Image *im, int x, int y, int c)
{
    x = x < im->w ? x : im->w - 1;
    y = y < im->h ? y : im->h - 1;
    return im->rgb[3 * ((size_t)y * im->w + x) + c];
}

/* Converts to YCbCr into padded planes; chroma is computed from the sums
 * of R, G and B over each 2x2 square. */
static void to_planes(const Image *im, Planes *pl)
{
    planes_alloc(pl, im->w, im->h);
    for (int y = 0; y < pl->ph; y++)
        for (int x = 0; x < pl->pw; x++) {
            int32_t r = sample(im, x, y, 0), g = sample(im, x, y, 1), b = sample(im, x, y, 2);
            pl->y[(size_t)y * pl->pw + x] = (unsigned char)((19595 * r + 38470 * g + 7471 * b + 32768) >> 16);
        }
    for (int y = 0; y < pl->ph; y += 2)
        for (int x = 0; x < pl->pw; x += 2) {
            int32_t sum[3];
            for (int c = 0; c < 3; c++)
                sum[c] = sample(im, x, y, c) + sample(im, x + 1, y, c) + sample(im, x, y + 1, c) +
                         sample(im, x + 1, y + 1, c);
            size_t o = (size_t)(y / 2) * (pl->pw / 2) + x / 2;
            pl->cb[o] = (unsigned char)clamp255((-11058 * sum[0] - 21710 * sum[1] + 32768 * sum[2] + (257 << 17)) >> 18);
            pl->cr[o] = (unsigned char)clamp255((32768 * sum[0] - 27439 * sum[1] - 5329 * sum[2] + (257 << 17)) >> 18);
        }
}

/* Chroma sample for full-resolution (x, y), weighted 9:3:3:1 from the
 * nearest four subsampled values (a triangle filter). */
static int upsample_at(const unsigned char *c, int cw, int ch, int x, int y)
{
    int i = y >> 1, j = x >> 1;
    int ni = (y & 1) ? (i + 1 < ch ? i + 1 : i) : (i > 0 ? i - 1 : 0);
    int nj = (x & 1) ? (j + 1 < cw ? j + 1 : j) : (j > 0 ? j - 1 : 0);
    return (9 * c[(size_t)i * cw + j] + 3 * c[(size_t)i * cw + nj] + 3 * c[(size_t)ni * cw + j] +
            c[(size_t)ni * cw + nj] + 8) >> 4;
}

static void to_rgb(const Planes *pl, Image *out)
{
    int cw = pl->pw / 2, ch = pl->ph / 2;
    for (int y = 0; y < out->h; y++)
        for (int x = 0; x < out->w; x++) {
            int64_t yy = pl->y[(size_t)y * pl->pw + x];
            int64_t cb = upsample_at(pl->cb, cw, ch, x, y) - 128;
            int64_t cr = upsample_at(pl->cr, cw, ch, x, y) - 128;
            unsigned char *p = out->rgb + 3 * ((size_t)y * out->w + x);
            p[0] = (unsigned char)clamp255(yy + round_shift(91881 * cr, 16));
            p[1] = (unsigned char)clamp255(yy - round_shift(22553 * cb + 46802 * cr, 16));
            p[2] = (unsigned char)clamp255(yy + round_shift(116130 * cb, 16));
        }
}

/* ---------- Huffman tables ---------- */

/* Code lengths for the symbols with nonzero frequency, at most
 * MAX_CODE_LEN bits: when the tree is too deep the frequencies are
 * flattened and the tree rebuilt.  Returns the longest length. */
static int huff_lengths(const uint32_t *freq, unsigned char *len)
{
    uint64_t weight[512];
    int parent[512], maxlen;
    uint32_t f[256];
    memcpy(f, freq, sizeof(f));
    do {
        int nodes = 256;
        for (int i = 0; i < 512; i++) {
            weight[i] = i < 256 ? f[i] : 0;
            parent[i] = -1;
        }
        /* Merge the two lightest live nodes until one is left. */
        for (;;) {
            int a = -1, b = -1;
            for (int i = 0; i < nodes; i++) {
                if (!weight[i] || parent[i] >= 0)
                    continue;
                if (a < 0 || weight[i] < weight[a]) {
                    b = a;
                    a = i;
                } else if (b < 0 || weight[i] < weight[b]) {
                    b = i;
                }
            }
            if (b < 0)
                break;
            weight[nodes] = weight[a] + weight[b];
            parent[a] = parent[b] = nodes++;
        }
        maxlen = 0;
        for (int i = 0; i < 256; i++) {
            int d = 0;
            for (int j = i; parent[j] >= 0; j = parent[j])
                d++;
            len[i] = (unsigned char)(f[i] ? (d ? d : 1) : 0);
            maxlen = len[i] > maxlen ? len[i] : maxlen;
            f[i] = f[i] ? (f[i] >> 1) | 1 : 0; /* flattened, for a retry */
        }
    } while (maxlen > MAX_CODE_LEN);
    return maxlen;
}

static void huff_from_lengths(Huff *h, const unsigned char *len)
{
    memset(h->bits, 0, sizeof(h->bits));
    h->nval = 0;
    for (int l = 1; l <= MAX_CODE_LEN; l++)
        for (int s = 0; s < 256; s++)
            if (len[s] == l) {
                h->val[h->nval++] = (unsigned char)s;
                h->bits[l]++;
            }
}

/* Canonical codes from bits[] and val[]; fails if they over-fill the code space. */
static int huff_derive(Huff *h)
{
    int32_t code = 0;
    int k = 0;
    memset(h->size, 0, sizeof(h->size));
    for (int l = 1; l <= MAX_CODE_LEN; l++) {
        h->valptr[l] = k;
        h->mincode[l] = code;
        for (int i = 0; i < h->bits[l]; i++) {
            int sym = h->val[k++];
            h->code[sym] = (uint16_t)code;
            h->size[sym] = (unsigned char)l;
            code++;
        }
        h->maxcode[l] = code - 1;
        if (code > (1 << l))
            return 0;
        code <<= 1;
    }
    return 1;
}

/* ---------- bit I/O ---------- */

static void put_byte(Writer *w, int b)
{
    if (w->len == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 4096;
        unsigned char *nb = realloc(w->buf, cap);
        if (!nb) {
            printf("out of memory\n");
            exit(1);
        }
        w->buf = nb;
        w->cap = cap;
    }
    w->buf[w->len++] = (unsigned char)b;
}

static void put_u16(Writer *w, int v)
{
    put_byte(w, (v >> 8) & 0xFF);
    put_byte(w, v & 0xFF);
}

static void put_bits(Writer *w, uint32_t v, int n)
{
    if (n == 0)
        return;
    w->acc = (w->acc << n) | (v & ((1u << n) - 1));
    w->nbits += n;
    while (w->nbits >= 8) {
        int b = (int)(w->acc >> (w->nbits - 8)) & 0xFF;
        put_byte(w, b);
        if (b == 0xFF)
            put_byte(w, 0x00);
        w->nbits -= 8;
    }
    w->acc &= (1u << w->nbits) - 1;
}

/* Pads with one bits to a byte boundary. */
static void flush_bits(Writer *w)
{
    if (w->nbits)
        put_bits(w, 0x7F, 8 - w->nbits);
}

static int get_byte(Reader *r)
{
    if (r->pos >= r->n) {
        r->err = 1;
        return 0;
    }
    return r->p[r->pos++];
}

static int get_u16(Reader *r)
{
    int hi = get_byte(r);
    return hi << 8 | get_byte(r);
}

/* Reads one entropy-coded bit; a marker ends the data (it reads as zeros). */
static int get_bit(Reader *r)
{
    if (r->nbits == 0) {
        int b = 0;
        if (r->pos + 1 < r->n) {
            b = r->p[r->pos];
            if (b != 0xFF)
                r->pos++;
            else if (r->p[r->pos + 1] == 0x00)
                r->pos += 2;
            else {
                b = 0;
                r->err = 2;
            }
        } else {
            r->err = 1;
        }
        r->acc = (uint32_t)b;
        r->nbits = 8;
    }
    r->nbits--;
    return (int)(r->acc >> r->nbits) & 1;
}

static uint32_t get_bits(Reader *r, int n)
{
    uint32_t v = 0;
    for (int i = 0; i < n; i++)
        v = v << 1 | (uint32_t)get_bit(r);
    return v;
}

static int huff_decode(Reader *r, const Huff *h)
{
    int32_t code = 0;
    for (int l = 1; l <= MAX_CODE_LEN; l++) {
        code = (code << 1) | get_bit(r);
        if (h->bits[l] && code <= h->maxcode[l])
            return h->val[h->valptr[l] + code - h->mincode[l]];
    }
    return -1;
}

/* ---------- entropy coding ---------- */

static int magnitude_bits(int v)
{
    int n = 0;
    unsigned a = (unsigned)(v < 0 ? -v : v);
    while (a) {
        n++;
        a >>= 1;
    }
    return n;
}

/* Negative values are sent as v + 2^n - 1, which has a leading zero. */
static uint32_t extra_bits(int v, int n)
{
    return v >= 0 ? (uint32_t)v : (uint32_t)(v + (1 << n) - 1);
}

static int extend(uint32_t bits, int n)
{
    if (n == 0)
        return 0;
    if (bits < (1u << (n - 1)))
        return (int)bits - (1 << n) + 1;
    return (int)bits;
}

static void emit(Sink *s, int table, int sym)
{
    if (s->w)
        put_bits(s->w, s->tab[table].code[sym], s->tab[table].size[sym]);
    else
        s->freq[table][sym]++;
}

/* Tables: 0 = luma DC, 1 = luma AC, 2 = chroma DC, 3 = chroma AC. */
static void code_block(Sink *s, const int16_t *zz, int *pred, int chroma)
{
    int dct = chroma ? 2 : 0, act = dct + 1;
    int diff = zz[0] - *pred, n = magnitude_bits(diff), run = 0;
    *pred = zz[0];
    emit(s, dct, n);
    if (s->w)
        put_bits(s->w, extra_bits(diff, n), n);
    for (int k = 1; k < 64; k++) {
        if (zz[k] == 0) {
            run++;
            continue;
        }
        while (run > 15) {
            emit(s, act, 0xF0);
            s->zrls++;
            run -= 16;
        }
        n = magnitude_bits(zz[k]);
        emit(s, act, run << 4 | n);
        if (s->w)
            put_bits(s->w, extra_bits(zz[k], n), n);
        s->nzero_ac++;
        run = 0;
    }
    if (run) {
        emit(s, act, 0x00);
        s->eobs++;
    }
}

/* Runs over all MCUs, coding 4 Y blocks, Cb and Cr; returns markers written. */
static int code_scan(Sink *s, int16_t (*coef)[64], int nmcu, int restart)
{
    int pred[3] = {0, 0, 0}, markers = 0;
    for (int m = 0; m < nmcu; m++) {
        if (restart && m > 0 && m % restart == 0) {
            if (s->w) {
                flush_bits(s->w);
                put_byte(s->w, 0xFF);
                put_byte(s->w, 0xD0 + (markers & 7));
            }
            markers++;
            pred[0] = pred[1] = pred[2] = 0;
        }
        for (int b = 0; b < 6; b++)
            code_block(s, coef[6 * m + b], &pred[b < 4 ? 0 : b - 3], b >= 4);
    }
    if (s->w)
        flush_bits(s->w);
    return markers;
}

/* ---------- encoder ---------- */

typedef struct {
    size_t bytes;
    int markers;
    int nsym[4], maxlen[4];
    unsigned long nzero_ac, eobs, zrls;
} EncStats;

static void quantise_block(const unsigned char *src, int stride, const unsigned char *qt, int16_t *zz)
{
    int in[64], coef[64];
    for (int y = 0; y < 8; y++)
        for (int x = 0; x < 8; x++)
            in[8 * y + x] = src[y * stride + x] - 128;
    fdct8x8(in, coef);
    for (int k = 0; k < 64; k++) {
        int c = coef[zigzag[k]], q = qt[zigzag[k]];
        int a = (c < 0 ? -c : c) + q / 2;
        zz[k] = (int16_t)(c < 0 ? -(a / q) : a / q);
    }
}

static Writer encode(const Image *im, int quality, int restart, int16_t (*coef)[64], EncStats *st)
{
    Planes pl;
    Writer w = {0};
    unsigned char qt[2][64];
    uint32_t freq[4][256];
    Huff tab[4];
    Sink s;
    int nmcu, stride;

    memset(st, 0, sizeof(*st));
    to_planes(im, &pl);
    nmcu = pl.pw / 16 * (pl.ph / 16);
    quant_table(qt[0], 0, quality);
    quant_table(qt[1], 1, quality);
    for (int m = 0; m < nmcu; m++)
        for (int b = 0; b < 6; b++) {
            const unsigned char *src = block_at(&pl, m, b, &stride);
            quantise_block(src, stride, qt[b >= 4], coef[6 * m + b]);
        }
    planes_free(&pl);

    memset(freq, 0, sizeof(freq));
    memset(&s, 0, sizeof(s));
    s.freq = freq;
    code_scan(&s, coef, nmcu, restart);
    st->nzero_ac = s.nzero_ac;
    st->eobs = s.eobs;
    st->zrls = s.zrls;
    for (int t = 0; t < 4; t++) {
        unsigned char len[256];
        st->maxlen[t] = huff_lengths(freq[t], len);
        huff_from_lengths(&tab[t], len);
        huff_derive(&tab[t]);
        st->nsym[t] = tab[t].nval;
    }

    for (int i = 0; i < 4; i++)
        put_byte(&w, magic[i]);
    put_u16(&w, im->w);
    put_u16(&w, im->h);
    put_byte(&w, quality);
    put_u16(&w, restart);
    for (int t = 0; t < 2; t++)
        for (int k = 0; k < 64; k++)
            put_byte(&w, qt[t][zigzag[k]]);
    for (int t = 0; t < 4; t++) {
        put_byte(&w, t);
        for (int l = 1; l <= MAX_CODE_LEN; l++)
            put_byte(&w, tab[t].bits[l]);
        for (int i = 0; i < tab[t].nval; i++)
            put_byte(&w, tab[t].val[i]);
    }
    memset(&s, 0, sizeof(s));
    s.w = &w;
    s.tab = tab;
    st->markers = code_scan(&s, coef, nmcu, restart);
    put_byte(&w, 0xFF);
    put_byte(&w, 0xD9);
    st->bytes = w.len;
    return w;
}

/* ---------- decoder ---------- */

static int decode_block(Reader *r, const Huff *dc, const Huff *ac, int *pred, int16_t *zz)
{
    int n = huff_decode(r, dc);
    if (n < 0 || n > 15)
        return 0;
    *pred += extend(get_bits(r, n), n);
    if (*pred < -32768 || *pred > 32767)
        return 0;
    memset(zz, 0, 64 * sizeof(*zz));
    zz[0] = (int16_t)*pred;
    for (int k = 1; k < 64;) {
        int sym = huff_decode(r, ac);
        if (sym < 0)
            return 0;
        if (sym == 0x00)
            break;
        k += sym >> 4;
        n = sym & 15;
        if (n == 0) {
            if (sym != 0xF0)
                return 0;
            k++;
            continue;
        }
        if (k > 63)
            return 0;
        zz[k++] = (int16_t)extend(get_bits(r, n), n);
    }
    return !r->err;
}

static void dequant_idct(const int16_t *zz, const unsigned char *qt, unsigned char *dst, int stride)
{
    int in[64];
    for (int k = 0; k < 64; k++)
        in[zigzag[k]] = zz[k] * qt[zigzag[k]];
    idct8x8(in, dst, stride);
}

/* Checks for marker 0xFF code at the reader's byte position and skips it. */
static int expect_marker(Reader *r, int code)
{
    r->nbits = 0;
    r->err = 0;
    if (r->pos + 1 >= r->n || r->p[r->pos] != 0xFF || r->p[r->pos + 1] != code)
        return 0;
    r->pos += 2;
    return 1;
}

/* Parses a stream into planes and coefficients; returns 0 or an error
 * description.  *restarts counts the markers found. */
static const char *decode(const unsigned char *data, size_t n, Planes *pl, Image *out,
                          int16_t (*coef)[64], int *restarts)
{
    Reader r = {data, n, 0, 0, 0, 0};
    unsigned char qt[2][64];
    Huff tab[4];
    int w, h, restart, nmcu, stride, pred[3] = {0, 0, 0};

    for (int i = 0; i < 4; i++)
        if (get_byte(&r) != magic[i])
            return "bad magic";
    w = get_u16(&r);
    h = get_u16(&r);
    get_byte(&r); /* quality, informative only */
    restart = get_u16(&r);
    if (w < 1 || h < 1 || w > MAX_DIM || h > MAX_DIM)
        return "bad size";
    for (int t = 0; t < 2; t++)
        for (int k = 0; k < 64; k++)
            if ((qt[t][zigzag[k]] = (unsigned char)get_byte(&r)) == 0)
                return "bad quantisation table";
    for (int t = 0; t < 4; t++) {
        int id = get_byte(&r);
        tab[t].nval = 0;
        for (int l = 1; l <= MAX_CODE_LEN; l++)
            tab[t].nval += tab[t].bits[l] = (unsigned char)get_byte(&r);
        for (int i = 0; i < tab[t].nval && i < 256; i++)
            tab[t].val[i] = (unsigned char)get_byte(&r);
        if (id != t || tab[t].nval > 256 || r.err || !huff_derive(&tab[t]))
            return "bad huffman table";
    }
    out->w = w;
    out->h = h;
    out->rgb = xmalloc((size_t)w * h * 3);
    planes_alloc(pl, w, h);
    nmcu = pl->pw / 16 * (pl->ph / 16);
    *restarts = 0;
    for (int m = 0; m < nmcu; m++) {
        if (restart && m > 0 && m % restart == 0) {
            if (!expect_marker(&r, 0xD0 + (*restarts & 7)))
                return "missing restart marker";
            (*restarts)++;
            pred[0] = pred[1] = pred[2] = 0;
        }
        for (int b = 0; b < 6; b++) {
            int c = b < 4 ? 0 : b - 3;
            int16_t *zz = coef[6 * m + b];
            unsigned char *dst = block_at(pl, m, b, &stride);
            if (!decode_block(&r, &tab[c ? 2 : 0], &tab[c ? 3 : 1], &pred[c], zz))
                return "corrupt entropy data";
            dequant_idct(zz, qt[c > 0], dst, stride);
        }
    }
    if (!expect_marker(&r, 0xD9) || r.pos != r.n)
        return "bad end of stream";
    return NULL;
}

/* ---------- measurement ---------- */

/* log2(v) in Q16, v >= 1 */
static int64_t log2_q16(uint64_t v)
{
    int k = 63;
    while (!(v >> k))
        k--;
    uint64_t m = k >= 30 ? v >> (k - 30) : v << (30 - k);
    int64_t r = (int64_t)k << 16;
    for (int i = 15; i >= 0; i--) {
        m = (m * m) >> 30;
        if (m >= (2ULL << 30)) {
            m >>= 1;
            r += (int64_t)1 << i;
        }
    }
    return r;
}

/* PSNR in hundredths of a dB, or -1 if the images are identical. */
static long psnr100(const Image *a, const Image *b)
{
    uint64_t sse = 0, n = (uint64_t)a->w * a->h * 3;
    for (size_t i = 0; i < n; i++) {
        int d = a->rgb[i] - b->rgb[i];
        sse += (uint64_t)(d * d);
    }
    if (sse == 0)
        return -1;
    int64_t l = log2_q16(65025 * n) - log2_q16(sse);
    return (long)((l * 30103 + 3276800) / 6553600);
}

static uint32_t coef_checksum(int16_t (*coef)[64], int nblocks)
{
    uint32_t h = 2166136261u;
    for (int b = 0; b < nblocks; b++)
        for (int k = 0; k < 64; k++)
            h = (h ^ (uint16_t)coef[b][k]) * 16777619u;
    return h;
}

static int run_quality(const Image *im, int quality, int restart)
{
    int nblocks = 6 * ((im->w + 15) / 16) * ((im->h + 15) / 16);
    int16_t (*enc)[64] = xmalloc(sizeof(*enc) * (size_t)nblocks);
    int16_t (*dec)[64] = xmalloc(sizeof(*dec) * (size_t)nblocks);
    EncStats st;
    Planes pl = {0};
    Image out = {0};
    int restarts = 0, ok = 1;
    long mismatched = 0, psnr;
    unsigned long bpp100;

    Writer w = encode(im, quality, restart, enc, &st);
    const char *err = decode(w.buf, w.len, &pl, &out, dec, &restarts);
    if (err) {
        printf("q=%d decode failed: %s\n", quality, err);
        ok = 0;
    } else {
        for (int b = 0; b < nblocks; b++)
            mismatched += memcmp(enc[b], dec[b], sizeof(enc[b])) != 0;
        to_rgb(&pl, &out);
        psnr = psnr100(im, &out);
        bpp100 = (unsigned long)(st.bytes * 800 / ((size_t)im->w * im->h));
        printf("q=%d bytes=%lu bpp=%lu.%02lu", quality, (unsigned long)st.bytes, bpp100 / 100, bpp100 % 100);
        if (psnr < 0)
            printf(" psnr=inf");
        else
            printf(" psnr=%ld.%02ld", psnr / 100, psnr % 100);
        printf("\n  stream=%08x image=%08x coef=%08x ac_nonzero=%lu eob=%lu zrl=%lu restarts=%d\n",
               (unsigned)fnv1a(2166136261u, w.buf, w.len),
               (unsigned)fnv1a(2166136261u, out.rgb, (size_t)out.w * out.h * 3),
               (unsigned)coef_checksum(dec, nblocks), st.nzero_ac, st.eobs, st.zrls, restarts);
        printf("  tables: dcY %d/%d acY %d/%d dcC %d/%d acC %d/%d\n", st.nsym[0], st.maxlen[0],
               st.nsym[1], st.maxlen[1], st.nsym[2], st.maxlen[2], st.nsym[3], st.maxlen[3]);
        if (mismatched || restarts != st.markers || (psnr >= 0 && psnr < 1500)) {
            printf("  CHECK FAILED: %ld blocks differ, %d of %d restart markers\n", mismatched, restarts,
                   st.markers);
            ok = 0;
        }
    }
    free(w.buf);
    free(enc);
    free(dec);
    free(out.rgb);
    planes_free(&pl);
    return ok;
}

int main(int argc, char **argv)
{
    Image im = {0};
    int argi, ok = 1, restart;
    long exact;

    init_tables();
    if (argc >= 5 && strcmp(argv[1], "ppm") == 0) {
        if (!read_ppm(argv[2], &im)) {
            printf("cannot read %s\n", argv[2]);
            return 1;
        }
        printf("image %dx%d from ppm\n", im.w, im.h);
        argi = 3;
    } else if (argc >= 7 && strcmp(argv[1], "gen") == 0) {
        int w = atoi(argv[2]), h = atoi(argv[3]);
        if (w < 1 || h < 1 || w > MAX_DIM || h > MAX_DIM) {
            printf("bad image size\n");
            return 1;
        }
        gen_image(&im, w, h, strtoull(argv[4], NULL, 10));
        printf("image %dx%d from seed %s\n", w, h, argv[4]);
        argi = 5;
    } else {
        printf("usage: jpegdct ppm FILE RESTART QUALITY... | gen W H SEED RESTART QUALITY...\n");
        return 1;
    }
    restart = atoi(argv[argi++]);
    if (restart < 0 || restart > 65535) {
        printf("bad restart interval\n");
        return 1;
    }
    printf("raw bytes=%lu checksum=%08x\n", (unsigned long)im.w * im.h * 3,
           (unsigned)fnv1a(2166136261u, im.rgb, (size_t)im.w * im.h * 3));

    rng_state = 12345;
    int maxerr = dct_selftest(2000, &exact);
    printf("dct round trip: 2000 blocks, max error %d, %ld exact\n", maxerr, exact);
    if (maxerr > 1)
        ok = 0;

    for (; argi < argc; argi++) {
        int q = atoi(argv[argi]);
        if (q < 1 || q > 100) {
            printf("bad quality %s\n", argv[argi]);
            return 1;
        }
        ok &= run_quality(&im, q, restart);
    }
    free(im.rgb);
    printf("%s\n", ok ? "all checks passed" : "CHECK FAILED");
    return ok ? 0 : 1;
}
