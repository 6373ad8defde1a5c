#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cg_build.h"
#include "cg_clang.h"
#include "cg_error.h"
#include "cg_sha1.h"

/* What an option is, and what becomes of it. */
enum kind { COMPILE, LINK, BOTH, DROP };

/* Options whose value is the next argument (or joined: -DX, -lm). */
static const struct {
	const char *name;
	enum kind kind;
} withvalue[] = {
	{ "-D", COMPILE }, { "-U", COMPILE }, { "-I", COMPILE },
	{ "-include", COMPILE }, { "-imacros", COMPILE },
	{ "-isystem", COMPILE }, { "-idirafter", COMPILE },
	{ "-iquote", COMPILE }, { "-L", LINK }, { "-l", LINK },
	{ "-o", DROP }, { "-MF", DROP }, { "-MT", DROP }, { "-MQ", DROP },
};

/* Options of one argument, matched whole. */
static const struct {
	const char *name;
	enum kind kind;
} single[] = {
	{ "-ansi", COMPILE }, { "-w", COMPILE }, { "-pedantic", COMPILE },
	{ "-pedantic-errors", COMPILE }, { "-pthread", BOTH },
	{ "-fopenmp", BOTH }, { "-static", LINK }, { "-no-pie", LINK },
	{ "-pie", LINK }, { "-rdynamic", LINK }, { "-s", LINK },
	{ "-c", DROP }, { "-S", DROP }, { "-MD", DROP }, { "-MMD", DROP },
	{ "-MP", DROP }, { "-pipe", DROP }, { "-emit-llvm", DROP },
	{ "-flto", DROP },
};

/* -f options that run other code, write files or instrument. */
static const char *const badf[] = {
	"-fplugin", "-fpass-plugin", "-fprofile", "-fsanitize", "-fcoverage",
	"-finstrument", "-fxray", "-fuse-ld", "-fembed-bitcode",
	"-fcrash-diagnostics", "-fmodules-cache-path", "-ftime-trace",
	"-fsave-optimization-record", "-fdebug-prefix-map", "-fdiagnostics-",
	"-flto=",
};

static int
prefixed(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/* What option s is (joined options included); -1 if it is refused. */
static int
classify(const char *s, int *takesvalue)
{
	size_t i;

	*takesvalue = 0;
	for (i = 0; i < sizeof(single) / sizeof(single[0]); i++)
		if (strcmp(s, single[i].name) == 0)
			return single[i].kind;
	for (i = 0; i < sizeof(withvalue) / sizeof(withvalue[0]); i++)
		if (prefixed(s, withvalue[i].name)) {
			*takesvalue = s[strlen(withvalue[i].name)] == '\0';
			return withvalue[i].kind;
		}
	if (prefixed(s, "-O") || prefixed(s, "-g"))
		return DROP;	/* cg optimises; debug info is stripped */
	if (prefixed(s, "-std=") || prefixed(s, "--std=") ||
	    (prefixed(s, "-W") && !prefixed(s, "-Wl,") &&
	    !prefixed(s, "-Wa,") && !prefixed(s, "-Wp,")))
		return COMPILE;
	if (prefixed(s, "-m") && !prefixed(s, "-mllvm"))
		return COMPILE;
	if (prefixed(s, "-f")) {
		for (i = 0; i < sizeof(badf) / sizeof(badf[0]); i++)
			if (prefixed(s, badf[i]))
				return -1;
		return COMPILE;
	}
	return -1;
}

int
cg_build_linkopt(const char *opt)
{
	int v, k = classify(opt, &v);

	return (k == LINK || k == BOTH) && !v;
}

static int
endswith(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a > b && strcmp(s + a - b, suffix) == 0;
}

/* 0 if path can be a source of a benchmark; -1 with status st if not. */
static int
checksource(const char *path, int st)
{
	if (strcmp(path, "-") == 0)
		return cg_error(st, "a benchmark cannot be read from standard "
		    "input: give its source files");
	if (endswith(path, ".o") || endswith(path, ".a") ||
	    endswith(path, ".so"))
		return cg_error(st, "'%s': object files and libraries cannot "
		    "be part of a benchmark: give their sources", path);
	if (!endswith(path, ".c") && !endswith(path, ".i") &&
	    !endswith(path, ".ll") && !endswith(path, ".bc") &&
	    !cg_clang_iscxx(path))
		return cg_error(st, "'%s' is not a C, C++, .ll or .bc file",
		    path);
	return 0;
}

struct strv {
	char **v;
	size_t n;
};

static void
push(struct strv *a, char *s)
{
	a->v = cg_realloc(a->v, (a->n + 2) * sizeof(*a->v));
	a->v[a->n++] = s;
	a->v[a->n] = NULL;
}

/* Takes argv apart into cl, with -L made absolute against dir. */
static int
parseargv(size_t argc, const char *const argv[], const char *dir, int st,
    struct cg_cmdline *cl)
{
	struct strv src = { NULL, 0 }, cop = { NULL, 0 }, lop = { NULL, 0 };
	size_t i;
	int k, takes;

	memset(cl, 0, sizeof(*cl));
	if (argc == 0)
		return cg_error(st, "no compiler command");
	cl->cxx = endswith(argv[0], "++");
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-' || a[1] == '\0') {
			if (checksource(a, st) < 0)
				goto fail;
			push(&src, cg_strdup(a));
			cl->cxx |= cg_clang_iscxx(a);
			continue;
		}
		if ((k = classify(a, &takes)) < 0) {
			cg_error(st, "unsupported compiler option '%s'", a);
			goto fail;
		}
		if (takes && i + 1 == argc) {
			cg_error(st, "option '%s' needs a value", a);
			goto fail;
		}
		if (k == LINK && (prefixed(a, "-L"))) {
			const char *d = takes ? argv[++i] : a + 2;
			push(&lop, *d == '/' ? cg_asprintf("-L%s", d) :
			    cg_asprintf("-L%s/%s", dir, d));
			continue;
		}
		if (k == DROP) {
			i += (size_t)takes;
			continue;
		}
		if (k == COMPILE || k == BOTH) {
			push(&cop, cg_strdup(a));
			if (takes)
				push(&cop, cg_strdup(argv[i + 1]));
		}
		if (k == LINK || k == BOTH) {
			push(&lop, takes ? cg_asprintf("%s%s", a, argv[i + 1]) :
			    cg_strdup(a));
		}
		i += (size_t)takes;
	}
	if (src.n == 0) {
		cg_error(st, "no source file in the compiler command");
		goto fail;
	}
	cl->sources = src.v;
	cl->nsources = src.n;
	cl->copts = cop.v ? cop.v : cg_calloc(1, sizeof(char *));
	cl->linkopts = lop.v ? lop.v : cg_calloc(1, sizeof(char *));
	return 0;
