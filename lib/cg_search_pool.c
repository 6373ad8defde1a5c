/*
 * The master and its worker processes: shared memory, the records workers
 * send, the best sequences kept, workers replaced after a crash.
 */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cg_error.h"
#include "cg_module.h"
#include "cg_search_eng.h"

struct workerarg {
	const struct cg_state *st;
	const struct cg_search_opts *o;
	struct shared *sh;
	int id;
	int generation;
	int jobs;
	double deadline;
	uint64_t budget;
};

/* The actions e may use, the longest sequence, the seeds. */
static void
engine_actions(struct eng *e, const struct cg_space *sp,
    const struct cg_search_opts *o)
{
	int i, n;

	e->space = sp;
	for (i = 0; i < o->nactions; i++)
		if (o->actions[i] >= 0 && o->actions[i] < sp->n)
			e->allowed[o->actions[i]] = 1;
	for (i = 0; i < sp->n; i++) {
		if (o->nactions == 0)
			e->allowed[i] = 1;
		if (e->allowed[i])
			e->acts[e->nacts++] = i;
	}
	/* The light ones first (see cg_eng_greedystep()). */
	for (i = 0; i < e->nacts; i++)
		if (!cg_action_heavy(cg_space_action(sp, e->acts[i])))
			e->cheap[e->nlight++] = e->acts[i];
	for (i = 0, n = e->nlight; i < e->nacts; i++)
		if (cg_action_heavy(cg_space_action(sp, e->acts[i])))
			e->cheap[n++] = e->acts[i];
	e->limit = o->max_length > 0 && o->max_length < MAXLEN - 1 ?
	    o->max_length : MAXLEN - 1;
	cg_traj_seeds(e);
}

static int
worker(void *arg, int fd)
{
	struct workerarg *w = arg;
	struct eng e;

	memset(&e, 0, sizeof(e));
	e.o = w->o;
	e.sh = w->sh;
	e.slot = &w->sh->slot[w->id];
	e.slot->steps = 0;
	e.slot->pos = -1;
	e.fd = fd;
	e.ctx.bench = cg_bench_of(w->st);
	e.ctx.runtime_count = w->o->runtime_count > 0 ? w->o->runtime_count : 1;
	e.ctx.warmup = w->o->warmup;
	/* With checks, the master may retract a worker's best: the best of
	 * all is then the one to go back to. */
	e.shared = w->jobs > 1 || w->generation > 0 || w->o->check;
	e.fresh = w->generation == 0;
	e.seeds = w->jobs > 1 ? 1 << w->id % 2 : 3;
	e.deadline = w->deadline;
	e.budget = w->budget;
	e.rng = (w->o->seed + 1) * 0x9e3779b97f4a7c15ull ^
	    ((uint64_t)w->id << 32) ^ ((uint64_t)w->generation << 48);
	if (e.rng == 0)
		e.rng = 1;
	engine_actions(&e, w->st->space, w->o);
	e.start = cg_module_parse(w->st->bitcode.data, w->st->bitcode.len);
	if (e.start == NULL)
		return cg_child_send_error(fd), 0;
	e.c0 = e.best = cg_eng_cost(&e, e.start);
	if (e.c0 == INFINITY)
		return cg_child_send_error(fd), 0;
	switch (w->o->algo) {
	case CG_SEARCH_RANDOM: cg_search_random(&e); break;
	case CG_SEARCH_GREEDY: cg_search_greedy(&e, 0); break;
	case CG_SEARCH_EGREEDY: cg_search_greedy(&e, w->o->epsilon); break;
	case CG_SEARCH_BEAM: cg_search_beam(&e); break;
	case CG_SEARCH_ANNEAL: cg_search_anneal(&e); break;
	case CG_SEARCH_ILS: cg_search_ils(&e); break;
	case CG_SEARCH_MINIMIZE: cg_search_minimize(&e); break;
	}
	free(e.optima);
	return 0;
}


void
cg_shared_publish(struct shared *sh, const struct cg_search_result *res)
{
	sh->version++;
	__sync_synchronize();
	if (res->nbest == 0) {
		sh->best_cost = INFINITY;
		sh->best_len = -1;
	} else {
		sh->best_cost = res->best[0].cost;
		sh->best_len = (int)res->best[0].n;
		memcpy(sh->best, res->best[0].actions,
		    res->best[0].n * sizeof(int));
	}
	__sync_synchronize();
	sh->version++;
}

static void
blame(struct shared *sh, struct slot *s)
{
	if (s->pos >= 0 && s->pos < s->len)
		cg_shared_blacklist(sh, s->acts, s->pos + 1);
}

/*
 * Takes the records a worker has sent: improvements go into res (and to
 * the other workers); an error record ends the search (-1).
 */
