/* cg-validate: replay states and check that their results hold. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg-tools.h"
#include "cg_error.h"
#include "cg_episode.h"
#include "cg_json.h"
#include "cg_reward.h"
#include "cg_state.h"
#include "cg_util.h"
#include "cg_validate.h"

#define DEFAULT_REWARD "IrInstructionCountOz"

struct job {
	struct cg_validate_opts o;
	int csv;		/* write CompilerGym's CSV */
	size_t count, failed, rewards;
	double logsum, walltime;
	int nonpositive;
	char *space;		/* the reward space of the first state */
};

static int
validate(struct cg_state *st, void *arg, struct cg_buf *out, int *keep)
{
	struct job *j = arg;
	json_t *res = cg_validate_state(st, &j->o), *errs, *e;
	int valid = json_is_true(json_object_get(res, "valid"));
	size_t i;

	j->count++;
	j->walltime += st->walltime;
	if (j->space == NULL && st->reward_space)
		j->space = cg_strdup(st->reward_space);
	if (!valid) {
		j->failed++;
		errs = json_object_get(res, "errors");
		json_array_foreach(errs, i, e)
			cg_warnx("%s: %s", st->benchmark,
			    json_string_value(json_object_get(e, "type")));
	} else if (st->reward_space && st->has_episode_reward) {
		/* Geometric mean as CompilerGym: rewards clipped at 0, and
		 * 0 when any is not positive. */
		j->rewards++;
		if (st->episode_reward <= 0)
			j->nonpositive = 1;
		else
			j->logsum += log(st->episode_reward);
	}
	if (j->csv)
		cg_validate_csv_row(st, j->count == 1, out);
	else {
		cg_json_write(out, res);
		cg_buf_addstr(out, "\n");
	}
	json_decref(res);
	*keep = 1;
	return 0;
}

/* The last line: what was validated, and never a number that is none. */
static void
summary(const struct job *j, const char *space)
{
	char mean[64] = "";

	if (j->count == 0) {
		cg_warnx("no state to validate");
		return;
	}
	snprintf(mean, sizeof(mean), "; mean walltime %.3f s",
	    j->walltime / (double)j->count);
	if (j->rewards == 0)
		cg_warnx("%zu states, %zu failed; no valid state with a reward%s",
		    j->count, j->failed, mean);
	else if (j->nonpositive)
		cg_warnx("%zu states, %zu failed; no geomean %s: a reward is not "
		    "positive%s", j->count, j->failed, space, mean);
	else
		cg_warnx("%zu states, %zu failed; geomean %s %.4f over %zu%s",
		    j->count, j->failed, space, exp(j->logsum /
		    (double)j->rewards), j->rewards, mean);
}

/* Reads stdin as it comes: JSON states, or CompilerGym's CSV. */
static int
run(struct job *j, const char *reward)
{
	struct cg_buf out = CG_BUF_INIT;
	struct cg_state *states;
	FILE *fp = stdin;
	size_t i;
	int n, c, status = 0, keep;

	/* Blank lines mean nothing in either format. */
	while ((c = getc(fp)) == ' ' || c == '\t' || c == '\r' || c == '\n')
		;
	if (c != EOF)
		ungetc(c, fp);
	if (ferror(fp)) {
		cg_warnx("read error: %s", strerror(errno));
		status = CG_EXIT_FAILURE;
	} else if (c == '{' || c == EOF) {
		status = cg_stream_run(fp, validate, j);
	} else if ((n = cg_validate_read_csv(fp, reward, &states)) < 0) {
		status = cg_report();
	} else {
		for (i = 0; i < (size_t)n; i++) {
			cg_buf_reset(&out);
			validate(&states[i], j, &out, &keep);
			if (cg_out_write(&out) < 0) {
				status = cg_report();
				break;
			}
		}
		for (i = 0; i < (size_t)n; i++)
			cg_state_release(&states[i]);
		free(states);
	}
	cg_buf_release(&out);
	summary(j, j->space);
	free(j->space);
	if (!status && j->failed)
		status = CG_EXIT_FAILURE;
	return status;
}

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: cg-validate [-h] [--csv] [--semantics] "
	    "[--sanitize] [-r reward] [-T seconds]\n");
}

int
cmd_validate(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "csv", no_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ "reward", required_argument, NULL, 'r' },
		{ "sanitize", no_argument, NULL, 'A' },
		{ "semantics", no_argument, NULL, 'S' },
		{ "timeout", required_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 }
	};
	struct job j;
	const char *reward = DEFAULT_REWARD;
	int c;

	cg_setprogname(argv[0]);
	memset(&j, 0, sizeof(j));
	j.o.timeout = CG_STEP_TIMEOUT;
	while ((c = getopt_long(argc, argv, "hr:T:", longopts, NULL)) != -1) {
		switch (c) {
		case 'A':
			j.o.sanitize = 1;
			j.o.semantics = 1;
			break;
		case 'C':
			j.csv = 1;
			break;
		case 'h':
			usage(stdout);
			return cg_out_close(0);
		case 'r':
			if (cg_reward_lookup(optarg) == NULL) {
				cg_warnx("unknown reward space '%s'", optarg);
				return CG_EXIT_USAGE;
			}
			reward = optarg;
			break;
		case 'S':
			j.o.semantics = 1;
			break;
		case 'T':
			if (cg_parse_seconds(optarg, &j.o.timeout) < 0)
				return cg_report();
			break;
		default:
			usage(stderr);
			return CG_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		cg_warnx("unexpected argument '%s'", argv[optind]);
		usage(stderr);
		return CG_EXIT_USAGE;
	}
	return cg_out_close(run(&j, reward));
}
