#include <stdlib.h>
#include <string.h>

#include "cg_error.h"
#include "cg_features.h"

static const char *const instcount_names[CG_INSTCOUNT_N] = {
	"TotalInsts", "TotalBlocks", "TotalFuncs", "Ret",
	"Br", "Switch", "IndirectBr", "Invoke",
	"Resume", "Unreachable", "CleanupRet", "CatchRet",
	"CatchSwitch", "CallBr", "FNeg", "Add",
	"FAdd", "Sub", "FSub", "Mul",
	"FMul", "UDiv", "SDiv", "FDiv",
	"URem", "SRem", "FRem", "Shl",
	"LShr", "AShr", "And", "Or",
	"Xor", "Alloca", "Load", "Store",
	"GetElementPtr", "Fence", "AtomicCmpXchg", "AtomicRMW",
	"Trunc", "ZExt", "SExt", "FPToUI",
	"FPToSI", "UIToFP", "SIToFP", "FPTrunc",
	"FPExt", "PtrToInt", "IntToPtr", "BitCast",
	"AddrSpaceCast", "CleanupPad", "CatchPad", "ICmp",
	"FCmp", "PHI", "Call", "Select",
	"UserOp1", "UserOp2", "VAArg", "ExtractElement",
	"InsertElement", "ShuffleVector", "ExtractValue", "InsertValue",
	"LandingPad", "Freeze",
};

/* LLVM-C opcode of each InstCount feature from index 3 on. */
static const LLVMOpcode instcount_ops[CG_INSTCOUNT_N - 3] = {
	LLVMRet, LLVMBr, LLVMSwitch, LLVMIndirectBr,
	LLVMInvoke, LLVMResume, LLVMUnreachable, LLVMCleanupRet,
	LLVMCatchRet, LLVMCatchSwitch, LLVMCallBr, LLVMFNeg,
	LLVMAdd, LLVMFAdd, LLVMSub, LLVMFSub,
	LLVMMul, LLVMFMul, LLVMUDiv, LLVMSDiv,
	LLVMFDiv, LLVMURem, LLVMSRem, LLVMFRem,
	LLVMShl, LLVMLShr, LLVMAShr, LLVMAnd,
	LLVMOr, LLVMXor, LLVMAlloca, LLVMLoad,
	LLVMStore, LLVMGetElementPtr, LLVMFence, LLVMAtomicCmpXchg,
	LLVMAtomicRMW, LLVMTrunc, LLVMZExt, LLVMSExt,
	LLVMFPToUI, LLVMFPToSI, LLVMUIToFP, LLVMSIToFP,
	LLVMFPTrunc, LLVMFPExt, LLVMPtrToInt, LLVMIntToPtr,
	LLVMBitCast, LLVMAddrSpaceCast, LLVMCleanupPad, LLVMCatchPad,
	LLVMICmp, LLVMFCmp, LLVMPHI, LLVMCall,
	LLVMSelect, LLVMUserOp1, LLVMUserOp2, LLVMVAArg,
	LLVMExtractElement, LLVMInsertElement, LLVMShuffleVector, LLVMExtractValue,
	LLVMInsertValue, LLVMLandingPad, LLVMFreeze,
};

static const char *const autophase_names[CG_AUTOPHASE_N] = {
	"BBNumArgsHi", "BBNumArgsLo", "onePred", "onePredOneSuc",
	"onePredTwoSuc", "oneSuccessor", "twoPred", "twoPredOneSuc",
	"twoEach", "twoSuccessor", "morePreds", "BB03Phi",
	"BBHiPhi", "BBNoPhi", "BeginPhi", "BranchCount",
	"returnInt", "CriticalCount", "NumEdges", "const32Bit",
	"const64Bit", "numConstZeroes", "numConstOnes", "UncondBranches",
	"binaryConstArg", "NumAShrInst", "NumAddInst", "NumAllocaInst",
	"NumAndInst", "BlockMid", "BlockLow", "NumBitCastInst",
	"NumBrInst", "NumCallInst", "NumGetElementPtrInst", "NumICmpInst",
	"NumLShrInst", "NumLoadInst", "NumMulInst", "NumOrInst",
	"NumPHIInst", "NumRetInst", "NumSExtInst", "NumSelectInst",
	"NumShlInst", "NumStoreInst", "NumSubInst", "NumTruncInst",
	"NumXorInst", "NumZExtInst", "TotalBlocks", "TotalInsts",
	"TotalMemInst", "TotalFuncs", "ArgsPhi", "testUnary",
};

