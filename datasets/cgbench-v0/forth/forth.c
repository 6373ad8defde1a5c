/*
 * forth.c - a small Forth interpreter.
 *
 * The interpreter reads a program file of Forth source and interprets it
 * word by word.  It has a data stack and a return stack of 64-bit cells,
 * a dictionary of primitive words, colon definitions, variables and
 * constants, and a compiler that turns colon definitions into threaded
 * code run by an inner interpreter.
 *
 * Supported: arithmetic and logic (+ - * / MOD /MOD, star-slash, NEGATE ABS MIN MAX
 * AND OR XOR INVERT LSHIFT RSHIFT 1+ 1- 2* 2/), comparisons, stack words
 * (DUP DROP SWAP OVER ROT -ROT NIP TUCK PICK 2DUP 2DROP 2SWAP ?DUP DEPTH),
 * return stack words (>R R> R@), memory (@ ! +! VARIABLE CONSTANT CREATE
 * ALLOT , HERE CELLS), control structures (IF ELSE THEN, BEGIN UNTIL,
 * BEGIN AGAIN, BEGIN WHILE REPEAT, DO LOOP, ?DO +LOOP, I J LEAVE, EXIT,
 * RECURSE), output (. .R U. EMIT CR SPACE SPACES ." .S), number bases
 * (BASE HEX DECIMAL), comments ( ... ) and \ ..., and SEE to show the
 * compiled code of a word.
 *
 * Memory is addressed in cells: CELLS is the identity and address n+1 is
 * the cell after address n.  Division truncates toward zero.
 *
 * Usage: forth PROGRAM.fs [N]
 * N (default 0) is available to the program as the constant ARG.
 * An error prints a message, empties the stacks and skips the rest of the
 * current line, as Forth's ABORT would.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef long long i64;
typedef unsigned long long u64;

static void *xmalloc(size_t n)
{
    void *p = malloc(n == 0 ? 1 : n);
    if (p == NULL) {
        fprintf(stderr, "forth: out of memory\n");
        exit(1);
    }
    return p;
}

/* ------------------------------------------------------------------ */
/* Machine state                                                       */
/* ------------------------------------------------------------------ */

#define STACK_CELLS 1024
#define RSTACK_CELLS 2048
#define MEM_CELLS 65536
#define CODE_CELLS 65536
#define MAX_WORDS 1024
#define NAME_LEN 31
#define MAX_STRINGS 1024

static i64 dstack[STACK_CELLS];
static int dsp;
static i64 rstack[RSTACK_CELLS];
static int rsp;
static i64 mem[MEM_CELLS];
static int here_ptr;        /* next free data cell */
static i64 code[CODE_CELLS];
static int code_len;

static char *strings[MAX_STRINGS];
static int nstrings;

static int error_flag;
static long steps;          /* inner interpreter instructions */
static long errors_seen;
static int max_dsp;
static int max_rsp;

/* BASE lives in data memory so that programs can read and set it */
static int base_addr;

enum { W_PRIM, W_COLON, W_VAR, W_CONST };

typedef struct {
    char name[NAME_LEN + 1];
    int kind;
    int immediate;
    i64 param;      /* primitive id, code address, data address or value */
    int code_end;   /* end of compiled code for colon words */
} Word;

static Word dict[MAX_WORDS];
static int nwords;

static int column;   /* output column, used to start error lines cleanly */
static void out_char(int c);
static void out_str(const char *s);

static void forth_error(const char *msg, const char *detail)
{
    if (error_flag)
        return;
    error_flag = 1;
    errors_seen++;
    if (column != 0)
        out_char('\n');
    out_str("error: ");
    out_str(msg);
    if (detail != NULL) {
        out_str(": ");
        out_str(detail);
    }
    out_char('\n');
}

static void push(i64 v)
{
    if (dsp >= STACK_CELLS) {
        forth_error("data stack overflow", NULL);
        return;
    }
    dstack[dsp++] = v;
    if (dsp > max_dsp)
        max_dsp = dsp;
}

static i64 pop(void)
{
    if (dsp <= 0) {
        forth_error("data stack underflow", NULL);
        return 0;
    }
    return dstack[--dsp];
}

static int need(int n)
{
    if (dsp < n) {
        forth_error("data stack underflow", NULL);
        return 0;
    }
    return 1;
}

static void rpush(i64 v)
{
    if (rsp >= RSTACK_CELLS) {
        forth_error("return stack overflow", NULL);
        return;
    }
    rstack[rsp++] = v;
    if (rsp > max_rsp)
        max_rsp = rsp;
}

static i64 rpop(void)
{
    if (rsp <= 0) {
        forth_error("return stack underflow", NULL);
        return 0;
    }
    return rstack[--rsp];
}

static int valid_addr(i64 a)
{
    if (a < 0 || a >= MEM_CELLS) {
        forth_error("invalid memory address", NULL);
        return 0;
    }
    return 1;
}

static i64 wadd(i64 a, i64 b) { return (i64)((u64)a + (u64)b); }
static i64 wsub(i64 a, i64 b) { return (i64)((u64)a - (u64)b); }
static i64 wmul(i64 a, i64 b) { return (i64)((u64)a * (u64)b); }

