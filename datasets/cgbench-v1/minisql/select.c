/* SELECT execution: joins with index lookups, grouping, sorting, output. */
#include <stdio.h>
#include <string.h>
#include "minisql.h"

typedef struct Acc {
    long long count;
    Value sum, best;
    HashSet *seen;
} Acc;

struct Group {
    const Value *row[MAX_SOURCES];
    Acc *acc;
    Value *result;
    Group *next;
};

typedef struct Run {
    Select *s;
    void (*emit)(struct Run *, Ctx *);
    int stop;
    Result *res;
    long long want;        /* rows needed before stopping early, or -1 */
    HashSet *groups;
    Group *first, *last;
    void *user;
} Run;

static Value *row_ptr(Table *t, int r)
{
    return &t->cells[(size_t)r * (size_t)t->ncols];
}

static int conds_pass(Source *src, Ctx *c)
{
    for (int i = 0; i < src->nconds; i++) {
        Value v = eval(src->conds[i], c);
        if (!value_truth(&v))
            return 0;
    }
    return 1;
}

static void scan_level(Run *run, int level, Ctx *c);

/* Sets row for this level; returns 1 if it counts as a match. */
static int try_row(Run *run, int level, Ctx *c, const Value *row)
{
    Source *src = &run->s->from[level];
    c->row[level] = row;
    if (src->join == J_LEFT) {
        Value v = eval(src->on, c);
        if (!value_truth(&v))
            return 0;
    }
    if (conds_pass(src, c))
        scan_level(run, level + 1, c);
    return 1;
}

static int index_candidates(Run *run, int level, Ctx *c)
{
    Source *src = &run->s->from[level];
    Value lo, hi;
    const Value *start = NULL;
    int has_hi = 0, matched = 0;
    if (src->eq) {
        lo = hi = eval(src->eq, c);
        if (lo.type == V_NULL)
            return 0;
        start = &lo;
        has_hi = 1;
    } else {
        if (src->lo) {
            lo = eval(src->lo, c);
            if (lo.type == V_NULL)
                return 0;
            start = &lo;
        }
        if (src->hi) {
            hi = eval(src->hi, c);
            if (hi.type == V_NULL)
                return 0;
            has_hi = 1;
        }
    }
    BtCursor cur;
    const Value *key;
    int r;
    index_seek(src->index, start, &cur);
    while (!run->stop && cursor_get(&cur, &key, &r)) {
        if (has_hi && value_cmp(key, &hi) > 0)
            break;
        matched |= try_row(run, level, c, row_ptr(src->table, r));
    }
    return matched;
}

static void scan_level(Run *run, int level, Ctx *c)
{
    Select *s = run->s;
    if (run->stop)
        return;
    if (level == s->nfrom) {
        run->emit(run, c);
        return;
    }
    Source *src = &s->from[level];
    int matched = 0;
    if (src->index) {
        matched = index_candidates(run, level, c);
    } else {
        for (int r = 0; r < src->table->nrows && !run->stop; r++)
            matched |= try_row(run, level, c, row_ptr(src->table, r));
    }
    if (!matched && src->join == J_LEFT && !run->stop) {
        c->row[level] = NULL;
        if (conds_pass(src, c))
            scan_level(run, level + 1, c);
    }
}

/* Runs the FROM/WHERE part, calling emit for each joined row. */
static void iterate(Run *run)
{
    Ctx c;
    memset(&c, 0, sizeof c);
    if (run->s->nfrom == 0) {
        Value v = run->s->where ? eval(run->s->where, &c) : make_int(1);
        if (value_truth(&v))
            run->emit(run, &c);
        return;
    }
    scan_level(run, 0, &c);
}

typedef struct RowList {
    Table *table;
    int *rows;
    int n;
} RowList;

static void collect_row(Run *run, Ctx *c)
{
    RowList *l = run->user;
    l->rows[l->n++] = (int)((c->row[0] - l->table->cells) / l->table->ncols);
}

/* Numbers of the rows of a bound one-table select that pass its WHERE. */
int *select_row_numbers(Select *s, int *count)
{
    Run run;
    RowList list;
    memset(&run, 0, sizeof run);
    list.table = s->from[0].table;
    list.rows = arena_alloc(((size_t)list.table->nrows + 1) * sizeof *list.rows);
    list.n = 0;
    run.s = s;
    run.emit = collect_row;
    run.want = -1;
    run.user = &list;
    iterate(&run);
    *count = list.n;
    return list.rows;
}

/* ---- derived tables ---- */

