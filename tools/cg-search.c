/* cg-search: find the pass sequence that optimises a program best. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cg-tools.h"
#include "cg_action.h"
#include "cg_benchmark.h"
#include "cg_episode.h"
#include "cg_error.h"
#include "cg_json.h"
#include "cg_reward.h"
#include "cg_search.h"
#include "cg_state.h"
#include "cg_util.h"

static volatile int stopped;

static void
onsignal(int sig)
{
	(void)sig;
	stopped = 1;
}

struct job {
	struct cg_search_job s;
	int quiet;
	int tty;			/* the progress line on stderr */
	FILE *trace;			/* --trace */
	const struct cg_state *cur;	/* the state being searched */
	const struct cg_space *space;	/* --action-space, for -b */
	char *actions;			/* --actions: the list */
	int idx[CG_MAXACTIONS];		/* ... in the space of a state */
};

/* The reward of a cost, in the episode of j->cur (for --trace). */
static double
rewardof(const struct job *j, double cost)
{
	const struct cg_state *st = j->cur;
	const struct cg_reward *r = cg_reward_lookup(j->s.reward ? j->s.reward :
	    st->reward_space ? st->reward_space : CG_SEARCH_REWARD);

	return r ? cg_episode_reward_at(st, r, cost) : NAN;
}

/* A line of --trace: the best so far, with the state's actions first. */
static void
traceline(const struct job *j, const struct cg_search_news *n)
{
	struct cg_buf b = CG_BUF_INIT;
	const struct cg_state *st = j->cur;
	size_t i;

	cg_buf_addstr(&b, "{\"benchmark\":");
	cg_json_string(&b, st->benchmark, strlen(st->benchmark));
	cg_buf_addstr(&b, ",\"seconds\":");
	cg_json_real(&b, n->elapsed);
	cg_buf_addf(&b, ",\"steps\":%llu,\"cost\":",
	    (unsigned long long)n->steps);
	cg_json_real(&b, n->best);
	cg_buf_addstr(&b, ",\"reward\":");
	cg_json_real(&b, rewardof(j, n->best));
	cg_buf_addstr(&b, ",\"actions\":[");
	for (i = 0; i < st->nactions + n->nactions; i++) {
		const char *a = cg_space_action(st->space, i < st->nactions ?
		    st->actions[i] : n->actions[i - st->nactions])->flag;

		cg_buf_addstr(&b, i ? "," : "");
		cg_json_string(&b, a, strlen(a));
	}
	cg_buf_addf(&b, "]%s}\n", n->what == CG_SEARCH_END ?
	    ",\"end\":true" : "");
	fwrite(b.data, 1, b.len, j->trace);
	fflush(j->trace);
	cg_buf_release(&b);
}

/* The progress line on a terminal, what happens on the way, the trace. */
static void
progress(void *arg, const struct cg_search_news *n)
{
	const struct job *j = arg;

	if (j->trace && (n->what == CG_SEARCH_IMPROVED ||
	    n->what == CG_SEARCH_END))
		traceline(j, n);
	if (!j->tty)
		return;
	switch (n->what) {
	case CG_SEARCH_DIED:
		fprintf(stderr, "\n%s: worker %d died (%s) at action %d of a "
		    "candidate; replaced\n", cg_progname(), n->worker, n->why,
		    n->at);
		return;
	case CG_SEARCH_RETRACTED:
		fprintf(stderr, "\n%s: the program of a best result does not "
		    "behave after its action %d; retracted\n", cg_progname(),
		    n->at);
		return;
	case CG_SEARCH_IMPROVED:
		return;
	case CG_SEARCH_TICK:
	case CG_SEARCH_END:
		break;
	}
	fprintf(stderr, "\r%6.1fs  %10llu steps (%6.0f/s)  best cost %.10g "
	    "(start %.10g, %zu actions)", n->elapsed,
	    (unsigned long long)n->steps, n->elapsed > 0 ?
	    (double)n->steps / n->elapsed : 0.0, n->best, n->start, n->nactions);
	if (n->left >= 0)
		fprintf(stderr, "  %4.0fs left", n->left);
	fprintf(stderr, "\033[K%s", n->what == CG_SEARCH_END ? "\n" : "");
}

/* The line that says what a search found. */
static void
summary(const struct cg_state *best, const struct cg_state *st,
    const struct cg_search_outcome *out)
{
	char crashes[64] = "", retracted[80] = "";

	if (out->skipped)
		cg_warnx("%s: skipped %d better result%s whose program does "
		    "not behave (%s)", best->benchmark, out->skipped,
		    out->skipped == 1 ? "" : "s", out->why);
	if (out->restarts)
		snprintf(crashes, sizeof(crashes), "; %d workers replaced "
		    "after a crash or a timeout", out->restarts);
	if (out->retracted)
		snprintf(retracted, sizeof(retracted), "; %d result%s retracted "
		    "whose program does not behave", out->retracted,
		    out->retracted == 1 ? "" : "s");
	cg_warnx("%s: %s %.4f, cost %.10g -> %.10g with %zu actions; %llu "
	    "steps in %.1f s%s%s%s%s", best->benchmark, best->reward_space,
	    best->has_episode_reward ? best->episode_reward : 0.0, out->start,
	    out->cost, best->nactions - st->nactions,
	    (unsigned long long)out->steps, out->seconds, out->checked ?
	    "; its program behaves" : "", out->found ? "" :
	    " (no improvement)", crashes, retracted);
}

