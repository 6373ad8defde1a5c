/*
 * regex: a small grep-like regular-expression matcher.
 *
 * Every pattern is tokenised (with explicit concatenation operators),
 * converted to postfix with the shunting-yard method and turned into a
 * Thompson NFA.  Each input line is then searched with three independent
 * matchers whose answers are cross-checked:
 *   - direct NFA simulation (a set of active states per position),
 *   - a lazily built DFA (subset construction with a bounded cache),
 *   - a backtracking matcher working on a syntax tree built from the
 *     same postfix form (with a step budget).
 * For each matching line the leftmost-longest match is also computed,
 * both by the NFA and by the backtracker.
 *
 * Syntax: literals, '.', '*', '+', '?', '|', '(', ')', bracket classes
 * "[abc]", "[a-z]", "[^...]", anchors '^' and '$', escapes "\." etc. and
 * the class escapes \d \w \s (and \D \W \S).
 *
 * Usage:
 *   regex PATTERNFILE TEXTFILE      (TEXTFILE "-" reads standard input)
 *   regex PATTERNFILE -gen SEED NLINES
 * The pattern file holds one pattern per line; empty lines and lines
 * starting with '#' are skipped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned long long u64;

#define MAX_LINE 512
#define MAX_PATTERN 256
#define MAX_CLASSES 128
#define MAX_TOKENS (4 * MAX_PATTERN + 8)
#define DFA_MAX_STATES 1024
#define BT_BUDGET 200000L
#define SHOW_LINES 24

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return q;
}

/* ================= character sets ================= */

typedef struct {
    unsigned int bits[8];
} CharSet;

static void cs_clear(CharSet *s)
{
    memset(s->bits, 0, sizeof s->bits);
}

static void cs_add(CharSet *s, int c)
{
    s->bits[(c >> 5) & 7] |= 1u << (c & 31);
}

static void cs_add_range(CharSet *s, int lo, int hi)
{
    int c;
    for (c = lo; c <= hi; c++)
        cs_add(s, c);
}

static int cs_has(const CharSet *s, int c)
{
    return (int)((s->bits[(c >> 5) & 7] >> (c & 31)) & 1u);
}

static void cs_invert(CharSet *s)
{
    int i;
    for (i = 0; i < 8; i++)
        s->bits[i] = ~s->bits[i];
}

/* ================= parsing ================= */

enum {
    TK_CHAR,   /* consumes one character of a class */
    TK_BOL,    /* ^ */
    TK_EOL,    /* $ */
    TK_EMPTY,  /* matches the empty string */
    TK_CAT,
    TK_ALT,
    TK_STAR,
    TK_PLUS,
    TK_QUEST,
    TK_LPAREN,
    TK_RPAREN
};

typedef struct {
    int type;
    int cls;
} Token;

typedef struct {
    char source[MAX_PATTERN + 1];
    CharSet classes[MAX_CLASSES];
    int class_from[MAX_CLASSES]; /* source text of each class */
    int class_len[MAX_CLASSES];
    int nclasses;
    Token postfix[MAX_TOKENS];
    int npostfix;
    const char *error;
} Pattern;

static int new_class(Pattern *p, int from, int len)
{
    if (p->nclasses >= MAX_CLASSES) {
        p->error = "too many character classes";
        return -1;
    }
    cs_clear(&p->classes[p->nclasses]);
    p->class_from[p->nclasses] = from;
    p->class_len[p->nclasses] = len;
    return p->nclasses++;
}

/* Adds the set named by a class escape letter; returns 0 if the letter is
 * not a class escape. */
static int class_escape(CharSet *s, int e)
{
    CharSet t;
    cs_clear(&t);
    switch (e) {
    case 'd': case 'D':
        cs_add_range(&t, '0', '9');
        break;
    case 'w': case 'W':
        cs_add_range(&t, 'a', 'z');
        cs_add_range(&t, 'A', 'Z');
        cs_add_range(&t, '0', '9');
        cs_add(&t, '_');
        break;
    case 's': case 'S':
        cs_add(&t, ' ');
        cs_add(&t, '\t');
        cs_add(&t, '\r');
        cs_add(&t, '\n');
        cs_add(&t, '\v');
        cs_add(&t, '\f');
        break;
    default:
        return 0;
    }
    if (e == 'D' || e == 'W' || e == 'S')
        cs_invert(&t);
    {
        int i;
        for (i = 0; i < 8; i++)
            s->bits[i] |= t.bits[i];
    }
    return 1;
}

static int escaped_char(int e)
{
    switch (e) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    default: return e;
    }
}

