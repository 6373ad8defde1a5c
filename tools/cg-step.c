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
	const char **names;	/* the actions, as given to -a and -i */
	int *index;		/* 1 for -i */
	size_t n;
	int *actions;		/* resolved in each state's space */
	struct cg_step_opts opts;
};

/* The actions of j in the space of st; -1 with status 2. */
static int
resolve(const struct job *j, const struct cg_state *st)
{
	size_t i;
	int k;

	for (i = 0; i < j->n; i++) {
		if (j->index[i])
			k = cg_space_parse(st->space, j->names[i]);
		else
			k = cg_space_find(st->space, j->names[i]);
		if (k < 0)
			return -1;
		j->actions[i] = k;
	}
	return 0;
}

static int
step(struct cg_state *st, void *arg, struct cg_buf *out, int *keep)
{
	const struct job *j = arg;
	int r;

	if (resolve(j, st) < 0)
		return -1;
	r = cg_episode_step(st, j->actions, j->n, &j->opts);
	/* An episode that ended still gets its state written. */
	if (r == 0 || st->done) {
		cg_state_format(st, out);
		*keep = 1;
	}
	return r;
}

static void
listactions(const struct cg_space *sp)
{
	const struct cg_action *a;
	int i;

	for (i = 0; (a = cg_space_action(sp, i)) != NULL; i++)
		printf("%d\t%s\t%s\n", i, a->flag, cg_action_pipeline(a));
}

/* 0 if name is an action of some space. */
static int
known(const char *name)
{
	const struct cg_space *sp;
	int i;

	for (i = 0; (sp = cg_space_get(i)) != NULL; i++)
		if (cg_space_find(sp, name) >= 0)
			return 0;
	return cg_error(CG_EXIT_USAGE, "unknown action '%s'", name);
}

/* The most actions a space has. */
static int
largest(void)
{
	const struct cg_space *sp;
	int i, n = 0;

	for (i = 0; (sp = cg_space_get(i)) != NULL; i++)
		if (sp->n > n)
			n = sp->n;
	return n;
}

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: cg-step [-h] [--list-actions] [--action-space name] "
	    "[--runtime-count n] [--warmup n] [-T seconds] "
	    "[-a action | -i index ...]\n");
}

/* An option of j's; -1 with the error recorded, 1 when done (-h). */
static int
option(int c, const char *arg, struct job *j, const struct cg_space **sp)
{
	long v;

	switch (c) {
	case 'a':
	case 'i':
		if (c == 'a' ? known(arg) < 0 :
		    cg_parse_int(arg, 0, largest() - 1, &v) < 0)
			return -1;
		j->index[j->n] = c == 'i';
		j->names[j->n++] = arg;
		return 0;
	case 'h':
		usage(stdout);
		return 1;
	case 'R':
		return cg_parse_int(arg, 1, CG_RUNS_MAX,
		    &j->opts.runtime_count);
	case 'S':
		return (*sp = cg_space_lookup(arg)) == NULL ? -1 : 0;
	case 'T':
		return cg_parse_seconds(arg, &j->opts.timeout);
	default:	/* 'W' */
		return cg_parse_int(arg, 0, CG_RUNS_MAX, &j->opts.warmup);
	}
}

int
cmd_step(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "action", required_argument, NULL, 'a' },
		{ "action-space", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ "index", required_argument, NULL, 'i' },
		{ "list-actions", no_argument, NULL, 'L' },
		{ "runtime-count", required_argument, NULL, 'R' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "warmup", required_argument, NULL, 'W' },
		{ NULL, 0, NULL, 0 }
	};
	const char *names[argc];	/* at most one per argument */
	int index[argc], actions[argc], c, r, list = 0;
	const struct cg_space *sp = cg_space_default();
	struct job j = { names, index, 0, actions,
	    { CG_STEP_TIMEOUT, CG_RUNTIME_COUNT, 0, NULL } };

	cg_setprogname(argv[0]);
	while ((c = getopt_long(argc, argv, "a:hi:T:", longopts, NULL)) != -1) {
		if (c == 'L')
			list = 1;
		else if (c == '?') {
			usage(stderr);
			return CG_EXIT_USAGE;
		} else if ((r = option(c, optarg, &j, &sp)) != 0)
			return r < 0 ? cg_report() : cg_out_close(0);
	}
	if (list) {
		listactions(sp);
		return cg_out_close(0);
	}
	if (optind < argc) {
		cg_warnx("unexpected argument '%s'", argv[optind]);
		usage(stderr);
		return CG_EXIT_USAGE;
	}
	cg_fs_trap();
	return cg_out_close(cg_stream_run(stdin, step, &j));
}
