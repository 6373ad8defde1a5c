/* Name binding, access path planning and expression evaluation. */
#include <string.h>
#include "minisql.h"

/* ---- hash sets of value tuples ---- */

typedef struct HEntry {
    struct HEntry *next;
    unsigned hash;
    void *data;
    Value key[];
} HEntry;

struct HashSet {
    int width;
    unsigned size, count;
    HEntry **buckets;
};

HashSet *hashset_new(int width)
{
    HashSet *h = arena_alloc(sizeof *h);
    h->width = width;
    h->size = 64;
    h->buckets = arena_alloc(h->size * sizeof *h->buckets);
    return h;
}

static unsigned tuple_hash(const HashSet *h, const Value *key)
{
    unsigned x = 0;
    for (int i = 0; i < h->width; i++)
        x = (x ^ value_hash(&key[i])) * 0x9e3779b1u + (unsigned)i;
    return x;
}

static HEntry *lookup(HashSet *h, const Value *key, unsigned hash)
{
    for (HEntry *e = h->buckets[hash & (h->size - 1)]; e; e = e->next) {
        if (e->hash != hash)
            continue;
        int i = 0;
        while (i < h->width && value_same(&e->key[i], &key[i]))
            i++;
        if (i == h->width)
            return e;
    }
    return NULL;
}

static void grow(HashSet *h)
{
    unsigned size = h->size * 2;
    HEntry **b = arena_alloc(size * sizeof *b);
    for (unsigned i = 0; i < h->size; i++) {
        HEntry *e = h->buckets[i];
        while (e) {
            HEntry *next = e->next;
            e->next = b[e->hash & (size - 1)];
            b[e->hash & (size - 1)] = e;
            e = next;
        }
    }
    h->buckets = b;
    h->size = size;
}

/* The data slot of key, added (with *added set) if it is new. */
void **hashset_slot(HashSet *h, const Value *key, int *added)
{
    unsigned hash = tuple_hash(h, key);
    HEntry *e = lookup(h, key, hash);
    *added = e == NULL;
    if (e)
        return &e->data;
    if (h->count * 2 >= h->size)
        grow(h);
    e = arena_alloc(sizeof *e + (size_t)h->width * sizeof(Value));
    e->hash = hash;
    memcpy(e->key, key, (size_t)h->width * sizeof(Value));
    e->next = h->buckets[hash & (h->size - 1)];
    h->buckets[hash & (h->size - 1)] = e;
    h->count++;
    return &e->data;
}

int hashset_add(HashSet *h, const Value *key)
{
    int added;
    hashset_slot(h, key, &added);
    return added;
}

int hashset_has(HashSet *h, const Value *key)
{
    return lookup(h, key, tuple_hash(h, key)) != NULL;
}

/* ---- binding ---- */

static int source_column(Source *s, const Str *name)
{
    for (int i = 0; i < s->table->ncols; i++)
        if (s->table->cols[i].name == name)
            return i;
    return -1;
}

static void bind_column(Expr *e, Select *s)
{
    int found = 0;
    for (int i = 0; s && i < s->nfrom; i++) {
        Source *src = &s->from[i];
        if (e->table_name && src->alias != e->table_name)
            continue;
        int col = source_column(src, e->col_name);
        if (col < 0)
            continue;
        if (found++)
            sql_error("column %s is ambiguous", e->col_name->text);
        e->src = i;
        e->col = col;
    }
    if (!found) {
        if (e->table_name)
            sql_error("no column %s.%s", e->table_name->text, e->col_name->text);
        sql_error("no column %s", e->col_name->text);
    }
}

static void add_aggregate(Select *s, Expr *e)
{
    if (s->naggs % 8 == 0) {
        Expr **v = arena_alloc((size_t)(s->naggs + 8) * sizeof *v);
        if (s->naggs)
            memcpy(v, s->aggs, (size_t)s->naggs * sizeof *v);
        s->aggs = v;
    }
    e->slot = s->naggs;
    s->aggs[s->naggs++] = e;
}

/* Binds column references of e against the FROM list of s (s may be NULL
   for a statement without tables). */
