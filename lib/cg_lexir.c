/*
 * LexedIr and Inst2vecPreprocessedText.
 *
 * LexedIr.  The text is cut into tokens as LLVM 19's LLLexer does
 * (lib/AsmParser/LLLexer.cpp): white space, ';' comments and C comments
 * are skipped; every other character starts a token, and one that starts
 * none is an Error token of one character.  The four arrays give, per
 * token:
 *   token_id        its lltok::Kind in LLVM 19 (llvm/AsmParser/LLToken.h,
 *                   with the enum attributes of llvm/IR/Attributes.inc in
 *                   place): the index of its kind in kinds[] below, from
 *                   0 "Eof" to 512 "APSInt";
 *   token_kind      that name: "kw_define", "LocalVar", "equal", "Type"...
 *   token_category  "unknown" (Eof, Error), "marker" (dotdotdot to hash),
 *                   "keyword" (kw_*), "uintval" (LabelID, GlobalID,
 *                   LocalVarID, AttrGrpID, SummaryID), "strval" (LabelStr
 *                   to DbgRecordType), "type", "apfloat" or "apsint";
 *   token_value     "" for markers and keywords; the digits of a uintval
 *                   ("3" for %3); the name or string of a strval as
 *                   written, without its sigil, quotes or colon and with
 *                   its escapes left as they are ("f" for @f, "a b" for
 *                   %"a b", "hi\00" for "hi\00", "value" for #dbg_value);
 *                   the token as written for a type ("i32"), an apfloat
 *                   ("1.000000e+00", "0x3FF0000000000000"), an apsint
 *                   ("-7") or an Error.
 * No Eof token is given.  The lexer runs alone, as CompilerGym runs it:
 * where LLParser would make it read "argmem:" in memory(argmem: read) as a
 * keyword and a colon, the lexer alone makes a LabelStr.
 *
 * Inst2vecPreprocessedText.  The text is cut into statements: a statement
 * starts with a line, and goes on over the lines indented by more than two
 * spaces (invoke's "to label", landingpad's clauses) and to the end of an
 * open '[' (switch's cases), except that a debug record ("#dbg_value") is
 * a statement of its own.  Kept are, outside function bodies, global
 * definitions (variables, aliases, ifuncs: "@g = ...") and function
 * headers ("define ... {", without the '{'); inside them, instructions,
 * and block labels, which become "<LABEL>:".  Everything else is dropped:
 * comments, declare, target, source_filename, attributes groups, type and
 * comdat definitions, metadata, debug records, uselistorder, '}'.  Then,
 * token by token:
 *   - a named struct type %T defined by "%T = type BODY" is replaced by
 *     BODY ("{ i32, ptr }", "opaque"), itself with its struct types
 *     replaced, to a depth of 8 (numbered types %0 are left as identifiers,
 *     since values have the same names);
 *   - other local identifiers (%x, %3, %"a b") become <%ID>, globals (@f,
 *     @0) <@ID>;
 *   - floating-point literals become <FLOAT>; strings (c"..." or "...")
 *     <STRING>;
 *   - an integer literal becomes <INT> when a space is before it, unless
 *     that space follows "align" or '[' (inst2vec's rule, which keeps
 *     "[4 x i32]", "<4 x i32>", "align 4", "addrspace(1)", and the first
 *     value of a phi pair "[ 0, %3 ]"), and never in extractvalue,
 *     insertvalue, extractelement and insertelement, whose indices stay;
 *   - metadata attachments (", !dbg !12", "!prof !3"), attribute group
 *     references (#0) and parameter and function attributes (noundef,
 *     nonnull, dereferenceable(8), range(i32 0, 2)...: the enum attributes
 *     of LLVM 19 but align) are dropped;
 *   - tokens are joined by one space where the text had white space or a
 *     comment between them, by none where it had none.
 * Statements that come out empty are dropped.  Examples:
 *   "%3 = add nsw i32 %1, 1"       -> "<%ID> = add nsw i32 <%ID>, <INT>"
 *   "store i32 %x, ptr %p, align 4, !tbaa !3"
 *                                  -> "store i32 <%ID>, ptr <%ID>, align 4"
 *   "define dso_local i32 @main(i32 noundef %0) #0 {"
 *                                  -> "define dso_local i32 <@ID>(i32 <%ID>)"
 */
#include <stdlib.h>
#include <string.h>

#include "cg_error.h"
#include "cg_json.h"
#include "cg_lexir.h"

