/*
 * diff.c - line-based diff with Myers' O(ND) algorithm.
 *
 * Usage: diff OLD NEW [OLD NEW ...]     compare pairs of files
 *        diff -g SEED LINES EDITS       compare a generated pair
 *
 * Lines keep their newline, so that a last line without one differs.  The
 * greedy forward search keeps the furthest-reaching path on each diagonal
 * for every edit count D and walks the saved frontiers back to build the
 * edit script.  Changes are printed as unified-diff hunks with three lines
 * of context.  Each result is checked two ways: the edit count equals
 * n + m - 2 LCS from a dynamic program (for small inputs), and applying
 * the diff text to the old file, verifying every context and removed
 * line, rebuilds the new file exactly.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONTEXT 3
#define LCS_LIMIT 4000000L      /* largest n*m for the LCS check */
#define MAX_FILE 200000

typedef struct {
    const char *s;
    size_t len;                 /* including the newline, if any */
} Line;

typedef struct {
    char *buf;
    size_t size;
    Line *lines;
    int n;
} Text;

typedef struct {
    char *s;
    size_t len, cap;
} Buf;

enum { OP_EQ, OP_DEL, OP_INS };

static void *xrealloc(void *p, size_t n)
{
    if ((p = realloc(p, n ? n : 1)) == NULL) {
        printf("out of memory\n");
        exit(2);
    }
    return p;
}

