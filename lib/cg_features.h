/*
 * CompilerGym's feature vectors, computed over every function of a module
 * (declarations included) in module order:
 *   InstCount: 70 counts, [TotalInsts, TotalBlocks, TotalFuncs] then one
 *              per opcode in LLVM's Instruction.def order;
 *   Autophase: 56 features of the Autophase paper as CompilerGym defines
 *              them.
 * The name tables are borrowed.
 * Layer 5 (LLVM modules).
 */
#ifndef CG_FEATURES_H
#define CG_FEATURES_H

#include <stdint.h>

#include <llvm-c/Core.h>

#define CG_INSTCOUNT_N 70
#define CG_AUTOPHASE_N 56

void cg_features_instcount(LLVMModuleRef m, int64_t out[CG_INSTCOUNT_N]);
void cg_features_autophase(LLVMModuleRef m, int64_t out[CG_AUTOPHASE_N]);
const char *cg_features_instcount_name(int i);
const char *cg_features_autophase_name(int i);

#endif