static void bind(Expr *e, Select *s, int allow_agg)
{
    if (e == NULL)
        return;
    switch (e->kind) {
    case E_COL:
        bind_column(e, s);
        return;
    case E_AGG:
        if (!allow_agg)
            sql_error("aggregate %.*s not allowed here", e->text_len, e->text ? e->text : "");
        for (int i = 0; i < e->nargs; i++)
            bind(e->args[i], s, 0);
        add_aggregate(s, e);
        return;
    case E_SUBQUERY:
    case E_EXISTS:
    case E_IN_SELECT:
        bind_select(e->sub);
        if (e->kind != E_EXISTS && e->sub->nitems != 1)
            sql_error("subquery must return one column");
        break;
    default:
        break;
    }
    for (int i = 0; i < e->nargs; i++)
        bind(e->args[i], s, allow_agg);
}

void bind_expr_alone(Expr *e)
{
    bind(e, NULL, 0);
}

void bind_in(Expr *e, Select *s)
{
    bind(e, s, 0);
}

/* Highest FROM position an expression reads, or -1 for none. */
int expr_level(Expr *e)
{
    int level = e->kind == E_COL ? e->src : -1;
    for (int i = 0; i < e->nargs; i++) {
        int l = expr_level(e->args[i]);
        if (l > level)
            level = l;
    }
    return level;
}

static Table *temp_table(int ncols)
{
    Table *t = arena_alloc(sizeof *t);
    t->ncols = ncols;
    t->temp = 1;
    return t;
}

static void bind_sources(Select *s)
{
    for (int i = 0; i < s->nfrom; i++) {
        Source *src = &s->from[i];
        for (int j = 0; j < i; j++)
            if (s->from[j].alias == src->alias)
                sql_error("table name %s used twice", src->alias->text);
        if (src->sub) {
            bind_select(src->sub);
            src->table = temp_table(src->sub->nitems);
            for (int c = 0; c < src->sub->nitems; c++)
                src->table->cols[c].name = src->sub->names[c];
        } else if (src->series[0]) {
            for (int a = 0; a < 3; a++)
                bind(src->series[a], NULL, 0);
            src->table = temp_table(1);
            src->table->cols[0].name = intern("value", 5);
            src->table->cols[0].type = V_INT;
        } else {
            src->table = find_table(src->table_name);
            if (src->table == NULL)
                sql_error("no table %s", src->table_name->text);
        }
    }
}

static void expand_stars(Select *s)
{
    int n = 0;
    for (int i = 0; i < s->nitems; i++) {
        SelectItem *it = &s->items[i];
        if (!it->star) {
            n++;
            continue;
        }
        int matched = 0;
        for (int j = 0; j < s->nfrom; j++)
            if (!it->star_table || s->from[j].alias == it->star_table) {
                n += s->from[j].table->ncols;
                matched = 1;
            }
        if (!matched)
            sql_error(it->star_table ? "no table %s" : "SELECT * needs a FROM clause",
                      it->star_table ? it->star_table->text : "");
    }
    SelectItem *items = arena_alloc((size_t)n * sizeof *items);
    n = 0;
    for (int i = 0; i < s->nitems; i++) {
        SelectItem *it = &s->items[i];
        if (!it->star) {
            items[n++] = *it;
            continue;
        }
        for (int j = 0; j < s->nfrom; j++) {
            if (it->star_table && s->from[j].alias != it->star_table)
                continue;
            for (int c = 0; c < s->from[j].table->ncols; c++) {
                Expr *e = arena_alloc(sizeof *e);
                e->kind = E_COL;
                e->table_name = s->from[j].alias;
                e->col_name = s->from[j].table->cols[c].name;
                items[n++].expr = e;
            }
        }
    }
    s->items = items;
    s->nitems = n;
}

/* Adds the conjuncts of e to the filter list of the level they need. */
static void distribute(Select *s, Expr *e, int min_level)
{
    if (e->kind == E_AND) {
        distribute(s, e->args[0], min_level);
        distribute(s, e->args[1], min_level);
        return;
    }
    int level = expr_level(e);
    if (level < min_level)
        level = min_level;
    Source *src = &s->from[level];
    if (src->nconds % 8 == 0) {
        Expr **v = arena_alloc((size_t)(src->nconds + 8) * sizeof *v);
        if (src->nconds)
            memcpy(v, src->conds, (size_t)src->nconds * sizeof *v);
        src->conds = v;
    }
    src->conds[src->nconds++] = e;
}

