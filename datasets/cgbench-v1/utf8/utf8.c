/*
 * utf8: strict UTF-8 decoding, character classes, simple case folding and
 * word frequencies.
 *
 * Usage: utf8 TOPN FILE...
 *
 * Each FILE is text in which "\xNN" stands for the byte NN and "\\" for a
 * backslash, so that ill-formed UTF-8 can be written down.  Every file is
 * decoded strictly: each maximal ill-formed subsequence (overlong form,
 * surrogate, value past U+10FFFF, stray continuation byte, impossible
 * byte, cut-short sequence) is reported with its position and replaced
 * by U+FFFD.  Characters are counted by class and script, words are
 * case-folded and counted in a hash table, and the text is re-encoded
 * and checked against the input.  The TOPN most frequent words end the
 * output.  The encoder and decoder are first checked on every code point.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <stdint.h>

enum { E_CONT = 1, E_BYTE, E_OVERLONG, E_SURROGATE, E_RANGE, E_TRUNC };
static const char *const error_name[] = {
    "", "unexpected continuation byte", "impossible byte", "overlong form",
    "surrogate", "beyond U+10FFFF", "truncated sequence"
};

enum { C_OTHER, C_LETTER, C_MARK, C_DIGIT, C_SPACE, C_PUNCT, NCLASS };
static const char *const class_name[NCLASS] = {
    "other", "letters", "marks", "digits", "spaces", "punctuation"
};
enum { S_COMMON, S_LATIN, S_GREEK, S_CYRILLIC, S_HAN, S_KANA, S_HANGUL, NSCRIPT };
static const char *const script_name[NSCRIPT] = {
    "common", "Latin", "Greek", "Cyrillic", "Han", "kana", "Hangul"
};

/* Sorted, disjoint ranges; anything not listed is C_OTHER, S_COMMON. */
static const struct {
    uint32_t lo, hi;
    unsigned char cls, script;
} ranges[] = {
    {0x09, 0x0D, C_SPACE, S_COMMON}, {0x20, 0x20, C_SPACE, S_COMMON},
    {0x21, 0x2F, C_PUNCT, S_COMMON}, {0x30, 0x39, C_DIGIT, S_COMMON},
    {0x3A, 0x40, C_PUNCT, S_COMMON}, {0x41, 0x5A, C_LETTER, S_LATIN},
    {0x5B, 0x60, C_PUNCT, S_COMMON}, {0x61, 0x7A, C_LETTER, S_LATIN},
    {0x7B, 0x7E, C_PUNCT, S_COMMON}, {0x85, 0x85, C_SPACE, S_COMMON},
    {0xA0, 0xA0, C_SPACE, S_COMMON}, {0xA1, 0xBF, C_PUNCT, S_COMMON},
    {0xC0, 0xD6, C_LETTER, S_LATIN}, {0xD7, 0xD7, C_PUNCT, S_COMMON},
    {0xD8, 0xF6, C_LETTER, S_LATIN}, {0xF7, 0xF7, C_PUNCT, S_COMMON},
    {0xF8, 0x24F, C_LETTER, S_LATIN}, {0x300, 0x36F, C_MARK, S_COMMON},
    {0x370, 0x373, C_LETTER, S_GREEK}, {0x386, 0x386, C_LETTER, S_GREEK},
    {0x388, 0x3FF, C_LETTER, S_GREEK}, {0x400, 0x481, C_LETTER, S_CYRILLIC},
    {0x483, 0x489, C_MARK, S_CYRILLIC}, {0x48A, 0x52F, C_LETTER, S_CYRILLIC},
    {0x1E00, 0x1EFF, C_LETTER, S_LATIN}, {0x1F00, 0x1FFF, C_LETTER, S_GREEK},
    {0x2000, 0x200A, C_SPACE, S_COMMON},
    {0x2010, 0x2027, C_PUNCT, S_COMMON}, {0x2028, 0x2029, C_SPACE, S_COMMON},
    {0x2030, 0x205E, C_PUNCT, S_COMMON}, {0x3000, 0x3000, C_SPACE, S_COMMON},
    {0x3001, 0x3003, C_PUNCT, S_COMMON}, {0x3008, 0x3011, C_PUNCT, S_COMMON},
    {0x3041, 0x30FF, C_LETTER, S_KANA}, {0x4E00, 0x9FFF, C_LETTER, S_HAN},
    {0xAC00, 0xD7A3, C_LETTER, S_HANGUL}, {0xFF01, 0xFF0F, C_PUNCT, S_COMMON},
    {0xFF10, 0xFF19, C_DIGIT, S_COMMON}, {0xFF1A, 0xFF20, C_PUNCT, S_COMMON},
};
#define NRANGES (sizeof(ranges) / sizeof(ranges[0]))