/* ------------------------------------------------------------------ */
/* Output                                                              */
/* ------------------------------------------------------------------ */

static void out_char(int c)
{
    putchar(c);
    column = c == '\n' ? 0 : column + 1;
}

static void out_str(const char *s)
{
    while (*s)
        out_char((unsigned char)*s++);
}

static int format_number(i64 v, int base, int is_unsigned, char *buf)
{
    char tmp[80];
    int n = 0, len = 0;
    u64 mag;
    int neg = 0;
    if (base < 2 || base > 36)
        base = 10;
    if (!is_unsigned && v < 0) {
        neg = 1;
        mag = 0ull - (u64)v;
    } else {
        mag = (u64)v;
    }
    do {
        int d = (int)(mag % (u64)base);
        tmp[n++] = (char)(d < 10 ? '0' + d : 'A' + d - 10);
        mag /= (u64)base;
    } while (mag != 0);
    if (neg)
        buf[len++] = '-';
    while (n > 0)
        buf[len++] = tmp[--n];
    buf[len] = '\0';
    return len;
}

static void print_number(i64 v, int width, int is_unsigned)
{
    char buf[80];
    int len = format_number(v, (int)mem[base_addr], is_unsigned, buf);
    while (width > len) {
        out_char(' ');
        width--;
    }
    out_str(buf);
}

/* ------------------------------------------------------------------ */
/* Dictionary                                                          */
/* ------------------------------------------------------------------ */

static void upcase(char *dst, const char *src, size_t n)
{
    size_t i;
    for (i = 0; i < n && i < NAME_LEN; i++) {
        char c = src[i];
        dst[i] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
    }
    dst[i] = '\0';
}

static int find_word(const char *name)
{
    int i;
    for (i = nwords - 1; i >= 0; i--)
        if (strcmp(dict[i].name, name) == 0)
            return i;
    return -1;
}

static int add_word(const char *name, int kind, i64 param)
{
    Word *w;
    if (nwords >= MAX_WORDS) {
        forth_error("dictionary full", NULL);
        return -1;
    }
    w = &dict[nwords];
    upcase(w->name, name, strlen(name));
    w->kind = kind;
    w->immediate = 0;
    w->param = param;
    w->code_end = 0;
    return nwords++;
}

/* ------------------------------------------------------------------ */
/* Primitives                                                          */
/* ------------------------------------------------------------------ */

enum {
    P_ADD, P_SUB, P_MUL, P_DIV, P_MOD, P_DIVMOD, P_MULDIV, P_NEGATE, P_ABS,
    P_MIN, P_MAX, P_AND, P_OR, P_XOR, P_INVERT, P_LSHIFT, P_RSHIFT,
    P_INC, P_DEC, P_TWOMUL, P_TWODIV,
    P_EQ, P_NE, P_LT, P_GT, P_LE, P_GE, P_ZEROEQ, P_ZEROLT, P_ZEROGT,
    P_DUP, P_DROP, P_SWAP, P_OVER, P_ROT, P_MROT, P_NIP, P_TUCK, P_PICK,
    P_2DUP, P_2DROP, P_2SWAP, P_QDUP, P_DEPTH,
    P_TOR, P_RFROM, P_RFETCH, P_I, P_J,
    P_FETCH, P_STORE, P_PLUSSTORE, P_HERE, P_ALLOT, P_COMMA, P_CELLS,
    P_DOT, P_DOTR, P_UDOT, P_EMIT, P_CR, P_SPACE, P_SPACES, P_DOTS,
    P_HEX, P_DECIMAL,
    P_COUNT
};

static const struct {
    const char *name;
    int id;
} prim_names[] = {
    {"+", P_ADD}, {"-", P_SUB}, {"*", P_MUL}, {"/", P_DIV}, {"MOD", P_MOD},
    {"/MOD", P_DIVMOD}, {"*/", P_MULDIV}, {"NEGATE", P_NEGATE}, {"ABS", P_ABS},
    {"MIN", P_MIN}, {"MAX", P_MAX}, {"AND", P_AND}, {"OR", P_OR}, {"XOR", P_XOR},
    {"INVERT", P_INVERT}, {"LSHIFT", P_LSHIFT}, {"RSHIFT", P_RSHIFT},
    {"1+", P_INC}, {"1-", P_DEC}, {"2*", P_TWOMUL}, {"2/", P_TWODIV},
    {"=", P_EQ}, {"<>", P_NE}, {"<", P_LT}, {">", P_GT}, {"<=", P_LE},
    {">=", P_GE}, {"0=", P_ZEROEQ}, {"0<", P_ZEROLT}, {"0>", P_ZEROGT},
    {"DUP", P_DUP}, {"DROP", P_DROP}, {"SWAP", P_SWAP}, {"OVER", P_OVER},
    {"ROT", P_ROT}, {"-ROT", P_MROT}, {"NIP", P_NIP}, {"TUCK", P_TUCK},
    {"PICK", P_PICK}, {"2DUP", P_2DUP}, {"2DROP", P_2DROP}, {"2SWAP", P_2SWAP},
    {"?DUP", P_QDUP}, {"DEPTH", P_DEPTH},
    {">R", P_TOR}, {"R>", P_RFROM}, {"R@", P_RFETCH}, {"I", P_I}, {"J", P_J},
    {"@", P_FETCH}, {"!", P_STORE}, {"+!", P_PLUSSTORE}, {"HERE", P_HERE},
    {"ALLOT", P_ALLOT}, {",", P_COMMA}, {"CELLS", P_CELLS},
    {".", P_DOT}, {".R", P_DOTR}, {"U.", P_UDOT}, {"EMIT", P_EMIT}, {"CR", P_CR},
    {"SPACE", P_SPACE}, {"SPACES", P_SPACES}, {".S", P_DOTS},
    {"HEX", P_HEX}, {"DECIMAL", P_DECIMAL}
};

