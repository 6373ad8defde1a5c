/* cg-observe: print observations of each state of a stream. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg-tools.h"
#include "cg_base64.h"
#include "cg_env.h"
#include "cg_error.h"
#include "cg_fs.h"
#include "cg_json.h"
#include "cg_module.h"
#include "cg_obs.h"
#include "cg_proc.h"
#include "cg_run.h"
#include "cg_util.h"

struct job {
	const struct cg_obs **spaces;
	int n;			/* 0: the state's preset observation */
	int json;		/* always a JSON object */
	double timeout;
	struct cg_obs_ctx ctx;
	const struct cg_state *st;
};

/* In a child: computes every space that needs the module, in order. */
static int
compute_child(void *arg, int fd)
{
	const struct job *j = arg;
	struct cg_buf v = CG_BUF_INIT;
	LLVMModuleRef m;
	int i;

	m = cg_module_parse_child(fd, j->st->bitcode.data,
	    j->st->bitcode.len);
	if (m == NULL)
		return 0;
	for (i = 0; i < j->n; i++) {
		if (!j->spaces[i]->needs_module)
			continue;
		cg_buf_reset(&v);
		if (j->spaces[i]->compute(j->spaces[i], j->st, &j->ctx, m,
		    &v) < 0) {
			cg_error_prefix("%s", j->spaces[i]->name);
			return cg_child_send_error(fd), 0;
		}
		if (cg_child_send(fd, (unsigned)i, v.data, v.len) < 0)
			return 1;
	}
	return 0;
}

static int
needsmodule(const struct job *j)
{
	int i;

	for (i = 0; i < j->n; i++)
		if (j->spaces[i]->needs_module)
			return 1;
	return 0;
}

static void
emit(const struct job *j, int i, const struct cg_buf *v, struct cg_buf *out)
{
	const struct cg_obs *o = j->spaces[i];

	if (j->n == 1 && !j->json) {
		cg_buf_add(out, v->data, v->len);
		if (o->kind != CG_OBS_BYTES &&
		    (v->len == 0 || v->data[v->len - 1] != '\n'))
			cg_buf_addstr(out, "\n");
		return;
	}
	cg_buf_addstr(out, i ? "," : "{");
	cg_json_string(out, o->name, strlen(o->name));
	cg_buf_addstr(out, ":");
	if (o->kind == CG_OBS_JSON)
		cg_buf_add(out, v->data, v->len);
	else if (o->kind == CG_OBS_TEXT)
		cg_json_string(out, (const char *)v->data, v->len);
	else {
		cg_buf_addstr(out, "\"");
		cg_base64_encode(out, v->data, v->len);
		cg_buf_addstr(out, "\"");
	}
	if (i == j->n - 1)
		cg_buf_addstr(out, "}\n");
}

/* The observation space of the state's preset (cg-reset --env). */
static int
presetspace(const struct cg_state *st, const struct cg_obs **o)
{
	json_t *id = json_object_get(st->extra, "env");
	const struct cg_env *e;

	if (!json_is_string(id))
		return cg_error(CG_EXIT_USAGE, "no observation space given "
		    "(-o) and the state has no environment preset");
	if ((e = cg_env_lookup(json_string_value(id))) == NULL)
		return cg_error(CG_EXIT_DATA, "state has an unknown "
		    "environment '%s'", json_string_value(id));
	if (e->observation == NULL)
		return cg_error(CG_EXIT_USAGE, "environment '%s' has no "
		    "observation space; give one with -o", e->id);
	*o = cg_obs_lookup(e->observation);
	return 0;
}

static int
observe(struct cg_state *st, void *arg, struct cg_buf *out, int *keep)
{
	struct job *j = arg, pj;
	const struct cg_obs *preset;
	struct cg_buf *vals;
	struct cg_buf data = CG_BUF_INIT;
	struct cg_child c;
	unsigned type;
	int i, r = 0;

	(void)keep;
	if (j->n == 0) {
		if (presetspace(st, &preset) < 0)
			return -1;
		pj = *j;
		pj.spaces = &preset;
		pj.n = 1;
		j = &pj;
	}
	vals = cg_calloc((size_t)j->n, sizeof(*vals));
	j->st = st;
	j->ctx.bench = cg_bench_of(st);
	if (needsmodule(j)) {
		if (cg_child_start(&c, compute_child, j) < 0) {
			r = -1;
			goto out;
		}
		while ((r = cg_child_next(&c, j->timeout, &type, &data)) > 0) {
			if (type == CG_REC_ERROR || type >= (unsigned)j->n) {
				r = -1;
				break;
			}
			cg_buf_add(&vals[type], data.data, data.len);
		}
		if (r < 0 && !c.ready)
			cg_module_child_failed(&c);
		cg_child_finish(&c);
		if (r < 0) {
			/* A crash here is a failure, not the episode's end. */
			if (cg_errstatus() == CG_EXIT_EPISODE)
				cg_error(CG_EXIT_FAILURE, "observation failed: "
				    "%s", cg_errmsg());
			goto out;
		}
	}
	for (i = 0; i < j->n; i++) {
		if (!j->spaces[i]->needs_module &&
		    j->spaces[i]->compute(j->spaces[i], st, &j->ctx, NULL,
		    &vals[i]) < 0) {
			r = -1;
			goto out;
		}
		emit(j, i, &vals[i], out);
	}
out:
	for (i = 0; i < j->n; i++)
		cg_buf_release(&vals[i]);
	free(vals);
	cg_buf_release(&data);
	return r;
}

static void
listspaces(void)
{
	const struct cg_obs *o;
	int i;

	for (i = 0; (o = cg_obs_get(i)) != NULL; i++)
		printf("%s\t%s\n", o->name, o->type);
}

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: cg-observe [-hj] [--list-spaces] "
	    "[--runtime-count n] [--warmup n] [-T seconds] [--function name]\n"
	    "                  [-o space ...]\n");
}

int
cmd_observe(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "function", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ "json", no_argument, NULL, 'j' },
		{ "list-spaces", no_argument, NULL, 'L' },
		{ "observation", required_argument, NULL, 'o' },
		{ "runtime-count", required_argument, NULL, 'R' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "warmup", required_argument, NULL, 'W' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cg_obs *spaces[argc];	/* at most one per argument */
	struct job j;
	int c, k;

	cg_setprogname(argv[0]);
	memset(&j, 0, sizeof(j));
	j.spaces = spaces;
	j.timeout = 300;
	j.ctx.runtime_count = 1;	/* CompilerGym's defaults */
	j.ctx.warmup = 0;
	while ((c = getopt_long(argc, argv, "hjo:T:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			usage(stdout);
			return cg_out_close(0);
		case 'F':
			j.ctx.function = optarg;
			break;
		case 'j':
			j.json = 1;
			break;
		case 'L':
			listspaces();
			return cg_out_close(0);
		case 'o':
			if ((j.spaces[j.n] = cg_obs_lookup(optarg)) == NULL)
				return cg_report();
			for (k = 0; k < j.n && j.spaces[k] != j.spaces[j.n]; k++)
				;
			if (k == j.n)	/* each space once */
				j.n++;
			break;
		case 'R':
			if (cg_parse_int(optarg, 1, CG_RUNS_MAX,
			    &j.ctx.runtime_count) < 0)
				return cg_report();
			break;
		case 'T':
			if (cg_parse_seconds(optarg, &j.timeout) < 0)
				return cg_report();
			break;
		case 'W':
			if (cg_parse_int(optarg, 0, CG_RUNS_MAX, &j.ctx.warmup) < 0)
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
	return cg_out_close(cg_stream_run(stdin, observe, &j));
}
