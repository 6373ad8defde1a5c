/*
 * calc.c - a compiler and stack virtual machine for a small integer
 * expression language.
 *
 * Language summary:
 *     // comment to end of line
 *     array a[100];                 global array of integers (zeroed)
 *     x = 3 * (y + 1);              assignment (top-level names are globals)
 *     a[i] += 2;                    array element assignment, += -= *= /= %=
 *     if (x < 10) { ... } else { ... }
 *     while (i < n) { ... break; continue; }
 *     print x, a[0] * 2;            prints values separated by spaces
 *     func gcd(a, b) { var t; ... return a; }
 * Expressions use 64-bit integers with wrapping arithmetic and the
 * operators  || && | ^ & == != < <= > >= << >> + - * / % and unary - ! ~ .
 * The global variable "arg" holds the integer given on the command line.
 *
 * Pipeline: tokenizer -> recursive-descent parser building a syntax tree
 * (names resolved to global, local, array and function slots) -> constant
 * folding -> code generation to bytecode -> virtual machine.  The program
 * is also run by a direct tree-walking evaluator, and the two outputs and
 * final global states are compared.
 *
 * Usage: calc PROGRAM [ARG [list]]
 * With "list" the bytecode is disassembled before it is run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef long long i64;
typedef unsigned long long u64;

/* ------------------------------------------------------------------ */
/* Utilities                                                           */
/* ------------------------------------------------------------------ */

static void *xmalloc(size_t n)
{
    void *p = malloc(n == 0 ? 1 : n);
    if (p == NULL) {
        fprintf(stderr, "calc: out of memory\n");
        exit(1);
    }
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n == 0 ? 1 : n);
    if (q == NULL) {
        fprintf(stderr, "calc: out of memory\n");
        exit(1);
    }
    return q;
}

typedef struct {
    char *data;
    size_t len;
    size_t cap;
} Buf;

static void buf_init(Buf *b)
{
    b->cap = 1024;
    b->len = 0;
    b->data = (char *)xmalloc(b->cap);
}