fail:
	cl->sources = src.v, cl->copts = cop.v, cl->linkopts = lop.v;
	cg_build_release(cl);
	return -1;
}

void
cg_build_release(struct cg_cmdline *cl)
{
	char **lists[3] = { cl->sources, cl->copts, cl->linkopts };
	size_t i, k;

	for (i = 0; i < 3; i++) {
		for (k = 0; lists[i] && lists[i][k]; k++)
			free(lists[i][k]);
		free(lists[i]);
	}
	memset(cl, 0, sizeof(*cl));
}

json_t *
cg_build_new(int argc, char *const argv[])
{
	struct cg_cmdline cl;
	char cwd[PATH_MAX];
	json_t *cmd;
	int i;

	if (getcwd(cwd, sizeof(cwd)) == NULL) {
		cg_error(CG_EXIT_FAILURE, "cannot tell the current folder: %s",
		    strerror(errno));
		return NULL;
	}
	if (parseargv((size_t)argc, (const char *const *)argv, cwd,
	    CG_EXIT_USAGE, &cl) < 0)
		return NULL;
	cg_build_release(&cl);
	cmd = json_array();
	for (i = 0; i < argc; i++)
		json_array_append_new(cmd, json_string(argv[i]));
	return json_pack("{s:s,s:o}", "directory", cwd, "command", cmd);
}

int
cg_build_parse(const json_t *build, struct cg_cmdline *cl)
{
	json_t *cmd = json_object_get(build, "command"), *v;
	const char *dir = json_string_value(json_object_get(build,
	    "directory"));
	const char **argv;
	size_t i;
	int r;

	if (dir == NULL || *dir != '/')
		return cg_error(CG_EXIT_DATA, "bad state: \"build\" has no "
		    "absolute \"directory\"");
	if (!json_is_array(cmd) || json_array_size(cmd) == 0)
		return cg_error(CG_EXIT_DATA, "bad state: \"build\" has no "
		    "\"command\" list");
	argv = cg_calloc(json_array_size(cmd) + 1, sizeof(*argv));
	json_array_foreach(cmd, i, v)
		if ((argv[i] = json_string_value(v)) == NULL) {
			free(argv);
			return cg_error(CG_EXIT_DATA, "bad state: \"build\" "
			    "command has an argument that is not a string");
		}
	r = parseargv(json_array_size(cmd), argv, dir, CG_EXIT_DATA, cl);
	free(argv);
	if (r < 0)
		cg_error_prefix("bad state: \"build\"");
	return r;
}

