#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <regex.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cg_benchmark.h"
#include "cg_build.h"
#include "cg_dataset.h"
#include "cg_clang.h"
#include "cg_elf.h"
#include "cg_error.h"
#include "cg_fs.h"
#include "cg_proc.h"
#include "cg_run.h"
#include "cg_uri.h"

#define BUILD_TIMEOUT 120.0

/* 1 if f names a file inside a folder: relative, without "..". */
static int
inside(const char *f)
{
	const char *p;

	if (*f == '\0' || *f == '/')
		return 0;
	for (p = f; *p; p += strcspn(p, "/"), p += *p == '/')
		if (strncmp(p, "..", 2) == 0 && (p[2] == '/' || p[2] == '\0'))
			return 0;
	return 1;
}

static int
badcfg(const char *where, const char *fmt, const char *what)
{
	char msg[256];

	snprintf(msg, sizeof(msg), fmt, what);
	return cg_error(CG_EXIT_DATA, "%s: %s", where, msg);
}

/* A list of strings, or absent. */
static int
strings(json_t *v)
{
	json_t *x;
	size_t i;

	if (v == NULL)
		return 1;
	if (!json_is_array(v))
		return 0;
	json_array_foreach(v, i, x)
		if (!json_is_string(x))
			return 0;
	return 1;
}

/* Checks the fields a run, or the whole configuration, may set. */

/*
 * Whether an "ignore" pattern is cheap to compile: glibc's regcomp copies
 * a repeated part once per repetition, so stacked repetitions
 * ("a++++...") or nested bounds take memory exponential in the pattern's
 * length.  A pattern of at most 256 bytes, no repetition operator right
 * after another (outside brackets), and at most 2 {bounds} is cheap.
 */
static int
tamepattern(const char *p)
{
	const char *rep = "*+?{";
	int prev = 0, bounds = 0;
	size_t n = strlen(p), i;

	if (n > 256)
		return 0;
	for (i = 0; i < n; i++) {
		if (p[i] == '\\' && i + 1 < n) {
			i++, prev = 0;
			continue;
		}
		if (p[i] == '[') {		/* a bracket expression */
			i++;
			if (i < n && p[i] == '^')
				i++;
			if (i < n && p[i] == ']')
				i++;
			while (i < n && p[i] != ']')
				i++;
			prev = 0;
			continue;
		}
		if (strchr(rep, p[i])) {
			if (prev)
				return 0;
			if (p[i] == '{') {
				if (++bounds > 2)
					return 0;
				while (i < n && p[i] != '}')
					i++;
			}
			prev = 1;
			continue;
		}
		prev = 0;
	}
	return 1;
}

static int
checkrunfields(json_t *r, const char *where)
{
	static const char *const compare[] = { "output", "status" };
	json_t *v, *x;
	size_t i;
	int ok;

	if (!strings(json_object_get(r, "args")))
		return badcfg(where, "\"args\" is not a list of strings", "");
	if (!strings(v = json_object_get(r, "files")))
		return badcfg(where, "\"files\" is not a list of strings", "");
	json_array_foreach(v, i, x)
		if (!inside(json_string_value(x)))
			return badcfg(where, "file '%s' is not inside the "
			    "folder", json_string_value(x));
	for (i = 0; i < 2; i++) {
		const char *k = i ? "stdout" : "stdin";
		v = json_object_get(r, k);
		if (v && (!json_is_string(v) || !inside(json_string_value(v))))
			return badcfg(where, "\"%s\" does not name a file "
			    "inside the folder", k);
	}
	v = json_object_get(r, "timeout");
	if (v && (!json_is_number(v) || !(json_number_value(v) > 0)))
		return badcfg(where, "\"timeout\" is not a positive number", "");
	if ((v = json_object_get(r, "compare")) != NULL) {
		ok = 0;
		for (i = 0; i < 2; i++)
			ok |= json_is_string(v) &&
			    strcmp(json_string_value(v), compare[i]) == 0;
		if (!ok)
			return badcfg(where, "\"compare\" is not \"output\" or "
			    "\"status\"", "");
	}
	if (!strings(v = json_object_get(r, "ignore")))
		return badcfg(where, "\"ignore\" is not a list of strings", "");
	json_array_foreach(v, i, x) {
		regex_t re;
		if (!tamepattern(json_string_value(x)))
			return badcfg(where, "\"ignore\" pattern '%.40s' is too "
			    "costly (over 256 bytes, a repetition of a "
			    "repetition, or over 2 {bounds})",
			    json_string_value(x));
		if (regcomp(&re, json_string_value(x), REG_EXTENDED |
		    REG_NOSUB) != 0)
			return badcfg(where, "\"ignore\" pattern '%s' is not a "
			    "regular expression", json_string_value(x));
		regfree(&re);
	}
	return 0;
}

