#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cg_action.h"
#include "cg_benchmark.h"
#include "cg_clang.h"
#include "cg_error.h"
#include "cg_fs.h"
#include "cg_episode.h"
#include "cg_json.h"
#include "cg_module.h"
#include "cg_obs.h"
#include "cg_proc.h"
#include "cg_reward.h"
#include "cg_run.h"
#include "cg_sha1.h"

enum { REC_COSTS = 1, REC_STEP = 2 };

/* Bump when the baselines' meaning changes, to leave old cache entries. */
#define BASELINE_VERSION "cg-baselines-3"

static const char *const baseline_pipelines[3][2] = {
	{ "O0", NULL }, { "O3", "default<O3>" }, { "Oz", "default<Oz>" }
};

struct basejob {
	const struct cg_buf *bc;
	const struct cg_runcfg *rc;	/* NULL: TextSize is ObjectTextSize */
};

static int
baselines_child(void *arg, int fd)
{
	const struct basejob *j = arg;
	struct cg_buf out = CG_BUF_INIT, bc = CG_BUF_INIT;
	int i;

	cg_buf_addstr(&out, "{");
	for (i = 0; i < 3; i++) {
		LLVMModuleRef m = cg_module_parse(j->bc->data, j->bc->len);
		const char *b = baseline_pipelines[i][0];
		long ic, obj, text;

		if (m == NULL || (i == 0 && cg_module_verify(m) < 0))
			goto fail;
		if (baseline_pipelines[i][1] &&
		    cg_module_run(m, baseline_pipelines[i][1]) < 0)
			goto fail;
		ic = cg_module_instcount(m);
		if ((obj = cg_module_objtext(m)) < 0)
			goto fail;
		text = obj;
		if (j->rc) {
			cg_buf_reset(&bc);
			cg_module_write(m, &bc);
			if (cg_run_textsize(j->rc, bc.data, bc.len, &text) < 0)
				goto fail;
		}
		cg_buf_addf(&out, "%s\"IrInstructionCount%s\":%ld,"
		    "\"ObjectTextSize%s\":%ld,\"TextSize%s\":%ld",
		    i ? "," : "", b, ic, b, obj, b, text);
		/* No dispose: the process ends right after. */
	}
	cg_buf_addstr(&out, "}");
	return cg_child_send(fd, REC_COSTS, out.data, out.len) < 0;
fail:
	cg_child_send_error(fd);
	return 0;
}

/*
 * Computes (or reads from the cache) the baselines of bitcode bc of
 * benchmark uri.  The key is the bitcode, and for a benchmark with a run
 * configuration also what its TextSize depends on: the compiler and the
 * link options.
 */
static json_t *
baselines(const struct cg_buf *bc, const struct cg_bench *bench,
    double timeout)
{
	struct basejob bj = { bc, NULL };
	struct cg_runcfg rc;
	struct cg_child c;
	struct cg_buf data = CG_BUF_INIT, key = CG_BUF_INIT;
	char hex[41], *path;
	json_t *j = NULL;
	unsigned type;
	int r;

	if ((r = cg_run_load(bench, &rc)) < 0)
		return NULL;
	cg_buf_addstr(&key, BASELINE_VERSION "\n");
	if (r == 0) {
		bj.rc = &rc;
		cg_run_key(&rc, &key);
	}
	cg_buf_add(&key, bc->data, bc->len);
	cg_sha1_hex(key.data, key.len, hex);
	cg_buf_release(&key);
	path = cg_asprintf("%s/baselines-%s.json", cg_fs_cachedir(), hex);
	if (cg_buf_read_file(&data, path) == 0 &&
	    (j = json_loadb((char *)data.data, data.len, 0, NULL)) != NULL &&
	    json_is_object(j))
		goto out;
	json_decref(j);
	j = NULL;
	if (cg_child_start(&c, baselines_child, &bj) < 0)
		goto out;
	r = cg_child_next(&c, timeout, &type, &data);
	if (r == 1 && type == REC_COSTS) {
		j = json_loadb((char *)data.data, data.len, 0, NULL);
		cg_fs_write_atomic(path, data.data, data.len);
	} else if (r >= 0 && type != CG_REC_ERROR)
		cg_error(CG_EXIT_FAILURE, "no baselines computed");
	else if (r < 0 || type != CG_REC_ERROR)
		cg_error_prefix("computing the baselines");
	cg_child_finish(&c);
out:
	cg_buf_release(&data);
	cg_run_release(&rc);
	free(path);
	return j;
}

