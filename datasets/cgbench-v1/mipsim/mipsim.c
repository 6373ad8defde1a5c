/*
 * mipsim.c - assembler and simulator for a small 32-bit RISC machine.
 *
 * Usage: mipsim N PROGRAM.s [PROGRAM.s ...]
 *
 * The machine is in the MIPS style: 32 registers ($0 always reads zero),
 * R-, I- and J-format instructions, a multiply/divide unit with HI and LO,
 * and a flat little-endian memory of 256 KiB (text at 0x1000, write
 * protected; data at 0x10000; the stack grows down from the top).  There
 * are no delay slots.  Loads and stores are checked for bounds and
 * alignment, add/addi/sub trap on signed overflow and dividing by zero
 * traps.
 *
 * Each program is assembled in two passes (labels, .eqv constants, data
 * directives, pseudo-instructions), every instruction is disassembled and
 * assembled again as a check, and then the program runs with N in $a0.
 * Syscalls ($v0): 1 print int, 4 print string, 11 print char, 34 print
 * hex, 36 print unsigned, 10 exit, 17 exit with code $a0.  Returning from
 * main (jumping to address 0) exits with code $v0.
 *
 * Each executed instruction also drives three in-order 5-stage pipeline
 * timing models (IF ID EX MEM WB, full forwarding) that differ only in
 * their branch direction predictor: static backward-taken, bimodal and
 * gshare.  They share the same design of branch target buffer and return
 * address stack, and count cycles, stalls by cause and prediction hits.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MEM_SIZE    0x40000u
#define TEXT_BASE   0x1000u
#define TEXT_LIMIT  0x10000u
#define DATA_BASE   0x10000u
#define DATA_LIMIT  0x30000u
#define STACK_TOP   0x40000u
#define NTEXT       ((TEXT_LIMIT - TEXT_BASE) / 4)
#define MAX_STEPS   5000000ULL
#define MAX_OUTPUT  16384
#define MAX_SOURCE  65536
#define MAX_SYMS    1024
#define NAME_LEN    32
#define VAL_LIMIT   0x100000000LL

/* ------------------------------------------------------------------ */
/* Instruction set                                                     */
/* ------------------------------------------------------------------ */

enum Fmt {
    F_RRR, F_SHI, F_SHV, F_MD, F_MF, F_JR, F_JALR, F_SYS,
    F_RRI, F_RRU, F_LUI, F_MEM, F_BR2, F_BR1, F_J, F_COUNT
};

/* Operands of each format, for the assembler and the disassembler:
 * d s t registers, h shift amount, i signed and u unsigned immediate,
 * m offset(base), b branch target, j jump target. */
static const char *const fmt_pat[F_COUNT] = {
    "d,s,t", "d,t,h", "d,t,s", "s,t", "d", "s", "d,s", "",
    "t,s,i", "t,s,u", "t,u", "t,m", "s,t,b", "s,b", "j"
};

/* Registers each format reads and writes, for the timing model:
 * 1 rs, 2 rt, 3 rd, 4 $v0, 5 $a0, 0 none. */
static const unsigned char fmt_regs[F_COUNT][3] = {
    {1, 2, 3}, {2, 0, 3}, {1, 2, 3}, {1, 2, 0}, {0, 0, 3}, {1, 0, 0},
    {1, 0, 3}, {4, 5, 0}, {1, 0, 2}, {1, 0, 2}, {0, 0, 2}, {1, 0, 2},
    {1, 2, 0}, {1, 0, 0}, {0, 0, 0}
};

#define M_RS (31u << 21)
#define M_RT (31u << 16)
#define M_RD (31u << 11)
#define M_SH (31u << 6)

/* Fields each format leaves unused; they must be zero in a valid word. */
static const uint32_t fmt_zero[F_COUNT] = {
    M_SH, M_RS, M_SH, M_RD | M_SH, M_RS | M_RT | M_SH, M_RT | M_RD | M_SH,
    M_RT | M_SH, M_RS | M_RT | M_RD | M_SH, 0, 0, M_RS, 0, 0, M_RT, 0
};

enum Cls { C_ALU, C_SHIFT, C_MDU, C_LOAD, C_STORE, C_BRANCH, C_JUMP, C_SYS,
           C_COUNT };

static const char *const cls_names[C_COUNT] = {
    "alu", "shift", "muldiv", "load", "store", "branch", "jump", "syscall"
};

enum Id {
    I_ADD, I_ADDU, I_SUB, I_SUBU, I_AND, I_OR, I_XOR, I_NOR, I_SLT, I_SLTU,
    I_SLL, I_SRL, I_SRA, I_SLLV, I_SRLV, I_SRAV,
    I_MULT, I_MULTU, I_DIV, I_DIVU, I_MFHI, I_MFLO, I_MUL,
    I_JR, I_JALR, I_SYSCALL,
    I_J, I_JAL, I_BEQ, I_BNE, I_BLEZ, I_BGTZ, I_BLTZ, I_BGEZ,
    I_ADDI, I_ADDIU, I_SLTI, I_SLTIU, I_ANDI, I_ORI, I_XORI, I_LUI,
    I_LB, I_LBU, I_LH, I_LHU, I_LW, I_SB, I_SH, I_SW,
    I_COUNT
};

typedef struct {
    const char *name;
    unsigned char fmt, op, fn, cls;
} OpInfo;

/* Opcode 0 selects an R-format instruction by its function field. */
static const OpInfo ops[I_COUNT] = {
    {"add", F_RRR, 0, 1, C_ALU},     {"addu", F_RRR, 0, 2, C_ALU},
    {"sub", F_RRR, 0, 3, C_ALU},     {"subu", F_RRR, 0, 4, C_ALU},
    {"and", F_RRR, 0, 5, C_ALU},     {"or", F_RRR, 0, 6, C_ALU},
    {"xor", F_RRR, 0, 7, C_ALU},     {"nor", F_RRR, 0, 8, C_ALU},
    {"slt", F_RRR, 0, 9, C_ALU},     {"sltu", F_RRR, 0, 10, C_ALU},
    {"sll", F_SHI, 0, 11, C_SHIFT},  {"srl", F_SHI, 0, 12, C_SHIFT},
    {"sra", F_SHI, 0, 13, C_SHIFT},  {"sllv", F_SHV, 0, 14, C_SHIFT},
    {"srlv", F_SHV, 0, 15, C_SHIFT}, {"srav", F_SHV, 0, 16, C_SHIFT},
    {"mult", F_MD, 0, 17, C_MDU},    {"multu", F_MD, 0, 18, C_MDU},
    {"div", F_MD, 0, 19, C_MDU},     {"divu", F_MD, 0, 20, C_MDU},
    {"mfhi", F_MF, 0, 21, C_MDU},    {"mflo", F_MF, 0, 22, C_MDU},
    {"mul", F_RRR, 0, 23, C_MDU},
    {"jr", F_JR, 0, 25, C_JUMP},     {"jalr", F_JALR, 0, 26, C_JUMP},
    {"syscall", F_SYS, 0, 27, C_SYS},
    {"j", F_J, 1, 0, C_JUMP},        {"jal", F_J, 2, 0, C_JUMP},
    {"beq", F_BR2, 3, 0, C_BRANCH},  {"bne", F_BR2, 4, 0, C_BRANCH},
    {"blez", F_BR1, 5, 0, C_BRANCH}, {"bgtz", F_BR1, 6, 0, C_BRANCH},
    {"bltz", F_BR1, 7, 0, C_BRANCH}, {"bgez", F_BR1, 8, 0, C_BRANCH},
    {"addi", F_RRI, 9, 0, C_ALU},    {"addiu", F_RRI, 10, 0, C_ALU},
    {"slti", F_RRI, 11, 0, C_ALU},   {"sltiu", F_RRI, 12, 0, C_ALU},
    {"andi", F_RRU, 13, 0, C_ALU},   {"ori", F_RRU, 14, 0, C_ALU},
    {"xori", F_RRU, 15, 0, C_ALU},   {"lui", F_LUI, 16, 0, C_ALU},
    {"lb", F_MEM, 17, 0, C_LOAD},    {"lbu", F_MEM, 18, 0, C_LOAD},
    {"lh", F_MEM, 19, 0, C_LOAD},    {"lhu", F_MEM, 20, 0, C_LOAD},
    {"lw", F_MEM, 21, 0, C_LOAD},    {"sb", F_MEM, 22, 0, C_STORE},
    {"sh", F_MEM, 23, 0, C_STORE},   {"sw", F_MEM, 24, 0, C_STORE},
};

