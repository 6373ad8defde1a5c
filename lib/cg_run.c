#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cg_benchmark.h"
#include "cg_error.h"
#include "cg_proc.h"
#include "cg_run.h"

#define BUILD_TIMEOUT 120.0
#define RUN_TIMEOUT 300.0

static char *
benchdir(const char *uri)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	const char *rest;
	char *p;
	struct stat sb;

	if (strncmp(uri, "benchmark://", 12) != 0)
		return NULL;
	rest = uri + 12;
	if (strstr(rest, "..") || strchr(rest, '?'))
		return NULL;
	p = cg_asprintf("%s/%s", cg_benchmark_datadir(), rest);
	if (stat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
		return p;
	free(p);
	if (xdg && *xdg == '/')
		p = cg_asprintf("%s/cg/datasets/%s", xdg, rest);
	else
		p = cg_asprintf("%s/.local/share/cg/datasets/%s",
		    home ? home : "", rest);
	if (stat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
		return p;
	free(p);
	return NULL;
}

int
cg_run_load(const char *uri, struct cg_runcfg *rc)
{
	json_error_t jerr;
	json_t *runs, *r;
	char *path;
	size_t i;

	memset(rc, 0, sizeof(*rc));
	if ((rc->dir = benchdir(uri)) == NULL)
		return 1;
	path = cg_asprintf("%s/run.json", rc->dir);
	if (access(path, F_OK) != 0) {
		free(path);
		cg_run_release(rc);
		return 1;
	}
	rc->cfg = json_load_file(path, 0, &jerr);
	if (rc->cfg == NULL) {
		cg_error(CG_EXIT_DATA, "'%s': %s", path, jerr.text);
		free(path);
		cg_run_release(rc);
		return -1;
	}
	runs = json_object_get(rc->cfg, "runs");
	if (!json_is_array(runs) || json_array_size(runs) == 0)
		goto bad;
	json_array_foreach(runs, i, r) {
		json_t *args = json_object_get(r, "args");
		if (!json_is_object(r) || (args && !json_is_array(args)))
			goto bad;
	}
	rc->nruns = json_array_size(runs);
	free(path);
	return 0;
bad:
	cg_error(CG_EXIT_DATA, "'%s': \"runs\" is not a list of runs", path);
	free(path);
	cg_run_release(rc);
	return -1;
}

void
cg_run_release(struct cg_runcfg *rc)
{
	free(rc->dir);
	json_decref(rc->cfg);
	memset(rc, 0, sizeof(*rc));
}

int
cg_run_scratch(char **dir)
{
	const char *tmp = getenv("TMPDIR");
	char *p = cg_asprintf("%s/cg-run.XXXXXX", tmp && *tmp ? tmp : "/tmp");

	if (mkdtemp(p) == NULL) {
		cg_error(CG_EXIT_FAILURE, "cannot make a scratch directory: %s",
		    strerror(errno));
		free(p);
		return -1;
	}
	*dir = p;
	return 0;
}

static int
rmone(const char *path, const struct stat *sb, int flag, struct FTW *f)
{
	(void)sb, (void)flag, (void)f;
	remove(path);
	return 0;
}

void
cg_run_rmtree(const char *dir)
{
	nftw(dir, rmone, 16, FTW_DEPTH | FTW_PHYS);
}

static const char *
clang(void)
{
	const char *s = getenv("CG_CLANG");

	return s && *s ? s : "clang-19";
}

int
cg_run_build(const struct cg_runcfg *rc, const void *bc, size_t n,
    const char *dir, const char *exe, const char *const *extra,
    double *secs)
{
	struct cg_buf out = CG_BUF_INIT, err = CG_BUF_INIT;
	json_t *opts = json_object_get(rc->cfg, "linkopts"), *v;
	const char **argv;
	char *in = cg_asprintf("%s/%s.bc", dir, exe);
	char *outp = cg_asprintf("%s/%s", dir, exe);
	size_t i, k = 0;
	double t0;
	int r;

	if (cg_write_file_atomic(in, bc, n) < 0) {
		free(in), free(outp);
		return -1;
	}
	argv = cg_calloc(16 + json_array_size(opts), sizeof(*argv));
	argv[k++] = clang();
	argv[k++] = "-w";
	argv[k++] = in;
	argv[k++] = "-o";
	argv[k++] = outp;
	for (i = 0; extra && extra[i] && k < 12; i++)
		argv[k++] = extra[i];
	json_array_foreach(opts, i, v)
		if (json_is_string(v))
			argv[k++] = json_string_value(v);
	argv[k] = NULL;
	t0 = cg_now();
	r = cg_run((char *const *)argv, BUILD_TIMEOUT, &out, &err);
	*secs = cg_now() - t0;
	if (r > 0) {
		char *s = err.data ? (char *)err.data : "";
		s[strcspn(s, "\n")] = '\0';
		cg_error(CG_EXIT_FAILURE, "build failed: %s", s);
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

int
cg_run_exec(const struct cg_runcfg *rc, size_t i, const char *dir,
    const char *exe, double limit, struct cg_buf *out, int *status,
    double *secs)
{
	json_t *run = json_array_get(json_object_get(rc->cfg, "runs"), i);
	json_t *args = json_object_get(run, "args"), *v;
	const char *in = json_string_value(json_object_get(run, "stdin"));
	double timeout = RUN_TIMEOUT, t0;
	char **argv, *inpath = NULL;
	int p[2], st, fd;
	size_t k = 0, j;
	pid_t pid;

	if (json_is_number(json_object_get(run, "timeout")))
		timeout = json_number_value(json_object_get(run, "timeout"));
	else if (limit > 0)
		timeout = limit;
	argv = cg_calloc(json_array_size(args) + 2, sizeof(*argv));
	argv[k++] = cg_asprintf("./%s", exe);
	json_array_foreach(args, j, v)
		argv[k++] = expand(json_string_value(v) ? json_string_value(v) :
		    "", rc->dir);
	if (in)
		inpath = cg_asprintf("%s/%s", rc->dir, in);
	if (pipe2(p, O_CLOEXEC) < 0)
		return cg_error(CG_EXIT_FAILURE, "pipe: %s", strerror(errno));
	fflush(NULL);
	t0 = cg_now();
	if ((pid = fork()) == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
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
		execv(argv[0], argv);
		_exit(127);
	}
	close(p[1]);
	for (;;) {
		struct pollfd pf = { p[0], POLLIN, 0 };
		double left = t0 + timeout - cg_now();
		ssize_t r;

		if (pid < 0 || left <= 0) {
			if (pid > 0) {
				kill(pid, SIGKILL);
				waitpid(pid, &st, 0);
			}
			close(p[0]);
			for (j = 0; j < k; j++)
				free(argv[j]);
			free(argv);
			free(inpath);
			return cg_error(CG_EXIT_FAILURE, pid < 0 ? "fork failed" :
			    "run %zu timed out after %g s", i, timeout);
		}
		if (poll(&pf, 1, (int)(left * 1000) + 1) <= 0)
			continue;
		cg_buf_grow(out, 65536);
		r = read(p[0], out->data + out->len, 65536);
		if (r > 0) {
			out->len += (size_t)r;
			out->data[out->len] = '\0';
		} else if (r == 0 || errno != EINTR)
			break;
	}
	close(p[0]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	*secs = cg_now() - t0;
	*status = WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
	for (j = 0; j < k; j++)
		free(argv[j]);
	free(argv);
	free(inpath);
	return 0;
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
	r = cg_buf_read_file(out, path);
	free(path);
	return r;
}
