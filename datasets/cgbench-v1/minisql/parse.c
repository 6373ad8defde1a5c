/* Recursive-descent parser from tokens to statement trees (in the arena). */
#include <string.h>
#include "minisql.h"

static const char *const reserved[] = {
    "select", "from", "where", "group", "by", "having", "order", "limit",
    "offset", "join", "inner", "left", "outer", "on", "and", "or", "not",
    "like", "in", "is", "null", "between", "as", "asc", "desc", "distinct",
    "case", "when", "then", "else", "end", "insert", "into", "values",
    "update", "set", "delete", "create", "table", "index", "unique",
    "primary", "key", "drop", "explain", "assert", "exists", "all", NULL
};

static const struct {
    const char *name;
    int code, min_args, max_args;
} functions[] = {
    { "abs", F_ABS, 1, 1 }, { "length", F_LENGTH, 1, 1 },
    { "upper", F_UPPER, 1, 1 }, { "lower", F_LOWER, 1, 1 },
    { "substr", F_SUBSTR, 2, 3 }, { "coalesce", F_COALESCE, 1, 8 },
    { "ifnull", F_COALESCE, 2, 2 }, { "hash", F_HASH, 1, 3 },
    { "round", F_ROUND, 1, 1 }, { "min", F_MIN, 2, 8 },
    { "max", F_MAX, 2, 8 }, { "replace", F_REPLACE, 3, 3 },
    { "instr", F_INSTR, 2, 2 }, { "trim", F_TRIM, 1, 1 },
    { "typeof", F_TYPEOF, 1, 1 }, { NULL, 0, 0, 0 }
};

static const char *const aggregates[] = { "count", "sum", "min", "max", "avg", NULL };

static Token *peek(Parser *p)
{
    Token *t = &p->tok[p->pos];
    if (t->kind == T_ERROR)
        sql_error("line %d: %s", t->line, t->str->text);
    return t;
}

static Token *next(Parser *p)
{
    Token *t = peek(p);
    if (t->kind != T_EOF)
        p->pos++;
    return t;
}

static _Noreturn void syntax_error(Parser *p, const char *what)
{
    Token *t = &p->tok[p->pos];
    if (t->kind == T_EOF)
        sql_error("line %d: expected %s at end of input", t->line, what);
    sql_error("line %d: expected %s near '%.*s'", t->line, what, t->len, t->start);
}

static int is_kw(Token *t, const char *kw)
{
    return t->kind == T_IDENT && strcmp(t->str->text, kw) == 0;
}

static int accept_kw(Parser *p, const char *kw)
{
    if (!is_kw(peek(p), kw))
        return 0;
    p->pos++;
    return 1;
}

static void expect_kw(Parser *p, const char *kw)
{
    char upper[16];
    size_t i = 0;
    if (accept_kw(p, kw))
        return;
    for (; kw[i] && i + 1 < sizeof upper; i++)
        upper[i] = (char)(kw[i] - 'a' + 'A');
    upper[i] = '\0';
    syntax_error(p, upper);
}

static int is_op(Token *t, int op)
{
    return t->kind == T_OP && t->op == op;
}

static int accept_op(Parser *p, int op)
{
    if (!is_op(peek(p), op))
        return 0;
    p->pos++;
    return 1;
}

static void expect_op(Parser *p, int op)
{
    static char what[4] = "' '";
    if (!accept_op(p, op)) {
        what[1] = (char)op;
        syntax_error(p, what);
    }
}

static int is_reserved(const Str *s)
{
    for (int i = 0; reserved[i]; i++)
        if (strcmp(s->text, reserved[i]) == 0)
            return 1;
    return 0;
}

static int is_name(Token *t)
{
    return t->kind == T_IDENT && !is_reserved(t->str);
}

static const Str *expect_name(Parser *p, const char *what)
{
    Token *t = peek(p);
    if (!is_name(t))
        syntax_error(p, what);
    p->pos++;
    return t->str;
}

