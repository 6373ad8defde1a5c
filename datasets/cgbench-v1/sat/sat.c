/*
 * sat.c - a CDCL SAT solver.
 *
 * Usage: sat FILE.cnf [FILE.cnf ...]        solve DIMACS CNF files
 *        sat -r SEED VARS COUNT             solve COUNT random 3-SAT
 *                                           instances at ratio 4.26
 *
 * Literals are 2v (true) and 2v+1 (false).  Clauses live in one pool,
 * each as its size followed by its literals; the first two literals are
 * watched.  Conflicts are analysed to the first unique implication point,
 * the learnt clause is shortened by dropping literals implied by the
 * others, and the solver jumps back to the second-highest level in it.
 * Decisions take the unassigned variable of highest activity (integer
 * VSIDS: bumped variables gain the current increment, which grows by a
 * twentieth per conflict) with its saved phase.  Restarts follow the Luby
 * sequence times 64 conflicts.  Every model is checked against the
 * original clauses, and for up to 60 variables the answer is compared
 * with a plain DPLL search.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FILE 200000
#define DPLL_MAX_VARS 60

typedef struct {
    int *v;
    int n, cap;
} Vec;

static void vpush(Vec *a, int x)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? 2 * a->cap : 8;
        a->v = realloc(a->v, (size_t)a->cap * sizeof *a->v);
        if (a->v == NULL) {
            printf("out of memory\n");
            exit(2);
        }
    }
    a->v[a->n++] = x;
}

/* The problem and the solver state. */
static int nvars, norig;
static Vec orig;                /* original clauses: size, then literals */
static Vec pool, clauses, trail, trail_lim, learnt, dropped;
static Vec *watches;            /* per literal: clauses watching it */
static signed char *val;        /* per variable: -1 unset, 0, 1 */
static signed char *phase;
static char *seen;
static int *level, *reason;
static uint64_t *activity, bump_inc;
static int qhead, empty_clause;
static unsigned long decisions, conflicts, propagations, restarts,
    learnt_lits;

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);

    if (p == NULL) {
        printf("out of memory\n");
        exit(2);
    }
    return p;
}

static void reset(int vars)
{
    int i;

    for (i = 0; i < 2 * nvars; i++)
        free(watches[i].v);
    free(watches);
    free(val);
    free(phase);
    free(seen);
    free(level);
    free(reason);
    free(activity);
    nvars = vars;
    norig = qhead = empty_clause = 0;
    orig.n = pool.n = clauses.n = trail.n = trail_lim.n = 0;
    watches = xcalloc(2 * (size_t)vars, sizeof *watches);
    val = xcalloc((size_t)vars, 1);
    phase = xcalloc((size_t)vars, 1);
    seen = xcalloc((size_t)vars, 1);
    level = xcalloc((size_t)vars, sizeof *level);
    reason = xcalloc((size_t)vars, sizeof *reason);
    activity = xcalloc((size_t)vars, sizeof *activity);
    memset(val, -1, (size_t)vars);
    bump_inc = 1u << 20;
    decisions = conflicts = propagations = restarts = learnt_lits = 0;
}

static int lit_val(int l)
{
    int v = val[l >> 1];

    return v < 0 ? -1 : v ^ (l & 1);
}

static void enqueue(int l, int from)
{
    int v = l >> 1;

    val[v] = (signed char)!(l & 1);
    level[v] = trail_lim.n;
    reason[v] = from;
    vpush(&trail, l);
}

/* Stores a clause of n >= 2 literals and watches its first two. */
static int store(const int *lits, int n)
{
    int ref = pool.n, i;

    vpush(&pool, n);
    for (i = 0; i < n; i++)
        vpush(&pool, lits[i]);
    vpush(&clauses, ref);
    vpush(&watches[lits[0]], ref);
    vpush(&watches[lits[1]], ref);
    return ref;
}

/* Adds an original clause at level 0, dropping repeated literals and
 * clauses that are always true; units are assigned at once. */
static void add_clause(int *lits, int n)
{
    int i, j, k;

    for (i = k = 0; i < n; i++) {
        for (j = 0; j < k && lits[j] != lits[i]; j++)
            if (lits[j] == (lits[i] ^ 1))
                return;
        if (j == k)
            lits[k++] = lits[i];
    }
    norig++;
    vpush(&orig, k);
    for (i = 0; i < k; i++)
        vpush(&orig, lits[i]);
    if (k == 0)
        empty_clause = 1;
    else if (k == 1 && lit_val(lits[0]) < 0)
        enqueue(lits[0], -1);
    else if (k == 1)
        empty_clause |= lit_val(lits[0]) == 0;
    else
        store(lits, k);
}