#define N_PRIM_NAMES ((int)(sizeof(prim_names) / sizeof(prim_names[0])))

static const char *prim_name(int id)
{
    int i;
    for (i = 0; i < N_PRIM_NAMES; i++)
        if (prim_names[i].id == id)
            return prim_names[i].name;
    return "?";
}

static i64 shift_right_logical(i64 a, i64 n)
{
    if (n < 0 || n > 63)
        return 0;
    return (i64)((u64)a >> n);
}

static i64 shift_left(i64 a, i64 n)
{
    if (n < 0 || n > 63)
        return 0;
    return (i64)((u64)a << n);
}

/* truncating division with the overflow case defined */
static int divide(i64 a, i64 b, i64 *q, i64 *r)
{
    if (b == 0) {
        forth_error("division by zero", NULL);
        return 0;
    }
    if (b == -1) {
        *q = wsub(0, a);
        *r = 0;
        return 1;
    }
    *q = a / b;
    *r = a % b;
    return 1;
}

/* the innermost loop frame is [limit, index] on top of the return stack */
static i64 loop_index(int depth)
{
    int at = rsp - 1 - 2 * depth;
    if (at < 0) {
        forth_error("no loop index", NULL);
        return 0;
    }
    return rstack[at];
}

static void run_prim(int id)
{
    i64 a, b, c, q, r;
    switch (id) {
    case P_ADD: b = pop(); a = pop(); push(wadd(a, b)); break;
    case P_SUB: b = pop(); a = pop(); push(wsub(a, b)); break;
    case P_MUL: b = pop(); a = pop(); push(wmul(a, b)); break;
    case P_DIV:
        b = pop(); a = pop();
        if (divide(a, b, &q, &r)) push(q);
        break;
    case P_MOD:
        b = pop(); a = pop();
        if (divide(a, b, &q, &r)) push(r);
        break;
    case P_DIVMOD:
        b = pop(); a = pop();
        if (divide(a, b, &q, &r)) { push(r); push(q); }
        break;
    case P_MULDIV:
        c = pop(); b = pop(); a = pop();
        if (divide(wmul(a, b), c, &q, &r)) push(q);
        break;
    case P_NEGATE: push(wsub(0, pop())); break;
    case P_ABS: a = pop(); push(a < 0 ? wsub(0, a) : a); break;
    case P_MIN: b = pop(); a = pop(); push(a < b ? a : b); break;
    case P_MAX: b = pop(); a = pop(); push(a > b ? a : b); break;
    case P_AND: b = pop(); a = pop(); push(a & b); break;
    case P_OR: b = pop(); a = pop(); push(a | b); break;
    case P_XOR: b = pop(); a = pop(); push(a ^ b); break;
    case P_INVERT: push(~pop()); break;
    case P_LSHIFT: b = pop(); a = pop(); push(shift_left(a, b)); break;
    case P_RSHIFT: b = pop(); a = pop(); push(shift_right_logical(a, b)); break;
    case P_INC: push(wadd(pop(), 1)); break;
    case P_DEC: push(wsub(pop(), 1)); break;
    case P_TWOMUL: push(wmul(pop(), 2)); break;
    case P_TWODIV:
        a = pop();
        /* arithmetic shift right by one: rounds toward minus infinity */
        push(a >= 0 ? a / 2 : -((-(a + 1)) / 2) - 1);
        break;
    case P_EQ: b = pop(); a = pop(); push(a == b ? -1 : 0); break;
    case P_NE: b = pop(); a = pop(); push(a != b ? -1 : 0); break;
    case P_LT: b = pop(); a = pop(); push(a < b ? -1 : 0); break;
    case P_GT: b = pop(); a = pop(); push(a > b ? -1 : 0); break;
    case P_LE: b = pop(); a = pop(); push(a <= b ? -1 : 0); break;
    case P_GE: b = pop(); a = pop(); push(a >= b ? -1 : 0); break;
    case P_ZEROEQ: push(pop() == 0 ? -1 : 0); break;
    case P_ZEROLT: push(pop() < 0 ? -1 : 0); break;
    case P_ZEROGT: push(pop() > 0 ? -1 : 0); break;
    case P_DUP:
        if (need(1)) push(dstack[dsp - 1]);
        break;
    case P_DROP: pop(); break;
    case P_SWAP:
        if (need(2)) { a = dstack[dsp - 1]; dstack[dsp - 1] = dstack[dsp - 2]; dstack[dsp - 2] = a; }
        break;
    case P_OVER:
        if (need(2)) push(dstack[dsp - 2]);
        break;
    case P_ROT:
        if (need(3)) {
            a = dstack[dsp - 3];
            dstack[dsp - 3] = dstack[dsp - 2];
            dstack[dsp - 2] = dstack[dsp - 1];
            dstack[dsp - 1] = a;
        }
        break;
    case P_MROT:
        if (need(3)) {
            a = dstack[dsp - 1];
            dstack[dsp - 1] = dstack[dsp - 2];
            dstack[dsp - 2] = dstack[dsp - 3];
            dstack[dsp - 3] = a;
        }
        break;
    case P_NIP: b = pop(); pop(); push(b); break;
    case P_TUCK: b = pop(); a = pop(); push(b); push(a); push(b); break;
    case P_PICK:
        a = pop();
        if (a < 0 || a >= dsp)
            forth_error("PICK out of range", NULL);
        else
            push(dstack[dsp - 1 - a]);
        break;
    case P_2DUP:
        if (need(2)) { a = dstack[dsp - 2]; b = dstack[dsp - 1]; push(a); push(b); }
        break;
    case P_2DROP: pop(); pop(); break;
    case P_2SWAP:
        if (need(4)) {
            a = dstack[dsp - 4];
            b = dstack[dsp - 3];
            dstack[dsp - 4] = dstack[dsp - 2];
            dstack[dsp - 3] = dstack[dsp - 1];
            dstack[dsp - 2] = a;
            dstack[dsp - 1] = b;
        }
        break;
    case P_QDUP:
        if (need(1) && dstack[dsp - 1] != 0) push(dstack[dsp - 1]);
        break;
    case P_DEPTH: push(dsp); break;
    case P_TOR: rpush(pop()); break;
    case P_RFROM: push(rpop()); break;
    case P_RFETCH:
        if (rsp <= 0) forth_error("return stack underflow", NULL);
        else push(rstack[rsp - 1]);
        break;
    case P_I: push(loop_index(0)); break;
    case P_J: push(loop_index(1)); break;
    case P_FETCH:
        a = pop();
        if (valid_addr(a)) push(mem[a]);
        break;
    case P_STORE:
        a = pop(); b = pop();
        if (valid_addr(a)) mem[a] = b;
        break;
    case P_PLUSSTORE:
        a = pop(); b = pop();
        if (valid_addr(a)) mem[a] = wadd(mem[a], b);
        break;
    case P_HERE: push(here_ptr); break;
    case P_ALLOT:
        a = pop();
        if (a < 0 || here_ptr + a > MEM_CELLS)
            forth_error("ALLOT out of memory", NULL);
        else
            here_ptr += (int)a;
        break;
    case P_COMMA:
        a = pop();
        if (here_ptr >= MEM_CELLS)
            forth_error("data space full", NULL);
        else
            mem[here_ptr++] = a;
        break;
    case P_CELLS: break;
    case P_DOT: print_number(pop(), 0, 0); out_char(' '); break;
    case P_DOTR: b = pop(); a = pop(); print_number(a, (int)(b > 64 ? 64 : b), 0); break;
    case P_UDOT: print_number(pop(), 0, 1); out_char(' '); break;
    case P_EMIT: out_char((int)(pop() & 0x7F)); break;
    case P_CR: out_char('\n'); break;
    case P_SPACE: out_char(' '); break;
    case P_SPACES:
        a = pop();
        while (a-- > 0) out_char(' ');
        break;
    case P_DOTS: {
        int k;
        out_str("<");
        print_number(dsp, 0, 0);
        out_str("> ");
        for (k = 0; k < dsp; k++) {
            print_number(dstack[k], 0, 0);
            out_char(' ');
        }
        break;
    }
    case P_HEX: mem[base_addr] = 16; break;
    case P_DECIMAL: mem[base_addr] = 10; break;
    default:
        forth_error("unknown primitive", NULL);
        break;
    }
}

