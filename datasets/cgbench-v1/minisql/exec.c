/* Catalogue of tables and execution of the statements that change it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "minisql.h"

Table *tables;
int assertions_passed, assertions_failed;

static const char *const type_names[] = { "NULL", "INTEGER", "DECIMAL", "TEXT" };

Table *find_table(const Str *name)
{
    for (Table *t = tables; t; t = t->next)
        if (t->name == name)
            return t;
    return NULL;
}

Index *find_index(const Str *name, Table **owner)
{
    for (Table *t = tables; t; t = t->next)
        for (Index *ix = t->indexes; ix; ix = ix->next)
            if (ix->name == name) {
                if (owner)
                    *owner = t;
                return ix;
            }
    return NULL;
}

static Table *need_table(const Str *name)
{
    Table *t = find_table(name);
    if (t == NULL)
        sql_error("no table %s", name->text);
    return t;
}

static int need_column(Table *t, const Str *name)
{
    for (int i = 0; i < t->ncols; i++)
        if (t->cols[i].name == name)
            return i;
    sql_error("table %s has no column %s", t->name->text, name->text);
}

static Value *row_ptr(Table *t, int r)
{
    return &t->cells[(size_t)r * (size_t)t->ncols];
}

/* Converts v for storing in column c of t, or fails. */
static Value coerce(Table *t, int c, Value v)
{
    const Column *col = &t->cols[c];
    if (v.type == V_NULL) {
        if (col->not_null)
            sql_error("column %s.%s may not be NULL", t->name->text, col->name->text);
        return v;
    }
    if (v.type == col->type)
        return v;
    if (col->type == V_DEC && v.type == V_INT)
        return value_to_dec(&v);
    sql_error("column %s.%s is %s, not %s", t->name->text, col->name->text,
              type_names[col->type], type_names[v.type]);
}

static void add_index(Table *t, const Str *name, int col, int unique)
{
    if (find_index(name, NULL))
        sql_error("index %s already exists", name->text);
    if (unique) {
        HashSet *seen = hashset_new(1);
        for (int r = 0; r < t->nrows; r++) {
            Value *v = &row_ptr(t, r)[col];
            if (v->type != V_NULL && !hashset_add(seen, v))
                sql_error("cannot make unique index %s: duplicate values", name->text);
        }
    }
    Index *ix = xmalloc(sizeof *ix);
    memset(ix, 0, sizeof *ix);
    ix->name = name;
    ix->table = t;
    ix->col = col;
    ix->unique = unique;
    Index **tail = &t->indexes;
    while (*tail)
        tail = &(*tail)->next;
    *tail = ix;
    index_rebuild(ix);
}

static void create_table(Stmt *st)
{
    if (find_table(st->name))
        sql_error("table %s already exists", st->name->text);
    int pk = -1;
    for (int i = 0; i < st->ncols; i++) {
        for (int j = 0; j < i; j++)
            if (st->cols[j].name == st->cols[i].name)
                sql_error("column %s given twice", st->cols[i].name->text);
        if (st->cols[i].primary) {
            if (pk >= 0)
                sql_error("more than one primary key");
            pk = i;
        }
    }
    char pk_name[160];
    snprintf(pk_name, sizeof pk_name, "%s_pkey", st->name->text);
    const Str *pk_str = intern(pk_name, (int)strlen(pk_name));
    if (pk >= 0 && find_index(pk_str, NULL))
        sql_error("index %s already exists", pk_name);
    Table *t = xmalloc(sizeof *t);
    memset(t, 0, sizeof *t);
    t->name = st->name;
    t->ncols = st->ncols;
    for (int i = 0; i < st->ncols; i++) {
        t->cols[i].name = st->cols[i].name;
        t->cols[i].type = st->cols[i].type;
        t->cols[i].not_null = st->cols[i].not_null;
    }
    Table **tail = &tables;
    while (*tail)
        tail = &(*tail)->next;
    *tail = t;
    if (pk >= 0)
        add_index(t, pk_str, pk, 1);
    printf("CREATE TABLE %s\n", t->name->text);
}

static void free_table(Table *t)
{
    while (t->indexes) {
        Index *ix = t->indexes;
        t->indexes = ix->next;
        index_clear(ix);
        free(ix);
    }
    free(t->cells);
    free(t);
}

