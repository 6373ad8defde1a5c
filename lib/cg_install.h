/*
 * Installing datasets into cg_dataset_userdir(), with libarchive.
 *
 * An install unpacks into a temporary folder next to the destination
 * (.install-XXXXXX, which listings skip) and renames it into place, so a
 * dataset is there whole or not at all, and a failed install leaves what
 * was installed before as it was.  Nothing here uses LLVM: C programs are
 * compiled by running clang-19 (cg_clang.h).
 * Layer 6 (benchmarks).
 */
#ifndef CG_INSTALL_H
#define CG_INSTALL_H

/* What an install may write by default (--max-size). */
#define CG_INSTALL_MAX (8ULL << 30)

/*
 * Installs the dataset in the tar archive path (.tar, .tar.gz, .tar.bz2,
 * .tar.xz): the benchmarks of its one top-level folder, named after that
 * folder in lower case (cBench-v1/qsort.bc is benchmark://cbench-v1/qsort),
 * or called name if name is not NULL.  *installed (new) receives the
 * dataset's name and *count its number of benchmarks.
 *
 * An archive with an entry that would land outside the dataset folder (an
 * absolute path, a "..", a symbolic link that is absolute or has a "..",
 * a hard link to such a path), a device or other special file, an entry
 * whose name no URI can hold, entries that clash, more than max bytes of
 * data, or that is corrupt or holds no benchmark, is refused whole: -1
 * with status 3, and nothing is installed.  Status 1 for a failure to
 * write.  An install ended by a signal leaves nothing behind, and one
 * ended by SIGKILL is cleaned by the next (cg_fs_scratch()).
 */
int cg_install_archive(const char *path, const char *name,
    unsigned long long max, char **installed, long *count);

/*
 * The tarball of Debian's gcc-12 sources (new): $CG_GCC_SOURCE if set,
 * else /usr/src/gcc-12/gcc-*.tar.* if there is one, else NULL.
 */
char *cg_install_gcc_source(void);
/* Installs Debian package pkg with apt-get (as root, or with sudo -n). */
int cg_install_package(const char *pkg);
/*
 * Installs CG_DATASET_TORTURE from the gcc source tarball: each
 * gcc.c-torture/execute/NAME.c that clang-19 compiles becomes the program
 * NAME/NAME.c; those whose unoptimised build exits 0 (they abort on a
 * wrong result) get a run.json with no arguments, and what they print
 * (mostly nothing) as the expected output.  *installed,
 * *runnable and *skipped count the programs kept, those with a run.json
 * and those that do not compile.  -1 with status 3 if the tarball is
 * corrupt or holds no such program, 1 if clang-19 cannot run.
 */
int cg_install_torture(const char *tarball, long *installed, long *runnable,
    long *skipped);

#endif
