/*
 * Observations over the IR text, read with a port of LLVM 19's IR lexer
 * (LLLexer): LexedIr, the tokens, and Inst2vecPreprocessedText, the
 * statements as inst2vec normalises them.  The rules are written at the
 * top of cg_lexir.c.  The IR text is borrowed and need not end in a NUL.
 * Layer 5 (LLVM modules).
 */
#ifndef CG_LEXIR_H
#define CG_LEXIR_H

#include <stddef.h>

#include "cg_buf.h"

/*
 * Appends {"token_id":[...],"token_kind":[...],"token_category":[...],
 * "token_value":[...]} (one line) to out.  0; -1 with status 1.
 */
int cg_lexir_json(const char *ir, size_t n, struct cg_buf *out);
/* Appends the JSON array of normalised statements to out.  0; -1. */
int cg_lexir_inst2vec(const char *ir, size_t n, struct cg_buf *out);
/* The kind whose token_id is id ("kw_define"; borrowed), NULL if none. */
const char *cg_lexir_kind(int id);

#endif