/* Parses a bracket expression starting at s[*pos] == '['. */
static int parse_bracket(Pattern *p, const char *s, int *pos)
{
    int start = *pos, i = *pos + 1, negate = 0, first = 1, cls;
    CharSet set;
    cs_clear(&set);
    if (s[i] == '^') {
        negate = 1;
        i++;
    }
    for (;;) {
        int lo, hi;
        if (s[i] == '\0') {
            p->error = "unterminated bracket expression";
            return -1;
        }
        if (s[i] == ']' && !first)
            break;
        first = 0;
        if (s[i] == '\\' && s[i + 1] != '\0') {
            if (class_escape(&set, (unsigned char)s[i + 1])) {
                i += 2;
                continue;
            }
            lo = escaped_char((unsigned char)s[i + 1]);
            i += 2;
        } else {
            lo = (unsigned char)s[i];
            i++;
        }
        hi = lo;
        if (s[i] == '-' && s[i + 1] != ']' && s[i + 1] != '\0') {
            if (s[i + 1] == '\\' && s[i + 2] != '\0') {
                hi = escaped_char((unsigned char)s[i + 2]);
                i += 3;
            } else {
                hi = (unsigned char)s[i + 1];
                i += 2;
            }
            if (hi < lo) {
                p->error = "reversed range in bracket expression";
                return -1;
            }
        }
        cs_add_range(&set, lo, hi);
    }
    if (negate)
        cs_invert(&set);
    *pos = i + 1;
    cls = new_class(p, start, *pos - start);
    if (cls >= 0)
        p->classes[cls] = set;
    return cls;
}

static void emit(Token *out, int *n, int type)
{
    out[*n].type = type;
    out[*n].cls = -1;
    (*n)++;
}

/* Converts the pattern into infix tokens with explicit concatenation. */
static int tokenize(Pattern *p, Token *out)
{
    const char *s = p->source;
    int pos = 0, n = 0, operand = 0, depth = 0;

    while (s[pos] != '\0') {
        int c = (unsigned char)s[pos];
        Token atom;
        int is_atom = 1;
        atom.cls = -1;
        switch (c) {
        case '(':
            if (operand)
                emit(out, &n, TK_CAT);
            emit(out, &n, TK_LPAREN);
            operand = 0;
            depth++;
            pos++;
            is_atom = 0;
            break;
        case ')':
            if (depth == 0) {
                p->error = "unmatched ')'";
                return -1;
            }
            if (!operand)
                emit(out, &n, TK_EMPTY);
            emit(out, &n, TK_RPAREN);
            operand = 1;
            depth--;
            pos++;
            is_atom = 0;
            break;
        case '|':
            if (!operand)
                emit(out, &n, TK_EMPTY);
            emit(out, &n, TK_ALT);
            operand = 0;
            pos++;
            is_atom = 0;
            break;
        case '*':
        case '+':
        case '?':
            if (!operand) {
                p->error = "repetition operator without operand";
                return -1;
            }
            emit(out, &n, c == '*' ? TK_STAR : c == '+' ? TK_PLUS : TK_QUEST);
            pos++;
            is_atom = 0;
            break;
        case '^':
            atom.type = TK_BOL;
            pos++;
            break;
        case '$':
            atom.type = TK_EOL;
            pos++;
            break;
        case '.':
            atom.type = TK_CHAR;
            atom.cls = new_class(p, pos, 1);
            if (atom.cls >= 0) {
                cs_clear(&p->classes[atom.cls]);
                cs_invert(&p->classes[atom.cls]);
            }
            pos++;
            break;
        case '[':
            atom.type = TK_CHAR;
            atom.cls = parse_bracket(p, s, &pos);
            break;
        case '\\':
            if (s[pos + 1] == '\0') {
                p->error = "trailing backslash";
                return -1;
            }
            atom.type = TK_CHAR;
            atom.cls = new_class(p, pos, 2);
            if (atom.cls >= 0 &&
                !class_escape(&p->classes[atom.cls], (unsigned char)s[pos + 1]))
                cs_add(&p->classes[atom.cls],
                       escaped_char((unsigned char)s[pos + 1]));
            pos += 2;
            break;
        default:
            atom.type = TK_CHAR;
            atom.cls = new_class(p, pos, 1);
            if (atom.cls >= 0)
                cs_add(&p->classes[atom.cls], c);
            pos++;
            break;
        }
        if (p->error)
            return -1;
        if (is_atom) {
            if (operand)
                emit(out, &n, TK_CAT);
            out[n++] = atom;
            operand = 1;
        }
    }
    if (depth != 0) {
        p->error = "unmatched '('";
        return -1;
    }
    if (!operand)
        emit(out, &n, TK_EMPTY);
    return n;
}

static int precedence(int type)
{
    return type == TK_ALT ? 1 : type == TK_CAT ? 2 : 0;
}

/* Shunting-yard conversion of the infix tokens to postfix. */
static int to_postfix(Pattern *p)
{
    Token infix[MAX_TOKENS];
    Token stack[MAX_TOKENS];
    int n, i, sp = 0, out = 0, depth;

    p->nclasses = 0;
    p->error = NULL;
    n = tokenize(p, infix);
    if (n < 0)
        return -1;
    for (i = 0; i < n; i++) {
        Token t = infix[i];
        switch (t.type) {
        case TK_CHAR: case TK_BOL: case TK_EOL: case TK_EMPTY:
        case TK_STAR: case TK_PLUS: case TK_QUEST:
            p->postfix[out++] = t;
            break;
        case TK_LPAREN:
            stack[sp++] = t;
            break;
        case TK_RPAREN:
            while (sp > 0 && stack[sp - 1].type != TK_LPAREN)
                p->postfix[out++] = stack[--sp];
            if (sp == 0) {
                p->error = "unmatched ')'";
                return -1;
            }
            sp--;
            break;
        default: /* binary operator */
            while (sp > 0 && stack[sp - 1].type != TK_LPAREN &&
                   precedence(stack[sp - 1].type) >= precedence(t.type))
                p->postfix[out++] = stack[--sp];
            stack[sp++] = t;
            break;
        }
    }
    while (sp > 0) {
        if (stack[sp - 1].type == TK_LPAREN) {
            p->error = "unmatched '('";
            return -1;
        }
        p->postfix[out++] = stack[--sp];
    }
    p->npostfix = out;

    /* the postfix form must reduce to exactly one operand */
    depth = 0;
    for (i = 0; i < out; i++) {
        switch (p->postfix[i].type) {
        case TK_CAT: case TK_ALT:
            depth--;
            break;
        case TK_STAR: case TK_PLUS: case TK_QUEST:
            break;
        default:
            depth++;
        }
        if (depth < 1) {
            p->error = "malformed expression";
            return -1;
        }
    }
    if (depth != 1) {
        p->error = "malformed expression";
        return -1;
    }
    return 0;
}