static Index *column_index(Source *src, Expr *e, int level)
{
    if (e->kind != E_COL || e->src != level || src->table->temp)
        return NULL;
    for (Index *ix = src->table->indexes; ix; ix = ix->next)
        if (ix->col == e->col)
            return ix;
    return NULL;
}

/* Looks at one conjunct for a use of an index of level. */
static void consider(Source *src, Expr *e, int level)
{
    if (src->eq)
        return;
    if (e->kind == E_CMP && e->op != OP_NE) {
        for (int side = 0; side < 2; side++) {
            Index *ix = column_index(src, e->args[side], level);
            Expr *other = e->args[1 - side];
            if (!ix || expr_level(other) >= level || (src->index && src->index != ix))
                continue;
            int op = e->op;
            if (side == 1)  /* mirror so that the column is on the left */
                op = op == '<' ? '>' : op == '>' ? '<' : op == OP_LE ? OP_GE : op == OP_GE ? OP_LE : op;
            src->index = ix;
            if (op == '=') {
                src->eq = other;
                src->lo = src->hi = NULL;
            } else if ((op == '>' || op == OP_GE) && !src->lo) {
                src->lo = other;
            } else if ((op == '<' || op == OP_LE) && !src->hi) {
                src->hi = other;
            }
            return;
        }
    }
    if (e->kind == E_BETWEEN && !e->negate) {
        Index *ix = column_index(src, e->args[0], level);
        if (ix && (!src->index || src->index == ix) && expr_level(e->args[1]) < level &&
            expr_level(e->args[2]) < level) {
            src->index = ix;
            if (!src->lo)
                src->lo = e->args[1];
            if (!src->hi)
                src->hi = e->args[2];
        }
    }
}

static void consider_all(Source *src, Expr *e, int level)
{
    if (e->kind == E_AND) {
        consider_all(src, e->args[0], level);
        consider_all(src, e->args[1], level);
    } else {
        consider(src, e, level);
    }
}

static void plan(Select *s)
{
    for (int i = 0; i < s->nfrom; i++) {
        Source *src = &s->from[i];
        if (src->on && expr_level(src->on) > i)
            sql_error("ON clause of %s refers to a later table", src->alias->text);
        if (src->on && src->join != J_LEFT) {
            distribute(s, src->on, i);
            src->on = NULL;
        }
    }
    if (s->where && s->nfrom > 0)
        distribute(s, s->where, 0);
    for (int i = 0; i < s->nfrom; i++) {
        Source *src = &s->from[i];
        if (src->join == J_LEFT) {
            consider_all(src, src->on, i);
        } else {
            for (int k = 0; k < src->nconds; k++)
                consider(src, src->conds[k], i);
        }
    }
}

static const Str *item_name(SelectItem *it)
{
    if (it->alias)
        return it->alias;
    if (it->expr->kind == E_COL)
        return it->expr->col_name;
    if (it->expr->text)
        return intern(it->expr->text, it->expr->text_len);
    return intern("?", 1);
}

void bind_select(Select *s)
{
    if (s->bound)
        return;
    s->bound = 1;
    bind_sources(s);
    expand_stars(s);
    for (int i = 0; i < s->nfrom; i++)
        bind(s->from[i].on, s, 0);
    bind(s->where, s, 0);
    for (int i = 0; i < s->ngroup; i++)
        bind(s->group[i], s, 0);
    s->names = arena_alloc((size_t)s->nitems * sizeof *s->names);
    for (int i = 0; i < s->nitems; i++) {
        bind(s->items[i].expr, s, 1);
        s->names[i] = item_name(&s->items[i]);
    }
    bind(s->having, s, 1);
    for (int i = 0; i < s->norder; i++) {
        OrderItem *o = &s->order[i];
        Expr *e = o->expr;
        if (e->kind == E_LIT && e->lit.type == V_INT) {
            if (e->lit.num < 1 || e->lit.num > s->nitems)
                sql_error("ORDER BY position %lld out of range", e->lit.num);
            o->output = (int)e->lit.num - 1;
            continue;
        }
        if (e->kind == E_COL && !e->table_name)
            for (int k = 0; k < s->nitems; k++)
                if (s->items[k].alias == e->col_name)
                    o->output = k;
        if (o->output < 0)
            bind(e, s, 1);
    }
    bind(s->limit, NULL, 0);
    bind(s->offset, NULL, 0);
    s->grouped = s->ngroup > 0 || s->naggs > 0;
    if (s->having && !s->grouped)
        sql_error("HAVING without grouping");
    plan(s);
}

