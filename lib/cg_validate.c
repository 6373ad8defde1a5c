#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg_action.h"
#include "cg_build.h"
#include "cg_episode.h"
#include "cg_error.h"
#include "cg_fs.h"
#include "cg_json.h"
#include "cg_proc.h"
#include "cg_reward.h"
#include "cg_run.h"
#include "cg_sha1.h"
#include "cg_validate.h"

static void
adderr(json_t *errors, const char *type, json_t *data)
{
	json_t *e = json_object();

	json_object_set_new(e, "type", json_string(type));
	json_object_set_new(e, "data", data ? data : json_object());
	json_array_append_new(errors, e);
}

void
cg_validate_commandline(const struct cg_state *st, struct cg_buf *out)
{
	int passes = st->space != cg_space_default();
	size_t i;

	/* With no action this is CompilerGym's "opt  input.bc ...". */
	cg_buf_addstr(out, passes ? "opt -passes='" : "opt ");
	for (i = 0; i < st->nactions; i++) {
		if (i)
			cg_buf_addstr(out, passes ? "," : " ");
		cg_buf_addstr(out, cg_space_action(st->space,
		    st->actions[i])->flag);
	}
	cg_buf_addstr(out, passes ? "' input.bc -o output.bc" :
	    " input.bc -o output.bc");
}

static json_t *
str(const struct cg_buf *b)
{
	json_t *s = json_stringn((const char *)b->data, b->len);

	return s ? s : json_string("<binary>");
}

int
cg_validate_gold(const struct cg_state *st, const struct cg_buf *unopt,
    struct cg_gold *g)
{
	struct cg_runcfg rc;
	struct cg_bench b = cg_bench_of(st);
	char *dir = NULL;
	double secs;
	size_t i;
	int r;

	memset(g, 0, sizeof(*g));
	if ((r = cg_run_load(&b, &rc)) != 0)
		return r;
	if (cg_fs_scratch(cg_fs_tmpdir(), "cg-run", &dir) < 0 || cg_run_build(&rc, unopt->data,
	    unopt->len, dir, "gold", NULL, &secs) < 0) {
		r = -1;
		goto out;
	}
	g->run = cg_calloc(rc.nruns ? rc.nruns : 1, sizeof(*g->run));
	g->nruns = rc.nruns;
	for (i = 0; i < rc.nruns; i++)
		g->run[i].ran = cg_run_exec(&rc, i, dir, "gold", 0,
		    &g->run[i].out, &g->run[i].status, &g->run[i].secs) == 0;
out:
	if (dir) {
		cg_fs_unscratch(dir);
		free(dir);
	}
	cg_run_release(&rc);
	return r;
}

void
cg_validate_gold_release(struct cg_gold *g)
{
	size_t i;

	for (i = 0; i < g->nruns; i++)
		cg_buf_release(&g->run[i].out);
	free(g->run);
	memset(g, 0, sizeof(*g));
}

/* A behaviour check under way (cg_validate_semantics()). */
struct semcheck {
	const struct cg_validate_opts *o;
	struct cg_runcfg rc;
	char *dir;		/* where the programs are built and run */
	json_t *errors;		/* borrowed; NULL to collect none */
	struct cg_verdict *v;
	struct cg_buf gold, got, want;
};

/*
 * Records a failure of run (-1: of no run in particular): its type and
 * data (stolen) go to the errors, and the first one decides the verdict.
 */
static void
fail(struct semcheck *sc, enum cg_behaviour kind, int run, const char *type,
    json_t *data)
{
	if (sc->v->behaviour == CG_BEHAVES) {
		sc->v->behaviour = kind;
		sc->v->run = run;
		snprintf(sc->v->type, sizeof(sc->v->type), "%s", type);
	}
	if (sc->errors)
		adderr(sc->errors, type, data);
	else
		json_decref(data);
}