static void buf_add(Buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap)
        b->s = xrealloc(b->s, b->cap = (b->len + n + 1) * 2);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static uint32_t fnv(const char *s, size_t n)
{
    uint32_t h = 2166136261u;

    while (n-- > 0)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

/* Splits t->buf into lines. */
static void split_lines(Text *t)
{
    const char *p = t->buf, *end = t->buf + t->size, *e;
    Line *l;

    t->lines = xrealloc(NULL, (t->size + 1) * sizeof *t->lines);
    for (l = t->lines; p < end; p = e, l++) {
        e = memchr(p, '\n', (size_t)(end - p));
        e = e ? e + 1 : end;
        l->s = p;
        l->len = (size_t)(e - p);
    }
    t->n = (int)(l - t->lines);
}

static int line_eq(const Line *a, const Line *b)
{
    return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

/*
 * Myers' greedy algorithm.  v[k] is the furthest x reached on diagonal
 * k = x - y with d edits.  The frontier of each round d (diagonals -d to
 * d) is kept at t[d(d+1) + k], so that the path can be walked back from
 * the end.  Fills ops with (n + m + D) / 2 operations and returns D.
 */
static int myers(const Text *a, const Text *b, unsigned char *ops)
{
    int n = a->n, m = b->n, d, k, x, y, pk, len, edits;
    size_t cap = 0;
    int *t = NULL, *v, *pv;

    for (d = 0;; d++) {
        if ((size_t)(d + 1) * (size_t)(d + 1) > cap) {
            cap = 4 * (size_t)(d + 1) * (size_t)(d + 1);
            t = xrealloc(t, cap * sizeof *t);
        }
        v = t + (size_t)d * (size_t)(d + 1);
        pv = t + (size_t)d * (size_t)(d - !!d);
        for (k = -d; k <= d; k += 2) {
            /* down (an insertion) from diagonal k+1 or right (a
             * deletion) from k-1, then along equal lines */
            if (k == -d || (k != d && pv[k - 1] < pv[k + 1]))
                x = d ? pv[k + 1] : 0;
            else
                x = pv[k - 1] + 1;
            for (y = x - k; x < n && y < m
                 && line_eq(&a->lines[x], &b->lines[y]); y++)
                x++;
            v[k] = x;
            if (x >= n && y >= m)
                goto found;
        }
    }
found:
    edits = d;
    for (len = (n + m + d) / 2; d > 0; d--) {
        pv = t + (size_t)d * (size_t)(d - 1);
        k = x - y;
        pk = k == -d || (k != d && pv[k - 1] < pv[k + 1]) ? k + 1 : k - 1;
        for (; x > pv[pk] + (pk < k); x--, y--)
            ops[--len] = OP_EQ;
        ops[--len] = pk > k ? OP_INS : OP_DEL;
        x = pv[pk];
        y = x - pk;
    }
    memset(ops, OP_EQ, (size_t)len);
    free(t);
    return edits;
}

/* Length of the longest common subsequence, one row at a time: row[j]
 * is the length for the lines of a so far and the first j lines of b. */
static long lcs_length(const Text *a, const Text *b)
{
    long *row = calloc((size_t)b->n + 1, sizeof *row), diag, up, r;
    int i, j;

    if (row == NULL) {
        printf("out of memory\n");
        exit(2);
    }
    for (i = 0; i < a->n; i++)
        for (j = 1, diag = 0; j <= b->n; j++) {
            up = row[j];
            if (line_eq(&a->lines[i], &b->lines[j - 1]))
                row[j] = diag + 1;
            else if (row[j - 1] > up)
                row[j] = row[j - 1];
            diag = up;
        }
    r = row[b->n];
    free(row);
    return r;
}

static void emit_line(Buf *out, const char *mark, const Line *l)
{
    buf_add(out, mark, 1);
    buf_add(out, l->s, l->len);
    if (l->s[l->len - 1] != '\n')
        buf_add(out, "\n\\ No newline at end of file\n",
                sizeof "\n\\ No newline at end of file\n" - 1);
}

/*
 * Writes unified hunks for ops; returns their number.  A hunk runs from
 * CONTEXT lines before a change to CONTEXT lines after the first change
 * that is followed by more than 2 CONTEXT equal lines.
 */
static int unified(Buf *out, const Text *a, const Text *b,
                   const unsigned char *ops, int nops)
{
    int i, j, k, end, hunks = 0, x = 0, y = 0, ins, del;
    char head[80];

    for (i = 0; i < nops; i++) {
        if (ops[i] == OP_EQ) {          /* x and y count lines before i */
            x++;
            y++;
            continue;
        }
        for (end = k = i, ins = del = 0; k < nops && k - end <= 2 * CONTEXT;
             k++)
            if (ops[k] != OP_EQ) {
                end = k + 1;
                ins += ops[k] == OP_INS;
                del += ops[k] == OP_DEL;
            }
        end = end + CONTEXT < nops ? end + CONTEXT : nops;
        j = i > CONTEXT ? i - CONTEXT : 0;      /* after the last hunk */
        x -= i - j;
        y -= i - j;
        ins = end - j - ins;            /* now the old and new lengths */
        del = end - j - del;
        snprintf(head, sizeof head, "@@ -%d,%d +%d,%d @@\n",
                 x + (ins > 0), ins, y + (del > 0), del);
        buf_add(out, head, strlen(head));
        for (k = j; k < end; k++) {
            if (ops[k] == OP_INS)
                emit_line(out, "+", &b->lines[y++]);
            else
                emit_line(out, ops[k] == OP_EQ ? " " : "-", &a->lines[x++]);
            y += ops[k] == OP_EQ;
        }
        hunks++;
        i = end - 1;
    }
    return hunks;
}

/* Reads the next line of the patch text *p into l; 0 at its end. */
static int next_line(const char **p, Line *l)
{
    const char *e = strchr(*p, '\n');

    if (**p == '\0')
        return 0;
    l->s = *p;
    l->len = e ? (size_t)(e - *p) + 1 : strlen(*p);
    *p += l->len;
    return 1;
}

/*
 * Applies the unified diff in p to old, appending the result to out.
 * Every context and removed line must match; returns 0 when the patch
 * does not apply.
 */
static int apply(const char *p, const Text *old, Buf *out)
{
    Line l;
    const Line *o = old->lines, *end = old->lines + old->n;
    int n1 = 0, n2 = 0, s1, s2, c, plus = 0, more = 1;

    while (more) {
        more = next_line(&p, &l);
        if (more && (l.s[0] == '-' || l.s[0] == '+'))
            continue;                   /* file names */
        s1 = old->n;                    /* after the last hunk: the rest */
        if (more && (sscanf(l.s, "@@ -%d,%d +%d,%d @@", &s1, &n1, &s2, &n2)
                     != 4 || (s1 -= n1 > 0) < o - old->lines || s1 > old->n))
            return 0;
        for (; o < old->lines + s1; o++)
            buf_add(out, o->s, o->len);
        while ((n1 > 0 || n2 > 0 || *p == '\\') && next_line(&p, &l)) {
            c = l.s[0];
            if (c == '\\') {            /* the line before has no newline */
                if (plus)
                    out->s[--out->len] = '\0';
            } else if (c == '+') {
                buf_add(out, l.s + 1, l.len - 1);
                n2--;
            } else if ((c == ' ' || c == '-') && o < end
                       && o->len == l.len - 1 - (*p == '\\')
                       && memcmp(o->s, l.s + 1, o->len) == 0) {
                if (c == ' ')
                    buf_add(out, o->s, o->len);
                n2 -= c == ' ';
                n1--;
                o++;
            } else {
                return 0;
            }
            plus = c == '+';
        }
        if (n1 != 0 || n2 != 0)
            return 0;
    }
    return 1;
}

/* Diffs a pair, checks the result and prints the diff (if verbose) and
 * a summary; returns 1 if every check passed. */
static int compare(const char *name1, const Text *a, const char *name2,
                   const Text *b, int verbose)
{
    int nm = a->n + b->n, d, hunks, ok;
    unsigned char *ops = xrealloc(NULL, (size_t)nm + 1);
    long lcs = (long)a->n * b->n <= LCS_LIMIT ? lcs_length(a, b) : -1;
    Buf out = {NULL, 0, 0}, rebuilt = {NULL, 0, 0};
    char head[300];

    d = myers(a, b, ops);
    snprintf(head, sizeof head, "--- %s\n+++ %s\n", name1, name2);
    buf_add(&out, head, strlen(head));
    hunks = unified(&out, a, b, ops, (nm + d) / 2);
    if (hunks == 0) {           /* no differences: no diff at all */
        out.len = 0;
        out.s[0] = '\0';
    }
    buf_add(&rebuilt, "", 0);
    ok = apply(out.s, a, &rebuilt) && rebuilt.len == b->size
        && memcmp(rebuilt.s, b->buf, b->size) == 0;
    if (verbose)
        fwrite(out.s, 1, out.len, stdout);
    printf("lines %d -> %d, edits %d", a->n, b->n, d);
    if (lcs >= 0)
        printf(" (by LCS %ld)", nm - 2 * lcs);
    printf(", hunks %d, fnv %08lx, %s\n", hunks,
           (unsigned long)fnv(out.s, out.len),
           ok ? "the patch rebuilds the new file" : "PATCH FAILED");
    free(ops);
    free(out.s);
    free(rebuilt.s);
    return ok && (lcs < 0 || nm - 2 * lcs == d);
}

static uint32_t rng_state;

static uint32_t rng_next(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

/* Adds a random word from a small vocabulary as a line, so that lines
 * repeat; returns where it starts. */
static size_t random_line(Buf *b)
{
    static const char *const words[] = {
        "{", "}", "return x;", "i++;", "else", "for (;;)", "int n;", "",
        "x = y;", "break;", "/* note */", "if (x)", "while (n--)", "y = 0;",
    };
    size_t at = b->len;
    const char *w = words[rng_next() % 14];

    buf_add(b, w, strlen(w));
    buf_add(b, "\n", 1);
    return at;
}

/* An old text of random lines and a new one that, at about edits places,
 * deletes a run of one to five lines or inserts one. */
static void generate(uint32_t seed, int lines, int edits, Text *t)
{
    Buf old = {NULL, 0, 0}, new = {NULL, 0, 0};
    int i, run = 0;
    size_t at;

    rng_state = seed | 1;
    buf_add(&old, "", 0);
    buf_add(&new, "", 0);
    for (i = 0; i < lines; i++) {
        if (run == 0 && rng_next() % (unsigned)lines < (unsigned)edits)
            run = (int)(rng_next() % 11) - 5;       /* -5..5 */
        for (; run < 0; run++)                      /* insert -run lines */
            random_line(&new);
        at = random_line(&old);
        if (run > 0)                                /* delete run lines */
            run--;
        else
            buf_add(&new, old.s + at, old.len - at);
    }
    t[0].buf = old.s;
    t[0].size = old.len;
    t[1].buf = new.s;
    t[1].size = new.len;
    split_lines(&t[0]);
    split_lines(&t[1]);
}

static int read_text(const char *path, Text *t, const char **name)
{
    FILE *f = fopen(path, "rb");
    const char *slash = strrchr(path, '/');

    *name = slash ? slash + 1 : path;
    if (f == NULL) {
        printf("cannot read %s\n", path);
        return 0;
    }
    t->buf = xrealloc(NULL, MAX_FILE + 1);
    t->size = fread(t->buf, 1, MAX_FILE + 1, f);
    fclose(f);
    if (t->size > MAX_FILE) {
        printf("%s is too large\n", path);
        free(t->buf);
        return 0;
    }
    split_lines(t);
    return 1;
}

int main(int argc, char **argv)
{
    Text t[2];
    const char *name[2] = {"old", "new"};
    int i = 1, ok = 1, gen = argc == 5 && strcmp(argv[1], "-g") == 0;
    long lines = gen ? strtol(argv[3], NULL, 10) : 0;

    if (gen ? lines < 1 || lines > 20000 : argc < 3 || argc % 2 == 0) {
        printf("usage: diff OLD NEW [OLD NEW ...] | diff -g SEED LINES EDITS\n");
        return 2;
    }
    do {
        if (gen)
            generate((uint32_t)strtoul(argv[2], NULL, 10), (int)lines,
                     (int)strtol(argv[4], NULL, 10), t);
        else if (!read_text(argv[i], &t[0], &name[0])
                 || !read_text(argv[i + 1], &t[1], &name[1]))
            return 2;
        printf("== %s %s ==\n", name[0], name[1]);
        ok &= compare(name[0], &t[0], name[1], &t[1], !gen);
        free(t[0].buf);
        free(t[0].lines);
        free(t[1].buf);
        free(t[1].lines);
    } while (!gen && (i += 2) < argc);
    printf("%s\n", ok ? "all checks passed" : "CHECK FAILED");
    return !ok;
}
