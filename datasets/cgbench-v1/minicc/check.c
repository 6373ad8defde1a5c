/*
 * check.c - name resolution, type checking, storage layout and constant
 * folding of minicc programs.
 *
 * Storage: globals live at fixed addresses of the machine's memory, from
 * 0 up; locals and parameters at offsets in the frame of their function
 * (parameters first).  An array takes one header word holding its first
 * dimension, followed by its elements; an array's value (what is passed to
 * an array parameter) is the address of its first element.
 */
#include <string.h>
#include "minicc.h"

#define MAX_ARRAY 65536
#define MAX_GLOBAL_WORDS 131072
#define MAX_FRAME 65536

typedef struct {
    int fold;
    Program *prog;
    Sym *scope;          /* innermost symbol first */
    int depth;
    Func *fn;            /* function being checked */
    int loop_depth;
    int keep_consts;     /* do not replace const names by their values */
    int frame_off, frame_max;
    i32 *data;           /* MAX_GLOBAL_WORDS words */
    int data_size;
} Checker;

static const char *builtins[] = {"print", "write", "putc", "len", "assert"};

enum { B_PRINT, B_WRITE, B_PUTC, B_LEN, B_ASSERT, B_NONE };

static int builtin_id(const char *name)
{
    int i;
    for (i = 0; i < B_NONE; i++)
        if (strcmp(name, builtins[i]) == 0)
            return i;
    return B_NONE;
}

Func *find_func(Program *prog, const char *name)
{
    Func *f;
    for (f = prog->funcs; f != NULL; f = f->next)
        if (strcmp(f->name, name) == 0)
            return f;
    return NULL;
}

static Sym *lookup(Checker *ck, const char *name)
{
    Sym *s;
    for (s = ck->scope; s != NULL; s = s->prev)
        if (strcmp(s->name, name) == 0)
            return s;
    return NULL;
}

static Sym *declare(Checker *ck, Node *at, const char *name, int kind, int ty)
{
    Sym *s, *old;
    for (old = ck->scope; old != NULL && old->depth == ck->depth;
         old = old->prev) {
        if (strcmp(old->name, name) == 0) {
            error_at(at->line, at->col,
                     "redeclaration of '%s' (previous declaration at line %d)",
                     name, old->line);
            break;
        }
    }
    if (ck->depth == 0 && find_func(ck->prog, name) != NULL)
        error_at(at->line, at->col,
                 "'%s' redeclared as a different kind of symbol", name);
    s = arena_alloc(sizeof *s);
    s->name = name;
    s->kind = kind;
    s->ty = ty;
    s->line = at->line;
    s->col = at->col;
    s->depth = ck->depth;
    s->prev = ck->scope;
    ck->scope = s;
    return s;
}

static void open_scope(Checker *ck, Sym **saved_scope, int *saved_off)
{
    *saved_scope = ck->scope;
    *saved_off = ck->frame_off;
    ck->depth++;
}

/* Leaves a scope: warns about unused locals and frees their frame slots
   for reuse by later blocks. */
static void close_scope(Checker *ck, Sym *saved_scope, int saved_off)
{
    Sym *s;
    for (s = ck->scope; s != saved_scope; s = s->prev)
        if (!s->used && (s->kind == S_LOCAL || s->kind == S_CONST))
            warning_at(s->line, s->col, "unused variable '%s'", s->name);
    ck->scope = saved_scope;
    ck->frame_off = saved_off;
    ck->depth--;
}

static int alloc_frame(Checker *ck, Node *at, int words)
{
    int off = ck->frame_off;
    if (words > MAX_FRAME - ck->frame_off) {
        error_at(at->line, at->col, "frame of function '%s' is too large",
                 ck->fn->name);
        return 0;
    }
    ck->frame_off += words;
    if (ck->frame_off > ck->frame_max)
        ck->frame_max = ck->frame_off;
    return off;
}

static int alloc_global(Checker *ck, Node *at, int words)
{
    int addr = ck->data_size;
    if (words > MAX_GLOBAL_WORDS - ck->data_size) {
        error_at(at->line, at->col, "global data is too large");
        return -1;
    }
    ck->data_size += words;
    return addr;
}

