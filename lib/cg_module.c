#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include <llvm-c/Analysis.h>
#include <llvm-c/BitReader.h>
#include <llvm-c/BitWriter.h>
#include <llvm-c/DebugInfo.h>
#include <llvm-c/IRReader.h>
#include <llvm-c/Linker.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
#include <llvm-c/Transforms/PassBuilder.h>

#include "cg_elf.h"
#include "cg_error.h"
#include "cg_module.h"
#include "cg_proc.h"

/* The first error a context reported, for the message of a failed parse. */
static char diagmsg[512];

static void
diagnose(LLVMDiagnosticInfoRef di, void *unused)
{
	char *s;

	(void)unused;
	if (LLVMGetDiagInfoSeverity(di) != LLVMDSError || diagmsg[0])
		return;
	s = LLVMGetDiagInfoDescription(di);
	snprintf(diagmsg, sizeof(diagmsg), "%s", s);
	LLVMDisposeMessage(s);
}

static LLVMContextRef
newcontext(void)
{
	LLVMContextRef ctx = LLVMContextCreate();

	LLVMContextSetDiagnosticHandler(ctx, diagnose, NULL);
	return ctx;
}

LLVMModuleRef
cg_module_parse(const void *bc, size_t n)
{
	LLVMMemoryBufferRef buf;
	LLVMContextRef ctx;
	LLVMModuleRef m;

	/* The buffer's name becomes the module identifier. */
	buf = LLVMCreateMemoryBufferWithMemoryRange(bc, n, "-", 0);
	ctx = newcontext();
	diagmsg[0] = '\0';
	if (LLVMParseBitcodeInContext2(ctx, buf, &m)) {
		LLVMDisposeMemoryBuffer(buf);
		LLVMContextDispose(ctx);
		cg_error(CG_EXIT_DATA, "bitcode does not parse: %s",
		    diagmsg[0] ? diagmsg : "invalid bitcode");
		return NULL;
	}
	LLVMDisposeMemoryBuffer(buf);
	return m;
}

int
cg_module_isbitcode(const void *bc, size_t n)
{
	const unsigned char *p = bc;

	/* Raw bitcode ("BC\xc0\xde") or the wrapper header (0x0b17c0de). */
	return n >= 4 && ((p[0] == 'B' && p[1] == 'C' && p[2] == 0xc0 &&
	    p[3] == 0xde) || (p[0] == 0xde && p[1] == 0xc0 && p[2] == 0x17 &&
	    p[3] == 0x0b));
}

LLVMModuleRef
cg_module_parse_any(const void *p, size_t n)
{
	LLVMMemoryBufferRef buf;
	LLVMContextRef ctx;
	LLVMModuleRef m;
	char *msg = NULL;

	if (cg_module_isbitcode(p, n))
		return cg_module_parse(p, n);
	/* The IR parser needs a NUL-terminated buffer: copy it. */
	buf = LLVMCreateMemoryBufferWithMemoryRangeCopy(p, n, "-");
	ctx = newcontext();
	diagmsg[0] = '\0';
	if (LLVMParseIRInContext(ctx, buf, &m, &msg)) {
		LLVMContextDispose(ctx);
		cg_error(CG_EXIT_DATA, "IR does not parse: %s",
		    msg ? msg : diagmsg);
		LLVMDisposeMessage(msg);
		return NULL;
	}
	return m;
}

void
cg_module_free(LLVMModuleRef m)
{
	LLVMContextRef ctx;

	if (m == NULL)
		return;
	ctx = LLVMGetModuleContext(m);
	LLVMDisposeModule(m);
	LLVMContextDispose(ctx);
}

void
cg_module_write(LLVMModuleRef m, struct cg_buf *out)
{
	LLVMMemoryBufferRef mb = LLVMWriteBitcodeToMemoryBuffer(m);

	cg_buf_add(out, LLVMGetBufferStart(mb), LLVMGetBufferSize(mb));
	LLVMDisposeMemoryBuffer(mb);
}

int
cg_module_verify(LLVMModuleRef m)
{
	char *msg = NULL;

	if (!LLVMVerifyModule(m, LLVMReturnStatusAction, &msg)) {
		LLVMDisposeMessage(msg);
		return 0;
	}
	cg_error(CG_EXIT_DATA, "module does not verify: %s",
	    msg && *msg ? msg : "invalid module");
	LLVMDisposeMessage(msg);
	return -1;
}