/* lltok::Kind of LLVM 19, in order: a kind's token_id is its index. */
static const char *const kinds[] = {
	"Eof", "Error", "dotdotdot", "equal", "comma", "star", "lsquare",
	"rsquare", "lbrace", "rbrace", "less", "greater", "lparen", "rparen",
	"exclaim", "bar", "colon", "hash", "kw_vscale", "kw_x", "kw_true",
	"kw_false", "kw_declare", "kw_define", "kw_global", "kw_constant",
	"kw_dso_local", "kw_dso_preemptable", "kw_private", "kw_internal",
	"kw_linkonce", "kw_linkonce_odr", "kw_weak", "kw_weak_odr",
	"kw_appending", "kw_dllimport", "kw_dllexport", "kw_common",
	"kw_available_externally", "kw_default", "kw_hidden", "kw_protected",
	"kw_unnamed_addr", "kw_local_unnamed_addr",
	"kw_externally_initialized", "kw_extern_weak", "kw_external",
	"kw_thread_local", "kw_localdynamic", "kw_initialexec",
	"kw_localexec", "kw_zeroinitializer", "kw_undef", "kw_poison",
	"kw_null", "kw_none", "kw_to", "kw_caller", "kw_within", "kw_from",
	"kw_tail", "kw_musttail", "kw_notail", "kw_target", "kw_triple",
	"kw_source_filename", "kw_unwind", "kw_datalayout", "kw_volatile",
	"kw_atomic", "kw_unordered", "kw_monotonic", "kw_acquire",
	"kw_release", "kw_acq_rel", "kw_seq_cst", "kw_syncscope", "kw_nnan",
	"kw_ninf", "kw_nsz", "kw_arcp", "kw_contract", "kw_reassoc",
	"kw_afn", "kw_fast", "kw_nuw", "kw_nsw", "kw_nusw", "kw_exact",
	"kw_disjoint", "kw_inbounds", "kw_nneg", "kw_inrange",
	"kw_addrspace", "kw_section", "kw_partition", "kw_code_model",
	"kw_alias", "kw_ifunc", "kw_module", "kw_asm", "kw_sideeffect",
	"kw_inteldialect", "kw_gc", "kw_prefix", "kw_prologue", "kw_c",
	"kw_cc", "kw_ccc", "kw_fastcc", "kw_coldcc", "kw_intel_ocl_bicc",
	"kw_cfguard_checkcc", "kw_x86_stdcallcc", "kw_x86_fastcallcc",
	"kw_x86_thiscallcc", "kw_x86_vectorcallcc", "kw_x86_regcallcc",
	"kw_arm_apcscc", "kw_arm_aapcscc", "kw_arm_aapcs_vfpcc",
	"kw_aarch64_vector_pcs", "kw_aarch64_sve_vector_pcs",
	"kw_aarch64_sme_preservemost_from_x0",
	"kw_aarch64_sme_preservemost_from_x1",
	"kw_aarch64_sme_preservemost_from_x2", "kw_msp430_intrcc",
	"kw_avr_intrcc", "kw_avr_signalcc", "kw_ptx_kernel", "kw_ptx_device",
	"kw_spir_kernel", "kw_spir_func", "kw_x86_64_sysvcc", "kw_win64cc",
	"kw_anyregcc", "kw_swiftcc", "kw_swifttailcc", "kw_preserve_mostcc",
	"kw_preserve_allcc", "kw_preserve_nonecc", "kw_ghccc",
	"kw_x86_intrcc", "kw_hhvmcc", "kw_hhvm_ccc", "kw_cxx_fast_tlscc",
	"kw_amdgpu_vs", "kw_amdgpu_ls", "kw_amdgpu_hs", "kw_amdgpu_es",
	"kw_amdgpu_gs", "kw_amdgpu_ps", "kw_amdgpu_cs", "kw_amdgpu_cs_chain",
	"kw_amdgpu_cs_chain_preserve", "kw_amdgpu_kernel", "kw_amdgpu_gfx",
	"kw_tailcc", "kw_m68k_rtdcc", "kw_graalcc", "kw_riscv_vector_cc",
	"kw_attributes", "kw_sync", "kw_async", "kw_allocalign",
	"kw_allocptr", "kw_alwaysinline", "kw_builtin", "kw_cold",
	"kw_convergent", "kw_coro_only_destroy_when_complete",
	"kw_dead_on_unwind", "kw_disable_sanitizer_instrumentation",
	"kw_fn_ret_thunk_extern", "kw_hot", "kw_hybrid_patchable",
	"kw_immarg", "kw_inreg", "kw_inlinehint", "kw_jumptable",
	"kw_minsize", "kw_mustprogress", "kw_naked", "kw_nest", "kw_noalias",
	"kw_nobuiltin", "kw_nocallback", "kw_nocapture", "kw_nocf_check",
	"kw_noduplicate", "kw_nofree", "kw_noimplicitfloat", "kw_noinline",
	"kw_nomerge", "kw_noprofile", "kw_norecurse", "kw_noredzone",
	"kw_noreturn", "kw_nosanitize_bounds", "kw_nosanitize_coverage",
	"kw_nosync", "kw_noundef", "kw_nounwind", "kw_nonlazybind",
	"kw_nonnull", "kw_null_pointer_is_valid", "kw_optforfuzzing",
	"kw_optdebug", "kw_optsize", "kw_optnone", "kw_presplitcoroutine",
	"kw_readnone", "kw_readonly", "kw_returned", "kw_returns_twice",
	"kw_signext", "kw_safestack", "kw_sanitize_address",
	"kw_sanitize_hwaddress", "kw_sanitize_memtag", "kw_sanitize_memory",
	"kw_sanitize_numerical_stability", "kw_sanitize_thread",
	"kw_shadowcallstack", "kw_skipprofile", "kw_speculatable",
	"kw_speculative_load_hardening", "kw_ssp", "kw_sspreq",
	"kw_sspstrong", "kw_strictfp", "kw_swiftasync", "kw_swifterror",
	"kw_swiftself", "kw_willreturn", "kw_writable", "kw_writeonly",
	"kw_zeroext", "kw_byref", "kw_byval", "kw_elementtype",
	"kw_inalloca", "kw_preallocated", "kw_sret", "kw_align",
	"kw_allockind", "kw_allocsize", "kw_dereferenceable",
	"kw_dereferenceable_or_null", "kw_memory", "kw_nofpclass",
	"kw_alignstack", "kw_uwtable", "kw_vscale_range", "kw_range",
	"kw_initializes", "kw_read", "kw_write", "kw_readwrite", "kw_argmem",
	"kw_inaccessiblemem", "kw_argmemonly", "kw_inaccessiblememonly",
	"kw_inaccessiblemem_or_argmemonly", "kw_all", "kw_nan", "kw_snan",
	"kw_qnan", "kw_inf", "kw_pinf", "kw_norm", "kw_nnorm", "kw_pnorm",
	"kw_nsub", "kw_psub", "kw_zero", "kw_nzero", "kw_pzero", "kw_type",
	"kw_opaque", "kw_comdat", "kw_any", "kw_exactmatch", "kw_largest",
	"kw_nodeduplicate", "kw_samesize", "kw_eq", "kw_ne", "kw_slt",
	"kw_sgt", "kw_sle", "kw_sge", "kw_ult", "kw_ugt", "kw_ule", "kw_uge",
	"kw_oeq", "kw_one", "kw_olt", "kw_ogt", "kw_ole", "kw_oge", "kw_ord",
	"kw_uno", "kw_ueq", "kw_une", "kw_xchg", "kw_nand", "kw_max",
	"kw_min", "kw_umax", "kw_umin", "kw_fmax", "kw_fmin", "kw_uinc_wrap",
	"kw_udec_wrap", "kw_fneg", "kw_add", "kw_fadd", "kw_sub", "kw_fsub",
	"kw_mul", "kw_fmul", "kw_udiv", "kw_sdiv", "kw_fdiv", "kw_urem",
	"kw_srem", "kw_frem", "kw_shl", "kw_lshr", "kw_ashr", "kw_and",
	"kw_or", "kw_xor", "kw_icmp", "kw_fcmp", "kw_phi", "kw_call",
	"kw_trunc", "kw_zext", "kw_sext", "kw_fptrunc", "kw_fpext",
	"kw_uitofp", "kw_sitofp", "kw_fptoui", "kw_fptosi", "kw_inttoptr",
	"kw_ptrtoint", "kw_bitcast", "kw_addrspacecast", "kw_select",
	"kw_va_arg", "kw_landingpad", "kw_personality", "kw_cleanup",
	"kw_catch", "kw_filter", "kw_ret", "kw_br", "kw_switch",
	"kw_indirectbr", "kw_invoke", "kw_resume", "kw_unreachable",
	"kw_cleanupret", "kw_catchswitch", "kw_catchret", "kw_catchpad",
	"kw_cleanuppad", "kw_callbr", "kw_alloca", "kw_load", "kw_store",
	"kw_fence", "kw_cmpxchg", "kw_atomicrmw", "kw_getelementptr",
	"kw_extractelement", "kw_insertelement", "kw_shufflevector",
	"kw_splat", "kw_extractvalue", "kw_insertvalue", "kw_blockaddress",
	"kw_dso_local_equivalent", "kw_no_cfi", "kw_ptrauth", "kw_freeze",
	"kw_distinct", "kw_uselistorder", "kw_uselistorder_bb", "kw_path",
	"kw_hash", "kw_gv", "kw_guid", "kw_name", "kw_summaries", "kw_flags",
	"kw_blockcount", "kw_linkage", "kw_visibility",
	"kw_notEligibleToImport", "kw_live", "kw_dsoLocal", "kw_canAutoHide",
	"kw_importType", "kw_definition", "kw_declaration", "kw_function",
	"kw_insts", "kw_funcFlags", "kw_readNone", "kw_readOnly",
	"kw_noRecurse", "kw_returnDoesNotAlias", "kw_noInline",
	"kw_alwaysInline", "kw_noUnwind", "kw_mayThrow", "kw_hasUnknownCall",
	"kw_mustBeUnreachable", "kw_calls", "kw_callee", "kw_params",
	"kw_param", "kw_hotness", "kw_unknown", "kw_critical", "kw_relbf",
	"kw_variable", "kw_vTableFuncs", "kw_virtFunc", "kw_aliasee",
	"kw_refs", "kw_typeIdInfo", "kw_typeTests",
	"kw_typeTestAssumeVCalls", "kw_typeCheckedLoadVCalls",
	"kw_typeTestAssumeConstVCalls", "kw_typeCheckedLoadConstVCalls",
	"kw_vFuncId", "kw_offset", "kw_args", "kw_typeid",
	"kw_typeidCompatibleVTable", "kw_summary", "kw_typeTestRes",
	"kw_kind", "kw_unsat", "kw_byteArray", "kw_inline", "kw_single",
	"kw_allOnes", "kw_sizeM1BitWidth", "kw_alignLog2", "kw_sizeM1",
	"kw_bitMask", "kw_inlineBits", "kw_vcall_visibility",
	"kw_wpdResolutions", "kw_wpdRes", "kw_indir", "kw_singleImpl",
	"kw_branchFunnel", "kw_singleImplName", "kw_resByArg", "kw_byArg",
	"kw_uniformRetVal", "kw_uniqueRetVal", "kw_virtualConstProp",
	"kw_info", "kw_byte", "kw_bit", "kw_varFlags", "kw_callsites",
	"kw_clones", "kw_stackIds", "kw_allocs", "kw_versions", "kw_memProf",
	"kw_notcold", "kw_no_sanitize_address", "kw_no_sanitize_hwaddress",
	"kw_sanitize_address_dyninit", "LabelID", "GlobalID", "LocalVarID",
	"AttrGrpID", "SummaryID", "LabelStr", "GlobalVar", "ComdatVar",
	"LocalVar", "MetadataVar", "StringConstant", "DwarfTag",
	"DwarfAttEncoding", "DwarfVirtuality", "DwarfLang", "DwarfCC",
	"EmissionKind", "NameTableKind", "DwarfOp", "DIFlag", "DISPFlag",
	"DwarfMacinfo", "ChecksumKind", "DbgRecordType", "Type", "APFloat",
	"APSInt",
};