int at_end(Parser *p)
{
    return p->tok[p->pos].kind == T_EOF;
}

/* Moves past the next ';' (used after an error). */
void skip_statement(Parser *p)
{
    while (p->tok[p->pos].kind != T_EOF) {
        Token *t = &p->tok[p->pos++];
        if (t->kind == T_OP && t->op == ';')
            break;
    }
}

static Expr *new_expr(int kind)
{
    Expr *e = arena_alloc(sizeof *e);
    e->kind = kind;
    e->src = -1;
    return e;
}

static Expr *binary(int kind, int op, Expr *a, Expr *b)
{
    Expr *e = new_expr(kind);
    e->op = op;
    e->nargs = 2;
    e->args = arena_alloc(2 * sizeof *e->args);
    e->args[0] = a;
    e->args[1] = b;
    return e;
}

/* Growable list of expressions in the arena. */
typedef struct ExprList {
    Expr **v;
    int n, cap;
} ExprList;

static void list_add(ExprList *l, Expr *e)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 4;
        Expr **v = arena_alloc((size_t)cap * sizeof *v);
        if (l->n)
            memcpy(v, l->v, (size_t)l->n * sizeof *v);
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = e;
}

static Expr *parse_expr(Parser *p);
static Select *parse_select(Parser *p);

static void parse_args(Parser *p, ExprList *l)
{
    expect_op(p, '(');
    if (!accept_op(p, ')')) {
        do
            list_add(l, parse_expr(p));
        while (accept_op(p, ','));
        expect_op(p, ')');
    }
}

static Expr *parse_call(Parser *p, Token *name)
{
    ExprList args = { NULL, 0, 0 };
    Token *t = &p->tok[p->pos + 1];
    int agg = -1, distinct = 0, star = 0;
    for (int i = 0; aggregates[i]; i++)
        if (strcmp(name->str->text, aggregates[i]) == 0)
            agg = i;
    if (agg >= 0 && is_kw(t, "distinct")) {
        p->pos += 2;
        distinct = 1;
        list_add(&args, parse_expr(p));
        expect_op(p, ')');
    } else if (agg == A_COUNT && is_op(t, '*')) {
        p->pos += 2;
        expect_op(p, ')');
        star = 1;
    } else {
        parse_args(p, &args);
    }
    /* MIN and MAX with several arguments are the scalar functions */
    if (agg >= 0 && !((agg == A_MIN || agg == A_MAX) && args.n > 1)) {
        if (args.n != 1 && !star)
            sql_error("line %d: %s takes one argument", name->line, aggregates[agg]);
        Expr *e = new_expr(E_AGG);
        e->op = agg;
        e->distinct = distinct;
        e->nargs = args.n;
        e->args = args.v;
        return e;
    }
    for (int i = 0; functions[i].name; i++) {
        if (strcmp(name->str->text, functions[i].name) != 0)
            continue;
        if (args.n < functions[i].min_args || args.n > functions[i].max_args)
            sql_error("line %d: wrong number of arguments to %s", name->line, functions[i].name);
        Expr *e = new_expr(E_FUNC);
        e->op = functions[i].code;
        e->nargs = args.n;
        e->args = args.v;
        return e;
    }
    sql_error("line %d: unknown function %s", name->line, name->str->text);
}

static Expr *parse_case(Parser *p)
{
    ExprList args = { NULL, 0, 0 };
    Expr *e = new_expr(E_CASE);
    if (!is_kw(peek(p), "when")) {
        list_add(&args, parse_expr(p));
        e->has_operand = 1;
    }
    while (accept_kw(p, "when")) {
        list_add(&args, parse_expr(p));
        expect_kw(p, "then");
        list_add(&args, parse_expr(p));
    }
    if (args.n < 2 + e->has_operand)
        syntax_error(p, "WHEN");
    if (accept_kw(p, "else")) {
        list_add(&args, parse_expr(p));
        e->has_else = 1;
    }
    expect_kw(p, "end");
    e->nargs = args.n;
    e->args = args.v;
    return e;
}

