#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cg_error.h"
#include "cg_fs.h"
#include "cg_proc.h"

int
cg_fs_mkdirs(const char *path)
{
	char *p = cg_strdup(path), *s;
	int r = 0;

	for (s = p + 1; *s && r == 0; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST)
			r = -1;
		*s = '/';
	}
	if (r == 0 && mkdir(p, 0777) < 0 && errno != EEXIST)
		r = -1;
	if (r < 0) {
		int e = errno;	/* callers look at it */
		cg_error(CG_EXIT_FAILURE, "cannot create '%s': %s", path,
		    strerror(e));
		errno = e;
	}
	free(p);
	return r;
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
	while (fd >= 0 && again && depth < 64) {
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
	if (unlinkat(dirfd, name, AT_REMOVEDIR) == 0 || errno == ENOENT)
		return 0;
	if (errno == ENOTDIR)
		return unlinkat(dirfd, name, 0);
	return -1;
}

int
cg_fs_rmtree(const char *path)
{
	if (rmtree_at(AT_FDCWD, path, 0) < 0)
		return cg_error(CG_EXIT_FAILURE, "cannot remove '%s': %s",
		    path, strerror(errno));
	return 0;
}

int
cg_fs_write_atomic(const char *path, const void *p, size_t n)
{
	char *tmp = cg_asprintf("%s.tmp.XXXXXX", path);
	const char *s = p;
	int fd = mkstemp(tmp), e;

	if (fd < 0)
		goto fail;
	while (n > 0) {
		ssize_t k = write(fd, s, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			goto fail;
		s += k, n -= (size_t)k;
	}
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) < 0)
		goto fail;
	free(tmp);
	return 0;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return cg_error(CG_EXIT_FAILURE, "cannot write '%s': %s", path,
	    strerror(e));
}

const char *
cg_fs_cachedir(void)
{
	static char *dir;
	const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (dir)
		return dir;
	if (x && *x == '/')
		dir = cg_asprintf("%s/cg", x);
	else if (home && *home)
		dir = cg_asprintf("%s/.cache/cg", home);
	else
		dir = cg_asprintf("/tmp/cg-cache-%d", (int)getuid());
	cg_fs_mkdirs(dir);
	return dir;
}

const char *
cg_fs_tmpdir(void)
{
	const char *t = getenv("TMPDIR");

	return t && *t == '/' ? t : "/tmp";
}

/*
 * The scratch folders of this process, for the signal handler.  A forked
 * child inherits the table: owner tells whose entry it is.
 */
#define NSCRATCH 32
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
cg_fs_trap(void)
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

/*
 * Removes parent/prefix.PID.* of this user whose process PID is gone:
 * left by a process killed with SIGKILL, which no handler could clean.
 */
static void
sweep(const char *parent, const char *prefix)
{
	size_t len = strlen(prefix);
	DIR *d = opendir(parent);
	struct dirent *e;
	struct stat sb;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char *end;
		long pid;

		if (strncmp(e->d_name, prefix, len) != 0 ||
		    e->d_name[len] != '.')
			continue;
		pid = strtol(e->d_name + len + 1, &end, 10);
		if (end == e->d_name + len + 1 || *end != '.' || pid <= 0 ||
		    fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISDIR(sb.st_mode) || sb.st_uid != getuid())
			continue;
		if (kill((pid_t)pid, 0) < 0 && errno == ESRCH)
			rmtree_at(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}

int
cg_fs_scratch(const char *parent, const char *prefix, char **dir)
{
	pid_t me = getpid();
	char *p = cg_asprintf("%s/%s.%ld.XXXXXX", parent, prefix, (long)me);
	sigset_t old;
	int i;

	sweep(parent, prefix);
	cg_fs_trap();
	blocksignals(&old);
	if (mkdtemp(p) == NULL) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		cg_error(CG_EXIT_FAILURE, "cannot make a scratch folder in "
		    "'%s': %s", parent, strerror(errno));
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
cg_fs_unscratch(const char *dir)
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
