/*
 * sudoku: a sudoku solver using constraint propagation and backtracking.
 *
 * Usage: sudoku PUZZLEFILE [NGEN [SEED]]
 *
 * PUZZLEFILE lists one puzzle per line as 81 characters, row by row, with
 * '1'..'9' for givens and '0' or '.' for empty cells (blank lines and lines
 * starting with '#' are ignored).  Each puzzle is solved by propagating
 * candidate sets (naked singles and hidden singles) and, when propagation
 * stalls, branching on the empty cell with the fewest candidates.  The
 * search counts up to two solutions, so it tells unique puzzles from
 * ambiguous ones.  Every solution is checked against the rules and against
 * the givens, and the solution plus search statistics are printed.
 *
 * Afterwards NGEN (default 0) extra puzzles are derived from the uniquely
 * solvable input puzzles by symmetry transformations drawn from a PRNG
 * seeded with SEED (relabelling digits, permuting bands, stacks, rows
 * within bands and columns within stacks, and transposing).  Each derived
 * puzzle is solved and its solution is compared with the same
 * transformation applied to the original solution.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CELLS 81
#define ALL_DIGITS 0x1ffu
#define MAX_PUZZLES 400

typedef struct {
    unsigned short cand[CELLS]; /* bit d-1 set if digit d is still possible */
    unsigned char val[CELLS];   /* 0 for empty, otherwise the digit */
    int filled;
} Grid;

typedef struct {
    long nodes;      /* search nodes visited */
    long guesses;    /* branches tried */
    long dead_ends;  /* nodes where propagation found a contradiction */
    long naked;      /* cells fixed because one candidate was left */
    long hidden;     /* cells fixed because a digit had one place in a unit */
    int max_depth;
    int solutions;
    unsigned char first[CELLS];
} Search;

static int unit_cells[27][9];
static int cell_units[CELLS][3];
static int peers[CELLS][20];

static void build_tables(void)
{
    for (int i = 0; i < 9; i++) {
        for (int j = 0; j < 9; j++) {
            unit_cells[i][j] = i * 9 + j;                                   /* row */
            unit_cells[9 + i][j] = j * 9 + i;                               /* column */
            unit_cells[18 + i][j] = (i / 3 * 3 + j / 3) * 9 + i % 3 * 3 + j % 3; /* box */
        }
    }
    for (int c = 0; c < CELLS; c++) {
        int r = c / 9, col = c % 9, n = 0;
        cell_units[c][0] = r;
        cell_units[c][1] = 9 + col;
        cell_units[c][2] = 18 + r / 3 * 3 + col / 3;
        for (int o = 0; o < CELLS; o++) {
            int orow = o / 9, ocol = o % 9;
            if (o == c) continue;
            if (orow == r || ocol == col || (orow / 3 == r / 3 && ocol / 3 == col / 3))
                peers[c][n++] = o;
        }
    }
}

static int popcount9(unsigned m)
{
    int n = 0;
    for (; m; m &= m - 1) n++;
    return n;
}

static int lowest_digit(unsigned m)
{
    int d = 1;
    while (!(m & 1u)) {
        m >>= 1;
        d++;
    }
    return d;
}

/* Places digit d in cell c and removes it from the peers' candidates.
   Returns 0 on a contradiction. */
static int set_cell(Grid *g, int c, int d)
{
    unsigned bit = 1u << (d - 1);
    if (g->val[c] == d) return 1;
    if (g->val[c] != 0 || !(g->cand[c] & bit)) return 0;
    g->val[c] = (unsigned char)d;
    g->cand[c] = (unsigned short)bit;
    g->filled++;
    for (int i = 0; i < 20; i++) {
        int p = peers[c][i];
        if (g->val[p] == d) return 0;
        if (g->cand[p] & bit) {
            g->cand[p] = (unsigned short)(g->cand[p] & ~bit);
            if (g->cand[p] == 0) return 0;
        }
    }
    return 1;
}

/* Applies naked and hidden singles until nothing changes.
   Returns 0 on a contradiction. */