static int
drain(struct cg_child *kid, struct cg_search_result *res, struct shared *sh,
    struct cg_buf *data)
{
	unsigned type;
	double c;
	int32_t n;

	cg_child_read(kid);
	while (cg_child_record(kid, &type, data)) {
		if (type == CG_REC_ERROR)
			return cg_error(data->len ? data->data[0] : 1, "%s",
			    data->len ? (char *)data->data + 1 : "");
		if (type != REC_IMPROVE || data->len < 12)
			continue;
		memcpy(&c, data->data, sizeof(c));
		memcpy(&n, data->data + 8, sizeof(n));
		if (n < 0 || (size_t)n * sizeof(int) + 12 > data->len)
			continue;
		/* Not what was found not to behave, or to kill. */
		if (!cg_shared_blackprefix(sh, (int *)(data->data + 12), n))
			cg_search_result_keep(res, c, (int *)(data->data + 12),
			    (size_t)n);
		cg_shared_publish(sh, res);
	}
	return 0;
}

/* A search in progress, as the master sees it. */
struct pool {
	const struct cg_search_opts *o;
	struct cg_search_result *res;
	struct shared *sh;
	struct cg_child kids[MAXJOBS];
	struct workerarg args[MAXJOBS];
	int alive[MAXJOBS];
	int jobs, running;
	struct checker ck;
	struct cg_buf data;
	double t0, end;
	uint64_t steps;		/* by all workers, dead or alive */
	uint64_t dead;		/* by the workers that have ended */
};

/* Tells the caller how the search goes (cg_search_opts.progress). */
static void
news(struct pool *p, enum cg_search_event what, int worker, const char *why,
    int at)
{
	const struct cg_search_result *res = p->res;
	struct cg_search_news n;

	if (p->o->progress == NULL)
		return;
	memset(&n, 0, sizeof(n));
	n.what = what;
	n.elapsed = cg_now() - p->t0;
	n.left = p->end > 0 ? (p->end - cg_now() > 0 ? p->end - cg_now() : 0) :
	    -1;
	n.steps = p->steps;
	n.best = res->nbest ? res->best[0].cost : res->start_cost;
	n.start = res->start_cost;
	n.nactions = res->nbest ? res->best[0].n : 0;
	n.actions = res->nbest ? res->best[0].actions : NULL;
	n.worker = worker;
	n.why = why;
	n.at = at;
	p->o->progress(p->o->progress_arg, &n);
}

/* Tells the caller when the best is not the one it was last told of. */
static void
improved(struct pool *p, double *cost, size_t *n)
{
	const struct cg_search_result *res = p->res;

	if (res->nbest && (res->best[0].cost != *cost || res->best[0].n != *n)) {
		*cost = res->best[0].cost;
		*n = res->best[0].n;
		news(p, CG_SEARCH_IMPROVED, -1, NULL, 0);
	}
}

/* The shared memory and the first workers; -1 if none could start. */
static int
pool_start(struct pool *p, const struct cg_state *st)
{
	const struct cg_search_opts *o = p->o;
	int i;

	p->sh = mmap(NULL, sizeof(*p->sh), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p->sh == MAP_FAILED) {
		p->sh = NULL;
		return cg_error(CG_EXIT_FAILURE, "mmap: %s", strerror(errno));
	}
	memset(p->sh, 0, sizeof(*p->sh));
	p->sh->best_len = -1;
	for (i = 0; i < p->jobs; i++) {
		struct workerarg *w = &p->args[i];

		w->st = st;
		w->o = o;
		w->sh = p->sh;
		w->id = i;
		w->generation = 0;
		w->jobs = p->jobs;
		w->deadline = p->end;
		w->budget = o->steps ? (o->steps + (uint64_t)p->jobs - 1) /
		    (uint64_t)p->jobs : 0;
		if (cg_child_start(&p->kids[i], worker, w) < 0) {
			p->jobs = i;
			return -1;
		}
		p->alive[i] = 1;
	}
	p->running = p->jobs;
	return 0;
}

/* Waits at most 100 ms for a worker or the checker to say something. */
static void
pool_poll(struct pool *p)
{
	struct pollfd pf[2 * MAXJOBS + 2];
	int np = 0, i;

	for (i = 0; i < p->jobs; i++)
		if (p->alive[i]) {
			pf[np].fd = p->kids[i].fd, pf[np++].events = POLLIN;
			pf[np].fd = p->kids[i].errfd, pf[np++].events = POLLIN;
		}
	if (p->ck.running) {
		pf[np].fd = p->ck.kid.fd, pf[np++].events = POLLIN;
		pf[np].fd = p->ck.kid.errfd, pf[np++].events = POLLIN;
	}
	poll(pf, (nfds_t)np, 100);
}