static void print_postfix(const Pattern *p)
{
    int i;
    for (i = 0; i < p->npostfix; i++) {
        const Token *t = &p->postfix[i];
        switch (t->type) {
        case TK_CHAR:
            printf("%.*s", p->class_len[t->cls], p->source + p->class_from[t->cls]);
            break;
        case TK_BOL: putchar('^'); break;
        case TK_EOL: putchar('$'); break;
        case TK_EMPTY: fputs("()", stdout); break;
        case TK_CAT: putchar('~'); break;
        case TK_ALT: putchar('|'); break;
        case TK_STAR: putchar('*'); break;
        case TK_PLUS: putchar('+'); break;
        case TK_QUEST: putchar('?'); break;
        }
        if (i + 1 < p->npostfix)
            putchar(' ');
    }
}

/* ================= Thompson NFA ================= */

enum { S_CHAR, S_SPLIT, S_BOL, S_EOL, S_EPS, S_MATCH };

typedef struct {
    int type;
    int cls;
    int out;
    int out1;
} NState;

typedef struct {
    int state;
    int which;
    int next;
} Patch;

typedef struct {
    int start;
    int head; /* list of dangling exits (indices into the patch pool) */
    int tail;
} Frag;

typedef struct {
    NState *states;
    int nstates;
    int start;
    Patch *patches;
    int npatches;
    int cap;
} Nfa;

static int nfa_state(Nfa *nfa, int type, int cls, int out, int out1)
{
    NState *s = &nfa->states[nfa->nstates];
    s->type = type;
    s->cls = cls;
    s->out = out;
    s->out1 = out1;
    return nfa->nstates++;
}

static int patch_new(Nfa *nfa, int state, int which)
{
    Patch *pt = &nfa->patches[nfa->npatches];
    pt->state = state;
    pt->which = which;
    pt->next = -1;
    return nfa->npatches++;
}

static Frag frag_make(int start, int patch)
{
    Frag f;
    f.start = start;
    f.head = patch;
    f.tail = patch;
    return f;
}

static void frag_connect(Nfa *nfa, const Frag *f, int target)
{
    int i;
    for (i = f->head; i >= 0; i = nfa->patches[i].next) {
        NState *s = &nfa->states[nfa->patches[i].state];
        if (nfa->patches[i].which)
            s->out1 = target;
        else
            s->out = target;
    }
}

static Frag frag_join(Nfa *nfa, int start, Frag a, Frag b)
{
    Frag f;
    nfa->patches[a.tail].next = b.head;
    f.start = start;
    f.head = a.head;
    f.tail = b.tail;
    return f;
}

static void nfa_build(Nfa *nfa, const Pattern *p)
{
    Frag *stack = xmalloc((size_t)(p->npostfix + 1) * sizeof *stack);
    int sp = 0, i, s;
    Frag a, b;

    nfa->cap = p->npostfix + 2;
    nfa->states = xmalloc((size_t)nfa->cap * sizeof *nfa->states);
    nfa->patches = xmalloc((size_t)(2 * nfa->cap) * sizeof *nfa->patches);
    nfa->nstates = 0;
    nfa->npatches = 0;

    for (i = 0; i < p->npostfix; i++) {
        const Token *t = &p->postfix[i];
        switch (t->type) {
        case TK_CHAR:
            s = nfa_state(nfa, S_CHAR, t->cls, -1, -1);
            stack[sp++] = frag_make(s, patch_new(nfa, s, 0));
            break;
        case TK_BOL:
        case TK_EOL:
        case TK_EMPTY:
            s = nfa_state(nfa, t->type == TK_BOL ? S_BOL :
                               t->type == TK_EOL ? S_EOL : S_EPS, -1, -1, -1);
            stack[sp++] = frag_make(s, patch_new(nfa, s, 0));
            break;
        case TK_CAT:
            b = stack[--sp];
            a = stack[--sp];
            frag_connect(nfa, &a, b.start);
            a.head = b.head;
            a.tail = b.tail;
            stack[sp++] = a;
            break;
        case TK_ALT:
            b = stack[--sp];
            a = stack[--sp];
            s = nfa_state(nfa, S_SPLIT, -1, a.start, b.start);
            stack[sp++] = frag_join(nfa, s, a, b);
            break;
        case TK_QUEST:
            a = stack[--sp];
            s = nfa_state(nfa, S_SPLIT, -1, a.start, -1);
            stack[sp++] = frag_join(nfa, s, a, frag_make(s, patch_new(nfa, s, 1)));
            break;
        case TK_STAR:
            a = stack[--sp];
            s = nfa_state(nfa, S_SPLIT, -1, a.start, -1);
            frag_connect(nfa, &a, s);
            stack[sp++] = frag_make(s, patch_new(nfa, s, 1));
            break;
        case TK_PLUS:
            a = stack[--sp];
            s = nfa_state(nfa, S_SPLIT, -1, a.start, -1);
            frag_connect(nfa, &a, s);
            stack[sp++] = frag_make(a.start, patch_new(nfa, s, 1));
            break;
        }
    }
    a = stack[--sp];
    s = nfa_state(nfa, S_MATCH, -1, -1, -1);
    frag_connect(nfa, &a, s);
    nfa->start = a.start;
    free(stack);
}