/* Unit propagation over the watch lists; returns a conflicting clause
 * or -1. */
static int propagate(void)
{
    int p, i, j, k, n, ref, size, *c, false_lit;
    Vec *ws;

    while (qhead < trail.n) {
        p = trail.v[qhead++];
        false_lit = p ^ 1;
        ws = &watches[false_lit];
        n = ws->n;
        for (i = j = 0; i < n; i++) {
            ref = ws->v[i];
            size = pool.v[ref];
            c = pool.v + ref + 1;
            if (c[0] == false_lit) {
                c[0] = c[1];
                c[1] = false_lit;
            }
            if (lit_val(c[0]) == 1) {
                ws->v[j++] = ref;
                continue;
            }
            for (k = 2; k < size && lit_val(c[k]) == 0; k++)
                ;
            if (k < size) {             /* watch another literal */
                c[1] = c[k];
                c[k] = false_lit;
                vpush(&watches[c[1]], ref);
                continue;
            }
            ws->v[j++] = ref;
            if (lit_val(c[0]) == 0) {   /* conflict: keep the rest */
                while (++i < n)
                    ws->v[j++] = ws->v[i];
                ws->n = j;
                qhead = trail.n;
                return ref;
            }
            enqueue(c[0], ref);
            propagations++;
        }
        ws->n = j;
    }
    return -1;
}

static void bump(int v)
{
    int i;

    activity[v] += bump_inc;
    if (activity[v] > (1ULL << 60)) {
        for (i = 0; i < nvars; i++)
            activity[i] >>= 40;
        bump_inc >>= 40;
    }
}

/* A literal of a learnt clause is redundant if its reason's other
 * literals are all in the clause or fixed at level 0. */
static int redundant(int l)
{
    int ref = reason[l >> 1], i, *c;

    if (ref < 0)
        return 0;
    c = pool.v + ref + 1;
    for (i = 1; i < pool.v[ref]; i++)
        if (!seen[c[i] >> 1] && level[c[i] >> 1] > 0)
            return 0;
    return 1;
}

/* First-UIP conflict analysis: fills learnt (the asserting literal first,
 * a literal of the jump-back level second) and returns that level. */
static int analyze(int confl)
{
    int pending = 0, p = -1, idx = trail.n - 1, i, j, v, q, *c, bt = 0;

    learnt.n = 0;
    vpush(&learnt, 0);
    do {
        c = pool.v + confl + 1;
        for (i = p < 0 ? 0 : 1; i < pool.v[confl]; i++) {
            q = c[i];
            v = q >> 1;
            if (!seen[v] && level[v] > 0) {
                seen[v] = 1;
                bump(v);
                if (level[v] == trail_lim.n)
                    pending++;
                else
                    vpush(&learnt, q);
            }
        }
        while (!seen[trail.v[idx] >> 1])
            idx--;
        p = trail.v[idx--];
        confl = reason[p >> 1];
        seen[p >> 1] = 0;
    } while (--pending > 0);
    learnt.v[0] = p ^ 1;
    dropped.n = 0;
    for (i = j = 1; i < learnt.n; i++)
        if (redundant(learnt.v[i]))
            vpush(&dropped, learnt.v[i]);
        else
            learnt.v[j++] = learnt.v[i];
    learnt.n = j;
    for (i = 1; i < learnt.n; i++)
        seen[learnt.v[i] >> 1] = 0;
    for (i = 0; i < dropped.n; i++)
        seen[dropped.v[i] >> 1] = 0;
    for (i = 1; i < learnt.n; i++)
        if (level[learnt.v[i] >> 1] > bt) {
            bt = level[learnt.v[i] >> 1];
            q = learnt.v[1];
            learnt.v[1] = learnt.v[i];
            learnt.v[i] = q;
        }
    return bt;
}

static void backtrack(int lvl)
{
    int i, v;

    if (trail_lim.n <= lvl)
        return;
    for (i = trail.n - 1; i >= trail_lim.v[lvl]; i--) {
        v = trail.v[i] >> 1;
        phase[v] = val[v];
        val[v] = -1;
    }
    trail.n = qhead = trail_lim.v[lvl];
    trail_lim.n = lvl;
}

