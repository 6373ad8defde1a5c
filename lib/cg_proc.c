#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cg_error.h"
#include "cg_proc.h"

double
cg_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/*
 * The children this process has not reaped, for cg_proc_stopall().  A
 * forked child inherits the table: parent tells whose entry it is.
 */
#define NTRACK 64
static struct {
	volatile pid_t pid;
	volatile pid_t parent;
	volatile int ours;
} tracked[NTRACK];

pid_t
cg_proc_fork(int ours)
{
	sigset_t stop, old;
	pid_t pid, me = getpid();
	int i;

	/* No signal handler may see the child before it is in the table. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);
	sigprocmask(SIG_BLOCK, &stop, &old);
	pid = fork();
	/* A program gets a process group of its own, so that stopping it
	 * also stops what it started (clang's linker). */
	if (pid >= 0 && !ours)
		setpgid(pid, 0);
	if (pid == 0)
		prctl(PR_SET_PDEATHSIG, SIGKILL);
	else if (pid > 0) {
		for (i = 0; i < NTRACK; i++)
			if (tracked[i].pid == 0 || tracked[i].parent != me)
				break;
		if (i < NTRACK) {
			tracked[i].ours = ours;
			tracked[i].parent = me;
			tracked[i].pid = pid;
		}
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return pid;
}

static void
untrack(pid_t pid)
{
	pid_t me = getpid();
	int i;

	for (i = 0; i < NTRACK; i++)
		if (tracked[i].pid == pid && tracked[i].parent == me)
			tracked[i].pid = 0;
}

pid_t
cg_proc_wait(pid_t pid, int *status)
{
	pid_t r;

	do
		r = waitpid(pid, status, 0);
	while (r < 0 && errno == EINTR);
	if (r == pid || (r < 0 && errno == ECHILD))
		untrack(pid);
	return r;
}

void
cg_proc_stopall(int sig)
{
	const struct timespec tick = { 0, 10000000 };
	pid_t me = getpid(), pid;
	int i, t, left, st, saved = errno;

	for (i = 0; i < NTRACK; i++)
		if ((pid = tracked[i].pid) > 0 && tracked[i].parent == me)
			kill(tracked[i].ours ? pid : -pid, sig);
	for (t = 0;; t++) {
		left = 0;
		for (i = 0; i < NTRACK; i++) {
			if ((pid = tracked[i].pid) <= 0 || tracked[i].parent != me)
				continue;
			if (waitpid(pid, &st, WNOHANG) == 0) {
				if (t < (tracked[i].ours ? 500 : 100)) {
					left = 1;
					continue;
				}
				kill(tracked[i].ours ? pid : -pid, SIGKILL);
				waitpid(pid, &st, 0);
			}
			tracked[i].pid = 0;
		}
		if (!left)
			break;
		nanosleep(&tick, NULL);
	}
	errno = saved;
}

static int
writeall(int fd, const void *p, size_t n)
{
	const char *s = p;

	while (n > 0) {
		ssize_t k = write(fd, s, n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += k, n -= (size_t)k;
	}
	return 0;
}

int
cg_child_send(int fd, unsigned type, const void *p, size_t n)
{
	unsigned char h[12];
	uint64_t len = n;
	int i;

	for (i = 0; i < 4; i++)
		h[i] = (unsigned char)(type >> (8 * i));
	for (i = 0; i < 8; i++)
		h[4 + i] = (unsigned char)(len >> (8 * i));
	if (writeall(fd, h, sizeof(h)) < 0 || writeall(fd, p, n) < 0)
		return -1;
	return 0;
}

int
cg_child_send_error(int fd)
{
	struct cg_buf b = CG_BUF_INIT;
	unsigned char st = (unsigned char)cg_errstatus();
	int r;

	cg_buf_add(&b, &st, 1);
	cg_buf_addstr(&b, cg_errmsg());
	r = cg_child_send(fd, CG_REC_ERROR, b.data, b.len);
	cg_buf_release(&b);
	return r;
}

int
cg_child_start(struct cg_child *c, cg_child_fn fn, void *arg)
{
	int p[2], e[2];

	memset(c, 0, sizeof(*c));
	c->pid = -1;
	if (pipe2(p, O_CLOEXEC) < 0)
		return cg_error(CG_EXIT_FAILURE, "pipe: %s", strerror(errno));
	if (pipe2(e, O_CLOEXEC) < 0) {
		close(p[0]), close(p[1]);
		return cg_error(CG_EXIT_FAILURE, "pipe: %s", strerror(errno));
	}
	fflush(NULL);
	c->pid = cg_proc_fork(1);
	if (c->pid < 0) {
		close(p[0]), close(p[1]), close(e[0]), close(e[1]);
		return cg_error(CG_EXIT_FAILURE, "fork: %s", strerror(errno));
	}
	if (c->pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		close(p[0]), close(e[0]);
		dup2(e[1], 2);
		/* _exit: the parent's stdio buffers are not ours to flush. */
		_exit(fn(arg, p[1]));
	}
	close(p[1]), close(e[1]);
	c->fd = p[0];
	c->errfd = e[0];
	return 0;
}

/* The child's first line of stderr, for messages. */
static const char *
errline(struct cg_child *c)
{
	char *s = (char *)c->err.data;

	char *p;

	if (s == NULL)
		return "";
	while (*s == '\n')
		s++;
	s[strcspn(s, "\n")] = '\0';
	if (strlen(s) > 300)
		s[300] = '\0';
	for (p = s; *p; p++)	/* a message is text */
		if ((unsigned char)*p < 0x20 || (unsigned char)*p == 0x7f)
			*p = '?';
	return s;
}

static int
reap(struct cg_child *c, int *status)
{
	pid_t r = cg_proc_wait(c->pid, status);

	c->pid = -1;
	return r < 0 ? -1 : 0;
}

/* Takes one whole record out of c->in, if there is one. */
static int
takerecord(struct cg_child *c, unsigned *type, struct cg_buf *data)
{
	uint64_t len = 0;
	int i;

	if (c->in.len < 12)
		return 0;
	*type = 0;
	for (i = 0; i < 4; i++)
		*type |= (unsigned)c->in.data[i] << (8 * i);
	for (i = 0; i < 8; i++)
		len |= (uint64_t)c->in.data[4 + i] << (8 * i);
	if (c->in.len - 12 < len)
		return 0;
	cg_buf_reset(data);
	cg_buf_add(data, c->in.data + 12, (size_t)len);
	memmove(c->in.data, c->in.data + 12 + len, c->in.len - 12 - len);
	c->in.len -= 12 + len;
	return 1;
}

int
cg_child_next(struct cg_child *c, double timeout, unsigned *type,
    struct cg_buf *data)
{
	double deadline = timeout > 0 ? cg_now() + timeout : 0;
	int status;

	for (;;) {
		struct pollfd pf[2];
		int n = 0, ms = -1, r, i;

		if (takerecord(c, type, data)) {
			if (*type == CG_REC_READY) {
				c->ready = 1;
				continue;
			}
			if (*type == CG_REC_ERROR) {
				int st = data->len ? data->data[0] : 1;
				cg_error(st, "%s", data->len ? (char *)data->data + 1 : "");
			}
			return 1;
		}
		if (c->fd < 0 && c->errfd < 0)
			break;
		if (c->fd >= 0)
			pf[n].fd = c->fd, pf[n++].events = POLLIN;
		if (c->errfd >= 0)
			pf[n].fd = c->errfd, pf[n++].events = POLLIN;
		if (deadline) {
			double left = deadline - cg_now();
			if (left <= 0) {
				kill(c->pid, SIGKILL);
				reap(c, &status);
				return cg_error(CG_EXIT_EPISODE,
				    "timed out after %g s", timeout);
			}
			ms = (int)(left * 1000) + 1;
		}
		r = poll(pf, (nfds_t)n, ms);
		if (r < 0 && errno != EINTR)
			return cg_error(CG_EXIT_FAILURE, "poll: %s",
			    strerror(errno));
		for (i = 0; r > 0 && i < n; i++) {
			struct cg_buf *b;
			int *fdp;
			ssize_t k;

			if (!(pf[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			if (pf[i].fd == c->fd)
				b = &c->in, fdp = &c->fd;
			else
				b = &c->err, fdp = &c->errfd;
			cg_buf_grow(b, 65536);
			k = read(*fdp, b->data + b->len, 65536);
			if (k > 0) {
				b->len += (size_t)k;
				b->data[b->len] = '\0';
			} else if (k == 0 || errno != EINTR) {
				close(*fdp);
				*fdp = -1;
			}
		}
	}
	if (reap(c, &status) < 0)
		return cg_error(CG_EXIT_FAILURE, "wait: %s", strerror(errno));
	if (WIFSIGNALED(status))
		return cg_error(CG_EXIT_EPISODE, "killed by signal %d (%s)%s%s",
		    WTERMSIG(status), strsignal(WTERMSIG(status)),
		    *errline(c) ? ": " : "", errline(c));
	if (WEXITSTATUS(status) != 0)
		return cg_error(CG_EXIT_EPISODE, "exited with status %d%s%s",
		    WEXITSTATUS(status), *errline(c) ? ": " : "", errline(c));
	if (c->in.len)
		return cg_error(CG_EXIT_EPISODE, "sent a partial record");
	return 0;
}

static void
readsome(int *fdp, struct cg_buf *b)
{
	ssize_t k;

	if (*fdp < 0)
		return;
	cg_buf_grow(b, 65536);
	k = read(*fdp, b->data + b->len, 65536);
	if (k > 0) {
		b->len += (size_t)k;
		b->data[b->len] = '\0';
	} else if (k == 0 || (errno != EINTR && errno != EAGAIN)) {
		close(*fdp);
		*fdp = -1;
	}
}

void
cg_child_read(struct cg_child *c)
{
	struct pollfd pf[2];

	pf[0].fd = c->fd, pf[0].events = POLLIN, pf[0].revents = 0;
	pf[1].fd = c->errfd, pf[1].events = POLLIN, pf[1].revents = 0;
	if (poll(pf, 2, 0) <= 0)
		return;
	if (pf[0].revents)
		readsome(&c->fd, &c->in);
	if (pf[1].revents)
		readsome(&c->errfd, &c->err);
}

int
cg_child_record(struct cg_child *c, unsigned *type, struct cg_buf *data)
{
	return takerecord(c, type, data);
}

void
cg_child_finish(struct cg_child *c)
{
	int status;

	if (c->fd >= 0)
		close(c->fd);
	if (c->errfd >= 0)
		close(c->errfd);
	c->fd = c->errfd = -1;
	if (c->pid > 0) {
		kill(c->pid, SIGKILL);
		reap(c, &status);
	}
	cg_buf_release(&c->in);
	cg_buf_release(&c->err);
}

int
cg_proc_run(char *const argv[], double timeout, struct cg_buf *out,
    struct cg_buf *err)
{
	int o[2], e[2], status, devnull;
	double deadline = cg_now() + timeout;
	struct pollfd pf[2];
	pid_t pid;

	if (pipe2(o, O_CLOEXEC) < 0 || pipe2(e, O_CLOEXEC) < 0)
		return cg_error(CG_EXIT_FAILURE, "pipe: %s", strerror(errno));
	fflush(NULL);
	if ((pid = cg_proc_fork(0)) < 0)
		return cg_error(CG_EXIT_FAILURE, "fork: %s", strerror(errno));
	if (pid == 0) {
		devnull = open("/dev/null", O_RDONLY);
		dup2(devnull, 0);
		dup2(o[1], 1);
		dup2(e[1], 2);
		signal(SIGPIPE, SIG_DFL);
		execvp(argv[0], argv);
		dprintf(2, "cannot run '%s': %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(o[1]), close(e[1]);
	pf[0].fd = o[0], pf[0].events = POLLIN;
	pf[1].fd = e[0], pf[1].events = POLLIN;
	while (pf[0].fd >= 0 || pf[1].fd >= 0) {
		double left = deadline - cg_now();
		int i;

		if (left <= 0) {
			kill(pid, SIGKILL);
			cg_proc_wait(pid, &status);
			close(o[0]), close(e[0]);
			return cg_error(CG_EXIT_FAILURE,
			    "'%s' timed out after %g s", argv[0], timeout);
		}
		if (poll(pf, 2, (int)(left * 1000) + 1) < 0 && errno != EINTR)
			break;
		for (i = 0; i < 2; i++) {
			struct cg_buf *b = i == 0 ? out : err;
			ssize_t k;

			if (pf[i].fd < 0 || !pf[i].revents)
				continue;
			cg_buf_grow(b, 65536);
			k = read(pf[i].fd, b->data + b->len, 65536);
			if (k > 0) {
				b->len += (size_t)k;
				b->data[b->len] = '\0';
			} else if (k == 0 || errno != EINTR) {
				close(pf[i].fd);
				pf[i].fd = -1;
			}
		}
	}
	cg_proc_wait(pid, &status);
	if (WIFSIGNALED(status))
		return cg_error(CG_EXIT_FAILURE, "'%s' killed by signal %d",
		    argv[0], WTERMSIG(status));
	return WEXITSTATUS(status);
}
