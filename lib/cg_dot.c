/*
 * Graphviz DOT of a module: its ProGraML graph (the same nodes and edges
 * as cg_programl_json, drawn as ProGraML draws them) and the control-flow
 * graph of a function.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cg_dot.h"
#include "cg_error.h"
#include "cg_programl.h"

/* s as a DOT string, quotes included. */
static void
quote(struct cg_buf *out, const char *s, size_t n)
{
	size_t i;

	cg_buf_addstr(out, "\"");
	for (i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\')
			cg_buf_add(out, "\\", 1);
		if (s[i] == '\n')
			cg_buf_addstr(out, "\\l");
		else if ((unsigned char)s[i] >= 0x20)
			cg_buf_add(out, s + i, 1);
	}
	cg_buf_addstr(out, "\"");
}

static void
quotes(struct cg_buf *out, const char *s)
{
	quote(out, s, strlen(s));
}

/* Node and edge styles by type and flow: instruction, variable, constant;
 * control, data, call. */
static const char *const nodestyle[3] = {
	"shape=box, style=filled, fillcolor=\"#3c78d8\", fontcolor=white",
	"shape=ellipse, style=filled, fillcolor=\"#f4cccc\", color=\"#990000\"",
	"shape=octagon, style=filled, fillcolor=\"#e99c9c\", color=\"#990000\""
};
static const char *const edgestyle[3] = {
	"color=\"#345393\"",
	"color=\"#990000\", style=dashed",
	"color=\"#65ae4d\", style=bold"
};

static void
dotnode(struct cg_buf *out, json_t *n)
{
	json_int_t id = json_integer_value(json_object_get(n, "id"));
	json_int_t t = json_integer_value(json_object_get(n, "type"));
	json_t *full = json_object_get(json_object_get(n, "features"),
	    "full_text");
	const char *text = json_string_value(json_object_get(n, "text"));

	if (t < 0 || t > 2)
		t = 0;
	cg_buf_addf(out, "  n%lld [label=", (long long)id);
	quotes(out, text ? text : "");
	if (json_is_array(full) && json_string_value(json_array_get(full, 0))) {
		cg_buf_addstr(out, ", tooltip=");
		quotes(out, json_string_value(json_array_get(full, 0)));
	}
	cg_buf_addf(out, ", %s];\n", nodestyle[t]);
}

/* The index of the function named name among m's functions (declarations
 * included, as ProGraML counts them); -1 with status 3 if m defines none. */
static int
functionindex(LLVMModuleRef m, const char *name)
{
	LLVMValueRef f;
	size_t n;
	int i = 0;

	for (f = LLVMGetFirstFunction(m); f; f = LLVMGetNextFunction(f), i++)
		if (strcmp(LLVMGetValueName2(f, &n), name) == 0 &&
		    !LLVMIsDeclaration(f))
			return i;
	return cg_error(CG_EXIT_DATA, "the module defines no function '%s'",
	    name);
}

/* The node a link's end names, when it is one of the n nodes. */
static long long
linkend(json_t *link, const char *end, size_t n)
{
	json_int_t v = json_integer_value(json_object_get(link, end));

	return v >= 0 && (size_t)v < n ? (long long)v : -1;
}

/*
 * keep[i] for the nodes of function f: its instructions and variables,
 * then the constants (nodes of no function) that their links touch.
 */
static void
keepfunction(json_t *nodes, json_t *links, json_int_t f, char *keep)
{
	size_t n = json_array_size(nodes), i;
	long long s, t;
	json_t *v, *fn;

	json_array_foreach(nodes, i, v) {
		fn = json_object_get(v, "function");
		keep[i] = json_is_integer(fn) && json_integer_value(fn) == f;
	}
	json_array_foreach(links, i, v) {
		s = linkend(v, "source", n), t = linkend(v, "target", n);
		if (s < 0 || t < 0)
			continue;
		if (keep[s] == 1 && !json_object_get(json_array_get(nodes, t),
		    "function"))
			keep[t] = 2;
		if (keep[t] == 1 && !json_object_get(json_array_get(nodes, s),
		    "function"))
			keep[s] = 2;
	}
}

/* Past this many nodes, a faster layout (see cg_dot.h). */
enum { BIGGRAPH = 300 };

