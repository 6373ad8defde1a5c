/*
 * gen.c - code generation for the minicc stack machine, the peephole
 * optimiser and the assembler.
 *
 * Code is first produced as a list of instructions with symbolic labels;
 * the peephole pass rewrites that list, and the assembler lays it out as
 * words (an opcode followed by its operands) with jump targets resolved.
 */
#include <string.h>
#include "minicc.h"

typedef struct {
    int op;
    i32 a, b;
    int line;
} Ins;

int instr_operands(int op)
{
    switch (op) {
    case I_PUSH: case I_LDL: case I_STL: case I_LDG: case I_STG:
    case I_ADDRL: case I_ADDI: case I_INCI: case I_TEEL: case I_TEEG:
    case I_JMP: case I_JZ: case I_JNZ: case I_JEQ: case I_JNE: case I_JLT:
    case I_JLE: case I_JGT: case I_JGE: case I_PRINTS: case I_ASSERT:
    case I_LABEL:
        return 1;
    case I_INCL: case I_INCG: case I_CALL: case I_ENTER: case I_ALOC:
        return 2;
    default:
        return 0;
    }
}

static int is_jump(int op)
{
    return op >= I_JMP && op <= I_JGE;
}

static int refers_label(int op)
{
    return is_jump(op) || op == I_CALL;
}

/* ------------------------------------------------------------------ */
/* Instruction list                                                    */
/* ------------------------------------------------------------------ */

typedef struct {
    Ins *ins;
    int n, cap;
    int nlabels;
    int line;                 /* current source line */
    int break_label[64];
    int cont_label[64];
    int nloops;
    Program *prog;
    int optimise;
} Gen;

static void emit2(Gen *g, int op, i32 a, i32 b)
{
    Ins *in;
    if (g->n == g->cap) {
        int ncap = g->cap ? g->cap * 2 : 512;
        Ins *ni = arena_alloc(sizeof(Ins) * (size_t)ncap);
        if (g->n > 0)
            memcpy(ni, g->ins, sizeof(Ins) * (size_t)g->n);
        g->ins = ni;
        g->cap = ncap;
    }
    in = &g->ins[g->n++];
    in->op = op;
    in->a = a;
    in->b = b;
    in->line = g->line;
}

static void emit1(Gen *g, int op, i32 a)
{
    emit2(g, op, a, 0);
}

static void emit(Gen *g, int op)
{
    emit2(g, op, 0, 0);
}

static int new_label(Gen *g)
{
    return g->nlabels++;
}

static void place(Gen *g, int label)
{
    emit1(g, I_LABEL, label);
}

static int arith_instr(int op)
{
    switch (op) {
    case OP_ADD: return I_ADD;
    case OP_SUB: return I_SUB;
    case OP_MUL: return I_MUL;
    case OP_DIV: return I_DIV;
    case OP_MOD: return I_MOD;
    case OP_AND: return I_AND;
    case OP_OR: return I_OR;
    case OP_XOR: return I_XOR;
    case OP_SHL: return I_SHL;
    case OP_SHR: return I_SHR;
    case OP_EQ: return I_EQ;
    case OP_NE: return I_NE;
    case OP_LT: return I_LT;
    case OP_LE: return I_LE;
    case OP_GT: return I_GT;
    case OP_GE: return I_GE;
    case OP_NEG: return I_NEG;
    case OP_NOT: return I_NOT;
    case OP_BNOT: return I_BNOT;
    default: return I_NOP;
    }
}

/* ------------------------------------------------------------------ */
/* Expressions                                                         */
/* ------------------------------------------------------------------ */

static void gen_expr(Gen *g, Node *n, int want);
static void gen_cond(Gen *g, Node *n, int label, int when);

static void set_line(Gen *g, Node *n)
{
    if (n != NULL && n->line > 0)
        g->line = n->line;
}

/* Pushes the address of the first element of array variable n. */
static void gen_array_base(Gen *g, Node *n)
{
    Sym *s = n->sym;
    if (s->is_ref)
        emit1(g, I_LDL, s->addr);
    else if (s->kind == S_GLOBAL)
        emit1(g, I_PUSH, s->addr + 1);
    else
        emit1(g, I_ADDRL, s->addr + 1);
}

