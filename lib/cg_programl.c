/*
 * ProGraML program graphs, after programl::ir::llvm::BuildProgramGraph with
 * its default options.  The definition implemented here:
 *
 * Nodes, numbered in the order they are made:
 *   0  the root: type 0 (instruction), text "[external]", features {}, no
 *      "function" and no "block".
 *   Then, for each function of the module in order (its function index f
 *   counts every function, declarations included):
 *   - a declaration gets one instruction node with text
 *     "; undefined function" and full_text "", function f and no block.  It
 *     is the function's entry and its only exit.
 *   - a definition gets one instruction node per instruction, in block and
 *     instruction order: text the opcode name as LLVM spells it
 *     (Instruction::getOpcodeName: "alloca", "getelementptr", "va_arg"),
 *     full_text the printed instruction with white space trimmed at both
 *     ends, function f, block b, where b numbers the blocks of all defined
 *     functions of the module from 0.  The entry is the first instruction
 *     of the entry block; the exits are the ret instructions.
 *     Then one variable node (type 1) per argument that an instruction
 *     uses, in argument order, then one per instruction whose result an
 *     instruction uses, in instruction order: text the printed type ("i32",
 *     "ptr"), full_text "<type> <name>" with the name the IR printer gives
 *     ("i32 %x", "ptr %3"), function f, block the defining instruction's
 *     block (an argument's is the entry block).
 *   Last, one constant node (type 2) per distinct constant operand in the
 *   order of first use over the module: text the printed type, full_text
 *   the constant as an operand ("i32 1", "ptr @g", "ptr null"), no function
 *   and no block.  Global variables and aliases are constants; functions
 *   are not (call edges stand for them).
 *
 * Operand k of an instruction in LLVM's operand order (a call: arguments,
 * then the callee; br: the condition first; phi: the incoming values) has
 * position k.  Functions, blocks, inline asm and metadata get no edge but
 * keep their positions.
 *
 * Edges ("flow": 0 control, 1 data, 2 call), in the order they are made:
 *   For each defined function:
 *   - control, position 0, from each instruction to the next in its block;
 *   - control, from each block's terminator to the first instruction of
 *     each successor, position the successor's index (blocks in order);
 *   - for each argument variable, data from the variable to each use,
 *     position the operand index (uses in instruction, then operand order);
 *   - for each instruction variable, data, position 0, from the
 *     instruction to its variable, then from the variable to each use.
 *   Then call edges, position 0:
 *   - for each function in order: root -> entry, then each exit -> root;
 *   - for each call instruction (not invoke, not callbr) in module order
 *     whose callee is a function of the module of the call's function type
 *     (CallBase::getCalledFunction): call -> callee entry, then each callee
 *     exit -> call.
 *   Last, data edges from each constant to each of its uses.
 * A link's "key" is the number of earlier links with its source and target
 * (networkx's multigraph key).
 *
 * Where ProGraML's order comes from hash maps (functions, constants), the
 * orders above are fixed; where it leaves fields unset, "function" and
 * "block" are absent here.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cg_error.h"
#include "cg_json.h"
#include "cg_programl.h"

enum { CONTROL, DATA, CALL };
enum { INSTRUCTION, VARIABLE, CONSTANT };

struct node {
	int type;
	int function;	/* -1: none */
	int block;	/* -1: none */
	char *text;	/* owned */
	char *full;	/* owned; NULL for the root */
};

struct edge {
	int src, dst, flow, pos;
};

/* A use of value v as operand pos of the instruction node user. */
struct use {
	LLVMValueRef v;
	int value;	/* ordinal of v among its kind */
	int user, pos;
	size_t seq;
};

/* A hash map from nonzero 64-bit keys (pointers, node pairs) to ints. */
struct map {
	uint64_t *key;
	int *val;
	size_t mask, n;
};

struct graph {
	struct node *nodes;
	size_t nnodes, capnodes;
	struct edge *edges;
	size_t nedges, capedges;
	int nblocks;
	struct map funcs;	/* function -> index */
	struct map gslots;	/* unnamed global value -> printed number */
	int *entry;		/* per function */
	size_t *exitoff;	/* per function + 1: its exits in exits[] */
	int *exits;
	size_t nexits, capexits;
	struct use *calls;	/* value: callee index; user: call node */
	size_t ncalls, capcalls;
	struct use *cuses;	/* value: constant ordinal */
	size_t ncuses, capcuses;
	struct map consts;	/* constant -> ordinal */
	LLVMValueRef *cvals;
	size_t ncvals, capcvals;
	struct irtext *ir;
};