/* ------------------------------------------------------------------ */
/* Threaded code                                                       */
/* ------------------------------------------------------------------ */

enum {
    I_LIT, I_PRIM, I_CALL, I_EXIT, I_BRANCH, I_ZBRANCH, I_DO, I_QDO, I_LOOP,
    I_PLOOP, I_LEAVE, I_DOTQ, I_COUNT
};

static const char *instr_names[I_COUNT] = {
    "lit", "prim", "call", "exit", "branch", "0branch", "do", "?do", "loop",
    "+loop", "leave", ".\""
};

static void emit_code(i64 v)
{
    if (code_len >= CODE_CELLS) {
        forth_error("code space full", NULL);
        return;
    }
    code[code_len++] = v;
}

static int word_of_code(i64 addr)
{
    int i;
    for (i = 0; i < nwords; i++)
        if (dict[i].kind == W_COLON && dict[i].param == addr)
            return i;
    return -1;
}

/* Run the colon definition whose code starts at addr. */
static void run_code(int addr)
{
    int base_rsp = rsp;
    int pc = addr;
    rpush(-1); /* return address that ends this run */
    while (!error_flag) {
        i64 op = code[pc];
        steps++;
        switch (op) {
        case I_LIT:
            push(code[pc + 1]);
            pc += 2;
            break;
        case I_PRIM:
            run_prim((int)code[pc + 1]);
            pc += 2;
            break;
        case I_CALL:
            rpush(pc + 2);
            pc = (int)code[pc + 1];
            break;
        case I_EXIT: {
            i64 ret = rpop();
            if (ret < 0) {
                rsp = base_rsp;
                return;
            }
            pc = (int)ret;
            break;
        }
        case I_BRANCH:
            pc = (int)code[pc + 1];
            break;
        case I_ZBRANCH:
            pc = pop() == 0 ? (int)code[pc + 1] : pc + 2;
            break;
        case I_DO: {
            i64 start = pop();
            i64 limit = pop();
            rpush(limit);
            rpush(start);
            pc += 2;
            break;
        }
        case I_QDO: {
            i64 start = pop();
            i64 limit = pop();
            if (start == limit) {
                pc = (int)code[pc + 1];
            } else {
                rpush(limit);
                rpush(start);
                pc += 2;
            }
            break;
        }
        case I_LOOP:
        case I_PLOOP: {
            i64 inc = op == I_LOOP ? 1 : pop();
            i64 limit, index, next, x, nx;
            if (rsp < 2) {
                forth_error("loop without loop frame", NULL);
                break;
            }
            limit = rstack[rsp - 2];
            index = rstack[rsp - 1];
            next = wadd(index, inc);
            /* the loop ends when the index crosses the boundary between
               limit-1 and limit, seen as offsets from the limit */
            x = wsub(index, limit);
            nx = wsub(next, limit);
            if (inc >= 0 ? (x < 0 && nx >= 0) : (x >= 0 && nx < 0)) {
                rsp -= 2;
                pc += 2;
            } else {
                rstack[rsp - 1] = next;
                pc = (int)code[pc + 1];
            }
            break;
        }
        case I_LEAVE:
            rsp -= 2;
            if (rsp < base_rsp + 1) {
                forth_error("LEAVE without loop", NULL);
                break;
            }
            pc = (int)code[pc + 1];
            break;
        case I_DOTQ:
            out_str(strings[code[pc + 1]]);
            pc += 2;
            break;
        default:
            forth_error("bad instruction", NULL);
            break;
        }
    }
    rsp = base_rsp;
}