static Node *make_num(Node *at, i32 v)
{
    Node *n = arena_alloc(sizeof *n);
    n->kind = N_NUM;
    n->line = at->line;
    n->col = at->col;
    n->val = v;
    n->ty = TY_INT;
    return n;
}

/* ------------------------------------------------------------------ */
/* Constant expressions                                                */
/* ------------------------------------------------------------------ */

/* Evaluates a checked expression if it is constant.  Returns 1 and sets
   *v, or 0. */
static int const_value(Node *n, i32 *v)
{
    i32 a, b;
    switch (n->kind) {
    case N_NUM:
        *v = n->val;
        return 1;
    case N_VAR:
        if (n->sym != NULL && n->sym->kind == S_CONST) {
            *v = n->sym->cval;
            return 1;
        }
        return 0;
    case N_UNARY:
        if (!const_value(n->a, &a))
            return 0;
        *v = apply_unary(n->op, a);
        return 1;
    case N_BINARY:
        if (!const_value(n->a, &a) || !const_value(n->b, &b))
            return 0;
        return apply_binary(n->op, a, b, v) == 0;
    case N_LOGAND:
    case N_LOGOR:
        if (!const_value(n->a, &a))
            return 0;
        if ((n->kind == N_LOGAND && a == 0) || (n->kind == N_LOGOR && a != 0)) {
            *v = n->kind == N_LOGOR;
            return 1;
        }
        if (!const_value(n->b, &b))
            return 0;
        *v = b != 0;
        return 1;
    case N_COND:
        if (!const_value(n->a, &a))
            return 0;
        return const_value(a ? n->b : n->c, v);
    default:
        return 0;
    }
}

/* Whether evaluating n can change state or stop the program. */
static int has_effects(Node *n)
{
    i32 d;
    if (n == NULL)
        return 0;
    switch (n->kind) {
    case N_NUM:
    case N_STR:
    case N_VAR:
        return 0;
    case N_CALL:
    case N_ASSIGN:
    case N_INCDEC:
    case N_INDEX:          /* may be out of bounds */
        return 1;
    case N_BINARY:
        if ((n->op == OP_DIV || n->op == OP_MOD) &&
            !(const_value(n->b, &d) && d != 0))
            return 1;
        return has_effects(n->a) || has_effects(n->b);
    default:
        return has_effects(n->a) || has_effects(n->b) || has_effects(n->c);
    }
}

/* ------------------------------------------------------------------ */
/* Expressions                                                         */
/* ------------------------------------------------------------------ */

static Node *check_expr(Checker *ck, Node *n);

static const char *type_name(int ty)
{
    switch (ty) {
    case TY_VOID: return "void";
    case TY_INT: return "int";
    case TY_ARR: return "array";
    default: return "?";
    }
}

/* Checks an expression whose value must be an int. */
static Node *check_value(Checker *ck, Node *n, const char *what)
{
    n = check_expr(ck, n);
    if (n->ty == TY_INT || n->ty == TY_ERR)
        return n;
    if (n->ty == TY_VOID)
        error_at(n->line, n->col, "void value used as %s", what);
    else if (n->kind == N_VAR)
        error_at(n->line, n->col, "%s '%s' used as %s", type_name(n->ty),
                 n->name, what);
    else
        error_at(n->line, n->col, "%s used as %s", type_name(n->ty), what);
    n->ty = TY_ERR;
    return n;
}

static int is_pow2(i32 v, int *log)
{
    int k;
    if (v <= 0 || (v & (v - 1)) != 0)
        return 0;
    for (k = 0; (1 << k) != v; k++)
        ;
    *log = k;
    return 1;
}

