/*
 * parse.c - recursive-descent parser of minicc building the syntax tree.
 *
 * After a syntax error the parser skips to the end of the statement (a
 * ';' or a closing brace) and goes on, so that several errors can be
 * reported in one run; errors found while skipping are not reported.
 */
#include <string.h>
#include "minicc.h"

const char **str_table;
int *str_len;
int n_strs;
static int str_cap;

typedef struct {
    Token *toks;
    int pos, n;
    int panic;        /* inside a syntax error: report nothing more */
} Parser;

static Token *peek(Parser *p)
{
    return &p->toks[p->pos];
}

static Token *peek2(Parser *p)
{
    return &p->toks[p->pos + 1 < p->n ? p->pos + 1 : p->n - 1];
}

static Token *next(Parser *p)
{
    Token *t = &p->toks[p->pos];
    if (p->pos + 1 < p->n)
        p->pos++;
    return t;
}

static int accept(Parser *p, int kind)
{
    if (peek(p)->kind == kind) {
        next(p);
        return 1;
    }
    return 0;
}

static void syntax_error(Parser *p, Token *t, const char *what)
{
    if (p->panic)
        return;
    p->panic = 1;
    if (t->kind == TK_IDENT)
        error_at(t->line, t->col, "expected %s before '%s'", what, t->text);
    else if (t->kind == TK_NUM)
        error_at(t->line, t->col, "expected %s before number %ld", what,
                 (long)t->num);
    else if (t->kind == TK_STR)
        error_at(t->line, t->col, "expected %s before string", what);
    else if (t->kind == TK_EOF)
        error_at(t->line, t->col, "expected %s at end of file", what);
    else
        error_at(t->line, t->col, "expected %s before '%s'", what,
                 token_name(t->kind));
}

static int expect(Parser *p, int kind)
{
    char what[32];
    if (accept(p, kind))
        return 1;
    what[0] = '\'';
    strcpy(what + 1, token_name(kind));
    strcat(what, "'");
    syntax_error(p, peek(p), what);
    return 0;
}

static Node *new_node(int kind, Token *at)
{
    Node *n = arena_alloc(sizeof *n);
    n->kind = kind;
    n->line = at->line;
    n->col = at->col;
    n->ty = TY_ERR;
    return n;
}

static int add_string(const char *s, int len)
{
    if (n_strs == str_cap) {
        int ncap = str_cap ? str_cap * 2 : 16;
        const char **nt = arena_alloc(sizeof(char *) * (size_t)ncap);
        int *nl = arena_alloc(sizeof(int) * (size_t)ncap);
        if (n_strs > 0) {
            memcpy(nt, str_table, sizeof(char *) * (size_t)n_strs);
            memcpy(nl, str_len, sizeof(int) * (size_t)n_strs);
        }
        str_table = nt;
        str_len = nl;
        str_cap = ncap;
    }
    str_table[n_strs] = s;
    str_len[n_strs] = len;
    return n_strs++;
}

/* ------------------------------------------------------------------ */
/* Expressions                                                         */
/* ------------------------------------------------------------------ */

static Node *parse_expr(Parser *p);
static Node *parse_assign(Parser *p);

static Node *error_node(Token *at)
{
    Node *n = new_node(N_NUM, at);
    n->val = 0;
    return n;
}