enum {
	K_EOF, K_ERROR, K_DOTDOTDOT, K_EQUAL, K_COMMA, K_STAR, K_LSQUARE,
	K_RSQUARE, K_LBRACE, K_RBRACE, K_LESS, K_GREATER, K_LPAREN, K_RPAREN,
	K_EXCLAIM, K_BAR, K_COLON, K_HASH,
	K_FIRSTKW	/* kw_vscale */
};

enum {
	K_LABELID = 486, K_GLOBALID, K_LOCALVARID, K_ATTRGRPID, K_SUMMARYID,
	K_LABELSTR, K_GLOBALVAR, K_COMDATVAR, K_LOCALVAR, K_METADATAVAR,
	K_STRINGCONSTANT, K_DWARFTAG, K_DWARFATTENCODING, K_DWARFVIRTUALITY,
	K_DWARFLANG, K_DWARFCC, K_EMISSIONKIND, K_NAMETABLEKIND, K_DWARFOP,
	K_DIFLAG, K_DISPFLAG, K_DWARFMACINFO, K_CHECKSUMKIND, K_DBGRECORDTYPE,
	K_TYPE, K_APFLOAT, K_APSINT
};

#define K_LASTKW (K_LABELID - 1)
#define NKW (K_LASTKW - K_FIRSTKW + 1)