static void nfa_free(Nfa *nfa)
{
    free(nfa->states);
    free(nfa->patches);
}

/* A set of NFA states, with a generation mark per state for O(1)
 * membership tests. */
typedef struct {
    int *list;
    int n;
    int matched;
} StateList;

typedef struct {
    const Nfa *nfa;
    const Pattern *pat;
    unsigned int *mark;
    unsigned int gen;
    int *stack;
} Sim;

static void sim_init(Sim *sim, const Nfa *nfa, const Pattern *pat)
{
    sim->nfa = nfa;
    sim->pat = pat;
    sim->mark = xmalloc((size_t)nfa->nstates * sizeof *sim->mark);
    memset(sim->mark, 0, (size_t)nfa->nstates * sizeof *sim->mark);
    sim->gen = 0;
    sim->stack = xmalloc((size_t)(2 * nfa->nstates + 2) * sizeof *sim->stack);
}

static void sim_free(Sim *sim)
{
    free(sim->mark);
    free(sim->stack);
}

static void sim_new_generation(Sim *sim, StateList *l)
{
    sim->gen++;
    l->n = 0;
    l->matched = 0;
}

/* Adds state s and everything reachable from it by empty moves.  The
 * assertions ^ and $ are passed only when at_begin / at_end hold; when
 * keep_eol is set, $ states that cannot be passed are kept in the set
 * (used by the DFA, which decides about the end of line later). */
static void sim_add(Sim *sim, StateList *l, int s, int at_begin, int at_end,
                    int keep_eol)
{
    int sp = 0;
    sim->stack[sp++] = s;
    while (sp > 0) {
        const NState *st;
        s = sim->stack[--sp];
        if (s < 0 || sim->mark[s] == sim->gen)
            continue;
        sim->mark[s] = sim->gen;
        st = &sim->nfa->states[s];
        switch (st->type) {
        case S_SPLIT:
            /* push out1 first so that out is explored first */
            sim->stack[sp++] = st->out1;
            sim->stack[sp++] = st->out;
            break;
        case S_EPS:
            sim->stack[sp++] = st->out;
            break;
        case S_BOL:
            if (at_begin)
                sim->stack[sp++] = st->out;
            break;
        case S_EOL:
            if (at_end)
                sim->stack[sp++] = st->out;
            else if (keep_eol)
                l->list[l->n++] = s;
            break;
        case S_MATCH:
            l->matched = 1;
            l->list[l->n++] = s;
            break;
        default:
            l->list[l->n++] = s;
            break;
        }
    }
}

/* Moves every character state of cur over character c into next. */
static void sim_step(Sim *sim, const StateList *cur, StateList *next, int c,
                     int at_end)
{
    int i;
    sim_new_generation(sim, next);
    for (i = 0; i < cur->n; i++) {
        const NState *st = &sim->nfa->states[cur->list[i]];
        if (st->type == S_CHAR && cs_has(&sim->pat->classes[st->cls], c))
            sim_add(sim, next, st->out, 0, at_end, 0);
    }
}

/* Does the pattern match anywhere in the line? */
static int nfa_search(Sim *sim, const unsigned char *line, int len,
                      StateList *a, StateList *b)
{
    int pos;
    StateList *cur = a, *nxt = b, *tmp;
    sim_new_generation(sim, cur);
    for (pos = 0;; pos++) {
        sim_add(sim, cur, sim->nfa->start, pos == 0, pos == len, 0);
        if (cur->matched)
            return 1;
        if (pos == len)
            return 0;
        sim_step(sim, cur, nxt, line[pos], pos + 1 == len);
        tmp = cur;
        cur = nxt;
        nxt = tmp;
    }
}

/* End of the longest match starting exactly at 'from', or -1. */
static int nfa_longest_at(Sim *sim, const unsigned char *line, int len,
                          int from, StateList *a, StateList *b)
{
    int pos, best = -1;
    StateList *cur = a, *nxt = b, *tmp;
    sim_new_generation(sim, cur);
    sim_add(sim, cur, sim->nfa->start, from == 0, from == len, 0);
    for (pos = from;; pos++) {
        if (cur->matched)
            best = pos;
        if (pos == len || cur->n == 0)
            return best;
        sim_step(sim, cur, nxt, line[pos], pos + 1 == len);
        tmp = cur;
        cur = nxt;
        nxt = tmp;
    }
}