static Expr *parse_primary(Parser *p)
{
    int start = p->pos;
    Token *t = next(p);
    Expr *e;
    switch (t->kind) {
    case T_INT:
        e = new_expr(E_LIT);
        e->lit = make_int(t->num);
        return e;
    case T_DEC:
        e = new_expr(E_LIT);
        e->lit = make_dec(t->num);
        return e;
    case T_STRING:
        e = new_expr(E_LIT);
        e->lit = make_text(t->str);
        return e;
    case T_OP:
        if (t->op == '(') {
            if (is_kw(peek(p), "select")) {
                e = new_expr(E_SUBQUERY);
                e->sub = parse_select(p);
            } else {
                e = parse_expr(p);
            }
            expect_op(p, ')');
            return e;
        }
        break;
    case T_IDENT:
        if (is_kw(t, "null")) {
            e = new_expr(E_LIT);
            e->lit = make_null();
            return e;
        }
        if (is_kw(t, "case"))
            return parse_case(p);
        if (is_kw(t, "exists")) {
            expect_op(p, '(');
            e = new_expr(E_EXISTS);
            e->sub = parse_select(p);
            expect_op(p, ')');
            return e;
        }
        if (is_reserved(t->str))
            break;
        if (is_op(peek(p), '('))
            return parse_call(p, t);
        e = new_expr(E_COL);
        e->col_name = t->str;
        if (accept_op(p, '.')) {
            e->table_name = t->str;
            e->col_name = expect_name(p, "column name");
        }
        return e;
    default:
        break;
    }
    p->pos = start;
    syntax_error(p, "an expression");
}

static Expr *parse_unary(Parser *p)
{
    if (accept_op(p, '-')) {
        Expr *e = new_expr(E_NEG);
        e->nargs = 1;
        e->args = arena_alloc(sizeof *e->args);
        e->args[0] = parse_unary(p);
        return e;
    }
    if (accept_op(p, '+'))
        return parse_unary(p);
    return parse_primary(p);
}

static Expr *parse_mul(Parser *p)
{
    Expr *e = parse_unary(p);
    for (;;) {
        Token *t = peek(p);
        if (!(is_op(t, '*') || is_op(t, '/') || is_op(t, '%')))
            return e;
        p->pos++;
        e = binary(E_BINARY, t->op, e, parse_unary(p));
    }
}

static Expr *parse_add(Parser *p)
{
    Expr *e = parse_mul(p);
    for (;;) {
        Token *t = peek(p);
        if (!(is_op(t, '+') || is_op(t, '-') || is_op(t, OP_CONCAT)))
            return e;
        p->pos++;
        e = binary(E_BINARY, t->op, e, parse_mul(p));
    }
}