static const char *const reg_names[32] = {
    "zero", "at", "v0", "v1", "a0", "a1", "a2", "a3",
    "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7",
    "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7",
    "t8", "t9", "k0", "k1", "gp", "sp", "fp", "ra"
};

static signed char dec_op[64], dec_fn[64];

static void init_tables(void)
{
    int i;

    memset(dec_op, -1, sizeof dec_op);
    memset(dec_fn, -1, sizeof dec_fn);
    for (i = 0; i < I_COUNT; i++) {
        if (ops[i].op == 0)
            dec_fn[ops[i].fn] = (signed char)i;
        else
            dec_op[ops[i].op] = (signed char)i;
    }
}

/* A decoded instruction; src1, src2 and dst are for the timing model. */
typedef struct {
    unsigned char id, rs, rt, rd, sh;
    unsigned char src1, src2, dst;
    uint32_t imm;       /* extended immediate, or the branch/jump target */
} Dec;

static int32_t s32(uint32_t x)
{
    if (x >= 0x80000000u)
        return (int32_t)(x - 0x80000000u) - INT32_MAX - 1;
    return (int32_t)x;
}

static uint32_t sext(uint32_t x, unsigned bits)
{
    uint32_t m = 1u << (bits - 1);

    return ((x & (2 * m - 1)) ^ m) - m;
}

/* Decodes w at address pc; 0 if w is not a valid instruction. */
static int decode(uint32_t w, uint32_t pc, Dec *d)
{
    unsigned op = w >> 26, fmt;
    int id = op ? dec_op[op] : dec_fn[w & 63];
    unsigned char f[6];

    if (id < 0 || (w & fmt_zero[ops[id].fmt]))
        return 0;
    fmt = ops[id].fmt;
    d->id = (unsigned char)id;
    f[0] = 0;
    f[1] = d->rs = (w >> 21) & 31;
    f[2] = d->rt = (w >> 16) & 31;
    f[3] = d->rd = (w >> 11) & 31;
    f[4] = 2;
    f[5] = 4;
    d->sh = (w >> 6) & 31;
    d->src1 = f[fmt_regs[fmt][0]];
    d->src2 = f[fmt_regs[fmt][1]];
    d->dst = f[fmt_regs[fmt][2]];
    if (ops[id].cls == C_STORE) {
        d->src2 = d->rt;
        d->dst = 0;
    }
    if (id == I_JAL)
        d->dst = 31;
    if (fmt == F_RRU || fmt == F_LUI)
        d->imm = w & 0xFFFFu;
    else if (fmt == F_BR2 || fmt == F_BR1)
        d->imm = pc + 4 + (sext(w, 16) << 2);
    else if (fmt == F_J)
        d->imm = ((pc + 4) & 0xF0000000u) | ((w & 0x3FFFFFFu) << 2);
    else
        d->imm = sext(w, 16);
    return 1;
}

static uint32_t enc(int id, unsigned rs, unsigned rt, unsigned rd,
                    unsigned sh, uint32_t imm)
{
    const OpInfo *o = &ops[id];

    if (o->op == 0)
        return ((uint32_t)rs << 21) | ((uint32_t)rt << 16)
            | ((uint32_t)rd << 11) | ((uint32_t)sh << 6) | o->fn;
    if (o->fmt == F_J)
        return ((uint32_t)o->op << 26) | ((imm >> 2) & 0x3FFFFFFu);
    return ((uint32_t)o->op << 26) | ((uint32_t)rs << 21)
        | ((uint32_t)rt << 16) | (imm & 0xFFFFu);
}

static void disasm(uint32_t w, uint32_t pc, char *buf, size_t size)
{
    Dec d;
    const char *p;
    size_t n;

    if (!decode(w, pc, &d)) {
        snprintf(buf, size, ".word 0x%08lx", (unsigned long)w);
        return;
    }
    snprintf(buf, size, "%s ", ops[d.id].name);
    for (p = fmt_pat[ops[d.id].fmt]; *p; p++) {
        n = strlen(buf);
        switch (*p) {
        case ',':
            snprintf(buf + n, size - n, ", ");
            break;
        case 'd': case 's': case 't':
            snprintf(buf + n, size - n, "$%s",
                     reg_names[*p == 'd' ? d.rd : *p == 's' ? d.rs : d.rt]);
            break;
        case 'h':
            snprintf(buf + n, size - n, "%u", (unsigned)d.sh);
            break;
        case 'i':
            snprintf(buf + n, size - n, "%ld", (long)s32(d.imm));
            break;
        case 'm':
            snprintf(buf + n, size - n, "%ld($%s)", (long)s32(d.imm),
                     reg_names[d.rs]);
            break;
        default:
            snprintf(buf + n, size - n, "0x%lx", (unsigned long)d.imm);
            break;
        }
    }
}

/* ------------------------------------------------------------------ */
/* Memory                                                              */
/* ------------------------------------------------------------------ */

static uint8_t mem[MEM_SIZE];

static uint32_t load_n(uint32_t a, unsigned size)
{
    uint32_t v = 0;

    while (size-- > 0)
        v = (v << 8) | mem[a + size];
    return v;
}

static void store_n(uint32_t a, uint32_t v, unsigned size)
{
    unsigned i;

    for (i = 0; i < size; i++)
        mem[a + i] = (uint8_t)(v >> (8 * i));
}

/* ------------------------------------------------------------------ */
/* Assembler                                                           */
/* ------------------------------------------------------------------ */

typedef struct {
    char name[NAME_LEN];
    long long value;
    int is_const;
    int line;
} Sym;

static Sym syms[MAX_SYMS];
static int nsyms;