enum {	/* Autophase feature indices */
	BBNumArgsHi, BBNumArgsLo, onePred, onePredOneSuc, onePredTwoSuc,
	oneSuccessor, twoPred, twoPredOneSuc, twoEach, twoSuccessor,
	morePreds, BB03Phi, BBHiPhi, BBNoPhi, BeginPhi, BranchCount,
	returnInt, CriticalCount, NumEdges, const32Bit, const64Bit,
	numConstZeroes, numConstOnes, UncondBranches, binaryConstArg,
	NumAShrInst, NumAddInst, NumAllocaInst, NumAndInst, BlockMid,
	BlockLow, NumBitCastInst, NumBrInst, NumCallInst,
	NumGetElementPtrInst, NumICmpInst, NumLShrInst, NumLoadInst,
	NumMulInst, NumOrInst, NumPHIInst, NumRetInst, NumSExtInst,
	NumSelectInst, NumShlInst, NumStoreInst, NumSubInst, NumTruncInst,
	NumXorInst, NumZExtInst, TotalBlocks, TotalInsts, TotalMemInst,
	TotalFuncs, ArgsPhi, testUnary
};

const char *
cg_features_instcount_name(int i)
{
	return i >= 0 && i < CG_INSTCOUNT_N ? instcount_names[i] : NULL;
}

const char *
cg_features_autophase_name(int i)
{
	return i >= 0 && i < CG_AUTOPHASE_N ? autophase_names[i] : NULL;
}

/* InstCount index of each LLVM-C opcode (0 for none). */
static int opindex[128];

static void
initops(void)
{
	int i;

	if (opindex[LLVMRet])
		return;
	for (i = 0; i < CG_INSTCOUNT_N - 3; i++)
		opindex[instcount_ops[i]] = i + 3;
}

void
cg_features_instcount(LLVMModuleRef m, int64_t out[CG_INSTCOUNT_N])
{
	LLVMValueRef f, i;
	LLVMBasicBlockRef b;

	initops();
	memset(out, 0, CG_INSTCOUNT_N * sizeof(out[0]));
	for (f = LLVMGetFirstFunction(m); f; f = LLVMGetNextFunction(f)) {
		out[2]++;
		for (b = LLVMGetFirstBasicBlock(f); b;
		    b = LLVMGetNextBasicBlock(b)) {
			out[1]++;
			for (i = LLVMGetFirstInstruction(b); i;
			    i = LLVMGetNextInstruction(i)) {
				unsigned op = LLVMGetInstructionOpcode(i);
				out[0]++;
				if (op < 128 && opindex[op])
					out[opindex[op]]++;
			}
		}
	}
}

/* A map from the blocks of one function to their predecessor-edge counts. */
struct predmap {
	LLVMBasicBlockRef *key;
	int *count;
	size_t mask;
};

static size_t
slot(const struct predmap *pm, LLVMBasicBlockRef b)
{
	size_t h = ((uintptr_t)b >> 4) * 0x9e3779b97f4a7c15ull;

	for (h &= pm->mask; pm->key[h] && pm->key[h] != b; h = (h + 1) & pm->mask)
		;
	return h;
}

static void
predmap_build(struct predmap *pm, LLVMValueRef f)
{
	LLVMBasicBlockRef b;
	unsigned n = LLVMCountBasicBlocks(f), k, j;
	size_t cap = 16;

	while (cap < 2 * (size_t)n)
		cap *= 2;
	pm->key = cg_calloc(cap, sizeof(*pm->key));
	pm->count = cg_calloc(cap, sizeof(*pm->count));
	pm->mask = cap - 1;
	for (b = LLVMGetFirstBasicBlock(f); b; b = LLVMGetNextBasicBlock(b)) {
		LLVMValueRef t = LLVMGetBasicBlockTerminator(b);
		if (t == NULL)
			continue;
		k = LLVMGetNumSuccessors(t);
		for (j = 0; j < k; j++) {
			size_t s = slot(pm, LLVMGetSuccessor(t, j));
			pm->key[s] = LLVMGetSuccessor(t, j);
			pm->count[s]++;
		}
	}
}