static Node *fold_binary(Checker *ck, Node *n)
{
    i32 a, b, v;
    int ka = const_value(n->a, &a), kb = const_value(n->b, &b), k;
    if ((n->op == OP_DIV || n->op == OP_MOD) && kb && b == 0) {
        warning_at(n->line, n->col, "division by zero");
        return n;
    }
    if (!ck->fold)
        return n;
    if (ka && kb && apply_binary(n->op, a, b, &v) == 0)
        return make_num(n, v);
    if (kb) {
        switch (n->op) {
        case OP_ADD: case OP_SUB: case OP_OR: case OP_XOR:
        case OP_SHL: case OP_SHR:
            if (b == 0)
                return n->a;
            break;
        case OP_MUL:
            if (b == 1)
                return n->a;
            if (b == 0 && !has_effects(n->a))
                return make_num(n, 0);
            if (is_pow2(b, &k)) {
                n->op = OP_SHL;
                n->b = make_num(n->b, k);
            }
            break;
        case OP_DIV:
            if (b == 1)
                return n->a;
            break;
        case OP_AND:
            if (b == 0 && !has_effects(n->a))
                return make_num(n, 0);
            if (b == -1)
                return n->a;
            break;
        default:
            break;
        }
    }
    if (ka) {
        switch (n->op) {
        case OP_ADD: case OP_OR: case OP_XOR:
            if (a == 0)
                return n->b;
            break;
        case OP_MUL:
            if (a == 1)
                return n->b;
            if (a == 0 && !has_effects(n->b))
                return make_num(n, 0);
            break;
        default:
            break;
        }
    }
    return n;
}

/* Checks that n can be assigned to; reports why not otherwise. */
static int check_lvalue(Node *n, const char *what)
{
    if (n->ty == TY_ERR)
        return 0;
    if (n->kind == N_VAR && n->sym != NULL) {
        if (n->sym->kind == S_CONST) {
            error_at(n->line, n->col, "%s of const '%s'", what, n->name);
            return 0;
        }
        if (n->ty != TY_INT) {
            error_at(n->line, n->col, "%s of %s '%s'", what,
                     type_name(n->ty), n->name);
            return 0;
        }
        return 1;
    }
    if (n->kind == N_INDEX && n->ty == TY_INT)
        return 1;
    error_at(n->line, n->col, "%s needs a variable or array element", what);
    return 0;
}

static Node *check_index(Checker *ck, Node *n)
{
    Node *base;
    i32 v;
    n->a = check_expr(ck, n->a);
    n->b = check_value(ck, n->b, "an index");
    base = n->a;
    n->ty = TY_ERR;
    if (base->ty == TY_ERR)
        return n;
    if (base->ty != TY_ARR) {
        error_at(n->line, n->col, "subscripted value is not an array");
        return n;
    }
    n->ty = TY_INT;
    if (base->kind == N_VAR && !base->sym->is_ref && const_value(n->b, &v) &&
        (v < 0 || v >= base->sym->dim0))
        warning_at(n->b->line, n->b->col,
                   "index %ld is out of bounds of '%s' (size %ld)", (long)v,
                   base->name, (long)base->sym->dim0);
    return n;
}