int
cg_run_check(json_t *cfg, const char *where)
{
	json_t *runs = json_object_get(cfg, "runs"), *r, *v;
	size_t i;

	if (!json_is_object(cfg))
		return badcfg(where, "not a JSON object", "");
	if (runs && !json_is_array(runs))
		return badcfg(where, "\"runs\" is not a list of runs", "");
	if (checkrunfields(cfg, where) < 0)
		return -1;
	json_array_foreach(runs, i, r)
		if (!json_is_object(r) || checkrunfields(r, where) < 0)
			return json_is_object(r) ? -1 :
			    badcfg(where, "\"runs\" is not a list of runs", "");
	v = json_object_get(cfg, "linkopts");
	if (!strings(v))
		return badcfg(where, "\"linkopts\" is not a list of strings", "");
	json_array_foreach(v, i, r) {
		const char *o = json_string_value(r);
		if (!cg_build_linkopt(o) || (strncmp(o, "-L", 2) == 0 &&
		    !inside(o + 2)))
			return badcfg(where, "link option '%s' is not allowed "
			    "(-l, -L inside the folder, -pthread, -static, "
			    "-no-pie, -pie, -rdynamic)", o);
	}
	return 0;
}

/* The number a run's field, or the configuration's, sets; NULL if none. */
static json_t *
runfield(const struct cg_runcfg *rc, size_t i, const char *name)
{
	json_t *run = json_array_get(json_object_get(rc->cfg, "runs"), i);
	json_t *v = json_object_get(run, name);

	return v ? v : json_object_get(rc->cfg, name);
}

/* generator://csmith-v0/SEED: its program prints a checksum. */
static json_t *
csmithcfg(void)
{
	return json_pack("{s:s,s:[{s:f}]}", "description", "a csmith program: "
	    "its output, a checksum of its globals, is compared with the "
	    "unoptimised program's", "runs", "timeout", CG_CSMITH_TIMEOUT);
}

/* The configuration and folder of b, before checking: 1 if it has none. */
static int
findcfg(const struct cg_bench *b, struct cg_runcfg *rc, char **where)
{
	struct cg_located loc;
	struct cg_uri u;
	json_error_t jerr;
	size_t i;
	int r = 1;

	if (b->run) {
		const char *d = json_string_value(json_object_get(b->run,
		    "dir"));
		*where = cg_strdup("the state's run configuration");
		if (d == NULL || *d != '/')
			return cg_error(CG_EXIT_DATA, "%s has no absolute "
			    "\"dir\"", *where);
		rc->cfg = json_deep_copy(b->run);
		rc->dir = cg_strdup(d);
		rc->cxx = cg_clang_iscxx(b->uri);	/* a path to a C++ file */
		return 0;
	}
	if (b->build || strstr(b->uri, "://") == NULL ||
	    cg_uri_parse(b->uri, &u) < 0)
		return 1;
	if (strcmp(u.scheme, "generator") == 0 &&
	    strcmp(u.dataset, "csmith-v0") == 0) {
		rc->cfg = csmithcfg();
		rc->dir = cg_strdup("/");
		*where = cg_strdup(b->uri);
		r = 0;
	} else if (strcmp(u.scheme, "benchmark") == 0 &&
	    cg_dataset_locate(u.dataset, u.path, &loc) == 0) {
		if (loc.progdir) {
			*where = cg_asprintf("%s/run.json", loc.progdir);
			rc->cfg = json_load_file(*where, 0, &jerr);
			if (rc->cfg == NULL)
				r = cg_error(CG_EXIT_DATA, "'%s': %s", *where,
				    jerr.text);
			else
				r = 0;
			rc->dir = loc.progdir;
			loc.progdir = NULL;
			for (i = 0; i < loc.nfiles; i++)
				rc->cxx |= cg_clang_iscxx(loc.files[i]);
		}
		cg_dataset_located_release(&loc);
	}
	cg_uri_release(&u);
	return r;
}

