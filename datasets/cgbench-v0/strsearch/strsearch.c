/*
 * strsearch: exact string search.
 *
 * Counts the (possibly overlapping) occurrences of every pattern of a
 * pattern file inside a text, using four independent algorithms:
 *   - naive window-by-window comparison,
 *   - Knuth-Morris-Pratt (prefix function),
 *   - Boyer-Moore-Horspool (bad-character shift table),
 *   - Rabin-Karp (rolling polynomial hash, verified on every hit).
 * The four result sets (count, first/last position, position digest) are
 * compared with each other, and the number of character comparisons each
 * algorithm needed is reported.
 *
 * Usage:
 *   strsearch TEXTFILE PATTERNFILE
 *       Patterns are read one per line; empty lines are ignored and the
 *       escapes \n, \t, \r, \\ and \xHH are understood.
 *   strsearch -gen SEED LENGTH NPATTERNS ALPHABET
 *       The text and the patterns are generated from SEED: a text of LENGTH
 *       bytes over the first ALPHABET letters, with copied segments so that
 *       repeats occur, and NPATTERNS patterns, most of them cut from the
 *       text itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned long long u64;

/* Modulus of the Rabin-Karp hash; deliberately modest so that spurious
 * hash hits happen and the verification step is exercised. */
#define RK_MOD 1000003ULL
#define RK_BASE 257ULL

enum { ALG_NAIVE, ALG_KMP, ALG_BMH, ALG_RK, ALG_COUNT };
static const char *const alg_names[ALG_COUNT] = {
    "naive", "kmp", "horspool", "rabin-karp"
};

/* Summary of the occurrences found by one algorithm for one pattern. */
typedef struct {
    unsigned long count;
    long first;
    long last;
    u64 digest;
} Hits;

typedef struct {
    unsigned char *data;
    size_t len;
} Buffer;

typedef struct {
    Buffer *items;
    size_t count;
    size_t cap;
} PatternList;

static u64 comparisons[ALG_COUNT];
static u64 rk_spurious;

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return p;
}

static void hits_init(Hits *h)
{
    h->count = 0;
    h->first = -1;
    h->last = -1;
    h->digest = 1469598103934665603ULL;
}

static void hits_add(Hits *h, size_t pos)
{
    if (h->count == 0)
        h->first = (long)pos;
    h->last = (long)pos;
    h->count++;
    h->digest ^= (u64)pos + 0x9e3779b97f4a7c15ULL;
    h->digest *= 1099511628211ULL;
    h->digest ^= h->digest >> 29;
}

static int hits_equal(const Hits *a, const Hits *b)
{
    return a->count == b->count && a->first == b->first &&
           a->last == b->last && a->digest == b->digest;
}

/* ---------- the four search algorithms ---------- */

static void search_naive(const unsigned char *t, size_t n,
                         const unsigned char *p, size_t m, Hits *h)
{
    size_t i, j;
    u64 cmp = 0;
    if (m > n)
        return;
    for (i = 0; i + m <= n; i++) {
        for (j = 0; j < m; j++) {
            cmp++;
            if (t[i + j] != p[j])
                break;
        }
        if (j == m)
            hits_add(h, i);
    }
    comparisons[ALG_NAIVE] += cmp;
}

static void search_kmp(const unsigned char *t, size_t n,
                       const unsigned char *p, size_t m, Hits *h)
{
    size_t *border = xmalloc(m * sizeof *border);
    size_t i, q, k;
    u64 cmp = 0;

    /* border[j]: length of the longest proper border of p[0..j]. */
    border[0] = 0;
    k = 0;
    for (i = 1; i < m; i++) {
        for (;;) {
            cmp++;
            if (p[i] == p[k]) {
                k++;
                break;
            }
            if (k == 0)
                break;
            k = border[k - 1];
        }
        border[i] = k;
    }

    q = 0;
    for (i = 0; i < n; i++) {
        for (;;) {
            cmp++;
            if (t[i] == p[q]) {
                q++;
                break;
            }
            if (q == 0)
                break;
            q = border[q - 1];
        }
        if (q == m) {
            hits_add(h, i + 1 - m);
            q = border[m - 1];
        }
    }
    free(border);
    comparisons[ALG_KMP] += cmp;
}