typedef struct {
    const char *file;
    int line;
    int pass;
    int sec;                /* 0 .text, 1 .data */
    uint32_t loc[2];
    const char *p;
    int errors;
    int uses_sym;           /* the last expression used a label */
    int unresolved;         /* ... a label not defined yet (pass 1) */
    uint32_t *capture;      /* single-line mode: words go here */
    int ncapture;
} Asm;

static void asm_error(Asm *A, const char *fmt, ...)
{
    va_list ap;

    if (A->errors < 20) {
        printf("%s:%d: error: ", A->file, A->line);
        va_start(ap, fmt);
        vprintf(fmt, ap);
        va_end(ap);
        putchar('\n');
    }
    A->errors++;
}

static Sym *find_sym(const char *name)
{
    int i;

    for (i = 0; i < nsyms; i++)
        if (strcmp(syms[i].name, name) == 0)
            return &syms[i];
    return NULL;
}

static int is_id_char(int c, int first)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
        || c == '.' || (!first && c >= '0' && c <= '9');
}

static int at_end(Asm *A)
{
    while (*A->p == ' ' || *A->p == '\t' || *A->p == '\r')
        A->p++;
    return *A->p == '\0' || *A->p == '#';
}

/* Skips blanks and returns the next character. */
static int peek(Asm *A)
{
    at_end(A);
    return (unsigned char)*A->p;
}

static int parse_ident(Asm *A, char *buf)
{
    int n = 0;

    if (!is_id_char(peek(A), 1))
        return 0;
    while (is_id_char((unsigned char)*A->p, 0)) {
        if (n == NAME_LEN - 1) {
            asm_error(A, "name too long");
            return 0;
        }
        buf[n++] = *A->p++;
    }
    buf[n] = '\0';
    return 1;
}

static int expect(Asm *A, char c)
{
    if (peek(A) != c) {
        asm_error(A, "expected '%c'", c);
        return 0;
    }
    A->p++;
    return 1;
}

static int parse_reg(Asm *A, unsigned *r)
{
    char name[NAME_LEN];
    unsigned i;

    if (peek(A) != '$') {
        asm_error(A, "expected a register");
        return 0;
    }
    A->p++;
    if (*A->p >= '0' && *A->p <= '9') {
        for (i = 0; *A->p >= '0' && *A->p <= '9' && i < 100; A->p++)
            i = i * 10 + (unsigned)(*A->p - '0');
    } else {
        if (!parse_ident(A, name))
            name[0] = '\0';
        for (i = 0; i < 32 && strcmp(name, reg_names[i]) != 0; i++)
            ;
    }
    if (i > 31) {
        asm_error(A, "bad register");
        return 0;
    }
    *r = i;
    return 1;
}

/* Reads the character after a backslash. */
static int parse_escape(Asm *A, int *c)
{
    static const char from[] = "nt0\\'\"", to[] = "\n\t\0\\'\"";
    const char *s = *A->p ? strchr(from, *A->p) : NULL;

    if (s == NULL) {
        asm_error(A, "unknown escape sequence");
        return 0;
    }
    *c = to[s - from];
    A->p++;
    return 1;
}

static int parse_number(Asm *A, long long *v)
{
    int hex = A->p[0] == '0' && (A->p[1] == 'x' || A->p[1] == 'X');
    char *end;

    *v = strtoll(A->p, &end, hex ? 16 : 10);
    if (end == A->p + 2 * hex || is_id_char((unsigned char)*end, 0)
        || *v > VAL_LIMIT) {
        asm_error(A, "bad number");
        return 0;
    }
    A->p = end;
    return 1;
}

static int parse_expr(Asm *A, long long *v);

static int parse_primary(Asm *A, long long *v)
{
    char name[NAME_LEN];
    Sym *s;
    int c = peek(A);

    if (c == '(') {
        A->p++;
        return parse_expr(A, v) && expect(A, ')');
    }
    if (c == '-') {
        A->p++;
        if (!parse_primary(A, v))
            return 0;
        *v = -*v;
        return 1;
    }
    if (c >= '0' && c <= '9')
        return parse_number(A, v);
    if (c == '\'') {
        c = (unsigned char)*++A->p;
        if (c == '\0' || c == '\'') {
            asm_error(A, "bad character constant");
            return 0;
        }
        A->p++;
        if (c == '\\' && !parse_escape(A, &c))
            return 0;
        *v = c;
        return expect(A, '\'');
    }
    if (!parse_ident(A, name)) {
        asm_error(A, "expected an expression");
        return 0;
    }
    s = find_sym(name);
    *v = s ? s->value : 0;
    if (s == NULL && A->pass == 1) {
        A->uses_sym = A->unresolved = 1;
    } else if (s == NULL) {
        asm_error(A, "undefined symbol '%s'", name);
        return 0;
    } else if (!s->is_const) {
        A->uses_sym = 1;
    } else if (s->line > A->line) {
        asm_error(A, "constant '%s' used before its .eqv", name);
        return 0;
    }
    return 1;
}

/* Expressions: + - * and parentheses over numbers, characters and
 * symbols, kept within +-2^32. */
static int parse_expr(Asm *A, long long *v)
{
    long long r, t, m;
    int op = '+';

    *v = 0;
    for (;;) {
        if (!parse_primary(A, &t))
            return 0;
        while (peek(A) == '*') {
            A->p++;
            if (!parse_primary(A, &r))
                return 0;
            m = r < 0 ? -r : r;
            if (m != 0 && (t > VAL_LIMIT / m || t < -VAL_LIMIT / m)) {
                asm_error(A, "value out of range");
                return 0;
            }
            t *= r;
        }
        *v = op == '+' ? *v + t : *v - t;
        if (*v > VAL_LIMIT || *v < -VAL_LIMIT) {
            asm_error(A, "value out of range");
            return 0;
        }
        op = peek(A);
        if (op != '+' && op != '-')
            return 1;
        A->p++;
    }
}

static int parse_value(Asm *A, long long *v)
{
    A->uses_sym = 0;
    A->unresolved = 0;
    return parse_expr(A, v);
}

/* Checks a 16-bit immediate (signed or not) unless it is still unknown. */
static int imm16(Asm *A, long long v, int is_signed, uint32_t *out)
{
    long long lo = is_signed ? -32768 : 0;

    if (!A->unresolved && (v < lo || v > lo + 65535)) {
        asm_error(A, "immediate %lld out of range", v);
        return 0;
    }
    *out = (uint32_t)v & 0xFFFFu;
    return 1;
}

static void emit(Asm *A, uint32_t w)
{
    if (A->capture) {
        if (A->ncapture < 4)
            A->capture[A->ncapture++] = w;
    } else if (A->sec != 0) {
        asm_error(A, "instruction outside .text");
        return;
    } else if (A->loc[0] + 4 > TEXT_LIMIT) {
        asm_error(A, "text segment full");
        return;
    } else if (A->pass == 2) {
        store_n(A->loc[0], w, 4);
    }
    A->loc[0] += 4;
}

/* Emits a branch to target from the current location. */
static void emit_branch(Asm *A, int id, unsigned rs, unsigned rt,
                        long long target)
{
    long long diff = 0;

    if (!A->unresolved) {
        diff = target - ((long long)A->loc[0] + 4);
        if (diff % 4 != 0 || diff / 4 < -32768 || diff / 4 > 32767) {
            asm_error(A, "bad branch target");
            return;
        }
    }
    emit(A, enc(id, rs, rt, 0, 0, (uint32_t)(diff / 4)));
}