/* ---- evaluation ---- */

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* SQL LIKE: % matches any run, _ one character; ASCII case is ignored. */
static int like(const char *s, int slen, const char *p, int plen)
{
    int si = 0, pi = 0, star = -1, mark = 0;
    while (si < slen) {
        if (pi < plen && p[pi] == '%') {
            star = pi++;
            mark = si;
        } else if (pi < plen && (p[pi] == '_' || lower(p[pi]) == lower(s[si]))) {
            si++;
            pi++;
        } else if (star >= 0) {
            pi = star + 1;
            si = ++mark;
        } else {
            return 0;
        }
    }
    while (pi < plen && p[pi] == '%')
        pi++;
    return pi == plen;
}

static Value bool_value(int b)
{
    return make_int(b != 0);
}

static const Str *text_arg(Expr *e, Ctx *c, Value *v)
{
    *v = eval(e, c);
    return v->type == V_NULL ? NULL : value_to_text(v);
}

static long long int_arg(Expr *e, Ctx *c, int *is_null)
{
    Value v = eval(e, c);
    *is_null = v.type == V_NULL;
    if (v.type == V_DEC)
        return div_round(v.num, 100);
    if (v.type == V_TEXT)
        sql_error("integer expected, got text");
    return v.num;
}

static Value text_value(const char *p, long long len)
{
    return make_text(intern(p, (int)len));
}

static Value call_substr(Expr *e, Ctx *c)
{
    Value v;
    int null1 = 0, null2 = 0;
    const Str *s = text_arg(e->args[0], c, &v);
    long long start = int_arg(e->args[1], c, &null1);
    long long len = e->nargs > 2 ? int_arg(e->args[2], c, &null2) : s ? s->len : 0;
    if (!s || null1 || null2)
        return make_null();
    long long begin = checked_add(start, -1);
    long long end = len < 0 ? begin : checked_add(begin, len);
    if (begin < 0)
        begin = 0;
    if (end > s->len)
        end = s->len;
    if (end <= begin)
        return text_value("", 0);
    return text_value(s->text + begin, end - begin);
}

static Value call_replace(Expr *e, Ctx *c)
{
    Value v1, v2, v3;
    const Str *s = text_arg(e->args[0], c, &v1);
    const Str *from = text_arg(e->args[1], c, &v2);
    const Str *to = text_arg(e->args[2], c, &v3);
    if (!s || !from || !to)
        return make_null();
    if (from->len == 0)
        return make_text(s);
    size_t cap = (size_t)s->len + 1, n = 0;
    for (int i = 0; i + from->len <= s->len; i++)
        if (memcmp(s->text + i, from->text, (size_t)from->len) == 0)
            cap += (size_t)to->len;
    char *buf = arena_alloc(cap);
    for (int i = 0; i < s->len;) {
        if (i + from->len <= s->len && memcmp(s->text + i, from->text, (size_t)from->len) == 0) {
            memcpy(buf + n, to->text, (size_t)to->len);
            n += (size_t)to->len;
            i += from->len;
        } else {
            buf[n++] = s->text[i++];
        }
    }
    return text_value(buf, (long long)n);
}