int
cg_episode_reset(struct cg_state *st, const struct cg_bench *bench,
    const char *reward, const struct cg_space *space, double timeout)
{
	struct cg_step_opts o = { timeout, 0, 0, space };

	return cg_episode_reset_opts(st, bench, reward, &o);
}

int
cg_episode_reset_opts(struct cg_state *st, const struct cg_bench *bench,
    const char *reward, const struct cg_step_opts *o)
{
	double t0 = cg_now();
	const struct cg_reward *r = NULL;
	struct cg_bench now;
	struct cg_buf bc = CG_BUF_INIT;
	json_t *b, *build, *run;
	char *uri;

	if (reward && (r = cg_reward_lookup(reward)) == NULL)
		return cg_error(CG_EXIT_USAGE, "unknown reward space '%s'",
		    reward);
	if (bench->run && cg_run_check((json_t *)bench->run,
	    "the run configuration") < 0)
		return -1;
	/* bench may borrow from st: copy what it lends first. */
	run = bench->run ? json_deep_copy(bench->run) : NULL;
	if (cg_benchmark_load(bench, &uri, &build, &bc) < 0) {
		json_decref(run);
		return -1;
	}
	cg_state_release(st);
	cg_state_init(st);
	st->benchmark = uri;
	st->build = build;
	st->run = run;
	st->bitcode = bc;
	if (o->space)
		st->space = o->space;
	now = cg_bench_of(st);
	if ((b = baselines(&st->bitcode, &now, o->timeout)) == NULL)
		return -1;
	json_object_update(st->baselines, b);
	json_decref(b);
	/* The starting module's costs are its O0 baselines. */
	json_object_set_new(st->costs, "IrInstructionCount",
	    json_deep_copy(json_object_get(st->baselines,
	    "IrInstructionCountO0")));
	st->walltime = cg_now() - t0;
	if (r == NULL)
		return 0;
	st->reward_space = cg_strdup(r->name);
	st->has_episode_reward = 1;
	st->episode_reward = 0;
	if (r->base0) {
		json_object_set_new(st->costs, r->cost, json_deep_copy(
		    json_object_get(st->baselines, r->base0)));
		return 0;
	}
	/* No baseline (Runtime): a step of no action measures the start. */
	if (cg_episode_step(st, NULL, 0, o) < 0)
		return cg_error_prefix("reward space '%s'", r->name);
	return 0;
}

struct stepjob {
	const struct cg_state *st;
	const int *actions;
	size_t n;
	const char *costs[2];	/* the costs each step must measure */
	int ncosts;
	int initial;		/* measure the input module's costs first */
	struct cg_obs_ctx ctx;	/* for the costs that build and run */
};

/*
 * Sends the costs of m (and its bitcode bc, after an action): 0 when sent,
 * 1 when an error record went instead, -1 when the parent is gone.
 */
static int
sendcosts(int fd, unsigned type, const struct stepjob *j, LLVMModuleRef m,
    const struct cg_buf *bc, const char *flag)
{
	struct cg_buf out = CG_BUF_INIT;
	unsigned char len[4];
	double v;
	int i, r;

	cg_buf_add(&out, len, 4);
	cg_buf_addstr(&out, "{");
	for (i = 0; i < j->ncosts; i++) {
		if (cg_obs_measure(j->costs[i], &j->ctx, m, &v) < 0) {
			/* After an action, a cost that cannot be measured
			 * (code generation failing) ends the episode. */
			if (flag)
				cg_error(CG_EXIT_EPISODE, "action '%s': "
				    "measuring %s: %s", flag, j->costs[i],
				    cg_errmsg());
			cg_buf_release(&out);
			return cg_child_send_error(fd) < 0 ? -1 : 1;
		}
		cg_buf_addf(&out, "%s\"%s\":", i ? "," : "", j->costs[i]);
		if (v == floor(v) && fabs(v) < 1e15)
			cg_buf_addf(&out, "%.0f", v);
		else
			cg_json_real(&out, v);	/* Runtime, in seconds */
	}
	cg_buf_addstr(&out, "}");
	for (i = 0; i < 4; i++)
		out.data[i] = (unsigned char)((out.len - 4) >> (8 * i));
	if (bc)
		cg_buf_add(&out, bc->data, bc->len);
	r = cg_child_send(fd, type, out.data, out.len);
	cg_buf_release(&out);
	return r;
}