/* Loads a value in one or two instructions; one that depends on a label
 * always takes two, so that both passes agree on the size. */
static void emit_li(Asm *A, unsigned rd, long long v)
{
    uint32_t u = (uint32_t)v;

    if (v < -2147483648LL || v > 0xFFFFFFFFLL)
        asm_error(A, "value does not fit in 32 bits");
    else if (!A->uses_sym && v >= -32768 && v <= 32767)
        emit(A, enc(I_ADDIU, 0, rd, 0, 0, u));
    else if (!A->uses_sym && v >= 0 && v <= 65535)
        emit(A, enc(I_ORI, 0, rd, 0, 0, u));
    else {
        emit(A, enc(I_LUI, 0, rd, 0, 0, u >> 16));
        if (A->uses_sym || (u & 0xFFFFu) != 0)
            emit(A, enc(I_ORI, rd, rd, 0, 0, u));
    }
}

/* A register, or a constant that is loaded into $at. */
static int parse_reg_or_value(Asm *A, unsigned *r)
{
    long long v;

    if (peek(A) == '$')
        return parse_reg(A, r);
    if (!parse_value(A, &v))
        return 0;
    emit_li(A, 1, v);
    *r = 1;
    return 1;
}

/* The memory operand: (rs), expr(rs), or a plain address, which is
 * reached through $at (the low half is signed, so the high half is
 * rounded). */
static int parse_mem(Asm *A, unsigned *rs, uint32_t *imm)
{
    long long v = 0;
    const char *q;
    uint32_t u;

    peek(A);
    q = A->p;
    if (*q == '(')
        for (q++; *q == ' ' || *q == '\t'; q++)
            ;
    if (*q != '$') {
        if (!parse_value(A, &v))
            return 0;
        if (peek(A) != '(') {
            if (!A->unresolved && (v < 0 || v > 0xFFFFFFFFLL)) {
                asm_error(A, "bad address");
                return 0;
            }
            u = (uint32_t)v;
            emit(A, enc(I_LUI, 0, 1, 0, 0, (u + 0x8000u) >> 16));
            *rs = 1;
            *imm = u & 0xFFFFu;
            return 1;
        }
    }
    return expect(A, '(') && parse_reg(A, rs) && expect(A, ')')
        && imm16(A, v, 1, imm);
}

enum {
    P_NOP, P_MOVE, P_LI, P_LA, P_NEG, P_B, P_BEQZ, P_BNEZ, P_REM, P_REMU,
    P_BLT, P_BGE, P_BGT, P_BLE, P_BLTU, P_BGEU, P_BGTU, P_BLEU, P_COUNT
};

static const char *const pseudo_names[P_COUNT] = {
    "nop", "move", "li", "la", "neg", "b", "beqz", "bnez", "rem", "remu",
    "blt", "bge", "bgt", "ble", "bltu", "bgeu", "bgtu", "bleu"
};

static int asm_pseudo(Asm *A, const char *mn)
{
    int k, rel;
    unsigned x, y, z;
    long long v;

    for (k = 0; k < P_COUNT && strcmp(mn, pseudo_names[k]) != 0; k++)
        ;
    switch (k) {
    case P_COUNT:
        return 0;
    case P_NOP:
        emit(A, enc(I_SLL, 0, 0, 0, 0, 0));
        break;
    case P_MOVE:
    case P_NEG:
        if (parse_reg(A, &x) && expect(A, ',') && parse_reg(A, &y))
            emit(A, k == P_MOVE ? enc(I_ADDU, y, 0, x, 0, 0)
                                : enc(I_SUBU, 0, y, x, 0, 0));
        break;
    case P_LI:
    case P_LA:
        if (parse_reg(A, &x) && expect(A, ',') && parse_value(A, &v)) {
            if (k == P_LA)
                A->uses_sym = 1;
            emit_li(A, x, v);
        }
        break;
    case P_B:
        if (parse_value(A, &v))
            emit_branch(A, I_BEQ, 0, 0, v);
        break;
    case P_BEQZ:
    case P_BNEZ:
        if (parse_reg(A, &x) && expect(A, ',') && parse_value(A, &v))
            emit_branch(A, k == P_BEQZ ? I_BEQ : I_BNE, x, 0, v);
        break;
    case P_REM:
    case P_REMU:
        if (parse_reg(A, &x) && expect(A, ',') && parse_reg(A, &y)
            && expect(A, ',') && parse_reg(A, &z)) {
            emit(A, enc(k == P_REM ? I_DIV : I_DIVU, y, z, 0, 0, 0));
            emit(A, enc(I_MFHI, 0, 0, x, 0, 0));
        }
        break;
    default:
        /* blt and friends: slt(u) into $at and a branch on it; the
         * second operand may be a constant */
        rel = (k - P_BLT) % 4;          /* lt ge gt le */
        if (!parse_reg(A, &x) || !expect(A, ',')
            || !parse_reg_or_value(A, &y) || !expect(A, ',')
            || !parse_value(A, &v))
            break;
        if (rel >= 2) {
            z = x;
            x = y;
            y = z;
        }
        emit(A, enc(k >= P_BLTU ? I_SLTU : I_SLT, x, y, 1, 0, 0));
        emit_branch(A, rel % 2 == 0 ? I_BNE : I_BEQ, 1, 0, v);
        break;
    }
    return 1;
}

static void asm_insn(Asm *A, const char *mn)
{
    int id, fmt;
    unsigned r[3] = {0, 0, 0}, *reg;    /* rs, rt, rd */
    long long v = 0;
    uint32_t imm = 0;
    const char *p;

    for (id = 0; id < I_COUNT && strcmp(ops[id].name, mn) != 0; id++)
        ;
    if (id == I_COUNT) {
        if (!asm_pseudo(A, mn))
            asm_error(A, "unknown instruction '%s'", mn);
        return;
    }
    fmt = ops[id].fmt;
    if (id == I_JALR) {         /* "jalr rs" links in $ra */
        r[2] = 31;
        if (!parse_reg(A, &r[0]))
            return;
        if (peek(A) == ',') {
            A->p++;
            r[2] = r[0];
            if (!parse_reg(A, &r[0]))
                return;
        }
        emit(A, enc(id, r[0], 0, r[2], 0, 0));
        return;
    }
    for (p = fmt_pat[fmt]; *p; p++) {
        reg = &r[*p == 's' ? 0 : *p == 't' ? 1 : 2];
        switch (*p) {
        case ',':
            if (!expect(A, ','))
                return;
            break;
        case 't':
            if (fmt == F_BR2) {     /* beq/bne may compare with a constant */
                if (!parse_reg_or_value(A, reg))
                    return;
                break;
            }
            /* fall through */
        case 'd':
        case 's':
            if (!parse_reg(A, reg))
                return;
            break;
        case 'h':
            if (!parse_value(A, &v))
                return;
            if (v < 0 || v > 31) {
                asm_error(A, "bad shift amount");
                return;
            }
            imm = (uint32_t)v;
            break;
        case 'i':
        case 'u':
            if (!parse_value(A, &v) || !imm16(A, v, *p == 'i', &imm))
                return;
            break;
        case 'm':
            if (!parse_mem(A, &r[0], &imm))
                return;
            break;
        default:
            if (!parse_value(A, &v))
                return;
            break;
        }
    }
    if ((id == I_DIV || id == I_DIVU) && peek(A) == ',') {
        /* div rd, rs, rt: the quotient goes to rd */
        A->p++;
        r[2] = r[0];
        r[0] = r[1];
        if (!parse_reg(A, &r[1]))
            return;
        emit(A, enc(id, r[0], r[1], 0, 0, 0));
        emit(A, enc(I_MFLO, 0, 0, r[2], 0, 0));
    } else if (fmt == F_BR2 || fmt == F_BR1) {
        emit_branch(A, id, r[0], r[1], v);
    } else if (fmt == F_J) {
        if (!A->unresolved && (v < 0 || v >= 0x10000000LL || v % 4 != 0))
            asm_error(A, "bad jump target");
        else
            emit(A, enc(id, 0, 0, 0, 0, (uint32_t)v));
    } else {
        emit(A, enc(id, r[0], r[1], r[2], imm & 31, imm));
    }
}

