#include <stdlib.h>
#include <string.h>

#include "cg_cpuinfo.h"
#include "cg_dot.h"
#include "cg_error.h"
#include "cg_features.h"
#include "cg_json.h"
#include "cg_lexir.h"
#include "cg_module.h"
#include "cg_obs.h"
#include "cg_programl.h"
#include "cg_run.h"
#include "cg_sha1.h"

static int
obs_ir(const struct cg_obs *o, const struct cg_state *st,
    const struct cg_obs_ctx *ctx, LLVMModuleRef m, struct cg_buf *out)
{
	(void)o, (void)st;
	cg_module_print(m, out);
	return 0;
}

/* IrSha1: the SHA-1 of the module's bitcode as the state carries it. */
static int
obs_sha1(const struct cg_obs *o, const struct cg_state *st,
    const struct cg_obs_ctx *ctx, LLVMModuleRef m, struct cg_buf *out)
{
	char hex[41];

	(void)o, (void)m;
	cg_sha1_hex(st->bitcode.data, st->bitcode.len, hex);
	cg_buf_addstr(out, hex);
	return 0;
}

/*
 * Commandline: the opt-19 command that turns the benchmark's starting
 * module, input.bc, into the state's, output.bc, byte for byte: one opt-19
 * per action (a pipeline of several is not the same as the actions one
 * after the other), each reading the one before.
 */
static int
obs_commandline(const struct cg_obs *o, const struct cg_state *st,
    const struct cg_obs_ctx *ctx, LLVMModuleRef m, struct cg_buf *out)
{
	struct cg_buf cmd = CG_BUF_INIT;
	const struct cg_action *a;
	size_t i;
	int t;

	(void)o, (void)ctx, (void)m;
	if (st->nactions == 0)
		cg_buf_addstr(&cmd, "cp input.bc output.bc");
	for (i = 0; i < st->nactions; i++) {
		a = cg_space_action(st->space, st->actions[i]);
		cg_buf_addf(&cmd, "%sopt-19 --discard-value-names "
		    "--preserve-bc-uselistorder=false ", i ? " | " : "");
		if (cg_action_threshold(a, &t))
			cg_buf_addf(&cmd, "-inline-threshold=%d "
			    "-inlinecold-threshold=45 ", t);
		cg_buf_addf(&cmd, "-passes='%s' %s-o %s",
		    cg_action_pipeline(a), i ? "" : "input.bc ",
		    i + 1 < st->nactions ? "-" : "output.bc");
	}
	cg_json_string(out, (const char *)cmd.data, cmd.len);
	cg_buf_release(&cmd);
	return 0;
}

static int
obs_bitcode(const struct cg_obs *o, const struct cg_state *st,
    const struct cg_obs_ctx *ctx, LLVMModuleRef m, struct cg_buf *out)
{
	(void)o, (void)m;
	cg_buf_add(out, st->bitcode.data, st->bitcode.len);
	return 0;
}

static int
obs_cost(const struct cg_obs *o, const struct cg_state *st,
    const struct cg_obs_ctx *ctx, LLVMModuleRef m, struct cg_buf *out)
{
	double v;

	(void)st;
	if (cg_obs_measure(o->name, ctx, m, &v) < 0)
		return -1;
	cg_buf_addf(out, "%.0f", v);
	return 0;
}

/* The run configuration of ctx's benchmark; an error if there is none. */
static int
runcfg(const struct cg_obs_ctx *ctx, struct cg_runcfg *rc)
{
	int r;

	if (ctx == NULL || ctx->bench.uri == NULL)
		return cg_error(CG_EXIT_FAILURE, "no benchmark to build");
	if ((r = cg_run_load(&ctx->bench, rc)) > 0)
		return cg_error(CG_EXIT_DATA, "benchmark '%s' has no run "
		    "configuration to build and run", ctx->bench.uri);
	return r;
}

/* Builds m (*build gets the time) and times count runs into times. */
static int
runtimes(const struct cg_obs_ctx *ctx, LLVMModuleRef m, long count,
    double *build, double *times)
{
	struct cg_runcfg rc;
	struct cg_buf bc = CG_BUF_INIT;
	int r;

	if (runcfg(ctx, &rc) < 0)
		return -1;
	cg_module_write(m, &bc);
	r = cg_run_measure(&rc, bc.data, bc.len, ctx->warmup, count, build,
	    times);
	cg_buf_release(&bc);
	cg_run_release(&rc);
	return r;
}