static Value call_function(Expr *e, Ctx *c)
{
    Value v, w;
    const Str *s;
    switch (e->op) {
    case F_ABS:
        v = eval(e->args[0], c);
        if (v.type == V_TEXT)
            sql_error("ABS of text");
        if (v.type != V_NULL && v.num < 0)
            v.num = checked_mul(v.num, -1);
        return v;
    case F_LENGTH:
        s = text_arg(e->args[0], c, &v);
        return s ? make_int(s->len) : make_null();
    case F_UPPER:
    case F_LOWER: {
        s = text_arg(e->args[0], c, &v);
        if (!s)
            return make_null();
        char *buf = arena_alloc((size_t)s->len + 1);
        for (int i = 0; i < s->len; i++) {
            int ch = s->text[i];
            if (e->op == F_UPPER && ch >= 'a' && ch <= 'z')
                ch += 'A' - 'a';
            else if (e->op == F_LOWER)
                ch = lower(ch);
            buf[i] = (char)ch;
        }
        return text_value(buf, s->len);
    }
    case F_SUBSTR:
        return call_substr(e, c);
    case F_COALESCE:
        for (int i = 0; i < e->nargs; i++) {
            v = eval(e->args[i], c);
            if (v.type != V_NULL)
                return v;
        }
        return make_null();
    case F_HASH: {
        unsigned long long h = 0x243f6a8885a308d3ull;
        for (int i = 0; i < e->nargs; i++) {
            v = eval(e->args[i], c);
            h ^= v.type == V_TEXT ? v.str->hash : (unsigned long long)v.num + (unsigned)v.type;
            h *= 0x9e3779b97f4a7c15ull;
            h ^= h >> 29;
        }
        h *= 0xbf58476d1ce4e5b9ull;
        h ^= h >> 32;
        return make_int((long long)(h >> 2));
    }
    case F_ROUND:
        v = eval(e->args[0], c);
        if (v.type == V_DEC)
            return make_int(div_round(v.num, 100));
        if (v.type == V_TEXT)
            sql_error("ROUND of text");
        return v;
    case F_MIN:
    case F_MAX:
        w = make_null();
        for (int i = 0; i < e->nargs; i++) {
            v = eval(e->args[i], c);
            if (v.type == V_NULL)
                return v;
            int cmp = i ? value_cmp(&v, &w) : 0;
            if (i == 0 || (e->op == F_MIN ? cmp < 0 : cmp > 0))
                w = v;
        }
        return w;
    case F_REPLACE:
        return call_replace(e, c);
    case F_INSTR: {
        const Str *sub = text_arg(e->args[1], c, &w);
        s = text_arg(e->args[0], c, &v);
        if (!s || !sub)
            return make_null();
        for (int i = 0; i + sub->len <= s->len; i++)
            if (memcmp(s->text + i, sub->text, (size_t)sub->len) == 0)
                return make_int(i + 1);
        return make_int(0);
    }
    case F_TRIM: {
        s = text_arg(e->args[0], c, &v);
        if (!s)
            return make_null();
        int b = 0, n = s->len;
        while (b < n && s->text[b] == ' ')
            b++;
        while (n > b && s->text[n - 1] == ' ')
            n--;
        return text_value(s->text + b, n - b);
    }
    default: {
        static const char *const names[] = { "null", "integer", "decimal", "text" };
        v = eval(e->args[0], c);
        return make_text(intern(names[v.type], (int)strlen(names[v.type])));
    }
    }
}

static Value concat(const Value *a, const Value *b)
{
    if (a->type == V_NULL || b->type == V_NULL)
        return make_null();
    const Str *x = value_to_text(a), *y = value_to_text(b);
    char *buf = arena_alloc((size_t)x->len + (size_t)y->len + 1);
    memcpy(buf, x->text, (size_t)x->len);
    memcpy(buf + x->len, y->text, (size_t)y->len);
    return text_value(buf, (long long)x->len + y->len);
}

static Value compare(int op, const Value *a, const Value *b)
{
    if (a->type == V_NULL || b->type == V_NULL)
        return make_null();
    int c = value_cmp(a, b);
    switch (op) {
    case '=': return bool_value(c == 0);
    case OP_NE: return bool_value(c != 0);
    case '<': return bool_value(c < 0);
    case OP_LE: return bool_value(c <= 0);
    case '>': return bool_value(c > 0);
    default: return bool_value(c >= 0);
    }
}

/* NOT in three-valued logic. */
static Value negate_if(int negate, Value v)
{
    if (!negate || v.type == V_NULL)
        return v;
    return bool_value(!value_truth(&v));
}

static Result *run_subquery(Expr *e)
{
    Result *r = run_select(e->sub);
    e->cached = 1;
    return r;
}

static Value in_select(Expr *e, Ctx *c)
{
    if (!e->cached) {
        Result *r = run_subquery(e);
        e->cached_set = hashset_new(1);
        for (int i = 0; i < r->nrows; i++) {
            if (r->rows[i][0].type == V_NULL)
                e->cached_has_null = 1;
            else
                hashset_add(e->cached_set, &r->rows[i][0]);
        }
    }
    if (e->cached_set->count == 0 && !e->cached_has_null)
        return bool_value(e->negate);  /* nothing is in an empty set */
    Value v = eval(e->args[0], c);
    if (v.type == V_NULL)
        return v;
    if (hashset_has(e->cached_set, &v))
        return bool_value(!e->negate);
    return e->cached_has_null ? make_null() : bool_value(e->negate);
}