static void emit_data(Asm *A, uint32_t v, unsigned size)
{
    if (A->loc[1] + size > DATA_LIMIT) {
        asm_error(A, "data segment full");
        return;
    }
    if (A->pass == 2)
        store_n(A->loc[1], v, size);
    A->loc[1] += size;
}

static void define_symbol(Asm *A, const char *name, long long value,
                          int is_const)
{
    Sym *s = find_sym(name);

    if (A->pass == 2) {
        if (s == NULL || s->value != value)
            asm_error(A, "'%s' changed value between passes", name);
    } else if (s) {
        asm_error(A, "'%s' is already defined", name);
    } else if (nsyms == MAX_SYMS) {
        asm_error(A, "too many symbols");
    } else {
        s = &syms[nsyms++];
        strcpy(s->name, name);
        s->value = value;
        s->is_const = is_const;
        s->line = A->line;
    }
}

static void asm_directive(Asm *A, const char *d)
{
    char name[NAME_LEN];
    long long v;
    unsigned size = 0;
    int c;

    if (strcmp(d, ".text") == 0 || strcmp(d, ".data") == 0) {
        A->sec = d[1] == 'd';
        return;
    }
    if (strcmp(d, ".eqv") == 0) {
        if (!parse_ident(A, name))
            asm_error(A, "expected a name");
        else if (expect(A, ',') && parse_value(A, &v)) {
            if (A->uses_sym)
                asm_error(A, ".eqv needs a constant");
            else
                define_symbol(A, name, v, 1);
        }
        return;
    }
    if (A->sec != 1) {
        asm_error(A, "data directive '%s' outside .data", d);
        return;
    }
    if (strcmp(d, ".ascii") == 0 || strcmp(d, ".asciiz") == 0) {
        if (!expect(A, '"'))
            return;
        while (*A->p != '"') {
            c = (unsigned char)*A->p++;
            if (c == '\0') {
                asm_error(A, "unterminated string");
                return;
            }
            if (c == '\\' && !parse_escape(A, &c))
                return;
            emit_data(A, (uint32_t)c, 1);
        }
        A->p++;
        if (d[6] == 'z')
            emit_data(A, 0, 1);
        return;
    }
    if (strcmp(d, ".space") == 0 || strcmp(d, ".align") == 0) {
        if (!parse_value(A, &v))
            return;
        if (A->unresolved || v < 0 || v > (d[1] == 's' ? DATA_LIMIT : 8)) {
            asm_error(A, "bad %s", d);
            return;
        }
        if (d[1] == 'a')
            v = (long long)((0u - A->loc[1]) % (1u << v));
        while (v-- > 0)
            emit_data(A, 0, 1);
        return;
    }
    if (strcmp(d, ".word") == 0)
        size = 4;
    else if (strcmp(d, ".byte") == 0)
        size = 1;
    else {
        asm_error(A, "unknown directive '%s'", d);
        return;
    }
    if (A->loc[1] % size != 0) {
        asm_error(A, "misaligned %s (use .align)", d);
        return;
    }
    do {
        if (!parse_value(A, &v))
            return;
        if (v < (size == 1 ? -128 : -2147483648LL)
            || v > (size == 1 ? 255 : 0xFFFFFFFFLL)) {
            asm_error(A, "value %lld does not fit in %s", v, d);
            return;
        }
        emit_data(A, (uint32_t)v, size);
    } while (peek(A) == ',' && A->p++);
}

static void process_line(Asm *A, const char *s)
{
    char name[NAME_LEN];
    const char *save;
    int errors = A->errors;

    A->p = s;
    for (;;) {
        peek(A);
        save = A->p;
        if (!parse_ident(A, name))
            break;
        if (peek(A) != ':') {
            A->p = save;
            break;
        }
        A->p++;
        define_symbol(A, name, A->loc[A->sec], 0);
    }
    if (at_end(A) || A->errors != errors)
        return;
    if (!parse_ident(A, name))
        asm_error(A, "expected a label, directive or instruction");
    else if (name[0] == '.')
        asm_directive(A, name);
    else
        asm_insn(A, name);
    if (A->errors == errors && !at_end(A))
        asm_error(A, "unexpected text after the operands");
}

/* Assembles lines (NUL-separated, nlines of them) into mem. */
static int assemble(const char *file, const char *src, int nlines,
                    uint32_t *text_end, uint32_t *data_end)
{
    Asm A;
    const char *line;
    int i;

    nsyms = 0;
    memset(&A, 0, sizeof A);
    A.file = file;
    for (A.pass = 1; A.pass <= 2 && A.errors == 0; A.pass++) {
        A.sec = 0;
        A.loc[0] = TEXT_BASE;
        A.loc[1] = DATA_BASE;
        line = src;
        for (i = 0; i < nlines; i++) {
            A.line = i + 1;
            process_line(&A, line);
            line += strlen(line) + 1;
        }
    }
    *text_end = A.loc[0];
    *data_end = A.loc[1];
    return A.errors;
}

/* Assembles one line at pc; returns the number of words, or -1. */
static int assemble_line(const char *text, uint32_t pc, uint32_t *out)
{
    Asm A;

    memset(&A, 0, sizeof A);
    A.file = "<check>";
    A.line = 1;
    A.pass = 2;
    A.loc[0] = pc;
    A.capture = out;
    process_line(&A, text);
    return A.errors ? -1 : A.ncapture;
}

/* ------------------------------------------------------------------ */
/* Pipeline timing model                                               */
/* ------------------------------------------------------------------ */

#define BP_BITS   8
#define BP_SIZE   (1u << BP_BITS)
#define BTB_SIZE  64
#define RAS_SIZE  8
#define LAT_MUL   4
#define LAT_DIV   18

enum { ST_LOAD, ST_MDU, ST_MISPREDICT, ST_FETCH, ST_SYSCALL, ST_COUNT };
enum { BP_STATIC, BP_BIMODAL, BP_GSHARE, BP_COUNT };