static void
grow(void *pp, size_t *cap, size_t n, size_t size)
{
	void **p = pp;

	if (n < *cap)
		return;
	*cap = *cap ? 2 * *cap : 64;
	*p = cg_realloc(*p, *cap * size);
}

static void
map_init(struct map *m, size_t hint)
{
	size_t cap = 64;

	while (cap < 2 * hint)
		cap *= 2;
	m->key = cg_calloc(cap, sizeof(*m->key));
	m->val = cg_calloc(cap, sizeof(*m->val));
	m->mask = cap - 1;
	m->n = 0;
}

static void
map_free(struct map *m)
{
	free(m->key);
	free(m->val);
	memset(m, 0, sizeof(*m));
}

static size_t
map_slot(const struct map *m, uint64_t k)
{
	size_t h = (size_t)((k ^ (k >> 29)) * 0x9e3779b97f4a7c15ull);

	for (h &= m->mask; m->key[h] && m->key[h] != k; h = (h + 1) & m->mask)
		;
	return h;
}

/* 1 and *v if k is in m, else 0. */
static int
map_get(const struct map *m, uint64_t k, int *v)
{
	size_t s = map_slot(m, k);

	if (!m->key[s])
		return 0;
	*v = m->val[s];
	return 1;
}

static void
map_put(struct map *m, uint64_t k, int v)
{
	size_t s;

	if (2 * (m->n + 1) > m->mask + 1) {
		struct map old = *m;
		size_t i;

		map_init(m, old.mask + 1);
		for (i = 0; i <= old.mask; i++)
			if (old.key[i])
				map_put(m, old.key[i], old.val[i]);
		map_free(&old);
	}
	s = map_slot(m, k);
	if (!m->key[s]) {
		m->key[s] = k;
		m->n++;
	}
	m->val[s] = v;
}