/* ================= lazy DFA ================= */

typedef struct {
    int *set;      /* sorted NFA state numbers */
    int n;
    int matched;
    int next[256]; /* -1: not computed yet */
} DState;

typedef struct {
    DState *states;
    int nstates;
    int *table;    /* open-addressing hash table of state numbers */
    int table_size;
    int start;     /* state at the beginning of a line, or -1 */
    int flushes;
    int created;
    Sim *sim;
    StateList tmp;
} Dfa;

static unsigned int set_hash(const int *set, int n)
{
    unsigned int h = 2166136261u;
    int i;
    for (i = 0; i < n; i++) {
        h ^= (unsigned int)set[i];
        h *= 16777619u;
    }
    return h;
}

static void dfa_init(Dfa *d, Sim *sim)
{
    int i;
    d->states = xmalloc(DFA_MAX_STATES * sizeof *d->states);
    d->nstates = 0;
    d->table_size = 4 * DFA_MAX_STATES;
    d->table = xmalloc((size_t)d->table_size * sizeof *d->table);
    for (i = 0; i < d->table_size; i++)
        d->table[i] = -1;
    d->start = -1;
    d->flushes = 0;
    d->created = 0;
    d->sim = sim;
    d->tmp.list = xmalloc((size_t)(sim->nfa->nstates + 1) * sizeof(int));
}

static void dfa_flush(Dfa *d)
{
    int i;
    for (i = 0; i < d->nstates; i++)
        free(d->states[i].set);
    for (i = 0; i < d->table_size; i++)
        d->table[i] = -1;
    d->nstates = 0;
    d->start = -1;
    d->flushes++;
}