int
cg_run_load(const struct cg_bench *b, struct cg_runcfg *rc)
{
	struct cg_cmdline cl;
	json_t *opts, *v;
	char *where = NULL;
	size_t i, n = 0;
	int r;

	memset(rc, 0, sizeof(*rc));
	if ((r = findcfg(b, rc, &where)) == 0)
		r = cg_run_check(rc->cfg, where);
	if (r == 0 && json_array_size(json_object_get(rc->cfg, "runs")) == 0)
		r = 1;
	if (r == 0 && b->build && cg_build_parse(b->build, &cl) == 0) {
		rc->cxx |= cl.cxx;
		for (n = 0; cl.linkopts[n]; n++)
			;
		rc->linkopts = cl.linkopts;
		cl.linkopts = NULL;
		cg_build_release(&cl);
	} else if (r == 0 && b->build)
		r = -1;
	if (r == 0) {
		opts = json_object_get(rc->cfg, "linkopts");
		rc->linkopts = cg_realloc(rc->linkopts, (n +
		    json_array_size(opts) + 1) * sizeof(char *));
		json_array_foreach(opts, i, v) {
			const char *o = json_string_value(v);
			rc->linkopts[n++] = strncmp(o, "-L", 2) == 0 ?
			    cg_asprintf("-L%s/%s", rc->dir, o + 2) :
			    cg_strdup(o);
		}
		rc->linkopts[n] = NULL;
		rc->nruns = json_array_size(json_object_get(rc->cfg, "runs"));
	}
	free(where);
	if (r != 0)
		cg_run_release(rc);
	return r;
}

void
cg_run_release(struct cg_runcfg *rc)
{
	size_t i;

	for (i = 0; rc->linkopts && rc->linkopts[i]; i++)
		free(rc->linkopts[i]);
	free(rc->linkopts);
	free(rc->dir);
	json_decref(rc->cfg);
	memset(rc, 0, sizeof(*rc));
}

int
cg_run_key(const struct cg_runcfg *rc, struct cg_buf *key)
{
	size_t i;

	cg_buf_addf(key, "linked by %s with", rc->cxx ? cg_clangxx() :
	    cg_clang());
	for (i = 0; rc->linkopts[i]; i++)
		cg_buf_addf(key, " %s", rc->linkopts[i]);
	cg_buf_addstr(key, "\n");
	return 0;
}

int
cg_run_build(const struct cg_runcfg *rc, const void *bc, size_t n,
    const char *dir, const char *exe, const char *const *extra,
    double *secs)
{
	struct cg_buf out = CG_BUF_INIT, err = CG_BUF_INIT;
	const char **argv;
	char *in = cg_asprintf("%s/%s.bc", dir, exe);
	char *outp = cg_asprintf("%s/%s", dir, exe), *tmp;
	size_t i, k = 0;
	double t0;
	int r;

	if (cg_fs_write_atomic(in, bc, n) < 0) {
		free(in), free(outp);
		return -1;
	}
	for (i = 0; rc->linkopts[i]; i++)
		;
	argv = cg_calloc(16 + i, sizeof(*argv));
	argv[k++] = rc->cxx ? cg_clangxx() : cg_clang();
	argv[k++] = "-w";
	argv[k++] = in;
	argv[k++] = "-o";
	argv[k++] = outp;
	for (i = 0; extra && extra[i] && k < 12; i++)
		argv[k++] = extra[i];
	for (i = 0; rc->linkopts[i]; i++)
		argv[k++] = rc->linkopts[i];
	argv[k] = NULL;
	/* clang's temporary files go in dir too, removed with it. */
	if ((tmp = getenv("TMPDIR")) != NULL)
		tmp = cg_strdup(tmp);
	setenv("TMPDIR", dir, 1);
	t0 = cg_now();
	r = cg_proc_run((char *const *)argv, BUILD_TIMEOUT, &out, &err);
	*secs = cg_now() - t0;
	if (tmp)
		setenv("TMPDIR", tmp, 1);
	else
		unsetenv("TMPDIR");
	free(tmp);
	if (r == 126 || r == 127)
		r = cg_error(CG_EXIT_FAILURE, "cannot run '%s'", argv[0]);
	else if (r > 0) {
		/* The program or its link options are at fault. */
		const char *s = cg_clang_diagnostic(&err);
		if (*s)
			cg_error(CG_EXIT_DATA, "build failed: %s", s);
		else
			cg_error(CG_EXIT_DATA, "build failed: '%s' exited "
			    "with status %d", argv[0], r);
		r = -1;
	}
	free(argv);
	free(in);
	free(outp);
	cg_buf_release(&out);
	cg_buf_release(&err);
	return r < 0 ? -1 : 0;
}

