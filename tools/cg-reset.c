/* cg-reset: start episodes on benchmarks. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg-tools.h"
#include "cg_benchmark.h"
#include "cg_episode.h"
#include "cg_error.h"
#include "cg_reward.h"
#include "cg_state.h"
#include "cg_stream.h"
#include "cg_util.h"

struct opts {
	const char *reward;
	int reward_given;
	double timeout;
};

/*
 * Resets one benchmark and writes the state, with the unknown fields of
 * extra (or NULL) carried over; returns an exit status.
 */
static int
reset(const char *spec, const char *reward, const struct opts *o,
    json_t *extra)
{
	struct cg_state st;
	struct cg_buf out = CG_BUF_INIT;
	int status = 0;

	cg_state_init(&st);
	if (cg_episode_reset(&st, spec, reward, o->timeout) < 0)
		status = cg_report();
	else {
		if (extra)
			json_object_update(st.extra, extra);
		cg_state_format(&st, &out);
		if (cg_out_write(&out) < 0)
			status = cg_report();
	}
	cg_buf_release(&out);
	cg_state_release(&st);
	return status;
}

/* Lines of stdin: benchmark URIs, or states to reset to their start. */
static int
fromstdin(const struct opts *o)
{
	struct cg_buf line = CG_BUF_INIT;
	struct cg_state st;
	int status = 0, complete, r, s;

	cg_state_init(&st);
	while ((r = cg_state_getline(stdin, &line, &complete)) > 0) {
		char *p = (char *)line.data;
		p[strcspn(p, "\r\n")] = '\0';
		if (*p == '\0')
			continue;
		if (*p == '{') {
			if (cg_state_parse(&st, p, strlen(p)) < 0) {
				s = cg_report();
			} else
				s = reset(st.benchmark, o->reward_given ?
				    o->reward : st.reward_space, o, st.extra);
		} else
			s = reset(p, o->reward, o, NULL);
		if (s && !status)
			status = s;
		if (s == CG_EXIT_FAILURE && strstr(cg_errmsg(), "write error"))
			break;
	}
	if (r < 0 && !status)
		status = cg_report();
	cg_state_release(&st);
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

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: cg-reset [-h] [--list-rewards] [-r space] "
	    "[-T seconds] [-b benchmark] [benchmark ...]\n");
}

int
cmd_reset(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "benchmark", required_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ "list-rewards", no_argument, NULL, 'L' },
		{ "reward", required_argument, NULL, 'r' },
		{ "timeout", required_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 }
	};
	struct opts o = { NULL, 0, CG_STEP_TIMEOUT };
	const char **specs;
	int c, n = 0, i, status = 0, s;

	cg_setprogname(argv[0]);
	specs = cg_calloc((size_t)argc + 1, sizeof(*specs));
	while ((c = getopt_long(argc, argv, "b:hr:T:", longopts, NULL)) != -1) {
		switch (c) {
		case 'b':
			specs[n++] = optarg;
			break;
		case 'h':
			usage(stdout);
			return cg_out_close(0);
		case 'L':
			listrewards();
			return cg_out_close(0);
		case 'r':
			if (cg_reward_lookup(optarg) == NULL) {
				cg_warnx("unknown reward space '%s'", optarg);
				return CG_EXIT_USAGE;
			}
			o.reward = optarg;
			o.reward_given = 1;
			break;
		case 'T':
			if (cg_parse_seconds(optarg, &o.timeout) < 0)
				return cg_report();
			break;
		default:
			usage(stderr);
			return CG_EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	for (i = 0; i < argc; i++)
		specs[n++] = argv[i];
	if (n == 0)
		specs[n++] = CG_DEFAULT_BENCHMARK;
	for (i = 0; i < n; i++) {
		s = strcmp(specs[i], "-") == 0 ? fromstdin(&o) :
		    reset(specs[i], o.reward, &o, NULL);
		if (s && !status)
			status = s;
	}
	free(specs);
	return cg_out_close(status);
}