static const char *const stall_names[ST_COUNT] = {
    "load-use", "muldiv", "mispredict", "taken-bubble", "syscall"
};
static const char *const bp_names[BP_COUNT] = {
    "static", "bimodal", "gshare"
};

typedef struct {
    int kind;
    unsigned char ctr[BP_SIZE];
    unsigned hist;
    uint32_t btb_pc[BTB_SIZE], btb_target[BTB_SIZE];
    unsigned char btb_valid[BTB_SIZE];
    uint32_t ras[RAS_SIZE];
    unsigned ras_top, ras_count;
    /* cycle numbers at which instructions are in EX */
    unsigned long long ex, redirect, mdu_ready;
    int redirect_cause;
    unsigned long long ready[32];
    unsigned char ready_cause[32];
    unsigned long long stall[ST_COUNT];
    unsigned long long instrs, cond, cond_hit, ind, ind_hit;
} Pipe;

static void pipe_init(Pipe *p, int kind)
{
    memset(p, 0, sizeof *p);
    p->kind = kind;
    memset(p->ctr, 1, sizeof p->ctr);
    p->ex = 2;      /* the first instruction is in EX in cycle 3 */
}

static unsigned bp_index(const Pipe *p, uint32_t pc)
{
    unsigned i = pc >> 2;

    if (p->kind == BP_GSHARE)
        i ^= p->hist;
    return i & (BP_SIZE - 1);
}

static int bp_predict(const Pipe *p, uint32_t pc, uint32_t target)
{
    if (p->kind == BP_STATIC)
        return target <= pc;
    return p->ctr[bp_index(p, pc)] >= 2;
}

static void bp_update(Pipe *p, uint32_t pc, int taken)
{
    unsigned char *c = &p->ctr[bp_index(p, pc)];

    if (taken && *c < 3)
        (*c)++;
    else if (!taken && *c > 0)
        (*c)--;
    p->hist = ((p->hist << 1) | (unsigned)taken) & (BP_SIZE - 1);
}

static int btb_lookup(const Pipe *p, uint32_t pc, uint32_t *target)
{
    unsigned i = (pc >> 2) % BTB_SIZE;

    if (!p->btb_valid[i] || p->btb_pc[i] != pc)
        return 0;
    *target = p->btb_target[i];
    return 1;
}

static void btb_insert(Pipe *p, uint32_t pc, uint32_t target)
{
    unsigned i = (pc >> 2) % BTB_SIZE;

    p->btb_valid[i] = 1;
    p->btb_pc[i] = pc;
    p->btb_target[i] = target;
}

static void ras_push(Pipe *p, uint32_t v)
{
    p->ras[p->ras_top] = v;
    p->ras_top = (p->ras_top + 1) % RAS_SIZE;
    if (p->ras_count < RAS_SIZE)
        p->ras_count++;
}

static int ras_pop(Pipe *p, uint32_t *v)
{
    if (p->ras_count == 0)
        return 0;
    p->ras_top = (p->ras_top + RAS_SIZE - 1) % RAS_SIZE;
    p->ras_count--;
    *v = p->ras[p->ras_top];
    return 1;
}

static void pipe_redirect(Pipe *p, unsigned long long at, int cause)
{
    p->redirect = at;
    p->redirect_cause = cause;
}

/* Moves the EX cycle *t of an instruction to need, if later. */
static void wait_until(unsigned long long need, int why,
                       unsigned long long *t, int *cause)
{
    if (need > *t) {
        *t = need;
        *cause = why;
    }
}

/* Accounts one instruction at pc that went on to next. */
static void pipe_retire(Pipe *p, const Dec *d, uint32_t pc, uint32_t next)
{
    unsigned long long base = p->ex + 1, t = base, need;
    int cause = -1, cls = ops[d->id].cls, taken = next != pc + 4, have;
    int is_ret = d->id == I_JR && d->rs == 31;
    uint32_t guess = 0;

    wait_until(p->redirect, p->redirect_cause, &t, &cause);
    wait_until(p->ready[d->src1], p->ready_cause[d->src1], &t, &cause);
    /* store data is needed one stage later than other operands */
    need = p->ready[d->src2];
    if (cls == C_STORE && need > 0)
        need--;
    wait_until(need, p->ready_cause[d->src2], &t, &cause);
    if (cls == C_MDU)
        wait_until(p->mdu_ready, ST_MDU, &t, &cause);
    if (cls == C_SYS) {     /* drains the pipeline */
        wait_until(p->ex + 3, ST_SYSCALL, &t, &cause);
        wait_until(p->mdu_ready, ST_SYSCALL, &t, &cause);
    }
    if (cause >= 0)
        p->stall[cause] += t - base;
    p->ex = t;
    p->instrs++;

    if (d->id == I_MULT || d->id == I_MULTU || d->id == I_MUL)
        p->mdu_ready = t + LAT_MUL;
    else if (d->id == I_DIV || d->id == I_DIVU)
        p->mdu_ready = t + LAT_DIV;
    p->ready[d->dst] = t + (cls == C_LOAD ? 2 : d->id == I_MUL ? LAT_MUL : 1);
    p->ready_cause[d->dst] = cls == C_LOAD ? ST_LOAD : ST_MDU;
    p->ready[0] = 0;

    /* Branches resolve in EX (2 lost cycles when mispredicted); a taken
     * direct branch or jump missing in the BTB is redirected from ID. */
    if (cls == C_BRANCH) {
        p->cond++;
        if (bp_predict(p, pc, d->imm) != taken)
            pipe_redirect(p, t + 3, ST_MISPREDICT);
        else if (p->cond_hit++, taken && !btb_lookup(p, pc, &guess))
            pipe_redirect(p, t + 2, ST_FETCH);
        bp_update(p, pc, taken);
    } else if (d->id == I_J || d->id == I_JAL) {
        if (!btb_lookup(p, pc, &guess))
            pipe_redirect(p, t + 2, ST_FETCH);
    } else if (cls == C_JUMP) {
        have = is_ret ? ras_pop(p, &guess) : btb_lookup(p, pc, &guess);
        p->ind++;
        if (have && guess == next)
            p->ind_hit++;
        else
            pipe_redirect(p, t + 3, ST_MISPREDICT);
    }
    if (taken && !is_ret)
        btb_insert(p, pc, next);
    if (d->id == I_JAL || d->id == I_JALR)
        ras_push(p, pc + 4);
}

static unsigned long long pipe_cycles(const Pipe *p)
{
    return p->instrs ? p->ex + 2 : 0;
}

/* ------------------------------------------------------------------ */
/* Simulator                                                           */
/* ------------------------------------------------------------------ */

typedef struct {
    uint32_t r[32], hi, lo, pc;
    uint32_t text_end;
    unsigned long long steps;
    int halted, faulted, exit_code;
    long out_count;
    int last_char;
    char msg[160];
} Cpu;

static Dec code[NTEXT];

static void fault(Cpu *c, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(c->msg, sizeof c->msg, fmt, ap);
    va_end(ap);
    c->halted = 1;
    c->faulted = 1;
}