/* When optimising, an element of a local or global array with a
   constant, in-bounds index has a fixed location.  Returns 1 for a frame
   slot, 2 for a global address, and sets *where; 0 otherwise. */
static int fixed_element(Gen *g, Node *n, i32 *where)
{
    Sym *s;
    if (!g->optimise || n->kind != N_INDEX || n->b->kind != N_NUM ||
        n->a->kind != N_VAR)
        return 0;
    s = n->a->sym;
    if (s->is_ref || n->b->val < 0 || n->b->val >= s->dim0)
        return 0;
    *where = s->addr + 1 + n->b->val;
    return s->kind == S_GLOBAL ? 2 : 1;
}

/* Pushes the address of array element n (an N_INDEX). */
static void gen_address(Gen *g, Node *n)
{
    gen_array_base(g, n->a);
    gen_expr(g, n->b, 1);
    set_line(g, n);
    emit(g, I_INDEX);
}

static void gen_load_var(Gen *g, Sym *s)
{
    if (s->kind == S_CONST)
        emit1(g, I_PUSH, s->cval);
    else if (s->kind == S_GLOBAL)
        emit1(g, I_LDG, s->addr);
    else
        emit1(g, I_LDL, s->addr);
}

/* A scalar location: a variable or a fixed array element. */
typedef struct {
    int global;
    i32 addr;
} Slot;

static int scalar_slot(Gen *g, Node *lhs, Slot *slot)
{
    int k;
    if (lhs->kind == N_VAR) {
        slot->global = lhs->sym->kind == S_GLOBAL;
        slot->addr = lhs->sym->addr;
        return 1;
    }
    k = fixed_element(g, lhs, &slot->addr);
    if (k == 0)
        return 0;
    slot->global = k == 2;
    return 1;
}

static void gen_assign(Gen *g, Node *n, int want)
{
    Slot slot;
    int op = arith_instr(n->op);
    if (scalar_slot(g, n->a, &slot)) {
        if (n->op != 0)
            emit1(g, slot.global ? I_LDG : I_LDL, slot.addr);
        gen_expr(g, n->b, 1);
        set_line(g, n);
        if (n->op != 0)
            emit(g, op);
        if (want)
            emit(g, I_DUP);
        emit1(g, slot.global ? I_STG : I_STL, slot.addr);
        return;
    }
    gen_address(g, n->a);
    if (n->op != 0) {
        emit(g, I_DUP);
        emit(g, I_LDI);
    }
    gen_expr(g, n->b, 1);
    set_line(g, n);
    if (n->op != 0)
        emit(g, op);
    emit(g, want ? I_STI : I_STIP);
}

static void gen_incdec(Gen *g, Node *n, int want)
{
    Slot slot;
    int post = n->op == 1;
    if (scalar_slot(g, n->a, &slot)) {
        int ld = slot.global ? I_LDG : I_LDL, st = slot.global ? I_STG : I_STL;
        emit1(g, ld, slot.addr);
        if (want && post)
            emit(g, I_DUP);
        emit1(g, I_PUSH, n->val);
        emit(g, I_ADD);
        if (want && !post)
            emit(g, I_DUP);
        emit1(g, st, slot.addr);
        return;
    }
    gen_address(g, n->a);
    emit1(g, I_INCI, n->val);
    if (!want) {
        emit(g, I_POP);
    } else if (post) {
        emit1(g, I_PUSH, n->val);
        emit(g, I_SUB);
    }
}