static Node *parse_primary(Parser *p)
{
    Token *t = peek(p);
    Node *n;
    switch (t->kind) {
    case TK_NUM:
        next(p);
        n = new_node(N_NUM, t);
        n->val = t->num;
        return n;
    case TK_STR: {
        /* Adjacent string literals are joined. */
        char *buf;
        int len = 0, k = 0;
        while (p->toks[p->pos + k].kind == TK_STR) {
            len += p->toks[p->pos + k].len;
            k++;
        }
        buf = arena_alloc((size_t)len + 1);
        len = 0;
        while (peek(p)->kind == TK_STR) {
            Token *s = next(p);
            memcpy(buf + len, s->text, (size_t)s->len);
            len += s->len;
        }
        buf[len] = '\0';
        n = new_node(N_STR, t);
        n->val = add_string(buf, len);
        return n;
    }
    case TK_IDENT:
        next(p);
        if (peek(p)->kind == TK_LPAREN) {
            Node head, *tail = &head;
            next(p);
            head.next = NULL;
            n = new_node(N_CALL, t);
            n->name = t->text;
            if (!accept(p, TK_RPAREN)) {
                do {
                    tail->next = parse_assign(p);
                    tail = tail->next;
                } while (accept(p, TK_COMMA));
                expect(p, TK_RPAREN);
            }
            n->a = head.next;
            return n;
        }
        n = new_node(N_VAR, t);
        n->name = t->text;
        return n;
    case TK_LPAREN:
        next(p);
        n = parse_expr(p);
        expect(p, TK_RPAREN);
        return n;
    default:
        syntax_error(p, t, "expression");
        return error_node(t);
    }
}

static Node *parse_postfix(Parser *p)
{
    Node *n = parse_primary(p);
    for (;;) {
        Token *t = peek(p);
        if (t->kind == TK_LBRACK) {
            Node *ix = new_node(N_INDEX, t);
            next(p);
            ix->a = n;
            ix->b = parse_expr(p);
            expect(p, TK_RBRACK);
            n = ix;
        } else if (t->kind == TK_INC || t->kind == TK_DEC) {
            Node *u = new_node(N_INCDEC, t);
            next(p);
            u->op = 1;
            u->val = t->kind == TK_INC ? 1 : -1;
            u->a = n;
            n = u;
        } else {
            return n;
        }
    }
}

static Node *parse_unary(Parser *p)
{
    Token *t = peek(p);
    Node *n;
    int op;
    switch (t->kind) {
    case TK_MINUS: op = OP_NEG; break;
    case TK_BANG: op = OP_NOT; break;
    case TK_TILDE: op = OP_BNOT; break;
    case TK_PLUS:
        next(p);
        return parse_unary(p);
    case TK_INC:
    case TK_DEC:
        next(p);
        n = new_node(N_INCDEC, t);
        n->op = 0;
        n->val = t->kind == TK_INC ? 1 : -1;
        n->a = parse_unary(p);
        return n;
    default:
        return parse_postfix(p);
    }
    next(p);
    n = new_node(N_UNARY, t);
    n->op = op;
    n->a = parse_unary(p);
    return n;
}

/* Binary operators: precedence (higher binds tighter) and operator. */
static int binary_prec(int kind, int *op)
{
    switch (kind) {
    case TK_OROR: *op = 0; return 1;
    case TK_ANDAND: *op = 0; return 2;
    case TK_PIPE: *op = OP_OR; return 3;
    case TK_CARET: *op = OP_XOR; return 4;
    case TK_AMP: *op = OP_AND; return 5;
    case TK_EQ: *op = OP_EQ; return 6;
    case TK_NE: *op = OP_NE; return 6;
    case TK_LT: *op = OP_LT; return 7;
    case TK_LE: *op = OP_LE; return 7;
    case TK_GT: *op = OP_GT; return 7;
    case TK_GE: *op = OP_GE; return 7;
    case TK_SHL: *op = OP_SHL; return 8;
    case TK_SHR: *op = OP_SHR; return 8;
    case TK_PLUS: *op = OP_ADD; return 9;
    case TK_MINUS: *op = OP_SUB; return 9;
    case TK_STAR: *op = OP_MUL; return 10;
    case TK_SLASH: *op = OP_DIV; return 10;
    case TK_PERCENT: *op = OP_MOD; return 10;
    default: *op = 0; return 0;
    }
}

