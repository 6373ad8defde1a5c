/*
 * Generated benchmarks, one per seed 0..2^32-2 (see cg_dataset.h):
 *
 *   generator://csmith-v0/SEED       csmith --seed SEED (retried with the
 *                                    same seed, 3 attempts in all), then
 *                                    clang-19 as for every C benchmark,
 *                                    with csmith's headers
 *   generator://llvm-stress-v0/SEED  llvm-stress-19 --seed=SEED
 *
 * The normalised module is cached under cg_cachedir(), keyed by the
 * generator, the seed and the versions of the programs that made it, and
 * written whole or not at all, so processes that reset the same seed at
 * once all agree.
 * Layer 6 (benchmarks).
 */
#ifndef CG_GENERATOR_H
#define CG_GENERATOR_H

#include "cg_buf.h"

/*
 * Loads generator://rest: *uri (new) receives the canonical URI and bc
 * the normalised bitcode.  -1 with status 3 for an unknown generator, a
 * bad seed or a program that fails; status 1 if a program cannot run or
 * times out.
 */
int cg_generator_load(const char *rest, char **uri, struct cg_buf *bc);

#endif
