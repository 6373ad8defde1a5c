#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cg_benchmark.h"
#include "cg_clang.h"
#include "cg_elf.h"
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

/*
 * The scratch directories of this process, for the signal handler.  A
 * forked child inherits the table: owner tells whose entry it is.
 */
#define NSCRATCH 16
static struct {
	char *volatile path;
	volatile pid_t owner;
} scratch[NSCRATCH];
static pid_t trapped;	/* the process that did, as children inherit it */

static void
blocksignals(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, old);
}

/*
 * rm -r of name in dirfd without following links; async-signal-safe (no
 * malloc, no stdio), for the handler.  0 when it is gone.
 */
static int
rmtree_at(int dirfd, const char *name, int depth)
{
	long buf[256];		/* aligned for struct dirent64 */
	long n, off;
	int fd, again = 1;

	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	while (fd >= 0 && again && depth < 16) {
		/* Entries removed while reading may hide others: go again. */
		again = 0;
		lseek(fd, 0, SEEK_SET);
		while ((n = getdents64(fd, buf, sizeof(buf))) > 0)
			for (off = 0; off < n; ) {
				struct dirent64 *d =
				    (struct dirent64 *)((char *)buf + off);
				off += d->d_reclen;
				if (strcmp(d->d_name, ".") == 0 ||
				    strcmp(d->d_name, "..") == 0)
					continue;
				if (unlinkat(fd, d->d_name, 0) == 0 ||
				    (errno == EISDIR &&
				    rmtree_at(fd, d->d_name, depth + 1) == 0))
					again = 1;
			}
	}
	if (fd >= 0)
		close(fd);
	return unlinkat(dirfd, name, AT_REMOVEDIR);
}

static void
onsignal(int sig)
{
	pid_t me = getpid();
	int i;

	/* The children first: a program still running writes in its dir. */
	cg_proc_stopall(sig);
	for (i = 0; i < NSCRATCH; i++)
		if (scratch[i].path && scratch[i].owner == me)
			rmtree_at(AT_FDCWD, scratch[i].path, 0);
	/* Blocked until the handler returns, then fatal as it was. */
	signal(sig, SIG_DFL);
	raise(sig);
}

void
cg_run_trap(void)
{
	static const int sigs[] = { SIGHUP, SIGINT, SIGTERM };
	struct sigaction sa, old;
	size_t i;

	if (trapped == getpid())
		return;
	trapped = getpid();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = onsignal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(&sa.sa_mask, sigs[i]);
	/* Only over the default: an ignored signal (nohup, a background
	 * job) stays ignored, and a tool's own handler stays. */
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    !(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_DFL)
			sigaction(sigs[i], &sa, NULL);
}

int
cg_run_scratch(char **dir)
{
	const char *tmp = getenv("TMPDIR");
	char *p = cg_asprintf("%s/cg-run.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	pid_t me = getpid();
	sigset_t old;
	int i;

	cg_run_trap();
	blocksignals(&old);
	if (mkdtemp(p) == NULL) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		cg_error(CG_EXIT_FAILURE, "cannot make a scratch directory: %s",
		    strerror(errno));
		free(p);
		return -1;
	}
	for (i = 0; i < NSCRATCH; i++)
		if (scratch[i].path == NULL || scratch[i].owner != me) {
			scratch[i].owner = me;
			scratch[i].path = cg_strdup(p);
			break;
		}
	sigprocmask(SIG_SETMASK, &old, NULL);
	*dir = p;
	return 0;
}