/* 1 1 2 1 1 2 4 1 1 2 1 1 2 4 8 ... for i = 1, 2, ... */
static unsigned luby(unsigned i)
{
    unsigned k;

    for (;;) {
        for (k = 1; (1u << k) - 1 < i; k++)
            ;
        if ((1u << k) - 1 == i)
            return 1u << (k - 1);
        i -= (1u << (k - 1)) - 1;
    }
}

/* Returns 1 if satisfiable (val holds a model), 0 if not. */
static int solve(void)
{
    int confl, bt, v, best;
    unsigned long since_restart = 0;

    if (empty_clause || propagate() >= 0)
        return 0;
    for (;;) {
        confl = propagate();
        if (confl >= 0) {
            conflicts++;
            since_restart++;
            if (trail_lim.n == 0)
                return 0;
            bt = analyze(confl);
            backtrack(bt);
            learnt_lits += (unsigned long)learnt.n;
            enqueue(learnt.v[0],
                    learnt.n > 1 ? store(learnt.v, learnt.n) : -1);
            bump_inc += bump_inc / 20;
            continue;
        }
        if (since_restart >= 64 * (unsigned long)luby((unsigned)restarts + 1)) {
            restarts++;
            since_restart = 0;
            backtrack(0);
            continue;
        }
        for (v = 0, best = -1; v < nvars; v++)
            if (val[v] < 0 && (best < 0 || activity[v] > activity[best]))
                best = v;
        if (best < 0)
            return 1;
        decisions++;
        vpush(&trail_lim, trail.n);
        enqueue(2 * best + !phase[best], -1);
    }
}

/* Checks the model in val against the original clauses. */
static int model_ok(void)
{
    int i, j, sat;

    for (i = 0; i < orig.n; i += orig.v[i] + 1) {
        for (j = 1, sat = 0; j <= orig.v[i]; j++)
            sat |= lit_val(orig.v[i + j]) == 1;
        if (!sat)
            return 0;
    }
    return 1;
}

/* Plain DPLL over the original clauses, with unit propagation by
 * scanning them; a holds the partial assignment. */
static int dpll(signed char *a)
{
    signed char *b;
    int i, j, l, unset, free_lit, sat, changed = 1, pick = -1, r = 0;

    while (changed) {
        changed = 0;
        for (i = 0, pick = -1; i < orig.n; i += orig.v[i] + 1) {
            for (j = 1, unset = sat = 0, free_lit = -1; j <= orig.v[i]; j++) {
                l = orig.v[i + j];
                if (a[l >> 1] < 0) {
                    unset++;
                    free_lit = l;
                } else {
                    sat |= a[l >> 1] ^ (l & 1);
                }
            }
            if (sat)
                continue;
            if (unset == 0)
                return 0;
            if (unset == 1) {
                a[free_lit >> 1] = (signed char)!(free_lit & 1);
                changed = 1;
            }
            pick = free_lit;
        }
    }
    if (pick < 0)
        return 1;
    b = xcalloc((size_t)nvars, 1);
    for (i = 0; i < 2 && !r; i++) {
        memcpy(b, a, (size_t)nvars);
        b[pick >> 1] = (signed char)i;
        r = dpll(b);
    }
    free(b);
    return r;
}

/* Parses DIMACS text: comments, the "p cnf" line, clauses ending in 0. */
static int parse(char *text)
{
    char *p = text, *end;
    long x, vars = -1;
    Vec lits = {NULL, 0, 0};

    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
            p++;
        if (*p == '%')          /* end marker of some benchmark files */
            break;
        if (*p == 'c' || *p == 'p') {
            if (*p == 'p' && sscanf(p, "p cnf %ld", &vars) == 1
                && vars >= 0 && vars <= 100000)
                reset((int)vars);
            p += strcspn(p, "\n");
            continue;
        }
        if (*p == '\0')
            break;
        x = strtol(p, &end, 10);
        if (end == p || vars < 0 || x > vars || x < -vars) {
            free(lits.v);
            return 0;
        }
        p = end;
        if (x == 0) {
            add_clause(lits.v, lits.n);
            lits.n = 0;
        } else {
            vpush(&lits, x > 0 ? 2 * (int)(x - 1) : 2 * (int)(-x - 1) + 1);
        }
    }
    if (lits.n > 0)
        add_clause(lits.v, lits.n);
    free(lits.v);
    return vars >= 0;
}

