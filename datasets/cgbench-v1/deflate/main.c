/*
 * deflate: DEFLATE compression and decompression in gzip containers.
 *
 * Usage: deflate TEXTFILE HEXFILE GENBYTES SEED
 *
 * Checks CRC-32 and the code tables, inflates the hand-made gzip member
 * written in hex in HEXFILE, then compresses edge cases, TEXTFILE and a
 * GENBYTES-byte text made from SEED (words, numbers, a run and a stretch
 * of random bytes) at several levels, inflating each result and comparing
 * bytes, CRC and block counts.  Also decodes a two-member file and
 * damaged and truncated copies of a stream, counting how each is caught.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dfl.h"

static int failures;

static void check(int ok, const char *what)
{
    if (!ok) {
        printf("FAIL: %s\n", what);
        failures++;
    }
}

/* ---- random numbers (xorshift64*) ---- */

static uint64_t rng_state;

static void rng_seed(uint64_t seed)
{
    rng_state = seed * 0x9E3779B97F4A7C15u + 0x632BE59BD9B4E019u;
    if (rng_state == 0)
        rng_state = 1;
}

static uint32_t rng_next(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1Du) >> 32);
}

static unsigned rng_below(unsigned k)
{
    return (unsigned)(rng_next() % k);
}

/* ---- input ---- */