void free_all_tables(void)
{
    while (tables) {
        Table *t = tables;
        tables = t->next;
        free_table(t);
    }
}

static void drop(Stmt *st)
{
    if (st->kind == S_DROP_TABLE) {
        Table **p = &tables;
        while (*p && (*p)->name != st->name)
            p = &(*p)->next;
        if (*p == NULL)
            sql_error("no table %s", st->name->text);
        Table *t = *p;
        *p = t->next;
        free_table(t);
        printf("DROP TABLE %s\n", st->name->text);
        return;
    }
    Table *t;
    Index *ix = find_index(st->index_name, &t);
    if (ix == NULL)
        sql_error("no index %s", st->index_name->text);
    Index **p = &t->indexes;
    while (*p != ix)
        p = &(*p)->next;
    *p = ix->next;
    index_clear(ix);
    free(ix);
    printf("DROP INDEX %s\n", st->index_name->text);
}

/* Fails if the keys of column col in rows (plus the table's rows other
   than those marked in skip) are not unique. */
static void check_unique(Index *ix, Value *rows, int nrows, const unsigned char *skip, int check_table)
{
    Table *t = ix->table;
    HashSet *seen = hashset_new(1);
    char buf[32];
    for (int r = 0; check_table && r < t->nrows; r++) {
        Value *v = &row_ptr(t, r)[ix->col];
        if (!(skip && skip[r]) && v->type != V_NULL)
            hashset_add(seen, v);
    }
    for (int r = 0; r < nrows; r++) {
        Value *v = &rows[(size_t)r * (size_t)t->ncols + (size_t)ix->col];
        if (v->type == V_NULL)
            continue;
        if ((!check_table && index_contains(ix, v)) || !hashset_add(seen, v))
            sql_error("duplicate key %s in unique index %s",
                      value_format(v, buf, sizeof buf), ix->name->text);
    }
}

static void insert(Stmt *st)
{
    Table *t = need_table(st->name);
    int map[MAX_COLS], n = st->ncols ? st->ncols : t->ncols;
    for (int i = 0; i < n; i++) {
        map[i] = st->ncols ? need_column(t, st->col_names[i]) : i;
        for (int j = 0; j < i; j++)
            if (map[j] == map[i])
                sql_error("column %s given twice", t->cols[map[i]].name->text);
    }
    Result *src = NULL;
    int count;
    if (st->select) {
        src = run_select(st->select);
        if (src->ncols != n)
            sql_error("INSERT has %d columns but SELECT gives %d", n, src->ncols);
        count = src->nrows;
    } else {
        if (st->rowlen != n)
            sql_error("INSERT has %d columns but VALUES gives %d", n, st->rowlen);
        count = st->nrows;
    }
    Value *rows = arena_alloc(((size_t)count * (size_t)t->ncols + 1) * sizeof *rows);
    for (int r = 0; r < count; r++) {
        Value *row = &rows[(size_t)r * (size_t)t->ncols];
        for (int c = 0; c < t->ncols; c++)
            row[c] = make_null();
        for (int i = 0; i < n; i++) {
            Value v;
            if (src) {
                v = src->rows[r][i];
            } else {
                bind_expr_alone(st->rows[r][i]);
                v = eval(st->rows[r][i], NULL);
            }
            row[map[i]] = v;
        }
        for (int c = 0; c < t->ncols; c++)
            row[c] = coerce(t, c, row[c]);
    }
    for (Index *ix = t->indexes; ix; ix = ix->next)
        if (ix->unique)
            check_unique(ix, rows, count, NULL, 0);
    if (t->nrows + count > t->cap) {
        int cap = t->cap ? t->cap : 16;
        while (cap < t->nrows + count)
            cap *= 2;
        t->cells = xrealloc(t->cells, (size_t)cap * (size_t)t->ncols * sizeof(Value));
        t->cap = cap;
    }
    if (count > 0)
        memcpy(row_ptr(t, t->nrows), rows, (size_t)count * (size_t)t->ncols * sizeof(Value));
    for (int r = t->nrows; r < t->nrows + count; r++)
        for (Index *ix = t->indexes; ix; ix = ix->next)
            index_insert(ix, &row_ptr(t, r)[ix->col], r);
    t->nrows += count;
    printf("INSERT %d\n", count);
}

