/*
 * minicc - a compiler and virtual machine for a small C-like language.
 *
 * The language has int scalars and one-dimensional int arrays (arrays
 * are passed to "int a[]" parameters by reference), global and local
 * variables (zero-initialised), named constants (const int), functions
 * returning int or void (recursion allowed, called before or after their
 * definition; an int function that ends without return returns 0),
 * if/else, while, do/while, for, break, continue, return and C's
 * expression operators with C precedence, including assignment
 * operators, ++/--, ?:, the comma operator and short-circuit && and ||.
 * Operands are evaluated from left to right.  Builtins: print(...) and
 * write(...) (integers and string literals, separated by spaces; print
 * ends the line), putc(c), len(array) and assert(cond).  Integers are
 * 32-bit and wrap around; division by zero, array bounds and stack depth
 * are checked at run time.
 *
 * Each source file is lexed, parsed to a syntax tree, checked (names,
 * arity, types, lvalues), compiled to code for a stack machine and run.
 * It is compiled twice: once with constant folding, simplification, a
 * peephole optimiser and removal of unreachable functions, and once
 * without; both are run and their output must agree.
 *
 * Usage: minicc [-s STEPS] FILE...
 *   -s STEPS  step limit of each run (default 10000000)
 * A file that does not compile is reported and skipped.  The exit status
 * is 0 unless a file cannot be read or the two builds of a file disagree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include "minicc.h"

/* ------------------------------------------------------------------ */
/* Arena                                                               */
/* ------------------------------------------------------------------ */

typedef struct Block {
    struct Block *next;
    size_t used, cap;
    unsigned char *mem;
} Block;

static Block *blocks;

void *arena_alloc(size_t n)
{
    Block *b = blocks;
    n = (n + 15) & ~(size_t)15;
    if (b == NULL || b->cap - b->used < n) {
        size_t cap = n > 65536 ? n : 65536;
        b = malloc(sizeof *b);
        if (b == NULL || (b->mem = malloc(cap)) == NULL) {
            fprintf(stderr, "minicc: out of memory\n");
            exit(2);
        }
        b->cap = cap;
        b->used = 0;
        b->next = blocks;
        blocks = b;
    }
    b->used += n;
    memset(b->mem + b->used - n, 0, n);
    return b->mem + b->used - n;
}

static void arena_free_all(void)
{
    while (blocks != NULL) {
        Block *b = blocks;
        blocks = b->next;
        free(b->mem);
        free(b);
    }
}

char *arena_strndup(const char *s, size_t n)
{
    char *p = arena_alloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* ------------------------------------------------------------------ */
/* Diagnostics                                                         */
/* ------------------------------------------------------------------ */

const char *diag_file = "";
int diag_quiet;
int n_errors;
int n_warnings;

#define MAX_ERRORS 25

static void report(const char *kind, int line, int col, const char *fmt,
                   va_list ap)
{
    if (diag_quiet)
        return;
    printf("%s:%d:%d: %s: ", diag_file, line, col, kind);
    vprintf(fmt, ap);
    putchar('\n');
}

void error_at(int line, int col, const char *fmt, ...)
{
    va_list ap;
    n_errors++;
    if (n_errors > MAX_ERRORS)
        return;
    va_start(ap, fmt);
    report("error", line, col, fmt, ap);
    va_end(ap);
    if (n_errors == MAX_ERRORS && !diag_quiet)
        printf("%s: too many errors, further errors not shown\n", diag_file);
}

void warning_at(int line, int col, const char *fmt, ...)
{
    va_list ap;
    n_warnings++;
    va_start(ap, fmt);
    report("warning", line, col, fmt, ap);
    va_end(ap);
}

/* ------------------------------------------------------------------ */
/* Integer semantics shared by the constant folder and the machine     */
/* ------------------------------------------------------------------ */

i32 wrap32(u32 u)
{
    if (u <= 0x7fffffffu)
        return (i32)u;
    return (i32)(u - 0x80000000u) - 0x7fffffff - 1;
}

static i32 shift_right(i32 a, u32 s)
{
    if (a >= 0)
        return a >> s;
    return ~(~a >> s);
}

int apply_binary(int op, i32 a, i32 b, i32 *out)
{
    u32 ua = (u32)a, ub = (u32)b;
    switch (op) {
    case OP_ADD: *out = wrap32(ua + ub); return 0;
    case OP_SUB: *out = wrap32(ua - ub); return 0;
    case OP_MUL: *out = wrap32(ua * ub); return 0;
    case OP_DIV:
    case OP_MOD:
        if (b == 0)
            return -1;
        if (a == INT32_MIN && b == -1)
            *out = op == OP_DIV ? INT32_MIN : 0;
        else
            *out = op == OP_DIV ? a / b : a % b;
        return 0;
    case OP_AND: *out = wrap32(ua & ub); return 0;
    case OP_OR: *out = wrap32(ua | ub); return 0;
    case OP_XOR: *out = wrap32(ua ^ ub); return 0;
    case OP_SHL: *out = wrap32(ua << (ub & 31u)); return 0;
    case OP_SHR: *out = shift_right(a, ub & 31u); return 0;
    case OP_EQ: *out = a == b; return 0;
    case OP_NE: *out = a != b; return 0;
    case OP_LT: *out = a < b; return 0;
    case OP_LE: *out = a <= b; return 0;
    case OP_GT: *out = a > b; return 0;
    case OP_GE: *out = a >= b; return 0;
    default: *out = 0; return 0;
    }
}

i32 apply_unary(int op, i32 a)
{
    switch (op) {
    case OP_NEG: return wrap32(0u - (u32)a);
    case OP_NOT: return a == 0;
    case OP_BNOT: return wrap32(~(u32)a);
    default: return a;
    }
}

/* ------------------------------------------------------------------ */
/* Driver                                                              */
/* ------------------------------------------------------------------ */

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    size_t cap = 4096, n = 0, got;
    if (f == NULL)
        return NULL;
    buf = malloc(cap + 1);
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(buf, cap * 2 + 1);
            if (nb == NULL) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf == NULL)
        return NULL;
    buf[n] = '\0';
    *len = n;
    return buf;
}

