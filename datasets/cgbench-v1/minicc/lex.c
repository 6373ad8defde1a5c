/*
 * lex.c - the tokenizer of minicc.
 */
#include <string.h>
#include "minicc.h"

static const struct {
    const char *word;
    int kind;
} keywords[] = {
    {"int", TK_INT}, {"void", TK_VOID}, {"const", TK_CONST},
    {"if", TK_IF}, {"else", TK_ELSE}, {"while", TK_WHILE}, {"do", TK_DO},
    {"for", TK_FOR}, {"break", TK_BREAK}, {"continue", TK_CONTINUE},
    {"return", TK_RETURN}
};

/* Punctuators, longest first so that the first match is the right one. */
static const struct {
    const char *text;
    int kind;
} puncts[] = {
    {"<<=", TK_SHLEQ}, {">>=", TK_SHREQ},
    {"+=", TK_PLUSEQ}, {"-=", TK_MINUSEQ}, {"*=", TK_STAREQ},
    {"/=", TK_SLASHEQ}, {"%=", TK_PERCENTEQ}, {"&=", TK_AMPEQ},
    {"|=", TK_PIPEEQ}, {"^=", TK_CARETEQ}, {"==", TK_EQ}, {"!=", TK_NE},
    {"<=", TK_LE}, {">=", TK_GE}, {"<<", TK_SHL}, {">>", TK_SHR},
    {"&&", TK_ANDAND}, {"||", TK_OROR}, {"++", TK_INC}, {"--", TK_DEC},
    {"(", TK_LPAREN}, {")", TK_RPAREN}, {"[", TK_LBRACK}, {"]", TK_RBRACK},
    {"{", TK_LBRACE}, {"}", TK_RBRACE}, {",", TK_COMMA}, {";", TK_SEMI},
    {"?", TK_QUESTION}, {":", TK_COLON}, {"+", TK_PLUS}, {"-", TK_MINUS},
    {"*", TK_STAR}, {"/", TK_SLASH}, {"%", TK_PERCENT}, {"&", TK_AMP},
    {"|", TK_PIPE}, {"^", TK_CARET}, {"~", TK_TILDE}, {"!", TK_BANG},
    {"=", TK_ASSIGN}, {"<", TK_LT}, {">", TK_GT}
};

const char *token_name(int kind)
{
    size_t i;
    switch (kind) {
    case TK_EOF: return "end of file";
    case TK_NUM: return "number";
    case TK_IDENT: return "identifier";
    case TK_STR: return "string";
    default: break;
    }
    for (i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
        if (keywords[i].kind == kind)
            return keywords[i].word;
    for (i = 0; i < sizeof puncts / sizeof puncts[0]; i++)
        if (puncts[i].kind == kind)
            return puncts[i].text;
    return "?";
}

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

typedef struct {
    const char *src;
    size_t pos;
    int line, col;
    Token *toks;
    int n, cap;
} Lexer;

static int peekc(Lexer *lx, size_t ahead)
{
    size_t i;
    for (i = 0; i < ahead; i++)
        if (lx->src[lx->pos + i] == '\0')
            return 0;
    return (unsigned char)lx->src[lx->pos + ahead];
}

static void advance(Lexer *lx)
{
    if (lx->src[lx->pos] == '\0')
        return;
    if (lx->src[lx->pos] == '\n') {
        lx->line++;
        lx->col = 1;
    } else {
        lx->col++;
    }
    lx->pos++;
}

static Token *push_token(Lexer *lx, int kind, int line, int col)
{
    Token *t;
    if (lx->n == lx->cap) {
        int ncap = lx->cap * 2;
        Token *nt = arena_alloc(sizeof(Token) * (size_t)ncap);
        memcpy(nt, lx->toks, sizeof(Token) * (size_t)lx->n);
        lx->toks = nt;
        lx->cap = ncap;
    }
    t = &lx->toks[lx->n++];
    t->kind = kind;
    t->line = line;
    t->col = col;
    t->num = 0;
    t->text = NULL;
    t->len = 0;
    return t;
}

/* Reads an escape sequence after the backslash; returns the character. */
static int read_escape(Lexer *lx)
{
    int c = peekc(lx, 0);
    int line = lx->line, col = lx->col;
    advance(lx);
    switch (c) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    case '0': return 0;
    case '\\': return '\\';
    case '\'': return '\'';
    case '"': return '"';
    default:
        error_at(line, col, "unknown escape sequence '\\%c'",
                 c >= 32 && c < 127 ? c : '?');
        return c;
    }
}