/* Drops the lines that define named metadata ("!name = ..."). */
static void
dropnamedmd(char *ir)
{
	char *r = ir, *w = ir;

	while (*r) {
		char *nl = strchr(r, '\n');
		size_t len = nl ? (size_t)(nl - r) + 1 : strlen(r);

		if (!(r[0] == '!' && r[1] != '\0' &&
		    !(r[1] >= '0' && r[1] <= '9'))) {
			memmove(w, r, len);
			w += len;
		}
		r += len;
	}
	*w = '\0';
}

int
cg_module_normalise(const void *p, size_t n, struct cg_buf *out)
{
	LLVMModuleRef m, m2;
	LLVMValueRef f;
	unsigned optnone;
	char *ir;

	if ((m = cg_module_parse_any(p, n)) == NULL)
		return -1;
	LLVMSetSourceFileName(m, "-", 1);
	LLVMStripModuleDebugInfo(m);
	optnone = LLVMGetEnumAttributeKindForName("optnone", 7);
	for (f = LLVMGetFirstFunction(m); f; f = LLVMGetNextFunction(f))
		LLVMRemoveEnumAttributeAtIndex(f, LLVMAttributeFunctionIndex,
		    optnone);
	/*
	 * The C API cannot erase named metadata (llvm.module.flags,
	 * llvm.ident, ...): print the module, drop those lines and parse the
	 * text again.  Numbered nodes left unreferenced vanish on writing.
	 */
	ir = LLVMPrintModuleToString(m);
	cg_module_free(m);
	dropnamedmd(ir);
	m2 = cg_module_parse_any(ir, strlen(ir));
	LLVMDisposeMessage(ir);
	if (m2 == NULL)
		return cg_error_prefix("normalising the module");
	if (cg_module_verify(m2) < 0) {
		cg_module_free(m2);
		return -1;
	}
	cg_module_write(m2, out);
	cg_module_free(m2);
	return 0;
}

static void
inittargets(void)
{
	static int done;

	if (!done) {
		LLVMInitializeX86TargetInfo();
		LLVMInitializeX86Target();
		LLVMInitializeX86TargetMC();
		LLVMInitializeX86AsmPrinter();
		LLVMInitializeX86AsmParser();
		done = 1;
	}
}

/*
 * The target machine passes see: the one opt-19 creates for a module, so
 * that `opt-19 --discard-value-names --preserve-bc-uselistorder=false
 * -passes=...` replays any step of a module without local names (clang's
 * output) byte for byte.  Its triple is the module's, with no CPU or features beyond the functions' own attributes,
 * no codegen optimisation, default relocation and code models.  A module
 * with no triple, or one for a target this build lacks, gets none (a
 * generic cost model).  One machine per triple is kept for the process.
 */
static LLVMTargetMachineRef
passmachine(LLVMModuleRef m)
{
	static LLVMTargetMachineRef tm;
	static char *tmtriple;
	const char *triple = LLVMGetTarget(m);
	LLVMTargetRef target;
	char *err = NULL;

	if (triple == NULL || *triple == '\0')
		return NULL;
	if (tm && strcmp(tmtriple, triple) == 0)
		return tm;
	inittargets();
	if (LLVMGetTargetFromTriple(triple, &target, &err)) {
		LLVMDisposeMessage(err);
		return NULL;
	}
	if (tm) {
		LLVMDisposeTargetMachine(tm);
		free(tmtriple);
	}
	tm = LLVMCreateTargetMachine(target, triple, "", "",
	    LLVMCodeGenLevelNone, LLVMRelocDefault, LLVMCodeModelDefault);
	tmtriple = cg_strdup(triple);
	return tm;
}

/* Runs a pipeline, with the inliner threshold when has_threshold. */
static int
run(LLVMModuleRef m, const char *pipeline, int has_threshold, int threshold)
{
	LLVMPassBuilderOptionsRef opt = LLVMCreatePassBuilderOptions();
	LLVMContextRef ctx = LLVMGetModuleContext(m);
	LLVMErrorRef err;

	if (has_threshold)
		LLVMPassBuilderOptionsSetInlinerThreshold(opt, threshold);
	/*
	 * The values a pass creates get no names (the module's own keep
	 * theirs): some passes (-attributor) name new values in an order
	 * that follows memory addresses, and the numbers that make those
	 * names unique made the same actions give other bytes from one run
	 * to the next.
	 */
	LLVMContextSetDiscardValueNames(ctx, 1);
	err = LLVMRunPasses(m, pipeline, passmachine(m), opt);
	LLVMContextSetDiscardValueNames(ctx, 0);
	LLVMDisposePassBuilderOptions(opt);
	if (err) {
		char *s = LLVMGetErrorMessage(err);
		cg_error(CG_EXIT_FAILURE, "pipeline '%s': %s", pipeline, s);
		LLVMDisposeErrorMessage(s);
		return -1;
	}
	return 0;
}