static void dfa_free(Dfa *d)
{
    int i;
    for (i = 0; i < d->nstates; i++)
        free(d->states[i].set);
    free(d->states);
    free(d->table);
    free(d->tmp.list);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Finds or creates the DFA state for the set in d->tmp (sorted here).
 * Returns -1 if the cache is full. */
static int dfa_lookup(Dfa *d)
{
    unsigned int h;
    int slot, i;
    DState *ds;
    qsort(d->tmp.list, (size_t)d->tmp.n, sizeof(int), cmp_int);
    h = set_hash(d->tmp.list, d->tmp.n);
    slot = (int)(h % (unsigned int)d->table_size);
    while (d->table[slot] >= 0) {
        ds = &d->states[d->table[slot]];
        if (ds->n == d->tmp.n &&
            memcmp(ds->set, d->tmp.list, (size_t)ds->n * sizeof(int)) == 0)
            return d->table[slot];
        slot = (slot + 1) % d->table_size;
    }
    if (d->nstates == DFA_MAX_STATES)
        return -1;
    ds = &d->states[d->nstates];
    ds->n = d->tmp.n;
    ds->set = xmalloc((size_t)(ds->n + 1) * sizeof(int));
    memcpy(ds->set, d->tmp.list, (size_t)ds->n * sizeof(int));
    ds->matched = d->tmp.matched;
    for (i = 0; i < 256; i++)
        ds->next[i] = -1;
    d->table[slot] = d->nstates;
    d->created++;
    return d->nstates++;
}

static int dfa_start(Dfa *d)
{
    if (d->start < 0) {
        sim_new_generation(d->sim, &d->tmp);
        sim_add(d->sim, &d->tmp, d->sim->nfa->start, 1, 0, 1);
        d->start = dfa_lookup(d);
    }
    return d->start;
}

/* Computes the successor set of the set (src, n) on character c, always
 * including a fresh start of the search (the search is unanchored). */
static void dfa_successor(Dfa *d, const int *src, int n, int c)
{
    Sim *sim = d->sim;
    int i;
    sim_new_generation(sim, &d->tmp);
    for (i = 0; i < n; i++) {
        const NState *st = &sim->nfa->states[src[i]];
        if (st->type == S_CHAR && cs_has(&sim->pat->classes[st->cls], c))
            sim_add(sim, &d->tmp, st->out, 0, 0, 1);
    }
    sim_add(sim, &d->tmp, sim->nfa->start, 0, 0, 1);
}

static int dfa_next(Dfa *d, int s, int c)
{
    int t = d->states[s].next[c];
    int *copy, n, i;
    if (t >= 0)
        return t;
    dfa_successor(d, d->states[s].set, d->states[s].n, c);
    t = dfa_lookup(d);
    if (t >= 0) {
        d->states[s].next[c] = t;
        return t;
    }
    /* cache full: start over, keeping only the current state */
    n = d->states[s].n;
    copy = xmalloc((size_t)(n + 1) * sizeof(int));
    memcpy(copy, d->states[s].set, (size_t)n * sizeof(int));
    dfa_flush(d);
    memcpy(d->tmp.list, copy, (size_t)n * sizeof(int));
    d->tmp.n = n;
    d->tmp.matched = 0;
    for (i = 0; i < n; i++)
        if (d->sim->nfa->states[copy[i]].type == S_MATCH)
            d->tmp.matched = 1;
    s = dfa_lookup(d);
    dfa_successor(d, copy, n, c);
    t = dfa_lookup(d);
    d->states[s].next[c] = t;
    free(copy);
    return t;
}

/* Do the $ states kept in the set lead to a match at the end of line? */
static int dfa_accepts_at_end(Dfa *d, int s, int at_begin)
{
    const DState *ds = &d->states[s];
    Sim *sim = d->sim;
    int i;
    sim_new_generation(sim, &d->tmp);
    for (i = 0; i < ds->n; i++) {
        const NState *st = &sim->nfa->states[ds->set[i]];
        if (st->type == S_EOL)
            sim_add(sim, &d->tmp, st->out, at_begin, 1, 0);
    }
    return d->tmp.matched;
}

static int dfa_search(Dfa *d, const unsigned char *line, int len)
{
    int s = dfa_start(d), pos;
    for (pos = 0; pos < len; pos++) {
        if (d->states[s].matched)
            return 1;
        s = dfa_next(d, s, line[pos]);
    }
    if (d->states[s].matched)
        return 1;
    return dfa_accepts_at_end(d, s, len == 0);
}

/* ================= backtracking matcher ================= */

enum { N_CHAR, N_BOL, N_EOL, N_EMPTY, N_CAT, N_ALT, N_STAR, N_PLUS, N_QUEST };

typedef struct {
    int type;
    int cls;
    int left;
    int right;
} Node;

typedef struct Cont {
    int node;
    int loop;  /* 1: re-enter the repetition 'node' */
    int guard; /* position at which the current iteration started */
    const struct Cont *next;
} Cont;

typedef struct {
    const Node *nodes;
    const Pattern *pat;
    const unsigned char *line;
    int len;
    long steps;
    long budget;
    int aborted;
    int longest; /* 0: stop at the first match; 1: find the longest end */
    int best;
} Bt;

static int tree_build(const Pattern *p, Node *nodes)
{
    int *stack = xmalloc((size_t)(p->npostfix + 1) * sizeof *stack);
    int sp = 0, i, root;
    for (i = 0; i < p->npostfix; i++) {
        const Token *t = &p->postfix[i];
        Node *nd = &nodes[i];
        nd->cls = t->cls;
        nd->left = nd->right = -1;
        switch (t->type) {
        case TK_CHAR: nd->type = N_CHAR; break;
        case TK_BOL: nd->type = N_BOL; break;
        case TK_EOL: nd->type = N_EOL; break;
        case TK_EMPTY: nd->type = N_EMPTY; break;
        case TK_CAT:
        case TK_ALT:
            nd->type = t->type == TK_CAT ? N_CAT : N_ALT;
            nd->right = stack[--sp];
            nd->left = stack[--sp];
            break;
        default:
            nd->type = t->type == TK_STAR ? N_STAR :
                       t->type == TK_PLUS ? N_PLUS : N_QUEST;
            nd->left = stack[--sp];
            break;
        }
        stack[sp++] = i;
    }
    root = stack[0];
    free(stack);
    return root;
}

static int bt_node(Bt *b, int node, int pos, const Cont *k);

static int bt_continue(Bt *b, int pos, const Cont *k);

static int bt_repeat(Bt *b, int node, int pos, const Cont *k)
{
    Cont c;
    int r;
    c.node = node;
    c.loop = 1;
    c.guard = pos;
    c.next = k;
    r = bt_node(b, b->nodes[node].left, pos, &c);
    if (r)
        return r;
    return bt_continue(b, pos, k);
}

static int bt_continue(Bt *b, int pos, const Cont *k)
{
    if (k == NULL) {
        if (!b->longest)
            return 1;
        if (pos > b->best)
            b->best = pos;
        return 0;
    }
    if (!k->loop)
        return bt_node(b, k->node, pos, k->next);
    /* an iteration that consumed nothing ends the repetition */
    if (pos == k->guard)
        return bt_continue(b, pos, k->next);
    return bt_repeat(b, k->node, pos, k->next);
}

static int bt_node(Bt *b, int node, int pos, const Cont *k)
{
    const Node *nd = &b->nodes[node];
    Cont c;
    int r;
    if (++b->steps > b->budget) {
        b->aborted = 1;
        return 1; /* unwind; the caller checks 'aborted' */
    }
    switch (nd->type) {
    case N_CHAR:
        if (pos < b->len && cs_has(&b->pat->classes[nd->cls], b->line[pos]))
            return bt_continue(b, pos + 1, k);
        return 0;
    case N_BOL:
        return pos == 0 ? bt_continue(b, pos, k) : 0;
    case N_EOL:
        return pos == b->len ? bt_continue(b, pos, k) : 0;
    case N_EMPTY:
        return bt_continue(b, pos, k);
    case N_CAT:
        c.node = nd->right;
        c.loop = 0;
        c.guard = -1;
        c.next = k;
        return bt_node(b, nd->left, pos, &c);
    case N_ALT:
        r = bt_node(b, nd->left, pos, k);
        if (r)
            return r;
        return bt_node(b, nd->right, pos, k);
    case N_QUEST:
        r = bt_node(b, nd->left, pos, k);
        if (r)
            return r;
        return bt_continue(b, pos, k);
    case N_STAR:
        return bt_repeat(b, node, pos, k);
    case N_PLUS:
        c.node = node;
        c.loop = 1;
        c.guard = pos;
        c.next = k;
        return bt_node(b, nd->left, pos, &c);
    }
    return 0;
}

/* Leftmost match: returns the start (or -1) and stores the end of the
 * longest match from that start when want_end is set.  Sets b->aborted
 * when the step budget ran out. */
static int bt_search(Bt *b, int root, int want_end, int *end)
{
    int s;
    b->steps = 0;
    b->aborted = 0;
    for (s = 0; s <= b->len; s++) {
        int r;
        b->longest = 0;
        r = bt_node(b, root, s, NULL);
        if (b->aborted)
            return -1;
        if (r) {
            if (want_end) {
                b->longest = 1;
                b->best = -1;
                bt_node(b, root, s, NULL);
                if (b->aborted)
                    return -1;
                *end = b->best;
            }
            return s;
        }
    }
    return -1;
}

/* ================= input ================= */

typedef struct {
    char **lines;
    int n;
    int cap;
} Lines;

static void lines_push(Lines *ls, const char *s, size_t len)
{
    if (ls->n == ls->cap) {
        ls->cap = ls->cap ? ls->cap * 2 : 64;
        ls->lines = xrealloc(ls->lines, (size_t)ls->cap * sizeof *ls->lines);
    }
    if (len > MAX_LINE)
        len = MAX_LINE;
    ls->lines[ls->n] = xmalloc(len + 1);
    memcpy(ls->lines[ls->n], s, len);
    ls->lines[ls->n][len] = '\0';
    ls->n++;
}

static void read_lines(FILE *f, Lines *ls)
{
    char buf[MAX_LINE + 2];
    size_t len = 0;
    int c, overflow = 0;
    for (;;) {
        c = getc(f);
        if (c == EOF || c == '\n') {
            if (c == EOF && len == 0 && !overflow)
                break;
            if (len > 0 && buf[len - 1] == '\r')
                len--;
            lines_push(ls, buf, len);
            len = 0;
            overflow = 0;
            if (c == EOF)
                break;
        } else if (len < MAX_LINE) {
            buf[len++] = (char)c;
        } else {
            overflow = 1;
        }
    }
}

static u64 rng_state;

static unsigned int rng_next(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned int)(rng_state >> 33);
}

