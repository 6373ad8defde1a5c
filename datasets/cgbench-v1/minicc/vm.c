/*
 * vm.c - the minicc stack machine.
 *
 * State: a word memory (globals at the bottom, then the frames of active
 * calls), an expression stack, and a stack of return records.  Every
 * instruction counts as one step; the run stops at the step limit.
 * Indirect loads and stores use addresses made by "index", which checks
 * them against the array's header and the size of the memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "minicc.h"

#define MEM_WORDS (1 << 18)
#define EXPR_STACK 65536
#define MAX_CALLS 20000
#define MAX_OUTPUT (1 << 20)

typedef struct {
    int ret_pc;
    int fp;
} CallRecord;

static i32 mem[MEM_WORDS];
static i32 stack[EXPR_STACK];
static CallRecord calls[MAX_CALLS];

typedef struct {
    char *buf;
    size_t len, cap;
    int overflow;
} Out;

static void out_bytes(Out *o, const char *s, size_t n)
{
    if (o->len + n > MAX_OUTPUT) {
        o->overflow = 1;
        return;
    }
    if (o->len + n > o->cap) {
        size_t ncap = o->cap ? o->cap : 1024;
        char *nb;
        while (ncap < o->len + n)
            ncap *= 2;
        nb = realloc(o->buf, ncap);
        if (nb == NULL) {
            o->overflow = 1;
            return;
        }
        o->buf = nb;
        o->cap = ncap;
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static void out_int(Out *o, i32 v)
{
    char tmp[16];
    int n = 0;
    u32 u = v < 0 ? 0u - (u32)v : (u32)v;
    do {
        tmp[sizeof tmp - 1 - n++] = (char)('0' + u % 10u);
        u /= 10u;
    } while (u != 0);
    if (v < 0)
        tmp[sizeof tmp - 1 - n++] = '-';
    out_bytes(o, tmp + sizeof tmp - n, (size_t)n);
}

static int cmp_jump(int op, i32 a, i32 b)
{
    switch (op) {
    case I_JEQ: return a == b;
    case I_JNE: return a != b;
    case I_JLT: return a < b;
    case I_JLE: return a <= b;
    case I_JGT: return a > b;
    default: return a >= b;
    }
}

void vm_run(const Image *img, long step_limit, VmResult *res)
{
    const i32 *code = img->code;
    int pc = img->entry, sp = 0, fp = 0, top = img->data_size, depth = 0;
    long steps = 0;
    Out out = {NULL, 0, 0, 0};
    i32 a, b, v;
    int trap_pc = 0;
    const char *why = NULL;
    char detail[96];

    detail[0] = '\0';
    out.buf = malloc(1024);
    out.cap = out.buf != NULL ? 1024 : 0;
    memset(mem, 0, sizeof mem);
    if (img->data_size > 0)
        memcpy(mem, img->data, sizeof(i32) * (size_t)img->data_size);
    res->status = VM_OK;
    res->exit_value = 0;

    for (;;) {
        int op;
        if (steps >= step_limit) {
            res->status = VM_STEP_LIMIT;
            snprintf(res->message, sizeof res->message,
                     "step limit of %ld instructions reached", step_limit);
            break;
        }
        steps++;
        trap_pc = pc;
        if (sp > EXPR_STACK - 8) {
            why = "expression stack overflow";
            break;
        }
        op = code[pc];
        switch (op) {
        case I_HALT:
            res->exit_value = sp > 0 ? stack[sp - 1] : 0;
            goto done;
        case I_NOP:
            pc++;
            break;
        case I_PUSH:
            stack[sp++] = code[pc + 1];
            pc += 2;
            break;
        case I_POP:
            sp--;
            pc++;
            break;
        case I_DUP:
            stack[sp] = stack[sp - 1];
            sp++;
            pc++;
            break;
        case I_LDL:
            stack[sp++] = mem[fp + code[pc + 1]];
            pc += 2;
            break;
        case I_STL:
            mem[fp + code[pc + 1]] = stack[--sp];
            pc += 2;
            break;
        case I_TEEL:
            mem[fp + code[pc + 1]] = stack[sp - 1];
            pc += 2;
            break;
        case I_LDG:
            stack[sp++] = mem[code[pc + 1]];
            pc += 2;
            break;
        case I_STG:
            mem[code[pc + 1]] = stack[--sp];
            pc += 2;
            break;
        case I_TEEG:
            mem[code[pc + 1]] = stack[sp - 1];
            pc += 2;
            break;
        case I_ADDRL:
            stack[sp++] = fp + code[pc + 1];
            pc += 2;
            break;
        case I_LDI:
            stack[sp - 1] = mem[stack[sp - 1]];
            pc++;
            break;
        case I_STI:
        case I_STIP:
            v = stack[--sp];
            a = stack[--sp];
            mem[a] = v;
            if (op == I_STI)
                stack[sp++] = v;
            pc++;
            break;
        case I_INCI:
            a = stack[sp - 1];
            mem[a] = wrap32((u32)mem[a] + (u32)code[pc + 1]);
            stack[sp - 1] = mem[a];
            pc += 2;
            break;
        case I_INDEX:
            b = stack[--sp];
            a = stack[sp - 1];
            if (a < 1 || a >= MEM_WORDS) {
                why = "bad array address";
                goto done;
            }
            if (b < 0 || b >= mem[a - 1] || mem[a - 1] > MEM_WORDS - a) {
                snprintf(detail, sizeof detail,
                         "index %ld out of bounds of array of size %ld",
                         (long)b, (long)mem[a - 1]);
                why = detail;
                goto done;
            }
            stack[sp - 1] = a + b;
            pc++;
            break;
        case I_LEN:
            a = stack[sp - 1];
            if (a < 1 || a >= MEM_WORDS) {
                why = "bad array address";
                goto done;
            }
            stack[sp - 1] = mem[a - 1];
            pc++;
            break;
        case I_ADD:
            sp--;
            stack[sp - 1] = wrap32((u32)stack[sp - 1] + (u32)stack[sp]);
            pc++;
            break;
        case I_SUB:
            sp--;
            stack[sp - 1] = wrap32((u32)stack[sp - 1] - (u32)stack[sp]);
            pc++;
            break;
        case I_MUL: case I_DIV: case I_MOD: case I_AND: case I_OR:
        case I_XOR: case I_SHL: case I_SHR: case I_EQ: case I_NE:
        case I_LT: case I_LE: case I_GT: case I_GE:
            b = stack[--sp];
            a = stack[sp - 1];
            if (apply_binary(op - I_ADD + OP_ADD, a, b, &v) != 0) {
                why = "division by zero";
                goto done;
            }
            stack[sp - 1] = v;
            pc++;
            break;
        case I_NEG:
            stack[sp - 1] = apply_unary(OP_NEG, stack[sp - 1]);
            pc++;
            break;
        case I_NOT:
            stack[sp - 1] = stack[sp - 1] == 0;
            pc++;
            break;
        case I_BNOT:
            stack[sp - 1] = apply_unary(OP_BNOT, stack[sp - 1]);
            pc++;
            break;
        case I_ADDI:
            stack[sp - 1] = wrap32((u32)stack[sp - 1] + (u32)code[pc + 1]);
            pc += 2;
            break;
        case I_INCL:
            a = fp + code[pc + 1];
            mem[a] = wrap32((u32)mem[a] + (u32)code[pc + 2]);
            pc += 3;
            break;
        case I_INCG:
            a = code[pc + 1];
            mem[a] = wrap32((u32)mem[a] + (u32)code[pc + 2]);
            pc += 3;
            break;
        case I_JMP:
            pc = code[pc + 1];
            break;
        case I_JZ:
            pc = stack[--sp] == 0 ? code[pc + 1] : pc + 2;
            break;
        case I_JNZ:
            pc = stack[--sp] != 0 ? code[pc + 1] : pc + 2;
            break;
        case I_JEQ: case I_JNE: case I_JLT: case I_JLE: case I_JGT:
        case I_JGE:
            b = stack[--sp];
            a = stack[--sp];
            pc = cmp_jump(op, a, b) ? code[pc + 1] : pc + 2;
            break;
        case I_CALL: {
            int nargs = code[pc + 2], k;
            if (depth >= MAX_CALLS) {
                why = "call stack overflow";
                goto done;
            }
            if (top + nargs > MEM_WORDS) {
                why = "frame stack overflow";
                goto done;
            }
            calls[depth].ret_pc = pc + 3;
            calls[depth].fp = fp;
            depth++;
            fp = top;
            for (k = 0; k < nargs; k++)
                mem[fp + k] = stack[sp - nargs + k];
            sp -= nargs;
            pc = code[pc + 1];
            break;
        }
        case I_ENTER: {
            int frame = code[pc + 1], np = code[pc + 2];
            if (frame > MEM_WORDS - fp) {
                why = "frame stack overflow";
                goto done;
            }
            if (frame > np)
                memset(&mem[fp + np], 0, sizeof(i32) * (size_t)(frame - np));
            top = fp + frame;
            pc += 3;
            break;
        }
        case I_RET:
        case I_RETV:
            depth--;
            top = fp;
            fp = calls[depth].fp;
            pc = calls[depth].ret_pc;
            break;
        case I_PRINTI:
            out_int(&out, stack[--sp]);
            pc++;
            break;
        case I_PRINTS: {
            i32 s = code[pc + 1];
            out_bytes(&out, img->strs[s], (size_t)img->str_lens[s]);
            pc += 2;
            break;
        }
        case I_PUTC: {
            char ch = (char)(unsigned char)((u32)stack[--sp] & 255u);
            out_bytes(&out, &ch, 1);
            pc++;
            break;
        }
        case I_ASSERT:
            if (stack[--sp] == 0) {
                why = "assertion failed";
                goto done;
            }
            pc += 2;
            break;
        case I_ALOC: {
            int off = code[pc + 1], n = code[pc + 2];
            memset(&mem[fp + off + 1], 0, sizeof(i32) * (size_t)n);
            pc += 3;
            break;
        }
        default:
            why = "bad instruction";
            goto done;
        }
        if (out.overflow) {
            why = "output limit exceeded";
            break;
        }
    }
done:
    if (why != NULL) {
        res->status = VM_TRAP;
        snprintf(res->message, sizeof res->message, "line %d: %s",
                 img->lines[trap_pc], why);
    }
    res->steps = steps;
    res->out = out.buf;
    res->out_len = out.len;
}