static void search_horspool(const unsigned char *t, size_t n,
                            const unsigned char *p, size_t m, Hits *h)
{
    size_t shift[256];
    size_t i, j;
    u64 cmp = 0;

    if (m > n)
        return;
    for (i = 0; i < 256; i++)
        shift[i] = m;
    for (j = 0; j + 1 < m; j++)
        shift[p[j]] = m - 1 - j;

    i = 0;
    while (i + m <= n) {
        j = m;
        while (j > 0) {
            cmp++;
            if (t[i + j - 1] != p[j - 1])
                break;
            j--;
        }
        if (j == 0)
            hits_add(h, i);
        i += shift[t[i + m - 1]];
    }
    comparisons[ALG_BMH] += cmp;
}

static void search_rabin_karp(const unsigned char *t, size_t n,
                              const unsigned char *p, size_t m, Hits *h)
{
    u64 hp = 0, ht = 0, top = 1;
    size_t i, j;
    u64 cmp = 0;

    if (m > n)
        return;
    for (i = 0; i + 1 < m; i++)
        top = (top * RK_BASE) % RK_MOD;
    for (i = 0; i < m; i++) {
        hp = (hp * RK_BASE + p[i]) % RK_MOD;
        ht = (ht * RK_BASE + t[i]) % RK_MOD;
    }
    for (i = 0;; i++) {
        if (ht == hp) {
            for (j = 0; j < m; j++) {
                cmp++;
                if (t[i + j] != p[j])
                    break;
            }
            if (j == m)
                hits_add(h, i);
            else
                rk_spurious++;
        }
        if (i + m >= n)
            break;
        /* drop t[i], append t[i+m] */
        ht = (ht + RK_MOD - (t[i] * top) % RK_MOD) % RK_MOD;
        ht = (ht * RK_BASE + t[i + m]) % RK_MOD;
    }
    comparisons[ALG_RK] += cmp;
}

/* ---------- input ---------- */

static Buffer read_file(const char *path)
{
    Buffer b;
    size_t cap = 4096, got;
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(1);
    }
    b.data = xmalloc(cap);
    b.len = 0;
    for (;;) {
        if (b.len == cap) {
            unsigned char *nd;
            cap *= 2;
            nd = realloc(b.data, cap);
            if (!nd) {
                fprintf(stderr, "out of memory\n");
                exit(1);
            }
            b.data = nd;
        }
        got = fread(b.data + b.len, 1, cap - b.len, f);
        if (got == 0)
            break;
        b.len += got;
    }
    fclose(f);
    return b;
}

static void patterns_push(PatternList *pl, const unsigned char *s, size_t len)
{
    if (pl->count == pl->cap) {
        Buffer *ni;
        pl->cap = pl->cap ? pl->cap * 2 : 16;
        ni = realloc(pl->items, pl->cap * sizeof *ni);
        if (!ni) {
            fprintf(stderr, "out of memory\n");
            exit(1);
        }
        pl->items = ni;
    }
    pl->items[pl->count].data = xmalloc(len);
    memcpy(pl->items[pl->count].data, s, len);
    pl->items[pl->count].len = len;
    pl->count++;
}

static int hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decode the escapes of one pattern line into out; returns the length. */
static size_t unescape(const unsigned char *s, size_t len, unsigned char *out)
{
    size_t i = 0, o = 0;
    while (i < len) {
        if (s[i] == '\\' && i + 1 < len) {
            unsigned char e = s[i + 1];
            i += 2;
            switch (e) {
            case 'n': out[o++] = '\n'; break;
            case 't': out[o++] = '\t'; break;
            case 'r': out[o++] = '\r'; break;
            case 'x':
                if (i + 1 < len && hex_value(s[i]) >= 0 &&
                    hex_value(s[i + 1]) >= 0) {
                    out[o++] = (unsigned char)(hex_value(s[i]) * 16 +
                                               hex_value(s[i + 1]));
                    i += 2;
                } else {
                    out[o++] = 'x';
                }
                break;
            default: out[o++] = e; break;
            }
        } else {
            out[o++] = s[i++];
        }
    }
    return o;
}