static const char *base_name(const char *path)
{
    const char *b = path, *p;
    for (p = path; *p; p++)
        if (*p == '/' || *p == '\\')
            b = p + 1;
    return b;
}

/* Compiles src; returns 0 with *img filled, or the number of errors. */
static int compile(const char *src, int optimise, Image *img)
{
    Token *toks;
    int ntoks, errs;
    Node *items;
    Program prog;

    n_errors = 0;
    n_warnings = 0;
    toks = lex(src, &ntoks);
    items = parse_program(toks, ntoks);
    if (n_errors > 0)
        return n_errors;
    errs = check_program(items, optimise, &prog);
    if (errs > 0)
        return errs;
    generate(&prog, optimise, img);
    return 0;
}

/* Checks that the optimised and the plain runs behave the same.  When
   either stopped at the step limit, the outputs must agree as far as
   the shorter one goes. */
static int runs_agree(const VmResult *o, const VmResult *p)
{
    size_t n;
    if (o->status == VM_STEP_LIMIT || p->status == VM_STEP_LIMIT) {
        n = o->out_len < p->out_len ? o->out_len : p->out_len;
        if (o->status != VM_STEP_LIMIT && o->out_len < p->out_len)
            return 0;
        if (p->status != VM_STEP_LIMIT && p->out_len < o->out_len)
            return 0;
        return memcmp(o->out, p->out, n) == 0;
    }
    if (o->status != p->status || o->out_len != p->out_len)
        return 0;
    if (memcmp(o->out, p->out, o->out_len) != 0)
        return 0;
    if (o->status == VM_OK)
        return o->exit_value == p->exit_value;
    return strcmp(o->message, p->message) == 0;
}

static int process_file(const char *path, long step_limit)
{
    size_t len;
    char *src = read_file(path, &len);
    Image opt, plain;
    VmResult ro, rp;
    int errs, warns, agree;

    diag_file = base_name(path);
    printf("== %s\n", diag_file);
    if (src == NULL) {
        printf("%s: cannot read file\n", diag_file);
        return 2;
    }
    if (strlen(src) != len) {
        printf("%s: file contains a NUL byte\n", diag_file);
        free(src);
        return 2;
    }

    diag_quiet = 0;
    errs = compile(src, 1, &opt);
    warns = n_warnings;
    if (errs > 0) {
        printf("-- %d error%s, %d warning%s: not run\n", errs,
               errs == 1 ? "" : "s", warns, warns == 1 ? "" : "s");
        free(src);
        arena_free_all();
        return 0;
    }
    diag_quiet = 1;
    errs = compile(src, 0, &plain);
    diag_quiet = 0;
    free(src);
    if (errs > 0) {
        printf("-- internal error: the plain build failed\n");
        arena_free_all();
        return 1;
    }

    vm_run(&opt, step_limit, &ro);
    vm_run(&plain, step_limit, &rp);
    fwrite(ro.out, 1, ro.out_len, stdout);
    if (ro.out_len > 0 && ro.out[ro.out_len - 1] != '\n')
        putchar('\n');
    if (ro.status != VM_OK)
        printf("runtime error: %s\n", ro.message);
    agree = runs_agree(&ro, &rp);
    if (ro.status == VM_OK)
        printf("-- exit %ld", (long)ro.exit_value);
    else
        printf("-- stopped");
    printf(", %ld instructions executed (unoptimised %ld), "
           "code size %d words (unoptimised %d), %d warning%s, builds %s\n",
           ro.steps, rp.steps,
           opt.size, plain.size, warns, warns == 1 ? "" : "s",
           agree ? "agree" : "DISAGREE");
    free(ro.out);
    free(rp.out);
    arena_free_all();
    return agree ? 0 : 1;
}

int main(int argc, char **argv)
{
    int i, status = 0, nfiles = 0;
    long step_limit = 10000000L;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-s") == 0 && i + 1 < argc) {
            step_limit = strtol(argv[++i], NULL, 10);
            if (step_limit <= 0) {
                fprintf(stderr, "minicc: bad step limit\n");
                return 2;
            }
        } else {
            int r = process_file(argv[i], step_limit);
            if (r > status)
                status = r;
            nfiles++;
        }
    }
    if (nfiles == 0) {
        fprintf(stderr, "usage: minicc [-s STEPS] FILE...\n");
        return 2;
    }
    printf("== %d file%s, %s\n", nfiles, nfiles == 1 ? "" : "s",
           status == 0 ? "all builds agree" : "FAILED");
    return status;
}