static int propagate(Grid *g, Search *s)
{
    int changed = 1;
    while (changed) {
        changed = 0;
        for (int c = 0; c < CELLS; c++) {
            if (g->val[c] == 0 && popcount9(g->cand[c]) == 1) {
                if (!set_cell(g, c, lowest_digit(g->cand[c]))) return 0;
                s->naked++;
                changed = 1;
            }
        }
        for (int u = 0; u < 27; u++) {
            unsigned once = 0, more = 0, placed = 0;
            for (int i = 0; i < 9; i++) {
                int c = unit_cells[u][i];
                unsigned m = g->cand[c];
                if (g->val[c]) placed |= m;
                more |= once & m;
                once |= m;
            }
            if (once != ALL_DIGITS) return 0; /* some digit has no place */
            once &= ~more & ~placed;
            for (int i = 0; i < 9 && once; i++) {
                int c = unit_cells[u][i];
                unsigned m = g->cand[c] & once;
                if (m && g->val[c] == 0) {
                    if (popcount9(m) > 1) return 0; /* two digits need one cell */
                    if (!set_cell(g, c, lowest_digit(m))) return 0;
                    once &= ~m;
                    s->hidden++;
                    changed = 1;
                }
            }
        }
    }
    return 1;
}

static void search(Grid *g, int depth, Search *s)
{
    int best = -1, best_count = 10;
    unsigned m;
    s->nodes++;
    if (depth > s->max_depth) s->max_depth = depth;
    if (!propagate(g, s)) {
        s->dead_ends++;
        return;
    }
    if (g->filled == CELLS) {
        if (s->solutions == 0) memcpy(s->first, g->val, CELLS);
        s->solutions++;
        return;
    }
    for (int c = 0; c < CELLS; c++) {
        if (g->val[c] == 0) {
            int n = popcount9(g->cand[c]);
            if (n < best_count) {
                best_count = n;
                best = c;
            }
        }
    }
    for (m = g->cand[best]; m && s->solutions < 2; m &= m - 1) {
        Grid child = *g;
        s->guesses++;
        if (set_cell(&child, best, lowest_digit(m)))
            search(&child, depth + 1, s);
        else
            s->dead_ends++;
    }
}

/* Solves puzzle p (digits 0..9).  Returns 0 if the givens conflict. */
static int solve(const unsigned char *p, Search *s)
{
    Grid g;
    memset(s, 0, sizeof *s);
    for (int c = 0; c < CELLS; c++) {
        g.cand[c] = ALL_DIGITS;
        g.val[c] = 0;
    }
    g.filled = 0;
    for (int c = 0; c < CELLS; c++)
        if (p[c] && !set_cell(&g, c, p[c])) return 0;
    search(&g, 0, s);
    return 1;
}

/* Independent check: complete, each unit holds 1..9, and givens are kept. */
static int valid_solution(const unsigned char *sol, const unsigned char *p)
{
    for (int c = 0; c < CELLS; c++)
        if (sol[c] < 1 || sol[c] > 9 || (p[c] && p[c] != sol[c])) return 0;
    for (int k = 0; k < 9; k++) {
        unsigned row = 0, col = 0, box = 0;
        for (int j = 0; j < 9; j++) {
            row |= 1u << sol[k * 9 + j];
            col |= 1u << sol[j * 9 + k];
            box |= 1u << sol[(k / 3 * 3 + j / 3) * 9 + k % 3 * 3 + j % 3];
        }
        if (row != 0x3feu || col != 0x3feu || box != 0x3feu) return 0;
    }
    return 1;
}

static void to_text(const unsigned char *v, char *out)
{
    for (int c = 0; c < CELLS; c++) out[c] = v[c] ? (char)('0' + v[c]) : '.';
    out[CELLS] = '\0';
}

static unsigned long long rng_state;

static unsigned rng_below(unsigned n)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)((rng_state >> 33) % n);
}

