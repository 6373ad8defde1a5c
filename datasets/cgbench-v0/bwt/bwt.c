/*
 * bwt: Burrows-Wheeler transform with move-to-front and zero-run coding.
 *
 * The input is cut into blocks.  For each block the rotations are sorted
 * with a prefix-doubling algorithm (radix sort on rank pairs), giving the
 * transformed block and its primary index.  The transformed block goes
 * through a move-to-front stage and a run-length stage that writes runs
 * of zero ranks in bijective base 2 with two run symbols.  Everything is
 * then inverted (run decoding, inverse move-to-front, inverse transform
 * through the last-to-first mapping) and compared with the original.
 *
 * Usage: bwt FILE [ROUNDS]   (FILE may be "-" for standard input)
 *
 * The first pass reports every block of the input.  Each further round
 * processes a derived variant of the input with a different block size.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RUN_A 0
#define RUN_B 1
#define NSYM 258   /* two run symbols and 256 shifted ranks (1..255 used) */

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return p;
}

static unsigned long fletcher32(const unsigned char *p, size_t n)
{
    unsigned long a = 0xffff, b = 0xffff;
    size_t i;
    for (i = 0; i < n; i++) {
        a = (a + p[i]) % 65535UL;
        b = (b + a) % 65535UL;
    }
    return (b << 16) | a;
}

static unsigned long mix32(unsigned long h, unsigned long v)
{
    h ^= v & 0xffffffffUL;
    h = (h * 0x01000193UL) & 0xffffffffUL;
    h ^= h >> 15;
    return h;
}

typedef struct {
    unsigned long state;
} Lcg;

static unsigned long lcg_next(Lcg *g)
{
    g->state = (g->state * 1103515245UL + 12345UL) & 0x7fffffffUL;
    return g->state >> 8;
}

/* ---------- rotation sorting by prefix doubling ---------- */

typedef struct {
    int *sa, *rank, *tmp, *cnt, *key2;
    int cap;
} SortWork;

static void work_init(SortWork *w, int cap)
{
    int c = cap < 256 ? 256 : cap;
    w->cap = cap;
    w->sa = xmalloc(sizeof(int) * (size_t)cap);
    w->rank = xmalloc(sizeof(int) * (size_t)cap);
    w->tmp = xmalloc(sizeof(int) * (size_t)cap);
    w->key2 = xmalloc(sizeof(int) * (size_t)cap);
    w->cnt = xmalloc(sizeof(int) * (size_t)(c + 1));
}

static void work_free(SortWork *w)
{
    free(w->sa);
    free(w->rank);
    free(w->tmp);
    free(w->key2);
    free(w->cnt);
}

/*
 * Sorts the n cyclic rotations of s; on return w->sa lists rotation start
 * positions in sorted order.  Rotations can only remain tied when they are
 * identical (a periodic block); their relative order is then immaterial.
 * Returns the number of doubling steps performed.
 */
static int sort_rotations(const unsigned char *s, int n, SortWork *w)
{
    int *sa = w->sa, *rank = w->rank, *tmp = w->tmp, *cnt = w->cnt;
    int *order2 = w->key2;
    int i, k, classes, steps = 0;

    if (n == 0)
        return 0;
    /* initial counting sort by the first byte */
    for (i = 0; i <= 256; i++)
        cnt[i] = 0;
    for (i = 0; i < n; i++)
        cnt[s[i] + 1]++;
    for (i = 1; i <= 256; i++)
        cnt[i] += cnt[i - 1];
    for (i = 0; i < n; i++)
        sa[cnt[s[i]]++] = i;
    classes = 0;
    for (i = 0; i < n; i++) {
        if (i > 0 && s[sa[i]] != s[sa[i - 1]])
            classes++;
        rank[sa[i]] = classes;
    }
    classes++;

    for (k = 1; classes < n && k < n; k *= 2) {
        steps++;
        /* positions ordered by the rank of their second half */
        for (i = 0; i < n; i++) {
            int j = sa[i] - k;
            if (j < 0)
                j += n;
            order2[i] = j;
        }
        /* stable counting sort by the rank of the first half */
        for (i = 0; i <= classes; i++)
            cnt[i] = 0;
        for (i = 0; i < n; i++)
            cnt[rank[i] + 1]++;
        for (i = 1; i <= classes; i++)
            cnt[i] += cnt[i - 1];
        for (i = 0; i < n; i++) {
            int j = order2[i];
            sa[cnt[rank[j]]++] = j;
        }
        /* new ranks from (rank[i], rank[i + k]) pairs */
        tmp[sa[0]] = 0;
        classes = 1;
        for (i = 1; i < n; i++) {
            int a = sa[i - 1], b = sa[i];
            int a2 = a + k >= n ? a + k - n : a + k;
            int b2 = b + k >= n ? b + k - n : b + k;
            if (rank[a] != rank[b] || rank[a2] != rank[b2])
                classes++;
            tmp[b] = classes - 1;
        }
        for (i = 0; i < n; i++)
            rank[i] = tmp[i];
    }
    return steps;
}