static Node *parse_binary(Parser *p, int min_prec)
{
    Node *lhs = parse_unary(p);
    for (;;) {
        Token *t = peek(p);
        int op, prec = binary_prec(t->kind, &op);
        Node *n;
        if (prec == 0 || prec < min_prec)
            return lhs;
        next(p);
        if (t->kind == TK_OROR)
            n = new_node(N_LOGOR, t);
        else if (t->kind == TK_ANDAND)
            n = new_node(N_LOGAND, t);
        else
            n = new_node(N_BINARY, t);
        n->op = op;
        n->a = lhs;
        n->b = parse_binary(p, prec + 1);
        lhs = n;
    }
}

static Node *parse_cond(Parser *p)
{
    Node *c = parse_binary(p, 1);
    Token *t = peek(p);
    Node *n;
    if (t->kind != TK_QUESTION)
        return c;
    next(p);
    n = new_node(N_COND, t);
    n->a = c;
    n->b = parse_expr(p);
    expect(p, TK_COLON);
    n->c = parse_cond(p);
    return n;
}

static int assign_op(int kind)
{
    switch (kind) {
    case TK_ASSIGN: return 0;
    case TK_PLUSEQ: return OP_ADD;
    case TK_MINUSEQ: return OP_SUB;
    case TK_STAREQ: return OP_MUL;
    case TK_SLASHEQ: return OP_DIV;
    case TK_PERCENTEQ: return OP_MOD;
    case TK_AMPEQ: return OP_AND;
    case TK_PIPEEQ: return OP_OR;
    case TK_CARETEQ: return OP_XOR;
    case TK_SHLEQ: return OP_SHL;
    case TK_SHREQ: return OP_SHR;
    default: return -1;
    }
}

static Node *parse_assign(Parser *p)
{
    Node *lhs = parse_cond(p);
    Token *t = peek(p);
    int op = assign_op(t->kind);
    Node *n;
    if (op < 0)
        return lhs;
    next(p);
    n = new_node(N_ASSIGN, t);
    n->op = op;
    n->a = lhs;
    n->b = parse_assign(p);
    return n;
}

static Node *parse_expr(Parser *p)
{
    Node *n = parse_assign(p);
    while (peek(p)->kind == TK_COMMA) {
        Token *t = next(p);
        Node *c = new_node(N_COMMA, t);
        c->a = n;
        c->b = parse_assign(p);
        n = c;
    }
    return n;
}

/* ------------------------------------------------------------------ */
/* Declarations                                                        */
/* ------------------------------------------------------------------ */

static Node *parse_initializer(Parser *p)
{
    Token *t = peek(p);
    Node head, *tail = &head, *n;
    if (t->kind != TK_LBRACE)
        return parse_assign(p);
    next(p);
    head.next = NULL;
    n = new_node(N_BLOCK, t);
    while (peek(p)->kind != TK_RBRACE) {
        tail->next = parse_initializer(p);
        tail = tail->next;
        if (!accept(p, TK_COMMA))
            break;
    }
    expect(p, TK_RBRACE);
    n->a = head.next;
    return n;
}

/* Parses the declarators after "int" (the name token is next). */
static Node *parse_declarators(Parser *p, int is_const)
{
    Node head, *tail = &head;
    head.next = NULL;
    do {
        Token *t = peek(p);
        Node *d, dhead, *dtail = &dhead;
        if (t->kind != TK_IDENT) {
            syntax_error(p, t, "a name");
            return head.next;
        }
        next(p);
        d = new_node(N_DECL, t);
        d->name = t->text;
        d->is_const = is_const;
        dhead.next = NULL;
        while (peek(p)->kind == TK_LBRACK) {
            Token *b = next(p);
            Node *dim;
            if (peek(p)->kind == TK_RBRACK)
                dim = new_node(N_EMPTY, b);
            else
                dim = parse_cond(p);
            expect(p, TK_RBRACK);
            dtail->next = dim;
            dtail = dim;
            d->ndims++;
        }
        d->dims = dhead.next;
        if (accept(p, TK_ASSIGN)) {
            d->a = parse_initializer(p);
            d->has_init_list = d->a->kind == N_BLOCK || d->a->kind == N_STR;
        }
        tail->next = d;
        tail = d;
    } while (accept(p, TK_COMMA));
    expect(p, TK_SEMI);
    return head.next;
}

