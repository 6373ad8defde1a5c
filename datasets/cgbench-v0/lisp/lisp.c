/*
 * lisp.c - a small Lisp interpreter.
 *
 * The interpreter reads a program file of Lisp expressions and evaluates
 * them one after the other.  It provides:
 *   - a reader for integers, symbols, strings, lists, dotted pairs and quote;
 *   - interned symbols with a global value slot;
 *   - cons cells and every other object kept in a cell heap that is
 *     reclaimed by a precise mark-and-sweep garbage collector (local C
 *     variables that hold objects are registered on an explicit root stack);
 *   - the special forms quote, if, define, set!, lambda, let, let*, letrec,
 *     named let, begin, cond, and, or, when, unless;
 *   - proper tail calls in the evaluator loop;
 *   - integer arithmetic, comparisons and a set of list primitives.
 *
 * Usage: lisp PROGRAM.lisp [N]
 * The optional integer N is bound to the global symbol *arg* (default 0).
 * At the end a line of collector statistics is printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>

typedef long long i64;
typedef unsigned long long u64;

enum {
    T_NIL, T_INT, T_SYM, T_CONS, T_STR, T_PRIM, T_FUNC, T_FREE
};

typedef struct Obj Obj;
struct Obj {
    unsigned char type;
    unsigned char mark;
    union {
        i64 num;
        struct { Obj *car; Obj *cdr; } c;
        struct { char *name; Obj *value; Obj *next; } s;
        struct { char *chars; size_t len; } str;
        struct { int id; } p;
        struct { Obj *params; Obj *body; Obj *env; } f;
    } u;
};

/* ------------------------------------------------------------------ */
/* Errors                                                              */
/* ------------------------------------------------------------------ */

static void print_obj(FILE *out, Obj *o, int write_mode);

static void fatal(const char *msg, Obj *what)
{
    fflush(stdout);
    fprintf(stderr, "lisp: error: %s", msg);
    if (what != NULL) {
        fprintf(stderr, ": ");
        print_obj(stderr, what, 1);
    }
    fprintf(stderr, "\n");
    exit(1);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n == 0 ? 1 : n);
    if (p == NULL) {
        fprintf(stderr, "lisp: out of memory\n");
        exit(1);
    }
    return p;
}

/* ------------------------------------------------------------------ */
/* Heap and garbage collector                                          */
/* ------------------------------------------------------------------ */

#define CHUNK_CELLS 4096

typedef struct Chunk {
    struct Chunk *next;
    Obj cells[CHUNK_CELLS];
} Chunk;

static Obj nil_obj;
#define NIL (&nil_obj)

static Chunk *chunk_head;
static Chunk *chunk_last;
static Obj *free_list;
static long free_cells;
static long total_cells;

/* statistics */
static long gc_runs;
static long gc_reclaimed;
static long cells_allocated;

/* root stack: addresses of C variables that hold live objects */
#define MAX_ROOTS 400000
static Obj **roots[MAX_ROOTS];
static int nroots;

#define ROOT(v) do { if (nroots >= MAX_ROOTS) fatal("root stack overflow", NULL); \
                     roots[nroots++] = &(v); } while (0)

/* mark stack used while tracing */
static Obj **mark_stack;
static size_t mark_sp;
static size_t mark_cap;

/* symbol table */
#define SYM_BUCKETS 512
static Obj *sym_table[SYM_BUCKETS];
static long sym_count;

static void add_chunk(void)
{
    Chunk *c = (Chunk *)xmalloc(sizeof(Chunk));
    int i;
    c->next = NULL;
    for (i = CHUNK_CELLS - 1; i >= 0; i--) {
        c->cells[i].type = T_FREE;
        c->cells[i].mark = 0;
        c->cells[i].u.c.car = NULL;
        c->cells[i].u.c.cdr = free_list;
        free_list = &c->cells[i];
    }
    if (chunk_last == NULL)
        chunk_head = c;
    else
        chunk_last->next = c;
    chunk_last = c;
    free_cells += CHUNK_CELLS;
    total_cells += CHUNK_CELLS;
}

static void mark_push(Obj *o)
{
    if (o == NULL || o->mark)
        return;
    o->mark = 1;
    if (o->type != T_CONS && o->type != T_SYM && o->type != T_FUNC)
        return;
    if (mark_sp == mark_cap) {
        size_t ncap = mark_cap ? mark_cap * 2 : 1024;
        Obj **ns = (Obj **)xmalloc(ncap * sizeof(Obj *));
        if (mark_sp > 0)
            memcpy(ns, mark_stack, mark_sp * sizeof(Obj *));
        free(mark_stack);
        mark_stack = ns;
        mark_cap = ncap;
    }
    mark_stack[mark_sp++] = o;
}

static void mark_drain(void)
{
    while (mark_sp > 0) {
        Obj *o = mark_stack[--mark_sp];
        switch (o->type) {
        case T_CONS:
            mark_push(o->u.c.cdr);
            mark_push(o->u.c.car);
            break;
        case T_SYM:
            mark_push(o->u.s.value);
            break;
        case T_FUNC:
            mark_push(o->u.f.params);
            mark_push(o->u.f.body);
            mark_push(o->u.f.env);
            break;
        default:
            break;
        }
    }
}

static void collect(void)
{
    int i;
    Chunk *c;
    long reclaimed = 0;

    gc_runs++;
    /* mark phase */
    for (i = 0; i < SYM_BUCKETS; i++) {
        Obj *s;
        for (s = sym_table[i]; s != NULL; s = s->u.s.next) {
            mark_push(s);
            mark_drain();
        }
    }
    for (i = 0; i < nroots; i++) {
        mark_push(*roots[i]);
        mark_drain();
    }
    /* sweep phase: rebuild the free list in heap order */
    free_list = NULL;
    free_cells = 0;
    for (c = chunk_head; c != NULL; c = c->next) {
        int k;
        for (k = CHUNK_CELLS - 1; k >= 0; k--) {
            Obj *o = &c->cells[k];
            if (o->mark) {
                o->mark = 0;
                continue;
            }
            if (o->type != T_FREE) {
                if (o->type == T_STR)
                    free(o->u.str.chars);
                reclaimed++;
                o->type = T_FREE;
            }
            o->u.c.car = NULL;
            o->u.c.cdr = free_list;
            free_list = o;
            free_cells++;
        }
    }
    gc_reclaimed += reclaimed;
}