/* Builds the unoptimised program (unless its runs are known) and opt. */
static int
buildboth(struct semcheck *sc, const struct cg_buf *unopt,
    const struct cg_buf *opt)
{
	static const char *const san[] = {
		"-fsanitize=address,undefined", "-fno-sanitize-recover=all",
		"-g", NULL
	};
	double secs;

	if (cg_fs_scratch(cg_fs_tmpdir(), "cg-run", &sc->dir) < 0 ||
	    (sc->o->gold == NULL && cg_run_build(&sc->rc, unopt->data,
	    unopt->len, sc->dir, "gold", NULL, &secs) < 0) ||
	    cg_run_build(&sc->rc, opt->data, opt->len, sc->dir, "a.out", NULL,
	    &secs) < 0 || (sc->o->sanitize && cg_run_build(&sc->rc, opt->data,
	    opt->len, sc->dir, "a.san", san, &secs) < 0)) {
		fail(sc, CG_UNTOLD, -1, "Compilation failed",
		    json_pack("{s:s}", "message", cg_errmsg()));
		return -1;
	}
	return 0;
}

/* The unoptimised program's run i into sc->gold: known, or run now. */
static int
goldrun(struct semcheck *sc, size_t i, int *st, double *secs)
{
	const struct cg_gold *g = sc->o->gold;

	cg_buf_reset(&sc->gold);
	if (g == NULL || i >= g->nruns)
		return cg_run_exec(&sc->rc, i, sc->dir, "gold", 0, &sc->gold,
		    st, secs);
	cg_buf_add(&sc->gold, g->run[i].out.data, g->run[i].out.len);
	*st = g->run[i].status;
	*secs = g->run[i].secs;
	return g->run[i].ran ? 0 : -1;
}

/* Runs exe on run i and compares it with the unoptimised program's. */
static void
checkexe(struct semcheck *sc, size_t i, const char *exe, int gst,
    double gsecs)
{
	int cst, run = (int)i, san = strcmp(exe, "a.san") == 0;
	double secs;

	cg_buf_reset(&sc->got);
	/* An optimised program that takes far longer than the unoptimised
	 * one is taken to hang. */
	if (cg_run_exec(&sc->rc, i, sc->dir, exe, 10 + 20 * gsecs, &sc->got,
	    &cst, &secs) < 0)
		fail(sc, CG_MISBEHAVES, run, "Execution timeout",
		    json_pack("{s:i}", "run", run));
	else if (cst != gst)
		fail(sc, CG_MISBEHAVES, run, cst == 139 ? "Segmentation fault" :
		    "Runtime error", json_pack("{s:i,s:i,s:i,s:b}", "run", run,
		    "return_code", cst, "expected_return_code", gst,
		    "sanitized", san));
	else if (sc->got.len != sc->gold.len ||
	    memcmp(sc->got.data, sc->gold.data, sc->gold.len))
		fail(sc, CG_MISBEHAVES, run, "Wrong output",
		    json_pack("{s:i,s:o,s:o,s:b}", "run", run, "expected",
		    str(&sc->gold), "actual", str(&sc->got), "sanitized", san));
}

/* Checks run i: the unoptimised program against its expected output,
 * then the optimised one (and its sanitized build) against it. */
static void
checkrun(struct semcheck *sc, size_t i)
{
	double gsecs;
	int gst, run = (int)i;

	if (goldrun(sc, i, &gst, &gsecs) < 0) {
		fail(sc, CG_UNTOLD, run, "Gold standard: Execution timeout",
		    json_pack("{s:i}", "run", run));
		return;
	}
	cg_buf_reset(&sc->want);
	if (cg_run_expected(&sc->rc, i, &sc->want) == 0 &&
	    (sc->want.len != sc->gold.len ||
	    memcmp(sc->want.data, sc->gold.data, sc->gold.len)))
		fail(sc, CG_UNTOLD, run, "Gold standard: Wrong output",
		    json_pack("{s:i,s:o,s:o}", "run", run, "expected",
		    str(&sc->want), "actual", str(&sc->gold)));
	checkexe(sc, i, "a.out", gst, gsecs);
	if (sc->o->sanitize)
		checkexe(sc, i, "a.san", gst, gsecs);
}