static void fill_series(Source *src)
{
    Value v[3];
    for (int i = 0; i < 3; i++) {
        v[i] = src->series[i] ? eval(src->series[i], NULL) : make_int(1);
        if (v[i].type != V_INT)
            sql_error("SERIES needs integer arguments");
    }
    long long start = v[0].num, stop = v[1].num, step = v[2].num, n = 0;
    if (step == 0)
        sql_error("SERIES step is zero");
    if ((step > 0 && stop >= start) || (step < 0 && stop <= start))
        n = (step > 0 ? ((unsigned long long)stop - (unsigned long long)start) / (unsigned long long)step
                      : ((unsigned long long)start - (unsigned long long)stop) / (0ull - (unsigned long long)step)) + 1;
    if (n > 1000000)
        sql_error("SERIES too long");
    Table *t = src->table;
    t->nrows = (int)n;
    t->cells = arena_alloc((size_t)n * sizeof(Value));
    /* the values lie between start and stop, so the wrapped sum is exact */
    for (long long i = 0; i < n; i++)
        t->cells[i] = make_int((long long)((unsigned long long)start +
                                           (unsigned long long)i * (unsigned long long)step));
}

static void fill_derived(Source *src)
{
    Result *r = run_select(src->sub);
    Table *t = src->table;
    t->nrows = r->nrows;
    t->cells = arena_alloc((size_t)r->nrows * (size_t)t->ncols * sizeof(Value));
    for (int i = 0; i < r->nrows; i++)
        memcpy(row_ptr(t, i), r->rows[i], (size_t)t->ncols * sizeof(Value));
}

/* ---- grouping ---- */

static Group *new_group(Run *run, Ctx *c)
{
    Group *g = arena_alloc(sizeof *g);
    if (c)
        memcpy(g->row, c->row, sizeof g->row);
    g->acc = arena_alloc((size_t)(run->s->naggs + 1) * sizeof *g->acc);
    if (run->last)
        run->last->next = g;
    else
        run->first = g;
    run->last = g;
    return g;
}

static void accumulate(Select *s, Group *g, Ctx *c)
{
    for (int k = 0; k < s->naggs; k++) {
        Expr *a = s->aggs[k];
        Acc *acc = &g->acc[k];
        if (a->nargs == 0) {
            acc->count++;
            continue;
        }
        Value v = eval(a->args[0], c);
        if (v.type == V_NULL)
            continue;
        if (a->distinct) {
            if (acc->seen == NULL)
                acc->seen = hashset_new(1);
            if (!hashset_add(acc->seen, &v))
                continue;
        }
        acc->count++;
        switch (a->op) {
        case A_SUM:
        case A_AVG:
            if (v.type == V_TEXT)
                sql_error("%s of text", a->op == A_SUM ? "SUM" : "AVG");
            acc->sum = acc->count == 1 ? v : value_arith('+', &acc->sum, &v);
            break;
        case A_MIN:
        case A_MAX: {
            int cmp = acc->count == 1 ? 0 : value_cmp(&v, &acc->best);
            if (acc->count == 1 || (a->op == A_MIN ? cmp < 0 : cmp > 0))
                acc->best = v;
            break;
        }
        default:
            break;
        }
    }
}

static void group_emit(Run *run, Ctx *c)
{
    Select *s = run->s;
    Group *g;
    if (s->ngroup == 0) {
        g = run->first ? run->first : new_group(run, c);
    } else {
        Value *key = arena_alloc((size_t)s->ngroup * sizeof *key);
        int added;
        for (int i = 0; i < s->ngroup; i++)
            key[i] = eval(s->group[i], c);
        void **slot = hashset_slot(run->groups, key, &added);
        if (added)
            *slot = new_group(run, c);
        g = *slot;
    }
    accumulate(s, g, c);
}

static void finish_group(Select *s, Group *g)
{
    g->result = arena_alloc((size_t)(s->naggs + 1) * sizeof *g->result);
    for (int k = 0; k < s->naggs; k++) {
        Acc *acc = &g->acc[k];
        Value *out = &g->result[k];
        switch (s->aggs[k]->op) {
        case A_COUNT:
            *out = make_int(acc->count);
            break;
        case A_SUM:
            *out = acc->count ? acc->sum : make_null();
            break;
        case A_AVG:
            if (acc->count == 0)
                *out = make_null();
            else if (acc->sum.type == V_DEC)
                *out = make_dec(div_round(acc->sum.num, acc->count));
            else
                *out = make_dec(div_round(checked_mul(acc->sum.num, 100), acc->count));
            break;
        default:
            *out = acc->count ? acc->best : make_null();
            break;
        }
    }
}

