#include <errno.h>
#include <stdio.h>
#include <sys/types.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cg_action.h"
#include "cg_base64.h"
#include "cg_error.h"
#include "cg_json.h"
#include "cg_reward.h"
#include "cg_state.h"

void
cg_state_init(struct cg_state *st)
{
	memset(st, 0, sizeof(*st));
	st->space = cg_space_default();
	st->changed = -1;
	st->baselines = json_object();
	st->costs = json_object();
	st->extra = json_object();
}

void
cg_state_release(struct cg_state *st)
{
	free(st->benchmark);
	free(st->actions);
	free(st->reward_space);
	free(st->error);
	json_decref(st->baselines);
	json_decref(st->costs);
	json_decref(st->build);
	json_decref(st->run);
	json_decref(st->extra);
	cg_buf_release(&st->bitcode);
	memset(st, 0, sizeof(*st));
	st->space = cg_space_default();
	st->changed = -1;
}

static char *
dupornull(const char *s)
{
	return s ? cg_strdup(s) : NULL;
}

void
cg_state_copy(struct cg_state *dst, const struct cg_state *src)
{
	cg_state_release(dst);
	*dst = *src;
	dst->benchmark = dupornull(src->benchmark);
	dst->reward_space = dupornull(src->reward_space);
	dst->error = dupornull(src->error);
	dst->actions = cg_malloc(src->nactions * sizeof(int));
	if (src->nactions)
		memcpy(dst->actions, src->actions, src->nactions * sizeof(int));
	dst->capactions = src->nactions;
	dst->baselines = json_deep_copy(src->baselines);
	dst->costs = json_deep_copy(src->costs);
	dst->build = src->build ? json_deep_copy(src->build) : NULL;
	dst->run = src->run ? json_deep_copy(src->run) : NULL;
	dst->extra = json_deep_copy(src->extra);
	memset(&dst->bitcode, 0, sizeof(dst->bitcode));
	cg_buf_add(&dst->bitcode, src->bitcode.data, src->bitcode.len);
}

void
cg_state_add_action(struct cg_state *st, int index)
{
	if (st->nactions == st->capactions) {
		st->capactions = st->capactions ? 2 * st->capactions : 16;
		st->actions = cg_realloc(st->actions,
		    st->capactions * sizeof(int));
	}
	st->actions[st->nactions++] = index;
}

void
cg_state_set_error(struct cg_state *st, const char *msg)
{
	free(st->error);
	st->error = cg_strdup(msg);
	st->done = 1;
}

int
cg_state_number(json_t *obj, const char *name, double *v)
{
	json_t *x = json_object_get(obj, name);

	if (!json_is_number(x))
		return -1;
	*v = json_number_value(x);
	return 0;
}

static int
bad(const char *what)
{
	return cg_error(CG_EXIT_DATA, "bad state: %s", what);
}

static int
numbers_only(json_t *obj)
{
	const char *k;
	json_t *v;

	json_object_foreach(obj, k, v)
		if (!json_is_number(v))
			return 0;
	return 1;
}

/* A number or null: 1 with *v set, 0 for null or absent, -1 if neither. */
static int
optnumber(json_t *o, const char *name, double *v)
{
	json_t *x = json_object_get(o, name);
	char msg[64];

	if (json_is_number(x)) {
		*v = json_number_value(x);
		return 1;
	}
	if (x && !json_is_null(x)) {
		snprintf(msg, sizeof(msg), "\"%s\" is not a number or null",
		    name);
		return bad(msg);
	}
	return 0;
}

/* An object of numbers, merged into into, if present. */
static int
numbers(json_t *o, const char *name, json_t *into)
{
	json_t *v = json_object_get(o, name);
	char msg[64];

	if (v == NULL)
		return 0;
	if (!json_is_object(v) || !numbers_only(v)) {
		snprintf(msg, sizeof(msg), "\"%s\" is not an object of numbers",
		    name);
		return bad(msg);
	}
	json_object_update(into, v);
	return 0;
}

/* An object or null: *into gets a reference to the object. */
static int
optobject(json_t *o, const char *name, json_t **into)
{
	json_t *v = json_object_get(o, name);
	char msg[64];

	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_object(v)) {
		snprintf(msg, sizeof(msg), "\"%s\" is not an object or null",
		    name);
		return bad(msg);
	}
	*into = json_incref(v);
	return 0;
}

