/* cg-search: find the pass sequence that optimises a program best. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cg-tools.h"
#include "cg_benchmark.h"
#include "cg_episode.h"
#include "cg_error.h"
#include "cg_module.h"
#include "cg_reward.h"
#include "cg_search.h"
#include "cg_state.h"
#include "cg_stream.h"
#include "cg_util.h"
#include "cg_validate.h"

#define DEFAULT_REWARD "IrInstructionCountOz"

static volatile int stopped;

static void
onsignal(int sig)
{
	(void)sig;
	stopped = 1;
}

struct job {
	struct cg_search_opts o;
	const char *reward;
	int quiet;
	int semantics;		/* write only a result whose program behaves */
	const struct cg_gold *gold;	/* the runs of the program at reset */
	struct cg_step_opts step;
};

/* Gives st a reward space (and its cost) if it has none, or if asked. */
static int
setreward(struct cg_state *st, const char *name, int force)
{
	const struct cg_reward *r;
	double c0, cur;

	if (st->reward_space && !force)
		return 0;
	r = cg_reward_lookup(name);
	free(st->reward_space);
	st->reward_space = cg_strdup(r->name);
	if (cg_state_number(st->costs, r->cost, &cur) < 0 &&
	    cg_episode_step(st, NULL, 0,
	    &(struct cg_step_opts){ .timeout = 300 }) < 0)
		return -1;
	cg_state_number(st->costs, r->cost, &cur);
	st->has_reward = 0;	/* the last reward was in other units */
	if (r->base0 == NULL) {
		/* No baseline (Runtime): the episode's sum starts here. */
		st->has_episode_reward = 1;
		st->episode_reward = 0;
		return 0;
	}
	if (cg_state_number(st->baselines, r->base0, &c0) < 0)
		return cg_error(CG_EXIT_DATA, "state has no baseline '%s'",
		    r->base0);
	st->has_episode_reward = 1;
	st->episode_reward = (c0 - cur) / cg_reward_norm(r, st->baselines);
	return 0;
}

/*
 * Whether the program of bitcode bc behaves as the build of reset (st's
 * benchmark's module at reset), checked as cg-validate --semantics does:
 * 1 if it does (or the benchmark has nothing to run), 0 if it runs
 * otherwise, -1 if that cannot be told (a build fails, or the unoptimised
 * program does).  The type of the first error goes to why.  *run is -1
 * to check every run, or the one run to check; when the program runs
 * otherwise, it is set to the run that failed (-1 if none in particular).
 */
static int
behaves(const struct cg_state *st, const struct cg_state *reset,
    const struct cg_buf *bc, const struct job *j, char why[64], int *run)
{
	static const char *const untold[] = {
		"Gold standard", "Compilation failed", "Bad run configuration"
	};
	struct cg_validate_opts vo = { .semantics = 1, .first = 1,
	    .only = *run + 1, .timeout = j->step.timeout, .gold = j->gold };
	json_t *errors = json_array(), *err, *failed;
	const char *type;
	int checked = 0, ok = 1;
	size_t i;

	cg_validate_semantics(st, &reset->bitcode, bc, &vo, errors, &checked);
	if (json_array_size(errors) > 0) {
		err = json_array_get(errors, 0);
		type = json_string_value(json_object_get(err, "type"));
		if (type == NULL)
			type = "?";
		failed = json_object_get(json_object_get(err, "data"), "run");
		*run = json_is_integer(failed) ? (int)json_integer_value(failed) :
		    -1;
		snprintf(why, 64, "%s", type);
		ok = 0;
		for (i = 0; i < sizeof(untold) / sizeof(untold[0]); i++)
			if (strncmp(type, untold[i], strlen(untold[i])) == 0)
				ok = -1;
	}
	json_decref(errors);
	return ok;
}

/* What a check during the search needs. */
struct checkarg {
	const struct cg_state *st;	/* the start */
	const struct cg_state *reset;
	const struct job *j;
};

/* The check of cg_search_opts. */
static int
check(void *arg, const void *bc, size_t n, int *run)
{
	struct checkarg *a = arg;
	struct cg_buf b = { (unsigned char *)bc, n, n };
	char why[64];

	return behaves(a->st, a->reset, &b, a->j, why, run);
}