_Static_assert(sizeof(kinds) / sizeof(kinds[0]) == K_APSINT + 1,
    "kinds[] and the K_ constants disagree");

const char *
cg_lexir_kind(int id)
{
	return id >= 0 && id <= K_APSINT ? kinds[id] : NULL;
}

static const char *
category(int k)
{
	if (k <= K_ERROR)
		return "unknown";
	if (k < K_FIRSTKW)
		return "marker";
	if (k <= K_LASTKW)
		return "keyword";
	if (k < K_LABELSTR)
		return "uintval";
	if (k < K_TYPE)
		return "strval";
	return k == K_TYPE ? "type" : k == K_APFLOAT ? "apfloat" : "apsint";
}

/* The keyword kinds sorted by spelling (their names without "kw_"). */
static int kwsorted[NKW];

static int
cmpkw(const void *a, const void *b)
{
	return strcmp(kinds[*(const int *)a] + 3, kinds[*(const int *)b] + 3);
}

/* The kind of keyword s[0..n), -1 if it is none. */
static int
keyword(const char *s, size_t n)
{
	size_t lo = 0, hi = NKW;
	int i;

	if (kwsorted[0] == 0) {
		for (i = 0; i < NKW; i++)
			kwsorted[i] = K_FIRSTKW + i;
		qsort(kwsorted, NKW, sizeof(kwsorted[0]), cmpkw);
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *name = kinds[kwsorted[mid]] + 3;
		int c = strncmp(name, s, n);

		if (c == 0)
			c = name[n] != '\0';
		if (c == 0)
			return kwsorted[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int
isdig(int c)
{
	return c >= '0' && c <= '9';
}

static int
isalph(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
isaln(int c)
{
	return isalph(c) || isdig(c);
}

static int
isxdig(int c)
{
	return isdig(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* [-a-zA-Z$._0-9] */
static int
islabelchar(int c)
{
	return isaln(c) || c == '-' || c == '$' || c == '.' || c == '_';
}

struct tok {
	int kind;
	const char *s, *e;	/* the token's text */
	const char *vs, *ve;	/* its value, for uintvals and strvals */
	int nl;			/* a line starts before it */
	int gap;		/* white space or a comment is before it */
	int col;		/* the column it starts at */
};

/* The text, copied to end in a NUL as LLLexer expects. */
struct lexer {
	char *buf;
	const char *p, *end, *line;
};

static void
setvalue(struct tok *t, const char *s, const char *e)
{
	t->vs = s;
	t->ve = e;
}

/* The end of a label "[-a-zA-Z$._0-9]*:" at p, after its ':'; or NULL. */
static const char *
labeltail(const char *p)
{
	for (;; p++) {
		if (*p == ':')
			return p + 1;
		if (!islabelchar((unsigned char)*p))
			return NULL;
	}
}

/* A name "[-a-zA-Z$._][-a-zA-Z$._0-9]*" at *pp: 1 and *pp past it. */
static int
varname(const char **pp)
{
	const char *p = *pp;

	if (!islabelchar((unsigned char)*p) || isdig(*p))
		return 0;
	while (islabelchar((unsigned char)*p))
		p++;
	*pp = p;
	return 1;
}

/* "[0-9]+" after the sigil at s. */
static int
uintid(const char *s, const char **pp, struct tok *t, int kind)
{
	const char *p = s + 1;

	*pp = p;
	if (!isdig(*p))
		return K_ERROR;
	while (isdig(*p))
		p++;
	setvalue(t, s + 1, p);
	*pp = p;
	return kind;
}

/* The string that opens at q: its value and *pp past its quote. */
static int
quoted(const char *q, const char *end, const char **pp, struct tok *t,
    int kind)
{
	const char *e = memchr(q + 1, '"', (size_t)(end - q - 1));

	if (e == NULL) {
		*pp = end;
		return K_ERROR;
	}
	setvalue(t, q + 1, e);
	*pp = e + 1;
	return kind;
}

/* @ and %: a name, a quoted name or a number. */
static int
lexvar(const char *s, const char *end, const char **pp, struct tok *t,
    int var, int varid)
{
	const char *p = s + 1;

	if (*p == '"')
		return quoted(p, end, pp, t, var);
	if (varname(&p)) {
		setvalue(t, s + 1, p);
		*pp = p;
		return var;
	}
	return uintid(s, pp, t, varid);
}

static int
lexdollar(const char *s, const char *end, const char **pp, struct tok *t)
{
	const char *p = s + 1, *q;

	if ((q = labeltail(s)) != NULL) {
		setvalue(t, s, q - 1);
		*pp = q;
		return K_LABELSTR;
	}
	if (*p == '"')
		return quoted(p, end, pp, t, K_COMDATVAR);
	*pp = s + 1;
	if (!varname(&p))
		return K_ERROR;
	setvalue(t, s + 1, p);
	*pp = p;
	return K_COMDATVAR;
}

static int
lexquote(const char *s, const char *end, const char **pp, struct tok *t)
{
	int k = quoted(s, end, pp, t, K_STRINGCONSTANT);

	if (k == K_STRINGCONSTANT && **pp == ':') {
		(*pp)++;
		k = K_LABELSTR;
	}
	return k;
}

static int
ismetachar(int c)
{
	return isalph(c) || c == '-' || c == '$' || c == '.' || c == '_' ||
	    c == '\\';
}

static int
lexexclaim(const char *s, const char **pp, struct tok *t)
{
	const char *p = s + 1;

	*pp = p;
	if (!ismetachar(*p))
		return K_EXCLAIM;
	while (ismetachar(*p) || isdig(*p))
		p++;
	setvalue(t, s + 1, p);
	*pp = p;
	return K_METADATAVAR;
}

/* Past "[0-9]*([eE][-+]?[0-9]+)?" at p. */
static const char *
fraction(const char *p)
{
	while (isdig(*p))
		p++;
	if ((*p == 'e' || *p == 'E') && (isdig(p[1]) ||
	    ((p[1] == '-' || p[1] == '+') && isdig(p[2])))) {
		p += 2;
		while (isdig(*p))
			p++;
	}
	return p;
}

/* 0x[KLMHR]?[0-9A-Fa-f]+ */
static int
lex0x(const char *s, const char **pp)
{
	const char *p = s + 2;

	if ((*p >= 'K' && *p <= 'M') || *p == 'H' || *p == 'R')
		p++;
	*pp = s + 1;
	if (!isxdig(*p))
		return K_ERROR;
	while (isxdig(*p))
		p++;
	*pp = p;
	return K_APFLOAT;
}

/* A label, an integer or a floating-point number, maybe negative. */
static int
lexnumber(const char *s, const char **pp, struct tok *t)
{
	const char *p = s + 1, *q;

	if (!isdig(s[0]) && !isdig(*p)) {
		*pp = p;
		if ((q = labeltail(p)) == NULL)
			return K_ERROR;
		setvalue(t, s, q - 1);
		*pp = q;
		return K_LABELSTR;
	}
	while (isdig(*p))
		p++;
	if (isdig(s[0]) && *p == ':') {
		setvalue(t, s, p);
		*pp = p + 1;
		return K_LABELID;
	}
	if ((islabelchar((unsigned char)*p) || *p == ':') &&
	    (q = labeltail(p)) != NULL) {
		setvalue(t, s, q - 1);
		*pp = q;
		return K_LABELSTR;
	}
	if (*p != '.') {
		if (s[0] == '0' && s[1] == 'x')
			return lex0x(s, pp);
		*pp = p;
		return K_APSINT;
	}
	*pp = fraction(p + 1);
	return K_APFLOAT;
}

static int
lexpositive(const char *s, const char **pp)
{
	const char *p = s + 1;

	*pp = p;
	if (!isdig(*p))
		return K_ERROR;
	while (isdig(*p))
		p++;
	if (*p != '.')
		return K_ERROR;
	*pp = fraction(p + 1);
	return K_APFLOAT;
}

static const char *const typewords[] = {
	"void", "half", "bfloat", "float", "double", "x86_fp80", "fp128",
	"ppc_fp128", "label", "metadata", "x86_mmx", "x86_amx", "token", "ptr",
};

static const struct {
	const char *prefix;
	int kind;
} prefixes[] = {
	{ "DW_TAG_", K_DWARFTAG }, { "DW_ATE_", K_DWARFATTENCODING },
	{ "DW_VIRTUALITY_", K_DWARFVIRTUALITY }, { "DW_LANG_", K_DWARFLANG },
	{ "DW_CC_", K_DWARFCC }, { "DW_OP_", K_DWARFOP },
	{ "DW_MACINFO_", K_DWARFMACINFO }, { "DIFlag", K_DIFLAG },
	{ "DISPFlag", K_DISPFLAG }, { "CSK_", K_CHECKSUMKIND },
};

static const struct {
	const char *word;
	int kind;
} words[] = {
	{ "dbg_value", K_DBGRECORDTYPE }, { "dbg_declare", K_DBGRECORDTYPE },
	{ "dbg_assign", K_DBGRECORDTYPE }, { "dbg_label", K_DBGRECORDTYPE },
	{ "NoDebug", K_EMISSIONKIND }, { "FullDebug", K_EMISSIONKIND },
	{ "LineTablesOnly", K_EMISSIONKIND },
	{ "DebugDirectivesOnly", K_EMISSIONKIND },
	{ "GNU", K_NAMETABLEKIND }, { "Apple", K_NAMETABLEKIND },
	{ "None", K_NAMETABLEKIND }, { "Default", K_NAMETABLEKIND },
};

static int
isword(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(s, w, n) == 0;
}

/* A label, an integer type, a keyword or a hexadecimal integer. */
static int
lexident(const char *s, const char **pp, struct tok *t)
{
	const char *start = s + 1, *p, *intend, *kwend = NULL, *q;
	size_t i, n;
	int k;

	intend = s[0] == 'i' ? NULL : start;
	for (p = start; islabelchar((unsigned char)*p); p++) {
		if (intend == NULL && !isdig(*p))
			intend = p;
		if (kwend == NULL && !isaln(*p) && *p != '_')
			kwend = p;
	}
	if (*p == ':') {
		setvalue(t, s, p);
		*pp = p + 1;
		return K_LABELSTR;
	}
	if (intend == NULL)
		intend = p;
	if (intend != start) {
		*pp = intend;
		return K_TYPE;
	}
	if (kwend != NULL)
		p = kwend;
	*pp = p;
	n = (size_t)(p - s);
	if ((k = keyword(s, n)) >= 0)
		return k;
	for (i = 0; i < sizeof(typewords) / sizeof(typewords[0]); i++)
		if (isword(s, n, typewords[i]))
			return K_TYPE;
	setvalue(t, s, p);
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (strncmp(s, prefixes[i].prefix,
		    strlen(prefixes[i].prefix)) == 0)
			return prefixes[i].kind;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (isword(s, n, words[i].word)) {
			if (words[i].kind == K_DBGRECORDTYPE)
				setvalue(t, s + 4, p);
			return words[i].kind;
		}
	if ((s[0] == 'u' || s[0] == 's') && s[1] == '0' && s[2] == 'x' &&
	    isxdig(s[3])) {
		for (q = s + 3; q < p; q++)
			if (!isxdig(*q)) {
				*pp = s + 3;
				return K_ERROR;
			}
		return K_APSINT;
	}
	if (s[0] == 'c' && s[1] == 'c') {
		*pp = s + 2;
		return keyword("cc", 2);
	}
	*pp = s + 1;
	return K_ERROR;
}

/* The token that starts at s; *pp past it. */
static int
lextoken(const char *s, const char *end, const char **pp, struct tok *t)
{
	const char *q;

	*pp = s + 1;
	switch (*s) {
	case '+': return lexpositive(s, pp);
	case '@': return lexvar(s, end, pp, t, K_GLOBALVAR, K_GLOBALID);
	case '$': return lexdollar(s, end, pp, t);
	case '%': return lexvar(s, end, pp, t, K_LOCALVAR, K_LOCALVARID);
	case '"': return lexquote(s, end, pp, t);
	case '.':
		if ((q = labeltail(s + 1)) != NULL) {
			setvalue(t, s, q - 1);
			*pp = q;
			return K_LABELSTR;
		}
		if (s[1] == '.' && s[2] == '.') {
			*pp = s + 3;
			return K_DOTDOTDOT;
		}
		return K_ERROR;
	case '!': return lexexclaim(s, pp, t);
	case '^': return uintid(s, pp, t, K_SUMMARYID);
	case ':': return K_COLON;
	case '#':
		if (isdig(s[1]))
			return uintid(s, pp, t, K_ATTRGRPID);
		return K_HASH;
	case '=': return K_EQUAL;
	case '[': return K_LSQUARE;
	case ']': return K_RSQUARE;
	case '{': return K_LBRACE;
	case '}': return K_RBRACE;
	case '<': return K_LESS;
	case '>': return K_GREATER;
	case '(': return K_LPAREN;
	case ')': return K_RPAREN;
	case ',': return K_COMMA;
	case '*': return K_STAR;
	case '|': return K_BAR;
	}
	if (isdig(*s) || *s == '-')
		return lexnumber(s, pp, t);
	if (isalph(*s) || *s == '_')
		return lexident(s, pp, t);
	return K_ERROR;
}

static void
lexer_init(struct lexer *lx, const char *ir, size_t n)
{
	lx->buf = cg_malloc(n + 1);
	memcpy(lx->buf, ir, n);
	lx->buf[n] = '\0';
	lx->p = lx->line = lx->buf;
	lx->end = lx->buf + n;
}

/* The next token in t: 1, or 0 at the end of the text. */
static int
lex(struct lexer *lx, struct tok *t)
{
	const char *p = lx->p, *q;

	memset(t, 0, sizeof(*t));
	for (; p < lx->end; p++) {
		if (*p == '\n') {
			t->nl = t->gap = 1;
			lx->line = p + 1;
		} else if (*p == ' ' || *p == '\t' || *p == '\r' ||
		    *p == '\0') {
			t->gap = 1;
		} else if (*p == ';') {
			t->gap = 1;
			while (p + 1 < lx->end && p[1] != '\n')
				p++;
		} else if (*p == '/' && p[1] == '*' &&
		    (q = strstr(p + 2, "*/")) != NULL) {
			t->gap = 1;
			for (; p < q + 1; p++)
				if (*p == '\n') {
					t->nl = 1;
					lx->line = p + 1;
				}
		} else {
			break;
		}
	}
	if (p >= lx->end) {
		lx->p = p;
		return 0;
	}
	t->s = p;
	t->col = (int)(p - lx->line);
	t->kind = lextoken(p, lx->end, &lx->p, t);
	if (lx->p > lx->end)
		lx->p = lx->end;
	t->e = lx->p;
	return 1;
}

/* Appends name:[a] for one of LexedIr's arrays. */
static void
addarray(struct cg_buf *out, const char *name, const struct cg_buf *a)
{
	cg_buf_addf(out, "\"%s\":[", name);
	cg_buf_add(out, a->data, a->len);
	cg_buf_addstr(out, "]");
}

int
cg_lexir_json(const char *ir, size_t n, struct cg_buf *out)
{
	struct cg_buf ids = CG_BUF_INIT, names = CG_BUF_INIT;
	struct cg_buf cats = CG_BUF_INIT, vals = CG_BUF_INIT;
	struct lexer lx;
	struct tok t;
	const char *sep = "";

	lexer_init(&lx, ir, n);
	while (lex(&lx, &t)) {
		cg_buf_addf(&ids, "%s%d", sep, t.kind);
		cg_buf_addf(&names, "%s\"%s\"", sep, kinds[t.kind]);
		cg_buf_addf(&cats, "%s\"%s\"", sep, category(t.kind));
		cg_buf_addstr(&vals, sep);
		if (t.kind >= K_DOTDOTDOT && t.kind <= K_LASTKW)
			cg_buf_addstr(&vals, "\"\"");
		else if (t.kind >= K_LABELID && t.kind < K_TYPE && t.vs)
			cg_json_string(&vals, t.vs, (size_t)(t.ve - t.vs));
		else
			cg_json_string(&vals, t.s, (size_t)(t.e - t.s));
		sep = ",";
	}
	cg_buf_addstr(out, "{");
	addarray(out, "token_id", &ids);
	cg_buf_addstr(out, ",");
	addarray(out, "token_kind", &names);
	cg_buf_addstr(out, ",");
	addarray(out, "token_category", &cats);
	cg_buf_addstr(out, ",");
	addarray(out, "token_value", &vals);
	cg_buf_addstr(out, "}");
	cg_buf_release(&ids);
	cg_buf_release(&names);
	cg_buf_release(&cats);
	cg_buf_release(&vals);
	free(lx.buf);
	return 0;
}

/* Inst2vec: the tokens of the whole text, then its statements. */
struct i2v {
	struct tok *t;
	size_t n, cap;
	struct structdef *defs;
	size_t ndefs, capdefs;
	int define, type, align, c, uselistorder, uselistorder_bb;
	int extractvalue, insertvalue, extractelement, insertelement;
	int attr0, attr1, legacy0, legacy1;	/* attribute keyword ranges */
};

/* A named struct type and its body, tokens [first, last). */
struct structdef {
	const char *name;
	size_t len, first, last;
};

static int
cmpdef(const void *a, const void *b)
{
	const struct structdef *x = a, *y = b;
	int c = memcmp(x->name, y->name, x->len < y->len ? x->len : y->len);

	if (c == 0)
		c = x->len < y->len ? -1 : x->len > y->len;
	return c;
}

static const struct structdef *
find_def(const struct i2v *v, const char *name, size_t len)
{
	struct structdef key = { name, len, 0, 0 };

	if (v->ndefs == 0)
		return NULL;
	return bsearch(&key, v->defs, v->ndefs, sizeof(*v->defs), cmpdef);
}

/* The end of the statement that starts at token i. */
static size_t
stmt_end(const struct i2v *v, size_t i)
{
	const struct tok *t = v->t;
	size_t j;
	int depth = 0;

	for (j = i; j < v->n; j++) {
		if (j > i && t[j].nl && depth <= 0 &&
		    (t[j].col <= 2 || t[j].kind == K_HASH))
			break;
		if (t[j].kind == K_LSQUARE)
			depth++;
		else if (t[j].kind == K_RSQUARE)
			depth--;
	}
	return j;
}

static void
i2v_init(struct i2v *v, const char *ir, size_t n, struct lexer *lx)
{
	size_t i, e;

	memset(v, 0, sizeof(*v));
	lexer_init(lx, ir, n);
	for (;;) {
		if (v->n == v->cap) {
			v->cap = v->cap ? 2 * v->cap : 1024;
			v->t = cg_realloc(v->t, v->cap * sizeof(*v->t));
		}
		if (!lex(lx, &v->t[v->n]))
			break;
		v->n++;
	}
#define KW(s) keyword(s, strlen(s))
	v->define = KW("define");
	v->type = KW("type");
	v->align = KW("align");
	v->c = KW("c");
	v->uselistorder = KW("uselistorder");
	v->uselistorder_bb = KW("uselistorder_bb");
	v->extractvalue = KW("extractvalue");
	v->insertvalue = KW("insertvalue");
	v->extractelement = KW("extractelement");
	v->insertelement = KW("insertelement");
	v->attr0 = KW("allocalign");	/* the first of Attributes.inc */
	v->attr1 = KW("initializes");	/* the last */
	v->legacy0 = KW("argmemonly");
	v->legacy1 = KW("inaccessiblemem_or_argmemonly");
#undef KW
	for (i = 0; i < v->n; i = e) {
		const struct tok *t = &v->t[i];

		e = stmt_end(v, i);
		if (t[0].kind != K_LOCALVAR || e - i < 3 ||
		    t[1].kind != K_EQUAL || t[2].kind != v->type)
			continue;
		if (v->ndefs == v->capdefs) {
			v->capdefs = v->capdefs ? 2 * v->capdefs : 64;
			v->defs = cg_realloc(v->defs,
			    v->capdefs * sizeof(*v->defs));
		}
		v->defs[v->ndefs++] = (struct structdef){ t->vs,
		    (size_t)(t->ve - t->vs), i + 3, e };
	}
	if (v->ndefs)
		qsort(v->defs, v->ndefs, sizeof(*v->defs), cmpdef);
}

struct emit {
	struct cg_buf *b;
	int prev;	/* the kind of the last token written, -1 if none */
};

/* Writes s[0..n) in place of token t. */
static void
put(struct emit *w, const struct tok *t, const char *s, size_t n)
{
	if (w->prev >= 0 && t->gap)
		cg_buf_addstr(w->b, " ");
	cg_buf_add(w->b, s, n);
	w->prev = t->kind;
}

/* Writes the body of struct type d in place of token at. */
static void
put_struct(const struct i2v *v, struct emit *w, const struct tok *at,
    const struct structdef *d, int depth)
{
	const struct structdef *d2;
	size_t j;

	for (j = d->first; j < d->last; j++) {
		struct tok t = v->t[j];

		if (j == d->first)
			t.gap = at->gap;
		if (t.kind == K_LOCALVAR && depth < 8 && (d2 = find_def(v,
		    t.vs, (size_t)(t.ve - t.vs))) != NULL)
			put_struct(v, w, &t, d2, depth + 1);
		else
			put(w, &t, t.s, (size_t)(t.e - t.s));
	}
}

/* Past the group that opens at t[i] ('(' or '{') and its matching close. */
static size_t
skip_group(const struct tok *t, size_t n, size_t i)
{
	int open = t[i].kind, close = open == K_LPAREN ? K_RPAREN : K_RBRACE;
	int depth = 0;

	for (; i < n; i++)
		if (t[i].kind == open)
			depth++;
		else if (t[i].kind == close && --depth == 0)
			return i + 1;
	return n;
}

/* Past the metadata at t[i] after a '!': 12, {...}, "s", or !DIx(...). */
static size_t
skip_mdvalue(const struct tok *t, size_t n, size_t i)
{
	if (i >= n)
		return n;
	if (t[i].kind == K_LBRACE)
		return skip_group(t, n, i);
	if (t[i].kind == K_METADATAVAR && i + 1 < n &&
	    t[i + 1].kind == K_LPAREN && !t[i + 1].gap)
		return skip_group(t, n, i + 1);
	return i + 1;
}

/* Past the attachment "!name !value" at t[i]; i if there is none. */
static size_t
skip_attachment(const struct tok *t, size_t n, size_t i)
{
	if (i + 1 >= n || t[i].kind != K_METADATAVAR)
		return i;
	if (t[i + 1].kind == K_EXCLAIM)
		return skip_mdvalue(t, n, i + 2);
	if (t[i + 1].kind == K_METADATAVAR)
		return skip_mdvalue(t, n, i + 1);
	return i;
}

static int
isattr(const struct i2v *v, int k)
{
	return k != v->align && ((k >= v->attr0 && k <= v->attr1) ||
	    (k >= v->legacy0 && k <= v->legacy1));
}

/* Writes statement [i, end) normalised to out. */
static void
normalise(const struct i2v *v, size_t i, size_t end, struct cg_buf *out)
{
	const struct tok *t = v->t;
	const struct structdef *d;
	struct emit w = { out, -1 };
	size_t op = i, s;
	int o, keepints;

	if (end - i >= 3 && (t[i].kind == K_LOCALVAR ||
	    t[i].kind == K_LOCALVARID) && t[i + 1].kind == K_EQUAL)
		op = i + 2;
	o = t[op].kind;
	keepints = o == v->extractvalue || o == v->insertvalue ||
	    o == v->extractelement || o == v->insertelement;
	if (t[i].kind == v->define && t[end - 1].kind == K_LBRACE)
		end--;
	while (i < end) {
		const struct tok *k = &t[i];

		if (k->kind == K_COMMA && i + 1 < end &&
		    (s = skip_attachment(t, end, i + 1)) > i + 1) {
			i = s;
			continue;
		}
		if ((s = skip_attachment(t, end, i)) > i) {
			i = s;
			continue;
		}
		if (k->kind == K_ATTRGRPID || isattr(v, k->kind)) {
			i++;
			if (k->kind != K_ATTRGRPID && i < end &&
			    t[i].kind == K_LPAREN && !t[i].gap)
				i = skip_group(t, end, i);
			continue;
		}
		switch (k->kind) {
		case K_LOCALVAR:
			d = find_def(v, k->vs, (size_t)(k->ve - k->vs));
			if (d != NULL) {
				put_struct(v, &w, k, d, 0);
				break;
			}
			/* FALLTHROUGH */
		case K_LOCALVARID:
			put(&w, k, "<%ID>", 5);
			break;
		case K_GLOBALVAR:
		case K_GLOBALID:
			put(&w, k, "<@ID>", 5);
			break;
		case K_APFLOAT:
			put(&w, k, "<FLOAT>", 7);
			break;
		case K_STRINGCONSTANT:
			put(&w, k, "<STRING>", 8);
			break;
		case K_APSINT:
			if (keepints || !k->gap || w.prev == K_LSQUARE ||
			    w.prev == v->align)
				put(&w, k, k->s, (size_t)(k->e - k->s));
			else
				put(&w, k, "<INT>", 5);
			break;
		default:
			if (k->kind == v->c && i + 1 < end && !t[i + 1].gap &&
			    t[i + 1].kind == K_STRINGCONSTANT) {
				put(&w, k, "<STRING>", 8);
				i++;
			} else {
				put(&w, k, k->s, (size_t)(k->e - k->s));
			}
		}
		i++;
	}
}

int
cg_lexir_inst2vec(const char *ir, size_t n, struct cg_buf *out)
{
	struct cg_buf st = CG_BUF_INIT;
	struct lexer lx;
	struct i2v v;
	size_t i, e;
	int infunc = 0, keep;
	const char *sep = "";

	i2v_init(&v, ir, n, &lx);
	cg_buf_addstr(out, "[");
	for (i = 0; i < v.n; i = e) {
		int k = v.t[i].kind;

		e = stmt_end(&v, i);
		cg_buf_reset(&st);
		keep = 0;
		if (!infunc) {
			keep = k == v.define || k == K_GLOBALVAR ||
			    k == K_GLOBALID;
			infunc = k == v.define && v.t[e - 1].kind == K_LBRACE;
		} else if (k == K_RBRACE && v.t[i].col == 0) {
			infunc = 0;
		} else if (k == K_LABELSTR || k == K_LABELID) {
			cg_buf_addstr(&st, "<LABEL>:");
		} else {
			keep = k != K_HASH && k != v.uselistorder &&
			    k != v.uselistorder_bb;
		}
		if (keep)
			normalise(&v, i, e, &st);
		if (st.len == 0)
			continue;
		cg_buf_addstr(out, sep);
		cg_json_string(out, (const char *)st.data, st.len);
		sep = ",";
	}
	cg_buf_addstr(out, "]");
	cg_buf_release(&st);
	free(v.t);
	free(v.defs);
	free(lx.buf);
	return 0;
}