static void gen_call(Gen *g, Node *n, int want)
{
    Node *arg;
    int nargs = 0, first = 1;
    if (n->fn == NULL) {
        /* A builtin. */
        if (strcmp(n->name, "print") == 0 || strcmp(n->name, "write") == 0) {
            for (arg = n->a; arg != NULL; arg = arg->next) {
                if (!first) {
                    emit1(g, I_PUSH, ' ');
                    emit(g, I_PUTC);
                }
                first = 0;
                if (arg->kind == N_STR) {
                    emit1(g, I_PRINTS, arg->val);
                } else {
                    gen_expr(g, arg, 1);
                    emit(g, I_PRINTI);
                }
            }
            if (n->name[0] == 'p') {
                emit1(g, I_PUSH, '\n');
                emit(g, I_PUTC);
            }
        } else if (strcmp(n->name, "putc") == 0) {
            gen_expr(g, n->a, 1);
            emit(g, I_PUTC);
        } else if (strcmp(n->name, "assert") == 0) {
            gen_expr(g, n->a, 1);
            set_line(g, n);
            emit1(g, I_ASSERT, n->line);
        } else {
            gen_array_base(g, n->a);
            emit(g, I_LEN);
            if (!want)
                emit(g, I_POP);
        }
        return;
    }
    for (arg = n->a; arg != NULL; arg = arg->next) {
        if (arg->ty == TY_ARR)
            gen_array_base(g, arg);
        else
            gen_expr(g, arg, 1);
        nargs++;
    }
    set_line(g, n);
    emit2(g, I_CALL, n->fn->label, nargs);
    if (!n->fn->is_void && !want)
        emit(g, I_POP);
}

static void gen_expr(Gen *g, Node *n, int want)
{
    int l1, l2;
    i32 where;
    set_line(g, n);
    switch (n->kind) {
    case N_NUM:
        if (want)
            emit1(g, I_PUSH, n->val);
        return;
    case N_VAR:
        if (!want)
            return;
        if (n->ty == TY_INT)
            gen_load_var(g, n->sym);
        else
            gen_array_base(g, n);
        return;
    case N_INDEX:
        switch (fixed_element(g, n, &where)) {
        case 1:
            emit1(g, I_LDL, where);
            break;
        case 2:
            emit1(g, I_LDG, where);
            break;
        default:
            gen_address(g, n);
            emit(g, I_LDI);
            break;
        }
        if (!want)
            emit(g, I_POP);
        return;
    case N_CALL:
        gen_call(g, n, want);
        return;
    case N_UNARY:
        gen_expr(g, n->a, 1);
        emit(g, arith_instr(n->op));
        if (!want)
            emit(g, I_POP);
        return;
    case N_BINARY:
        gen_expr(g, n->a, 1);
        gen_expr(g, n->b, 1);
        set_line(g, n);
        emit(g, arith_instr(n->op));
        if (!want)
            emit(g, I_POP);
        return;
    case N_LOGAND:
    case N_LOGOR:
        l1 = new_label(g);
        l2 = new_label(g);
        gen_cond(g, n, l1, 0);
        if (want) {
            emit1(g, I_PUSH, 1);
            emit1(g, I_JMP, l2);
            place(g, l1);
            emit1(g, I_PUSH, 0);
        } else {
            place(g, l1);
        }
        place(g, l2);
        return;
    case N_COND:
        l1 = new_label(g);
        l2 = new_label(g);
        gen_cond(g, n->a, l1, 0);
        gen_expr(g, n->b, want);
        emit1(g, I_JMP, l2);
        place(g, l1);
        gen_expr(g, n->c, want);
        place(g, l2);
        return;
    case N_ASSIGN:
        gen_assign(g, n, want);
        return;
    case N_INCDEC:
        gen_incdec(g, n, want);
        return;
    case N_COMMA:
        gen_expr(g, n->a, 0);
        gen_expr(g, n->b, want);
        return;
    default:
        return;
    }
}

/* Jumps to label when the truth of n equals when; falls through
   otherwise. */
static void gen_cond(Gen *g, Node *n, int label, int when)
{
    int skip;
    switch (n->kind) {
    case N_NUM:
        if ((n->val != 0) == when)
            emit1(g, I_JMP, label);
        return;
    case N_UNARY:
        if (n->op == OP_NOT) {
            gen_cond(g, n->a, label, !when);
            return;
        }
        break;
    case N_LOGAND:
    case N_LOGOR:
        if ((n->kind == N_LOGAND) == (when == 0)) {
            /* a && b jumps when false if either is false; a || b jumps
               when true if either is true. */
            gen_cond(g, n->a, label, when);
            gen_cond(g, n->b, label, when);
        } else {
            skip = new_label(g);
            gen_cond(g, n->a, skip, !when);
            gen_cond(g, n->b, label, when);
            place(g, skip);
        }
        return;
    default:
        break;
    }
    gen_expr(g, n, 1);
    emit1(g, when ? I_JNZ : I_JZ, label);
}