int
cg_module_run(LLVMModuleRef m, const char *pipeline)
{
	return run(m, pipeline, 0, 0);
}

int
cg_module_act(LLVMModuleRef m, const struct cg_action *a)
{
	int t = 0, has = cg_action_threshold(a, &t);

	return run(m, cg_action_pipeline(a), has, t);
}

long
cg_module_instcount(LLVMModuleRef m)
{
	LLVMValueRef f, i;
	LLVMBasicBlockRef b;
	long n = 0;

	for (f = LLVMGetFirstFunction(m); f; f = LLVMGetNextFunction(f))
		for (b = LLVMGetFirstBasicBlock(f); b;
		    b = LLVMGetNextBasicBlock(b))
			for (i = LLVMGetFirstInstruction(b); i;
			    i = LLVMGetNextInstruction(i))
				n++;
	return n;
}

void
cg_module_print(LLVMModuleRef m, struct cg_buf *out)
{
	char *s = LLVMPrintModuleToString(m);

	cg_buf_addstr(out, s);
	LLVMDisposeMessage(s);
}

long
cg_module_objtext(LLVMModuleRef m)
{
	LLVMTargetMachineRef tm;
	LLVMMemoryBufferRef obj;
	LLVMModuleRef clone;
	LLVMTargetRef target;
	const char *triple;
	char *def = NULL, *err = NULL;
	long size;

	inittargets();
	triple = LLVMGetTarget(m);
	if (triple == NULL || *triple == '\0')
		triple = def = LLVMGetDefaultTargetTriple();
	if (LLVMGetTargetFromTriple(triple, &target, &err)) {
		cg_error(CG_EXIT_FAILURE, "no code generator for '%s'", triple);
		LLVMDisposeMessage(err);
		LLVMDisposeMessage(def);
		return -1;
	}
	/*
	 * The machine clang-19 -c uses for IR on this host: generic x86-64,
	 * no optimisation, position-independent code (Debian's default).
	 */
	tm = LLVMCreateTargetMachine(target, triple, "x86-64", "",
	    LLVMCodeGenLevelNone, LLVMRelocPIC, LLVMCodeModelDefault);
	LLVMDisposeMessage(def);
	/* Code generation changes the module it runs on: use a clone. */
	clone = LLVMCloneModule(m);
	if (cg_module_run(clone, "default<O0>") < 0) {
		LLVMDisposeModule(clone);
		LLVMDisposeTargetMachine(tm);
		return -1;
	}
	if (LLVMTargetMachineEmitToMemoryBuffer(tm, clone, LLVMObjectFile,
	    &err, &obj)) {
		cg_error(CG_EXIT_FAILURE, "code generation failed: %s", err);
		LLVMDisposeMessage(err);
		LLVMDisposeModule(clone);
		LLVMDisposeTargetMachine(tm);
		return -1;
	}
	size = cg_elf_text(LLVMGetBufferStart(obj), LLVMGetBufferSize(obj));
	LLVMDisposeMemoryBuffer(obj);
	LLVMDisposeModule(clone);
	LLVMDisposeTargetMachine(tm);
	return size;
}

int
cg_module_link(struct cg_buf *parts, size_t n, struct cg_buf *out)
{
	LLVMContextRef ctx;
	LLVMModuleRef dst = NULL, m;
	size_t i;

	if (n == 1) {
		cg_buf_add(out, parts[0].data, parts[0].len);
		return 0;
	}
	ctx = newcontext();
	diagmsg[0] = '\0';
	for (i = 0; i < n; i++) {
		LLVMMemoryBufferRef buf;
		char *msg = NULL;

		if (!cg_module_isbitcode(parts[i].data, parts[i].len)) {
			/* IR text; the parser takes the buffer. */
			buf = LLVMCreateMemoryBufferWithMemoryRangeCopy(
			    (const char *)parts[i].data, parts[i].len, "-");
			if (LLVMParseIRInContext(ctx, buf, &m, &msg)) {
				snprintf(diagmsg, sizeof(diagmsg), "%s",
				    msg ? msg : "IR does not parse");
				LLVMDisposeMessage(msg);
				goto fail;
			}
		} else {
			buf = LLVMCreateMemoryBufferWithMemoryRange(
			    (const char *)parts[i].data, parts[i].len, "-", 0);
			if (LLVMParseBitcodeInContext2(ctx, buf, &m)) {
				LLVMDisposeMemoryBuffer(buf);
				goto fail;
			}
			LLVMDisposeMemoryBuffer(buf);
		}
		if (dst == NULL)
			dst = m;
		else if (LLVMLinkModules2(dst, m))	/* consumes m */
			goto fail;
	}
	cg_module_write(dst, out);
	LLVMDisposeModule(dst);
	LLVMContextDispose(ctx);
	return 0;
fail:
	if (dst)
		LLVMDisposeModule(dst);
	LLVMContextDispose(ctx);
	return cg_error(CG_EXIT_DATA, "cannot link the program: %s",
	    diagmsg[0] ? diagmsg : "invalid bitcode");
}