enum cg_behaviour
cg_validate_semantics(const struct cg_state *st, const struct cg_buf *unopt,
    const struct cg_buf *opt, const struct cg_validate_opts *o,
    json_t *errors, struct cg_verdict *v)
{
	struct cg_bench b = cg_bench_of(st);
	struct cg_verdict mine;
	struct semcheck sc;
	size_t i;
	int r;

	memset(&sc, 0, sizeof(sc));
	sc.o = o;
	sc.errors = errors;
	sc.v = v ? v : &mine;
	sc.v->behaviour = CG_BEHAVES;
	sc.v->run = -1;
	sc.v->type[0] = '\0';
	if ((r = cg_run_load(&b, &sc.rc)) > 0)
		return sc.v->behaviour = CG_NOT_RUN;	/* as CompilerGym */
	if (r < 0) {
		fail(&sc, CG_UNTOLD, -1, "Bad run configuration",
		    json_pack("{s:s}", "message", cg_errmsg()));
		return sc.v->behaviour;
	}
	if (buildboth(&sc, unopt, opt) == 0)
		for (i = 0; i < sc.rc.nruns; i++) {
			if (o->first && sc.v->behaviour != CG_BEHAVES)
				break;
			if (o->only && i != (size_t)o->only - 1)
				continue;
			checkrun(&sc, i);
		}
	if (sc.dir) {
		cg_fs_unscratch(sc.dir);
		free(sc.dir);
	}
	cg_run_release(&sc.rc);
	cg_buf_release(&sc.gold);
	cg_buf_release(&sc.got);
	cg_buf_release(&sc.want);
	return sc.v->behaviour;
}

/*
 * The numbers a state claims (costs or baselines) that the replay
 * measured too must be the same; run times vary, and the linked text
 * size depends on the machine's C library, so those are not compared.
 */
static void
checknumbers(json_t *claimed, json_t *replayed, const char *type,
    json_t *errors)
{
	const char *k;
	json_t *v, *w;

	json_object_foreach(claimed, k, v) {
		if (strstr(k, "Runtime") || strncmp(k, "TextSize", 8) == 0 ||
		    (w = json_object_get(replayed, k)) == NULL)
			continue;
		if (json_number_value(v) != json_number_value(w))
			adderr(errors, type, json_pack("{s:s,s:O,s:O}", "name",
			    k, "expected", v, "actual", w));
	}
}

/*
 * Replays st into *r from its benchmark, reset into *start; 1 when it
 * replayed, 0 when not (the errors say why).
 */
static int
replay(const struct cg_state *st, const struct cg_validate_opts *o,
    struct cg_state *start, struct cg_state *r, json_t *errors)
{
	struct cg_step_opts so = { .timeout = o->timeout };
	struct cg_bench bench = cg_bench_of(st);
	char *why;

	if (cg_episode_reset(start, &bench, st->reward_space, st->space,
	    o->timeout) < 0) {
		adderr(errors, "Action replay failed", json_pack("{s:s}",
		    "exception", cg_errmsg()));
		return 0;
	}
	why = st->build && start->build ? cg_build_diff(st->build,
	    start->build) : NULL;
	if (why)
		adderr(errors, "Benchmark changed", json_pack("{s:s}",
		    "message", why));
	free(why);
	cg_state_copy(r, start);
	if (cg_episode_step(r, st->actions, st->nactions, &so) < 0) {
		adderr(errors, "Action replay failed", json_pack("{s:s}",
		    "exception", cg_errmsg()));
		return 0;
	}
	return 1;
}

/* The claimed episode reward against the replayed one (r, or NULL). */
static void
checkreward(const struct cg_state *st, const struct cg_state *r,
    json_t *errors)
{
	double x = st->episode_reward, y;
	char msg[128];

	if (!st->has_episode_reward)
		return;
	if (!isfinite(x)) {
		adderr(errors, "Expected reward is not finite",
		    json_pack("{s:s}", "expected_reward", isnan(x) ? "nan" :
		    x > 0 ? "inf" : "-inf"));
		return;
	}
	if (r == NULL || st->reward_space == NULL)
		return;
	/* CompilerGym's tolerance: relative 1e-5, absolute 1e-10. */
	y = r->episode_reward;
	if (fabs(x - y) <= fmax(1e-5 * fmax(fabs(x), fabs(y)), 1e-10))
		return;
	snprintf(msg, sizeof(msg), "Expected reward %.4f but received reward "
	    "%.4f", x, y);
	adderr(errors, msg, json_pack("{s:f,s:f}", "expected_reward", x,
	    "actual_reward", y));
}

/* The module: the state's bitcode must be the replay's. */
static void
checkmodule(const struct cg_state *st, const struct cg_state *r,
    json_t *errors)
{
	char a[41], b[41];

	if (st->bitcode.len == 0)
		return;
	cg_sha1_hex(st->bitcode.data, st->bitcode.len, a);
	cg_sha1_hex(r->bitcode.data, r->bitcode.len, b);
	if (strcmp(a, b) != 0)
		adderr(errors, "IrSha1 mismatch", json_pack("{s:s,s:s}",
		    "expected", a, "actual", b));
}