static void parse_patterns(const Buffer *b, PatternList *pl)
{
    size_t start = 0, i;
    unsigned char *tmp = xmalloc(b->len + 1);
    for (i = 0; i <= b->len; i++) {
        if (i == b->len || b->data[i] == '\n') {
            size_t end = i, n;
            if (end > start && b->data[end - 1] == '\r')
                end--;
            n = unescape(b->data + start, end - start, tmp);
            if (n > 0)
                patterns_push(pl, tmp, n);
            start = i + 1;
        }
    }
    free(tmp);
}

/* ---------- generated input ---------- */

static u64 rng_state;

static u64 rng_next(void)
{
    u64 z;
    rng_state += 0x9e3779b97f4a7c15ULL;
    z = rng_state;
    z = (z ^ (z >> 31)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 33);
}

static size_t rng_below(size_t n)
{
    return (size_t)(rng_next() % (u64)n);
}

static void generate(u64 seed, size_t len, size_t npat, int alpha,
                     Buffer *text, PatternList *pl)
{
    size_t i, k;
    unsigned char pat[64];

    rng_state = seed;
    text->data = xmalloc(len);
    text->len = len;
    i = 0;
    while (i < len) {
        size_t r = rng_below(100);
        if (r < 8 && i > 64) {
            /* copy an earlier segment: creates long repeats */
            size_t from = rng_below(i - 32);
            size_t n = 8 + rng_below(24);
            size_t c;
            for (c = 0; c < n && i < len; c++)
                text->data[i++] = text->data[from + c];
        } else if (r < 10) {
            /* a run of one letter: periodic stretches */
            size_t n = 4 + rng_below(12), c;
            unsigned char ch = (unsigned char)('a' + rng_below((size_t)alpha));
            for (c = 0; c < n && i < len; c++)
                text->data[i++] = ch;
        } else {
            text->data[i++] = (unsigned char)('a' + rng_below((size_t)alpha));
        }
    }

    for (k = 0; k < npat; k++) {
        size_t m = k % 4 == 0 ? 2 + rng_below(6) : 1 + rng_below(24), c;
        if (m > len)
            m = len;
        if (k % 5 == 4) {
            for (c = 0; c < m; c++)
                pat[c] = (unsigned char)('a' + rng_below((size_t)alpha));
        } else if (k % 7 == 6) {
            unsigned char ch = (unsigned char)('a' + rng_below((size_t)alpha));
            for (c = 0; c < m; c++)
                pat[c] = ch;
        } else {
            size_t at = rng_below(len - m + 1);
            memcpy(pat, text->data + at, m);
        }
        patterns_push(pl, pat, m);
    }
}

/* ---------- reporting ---------- */

static void print_pattern(const Buffer *p)
{
    size_t i, shown = p->len < 40 ? p->len : 40;
    putchar('"');
    for (i = 0; i < shown; i++) {
        unsigned char c = p->data[i];
        if (c == '\n')
            fputs("\\n", stdout);
        else if (c == '\t')
            fputs("\\t", stdout);
        else if (c == '\\' || c == '"')
            printf("\\%c", c);
        else if (c < 32 || c > 126)
            printf("\\x%02x", c);
        else
            putchar(c);
    }
    putchar('"');
    if (shown < p->len)
        fputs("...", stdout);
}