static int
step_child(void *arg, int fd)
{
	const struct stepjob *j = arg;
	struct cg_buf cur = CG_BUF_INIT, next = CG_BUF_INIT;
	LLVMModuleRef m;
	size_t i;
	int r;

	cg_buf_add(&cur, j->st->bitcode.data, j->st->bitcode.len);
	if ((m = cg_module_parse_child(fd, cur.data, cur.len)) == NULL)
		return 0;
	if (j->initial && (r = sendcosts(fd, REC_COSTS, j, m, NULL, NULL)))
		return r < 0;
	for (i = 0; i < j->n; i++) {
		const struct cg_action *a = cg_space_action(j->st->space,
		    j->actions[i]);

		if (i > 0 && (m = cg_module_parse(cur.data, cur.len)) == NULL)
			return cg_child_send_error(fd), 0;
		cg_module_fault(m, a->flag);
		if (cg_module_act(m, a) < 0) {
			cg_error(CG_EXIT_EPISODE, "action '%s' failed: %s",
			    a->flag, cg_errmsg());
			return cg_child_send_error(fd), 0;
		}
		if (cg_module_verify(m) < 0) {
			cg_error(CG_EXIT_EPISODE,
			    "action '%s' left an invalid module: %s", a->flag,
			    cg_errmsg());
			return cg_child_send_error(fd), 0;
		}
		cg_buf_reset(&next);
		cg_module_write(m, &next);
		if ((r = sendcosts(fd, REC_STEP, j, m, &next, a->flag)))
			return r < 0;
		if (i + 1 == j->n)
			break;	/* the process ends: no need to free it */
		cg_module_free(m);
		cg_buf_reset(&cur);
		cg_buf_add(&cur, next.data, next.len);
	}
	return 0;
}

static void
setcosts(struct cg_state *st, const struct cg_buf *data, size_t *bcoff)
{
	size_t len = 0;
	json_t *j;
	int i;

	for (i = 0; i < 4; i++)
		len |= (size_t)data->data[i] << (8 * i);
	j = json_loadb((const char *)data->data + 4, len, 0, NULL);
	if (j)
		json_object_update(st->costs, j);
	json_decref(j);
	*bcoff = 4 + len;
}

/*
 * Sets up the step of st: the costs to measure (the instruction count,
 * and the reward's cost), the reward's divisor *norm and the cost before
 * the step *prev (or that it is to be measured first).  The reward space
 * (NULL for none) goes to *rp.  -1 with status 3 if a baseline is missing.
 */
static int
stepsetup(struct stepjob *j, struct cg_state *st,
    const struct cg_step_opts *o, const struct cg_reward **rp,
    double *norm, double *prev)
{
	const struct cg_reward *r;
	const char *missing = NULL;
	double b;

	memset(j, 0, sizeof(*j));
	j->st = st;
	j->ctx.bench = cg_bench_of(st);
	j->ctx.runtime_count = o->runtime_count > 0 ? o->runtime_count :
	    CG_RUNTIME_COUNT;
	j->ctx.warmup = o->warmup;
	j->costs[j->ncosts++] = "IrInstructionCount";
	*rp = NULL;
	if (st->reward_space == NULL)
		return 0;
	r = cg_reward_lookup(st->reward_space);
	if (r->base0 && cg_state_number(st->baselines, r->base0, &b) < 0)
		missing = r->base0;
	else if (r->baseline &&
	    cg_state_number(st->baselines, r->baseline, &b) < 0)
		missing = r->baseline;
	if (missing)
		return cg_error(CG_EXIT_DATA, "state has no baseline '%s' for "
		    "reward space '%s'", missing, r->name);
	if (strcmp(r->cost, "IrInstructionCount") != 0)
		j->costs[j->ncosts++] = r->cost;
	*norm = cg_reward_norm(r, st->baselines);
	if (cg_state_number(st->costs, r->cost, prev) < 0)
		j->initial = 1;
	*rp = r;
	return 0;
}

