/*
 * minicc.h - shared declarations of the minicc compiler and virtual machine.
 */
#ifndef MINICC_H
#define MINICC_H

#include <stddef.h>
#include <stdint.h>

typedef int32_t i32;
typedef uint32_t u32;

/* ---- minicc.c: memory, diagnostics, integer semantics ---- */

void *arena_alloc(size_t n);
char *arena_strndup(const char *s, size_t n);

extern const char *diag_file;   /* name shown in diagnostics */
extern int diag_quiet;          /* nonzero: count but do not print */
extern int n_errors;
extern int n_warnings;
void error_at(int line, int col, const char *fmt, ...);
void warning_at(int line, int col, const char *fmt, ...);

/* Two's complement wrap of a 32-bit pattern, without implementation-
   defined conversions. */
i32 wrap32(u32 u);

enum {
    OP_ADD = 1, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_AND, OP_OR, OP_XOR,
    OP_SHL, OP_SHR, OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
    OP_NEG, OP_NOT, OP_BNOT
};

/* Applies a binary or unary operator with the language's semantics.
   Returns 0 and sets *out, or -1 for division by zero. */
int apply_binary(int op, i32 a, i32 b, i32 *out);
i32 apply_unary(int op, i32 a);

/* ---- lex.c: tokens ---- */

enum {
    TK_EOF, TK_NUM, TK_IDENT, TK_STR,
    TK_INT, TK_VOID, TK_CONST, TK_IF, TK_ELSE, TK_WHILE, TK_DO, TK_FOR,
    TK_BREAK, TK_CONTINUE, TK_RETURN,
    TK_LPAREN, TK_RPAREN, TK_LBRACK, TK_RBRACK, TK_LBRACE, TK_RBRACE,
    TK_COMMA, TK_SEMI, TK_QUESTION, TK_COLON,
    TK_PLUS, TK_MINUS, TK_STAR, TK_SLASH, TK_PERCENT, TK_AMP, TK_PIPE,
    TK_CARET, TK_TILDE, TK_BANG, TK_ASSIGN, TK_LT, TK_GT,
    TK_PLUSEQ, TK_MINUSEQ, TK_STAREQ, TK_SLASHEQ, TK_PERCENTEQ, TK_AMPEQ,
    TK_PIPEEQ, TK_CARETEQ, TK_SHLEQ, TK_SHREQ,
    TK_EQ, TK_NE, TK_LE, TK_GE, TK_SHL, TK_SHR, TK_ANDAND, TK_OROR,
    TK_INC, TK_DEC,
    TK_COUNT
};

typedef struct {
    int kind;
    int line, col;
    i32 num;          /* TK_NUM value */
    const char *text; /* TK_IDENT name or TK_STR contents (NUL-terminated) */
    int len;          /* length of text */
} Token;

/* Splits src into tokens ending with TK_EOF; reports lexical errors. */
Token *lex(const char *src, int *count);
const char *token_name(int kind);

/* ---- parse.c: syntax tree ---- */

enum {
    /* expressions */
    N_NUM, N_STR, N_VAR, N_INDEX, N_CALL, N_UNARY, N_BINARY, N_LOGAND,
    N_LOGOR, N_COND, N_ASSIGN, N_INCDEC, N_COMMA,
    /* statements */
    N_BLOCK, N_IF, N_WHILE, N_DO, N_FOR, N_BREAK, N_CONTINUE, N_RETURN,
    N_EXPR, N_DECL, N_EMPTY,
    /* top level */
    N_FUNC
};

enum { TY_VOID, TY_INT, TY_ARR, TY_ERR };

typedef struct Sym Sym;
typedef struct Func Func;
typedef struct Node Node;