static Expr *parse_predicate(Parser *p)
{
    Expr *e = parse_add(p);
    Token *t = peek(p);
    if (t->kind == T_OP && (t->op == '=' || t->op == '<' || t->op == '>' ||
                            t->op == OP_NE || t->op == OP_LE || t->op == OP_GE)) {
        p->pos++;
        return binary(E_CMP, t->op, e, parse_add(p));
    }
    if (accept_kw(p, "is")) {
        Expr *n = new_expr(E_ISNULL);
        n->negate = accept_kw(p, "not");
        expect_kw(p, "null");
        n->nargs = 1;
        n->args = arena_alloc(sizeof *n->args);
        n->args[0] = e;
        return n;
    }
    int negate = 0;
    if (is_kw(t, "not")) {
        Token *u = &p->tok[p->pos + 1];
        if (!is_kw(u, "like") && !is_kw(u, "between") && !is_kw(u, "in"))
            return e;
        p->pos++;
        negate = 1;
    }
    if (accept_kw(p, "like")) {
        e = binary(E_LIKE, 0, e, parse_add(p));
    } else if (accept_kw(p, "between")) {
        Expr *lo = parse_add(p);
        expect_kw(p, "and");
        Expr *b = new_expr(E_BETWEEN);
        b->nargs = 3;
        b->args = arena_alloc(3 * sizeof *b->args);
        b->args[0] = e;
        b->args[1] = lo;
        b->args[2] = parse_add(p);
        e = b;
    } else if (accept_kw(p, "in")) {
        expect_op(p, '(');
        if (is_kw(peek(p), "select")) {
            Expr *in = new_expr(E_IN_SELECT);
            in->sub = parse_select(p);
            in->nargs = 1;
            in->args = arena_alloc(sizeof *in->args);
            in->args[0] = e;
            e = in;
        } else {
            ExprList l = { NULL, 0, 0 };
            list_add(&l, e);
            do
                list_add(&l, parse_expr(p));
            while (accept_op(p, ','));
            e = new_expr(E_IN_LIST);
            e->nargs = l.n;
            e->args = l.v;
        }
        expect_op(p, ')');
    } else {
        return e;
    }
    e->negate = negate;
    return e;
}

static Expr *parse_not(Parser *p)
{
    if (accept_kw(p, "not")) {
        Expr *e = new_expr(E_NOT);
        e->nargs = 1;
        e->args = arena_alloc(sizeof *e->args);
        e->args[0] = parse_not(p);
        return e;
    }
    return parse_predicate(p);
}

static Expr *parse_and(Parser *p)
{
    Expr *e = parse_not(p);
    while (accept_kw(p, "and"))
        e = binary(E_AND, 0, e, parse_not(p));
    return e;
}

static Expr *parse_expr(Parser *p)
{
    Token *first = peek(p);
    Expr *e = parse_and(p);
    while (accept_kw(p, "or"))
        e = binary(E_OR, 0, e, parse_and(p));
    Token *last = &p->tok[p->pos - 1];
    if (e->text == NULL) {
        e->text = first->start;
        e->text_len = (int)(last->start + last->len - first->start);
    }
    return e;
}

static void parse_source(Parser *p, Source *s)
{
    if (accept_op(p, '(')) {
        s->sub = parse_select(p);
        expect_op(p, ')');
    } else {
        Token *t = peek(p);
        s->table_name = expect_name(p, "table name");
        if (t->str == intern("series", 6) && accept_op(p, '(')) {
            int n = 0;
            do {
                if (n == 3)
                    sql_error("line %d: SERIES takes two or three arguments", t->line);
                s->series[n++] = parse_expr(p);
            } while (accept_op(p, ','));
            expect_op(p, ')');
            if (n < 2)
                sql_error("line %d: SERIES takes two or three arguments", t->line);
        }
        s->alias = s->table_name;
    }
    if (accept_kw(p, "as"))
        s->alias = expect_name(p, "alias");
    else if (is_name(peek(p)))
        s->alias = next(p)->str;
    if (s->alias == NULL)
        sql_error("line %d: a derived table needs an alias", peek(p)->line);
}

static void parse_from(Parser *p, Select *s)
{
    s->from = arena_alloc(MAX_SOURCES * sizeof *s->from);
    parse_source(p, &s->from[0]);
    s->nfrom = 1;
    for (;;) {
        int join;
        if (accept_op(p, ','))
            join = J_INNER;
        else if (accept_kw(p, "join"))
            join = J_INNER;
        else if (accept_kw(p, "inner")) {
            expect_kw(p, "join");
            join = J_INNER;
        } else if (accept_kw(p, "left")) {
            accept_kw(p, "outer");
            expect_kw(p, "join");
            join = J_LEFT;
        } else
            return;
        int comma = is_op(&p->tok[p->pos - 1], ',');
        if (s->nfrom == MAX_SOURCES)
            sql_error("line %d: at most %d tables in FROM", peek(p)->line, MAX_SOURCES);
        Source *src = &s->from[s->nfrom++];
        parse_source(p, src);
        src->join = join;
        if (!comma) {
            expect_kw(p, "on");
            src->on = parse_expr(p);
        }
    }
}

