/* cg-reset: start episodes on benchmarks. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg-tools.h"
#include "cg_benchmark.h"
#include "cg_build.h"
#include "cg_env.h"
#include "cg_episode.h"
#include "cg_error.h"
#include "cg_fs.h"
#include "cg_reward.h"
#include "cg_run.h"
#include "cg_state.h"
#include "cg_util.h"

struct opts {
	const char *reward;
	int reward_given;
	const struct cg_env *env;	/* --env, or NULL */
	struct cg_step_opts step;	/* timeout and Runtime's runs */
	json_t *run;			/* --run, or NULL */
};

/*
 * Resets one benchmark and writes the state, with the unknown fields of
 * extra (or NULL) carried over; -1 with the error recorded.  b may borrow
 * from extra's state.
 */
static int
reset(struct cg_bench *b, const char *reward, const struct opts *o,
    json_t *extra)
{
	struct cg_state st;
	struct cg_buf out = CG_BUF_INIT;
	int r;

	if (o->run)
		b->run = o->run;
	cg_state_init(&st);
	if ((r = cg_episode_reset_opts(&st, b, reward, &o->step)) == 0) {
		if (extra)
			json_object_update(st.extra, extra);
		if (o->env)
			json_object_set_new(st.extra, "env",
			    json_string(o->env->id));
		cg_state_format(&st, &out);
		r = cg_out_write(&out);
	}
	cg_buf_release(&out);
	cg_state_release(&st);
	return r;
}

/* Resets one line of stdin: a benchmark, or a state to reset. */
static int
resetline(const struct cg_buf *line, int complete, const struct opts *o)
{
	struct cg_state st;
	struct cg_bench b = { NULL, NULL, NULL };
	char *p = (char *)line->data;
	size_t n = line->len;
	int r;

	while (n > 0 && (p[n - 1] == '\n' || p[n - 1] == '\r'))
		n--;
	if (memchr(p, '\0', n))
		return cg_error(CG_EXIT_DATA, "a NUL byte in the line");
	if (*p != '{') {
		p[n] = '\0';
		b.uri = p;
		return reset(&b, o->reward, o, NULL);
	}
	cg_state_init(&st);
	if ((r = cg_state_parse_line(&st, line, complete)) == 0) {
		/* Its own reward space and action space, unless given. */
		struct opts so = *o;
		b = cg_bench_of(&st);
		if (so.step.space == NULL)
			so.step.space = st.space;
		r = reset(&b, o->reward_given ? o->reward : st.reward_space,
		    &so, st.extra);
	}
	cg_state_release(&st);
	return r;
}

/* Lines of stdin: benchmark URIs, or states to reset to their start. */
static int
fromstdin(const struct opts *o)
{
	struct cg_buf line = CG_BUF_INIT;
	unsigned long lineno = 0;
	int status = 0, complete, r;

	while ((r = cg_state_getline(stdin, &line, &complete)) > 0) {
		lineno++;
		if (line.len == strspn((char *)line.data, " \t\r\n"))
			continue;	/* blank */
		if (resetline(&line, complete, o) == 0)
			continue;
		cg_warnx("line %lu: %s", lineno, cg_errmsg());
		if (!status)
			status = cg_errstatus();
		if (cg_errkind() == CG_ERR_WRITE)
			break;
	}
	if (r < 0 && !status)
		status = cg_report();
	cg_buf_release(&line);
	return status;
}

static void
listrewards(void)
{
	const struct cg_reward *r;
	int i;

	for (i = 0; (r = cg_reward_get(i)) != NULL; i++)
		printf("%s\n", r->name);
}

/* id, observation space and reward space, "-" for none. */
static void
listenvs(void)
{
	const struct cg_env *e;
	int i;

	for (i = 0; (e = cg_env_get(i)) != NULL; i++)
		printf("%s\t%s\t%s\t%s\n", e->id,
		    e->observation ? e->observation : "-",
		    e->reward ? e->reward : "-", e->action_space ?
		    e->action_space : cg_space_default()->name);
}

/* The action spaces: name, number of actions, what they are. */
static void
listspaces(void)
{
	const struct cg_space *sp;
	int i;

	for (i = 0; (sp = cg_space_get(i)) != NULL; i++)
		printf("%s\t%d\t%s\n", sp->name, sp->n, sp->description);
}

/* Reads --run's file: the configuration, with "dir" its folder (new). */
static json_t *
readrun(const char *path)
{
	char real[PATH_MAX], *slash;
	json_error_t jerr;
	json_t *cfg;

	if (realpath(path, real) == NULL) {
		cg_error(CG_EXIT_DATA, "no such file '%s'", path);
		return NULL;
	}
	if ((cfg = json_load_file(real, JSON_REJECT_DUPLICATES, &jerr)) ==
	    NULL) {
		cg_error(CG_EXIT_DATA, "'%s': %s", path, jerr.text);
		return NULL;
	}
	slash = strrchr(real, '/');
	*slash = '\0';
	if (json_is_object(cfg))
		json_object_set_new(cfg, "dir", json_string(slash == real ?
		    "/" : real));
	if (cg_run_check(cfg, path) < 0) {
		json_decref(cfg);
		return NULL;
	}
	return cfg;
}

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: cg-reset [-h] [--list-action-spaces] [--list-envs] "
	    "[--list-rewards] [--action-space name] [--env id] [-r space] "
	    "[--runtime-count n] [--warmup n] [-T seconds] [--run file] "
	    "[-b benchmark] [benchmark ...]\n"
	    "       cg-reset [options] -- cc [compiler options] file ...\n");
}