static int
search(struct cg_state *st, void *arg, struct cg_buf *out, int *keep)
{
	struct job *j = arg;
	struct cg_search_outcome res;
	struct cg_state best;
	int r;

	if (j->actions) {
		if ((r = cg_space_parse_list(st->space, j->actions,
		    j->idx)) < 0)
			return -1;
		j->s.o.actions = j->idx;
		j->s.o.nactions = r;
	}
	j->cur = st;
	cg_state_init(&best);
	r = cg_search_state(st, &j->s, &best, &res);
	/* A state whose episode had ended is passed through, as cg-step
	 * does. */
	if (r == 0 || best.done) {
		if (r == 0 && !j->quiet && j->s.o.algo == CG_SEARCH_MINIMIZE)
			cg_warnx("%s: %zu actions -> %zu giving the same module; "
			    "%llu steps in %.1f s", best.benchmark, st->nactions,
			    best.nactions, (unsigned long long)res.steps,
			    res.seconds);
		else if (r == 0 && !j->quiet)
			summary(&best, st, &res);
		cg_state_format(&best, out);
		*keep = 1;
	}
	cg_state_release(&best);
	return r;
}

/* Resets and searches each benchmark of -b. */
static int
benchmarks(const char *const *bench, int n, struct job *j)
{
	int k, s, status = 0;

	for (k = 0; k < n && !stopped; k++) {
		struct cg_bench b = { bench[k], NULL, NULL };
		struct cg_buf out = CG_BUF_INIT;
		struct cg_state st;
		int keep = 0;

		cg_state_init(&st);
		s = 0;
		if (cg_episode_reset(&st, &b, j->s.reward ? j->s.reward :
		    CG_SEARCH_REWARD, j->space, CG_STEP_TIMEOUT) < 0 ||
		    search(&st, j, &out, &keep) < 0 || cg_out_write(&out) < 0)
			s = cg_report();
		if (s && !status)
			status = s;
		cg_state_release(&st);
		cg_buf_release(&out);
	}
	return status;
}

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: cg-search [-hq] [--list-algorithms] [-b benchmark] "
	    "[-r reward] [-s algorithm] [-t seconds] [-n steps] [-j jobs] "
	    "[--seed n]\n"
	    "                 [--patience n] [--epsilon e] [--beam-width n] "
	    "[--no-semantics] [-T seconds]\n"
	    "                 [--action-space space] [--actions list|@file] "
	    "[--max-length n] [--trace file]\n");
}

static void
listalgorithms(void)
{
	int c;

	for (c = 0; cg_search_algo_name((enum cg_search_algo)c)[0] != '?';
	    c++)
		printf("%s\n", cg_search_algo_name((enum cg_search_algo)c));
}

/* The options that take a number; -1 with the error recorded. */
static int
numopt(int c, const char *arg, struct job *j, int *timegiven)
{
	struct cg_search_opts *o = &j->s.o;
	long v;

	switch (c) {
	case 'E':
		if (cg_parse_seconds(arg, &o->epsilon) < 0 || o->epsilon > 1)
			return cg_error(CG_EXIT_USAGE, "bad epsilon '%s'", arg);
		return 0;
	case 'j':
		if (cg_parse_int(arg, 1, 64, &v) < 0)
			return -1;
		o->jobs = (int)v;
		return 0;
	case 'n':
		if (cg_parse_int(arg, 1, 1L << 50, &v) < 0)
			return -1;
		o->steps = (uint64_t)v;
		return 0;
	case 'P':
		if (cg_parse_int(arg, 0, 1 << 20, &v) < 0)
			return -1;
		o->patience = (int)v;
		return 0;
	case 'S':
		if (cg_parse_int(arg, 0, 1L << 62, &v) < 0)
			return -1;
		o->seed = (uint64_t)v;
		return 0;
	case 't':
		*timegiven = 1;
		return cg_parse_seconds(arg, &o->seconds);
	case 'X':
		if (cg_parse_int(arg, 1, 399, &v) < 0)
			return -1;
		o->max_length = (int)v;
		return 0;
	case 'T':
		if (cg_parse_seconds(arg, &o->action_timeout) < 0)
			return -1;
		j->s.step.timeout = o->action_timeout;
		return 0;
	default:	/* 'W' */
		if (cg_parse_int(arg, 1, 1000, &v) < 0)
			return -1;
		o->beam_width = (int)v;
		return 0;
	}
}