static char *
expand(const char *arg, const char *dir)
{
	struct cg_buf b = CG_BUF_INIT;
	const char *p;

	while ((p = strstr(arg, "$D")) != NULL) {
		cg_buf_add(&b, arg, (size_t)(p - arg));
		cg_buf_addstr(&b, dir);
		arg = p + 2;
	}
	cg_buf_addstr(&b, arg);
	return (char *)cg_buf_detach(&b, NULL);
}

/*
 * Keeps what run i compares of an output: nothing when its "compare" is
 * "status", else the lines that no "ignore" pattern matches.
 */
static void
filter(const struct cg_runcfg *rc, size_t i, struct cg_buf *out)
{
	json_t *cmp = runfield(rc, i, "compare");
	json_t *ign = runfield(rc, i, "ignore"), *v;
	regex_t *re;
	size_t k, n = json_array_size(ign), w = 0, nre = 0;
	char *line, *end, save;

	if (cmp && strcmp(json_string_value(cmp), "status") == 0) {
		cg_buf_reset(out);
		return;
	}
	if (n == 0 || out->len == 0)
		return;
	re = cg_calloc(n, sizeof(*re));
	json_array_foreach(ign, k, v)
		if (regcomp(&re[nre], json_string_value(v), REG_EXTENDED |
		    REG_NOSUB) == 0)
			nre++;
	for (line = (char *)out->data; line < (char *)out->data + out->len;
	    line = end) {
		int drop = 0;
		end = memchr(line, '\n', (size_t)((char *)out->data +
		    out->len - line));
		end = end ? end + 1 : (char *)out->data + out->len;
		save = *end;
		*end = '\0';
		for (k = 0; k < nre && !drop; k++)
			drop = regexec(&re[k], line, 0, NULL, 0) == 0;
		*end = save;
		if (!drop) {
			memmove(out->data + w, line, (size_t)(end - line));
			w += (size_t)(end - line);
		}
	}
	out->len = w;
	out->data[w] = '\0';
	for (k = 0; k < nre; k++)
		regfree(&re[k]);
	free(re);
}

/* Copies the run's "files" from the configuration's folder into dir. */
static int
copyfiles(const struct cg_runcfg *rc, size_t i, const char *dir)
{
	json_t *files = runfield(rc, i, "files"), *v;
	struct cg_buf b = CG_BUF_INIT;
	size_t k;
	int r = 0;

	json_array_foreach(files, k, v) {
		const char *f = json_string_value(v), *base = strrchr(f, '/');
		char *src = cg_asprintf("%s/%s", rc->dir, f);
		char *dst = cg_asprintf("%s/%s", dir, base ? base + 1 : f);
		cg_buf_reset(&b);
		if (cg_buf_read_file(&b, src) < 0)
			r = cg_error(CG_EXIT_DATA, "run %zu: %s", i, cg_errmsg());
		else
			r = cg_fs_write_atomic(dst, b.data, b.len);
		free(src);
		free(dst);
		if (r < 0)
			break;
	}
	cg_buf_release(&b);
	return r;
}

double
cg_run_timeout(const struct cg_runcfg *rc, size_t i, double limit)
{
	json_t *t = runfield(rc, i, "timeout");
	double v = json_is_number(t) ? json_number_value(t) :
	    limit > 0 ? limit : CG_RUN_TIMEOUT;

	return v < 0.001 ? 0.001 : v > CG_TIMEOUT_MAX ? CG_TIMEOUT_MAX : v;
}