/* ------------------------------------------------------------------ */
/* Statements                                                          */
/* ------------------------------------------------------------------ */

static void gen_stmt(Gen *g, Node *n);

static void gen_local_decl(Gen *g, Node *d)
{
    Sym *s = d->sym;
    int i;
    set_line(g, d);
    if (s == NULL || s->kind == S_CONST)
        return;
    if (s->ty == TY_INT) {
        if (d->a != NULL)
            gen_expr(g, d->a, 1);
        else
            emit1(g, I_PUSH, 0);
        emit1(g, I_STL, s->addr);
        return;
    }
    emit2(g, I_ALOC, s->addr, s->dim0);
    emit1(g, I_PUSH, s->dim0);
    emit1(g, I_STL, s->addr);
    for (i = 0; i < d->nelems; i++) {
        if (d->elems[i] == NULL)
            continue;
        gen_expr(g, d->elems[i], 1);
        emit1(g, I_STL, s->addr + 1 + i);
    }
}

static void gen_loop_body(Gen *g, Node *body, int brk, int cont)
{
    if (g->nloops < 64) {
        g->break_label[g->nloops] = brk;
        g->cont_label[g->nloops] = cont;
    }
    g->nloops++;
    gen_stmt(g, body);
    g->nloops--;
}

static void gen_stmt(Gen *g, Node *n)
{
    Node *s;
    int l1, l2, l3;
    if (n == NULL)
        return;
    set_line(g, n);
    switch (n->kind) {
    case N_BLOCK:
        for (s = n->a; s != NULL; s = s->next)
            gen_stmt(g, s);
        return;
    case N_DECL:
        gen_local_decl(g, n);
        return;
    case N_EXPR:
        gen_expr(g, n->a, 0);
        return;
    case N_IF:
        l1 = new_label(g);
        gen_cond(g, n->a, l1, 0);
        gen_stmt(g, n->b);
        if (n->c != NULL) {
            l2 = new_label(g);
            emit1(g, I_JMP, l2);
            place(g, l1);
            gen_stmt(g, n->c);
            place(g, l2);
        } else {
            place(g, l1);
        }
        return;
    case N_WHILE:
        l1 = new_label(g);
        l2 = new_label(g);
        place(g, l1);
        gen_cond(g, n->a, l2, 0);
        gen_loop_body(g, n->b, l2, l1);
        emit1(g, I_JMP, l1);
        place(g, l2);
        return;
    case N_DO:
        l1 = new_label(g);
        l2 = new_label(g);
        l3 = new_label(g);
        place(g, l1);
        gen_loop_body(g, n->a, l3, l2);
        place(g, l2);
        set_line(g, n->b);
        gen_cond(g, n->b, l1, 1);
        place(g, l3);
        return;
    case N_FOR:
        l1 = new_label(g);
        l2 = new_label(g);
        l3 = new_label(g);
        gen_stmt(g, n->a);
        place(g, l1);
        if (n->b != NULL)
            gen_cond(g, n->b, l3, 0);
        gen_loop_body(g, n->d, l3, l2);
        place(g, l2);
        if (n->c != NULL)
            gen_expr(g, n->c, 0);
        emit1(g, I_JMP, l1);
        place(g, l3);
        return;
    case N_BREAK:
    case N_CONTINUE:
        if (g->nloops > 0 && g->nloops <= 64)
            emit1(g, I_JMP, n->kind == N_BREAK
                                ? g->break_label[g->nloops - 1]
                                : g->cont_label[g->nloops - 1]);
        return;
    case N_RETURN:
        if (n->a != NULL) {
            gen_expr(g, n->a, 1);
            set_line(g, n);
            emit(g, I_RETV);
        } else {
            emit(g, I_RET);
        }
        return;
    default:
        return;
    }
}