json_t *
cg_validate_state(const struct cg_state *st, const struct cg_validate_opts *o)
{
	struct cg_state r, start;
	struct cg_buf cmd = CG_BUF_INIT;
	json_t *res = json_object(), *errors = json_array();
	double t0 = cg_now();
	int replayed, checked = 0;

	cg_state_init(&r);
	cg_state_init(&start);
	cg_validate_commandline(st, &cmd);
	replayed = replay(st, o, &start, &r, errors);
	checkreward(st, replayed ? &r : NULL, errors);
	if (replayed) {
		checknumbers(st->costs, r.costs, "Cost mismatch", errors);
		checknumbers(st->baselines, start.baselines,
		    "Baseline mismatch", errors);
		checkmodule(st, &r, errors);
	}
	if (replayed && o->semantics)
		checked = cg_validate_semantics(st, &start.bitcode, &r.bitcode,
		    o, errors, NULL) != CG_NOT_RUN;
	json_object_set_new(res, "benchmark", json_string(st->benchmark));
	json_object_set_new(res, "reward_space", st->reward_space ?
	    json_string(st->reward_space) : json_null());
	json_object_set_new(res, "reward", replayed && st->reward_space &&
	    r.has_episode_reward ? json_real(r.episode_reward) : json_null());
	json_object_set_new(res, "expected_reward", st->has_episode_reward ?
	    json_real(st->episode_reward) : json_null());
	json_object_set_new(res, "semantics_validated", json_boolean(checked));
	json_object_set_new(res, "commandline", json_stringn((char *)cmd.data,
	    cmd.len));
	json_object_set_new(res, "walltime", json_real(cg_now() - t0));
	json_object_set_new(res, "valid", json_boolean(json_array_size(errors)
	    == 0));
	json_object_set_new(res, "errors", errors);
	cg_buf_release(&cmd);
	cg_state_release(&r);
	cg_state_release(&start);
	return res;
}

/* Splits one CSV record (RFC 4180 quoting) into at most 8 fields. */
static int
csvsplit(char *line, char **f, int max)
{
	char *r = line, *w;
	int n = 0;

	line[strcspn(line, "\r\n")] = '\0';
	while (n < max) {
		f[n++] = w = r;
		if (*r == '"') {
			r++;
			for (;;) {
				if (*r == '\0')
					return -1;
				if (*r == '"' && r[1] == '"')
					*w++ = '"', r += 2;
				else if (*r == '"') {
					r++;
					break;
				} else
					*w++ = *r++;
			}
			if (*r != ',' && *r != '\0')
				return -1;
		} else
			while (*r && *r != ',')
				*w++ = *r++;
		if (*r == '\0') {
			*w = '\0';
			return n;
		}
		*w = '\0';
		r++;
	}
	return -1;
}

/* Adds the action named name (of len bytes) to st. */
static int
addaction(struct cg_state *st, const char *name, size_t len)
{
	char *s = cg_asprintf("%.*s", (int)len, name);
	int k = cg_space_find(st->space, s);

	if (k < 0)
		cg_error(CG_EXIT_DATA, "%s", cg_errmsg());
	else
		cg_state_add_action(st, k);
	free(s);
	return k < 0 ? -1 : 0;
}

/*
 * The actions of -passes='A,B,...' (quotes optional): the pipeline split
 * at its commas outside <> and (), each an action of PassesLlvm19.
 */
static int
parsepasses(struct cg_state *st, const char *p)
{
	char *text = cg_asprintf("%.*s", (int)strcspn(p + (*p == '\''),
	    "' \t"), p + (*p == '\''));
	const char *q = text, *e;
	size_t len;
	int r = 0;

	st->space = cg_space_lookup("PassesLlvm19");
	while (r == 0 && (len = cg_action_next(&q, &e)) > 0)
		r = addaction(st, e, len);
	free(text);
	return r;
}