static Node *check_call(Checker *ck, Node *n)
{
    int b = builtin_id(n->name), nargs = 0, i;
    Node **link, *arg;
    Func *f;
    Sym *s;

    for (arg = n->a; arg != NULL; arg = arg->next)
        nargs++;
    n->ty = TY_VOID;
    switch (b) {
    case B_PRINT:
    case B_WRITE:
        for (link = &n->a; *link != NULL; link = &(*link)->next) {
            Node *next = (*link)->next;
            if ((*link)->kind == N_STR)
                (*link)->ty = TY_VOID;
            else
                *link = check_value(ck, *link, "an argument of print");
            (*link)->next = next;
        }
        return n;
    case B_PUTC:
    case B_ASSERT:
    case B_LEN:
        if (nargs != 1) {
            error_at(n->line, n->col,
                     "builtin '%s' expects 1 argument but %d given",
                     n->name, nargs);
            n->ty = b == B_LEN ? TY_INT : TY_VOID;
            return n;
        }
        if (b == B_LEN) {
            n->a = check_expr(ck, n->a);
            n->ty = TY_INT;
            if (n->a->ty != TY_ARR) {
                if (n->a->ty != TY_ERR)
                    error_at(n->line, n->col,
                             "argument of 'len' must be an array");
                return n;
            }
            if (ck->fold && n->a->kind == N_VAR && !n->a->sym->is_ref)
                return make_num(n, n->a->sym->dim0);
            return n;
        }
        n->a = check_value(ck, n->a, "an argument");
        return n;
    default:
        break;
    }

    f = find_func(ck->prog, n->name);
    if (f == NULL) {
        s = lookup(ck, n->name);
        if (s != NULL)
            error_at(n->line, n->col, "called object '%s' is not a function",
                     n->name);
        else
            error_at(n->line, n->col, "call to undeclared function '%s'",
                     n->name);
        for (link = &n->a; *link != NULL; link = &(*link)->next) {
            Node *next = (*link)->next;
            *link = check_expr(ck, *link);
            (*link)->next = next;
        }
        n->ty = TY_ERR;
        return n;
    }
    n->fn = f;
    n->ty = f->is_void ? TY_VOID : TY_INT;
    if (nargs != f->nparams)
        error_at(n->line, n->col,
                 "function '%s' expects %d argument%s but %d given", f->name,
                 f->nparams, f->nparams == 1 ? "" : "s", nargs);
    for (i = 0, link = &n->a; *link != NULL; i++, link = &(*link)->next) {
        Node *next = (*link)->next;
        Sym *param = i < f->nparams ? f->params[i] : NULL;
        if (param != NULL && param->ty == TY_ARR) {
            *link = check_expr(ck, *link);
            if ((*link)->ty != TY_ARR && (*link)->ty != TY_ERR)
                error_at((*link)->line, (*link)->col,
                         "argument %d of '%s' must be an array, not %s",
                         i + 1, f->name,
                         type_name((*link)->ty));
        } else {
            *link = check_value(ck, *link, "an argument");
        }
        (*link)->next = next;
    }
    return n;
}

/* Checks the target of an assignment, increment or decrement. */
static Node *check_target(Checker *ck, Node *n, const char *what)
{
    ck->keep_consts = n->kind == N_VAR;
    n = check_expr(ck, n);
    ck->keep_consts = 0;
    check_lvalue(n, what);
    return n;
}