/* The name part of a command's URI: its first source's, tidied (new). */
static char *
uriname(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *s = cg_strdup(base), *p, *dot = strrchr(s, '.');

	if (dot && dot != s)
		*dot = '\0';
	for (p = s; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789._-", *p))
			*p = '_';
	return s;
}

/* Loads one source into part: compiled, or read as it is. */
static int
loadone(const char *dir, const char *src, const struct cg_cmdline *cl,
    struct cg_buf *file, struct cg_buf *part)
{
	char *path = *src == '/' ? cg_strdup(src) :
	    cg_asprintf("%s/%s", dir, src);
	struct stat sb;
	int r;

	if (stat(path, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		r = cg_error(CG_EXIT_DATA, "no such file '%s'", path);
	} else if ((r = cg_buf_read_file(file, path)) < 0) {
		cg_error(CG_EXIT_DATA, "%s", cg_errmsg());
	} else if (endswith(src, ".ll") || endswith(src, ".bc")) {
		cg_buf_add(part, file->data, file->len);
	} else {
		r = cg_clang_compile(src, cl->cxx, dir,
		    (const char *const *)cl->copts, CG_CLANG_TIMEOUT, part);
	}
	free(path);
	return r;
}

int
cg_build_load(const json_t *build, char **uri, json_t **out,
    struct cg_buf **partsp, size_t *nparts)
{
	struct cg_cmdline cl;
	struct cg_buf *parts, file = CG_BUF_INIT;
	const char *dir = json_string_value(json_object_get(build,
	    "directory"));
	json_t *sources = json_array();
	char hex[41], *name, *key;
	size_t i;
	int r = 0;

	if (cg_build_parse(build, &cl) < 0)
		return -1;
	parts = cg_calloc(cl.nsources, sizeof(*parts));
	for (i = 0; i < cl.nsources && r == 0; i++) {
		cg_buf_reset(&file);
		r = loadone(dir, cl.sources[i], &cl, &file, &parts[i]);
		if (r == 0) {
			cg_sha1_hex(file.data, file.len, hex);
			json_array_append_new(sources, json_pack("{s:s,s:s}",
			    "file", cl.sources[i], "sha1", hex));
		}
	}
	if (r == 0) {
		key = json_dumps(json_object_get(build, "command"),
		    JSON_COMPACT);
		cg_buf_reset(&file);
		cg_buf_addf(&file, "%s\n%s", dir, key);
		cg_sha1_hex(file.data, file.len, hex);
		name = uriname(cl.sources[0]);
		*uri = cg_asprintf("benchmark://clang-v0/%s-%.8s", name, hex);
		free(name);
		free(key);
		*out = json_pack("{s:s,s:O,s:O}", "directory", dir, "command",
		    json_object_get(build, "command"), "sources", sources);
		*partsp = parts;
		*nparts = cl.nsources;
	} else {
		for (i = 0; i < cl.nsources; i++)
			cg_buf_release(&parts[i]);
		free(parts);
	}
	cg_buf_release(&file);
	json_decref(sources);
	cg_build_release(&cl);
	return r;
}

char *
cg_build_diff(const json_t *was, const json_t *now)
{
	json_t *a = json_object_get(was, "sources"), *b;
	json_t *nb = json_object_get(now, "sources"), *v;
	struct cg_buf msg = CG_BUF_INIT;
	const char *s1, *s2;
	size_t i, k;

	json_array_foreach(a, i, v) {
		s1 = json_string_value(json_object_get(v, "sha1"));
		s2 = NULL;
		json_array_foreach(nb, k, b)
			if (json_equal(json_object_get(b, "file"),
			    json_object_get(v, "file")))
				s2 = json_string_value(json_object_get(b,
				    "sha1"));
		if (s1 && s2 && strcmp(s1, s2) != 0)
			cg_buf_addf(&msg, "%s'%s'", msg.len ? ", " : "",
			    json_string_value(json_object_get(v, "file")));
	}
	if (msg.len) {
		char *r = cg_asprintf("source changed since the reset: %s",
		    (char *)msg.data);
		cg_buf_release(&msg);
		return r;
	}
	s1 = json_string_value(json_object_get(was, "module_sha1"));
	s2 = json_string_value(json_object_get(now, "module_sha1"));
	if (s1 && s2 && strcmp(s1, s2) != 0)
		return cg_strdup("the command builds another module than at "
		    "the reset, with the same sources (a header or the "
		    "compiler changed)");
	return NULL;
}