/* ------------------------------------------------------------------ */
/* Statements                                                          */
/* ------------------------------------------------------------------ */

static Node *parse_stmt(Parser *p);

/* Skips to a likely statement boundary after a syntax error. */
static void synchronize(Parser *p)
{
    int depth = 0;
    if (p->pos > 0 && p->toks[p->pos - 1].kind == TK_SEMI) {
        /* The statement with the error has ended. */
        p->panic = 0;
        return;
    }
    for (;;) {
        int k = peek(p)->kind;
        if (k == TK_EOF)
            break;
        if (k == TK_LBRACE)
            depth++;
        if (k == TK_RBRACE) {
            if (depth == 0)
                break;
            depth--;
        }
        next(p);
        if ((k == TK_SEMI || k == TK_RBRACE) && depth == 0)
            break;
    }
    p->panic = 0;
}

static Node *parse_block(Parser *p)
{
    Token *t = peek(p);
    Node *n = new_node(N_BLOCK, t), head, *tail = &head;
    head.next = NULL;
    expect(p, TK_LBRACE);
    while (peek(p)->kind != TK_RBRACE && peek(p)->kind != TK_EOF) {
        int before = p->pos;
        Node *s = parse_stmt(p);
        if (p->panic) {
            synchronize(p);
        } else {
            tail->next = s;
            while (tail->next != NULL)
                tail = tail->next;
        }
        if (p->pos == before)
            next(p);
    }
    expect(p, TK_RBRACE);
    n->a = head.next;
    return n;
}

static Node *parse_decl_stmt(Parser *p)
{
    int is_const = accept(p, TK_CONST);
    Token *t = peek(p);
    if (t->kind == TK_VOID) {
        error_at(t->line, t->col, "variable declared void");
        next(p);
    } else {
        expect(p, TK_INT);
    }
    return parse_declarators(p, is_const);
}

static Node *parse_stmt(Parser *p)
{
    Token *t = peek(p);
    Node *n;
    switch (t->kind) {
    case TK_LBRACE:
        return parse_block(p);
    case TK_INT:
    case TK_CONST:
    case TK_VOID:
        return parse_decl_stmt(p);
    case TK_SEMI:
        next(p);
        return new_node(N_EMPTY, t);
    case TK_IF:
        next(p);
        n = new_node(N_IF, t);
        expect(p, TK_LPAREN);
        n->a = parse_expr(p);
        expect(p, TK_RPAREN);
        n->b = parse_stmt(p);
        if (accept(p, TK_ELSE))
            n->c = parse_stmt(p);
        return n;
    case TK_WHILE:
        next(p);
        n = new_node(N_WHILE, t);
        expect(p, TK_LPAREN);
        n->a = parse_expr(p);
        expect(p, TK_RPAREN);
        n->b = parse_stmt(p);
        return n;
    case TK_DO:
        next(p);
        n = new_node(N_DO, t);
        n->a = parse_stmt(p);
        expect(p, TK_WHILE);
        expect(p, TK_LPAREN);
        n->b = parse_expr(p);
        expect(p, TK_RPAREN);
        expect(p, TK_SEMI);
        return n;
    case TK_FOR:
        next(p);
        n = new_node(N_FOR, t);
        expect(p, TK_LPAREN);
        if (peek(p)->kind == TK_INT || peek(p)->kind == TK_CONST) {
            n->a = parse_decl_stmt(p);
        } else if (!accept(p, TK_SEMI)) {
            Token *e = peek(p);
            n->a = new_node(N_EXPR, e);
            n->a->a = parse_expr(p);
            expect(p, TK_SEMI);
        }
        if (peek(p)->kind != TK_SEMI)
            n->b = parse_expr(p);
        expect(p, TK_SEMI);
        if (peek(p)->kind != TK_RPAREN)
            n->c = parse_expr(p);
        expect(p, TK_RPAREN);
        n->d = parse_stmt(p);
        return n;
    case TK_BREAK:
    case TK_CONTINUE:
        next(p);
        n = new_node(t->kind == TK_BREAK ? N_BREAK : N_CONTINUE, t);
        expect(p, TK_SEMI);
        return n;
    case TK_RETURN:
        next(p);
        n = new_node(N_RETURN, t);
        if (peek(p)->kind != TK_SEMI)
            n->a = parse_expr(p);
        expect(p, TK_SEMI);
        return n;
    case TK_ELSE:
        syntax_error(p, t, "statement ('else' without 'if')");
        next(p);
        return new_node(N_EMPTY, t);
    default:
        n = new_node(N_EXPR, t);
        n->a = parse_expr(p);
        expect(p, TK_SEMI);
        return n;
    }
}