static Node *check_expr(Checker *ck, Node *n)
{
    i32 v;
    Sym *s;
    switch (n->kind) {
    case N_NUM:
        n->ty = TY_INT;
        return n;
    case N_STR:
        error_at(n->line, n->col,
                 "a string literal can only be printed or initialise an "
                 "array");
        n->ty = TY_ERR;
        return n;
    case N_VAR:
        s = lookup(ck, n->name);
        if (s == NULL) {
            if (find_func(ck->prog, n->name) != NULL ||
                builtin_id(n->name) != B_NONE) {
                error_at(n->line, n->col,
                         "function '%s' used as a variable", n->name);
                n->ty = TY_ERR;
                return n;
            }
            error_at(n->line, n->col, "undeclared identifier '%s'", n->name);
            /* Declared here as an erroneous name, so that it is reported
               once per scope. */
            s = declare(ck, n, n->name, S_LOCAL, TY_ERR);
            s->used = 1;
        }
        s->used = 1;
        n->sym = s;
        n->ty = s->ty;
        if (s->kind == S_CONST && ck->fold && !ck->keep_consts)
            return make_num(n, s->cval);
        return n;
    case N_INDEX:
        return check_index(ck, n);
    case N_CALL:
        return check_call(ck, n);
    case N_UNARY:
        n->a = check_value(ck, n->a, "an operand");
        n->ty = TY_INT;
        if (ck->fold && const_value(n->a, &v))
            return make_num(n, apply_unary(n->op, v));
        return n;
    case N_BINARY:
        n->a = check_value(ck, n->a, "an operand");
        n->b = check_value(ck, n->b, "an operand");
        n->ty = TY_INT;
        return fold_binary(ck, n);
    case N_LOGAND:
    case N_LOGOR:
        n->a = check_value(ck, n->a, "an operand");
        n->b = check_value(ck, n->b, "an operand");
        n->ty = TY_INT;
        if (ck->fold && const_value(n->a, &v)) {
            Node *ne;
            if ((n->kind == N_LOGAND) == (v == 0))
                return make_num(n, n->kind == N_LOGOR);
            if (const_value(n->b, &v))
                return make_num(n, v != 0);
            ne = arena_alloc(sizeof *ne);
            *ne = *n;
            ne->kind = N_BINARY;
            ne->op = OP_NE;
            ne->a = n->b;
            ne->b = make_num(n, 0);
            return ne;
        }
        return n;
    case N_COND:
        n->a = check_value(ck, n->a, "a condition");
        n->b = check_value(ck, n->b, "an operand of ?:");
        n->c = check_value(ck, n->c, "an operand of ?:");
        n->ty = TY_INT;
        if (ck->fold && const_value(n->a, &v))
            return v ? n->b : n->c;
        return n;
    case N_ASSIGN:
        n->a = check_target(ck, n->a, "assignment");
        n->b = check_value(ck, n->b, "the value of an assignment");
        n->ty = TY_INT;
        if ((n->op == OP_DIV || n->op == OP_MOD) && const_value(n->b, &v) &&
            v == 0)
            warning_at(n->line, n->col, "division by zero");
        return n;
    case N_INCDEC:
        n->a = check_target(ck, n->a, n->val > 0 ? "increment" : "decrement");
        n->ty = TY_INT;
        return n;
    case N_COMMA:
        n->a = check_expr(ck, n->a);
        n->b = check_expr(ck, n->b);
        n->ty = n->b->ty;
        if (n->ty != TY_INT && n->ty != TY_VOID && n->ty != TY_ERR) {
            error_at(n->line, n->col, "%s as the result of ','",
                     type_name(n->ty));
            n->ty = TY_ERR;
        }
        if (ck->fold && !has_effects(n->a))
            return n->b;
        return n;
    default:
        n->ty = TY_ERR;
        return n;
    }
}

/* ------------------------------------------------------------------ */
/* Declarations                                                        */
/* ------------------------------------------------------------------ */

/* Evaluates a dimension; 0 for [] and -1 after an error. */
static i32 dimension(Checker *ck, Node *d, const char *name)
{
    i32 v;
    if (d->kind == N_EMPTY)
        return 0;
    d = check_value(ck, d, "an array size");
    if (d->ty == TY_ERR)
        return -1;
    if (!const_value(d, &v)) {
        error_at(d->line, d->col, "size of array '%s' is not a constant",
                 name);
        return -1;
    }
    if (v <= 0 || v > MAX_ARRAY) {
        error_at(d->line, d->col, "size of array '%s' is out of range (%ld)",
                 name, (long)v);
        return -1;
    }
    return v;
}

/* Checks the initialiser of an array declaration and lists its elements
   in d->elems, fixing an omitted size. */
static void array_init(Checker *ck, Node *d, i32 *size)
{
    Node *init = d->a, *e;
    int i, n = 0;

    if (init->kind == N_STR) {
        int len = str_len[init->val];
        if (*size == 0)
            *size = len + 1;
        if (len > *size) {
            error_at(init->line, init->col,
                     "string of length %d is too long for '%s' (size %ld)",
                     len, d->name, (long)*size);
            return;
        }
        d->nelems = len;
        d->elems = arena_alloc(sizeof(Node *) * (size_t)(len + 1));
        for (i = 0; i < len; i++)
            d->elems[i] = make_num(init,
                                   (unsigned char)str_table[init->val][i]);
        return;
    }
    if (init->kind != N_BLOCK) {
        error_at(init->line, init->col,
                 "array '%s' must be initialised with a list", d->name);
        return;
    }
    for (e = init->a; e != NULL; e = e->next)
        n++;
    if (*size == 0)
        *size = n;
    if (n > *size) {
        error_at(init->line, init->col, "too many elements in the "
                 "initialiser of '%s' (%d for size %ld)", d->name, n,
                 (long)*size);
        return;
    }
    d->nelems = n;
    d->elems = arena_alloc(sizeof(Node *) * (size_t)(n + 1));
    for (i = 0, e = init->a; e != NULL; e = e->next, i++) {
        Node *next = e->next;
        if (e->kind == N_BLOCK) {
            error_at(e->line, e->col, "braces around an array element");
            d->elems[i] = make_num(e, 0);
            continue;
        }
        d->elems[i] = check_value(ck, e, "an initialiser");
        d->elems[i]->next = next;
    }
}