/* TextSizeBytes: the linked program's, or the object's without one. */
static int
textsize(const struct cg_obs_ctx *ctx, LLVMModuleRef m, double *value)
{
	struct cg_runcfg rc;
	struct cg_buf bc = CG_BUF_INIT;
	long v;
	int r;

	if (ctx == NULL || ctx->bench.uri == NULL)
		return cg_error(CG_EXIT_FAILURE, "TextSizeBytes needs the "
		    "episode's benchmark");
	if ((r = cg_run_load(&ctx->bench, &rc)) < 0)
		return -1;
	if (r > 0)
		v = cg_module_objtext(m);	/* as CompilerGym falls back */
	else {
		cg_module_write(m, &bc);
		if (cg_run_textsize(&rc, bc.data, bc.len, &v) < 0)
			v = -1;
		cg_buf_release(&bc);
		cg_run_release(&rc);
	}
	*value = (double)v;
	return v < 0 ? -1 : 0;
}

static int
cmpdouble(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Runtime as a cost: the median of the runs, as numpy.median. */
static int
runtime(const struct cg_obs_ctx *ctx, LLVMModuleRef m, double *value)
{
	double build, *t;
	long n = ctx && ctx->runtime_count > 0 ? ctx->runtime_count : 1;

	t = cg_calloc((size_t)n, sizeof(*t));
	if (runtimes(ctx, m, n, &build, t) < 0) {
		free(t);
		return -1;
	}
	qsort(t, (size_t)n, sizeof(*t), cmpdouble);
	*value = n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2;
	free(t);
	return 0;
}

/* IsBuildable and IsRunnable: the benchmark has a run configuration. */
static int
obs_runnable(const struct cg_obs *o, const struct cg_state *st,
    const struct cg_obs_ctx *ctx, LLVMModuleRef m, struct cg_buf *out)
{
	struct cg_runcfg rc;
	struct cg_bench b = cg_bench_of(st);
	int r;

	if ((r = cg_run_load(&b, &rc)) < 0)
		return -1;
	if (r == 0)
		cg_run_release(&rc);
	cg_buf_addstr(out, r == 0 ? "1" : "0");
	return 0;
}

/* Buildtime: [seconds]; Runtime: [seconds, ...] of runtime_count runs. */
static int
obs_times(const struct cg_obs *o, const struct cg_state *st,
    const struct cg_obs_ctx *ctx, LLVMModuleRef m, struct cg_buf *out)
{
	long i, n = strcmp(o->name, "Runtime") == 0 ? ctx->runtime_count : 0;
	double build, *t = cg_calloc((size_t)n + 1, sizeof(*t));

	if (runtimes(ctx, m, n, &build, t) < 0) {
		free(t);
		return -1;
	}
	if (n == 0)
		t[n++] = build;
	cg_buf_addstr(out, "[");
	for (i = 0; i < n; i++) {
		if (i)
			cg_buf_addstr(out, ",");
		cg_json_real(out, t[i]);
	}
	cg_buf_addstr(out, "]");
	free(t);
	return 0;
}

static int
obs_baseline(const struct cg_obs *o, const struct cg_state *st,
    const struct cg_obs_ctx *ctx, LLVMModuleRef m, struct cg_buf *out)
{
	double v;

	(void)m;
	if (cg_state_number(st->baselines, o->name, &v) < 0)
		return cg_error(CG_EXIT_DATA,
		    "state has no baseline '%s'", o->name);
	cg_buf_addf(out, "%.0f", v);
	return 0;
}

/* Shortest text that reads back as the same float. */
static void
addfloat(struct cg_buf *out, float f)
{
	char tmp[32];
	int prec;

	for (prec = 1; prec <= 9; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*g", prec, (double)f);
		if (strtof(tmp, NULL) == f)
			break;
	}
	cg_buf_addstr(out, tmp);
	if (strpbrk(tmp, ".e") == NULL)
		cg_buf_addstr(out, ".0");
}

/*
 * The feature spaces.  arg says which vector and how: "InstCount",
 * "InstCountDict", "InstCountNorm", "InstCountNormDict", "Autophase",
 * "AutophaseDict".
 */
static int
obs_features(const struct cg_obs *o, const struct cg_state *st,
    const struct cg_obs_ctx *ctx, LLVMModuleRef m, struct cg_buf *out)
{
	int64_t v[CG_INSTCOUNT_N];
	const char *(*name)(int);
	int isdict = strstr(o->name, "Dict") != NULL;
	int isnorm = strstr(o->name, "Norm") != NULL;
	int n, i, first = 1;

	(void)st;
	if (strncmp(o->name, "Autophase", 9) == 0) {
		cg_features_autophase(m, v);
		n = CG_AUTOPHASE_N;
		name = cg_features_autophase_name;
	} else {
		cg_features_instcount(m, v);
		n = CG_INSTCOUNT_N;
		name = cg_features_instcount_name;
	}
	cg_buf_addstr(out, isdict ? "{" : "[");
	/* InstCountNorm: features 1.. divided by TotalInsts (float32). */
	for (i = isnorm ? 1 : 0; i < n; i++) {
		if (!first)
			cg_buf_addstr(out, ",");
		first = 0;
		if (isdict) {
			cg_buf_addf(out, "\"%s%s\":", name(i),
			    isnorm ? "Density" : name == cg_features_instcount_name ? "Count" : "");
		}
		if (isnorm)
			addfloat(out, (float)v[i] / (float)(v[0] > 1 ? v[0] : 1));
		else
			cg_buf_addf(out, "%lld", (long long)v[i]);
	}
	cg_buf_addstr(out, isdict ? "}" : "]");
	return 0;
}

static int
obs_programl(const struct cg_obs *o, const struct cg_state *st,
    const struct cg_obs_ctx *ctx, LLVMModuleRef m, struct cg_buf *out)
{
	(void)o, (void)st;
	return cg_programl_json(m, out);
}

static int
obs_programldot(const struct cg_obs *o, const struct cg_state *st,
    const struct cg_obs_ctx *ctx, LLVMModuleRef m, struct cg_buf *out)
{
	(void)o, (void)st;
	return cg_dot_programl(m, ctx ? ctx->function : NULL, out);
}

static int
obs_cfgdot(const struct cg_obs *o, const struct cg_state *st,
    const struct cg_obs_ctx *ctx, LLVMModuleRef m, struct cg_buf *out)
{
	(void)o, (void)st;
	return cg_dot_cfg(m, ctx && ctx->function ? ctx->function : "main",
	    out);
}

/* LexedIr and Inst2vecPreprocessedText work on the IR text. */
static int
obs_lexed(const struct cg_obs *o, const struct cg_state *st,
    const struct cg_obs_ctx *ctx, LLVMModuleRef m, struct cg_buf *out)
{
	struct cg_buf ir = CG_BUF_INIT;
	int r;

	(void)st;
	cg_module_print(m, &ir);
	if (strcmp(o->name, "LexedIr") == 0)
		r = cg_lexir_json((const char *)ir.data, ir.len, out);
	else
		r = cg_lexir_inst2vec((const char *)ir.data, ir.len, out);
	cg_buf_release(&ir);
	return r;
}

static int
obs_cpuinfo(const struct cg_obs *o, const struct cg_state *st,
    const struct cg_obs_ctx *ctx, LLVMModuleRef m, struct cg_buf *out)
{
	(void)o, (void)st, (void)m;
	return cg_cpuinfo_json(out);
}

static const struct cg_obs spaces[] = {
	{ "Ir", CG_OBS_TEXT, "str", obs_ir, 1, NULL },
	{ "IrSha1", CG_OBS_TEXT, "str[40]", obs_sha1, 0, NULL },
	{ "Bitcode", CG_OBS_BYTES, "bytes", obs_bitcode, 0, NULL },
	{ "Commandline", CG_OBS_JSON, "str", obs_commandline, 0, NULL },
	{ "IrInstructionCount", CG_OBS_JSON, "int", obs_cost, 1, NULL },
	{ "IrInstructionCountO0", CG_OBS_JSON, "int", obs_baseline, 0, NULL },
	{ "IrInstructionCountO3", CG_OBS_JSON, "int", obs_baseline, 0, NULL },
	{ "IrInstructionCountOz", CG_OBS_JSON, "int", obs_baseline, 0, NULL },
	{ "InstCount", CG_OBS_JSON, "int64[70]", obs_features, 1, NULL },
	{ "InstCountDict", CG_OBS_JSON, "dict[70]", obs_features, 1, NULL },
	{ "InstCountNorm", CG_OBS_JSON, "float32[69]", obs_features, 1, NULL },
	{ "InstCountNormDict", CG_OBS_JSON, "dict[69]", obs_features, 1,
	    NULL },
	{ "Autophase", CG_OBS_JSON, "int64[56]", obs_features, 1, NULL },
	{ "AutophaseDict", CG_OBS_JSON, "dict[56]", obs_features, 1, NULL },
	{ "ObjectTextSizeBytes", CG_OBS_JSON, "int", obs_cost, 1, NULL },
	{ "ObjectTextSizeO0", CG_OBS_JSON, "int", obs_baseline, 0, NULL },
	{ "ObjectTextSizeO3", CG_OBS_JSON, "int", obs_baseline, 0, NULL },
	{ "ObjectTextSizeOz", CG_OBS_JSON, "int", obs_baseline, 0, NULL },
	{ "TextSizeBytes", CG_OBS_JSON, "int", obs_cost, 1, NULL },
	{ "TextSizeO0", CG_OBS_JSON, "int", obs_baseline, 0, NULL },
	{ "TextSizeO3", CG_OBS_JSON, "int", obs_baseline, 0, NULL },
	{ "TextSizeOz", CG_OBS_JSON, "int", obs_baseline, 0, NULL },
	{ "IsBuildable", CG_OBS_JSON, "int", obs_runnable, 0, NULL },
	{ "IsRunnable", CG_OBS_JSON, "int", obs_runnable, 0, NULL },
	{ "Runtime", CG_OBS_JSON, "float64[N]", obs_times, 1, NULL },
	{ "Buildtime", CG_OBS_JSON, "float64[1]", obs_times, 1, NULL },
	{ "Programl", CG_OBS_JSON, "graph", obs_programl, 1, NULL },
	{ "ProgramlJson", CG_OBS_JSON, "graph", obs_programl, 1, NULL },
	{ "ProgramlDot", CG_OBS_TEXT, "dot", obs_programldot, 1, NULL },
	{ "CfgDot", CG_OBS_TEXT, "dot", obs_cfgdot, 1, NULL },
	{ "LexedIr", CG_OBS_JSON, "dict[4]", obs_lexed, 1, NULL },
	{ "Inst2vecPreprocessedText", CG_OBS_JSON, "str[]", obs_lexed, 1,
	    NULL },
	{ "CpuInfo", CG_OBS_JSON, "dict", obs_cpuinfo, 0, NULL },
};

const struct cg_obs *
cg_obs_get(int i)
{
	if (i < 0 || (size_t)i >= sizeof(spaces) / sizeof(spaces[0]))
		return NULL;
	return &spaces[i];
}

const struct cg_obs *
cg_obs_lookup(const char *name)
{
	const struct cg_obs *o;
	int i;

	for (i = 0; (o = cg_obs_get(i)) != NULL; i++)
		if (strcmp(o->name, name) == 0)
			return o;
	cg_error(CG_EXIT_USAGE, "unknown observation space '%s'", name);
	return NULL;
}

int
cg_obs_cost(const char *name, LLVMModuleRef m, double *value)
{
	return cg_obs_measure(name, NULL, m, value);
}

int
cg_obs_measure(const char *name, const struct cg_obs_ctx *ctx,
    LLVMModuleRef m, double *value)
{
	long v;

	if (strcmp(name, "IrInstructionCount") == 0) {
		*value = (double)cg_module_instcount(m);
		return 0;
	}
	if (strcmp(name, "ObjectTextSizeBytes") == 0) {
		if ((v = cg_module_objtext(m)) < 0)
			return -1;
		*value = (double)v;
		return 0;
	}
	if (strcmp(name, "TextSizeBytes") == 0)
		return textsize(ctx, m, value);
	if (strcmp(name, "Runtime") == 0)
		return runtime(ctx, m, value);
	return cg_error(CG_EXIT_FAILURE, "unknown cost '%s'", name);
}