static int
search(struct cg_state *st, void *arg, struct cg_buf *out, int *keep)
{
	struct job *j = arg;
	struct cg_search_result res;
	struct cg_state best, reset;
	const struct cg_reward *r;
	struct checkarg ca = { st, &reset, j };
	struct cg_gold gold = { 0, NULL };
	double start, c;
	char crashes[64] = "", retracted[80] = "", why[64];
	size_t i;
	int found = 0, run;

	if (st->done) {
		/* Passed through, as cg-step does. */
		cg_state_format(st, out);
		*keep = 1;
		return cg_error(CG_EXIT_EPISODE, "episode has ended (%s); "
		    "reset it to search", st->error ? st->error : "done");
	}
	/* A module that kills LLVM's reader would kill every worker. */
	if (cg_module_check(st->bitcode.data, st->bitcode.len) < 0)
		return -1;
	if (setreward(st, j->reward ? j->reward : DEFAULT_REWARD,
	    j->reward != NULL) < 0)
		return -1;
	r = cg_reward_lookup(st->reward_space);
	j->o.cost = r->cost;
	cg_state_number(st->costs, r->cost, &start);
	cg_state_init(&best);
	cg_state_init(&reset);
	j->o.check = NULL;
	if (j->semantics) {
		struct cg_bench b = cg_bench_of(st);
		/* The program at reset is the reference; with something to
		 * run, the best found is checked while the search goes on. */
		if (cg_episode_reset(&reset, &b, st->reward_space,
		    j->step.timeout) < 0) {
			cg_state_release(&reset);
			return -1;
		}
		/* Its runs, once for all the checks. */
		if (cg_validate_gold(st, &reset.bitcode, &gold) == 0) {
			j->gold = &gold;
			j->o.check = check;
			j->o.check_arg = &ca;
		}
	}
	if (cg_search_run(st, &j->o, &res) < 0) {
		cg_state_release(&reset);
		cg_validate_gold_release(&gold);
		j->gold = NULL;
		return -1;
	}
	/* Re-derive the best sequences the canonical way; the first that
	 * replays and improves on the start (and with --semantics, whose
	 * program behaves) is the result. */
	for (i = 0; i < res.nbest && !found; i++) {
		cg_state_copy(&best, st);
		if (cg_episode_step(&best, res.best[i].actions, res.best[i].n,
		    &j->step) < 0)
			continue;
		if (cg_state_number(best.costs, r->cost, &c) < 0 || c >= start)
			continue;
		run = -1;
		if (j->semantics &&
		    behaves(&best, &reset, &best.bitcode, j, why, &run) != 1) {
			cg_warnx("%s: skipped a result of %zu actions whose "
			    "program does not behave (%s)", st->benchmark,
			    res.best[i].n, why);
			continue;
		}
		found = 1;
	}
	cg_state_release(&reset);
	cg_validate_gold_release(&gold);
	j->gold = NULL;
	if (!found)
		cg_state_copy(&best, st);
	best.walltime = st->walltime + res.seconds;
	if (res.restarts)
		snprintf(crashes, sizeof(crashes), "; %d workers replaced "
		    "after a crash or a timeout", res.restarts);
	if (res.retracted)
		snprintf(retracted, sizeof(retracted), "; %d result%s retracted "
		    "whose program does not behave", res.retracted,
		    res.retracted == 1 ? "" : "s");
	if (!j->quiet)
		cg_warnx("%s: %s %.4f, cost %.10g -> %.10g with %zu actions; "
		    "%llu steps in %.1f s%s%s%s", best.benchmark, r->name,
		    best.has_episode_reward ? best.episode_reward : 0.0, start,
		    found ? c : start, best.nactions - st->nactions,
		    (unsigned long long)res.steps, res.seconds,
		    found ? "" : " (no improvement)", crashes, retracted);
	cg_state_format(&best, out);
	*keep = 1;
	cg_state_release(&best);
	cg_search_result_release(&res);
	return 0;
}

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: cg-search [-hq] [--list-algorithms] [-b benchmark] [-r reward] "
	    "[-s algorithm] [-t seconds] [-n steps] [-j jobs] [--seed n]\n"
	    "                 [--patience n] [--epsilon e] [--beam-width n] "
	    "[--semantics] [-T seconds]\n");
}