static void lex_number(Lexer *lx, Token *t)
{
    unsigned long long v = 0;
    int overflow = 0, base = 10, digits = 0, d;
    if (peekc(lx, 0) == '0' && (peekc(lx, 1) == 'x' || peekc(lx, 1) == 'X')) {
        base = 16;
        advance(lx);
        advance(lx);
    }
    for (;;) {
        int c = peekc(lx, 0);
        if (is_digit(c))
            d = c - '0';
        else if (base == 16 && c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (base == 16 && c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            d = -1;
        if (d < 0)
            break;
        v = v * (unsigned)base + (unsigned)d;
        if (v > 0xffffffffull) {
            overflow = 1;
            v &= 0xffffffffull;
        }
        digits++;
        advance(lx);
    }
    if (is_alpha(peekc(lx, 0)) || is_digit(peekc(lx, 0))) {
        error_at(t->line, t->col, "invalid suffix on number");
        while (is_alpha(peekc(lx, 0)) || is_digit(peekc(lx, 0)))
            advance(lx);
    }
    if (digits == 0)
        error_at(t->line, t->col, "hexadecimal number has no digits");
    /* Decimal literals up to 2^31 (negated by unary minus) and hex
       literals up to 2^32 - 1 are accepted. */
    if (overflow || (base == 10 && v > 0x80000000ull))
        error_at(t->line, t->col, "integer literal is too large");
    t->num = wrap32((u32)v);
}

static void lex_string(Lexer *lx, Token *t)
{
    char *buf;
    size_t cap = 64, n = 0;
    buf = arena_alloc(cap);
    advance(lx);
    for (;;) {
        int c = peekc(lx, 0);
        if (c == 0 || c == '\n') {
            error_at(t->line, t->col, "unterminated string literal");
            break;
        }
        advance(lx);
        if (c == '"')
            break;
        if (c == '\\')
            c = read_escape(lx);
        if (n + 1 >= cap) {
            char *nb = arena_alloc(cap * 2);
            memcpy(nb, buf, n);
            buf = nb;
            cap *= 2;
        }
        buf[n++] = (char)c;
    }
    buf[n] = '\0';
    t->text = buf;
    t->len = (int)n;
}

static void lex_char(Lexer *lx, Token *t)
{
    int c;
    advance(lx);
    c = peekc(lx, 0);
    if (c == '\'' || c == '\n' || c == 0) {
        error_at(t->line, t->col, "empty character constant");
    } else {
        advance(lx);
        if (c == '\\')
            c = read_escape(lx);
    }
    if (peekc(lx, 0) == '\'')
        advance(lx);
    else
        error_at(t->line, t->col, "unterminated character constant");
    t->kind = TK_NUM;
    t->num = c;
}

Token *lex(const char *src, int *count)
{
    Lexer lx;
    lx.src = src;
    lx.pos = 0;
    lx.line = 1;
    lx.col = 1;
    lx.cap = 256;
    lx.n = 0;
    lx.toks = arena_alloc(sizeof(Token) * (size_t)lx.cap);

    for (;;) {
        int c = peekc(&lx, 0);
        int line = lx.line, col = lx.col;
        Token *t;
        size_t i;

        if (c == 0)
            break;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f') {
            advance(&lx);
            continue;
        }
        if (c == '/' && peekc(&lx, 1) == '/') {
            while (peekc(&lx, 0) != 0 && peekc(&lx, 0) != '\n')
                advance(&lx);
            continue;
        }
        if (c == '/' && peekc(&lx, 1) == '*') {
            advance(&lx);
            advance(&lx);
            while (peekc(&lx, 0) != 0 &&
                   !(peekc(&lx, 0) == '*' && peekc(&lx, 1) == '/'))
                advance(&lx);
            if (peekc(&lx, 0) == 0) {
                error_at(line, col, "unterminated comment");
            } else {
                advance(&lx);
                advance(&lx);
            }
            continue;
        }
        if (is_digit(c)) {
            t = push_token(&lx, TK_NUM, line, col);
            lex_number(&lx, t);
            continue;
        }
        if (is_alpha(c)) {
            size_t start = lx.pos;
            while (is_alpha(peekc(&lx, 0)) || is_digit(peekc(&lx, 0)))
                advance(&lx);
            t = push_token(&lx, TK_IDENT, line, col);
            t->len = (int)(lx.pos - start);
            t->text = arena_strndup(src + start, lx.pos - start);
            for (i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
                if (strcmp(t->text, keywords[i].word) == 0)
                    t->kind = keywords[i].kind;
            continue;
        }
        if (c == '"') {
            t = push_token(&lx, TK_STR, line, col);
            lex_string(&lx, t);
            continue;
        }
        if (c == '\'') {
            t = push_token(&lx, TK_NUM, line, col);
            lex_char(&lx, t);
            continue;
        }
        for (i = 0; i < sizeof puncts / sizeof puncts[0]; i++) {
            size_t k, n = strlen(puncts[i].text);
            for (k = 0; k < n; k++)
                if (peekc(&lx, k) != (unsigned char)puncts[i].text[k])
                    break;
            if (k == n)
                break;
        }
        if (i < sizeof puncts / sizeof puncts[0]) {
            size_t k, n = strlen(puncts[i].text);
            push_token(&lx, puncts[i].kind, line, col);
            for (k = 0; k < n; k++)
                advance(&lx);
            continue;
        }
        if (c >= 32 && c < 127)
            error_at(line, col, "stray '%c' in program", c);
        else
            error_at(line, col, "stray byte 0x%02x in program", (unsigned)c);
        advance(&lx);
    }
    push_token(&lx, TK_EOF, lx.line, lx.col);
    *count = lx.n;
    return lx.toks;
}