static void execute_word(int w)
{
    const Word *wd = &dict[w];
    switch (wd->kind) {
    case W_PRIM:
        run_prim((int)wd->param);
        break;
    case W_COLON:
        run_code((int)wd->param);
        break;
    case W_VAR:
    case W_CONST:
        push(wd->param);
        break;
    default:
        break;
    }
}

static void compile_word(int w)
{
    const Word *wd = &dict[w];
    switch (wd->kind) {
    case W_PRIM:
        emit_code(I_PRIM);
        emit_code(wd->param);
        break;
    case W_COLON:
        emit_code(I_CALL);
        emit_code(wd->param);
        break;
    default:
        emit_code(I_LIT);
        emit_code(wd->param);
        break;
    }
}

/* SEE: show the compiled code of a colon definition */
static void see_word(int w)
{
    const Word *wd = &dict[w];
    int pc;
    if (wd->kind != W_COLON) {
        out_str(wd->kind == W_PRIM ? "primitive " : (wd->kind == W_VAR ? "variable " : "constant "));
        out_str(wd->name);
        out_char('\n');
        return;
    }
    out_str(": ");
    out_str(wd->name);
    out_char('\n');
    pc = (int)wd->param;
    while (pc < wd->code_end) {
        i64 op = code[pc];
        char line[160];
        if (op < 0 || op >= I_COUNT) {
            out_str("  ???\n");
            break;
        }
        sprintf(line, "  %4d %-8s", pc - (int)wd->param, instr_names[op]);
        out_str(line);
        switch (op) {
        case I_LIT:
            sprintf(line, " %lld", code[pc + 1]);
            out_str(line);
            break;
        case I_PRIM:
            out_char(' ');
            out_str(prim_name((int)code[pc + 1]));
            break;
        case I_CALL: {
            int target = word_of_code(code[pc + 1]);
            out_char(' ');
            out_str(target >= 0 ? dict[target].name : "?");
            break;
        }
        case I_BRANCH: case I_ZBRANCH: case I_QDO: case I_LOOP: case I_PLOOP: case I_LEAVE:
            sprintf(line, " -> %d", (int)(code[pc + 1] - wd->param));
            out_str(line);
            break;
        case I_DOTQ:
            out_str(" \"");
            out_str(strings[code[pc + 1]]);
            out_str("\"");
            break;
        default:
            break;
        }
        out_char('\n');
        pc += op == I_EXIT ? 1 : 2;
    }
}