void
cg_run_rmtree(const char *dir)
{
	pid_t me = getpid();
	sigset_t old;
	char *p = NULL;
	int i;

	rmtree_at(AT_FDCWD, dir, 0);
	blocksignals(&old);
	for (i = 0; i < NSCRATCH; i++)
		if (scratch[i].path && scratch[i].owner == me &&
		    strcmp(scratch[i].path, dir) == 0) {
			p = scratch[i].path;
			scratch[i].path = NULL;
			break;
		}
	sigprocmask(SIG_SETMASK, &old, NULL);
	free(p);
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
	char *outp = cg_asprintf("%s/%s", dir, exe), *tmp;
	size_t i, k = 0;
	double t0;
	int r;

	if (cg_write_file_atomic(in, bc, n) < 0) {
		free(in), free(outp);
		return -1;
	}
	argv = cg_calloc(16 + json_array_size(opts), sizeof(*argv));
	argv[k++] = cg_clang();
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
	/* clang's temporary files go in dir too, removed with it. */
	if ((tmp = getenv("TMPDIR")) != NULL)
		tmp = cg_strdup(tmp);
	setenv("TMPDIR", dir, 1);
	t0 = cg_now();
	r = cg_run((char *const *)argv, BUILD_TIMEOUT, &out, &err);
	*secs = cg_now() - t0;
	if (tmp)
		setenv("TMPDIR", tmp, 1);
	else
		unsetenv("TMPDIR");
	free(tmp);
	if (r > 0) {
		const char *s = err.data ? (const char *)err.data : "";
		if (*s)
			cg_error(CG_EXIT_FAILURE, "build failed: %.*s",
			    (int)strcspn(s, "\n"), s);
		else
			cg_error(CG_EXIT_FAILURE, "build failed: '%s' exited "
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
 * Waits for pid until deadline, also when it closed its output before
 * exiting: polls a pidfd (or, before Linux 5.3, looks every millisecond).
 * -1 when the deadline passed first.
 */
static int
waituntil(pid_t pid, int *status, double deadline)
{
	const struct timespec ms = { 0, 1000000 };
	int fd = (int)syscall(SYS_pidfd_open, pid, 0);
	siginfo_t si;

	for (;;) {
		struct pollfd pf = { fd, POLLIN, 0 };
		double left = deadline - cg_now();

		if (fd >= 0 && poll(&pf, 1, left > 0 ?
		    (int)(left * 1000) + 1 : 0) > 0)
			break;
		si.si_pid = 0;
		if (fd < 0 && waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG |
		    WNOWAIT) == 0 && si.si_pid == pid)
			break;
		if (left <= 0) {
			if (fd >= 0)
				close(fd);
			return -1;
		}
		if (fd < 0)
			nanosleep(&ms, NULL);
	}
	if (fd >= 0)
		close(fd);
	cg_proc_wait(pid, status);
	return 0;
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
	int p[2], st, fd, r = -1;
	size_t k = 0, j;
	pid_t pid = -1;

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
		execv(argv[0], argv);
		_exit(127);
	}
	close(p[1]);
	for (;;) {
		struct pollfd pf = { p[0], POLLIN, 0 };
		double left = t0 + timeout - cg_now();
		ssize_t n;

		if (pid < 0 || left <= 0)
			break;
		if (poll(&pf, 1, (int)(left * 1000) + 1) <= 0)
			continue;
		cg_buf_grow(out, 65536);
		n = read(p[0], out->data + out->len, 65536);
		if (n > 0) {
			out->len += (size_t)n;
			out->data[out->len] = '\0';
		} else if (n == 0 || errno != EINTR)
			break;
	}
	close(p[0]);
	if (pid < 0) {
		cg_error(CG_EXIT_FAILURE, "fork: %s", strerror(errno));
		goto out;
	}
	if (waituntil(pid, &st, t0 + timeout) < 0) {
		kill(pid, SIGKILL);
		cg_proc_wait(pid, &st);
		cg_error(CG_EXIT_FAILURE, "run %zu timed out after %g s", i,
		    timeout);
		goto out;
	}
	*secs = cg_now() - t0;
	*status = WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
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
	r = cg_buf_read_file(out, path);
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

	if (cg_run_scratch(&dir) < 0)
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
	cg_run_rmtree(dir);
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

	if (cg_run_scratch(&dir) < 0)
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
	cg_run_rmtree(dir);
	free(dir);
	free(path);
	cg_buf_release(&exe);
	return r;
}