/* In the child, before exec: the limits of what a program may use. */
static void
limits(double timeout, int sanitized)
{
	struct rlimit r;

	r.rlim_cur = r.rlim_max = (rlim_t)timeout + 2;
	setrlimit(RLIMIT_CPU, &r);
	r.rlim_cur = r.rlim_max = CG_RUN_FSIZE;
	setrlimit(RLIMIT_FSIZE, &r);
	r.rlim_cur = r.rlim_max = CG_RUN_NPROC;
	setrlimit(RLIMIT_NPROC, &r);
	r.rlim_cur = r.rlim_max = 0;
	setrlimit(RLIMIT_CORE, &r);
	/* The sanitizers reserve terabytes of address space. */
	if (!sanitized) {
		r.rlim_cur = r.rlim_max = CG_RUN_AS;
		setrlimit(RLIMIT_AS, &r);
	}
}

/*
 * Reads the program's output until it exits, the deadline passes or it
 * prints more than CG_RUN_OUTPUT_MAX; then its process group is killed, so
 * that nothing it started outlives it or holds the pipe.  0 when it
 * exited (*st, *end set), -1 with status 1 otherwise.
 */
static int
collect(pid_t pid, int fd, double deadline, size_t i, struct cg_buf *out,
    int *st, double *end)
{
	int pfd = (int)syscall(SYS_pidfd_open, pid, 0), exited = 0, r = 0;
	size_t start = out->len;
	siginfo_t si;

	while (!exited) {
		/* poll() skips an entry whose fd is -1 (the pipe at EOF). */
		struct pollfd pf[2] = { { fd, POLLIN, 0 }, { pfd, POLLIN, 0 } };
		double left = deadline - cg_now();
		int wait = pfd >= 0 ? (int)(left * 1000) + 1 : 1;
		ssize_t n;

		if (left <= 0) {
			r = cg_error(CG_EXIT_FAILURE, "run %zu timed out", i);
			break;
		}
		if (poll(pf, 2, wait) < 0 && errno != EINTR)
			break;
		si.si_pid = 0;
		if (pfd >= 0 ? (pf[1].revents != 0) : (waitid(P_PID, (id_t)pid,
		    &si, WEXITED | WNOHANG | WNOWAIT) == 0 && si.si_pid == pid))
			exited = 1;
		if (fd < 0 || !(pf[0].revents || exited))
			continue;
		/* After the exit, take what is left in the pipe, no more. */
		if (exited)
			fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
		do {
			cg_buf_grow(out, 65536);
			n = read(fd, out->data + out->len, 65536);
			if (n > 0) {
				out->len += (size_t)n;
				out->data[out->len] = '\0';
			}
		} while (exited && n > 0 && out->len - start <=
		    CG_RUN_OUTPUT_MAX);
		if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
			close(fd);
			fd = -1;
		}
		if (out->len - start > CG_RUN_OUTPUT_MAX) {
			r = cg_error(CG_EXIT_FAILURE, "run %zu printed more "
			    "than %d MiB", i, CG_RUN_OUTPUT_MAX >> 20);
			break;
		}
	}
	*end = cg_now();
	kill(-pid, SIGKILL);
	if (fd >= 0)
		close(fd);
	if (pfd >= 0)
		close(pfd);
	cg_proc_wait(pid, st);
	return exited && r == 0 ? 0 : -1;
}

int
cg_run_exec(const struct cg_runcfg *rc, size_t i, const char *dir,
    const char *exe, double limit, struct cg_buf *out, int *status,
    double *secs)
{
	json_t *run = json_array_get(json_object_get(rc->cfg, "runs"), i);
	json_t *args = json_object_get(run, "args"), *v;
	const char *in = json_string_value(json_object_get(run, "stdin"));
	double timeout = cg_run_timeout(rc, i, limit), t0, t1;
	char **argv, *inpath = NULL;
	int p[2], st, fd, r = -1;
	size_t k = 0, j;
	pid_t pid = -1;

	if (copyfiles(rc, i, dir) < 0)
		return -1;
	argv = cg_calloc(json_array_size(args) + 2, sizeof(*argv));
	argv[k++] = cg_asprintf("./%s", exe);
	json_array_foreach(args, j, v)
		argv[k++] = expand(json_string_value(v), rc->dir);
	if (in)
		inpath = cg_asprintf("%s/%s", rc->dir, in);
	if (pipe2(p, O_CLOEXEC) < 0) {
		cg_error(CG_EXIT_FAILURE, "pipe: %s", strerror(errno));
		goto out;
	}
	fflush(NULL);
	t0 = cg_now();
	if ((pid = cg_proc_fork(0)) == 0) {
		if (chdir(dir) < 0)
			_exit(126);
		fd = open(inpath ? inpath : "/dev/null", O_RDONLY);
		if (fd < 0)
			_exit(126);
		dup2(fd, 0);
		dup2(p[1], 1);
		fd = open("/dev/null", O_WRONLY);
		dup2(fd, 2);
		signal(SIGPIPE, SIG_DFL);
		setenv("HOME", dir, 1);
		setenv("TMPDIR", dir, 1);
		limits(timeout, strstr(exe, "san") != NULL);
		execv(argv[0], argv);
		_exit(127);
	}
	close(p[1]);
	if (pid < 0) {
		close(p[0]);
		cg_error(CG_EXIT_FAILURE, "fork: %s", strerror(errno));
		goto out;
	}
	if (collect(pid, p[0], t0 + timeout, i, out, &st, &t1) < 0)
		goto out;
	*secs = t1 - t0;
	*status = WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
	filter(rc, i, out);
	r = 0;
out:
	for (j = 0; j < k; j++)
		free(argv[j]);
	free(argv);
	free(inpath);
	return r;
}