static void buf_put(Buf *b, const char *s, size_t n)
{
    if (b->len + n > b->cap) {
        while (b->len + n > b->cap)
            b->cap *= 2;
        b->data = (char *)xrealloc(b->data, b->cap);
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
}

static void buf_put_int(Buf *b, i64 v)
{
    char tmp[32];
    int n = sprintf(tmp, "%lld", v);
    buf_put(b, tmp, (size_t)n);
}

static u64 fnv1a(const char *s, size_t n, u64 h)
{
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* ------------------------------------------------------------------ */
/* Integer semantics shared by the folder, the VM and the evaluator    */
/* ------------------------------------------------------------------ */

enum {
    OPR_ADD, OPR_SUB, OPR_MUL, OPR_DIV, OPR_MOD, OPR_SHL, OPR_SHR,
    OPR_LT, OPR_LE, OPR_GT, OPR_GE, OPR_EQ, OPR_NE,
    OPR_BAND, OPR_BOR, OPR_BXOR,
    OPR_NEG, OPR_NOT, OPR_BNOT,
    OPR_COUNT
};

static const char *opr_names[OPR_COUNT] = {
    "+", "-", "*", "/", "%", "<<", ">>", "<", "<=", ">", ">=", "==", "!=",
    "&", "|", "^", "neg", "!", "~"
};

/* error codes for arithmetic */
#define ARITH_OK 0
#define ARITH_DIV0 1

static i64 shift_right(i64 a, i64 n)
{
    int k = (int)(n & 63);
    if (a >= 0)
        return a >> k;
    return ~((~a) >> k);
}

static int apply_binary(int op, i64 a, i64 b, i64 *out)
{
    switch (op) {
    case OPR_ADD: *out = (i64)((u64)a + (u64)b); break;
    case OPR_SUB: *out = (i64)((u64)a - (u64)b); break;
    case OPR_MUL: *out = (i64)((u64)a * (u64)b); break;
    case OPR_DIV:
        if (b == 0)
            return ARITH_DIV0;
        *out = b == -1 ? (i64)(0ull - (u64)a) : a / b;
        break;
    case OPR_MOD:
        if (b == 0)
            return ARITH_DIV0;
        *out = b == -1 ? 0 : a % b;
        break;
    case OPR_SHL: *out = (i64)((u64)a << (b & 63)); break;
    case OPR_SHR: *out = shift_right(a, b); break;
    case OPR_LT: *out = a < b; break;
    case OPR_LE: *out = a <= b; break;
    case OPR_GT: *out = a > b; break;
    case OPR_GE: *out = a >= b; break;
    case OPR_EQ: *out = a == b; break;
    case OPR_NE: *out = a != b; break;
    case OPR_BAND: *out = a & b; break;
    case OPR_BOR: *out = a | b; break;
    case OPR_BXOR: *out = a ^ b; break;
    default: *out = 0; break;
    }
    return ARITH_OK;
}

static i64 apply_unary(int op, i64 a)
{
    switch (op) {
    case OPR_NEG: return (i64)(0ull - (u64)a);
    case OPR_NOT: return a == 0;
    case OPR_BNOT: return ~a;
    default: return a;
    }
}

/* ------------------------------------------------------------------ */
/* Tokenizer                                                           */
/* ------------------------------------------------------------------ */

enum {
    TK_EOF, TK_NUM, TK_IDENT,
    TK_VAR, TK_FUNC, TK_IF, TK_ELSE, TK_WHILE, TK_RETURN, TK_PRINT,
    TK_ARRAY, TK_BREAK, TK_CONTINUE,
    TK_LPAREN, TK_RPAREN, TK_LBRACE, TK_RBRACE, TK_LBRACKET, TK_RBRACKET,
    TK_COMMA, TK_SEMI,
    TK_ASSIGN, TK_PLUSEQ, TK_MINUSEQ, TK_STAREQ, TK_SLASHEQ, TK_PERCENTEQ,
    TK_OROR, TK_ANDAND, TK_OR, TK_XOR, TK_AND,
    TK_EQ, TK_NE, TK_LT, TK_LE, TK_GT, TK_GE, TK_SHL, TK_SHR,
    TK_PLUS, TK_MINUS, TK_STAR, TK_SLASH, TK_PERCENT, TK_BANG, TK_TILDE
};

typedef struct {
    int kind;
    i64 value;
    const char *start;
    int len;
    int line;
} Token;

typedef struct {
    const char *src;
    size_t pos;
    size_t len;
    int line;
    Token tok;      /* current token */
    Token ahead;    /* one token of look-ahead */
    int have_ahead;
} Lexer;

static void compile_error(int line, const char *msg, const char *detail)
{
    fflush(stdout);
    if (detail != NULL)
        fprintf(stderr, "calc: line %d: %s: %s\n", line, msg, detail);
    else
        fprintf(stderr, "calc: line %d: %s\n", line, msg);
    exit(1);
}

static const struct {
    const char *word;
    int kind;
} keywords[] = {
    {"var", TK_VAR}, {"func", TK_FUNC}, {"if", TK_IF}, {"else", TK_ELSE},
    {"while", TK_WHILE}, {"return", TK_RETURN}, {"print", TK_PRINT},
    {"array", TK_ARRAY}, {"break", TK_BREAK}, {"continue", TK_CONTINUE}
};

static int is_ident_start(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_ident_char(int c)
{
    return is_ident_start(c) || (c >= '0' && c <= '9');
}

static Token scan_token(Lexer *lx)
{
    Token t;
    const char *s = lx->src;
    int c, c2;
    for (;;) {
        while (lx->pos < lx->len && (s[lx->pos] == ' ' || s[lx->pos] == '\t' ||
                                     s[lx->pos] == '\r' || s[lx->pos] == '\n')) {
            if (s[lx->pos] == '\n')
                lx->line++;
            lx->pos++;
        }
        if (lx->pos + 1 < lx->len && s[lx->pos] == '/' && s[lx->pos + 1] == '/') {
            while (lx->pos < lx->len && s[lx->pos] != '\n')
                lx->pos++;
            continue;
        }
        if (lx->pos + 1 < lx->len && s[lx->pos] == '/' && s[lx->pos + 1] == '*') {
            lx->pos += 2;
            while (lx->pos + 1 < lx->len && !(s[lx->pos] == '*' && s[lx->pos + 1] == '/')) {
                if (s[lx->pos] == '\n')
                    lx->line++;
                lx->pos++;
            }
            if (lx->pos + 1 >= lx->len)
                compile_error(lx->line, "unterminated comment", NULL);
            lx->pos += 2;
            continue;
        }
        break;
    }
    t.start = s + lx->pos;
    t.line = lx->line;
    t.value = 0;
    t.len = 0;
    if (lx->pos >= lx->len) {
        t.kind = TK_EOF;
        return t;
    }
    c = (unsigned char)s[lx->pos];
    c2 = lx->pos + 1 < lx->len ? (unsigned char)s[lx->pos + 1] : 0;
    if (c >= '0' && c <= '9') {
        u64 v = 0;
        size_t st = lx->pos;
        if (c == '0' && (c2 == 'x' || c2 == 'X')) {
            lx->pos += 2;
            while (lx->pos < lx->len) {
                int d = (unsigned char)s[lx->pos];
                int dv;
                if (d >= '0' && d <= '9') dv = d - '0';
                else if (d >= 'a' && d <= 'f') dv = d - 'a' + 10;
                else if (d >= 'A' && d <= 'F') dv = d - 'A' + 10;
                else break;
                v = v * 16u + (u64)dv;
                lx->pos++;
            }
        } else {
            while (lx->pos < lx->len && s[lx->pos] >= '0' && s[lx->pos] <= '9') {
                v = v * 10u + (u64)(s[lx->pos] - '0');
                lx->pos++;
            }
        }
        t.kind = TK_NUM;
        t.value = (i64)v;
        t.len = (int)(lx->pos - st);
        return t;
    }
    if (is_ident_start(c)) {
        size_t st = lx->pos;
        size_t k;
        while (lx->pos < lx->len && is_ident_char((unsigned char)s[lx->pos]))
            lx->pos++;
        t.len = (int)(lx->pos - st);
        t.kind = TK_IDENT;
        for (k = 0; k < sizeof(keywords) / sizeof(keywords[0]); k++) {
            if ((int)strlen(keywords[k].word) == t.len && memcmp(keywords[k].word, t.start, (size_t)t.len) == 0) {
                t.kind = keywords[k].kind;
                break;
            }
        }
        return t;
    }
    t.len = 1;
    switch (c) {
    case '(': t.kind = TK_LPAREN; break;
    case ')': t.kind = TK_RPAREN; break;
    case '{': t.kind = TK_LBRACE; break;
    case '}': t.kind = TK_RBRACE; break;
    case '[': t.kind = TK_LBRACKET; break;
    case ']': t.kind = TK_RBRACKET; break;
    case ',': t.kind = TK_COMMA; break;
    case ';': t.kind = TK_SEMI; break;
    case '~': t.kind = TK_TILDE; break;
    case '^': t.kind = TK_XOR; break;
    case '=':
        if (c2 == '=') { t.kind = TK_EQ; t.len = 2; } else t.kind = TK_ASSIGN;
        break;
    case '!':
        if (c2 == '=') { t.kind = TK_NE; t.len = 2; } else t.kind = TK_BANG;
        break;
    case '<':
        if (c2 == '=') { t.kind = TK_LE; t.len = 2; }
        else if (c2 == '<') { t.kind = TK_SHL; t.len = 2; }
        else t.kind = TK_LT;
        break;
    case '>':
        if (c2 == '=') { t.kind = TK_GE; t.len = 2; }
        else if (c2 == '>') { t.kind = TK_SHR; t.len = 2; }
        else t.kind = TK_GT;
        break;
    case '&':
        if (c2 == '&') { t.kind = TK_ANDAND; t.len = 2; } else t.kind = TK_AND;
        break;
    case '|':
        if (c2 == '|') { t.kind = TK_OROR; t.len = 2; } else t.kind = TK_OR;
        break;
    case '+':
        if (c2 == '=') { t.kind = TK_PLUSEQ; t.len = 2; } else t.kind = TK_PLUS;
        break;
    case '-':
        if (c2 == '=') { t.kind = TK_MINUSEQ; t.len = 2; } else t.kind = TK_MINUS;
        break;
    case '*':
        if (c2 == '=') { t.kind = TK_STAREQ; t.len = 2; } else t.kind = TK_STAR;
        break;
    case '/':
        if (c2 == '=') { t.kind = TK_SLASHEQ; t.len = 2; } else t.kind = TK_SLASH;
        break;
    case '%':
        if (c2 == '=') { t.kind = TK_PERCENTEQ; t.len = 2; } else t.kind = TK_PERCENT;
        break;
    default: {
        char tmp[8];
        sprintf(tmp, "%c", c >= 32 && c < 127 ? c : '?');
        compile_error(lx->line, "unexpected character", tmp);
    }
    }
    lx->pos += (size_t)t.len;
    return t;
}

static void lex_next(Lexer *lx)
{
    if (lx->have_ahead) {
        lx->tok = lx->ahead;
        lx->have_ahead = 0;
    } else {
        lx->tok = scan_token(lx);
    }
}

static const Token *lex_peek2(Lexer *lx)
{
    if (!lx->have_ahead) {
        lx->ahead = scan_token(lx);
        lx->have_ahead = 1;
    }
    return &lx->ahead;
}

/* ------------------------------------------------------------------ */
/* Syntax tree and symbols                                             */
/* ------------------------------------------------------------------ */

enum {
    N_NUM, N_GLOBAL, N_LOCAL, N_INDEX, N_BINARY, N_UNARY, N_AND, N_OR, N_CALL,
    N_SET_GLOBAL, N_SET_LOCAL, N_SET_INDEX,
    N_EXPR_STMT, N_IF, N_WHILE, N_BLOCK, N_PRINT, N_RETURN, N_BREAK, N_CONTINUE
};

typedef struct Node Node;
struct Node {
    int kind;
    int line;
    int op;        /* operator for N_BINARY / N_UNARY; compound op for sets (-1: plain) */
    int slot;      /* global index, local slot, array index or function index */
    i64 value;     /* N_NUM */
    Node *a, *b, *c;
    Node *next;    /* sibling in statement lists and argument lists */
};

typedef struct {
    char *name;
    i64 value;
} Global;

typedef struct {
    char *name;
    i64 size;
    i64 *data;
} Array;

typedef struct {
    char *name;
    int nparams;
    int nlocals;
    int defined;
    int first_use_line;
    Node *body;
    int entry;      /* bytecode address */
} Function;

typedef struct {
    Global *globals;
    int nglobals, cap_globals;
    Array *arrays;
    int narrays, cap_arrays;
    Function *funcs;
    int nfuncs, cap_funcs;
    Node *main_body;
    long node_count;
} Program;

/* names of the locals of the function being parsed */
#define MAX_LOCALS 64
static char *cur_locals[MAX_LOCALS];
static int cur_nlocals;
static int in_function;
static int loop_depth;

static Program prog;

static char *dup_name(const char *s, int len)
{
    char *r = (char *)xmalloc((size_t)len + 1);
    memcpy(r, s, (size_t)len);
    r[len] = '\0';
    return r;
}

static int name_is(const char *name, const Token *t)
{
    return (int)strlen(name) == t->len && memcmp(name, t->start, (size_t)t->len) == 0;
}

static int find_global(const Token *t, int create)
{
    int i;
    for (i = 0; i < prog.nglobals; i++)
        if (name_is(prog.globals[i].name, t))
            return i;
    if (!create)
        return -1;
    if (prog.nglobals == prog.cap_globals) {
        prog.cap_globals = prog.cap_globals ? prog.cap_globals * 2 : 16;
        prog.globals = (Global *)xrealloc(prog.globals, (size_t)prog.cap_globals * sizeof(Global));
    }
    prog.globals[prog.nglobals].name = dup_name(t->start, t->len);
    prog.globals[prog.nglobals].value = 0;
    return prog.nglobals++;
}

static int find_array(const Token *t)
{
    int i;
    for (i = 0; i < prog.narrays; i++)
        if (name_is(prog.arrays[i].name, t))
            return i;
    return -1;
}

static int find_function(const Token *t, int create)
{
    int i;
    for (i = 0; i < prog.nfuncs; i++)
        if (name_is(prog.funcs[i].name, t))
            return i;
    if (!create)
        return -1;
    if (prog.nfuncs == prog.cap_funcs) {
        prog.cap_funcs = prog.cap_funcs ? prog.cap_funcs * 2 : 8;
        prog.funcs = (Function *)xrealloc(prog.funcs, (size_t)prog.cap_funcs * sizeof(Function));
    }
    memset(&prog.funcs[prog.nfuncs], 0, sizeof(Function));
    prog.funcs[prog.nfuncs].name = dup_name(t->start, t->len);
    prog.funcs[prog.nfuncs].nparams = -1;
    prog.funcs[prog.nfuncs].first_use_line = t->line;
    return prog.nfuncs++;
}

static int find_local(const Token *t)
{
    int i;
    for (i = 0; i < cur_nlocals; i++)
        if (name_is(cur_locals[i], t))
            return i;
    return -1;
}

static Node *new_node(int kind, int line)
{
    Node *n = (Node *)xmalloc(sizeof(Node));
    memset(n, 0, sizeof(*n));
    n->kind = kind;
    n->line = line;
    n->op = -1;
    prog.node_count++;
    return n;
}

static void free_tree(Node *n)
{
    while (n != NULL) {
        Node *next = n->next;
        free_tree(n->a);
        free_tree(n->b);
        free_tree(n->c);
        free(n);
        n = next;
    }
}

/* ------------------------------------------------------------------ */
/* Parser                                                              */
/* ------------------------------------------------------------------ */

static void expect(Lexer *lx, int kind, const char *what)
{
    if (lx->tok.kind != kind)
        compile_error(lx->tok.line, "expected", what);
    lex_next(lx);
}

static Node *parse_expr(Lexer *lx);

static Node *parse_primary(Lexer *lx)
{
    Token t = lx->tok;
    Node *n;
    if (t.kind == TK_NUM) {
        lex_next(lx);
        n = new_node(N_NUM, t.line);
        n->value = t.value;
        return n;
    }
    if (t.kind == TK_LPAREN) {
        lex_next(lx);
        n = parse_expr(lx);
        expect(lx, TK_RPAREN, ")");
        return n;
    }
    if (t.kind == TK_IDENT) {
        lex_next(lx);
        if (lx->tok.kind == TK_LPAREN) {
            Node *last = NULL;
            int nargs = 0;
            n = new_node(N_CALL, t.line);
            n->slot = find_function(&t, 1);
            lex_next(lx);
            if (lx->tok.kind != TK_RPAREN) {
                for (;;) {
                    Node *arg = parse_expr(lx);
                    if (last == NULL)
                        n->a = arg;
                    else
                        last->next = arg;
                    last = arg;
                    nargs++;
                    if (lx->tok.kind != TK_COMMA)
                        break;
                    lex_next(lx);
                }
            }
            expect(lx, TK_RPAREN, ")");
            n->value = nargs;
            return n;
        }
        if (lx->tok.kind == TK_LBRACKET) {
            int arr = find_array(&t);
            if (arr < 0)
                compile_error(t.line, "unknown array", dup_name(t.start, t.len));
            lex_next(lx);
            n = new_node(N_INDEX, t.line);
            n->slot = arr;
            n->a = parse_expr(lx);
            expect(lx, TK_RBRACKET, "]");
            return n;
        }
        if (in_function) {
            int loc = find_local(&t);
            if (loc >= 0) {
                n = new_node(N_LOCAL, t.line);
                n->slot = loc;
                return n;
            }
        }
        n = new_node(N_GLOBAL, t.line);
        n->slot = find_global(&t, 1);
        return n;
    }
    compile_error(t.line, "expected an expression", NULL);
    return NULL;
}

static Node *parse_unary(Lexer *lx)
{
    int line = lx->tok.line;
    int op = -1;
    Node *n;
    switch (lx->tok.kind) {
    case TK_MINUS: op = OPR_NEG; break;
    case TK_BANG: op = OPR_NOT; break;
    case TK_TILDE: op = OPR_BNOT; break;
    case TK_PLUS:
        lex_next(lx);
        return parse_unary(lx);
    default:
        return parse_primary(lx);
    }
    lex_next(lx);
    n = new_node(N_UNARY, line);
    n->op = op;
    n->a = parse_unary(lx);
    return n;
}

/* binary operator table: token, operator, precedence level */
static int binary_op(int kind, int *prec)
{
    switch (kind) {
    case TK_STAR: *prec = 10; return OPR_MUL;
    case TK_SLASH: *prec = 10; return OPR_DIV;
    case TK_PERCENT: *prec = 10; return OPR_MOD;
    case TK_PLUS: *prec = 9; return OPR_ADD;
    case TK_MINUS: *prec = 9; return OPR_SUB;
    case TK_SHL: *prec = 8; return OPR_SHL;
    case TK_SHR: *prec = 8; return OPR_SHR;
    case TK_LT: *prec = 7; return OPR_LT;
    case TK_LE: *prec = 7; return OPR_LE;
    case TK_GT: *prec = 7; return OPR_GT;
    case TK_GE: *prec = 7; return OPR_GE;
    case TK_EQ: *prec = 6; return OPR_EQ;
    case TK_NE: *prec = 6; return OPR_NE;
    case TK_AND: *prec = 5; return OPR_BAND;
    case TK_XOR: *prec = 4; return OPR_BXOR;
    case TK_OR: *prec = 3; return OPR_BOR;
    default: *prec = -1; return -1;
    }
}

/* precedence climbing for the arithmetic and bitwise levels */
static Node *parse_binary(Lexer *lx, int min_prec)
{
    Node *lhs = parse_unary(lx);
    for (;;) {
        int prec;
        int op = binary_op(lx->tok.kind, &prec);
        int line = lx->tok.line;
        Node *n;
        if (op < 0 || prec < min_prec)
            return lhs;
        lex_next(lx);
        n = new_node(N_BINARY, line);
        n->op = op;
        n->a = lhs;
        n->b = parse_binary(lx, prec + 1);
        lhs = n;
    }
}

static Node *parse_and(Lexer *lx)
{
    Node *lhs = parse_binary(lx, 3);
    while (lx->tok.kind == TK_ANDAND) {
        Node *n = new_node(N_AND, lx->tok.line);
        lex_next(lx);
        n->a = lhs;
        n->b = parse_binary(lx, 3);
        lhs = n;
    }
    return lhs;
}

static Node *parse_expr(Lexer *lx)
{
    Node *lhs = parse_and(lx);
    while (lx->tok.kind == TK_OROR) {
        Node *n = new_node(N_OR, lx->tok.line);
        lex_next(lx);
        n->a = lhs;
        n->b = parse_and(lx);
        lhs = n;
    }
    return lhs;
}

static int assign_op(int kind)
{
    switch (kind) {
    case TK_ASSIGN: return -1;
    case TK_PLUSEQ: return OPR_ADD;
    case TK_MINUSEQ: return OPR_SUB;
    case TK_STAREQ: return OPR_MUL;
    case TK_SLASHEQ: return OPR_DIV;
    case TK_PERCENTEQ: return OPR_MOD;
    default: return -2;
    }
}

static Node *parse_statement(Lexer *lx);

static Node *parse_block(Lexer *lx)
{
    Node *blk = new_node(N_BLOCK, lx->tok.line);
    Node *last = NULL;
    expect(lx, TK_LBRACE, "{");
    while (lx->tok.kind != TK_RBRACE) {
        Node *s;
        if (lx->tok.kind == TK_EOF)
            compile_error(lx->tok.line, "unterminated block", NULL);
        s = parse_statement(lx);
        if (s == NULL)
            continue;
        if (last == NULL)
            blk->a = s;
        else
            last->next = s;
        last = s;
    }
    lex_next(lx);
    return blk;
}

static Node *parse_var_decl(Lexer *lx)
{
    Node *first = NULL, *last = NULL;
    lex_next(lx); /* var */
    for (;;) {
        Token t = lx->tok;
        int slot;
        expect(lx, TK_IDENT, "variable name");
        if (!in_function) {
            slot = find_global(&t, 1);
        } else {
            if (find_local(&t) >= 0)
                compile_error(t.line, "duplicate local", dup_name(t.start, t.len));
            if (cur_nlocals >= MAX_LOCALS)
                compile_error(t.line, "too many locals", NULL);
            slot = cur_nlocals;
            cur_locals[cur_nlocals++] = dup_name(t.start, t.len);
        }
        {
            /* every declaration initialises: to 0 when no value is given */
            Node *set = new_node(in_function ? N_SET_LOCAL : N_SET_GLOBAL, t.line);
            set->slot = slot;
            if (lx->tok.kind == TK_ASSIGN) {
                lex_next(lx);
                set->a = parse_expr(lx);
            } else {
                set->a = new_node(N_NUM, t.line);
            }
            if (last == NULL)
                first = set;
            else
                last->next = set;
            last = set;
        }
        if (lx->tok.kind != TK_COMMA)
            break;
        lex_next(lx);
    }
    expect(lx, TK_SEMI, ";");
    if (first != NULL && first->next != NULL) {
        Node *blk = new_node(N_BLOCK, first->line);
        blk->a = first;
        return blk;
    }
    return first;
}

static Node *parse_statement(Lexer *lx)
{
    Token t = lx->tok;
    Node *n;
    switch (t.kind) {
    case TK_LBRACE:
        return parse_block(lx);
    case TK_SEMI:
        lex_next(lx);
        return NULL;
    case TK_VAR:
        return parse_var_decl(lx);
    case TK_IF:
        lex_next(lx);
        n = new_node(N_IF, t.line);
        expect(lx, TK_LPAREN, "(");
        n->a = parse_expr(lx);
        expect(lx, TK_RPAREN, ")");
        n->b = parse_statement(lx);
        if (lx->tok.kind == TK_ELSE) {
            lex_next(lx);
            n->c = parse_statement(lx);
        }
        return n;
    case TK_WHILE:
        lex_next(lx);
        n = new_node(N_WHILE, t.line);
        expect(lx, TK_LPAREN, "(");
        n->a = parse_expr(lx);
        expect(lx, TK_RPAREN, ")");
        loop_depth++;
        n->b = parse_statement(lx);
        loop_depth--;
        return n;
    case TK_BREAK:
    case TK_CONTINUE:
        if (loop_depth == 0)
            compile_error(t.line, "break or continue outside a loop", NULL);
        lex_next(lx);
        expect(lx, TK_SEMI, ";");
        return new_node(t.kind == TK_BREAK ? N_BREAK : N_CONTINUE, t.line);
    case TK_RETURN:
        if (!in_function)
            compile_error(t.line, "return outside a function", NULL);
        lex_next(lx);
        n = new_node(N_RETURN, t.line);
        if (lx->tok.kind != TK_SEMI)
            n->a = parse_expr(lx);
        else
            n->a = new_node(N_NUM, t.line);
        expect(lx, TK_SEMI, ";");
        return n;
    case TK_PRINT: {
        Node *last = NULL;
        lex_next(lx);
        n = new_node(N_PRINT, t.line);
        for (;;) {
            Node *e = parse_expr(lx);
            if (last == NULL)
                n->a = e;
            else
                last->next = e;
            last = e;
            if (lx->tok.kind != TK_COMMA)
                break;
            lex_next(lx);
        }
        expect(lx, TK_SEMI, ";");
        return n;
    }
    case TK_IDENT: {
        const Token *t2 = lex_peek2(lx);
        int aop = assign_op(t2->kind);
        if (aop != -2) {
            /* scalar assignment */
            int loc = in_function ? find_local(&t) : -1;
            lex_next(lx);
            lex_next(lx);
            if (loc >= 0) {
                n = new_node(N_SET_LOCAL, t.line);
                n->slot = loc;
            } else {
                n = new_node(N_SET_GLOBAL, t.line);
                n->slot = find_global(&t, 1);
            }
            n->op = aop;
            n->a = parse_expr(lx);
            expect(lx, TK_SEMI, ";");
            return n;
        }
        if (t2->kind == TK_LBRACKET) {
            int arr = find_array(&t);
            Node *index;
            if (arr < 0)
                compile_error(t.line, "unknown array", dup_name(t.start, t.len));
            lex_next(lx);
            lex_next(lx);
            index = parse_expr(lx);
            expect(lx, TK_RBRACKET, "]");
            aop = assign_op(lx->tok.kind);
            if (aop == -2)
                compile_error(t.line, "expected assignment to array element", NULL);
            lex_next(lx);
            n = new_node(N_SET_INDEX, t.line);
            n->slot = arr;
            n->op = aop;
            n->a = index;
            n->b = parse_expr(lx);
            expect(lx, TK_SEMI, ";");
            return n;
        }
        break;
    }
    default:
        break;
    }
    n = new_node(N_EXPR_STMT, t.line);
    n->a = parse_expr(lx);
    expect(lx, TK_SEMI, ";");
    return n;
}

static void parse_function(Lexer *lx)
{
    Token name;
    int f, i;
    Function *fn;
    lex_next(lx); /* func */
    name = lx->tok;
    expect(lx, TK_IDENT, "function name");
    f = find_function(&name, 1);
    if (prog.funcs[f].defined)
        compile_error(name.line, "function defined twice", prog.funcs[f].name);
    in_function = 1;
    cur_nlocals = 0;
    expect(lx, TK_LPAREN, "(");
    if (lx->tok.kind != TK_RPAREN) {
        for (;;) {
            Token p = lx->tok;
            expect(lx, TK_IDENT, "parameter name");
            if (find_local(&p) >= 0)
                compile_error(p.line, "duplicate parameter", dup_name(p.start, p.len));
            if (cur_nlocals >= MAX_LOCALS)
                compile_error(p.line, "too many parameters", NULL);
            cur_locals[cur_nlocals++] = dup_name(p.start, p.len);
            if (lx->tok.kind != TK_COMMA)
                break;
            lex_next(lx);
        }
    }
    expect(lx, TK_RPAREN, ")");
    fn = &prog.funcs[f];
    fn->nparams = cur_nlocals;
    fn->body = parse_block(lx);
    fn = &prog.funcs[f]; /* the table may have grown */
    fn->nlocals = cur_nlocals;
    fn->defined = 1;
    for (i = 0; i < cur_nlocals; i++)
        free(cur_locals[i]);
    cur_nlocals = 0;
    in_function = 0;
}

static void parse_array_decl(Lexer *lx)
{
    Token name;
    i64 size;
    lex_next(lx); /* array */
    name = lx->tok;
    expect(lx, TK_IDENT, "array name");
    if (find_array(&name) >= 0)
        compile_error(name.line, "array declared twice", dup_name(name.start, name.len));
    expect(lx, TK_LBRACKET, "[");
    if (lx->tok.kind != TK_NUM)
        compile_error(lx->tok.line, "array size must be a number", NULL);
    size = lx->tok.value;
    if (size <= 0 || size > 10000000)
        compile_error(lx->tok.line, "bad array size", NULL);
    lex_next(lx);
    expect(lx, TK_RBRACKET, "]");
    expect(lx, TK_SEMI, ";");
    if (prog.narrays == prog.cap_arrays) {
        prog.cap_arrays = prog.cap_arrays ? prog.cap_arrays * 2 : 4;
        prog.arrays = (Array *)xrealloc(prog.arrays, (size_t)prog.cap_arrays * sizeof(Array));
    }
    prog.arrays[prog.narrays].name = dup_name(name.start, name.len);
    prog.arrays[prog.narrays].size = size;
    prog.arrays[prog.narrays].data = NULL;
    prog.narrays++;
}

static void parse_program(const char *src, size_t len)
{
    Lexer lx;
    Node *last = NULL;
    int i;
    lx.src = src;
    lx.pos = 0;
    lx.len = len;
    lx.line = 1;
    lx.have_ahead = 0;
    lex_next(&lx);
    while (lx.tok.kind != TK_EOF) {
        Node *s;
        if (lx.tok.kind == TK_FUNC) {
            parse_function(&lx);
            continue;
        }
        if (lx.tok.kind == TK_ARRAY) {
            parse_array_decl(&lx);
            continue;
        }
        s = parse_statement(&lx);
        if (s == NULL)
            continue;
        if (last == NULL)
            prog.main_body = s;
        else
            last->next = s;
        last = s;
    }
    for (i = 0; i < prog.nfuncs; i++) {
        if (!prog.funcs[i].defined)
            compile_error(prog.funcs[i].first_use_line, "undefined function", prog.funcs[i].name);
    }
}

/* check call arities once every function is known */
static void check_calls(Node *n)
{
    for (; n != NULL; n = n->next) {
        if (n->kind == N_CALL && prog.funcs[n->slot].nparams != (int)n->value)
            compile_error(n->line, "wrong number of arguments in call to", prog.funcs[n->slot].name);
        check_calls(n->a);
        check_calls(n->b);
        check_calls(n->c);
    }
}

/* ------------------------------------------------------------------ */
/* Constant folding                                                    */
/* ------------------------------------------------------------------ */

static long folds;

static Node *fold(Node *n)
{
    if (n == NULL)
        return NULL;
    n->a = fold(n->a);
    n->b = fold(n->b);
    n->c = fold(n->c);
    n->next = fold(n->next);
    switch (n->kind) {
    case N_UNARY:
        if (n->a->kind == N_NUM) {
            n->value = apply_unary(n->op, n->a->value);
            free_tree(n->a);
            n->a = NULL;
            n->kind = N_NUM;
            folds++;
        }
        break;
    case N_BINARY:
        if (n->a->kind == N_NUM && n->b->kind == N_NUM) {
            i64 v;
            if (apply_binary(n->op, n->a->value, n->b->value, &v) == ARITH_OK) {
                n->value = v;
                free_tree(n->a);
                free_tree(n->b);
                n->a = n->b = NULL;
                n->kind = N_NUM;
                folds++;
            }
        }
        break;
    case N_AND:
    case N_OR:
        if (n->a->kind == N_NUM && n->b->kind == N_NUM) {
            if (n->kind == N_AND)
                n->value = n->a->value != 0 && n->b->value != 0;
            else
                n->value = n->a->value != 0 || n->b->value != 0;
            free_tree(n->a);
            free_tree(n->b);
            n->a = n->b = NULL;
            n->kind = N_NUM;
            folds++;
        }
        break;
    default:
        break;
    }
    return n;
}

/* ------------------------------------------------------------------ */
/* Bytecode                                                            */
/* ------------------------------------------------------------------ */

enum {
    OP_HALT, OP_PUSH, OP_POP, OP_LOADG, OP_STOREG, OP_LOADL, OP_STOREL,
    OP_LOADA, OP_STOREA, OP_BINOP, OP_UNOP, OP_JMP, OP_JZ, OP_JNZ,
    OP_CALL, OP_RET, OP_PRINT, OP_DUP, OP_BOOL, OP_INCL, OP_COUNT
};

static const char *op_names[OP_COUNT] = {
    "halt", "push", "pop", "loadg", "storeg", "loadl", "storel",
    "loada", "storea", "binop", "unop", "jmp", "jz", "jnz",
    "call", "ret", "print", "dup", "bool", "incl"
};

/* number of operands following each opcode */
static const int op_operands[OP_COUNT] = {
    0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 0, 2
};

typedef struct {
    i64 *code;
    int *lines;     /* source line of every code word */
    int len;
    int cap;
} Code;

static Code code;
static int gen_line;

static int emit(i64 word)
{
    if (code.len == code.cap) {
        code.cap = code.cap ? code.cap * 2 : 256;
        code.code = (i64 *)xrealloc(code.code, (size_t)code.cap * sizeof(i64));
        code.lines = (int *)xrealloc(code.lines, (size_t)code.cap * sizeof(int));
    }
    code.code[code.len] = word;
    code.lines[code.len] = gen_line;
    return code.len++;
}

static int emit1(int op, i64 operand)
{
    int at = emit(op);
    emit(operand);
    return at;
}

static void patch(int at, int target)
{
    code.code[at + 1] = target;
}

/* break / continue bookkeeping */
#define MAX_LOOP_NEST 64
#define MAX_BREAKS 256
typedef struct {
    int continue_target;
    int breaks[MAX_BREAKS];
    int nbreaks;
} LoopCtx;

static LoopCtx loops[MAX_LOOP_NEST];
static int nloops;

static void gen_expr(Node *n);

static void gen_cond_jump(Node *n, int jump_if_true, int *site)
{
    gen_expr(n);
    *site = emit1(jump_if_true ? OP_JNZ : OP_JZ, 0);
}

static void gen_expr(Node *n)
{
    int saved_line = gen_line;
    gen_line = n->line;
    switch (n->kind) {
    case N_NUM:
        emit1(OP_PUSH, n->value);
        break;
    case N_GLOBAL:
        emit1(OP_LOADG, n->slot);
        break;
    case N_LOCAL:
        emit1(OP_LOADL, n->slot);
        break;
    case N_INDEX:
        gen_expr(n->a);
        emit1(OP_LOADA, n->slot);
        break;
    case N_BINARY:
        gen_expr(n->a);
        gen_expr(n->b);
        emit1(OP_BINOP, n->op);
        break;
    case N_UNARY:
        gen_expr(n->a);
        emit1(OP_UNOP, n->op);
        break;
    case N_AND:
    case N_OR: {
        /* a && b  ->  a; jz F; b; bool; jmp E; F: push 0; E:
           a || b  ->  a; jnz T; b; bool; jmp E; T: push 1; E: */
        int short_site, end_site;
        gen_cond_jump(n->a, n->kind == N_OR, &short_site);
        gen_expr(n->b);
        emit(OP_BOOL);
        end_site = emit1(OP_JMP, 0);
        patch(short_site, code.len);
        emit1(OP_PUSH, n->kind == N_OR ? 1 : 0);
        patch(end_site, code.len);
        break;
    }
    case N_CALL: {
        Node *arg;
        for (arg = n->a; arg != NULL; arg = arg->next)
            gen_expr(arg);
        emit1(OP_CALL, n->slot);
        break;
    }
    default:
        compile_error(n->line, "internal error: not an expression", NULL);
    }
    gen_line = saved_line;
}

static void gen_stmt(Node *n);

static void gen_list(Node *n)
{
    for (; n != NULL; n = n->next)
        gen_stmt(n);
}

static void gen_stmt(Node *n)
{
    int saved_line = gen_line;
    gen_line = n->line;
    switch (n->kind) {
    case N_SET_GLOBAL:
    case N_SET_LOCAL: {
        int load = n->kind == N_SET_GLOBAL ? OP_LOADG : OP_LOADL;
        int store = n->kind == N_SET_GLOBAL ? OP_STOREG : OP_STOREL;
        if (n->kind == N_SET_LOCAL && (n->op == OPR_ADD || n->op == OPR_SUB) && n->a->kind == N_NUM) {
            /* local += constant has its own instruction */
            i64 delta = n->op == OPR_ADD ? n->a->value : (i64)(0ull - (u64)n->a->value);
            emit(OP_INCL);
            emit(n->slot);
            emit(delta);
            break;
        }
        if (n->op >= 0) {
            emit1(load, n->slot);
            gen_expr(n->a);
            emit1(OP_BINOP, n->op);
        } else {
            gen_expr(n->a);
        }
        emit1(store, n->slot);
        break;
    }
    case N_SET_INDEX:
        gen_expr(n->a);
        if (n->op >= 0) {
            /* index; dup; loada; value; binop; storea */
            emit(OP_DUP);
            emit1(OP_LOADA, n->slot);
            gen_expr(n->b);
            emit1(OP_BINOP, n->op);
        } else {
            gen_expr(n->b);
        }
        emit1(OP_STOREA, n->slot);
        break;
    case N_EXPR_STMT:
        gen_expr(n->a);
        emit(OP_POP);
        break;
    case N_IF: {
        int else_site, end_site;
        gen_cond_jump(n->a, 0, &else_site);
        if (n->b != NULL)
            gen_stmt(n->b);
        if (n->c != NULL) {
            end_site = emit1(OP_JMP, 0);
            patch(else_site, code.len);
            gen_stmt(n->c);
            patch(end_site, code.len);
        } else {
            patch(else_site, code.len);
        }
        break;
    }
    case N_WHILE: {
        int top = code.len, exit_site, i;
        LoopCtx *ctx;
        if (nloops >= MAX_LOOP_NEST)
            compile_error(n->line, "loops nested too deeply", NULL);
        ctx = &loops[nloops++];
        ctx->continue_target = top;
        ctx->nbreaks = 0;
        if (n->a->kind == N_NUM && n->a->value != 0)
            exit_site = -1;     /* endless loop: no test needed */
        else
            gen_cond_jump(n->a, 0, &exit_site);
        if (n->b != NULL)
            gen_stmt(n->b);
        emit1(OP_JMP, top);
        if (exit_site >= 0)
            patch(exit_site, code.len);
        ctx = &loops[nloops - 1];
        for (i = 0; i < ctx->nbreaks; i++)
            patch(ctx->breaks[i], code.len);
        nloops--;
        break;
    }
    case N_BREAK: {
        LoopCtx *ctx = &loops[nloops - 1];
        if (ctx->nbreaks >= MAX_BREAKS)
            compile_error(n->line, "too many breaks in one loop", NULL);
        ctx->breaks[ctx->nbreaks++] = emit1(OP_JMP, 0);
        break;
    }
    case N_CONTINUE:
        emit1(OP_JMP, loops[nloops - 1].continue_target);
        break;
    case N_BLOCK:
        gen_list(n->a);
        break;
    case N_PRINT: {
        Node *e;
        int count = 0;
        for (e = n->a; e != NULL; e = e->next) {
            gen_expr(e);
            count++;
        }
        emit1(OP_PRINT, count);
        break;
    }
    case N_RETURN:
        gen_expr(n->a);
        emit(OP_RET);
        break;
    default:
        compile_error(n->line, "internal error: not a statement", NULL);
    }
    gen_line = saved_line;
}

static void generate(void)
{
    int i;
    gen_list(prog.main_body);
    emit(OP_HALT);
    for (i = 0; i < prog.nfuncs; i++) {
        prog.funcs[i].entry = code.len;
        gen_stmt(prog.funcs[i].body);
        /* falling off the end returns 0 */
        emit1(OP_PUSH, 0);
        emit(OP_RET);
    }
}

static void disassemble(void)
{
    int pc = 0, f;
    printf("--- bytecode: %d words ---\n", code.len);
    while (pc < code.len) {
        int op = (int)code.code[pc];
        for (f = 0; f < prog.nfuncs; f++)
            if (prog.funcs[f].entry == pc)
                printf("%s:\n", prog.funcs[f].name);
        printf("%5d  %-7s", pc, op_names[op]);
        switch (op) {
        case OP_LOADG: case OP_STOREG:
            printf(" %s", prog.globals[code.code[pc + 1]].name);
            break;
        case OP_LOADA: case OP_STOREA:
            printf(" %s", prog.arrays[code.code[pc + 1]].name);
            break;
        case OP_BINOP: case OP_UNOP:
            printf(" %s", opr_names[code.code[pc + 1]]);
            break;
        case OP_CALL:
            printf(" %s", prog.funcs[code.code[pc + 1]].name);
            break;
        case OP_INCL:
            printf(" %lld %lld", code.code[pc + 1], code.code[pc + 2]);
            break;
        default:
            if (op_operands[op] == 1)
                printf(" %lld", code.code[pc + 1]);
            break;
        }
        printf("\n");
        pc += 1 + op_operands[op];
    }
    printf("---\n");
}

/* ------------------------------------------------------------------ */
/* Runtime state shared by both executors                              */
/* ------------------------------------------------------------------ */

#define MAX_CALL_DEPTH 1000
#define STACK_SIZE 200000

typedef struct {
    Buf out;
    int error;
    char error_msg[96];
    long steps;       /* instructions executed (VM) or nodes evaluated (tree) */
    int max_depth;
} RunResult;

static void reset_state(void)
{
    int i;
    for (i = 0; i < prog.nglobals; i++)
        prog.globals[i].value = 0;
    for (i = 0; i < prog.narrays; i++) {
        free(prog.arrays[i].data);
        prog.arrays[i].data = (i64 *)xmalloc((size_t)prog.arrays[i].size * sizeof(i64));
        memset(prog.arrays[i].data, 0, (size_t)prog.arrays[i].size * sizeof(i64));
    }
}

static void run_error(RunResult *r, int line, const char *msg)
{
    if (r->error)
        return;
    r->error = 1;
    sprintf(r->error_msg, "line %d: %s", line, msg);
}

static u64 state_hash(void)
{
    u64 h = 14695981039346656037ull;
    int i;
    i64 k;
    for (i = 0; i < prog.nglobals; i++)
        h = fnv1a((const char *)&prog.globals[i].value, sizeof(i64), h);
    for (i = 0; i < prog.narrays; i++)
        for (k = 0; k < prog.arrays[i].size; k++)
            h = fnv1a((const char *)&prog.arrays[i].data[k], sizeof(i64), h);
    return h;
}

/* ------------------------------------------------------------------ */
/* Virtual machine                                                     */
/* ------------------------------------------------------------------ */

typedef struct {
    int ret_pc;
    int bp;
    int func;
} CallFrame;

static int vm_run(RunResult *r)
{
    i64 *stack = (i64 *)xmalloc(STACK_SIZE * sizeof(i64));
    CallFrame *frames = (CallFrame *)xmalloc(MAX_CALL_DEPTH * sizeof(CallFrame));
    int sp = 0, bp = 0, fp = 0, pc = 0;
    const i64 *c = code.code;
    long steps = 0;

    for (;;) {
        int op = (int)c[pc];
        steps++;
        if (sp > STACK_SIZE - 64) {
            run_error(r, code.lines[pc], "stack overflow");
            break;
        }
        switch (op) {
        case OP_HALT:
            goto finish;
        case OP_PUSH:
            stack[sp++] = c[pc + 1];
            pc += 2;
            break;
        case OP_POP:
            sp--;
            pc += 1;
            break;
        case OP_LOADG:
            stack[sp++] = prog.globals[c[pc + 1]].value;
            pc += 2;
            break;
        case OP_STOREG:
            prog.globals[c[pc + 1]].value = stack[--sp];
            pc += 2;
            break;
        case OP_LOADL:
            stack[sp++] = stack[bp + c[pc + 1]];
            pc += 2;
            break;
        case OP_STOREL:
            stack[bp + c[pc + 1]] = stack[--sp];
            pc += 2;
            break;
        case OP_INCL:
            stack[bp + c[pc + 1]] = (i64)((u64)stack[bp + c[pc + 1]] + (u64)c[pc + 2]);
            pc += 3;
            break;
        case OP_LOADA: {
            Array *a = &prog.arrays[c[pc + 1]];
            i64 idx = stack[sp - 1];
            if (idx < 0 || idx >= a->size) {
                run_error(r, code.lines[pc], "array index out of range");
                goto finish;
            }
            stack[sp - 1] = a->data[idx];
            pc += 2;
            break;
        }
        case OP_STOREA: {
            Array *a = &prog.arrays[c[pc + 1]];
            i64 val = stack[sp - 1];
            i64 idx = stack[sp - 2];
            if (idx < 0 || idx >= a->size) {
                run_error(r, code.lines[pc], "array index out of range");
                goto finish;
            }
            a->data[idx] = val;
            sp -= 2;
            pc += 2;
            break;
        }
        case OP_BINOP: {
            i64 res;
            if (apply_binary((int)c[pc + 1], stack[sp - 2], stack[sp - 1], &res) != ARITH_OK) {
                run_error(r, code.lines[pc], "division by zero");
                goto finish;
            }
            sp--;
            stack[sp - 1] = res;
            pc += 2;
            break;
        }
        case OP_UNOP:
            stack[sp - 1] = apply_unary((int)c[pc + 1], stack[sp - 1]);
            pc += 2;
            break;
        case OP_BOOL:
            stack[sp - 1] = stack[sp - 1] != 0;
            pc += 1;
            break;
        case OP_JMP:
            pc = (int)c[pc + 1];
            break;
        case OP_JZ:
            pc = stack[--sp] == 0 ? (int)c[pc + 1] : pc + 2;
            break;
        case OP_JNZ:
            pc = stack[--sp] != 0 ? (int)c[pc + 1] : pc + 2;
            break;
        case OP_CALL: {
            const Function *fn = &prog.funcs[c[pc + 1]];
            int k;
            if (fp >= MAX_CALL_DEPTH) {
                run_error(r, code.lines[pc], "call depth exceeded");
                goto finish;
            }
            frames[fp].ret_pc = pc + 2;
            frames[fp].bp = bp;
            frames[fp].func = (int)c[pc + 1];
            fp++;
            if (fp > r->max_depth)
                r->max_depth = fp;
            bp = sp - fn->nparams;
            for (k = fn->nparams; k < fn->nlocals; k++)
                stack[sp++] = 0;
            pc = fn->entry;
            break;
        }
        case OP_RET: {
            i64 val = stack[sp - 1];
            fp--;
            sp = bp;
            stack[sp++] = val;
            pc = frames[fp].ret_pc;
            bp = frames[fp].bp;
            break;
        }
        case OP_PRINT: {
            int n = (int)c[pc + 1], k;
            for (k = 0; k < n; k++) {
                if (k > 0)
                    buf_put(&r->out, " ", 1);
                buf_put_int(&r->out, stack[sp - n + k]);
            }
            buf_put(&r->out, "\n", 1);
            sp -= n;
            pc += 2;
            break;
        }
        case OP_DUP:
            stack[sp] = stack[sp - 1];
            sp++;
            pc += 1;
            break;
        default:
            run_error(r, 0, "bad opcode");
            goto finish;
        }
    }
finish:
    r->steps = steps;
    free(stack);
    free(frames);
    return r->error ? 1 : 0;
}

/* ------------------------------------------------------------------ */
/* Tree-walking evaluator                                              */
/* ------------------------------------------------------------------ */

enum { FLOW_NORMAL, FLOW_BREAK, FLOW_CONTINUE, FLOW_RETURN, FLOW_ERROR };

typedef struct {
    RunResult *r;
    int depth;
} TreeCtx;

static i64 tree_eval(TreeCtx *t, Node *n, i64 *locals);

static int tree_exec(TreeCtx *t, Node *n, i64 *locals, i64 *ret);

static i64 tree_call(TreeCtx *t, Node *n, i64 *locals)
{
    const Function *fn = &prog.funcs[n->slot];
    i64 *frame;
    Node *arg;
    int k = 0;
    i64 ret = 0;
    if (t->depth >= MAX_CALL_DEPTH) {
        run_error(t->r, n->line, "call depth exceeded");
        return 0;
    }
    frame = (i64 *)xmalloc((size_t)(fn->nlocals > 0 ? fn->nlocals : 1) * sizeof(i64));
    for (arg = n->a; arg != NULL; arg = arg->next) {
        frame[k++] = tree_eval(t, arg, locals);
        if (t->r->error) {
            free(frame);
            return 0;
        }
    }
    for (; k < fn->nlocals; k++)
        frame[k] = 0;
    t->depth++;
    if (t->depth > t->r->max_depth)
        t->r->max_depth = t->depth;
    if (tree_exec(t, fn->body, frame, &ret) != FLOW_RETURN)
        ret = 0;
    t->depth--;
    free(frame);
    return ret;
}

static i64 tree_eval(TreeCtx *t, Node *n, i64 *locals)
{
    i64 a, b, res;
    t->r->steps++;
    switch (n->kind) {
    case N_NUM:
        return n->value;
    case N_GLOBAL:
        return prog.globals[n->slot].value;
    case N_LOCAL:
        return locals[n->slot];
    case N_INDEX: {
        const Array *arr = &prog.arrays[n->slot];
        i64 idx = tree_eval(t, n->a, locals);
        if (t->r->error)
            return 0;
        if (idx < 0 || idx >= arr->size) {
            run_error(t->r, n->line, "array index out of range");
            return 0;
        }
        return arr->data[idx];
    }
    case N_BINARY:
        a = tree_eval(t, n->a, locals);
        b = tree_eval(t, n->b, locals);
        if (t->r->error)
            return 0;
        if (apply_binary(n->op, a, b, &res) != ARITH_OK) {
            run_error(t->r, n->line, "division by zero");
            return 0;
        }
        return res;
    case N_UNARY:
        return apply_unary(n->op, tree_eval(t, n->a, locals));
    case N_AND:
        if (tree_eval(t, n->a, locals) == 0)
            return 0;
        return tree_eval(t, n->b, locals) != 0;
    case N_OR:
        if (tree_eval(t, n->a, locals) != 0)
            return 1;
        return tree_eval(t, n->b, locals) != 0;
    case N_CALL:
        return tree_call(t, n, locals);
    default:
        run_error(t->r, n->line, "internal error: bad expression");
        return 0;
    }
}

static int tree_exec_list(TreeCtx *t, Node *n, i64 *locals, i64 *ret)
{
    for (; n != NULL; n = n->next) {
        int flow = tree_exec(t, n, locals, ret);
        if (flow != FLOW_NORMAL)
            return flow;
    }
    return FLOW_NORMAL;
}

static int tree_exec(TreeCtx *t, Node *n, i64 *locals, i64 *ret)
{
    i64 v, old, idx;
    if (t->r->error)
        return FLOW_ERROR;
    switch (n->kind) {
    case N_SET_GLOBAL:
    case N_SET_LOCAL:
        /* for compound assignment the old value is read first, as in the VM */
        old = n->kind == N_SET_GLOBAL ? prog.globals[n->slot].value : locals[n->slot];
        v = tree_eval(t, n->a, locals);
        if (t->r->error)
            return FLOW_ERROR;
        if (n->op >= 0) {
            if (apply_binary(n->op, old, v, &v) != ARITH_OK) {
                run_error(t->r, n->line, "division by zero");
                return FLOW_ERROR;
            }
        }
        if (n->kind == N_SET_GLOBAL)
            prog.globals[n->slot].value = v;
        else
            locals[n->slot] = v;
        return FLOW_NORMAL;
    case N_SET_INDEX: {
        Array *arr = &prog.arrays[n->slot];
        idx = tree_eval(t, n->a, locals);
        if (t->r->error)
            return FLOW_ERROR;
        if (idx < 0 || idx >= arr->size) {
            run_error(t->r, n->line, "array index out of range");
            return FLOW_ERROR;
        }
        old = arr->data[idx];
        v = tree_eval(t, n->b, locals);
        if (t->r->error)
            return FLOW_ERROR;
        if (n->op >= 0) {
            if (apply_binary(n->op, old, v, &v) != ARITH_OK) {
                run_error(t->r, n->line, "division by zero");
                return FLOW_ERROR;
            }
        }
        arr->data[idx] = v;
        return FLOW_NORMAL;
    }
    case N_EXPR_STMT:
        tree_eval(t, n->a, locals);
        return t->r->error ? FLOW_ERROR : FLOW_NORMAL;
    case N_IF:
        v = tree_eval(t, n->a, locals);
        if (t->r->error)
            return FLOW_ERROR;
        if (v != 0)
            return n->b != NULL ? tree_exec(t, n->b, locals, ret) : FLOW_NORMAL;
        return n->c != NULL ? tree_exec(t, n->c, locals, ret) : FLOW_NORMAL;
    case N_WHILE:
        for (;;) {
            int flow;
            v = tree_eval(t, n->a, locals);
            if (t->r->error)
                return FLOW_ERROR;
            if (v == 0)
                break;
            flow = n->b != NULL ? tree_exec(t, n->b, locals, ret) : FLOW_NORMAL;
            if (flow == FLOW_BREAK)
                break;
            if (flow == FLOW_RETURN || flow == FLOW_ERROR)
                return flow;
        }
        return FLOW_NORMAL;
    case N_BREAK:
        return FLOW_BREAK;
    case N_CONTINUE:
        return FLOW_CONTINUE;
    case N_BLOCK:
        return tree_exec_list(t, n->a, locals, ret);
    case N_PRINT: {
        Node *e;
        int first = 1;
        for (e = n->a; e != NULL; e = e->next) {
            v = tree_eval(t, e, locals);
            if (t->r->error)
                return FLOW_ERROR;
            if (!first)
                buf_put(&t->r->out, " ", 1);
            buf_put_int(&t->r->out, v);
            first = 0;
        }
        buf_put(&t->r->out, "\n", 1);
        return FLOW_NORMAL;
    }
    case N_RETURN:
        *ret = tree_eval(t, n->a, locals);
        return t->r->error ? FLOW_ERROR : FLOW_RETURN;
    default:
        run_error(t->r, n->line, "internal error: bad statement");
        return FLOW_ERROR;
    }
}

static void tree_run(RunResult *r)
{
    TreeCtx t;
    i64 ret = 0;
    t.r = r;
    t.depth = 0;
    tree_exec_list(&t, prog.main_body, NULL, &ret);
}

/* ------------------------------------------------------------------ */
/* Main                                                                */
/* ------------------------------------------------------------------ */

static char *read_file(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 4096, n = 0;
    char *buf;
    if (f == NULL) {
        fprintf(stderr, "calc: cannot open %s\n", path);
        exit(1);
    }
    buf = (char *)xmalloc(cap);
    for (;;) {
        size_t got;
        if (n == cap) {
            cap *= 2;
            buf = (char *)xrealloc(buf, cap);
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

static int parse_arg(const char *s, i64 *out)
{
    u64 v = 0;
    int neg = 0;
    if (*s == '-') {
        neg = 1;
        s++;
    }
    if (*s == '\0')
        return 0;
    for (; *s != '\0'; s++) {
        if (*s < '0' || *s > '9')
            return 0;
        v = v * 10u + (u64)(*s - '0');
    }
    *out = neg ? (i64)(0ull - v) : (i64)v;
    return 1;
}

int main(int argc, char **argv)
{
    char *src;
    size_t len;
    i64 arg = 0;
    int arg_slot, i;
    Token arg_tok;
    RunResult vm, tree;
    u64 vm_state, tree_state;

    if (argc < 2) {
        fprintf(stderr, "usage: calc PROGRAM [ARG [list]]\n");
        return 2;
    }
    if (argc > 2 && !parse_arg(argv[2], &arg)) {
        fprintf(stderr, "calc: bad argument %s\n", argv[2]);
        return 2;
    }
    src = read_file(argv[1], &len);

    /* "arg" is always global number 0 */
    arg_tok.start = "arg";
    arg_tok.len = 3;
    arg_tok.line = 0;
    arg_slot = find_global(&arg_tok, 1);

    parse_program(src, len);
    check_calls(prog.main_body);
    for (i = 0; i < prog.nfuncs; i++)
        check_calls(prog.funcs[i].body);
    prog.main_body = fold(prog.main_body);
    for (i = 0; i < prog.nfuncs; i++)
        prog.funcs[i].body = fold(prog.funcs[i].body);
    generate();

    printf("compiled: %ld nodes, %ld folded, %d globals, %d arrays, %d functions, %d code words\n",
           prog.node_count, folds, prog.nglobals, prog.narrays, prog.nfuncs, code.len);
    if (argc > 3 && strcmp(argv[3], "list") == 0)
        disassemble();

    memset(&vm, 0, sizeof(vm));
    buf_init(&vm.out);
    reset_state();
    prog.globals[arg_slot].value = arg;
    vm_run(&vm);
    vm_state = state_hash();

    memset(&tree, 0, sizeof(tree));
    buf_init(&tree.out);
    reset_state();
    prog.globals[arg_slot].value = arg;
    tree_run(&tree);
    tree_state = state_hash();

    fwrite(vm.out.data, 1, vm.out.len, stdout);
    if (vm.error)
        printf("runtime error: %s\n", vm.error_msg);
    printf("vm: %ld instructions, call depth %d, state %016llx\n", vm.steps, vm.max_depth, vm_state);
    printf("tree: %ld evaluations, call depth %d\n", tree.steps, tree.max_depth);
    if (vm.out.len == tree.out.len && memcmp(vm.out.data, tree.out.data, vm.out.len) == 0 &&
        vm_state == tree_state && vm.error == tree.error && strcmp(vm.error_msg, tree.error_msg) == 0)
        printf("check: vm and tree evaluator agree\n");
    else
        printf("check: MISMATCH between vm and tree evaluator\n");

    free(vm.out.data);
    free(tree.out.data);
    free(src);
    free_tree(prog.main_body);
    for (i = 0; i < prog.nfuncs; i++) {
        free_tree(prog.funcs[i].body);
        free(prog.funcs[i].name);
    }
    for (i = 0; i < prog.nglobals; i++)
        free(prog.globals[i].name);
    for (i = 0; i < prog.narrays; i++) {
        free(prog.arrays[i].name);
        free(prog.arrays[i].data);
    }
    free(prog.globals);
    free(prog.arrays);
    free(prog.funcs);
    free(code.code);
    free(code.lines);
    return 0;
}