Value aggregate_value(Group *g, int slot)
{
    return g->result[slot];
}

/* ---- projection, sorting, output ---- */

static void add_row(Result *r, Value *row)
{
    if (r->nrows == r->cap) {
        int cap = r->cap ? r->cap * 2 : 64;
        Value **rows = arena_alloc((size_t)cap * sizeof *rows);
        if (r->nrows)
            memcpy(rows, r->rows, (size_t)r->nrows * sizeof *rows);
        r->rows = rows;
        r->cap = cap;
    }
    r->rows[r->nrows++] = row;
}

static void project(Run *run, Ctx *c)
{
    Select *s = run->s;
    Value *row = arena_alloc((size_t)(s->nitems + s->norder) * sizeof *row);
    for (int i = 0; i < s->nitems; i++)
        row[i] = eval(s->items[i].expr, c);
    for (int k = 0; k < s->norder; k++) {
        OrderItem *o = &s->order[k];
        row[s->nitems + k] = o->output >= 0 ? row[o->output] : eval(o->expr, c);
    }
    add_row(run->res, row);
    if (run->want >= 0 && run->res->nrows >= run->want)
        run->stop = 1;
}

static Select *sorting;

static int row_cmp(Value *a, Value *b)
{
    int base = sorting->nitems;
    for (int k = 0; k < sorting->norder; k++) {
        int c = value_cmp(&a[base + k], &b[base + k]);
        if (c)
            return sorting->order[k].desc ? -c : c;
    }
    return 0;
}

/* Stable merge sort of rows[0..n-1] using tmp as scratch. */
static void merge_sort(Value **rows, Value **tmp, int n)
{
    if (n < 2)
        return;
    int half = n / 2;
    merge_sort(rows, tmp, half);
    merge_sort(rows + half, tmp, n - half);
    int i = 0, j = half, k = 0;
    while (i < half && j < n)
        tmp[k++] = row_cmp(rows[j], rows[i]) < 0 ? rows[j++] : rows[i++];
    while (i < half)
        tmp[k++] = rows[i++];
    memcpy(rows, tmp, (size_t)k * sizeof *rows);
}

static long long count_arg(Expr *e, const char *what)
{
    Value v = eval(e, NULL);
    if (v.type != V_INT || v.num < 0)
        sql_error("%s must be a non-negative integer", what);
    return v.num;
}

Result *run_select(Select *s)
{
    bind_select(s);
    for (int i = 0; i < s->nfrom; i++) {
        if (s->from[i].series[0])
            fill_series(&s->from[i]);
        else if (s->from[i].sub)
            fill_derived(&s->from[i]);
    }
    long long limit = s->limit ? count_arg(s->limit, "LIMIT") : -1;
    long long offset = s->offset ? count_arg(s->offset, "OFFSET") : 0;
    Run run;
    memset(&run, 0, sizeof run);
    run.s = s;
    run.res = arena_alloc(sizeof *run.res);
    run.res->ncols = s->nitems;
    run.res->names = s->names;
    run.want = -1;
    if (s->grouped) {
        run.emit = group_emit;
        run.groups = hashset_new(s->ngroup);
        iterate(&run);
        if (run.first == NULL && s->ngroup == 0)
            new_group(&run, NULL);
        for (Group *g = run.first; g; g = g->next) {
            Ctx c;
            memcpy(c.row, g->row, sizeof c.row);
            c.group = g;
            finish_group(s, g);
            if (s->having) {
                Value v = eval(s->having, &c);
                if (!value_truth(&v))
                    continue;
            }
            project(&run, &c);
        }
    } else {
        if (limit >= 0 && s->norder == 0 && !s->distinct)
            run.want = limit > (long long)1 << 40 || offset > (long long)1 << 40 ? -1 : offset + limit;
        run.emit = project;
        if (run.want != 0)
            iterate(&run);
    }
    Result *r = run.res;
    if (s->norder > 0 && r->nrows > 1) {
        Value **tmp = arena_alloc((size_t)r->nrows * sizeof *tmp);
        sorting = s;
        merge_sort(r->rows, tmp, r->nrows);
    }
    if (s->distinct) {
        HashSet *seen = hashset_new(s->nitems);
        int n = 0;
        for (int i = 0; i < r->nrows; i++)
            if (hashset_add(seen, r->rows[i]))
                r->rows[n++] = r->rows[i];
        r->nrows = n;
    }
    if (offset > 0 && r->nrows > 0) {
        long long skip = offset < r->nrows ? offset : r->nrows;
        r->rows += skip;
        r->nrows -= (int)skip;
    }
    if (limit >= 0 && limit < r->nrows)
        r->nrows = (int)limit;
    return r;
}