static Obj *alloc_cell(int type)
{
    Obj *o;
#ifdef GC_STRESS
    if (free_list != NULL)
        collect();
#endif
    if (free_list == NULL) {
        collect();
        if (free_list == NULL || free_cells * 4 < total_cells)
            add_chunk();
    }
    o = free_list;
    free_list = o->u.c.cdr;
    free_cells--;
    cells_allocated++;
    o->type = (unsigned char)type;
    o->mark = 0;
    return o;
}

/* ------------------------------------------------------------------ */
/* Constructors and accessors                                          */
/* ------------------------------------------------------------------ */

static Obj *make_int(i64 n)
{
    Obj *o = alloc_cell(T_INT);
    o->u.num = n;
    return o;
}

static Obj *cons(Obj *a, Obj *d)
{
    Obj *o;
    int base = nroots;
    ROOT(a);
    ROOT(d);
    o = alloc_cell(T_CONS);
    o->u.c.car = a;
    o->u.c.cdr = d;
    nroots = base;
    return o;
}

static Obj *make_string(const char *s, size_t len)
{
    Obj *o = alloc_cell(T_STR);
    o->u.str.chars = (char *)xmalloc(len + 1);
    memcpy(o->u.str.chars, s, len);
    o->u.str.chars[len] = '\0';
    o->u.str.len = len;
    return o;
}

static Obj *make_func(Obj *params, Obj *body, Obj *env)
{
    Obj *o;
    int base = nroots;
    ROOT(params);
    ROOT(body);
    ROOT(env);
    o = alloc_cell(T_FUNC);
    o->u.f.params = params;
    o->u.f.body = body;
    o->u.f.env = env;
    nroots = base;
    return o;
}

