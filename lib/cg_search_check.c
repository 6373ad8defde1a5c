/*
 * Checks of the best result while the search goes on: one at a time, in a
 * child process, with the check of cg_search_opts; a result whose program
 * does not behave is retracted with every result that starts with its
 * shortest prefix that does not behave, found by bisection.
 */
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cg_error.h"
#include "cg_fs.h"
#include "cg_module.h"
#include "cg_search_eng.h"

/* The check of the program of the start after ck->seq[0..n) (run: as
 * cg_search_opts.check). */
static int
checkprefix(const struct checker *ck, size_t n, int *run)
{
	LLVMModuleRef m;
	struct cg_buf bc = CG_BUF_INIT;
	size_t i;
	int r = -1;

	m = cg_module_parse(ck->st->bitcode.data, ck->st->bitcode.len);
	if (m == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		const struct cg_action *a = cg_space_action(ck->st->space,
		    ck->seq[i]);
		cg_module_fault(m, a->flag);
		if (cg_module_act(m, a) < 0)
			break;
	}
	if (i == n) {
		cg_module_write(m, &bc);
		r = ck->o->check(ck->o->check_arg, bc.data, bc.len, run);
	}
	cg_module_free(m);
	cg_buf_release(&bc);
	return r;
}

/*
 * In the checker's child: the verdict on ck->seq and, when its program
 * does not behave, the length of its shortest prefix that does not (by
 * bisection on the run that failed; a prefix that cannot be told counts
 * as behaving).  The actions run in this process, as in the workers.
 */
static int
checkchild(void *arg, int fd)
{
	struct checker *ck = arg;
	int32_t v[2];
	size_t lo = 0, hi = ck->n, mid;
	int run = -1, r;

	/* The master's handlers are not ours: a signal ends the check and
	 * removes its scratch files. */
	signal(SIGHUP, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	cg_fs_trap();
	v[0] = checkprefix(ck, ck->n, &run);
	if (v[0] == 0)
		while (hi - lo > 1) {
			mid = lo + (hi - lo) / 2;
			r = run;
			if (checkprefix(ck, mid, &r) == 0)
				hi = mid;
			else
				lo = mid;
		}
	v[1] = (int32_t)hi;
	return cg_child_send(fd, REC_VERDICT, v, sizeof(v)) < 0;
}

/* Takes a verdict: marks the candidate, or retracts its bad prefix. */
static void
verdict(struct checker *ck, struct cg_search_result *res, struct shared *sh,
    int v, size_t k)
{
	size_t i, j;

	if (v != 0 || k == 0 || k > ck->n) {
		for (i = 0; i < res->nbest; i++)
			if (res->best[i].n == ck->n && memcmp(res->best[i].actions,
			    ck->seq, ck->n * sizeof(int)) == 0)
				res->best[i].checked = v == 1 ? 1 : -1;
		return;
	}
	for (i = j = 0; i < res->nbest; i++)
		if (res->best[i].n >= k && memcmp(res->best[i].actions, ck->seq,
		    k * sizeof(int)) == 0)
			free(res->best[i].actions);
		else
			res->best[j++] = res->best[i];
	res->nbest = j;
	res->retracted++;
	/* The purged best first, then the blacklist: a worker that sees
	 * the new entry finds the best of all already without it. */
	cg_shared_publish(sh, res);
	cg_shared_blacklist(sh, ck->seq, (int)k);
	ck->cut = k;
}

/* Stops a check, letting it remove its scratch files. */
void
cg_check_stop(struct checker *ck)
{
	double until = cg_now() + 5;
	struct pollfd pf;

	if (!ck->running)
		return;
	kill(ck->kid.pid, SIGTERM);
	while (ck->kid.fd >= 0 && cg_now() < until) {
		pf.fd = ck->kid.fd, pf.events = POLLIN, pf.revents = 0;
		poll(&pf, 1, 50);
		cg_child_read(&ck->kid);
	}
	cg_child_finish(&ck->kid);
	ck->running = 0;
}

/* Takes the checker's verdict when it is in; starts the next check. */
void
cg_check_step(struct checker *ck, struct cg_search_result *res, struct shared *sh,
    struct cg_buf *data)
{
	unsigned type;
	int32_t v[2] = { -1, 0 };

	if (ck->running) {
		cg_child_read(&ck->kid);
		if (cg_child_record(&ck->kid, &type, data)) {
			if (type == REC_VERDICT && data->len == sizeof(v))
				memcpy(v, data->data, sizeof(v));
		} else if (ck->kid.fd >= 0)
			return;	/* still checking */
		cg_child_finish(&ck->kid);
		ck->running = 0;
		verdict(ck, res, sh, v[0], (size_t)v[1]);
	}
	if (res->nbest == 0 || res->best[0].checked)
		return;
	ck->n = res->best[0].n;
	memcpy(ck->seq, res->best[0].actions, ck->n * sizeof(int));
	if (cg_child_start(&ck->kid, checkchild, ck) == 0)
		ck->running = 1;
	else
		res->best[0].checked = -1;
}