static void read_file(const char *path, Buf *b)
{
    FILE *f = fopen(path, "rb");
    size_t got;

    if (f == NULL) {
        printf("cannot open %s\n", path);
        exit(1);
    }
    do {
        buf_reserve(b, 4096);
        got = fread(b->data + b->len, 1, 4096, f);
        b->len += got;
    } while (got > 0);
    fclose(f);
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
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

/* Hex digit pairs; blanks are ignored and '#' starts a comment line. */
static int parse_hex(const Buf *text, Buf *out)
{
    size_t i = 0;
    int hi = -1;

    while (i < text->len) {
        int c = text->data[i++], v;
        if (c == '#') {
            while (i < text->len && text->data[i] != '\n')
                i++;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        v = hex_value(c);
        if (v < 0)
            return -1;
        if (hi < 0) {
            hi = v;
        } else {
            buf_byte(out, (unsigned)(hi * 16 + v));
            hi = -1;
        }
    }
    return hi < 0 ? 0 : -1;
}

/* ---- generated text ---- */

static const char *const onsets[] = {
    "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t",
    "v", "w", "br", "ch", "cl", "dr", "fl", "gr", "pl", "sh", "st", "th",
    "tr", "qu"
};
static const char *const nuclei[] = {
    "a", "e", "i", "o", "u", "a", "e", "o", "ai", "ea", "ou", "io", "ee"
};
static const char *const codas[] = {
    "", "", "", "n", "r", "s", "t", "l", "nd", "st", "ng", "ck", "m"
};

#define VOCAB 480
#define WORD_MAX 32

static char vocab[VOCAB][WORD_MAX];

static void make_vocab(void)
{
    int w, k;

    for (w = 0; w < VOCAB; w++) {
        int syl = 1 + (int)rng_below(3) + (w > VOCAB / 3 ? 1 : 0);
        char *s = vocab[w];
        s[0] = '\0';
        for (k = 0; k < syl; k++) {
            if (k == 0 || rng_below(3) != 0)
                strcat(s, onsets[rng_below(sizeof(onsets) / sizeof(*onsets))]);
            strcat(s, nuclei[rng_below(sizeof(nuclei) / sizeof(*nuclei))]);
            if (k == syl - 1 || rng_below(4) == 0)
                strcat(s, codas[rng_below(sizeof(codas) / sizeof(*codas))]);
        }
    }
}

typedef struct {
    Buf *b;
    int col;
} Writer;

static void put_word(Writer *w, const char *s, int capital)
{
    size_t n = strlen(s);

    if (w->col > 0 && w->col + 1 + (int)n > 72) {
        buf_byte(w->b, '\n');
        w->col = 0;
    } else if (w->col > 0) {
        buf_byte(w->b, ' ');
        w->col++;
    }
    buf_byte(w->b, capital && s[0] >= 'a' && s[0] <= 'z'
                       ? (unsigned)(s[0] - 'a' + 'A') : (unsigned char)s[0]);
    buf_bytes(w->b, (const unsigned char *)s + 1, n - 1);
    w->col += (int)n;
}

static void put_sentence(Writer *w)
{
    int words = 4 + (int)rng_below(12), i;
    char tmp[WORD_MAX + 2];

    for (i = 0; i < words; i++) {
        /* The product of two uniform picks favours the first words. */
        unsigned a = rng_below(VOCAB), c = rng_below(VOCAB);
        const char *word = vocab[a * c / VOCAB];
        size_t n = strlen(word);
        memcpy(tmp, word, n);
        if (i == words - 1)
            tmp[n++] = ".?!."[rng_below(4)];
        else if (rng_below(9) == 0)
            tmp[n++] = ',';
        tmp[n] = '\0';
        put_word(w, tmp, i == 0);
    }
}

static void put_table(Writer *w)
{
    int rows = 3 + (int)rng_below(6), r, c;
    char line[96];

    if (w->col > 0)
        buf_byte(w->b, '\n');
    for (r = 0; r < rows; r++) {
        int n = sprintf(line, "  row %2d:", r + 1);
        for (c = 0; c < 6; c++)
            n += sprintf(line + n, " %5u", rng_below(40000));
        line[n++] = '\n';
        buf_bytes(w->b, (const unsigned char *)line, (size_t)n);
    }
    w->col = 0;
}

static void generate(Buf *b, size_t size, unsigned seed)
{
    Writer w;
    size_t noise_at = size / 2, run_at = size / 4, k;
    int noise_done = size < 40000, run_done = 0;

    rng_seed(seed);
    make_vocab();
    w.b = b;
    w.col = 0;
    while (b->len < size) {
        int sentences = 2 + (int)rng_below(5), i;
        for (i = 0; i < sentences; i++)
            put_sentence(&w);
        buf_bytes(b, (const unsigned char *)"\n\n", 2);
        w.col = 0;
        if (rng_below(10) == 0)
            put_table(&w);
        if (!run_done && b->len >= run_at) {
            for (k = 0; k < 700; k++)
                buf_byte(b, k % 70 == 69 ? '\n' : '=');
            run_done = 1;
        }
        if (!noise_done && b->len >= noise_at) {
            for (k = 0; k < size / 8; k++)
                buf_byte(b, rng_next() >> 24);
            buf_byte(b, '\n');
            noise_done = 1;
        }
    }
    b->len = size;
}

/* ---- self-tests ---- */

static void test_tables(void)
{
    unsigned v;
    int ok = 1, c;

    for (v = 3; v <= 258; v++) {
        c = length_code(v);
        if (c < 0 || c >= NUM_LEN_CODES || v < len_base[c] ||
            v - len_base[c] >= 1u << len_extra[c])
            ok = 0;
    }
    for (v = 1; v <= 32768; v++) {
        c = distance_code(v);
        if (c < 0 || c >= NUM_DIST_CODES || v < dist_base[c] ||
            v - dist_base[c] >= 1u << dist_extra[c])
            ok = 0;
    }
    printf("code tables: length 284 base %u, distance 29 base %u, %s\n",
           len_base[27], dist_base[29], ok ? "consistent" : "WRONG");
    check(ok, "code tables");
}

/* Checks that lengths form a complete code within maxbits; returns the
 * cost sum freq * length, or 0 on failure. */
static unsigned long code_cost(const uint32_t *freq, const unsigned char *len,
                               int n, int maxbits)
{
    uint32_t kraft = 0;
    unsigned long cost = 0;
    int i;

    for (i = 0; i < n; i++) {
        if (len[i] > maxbits || (freq[i] > 0 && len[i] == 0))
            return 0;
        if (len[i])
            kraft += 1u << (maxbits - len[i]);
        cost += (unsigned long)freq[i] * len[i];
    }
    return kraft == 1u << maxbits ? cost : 0;
}

static void test_huffman(void)
{
    uint32_t freq[286];
    unsigned char len[286];
    unsigned long cost, free_cost, sum = 0;
    int i, t, maxlen = 0, ok = 1, limited = 0;

    /* Fibonacci weights make the unlimited code as deep as possible. */
    freq[0] = freq[1] = 1;
    for (i = 2; i < 26; i++)
        freq[i] = freq[i - 1] + freq[i - 2];
    build_lengths(freq, 26, 25, 0, len);
    free_cost = code_cost(freq, len, 26, 25);
    for (i = 0; i < 26; i++)
        if (len[i] > maxlen)
            maxlen = len[i];
    build_lengths(freq, 26, 15, 0, len);
    cost = code_cost(freq, len, 26, 15);
    printf("huffman fibonacci 26: depth %d cost %lu, limited to 15: cost %lu\n",
           maxlen, free_cost, cost);
    check(maxlen == 25 && cost >= free_cost && cost > 0, "fibonacci code");
    build_lengths(freq, 19, 7, 1, len);
    cost = code_cost(freq, len, 19, 7);
    printf("huffman fibonacci 19 limited to 7: cost %lu\n", cost);
    check(cost > 0, "fibonacci code limited to 7");

    rng_seed(1951);
    for (t = 0; t < 300; t++) {
        int n = 2 + (int)rng_below(t % 3 == 0 ? 18 : 284);
        int maxbits = n <= 19 && t % 2 ? 7 : 9 + (int)rng_below(7);
        unsigned long c1, c2;
        for (i = 0; i < n; i++) {
            unsigned r = rng_below(100);
            freq[i] = r < 20 ? 0 : r < 60 ? rng_below(8) + 1 :
                      r < 90 ? rng_below(300) + 1 : rng_below(60000) + 1;
            if (t % 5 == 0)
                freq[i] = (uint32_t)1 << rng_below(20);
        }
        freq[0] = freq[1] = freq[0] | 1;
        build_lengths(freq, n, 25, 0, len);
        c1 = code_cost(freq, len, n, 25);
        build_lengths(freq, n, maxbits, 0, len);
        c2 = code_cost(freq, len, n, maxbits);
        if (c1 == 0 || c2 < c1)
            ok = 0;
        if (c2 > c1)
            limited++;
        sum = (sum * 31 + c2) % 1000000007ul;
    }
    printf("huffman random codes: 300 built, %d needed limiting, %s, sum %lu\n",
           limited, ok ? "all complete" : "BAD", sum);
    check(ok, "random huffman codes");
}

/* ---- compression rounds ---- */

static int compress_check(const unsigned char *data, size_t n, int level,
                          const GzOptions *opt, int verbose)
{
    Buf gz, out;
    BlockStats st = {0, 0, 0};
    GzInfo info;
    int r, same;

    buf_init(&gz);
    buf_init(&out);
    gzip_write(data, n, level, opt, &gz, &st);
    r = gunzip(gz.data, gz.len, &out, n + 1, &info);
    same = r == Z_OK && out.len == n && memcmp(out.data, data, n) == 0;
    same = same && info.blocks.stored == st.stored &&
           info.blocks.fixed == st.fixed && info.blocks.dynamic == st.dynamic;
    if (verbose)
        printf("  level %d: %7lu bytes (%4lu per mille), blocks s/f/d "
               "%ld/%ld/%ld, gz crc %08lx, %s\n",
               level, (unsigned long)gz.len,
               (unsigned long)(n ? gz.len * 1000 / n : 0), st.stored,
               st.fixed, st.dynamic,
               (unsigned long)crc32_update(0, gz.data, gz.len),
               same ? "inflated ok" : z_error_name(r));
    check(same, "round trip");
    r = (int)gz.len;
    buf_free(&gz);
    buf_free(&out);
    return r;
}

static void compress_input(const char *label, const unsigned char *data,
                           size_t n, const int *lv, int nlv)
{
    GzOptions opt = {NULL, NULL, 0};
    int i;

    opt.name = label;
    printf("%s: %lu bytes, crc32 %08lx\n", label, (unsigned long)n,
           (unsigned long)crc32_update(0, data, n));
    for (i = 0; i < nlv; i++)
        compress_check(data, n, lv[i], &opt, 1);
}

static void edge_cases(void)
{
    static const int lv[] = {0, 1, 4, 9};
    GzOptions opt = {NULL, NULL, 0};
    Buf b;
    size_t k;
    int c, i, sizes[4];

    for (c = 0; c < 5; c++) {
        const char *name;
        buf_init(&b);
        switch (c) {
        case 0:
            name = "empty";
            break;
        case 1:
            name = "one byte";
            buf_byte(&b, 'x');
            break;
        case 2:
            name = "1000 zeros";
            for (k = 0; k < 1000; k++)
                buf_byte(&b, 0);
            break;
        case 3:
            name = "abc cycle";
            for (k = 0; k < 5000; k++)
                buf_byte(&b, "abcab"[k % 5]);
            break;
        default:
            name = "70000 random";
            rng_seed(70000);
            for (k = 0; k < 70000; k++)
                buf_byte(&b, rng_next() >> 24);
            break;
        }
        for (i = 0; i < 4; i++)
            sizes[i] = compress_check(b.data, b.len, lv[i], &opt, 0);
        printf("edge %-12s: levels 0/1/4/9 give %d/%d/%d/%d bytes\n", name,
               sizes[0], sizes[1], sizes[2], sizes[3]);
        buf_free(&b);
    }
}

static void hand_stream(const char *path)
{
    Buf text, gz, out;
    GzInfo info;
    int r;
    size_t i;

    buf_init(&text);
    buf_init(&gz);
    buf_init(&out);
    read_file(path, &text);
    if (parse_hex(&text, &gz) != 0) {
        printf("%s: bad hex\n", base_name(path));
        exit(1);
    }
    r = gunzip(gz.data, gz.len, &out, 4096, &info);
    printf("%s: %lu bytes, %s, member name \"%s\", blocks s/f/d %ld/%ld/%ld\n",
           base_name(path), (unsigned long)gz.len, z_error_name(r), info.name,
           info.blocks.stored, info.blocks.fixed, info.blocks.dynamic);
    printf("  text: \"");
    for (i = 0; i < out.len; i++) {
        if (out.data[i] == '\n')
            printf("\\n");
        else if (out.data[i] >= 32 && out.data[i] < 127)
            putchar(out.data[i]);
        else
            printf("\\x%02x", out.data[i]);
    }
    printf("\" crc32 %08lx\n", (unsigned long)crc32_update(0, out.data, out.len));
    check(r == Z_OK && out.len == 26, "hand-made stream");
    buf_free(&text);
    buf_free(&gz);
    buf_free(&out);
}

static void two_members(const unsigned char *data, size_t n)
{
    GzOptions first = {"part1", NULL, 0}, second = {"part2", "second half", 1};
    BlockStats st = {0, 0, 0};
    Buf gz, out;
    GzInfo info;
    int r, same;

    buf_init(&gz);
    buf_init(&out);
    gzip_write(data, n / 2, 6, &first, &gz, &st);
    gzip_write(data + n / 2, n - n / 2, 9, &second, &gz, &st);
    r = gunzip(gz.data, gz.len, &out, n, &info);
    same = r == Z_OK && out.len == n && memcmp(out.data, data, n) == 0;
    printf("two members: %lu bytes, %d members, first named %s, %s\n",
           (unsigned long)gz.len, info.members, info.name,
           same ? "inflated ok" : z_error_name(r));
    check(same && info.members == 2, "two members");
    buf_free(&gz);
    buf_free(&out);
}

/* Flips single bits and cuts the stream short; each copy must be rejected
 * or still give back the original bytes. */
static void damage(const unsigned char *data, size_t n, int trials)
{
    GzOptions opt = {"damaged", NULL, 0};
    BlockStats st = {0, 0, 0};
    long counts[Z_NUM_ERRORS];
    Buf gz, copy, out;
    GzInfo info;
    int t, r, undetected = 0, e;

    memset(counts, 0, sizeof(counts));
    buf_init(&gz);
    buf_init(&copy);
    buf_init(&out);
    gzip_write(data, n, 6, &opt, &gz, &st);
    rng_seed(1952);
    for (t = 0; t < trials + 8; t++) {
        copy.len = 0;
        buf_bytes(&copy, gz.data, gz.len);
        if (t < trials) {
            size_t at = 18 + rng_below((unsigned)(gz.len - 18));
            copy.data[at] ^= (unsigned char)(1u << rng_below(8));
        } else {
            copy.len = gz.len - 1 - (size_t)(t - trials) * (gz.len / 9);
        }
        out.len = 0;
        r = gunzip(copy.data, copy.len, &out, 2 * n + 64, &info);
        if (r == Z_OK && (out.len != n || memcmp(out.data, data, n) != 0))
            undetected++;
        counts[-r]++;
    }
    printf("damaged copies: %d bit flips, 8 truncations\n", trials);
    for (e = 0; e < Z_NUM_ERRORS; e++)
        if (counts[e])
            printf("  %-28s %ld\n", z_error_name(-e), counts[e]);
    check(undetected == 0, "damage detected");
    buf_free(&gz);
    buf_free(&copy);
    buf_free(&out);
}

int main(int argc, char **argv)
{
    static const int text_levels[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    static const int gen_levels[] = {0, 1, 6, 9};
    static const unsigned char check_str[] = "123456789";
    Buf text, gen;
    unsigned long size;
    unsigned seed;
    uint32_t c;

    if (argc != 5) {
        fprintf(stderr, "usage: deflate TEXTFILE HEXFILE GENBYTES SEED\n");
        return 2;
    }
    size = strtoul(argv[3], NULL, 10);
    seed = (unsigned)strtoul(argv[4], NULL, 10);
    if (size > 4000000ul)
        size = 4000000ul;
    tables_init();

    c = crc32_update(0, check_str, 9);
    printf("crc32(\"123456789\") = %08lx\n", (unsigned long)c);
    check(c == 0xCBF43926u, "crc32 check value");
    test_tables();
    test_huffman();
    hand_stream(argv[2]);
    edge_cases();

    buf_init(&text);
    read_file(argv[1], &text);
    compress_input(base_name(argv[1]), text.data, text.len, text_levels, 10);
    damage(text.data, text.len, 60);

    buf_init(&gen);
    generate(&gen, size, seed);
    compress_input("generated", gen.data, gen.len, gen_levels, 4);
    two_members(gen.data, gen.len);

    buf_free(&text);
    buf_free(&gen);
    if (failures) {
        printf("%d checks FAILED\n", failures);
        return 1;
    }
    printf("all checks passed\n");
    return 0;
}