/* --actions: a list, or @file with one. */
static int
actionlist(const char *arg, struct job *j)
{
	struct cg_buf b = CG_BUF_INIT;

	free(j->actions);
	if (arg[0] != '@') {
		j->actions = cg_strdup(arg);
		return 0;
	}
	if (cg_buf_read_file(&b, arg + 1) < 0) {
		cg_buf_release(&b);
		return cg_error(CG_EXIT_USAGE, "%s", cg_errmsg());
	}
	j->actions = cg_asprintf("%.*s", (int)b.len, (const char *)b.data);
	cg_buf_release(&b);
	return 0;
}

/*
 * An option of j's; -1 with the error recorded (status 2 for a bad
 * value), 1 when the tool is done (-h, --list-algorithms).
 */
static int
option(int c, const char *arg, struct job *j, int *timegiven)
{
	switch (c) {
	case 'h':
		usage(stdout);
		return 1;
	case 'L':
		listalgorithms();
		return 1;
	case 'A':
		return (j->space = cg_space_lookup(arg)) ? 0 : -1;
	case 'C':
		return actionlist(arg, j);
	case 'K':
		if (j->trace)
			fclose(j->trace);
		if ((j->trace = fopen(arg, "a")) == NULL)
			return cg_error(CG_EXIT_USAGE, "cannot open '%s': %s",
			    arg, strerror(errno));
		return 0;
	case 'M':
	case 'N':
		j->s.semantics = c == 'M';
		return 0;
	case 'q':
		j->quiet = 1;
		return 0;
	case 'r':
		if (cg_reward_lookup(arg) == NULL)
			return cg_error(CG_EXIT_USAGE, "unknown reward space "
			    "'%s'", arg);
		j->s.reward = arg;
		return 0;
	case 's':
		return cg_search_algo_parse(arg, &j->s.o.algo);
	default:
		return numopt(c, arg, j, timegiven);
	}
}

/* The cores this process may run on (a Slurm job step's, taskset's). */
static long
cores(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		return CPU_COUNT(&set);
	return sysconf(_SC_NPROCESSORS_ONLN);
}

static void
defaults(struct job *j)
{
	long ncpu = cores();

	memset(j, 0, sizeof(*j));
	j->s.o.algo = CG_SEARCH_ILS;
	j->s.o.seconds = 60;
	j->s.o.jobs = ncpu < 1 ? 1 : ncpu > 64 ? 64 : (int)ncpu;
	j->s.o.patience = 155;
	j->s.o.epsilon = 0.1;
	j->s.o.beam_width = 4;
	j->s.o.action_timeout = 60;
	j->s.o.stop = &stopped;
	j->s.semantics = 1;
	j->s.step.timeout = CG_STEP_TIMEOUT;
}

int
cmd_search(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "action-space", required_argument, NULL, 'A' },
		{ "actions", required_argument, NULL, 'C' },
		{ "benchmark", required_argument, NULL, 'b' },
		{ "beam-width", required_argument, NULL, 'W' },
		{ "epsilon", required_argument, NULL, 'E' },
		{ "help", no_argument, NULL, 'h' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "list-algorithms", no_argument, NULL, 'L' },
		{ "max-length", required_argument, NULL, 'X' },
		{ "no-semantics", no_argument, NULL, 'N' },
		{ "patience", required_argument, NULL, 'P' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "reward", required_argument, NULL, 'r' },
		{ "search", required_argument, NULL, 's' },
		{ "seed", required_argument, NULL, 'S' },
		{ "semantics", no_argument, NULL, 'M' },
		{ "steps", required_argument, NULL, 'n' },
		{ "time", required_argument, NULL, 't' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "trace", required_argument, NULL, 'K' },
		{ NULL, 0, NULL, 0 }
	};
	struct job j;
	const char *bench[argc];	/* the benchmarks given with -b */
	int c, nbench = 0, status, timegiven = 0;
	struct sigaction sa;

	cg_setprogname(argv[0]);
	defaults(&j);
	while ((c = getopt_long(argc, argv, "b:hj:n:qr:s:t:T:", longopts,
	    NULL)) != -1) {
		if (c == 'b')
			bench[nbench++] = optarg;
		else if (c == '?') {
			usage(stderr);
			return CG_EXIT_USAGE;
		} else if ((status = option(c, optarg, &j, &timegiven)) != 0)
			return status < 0 ? cg_report() : cg_out_close(0);
	}
	if (optind < argc) {
		cg_warnx("unexpected argument '%s'", argv[optind]);
		usage(stderr);
		return CG_EXIT_USAGE;
	}
	/* -n without -t: a budget in steps only (deterministic with -j 1). */
	if (j.s.o.steps && !timegiven)
		j.s.o.seconds = 0;
	j.tty = !j.quiet && isatty(2);
	if (j.tty || (j.trace && j.s.o.algo != CG_SEARCH_MINIMIZE)) {
		j.s.o.progress = progress;
		j.s.o.progress_arg = &j;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = onsignal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	status = nbench ? benchmarks(bench, nbench, &j) :
	    cg_stream_run(stdin, search, &j);
	free(j.actions);
	if (j.trace && fclose(j.trace) != 0 && status == 0) {
		cg_error(CG_EXIT_FAILURE, "cannot write the trace: %s",
		    strerror(errno));
		status = cg_report();
	}
	return cg_out_close(status);
}
