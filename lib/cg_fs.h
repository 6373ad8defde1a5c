/*
 * Files and folders: written whole or not at all, made and removed, and
 * the scratch folders of a process, removed when it ends normally or on
 * SIGHUP, SIGINT or SIGTERM, and by a later process when it was killed.
 *
 * Layer: system, with cg_proc.h (children) and cg_error.h; nothing here
 * uses LLVM or knows benchmarks.  Strings returned are new.
 * Layer 2 (system).
 */
#ifndef CG_FS_H
#define CG_FS_H

#include <stddef.h>

/* mkdir -p; -1 with status 1 naming the path. */
int cg_fs_mkdirs(const char *path);
/* rm -rf without following links; -1 with status 1. */
int cg_fs_rmtree(const char *path);
/* Writes a file whole or not at all (temporary name, then rename). */
int cg_fs_write_atomic(const char *path, const void *p, size_t n);
/* The cache folder ($XDG_CACHE_HOME/cg), made if needed (borrowed). */
const char *cg_fs_cachedir(void);
/* $TMPDIR when it is an absolute path, else /tmp (borrowed). */
const char *cg_fs_tmpdir(void);

/*
 * Makes a scratch folder parent/prefix.PID.XXXXXX (*dir new) and
 * registers it: cg_fs_unscratch() removes it, and so does the handler
 * of cg_fs_trap() on a signal.  The folders parent/prefix.* of processes
 * of this user that are gone (killed with SIGKILL) are removed first.
 * -1 with status 1.
 */
int cg_fs_scratch(const char *parent, const char *prefix, char **dir);
/* Removes a scratch folder and forgets it. */
void cg_fs_unscratch(const char *dir);
/*
 * Catches SIGHUP, SIGINT and SIGTERM where they have their default action
 * (an ignored signal stays ignored, another handler stays), once per
 * process: the handler sends the signal to the children of cg_proc_fork()
 * not reaped yet and waits for them, removes this process's scratch
 * folders, and re-raises the signal.  A tool whose forked children make
 * scratch folders calls it first, so that a signal sent to the tool alone
 * still reaches them.
 */
void cg_fs_trap(void);

#endif