/* Compares rotations a and b of s directly; returns <0, 0 or >0. */
static int compare_rotations(const unsigned char *s, int n, int a, int b)
{
    int i;
    for (i = 0; i < n; i++) {
        int ca = s[a], cb = s[b];
        if (ca != cb)
            return ca - cb;
        if (++a == n)
            a = 0;
        if (++b == n)
            b = 0;
    }
    return 0;
}

/* Checks that sa is a permutation listing the rotations in order. */
static int check_sorted(const unsigned char *s, int n, const int *sa,
                        unsigned char *seen)
{
    int i;
    memset(seen, 0, (size_t)n);
    for (i = 0; i < n; i++) {
        if (sa[i] < 0 || sa[i] >= n || seen[sa[i]])
            return 0;
        seen[sa[i]] = 1;
    }
    for (i = 1; i < n; i++) {
        int c = compare_rotations(s, n, sa[i - 1], sa[i]);
        if (c > 0)
            return 0;
    }
    return 1;
}

/* ---------- forward stages ---------- */

static int bwt_forward(const unsigned char *s, int n, SortWork *w,
                       unsigned char *last, int *steps)
{
    int i, primary = 0;
    *steps = sort_rotations(s, n, w);
    for (i = 0; i < n; i++) {
        int p = w->sa[i];
        if (p == 0)
            primary = i;
        last[i] = s[p == 0 ? n - 1 : p - 1];
    }
    return primary;
}

static void mtf_encode(const unsigned char *in, int n, unsigned char *out)
{
    unsigned char list[256];
    int i, j;
    for (i = 0; i < 256; i++)
        list[i] = (unsigned char)i;
    for (i = 0; i < n; i++) {
        unsigned char c = in[i];
        j = 0;
        while (list[j] != c)
            j++;
        out[i] = (unsigned char)j;
        for (; j > 0; j--)
            list[j] = list[j - 1];
        list[0] = c;
    }
}

/* Emits a run of zeros of the given length in bijective base 2. */
static int put_run(int run, unsigned short *out, int k)
{
    while (run > 0) {
        if (run & 1) {
            out[k++] = RUN_A;
            run = (run - 1) / 2;
        } else {
            out[k++] = RUN_B;
            run = (run - 2) / 2;
        }
    }
    return k;
}

/* Zero-run coding of MTF ranks; returns the number of symbols. */
static int rle_encode(const unsigned char *ranks, int n, unsigned short *out)
{
    int i, k = 0, run = 0;
    for (i = 0; i < n; i++) {
        if (ranks[i] == 0) {
            run++;
            continue;
        }
        k = put_run(run, out, k);
        run = 0;
        out[k++] = (unsigned short)(ranks[i] + 1);
    }
    return put_run(run, out, k);
}

/* ---------- inverse stages ---------- */

/* Returns the number of ranks written, or -1 if the output would exceed cap. */
static int rle_decode(const unsigned short *in, int m, unsigned char *out,
                      int cap)
{
    int i = 0, k = 0;
    while (i < m) {
        if (in[i] == RUN_A || in[i] == RUN_B) {
            long run = 0, weight = 1;
            while (i < m && (in[i] == RUN_A || in[i] == RUN_B)) {
                run += weight * (in[i] == RUN_A ? 1 : 2);
                weight *= 2;
                i++;
                if (run > cap)
                    return -1;
            }
            if (run > cap - k)
                return -1;
            while (run-- > 0)
                out[k++] = 0;
        } else {
            if (k >= cap || in[i] > 256)
                return -1;
            out[k++] = (unsigned char)(in[i] - 1);
            i++;
        }
    }
    return k;
}

static void mtf_decode(const unsigned char *ranks, int n, unsigned char *out)
{
    unsigned char list[256];
    int i, j;
    for (i = 0; i < 256; i++)
        list[i] = (unsigned char)i;
    for (i = 0; i < n; i++) {
        unsigned char c;
        j = ranks[i];
        c = list[j];
        out[i] = c;
        for (; j > 0; j--)
            list[j] = list[j - 1];
        list[0] = c;
    }
}