static int mem_ok(Cpu *c, uint32_t addr, unsigned size, int store)
{
    if (addr < TEXT_BASE || addr > MEM_SIZE - size)
        fault(c, "address 0x%08lx out of range", (unsigned long)addr);
    else if (addr % size != 0)
        fault(c, "misaligned address 0x%08lx", (unsigned long)addr);
    else if (store && addr < TEXT_LIMIT)
        fault(c, "store to the text segment at 0x%08lx",
              (unsigned long)addr);
    else
        return 1;
    return 0;
}

static uint32_t load(Cpu *c, uint32_t addr, unsigned size, int is_signed)
{
    uint32_t v;

    if (!mem_ok(c, addr, size, 0))
        return 0;
    v = load_n(addr, size);
    return is_signed ? sext(v, 8 * size) : v;
}

static void out_str(Cpu *c, const char *s)
{
    for (; *s && !c->halted; s++) {
        if (c->out_count++ >= MAX_OUTPUT) {
            fault(c, "too much output");
            return;
        }
        putchar(*s);
        c->last_char = (unsigned char)*s;
    }
}

static void do_syscall(Cpu *c)
{
    uint32_t a0 = c->r[4], a;
    char buf[32];

    buf[0] = '\0';
    switch (c->r[2]) {
    case 1:
        snprintf(buf, sizeof buf, "%ld", (long)s32(a0));
        break;
    case 4:
        for (a = a0; !c->halted && mem_ok(c, a, 1, 0) && mem[a]; a++) {
            buf[0] = (char)mem[a];
            buf[1] = '\0';
            out_str(c, buf);
        }
        buf[0] = '\0';
        break;
    case 10:
    case 17:
        c->halted = 1;
        c->exit_code = c->r[2] == 10 ? 0 : s32(a0);
        break;
    case 11:
        buf[0] = (char)(a0 & 0xFFu);
        buf[1] = '\0';
        if (buf[0] == '\0')
            fault(c, "cannot print a NUL character");
        break;
    case 34:
        snprintf(buf, sizeof buf, "0x%08lx", (unsigned long)a0);
        break;
    case 36:
        snprintf(buf, sizeof buf, "%lu", (unsigned long)a0);
        break;
    default:
        fault(c, "unknown syscall %lu", (unsigned long)c->r[2]);
        break;
    }
    out_str(c, buf);
}

/* Executes one instruction and returns the address of the next. */
static uint32_t execute(Cpu *c, const Dec *d, uint32_t pc)
{
    uint32_t a = c->r[d->rs], b = c->r[d->rt], v = 0, next = pc + 4;
    uint32_t addr = a + d->imm, ovf = 0;
    uint64_t prod;

    switch (d->id) {
    case I_ADD:
    case I_ADDU:
        v = a + b;
        ovf = (a ^ v) & (b ^ v);
        break;
    case I_SUB:
    case I_SUBU:
        v = a - b;
        ovf = (a ^ b) & (a ^ v);
        break;
    case I_AND: v = a & b; break;
    case I_OR: v = a | b; break;
    case I_XOR: v = a ^ b; break;
    case I_NOR: v = ~(a | b); break;
    case I_SLT: v = (a ^ 0x80000000u) < (b ^ 0x80000000u); break;
    case I_SLTU: v = a < b; break;
    case I_SLL: v = b << d->sh; break;
    case I_SRL: v = b >> d->sh; break;
    case I_SRA: v = sext(b >> d->sh, 32 - d->sh); break;
    case I_SLLV: v = b << (a & 31); break;
    case I_SRLV: v = b >> (a & 31); break;
    case I_SRAV: v = sext(b >> (a & 31), 32 - (a & 31)); break;
    case I_MULT:
    case I_MULTU:
        if (d->id == I_MULT)
            prod = (uint64_t)((int64_t)s32(a) * s32(b));
        else
            prod = (uint64_t)a * b;
        c->hi = (uint32_t)(prod >> 32);
        c->lo = (uint32_t)prod;
        break;
    case I_MUL: v = a * b; break;
    case I_DIV:
    case I_DIVU:
        if (b == 0) {
            fault(c, "division by zero");
        } else if (d->id == I_DIVU) {
            c->lo = a / b;
            c->hi = a % b;
        } else if (a == 0x80000000u && b == 0xFFFFFFFFu) {
            c->lo = a;
            c->hi = 0;
        } else {
            c->lo = (uint32_t)(s32(a) / s32(b));
            c->hi = (uint32_t)(s32(a) % s32(b));
        }
        break;
    case I_MFHI: v = c->hi; break;
    case I_MFLO: v = c->lo; break;
    case I_JR: next = a; break;
    case I_JALR:
        next = a;
        v = pc + 4;
        break;
    case I_SYSCALL: do_syscall(c); break;
    case I_J: next = d->imm; break;
    case I_JAL:
        next = d->imm;
        v = pc + 4;
        break;
    case I_BEQ: if (a == b) next = d->imm; break;
    case I_BNE: if (a != b) next = d->imm; break;
    case I_BLEZ: if (s32(a) <= 0) next = d->imm; break;
    case I_BGTZ: if (s32(a) > 0) next = d->imm; break;
    case I_BLTZ: if (s32(a) < 0) next = d->imm; break;
    case I_BGEZ: if (s32(a) >= 0) next = d->imm; break;
    case I_ADDI:
    case I_ADDIU:
        v = a + d->imm;
        ovf = (a ^ v) & (d->imm ^ v);
        break;
    case I_SLTI: v = s32(a) < s32(d->imm); break;
    case I_SLTIU: v = a < d->imm; break;
    case I_ANDI: v = a & d->imm; break;
    case I_ORI: v = a | d->imm; break;
    case I_XORI: v = a ^ d->imm; break;
    case I_LUI: v = d->imm << 16; break;
    case I_LB: v = load(c, addr, 1, 1); break;
    case I_LBU: v = load(c, addr, 1, 0); break;
    case I_LH: v = load(c, addr, 2, 1); break;
    case I_LHU: v = load(c, addr, 2, 0); break;
    case I_LW: v = load(c, addr, 4, 0); break;
    case I_SB:
    case I_SH:
    case I_SW:
        if (mem_ok(c, addr, 4 >> (I_SW - d->id), 1))
            store_n(addr, b, 4 >> (I_SW - d->id));
        break;
    }
    /* add, addi and sub trap when the signed result overflows */
    if ((ovf >> 31) && (d->id == I_ADD || d->id == I_ADDI || d->id == I_SUB))
        fault(c, "integer overflow");
    if (d->dst && !c->faulted)
        c->r[d->dst] = v;
    return next;
}

static void run(Cpu *c, Pipe *pipes, unsigned long long *mix)
{
    uint32_t pc, next;
    const Dec *d;
    int i;

    while (!c->halted) {
        pc = c->pc;
        if (pc == 0) {          /* main returned */
            c->halted = 1;
            c->exit_code = s32(c->r[2]);
        } else if (pc < TEXT_BASE || pc >= c->text_end || pc % 4 != 0) {
            fault(c, "jump to 0x%08lx outside the program", (unsigned long)pc);
        } else if (c->steps == MAX_STEPS) {
            fault(c, "step limit reached");
        } else {
            d = &code[(pc - TEXT_BASE) / 4];
            next = execute(c, d, pc);
            if (c->faulted)
                break;
            c->steps++;
            mix[ops[d->id].cls]++;
            for (i = 0; i < BP_COUNT; i++)
                pipe_retire(&pipes[i], d, pc, next);
            c->pc = next;
        }
    }
}