/* Resets the program that compiler command cmd builds. */
static int
fromcommand(int ncmd, char **cmd, const struct opts *o)
{
	struct cg_bench b = { "a command line", NULL, NULL };
	json_t *build;
	int status = 0;

	if ((build = cg_build_new(ncmd, cmd)) == NULL)
		return cg_report();
	b.build = build;
	if (reset(&b, o->reward, o, NULL) < 0)
		status = cg_report();
	json_decref(build);
	return status;
}

/* Resets the benchmarks of -b and the operands, in order ("-": stdin). */
static int
fromspecs(const char **specs, int n, const struct opts *o)
{
	int i, s, status = 0;

	for (i = 0; i < n; i++) {
		struct cg_bench b = { specs[i], NULL, NULL };
		if (strcmp(specs[i], "-") == 0)
			s = fromstdin(o);
		else
			s = reset(&b, o->reward, o, NULL) < 0 ? cg_report() : 0;
		if (s && !status)
			status = s;
	}
	return status;
}

/*
 * An option of o's; -1 with the error recorded (status 2 for a bad
 * value), 1 when the tool is done (-h, the lists).
 */
static int
option(int c, const char *arg, struct opts *o)
{
	switch (c) {
	case 'E':
		return (o->env = cg_env_lookup(arg)) == NULL ? -1 : 0;
	case 'h':
		usage(stdout);
		return 1;
	case 'l':
		listenvs();
		return 1;
	case 'L':
		listrewards();
		return 1;
	case 'A':
		listspaces();
		return 1;
	case 'S':
		return (o->step.space = cg_space_lookup(arg)) == NULL ? -1 : 0;
	case 'r':
		if (cg_reward_lookup(arg) == NULL)
			return cg_error(CG_EXIT_USAGE, "unknown reward space "
			    "'%s'", arg);
		o->reward = arg;
		o->reward_given = 1;
		return 0;
	case 'R':
		return cg_parse_int(arg, 1, CG_RUNS_MAX, &o->step.runtime_count);
	case 'T':
		return cg_parse_seconds(arg, &o->step.timeout);
	case 'u':
		json_decref(o->run);
		return (o->run = readrun(arg)) == NULL ? -1 : 0;
	default:	/* 'W' */
		return cg_parse_int(arg, 0, CG_RUNS_MAX, &o->step.warmup);
	}
}

int
cmd_reset(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "action-space", required_argument, NULL, 'S' },
		{ "benchmark", required_argument, NULL, 'b' },
		{ "env", required_argument, NULL, 'E' },
		{ "help", no_argument, NULL, 'h' },
		{ "list-action-spaces", no_argument, NULL, 'A' },
		{ "list-envs", no_argument, NULL, 'l' },
		{ "list-rewards", no_argument, NULL, 'L' },
		{ "reward", required_argument, NULL, 'r' },
		{ "run", required_argument, NULL, 'u' },
		{ "runtime-count", required_argument, NULL, 'R' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "warmup", required_argument, NULL, 'W' },
		{ NULL, 0, NULL, 0 }
	};
	struct opts o = { NULL, 0, NULL, { CG_STEP_TIMEOUT, CG_RUNTIME_COUNT,
	    0, NULL }, NULL };
	const char *specs[argc + 1];	/* the benchmarks, in order */
	char **cmd = NULL;		/* after "--": a compiler command */
	int c, n = 0, i, ncmd = 0, status;

	cg_setprogname(argv[0]);
	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--") == 0) {
			cmd = argv + i + 1;
			ncmd = argc - i - 1;
			argv[i] = NULL;
			argc = i;
			break;
		}
	while ((c = getopt_long(argc, argv, "b:hr:T:", longopts, NULL)) != -1) {
		if (c == 'b')
			specs[n++] = optarg;
		else if (c == '?') {
			usage(stderr);
			return CG_EXIT_USAGE;
		} else if ((status = option(c, optarg, &o)) != 0)
			return status < 0 ? cg_report() : cg_out_close(0);
	}
	if (o.env && !o.reward_given) {	/* -r overrides the preset's */
		o.reward = o.env->reward;
		o.reward_given = 1;
	}
	if (o.env && o.env->action_space && o.step.space == NULL)
		o.step.space = cg_space_lookup(o.env->action_space);
	for (i = optind; i < argc; i++)
		specs[n++] = argv[i];
	cg_fs_trap();
	if (cmd && n > 0) {
		cg_warnx("give benchmarks or a compiler command, not both");
		status = CG_EXIT_USAGE;
	} else if (cmd)
		status = fromcommand(ncmd, cmd, &o);
	else {
		if (n == 0)
			specs[n++] = CG_DEFAULT_BENCHMARK;
		status = fromspecs(specs, n, &o);
	}
	json_decref(o.run);
	return cg_out_close(status);
}
