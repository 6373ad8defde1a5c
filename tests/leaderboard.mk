# make leaderboard: CompilerGym's llvm-ic-v0 protocol as make targets.
#
# Each benchmark of DATASET gets TIME seconds of cg-search per run (reward
# IrInstructionCountOz, JOBS workers, run r with --seed r), one result file
# per benchmark and run; the results of an algorithm are then merged into
# a CompilerGym results CSV, validated (replay and reward, then, as
# CompilerGym does, the output of the programs of runnable benchmarks),
# summed up, and drawn (bars.svg: each benchmark's reward against -Oz).  So `make -j N` runs N searches at once, an interrupted
# run resumes where it stopped (a result is written to a temporary name,
# then renamed: a half-written one never counts), and LAUNCH runs each
# search through a launcher, e.g. LAUNCH='srun -n1' inside a Slurm
# allocation (each search asks for JOBS cores).
#
#   make leaderboard [DATASET=cgbench-v0] [TIME=60] [JOBS=2] [RUNS=1]
#       [ALGOS="ils greedy random"] [STEPS=n] [SEARCHFLAGS=...]
#       [BENCHMARKS="uri ..."] [LAUNCH=...] [OUT=build/leaderboard]
#
# STEPS gives a budget in steps instead of TIME (deterministic with
# JOBS=1).  Results go to OUT/DATASET-ALGO-tTIME/ (-nSTEPS with STEPS), one
# folder per setting: give another OUT when SEARCHFLAGS changes.
#
# The same pattern serves any sweep: a rule per result file that writes
# NAME.tmp and renames it, and a rule that merges them.

HERE := $(dir $(lastword $(MAKEFILE_LIST)))
CG ?= $(CURDIR)/build/bin
DATASET ?= cgbench-v0
TIME ?= 60
JOBS ?= 2
RUNS ?= 1
ALGOS ?= ils greedy random
STEPS ?=
SEARCHFLAGS ?=
LAUNCH ?=
OUT ?= build/leaderboard

BENCHMARKS ?= $(shell $(CG)/cg-datasets $(DATASET))
# Benchmark URIs as file names: benchmark:// dropped, any byte that a
# make target cannot hold written @XX, and so the // of another scheme
# (generator://csmith-v0/1 is generator@3A@2F@2Fcsmith-v0/1).
NAMES := $(shell printf '%s\n' $(BENCHMARKS) | \
	perl -pe 's{^benchmark://}{}; s{([^A-Za-z0-9._+/\n-])}{sprintf("@%02X", ord($$1))}ge; s{\@3A//}{\@3A\@2F\@2F}')
RUNLIST := $(shell seq 1 $(RUNS))
BUDGET = $(if $(STEPS),-n $(STEPS),-t $(TIME))

resdir = $(OUT)/$(DATASET)-$(1)$(if $(STEPS),-n$(STEPS),-t$(TIME))
results = $(foreach n,$(NAMES),$(foreach r,$(RUNLIST),$(call resdir,$(1))/$(n).run$(r).json))

leaderboard: $(foreach a,$(ALGOS),$(call resdir,$(a))/summary)
	@echo "llvm-ic-v0 on $(DATASET): $(words $(NAMES)) benchmarks," \
		"$(if $(STEPS),$(STEPS) steps,$(TIME) s) each, -j $(JOBS)," \
		"$(RUNS) run(s)$(if $(SEARCHFLAGS),; $(SEARCHFLAGS)); in $(OUT)"
	@printf '%-10s %10s %16s %11s %7s %9s %10s\n' algorithm geomean \
		'runs min..max' walltime/s valid behaves 'geomean ok'
	@cat $^

# Each algorithm's folder: its name, and its results.
$(foreach a,$(ALGOS),$(eval $(call resdir,$(a))/%: ALGO := $(a)))
$(foreach a,$(ALGOS),$(eval $(call resdir,$(a))/summary: $(call results,$(a))))

# One search: the file name gives the benchmark and the run (its seed).
$(OUT)/%.json:
	@mkdir -p $(@D)
	@s='$*'; s=$${s#*/}; run=$${s##*.run}; \
	uri=$$(printf '%s' "$${s%.run*}" | \
		perl -pe 's{@([0-9A-F]{2})}{chr(hex($$1))}ge'); \
	case $$uri in *://*) ;; *) uri=benchmark://$$uri ;; esac; \
	SLURM_CPUS_PER_TASK=$(JOBS) $(LAUNCH) $(CG)/cg-search -q \
		-s $(ALGO) $(BUDGET) -j $(JOBS) --seed "$$run" \
		-r IrInstructionCountOz $(SEARCHFLAGS) -b "$$uri" >$@.tmp && \
		mv -f $@.tmp $@

# The results of an algorithm: the CSV, its validation, the summary line.
$(OUT)/%/summary:
	@cat $^ >$(@D)/states.jsonl
	@$(CG)/cg-validate --csv <$(@D)/states.jsonl >$(@D)/results.csv.tmp \
		2>$(@D)/validation.log; mv -f $(@D)/results.csv.tmp $(@D)/results.csv
	@$(CG)/cg-validate --semantics <$(@D)/results.csv \
		>$(@D)/validation.jsonl 2>>$(@D)/validation.log || true
	@$(CG)/cg-plot bars $(@D)/bars.svg \
		'$(ALGO) on $(DATASET): reward against -Oz' $(@D)/states.jsonl
	@sh $(HERE)leaderboard-summary.sh $(@D) $(ALGO) \
		$(words $(NAMES)) $(RUNS) >$@.tmp && mv -f $@.tmp $@

.PHONY: leaderboard
