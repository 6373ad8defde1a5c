/*
 * spell: a dictionary spell checker with ranked suggestions.
 *
 * Usage: spell DICTIONARY CORPUS TEXT [SEED NTYPOS]
 *
 * The dictionary is kept in an open-addressing hash table and word
 * frequencies are counted from the corpus.  Every word of TEXT not in the
 * dictionary is reported with its best suggestions: all dictionary words one
 * edit away (delete, transpose, replace, insert), or failing that the words
 * at Damerau-Levenshtein distance 2 found by a scan, ranked by corpus
 * frequency.  The distance of
 * every suggestion is recomputed with the Damerau-Levenshtein (optimal
 * string alignment) algorithm as a check.  With SEED and NTYPOS, corpus
 * words are also misspelt at random by one edit and corrected, and the
 * ranks of the original words are reported; the original must always be a
 * candidate.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WORD 32
#define MAX_CANDS 256
#define MAX_TEXT 200000
#define TOP 3

typedef struct {
    char *word;
    unsigned long freq;  /* corpus count (dictionary) or occurrences (unknowns) */
    unsigned long stamp; /* last query that collected this entry */
} Entry;

typedef struct {
    Entry *slot;
    size_t size, count; /* size is a power of two */
} Table;

static Table dict, unknown;
static unsigned long lookups, probes, query;
static int failures;

static void *xalloc(size_t n)
{
    void *p = calloc(n, 1);
    if (!p) {
        printf("out of memory\n");
        exit(1);
    }
    return p;
}

static unsigned long hash_word(const char *s)
{
    unsigned long h = 2166136261u;
    for (; *s; s++) h = ((h ^ (unsigned char)*s) * 16777619u) & 0xFFFFFFFFu;
    return h;
}

static Entry *find_slot(const Table *t, const char *w)
{
    size_t i = hash_word(w) & (t->size - 1);
    lookups++;
    for (;;) {
        Entry *e = &t->slot[i];
        probes++;
        if (!e->word || strcmp(e->word, w) == 0) return e;
        i = (i + 1) & (t->size - 1);
    }
}

static Entry *lookup(const Table *t, const char *w)
{
    Entry *e = find_slot(t, w);
    return e->word ? e : NULL;
}

static void table_init(Table *t, size_t size)
{
    t->slot = xalloc(size * sizeof *t->slot);
    t->size = size;
    t->count = 0;
}

/* Returns the entry for w, adding it if new, or NULL if the table is half full. */
static Entry *insert(Table *t, const char *w)
{
    Entry *e = find_slot(t, w);
    if (e->word) return e;
    if (2 * (t->count + 1) > t->size) return NULL;
    e->word = xalloc(strlen(w) + 1);
    strcpy(e->word, w);
    t->count++;
    return e;
}

/* ---------- files and words ---------- */

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = xalloc(MAX_TEXT + 1);
    if (!f) {
        printf("cannot open %s\n", path);
        exit(1);
    }
    *len = fread(buf, 1, MAX_TEXT, f);
    fclose(f);
    for (size_t i = 0; i < *len; i++)
        if (buf[i] >= 'A' && buf[i] <= 'Z') buf[i] = (char)(buf[i] - 'A' + 'a');
    return buf;
}

/* One word a line; lines starting with '#' are comments. */
static void load_dictionary(const char *path)
{
    size_t len, size = 64;
    char *buf = read_file(path, &len), *line = buf;
    /* Every line takes two bytes or more: at least twice as many slots as lines. */
    while (size < len) size *= 2;
    table_init(&dict, size);
    while (line < buf + len) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = '\0';
        if (line[0] && line[0] != '#' && strlen(line) < MAX_WORD) insert(&dict, line);
        line = nl ? nl + 1 : buf + len;
    }
    free(buf);
}

/* ---------- text scanning ---------- */

/* Next word of two or more letters (with inner apostrophes) from *p, which
 * must be lower case; 0 at the end.  Counts the line breaks passed. */
static int next_word(const char **p, char *out, int *line)
{
    const char *s = *p;
    size_t n;
    do {
        while (*s && !(*s >= 'a' && *s <= 'z')) *line += *s++ == '\n';
        if (!*s) return 0;
        for (n = 0; (*s >= 'a' && *s <= 'z') || *s == '\''; s++)
            if (n < MAX_WORD - 1) out[n++] = *s;
        while (n > 0 && out[n - 1] == '\'') n--;
        out[n] = '\0';
    } while (n < 2);
    *p = s;
    return 1;
}