/* format, benchmark, action_space and actions. */
static int
takeepisode(struct cg_state *st, json_t *o)
{
	json_t *v, *a;
	size_t i;
	int k;

	v = json_object_get(o, "format");
	if (!json_is_string(v))
		return bad("no \"format\" field");
	if (strcmp(json_string_value(v), CG_STATE_FORMAT) != 0)
		return cg_error(CG_EXIT_DATA,
		    "unsupported state format '%s' (expected '%s')",
		    json_string_value(v), CG_STATE_FORMAT);
	v = json_object_get(o, "benchmark");
	if (!json_is_string(v))
		return bad("\"benchmark\" is not a string");
	st->benchmark = cg_strdup(json_string_value(v));
	v = json_object_get(o, "action_space");
	if (v && !json_is_string(v))
		return bad("\"action_space\" is not a string");
	if (v && (st->space = cg_space_lookup(json_string_value(v))) == NULL)
		return cg_error(CG_EXIT_DATA, "bad state: %s", cg_errmsg());
	a = json_object_get(o, "actions");
	if (!json_is_array(a))
		return bad("\"actions\" is not an array");
	json_array_foreach(a, i, v) {
		if (!json_is_string(v))
			return bad("an action is not a string");
		if ((k = cg_space_find(st->space, json_string_value(v))) < 0)
			return cg_error(CG_EXIT_DATA, "bad state: %s",
			    cg_errmsg());
		cg_state_add_action(st, k);
	}
	return 0;
}

/* reward_space, reward, episode_reward, done and error. */
static int
takereward(struct cg_state *st, json_t *o)
{
	json_t *v = json_object_get(o, "reward_space");
	int r;

	if (json_is_string(v)) {
		if (cg_reward_lookup(json_string_value(v)) == NULL)
			return cg_error(CG_EXIT_DATA,
			    "bad state: unknown reward space '%s'",
			    json_string_value(v));
		st->reward_space = cg_strdup(json_string_value(v));
	} else if (v && !json_is_null(v))
		return bad("\"reward_space\" is not a string or null");
	if ((r = optnumber(o, "reward", &st->reward)) < 0)
		return -1;
	st->has_reward = r;
	if ((r = optnumber(o, "episode_reward", &st->episode_reward)) < 0)
		return -1;
	st->has_episode_reward = r;
	v = json_object_get(o, "done");
	if (v && !json_is_boolean(v))
		return bad("\"done\" is not a boolean");
	st->done = json_is_true(v);
	v = json_object_get(o, "changed");
	if (v && !json_is_boolean(v) && !json_is_null(v))
		return bad("\"changed\" is not a boolean or null");
	st->changed = json_is_boolean(v) ? json_is_true(v) : -1;
	v = json_object_get(o, "error");
	if (json_is_string(v))
		st->error = cg_strdup(json_string_value(v));
	else if (v && !json_is_null(v))
		return bad("\"error\" is not a string or null");
	return 0;
}

/* The module. */
static int
takebitcode(struct cg_state *st, json_t *o)
{
	json_t *v = json_object_get(o, "bitcode");

	if (!json_is_string(v))
		return bad("\"bitcode\" is not a string");
	if (cg_base64_decode(&st->bitcode, json_string_value(v),
	    json_string_length(v)) < 0)
		return cg_error_prefix("bad state");
	if (st->bitcode.len == 0)
		return bad("\"bitcode\" is empty");
	return 0;
}

/* Reads the known fields out of o, leaving unknown ones in o. */
static int
take(struct cg_state *st, json_t *o)
{
	static const char *const known[] = {
		"format", "benchmark", "action_space", "actions",
		"reward_space", "reward", "episode_reward", "done", "changed",
		"error", "baselines", "costs", "walltime", "build", "run",
		"bitcode"
	};
	double wall = 0;
	size_t i;

	if (takeepisode(st, o) < 0 || takereward(st, o) < 0 ||
	    numbers(o, "baselines", st->baselines) < 0 ||
	    numbers(o, "costs", st->costs) < 0)
		return -1;
	if (json_object_get(o, "walltime") &&
	    !json_is_number(json_object_get(o, "walltime")) &&
	    !json_is_null(json_object_get(o, "walltime")))
		return bad("\"walltime\" is not a number");
	if (optnumber(o, "walltime", &wall) > 0)
		st->walltime = wall;
	if (optobject(o, "build", &st->build) < 0 ||
	    optobject(o, "run", &st->run) < 0 || takebitcode(st, o) < 0)
		return -1;
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		json_object_del(o, known[i]);
	return 0;
}

