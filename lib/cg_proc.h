/*
 * Child processes.  Work that may crash, abort or hang (LLVM passes, code
 * generation, parsing untrusted bitcode) runs in a forked child; the parent
 * receives its results as framed records over a pipe, so it survives
 * whatever happens in the child and keeps the last good result.
 * Layer 2 (system).
 */
#ifndef CG_PROC_H
#define CG_PROC_H

#include <stddef.h>
#include <sys/types.h>

#include "cg_buf.h"

/* Runs in the child; returns the child's exit status. */
typedef int (*cg_child_fn)(void *arg, int fd);

struct cg_child {
	pid_t pid;
	int fd;			/* records from the child */
	int errfd;		/* the child's stderr */
	struct cg_buf in;	/* bytes received, not yet a whole record */
	struct cg_buf err;	/* what the child wrote to stderr */
	int ready;		/* it sent CG_REC_READY: its input was good */
};

/* In the child: sends one record; -1 if the parent is gone. */
int cg_child_send(int fd, unsigned type, const void *p, size_t n);
/* Sends an error record: status, then the recorded error message. */
int cg_child_send_error(int fd);

/* Forks a child running fn(arg, fd); -1 with status 1 on failure. */
int cg_child_start(struct cg_child *c, cg_child_fn fn, void *arg);
/*
 * Waits at most timeout seconds (0: no limit) for the next record.
 * Returns 1 with *type and data set, 0 when the child exited with status 0
 * after its last record.  On a crash, a non-zero exit or a timeout (the
 * child is then killed) returns -1 with status 4 and a message such as
 * "killed by signal 6 (Aborted): LLVM ERROR: ...".  After an error record
 * (type CG_REC_ERROR) the recorded error is that of the child.
 */
int cg_child_next(struct cg_child *c, double timeout, unsigned *type,
    struct cg_buf *data);
/*
 * Without blocking: reads what the child has written (call when poll()
 * says c->fd or c->errfd is readable), then takes one whole record if there
 * is one (1 with *type and data set, else 0).
 */
void cg_child_read(struct cg_child *c);
int cg_child_record(struct cg_child *c, unsigned *type, struct cg_buf *data);
/* Kills (if needed) and reaps the child and frees its buffers. */
void cg_child_finish(struct cg_child *c);

#define CG_REC_ERROR 0xffffu
/*
 * A child that reads untrusted input (a module) sends this record once it
 * has read it without harm; cg_child_next() takes it and sets c->ready,
 * so that a crash before it can be blamed on the input, not on the work.
 */
#define CG_REC_READY 0xfffeu

/*
 * Runs argv (argv[0] looked up in PATH) with stdin from /dev/null,
 * collecting stdout and stderr, killed after timeout seconds.  Returns the
 * exit status (0..255), or -1 with status 1 if it could not run, was
 * killed or timed out.
 */
int cg_proc_run(char *const argv[], double timeout, struct cg_buf *out,
    struct cg_buf *err);

/*
 * fork(2) for cg: the child gets SIGKILL when its parent dies, and the
 * parent keeps the child's pid until cg_proc_wait() reaps it, so that
 * cg_proc_stopall() can end it.  ours says the child runs cg's own code
 * (it cleans up when told to stop); otherwise it is to run another
 * program, in a process group of its own.
 */
pid_t cg_proc_fork(int ours);
/* waitpid(2) for a child of cg_proc_fork(), retrying on EINTR. */
pid_t cg_proc_wait(pid_t pid, int *status);
/*
 * For a signal handler (async-signal-safe): sends sig to the children of
 * this process that are not reaped yet (to a program's process group),
 * waits for them (one second for a program, five for cg's own children,
 * which clean up first), kills those still there and reaps them all.
 */
void cg_proc_stopall(int sig);

/* Monotonic seconds. */
double cg_now(void);

#endif