int
cg_dot_programl(LLVMModuleRef m, const char *function, struct cg_buf *out)
{
	struct cg_buf js = CG_BUF_INIT;
	json_t *g, *v, *nodes, *links;
	json_error_t err;
	json_int_t flow;
	long long s, t;
	size_t i, n, k;
	char *keep;
	int f = -1;

	if (function && (f = functionindex(m, function)) < 0)
		return -1;
	if (cg_programl_json(m, &js) < 0) {
		cg_buf_release(&js);
		return -1;
	}
	g = json_loadb((const char *)js.data, js.len, 0, &err);
	cg_buf_release(&js);
	if (g == NULL)
		return cg_error(CG_EXIT_FAILURE, "program graph: %s", err.text);
	nodes = json_object_get(g, "nodes");
	links = json_object_get(g, "links");
	n = json_array_size(nodes);
	if ((keep = malloc(n + 1)) == NULL) {
		json_decref(g);
		return cg_error(CG_EXIT_FAILURE, "out of memory");
	}
	memset(keep, 1, n + 1);
	if (function)
		keepfunction(nodes, links, f, keep);
	cg_buf_addstr(out, "digraph programl {\n");
	if (function) {
		cg_buf_addstr(out, "  label=");
		quotes(out, function);
		cg_buf_addstr(out, ";\n");
	}
	for (i = 0, k = 0; i < n; i++)
		k += keep[i] != 0;
	/* dot's default layout of a graph this size takes minutes */
	if (k > BIGGRAPH)
		cg_buf_addstr(out, "  nslimit=0.05; nslimit1=0.05; "
		    "splines=line;\n");
	cg_buf_addstr(out, "  node [fontname=\"Helvetica\"];\n");
	json_array_foreach(nodes, i, v)
		if (keep[i])
			dotnode(out, v);
	json_array_foreach(links, i, v) {
		s = linkend(v, "source", n), t = linkend(v, "target", n);
		if (s < 0 || t < 0 || !keep[s] || !keep[t])
			continue;
		flow = json_integer_value(json_object_get(v, "flow"));
		cg_buf_addf(out, "  n%lld -> n%lld [%s", s, t,
		    edgestyle[flow >= 0 && flow <= 2 ? flow : 0]);
		if (json_integer_value(json_object_get(v, "position")) > 0)
			cg_buf_addf(out, ", label=\"%lld\"", (long long)
			    json_integer_value(json_object_get(v, "position")));
		cg_buf_addstr(out, "];\n");
	}
	cg_buf_addstr(out, "}\n");
	free(keep);
	json_decref(g);
	return 0;
}

/* The index of block b in f, from 0. */
static int
blockindex(LLVMValueRef f, LLVMBasicBlockRef b)
{
	LLVMBasicBlockRef x;
	int i = 0;

	for (x = LLVMGetFirstBasicBlock(f); x && x != b;
	    x = LLVMGetNextBasicBlock(x))
		i++;
	return i;
}

/*
 * One block as LLVM prints it: its label (the slot number when the block
 * has no name, as in the module's text) and its instructions, one per
 * line, left-justified.
 */
static void
cfgblock(struct cg_buf *out, LLVMBasicBlockRef b, int k)
{
	struct cg_buf label = CG_BUF_INIT;
	char *s = LLVMPrintValueToString(LLVMBasicBlockAsValue(b));
	const char *p, *e, *c;
	int first = 1;

	if (k == 0 && !*LLVMGetBasicBlockName(b)) {
		cg_buf_addstr(&label, "entry:\n");
		first = 0;
	}
	for (p = s; *p; p = *e ? e + 1 : e) {
		e = p + strcspn(p, "\n");
		p += strspn(p, " ");
		if (p >= e)
			continue;
		/* the label line "12:        ; preds = %9": drop the padding */
		c = first ? memchr(p, ':', (size_t)(e - p)) : NULL;
		first = 0;
		if (c) {
			cg_buf_add(&label, p, (size_t)(c + 1 - p));
			p = c + 1 + strspn(c + 1, " ");
			if (p < e)
				cg_buf_addstr(&label, " ");
		}
		cg_buf_add(&label, p, (size_t)(e - p));
		cg_buf_addstr(&label, "\n");
	}
	LLVMDisposeMessage(s);
	cg_buf_addf(out, "  b%d [label=", k);
	quote(out, (const char *)label.data, label.len);
	cg_buf_addstr(out, "];\n");
	cg_buf_release(&label);
}

int
cg_dot_cfg(LLVMModuleRef m, const char *function, struct cg_buf *out)
{
	LLVMValueRef f = LLVMGetNamedFunction(m, function), t;
	LLVMBasicBlockRef b;
	unsigned s, n;
	int k;

	if (f == NULL || LLVMIsDeclaration(f))
		return cg_error(CG_EXIT_DATA, "the module defines no function "
		    "'%s'", function);
	cg_buf_addstr(out, "digraph cfg {\n  label=");
	quotes(out, function);
	cg_buf_addstr(out, ";\n  node [shape=box, fontname=\"Courier\"];\n");
	for (b = LLVMGetFirstBasicBlock(f), k = 0; b;
	    b = LLVMGetNextBasicBlock(b), k++)
		cfgblock(out, b, k);
	for (b = LLVMGetFirstBasicBlock(f), k = 0; b;
	    b = LLVMGetNextBasicBlock(b), k++) {
		t = LLVMGetBasicBlockTerminator(b);
		n = t ? LLVMGetNumSuccessors(t) : 0;
		for (s = 0; s < n; s++) {
			cg_buf_addf(out, "  b%d -> b%d", k,
			    blockindex(f, LLVMGetSuccessor(t, s)));
			if (n > 1)
				cg_buf_addf(out, " [label=\"%u\"]", s);
			cg_buf_addstr(out, ";\n");
		}
	}
	cg_buf_addstr(out, "}\n");
	return 0;
}