/* ---------- suggestions ---------- */

static Entry *cands[MAX_CANDS];
static int ncands;
static unsigned long generated;

static void consider(const char *w)
{
    Entry *e;
    generated++;
    e = lookup(&dict, w);
    if (e && e->stamp != query && ncands < MAX_CANDS) {
        e->stamp = query;
        cands[ncands++] = e;
    }
}

/* All dictionary words one edit from w. */
static void edits1(const char *w)
{
    char buf[MAX_WORD + 2];
    size_t n = strlen(w);
    for (size_t i = 0; i < n; i++) { /* deletes */
        memcpy(buf, w, i);
        strcpy(buf + i, w + i + 1);
        consider(buf);
    }
    for (size_t i = 0; i + 1 < n; i++) { /* transposes */
        if (w[i] == w[i + 1]) continue;
        strcpy(buf, w);
        buf[i] = w[i + 1];
        buf[i + 1] = w[i];
        consider(buf);
    }
    for (size_t i = 0; i < n; i++) { /* replaces */
        strcpy(buf, w);
        for (char c = 'a'; c <= 'z'; c++) {
            if (c == w[i]) continue;
            buf[i] = c;
            consider(buf);
        }
    }
    for (size_t i = 0; i <= n; i++) { /* inserts */
        memcpy(buf, w, i);
        strcpy(buf + i + 1, w + i);
        for (char c = 'a'; c <= 'z'; c++) {
            buf[i] = c;
            consider(buf);
        }
    }
}

/* Damerau-Levenshtein distance (optimal string alignment). */
static int dl_distance(const char *a, const char *b)
{
    int d[MAX_WORD + 1][MAX_WORD + 1];
    int n = (int)strlen(a), m = (int)strlen(b);
    for (int i = 0; i <= n; i++) d[i][0] = i;
    for (int j = 0; j <= m; j++) d[0][j] = j;
    for (int i = 1; i <= n; i++) {
        for (int j = 1; j <= m; j++) {
            int cost = a[i - 1] != b[j - 1];
            int best = d[i - 1][j - 1] + cost;
            if (d[i - 1][j] + 1 < best) best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best) best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[n][m];
}

static int better(const Entry *a, const Entry *b)
{
    return a->freq != b->freq ? a->freq > b->freq : strcmp(a->word, b->word) < 0;
}

/* Fills cands[] with ranked suggestions for w; returns their edit distance. */
static int suggest(const char *w)
{
    int dist = 1;
    query++;
    ncands = 0;
    edits1(w);
    if (ncands == 0) {
        size_t n = strlen(w);
        dist = 2;
        for (size_t i = 0; i < dict.size; i++) {
            Entry *e = &dict.slot[i];
            size_t m = e->word ? strlen(e->word) : 0;
            if (m && m + 2 >= n && m <= n + 2 && ncands < MAX_CANDS && dl_distance(w, e->word) == 2)
                cands[ncands++] = e;
        }
    }
    for (int i = 1; i < ncands; i++) {
        Entry *e = cands[i];
        int k = i;
        for (; k > 0 && better(e, cands[k - 1]); k--) cands[k] = cands[k - 1];
        cands[k] = e;
    }
    for (int i = 0; i < ncands; i++)
        if (dl_distance(w, cands[i]->word) != dist) {
            failures++;
            printf("  CHECK FAILED: %s -> %s is not at distance %d\n", w, cands[i]->word, dist);
        }
    return dist;
}

/* Reports each unknown word of the text, with suggestions, where first seen. */
static void check_text(const char *path)
{
    size_t len;
    char *text = read_file(path, &len);
    const char *p = text;
    char w[MAX_WORD];
    int line = 1;
    unsigned long words = 0, bad = 0, fixable = 0;

    table_init(&unknown, 1024);
    while (next_word(&p, w, &line)) {
        Entry *e;
        int dist;
        words++;
        if (lookup(&dict, w)) continue;
        bad++;
        e = insert(&unknown, w);
        if (!e || e->freq++ > 0) continue;
        dist = suggest(w);
        printf("line %d: %s", line, w);
        if (ncands == 0) {
            printf(": no suggestions\n");
            continue;
        }
        fixable++;
        printf(" ->");
        for (int k = 0; k < ncands && k < TOP; k++)
            printf(" %s(%lu)", cands[k]->word, cands[k]->freq);
        printf("%s [distance %d, %d candidates]\n", ncands > TOP ? " ..." : "", dist, ncands);
    }
    printf("text: %lu words, %lu unknown (%lu distinct, %lu with suggestions)\n", words, bad,
           (unsigned long)unknown.count, fixable);
    free(text);
}

/* ---------- random misspellings of corpus words ---------- */

static unsigned long long rng_state;

static unsigned long rng(unsigned long n)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned long)((rng_state >> 33) % n);
}