static uint64_t
pkey(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

static const char *const opnames[] = {
	[LLVMRet] = "ret", [LLVMBr] = "br", [LLVMSwitch] = "switch",
	[LLVMIndirectBr] = "indirectbr", [LLVMInvoke] = "invoke",
	[LLVMUnreachable] = "unreachable", [LLVMCallBr] = "callbr",
	[LLVMFNeg] = "fneg", [LLVMAdd] = "add", [LLVMFAdd] = "fadd",
	[LLVMSub] = "sub", [LLVMFSub] = "fsub", [LLVMMul] = "mul",
	[LLVMFMul] = "fmul", [LLVMUDiv] = "udiv", [LLVMSDiv] = "sdiv",
	[LLVMFDiv] = "fdiv", [LLVMURem] = "urem", [LLVMSRem] = "srem",
	[LLVMFRem] = "frem", [LLVMShl] = "shl", [LLVMLShr] = "lshr",
	[LLVMAShr] = "ashr", [LLVMAnd] = "and", [LLVMOr] = "or",
	[LLVMXor] = "xor", [LLVMAlloca] = "alloca", [LLVMLoad] = "load",
	[LLVMStore] = "store", [LLVMGetElementPtr] = "getelementptr",
	[LLVMTrunc] = "trunc", [LLVMZExt] = "zext", [LLVMSExt] = "sext",
	[LLVMFPToUI] = "fptoui", [LLVMFPToSI] = "fptosi",
	[LLVMUIToFP] = "uitofp", [LLVMSIToFP] = "sitofp",
	[LLVMFPTrunc] = "fptrunc", [LLVMFPExt] = "fpext",
	[LLVMPtrToInt] = "ptrtoint", [LLVMIntToPtr] = "inttoptr",
	[LLVMBitCast] = "bitcast", [LLVMAddrSpaceCast] = "addrspacecast",
	[LLVMICmp] = "icmp", [LLVMFCmp] = "fcmp", [LLVMPHI] = "phi",
	[LLVMCall] = "call", [LLVMSelect] = "select",
	[LLVMUserOp1] = "<Invalid operator> ", [LLVMUserOp2] = "<Invalid operator> ",
	[LLVMVAArg] = "va_arg", [LLVMExtractElement] = "extractelement",
	[LLVMInsertElement] = "insertelement",
	[LLVMShuffleVector] = "shufflevector",
	[LLVMExtractValue] = "extractvalue", [LLVMInsertValue] = "insertvalue",
	[LLVMFence] = "fence", [LLVMAtomicCmpXchg] = "cmpxchg",
	[LLVMAtomicRMW] = "atomicrmw", [LLVMResume] = "resume",
	[LLVMLandingPad] = "landingpad", [LLVMCleanupRet] = "cleanupret",
	[LLVMCatchRet] = "catchret", [LLVMCatchPad] = "catchpad",
	[LLVMCleanupPad] = "cleanuppad", [LLVMCatchSwitch] = "catchswitch",
	[LLVMFreeze] = "freeze",
};

static const char *
opname(LLVMOpcode op)
{
	if ((size_t)op < sizeof(opnames) / sizeof(opnames[0]) && opnames[op])
		return opnames[op];
	return "<Invalid operator> ";
}

static int
add_node(struct graph *g, int type, int function, int block, char *text,
    char *full)
{
	struct node *n;

	grow(&g->nodes, &g->capnodes, g->nnodes, sizeof(*g->nodes));
	n = &g->nodes[g->nnodes];
	n->type = type;
	n->function = function;
	n->block = block;
	n->text = text;
	n->full = full;
	return (int)g->nnodes++;
}

static void
add_edge(struct graph *g, int src, int dst, int flow, int pos)
{
	grow(&g->edges, &g->capedges, g->nedges, sizeof(*g->edges));
	g->edges[g->nedges++] = (struct edge){ src, dst, flow, pos };
}

static struct use *
add_use(struct use **u, size_t *n, size_t *cap)
{
	grow(u, cap, *n, sizeof(**u));
	memset(&(*u)[*n], 0, sizeof(**u));
	(*u)[*n].seq = *n;
	return &(*u)[(*n)++];
}

static char *
typestr(LLVMTypeRef t)
{
	char *s = LLVMPrintTypeToString(t), *r = cg_strdup(s);

	LLVMDisposeMessage(s);
	return r;
}

/* Appends name as the IR printer writes it after its '%' or '@'. */
static void
addname(struct cg_buf *b, const char *name, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	int quote = n == 0 || (name[0] >= '0' && name[0] <= '9');
	size_t i;

	for (i = 0; i < n && !quote; i++) {
		unsigned char c = (unsigned char)name[i];
		quote = !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_');
	}
	if (!quote) {
		cg_buf_add(b, name, n);
		return;
	}
	cg_buf_addstr(b, "\"");
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') {
			cg_buf_add(b, &name[i], 1);
		} else {
			char esc[3] = { '\\', hex[c >> 4], hex[c & 15] };
			cg_buf_add(b, esc, 3);
		}
	}
	cg_buf_addstr(b, "\"");
}

/* "<type> <sigil><name or slot>" (new). */
static char *
operandstr(LLVMValueRef v, char sigil, int slot)
{
	struct cg_buf b = CG_BUF_INIT;
	char *t = typestr(LLVMTypeOf(v));
	const char *name;
	size_t n;

	cg_buf_addf(&b, "%s %c", t, sigil);
	free(t);
	name = LLVMGetValueName2(v, &n);
	if (n)
		addname(&b, name, n);
	else
		cg_buf_addf(&b, "%d", slot);
	return (char *)cg_buf_detach(&b, NULL);
}