static Select *single_table_select(Table *t, Expr *where)
{
    Select *s = arena_alloc(sizeof *s);
    s->from = arena_alloc(sizeof *s->from);
    s->nfrom = 1;
    s->from[0].table_name = t->name;
    s->from[0].alias = t->name;
    s->where = where;
    bind_select(s);
    return s;
}

static void update(Stmt *st)
{
    Table *t = need_table(st->name);
    int cols[MAX_COLS];
    for (int i = 0; i < st->ncols; i++) {
        cols[i] = need_column(t, st->col_names[i]);
        for (int j = 0; j < i; j++)
            if (cols[j] == cols[i])
                sql_error("column %s assigned twice", t->cols[cols[i]].name->text);
    }
    Select *s = single_table_select(t, st->where);
    for (int i = 0; i < st->ncols; i++)
        bind_in(st->values[i], s);
    int n;
    int *match = select_row_numbers(s, &n);
    Value *rows = arena_alloc(((size_t)n * (size_t)t->ncols + 1) * sizeof *rows);
    unsigned char *changed = arena_alloc((size_t)t->nrows + 1);
    for (int k = 0; k < n; k++) {
        Value *old = row_ptr(t, match[k]), *row = &rows[(size_t)k * (size_t)t->ncols];
        Ctx c;
        memset(&c, 0, sizeof c);
        c.row[0] = old;
        memcpy(row, old, (size_t)t->ncols * sizeof *row);
        for (int i = 0; i < st->ncols; i++)
            row[cols[i]] = coerce(t, cols[i], eval(st->values[i], &c));
        changed[match[k]] = 1;
    }
    for (Index *ix = t->indexes; ix; ix = ix->next)
        if (ix->unique)
            check_unique(ix, rows, n, changed, 1);
    for (int k = 0; k < n; k++)
        memcpy(row_ptr(t, match[k]), &rows[(size_t)k * (size_t)t->ncols],
               (size_t)t->ncols * sizeof(Value));
    for (Index *ix = t->indexes; ix; ix = ix->next)
        for (int i = 0; i < st->ncols; i++)
            if (cols[i] == ix->col && n > 0) {
                index_rebuild(ix);
                break;
            }
    printf("UPDATE %d\n", n);
}

static void delete_rows(Stmt *st)
{
    Table *t = need_table(st->name);
    int count;
    int *match = select_row_numbers(single_table_select(t, st->where), &count);
    unsigned char *gone = arena_alloc((size_t)t->nrows + 1);
    for (int k = 0; k < count; k++)
        gone[match[k]] = 1;
    int n = 0;
    for (int r = 0; r < t->nrows; r++)
        if (!gone[r]) {
            if (n != r)
                memcpy(row_ptr(t, n), row_ptr(t, r), (size_t)t->ncols * sizeof(Value));
            n++;
        }
    t->nrows = n;
    if (count > 0)
        for (Index *ix = t->indexes; ix; ix = ix->next)
            index_rebuild(ix);
    printf("DELETE %d\n", count);
}

void execute(Stmt *st)
{
    switch (st->kind) {
    case S_SELECT:
        print_result(run_select(st->select));
        break;
    case S_EXPLAIN:
        explain_select(st->select, 0);
        break;
    case S_CREATE_TABLE:
        create_table(st);
        break;
    case S_CREATE_INDEX: {
        Table *t = need_table(st->name);
        add_index(t, st->index_name, need_column(t, st->col_names[0]), st->unique);
        printf("CREATE INDEX %s\n", st->index_name->text);
        break;
    }
    case S_INSERT:
        insert(st);
        break;
    case S_UPDATE:
        update(st);
        break;
    case S_DELETE:
        delete_rows(st);
        break;
    case S_DROP_TABLE:
    case S_DROP_INDEX:
        drop(st);
        break;
    default: {
        bind_expr_alone(st->expr);
        Value v = eval(st->expr, NULL);
        if (v.type != V_NULL && value_truth(&v)) {
            assertions_passed++;
        } else {
            assertions_failed++;
            printf("ASSERTION FAILED (line %d): %.*s\n", st->line, st->expr->text_len, st->expr->text);
        }
        break;
    }
    }
}