/* ------------------------------------------------------------------ */
/* Reachable functions                                                 */
/* ------------------------------------------------------------------ */

static void mark_calls(Node *n, Func **work, int *nwork)
{
    Node *s;
    int i;
    if (n == NULL)
        return;
    switch (n->kind) {
    case N_CALL:
        if (n->fn != NULL && !n->fn->reachable) {
            n->fn->reachable = 1;
            work[(*nwork)++] = n->fn;
        }
        for (s = n->a; s != NULL; s = s->next)
            mark_calls(s, work, nwork);
        return;
    case N_BLOCK:
        for (s = n->a; s != NULL; s = s->next)
            mark_calls(s, work, nwork);
        return;
    case N_DECL:
        if (n->elems != NULL) {
            for (i = 0; i < n->nelems; i++)
                mark_calls(n->elems[i], work, nwork);
        } else {
            mark_calls(n->a, work, nwork);
        }
        return;
    default:
        mark_calls(n->a, work, nwork);
        mark_calls(n->b, work, nwork);
        mark_calls(n->c, work, nwork);
        mark_calls(n->d, work, nwork);
        return;
    }
}

static void find_reachable(Program *prog)
{
    Func **work = arena_alloc(sizeof(Func *) * (size_t)(prog->nfuncs + 1));
    int nwork = 0;
    prog->main_fn->reachable = 1;
    work[nwork++] = prog->main_fn;
    while (nwork > 0) {
        Func *f = work[--nwork];
        mark_calls(f->node->b, work, &nwork);
    }
}

/* ------------------------------------------------------------------ */
/* Peephole optimisation                                               */
/* ------------------------------------------------------------------ */

static int inverse_jump(int cmp)
{
    switch (cmp) {
    case I_EQ: return I_JNE;
    case I_NE: return I_JEQ;
    case I_LT: return I_JGE;
    case I_LE: return I_JGT;
    case I_GT: return I_JLE;
    case I_GE: return I_JLT;
    default: return I_NOP;
    }
}

static int direct_jump(int cmp)
{
    switch (cmp) {
    case I_EQ: return I_JEQ;
    case I_NE: return I_JNE;
    case I_LT: return I_JLT;
    case I_LE: return I_JLE;
    case I_GT: return I_JGT;
    case I_GE: return I_JGE;
    default: return I_NOP;
    }
}

/* Removes NOPs and unreferenced labels; refs counts label references. */
static void compact(Gen *g, int *refs)
{
    int i, k = 0;
    for (i = 0; i < g->n; i++) {
        Ins *in = &g->ins[i];
        if (in->op == I_NOP)
            continue;
        if (in->op == I_LABEL && refs != NULL && refs[in->a] == 0)
            continue;
        g->ins[k++] = *in;
    }
    g->n = k;
}

static void count_refs(Gen *g, int *refs)
{
    int i;
    memset(refs, 0, sizeof(int) * (size_t)g->nlabels);
    for (i = 0; i < g->n; i++)
        if (refers_label(g->ins[i].op))
            refs[g->ins[i].a]++;
}

static int invert_cond_jump(int op)
{
    switch (op) {
    case I_JZ: return I_JNZ;
    case I_JNZ: return I_JZ;
    case I_JEQ: return I_JNE;
    case I_JNE: return I_JEQ;
    case I_JLT: return I_JGE;
    case I_JGE: return I_JLT;
    case I_JLE: return I_JGT;
    case I_JGT: return I_JLE;
    default: return I_NOP;
    }
}

static int ends_flow(int op)
{
    return op == I_JMP || op == I_RET || op == I_RETV || op == I_HALT;
}

/* Index of the first instruction at or after i that is not a label. */
static int skip_labels(Gen *g, int i)
{
    while (i < g->n && g->ins[i].op == I_LABEL)
        i++;
    return i;
}

/* Whether label l is placed among the labels directly after i. */
static int label_follows(Gen *g, int i, int l)
{
    for (i++; i < g->n && g->ins[i].op == I_LABEL; i++)
        if (g->ins[i].a == l)
            return 1;
    return 0;
}