static int
isspc(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* s[0..n) with white space trimmed at both ends (new). */
static char *
trimmed(const char *s, size_t n)
{
	char *r;

	while (n && isspc(*s))
		s++, n--;
	while (n && isspc(s[n - 1]))
		n--;
	r = cg_malloc(n + 1);
	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

/* The printed value, trimmed (new). */
static char *
printed(LLVMValueRef v)
{
	char *s = LLVMPrintValueToString(v), *r = trimmed(s, strlen(s));

	LLVMDisposeMessage(s);
	return r;
}

/*
 * Printing one instruction numbers the values of its whole function, so
 * the instructions' texts are taken from the module printed once: inside
 * its function's body, an instruction starts on a line indented by two
 * spaces and goes on over the lines indented by more (invoke's "to label",
 * landingpad's clauses), except debug records ("    #dbg_value"); a switch
 * goes on to the line that starts "  ]".  Should a line not start with
 * the instruction's opcode, the rest are printed one by one.
 */
struct irtext {
	char *text;		/* the module printed (LLVM's) */
	const char *p;		/* the next line */
	int ok;
};

/* The next line at t->p and its length; NULL at the end. */
static const char *
nextline(struct irtext *t, size_t *n)
{
	const char *l = t->p, *e;

	if (*l == '\0')
		return NULL;
	e = strchr(l, '\n');
	*n = e ? (size_t)(e - l) : strlen(l);
	t->p = l + *n + (e != NULL);
	return l;
}

static void
irtext_function(struct irtext *t)
{
	const char *l;
	size_t n;

	while (t->ok && (l = nextline(t, &n)) != NULL)
		if (strncmp(l, "define ", 7) == 0)
			return;
	t->ok = 0;
}

/* 1 if s (an instruction's text) is an instruction with opcode op. */
static int
hasopcode(const char *s, LLVMOpcode op)
{
	const char *name = opname(op), *p;
	size_t n = strlen(name);

	if (*s == '%' && (p = strstr(s, " = ")) != NULL)
		s = p + 3;
	if (op == LLVMCall) {
		if (strncmp(s, "tail ", 5) == 0)
			s += 5;
		else if (strncmp(s, "musttail ", 9) == 0)
			s += 9;
		else if (strncmp(s, "notail ", 7) == 0)
			s += 7;
	}
	return strncmp(s, name, n) == 0 &&
	    (s[n] == ' ' || s[n] == ',' || s[n] == '\0');
}

/* 1 if line l goes on the instruction before it ("to label", clauses). */
static int
iscontinued(const char *l)
{
	return strncmp(l, "   ", 3) == 0 && strncmp(l, "    #dbg_", 9) != 0;
}

/* The text of instruction i, the next one in t (new). */
static char *
irtext_inst(struct irtext *t, LLVMValueRef i)
{
	LLVMOpcode op = LLVMGetInstructionOpcode(i);
	const char *l = NULL, *start = NULL;
	char *r;
	size_t n;

	while (t->ok && (l = nextline(t, &n)) != NULL) {
		if (n < 3 || l[0] != ' ' || l[1] != ' ')
			continue;	/* a label, a comment, a blank line */
		if (l[2] == ';' || strncmp(l, "    #dbg_", 9) == 0)
			continue;
		start = l;
		break;
	}
	if (start != NULL && op == LLVMSwitch)
		while ((l = nextline(t, &n)) != NULL &&
		    !(n >= 3 && strncmp(l, "  ]", 3) == 0))
			;
	else if (start != NULL)
		while (iscontinued(t->p))
			nextline(t, &n);
	if (start == NULL || (op == LLVMSwitch && l == NULL)) {
		t->ok = 0;
		return printed(i);
	}
	r = trimmed(start, (size_t)(t->p - start));
	if (!hasopcode(r, op)) {
		free(r);
		t->ok = 0;
		return printed(i);
	}
	return r;
}

/* Numbers the unnamed global values as the IR printer does. */
static void
number_globals(struct graph *g, LLVMModuleRef m)
{
	LLVMValueRef v;
	size_t n;
	int slot = 0;

	map_init(&g->gslots, 16);
	for (v = LLVMGetFirstGlobal(m); v; v = LLVMGetNextGlobal(v))
		if (LLVMGetValueName2(v, &n), n == 0)
			map_put(&g->gslots, pkey(v), slot++);
	for (v = LLVMGetFirstGlobalAlias(m); v; v = LLVMGetNextGlobalAlias(v))
		if (LLVMGetValueName2(v, &n), n == 0)
			map_put(&g->gslots, pkey(v), slot++);
	for (v = LLVMGetFirstGlobalIFunc(m); v; v = LLVMGetNextGlobalIFunc(v))
		if (LLVMGetValueName2(v, &n), n == 0)
			map_put(&g->gslots, pkey(v), slot++);
	for (v = LLVMGetFirstFunction(m); v; v = LLVMGetNextFunction(v))
		if (LLVMGetValueName2(v, &n), n == 0)
			map_put(&g->gslots, pkey(v), slot++);
}

static void
const_use(struct graph *g, LLVMValueRef c, int user, int pos)
{
	struct use *u;
	int ord;

	if (!map_get(&g->consts, pkey(c), &ord)) {
		ord = (int)g->ncvals;
		map_put(&g->consts, pkey(c), ord);
		grow(&g->cvals, &g->capcvals, g->ncvals, sizeof(*g->cvals));
		g->cvals[g->ncvals++] = c;
	}
	u = add_use(&g->cuses, &g->ncuses, &g->capcuses);
	u->v = c;
	u->value = ord;
	u->user = user;
	u->pos = pos;
}

static int
cmpuse(const void *a, const void *b)
{
	const struct use *x = a, *y = b;

	if (x->value != y->value)
		return x->value < y->value ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
add_exit(struct graph *g, int node)
{
	grow(&g->exits, &g->capexits, g->nexits, sizeof(*g->exits));
	g->exits[g->nexits++] = node;
}

/* An argument or instruction of the function being visited. */
struct value {
	LLVMValueRef v;
	int node;	/* its instruction node, -1 for an argument */
	int block;
	int slot;	/* its printed number if unnamed */
};

struct func {
	struct value *vals;
	size_t nvals, capvals;
	struct map index;	/* value -> index in vals */
	struct use *uses;
	size_t nuses, capuses;
	struct map blocks;	/* block -> index in the function */
	int *first, *last;	/* per block: first and last instruction node */
};

static void
add_value(struct func *fn, LLVMValueRef v, int node, int block, int slot)
{
	grow(&fn->vals, &fn->capvals, fn->nvals, sizeof(*fn->vals));
	map_put(&fn->index, pkey(v), (int)fn->nvals);
	fn->vals[fn->nvals++] = (struct value){ v, node, block, slot };
}

/* Records the edges that operand k of instruction i (node) calls for. */
static void
visit_operands(struct graph *g, struct func *fn, LLVMValueRef i, int node)
{
	int k, n = LLVMGetNumOperands(i);

	for (k = 0; k < n; k++) {
		LLVMValueRef v = LLVMGetOperand(i, k);
		struct use *u;

		if (v == NULL || LLVMIsAFunction(v))
			continue;
		if (LLVMIsAConstant(v)) {
			const_use(g, v, node, k);
		} else if (LLVMIsAInstruction(v) || LLVMIsAArgument(v)) {
			u = add_use(&fn->uses, &fn->nuses, &fn->capuses);
			u->v = v;
			u->user = node;
			u->pos = k;
		}
	}
}

static void
visit_call(struct graph *g, LLVMValueRef i, int node)
{
	LLVMValueRef callee = LLVMGetCalledValue(i);
	struct use *u;
	int f;

	if (callee == NULL || !LLVMIsAFunction(callee) ||
	    LLVMGlobalGetValueType(callee) != LLVMGetCalledFunctionType(i) ||
	    !map_get(&g->funcs, pkey(callee), &f))
		return;
	u = add_use(&g->calls, &g->ncalls, &g->capcalls);
	u->value = f;
	u->user = node;
}

static int
visit_blocks(struct graph *g, struct func *fn, LLVMValueRef f, int fi,
    int *slot)
{
	LLVMBasicBlockRef b;
	LLVMValueRef i;
	int bi = 0;

	for (b = LLVMGetFirstBasicBlock(f); b; b = LLVMGetNextBasicBlock(b)) {
		int block = g->nblocks++, prev = -1;

		map_put(&fn->blocks, pkey(b), bi);
		if (*LLVMGetBasicBlockName(b) == '\0')
			(*slot)++;
		for (i = LLVMGetFirstInstruction(b); i;
		    i = LLVMGetNextInstruction(i)) {
			LLVMOpcode op = LLVMGetInstructionOpcode(i);
			size_t n;
			int node, s = -1;

			node = add_node(g, INSTRUCTION, fi, block,
			    cg_strdup(opname(op)), irtext_inst(g->ir, i));
			LLVMGetValueName2(i, &n);
			if (n == 0 && LLVMGetTypeKind(LLVMTypeOf(i)) !=
			    LLVMVoidTypeKind)
				s = (*slot)++;
			add_value(fn, i, node, block, s);
			if (prev >= 0)
				add_edge(g, prev, node, CONTROL, 0);
			else
				fn->first[bi] = node;
			prev = node;
			if (op == LLVMRet)
				add_exit(g, node);
			else if (op == LLVMCall)
				visit_call(g, i, node);
			visit_operands(g, fn, i, node);
		}
		if (prev < 0)
			return cg_error(CG_EXIT_FAILURE,
			    "block %d of function %d has no instructions",
			    bi, fi);
		fn->last[bi++] = prev;
	}
	return 0;
}

static void
block_edges(struct graph *g, struct func *fn, LLVMValueRef f)
{
	LLVMBasicBlockRef b;
	int bi = 0, s;

	for (b = LLVMGetFirstBasicBlock(f); b; b = LLVMGetNextBasicBlock(b)) {
		LLVMValueRef t = LLVMGetBasicBlockTerminator(b);
		unsigned j, n = t ? LLVMGetNumSuccessors(t) : 0;

		for (j = 0; j < n; j++)
			if (map_get(&fn->blocks, pkey(LLVMGetSuccessor(t, j)), &s))
				add_edge(g, fn->last[bi], fn->first[s], CONTROL,
				    (int)j);
		bi++;
	}
}

/* The variable nodes of the function's used values and their edges. */
static int
data_edges(struct graph *g, struct func *fn, int fi)
{
	size_t k = 0, j;

	for (j = 0; j < fn->nuses; j++)
		if (!map_get(&fn->index, pkey(fn->uses[j].v),
		    &fn->uses[j].value))
			return cg_error(CG_EXIT_FAILURE,
			    "function %d uses a value of another function",
			    fi);
	if (fn->nuses)
		qsort(fn->uses, fn->nuses, sizeof(*fn->uses), cmpuse);
	while (k < fn->nuses) {
		const struct value *v = &fn->vals[fn->uses[k].value];
		int var;

		var = add_node(g, VARIABLE, fi, v->block,
		    typestr(LLVMTypeOf(v->v)), operandstr(v->v, '%', v->slot));
		if (v->node >= 0)
			add_edge(g, v->node, var, DATA, 0);
		for (j = k; j < fn->nuses &&
		    fn->uses[j].value == fn->uses[k].value; j++)
			add_edge(g, var, fn->uses[j].user, DATA,
			    fn->uses[j].pos);
		k = j;
	}
	return 0;
}

static int
visit_function(struct graph *g, LLVMValueRef f, int fi)
{
	struct func fn;
	LLVMValueRef a;
	unsigned nb = LLVMCountBasicBlocks(f);
	int slot = 0, rc;
	size_t n;

	memset(&fn, 0, sizeof(fn));
	map_init(&fn.index, 64);
	map_init(&fn.blocks, nb);
	fn.first = cg_calloc(nb + 1, sizeof(*fn.first));
	fn.last = cg_calloc(nb + 1, sizeof(*fn.last));
	for (a = LLVMGetFirstParam(f); a; a = LLVMGetNextParam(a)) {
		LLVMGetValueName2(a, &n);
		add_value(&fn, a, -1, g->nblocks, n ? -1 : slot++);
	}
	g->entry[fi] = (int)g->nnodes;
	irtext_function(g->ir);
	rc = visit_blocks(g, &fn, f, fi, &slot);
	if (rc == 0) {
		block_edges(g, &fn, f);
		rc = data_edges(g, &fn, fi);
	}
	free(fn.vals);
	free(fn.uses);
	free(fn.first);
	free(fn.last);
	map_free(&fn.index);
	map_free(&fn.blocks);
	return rc;
}

/* The constant nodes and their data edges. */
static void
constants(struct graph *g)
{
	size_t k = 0, j;

	if (g->ncuses)
		qsort(g->cuses, g->ncuses, sizeof(*g->cuses), cmpuse);
	while (k < g->ncuses) {
		LLVMValueRef c = g->cuses[k].v;
		char *full;
		int node, slot = -1;

		if (LLVMIsAGlobalValue(c)) {
			map_get(&g->gslots, pkey(c), &slot);
			full = operandstr(c, '@', slot);
		} else {
			full = printed(c);
		}
		node = add_node(g, CONSTANT, -1, -1, typestr(LLVMTypeOf(c)),
		    full);
		for (j = k; j < g->ncuses &&
		    g->cuses[j].value == g->cuses[k].value; j++)
			add_edge(g, node, g->cuses[j].user, DATA,
			    g->cuses[j].pos);
		k = j;
	}
}

static void
call_edges(struct graph *g, int nfuncs)
{
	size_t k, x;
	int f;

	for (f = 0; f < nfuncs; f++) {
		add_edge(g, 0, g->entry[f], CALL, 0);
		for (x = g->exitoff[f]; x < g->exitoff[f + 1]; x++)
			add_edge(g, g->exits[x], 0, CALL, 0);
	}
	for (k = 0; k < g->ncalls; k++) {
		f = g->calls[k].value;
		add_edge(g, g->calls[k].user, g->entry[f], CALL, 0);
		for (x = g->exitoff[f]; x < g->exitoff[f + 1]; x++)
			add_edge(g, g->exits[x], g->calls[k].user, CALL, 0);
	}
}

static void
write_json(const struct graph *g, struct cg_buf *out)
{
	struct map keys;
	size_t i;
	int key;

	cg_buf_addstr(out, "{\"directed\":true,\"multigraph\":true,"
	    "\"graph\":{},\"nodes\":[");
	for (i = 0; i < g->nnodes; i++) {
		const struct node *n = &g->nodes[i];

		cg_buf_addf(out, "%s{\"id\":%zu,\"type\":%d,\"text\":",
		    i ? "," : "", i, n->type);
		cg_json_string(out, n->text, strlen(n->text));
		if (n->function >= 0)
			cg_buf_addf(out, ",\"function\":%d", n->function);
		if (n->block >= 0)
			cg_buf_addf(out, ",\"block\":%d", n->block);
		cg_buf_addstr(out, ",\"features\":{");
		if (n->full) {
			cg_buf_addstr(out, "\"full_text\":[");
			cg_json_string(out, n->full, strlen(n->full));
			cg_buf_addstr(out, "]");
		}
		cg_buf_addstr(out, "}}");
	}
	cg_buf_addstr(out, "],\"links\":[");
	map_init(&keys, g->nedges);
	for (i = 0; i < g->nedges; i++) {
		const struct edge *e = &g->edges[i];
		/* +1: a key must not be 0 */
		uint64_t k = ((uint64_t)e->src << 32 | (uint32_t)e->dst) + 1;

		if (!map_get(&keys, k, &key))
			key = 0;
		map_put(&keys, k, key + 1);
		cg_buf_addf(out, "%s{\"source\":%d,\"target\":%d,\"flow\":%d,"
		    "\"position\":%d,\"key\":%d}", i ? "," : "", e->src,
		    e->dst, e->flow, e->pos, key);
	}
	map_free(&keys);
	cg_buf_addstr(out, "]}");
}

static void
graph_release(struct graph *g)
{
	size_t i;

	for (i = 0; i < g->nnodes; i++) {
		free(g->nodes[i].text);
		free(g->nodes[i].full);
	}
	free(g->nodes);
	free(g->edges);
	free(g->entry);
	free(g->exitoff);
	free(g->exits);
	free(g->calls);
	free(g->cuses);
	free(g->cvals);
	map_free(&g->funcs);
	map_free(&g->gslots);
	map_free(&g->consts);
}

int
cg_programl_json(LLVMModuleRef m, struct cg_buf *out)
{
	struct graph g;
	struct irtext ir;
	LLVMValueRef f;
	int nf = 0, fi = 0, rc = 0;

	memset(&g, 0, sizeof(g));
	ir.text = LLVMPrintModuleToString(m);
	ir.p = ir.text;
	ir.ok = 1;
	g.ir = &ir;
	for (f = LLVMGetFirstFunction(m); f; f = LLVMGetNextFunction(f))
		nf++;
	map_init(&g.funcs, (size_t)nf);
	map_init(&g.consts, 256);
	number_globals(&g, m);
	g.entry = cg_calloc((size_t)nf + 1, sizeof(*g.entry));
	g.exitoff = cg_calloc((size_t)nf + 1, sizeof(*g.exitoff));
	for (f = LLVMGetFirstFunction(m); f; f = LLVMGetNextFunction(f))
		map_put(&g.funcs, pkey(f), fi++);
	add_node(&g, INSTRUCTION, -1, -1, cg_strdup("[external]"), NULL);
	for (f = LLVMGetFirstFunction(m), fi = 0; f && rc == 0;
	    f = LLVMGetNextFunction(f), fi++) {
		g.exitoff[fi] = g.nexits;
		if (LLVMIsDeclaration(f)) {
			g.entry[fi] = add_node(&g, INSTRUCTION, fi, -1,
			    cg_strdup("; undefined function"), cg_strdup(""));
			add_exit(&g, g.entry[fi]);
		} else {
			rc = visit_function(&g, f, fi);
		}
	}
	g.exitoff[fi] = g.nexits;
	if (rc == 0) {
		call_edges(&g, nf);
		constants(&g);
		write_json(&g, out);
	}
	graph_release(&g);
	LLVMDisposeMessage(ir.text);
	return rc;
}