/* ------------------------------------------------------------------ */
/* Driver                                                              */
/* ------------------------------------------------------------------ */

static char source[MAX_SOURCE + 1];

static unsigned rng_state = 2463534242u;

static unsigned rng_next(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

/* Disassembles w and assembles the text again; 1 if the word comes back. */
static int round_trip(uint32_t w, uint32_t pc)
{
    char text[96];
    uint32_t out[4];

    disasm(w, pc, text, sizeof text);
    if (assemble_line(text, pc, out) != 1 || out[0] != w) {
        printf("round trip failed at 0x%08lx: 0x%08lx \"%s\"\n",
               (unsigned long)pc, (unsigned long)w, text);
        return 0;
    }
    return 1;
}

/* Random valid words of every kind must decode to their own kind and
 * survive disassembly and reassembly. */
static int self_test(int count)
{
    int i, id, ok = 0;
    uint32_t w, pc = 0x20000;
    Dec d;

    for (i = 0; i < count; i++) {
        id = (int)(rng_next() % I_COUNT);
        w = rng_next() & ~fmt_zero[ops[id].fmt];
        if (ops[id].op == 0)
            w = (w & ~0xFC00003Fu) | ops[id].fn;
        else
            w = (w & 0x03FFFFFFu) | ((uint32_t)ops[id].op << 26);
        if (decode(w, pc, &d) && d.id == id)
            ok += round_trip(w, pc);
    }
    printf("self-test: %d of %d random instructions round-trip\n", ok, count);
    return ok == count;
}

/* Reads a file into source as NUL-terminated lines. */
static int read_source(const char *path, int *nlines)
{
    FILE *f = fopen(path, "r");
    size_t n, i;

    if (f == NULL) {
        printf("cannot open %s\n", path);
        return 0;
    }
    n = fread(source, 1, MAX_SOURCE + 1, f);
    fclose(f);
    if (n > MAX_SOURCE) {
        printf("%s: file too large\n", path);
        return 0;
    }
    source[n] = '\0';
    *nlines = n > 0 && source[n - 1] != '\n';
    for (i = 0; i < n; i++)
        if (source[i] == '\n') {
            source[i] = '\0';
            ++*nlines;
        }
    return 1;
}

static void print_ratio(unsigned long long num, unsigned long long den,
                        unsigned long long scale, const char *suffix)
{
    unsigned long long v = den ? num * scale / den : 0;

    printf("%llu.%0*llu%s", v / scale, scale == 10 ? 1 : 3, v % scale,
           suffix);
}

static int run_file(const char *path, long n)
{
    static Cpu cpu;
    static Pipe pipes[BP_COUNT];
    unsigned long long mix[C_COUNT] = {0}, stalls;
    const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    uint32_t text_end, data_end, pc, h = 2166136261u;
    char text[96];
    Sym *entry;
    int nlines, i, k, bad = 0;

    printf("== %s ==\n", name);
    memset(mem, 0, sizeof mem);
    if (!read_source(path, &nlines))
        return 1;
    if (assemble(name, source, nlines, &text_end, &data_end)) {
        printf("assembly failed\n");
        return 1;
    }
    for (pc = TEXT_BASE; pc < text_end; pc += 4)
        if (!decode(load_n(pc, 4), pc, &code[(pc - TEXT_BASE) / 4])
            || !round_trip(load_n(pc, 4), pc))
            bad++;
    for (pc = TEXT_BASE; pc < data_end; pc++)
        if (pc < text_end || pc >= DATA_BASE)
            h = (h ^ mem[pc]) * 16777619u;
    printf("assembled: %lu instructions, %lu data bytes, %d symbols, "
           "image hash %08lx, round trip %s\n",
           (unsigned long)((text_end - TEXT_BASE) / 4),
           (unsigned long)(data_end - DATA_BASE), nsyms, (unsigned long)h,
           bad ? "FAILED" : "ok");
    if (bad)
        return 1;

    memset(&cpu, 0, sizeof cpu);
    cpu.text_end = text_end;
    entry = find_sym("main");
    cpu.pc = entry && !entry->is_const ? (uint32_t)entry->value : TEXT_BASE;
    cpu.r[4] = (uint32_t)n;
    cpu.r[28] = DATA_BASE;
    cpu.r[29] = STACK_TOP;
    cpu.last_char = '\n';
    for (i = 0; i < BP_COUNT; i++)
        pipe_init(&pipes[i], i);
    run(&cpu, pipes, mix);
    if (cpu.last_char != '\n')
        putchar('\n');

    if (cpu.faulted) {
        strcpy(text, "outside the text");
        if (cpu.pc >= TEXT_BASE && cpu.pc < text_end && cpu.pc % 4 == 0)
            disasm(load_n(cpu.pc, 4), cpu.pc, text, sizeof text);
        printf("fault at 0x%08lx (%s): %s\n", (unsigned long)cpu.pc, text,
               cpu.msg);
    } else {
        printf("exit code %d\n", cpu.exit_code);
    }
    printf("instructions: %llu (", cpu.steps);
    for (i = 0; i < C_COUNT; i++)
        printf("%s%s %llu", i ? ", " : "", cls_names[i], mix[i]);
    printf(")\n");
    for (i = 0; i < BP_COUNT; i++) {
        const Pipe *p = &pipes[i];
        printf("%-7s cycles %llu, cpi ", bp_names[i], pipe_cycles(p));
        print_ratio(pipe_cycles(p), p->instrs, 1000, ", branch hits ");
        printf("%llu/%llu (", p->cond_hit, p->cond);
        print_ratio(p->cond_hit * 100, p->cond, 10, "%), jr hits ");
        printf("%llu/%llu\n        stalls:", p->ind_hit, p->ind);
        for (k = 0, stalls = 0; k < ST_COUNT; k++) {
            printf(" %s %llu", stall_names[k], p->stall[k]);
            stalls += p->stall[k];
        }
        printf("\n");
        if (p->instrs != cpu.steps
            || (p->instrs && pipe_cycles(p) != p->instrs + 4 + stalls)) {
            printf("timing model accounting FAILED\n");
            bad = 1;
        }
    }
    return bad || cpu.faulted || cpu.exit_code != 0;
}

int main(int argc, char **argv)
{
    long n;
    char *end;
    int i, failed = 0;

    if (argc < 3) {
        printf("usage: mipsim N PROGRAM.s [PROGRAM.s ...]\n");
        return 2;
    }
    n = strtol(argv[1], &end, 10);
    if (*end != '\0' || n < 0 || n > 1000000) {
        printf("bad N\n");
        return 2;
    }
    init_tables();
    if (!self_test(2000))
        failed = 1;
    for (i = 2; i < argc; i++)
        failed |= run_file(argv[i], n);
    printf("%s\n", failed ? "FAILED" : "all programs ok");
    return failed;
}