struct Node {
    int kind;
    int op;           /* operator; for N_ASSIGN 0 or the compound operator;
                         for N_INCDEC 1 when postfix */
    int line, col;
    i32 val;          /* N_NUM value, N_INCDEC delta, N_STR string index */
    const char *name; /* N_VAR, N_CALL, N_DECL, N_FUNC */
    Node *a, *b, *c, *d;
    Node *next;       /* argument, statement, declarator and item lists */
    Node *dims;       /* N_DECL: the array size (N_EMPTY for []) */
    int ndims;        /* N_DECL: number of [ ] (above 1 is rejected) */
    int is_const;     /* N_DECL */
    int is_void;      /* N_FUNC: return type */
    int has_init_list;/* N_DECL: initialiser was { ... } or a string */
    Node **elems;     /* N_DECL of an array: the flattened initialiser
                         (NULL entries are zero), set by the checker */
    int nelems;
    Sym *sym;
    Func *fn;
    int ty;           /* type computed by the checker */
};

/* Parses a whole program; returns the list of top-level items
   (N_DECL and N_FUNC nodes chained by next). */
Node *parse_program(Token *toks, int ntoks);

/* String literals, collected while parsing. */
extern const char **str_table;
extern int *str_len;
extern int n_strs;

/* ---- check.c: names, types and constant folding ---- */

enum { S_GLOBAL, S_LOCAL, S_PARAM, S_CONST, S_FUNC };

struct Sym {
    const char *name;
    int kind;
    int ty;           /* TY_INT or TY_ARR */
    int is_ref;       /* array parameter: the slot holds an address */
    i32 dim0;         /* array size */
    int addr;         /* global address or frame offset of the value (for
                         arrays: of the header word) */
    i32 cval;         /* S_CONST value */
    int line, col;
    int used;
    int depth;        /* scope depth */
    Func *fn;
    Sym *prev;        /* scope chain */
};

struct Func {
    const char *name;
    int is_void;
    int nparams;
    Sym **params;
    Node *node;
    int frame;        /* frame size in words */
    int label;
    int reachable;
    int line, col;
    int index;
    Func *next;
};

typedef struct {
    Func *funcs;      /* in order of definition */
    int nfuncs;
    Func *main_fn;
    i32 *data;        /* initial global memory */
    int data_size;
} Program;

/* Checks (and, when fold is set, simplifies) the parsed program.
   Returns the number of errors. */
int check_program(Node *items, int fold, Program *prog);
Func *find_func(Program *prog, const char *name);

/* ---- gen.c: code generation, peephole optimisation, assembly ---- */

enum {
    I_HALT, I_NOP, I_PUSH, I_POP, I_DUP, I_LDL, I_STL, I_LDG, I_STG,
    I_ADDRL, I_LDI, I_STI, I_STIP, I_INDEX, I_LEN,
    I_ADD, I_SUB, I_MUL, I_DIV, I_MOD, I_AND, I_OR, I_XOR, I_SHL, I_SHR,
    I_EQ, I_NE, I_LT, I_LE, I_GT, I_GE, I_NEG, I_NOT, I_BNOT,
    I_ADDI, I_INCL, I_INCG, I_INCI, I_TEEL, I_TEEG,
    I_JMP, I_JZ, I_JNZ, I_JEQ, I_JNE, I_JLT, I_JLE, I_JGT, I_JGE,
    I_CALL, I_ENTER, I_RET, I_RETV, I_PRINTI, I_PRINTS, I_PUTC,
    I_ASSERT, I_ALOC,
    I_LABEL,          /* pseudo-instruction, removed by the assembler */
    I_COUNT
};

typedef struct {
    i32 *code;
    int *lines;       /* source line of each code word */
    int size;
    int entry;
    i32 *data;
    int data_size;
    const char **strs;/* string literals */
    const int *str_lens;
} Image;

/* Generates code for a checked program; optimise turns on the
   peephole pass, fixed addressing of constant array elements and the
   removal of unreachable functions. */
void generate(Program *prog, int optimise, Image *img);
int instr_operands(int op);

/* ---- vm.c: the virtual machine ---- */

enum { VM_OK, VM_TRAP, VM_STEP_LIMIT };

typedef struct {
    int status;
    i32 exit_value;
    long steps;
    char message[160];
    char *out;        /* program output */
    size_t out_len;
} VmResult;

void vm_run(const Image *img, long step_limit, VmResult *res);

#endif
