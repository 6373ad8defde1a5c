/* Tokenizer: the whole script becomes one array of tokens. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "minisql.h"

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static void error_token(Token *t, const char *msg)
{
    t->kind = T_ERROR;
    t->str = intern(msg, (int)strlen(msg));
}

/* Reads a number: digits with an optional point and up to two decimals. */
static const char *lex_number(const char *p, Token *t)
{
    long long v = 0;
    int overflow = 0;
    for (; is_digit(*p); p++) {
        if (v > (LLONG_MAX - (*p - '0')) / 10)
            overflow = 1;
        else
            v = v * 10 + (*p - '0');
    }
    t->kind = T_INT;
    if (*p == '.' && is_digit(p[1])) {
        int digits = 0;
        p++;
        t->kind = T_DEC;
        for (; is_digit(*p); p++, digits++) {
            if (digits >= 2) {
                error_token(t, "more than two decimals in a number");
                continue;
            }
            if (v > (LLONG_MAX - (*p - '0')) / 10)
                overflow = 1;
            else
                v = v * 10 + (*p - '0');
        }
        for (; digits < 2 && !overflow; digits++) {
            if (v > LLONG_MAX / 10)
                overflow = 1;
            else
                v *= 10;
        }
    }
    if (overflow)
        error_token(t, "number too large");
    t->num = v;
    return p;
}

static const char *lex_string(const char *p, Token *t)
{
    size_t cap = 64, n = 0;
    char *buf = xmalloc(cap);
    p++;
    for (;;) {
        if (*p == '\0') {
            error_token(t, "unterminated string");
            free(buf);
            return p;
        }
        if (*p == '\'') {
            if (p[1] != '\'')
                break;
            p++;
        }
        if (n + 1 >= cap) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        buf[n++] = *p++;
    }
    t->kind = T_STRING;
    t->str = intern(buf, (int)n);
    free(buf);
    return p + 1;
}

Token *lex_script(const char *text, int *count)
{
    int cap = 256, n = 0, line = 1;
    Token *toks = xmalloc((size_t)cap * sizeof *toks);
    const char *p = text;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' ||
               (p[0] == '-' && p[1] == '-')) {
            if (*p == '-')
                while (*p && *p != '\n')
                    p++;
            else if (*p++ == '\n')
                line++;
        }
        if (n + 1 >= cap) {
            cap *= 2;
            toks = xrealloc(toks, (size_t)cap * sizeof *toks);
        }
        Token *t = &toks[n++];
        memset(t, 0, sizeof *t);
        t->start = p;
        t->line = line;
        if (*p == '\0') {
            t->kind = T_EOF;
            break;
        }
        if (is_alpha(*p)) {
            while (is_alpha(*p) || is_digit(*p))
                p++;
            t->kind = T_IDENT;
            t->str = intern_lower(t->start, (int)(p - t->start));
            if (p - t->start > 64)
                error_token(t, "name too long");
        } else if (is_digit(*p)) {
            p = lex_number(p, t);
        } else if (*p == '\'') {
            p = lex_string(p, t);
            for (const char *q = t->start; q < p; q++)
                line += *q == '\n';
        } else {
            static const char singles[] = "(),;.*+-/%=<>";
            t->kind = T_OP;
            if ((p[0] == '<' && p[1] == '>') || (p[0] == '!' && p[1] == '='))
                t->op = OP_NE;
            else if (p[0] == '<' && p[1] == '=')
                t->op = OP_LE;
            else if (p[0] == '>' && p[1] == '=')
                t->op = OP_GE;
            else if (p[0] == '|' && p[1] == '|')
                t->op = OP_CONCAT;
            else if (strchr(singles, *p))
                t->op = *p;
            else
                error_token(t, "unexpected character");
            p += t->op >= 256 ? 2 : 1;
        }
        t->len = (int)(p - t->start);
    }
    *count = n;
    return toks;
}