static int
predmap_get(const struct predmap *pm, LLVMBasicBlockRef b)
{
	size_t s = slot(pm, b);

	return pm->key[s] ? pm->count[s] : 0;
}

static int
isbinary(unsigned op)
{
	switch (op) {
	case LLVMAdd: case LLVMFAdd: case LLVMSub: case LLVMFSub:
	case LLVMMul: case LLVMFMul: case LLVMUDiv: case LLVMSDiv:
	case LLVMFDiv: case LLVMURem: case LLVMSRem: case LLVMFRem:
	case LLVMShl: case LLVMLShr: case LLVMAShr: case LLVMAnd:
	case LLVMOr: case LLVMXor:
		return 1;
	}
	return 0;
}

static int
isunary(unsigned op)
{
	switch (op) {
	case LLVMAlloca: case LLVMLoad: case LLVMTrunc: case LLVMZExt:
	case LLVMSExt: case LLVMFPToUI: case LLVMFPToSI: case LLVMUIToFP:
	case LLVMSIToFP: case LLVMFPTrunc: case LLVMFPExt: case LLVMPtrToInt:
	case LLVMIntToPtr: case LLVMBitCast: case LLVMAddrSpaceCast:
	case LLVMFNeg: case LLVMVAArg: case LLVMExtractValue: case LLVMFreeze:
		return 1;
	}
	return 0;
}

static void
constint(LLVMValueRef v, int64_t *out)
{
	LLVMTypeRef ty = LLVMTypeOf(v);
	unsigned w;

	if (LLVMGetTypeKind(ty) != LLVMIntegerTypeKind)
		return;
	w = LLVMGetIntTypeWidth(ty);
	if (w == 32)
		out[const32Bit]++;
	else if (w == 64)
		out[const64Bit]++;
	if (w <= 64) {
		unsigned long long x = LLVMConstIntGetZExtValue(v);
		out[numConstZeroes] += x == 0;
		out[numConstOnes] += x == 1;
	} else {
		/* Constants are uniqued: identity is equality at any width. */
		out[numConstZeroes] += v == LLVMConstNull(ty);
		out[numConstOnes] += v == LLVMConstInt(ty, 1, 0);
	}
}

static int
returnsint(LLVMValueRef call)
{
	LLVMValueRef callee = LLVMGetCalledValue(call);
	LLVMTypeRef fty;

	if (callee == NULL || !LLVMIsAFunction(callee))
		return 0;
	fty = LLVMGlobalGetValueType(callee);
	if (fty != LLVMGetCalledFunctionType(call))
		return 0;
	return LLVMGetTypeKind(LLVMGetReturnType(fty)) == LLVMIntegerTypeKind;
}