static void check_decl(Checker *ck, Node *d, int global)
{
    i32 dim0 = 0, v;
    Sym *s;
    int words, base, i;

    if (d->is_const) {
        if (d->ndims > 0) {
            error_at(d->line, d->col, "const '%s' cannot be an array",
                     d->name);
            return;
        }
        if (d->a == NULL) {
            error_at(d->line, d->col, "const '%s' needs a value", d->name);
            return;
        }
        d->a = check_value(ck, d->a, "an initialiser");
        s = declare(ck, d, d->name, S_CONST, TY_INT);
        d->sym = s;
        if (d->a->ty == TY_ERR)
            return;
        if (!const_value(d->a, &v)) {
            error_at(d->a->line, d->a->col,
                     "value of const '%s' is not a constant", d->name);
            return;
        }
        s->cval = v;
        if (global)
            s->used = 1;
        return;
    }

    if (d->ndims == 0) {
        if (d->a != NULL) {
            if (d->has_init_list)
                error_at(d->a->line, d->a->col,
                         "scalar '%s' initialised with a list", d->name);
            else
                d->a = check_value(ck, d->a, "an initialiser");
        }
        s = declare(ck, d, d->name, global ? S_GLOBAL : S_LOCAL, TY_INT);
        d->sym = s;
        if (global) {
            s->addr = alloc_global(ck, d, 1);
            s->used = 1;
            if (s->addr >= 0 && d->a != NULL && d->a->ty == TY_INT) {
                if (!const_value(d->a, &v))
                    error_at(d->a->line, d->a->col,
                             "initialiser of global '%s' is not a constant",
                             d->name);
                else
                    ck->data[s->addr] = v;
            }
        } else {
            s->addr = alloc_frame(ck, d, 1);
        }
        return;
    }

    if (d->ndims > 1) {
        error_at(d->line, d->col,
                 "array '%s': only one-dimensional arrays are supported",
                 d->name);
        return;
    }
    dim0 = dimension(ck, d->dims, d->name);
    if (dim0 < 0)
        return;
    if (d->a != NULL) {
        array_init(ck, d, &dim0);
    } else if (dim0 == 0) {
        error_at(d->line, d->col, "array '%s' needs a size or an initialiser",
                 d->name);
        return;
    }
    if (dim0 <= 0) {
        error_at(d->line, d->col, "array '%s' has size zero", d->name);
        return;
    }
    words = 1 + (int)dim0;
    s = declare(ck, d, d->name, global ? S_GLOBAL : S_LOCAL, TY_ARR);
    d->sym = s;
    s->dim0 = dim0;
    if (!global) {
        s->addr = alloc_frame(ck, d, words);
        return;
    }
    s->used = 1;
    base = alloc_global(ck, d, words);
    s->addr = base;
    if (base < 0)
        return;
    ck->data[base] = dim0;
    for (i = 0; i < d->nelems && i < words - 1; i++) {
        if (d->elems[i] == NULL || d->elems[i]->ty != TY_INT)
            continue;
        if (!const_value(d->elems[i], &v))
            error_at(d->elems[i]->line, d->elems[i]->col,
                     "initialiser of global '%s' is not a constant",
                     d->name);
        else
            ck->data[base + 1 + i] = v;
    }
}

/* ------------------------------------------------------------------ */
/* Statements                                                          */
/* ------------------------------------------------------------------ */

static Node *check_stmt(Checker *ck, Node *n);