/* An error from the step's child: the episode ends on a compiler error. */
static int
stepfailed(struct cg_state *st, const struct cg_child *c, int k,
    const int *actions, size_t done, size_t n)
{
	if (k < 0 && !c->ready)
		return cg_module_child_failed(c);
	if (cg_errstatus() == CG_EXIT_EPISODE && k < 0 && done < n)
		cg_error_prefix("action '%s'",
		    cg_space_action(st->space, actions[done])->flag);
	if (cg_errstatus() == CG_EXIT_EPISODE)
		cg_state_set_error(st, cg_errmsg());
	return -1;
}

int
cg_episode_step(struct cg_state *st, const int *actions, size_t n,
    const struct cg_step_opts *o)
{
	const struct cg_reward *r;
	struct stepjob j;
	struct cg_child c;
	struct cg_buf data = CG_BUF_INIT;
	double t0 = cg_now(), prev = 0, v, norm = 1;
	size_t done = 0, off;
	unsigned type;
	int k, ret = 0;

	if (st->done)
		return cg_error(CG_EXIT_EPISODE, "episode has ended (%s); "
		    "reset it to go on", st->error ? st->error : "done");
	if (stepsetup(&j, st, o, &r, &norm, &prev) < 0)
		return -1;
	j.actions = actions;
	j.n = n;
	if (cg_child_start(&c, step_child, &j) < 0)
		return -1;
	while ((k = cg_child_next(&c, o->timeout, &type, &data)) != 0) {
		if (k < 0 || type == CG_REC_ERROR) {
			ret = stepfailed(st, &c, k, actions, done, n);
			break;
		}
		setcosts(st, &data, &off);
		if (type == REC_COSTS) {
			if (r)
				cg_state_number(st->costs, r->cost, &prev);
			continue;
		}
		/* Whether the action changed the module: its bytes. */
		st->changed = st->bitcode.len != data.len - off ||
		    memcmp(st->bitcode.data, data.data + off, data.len - off);
		cg_buf_reset(&st->bitcode);
		cg_buf_add(&st->bitcode, data.data + off, data.len - off);
		cg_state_add_action(st, actions[done++]);
		if (r) {
			cg_state_number(st->costs, r->cost, &v);
			st->has_reward = 1;
			st->reward = (prev - v) / norm;
			st->has_episode_reward = 1;
			st->episode_reward += st->reward;
			prev = v;
		}
	}
	cg_child_finish(&c);
	cg_buf_release(&data);
	if (ret == 0 && done < n)
		ret = cg_error(CG_EXIT_FAILURE, "step stopped after %zu of %zu "
		    "actions", done, n);
	st->walltime += cg_now() - t0;
	return ret;
}

double
cg_episode_reward_at(const struct cg_state *st, const struct cg_reward *r,
    double cost)
{
	double norm = cg_reward_norm(r, st->baselines), c0, start;

	if (r->base0 && cg_state_number(st->baselines, r->base0, &c0) == 0)
		return (c0 - cost) / norm;
	if (cg_state_number(st->costs, r->cost, &start) < 0)
		return NAN;
	return (st->has_episode_reward ? st->episode_reward : 0) +
	    (start - cost) / norm;
}

int
cg_episode_set_reward(struct cg_state *st, const char *name, int force)
{
	const struct cg_reward *r = cg_reward_lookup(name);
	struct cg_step_opts so = { .timeout = CG_STEP_TIMEOUT };
	double c0, cur;

	if (r == NULL)
		return cg_error(CG_EXIT_USAGE, "unknown reward space '%s'", name);
	if (st->reward_space && !force)
		return 0;
	free(st->reward_space);
	st->reward_space = cg_strdup(r->name);
	if (cg_state_number(st->costs, r->cost, &cur) < 0 &&
	    cg_episode_step(st, NULL, 0, &so) < 0)
		return -1;
	cg_state_number(st->costs, r->cost, &cur);
	st->has_reward = 0;	/* the last reward was in other units */
	st->has_episode_reward = 1;
	if (r->base0 == NULL) {
		/* No baseline (Runtime): the episode's sum starts here. */
		st->episode_reward = 0;
		return 0;
	}
	if (cg_state_number(st->baselines, r->base0, &c0) < 0)
		return cg_error(CG_EXIT_DATA, "state has no baseline '%s'",
		    r->base0);
	st->episode_reward = cg_episode_reward_at(st, r, cur);
	return 0;
}