/* ------------------------------------------------------------------ */
/* Outer interpreter and compiler                                      */
/* ------------------------------------------------------------------ */

typedef struct {
    const char *src;
    size_t pos;
    size_t len;
    int line;
} Input;

static int compiling;
static int current_def = -1;   /* word being defined */

/* compile-time control stack */
enum { C_IF, C_BEGIN, C_WHILE, C_DO };
#define CTRL_MAX 256
static int ctrl_kind[CTRL_MAX];
static int ctrl_addr[CTRL_MAX];
static int ctrl_leave_base[CTRL_MAX];  /* for C_DO: first LEAVE site of the loop */
static int nctrl;

/* operand addresses of LEAVE (and ?DO) branches waiting for their loop end */
#define LEAVE_MAX 256
static int leave_sites[LEAVE_MAX];
static int nleaves;

static void add_leave_site(int addr)
{
    if (nleaves >= LEAVE_MAX) {
        forth_error("too many LEAVEs", NULL);
        return;
    }
    leave_sites[nleaves++] = addr;
}

static void ctrl_push(int kind, int addr)
{
    if (nctrl >= CTRL_MAX) {
        forth_error("control structures nested too deeply", NULL);
        return;
    }
    ctrl_kind[nctrl] = kind;
    ctrl_addr[nctrl] = addr;
    ctrl_leave_base[nctrl] = nleaves;
    nctrl++;
}

static int ctrl_pop(int kind, const char *word)
{
    if (nctrl == 0 || ctrl_kind[nctrl - 1] != kind) {
        forth_error("unbalanced control structure at", word);
        return -1;
    }
    nctrl--;
    return ctrl_addr[nctrl];
}

/* read the next blank-delimited token; returns its length (0 at end) */
static size_t next_token(Input *in, char *buf, size_t cap)
{
    size_t n = 0;
    while (in->pos < in->len && (unsigned char)in->src[in->pos] <= ' ') {
        if (in->src[in->pos] == '\n')
            in->line++;
        in->pos++;
    }
    while (in->pos < in->len && (unsigned char)in->src[in->pos] > ' ') {
        if (n + 1 < cap)
            buf[n++] = in->src[in->pos];
        in->pos++;
    }
    buf[n] = '\0';
    return n;
}

/* read text up to the delimiter (skipping one leading blank) */
static char *read_until(Input *in, char delim)
{
    size_t start, n;
    char *s;
    if (in->pos < in->len && (in->src[in->pos] == ' ' || in->src[in->pos] == '\t'))
        in->pos++;
    start = in->pos;
    while (in->pos < in->len && in->src[in->pos] != delim) {
        if (in->src[in->pos] == '\n')
            in->line++;
        in->pos++;
    }
    n = in->pos - start;
    if (in->pos < in->len)
        in->pos++; /* delimiter */
    s = (char *)xmalloc(n + 1);
    memcpy(s, in->src + start, n);
    s[n] = '\0';
    return s;
}

static void skip_line(Input *in)
{
    while (in->pos < in->len && in->src[in->pos] != '\n')
        in->pos++;
}

static int parse_number(const char *tok, i64 *out)
{
    int base = (int)mem[base_addr];
    int neg = 0;
    u64 v = 0;
    const char *p = tok;
    if (base < 2 || base > 36)
        base = 10;
    if (*p == '-' && p[1] != '\0') {
        neg = 1;
        p++;
    }
    if (*p == '\0')
        return 0;
    for (; *p != '\0'; p++) {
        int d;
        char c = *p;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (c >= 'A' && c <= 'Z') d = c - 'A' + 10;
        else if (c >= 'a' && c <= 'z') d = c - 'a' + 10;
        else return 0;
        if (d >= base)
            return 0;
        v = v * (u64)base + (u64)d;
    }
    *out = neg ? (i64)(0ull - v) : (i64)v;
    return 1;
}

static void abort_state(Input *in)
{
    /* discard the partial definition, if any */
    if (compiling && current_def >= 0) {
        code_len = (int)dict[current_def].param;
        nwords = current_def;
    }
    compiling = 0;
    current_def = -1;
    nctrl = 0;
    nleaves = 0;
    dsp = 0;
    rsp = 0;
    error_flag = 0;
    skip_line(in);
}

static int require_compiling(const char *word)
{
    if (!compiling) {
        forth_error("compile-only word", word);
        return 0;
    }
    return 1;
}

static void patch_to_here(int operand_addr)
{
    code[operand_addr] = code_len;
}