/* Random permutation of 0..n-1 into a. */
static void shuffle(int *a, int n)
{
    for (int i = 0; i < n; i++) a[i] = i;
    for (int i = n - 1; i > 0; i--) {
        int j = (int)rng_below((unsigned)i + 1u), t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

typedef struct {
    int row[9], col[9], digit[10], transpose;
} Transform;

/* Random transformation that maps valid grids to valid grids. */
static void random_transform(Transform *t)
{
    int bands[3], inner[3], perm[9];
    shuffle(bands, 3);
    for (int b = 0; b < 3; b++) {
        shuffle(inner, 3);
        for (int i = 0; i < 3; i++) t->row[b * 3 + i] = bands[b] * 3 + inner[i];
    }
    shuffle(bands, 3);
    for (int b = 0; b < 3; b++) {
        shuffle(inner, 3);
        for (int i = 0; i < 3; i++) t->col[b * 3 + i] = bands[b] * 3 + inner[i];
    }
    shuffle(perm, 9);
    t->digit[0] = 0;
    for (int d = 1; d <= 9; d++) t->digit[d] = perm[d - 1] + 1;
    t->transpose = (int)rng_below(2);
}

static void apply_transform(const Transform *t, const unsigned char *in, unsigned char *out)
{
    for (int r = 0; r < 9; r++) {
        for (int c = 0; c < 9; c++) {
            int sr = t->row[r], sc = t->col[c];
            int src = t->transpose ? sc * 9 + sr : sr * 9 + sc;
            out[r * 9 + c] = (unsigned char)t->digit[in[src]];
        }
    }
}

static unsigned hash_grid(const unsigned char *v, unsigned h)
{
    for (int c = 0; c < CELLS; c++) h = (h ^ v[c]) * 16777619u;
    return h;
}

static unsigned char puzzles[MAX_PUZZLES][CELLS];
static unsigned char solutions[MAX_PUZZLES][CELLS];

int main(int argc, char **argv)
{
    char line[256], text[CELLS + 1];
    int npuz = 0, nunique = 0, unique_idx[MAX_PUZZLES];
    long ngen = 0, lineno = 0;
    unsigned long long seed = 1;
    int failures = 0;
    FILE *f;
    Search s;

    if (argc < 2 || argc > 4) {
        printf("usage: sudoku PUZZLEFILE [NGEN [SEED]]\n");
        return 1;
    }
    if (argc >= 3) ngen = atol(argv[2]);
    if (argc >= 4) seed = strtoull(argv[3], NULL, 10);
    f = fopen(argv[1], "r");
    if (!f) {
        printf("cannot open %s\n", argv[1]);
        return 1;
    }
    build_tables();

    while (fgets(line, sizeof line, f) && npuz < MAX_PUZZLES) {
        unsigned char *p = puzzles[npuz];
        int n = 0, givens = 0;
        lineno++;
        if (line[0] == '#' || line[0] == '\n' || line[0] == '\r' || line[0] == '\0') continue;
        for (char *q = line; *q && n < CELLS; q++) {
            if (*q >= '1' && *q <= '9') {
                p[n++] = (unsigned char)(*q - '0');
                givens++;
            } else if (*q == '0' || *q == '.') {
                p[n++] = 0;
            }
        }
        if (n != CELLS) {
            printf("line %ld: not a puzzle\n", lineno);
            continue;
        }
        printf("puzzle %d (line %ld, %d givens): ", npuz + 1, lineno, givens);
        if (!solve(p, &s)) {
            printf("givens conflict\n");
            npuz++;
            continue;
        }
        if (s.solutions == 0) {
            printf("no solution\n");
        } else {
            int ok = valid_solution(s.first, p);
            if (!ok) failures++;
            to_text(s.first, text);
            printf("%s%s\n  %s\n", s.solutions > 1 ? "multiple solutions, first" : "unique solution",
                   ok ? "" : " (INVALID)", text);
            if (s.solutions == 1 && ok) {
                memcpy(solutions[npuz], s.first, CELLS);
                unique_idx[nunique++] = npuz;
            }
        }
        printf("  nodes=%ld guesses=%ld dead_ends=%ld naked=%ld hidden=%ld depth=%d\n", s.nodes,
               s.guesses, s.dead_ends, s.naked, s.hidden, s.max_depth);
        npuz++;
    }
    fclose(f);

    if (ngen > 0 && nunique > 0) {
        long nodes = 0, guesses = 0, dead = 0, naked = 0, hidden = 0, mismatches = 0;
        int deepest = 0;
        unsigned check = 2166136261u;
        rng_state = seed * 0x9e3779b97f4a7c15ULL + 12345u;
        for (long i = 0; i < ngen; i++) {
            int k = unique_idx[rng_below((unsigned)nunique)];
            unsigned char gp[CELLS], gs[CELLS];
            Transform t;
            random_transform(&t);
            apply_transform(&t, puzzles[k], gp);
            apply_transform(&t, solutions[k], gs);
            if (!solve(gp, &s) || s.solutions != 1 || memcmp(s.first, gs, CELLS) != 0 ||
                !valid_solution(s.first, gp))
                mismatches++;
            nodes += s.nodes;
            guesses += s.guesses;
            dead += s.dead_ends;
            naked += s.naked;
            hidden += s.hidden;
            if (s.max_depth > deepest) deepest = s.max_depth;
            check = hash_grid(gp, check);
            check = hash_grid(s.first, check);
        }
        printf("derived: %ld puzzles from %d unique ones, mismatches=%ld check=%08x\n", ngen, nunique,
               mismatches, check);
        printf("  nodes=%ld guesses=%ld dead_ends=%ld naked=%ld hidden=%ld depth=%d\n", nodes, guesses,
               dead, naked, hidden, deepest);
        if (mismatches) failures++;
    }
    printf("%d puzzles, %d unique, failures=%d\n", npuz, nunique, failures);
    return 0;
}