void
cg_module_fault(LLVMModuleRef m, const char *flag)
{
	const char *f = getenv("CG_TEST_FAULT"), *colon;
	LLVMValueRef fn;

	if (f == NULL || (colon = strchr(f, ':')) == NULL ||
	    strncmp(f, flag, (size_t)(colon - f)) != 0 ||
	    flag[colon - f] != '\0')
		return;
	if (strcmp(colon + 1, "abort") == 0)
		abort();
	if (strcmp(colon + 1, "segv") == 0)
		raise(SIGSEGV);
	if (strcmp(colon + 1, "hang") == 0)
		for (;;)
			pause();
	if (strcmp(colon + 1, "invalid") == 0)
		for (fn = LLVMGetFirstFunction(m); fn;
		    fn = LLVMGetNextFunction(fn))
			if (!LLVMIsDeclaration(fn)) {
				/* A block with no terminator. */
				LLVMAppendBasicBlockInContext(
				    LLVMGetModuleContext(m), fn, "fault");
				return;
			}
}

LLVMModuleRef
cg_module_parse_child(int fd, const void *bc, size_t n)
{
	LLVMModuleRef m = cg_module_parse(bc, n);

	if (m == NULL || cg_module_verify(m) < 0) {
		cg_error_prefix("the module");
		cg_child_send_error(fd);
		return NULL;
	}
	cg_child_send(fd, CG_REC_READY, "", 0);
	return m;
}

int
cg_module_child_failed(const struct cg_child *c)
{
	if (!c->ready && cg_errstatus() == CG_EXIT_EPISODE)
		cg_error(CG_EXIT_DATA, "the module does not parse (%s)",
		    cg_errmsg());
	return -1;
}

enum { REC_MODULE = 1 };

struct preparejob {
	struct cg_buf *parts;
	size_t n;
};

static int
prepare_child(void *arg, int fd)
{
	struct preparejob *j = arg;
	struct cg_buf raw = CG_BUF_INIT, out = CG_BUF_INIT;

	if (cg_module_link(j->parts, j->n, &raw) < 0 ||
	    cg_module_normalise(raw.data, raw.len, &out) < 0)
		return cg_child_send_error(fd), 0;
	return cg_child_send(fd, REC_MODULE, out.data, out.len) < 0;
}

/* Runs fn (a child that sends one REC_MODULE record) for *out. */
static int
inchild(cg_child_fn fn, void *arg, struct cg_buf *out)
{
	struct cg_child c;
	unsigned type;
	int r;

	if (cg_child_start(&c, fn, arg) < 0)
		return -1;
	r = cg_child_next(&c, CG_MODULE_READ_TIMEOUT, &type, out);
	cg_child_finish(&c);
	if (r == 1 && type == REC_MODULE)
		return 0;
	if (r >= 0 && type != CG_REC_ERROR)
		return cg_error(CG_EXIT_FAILURE, "no module came back");
	if (r < 0 || cg_errstatus() == CG_EXIT_EPISODE)
		return cg_error(CG_EXIT_DATA, "bitcode does not parse (%s)",
		    cg_errmsg());
	return -1;
}

int
cg_module_prepare(struct cg_buf *parts, size_t n, struct cg_buf *out)
{
	struct preparejob j = { parts, n };

	return inchild(prepare_child, &j, out);
}

static int
check_child(void *arg, int fd)
{
	const struct cg_buf *bc = arg;

	if (cg_module_parse_child(fd, bc->data, bc->len) == NULL)
		return 0;
	return cg_child_send(fd, REC_MODULE, "", 0) < 0;
}

int
cg_module_check(const void *bc, size_t n)
{
	struct cg_buf in = { (unsigned char *)bc, n, n }, out = CG_BUF_INIT;
	int r = inchild(check_child, &in, &out);

	cg_buf_release(&out);
	return r;
}