/* handles defining words and compiler words; returns 1 if tok was one */
static int special_word(Input *in, const char *tok)
{
    char name[64];
    if (strcmp(tok, ":") == 0) {
        if (compiling) {
            forth_error("nested definition", NULL);
            return 1;
        }
        if (next_token(in, name, sizeof(name)) == 0) {
            forth_error("missing name after :", NULL);
            return 1;
        }
        current_def = add_word(name, W_COLON, code_len);
        if (current_def >= 0) {
            /* the new word stays hidden until ; (see interpret) */
            compiling = 1;
            nctrl = 0;
            nleaves = 0;
        }
        return 1;
    }
    if (strcmp(tok, ";") == 0) {
        if (!require_compiling(tok))
            return 1;
        if (nctrl != 0) {
            forth_error("unfinished control structure in", dict[current_def].name);
            return 1;
        }
        emit_code(I_EXIT);
        dict[current_def].code_end = code_len;
        compiling = 0;
        current_def = -1;
        return 1;
    }
    if ((strcmp(tok, "VARIABLE") == 0 || strcmp(tok, "CREATE") == 0 ||
         strcmp(tok, "CONSTANT") == 0) && compiling) {
        forth_error("defining word inside a definition", tok);
        return 1;
    }
    if (strcmp(tok, "VARIABLE") == 0 || strcmp(tok, "CREATE") == 0) {
        if (next_token(in, name, sizeof(name)) == 0) {
            forth_error("missing name", tok);
            return 1;
        }
        if (here_ptr >= MEM_CELLS) {
            forth_error("data space full", NULL);
            return 1;
        }
        add_word(name, W_VAR, here_ptr);
        if (tok[0] == 'V')
            mem[here_ptr++] = 0;
        return 1;
    }
    if (strcmp(tok, "CONSTANT") == 0) {
        i64 v;
        if (next_token(in, name, sizeof(name)) == 0) {
            forth_error("missing name", tok);
            return 1;
        }
        v = pop();
        if (!error_flag)
            add_word(name, W_CONST, v);
        return 1;
    }
    if (strcmp(tok, "(") == 0) {
        free(read_until(in, ')'));
        return 1;
    }
    if (strcmp(tok, "\\") == 0) {
        skip_line(in);
        return 1;
    }
    if (strcmp(tok, ".\"") == 0) {
        char *s = read_until(in, '"');
        if (!compiling) {
            out_str(s);
            free(s);
            return 1;
        }
        if (nstrings >= MAX_STRINGS) {
            free(s);
            forth_error("too many strings", NULL);
            return 1;
        }
        strings[nstrings] = s;
        emit_code(I_DOTQ);
        emit_code(nstrings++);
        return 1;
    }
    if (strcmp(tok, "SEE") == 0) {
        int w;
        char up[NAME_LEN + 1];
        if (next_token(in, name, sizeof(name)) == 0) {
            forth_error("missing name", tok);
            return 1;
        }
        upcase(up, name, strlen(name));
        w = find_word(up);
        if (w < 0)
            forth_error("unknown word", name);
        else
            see_word(w);
        return 1;
    }
    if (strcmp(tok, "IF") == 0) {
        if (!require_compiling(tok))
            return 1;
        emit_code(I_ZBRANCH);
        ctrl_push(C_IF, code_len);
        emit_code(0);
        return 1;
    }
    if (strcmp(tok, "ELSE") == 0) {
        int at;
        if (!require_compiling(tok))
            return 1;
        at = ctrl_pop(C_IF, tok);
        if (at < 0)
            return 1;
        emit_code(I_BRANCH);
        ctrl_push(C_IF, code_len);
        emit_code(0);
        patch_to_here(at);
        return 1;
    }
    if (strcmp(tok, "THEN") == 0) {
        int at;
        if (!require_compiling(tok))
            return 1;
        at = ctrl_pop(C_IF, tok);
        if (at >= 0)
            patch_to_here(at);
        return 1;
    }
    if (strcmp(tok, "BEGIN") == 0) {
        if (require_compiling(tok))
            ctrl_push(C_BEGIN, code_len);
        return 1;
    }
    if (strcmp(tok, "UNTIL") == 0 || strcmp(tok, "AGAIN") == 0) {
        int at;
        if (!require_compiling(tok))
            return 1;
        at = ctrl_pop(C_BEGIN, tok);
        if (at < 0)
            return 1;
        emit_code(tok[0] == 'U' ? I_ZBRANCH : I_BRANCH);
        emit_code(at);
        return 1;
    }
    if (strcmp(tok, "WHILE") == 0) {
        if (!require_compiling(tok))
            return 1;
        if (nctrl == 0 || ctrl_kind[nctrl - 1] != C_BEGIN) {
            forth_error("WHILE without BEGIN", NULL);
            return 1;
        }
        emit_code(I_ZBRANCH);
        ctrl_push(C_WHILE, code_len);
        emit_code(0);
        return 1;
    }
    if (strcmp(tok, "REPEAT") == 0) {
        int w, b;
        if (!require_compiling(tok))
            return 1;
        w = ctrl_pop(C_WHILE, tok);
        if (w < 0)
            return 1;
        b = ctrl_pop(C_BEGIN, tok);
        if (b < 0)
            return 1;
        emit_code(I_BRANCH);
        emit_code(b);
        patch_to_here(w);
        return 1;
    }
    if (strcmp(tok, "DO") == 0 || strcmp(tok, "?DO") == 0) {
        if (!require_compiling(tok))
            return 1;
        emit_code(tok[0] == '?' ? I_QDO : I_DO);
        emit_code(0);
        ctrl_push(C_DO, code_len);
        if (tok[0] == '?')
            add_leave_site(code_len - 1);
        return 1;
    }
    if (strcmp(tok, "LEAVE") == 0) {
        int k, found = 0;
        if (!require_compiling(tok))
            return 1;
        for (k = nctrl - 1; k >= 0; k--)
            if (ctrl_kind[k] == C_DO) {
                found = 1;
                break;
            }
        if (!found) {
            forth_error("LEAVE outside a loop", NULL);
            return 1;
        }
        emit_code(I_LEAVE);
        add_leave_site(code_len);
        emit_code(0);
        return 1;
    }
    if (strcmp(tok, "LOOP") == 0 || strcmp(tok, "+LOOP") == 0) {
        int body;
        if (!require_compiling(tok))
            return 1;
        {
            int first_leave = nctrl > 0 ? ctrl_leave_base[nctrl - 1] : 0;
            int k;
            body = ctrl_pop(C_DO, tok);
            if (body < 0)
                return 1;
            emit_code(tok[0] == '+' ? I_PLOOP : I_LOOP);
            emit_code(body);
            /* every LEAVE of this loop jumps past the loop end */
            for (k = first_leave; k < nleaves; k++)
                patch_to_here(leave_sites[k]);
            nleaves = first_leave;
        }
        return 1;
    }
    if (strcmp(tok, "EXIT") == 0) {
        if (!require_compiling(tok))
            return 1;
        emit_code(I_EXIT);
        return 1;
    }
    if (strcmp(tok, "RECURSE") == 0) {
        if (!require_compiling(tok))
            return 1;
        emit_code(I_CALL);
        emit_code(dict[current_def].param);
        return 1;
    }
    return 0;
}