/* Line and column (both 1-based) of a byte offset of the text. */
static void line_col(const Buffer *t, long pos, long *line, long *col)
{
    long i, l = 1, c = 1;
    for (i = 0; i < pos; i++) {
        if (t->data[i] == '\n') {
            l++;
            c = 1;
        } else {
            c++;
        }
    }
    *line = l;
    *col = c;
}

int main(int argc, char **argv)
{
    Buffer text;
    PatternList pats = { NULL, 0, 0 };
    size_t k;
    int a, mismatches = 0, show_lines;
    unsigned long total = 0, found_patterns = 0;
    u64 overall = 0;

    if (argc == 3) {
        Buffer pf;
        text = read_file(argv[1]);
        pf = read_file(argv[2]);
        parse_patterns(&pf, &pats);
        free(pf.data);
        show_lines = 1;
    } else if (argc == 6 && strcmp(argv[1], "-gen") == 0) {
        u64 seed = strtoull(argv[2], NULL, 10);
        size_t len = (size_t)strtoul(argv[3], NULL, 10);
        size_t np = (size_t)strtoul(argv[4], NULL, 10);
        int alpha = atoi(argv[5]);
        if (len < 128 || np == 0 || alpha < 1 || alpha > 26) {
            fprintf(stderr, "bad generator parameters\n");
            return 1;
        }
        generate(seed, len, np, alpha, &text, &pats);
        show_lines = 0;
    } else {
        fprintf(stderr, "usage: strsearch TEXT PATTERNS | "
                        "strsearch -gen SEED LENGTH NPATTERNS ALPHABET\n");
        return 1;
    }

    printf("text: %lu bytes, %lu patterns\n", (unsigned long)text.len,
           (unsigned long)pats.count);

    for (k = 0; k < pats.count; k++) {
        const Buffer *p = &pats.items[k];
        Hits h[ALG_COUNT];
        for (a = 0; a < ALG_COUNT; a++)
            hits_init(&h[a]);
        search_naive(text.data, text.len, p->data, p->len, &h[ALG_NAIVE]);
        search_kmp(text.data, text.len, p->data, p->len, &h[ALG_KMP]);
        search_horspool(text.data, text.len, p->data, p->len, &h[ALG_BMH]);
        search_rabin_karp(text.data, text.len, p->data, p->len, &h[ALG_RK]);

        printf("%3lu len=%-3lu ", (unsigned long)(k + 1), (unsigned long)p->len);
        print_pattern(p);
        printf(" count=%lu", h[0].count);
        if (h[0].count > 0) {
            if (show_lines) {
                long l, c;
                line_col(&text, h[0].first, &l, &c);
                printf(" first=%ld(%ld:%ld)", h[0].first, l, c);
                line_col(&text, h[0].last, &l, &c);
                printf(" last=%ld(%ld:%ld)", h[0].last, l, c);
            } else {
                printf(" first=%ld last=%ld", h[0].first, h[0].last);
            }
            printf(" digest=%016llx", h[0].digest);
            found_patterns++;
        }
        for (a = 1; a < ALG_COUNT; a++) {
            if (!hits_equal(&h[0], &h[a])) {
                printf(" MISMATCH(%s: count=%lu)", alg_names[a], h[a].count);
                mismatches++;
            }
        }
        putchar('\n');
        total += h[0].count;
        overall = (overall ^ h[0].digest) * 0x100000001b3ULL + h[0].count;
    }

    printf("patterns found: %lu of %lu, total occurrences: %lu\n",
           found_patterns, (unsigned long)pats.count, total);
    printf("overall digest: %016llx\n", overall);
    printf("character comparisons:\n");
    for (a = 0; a < ALG_COUNT; a++)
        printf("  %-10s %12llu\n", alg_names[a], comparisons[a]);
    printf("rabin-karp spurious hash hits: %llu\n", rk_spurious);
    printf("cross-check: %s\n", mismatches ? "FAILED" : "all four algorithms agree");

    for (k = 0; k < pats.count; k++)
        free(pats.items[k].data);
    free(pats.items);
    free(text.data);
    return mismatches ? 1 : 0;
}