static const char *const vocabulary[] = {
    "alpha", "beta", "gamma", "delta", "error", "warning", "info", "debug",
    "request", "response", "timeout", "retry", "cache", "miss", "hit",
    "user", "admin", "guest", "login", "logout", "file", "open", "close",
    "read", "write", "abc", "aaa", "abab", "xyz", "foo", "bar", "baz",
    "colour", "color", "grey", "gray", "the", "and", "or", "not"
};

/* Generates log-like lines: words, numbers, dates and punctuation. */
static void generate_lines(u64 seed, int n, Lines *ls)
{
    char buf[MAX_LINE + 1];
    int i;
    int nv = (int)(sizeof vocabulary / sizeof vocabulary[0]);
    rng_state = seed;
    for (i = 0; i < n; i++) {
        int len = 0, words = 2 + (int)(rng_next() % 9), w;
        if (rng_next() % 4 == 0) {
            unsigned int month = 1 + rng_next() % 12;
            unsigned int day = 1 + rng_next() % 28;
            len += sprintf(buf + len, "2024-%02u-%02u ", month, day);
        }
        for (w = 0; w < words && len < MAX_LINE - 40; w++) {
            unsigned int r = rng_next() % 10;
            if (w > 0)
                buf[len++] = ' ';
            if (r < 6) {
                len += sprintf(buf + len, "%s", vocabulary[rng_next() % (unsigned int)nv]);
            } else if (r < 8) {
                len += sprintf(buf + len, "%u", rng_next() % 100000);
            } else if (r < 9) {
                const char *word = vocabulary[rng_next() % (unsigned int)nv];
                unsigned int value = rng_next() % 1000;
                len += sprintf(buf + len, "%s=%u", word, value);
            } else {
                int k, m = 1 + (int)(rng_next() % 6);
                for (k = 0; k < m; k++)
                    buf[len++] = (char)('a' + rng_next() % 3);
            }
        }
        if (rng_next() % 3 == 0)
            buf[len++] = '.';
        lines_push(ls, buf, (size_t)len);
    }
}

/* ================= driver ================= */

typedef struct {
    long nfa_matches;
    long dfa_states;
    long dfa_flushes;
    long bt_aborted;
    long mismatches;
} Totals;