static Select *parse_select(Parser *p)
{
    Select *s = arena_alloc(sizeof *s);
    int cap = 8;
    expect_kw(p, "select");
    s->distinct = accept_kw(p, "distinct");
    if (!s->distinct)
        accept_kw(p, "all");
    s->items = arena_alloc((size_t)cap * sizeof *s->items);
    do {
        if (s->nitems == cap) {
            SelectItem *v = arena_alloc((size_t)cap * 2 * sizeof *v);
            memcpy(v, s->items, (size_t)cap * sizeof *v);
            s->items = v;
            cap *= 2;
        }
        SelectItem *it = &s->items[s->nitems++];
        Token *t = peek(p);
        if (accept_op(p, '*')) {
            it->star = 1;
        } else if (is_name(t) && is_op(&p->tok[p->pos + 1], '.') &&
                   is_op(&p->tok[p->pos + 2], '*')) {
            p->pos += 3;
            it->star = 1;
            it->star_table = t->str;
        } else {
            it->expr = parse_expr(p);
            if (accept_kw(p, "as"))
                it->alias = expect_name(p, "alias");
            else if (is_name(peek(p)))
                it->alias = next(p)->str;
        }
    } while (accept_op(p, ','));
    if (accept_kw(p, "from"))
        parse_from(p, s);
    if (accept_kw(p, "where"))
        s->where = parse_expr(p);
    if (accept_kw(p, "group")) {
        ExprList l = { NULL, 0, 0 };
        expect_kw(p, "by");
        do
            list_add(&l, parse_expr(p));
        while (accept_op(p, ','));
        s->group = l.v;
        s->ngroup = l.n;
    }
    if (accept_kw(p, "having"))
        s->having = parse_expr(p);
    if (accept_kw(p, "order")) {
        ExprList l = { NULL, 0, 0 };
        int descs[64];
        expect_kw(p, "by");
        do {
            if (l.n == 64)
                sql_error("too many ORDER BY terms");
            list_add(&l, parse_expr(p));
            descs[l.n - 1] = accept_kw(p, "desc");
            if (!descs[l.n - 1])
                accept_kw(p, "asc");
        } while (accept_op(p, ','));
        s->order = arena_alloc((size_t)l.n * sizeof *s->order);
        for (int i = 0; i < l.n; i++) {
            s->order[i].expr = l.v[i];
            s->order[i].desc = descs[i];
            s->order[i].output = -1;
        }
        s->norder = l.n;
    }
    if (accept_kw(p, "limit")) {
        s->limit = parse_expr(p);
        if (accept_kw(p, "offset"))
            s->offset = parse_expr(p);
    }
    return s;
}

static int parse_type(Parser *p)
{
    int start = p->pos;
    Token *t = next(p);
    if (is_kw(t, "integer") || is_kw(t, "int"))
        return V_INT;
    if (is_kw(t, "text") || is_kw(t, "varchar"))
        return V_TEXT;
    if (is_kw(t, "decimal"))
        return V_DEC;
    p->pos = start;
    syntax_error(p, "a column type (INTEGER, TEXT or DECIMAL)");
}