static int
parsecmd(struct cg_state *st, const char *cmd)
{
	char *s = cg_strdup(cmd), *p = s, *tok, *end;
	size_t len;
	int r = 0;

	p += strspn(p, " \t");
	if (strncmp(p, "opt", 3) == 0 && (p[3] == ' ' || p[3] == '\t' ||
	    p[3] == '\0'))
		p += 3;
	len = strlen(p);
	end = "input.bc -o output.bc";
	if (len >= strlen(end) && strcmp(p + len - strlen(end), end) == 0)
		p[len - strlen(end)] = '\0';
	p += strspn(p, " \t");
	if (strncmp(p, "-passes=", 8) == 0)
		r = parsepasses(st, p + 8);
	else
		for (tok = strtok(p, " \t"); tok && r == 0;
		    tok = strtok(NULL, " \t"))
			r = addaction(st, tok, strlen(tok));
	free(s);
	return r;
}

int
cg_validate_read_csv(FILE *fp, const char *reward_space,
    struct cg_state **states)
{
	static const char *const names[4] = {
		"benchmark", "reward", "walltime", "commandline"
	};
	struct cg_buf b = CG_BUF_INIT;
	char *line, *f[8];
	size_t n = 0, lineno = 0;
	int col[4] = { 0, 1, 2, 3 }, i, k, nf, seen = 0, r, complete;
	struct cg_state *st = NULL;

	*states = NULL;
	while ((r = cg_state_getline(fp, &b, &complete)) > 0) {
		lineno++;
		line = (char *)b.data;
		if (memchr(line, '\0', b.len)) {
			cg_error(CG_EXIT_DATA, "CSV line %zu: a NUL byte",
			    lineno);
			goto fail;
		}
		if (line[strspn(line, " \t\r\n")] == '\0')
			continue;
		nf = csvsplit(line, f, 8);
		if (nf != 4) {
			cg_error(CG_EXIT_DATA, "CSV line %zu: expected 4 columns",
			    lineno);
			goto fail;
		}
		if (n == 0 && !seen) {
			int found = 0;
			for (i = 0; i < 4; i++)
				for (k = 0; k < 4; k++)
					if (strcasecmp(f[i], names[k]) == 0)
						col[k] = i, found++;
			seen = 1;
			if (found == 4)
				continue;
			for (k = 0; k < 4; k++)
				col[k] = k;
		}
		st = cg_realloc(st, (n + 1) * sizeof(*st));
		cg_state_init(&st[n]);
		n++;
		st[n - 1].benchmark = cg_strdup(f[col[0]]);
		st[n - 1].reward_space = cg_strdup(reward_space);
		if (*f[col[1]]) {
			char *end;
			st[n - 1].episode_reward = strtod(f[col[1]], &end);
			st[n - 1].has_episode_reward = 1;
			if (*end) {
				cg_error(CG_EXIT_DATA, "CSV line %zu: bad reward "
				    "'%s'", lineno, f[col[1]]);
				goto fail;
			}
		}
		st[n - 1].walltime = *f[col[2]] ? strtod(f[col[2]], NULL) : 0;
		if (parsecmd(&st[n - 1], f[col[3]]) < 0) {
			cg_error_prefix("CSV line %zu", lineno);
			goto fail;
		}
	}
	if (r < 0)
		goto fail;
	cg_buf_release(&b);
	*states = st;
	return (int)n;
fail:
	cg_buf_release(&b);
	while (n > 0)
		cg_state_release(&st[--n]);
	free(st);
	return -1;
}

/* A CSV field, quoted when it has to be. */
static void
csvfield(struct cg_buf *out, const char *s)
{
	const char *p;

	if (strpbrk(s, ",\"\r\n") == NULL) {
		cg_buf_addstr(out, s);
		return;
	}
	cg_buf_addstr(out, "\"");
	for (p = s; *p; p++) {
		if (*p == '"')
			cg_buf_addstr(out, "\"");
		cg_buf_add(out, p, 1);
	}
	cg_buf_addstr(out, "\"");
}

void
cg_validate_csv_row(const struct cg_state *st, int header, struct cg_buf *out)
{
	struct cg_buf cmd = CG_BUF_INIT;

	if (header)
		cg_buf_addstr(out, "benchmark,reward,walltime,commandline\n");
	csvfield(out, st->benchmark);
	cg_buf_addstr(out, ",");
	if (st->has_episode_reward)
		cg_json_real(out, st->episode_reward);
	cg_buf_addstr(out, ",");
	cg_json_real(out, st->walltime);
	cg_buf_addstr(out, ",");
	cg_validate_commandline(st, &cmd);
	cg_buf_add(&cmd, "", 1);
	csvfield(out, (const char *)cmd.data);
	cg_buf_addstr(out, "\n");
	cg_buf_release(&cmd);
}
