#include <stdlib.h>
#include <string.h>

#include "cg_clang.h"
#include "cg_error.h"
#include "cg_proc.h"

static const char *const cflags[] = {
	"-c", "-emit-llvm", "-O1", "-Xclang", "-disable-llvm-passes",
	"-Xclang", "-disable-llvm-optzns", "-w", "-o", "-"
};

#define NFLAGS (sizeof(cflags) / sizeof(cflags[0]))
#define MAXEXTRA 16

const char *
cg_clang(void)
{
	const char *s = getenv("CG_CLANG");

	return s && *s ? s : "clang-19";
}

int
cg_clang_compile(const char *path, const char *const extra[], double timeout,
    struct cg_buf *bc)
{
	const char *argv[1 + NFLAGS + MAXEXTRA + 2];
	struct cg_buf err = CG_BUF_INIT;
	size_t i, k = 0;
	char *s;
	int r;

	argv[k++] = cg_clang();
	for (i = 0; i < NFLAGS; i++)
		argv[k++] = cflags[i];
	for (i = 0; extra && extra[i] && i < MAXEXTRA; i++)
		argv[k++] = extra[i];
	argv[k++] = path;
	argv[k] = NULL;
	r = cg_run((char *const *)argv, timeout, bc, &err);
	s = err.data ? (char *)err.data : "";
	s[strcspn(s, "\n")] = '\0';
	if (r == 127 && strncmp(s, "cannot run", 10) == 0)
		cg_error(CG_EXIT_FAILURE, "%s", s);
	else if (r > 0)
		cg_error(CG_EXIT_DATA, "cannot compile '%s': %s", path,
		    *s ? s : "compiler failed");
	else if (r < 0)
		cg_error_prefix("compiling '%s'", path);
	cg_buf_release(&err);
	return r == 0 ? 0 : -1;
}
