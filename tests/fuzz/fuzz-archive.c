/*
 * libFuzzer target: installing a tar archive and listing the dataset,
 * in a folder of its own.  Whatever the archive, nothing may land
 * outside the datasets folder, and the listing must end.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cg_dataset.h"
#include "cg_error.h"
#include "cg_fs.h"
#include "cg_install.h"

static char root[64], tarpath[96];

/* The folder goes when libFuzzer exits. */
static void
cleanup(void)
{
	cg_fs_rmtree(root);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *data;

	snprintf(root, sizeof(root), "/tmp/cg-fuzz-archive.XXXXXX");
	if (mkdtemp(root) == NULL)
		abort();
	data = cg_asprintf("%s/data", root);
	setenv("XDG_DATA_HOME", data, 1);
	setenv("CG_DATADIR", "/nonexistent", 1);
	free(data);
	snprintf(tarpath, sizeof(tarpath), "%s/in.tar", root);
	atexit(cleanup);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cg_dataset *ds;
	char *name = NULL, *sentinel;
	long count;
	size_t n;
	FILE *fp = fopen(tarpath, "wb");

	if (fp == NULL || fwrite(data, 1, size, fp) != size || fclose(fp))
		abort();
	if (cg_install_archive(tarpath, "fuzz-v0", 1 << 20, &name,
	    &count) == 0) {
		cg_dataset_list(&ds, &n);
		cg_dataset_list_free(ds, n);
		cg_dataset_uninstall("fuzz-v0");
		free(name);
	}
	/* Nothing beside the datasets folder and the archive. */
	sentinel = cg_asprintf("%s/pwned", root);
	if (access(sentinel, F_OK) == 0)
		__builtin_trap();
	free(sentinel);
	return 0;
}
