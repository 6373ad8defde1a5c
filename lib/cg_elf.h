/*
 * ELF files, read as llvm-size reads them.  No LLVM here, so that the
 * linked programs of cg_run.c are measured with the same rule as the
 * objects cg_module_objtext() makes in memory.
 * Layer 2 (system).
 */
#ifndef CG_ELF_H
#define CG_ELF_H

#include <stddef.h>

/*
 * llvm-size's Berkeley "text" of the ELF64 little-endian file p[0..n)
 * (borrowed), an object or a linked program: the sum of the sections that
 * are SHF_ALLOC and either SHF_EXECINSTR or not SHF_WRITE (code, read-only
 * data, .eh_frame, and in a program also .interp, notes, .dynsym, .rela*
 * and the like).  -1 with status 1 if p is not such a file.
 */
long cg_elf_text(const void *p, size_t n);

#endif
