/*
 * Inside the search, not for the tools: the memory the master shares with
 * its workers, the engine a worker runs an algorithm on, and what the
 * algorithms share.  Layer 8 (search and validation).
 *
 *   cg_search_pool.c    the master and its worker processes, the protocol
 *   cg_search_eng.c     the engine: randomness, budget, applying actions,
 *                       costs, reports, the blacklist, the best of all
 *   cg_search_traj.c    sequences with snapshots, and the seed from -Oz
 *   cg_search_walk.c    random walks, greedy, e-greedy and beam search
 *   cg_search_ils.c     iterated local search (the default)
 *   cg_search_anneal.c  simulated annealing
 *   cg_search_check.c   checks of the best result while the search goes on
 *
 * A worker keeps its module in-process and clones it per candidate; the
 * actions of a candidate are published in its slot before they run, so
 * that when one kills the worker the master knows which prefix to
 * blacklist.
 */
#ifndef CG_SEARCH_ENG_H
#define CG_SEARCH_ENG_H

#include <stdint.h>

#include <llvm-c/Core.h>

#include "cg_action.h"
#include "cg_obs.h"
#include "cg_proc.h"
#include "cg_search.h"

#define MAXLEN 400		/* actions in one candidate */
#define MAXJOBS 64
#define MAXBLACK 1024
#define REC_IMPROVE 1
#define REC_VERDICT 2
#define EXIT_RECYCLE 75		/* a worker asks to be replaced (memory) */
#define RECYCLE_STEPS 50000

/* What one worker is doing, for progress and for blaming a crash. */
struct slot {
	volatile uint64_t steps;
	volatile int pos;	/* index of the action running, or -1 */
	volatile double since;	/* when it started */
	volatile int len;
	int acts[MAXLEN];
};

/* Memory shared by the master and its workers. */
struct shared {
	volatile uint64_t version;	/* seqlock: odd while best changes */
	volatile double best_cost;
	volatile int best_len;
	int best[MAXLEN];
	volatile int nblack;
	struct { int len; uint64_t hash; } black[MAXBLACK];
	struct slot slot[MAXJOBS];
};

/* A worker's engine. */
struct eng {
	const struct cg_search_opts *o;
	struct shared *sh;
	struct slot *slot;
	int fd;
	LLVMModuleRef start;
	double c0;		/* cost of the start module */
	double best;		/* best cost this worker reported */
	uint64_t rng;
	double deadline;
	uint64_t budget;	/* steps for this worker, 0 for none */
	const struct cg_space *space;	/* the state's actions */
	unsigned char allowed[CG_MAXACTIONS];	/* those it may use */
	int acts[CG_MAXACTIONS];	/* the indices of those */
	int nacts;
	int cheap[CG_MAXACTIONS];	/* the same, the light ones first */
	int nlight;
	int limit;		/* the longest sequence: --max-length */
	int seed[2][MAXLEN];	/* the space's seeds (cg_traj_seeds()) */
	int nseed[2];
	unsigned char useful[CG_MAXACTIONS];
	int nuseful;
	struct cg_obs_ctx ctx;	/* for costs that build and run the program */
	int shared;		/* other workers exist: adopt their best */
	int seeds;		/* ILS seeds to run: 1 plain, 2 after -inline */
	int fresh;		/* the first worker in its slot */
	int bestseq[MAXLEN];	/* the best sequence this worker reported */
	int bestn;
	int nblack;		/* entries of the blacklist seen */
	uint64_t *optima;	/* signatures of modules no action improves */
	size_t noptima;
};

/* FNV-1a over action indices, for blacklist entries and signatures. */
#define CG_SEARCH_HASH0 0xcbf29ce484222325ull
uint64_t cg_search_hash(uint64_t h, int a);

/* The shared memory: its blacklist of prefixes and its best of all. */
int cg_shared_blackprefix(const struct shared *sh, const int *seq, int n);
void cg_shared_blacklist(struct shared *sh, const int *seq, int n);
void cg_shared_publish(struct shared *sh,
    const struct cg_search_result *res);

/* The engine (cg_search_eng.c). */
uint64_t cg_eng_rnd(struct eng *e);
int cg_eng_int(struct eng *e, int n);		/* uniform in [0, n) */
int cg_eng_pick(struct eng *e);			/* an action it may use */
double cg_eng_unit(struct eng *e);		/* uniform in [0, 1) */
int cg_eng_over(struct eng *e);
double cg_eng_cost(struct eng *e, LLVMModuleRef m);
void cg_eng_begin(struct eng *e, const int *seq, int n);
int cg_eng_act(struct eng *e, LLVMModuleRef m, const int *seq, int pos);
void cg_eng_report(struct eng *e, const int *seq, int n, double c,
    LLVMModuleRef m);
/* Sends seq[0..n) of cost c to the master as it is. */
void cg_eng_send(struct eng *e, const int *seq, int n, double c);
int cg_eng_globalbest(struct eng *e, double cost, int *seq, int *n);
void cg_eng_useful(struct eng *e, int a);
double cg_eng_replay(struct eng *e, LLVMModuleRef m, const int *seq,
    int from, int n);
LLVMModuleRef cg_eng_greedystep(struct eng *e, LLVMModuleRef m, int *seq,
    int n, double cur, const unsigned char *set, int first, int *besta,
    double *bestc);
uint64_t cg_eng_signature(LLVMModuleRef m, double c);

/*
 * A sequence with snapshots of the module after some of its prefixes
 * (every stride actions), so that a change at position k replays only from
 * the snapshot before k (cg_search_traj.c).
 */
struct traj {
	int seq[MAXLEN];
	int n;
	int stride;
	LLVMModuleRef snap[MAXLEN + 1];	/* snap[0] is the start, borrowed */
	double cost;
};

void cg_traj_cut(struct traj *t, int from);
int cg_traj_base(const struct traj *t, int k);
double cg_traj_set(struct eng *e, struct traj *t, const int *seq, int n,
    int from);
LLVMModuleRef cg_traj_try(struct eng *e, const struct traj *t,
    const int *seq, int n, int from, double *c);
int cg_traj_stride(struct eng *e);
/* Fills e->seed and e->nseed from the seeds of e's space. */
void cg_traj_seeds(struct eng *e);
void cg_traj_seed(struct eng *e, struct traj *t);

/* The algorithms, each run by one worker until its budget ends. */
void cg_search_random(struct eng *e);
void cg_search_greedy(struct eng *e, double epsilon);
void cg_search_beam(struct eng *e);
void cg_search_ils(struct eng *e);
void cg_search_anneal(struct eng *e);
void cg_search_minimize(struct eng *e);

/* The check of the best while the search goes on (cg_search_check.c). */
struct checker {
	struct cg_child kid;
	int running;
	const struct cg_search_opts *o;
	const struct cg_state *st;	/* the start */
	int seq[MAXLEN];	/* the sequence being checked */
	size_t n;
	size_t cut;		/* the length of the last prefix retracted */
};

void cg_check_step(struct checker *ck, struct cg_search_result *res,
    struct shared *sh, struct cg_buf *data);
void cg_check_stop(struct checker *ck);

#endif