static Value eval_case(Expr *e, Ctx *c)
{
    int i = e->has_operand;
    Value operand = i ? eval(e->args[0], c) : make_null();
    int pairs_end = e->nargs - e->has_else;
    for (; i < pairs_end; i += 2) {
        Value w = eval(e->args[i], c);
        int hit;
        if (e->has_operand)
            hit = operand.type != V_NULL && w.type != V_NULL && value_cmp(&operand, &w) == 0;
        else
            hit = value_truth(&w);
        if (hit)
            return eval(e->args[i + 1], c);
    }
    return e->has_else ? eval(e->args[e->nargs - 1], c) : make_null();
}

Value eval(Expr *e, Ctx *c)
{
    Value a, b;
    switch (e->kind) {
    case E_LIT:
        return e->lit;
    case E_COL:
        if (c == NULL || c->row[e->src] == NULL)
            return make_null();
        return c->row[e->src][e->col];
    case E_NEG:
        a = eval(e->args[0], c);
        b = make_int(0);
        return value_arith('-', &b, &a);
    case E_NOT:
        a = eval(e->args[0], c);
        return negate_if(1, a);
    case E_BINARY:
        a = eval(e->args[0], c);
        b = eval(e->args[1], c);
        if (e->op == OP_CONCAT)
            return concat(&a, &b);
        return value_arith(e->op, &a, &b);
    case E_CMP:
        a = eval(e->args[0], c);
        b = eval(e->args[1], c);
        return compare(e->op, &a, &b);
    case E_AND:
    case E_OR: {
        int stop = e->kind == E_OR;  /* the value that decides alone */
        a = eval(e->args[0], c);
        if (a.type != V_NULL && value_truth(&a) == stop)
            return bool_value(stop);
        b = eval(e->args[1], c);
        if (b.type != V_NULL && value_truth(&b) == stop)
            return bool_value(stop);
        if (a.type == V_NULL || b.type == V_NULL)
            return make_null();
        return bool_value(!stop);
    }
    case E_LIKE: {
        const Str *s = text_arg(e->args[0], c, &a);
        const Str *pat = text_arg(e->args[1], c, &b);
        if (!s || !pat)
            return make_null();
        return bool_value(like(s->text, s->len, pat->text, pat->len) != e->negate);
    }
    case E_ISNULL:
        a = eval(e->args[0], c);
        return bool_value((a.type == V_NULL) != e->negate);
    case E_BETWEEN: {
        Value x = eval(e->args[0], c);
        a = eval(e->args[1], c);
        b = eval(e->args[2], c);
        Value ge = compare(OP_GE, &x, &a), le = compare(OP_LE, &x, &b);
        Value r;
        if ((ge.type != V_NULL && !ge.num) || (le.type != V_NULL && !le.num))
            r = bool_value(0);
        else if (ge.type == V_NULL || le.type == V_NULL)
            r = make_null();
        else
            r = bool_value(1);
        return negate_if(e->negate, r);
    }
    case E_IN_LIST: {
        int has_null = 0;
        a = eval(e->args[0], c);
        if (a.type == V_NULL)
            return a;
        for (int i = 1; i < e->nargs; i++) {
            b = eval(e->args[i], c);
            if (b.type == V_NULL)
                has_null = 1;
            else if (value_cmp(&a, &b) == 0)
                return bool_value(!e->negate);
        }
        return has_null ? make_null() : bool_value(e->negate);
    }
    case E_IN_SELECT:
        return in_select(e, c);
    case E_EXISTS:
        if (!e->cached)
            e->cached_value = bool_value(run_subquery(e)->nrows > 0);
        return e->cached_value;
    case E_SUBQUERY:
        if (!e->cached) {
            Result *r = run_subquery(e);
            if (r->nrows > 1)
                sql_error("subquery returned more than one row");
            e->cached_value = r->nrows ? r->rows[0][0] : make_null();
        }
        return e->cached_value;
    case E_FUNC:
        return call_function(e, c);
    case E_AGG:
        if (c == NULL || c->group == NULL)
            sql_error("aggregate used outside a grouped query");
        return aggregate_value(c->group, e->slot);
    default:
        return eval_case(e, c);
    }
}
