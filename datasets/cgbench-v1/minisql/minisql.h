/* Shared declarations of the minisql database. */
#ifndef MINISQL_H
#define MINISQL_H

#include <stddef.h>

#define MAX_COLS 16
#define MAX_SOURCES 4

/* ---- values ---- */

enum { V_NULL, V_INT, V_DEC, V_TEXT };

/* An interned string: equal texts share one Str. */
typedef struct Str {
    struct Str *next;
    unsigned hash;
    int len;
    char text[];
} Str;

/* V_INT holds num; V_DEC holds num in hundredths; V_TEXT holds str. */
typedef struct Value {
    int type;
    long long num;
    const Str *str;
} Value;

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
void *arena_alloc(size_t n);
void arena_reset(void);
void arena_free_all(void);
_Noreturn void sql_error(const char *fmt, ...);
extern char error_message[256];

const Str *intern(const char *text, int len);
const Str *intern_lower(const char *text, int len);
void intern_free_all(void);

Value make_null(void);
Value make_int(long long v);
Value make_dec(long long hundredths);
Value make_text(const Str *s);
int value_cmp(const Value *a, const Value *b);
int value_same(const Value *a, const Value *b);
unsigned value_hash(const Value *v);
int value_truth(const Value *v);
const char *value_format(const Value *v, char *buf, size_t size);
const Str *value_to_text(const Value *v);
Value value_arith(int op, const Value *a, const Value *b);
Value value_to_dec(const Value *v);
long long checked_add(long long a, long long b);
long long checked_mul(long long a, long long b);
long long div_round(long long a, long long b);

/* ---- tokens ---- */

enum { T_EOF, T_IDENT, T_INT, T_DEC, T_STRING, T_OP, T_ERROR };
enum { OP_NE = 256, OP_LE, OP_GE, OP_CONCAT };

typedef struct Token {
    int kind;
    int op;                /* T_OP: character or OP_ code */
    const char *start;
    int len;
    int line;
    long long num;         /* T_INT, T_DEC (hundredths) */
    const Str *str;        /* T_IDENT (lower case), T_STRING, T_ERROR */
} Token;

Token *lex_script(const char *text, int *count);

/* ---- expressions and statements ---- */

enum {
    E_LIT, E_COL, E_NEG, E_NOT, E_BINARY, E_CMP, E_AND, E_OR, E_LIKE,
    E_ISNULL, E_BETWEEN, E_IN_LIST, E_IN_SELECT, E_EXISTS, E_SUBQUERY,
    E_FUNC, E_AGG, E_CASE
};

enum { F_ABS, F_LENGTH, F_UPPER, F_LOWER, F_SUBSTR, F_COALESCE, F_HASH,
       F_ROUND, F_MIN, F_MAX, F_REPLACE, F_INSTR, F_TRIM, F_TYPEOF };
enum { A_COUNT, A_SUM, A_MIN, A_MAX, A_AVG };

struct Select;

typedef struct Expr {
    int kind;
    int op;                /* operator, function or aggregate code */
    int negate;            /* NOT LIKE, NOT BETWEEN, NOT IN, IS NOT NULL */
    int distinct;          /* aggregate over distinct values */
    Value lit;
    const Str *table_name; /* column reference as written */
    const Str *col_name;
    int src, col;          /* column reference once bound */
    int slot;              /* aggregate result slot */
    int nargs;
    struct Expr **args;    /* operands; E_CASE: [operand] when/then pairs [else] */
    int has_operand, has_else;
    struct Select *sub;
    int cached;            /* subquery already evaluated */
    Value cached_value;
    struct HashSet *cached_set;
    int cached_has_null;
    const char *text;      /* source text */
    int text_len;
} Expr;

enum { J_FIRST, J_INNER, J_LEFT };

struct Table;
struct Index;

typedef struct Source {
    const Str *alias;
    const Str *table_name;
    struct Table *table;
    Expr *series[3];       /* SERIES(start, stop [, step]) */
    struct Select *sub;    /* derived table */
    int join;
    Expr *on;
    /* access path */
    struct Index *index;
    Expr *eq;              /* key = eq */
    Expr *lo, *hi;         /* lo <= key <= hi (either may be missing) */
    Expr **conds;          /* conjuncts checked once this level is set */
    int nconds;
} Source;

