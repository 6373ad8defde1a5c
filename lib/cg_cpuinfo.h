/*
 * The CpuInfo observation: the machine's processor, as CompilerGym reads
 * it with pytorch/cpuinfo, here from /proc/cpuinfo and sysfs.
 * Layer 2 (system).
 */
#ifndef CG_CPUINFO_H
#define CG_CPUINFO_H

#include "cg_buf.h"

/*
 * Appends one line of JSON to out: {"name":...,"cores_count":...,
 * "l1i_cache_size":...,"l1i_cache_count":..., and the same for l1d, l2,
 * l3 and l4}.  Sizes are in bytes, -1 for a level with no cache.
 * 0; -1 with status 1 if /proc/cpuinfo cannot be read.
 */
int cg_cpuinfo_json(struct cg_buf *out);

#endif
