/*
 * minisql: a small in-memory SQL database.
 *
 * Usage: minisql SCRIPT
 *
 * Runs the statements of SCRIPT: CREATE TABLE / INDEX, INSERT (VALUES or
 * SELECT), SELECT with joins, WHERE, GROUP BY, HAVING, ORDER BY, LIMIT,
 * DISTINCT and subqueries, UPDATE, DELETE, DROP, EXPLAIN and ASSERT.
 * Integer, two-decimal fixed-point and text columns; B+ tree indexes are
 * used for equality and range lookups and joins.  SERIES(a, b) in FROM
 * generates rows, HASH() gives deterministic pseudo-random numbers.
 * Errors are reported and the script goes on.  At the end every table's
 * row count and checksum are printed and every index is checked against
 * its table; a failed check or assertion gives exit status 1.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "minisql.h"

extern jmp_buf error_jump;

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 4096, n = 0, got;
    char *buf = xmalloc(cap + 1);
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            buf = xrealloc(buf, cap + 1);
        }
    }
    fclose(f);
    buf[n] = '\0';
    return buf;
}

/* Parses and runs one statement; returns 0 after reporting an error. */
static int run_statement(Parser *p)
{
    int start = p->pos;
    if (setjmp(error_jump)) {
        printf("ERROR: %s\n", error_message);
        p->pos = start;
        skip_statement(p);
        return 0;
    }
    execute(parse_statement(p));
    return 1;
}

static unsigned table_checksum(const Table *t)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < (size_t)t->nrows * (size_t)t->ncols; i++) {
        const Value *v = &t->cells[i];
        unsigned long long n = v->type == V_TEXT ? v->str->hash : (unsigned long long)v->num;
        h = (h ^ (unsigned)v->type) * 16777619u;
        h = (h ^ (unsigned)n) * 16777619u;
        h = (h ^ (unsigned)(n >> 32)) * 16777619u;
    }
    return h;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        printf("usage: minisql SCRIPT\n");
        return 2;
    }
    char *text = read_file(argv[1]);
    if (text == NULL) {
        printf("cannot read %s\n", argv[1]);
        return 2;
    }
    int ntok, statements = 0, errors = 0, broken = 0;
    Token *tokens = lex_script(text, &ntok);
    Parser p = { tokens, 0, ntok };
    while (!at_end(&p)) {
        if (tokens[p.pos].kind == T_OP && tokens[p.pos].op == ';') {
            p.pos++;
            continue;
        }
        statements++;
        errors += !run_statement(&p);
        arena_reset();
    }
    printf("-- %d statements, %d errors, %d assertions passed, %d failed\n",
           statements, errors, assertions_passed, assertions_failed);
    for (Table *t = tables; t; t = t->next) {
        printf("-- table %s: %d rows, checksum %08x\n", t->name->text, t->nrows, table_checksum(t));
        for (Index *ix = t->indexes; ix; ix = ix->next) {
            int depth, ok = index_verify(ix, &depth);
            printf("--   index %s (%s): %d entries, depth %d, %s\n", ix->name->text,
                   t->cols[ix->col].name->text, ix->count, depth, ok ? "ok" : "BROKEN");
            broken += !ok;
        }
    }
    free_all_tables();
    arena_free_all();
    intern_free_all();
    free(tokens);
    free(text);
    return assertions_failed || broken ? 1 : 0;
}