/* ------------------------------------------------------------------ */
/* Top level                                                           */
/* ------------------------------------------------------------------ */

static Node *parse_params(Parser *p)
{
    Node head, *tail = &head;
    head.next = NULL;
    if (peek(p)->kind == TK_VOID && peek2(p)->kind == TK_RPAREN) {
        next(p);
        return NULL;
    }
    if (peek(p)->kind == TK_RPAREN)
        return NULL;
    do {
        Token *t;
        Node *d;
        expect(p, TK_INT);
        t = peek(p);
        if (t->kind != TK_IDENT) {
            syntax_error(p, t, "a parameter name");
            return head.next;
        }
        next(p);
        d = new_node(N_DECL, t);
        d->name = t->text;
        if (accept(p, TK_LBRACK)) {
            if (peek(p)->kind != TK_RBRACK) {
                Token *b = peek(p);
                error_at(b->line, b->col,
                         "array parameter '%s' must be declared with []",
                         d->name);
                parse_cond(p);
            }
            expect(p, TK_RBRACK);
            d->ndims = 1;
        }
        tail->next = d;
        tail = d;
    } while (accept(p, TK_COMMA));
    return head.next;
}

Node *parse_program(Token *toks, int ntoks)
{
    Parser p;
    Node head, *tail = &head;
    p.toks = toks;
    p.n = ntoks;
    p.pos = 0;
    p.panic = 0;
    head.next = NULL;
    str_table = NULL;
    str_len = NULL;
    n_strs = 0;
    str_cap = 0;

    while (peek(&p)->kind != TK_EOF) {
        Token *t = peek(&p);
        int before = p.pos;
        int is_const = accept(&p, TK_CONST);
        int is_void = 0;
        Node *items = NULL;

        if (peek(&p)->kind == TK_VOID) {
            is_void = 1;
            next(&p);
        } else if (!expect(&p, TK_INT)) {
            synchronize(&p);
            if (p.pos == before)
                next(&p);
            continue;
        }
        if (peek(&p)->kind == TK_IDENT && peek2(&p)->kind == TK_LPAREN) {
            Token *name = next(&p);
            Node *f = new_node(N_FUNC, name);
            next(&p);
            f->name = name->text;
            f->is_void = is_void;
            if (is_const)
                error_at(t->line, t->col, "function '%s' declared const",
                         f->name);
            f->a = parse_params(&p);
            expect(&p, TK_RPAREN);
            if (p.panic) {
                synchronize(&p);
                continue;
            }
            f->b = parse_block(&p);
            items = f;
        } else {
            if (is_void)
                error_at(t->line, t->col, "variable declared void");
            items = parse_declarators(&p, is_const);
        }
        if (p.panic)
            synchronize(&p);
        tail->next = items;
        while (tail->next != NULL)
            tail = tail->next;
        if (p.pos == before)
            next(&p);
    }
    return head.next;
}