/* Misspells n random corpus words by one random edit and corrects them. */
static void typo_test(Entry **words, size_t nwords, unsigned long n)
{
    unsigned long made = 0, real = 0, top1 = 0, top3 = 0;
    while (made < n) {
        const char *orig = words[rng(nwords)]->word;
        char typo[MAX_WORD + 2];
        size_t len = strlen(orig), i;
        int kind = (int)rng(4), rank = -1;
        if (len < 3 || len >= MAX_WORD - 1 || strchr(orig, '\'')) continue;
        i = rng(kind == 1 ? len - 1 : len);
        strcpy(typo, orig);
        if (kind == 0) { /* delete */
            memmove(typo + i, typo + i + 1, len - i);
        } else if (kind == 1) { /* transpose */
            typo[i] = orig[i + 1];
            typo[i + 1] = orig[i];
        } else if (kind == 2) { /* replace with another letter */
            typo[i] = (char)('a' + (orig[i] - 'a' + 1 + (int)rng(25)) % 26);
        } else { /* insert */
            memmove(typo + i + 1, typo + i, len - i + 1);
            typo[i] = (char)('a' + rng(26));
        }
        if (strcmp(typo, orig) == 0) continue;
        made++;
        if (dl_distance(orig, typo) != 1) {
            failures++;
            printf("  CHECK FAILED: %s -> %s is not one edit\n", orig, typo);
        }
        if (lookup(&dict, typo)) {
            real++;
            continue;
        }
        suggest(typo);
        for (int k = 0; k < ncands && rank < 0; k++)
            if (strcmp(cands[k]->word, orig) == 0) rank = k;
        if (rank < 0) {
            failures++;
            printf("  CHECK FAILED: %s not suggested for %s\n", orig, typo);
        }
        top1 += rank == 0;
        top3 += rank >= 0 && rank < TOP;
    }
    printf("typos: %lu made, %lu real words; of the rest, original ranked first %lu, "
           "in top %d %lu\n", made, real, top1, TOP, top3);
}

int main(int argc, char **argv)
{
    size_t len, ncorpus = 0;
    unsigned long corpus_words = 0, corpus_unknown = 0;
    char *corpus;
    const char *p;
    char w[MAX_WORD];
    int line = 1;
    Entry **corpus_entries;

    if (argc != 4 && argc != 6) {
        printf("usage: spell DICTIONARY CORPUS TEXT [SEED NTYPOS]\n");
        return 1;
    }
    load_dictionary(argv[1]);
    printf("dictionary: %lu words, table %lu slots\n", (unsigned long)dict.count,
           (unsigned long)dict.size);

    corpus = read_file(argv[2], &len);
    corpus_entries = xalloc((len / 2 + 1) * sizeof *corpus_entries);
    for (p = corpus; next_word(&p, w, &line);) {
        Entry *e = lookup(&dict, w);
        corpus_words++;
        if (!e) {
            corpus_unknown++;
            continue;
        }
        e->freq++;
        corpus_entries[ncorpus++] = e;
    }
    printf("corpus: %lu words, %lu not in the dictionary\n", corpus_words, corpus_unknown);

    check_text(argv[3]);
    if (argc == 6 && ncorpus > 0) {
        rng_state = strtoul(argv[4], NULL, 10);
        typo_test(corpus_entries, ncorpus, strtoul(argv[5], NULL, 10));
    }
    printf("hash table: %lu lookups, %lu probes; %lu edit candidates generated\n", lookups, probes,
           generated);
    printf("%s\n", failures ? "CHECKS FAILED" : "all suggestion checks passed");
    free(corpus);
    free(corpus_entries);
    return failures ? 1 : 0;
}