static Node *check_list(Checker *ck, Node *list)
{
    Node head, *tail = &head, *s, *next;
    head.next = NULL;
    for (s = list; s != NULL; s = next) {
        Node *r;
        next = s->next;
        s->next = NULL;
        r = check_stmt(ck, s);
        if (r != NULL && r->kind != N_EMPTY) {
            tail->next = r;
            while (tail->next != NULL)
                tail = tail->next;
        }
    }
    return head.next;
}

/* A block holding the statement list. */
static Node *as_block(Node *at, Node *list)
{
    Node *b = arena_alloc(sizeof *b);
    b->kind = N_BLOCK;
    b->line = at->line;
    b->col = at->col;
    b->a = list;
    return b;
}

/* Checks a statement that forms a scope of its own (a branch or body). */
static Node *check_scoped(Checker *ck, Node *n)
{
    Sym *saved;
    int off;
    Node *r;
    if (n == NULL)
        return NULL;
    open_scope(ck, &saved, &off);
    r = check_stmt(ck, n);
    close_scope(ck, saved, off);
    /* A declaration list used as a statement goes in a block. */
    return r != NULL && r->next != NULL ? as_block(n, r) : r;
}

static Node *empty_stmt(Node *at)
{
    Node *e = arena_alloc(sizeof *e);
    e->kind = N_EMPTY;
    e->line = at->line;
    e->col = at->col;
    return e;
}

static Node *check_cond(Checker *ck, Node *c)
{
    return check_value(ck, c, "a condition");
}

static Node *check_stmt(Checker *ck, Node *n)
{
    Sym *saved;
    int off;
    i32 v;
    Node *d, *next;

    switch (n->kind) {
    case N_BLOCK:
        open_scope(ck, &saved, &off);
        n->a = check_list(ck, n->a);
        close_scope(ck, saved, off);
        if (ck->fold && n->a == NULL)
            return empty_stmt(n);
        return n;
    case N_DECL:
        for (d = n; d != NULL; d = next) {
            next = d->next;
            check_decl(ck, d, 0);
        }
        return n;
    case N_EMPTY:
        return n;
    case N_EXPR:
        n->a = check_expr(ck, n->a);
        if (!has_effects(n->a) && n->a->ty != TY_ERR) {
            warning_at(n->a->line, n->a->col, "statement has no effect");
            if (ck->fold)
                return empty_stmt(n);
        }
        return n;
    case N_IF:
        n->a = check_cond(ck, n->a);
        n->b = check_scoped(ck, n->b);
        n->c = check_scoped(ck, n->c);
        if (ck->fold && const_value(n->a, &v)) {
            Node *r = v ? n->b : n->c;
            return r != NULL ? r : empty_stmt(n);
        }
        return n;
    case N_WHILE:
        n->a = check_cond(ck, n->a);
        ck->loop_depth++;
        n->b = check_scoped(ck, n->b);
        ck->loop_depth--;
        if (ck->fold && const_value(n->a, &v) && v == 0)
            return empty_stmt(n);
        return n;
    case N_DO:
        ck->loop_depth++;
        n->a = check_scoped(ck, n->a);
        ck->loop_depth--;
        n->b = check_cond(ck, n->b);
        return n;
    case N_FOR:
        open_scope(ck, &saved, &off);
        if (n->a != NULL)
            n->a = check_stmt(ck, n->a);
        if (n->a != NULL && n->a->next != NULL)
            n->a = as_block(n, n->a);
        if (n->b != NULL)
            n->b = check_cond(ck, n->b);
        if (n->c != NULL) {
            n->c = check_expr(ck, n->c);
            if (ck->fold && !has_effects(n->c))
                n->c = NULL;
        }
        ck->loop_depth++;
        n->d = check_scoped(ck, n->d);
        ck->loop_depth--;
        close_scope(ck, saved, off);
        if (ck->fold && n->b != NULL && const_value(n->b, &v)) {
            if (v != 0) {
                n->b = NULL;
            } else {
                /* Only the initialisation is left. */
                return n->a == NULL ? empty_stmt(n) : as_block(n, n->a);
            }
        }
        return n;
    case N_BREAK:
    case N_CONTINUE:
        if (ck->loop_depth == 0)
            error_at(n->line, n->col, "'%s' statement not in a loop",
                     n->kind == N_BREAK ? "break" : "continue");
        return n;
    case N_RETURN:
        if (n->a != NULL) {
            if (ck->fn->is_void) {
                n->a = check_expr(ck, n->a);
                error_at(n->line, n->col,
                         "void function '%s' returns a value", ck->fn->name);
            } else {
                n->a = check_value(ck, n->a, "a return value");
            }
        } else if (!ck->fn->is_void) {
            error_at(n->line, n->col, "function '%s' must return a value",
                     ck->fn->name);
        }
        return n;
    default:
        return n;
    }
}