static int peephole_pass(Gen *g, int *refs, int *pos)
{
    int i, changed = 0;
    count_refs(g, refs);
    compact(g, refs);
    for (i = 0; i < g->nlabels; i++)
        pos[i] = -1;
    for (i = 0; i < g->n; i++)
        if (g->ins[i].op == I_LABEL)
            pos[g->ins[i].a] = i;

    for (i = 0; i < g->n; i++) {
        Ins *a = &g->ins[i];
        Ins *b = i + 1 < g->n ? &g->ins[i + 1] : NULL;
        Ins *c = i + 2 < g->n ? &g->ins[i + 2] : NULL;
        int bop = b != NULL ? b->op : I_NOP, cop = c != NULL ? c->op : I_NOP;

        switch (a->op) {
        case I_PUSH:
            if (bop == I_ADD || bop == I_SUB) {
                a->op = I_ADDI;
                if (bop == I_SUB)
                    a->a = wrap32(0u - (u32)a->a);
                b->op = I_NOP;
                changed = 1;
            } else if (bop == I_JZ || bop == I_JNZ) {
                if ((a->a == 0) == (bop == I_JZ)) {
                    a->op = I_JMP;
                    a->a = b->a;
                } else {
                    a->op = I_NOP;
                }
                b->op = I_NOP;
                changed = 1;
            } else if (bop == I_POP) {
                a->op = b->op = I_NOP;
                changed = 1;
            }
            break;
        case I_LDL:
        case I_LDG:
        case I_DUP:
            if (bop == I_POP) {
                a->op = b->op = I_NOP;
                changed = 1;
            } else if (a->op != I_DUP && bop == I_ADDI &&
                       cop == (a->op == I_LDL ? I_STL : I_STG) &&
                       c->a == a->a) {
                a->op = a->op == I_LDL ? I_INCL : I_INCG;
                a->b = b->a;
                b->op = c->op = I_NOP;
                changed = 1;
            } else if (a->op == I_DUP && (bop == I_STL || bop == I_STG)) {
                a->op = bop == I_STL ? I_TEEL : I_TEEG;
                a->a = b->a;
                b->op = I_NOP;
                changed = 1;
            }
            break;
        case I_ADDI:
            if (a->a == 0) {
                a->op = I_NOP;
                changed = 1;
            } else if (bop == I_ADDI) {
                a->a = wrap32((u32)a->a + (u32)b->a);
                b->op = I_NOP;
                changed = 1;
            }
            break;
        case I_INCL:
        case I_INCG:
            if (a->b == 0) {
                a->op = I_NOP;
                changed = 1;
            }
            break;
        case I_STL:
        case I_STG:
            if (bop == (a->op == I_STL ? I_LDL : I_LDG) && b->a == a->a) {
                a->op = a->op == I_STL ? I_TEEL : I_TEEG;
                b->op = I_NOP;
                changed = 1;
            }
            break;
        case I_STI:
            if (bop == I_POP) {
                a->op = I_STIP;
                b->op = I_NOP;
                changed = 1;
            }
            break;
        case I_EQ: case I_NE: case I_LT: case I_LE: case I_GT: case I_GE:
            if (bop == I_JZ || bop == I_JNZ) {
                int l = b->a;
                a->op = bop == I_JZ ? inverse_jump(a->op) : direct_jump(a->op);
                a->a = l;
                b->op = I_NOP;
                changed = 1;
            }
            break;
        case I_NOT:
            if (bop == I_JZ || bop == I_JNZ) {
                a->op = bop == I_JZ ? I_JNZ : I_JZ;
                a->a = b->a;
                b->op = I_NOP;
                changed = 1;
            }
            break;
        default:
            break;
        }
        if (a->op == I_NOP)
            continue;

        if (is_jump(a->op)) {
            int t;
            /* A jump to the next instruction does nothing. */
            if (a->op == I_JMP && label_follows(g, i, a->a)) {
                a->op = I_NOP;
                changed = 1;
                continue;
            }
            /* A conditional jump over an unconditional one. */
            if (a->op != I_JMP && bop == I_JMP &&
                label_follows(g, i + 1, a->a)) {
                a->op = invert_cond_jump(a->op);
                a->a = b->a;
                b->op = I_NOP;
                changed = 1;
                continue;
            }
            /* Jump threading. */
            if (pos[a->a] >= 0) {
                t = skip_labels(g, pos[a->a]);
                if (t < g->n && g->ins[t].op == I_JMP &&
                    g->ins[t].a != a->a && t != i) {
                    a->a = g->ins[t].a;
                    changed = 1;
                } else if (a->op == I_JMP && t < g->n &&
                           (g->ins[t].op == I_RET || g->ins[t].op == I_RETV)) {
                    a->op = g->ins[t].op;
                    a->a = 0;
                    changed = 1;
                }
            }
        }
        if (ends_flow(a->op)) {
            int k;
            /* Code after an unconditional transfer up to the next label
               cannot run. */
            for (k = i + 1; k < g->n && g->ins[k].op != I_LABEL; k++) {
                if (g->ins[k].op != I_NOP) {
                    g->ins[k].op = I_NOP;
                    changed = 1;
                }
            }
        }
    }
    return changed;
}