/* 1 when the budget of the whole search is spent. */
static int
spent(const struct pool *p)
{
	const struct cg_search_opts *o = p->o;

	return (p->end > 0 && cg_now() >= p->end) || (o->stop && *o->stop) ||
	    (o->steps && p->steps >= o->steps);
}

/*
 * Worker i has ended with status: one killed by an action gets its
 * candidate blamed; unless it finished or the budget is spent, another
 * takes its place, with what is left of its steps.
 */
static void
pool_replace(struct pool *p, int i, int status)
{
	struct workerarg *w = &p->args[i];
	struct slot *s = &p->sh->slot[i];

	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return;		/* this worker has finished */
	if (!(WIFEXITED(status) && WEXITSTATUS(status) == EXIT_RECYCLE)) {
		blame(p->sh, s);
		p->res->restarts++;
		news(p, CG_SEARCH_DIED, i, WIFSIGNALED(status) ?
		    strsignal(WTERMSIG(status)) : "exit", s->pos + 1);
	}
	if (spent(p))
		return;
	w->generation++;
	if (w->budget)
		w->budget = w->budget > s->steps ? w->budget - s->steps : 1;
	if (cg_child_start(&p->kids[i], worker, w) == 0) {
		p->alive[i] = 1;
		p->running++;
	}
}

/*
 * Takes what worker i has sent, stops it when an action runs past its
 * time, and replaces it when it has ended.  -1 when it sent an error.
 */
static int
pool_worker(struct pool *p, int i)
{
	struct cg_child *kid = &p->kids[i];
	struct slot *s = &p->sh->slot[i];
	int status;

	if (drain(kid, p->res, p->sh, &p->data) < 0)
		return -1;
	p->steps += s->steps;
	if (s->pos >= 0 && p->o->action_timeout > 0 &&
	    cg_now() - s->since > p->o->action_timeout)
		kill(kid->pid, SIGKILL);
	if (waitpid(kid->pid, &status, WNOHANG) != kid->pid)
		return 0;
	kid->pid = -1;
	while (kid->fd >= 0 || kid->errfd >= 0)
		if (drain(kid, p->res, p->sh, &p->data) < 0)
			return -1;
	p->dead += s->steps;
	cg_child_finish(kid);
	p->alive[i] = 0;
	p->running--;
	pool_replace(p, i, status);
	return 0;
}

int
cg_search_run(const struct cg_state *st, const struct cg_search_opts *o,
    struct cg_search_result *res)
{
	struct pool p;
	double lastnews = 0, lastcost = NAN;
	size_t lastn = 0;
	int i, ret;

	memset(&p, 0, sizeof(p));
	memset(res, 0, sizeof(*res));
	p.o = o;
	p.res = res;
	p.ck.o = o;
	p.ck.st = st;
	p.t0 = cg_now();
	p.end = o->seconds > 0 ? p.t0 + o->seconds : 0;
	p.jobs = o->jobs < 1 ? 1 : o->jobs > MAXJOBS ? MAXJOBS : o->jobs;
	/* Greedy and beam search make no random choice: more workers would
	 * only repeat the same search. */
	if (o->algo == CG_SEARCH_GREEDY || o->algo == CG_SEARCH_BEAM ||
	    o->algo == CG_SEARCH_MINIMIZE)
		p.jobs = 1;
	if (cg_state_number(st->costs, o->cost, &res->start_cost) < 0)
		res->start_cost = NAN;
	ret = pool_start(&p, st);
	if (p.sh == NULL)
		return -1;
	while (p.running > 0) {
		pool_poll(&p);
		p.steps = p.dead;
		for (i = 0; i < p.jobs && ret == 0; i++)
			if (p.alive[i] && pool_worker(&p, i) < 0)
				ret = -1;
		if (ret < 0)
			break;
		if (o->check) {
			int before = res->retracted;
			cg_check_step(&p.ck, res, p.sh, &p.data);
			if (res->retracted != before)
				news(&p, CG_SEARCH_RETRACTED, -1, NULL,
				    (int)p.ck.cut);
		}
		improved(&p, &lastcost, &lastn);
		if (cg_now() - lastnews > 0.5) {
			news(&p, CG_SEARCH_TICK, -1, NULL, 0);
			lastnews = cg_now();
		}
		if ((p.end > 0 && cg_now() >= p.end + 1.0) ||
		    (o->stop && *o->stop))
			break;
	}
	cg_check_stop(&p.ck);
	for (i = 0; i < p.jobs; i++)
		if (p.alive[i]) {
			drain(&p.kids[i], res, p.sh, &p.data);
			cg_child_finish(&p.kids[i]);
		}
	improved(&p, &lastcost, &lastn);
	news(&p, CG_SEARCH_END, -1, NULL, 0);
	res->steps = p.steps;
	res->seconds = cg_now() - p.t0;
	munmap(p.sh, sizeof(*p.sh));
	cg_buf_release(&p.data);
	return ret;
}