static uint32_t rng_state;

static uint32_t rng_next(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

/* A random 3-SAT instance: three different variables per clause. */
static void random_instance(int vars, int ncl)
{
    int i, c[3];

    reset(vars);
    for (i = 0; i < ncl; i++) {
        c[0] = (int)(rng_next() % (unsigned)vars);
        do
            c[1] = (int)(rng_next() % (unsigned)vars);
        while (c[1] == c[0]);
        do
            c[2] = (int)(rng_next() % (unsigned)vars);
        while (c[2] == c[0] || c[2] == c[1]);
        c[0] = 2 * c[0] + (int)(rng_next() & 1);
        c[1] = 2 * c[1] + (int)(rng_next() & 1);
        c[2] = 2 * c[2] + (int)(rng_next() & 1);
        add_clause(c, 3);
    }
}

static int last_sat;

/* Solves the loaded instance and prints the result; returns 0 if a
 * check failed. */
static int run(const char *name, int show_model)
{
    int sat, ok, dres = -1, i, stored = clauses.n;
    signed char *a;

    if (nvars <= DPLL_MAX_VARS && !empty_clause) {
        a = xcalloc((size_t)nvars, 1);
        memset(a, -1, (size_t)nvars);
        dres = dpll(a);
        free(a);
    }
    last_sat = sat = solve();
    ok = (!sat || model_ok()) && (dres < 0 || dres == sat);
    printf("%s: %d vars, %d clauses: %s", name, nvars, norig,
           sat ? "SAT" : "UNSAT");
    if (sat)
        printf(", model %s", model_ok() ? "checked" : "WRONG");
    if (dres >= 0)
        printf(", DPLL %s", dres == sat ? "agrees" : "DISAGREES");
    printf("\n  decisions %lu, conflicts %lu, propagations %lu, "
           "restarts %lu, learnt %d (%lu literals)\n", decisions, conflicts,
           propagations, restarts, clauses.n - stored, learnt_lits);
    if (sat && show_model) {
        printf("  v");
        for (i = 0; i < nvars; i++)
            printf(" %d", val[i] ? i + 1 : -(i + 1));
        printf(" 0\n");
    }
    return ok;
}

int main(int argc, char **argv)
{
    int i, ok = 1, nsat = 0, count = 0;
    char *text, name[64];
    FILE *f;
    size_t n;

    if (argc == 5 && strcmp(argv[1], "-r") == 0) {
        long vars = strtol(argv[3], NULL, 10);
        count = (int)strtol(argv[4], NULL, 10);
        if (vars < 3 || vars > 2000 || count < 1 || count > 1000) {
            printf("bad arguments\n");
            return 2;
        }
        rng_state = (uint32_t)strtoul(argv[2], NULL, 10) | 1;
        for (i = 0; i < count; i++) {
            random_instance((int)vars, (int)(vars * 426 / 100));
            snprintf(name, sizeof name, "random %d", i + 1);
            ok &= run(name, 0);
            nsat += last_sat;
        }
        printf("%d of %d satisfiable\n", nsat, count);
    } else if (argc >= 2) {
        text = xcalloc(MAX_FILE + 2, 1);
        for (i = 1; i < argc; i++) {
            f = fopen(argv[i], "r");
            if (f == NULL) {
                printf("cannot open %s\n", argv[i]);
                return 2;
            }
            n = fread(text, 1, MAX_FILE + 1, f);
            fclose(f);
            text[n] = '\0';
            if (n > MAX_FILE || !parse(text)) {
                printf("%s: bad DIMACS input\n", argv[i]);
                return 2;
            }
            ok &= run(strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1
                      : argv[i], nvars <= 64);
        }
        free(text);
    } else {
        printf("usage: sat FILE.cnf ... | sat -r SEED VARS COUNT\n");
        return 2;
    }
    reset(0);
    free(pool.v);
    free(clauses.v);
    free(trail.v);
    free(trail_lim.v);
    free(learnt.v);
    free(dropped.v);
    free(orig.v);
    printf("%s\n", ok ? "all checks passed" : "CHECK FAILED");
    return !ok;
}