static int range_of(uint32_t c)
{
    int lo = 0, hi = (int)NRANGES - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (c < ranges[mid].lo)
            hi = mid - 1;
        else if (c > ranges[mid].hi)
            lo = mid + 1;
        else
            return mid;
    }
    return -1;
}

/* Decodes the character at s[0..n), n >= 1.  Returns it, or -1 with *err
 * set; *len is the bytes used, for an error the longest prefix that
 * could still have begun a well-formed sequence (at least 1). */
static long decode(const unsigned char *s, size_t n, size_t *len, int *err)
{
    unsigned b = s[0], lo = 0x80, hi = 0xBF, need, k;
    long c;

    *len = 1;
    if (b < 0x80)
        return (long)b;
    if (b < 0xC2 || b > 0xF4) {
        *err = b < 0xC0 ? E_CONT : b < 0xC2 ? E_OVERLONG :
               b < 0xF8 ? E_RANGE : E_BYTE;
        return -1;
    }
    need = b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
    c = (long)(b & (0x3Fu >> need));
    /* The second byte's range rules out overlongs, surrogates and values
     * past U+10FFFF. */
    if (b == 0xE0)
        lo = 0xA0;
    else if (b == 0xED)
        hi = 0x9F;
    else if (b == 0xF0)
        lo = 0x90;
    else if (b == 0xF4)
        hi = 0x8F;
    for (k = 1; k <= need; k++) {
        unsigned t = k < n ? s[k] : 0;
        if (t < lo || t > hi) {
            *len = k;
            if (k == 1 && t >= 0x80 && t <= 0xBF)
                *err = b == 0xED ? E_SURROGATE : b == 0xF4 ? E_RANGE : E_OVERLONG;
            else
                *err = E_TRUNC;
            return -1;
        }
        c = c << 6 | (long)(t & 0x3F);
        lo = 0x80;
        hi = 0xBF;
    }
    *len = need + 1;
    return c;
}

static size_t encode(uint32_t c, unsigned char *out)
{
    int n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4, i;

    for (i = n - 1; i > 0; i--) {
        out[i] = (unsigned char)(0x80 | (c & 0x3F));
        c >>= 6;
    }
    /* A lead byte starts with n one bits, except for ASCII. */
    out[0] = (unsigned char)(n == 1 ? c : (0xF00u >> n & 0xFF) | c);
    return (size_t)n;
}

/* Simple case folding for ASCII, Latin-1, Latin Extended-A, the Greek
 * alphabet (with its archaic letters) and Cyrillic, as ranges and offsets. */
static uint32_t fold(uint32_t c)
{
    if (c < 0x80)
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    if (c < 0x100)
        return c >= 0xC0 && c <= 0xDE && c != 0xD7 ? c + 32 : c == 0xB5 ? 0x3BC : c;
    if (c < 0x180) {
        if (c == 0x178)
            return 0xFF;
        if (c == 0x17F)
            return 's';
        if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149)
            return c;
        /* Capitals are odd in these two stretches, even elsewhere. */
        if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
            return c + (c & 1);
        return c | 1;
    }
    if ((c >= 0x391 && c <= 0x3AB && c != 0x3A2) || (c >= 0x410 && c <= 0x42F))
        return c + 32;
    if (c == 0x386)
        return 0x3AC;
    if (c == 0x38C)
        return 0x3CC;
    if (c >= 0x388 && c <= 0x38A)
        return c + 37;
    if (c == 0x38E || c == 0x38F)
        return c + 63;
    if (c == 0x3C2)
        return 0x3C3;
    if (c >= 0x400 && c <= 0x40F)
        return c + 80;
    if (c == 0x4C0)
        return 0x4CF;
    if (c >= 0x4C1 && c <= 0x4CE)
        return c + (c & 1);
    if ((c >= 0x3D8 && c <= 0x3EF) || (c >= 0x460 && c <= 0x481) ||
        (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F))
        return c | 1;
    return c;
}

/* ---- word counts: open addressing, keys in one arena ---- */