static void run_pattern(int index, Pattern *p, const Lines *text, int verbose,
                        Totals *tot)
{
    Nfa nfa;
    Sim sim;
    Dfa dfa;
    Node *nodes;
    Bt bt;
    StateList la, lb;
    int root, i, shown = 0, first_line = -1, first_s = 0, first_e = 0;
    long count = 0, aborted = 0, mism = 0;
    u64 digest = 0;

    printf("pattern %d: /%s/", index, p->source);
    if (to_postfix(p) < 0) {
        printf(" error: %s\n", p->error);
        return;
    }
    nfa_build(&nfa, p);
    printf(" nfa=%d states\n", nfa.nstates);
    if (verbose) {
        fputs("  postfix: ", stdout);
        print_postfix(p);
        putchar('\n');
    }

    sim_init(&sim, &nfa, p);
    dfa_init(&dfa, &sim);
    la.list = xmalloc((size_t)(nfa.nstates + 1) * sizeof(int));
    lb.list = xmalloc((size_t)(nfa.nstates + 1) * sizeof(int));
    nodes = xmalloc((size_t)p->npostfix * sizeof *nodes);
    root = tree_build(p, nodes);
    bt.nodes = nodes;
    bt.pat = p;
    bt.budget = BT_BUDGET;

    fputs("  lines:", stdout);
    for (i = 0; i < text->n; i++) {
        const unsigned char *line = (const unsigned char *)text->lines[i];
        int len = (int)strlen(text->lines[i]);
        int m1 = nfa_search(&sim, line, len, &la, &lb);
        int m2 = dfa_search(&dfa, line, len);
        int bs, be = -1;
        bt.line = line;
        bt.len = len;
        bs = bt_search(&bt, root, m1, &be);
        if (m1 != m2)
            mism++;
        if (bt.aborted)
            aborted++;
        else if ((bs >= 0) != m1)
            mism++;
        if (m1) {
            int s, e = -1;
            for (s = 0; s <= len; s++) {
                e = nfa_longest_at(&sim, line, len, s, &la, &lb);
                if (e >= 0)
                    break;
            }
            if (!bt.aborted && (bs != s || be != e))
                mism++;
            count++;
            digest = (digest ^ (u64)(i + 1)) * 0x100000001b3ULL;
            digest = (digest ^ (u64)(s * 1000 + e)) * 0x100000001b3ULL;
            if (first_line < 0) {
                first_line = i;
                first_s = s;
                first_e = e;
            }
            if (shown < SHOW_LINES) {
                printf(" %d", i + 1);
                shown++;
            } else if (shown == SHOW_LINES) {
                fputs(" ...", stdout);
                shown++;
            }
        }
    }
    if (count == 0)
        fputs(" none", stdout);
    putchar('\n');
    printf("  count=%ld digest=%016llx", count, digest);
    if (first_line >= 0)
        printf(" first=%d:%d-%d \"%.*s\"", first_line + 1, first_s, first_e,
               first_e - first_s > 40 ? 40 : first_e - first_s,
               text->lines[first_line] + first_s);
    putchar('\n');
    printf("  dfa states=%d flushes=%d, backtrack aborted=%ld, mismatches=%ld\n",
           dfa.created, dfa.flushes, aborted, mism);

    tot->nfa_matches += count;
    tot->dfa_states += dfa.created;
    tot->dfa_flushes += dfa.flushes;
    tot->bt_aborted += aborted;
    tot->mismatches += mism;

    free(nodes);
    free(la.list);
    free(lb.list);
    dfa_free(&dfa);
    sim_free(&sim);
    nfa_free(&nfa);
}

int main(int argc, char **argv)
{
    Lines pats = { NULL, 0, 0 }, text = { NULL, 0, 0 };
    Totals tot = { 0, 0, 0, 0, 0 };
    Pattern *p;
    FILE *f;
    int i, npat = 0, verbose;

    if (argc != 3 && !(argc == 5 && strcmp(argv[2], "-gen") == 0)) {
        fprintf(stderr, "usage: regex PATTERNS TEXT|- | regex PATTERNS -gen SEED NLINES\n");
        return 1;
    }
    f = fopen(argv[1], "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", argv[1]);
        return 1;
    }
    read_lines(f, &pats);
    fclose(f);

    if (argc == 5) {
        u64 seed = strtoull(argv[3], NULL, 10);
        int n = atoi(argv[4]);
        if (n < 1) {
            fprintf(stderr, "bad line count\n");
            return 1;
        }
        generate_lines(seed, n, &text);
        verbose = 0;
    } else if (strcmp(argv[2], "-") == 0) {
        read_lines(stdin, &text);
        verbose = 1;
    } else {
        f = fopen(argv[2], "rb");
        if (!f) {
            fprintf(stderr, "cannot open %s\n", argv[2]);
            return 1;
        }
        read_lines(f, &text);
        fclose(f);
        verbose = 1;
    }

    printf("%d text lines\n", text.n);
    p = xmalloc(sizeof *p);
    for (i = 0; i < pats.n; i++) {
        const char *src = pats.lines[i];
        if (src[0] == '\0' || src[0] == '#')
            continue;
        if (strlen(src) > MAX_PATTERN) {
            printf("pattern %d: too long\n", ++npat);
            continue;
        }
        strcpy(p->source, src);
        run_pattern(++npat, p, &text, verbose, &tot);
    }
    printf("summary: %d patterns, %ld matching lines, %ld dfa states, "
           "%ld flushes, %ld backtrack aborts\n", npat, tot.nfa_matches,
           tot.dfa_states, tot.dfa_flushes, tot.bt_aborted);
    printf("cross-check: %s\n", tot.mismatches ? "FAILED" : "nfa, dfa and backtracker agree");

    free(p);
    for (i = 0; i < pats.n; i++)
        free(pats.lines[i]);
    for (i = 0; i < text.n; i++)
        free(text.lines[i]);
    free(pats.lines);
    free(text.lines);
    return tot.mismatches ? 1 : 0;
}
