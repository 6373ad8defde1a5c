/* cg-step: apply actions to each state of a stream. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cg-tools.h"
#include "cg_action.h"
#include "cg_episode.h"
#include "cg_error.h"
#include "cg_fs.h"
#include "cg_run.h"
#include "cg_util.h"

struct job {
	int *actions;
	size_t n;
	struct cg_step_opts opts;
};

static int
step(struct cg_state *st, void *arg, struct cg_buf *out, int *keep)
{
	const struct job *j = arg;
	int r;

	r = cg_episode_step(st, j->actions, j->n, &j->opts);
	/* An episode that ended still gets its state written. */
	if (r == 0 || st->done) {
		cg_state_format(st, out);
		*keep = 1;
	}
	return r;
}

static void
listactions(void)
{
	const struct cg_action *a;
	int i;

	for (i = 0; (a = cg_action_get(i)) != NULL; i++)
		printf("%d\t%s\t%s\n", i, a->flag, a->pipeline);
}

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: cg-step [-h] [--list-actions] [--runtime-count n] "
	    "[--warmup n] [-T seconds] [-a flag | -i index ...]\n");
}

int
cmd_step(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "action", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ "index", required_argument, NULL, 'i' },
		{ "list-actions", no_argument, NULL, 'L' },
		{ "runtime-count", required_argument, NULL, 'R' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "warmup", required_argument, NULL, 'W' },
		{ NULL, 0, NULL, 0 }
	};
	int actions[argc];	/* at most one per argument */
	struct job j;
	long v;
	int c, k;

	cg_setprogname(argv[0]);
	j.actions = actions;
	j.n = 0;
	j.opts.timeout = CG_STEP_TIMEOUT;
	j.opts.runtime_count = CG_RUNTIME_COUNT;
	j.opts.warmup = 0;
	while ((c = getopt_long(argc, argv, "a:hi:T:", longopts, NULL)) != -1) {
		switch (c) {
		case 'a':
			if ((k = cg_action_lookup(optarg)) < 0)
				return cg_report();
			j.actions[j.n++] = k;
			break;
		case 'h':
			usage(stdout);
			return cg_out_close(0);
		case 'i':
			if (cg_parse_int(optarg, 0, CG_NACTIONS - 1, &v) < 0) {
				cg_warnx("unknown action index '%s'", optarg);
				return CG_EXIT_USAGE;
			}
			j.actions[j.n++] = (int)v;
			break;
		case 'L':
			listactions();
			return cg_out_close(0);
		case 'R':
			if (cg_parse_int(optarg, 1, CG_RUNS_MAX,
			    &j.opts.runtime_count) < 0)
				return cg_report();
			break;
		case 'T':
			if (cg_parse_seconds(optarg, &j.opts.timeout) < 0)
				return cg_report();
			break;
		case 'W':
			if (cg_parse_int(optarg, 0, CG_RUNS_MAX,
			    &j.opts.warmup) < 0)
				return cg_report();
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
	cg_fs_trap();
	return cg_out_close(cg_stream_run(stdin, step, &j));
}