static void parse_create(Parser *p, Stmt *st)
{
    if (accept_kw(p, "table")) {
        st->kind = S_CREATE_TABLE;
        st->name = expect_name(p, "table name");
        expect_op(p, '(');
        do {
            if (st->ncols == MAX_COLS)
                sql_error("line %d: at most %d columns", st->line, MAX_COLS);
            ColumnDef *c = &st->cols[st->ncols++];
            c->name = expect_name(p, "column name");
            c->type = parse_type(p);
            for (;;) {
                if (accept_kw(p, "primary")) {
                    expect_kw(p, "key");
                    c->primary = c->not_null = 1;
                } else if (accept_kw(p, "not")) {
                    expect_kw(p, "null");
                    c->not_null = 1;
                } else {
                    break;
                }
            }
        } while (accept_op(p, ','));
        expect_op(p, ')');
        return;
    }
    st->unique = accept_kw(p, "unique");
    expect_kw(p, "index");
    st->kind = S_CREATE_INDEX;
    st->index_name = expect_name(p, "index name");
    expect_kw(p, "on");
    st->name = expect_name(p, "table name");
    expect_op(p, '(');
    st->col_names[0] = expect_name(p, "column name");
    st->ncols = 1;
    expect_op(p, ')');
}

static void parse_insert(Parser *p, Stmt *st)
{
    st->kind = S_INSERT;
    expect_kw(p, "into");
    st->name = expect_name(p, "table name");
    if (accept_op(p, '(')) {
        do {
            if (st->ncols == MAX_COLS)
                sql_error("line %d: too many columns", st->line);
            st->col_names[st->ncols++] = expect_name(p, "column name");
        } while (accept_op(p, ','));
        expect_op(p, ')');
    }
    if (is_kw(peek(p), "select")) {
        st->select = parse_select(p);
        return;
    }
    expect_kw(p, "values");
    int cap = 16;
    st->rows = arena_alloc((size_t)cap * sizeof *st->rows);
    do {
        ExprList l = { NULL, 0, 0 };
        parse_args(p, &l);
        if (st->nrows == 0)
            st->rowlen = l.n;
        else if (l.n != st->rowlen)
            sql_error("line %d: rows of VALUES differ in length", st->line);
        if (st->nrows == cap) {
            Expr ***v = arena_alloc((size_t)cap * 2 * sizeof *v);
            memcpy(v, st->rows, (size_t)cap * sizeof *v);
            st->rows = v;
            cap *= 2;
        }
        st->rows[st->nrows++] = l.v;
    } while (accept_op(p, ','));
}

Stmt *parse_statement(Parser *p)
{
    Stmt *st = arena_alloc(sizeof *st);
    Token *t = peek(p);
    st->line = t->line;
    if (is_kw(t, "select")) {
        st->kind = S_SELECT;
        st->select = parse_select(p);
    } else if (accept_kw(p, "explain")) {
        st->kind = S_EXPLAIN;
        st->select = parse_select(p);
    } else if (accept_kw(p, "create")) {
        parse_create(p, st);
    } else if (accept_kw(p, "insert")) {
        parse_insert(p, st);
    } else if (accept_kw(p, "update")) {
        st->kind = S_UPDATE;
        st->name = expect_name(p, "table name");
        expect_kw(p, "set");
        do {
            if (st->ncols == MAX_COLS)
                sql_error("line %d: too many assignments", st->line);
            st->col_names[st->ncols] = expect_name(p, "column name");
            expect_op(p, '=');
            st->values[st->ncols++] = parse_expr(p);
        } while (accept_op(p, ','));
        if (accept_kw(p, "where"))
            st->where = parse_expr(p);
    } else if (accept_kw(p, "delete")) {
        st->kind = S_DELETE;
        expect_kw(p, "from");
        st->name = expect_name(p, "table name");
        if (accept_kw(p, "where"))
            st->where = parse_expr(p);
    } else if (accept_kw(p, "drop")) {
        if (accept_kw(p, "table")) {
            st->kind = S_DROP_TABLE;
            st->name = expect_name(p, "table name");
        } else {
            expect_kw(p, "index");
            st->kind = S_DROP_INDEX;
            st->index_name = expect_name(p, "index name");
        }
    } else if (accept_kw(p, "assert")) {
        st->kind = S_ASSERT;
        st->expr = parse_expr(p);
    } else {
        syntax_error(p, "a statement");
    }
    if (!accept_op(p, ';') && !at_end(p))
        syntax_error(p, "';'");
    return st;
}