/* Inverse transform through the last-to-first mapping. */
static int bwt_inverse(const unsigned char *last, int n, int primary,
                       int *lf, unsigned char *out)
{
    int count[256], start[256];
    int i, c, row;
    if (n == 0)
        return 1;
    if (primary < 0 || primary >= n)
        return 0;
    for (c = 0; c < 256; c++)
        count[c] = 0;
    for (i = 0; i < n; i++)
        count[last[i]]++;
    start[0] = 0;
    for (c = 1; c < 256; c++)
        start[c] = start[c - 1] + count[c - 1];
    for (i = 0; i < n; i++)
        lf[i] = start[last[i]]++;
    row = primary;
    for (i = n - 1; i >= 0; i--) {
        out[i] = last[row];
        row = lf[row];
    }
    return 1;
}

/* ---------- block processing ---------- */

typedef struct {
    int primary;
    int steps;
    int zeros;        /* zero MTF ranks */
    int symbols;      /* symbols after run coding */
    double est_bits;  /* order-0 entropy of the run-coded symbols */
    unsigned long hash;
    int ok;
} BlockInfo;

typedef struct {
    SortWork sw;
    unsigned char *last, *ranks, *back, *seen;
    unsigned short *syms;
    int *lf;
} Buffers;

static void buffers_init(Buffers *b, int cap)
{
    work_init(&b->sw, cap);
    b->last = xmalloc((size_t)cap);
    b->ranks = xmalloc((size_t)cap);
    b->back = xmalloc((size_t)cap);
    b->seen = xmalloc((size_t)cap);
    b->syms = xmalloc(sizeof(unsigned short) * (size_t)(cap + 1));
    b->lf = xmalloc(sizeof(int) * (size_t)cap);
}

static void buffers_free(Buffers *b)
{
    work_free(&b->sw);
    free(b->last);
    free(b->ranks);
    free(b->back);
    free(b->seen);
    free(b->syms);
    free(b->lf);
}

static double entropy_bits(const unsigned short *syms, int m)
{
    int freq[NSYM];
    int i;
    double bits = 0.0;
    for (i = 0; i < NSYM; i++)
        freq[i] = 0;
    for (i = 0; i < m; i++)
        freq[syms[i]]++;
    for (i = 0; i < NSYM; i++)
        if (freq[i] > 0)
            bits += (double)freq[i] * log((double)m / (double)freq[i]);
    return bits / log(2.0);
}

static void process_block(const unsigned char *s, int n, Buffers *b,
                          int verify_sort, BlockInfo *info)
{
    int i, m, got;
    unsigned long h = 0x811c9dc5UL;

    info->primary = bwt_forward(s, n, &b->sw, b->last, &info->steps);
    info->ok = 1;
    if (verify_sort && !check_sorted(s, n, b->sw.sa, b->seen))
        info->ok = 0;
    mtf_encode(b->last, n, b->ranks);
    info->zeros = 0;
    for (i = 0; i < n; i++)
        if (b->ranks[i] == 0)
            info->zeros++;
    m = rle_encode(b->ranks, n, b->syms);
    info->symbols = m;
    info->est_bits = entropy_bits(b->syms, m);
    h = mix32(h, (unsigned long)info->primary);
    for (i = 0; i < m; i++)
        h = mix32(h, b->syms[i]);
    info->hash = h;

    /* inverse: the forward buffers are overwritten on purpose */
    memset(b->ranks, 0xff, (size_t)n);
    memset(b->last, 0, (size_t)n);
    got = rle_decode(b->syms, m, b->ranks, n);
    if (got != n) {
        info->ok = 0;
        return;
    }
    mtf_decode(b->ranks, n, b->last);
    if (!bwt_inverse(b->last, n, info->primary, b->lf, b->back) ||
        memcmp(b->back, s, (size_t)n) != 0)
        info->ok = 0;
}

/* ---------- input ---------- */

static unsigned char *read_all(const char *path, size_t *n)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    unsigned char *buf;
    size_t cap = 4096, len = 0;
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(1);
    }
    buf = xmalloc(cap);
    for (;;) {
        size_t got;
        if (len == cap) {
            unsigned char *nb = xmalloc(cap * 2);
            memcpy(nb, buf, len);
            free(buf);
            buf = nb;
            cap *= 2;
        }
        got = fread(buf + len, 1, cap - len, f);
        if (got == 0)
            break;
        len += got;
    }
    if (f != stdin)
        fclose(f);
    *n = len;
    return buf;
}

