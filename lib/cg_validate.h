/*
 * Validation: replay a state's actions from its benchmark and check that
 * the reward and the module come out the same; optionally build and run
 * the program against its unoptimised build.  Also CompilerGym's results
 * CSV (benchmark,reward,walltime,commandline) in both directions.
 * Layer 8 (search and validation).
 */
#ifndef CG_VALIDATE_H
#define CG_VALIDATE_H

#include <stdio.h>

#include <jansson.h>

#include "cg_buf.h"
#include "cg_state.h"

/* The runs of a benchmark's unoptimised program, to check many builds. */
struct cg_gold {
	size_t nruns;
	struct cg_goldrun {
		int ran;	/* 0 when it timed out */
		int status;
		double secs;
		struct cg_buf out;
	} *run;
};

struct cg_validate_opts {
	int semantics;		/* build and run, compare with -O0's output */
	int sanitize;		/* also run the optimised build under ASan+UBSan */
	int first;		/* --semantics: stop at the first run that fails */
	int only;		/* --semantics: check run only-1 alone (0: all) */
	double timeout;		/* per action */
	const struct cg_gold *gold;	/* the runs of unopt, when known */
};

/*
 * Validates st (borrowed; a state from a CSV row has no bitcode).  Returns
 * a new JSON object: benchmark, reward_space, reward (replayed),
 * expected_reward, semantics_validated (a run configuration was built and
 * run; a benchmark without one is not an error), commandline, walltime,
 * valid, errors [{type, data}].
 */
json_t *cg_validate_state(const struct cg_state *st,
    const struct cg_validate_opts *o);

/* What the behaviour check of a program found. */
enum cg_behaviour {
	CG_NOT_RUN,	/* the benchmark has nothing to run */
	CG_BEHAVES,	/* every run as the unoptimised program's */
	CG_MISBEHAVES,	/* a run differs: status, output, or a hang */
	CG_UNTOLD	/* cannot tell: a build fails, or the unoptimised
			   program does not run as expected */
};

struct cg_verdict {
	enum cg_behaviour behaviour;
	int run;		/* the run that failed first, or -1 */
	char type[64];		/* the type of the first error, for people */
};

/*
 * The behaviour check of --semantics alone: builds unopt and opt (bitcode
 * of st's benchmark as reset, and optimised) and runs both on every run
 * configuration of the benchmark (with o->only, run only-1; with o->first,
 * up to the first that fails), adding what differs to errors (or NULL).
 * The first failure decides the verdict (v may be NULL), returned too.
 */
enum cg_behaviour cg_validate_semantics(const struct cg_state *st,
    const struct cg_buf *unopt, const struct cg_buf *opt,
    const struct cg_validate_opts *o, json_t *errors, struct cg_verdict *v);

/*
 * Builds unopt (bitcode of st's benchmark as reset) and runs it on every
 * run configuration of the benchmark, for cg_validate_opts.gold: 0, 1 when
 * the benchmark has nothing to run, -1 with a recorded error when its
 * configuration is bad or the build fails.
 */
int cg_validate_gold(const struct cg_state *st, const struct cg_buf *unopt,
    struct cg_gold *g);
void cg_validate_gold_release(struct cg_gold *g);

/* "opt -a -b input.bc -o output.bc" for the actions of st. */
void cg_validate_commandline(const struct cg_state *st, struct cg_buf *out);

/*
 * Reads CompilerGym's results CSV.  A header row (the four names in any
 * order, any case) sets the column order; otherwise rows are benchmark,
 * reward, walltime, commandline.  Each row becomes a state without bitcode
 * with the given reward space.  Returns the number of states (new array in
 * *states), or -1 with status 3 naming the line.
 */
int cg_validate_read_csv(FILE *fp, const char *reward_space,
    struct cg_state **states);

/* Appends a CSV row (with a header first when header is set). */
void cg_validate_csv_row(const struct cg_state *st, int header,
    struct cg_buf *out);

#endif