/* Parses a line; complete says whether it ended in a newline. */
static int
parse(struct cg_state *st, const char *line, size_t n, int complete)
{
	json_error_t jerr;
	const char *nul = memchr(line, '\0', n);
	json_t *o;
	int r;

	if (nul)
		return cg_error(CG_EXIT_DATA, "bad state: a NUL byte at "
		    "column %zu", (size_t)(nul - line) + 1);
	o = json_loadb(line, n, JSON_REJECT_DUPLICATES, &jerr);
	if (o == NULL) {
		if (!complete || json_error_code(&jerr) ==
		    json_error_premature_end_of_input)
			return cg_error(CG_EXIT_DATA,
			    "state is cut short (%s)", jerr.text);
		return cg_error(CG_EXIT_DATA, "state is not JSON: %s at "
		    "column %d", jerr.text, jerr.column);
	}
	if (!json_is_object(o)) {
		json_decref(o);
		return bad("not a JSON object");
	}
	cg_state_release(st);
	cg_state_init(st);
	r = take(st, o);
	json_decref(st->extra);
	st->extra = o;
	return r;
}

int
cg_state_parse(struct cg_state *st, const char *line, size_t n)
{
	return parse(st, line, n, 1);
}

int
cg_state_parse_line(struct cg_state *st, const struct cg_buf *line,
    int complete)
{
	return parse(st, (const char *)line->data, line->len, complete);
}

static void
field(struct cg_buf *out, const char *name)
{
	cg_buf_add(out, ",\"", out->len ? 2 : 1);
	cg_buf_addstr(out, name);
	cg_buf_add(out, "\":", 2);
}

static void
optreal(struct cg_buf *out, int has, double v)
{
	if (has)
		cg_json_real(out, v);
	else
		cg_buf_addstr(out, "null");
}

void
cg_state_format(const struct cg_state *st, struct cg_buf *out)
{
	const char *k;
	json_t *v;
	size_t i;

	cg_buf_addstr(out, "{\"format\":\"" CG_STATE_FORMAT "\"");
	field(out, "benchmark");
	cg_json_string(out, st->benchmark, strlen(st->benchmark));
	if (st->space != cg_space_default()) {
		field(out, "action_space");
		cg_json_string(out, st->space->name, strlen(st->space->name));
	}
	field(out, "actions");
	cg_buf_add(out, "[", 1);
	for (i = 0; i < st->nactions; i++) {
		const char *name = cg_space_action(st->space,
		    st->actions[i])->flag;
		if (i)
			cg_buf_add(out, ",", 1);
		cg_json_string(out, name, strlen(name));
	}
	cg_buf_add(out, "]", 1);
	field(out, "reward_space");
	if (st->reward_space)
		cg_json_string(out, st->reward_space, strlen(st->reward_space));
	else
		cg_buf_addstr(out, "null");
	field(out, "reward");
	optreal(out, st->has_reward, st->reward);
	field(out, "episode_reward");
	optreal(out, st->has_episode_reward, st->episode_reward);
	field(out, "done");
	cg_buf_addstr(out, st->done ? "true" : "false");
	if (st->changed >= 0) {
		field(out, "changed");
		cg_buf_addstr(out, st->changed ? "true" : "false");
	}
	if (st->error) {
		field(out, "error");
		cg_json_string(out, st->error, strlen(st->error));
	}
	field(out, "baselines");
	cg_json_write(out, st->baselines);
	field(out, "costs");
	cg_json_write(out, st->costs);
	field(out, "walltime");
	cg_json_real(out, st->walltime);
	if (st->build) {
		field(out, "build");
		cg_json_write(out, st->build);
	}
	if (st->run) {
		field(out, "run");
		cg_json_write(out, st->run);
	}
	json_object_foreach(st->extra, k, v) {
		cg_buf_add(out, ",", 1);
		cg_json_string(out, k, strlen(k));
		cg_buf_add(out, ":", 1);
		cg_json_write(out, v);
	}
	field(out, "bitcode");
	cg_buf_add(out, "\"", 1);
	cg_base64_encode(out, st->bitcode.data, st->bitcode.len);
	cg_buf_add(out, "\"}\n", 3);
}

int
cg_state_getline(FILE *fp, struct cg_buf *line, int *complete)
{
	ssize_t n;

	*complete = 0;
	errno = 0;
	n = getline((char **)&line->data, &line->cap, fp);
	if (n < 0) {
		line->len = 0;
		/* A line too long for memory is a read error, not the end. */
		if (ferror(fp) || !feof(fp))
			return cg_error(CG_EXIT_FAILURE, "read error: %s",
			    errno == ENOMEM ? "a line too long for memory" :
			    strerror(errno ? errno : EIO));
		return 0;
	}
	line->len = (size_t)n;
	*complete = line->data[n - 1] == '\n';
	return 1;
}