static unsigned hash_name(const char *s, size_t len)
{
    unsigned h = 2166136261u;
    size_t i;
    for (i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

static Obj *intern_len(const char *name, size_t len)
{
    unsigned h = hash_name(name, len) % SYM_BUCKETS;
    Obj *s;
    for (s = sym_table[h]; s != NULL; s = s->u.s.next) {
        if (strlen(s->u.s.name) == len && memcmp(s->u.s.name, name, len) == 0)
            return s;
    }
    s = alloc_cell(T_SYM);
    s->u.s.name = (char *)xmalloc(len + 1);
    memcpy(s->u.s.name, name, len);
    s->u.s.name[len] = '\0';
    s->u.s.value = NULL;
    s->u.s.next = sym_table[h];
    sym_table[h] = s;
    sym_count++;
    return s;
}

static Obj *intern(const char *name)
{
    return intern_len(name, strlen(name));
}

static Obj *car(Obj *o)
{
    if (o->type != T_CONS)
        fatal("car of non-pair", o);
    return o->u.c.car;
}

static Obj *cdr(Obj *o)
{
    if (o->type != T_CONS)
        fatal("cdr of non-pair", o);
    return o->u.c.cdr;
}

static i64 int_of(Obj *o)
{
    if (o->type != T_INT)
        fatal("not an integer", o);
    return o->u.num;
}

static long list_length(Obj *l)
{
    long n = 0;
    while (l->type == T_CONS) {
        n++;
        l = l->u.c.cdr;
    }
    return n;
}

/* well-known symbols */
static Obj *s_quote, *s_if, *s_define, *s_set, *s_lambda, *s_let, *s_letstar,
    *s_letrec, *s_begin, *s_cond, *s_else, *s_and, *s_or, *s_when, *s_unless,
    *s_t, *s_arg;

/* ------------------------------------------------------------------ */
/* Printer                                                             */
/* ------------------------------------------------------------------ */

static const char *prim_name(int id);

static void print_string_escaped(FILE *out, const char *s, size_t len)
{
    size_t i;
    fputc('"', out);
    for (i = 0; i < len; i++) {
        char ch = s[i];
        if (ch == '"' || ch == '\\') {
            fputc('\\', out);
            fputc(ch, out);
        } else if (ch == '\n') {
            fputs("\\n", out);
        } else if (ch == '\t') {
            fputs("\\t", out);
        } else {
            fputc(ch, out);
        }
    }
    fputc('"', out);
}

static void print_obj(FILE *out, Obj *o, int write_mode)
{
    switch (o->type) {
    case T_NIL:
        fputs("()", out);
        break;
    case T_INT:
        fprintf(out, "%lld", o->u.num);
        break;
    case T_SYM:
        fputs(o->u.s.name, out);
        break;
    case T_STR:
        if (write_mode)
            print_string_escaped(out, o->u.str.chars, o->u.str.len);
        else
            fwrite(o->u.str.chars, 1, o->u.str.len, out);
        break;
    case T_PRIM:
        fprintf(out, "#<primitive %s>", prim_name(o->u.p.id));
        break;
    case T_FUNC:
        fputs("#<lambda ", out);
        print_obj(out, o->u.f.params, 1);
        fputc('>', out);
        break;
    case T_CONS:
        if (o->u.c.car == s_quote && o->u.c.cdr->type == T_CONS &&
            o->u.c.cdr->u.c.cdr == NIL) {
            fputc('\'', out);
            print_obj(out, o->u.c.cdr->u.c.car, write_mode);
            break;
        }
        fputc('(', out);
        for (;;) {
            print_obj(out, o->u.c.car, write_mode);
            o = o->u.c.cdr;
            if (o->type != T_CONS)
                break;
            fputc(' ', out);
        }
        if (o != NIL) {
            fputs(" . ", out);
            print_obj(out, o, write_mode);
        }
        fputc(')', out);
        break;
    default:
        fputs("#<free>", out);
        break;
    }
}

/* ------------------------------------------------------------------ */
/* Reader                                                              */
/* ------------------------------------------------------------------ */

typedef struct {
    const char *text;
    size_t pos;
    size_t len;
    int line;
} Reader;

static int is_delim(int ch)
{
    return ch == '(' || ch == ')' || ch == '\'' || ch == '"' || ch == ';' ||
           ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' ||
           ch == '\v' || ch == '\0';
}

static int reader_peek(Reader *r)
{
    return r->pos < r->len ? (unsigned char)r->text[r->pos] : -1;
}

static void skip_space(Reader *r)
{
    for (;;) {
        int ch = reader_peek(r);
        if (ch == ';') {
            while (ch != -1 && ch != '\n') {
                r->pos++;
                ch = reader_peek(r);
            }
        } else if (ch == '\n') {
            r->line++;
            r->pos++;
        } else if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v') {
            r->pos++;
        } else {
            return;
        }
    }
}

static void read_error(Reader *r, const char *msg)
{
    fflush(stdout);
    fprintf(stderr, "lisp: read error at line %d: %s\n", r->line, msg);
    exit(1);
}

static Obj *read_expr(Reader *r);

static Obj *read_list(Reader *r)
{
    Obj *head = NIL, *tail = NIL, *item = NIL;
    int base = nroots;
    ROOT(head);
    ROOT(tail);
    ROOT(item);
    for (;;) {
        int ch;
        skip_space(r);
        ch = reader_peek(r);
        if (ch == -1)
            read_error(r, "unterminated list");
        if (ch == ')') {
            r->pos++;
            break;
        }
        if (ch == '.' && r->pos + 1 < r->len && is_delim((unsigned char)r->text[r->pos + 1])) {
            if (head == NIL)
                read_error(r, "dot at start of list");
            r->pos++;
            item = read_expr(r);
            if (item == NULL)
                read_error(r, "missing datum after dot");
            tail->u.c.cdr = item;
            skip_space(r);
            if (reader_peek(r) != ')')
                read_error(r, "expected ) after dotted tail");
            r->pos++;
            break;
        }
        item = read_expr(r);
        if (item == NULL)
            read_error(r, "unterminated list");
        item = cons(item, NIL);
        if (head == NIL)
            head = item;
        else
            tail->u.c.cdr = item;
        tail = item;
    }
    nroots = base;
    return head;
}

static Obj *read_string(Reader *r)
{
    size_t cap = 32, n = 0;
    char *buf = (char *)xmalloc(cap);
    Obj *o;
    for (;;) {
        int ch = reader_peek(r);
        if (ch == -1) {
            free(buf);
            read_error(r, "unterminated string");
        }
        r->pos++;
        if (ch == '"')
            break;
        if (ch == '\\') {
            int esc = reader_peek(r);
            if (esc == -1) {
                free(buf);
                read_error(r, "unterminated string escape");
            }
            r->pos++;
            switch (esc) {
            case 'n': ch = '\n'; break;
            case 't': ch = '\t'; break;
            default: ch = esc; break;
            }
        } else if (ch == '\n') {
            r->line++;
        }
        if (n + 1 >= cap) {
            char *nb;
            cap *= 2;
            nb = (char *)xmalloc(cap);
            memcpy(nb, buf, n);
            free(buf);
            buf = nb;
        }
        buf[n++] = (char)ch;
    }
    o = make_string(buf, n);
    free(buf);
    return o;
}

static int parse_integer(const char *s, size_t len, i64 *out)
{
    size_t i = 0;
    int neg = 0;
    u64 v = 0;
    if (len == 0)
        return 0;
    if (s[0] == '-' || s[0] == '+') {
        neg = s[0] == '-';
        i = 1;
        if (len == 1)
            return 0;
    }
    for (; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        v = v * 10u + (u64)(s[i] - '0');
    }
    if (neg)
        v = 0u - v;
    *out = (i64)v;
    return 1;
}

/* returns NULL at end of input */
static Obj *read_expr(Reader *r)
{
    int ch;
    size_t start;
    i64 num;
    skip_space(r);
    ch = reader_peek(r);
    if (ch == -1)
        return NULL;
    if (ch == '(') {
        r->pos++;
        return read_list(r);
    }
    if (ch == ')')
        read_error(r, "unexpected )");
    if (ch == '\'') {
        Obj *q = NULL;
        int base = nroots;
        r->pos++;
        q = read_expr(r);
        if (q == NULL)
            read_error(r, "missing datum after quote");
        ROOT(q);
        q = cons(q, NIL);
        q = cons(s_quote, q);
        nroots = base;
        return q;
    }
    if (ch == '"') {
        r->pos++;
        return read_string(r);
    }
    start = r->pos;
    while (r->pos < r->len && !is_delim((unsigned char)r->text[r->pos]))
        r->pos++;
    if (parse_integer(r->text + start, r->pos - start, &num))
        return make_int(num);
    return intern_len(r->text + start, r->pos - start);
}

/* ------------------------------------------------------------------ */
/* Primitives                                                          */
/* ------------------------------------------------------------------ */

enum {
    P_ADD, P_SUB, P_MUL, P_QUOTIENT, P_REMAINDER, P_MODULO,
    P_LT, P_GT, P_LE, P_GE, P_NUMEQ,
    P_CAR, P_CDR, P_CONS, P_LIST, P_CADR, P_CDDR, P_CAAR, P_CADDR,
    P_NULLP, P_PAIRP, P_EQP, P_EQUALP, P_NOT, P_LENGTH, P_APPEND, P_REVERSE,
    P_DISPLAY, P_WRITE, P_NEWLINE, P_NUMBERP, P_SYMBOLP, P_STRINGP,
    P_PROCEDUREP, P_SETCAR, P_SETCDR, P_APPLY, P_ABS, P_MIN, P_MAX,
    P_ZEROP, P_EVENP, P_ODDP, P_ASSQ, P_ASSOC, P_MEMQ, P_MEMBER, P_LISTREF,
    P_GC, P_LOGAND, P_LOGXOR, P_ERROR, P_LISTCOPY, P_LAST,
    P_COUNT
};

typedef struct {
    const char *name;
    int id;
    int min_args;
    int max_args; /* -1: any number */
} PrimInfo;

static const PrimInfo prim_table[] = {
    {"+", P_ADD, 0, -1}, {"-", P_SUB, 1, -1}, {"*", P_MUL, 0, -1},
    {"quotient", P_QUOTIENT, 2, 2}, {"remainder", P_REMAINDER, 2, 2},
    {"modulo", P_MODULO, 2, 2},
    {"<", P_LT, 1, -1}, {">", P_GT, 1, -1}, {"<=", P_LE, 1, -1},
    {">=", P_GE, 1, -1}, {"=", P_NUMEQ, 1, -1},
    {"car", P_CAR, 1, 1}, {"cdr", P_CDR, 1, 1}, {"cons", P_CONS, 2, 2},
    {"list", P_LIST, 0, -1}, {"cadr", P_CADR, 1, 1}, {"cddr", P_CDDR, 1, 1},
    {"caar", P_CAAR, 1, 1}, {"caddr", P_CADDR, 1, 1},
    {"null?", P_NULLP, 1, 1}, {"pair?", P_PAIRP, 1, 1}, {"eq?", P_EQP, 2, 2},
    {"equal?", P_EQUALP, 2, 2}, {"not", P_NOT, 1, 1},
    {"length", P_LENGTH, 1, 1}, {"append", P_APPEND, 0, -1},
    {"reverse", P_REVERSE, 1, 1}, {"display", P_DISPLAY, 1, 1},
    {"write", P_WRITE, 1, 1}, {"newline", P_NEWLINE, 0, 0},
    {"number?", P_NUMBERP, 1, 1}, {"symbol?", P_SYMBOLP, 1, 1},
    {"string?", P_STRINGP, 1, 1}, {"procedure?", P_PROCEDUREP, 1, 1},
    {"set-car!", P_SETCAR, 2, 2}, {"set-cdr!", P_SETCDR, 2, 2},
    {"apply", P_APPLY, 2, 2}, {"abs", P_ABS, 1, 1}, {"min", P_MIN, 1, -1},
    {"max", P_MAX, 1, -1}, {"zero?", P_ZEROP, 1, 1}, {"even?", P_EVENP, 1, 1},
    {"odd?", P_ODDP, 1, 1}, {"assq", P_ASSQ, 2, 2}, {"assoc", P_ASSOC, 2, 2},
    {"memq", P_MEMQ, 2, 2}, {"member", P_MEMBER, 2, 2},
    {"list-ref", P_LISTREF, 2, 2}, {"gc", P_GC, 0, 0},
    {"logand", P_LOGAND, 2, 2}, {"logxor", P_LOGXOR, 2, 2},
    {"error", P_ERROR, 1, 2}, {"list-copy", P_LISTCOPY, 1, 1},
    {"last-pair", P_LAST, 1, 1}
};

#define N_PRIMS ((int)(sizeof(prim_table) / sizeof(prim_table[0])))

static const char *prim_name(int id)
{
    int i;
    for (i = 0; i < N_PRIMS; i++)
        if (prim_table[i].id == id)
            return prim_table[i].name;
    return "?";
}

static int prim_index_of_id[P_COUNT];

static Obj *bool_obj(int b)
{
    return b ? s_t : NIL;
}

static int obj_eqv(Obj *a, Obj *b)
{
    if (a == b)
        return 1;
    if (a->type == T_INT && b->type == T_INT)
        return a->u.num == b->u.num;
    return 0;
}

static int obj_equal(Obj *a, Obj *b)
{
    for (;;) {
        if (obj_eqv(a, b))
            return 1;
        if (a->type != b->type)
            return 0;
        if (a->type == T_STR)
            return a->u.str.len == b->u.str.len &&
                   memcmp(a->u.str.chars, b->u.str.chars, a->u.str.len) == 0;
        if (a->type != T_CONS)
            return 0;
        if (!obj_equal(a->u.c.car, b->u.c.car))
            return 0;
        a = a->u.c.cdr;
        b = b->u.c.cdr;
    }
}

static i64 wrap_add(i64 a, i64 b) { return (i64)((u64)a + (u64)b); }
static i64 wrap_sub(i64 a, i64 b) { return (i64)((u64)a - (u64)b); }
static i64 wrap_mul(i64 a, i64 b) { return (i64)((u64)a * (u64)b); }

static i64 int_quotient(i64 a, i64 b)
{
    if (b == 0)
        fatal("division by zero", NULL);
    if (b == -1)
        return wrap_sub(0, a);
    return a / b;
}

static i64 int_remainder(i64 a, i64 b)
{
    if (b == 0)
        fatal("division by zero", NULL);
    if (b == -1)
        return 0;
    return a % b;
}

static i64 int_modulo(i64 a, i64 b)
{
    i64 r = int_remainder(a, b);
    if (r != 0 && ((r < 0) != (b < 0)))
        r += b;
    return r;
}

static int compare_chain(int id, Obj *args)
{
    i64 prev = int_of(car(args));
    args = args->u.c.cdr;
    while (args != NIL) {
        i64 cur = int_of(args->u.c.car);
        int ok;
        switch (id) {
        case P_LT: ok = prev < cur; break;
        case P_GT: ok = prev > cur; break;
        case P_LE: ok = prev <= cur; break;
        case P_GE: ok = prev >= cur; break;
        default: ok = prev == cur; break;
        }
        if (!ok)
            return 0;
        prev = cur;
        args = args->u.c.cdr;
    }
    return 1;
}

static Obj *copy_list(Obj *l)
{
    Obj *head = NIL, *tail = NIL, *cell = NIL;
    int base = nroots;
    ROOT(l);
    ROOT(head);
    ROOT(tail);
    ROOT(cell);
    while (l->type == T_CONS) {
        cell = cons(l->u.c.car, NIL);
        if (head == NIL)
            head = cell;
        else
            tail->u.c.cdr = cell;
        tail = cell;
        l = l->u.c.cdr;
    }
    if (tail != NIL)
        tail->u.c.cdr = l;
    else
        head = l;
    nroots = base;
    return head;
}

static Obj *apply_fn(Obj *fn, Obj *args);

/* args is rooted by the caller */
static Obj *call_prim(int id, Obj *args)
{
    const PrimInfo *info = &prim_table[prim_index_of_id[id]];
    long argc = list_length(args);
    Obj *a0 = argc > 0 ? args->u.c.car : NIL;
    Obj *a1 = argc > 1 ? args->u.c.cdr->u.c.car : NIL;
    i64 acc;

    if (argc < info->min_args || (info->max_args >= 0 && argc > info->max_args))
        fatal("wrong number of arguments to primitive", intern(info->name));

    switch (id) {
    case P_ADD:
        acc = 0;
        for (; args != NIL; args = args->u.c.cdr)
            acc = wrap_add(acc, int_of(args->u.c.car));
        return make_int(acc);
    case P_SUB:
        if (argc == 1)
            return make_int(wrap_sub(0, int_of(a0)));
        acc = int_of(a0);
        for (args = args->u.c.cdr; args != NIL; args = args->u.c.cdr)
            acc = wrap_sub(acc, int_of(args->u.c.car));
        return make_int(acc);
    case P_MUL:
        acc = 1;
        for (; args != NIL; args = args->u.c.cdr)
            acc = wrap_mul(acc, int_of(args->u.c.car));
        return make_int(acc);
    case P_QUOTIENT:
        return make_int(int_quotient(int_of(a0), int_of(a1)));
    case P_REMAINDER:
        return make_int(int_remainder(int_of(a0), int_of(a1)));
    case P_MODULO:
        return make_int(int_modulo(int_of(a0), int_of(a1)));
    case P_LT: case P_GT: case P_LE: case P_GE: case P_NUMEQ:
        return bool_obj(compare_chain(id, args));
    case P_CAR:
        return car(a0);
    case P_CDR:
        return cdr(a0);
    case P_CONS:
        return cons(a0, a1);
    case P_LIST:
        return copy_list(args);
    case P_CADR:
        return car(cdr(a0));
    case P_CDDR:
        return cdr(cdr(a0));
    case P_CAAR:
        return car(car(a0));
    case P_CADDR:
        return car(cdr(cdr(a0)));
    case P_NULLP:
        return bool_obj(a0 == NIL);
    case P_PAIRP:
        return bool_obj(a0->type == T_CONS);
    case P_EQP:
        return bool_obj(obj_eqv(a0, a1));
    case P_EQUALP:
        return bool_obj(obj_equal(a0, a1));
    case P_NOT:
        return bool_obj(a0 == NIL);
    case P_LENGTH:
        return make_int(list_length(a0));
    case P_APPEND: {
        Obj *result = NIL, *tail = NIL, *cell = NIL;
        int base = nroots;
        ROOT(result);
        ROOT(tail);
        ROOT(cell);
        for (; args != NIL; args = args->u.c.cdr) {
            Obj *l = args->u.c.car;
            if (args->u.c.cdr == NIL) {
                if (tail == NIL)
                    result = l;
                else
                    tail->u.c.cdr = l;
                break;
            }
            for (; l->type == T_CONS; l = l->u.c.cdr) {
                cell = cons(l->u.c.car, NIL);
                if (tail == NIL)
                    result = cell;
                else
                    tail->u.c.cdr = cell;
                tail = cell;
            }
        }
        nroots = base;
        return result;
    }
    case P_REVERSE: {
        Obj *result = NIL, *l = a0;
        int base = nroots;
        ROOT(result);
        ROOT(l);
        for (; l->type == T_CONS; l = l->u.c.cdr)
            result = cons(l->u.c.car, result);
        nroots = base;
        return result;
    }
    case P_DISPLAY:
        print_obj(stdout, a0, 0);
        return NIL;
    case P_WRITE:
        print_obj(stdout, a0, 1);
        return NIL;
    case P_NEWLINE:
        putchar('\n');
        return NIL;
    case P_NUMBERP:
        return bool_obj(a0->type == T_INT);
    case P_SYMBOLP:
        return bool_obj(a0->type == T_SYM);
    case P_STRINGP:
        return bool_obj(a0->type == T_STR);
    case P_PROCEDUREP:
        return bool_obj(a0->type == T_PRIM || a0->type == T_FUNC);
    case P_SETCAR:
        if (a0->type != T_CONS)
            fatal("set-car! of non-pair", a0);
        a0->u.c.car = a1;
        return a1;
    case P_SETCDR:
        if (a0->type != T_CONS)
            fatal("set-cdr! of non-pair", a0);
        a0->u.c.cdr = a1;
        return a1;
    case P_APPLY:
        return apply_fn(a0, a1);
    case P_ABS: {
        i64 v = int_of(a0);
        return make_int(v < 0 ? wrap_sub(0, v) : v);
    }
    case P_MIN: case P_MAX:
        acc = int_of(a0);
        for (args = args->u.c.cdr; args != NIL; args = args->u.c.cdr) {
            i64 v = int_of(args->u.c.car);
            if (id == P_MIN ? v < acc : v > acc)
                acc = v;
        }
        return make_int(acc);
    case P_ZEROP:
        return bool_obj(int_of(a0) == 0);
    case P_EVENP:
        return bool_obj(int_of(a0) % 2 == 0);
    case P_ODDP:
        return bool_obj(int_of(a0) % 2 != 0);
    case P_ASSQ: case P_ASSOC: {
        Obj *l;
        for (l = a1; l->type == T_CONS; l = l->u.c.cdr) {
            Obj *entry = l->u.c.car;
            if (entry->type != T_CONS)
                continue;
            if (id == P_ASSQ ? obj_eqv(entry->u.c.car, a0) : obj_equal(entry->u.c.car, a0))
                return entry;
        }
        return NIL;
    }
    case P_MEMQ: case P_MEMBER: {
        Obj *l;
        for (l = a1; l->type == T_CONS; l = l->u.c.cdr) {
            if (id == P_MEMQ ? obj_eqv(l->u.c.car, a0) : obj_equal(l->u.c.car, a0))
                return l;
        }
        return NIL;
    }
    case P_LISTREF: {
        i64 k = int_of(a1);
        Obj *l = a0;
        if (k < 0)
            fatal("list-ref: negative index", a1);
        while (k-- > 0)
            l = cdr(l);
        return car(l);
    }
    case P_GC:
        collect();
        return make_int(free_cells);
    case P_LOGAND:
        return make_int((i64)((u64)int_of(a0) & (u64)int_of(a1)));
    case P_LOGXOR:
        return make_int((i64)((u64)int_of(a0) ^ (u64)int_of(a1)));
    case P_ERROR:
        fatal(a0->type == T_STR ? a0->u.str.chars : "error", argc > 1 ? a1 : NULL);
        return NIL;
    case P_LISTCOPY:
        return copy_list(a0);
    case P_LAST: {
        Obj *l = a0;
        if (l->type != T_CONS)
            fatal("last-pair of non-pair", l);
        while (l->u.c.cdr->type == T_CONS)
            l = l->u.c.cdr;
        return l;
    }
    default:
        break;
    }
    fatal("unknown primitive", NULL);
    return NIL;
}

/* ------------------------------------------------------------------ */
/* Environments                                                        */
/* ------------------------------------------------------------------ */

/*
 * An environment is NIL for the global scope (values live in the symbol
 * value slot) or a pair (FRAME . PARENT) where FRAME is an association
 * list of (SYMBOL . VALUE) pairs.
 */

static Obj *find_binding(Obj *sym, Obj *env)
{
    for (; env != NIL; env = env->u.c.cdr) {
        Obj *b;
        for (b = env->u.c.car; b != NIL; b = b->u.c.cdr) {
            if (b->u.c.car->u.c.car == sym)
                return b->u.c.car;
        }
    }
    return NULL;
}

static Obj *lookup(Obj *sym, Obj *env)
{
    Obj *b = find_binding(sym, env);
    if (b != NULL)
        return b->u.c.cdr;
    if (sym->u.s.value == NULL)
        fatal("unbound variable", sym);
    return sym->u.s.value;
}

static void define_var(Obj *sym, Obj *value, Obj *env)
{
    Obj *pair = NIL;
    int base = nroots;
    if (sym->type != T_SYM)
        fatal("define: not a symbol", sym);
    if (env == NIL) {
        sym->u.s.value = value;
        return;
    }
    ROOT(env);
    ROOT(value);
    ROOT(pair);
    pair = cons(sym, value);
    pair = cons(pair, env->u.c.car);
    env->u.c.car = pair;
    nroots = base;
}

static Obj *bind_params(Obj *params, Obj *args, Obj *parent)
{
    Obj *frame = NIL, *pair = NIL, *p = params, *a = args;
    Obj *result;
    int base = nroots;
    ROOT(params);
    ROOT(args);
    ROOT(parent);
    ROOT(frame);
    ROOT(pair);
    while (p->type == T_CONS) {
        if (a->type != T_CONS)
            fatal("too few arguments for parameters", params);
        pair = cons(p->u.c.car, a->u.c.car);
        frame = cons(pair, frame);
        p = p->u.c.cdr;
        a = a->u.c.cdr;
    }
    if (p->type == T_SYM) {
        pair = cons(p, a);
        frame = cons(pair, frame);
    } else if (a != NIL) {
        fatal("too many arguments for parameters", params);
    }
    result = cons(frame, parent);
    nroots = base;
    return result;
}

/* ------------------------------------------------------------------ */
/* Evaluator                                                           */
/* ------------------------------------------------------------------ */

static int eval_depth;
static int max_eval_depth;
#define EVAL_DEPTH_LIMIT 20000

static Obj *eval(Obj *x, Obj *env);

static Obj *eval_list(Obj *l, Obj *env)
{
    Obj *head = NIL, *tail = NIL, *v = NIL;
    int base = nroots;
    ROOT(l);
    ROOT(env);
    ROOT(head);
    ROOT(tail);
    ROOT(v);
    while (l->type == T_CONS) {
        v = eval(l->u.c.car, env);
        v = cons(v, NIL);
        if (head == NIL)
            head = v;
        else
            tail->u.c.cdr = v;
        tail = v;
        l = l->u.c.cdr;
    }
    nroots = base;
    return head;
}

static Obj *eval_body(Obj *body, Obj *env)
{
    Obj *result = NIL;
    int base = nroots;
    ROOT(body);
    ROOT(env);
    ROOT(result);
    for (; body->type == T_CONS; body = body->u.c.cdr)
        result = eval(body->u.c.car, env);
    nroots = base;
    return result;
}

static Obj *apply_fn(Obj *fn, Obj *args)
{
    Obj *env = NIL, *result;
    int base = nroots;
    if (fn->type == T_PRIM)
        return call_prim(fn->u.p.id, args);
    if (fn->type != T_FUNC)
        fatal("apply: not a procedure", fn);
    ROOT(fn);
    ROOT(args);
    ROOT(env);
    env = bind_params(fn->u.f.params, args, fn->u.f.env);
    result = eval_body(fn->u.f.body, env);
    nroots = base;
    return result;
}

/* Evaluate the bindings of a let-family form into a new frame. */
static Obj *let_bindings(Obj *bindings, Obj *env, int sequential)
{
    Obj *newenv = NIL, *val = NIL, *pair = NIL, *b = bindings;
    int base = nroots;
    ROOT(bindings);
    ROOT(env);
    ROOT(newenv);
    ROOT(val);
    ROOT(pair);
    ROOT(b);
    newenv = cons(NIL, env);
    for (; b->type == T_CONS; b = b->u.c.cdr) {
        Obj *binding = b->u.c.car;
        Obj *sym;
        if (binding->type != T_CONS || binding->u.c.car->type != T_SYM)
            fatal("bad let binding", binding);
        sym = binding->u.c.car;
        if (binding->u.c.cdr->type == T_CONS)
            val = eval(binding->u.c.cdr->u.c.car, sequential ? newenv : env);
        else
            val = NIL;
        pair = cons(sym, val);
        pair = cons(pair, newenv->u.c.car);
        newenv->u.c.car = pair;
    }
    nroots = base;
    return newenv;
}

static Obj *eval(Obj *x, Obj *env)
{
    Obj *fn = NIL, *args = NIL, *tmp = NIL, *result = NIL;
    int base = nroots;

    ROOT(x);
    ROOT(env);
    ROOT(fn);
    ROOT(args);
    ROOT(tmp);
    eval_depth++;
    if (eval_depth > max_eval_depth)
        max_eval_depth = eval_depth;
    if (eval_depth > EVAL_DEPTH_LIMIT)
        fatal("evaluation nested too deeply", NULL);

    for (;;) {
        Obj *op;
        if (x->type == T_SYM) {
            result = lookup(x, env);
            goto done;
        }
        if (x->type != T_CONS) {
            result = x;
            goto done;
        }
        op = x->u.c.car;
        if (op->type == T_SYM) {
            if (op == s_quote) {
                result = car(x->u.c.cdr);
                goto done;
            }
            if (op == s_if) {
                Obj *rest = x->u.c.cdr;
                tmp = eval(car(rest), env);
                rest = cdr(x->u.c.cdr);
                if (tmp != NIL) {
                    x = car(rest);
                } else {
                    rest = cdr(rest);
                    if (rest == NIL) {
                        result = NIL;
                        goto done;
                    }
                    x = car(rest);
                }
                continue;
            }
            if (op == s_define) {
                Obj *target = car(x->u.c.cdr);
                if (target->type == T_CONS) {
                    /* (define (name . params) body...) */
                    tmp = make_func(target->u.c.cdr, x->u.c.cdr->u.c.cdr, env);
                    define_var(target->u.c.car, tmp, env);
                    result = target->u.c.car;
                } else {
                    Obj *rest = x->u.c.cdr->u.c.cdr;
                    tmp = rest == NIL ? NIL : eval(car(rest), env);
                    define_var(target, tmp, env);
                    result = target;
                }
                goto done;
            }
            if (op == s_set) {
                Obj *sym = car(x->u.c.cdr);
                Obj *b;
                tmp = eval(car(cdr(x->u.c.cdr)), env);
                b = find_binding(sym, env);
                if (b != NULL) {
                    b->u.c.cdr = tmp;
                } else {
                    if (sym->type != T_SYM || sym->u.s.value == NULL)
                        fatal("set!: unbound variable", sym);
                    sym->u.s.value = tmp;
                }
                result = tmp;
                goto done;
            }
            if (op == s_lambda) {
                result = make_func(car(x->u.c.cdr), x->u.c.cdr->u.c.cdr, env);
                goto done;
            }
            if (op == s_let || op == s_letstar || op == s_letrec) {
                Obj *first = car(x->u.c.cdr);
                if (op == s_let && first->type == T_SYM) {
                    /* named let: (let name ((var init) ...) body...) */
                    Obj *bindings = car(cdr(x->u.c.cdr));
                    Obj *b;
                    Obj *params = NIL, *ptail = NIL, *cell = NIL;
                    int b2 = nroots;
                    ROOT(params);
                    ROOT(ptail);
                    ROOT(cell);
                    for (b = bindings; b->type == T_CONS; b = b->u.c.cdr) {
                        cell = cons(car(b->u.c.car), NIL);
                        if (params == NIL)
                            params = cell;
                        else
                            ptail->u.c.cdr = cell;
                        ptail = cell;
                    }
                    /* evaluate the initial values in the outer environment */
                    {
                        Obj *vals = NIL, *vtail = NIL, *v = NIL;
                        int b3 = nroots;
                        ROOT(vals);
                        ROOT(vtail);
                        ROOT(v);
                        for (b = bindings; b->type == T_CONS; b = b->u.c.cdr) {
                            Obj *bb = b->u.c.car;
                            v = bb->u.c.cdr->type == T_CONS ? eval(bb->u.c.cdr->u.c.car, env) : NIL;
                            v = cons(v, NIL);
                            if (vals == NIL)
                                vals = v;
                            else
                                vtail->u.c.cdr = v;
                            vtail = v;
                        }
                        args = vals;
                        nroots = b3;
                    }
                    env = cons(NIL, env);
                    fn = make_func(params, x->u.c.cdr->u.c.cdr->u.c.cdr, env);
                    define_var(first, fn, env);
                    nroots = b2;
                    goto apply_closure;
                }
                env = let_bindings(first, env, op != s_let);
                x = x->u.c.cdr->u.c.cdr;
                goto body;
            }
            if (op == s_begin) {
                x = x->u.c.cdr;
                goto body;
            }
            if (op == s_when || op == s_unless) {
                tmp = eval(car(x->u.c.cdr), env);
                if ((tmp != NIL) == (op == s_when)) {
                    x = x->u.c.cdr->u.c.cdr;
                    goto body;
                }
                result = NIL;
                goto done;
            }
            if (op == s_cond) {
                Obj *clauses = x->u.c.cdr;
                for (; clauses->type == T_CONS; clauses = clauses->u.c.cdr) {
                    Obj *clause = clauses->u.c.car;
                    if (car(clause) == s_else) {
                        tmp = s_t;
                    } else {
                        tmp = eval(car(clause), env);
                    }
                    if (tmp != NIL)
                        break;
                }
                if (clauses == NIL) {
                    result = NIL;
                    goto done;
                }
                if (clauses->u.c.car->u.c.cdr == NIL) {
                    result = tmp;
                    goto done;
                }
                x = clauses->u.c.car->u.c.cdr;
                goto body;
            }
            if (op == s_and || op == s_or) {
                Obj *rest = x->u.c.cdr;
                if (rest == NIL) {
                    result = op == s_and ? s_t : NIL;
                    goto done;
                }
                while (rest->u.c.cdr != NIL) {
                    tmp = eval(rest->u.c.car, env);
                    if ((op == s_and && tmp == NIL) || (op == s_or && tmp != NIL)) {
                        result = tmp;
                        goto done;
                    }
                    rest = rest->u.c.cdr;
                }
                x = rest->u.c.car;
                continue;
            }
        }

        /* procedure call */
        fn = eval(op, env);
        args = eval_list(x->u.c.cdr, env);
        if (fn->type == T_PRIM) {
            result = call_prim(fn->u.p.id, args);
            goto done;
        }
        if (fn->type != T_FUNC)
            fatal("not a procedure", fn);
    apply_closure:
        env = bind_params(fn->u.f.params, args, fn->u.f.env);
        x = fn->u.f.body;
    body:
        if (x == NIL) {
            result = NIL;
            goto done;
        }
        while (x->u.c.cdr != NIL) {
            eval(x->u.c.car, env);
            x = x->u.c.cdr;
        }
        x = x->u.c.car;
    }
done:
    eval_depth--;
    nroots = base;
    return result;
}

/* ------------------------------------------------------------------ */
/* Start-up                                                            */
/* ------------------------------------------------------------------ */

static const char *prelude =
    "(define (map f l) (if (null? l) () (cons (f (car l)) (map f (cdr l)))))\n"
    "(define (for-each f l) (when (pair? l) (f (car l)) (for-each f (cdr l))))\n"
    "(define (filter p l)\n"
    "  (cond ((null? l) ())\n"
    "        ((p (car l)) (cons (car l) (filter p (cdr l))))\n"
    "        (else (filter p (cdr l)))))\n"
    "(define (foldl f acc l) (if (null? l) acc (foldl f (f acc (car l)) (cdr l))))\n"
    "(define (foldr f init l) (if (null? l) init (f (car l) (foldr f init (cdr l)))))\n"
    "(define (iota n)\n"
    "  (let loop ((i (- n 1)) (acc ()))\n"
    "    (if (< i 0) acc (loop (- i 1) (cons i acc)))))\n"
    "(define (list-tail l k) (if (= k 0) l (list-tail (cdr l) (- k 1))))\n";

static void init_symbols(void)
{
    int i;
    nil_obj.type = T_NIL;
    nil_obj.mark = 0;
    s_quote = intern("quote");
    s_if = intern("if");
    s_define = intern("define");
    s_set = intern("set!");
    s_lambda = intern("lambda");
    s_let = intern("let");
    s_letstar = intern("let*");
    s_letrec = intern("letrec");
    s_begin = intern("begin");
    s_cond = intern("cond");
    s_else = intern("else");
    s_and = intern("and");
    s_or = intern("or");
    s_when = intern("when");
    s_unless = intern("unless");
    s_t = intern("t");
    s_t->u.s.value = s_t;
    intern("nil")->u.s.value = NIL;
    s_arg = intern("*arg*");
    for (i = 0; i < N_PRIMS; i++) {
        Obj *sym = intern(prim_table[i].name);
        Obj *p = alloc_cell(T_PRIM);
        p->u.p.id = prim_table[i].id;
        sym->u.s.value = p;
        prim_index_of_id[prim_table[i].id] = i;
    }
}

static void run_source(const char *text, size_t len)
{
    Reader r;
    Obj *form = NIL;
    int base = nroots;
    r.text = text;
    r.pos = 0;
    r.len = len;
    r.line = 1;
    ROOT(form);
    for (;;) {
        form = read_expr(&r);
        if (form == NULL)
            break;
        eval(form, NIL);
    }
    nroots = base;
}

static char *read_file(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 4096, n = 0;
    char *buf;
    if (f == NULL) {
        fprintf(stderr, "lisp: cannot open %s\n", path);
        exit(1);
    }
    buf = (char *)xmalloc(cap);
    for (;;) {
        size_t got;
        if (n == cap) {
            char *nb = (char *)xmalloc(cap * 2);
            memcpy(nb, buf, n);
            free(buf);
            buf = nb;
            cap *= 2;
        }
        got = fread(buf + n, 1, cap - n, f);
        if (got == 0)
            break;
        n += got;
    }
    fclose(f);
    *len_out = n;
    return buf;
}

static void free_everything(void)
{
    Chunk *c = chunk_head;
    while (c != NULL) {
        Chunk *next = c->next;
        int k;
        for (k = 0; k < CHUNK_CELLS; k++) {
            Obj *o = &c->cells[k];
            if (o->type == T_STR)
                free(o->u.str.chars);
            else if (o->type == T_SYM)
                free(o->u.s.name);
        }
        free(c);
        c = next;
    }
    free(mark_stack);
}

int main(int argc, char **argv)
{
    char *src;
    size_t len;
    i64 arg = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: lisp PROGRAM.lisp [N]\n");
        return 2;
    }
    if (argc > 2 && !parse_integer(argv[2], strlen(argv[2]), &arg)) {
        fprintf(stderr, "lisp: bad integer argument %s\n", argv[2]);
        return 2;
    }
    add_chunk();
    init_symbols();
    s_arg->u.s.value = make_int(arg);
    run_source(prelude, strlen(prelude));
    src = read_file(argv[1], &len);
    run_source(src, len);
    free(src);
    fflush(stdout);
    printf("[gc: %ld collections, %ld cells reclaimed, %ld cells allocated, heap %ld cells, %ld symbols, max depth %d]\n",
           gc_runs, gc_reclaimed, cells_allocated, total_cells, sym_count, max_eval_depth);
    free_everything();
    return 0;
}