static int is_number(const Value *v)
{
    return v->type == V_INT || v->type == V_DEC;
}

static void print_line(const int *width, int n)
{
    for (int i = 0; i < n; i++) {
        putchar('+');
        for (int k = 0; k < width[i] + 2; k++)
            putchar('-');
    }
    puts("+");
}

void print_result(Result *r)
{
    int *width = arena_alloc((size_t)(r->ncols + 1) * sizeof *width);
    const char **text = arena_alloc(((size_t)r->nrows * (size_t)r->ncols + 1) * sizeof *text);
    for (int i = 0; i < r->ncols; i++)
        width[i] = r->names[i]->len;
    for (int j = 0; j < r->nrows; j++) {
        for (int i = 0; i < r->ncols; i++) {
            char buf[32];
            const char *s = value_format(&r->rows[j][i], buf, sizeof buf);
            size_t len = strlen(s);
            char *copy = arena_alloc(len + 1);
            memcpy(copy, s, len + 1);
            text[(size_t)j * (size_t)r->ncols + (size_t)i] = copy;
            if ((int)len > width[i])
                width[i] = (int)len;
        }
    }
    print_line(width, r->ncols);
    for (int i = 0; i < r->ncols; i++)
        printf("| %-*s ", width[i], r->names[i]->text);
    puts("|");
    print_line(width, r->ncols);
    for (int j = 0; j < r->nrows; j++) {
        for (int i = 0; i < r->ncols; i++) {
            const char *s = text[(size_t)j * (size_t)r->ncols + (size_t)i];
            if (is_number(&r->rows[j][i]))
                printf("| %*s ", width[i], s);
            else
                printf("| %-*s ", width[i], s);
        }
        puts("|");
    }
    if (r->nrows > 0)
        print_line(width, r->ncols);
    printf("(%d row%s)\n", r->nrows, r->nrows == 1 ? "" : "s");
}

/* ---- EXPLAIN ---- */

static void describe(Expr *e)
{
    char buf[32];
    if (e->kind == E_COL)
        printf("%s%s%s", e->table_name ? e->table_name->text : "", e->table_name ? "." : "",
               e->col_name->text);
    else if (e->kind == E_LIT)
        printf("%s", value_format(&e->lit, buf, sizeof buf));
    else if (e->text)
        printf("%.*s", e->text_len, e->text);
    else
        printf("expression");
}

void explain_select(Select *s, int depth)
{
    bind_select(s);
    for (int i = 0; i < s->nfrom; i++) {
        Source *src = &s->from[i];
        printf("%*s%s", depth * 2, "", i == 0 ? "" : src->join == J_LEFT ? "left join " : "join ");
        if (src->sub)
            printf("derived table %s", src->alias->text);
        else if (src->series[0])
            printf("series %s", src->alias->text);
        else if (!src->index)
            printf("scan %s", src->table->name->text);
        else {
            printf("%s %s using %s (%s", src->eq ? "index lookup" : "index range",
                   src->table->name->text, src->index->name->text,
                   src->table->cols[src->index->col].name->text);
            if (src->eq) {
                printf(" = ");
                describe(src->eq);
            } else {
                if (src->lo) {
                    printf(" from ");
                    describe(src->lo);
                }
                if (src->hi) {
                    printf(" to ");
                    describe(src->hi);
                }
            }
            printf(")");
        }
        if (!src->sub && !src->series[0] && src->alias != src->table_name)
            printf(" as %s", src->alias->text);
        if (src->nconds)
            printf(", %d filter%s", src->nconds, src->nconds == 1 ? "" : "s");
        printf("\n");
        if (src->sub)
            explain_select(src->sub, depth + 1);
    }
    if (s->grouped)
        printf("%*sgroup: %d key%s, %d aggregate%s%s\n", depth * 2, "", s->ngroup,
               s->ngroup == 1 ? "" : "s", s->naggs, s->naggs == 1 ? "" : "s",
               s->having ? ", having" : "");
    if (s->distinct)
        printf("%*sdistinct\n", depth * 2, "");
    if (s->norder)
        printf("%*ssort: %d key%s\n", depth * 2, "", s->norder, s->norder == 1 ? "" : "s");
    if (s->limit)
        printf("%*slimit\n", depth * 2, "");
}