static void interpret(const char *src, size_t len)
{
    Input in;
    char tok[128];
    char up[NAME_LEN + 1];
    in.src = src;
    in.pos = 0;
    in.len = len;
    in.line = 1;
    for (;;) {
        size_t n = next_token(&in, tok, sizeof(tok));
        int w;
        i64 num;
        if (n == 0)
            break;
        upcase(up, tok, n);
        if (!special_word(&in, up)) {
            /* while compiling, the word being defined is not visible yet */
            int limit = nwords;
            if (compiling)
                nwords = current_def;
            w = find_word(up);
            nwords = limit;
            if (w >= 0) {
                if (compiling && !dict[w].immediate)
                    compile_word(w);
                else
                    execute_word(w);
            } else if (parse_number(tok, &num)) {
                if (compiling) {
                    emit_code(I_LIT);
                    emit_code(num);
                } else {
                    push(num);
                }
            } else {
                forth_error("unknown word", tok);
            }
        }
        if (error_flag) {
            char where[32];
            sprintf(where, "line %d", in.line);
            out_str("  (at ");
            out_str(where);
            out_str(")\n");
            abort_state(&in);
        }
    }
    if (compiling)
        forth_error("end of input inside a definition", NULL);
}

/* ------------------------------------------------------------------ */
/* Main                                                                */
/* ------------------------------------------------------------------ */

static char *read_file(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 4096, n = 0;
    char *buf;
    if (f == NULL) {
        fprintf(stderr, "forth: cannot open %s\n", path);
        exit(1);
    }
    buf = (char *)xmalloc(cap);
    for (;;) {
        size_t got;
        if (n == cap) {
            char *nb = (char *)xmalloc(cap * 2);
            memcpy(nb, buf, n);
            free(buf);
            buf = nb;
            cap *= 2;
        }
        got = fread(buf + n, 1, cap - n, f);
        if (got == 0)
            break;
        n += got;
    }
    fclose(f);
    *len_out = n;
    return buf;
}

int main(int argc, char **argv)
{
    char *src;
    size_t len;
    i64 arg = 0;
    int i;

    if (argc < 2) {
        fprintf(stderr, "usage: forth PROGRAM.fs [N]\n");
        return 2;
    }
    if (argc > 2) {
        const char *p = argv[2];
        int neg = 0;
        u64 v = 0;
        if (*p == '-') {
            neg = 1;
            p++;
        }
        for (; *p >= '0' && *p <= '9'; p++)
            v = v * 10u + (u64)(*p - '0');
        arg = neg ? (i64)(0ull - v) : (i64)v;
    }
    for (i = 0; i < N_PRIM_NAMES; i++)
        add_word(prim_names[i].name, W_PRIM, prim_names[i].id);
    base_addr = here_ptr++;
    mem[base_addr] = 10;
    add_word("BASE", W_VAR, base_addr);
    add_word("ARG", W_CONST, arg);
    add_word("TRUE", W_CONST, -1);
    add_word("FALSE", W_CONST, 0);
    add_word("BL", W_CONST, 32);
    add_word("CELL", W_CONST, 1);

    src = read_file(argv[1], &len);
    interpret(src, len);
    free(src);
    if (column != 0)
        out_char('\n');
    printf("[%ld steps, %d words, %d code cells, %d data cells, max depth %d/%d, %ld errors, stack depth %d]\n",
           steps, nwords, code_len, here_ptr, max_dsp, max_rsp, errors_seen, dsp);
    for (i = 0; i < nstrings; i++)
        free(strings[i]);
    return 0;
}