#define SLOTS (1u << 15)
#define ARENA (1u << 20)

typedef struct {
    size_t off;                 /* key in arena, NUL-terminated */
    unsigned long count;
    uint32_t hash;
} Entry;

static Entry table[SLOTS];
static size_t used;
static char arena[ARENA];
static size_t arena_len;

static void *grow(void *p, size_t size)
{
    p = realloc(p, size);
    if (p == NULL) {
        printf("out of memory\n");
        exit(2);
    }
    return p;
}

static void count_word(const unsigned char *w, size_t len)
{
    uint32_t h = 2166136261u;
    size_t i;

    for (i = 0; i < len; i++)
        h = (h ^ w[i]) * 16777619u;
    for (i = h & (SLOTS - 1); table[i].count; i = (i + 1) & (SLOTS - 1))
        if (table[i].hash == h && strncmp(arena + table[i].off, (const char *)w, len) == 0 &&
            arena[table[i].off + len] == '\0') {
            table[i].count++;
            return;
        }
    if (4 * (used + 1) > 3 * SLOTS || arena_len + len + 1 > ARENA)
        return;                 /* full: the word is not counted */
    memcpy(arena + arena_len, w, len);
    arena[arena_len + len] = '\0';
    table[i].off = arena_len;
    table[i].hash = h;
    table[i].count = 1;
    arena_len += len + 1;
    used++;
}

/* More frequent first, then in code point (= byte) order. */
static int by_count(const void *a, const void *b)
{
    const Entry *x = a, *y = b;

    if (x->count != y->count)
        return x->count < y->count ? 1 : -1;
    return strcmp(arena + x->off, arena + y->off);
}

/* ---- files ---- */

static int failures;

/* Reads a file, turning "\xNN" into byte NN and "\\" into a backslash. */
static unsigned char *read_escaped(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    unsigned char *b = NULL;
    size_t len = 0, size = 0, i, j;

    if (f == NULL) {
        printf("cannot open %s\n", path);
        exit(1);
    }
    do {
        b = grow(b, size += 65536);
        len += fread(b + len, 1, size - len - 1, f);
    } while (len == size - 1);
    fclose(f);
    b[len] = '\0';
    for (i = j = 0; i < len; j++) {
        if (b[i] == '\\' && b[i + 1] == 'x' && isxdigit(b[i + 2]) && isxdigit(b[i + 3])) {
            char hex[3] = {(char)b[i + 2], (char)b[i + 3], 0};
            b[j] = (unsigned char)strtol(hex, NULL, 16);
            i += 4;
        } else {
            i += b[i] == '\\' && b[i + 1] == '\\' ? 2 : 1;
            b[j] = b[i - 1];
        }
    }
    *n = j;
    return b;
}