static void
autophase_inst(LLVMValueRef i, int64_t *out)
{
	unsigned op = LLVMGetInstructionOpcode(i);
	int k, n;

	out[TotalInsts]++;
	switch (op) {
	case LLVMBr:
		out[BranchCount]++;
		out[NumBrInst]++;
		if (!LLVMIsConditional(i))
			out[UncondBranches]++;
		break;
	case LLVMCall:
		out[NumCallInst]++;
		out[TotalMemInst]++;
		if (returnsint(i))
			out[returnInt]++;
		break;
	case LLVMInvoke: case LLVMGetElementPtr: case LLVMLoad:
	case LLVMStore: case LLVMAlloca:
		out[TotalMemInst]++;
		break;
	case LLVMPHI:
		out[NumPHIInst]++;
		out[ArgsPhi] += LLVMCountIncoming(i);
		break;
	}
	switch (op) {
	case LLVMAShr: out[NumAShrInst]++; break;
	case LLVMAdd: out[NumAddInst]++; break;
	case LLVMAlloca: out[NumAllocaInst]++; break;
	case LLVMAnd: out[NumAndInst]++; break;
	case LLVMBitCast: out[NumBitCastInst]++; break;
	case LLVMGetElementPtr: out[NumGetElementPtrInst]++; break;
	case LLVMICmp: out[NumICmpInst]++; break;
	case LLVMLShr: out[NumLShrInst]++; break;
	case LLVMLoad: out[NumLoadInst]++; break;
	case LLVMMul: out[NumMulInst]++; break;
	case LLVMOr: out[NumOrInst]++; break;
	case LLVMRet: out[NumRetInst]++; break;
	case LLVMSExt: out[NumSExtInst]++; break;
	case LLVMSelect: out[NumSelectInst]++; break;
	case LLVMShl: out[NumShlInst]++; break;
	case LLVMStore: out[NumStoreInst]++; break;
	case LLVMSub: out[NumSubInst]++; break;
	case LLVMTrunc: out[NumTruncInst]++; break;
	case LLVMXor: out[NumXorInst]++; break;
	case LLVMZExt: out[NumZExtInst]++; break;
	}
	if (isunary(op))
		out[testUnary]++;
	n = LLVMGetNumOperands(i);
	if (isbinary(op) && n >= 2 && (LLVMIsAConstant(LLVMGetOperand(i, 0)) ||
	    LLVMIsAConstant(LLVMGetOperand(i, 1))))
		out[binaryConstArg]++;
	for (k = 0; k < n; k++) {
		LLVMValueRef v = LLVMGetOperand(i, k);
		if (v && LLVMIsAConstantInt(v))
			constint(v, out);
	}
}

static void
autophase_block(LLVMBasicBlockRef b, const struct predmap *pm, int64_t *out)
{
	LLVMValueRef t = LLVMGetBasicBlockTerminator(b), i;
	int pred = predmap_get(pm, b), succ = t ? (int)LLVMGetNumSuccessors(t) : 0;
	long phis = 0, phiargs = 0, insts = 0;
	int j;

	for (i = LLVMGetFirstInstruction(b); i; i = LLVMGetNextInstruction(i)) {
		if (LLVMGetInstructionOpcode(i) == LLVMPHI) {
			phis++;
			phiargs += LLVMCountIncoming(i);
		}
		insts++;
		autophase_inst(i, out);
	}
	i = LLVMGetFirstInstruction(b);
	out[BeginPhi] += i && LLVMGetInstructionOpcode(i) == LLVMPHI;
	out[BBNumArgsHi] += phiargs > 5;
	out[BBNumArgsLo] += phiargs >= 1 && phiargs <= 5;
	out[onePred] += pred == 1;
	out[onePredOneSuc] += pred == 1 && succ == 1;
	out[onePredTwoSuc] += pred == 1 && succ == 2;
	out[oneSuccessor] += succ == 1;
	out[twoPred] += pred == 2;
	out[twoPredOneSuc] += pred == 2 && succ == 1;
	out[twoEach] += pred == 2 && succ == 2;
	out[twoSuccessor] += succ == 2;
	out[morePreds] += pred > 2;
	out[BB03Phi] += phis >= 1 && phis <= 3;
	out[BBHiPhi] += phis > 3;
	out[BBNoPhi] += phis == 0;
	out[BlockMid] += insts >= 15 && insts <= 500;
	out[BlockLow] += insts < 15;
	out[NumEdges] += succ;
	if (succ > 1)
		for (j = 0; j < succ; j++)
			out[CriticalCount] +=
			    predmap_get(pm, LLVMGetSuccessor(t, (unsigned)j)) >= 2;
}

void
cg_features_autophase(LLVMModuleRef m, int64_t out[CG_AUTOPHASE_N])
{
	LLVMValueRef f;
	LLVMBasicBlockRef b;
	struct predmap pm;

	memset(out, 0, CG_AUTOPHASE_N * sizeof(out[0]));
	for (f = LLVMGetFirstFunction(m); f; f = LLVMGetNextFunction(f)) {
		out[TotalFuncs]++;
		if (LLVMIsDeclaration(f))
			continue;
		predmap_build(&pm, f);
		for (b = LLVMGetFirstBasicBlock(f); b;
		    b = LLVMGetNextBasicBlock(b)) {
			out[TotalBlocks]++;
			autophase_block(b, &pm, out);
		}
		free(pm.key);
		free(pm.count);
	}
}
