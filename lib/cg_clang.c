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

static const char *
fromenv(const char *var, const char *dflt)
{
	const char *s = getenv(var);

	return s && *s ? s : dflt;
}

const char *
cg_clang(void)
{
	return fromenv("CG_CLANG", "clang-19");
}

const char *
cg_clangxx(void)
{
	return fromenv("CG_CLANGXX", "clang++-19");
}

int
cg_clang_iscxx(const char *path)
{
	static const char *const ext[] = {
		".cc", ".cpp", ".cxx", ".c++", ".C", ".ii", ".CPP", ".cp"
	};
	const char *dot = strrchr(path, '.');
	size_t i;

	for (i = 0; dot && i < sizeof(ext) / sizeof(ext[0]); i++)
		if (strcmp(dot, ext[i]) == 0)
			return 1;
	return 0;
}

/* How telling a line of a compiler's or linker's stderr is: 0 not. */
static int
telling(const char *line, size_t n)
{
	static const char *const cause[] = {
		"undefined reference", "multiple definition", "cannot find",
		"relocation"
	};
	size_t i;

	if (memmem(line, n, "error:", 6) &&
	    !memmem(line, n, "linker command failed", 21))
		return 3;	/* the compiler's own diagnostic */
	for (i = 0; i < sizeof(cause) / sizeof(cause[0]); i++)
		if (memmem(line, n, cause[i], strlen(cause[i])))
			return 2;	/* the linker's */
	return memmem(line, n, "error", 5) != NULL;
}

const char *
cg_clang_diagnostic(struct cg_buf *err)
{
	char *s = err->data ? (char *)err->data : "", *line, *best = NULL;
	int score = 0, k;

	for (line = s; *line; line += strcspn(line, "\n"),
	    line += *line == '\n') {
		size_t n = strcspn(line, "\n");
		if (n == 0)
			continue;
		k = telling(line, n);
		/* The first line of the best kind; with none, the last. */
		if (best == NULL || k > score || (score == 0 && k == 0)) {
			best = line;
			score = k;
		}
	}
	if (best == NULL)
		return "";
	best[strcspn(best, "\n")] = '\0';
	return best;
}

int
cg_clang_compile(const char *path, int cxx, const char *dir,
    const char *const extra[], double timeout, struct cg_buf *bc)
{
	struct cg_buf err = CG_BUF_INIT;
	const char **argv, *cc = cxx ? cg_clangxx() : cg_clang();
	const char *s;
	size_t i, k = 0, n = 0;
	int r;

	while (extra && extra[n])
		n++;
	argv = cg_calloc(NFLAGS + n + 8, sizeof(*argv));
	if (dir) {
		argv[k++] = "env";
		argv[k++] = "-C";
		argv[k++] = dir;
	}
	argv[k++] = cc;
	for (i = 0; i < NFLAGS; i++)
		argv[k++] = cflags[i];
	for (i = 0; i < n; i++)
		argv[k++] = extra[i];
	argv[k++] = path;
	argv[k] = NULL;
	r = cg_proc_run((char *const *)argv, timeout, bc, &err);
	s = cg_clang_diagnostic(&err);
	if (r == 126 || r == 127)	/* from execvp or from env */
		cg_error(CG_EXIT_FAILURE, "cannot run '%s'", cc);
	else if (r > 0)
		cg_error(CG_EXIT_DATA, "cannot compile '%s': %s", path,
		    *s ? s : "compiler failed");
	else if (r < 0)
		cg_error_prefix("compiling '%s'", path);
	cg_buf_release(&err);
	free(argv);
	return r == 0 ? 0 : -1;
}