typedef struct SelectItem {
    Expr *expr;
    const Str *alias;
    int star;              /* * or t.* before expansion */
    const Str *star_table;
} SelectItem;

typedef struct OrderItem {
    Expr *expr;
    int desc;
    int output;            /* output column index, or -1 */
} OrderItem;

typedef struct Select {
    int distinct;
    SelectItem *items;
    int nitems;
    const Str **names;     /* output column names once bound */
    Source *from;
    int nfrom;
    Expr *where;
    Expr **group;
    int ngroup;
    Expr *having;
    OrderItem *order;
    int norder;
    Expr *limit, *offset;
    Expr **aggs;           /* aggregate calls, by slot */
    int naggs;
    int grouped;
    int bound;
} Select;

enum { S_SELECT, S_CREATE_TABLE, S_CREATE_INDEX, S_INSERT, S_UPDATE,
       S_DELETE, S_DROP_TABLE, S_DROP_INDEX, S_EXPLAIN, S_ASSERT };

typedef struct ColumnDef {
    const Str *name;
    int type;
    int primary;
    int not_null;
} ColumnDef;

typedef struct Stmt {
    int kind;
    int line;
    const Str *name;       /* table */
    const Str *index_name;
    int unique;
    ColumnDef cols[MAX_COLS];
    int ncols;
    const Str *col_names[MAX_COLS];  /* INSERT column list, UPDATE targets */
    Expr *values[MAX_COLS];          /* UPDATE new values */
    Expr ***rows;                    /* INSERT ... VALUES */
    int nrows, rowlen;
    Select *select;
    Expr *where;
    Expr *expr;                      /* ASSERT */
} Stmt;

typedef struct Parser {
    Token *tok;
    int pos, count;
} Parser;

Stmt *parse_statement(Parser *p);
int at_end(Parser *p);
void skip_statement(Parser *p);

/* ---- tables and indexes ---- */

typedef struct Column {
    const Str *name;
    int type;
    int not_null;
} Column;

typedef struct Table {
    const Str *name;
    int ncols;
    Column cols[MAX_COLS];
    int nrows, cap;
    Value *cells;          /* nrows * ncols values, row after row */
    struct Index *indexes;
    int temp;              /* lives in the statement arena */
    struct Table *next;
} Table;

typedef struct BtNode BtNode;

typedef struct Index {
    const Str *name;
    Table *table;
    int col;
    int unique;
    BtNode *root;
    int count;
    struct Index *next;
} Index;

typedef struct BtCursor {
    BtNode *leaf;
    int pos;
} BtCursor;

void index_insert(Index *ix, const Value *key, int row);
void index_seek(Index *ix, const Value *key, BtCursor *c);
int cursor_get(BtCursor *c, const Value **key, int *row);
int index_contains(Index *ix, const Value *key);
void index_rebuild(Index *ix);
void index_clear(Index *ix);
int index_verify(Index *ix, int *depth);

extern Table *tables;
Table *find_table(const Str *name);
Index *find_index(const Str *name, Table **owner);

/* ---- binding, evaluation, execution ---- */

typedef struct Group Group;

typedef struct Ctx {
    const Value *row[MAX_SOURCES];
    Group *group;
} Ctx;

typedef struct HashSet HashSet;
HashSet *hashset_new(int width);
int hashset_add(HashSet *h, const Value *key);   /* 1 if newly added */
void **hashset_slot(HashSet *h, const Value *key, int *added);
int hashset_has(HashSet *h, const Value *key);

typedef struct Result {
    int ncols;
    const Str **names;
    int nrows, cap;
    Value **rows;
} Result;

void bind_select(Select *s);
void bind_expr_alone(Expr *e);
void bind_in(Expr *e, Select *s);
Value eval(Expr *e, Ctx *c);
int expr_level(Expr *e);
Result *run_select(Select *s);
int *select_row_numbers(Select *s, int *count);
void explain_select(Select *s, int depth);
void print_result(Result *r);
Value aggregate_value(Group *g, int slot);

void execute(Stmt *st);
void free_all_tables(void);
extern int assertions_passed, assertions_failed;

#endif