static void peephole(Gen *g)
{
    int *refs = arena_alloc(sizeof(int) * (size_t)(g->nlabels + 1));
    int *pos = arena_alloc(sizeof(int) * (size_t)(g->nlabels + 1));
    int pass;
    for (pass = 0; pass < 12; pass++)
        if (!peephole_pass(g, refs, pos))
            break;
    count_refs(g, refs);
    compact(g, refs);
}

/* ------------------------------------------------------------------ */
/* Assembly                                                            */
/* ------------------------------------------------------------------ */

static void assemble(Gen *g, Image *img)
{
    int *addr = arena_alloc(sizeof(int) * (size_t)(g->nlabels + 1));
    int i, pc = 0;
    for (i = 0; i < g->n; i++) {
        Ins *in = &g->ins[i];
        if (in->op == I_NOP)
            continue;
        if (in->op == I_LABEL)
            addr[in->a] = pc;
        else
            pc += 1 + instr_operands(in->op);
    }
    img->size = pc;
    img->code = arena_alloc(sizeof(i32) * (size_t)(pc + 1));
    img->lines = arena_alloc(sizeof(int) * (size_t)(pc + 1));
    pc = 0;
    for (i = 0; i < g->n; i++) {
        Ins *in = &g->ins[i];
        int k, nops;
        if (in->op == I_NOP || in->op == I_LABEL)
            continue;
        nops = instr_operands(in->op);
        img->code[pc] = in->op;
        if (nops >= 1)
            img->code[pc + 1] = refers_label(in->op) ? addr[in->a] : in->a;
        if (nops >= 2)
            img->code[pc + 2] = in->b;
        for (k = 0; k <= nops; k++)
            img->lines[pc + k] = in->line;
        pc += 1 + nops;
    }
}

void generate(Program *prog, int optimise, Image *img)
{
    Gen g;
    Func *f;

    memset(&g, 0, sizeof g);
    memset(img, 0, sizeof *img);
    g.prog = prog;
    g.optimise = optimise;
    if (optimise)
        find_reachable(prog);
    for (f = prog->funcs; f != NULL; f = f->next) {
        f->label = new_label(&g);
        if (!optimise)
            f->reachable = 1;
    }

    g.line = prog->main_fn->line;
    emit2(&g, I_CALL, prog->main_fn->label, 0);
    emit(&g, I_HALT);
    for (f = prog->funcs; f != NULL; f = f->next) {
        if (!f->reachable)
            continue;
        g.line = f->line;
        place(&g, f->label);
        emit2(&g, I_ENTER, f->frame, f->nparams);
        gen_stmt(&g, f->node->b);
        g.line = f->node->b->line;
        if (f->is_void) {
            emit(&g, I_RET);
        } else {
            emit1(&g, I_PUSH, 0);
            emit(&g, I_RETV);
        }
    }
    if (optimise)
        peephole(&g);
    assemble(&g, img);
    img->entry = 0;
    img->data = prog->data;
    img->data_size = prog->data_size;
    img->strs = str_table;
    img->str_lens = str_len;
}