/* ------------------------------------------------------------------ */
/* Functions and the program                                           */
/* ------------------------------------------------------------------ */

static void check_function(Checker *ck, Func *f)
{
    Node *fnode = f->node, *p;
    Sym *saved;
    int off, i;

    ck->fn = f;
    ck->frame_off = 0;
    ck->frame_max = 0;
    ck->loop_depth = 0;
    open_scope(ck, &saved, &off);
    for (p = fnode->a, i = 0; p != NULL; p = p->next, i++) {
        Sym *s = declare(ck, p, p->name, S_PARAM,
                         p->ndims > 0 ? TY_ARR : TY_INT);
        s->is_ref = p->ndims > 0;
        s->addr = alloc_frame(ck, p, 1);
        s->used = 1;
        p->sym = s;
        f->params[i] = s;
    }
    fnode->b->a = check_list(ck, fnode->b->a);
    close_scope(ck, saved, off);
    f->frame = ck->frame_max;
}

int check_program(Node *items, int fold, Program *prog)
{
    Checker ck;
    Node *it, *next;
    Func **ftail;
    int nf = 0;

    memset(&ck, 0, sizeof ck);
    memset(prog, 0, sizeof *prog);
    ck.fold = fold;
    ck.prog = prog;
    ck.data = arena_alloc(sizeof(i32) * MAX_GLOBAL_WORDS);

    /* Functions can be called before their definition: collect them all. */
    ftail = &prog->funcs;
    for (it = items; it != NULL; it = it->next) {
        Func *f;
        Node *p;
        if (it->kind != N_FUNC)
            continue;
        if (builtin_id(it->name) != B_NONE) {
            error_at(it->line, it->col,
                     "'%s' is a builtin and cannot be redefined", it->name);
            continue;
        }
        f = find_func(prog, it->name);
        if (f != NULL) {
            error_at(it->line, it->col,
                     "redefinition of function '%s' (first defined at line "
                     "%d)", it->name, f->line);
            continue;
        }
        f = arena_alloc(sizeof *f);
        f->name = it->name;
        f->is_void = it->is_void;
        f->node = it;
        f->line = it->line;
        f->col = it->col;
        f->index = nf++;
        for (p = it->a; p != NULL; p = p->next)
            f->nparams++;
        f->params = arena_alloc(sizeof(Sym *) * (size_t)(f->nparams + 1));
        it->fn = f;
        *ftail = f;
        ftail = &f->next;
    }
    prog->nfuncs = nf;

    for (it = items; it != NULL; it = next) {
        next = it->next;
        if (it->kind == N_DECL)
            check_decl(&ck, it, 1);
        else if (it->kind == N_FUNC && it->fn != NULL)
            check_function(&ck, it->fn);
    }

    prog->main_fn = find_func(prog, "main");
    if (prog->main_fn == NULL) {
        error_at(1, 1, "no function 'main' defined");
    } else if (prog->main_fn->nparams != 0 || prog->main_fn->is_void) {
        error_at(prog->main_fn->line, prog->main_fn->col,
                 "'main' must be declared as 'int main()'");
    }
    prog->data = ck.data;
    prog->data_size = ck.data_size;
    return n_errors;
}