/*
 * Variant for a round: the words of the input are kept in order but
 * every few words one is replaced by an earlier word, which keeps the
 * text statistics while changing the sort order of the rotations.
 */
static size_t make_variant(const unsigned char *in, size_t n, unsigned round,
                           unsigned char *out, size_t cap)
{
    Lcg g;
    size_t i = 0, k = 0;
    size_t prev_start = 0, prev_len = 0;
    g.state = 12345UL + 1000003UL * round;
    while (i < n && k < cap) {
        if (in[i] == ' ' || in[i] == '\n' || in[i] == ',') {
            out[k++] = in[i++];
            continue;
        }
        {
            size_t start = i, len;
            while (i < n && in[i] != ' ' && in[i] != '\n' && in[i] != ',')
                i++;
            len = i - start;
            if (prev_len > 0 && lcg_next(&g) % 7 == 0) {
                size_t j;
                for (j = 0; j < prev_len && k < cap; j++)
                    out[k++] = in[prev_start + j];
            } else {
                size_t j;
                for (j = 0; j < len && k < cap; j++)
                    out[k++] = in[start + j];
            }
            if (lcg_next(&g) % 3 == 0) {
                prev_start = start;
                prev_len = len;
            }
        }
    }
    return k;
}

int main(int argc, char **argv)
{
    static const int round_blocks[5] = { 2000, 8192, 20000, 50000, 65536 };
    const int report_block = 8192;
    size_t n, off;
    unsigned char *input, *data;
    unsigned long rounds = 0, r;
    unsigned long total_hash = 0, tot_syms = 0, tot_in = 0, tot_blocks = 0;
    double tot_bits = 0.0, all_bits = 0.0;
    int failures = 0, bi = 0;
    Buffers buf;

    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: bwt FILE [ROUNDS]\n");
        return 2;
    }
    if (argc == 3)
        rounds = strtoul(argv[2], NULL, 10);
    input = read_all(argv[1], &n);
    data = xmalloc(n + 1);
    buffers_init(&buf, 65536);

    printf("input: %lu bytes, fletcher32 %08lx, block size %d\n",
           (unsigned long)n, fletcher32(input, n), report_block);
    for (off = 0; off < n; off += (size_t)report_block) {
        int len = (int)(n - off < (size_t)report_block ? n - off
                                                        : (size_t)report_block);
        BlockInfo info;
        process_block(input + off, len, &buf, 1, &info);
        if (!info.ok)
            failures++;
        all_bits += info.est_bits;
        printf("block %2d: %5d bytes, primary %5d, %2d steps, %5d zero ranks, "
               "%5d symbols, %.3f bits/byte, hash %08lx, %s\n",
               bi++, len, info.primary, info.steps, info.zeros, info.symbols,
               len > 0 ? info.est_bits / len : 0.0, info.hash,
               info.ok ? "ok" : "FAILED");
    }
    printf("estimated size: %.1f bytes (%.3f bits/byte)\n", all_bits / 8.0,
           n > 0 ? all_bits / (double)n : 0.0);

    for (r = 0; r < rounds; r++) {
        int bs = round_blocks[r % 5];
        size_t m = make_variant(input, n, (unsigned)r, data, n);
        for (off = 0; off < m; off += (size_t)bs) {
            int len = (int)(m - off < (size_t)bs ? m - off : (size_t)bs);
            BlockInfo info;
            process_block(data + off, len, &buf, 0, &info);
            if (!info.ok)
                failures++;
            total_hash = mix32(total_hash, info.hash);
            tot_syms += (unsigned long)info.symbols;
            tot_bits += info.est_bits;
            tot_blocks++;
        }
        tot_in += (unsigned long)m;
    }
    if (rounds > 0) {
        printf("rounds: %lu, blocks %lu, input %lu bytes, symbols %lu\n",
               rounds, tot_blocks, tot_in, tot_syms);
        printf("estimated %.3f bits/byte, hash %08lx\n",
               tot_in > 0 ? tot_bits / (double)tot_in : 0.0, total_hash);
    }
    printf("round trips: %s\n", failures ? "FAILED" : "all ok");
    buffers_free(&buf);
    free(input);
    free(data);
    return failures ? 1 : 0;
}