int
cmd_search(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "benchmark", required_argument, NULL, 'b' },
		{ "beam-width", required_argument, NULL, 'W' },
		{ "epsilon", required_argument, NULL, 'E' },
		{ "help", no_argument, NULL, 'h' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "list-algorithms", no_argument, NULL, 'L' },
		{ "patience", required_argument, NULL, 'P' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "reward", required_argument, NULL, 'r' },
		{ "search", required_argument, NULL, 's' },
		{ "seed", required_argument, NULL, 'S' },
		{ "semantics", no_argument, NULL, 'M' },
		{ "steps", required_argument, NULL, 'n' },
		{ "time", required_argument, NULL, 't' },
		{ "timeout", required_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 }
	};
	struct job j;
	const char *bench[argc];	/* the benchmarks given with -b */
	int nbench = 0, k;
	struct sigaction sa;
	long v;
	int c, status, timegiven = 0;
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	cg_setprogname(argv[0]);
	memset(&j, 0, sizeof(j));
	j.o.algo = CG_SEARCH_ILS;
	j.o.seconds = 60;
	j.o.jobs = ncpu > 0 ? (int)ncpu : 1;
	j.o.patience = 155;
	j.o.epsilon = 0.1;
	j.o.beam_width = 4;
	j.o.action_timeout = 60;
	j.o.stop = &stopped;
	j.step.timeout = CG_STEP_TIMEOUT;
	while ((c = getopt_long(argc, argv, "b:hj:n:qr:s:t:T:W:", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'b':
			bench[nbench++] = optarg;
			break;
		case 'E':
			if (cg_parse_seconds(optarg, &j.o.epsilon) < 0 ||
			    j.o.epsilon > 1) {
				cg_warnx("bad epsilon '%s'", optarg);
				return CG_EXIT_USAGE;
			}
			break;
		case 'h':
			usage(stdout);
			return cg_out_close(0);
		case 'j':
			if (cg_parse_int(optarg, 1, 64, &v) < 0)
				return cg_report();
			j.o.jobs = (int)v;
			break;
		case 'L':
			for (c = 0; cg_search_algo_name((enum cg_search_algo)c)[0] != '?'; c++)
				printf("%s\n", cg_search_algo_name((enum cg_search_algo)c));
			return cg_out_close(0);
		case 'M':
			j.semantics = 1;
			break;
		case 'n':
			if (cg_parse_int(optarg, 1, 1L << 50, &v) < 0)
				return cg_report();
			j.o.steps = (uint64_t)v;
			break;
		case 'P':
			if (cg_parse_int(optarg, 0, 1 << 20, &v) < 0)
				return cg_report();
			j.o.patience = (int)v;
			break;
		case 'q':
			j.quiet = 1;
			break;
		case 'r':
			if (cg_reward_lookup(optarg) == NULL) {
				cg_warnx("unknown reward space '%s'", optarg);
				return CG_EXIT_USAGE;
			}
			j.reward = optarg;
			break;
		case 's':
			if (cg_search_algo_parse(optarg, &j.o.algo) < 0)
				return cg_report();
			break;
		case 'S':
			if (cg_parse_int(optarg, 0, 1L << 62, &v) < 0)
				return cg_report();
			j.o.seed = (uint64_t)v;
			break;
		case 't':
			if (cg_parse_seconds(optarg, &j.o.seconds) < 0)
				return cg_report();
			timegiven = 1;
			break;
		case 'T':
			if (cg_parse_seconds(optarg, &j.o.action_timeout) < 0)
				return cg_report();
			j.step.timeout = j.o.action_timeout;
			break;
		case 'W':
			if (cg_parse_int(optarg, 1, 1000, &v) < 0)
				return cg_report();
			j.o.beam_width = (int)v;
			break;
		default:
			usage(stderr);
			return CG_EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 0) {
		cg_warnx("unexpected argument '%s'", argv[0]);
		usage(stderr);
		return CG_EXIT_USAGE;
	}
	/* -n without -t: a budget in steps only (deterministic with -j 1). */
	if (j.o.steps && !timegiven)
		j.o.seconds = 0;
	j.o.progress = !j.quiet && isatty(2);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = onsignal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	status = nbench ? 0 : cg_stream_run(stdin, search, &j);
	for (k = 0; k < nbench && !stopped; k++) {
		struct cg_state st;
		struct cg_buf out = CG_BUF_INIT;
		int keep = 0, s = 0;

		struct cg_bench b = { bench[k], NULL, NULL };

		cg_state_init(&st);
		if (cg_episode_reset(&st, &b, j.reward ? j.reward :
		    DEFAULT_REWARD, CG_STEP_TIMEOUT) < 0 ||
		    search(&st, &j, &out, &keep) < 0)
			s = cg_report();
		else if (cg_out_write(&out) < 0)
			s = cg_report();
		if (s && !status)
			status = s;
		cg_state_release(&st);
		cg_buf_release(&out);
	}
	return cg_out_close(status);
}