static void process(const char *path)
{
    size_t n, i = 0, ncp = 0, len, out_len = 0, nerr = 0, words = 0, w = 0;
    unsigned long line = 1, col = 1, by_class[NCLASS] = {0},
                  by_script[NSCRIPT] = {0};
    unsigned char *in = read_escaped(path, &n), *out, word[256];
    uint32_t *cp = grow(NULL, (n + 1) * sizeof(*cp));
    const char *name = strrchr(path, '/');
    int err, k, ok = 1;

    printf("== %s\n", name ? name + 1 : path);
    while (i < n) {
        long c = decode(in + i, n - i, &len, &err);
        if (c < 0) {
            if (++nerr <= 100) {
                printf("   line %lu col %lu byte %lu: %s (", line, col,
                       (unsigned long)i, error_name[err]);
                for (k = 0; k < (int)len; k++)
                    printf("%s%02x", k ? " " : "", in[i + (size_t)k]);
                printf(")\n");
            }
            c = 0xFFFD;
        }
        cp[ncp++] = (uint32_t)c;
        i += len;
        col++;
        if (c == '\n') {
            line++;
            col = 1;
        }
    }

    /* Words: letters, marks and digits, with apostrophes inside them. */
    for (i = 0; i <= ncp; i++) {
        int cls = C_OTHER, r;
        if (i < ncp) {
            r = range_of(cp[i]);
            cls = r < 0 ? C_OTHER : ranges[r].cls;
            by_class[cls]++;
            by_script[r < 0 ? S_COMMON : ranges[r].script]++;
            if (w > 0 && (cp[i] == '\'' || cp[i] == 0x2019) && i + 1 < ncp &&
                (r = range_of(cp[i + 1])) >= 0 && ranges[r].cls == C_LETTER)
                cls = C_LETTER;
        }
        if (cls == C_LETTER || cls == C_MARK || cls == C_DIGIT) {
            if (w + 4 <= sizeof(word))
                w += encode(fold(cp[i]), word + w);
        } else if (w > 0) {
            count_word(word, w);
            words++;
            w = 0;
        }
    }

    /* Re-encode; a clean input must come back byte for byte, and the
     * repaired text must decode without errors to the same characters. */
    out = grow(NULL, 4 * ncp + 1);
    for (i = 0; i < ncp; i++)
        out_len += encode(cp[i], out + out_len);
    if (nerr == 0)
        ok = out_len == n && memcmp(out, in, n) == 0;
    for (i = 0, k = 0; i < out_len && ok; i += len, k++) {
        long c = decode(out + i, out_len - i, &len, &err);
        ok = c == (long)cp[k];
    }
    failures += !ok;
    printf("   %lu bytes, %lu characters, %lu lines, %lu errors\n",
           (unsigned long)n, (unsigned long)ncp, line - (ncp && cp[ncp - 1] == '\n'),
           (unsigned long)nerr);
    printf("  ");
    for (k = 1; k < NCLASS; k++)
        printf(" %s %lu,", class_name[k], by_class[k]);
    printf(" other %lu\n  ", by_class[C_OTHER]);
    for (k = 0; k < NSCRIPT; k++)
        if (by_script[k])
            printf(" %s %lu", script_name[k], by_script[k]);
    printf("\n   %lu words, %lu distinct so far, re-encoded %lu bytes: %s\n",
           (unsigned long)words, (unsigned long)used, (unsigned long)out_len,
           ok ? "round trip ok" : "ROUND TRIP FAILED");
    free(in);
    free(cp);
    free(out);
}

int main(int argc, char **argv)
{
    unsigned char buf[4];
    unsigned long topn, good = 0, refused = 0, folds = 0;
    uint32_t c, sum = 0;
    size_t len, i;
    int err, a;

    if (argc < 3) {
        fprintf(stderr, "usage: utf8 TOPN FILE...\n");
        return 2;
    }
    topn = strtoul(argv[1], NULL, 10);

    /* Every scalar value survives encode and decode; the three-byte
     * patterns of surrogates are refused. */
    for (c = 0; c <= 0x10FFFF; c++) {
        long d = decode(buf, encode(c, buf), &len, &err);
        if (c >= 0xD800 && c <= 0xDFFF)
            refused += d < 0 && err == E_SURROGATE;
        else
            good += d == (long)c && len == (c < 0x80 ? 1u : c < 0x800 ? 2u :
                                           c < 0x10000 ? 3u : 4u);
    }
    /* Folding is idempotent and keeps letters letters of the same script. */
    for (c = 0; c < 0x530; c++) {
        uint32_t f = fold(c);
        int r = range_of(c), rf = range_of(f);
        if (f != c) {
            folds++;
            failures += fold(f) != f || r < 0 || rf < 0 ||
                        ranges[rf].cls != C_LETTER ||
                        (ranges[rf].script != ranges[r].script && c != 0xB5);
        }
    }
    printf("%lu scalar values round-trip, %lu surrogates refused, "
           "%lu characters below U+0530 fold\n", good, refused, folds);
    failures += good != 0x110000 - 0x800 || refused != 0x800;

    for (a = 2; a < argc; a++)
        process(argv[a]);

    {
        Entry *list = grow(NULL, (used + 1) * sizeof(*list));
        size_t m = 0;
        for (i = 0; i < SLOTS; i++)
            if (table[i].count)
                list[m++] = table[i];
        qsort(list, m, sizeof(*list), by_count);
        printf("top words of %lu distinct:\n", (unsigned long)m);
        for (i = 0; i < m; i++) {
            sum = (sum * 31u + (uint32_t)list[i].count) ^ list[i].hash;
            if (i < topn)
                printf("%6lu  %s\n", list[i].count, arena + list[i].off);
        }
        printf("checksum of all counts %08lx\n", (unsigned long)sum);
        free(list);
    }
    if (failures) {
        printf("%d checks FAILED\n", failures);
        return 1;
    }
    printf("all checks passed\n");
    return 0;
}