int
cg_run_expected(const struct cg_runcfg *rc, size_t i, struct cg_buf *out)
{
	json_t *run = json_array_get(json_object_get(rc->cfg, "runs"), i);
	const char *f = json_string_value(json_object_get(run, "stdout"));
	char *path;
	int r;

	if (f == NULL)
		return 1;
	path = cg_asprintf("%s/%s", rc->dir, f);
	if ((r = cg_buf_read_file(out, path)) < 0)
		cg_error(CG_EXIT_DATA, "run %zu: %s", i, cg_errmsg());
	else
		filter(rc, i, out);
	free(path);
	return r;
}

int
cg_run_measure(const struct cg_runcfg *rc, const void *bc, size_t n,
    long warmup, long count, double *build, double *times)
{
	struct cg_buf out = CG_BUF_INIT, want = CG_BUF_INIT;
	double secs;
	char *dir;
	long i;
	int status, expect = 1, r = -1;

	if (cg_fs_scratch(cg_fs_tmpdir(), "cg-run", &dir) < 0)
		return -1;
	if (cg_run_build(rc, bc, n, dir, "a.out", NULL, build) < 0)
		goto out;
	if (count + warmup > 0 && (expect = cg_run_expected(rc, 0, &want)) < 0)
		goto out;
	for (i = 0; i < warmup + count; i++) {
		cg_buf_reset(&out);
		if (cg_run_exec(rc, 0, dir, "a.out", 0, &out, &status,
		    &secs) < 0)
			goto out;
		if (status != 0) {
			cg_error(CG_EXIT_FAILURE, "run 0 %s %d", status > 128 ?
			    "was killed by signal" : "exited with status",
			    status > 128 ? status - 128 : status);
			goto out;
		}
		if (expect == 0 && (out.len != want.len ||
		    memcmp(out.data, want.data, out.len) != 0)) {
			cg_error(CG_EXIT_FAILURE, "run 0 printed something other "
			    "than its expected output");
			goto out;
		}
		if (i >= warmup)
			times[i - warmup] = secs;
	}
	r = 0;
out:
	cg_fs_unscratch(dir);
	free(dir);
	cg_buf_release(&out);
	cg_buf_release(&want);
	return r;
}

int
cg_run_textsize(const struct cg_runcfg *rc, const void *bc, size_t n,
    long *size)
{
	struct cg_buf exe = CG_BUF_INIT;
	double secs;
	char *dir, *path;
	int r = -1;

	if (cg_fs_scratch(cg_fs_tmpdir(), "cg-run", &dir) < 0)
		return -1;
	path = cg_asprintf("%s/a.out", dir);
	if (cg_run_build(rc, bc, n, dir, "a.out", NULL, &secs) < 0)
		goto out;
	if (cg_buf_read_file(&exe, path) < 0) {
		cg_error(CG_EXIT_FAILURE, "%s", cg_errmsg());
		goto out;
	}
	if ((*size = cg_elf_text(exe.data, exe.len)) < 0)
		cg_error_prefix("linked program");
	else
		r = 0;
out:
	cg_fs_unscratch(dir);
	free(dir);
	free(path);
	cg_buf_release(&exe);
	return r;
}
